"""What the Markdown and HTML renderers share: outlet lists, dates, evidence in context."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsfuse.brief.quotes import SCARE_QUOTE_MAX_WORDS
from newsfuse.models import Brief, CleanArticle, Evidence, Quote, QuoteVersion
from newsfuse.models import outlet_of as outlet_name  # takes an article; this module's outlet_of takes an id
from newsfuse.text import count_words

# An outlet list longer than this is cut to its first OUTLETS_SHOWN_WHEN_CUT
# names and "+N" ("Reuters, AP, BBC +4"); at or under it every name shows,
# since "+1" would save nothing.  Chosen for one line in an 80-column terminal.
MAX_OUTLETS_LISTED = 4
OUTLETS_SHOWN_WHEN_CUT = 3

# Characters of the evidence's own paragraph shown on each side of it; cut at
# a word boundary.  Enough for the sentence before and after in most news.
CONTEXT_CHARS = 160

# Removed text longer than this is shortened in lists (the HTML page still
# has the whole text in a <details>).
MAX_REMOVAL_CHARS = 160

# A quote none of whose versions is longer than this is a phrase the reporter's
# sentence quotes ("urged lawmakers to 'recall' the bill"), not a statement: the
# renderers list such phrases apart, by speaker, after the statements.  The
# brief keeps them as quotes (JSON shows every one); the threshold is the one
# below which ``find_quotes`` asks for a speech verb next to the quotation.
PHRASE_MAX_WORDS = SCARE_QUOTE_MAX_WORDS
PHRASES_LABEL = "Words quoted"

NO_DISPUTES = "No conflicting titles, numbers, dates, durations or places were found."

ENTITY_GROUPS: tuple[tuple[str, str], ...] = (
    ("person", "People"),
    ("organization", "Organisations"),
    ("place", "Places"),
)

_SAFE_URL = re.compile(r"https?://[^\s<>\"'`\x00-\x1f\x7f]+", re.IGNORECASE)


def as_briefs(briefs: Iterable[Brief] | Brief) -> list[Brief]:
    """Return ``briefs`` as a list; a single ``Brief`` becomes a list of one.

    Raises:
        TypeError: an item is not a ``Brief``.
    """
    items = [briefs] if isinstance(briefs, Brief) else list(briefs)
    for index, item in enumerate(items):
        if not isinstance(item, Brief):
            raise TypeError(f"briefs[{index}] must be a newsfuse Brief, got {type(item).__name__}")
    return items


def plural(count: int, word: str, many: str | None = None) -> str:
    """Return ``"1 outlet"`` / ``"3 outlets"``."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def outlet_list(sources: Sequence[str], is_cut: bool = True) -> str:
    """Return outlets joined by commas, cut to a few names and "+N" when long."""
    names = [name or "unknown outlet" for name in sources]
    if is_cut and len(names) > MAX_OUTLETS_LISTED:
        rest = len(names) - OUTLETS_SHOWN_WHEN_CUT
        return f"{', '.join(names[:OUTLETS_SHOWN_WHEN_CUT])} +{rest}"
    return ", ".join(names)


def support(point_sources: Sequence[str], brief: Brief) -> str:
    """Return ``"4 of 5 outlets"``: how many of the story's outlets report a point."""
    total = len(brief.sources)
    return f"{len(set(point_sources))} of {plural(total, 'outlet')}"


def date_range(articles: Iterable[CleanArticle]) -> str:
    """Return the articles' dates as ``"2025-04-20"`` or ``"2025-04-20 to 2025-04-22"`` ("" if none)."""
    days = sorted({a.date[:10] for a in articles if a.date.strip()})
    if not days:
        return ""
    return days[0] if len(days) == 1 else f"{days[0]} to {days[-1]}"


def safe_url(url: str) -> str | None:
    """Return ``url`` when it is a plain http(s) URL fit for a link, else ``None``."""
    url = url.strip()
    return url if _SAFE_URL.fullmatch(url) else None


def articles_by_id(brief: Brief) -> dict[str, CleanArticle]:
    """Return the brief's articles keyed by id."""
    return {a.id: a for a in brief.articles}


def outlet_of(article_id: str, articles: dict[str, CleanArticle]) -> str:
    """Return the outlet of an article id (the id itself when the article or its outlet is unknown)."""
    article = articles.get(article_id)
    return outlet_name(article) if article else article_id


def shorten(text: str, max_chars: int = MAX_REMOVAL_CHARS) -> str:
    """Return ``text`` on one line, cut at a word boundary to ``max_chars`` with "…"."""
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text
    cut = text.rfind(" ", 0, max_chars)
    return text[: cut if cut > max_chars // 2 else max_chars].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class InContext:
    """An evidence span with the text around it, for showing it highlighted."""

    outlet: str
    article: str
    before: str
    span: str
    after: str


def evidence_in_context(
    evidence: Evidence, articles: dict[str, CleanArticle], context_chars: int = CONTEXT_CHARS
) -> InContext | None:
    """Return the evidence with up to ``context_chars`` of its paragraph each side.

    Cut context starts or ends with "…".  Returns ``None`` when the span
    names no article of the brief or lies outside its text (the JSON
    validator reports those; a page should still render).
    """
    article = articles.get(evidence.article)
    if article is None or not 0 <= evidence.start <= evidence.end <= len(article.text):
        return None
    text, start, end = article.text, evidence.start, evidence.end
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    left = max(line_start, start - context_chars)
    if left > line_start:
        space = text.find(" ", left, start)
        left = start if space == -1 else space + 1
    right = min(line_end, end + context_chars)
    if right < line_end:
        space = text.rfind(" ", end, right)
        right = end if space == -1 else space
    before = ("…" if left > line_start else "") + text[left:start]
    after = text[end:right] + ("…" if right < line_end else "")
    return InContext(article.source, article.id, before, text[start:end], after)


def main_version(quote: Quote) -> QuoteVersion | None:
    """Return the version whose wording is ``quote.text`` (the first one if none is)."""
    for version in quote.versions:
        if version.text == quote.text:
            return version
    return quote.versions[0] if quote.versions else None


def is_phrase(quote: Quote) -> bool:
    """Return whether a quote is words quoted: every version has at most ``PHRASE_MAX_WORDS`` words, or the
    brief marks it a phrase (``Quote.phrase``: fragments of a reporter's sentence)."""
    return quote.phrase or all(count_words(v.text) <= PHRASE_MAX_WORDS for v in quote.versions or (quote,))


def phrases_by_speaker(quotes: Iterable[Quote]) -> list[tuple[str, list[list[Quote]]]]:
    """Return the phrases among ``quotes`` grouped by speaker, in order of first appearance.

    Each speaker's phrases come in runs of the same outlets, so that one
    outlet list closes a run: ``[("Asa Hutchinson", [[recall, remedy]])]``.
    """
    speakers: dict[str, list[list[Quote]]] = {}
    for quote in quotes:
        if not is_phrase(quote):
            continue
        runs = speakers.setdefault(quote.speaker, [])
        if runs and main_sources(runs[-1][-1]) == main_sources(quote):
            runs[-1].append(quote)
        else:
            runs.append([quote])
    return list(speakers.items())


def main_sources(quote: Quote) -> tuple[str, ...]:
    """Return the outlets of the quote's main version (``main_version``), or the quote's own."""
    main = main_version(quote)
    return main.sources if main else quote.sources


def other_versions(quote: Quote) -> list[QuoteVersion]:
    """Return the quote's versions other than its main one."""
    main = main_version(quote)
    return [v for v in quote.versions if v is not main]


# How a version other than the main one is introduced: another outlet's wording
# is "reported"; the main outlets' own second wording (a pull quote that reads
# "Actions always speak louder than words." where the text quoted "actions speak
# louder than words") is only "quoted" again.
OTHER_OUTLETS_LABEL = "Also reported as"
SAME_OUTLETS_LABEL = "Also quoted as"


def version_label(quote: Quote, version: QuoteVersion) -> str:
    """Return how to introduce a version of a quote that is not its main one.

    Example:
        >>> from newsfuse.models import Quote, QuoteVersion
        >>> main = QuoteVersion("We will win.", ("Wire",), ())
        >>> quote = Quote("Mayor", "We will win.", ("Wire",), (main, QuoteVersion("we'll win", ("Wire",), ())))
        >>> version_label(quote, quote.versions[1])
        'Also quoted as'
    """
    return OTHER_OUTLETS_LABEL if set(version.sources) - set(main_sources(quote)) else SAME_OUTLETS_LABEL


def entity_groups(brief: Brief) -> list[tuple[str, list]]:
    """Return ``[(label, entities)]`` for people, organisations, places, then any other type."""
    groups = []
    known = {kind for kind, _ in ENTITY_GROUPS}
    for kind, label in ENTITY_GROUPS:
        members = [e for e in brief.entities if e.type == kind]
        if members:
            groups.append((label, members))
    others = [e for e in brief.entities if e.type not in known]
    if others:
        groups.append(("Other", others))
    return groups
