"""The SQLite store: connection settings, schema and migrations.

One file holds articles (raw and clean text, metadata, content hash),
stories (with the streaming assigner's state), briefs (stored as compressed
JSON so ``show`` reads instead of rebuilding), rejections, watched feeds and
a full-text index of article titles and text (``article_search``, FTS5).

The connection runs in autocommit mode; writers open their own transactions
with ``write_transaction`` (``BEGIN IMMEDIATE``), so two processes writing one
store queue on SQLite's lock instead of failing half way.  WAL lets readers go
on while one process writes.  ``synchronous=NORMAL`` in WAL mode keeps every
committed transaction across a killed process (only a power cut can lose the
last ones), which is the crash model the store promises.

The schema version is SQLite's ``user_version``.  ``MIGRATIONS[n]`` takes a
store from version ``n`` to ``n + 1``; never edit a released migration, add
one.

Example:
    >>> connection = connect(":memory:")
    >>> schema_version(connection) == SCHEMA_VERSION
    True
"""

from __future__ import annotations

import os
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from newsfuse.errors import StoreError

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "connect",
    "default_db_path",
    "migrate",
    "schema_version",
    "store_failure",
    "write_transaction",
]

# Each entry moves the schema one version up.  Integer keys (``*_key``) are
# internal row ids; ``id`` columns are the public, stable identifiers.
_V1 = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE stories (
    story_key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,              -- last activity: an article added or replaced
    article_count INTEGER NOT NULL DEFAULT 0,
    sources TEXT NOT NULL DEFAULT '[]',    -- JSON list of outlets, first seen first
    headline TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 0,    -- bumped at each change; the brief is stale below it
    last_date TEXT NOT NULL DEFAULT '',    -- newest article date (ISO 8601), '' when none had one
    centroid TEXT NOT NULL DEFAULT '{}',   -- the assigner's sparse centroid (JSON)
    merged_into TEXT                       -- set when merged into another story
);
CREATE INDEX stories_by_activity ON stories (updated_at DESC, story_key DESC);

CREATE TABLE story_sources (                -- the outlets of each story, to add one in O(log n)
    story_key INTEGER NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (story_key, source)
) WITHOUT ROWID;

CREATE TABLE articles (
    article_key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    story_key INTEGER NOT NULL REFERENCES stories (story_key),
    source TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    date TEXT NOT NULL,
    origin TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,     -- of outlet, title and raw text: a re-ingest is a no-op
    raw_text BLOB NOT NULL,                -- zlib-compressed raw body as read
    text TEXT NOT NULL,                    -- clean body
    sentences TEXT NOT NULL,               -- JSON [[start, end], ...] into text
    removed TEXT NOT NULL,                 -- JSON [[text, reason], ...]
    extra TEXT NOT NULL,                   -- JSON object
    added_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1    -- 2, 3... after updates replaced it
);
CREATE UNIQUE INDEX articles_by_url ON articles (url) WHERE url <> '';
CREATE INDEX articles_by_story ON articles (story_key);

CREATE TABLE briefs (
    story_key INTEGER PRIMARY KEY REFERENCES stories (story_key),
    version INTEGER NOT NULL,              -- the story version it was built from
    built_at REAL NOT NULL,
    data BLOB NOT NULL                     -- zlib-compressed brief JSON (newsfuse.render.json)
);

CREATE TABLE rejects (
    reject_key INTEGER PRIMARY KEY,
    item TEXT NOT NULL,
    stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    detail TEXT NOT NULL,
    first_at REAL NOT NULL,
    last_at REAL NOT NULL,
    count INTEGER NOT NULL DEFAULT 1,
    UNIQUE (item, stage, reason)
);
CREATE INDEX rejects_by_time ON rejects (last_at DESC);

CREATE TABLE story_log (
    log_key INTEGER PRIMARY KEY,
    at REAL NOT NULL,
    kind TEXT NOT NULL,                    -- 'merge'
    story TEXT NOT NULL,
    other TEXT NOT NULL,
    detail TEXT NOT NULL
);

CREATE TABLE terms (
    term_key INTEGER PRIMARY KEY,
    term TEXT NOT NULL UNIQUE,
    df INTEGER NOT NULL                    -- articles that contain the term
);

CREATE TABLE postings (                    -- term -> stories whose centroid leads with it
    term_key INTEGER NOT NULL,
    story_key INTEGER NOT NULL,
    PRIMARY KEY (term_key, story_key)
) WITHOUT ROWID;
CREATE INDEX postings_by_story ON postings (story_key);

CREATE TABLE near_keys (                   -- MinHash LSH band -> stories holding a near-copy
    band_key INTEGER NOT NULL,
    story_key INTEGER NOT NULL,
    PRIMARY KEY (band_key, story_key)
) WITHOUT ROWID;

CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    etag TEXT NOT NULL DEFAULT '',
    modified TEXT NOT NULL DEFAULT '',
    checked_at REAL NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE feed_items (
    feed_url TEXT NOT NULL,
    key TEXT NOT NULL,                     -- the entry's id, else its link
    url TEXT NOT NULL,
    state TEXT NOT NULL,                   -- 'ingested', 'rejected' (final) or 'retry'
    attempts INTEGER NOT NULL DEFAULT 0,
    seen_at REAL NOT NULL,
    PRIMARY KEY (feed_url, key)
) WITHOUT ROWID;
"""

# Version 2: full-text search over article titles and text (the story list's
# search box).  An external-content FTS5 index: it stores only the index
# (~0.3 KB per article with ``detail=none``), the text stays in ``articles``.
# ``detail=none`` keeps no positions: queries are sets of words, no phrases.
# Writers index new rows in one statement per batch
# (``queries.index_new_articles``, through the ``search_indexed_through``
# watermark in ``meta``): ~0.1 ms of CPU per article.  Triggers per row cost
# five times more, as FTS5 flushes its pending terms at every savepoint and
# ingest takes one per article.  ``replace_article`` re-indexes a replaced
# row itself.
_V2 = """
CREATE VIRTUAL TABLE article_search USING fts5(
    title, text,
    content = 'articles', content_rowid = 'article_key',
    tokenize = 'unicode61 remove_diacritics 2', detail = none
);

INSERT INTO article_search (rowid, title, text) SELECT article_key, title, text FROM articles;

-- Article -> story for the matches of a search, without reading the (large)
-- article rows: a common word at 100k articles takes 36 ms of CPU instead of 84.
CREATE INDEX articles_story_of ON articles (article_key, story_key);

INSERT INTO meta (key, value) VALUES ('search_indexed_through', (SELECT coalesce(max(article_key), 0) FROM articles))
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
"""

# Version 3: what a story merge looks up by story.  Moving a merged story's
# near-copy bands and re-pointing stories merged into it scanned the whole
# ``near_keys`` and ``stories`` tables: with 60k stories a merge took most of
# a second, and streaming assignment slowed as the store grew.  The bands'
# index costs ~20 bytes per band and is appended to in story order.
_V3 = """
CREATE INDEX near_keys_by_story ON near_keys (story_key);

CREATE INDEX stories_by_merged_into ON stories (merged_into) WHERE merged_into IS NOT NULL;
"""

# Version 4: what finds an article's previous version.  A URL no longer names
# one article: rows of one JSON Lines file that share a URL under their own
# ids (a live blog's updates) are distinct articles, where the unique index
# made them one, each replacing the last (``store.ingest._previous_version``).
# An id taken from a file's name is looked up by the file's path (``origin``):
# an edited ``tue/reuters.txt`` replaces the article it gave before, whatever
# number its id had in that run.  ~60 bytes per article; the lookup runs only
# for articles whose id a file's name gave and that nothing else matched.
_V4 = """
DROP INDEX articles_by_url;
CREATE INDEX articles_by_url ON articles (url) WHERE url <> '';
CREATE INDEX articles_by_origin ON articles (origin);
"""

# Page cache per connection, in KiB (SQLite allocates it as pages are read).
CACHE_KIB = 64 * 1024

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4)
SCHEMA_VERSION = len(MIGRATIONS)


def default_db_path(env: os._Environ[str] | dict[str, str] | None = None) -> Path:
    """Return ``$XDG_DATA_HOME/newsfuse/newsfuse.db`` (``~/.local/share/...`` when unset).

    Example:
        >>> str(default_db_path({"XDG_DATA_HOME": "/data"}))
        '/data/newsfuse/newsfuse.db'
    """
    env = os.environ if env is None else env
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "newsfuse" / "newsfuse.db"


def schema_version(connection: sqlite3.Connection) -> int:
    """Return the schema version of the store behind ``connection``."""
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


@contextmanager
def write_transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Yield ``connection`` inside ``BEGIN IMMEDIATE``; commit at the end, roll back on error.

    ``IMMEDIATE`` takes the write lock at once, so what is read inside the
    transaction cannot change before it commits: checks such as "is this
    article known?" stay true while two processes ingest at once.
    """
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _switch_to_wal(connection: sqlite3.Connection, timeout_s: float) -> str:
    """Return the journal mode after asking for WAL, waiting up to ``timeout_s`` for other openers.

    Switching a new store's journal needs its exclusive lock, and SQLite
    answers "database is locked" at once, without its busy handler, while
    another process opens or creates the same store: two ``ingest`` runs
    started together on a new store.  So wait here, as the busy timeout would.
    """
    deadline = time.monotonic() + timeout_s
    delay = 0.005
    while True:
        try:
            return str(connection.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.1)


def migrate(connection: sqlite3.Connection) -> int:
    """Bring the schema up to ``SCHEMA_VERSION``; return the version found before.

    Raises:
        StoreError: the store was written by a newer newsfuse.
    """
    found = schema_version(connection)
    if found == SCHEMA_VERSION:
        return found
    with write_transaction(connection):
        # Read again under the lock: another process may have migrated meanwhile.
        found = schema_version(connection)
        if found > SCHEMA_VERSION:
            raise StoreError(
                f"the store has schema version {found}, newer than this newsfuse knows "
                f"({SCHEMA_VERSION}); upgrade newsfuse to open it"
            )
        for version in range(found, SCHEMA_VERSION):
            for statement in _statements(MIGRATIONS[version]):
                connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return found


def _upgraded_for_reading(name: str, found: int, busy_timeout_s: float, check_same_thread: bool) -> sqlite3.Connection:
    """Migrate an older store for a reader (``stories``, ``show``, ``serve``), then open it read-only again.

    After an upgrade of newsfuse, the first command a user runs is often one
    that only reads; it brings the store up to date as ``ingest`` would,
    where the file can be written.  A store on read-only media is refused
    with what to do.

    Raises:
        StoreError: the store is newer than this newsfuse, or older and cannot be written.
    """
    if found > SCHEMA_VERSION:
        raise StoreError(
            f"the store at {name} has schema version {found}, newer than this newsfuse knows "
            f"({SCHEMA_VERSION}); upgrade newsfuse to open it"
        )
    path = Path(name).resolve()
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        raise StoreError(
            f"the store at {name} was written by an older newsfuse (schema version {found}, this one reads "
            f"{SCHEMA_VERSION}) and cannot be upgraded where it is: copy it to a folder you can write and "
            "run any newsfuse command on the copy"
        )
    connect(name, busy_timeout_s).close()
    return connect(name, busy_timeout_s, is_read_only=True, check_same_thread=check_same_thread)


def _statements(script: str) -> Iterator[str]:
    """Yield the statements of a migration script (``executescript`` would commit)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statement = buffer.strip()
            if statement:
                yield statement
            buffer = ""
    if buffer.strip():
        raise ValueError(f"unterminated statement in migration: {buffer.strip()[:80]!r}")


def store_failure(path: str | os.PathLike[str], exc: sqlite3.Error) -> StoreError:
    """Return the ``StoreError`` that tells a user what SQLite's ``exc`` means for the store at ``path``.

    Example:
        >>> str(store_failure("news.db", sqlite3.DatabaseError("database disk image is malformed")))[:45]
        'the store at news.db is damaged (database dis'
    """
    message = str(exc)
    if "malformed" in message:
        return StoreError(
            f"the store at {path} is damaged ({message}); keep a copy of the file, then try "
            f"`sqlite3 {path} .recover`, or ingest the articles again into a new store"
        )
    if "readonly" in message or "read-only" in message:
        return StoreError(
            f"the store at {path} cannot be written ({message}): check the permissions of the file and its "
            "folder; stories, show and serve can still read it"
        )
    return StoreError(f"the store at {path} failed: {message}")


def connect(
    path: str | os.PathLike[str],
    busy_timeout_s: float = 60.0,
    is_read_only: bool = False,
    check_same_thread: bool = True,
) -> sqlite3.Connection:
    """Return a connection to the store at ``path``, migrated to the current schema.

    ``":memory:"`` gives a private in-memory store (tests, the standalone
    story assigner).  A new file and its folder are created.  A read-only
    connection to a store whose folder cannot be written (a snapshot on
    read-only media), where SQLite cannot keep its shared-memory file, opens
    the file as immutable.

    Raises:
        StoreError: the file is not a SQLite database, cannot be created, is
            a folder, or (read-only) does not exist.
    """
    name = str(path)
    is_memory = name == ":memory:"
    if not is_memory and Path(name).is_dir():  # SQLite says only "unable to open database file"
        raise StoreError(f"{name}: is a folder, not a store file; give a file name in it ({Path(name) / 'newsfuse.db'})")
    try:
        if is_read_only:
            if is_memory or not Path(name).exists():
                raise StoreError(f"no store at {name} (newsfuse ingest creates one)")
            uri = Path(name).resolve().as_uri() + "?mode=ro"
            if not os.access(Path(name).resolve().parent, os.W_OK):
                uri += "&immutable=1"
            connection = sqlite3.connect(
                uri, uri=True, timeout=busy_timeout_s, isolation_level=None, check_same_thread=check_same_thread
            )
        else:
            if not is_memory:
                Path(name).parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(
                name, timeout=busy_timeout_s, isolation_level=None, check_same_thread=check_same_thread
            )
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(f"cannot open the store at {name}: {exc}") from None
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
        connection.execute("PRAGMA foreign_keys = ON")
        if not is_memory and not is_read_only:
            mode = _switch_to_wal(connection, busy_timeout_s)
            if str(mode).lower() != "wal":
                raise StoreError(f"cannot switch the store at {name} to WAL mode (got {mode})")
        connection.execute("PRAGMA synchronous = NORMAL")
        # SQLite's default page cache is 2 MiB; a store of 100k articles has
        # ~100 MiB of indexes that every ingested article looks into.
        connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        if is_read_only:
            found = schema_version(connection)
            if found != SCHEMA_VERSION:
                connection.close()
                return _upgraded_for_reading(name, found, busy_timeout_s, check_same_thread)
        else:
            migrate(connection)
    except sqlite3.DatabaseError as exc:
        connection.close()
        if "malformed" in str(exc):
            raise store_failure(name, exc) from None
        raise StoreError(f"{name} is not a usable newsfuse store: {exc}") from None
    except BaseException:
        connection.close()
        raise
    return connection
