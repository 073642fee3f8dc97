"""Briefs of real clusters: BASIL events (three outlets each) and Multi-News clusters."""

from __future__ import annotations

import pytest

from newsfuse.brief import build_briefs
from newsfuse.brief import ner
from newsfuse.config import BriefSettings
from newsfuse.text import count_words
from test_brief_support import assert_grounded, basil_clusters, multinews_clusters, text_of

RULES = BriefSettings(ner="rules")


@pytest.fixture(scope="module")
def basil_briefs():
    from test_brief_support import SHARED_DATA

    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not beside the project")
    stories, articles = basil_clusters()
    return build_briefs(stories, articles, RULES)


@pytest.fixture(scope="module")
def multinews_briefs():
    from test_brief_support import SHARED_DATA

    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not beside the project")
    stories, articles = multinews_clusters()
    return build_briefs(stories, articles, RULES)


def _check(briefs, settings):
    assert_grounded(briefs)
    for brief in briefs:
        assert count_words(brief.summary) <= settings.summary_words
        assert len(brief.key_points) <= settings.max_key_points
        for point in brief.key_points + brief.unique:
            assert point.text == text_of(brief, point.evidence[0])
        assert brief.headline


def test_basil_briefs(basil_briefs):
    _check(basil_briefs, RULES)
    assert len(basil_briefs) == 50
    # Three outlets report one event: most events have facts that two or more carry.
    assert sum(1 for b in basil_briefs if b.key_points and len(b.key_points[0].sources) >= 2) >= 45
    assert sum(len(b.quotes) for b in basil_briefs) >= 500
    assert sum(1 for b in basil_briefs for q in b.quotes if len(q.sources) >= 2) >= 60
    # BASIL articles have titles: every headline is one of them.
    for brief in basil_briefs:
        assert brief.headline in {a.title.strip() for a in brief.articles}


def test_multinews_briefs(multinews_briefs):
    _check(multinews_briefs, RULES)
    # No titles here: headlines are lead sentences.
    for brief in multinews_briefs[:50]:
        [article] = [a for a in brief.articles if a.id == brief.headline_article]
        assert brief.headline in article.text


def test_spacy_budget_briefs_are_grounded_too(shared_data):
    if ner.load_model(required=False) is None:
        pytest.skip("the spaCy model is not installed")
    stories, articles = basil_clusters()
    settings = BriefSettings(ner="spacy", ner_max_sentences=8)
    briefs = build_briefs(stories[:10], articles, settings)
    _check(briefs, settings)
    assert all(e.type in ("person", "organization", "place") for b in briefs for e in b.entities)


def test_a_governor_and_his_son_keep_their_own_words_and_mentions(basil_briefs):
    # Fox News and HuffPost name only Gov. Asa Hutchinson, then "Hutchinson"; the New York
    # Times writes about his son Seth, whom the story names more often.
    [brief] = [b for b in basil_briefs if any(e.name == "Seth Hutchinson" for e in b.entities)]
    speakers = {(q.speaker, source) for q in brief.quotes for source in q.sources if "Hutchinson" in q.speaker}
    assert {s for s, source in speakers if source != "New York Times"} == {"Asa Hutchinson"}
    assert {s for s, source in speakers if source == "New York Times"} == {"Seth Hutchinson"}
    persons = {e.name: e for e in brief.entities if e.type == "person"}
    assert set(persons["Asa Hutchinson"].sources) == {"Fox News", "HuffPost", "New York Times"}
    assert persons["Seth Hutchinson"].sources == ("New York Times",)
    assert persons["Asa Hutchinson"].mentions > persons["Seth Hutchinson"].mentions // 2
