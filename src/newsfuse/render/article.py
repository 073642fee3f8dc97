"""Stories as articles (``newsfuse.brief.article``): Markdown with footnotes, or one HTML page.

Each story reads as a short news article: a headline, three bullets with
their outlets, a body of a few paragraphs, where the outlets differ, and a
pull quote.  Every sentence is followed by a citation: a Markdown footnote,
or in HTML a numbered link whose note opens on hover or focus (pure CSS) and
is listed, with the source sentences in context, under "Sources of each
sentence".  Source text is escaped exactly as in ``render_markdown`` and
``render_html``; the page has no scripts and a strict Content-Security-Policy.

Example:
    >>> from newsfuse.render.article import render_article_markdown
    >>> print(render_article_markdown(briefs, words=250))      # doctest: +SKIP
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Sequence
from html import escape

from newsfuse.brief.article import ARTICLE_WORDS, CitedSentence, StoryArticle, compose_article
from newsfuse.models import Brief, CleanArticle, Dispute, Evidence
from newsfuse.render._common import (
    articles_by_id,
    as_briefs,
    date_range,
    evidence_in_context,
    outlet_list,
    outlet_name,
    plural,
    shorten,
)
from newsfuse.render.html import CSS as BRIEF_CSS
from newsfuse.render.html import removed_section as removed_html
from newsfuse.render.html import page_head
from newsfuse.render.markdown import removed_section as removed_markdown
from newsfuse.render.markdown import escape_markdown

__all__ = ["ARTICLE_CSS", "render_article_html", "render_article_markdown"]

# Characters of a corroborating sentence shown in a Markdown footnote.
FOOTNOTE_CHARS = 140

DIFFERENCES_HEADING = "Where the outlets differ"


def _articles(briefs: Iterable[Brief] | Brief, words: int) -> list[tuple[Brief, StoryArticle]]:
    return [(brief, compose_article(brief, words)) for brief in as_briefs(briefs)]


def _meta(brief: Brief, article: StoryArticle) -> list[str]:
    parts = [f"Headline via {article.headline_source}" if article.headline_source else ""]
    parts.append(f"{plural(len(brief.articles), 'article')} from {plural(len(brief.sources), 'outlet')}")
    parts.append(date_range(brief.articles))
    return [p for p in parts if p]


def _span_label(span: Evidence) -> str:
    return f"{span.article} @{span.start}–{span.end}"


# --- Markdown ---------------------------------------------------------------


class _Notes:
    """Footnotes of one Markdown document, numbered across its stories so labels stay unique."""

    def __init__(self) -> None:
        self.number = 0
        self.lines: list[str] = []

    def cite(
        self,
        sentence: CitedSentence | None,
        articles: dict[str, CleanArticle],
        evidence: Sequence[Evidence] = (),
    ) -> str:
        """Return the footnote marker of a sentence (or of bare evidence) and record its note."""
        evidence = tuple(sentence.evidence if sentence is not None else evidence)
        if not evidence:
            return ""
        self.number += 1
        first = evidence[0]
        head = articles.get(first.article)
        outlet = head.source if head else first.article
        parts = [f"**{escape_markdown(outlet or first.article)}** ({escape_markdown(_span_label(first))})"]
        is_other_outlet = False
        for span in evidence[1:]:
            article = articles.get(span.article)
            if article is None or not 0 <= span.start < span.end <= len(article.text):
                parts.append(f"{escape_markdown(_span_label(span))} (unavailable)")
                continue
            text = shorten(article.text[span.start : span.end], FOOTNOTE_CHARS)
            is_other_outlet = is_other_outlet or outlet_name(article) != (outlet or first.article)
            quoted = _quoted(escape_markdown(text), '"', '"')
            parts.append(
                f"**{escape_markdown(outlet_name(article))}**: {quoted} ({escape_markdown(_span_label(span))})"
            )
        # One outlet's other articles (a single-outlet story, a paper's follow-up) are no other report.
        lead = "also reported by " if is_other_outlet else "also in "
        rest = f"; {lead}" + "; ".join(parts[1:]) if len(parts) > 1 else ""
        self.lines.append(f"[^{self.number}]: {parts[0]}{rest}")
        return f"[^{self.number}]"


# A sentence that opens with one of these is a quotation already: quoting it
# again printed ""I'm endorsing…" in a footnote.
_QUOTE_OPENERS = "\"“”'‘«„"


def _quoted(text: str, opening: str = "“", closing: str = "”") -> str:
    """Return ``text`` in quotation marks, unless it opens with one of its own."""
    plain = text.lstrip("\\")  # escape_markdown may put a backslash before it
    return text if plain[:1] in _QUOTE_OPENERS else f"{opening}{text}{closing}"


def _bracket(sources: Sequence[str]) -> str:
    return f"\\[{outlet_list([escape_markdown(s) for s in sources])}\\]"


def _difference_md(dispute: Dispute, notes: _Notes, articles: dict[str, CleanArticle]) -> str:
    versions = []
    for version in dispute.versions:
        marker = notes.cite(None, articles, evidence=version.evidence)
        outlets = outlet_list([escape_markdown(s) for s in version.sources], is_cut=False)
        versions.append(f"\"{escape_markdown(version.value)}\" in {outlets}{marker}")
    return f"**{escape_markdown(dispute.subject)}:** " + "; ".join(versions) + "."


def _story_markdown(brief: Brief, article: StoryArticle, notes: _Notes) -> list[str]:
    articles = articles_by_id(brief)
    headline = escape_markdown(article.headline) if article.headline.strip() else "(no headline)"
    lines = [f"# {headline}", "", f"_{escape_markdown(' · '.join(_meta(brief, article)))}_", ""]
    for bullet in article.bullets:
        lines.append(f"- {escape_markdown(bullet.text)} {_bracket(bullet.sources)}{notes.cite(bullet, articles)}")
    if article.bullets:
        lines.append("")
    for paragraph in article.paragraphs:
        text = " ".join(
            f"{escape_markdown(s.text, is_line_start=k == 0)}{notes.cite(s, articles)}"
            for k, s in enumerate(paragraph.sentences)
        )
        lines += [text, ""]
    if article.differences:
        lines += [f"## {DIFFERENCES_HEADING}", ""]
        lines += [" ".join(_difference_md(d, notes, articles) for d in article.differences), ""]
    quote = article.pull_quote
    if quote is not None:
        marker = notes.cite(None, articles, evidence=quote.evidence)
        outlets = outlet_list([escape_markdown(s) for s in quote.sources], is_cut=False)
        lines += [
            f"> \"{escape_markdown(quote.text)}\"",
            f"> — {escape_markdown(quote.speaker)} ({outlets}){marker}",
            "",
        ]
    return lines


def render_article_markdown(
    briefs: Iterable[Brief] | Brief, words: int = ARTICLE_WORDS, explain: bool = False
) -> str:
    """Return each story of ``briefs`` as a Markdown article with footnote citations.

    Each story has a "# headline", three bullets ending with their outlets
    ("[Reuters, AP +2]"), a body of at most ``words`` words, "Where the
    outlets differ" and the pull quote, then its footnotes: for each sentence
    the outlet, article id and character span it shows, and the sentences of
    the other outlets that report it.  Stories are separated by a rule.

    Args:
        explain: also list what cleaning removed from the story's source
            articles, and why ("## Removed during cleaning", before the footnotes).
    """
    notes = _Notes()
    blocks = []
    for brief, article in _articles(briefs, words):
        before = len(notes.lines)
        lines = _story_markdown(brief, article, notes)
        if explain:
            lines += removed_markdown(brief, level=2) + [""]
        lines += notes.lines[before:]
        blocks.append("\n".join(lines).rstrip("\n"))
    if not blocks:
        return "No stories.\n"
    return "\n\n---\n\n".join(blocks) + "\n"


# --- HTML -------------------------------------------------------------------

ARTICLE_CSS = """
article.story>h2{font-size:1.7rem;line-height:1.25}
ul.bullets{padding-left:1.25rem;font-weight:500}
ul.bullets li{margin:.4rem 0}
.body p{margin:.8rem 0}
.cite{font-size:.72rem;vertical-align:super;line-height:0}
.cite>a{text-decoration:none;padding:0 .1em}
.body p,ul.bullets li,.differences p,figure.pull figcaption{position:relative}
.cite .note{display:none;position:absolute;left:0;right:0;top:100%;z-index:2;background:var(--bg);color:var(--fg);border:1px solid var(--line);border-radius:.3rem;padding:.45rem .6rem;font-size:.82rem;line-height:1.4;font-weight:400;vertical-align:baseline;box-shadow:0 2px 10px rgba(0,0,0,.2)}
.cite:hover .note,.cite:focus-within .note{display:block}
.differences p{margin:.5rem 0}
figure.pull{margin:1.5rem 0;padding:.5rem 1rem;border-left:4px solid var(--accent)}
figure.pull blockquote{border:0;margin:0;padding:0;font-size:1.3rem;line-height:1.4}
figure.pull figcaption{margin-top:.4rem;font-size:.9rem}
ol.notes{font-size:.88rem}
ol.notes li{margin:.4rem 0}
ol.notes li:target{background:var(--soft)}
@media print{.cite .note{display:none!important}ol.notes details>ul{display:block}}
""".strip()

_PAGE_CSS = f"{BRIEF_CSS}\n{ARTICLE_CSS}"
# The CSP allows exactly this stylesheet: its hash, not 'unsafe-inline'.
_CSS_HASH = base64.b64encode(hashlib.sha256(_PAGE_CSS.encode("utf-8")).digest()).decode("ascii")
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src 'sha256-{_CSS_HASH}'; img-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)


def _text(value: str) -> str:
    return escape(value, quote=True)


class _HtmlNotes:
    """The numbered notes of one story: hover text beside each marker, full list below."""

    def __init__(self, story: int, articles: dict[str, CleanArticle]) -> None:
        self.story = story
        self.articles = articles
        self.items: list[str] = []

    def _outlet(self, span: Evidence) -> str:
        article = self.articles.get(span.article)
        return outlet_name(article) if article else span.article

    def cite(self, evidence: Sequence[Evidence], sources: Sequence[str]) -> str:
        """Return the citation marker of a sentence and record its note."""
        if not evidence:
            return ""
        number = len(self.items) + 1
        anchor = f"s{self.story}-n{number}"
        every = outlet_list(list(sources), is_cut=False)
        hover = [f"<strong>{_text(every)}</strong>"]
        listed = []
        for k, span in enumerate(evidence):
            shown = evidence_in_context(span, self.articles)
            label = f"{_text(self._outlet(span))} · {_text(_span_label(span))}"
            if shown is None:
                listed.append(f"<li>{label} (span not in this article)</li>")
                continue
            if k > 0:
                hover.append(f"<br>{_text(self._outlet(span))}: {_text(_quoted(shorten(shown.span, FOOTNOTE_CHARS)))}")
            listed.append(
                f'<li><span class="source">{label}</span>'
                f"{_text(shown.before)}<mark>{_text(shown.span)}</mark>{_text(shown.after)}</li>"
            )
        self.items.append(
            f'<li id="{anchor}">{_text(every)}<details><summary>'
            f"{_text(plural(len(evidence), 'source sentence'))}</summary>"
            f'<ul class="evidence">{"".join(listed)}</ul></details></li>'
        )
        return (
            f'<span class="cite"><a href="#{anchor}">[{number}]</a>'
            f'<span class="note" role="note">{"".join(hover)}</span></span>'
        )

    def html(self) -> str:
        if not self.items:
            return ""
        return f'<section><h3>Sources of each sentence</h3><ol class="notes">{"".join(self.items)}</ol></section>'


def _story_html(brief: Brief, article: StoryArticle, number: int, is_explained: bool = False) -> str:
    notes = _HtmlNotes(number, articles_by_id(brief))
    headline = _text(article.headline) if article.headline.strip() else "(no headline)"
    parts = [
        f'<article class="story" id="story-{number}">',
        f"<h2>{headline}</h2>",
        f'<p class="meta">{_text(" · ".join(_meta(brief, article)))}</p>',
    ]
    if article.bullets:
        items = "".join(
            f'<li>{_text(b.text)} <span class="outlets">[{_text(outlet_list(list(b.sources)))}]</span>'
            f"{notes.cite(b.evidence, b.sources)}</li>"
            for b in article.bullets
        )
        parts.append(f'<ul class="bullets">{items}</ul>')
    if article.paragraphs:
        paragraphs = "".join(
            f'<p class="{_text(p.role)}">'
            + " ".join(f"{_text(s.text)}{notes.cite(s.evidence, s.sources)}" for s in p.sentences)
            + "</p>"
            for p in article.paragraphs
        )
        parts.append(f'<div class="body">{paragraphs}</div>')
    if article.differences:
        rows = []
        for dispute in article.differences:
            versions = "; ".join(
                f"“{_text(v.value)}” in {_text(outlet_list(list(v.sources), is_cut=False))}"
                f"{notes.cite(v.evidence, v.sources)}"
                for v in dispute.versions
            )
            rows.append(f"<p><strong>{_text(dispute.subject)}:</strong> {versions}.</p>")
        parts.append(f'<section class="differences"><h3>{DIFFERENCES_HEADING}</h3>{"".join(rows)}</section>')
    quote = article.pull_quote
    if quote is not None:
        parts.append(
            f'<figure class="pull"><blockquote>“{_text(quote.text)}”</blockquote>'
            f'<figcaption>— <span class="speaker">{_text(quote.speaker)}</span> · '
            f'<span class="outlets">{_text(outlet_list(list(quote.sources), is_cut=False))}</span>'
            f"{notes.cite(quote.evidence, quote.sources)}</figcaption></figure>"
        )
    parts.append(notes.html())
    if is_explained:
        parts.append(removed_html(brief, notes.articles))
    parts.append("</article>")
    return "\n".join(p for p in parts if p)


def render_article_html(
    briefs: Iterable[Brief] | Brief,
    words: int = ARTICLE_WORDS,
    title: str = "newsfuse articles",
    explain: bool = False,
) -> str:
    """Return each story of ``briefs`` as an article on one self-contained, script-free HTML page.

    Every sentence is followed by a numbered citation whose note (outlets and
    the other outlets' sentences) shows on hover or keyboard focus, and links
    to the story's list of notes, where each source sentence opens highlighted
    in its paragraph.  All source text is escaped; the Content-Security-Policy
    allows only the page's own stylesheet.

    Args:
        words: the word budget of each story's body.
        title: the page title (escaped like everything else).
        explain: also list what cleaning removed from each story's source
            articles, and why (last, as in ``render_html``).
    """
    import newsfuse

    stories = "\n".join(
        _story_html(b, a, n, explain) for n, (b, a) in enumerate(_articles(briefs, words), start=1)
    )
    return f"""{page_head(title, _PAGE_CSS, CONTENT_SECURITY_POLICY)}
<body>
<main>
{stories or "<p>No stories.</p>"}
</main>
<footer>Made by newsfuse {_text(newsfuse.__version__)} from the sources' own sentences. Hover or focus a number to see who reports a sentence; the notes under each story show every source sentence in context.</footer>
</body>
</html>
"""
