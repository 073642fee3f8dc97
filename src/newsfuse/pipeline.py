"""The pipeline: ingest → clean → dedup → cluster → brief, and its report.

A stage is a small object with ``name`` and ``run(items, ctx)``.  Per-item
stages (ingest, clean) can be mapped over partitions by any engine; global
stages (dedup + cluster, brief) see the whole corpus.  Bad items never raise
out of a stage: it calls ``ctx.reject`` and goes on.

Example:
    >>> from newsfuse import fuse
    >>> briefs = fuse(["examples/seeds"])                   # doctest: +SKIP
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Protocol, Sequence, TypeVar

from newsfuse._parallel import available_cpus, can_fork
from newsfuse.config import CleanSettings, Settings
from newsfuse.errors import ItemError
from newsfuse.models import Article, Brief, CleanArticle, Rejection, Story

In = TypeVar("In", contravariant=True)
Out = TypeVar("Out", covariant=True)
T = TypeVar("T")


@dataclass
class StageStats:
    """What one stage did: items in, items out, rejections by reason, time."""

    name: str
    total: int = 0
    kept: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0


@dataclass
class Report:
    """Counts and timings of a pipeline run, and every rejection."""

    stages: dict[str, StageStats] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)

    def stage(self, name: str) -> StageStats:
        """Return the stats of stage ``name``, creating them on first use."""
        if name not in self.stages:
            self.stages[name] = StageStats(name)
        return self.stages[name]

    def merge(self, other: "Report") -> None:
        """Add ``other``'s counts, times and rejections to this report."""
        for name, stats in other.stages.items():
            mine = self.stage(name)
            mine.total += stats.total
            mine.kept += stats.kept
            mine.rejected.update(stats.rejected)
            mine.seconds += stats.seconds
        self.rejections.extend(other.rejections)


class StageContext:
    """Passed to every stage: settings, a progress callback and ``reject``."""

    def __init__(
        self,
        settings: Settings,
        report: Report | None = None,
        progress: Callable[[str, int, int | None], None] | None = None,
    ) -> None:
        self.settings = settings
        self.report = report if report is not None else Report()
        self._progress = progress
        self.stage_name = ""

    def reject(self, item: str, reason: str, detail: str = "") -> Rejection:
        """Record that ``item`` was refused by the current stage, and why."""
        rejection = Rejection(item=item, stage=self.stage_name, reason=reason, detail=detail)
        self.report.rejections.append(rejection)
        self.report.stage(self.stage_name).rejected[reason] += 1
        return rejection

    def progress(self, done: int, total: int | None = None) -> None:
        """Tell the progress display that ``done`` of ``total`` items are done."""
        if self._progress is not None:
            self._progress(self.stage_name, done, total)


class Stage(Protocol[In, Out]):
    """A pipeline stage: ``run`` maps items to items and rejects the bad ones."""

    name: str

    def run(self, items: Iterable[In], ctx: StageContext) -> Iterator[Out]: ...


class IngestStage:
    """Paths, URLs, ``-`` or ready ``Article`` objects in; articles out."""

    name = "ingest"

    def run(self, items: Iterable[object], ctx: StageContext) -> Iterator[Article]:
        from newsfuse.ingest import read_inputs

        yield from read_inputs(items, ctx.settings.ingest, ctx)


class CleanStage:
    """Articles in; clean articles out (too short or non-articles rejected)."""

    name = "clean"

    def run(self, items: Iterable[Article], ctx: StageContext) -> Iterator[CleanArticle]:
        settings = ctx.settings.clean
        tasks = [(chunk, settings) for chunk in _chunks(items, CLEAN_CHUNK)]
        workers = _clean_workers(settings)
        if len(tasks) < 2 or workers <= 1:  # a small batch (or one process wanted): no fork
            yield from _take_cleaned(map(_clean_chunk, tasks), ctx)
            return
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield from _take_cleaned(pool.imap(_clean_chunk, tasks), ctx)


# Articles per task when cleaning in worker processes: large enough that
# sending them costs little, small enough to keep both cores busy.  A batch
# of two chunks or more is cleaned in workers (``clean.workers``).
CLEAN_CHUNK = 250
MAX_AUTO_CLEAN_WORKERS = 4


def _clean_workers(settings: CleanSettings) -> int:
    if settings.workers:
        return settings.workers
    return min(available_cpus(), MAX_AUTO_CLEAN_WORKERS) if can_fork() else 1


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _clean_chunk(task: tuple[list[Article], CleanSettings]) -> list[CleanArticle | Rejection]:
    """Return each article of a chunk cleaned, or a ``Rejection`` (stage left blank) saying why not."""
    from newsfuse.clean import clean_article

    articles, settings = task
    cleaned: list[CleanArticle | Rejection] = []
    for article in articles:
        try:
            cleaned.append(clean_article(article, settings))
        except ItemError as exc:
            cleaned.append(Rejection(article.origin or article.id, "", exc.reason, str(exc)))
    return cleaned


def _take_cleaned(results: Iterable[list[CleanArticle | Rejection]], ctx: StageContext) -> Iterator[CleanArticle]:
    for chunk in results:
        for item in chunk:
            if isinstance(item, Rejection):
                ctx.reject(item.item, item.reason, item.detail)
            else:
                yield item


class StoryStage:
    """Clean articles in; stories out (near-copies marked, then clustered)."""

    name = "cluster"

    def run(self, items: Iterable[CleanArticle], ctx: StageContext) -> Iterator[Story]:
        from newsfuse.cluster import cluster_articles
        from newsfuse.dedup import find_duplicates

        articles = list(items)
        duplicates = find_duplicates(articles, ctx.settings.dedup)
        yield from cluster_articles(articles, ctx.settings.cluster, duplicates=duplicates)


def _count(stats: StageStats, items: Iterable[Out], ctx: StageContext) -> Iterator[Out]:
    """Count the items a stage yields and the time spent producing them."""
    started = time.perf_counter()
    for item in items:
        stats.kept += 1
        ctx.progress(stats.kept)
        stats.seconds += time.perf_counter() - started
        yield item
        started = time.perf_counter()
    stats.seconds += time.perf_counter() - started


def _counted_input(stats: StageStats, items: Iterable[In]) -> Iterator[In]:
    for item in items:
        stats.total += 1
        yield item


@dataclass
class Result:
    """What a pipeline run produced: articles, stories, briefs and the report."""

    articles: list[CleanArticle]
    stories: list[Story]
    briefs: list[Brief]
    report: Report


def run_stage(stage: Stage, items: Iterable, ctx: StageContext) -> list:
    """Run one stage to completion, counting into ``ctx.report``; return its output."""
    ctx.stage_name = stage.name
    stats = ctx.report.stage(stage.name)
    return list(_count(stats, stage.run(_counted_input(stats, items), ctx), ctx))


def run(
    inputs: Iterable[object] | str | os.PathLike[str],
    settings: Settings | None = None,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> Result:
    """Run the whole pipeline on files, folders, globs, ``-``, URLs or ``Article`` objects.

    ``inputs`` is a list of them, or one path, pattern or URL alone.

    Returns a ``Result`` with the clean articles, the stories (largest first),
    one brief per story in the same order, and the report with every rejection.
    """
    from newsfuse.brief import build_briefs
    from newsfuse.ingest.files import as_items

    inputs = as_items(inputs)  # one input alone, not its letters (counted by the ingest stage before reading)
    if settings is not None and not isinstance(settings, Settings):
        raise TypeError(f"settings must be newsfuse.Settings, got {type(settings).__name__}")
    settings = settings or Settings()
    ctx = StageContext(settings, progress=progress)
    articles = run_stage(IngestStage(), inputs, ctx)
    clean = run_stage(CleanStage(), articles, ctx)
    stories = run_stage(StoryStage(), clean, ctx)

    ctx.stage_name = "brief"
    stats = ctx.report.stage("brief")
    stats.total = len(stories)
    started = time.perf_counter()
    by_id = {a.id: a for a in clean}
    briefs = build_briefs(
        stories,
        by_id,
        settings.brief,
        progress=ctx.progress,
        on_error=lambda story_id, error: ctx.reject(story_id, "brief-error", error),
    )
    stats.kept = len(briefs)
    stats.seconds = time.perf_counter() - started
    return Result(articles=clean, stories=stories, briefs=briefs, report=ctx.report)


def fuse(inputs: Iterable[object] | str, settings: Settings | None = None) -> list[Brief]:
    """Return one brief per story found in ``inputs`` (paths, globs or ``Article`` objects).

    Example:
        >>> briefs = fuse(["examples/seeds"])               # doctest: +SKIP
        >>> [len(b.articles) for b in briefs]               # doctest: +SKIP
        [5]
    """
    return run(inputs, settings).briefs


def sort_stories(stories: Sequence[Story]) -> list[Story]:
    """Return stories largest first, then by id (a stable order)."""
    return sorted(stories, key=lambda s: (-len(s.article_ids), s.id))
