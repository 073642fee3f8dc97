"""Helpers for the brief tests: the seeds through the real pipeline, articles from text,
and the BASIL and Multi-News clusters from ../shared/data.  No tests here."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from newsfuse.brief import check_grounded
from newsfuse.config import Settings
from newsfuse.errors import ItemError
from newsfuse.models import Article, Brief, CleanArticle, Evidence, Sentence, Story
from newsfuse.text import split_sentences

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"
SHARED_DATA = ROOT.parent / "shared" / "data"


def make_article(article_id: str, source: str, text: str, title: str = "") -> CleanArticle:
    """Return a clean article from ready text (paragraphs separated by blank lines)."""
    sentences = tuple(
        Sentence(article_id, i, a, b, text[a:b]) for i, (a, b) in enumerate(split_sentences(text))
    )
    return CleanArticle(id=article_id, source=source, title=title, text=text, sentences=sentences)


def clean_all(articles: list[Article]) -> dict[str, CleanArticle]:
    """Return the articles through the real cleaner, by id (rejected ones left out)."""
    from newsfuse.clean import clean_article

    settings = Settings().clean
    cleaned = {}
    for article in articles:
        try:
            cleaned[article.id] = clean_article(article, settings)
        except ItemError:
            pass
    return cleaned


@lru_cache(maxsize=1)
def seed_articles() -> tuple[CleanArticle, ...]:
    """Return the five seed articles, read and cleaned by the real ingest and clean stages."""
    from newsfuse.ingest import read_inputs
    from newsfuse.pipeline import StageContext

    settings = Settings()
    articles = list(read_inputs([SEEDS], settings.ingest, StageContext(settings)))
    cleaned = clean_all(articles)
    return tuple(sorted(cleaned.values(), key=lambda a: a.id))


def seed_story() -> Story:
    return Story("seeds", tuple(a.id for a in seed_articles()))


def outlet_of(brief: Brief, prefix: str) -> str:
    """Return the outlet name of the seed whose file name starts with ``prefix`` ("003")."""
    [article] = [a for a in brief.articles if a.id.startswith(prefix)]
    return article.source or article.id


def text_of(brief: Brief, evidence: Evidence) -> str:
    [article] = [a for a in brief.articles if a.id == evidence.article]
    return article.text[evidence.start : evidence.end]


def assert_grounded(briefs: list[Brief]) -> None:
    problems = {b.id: check_grounded(b) for b in briefs}
    assert {k: v for k, v in problems.items() if v} == {}


def _shared_file(*parts: str) -> Path:
    """Return a file of ../shared/data; the test skips, as the ``shared_data`` fixture does, without it."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.is_file():
        pytest.skip("../shared/data is not beside the project")
    return path


@lru_cache(maxsize=1)
def basil_clusters() -> tuple[tuple[Story, ...], dict[str, CleanArticle]]:
    """Return BASIL's 50 events as stories of their (three) cleaned articles."""
    rows = [json.loads(line) for line in _shared_file("basil", "articles.jsonl").read_text("utf-8").splitlines()]
    cleaned = clean_all(
        [Article(id=r["id"], source=r["source"], title=r["title"], text=r["text"]) for r in rows]
    )
    clusters: dict[str, list[str]] = {}
    for row in rows:
        if row["id"] in cleaned:
            clusters.setdefault(row["cluster"], []).append(row["id"])
    return tuple(Story(c, tuple(ids)) for c, ids in clusters.items()), cleaned


@lru_cache(maxsize=1)
def multinews_clusters() -> tuple[tuple[Story, ...], dict[str, CleanArticle]]:
    """Return the Multi-News sample's clusters as stories (outlets unknown: ids stand in)."""
    rows = [
        json.loads(line)
        for line in _shared_file("multinews_sample", "clusters.jsonl").read_text("utf-8").splitlines()
    ]
    articles = []
    members = []
    for row in rows:
        ids = []
        for k, item in enumerate(row["articles"]):
            articles.append(Article(id=f"{row['id']}-{k}", source="", title=item["title"], text=item["text"]))
            ids.append(f"{row['id']}-{k}")
        members.append((row["id"], ids))
    cleaned = clean_all(articles)
    stories = tuple(
        Story(c, tuple(i for i in ids if i in cleaned)) for c, ids in members if any(i in cleaned for i in ids)
    )
    return stories, cleaned


def test_a_key_point_is_told_in_words_that_stand_alone_when_an_outlet_has_them():
    from newsfuse.brief.align import build_view, find_facts, key_points
    from newsfuse.brief.standalone import needs_context

    quoted = make_article(
        "a1",
        "Outlet A",
        "The IRS targeted conservative groups, and the Justice Department is investigating the IRS.\n\n"
        "“The committee’s referral affects nothing. The Justice Department is already investigating the IRS "
        "over its targeting of conservative groups. This is just another political stunt,” Lerner’s attorney said.",
    )
    plain = make_article(
        "b1",
        "Outlet B",
        "The committee voted along party lines on Wednesday to refer Lois Lerner to prosecutors.\n\n"
        "Democrats on the panel walked out before the vote. Republicans said the referral was overdue.\n\n"
        "The Justice Department is already investigating the IRS, officials said on Wednesday.",
    )
    view = build_view([quoted, plain])
    facts = find_facts(view)
    inside = "The Justice Department is already investigating the IRS over its targeting of conservative groups."
    # The attorney's words are the fact's most central wording, but they are his, in the middle of his quotation.
    assert [p.text for p in key_points(view, facts, 5)] == [inside]
    points = key_points(view, facts, 5, needs_context=lambda i: needs_context(view, i, view.text(i)))
    plain_words = "The Justice Department is already investigating the IRS, officials said on Wednesday."
    assert [p.text for p in points] == [plain_words]
    assert points[0].sources == ("Outlet A", "Outlet B")
    assert points[0].evidence[0].article == "b1" and {e.article for e in points[0].evidence} == {"a1", "b1"}
