"""Streaming features computed in one pass equal those of the plain per-word definition, on real articles."""

from __future__ import annotations

import json
from collections import Counter

from newsfuse.cluster.stream import _NOT_NAMES, _SENTENCE_ENDS, NAME_WORDS, article_features, article_names, article_terms
from newsfuse.models import CleanArticle
from newsfuse.text import content_words

SETS = ("ecbplus/articles.jsonl", "basil/articles.jsonl", "multinews_sample/clustering_view.jsonl")


def _names_word_by_word(article: CleanArticle) -> Counter[str]:
    """``article_names`` as defined: each capitalised word that does not open a sentence, folded on its own."""
    counts: Counter[str] = Counter()
    previous = "."
    for token in article.text.split(None, NAME_WORDS)[:NAME_WORDS]:
        if token[:1].isupper() and previous[-1:] not in _SENTENCE_ENDS:
            for word in content_words(token):
                if word not in _NOT_NAMES:
                    counts[word] += 1
        previous = token
    return counts


def _articles(shared_data) -> list[CleanArticle]:
    articles = []
    for name in SETS:
        for line in (shared_data / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            articles.append(CleanArticle(record["id"], "x", record.get("title") or "", record["text"], ()))
    return articles


def test_names_are_those_found_word_by_word(shared_data):
    # ``article_names`` folds all the names of an article in one call; the
    # counts, and their order (which orders the names vector's ties), are
    # those of folding each name alone.
    articles = _articles(shared_data)
    assert len(articles) > 1500
    for article in articles:
        assert list(article_names(article).items()) == list(_names_word_by_word(article).items()), article.id


def test_features_hold_the_counts_in_their_order(shared_data):
    # Features carry plain dicts (cheaper to send from a worker): the same counts in the same order.
    articles = _articles(shared_data)[:200]
    for article, found in zip(articles, article_features(articles)):
        assert type(found.terms) is dict and type(found.names) is dict
        assert list(found.terms.items()) == list(article_terms(article).items())
        assert list(found.names.items()) == list(_names_word_by_word(article).items())
