"""Briefs as Markdown: reads well in a terminal and renders well as a file.

Source text is put on one line and the characters that would make Markdown
(emphasis, links, raw HTML, code) are backslash-escaped, so a hostile title
cannot inject a link or HTML into a rendered page; ordinary news prose is
left untouched.

Example:
    >>> from newsfuse.render import render_markdown
    >>> print(render_markdown(briefs))                              # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsfuse.models import Brief, Point, Quote
from newsfuse.render._common import (
    articles_by_id,
    as_briefs,
    date_range,
    entity_groups,
    is_phrase,
    main_sources,
    NO_DISPUTES,
    other_versions,
    outlet_list,
    outlet_name,
    outlet_of,
    PHRASES_LABEL,
    phrases_by_speaker,
    plural,
    safe_url,
    shorten,
    support,
    version_label,
)

__all__ = ["escape_markdown", "render_markdown"]

# Characters that start emphasis, code, links or escapes anywhere in a line.
# "_" inside a word ("snake_case", article ids) cannot start emphasis, so it
# is escaped only at a word's edge.
_INLINE = re.compile(r"([\\`*\[\]]|_(?![^\W_])|(?<![^\W_])_)")
# "<" that could open an HTML tag, comment or autolink; "&" that could be an entity.
_TAG_OPEN = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# A line start that Markdown reads as a heading, quote, list item or rule.
_BLOCK_START = re.compile(r"^(\s*)([#>+\-=|])")
_ORDERED_START = re.compile(r"^(\s*\d+)([.)])")


def escape_markdown(text: str, is_line_start: bool = False) -> str:
    """Return ``text`` on one line with Markdown-significant characters escaped.

    Args:
        is_line_start: the text starts a line, so a leading ``#``, ``>``,
            ``-`` or ``1.`` is escaped too.

    Example:
        >>> escape_markdown("[click](javascript:alert(1)) <b>*bold*</b>")
        '\\\\[click\\\\](javascript:alert(1)) \\\\<b>\\\\*bold\\\\*\\\\</b>'
    """
    text = " ".join(text.split())
    text = _INLINE.sub(r"\\\1", text)
    text = _TAG_OPEN.sub(r"\\<", text)
    text = _ENTITY.sub(r"\\&", text)
    if is_line_start:
        text = _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
        # A digit cannot be backslash-escaped; the dot after it can.
        text = _ORDERED_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return text


def _heading(text: str) -> str:
    # A heading's trailing "#"s are read as its closing sequence.
    text = escape_markdown(text)
    return text[:-1] + "\\#" if text.endswith("#") else text


def _outlets(sources: Iterable[str], is_cut: bool = True) -> str:
    return outlet_list([escape_markdown(s) for s in sources], is_cut=is_cut)


def _quoted(text: str) -> str:
    return f'"{escape_markdown(text)}"'


def _key_points(brief: Brief) -> list[str]:
    lines = ["### Key points", ""]
    for point in brief.key_points:
        lines.append(
            f"- {escape_markdown(point.text)} [{_outlets(point.sources)}] ({support(point.sources, brief)})"
        )
    return lines


def _unique_label(point: Point) -> str:
    return f"Only in {_outlets(point.sources, is_cut=False)}"


def _unique(brief: Brief) -> list[str]:
    lines = ["### Only in one outlet", ""]
    for point in brief.unique:
        lines.append(f"- **{_unique_label(point)}:** {escape_markdown(point.text)}")
    return lines


def _disputes(brief: Brief) -> list[str]:
    lines = ["### Where the outlets differ", ""]
    if not brief.disputes:
        return lines + [NO_DISPUTES]
    for dispute in brief.disputes:
        versions = " · ".join(
            f"{_quoted(v.value)} — {_outlets(v.sources, is_cut=False)}" for v in dispute.versions
        )
        lines.append(f"- **{escape_markdown(dispute.subject)}:** {versions}")
    return lines


def _quotes(brief: Brief) -> list[str]:
    lines = ["### Quotes", ""]
    for quote in brief.quotes:
        if is_phrase(quote):
            continue
        speaker = escape_markdown(quote.speaker) or "Unattributed"
        lines.append(f"- **{speaker}:** {_quoted(quote.text)} — {_outlets(main_sources(quote))}")
        for version in other_versions(quote):
            label = version_label(quote, version)
            lines.append(f"  - {label} {_quoted(version.text)} — {_outlets(version.sources)}")
    phrases = phrases_by_speaker(brief.quotes)
    if phrases:
        lines.append(f"- **{PHRASES_LABEL}:**")
        for speaker, runs in phrases:
            shown = " · ".join(
                ", ".join(_phrase(quote) for quote in run) + f" — {_outlets(main_sources(run[0]))}" for run in runs
            )
            lines.append(f"  - **{escape_markdown(speaker) or 'Unattributed'}:** {shown}")
    return lines


def _phrase(quote: Quote) -> str:
    others = other_versions(quote)
    if not others:
        return _quoted(quote.text)
    return f"{_quoted(quote.text)} (also {', '.join(_quoted(v.text) for v in others)})"


def _entities(brief: Brief) -> list[str]:
    lines = ["### People, organisations and places", ""]
    for label, members in entity_groups(brief):
        shown = []
        for entity in members:
            aliases = [a for a in dict.fromkeys(entity.aliases) if a.casefold() != entity.name.casefold()]
            name = escape_markdown(entity.name)
            also = ", ".join(escape_markdown(a) for a in aliases)
            shown.append(f"{name} (also {also})" if aliases else name)
        lines.append(f"- **{label}:** {', '.join(shown)}")
    return lines


def _sources(brief: Brief) -> list[str]:
    lines = ["### Sources", ""]
    for number, article in enumerate(brief.articles, start=1):
        title = escape_markdown(article.title) or "(untitled)"
        parts = [f"{number}. **{escape_markdown(outlet_name(article))}** — {title}"]
        if article.date.strip():
            parts.append(escape_markdown(article.date))
        url = safe_url(article.url)
        if url:
            parts.append(f"<{url}>")
        elif article.url.strip():
            parts.append(escape_markdown(article.url))
        lines.append(" · ".join(parts))
    if brief.duplicates:
        articles = articles_by_id(brief)
        lines.append("")
        lines.append("Near-copies, counted once:")
        lines.append("")
        for group in brief.duplicates:
            members = ", ".join(
                f"{escape_markdown(outlet_of(a, articles))} ({escape_markdown(a)})" for a in group
            )
            lines.append(f"- {members}")
    return lines


def removed_section(brief: Brief, level: int = 3) -> list[str]:
    """Return the "Removed during cleaning" section under a heading of ``level`` (a brief's: 3)."""
    lines = [f"{'#' * level} Removed during cleaning", ""]
    if not brief.removed:
        return lines + ["Nothing was removed."]
    articles = articles_by_id(brief)
    for removal in brief.removed:
        outlet = escape_markdown(outlet_of(removal.article, articles))
        lines.append(
            f"- **{escape_markdown(removal.reason)}** in {outlet} ({escape_markdown(removal.article)}):"
            f" {_quoted(shorten(removal.text))}"
        )
    return lines


def _story(brief: Brief, is_explained: bool) -> list[str]:
    meta = [f"Headline via {escape_markdown(brief.headline_source)}" if brief.headline_source else ""]
    meta.append(f"{plural(len(brief.articles), 'article')} from {plural(len(brief.sources), 'outlet')}")
    meta.append(date_range(brief.articles))
    lines = [f"## {_heading(brief.headline) or '(no headline)'}", ""]
    lines += ["_" + " · ".join(m for m in meta if m) + "_", ""]
    if brief.summary.strip():
        lines += [escape_markdown(brief.summary, is_line_start=True), ""]
    sections = [_key_points(brief) if brief.key_points else []]
    sections.append(_unique(brief) if brief.unique else [])
    sections.append(_disputes(brief))
    sections.append(_quotes(brief) if brief.quotes else [])
    sections.append(_entities(brief) if brief.entities else [])
    sections.append(_sources(brief))
    if is_explained:
        sections.append(removed_section(brief))
    for section in sections:
        if section:
            lines += section + [""]
    return lines


def render_markdown(briefs: Iterable[Brief] | Brief, explain: bool = False) -> str:
    """Return ``briefs`` as one Markdown document, a "## headline" section per story.

    Each story has its summary, key points with their outlets and support
    ("[Reuters, AP +2] (4 of 5 outlets)"), points only one outlet has, where
    the outlets differ, quotes with every version, the people, organisations
    and places, and the sources with their near-copy groups.

    Args:
        explain: also list what cleaning removed from each article, and why.
    """
    items = as_briefs(briefs)
    article_count = sum(len(b.articles) for b in items)
    lines = [
        "# newsfuse briefs",
        "",
        f"{plural(len(items), 'story', 'stories')} from {plural(article_count, 'article')}.",
        "",
    ]
    for brief in items:
        lines += _story(brief, explain)
    return "\n".join(lines).rstrip("\n") + "\n"
