"""The story as an article: does its body keep the summary's content, and is every line grounded?

The stories of a labelled file go through the same pieces as ``newsfuse eval
summary`` (``clean_clusters``, ``brief_clusters`` with ``summary_words = N``);
each brief becomes an article (``compose_article(brief, N)``).  With
reference summaries (the summarization layout), the article's body and the
brief's ``summary``, both cut at N words, are scored with the same ROUGE-1/2/L
(``rouge_scores``) and the body's margin over the summary comes with a 95%
paired-bootstrap interval: ordering the sentences into paragraphs and
trimming them must not cost content.  On every file, every article is
checked with ``article_problems`` (each sentence slices its first cited span
exactly; outlets, budget, differences and pull quote hold).

Example:
    >>> result = evaluate_article("../shared/data/multinews_sample/clusters.jsonl", 230)  # doctest: +SKIP
    >>> print(format_article_table(result))                                              # doctest: +SKIP
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from newsfuse.brief.article import compose_article, article_problems
from newsfuse.config import Settings
from newsfuse.evaluate._briefing import briefs_at_words
from newsfuse.evaluate.summary import _ROUGE_TYPES, _bootstrap, cut_words, rouge_scores
from newsfuse.text import word_spans

__all__ = ["evaluate_article", "format_article_table"]

SYSTEMS = ("article body", "summary")


def evaluate_article(
    path: str | Path, words: int, settings: Settings | None = None, limit: int | None = None
) -> dict:
    """Return ROUGE of the article bodies and of the brief summaries, and the articles' faithfulness.

    Args:
        path: a summarization or clustering JSON Lines file (see ``read_clusters``).
        words: the body's word budget, and the summary's (``brief.summary_words``).
        settings: newsfuse settings (defaults when None).
        limit: use only the first ``limit`` stories.

    Returns:
        ``systems`` maps the body and the summary to mean ROUGE-1/2/L F1
        (percent) and mean words (empty without reference summaries);
        ``margin`` is the body minus the summary with a 95% bootstrap interval
        (``value`` rounded to two places, ``exact`` not) and ``meets_target``
        whether the body is not below the summary on any ROUGE, judged on the
        unrounded differences; ``margin_by_half`` the same difference (no
        interval) on the first and the second half of the stories, so that a
        change tuned on one half can be seen to hold on the other; ``shape``
        describes the articles; ``faithfulness`` lists problems.

    Raises:
        ValueError: ``words`` is below 1.
    """
    clusters, briefs, brief_seconds = briefs_at_words(path, words, settings, limit)
    begun = time.perf_counter()
    scores: dict[str, list[dict[str, float]]] = {name: [] for name in SYSTEMS}
    lengths: dict[str, list[int]] = {name: [] for name in SYSTEMS}
    problems: list[str] = []
    shape = {"paragraphs": [], "bullets": [], "differences": [], "pull_quotes": 0, "sentences": 0, "cited": 0}
    for cluster in clusters:
        brief = briefs.get(cluster.id)
        if brief is None:
            continue
        article = compose_article(brief, words)
        problems.extend(article_problems(article, brief))
        shape["paragraphs"].append(len(article.paragraphs))
        shape["bullets"].append(len(article.bullets))
        shape["differences"].append(len(article.differences))
        shape["pull_quotes"] += article.pull_quote is not None
        shape["sentences"] += len(article.sentences)
        shape["cited"] += sum(1 for s in article.sentences if len(s.sources) > 1)
        if not cluster.summary:
            continue
        outputs = {"article body": cut_words(article.body, words), "summary": cut_words(brief.summary, words)}
        for name in SYSTEMS:
            scores[name].append(rouge_scores(outputs[name], cluster.summary))
            lengths[name].append(len(word_spans(outputs[name])))
    article_seconds = time.perf_counter() - begun

    def mean(values: list[float], scale: float = 1.0) -> float:
        return round(scale * sum(values) / len(values), 2) if values else 0.0

    table = {
        name: {
            **{kind: mean([s[kind] for s in scores[name]], 100) for kind in _ROUGE_TYPES},
            "words": round(mean(lengths[name]), 1),
        }
        for name in SYSTEMS
        if scores[name]
    }
    margin = {}
    halves: list[dict[str, float]] = []
    if table:
        differences = {
            kind: np.array([100 * (a[kind] - b[kind]) for a, b in zip(scores["article body"], scores["summary"])])
            for kind in _ROUGE_TYPES
        }
        for kind in _ROUGE_TYPES:
            low, high = _bootstrap(differences[kind])
            margin[kind] = {
                "value": round(float(differences[kind].mean()), 2),
                "exact": float(differences[kind].mean()),
                "ci95": [round(low, 2), round(high, 2)],
            }
        middle = len(scores["summary"]) // 2
        if middle:
            halves = [
                {kind: round(float(differences[kind][part].mean()), 2) for kind in _ROUGE_TYPES}
                for part in (slice(0, middle), slice(middle, None))
            ]
    articles = len(shape["paragraphs"])
    return {
        "file": str(path),
        "words": words,
        "stories": len(clusters),
        "articles": articles,
        "systems": table,
        "margin": margin,
        "margin_by_half": halves,
        "meets_target": bool(margin) and all(m["exact"] >= 0 for m in margin.values()),
        "shape": {
            "mean_paragraphs": mean(shape["paragraphs"]),
            "paragraphs_3_to_6": sum(1 for n in shape["paragraphs"] if 3 <= n <= 6),
            "three_bullets": sum(1 for n in shape["bullets"] if n == 3),
            "with_differences": sum(1 for n in shape["differences"] if n),
            "with_pull_quote": shape["pull_quotes"],
            "body_sentences": shape["sentences"],
            "sentences_cited_by_several_outlets": shape["cited"],
        },
        "faithfulness": {"articles": articles, "problems": problems[:50], "problem_count": len(problems)},
        "seconds": {"briefs": round(brief_seconds, 1), "articles": round(article_seconds, 1)},
    }


def format_article_table(result: dict) -> str:
    """Return a Markdown table of an ``evaluate_article`` result, and the articles' shape."""
    lines = [f"Article: {result['stories']} stories, {result['words']}-word body ({result['file']})", ""]
    if result["systems"]:
        lines += ["| text | ROUGE-1 | ROUGE-2 | ROUGE-L | mean words |", "|---|---:|---:|---:|---:|"]
        for name, row in result["systems"].items():
            lines.append(
                f"| {name} | {row['rouge1']:.2f} | {row['rouge2']:.2f} | {row['rougeL']:.2f} | {row['words']:.1f} |"
            )
        parts = [
            f"{label} {m['exact']:+.3f} (95% CI {m['ci95'][0]:+.2f}..{m['ci95'][1]:+.2f})"
            for label, m in zip(("ROUGE-1", "ROUGE-2", "ROUGE-L"), result["margin"].values())
        ]
        verdict = "met" if result["meets_target"] else "NOT met"
        lines += ["", f"Body minus summary: {', '.join(parts)}; target (not below): {verdict}"]
        for name, half in zip(("first", "second"), result.get("margin_by_half", [])):
            values = "/".join(f"{value:+.2f}" for value in half.values())
            lines.append(f"  {name} half of the stories: ROUGE-1/2/L {values}")
    else:
        lines.append("No reference summaries in this file: ROUGE not scored.")
    shape, count = result["shape"], result["articles"]
    lines += [
        f"Articles: {count}; 3-6 paragraphs: {shape['paragraphs_3_to_6']} (mean {shape['mean_paragraphs']}); "
        f"3 bullets: {shape['three_bullets']}; with differences: {shape['with_differences']}; "
        f"with a pull quote: {shape['with_pull_quote']}",
        f"Body sentences: {shape['body_sentences']}, {shape['sentences_cited_by_several_outlets']} "
        "cited by more than one outlet",
        f"Faithfulness: {result['faithfulness']['problem_count']} problems in {count} articles",
        f"Time: briefs {result['seconds']['briefs']} s, articles {result['seconds']['articles']} s",
    ]
    return "\n".join(lines)
