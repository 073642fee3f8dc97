"""Clustering metrics on hand-computed cases, the evaluation runner, and the quality gates."""

from __future__ import annotations

import json

import pytest
from sklearn.metrics import adjusted_rand_score

from newsfuse.errors import InputError
from newsfuse.evaluate.cluster import (
    cluster_errors,
    evaluate_clustering,
    evaluate_duplicates,
    format_cluster_errors,
    format_cluster_table,
    format_duplicates_table,
    format_summary_table,
    load_labelled,
    mix_labelled,
)
from newsfuse.evaluate.metrics import (
    Scores,
    adjusted_rand_index,
    bcubed,
    labels_from_clusters,
    pair_scores,
    pairwise,
)

# gold: {a, b, c} {d, e};  pred: {a, b} {c, d, e}
GOLD = {"a": "G1", "b": "G1", "c": "G1", "d": "G2", "e": "G2"}
PRED = {"a": "P1", "b": "P1", "c": "P2", "d": "P2", "e": "P2"}


def test_bcubed_on_a_hand_computed_case():
    # precision per item: a 2/2, b 2/2, c 1/3, d 2/3, e 2/3 -> 11/15
    # recall per item:    a 2/3, b 2/3, c 1/3, d 2/2, e 2/2 -> 11/15
    precision, recall, f1 = bcubed(PRED, GOLD)
    assert precision == pytest.approx(11 / 15)
    assert recall == pytest.approx(11 / 15)
    assert f1 == pytest.approx(11 / 15)


def test_bcubed_extremes():
    assert bcubed(GOLD, GOLD) == Scores(1.0, 1.0, 1.0)
    singletons = {k: k for k in GOLD}
    precision, recall, _ = bcubed(singletons, GOLD)
    assert precision == 1.0
    assert recall == pytest.approx((1 / 3 * 3 + 1 / 2 * 2) / 5)
    one = {k: 0 for k in GOLD}
    precision, recall, _ = bcubed(one, GOLD)
    assert recall == 1.0
    assert precision == pytest.approx((3 * 3 / 5 + 2 * 2 / 5) / 5)


def test_pairwise_on_a_hand_computed_case():
    # predicted pairs ab cd ce de, gold pairs ab ac bc de: 2 of 4 either way
    assert pairwise(PRED, GOLD) == Scores(0.5, 0.5, 0.5)
    assert pairwise({k: k for k in GOLD}, GOLD) == Scores(0.0, 0.0, 0.0)


def test_ari_matches_scikit_learn_and_ignores_label_names():
    ids = sorted(GOLD)
    expected = adjusted_rand_score([GOLD[i] for i in ids], [PRED[i] for i in ids])
    assert adjusted_rand_index(PRED, GOLD) == pytest.approx(expected)
    renamed = {k: {"G1": 7, "G2": 9}[v] for k, v in GOLD.items()}
    assert adjusted_rand_index(renamed, GOLD) == 1.0


def test_scores_use_the_gold_ids_and_need_a_label_for_each():
    assert bcubed({**PRED, "extra": "P9"}, GOLD) == bcubed(PRED, GOLD)
    with pytest.raises(ValueError, match="pred has no label for 1 gold id"):
        bcubed({k: v for k, v in PRED.items() if k != "e"}, GOLD)


def test_pair_scores_and_labels_from_clusters():
    assert pair_scores([True, True, False, False], [True, False, True, False]) == Scores(0.5, 0.5, 0.5)
    assert labels_from_clusters([("a", "b"), ("c",)]) == {"a": 0, "b": 0, "c": 1}
    with pytest.raises(ValueError, match="id 'a' stands in clusters 0 and 1"):
        labels_from_clusters([("a",), ("a", "b")])


STORY_ONE = (
    "A magnitude 6.1 earthquake struck Qeshm island in southern Iran on Sunday, killing ten people "
    "and injuring dozens, the Iranian Red Crescent said. Rescue teams from Bandar Abbas reached the "
    "villages of Tonban and Kusheh by evening."
)
STORY_TWO = (
    "The Riverside city council approved a new school budget on Monday night after a long debate. "
    "Mayor Jane Doe said the plan would hire forty teachers and repair the roof of Lincoln High."
)


def _write(path, records):
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def _record(identifier, cluster, title, text, **extra):
    return {"id": identifier, "cluster": cluster, "title": title, "text": text, "source": "", "url": "", "date": "", **extra}


def test_evaluate_clustering_scores_newsfuse_and_both_baselines(tmp_path):
    junk = "Tweet with a location. You can add location information to your Tweets from the web."
    records = [
        _record("q1", "quake", "Quake kills ten on Qeshm", STORY_ONE),
        _record("q2", "quake", "Earthquake hits Iran island", STORY_ONE.replace("Sunday", "Sunday morning")),
        _record("q3", "quake", "Iran quake toll", "Ten people died when an earthquake hit Qeshm island in Iran on Sunday, the Red Crescent said."),
        _record("b1", "budget", "Council passes budget", STORY_TWO),
        _record("b2", "budget", "Riverside budget approved", STORY_TWO.replace("forty", "40")),
        _record("j1", "quake", "", junk),
        _record("j2", "budget", "", junk),
    ]
    result = evaluate_clustering(_write(tmp_path / "tiny.jsonl", records))
    assert set(result["systems"]) == {"newsfuse", "newsfuse-stream", "tfidf-average-link", "minhash-lsh"}
    # The text under two gold clusters is clustered but never scored.
    assert result["scored"] + result["ambiguous"] + result["preparation"].get("not-an-article", 0) == 7
    assert result["scored"] == 5
    assert result["systems"]["newsfuse"]["bcubed_f1"] == 1.0
    assert result["systems"]["tfidf-average-link"]["threshold"] in [round(0.05 * k, 2) for k in range(1, 19)]
    table = format_cluster_table(result)
    assert "newsfuse" in table and "tfidf-average-link" in table and "best threshold" in table
    # Streaming assignment is scored on the same articles, beside batch.
    stream = result["systems"]["newsfuse-stream"]
    assert stream["bcubed_f1"] == 1.0 and stream["merges"] == stream["splits"] == 0 and "newsfuse-stream" in table
    summary = format_summary_table([result]).splitlines()
    assert summary[1].split() == ["file", "newsfuse", "newsfuse-stream", "tfidf-average-link", "minhash-lsh"]
    assert summary[2].split()[1:3] == ["1.000", "1.000"]
    alone = evaluate_clustering(tmp_path / "tiny.jsonl", include_baselines=False, include_stream=False)
    assert set(alone["systems"]) == {"newsfuse"}
    # A perfect clustering has nothing to analyse.
    assert result["errors"] == {"split": [], "merged": []}


def _clean(identifier, title, text):
    from newsfuse.models import CleanArticle

    return CleanArticle(identifier, "", title, text, ())


def test_cluster_errors_account_for_every_bcubed_loss():
    articles = [
        _clean("q1", "Quake kills ten on Qeshm", STORY_ONE),
        _clean("q2", "Earthquake hits Iran island", STORY_ONE.replace("Sunday", "Sunday morning")),
        _clean("q3", "Iran quake toll", "Ten people died when an earthquake hit Qeshm island in Iran."),
        _clean("b1", "Council passes budget", STORY_TWO),
        _clean("b2", "Riverside budget approved", STORY_TWO.replace("forty", "40")),
        _clean("x", "", "Not scored: no gold label."),
    ]
    gold = {"q1": "quake", "q2": "quake", "q3": "quake", "b1": "budget", "b2": "budget"}
    # q3 split off the quake story, and into the budget story.
    labels = {"q1": "P1", "q2": "P1", "q3": "P2", "b1": "P2", "b2": "P2", "x": "P3"}
    errors = cluster_errors(articles, gold, labels)
    precision, recall, _ = bcubed(labels, gold)
    assert sum(e["loss"] for e in errors["split"]) == pytest.approx(1 - recall)
    assert sum(e["loss"] for e in errors["merged"]) == pytest.approx(1 - precision)
    (split,) = errors["split"]
    assert split["name"] == "quake" and [(p["label"], p["size"]) for p in split["parts"]] == [("P1", 2), ("P2", 1)]
    assert split["parts"][0]["examples"][0] == {"id": "q1", "opening": "Quake kills ten on Qeshm"}
    (merged,) = errors["merged"]
    assert merged["name"] == "P2" and [p["label"] for p in merged["parts"]] == ["budget", "quake"]
    # Across the merged parts: two budget texts vs a quake text share nothing;
    # across the split parts: the same quake, told in other words.
    assert merged["similarity"]["combined"] < 0.05 < split["similarity"]["combined"]
    assert split["similarity"]["body"] > 0.1
    text = format_cluster_errors(errors)
    assert "gold stories split: 1" in text and "stories merged: 1" in text and "quake (3): P1 2 + P2 1" in text
    with pytest.raises(ValueError, match="labels has no story for 1 scored article"):
        cluster_errors(articles, gold, {k: v for k, v in labels.items() if k != "b2"})


def test_tara_reid_and_lindsay_lohan_rehab_stories_stay_apart(shared_data, tmp_path):
    """The issue's look-alike events: two celebrity rehab stays, 2008 and 2013 (ECB+ topic 1)."""
    records = [r for r in load_labelled(shared_data / "ecbplus" / "articles.jsonl") if str(r["topic"]) == "1"]
    assert {r["gold"] for r in records} == {"1_ecb", "1_ecbplus"}
    path = _write(tmp_path / "rehab.jsonl", [{k: v for k, v in r.items() if k != "gold"} for r in records])
    result = evaluate_clustering(path, include_baselines=False, include_stream=False)
    assert result["scored"] == len(records) == 39
    # No story holds articles of both events.
    assert result["errors"]["merged"] == []
    assert result["systems"]["newsfuse"]["bcubed_precision"] == 1.0


def test_load_labelled_names_the_missing_key(tmp_path):
    path = _write(tmp_path / "x.jsonl", [_record("a", "s", "t", "text")])
    with pytest.raises(InputError, match=r"x.jsonl: record 1: missing topic; gold='topic' needs that key"):
        load_labelled(path, "topic")
    with pytest.raises(InputError, match="no such file"):
        load_labelled(tmp_path / "none.jsonl")


def test_mix_labelled_prefixes_ids_and_labels_per_file(tmp_path):
    first = tmp_path / "one"
    second = tmp_path / "two"
    first.mkdir()
    second.mkdir()
    _write(first / "a.jsonl", [_record("1", "s", "t", "x")])
    _write(second / "a.jsonl", [_record("1", "s", "t", "y")])
    mixed = mix_labelled([first / "a.jsonl", second / "a.jsonl"])
    assert [(r["id"], r["gold"]) for r in mixed] == [("one:1", "one:s"), ("two:1", "two:s")]


# Quality gates on real data.  The minimums sit a little under what was
# measured when they were pinned (basil clustering B3 F1 1.000; dedup on
# basil precision 1.000, recall 1.000); lowering one needs a reason in review.
BASIL_MIN_BCUBED_F1 = 0.98
DEDUP_MIN_PRECISION = 0.99
DEDUP_MIN_RECALL = 0.97


def test_quality_gate_basil_story_clustering(shared_data):
    result = evaluate_clustering(shared_data / "basil" / "articles.jsonl")
    newsfuse = result["systems"]["newsfuse"]
    assert newsfuse["bcubed_f1"] >= BASIL_MIN_BCUBED_F1, format_cluster_table(result)
    # and it beats the best-threshold TF-IDF baseline on the same file
    assert newsfuse["bcubed_f1"] > result["systems"]["tfidf-average-link"]["bcubed_f1"]


@pytest.mark.parametrize("titles", [{"shared_title": "Local Wire"}, {"title_suffix": " | Local Wire"}])
def test_quality_gate_basil_with_a_site_name_for_titles(shared_data, titles):
    """One title on every page, or the site name after every headline: the gate still holds."""
    result = evaluate_clustering(
        shared_data / "basil" / "articles.jsonl", include_baselines=False, include_stream=False, **titles
    )
    assert result["systems"]["newsfuse"]["bcubed_f1"] >= BASIL_MIN_BCUBED_F1, format_cluster_table(result)


def test_quality_gate_near_copies_on_basil(shared_data):
    result = evaluate_duplicates([shared_data / "basil" / "articles.jsonl"], include_datasketch=False)
    newsfuse = result["systems"]["newsfuse"]
    assert result["positives"] == 150 and result["negatives"] > 100
    assert newsfuse["precision"] >= DEDUP_MIN_PRECISION, format_duplicates_table(result)
    assert newsfuse["recall"] >= DEDUP_MIN_RECALL, format_duplicates_table(result)


def test_doctests():
    import doctest

    import newsfuse.evaluate.cluster
    import newsfuse.evaluate.metrics

    for module in (newsfuse.evaluate.metrics, newsfuse.evaluate.cluster):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_load_labelled_limit_keeps_the_first_gold_stories_in_file_order(shared_data):
    path = shared_data / "ecbplus" / "articles.jsonl"
    every = load_labelled(path)
    first_two = list(dict.fromkeys(r["gold"] for r in every))[:2]
    kept = load_labelled(path, limit=2)
    assert kept == [r for r in every if r["gold"] in first_two]
    with pytest.raises(ValueError, match="limit must be >= 1"):
        load_labelled(path, limit=0)
