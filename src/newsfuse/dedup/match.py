"""Matching signatures: LSH banding for candidates, then a similarity check.

``near_duplicate_pairs`` is the global half of dedup (the per-article half is
``newsfuse.dedup.minhash.signatures``).  Banding splits each signature into
``bands`` bands of ``rows`` values; two texts are candidates when one band
is equal.  The band layout minimises the weighted chance of missing a pair
above the threshold or testing one below it (as datasketch's MinHashLSH),
with misses weighted up because every candidate is checked anyway.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from newsfuse.dedup.minhash import EMPTY
from newsfuse.dedup.words import fmix

__all__ = ["band_layout", "connected_groups", "near_duplicate_pairs"]

# Weights of the two LSH errors when choosing the band layout.  A false
# candidate costs one signature comparison; a missed pair is lost, so misses
# weigh 4x.  Re-run evaluate_duplicates after a change.
FALSE_CANDIDATE_WEIGHT = 0.2
MISSED_PAIR_WEIGHT = 0.8
# Above this many texts sharing one band value, the band is not informative
# (boilerplate repeated across a site): such a bucket is linked as a chain of
# neighbours instead of all pairs, which keeps the work linear.
MAX_BUCKET_PAIRS = 64


def _integral(function, low: float, high: float, steps: int = 200) -> float:
    grid = np.linspace(low, high, steps + 1)
    values = function(grid)
    return float(np.sum((values[1:] + values[:-1]) * np.diff(grid)) / 2)


@lru_cache(maxsize=64)
def band_layout(threshold: float, num_perm: int) -> tuple[int, int]:
    """Return ``(bands, rows)`` for LSH at ``threshold`` with ``num_perm`` values.

    Example:
        >>> band_layout(0.6, 128)
        (23, 5)
    """
    best = (float("inf"), (1, num_perm))
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            false_candidate = _integral(lambda s: 1 - (1 - s**rows) ** bands, 0.0, threshold)
            missed = _integral(lambda s: (1 - s**rows) ** bands, threshold, 1.0)
            error = FALSE_CANDIDATE_WEIGHT * false_candidate + MISSED_PAIR_WEIGHT * missed
            if error < best[0] - 1e-12:
                best = (error, (bands, rows))
    return best[1]


def _bucket_pairs(keys: np.ndarray) -> np.ndarray:
    """Return ``(i, j)`` index pairs (i < j) of rows with equal ``keys``.

    A bucket with more than MAX_BUCKET_PAIRS pairs yields only the pairs of
    neighbours in index order (a chain), which still joins it into one group.
    """
    order = np.lexsort((np.arange(len(keys)), keys))
    sorted_keys = keys[order]
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    sizes = np.diff(np.r_[starts, len(keys)])
    bucket = np.repeat(np.arange(len(starts)), sizes)
    position = np.arange(len(keys))
    stop = (starts + sizes)[bucket]
    big = (sizes * (sizes - 1) // 2 > MAX_BUCKET_PAIRS)[bucket]
    # Each member pairs with every later member of its bucket (or only the
    # next one in a big bucket).
    partners = np.where(big, np.minimum(1, stop - position - 1), stop - position - 1)
    first = np.repeat(position, partners)
    offsets = np.arange(len(first)) - np.repeat(np.cumsum(partners) - partners, partners)
    second = first + 1 + offsets
    left, right = order[first], order[second]
    return np.stack((np.minimum(left, right), np.maximum(left, right)), axis=1).astype(np.int64)


def near_duplicate_pairs(signatures: np.ndarray, threshold: float) -> np.ndarray:
    """Return the ``(i, j)`` row pairs (i < j, sorted) whose estimated Jaccard is >= ``threshold``.

    Rows of ``EMPTY`` (texts without words) never match.
    """
    count, num_perm = signatures.shape
    if count < 2:
        return np.zeros((0, 2), dtype=np.int64)
    bands, rows = band_layout(threshold, num_perm)
    valid = ~(signatures == EMPTY).all(axis=1)
    candidates = []
    for band in range(bands):
        block = signatures[:, band * rows : (band + 1) * rows]
        key = np.full(count, np.uint64(band), dtype=np.uint64)
        for column in range(rows):
            key = fmix(key ^ block[:, column])
        found = _bucket_pairs(key)
        candidates.append(found[valid[found[:, 0]] & valid[found[:, 1]]])
    found = np.concatenate(candidates) if candidates else np.zeros((0, 2), np.int64)
    if len(found) == 0:
        return found.reshape(0, 2).astype(np.int64)
    codes = np.unique(found[:, 0] * count + found[:, 1])
    pairs = np.stack((codes // count, codes % count), axis=1)
    kept = []
    for begin in range(0, len(pairs), 65536):
        chunk = pairs[begin : begin + 65536]
        agreement = (signatures[chunk[:, 0]] == signatures[chunk[:, 1]]).mean(axis=1)
        kept.append(chunk[agreement >= threshold])
    return np.concatenate(kept).astype(np.int64)


def connected_groups(count: int, pairs: np.ndarray) -> list[list[int]]:
    """Return the connected components with two or more members of the graph on ``count`` nodes.

    Each group is sorted, and groups are ordered by their smallest member.

    Example:
        >>> connected_groups(5, np.array([[3, 4], [0, 2], [2, 3]]))
        [[0, 2, 3, 4]]
    """
    if len(pairs) == 0:
        return []
    graph = sp.csr_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(count, count))
    _, component = connected_components(graph, directed=False)
    order = np.lexsort((np.arange(count), component))
    sizes = np.bincount(component)
    groups = [g.tolist() for g in np.split(order, np.cumsum(sizes)[:-1]) if len(g) > 1]
    return sorted(groups, key=lambda g: g[0])
