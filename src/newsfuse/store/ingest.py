"""The incremental ingest job: new articles into the store, touched briefs rebuilt.

Steps, per article: read (``newsfuse.ingest.read_inputs``) → skip when its
content hash is known → clean (``newsfuse.clean.clean_article``) and compute
its story features (``prepare_articles``; in ``store.workers`` worker
processes once the input is longer than two chunks) → in a write
transaction of up to ``store.batch_size`` articles, in input order: skip
again if another process stored it meanwhile, replace an older version
(``_previous_version``: same URL, same id from the same outlet, or same
file), or assign it to a story (``StoryAssigner``) and insert it.  Each transaction stores articles with
their story assignment and the rejections seen so far, so a killed process
loses at most the batch in flight and a rerun finishes the job: finished
articles are skipped by hash.  Workers only clean; the order of articles,
and so every story id, is the same with any number of them.

Then the briefs of the stories whose version moved past their brief are
rebuilt (``newsfuse.brief.build_briefs``) in small transactions; a story
left stale by a crash is rebuilt by the next run.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
import re
import time
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from newsfuse._parallel import available_cpus
from newsfuse.config import Settings
from newsfuse.errors import ItemError, StoreError
from newsfuse.ingest.files import file_stem
from newsfuse.ingest.read import STDIN_ORIGIN
from newsfuse.models import Article, CleanArticle, Rejection, Story
from newsfuse.pipeline import Report, StageContext
from newsfuse.store import queries
from newsfuse.store.sqlite import write_transaction

if TYPE_CHECKING:
    from newsfuse.cluster.regroup import RegroupResult

__all__ = [
    "IngestReport",
    "build_story_briefs",
    "are_two_items",
    "has_own_id",
    "ingest_items",
    "is_regroup_due",
    "is_same_item",
    "prepare_articles",
    "rebuild_briefs",
]

# Articles cleaned per task (here or in a worker process): large enough that
# MinHash signatures are computed in one vectorised batch and that sending
# articles to a worker costs little, small enough to keep workers busy.
PREPARE_CHUNK = 64
# With store.workers = 0 (auto), this many worker processes at most clean
# and prepare articles while this process assigns and writes them.
MAX_AUTO_WORKERS = 4
# Chunks handed to the workers and not yet taken back, per worker, beyond
# those of one batch.  This process takes the oldest chunk back only when
# that many are out, and sends the next one right after: the workers always
# have chunks queued while it assigns and writes.  (Taking back every
# finished chunk as soon as it was ready left the workers idle while it
# assigned them all, before it read and sent more: 5-10% of ingest
# throughput on 2 cores.)  A whole batch is queued too (``_Job.max_in_flight``):
# while this process writes a batch of 1000 articles (~2 s at 90k stored),
# the workers clean the next one; with 6 chunks out they sat idle most of
# that time, and 10k articles went in at 382/s instead of 452/s.
CHUNKS_PER_WORKER = 1
# During ingest, the log is copied back into the database (a WAL checkpoint)
# once it holds this many pages (SQLite's default is 1000, 4 MiB).  Each
# batch dirties thousands of pages of the same indexes (near-copy bands,
# postings, term counts): with the default, every commit checkpointed and
# copied them back again; 10k articles: 12.3 -> 8.5 ms of CPU per commit
# (with 8000 pages and batches of 200).  A batch of 1000 articles dirties
# ~14.5k pages at 90k stored, so the log holds a bit over one batch.
INGEST_WAL_CHECKPOINT_PAGES = 16_000
# During ingest, Python's garbage collector runs once this many more container
# objects were made than freed (its default is 700).  With the default, the
# assigner's batches (term lists, centroids, pending bands) set off a young
# collection every few articles and a full one, which traces every cached
# term and story, every ~100 of those: 2-4% of the main process's CPU at 10k
# articles (measured with gc.callbacks).  With 50,000: ~2 collections per
# 5,000 articles, and cyclic garbage is still freed.
INGEST_GC_THRESHOLD = 50_000
# Worker processes run this much nicer than the ingest process.  The ingest
# process stores and assigns one article at a time, the part no worker can
# share, so it must not wait for a core while workers clean articles ahead;
# workers use what it leaves.  Ingest of 20k articles on 2 cores: 564-572
# articles/s at the same priority, 620-634 at niceness 5, 10 or 19 (the same
# stories: chunks are taken in input order).
WORKER_NICENESS = 10
# While this process reads, assigns and writes articles, numpy's BLAS runs on
# this many threads.  Its only work there is the streaming split test's
# products and eigenvectors of at most 30 articles (``cluster.stream``), far
# too small to share; with OpenBLAS's default of a thread per core, each of
# them woke the other threads, which then spun on the core the cleaning
# workers use.  The split tests of bench_store's 5k corpus, recorded and run
# again (load average 2-5): 712 -> 374 us per test (the products alone
# 229 -> 14 us), the same verdicts and the same products to the last bit.
# The regroup after a first load (large sparse matrices) keeps the default.
INGEST_BLAS_THREADS = 1
# Stories whose briefs are built in one call of build_briefs, then committed:
# big enough to batch the NER work, small enough that a kill loses little.
BRIEF_BATCH_STORIES = 32

Progress = Callable[[str, int, "int | None"], None]


@dataclass
class IngestReport:
    """What one ingest run did.

    ``added`` new articles, ``updated`` replaced older versions, ``unchanged``
    were already stored; ``stories_created`` of the ``stories_touched``
    stories are new; ``briefs_rebuilt`` counts the briefs written (touched
    stories plus any a killed run left stale).  ``assign_seconds`` holds the
    story assignment time of each added article.
    """

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    stories_created: int = 0
    stories_touched: int = 0
    briefs_rebuilt: int = 0
    merges: int = 0
    seconds: float = 0.0
    rejections: list[Rejection] = field(default_factory=list)
    assign_seconds: list[float] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    regroup: "RegroupResult | None" = None
    regroup_error: str = ""

    @property
    def rejected(self) -> int:
        """Return the number of rejected items."""
        return len(self.rejections)

    def summary(self) -> str:
        """Return one line for people: what was added, skipped and rebuilt."""
        stories = "story" if self.stories_touched == 1 else "stories"
        briefs = "brief" if self.briefs_rebuilt == 1 else "briefs"
        line = (
            f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.rejected} rejected; {self.stories_touched} {stories} touched "
            f"({self.stories_created} new), {self.briefs_rebuilt} {briefs} rebuilt"
        )
        if self.regroup is not None:
            moved = "article" if self.regroup.moved == 1 else "articles"
            line += f"; regrouped, {self.regroup.moved} {moved} moved"
        return line


@dataclass(frozen=True, slots=True)
class _Pending:
    """A cleaned article waiting for its batch transaction."""

    raw: Article
    clean: CleanArticle
    digest: str
    features: object  # newsfuse.cluster.stream.Features
    encoded: queries.EncodedArticle


def _read(items: Iterable[object], settings: Settings, ctx: StageContext) -> Iterator[Article]:
    """Yield read articles; rejections made while reading are filed under ``ingest``."""
    from newsfuse.ingest import read_inputs

    articles = read_inputs(items, settings.ingest, ctx)
    while True:
        ctx.stage_name = "ingest"
        try:
            article = next(articles)
        except StopIteration:
            return
        yield article


def prepare_articles(articles: list[Article], settings: Settings) -> list[tuple]:
    """Clean articles and compute their story features; the per-article half of ingest.

    Pure (no store), so it runs in worker processes.  Returns, per article,
    ``(clean, (features, encoded columns), None)`` where ``clean`` is the
    clean article without its sentences and removals (they are in the encoded
    columns), or ``(None, None, (reason, detail))`` for one that cleaning
    refused.
    """
    from newsfuse.clean import clean_article
    from newsfuse.cluster.stream import article_features

    cleaned: list[tuple] = []
    for article in articles:
        item = article.origin or article.id
        try:
            cleaned.append((clean_article(article, settings.clean), None))
        except ItemError as exc:
            cleaned.append((None, (exc.reason, str(exc))))
        except Exception as exc:  # noqa: BLE001 - per-item boundary: record and go on
            cleaned.append((None, ("error", f"{item}: {type(exc).__name__}: {exc}")))
    kept = [clean for clean, _ in cleaned if clean is not None]
    try:
        features = iter(article_features(kept, settings.dedup))
    except Exception:  # noqa: BLE001 - find the article at fault: one at a time below
        features = None
    out: list[tuple] = []
    for article, (clean, why) in zip(articles, cleaned):
        if clean is None:
            out.append((None, None, why))
            continue
        try:
            found = next(features) if features is not None else article_features([clean], settings.dedup)[0]
        except Exception as exc:  # noqa: BLE001 - per-item boundary: record and go on
            item = article.origin or article.id
            out.append((None, None, ("error", f"{item}: {type(exc).__name__}: {exc}")))
            continue
        # The sentences and removals travel encoded (``EncodedArticle``): the
        # article itself goes back slim, which halves what a worker sends.
        slim = dataclasses.replace(clean, sentences=(), removed=())
        out.append((slim, (found, queries.encode_article(clean, article.text)), None))
    return out


def _start_worker(parent_pid: int) -> None:
    """Worker initializer: run nicer than the ingest process, and end with it."""
    try:
        os.nice(WORKER_NICENESS)
    except OSError:
        pass  # not allowed here: the same priority still works
    _exit_with_parent(parent_pid)


def _exit_with_parent(parent_pid: int) -> None:
    """Worker initializer: end this worker when the ingest process dies (even by SIGKILL).

    A killed parent cannot stop its workers, and they would wait on their
    task queue forever.  Linux ends them at once (``PR_SET_PDEATHSIG``);
    elsewhere a thread notices the parent is gone within a second.
    """
    import threading

    import ctypes
    import signal

    try:
        set_parent_death_signal = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        set_parent_death_signal = None  # not Linux: the thread below does it
    if set_parent_death_signal is not None:
        set_parent_death_signal(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(1)

    if os.getppid() != parent_pid:  # the parent died before the call above
        os._exit(1)
    threading.Thread(target=watch, name="newsfuse-parent-watch", daemon=True).start()


def _worker_count(settings: Settings) -> int:
    workers = settings.store.workers
    return workers if workers > 0 else min(MAX_AUTO_WORKERS, available_cpus())


class _Job:
    """One ingest run over one store connection."""

    def __init__(self, connection, settings: Settings, progress: Progress | None) -> None:
        self.connection = connection
        self.settings = settings
        self.ctx = StageContext(settings, progress=progress)
        # Imported here: newsfuse.cluster.stream imports the store's schema.
        from newsfuse.cluster.stream import StoryAssigner

        self.assigner = StoryAssigner(connection, settings.stream, settings.dedup)
        self.result = IngestReport(report=self.ctx.report)
        self.touched: set[int] = set()
        self.split_off: set[int] = set()  # stories split off in the batch being written
        self.created: set[int] = set()
        self.saved_rejections = 0
        # Content hashes of this run's inputs found stored, or stored by it: a
        # stored article holding one of them is not replaced by another input of
        # the run (``_store``).  ~100 bytes per article read.
        self.run_hashes: set[str] = set()
        self.seen = 0
        self.batch: list[_Pending] = []
        self.workers = _worker_count(settings)
        # A batch's chunks and one more per worker (``CHUNKS_PER_WORKER``).
        self.max_in_flight = -(-settings.store.batch_size // PREPARE_CHUNK) + CHUNKS_PER_WORKER * self.workers
        self.pool = None
        self.in_flight: deque = deque()  # (chunk, future), oldest first
        self.chunks_sent = 0

    def run(self, items: Iterable[object]) -> None:
        stats = self.ctx.report.stage("ingest")
        chunk: list[tuple[Article, str]] = []
        unchecked: list[tuple[Article, str]] = []
        checkpoint_pages = int(self.connection.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
        if 0 < checkpoint_pages < INGEST_WAL_CHECKPOINT_PAGES:
            self.connection.execute(f"PRAGMA wal_autocheckpoint = {INGEST_WAL_CHECKPOINT_PAGES}")
        gc_thresholds = gc.get_threshold()
        is_gc_raised = 0 < gc_thresholds[0] < INGEST_GC_THRESHOLD
        if is_gc_raised:
            gc.set_threshold(INGEST_GC_THRESHOLD, *gc_thresholds[1:])
        try:
            for article in _read(items, self.settings, self.ctx):
                stats.total += 1
                self.seen += 1
                unchecked.append((article, queries.content_hash(article)))
                if len(unchecked) >= PREPARE_CHUNK:
                    chunk.extend(self._unknown(unchecked))
                    unchecked = []
                    if len(chunk) >= PREPARE_CHUNK:
                        self._send(chunk)
                        chunk = []
            chunk.extend(self._unknown(unchecked))
            if chunk:
                self._send(chunk)
            self._collect(wait=True)
            self.flush(self.batch)
            self.batch = []
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)
            if is_gc_raised:
                gc.set_threshold(*gc_thresholds)
            if 0 < checkpoint_pages < INGEST_WAL_CHECKPOINT_PAGES:
                self.connection.execute(f"PRAGMA wal_autocheckpoint = {checkpoint_pages}")

    def _unknown(self, read: list[tuple[Article, str]]) -> list[tuple[Article, str]]:
        """Return the articles whose content hash the store does not hold; count the others unchanged.

        A read without the lock, one query for a chunk: most re-ingested
        articles stop here, before cleaning.  The batch checks again under
        the lock.
        """
        known = queries.known_hashes(self.connection, [digest for _, digest in read])
        if not known:
            return read
        self.result.unchanged += sum(digest in known for _, digest in read)
        self.run_hashes |= known
        return [(article, digest) for article, digest in read if digest not in known]

    def _send(self, chunk: list[tuple[Article, str]]) -> None:
        """Prepare a chunk: in this process, or in a worker once the input proves long."""
        self.chunks_sent += 1
        if self.workers <= 1 or (self.pool is None and self.chunks_sent < 2):
            self._take(chunk, prepare_articles([a for a, _ in chunk], self.settings))
            return
        if self.pool is None:
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(
                max_workers=self.workers, initializer=_start_worker, initargs=(os.getpid(),)
            )
        while len(self.in_flight) >= self.max_in_flight:
            self._collect(wait=True, count=1)
        self.in_flight.append((chunk, self.pool.submit(prepare_articles, [a for a, _ in chunk], self.settings)))

    def _collect(self, *, wait: bool, count: int | None = None) -> None:
        """Take prepared chunks in input order (so story ids do not depend on timing)."""
        taken = 0
        while self.in_flight and (count is None or taken < count):
            chunk, future = self.in_flight[0]
            if not wait and not future.done():
                return
            self.in_flight.popleft()
            self._take(chunk, future.result())
            taken += 1

    def _take(self, chunk: list[tuple[Article, str]], prepared: list[tuple]) -> None:
        batch_size = self.settings.store.batch_size
        for (article, digest), (clean, features, why) in zip(chunk, prepared):
            if clean is None:
                self.ctx.stage_name = "clean"
                self.ctx.reject(article.origin or article.id, why[0], why[1])
                continue
            self.batch.append(_Pending(article, clean, digest, *features))
            if len(self.batch) >= batch_size:
                self.flush(self.batch)
                self.batch = []

    def flush(self, batch: list[_Pending]) -> None:
        """Store one batch and the rejections so far in one transaction."""
        rejections = self.ctx.report.rejections[self.saved_rejections :]
        if not batch and not rejections:
            return
        touched: set[int] = set()
        created: set[int] = set()
        counts = {"added": 0, "updated": 0, "unchanged": 0, "merges": 0}
        timings: list[float] = []
        failed: list[Rejection] = []
        with write_transaction(self.connection):
            for pending in batch:
                self.connection.execute("SAVEPOINT article")
                self.assigner.start_article()
                split_before = set(self.split_off)
                try:
                    outcome, story_key, seconds, is_new, merges = self._store(pending, queries.now())
                except Exception as exc:  # noqa: BLE001 - per-item boundary: record and go on
                    self.split_off = split_before  # the split was rolled back with the article
                    self.connection.execute("ROLLBACK TO article")
                    self.connection.execute("RELEASE article")
                    self.assigner.undo_article()  # its cache may hold what was just rolled back
                    item = pending.raw.origin or pending.raw.id
                    failed.append(Rejection(item, "store", "error", f"{item}: {type(exc).__name__}: {exc}"))
                    continue
                self.connection.execute("RELEASE article")
                counts[outcome] += 1
                counts["merges"] += merges
                if story_key is not None:
                    touched.add(story_key)
                    if is_new:
                        created.add(story_key)
                if seconds is not None:
                    timings.append(seconds)
            queries.record_rejections(self.connection, [*rejections, *failed], queries.now())
            self.assigner.flush_counts()
            queries.index_new_articles(self.connection)
        # Count only what was committed.
        self.saved_rejections += len(rejections)
        for rejection in failed:
            self.ctx.report.rejections.append(rejection)
            self.ctx.report.stage("store").rejected[rejection.reason] += 1
        self.saved_rejections += len(failed)
        self.result.added += counts["added"]
        self.result.updated += counts["updated"]
        self.result.unchanged += counts["unchanged"]
        self.result.merges += counts["merges"]
        self.result.assign_seconds.extend(timings)
        self.touched |= touched | self.split_off
        self.created |= created | self.split_off
        self.split_off.clear()
        self.ctx.report.stage("ingest").kept += counts["added"] + counts["updated"]
        self.ctx.stage_name = "ingest"
        self.ctx.progress(self.seen)

    def _store(self, pending: _Pending, now: float) -> tuple[str, int | None, float | None, bool, int]:
        """Store one article; return (outcome, story key, assign seconds, is new story, merges)."""
        connection = self.connection
        clean, digest, encoded = pending.clean, pending.digest, pending.encoded
        matches = queries.find_matches(connection, content_hash=digest, url=clean.url, article_id=clean.id)
        self.run_hashes.add(digest)
        if any(match.content_hash == digest for match in matches):
            return "unchanged", None, None, False, 0
        previous = _previous_version(connection, clean, matches)
        if previous is not None and previous.content_hash in self.run_hashes:
            # Another input of this run is what is stored there (two snapshots of one page read
            # together, or rows that a store before schema 4 had merged by URL): replacing it would
            # lose that input's article, and the next run would swap them back.  Keep both.
            previous = None
        if previous is None and any(m.id == clean.id for m in matches):
            # Another outlet's (another URL's, another file's) article has this id: keep both.
            clean = queries.renamed(clean, f"{clean.id}-{digest[:8]}")
            if queries.find_article(connection, article_id=clean.id) is not None:
                return "unchanged", None, None, False, 0
        if previous is not None:
            # A newer version: it replaces the old one in place and stays in its story.
            if clean.id != previous.id:
                clean = queries.renamed(clean, previous.id)  # the encoded columns hold no ids
            queries.replace_article(connection, previous.article_key, clean, encoded, digest, now)
            queries.add_article_to_story(connection, previous.story_key, clean, now, is_new=False)
            return "updated", previous.story_key, None, False, 0
        started = time.perf_counter()
        assignment = self.assigner.place(clean, pending.features)
        seconds = time.perf_counter() - started
        queries.insert_article(connection, clean, encoded, digest, assignment.story_key, now)
        queries.add_article_to_story(connection, assignment.story_key, clean, now, is_new=True)
        if assignment.split:
            # A story split off the one the article joined: new, and touched.
            marks = ",".join("?" * len(assignment.split))
            for (split_key,) in connection.execute(
                f"SELECT story_key FROM stories WHERE id IN ({marks})", assignment.split
            ):
                self.split_off.add(split_key)
        return "added", assignment.story_key, seconds, assignment.is_new, len(assignment.merged)


def _previous_version(
    connection, clean: CleanArticle, matches: list[queries.StoredArticle]
) -> queries.StoredArticle | None:
    """Return the stored article that ``clean`` is a newer version of, or None: a new article.

    ``matches`` are the stored articles of its URL and id (``find_matches``).
    In this order:

    - an article at its URL, unless their ids differ and they are two items
      (``are_two_items``): rows of a file that share a URL under ids of their
      own (a live blog's updates) are distinct articles;
    - the article of its id, from its outlet, when their URLs do not differ
      and ``is_same_item`` says the id names the same item;
    - for an id a file's name gave, the article that file gave before (same
      ``origin``, from its outlet), whatever number its id got in that run:
      ``tue/reuters.txt`` read beside ``mon/reuters.txt`` was ``reuters-2``,
      read alone it is ``reuters``.
    """
    if clean.url:
        at_url = sorted((m for m in matches if m.url == clean.url), key=lambda m: m.id != clean.id)
        for stored in at_url:  # its own id first
            if _is_same_id(stored.id, clean.id) or not are_two_items(stored, clean):
                return stored
    same_id = next((m for m in matches if m.id == clean.id), None)
    if (
        same_id is not None
        and same_id.source == clean.source
        and (not clean.url or not same_id.url)
        and is_same_item(same_id.origin, clean.origin, clean.id)
    ):
        return same_id
    if clean.origin and clean.origin != STDIN_ORIGIN and _is_named_by_origin(clean.origin, clean.id):
        origins = list(dict.fromkeys((clean.origin, os.path.normpath(clean.origin))))
        for stored in reversed(queries.find_by_origin(connection, origins)):  # the newest first
            if (
                stored.source == clean.source
                and _is_named_by_origin(stored.origin, stored.id)
                and (not clean.url or not stored.url or stored.url == clean.url)
            ):
                return stored
    return None


def _is_same_id(stored_id: str, article_id: str) -> bool:
    """Whether ``stored_id`` is ``article_id``, or it with the suffix the store adds to keep two apart."""
    return stored_id == article_id or re.fullmatch(rf"{re.escape(article_id)}-[0-9a-f]{{8}}", stored_id) is not None


def _is_named_by_origin(origin: str, article_id: str) -> bool:
    """Whether ``article_id`` was made from the name of the file ``origin`` names, not given by a record.

    ``reuters``, ``reuters-2`` (the second file of that name in a run) and
    ``reuters-3fa9c2d1`` (renamed by the store) for ``tue/reuters.txt``;
    ``feed-3`` for a row without an id at ``feed.jsonl:3`` (``feed-3-2`` in
    the second ``feed.jsonl`` of a run).
    """
    stem = file_stem(re.sub(r":\d+$", "", origin))  # a JSON row's origin is "path:line"; its id "stem-line"
    if not stem:
        return False
    return re.fullmatch(rf"{re.escape(stem)}(?:-\d+)*(?:-[0-9a-f]{{8}})?", article_id) is not None


def are_two_items(stored: queries.StoredArticle, article: CleanArticle | Article) -> bool:
    """Whether two articles at one URL, under different ids, are two items rather than two versions.

    They are when both ids were given by their records (``has_own_id``), or
    when they are two rows of one file (``feed.jsonl:3`` and ``feed.jsonl:5``,
    ids or not).  Otherwise the URL names one article: a page saved again
    under another file name, or fetched again, is a newer version.

    Example:
        >>> from newsfuse.store.queries import StoredArticle
        >>> live = "https://www.itv.com/news/fire/"
        >>> first = StoredArticle(1, "14_4ecbplus", 1, "itv.com", live, "", "articles.jsonl:11")
        >>> are_two_items(first, Article("14_5ecbplus", "itv.com", "", "", live, "", "articles.jsonl:12"))
        True
        >>> page = StoredArticle(2, "fire", 1, "itv.com", live, "", "mon/fire.html")
        >>> are_two_items(page, Article("fire-2", "itv.com", "", "", live, "", "tue/fire.html"))
        False
    """
    if has_own_id(stored.id, stored.origin, stored.url) and has_own_id(article.id, article.origin, article.url):
        return True
    stored_row, row = _JSON_ROW.fullmatch(stored.origin), _JSON_ROW.fullmatch(article.origin)
    return (
        stored_row is not None
        and row is not None
        and os.path.normpath(stored_row[1]) == os.path.normpath(row[1])
        and stored_row[2] != row[2]
    )


# A JSON row's origin: "path:line".
_JSON_ROW = re.compile(r"(.+):(\d+)")


def has_own_id(article_id: str, origin: str, url: str) -> bool:
    """Whether an article's id was given by its record (a JSON row's ``id``, a feed entry's guid).

    Not one made from its file's name (``_is_named_by_origin``), nor its URL
    (a fetched page's).  Two articles at one URL with ids of their own that
    differ are two articles.

    Example:
        >>> has_own_id("14_5ecbplus", "articles.jsonl:12", "https://www.itv.com/news/fire/")
        True
        >>> has_own_id("reuters-2", "tue/reuters.txt", "")
        False
    """
    return bool(article_id) and article_id != url and not _is_named_by_origin(origin, article_id)


def is_same_item(stored_origin: str, origin: str, article_id: str) -> bool:
    """Whether an article may be a new version of the stored one of its id and outlet.

    An id that a record gives (a JSON row's ``id``) names the article
    wherever it is read from.  An id taken from a file's name (``reuters``
    for ``mon/reuters.txt``, ``reuters-2`` for the second such file of a
    run) names that file only: ``tue/reuters.txt`` is another article.
    Text from stdin has no name of its own, so it is never a new version.

    Example:
        >>> is_same_item("mon/reuters.txt", "tue/reuters.txt", "reuters")
        False
        >>> is_same_item("feed-a.jsonl:3", "feed-b.jsonl:9", "ap-1942")
        True
        >>> is_same_item("feed-a.jsonl:3", "feed-b.jsonl:3", "feed-b-3")  # a row without an id
        False
    """
    if origin == STDIN_ORIGIN:
        return False
    if _is_named_by_origin(origin, article_id):
        return os.path.normpath(stored_origin) == os.path.normpath(origin)
    return True


def ingest_items(
    connection,
    items: Iterable[object],
    settings: Settings | None = None,
    progress: Progress | None = None,
    *,
    is_brief_rebuilt: bool = True,
) -> IngestReport:
    """Add articles to the store and rebuild the briefs of the stories they touched.

    Args:
        connection: a store connection (``newsfuse.store.sqlite.connect``).
        items: paths, folders, globs, ``-``, URLs or ``Article`` objects.
        progress: called as ``progress(stage, done, total)``.
        is_brief_rebuilt: False leaves briefs stale (``rebuild_briefs`` later).

    Returns:
        What was added, updated, skipped, rejected and rebuilt.
    """
    settings = settings or Settings()
    started = time.perf_counter()
    stored_before = queries.article_count(connection)
    job = _Job(connection, settings, progress)
    with _blas_threads(INGEST_BLAS_THREADS):
        job.run(items)
    result = job.result
    touched, created = job.touched, job.created
    if is_regroup_due(settings.store.regroup_on_ingest, stored_before, result.added):
        touched, created = _regroup(connection, settings, progress, result, touched, created)
    result.stories_touched = len(touched)
    result.stories_created = len(created)
    if is_brief_rebuilt:
        result.briefs_rebuilt = rebuild_briefs(connection, settings, progress, report=job.ctx.report)
        if len(job.ctx.report.rejections) > job.saved_rejections:
            with write_transaction(connection):
                queries.record_rejections(
                    connection, job.ctx.report.rejections[job.saved_rejections :], queries.now()
                )
    result.rejections = list(job.ctx.report.rejections)
    result.seconds = time.perf_counter() - started
    return result


def _blas_threads(count: int) -> contextlib.AbstractContextManager:
    """Return a context in which numpy's BLAS (OpenBLAS, MKL, BLIS) uses at most ``count`` threads."""
    from threadpoolctl import threadpool_limits  # a dependency (scikit-learn's too); imported when ingest runs

    return threadpool_limits(limits=count, user_api="blas")


def is_regroup_due(when: str, stored_before: int, added: int) -> bool:
    """Return whether an ingest that ``added`` articles to ``stored_before`` regroups the store after.

    ``when`` is ``StoreSettings.regroup_on_ingest``: "auto" regroups when
    the store at least doubled, "always" when anything was added, "never"
    does not.  A store of fewer than two articles has nothing to regroup.

        >>> is_regroup_due("auto", 0, 690), is_regroup_due("auto", 690, 40), is_regroup_due("auto", 40, 40)
        (True, False, True)
        >>> is_regroup_due("always", 690, 1), is_regroup_due("never", 0, 690), is_regroup_due("auto", 0, 1)
        (True, False, False)
    """
    if added < 1 or stored_before + added < 2 or when == "never":
        return False
    return when == "always" or added >= stored_before


def _regroup(
    connection,
    settings: Settings,
    progress: Progress | None,
    result: IngestReport,
    touched: set[int],
    created: set[int],
) -> tuple[set[int], set[int]]:
    """Regroup the store after an ingest; return the stories touched and created, as they stand after it.

    The briefs are left to the ingest's own rebuild.  A regroup that cannot
    finish (other processes kept adding articles) leaves the streamed
    grouping as it is and says so in ``result.regroup_error``; the
    articles are stored either way.
    """
    from newsfuse.store.regroup import regroup_store  # it imports this module

    try:
        regrouped = regroup_store(connection, settings, progress, is_brief_rebuilt=False)
    except StoreError as exc:
        result.regroup_error = str(exc)
        return touched, created
    result.regroup = regrouped.result
    live = queries.live_story_keys(connection, [*touched, *created], regrouped.result.changed)
    new = queries.live_story_keys(connection, list(created), regrouped.result.created)
    return live, new


def _story(story_id: str, articles: list[CleanArticle], settings: Settings) -> Story:
    """Return the ``Story`` of a stored story, its near-copies found among its articles."""
    duplicates: tuple[tuple[str, ...], ...] = ()
    if len(articles) > 1:
        try:
            from newsfuse.dedup import find_duplicates
        except ImportError:
            find_duplicates = None
        if find_duplicates is not None:
            duplicates = tuple(tuple(group) for group in find_duplicates(articles, settings.dedup))
    return Story(id=story_id, article_ids=tuple(a.id for a in articles), duplicates=duplicates)


def build_story_briefs(connection, story_keys: list[int], settings: Settings):
    """Return ``[(story_key, version, brief)]`` built from the stored articles of ``story_keys``.

    Reads every story in one snapshot, so each brief matches the version
    it is saved under.
    """
    from newsfuse.brief import build_briefs

    connection.execute("BEGIN")
    try:
        loaded = []
        for key in story_keys:
            row = connection.execute("SELECT id, version FROM stories WHERE story_key = ?", (key,)).fetchone()
            articles = queries.load_articles(connection, key)
            if row is not None and articles:
                loaded.append((key, row[0], row[1], articles))
    finally:
        connection.execute("COMMIT")
    if not loaded:
        return []
    stories = [_story(story_id, articles, settings) for _, story_id, _, articles in loaded]
    by_id = {a.id: a for _, _, _, articles in loaded for a in articles}
    briefs = build_briefs(stories, by_id, settings.brief)
    by_story = {b.id: b for b in briefs}
    return [(key, version, by_story[story_id]) for key, story_id, version, _ in loaded if story_id in by_story]


def rebuild_briefs(
    connection,
    settings: Settings | None = None,
    progress: Progress | None = None,
    *,
    report: Report | None = None,
) -> int:
    """Rebuild every stale brief (story changed since its brief); return how many were written.

    A story whose brief cannot be built is recorded as a ``brief`` rejection
    in ``report`` and skipped; the others go on.
    """
    settings = settings or Settings()
    stale = queries.stale_stories(connection)
    written = 0
    for start in range(0, len(stale), BRIEF_BATCH_STORIES):
        chunk = stale[start : start + BRIEF_BATCH_STORIES]
        try:
            built = build_story_briefs(connection, chunk, settings)
        except Exception:  # noqa: BLE001 - find the story at fault: one at a time
            built = []
            for key in chunk:
                try:
                    built.extend(build_story_briefs(connection, [key], settings))
                except Exception as exc:  # noqa: BLE001 - per-story boundary
                    if report is not None:
                        story_id = connection.execute(
                            "SELECT id FROM stories WHERE story_key = ?", (key,)
                        ).fetchone()[0]
                        report.rejections.append(
                            Rejection(story_id, "brief", "error", f"story {story_id}: {type(exc).__name__}: {exc}")
                        )
                        report.stage("brief").rejected["error"] += 1
        now = queries.now()
        with write_transaction(connection):
            for key, version, brief in built:
                written += queries.save_brief(connection, key, version, brief, now)
        if progress is not None:
            progress("brief", min(start + len(chunk), len(stale)), len(stale))
    return written
