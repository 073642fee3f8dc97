"""Watching feeds against a local HTTP server on 127.0.0.1: nothing else is reached.

The server serves an RSS feed (with an ETag) and article pages made from
BASIL articles in ../shared/data, plus a page that 404s, one that answers
too slowly, an image, and a broken feed.  The regroup tests serve the ECB+
articles of one topic (two events of one kind) instead.
"""

from __future__ import annotations

import html
import json
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.config import Settings
from newsfuse.ingest import watch as watch_module
from newsfuse.ingest.watch import PollReport, poll_feed, poll_feeds, watch
from newsfuse.store import Store

# The page that answers late sleeps this long; the client gives up sooner.
SLOW_PAGE_S = 2.0
CLIENT_TIMEOUT_S = 0.4


class FeedSite:
    """What the local server serves; tests change it between polls."""

    def __init__(self, articles: list[dict]) -> None:
        self.articles = articles  # page number -> record
        self.items = [0, 1, 2]  # page numbers listed in the feed
        self.extra_links = ["/missing.html", "/slow.html", "/image.png"]
        self.requests: list[str] = []
        self.lock = threading.Lock()

    def etag(self) -> str:
        return '"' + "-".join(map(str, self.items)) + '"'

    def feed(self, base: str) -> bytes:
        entries = []
        for number in self.items:
            record = self.articles[number]
            entries.append(
                f"<item><title>{html.escape(record['title'])}</title><link>{base}/page/{number}.html</link>"
                f"<guid>{base}/page/{number}.html</guid><pubDate>{formatdate(1_700_000_000 + number)}</pubDate></item>"
            )
        for link in self.extra_links:
            entries.append(f"<item><title>Broken {link}</title><link>{base}{link}</link><guid>{base}{link}</guid></item>")
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Local Wire</title>'
            f"<link>{base}/</link>{''.join(entries)}</channel></rss>"
        ).encode("utf-8")

    def page(self, number: int) -> bytes:
        record = self.articles[number]
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in record["text"].split("\n") if p.strip())
        return (
            f"<html><head><title>{html.escape(record['title'])} | Local Wire</title></head><body>"
            f"<nav><a href='/'>Home</a></nav><article><h1>{html.escape(record['title'])}</h1>{paragraphs}</article>"
            "<footer>Copyright Local Wire</footer></body></html>"
        ).encode("utf-8")


def _handler(site: FeedSite):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep test output clean
            pass

        def _send(self, status: int, body: bytes, content_type: str, headers: dict | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            with site.lock:
                site.requests.append(self.path)
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/feed.xml":
                etag = site.etag()
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self._send(200, site.feed(base), "application/rss+xml", {"ETag": etag})
            elif self.path == "/broken.xml":
                self._send(200, b"<rss><channel><title>Cut</title><item><title>half", "application/rss+xml")
            elif self.path == "/empty.xml":
                self._send(200, b'<rss version="2.0"><channel><title>Quiet Wire</title></channel></rss>', "application/rss+xml")
            elif self.path == "/notes.xml":
                self._send(200, b"Feed moved: see our new site.", "application/xml")
            elif self.path.startswith("/page/"):
                number = int(self.path.split("/")[-1].split(".")[0])
                self._send(200, site.page(number), "text/html; charset=utf-8")
            elif self.path == "/slow.html":
                time.sleep(SLOW_PAGE_S)
                self._send(200, site.page(0), "text/html; charset=utf-8")
            elif self.path == "/image.png":
                self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
            else:
                self._send(404, b"<html><body>Not found</body></html>", "text/html")

    return Handler


@pytest.fixture
def site(shared_data):
    records = [json.loads(line) for line in (shared_data / "basil" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    # Three articles of one event from three outlets, and one more event.
    by_event: dict[str, list[dict]] = {}
    for record in records:
        by_event.setdefault(record["cluster"], []).append(record)
    events = [group for group in by_event.values() if len(group) == 3][:2]
    return FeedSite(events[0] + events[1])


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # do not wait for the slow page's sleeping thread

    def handle_error(self, request, client_address) -> None:
        # The slow page writes after the client gave up: a broken pipe is expected.
        import sys

        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def _serve(site):
    """Serve ``site`` on a local port for the length of a test; yield its base URL."""
    httpd = QuietServer(("127.0.0.1", 0), _handler(site))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def server(site):
    yield from _serve(site)


@pytest.fixture
def settings():
    # Polls place articles one at a time: the regroups tested here are watch's own, not an ingest's.
    return Settings().replace(ingest={"timeout_s": CLIENT_TIMEOUT_S}, store={"regroup_on_ingest": "never"})


@pytest.fixture
def store(tmp_path, settings):
    with Store.open(tmp_path / "watch.db", settings) as opened:
        yield opened


def _page_requests(site: FeedSite) -> list[str]:
    return [path for path in site.requests if path != "/feed.xml"]


def test_a_poll_ingests_new_pages_and_rejects_bad_ones_with_reasons(server, site, store, settings):
    report = poll_feed(store, f"{server}/feed.xml", settings)
    assert report.is_modified and report.entries == 6 and report.new_items == 6
    assert report.added == 3
    reasons = {r.item.rsplit("/", 1)[-1]: r.reason for r in report.rejections}
    assert reasons == {"missing.html": "http", "slow.html": "timeout", "image.png": "content-type"}
    assert "404" in next(r.detail for r in report.rejections if r.item.endswith("missing.html"))
    # Pages became stored articles, with the feed's outlet and the page's text.
    rows = store.connection.execute("SELECT url, source, title, text FROM articles ORDER BY url").fetchall()
    assert [r[0] for r in rows] == [f"{server}/page/{n}.html" for n in (0, 1, 2)]
    assert {r[1] for r in rows} == {"Local Wire"}
    assert rows[0][2] == site.articles[0]["title"].strip()
    assert "Copyright Local Wire" not in rows[0][3] and "Home" not in rows[0][3].split("\n")[0]
    # One event, three outlets' articles: one story with a brief.
    [story] = store.stories()
    assert story.article_count == 3 and not story.is_brief_stale
    assert {(r.item.rsplit("/", 1)[-1], r.reason) for r in store.rejects()} == set(reasons.items())


def test_an_unchanged_feed_costs_one_request_and_fetches_nothing(server, site, store, settings):
    poll_feed(store, f"{server}/feed.xml", settings)
    site.extra_links = []  # stop the slow page's retries from counting here
    store.connection.execute("UPDATE feed_items SET state = 'rejected'")
    site.requests.clear()
    report = poll_feed(store, f"{server}/feed.xml", settings)
    assert not report.is_modified and report.new_items == 0 and report.added == 0
    assert site.requests == ["/feed.xml"]


def test_only_new_items_are_fetched_when_the_feed_changes(server, site, store, settings):
    poll_feed(store, f"{server}/feed.xml", settings)
    site.requests.clear()
    site.items = [0, 1, 2, 3]
    report = poll_feed(store, f"{server}/feed.xml", settings)
    assert report.is_modified and report.added == 1
    fetched = _page_requests(site)
    assert "/page/3.html" in fetched
    assert not {"/page/0.html", "/page/1.html", "/page/2.html", "/missing.html", "/image.png"} & set(fetched)
    assert store.counts()["articles"] == 4


def test_a_timed_out_page_is_tried_again_then_given_up(server, site, store, settings):
    site.items = []
    site.extra_links = ["/slow.html"]
    attempts = []
    for _ in range(watch_module.MAX_ATTEMPTS + 1):
        site.requests.clear()
        poll_feed(store, f"{server}/feed.xml", settings)
        attempts.append(_page_requests(site).count("/slow.html"))
    assert attempts == [1] * watch_module.MAX_ATTEMPTS + [0]
    [reject] = store.rejects()
    assert reject.reason == "timeout" and reject.count == watch_module.MAX_ATTEMPTS


def test_broken_and_unreachable_feeds_are_rejects_not_crashes(server, store, settings):
    reports = poll_feeds(store, [f"{server}/broken.xml", f"{server}/nofeed.xml", f"{server}/feed.xml"], settings)
    assert [r.rejections[0].reason for r in reports[:2]] == ["feed", "http"]
    assert reports[2].added == 3  # the good feed still went in
    stored = {(r.item, r.reason) for r in store.rejects()}
    assert (f"{server}/broken.xml", "feed") in stored and (f"{server}/nofeed.xml", "http") in stored


def test_an_empty_feed_and_a_page_that_is_not_xml_are_worded_as_for_files(server, store, settings):
    # The words of `brief` and `ingest` for a feed file or URL (newsfuse.ingest.feed.read_feed).
    reports = poll_feeds(store, [f"{server}/empty.xml", f"{server}/notes.xml"], settings)
    assert [r.rejections[0].detail for r in reports] == [
        f"{server}/empty.xml: the feed has no entries, nothing to read",
        f"{server}/notes.xml: not an RSS/Atom feed with entries (not well-formed XML: syntax error)",
    ]
    assert {r.rejections[0].reason for r in reports} == {"feed"}


def test_watch_stops_on_ctrl_c_without_losing_what_was_stored(server, store, settings, monkeypatch):
    calls = []
    real = watch_module.poll_feeds

    def poll_then_interrupt(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(watch_module, "poll_feeds", poll_then_interrupt)
    seen: list[list[PollReport]] = []
    polls = watch(store, [f"{server}/feed.xml"], settings, every_s=0.01, on_poll=seen.append)
    assert polls == 1 and len(calls) == 2 and seen[0][0].added == 3
    assert store.counts()["articles"] == 3
    assert store.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_watch_stops_when_told_and_after_max_polls(server, store, settings):
    stop = threading.Event()
    stop.set()
    assert watch(store, [f"{server}/feed.xml"], settings, every_s=60, stop=stop) == 0
    started = time.monotonic()
    assert watch(store, [f"{server}/feed.xml"], settings, every_s=0.05, max_polls=2) == 2
    assert time.monotonic() - started < 30
    with pytest.raises(ValueError, match="every_s must be > 0 seconds, got 0"):
        watch(store, [f"{server}/feed.xml"], settings, every_s=0)


def test_cli_watch_polls_and_reports(server, tmp_path):
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    result = runner.invoke(
        app, ["watch", f"{server}/feed.xml", "--every", "1s", "--max-polls", "1", "--db", db],
        env={"NEWSFUSE_INGEST__TIMEOUT_S": str(CLIENT_TIMEOUT_S)},
    )
    assert result.exit_code == 0, result.output
    assert "6 entries, 6 new, 3 added" in result.stderr
    assert "stopped after 1 poll" in result.stderr
    # Each page that failed is one line naming its address once ("skipped URL: URL: ..." named it twice).
    skipped = [line for line in result.stderr.splitlines() if line.startswith("newsfuse: skipped ")]
    assert len(skipped) == 3
    for link in ("/missing.html", "/slow.html", "/image.png"):
        [line] = [x for x in skipped if link in x]
        assert line.startswith(f"newsfuse: skipped {server}{link}: ") and line.count(link) == 1, line
    listed = runner.invoke(app, ["stories", "--db", db, "--json"])
    [story] = [json.loads(line) for line in listed.stdout.splitlines()]
    assert story["articles"] == 3
    bad = runner.invoke(app, ["watch", "ftp://example.org/feed", "--db", db])
    assert bad.exit_code == 2 and "is not an http(s) URL" in bad.output
    bad = runner.invoke(app, ["watch", f"{server}/feed.xml", "--every", "soon", "--db", db])
    assert bad.exit_code == 2 and "is not a duration" in bad.output


# ------------------------------------------------------------------ regroup while watching


@pytest.fixture
def event_site(shared_data):
    """ECB+ topic 19: two real events of one kind, 25 articles.

    Polled as the first ``FIRST_PAGES`` pages, then all, ingest (one article
    at a time) leaves pages 19 and 21 a story of their own where batch
    clustering puts them with their event.
    """
    lines = (shared_data / "ecbplus" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    site = FeedSite([record for record in map(json.loads, lines) if record["topic"] == "19"])
    site.items = list(range(FIRST_PAGES))
    site.extra_links = []
    return site


# Pages of the regroup tests' first poll.
FIRST_PAGES = 22


@pytest.fixture
def event_server(event_site):
    yield from _serve(event_site)


def _page_groups(store: Store) -> dict[str, set[int]]:
    """Each live story's id and the page numbers of its articles."""
    groups: dict[str, set[int]] = {}
    rows = store.connection.execute("SELECT a.url, s.id FROM articles a JOIN stories s ON s.story_key = a.story_key")
    for url, story in rows:
        groups.setdefault(story, set()).add(int(url.rsplit("/", 1)[-1].split(".")[0]))
    return groups


def _batch_pages(store: Store) -> list[set[int]]:
    from newsfuse.cluster import cluster_articles
    from newsfuse.dedup import find_duplicates
    from newsfuse.store import queries

    articles = queries.load_all_articles(store.connection)
    stories = cluster_articles(articles, store.settings.cluster, find_duplicates(articles, store.settings.dedup))
    page = {a.id: int(a.id.rsplit("/", 1)[-1].split(".")[0]) for a in articles}
    return sorted(({page[i] for i in s.article_ids} for s in stories), key=sorted)


def _sorted(groups: dict[str, set[int]]) -> list[set[int]]:
    return sorted(groups.values(), key=sorted)


def _gold_pages(site: FeedSite) -> list[set[int]]:
    gold: dict[str, set[int]] = {}
    for number, record in enumerate(site.articles):
        gold.setdefault(record["cluster"], set()).add(number)
    return sorted(gold.values(), key=sorted)


def test_watch_regroups_into_the_batch_grouping_keeping_story_ids(event_server, event_site, store, settings):
    streamed: list[dict[str, set[int]]] = []
    regrouped: list[dict[str, set[int]]] = []
    outcomes = []

    def after_poll(reports) -> None:
        streamed.append(_page_groups(store))
        event_site.items = list(range(len(event_site.articles)))  # the second poll brings the rest

    def after_regroup(outcome) -> None:
        outcomes.append(outcome)
        regrouped.append(_page_groups(store))

    polls = watch(
        store, [f"{event_server}/feed.xml"], settings, every_s=0.01, max_polls=3,
        on_poll=after_poll, regroup_every_s=0.001, on_regroup=after_regroup,
    )
    # Three polls, the last one bringing nothing (304): a regroup after each of the first two only.
    assert polls == 3 and len(outcomes) == 2
    assert not any(isinstance(outcome, Exception) for outcome in outcomes)
    first = streamed[0]
    # Ingest left pages 19 and 21 on their own; the regroup after the first poll put them with their event,
    # ids kept.
    assert {19, 21} in first.values() and _sorted(first) != _sorted(regrouped[0])
    assert set(regrouped[0]) < set(first)
    [(folded, home)] = outcomes[0].result.retired.items()
    assert first[folded] == {19, 21} and {19, 21} <= regrouped[0][home]
    assert store.story(folded).id == home
    # The second poll's articles were ingested one at a time, then regrouped: the batch grouping, the gold one here.
    final = _page_groups(store)
    assert final == regrouped[1] and _sorted(final) == _batch_pages(store) == _gold_pages(event_site)
    assert set(final) <= set(first)
    # The changed stories' briefs were rebuilt from the articles they now hold.
    assert outcomes[0].briefs_rebuilt == len(outcomes[0].result.changed) > 0
    assert outcomes[1].result.articles == len(event_site.articles)
    assert not any(story.is_brief_stale for story in store.stories())


def _fail_in_the_middle_of_the_moves(monkeypatch, error: BaseException) -> list[int]:
    """Make the next regroup raise ``error`` once it wrote the first changed story's state; return the calls."""
    from newsfuse.cluster.stream import StoryAssigner

    calls: list[int] = []
    real = StoryAssigner.rebuild_story

    def rebuild_then_fail(self, *args, **kwargs):
        calls.append(1)
        written = real(self, *args, **kwargs)
        if len(calls) == 1:
            raise error
        return written

    monkeypatch.setattr(StoryAssigner, "rebuild_story", rebuild_then_fail)
    return calls


def test_a_failed_regroup_is_reported_and_the_watch_goes_on(event_server, event_site, store, settings, monkeypatch):
    import sqlite3

    calls = _fail_in_the_middle_of_the_moves(monkeypatch, sqlite3.OperationalError("database or disk is full"))
    streamed: list[dict[str, set[int]]] = []
    outcomes = []

    def after_poll(reports) -> None:
        streamed.append(_page_groups(store))
        event_site.items = list(range(len(event_site.articles)))

    def after_regroup(outcome) -> None:
        outcomes.append((outcome, _page_groups(store)))

    polls = watch(
        store, [f"{event_server}/feed.xml"], settings, every_s=0.01, max_polls=2,
        on_poll=after_poll, regroup_every_s=0.001, on_regroup=after_regroup,
    )
    assert polls == 2 and len(outcomes) == 2 and len(calls) >= 2
    (failure, after_failure), (report, after_success) = outcomes
    assert isinstance(failure, sqlite3.OperationalError)
    # The failed regroup had written one story: all of it was rolled back.
    assert after_failure == streamed[0]
    assert store.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # The watch went on: the second poll stored the rest, and the next regroup did the work.
    assert store.counts()["articles"] == len(event_site.articles)
    assert not isinstance(report, Exception) and _sorted(after_success) == _gold_pages(event_site)


def test_ctrl_c_during_a_regroup_leaves_the_stories_as_they_were(
    event_server, event_site, store, settings, monkeypatch
):
    _fail_in_the_middle_of_the_moves(monkeypatch, KeyboardInterrupt())
    streamed: list[dict[str, set[int]]] = []
    polls = watch(
        store, [f"{event_server}/feed.xml"], settings, every_s=0.01, max_polls=3,
        on_poll=lambda reports: streamed.append(_page_groups(store)), regroup_every_s=0.001,
    )
    assert polls == 1 and _page_groups(store) == streamed[0]
    assert store.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # The store still takes articles where ingest left it.
    event_site.items = list(range(len(event_site.articles)))
    assert poll_feed(store, f"{event_server}/feed.xml", settings).added == len(event_site.articles) - FIRST_PAGES


def test_cli_watch_regroups_and_reports_a_failed_regroup(event_server, tmp_path, monkeypatch):
    import sqlite3

    env = {"NEWSFUSE_INGEST__TIMEOUT_S": str(CLIENT_TIMEOUT_S), "NEWSFUSE_STORE__REGROUP_ON_INGEST": "never"}
    runner = CliRunner()
    feed = f"{event_server}/feed.xml"
    db = str(tmp_path / "regroup.db")
    result = runner.invoke(app, ["watch", feed, "--max-polls", "1", "--regroup-every", "1ms", "--db", db], env=env)
    assert result.exit_code == 0, result.output
    assert f"{FIRST_PAGES} added" in result.stderr
    assert f"regrouped {FIRST_PAGES} articles: 3 stories before, 2 now; 2 articles moved" in result.stderr
    quiet = runner.invoke(
        app, ["watch", feed, "--max-polls", "1", "--regroup-every", "1ms", "--db", str(tmp_path / "q.db"), "--quiet"],
        env=env,
    )
    assert quiet.exit_code == 0 and "regrouped" not in quiet.stderr
    assert "added" not in quiet.stderr and "skipped" not in quiet.stderr
    # The help says what --quiet hides here: more than a progress display (which watch has none of).
    usage = runner.invoke(app, ["watch", "--help"], env={"COLUMNS": "200"}).output
    assert "No progress display" not in usage and "nor for the pages skipped" in usage

    early = runner.invoke(
        app, ["watch", feed, "--max-polls", "1", "--regroup-every", "90s", "--db", str(tmp_path / "e.db")], env=env
    )
    # Nothing was due: the first poll came less than 90 s after the start.
    assert early.exit_code == 0 and f"{FIRST_PAGES} added" in early.stderr and "regroup" not in early.stderr

    sqlite3_error = sqlite3.OperationalError("disk I/O error")
    _fail_in_the_middle_of_the_moves(monkeypatch, sqlite3_error)
    failed = runner.invoke(
        app, ["watch", feed, "--max-polls", "1", "--regroup-every", "1ms", "--db", str(tmp_path / "f.db"), "--quiet"],
        env=env,
    )
    assert failed.exit_code == 0, failed.output
    assert "regroup failed, stories left as they were, next try in 0.001s" in failed.stderr
    assert str(sqlite3_error) in failed.stderr and "Traceback" not in failed.output
    bad = runner.invoke(app, ["watch", feed, "--regroup-every", "often", "--db", db])
    assert bad.exit_code == 2 and "is not a duration" in bad.output


def test_a_restarted_watch_regroups_by_the_stores_record_counting_articles_added_meanwhile(
    event_server, event_site, store, settings, monkeypatch, tmp_path
):
    from newsfuse.store import queries

    feed = [f"{event_server}/feed.xml"]
    # A first watch stored the first pages and regrouped them two hours ago.
    assert watch(store, feed, settings, every_s=0.01, max_polls=1) == 1
    real_now = queries.now
    monkeypatch.setattr(queries, "now", lambda: real_now() - 7200)
    store.regroup(settings)
    monkeypatch.setattr(queries, "now", real_now)
    assert real_now() - store.last_regroup().at >= 7200
    outcomes = []
    # Restarted, with nothing new in the feed nor the store: two hours passed, but nothing to regroup.
    watch(store, feed, settings, every_s=0.01, max_polls=1, regroup_every_s=3600, on_regroup=outcomes.append)
    assert outcomes == []
    # Between two polls, the rest of the event's articles are added from a file (``newsfuse add``).
    corpus = tmp_path / "rest.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in event_site.articles[FIRST_PAGES:]), encoding="utf-8")
    polls = watch(
        store, feed, settings, every_s=0.01, max_polls=2, regroup_every_s=3600, on_regroup=outcomes.append,
        on_poll=lambda reports: store.ingest([str(corpus)], is_brief_rebuilt=False),
    )
    # The feed brought nothing, yet the regroup was due: once, after the first poll that saw the new articles.
    assert polls == 2 and len(outcomes) == 1 and not isinstance(outcomes[0], Exception)
    assert outcomes[0].result.articles == len(event_site.articles)
    assert real_now() - store.last_regroup().at < 60 and not store.is_changed_since_regroup()
    # Restarted once more: the store's record says the last regroup was just now.
    watch(store, feed, settings, every_s=0.01, max_polls=1, regroup_every_s=3600, on_regroup=outcomes.append)
    assert len(outcomes) == 1
