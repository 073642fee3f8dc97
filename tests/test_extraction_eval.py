"""The extraction evaluation: its metrics, and newsfuse against plain trafilatura on real pages."""

from __future__ import annotations

import pytest

from newsfuse.evaluate.extraction import (
    evaluate_extraction,
    format_extraction_table,
    segment_scores,
    shingle_counts,
    shingle_scores,
)


def test_word_and_shingle_counts():
    gold = "the talks resumed in Geneva on Monday"
    assert shingle_counts(gold, gold) == (1.0, 0.0, 0.0)
    assert shingle_counts(gold, "") == (0.0, 0.0, 1.0)
    # 7 gold words, 2 predicted extra: TP 7, FP 2, FN 0, normalised by 9.
    tp, fp, fn = shingle_counts(gold, gold + " Share this")
    assert (round(tp, 3), round(fp, 3), fn) == (0.778, 0.222, 0.0)
    # 4-word shingles: 4 in gold, 3 of them predicted when the last word is missing.
    tp, fp, fn = shingle_counts(gold, "the talks resumed in Geneva on", size=4)
    assert (tp, fp, round(fn, 3)) == (0.75, 0.0, 0.25)


def test_macro_scores_skip_empty_sides():
    # An empty prediction counts against recall only; a page with no gold against precision only.
    assert shingle_scores([(1.0, 0.0, 0.0), (0.0, 0.0, 1.0)]) == {"precision": 1.0, "recall": 0.5, "f1": 0.667}
    assert shingle_scores([]) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_segment_scores():
    pages = [
        ("The talks\nresumed on Monday. Imprint", ["talks resumed", "on Monday"], ["Imprint", "Cookies"]),
        ("", ["anything"], ["Menu"]),
    ]
    assert segment_scores(pages) == {
        "precision": 0.667,
        "recall": 0.667,
        "f1": 0.667,
        "accuracy": 0.667,
        "tp": 2,
        "fp": 1,
        "fn": 1,
        "tn": 2,
    }


def test_bad_arguments(tmp_path):
    with pytest.raises(ValueError, match=r"^unknown benchmark 'cleaneval'; choose from article_extraction_benchmark, trafilatura_eval$"):
        evaluate_extraction(tmp_path, benchmarks=["cleaneval"])
    with pytest.raises(FileNotFoundError, match=r"no extraction benchmark under"):
        evaluate_extraction(tmp_path)


def test_newsfuse_does_not_lower_extraction_quality(shared_data):
    """On real pages the cleaner must not cost F1 against plain trafilatura; it should add precision."""
    result = evaluate_extraction(shared_data, limit=25)
    zyte = result["article_extraction_benchmark"]
    assert zyte["pages"] == 25
    for metric in ("words", "shingles"):
        ours, baseline = zyte["newsfuse"][metric], zyte["trafilatura"][metric]
        assert ours["f1"] >= baseline["f1"]
        assert ours["precision"] > baseline["precision"]
        assert ours["recall"] >= baseline["recall"] - 0.01
    segments = result["trafilatura_eval"]
    assert segments["newsfuse"]["segments"]["f1"] >= segments["trafilatura"]["segments"]["f1"]
    table = format_extraction_table(result)
    assert table.splitlines()[0].split() == ["benchmark", "pages", "metric", "system", "precision", "recall", "F1"]
    assert len(table.splitlines()) >= 7
