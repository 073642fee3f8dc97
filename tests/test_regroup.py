"""Regrouping a store's stories by batch clustering: better groups, the same story ids."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.cluster import cluster_articles
from newsfuse.cluster.regroup import apply_groups, continuing_stories
from newsfuse.cluster.stream import StoryAssigner
from newsfuse.config import Settings
from newsfuse.dedup import find_duplicates
from newsfuse.store import Store, queries
from newsfuse.store.sqlite import write_transaction

runner = CliRunner()
STREAMED = Settings().replace(store={"regroup_on_ingest": "never"})


def _topic(shared_data, topic: str) -> list[dict]:
    """The ECB+ articles of one topic: two real events of one kind, as a JSON Lines corpus."""
    lines = (shared_data / "ecbplus" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [record for record in map(json.loads, lines) if record["topic"] == topic]


def _ingested(tmp_path, records: list[dict], name: str = "store", is_brief_rebuilt: bool = False) -> Store:
    corpus = tmp_path / f"{name}.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store = Store.open(tmp_path / f"{name}.db")
    # Streamed only: these tests regroup the store themselves.
    store.ingest([str(corpus)], STREAMED, is_brief_rebuilt=is_brief_rebuilt)
    return store


def _groups(store: Store) -> dict[str, set[str]]:
    """Each live story's id and its article ids, read from the articles table."""
    groups: dict[str, set[str]] = {}
    rows = store.connection.execute("SELECT a.id, s.id FROM articles a JOIN stories s ON s.story_key = a.story_key")
    for article_id, story in rows:
        groups.setdefault(story, set()).add(article_id)
    return groups


def _batch(store: Store) -> list[set[str]]:
    articles = queries.load_all_articles(store.connection)
    stories = cluster_articles(articles, store.settings.cluster, find_duplicates(articles, store.settings.dedup))
    return sorted((set(s.article_ids) for s in stories), key=sorted)


def _gold(records: list[dict]) -> list[set[str]]:
    """The gold stories' article ids, sorted as ``_batch`` sorts them."""
    gold: dict[str, set[str]] = {}
    for record in records:
        gold.setdefault(record["cluster"], set()).add(str(record["id"]))
    return sorted(gold.values(), key=sorted)


def _assert_consistent(store: Store) -> None:
    """Every table agrees with where the articles are."""
    connection = store.connection
    live = {
        key: (story, count, json.loads(sources), json.loads(centroid.partition("\n")[0]))
        for key, story, count, sources, centroid in connection.execute(
            "SELECT story_key, id, article_count, sources, centroid FROM stories WHERE merged_into IS NULL"
        )
    }
    for key, (story, count, sources, centroid) in live.items():
        rows = connection.execute("SELECT source FROM articles WHERE story_key = ? ORDER BY article_key", (key,))
        outlets = [row[0] for row in rows]
        assert count == len(outlets) == centroid["n"] > 0, story
        assert sources == list(dict.fromkeys(outlets)), story
    for table in ("articles", "postings", "near_keys", "story_sources", "briefs"):
        keys = {row[0] for row in connection.execute(f"SELECT DISTINCT story_key FROM {table}")}
        assert keys <= set(live), table
    assert {row[0] for row in connection.execute("SELECT DISTINCT story_key FROM postings")} == set(live)


def test_a_continuing_story_is_the_one_that_shares_most_articles():
    current = {"a": "s1", "b": "s1", "c": "s1", "d": "s2", "e": "s3", "f": "s3"}
    # s1 split in two (its larger part keeps it), s2 and s3 joined (s3 gave more), one article new.
    assert continuing_stories([["a", "b"], ["c"], ["d", "e", "f"], ["g"]], current) == ["s1", None, "s3", None]
    # Unchanged groups keep their stories whatever the order they come in.
    assert continuing_stories([["d"], ["e", "f"], ["a", "b", "c"]], current) == ["s2", "s3", "s1"]


def test_regroup_gives_the_batch_grouping_and_keeps_ids(shared_data, tmp_path):
    """ECB+ topic 3 (two events of one kind): ingest, one article at a time, leaves three stories."""
    records = _topic(shared_data, "3")
    with _ingested(tmp_path, records, is_brief_rebuilt=True) as store:
        before = _groups(store)
        assert sorted(before.values(), key=sorted) != _batch(store)
        report = store.regroup()
        after = _groups(store)
        assert sorted(after.values(), key=sorted) == _batch(store) == _gold(records)
        # Every story after is one that was there before; the one left empty answers for its new home.
        assert set(after) <= set(before)
        [(folded, home)] = report.result.retired.items()
        assert folded in before and folded not in after and home in after
        assert store.story(folded).id == home
        assert ("merge", home, folded) in [(kind, story, other) for _, kind, story, other, _ in store.story_log()]
        assert report.result.moved == sum(
            len(ids - before.get(story, set())) for story, ids in after.items()
        )
        # The changed stories, and only they, got new briefs, built from the articles they now hold.
        assert report.briefs_rebuilt == len(report.result.changed) > 0
        for story in report.result.changed:
            assert {a.id for a in store.brief(story).articles} == after[story]
        _assert_consistent(store)
        again = store.regroup()
        assert again.result.moved == 0 and again.result.changed == () and _groups(store) == after


def test_a_first_load_is_regrouped_and_a_small_ingest_is_not(shared_data, tmp_path):
    """An ingest that at least doubles the store ends in the batch grouping; one that adds a little streams."""
    records = _topic(shared_data, "3")
    late = records.pop(-2)  # without the last article instead, streaming alone gets the two events right
    corpus = tmp_path / "first.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with Store.open(tmp_path / "store.db") as store:
        report = store.ingest([str(corpus)])
        assert report.regroup is not None and report.regroup.moved > 0  # streaming alone leaves three stories
        groups = _groups(store)
        assert sorted(groups.values(), key=sorted) == _batch(store) == _gold(records)
        # The counts are of the stories as they stand, each with a fresh brief of exactly its articles.
        live = [s.id for s in store.stories(limit=None)]
        assert report.stories_touched == report.stories_created == len(live) == 2
        assert report.briefs_rebuilt >= len(live)
        for story in live:
            assert {a.id for a in store.brief(story).articles} == groups[story]
        assert not any(s.is_brief_stale for s in store.stories(limit=None))
        assert "regrouped" in report.summary()
        _assert_consistent(store)
        (tmp_path / "late.jsonl").write_text(json.dumps(late) + "\n", encoding="utf-8")
        again = store.ingest([str(tmp_path / "late.jsonl")])
        assert again.added == 1 and again.regroup is None and "regrouped" not in again.summary()
        [home] = [story for story, ids in _groups(store).items() if str(late["id"]) in ids]
        assert home in groups and groups[home] <= _groups(store)[home]


def test_ingest_regroup_flag(shared_data, tmp_path):
    """``newsfuse ingest --regroup never`` leaves the streamed stories; the default regroups a first load."""
    corpus = tmp_path / "topic.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in _topic(shared_data, "3")), encoding="utf-8")
    counts = {}
    for flag in ("never", "auto"):
        db = tmp_path / f"{flag}.db"
        result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--regroup", flag, "--json", "-q"])
        assert result.exit_code == 0, result.output
        counts[flag] = json.loads(result.stdout.strip().splitlines()[-1])
    assert counts["never"]["regrouped"] is False and counts["never"]["stories_touched"] == 3
    assert counts["auto"]["regrouped"] is True and counts["auto"]["articles_moved"] > 0
    assert counts["auto"]["stories_touched"] == 2
    bad = runner.invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "x.db"), "--regroup", "sometimes"])
    assert bad.exit_code == 2 and "sometimes" in bad.output


def test_articles_arriving_after_a_regroup_join_the_regrouped_stories(shared_data, tmp_path):
    """A regrouped story's new state (centroid, near-copy bands) is what later arrivals meet."""
    records = _topic(shared_data, "3")
    with _ingested(tmp_path, records) as store:
        report = store.regroup(is_brief_rebuilt=False)
        assert report.result.moved > 0
        after = _groups(store)
        moved = {
            article_id
            for story in report.result.changed
            for article_id in after[story]
        }
        # A wire copy of each article of a changed story (a new id, one word changed) joins it there.
        copies = []
        for record in records:
            if str(record["id"]) in moved:
                text = record["text"].replace(" the ", " this ", 1)
                copies.append({**record, "id": f"{record['id']}-copy", "url": "", "text": text})
        corpus = tmp_path / "copies.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in copies), encoding="utf-8")
        store.ingest([str(corpus)], STREAMED, is_brief_rebuilt=False)
        now = _groups(store)
        for copy in copies:
            original = str(copy["id"]).removesuffix("-copy")
            [home] = [story for story, ids in now.items() if original in ids]
            assert copy["id"] in now[home]
        _assert_consistent(store)


def test_articles_ingested_during_the_clustering_are_not_lost(shared_data, tmp_path, monkeypatch):
    """Another process ingests while regroup clusters: regroup clusters again, with that article."""
    records = _topic(shared_data, "3")
    late = records.pop()
    with _ingested(tmp_path, records) as store:
        import newsfuse.cluster as cluster_package

        calls = []
        real = cluster_package.cluster_articles

        def cluster_while_another_ingests(articles, *args, **kwargs):
            calls.append(len(articles))
            if len(calls) == 1:
                with _ingested(tmp_path, [late], "store"):  # the same file, another connection
                    pass
            return real(articles, *args, **kwargs)

        monkeypatch.setattr(cluster_package, "cluster_articles", cluster_while_another_ingests)
        report = store.regroup(is_brief_rebuilt=False)
        assert calls == [len(records), len(records) + 1]
        assert report.result.articles == len(records) + 1
        assert str(late["id"]) in set().union(*_groups(store).values())
        _assert_consistent(store)


def test_apply_groups_refuses_groups_that_do_not_cover_the_store(shared_data, tmp_path):
    with _ingested(tmp_path, _topic(shared_data, "3")[:4]) as store:
        articles = queries.load_all_articles(store.connection)
        assigner = StoryAssigner(store.connection)
        ids = [a.id for a in articles]
        with write_transaction(store.connection):
            with pytest.raises(ValueError, match="exactly once"):
                apply_groups(assigner, articles, [ids[:2], ids[1:]])
            with pytest.raises(ValueError, match="every article of the store"):
                apply_groups(assigner, articles[1:], [ids[1:]])


def test_cli_regroup_reports_what_moved(shared_data, tmp_path):
    store = _ingested(tmp_path, _topic(shared_data, "3"))
    store.close()
    result = runner.invoke(app, ["regroup", "--db", str(tmp_path / "store.db"), "--json", "--quiet"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)
    assert counts["stories_before"] == 3 and counts["stories_after"] == 2
    assert counts["articles_moved"] == 1 and len(counts["stories_folded"]) == 1
    assert "regrouped 20 articles: 3 stories before, 2 now; 1 article moved" in result.stderr
    listed = runner.invoke(app, ["stories", "--db", str(tmp_path / "store.db"), "--json"])
    assert len(listed.stdout.splitlines()) == 2


def test_every_regroup_records_when_it_ran_and_what_the_articles_were(shared_data, tmp_path, monkeypatch):
    records = _topic(shared_data, "3")
    store = _ingested(tmp_path, records[:-2])
    assert store.last_regroup() is None and store.is_changed_since_regroup()
    store.close()
    before = queries.now()
    result = runner.invoke(app, ["regroup", "--db", str(tmp_path / "store.db"), "--quiet"])
    assert result.exit_code == 0, result.output
    with Store.open(tmp_path / "store.db") as store:
        last = store.last_regroup()
        assert before <= last.at <= queries.now() and last.articles == len(records) - 2
        assert not store.is_changed_since_regroup()
        # Articles added by another process (``newsfuse add``) count as a change, and the next regroup records them.
        corpus = tmp_path / "more.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in records[-2:]), encoding="utf-8")
        store.ingest([str(corpus)], is_brief_rebuilt=False)
        assert store.is_changed_since_regroup() and store.last_regroup() == last
        monkeypatch.setattr(queries, "now", lambda: last.at + 60)
        store.regroup(is_brief_rebuilt=False)
        assert store.last_regroup().at == last.at + 60 and store.last_regroup().articles == len(records)
        assert not store.is_changed_since_regroup()
