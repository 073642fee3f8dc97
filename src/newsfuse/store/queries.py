"""Reading and writing the store's rows: small functions over a connection.

Row ↔ model conversions live here (``CleanArticle`` from an ``articles``
row, briefs as compressed JSON), so ``Store`` and the ingest job read as
steps, not SQL.  Writers expect the caller to hold a write transaction.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
import time
import zlib
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from newsfuse.errors import StoreError
from newsfuse.models import Article, Brief, CleanArticle, Rejection, Removal, Sentence

__all__ = [
    "EncodedArticle",
    "StoredArticle",
    "StoredRejection",
    "StorySummary",
    "add_article_to_story",
    "article_count",
    "content_hash",
    "encode_article",
    "find_article",
    "find_matches",
    "index_new_articles",
    "insert_article",
    "known_hashes",
    "list_rejects",
    "list_stories",
    "live_story_keys",
    "load_articles",
    "load_brief",
    "record_rejections",
    "renamed",
    "replace_article",
    "resolve_story",
    "save_brief",
    "stale_stories",
]

# zlib level of raw text and brief JSON: zlib's default.  On ecbplus article
# text, level 1 left 52% of the bytes and level 6 50%, at the same speed.
_ZLIB_LEVEL = 6


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One line of ``newsfuse stories``: a story and its latest activity.

    ``updated_at`` and ``created_at`` are Unix times (seconds);
    ``is_brief_stale`` says the stored brief predates the story's last change.
    """

    id: str
    headline: str
    sources: tuple[str, ...]
    article_count: int
    created_at: float
    updated_at: float
    is_brief_stale: bool = False


@dataclass(frozen=True, slots=True)
class StoredRejection:
    """A rejection kept in the store: how often it happened, first and last time."""

    item: str
    stage: str
    reason: str
    detail: str
    count: int
    first_at: float
    last_at: float

    def to_rejection(self) -> Rejection:
        """Return it as the pipeline's ``Rejection``."""
        return Rejection(item=self.item, stage=self.stage, reason=self.reason, detail=self.detail)


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """The identity of an article row: its keys, id, outlet, URL, content hash and origin."""

    article_key: int
    id: str
    story_key: int
    source: str
    url: str
    content_hash: str
    origin: str


def content_hash(article: Article) -> str:
    """Return the hash that makes a re-ingest a no-op: outlet, title and text, spacing ignored.

    Example:
        >>> a = Article("x", "Daily", "Title", "Some   text.")
        >>> content_hash(a) == content_hash(Article("other-id", "Daily", "Title", "Some text.\\n"))
        True
    """
    key = "\x1f".join((article.source.strip(), " ".join(article.title.split()), " ".join(article.text.split())))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def renamed(article: CleanArticle, new_id: str) -> CleanArticle:
    """Return ``article`` under ``new_id``, its sentences and removals renamed too."""
    return dataclasses.replace(
        article,
        id=new_id,
        sentences=tuple(dataclasses.replace(s, article=new_id) for s in article.sentences),
        removed=tuple(dataclasses.replace(r, article=new_id) for r in article.removed),
    )


def _stored(row: Sequence[Any] | None) -> StoredArticle | None:
    return StoredArticle(*row) if row is not None else None


_ARTICLE_KEYS = "article_key, id, story_key, source, url, content_hash, origin"


def find_article(
    connection: sqlite3.Connection, *, content_hash: str = "", url: str = "", article_id: str = ""
) -> StoredArticle | None:
    """Return the stored article with this content hash, URL or id (the first given), or None."""
    if content_hash:
        sql, value = f"SELECT {_ARTICLE_KEYS} FROM articles WHERE content_hash = ?", content_hash
    elif url:
        # "url <> ''" lets SQLite use the partial index articles_by_url (else: a full scan).
        sql, value = f"SELECT {_ARTICLE_KEYS} FROM articles WHERE url = ? AND url <> ''", url
    elif article_id:
        sql, value = f"SELECT {_ARTICLE_KEYS} FROM articles WHERE id = ?", article_id
    else:
        raise ValueError("find_article needs content_hash, url or article_id")
    return _stored(connection.execute(sql, (value,)).fetchone())


def known_hashes(connection: sqlite3.Connection, digests: Sequence[str]) -> set[str]:
    """Return those of the content hashes ``digests`` that a stored article has (one query)."""
    if not digests:
        return set()
    rows = connection.execute(
        "SELECT content_hash FROM articles WHERE content_hash IN (SELECT value FROM json_each(?))",
        (json.dumps(list(digests)),),
    )
    return {row[0] for row in rows}


def find_matches(
    connection: sqlite3.Connection, *, content_hash: str, url: str, article_id: str
) -> list[StoredArticle]:
    """Return the stored articles with this content hash, this URL (when not empty) or this id.

    One query (SQLite ORs the three indexes) instead of three
    ``find_article`` calls: one row per hash and id, every row of the URL.
    """
    rows = connection.execute(
        f"SELECT {_ARTICLE_KEYS} FROM articles WHERE content_hash = ? OR (url = ? AND url <> '') OR id = ?",
        (content_hash, url, article_id),
    ).fetchall()
    return [StoredArticle(*row) for row in rows]


def find_by_origin(connection: sqlite3.Connection, origins: Sequence[str]) -> list[StoredArticle]:
    """Return the stored articles read from any of ``origins`` (paths, ``path:line``), oldest first."""
    marks = ",".join("?" * len(origins))
    rows = connection.execute(
        f"SELECT {_ARTICLE_KEYS} FROM articles WHERE origin IN ({marks}) ORDER BY article_key", tuple(origins)
    ).fetchall()
    return [StoredArticle(*row) for row in rows]


@dataclass(frozen=True, slots=True)
class EncodedArticle:
    """The serialised columns of an article row (computed where the article is cleaned)."""

    raw_text: bytes
    sentences: str
    removed: str
    extra: str


def encode_article(article: CleanArticle, raw_text: str) -> EncodedArticle:
    """Return the serialised columns of ``article``: compressed raw text, JSON of the rest."""
    return EncodedArticle(
        raw_text=zlib.compress(raw_text.encode("utf-8", "surrogatepass"), _ZLIB_LEVEL),
        sentences=json.dumps([[s.start, s.end] for s in article.sentences], separators=(",", ":")),
        removed=json.dumps([[r.text, r.reason] for r in article.removed], ensure_ascii=False),
        extra=json.dumps(_json_safe(dict(article.extra)), ensure_ascii=False),
    )


def _article_values(article: CleanArticle, encoded: EncodedArticle, digest: str) -> tuple:
    return (
        article.source,
        article.title,
        article.url,
        article.date,
        article.origin,
        digest,
        encoded.raw_text,
        article.text,
        encoded.sentences,
        encoded.removed,
        encoded.extra,
    )


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def insert_article(
    connection: sqlite3.Connection,
    article: CleanArticle,
    encoded: EncodedArticle,
    digest: str,
    story_key: int,
    now: float,
) -> int:
    """Insert a new article into story ``story_key``; return its ``article_key``."""
    cursor = connection.execute(
        "INSERT INTO articles (source, title, url, date, origin, content_hash, raw_text, text, "
        "sentences, removed, extra, id, story_key, added_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*_article_values(article, encoded, digest), article.id, story_key, now, now),
    )
    return int(cursor.lastrowid)


def replace_article(
    connection: sqlite3.Connection,
    article_key: int,
    article: CleanArticle,
    encoded: EncodedArticle,
    digest: str,
    now: float,
) -> None:
    """Replace the content of a stored article by a newer version (same row, same story)."""
    before = connection.execute("SELECT title, text FROM articles WHERE article_key = ?", (article_key,)).fetchone()
    if before is not None:
        _reindex(connection, article_key, before, (article.title, article.text))
    connection.execute(
        "UPDATE articles SET source = ?, title = ?, url = ?, date = ?, origin = ?, content_hash = ?, "
        "raw_text = ?, text = ?, sentences = ?, removed = ?, extra = ?, updated_at = ?, "
        "revision = revision + 1 WHERE article_key = ?",
        (*_article_values(article, encoded, digest), now, article_key),
    )


def index_new_articles(connection: sqlite3.Connection) -> int:
    """Add the articles stored since the last call to the full-text index; return how many.

    Articles past the ``search_indexed_through`` watermark in ``meta`` go
    into ``article_search`` in one statement and the watermark moves to the
    newest; call it in the transaction that stored them.
    """
    row = connection.execute("SELECT value FROM meta WHERE key = 'search_indexed_through'").fetchone()
    through = int(row[0]) if row else 0
    newest = connection.execute("SELECT coalesce(max(article_key), 0) FROM articles").fetchone()[0]
    if newest <= through:
        return 0
    added = connection.execute(
        "INSERT INTO article_search (rowid, title, text) "
        "SELECT article_key, title, text FROM articles WHERE article_key > ?",
        (through,),
    ).rowcount
    connection.execute(
        "INSERT INTO meta (key, value) VALUES ('search_indexed_through', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (str(newest),),
    )
    return added


def _reindex(connection: sqlite3.Connection, article_key: int, before: Sequence[Any], after: Sequence[Any]) -> None:
    """Swap a replaced article's index entry (title, text) when it was already indexed."""
    row = connection.execute("SELECT value FROM meta WHERE key = 'search_indexed_through'").fetchone()
    if row is None or article_key > int(row[0]):
        return  # not indexed yet: index_new_articles will take the new version
    connection.execute(
        "INSERT INTO article_search (article_search, rowid, title, text) VALUES ('delete', ?, ?, ?)",
        (article_key, *before),
    )
    connection.execute("INSERT INTO article_search (rowid, title, text) VALUES (?, ?, ?)", (article_key, *after))


def add_article_to_story(
    connection: sqlite3.Connection, story_key: int, article: CleanArticle, now: float, *, is_new: bool
) -> None:
    """Count an added or replaced article into its story and mark the story's brief stale.

    The outlet joins ``stories.sources`` (a JSON list, first seen first) when
    ``story_sources`` does not hold it yet: one indexed insert, whatever the
    number of outlets.
    """
    is_new_source = connection.execute(
        "INSERT OR IGNORE INTO story_sources (story_key, source) VALUES (?, ?)", (story_key, article.source)
    ).rowcount
    day = article.date[:10]
    connection.execute(
        "UPDATE stories SET article_count = article_count + ?, "
        "sources = CASE WHEN ? THEN json_insert(sources, '$[#]', ?) ELSE sources END, "
        "headline = CASE WHEN headline = '' THEN ? ELSE headline END, "
        "updated_at = ?, version = version + 1, "
        "last_date = CASE WHEN ? > last_date THEN ? ELSE last_date END WHERE story_key = ?",
        (1 if is_new else 0, is_new_source, article.source, article.title, now, day, day, story_key),
    )


def record_rejections(connection: sqlite3.Connection, rejections: Iterable[Rejection], now: float) -> None:
    """Save rejections; one seen before counts up instead of adding a row."""
    connection.executemany(
        "INSERT INTO rejects (item, stage, reason, detail, first_at, last_at) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (item, stage, reason) DO UPDATE SET detail = excluded.detail, "
        "last_at = excluded.last_at, count = count + 1",
        [(r.item, r.stage, r.reason, r.detail, now, now) for r in rejections],
    )


def list_rejects(connection: sqlite3.Connection, limit: int | None = None, offset: int = 0) -> list[StoredRejection]:
    """Return stored rejections, latest first."""
    rows = connection.execute(
        "SELECT item, stage, reason, detail, count, first_at, last_at FROM rejects "
        "ORDER BY last_at DESC, reject_key DESC LIMIT ? OFFSET ?",
        (-1 if limit is None else limit, offset),
    )
    return [StoredRejection(*row) for row in rows]


_SUMMARY = (
    "SELECT s.id, s.headline, s.sources, s.article_count, s.created_at, s.updated_at, "
    "b.version IS NULL OR b.version < s.version "
    "FROM stories s LEFT JOIN briefs b ON b.story_key = s.story_key"
)


def _summary(row: Sequence[Any]) -> StorySummary:
    return StorySummary(
        id=row[0],
        headline=row[1],
        sources=tuple(json.loads(row[2])),
        article_count=row[3],
        created_at=row[4],
        updated_at=row[5],
        is_brief_stale=bool(row[6]),
    )


def list_stories(connection: sqlite3.Connection, limit: int | None = 20, offset: int = 0) -> list[StorySummary]:
    """Return live stories, newest activity first."""
    rows = connection.execute(
        f"{_SUMMARY} WHERE s.merged_into IS NULL AND s.article_count > 0 "
        "ORDER BY s.updated_at DESC, s.story_key DESC LIMIT ? OFFSET ?",
        (-1 if limit is None else limit, offset),
    )
    return [_summary(row) for row in rows]


def count_stories(connection: sqlite3.Connection) -> int:
    """Return how many live stories ``list_stories`` walks through (a scan: call it when needed)."""
    return int(
        connection.execute(
            "SELECT count(*) FROM stories WHERE merged_into IS NULL AND article_count > 0"
        ).fetchone()[0]
    )


def article_count(connection: sqlite3.Connection) -> int:
    """Return how many articles the store holds."""
    return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])


def live_story_keys(connection: sqlite3.Connection, story_keys: Sequence[int], story_ids: Sequence[str]) -> set[int]:
    """Return those of ``story_keys`` and of the stories named ``story_ids`` that are live.

    Live: not folded into another story and holding articles (what
    ``list_stories`` shows).
    """
    live: set[int] = set()
    for column, values in (("story_key", list(story_keys)), ("id", list(story_ids))):
        for start in range(0, len(values), 500):
            chunk = values[start : start + 500]
            rows = connection.execute(
                f"SELECT story_key FROM stories WHERE {column} IN ({','.join('?' * len(chunk))}) "
                "AND merged_into IS NULL AND article_count > 0",
                chunk,
            )
            live.update(row[0] for row in rows)
    return live


def resolve_story(connection: sqlite3.Connection, story_id: str) -> tuple[int, StorySummary]:
    """Return ``(story_key, summary)`` of a story given by id or unique id prefix.

    Merged stories resolve to the story they were merged into.

    Raises:
        StoreError: no story has this id or prefix, or several share the prefix.
    """
    wanted = story_id.strip()
    if not wanted:
        raise StoreError("no story id given (newsfuse stories lists them)")
    row = connection.execute("SELECT story_key, merged_into FROM stories WHERE id = ?", (wanted,)).fetchone()
    if row is None:
        # A prefix, with or without the "s-" that story ids start with.
        rows = []
        for prefix in (wanted,) if wanted.startswith("s-") else (wanted, "s-" + wanted):
            rows = connection.execute(
                "SELECT story_key, merged_into, id FROM stories WHERE id >= ? AND id < ? "
                "AND merged_into IS NULL ORDER BY id LIMIT 6",
                (prefix, prefix + "\U0010ffff"),
            ).fetchall()
            if rows:
                break
        if not rows:
            raise StoreError(f"no story {wanted!r} in the store (newsfuse stories lists them)")
        if len(rows) > 1:
            shown = ", ".join(r[2] for r in rows[:5])
            raise StoreError(f"story prefix {wanted!r} matches several stories ({shown}); give more of the id")
        row = rows[0][:2]
    seen: set[str] = set()
    story_key, merged_into = row
    while merged_into is not None and merged_into not in seen:
        seen.add(merged_into)
        found = connection.execute(
            "SELECT story_key, merged_into FROM stories WHERE id = ?", (merged_into,)
        ).fetchone()
        if found is None:
            break
        story_key, merged_into = found
    summary = connection.execute(f"{_SUMMARY} WHERE s.story_key = ?", (story_key,)).fetchone()
    return story_key, _summary(summary)


def _clean_article(row: Sequence[Any]) -> CleanArticle:
    article_id, source, title, text, url, date, origin, sentences, removed, extra = row
    return CleanArticle(
        id=article_id,
        source=source,
        title=title,
        text=text,
        sentences=tuple(
            Sentence(article=article_id, index=index, start=start, end=end, text=text[start:end])
            for index, (start, end) in enumerate(json.loads(sentences))
        ),
        url=url,
        date=date,
        origin=origin,
        removed=tuple(Removal(article=article_id, text=t, reason=r) for t, r in json.loads(removed)),
        extra=json.loads(extra),
    )


def load_articles(connection: sqlite3.Connection, story_key: int) -> list[CleanArticle]:
    """Return the clean articles of a story, in arrival order."""
    rows = connection.execute(
        "SELECT id, source, title, text, url, date, origin, sentences, removed, extra "
        "FROM articles WHERE story_key = ? ORDER BY article_key",
        (story_key,),
    )
    return [_clean_article(row) for row in rows]


def load_all_articles(connection: sqlite3.Connection) -> list[CleanArticle]:
    """Return every stored clean article, in arrival order."""
    rows = connection.execute(
        "SELECT id, source, title, text, url, date, origin, sentences, removed, extra FROM articles ORDER BY article_key"
    )
    return [_clean_article(row) for row in rows]


def stale_stories(connection: sqlite3.Connection) -> list[int]:
    """Return the keys of live stories whose brief is missing or older than the story."""
    rows = connection.execute(
        "SELECT s.story_key FROM stories s LEFT JOIN briefs b ON b.story_key = s.story_key "
        "WHERE s.merged_into IS NULL AND s.article_count > 0 "
        "AND (b.version IS NULL OR b.version < s.version) ORDER BY s.story_key"
    )
    return [row[0] for row in rows]


def save_brief(connection: sqlite3.Connection, story_key: int, version: int, brief: Brief, now: float) -> bool:
    """Store ``brief`` as built from version ``version`` of its story; return whether it was kept.

    A brief built from an older version than the stored one is dropped, so
    two processes rebuilding one story never step back.
    """
    from newsfuse.render.json import brief_to_dict

    data = json.dumps(brief_to_dict(brief), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    cursor = connection.execute(
        "INSERT INTO briefs (story_key, version, built_at, data) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (story_key) DO UPDATE SET version = excluded.version, built_at = excluded.built_at, "
        "data = excluded.data WHERE excluded.version > briefs.version",
        (story_key, version, now, zlib.compress(data.encode("utf-8", "surrogatepass"), _ZLIB_LEVEL)),
    )
    if cursor.rowcount and brief.headline:
        connection.execute("UPDATE stories SET headline = ? WHERE story_key = ?", (brief.headline, story_key))
    return bool(cursor.rowcount)


def load_brief(connection: sqlite3.Connection, story_key: int) -> tuple[int, Brief] | None:
    """Return ``(version, brief)`` stored for a story, or None when it has none."""
    # The store wrote this JSON itself (``save_brief`` → ``brief_to_dict``), so
    # it is read without ``brief_from_dict``'s schema check, which took 85% of
    # ``show`` on a 200-article story (30 of 35 ms).
    from newsfuse.render.json import _brief_from_valid

    row = connection.execute("SELECT version, data FROM briefs WHERE story_key = ?", (story_key,)).fetchone()
    if row is None:
        return None
    return row[0], _brief_from_valid(json.loads(zlib.decompress(row[1]).decode("utf-8", "surrogatepass")))


def story_version(connection: sqlite3.Connection, story_key: int) -> int:
    """Return the current version of a story (bumped at each change)."""
    return int(connection.execute("SELECT version FROM stories WHERE story_key = ?", (story_key,)).fetchone()[0])


def now() -> float:
    """Return the current Unix time in seconds (one place to fake it in tests)."""
    return time.time()
