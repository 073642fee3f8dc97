"""Telling pages that are not news articles from articles.

Crawls leave pages that hold no story at all: an archive's crawl notice,
a social site's location prompt, "JavaScript is disabled", a video
player's "Rating is available when the video has been rented".  Their
sentences speak of the *page and its reader* (browser, JavaScript,
cookies, sign in, your tweets, crawl, URLs, video) rather than of events.

``ui_score`` scores one sentence by that vocabulary; ``is_ui_sentence``
applies a threshold; ``not_an_article`` says why a whole text is not an
article (``""`` when it is one): most of its words stand in such sentences
and few narrative words are left, it is a paper or a video's description
(``newsfuse.clean.kinds``), or it is a list with next to no prose (cast
and crew, links, verse: ``newsfuse.clean.prose``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsfuse.clean.kinds import paper_reason, reader_page_reason, teaser_page_reason, video_page_reason
from newsfuse.clean.prose import list_page_reason
from newsfuse.clean.shape import size as count_words
from newsfuse.clean.shape import tokens
from newsfuse.text import split_sentences

__all__ = ["is_ui_sentence", "is_widget_text", "may_be_ui", "not_an_article", "page_text_reason", "ui_score"]

# Page/reader vocabulary.  STRONG terms are almost never story words in
# news: the page's own topics (JavaScript, browsers, crawls, URLs, the
# reader's tweets) and its notices (NOTICE: "try again later", "all rights
# reserved").  Measured: a sentence with one occurs in < 0.5% of the real
# articles of ECB+, BASIL and Multi-News, outside ECB+'s browser-flaw topic.
# WEAK terms are ordinary words that become telling in numbers (a sentence
# with three of them, or two and a second-person address, is about the page).
_NOTICE_PATTERN = r"""
        try\s+again\s+later | not\s+available\s+right\s+now | has\s+been\s+rented
      | (?:could\s+not|couldn't|can't|cannot)\s+be\s+(?:loaded|played|displayed|found)
      | interactive\s+transcript | learn\s+more | privacy\s+policy | terms\s+of\s+(?:use|service)
      | all\s+rights\s+reserved | (?:log|sign)\s+in\s+to | (?:sign|log)\s+(?:in|up)\s*[.!]?$
      | this\s+(?:feature|video|page|content)\s+is\s+(?:not\s+)?(?:available|unavailable)
      | page\s+you\s+requested | (?:enable|turn\s+on)\s+(?:javascript|cookies)
      | (?:javascript|cookies)\s+(?:is|are)\s+(?:disabled|required|not\s+enabled)
      | requires\s+javascript | (?:use|uses|accept|block)\s+(?:of\s+)?cookies
      | cookies?\s+(?:policy|settings|consent|preferences)
"""
_TOPIC_PATTERN = r"""
        javascript | web\s?browsers? | your\s+browser | browser\s+(?:settings|version)
      | wayback | crawl(?:s|ed|er|ers|ing)? | warc | embargo\s+period | inter-domain | urls?
      | location\s+(?:information|history) | third-party\s+applications | ad\s?blockers?
      | custom\s+domain | domain\s+mapping | help\s+center | (?:your|the)\s+tweets?\b
      | bookmarks? | webmaster | robots\.txt | seed\s?list | captures | outlinks
      | files\s+(?:are|is)\s+(?:currently\s+)?not\s+(?:publicly\s+)?(?:accessible|available)
"""
_NOTICE = re.compile(rf"\b(?:{_NOTICE_PATTERN})", re.VERBOSE)
_STRONG = re.compile(rf"\b(?:{_NOTICE_PATTERN} | {_TOPIC_PATTERN})", re.VERBOSE)
# Every match of _STRONG holds one of these strings (each alternative above
# has one; "played" is in "displayed", "cookie" in "cookies"...): a line
# (lower-cased, as _STRONG reads it) with none of them cannot match, and the
# substring tests are faster than the pattern.  Keep them in step with the
# patterns: a term added there needs its string here.
_STRONG_HINTS = (
    "again", "available", "rented", "loaded", "played", "found", "transcript", "learn", "privacy",
    "terms", "rights", "log", "sign", "requested", "javascript", "cookie", "browser", "wayback",
    "crawl", "warc", "embargo", "domain", "url", "location", "applications", "blocker", "help",
    "tweet", "bookmark", "webmaster", "robots", "seed", "captures", "outlinks", "files",
)
_WEAK = frozenset(
    """tweet tweets twitter facebook instagram video videos rating location app apps account
    email e-mail newsletter subscribe subscription click tap download upload page pages site
    sites website websites web link links domain domains archive archives archived archiving
    internet feature settings data collection collections wiki wikis seed browse online option enable disabled loaded
    playlist player""".split()
)
_SECOND_PERSON = re.compile(
    r"\b(?:you|your|yours|you're|you'll|please)\b|\b(?:follow|like|join)\s+(?:us|me)\b", re.IGNORECASE
)
_IMPERATIVE = re.compile(
    r"^\W*(?:please|click|tap|enable|add|sign|log|learn|try|watch|subscribe|tweet|follow|share|"
    r"become|like|join|get|download|visit|read|see|find)\b",
    re.IGNORECASE,
)
_REPORTING = re.compile(
    r"\b(?:said|says|told|according|reported|announced|added|stated|police|officials?)\b",
    re.IGNORECASE,
)

# A sentence is page/UI text at this score: one strong term (3 points), or
# three weak terms, or two weak terms in a second-person/imperative
# sentence (a reporting verb such as "said" takes one point off).
UI_SCORE_THRESHOLD = 3

# A text is not an article when sentences at or above UI_SCORE_THRESHOLD
# hold at least this share of its words and fewer than MAX_NARRATIVE_WORDS
# words stand in other sentences.  Chosen on Multi-News (the 33 crawl
# leftovers score 0.70-1.00; real articles with an embedded video or tweet
# prompt stay under 0.35) and checked on ECB+ and BASIL (no real article
# above 0.3); re-run `newsfuse eval extraction` and tests/test_clean.py's
# real-data tests after a change.
MIN_UI_SHARE = 0.5
MAX_NARRATIVE_WORDS = 60


def _weak_terms(text: str) -> int:
    return len(_WEAK.intersection(map(str.lower, tokens(text))))


@lru_cache(maxsize=16384)
def may_be_ui(text: str) -> bool:
    """Return whether ``text`` holds enough page vocabulary for a sentence of it to be page text.

    A cheap test run on whole paragraphs before scoring their sentences.
    """
    if _weak_terms(text) >= 2:
        return True
    lower = text.lower()
    return any(hint in lower for hint in _STRONG_HINTS) and bool(_STRONG.search(lower))


def ui_score(sentence: str) -> int:
    """Return how strongly ``sentence`` speaks of the page and its reader instead of events.

    Example:
        >>> ui_score("You need to enable JavaScript to use this site.")
        6
        >>> ui_score("The minister said the talks would resume on Monday.")
        0
    """
    strong = len(_STRONG.findall(sentence.lower()))
    weak = _weak_terms(sentence)
    score = 3 * strong + weak
    if score and (_SECOND_PERSON.search(sentence) or _IMPERATIVE.search(sentence)):
        score += 1
    if score and _REPORTING.search(sentence):
        score -= 1
    return score


def is_widget_text(line: str) -> bool:
    """Return whether ``line`` speaks to the reader about the page: a notice, or page vocabulary said to "you".

    Every sentence must be page text (``is_ui_sentence``) and the line must
    hold a notice ("try again later", "all rights reserved") or address the
    reader ("please", "you", an imperative): page-vocabulary sentences told
    in the third person ("Hackers planted code on trusted websites") are
    story text.

    Example:
        >>> is_widget_text("Please enable JavaScript to watch this video.")
        True
        >>> is_widget_text("Attackers lure victims to hacked web sites to hijack their browser.")
        False
    """
    spans = split_sentences(line)
    if not spans or not all(is_ui_sentence(line[a:b]) for a, b in spans):
        return False
    lower = line.lower()
    return bool(_NOTICE.search(lower) or _SECOND_PERSON.search(line) or _IMPERATIVE.search(line))


def is_ui_sentence(sentence: str) -> bool:
    """Return whether ``sentence`` is page or widget text (see ``ui_score``).

    Example:
        >>> is_ui_sentence("Rating is available when the video has been rented.")
        True
    """
    return ui_score(sentence) >= UI_SCORE_THRESHOLD


def not_an_article(text: str) -> str:
    """Return why ``text`` is not a news article, or ``""`` when it may be one.

    Five tests: most of its words speak of the page and its reader
    (``page_text_reason``), it is a research paper, a list of story teasers
    or a video's upload description (``newsfuse.clean.kinds``), or it is a list with next to no
    prose (``newsfuse.clean.prose.list_page_reason``).  ``clean_article`` runs
    the first on the page as read and the second on what cleaning keeps, so
    that a short story's "Follow us on: ..." footer, which cleaning removes,
    does not make it a page of links.

    Example:
        >>> not_an_article("JavaScript is disabled\\n\\nYou need to enable JavaScript to use SoundCloud")
        'page or widget text, not a story: 100% of 11 words are about the page (JavaScript, cookies, sign-in, video, crawl...)'
        >>> not_an_article("CAST\\nSinbad\\nJames - Bradley Bundlie\\nRachael - Jolie Ledford\\nCREW")
        'a list, not a story: 0 of 9 words stand in prose sentences (5 of 5 lines are names, credits, links or verse)'
        >>> not_an_article("The council approved the budget on Monday after a long debate.")
        ''
    """
    lines = text.splitlines()
    return (
        page_text_reason(text)
        or paper_reason(lines)
        or teaser_page_reason(lines)
        or list_page_reason(lines)
        or video_page_reason(lines)
        or reader_page_reason(lines)
    )


def page_text_reason(text: str) -> str:
    """Return why ``text`` is page or widget text rather than a story, or ``""``.

    Most of its words stand in sentences about the page and its reader
    (``is_ui_sentence``), and fewer than MAX_NARRATIVE_WORDS words in others.
    """
    total = ui_words = 0
    for line in text.splitlines():
        size = count_words(line)
        total += size
        if size and may_be_ui(line):
            for start, end in split_sentences(line):
                sentence = line[start:end]
                if is_ui_sentence(sentence):
                    ui_words += count_words(sentence)
        if total - ui_words >= MAX_NARRATIVE_WORDS:
            return ""  # enough story words already: an article, whatever follows
    if not total or not ui_words:
        return ""
    share = ui_words / total
    if share >= MIN_UI_SHARE and total - ui_words < MAX_NARRATIVE_WORDS:
        return (
            f"page or widget text, not a story: {share:.0%} of {total} words are about the page "
            "(JavaScript, cookies, sign-in, video, crawl...)"
        )
    return ""
