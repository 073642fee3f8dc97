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
    "match_expression",
    "search_stories",
    "search_words",
    "story_brief_state",
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
# ignored so one request cannot build an arbitrarily long index query.
MAX_SEARCH_WORDS = 8

# Characters of a search word kept (longer words are cut).
MAX_SEARCH_WORD_CHARS = 64

# The summary key at the top level of a story object: after a comma, since
# id and headlines come first.  Spaces are allowed in case a writer indents.
_SUMMARY_KEY = re.compile(r',\s*"summary"\s*:\s*')
_DECODER = json.JSONDecoder()
# A token of the full-text index (FTS5's unicode61 tokenizer): letters and digits.
_TOKEN = re.compile(r"[^\W_]+")


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
        self._watch: sqlite3.Connection | None = None

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

    def generation(self) -> int:
        """Return a number that moves whenever another connection commits to the store.

        SQLite's ``data_version`` counts the commits one connection has seen,
        so the values of two threads' connections cannot be compared (a
        thread that opens its connection after a commit would see the old
        number): every thread asks one shared connection, in turn.

        Raises:
            StoreError: no store at ``db_path``, or not a newsfuse store.
        """
        with self._lock:
            if self._watch is None:
                self._watch = connect(
                    self.db_path, busy_timeout_s=self.busy_timeout_s, is_read_only=True, check_same_thread=False
                )
                self._opened.append(self._watch)
            return data_version(self._watch)

    def close(self) -> None:
        """Close every connection this reader opened."""
        with self._lock:
            opened, self._opened = self._opened, []
            self._watch = None
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


def match_expression(query: str) -> str:
    """Return the FTS5 query that keeps articles holding every word of ``query`` ("" when it has none).

    Each word is cut into the index's tokens (letters and digits; "U.S."
    gives "U" and "S"), each quoted, so no character of the query is read
    as FTS5 syntax (``AND``, ``*``, ``:``, ``"`` are plain words here).

    Example:
        >>> match_expression('ceasefire  U.S. -"talks"')
        '"ceasefire" "U" "S" "talks"'
    """
    tokens = [token for word in search_words(query) for token in _TOKEN.findall(word)]
    return " ".join(f'"{token}"' for token in dict.fromkeys(tokens))


def search_stories(
    connection: sqlite3.Connection, query: str, limit: int = 20, offset: int = 0
) -> list[ListedStory]:
    """Return live stories with an article whose title or text holds every word of ``query``.

    Newest activity first.  Matching uses the store's full-text index
    (``article_search``): whole words, case and accents ignored.  An empty
    query lists every story; a query without letters or digits finds none.
    """
    if not search_words(query):
        return list_stories(connection, limit, offset)
    expression = match_expression(query)
    if not expression:
        return []
    page = (
        f"SELECT * FROM stories WHERE {_LIVE} AND story_key IN ("
        "SELECT a.story_key FROM article_search f JOIN articles a INDEXED BY articles_story_of "
        "ON a.article_key = f.rowid "
        f"WHERE article_search MATCH ?) {_ORDER} LIMIT ? OFFSET ?"
    )
    rows = connection.execute(_LISTED.format(page=page), (expression, limit, offset)).fetchall()
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


def story_brief_state(connection: sqlite3.Connection, story_id: str) -> tuple[int, int | None, bool] | None:
    """Return ``(story_key, brief version, is brief stale)`` of the live story with exactly this id.

    None when no live story has this id (a prefix, a merged story, or none
    at all: ``newsfuse.store.queries.resolve_story`` sorts those out).  The
    brief version is None while the story has no brief.  One indexed query:
    what the JSON API needs before it sends a stored brief.
    """
    row = connection.execute(
        "SELECT s.story_key, b.version, b.version < s.version FROM stories s "
        "LEFT JOIN briefs b ON b.story_key = s.story_key WHERE s.id = ? AND s.merged_into IS NULL",
        (story_id,),
    ).fetchone()
    if row is None:
        return None
    return int(row[0]), None if row[1] is None else int(row[1]), bool(row[2])


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
