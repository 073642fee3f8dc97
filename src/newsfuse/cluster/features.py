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

from newsfuse.dedup.words import byte_batches, fmix, hashed_words
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
    body_matrix = _count_matrix(document[body], _columns(hashes[body]), count)

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

    heads = hashed_words(titles, _SEED)
    head_document = np.repeat(np.arange(count), np.diff(np.append(heads.first_word, len(heads.hashes))))
    head_kept = ((heads.ends - heads.starts) >= 2) & ~_is_stop(heads.hashes)
    title_matrix = _count_matrix(head_document[head_kept], _columns(heads.hashes[head_kept]), count)
    return body_matrix, names_matrix, title_matrix


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
    body, names, title = (sp.vstack([p[k] for p in parts], format="csr") for k in range(3))
    days = np.array([article_day(d) if d else -1 for d in dates], dtype=np.int64)
    return TermCounts(body=body, names=names, title=title, days=days)
