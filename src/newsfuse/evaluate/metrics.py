"""Clustering and pair-classification scores as pure functions.

A clustering is given as labels: a mapping from item id to cluster label
(any hashable).  Scores are computed over the ids of ``gold``; ``pred`` must
label each of them (extra ids in ``pred`` are ignored).

Example:
    >>> gold = {"a": 1, "b": 1, "c": 2}
    >>> pred = {"a": "x", "b": "y", "c": "y"}
    >>> [round(v, 3) for v in bcubed(pred, gold)]
    [0.667, 0.667, 0.667]
"""

from __future__ import annotations

from collections import Counter
from typing import Hashable, Iterable, Mapping, NamedTuple, Sequence

__all__ = [
    "Scores",
    "adjusted_rand_index",
    "bcubed",
    "f1_score",
    "labels_from_clusters",
    "pair_scores",
    "pairwise",
]


class Scores(NamedTuple):
    """Precision, recall and their harmonic mean."""

    precision: float
    recall: float
    f1: float


def f1_score(precision: float, recall: float) -> float:
    """Return the harmonic mean of ``precision`` and ``recall`` (0 when both are 0)."""
    total = precision + recall
    return 2 * precision * recall / total if total > 0 else 0.0


def labels_from_clusters(clusters: Iterable[Sequence[str]]) -> dict[str, int]:
    """Return ``{item id: cluster number}`` for clusters given as id lists.

    Raises:
        ValueError: when an id stands in two clusters.

    Example:
        >>> labels_from_clusters([("a", "b"), ("c",)])
        {'a': 0, 'b': 0, 'c': 1}
    """
    labels: dict[str, int] = {}
    for number, cluster in enumerate(clusters):
        for item in cluster:
            if item in labels:
                raise ValueError(
                    f"id {item!r} stands in clusters {labels[item]} and {number}; "
                    "each id must be in exactly one cluster"
                )
            labels[item] = number
    return labels


def _pairs(pred: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> list[tuple[Hashable, Hashable]]:
    missing = [item for item in gold if item not in pred]
    if missing:
        raise ValueError(
            f"pred has no label for {len(missing)} gold id(s), e.g. {missing[0]!r}; "
            "label every gold id (a singleton label for unclustered items)"
        )
    return [(pred[item], gold[item]) for item in gold]


def bcubed(pred: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> Scores:
    """Return B-cubed precision, recall and F1 of ``pred`` against ``gold``.

    Per item: precision is the share of its predicted cluster that shares its
    gold cluster, recall the share of its gold cluster that shares its
    predicted cluster; both are averaged over items (Bagga & Baldwin 1998,
    Amigó et al. 2009).  F1 is the harmonic mean of the two averages.

    Example:
        >>> [round(v, 4) for v in bcubed({"a": 0, "b": 0, "c": 0}, {"a": 0, "b": 0, "c": 1})]
        [0.5556, 1.0, 0.7143]
    """
    pairs = _pairs(pred, gold)
    if not pairs:
        return Scores(0.0, 0.0, 0.0)
    joint = Counter(pairs)
    pred_size = Counter(p for p, _ in pairs)
    gold_size = Counter(g for _, g in pairs)
    # Every item of cell (p, g) has the same per-item precision and recall.
    precision = sum(n * n / pred_size[p] for (p, _), n in joint.items()) / len(pairs)
    recall = sum(n * n / gold_size[g] for (_, g), n in joint.items()) / len(pairs)
    return Scores(precision, recall, f1_score(precision, recall))


def pairwise(pred: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> Scores:
    """Return pairwise precision, recall and F1 over same-cluster item pairs.

    A pair is positive when both items share a cluster.  With no positive pair
    on a side its score is 1 when the other side has none either, else 0.

    Example:
        >>> pairwise({"a": 0, "b": 0, "c": 0}, {"a": 0, "b": 0, "c": 1})
        Scores(precision=0.3333333333333333, recall=1.0, f1=0.5)
    """
    pairs = _pairs(pred, gold)

    def linked(counts: Iterable[int]) -> int:
        return sum(n * (n - 1) // 2 for n in counts)

    both = linked(Counter(pairs).values())
    predicted = linked(Counter(p for p, _ in pairs).values())
    true = linked(Counter(g for _, g in pairs).values())
    precision = both / predicted if predicted else float(true == 0)
    recall = both / true if true else float(predicted == 0)
    return Scores(precision, recall, f1_score(precision, recall))


def adjusted_rand_index(pred: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> float:
    """Return the adjusted Rand index of ``pred`` against ``gold`` (1 = identical, ~0 = chance).

    Example:
        >>> adjusted_rand_index({"a": 5, "b": 5, "c": 6}, {"a": 0, "b": 0, "c": 1})
        1.0
    """
    pairs = _pairs(pred, gold)
    n = len(pairs)

    def comb2(counts: Iterable[int]) -> float:
        return float(sum(c * (c - 1) / 2 for c in counts))

    index = comb2(Counter(pairs).values())
    pred_sum = comb2(Counter(p for p, _ in pairs).values())
    gold_sum = comb2(Counter(g for _, g in pairs).values())
    total = n * (n - 1) / 2
    if total == 0:
        return 1.0
    expected = pred_sum * gold_sum / total
    maximum = (pred_sum + gold_sum) / 2
    if maximum == expected:  # both all-singletons or both one cluster
        return 1.0
    return (index - expected) / (maximum - expected)


def pair_scores(predicted: Iterable[bool], actual: Iterable[bool]) -> Scores:
    """Return precision, recall and F1 of binary decisions against the truth.

    Example:
        >>> pair_scores([True, True, False], [True, False, True])
        Scores(precision=0.5, recall=0.5, f1=0.5)
    """
    true_positive = false_positive = false_negative = 0
    for guess, truth in zip(predicted, actual, strict=True):
        true_positive += guess and truth
        false_positive += guess and not truth
        false_negative += truth and not guess
    precision = true_positive / (true_positive + false_positive) if true_positive + false_positive else 1.0
    recall = true_positive / (true_positive + false_negative) if true_positive + false_negative else 1.0
    return Scores(precision, recall, f1_score(precision, recall))
