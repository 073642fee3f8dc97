"""The whole pipeline, end to end, on the seeds and on real articles."""

from __future__ import annotations

import json

import newsfuse
from newsfuse.models import Article, Brief
from newsfuse.pipeline import run


def _spans_slice(brief: Brief) -> None:
    texts = {a.id: a.text for a in brief.articles}
    for point in brief.key_points + brief.unique:
        first = point.evidence[0]
        assert point.text in texts[first.article][first.start : first.end]
        for ev in point.evidence:
            assert 0 <= ev.start < ev.end <= len(texts[ev.article])
    for dispute in brief.disputes:
        for version in dispute.versions:
            for ev in version.evidence:
                assert version.value.lower() in texts[ev.article][ev.start : ev.end].lower()
    for quote in brief.quotes:
        for version in quote.versions:
            for ev in version.evidence:
                assert texts[ev.article][ev.start : ev.end] == version.text


def test_fuse_on_the_seeds_gives_one_grounded_story(seeds_dir):
    [brief] = newsfuse.fuse([seeds_dir])
    assert sorted(a.id for a in brief.articles) == sorted(p.stem for p in seeds_dir.iterdir())
    assert brief.headline
    assert brief.key_points and len(brief.key_points[0].sources) >= 3
    _spans_slice(brief)


def test_fuse_takes_article_objects():
    text = (
        "The city council approved the new budget on Tuesday after a long debate. "
        "Mayor Jane Doe said the plan would fund 40 new teachers and repair two bridges. "
        "Opponents said the tax increase was too steep for families already struggling."
    )
    articles = [
        Article(id="a", source="Daily One", title="Council passes budget", text=text),
        Article(id="b", source="Evening Two", title="Budget approved by council", text=text.replace("40", "45")),
    ]
    result = run(articles)
    assert [a.id for a in result.articles] == ["a", "b"]
    assert len(result.briefs) == 1
    _spans_slice(result.briefs[0])


def test_seeds_stay_one_story_of_five_among_real_articles(seeds_dir, shared_data):
    haystack = []
    for name in ("ecbplus/articles.jsonl", "basil/articles.jsonl"):
        for line in (shared_data / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            haystack.append(
                Article(
                    id=f"{name.split('/')[0]}-{record['id']}",
                    source=record.get("source") or "unknown",
                    title=record.get("title", ""),
                    text=record["text"],
                )
            )
    result = run([seeds_dir, *haystack])
    seed_ids = {p.stem for p in seeds_dir.iterdir()}
    [story] = [s for s in result.stories if seed_ids & set(s.article_ids)]
    assert set(story.article_ids) == seed_ids
    for brief in result.briefs[:40]:
        _spans_slice(brief)
