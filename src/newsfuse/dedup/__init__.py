"""Dedup: find near-copies (syndicated wire copy with light edits) among articles.

Two halves, as the pipeline needs them: ``signature`` / ``signatures``
summarise each article on its own (shardable), ``find_duplicates`` matches
the whole batch (LSH banding, then the estimated Jaccard similarity of word
shingles against ``DedupSettings.similarity_threshold``).

Example:
    >>> from newsfuse.config import DedupSettings
    >>> from newsfuse.models import CleanArticle
    >>> body = ("The river rose four metres overnight and flooded the old town, "
    ...         "the mayor said on Sunday, asking people to stay away from the banks.")
    >>> a = CleanArticle("a", "Wire", "Floods hit town", body, ())
    >>> b = CleanArticle("b", "Daily", "Town under water", "LONDON - " + body, ())
    >>> c = CleanArticle("c", "Other", "Budget passed", "The council passed the budget.", ())
    >>> find_duplicates([c, b, a], DedupSettings())
    [('a', 'b')]
"""

from __future__ import annotations

from typing import Sequence

from newsfuse.config import DedupSettings
from newsfuse.dedup.match import band_layout, connected_groups, near_duplicate_pairs
from newsfuse.dedup.minhash import EMPTY, estimated_jaccard, signature, signatures
from newsfuse.models import CleanArticle

__all__ = [
    "EMPTY",
    "band_layout",
    "estimated_jaccard",
    "find_duplicates",
    "signature",
    "signatures",
]


def find_duplicates(
    articles: Sequence[CleanArticle], settings: DedupSettings | None = None
) -> list[tuple[str, ...]]:
    """Return the groups of near-copies among ``articles``: sorted id tuples, sorted.

    A group holds two or more articles linked by chains of pairs whose word
    shingles have an estimated Jaccard similarity of at least
    ``settings.similarity_threshold``.  The body text alone is compared, so a
    copy with a new headline still matches.  The result does not depend on
    the order of ``articles``.

    Raises:
        ValueError: when two articles share an id.
    """
    settings = settings or DedupSettings()
    ids = [article.id for article in articles]
    if len(set(ids)) != len(ids):
        seen: set[str] = set()
        repeated = next(i for i in ids if i in seen or seen.add(i))  # type: ignore[func-returns-value]
        raise ValueError(f"article id {repeated!r} occurs twice; ids must be unique within a batch")
    # Work in id order so that nothing (not even the chaining of huge LSH
    # buckets) depends on the input order.
    ordered = sorted(articles, key=lambda article: article.id)
    values = signatures([article.text for article in ordered], settings)
    pairs = near_duplicate_pairs(values, settings.similarity_threshold)
    groups = connected_groups(len(ordered), pairs)
    return sorted(tuple(sorted(ordered[i].id for i in group)) for group in groups)
