"""What the templates show: briefs and story rows turned into plain view objects.

Pure functions, no web framework: the templates only loop and print, and
Jinja2's autoescaping escapes every string they print.  Highlighting is
expressed as ``(text, kind)`` parts, never as HTML, so no markup is ever
built from article text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from newsfuse.models import Brief, CleanArticle, Evidence, Point
from newsfuse.render._common import (
    articles_by_id,
    date_range,
    entity_groups,
    evidence_in_context,
    main_version,
    plural,
    safe_url,
    shorten,
    version_label,
)

__all__ = [
    "ArticleView",
    "Chips",
    "DisputeView",
    "EvidenceView",
    "OutletView",
    "PointView",
    "QuoteView",
    "StoryView",
    "VersionView",
    "coverage_cells",
    "format_time",
    "iso_time",
    "omitted",
    "story_view",
    "word_diff",
]

# Outlet chips shown on a point before the rest fold into "+N" (with every
# name in its tooltip): two lines on a phone.
MAX_CHIPS = 6

# "What this outlet left out" lists points that more than this share of the
# *other* outlets report, and only in stories with at least
# MIN_OUTLETS_FOR_OMISSIONS outlets: with two, "most others" is one outlet.
OMISSION_SHARE = 0.5
MIN_OUTLETS_FOR_OMISSIONS = 3

# Highlight kinds a template may print as a class name: a fixed set, never data.
PLAIN, MARK, HIT, DIFF = "", "mark", "hit", "diff"

_WORD_OR_NOT = re.compile(r"\w+|\W+")


@dataclass(frozen=True, slots=True)
class Chips:
    """Outlet names for chips: the first few shown, the rest counted (``every`` for tooltips)."""

    shown: tuple[str, ...]
    rest: int
    every: str


@dataclass(frozen=True, slots=True)
class EvidenceView:
    """An evidence span in its paragraph: ``parts`` are ``(text, kind)`` in reading order."""

    outlet: str
    article: str
    parts: tuple[tuple[str, str], ...]
    is_available: bool = True


@dataclass(frozen=True, slots=True)
class PointView:
    """A key point or unique fact, with its outlets, support cells and evidence."""

    text: str
    chips: Chips
    support: str
    cells: tuple[tuple[str, bool], ...]
    evidence: tuple[EvidenceView, ...]


@dataclass(frozen=True, slots=True)
class VersionView:
    """One side of a dispute or one wording of a quote, differing words marked."""

    parts: tuple[tuple[str, str], ...]
    chips: Chips
    evidence: tuple[EvidenceView, ...]
    is_main: bool = False
    # How a quote's other wording is introduced (``render.version_label``); empty for disputes.
    label: str = ""


@dataclass(frozen=True, slots=True)
class DisputeView:
    """A disputed fact with its versions side by side."""

    subject: str
    kind: str
    versions: tuple[VersionView, ...]


@dataclass(frozen=True, slots=True)
class QuoteView:
    """A quote: speaker, main wording and every version."""

    speaker: str
    text: str
    chips: Chips
    versions: tuple[VersionView, ...]


@dataclass(frozen=True, slots=True)
class OutletView:
    """What one outlet alone reported, and what it left out that most others reported.

    ``left_out`` holds ``(key point number, text, support)``: the page links
    to the key point (with its evidence) instead of repeating it.
    """

    name: str
    article_count: int
    unique: tuple[PointView, ...]
    left_out: tuple[tuple[int, str, str], ...]


@dataclass(frozen=True, slots=True)
class ArticleView:
    """A source article: link (only a safe http(s) URL), date and removed text."""

    id: str
    outlet: str
    title: str
    url: str | None
    raw_url: str
    date: str
    removed: tuple[tuple[str, str, str], ...]  # (reason, short text, whole text)


@dataclass(frozen=True, slots=True)
class StoryView:
    """Everything the story page shows."""

    id: str
    headline: str
    headline_source: str
    summary: str
    summary_evidence: tuple[EvidenceView, ...]
    counts: str
    dates: str
    outlets: tuple[str, ...]
    key_points: tuple[PointView, ...]
    unique: tuple[PointView, ...]
    disputes: tuple[DisputeView, ...]
    quotes: tuple[QuoteView, ...]
    entities: tuple[tuple[str, tuple[tuple[str, tuple[str, ...], int, int], ...]], ...]
    by_outlet: tuple[OutletView, ...]
    articles: tuple[ArticleView, ...]
    duplicates: tuple[tuple[tuple[str, str], ...], ...]  # groups of (outlet, article id)


def chips(sources: Sequence[str], max_shown: int = MAX_CHIPS) -> Chips:
    """Return outlet chips: up to ``max_shown`` names, then a count of the rest.

    Example:
        >>> chips(["A", "B", "C"], max_shown=2)
        Chips(shown=('A', 'B'), rest=1, every='A, B, C')
    """
    names = [name or "unknown outlet" for name in dict.fromkeys(sources)]
    if len(names) <= max_shown:
        return Chips(tuple(names), 0, ", ".join(names))
    return Chips(tuple(names[:max_shown]), len(names) - max_shown, ", ".join(names))


def coverage_cells(carried: Sequence[str], outlets: Sequence[str]) -> tuple[tuple[str, bool], ...]:
    """Return one ``(outlet, is_carried)`` cell per outlet of ``outlets``, in that order.

    Example:
        >>> coverage_cells(["B"], ["A", "B"])
        (('A', False), ('B', True))
    """
    present = set(carried)
    return tuple((outlet, outlet in present) for outlet in outlets)


def word_diff(values: Sequence[str]) -> list[tuple[tuple[str, str], ...]]:
    """Return each value as ``(text, kind)`` parts, words missing from some other value marked ``diff``.

    A word (case-insensitive) that every value holds is plain; the others
    are what the versions disagree on.

    Example:
        >>> word_diff(["President", "former President"])
        [(('President', ''),), (('former', 'diff'), (' President', ''))]
    """
    word_sets = [{w.casefold() for w in re.findall(r"\w+", value)} for value in values]
    shared = set.intersection(*word_sets) if word_sets else set()
    result = []
    for value in values:
        parts: list[tuple[str, str]] = []
        for token in _WORD_OR_NOT.findall(value):
            is_word = token[0].isalnum() or token[0] == "_"
            kind = DIFF if is_word and token.casefold() not in shared else PLAIN
            if not is_word and parts and parts[-1][1] == DIFF:
                kind = DIFF  # spacing between two differing words stays inside the mark
            if parts and parts[-1][1] == kind:
                parts[-1] = (parts[-1][0] + token, kind)
            else:
                parts.append((token, kind))
        result.append(_trim_diff(parts))
    return result


def _trim_diff(parts: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Return parts with trailing spacing moved out of each ``diff`` part."""
    trimmed: list[tuple[str, str]] = []
    for text, kind in parts:
        if kind == DIFF and text != text.rstrip():
            core = text.rstrip()
            trimmed.append((core, DIFF))
            trimmed.append((text[len(core):], PLAIN))
        else:
            trimmed.append((text, kind))
    merged: list[tuple[str, str]] = []
    for text, kind in trimmed:
        if merged and merged[-1][1] == kind:
            merged[-1] = (merged[-1][0] + text, kind)
        elif text:
            merged.append((text, kind))
    return tuple(merged)


def evidence_view(
    evidence: Evidence, articles: dict[str, CleanArticle], value: str = ""
) -> EvidenceView:
    """Return an evidence span in its paragraph; ``value`` (a disputed value) is marked inside it."""
    shown = evidence_in_context(evidence, articles)
    if shown is None:
        note = f"(evidence unavailable: span {evidence.start}–{evidence.end} is not in this article)"
        return EvidenceView(evidence.article, evidence.article, ((note, PLAIN),), is_available=False)
    parts: list[tuple[str, str]] = [(shown.before, PLAIN)]
    at = shown.span.casefold().find(value.casefold()) if value.strip() else -1
    if at >= 0:
        parts += [
            (shown.span[:at], MARK),
            (shown.span[at : at + len(value)], HIT),
            (shown.span[at + len(value) :], MARK),
        ]
    else:
        parts.append((shown.span, MARK))
    parts.append((shown.after, PLAIN))
    return EvidenceView(shown.outlet, shown.article, tuple((t, k) for t, k in parts if t))


def _support_text(sources: Sequence[str], outlets: Sequence[str]) -> str:
    return f"{len(set(sources))} of {plural(len(outlets), 'outlet')}"


def point_view(point: Point, outlets: Sequence[str], articles: dict[str, CleanArticle]) -> PointView:
    """Return a point with its outlet chips, one support cell per story outlet, and evidence."""
    return PointView(
        text=point.text,
        chips=chips(point.sources),
        support=_support_text(point.sources, outlets),
        cells=coverage_cells(point.sources, outlets),
        evidence=tuple(evidence_view(e, articles) for e in point.evidence),
    )


def omitted(points: Sequence[Point], outlet: str, outlet_count: int) -> list[int]:
    """Return the indexes of the points ``outlet`` does not report that most of the other outlets do.

    Example:
        >>> p = Point("x", ("A", "B"), ())
        >>> omitted([p], "C", 3), omitted([p], "A", 3)
        ([0], [])
    """
    if outlet_count < MIN_OUTLETS_FOR_OMISSIONS:
        return []
    others = outlet_count - 1
    return [
        index
        for index, p in enumerate(points)
        if outlet not in p.sources and len(set(p.sources)) > OMISSION_SHARE * others
    ]


def story_view(brief: Brief) -> StoryView:
    """Return what the story page shows for ``brief``.

    Example:
        >>> view = story_view(brief)                                  # doctest: +SKIP
        >>> view.disputes[0].versions[1].parts                        # doctest: +SKIP
        (('former', 'diff'), (' President', ''))
    """
    articles = articles_by_id(brief)
    outlets = brief.sources
    # Each point is viewed once: the unique points also show under their outlets.
    viewed: dict[int, PointView] = {}

    def view_of(point: Point) -> PointView:
        found = viewed.get(id(point))
        if found is None:
            found = viewed[id(point)] = point_view(point, outlets, articles)
        return found

    key_points = tuple(view_of(p) for p in brief.key_points)
    unique = tuple(view_of(p) for p in brief.unique)

    disputes = []
    for dispute in brief.disputes:
        diffs = word_diff([v.value for v in dispute.versions])
        disputes.append(
            DisputeView(
                subject=dispute.subject,
                kind=dispute.kind,
                versions=tuple(
                    VersionView(
                        parts=parts,
                        chips=chips(version.sources),
                        evidence=tuple(evidence_view(e, articles, version.value) for e in version.evidence),
                    )
                    for version, parts in zip(dispute.versions, diffs)
                ),
            )
        )

    quotes = []
    for quote in brief.quotes:
        main = main_version(quote)
        ordered = ([main] if main else []) + [v for v in quote.versions if v is not main]
        diffs = word_diff([v.text for v in ordered]) if len(ordered) > 1 else [((v.text, PLAIN),) for v in ordered]
        quotes.append(
            QuoteView(
                speaker=quote.speaker or "Unattributed",
                text=quote.text,
                chips=chips(quote.sources),
                versions=tuple(
                    VersionView(
                        parts=parts,
                        chips=chips(version.sources),
                        evidence=tuple(evidence_view(e, articles) for e in version.evidence),
                        is_main=version is main,
                        label="" if version is main else version_label(quote, version),
                    )
                    for version, parts in zip(ordered, diffs)
                ),
            )
        )

    entities = tuple(
        (
            label,
            tuple(
                (
                    entity.name,
                    tuple(a for a in dict.fromkeys(entity.aliases) if a.casefold() != entity.name.casefold()),
                    entity.mentions,
                    len(set(entity.sources)),
                )
                for entity in members
            ),
        )
        for label, members in entity_groups(brief)
    )

    article_counts: dict[str, int] = {}
    for article in brief.articles:
        article_counts[article.source] = article_counts.get(article.source, 0) + 1
    by_outlet = []
    for outlet in outlets:
        only = [p for p in brief.unique if outlet in p.sources]
        only += [p for p in brief.key_points if set(p.sources) == {outlet} and p not in only]
        by_outlet.append(
            OutletView(
                name=outlet,
                article_count=article_counts.get(outlet, 0),
                unique=tuple(view_of(p) for p in only),
                left_out=tuple(
                    (index + 1, key_points[index].text, key_points[index].support)
                    for index in omitted(brief.key_points, outlet, len(outlets))
                ),
            )
        )

    sources = []
    for article in brief.articles:
        sources.append(
            ArticleView(
                id=article.id,
                outlet=article.source,
                title=article.title,
                url=safe_url(article.url),
                raw_url=article.url,
                date=article.date,
                removed=tuple((r.reason, shorten(r.text), r.text) for r in article.removed),
            )
        )

    return StoryView(
        id=brief.id,
        headline=brief.headline,
        headline_source=brief.headline_source,
        summary=brief.summary,
        summary_evidence=tuple(evidence_view(e, articles) for e in brief.summary_evidence),
        counts=f"{plural(len(brief.articles), 'article')} from {plural(len(outlets), 'outlet')}",
        dates=date_range(brief.articles),
        outlets=outlets,
        key_points=key_points,
        unique=unique,
        disputes=tuple(disputes),
        quotes=tuple(quotes),
        entities=entities,
        by_outlet=tuple(by_outlet),
        articles=tuple(sources),
        duplicates=tuple(
            tuple((articles[a].source if a in articles else a, a) for a in group) for group in brief.duplicates
        ),
    )


def iso_time(seconds: float) -> str:
    """Return a Unix time as ISO 8601 UTC, to the second.

    Example:
        >>> iso_time(0)
        '1970-01-01T00:00:00Z'
    """
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def format_time(seconds: float) -> str:
    """Return a Unix time for people: ``2025-04-21 09:30 UTC``.

    Example:
        >>> format_time(0)
        '1970-01-01 00:00 UTC'
    """
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
