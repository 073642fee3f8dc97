"""Grouping on the similarity graph: average linkage, then normalised-cut splits.

1. ``average_link``: agglomerative clustering with average linkage on a
   sparse graph (a missing edge counts as similarity 0), merging while the
   best pair of clusters has an average similarity of at least the
   threshold.  Clusters may start from given groups (near-copies).
2. ``split_clusters``: a low threshold joins weakly worded reports of one
   story, but also joins two stories of one kind (two rehab stays of two
   celebrities) that share their vocabulary.  Each cluster is therefore
   split in two by its Fiedler vector (spectral bisection, Shi & Malik
   2000) when the normalised cut of the best split is below
   ``split_threshold``, both halves have at least ``MIN_SPLIT_SIZE``
   articles and their average similarity is below ``MAX_SPLIT_SIMILARITY``;
   the halves are split again the same way.  A normalised cut
   below 1 means the two halves are more tightly knit inside than to each
   other (a uniform cluster cuts at about 1 + 1/(n - 1)), and cutting one
   article off a cluster always costs at least 1, so weakly attached
   single articles stay.

Nodes are units: an article, or a group of near-copies
(``newsfuse.cluster.graph``).  Both functions are deterministic: ties are
broken by node number, and callers number the nodes in a canonical (id)
order.
"""

from __future__ import annotations

import heapq
from functools import lru_cache
from typing import Sequence

import numpy as np
import scipy.sparse as sp
from scipy.linalg import eigh
from scipy.linalg.lapack import dsyevr, dsyevr_lwork
from scipy.sparse.csgraph import connected_components
from scipy.sparse.linalg import eigsh

__all__ = ["average_link", "split_clusters"]

# The smaller half of a split must have at least this many articles.  With
# 2, two stories of two reports each can be told apart (multinews has many);
# splitting one article off is never considered.
MIN_SPLIT_SIZE = 2
# Two halves whose average similarity is at least this are never split,
# whatever their normalised cut: at that level they tell one event.  On the
# dev sets the halves of correct splits (two events of one kind) averaged
# 0.10-0.20 and those of wrong splits (one story's angles, or the versions
# of a wire story each copied many times) mostly 0.16-0.30; 0.22 gave the
# best B-cubed F1 over the dev sets (with ClusterSettings.split_threshold
# 0.9) and keeps a story of five widely copied versions whole (see
# tests/test_cluster.py).  Re-run `newsfuse eval cluster` after a change.
MAX_SPLIT_SIMILARITY = 0.22
# Articles this similar (the same text, trimmed or lightly edited, that
# dedup did not group) count as one node when a cluster is split.  Reports
# of one event by different outlets stay below it: on the dev sets 0.6
# changed no score by more than 0.006 and kept whole a story told by five
# versions, each copied twenty times with cuts (tests/test_cluster.py).
SAME_TEXT_SIMILARITY = 0.6
# Clusters up to this size use a dense eigensolver; larger ones Lanczos.
DENSE_EIGEN_LIMIT = 800


def average_link(graph: sp.csr_matrix, threshold: float, groups: Sequence[Sequence[int]] = ()) -> np.ndarray:
    """Return a cluster label per node of ``graph`` (a symmetric similarity matrix).

    Average similarity of two clusters = sum of the edge weights between
    them / (size_a * size_b).  Nodes of one of ``groups`` start in one
    cluster.  Labels are the smallest node number of each cluster.
    """
    count = graph.shape[0]
    start = np.arange(count)
    for group in groups:
        members = sorted(group)
        start[members] = members[0]
    # Initial clusters are named by their smallest node; merged ones get
    # fresh numbers from `count` on.
    size: dict[int, int] = {}
    members_of: dict[int, list[int]] = {}
    for node in range(count):
        root = int(start[node])
        size[root] = size.get(root, 0) + 1
        members_of.setdefault(root, []).append(node)

    coo = sp.triu(graph, k=1).tocoo()
    left = start[coo.row]
    right = start[coo.col]
    between = left != right
    low = np.minimum(left[between], right[between])
    high = np.maximum(left[between], right[between])
    weights = coo.data[between]
    links: dict[int, dict[int, float]] = {root: {} for root in size}
    if len(low):
        codes = low.astype(np.int64) * count + high
        unique, inverse = np.unique(codes, return_inverse=True)
        sums = np.bincount(inverse, weights=weights)
        for code, total in zip(unique.tolist(), sums.tolist()):
            a, b = divmod(code, count)
            links[a][b] = total
            links[b][a] = total

    # Only pairs at or above the threshold go on the heap: the average of a
    # merged cluster with a third lies between the averages of its two parts,
    # so a pair below the threshold can only rise above it through a merge,
    # which pushes the new pair.
    heap = [
        (-average, a, b)
        for a in links
        for b, total in links[a].items()
        if a < b and (average := total / (size[a] * size[b])) >= threshold
    ]
    heapq.heapify(heap)
    alive = set(size)
    next_id = count
    while heap:
        negative, a, b = heapq.heappop(heap)
        if -negative < threshold:
            break
        if a not in alive or b not in alive:
            continue
        merged = next_id
        next_id += 1
        alive.discard(a)
        alive.discard(b)
        alive.add(merged)
        size[merged] = size.pop(a) + size.pop(b)
        first, second = links.pop(a), links.pop(b)
        if len(first) < len(second):
            first, second = second, first
        first.pop(a, None)
        first.pop(b, None)
        for other, total in second.items():
            if other != a and other != b:
                first[other] = first.get(other, 0.0) + total
        links[merged] = first
        for other, total in first.items():
            neighbour = links[other]
            neighbour.pop(a, None)
            neighbour.pop(b, None)
            neighbour[merged] = total
            average = total / (size[merged] * size[other])
            if average >= threshold:
                heapq.heappush(heap, (-average, other, merged))
        members_of[merged] = members_of.pop(a) + members_of.pop(b)

    labels = np.empty(count, dtype=np.int64)
    for cluster in alive:
        nodes = members_of[cluster]
        labels[nodes] = min(nodes)
    return labels


def _fiedler_order(weights: np.ndarray | sp.csr_matrix) -> np.ndarray:
    """Return the nodes ordered by the second eigenvector of the normalised adjacency."""
    count = weights.shape[0]
    degree = np.asarray(weights.sum(axis=1)).ravel()
    scale = 1.0 / np.sqrt(np.maximum(degree, 1e-12))
    if isinstance(weights, np.ndarray):
        _, vectors = _top_two_eigenvectors(weights * scale[:, None] * scale[None, :])
    else:
        normalised = sp.diags(scale) @ weights @ sp.diags(scale)
        _, vectors = eigsh(normalised, k=2, which="LA", v0=np.sqrt(np.maximum(degree, 1e-12)), tol=1e-8)
    fiedler = vectors[:, 0] * scale
    # The sign of an eigenvector is arbitrary: fix it so node 0 comes first.
    if fiedler[0] > 0:
        fiedler = -fiedler
    return np.lexsort((np.arange(count), np.round(fiedler, 10)))


# Workspace sizes of LAPACK's dsyevr by matrix order, as ``eigh`` asks for them.
_SYEVR_WORK: dict[int, tuple[int, int]] = {}


def _top_two_eigenvectors(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return ``eigh(matrix, subset_by_index=[n - 2, n - 1])`` of a real symmetric float64 matrix.

    The same LAPACK call that ``eigh`` makes (``dsyevr``, the lower
    triangle, the workspace it would ask for), so the same numbers, without
    its checks and dispatch, which cost several times the decomposition of the
    small matrices that streaming's split test makes (at most 30 articles).
    Anything else (not float64, not finite, a failure) goes through ``eigh``.
    """
    count = matrix.shape[0]
    if matrix.dtype != np.float64 or count < 2 or not np.isfinite(matrix).all():
        return eigh(matrix, subset_by_index=[count - 2, count - 1])
    work = _SYEVR_WORK.get(count)
    if work is None:
        lwork, liwork, info = dsyevr_lwork(n=count, lower=True)
        if info != 0:
            return eigh(matrix, subset_by_index=[count - 2, count - 1])
        work = _SYEVR_WORK[count] = (int(lwork), int(liwork))
    values, vectors, found, _, info = dsyevr(
        a=matrix, compute_v=1, range="I", il=count - 1, iu=count, lower=True, lwork=work[0], liwork=work[1]
    )
    if info != 0:
        return eigh(matrix, subset_by_index=[count - 2, count - 1])
    return values[:found], vectors[:, :found]


@lru_cache(maxsize=64)
def _below_diagonal(count: int) -> np.ndarray:
    """Return the mask of the entries below the diagonal of a ``count`` x ``count`` matrix (read only)."""
    mask = np.tri(count, count, -1, dtype=bool)
    mask.flags.writeable = False
    return mask


def _best_cut(weights: np.ndarray | sp.csr_matrix, order: np.ndarray) -> tuple[float, int]:
    """Return the lowest normalised cut over prefixes of ``order`` and the prefix length.

    Only prefixes leaving ``MIN_SPLIT_SIZE`` nodes or more on each side count.
    """
    count = len(order)
    if isinstance(weights, np.ndarray):
        ordered = weights[order][:, order]
        degree = ordered.sum(axis=1)
        backward = np.where(_below_diagonal(count), ordered, 0.0).sum(axis=1)  # ``np.tril(ordered, -1)``
    else:
        position = np.empty(count, dtype=np.int64)
        position[order] = np.arange(count)
        coo = weights.tocoo()
        degree = np.bincount(position[coo.row], weights=coo.data, minlength=count)
        later = position[coo.row] > position[coo.col]
        backward = np.bincount(position[coo.row[later]], weights=coo.data[later], minlength=count)
    inside = np.cumsum(backward)
    volume = np.cumsum(degree)
    total = volume[-1]
    cut = volume - 2 * inside
    head, tail = volume[:-1], total - volume[:-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        ncut = np.where((head > 0) & (tail > 0), cut[:-1] / head + cut[:-1] / tail, np.inf)
    sizes = np.arange(1, count)
    ncut[(sizes < MIN_SPLIT_SIZE) | (count - sizes < MIN_SPLIT_SIZE)] = np.inf
    best = int(np.argmin(ncut))
    return float(ncut[best]), best + 1


def _between_average(weights: np.ndarray | sp.csr_matrix, in_head: np.ndarray) -> float:
    """Return the average similarity between the two halves of a cluster (missing edges count 0)."""
    head, tail = np.flatnonzero(in_head), np.flatnonzero(~in_head)
    if isinstance(weights, np.ndarray):
        return float(weights[np.ix_(head, tail)].mean())
    return float(weights[head][:, tail].sum() / (len(head) * len(tail)))


def _contract(graph: sp.csr_matrix, strong: sp.csr_matrix) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray]:
    """Return ``graph`` with each connected component of ``strong`` made one node.

    Also returns each old node's new node and each new node's smallest old
    node.  New nodes are numbered in the order of their smallest old node;
    the weight between two new nodes is the average weight between their members.
    """
    _, component = connected_components(strong, directed=False)
    first = np.full(component.max() + 1, len(component))
    np.minimum.at(first, component, np.arange(len(component)))
    firsts, node_of = np.unique(first[component], return_inverse=True)
    count = len(firsts)
    if count == graph.shape[0]:
        return graph, node_of, firsts
    membership = sp.csr_matrix((np.ones(len(node_of)), (np.arange(len(node_of)), node_of)), shape=(len(node_of), count))
    sizes = np.bincount(node_of).astype(np.float64)
    summed = (membership.T @ graph @ membership).tocoo()
    off = summed.row != summed.col
    rows, cols = summed.row[off], summed.col[off]
    contracted = sp.csr_matrix((summed.data[off] / (sizes[rows] * sizes[cols]), (rows, cols)), shape=(count, count))
    return contracted, node_of, firsts


def split_clusters(graph: sp.csr_matrix, labels: np.ndarray, split_threshold: float) -> np.ndarray:
    """Return ``labels`` with each cluster split while a normalised cut below ``split_threshold`` exists.

    A split cluster's halves are labelled by their smallest node.  Nodes
    linked by an edge of at least ``SAME_TEXT_SIMILARITY`` (near-identical
    texts) are never parted.
    """
    if split_threshold <= 0:
        return labels.copy()
    # Count each tight group of near-identical texts (copies that dedup left
    # in several groups) as one node, so a story's wire versions are not
    # mistaken for two stories.
    coo = graph.tocoo()
    same = (coo.data >= SAME_TEXT_SIMILARITY) & (labels[coo.row] == labels[coo.col])
    if same.any():
        strong = sp.csr_matrix((coo.data[same], (coo.row[same], coo.col[same])), shape=graph.shape)
        contracted, node_of, first = _contract(graph, strong)
        # A contracted cluster is labelled by its smallest contracted node.
        _, cluster = np.unique(labels[first], return_inverse=True)
        smallest = np.full(cluster.max() + 1, len(first))
        np.minimum.at(smallest, cluster, np.arange(len(first)))
        inner = _split(contracted, smallest[cluster], split_threshold)
        return first[inner][node_of]
    return _split(graph, labels, split_threshold)


def _split(graph: sp.csr_matrix, labels: np.ndarray, split_threshold: float) -> np.ndarray:
    """Return ``labels`` with each cluster split by recursive spectral bisection (see ``split_clusters``)."""
    labels = labels.copy()
    # Renumber the nodes cluster by cluster, so each cluster is one
    # diagonal block of the graph (cheap to slice).
    order = np.lexsort((np.arange(len(labels)), labels))
    permuted = graph[order][:, order].tocsr()
    sorted_labels = labels[order]
    boundaries = np.r_[0, np.flatnonzero(np.diff(sorted_labels)) + 1, len(labels)]
    pending: list[tuple[np.ndarray, np.ndarray | sp.csr_matrix]] = []
    for begin, end in zip(boundaries[:-1], boundaries[1:]):
        if end - begin < 2 * MIN_SPLIT_SIZE:
            continue
        block = permuted[begin:end, begin:end]
        weights = block.toarray() if end - begin <= DENSE_EIGEN_LIMIT else block.tocsr()
        pending.append((order[begin:end], weights))
    while pending:
        nodes, weights = pending.pop()
        if len(nodes) < 2 * MIN_SPLIT_SIZE:
            continue
        fiedler = _fiedler_order(weights)
        ncut, head_size = _best_cut(weights, fiedler)
        if ncut >= split_threshold:
            continue
        in_head = np.zeros(len(nodes), dtype=bool)
        in_head[fiedler[:head_size]] = True
        if _between_average(weights, in_head) >= MAX_SPLIT_SIMILARITY:
            continue
        for part in (np.flatnonzero(in_head), np.flatnonzero(~in_head)):
            labels[nodes[part]] = nodes[part].min()
            if isinstance(weights, np.ndarray):
                sub = weights[np.ix_(part, part)]
            else:
                sub = weights[part][:, part].tocsr()
                if len(part) <= DENSE_EIGEN_LIMIT:
                    sub = sub.toarray()
            pending.append((nodes[part], sub))
    return labels

