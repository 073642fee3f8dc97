"""Cluster: group clean articles into stories (articles that report one event).

Pipeline of ``cluster_articles``:

1. per article (shardable): ``count_terms`` - body words, names, headline
   words, publication day;
2. for the batch: TF-IDF vectors and each article's nearest neighbours
   (``similarity_graph``), similarity = weighted cosines x a date factor;
3. ``average_link`` at ``ClusterSettings.similarity_threshold``; each
   near-copy group is one unit throughout, so it lands in one story;
4. ``split_clusters``: spectral splits of clusters that hold two tightly
   knit stories of one kind (``ClusterSettings.split_threshold``).

The result does not depend on the input order: articles are processed in
id order, and story ids derive from member ids.  (``newsfuse.cluster.stream``
assigns arriving articles to stories one at a time for the store;
``stream_stories`` runs a list of articles through it in date order, the
streaming counterpart of ``cluster_articles``.)

Example:
    >>> from newsfuse.config import ClusterSettings
    >>> from newsfuse.models import CleanArticle
    >>> quake = "A magnitude 6.1 earthquake struck Qeshm island in southern Iran on Sunday, killing ten people."
    >>> story = [
    ...     CleanArticle("a", "One", "Quake hits Iran island", quake, ()),
    ...     CleanArticle("b", "Two", "Earthquake kills ten on Qeshm", "Ten people died when an earthquake hit Qeshm island in Iran.", ()),
    ...     CleanArticle("c", "Three", "Budget passes", "The city council passed the school budget on Monday night.", ()),
    ... ]
    >>> [s.article_ids for s in cluster_articles(story, ClusterSettings())]
    [('a', 'b'), ('c',)]
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Iterable, Sequence

import numpy as np

from newsfuse.cluster.agglomerate import average_link, split_clusters
from newsfuse.cluster.features import TermCounts, count_terms
from newsfuse.cluster.graph import similarity_graph
from newsfuse.config import ClusterSettings
from newsfuse.models import CleanArticle, Story

if TYPE_CHECKING:  # what ``__getattr__`` returns, as type checkers should see it (not ``Any``)
    from newsfuse.cluster.stream import StoryAssigner, stream_stories

__all__ = [
    "StoryAssigner",
    "TermCounts",
    "count_terms",
    "cluster_articles",
    "story_id",
    "stream_stories",
]
# Loaded on first use (``__getattr__``): the streaming assigner brings in the store's SQLite layer.
_STREAMING = ("StoryAssigner", "stream_stories")


def __getattr__(name: str):
    """Return ``StoryAssigner`` or ``stream_stories`` from ``newsfuse.cluster.stream``, imported on first use."""
    if name in _STREAMING:
        from newsfuse.cluster import stream

        return getattr(stream, name)
    raise AttributeError(f"module 'newsfuse.cluster' has no attribute {name!r}")


def story_id(article_ids: Iterable[str]) -> str:
    """Return the stable id of a story: ``s-`` + 10 hex digits of sha1 of its smallest article id.

    Example:
        >>> story_id(["b", "a"]) == story_id(["a"])
        True
        >>> story_id(["a"])
        's-86f7e437fa'
    """
    first = min(article_ids)
    return "s-" + hashlib.sha1(first.encode("utf-8")).hexdigest()[:10]


def _duplicate_groups(
    duplicates: Iterable[Sequence[str]], index_of: dict[str, int]
) -> list[list[int]]:
    """Return the near-copy groups as node lists, overlapping groups merged."""
    parent = list(range(len(index_of)))

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    touched: set[int] = set()
    for group in duplicates:
        if isinstance(group, str):
            raise TypeError(f"duplicates must be groups of ids (tuples), got the string {group!r}")
        nodes = []
        for article_id in group:
            if article_id not in index_of:
                raise ValueError(
                    f"duplicate group names article {article_id!r}, which is not among the articles; "
                    "pass the groups that find_duplicates returned for these same articles"
                )
            nodes.append(index_of[article_id])
        for node in nodes[1:]:
            a, b = find(nodes[0]), find(node)
            if a != b:
                parent[max(a, b)] = min(a, b)
        touched.update(nodes)
    groups: dict[int, list[int]] = {}
    for node in sorted(touched):
        groups.setdefault(find(node), []).append(node)
    return [g for g in groups.values() if len(g) > 1]


def cluster_articles(
    articles: Sequence[CleanArticle],
    settings: ClusterSettings | None = None,
    duplicates: Iterable[Sequence[str]] = (),
) -> list[Story]:
    """Return the stories of ``articles``: largest first, then by id.

    Each story lists its ``article_ids`` in input order, and the groups of
    ``duplicates`` (near-copies, from ``newsfuse.dedup.find_duplicates``)
    that fall in it; a group always lands in one story.  Every article is in
    exactly one story (a story may have one article).  The same articles in
    any order give the same stories.

    Raises:
        ValueError: when two articles share an id, or a duplicate group names
            an unknown article.
    """
    settings = settings or ClusterSettings()
    position = {}
    for number, article in enumerate(articles):
        if article.id in position:
            raise ValueError(f"article id {article.id!r} occurs twice; ids must be unique within a batch")
        position[article.id] = number
    ordered = sorted(articles, key=lambda article: article.id)
    index_of = {article.id: index for index, article in enumerate(ordered)}
    groups = _duplicate_groups(duplicates, index_of)

    counts = count_terms([a.title for a in ordered], [a.text for a in ordered], [a.date for a in ordered])
    # Each near-copy group is one unit; units are numbered in id order.
    root = np.arange(len(ordered))
    for group in groups:
        root[group] = group[0]
    _, unit_of = np.unique(root, return_inverse=True)
    graph = similarity_graph(counts, settings.neighbours, unit_of)
    unit_labels = average_link(graph, settings.similarity_threshold)
    unit_labels = split_clusters(graph, unit_labels, settings.split_threshold)
    labels = unit_labels[unit_of]

    members: dict[int, list[str]] = {}
    for index, label in enumerate(labels.tolist()):
        members.setdefault(label, []).append(ordered[index].id)
    groups_of: dict[int, list[tuple[str, ...]]] = {}
    for group in groups:
        groups_of.setdefault(int(labels[group[0]]), []).append(tuple(sorted(ordered[i].id for i in group)))
    stories = []
    for label, ids in members.items():
        in_story = tuple(sorted(groups_of.get(label, ())))
        stories.append(
            Story(
                id=story_id(ids),
                article_ids=tuple(sorted(ids, key=position.__getitem__)),
                duplicates=in_story,
            )
        )
    return sorted(stories, key=lambda s: (-len(s.article_ids), s.id))
