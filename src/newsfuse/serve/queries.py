"""Read-only queries the web app needs beyond ``newsfuse.store.queries``.

The app never writes: it opens the store with ``mode=ro`` and
``PRAGMA query_only``, one connection per thread.  Briefs are served from
the stored JSON text (``briefs.data``, zlib-compressed compact JSON written by
``newsfuse.render.json``), so the JSON API decompresses bytes and never
decodes and re-encodes a brief.

The story list shows each story's summary, which only the brief JSON holds.
Its keys come in a fixed order (id, headline, headline_source,
headline_article, summary, ...), so ``summary_of`` reads the first few
kilobytes of the blob (``Connection.blobopen``), decompresses that prefix and
decodes just the summary string.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import zlib
from dataclasses import dataclass
from os import PathLike
from typing import Any, Sequence

from newsfuse.store.sqlite import connect

__all__ = [
    "ListedStory",
    "Reader",
    "brief_json",
    "brief_version",
    "data_version",
    "list_stories",
    "search_stories",
    "search_words",
    "summary_of",
    "top_outlets",
]

# Compressed bytes read first when looking for a summary: 1 KiB decompresses
# to ~2.5 KiB of JSON, which holds id, headlines and a 60-word summary (the
# brief stage's default budget) in the stories of the benchmark store; a
# longer one reads four times more, and so on.  Each miss costs one more
# read, each surplus byte decompression time on every list page.
SUMMARY_READ_BYTES = 1024

# Words of a search query that are used (each must match); the rest are
# ignored so one request cannot build an arbitrarily long LIKE chain.
MAX_SEARCH_WORDS = 8

# Characters of a search word kept (longer words are cut).
MAX_SEARCH_WORD_CHARS = 64

# The summary key at the top level of a story object: after a comma, since
# id and headlines come first.  Spaces are allowed in case a writer indents.
_SUMMARY_KEY = re.compile(r',\s*"summary"\s*:\s*')
_DECODER = json.JSONDecoder()
_LIKE_SPECIAL = re.compile(r"([\\%_])")


@dataclass(frozen=True, slots=True)
class ListedStory:
    """One line of the story list.

    ``updated_at``/``created_at`` are Unix times in seconds; ``last_date`` is
    the newest article date (ISO 8601 day, "" when none had one);
    ``has_brief`` is false until the first brief was built, and
    ``is_brief_stale`` says articles arrived after it.
    """

    id: str
    headline: str
    summary: str
    sources: tuple[str, ...]
    article_count: int
    created_at: float
    updated_at: float
    last_date: str
    has_brief: bool
    is_brief_stale: bool


class Reader:
    """Return read-only store connections, one per thread, opened on first use.

    SQLite connections must not be shared between threads; the app's
    event loop uses one, and each worker thread (searches) gets its own.

    Example:
        >>> reader = Reader("news.db")                              # doctest: +SKIP
        >>> list_stories(reader.connection(), limit=20)             # doctest: +SKIP
    """

    def __init__(self, db_path: str | PathLike[str], busy_timeout_s: float = 5.0) -> None:
        self.db_path = db_path
        self.busy_timeout_s = busy_timeout_s
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[sqlite3.Connection] = []

    def connection(self) -> sqlite3.Connection:
        """Return this thread's read-only connection (opened on first use).

        Raises:
            StoreError: no store at ``db_path``, or not a newsfuse store.
        """
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = connect(self.db_path, busy_timeout_s=self.busy_timeout_s, is_read_only=True)
            connection.execute("PRAGMA query_only = ON")
            self._local.connection = connection
            with self._lock:
                self._opened.append(connection)
        return connection

    def close(self) -> None:
        """Close every connection this reader opened."""
        with self._lock:
            opened, self._opened = self._opened, []
        for connection in opened:
            try:
                connection.close()
            except sqlite3.ProgrammingError:  # opened by a thread that is gone: already unusable
                pass
        self._local = threading.local()


def summary_of(connection: sqlite3.Connection, story_key: int) -> str:
    """Return the summary of a story's stored brief ("" when it has none).

    Reads and decompresses only as much of the blob as the summary needs.
    """
    try:
        blob = connection.blobopen("briefs", "data", story_key, readonly=True)
    except sqlite3.OperationalError:  # no brief row for this story
        return ""
    with blob:
        decompressor = zlib.decompressobj()
        text = b""
        size = SUMMARY_READ_BYTES
        while True:
            chunk = blob.read(size)
            if not chunk:
                break
            text += decompressor.decompress(chunk)
            found = _decode_summary(text)
            if found is not None:
                return found
            size *= 4
    found = _decode_summary(text + decompressor.flush(), is_whole=True)
    return found or ""


def _decode_summary(data: bytes, is_whole: bool = False) -> str | None:
    """Return the summary string of a brief JSON prefix, or None when the prefix is too short.

    The first ``,"summary":`` is the key: a quote inside a JSON string is
    always escaped, so that byte sequence cannot occur in the short string
    values before it.
    """
    text = data.decode("utf-8", "ignore")
    match = _SUMMARY_KEY.search(text)
    if match is None:
        return "" if is_whole else None
    try:
        value, _ = _DECODER.raw_decode(text, match.end())
    except json.JSONDecodeError:
        return "" if is_whole else None
    return value if isinstance(value, str) else ""


_LIVE = "merged_into IS NULL AND article_count > 0"
_ORDER = "ORDER BY updated_at DESC, story_key DESC"

# The page is chosen in a subquery over stories alone (the activity index),
# then joined to briefs: joining before OFFSET would look up the brief of
# every skipped story.
_LISTED = (
    "SELECT s.story_key, s.id, s.headline, s.sources, s.article_count, s.created_at, s.updated_at, "
    "s.last_date, b.version IS NOT NULL, b.version IS NOT NULL AND b.version < s.version "
    "FROM ({page}) s LEFT JOIN briefs b ON b.story_key = s.story_key "
    "ORDER BY s.updated_at DESC, s.story_key DESC"
)


def _listed(connection: sqlite3.Connection, rows: Sequence[Sequence[Any]]) -> list[ListedStory]:
    stories = []
    for key, story_id, headline, sources, count, created, updated, last_date, has_brief, stale in rows:
        stories.append(
            ListedStory(
                id=story_id,
                headline=headline,
                summary=summary_of(connection, key) if has_brief else "",
                sources=tuple(json.loads(sources)),
                article_count=count,
                created_at=created,
                updated_at=updated,
                last_date=last_date,
                has_brief=bool(has_brief),
                is_brief_stale=bool(stale),
            )
        )
    return stories


def list_stories(connection: sqlite3.Connection, limit: int = 20, offset: int = 0) -> list[ListedStory]:
    """Return live stories, newest activity first, with their summaries."""
    page = f"SELECT * FROM stories WHERE {_LIVE} {_ORDER} LIMIT ? OFFSET ?"
    rows = connection.execute(_LISTED.format(page=page), (limit, offset)).fetchall()
    return _listed(connection, rows)


def search_words(query: str) -> list[str]:
    """Return the words of a search query that are searched for (at most ``MAX_SEARCH_WORDS``).

    Example:
        >>> search_words('  Putin  "talks"  ')
        ['Putin', '"talks"']
    """
    return [word[:MAX_SEARCH_WORD_CHARS] for word in query.split()[:MAX_SEARCH_WORDS]]


def _like(word: str) -> str:
    return "%" + _LIKE_SPECIAL.sub(r"\\\1", word) + "%"


def search_stories(
    connection: sqlite3.Connection, query: str, limit: int = 20, offset: int = 0
) -> list[ListedStory]:
    """Return live stories whose headline or article titles hold every word of ``query``.

    Newest activity first.  Matching is a case-insensitive substring test
    (ASCII case only: SQLite's LIKE); the store has no full-text index yet.
    An empty query lists every story.
    """
    words = search_words(query)
    if not words:
        return list_stories(connection, limit, offset)
    conditions = []
    parameters: list[Any] = []
    for word in words:
        conditions.append(
            "(t.headline LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM articles a "
            "WHERE a.story_key = t.story_key AND a.title LIKE ? ESCAPE '\\'))"
        )
        pattern = _like(word)
        parameters += [pattern, pattern]
    page = (
        f"SELECT * FROM stories t WHERE {_LIVE} AND {' AND '.join(conditions)} "
        f"{_ORDER} LIMIT ? OFFSET ?"
    )
    rows = connection.execute(_LISTED.format(page=page), (*parameters, limit, offset)).fetchall()
    return _listed(connection, rows)


def brief_json(connection: sqlite3.Connection, story_key: int) -> tuple[int, bytes] | None:
    """Return ``(version, JSON bytes)`` of a story's stored brief, or None when it has none.

    The bytes are the UTF-8 JSON of one story object (docs/schema.md), as
    the store wrote it.
    """
    row = connection.execute("SELECT version, data FROM briefs WHERE story_key = ?", (story_key,)).fetchone()
    if row is None:
        return None
    return int(row[0]), zlib.decompress(row[1])


def brief_version(connection: sqlite3.Connection, story_key: int) -> int | None:
    """Return the story version the stored brief was built from, or None when it has none."""
    row = connection.execute("SELECT version FROM briefs WHERE story_key = ?", (story_key,)).fetchone()
    return None if row is None else int(row[0])


def data_version(connection: sqlite3.Connection) -> int:
    """Return SQLite's ``data_version``: it changes when another connection commits to the store.

    Caches of pages built from the store are valid while it stays the same.
    """
    return int(connection.execute("PRAGMA data_version").fetchone()[0])


def top_outlets(connection: sqlite3.Connection, limit: int) -> list[tuple[str, int]]:
    """Return the ``limit`` outlets with the most live articles: ``[(outlet, articles)]``."""
    rows = connection.execute(
        "SELECT source, count(*) AS n FROM articles GROUP BY source ORDER BY n DESC, source LIMIT ?",
        (limit,),
    ).fetchall()
    return [(str(source), int(count)) for source, count in rows]
