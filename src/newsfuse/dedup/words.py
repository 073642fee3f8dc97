"""Words of UTF-8 texts as numpy arrays: byte spans and 64-bit hashes, for whole batches.

Shared by dedup (shingles) and cluster (terms).  A word is a run of ASCII
letters and digits or of bytes >= 0x80 (UTF-8 letters, mostly), except the
encodings of Unicode punctuation and spaces such as curly quotes, dashes
and the no-break space.  Its hash is a polynomial hash of its bytes (ASCII
case folded), computed for all words at once from prefix sums, widened to
64 bits with the word length and a seed by the murmur3 finaliser.  The hash
of a word depends on its bytes and the seed only, never on its position or
on the other texts of the batch.

Example:
    >>> words = hashed_words([b"Hello, World!", b"hello"], seed=1)
    >>> int(words.first_word[1]), bool(words.hashes[0] == words.hashes[2])
    (2, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Sequence

import numpy as np

__all__ = ["BATCH_BYTES", "HashedWords", "byte_batches", "fmix", "hashed_words", "word_hash"]

_MASK_64 = (1 << 64) - 1
# Word bytes are hashed with a 32-bit polynomial (mod 2**32, odd base, so
# invertible); a 32-bit word hash lets two of a million distinct words
# collide about a hundred times, which only makes those two words equal
# for dedup.  The hash is then widened to 64 bits with the word length,
# the seed and the murmur3 finaliser.
_BASE = 0x01000193  # the FNV-1 32-bit prime
_BASE_INVERSE = pow(_BASE, -1, 1 << 32)
_FMIX_1 = np.uint64(0xFF51AFD7ED558CCD)
_FMIX_2 = np.uint64(0xC4CEB9FE1A85EC53)
# Bytes of text per numpy pass: small enough for the per-byte arrays to stay
# in the CPU cache, large enough to amortise the per-call overhead.
BATCH_BYTES = 1 << 18


def fmix(values: np.ndarray) -> np.ndarray:
    """Return the murmur3 64-bit finaliser of each value (a bijection that mixes all bits)."""
    values = values ^ (values >> np.uint64(33))
    values = values * _FMIX_1
    values = values ^ (values >> np.uint64(33))
    values = values * _FMIX_2
    return values ^ (values >> np.uint64(33))


def _byte_tables() -> tuple[np.ndarray, np.ndarray]:
    """Return (whether a byte is a word byte, its code with ASCII letters lower-cased)."""
    is_word = np.zeros(256, dtype=bool)
    codes = np.arange(256, dtype=np.uint32) + 1
    for char in b"abcdefghijklmnopqrstuvwxyz0123456789":
        is_word[char] = True
    for char in b"ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        is_word[char] = True
        codes[char] = char + 32 + 1
    is_word[0x80:] = True  # UTF-8 lead and continuation bytes: letters, mostly
    return is_word, codes


_WORD_BYTE, _BYTE_CODE = _byte_tables()


def _word_mask(data: np.ndarray) -> np.ndarray:
    """Return whether each byte of UTF-8 ``data`` belongs to a word."""
    mask = _WORD_BYTE[data]
    # Most news text is ASCII: look at the few lead bytes of C2 and E2/E3
    # sequences only.  U+0080..U+00BF (no-break space, guillemets, ©, °...)
    # are C2 xx; general punctuation U+2000..U+206F (dashes, curly quotes,
    # ellipsis, thin spaces) is E2 80 xx and E2 81 xx; CJK punctuation
    # U+3000..U+303F is E3 80 xx.
    lead = np.flatnonzero(data[:-2] >= 0xC2)
    if len(lead):
        first, second = data[lead], data[lead + 1]
        latin = lead[first == 0xC2]
        mask[latin] = False
        mask[latin + 1] = False
        wide = lead[((first == 0xE2) & (second <= 0x81)) | ((first == 0xE3) & (second == 0x80))]
        for offset in (0, 1, 2):
            mask[wide + offset] = False
    if len(data) >= 2 and data[-2] == 0xC2:
        mask[-2:] = False
    return mask


@lru_cache(maxsize=2)
def _powers(length: int) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(BASE**i, BASE**-i)`` mod 2**32 for i < length."""
    base = np.full(length, _BASE, dtype=np.uint32)
    base[0] = 1
    inverse = np.full(length, _BASE_INVERSE, dtype=np.uint32)
    inverse[0] = 1
    return np.cumprod(base, dtype=np.uint32), np.cumprod(inverse, dtype=np.uint32)


@dataclass(frozen=True, slots=True)
class HashedWords:
    """The words of a batch of texts joined by "\\n" (and ended by one).

    ``data`` is the joined bytes; word ``i`` is ``data[starts[i]:ends[i]]``
    with hash ``hashes[i]``; the words of text ``t`` are
    ``first_word[t]`` up to ``first_word[t + 1]`` (or the end).
    """

    data: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    hashes: np.ndarray
    first_word: np.ndarray


def hashed_words(encoded: Sequence[bytes], seed: int) -> HashedWords:
    """Return the words of UTF-8 texts: their byte spans, 64-bit hashes and each text's first word."""
    data = np.frombuffer(b"\n".join(encoded) + b"\n", dtype=np.uint8)
    mask = _word_mask(data)
    # Texts are joined with "\n" and the batch ends with one, so the mask
    # starts and ends outside a word.
    changes = np.flatnonzero(mask[1:] != mask[:-1]) + 1
    if len(mask) and mask[0]:
        changes = np.concatenate(([0], changes))
    starts, ends = changes[0::2], changes[1::2]

    # Which text each word is in: texts are joined with one "\n" each.
    text_starts = np.zeros(len(encoded), dtype=np.int64)
    if encoded:
        text_starts[1:] = np.cumsum([len(e) + 1 for e in encoded])[:-1]
    first_word = np.searchsorted(starts, text_starts, side="left")
    if len(starts) == 0:
        return HashedWords(data, starts, ends, np.zeros(0, dtype=np.uint64), first_word)
    # sum_{j in [s, e)} c_j * BASE**(e-1-j) = BASE**(e-1) * (G[e] - G[s]),
    # G[i] = sum_{j < i} c_j * BASE**-j; everything wraps mod 2**32.
    powers, inverse = _powers(max(BATCH_BYTES, 1 << int(len(data)).bit_length()))
    prefix = np.zeros(len(data) + 1, dtype=np.uint32)
    np.cumsum(_BYTE_CODE[data] * inverse[: len(data)], dtype=np.uint32, out=prefix[1:])
    raw = (powers[ends - 1] * (prefix[ends] - prefix[starts])).astype(np.uint64)
    salt = np.uint64((seed * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) & _MASK_64)
    lengths = (ends - starts).astype(np.uint64) << np.uint64(32)
    return HashedWords(data, starts, ends, fmix((raw | lengths) ^ salt), first_word)


def byte_batches(encoded: Sequence[bytes]) -> Iterator[tuple[int, int]]:
    """Yield ``(begin, end)`` index ranges of about BATCH_BYTES bytes of text each."""
    begin, size = 0, 0
    for index, text in enumerate(encoded):
        size += len(text) + 1
        if size >= BATCH_BYTES:
            yield begin, index + 1
            begin, size = index + 1, 0
    if begin < len(encoded):
        yield begin, len(encoded)



def word_hash(word: str, seed: int) -> int:
    """Return the hash ``hashed_words`` gives ``word`` (one word: no spaces or punctuation).

    Example:
        >>> word_hash("Lohan", 1) == word_hash("lohan", 1)
        True
    """
    found = hashed_words([word.encode("utf-8")], seed)
    if len(found.hashes) != 1:
        raise ValueError(f"{word!r} is not one word")
    return int(found.hashes[0])
