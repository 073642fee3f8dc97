"""The whole pipeline, end to end, on the seeds and on real articles."""

from __future__ import annotations

import json

import pytest

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


def test_run_takes_one_path_alone_as_fuse_does(seeds_dir, monkeypatch):
    # run("seeds") read the letters "s", "e", "e"...: every one "no such file", no brief; an
    # absolute path began with "/" and walked the whole file system.
    monkeypatch.chdir(seeds_dir.parent)
    expected = sorted(p.stem for p in seeds_dir.iterdir())
    for given in (seeds_dir.name, seeds_dir, f"{seeds_dir.name}/*"):
        result = run(given)
        assert result.report.rejections == []
        assert [sorted(a.id for a in b.articles) for b in result.briefs] == [expected]


def test_settings_of_the_wrong_type_are_refused_by_name(seeds_dir):
    # A dict of sections went as far as the reader: "'dict' object has no attribute 'ingest'".
    with pytest.raises(TypeError, match="settings must be newsfuse.Settings, got dict"):
        run([seeds_dir], settings={"clean": {"min_words": 10}})


def test_json_lines_rows_that_name_no_outlet_count_as_outlets_of_their_own(seeds_dir, tmp_path):
    # A collection file is no outlet: five rows without source or URL are five
    # outlets (as the evaluations count them), so support and disputes work.
    seeds = run([seeds_dir]).articles
    path = tmp_path / "collection.jsonl"
    path.write_text("\n".join(json.dumps({"id": a.id, "title": a.title, "text": a.text}) for a in seeds))
    [brief] = run([path]).briefs
    assert sorted(a.source for a in brief.articles) == sorted(a.id for a in seeds)
    assert len(brief.key_points[0].sources) >= 3
    [title] = [d for d in brief.disputes if d.kind == "title"]
    [former] = {v.value: v.sources for v in title.versions}["former President"]
    assert former.startswith("003")
    _spans_slice(brief)


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


def test_clean_stage_in_worker_processes_matches_one_process(shared_data):
    # A real batch large enough to be cleaned in worker processes, with pages
    # that are not articles among it: the same articles and rejections, in order.
    from dataclasses import replace

    from newsfuse.config import Settings
    from newsfuse.pipeline import CleanStage, StageContext, run_stage

    lines = (shared_data / "multinews_sample" / "clustering_view.jsonl").read_text(encoding="utf-8").splitlines()
    articles = []
    for line in lines:
        record = json.loads(line)
        articles.append(Article(id=record["id"], source=record.get("source", ""), title=record.get("title", ""),
                                text=record["text"], origin=f"multinews:{record['id']}"))
    outputs = []
    for workers in (1, 2):
        settings = Settings()
        settings = replace(settings, clean=replace(settings.clean, workers=workers))
        ctx = StageContext(settings)
        clean = run_stage(CleanStage(), articles, ctx)
        outputs.append((clean, ctx.report.rejections, ctx.report.stage("clean").total))
    (one, one_rejected, one_total), (two, two_rejected, two_total) = outputs
    assert one_total == two_total == len(articles)
    assert one_rejected and [r.item for r in one_rejected] == [r.item for r in two_rejected]
    assert {r.stage for r in two_rejected} == {"clean"}
    assert [a.id for a in one] == [a.id for a in two]
    assert [a.text for a in one] == [a.text for a in two]
    assert len(one) + len(one_rejected) == len(articles)
