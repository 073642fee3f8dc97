"""Splitting a story whose articles fall in two camps of names that exclude each other.

Two events of one kind (one rule made by one administration and undone by
the next) share their vocabulary, so their articles are nearly as similar
across the two events as within each, and the normalised-cut test of
``newsfuse.cluster.agglomerate`` finds no clean cut.  What tells them apart
is who and where: one camp names Kempthorne, the other Salazar and Locke,
and no article names both.

``split_rival_names`` looks, inside each cluster, at the names that a
sizeable share of its units (``MIN_SHARE`` to ``1 - MIN_SHARE``) hold.  A
pair of such names that no unit holds together, when that is unlikely by
chance (the hypergeometric chance of no overlap at most ``PAIR_CHANCE``),
is a *rival pair*.  One story told from several angles names its people in
most of its articles, so it has few rival pairs; a cluster with at least
``MIN_RIVAL_PAIRS`` is split in two: the rival pairs' names are coloured
in two camps (a breadth-first walk of the pairs from the name in the most
of them); each unit starts in the camp whose names it holds the larger
share of (a tie: the half its average similarity favours), then every unit
moves to the half it is more similar to on average until none moves.  Each
half must keep ``MIN_SIDE`` units; the halves are tested again.

Units are the nodes of the similarity graph (an article, or a group of
near-copies): a unit holds a name when one of its articles does.
"""

from __future__ import annotations

from collections import deque

import numpy as np
import scipy.sparse as sp
from scipy.special import gammaln

__all__ = ["split_rival_names", "rival_pairs"]

# Names held by fewer than this share of a cluster's units, or by more than
# 1 - this share, are no camp's mark (a name in one article, or in nearly
# all of them).  0.2 keeps a camp of 3 in a cluster of 14.
MIN_SHARE = 0.2
# A pair of names is a rival pair when no unit holds both and the chance
# of that, were the two names spread at random over the cluster's units
# (hypergeometric), is at most this.  Two names each in half of 10 units
# meet nowhere by chance 0.4% of the time; 0.01 needs about 10 units.
PAIR_CHANCE = 0.01
# Rival pairs a cluster needs to be split.  On the ECB+ dev clusters one
# story holds at most 5 (a football player's DUI arrest and his later
# court date), the merged Bush 2008 / Obama 2009 endangered-species rules 15.
MIN_RIVAL_PAIRS = 8
# Rounds that refine the halves found from the rival camps: each unit moves
# to the half it is more similar to on average.  Camps of names are thin
# (one secretary's name against another's), and an article of one event may
# name the other event's people ("Obama overturns the rule of Bush's
# secretary Kempthorne"); its similarities place it.  On the dev sets the
# halves settle within 3 rounds.
REFINE_ROUNDS = 10
# Units each half must keep.
MIN_SIDE = 3


def _log_choose(n: np.ndarray, k: np.ndarray) -> np.ndarray:
    return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1)


def rival_pairs(incidence: np.ndarray) -> list[tuple[int, int]]:
    """Return the rival pairs of a cluster's unit x name incidence (booleans), as column pairs.

    Only columns held by ``MIN_SHARE`` to ``1 - MIN_SHARE`` of the rows take part.
    """
    count = incidence.shape[0]
    if count == 0:
        return []
    share = incidence.mean(axis=0)
    columns = np.flatnonzero((share >= MIN_SHARE) & (share <= 1 - MIN_SHARE))
    if len(columns) < 2:
        return []
    held = incidence[:, columns].astype(np.float64)
    together = held.T @ held
    totals = held.sum(axis=0)
    first, second = np.triu_indices(len(columns), 1)
    a, b = totals[first], totals[second]
    # P(no overlap) = C(n - a, b) / C(n, b); 0 when a + b > n (they must meet).
    possible = a + b <= count
    log_chance = np.full(len(first), 0.0)
    log_chance[possible] = _log_choose(count - a[possible], b[possible]) - _log_choose(
        np.full(possible.sum(), count, dtype=np.float64), b[possible]
    )
    rival = possible & (together[first, second] == 0) & (log_chance <= np.log(PAIR_CHANCE))
    return [(int(columns[i]), int(columns[j])) for i, j in zip(first[rival], second[rival])]


def _camps(pairs: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Return the two camps of names: a breadth-first two-colouring of the rival pairs.

    The walk starts from the name in the most pairs (ties: lowest column)
    and covers its connected part only; a pair whose names got one colour
    is ignored.
    """
    neighbours: dict[int, list[int]] = {}
    for a, b in pairs:
        neighbours.setdefault(a, []).append(b)
        neighbours.setdefault(b, []).append(a)
    start = min(neighbours, key=lambda name: (-len(neighbours[name]), name))
    colour = {start: 0}
    queue = deque([start])
    while queue:
        name = queue.popleft()
        for other in sorted(neighbours[name]):
            if other not in colour:
                colour[other] = 1 - colour[name]
                queue.append(other)
    return (
        sorted(name for name, c in colour.items() if c == 0),
        sorted(name for name, c in colour.items() if c == 1),
    )


def _bisect(incidence: np.ndarray, weights: sp.csr_matrix) -> np.ndarray | None:
    """Return which units fall in the first half, or None when the cluster is not split.

    ``weights`` are the similarities of the cluster's units (zero diagonal).
    """
    pairs = rival_pairs(incidence)
    if len(pairs) < MIN_RIVAL_PAIRS:
        return None
    first, second = _camps(pairs)
    lean = incidence[:, first].mean(axis=1) - incidence[:, second].mean(axis=1)
    if not (lean > 0).any() or not (lean < 0).any():
        return None
    in_first = lean > 0
    # Units that hold neither camp's names (or both equally) start where
    # their average similarity leans; then every unit moves to the half it
    # is more similar to on average (itself left out) until none moves.
    undecided = lean == 0
    for _ in range(REFINE_ROUNDS):
        first_count = in_first.sum() - in_first
        second_count = (~in_first).sum() - ~in_first
        if first_count.min() == 0 or second_count.min() == 0:
            return None
        towards_first = weights @ in_first.astype(np.float64)
        towards_second = weights @ (~in_first).astype(np.float64)
        similarity_lean = towards_first / first_count - towards_second / second_count
        moved = np.where(similarity_lean == 0, in_first, similarity_lean > 0)
        if undecided.any():
            moved = np.where(undecided, moved, in_first)
            undecided[:] = False
        elif (moved == in_first).all():
            break
        in_first = moved
    if in_first.sum() < MIN_SIDE or (~in_first).sum() < MIN_SIDE:
        return None
    return in_first


def split_rival_names(graph: sp.csr_matrix, names: sp.csr_matrix, labels: np.ndarray) -> np.ndarray:
    """Return ``labels`` with each cluster that holds two camps of rival names split in two.

    ``graph`` is the units' similarity graph, ``names`` a unit x name
    matrix (non-zero: the unit holds the name), ``labels`` a cluster label
    per unit.  Halves are labelled by their smallest unit and tested again.
    """
    labels = labels.copy()
    names = names.tocsr()
    # Only the columns some unit uses (names come hashed to 2**24 columns).
    used_columns, compact_columns = np.unique(names.indices, return_inverse=True)
    names = sp.csr_matrix(
        (names.data, compact_columns.ravel(), names.indptr), shape=(names.shape[0], len(used_columns))
    )
    graph = graph.tocsr()
    order = np.argsort(labels, kind="stable")
    boundaries = np.flatnonzero(np.diff(labels[order])) + 1
    pending = [part for part in np.split(order, boundaries) if len(part) >= 2 * MIN_SIDE]
    while pending:
        nodes = pending.pop()
        if len(nodes) < 2 * MIN_SIDE:
            continue
        block = names[nodes]
        block.data = np.ones_like(block.data)
        block.sum_duplicates()
        block.data = np.minimum(block.data, 1.0)
        # Only names held by a sizeable share of the units can be a camp's mark.
        columns, held = np.unique(block.indices, return_counts=True)
        share = held / len(nodes)
        used = columns[(share >= MIN_SHARE) & (share <= 1 - MIN_SHARE)]
        if len(used) < 2:
            continue
        incidence = block[:, used].toarray() > 0
        in_first = _bisect(incidence, graph[nodes][:, nodes].tocsr())
        if in_first is None:
            continue
        for part in (nodes[in_first], nodes[~in_first]):
            labels[part] = part.min()
            pending.append(part)
    return labels
