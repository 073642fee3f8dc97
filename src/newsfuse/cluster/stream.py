"""Streaming story assignment: each arriving article joins a story or starts one.

``StoryAssigner.assign`` takes articles one at a time, in date or file order,
and never re-clusters what came before, so story ids stay stable as articles
arrive.  Its whole state lives in SQLite tables of the store (see
``newsfuse.store.sqlite``), so opening a store of 100k stories rebuilds
nothing:

- ``terms``: document frequency of every term, for TF-IDF weights;
- ``stories.centroid``: per story, the sum of its articles' unit TF-IDF
  vectors, cut to its strongest ``CENTROID_TERMS`` terms, and the sum of
  their name vectors (``article_names``), cut to ``CENTROID_NAMES``;
- ``postings``: an inverted index from a story's strongest ``POSTING_TERMS``
  terms and ``POSTING_NAMES`` names to the story, to find candidate stories
  without scanning them all;
- ``near_keys``: MinHash LSH bands of every article (``newsfuse.dedup``
  signatures), so a near-copy (syndicated wire copy) always joins the story
  of the article it copies.

An article joins the candidate story whose centroid has the highest cosine
similarity with it (scaled down when their dates lie far apart,
``_date_factor``) when that is at least ``StreamSettings.similarity_threshold``.
When none reaches it, the best few get a second look that also weighs the
names the article shares with them (``_second_look``, see ``NAME_WEIGHT``);
otherwise it starts a new story.  After a join, the other stories the
article scored best are compared with its story, article by article, and
merged into it when they are on average as close as a join asks
(``_local_merges``, see ``LOCAL_MERGE``).  When one article is close to two stories
that are also close to each other (``MERGE_SIMILARITY``), the younger story is
merged into the older one, unless the split test below would part them again:
its id is kept as an alias (``merged_into``) and the merge is written to
``story_log``.  A story that comes to hold two
tightly knit groups of articles (two events of one kind: two celebrities'
rehab stays) is split in two as the article that makes it so arrives
(``_maybe_split``, batch clustering's spectral test): the group holding the
story's first article keeps the story and its id, the other group's
articles move to a new story, and the split is written to ``story_log``.

``stream_stories`` runs a whole list of articles through an in-memory
assigner in date order (file order where dates are missing): the Python
API behind ``newsfuse cluster --stream``.

Example:
    >>> from newsfuse.models import CleanArticle
    >>> assigner = StoryAssigner()                       # in memory
    >>> a = CleanArticle("a", "One", "Dam bursts in Brazil", "A dam burst in Brazil on Friday.", ())
    >>> b = CleanArticle("b", "Two", "Brazil dam bursts", "A mining dam burst in Brazil, flooding a town.", ())
    >>> assigner.assign(a) == assigner.assign(b)
    True
"""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date as Date
from functools import lru_cache
from itertools import chain, islice, repeat
from operator import itemgetter, mul
from typing import Iterable, Mapping, Sequence

import orjson

from newsfuse.cluster.features import MAX_BODY_WORDS, NOT_NAMES
from newsfuse.config import DedupSettings, StreamSettings
from newsfuse.models import CleanArticle, Story
from newsfuse.store.sqlite import connect, write_transaction
from newsfuse.text import content_words

__all__ = [
    "Assignment",
    "Features",
    "StoryAssigner",
    "StreamEvent",
    "arrival_order",
    "article_features",
    "article_terms",
    "parameter_chunks",
    "refresh_story_counts",
    "story_id_for",
    "stream_stories",
]

# How many times a title word counts against a body word: headlines name the
# event.  Chosen with LEAD_WORDS on ecbplus, basil and multinews (B-cubed F1
# of streaming assignment in file order; see benchmarks/bench_store.py --quality).
TITLE_WEIGHT = 2
# Only the lead of the body counts: the event is told first, later paragraphs
# drift into background shared with other stories.
LEAD_WORDS = 300
# Pseudo-documents in the IDF, idf = log((N + k) / (df + k)) + 1: in a young
# store (few articles) every weight stays close to 1 instead of rating each
# article's own words far above the words it shares with the others, which
# split the first stories of a new store (with k = 1 the five seed articles,
# ingested first, made three stories; with 5 to 50 one).  5, 10 and 20 are
# within 0.01 B-cubed F1 on the quality sets; it barely moves weights once N
# is in the thousands.
IDF_PRIOR_DOCUMENTS = 10
# Terms kept in one article's vector, in one story's centroid, and indexed
# for retrieval.  Fewer postings make the index smaller and lookups faster;
# with these, the retrieved candidates held the best story of an exhaustive
# scan in 1,110 of 1,112 joins (the three sets above mixed and shuffled).
# An article keeps ARTICLE_TERMS of its ~150 lead terms: with 40, two reports
# of one story told in different words shared too few of them (Multi-News
# singletons at cosine 0.10-0.14 with their story, batch similarity 0.2-0.3).
# 40 -> 70 raised streaming B-cubed F1 on ecbplus, multinews and the mix by
# 0.010-0.015 in file order and over six shuffled orders, basil -0.003 (one
# article); 60-100 all gain on whole files, and 70 (with SPLIT_MAX_SIMILARITY
# below) also keeps each ECB+ topic streamed alone as good (mean B-cubed F1
# 0.891 -> 0.893; 80: 0.888).  Centroids keep CENTROID_TERMS: 96 or 128 gave
# figures within 0.008.  Cost (benchmarks/bench_cluster.py --stream-stories):
# p50 per article +0.1-0.2 ms at 10k-30k stories, the store about a fifth larger.
ARTICLE_TERMS = 70
CENTROID_TERMS = 64
POSTING_TERMS = 16
# Retrieval: the article's strongest QUERY_TERMS terms each read the newest
# POSTINGS_PER_TERM stories indexed under them; the CANDIDATES stories that
# share the most weight are then scored exactly.  Bounds the work per
# article whatever the number of stories (p99 < 20 ms with 100k stories).
QUERY_TERMS = 12
POSTINGS_PER_TERM = 400
CANDIDATES = 24
# A story is also indexed under its POSTING_NAMES strongest names (its names
# centroid, see NAME_WEIGHT) and an arrival also queries with its QUERY_NAMES
# strongest names that are terms it has: reports told in other words still
# name the same people and places, and their story was otherwise never among
# the candidates (Multi-News in file order: 26 arrivals had a story holding
# an article of theirs and did not retrieve it; 16 with these, 13 with 8 / 8).
# Streaming B-cubed F1 gains or holds on every file, in file order and over
# six shuffled orders; 4 / 4, 4 / 8 and 8 / 8 give the same figures within
# 0.001 (docs/history.md, Session 35).  Stores written before index no names:
# a story gains a name's posting when the name enters its strongest ones, or
# all of them when rebuilt (``rebuild_story``, ``newsfuse regroup``).
QUERY_NAMES = 4
POSTING_NAMES = 4
# Two stories that one article matches merge when their centroids are at
# least this similar (well above the join threshold, so merges are rare and
# only repair a story that was split by an unlucky arrival order), and the
# split test would not part them again (``_would_split``: with 70-term
# vectors the two halves of ECB+'s Teixeira offers, split apart, then matched
# this well and merged, to be split again at the next article).
MERGE_SIMILARITY = 0.5
# Names: an arrival whose best candidates score just under the join threshold
# gets a second look that also weighs the names it shares with them, as batch
# clustering's similarity does (newsfuse.cluster.graph: body, then names at
# half the body's weight).  Reports of one event told in different words still
# name the same people and places: on Multi-News ~50 arrivals scored their own
# story at 0.05-0.14 while batch joined many of them through names.  The
# names of an article are the capitalised words that do not open a sentence
# among its first NAME_WORDS words (batch's MAX_BODY_WORDS; 300 or 600
# words: multinews -0.007 to -0.009), weighted like its terms (a name no
# article had yet weighs as a new term) and cut to NAME_TERMS (20: multinews
# +0.002 in file order, -0.002 shuffled); a story keeps the sum of its
# articles' unit name vectors, cut to CENTROID_NAMES.  The second look scores
# the SECOND_LOOK best candidates at or above SECOND_LOOK_FLOOR as
# (cosine + NAME_WEIGHT x names cosine) / (1 + NAME_WEIGHT), names cosine at
# least NAMES_MIN, and joins the best when that reaches the join threshold.
# It only adds joins: an article that reaches the threshold is placed as
# before.  Chosen with streaming B-cubed F1 on ecbplus, basil, multinews and
# the mix (file order and six shuffled orders; docs/history.md, Session 34):
# NAMES_MIN 0.25-0.35 is a plateau; without it multinews gains as much but
# ECB+ look-alike events and the mix lose 0.002-0.003 in precision.
NAME_TERMS = 30
NAME_WORDS = MAX_BODY_WORDS
NAMES_MIN = 0.3
CENTROID_NAMES = 32
NAME_WEIGHT = 0.5
SECOND_LOOK = 3
SECOND_LOOK_FLOOR = 0.07
# Dates (when both the article and the story have them): a story's
# similarity is scaled by ``_date_factor``, with batch clustering's values
# (newsfuse.cluster.graph).  On basil (dated; many stories of one political
# fight, weeks apart) streaming B-cubed F1 rose from 0.916 to 0.964; the
# undated sets do not move.
DATE_SLACK_DAYS = 3.0
DATE_SCALE_DAYS = 7.0
# Splits (``_maybe_split``): batch clustering's test (newsfuse.cluster.agglomerate)
# run on a story's articles as each one joins.  Stories keep the vectors of
# up to SPLIT_MAX_MEMBERS articles for it (larger ones are widely covered
# events, which a split would only cut by angle).
SPLIT_MAX_MEMBERS = 30
SPLIT_CUT = 0.9
# Halves at least this similar on average are never parted.  Batch's value is
# 0.22, but on the stream's vectors (a headline counted twice, the lead only,
# ARTICLE_TERMS terms) pairs of articles score higher than on batch's, and
# with 0.22 two look-alike events whose halves were found (ECB+'s Chargers
# arrests, cut 0.82, halves 0.229 apart) stayed merged.  0.24-0.26 give the
# same streaming B-cubed F1 within 0.007 on every file (ecbplus 0.22 -> 0.25:
# +0.020 with 70-80 article terms, +0.007 with 40); 0.23 loses half the gain.
SPLIT_MAX_SIMILARITY = 0.25
SPLIT_SAME_TEXT = 0.6
SPLIT_EDGE_FLOOR = 0.02
_MIN_SPLIT_SIZE = 2
# Local repair (``_local_merges``): after an article joins a story, the
# LOCAL_CANDIDATES best other candidates it scored at least LOCAL_FLOOR are
# looked at again with the story as it now stands: a candidate merges into it
# when their kept members are on average at least LOCAL_MERGE alike (average
# link, as batch clustering joins clusters: each pair's (cosine +
# LOCAL_NAME_WEIGHT x names cosine) / (1 + LOCAL_NAME_WEIGHT), x the date
# factor, pairs under SPLIT_EDGE_FLOOR counting 0) and the split test would
# not part them again.  Only stories that keep their members (together at most
# SPLIT_MAX_MEMBERS) are compared, so the work per article stays bounded.
# An article that started a story of its own while its story was small
# (Multi-News: two or three reports told in other words) is brought back when
# a later report close to both arrives.  Streaming B-cubed F1 rose on every
# file in file order and over six shuffled orders (docs/history.md, Session
# 37); LOCAL_MERGE 0.11-0.12 with names weighing 0.3-0.7 all gain on every
# file, while 0.13 or 0.10, or no names, lower ECB+ or the mix in one order.
LOCAL_CANDIDATES = 3
LOCAL_FLOOR = 0.07
LOCAL_MERGE = 0.12
LOCAL_NAME_WEIGHT = 0.5
# MinHash LSH bands for near-copy lookup: 16 bands of 8 rows on 128
# permutations find a copy at Jaccard 0.9 with probability 0.9999, at 0.8
# with 0.95, and link texts below 0.5 with probability under 0.06: stricter
# than batch dedup's layout, because a band hit is trusted without a check.
LSH_BANDS = 16
# Bounds of the in-memory cache (terms with their df, parsed centroids):
# ~100 MB at most.  The term cache is dropped and refilled when full; the
# story cache drops its least recently used eighth.
_MAX_CACHED_TERMS = 500_000
_MAX_CACHED_STORIES = 50_000
# SQLite's limit on bound parameters is 32766 in recent builds, 999 in old ones.
_MAX_PARAMETERS = 900


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one article went: its story, and how it was chosen.

    ``similarity`` is the cosine with the story's centroid before the article
    joined (1.0 for a near-copy, 0.0 for a new story).  ``merged`` lists the
    ids of stories merged into ``story_id`` by this article.  ``split`` holds
    the id of a story split off the story it joined (see ``_maybe_split``;
    ``story_id`` may be that new story), and ``moved`` the ids of the earlier
    articles that moved to it.
    """

    story_id: str
    story_key: int
    similarity: float
    is_new: bool
    is_near_copy: bool = False
    merged: tuple[str, ...] = ()
    split: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Features:
    """What the assigner needs of one article, computed without the store.

    ``terms`` are its term counts (``article_terms``), ``bands`` the LSH band
    keys of its MinHash signature (empty without dedup settings or words),
    ``names`` the counts of the names in its lead (``article_names``).
    Computing them for a batch at once (``article_features``), outside the
    store's write lock or in worker processes, is what makes ingest fast.
    """

    terms: Mapping[str, int]
    bands: tuple[int, ...] = ()
    names: Mapping[str, int] = field(default_factory=dict)


def article_features(articles: Sequence[CleanArticle], dedup: DedupSettings | None = DedupSettings()) -> list[Features]:
    """Return the ``Features`` of each article (MinHash signatures computed in one batch)."""
    articles = list(articles)
    bands = _band_keys(articles, dedup) if dedup is not None and articles else [()] * len(articles)
    # Plain dicts (the same counts in the same order): a worker process sends
    # them back to the ingest process, which unpickles a Counter at twice the cost.
    return [Features(dict(article_terms(a)), b, dict(article_names(a))) for a, b in zip(articles, bands)]


def article_terms(article: CleanArticle) -> Counter[str]:
    """Return the term counts of an article: headline words (weighted) and the body's lead.

    Terms are ``newsfuse.text.content_words``: folded words without stop
    words.  (Batch clustering hashes its terms into numeric columns for a
    whole batch at once; a stream needs terms it can keep in a table.)

    Example:
        >>> from newsfuse.models import CleanArticle
        >>> sorted(article_terms(CleanArticle("a", "s", "Dam bursts", "The dam burst.", ())).items())
        [('burst', 1), ('bursts', 2), ('dam', 3)]
    """
    counts: Counter[str] = Counter()
    for word in content_words(article.title):
        counts[word] += TITLE_WEIGHT
    # Only the first LEAD_WORDS words of the body (split is cheap on long texts).
    counts.update(content_words(" ".join(article.text.split(None, LEAD_WORDS)[:LEAD_WORDS])))
    return counts


# A capitalised word right after one of these (and a space) may only open a sentence.
_SENTENCE_ENDS = frozenset(".!?:;\"'”’)]")
_NOT_NAMES = frozenset(NOT_NAMES)


def article_names(article: CleanArticle) -> Counter[str]:
    """Return the counts of the names in an article's lead: capitalised words that do not open a sentence.

    A cheap stand-in for named entities, as in batch clustering
    (``newsfuse.cluster.features``): folded like terms (``content_words``),
    without titles, days and months.  Headlines capitalise every word, so
    only the body counts.

    Example:
        >>> from newsfuse.models import CleanArticle
        >>> text = "Police said actress Lindsay Lohan entered Betty Ford on Friday. She left."
        >>> sorted(article_names(CleanArticle("a", "s", "Lohan", text, ())))
        ['betty', 'ford', 'lindsay', 'lohan']
    """
    tokens = article.text.split(None, NAME_WORDS)[:NAME_WORDS]
    names = [
        token
        for previous, token in zip([".", *tokens], tokens)
        if token[:1].isupper() and previous[-1:] not in _SENTENCE_ENDS
    ]
    # One call for all the names: no word spans the space that joins them, so
    # these are each name's words in order (a call per name cost three times more).
    return Counter([word for word in content_words(" ".join(names)) if word not in _NOT_NAMES])


def story_id_for(article_id: str, attempt: int = 0) -> str:
    """Return the id of a story started by ``article_id``: ``s-`` and 10 hex digits.

    The format of batch clustering's ids (``newsfuse.cluster.story_id``), so
    ids look alike wherever a story was found.  ``attempt`` > 0 gives
    another id when the first is taken.

    Example:
        >>> story_id_for("reuters-123")
        's-e9d756f16f'
    """
    seed = article_id if attempt == 0 else f"{article_id}#{attempt}"
    return "s-" + hashlib.sha1(seed.encode("utf-8", "surrogatepass")).hexdigest()[:10]


@lru_cache(maxsize=4096)
def _day(value: str) -> Date | None:
    # Cached: candidate stories' dates are parsed again for each article.
    try:
        return Date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None


# Lists of any length go to SQLite as one JSON array (``json_each``): one
# statement text whatever the length, so SQLite compiles it once; a
# ``?, ?, ...`` list per length missed the statement cache on most articles.
_SELECT_TERMS = "SELECT term_key, term, df FROM terms WHERE term IN (SELECT value FROM json_each(?))"


_escaping_encode = json.JSONEncoder(separators=(",", ":")).encode


def _encode(value: object) -> str:
    """Return ``value`` as compact JSON: centroids as stored, and lists sent to SQLite.

    orjson writes a centroid in a tenth of the standard encoder's time and
    reads it in a third (ingest at 90-100k stored: ~5% less CPU in the
    ingest process); it refuses a lone surrogate (a term cut from text read
    with ``surrogatepass``), which the standard encoder escapes.  Both read
    what either wrote, so stores written before keep working.
    """
    try:
        return orjson.dumps(value).decode()
    except orjson.JSONEncodeError:
        return _escaping_encode(value)


def _decode(text: str) -> object:
    """Return the value of JSON ``text`` written by ``_encode`` (or by the standard encoder)."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:  # an escaped lone surrogate
        return json.loads(text)


def parameter_chunks(items: list, size: int = _MAX_PARAMETERS) -> Iterable[list]:
    """Yield ``items`` in slices small enough to bind as one SQLite statement's parameters."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _top(weights: Mapping[str, float], count: int) -> dict[str, float]:
    """Return the ``count`` heaviest of ``weights``, heaviest first, ties by term."""
    if len(weights) <= count:
        return dict(weights)
    # Only the terms at least as heavy as the ``count``-th weight (ties at the
    # cut included) can be among the first ``count``: sorting the weights
    # alone finds that cut, and only those terms are sorted by term, then
    # (stably) by weight.  The same order as sorting all of them, in a third
    # of the time (an article's ~150 terms cut to 40).
    cut = sorted(weights.values(), reverse=True)[count - 1]
    chosen = sorted([item for item in weights.items() if item[1] >= cut])
    chosen.sort(key=itemgetter(1), reverse=True)
    return dict(chosen[:count])


class StoryAssigner:
    """Assigns arriving articles to stories, keeping its state in SQLite.

    Args:
        connection: a store connection (``newsfuse.store.sqlite.connect``);
            None opens a private in-memory one.  The assigner writes through
            it: inside the caller's transaction when one is open, else in its
            own per article.
        settings: the join threshold and time window.
        dedup: MinHash settings for near-copy lookup; None turns it off.

    Term frequencies and recently used centroids are cached in memory.  The
    cache is checked against the database before each article (SQLite's
    ``data_version`` and the article count), so another process's commits or
    a rolled-back transaction are seen and the cache is dropped.

    Example:
        >>> assigner = StoryAssigner()
        >>> assigner.story_count()
        0
    """

    def __init__(
        self,
        connection: sqlite3.Connection | None = None,
        settings: StreamSettings | None = None,
        dedup: DedupSettings | None = DedupSettings(),
    ) -> None:
        if settings is not None and not isinstance(settings, StreamSettings):
            raise TypeError(f"settings must be StreamSettings, got {type(settings).__name__}")
        self.connection = connection if connection is not None else connect(":memory:")
        self.settings = settings or StreamSettings()
        self.dedup = dedup
        self._data_version = -1
        self._document_count = -1
        self._terms: dict[str, list[int]] = {}  # term -> [term_key, df]
        self._absent: set[str] = set()  # terms known not to be in the table
        self._stories: dict[int, dict] = {}  # story_key -> story row (centroid parsed)
        self._pending_df: Counter[int] = Counter()  # term_key -> articles counted, not yet written
        self._last_counted: list[int] = []  # the term keys the last ``place`` added to ``_pending_df``
        # Terms first seen since the last ``flush_counts``: keyed here (as
        # SQLite would key them, the largest key plus one) and inserted by
        # ``flush_counts`` in one statement; term -> its [term_key, df] entry.
        self._new_terms: dict[str, list[int]] = {}
        self._next_term_key: int | None = None  # read from the table when None
        self._last_new: list[str] = []  # the terms the last ``place`` added to ``_new_terms``
        self._pending_documents = 0  # articles counted, not yet added to ``meta.document_count``
        self._last_documents = 0  # 1 when the last ``place`` added its article to ``_pending_documents``
        self._is_count_written = False  # an article since ``flush_counts`` was counted in the table
        self._last_wrote_count = False  # the last ``place`` was that article
        # Near-copy bands of the articles placed since ``flush_counts``, not yet
        # in ``near_keys`` (band key -> story keys): ``flush_counts`` inserts
        # them in key order, which costs half as much as 16 inserts at random
        # places per article.  None of these pairs is in the table.
        # A band pending for two stories has its second pair in ``_more_bands``
        # (rare).  Plain ints, no object per pair: few objects for the garbage
        # collector to trace.
        self._new_bands: dict[int, int] = {}
        self._more_bands: list[tuple[int, int]] = []
        self._last_bands: list[int] = []  # the bands the last ``place`` added to ``_new_bands``
        self._last_more = 0  # the pairs it added to ``_more_bands`` (the last ones)
        self._last_flushed_bands: list[tuple[int, int]] = []  # pending pairs the last ``place`` wrote (a merge)

    # ------------------------------------------------------------------ public

    def assign(self, article: CleanArticle) -> str:
        """Return the id of the story ``article`` joins (an existing one or a new one)."""
        return self.place(article).story_id

    def place(self, article: CleanArticle, features: Features | None = None) -> Assignment:
        """Return the full ``Assignment`` of ``article`` and record it in the state.

        Args:
            features: ``article_features`` computed beforehand (in a batch);
                computed here when None.

        Inside a transaction you hold, a failure leaves the rollback to you:
        roll back to a savepoint taken before this call and call
        ``undo_article`` (the batch's other counts stay pending), or roll
        back everything and call ``forget``.
        """
        if not isinstance(article, CleanArticle):
            raise TypeError(f"article must be a CleanArticle, got {type(article).__name__}")
        if features is None:
            features = article_features([article], self.dedup)[0]
        self.start_article()
        if self.connection.in_transaction:
            return self._place(article, features)
        try:
            with write_transaction(self.connection):
                placed = self._place(article, features)
                self.flush_counts()
                return placed
        except BaseException:
            self.forget()
            raise

    def start_article(self) -> None:
        """Mark where one article's writes begin (the caller's savepoint): ``undo_article`` undoes what follows."""
        self._last_counted = []
        self._last_new = []
        self._last_documents = 0
        self._last_wrote_count = False
        self._last_bands = []
        self._last_more = 0
        self._last_flushed_bands = []

    def undo_article(self) -> None:
        """Forget the last ``place`` after its writes were rolled back to a savepoint taken before it.

        Its document frequencies, new terms and near-copy bands leave the
        pending ones; those of the batch's earlier articles stay, to be
        written by ``flush_counts``.
        The caches are dropped (they may hold what was rolled back) and
        re-read from the tables, pending counts added.
        """
        pending = self._pending_df
        for key in self._last_counted:
            left = pending.get(key, 0) - 1
            if left > 0:
                pending[key] = left
            else:
                pending.pop(key, None)
        self._last_counted = []
        if self._last_new:
            # Its new terms were the last keyed: the next ones take their keys again.
            self._next_term_key = self._new_terms[self._last_new[0]][0]
            for term in self._last_new:
                del self._new_terms[term]
            self._last_new = []
        self._pending_documents -= self._last_documents
        self._last_documents = 0
        if self._last_wrote_count:  # its count in the table was rolled back: the next article writes one
            self._is_count_written = self._last_wrote_count = False
        for band in self._last_bands:
            del self._new_bands[band]
        if self._last_more:
            del self._more_bands[-self._last_more :]
        # Pending bands of earlier articles that a merge wrote were rolled back with it: pending again.
        for band, story_key in self._last_flushed_bands:
            self._pend_band(band, story_key)
        self._last_bands, self._last_more, self._last_flushed_bands = [], 0, []
        self._terms.clear()
        self._absent.clear()
        self._stories.clear()
        # Read the state as rolled back now, so that ``_sync`` does not take
        # it for another process's change and drop the pending counts.
        self._data_version = self.connection.execute("PRAGMA data_version").fetchone()[0]
        row = self.connection.execute("SELECT value FROM meta WHERE key = 'document_count'").fetchone()
        self._document_count = (int(row[0]) if row else 0) + self._pending_documents

    def flush_counts(self) -> None:
        """Write the terms first seen, the document frequencies and the article count since the last call.

        ``place`` keeps them in memory so that a batch writes each term once;
        when you hold the transaction yourself, call this before committing.
        """
        if self._new_terms:
            self.connection.executemany(
                "INSERT INTO terms (term_key, term, df) VALUES (?, ?, 1)",
                [(entry[0], term) for term, entry in self._new_terms.items()],
            )
            self._new_terms.clear()
        self._next_term_key = None  # another process may add terms before the next batch
        self._last_new = []
        if self._pending_documents:
            self._write_document_count(self._pending_documents)
            self._pending_documents = 0
        self._last_documents = 0
        self._is_count_written = self._last_wrote_count = False
        self._write_bands()
        self._last_bands, self._last_more, self._last_flushed_bands = [], 0, []
        if self._pending_df:
            self.connection.executemany(
                "UPDATE terms SET df = df + ? WHERE term_key = ?",
                # In key order: the rows are updated in the order they are stored.
                [(count, key) for key, count in sorted(self._pending_df.items())],
            )
            self._pending_df.clear()

    def _write_bands(self) -> list[tuple[int, int]]:
        """Insert the pending near-copy bands into ``near_keys``; return the pairs written."""
        pairs = sorted([*self._new_bands.items(), *self._more_bands])
        if pairs:
            self.connection.executemany("INSERT OR IGNORE INTO near_keys (band_key, story_key) VALUES (?, ?)", pairs)
        self._new_bands.clear()
        self._more_bands.clear()
        return pairs

    def _pend_band(self, band: int, story_key: int) -> bool:
        """Add the pair to the pending bands; return False when it was there."""
        pending = self._new_bands.get(band)
        if pending is None:
            self._new_bands[band] = story_key
        elif pending == story_key or (band, story_key) in self._more_bands:
            return False
        else:
            self._more_bands.append((band, story_key))
        return True

    def _write_document_count(self, added: int) -> None:
        self.connection.execute(
            "INSERT INTO meta (key, value) VALUES ('document_count', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + ?",
            (str(added), added),
        )

    def forget(self) -> None:
        """Drop the in-memory cache and uncommitted counts (rebuilt from the tables as needed)."""
        self._pending_df.clear()
        self._last_counted = []
        self._new_terms.clear()
        self._next_term_key = None
        self._last_new = []
        self._pending_documents = 0
        self._last_documents = 0
        self._is_count_written = self._last_wrote_count = False
        self._new_bands.clear()
        self._more_bands.clear()
        self._last_bands, self._last_more, self._last_flushed_bands = [], 0, []
        self._data_version = -1
        self._document_count = -1
        self._terms.clear()
        self._absent.clear()
        self._stories.clear()

    def story_count(self) -> int:
        """Return the number of live (not merged) stories."""
        # All stories less the merged ones: two index counts, not a scan of the
        # stories (their centroids make the table large).
        row = self.connection.execute(
            "SELECT (SELECT count(*) FROM stories) - (SELECT count(*) FROM stories WHERE merged_into IS NOT NULL)"
        ).fetchone()
        return int(row[0])

    def story_of(self, story_id: str) -> str:
        """Return the live story id for ``story_id``, following merges (itself if live)."""
        seen = set()
        while story_id not in seen:
            seen.add(story_id)
            row = self.connection.execute(
                "SELECT merged_into FROM stories WHERE id = ?", (story_id,)
            ).fetchone()
            if row is None or row[0] is None:
                return story_id
            story_id = row[0]
        return story_id

    def rebuild_story(
        self,
        story_key: int | None,
        articles: Sequence[CleanArticle],
        features: Sequence[Features] | None = None,
        now: float | None = None,
    ) -> tuple[int, str]:
        """Give a story the streaming state of exactly ``articles``; return its key and id.

        The state is what later arrivals are matched against: the centroid
        (from the articles' vectors under the current term statistics), the
        member vectors kept for splits, the dates, the postings and the
        near-copy bands.  ``story_key`` None inserts a new story named after
        the first article (as a stream names it), created at ``now`` (default:
        the current time).  The ``articles`` rows, counts and outlets are the
        caller's to move and refresh; this writes the story's own state only.

        Args:
            features: ``article_features`` of ``articles`` computed beforehand;
                computed here when None.

        Raises:
            ValueError: no articles.
        """
        if not articles:
            raise ValueError("a story needs at least one article")
        if features is None:
            features = article_features(articles, self.dedup)
        self._sync()
        members = []
        bands: set[int] = set()
        for article, found in zip(articles, features, strict=True):
            known = self._lookup(list(found.terms))
            vector = self._vector(found.terms, known, self._document_count)
            names = self._vector(found.names, known, self._document_count, NAME_TERMS)
            members.append(_member(article.id, vector, _day(article.date), names))
            bands.update(found.bands)
        centroid = _members_centroid(members)
        if len(members) == 1:
            centroid["m"] = [[members[0][0], members[0][1], None]]  # its vector is the centroid's
        elif len(members) > SPLIT_MAX_MEMBERS:
            del centroid["m"]  # as a stream keeps none once a story outgrows splitting
        if story_key is None:
            story_key, story_id = self._insert_story(
                articles[0].id, centroid, _last_date(members), time.time() if now is None else now
            )
        else:
            [kept] = self._load([story_key]).values()
            # Indexed afresh: a store written before names were indexed
            # (``POSTING_NAMES``) lacks postings that the kept centroid implies.
            self.connection.execute("DELETE FROM postings WHERE story_key = ?", (story_key,))
            kept["centroid"] = _with_norm(centroid)
            kept["last_date"] = _last_date(members)
            self._write_centroid(kept, set())
            story_id = kept["id"]
        self.connection.execute("DELETE FROM near_keys WHERE story_key = ?", (story_key,))
        self.connection.executemany(
            "INSERT OR IGNORE INTO near_keys (band_key, story_key) VALUES (?, ?)",
            [(band, story_key) for band in sorted(bands)],
        )
        return story_key, story_id

    # ----------------------------------------------------------------- private

    def _sync(self) -> None:
        """Drop the cache when the database moved without us (another process, a rollback)."""
        connection = self.connection
        data_version = connection.execute("PRAGMA data_version").fetchone()[0]
        row = connection.execute("SELECT value FROM meta WHERE key = 'document_count'").fetchone()
        document_count = (int(row[0]) if row else 0) + self._pending_documents
        if data_version != self._data_version or document_count != self._document_count:
            self.forget()
            self._data_version = data_version
            self._document_count = document_count

    def _place(self, article: CleanArticle, features: Features) -> Assignment:
        self._sync()
        connection = self.connection
        counts = features.terms
        known = self._lookup(list(counts))
        vector = self._vector(counts, known, self._document_count)
        names = self._vector(features.names, known, self._document_count, NAME_TERMS)
        bands = list(features.bands)
        day = _day(article.date)

        target = None
        similarity = 0.0
        scored: list[tuple[float, dict]] = []
        is_near_copy = False
        merged: tuple[str, ...] = ()
        stored: set[tuple[int, int]] = set()  # (band, story) pairs of ``bands`` in ``near_keys``
        if bands:
            target = self._near_copy_story(bands, stored)
            if target is not None:
                similarity, is_near_copy = 1.0, True
        if target is None and vector:
            scored = self._scored_candidates(vector, known, day, names)
            if scored and scored[0][0] >= self.settings.similarity_threshold:
                similarity, target = scored[0][0], scored[0][1]
                if len(scored) > 1 and scored[1][0] >= self.settings.similarity_threshold:
                    target, merged = self._maybe_merge(scored[0][1], scored[1][1])
            elif scored and names:
                similarity, target = self._second_look(scored, names, day)

        # Document frequencies count this article from now on.
        self._count_terms(list(counts), known)
        now = time.time()
        split: tuple[str, ...] = ()
        moved: tuple[str, ...] = ()
        if target is None:
            story_key, story_id = self._new_story(article, vector, names, day, now)
            is_new = True
        else:
            self._grow_story(target, vector, names, day, article.id)
            is_new = False
            home, split, moved = self._maybe_split(target, article.id, now)
            if not split and not is_near_copy and LOCAL_CANDIDATES:
                home, more = self._local_merges(home, scored)
                merged += more
            story_key, story_id = home["story_key"], home["id"]
        if bands and merged:
            # The merge moved stored bands: ``stored`` is out of date.
            connection.executemany(
                "INSERT OR IGNORE INTO near_keys (band_key, story_key) VALUES (?, ?)",
                [(band, story_key) for band in bands],
            )
        elif bands:
            pending, added = self._new_bands, self._last_bands
            for band in bands:
                if stored and (band, story_key) in stored:
                    continue  # INSERT OR IGNORE would leave it
                if band not in pending:
                    pending[band] = story_key
                    added.append(band)
                elif self._pend_band(band, story_key):
                    self._last_more += 1
        return Assignment(story_id, story_key, similarity, is_new, is_near_copy, merged, split, moved)

    def _lookup(self, terms: list[str]) -> dict[str, list[int]]:
        """Return ``{term: [term_key, df]}`` for the known ones among ``terms``."""
        cache, absent = self._terms, self._absent
        entries = list(map(cache.get, terms))
        missing = [t for t, entry in zip(terms, entries) if entry is None and t not in absent]
        if missing:
            if self._new_terms:  # not in the table yet
                for term in missing:
                    entry = self._new_terms.get(term)
                    if entry is not None:
                        cache[term] = entry
                missing = [t for t in missing if t not in cache]
            # Counts of this batch not yet written are added: the cache may
            # have been dropped (full, or ``undo_article``) since they were made.
            pending = self._pending_df
            if missing:
                for key, term, df in self.connection.execute(_SELECT_TERMS, (_encode(missing),)):
                    cache[term] = [key, df + pending.get(key, 0)]
                absent.update(t for t in missing if t not in cache)
            entries = list(map(cache.get, terms))
        if len(cache) > _MAX_CACHED_TERMS:
            # A cheap bound: start over (the next lookups refill it).
            cache.clear()
            absent.clear()
            return {t: v for t, v in self._lookup_uncached(terms).items()}
        return {t: entry for t, entry in zip(terms, entries) if entry is not None}

    def _lookup_uncached(self, terms: list[str]) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        if terms:
            pending = self._pending_df
            for key, term, df in self.connection.execute(_SELECT_TERMS, (_encode(terms),)):
                found[term] = [key, df + pending.get(key, 0)]
            for term in terms:
                entry = self._new_terms.get(term)
                if entry is not None:
                    found[term] = entry
        return {t: found[t] for t in terms if t in found}

    def _vector(
        self, counts: Mapping[str, int], known: dict[str, list[int]], document_count: int, size: int = ARTICLE_TERMS
    ) -> dict[str, float]:
        """Return the unit TF-IDF vector of an article's terms (or names), cut to its ``size`` heaviest."""
        if not counts:
            return {}
        log = math.log
        prior = IDF_PRIOR_DOCUMENTS
        dfs = [entry[1] if entry is not None else 0 for entry in map(known.get, counts)]
        # Most terms share a few counts and document frequencies: each
        # logarithm is taken once per article (the same values as per term).
        tf_of = {count: 1.0 + log(count) for count in set(counts.values())}
        idf_of = {df: log((document_count + prior) / (df + prior)) + 1.0 for df in set(dfs)}
        weights = dict(zip(counts, map(mul, map(tf_of.__getitem__, counts.values()), map(idf_of.__getitem__, dfs))))
        weights = _top(weights, size)
        norm = math.sqrt(sum(map(mul, weights.values(), weights.values())))
        return {t: w / norm for t, w in weights.items()} if norm > 0 else {}

    def _second_look(
        self, scored: list[tuple[float, dict]], names: Mapping[str, float], day: Date | None
    ) -> tuple[float, dict | None]:
        """Return ``(score, story)`` of the best candidate that the names an article shares with it lift
        to the join threshold, or ``(0.0, None)``: see ``NAME_WEIGHT``."""
        best, chosen = 0.0, None
        for cosine, story in scored[:SECOND_LOOK]:
            if cosine < SECOND_LOOK_FLOOR:
                break
            centroid = story["centroid"]
            story_names = centroid.get("e")
            if not story_names:
                continue
            norm = math.sqrt(sum(w * w for w in story_names.values()))
            shared = sum(w * story_names.get(t, 0.0) for t, w in names.items()) / norm
            if day is not None:
                shared *= _date_factor(day, centroid)
            if shared < NAMES_MIN:
                continue
            score = (cosine + NAME_WEIGHT * shared) / (1.0 + NAME_WEIGHT)
            if score > best:
                best, chosen = score, story
        if chosen is None or best < self.settings.similarity_threshold:
            return 0.0, None
        return best, chosen

    def _count_terms(self, terms: list[str], known: dict[str, list[int]]) -> None:
        connection = self.connection
        old = [entry for entry in map(known.get, terms) if entry is not None]
        new = [t for t in terms if t not in known]
        for entry in old:
            entry[1] += 1
        self._last_counted = [entry[0] for entry in old]
        self._pending_df.update(self._last_counted)
        if new:
            # Keyed in their order, as one insert of them all would key them;
            # ``flush_counts`` writes them, one statement per batch.
            key = self._next_term_key
            if key is None:
                key = connection.execute("SELECT coalesce(max(term_key), 0) + 1 FROM terms").fetchone()[0]
            cache, absent, pending_new = self._terms, self._absent, self._new_terms
            for term in new:
                entry = [key, 1]
                known[term] = cache[term] = pending_new[term] = entry
                absent.discard(term)
                key += 1
            self._next_term_key = key
            self._last_new = new
        if self._is_count_written:
            # Written by ``flush_counts``, with the document frequencies.
            self._pending_documents += 1
            self._last_documents = 1
        else:
            # The first article since ``flush_counts`` is counted in the table
            # at once: a caller's rollback then changes the count that
            # ``_sync`` reads, and the pending counts are dropped.
            self._write_document_count(1)
            self._is_count_written = self._last_wrote_count = True
        self._document_count += 1

    def _near_copy_story(self, bands: list[int], stored: set[tuple[int, int]]) -> dict | None:
        """Return the live story holding the most of ``bands`` (None if none); add the stored pairs to ``stored``."""
        hits: Counter[int] = Counter()
        for chunk in parameter_chunks(bands):
            marks = ",".join("?" * len(chunk))
            for band, story_key in self.connection.execute(
                f"SELECT band_key, story_key FROM near_keys WHERE band_key IN ({marks})", chunk
            ):
                hits[story_key] += 1
                stored.add((band, story_key))
        if self._new_bands:
            wanted = dict.fromkeys(bands)
            hits.update([story for story in map(self._new_bands.get, wanted) if story is not None])
            hits.update([story for band, story in self._more_bands if band in wanted])
        if not hits:
            return None
        # The story sharing the most bands; the newest on a tie.
        story_key = max(hits, key=lambda key: (hits[key], key))
        story = self._load([story_key]).get(story_key)
        return self._live(story) if story is not None else None

    def _live(self, story: dict | None) -> dict | None:
        """Follow ``merged_into`` from ``story`` to the live story it now belongs to."""
        seen = set()
        while story is not None and story["merged_into"] is not None and story["id"] not in seen:
            seen.add(story["id"])
            row = self.connection.execute(
                "SELECT story_key FROM stories WHERE id = ?", (story["merged_into"],)
            ).fetchone()
            story = self._load([row[0]]).get(row[0]) if row else None
        return story

    def _load(self, story_keys: list[int]) -> dict[int, dict]:
        """Return the stories of ``story_keys`` (from the cache, else the table)."""
        cache = self._stories
        found: dict[int, dict] = {}
        missing: list[int] = []
        for key in story_keys:
            story = cache.pop(key, None)
            if story is None:
                missing.append(key)
            else:
                cache[key] = found[key] = story  # now the most recently used
        if missing:
            for key, story_id, centroid, last_date, merged_into in self.connection.execute(
                "SELECT story_key, id, centroid, last_date, merged_into FROM stories "
                "WHERE story_key IN (SELECT value FROM json_each(?))",
                (_encode(missing),),
            ):
                found[key] = self._remember(
                    {
                        "story_key": key,
                        "id": story_id,
                        "centroid": _load_centroid(centroid),
                        "last_date": last_date,
                        "merged_into": merged_into,
                    }
                )
        return found

    def _remember(self, story: dict) -> dict:
        cache = self._stories
        if len(cache) >= _MAX_CACHED_STORIES:
            # The least recently used part goes (dicts keep insertion order and
            # ``_load`` moves each story it reads to the end).  Dropping all of
            # it at once made every candidate a miss for a while in stores of
            # more stories than the cache holds.
            for key in list(islice(cache, _MAX_CACHED_STORIES // 8)):
                del cache[key]
        cache[story["story_key"]] = story
        return story

    def _scored_candidates(
        self,
        vector: dict[str, float],
        known: dict[str, list[int]],
        day: Date | None,
        names: Mapping[str, float] | None = None,
    ) -> list[tuple[float, dict]]:
        """Return ``(cosine, story)`` for the best candidate stories, best first.

        Candidates are the stories indexed under the most of the weight of
        the article's strongest terms and names (``QUERY_TERMS``, ``QUERY_NAMES``).
        """
        query = [(t, w) for t, w in sorted(vector.items(), key=itemgetter(1), reverse=True) if t in known][:QUERY_TERMS]
        if names:
            # The arrival's strongest names that are terms (known, keyed) and not queried yet.
            chosen = {t for t, _ in query}
            by_weight = sorted(names.items(), key=itemgetter(1), reverse=True)
            query += [(t, w) for t, w in by_weight if t in known and t not in chosen][:QUERY_NAMES]
        if not query:
            return []
        # One statement: the newest POSTINGS_PER_TERM stories of each query
        # term, summed by story in SQLite (thousands of rows at 100k stories).
        weight_of = {known[t][0]: w for t, w in query}
        union = " UNION ALL ".join(
            "SELECT ? AS weight, story_key FROM (SELECT story_key FROM postings WHERE term_key = ? "
            "ORDER BY story_key DESC LIMIT ?)"
            for _ in weight_of
        )
        parameters = [value for key, weight in weight_of.items() for value in (weight, key, POSTINGS_PER_TERM)]
        keys = [
            row[0]
            for row in self.connection.execute(
                f"SELECT story_key FROM ({union}) GROUP BY story_key "
                "ORDER BY sum(weight) DESC, story_key DESC LIMIT ?",
                [*parameters, CANDIDATES],
            )
        ]
        if not keys:
            return []
        window = self.settings.window_days
        terms, rank = set(vector), dict(zip(vector, range(len(vector))))
        scored = []
        for story in self._load(keys).values():
            if story["merged_into"] is not None:
                continue
            if window and day is not None:
                last = _day(story["last_date"])
                if last is not None and abs((day - last).days) > window:
                    continue
            centroid = story["centroid"]
            norm = centroid.get("z", 0.0)
            cosine = _shared_dot(vector, centroid["w"], terms, rank) / norm if norm else 0.0
            scored.append((cosine * _date_factor(day, centroid) if day is not None else cosine, story))
        scored.sort(key=lambda item: (-item[0], -item[1]["story_key"]))
        return scored

    def _maybe_merge(self, best: dict, second: dict) -> tuple[dict, tuple[str, ...]]:
        """Merge ``second`` into ``best`` (or the other way) when their centroids agree."""
        similarity = _centroid_cosine(best["centroid"], second["centroid"])
        if similarity < MERGE_SIMILARITY or _would_split(best["centroid"], second["centroid"]):
            return best, ()
        return self._merge(best, second, f"centroid cosine {similarity:.3f}")

    def _merge(self, best: dict, second: dict, detail: str) -> tuple[dict, tuple[str, ...]]:
        """Merge the younger of two live stories into the older; return the one kept and the id merged."""
        keep, gone = (best, second) if best["story_key"] < second["story_key"] else (second, best)
        connection = self.connection
        # The merge moves stored bands: the pending ones are stored first.
        self._last_flushed_bands.extend(self._write_bands())
        total = _add(keep["centroid"]["w"], gone["centroid"]["w"])
        size = keep["centroid"].get("n", 0) + gone["centroid"].get("n", 0)
        old_terms = set(_posting_terms(keep["centroid"]))
        before = keep["centroid"]
        keep["centroid"] = _with_norm({"n": size, "w": _round(_top(total, CENTROID_TERMS))})
        _set_names(keep["centroid"], _add(before.get("e", {}), gone["centroid"].get("e", {})))
        _add_days(keep["centroid"], gone["centroid"].get("d", 0), gone["centroid"].get("dn", 0), old=before)
        kept_members, gone_members = _members(before), _members(gone["centroid"])
        if kept_members is not None and gone_members is not None:
            if len(kept_members) + len(gone_members) <= SPLIT_MAX_MEMBERS:
                keep["centroid"]["m"] = kept_members + gone_members
        keep["last_date"] = max(keep["last_date"], gone["last_date"])
        self._write_centroid(keep, old_terms)
        connection.execute("DELETE FROM postings WHERE story_key = ?", (gone["story_key"],))
        connection.execute("DELETE FROM briefs WHERE story_key = ?", (gone["story_key"],))
        connection.execute("DELETE FROM story_sources WHERE story_key = ?", (gone["story_key"],))
        connection.execute(
            "UPDATE near_keys SET story_key = ? WHERE story_key = ? AND band_key NOT IN "
            "(SELECT band_key FROM near_keys WHERE story_key = ?)",
            (keep["story_key"], gone["story_key"], keep["story_key"]),
        )
        connection.execute("DELETE FROM near_keys WHERE story_key = ?", (gone["story_key"],))
        connection.execute(
            "UPDATE stories SET merged_into = ?, centroid = '{}' WHERE story_key = ?",
            (keep["id"], gone["story_key"]),
        )
        connection.execute(
            "UPDATE stories SET merged_into = ? WHERE merged_into = ?", (keep["id"], gone["id"])
        )
        gone["merged_into"] = keep["id"]
        gone["centroid"] = _with_norm({})
        # Articles move with their story; the store counts them again.
        connection.execute(
            "UPDATE articles SET story_key = ? WHERE story_key = ?", (keep["story_key"], gone["story_key"])
        )
        connection.execute(
            "INSERT INTO story_log (at, kind, story, other, detail) VALUES (?, 'merge', ?, ?, ?)",
            (time.time(), keep["id"], gone["id"], detail),
        )
        refresh_story_counts(connection, keep["story_key"])
        return keep, (gone["id"],)

    def _local_merges(self, home: dict, scored: list[tuple[float, dict]]) -> tuple[dict, tuple[str, ...]]:
        """Merge into ``home`` the candidate stories whose kept members it is as close to, on average,
        as a join asks (average link over the two stories' articles; see ``LOCAL_CANDIDATES``)."""
        merged: tuple[str, ...] = ()
        for cosine, other in scored[:LOCAL_CANDIDATES]:
            if cosine < LOCAL_FLOOR:
                break
            if other["merged_into"] is not None or other["story_key"] == home["story_key"]:
                continue
            first, second = _members(home["centroid"]), _members(other["centroid"])
            if first is None or second is None or len(first) + len(second) > SPLIT_MAX_MEMBERS:
                continue
            average = _average_link(first, second)
            if average < LOCAL_MERGE or _split_members([*first, *second]) is not None:
                continue
            home, gone = self._merge(home, other, f"members' average similarity {average:.3f}")
            merged += gone
        return home, merged

    def _new_story(
        self, article: CleanArticle, vector: dict[str, float], names: Mapping[str, float], day: Date | None, now: float
    ) -> tuple[int, str]:
        centroid = _with_norm({"n": 1, "w": _round(vector)})
        if names:
            centroid["e"] = _round(names)
        if day is not None:
            centroid["d"], centroid["dn"] = day.toordinal(), 1
        # A story of one article keeps no copy of its vector: it is the centroid's.
        centroid["m"] = [[article.id, day.toordinal() if day is not None else 0, None]]
        return self._insert_story(article.id, centroid, day.isoformat() if day else "", now)

    def _insert_story(self, first_id: str, centroid: dict, last_date: str, now: float) -> tuple[int, str]:
        """Insert a story named after article ``first_id`` with ``centroid``; return its key and id."""
        centroid["z"] = round(centroid["z"], 6)
        for attempt in range(100):
            story_id = story_id_for(first_id, attempt)
            try:
                cursor = self.connection.execute(
                    "INSERT INTO stories (id, created_at, updated_at, last_date, centroid) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (story_id, now, now, last_date, _dump_centroid(centroid)),
                )
                break
            except sqlite3.IntegrityError:
                continue
        else:  # pragma: no cover - 100 hash collisions
            raise RuntimeError(f"cannot find a free story id for article {first_id!r}")
        story_key = int(cursor.lastrowid)
        self._index(story_key, _posting_terms(centroid), set())
        self._remember(
            {
                "story_key": story_key,
                "id": story_id,
                "centroid": _with_norm(centroid),
                "last_date": last_date,
                "merged_into": None,
            }
        )
        return story_key, story_id

    def _maybe_split(self, story: dict, article_id: str, now: float) -> tuple[dict, tuple[str, ...], tuple[str, ...]]:
        """Split ``story`` in two when its articles form two tightly knit groups; return where ``article_id`` is.

        The test is batch clustering's (``newsfuse.cluster.agglomerate.split_clusters``)
        on the similarities of the story's articles: the best normalised cut
        of the Fiedler order below ``SPLIT_CUT``, at least two articles on each
        side, and the two halves' average similarity below
        ``SPLIT_MAX_SIMILARITY``; articles at least ``SPLIT_SAME_TEXT`` alike
        stay together.  The half holding the story's first article keeps the
        story; the other half becomes a new story, named after its first
        article, and the split is written to ``story_log``.  Only stories of at
        most ``SPLIT_MAX_MEMBERS`` articles, whose article vectors the centroid
        keeps, are tested.

        Returns:
            The story now holding ``article_id``, the id of the new story (or
            nothing) and the ids of the earlier articles that moved to it.
        """
        members = _stored_members(story["centroid"])
        if members is None or len(members) < 2 * _MIN_SPLIT_SIZE:
            return story, (), ()
        leaving = _split_members(members)
        if leaving is None:
            return story, (), ()
        stay = [m for m, out in zip(members, leaving) if not out]
        go = [m for m, out in zip(members, leaving) if out]
        old_terms = set(_posting_terms(story["centroid"]))
        story["centroid"] = _members_centroid(stay)
        story["last_date"] = _last_date(stay)
        self._write_centroid(story, old_terms)
        centroid = _members_centroid(go)
        new_key, new_id = self._insert_story(go[0][0], centroid, _last_date(go), now)
        moved = tuple(m[0] for m in go)
        connection = self.connection
        for chunk in parameter_chunks(list(moved)):
            marks = ",".join("?" * len(chunk))
            connection.execute(
                f"UPDATE articles SET story_key = ? WHERE story_key = ? AND id IN ({marks})",
                [new_key, story["story_key"], *chunk],
            )
        connection.execute(
            "INSERT INTO story_log (at, kind, story, other, detail) VALUES (?, 'split', ?, ?, ?)",
            (time.time(), story["id"], new_id, f"{len(stay)} articles stay, {len(go)} leave"),
        )
        refresh_story_counts(connection, story["story_key"])
        refresh_story_counts(connection, new_key)
        if article_id in moved:
            return self._stories[new_key], (new_id,), tuple(m for m in moved if m != article_id)
        return story, (new_id,), moved

    def _grow_story(
        self, story: dict, vector: dict[str, float], names: Mapping[str, float], day: Date | None, article_id: str
    ) -> None:
        old_terms = set(_posting_terms(story["centroid"]))
        before = story["centroid"]
        total = _add(before["w"], vector)
        # A centroid's weights are rounded (``_round``): only the sums with the article's change.
        story["centroid"] = _with_norm(
            {"n": before.get("n", 0) + 1, "w": _round_changed(_top(total, CENTROID_TERMS), vector)}
        )
        _set_names(story["centroid"], _add(before.get("e", {}), names), changed=names)
        _add_days(story["centroid"], day.toordinal() if day is not None else 0, int(day is not None), old=before)
        members = _members(before)
        if members is not None and len(members) < SPLIT_MAX_MEMBERS:
            member = _member(article_id, vector, day, names)
            story["centroid"]["m"] = members + [member]
            if members and members is before.get("m") and before.get(_MEMBERS_TEXT):
                # The stored text of the earlier members, with this one appended:
                # a story's members are not encoded again at each join.
                text = before[_MEMBERS_TEXT]
                story["centroid"][_MEMBERS_TEXT] = f'{text[:-1]},{_encode(member)}]'
        if day is not None and day.isoformat() > story["last_date"]:
            story["last_date"] = day.isoformat()
        self._write_centroid(story, old_terms)

    def _write_centroid(self, story: dict, old_terms: set[str]) -> None:
        if story["centroid"].get("m") is not None and not story["centroid"].get(_MEMBERS_TEXT):
            # Encoded once here; later joins append to this text (``_grow_story``).
            story["centroid"][_MEMBERS_TEXT] = _encode(story["centroid"]["m"])
        centroid = {"n": story["centroid"]["n"], "z": round(story["centroid"]["z"], 6), "w": story["centroid"]["w"]}
        if story["centroid"].get("e"):
            centroid["e"] = story["centroid"]["e"]
        if story["centroid"].get("dn"):
            centroid["d"], centroid["dn"] = story["centroid"]["d"], story["centroid"]["dn"]
        for key in ("m", _MEMBERS_TEXT):
            if story["centroid"].get(key) is not None:
                centroid[key] = story["centroid"][key]
        self.connection.execute(
            "UPDATE stories SET centroid = ?, last_date = ? WHERE story_key = ?",
            (_dump_centroid(centroid), story["last_date"], story["story_key"]),
        )
        self._index(story["story_key"], _posting_terms(story["centroid"]), old_terms)

    def _index(self, story_key: int, terms: list[str], old_terms: set[str]) -> None:
        """Point the inverted index of ``story_key`` at ``terms`` instead of ``old_terms``."""
        new_terms = set(terms)
        added = [t for t in terms if t not in old_terms]
        removed = [t for t in old_terms if t not in new_terms]
        if not added and not removed:
            return
        keys = {term: entry[0] for term, entry in self._lookup(added + removed).items()}
        if removed:
            self.connection.executemany(
                "DELETE FROM postings WHERE term_key = ? AND story_key = ?",
                [(keys[t], story_key) for t in removed if t in keys],
            )
        if added:
            self.connection.executemany(
                "INSERT OR IGNORE INTO postings (term_key, story_key) VALUES (?, ?)",
                [(keys[t], story_key) for t in added if t in keys],
            )


def _member(
    article_id: str, vector: Mapping[str, float], day: Date | None, names: Mapping[str, float] | None = None
) -> list:
    """Return the entry a story keeps of one article for splits: ``[id, day number or 0, vector, names]``.

    The names vector (``_vector`` of its names) comes last and only when the
    article has names; stores written before names were kept hold none.
    """
    entry = [article_id, day.toordinal() if day is not None else 0, _round(vector)]
    if names:
        entry.append(_round(names))
    return entry


def _set_names(centroid: dict, total: Mapping[str, float], changed: Mapping[str, float] | None = None) -> None:
    """Set a centroid's names (``"e"``): ``total`` cut to its ``CENTROID_NAMES`` heaviest (none when empty).

    ``changed``: when given, the values of ``total`` for other names are
    rounded already (see ``_round_changed``).
    """
    if total:
        top = _top(total, CENTROID_NAMES)
        centroid["e"] = _round(top) if changed is None else _round_changed(top, changed)
    else:
        centroid.pop("e", None)


# A story's members are stored after its centroid, on a line of their own, and
# parsed only when the story is joined or merged: candidates are scored on the
# centroid alone, and parsing 30 members' vectors for each of them made the
# assignment cost grow with the number of stories once the cache turned over.
# A centroid keeps that text (key ``_MEMBERS_TEXT``) beside the parsed members
# (``"m"``) while it is theirs, so that a join appends one member to it.
_MEMBERS_TEXT = "m_text"
# The posting terms of a centroid, kept beside it in memory (``_posting_terms``).
_POSTED = "p_terms"


def _dump_centroid(centroid: Mapping) -> str:
    """Return a centroid as stored: its JSON, then on a second line its members' JSON (if it keeps any)."""
    head = {k: v for k, v in centroid.items() if k not in ("m", _MEMBERS_TEXT, _POSTED)}
    text = _encode(head)
    if centroid.get("m") is not None and not centroid.get(_MEMBERS_TEXT):
        return f'{text}\n{_encode(centroid["m"])}'
    if centroid.get(_MEMBERS_TEXT):
        return f"{text}\n{centroid[_MEMBERS_TEXT]}"
    return text


def _load_centroid(text: str) -> dict:
    """Return a stored centroid with its members left unparsed (``_stored_members`` parses them)."""
    head, _, members = text.partition("\n")
    centroid = _with_norm(_decode(head))
    if members:
        centroid[_MEMBERS_TEXT] = members
    return centroid


def _stored_members(centroid: dict) -> list | None:
    """Return the ``_member`` entries a centroid keeps, parsing them on first use (None when it keeps none)."""
    if centroid.get("m") is None and centroid.get(_MEMBERS_TEXT):
        centroid["m"] = _decode(centroid[_MEMBERS_TEXT])  # the text stays: it is still theirs
    return centroid.get("m")


def _members(centroid: dict) -> list | None:
    """Return the ``_member`` entries a centroid keeps (None when it keeps none), vectors filled in."""
    members = _stored_members(centroid)
    if members and members[0][2] is None:  # one article: its vectors are the centroid's
        first = [members[0][0], members[0][1], dict(centroid["w"])]
        if centroid.get("e"):
            first.append(dict(centroid["e"]))
        return [first]
    return members


def _members_centroid(members: Sequence[list]) -> dict:
    """Return the centroid of a story made of ``members`` (``_member`` entries)."""
    total: dict[str, float] = {}
    names: dict[str, float] = {}
    for member in members:
        total = _add(total, member[2])
        if len(member) > 3:
            names = _add(names, member[3])
    days = [member[1] for member in members if member[1]]
    centroid = {"n": len(members), "w": _round(_top(total, CENTROID_TERMS)), "m": list(members)}
    _set_names(centroid, names)
    if days:
        centroid["d"], centroid["dn"] = sum(days), len(days)
    return _with_norm(centroid)


def _last_date(members: Sequence[list]) -> str:
    days = [member[1] for member in members if member[1]]
    return Date.fromordinal(max(days)).isoformat() if days else ""


def _would_split(left: dict, right: dict) -> bool:
    """Return whether the split test would part again the story that merging ``left`` and ``right`` makes.

    Two stories whose centroids agree can still be two events of one kind,
    parted by the split test (``_split_members``) when the second began: a
    merge it would undo at the next join only churns story ids.  Stories
    too large to keep their members are not tested (False).
    """
    first, second = _members(left), _members(right)
    if first is None or second is None or len(first) + len(second) > SPLIT_MAX_MEMBERS:
        return False
    return _split_members([*first, *second]) is not None


def _average_link(first: Sequence[list], second: Sequence[list]) -> float:
    """Return the average similarity of the members of ``first`` with those of ``second``
    (cosines of their vectors, scaled by the date factor where both are dated)."""
    total = 0.0
    for left in first:
        vector, terms = left[2], set(left[2])
        names = left[3] if len(left) > 3 else None
        for right in second:
            shared = terms.intersection(right[2])
            similarity = sum(vector[t] * right[2][t] for t in shared)
            if LOCAL_NAME_WEIGHT and names and len(right) > 3:
                other = right[3]
                similarity = (similarity + LOCAL_NAME_WEIGHT * sum(w * other.get(t, 0.0) for t, w in names.items())) / (
                    1.0 + LOCAL_NAME_WEIGHT
                )
            if left[1] and right[1]:
                similarity *= math.exp(-max(abs(left[1] - right[1]) - DATE_SLACK_DAYS, 0.0) / DATE_SCALE_DAYS)
            if similarity >= SPLIT_EDGE_FLOOR:
                total += similarity
    return total / (len(first) * len(second))


def _split_members(members: Sequence[list]) -> list[bool] | None:
    """Return which members leave when a story splits in two (see ``_maybe_split``), or None."""
    import numpy as np

    from newsfuse.cluster.agglomerate import _best_cut, _between_average, _fiedler_order

    count = len(members)
    vectors = [member[2] for member in members]
    # Columns in the order terms first occur (one C pass each, no Python loop per term).
    terms = list(chain.from_iterable(vectors))
    column = dict(zip(dict.fromkeys(terms), range(len(terms))))
    rows = np.repeat(np.arange(count), [len(vector) for vector in vectors])
    matrix = np.zeros((count, max(len(column), 1)))
    matrix[rows, np.fromiter(map(column.__getitem__, terms), dtype=np.intp, count=len(terms))] = np.fromiter(
        chain.from_iterable([vector.values() for vector in vectors]), dtype=np.float64, count=len(terms)
    )
    # The row norms as ``np.linalg.norm(matrix, axis=1)`` computes them, without its checks.
    matrix /= np.maximum(np.sqrt(np.add.reduce(matrix * matrix, axis=1)), 1e-12)[:, None]
    weights = matrix @ matrix.T
    days = np.array([member[1] for member in members], dtype=np.float64)
    dated = days > 0
    if dated.sum() > 1:  # else no pair of members is dated: no factor applies
        gap = np.abs(days[:, None] - days[None, :])
        factor = np.exp(-np.maximum(gap - DATE_SLACK_DAYS, 0.0) / DATE_SCALE_DAYS)
        weights = np.where(dated[:, None] & dated[None, :], weights * factor, weights)
    np.fill_diagonal(weights, 0.0)
    weights[weights < SPLIT_EDGE_FLOOR] = 0.0
    # Articles at least SPLIT_SAME_TEXT alike (copies) are one node: the
    # weight between two nodes is the average between their articles.
    alike = weights >= SPLIT_SAME_TEXT  # the diagonal is 0: any entry is a pair of copies
    if alike.any():
        group = list(range(count))
        for left, right in zip(*np.nonzero(np.triu(alike, 1))):
            old, new = group[right], group[left]
            if old != new:
                group = [new if g == old else g for g in group]
        # Each article's node: its group's rank among the groups (``np.unique``'s inverse).
        rank = {g: number for number, g in enumerate(sorted(set(group)))}
        node_of = np.array([rank[g] for g in group])
        membership = np.zeros((count, node_of.max() + 1))
        membership[np.arange(count), node_of] = 1.0
        sizes = membership.sum(axis=0)
        dense = membership.T @ weights @ membership / np.outer(sizes, sizes)
        np.fill_diagonal(dense, 0.0)
    else:
        # Each article its own node: the averaging above would give these
        # very weights (non-negative, zero diagonal), at the cost of two
        # products with an identity matrix.
        node_of = np.arange(count)
        dense = weights
    if len(dense) < 2 * _MIN_SPLIT_SIZE:
        return None
    if not (dense.sum(axis=1) > 0).all():
        return None  # an article linked to none of the others: nothing to cut
    order = _fiedler_order(dense)
    cut, head_size = _best_cut(dense, order)
    if cut >= SPLIT_CUT:
        return None
    in_head = np.zeros(len(dense), dtype=bool)
    in_head[order[:head_size]] = True
    if _between_average(dense, in_head) >= SPLIT_MAX_SIMILARITY:
        return None
    head = in_head[node_of]
    # The half holding the first (oldest) article stays.
    return [bool(h != head[0]) for h in head]


def _add_days(centroid: dict, day_sum: int, dated: int, old: Mapping) -> None:
    """Set ``centroid``'s date sum ``"d"`` and dated-article count ``"dn"``: ``old``'s plus the given ones."""
    total = old.get("dn", 0) + dated
    if total:
        centroid["d"], centroid["dn"] = old.get("d", 0) + day_sum, total


def _date_factor(day: Date | None, centroid: Mapping) -> float:
    """Return the factor by which a date gap scales an article's similarity to a story (1.0 when undated).

    The gap is measured to the mean date of the story's dated articles: no
    discount within ``DATE_SLACK_DAYS``, then ``exp(-(gap - slack) /
    DATE_SCALE_DAYS)``, as in batch clustering (``newsfuse.cluster.graph``).
    The mean, not the newest date, keeps a story from drifting along a chain
    of follow-ups (a budget fight reported week after week).
    """
    dated = centroid.get("dn", 0)
    if day is None or not dated:
        return 1.0
    gap = abs(day.toordinal() - centroid["d"] / dated)
    return math.exp(-max(gap - DATE_SLACK_DAYS, 0.0) / DATE_SCALE_DAYS)


def _with_norm(centroid: dict) -> dict:
    """Return ``centroid`` with ``"w"`` present and its Euclidean norm as ``"z"`` (stored or computed)."""
    weights = centroid.setdefault("w", {})
    centroid.setdefault("n", 0)
    if "z" not in centroid:
        centroid["z"] = math.sqrt(sum(map(mul, weights.values(), weights.values())))
    return centroid


def _posting_terms(centroid: Mapping) -> list[str]:
    """Return the terms a centroid is indexed under (``postings``): its ``POSTING_TERMS`` heaviest, then
    its ``POSTING_NAMES`` heaviest names (names that are no term of any article get no posting).

    Kept in the centroid (key ``_POSTED``, never stored): a centroid is
    replaced, never changed in place, and a join needs the terms of the
    centroid before it (written by the join before) and after it.
    """
    terms = centroid.get(_POSTED)
    if terms is None:
        terms = list(_top(centroid.get("w", {}), POSTING_TERMS))
        if centroid.get("e"):
            terms += [t for t in _top(centroid["e"], POSTING_NAMES) if t not in terms]
        if isinstance(centroid, dict):
            centroid[_POSTED] = terms
    return terms


def _add(left: Mapping[str, float], right: Mapping[str, float]) -> dict[str, float]:
    total = dict(left)
    for term, weight in right.items():
        total[term] = total.get(term, 0.0) + weight
    return total


def _round(weights: Mapping[str, float]) -> dict[str, float]:
    # Five digits keep cosines exact to 1e-4 and the JSON short.
    return dict(zip(weights, map(round, weights.values(), repeat(5))))


def _shared_dot(
    vector: Mapping[str, float], weights: Mapping[str, float], terms: set[str], rank: Mapping[str, int]
) -> float:
    """Return the dot product of ``vector`` with ``weights`` (missing terms 0): ``vector``'s
    products summed in its order, as a loop over it would, to the last bit.

    Only the shared terms are multiplied (``terms`` is ``set(vector)``,
    ``rank`` each term's place in it): a term missing from ``weights`` adds an
    exact zero, which changes no sum.  A candidate story shares one or two of
    an article's 70 terms, so this is a third of the work of the loop.
    """
    shared = terms.intersection(weights)
    if len(shared) > 1:
        shared = sorted(shared, key=rank.__getitem__)
    return sum(map(mul, map(vector.__getitem__, shared), map(weights.__getitem__, shared)))


def _round_changed(weights: Mapping[str, float], changed: Mapping[str, float]) -> dict[str, float]:
    """Return ``_round(weights)`` where only the terms of ``changed`` can hold values not rounded yet.

    ``round(x, 5)`` of a value it returned gives that value again (it is the
    double nearest a number of five decimals, and that number is the one
    nearest to it), so the others are kept as they are: a join changes the
    weights of at most its article's 70 terms, while ``round`` of all 64 of a
    centroid's weights cost more than the rest of the join.
    """
    rounded = dict(weights)
    for term in changed.keys() & rounded.keys():
        rounded[term] = round(rounded[term], 5)
    return rounded


def _centroid_cosine(left: Mapping, right: Mapping) -> float:
    a, b = left.get("w", {}), right.get("w", {})
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    if norm == 0:
        return 0.0
    return sum(w * b.get(t, 0.0) for t, w in a.items()) / norm


def refresh_story_counts(connection: sqlite3.Connection, story_key: int) -> None:
    """Recount a story's articles and outlets after a merge moved articles into it."""
    rows = connection.execute(
        "SELECT source FROM articles WHERE story_key = ? ORDER BY article_key", (story_key,)
    ).fetchall()
    outlets = list(dict.fromkeys(r[0] for r in rows))
    connection.execute("DELETE FROM story_sources WHERE story_key = ?", (story_key,))
    connection.executemany(
        "INSERT INTO story_sources (story_key, source) VALUES (?, ?)", [(story_key, o) for o in outlets]
    )
    connection.execute(
        "UPDATE stories SET article_count = ?, sources = ?, version = version + 1 WHERE story_key = ?",
        (len(rows), json.dumps(outlets, ensure_ascii=False), story_key),
    )


def _band_keys(articles: Sequence[CleanArticle], settings: DedupSettings) -> list[tuple[int, ...]]:
    """Return the LSH band keys of each article's MinHash signature (``newsfuse.dedup``)."""
    import numpy as np

    from newsfuse.dedup import EMPTY, signatures

    rows = settings.num_perm // LSH_BANDS
    if rows < 1:
        return [()] * len(articles)
    values = np.asarray(signatures([a.text for a in articles], settings), dtype=np.uint64)
    keys: list[tuple[int, ...]] = []
    for row in values:
        if bool((row == EMPTY).all()):
            keys.append(())  # no words: nothing to match
            continue
        blocks = row[: LSH_BANDS * rows].reshape(LSH_BANDS, rows)
        keys.append(
            tuple(
                int.from_bytes(
                    hashlib.blake2b(band.to_bytes(2, "little") + block.tobytes(), digest_size=8).digest(),
                    "little",
                    signed=True,
                )
                for band, block in enumerate(blocks)
            )
        )
    return keys


# ------------------------------------------------------------ whole streams


@dataclass(frozen=True, slots=True)
class StreamEvent:
    """A change to earlier stories while a stream was assigned, when article ``article`` arrived.

    ``kind`` is ``"merge"``: ``story`` absorbed ``other``, whose id stays an
    alias of ``story``; or ``"split"``: ``other`` is a new story of articles
    taken out of ``story``.  ``position`` is the article's place in arrival
    order, from 0.
    """

    kind: str
    story: str
    other: str
    article: str
    position: int


def arrival_order(articles: Sequence[CleanArticle]) -> list[int]:
    """Return the indexes of ``articles`` in arrival order: by date, file order among equals.

    An article without a (parseable) date arrives right after the article
    before it in file order, so undated articles keep their place among
    dated ones; without any dates this is file order.

    Example:
        >>> from newsfuse.models import CleanArticle
        >>> dated = [CleanArticle(i, "s", "", "x", (), date=d)
        ...          for i, d in (("a", "2020-01-03"), ("b", ""), ("c", "2020-01-01"))]
        >>> arrival_order(dated)
        [2, 0, 1]
    """
    keys = []
    last = ""
    for article in articles:
        day = _day(article.date or "")
        if day is not None:
            last = day.isoformat()
        keys.append(last)
    return sorted(range(len(articles)), key=lambda index: (keys[index], index))


def stream_stories(
    articles: Sequence[CleanArticle],
    settings: StreamSettings | None = None,
    dedup: DedupSettings | None = DedupSettings(),
    events: list[StreamEvent] | None = None,
) -> list[Story]:
    """Return the stories that streaming assignment gives ``articles``: largest first, then by id.

    Articles arrive one at a time in ``arrival_order`` and go through a
    ``StoryAssigner`` on a private in-memory database: each joins an earlier
    story or starts one, and nothing is re-clustered.  A story keeps the id
    given when it started (``story_id_for`` of its first article); a story
    merged into another is reported under the one it was merged into.
    Each story lists its ``article_ids`` in input order.  Merges are
    appended to ``events`` when a list is given.

    Raises:
        ValueError: when two articles share an id.

    Example:
        >>> from newsfuse.models import CleanArticle
        >>> a = CleanArticle("a", "One", "Dam bursts in Brazil", "A dam burst in Brazil on Friday.", ())
        >>> b = CleanArticle("b", "Two", "Brazil dam bursts", "A mining dam burst in Brazil, flooding a town.", ())
        >>> [s.article_ids for s in stream_stories([a, b])]
        [('a', 'b')]
    """
    articles = list(articles)
    position: dict[str, int] = {}
    for number, article in enumerate(articles):
        if not isinstance(article, CleanArticle):
            raise TypeError(f"articles must be CleanArticles, got {type(article).__name__} at position {number}")
        if article.id in position:
            raise ValueError(f"article id {article.id!r} occurs twice; ids must be unique within a stream")
        position[article.id] = number
    assigner = StoryAssigner(settings=settings, dedup=dedup)
    order = arrival_order(articles)
    features = article_features([articles[i] for i in order], dedup)
    placed: dict[str, str] = {}
    alias: dict[str, str] = {}

    def live(story: str) -> str:
        seen = set()
        while story in alias and story not in seen:
            seen.add(story)
            story = alias[story]
        return story

    with write_transaction(assigner.connection):
        for arrival, (index, found) in enumerate(zip(order, features)):
            article = articles[index]
            assignment = assigner.place(article, found)
            for other in assignment.merged:
                alias[other] = assignment.story_id
                if events is not None:
                    events.append(StreamEvent("merge", assignment.story_id, other, article.id, arrival))
            for new in assignment.split:
                parted = live(placed[assignment.moved[0]])
                for moved in assignment.moved:
                    placed[moved] = new
                if events is not None:
                    events.append(StreamEvent("split", parted, new, article.id, arrival))
            placed[article.id] = assignment.story_id
        assigner.flush_counts()
    assigner.connection.close()

    members: dict[str, list[str]] = {}
    for article_id, story in placed.items():
        members.setdefault(live(story), []).append(article_id)
    stories = [
        Story(id=story, article_ids=tuple(sorted(ids, key=position.__getitem__)))
        for story, ids in members.items()
    ]
    return sorted(stories, key=lambda s: (-len(s.article_ids), s.id))
