"""MinHash signatures of word shingles, computed with numpy for whole batches.

A signature summarises the set of ``shingle_words``-word shingles of a text in
``num_perm`` numbers; the share of equal positions in two signatures
estimates the Jaccard similarity of the two shingle sets.

How (all vectorised, no Python loop over words):

1. Words are runs of letters and digits of the UTF-8 bytes, ASCII case
   folded (bytes >= 0x80 count as letters, except the encodings of Unicode
   punctuation and spaces such as curly quotes, dashes and no-break space).
2. Each word gets a polynomial hash of its bytes, computed for all words
   at once from prefix sums (mod 2**32, with the inverse of the odd base),
   widened to 64 bits with its length and the seed by the murmur3 finaliser.
3. A shingle hash mixes the hashes of its words, each times its own odd
   constant, so word order counts.
4. One-permutation hashing (Li, Owen & Zhang 2012): one hash per shingle
   picks a bin and a value; a bin keeps its smallest value.  Empty bins
   borrow the value of a non-empty bin chosen by a seeded sequence per bin
   (optimal densification, Shrivastava 2017), so two texts fill an empty
   bin alike when their filled bins agree.

This costs O(shingles) per text instead of O(shingles x num_perm) for
classic MinHash (one hash function per position, as in datasketch), which
is what makes it an order of magnitude faster at the same accuracy; see
``benchmarks/bench_cluster.py`` and ``newsfuse.evaluate.cluster.evaluate_duplicates``.

Example:
    >>> from newsfuse.config import DedupSettings
    >>> settings = DedupSettings()
    >>> text = "The dam burst on Friday after days of heavy rain in the hills above the town."
    >>> a, b = signature(text, settings), signature(text + " Officials said.", settings)
    >>> a.shape, bool(estimated_jaccard(a, b) > 0.6)
    ((128,), True)
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import numpy as np

from newsfuse.config import DedupSettings
from newsfuse.dedup.words import byte_batches, fmix, hashed_words

__all__ = ["EMPTY", "estimated_jaccard", "signature", "signatures"]

# The value of every position of the signature of a text without words; it
# never equals a real value (those fit in VALUE_BITS bits).
EMPTY = np.uint64(2**64 - 1)
# Bits of a shingle hash kept as the value in its bin; the top 24 bits pick
# the bin.  40 bits make chance collisions of different shingles negligible
# (2**-40 per comparison).
VALUE_BITS = 40


def _shingle_constants(shingle_words: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng([seed, shingle_words, 17])
    return rng.integers(0, 2**63, size=shingle_words, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


def _shingle_hashes(
    words: np.ndarray, first_word: np.ndarray, shingle_words: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return one hash per shingle of every text, and the text index of each shingle.

    A text with fewer words than ``shingle_words`` has one shingle: all its
    words.  A text without words has none.
    """
    count = len(first_word)
    bounds = np.append(first_word, len(words)).astype(np.int64)
    lengths = np.diff(bounds)
    constants = _shingle_constants(shingle_words, seed)
    total = len(words)
    # Shingle i starts at word i; computed for every i with slices (the ones
    # that cross into the next text are dropped below).
    span = max(total - shingle_words + 1, 0)
    mixed = np.zeros(span, dtype=np.uint64)
    for offset in range(shingle_words):
        mixed += words[offset : offset + span] * constants[offset]
    shingle_counts = np.maximum(lengths - shingle_words + 1, 0)
    owners = np.repeat(np.arange(count), shingle_counts)
    # Index of each kept shingle: its text's first word plus its rank there.
    ranks = np.arange(len(owners)) - np.repeat(np.cumsum(shingle_counts) - shingle_counts, shingle_counts)
    hashes = mixed[bounds[:-1][owners] + ranks]
    short = np.flatnonzero((lengths > 0) & (lengths < shingle_words))
    if len(short):
        extra = np.zeros(len(short), dtype=np.uint64)
        for offset in range(shingle_words - 1):
            inside = offset < lengths[short]
            term = words[np.minimum(bounds[short] + offset, total - 1)] * constants[offset]
            extra += np.where(inside, term, np.uint64(0))
        hashes = np.concatenate((hashes, extra))
        owners = np.concatenate((owners, short))
    return fmix(hashes), owners


@lru_cache(maxsize=16)
def _densify_order(num_perm: int, seed: int) -> np.ndarray:
    """Return, per bin, a seeded order of all bins to borrow from when the bin is empty."""
    rng = np.random.default_rng([seed, num_perm, 29])
    return np.argsort(rng.random((num_perm, num_perm)), axis=1).astype(np.int64)


def _one_permutation(shingles: np.ndarray, owners: np.ndarray, count: int, num_perm: int, seed: int) -> np.ndarray:
    """Return the densified one-permutation MinHash signatures of ``count`` texts."""
    empty_value = np.uint64(1 << VALUE_BITS)  # above every real value
    signatures = np.full((count, num_perm), empty_value, dtype=np.uint64)
    if len(shingles):
        # The top 24 bits pick the bin (multiply-shift range reduction works
        # for any num_perm); the low VALUE_BITS bits are the value.
        top = (shingles >> np.uint64(40)).astype(np.int64)
        bins = (top * num_perm) >> 24
        values = shingles & np.uint64((1 << VALUE_BITS) - 1)
        np.minimum.at(signatures.reshape(-1), owners.astype(np.int64) * num_perm + bins, values)
    filled = signatures != empty_value
    has_any = filled.any(axis=1)
    holes = np.argwhere(~filled & has_any[:, None])
    if len(holes):
        order = _densify_order(num_perm, seed)
        texts, bins = holes[:, 0], holes[:, 1]
        candidates = order[bins]  # (holes, num_perm)
        usable = filled[texts[:, None], candidates]
        chosen = candidates[np.arange(len(holes)), usable.argmax(axis=1)]
        signatures[texts, bins] = signatures[texts, chosen]
    signatures[~has_any] = EMPTY
    return signatures


def signatures(texts: Sequence[str], settings: DedupSettings) -> np.ndarray:
    """Return the MinHash signatures of ``texts``: a ``(len(texts), num_perm)`` uint64 array.

    Row ``i`` depends on ``texts[i]`` and ``settings`` only, so batches can be
    split across workers.  A text without words gets a row of ``EMPTY``.

    Example:
        >>> from newsfuse.config import DedupSettings
        >>> signatures(["One two three four five six.", ""], DedupSettings(num_perm=16)).shape
        (2, 16)
    """
    if isinstance(texts, str):
        raise TypeError("signatures() takes a sequence of texts; use signature() for one text")
    encoded = [text.encode("utf-8", "surrogatepass") for text in texts]
    out = np.empty((len(texts), settings.num_perm), dtype=np.uint64)
    for begin, end in byte_batches(encoded):
        batch = encoded[begin:end]
        words = hashed_words(batch, settings.seed)
        shingles, owners = _shingle_hashes(words.hashes, words.first_word, settings.shingle_words, settings.seed)
        out[begin : begin + len(batch)] = _one_permutation(
            shingles, owners, len(batch), settings.num_perm, settings.seed
        )
    return out


def signature(text: object, settings: DedupSettings) -> np.ndarray:
    """Return the MinHash signature (``num_perm`` uint64 values) of one text or article.

    ``text`` is a string or anything with a ``text`` attribute (a
    ``CleanArticle``); the headline is not part of it, so a copy with a new
    headline keeps its signature.
    """
    body = text if isinstance(text, str) else getattr(text, "text", None)
    if not isinstance(body, str):
        raise TypeError(f"signature() takes a str or an article with .text, got {type(text).__name__}")
    return signatures([body], settings)[0]


def estimated_jaccard(first: np.ndarray, second: np.ndarray) -> float:
    """Return the share of equal positions of two signatures (0 when either text had no words)."""
    if first.shape != second.shape:
        raise ValueError(f"signatures differ in length: {first.shape} vs {second.shape}")
    if (first == EMPTY).all() or (second == EMPTY).all():
        return 0.0
    return float(np.mean(first == second))
