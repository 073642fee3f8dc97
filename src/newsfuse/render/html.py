"""Briefs as one self-contained HTML page: inline CSS, no scripts, no external resources.

Article text is untrusted: every piece of it (titles, outlet names, text,
URLs, quotes, ids) goes through ``html.escape``, links are made only from
http(s) URLs, and a Content-Security-Policy meta tag forbids scripts, frames,
images and every remote load, allowing only the page's own stylesheet (by
its hash).  Evidence opens in ``<details>`` elements, so the page needs no
JavaScript and prints whole.

Example:
    >>> from newsfuse.render import render_html
    >>> page = render_html(briefs, title="Ukraine talks")           # doctest: +SKIP
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Sequence
from html import escape

from newsfuse.models import Brief, CleanArticle, Evidence, Point, Quote
from newsfuse.render._common import (
    articles_by_id,
    as_briefs,
    date_range,
    entity_groups,
    evidence_in_context,
    is_phrase,
    main_sources,
    main_version,
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

__all__ = ["CSS", "render_html"]

CSS = """
:root{color-scheme:light dark;--fg:#1d1d1f;--muted:#5f6368;--bg:#fff;--line:#d9d9de;--soft:#f4f4f6;--mark:#ffe58a;--accent:#0b57d0}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8ea;--muted:#a0a4ab;--bg:#151517;--line:#3a3a40;--soft:#222226;--mark:#6b5800;--accent:#8ab4f8}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow-wrap:anywhere}
header.page,main,footer{max-width:46rem;margin:0 auto;padding:0 1rem}
header.page{padding-top:1rem}
h1{font-size:1.5rem;margin:.5rem 0}
h2{font-size:1.35rem;line-height:1.3;margin:0 0 .25rem}
h3{font-size:1rem;margin:1.5rem 0 .5rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
a{color:var(--accent)}
.meta{color:var(--muted);font-size:.9rem;margin:.25rem 0}
article.story{border-top:3px solid var(--fg);padding:1rem 0 1.5rem;margin-top:1.5rem}
.summary{font-size:1.08rem}
ol.points,ul.points{padding-left:1.25rem}
ol.points>li,ul.points>li{margin:.6rem 0}
.outlets{font-size:.85rem;color:var(--muted)}
.count{font-size:.8rem;white-space:nowrap;background:var(--soft);border:1px solid var(--line);border-radius:1rem;padding:0 .45rem}
details{margin:.25rem 0}
summary{cursor:pointer;color:var(--accent);font-size:.85rem}
ul.evidence{list-style:none;margin:.35rem 0;padding:0}
ul.evidence li{background:var(--soft);border-left:3px solid var(--line);padding:.4rem .6rem;margin:.35rem 0;font-size:.92rem}
.source{font-weight:600;font-size:.8rem;display:block;color:var(--muted)}
mark{background:var(--mark);color:inherit;padding:0 .1em}
.table{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border-bottom:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}
th{font-size:.8rem;color:var(--muted)}
blockquote{margin:.75rem 0 .25rem;padding:.1rem .9rem;border-left:4px solid var(--accent);font-size:1.05rem}
.quote{margin:.75rem 0 1rem}
.caption{margin:0;font-size:.9rem}
.speaker{font-weight:600}
dl.entities dt{font-weight:600;margin-top:.4rem}
dl.entities dd{margin:0}
ol.sources li{margin:.3rem 0}
.removed{font-size:.9rem}
pre.text{white-space:pre-wrap;font:inherit;background:var(--soft);padding:.5rem;margin:.25rem 0}
footer{color:var(--muted);font-size:.8rem;padding-bottom:2rem;margin-top:2rem}
""".strip()

# The CSP allows exactly this stylesheet: its hash, not 'unsafe-inline'.
_CSS_HASH = base64.b64encode(hashlib.sha256(CSS.encode("utf-8")).digest()).decode("ascii")
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src 'sha256-{_CSS_HASH}'; img-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)

_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def _text(value: str) -> str:
    """Return ``value`` escaped for HTML text and attribute values."""
    return escape(value, quote=True)


def _outlets(sources: Sequence[str], is_cut: bool = True) -> str:
    shown = outlet_list(list(sources), is_cut=is_cut)
    every = outlet_list(list(sources), is_cut=False)
    title = f' title="{_text(every)}"' if shown != every else ""
    return f'<span class="outlets"{title}>{_text(shown)}</span>'


def _evidence_list(
    evidence: Sequence[Evidence], articles: dict[str, CleanArticle], label: str = "Evidence"
) -> str:
    """Return a <details> with each evidence sentence highlighted in its paragraph."""
    if not evidence:
        return ""
    items = []
    for span in evidence:
        shown = evidence_in_context(span, articles)
        if shown is None:
            items.append(
                f'<li><span class="source">{_text(span.article)}</span>'
                f"(evidence unavailable: span {span.start}–{span.end} is not in this article)</li>"
            )
            continue
        items.append(
            f'<li><span class="source">{_text(shown.outlet)}</span>'
            f"{_text(shown.before)}<mark>{_text(shown.span)}</mark>{_text(shown.after)}</li>"
        )
    return (
        f"<details><summary>{_text(label)} ({len(evidence)})</summary>"
        f'<ul class="evidence">{"".join(items)}</ul></details>'
    )


def _point(point: Point, brief: Brief, articles: dict[str, CleanArticle], label: str = "") -> str:
    lead = f"<strong>{_text(label)}:</strong> " if label else ""
    count = "" if label else f' <span class="count">{_text(support(point.sources, brief))}</span>'
    return (
        f"<li>{lead}{_text(point.text)}<br>{_outlets(point.sources, is_cut=not label)}{count}"
        f"{_evidence_list(point.evidence, articles)}</li>"
    )


def _key_points(brief: Brief, articles: dict[str, CleanArticle]) -> str:
    items = "".join(_point(p, brief, articles) for p in brief.key_points)
    return f'<section><h3>Key points</h3><ol class="points">{items}</ol></section>'


def _unique(brief: Brief, articles: dict[str, CleanArticle]) -> str:
    items = "".join(
        _point(p, brief, articles, label=f"Only in {outlet_list(list(p.sources), is_cut=False)}")
        for p in brief.unique
    )
    return f'<section><h3>Only in one outlet</h3><ul class="points">{items}</ul></section>'


def _disputes(brief: Brief, articles: dict[str, CleanArticle]) -> str:
    head = "<section><h3>Where the outlets differ</h3>"
    if not brief.disputes:
        return f"{head}<p>{NO_DISPUTES}</p></section>"
    rows = []
    for dispute in brief.disputes:
        versions = dispute.versions or ()
        for index, version in enumerate(versions):
            subject = ""
            if index == 0:
                subject = (
                    f'<th scope="row" rowspan="{len(versions)}">{_text(dispute.subject)}'
                    f'<br><span class="outlets">{_text(dispute.kind)}</span></th>'
                )
            rows.append(
                f"<tr>{subject}<td>“{_text(version.value)}”"
                f"{_evidence_list(version.evidence, articles)}</td>"
                f"<td>{_text(outlet_list(list(version.sources), is_cut=False))}</td></tr>"
            )
    return (
        f'{head}<div class="table"><table><thead><tr><th scope="col">Subject</th>'
        f'<th scope="col">Version</th><th scope="col">Outlets</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _quotes(brief: Brief, articles: dict[str, CleanArticle]) -> str:
    parts = ["<section><h3>Quotes</h3>"]
    for quote in brief.quotes:
        if is_phrase(quote):
            continue
        main = main_version(quote)
        sources = main.sources if main else quote.sources
        parts.append(
            f'<div class="quote"><blockquote>“{_text(quote.text)}”</blockquote>'
            f'<p class="caption">— <span class="speaker">{_text(quote.speaker or "Unattributed")}'
            "</span> · "
            f"{_outlets(sources)}</p>"
        )
        if main is not None:
            parts.append(_evidence_list(main.evidence, articles))
        others = other_versions(quote)
        if others:
            parts.append('<ul class="points">')
            for version in others:
                parts.append(
                    f"<li>{version_label(quote, version)} “{_text(version.text)}” {_outlets(version.sources)}"
                    f"{_evidence_list(version.evidence, articles)}</li>"
                )
            parts.append("</ul>")
        parts.append("</div>")
    phrases = phrases_by_speaker(brief.quotes)
    if phrases:
        parts.append(f'<h4>{_text(PHRASES_LABEL)}</h4><ul class="points phrases">')
        for speaker, runs in phrases:
            shown = " · ".join(
                ", ".join(_phrase(quote) for quote in run) + f" {_outlets(main_sources(run[0]))}" for run in runs
            )
            evidence = [span for run in runs for quote in run for v in quote.versions for span in v.evidence]
            parts.append(
                f'<li><span class="speaker">{_text(speaker or "Unattributed")}</span>: {shown}'
                f"{_evidence_list(evidence, articles, label='In context')}</li>"
            )
        parts.append("</ul>")
    parts.append("</section>")
    return "".join(parts)


def _phrase(quote: Quote) -> str:
    shown = f"“{_text(quote.text)}”"
    others = other_versions(quote)
    if others:
        shown += f" (also {', '.join(f'“{_text(v.text)}”' for v in others)})"
    return shown


def _entities(brief: Brief) -> str:
    parts = ['<section><h3>People, organisations and places</h3><dl class="entities">']
    for label, members in entity_groups(brief):
        shown = []
        for entity in members:
            aliases = [a for a in dict.fromkeys(entity.aliases) if a.casefold() != entity.name.casefold()]
            also = f' <span class="outlets">(also {_text(", ".join(aliases))})</span>' if aliases else ""
            shown.append(f"{_text(entity.name)}{also}")
        parts.append(f"<dt>{_text(label)}</dt><dd>{', '.join(shown)}</dd>")
    parts.append("</dl></section>")
    return "".join(parts)


def _link(article: CleanArticle) -> str:
    title = _text(article.title) if article.title.strip() else "(untitled)"
    url = safe_url(article.url)
    if url:
        return f'<a href="{_text(url)}" rel="noopener noreferrer nofollow">{title}</a>'
    if article.url.strip():
        return f'{title} <span class="outlets">({_text(article.url)})</span>'
    return title


def _sources(brief: Brief, articles: dict[str, CleanArticle]) -> str:
    items = []
    for article in brief.articles:
        date = f" · {_text(article.date)}" if article.date.strip() else ""
        items.append(f"<li><strong>{_text(outlet_name(article))}</strong> — {_link(article)}{date}</li>")
    parts = [f'<section><h3>Sources</h3><ol class="sources">{"".join(items)}</ol>']
    if brief.duplicates:
        groups = []
        for group in brief.duplicates:
            members = ", ".join(
                f"{_text(outlet_of(a, articles))} <span class=\"outlets\">({_text(a)})</span>" for a in group
            )
            groups.append(f"<li>{members}</li>")
        parts.append(f'<p class="meta">Near-copies, counted once:</p><ul>{"".join(groups)}</ul>')
    parts.append("</section>")
    return "".join(parts)


def removed_section(brief: Brief, articles: dict[str, CleanArticle]) -> str:
    """Return the "Removed during cleaning" section: each removal with its reason and article."""
    parts = ['<section class="removed"><h3>Removed during cleaning</h3>']
    if not brief.removed:
        parts.append("<p>Nothing was removed.</p></section>")
        return "".join(parts)
    parts.append("<ul>")
    for removal in brief.removed:
        parts.append(
            f"<li><strong>{_text(removal.reason)}</strong> in {_text(outlet_of(removal.article, articles))}"
            f' <span class="outlets">({_text(removal.article)})</span>'
        )
        short = shorten(removal.text)
        if short == " ".join(removal.text.split()):
            parts.append(f"<br>“{_text(short)}”</li>")
        else:
            parts.append(
                f"<details><summary>{_text(short)}</summary>"
                f'<pre class="text">{_text(removal.text)}</pre></details></li>'
            )
    parts.append("</ul></section>")
    return "".join(parts)


def _anchor(brief: Brief, number: int) -> str:
    slug = _ID_UNSAFE.sub("-", brief.id).strip("-")[:60]
    return f"story-{number}-{slug}" if slug else f"story-{number}"


def _story(brief: Brief, number: int, is_explained: bool) -> str:
    articles = articles_by_id(brief)
    meta = [f"Headline via <strong>{_text(brief.headline_source)}</strong>" if brief.headline_source else ""]
    counts = f"{plural(len(brief.articles), 'article')} from {plural(len(brief.sources), 'outlet')}"
    meta.append(_text(counts))
    meta.append(_text(date_range(brief.articles)))
    parts = [
        f'<article class="story" id="{_text(_anchor(brief, number))}">',
        f"<h2>{_text(brief.headline) if brief.headline.strip() else '(no headline)'}</h2>",
        f'<p class="meta">{" · ".join(m for m in meta if m)}</p>',
    ]
    if brief.summary.strip():
        parts.append(f'<p class="summary">{_text(brief.summary)}</p>')
        parts.append(_evidence_list(brief.summary_evidence, articles, label="Summary evidence"))
    if brief.key_points:
        parts.append(_key_points(brief, articles))
    if brief.unique:
        parts.append(_unique(brief, articles))
    parts.append(_disputes(brief, articles))
    if brief.quotes:
        parts.append(_quotes(brief, articles))
    if brief.entities:
        parts.append(_entities(brief))
    parts.append(_sources(brief, articles))
    if is_explained:
        parts.append(removed_section(brief, articles))
    parts.append("</article>")
    return "\n".join(parts)



def page_head(title: str, css: str, policy: str) -> str:
    """Return a self-contained page's opening up to ``</head>``: its policy, title (escaped) and style."""
    import newsfuse

    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="newsfuse {_text(newsfuse.__version__)}">
<title>{_text(title)}</title>
<style>{css}</style>
</head>"""


def render_html(
    briefs: Iterable[Brief] | Brief, title: str = "newsfuse briefs", explain: bool = False
) -> str:
    """Return ``briefs`` as one self-contained, script-free HTML page.

    Each story shows its summary, key points with outlets, support and the
    evidence sentences highlighted in context, points only one outlet has,
    a table of where the outlets differ, quotes with every version, the
    people, organisations and places, and the sources.

    Args:
        title: the page title (escaped like everything else).
        explain: also list what cleaning removed from each article, and why.
    """
    import newsfuse

    items = as_briefs(briefs)
    article_count = sum(len(b.articles) for b in items)
    nav = ""
    if len(items) > 1:
        links = "".join(
            f'<li><a href="#{_text(_anchor(b, n))}">{_text(b.headline or "(no headline)")}</a></li>'
            for n, b in enumerate(items, start=1)
        )
        nav = f'<nav><ol>{links}</ol></nav>'
    stories = "\n".join(_story(b, n, explain) for n, b in enumerate(items, start=1))
    if not items:
        stories = "<p>No stories.</p>"
    return f"""{page_head(title, CSS, CONTENT_SECURITY_POLICY)}
<body>
<header class="page">
<h1>{_text(title)}</h1>
<p class="meta">{_text(plural(len(items), "story", "stories"))} from {_text(plural(article_count, "article"))}</p>
{nav}
</header>
<main>
{stories}
</main>
<footer>Made by newsfuse {_text(newsfuse.__version__)}. Every point lists the outlets that report it; open “Evidence” to read their sentences.</footer>
</body>
</html>
"""
