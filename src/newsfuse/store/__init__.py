"""The store: an embedded SQLite database of articles, stories and briefs.

Articles arrive all day; ``Store.ingest`` adds the new ones, replaces
updated ones, assigns each to a story without re-clustering the rest
(``newsfuse.cluster.stream.StoryAssigner``) and rebuilds only the briefs of
the stories it touched.  ``stories``, ``brief`` and ``rejects`` read what is
there; ``brief`` reads the stored JSON, it never rebuilds a fresh brief.

Example:
    >>> from newsfuse.store import Store
    >>> with Store.open(":memory:") as store:              # doctest: +SKIP
    ...     report = store.ingest(["examples/seeds"])
    ...     [story] = store.stories()
    ...     print(store.brief(story.id).headline)
"""

from __future__ import annotations

import os
import sqlite3
from typing import Callable, Iterable

from newsfuse.config import Settings, StoreSettings
from newsfuse.errors import StoreError
from newsfuse.models import Brief, CleanArticle
from newsfuse.store import queries
from newsfuse.store.ingest import IngestReport, build_story_briefs, ingest_items, rebuild_briefs
from newsfuse.store.queries import StoredRejection, StorySummary
from newsfuse.store.regroup import LastRegroup, RegroupReport, is_changed_since, last_regroup, regroup_store
from newsfuse.store.sqlite import connect, default_db_path, store_failure, write_transaction

__all__ = [
    "IngestReport",
    "LastRegroup",
    "RegroupReport",
    "Store",
    "StoredRejection",
    "StorySummary",
    "default_db_path",
]


class Store:
    """A newsfuse store: one SQLite file (or ``:memory:``).

    Open it with ``Store.open``; close it (or use ``with``) when done.  One
    ``Store`` object belongs to one thread; several processes may open the
    same file at once (writers take turns, readers never wait).
    """

    def __init__(
        self, connection, path: str, settings: Settings | None = None, *, is_read_only: bool = False
    ) -> None:
        self.connection = connection
        self.path = path
        self.settings = settings or Settings()
        self.is_read_only = is_read_only

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] | None = None,
        settings: Settings | None = None,
        *,
        is_read_only: bool = False,
    ) -> "Store":
        """Return the store at ``path`` (``settings.store.db_path``, else the XDG default), created when new.

        Raises:
            StoreError: the file cannot be opened as a newsfuse store.
        """
        settings = settings or Settings()
        chosen = str(path) if path is not None else resolve_db_path(settings.store)
        connection = connect(chosen, settings.store.busy_timeout_s, is_read_only=is_read_only)
        return cls(connection, chosen, settings, is_read_only=is_read_only)

    def close(self) -> None:
        """Close the connection (pending transactions were committed or rolled back)."""
        self.connection.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, exc_type: object, exc: BaseException | None, traceback: object) -> None:
        self.close()
        if isinstance(exc, sqlite3.OperationalError) or type(exc) is sqlite3.DatabaseError:
            # A damaged or unwritable file, not a bug (those raise IntegrityError, ProgrammingError...):
            # say what it means for this store.
            raise store_failure(self.path, exc) from exc

    # ---------------------------------------------------------------- writing

    def ingest(
        self,
        items: Iterable[object] | str | os.PathLike[str],
        settings: Settings | None = None,
        progress: Callable[[str, int, int | None], None] | None = None,
        *,
        is_brief_rebuilt: bool = True,
    ) -> IngestReport:
        """Add articles (paths, globs, ``-``, URLs or ``Article`` objects, or one of them alone); return what happened.

        Re-ingesting a stored article is a no-op; a newer version of one
        (same URL, or same id and outlet) replaces it.  An id taken from a
        file's name counts only for that file (``tue/reuters.txt`` does not
        replace ``mon/reuters.txt``), and text from stdin is always new.  Bad inputs become
        rejections (saved, see ``rejects``); the rest goes in.

        Raises:
            StoreError: the store was opened read-only.
        """
        self._check_writable("ingest")
        return ingest_items(self.connection, items, settings or self.settings, progress, is_brief_rebuilt=is_brief_rebuilt)

    def rebuild_briefs(
        self,
        settings: Settings | None = None,
        progress: Callable[[str, int, int | None], None] | None = None,
    ) -> int:
        """Rebuild the briefs of stories changed since their brief; return how many were written.

        Raises:
            StoreError: the store was opened read-only.
        """
        self._check_writable("rebuild briefs")
        return rebuild_briefs(self.connection, settings or self.settings, progress)

    def regroup(
        self,
        settings: Settings | None = None,
        progress: Callable[[str, int, int | None], None] | None = None,
        *,
        is_brief_rebuilt: bool = True,
    ) -> RegroupReport:
        """Regroup every stored article by batch clustering, keeping story ids; rebuild the changed briefs.

        Ingest assigns each article once, as it arrives; batch clustering
        sees them all and groups better.  Stories keep their ids where they
        continue; a story folded into another stays as its alias.

        Raises:
            StoreError: the store was opened read-only.
        """
        self._check_writable("regroup")
        return regroup_store(self.connection, settings or self.settings, progress, is_brief_rebuilt=is_brief_rebuilt)

    def last_regroup(self) -> LastRegroup | None:
        """Return when the store was last regrouped and what its articles were then; None: never."""
        return last_regroup(self.connection)

    def is_changed_since_regroup(self) -> bool:
        """Return whether articles were added, replaced or removed since the last regroup (or ever, if none)."""
        return is_changed_since(self.connection, last_regroup(self.connection))

    def _check_writable(self, action: str) -> None:
        """Refuse a write to a store opened read-only, before any input is read."""
        if self.is_read_only:
            raise StoreError(
                f"the store at {self.path} was opened read-only; open it with Store.open({self.path!r}) to {action}"
            )

    # ---------------------------------------------------------------- reading

    def stories(self, limit: int | None = 20, offset: int = 0) -> list[StorySummary]:
        """Return stories, newest activity first."""
        _check_page(limit, offset)
        return queries.list_stories(self.connection, limit, offset)

    def story_count(self) -> int:
        """Return how many stories ``stories`` lists with no limit."""
        return queries.count_stories(self.connection)

    def story(self, story_id: str) -> StorySummary:
        """Return the summary of one story, given by id or unique id prefix.

        Raises:
            StoreError: no such story, or the prefix is ambiguous.
        """
        return queries.resolve_story(self.connection, story_id)[1]

    def articles(self, story_id: str) -> list[CleanArticle]:
        """Return the clean articles of a story, in arrival order."""
        key, _ = queries.resolve_story(self.connection, story_id)
        return queries.load_articles(self.connection, key)

    def brief(self, story_id: str) -> Brief:
        """Return the brief of a story (id or unique prefix), as stored.

        A story whose brief is missing or stale (a killed ingest, or one
        running now) gets a brief built from its articles, saved unless the
        store was opened read-only.

        Raises:
            StoreError: no such story, or the prefix is ambiguous.
        """
        key, summary = queries.resolve_story(self.connection, story_id)
        stored = queries.load_brief(self.connection, key)
        if stored is not None and not summary.is_brief_stale:
            return stored[1]
        built = build_story_briefs(self.connection, [key], self.settings)
        if not built:
            if stored is not None:
                return stored[1]
            raise StoreError(f"story {summary.id} has no articles to brief")
        _, version, brief = built[0]
        if not self.is_read_only:
            with write_transaction(self.connection):
                queries.save_brief(self.connection, key, version, brief, queries.now())
        return brief

    def rejects(self, limit: int | None = None, offset: int = 0) -> list[StoredRejection]:
        """Return what ingest refused and why, latest first."""
        _check_page(limit, offset)
        return queries.list_rejects(self.connection, limit, offset)

    def story_log(self) -> list[tuple[float, str, str, str, str]]:
        """Return the merges, splits and moves of stories: ``(unix time, kind, story, other, detail)``, oldest first."""
        return [
            tuple(row)
            for row in self.connection.execute("SELECT at, kind, story, other, detail FROM story_log ORDER BY log_key")
        ]

    def counts(self) -> dict[str, int]:
        """Return how many articles, live stories, briefs and rejections the store holds."""
        one = lambda sql: int(self.connection.execute(sql).fetchone()[0])  # noqa: E731
        return {
            "articles": one("SELECT count(*) FROM articles"),
            "stories": self.story_count(),
            "briefs": one("SELECT count(*) FROM briefs"),
            "rejects": one("SELECT count(*) FROM rejects"),
        }


def resolve_db_path(settings: StoreSettings) -> str:
    """Return the store path: ``store.db_path`` when set, else the XDG data default."""
    return settings.db_path or str(default_db_path())


def _check_page(limit: int | None, offset: int) -> None:
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be >= 0 or None, got {limit}")
    if offset < 0:
        raise ValueError(f"offset must be >= 0, got {offset}")
