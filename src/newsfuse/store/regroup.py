"""The regroup job: the store's stories brought to batch clustering, ids kept.

Steps: read every stored article (one snapshot) → near-copies
(``find_duplicates``) and batch clustering (``cluster_articles``), outside the
write lock → in one write transaction, if no article arrived meanwhile,
``newsfuse.cluster.regroup.apply_groups`` (the stories people know keep their
ids; stories folded into others stay as aliases; changes go to
``story_log``) → the briefs of the changed stories are rebuilt.

Each regroup records when it ran and what the articles were then in the
store's ``meta`` table (``last_regroup``), so a later process (a restarted
``newsfuse watch --regroup-every``) knows how long ago the last one was and
whether articles were added, replaced or removed since, whoever added them.

Ingest from another process waits for the write transaction only, not for
the clustering; when articles arrive during the clustering, it starts over
(``REGROUP_ATTEMPTS`` times at most).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from newsfuse.config import Settings
from newsfuse.errors import StoreError
from newsfuse.models import CleanArticle, Rejection
from newsfuse.pipeline import Report
from newsfuse.store import queries
from newsfuse.store.ingest import rebuild_briefs
from newsfuse.store.sqlite import write_transaction

if TYPE_CHECKING:  # imported at run time by ``regroup_store``: newsfuse.cluster.stream imports the store
    from newsfuse.cluster.regroup import RegroupResult

__all__ = ["LastRegroup", "RegroupReport", "is_changed_since", "last_regroup", "regroup_store"]

# Snapshots clustered before giving up while other processes keep adding articles.
REGROUP_ATTEMPTS = 3

Progress = Callable[[str, int, int | None], None]
# The ``meta`` key of the last regroup (a JSON object, ``LastRegroup``'s fields).
LAST_REGROUP_KEY = "last_regroup"


@dataclass(frozen=True, slots=True)
class LastRegroup:
    """When the store was last regrouped (Unix time ``at``) and what its articles were then.

    ``articles`` is how many were stored; ``last_article_key`` and
    ``last_updated_at`` (None in an empty store) tell an article added or
    replaced since from none.
    """

    at: float
    articles: int
    last_article_key: int | None = None
    last_updated_at: float | None = None

    def mark(self) -> tuple:
        """Return the articles' state as ``_mark`` reads it."""
        return (self.articles, self.last_article_key, self.last_updated_at)


def last_regroup(connection) -> LastRegroup | None:
    """Return the store's last regroup, None when it was never regrouped (or the record is unreadable)."""
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (LAST_REGROUP_KEY,)).fetchone()
    if row is None:
        return None
    try:
        value = json.loads(row[0])
        return LastRegroup(
            at=float(value["at"]),
            articles=int(value["articles"]),
            last_article_key=None if value.get("last_article_key") is None else int(value["last_article_key"]),
            last_updated_at=None if value.get("last_updated_at") is None else float(value["last_updated_at"]),
        )
    except (ValueError, TypeError, KeyError):
        return None  # written by something else: as if never regrouped


def is_changed_since(connection, last: LastRegroup | None) -> bool:
    """Return whether articles were added, replaced or removed since ``last`` (any stored, when None)."""
    mark = _mark(connection)
    return mark[0] > 0 if last is None else mark != last.mark()


def _record_regroup(connection, at: float) -> None:
    """Write the regroup's time and the articles' state to ``meta`` (inside the caller's transaction)."""
    articles, last_key, last_updated = _mark(connection)
    value = {"at": at, "articles": articles, "last_article_key": last_key, "last_updated_at": last_updated}
    connection.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (LAST_REGROUP_KEY, json.dumps(value)),
    )


@dataclass
class RegroupReport:
    """What one regroup run did: the stories' changes, the briefs rebuilt, the time taken."""

    result: RegroupResult
    briefs_rebuilt: int = 0
    seconds: float = 0.0
    rejections: list[Rejection] = field(default_factory=list)

    def summary(self) -> str:
        """Return one line for people."""
        from newsfuse.render._common import plural

        r = self.result
        return (
            f"{plural(r.articles, 'article')}: {plural(r.stories_before, 'story', 'stories')} before, "
            f"{r.stories_after} now; {plural(r.moved, 'article')} moved, "
            f"{plural(len(r.changed), 'story', 'stories')} changed ({len(r.created)} new, "
            f"{len(r.retired)} folded into others), {plural(self.briefs_rebuilt, 'brief')} rebuilt"
        )


def regroup_store(
    connection,
    settings: Settings | None = None,
    progress: Progress | None = None,
    *,
    is_brief_rebuilt: bool = True,
) -> RegroupReport:
    """Regroup every stored article by batch clustering, keeping story ids; rebuild the changed briefs.

    ``is_brief_rebuilt`` False leaves the changed stories' briefs stale
    (``Store.rebuild_briefs`` later, or ``Store.brief`` builds one on demand).

    Raises:
        StoreError: articles kept arriving from another process through every attempt.
    """
    from newsfuse.cluster import cluster_articles
    from newsfuse.cluster.regroup import apply_groups
    from newsfuse.cluster.stream import StoryAssigner
    from newsfuse.dedup import find_duplicates

    settings = settings or Settings()
    started = time.perf_counter()
    for _ in range(REGROUP_ATTEMPTS):
        mark, articles = _snapshot(connection)
        if progress is not None:
            progress("cluster", 0, len(articles))
        duplicates = find_duplicates(articles, settings.dedup)
        stories = cluster_articles(articles, settings.cluster, duplicates=duplicates)
        if progress is not None:
            progress("cluster", len(articles), len(articles))
        with write_transaction(connection):
            if _mark(connection) != mark:
                continue  # articles arrived meanwhile: cluster again
            assigner = StoryAssigner(connection, settings.stream, settings.dedup)
            result = apply_groups(assigner, articles, [story.article_ids for story in stories])
            _record_regroup(connection, queries.now())
        break
    else:
        raise StoreError(
            f"articles kept arriving while regrouping ({REGROUP_ATTEMPTS} tries); run regroup when ingest is quiet"
        )
    report = Report()
    rebuilt = rebuild_briefs(connection, settings, progress, report=report) if is_brief_rebuilt else 0
    if report.rejections:
        with write_transaction(connection):
            queries.record_rejections(connection, report.rejections, queries.now())
    return RegroupReport(result, rebuilt, time.perf_counter() - started, list(report.rejections))


def _mark(connection) -> tuple:
    """Return what changes when an article is added, replaced or removed."""
    return tuple(connection.execute("SELECT count(*), max(article_key), max(updated_at) FROM articles").fetchone())


def _snapshot(connection) -> tuple[tuple, list[CleanArticle]]:
    """Return ``_mark`` and every stored article in arrival order, read in one transaction."""
    connection.execute("BEGIN")
    try:
        mark = _mark(connection)
        articles = queries.load_all_articles(connection)
    finally:
        connection.execute("COMMIT")
    return mark, articles
