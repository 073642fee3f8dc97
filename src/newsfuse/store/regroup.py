"""The regroup job: the store's stories brought to batch clustering, ids kept.

Steps: read every stored article (one snapshot) → near-copies
(``find_duplicates``) and batch clustering (``cluster_articles``), outside the
write lock → in one write transaction, if no article arrived meanwhile,
``newsfuse.cluster.regroup.apply_groups`` (the stories people know keep their
ids; stories folded into others stay as aliases; changes go to
``story_log``) → the briefs of the changed stories are rebuilt.

Ingest from another process waits for the write transaction only, not for
the clustering; when articles arrive during the clustering, it starts over
(``REGROUP_ATTEMPTS`` times at most).
"""

from __future__ import annotations

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

__all__ = ["RegroupReport", "regroup_store"]

# Snapshots clustered before giving up while other processes keep adding articles.
REGROUP_ATTEMPTS = 3

Progress = Callable[[str, int, int | None], None]


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
