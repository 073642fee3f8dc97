"""Whole-pipeline benchmark: articles/s, peak memory and time per stage.

Builds corpora of N real articles from ../shared/data (ecbplus, basil,
multinews), repeating them with light perturbation when N is larger than the
data (a repeat drops one sentence, changes a word and gets its own id and
outlet, like syndicated copy), writes them as JSON Lines and runs the whole
pipeline on the file: read → clean → dedup → cluster → brief.  Each size runs
in a fresh subprocess so peak memory (max RSS) is its own.  Prints medians.

    python benchmarks/bench_pipeline.py                # 1k and 10k, 3 runs each
    python benchmarks/bench_pipeline.py --sizes 1000 --repeats 5
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SOURCES = (
    DATA / "ecbplus" / "articles.jsonl",
    DATA / "basil" / "articles.jsonl",
    DATA / "multinews_sample" / "clustering_view.jsonl",
)


def load_real_articles() -> list[dict]:
    """Return the real articles of the clustering sets, ids made unique."""
    articles = []
    for path in SOURCES:
        if not path.exists():
            sys.exit(f"benchmark data missing: {path} (needs ../shared/data beside the project)")
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            articles.append(
                {
                    "id": f"{path.parent.name}-{record['id']}",
                    "title": record.get("title", ""),
                    "text": record["text"],
                    "source": record.get("source") or path.parent.name,
                    "url": record.get("url", ""),
                    "date": record.get("date", ""),
                }
            )
    return articles


def perturb(record: dict, copy: int, rng: random.Random) -> dict:
    """Return a lightly edited copy: one sentence dropped, one word changed, new id and outlet."""
    lines = [line for line in record["text"].split("\n") if line.strip()]
    if len(lines) > 3:
        del lines[rng.randrange(1, len(lines))]
    words = " \n ".join(lines).split(" ")
    if words:
        words[rng.randrange(len(words))] = rng.choice(["reportedly", "also", "now", "still"])
    return {
        **record,
        "id": f"{record['id']}~{copy}",
        "source": f"{record['source']} (syndicated {copy})",
        "text": " ".join(words).replace(" \n ", "\n"),
    }


def build_corpus(size: int, seed: int = 7) -> list[dict]:
    """Return ``size`` articles: the real ones first, then perturbed repeats."""
    real = load_real_articles()
    rng = random.Random(seed)
    corpus = real[:size]
    copy = 1
    while len(corpus) < size:
        for record in real:
            if len(corpus) >= size:
                break
            corpus.append(perturb(record, copy, rng))
        copy += 1
    return corpus


def run_once(path: str) -> dict:
    """Run the pipeline on one JSONL file in this process; return timings."""
    from newsfuse.pipeline import run

    started = time.perf_counter()
    result = run([path])
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if not result.articles:
        reasons = "; ".join(r.detail or r.reason for r in result.report.rejections[:3])
        sys.exit(f"no article was read from {path}: {reasons}")
    return {
        "seconds": seconds,
        "peak_mib": peak_mib,
        "articles": result.report.stage("ingest").kept,
        "stories": len(result.stories),
        "stages": {name: stats.seconds for name, stats in result.report.stages.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_once(args.child)))
        return

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"corpus-{size}.jsonl"
            with path.open("w", encoding="utf-8") as handle:
                for record in build_corpus(size):
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            runs = []
            for _ in range(args.repeats):
                out = subprocess.run(
                    [sys.executable, __file__, "--child", str(path)],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
            seconds = statistics.median(r["seconds"] for r in runs)
            stages = {
                name: statistics.median(r["stages"][name] for r in runs) for name in runs[0]["stages"]
            }
            rows.append(
                {
                    "size": size,
                    "articles": runs[0]["articles"],
                    "stories": runs[0]["stories"],
                    "seconds": seconds,
                    "articles_per_s": runs[0]["articles"] / seconds,
                    "peak_mib": statistics.median(r["peak_mib"] for r in runs),
                    "stages": stages,
                    "runs": len(runs),
                }
            )

    stage_names = list(rows[0]["stages"])
    header = ["articles", "stories", "runs", "total s", "articles/s", "peak MiB"] + [f"{n} s" for n in stage_names]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        cells = [
            f"{row['articles']:,}",
            f"{row['stories']:,}",
            str(row["runs"]),
            f"{row['seconds']:.1f}",
            f"{row['articles_per_s']:.0f}",
            f"{row['peak_mib']:.0f}",
        ] + [f"{row['stages'][n]:.1f}" for n in stage_names]
        print("| " + " | ".join(cells) + " |")
    print(f"\nmedians of {args.repeats} runs each; python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
