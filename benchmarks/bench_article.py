"""Article benchmark: time to write each story as an article, beside the time to brief it.

Builds the briefs of the Multi-News sample's 250 stories (../shared/data,
as ``newsfuse eval article`` does), then times ``compose_article`` over all
of them at each word budget.  Each measurement runs in a fresh subprocess;
with ``--baseline SRC`` (the ``src`` folder of another checkout, for example
the previous stop's code from ``git archive``) the same measurement of that
code runs alternately with this one, and the table gives the ratio of the
medians.  Without it the ratio is article time over brief time: what writing
the article adds to the brief it is written from.

    python benchmarks/bench_article.py                        # 230 and 120 words, 3 runs each
    mkdir -p ../prev && git archive HEAD~3 src | tar -x -C ../prev    # an earlier version of the code
    python benchmarks/bench_article.py --baseline ../prev/src --repeats 5
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parents[1] / "shared" / "data" / "multinews_sample" / "clusters.jsonl"
OWN_SRC = HERE.parent / "src"


def _child(words: int) -> None:
    """Print the seconds to brief the sample and to compose its articles, as JSON."""
    from newsfuse.brief.article import compose_article
    from newsfuse.evaluate._briefing import briefs_at_words

    started = time.perf_counter()
    clusters, briefs, _ = briefs_at_words(SOURCE, words, None, None)
    briefed = time.perf_counter() - started
    stories = [briefs[c.id] for c in clusters if c.id in briefs]
    started = time.perf_counter()
    paragraphs = sum(len(compose_article(brief, words).paragraphs) for brief in stories)
    composed = time.perf_counter() - started
    print(json.dumps({"brief_s": briefed, "article_s": composed, "stories": len(stories), "paragraphs": paragraphs}))


def _measure(src: Path, words: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(words)], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, nargs="*", default=[230, 120])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="the src folder of the code to compare with")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        _child(args.child)
        return
    if not SOURCE.is_file():
        sys.exit(f"benchmark data missing: {SOURCE} (needs ../shared/data beside the project)")
    codes = [("this code", OWN_SRC)] + ([("baseline", args.baseline)] if args.baseline else [])
    rows = []
    for words in args.words:
        runs: dict[str, list[dict]] = {name: [] for name, _ in codes}
        for _ in range(args.repeats):
            for name, src in codes:  # alternately, so that both see the same machine load
                runs[name].append(_measure(src, words))
        medians = {
            name: (statistics.median(r["brief_s"] for r in found), statistics.median(r["article_s"] for r in found))
            for name, found in runs.items()
        }
        stories = runs["this code"][0]["stories"]
        for name, (brief_s, article_s) in medians.items():
            rows.append((words, name, stories, brief_s, article_s, 1000 * article_s / stories))
        brief_s, article_s = medians["this code"]
        if args.baseline:
            ratio = f"{medians['baseline'][1] / article_s:.2f}x faster than the baseline"
        else:
            ratio = f"articles take {article_s / brief_s:.2f}x the briefs' time"
        rows.append((words, ratio, "", "", "", ""))
    print(f"Median of {args.repeats} runs each (seconds; ms per story)\n")
    print("| words | code | stories | briefs s | articles s | ms per article |")
    print("|---|---|---:|---:|---:|---:|")
    for words, name, stories, brief_s, article_s, per in rows:
        if stories == "":
            print(f"| {words} | {name} | | | | |")
        else:
            print(f"| {words} | {name} | {stories} | {brief_s:.2f} | {article_s:.2f} | {per:.1f} |")


if __name__ == "__main__":
    main()
