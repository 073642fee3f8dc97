"""Watching RSS/Atom feeds: poll, fetch each new item's page, ingest it into the store.

A poll asks for the feed with the ``ETag`` and ``Last-Modified`` of the last
answer, so an unchanged feed costs one ``304 Not Modified``.  Each entry not
seen before has its page fetched (``newsfuse.ingest.fetch_url``: timeouts,
size cap, redirect limit, content-type check, a clear User-Agent),
extracted (``parse_bytes`` → trafilatura) and ingested with ``Store.ingest``.
A page that fails becomes a rejection with its reason; a timeout is tried
again at the next polls, up to ``MAX_ATTEMPTS`` times.  Entries seen are
recorded in the store (``feed_items``), so a restarted watcher goes on
where it stopped.

Ingest places each article once, as it arrives; ``watch`` can also regroup
the store now and then (``regroup_every_s``: ``Store.regroup``, the batch
clustering of every stored article, story ids kept), so that a store watched
for days keeps batch grouping quality without a separate job.

Example:
    >>> from newsfuse.store import Store
    >>> with Store.open("news.db") as store:                          # doctest: +SKIP
    ...     watch(store, ["https://example.org/rss"], every_s=600, regroup_every_s=6 * 3600)
"""

from __future__ import annotations

import dataclasses
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from newsfuse.config import IngestSettings, Settings
from newsfuse.errors import ItemError
from newsfuse.models import Article, Rejection
from newsfuse.store import queries

if TYPE_CHECKING:
    from newsfuse.store.regroup import RegroupReport

__all__ = ["MAX_ATTEMPTS", "PollReport", "fetch_feed", "poll_feed", "poll_feeds", "watch"]

# A page that timed out is fetched again at the next polls, this many tries
# in all; other failures (HTTP 4xx/5xx, wrong content type, no text) are final.
MAX_ATTEMPTS = 3
_RETRY_REASONS = frozenset({"timeout"})
_STAGE = "watch"


@dataclass
class PollReport:
    """What one poll of one feed did.

    ``is_modified`` is False when the server answered 304 (nothing fetched);
    ``new_items`` counts entries not seen before; ``added`` and ``updated``
    the articles stored from them.
    """

    feed: str
    is_modified: bool = True
    entries: int = 0
    new_items: int = 0
    added: int = 0
    updated: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    def summary(self) -> str:
        """Return one line for people."""
        if not self.is_modified and not self.new_items:
            return f"{self.feed}: not modified"
        head = (
            f"{self.entries} entries, {self.new_items} new"
            if self.is_modified
            else f"not modified, {self.new_items} retried"
        )
        return f"{self.feed}: {head}, {self.added} added, {self.updated} updated, {len(self.rejections)} rejected"


@dataclass(frozen=True, slots=True)
class FeedAnswer:
    """A feed fetch: the body (None when not modified) and the validators to send next time."""

    data: bytes | None
    etag: str
    modified: str
    url: str


def fetch_feed(url: str, settings: IngestSettings, client, *, etag: str = "", modified: str = "") -> FeedAnswer:
    """Return the feed at ``url``, or ``data=None`` when the server says it has not changed.

    The same limits as ``fetch_url`` apply (the client's timeout and redirect
    limit, ``ingest.max_bytes``, the accepted content types); this adds the
    conditional request, which ``fetch_url`` has no use for.

    Raises:
        ItemError: ``timeout``, ``http``, ``too-large`` or ``content-type``.
    """
    from newsfuse.ingest.fetch import http_errors, read_body

    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    with http_errors(url, settings), client.stream("GET", url, headers=headers) as response:
        if response.status_code == 304:
            return FeedAnswer(None, etag, modified, str(response.url))
        data = read_body(response, url, settings, expected="a feed")
        return FeedAnswer(
            data,
            response.headers.get("etag", ""),
            response.headers.get("last-modified", ""),
            str(response.url),
        )


@dataclass(frozen=True, slots=True)
class _Entry:
    key: str
    link: str
    title: str
    date: str
    source: str


def _entries(data: bytes, feed_url: str) -> tuple[str, list[_Entry]]:
    """Return the feed's title and its entries (id, link, title, date, outlet).

    Raises:
        ItemError: ``feed`` when the data is not a feed with entries.
    """
    from newsfuse.ingest.dates import parse_date
    from newsfuse.ingest.feed import read_feed
    from newsfuse.ingest.html import html_to_text, site_from_url

    parsed = read_feed(data, feed_url)  # the wording of files' and URLs' feeds
    items = parsed["entries"]
    problem = parsed.get("bozo_exception")
    if problem is not None and not any(item.get("link") for item in items):
        # feedparser reads what it can of broken XML; without one link there is nothing to fetch.
        raise ItemError("feed", f"{feed_url}: broken feed XML with no entry links ({problem})")
    feed = parsed.get("feed", {})
    title = (feed.get("title") or "").strip()
    outlet = title or site_from_url(feed.get("link", "") or feed_url)
    entries = []
    for number, item in enumerate(items, start=1):
        link = (item.get("link") or "").strip()
        source_info = item.get("source") or {}
        date = parse_date(item.get("published_parsed") or item.get("updated_parsed")) or parse_date(
            item.get("published") or item.get("updated") or ""
        )
        entries.append(
            _Entry(
                key=(item.get("id") or link).strip() or f"#{number}",
                link=link,
                title=html_to_text(item.get("title", "") or "").replace("\n", " ").strip(),
                date=date,
                source=(source_info.get("title") or "").strip() or outlet,
            )
        )
    return title, entries


def _page_article(entry: _Entry, settings: IngestSettings, client) -> Article:
    """Return the article on an entry's page, filled in from the entry where the page is silent.

    Raises:
        ItemError: the page cannot be fetched or holds no article.
    """
    from newsfuse.ingest import fetch_url, parse_bytes

    fetched = fetch_url(entry.link, settings, client)
    articles = [
        a
        for a in parse_bytes(fetched.data, "", settings, url=fetched.url, content_type=fetched.content_type, origin=entry.link)
        if isinstance(a, Article)
    ]
    if not articles:
        raise ItemError("no-content", f"{entry.link}: no article text on the page")
    article = articles[0]
    return dataclasses.replace(
        article,
        id=entry.link,
        source=entry.source or article.source,
        title=article.title or entry.title,
        date=entry.date or article.date,  # the feed states it; the page's may be a guess
        url=entry.link,
        origin=entry.link,
    )


def _seen(connection, feed_url: str) -> dict[str, tuple[str, int]]:
    rows = connection.execute("SELECT key, state, attempts FROM feed_items WHERE feed_url = ?", (feed_url,))
    return {key: (state, attempts) for key, state, attempts in rows}


def _retry_entries(connection, feed_url: str) -> list[_Entry]:
    """Return the entries of a feed whose pages are waiting for another try."""
    row = connection.execute("SELECT title FROM feeds WHERE url = ?", (feed_url,)).fetchone()
    outlet = row[0] if row else ""
    return [
        _Entry(key=key, link=url, title="", date="", source=outlet)
        for key, url in connection.execute(
            "SELECT key, url FROM feed_items WHERE feed_url = ? AND state = 'retry' ORDER BY seen_at", (feed_url,)
        )
    ]


def poll_feed(store, feed_url: str, settings: Settings | None = None, client=None) -> PollReport:
    """Poll one feed: fetch its new entries' pages and ingest them; return what happened.

    Nothing raises for a bad feed or page: each problem is a rejection in the
    report and in the store's ``rejects``.
    """
    from newsfuse.ingest import make_client
    from newsfuse.store import queries
    from newsfuse.store.sqlite import write_transaction

    settings = settings or store.settings
    own_client = client is None
    client = client or make_client(settings.ingest)
    connection = store.connection
    report = PollReport(feed_url)
    try:
        row = connection.execute("SELECT etag, modified FROM feeds WHERE url = ?", (feed_url,)).fetchone()
        etag, modified = row if row else ("", "")
        try:
            answer = fetch_feed(feed_url, settings.ingest, client, etag=etag, modified=modified)
            if answer.data is None:
                # Unchanged: only pages that timed out last time are tried again.
                report.is_modified = False
                title, entries = None, _retry_entries(connection, feed_url)
            else:
                title, entries = _entries(answer.data, feed_url)
        except ItemError as exc:
            report.rejections.append(Rejection(feed_url, _STAGE, exc.reason, str(exc)))
            _record(store, report.rejections)
            _save_feed(store, feed_url, None, etag, modified, exc.reason)
            return report
        if answer.data is None and not entries:
            _save_feed(store, feed_url, None, etag, modified, "not-modified")
            return report
        report.entries = len(entries)
        seen = _seen(connection, feed_url)
        articles: list[Article] = []
        outcome: dict[str, tuple[str, _Entry]] = {}  # entry key -> (state, entry)
        for entry in entries:
            state, attempts = seen.get(entry.key, ("", 0))
            if state in ("ingested", "rejected"):
                continue
            if entry.link and queries.find_article(connection, url=entry.link) is not None:
                outcome[entry.key] = ("ingested", entry)
                continue
            report.new_items += 1
            if not entry.link:
                report.rejections.append(
                    Rejection(f"{feed_url}#{entry.key}", _STAGE, "no-link", f"{feed_url}: entry {entry.title!r} has no link to fetch")
                )
                outcome[entry.key] = ("rejected", entry)
                continue
            try:
                articles.append(_page_article(entry, settings.ingest, client))
                outcome[entry.key] = ("ingested", entry)
            except ItemError as exc:
                is_retry = exc.reason in _RETRY_REASONS and attempts + 1 < MAX_ATTEMPTS
                report.rejections.append(Rejection(entry.link, _STAGE, exc.reason, str(exc)))
                outcome[entry.key] = ("retry" if is_retry else "rejected", entry)
            except Exception as exc:  # noqa: BLE001 - per-item boundary: record and go on
                report.rejections.append(
                    Rejection(entry.link, _STAGE, "error", f"{entry.link}: {type(exc).__name__}: {exc}")
                )
                outcome[entry.key] = ("rejected", entry)
        _record(store, report.rejections)
        if articles:
            result = store.ingest(articles, settings)
            report.added, report.updated = result.added, result.updated
            refused = {r.item for r in result.rejections}
            for key, (state, entry) in outcome.items():
                if state == "ingested" and entry.link in refused:
                    outcome[key] = ("rejected", entry)
            report.rejections.extend(result.rejections)
        now = queries.now()
        with write_transaction(connection):
            connection.executemany(
                "INSERT INTO feed_items (feed_url, key, url, state, attempts, seen_at) VALUES (?, ?, ?, ?, 1, ?) "
                "ON CONFLICT (feed_url, key) DO UPDATE SET state = excluded.state, "
                "attempts = attempts + 1, seen_at = excluded.seen_at",
                [(feed_url, key, entry.link, state, now) for key, (state, entry) in outcome.items()],
            )
        _save_feed(store, feed_url, title, answer.etag, answer.modified, "ok" if report.is_modified else "not-modified")
        return report
    finally:
        if own_client:
            client.close()


def _record(store, rejections: Sequence[Rejection]) -> None:
    from newsfuse.store import queries
    from newsfuse.store.sqlite import write_transaction

    if rejections:
        with write_transaction(store.connection):
            queries.record_rejections(store.connection, rejections, queries.now())


def _save_feed(store, url: str, title: str | None, etag: str, modified: str, status: str) -> None:
    from newsfuse.store import queries
    from newsfuse.store.sqlite import write_transaction

    with write_transaction(store.connection):
        store.connection.execute(
            "INSERT INTO feeds (url, title, etag, modified, checked_at, status) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET title = COALESCE(NULLIF(excluded.title, ''), title), "
            "etag = excluded.etag, modified = excluded.modified, checked_at = excluded.checked_at, "
            "status = excluded.status",
            (url, title or "", etag, modified, queries.now(), status),
        )


def poll_feeds(store, feed_urls: Iterable[str], settings: Settings | None = None, client=None) -> list[PollReport]:
    """Poll each feed once (one HTTP client for all); return one report per feed."""
    from newsfuse.ingest import make_client

    settings = settings or store.settings
    own_client = client is None
    client = client or make_client(settings.ingest)
    try:
        return [poll_feed(store, url, settings, client) for url in feed_urls]
    finally:
        if own_client:
            client.close()


def watch(
    store,
    feed_urls: Sequence[str],
    settings: Settings | None = None,
    *,
    every_s: float = 600.0,
    stop: threading.Event | None = None,
    max_polls: int | None = None,
    on_poll: Callable[[list[PollReport]], Any] | None = None,
    client=None,
    regroup_every_s: float | None = None,
    on_regroup: Callable[[RegroupReport | Exception], Any] | None = None,
) -> int:
    """Poll ``feed_urls`` every ``every_s`` seconds until stopped; return the number of polls.

    With ``regroup_every_s``, after a poll, when that long has passed since
    the store's last regroup and articles were added, replaced or removed
    since, the store is regrouped (``Store.regroup``: batch clustering,
    story ids kept, the changed stories' briefs rebuilt).  The last regroup
    is the one recorded in the store (``Store.last_regroup``: by this watch,
    an earlier one, or ``newsfuse regroup``), so a restarted watch keeps
    the pace and articles added by another process count; a store never
    regrouped counts from the start of the watch.  Its time counts in the
    wait before the next poll.  A regroup that fails (another process kept
    adding articles, the store is locked, anything else) changes nothing
    (its moves are one transaction); it is handed to ``on_regroup`` and
    tried again ``regroup_every_s`` later, the watch goes on.

    It stops when ``stop`` is set, after ``max_polls`` polls, or on Ctrl-C
    (``KeyboardInterrupt``), which ends it cleanly: a batch being written, or
    a regroup's moves, are rolled back whole (articles are fetched again at
    the next start).

    Args:
        on_poll: called with the reports of each poll (the CLI prints them).
        client: an ``httpx.Client`` (tests); one is made when None.
        regroup_every_s: the least time between regroups, in seconds; None: never.
        on_regroup: called with each regroup's ``RegroupReport``, or with the
            exception it failed with.

    Raises:
        ValueError: ``every_s`` or ``regroup_every_s`` is not positive, ``max_polls`` below 1, or no feed given.
    """
    from newsfuse.ingest import make_client

    if not feed_urls:
        raise ValueError("watch needs at least one feed URL")
    if not every_s > 0:
        raise ValueError(f"every_s must be > 0 seconds, got {every_s}")
    if max_polls is not None and max_polls < 1:
        raise ValueError(f"max_polls must be >= 1 or None, got {max_polls}")
    if regroup_every_s is not None and not regroup_every_s > 0:
        raise ValueError(f"regroup_every_s must be > 0 seconds or None, got {regroup_every_s}")
    settings = settings or store.settings
    stop = stop or threading.Event()
    own_client = client is None
    client = client or make_client(settings.ingest)
    polls = 0
    watch_started_at = queries.now()
    last_try_at: float | None = None  # when this watch last tried a regroup (a failed one is not recorded)
    try:
        while not stop.is_set():
            started = time.monotonic()
            reports = poll_feeds(store, feed_urls, settings, client)
            polls += 1
            if on_poll is not None:
                on_poll(reports)
            if regroup_every_s is not None and _is_regroup_due(store, regroup_every_s, watch_started_at, last_try_at):
                last_try_at = queries.now()
                outcome = _regroup(store, settings)
                if on_regroup is not None:
                    on_regroup(outcome)
            if max_polls is not None and polls >= max_polls:
                break
            stop.wait(max(0.0, every_s - (time.monotonic() - started)))
    except KeyboardInterrupt:
        pass
    finally:
        if own_client:
            client.close()
    return polls


def _is_regroup_due(store, every_s: float, watch_started_at: float, last_try_at: float | None) -> bool:
    """Return whether ``every_s`` passed since the last regroup and articles changed since.

    The last regroup is the store's record of it; with none (or one dated
    after now: the clock was set back), the start of the watch.  A regroup
    this watch tried later (it failed, so nothing was recorded) counts too.
    """
    now = queries.now()
    last = store.last_regroup()
    since = last.at if last is not None and last.at <= now else watch_started_at
    if last_try_at is not None:
        since = max(since, last_try_at)
    return now - since >= every_s and store.is_changed_since_regroup()


def _regroup(store, settings: Settings) -> RegroupReport | Exception:
    """Regroup the store (``Store.regroup``); return its report, or the exception it failed with.

    Nothing is lost when it fails: the articles' moves are one transaction,
    rolled back whole, and briefs left unbuilt stay stale, to be rebuilt by
    the next ingest.  Ctrl-C (``KeyboardInterrupt``) is not caught.
    """
    try:
        return store.regroup(settings)
    except Exception as exc:  # noqa: BLE001 - a watch outlives one failed regroup: report and go on
        return exc
