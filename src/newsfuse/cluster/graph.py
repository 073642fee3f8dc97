"""The similarity graph of a batch: TF-IDF vectors, then each article's nearest neighbours.

Similarity of two articles = weighted mean of the cosine similarities of
their body words, their names and (when both have one) their headlines, all
TF-IDF weighted (sublinear term frequency, IDF fitted on the batch), times a
date factor that falls off when their dates lie far apart.

Near-copies (syndicated wire copy) are first merged into one unit each,
the mean of their vectors: copies of one text count once, and a story
syndicated a hundred times does not fill every article's neighbour list
with its own copies.  The graph keeps, per unit, its ``neighbours`` most
similar units at or above ``EDGE_FLOOR``; products are computed in row
blocks of sparse matrices, so memory grows with the number of articles,
not its square.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.sparse as sp

from newsfuse.cluster.features import TermCounts
from newsfuse.dedup.words import fmix

__all__ = ["similarity_graph", "tfidf_rows", "title_rows"]

# Weights of the three cosine similarities.  Chosen on the dev sets
# (ecbplus subtopics, basil, multinews, and the three mixed) by B-cubed F1
# of the whole clustering, one setting for all; names at half the body
# weight separate same-kind stories (two rehab stays) without letting a
# shared celebrity pull unrelated stories together.  Titles count when both
# articles have one.  Re-run `newsfuse eval cluster` on the dev sets after a change.
BODY_WEIGHT = 1.0
NAME_WEIGHT = 0.5
TITLE_WEIGHT = 0.5
# Dates: no penalty within DATE_SLACK_DAYS, then the similarity is scaled by
# exp(-(gap - slack) / DATE_SCALE_DAYS).  Outlets date one event up to a
# couple of days apart (time zones, follow-ups: basil's triplets differ by
# up to 3 days); a week later the same words mean another event.
DATE_SLACK_DAYS = 3.0
DATE_SCALE_DAYS = 7.0
# Terms kept per article (its highest TF-IDF weights) before the cosine.
# This bounds the cost of the sparse products (common words, which link
# every article to every other, drop out) and costs at most 0.005 of
# B-cubed F1 on the dev sets against keeping every term.
MAX_BODY_TERMS = 50
MAX_NAME_TERMS = 30
# Body words found in more than max(MIN_COMMON_DOCUMENTS, COMMON_SHARE x
# articles) articles of the batch are left out (like max_df in
# scikit-learn): they link everything to everything, which costs time (the
# sparse product grows with the square of a word's frequency) and blurs
# the similarities; leaving them out raised B-cubed F1 on the dev sets by
# about 0.005.  Names and headline words keep all terms.
MIN_COMMON_DOCUMENTS = 50
COMMON_SHARE = 0.01
# Headlines that are boilerplate (a site's name, a section, "Home": the same
# on every page of a site) would tie unrelated articles together: a headline
# made only of words every article shares is still a unit vector, so its
# cosine with every other such headline is 1, which alone lifts a pair's
# similarity by TITLE_WEIGHT / (BODY_WEIGHT + NAME_WEIGHT + TITLE_WEIGHT)
# = 0.25, above the merge threshold (IDF does not help: a word in every
# headline keeps an IDF of 1).  So (``title_rows``):
# - a headline shared word for word by units whose bodies have a mean
#   pairwise cosine below TITLE_BODY_AGREEMENT counts as none.  Real
#   headlines repeated across outlets (wire copy, rewritten) come with
#   bodies of one story (ECB+ repeats some 3 or 4 times);
# - a headline word in more than TITLE_COMMON_SHARE of the units' headlines
#   (the batch counted as at least MIN_IDF_UNITS units), and in more
#   headlines than bodies, is left out of every headline: a site name after
#   each headline ("... | Local Wire").  A topical word ("Trump" in 21% of
#   BASIL's headlines, "fire" in a batch of fire stories) is in the bodies too.
# Chosen on the dev sets with `python -m newsfuse.evaluate.cluster ... --mixed`
# and its --shared-title / --title-suffix options: the real files' scores do not
# move, and with one shared title they equal the scores with no titles.
TITLE_BODY_AGREEMENT = 0.1
TITLE_COMMON_SHARE = 0.2
# A batch of fewer units than this is weighted as if it had this many (the
# others holding none of its words).  IDF from a handful of articles is
# noise: in a batch of five reports of one event every shared word gets
# the lowest weight, and the five look unrelated (cosines near 0.12
# instead of 0.28).  The dev sets hold 150 or more units, so their scores
# do not move.
MIN_IDF_UNITS = 100
# ... and a batch of more units than this is weighted as if it had this
# many: a word in more units than MAX_IDF_UNITS weighs as a word in all of
# them (IDF 1).  IDF is ln((1 + n) / (1 + df)) + 1; with n the batch's size,
# adding articles that share none of two articles' words still raised
# every IDF by the same ln(n_new / n_old), which flattens the weights and
# lifts every cosine: ECB+'s pairs by 7% (BASIL's by 11%) when the other two
# dev files joined the batch, enough to lift the halves of look-alike event
# pairs over MAX_SPLIT_SIMILARITY (agglomerate.py), so the mixed run merged
# what ECB+ alone kept apart.  Above MAX_IDF_UNITS a pair's similarity
# depends only on how many units hold its words.  500 was chosen on the dev
# sets (400-600 all raise the mixed B-cubed F1 by 0.004-0.009 and move no
# file alone by more than 0.003; 800 or more gives back the gain and 1,200
# or more lowers ECB+ alone by 0.007).  Batches of 100-500 units (a brief's
# articles) are weighted as before.
MAX_IDF_UNITS = 500
# Edges below this similarity are not worth keeping: the merge threshold is
# well above it, and average linkage treats a missing edge as 0.
EDGE_FLOOR = 0.02
# Rows per block of the sparse product.
BLOCK_ROWS = 2048


def _row_top(matrix: sp.csr_matrix, keep: int) -> sp.csr_matrix:
    """Return ``matrix`` with only the ``keep`` largest values of each row (ties: lower column)."""
    lengths = np.diff(matrix.indptr)
    if lengths.max(initial=0) <= keep:
        return matrix
    rows = np.repeat(np.arange(matrix.shape[0]), lengths)
    order = np.lexsort((matrix.indices, -matrix.data, rows))
    rank = np.arange(len(order)) - np.repeat(matrix.indptr[:-1], lengths)
    kept = np.sort(order[rank < keep])
    pruned = sp.csr_matrix(
        (matrix.data[kept], matrix.indices[kept], np.r_[0, np.cumsum(np.minimum(lengths, keep))]),
        shape=matrix.shape,
    )
    return pruned


def tfidf_rows(
    counts: sp.csr_matrix,
    max_terms: int | None = None,
    max_document_frequency: float | None = None,
    unit_of: np.ndarray | None = None,
) -> sp.csr_matrix:
    """Return the L2-normalised TF-IDF rows of a term-count matrix.

    Term frequency is sublinear (1 + ln tf); IDF is ln((1 + n) / (1 + df))
    + 1, where n and df count units (``unit_of[row]``; by default each row
    is a unit), so that near-copies count once, and n is held between
    ``MIN_IDF_UNITS`` and ``MAX_IDF_UNITS`` (IDF at least 1).  Terms in more than ``max_document_frequency`` units
    are dropped.  With ``max_terms``, each row keeps only its
    ``max_terms`` heaviest terms (ties: lower column) before normalising.
    """
    counts = counts.tocsr()
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    units = rows if unit_of is None else np.asarray(unit_of)[rows]
    count = counts.shape[0]
    unit_count = count if unit_of is None else int(np.max(unit_of, initial=-1)) + 1
    used, position = np.unique(counts.indices, return_inverse=True)
    unit_terms = np.unique(units.astype(np.int64) * len(used) + position)
    document_frequency = np.bincount(unit_terms % max(len(used), 1), minlength=len(used))
    weighted_units = min(max(unit_count, MIN_IDF_UNITS), MAX_IDF_UNITS)
    idf = np.maximum(np.log((1.0 + weighted_units) / (1.0 + document_frequency[position])), 0.0) + 1.0
    weights = sp.csr_matrix(
        # Copies: eliminate_zeros() below rewrites index arrays in place, and
        # ``counts`` must stay usable for a second call.
        ((1.0 + np.log(counts.data)) * idf, counts.indices.copy(), counts.indptr.copy()),
        shape=counts.shape,
    )
    if max_document_frequency is not None:
        common = document_frequency[position] > max_document_frequency
        if common.any():
            weights.data[common] = 0.0
            weights.eliminate_zeros()
    if max_terms is not None:
        weights = _row_top(weights, max_terms)
    lengths = np.diff(weights.indptr)
    rows = np.repeat(np.arange(count), lengths)
    norms = np.sqrt(np.bincount(rows, weights=weights.data**2, minlength=count))
    norms[norms == 0] = 1.0
    weights.data = weights.data / norms[rows]
    return weights


def _unit_frequency(keys: np.ndarray, units: np.ndarray) -> np.ndarray:
    """Return, per entry, how many distinct units hold an entry of the same key."""
    used, position = np.unique(keys, return_inverse=True)
    unit_keys = np.unique(units.astype(np.int64) * len(used) + position)
    return np.bincount(unit_keys % max(len(used), 1), minlength=len(used))[position]


def _title_keys(titles: sp.csr_matrix) -> np.ndarray:
    """Return a key per row: equal for rows with the same set of headline words (0: none)."""
    lengths = np.diff(titles.indptr)
    rows = np.repeat(np.arange(titles.shape[0]), lengths)
    keys = np.zeros(titles.shape[0], dtype=np.uint64)
    # A sum of mixed word hashes does not depend on word order; the word count guards sums alike.
    np.add.at(keys, rows, fmix(titles.indices.astype(np.uint64) + np.uint64(1)))
    return np.where(lengths > 0, fmix(keys + lengths.astype(np.uint64)) | np.uint64(1), np.uint64(0))


def _unrelated_shared_titles(titles: sp.csr_matrix, bodies: sp.csr_matrix, unit_of: np.ndarray) -> np.ndarray:
    """Return which rows carry a headline that units with unrelated bodies share word for word.

    Per headline held by two or more units: the mean cosine of their bodies
    (one member article per unit), over all pairs, is below ``TITLE_BODY_AGREEMENT``.
    """
    keys = _title_keys(titles)
    first_of_unit = np.unique(unit_of, return_index=True)[1]
    first_of_unit = first_of_unit[keys[first_of_unit] != 0]
    if len(first_of_unit) < 2:
        return np.zeros(titles.shape[0], dtype=bool)
    used, group = np.unique(keys[first_of_unit], return_inverse=True)
    sizes = np.bincount(group, minlength=len(used))
    members = sp.csr_matrix(
        (np.ones(len(first_of_unit)), (group, np.arange(len(first_of_unit)))), shape=(len(used), len(first_of_unit))
    )
    # The sum of the pairwise cosines of k vectors is (|sum|^2 - sum of |v|^2) / 2:
    # one pass over the rows, however many units share a headline.
    chosen = bodies[first_of_unit]
    sums = members @ chosen
    squared_sums = np.asarray(sums.multiply(sums).sum(axis=1)).ravel()
    own = np.bincount(group, weights=np.asarray(chosen.multiply(chosen).sum(axis=1)).ravel(), minlength=len(used))
    pairs = sizes * (sizes - 1.0)
    agreement = np.divide(squared_sums - own, pairs, out=np.ones(len(used)), where=pairs > 0)
    unrelated_keys = used[(sizes >= 2) & (agreement < TITLE_BODY_AGREEMENT)]
    return np.isin(keys, unrelated_keys)


def title_rows(
    titles: sp.csr_matrix, body_counts: sp.csr_matrix, bodies: sp.csr_matrix, unit_of: np.ndarray | None = None
) -> tuple[sp.csr_matrix, np.ndarray]:
    """Return the headline TF-IDF rows of a batch, and which rows still have a headline word.

    Boilerplate is left out (see ``TITLE_BODY_AGREEMENT`` and
    ``TITLE_COMMON_SHARE``): a headline that units with unrelated bodies
    share word for word, and a headline word found in more than
    ``TITLE_COMMON_SHARE`` of the units' headlines (of at least
    ``MIN_IDF_UNITS``) and in more headlines than bodies.  A headline of
    boilerplate alone counts as none.  ``body_counts`` are the body term
    counts, ``bodies`` the body TF-IDF rows.
    """
    titles = titles.tocsr()
    count = titles.shape[0]
    unit_of = np.arange(count) if unit_of is None else np.asarray(unit_of)
    units = int(np.max(unit_of, initial=-1)) + 1
    rows = np.repeat(np.arange(count), np.diff(titles.indptr))
    dropped = _unrelated_shared_titles(titles, bodies, unit_of)[rows]
    title_frequency = _unit_frequency(titles.indices, unit_of[rows])
    common = title_frequency > TITLE_COMMON_SHARE * max(units, MIN_IDF_UNITS)
    if common.any():
        # How many units' bodies hold each common headline word.
        body_counts = body_counts.tocsr()
        words = np.unique(titles.indices[common])
        in_body = np.isin(body_counts.indices, words)
        body_rows = np.repeat(np.arange(count), np.diff(body_counts.indptr))[in_body]
        body_words = body_counts.indices[in_body]
        pairs = np.unique(unit_of[body_rows].astype(np.int64) * (len(words) + 1) + np.searchsorted(words, body_words))
        body_frequency = np.bincount(pairs % (len(words) + 1), minlength=len(words))
        position = np.minimum(np.searchsorted(words, titles.indices), len(words) - 1)
        dropped |= common & (title_frequency > body_frequency[position])
    if dropped.any():
        data = titles.data.copy()
        data[dropped] = 0.0
        titles = sp.csr_matrix((data, titles.indices.copy(), titles.indptr.copy()), shape=titles.shape)
        titles.eliminate_zeros()
    weighted = tfidf_rows(titles, None, None, unit_of)
    return weighted, np.diff(weighted.indptr) > 0


def _combined_vectors(counts: TermCounts, unit_of: np.ndarray) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray]:
    """Return per unit: the stacked weighted vectors, whether it has a headline, and its day (-1: none).

    One dot product of two rows = the weighted sum of the three cosines
    (averaged over the member pairs when units hold several articles).
    """
    count, units = len(unit_of), int(unit_of.max()) + 1 if len(unit_of) else 0
    common = max(MIN_COMMON_DOCUMENTS, COMMON_SHARE * units)
    body = tfidf_rows(counts.body, MAX_BODY_TERMS, common, unit_of)
    names = tfidf_rows(counts.names, MAX_NAME_TERMS, None, unit_of)
    titles, has_title = title_rows(counts.title, counts.body, body, unit_of)
    stacked = sp.hstack(
        [body * math.sqrt(BODY_WEIGHT), names * math.sqrt(NAME_WEIGHT), titles * math.sqrt(TITLE_WEIGHT)],
        format="csr",
    )
    days = counts.days.astype(np.float64)
    if units < count:
        # A unit (a group of near-copies) is the mean of its members: the
        # dot product of two means is the mean of the members' products.
        sizes = np.bincount(unit_of, minlength=units).astype(np.float64)
        averaging = sp.csr_matrix((1.0 / sizes[unit_of], (unit_of, np.arange(count))), shape=(units, count))
        stacked = (averaging @ stacked).tocsr()
        has_title = np.bincount(unit_of, weights=has_title, minlength=units) > 0
        dated = days >= 0
        total = np.bincount(unit_of[dated], weights=days[dated], minlength=units)
        known = np.bincount(unit_of[dated], minlength=units)
        days = np.where(known > 0, np.round(total / np.maximum(known, 1)), -1.0)
    # Only the columns some row uses: the product below then works on a
    # compact matrix instead of 3 x 2**COLUMN_BITS columns.
    used = np.unique(stacked.indices)
    compact = sp.csr_matrix(
        (stacked.data, np.searchsorted(used, stacked.indices), stacked.indptr), shape=(stacked.shape[0], len(used))
    )
    return compact, has_title, days


def _top_per_row(rows: np.ndarray, cols: np.ndarray, values: np.ndarray, keep: int) -> np.ndarray:
    """Return a mask of the ``keep`` largest values of each row.

    ``rows`` are small non-negative numbers (rows of one block).  Ties keep
    the entry that comes first, so the result is deterministic for a given
    input (the sparse product orders its entries deterministically).
    """
    mask = np.ones(len(rows), dtype=bool)
    per_row = np.bincount(rows)
    crowded = per_row > keep
    if not crowded.any():
        return mask
    inside = np.flatnonzero(crowded[rows])
    # One stable sort on row, then descending value (values lie in [0, 2]).
    order = inside[np.argsort(rows[inside] * 4.0 - values[inside], kind="stable")]
    rows_sorted = rows[order]
    starts = np.flatnonzero(np.r_[True, rows_sorted[1:] != rows_sorted[:-1]])
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    mask[order[rank >= keep]] = False
    return mask


def similarity_graph(counts: TermCounts, neighbours: int, unit_of: np.ndarray | None = None) -> sp.csr_matrix:
    """Return the symmetric nearest-neighbour similarity graph of the units (zero diagonal).

    ``unit_of[i]`` is the unit of article ``i`` (units numbered 0, 1, ...);
    a unit is a group of near-copies, or one article.  By default every
    article is its own unit.  Row ``u`` holds unit ``u``'s ``neighbours``
    most similar units (similarity >= ``EDGE_FLOOR``); an edge kept by
    either end is kept.
    """
    if unit_of is None:
        unit_of = np.arange(counts.body.shape[0])
    count = int(unit_of.max()) + 1 if len(unit_of) else 0
    if count < 2:
        return sp.csr_matrix((count, count))
    vectors, has_title, days = _combined_vectors(counts, np.asarray(unit_of))
    has_day = days >= 0
    transposed = vectors.T.tocsr()
    # The weighted mean divides by at least BODY_WEIGHT + NAME_WEIGHT, and
    # the date factor is at most 1: a smaller raw product cannot reach EDGE_FLOOR.
    raw_floor = EDGE_FLOOR * (BODY_WEIGHT + NAME_WEIGHT)
    parts_rows, parts_cols, parts_values = [], [], []
    for begin in range(0, count, BLOCK_ROWS):
        block = vectors[begin : begin + BLOCK_ROWS] @ transposed
        strong = np.flatnonzero(block.data >= raw_floor)
        rows = np.repeat(np.arange(block.shape[0]), np.diff(block.indptr))[strong] + begin
        cols = block.indices[strong].astype(np.int64)
        values = block.data[strong]
        off_diagonal = rows != cols
        rows, cols, values = rows[off_diagonal], cols[off_diagonal], values[off_diagonal]
        weight = BODY_WEIGHT + NAME_WEIGHT + TITLE_WEIGHT * (has_title[rows] & has_title[cols])
        values = values / weight
        dated = np.flatnonzero(has_day[rows] & has_day[cols])
        gap = np.abs(days[rows[dated]] - days[cols[dated]])
        values[dated] *= np.exp(-np.maximum(gap - DATE_SLACK_DAYS, 0.0) / DATE_SCALE_DAYS)
        strong = values >= EDGE_FLOOR
        rows, cols, values = rows[strong], cols[strong], values[strong]
        keep = _top_per_row(rows - begin, cols, values, neighbours)
        parts_rows.append(rows[keep])
        parts_cols.append(cols[keep])
        parts_values.append(values[keep])
    rows = np.concatenate(parts_rows)
    cols = np.concatenate(parts_cols)
    values = np.concatenate(parts_values)
    graph = sp.csr_matrix((values, (rows, cols)), shape=(count, count))
    # Keep an edge either end kept; both ends computed the same value.
    return graph.maximum(graph.T).tocsr()
