"""The web app over a real store: list, paging, search, story pages, JSON API, errors, headers.

The store is filled through ``newsfuse.store.Store.ingest`` (the whole
pipeline) with the five seeds and six short stories written for these tests,
so the pages show what the brief stage really produced.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("fastapi")
pytest.importorskip("jinja2")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402
from markupsafe import escape  # noqa: E402

from newsfuse.errors import MissingExtraError, StoreError  # noqa: E402
from newsfuse.models import Article  # noqa: E402
from newsfuse.render import brief_to_dict, validate_document  # noqa: E402
from newsfuse.serve import create_app  # noqa: E402
from newsfuse.serve import queries as serve_queries  # noqa: E402
from newsfuse.serve.app import CONTENT_SECURITY_POLICY  # noqa: E402
from newsfuse.serve.views import omitted, word_diff  # noqa: E402
from newsfuse.store import Store  # noqa: E402
from newsfuse.store.sqlite import connect  # noqa: E402
from test_store import damage_table  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"

# Six unrelated events, three outlets each (sentences rotated per outlet).
TOPICS = (
    (
        "Harlow Bay bridge reopens after cable repairs",
        "Engineers reopened the Harlow Bay suspension bridge on Monday after replacing two corroded steel cables. "
        "Morning commuters crossed in light traffic while inspectors watched the deck sensors. "
        "The repair cost 14 million euros and took nine weeks, according to the transport ministry.",
    ),
    (
        "Ostrava Hills orchestra cancels winter tour",
        "The Ostrava Hills Philharmonic called off its winter tour of Scandinavia because of a dispute over "
        "musicians' pay. Violinists and cellists voted by a wide margin to refuse the travel schedule. "
        "Ticket holders in Oslo and Stockholm will receive refunds, the orchestra's manager said.",
    ),
    (
        "Kelmarsh clinics run short of measles vaccine",
        "Pharmacies and clinics across Kelmarsh county reported empty fridges as demand for measles shots surged. "
        "Health officials blamed a delayed shipment from a supplier in Belgium. "
        "Parents queued for hours outside the central hospital on Saturday morning.",
    ),
    (
        "Port Quillan mayoral race heads to a runoff",
        "Neither candidate won a majority in the Port Quillan mayoral vote, so residents will return to the polls "
        "in March. Turnout reached 61 percent, the highest in two decades. "
        "The incumbent conceded that housing prices had dominated the campaign.",
    ),
    (
        "Dunmore Valley wildfire forces evacuations",
        "Strong winds pushed a wildfire through dry pine forest in the Dunmore Valley overnight. "
        "Firefighters evacuated three hamlets and closed the mountain highway. "
        "Helicopters dropped water on the ridge as smoke drifted toward the coast.",
    ),
    (
        "Vesterby satellite reaches orbit on second attempt",
        "A weather satellite built in Vesterby reached orbit after last month's launch was scrubbed by a fuel leak. "
        "Mission controllers confirmed that the solar panels had unfolded. "
        "The spacecraft will map sea ice and storms for at least seven years.",
    ),
)


def topic_article(topic: int, variant: int, *, title_suffix: str = "", extra: str = "", **fields) -> Article:
    """Return one outlet's article on ``TOPICS[topic]``: its sentences rotated by ``variant``."""
    title, text = TOPICS[topic % len(TOPICS)]
    sentences = [s.rstrip(".") + "." for s in text.split(". ")]
    shift = variant % len(sentences)
    body = "\n\n".join(sentences[shift:] + sentences[:shift] + ([extra] if extra else []))
    values = {
        "id": f"topic{topic}-{variant}",
        "source": f"Outlet {variant}",
        "title": f"{title}{title_suffix}",
        "text": body,
        "url": f"https://example.com/{topic}/{variant}",
        "date": f"2025-05-0{1 + topic % 9}",
    }
    values.update(fields)
    return Article(**values)


class Page(HTMLParser):
    """The parts of a page the tests look at: links, table rows, elements by class."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.rows: list[list[str]] = []
        self.classes: dict[str, int] = {}
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in (values.get("class") or "").split():
            self.classes[name] = self.classes.get(name, 0) + 1
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag == "tr":
            self._row = []
        if tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        if tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def story_links(text: str) -> list[str]:
    """Return the story ids linked from a list page, in page order."""
    return [link.split("/stories/", 1)[1] for link in Page(text).links if link.startswith("/stories/")]


# ------------------------------------------------------------------ fixtures

@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the seeds (one story) and six more stories, ingested in that order."""
    path = tmp_path_factory.mktemp("serve") / "news.db"
    with Store.open(path) as store:
        store.ingest([SEEDS])
        store.ingest([topic_article(t, v) for t in range(len(TOPICS)) for v in range(3)])
    return path


@pytest.fixture(scope="module")
def store(db_path: Path):
    with Store.open(db_path, is_read_only=True) as opened:
        yield opened


@pytest.fixture(scope="module")
def client(db_path: Path):
    with TestClient(create_app(db_path)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def seed_story(store):
    """The seeds' story: the one with five articles."""
    [story] = [s for s in store.stories(limit=None) if s.article_count == 5]
    return story


# ------------------------------------------------------------------ list, paging, search

def test_the_list_shows_every_story_newest_activity_first(client, store):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    expected = [s.id for s in store.stories(limit=None)]
    assert len(expected) == 7
    assert story_links(response.text) == expected
    api = client.get("/api/stories").json()
    assert [s["id"] for s in api["stories"]] == expected


def test_a_list_entry_has_headline_summary_counts_coverage_and_time(client, store, seed_story):
    text = client.get("/").text
    brief = store.brief(seed_story.id)
    entry = text[text.index(f'href="/stories/{seed_story.id}"') :].split("</li>", 1)[0]
    assert str(escape(seed_story.headline)) in entry
    assert str(escape(brief.summary[:80])) in entry
    assert "5 outlets · 5 articles" in entry
    cells = re.findall(r'<span class="cell( on)?" title="([^"]*)"', entry)
    # The coverage bar has one cell per busiest outlet of the store, those carrying the story filled.
    carried = {title for on, title in cells if on}
    assert carried == {str(escape(outlet)) for outlet in seed_story.sources}
    assert len(cells) == len({title for _, title in cells}) >= 5
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ">', entry)


def test_paging_walks_every_story_once(db_path, store):
    expected = [s.id for s in store.stories(limit=None)]
    with TestClient(create_app(db_path, page_size=3)) as paged:
        seen, page, pages = [], 1, 0
        while True:
            text = paged.get("/", params={"page": page}).text
            ids = story_links(text)
            assert 1 <= len(ids) <= 3
            seen += ids
            pages += 1
            links = Page(text).links
            if f"/?page={page + 1}" not in links:
                break
            page += 1
        assert pages == 3
        assert seen == expected
        assert "/?page=2" in Page(paged.get("/", params={"page": 3}).text).links  # "Newer" goes back
        past_the_end = paged.get("/", params={"page": 4}).text
        assert story_links(past_the_end) == []
        # A page past the end does not say the store is empty ("No stories yet"): it says where the list ends.
        assert "No stories yet" not in past_the_end
        assert "Page 4 is past the last story" in past_the_end and 'href="/">back to the first page' in past_the_end
        past_the_matches = paged.get("/", params={"page": 9, "q": "wildfire"}).text
        assert "Page 9 is past the last story matching “wildfire”" in past_the_matches
        assert 'href="/?q=wildfire">back to the first page' in past_the_matches
        api = paged.get("/api/stories", params={"page": 3, "per_page": 3}).json()
        assert [s["id"] for s in api["stories"]] == expected[6:]
        assert api["has_more"] is False and api["next"] is None
        first = paged.get("/api/stories", params={"per_page": 3}).json()
        assert first["has_more"] is True and first["next"] == "/api/stories?page=2&per_page=3"


@pytest.mark.parametrize(
    ("query", "expected_headline"),
    [
        ("wildfire", "Dunmore Valley wildfire forces evacuations"),
        ("WILDFIRE dunmore", "Dunmore Valley wildfire forces evacuations"),
        ("orbit Vesterby", "Vesterby satellite reaches orbit on second attempt"),
    ],
)
def test_search_keeps_stories_holding_every_word(client, query, expected_headline):
    text = client.get("/", params={"q": query}).text
    [story_id] = story_links(text)
    assert expected_headline in text
    assert f'value="{escape(query)}"' in text  # the box keeps the query
    api = client.get("/api/stories", params={"q": query}).json()
    assert [s["id"] for s in api["stories"]] == [story_id]


def test_search_reaches_article_titles_not_only_headlines(client, seed_story, store):
    titles = [a.title for a in store.articles(seed_story.id)]
    headline = store.brief(seed_story.id).headline
    word = next(
        w for t in titles for w in t.split() if len(w) > 5 and w.isalpha() and w.lower() not in headline.lower()
    )
    assert story_links(client.get("/", params={"q": word}).text) == [seed_story.id]


@pytest.mark.parametrize("query", ["corroded", "CORRODED cables", "Corrodéd", "inspectors* -deck"])
def test_search_reaches_article_text_whole_words_case_and_accents_ignored(client, query):
    # "corroded" and "inspectors" are in the bridge story's article text, never in a title.
    text = client.get("/", params={"q": query}).text
    [story_id] = story_links(text)
    assert "Harlow Bay bridge reopens" in text
    assert [s["id"] for s in client.get("/api/stories", params={"q": query}).json()["stories"]] == [story_id]
    assert story_links(client.get("/", params={"q": "corrode"}).text) == []  # whole words only


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"', []),
        ("*", []),
        ("bridge OR", []),  # "or" is a word to find, not an operator
        ("NEAR(bridge", []),
        ("title:bridge", []),  # not a column filter: the word "title" is in no article
        ("^bridge", ["Harlow Bay bridge reopens after cable repairs"]),
    ],
)
def test_search_reads_no_query_syntax(client, query, expected):
    response = client.get("/api/stories", params={"q": query})
    assert response.status_code == 200
    assert [s["headline"] for s in response.json()["stories"]] == expected
    assert client.get("/", params={"q": query}).status_code == 200


@pytest.mark.parametrize("query", ["%", "_", "zzzz qqqq", "wildfire orbit"])
def test_search_without_a_match_says_so(client, query):
    text = client.get("/", params={"q": query}).text
    assert story_links(text) == []
    assert "No story has an article whose title or text holds" in text


# ------------------------------------------------------------------ the story page

@pytest.fixture(scope="module")
def seed_page(client, seed_story) -> str:
    response = client.get(f"/stories/{seed_story.id}")
    assert response.status_code == 200
    return response.text


def test_the_story_page_shows_headline_summary_and_key_points(seed_page, store, seed_story):
    brief = store.brief(seed_story.id)
    assert f"<h1>{escape(brief.headline)}</h1>" in seed_page
    assert str(escape(brief.summary)) in seed_page
    assert brief.key_points
    section = seed_page.split('id="key-points"', 1)[1].split("</section>", 1)[0]
    items = section.split('<li class="point"')[1:]
    assert len(items) == len(brief.key_points)
    outlets = len(brief.sources)
    for item, point in zip(items, brief.key_points):
        assert str(escape(point.text)) in item
        for outlet in point.sources:
            assert f'<span class="chip">{escape(outlet)}</span>' in item or "chip more" in item
        assert f"{len(set(point.sources))} of {outlets} outlets" in item
        assert item.count('class="cell') == outlets
        assert item.count('class="cell on"') == len(set(point.sources))
        # Evidence is collapsed; each sentence is highlighted in its paragraph.
        assert '<details class="evidence">' in item and "<details class=\"evidence\" open" not in item
        assert item.count("<mark") >= len(point.evidence)


def test_the_dispute_table_puts_former_president_beside_president(seed_page):
    rows = Page(seed_page).rows
    values = [row for row in rows if row and row[0] == "Says"]
    assert any(
        any(
            left.strip("“”") == "President" and right.strip("“”") == "former President"
            or left.strip("“”") == "former President" and right.strip("“”") == "President"
            for left, right in zip(row[1:], row[2:])
        )
        for row in values
    ), values
    # The word that differs is marked.
    assert '<mark class="diff">former</mark>' in seed_page


def test_the_story_page_has_quotes_entities_outlets_and_sources(seed_page, store, seed_story):
    brief = store.brief(seed_story.id)
    page = Page(seed_page)
    if brief.quotes:
        assert seed_page.count('<figure class="quote">') == len(brief.quotes)
        for quote in brief.quotes:
            assert str(escape(quote.speaker or "Unattributed")) in seed_page
        # Another outlet's wording is "reported"; the same outlet's second wording only "quoted" again.
        labels = re.findall(r'<span class="version-label">([^<]*)</span>', seed_page)
        assert "Also reported as" in labels and "Also quoted as" in labels
    if brief.entities:
        for entity in brief.entities:
            assert str(escape(entity.name)) in seed_page
    # One "By outlet" entry per outlet.
    assert page.classes.get("outlet", 0) == len(brief.sources)
    # Sources: every article, links only for http(s) URLs, removed text collapsed.
    sources = seed_page.split('id="sources"', 1)[1]
    for article in brief.articles:
        assert str(escape(article.title or "(untitled)")) in sources
    with_removals = sum(1 for a in brief.articles if a.removed)
    assert with_removals > 0
    assert sources.count('<details class="removed">') == with_removals
    for removal in brief.removed:
        assert str(escape(removal.text)) in sources
    assert f'href="/api/stories/{seed_story.id}"' in seed_page


def test_each_outlet_lists_what_most_others_reported_and_it_left_out(seed_page, store, seed_story):
    brief = store.brief(seed_story.id)
    outlets = brief.sources
    for outlet in outlets:
        block = seed_page.split(f"<summary><strong>{escape(outlet)}</strong>", 1)[1]
        block = block.split('<details class="outlet"', 1)[0].split('<section id="sources">', 1)[0]
        numbers = [int(n) for n in re.findall(r'href="#point-(\d+)"', block)]
        assert numbers == [i + 1 for i in omitted(brief.key_points, outlet, len(outlets))]
        for number in numbers:
            point = brief.key_points[number - 1]
            assert outlet not in point.sources
            assert len(set(point.sources)) * 2 > len(outlets) - 1


def test_story_pages_of_every_story_render(client, store):
    for story in store.stories(limit=None):
        response = client.get(f"/stories/{story.id}")
        assert response.status_code == 200, story.id
        assert "<h1>" in response.text


def test_a_story_id_prefix_redirects_to_the_story(client, seed_story):
    for base in ("/stories/", "/api/stories/"):
        response = client.get(base + seed_story.id[:8], follow_redirects=False)
        assert response.status_code == 308
        assert response.headers["location"] == base + seed_story.id


def test_the_story_page_answers_not_modified_to_its_etag(client, seed_story):
    first = client.get(f"/stories/{seed_story.id}")
    again = client.get(f"/stories/{seed_story.id}", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304


# ------------------------------------------------------------------ JSON API

def test_the_story_api_serves_the_stored_brief_as_a_valid_document(client, store):
    for story in store.stories(limit=None):
        response = client.get(f"/api/stories/{story.id}")
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        document = response.json()
        assert validate_document(document) == []
        assert document["stories"] == [brief_to_dict(store.brief(story.id))]
        assert response.headers["x-newsfuse-brief-stale"] == "false"


def test_the_list_api_gives_each_story_its_summary_and_links(client, store):
    body = client.get("/api/stories").json()
    assert set(body) == {"stories", "query", "page", "per_page", "has_more", "next"}
    for item in body["stories"]:
        brief = store.brief(item["id"])
        assert item["headline"] == brief.headline
        assert item["summary"] == brief.summary
        assert item["sources"] == list(store.story(item["id"]).sources)
        assert item["url"] == f"/stories/{item['id']}"
        assert item["api_url"] == f"/api/stories/{item['id']}"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", item["updated_at"])
        assert item["has_brief"] is True and item["is_brief_stale"] is False


def test_openapi_describes_the_api_and_the_brief_schema(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/schema"} <= set(schema["paths"])
    components = schema["components"]["schemas"]
    assert {"BriefsDocument", "story", "point", "dispute", "StoryList"} <= set(components)
    assert "#/$defs/" not in json.dumps(schema)  # every reference points into components
    ok = schema["paths"]["/api/stories/{story_id}"]["get"]["responses"]["200"]
    assert ok["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/BriefsDocument"}
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "GET /api/stories/{story_id}" in docs.text
    assert client.get("/api/schema").json()["title"] == "newsfuse briefs"


# ------------------------------------------------------------------ errors and headers

def test_an_unknown_story_is_404_as_json_and_as_html(client):
    api = client.get("/api/stories/no-such-story")
    assert api.status_code == 404
    assert api.json() == {"detail": "no story 'no-such-story' in the store (newsfuse stories lists them)"}
    page = client.get("/stories/no-such-story")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "no story &#39;no-such-story&#39; in the store" in page.text
    assert client.get("/no/such/page").status_code == 404


def test_bad_parameters_are_400_pages_and_422_json(client):
    page = client.get("/", params={"page": "0"})
    assert page.status_code == 400
    assert "page: Input should be greater than or equal to 1" in page.text
    api = client.get("/api/stories", params={"per_page": "1000"})
    assert api.status_code == 422
    assert api.json() == {"detail": "per_page: Input should be less than or equal to 100"}


def test_every_api_answer_matches_what_the_openapi_document_declares_for_its_status(client, seed_story):
    # A 422 was declared as FastAPI's HTTPValidationError (detail: a list of objects) while the API
    # sends {"detail": "per_page: ..."}: a client generated from /openapi.json failed to read it.
    jsonschema = pytest.importorskip("jsonschema")
    document = client.get("/openapi.json").json()
    assert "HTTPValidationError" not in document["components"]["schemas"]
    answers = [
        ("/api/stories", "/api/stories", 200),
        ("/api/stories", "/api/stories?per_page=1000", 422),
        ("/api/stories", "/api/stories?page=two", 422),
        ("/api/stories/{story_id}", f"/api/stories/{seed_story.id}", 200),
        ("/api/stories/{story_id}", f"/api/stories/{seed_story.id[:5]}", 308),
        ("/api/stories/{story_id}", "/api/stories/no-such-story", 404),
    ]
    for route, url, status in answers:
        answer = client.get(url, follow_redirects=False)
        assert answer.status_code == status, url
        declared = document["paths"][route]["get"]["responses"][str(status)]
        if status == 308:
            assert answer.headers["location"] == f"/api/stories/{seed_story.id}"
            continue
        schema = {**declared["content"]["application/json"]["schema"], "components": document["components"]}
        problems = [error.message for error in jsonschema.Draft202012Validator(schema).iter_errors(answer.json())]
        assert problems == [], (url, status)


def test_every_response_carries_the_content_security_policy(client, seed_story):
    paths = [
        "/",
        "/?q=wildfire",
        f"/stories/{seed_story.id}",
        f"/api/stories/{seed_story.id}",
        "/api/stories",
        "/api/schema",
        "/openapi.json",
        "/docs",
        "/static/newsfuse.css",
        "/static/newsfuse.js",
        "/static/no-such-file.js",
        "/stories/unknown",
        "/api/stories/unknown",
        "/?page=-1",
    ]
    for path in paths:
        response = client.get(path, follow_redirects=False)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert response.headers["x-content-type-options"] == "nosniff", path
        assert response.headers["x-frame-options"] == "DENY", path
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY


def test_pages_load_only_the_apps_own_script_and_stylesheet(client, seed_story):
    for path in ("/", f"/stories/{seed_story.id}", "/docs", "/stories/unknown"):
        text = client.get(path).text
        assert re.findall(r"<script[^>]*>", text) == ['<script src="/static/newsfuse.js" defer>']
        assert re.findall(r"<link[^>]*>", text) == [
            '<link rel="stylesheet" href="/static/newsfuse.css">',
            '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">',
        ]
        assert "<style" not in text and " style=" not in text
        assert not re.search(r"\son[a-z]+\s*=", text)


# ------------------------------------------------------------------ read-only, pending briefs

def test_the_app_never_writes_to_the_store(db_path, client):
    before = connect(db_path, is_read_only=True)
    try:
        counts = before.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM briefs)").fetchone()
    finally:
        before.close()
    connection = client.app.state.reader.connection()
    assert connection.execute("PRAGMA query_only").fetchone()[0] == 1
    with pytest.raises(sqlite3.OperationalError):
        connection.execute("DELETE FROM briefs")
    client.get("/")
    after = connect(db_path, is_read_only=True)
    try:
        assert after.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM briefs)"
        ).fetchone() == counts
    finally:
        after.close()


def test_a_story_without_a_brief_yet_lists_its_articles(tmp_path):
    path = tmp_path / "pending.db"
    with Store.open(path) as store:
        store.ingest([topic_article(0, 0), topic_article(0, 1)], is_brief_rebuilt=False)
        [story] = store.stories()
    with TestClient(create_app(path)) as pending:
        listing = pending.get("/").text
        assert "The brief is being built." in listing
        page = pending.get(f"/stories/{story.id}")
        assert page.status_code == 200
        assert "The brief for this story is being built" in page.text
        assert page.text.count('href="https://example.com/0/') == 2
        api = pending.get(f"/api/stories/{story.id}")
        assert api.status_code == 404
        assert "has no brief yet" in api.json()["detail"]
        assert pending.get("/api/stories").json()["stories"][0]["has_brief"] is False


def test_pages_follow_the_store_as_it_changes(tmp_path):
    path = tmp_path / "live.db"
    with Store.open(path) as store:
        store.ingest([topic_article(1, 0)])
        with TestClient(create_app(path)) as live:
            assert len(story_links(live.get("/").text)) == 1
            assert len(live.get("/api/stories").json()["stories"]) == 1
            store.ingest([topic_article(4, 0)])
            assert len(story_links(live.get("/").text)) == 2
            assert len(live.get("/api/stories").json()["stories"]) == 2


def test_pages_follow_the_store_whichever_thread_answers(tmp_path):
    # Outside a ``with`` block the test client answers each request on a thread of
    # its own: a thread that opens its connection after a commit must still see it.
    path = tmp_path / "live.db"
    with Store.open(path) as store:
        store.ingest([topic_article(1, 0)])
        live = TestClient(create_app(path))
        assert len(live.get("/api/stories").json()["stories"]) == 1
        assert len(story_links(live.get("/").text)) == 1
        for topic in (4, 5):
            store.ingest([topic_article(topic, 0)])
            assert len(live.get("/api/stories").json()["stories"]) == topic - 2
            assert len(story_links(live.get("/").text)) == topic - 2


def test_a_damaged_store_is_503_with_what_it_means(tmp_path):
    path = tmp_path / "news.db"
    with Store.open(path) as store:
        store.ingest([topic_article(1, 0), topic_article(4, 0)])
        [story_id] = [s.id for s in store.stories()][:1]
    damage_table(path, "briefs")
    with TestClient(create_app(path)) as client:
        for url in (f"/api/stories/{story_id}", f"/stories/{story_id}"):
            response = client.get(url)
            assert response.status_code == 503, url
            assert "is damaged (database disk image is malformed)" in response.text
        assert client.get("/api/stories/nosuchstory").status_code == 404


def test_create_app_refuses_a_missing_store(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        create_app(tmp_path / "absent.db")
    with pytest.raises(ValueError, match=r"page_size must be in \[1, 100\], got 0"):
        create_app(tmp_path / "absent.db", page_size=0)


def test_without_the_web_extra_create_app_names_it(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "fastapi", None)
    monkeypatch.delitem(sys.modules, "newsfuse.serve.app", raising=False)
    with pytest.raises(MissingExtraError) as caught:
        create_app(tmp_path / "news.db")
    assert str(caught.value) == "fastapi is not installed; install it with: pip install 'newsfuse[web]'"


# ------------------------------------------------------------------ the CLI

def test_serve_has_help_with_an_example():
    from typer.testing import CliRunner

    from newsfuse.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "Example: newsfuse serve --db news.db" in result.output


def test_serve_says_when_the_store_or_the_extra_is_missing(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from newsfuse.cli import app

    runner = CliRunner()
    missing = tmp_path / "absent.db"
    result = runner.invoke(app, ["serve", "--db", str(missing)])
    assert result.exit_code == 1
    assert f"Error: no store at {missing}" in result.output
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    result = runner.invoke(app, ["serve", "--db", str(missing)])
    assert result.exit_code == 1
    assert "Error: uvicorn is not installed; install it with: pip install 'newsfuse[web]'" in result.output


def test_serve_on_a_port_in_use_says_so_in_one_line(db_path):
    import socket

    from typer.testing import CliRunner

    from newsfuse.cli import app

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", "--db", str(db_path), "--port", str(port), "--quiet"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: port {port} on 127.0.0.1 is in use; choose another with --port"
    ]


def test_serve_on_an_address_of_another_machine_says_so(db_path):
    from typer.testing import CliRunner

    from newsfuse.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(db_path), "--host", "192.0.2.1", "--port", "8765"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        "Error: 192.0.2.1 is not an address of this machine; choose another with --host (0.0.0.0: every interface)"
    )


# ------------------------------------------------------------------ pure parts

def test_word_diff_marks_the_words_versions_disagree_on():
    assert word_diff(["President", "former President"]) == [
        (("President", ""),),
        (("former", "diff"), (" President", "")),
    ]
    assert word_diff(["3,000 violations", "2,500 violations"]) == [
        (("3,000", "diff"), (" violations", "")),
        (("2,500", "diff"), (" violations", "")),
    ]
    assert word_diff(["same words", "Same Words"]) == [(("same words", ""),), (("Same Words", ""),)]


def _store_with_brief(story: dict) -> sqlite3.Connection:
    connection = connect(":memory:")
    connection.execute(
        "INSERT INTO stories (story_key, id, created_at, updated_at, article_count) VALUES (1, 's', 0, 0, 1)"
    )
    data = json.dumps(story, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    connection.execute(
        "INSERT INTO briefs (story_key, version, built_at, data) VALUES (1, 0, 0, ?)", (zlib.compress(data),)
    )
    return connection


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    headline=st.text(max_size=200),
    summary=st.text(max_size=3000),
    other=st.text(max_size=50),
)
def test_the_list_reads_any_summary_from_the_start_of_the_stored_json(headline, summary, other):
    story = {
        "id": "s",
        "headline": headline + ',"summary":"fake"',
        "headline_source": other,
        "headline_article": '","summary":"' + other,
        "summary": summary,
        "summary_evidence": [],
        "articles": [{"text": other * 50}],
    }
    connection = _store_with_brief(story)
    try:
        assert serve_queries.summary_of(connection, 1) == summary
        assert serve_queries.summary_of(connection, 2) == ""  # no brief row
    finally:
        connection.close()


def test_a_long_summary_is_read_whole():
    summary = " ".join(f"word{n}" for n in range(5000))
    connection = _store_with_brief({"id": "s", "headline": "h", "summary": summary, "articles": []})
    try:
        assert serve_queries.summary_of(connection, 1) == summary
    finally:
        connection.close()


def test_omitted_needs_three_outlets_and_a_majority_of_the_others():
    from newsfuse.models import Point

    wide = Point("wide", ("A", "B", "C"), ())
    narrow = Point("narrow", ("A",), ())
    assert omitted([wide, narrow], "D", 4) == [0]
    assert omitted([wide, narrow], "A", 4) == []
    assert omitted([narrow], "B", 2) == []  # two outlets: "most others" would be one outlet



def test_worker_processes_build_the_app_from_the_environment(monkeypatch, db_path):
    from newsfuse.serve.app import DB_PATH_VARIABLE, create_app_from_environment

    monkeypatch.delenv(DB_PATH_VARIABLE, raising=False)
    with pytest.raises(StoreError, match="NEWSFUSE_SERVE_DB is not set; it names the store to serve"):
        create_app_from_environment()
    monkeypatch.setenv(DB_PATH_VARIABLE, str(db_path))
    with TestClient(create_app_from_environment()) as worker:
        assert len(worker.get("/api/stories").json()["stories"]) == 7


def test_doctests():
    import doctest

    import newsfuse.serve.queries
    import newsfuse.serve.views

    for module in (newsfuse.serve.views, newsfuse.serve.queries):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_the_fast_json_path_answers_exactly_as_the_route(client, store):
    # An If-None-Match that matches nothing sends the request through the FastAPI route.
    for story in store.stories(limit=None):
        fast = client.get(f"/api/stories/{story.id}")
        routed = client.get(f"/api/stories/{story.id}", headers={"if-none-match": '"no-such-tag"'})
        assert fast.status_code == routed.status_code == 200
        assert fast.content == routed.content
        for name in (
            "content-type", "content-length", "etag", "cache-control", "x-newsfuse-brief-stale",
            "content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options",
            "cross-origin-opener-policy",
        ):
            assert fast.headers[name] == routed.headers[name], name


def test_pages_served_again_are_the_apps_own_answers(client, seed_story):
    for path in ("/", "/?page=1", f"/stories/{seed_story.id}", "/api/stories", "/api/stories?q=wildfire"):
        first, again = client.get(path), client.get(path)
        assert first.status_code == again.status_code == 200
        assert again.content == first.content
        assert again.headers == first.headers
        assert again.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    missing = [client.get("/stories/no-such-story") for _ in range(2)]
    assert [r.status_code for r in missing] == [404, 404]  # errors are never replayed from the cache


def test_the_story_api_answers_not_modified_to_its_etag(client, seed_story):
    first = client.get(f"/api/stories/{seed_story.id}")
    again = client.get(f"/api/stories/{seed_story.id}", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert client.get(f"/api/stories/{seed_story.id}", headers={"if-none-match": '"other"'}).json() == first.json()


def test_a_stale_brief_is_served_and_marked(tmp_path):
    path = tmp_path / "stale.db"
    with Store.open(path) as store:
        store.ingest([topic_article(2, 0), topic_article(2, 1)])
        store.ingest([topic_article(2, 2)], is_brief_rebuilt=False)
        [story] = store.stories()
        assert story.article_count == 3 and story.is_brief_stale
    with TestClient(create_app(path)) as stale:
        api = stale.get(f"/api/stories/{story.id}")
        assert api.status_code == 200
        assert api.headers["x-newsfuse-brief-stale"] == "true"
        assert len(api.json()["stories"][0]["articles"]) == 2  # the brief as built, before the third
        assert "it is being updated" in stale.get(f"/stories/{story.id}").text
        assert "brief being updated" in stale.get("/").text
        assert stale.get("/api/stories").json()["stories"][0]["is_brief_stale"] is True


def test_head_answers_as_get_without_the_body(client, seed_story):
    paths = (
        "/", "/?q=wildfire", f"/stories/{seed_story.id}", f"/stories/{seed_story.id[:8]}", "/docs",
        "/api/stories", f"/api/stories/{seed_story.id}", "/api/schema", "/openapi.json",
        "/static/newsfuse.css", "/stories/no-such-story", "/api/stories/no-such-story",
    )
    for path in paths:
        for _ in range(2):  # the second time from the fast paths' caches
            got = client.get(path, follow_redirects=False)
            head = client.head(path, follow_redirects=False)
            assert head.status_code == got.status_code, path
            assert head.content == b"", path
            assert head.headers == got.headers, path
    assert client.post("/").status_code == 405  # other methods are still refused
