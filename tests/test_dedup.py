"""Near-copy detection: signatures, matching, and behaviour on real articles."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest
from hypothesis import given, settings as hypothesis_settings, strategies as st

from newsfuse.config import DedupSettings, load_settings
from newsfuse.dedup import EMPTY, band_layout, estimated_jaccard, find_duplicates, signature, signatures
from newsfuse.dedup.words import hashed_words, word_hash
from newsfuse.errors import ConfigError
from newsfuse.evaluate.cluster import edited_copy
from newsfuse.models import CleanArticle

SETTINGS = DedupSettings()


def _article(identifier: str, text: str, title: str = "") -> CleanArticle:
    return CleanArticle(identifier, "Outlet", title, text, ())


def _seeds(seeds_dir) -> list[CleanArticle]:
    out = []
    for path in sorted(seeds_dir.glob("*.txt")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        out.append(_article(path.stem, "\n".join(lines[1:]), lines[0]))
    return out


def _exact_jaccard(first: str, second: str, size: int = 5) -> float:
    def shingles(text):
        words = [w.lower() for w in text.replace("’", " ").split()]
        words = ["".join(c for c in w if c.isalnum()) for w in words]
        words = [w for w in words if w]
        return {tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}

    a, b = shingles(first), shingles(second)
    return len(a & b) / len(a | b)


def test_words_are_split_at_unicode_punctuation_and_case_folded():
    words = hashed_words(["“Tara Reid’s” rehab — again…".encode()], seed=1)
    data = words.data.tobytes()
    assert [data[a:b].decode() for a, b in zip(words.starts, words.ends)] == ["Tara", "Reid", "s", "rehab", "again"]
    assert word_hash("Reid", 1) == word_hash("REID", 1) != word_hash("Reid", 2)
    assert word_hash("café", 1) != word_hash("cafe", 1)


def test_a_signature_depends_on_its_text_only():
    texts = [
        "The river rose four metres overnight and flooded the old town.",
        "",
        "Short",
        "Ministers met in Brussels on Monday to discuss the budget for next year and beyond.",
    ]
    batch = signatures(texts, SETTINGS)
    assert batch.shape == (4, 128) and batch.dtype == np.uint64
    for text, row in zip(texts, batch):
        assert np.array_equal(signature(text, SETTINGS), row)
    assert (batch[1] == EMPTY).all()
    assert not (batch[2] == EMPTY).any()
    assert np.array_equal(signature(_article("x", texts[0]), SETTINGS), batch[0])
    with pytest.raises(TypeError, match="takes a str or an article"):
        signature(42, SETTINGS)
    with pytest.raises(TypeError, match="use signature"):
        signatures("one text", SETTINGS)


def test_the_seed_changes_the_signature_and_keeps_it_deterministic():
    text = "A magnitude 6.1 earthquake struck Qeshm island in southern Iran on Sunday, killing ten."
    assert np.array_equal(signature(text, SETTINGS), signature(text, DedupSettings()))
    assert not np.array_equal(signature(text, SETTINGS), signature(text, DedupSettings(seed=2)))


def test_estimated_jaccard_tracks_the_exact_one(seeds_dir):
    seeds = _seeds(seeds_dir)
    rng = random.Random(3)
    for article in seeds:
        copy = edited_copy(article, rng)
        exact = _exact_jaccard(article.text, copy.text)
        estimate = estimated_jaccard(signature(article, SETTINGS), signature(copy, SETTINGS))
        # 128 one-permutation values: standard error about 0.04
        assert abs(estimate - exact) < 0.15, (article.id, exact, estimate)
    assert estimated_jaccard(signature("", SETTINGS), signature("", SETTINGS)) == 0.0


def test_finds_edited_copies_of_real_articles_and_keeps_different_reports_apart(seeds_dir):
    seeds = _seeds(seeds_dir)
    rng = random.Random(0)
    copies = [edited_copy(article, rng) for article in seeds]
    groups = find_duplicates(seeds + copies, SETTINGS)
    # Five outlets' own reports of one event are not near-copies of each other...
    assert groups == sorted(tuple(sorted((a.id, c.id))) for a, c in zip(seeds, copies))
    assert find_duplicates(seeds, SETTINGS) == []


def test_same_story_articles_of_basil_are_not_copies(shared_data):
    records = [json.loads(line) for line in (shared_data / "basil" / "articles.jsonl").open(encoding="utf-8")]
    articles = [_article(r["id"], r["text"], r["title"]) for r in records]
    assert find_duplicates(articles, SETTINGS) == []
    rng = random.Random(1)
    copies = [edited_copy(a, rng) for a in articles[:30]]
    groups = find_duplicates(articles + copies, SETTINGS)
    assert groups == [tuple(sorted((a.id, c.id))) for a, c in zip(articles[:30], copies)]


PARAGRAPH = st.text(alphabet=st.sampled_from("abcdefgh xyz.\n"), min_size=0, max_size=200)


@hypothesis_settings(max_examples=60, deadline=None)
@given(first=PARAGRAPH, second=PARAGRAPH, third=PARAGRAPH)
def test_matching_is_symmetric_and_ignores_input_order(first, second, third):
    articles = [_article("a", first), _article("b", second), _article("c", third)]
    forward = find_duplicates(articles, SETTINGS)
    assert forward == find_duplicates(articles[::-1], SETTINGS)
    assert forward == find_duplicates([articles[1], articles[2], articles[0]], SETTINGS)
    a, b = signature(first, SETTINGS), signature(second, SETTINGS)
    assert estimated_jaccard(a, b) == estimated_jaccard(b, a)
    for group in forward:
        assert list(group) == sorted(group) and len(group) >= 2


def test_identical_texts_group_even_in_big_buckets():
    text = "The same wire story was printed word for word by every paper in the country that week."
    articles = [_article(f"id{n:03d}", text) for n in range(80)] + [_article("other", "Something else entirely happened.")]
    assert find_duplicates(articles, SETTINGS) == [tuple(f"id{n:03d}" for n in range(80))]


def test_bad_input_and_bad_settings_are_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="article id 'a' occurs twice"):
        find_duplicates([_article("a", "x"), _article("a", "y")], SETTINGS)
    with pytest.raises(ConfigError, match=r"dedup.similarity_threshold must be in \[0.0, 1.0\], got 1.5"):
        DedupSettings(similarity_threshold=1.5)
    with pytest.raises(ConfigError, match="dedup.num_perm must be >= 16, got 8"):
        load_settings(env={"NEWSFUSE_DEDUP__NUM_PERM": "8"})


def test_band_layout_covers_the_signature():
    for threshold in (0.3, 0.45, 0.6, 0.8):
        bands, rows = band_layout(threshold, 128)
        assert bands * rows <= 128
        # the chance that a pair exactly at the threshold becomes a candidate
        assert 1 - (1 - threshold**rows) ** bands > 0.5


def test_doctests():
    import doctest

    import newsfuse.dedup
    import newsfuse.dedup.match
    import newsfuse.dedup.minhash
    import newsfuse.dedup.words

    for module in (newsfuse.dedup, newsfuse.dedup.match, newsfuse.dedup.minhash, newsfuse.dedup.words):
        assert doctest.testmod(module).failed == 0, module.__name__
