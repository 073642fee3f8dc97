"""Rules that judge runs of paragraphs: related-article lists, appeals, repeated headlines.

Noise that a single line does not betray shows in its *context*:

* a related-articles block is a heading-like line ("Related articles",
  "More stories", "ALSO") followed by a run of headline-shaped lines and
  cut-off teasers ending in "..." — or, without a heading, a run of such
  items with several teasers;
* a donation or subscription appeal is a trailing run of paragraphs that
  address the reader ("you", "us") with support/donate/subscribe words,
  possibly under a short hook line ("Keep Independent Journalism Alive");
* a repeated headline is a paragraph that says the title again, or a
  headline-shaped line that says an earlier line again.

Each function takes the paragraphs (and the indexes still kept) and
returns ``{index: reason}``; none looks at particular outlets' strings.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from newsfuse.clean.rules import is_ui_text
from newsfuse.clean.shape import ends_like_sentence, is_headline_like, is_truncated, line_key
from newsfuse.clean.shape import size as count_words
from newsfuse.ingest.html import TITLE_SEPARATORS
from newsfuse.text import content_words

__all__ = ["appeal_block", "related_blocks", "repeated_headlines", "widget_lines"]

# A short page/widget line ("Please enable JavaScript to watch this video")
# is removed when at most WIDGET_MAX_OVERLAP of its content words occur in
# the rest of the article: in a story about a browser flaw, such sentences
# are the story (ECB+ topic 27 shares 40-80% of their words with the body).
WIDGET_MAX_OVERLAP = 0.25

# Related-articles blocks: after a heading, at least RELATED_MIN_ITEMS
# headline/teaser lines; without a heading, at least HEADLESS_MIN_ITEMS
# lines of which HEADLESS_MIN_TEASERS end in an ellipsis.  A teaser longer
# than TEASER_MAX_WORDS is a paragraph, not a teaser.
RELATED_MIN_ITEMS = 2
HEADLESS_MIN_ITEMS = 4
HEADLESS_MIN_TEASERS = 2
TEASER_MAX_WORDS = 60

# A trailing run of headline-shaped lines (no heading, no teasers) is a list
# of other stories when it has at least TRAILING_MIN_ITEMS lines and shares
# at most TRAILING_MAX_OVERLAP of its content words with the story above.
# (Story subheads share 30-60% of their words with the body; lists of other
# stories' headlines 0-15%.)
TRAILING_MIN_ITEMS = 3
TRAILING_MAX_OVERLAP = 0.2

# Doubled headlines and subtitles sit in the first HEAD_PARAGRAPHS
# paragraphs.  Elsewhere a repeated paragraph is an extractor's artifact
# when it is long (REPEATED_LONG_WORDS+ words) or follows its first copy
# closely (REPEATED_MIN_WORDS+ words, within 3 paragraphs); shorter or
# distant repeats are content (a meal plan repeating a dish, list items) and
# stay.  (On the Zyte benchmark a meal plan lost 22% of its words to a
# 20-word rule.)
HEAD_PARAGRAPHS = 5
REPEATED_MIN_WORDS = 20
REPEATED_LONG_WORDS = 50

# Appeals: at most APPEAL_MAX_PARAGRAPHS trailing paragraphs, together at
# most APPEAL_MAX_SHARE of the article's words (so that a story *about* a
# fundraising drive does not lose its body).
APPEAL_MAX_PARAGRAPHS = 5
APPEAL_MAX_SHARE = 0.35

_RELATED_HEADING = re.compile(
    r"""^\W*(?:
        related(?:\s+(?:articles?|stories|story|coverage|content|news|reading|links?|posts?|videos?))?
      | (?:more|other|latest|top|popular|trending|recommended|suggested|featured)\s+
        (?:articles?|stories|news|headlines|posts|reads?|videos?|from\s+[\w\s.'’&-]{1,40}|on\s+[\w\s.'’&-]{1,40})
      | (?:you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)) | also | also\s+(?:read|see|on\s+[\w\s.'’&-]{1,30})
      | read\s+(?:next|more|also) | see\s+also | further\s+reading | most\s+(?:read|popular|viewed|shared|emailed)
      | what\s+to\s+read\s+next | (?:don't|do\s+not)\s+miss | editors?'?s?\s+picks? | in\s+case\s+you\s+missed\s+it
      | recommended(?:\s+for\s+you)? | trending(?:\s+now)? | popular(?:\s+now)? | around\s+the\s+web
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)

_APPEAL = re.compile(
    r"""\b(?:
        donat(?:e|es|ed|ing|ion|ions) | paypal | patreon | subscri(?:be|bes|ption|ptions|ber|bers)
      | newsletters? | memberships? | become\s+a\s+(?:member|subscriber|supporter|patron)
      | your\s+support | support\s+(?:us|our|independent|quality) | contributions?
      | independent\s+journalism | make\s+a\s+difference | chip\s+in | help\s+us
      | consider\s+(?:making|supporting|a\s+(?:gift|donation)|subscribing|becoming)
      | sign\s+up | keep\s+(?:us|our\s+journalism)\s+(?:free|going|alive|independent)
      | free\s+from\s+(?:corporate|political|commercial)
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# An appeal addresses the reader; a quoted or reported appeal ("we will
# support our colleagues," the dean said) is story text.
_READER = re.compile(r"\b(?:you|your|yours|us)\b", re.IGNORECASE)
_REPORTED = re.compile(r"^\W*[\"“‘']|\b(?:said|says|told|according\s+to)\b", re.IGNORECASE)


# A page title often carries the site's name ("Talks resume in Geneva | The
# Daily"), and the page repeats only the headline: a side of a separator with
# at least this many words is the title too.  Site names run one to four
# words (``ingest.html.MAX_SITE_NAME_WORDS``), headlines seldom fewer than five.
TITLE_PART_WORDS = 5
_TITLE_SEPARATOR = re.compile("|".join(re.escape(separator) for separator in TITLE_SEPARATORS))


def _title_keys(title: str) -> frozenset[str]:
    """Return the line keys a paragraph repeating ``title`` has: the whole title's, and each long side of a separator.

    Example:
        >>> sorted(_title_keys("Talks resume in Geneva after a year | The Daily"))[0]
        'talks resume in geneva after a year'
    """
    if not title:
        return frozenset()
    keys = {line_key(title)}
    keys.update(line_key(part) for part in _TITLE_SEPARATOR.split(title) if count_words(part) >= TITLE_PART_WORDS)
    keys.discard("")
    return frozenset(keys)


def repeated_headlines(
    paragraphs: Sequence[str], title: str, kept: Sequence[int] | None = None
) -> dict[int, str]:
    """Return ``{index: "repeated-headline"}`` for paragraphs that repeat the title or a headline.

    A paragraph that says the title again is removed, except when the title
    is a full sentence and this is its first occurrence (some sources use
    the lede as the title).  A headline-shaped paragraph in the head of the
    article that says a paragraph just above it again (a doubled headline
    or subtitle) is removed too, and so is a long or close repeat of an
    earlier paragraph (``repeated-paragraph``).  Short or distant repeats
    further down (list items, a chorus) stay.

    Example:
        >>> repeated_headlines(["Talks Resume", "Talks Resume", "The talks resumed."], "Talks Resume")
        {0: 'repeated-headline', 1: 'repeated-headline'}
    """
    order = list(range(len(paragraphs)) if kept is None else kept)
    found: dict[int, str] = {}
    title_is_sentence = bool(title) and ends_like_sentence(title) and not is_headline_like(title)
    title_keys = _title_keys(title)
    seen_title = False
    first_seen: dict[str, int] = {}
    for position, index in enumerate(order):
        paragraph = paragraphs[index]
        key = line_key(paragraph)
        if not key:
            continue
        if key in title_keys:
            if title_is_sentence and not seen_title:
                seen_title = True
                first_seen.setdefault(key, position)
                continue
            found[index] = "repeated-headline"
            continue
        first = first_seen.get(key)
        if first is None:
            first_seen[key] = position
        elif is_headline_like(paragraph) and first < HEAD_PARAGRAPHS and position - first <= 3:
            found[index] = "repeated-headline"
        elif count_words(paragraph) >= REPEATED_LONG_WORDS or (
            count_words(paragraph) >= REPEATED_MIN_WORDS and position - first <= 3
        ):
            found[index] = "repeated-paragraph"
    return found


@lru_cache(maxsize=16384)
def _is_link_item(paragraph: str) -> bool:
    """A line of a related-articles list: another story's headline or its cut-off teaser.

    Cached: each round of the cleaner asks again about every line it kept.
    """
    if is_truncated(paragraph):
        return count_words(paragraph) <= TEASER_MAX_WORDS
    return is_headline_like(paragraph)


def _overlap(block: Sequence[str], rest: Sequence[str]) -> float:
    block_words = set(content_words(" ".join(block)))
    if not block_words:
        return 1.0
    rest_words = set(content_words(" ".join(rest)))
    return len(block_words & rest_words) / len(block_words)


def related_blocks(paragraphs: Sequence[str], kept: Sequence[int]) -> dict[int, str]:
    """Return ``{index: "related-links"}`` for lists of other stories' headlines and teasers.

    ``kept`` are the indexes still in the article, in order; the rules look
    at them only (so an "Advertisement" line removed inside a list does not
    break the list).

    Example:
        >>> paras = ["The council approved the budget on Monday after a long debate.",
        ...          "Related", "Storm Hits the Coast", "Mayor Resigns After Vote"]
        >>> related_blocks(paras, range(4))
        {1: 'related-links', 2: 'related-links', 3: 'related-links'}
    """
    order = list(kept)
    # Each line is tested once: the scan from one position goes over the
    # lines that the scans from the positions after it go over again.
    is_item = [_is_link_item(paragraphs[i]) for i in order]
    found: dict[int, str] = {}
    position = 0
    while position < len(order):
        index = order[position]
        text = paragraphs[index]
        run_end = position + 1 if count_words(text) <= 8 and _RELATED_HEADING.match(text) else position
        has_heading = run_end > position
        items = teasers = 0
        while run_end < len(order) and is_item[run_end]:
            items += 1
            teasers += is_truncated(paragraphs[order[run_end]])
            run_end += 1
        at_end = run_end == len(order)
        is_block = (
            (has_heading and (items >= RELATED_MIN_ITEMS or (items >= 1 and at_end)))
            or (items >= HEADLESS_MIN_ITEMS and teasers >= HEADLESS_MIN_TEASERS)
            or (
                at_end
                and not has_heading
                and items >= TRAILING_MIN_ITEMS
                and position > 0
                and _overlap(
                    [paragraphs[i] for i in order[position:run_end]],
                    [paragraphs[i] for i in order[:position]],
                )
                <= TRAILING_MAX_OVERLAP
            )
        )
        if is_block:
            for i in order[position:run_end]:
                found[i] = "related-links"
            position = run_end
        else:
            position += 1
    return found


def _is_appeal(paragraph: str) -> bool:
    hits = len(_APPEAL.findall(paragraph))
    if not hits or not _READER.search(paragraph) or _REPORTED.search(paragraph):
        return False
    return hits >= 2 or count_words(paragraph) <= 60


def appeal_block(paragraphs: Sequence[str], kept: Sequence[int]) -> dict[int, str]:
    """Return ``{index: "call-to-action"}`` for a trailing donation/subscription appeal.

    Walks back from the last kept paragraph over paragraphs that address
    the reader with appeal words; a short headline-shaped hook line right
    above them ("Keep Independent Journalism Alive") goes with them.

    Example:
        >>> paras = ["The council approved the budget on Monday after a long debate " * 3,
        ...          "Support Local News", "Please consider a donation: your support keeps us going."]
        >>> appeal_block(paras, range(3))
        {1: 'call-to-action', 2: 'call-to-action'}
    """
    order = list(kept)
    block: list[int] = []
    position = len(order) - 1
    while position >= 0 and len(block) < APPEAL_MAX_PARAGRAPHS and _is_appeal(paragraphs[order[position]]):
        block.append(order[position])
        position -= 1
    if not block:
        return {}
    if position >= 0:
        hook = paragraphs[order[position]]
        if is_headline_like(hook) and count_words(hook) <= 10 and (
            _APPEAL.search(hook)
            or _overlap([hook], [paragraphs[i] for i in block]) > 0
        ):
            block.append(order[position])
    total = sum(count_words(paragraphs[i]) for i in order)
    removed = sum(count_words(paragraphs[i]) for i in block)
    if total and removed / total > APPEAL_MAX_SHARE:
        return {}
    return {index: "call-to-action" for index in sorted(block)}


def widget_lines(paragraphs: Sequence[str], kept: Sequence[int]) -> dict[int, str]:
    """Return ``{index: "navigation"}`` for short page/widget lines foreign to the story.

    Example:
        >>> paras = ["The council approved the budget on Monday after a long debate.",
        ...          "Rating is available when the video has been rented."]
        >>> widget_lines(paras, range(2))
        {1: 'navigation'}
    """
    order = list(kept)
    candidates = [i for i in order if is_ui_text(paragraphs[i])]
    found: dict[int, str] = {}
    for index in candidates:
        rest = [paragraphs[i] for i in order if i != index and i not in candidates]
        if _overlap([paragraphs[index]], rest) <= WIDGET_MAX_OVERLAP:
            found[index] = "navigation"
    return found
