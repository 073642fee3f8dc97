"""Story clustering: features, order independence, near-copies, and the seeds among real articles."""

from __future__ import annotations

import random

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings as hypothesis_settings, strategies as st

from newsfuse.cluster import cluster_articles, count_terms, story_id
from newsfuse.cluster.agglomerate import average_link, split_clusters
from newsfuse.cluster.features import article_day, term_column
from newsfuse.config import ClusterSettings, DedupSettings, Settings, load_settings
from newsfuse.dedup import find_duplicates
from newsfuse.errors import ConfigError
from newsfuse.evaluate.cluster import load_labelled, prepare_articles
from newsfuse.models import CleanArticle

SETTINGS = ClusterSettings()


def _article(identifier, title, text, date=""):
    return CleanArticle(identifier, "Outlet", title, text, (), date=date)


def _seeds(seeds_dir) -> list[CleanArticle]:
    out = []
    for path in sorted(seeds_dir.glob("*.txt")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        out.append(_article(f"seed-{path.stem}", lines[0], "\n".join(lines[1:])))
    return out


def _has(matrix, row, term) -> bool:
    return bool(matrix[row, term_column(term)] > 0)


def test_names_are_capitalised_runs_but_not_sentence_openers():
    text = (
        "Police said Tara Reid checked into Promises Treatment Center in Malibu on Friday. "
        "Reid, 33, starred in American Pie. Friends supported her, her rep Jack Ketsoyan said."
    )
    counts = count_terms(["Tara Reid Enters Rehab"], [text], [""])
    names = counts.names
    for name in ("tara", "reid", "tara reid", "malibu", "promises", "jack ketsoyan", "american pie"):
        assert _has(names, 0, name), name
    # Sentence openers that the article never capitalises mid-sentence, and days, are not names.
    for word in ("police", "friends", "friday"):
        assert not _has(names, 0, word), word
    # "rehab" is only in the headline; stop words are in no vector.
    assert not _has(counts.body, 0, "rehab") and _has(counts.title, 0, "rehab")
    assert _has(counts.body, 0, "checked") and _has(counts.title, 0, "enters")
    assert not _has(counts.body, 0, "the") and not _has(counts.body, 0, "her")


def test_dates_parse_to_day_numbers():
    assert article_day("2013-05-03T10:00:00Z") - article_day("2013-05-01") == 2
    assert article_day("") == -1 and article_day("May 3") == -1
    counts = count_terms(["a", "b"], ["x y", "z w"], ["2020-01-02", "soon"])
    assert counts.days.tolist() == [article_day("2020-01-02"), -1]
    with pytest.raises(ValueError, match="as long as each other, got 2, 1, 1"):
        count_terms(["a", "b"], ["x"], [""])


def test_average_link_merges_on_average_similarity_not_single_links():
    # 0-1 strongly linked, 2 linked to 1 only: average of {0,1} with 2 is 0.3 / 2 = 0.15
    graph = sp.csr_matrix(np.array([[0, 0.9, 0.0], [0.9, 0, 0.3], [0.0, 0.3, 0]]))
    assert average_link(graph, 0.2).tolist() == [0, 0, 2]
    assert average_link(graph, 0.1).tolist() == [0, 0, 0]
    # a given group starts as one cluster whatever its links
    assert average_link(graph, 0.5, groups=[[1, 2]]).tolist() == [0, 1, 1]


def _two_groups(inside: float, across: float) -> np.ndarray:
    block = np.full((4, 4), inside)
    matrix = np.block([[block, np.full((4, 4), across)], [np.full((4, 4), across), block]])
    np.fill_diagonal(matrix, 0)
    return matrix


def test_split_clusters_parts_two_tight_groups_but_not_a_uniform_one():
    one = np.zeros(8, dtype=np.int64)
    assert split_clusters(sp.csr_matrix(_two_groups(0.5, 0.1)), one, 0.9).tolist() == [0, 0, 0, 0, 4, 4, 4, 4]
    assert split_clusters(sp.csr_matrix(_two_groups(0.4, 0.4)), one, 0.9).tolist() == [0] * 8
    # Halves still close on average (0.3) tell one event: no split.
    assert split_clusters(sp.csr_matrix(_two_groups(0.5, 0.3)), one, 0.9).tolist() == [0] * 8
    # Near-identical texts (here nodes 0 and 4) are never parted.
    linked = _two_groups(0.5, 0.1)
    linked[0, 4] = linked[4, 0] = 0.7
    labels = split_clusters(sp.csr_matrix(linked), one, 0.9)
    assert labels[0] == labels[4]
    assert split_clusters(sp.csr_matrix(_two_groups(0.5, 0.1)), one, 0.0).tolist() == [0] * 8


QUAKE = [
    ("q1", "Quake hits Iran island", "A magnitude 6.1 earthquake struck Qeshm island in southern Iran on Sunday, killing ten people, the Red Crescent said."),
    ("q2", "Earthquake kills ten on Qeshm", "Ten people died when an earthquake hit Qeshm island in Iran on Sunday. Rescuers from Bandar Abbas searched the rubble."),
    ("q3", "Iran quake toll rises", "The toll of Sunday's earthquake on Iran's Qeshm island rose to ten, the Red Crescent said, as rescuers searched the rubble."),
]
BUDGET = [
    ("b1", "Council passes budget", "The Riverside city council approved the school budget on Monday night after a long debate, Mayor Jane Doe said."),
    ("b2", "Riverside budget approved", "Mayor Jane Doe said the Riverside council approved the school budget on Monday after hours of debate."),
]


def _small_corpus():
    return [_article(i, t, x) for i, t, x in QUAKE + BUDGET] + [
        _article("z", "Local team wins", "The Hillside Hawks beat the Valley Owls 3-1 in the regional football final on Saturday.")
    ]


def test_stories_ids_order_and_members():
    stories = cluster_articles(_small_corpus(), SETTINGS)
    assert [s.article_ids for s in stories] == [("q1", "q2", "q3"), ("b1", "b2"), ("z",)]
    assert stories[0].id == story_id(["q1", "q2", "q3"]) == story_id(["q1"])
    assert stories[0].id.startswith("s-") and len(stories[0].id) == 12
    assert cluster_articles([], SETTINGS) == []
    [single] = cluster_articles([_small_corpus()[0]], SETTINGS)
    assert single.article_ids == ("q1",) and single.duplicates == ()


@hypothesis_settings(max_examples=25, deadline=None)
@given(order=st.permutations(list(range(6))))
def test_clustering_ignores_input_order(order):
    corpus = _small_corpus()
    shuffled = [corpus[i] for i in order]
    reference = cluster_articles(corpus, SETTINGS)
    result = cluster_articles(shuffled, SETTINGS)
    assert [(s.id, sorted(s.article_ids)) for s in result] == [(s.id, sorted(s.article_ids)) for s in reference]
    position = {a.id: n for n, a in enumerate(shuffled)}
    for story in result:
        assert [position[i] for i in story.article_ids] == sorted(position[i] for i in story.article_ids)


def test_real_articles_in_any_order_give_the_same_stories(shared_data):
    records = load_labelled(shared_data / "basil" / "articles.jsonl")[:60]
    articles, _ = prepare_articles(records, Settings())
    reference = {(s.id, frozenset(s.article_ids)) for s in cluster_articles(articles, SETTINGS)}
    rng = np.random.default_rng(7)
    for _ in range(3):
        shuffled = [articles[i] for i in rng.permutation(len(articles))]
        assert {(s.id, frozenset(s.article_ids)) for s in cluster_articles(shuffled, SETTINGS)} == reference


def test_near_copies_always_share_a_story_and_are_listed():
    corpus = _small_corpus()
    # Pretend the sports report and one budget report are near-copies: the group wins.
    stories = cluster_articles(corpus, SETTINGS, duplicates=[("b2", "z")])
    [story] = [s for s in stories if "z" in s.article_ids]
    assert {"b2", "z"} <= set(story.article_ids)
    assert story.duplicates == (("b2", "z"),)
    assert all(s.duplicates == () for s in stories if s is not story)


def test_dates_far_apart_keep_same_words_apart():
    text = "A magnitude 6.1 earthquake struck Qeshm island in southern Iran, killing ten people, the Red Crescent said."
    near = [_article("a", "Quake", text, "2013-04-01"), _article("b", "Quake", text.replace("ten", "eleven"), "2013-04-02")]
    far = [near[0], _article("c", "Quake", text.replace("ten", "eleven"), "2013-09-20")]
    assert len(cluster_articles(near, SETTINGS)) == 1
    assert len(cluster_articles(far, SETTINGS)) == 2


def test_misuse_is_refused_with_a_clear_message():
    corpus = _small_corpus()
    with pytest.raises(ValueError, match="article id 'q1' occurs twice"):
        cluster_articles(corpus + [corpus[0]], SETTINGS)
    with pytest.raises(ValueError, match="names article 'nope', which is not among the articles"):
        cluster_articles(corpus, SETTINGS, duplicates=[("q1", "nope")])
    with pytest.raises(TypeError, match="groups of ids"):
        cluster_articles(corpus, SETTINGS, duplicates=["q1"])
    with pytest.raises(ConfigError, match=r"cluster.similarity_threshold must be in \[0.0, 1.0\], got 1.2"):
        ClusterSettings(similarity_threshold=1.2)
    with pytest.raises(ConfigError, match=r"cluster.neighbours must be in \[1, 10000\], got 0"):
        load_settings(env={"NEWSFUSE_CLUSTER__NEIGHBOURS": "0"})


def test_the_seeds_form_one_story_among_real_articles(seeds_dir, shared_data):
    """Five outlets on one event, hidden among ecbplus and basil: exactly one story of exactly the five."""
    records = load_labelled(shared_data / "ecbplus" / "articles.jsonl") + load_labelled(
        shared_data / "basil" / "articles.jsonl"
    )
    haystack, _ = prepare_articles(records, Settings())
    seeds = _seeds(seeds_dir)
    seed_ids = {a.id for a in seeds}
    for articles in (seeds + haystack, haystack[::-1] + seeds[::-1]):
        duplicates = find_duplicates(articles, DedupSettings())
        stories = cluster_articles(articles, SETTINGS, duplicates=duplicates)
        [story] = [s for s in stories if seed_ids & set(s.article_ids)]
        assert set(story.article_ids) == seed_ids


def _retitled(articles: list[CleanArticle], title) -> list[CleanArticle]:
    """Return ``articles`` with each title replaced by ``title(article)``."""
    return [CleanArticle(a.id, a.source, title(a), a.text, a.sentences, date=a.date) for a in articles]


def _grouping(articles: list[CleanArticle]) -> set[frozenset[str]]:
    stories = cluster_articles(articles, SETTINGS, duplicates=find_duplicates(articles, DedupSettings()))
    return {frozenset(s.article_ids) for s in stories}


@pytest.mark.parametrize("count", [12, 120])
@pytest.mark.parametrize("boilerplate", ["Local Wire", "Home", "News | Example Times"])
def test_a_title_every_article_carries_does_not_join_unrelated_stories(shared_data, count, boilerplate):
    """Pages of a site whose only title is its name: the stories of the bodies alone, in small and large batches."""
    records = load_labelled(shared_data / "multinews_sample" / "clustering_view.jsonl")[:count]
    articles, _ = prepare_articles(records, Settings())
    untitled = _grouping(_retitled(articles, lambda a: ""))
    assert len(untitled) >= count // 3
    assert _grouping(_retitled(articles, lambda a: boilerplate)) == untitled


def test_three_sites_each_titling_every_page_with_its_name_do_not_make_three_stories(shared_data):
    """A store of three sites, each of whose pages carries only the site's name as a headline (" | Site")."""
    records = load_labelled(shared_data / "multinews_sample" / "clustering_view.jsonl")[:90]
    articles, _ = prepare_articles(records, Settings())
    sites = {a.id: ("Local Wire", "Daily Planet", "Morning Herald")[n % 3] for n, a in enumerate(articles)}
    assert _grouping(_retitled(articles, lambda a: f" | {sites[a.id]}")) == _grouping(_retitled(articles, lambda a: ""))


def _stories_of(articles: list[CleanArticle], ids: set[str]) -> set[frozenset[str]]:
    """Return the stories of ``articles`` that hold any of ``ids``, each cut to those ids."""
    stories = cluster_articles(articles, SETTINGS, duplicates=find_duplicates(articles, DedupSettings()))
    return {frozenset(ids & set(s.article_ids)) for s in stories if ids & set(s.article_ids)}


def test_unrelated_articles_added_to_a_batch_do_not_merge_two_look_alike_events(shared_data):
    """Two San Diego Chargers players arrested for drunk driving years apart (ECB+ topic 35): two stories
    whether ECB+ is clustered alone or with all of Multi-News beside it (which used to lift every IDF and
    with it the similarity of the two arrests' halves above the split cap)."""
    ecbplus = load_labelled(shared_data / "ecbplus" / "articles.jsonl")
    multinews = load_labelled(shared_data / "multinews_sample" / "clustering_view.jsonl")
    alone, _ = prepare_articles(ecbplus, Settings())
    others, _ = prepare_articles(multinews, Settings())
    gold = {r["id"]: r["gold"] for r in ecbplus}
    arrests = {a.id for a in alone if gold[a.id] in ("35_ecb", "35_ecbplus")}
    expected = {frozenset(i for i in arrests if gold[i] == event) for event in ("35_ecb", "35_ecbplus")}
    assert _stories_of(alone, arrests) == expected
    assert _stories_of(alone + others, arrests) == expected


def _partial_copy(article: CleanArticle, number: int, rng: random.Random) -> CleanArticle:
    """Return a syndicated version of ``article``: a quarter of its sentences cut, a few words changed."""
    sentences = [s for s in article.text.replace("\n", " ").split(". ") if s]
    kept = [s for s in sentences if rng.random() < 0.75] or sentences[:1]
    words = ". ".join(kept).split(" ")
    for _ in range(max(1, len(words) // 50)):
        words[rng.randrange(len(words))] = rng.choice(words)
    return _article(f"{article.id}~{number}", article.title, " ".join(words))


def test_a_story_of_a_few_widely_copied_versions_stays_one(seeds_dir, shared_data):
    """Five versions of one event, each syndicated twenty times with cuts: one story, not five."""
    rng = random.Random(0)
    copies = [_partial_copy(seed, n, rng) for seed in _seeds(seeds_dir) for n in range(20)]
    haystack, _ = prepare_articles(load_labelled(shared_data / "basil" / "articles.jsonl"), Settings())
    articles = haystack + copies
    stories = cluster_articles(articles, SETTINGS, duplicates=find_duplicates(articles, DedupSettings()))
    copy_ids = {a.id for a in copies}
    [story] = [s for s in stories if copy_ids & set(s.article_ids)]
    assert set(story.article_ids) == copy_ids


def test_doctests():
    import doctest

    import newsfuse.cluster
    import newsfuse.cluster.agglomerate
    import newsfuse.cluster.features
    import newsfuse.cluster.graph

    for module in (newsfuse.cluster, newsfuse.cluster.agglomerate, newsfuse.cluster.features, newsfuse.cluster.graph):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_a_short_note_on_the_event_joins_the_full_reports(seeds_dir):
    """Three sentences of one seed (the Easter ceasefire broken, hopes dampened), beside the other four
    seeds in full: one story of five, as one event told briefly (a merge threshold of 0.1 left it alone)."""
    seeds = _seeds(seeds_dir)
    text = seeds[0].text
    start = text.index("Meanwhile, the situation on the ground")
    end = text.index("doors begin to open slightly.") + len("doors begin to open slightly.")
    note = _article("note", "", text[start:end])
    articles = seeds[1:] + [note]
    stories = cluster_articles(articles, SETTINGS)
    assert [set(s.article_ids) for s in stories] == [{a.id for a in articles}]


def test_every_report_of_a_rehab_stay_and_of_an_injury_is_one_story(shared_data):
    """ECB+ clustered alone: the 18 reports of Tara Reid's rehab stay (1_ecb) and the 15 of Reggie Bush
    placed on injured reserve (25_ecb) each form one story (at a merge threshold of 0.1 one report of
    each stayed apart)."""
    records = load_labelled(shared_data / "ecbplus" / "articles.jsonl")
    articles, _ = prepare_articles(records, Settings())
    gold = {r["id"]: r["gold"] for r in records}
    for event in ("1_ecb", "25_ecb"):
        reports = {a.id for a in articles if gold[a.id] == event}
        assert _stories_of(articles, reports) == {frozenset(reports)}
