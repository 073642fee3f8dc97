"""Alignment measured on sentence pairs judged by hand: do two outlets' sentences report one fact?

A key point names the outlets that carry it, and each of its evidence
sentences is shown as "also reported by".  That claim rests on the
alignment of sentences across articles (``newsfuse.brief.align``): two
sentences report one fact when ``StoryView.aligned`` says so.

The labels (``tests/data/alignment_pairs.jsonl``) are pairs of sentences
that newsfuse's key points put together before session 9, drawn at random
in two batches: ``tuning`` (120 pairs: 50 from the Multi-News sample, 35
from BASIL, 35 from ECB+), on which the rule was chosen, and ``check`` (65
other pairs: 25, 20, 20), judged after the rule was fixed.  A third batch,
``session25`` (60 pairs, 20 per file), holds pairs that the key points of
session 24 aligned, judged before the rule was changed again.  Each was read
and judged: 1 when both report one fact (in other words, or with
another number: "six stories below" and "eight stories below" is one fact
and a dispute), 0 when they share a topic or names but state different
things ("Gorsuch said ... Congress" and "Gorsuch wrote ... Congress"), 0.5
when unclear.  A pair is given by its file under ``../shared/data``, its
story and both sentences (clean article id, start, end, and a digest of the
text, so that a change of the cleaner cannot make it point at another
sentence unnoticed).

For each pair the evaluation rebuilds the story's view and reports, per
file and overall, the share of the pairs a rule aligns that report one
fact (precision, a 0.5 counting half) and the share of the pairs that
report one fact it still aligns (recall against what the labels hold:
pairs no rule proposed are not in the sample), for newsfuse's
``aligned`` and, in the same run, the cosine alone at ``ALIGN_THRESHOLD``
(which aligns every labelled pair whose sentences are that close).

    newsfuse eval alignment tests/data/alignment_pairs.jsonl --data ../shared/data
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from newsfuse.errors import InputError

__all__ = ["AlignmentScore", "evaluate_alignment", "format_alignment_table"]


@dataclass(frozen=True, slots=True)
class AlignmentScore:
    """Precision and recall of one rule on the labelled pairs of one file (or all)."""

    batch: str
    file: str
    rule: str
    pairs: int
    aligned: int
    precision: float
    recall: float


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _read_labels(path: Path) -> list[dict]:
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    labels = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            labels.append({"batch": str(record.get("batch", "")), "file": record["file"], "story": record["story"],
                           "a": record["a"], "b": record["b"], "same_fact": float(record["same_fact"])})
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{number}: not a labelled pair ({exc})") from None
    return labels


def _score(batch: str, file: str, rule: str, judged: Sequence[tuple[float, bool]]) -> AlignmentScore:
    kept = [label for label, is_aligned in judged if is_aligned]
    right = sum(label for label, _ in judged)
    return AlignmentScore(
        batch=batch,
        file=file,
        rule=rule,
        pairs=len(judged),
        aligned=len(kept),
        precision=sum(kept) / len(kept) if kept else 0.0,
        recall=sum(kept) / right if right else 0.0,
    )


def evaluate_alignment(
    labels_path: str | Path, data: str | Path, limit: int | None = None
) -> list[AlignmentScore]:
    """Return the scores of newsfuse's alignment and of the cosine alone on the labelled pairs.

    Args:
        limit: score only the first ``limit`` labelled pairs of the file.

    Raises:
        ValueError: ``limit`` is below 1.
        InputError: the labels or a data file are missing or malformed, or a
            labelled sentence is no longer where the labels say (the cleaner
            or the sentence splitter changed: label the pairs again).
    """
    from newsfuse.brief.align import ALIGN_THRESHOLD, build_view
    from newsfuse.config import Settings
    from newsfuse.dedup import find_duplicates
    from newsfuse.evaluate._briefing import clean_clusters, read_clusters

    if limit is not None and limit < 1:
        raise ValueError(f"limit must be >= 1 (or None for every pair), got {limit}")
    labels = _read_labels(Path(labels_path))[:limit]
    settings = Settings()
    judged: dict[tuple[str, str], dict[str, list[tuple[float, bool]]]] = {}
    for file in dict.fromkeys(label["file"] for label in labels):
        if not (Path(data) / file).is_file():
            raise InputError(
                f"{Path(data) / file}: no such file; the labels name files under the evaluation data "
                "folder: give that folder (--data)"
            )
        wanted = {label["story"] for label in labels if label["file"] == file}
        clusters = [c for c in read_clusters(Path(data) / file) if c.id in wanted]
        views = {
            c.id: build_view(c.articles, find_duplicates(c.articles, settings.dedup))
            for c in clean_clusters(clusters, settings)
        }
        for label in (x for x in labels if x["file"] == file):
            rules = judged.setdefault((label["batch"], file), {"newsfuse": [], "cosine alone": []})
            view = views.get(label["story"])
            if view is None:
                raise InputError(f"{file}: no story {label['story']!r}")
            ids = [a.id for a in view.articles]
            found = []
            for article, start, end, digest in (label["a"], label["b"]):
                index = view.sentence_index(ids.index(article), start) if article in ids else -1
                text = view.articles[ids.index(article)].text[start:end] if index >= 0 else ""
                if index < 0 or _digest(text) != digest:
                    raise InputError(f"{file}: story {label['story']}: no labelled sentence at {article} {start}-{end}")
                found.append(index)
            i, j = found
            rules["newsfuse"].append((label["same_fact"], bool(view.aligned[i, j])))
            rules["cosine alone"].append((label["same_fact"], bool(view.similarity[i, j] >= ALIGN_THRESHOLD)))
    scores = []
    for batch in dict.fromkeys(label["batch"] for label in labels):
        files = [(file, rules) for (b, file), rules in judged.items() if b == batch]
        scores += [_score(batch, file, rule, pairs) for file, rules in files for rule, pairs in rules.items()]
        for rule in ("newsfuse", "cosine alone"):
            scores.append(_score(batch, "all", rule, [p for _, rules in files for p in rules[rule]]))
    return scores


def format_alignment_table(scores: Sequence[AlignmentScore]) -> str:
    """Return the scores as a Markdown table."""
    lines = [
        "| batch | file | rule | labelled pairs | aligned | precision | recall |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    for s in scores:
        lines.append(
            f"| {s.batch} | {s.file} | {s.rule} | {s.pairs} | {s.aligned} | {s.precision:.3f} | {s.recall:.3f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """Print the alignment table for a labels file."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m newsfuse.evaluate.alignment", description=__doc__.splitlines()[0])
    parser.add_argument("labels", type=Path, help="labelled pairs (tests/data/alignment_pairs.jsonl)")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"), help="the evaluation data folder")
    args = parser.parse_args(argv)
    try:
        scores = evaluate_alignment(args.labels, args.data)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    print(format_alignment_table(scores))


if __name__ == "__main__":  # pragma: no cover
    main()
