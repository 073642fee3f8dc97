"""Store benchmark: ingest throughput, story assignment latency, read latency, size.

Measures, for stores of N articles (default 10k and 100k):

- ingest throughput (articles/s): read → clean → assign → write, with the
  briefs left stale, and its CPU per article (``ingest_cpu_ms``: this process,
  ``workers_cpu_ms``: the cleaning workers), which a shared machine moves
  less than the throughput; then the brief rebuild (briefs/s) and both together;
- story assignment latency p50/p99 (the ``assign`` part of each article);
- ``stories`` (the 20 newest) and ``show`` (one stored brief, rendered as
  Markdown) latency p50/p99, library calls on the finished store;
- database size per article (after a WAL checkpoint);
- ``Store.regroup`` of the whole store (batch clustering, articles moved,
  briefs left stale), and the process's peak memory after it.

Corpora are the 1,612 real articles of ../shared/data (ecbplus, basil,
multinews), then rounds of them with their words swapped for words of the
same corpus frequency, the same way for all articles of one gold story and
differently in each round (``build_corpus``): 100k articles make ~30k
stories of a few articles with real term statistics.  They are written as
JSON Lines files of 1000 articles.

``--stream-stories`` measures the streaming assigner alone with that many
stories known: articles are real ones with their words swapped differently
for each article (so nearly each is a new story); latency is taken over the
last 5000 articles.  ``--quality`` scores streaming assignment (B-cubed F1)
beside batch clustering on the labelled sets.  ``--regroup`` ingests each
labelled set (and the three mixed) into a fresh store in file order, scores
the store's stories, runs ``Store.regroup`` and scores them again, and counts
how many stories and articles kept their story id; then the same with
half the articles ingested, a regroup, the other half ingested, a regroup
(a store regrouped nightly).

Each size runs in a fresh subprocess.

    python benchmarks/bench_store.py                           # 10k and 100k
    python benchmarks/bench_store.py --sizes 10000 --brief-sizes 10000
    python benchmarks/bench_store.py --sizes --stream-stories 100000
    python benchmarks/bench_store.py --sizes --quality
    python benchmarks/bench_store.py --sizes --regroup
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
# ../shared/data beside the project; NEWSFUSE_BENCH_DATA names another copy.
DATA = Path(os.environ.get("NEWSFUSE_BENCH_DATA") or HERE.parents[1] / "shared" / "data")
sys.path.insert(0, str(HERE))

# Stories whose briefs are built for the read benchmark when a size's
# briefs are not all rebuilt (the rebuild of 100k articles takes long).
SAMPLE_BRIEFS = 300
READ_CALLS = 300
# Streaming corpus: words swap within bands of this many frequency ranks.
# With 1024, articles began to join each other's stories by chance as the
# store grew (30k stories took 54k articles, and 100k stories far more);
# with 4096, 30k articles make 25.8k stories and the 100k-stories point is
# reached in a few minutes.
STREAM_SWAP_BAND = 4096
STREAM_KEPT_WORDS = 30
SOURCES = ("ecbplus/articles.jsonl", "basil/articles.jsonl", "multinews_sample/clustering_view.jsonl")
_TOKEN = re.compile(r"\w+|\W+")


def percentile(values: list[float], share: float) -> float:
    """Return the value below which ``share`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def _labelled_records() -> list[dict]:
    """Return the articles of the three clustering sets, with ids made unique and their gold story."""
    records = []
    for name in SOURCES:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            prefix = name.split("/")[0]
            records.append(
                {
                    "id": f"{prefix}-{record['id']}",
                    "story": f"{prefix}-{record['cluster']}",
                    "title": record.get("title") or "",
                    "text": record["text"],
                    "source": record.get("source") or prefix,
                    "url": record.get("url") or "",
                    "date": record.get("date") or "",
                }
            )
    return records


def build_corpus(size: int) -> list[dict]:
    """Return ``size`` articles: the real ones, then rounds of them with their words swapped.

    In round ``r`` every article of one gold story has its words swapped the
    same way (``swapper(seed)`` with a seed of the round and the story), so
    the articles of a story stay alike while each round's stories are new
    ones: 100k articles make ~30k stories of a few articles, as a news stream
    does, with the real sets' word frequencies.
    """
    records = _labelled_records()
    swap = swapper([f"{r['title']} {r['text']}" for r in records])
    corpus = []
    for round_number in range(size // len(records) + 1):
        for record in records:
            if len(corpus) >= size:
                return corpus
            if round_number == 0:
                corpus.append(record)
                continue
            seed = zlib.crc32(f"{round_number}:{record['story']}".encode())
            corpus.append(
                {
                    **record,
                    "id": f"{record['id']}~{round_number}",
                    "story": f"{record['story']}~{round_number}",
                    "title": swap(record["title"], seed),
                    "text": swap(record["text"], seed),
                    "url": f"{record['url']}#{round_number}" if record["url"] else "",
                }
            )
    return corpus


def write_corpus(size: int, folder: Path) -> None:
    """Write ``size`` articles as JSON Lines files of 1000 into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    corpus = build_corpus(size)
    for start in range(0, size, 1000):
        with (folder / f"part-{start // 1000:05d}.jsonl").open("w", encoding="utf-8") as handle:
            for record in corpus[start : start + 1000]:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def _cpu_seconds() -> tuple[float, float]:
    """Return the CPU seconds (user and system) of this process and of its finished child processes."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def run_size(folder: str, db: str, is_full_rebuild: bool, sample_briefs: int = SAMPLE_BRIEFS) -> dict:
    """Ingest one corpus into a new store in this process; return the measurements."""
    from newsfuse.config import load_settings
    from newsfuse.render import render
    from newsfuse.store import Store, queries
    from newsfuse.store.ingest import build_story_briefs
    from newsfuse.store.sqlite import write_transaction

    # Ingest alone (articles placed one at a time); the regroup is timed on its own below.
    settings = load_settings().replace(store={"regroup_on_ingest": "never"})
    files = sorted(str(p) for p in Path(folder).glob("*.jsonl"))
    store = Store.open(db, settings)
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    report = store.ingest(files, settings, is_brief_rebuilt=False)
    ingest_s = time.perf_counter() - started
    cpu_after = _cpu_seconds()
    counts = store.counts()
    result = {
        "articles": report.added,
        "rejected": report.rejected,
        "stories": counts["stories"],
        "ingest_s": ingest_s,
        "ingest_per_s": report.added / ingest_s,
        "assign_p50_ms": 1000 * percentile(report.assign_seconds, 0.50),
        "assign_p99_ms": 1000 * percentile(report.assign_seconds, 0.99),
        "workers": settings.store.workers or min(4, os.cpu_count() or 1),
        # CPU per stored article, of this process and of its cleaning workers:
        # unlike articles/s, it holds on a machine that other jobs share.
        "ingest_cpu_ms": 1000 * (cpu_after[0] - cpu_before[0]) / max(1, report.added),
        "workers_cpu_ms": 1000 * (cpu_after[1] - cpu_before[1]) / max(1, report.added),
    }
    if is_full_rebuild:
        started = time.perf_counter()
        built = store.rebuild_briefs(settings)
        result["brief_s"] = time.perf_counter() - started
        result["briefs"] = built
        result["total_per_s"] = report.added / (ingest_s + result["brief_s"])
    else:
        # Briefs for a sample of stories, so that ``show`` reads stored JSON.
        keys = [row[0] for row in store.connection.execute("SELECT story_key FROM stories WHERE article_count > 0")]
        sample = random.Random(1).sample(keys, min(sample_briefs, len(keys)))
        started = time.perf_counter()
        for start in range(0, len(sample), 32):
            built = build_story_briefs(store.connection, sample[start : start + 32], settings)
            with write_transaction(store.connection):
                for key, version, brief in built:
                    queries.save_brief(store.connection, key, version, brief, queries.now())
        result["sample_briefs"] = len(sample)
        result["sample_brief_s_each"] = (time.perf_counter() - started) / max(1, len(sample))
    store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size_bytes = os.path.getsize(db)
    result["db_mib"] = size_bytes / 2**20
    result["bytes_per_article"] = size_bytes / max(1, report.added)

    with_brief = [row[0] for row in store.connection.execute("SELECT s.id FROM stories s JOIN briefs USING (story_key)")]
    rng = random.Random(2)
    listing, showing = [], []
    for _ in range(READ_CALLS):
        began = time.perf_counter()
        store.stories(20)
        listing.append(time.perf_counter() - began)
        story_id = rng.choice(with_brief)
        began = time.perf_counter()
        render([store.brief(story_id)], "md")
        showing.append(time.perf_counter() - began)
    result.update(
        stories_p50_ms=1000 * percentile(listing, 0.5),
        stories_p99_ms=1000 * percentile(listing, 0.99),
        show_p50_ms=1000 * percentile(showing, 0.5),
        show_p99_ms=1000 * percentile(showing, 0.99),
    )
    import resource

    started = time.perf_counter()
    regrouped = store.regroup(settings, is_brief_rebuilt=False)
    result.update(
        regroup_s=time.perf_counter() - started,
        regroup_moved=regrouped.result.moved,
        peak_rss_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )
    store.close()
    return result


# ------------------------------------------------------------- streaming only



def swapper(texts: list[str], band: int = 256, kept: int = 100):
    """Return ``swap(text, seed)``: each word replaced by another of about the same frequency.

    Words are ranked by document frequency in ``texts``; a word moves within
    its band of ``band`` ranks by a shift that depends on ``seed`` and the
    band.  The ``kept`` commonest words stay.  The same seed maps a word the
    same way everywhere, so texts swapped with one seed stay as alike as before.
    """
    frequency: Counter[str] = Counter()
    for text in texts:
        # Sorted: a set's order changes from one process to the next (string
        # hashing), and with it the order of equally frequent words, so each
        # run made another corpus.
        frequency.update(sorted({w.lower() for w in re.findall(r"\w+", text)}))
    ranked = [word for word, _ in frequency.most_common()]
    rank = {word: number for number, word in enumerate(ranked)}

    def swap(text: str, seed: int) -> str:
        out = []
        for token in _TOKEN.findall(text):
            position = rank.get(token.lower())
            if position is None or position < kept:
                out.append(token)
                continue
            start = (position // band) * band
            width = min(band, len(ranked) - start)
            shift = zlib.crc32(f"{seed}:{start}".encode()) % width
            word = ranked[start + (position - start + shift) % width]
            out.append(word.capitalize() if token[:1].isupper() else word)
        return "".join(out)

    return swap


def stream_corpus():
    """Return ``make(i) -> CleanArticle``: a real article with its words swapped by seed ``i``."""
    from newsfuse.models import CleanArticle

    records = _labelled_records()
    documents = [(r["title"], " ".join(r["text"].split()[:300])) for r in records]
    # Wide bands and few kept words: nearly every article is a story of its own.
    swap = swapper([f"{t} {b}" for t, b in documents], band=STREAM_SWAP_BAND, kept=STREAM_KEPT_WORDS)

    def make(number: int) -> CleanArticle:
        title, body = documents[number % len(documents)]
        return CleanArticle(f"a{number}", "Wire", swap(title, number), swap(body, number), ())

    return make


def run_stream(stories: int, db: str) -> dict:
    """Assign synthetic articles until ``stories`` stories exist; return latencies."""
    from newsfuse.cluster.stream import StoryAssigner
    from newsfuse.config import load_settings
    from newsfuse.store.sqlite import connect, write_transaction

    settings = load_settings()
    make = stream_corpus()
    connection = connect(db)
    assigner = StoryAssigner(connection, settings.stream, settings.dedup)
    latencies: list[float] = []
    number = 0
    started = time.perf_counter()
    while assigner.story_count() < stories:
        batch = [make(number + i) for i in range(500)]
        number += len(batch)
        with write_transaction(connection):
            for article in batch:
                began = time.perf_counter()
                assigner.assign(article)
                latencies.append(time.perf_counter() - began)
            assigner.flush_counts()
    total = time.perf_counter() - started
    # The latest articles, assigned with (close to) ``stories`` stories known.
    tail = latencies[-5000:]
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {
        "articles": number,
        "stories": assigner.story_count(),
        "seconds": total,
        "p50_ms": 1000 * percentile(tail, 0.5),
        "p99_ms": 1000 * percentile(tail, 0.99),
        "max_ms": 1000 * max(tail),
        "db_mib": os.path.getsize(db) / 2**20,
    }


# -------------------------------------------------------------------- quality


def run_quality() -> list[dict]:
    """Return B-cubed scores of streaming (file and shuffled order) and batch clustering per set."""
    from newsfuse.cluster import cluster_articles
    from newsfuse.cluster.stream import StoryAssigner
    from newsfuse.config import Settings
    from newsfuse.evaluate.metrics import bcubed
    from newsfuse.models import CleanArticle

    settings = Settings()
    rows = []
    for name in ("ecbplus/articles.jsonl", "basil/articles.jsonl", "multinews_sample/clustering_view.jsonl"):
        records = [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines()]
        articles = [
            CleanArticle(r["id"], r.get("source") or "x", r.get("title", ""), r["text"], (), date=r.get("date") or "")
            for r in records
        ]
        gold = {r["id"]: r["cluster"] for r in records}
        row = {"set": name.split("/")[0], "articles": len(articles), "gold stories": len(set(gold.values()))}
        for label, order in (("stream", articles), ("stream shuffled", random.Random(1).sample(articles, len(articles)))):
            assigner = StoryAssigner(settings=settings.stream, dedup=settings.dedup)
            placed = {a.id: assigner.assign(a) for a in order}
            placed = {k: assigner.story_of(v) for k, v in placed.items()}
            row[label] = round(bcubed(placed, gold).f1, 3)
        stories = cluster_articles(articles, settings.cluster)
        row["batch"] = round(bcubed({i: s.id for s in stories for i in s.article_ids}, gold).f1, 3)
        rows.append(row)
    return rows


def _store_labels(store) -> dict[str, str]:
    """Return each stored article's story id."""
    rows = store.connection.execute("SELECT a.id, s.id FROM articles a JOIN stories s ON s.story_key = a.story_key")
    return dict(rows.fetchall())


def run_regroup(work: Path) -> list[dict]:
    """Return B-cubed F1 of stores before and after ``Store.regroup``, its id keeping and time, per set."""
    from newsfuse.config import Settings
    from newsfuse.evaluate.metrics import bcubed
    from newsfuse.store import Store

    sets = {name.split("/")[0]: [r for r in _labelled_records() if r["id"].startswith(name.split("/")[0] + "-")]
            for name in SOURCES}
    sets["mixed"] = _labelled_records()
    # The "ingest" column is the streamed grouping; with the default "auto" a first load ends regrouped.
    settings = Settings().replace(store={"regroup_on_ingest": "never"})
    rows = []
    for name, records in sets.items():
        stories_of_text: dict[str, set] = {}
        for record in records:
            stories_of_text.setdefault(record["text"], set()).add(record["story"])
        gold_all = {r["id"]: r["story"] for r in records if len(stories_of_text[r["text"]]) < 2}
        halves = [records[: len(records) // 2], records[len(records) // 2 :]]
        row: dict = {"set": name}
        for plan, parts in (("once", [records]), ("halves", halves)):
            db = work / f"regroup-{name}-{plan}.db"
            for path in work.glob(db.name + "*"):
                path.unlink()
            with Store.open(db, settings) as store:
                for number, part in enumerate(parts):
                    corpus = work / f"regroup-{name}-{plan}-{number}.jsonl"
                    corpus.write_text("".join(json.dumps(r) + "\n" for r in part), encoding="utf-8")
                    store.ingest([str(corpus)], settings, is_brief_rebuilt=False)
                    before = _store_labels(store)
                    gold = {i: g for i, g in gold_all.items() if i in before}
                    if plan == "once":
                        row.update({"articles": len(before), "ingest": f"{bcubed(before, gold).f1:.3f}"})
                    elif number == len(parts) - 1:
                        row["halves: 2nd ingest"] = f"{bcubed(before, gold).f1:.3f}"
                    started = time.perf_counter()
                    report = store.regroup(settings, is_brief_rebuilt=False)
                    seconds = time.perf_counter() - started
                    after = _store_labels(store)
                if plan == "once":
                    again = store.regroup(settings, is_brief_rebuilt=False)
                    kept = set(before.values()) & set(after.values())
                    row.update({
                        "regrouped": f"{bcubed(after, gold).f1:.3f}",
                        "stories before": len(set(before.values())),
                        "after": len(set(after.values())),
                        "ids kept": len(kept),
                        "articles moved": report.result.moved,
                        "seconds": round(seconds, 2),
                        "second run moves": again.result.moved,
                    })
                else:
                    row["halves, regrouped"] = f"{bcubed(after, gold).f1:.3f}"
        rows.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
    return rows


def _table(rows: list[dict], keys: list[str]) -> str:
    def cell(value) -> str:
        return f"{value:,.2f}" if isinstance(value, float) else f"{value:,}" if isinstance(value, int) else str(value)

    widths = [max(len(k), *(len(cell(r.get(k, ""))) for r in rows)) for k in keys]
    lines = ["| " + " | ".join(k.ljust(w) for k, w in zip(keys, widths)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        lines.append("| " + " | ".join(cell(row.get(k, "")).rjust(w) for k, w in zip(keys, widths)) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10000, 100000])
    parser.add_argument(
        "--brief-sizes", type=int, nargs="*", default=[10000],
        help="sizes whose briefs are all rebuilt (others build a sample for show)",
    )
    parser.add_argument("--stream-stories", type=int, default=0, help="measure assignment with this many stories")
    parser.add_argument("--quality", action="store_true", help="B-cubed of streaming vs batch clustering")
    parser.add_argument("--regroup", action="store_true", help="B-cubed of a store before and after regroup")
    parser.add_argument("--keep", type=Path, help="keep corpora and stores in this folder")
    parser.add_argument(
        "--sample-briefs", type=int, default=SAMPLE_BRIEFS,
        help="stories whose briefs are built for the show benchmark when not all are",
    )
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--stream-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_size(args.child[0], args.child[1], args.child[2] == "1", int(args.child[3]))))
        return
    if args.stream_child:
        print(json.dumps(run_stream(int(args.stream_child[0]), args.stream_child[1])))
        return
    if not DATA.is_dir():
        sys.exit(f"benchmark data missing: {DATA} (needs ../shared/data beside the project)")

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-store-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in args.sizes:
        folder = work / f"corpus-{size}"
        if not folder.exists():
            write_corpus(size, folder)
        db = work / f"store-{size}.db"
        for path in work.glob(f"store-{size}.db*"):
            path.unlink()
        out = subprocess.run(
            [
                sys.executable, __file__, "--child", str(folder), str(db),
                "1" if size in args.brief_sizes else "0", str(args.sample_briefs),
            ],
            check=True, capture_output=True, text=True,
        )
        row = {"size": size, **json.loads(out.stdout.strip().splitlines()[-1])}
        rows.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
    if rows:
        print(_table(rows, [
            "size", "articles", "stories", "workers", "ingest_per_s", "ingest_cpu_ms", "workers_cpu_ms",
            "assign_p50_ms", "assign_p99_ms",
            "briefs", "brief_s", "total_per_s", "stories_p50_ms", "stories_p99_ms", "show_p50_ms", "show_p99_ms",
            "bytes_per_article", "regroup_s", "regroup_moved", "peak_rss_mib",
        ]))
    if args.stream_stories:
        db = work / "stream.db"
        for path in work.glob("stream.db*"):
            path.unlink()
        out = subprocess.run(
            [sys.executable, __file__, "--stream-child", str(args.stream_stories), str(db)],
            check=True, capture_output=True, text=True,
        )
        row = json.loads(out.stdout.strip().splitlines()[-1])
        print()
        print(_table([row], ["articles", "stories", "seconds", "p50_ms", "p99_ms", "max_ms", "db_mib"]))
    if args.quality:
        print()
        print(_table(run_quality(), ["set", "articles", "gold stories", "stream", "stream shuffled", "batch"]))
    if args.regroup:
        print()
        print(_table(run_regroup(work), [
            "set", "articles", "ingest", "regrouped", "stories before", "after", "ids kept", "articles moved",
            "seconds", "second run moves", "halves: 2nd ingest", "halves, regrouped",
        ]))


if __name__ == "__main__":
    main()
