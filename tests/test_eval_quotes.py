"""The quote evaluation: gold quoted segments, matching, speakers, offsets, and real runs."""

from __future__ import annotations

import json

from newsfuse.config import Settings
from newsfuse.evaluate.quotes import (
    GoldQuote,
    Prediction,
    _clean,
    _is_cue_word,
    _offset_map,
    evaluate_basil_quotes,
    evaluate_quotes,
    format_quotes_table,
    gold_quotes,
    match_quotes,
    quoted_segments,
    score_detection,
    speaker_is_right,
)


def test_quoted_segments_pair_marks_and_close_paragraphs_left_open():
    text = (
        '“We will win,” he said. "Believe me."\n\n'
        "“The first paragraph runs on\n\n“and ends here,” she said."
    )
    assert [text[a:b] for a, b, _ in quoted_segments(text)] == [
        "We will win",
        "Believe me.",
        "The first paragraph runs on",
        "and ends here",
    ]
    assert [continued for _, _, continued in quoted_segments(text)] == [False, False, True, False]
    # A region that starts inside a quote closes at its first closing mark.
    assert [text[a:b] for a, b, _ in quoted_segments(text, 1, 15)] == ["We will win"]


def test_a_gold_copy_prediction_scores_one(shared_data):
    lines = (shared_data / "polnear" / "dev.jsonl").read_text(encoding="utf-8").splitlines()[:6]
    matched = predicted = total = 0
    for line in lines:
        record = json.loads(line)
        gold = gold_quotes(record)
        copy = [Prediction(g.start, g.end, g.speaker) for g in gold]
        pairs = match_quotes(copy, gold)
        assert pairs == [(k, k) for k in range(len(gold))]
        matched, predicted, total = matched + len(pairs), predicted + len(copy), total + len(gold)
        for p, k in pairs:
            if gold[k].speaker and gold[k].speaker.lower() not in ("he", "she", "they", "it", "we", "i"):
                assert speaker_is_right(copy[p].speaker, gold[k].speaker), gold[k].speaker
        for quote in gold:
            assert record["text"][quote.start : quote.end] == quote.text
    assert total > 10
    assert score_detection(matched, predicted, total) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_matching_is_one_to_one_by_overlap():
    gold = [GoldQuote(0, 40, "", "A", 50, "full"), GoldQuote(60, 70, "", "B", 80, "partial")]
    predictions = [Prediction(0, 38, "A"), Prediction(2, 30, "A"), Prediction(61, 70, "B"), Prediction(90, 99, "")]
    assert match_quotes(predictions, gold) == [(0, 0), (2, 1)]
    assert score_detection(2, 4, 2) == {"precision": 0.5, "recall": 1.0, "f1": 0.667}


def test_speaker_is_right_uses_the_surname_of_the_head():
    assert speaker_is_right("Victor Cha", "Victor Cha, who served as Asia director under President George W. Bush")
    assert speaker_is_right("Kellyanne Conway", "Trump campaign manager Kellyanne Conway")
    assert speaker_is_right("Lamar Alexander", "Mr. Alexander")
    assert not speaker_is_right("", "Mr. Alexander")
    assert not speaker_is_right("Donald Trump", "Sen. Ted Cruz (R-Texas)")
    # A place or an organisation after the name is no surname; a title's own "of" stays.
    assert speaker_is_right("Charles B. Rangel", "Representative Charles B. Rangel of New York")
    assert not speaker_is_right("New York", "Representative Charles B. Rangel of New York")
    assert speaker_is_right("Dan McLaughlin", "Dan McLaughlin at the National Review")
    assert speaker_is_right("John Kerry", "Secretary of State John Kerry")
    assert not speaker_is_right("State Department", "Secretary of State John Kerry")


def test_a_gold_speaker_that_is_the_cue_word_is_left_out():
    assert _is_cue_word("said") and _is_cue_word(" Said ")
    assert not _is_cue_word("Sen. Ted Cruz") and not _is_cue_word("he")


def test_offsets_of_clean_text_map_back_to_the_original(shared_data):
    record = json.loads((shared_data / "polnear" / "dev.jsonl").read_text(encoding="utf-8").splitlines()[1])
    article = _clean(record, Settings())
    mapping = _offset_map(record["text"], article.text)
    mapped = [(c, mapping[i]) for i, c in enumerate(article.text) if not c.isspace()]
    assert len(mapped) > 500
    assert all(index >= 0 and record["text"][index] == c for c, index in mapped)


def test_evaluate_quotes_on_real_articles(shared_data):
    result = evaluate_quotes(shared_data / "polnear" / "dev.jsonl", limit=4)
    systems = result["systems"]
    assert set(systems) == {"find_quotes", "brief", "quote marks"}
    assert systems["find_quotes"]["gold"] == systems["quote marks"]["gold"] > 0
    # The brief keeps only attributed quotes: never more than find_quotes finds.
    assert systems["brief"]["matched"] <= systems["find_quotes"]["matched"]
    assert result["faithfulness"]["problem_count"] == 0, result["faithfulness"]["problems"]
    assert "| find_quotes |" in format_quotes_table(result)


def test_basil_quotes_and_merges(shared_data):
    result = evaluate_basil_quotes(shared_data / "basil", limit=3)
    assert result["events"] == 3 and result["quotes_located"] > 0
    assert 0.0 <= result["recall"] <= 1.0
    merge = result["merge"]
    assert merge["merged"] <= merge["both_in_brief"] <= merge["pairs"]
    assert result["faithfulness"]["problem_count"] == 0, result["faithfulness"]["problems"]
