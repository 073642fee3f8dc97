"""The brief's summary as a multi-document summary: ROUGE against reference summaries.

Each line of a summarization file (``{"id", "articles", "summary"}``) is one
story, so nothing is clustered: every article goes through ``clean_article``,
the story through ``find_duplicates`` and ``build_briefs`` with
``summary_words = N``, and the brief's ``summary`` is cut at N words.  In the
same run, on the same clean articles and sentences, four baselines get the
same word budget:

* ``lead``: the first sentences of the first article;
* ``centroid``: sentences closest (TF-IDF cosine) to the centroid of all the
  story's sentences, skipping any too close to one already taken (Radev et
  al. 2004, without their position and first-sentence terms);
* ``lexrank`` and ``textrank``: sumy's implementations (English stemmer and
  stop words).

A baseline takes sentences best-ranked first, leaves out exact repeats (wire
copies), and is cut at N words like newsfuse.  Baselines read newsfuse's
*clean* text, so they are spared the page noise that cleaning removes: the
comparison is between summarizers, not between cleaners.  Scores are ROUGE-1,
ROUGE-2 and ROUGE-L F1 (``rouge-score``, Porter stemming), macro-averaged
over stories and given in percent, as Multi-News papers report them.

Example:
    >>> result = evaluate_summary("../shared/data/multinews_sample/clusters.jsonl", 230)  # doctest: +SKIP
    >>> print(format_summary_table(result))                                              # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from newsfuse.config import Settings
from newsfuse.evaluate._briefing import (
    briefs_at_words,
    faithfulness_problems,
    require,
)
from newsfuse.models import CleanArticle
from newsfuse.text import fold, word_spans

__all__ = [
    "BASELINES",
    "centroid_summary",
    "cut_words",
    "evaluate_summary",
    "format_summary_table",
    "lead_summary",
    "lexrank_summary",
    "rouge_scores",
    "textrank_summary",
]

# The target: newsfuse ahead of the best baseline by this many points.
TARGET_ROUGE1_MARGIN = 3.0
TARGET_ROUGE2_MARGIN = 2.0

# Centroid baseline: a sentence this close (cosine) to one already taken repeats it.
CENTROID_REDUNDANCY = 0.5

# Paired bootstrap of newsfuse minus the best baseline: resamples, seed.
BOOTSTRAP_SAMPLES = 1000
BOOTSTRAP_SEED = 13

_ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")

Summarizer = Callable[[Sequence[CleanArticle], int], str]


def cut_words(text: str, budget_words: int) -> str:
    """Return ``text`` up to the end of its ``budget_words``-th word (all of it when shorter).

    Example:
        >>> cut_words("Putin proposed talks, the Kremlin said on Sunday.", 4)
        'Putin proposed talks, the'
    """
    spans = word_spans(text)
    if len(spans) <= budget_words:
        return text.strip()
    return text[: spans[budget_words - 1][1]] if budget_words > 0 else ""


_SCORER = None


def rouge_scores(prediction: str, reference: str) -> dict[str, float]:
    """Return ROUGE-1, ROUGE-2 and ROUGE-L F1 of ``prediction`` against ``reference``, in [0, 1].

    Example:
        >>> rouge_scores("the talks resumed", "the talks resumed")
        {'rouge1': 1.0, 'rouge2': 1.0, 'rougeL': 1.0}
    """
    global _SCORER
    if _SCORER is None:
        rouge_scorer = require("rouge_score.rouge_scorer", "rouge-score")
        _SCORER = rouge_scorer.RougeScorer(list(_ROUGE_TYPES), use_stemmer=True)
    scores = _SCORER.score(reference, prediction)
    return {name: scores[name].fmeasure for name in _ROUGE_TYPES}


def _sentences(articles: Sequence[CleanArticle]) -> list[str]:
    return [s.text for a in articles for s in a.sentences if s.text.strip()]


def _fill(ranked: Sequence[str], budget_words: int) -> str:
    """Return the ranked sentences joined until the budget is reached, repeats left out, cut at the budget."""
    chosen: list[str] = []
    seen: set[str] = set()
    used = 0
    for sentence in ranked:
        key = " ".join(fold(sentence).split())
        if key in seen:
            continue
        seen.add(key)
        chosen.append(sentence.strip())
        used += len(word_spans(sentence))
        if used >= budget_words:
            break
    return cut_words(" ".join(chosen), budget_words)


def lead_summary(articles: Sequence[CleanArticle], budget_words: int) -> str:
    """Return the first sentences of the first article, cut at ``budget_words``."""
    return _fill(_sentences(articles[:1]), budget_words)


def centroid_summary(articles: Sequence[CleanArticle], budget_words: int) -> str:
    """Return the sentences closest to the story's TF-IDF centroid, cut at ``budget_words``."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    sentences = _sentences(articles)
    if not sentences:
        return ""
    try:
        matrix = TfidfVectorizer(stop_words="english").fit_transform(sentences)
    except ValueError:  # only stop words
        return _fill(sentences, budget_words)
    centroid = np.asarray(matrix.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid) or 1.0
    scores = matrix @ (centroid / norm)
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    kept: list[int] = []
    for index in order:
        if kept:
            similarity = (matrix[kept] @ matrix[index].T).toarray().ravel()
            if similarity.max() > CENTROID_REDUNDANCY:
                continue
        kept.append(index)
    return _fill([sentences[i] for i in kept], budget_words)


def _sumy_ranked(summarizer: object, articles: Sequence[CleanArticle]) -> list[str]:
    """Return the story's sentences as a sumy summarizer ranks them, best first."""
    require("sumy", "sumy")
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    from newsfuse.evaluate._punkt import Tokenizer

    tokenizer = Tokenizer()
    paragraphs = [
        Paragraph([Sentence(s.text, tokenizer) for s in a.sentences if s.text.strip()]) for a in articles
    ]
    document = ObjectDocumentModel([p for p in paragraphs if p.sentences])
    if not document.sentences:
        return []
    ranked: list[str] = []

    def take_ranking(infos):  # sumy passes every sentence, best-rated first
        ranked.extend(str(info.sentence) for info in infos)
        return []

    summarizer(document, take_ranking)
    return ranked


def _sumy(name: str) -> object:
    require("sumy", "sumy")
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    summarizer = (LexRankSummarizer if name == "lexrank" else TextRankSummarizer)(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return summarizer


def lexrank_summary(articles: Sequence[CleanArticle], budget_words: int) -> str:
    """Return sumy's LexRank summary of the story, cut at ``budget_words``."""
    return _fill(_sumy_ranked(_sumy("lexrank"), articles), budget_words)


def textrank_summary(articles: Sequence[CleanArticle], budget_words: int) -> str:
    """Return sumy's TextRank summary of the story, cut at ``budget_words``."""
    return _fill(_sumy_ranked(_sumy("textrank"), articles), budget_words)


BASELINES: dict[str, Summarizer] = {
    "lead": lead_summary,
    "centroid": centroid_summary,
    "lexrank": lexrank_summary,
    "textrank": textrank_summary,
}


def _write_predictions(path: Path, rows: Sequence[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _bootstrap(differences: np.ndarray) -> tuple[float, float]:
    """Return the 95% paired-bootstrap interval of the mean of ``differences``."""
    if len(differences) == 0:
        return 0.0, 0.0
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    means = differences[rng.integers(0, len(differences), (BOOTSTRAP_SAMPLES, len(differences)))].mean(axis=1)
    return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def evaluate_summary(
    path: str | Path,
    words: int,
    settings: Settings | None = None,
    predictions: str | Path | None = None,
    limit: int | None = None,
) -> dict:
    """Return ROUGE of newsfuse's summaries and of the baselines on a summarization file.

    Args:
        path: a summarization JSON Lines file (``{"id", "articles", "summary"}`` a line).
        words: the word budget of every summary (newsfuse's ``brief.summary_words``).
        settings: newsfuse settings (defaults when None); ``brief.summary_words`` is set to ``words``.
        predictions: where to write newsfuse's ``{"id", "summary"}`` per story (JSON Lines).
        limit: score only the first ``limit`` stories.

    Returns:
        ``systems`` maps each system to its mean ROUGE-1/2/L F1 (percent) and
        mean words; ``margin`` holds, for ROUGE-1 and ROUGE-2, newsfuse minus
        the baseline best on that measure (``baseline``), with a 95% bootstrap
        interval; ``best_baseline`` is the best on ROUGE-1; ``meets_target``
        compares the margins with the target; ``faithfulness`` lists problems
        found in the briefs.

    Raises:
        ValueError: ``words`` is below 1.
    """
    clusters, briefs, brief_seconds = briefs_at_words(path, words, settings, limit)
    systems = ["newsfuse", *BASELINES]
    scores: dict[str, list[dict[str, float]]] = {name: [] for name in systems}
    lengths: dict[str, list[int]] = {name: [] for name in systems}
    rows = []
    problems: list[str] = []
    baseline_seconds = 0.0
    for cluster in clusters:
        brief = briefs.get(cluster.id)
        outputs = {"newsfuse": cut_words(brief.summary, words) if brief else ""}
        if brief is not None:
            problems.extend(faithfulness_problems(brief))
        begun = time.perf_counter()
        for name, summarize in BASELINES.items():
            outputs[name] = summarize(cluster.articles, words) if cluster.articles else ""
        baseline_seconds += time.perf_counter() - begun
        for name in systems:
            scores[name].append(rouge_scores(outputs[name], cluster.summary))
            lengths[name].append(len(word_spans(outputs[name])))
        rows.append({"id": cluster.id, "summary": outputs["newsfuse"]})
    if predictions is not None:
        _write_predictions(Path(predictions), rows)

    def mean(name: str, kind: str) -> float:
        values = [s[kind] for s in scores[name]]
        return round(100 * sum(values) / len(values), 2) if values else 0.0

    table = {
        name: {
            **{kind: mean(name, kind) for kind in _ROUGE_TYPES},
            "words": round(sum(lengths[name]) / len(lengths[name]), 1) if lengths[name] else 0.0,
        }
        for name in systems
    }
    # Each measure against the baseline best on it: the lead may be best on ROUGE-2 and the centroid on ROUGE-1.
    best_on = {kind: max(BASELINES, key=lambda n: (table[n][kind], n)) for kind in ("rouge1", "rouge2")}
    margin = {}
    for kind, best in best_on.items():
        differences = np.array([100 * (a[kind] - b[kind]) for a, b in zip(scores["newsfuse"], scores[best])])
        low, high = _bootstrap(differences)
        margin[kind] = {
            "baseline": best,
            "value": round(table["newsfuse"][kind] - table[best][kind], 2),
            "ci95": [round(low, 2), round(high, 2)],
        }
    rejected: dict[str, int] = {}
    for cluster in clusters:
        for reason, count in cluster.rejected.items():
            rejected[reason] = rejected.get(reason, 0) + count
    return {
        "file": str(path),
        "words": words,
        "stories": len(clusters),
        "articles": sum(len(c.articles) + sum(c.rejected.values()) for c in clusters),
        "rejected_articles": dict(sorted(rejected.items())),
        "stories_without_articles": sum(1 for c in clusters if not c.articles),
        "systems": table,
        "best_baseline": best_on["rouge1"],
        "margin": margin,
        "target": {"rouge1": TARGET_ROUGE1_MARGIN, "rouge2": TARGET_ROUGE2_MARGIN},
        "meets_target": margin["rouge1"]["value"] >= TARGET_ROUGE1_MARGIN
        and margin["rouge2"]["value"] >= TARGET_ROUGE2_MARGIN,
        "faithfulness": {"briefs": len(briefs), "problems": problems[:50], "problem_count": len(problems)},
        "seconds": {"newsfuse": round(brief_seconds, 1), "baselines": round(baseline_seconds, 1)},
    }


def format_summary_table(result: dict) -> str:
    """Return a Markdown table of a ``evaluate_summary`` result, newsfuse first."""
    lines = [
        f"Summary: {result['stories']} stories, {result['words']}-word budget ({result['file']})",
        "",
        "| system | ROUGE-1 | ROUGE-2 | ROUGE-L | mean words |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, row in result["systems"].items():
        lines.append(
            f"| {name} | {row['rouge1']:.2f} | {row['rouge2']:.2f} | {row['rougeL']:.2f} | {row['words']:.1f} |"
        )
    m1, m2 = result["margin"]["rouge1"], result["margin"]["rouge2"]
    lines += [
        "",
        "newsfuse minus the best baseline on each measure: "
        f"ROUGE-1 {m1['value']:+.2f} over {m1['baseline']} (95% CI {m1['ci95'][0]:+.2f}..{m1['ci95'][1]:+.2f}), "
        f"ROUGE-2 {m2['value']:+.2f} over {m2['baseline']} (95% CI {m2['ci95'][0]:+.2f}..{m2['ci95'][1]:+.2f}); "
        f"target +{result['target']['rouge1']:g} / +{result['target']['rouge2']:g}: "
        f"{'met' if result['meets_target'] else 'NOT met'}",
        f"Articles rejected by cleaning: {sum(result['rejected_articles'].values())} of {result['articles']} "
        f"{result['rejected_articles'] or ''}; stories left with none: {result['stories_without_articles']}",
        f"Faithfulness: {result['faithfulness']['problem_count']} problems "
        f"in {result['faithfulness']['briefs']} briefs",
    ]
    return "\n".join(lines)
