"""Per-article features for story clustering: body words, names, headline words, day.

``count_terms`` turns a batch of articles into sparse term-count matrices
(one row per article, hashed columns).  Each row depends on its own
article only, so batches can be split across workers; IDF weighting
happens later, on the whole batch (``newsfuse.cluster.graph``).  It is all
numpy over the bytes of the batch (``newsfuse.dedup.words``): no Python
loop over words, since it runs on every article.

*Body* terms are the words of the first ``MAX_BODY_WORDS`` words, less stop
words and one-letter words.

*Names* are a cheap stand-in for named entities: capitalised words and
pairs of adjacent capitalised words ("Lindsay Lohan", "Betty Ford").  They
tell apart two stories of one kind (two rehab stays, two earthquakes): the
people and places differ while the vocabulary is the same.  A capitalised
word that opens a sentence ("Police said...") is not a name unless the
article also capitalises it inside a sentence.  Names come from the body:
headlines capitalise every word.

*Title* terms are the headline's words, less stop words.

Example:
    >>> counts = count_terms(["Lohan enters rehab"],
    ...                      ["Actress Lindsay Lohan checked into Betty Ford on Friday."], [""])
    >>> sorted(name for name in ("lindsay", "lohan", "lindsay lohan", "actress", "friday")
    ...        if counts.names[0, term_column(name)] > 0)
    ['lindsay', 'lindsay lohan', 'lohan']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np
import scipy.sparse as sp

from newsfuse.dedup.words import HashedWords, byte_batches, fmix, hashed_words, span_hashes
from newsfuse.ingest.dates import article_day
from newsfuse.text import STOPWORDS

__all__ = ["COLUMN_BITS", "MAX_BODY_WORDS", "NOT_NAMES", "TermCounts", "article_day", "count_terms", "term_column"]

# Body words after this many are ignored: the event is told first, and very
# long pages (transcripts, papers, live blogs) would otherwise drown it.
# 1000 words keeps all of a typical article (median 230-640 words in the
# evaluation sets).  Re-run `newsfuse eval cluster` on the dev sets after a change.
MAX_BODY_WORDS = 1000
# Terms are hashed to 2**COLUMN_BITS columns.  With 2**24 columns two of a
# million distinct terms share a column about 3% of the time, which only
# blurs the weight of two rare words.
COLUMN_BITS = 24
# Seed of the word hashes (any fixed value: it only has to be the same for
# every article of a batch).
_SEED = 20240229
# Capitalised words that are never names on their own: titles, days, months.
NOT_NAMES = """
    mr mrs ms dr prof sir madam gen lt col sgt capt president sen senator rep gov governor
    minister secretary chairman chief judge justice officer spokesman spokeswoman
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec am pm
""".split()
# Byte values that may stand right before the first word of a sentence
# (after one space): sentence ends and closing quotes or brackets.
_SENTENCE_END_BYTES = np.zeros(256, dtype=bool)
for _char in b".!?:;\"')]\n":
    _SENTENCE_END_BYTES[_char] = True
_SENTENCE_END_BYTES[0x9D] = True  # last byte of a closing curly quote (E2 80 9D)
_SENTENCE_END_BYTES[0x99] = True  # ... and of a curly apostrophe (E2 80 99)
# Byte values that may stand directly before the first word of a sentence.
_OPENING_BYTES = np.zeros(256, dtype=bool)
for _char in b"\n\"'([":
    _OPENING_BYTES[_char] = True
_OPENING_BYTES[0x9C] = True  # last byte of an opening curly quote (E2 80 9C)
_OPENING_BYTES[0x98] = True  # ... and of a single one (E2 80 98)
_PAIR_LEFT = np.uint64(0x9E3779B97F4A7C15)
_PAIR_RIGHT = np.uint64(0xC2B2AE3D27D4EB4F)


@dataclass(frozen=True, slots=True)
class TermCounts:
    """Term counts of a batch of articles: one row per article, ``2**COLUMN_BITS`` columns.

    ``days`` holds each article's publication day (``date.toordinal()``), or
    -1 when unknown.
    """

    body: sp.csr_matrix
    names: sp.csr_matrix
    title: sp.csr_matrix
    days: np.ndarray
    stems: sp.csr_matrix | None = None


# Stop-word tests look up the top _TABLE_BITS bits of a word hash in a table:
# one gather per word.  A word whose bits match a stop word's (about 1 in
# 20,000 words for 200 stop words) is treated as one, which is harmless.
_TABLE_BITS = 22


@lru_cache(maxsize=4)
def _word_table(words: tuple[str, ...]) -> np.ndarray:
    """Return the lookup table of ``words`` (parts split at apostrophes are left out)."""
    found = hashed_words([w.encode("utf-8") for w in words], _SEED)
    single = np.diff(np.append(found.first_word, len(found.hashes))) == 1
    table = np.zeros(1 << _TABLE_BITS, dtype=bool)
    table[(found.hashes[found.first_word[single]] >> np.uint64(64 - _TABLE_BITS)).astype(np.int64)] = True
    return table


def _is_stop(hashes: np.ndarray) -> np.ndarray:
    table = _word_table(tuple(sorted(STOPWORDS)))
    return table[(hashes >> np.uint64(64 - _TABLE_BITS)).astype(np.int64)]


def _is_not_name(hashes: np.ndarray) -> np.ndarray:
    table = _word_table(tuple(sorted(set(NOT_NAMES) | STOPWORDS)))
    return table[(hashes >> np.uint64(64 - _TABLE_BITS)).astype(np.int64)]


def _member(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """Return whether each value is in ``sorted_set`` (binary search: no sort of ``values``)."""
    if len(sorted_set) == 0:
        return np.zeros(len(values), dtype=bool)
    found = np.searchsorted(sorted_set, values)
    return sorted_set[np.minimum(found, len(sorted_set) - 1)] == values


def _columns(hashes: np.ndarray) -> np.ndarray:
    return (hashes >> np.uint64(64 - COLUMN_BITS)).astype(np.int64)


def term_column(term: str) -> int:
    """Return the column of a term: a word, or two words of a name ("lindsay lohan").

    Example:
        >>> term_column("Lohan") == term_column("lohan")
        True
    """
    found = hashed_words([term.encode("utf-8")], _SEED)
    if len(found.hashes) == 1:
        return int(_columns(found.hashes)[0])
    if len(found.hashes) == 2:
        return int(_columns(_pair_hashes(found.hashes[:1], found.hashes[1:]))[0])
    raise ValueError(f"a term is one word or two words of a name, got {term!r}")


def _pair_hashes(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    return fmix(left * _PAIR_LEFT + right * _PAIR_RIGHT)


# Word stems, tried and not kept (docs/history.md, "Session 35: word stems in
# batch clustering"): every setting lowered ECB+.  STEM_MODE "off" counts words
# as written; "replace" counts body (STEM_WHICH: all, lower-case, not-name or
# no words) and headline words (STEM_TITLES) as their stems; "sub" adds the
# body stems as a sub-vector of their own (graph.STEM_WEIGHT).  STEM_RULES:
# s (plurals), ed (-ed, -ing), e (a final e), y (a final y read as i).
STEM_MODE = "off"
STEM_WHICH = "all"
STEM_TITLES = True
STEM_RULES = "s,ed,e,y"

_LOWER = np.arange(256, dtype=np.uint8)
_LOWER[0x41:0x5B] += 32
_VOWEL = np.zeros(256, dtype=bool)
for _char in b"aeiouyAEIOUY":
    _VOWEL[_char] = True
_DOUBLE_KEPT = np.zeros(256, dtype=bool)  # doubled consonants an -ed/-ing stem keeps ("killed": kill)
for _char in b"lsz":
    _DOUBLE_KEPT[_char] = True
_CONSONANT = np.zeros(256, dtype=bool)
for _char in b"bcdfghjklmnpqrstvwxz":
    _CONSONANT[_char] = True


def _stem_ends(data: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return each word's stem end, and whether its stem's last byte (a "y") reads as "i"."""
    low = _LOWER[data]
    end = ends.copy()

    def byte_at(back: int) -> np.ndarray:
        # The back-th byte from the current end (1: the last), 0 where the word is shorter.
        return np.where(end - starts >= back, low[np.maximum(end - back, 0)], 0)

    def ends_with(suffix: bytes) -> np.ndarray:
        found = np.ones(len(end), dtype=bool)
        for back, char in enumerate(reversed(suffix), 1):
            found &= byte_at(back) == char
        return found

    # Plurals and third persons: -sses -> -ss, -ies -> -i, -s -> (not after s, u, i).
    plural = ends_with(b"s")
    before = byte_at(2)
    length = end - starts
    sses = plural & ends_with(b"sses")
    ies = plural & ends_with(b"ies") & (length >= 5)
    plain = plural & ~sses & ~ies & (before != ord("s")) & (before != ord("u")) & (before != ord("i")) & (length >= 4)
    rules = STEM_RULES.split(",")
    if "s" in rules:
        end = end - 2 * (sses | ies) - plain
    # Past and progressive: -ed, -ing, when a stem of 3 or more bytes with a vowel remains.
    vowels = np.zeros(len(data) + 1, dtype=np.int64)
    np.cumsum(_VOWEL[data], out=vowels[1:])
    length = end - starts
    ed = ends_with(b"ed") & (length >= 5)
    ing = ends_with(b"ing") & (length >= 6)
    cut = np.where(ing, 3, np.where(ed, 2, 0)) * ("ed" in rules)
    cut[(cut > 0) & (vowels[np.maximum(end - cut, 0)] - vowels[starts] == 0)] = 0
    end = end - cut
    last, previous = byte_at(1), byte_at(2)
    doubled = (cut > 0) & (last == previous) & _CONSONANT[last] & ~_DOUBLE_KEPT[last] & (end - starts >= 4)
    end = end - doubled
    # A final e goes ("charge", "charges": charg) unless -ed or -ing went ("agreed": agre).
    end = end - ((cut == 0) & (byte_at(1) == ord("e")) & (end - starts >= 4)) * ("e" in rules)
    y_as_i = (byte_at(1) == ord("y")) & (end - starts >= 3) & ("y" in rules)
    return end, y_as_i


def _stem_hashes(words: HashedWords, stemmed: np.ndarray) -> np.ndarray:
    """Return the word hashes with each ``stemmed`` word hashed as its stem."""
    hashes = words.hashes.copy()
    chosen = np.flatnonzero(stemmed)
    if len(chosen) == 0:
        return hashes
    starts, ends = words.starts[chosen], words.ends[chosen]
    stem_end, y_as_i = _stem_ends(words.data, starts, ends)
    data = words.data
    if y_as_i.any():
        data = data.copy()
        data[stem_end[y_as_i] - 1] = ord("i")
    changed = (stem_end != ends) | y_as_i
    hashes[chosen[changed]] = span_hashes(data, starts[changed], stem_end[changed], _SEED)
    return hashes


def _count_matrix(rows: np.ndarray, columns: np.ndarray, count: int) -> sp.csr_matrix:
    matrix = sp.csr_matrix(
        (np.ones(len(rows), dtype=np.float64), (rows, columns)), shape=(count, 1 << COLUMN_BITS)
    )
    matrix.sum_duplicates()
    return matrix


def _batch_terms(encoded: Sequence[bytes], titles: Sequence[bytes]) -> tuple[sp.csr_matrix, ...]:
    """Return the (body, names, title) count matrices of one batch of texts."""
    count = len(encoded)
    words = hashed_words(encoded, _SEED)
    data, starts, ends, hashes = words.data, words.starts, words.ends, words.hashes
    total = len(hashes)
    bounds = np.append(words.first_word, total)
    document = np.repeat(np.arange(count), np.diff(bounds))
    rank = np.arange(total) - bounds[:-1][document]
    long_enough = (ends - starts) >= 2
    is_stop = _is_stop(hashes)

    body = (rank < MAX_BODY_WORDS) & long_enough & ~is_stop

    # Names: capitalised words; "joined" to the previous word when both are
    # capitalised, in one text, and separated by exactly one space.
    first_byte = data[starts]
    capital = (first_byte >= 0x41) & (first_byte <= 0x5A) & (rank < MAX_BODY_WORDS)
    before = data[np.maximum(starts - 1, 0)]
    before_two = data[np.maximum(starts - 2, 0)]
    opens = (rank == 0) | _OPENING_BYTES[before] | ((before == 0x20) & _SENTENCE_END_BYTES[before_two])
    joined = np.zeros(total, dtype=bool)
    if total > 1:
        joined[1:] = capital[1:] & capital[:-1] & (starts[1:] - ends[:-1] == 1) & (before[1:] == 0x20) & (rank[1:] > 0)
    # A sentence-initial word (opening a run of capitalised words) is a name
    # only when the same text also capitalises it where no sentence starts.
    initial = capital & opens & ~joined
    keys = hashes ^ fmix(document.astype(np.uint64) + np.uint64(1))
    inside = np.unique(keys[capital & ~initial])
    name = capital & long_enough & ~_is_not_name(hashes)
    openers = np.flatnonzero(name & initial)
    name[openers] = _member(keys[openers], inside)
    name_rows = [document[name]]
    name_columns = [_columns(hashes[name])]
    pair = np.zeros(total, dtype=bool)
    if total > 1:
        pair[1:] = joined[1:] & name[1:] & name[:-1]
    right = np.flatnonzero(pair)
    name_rows.append(document[right])
    name_columns.append(_columns(_pair_hashes(hashes[right - 1], hashes[right])))
    names_matrix = _count_matrix(np.concatenate(name_rows), np.concatenate(name_columns), count)

    body_hashes = hashes
    if STEM_MODE in ("replace", "sub"):
        if STEM_WHICH == "all":
            which = body
        elif STEM_WHICH == "lower":
            which = body & ~((first_byte >= 0x41) & (first_byte <= 0x5A))
        elif STEM_WHICH == "none":
            which = np.zeros_like(body)
        else:
            which = body & ~name
        body_hashes = _stem_hashes(words, which)
    if STEM_MODE == "sub":
        body_matrix = _count_matrix(document[body], _columns(hashes[body]), count)
        stem_matrix = _count_matrix(document[body], _columns(body_hashes[body]), count)
    else:
        body_matrix = _count_matrix(document[body], _columns(body_hashes[body]), count)
        stem_matrix = body_matrix

    heads = hashed_words(titles, _SEED)
    head_document = np.repeat(np.arange(count), np.diff(np.append(heads.first_word, len(heads.hashes))))
    head_kept = ((heads.ends - heads.starts) >= 2) & ~_is_stop(heads.hashes)
    head_hashes = heads.hashes
    if STEM_MODE == "replace" and STEM_TITLES:
        head_hashes = _stem_hashes(heads, head_kept)
    title_matrix = _count_matrix(head_document[head_kept], _columns(head_hashes[head_kept]), count)
    return body_matrix, names_matrix, title_matrix, stem_matrix


def count_terms(titles: Sequence[str], texts: Sequence[str], dates: Sequence[str]) -> TermCounts:
    """Return the term counts of a batch of articles (``titles[i]``, ``texts[i]``, ``dates[i]``).

    Row ``i`` depends on article ``i`` alone.
    """
    if not len(titles) == len(texts) == len(dates):
        raise ValueError(
            f"titles, texts and dates must be as long as each other, got {len(titles)}, {len(texts)}, {len(dates)}"
        )
    limit = 24 * MAX_BODY_WORDS  # bytes: far more than MAX_BODY_WORDS words
    encoded = [text[:limit].encode("utf-8", "surrogatepass") for text in texts]
    heads = [title.encode("utf-8", "surrogatepass") for title in titles]
    parts: list[tuple[sp.csr_matrix, ...]] = []
    for begin, end in byte_batches(encoded):
        parts.append(_batch_terms(encoded[begin:end], heads[begin:end]))
    if not parts:
        empty = sp.csr_matrix((0, 1 << COLUMN_BITS))
        return TermCounts(empty, empty, empty, np.zeros(0, dtype=np.int64))
    body, names, title, stems = (sp.vstack([p[k] for p in parts], format="csr") for k in range(4))
    days = np.array([article_day(d) if d else -1 for d in dates], dtype=np.int64)
    return TermCounts(body=body, names=names, title=title, days=days, stems=stems if STEM_MODE == "sub" else None)
