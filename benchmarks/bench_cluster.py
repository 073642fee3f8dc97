"""Benchmark dedup signatures and batch story clustering (not part of the test run).

Prints two tables:

1. MinHash signatures per second: newsfuse's numpy one-permutation MinHash
   against datasketch's ``MinHash.update_batch`` (same texts, same word
   5-shingles, 128 values, in the same run), and the ratio.
2. Batch clustering (dedup + cluster) at several sizes: seconds (median of
   repeats), articles per second, and peak memory traced by tracemalloc in
   a separate run.  Articles are real ones (ecbplus, basil, multinews dev
   sets in ../shared/data) repeated with light perturbation: about a
   quarter of the sentences dropped and one word in fifty replaced, so the
   repeats of an article form a story without being exact copies.
   Cost growth is plain from the 10k, 30k and 100k rows.
3. Streaming assignment (``newsfuse.cluster.stream.StoryAssigner`` on a
   SQLite file, as the store runs it): one store is filled with articles
   until each of ``--stream-stories`` (10k, 30k, 100k) stories exist, and
   there the latency of each of the next ``--stream-probe`` articles is
   timed (p50, p99, max); a row per checkpoint, with the store's size and
   the process's peak resident memory so far, shows how cost grows.
   As in the store's ingest, features (terms, MinHash bands) are computed
   outside the assigner, here in a worker process ahead of it;
   ``StoryAssigner.place`` is what is timed.  About two minutes on two
   quiet cores.
   Articles are the real ones with their words swapped within frequency
   bands (``bench_store.stream_corpus``), so nearly each one is a new story
   with real word frequencies.

Usage:
    python benchmarks/bench_cluster.py                   # 10k, 30k, 100k; streaming with 10k, 30k, 100k stories
    python benchmarks/bench_cluster.py --sizes 1000 10000 --stream-stories 10000
    python benchmarks/bench_cluster.py --skip-signatures --sizes --stream-stories 10000 30000 100000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import re
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from newsfuse.cluster import cluster_articles
from newsfuse.config import ClusterSettings, DedupSettings
from newsfuse.dedup import find_duplicates, signatures
from newsfuse.models import CleanArticle
from newsfuse.text import split_sentences

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
FILES = ("ecbplus/articles.jsonl", "basil/articles.jsonl", "multinews_sample/clustering_view.jsonl")
_WORD = re.compile(r"[^\W_]+")


def load_records() -> list[dict]:
    """Return the records of the dev sets, or exit with a message when they are absent."""
    if not DATA.is_dir():
        sys.exit(f"no evaluation data at {DATA}: this benchmark needs ../shared/data beside the project")
    records = []
    for name in FILES:
        with (DATA / name).open(encoding="utf-8") as handle:
            records.extend(json.loads(line) for line in handle if line.strip())
    return records


def perturbed(record: dict, copy: int, rng: random.Random) -> CleanArticle:
    """Return a lightly perturbed copy of a record as a CleanArticle with a unique id."""
    text = record["text"]
    sentences = [text[a:b] for a, b in split_sentences(text)]
    kept = [s for s in sentences if rng.random() < 0.75] or sentences[:1]
    words = " ".join(kept).split(" ")
    for _ in range(max(1, len(words) // 50)):
        words[rng.randrange(len(words))] = rng.choice(words)
    return CleanArticle(
        id=f"{record['id']}~{copy}",
        source=record.get("source") or "",
        title=record.get("title") or "",
        text=" ".join(words),
        sentences=(),
        date=record.get("date") or "",
    )


def make_articles(records: list[dict], count: int, seed: int = 0) -> list[CleanArticle]:
    rng = random.Random(seed)
    return [perturbed(records[n % len(records)], n // len(records), rng) for n in range(count)]


def median_seconds(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench_signatures(records: list[dict], repeats: int) -> None:
    from datasketch import MinHash

    texts = [r["text"] for r in records]
    settings = DedupSettings()

    def ours() -> None:
        signatures(texts, settings)

    def theirs() -> None:
        for text in texts:
            words = _WORD.findall(text.lower())
            size = settings.shingle_words
            shingles = [" ".join(words[i : i + size]).encode() for i in range(max(1, len(words) - size + 1))]
            minhash = MinHash(num_perm=settings.num_perm, seed=settings.seed)
            minhash.update_batch(shingles)

    ours()  # warm caches (tables, powers)
    newsfuse_rate = len(texts) / median_seconds(ours, repeats)
    datasketch_rate = len(texts) / median_seconds(theirs, repeats)
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    print(f"MinHash signatures: {len(texts)} real articles ({megabytes:.1f} MB), "
          f"{settings.shingle_words}-word shingles, {settings.num_perm} values, median of {repeats}")
    print(f"{'implementation':<34} {'signatures/s':>12}")
    print(f"{'newsfuse (numpy, one permutation)':<34} {newsfuse_rate:12.0f}")
    print(f"{'datasketch MinHash.update_batch':<34} {datasketch_rate:12.0f}")
    print(f"ratio: {newsfuse_rate / datasketch_rate:.1f}x")
    print()


def bench_clustering(records: list[dict], sizes: list[int], repeats: int) -> None:
    dedup, cluster = DedupSettings(), ClusterSettings()
    print(f"Batch clustering (find_duplicates + cluster_articles), median of {repeats}")
    print(f"{'articles':>9} {'seconds':>8} {'articles/s':>10} {'dedup s':>8} {'stories':>8} {'peak MiB':>9}")
    for size in sizes:
        articles = make_articles(records, size)
        found: dict[str, int] = {}

        def run() -> None:
            started = time.perf_counter()
            groups = find_duplicates(articles, dedup)
            found["dedup"] = time.perf_counter() - started
            found["stories"] = len(cluster_articles(articles, cluster, duplicates=groups))

        seconds = median_seconds(run, repeats)
        tracemalloc.start()
        run()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"{size:9d} {seconds:8.2f} {size / seconds:10.0f} {found['dedup']:8.2f} "
              f"{found['stories']:8d} {peak / 2**20:9.0f}")


_STREAM_MAKE = None  # a worker's article maker (bench_store.stream_corpus), built on first use
STREAM_BATCH = 500


def _stream_batch(first: int, count: int, dedup: DedupSettings) -> tuple[list, list]:
    """Return articles ``first`` .. ``first + count - 1`` of the streaming corpus and their features."""
    global _STREAM_MAKE
    if _STREAM_MAKE is None:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from bench_store import stream_corpus

        _STREAM_MAKE = stream_corpus()
    from newsfuse.cluster.stream import article_features

    batch = [_STREAM_MAKE(first + i) for i in range(count)]
    return batch, article_features(batch, dedup)


def bench_stream(checkpoints: list[int], probe: int) -> None:
    """Print streaming assignment latency with each of ``checkpoints`` stories known, and peak memory.

    One store fills up to the largest checkpoint; at each checkpoint the
    next ``probe`` articles are timed.  Articles and their features are made
    in a worker process, ahead of the assigner, as the store's ingest does
    (its workers clean and compute features while it assigns).
    """
    import tempfile
    from concurrent.futures import ProcessPoolExecutor

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_store import percentile

    from newsfuse.cluster.stream import StoryAssigner
    from newsfuse.config import StreamSettings
    from newsfuse.store.sqlite import connect, write_transaction

    dedup = DedupSettings()
    print(f"Streaming assignment: the latency of {probe:,} articles with N stories known "
          f"(one store filled in order; articles made and featurised in a worker)")
    print(f"{'stories':>9} {'articles':>9} {'fill s':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} "
          f"{'db MiB':>8} {'peak RSS MiB':>13}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-stream-") as folder, ProcessPoolExecutor(1) as pool:
        connection = connect(Path(folder) / "stream.db")
        assigner = StoryAssigner(connection, StreamSettings(), dedup)
        ahead: list = []
        sent = 0

        def next_batch() -> tuple[list, list]:
            nonlocal sent
            while len(ahead) < 4:  # keep the worker busy while the assigner works
                ahead.append(pool.submit(_stream_batch, sent, STREAM_BATCH, dedup))
                sent += STREAM_BATCH
            return ahead.pop(0).result()

        assigned = 0
        started = time.perf_counter()
        pending: list = []  # made articles not yet assigned

        def assign(count: int, latencies: list[float] | None) -> None:
            nonlocal assigned, pending
            while len(pending) < count:
                batch, features = next_batch()
                pending.extend(zip(batch, features))
            todo, pending = pending[:count], pending[count:]
            with write_transaction(connection):
                for article, found in todo:
                    began = time.perf_counter()
                    assigner.place(article, found)
                    if latencies is not None:
                        latencies.append(time.perf_counter() - began)
                assigner.flush_counts()
            assigned += count

        for target in sorted(checkpoints):
            while (known := assigner.story_count()) < target:
                assign(min(STREAM_BATCH, target - known), None)
            fill = time.perf_counter() - started
            filled = assigner.story_count()
            latencies: list[float] = []
            while len(latencies) < probe:
                assign(min(STREAM_BATCH, probe - len(latencies)), latencies)
            size = os.path.getsize(Path(folder) / "stream.db") / 2**20
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
            print(f"{filled:9,d} {assigned:9,d} {fill:8.0f} {1000 * percentile(latencies, 0.5):8.2f} "
                  f"{1000 * percentile(latencies, 0.99):8.2f} {1000 * max(latencies):8.2f} {size:8.0f} {peak:13.0f}",
                  flush=True)
        for future in ahead:
            future.cancel()
        connection.close()
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=int, nargs="*", default=[10000, 30000, 100000], help="articles per batch (none: skip)"
    )
    parser.add_argument("--repeats", type=int, default=1, help="timed runs per measurement (median)")
    parser.add_argument(
        "--stream-stories", type=int, nargs="*", default=[10000, 30000, 100000],
        help="stories known when streaming latency is timed, one row each (none: skip)",
    )
    parser.add_argument("--stream-probe", type=int, default=3000, help="articles timed at each of --stream-stories")
    parser.add_argument("--skip-signatures", action="store_true", help="only the clustering table")
    args = parser.parse_args()
    records = load_records()
    if not args.skip_signatures:
        bench_signatures(records, args.repeats)
    if args.sizes:
        bench_clustering(records, args.sizes, args.repeats)
        print()
    if args.stream_stories:
        # Last: its peak resident memory then covers the whole process.
        bench_stream(args.stream_stories, args.stream_probe)


if __name__ == "__main__":
    main()
