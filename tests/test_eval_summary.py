"""The summary evaluation: ROUGE, word budgets, the baselines, and a small real run."""

from __future__ import annotations

import json

import pytest

from newsfuse.evaluate._punkt import Tokenizer
from newsfuse.evaluate.summary import (
    BASELINES,
    cut_words,
    evaluate_summary,
    format_summary_table,
    lead_summary,
    rouge_scores,
)
from newsfuse.models import CleanArticle, Sentence
from newsfuse.text import count_words, split_sentences

REFERENCE = (
    "Russian President Vladimir Putin said he is ready for direct talks with Ukraine's leader. "
    "The Kremlin proposed a 30-hour Easter ceasefire, which Kyiv said was violated thousands of times."
)


def _article(article_id: str, text: str) -> CleanArticle:
    sentences = tuple(
        Sentence(article_id, i, a, b, text[a:b]) for i, (a, b) in enumerate(split_sentences(text))
    )
    return CleanArticle(article_id, "Outlet " + article_id, "", text, sentences)


def test_rouge_of_a_perfect_prediction_is_one():
    assert rouge_scores(REFERENCE, REFERENCE) == {"rouge1": 1.0, "rouge2": 1.0, "rougeL": 1.0}
    assert rouge_scores("", REFERENCE)["rouge1"] == 0.0
    # Stemming: "proposes"/"proposed" count as one word.
    assert rouge_scores("Kremlin proposes ceasefire", "Kremlin proposed ceasefire")["rouge1"] == 1.0


def test_cut_words_keeps_at_most_the_budget():
    assert cut_words(REFERENCE, 5) == "Russian President Vladimir Putin said"
    assert count_words(cut_words(REFERENCE, 17)) == 17
    assert cut_words("Short text.", 60) == "Short text."


def test_baselines_choose_whole_source_sentences_within_the_budget():
    first = _article(
        "a",
        "Putin said he is ready for talks. The Kremlin proposed an Easter ceasefire. Kyiv was wary.\n\n"
        "Officials in Kyiv counted thousands of violations of the ceasefire.",
    )
    second = _article(
        "b",
        "The Kremlin proposed a 30-hour Easter ceasefire on Saturday. Ukraine said violations continued. "
        "Putin said he is ready for talks.",
    )
    assert lead_summary([first, second], 12) == "Putin said he is ready for talks. The Kremlin proposed an Easter"
    texts = first.text + " " + second.text
    for name, summarize in BASELINES.items():
        output = summarize([first, second], 20)
        assert 0 < count_words(output) <= 20, name
        # Every chosen sentence is a source sentence; a repeated sentence is taken once.
        assert output.count("Putin said he is ready for talks.") <= 1, name
        assert output.split(". ")[0].rstrip(".") in texts, name


def test_the_sumy_tokenizer_needs_no_nltk_data():
    tokenizer = Tokenizer()
    assert tokenizer.to_sentences("Mr. Smith went to Washington. He spoke.") == (
        "Mr. Smith went to Washington.",
        "He spoke.",
    )
    assert tokenizer.to_words("Kyiv's 30-hour truce") == ("Kyiv's", "30-hour", "truce")


def test_evaluate_summary_on_real_clusters(shared_data, tmp_path):
    path = shared_data / "multinews_sample" / "clusters.jsonl"
    predictions = tmp_path / "predictions.jsonl"
    result = evaluate_summary(path, 60, predictions=predictions, limit=3)
    assert result["stories"] == 3
    assert set(result["systems"]) == {"newsfuse", "lead", "centroid", "lexrank", "textrank"}
    for name, row in result["systems"].items():
        assert 0 < row["rouge1"] <= 100, name
        assert row["words"] <= 60, name
    assert result["best_baseline"] in BASELINES
    # Each margin is taken against the baseline best on its own measure.
    for kind, margin in result["margin"].items():
        best = max(result["systems"][name][kind] for name in BASELINES)
        assert result["systems"][margin["baseline"]][kind] == best, kind
        assert margin["value"] == pytest.approx(result["systems"]["newsfuse"][kind] - best, abs=0.011), kind
    # Every brief the evaluation built says only what its sources say.
    assert result["faithfulness"]["problem_count"] == 0, result["faithfulness"]["problems"]
    rows = [json.loads(line) for line in predictions.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["multinews_val_000", "multinews_val_001", "multinews_val_002"]
    assert all(count_words(r["summary"]) <= 60 for r in rows)
    table = format_summary_table(result)
    assert "| newsfuse |" in table and "best baseline" in table


def test_evaluate_summary_rejects_a_bad_budget(tmp_path):
    with pytest.raises(ValueError, match="words must be >= 1, got 0"):
        evaluate_summary(tmp_path / "none.jsonl", 0)
