"""Hostile articles: 100 XSS payloads in titles, text, outlet names and URLs never become markup.

The articles go through the whole pipeline into a store (``Store.ingest``),
and one story gets a brief written by hand with a payload in every field a
page shows (points, disputes, quotes, speakers, entities, removals), saved
with the store's own ``save_brief``.  Every page is then parsed: only the
tags and attributes the templates write may appear, no event-handler
attribute, no script but the app's own, no link to anything but http(s) or
the app's paths.  ``test_browser.py`` loads the same pages in Chromium and
checks that nothing runs.
"""

from __future__ import annotations

import dataclasses
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("jinja2")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402
from markupsafe import escape  # noqa: E402

from newsfuse.models import (  # noqa: E402
    Article,
    Brief,
    Dispute,
    Entity,
    Evidence,
    Point,
    Quote,
    QuoteVersion,
    Removal,
    Version,
)
from newsfuse.serve import create_app  # noqa: E402
from newsfuse.store import Store  # noqa: E402
from newsfuse.store import queries as store_queries  # noqa: E402
from newsfuse.store.sqlite import write_transaction  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

# Fifty attack shapes, each used twice with its own number: 100 payloads.
_SHAPES = (
    "<script>alert({n})</script>",
    "<img src=x onerror=alert({n})>",
    "<svg onload=alert({n})>",
    "<svg><script>alert({n})</script></svg>",
    "<body onload=alert({n})>",
    '<iframe src="javascript:alert({n})"></iframe>',
    '<iframe srcdoc="<script>alert({n})</script>"></iframe>',
    '<a href="javascript:alert({n})">click</a>',
    '"><script>alert({n})</script>',
    "'><img src=x onerror=alert({n})>",
    '" onmouseover="alert({n})" x="',
    "' onfocus='alert({n})' autofocus='",
    "</title><script>alert({n})</script>",
    "</textarea><script>alert({n})</script>",
    "</style><script>alert({n})</script>",
    "<details open ontoggle=alert({n})>",
    "<input autofocus onfocus=alert({n})>",
    "<video><source onerror=alert({n})></video>",
    '<object data="javascript:alert({n})"></object>',
    '<embed src="javascript:alert({n})">',
    '<math><mtext></form><form><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=alert({n}) src=1>">',
    "&lt;script&gt;alert({n})&lt;/script&gt;",
    "&#60;script&#62;alert({n})&#60;/script&#62;",
    "%3Cscript%3Ealert({n})%3C%2Fscript%3E",
    "\\u003cscript\\u003ealert({n})\\u003c/script\\u003e",
    "<scr<script>ipt>alert({n})</scr</script>ipt>",
    "<ScRiPt>alert({n})</sCrIpT>",
    '<a href="jav&#x09;ascript:alert({n})">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x{n}</a>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert({n})">',
    '<base href="javascript:alert({n})//">',
    '<link rel=stylesheet href="javascript:alert({n})">',
    "<style>@import 'javascript:alert({n})';</style>",
    '<div style="background:url(javascript:alert({n}))">x</div>',
    "{{{{constructor.constructor('alert({n})')()}}}}",
    "${{alert({n})}}",
    '<form action="javascript:alert({n})"><button>go</button></form>',
    "<isindex type=image src=1 onerror=alert({n})>",
    "<marquee onstart=alert({n})>x</marquee>",
    "<audio src=x onerror=alert({n})>",
    "<template><script>alert({n})</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert({n})>"></noscript>',
    "<xmp><script>alert({n})</script></xmp>",
    '<!--<img src="--><img src=x onerror=alert({n})//">',
    "<svg><animate onbegin=alert({n}) attributeName=x dur=1s>",
    '<svg><a xlink:href="javascript:alert({n})"><text x=20 y=20>x</text></a></svg>',
    '<img src="x` `<script>alert({n})</script>"` `>',
    "javascript:alert({n})",
    "JaVaScRiPt:alert({n})",
    "<sCrIpT src=//evil.example/x{n}.js></sCrIpT>",
)
PAYLOADS = tuple(_SHAPES[n % len(_SHAPES)].format(n=n + 1) for n in range(100))

# The tags the templates write; anything else in a page came from data.
ALLOWED_TAGS = frozenset(
    """html head meta title link script body header a form label input button main footer h1 h2 h3 p
    ol ul li span time strong mark details summary nav section div table caption thead tbody tr th td
    figure blockquote figcaption dl dt dd pre code article br""".split()
)
# Tags that appear a fixed number of times, all from base.html.
FIXED_TAG_COUNTS = {"script": 1, "link": 2, "meta": 4, "form": 1, "input": 1, "title": 1, "html": 1, "body": 1}
SAFE_LINK_PREFIXES = ("/", "#", "?", "https://", "http://")

STORY_TEXT = (
    "Engineers reopened the Harlow Bay suspension bridge on Monday after replacing two corroded steel cables.",
    "Morning commuters crossed in light traffic while inspectors watched the deck sensors.",
    "The repair cost 14 million euros and took nine weeks, according to the transport ministry.",
)
OTHER_TEXT = (
    "Strong winds pushed a wildfire through dry pine forest in the Dunmore Valley overnight.",
    "Firefighters evacuated three hamlets and closed the mountain highway.",
    "Helicopters dropped water on the ridge as smoke drifted toward the coast.",
)


# An unrelated event: its story gets the hand-made brief.
SATELLITE = Article(
    id="satellite",
    source="Orbit Weekly",
    title="Vesterby satellite reaches orbit on second attempt",
    text=(
        "A weather satellite built in Vesterby reached orbit after last month's launch was scrubbed by a fuel leak."
        "\n\nMission controllers confirmed that the solar panels had unfolded."
        "\n\nThe spacecraft will map sea ice and storms for at least seven years."
    ),
    url="https://example.com/satellite",
)


def hostile_articles() -> list[Article]:
    """Return 100 articles on two events, each carrying a payload in its title and text.

    Every third article has a payload as its outlet name, every fourth as
    its URL, every fourth (shifted) a payload inside an http URL.
    """
    articles = []
    for number, payload in enumerate(PAYLOADS):
        sentences = STORY_TEXT if number % 2 == 0 else OTHER_TEXT
        shift = number % len(sentences)
        body = list(sentences[shift:] + sentences[:shift])
        body.insert(1, f"A protester held a sign reading {payload} outside the hall.")
        if number % 4 == 0:
            url = payload
        elif number % 4 == 1:
            url = f'https://example.com/{number}?q="><script>alert({number + 1})</script>'
        else:
            url = f"https://example.com/story/{number}"
        articles.append(
            Article(
                id=f"hostile-{number}",
                source=f"Outlet {payload}" if number % 3 == 0 else f"Outlet {number % 5}",
                title=f"{'Bridge' if number % 2 == 0 else 'Wildfire'} report {payload} update",
                text="\n\n".join(body),
                url=url,
                date="2025-05-01",
            )
        )
    return articles


def _span(text: str, phrase: str, article_id: str) -> Evidence:
    start = text.index(phrase)
    return Evidence(article_id, start, start + len(phrase))


def hostile_brief(story_id: str, articles) -> Brief:
    """Return a brief for a stored story with a payload in every field a page prints."""
    payloads = iter(PAYLOADS * 3)
    copies = [
        dataclasses.replace(
            articles[0], id=f"{articles[0].id}-copy{n}" if n else articles[0].id, source=next(payloads),
            title=next(payloads), url=next(payloads),
        )
        for n in range(3)
    ]
    marked = [dataclasses.replace(a, removed=(Removal(a.id, next(payloads), next(payloads)),)) for a in copies]
    first, second = marked[0], marked[1]
    outlets = tuple(dict.fromkeys(a.source for a in marked))

    def evidence(article) -> tuple[Evidence, ...]:
        sentence = article.sentences[0]
        return (Evidence(article.id, sentence.start, sentence.end),)

    def point() -> Point:
        return Point(next(payloads), (next(payloads), first.source), evidence(first) + evidence(second), 0.5)

    return Brief(
        id=story_id,
        headline=next(payloads),
        headline_source=next(payloads),
        headline_article=first.id,
        summary=f"{next(payloads)} and {next(payloads)}",
        summary_evidence=evidence(first),
        articles=tuple(marked),
        key_points=tuple(point() for _ in range(4)),
        unique=tuple(point() for _ in range(2)),
        disputes=(
            Dispute(
                subject=next(payloads),
                kind=next(payloads),
                versions=(
                    Version(next(payloads), (first.source,), evidence(first)),
                    Version(next(payloads), (second.source, next(payloads)), evidence(second)),
                ),
            ),
        ),
        quotes=(
            Quote(
                speaker=next(payloads),
                text=next(payloads),
                sources=(first.source, second.source),
                versions=(
                    QuoteVersion(next(payloads), (first.source,), evidence(first)),
                    QuoteVersion(next(payloads), (second.source,), evidence(second)),
                ),
            ),
        ),
        entities=(
            Entity(next(payloads), "person", (next(payloads),), outlets, 3),
            Entity(next(payloads), next(payloads), (), (next(payloads),), 1),
        ),
        duplicates=((first.id, second.id),),
    )


def build_hostile_store(path: Path) -> list[str]:
    """Fill a store with the hostile articles (briefs by the pipeline) and one story whose
    brief is the hand-made ``hostile_brief``; return the story ids."""
    with Store.open(path) as store:
        report = store.ingest(hostile_articles())
        assert report.added == len(PAYLOADS), report.summary()
        before = {s.id for s in store.stories(limit=None)}
        store.ingest([SATELLITE], is_brief_rebuilt=False)
        [target] = [s for s in store.stories(limit=None) if s.id not in before]
        key, _ = store_queries.resolve_story(store.connection, target.id)
        with write_transaction(store.connection):
            version = store_queries.story_version(store.connection, key)
            brief = hostile_brief(target.id, store.articles(target.id))
            store_queries.save_brief(store.connection, key, version, brief, time.time())
        return [s.id for s in store.stories(limit=None)]


def hostile_paths(story_ids: list[str]) -> list[str]:
    """Return every page of the hostile store worth attacking, payloads in queries and paths too."""
    paths = ["/", "/docs"]
    paths += [f"/stories/{quote(story_id, safe='')}" for story_id in story_ids]
    for payload in PAYLOADS[:12]:
        paths.append(f"/?q={quote(payload, safe='')}")
        paths.append(f"/stories/{quote(payload, safe='')}")
    return paths


class TagAudit(HTMLParser):
    """Collect every problem a page's markup shows: foreign tags, handlers, unsafe links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.counts: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.counts[tag] = self.counts.get(tag, 0) + 1
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"foreign tag <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}= on <{tag}>")
            if name in ("style", "srcdoc", "formaction", "xlink:href"):
                self.problems.append(f"attribute {name}= on <{tag}>")
            if name in ("href", "src", "action") and not (value or "").startswith(SAFE_LINK_PREFIXES):
                self.problems.append(f"unsafe {name}={value!r} on <{tag}>")
        if tag == "script" and dict(attrs).get("src") != "/static/newsfuse.js":
            self.problems.append(f"script {attrs!r}")

    def audit(self, text: str) -> list[str]:
        self.feed(text)
        self.close()
        for tag, expected in FIXED_TAG_COUNTS.items():
            if self.counts.get(tag, 0) != expected:
                self.problems.append(f"{self.counts.get(tag, 0)} <{tag}> tags, expected {expected}")
        return self.problems


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("xss") / "hostile.db"
    story_ids = build_hostile_store(path)
    with TestClient(create_app(path)) as client:
        pages = {}
        for page_path in hostile_paths(story_ids):
            response = client.get(page_path)
            assert response.status_code in (200, 404), page_path
            pages[page_path] = response.text
        yield client, story_ids, pages


def test_pages_hold_no_markup_from_the_articles(hostile):
    _, _, pages = hostile
    for path, text in pages.items():
        assert TagAudit().audit(text) == [], path


def test_no_payload_appears_unescaped(hostile):
    _, _, pages = hostile
    everything = "\n".join(pages.values())
    for payload in PAYLOADS:
        if "<" in payload or '"' in payload:
            assert payload.strip() not in everything, payload


def test_every_payload_reaches_a_page_escaped(hostile):
    _, _, pages = hostile
    everything = "\n".join(pages.values())
    missing = [p for p in PAYLOADS if str(escape(p.strip())) not in everything]
    assert missing == []


def test_payload_urls_are_never_links(hostile):
    _, _, pages = hostile
    for path, text in pages.items():
        for value in _attribute_values(text, ("href", "src", "action")):
            assert "javascript:" not in (value or "").lower(), (path, value)
            assert "<" not in (value or "") and '"' not in (value or ""), (path, value)


def _attribute_values(text: str, names: tuple[str, ...]) -> list[str | None]:
    values: list[str | None] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):  # noqa: ANN001
            values.extend(value for name, value in attrs if name in names)

    Collect(convert_charrefs=True).feed(text)
    return values


def test_the_json_api_keeps_payloads_as_data(hostile):
    client, story_ids, _ = hostile
    decoded = []
    for story_id in story_ids:
        response = client.get(f"/api/stories/{quote(story_id, safe='')}")
        assert response.headers["content-type"] == "application/json"
        assert response.headers["x-content-type-options"] == "nosniff"
        decoded += _strings(response.json())
    everything = "\n".join(decoded)
    assert [p for p in PAYLOADS if p.strip() not in everything] == []


def _strings(value) -> list[str]:  # noqa: ANN001
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []
