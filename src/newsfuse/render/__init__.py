"""Render briefs for people and programs: Markdown, JSON (docs/schema.md) or one HTML page,
or each story as a cited article (``article``: Markdown, ``article-html``: one HTML page).

Example:
    >>> from newsfuse import fuse
    >>> from newsfuse.render import render
    >>> briefs = fuse(["examples/seeds"])                           # doctest: +SKIP
    >>> print(render(briefs, "md"))                                 # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable

from newsfuse.brief.article import ARTICLE_WORDS
from newsfuse.models import Brief
from newsfuse.render.article import render_article_html, render_article_markdown
from newsfuse.render.html import render_html
from newsfuse.render.json import (
    BRIEF_SCHEMA,
    SCHEMA_VERSION,
    brief_from_dict,
    brief_to_dict,
    briefs_from_dict,
    briefs_to_dict,
    render_json,
    validate_document,
    validate_story,
)
from newsfuse.render.markdown import escape_markdown, render_markdown

__all__ = [
    "BRIEF_SCHEMA",
    "FORMATS",
    "SCHEMA_VERSION",
    "brief_from_dict",
    "brief_to_dict",
    "briefs_from_dict",
    "briefs_to_dict",
    "escape_markdown",
    "render",
    "render_article_html",
    "render_article_markdown",
    "render_html",
    "render_json",
    "render_markdown",
    "validate_document",
    "validate_story",
]

FORMATS = ("md", "json", "html", "article", "article-html")


def render(
    briefs: Iterable[Brief] | Brief, fmt: str, explain: bool = False, words: int = ARTICLE_WORDS
) -> str:
    """Return ``briefs`` rendered as ``fmt``: ``md``, ``json``, ``html``, ``article`` or ``article-html``.

    Args:
        fmt: the output format (case-insensitive).
        explain: every format but JSON also lists what cleaning removed
            (JSON always carries it in ``removed``).
        words: the word budget of each article's body (``article`` formats only).

    Raises:
        ValueError: ``fmt`` is not one of ``FORMATS``.
    """
    name = fmt.lower() if isinstance(fmt, str) else fmt
    if name == "md":
        return render_markdown(briefs, explain=explain)
    if name == "json":
        return render_json(briefs)
    if name == "html":
        return render_html(briefs, explain=explain)
    if name == "article":
        return render_article_markdown(briefs, words=words, explain=explain)
    if name == "article-html":
        return render_article_html(briefs, words=words, explain=explain)
    raise ValueError(f"format must be one of {', '.join(FORMATS)}; got {fmt!r}")
