"""Ingest: the readers on the seeds, small fixtures, bad inputs, fetching and arbitrary bytes."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import sys
from datetime import date
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse.config import IngestSettings, Settings
from newsfuse.errors import ItemError
from newsfuse.ingest import (
    decode_bytes,
    detect_format,
    fetch_url,
    find_date,
    find_title,
    make_client,
    parse_bytes,
    parse_date,
    parse_feed,
    parse_html,
    parse_json_lines,
    parse_text,
    read_inputs,
    user_agent,
)
from newsfuse.clean.article import clean_article
from newsfuse.clean.rules import is_dateline
from newsfuse.ingest.text import _is_dateline
from newsfuse.models import Article, Rejection
from newsfuse.pipeline import StageContext

DATA = Path(__file__).parent / "data" / "ingest"
PARAGRAPH = (
    "The council approved the new budget on Tuesday after a long debate. "
    "Mayor Jane Doe said the plan would fund 40 new teachers and repair two bridges."
)


def _context() -> StageContext:
    ctx = StageContext(Settings())
    ctx.stage_name = "ingest"
    return ctx


def _read(items, settings: IngestSettings | None = None, **kwargs):
    ctx = _context()
    articles = list(read_inputs(items, settings or IngestSettings(), ctx, **kwargs))
    return articles, ctx.report.rejections


# --- the seeds -------------------------------------------------------------

# What a reader of each seed finds: its headline (by the shape of the lines,
# not by these strings), and no date (001's "Date:" is empty).
SEED_TITLES = {
    "000": "Zelensky Responds with Caution as Putin Suggests First Direct Talks Since Invasion",
    "001": "Putin Signals Willingness for Direct Peace Talks with Ukraine Amid Renewed Ceasefire Efforts",
    "002": "",
    "003": "Putin Signals Willingness for Direct Negotiations with Ukraine",
    "004": "Ceasefire diplomacy gains momentum as both sides signal willingness to talk—with conditions",
}


def test_seeds_title_source_date_id(seeds_dir):
    articles, rejections = _read([seeds_dir])
    assert rejections == []
    assert [a.id for a in articles] == sorted(p.stem for p in seeds_dir.iterdir())
    for article in articles:
        assert article.title == SEED_TITLES[article.id[:3]]
        assert article.source == article.id  # no outlet in the files: the file stem
        assert article.date == ""
        assert article.origin.endswith(f"{article.id}.txt")
        # The headline line is taken out of the body; 003's second copy stays for the cleaner.
        copies = article.text.count(article.title) if article.title else 0
        assert copies == (1 if article.id.startswith("003") else 0)


def test_seed_bodies_are_kept_as_found(seeds_dir):
    path = next(seeds_dir.glob("004_*"))
    article = parse_text(path.read_text(encoding="utf-8"), path.name)
    original = path.read_text(encoding="utf-8")
    assert article.text.strip() == original.replace(article.title + "\n", "", 1).strip()


def test_title_is_found_by_shape_on_unseen_layouts():
    body = PARAGRAPH + " " + PARAGRAPH
    # A kicker sentence, then the headline, then the body.
    text = f"Officials expect the vote to pass easily.\nCouncil Passes Budget After Long Debate\n{body}"
    assert find_title(text) == ("Council Passes Budget After Long Debate", 1)
    # Body from the first line: no headline.
    assert find_title(f"{body}\nA Closing Line Without Period\n{body}") == ("", None)
    # A date line and a byline are not headlines.
    text = f"May 3, 2013\nBy Jane Doe\nFerry Service Resumes on the Northern Route\n{body}"
    assert find_title(text)[0] == "Ferry Service Resumes on the Northern Route"
    # Markdown heading.
    assert parse_text(f"# Bridge Reopens\n\n{body}", "b.md").title == "Bridge Reopens"


@pytest.mark.parametrize("zone", ["ET", "EDT", "CST", "CDT", "MST", "PDT", "GMT", "BST", "CEST"])
def test_a_date_line_is_one_in_any_time_zone(zone):
    # The reader of plain text and the cleaner read one list of date words: a date line with
    # a Mountain or Central time zone is no more text than one with Eastern time.
    line = f"Published: Tuesday, Dec. 20 2005 12:00 a.m. {zone}"
    assert _is_dateline(line) and is_dateline(line)
    assert not _is_dateline(f"{line} in the Denver Post newsroom")


def test_text_metadata_lines():
    text = (
        "Source: Daily Planet\nDate: May 3, 2013\n\nBridge Reopens After Repairs\n"
        f"{PARAGRAPH}\n{PARAGRAPH}\n"
    )
    article = parse_text(text, "news/story.txt")
    assert (article.source, article.date, article.title) == (
        "Daily Planet",
        "2013-05-03",
        "Bridge Reopens After Repairs",
    )
    assert "Source:" not in article.text and "Bridge Reopens" not in article.text
    piped = parse_text(f"By Jane Doe | Evening Post\nTalks Resume in Geneva\n{PARAGRAPH}\n{PARAGRAPH}", "x.txt")
    assert piped.source == "Evening Post" and piped.extra["author"] == "Jane Doe"
    front = parse_text(f"---\ntitle: Talks Resume\nsource: Wire\n---\n{PARAGRAPH}", "y.md")
    assert (front.title, front.source, front.text) == ("Talks Resume", "Wire", PARAGRAPH)


def test_default_source_when_no_name():
    article = parse_text(PARAGRAPH, "", default_source="Reader Mail")
    assert (article.id, article.source) == ("text", "Reader Mail")


# --- paths, globs, ids ------------------------------------------------------


def test_folders_globs_unique_ids_and_not_found(seeds_dir, tmp_path):
    other = tmp_path / "more"
    other.mkdir()
    (other / "000_0fc7f42979d01f16.txt").write_text(f"Another Story Here\n{PARAGRAPH}\n{PARAGRAPH}")
    (other / ".hidden.txt").write_text(PARAGRAPH)
    articles, rejections = _read(
        [seeds_dir, str(other), str(tmp_path / "missing.txt"), str(tmp_path / "*.nothing")]
    )
    ids = [a.id for a in articles]
    assert len(ids) == 6 and len(set(ids)) == 6
    assert ids[-1] == "000_0fc7f42979d01f16-2"
    assert [(r.reason, r.detail) for r in rejections] == [
        ("not-found", f"{tmp_path / 'missing.txt'}: no such file or folder"),
        ("not-found", f"{tmp_path / '*.nothing'}: no file matches this pattern"),
    ]


def test_article_objects_pass_through_with_unique_ids():
    given_articles = [Article(id="a", source="s", title="t", text=PARAGRAPH)] * 2
    articles, _ = _read(given_articles)
    assert [a.id for a in articles] == ["a", "a-2"]
    assert articles[0] is given_articles[0]


def test_bad_item_type_raises_at_once():
    with pytest.raises(TypeError, match=r"inputs must be paths, glob patterns, URLs, '-' or Article objects; got int 3"):
        _read([3])


# --- bad files: one rejection each, the batch goes on --------------------------


def test_bad_files_are_rejected_with_a_reason(tmp_path):
    (tmp_path / "a_good.txt").write_text(f"Good Story Title Here\n{PARAGRAPH}\n{PARAGRAPH}")
    (tmp_path / "b.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20)
    (tmp_path / "c_empty.txt").write_bytes(b"")
    (tmp_path / "d_blank.txt").write_bytes(b"  \n\n \t\n")
    (tmp_path / "e_undecodable.txt").write_bytes(b"caf\x81 \x8d\x8f\x90\x9d" * 30)
    (tmp_path / "f_big.txt").write_text("word " * 100)
    articles, rejections = _read([tmp_path], IngestSettings(max_bytes=400))
    assert [a.id for a in articles] == ["a_good"]
    found = {Path(r.item).name: (r.reason, r.detail) for r in rejections}
    assert found == {
        "b.bin": ("binary", f"{tmp_path / 'b.bin'}: binary file (contains NUL bytes), not an article"),
        "c_empty.txt": ("empty", f"{tmp_path / 'c_empty.txt'}: empty file, no text to read"),
        "d_blank.txt": ("empty", f"{tmp_path / 'd_blank.txt'}: empty file, no text to read"),
        "e_undecodable.txt": (
            "decode",
            f"{tmp_path / 'e_undecodable.txt'}: cannot decode the text as UTF-8, UTF-16 or cp1252 "
            "(utf-8: invalid start byte; cp1252: character maps to <undefined>)",
        ),
        "f_big.txt": (
            "too-large",
            f"{tmp_path / 'f_big.txt'}: 500 bytes, over ingest.max_bytes=400; raise ingest.max_bytes to read it",
        ),
    }


def _denied(monkeypatch, denied_path: Path, *, folder: bool) -> None:
    """Make the kernel's "Permission denied" answer for ``denied_path`` (root, who runs these tests, gets none)."""
    import os

    if folder:
        scandir = os.scandir

        def refuse_listing(path="."):
            if Path(path) == denied_path:
                raise PermissionError(13, "Permission denied", str(path))
            return scandir(path)

        monkeypatch.setattr(os, "scandir", refuse_listing)
    else:
        read_bytes = Path.read_bytes

        def refuse_reading(path):
            if path == denied_path:
                raise PermissionError(13, "Permission denied", str(path))
            return read_bytes(path)

        monkeypatch.setattr(Path, "read_bytes", refuse_reading)


def test_a_folder_that_cannot_be_listed_is_named_not_skipped(tmp_path, monkeypatch):
    # Path.rglob skipped an unreadable folder without a word: its articles vanished from the batch.
    (tmp_path / "a_good.txt").write_text(f"Good Story Title Here\n{PARAGRAPH}\n{PARAGRAPH}")
    private = tmp_path / "private"
    private.mkdir()
    (private / "b.txt").write_text(f"Another Story Title\n{PARAGRAPH}\n{PARAGRAPH}")
    _denied(monkeypatch, private, folder=True)
    articles, rejections = _read([str(tmp_path), str(private)])
    assert [a.id for a in articles] == ["a_good"]
    assert [(r.item, r.reason, r.detail) for r in rejections] == [
        (str(private), "unreadable", f"{private}: cannot list this folder (permission denied)"),
    ] * 2


def _refuse_stat(monkeypatch, refused: Path) -> None:
    """Make stat() of one path fail as the kernel does for a path inside a folder the user may not enter."""
    stat = Path.stat

    def refuse(path, **kwargs):
        if path == refused:
            raise PermissionError(13, "Permission denied", str(path))
        return stat(path, **kwargs)

    monkeypatch.setattr(Path, "stat", refuse)


def test_a_path_that_cannot_be_looked_at_is_unreadable_not_missing(tmp_path, monkeypatch):
    # A file in a folder the user may not enter: the kernel refuses stat(); "not-found" misled.
    hidden = tmp_path / "locked" / "a.txt"
    _refuse_stat(monkeypatch, hidden)
    _, rejections = _read([str(hidden), str(tmp_path / "missing.txt")])
    assert [(r.reason, r.detail) for r in rejections] == [
        ("unreadable", f"{hidden}: Permission denied"),
        ("not-found", f"{tmp_path / 'missing.txt'}: no such file or folder"),
    ]


def test_a_link_in_a_folder_that_cannot_be_looked_at_is_named_and_the_rest_read(tmp_path, monkeypatch):
    # A link into a folder the user may not enter: Path.is_file let stat()'s PermissionError out of
    # the folder walk, and the whole batch ended in a traceback.
    (tmp_path / "a_good.txt").write_text(f"Good Story Title Here\n{PARAGRAPH}\n{PARAGRAPH}")
    (tmp_path / "locked").mkdir()
    link = tmp_path / "b_link.txt"
    link.symlink_to(tmp_path / "locked" / "story.txt")
    _refuse_stat(monkeypatch, link)
    articles, rejections = _read([str(tmp_path)])
    assert [a.id for a in articles] == ["a_good"]
    assert [(r.item, r.reason, r.detail) for r in rejections] == [
        (str(link), "unreadable", f"{link}: cannot read this file (permission denied)"),
    ]


def test_one_path_given_alone_is_one_input_not_its_letters(tmp_path, monkeypatch):
    # read_inputs("news") read "n", "e", "w", "s": an absolute path began with "/", the root folder.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "council.txt").write_text(f"Good Story Title Here\n{PARAGRAPH}\n{PARAGRAPH}")
    for one in ("news", Path("news"), "news/*.txt"):
        articles, rejections = _read(one)
        assert ([a.id for a in articles], rejections) == (["council"], [])


def test_a_file_that_cannot_be_read_is_one_clear_line(tmp_path, monkeypatch):
    (tmp_path / "a_good.txt").write_text(f"Good Story Title Here\n{PARAGRAPH}\n{PARAGRAPH}")
    secret = tmp_path / "b_secret.txt"
    secret.write_text(f"Another Story Title\n{PARAGRAPH}\n{PARAGRAPH}")
    _denied(monkeypatch, secret, folder=False)
    articles, rejections = _read([tmp_path])
    assert [a.id for a in articles] == ["a_good"]
    assert [(r.reason, r.detail) for r in rejections] == [
        ("unreadable", f"{secret}: cannot read this file (permission denied)")
    ]


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
        lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
        lambda s: s.encode("utf-16-le"),  # no BOM
        lambda s: s.encode("cp1252"),
        lambda s: s.encode("latin-1"),
    ],
    ids=["utf8-bom", "utf16le-bom", "utf16be-bom", "utf16-no-bom", "cp1252", "latin-1"],
)
def test_encodings_decode_to_the_same_text(encode, tmp_path):
    text = f"Café Owners Protest New Rules\nThe café owners of Zürich protested on Monday. {PARAGRAPH}\n"
    path = tmp_path / "story.txt"
    path.write_bytes(encode(text))
    [article], rejections = _read([path])
    assert rejections == []
    assert article.title == "Café Owners Protest New Rules"
    assert "Zürich" in article.text


def test_cp1252_punctuation_is_read():
    assert decode_bytes("“Quoted” – €5".encode("cp1252"), "x.txt") == "“Quoted” – €5"


def test_utf8_with_a_stray_byte_stays_utf8():
    data = ("Zürich café — " * 100).encode("utf-8") + b"\xff end"
    text = decode_bytes(data, "x.txt")
    assert text.startswith("Zürich café — ") and text.endswith("\ufffd end")


def test_few_stray_nul_bytes_in_a_page_are_dropped():
    page = b"<html><body><p>" + b"Text " * 2000 + b"\x00\x00</p></body></html>"
    assert "\x00" not in decode_bytes(page, "p.html", use_declared_charset=True)


def test_gzip_files_are_read(tmp_path):
    html = (DATA / "page.html").read_bytes()
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(html))
    [article], _ = _read([tmp_path / "page.html.gz"])
    assert (article.id, article.title) == ("page", "Harbour bridge reopens after two-year repair")


# --- JSON --------------------------------------------------------------------


def test_jsonl_bad_lines_are_rejected_and_the_rest_go_on():
    path = DATA / "articles.jsonl"
    articles, rejections = _read([path])
    assert [a.id for a in articles] == ["wire-1", "articles-4"]
    first, fourth = articles
    assert (first.source, first.date, first.origin) == ("Harbor Wire", "2024-02-02", f"{path}:1")
    assert dict(first.extra) == {"section": "business"}
    assert fourth.source == "railnews.example"  # the URL's host when no source field
    assert [(r.item, r.reason) for r in rejections] == [(f"{path}:2", "json"), (f"{path}:3", "no-text")]
    assert rejections[0].detail.startswith(f"{path}:2: not valid JSON (Unterminated string")
    assert rejections[1].detail == f"{path}:3: no 'text' field, so no article text"


def test_json_list_and_wrong_types(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"text": PARAGRAPH, "title": "One"}, {"text": ["not", "a", "string"]}]))
    articles, rejections = _read([path])
    assert [(a.id, a.title) for a in articles] == [("batch-1", "One")]
    assert rejections[0].detail == f"{path}#2: field 'text' must be a string, got list"


# --- HTML ----------------------------------------------------------------------


def test_html_page_body_and_metadata():
    article = parse_html((DATA / "page.html").read_text(encoding="utf-8"), name="page.html")
    assert article.title == "Harbour bridge reopens after two-year repair"  # site name taken off
    assert article.source == "The Coastal Herald"
    assert article.date == "2024-03-14"
    assert article.url == "https://coastalherald.example/news/harbour-bridge-reopens"
    assert article.extra["author"] == "Mara Jensen"
    lines = article.text.splitlines()
    assert "Council members said a review of the overrun would be published in May." in lines
    assert "Home" not in lines  # the menu is gone already


def test_html_without_text_is_rejected():
    with pytest.raises(ItemError, match=r"^x.html: no article text found in the page$"):
        parse_html("<html><head><title>x</title></head><body><script>var a;</script></body></html>", name="x.html")


def test_sniffing_picks_the_reader():
    assert detect_format("story", b"<!doctype html><html><body>x</body></html>") == "html"
    assert detect_format("notes.txt", b'<?xml version="1.0"?><rss version="2.0"></rss>') == "feed"
    assert detect_format("data", b'{"text": "a"}\n{"text": "b"}\n') == "jsonl"
    assert detect_format("page.xml", b"<html><body></body></html>") == "html"
    assert detect_format("", b"plain words", "application/json") == "json"


# --- feeds -------------------------------------------------------------------------


def test_rss_feed_entries():
    results = list(parse_feed((DATA / "feed.rss").read_bytes(), "feed.rss"))
    articles = [r for r in results if isinstance(r, Article)]
    [rejection] = [r for r in results if isinstance(r, Rejection)]
    assert [(a.id, a.source) for a in articles] == [
        ("vg-1001", "Valley Gazette"),
        ("https://valleygazette.example/2024/river-level", "Valley Gazette"),
    ]
    assert articles[0].text.splitlines() == [
        "The school board voted 5-2 on Tuesday to build a new library at Valley High School.",
        "Construction will start in the autumn and cost about 4 million dollars, the board said.",
        "Parents had asked for a larger reading room for years.",
    ]
    assert articles[0].date == "2024-03-05T18:00:00+00:00"
    assert "<p>" not in articles[1].text
    assert (rejection.item, rejection.reason) == ("feed.rss#3", "no-text")


def test_atom_feed_and_not_a_feed():
    [article] = parse_feed((DATA / "feed.atom").read_bytes(), "feed.atom")
    assert (article.id, article.source, article.title) == (
        "urn:uuid:nw-77",
        "Northern Wire",
        "Airport adds winter routes",
    )
    with pytest.raises(ItemError, match=r"^bad.xml: not an RSS/Atom feed with entries"):
        list(parse_feed(b"<?xml version='1.0'?><notes><note>hi</note></notes>", "bad.xml"))
    # A feed that lists nothing is a feed, not a broken file ("not an RSS/Atom feed" misled).
    empty = b"<?xml version='1.0'?><rss version='2.0'><channel><title>Valley Gazette</title></channel></rss>"
    with pytest.raises(ItemError, match=r"^empty.rss: the feed has no entries, nothing to read$"):
        list(parse_feed(empty, "empty.rss"))
    # Not XML: the parser's complaint in words, not "(<unknown>:1:0: syntax error)".
    with pytest.raises(
        ItemError, match=r"^notes.rss: not an RSS/Atom feed with entries \(not well-formed XML: syntax error\)$"
    ):
        list(parse_feed(b"these are notes, not a feed", "notes.rss"))


# --- URLs (no network: a mock transport) ------------------------------------------------


def _mock_client(handler, settings=IngestSettings()):
    return make_client(settings, transport=httpx.MockTransport(handler))


def test_url_items_are_fetched_politely():
    page = (DATA / "page.html").read_bytes()
    feed = (DATA / "feed.atom").read_bytes()
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["user-agent"])
        if request.url.path == "/old":
            return httpx.Response(301, headers={"location": "https://news.example/story"})
        if request.url.path == "/story":
            return httpx.Response(200, content=page, headers={"content-type": "text/html; charset=utf-8"})
        if request.url.path == "/feed":
            return httpx.Response(200, content=feed, headers={"content-type": "application/atom+xml"})
        if request.url.path == "/image":
            return httpx.Response(200, content=b"\x89PNG", headers={"content-type": "image/png"})
        if request.url.path == "/loop":
            return httpx.Response(302, headers={"location": "https://news.example/loop"})
        return httpx.Response(404)

    with _mock_client(handler) as client:
        articles, rejections = _read(
            [
                "https://news.example/old",
                "https://news.example/feed",
                "https://news.example/missing",
                "https://news.example/image",
                "https://news.example/loop",
            ],
            client=client,
        )
    assert seen[0] == user_agent() and user_agent().startswith("newsfuse/")
    assert [(a.title, a.origin) for a in articles] == [
        ("Harbour bridge reopens after two-year repair", "https://news.example/old"),
        ("Airport adds winter routes", "https://news.example/feed#1"),
    ]
    assert [(r.reason, r.detail) for r in rejections] == [
        ("http", "https://news.example/missing: HTTP 404 Not Found"),
        ("content-type", "https://news.example/image: content type image/png is not a page, feed or article records"),
        ("http", "https://news.example/loop: more than 5 redirects"),
    ]


def test_fetch_refuses_oversized_and_slow_responses():
    settings = IngestSettings(max_bytes=100, timeout_s=0.5)

    def big(request):
        return httpx.Response(200, content=b"x" * 500, headers={"content-type": "text/plain"})

    with _mock_client(big, settings) as client, pytest.raises(ItemError) as error:
        fetch_url("https://news.example/big", settings, client)
    assert (error.value.reason, str(error.value)) == (
        "too-large",
        "https://news.example/big: 500 bytes, over ingest.max_bytes=100",
    )

    def slow(request):
        raise httpx.ReadTimeout("timed out", request=request)

    with _mock_client(slow, settings) as client, pytest.raises(ItemError) as error:
        fetch_url("https://news.example/slow", settings, client)
    assert str(error.value) == "https://news.example/slow: no answer within ingest.timeout_s=0.5 s"


def _closed_port() -> int:
    """Return a local port nothing listens on (bound, then closed)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_refused_connection_is_one_line_naming_the_url():
    # A real connection to a closed local port: the user pass read "ConnectError: [Errno 111] Connection refused".
    url = f"http://127.0.0.1:{_closed_port()}/feed"
    with pytest.raises(ItemError) as error:
        fetch_url(url, IngestSettings(timeout_s=2))
    assert (error.value.reason, str(error.value)) == ("http", f"{url}: cannot connect (connection refused)")


def test_an_unknown_host_and_a_bad_certificate_are_said_in_words():
    import socket
    import ssl

    def raising(cause):
        def handler(request):
            # As httpx's transport does: its ConnectError wraps the socket's error.
            raise httpx.ConnectError(str(cause), request=request) from cause

        return handler

    unknown = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    with _mock_client(raising(unknown)) as client, pytest.raises(ItemError) as error:
        fetch_url("https://news.example.invalid/feed", IngestSettings(), client)
    assert str(error.value) == "https://news.example.invalid/feed: cannot connect (host not found)"

    offline = socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
    with _mock_client(raising(offline)) as client, pytest.raises(ItemError) as error:
        fetch_url("https://news.example/feed", IngestSettings(), client)
    assert str(error.value) == (
        "https://news.example/feed: cannot connect (the host name could not be looked up: "
        "temporary failure in name resolution)"
    )

    certificate = ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")
    certificate.verify_message = "self-signed certificate"
    with _mock_client(raising(certificate)) as client, pytest.raises(ItemError) as error:
        fetch_url("https://news.example/feed", IngestSettings(), client)
    assert str(error.value) == (
        "https://news.example/feed: cannot connect (the site's certificate is not valid: self-signed certificate)"
    )


def test_stdin(monkeypatch):
    data = f"Bridge Reopens After Repairs\n{PARAGRAPH}\n{PARAGRAPH}\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [article], _ = _read(["-"])
    assert (article.id, article.title, article.origin) == ("stdin", "Bridge Reopens After Repairs", "<stdin>")


# --- properties -----------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600), st.sampled_from(["a.txt", "a.html", "a.jsonl", "a.json", "a.xml", "a", "a.gz"]))
def test_readers_never_raise_on_arbitrary_bytes(data, name):
    try:
        results = list(parse_bytes(data, name, IngestSettings(), origin=name))
    except ItemError:
        return
    assert all(isinstance(r, (Article, Rejection)) for r in results)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=800))
def test_text_reader_never_raises_and_only_takes_lines_out(text):
    article = parse_text(text, "x.txt")
    assert isinstance(article, Article)
    source_lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    kept = [line.strip() for line in article.text.split("\n") if line.strip()]
    position = 0
    for line in kept:  # the body's lines are the input's lines, in order
        position = source_lines.index(line, position) + 1


@settings(max_examples=100, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["id", "text", "title", "source", "x"]),
                                st.one_of(st.text(max_size=30), st.integers(), st.none()),
                                max_size=5), max_size=5))
def test_json_lines_reader_gives_one_result_per_line(records):
    text = "\n".join(json.dumps(r) for r in records)
    results = list(parse_json_lines(text, "r.jsonl"))
    assert len(results) == len(records)


def test_json_lines_file_larger_than_the_cap_streams_and_caps_each_line(tmp_path):
    from newsfuse.pipeline import StageContext

    body = "The council approved the budget after a long debate on Tuesday night. " * 5
    lines = [json.dumps({"id": f"a{i}", "title": f"Story {i}", "text": body}) for i in range(40)]
    lines.insert(7, json.dumps({"id": "huge", "text": "word " * 2000}))
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = IngestSettings(max_bytes=2_000)  # the file is far larger; each good line is not
    ctx = StageContext(Settings(ingest=settings))
    ctx.stage_name = "ingest"
    articles = list(read_inputs([path], settings, ctx))
    assert [a.id for a in articles] == [f"a{i}" for i in range(40)]
    [rejection] = ctx.report.rejections
    assert rejection.item == f"{path}:8" and rejection.reason == "too-large"


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
        lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
        lambda s: s.encode("utf-16-le"),  # no BOM
        lambda s: s.encode("cp1252"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    ],
    ids=["utf16le-bom", "utf16be-bom", "utf16-no-bom", "cp1252", "utf8-bom"],
)
def test_json_lines_files_in_any_encoding_are_read(encode, tmp_path):
    # Found by benchmarks/fuzz_inputs.py: the line-by-line reader took UTF-16
    # and cp1252 lines for undecodable bytes and rejected every record.
    records = [
        {"id": "z1", "title": "Café owners protest in Zürich", "text": f"The café owners of Zürich protested. {PARAGRAPH}"},
        {"id": "z2", "title": "Council passes budget", "text": PARAGRAPH},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_bytes(encode("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n"))
    articles, rejections = _read([path])
    assert rejections == []
    assert [(a.id, a.title) for a in articles] == [("z1", "Café owners protest in Zürich"), ("z2", "Council passes budget")]
    assert "Zürich" in articles[0].text


def test_a_json_lines_file_of_mixed_encodings_reads_each_line_in_its_own(tmp_path):
    lines = [
        json.dumps({"id": "u", "title": "Zürich café (UTF-8)", "text": PARAGRAPH}, ensure_ascii=False).encode("utf-8"),
        json.dumps({"id": "w", "title": "“Quoted” café – €5 (cp1252)", "text": PARAGRAPH}, ensure_ascii=False).encode("cp1252"),
        b'{"id": "bin", "text": "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f\x10\x11\x12"}',
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    articles, rejections = _read([path])
    assert [(a.id, a.title) for a in articles] == [("u", "Zürich café (UTF-8)"), ("w", "“Quoted” café – €5 (cp1252)")]
    [rejection] = rejections
    assert rejection.item == f"{path}:3" and rejection.reason in {"binary", "decode", "json"}


def test_a_json_lines_file_of_blank_lines_is_rejected_as_empty(tmp_path):
    from newsfuse.config import Settings
    from newsfuse.ingest import read_inputs
    from newsfuse.pipeline import StageContext

    path = tmp_path / "blank.jsonl"
    path.write_bytes(b"\n  \n\x1c\n")
    ctx = StageContext(Settings())
    assert list(read_inputs([path], Settings().ingest, ctx)) == []
    [rejection] = ctx.report.rejections
    assert rejection.reason == "empty" and "blank.jsonl" in rejection.detail


def test_a_text_file_that_opens_on_its_date_line_is_dated(shared_data, tmp_path):
    records = [json.loads(line) for line in (shared_data / "ecbplus" / "articles.jsonl").open(encoding="utf-8")]
    [riots] = [r for r in records if r["id"] == "19_2ecbplus"]  # opens "Sunday, March 17, 2013 | 5: 00 PM"
    path = tmp_path / "riots.txt"
    path.write_text(riots["text"], encoding="utf-8")
    article = parse_text(path.read_text(encoding="utf-8"), str(path))
    assert article.title == "Riots Erupt Following Death of Brooklyn Teen Killed By Police"
    assert article.date == "2013-03-17"
    # A date inside the story is no dateline.
    body = riots["text"].split("\n", 1)[1]
    assert parse_text(body, "riots.txt").date == ""


def test_a_page_date_comes_from_its_metadata_never_from_years_in_the_text():
    from newsfuse.ingest.html import parse_html

    body = "".join(
        f"<p>In 2008 the council first approved a budget like this one, after a debate that ran {n} hours.</p>"
        for n in range(6)
    )
    bare = f"<html><head><title>Budget passes</title></head><body><article>{body}</article></body></html>"
    assert parse_html(bare, "https://daily.example/budget").date == ""
    dated = bare.replace(
        "<title>", '<meta property="article:published_time" content="2024-03-05T10:00:00Z"><title>'
    )
    assert parse_html(dated, "https://daily.example/budget").date.startswith("2024-03-05")


@pytest.mark.parametrize(
    ("head", "title"),
    [
        ("<title>| Local Wire</title>", ""),  # a page template with an empty headline
        ("<title>Local Wire -</title>", ""),
        ('<title>Local Wire</title><meta property="og:site_name" content="Local Wire">', ""),
        ('<title>| Local Wire</title><meta property="og:site_name" content="Local Wire">', ""),
        ('<title>HEADLINE | Local Wire</title><meta property="og:site_name" content="Local Wire">', "HEADLINE"),
        ("<title>| HEADLINE</title>", "HEADLINE"),  # long enough to be a headline, not a site name
    ],
)
def test_a_page_title_that_is_only_a_site_name_is_no_title(shared_data, head, title):
    from newsfuse.ingest.html import parse_html

    record = json.loads((shared_data / "basil" / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    headline = record["title"].strip()
    paragraphs = "".join(f"<p>{p}</p>" for p in record["text"].split("\n") if p.strip())
    page = f"<html><head>{head.replace('HEADLINE', headline)}</head><body><article>{paragraphs}</article></body></html>"
    assert parse_html(page, "http://127.0.0.1:8000/page/1.html").title == title.replace("HEADLINE", headline)


@pytest.mark.parametrize(
    ("head", "url", "title", "source"),
    [
        # The site's name between the headline and a tagline (a trafilatura_eval page's title).
        (
            '<title>HEADLINE | Journelles | Jetzt entdecken!</title>'
            '<meta property="og:title" content="HEADLINE | Journelles | Jetzt entdecken!">'
            '<meta property="og:site_name" content="Journelles">',
            "https://www.journelles.de/gift-guide/",
            "HEADLINE",
            "Journelles",
        ),
        # A site name with its tagline: the part naming the host is the outlet.
        (
            '<title>HEADLINE</title><meta property="og:site_name" content="www.leichtathletik.de | Das Leichtathletik-Portal">',
            "https://www.leichtathletik.de/news/news/detail/76066",
            "HEADLINE",
            "leichtathletik.de",
        ),
        # The title ends with the whole site name, tagline and all; the outlet is its first part.
        (
            '<title>HEADLINE - Mady Morrison - Yoga Lifestyle</title>'
            '<meta property="og:site_name" content="Mady Morrison - Yoga Lifestyle">',
            "https://www.madymorrison.com/energy-rising/",
            "HEADLINE",
            "Mady Morrison",
        ),
        # Nothing names the host: which part is the name is unknown, the name stays whole.
        (
            '<title>HEADLINE</title><meta property="og:site_name" content="LN - Lübecker Nachrichten">',
            "https://www.ln-online.de/lokales/luebeck/1",
            "HEADLINE",
            "LN - Lübecker Nachrichten",
        ),
    ],
    ids=["tagline-after-site", "site-name-with-tagline", "title-ends-with-both", "no-host-part"],
)
def test_a_site_name_and_its_tagline_leave_the_headline_and_the_outlet(shared_data, head, url, title, source):
    record = json.loads((shared_data / "basil" / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    headline = record["title"].strip()
    paragraphs = "".join(f"<p>{p}</p>" for p in record["text"].split("\n") if p.strip())
    page = f"<html><head>{head.replace('HEADLINE', headline)}</head><body><article>{paragraphs}</article></body></html>"
    article = parse_html(page, url)
    assert (article.title, article.source) == (title.replace("HEADLINE", headline), source)


@pytest.mark.parametrize("encoding", [b"\xf7tf-8", b"utf\x00-8"], ids=["non-utf8-byte", "nul"])
def test_a_feed_whose_xml_declaration_is_corrupt_is_rejected_with_a_reason(encoding, tmp_path):
    # Found by benchmarks/fuzz_inputs.py: feedparser raises UnicodeDecodeError
    # or ValueError on these, which reached the reader's catch-all as "error".
    path = tmp_path / "broken.xml"
    path.write_bytes(
        b'<?xml version="1.0" encoding="' + encoding + b'"?><rss version="2.0"><channel><title>Daily</title>'
        b"<item><title>Budget passes</title><description>The council voted.</description></item></channel></rss>"
    )
    articles, rejections = _read([path])
    assert articles == []
    [rejection] = rejections
    assert rejection.reason == "feed" and "broken.xml" in rejection.detail and "not a readable feed" in rejection.detail


def _first_free_ids(ids: list[str]) -> list[str]:
    """The ids the reader gives, by its definition: the first of id, id-2, id-3... not taken yet."""
    taken: set[str] = set()
    out = []
    for base in ids:
        base = base or "article"
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        taken.add(candidate)
        out.append(candidate)
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["x", "x-2", "x-3", "x-2-2", "y", "y-1", "", "article", "article-2"]), max_size=60))
def test_repeated_ids_get_the_first_free_suffix(ids):
    # ``_unique`` remembers the last suffix per id (a file of 59k records of
    # one id took minutes when it counted from 2 each time); the ids must
    # stay those of counting from 2.
    from newsfuse.ingest.read import _unique

    used: dict[str, int] = {}
    assert [_unique(Article(i, "Daily", "T", "Body."), used).id for i in ids] == _first_free_ids(ids)


def test_a_json_lines_file_of_one_repeated_id_reads_every_record(tmp_path):
    path = tmp_path / "same.jsonl"
    record = json.dumps({"id": "same", "title": "Budget", "text": PARAGRAPH})
    path.write_text((record + "\n") * 3000, encoding="utf-8")
    articles, rejections = _read([path])
    assert rejections == []
    assert [a.id for a in articles[:3]] == ["same", "same-2", "same-3"] and articles[-1].id == "same-3000"


def test_feed_and_json_lines_titles_lose_the_site_name():
    # Aggregator feeds and scraped exports hang the outlet on the headline;
    # as a brief's headline and in the cleaner's repeated-headline test, only the headline counts.
    rss = (
        b'<rss version="2.0"><channel><title>Aggregated news</title><item>'
        b"<title>School board votes to build a new library - Valley Gazette</title>"
        b'<source url="https://valleygazette.example/rss">Valley Gazette</source>'
        b"<description>The school board voted 5-2 on Tuesday to build a new library.</description>"
        b"<link>https://valleygazette.example/library</link></item></channel></rss>"
    )
    [article] = parse_feed(rss, "news.rss")
    assert (article.source, article.title) == ("Valley Gazette", "School board votes to build a new library")
    lines = [
        {"title": "Airport adds winter routes to three cities | Northern Wire", "source": "Northern Wire", "text": "x."},
        {"title": "Airport adds winter routes - northernwire", "url": "https://www.northernwire.example/a", "text": "x."},
        # No site named: the title is left as it is.
        {"title": "Airport adds winter routes | Northern Wire", "text": "x."},
    ]
    text = "\n".join(json.dumps(line) for line in lines)
    assert [a.title for a in parse_json_lines(text, "wire.jsonl")] == [
        "Airport adds winter routes to three cities",
        "Airport adds winter routes",
        "Airport adds winter routes | Northern Wire",
    ]


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2039, 12, 31)), st.sampled_from(["/", " / "]))
def test_a_date_in_numbers_is_read_whichever_number_is_the_day(day, slash):
    """A day above 12 can only be the day: month-first and day-first pages both read right."""
    month_first = f"{day.month}{slash}{day.day}{slash}{day.year}"
    day_first = f"{day.day:02d}{slash}{day.month:02d}{slash}{day.year}"
    if day.day > 12:
        assert find_date(f"Updated {month_first} 6: 04 PM") == find_date(f"Last updated {day_first}") == day.isoformat()
    else:  # both could be the month: the first number is, as most English-language pages write it
        assert find_date(month_first) == day.isoformat()
    assert find_date(f"{month_first}0") == ""  # a longer number is no year


def test_a_record_whose_title_is_a_date_in_numbers_is_dated(shared_data):
    """ECB+ pages extracted span by span write "11 / 09 / 2010": a date line as title, and a date field."""
    records = {json.loads(line)["id"]: json.loads(line) for line in open(shared_data / "ecbplus" / "articles.jsonl")}
    kraft = records["22_14ecbplus"]
    assert kraft["title"] == "11 / 09 / 2010" and not kraft["date"]
    clean = clean_article(Article(id=kraft["id"], source="x", title=kraft["title"], text=kraft["text"]))
    assert (clean.title, clean.date) == ("Kraft Shooting: Yvonne Hiller Charged With Two Counts Of Murder", "2010-11-09")
    quake = records["20_3ecbplus"]  # "Posted 11 / 27 / 2005 7: 21 AM": the day is past 12
    clean = clean_article(Article(id=quake["id"], source="x", title=quake["title"], text=quake["text"]))
    assert (clean.title, clean.date) == ("Strong earthquake jolts southern Iran, felt in Oman", "2005-11-27")
    assert parse_date("14 / 09 / 2013") == "2013-09-14"
