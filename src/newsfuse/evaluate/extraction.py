"""How well newsfuse reads real pages: its HTML reader + cleaner against gold bodies.

Two public benchmarks (see each folder's README.md under ``shared/data``):

* ``article_extraction_benchmark`` (Zyte): 90 news pages with the full gold
  article body.  Scored with word-level precision/recall/F1 (bags of
  ``\\w+`` tokens) and with the benchmark's own metric (4-word shingles),
  both macro-averaged over pages as upstream does, so the numbers compare
  with the published table.
* ``trafilatura_eval``: 495 pages (mostly German) with segments that must
  (``with``) and must not (``without``) appear in the output; scored by
  substring matching, counts summed over pages, as upstream does.

Each page is read twice in the same run: by plain trafilatura
(``newsfuse.ingest.html.extract_body``, the same extraction options) as the
baseline, and by newsfuse (``parse_html`` then ``clean_article``).  The
cleaner runs with ``min_words=0``: the benchmark scores extraction, and a
short page is still a page; pages the cleaner rejects as not-an-article
count as empty output.

Example:
    >>> result = evaluate_extraction("../shared/data", limit=5)      # doctest: +SKIP
    >>> print(format_extraction_table(result))                       # doctest: +SKIP
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from newsfuse.config import CleanSettings
from newsfuse.errors import ItemError

__all__ = [
    "BENCHMARKS",
    "evaluate_extraction",
    "format_extraction_table",
    "segment_scores",
    "shingle_counts",
    "shingle_scores",
]

BENCHMARKS = ("article_extraction_benchmark", "trafilatura_eval")

_TOKEN = re.compile(r"\w+", re.UNICODE)

Extractor = Callable[[bytes, str], str]


def shingle_counts(gold: str, predicted: str, size: int = 1) -> tuple[float, float, float]:
    """Return page-normalised (TP, FP, FN) of the ``size``-word shingles of ``predicted`` vs ``gold``.

    ``size=1`` compares bags of words; ``size=4`` is the Zyte benchmark's
    metric.  Counts are divided by their sum so that every page weighs the
    same when averaged.

    Example:
        >>> shingle_counts("the talks resumed", "the talks resumed today")
        (0.75, 0.25, 0.0)
    """
    gold_shingles = _shingles(gold, size)
    predicted_shingles = _shingles(predicted, size)
    tp = sum((gold_shingles & predicted_shingles).values())
    fp = sum((predicted_shingles - gold_shingles).values())
    fn = sum((gold_shingles - predicted_shingles).values())
    total = tp + fp + fn
    if not total:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def _shingles(text: str, size: int) -> Counter:
    tokens = _TOKEN.findall(text or "")
    if size == 1:
        return Counter(tokens)
    return Counter(tuple(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)) if tokens)


def shingle_scores(counts: Sequence[tuple[float, float, float]]) -> dict[str, float]:
    """Return macro precision, recall and F1 over pages' (TP, FP, FN), as the Zyte benchmark computes them.

    A page with no predicted text is left out of precision; a page with no
    gold text is left out of recall; F1 is the harmonic mean of the two means.

    Example:
        >>> shingle_scores([(0.5, 0.5, 0.0), (1.0, 0.0, 0.0)])
        {'precision': 0.75, 'recall': 1.0, 'f1': 0.857}
    """

    def ratio(tp: float, other: float, rest: float) -> float:
        if other == rest == 0:
            return 1.0
        return tp / (tp + other) if tp + other else 0.0

    precisions = [ratio(tp, fp, fn) for tp, fp, fn in counts if tp + fp > 0]
    recalls = [ratio(tp, fn, fp) for tp, fp, fn in counts if tp + fn > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def segment_scores(pages: Iterable[tuple[str, Sequence[str], Sequence[str]]]) -> dict[str, float]:
    """Return precision, recall, F1 and accuracy of outputs against must/must-not segments.

    ``pages`` yields ``(output, with_segments, without_segments)``.  A
    ``with`` segment found in the white-space-normalised output is a true
    positive (else a false negative); a ``without`` segment found is a false
    positive (else a true negative).  Counts are summed over pages.

    Example:
        >>> segment_scores([("The talks  resumed.", ["talks resumed"], ["Imprint"])])["f1"]
        1.0
    """
    tp = fp = fn = tn = 0
    for output, must, must_not in pages:
        text = " ".join(output.split())
        for segment in must:
            if " ".join(segment.split()) in text:
                tp += 1
            else:
                fn += 1
        for segment in must_not:
            if " ".join(segment.split()) in text:
                fp += 1
            else:
                tn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    total = tp + fp + fn + tn
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "accuracy": round((tp + tn) / total, 3) if total else 0.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
    }


def _newsfuse_text(html: bytes, url: str, settings: CleanSettings, problems: Counter) -> str:
    """Return newsfuse's clean text of a page ("" when it reads none), counting the reasons."""
    from newsfuse.clean import clean_article
    from newsfuse.clean.shape import same_line
    from newsfuse.ingest.files import decode_bytes
    from newsfuse.ingest.html import parse_html

    try:
        article = parse_html(decode_bytes(html, url, use_declared_charset=True), url)
        clean = clean_article(article, settings)
    except ItemError as exc:
        problems[exc.reason] += 1
        return ""
    # The cleaner moves a headline that the body repeats into ``title``; the
    # gold of both benchmarks keeps such a headline in the body, so it is put
    # back for scoring (newsfuse keeps it, in another field).
    if any(r.reason == "repeated-headline" and same_line(r.text.split("\n")[0], clean.title)
           for r in clean.removed):
        return f"{clean.title}\n\n{clean.text}"
    return clean.text


def _baseline_text(html: bytes, url: str) -> str:
    from newsfuse.ingest.files import decode_bytes
    from newsfuse.ingest.html import extract_body

    try:
        return extract_body(decode_bytes(html, url, use_declared_charset=True), url)
    except ItemError:
        return ""


def _read_pages(folder: Path, limit: int | None) -> list[dict[str, Any]]:
    lines = (folder / "pages.jsonl").read_text(encoding="utf-8").splitlines()
    pages = [json.loads(line) for line in lines if line.strip()]
    return pages[:limit] if limit else pages


def _html(folder: Path, page: dict[str, Any]) -> bytes:
    return gzip.decompress((folder / page["html_file"]).read_bytes())


def _evaluate_zyte(folder: Path, limit: int | None, settings: CleanSettings) -> dict[str, Any]:
    pages = _read_pages(folder, limit)
    counts: dict[str, dict[int, list]] = {"newsfuse": {1: [], 4: []}, "trafilatura": {1: [], 4: []}}
    problems: Counter = Counter()
    for page in pages:
        html = _html(folder, page)
        outputs = {
            "newsfuse": _newsfuse_text(html, page.get("url", ""), settings, problems),
            "trafilatura": _baseline_text(html, page.get("url", "")),
        }
        for name, output in outputs.items():
            for size in (1, 4):
                counts[name][size].append(shingle_counts(page["text"], output, size))
    return {
        "pages": len(pages),
        "cleaner_rejected": dict(problems),
        **{
            name: {"words": shingle_scores(by_size[1]), "shingles": shingle_scores(by_size[4])}
            for name, by_size in counts.items()
        },
    }


def _evaluate_segments(folder: Path, limit: int | None, settings: CleanSettings) -> dict[str, Any]:
    pages = _read_pages(folder, limit)
    rows: dict[str, list] = {"newsfuse": [], "trafilatura": []}
    problems: Counter = Counter()
    for page in pages:
        html = _html(folder, page)
        url = page.get("url", "")
        must, must_not = page.get("with", []), page.get("without", [])
        rows["newsfuse"].append((_newsfuse_text(html, url, settings, problems), must, must_not))
        rows["trafilatura"].append((_baseline_text(html, url), must, must_not))
    return {
        "pages": len(pages),
        "cleaner_rejected": dict(problems),
        **{name: {"segments": segment_scores(page_rows)} for name, page_rows in rows.items()},
    }


def evaluate_extraction(
    dataset_dir: str | Path,
    *,
    limit: int | None = None,
    benchmarks: Sequence[str] = BENCHMARKS,
) -> dict[str, Any]:
    """Return newsfuse's and plain trafilatura's scores on the extraction benchmarks.

    Args:
        dataset_dir: the evaluation data folder holding ``article_extraction_benchmark/``
            and ``trafilatura_eval/`` (or one of those folders itself).
        limit: score only the first ``limit`` pages of each benchmark (for quick checks).
        benchmarks: which of ``BENCHMARKS`` to run.

    Raises:
        FileNotFoundError: when no benchmark folder is found under ``dataset_dir``.
        ValueError: for an unknown benchmark name.

    Example:
        >>> evaluate_extraction("../shared/data", limit=3)["article_extraction_benchmark"]["pages"]  # doctest: +SKIP
        3
    """
    unknown = [name for name in benchmarks if name not in BENCHMARKS]
    if unknown:
        raise ValueError(f"unknown benchmark {unknown[0]!r}; choose from {', '.join(BENCHMARKS)}")
    root = Path(dataset_dir)
    folders = {name: root / name for name in benchmarks}
    if root.name in BENCHMARKS:
        folders = {root.name: root}
    present = {name: folder for name, folder in folders.items() if (folder / "pages.jsonl").is_file()}
    if not present:
        raise FileNotFoundError(
            f"no extraction benchmark under {root}: expected {' or '.join(BENCHMARKS)} "
            "folders with a pages.jsonl"
        )
    settings = CleanSettings(min_words=0)
    result: dict[str, Any] = {}
    started = time.perf_counter()
    for name, folder in present.items():
        if name == "article_extraction_benchmark":
            result[name] = _evaluate_zyte(folder, limit, settings)
        else:
            result[name] = _evaluate_segments(folder, limit, settings)
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def format_extraction_table(result: dict[str, Any]) -> str:
    """Return the scores of ``evaluate_extraction`` as a plain-text table.

    Example:
        >>> scores = {"precision": 0.9, "recall": 0.8, "f1": 0.847}
        >>> print(format_extraction_table({"trafilatura_eval": {"pages": 2, "cleaner_rejected": {},
        ...     "newsfuse": {"segments": scores}, "trafilatura": {"segments": scores}}}))
        benchmark         pages  metric    system       precision  recall     F1
        trafilatura_eval      2  segments  newsfuse         0.900   0.800  0.847
        trafilatura_eval      2  segments  trafilatura      0.900   0.800  0.847
    """
    header = ("benchmark", "pages", "metric", "system", "precision", "recall", "F1")
    rows = []
    for name in BENCHMARKS:
        part = result.get(name)
        if not part:
            continue
        metrics = [m for m in ("words", "shingles", "segments") if m in part.get("newsfuse", {})]
        for metric in metrics:
            for system in ("newsfuse", "trafilatura"):
                scores = part[system][metric]
                rows.append(
                    (
                        name,
                        str(part["pages"]),
                        metric,
                        system,
                        f"{scores['precision']:.3f}",
                        f"{scores['recall']:.3f}",
                        f"{scores['f1']:.3f}",
                    )
                )
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    right = {1, 4, 5, 6}

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(cells)
        ).rstrip()

    out = [line(header), *(line(r) for r in rows)]
    notes = [
        f"{name}: the cleaner rejected {', '.join(f'{n} {k}' for k, n in part['cleaner_rejected'].items())}"
        for name in BENCHMARKS
        if (part := result.get(name)) and part.get("cleaner_rejected")
    ]
    return "\n".join(out + notes)
