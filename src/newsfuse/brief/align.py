"""Sentences of a story side by side: TF-IDF similarity, facts, key points and unique points.

``StoryView`` holds a story's sentences with their TF-IDF vectors (content-word
stems, names and numbers weighted up, IDF over the story's own sentences) and
the cosine similarity of every pair from different articles.  ``find_facts``
groups sentences that say one thing in several articles (at most one sentence
per article per fact), greedily, the best-supported first; a fact is told in
the words of a member that every other member aligns with, so that no outlet
is credited with a statement it did not make.  Support counts
*units*: the articles of one outlet, and the near-copies of one
``Story.duplicates`` group, count once.
"""

from __future__ import annotations

import heapq
import math
import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
from rapidfuzz import fuzz
from scipy import sparse

from newsfuse.brief._tokens import NO_NEGATION, is_dependent, is_statement, negation, sentence_features, terms
from newsfuse.brief.trim import shown_part
from newsfuse.models import CleanArticle, Evidence, Point, Sentence, outlet_of
from newsfuse.text import count_words, fold, split_sentences

__all__ = ["StoryView", "Fact", "build_view", "find_facts", "key_points", "unique_points", "outlet_of"]

# Cosine at or above which two sentences of different articles report one
# fact.  Chosen by reading the aligned pairs of the seeds and of BASIL
# triplets: below ~0.28 pairs share a topic but not a statement.  Re-run
# tests/test_brief.py and the BASIL alignment check after a change.
ALIGN_THRESHOLD = 0.3
# Sentences of one story share its names (the people, places and bodies it
# is about), and a cosine at ALIGN_THRESHOLD can come from them alone ("Gorsuch
# said ... Congress" and "Gorsuch wrote ... Congress").  Between it and
# ALIGN_CLOSE two sentences report one fact only when they also share
# MIN_SHARED_WORDS content words that are not names (a word the story writes
# capitalised inside a sentence); numbers count.  On 120 aligned pairs read
# and judged by hand (50 Multi-News, 35 BASIL, 35 ECB+), on which it was
# chosen, this took the share of pairs that report one fact from 0.77 to 0.89
# and kept 93% of those that do; on 65 more judged after it was fixed, from
# 0.66 to 0.83, keeping 85% (``newsfuse eval alignment``, docs/evaluation.md).
ALIGN_CLOSE = 0.5
MIN_SHARED_WORDS = 2
# Names alone never make one fact: at ALIGN_CLOSE two sentences still share
# at least one word besides names, unless they are near copies (ALIGN_SAME).
# "Dukes is a greeter at the Wal-Mart in Pittsburg, Calif." and "The case
# started ... when Wal-Mart worker Betty Dukes said the management at her
# Pittsburg, Calif., store was bypassing her" meet at 0.55 on names alone;
# so do "Google Gnome" and "Google unveiled Google Gnome, an assistant...".
# ALIGN_SAME: on the tuning batch of labelled pairs any bound from 0.7 to 1.0
# gives the same pairs; 0.8 is a sentence quoted again with a word or two
# changed ("I am in Tripoli and not in Venezuela." in two outlets is 1.0).
ALIGN_SAME = 0.8

# A point whose sentence comes this close to any sentence of a point already
# chosen says the same thing, and is dropped.  On the seeds two wordings of
# "Putin proposes direct talks" meet at 0.42, different facts stay below 0.34.
REDUNDANT_THRESHOLD = 0.4

# A sentence is "unique" to its outlet when no other outlet has a sentence
# this close to it.
UNIQUE_THRESHOLD = 0.22

# Bounds that keep one very large story from dominating the run: alignment
# uses at most this many sentences per story, the leads of each article
# first (news puts the facts first).
MAX_STORY_SENTENCES = 2500
MIN_SENTENCES_PER_ARTICLE = 12

# A sentence that leans on the one before ("He said...", "This...") reads
# badly alone; it loses this much when points are chosen.
DEPENDENT_PENALTY = 0.1

# Teaser lines: two or more one-sentence paragraphs of at most this many
# words among the first few paragraphs of an article.
TEASER_MAX_WORDS = 14
TEASER_TOP_PARAGRAPHS = 5
_PAST_TENSE = re.compile(r"\b(?:[a-z]{3,}ed|said|was|were|had|did|told|took|made|won|lost|left)\b")

# A small preference for early sentences (the lead carries the facts);
# ``LEAD_BONUS / (1 + position)`` is added to centrality.
LEAD_BONUS = 0.08


@dataclass(slots=True)
class StorySentence:
    """A sentence of one of the story's articles, as the brief stage sees it."""

    index: int
    article: int
    position: int
    sentence: Sentence
    word_count: int
    is_statement: bool
    is_dependent: bool = False


@dataclass(slots=True)
class StoryView:
    """A story's articles and sentences with the similarity of every sentence pair.

    ``similarity[i, j]`` is the cosine of sentences ``i`` and ``j`` (pairs
    within one article included; callers that align look across articles
    only); ``aligned[i, j]`` says whether they report one fact (the cosine
    reaches ``ALIGN_SAME``; or ``ALIGN_CLOSE`` with a word besides names
    shared; or ``ALIGN_THRESHOLD`` with ``MIN_SHARED_WORDS`` such words).
    ``units[a]`` is the support unit of article ``a``.
    """

    articles: tuple[CleanArticle, ...]
    outlets: list[str]
    units: list[int]
    sentences: list[StorySentence]
    ranges: list[tuple[int, int]]
    vocabulary: dict[str, int]
    idf: np.ndarray
    vectors: sparse.csr_matrix
    similarity: np.ndarray
    centrality: np.ndarray
    centroid: np.ndarray
    sentence_starts: list[list[int]] = field(default_factory=list)
    nonempty_starts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.intp))
    nonempty_articles: list[int] = field(default_factory=list)
    article_centrality: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    aligned: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=bool))

    def sentence_index(self, article: int, offset: int) -> int:
        """Return the story index of the sentence of ``article`` holding ``offset``; -1 if none."""
        starts = self.sentence_starts[article]
        low, high = self.ranges[article]
        if low == high:
            return -1
        from bisect import bisect_right

        position = bisect_right(starts, offset) - 1
        if position < 0:
            return -1
        index = low + position
        sentence = self.sentences[index].sentence
        return index if sentence.start <= offset < sentence.end else -1

    def vectorize(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Return L2-normalised vectors of ``texts`` in the story's term space."""
        return _vectorize([terms(t) for t in texts], self.vocabulary, self.idf, grow=False)[0]

    def evidence(self, index: int) -> Evidence:
        """Return the evidence span of story sentence ``index``."""
        sentence = self.sentences[index]
        article = self.articles[sentence.article]
        return Evidence(article.id, sentence.sentence.start, sentence.sentence.end)

    def text(self, index: int) -> str:
        """Return the text of story sentence ``index``."""
        return self.sentences[index].sentence.text


def _units(articles: Sequence[CleanArticle], duplicates: Sequence[Sequence[str]]) -> list[int]:
    """Return a support unit per article: one outlet, or one group of near-copies, counts once."""
    parent = list(range(len(articles)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    position = {a.id: i for i, a in enumerate(articles)}
    first_of_outlet: dict[str, int] = {}
    for index, article in enumerate(articles):
        outlet = outlet_of(article)
        if outlet in first_of_outlet:
            union(first_of_outlet[outlet], index)
        else:
            first_of_outlet[outlet] = index
    for group in duplicates:
        members = [position[i] for i in group if i in position]
        for other in members[1:]:
            union(members[0], other)
    roots: dict[int, int] = {}
    return [roots.setdefault(find(i), len(roots)) for i in range(len(articles))]


def _sentences_of(article: CleanArticle) -> tuple[Sentence, ...]:
    if article.sentences or not article.text.strip():
        return article.sentences
    return tuple(
        Sentence(article.id, i, a, b, article.text[a:b]) for i, (a, b) in enumerate(split_sentences(article.text))
    )


def _vectorize(
    term_lists: Sequence[list[tuple[str, float]]],
    vocabulary: dict[str, int],
    idf: np.ndarray | None,
    grow: bool,
) -> tuple[sparse.csr_matrix, dict[str, int]]:
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for row, weighted in enumerate(term_lists):
        seen: dict[int, float] = {}
        for term, weight in weighted:
            column = vocabulary.get(term)
            if column is None:
                if not grow:
                    continue
                column = vocabulary[term] = len(vocabulary)
            # Sub-linear term frequency: a repeated word counts a little more.
            seen[column] = seen.get(column, 0.0) + weight * (1.0 if column not in seen else 0.3)
        for column, value in seen.items():
            rows.append(row)
            cols.append(column)
            vals.append(value)
    shape = (len(term_lists), max(1, len(vocabulary)))
    matrix = sparse.csr_matrix(
        (np.asarray(vals, dtype=np.float32), (np.asarray(rows, dtype=np.int32), np.asarray(cols, dtype=np.int32))),
        shape=shape,
    )
    if idf is not None:
        matrix = matrix @ sparse.diags(idf[: shape[1]].astype(np.float32))
    return _normalize(matrix), vocabulary


def _shared_words(term_lists: Sequence[list[tuple[str, float]]]) -> np.ndarray:
    """Return for every pair of sentences how many distinct terms they share that are not names.

    A name is a term the story writes capitalised inside a sentence
    (``sentence_features`` weighs it above 1; a number, also weighed up, is
    no name).
    """
    names = {term for weighted in term_lists for term, weight in weighted if weight > 1.0 and not term[:1].isdigit()}
    columns: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for row, weighted in enumerate(term_lists):
        for term in {term for term, _ in weighted if term not in names}:
            rows.append(row)
            cols.append(columns.setdefault(term, len(columns)))
    holds = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.int16), (np.asarray(rows, dtype=np.int32), np.asarray(cols, dtype=np.int32))),
        shape=(len(term_lists), max(1, len(columns))),
    )
    return (holds @ holds.T).toarray()


def _opposed(
    texts: Sequence[str], may_negate: Sequence[bool], raw: sparse.csr_matrix, vocabulary: dict[str, int]
) -> list[tuple[int, int]]:
    """Return the pairs of sentences that are opposed: one negates a word that the other states
    with no negation anywhere ("Tavin was not a gang member" / "were identified as gang
    members").  Two sentences that both negate something are never opposed: "No injuries were
    reported." / "There were no reports of injuries." negate two different words and say one
    thing.

    ``raw`` holds the sentences' term counts (rows as ``texts``), its columns ``vocabulary``;
    only the sentences that ``may_negate`` are read.
    """
    found = [negation(t) if maybe else NO_NEGATION for t, maybe in zip(texts, may_negate, strict=True)]
    if not any(terms_negated for terms_negated, _ in found):
        return []
    affirms = np.fromiter((not negates for _, negates in found), dtype=bool, count=len(found))
    columns = raw.tocsc()
    pairs = []
    for row, (terms_negated, _) in enumerate(found):
        for term in terms_negated:
            column = vocabulary.get(term)
            if column is not None:
                holders = columns.indices[columns.indptr[column] : columns.indptr[column + 1]]
                pairs.extend((row, int(other)) for other in holders[affirms[holders]])
    return pairs


def _normalize(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags((1.0 / norms).astype(np.float32)) @ matrix)


def _is_headline_like(text: str, titles: Sequence[str]) -> bool:
    folded = ""
    for title in titles:
        # Only sentences about as long as a title can repeat it.
        if not title or not 0.8 * len(title) <= len(text) <= 1.25 * len(title) + 2:
            continue
        folded = folded or fold(text).strip(" .")
        if folded == title or fuzz.ratio(folded, title) >= 90:
            return True
    return False


# The credit of an embedded social post: a tweet signed "— Lil Wayne (@LilTunechi)
# June 20, 2017", an Instagram post's "A post shared by Nasir Jones (@nas) on
# Jun 20, 2017 at 10:33am PDT".  Pages lay each post out as one paragraph.
_POST_CREDIT = re.compile(
    r"(?:[—–]|\bshared\s+by)\s+[^()\n]{1,80}\(@[\w.]{1,40}\)\s+(?:on\s+)?"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+(?:19|20)\d\d\b"
)


def _post_sentences(text: str, sentences: Sequence[Sentence]) -> set[int]:
    """Return the positions of sentences in an embedded social post (``_POST_CREDIT``).

    A post is its author's words, shown on the page as the author wrote them
    ("Damn. RiP to the great one Prodigy. … — Lil Wayne (@LilTunechi) June
    20, 2017"), not the outlet's report: its sentences are no statements.

    Example:
        >>> text = "Fans mourned him.\\nRIP P — QTip (@QtipTheAbstract) June 20, 2017"
        >>> _post_sentences(text, [Sentence("a", 0, 0, 17, text[:17]), Sentence("a", 1, 18, 64, text[18:])])
        {1}
    """
    if "(@" not in text:
        return set()
    credited: dict[int, bool] = {}  # a paragraph's start -> whether it holds a credit
    found: set[int] = set()
    for position, sentence in enumerate(sentences):
        line_start = text.rfind("\n", 0, sentence.start) + 1
        if line_start not in credited:
            line_end = text.find("\n", sentence.end)
            credited[line_start] = bool(_POST_CREDIT.search(text, line_start, len(text) if line_end < 0 else line_end))
        if credited[line_start]:
            found.add(position)
    return found


def _teaser_sentences(text: str, sentences: Sequence[Sentence]) -> set[int]:
    """Return the positions of teaser lines: a run of short one-sentence paragraphs at the top.

    Outlets open with bullet-point summaries ("Zelensky signals openness but
    stresses action over words."); they repeat the story in headline style
    and are not statements to quote.
    """
    lines: dict[int, list[int]] = {}
    for position, sentence in enumerate(sentences[: TEASER_TOP_PARAGRAPHS * 3]):
        line_start = text.rfind("\n", 0, sentence.start) + 1
        lines.setdefault(line_start, []).append(position)
    order = sorted(lines)[:TEASER_TOP_PARAGRAPHS]
    # Teasers are written like headlines, in the present tense ("Zelensky
    # signals openness"); a short lead in the past tense ("Flooding closed
    # the highway") is news.
    short = [
        len(lines[start]) == 1
        and count_words(sentences[lines[start][0]].text) <= TEASER_MAX_WORDS
        and not _PAST_TENSE.search(sentences[lines[start][0]].text)
        for start in order
    ]
    found: set[int] = set()
    for index, start in enumerate(order):
        if short[index] and ((index > 0 and short[index - 1]) or (index + 1 < len(order) and short[index + 1])):
            found.update(lines[start])
    return found


def build_view(articles: Sequence[CleanArticle], duplicates: Sequence[Sequence[str]] = ()) -> StoryView:
    """Return the ``StoryView`` of a story's articles (in story order)."""
    articles = tuple(articles)
    titles = [fold(a.title).strip(" .") for a in articles]
    per_article = [_sentences_of(a) for a in articles]
    total = sum(len(s) for s in per_article)
    cap = None
    if total > MAX_STORY_SENTENCES:
        cap = max(MIN_SENTENCES_PER_ARTICLE, MAX_STORY_SENTENCES // max(1, len(articles)))
    sentences: list[StorySentence] = []
    ranges: list[tuple[int, int]] = []
    starts: list[list[int]] = []
    # Near-copies repeat most sentences word for word: each distinct sentence
    # text is analysed and vectorised once, its rows shared.
    distinct: dict[str, int] = {}
    features: list[tuple[list[tuple[str, float]], int, bool, bool, bool]] = []
    rows: list[int] = []
    for article_index, article_sentences in enumerate(per_article):
        low = len(sentences)
        chosen = article_sentences if cap is None else article_sentences[:cap]
        teasers = _teaser_sentences(articles[article_index].text, chosen)
        teasers |= _post_sentences(articles[article_index].text, chosen)
        for position, sentence in enumerate(chosen):
            row = distinct.get(sentence.text)
            if row is None:
                sentence_terms, word_count, title_case, may_negate = sentence_features(sentence.text)
                row = distinct[sentence.text] = len(features)
                features.append(
                    (
                        sentence_terms,
                        word_count,
                        is_statement(sentence.text, word_count, title_case)
                        and not _is_headline_like(sentence.text, titles),
                        is_dependent(sentence.text),
                        may_negate,
                    )
                )
            _, word_count, statement, dependent, _ = features[row]
            sentences.append(
                StorySentence(
                    len(sentences), article_index, position, sentence, word_count,
                    statement and position not in teasers, dependent,
                )
            )
            rows.append(row)
        ranges.append((low, len(sentences)))
        starts.append([s.sentence.start for s in sentences[low:]])
    vocabulary: dict[str, int] = {}
    distinct_raw, vocabulary = _vectorize([f[0] for f in features], vocabulary, None, grow=True)
    n = len(sentences)
    row_of = np.asarray(rows, dtype=np.intp)
    # Document frequency counts every sentence, repeated ones included.
    repeats = np.bincount(row_of, minlength=len(features)) if n else np.zeros(0, dtype=np.intp)
    document_frequency = (
        np.bincount(distinct_raw.indices, weights=np.repeat(repeats, np.diff(distinct_raw.indptr)),
                    minlength=max(1, len(vocabulary)))
        if n else np.zeros(1)
    )
    idf = (np.log((1.0 + n) / (1.0 + document_frequency)) + 1.0).astype(np.float32)
    if n:
        distinct_vectors = _normalize(distinct_raw @ sparse.diags(idf))
        vectors = distinct_vectors[row_of]
        distinct_similarity = (distinct_vectors @ distinct_vectors.T).toarray().astype(np.float32)
        similarity = distinct_similarity[np.ix_(row_of, row_of)]
        shared = _shared_words([f[0] for f in features])[np.ix_(row_of, row_of)]
        aligned = (
            (similarity >= ALIGN_SAME)
            | ((similarity >= ALIGN_CLOSE) & (shared >= 1))
            | ((similarity >= ALIGN_THRESHOLD) & (shared >= MIN_SHARED_WORDS))
        )
        opposed = _opposed(list(distinct), [f[4] for f in features], distinct_raw, vocabulary)
        if opposed:
            # Near-copies share a distinct row: every sentence of one row is opposed to every one of the other.
            order = np.argsort(row_of, kind="stable")
            bounds = np.searchsorted(row_of[order], np.arange(len(features) + 1))
            for row, other in opposed:
                these, those = order[bounds[row] : bounds[row + 1]], order[bounds[other] : bounds[other + 1]]
                aligned[np.ix_(these, those)] = False
                aligned[np.ix_(those, these)] = False
    else:
        vectors = distinct_raw[:0]
        similarity = np.zeros((0, 0), np.float32)
        aligned = np.zeros((0, 0), dtype=bool)
    # Centroid: every article weighs the same, however long it is.
    centroid = np.zeros(vectors.shape[1], dtype=np.float32)
    article_means = []
    for low, high in ranges:
        mean = np.asarray(vectors[low:high].mean(axis=0)).ravel() if high > low else np.zeros_like(centroid)
        article_means.append(mean)
        centroid += mean
    norm = float(np.linalg.norm(centroid))
    if norm > 0:
        centroid /= norm
    article_centrality = np.asarray([float(mean @ centroid) for mean in article_means], dtype=np.float32)
    centrality = np.asarray(vectors @ centroid).ravel() if n else np.zeros(0, np.float32)
    positions = np.fromiter((s.position for s in sentences), dtype=np.float32, count=n)
    centrality = centrality + LEAD_BONUS / (1.0 + positions)
    return StoryView(
        articles=articles,
        outlets=[outlet_of(a) for a in articles],
        units=_units(articles, duplicates),
        sentences=sentences,
        ranges=ranges,
        vocabulary=vocabulary,
        idf=idf,
        vectors=vectors,
        similarity=similarity,
        centrality=centrality.astype(np.float32),
        centroid=centroid,
        sentence_starts=starts,
        nonempty_starts=np.asarray([low for low, high in ranges if high > low], dtype=np.intp),
        nonempty_articles=[a for a, (low, high) in enumerate(ranges) if high > low],
        article_centrality=article_centrality,
        aligned=aligned,
    )


@dataclass(frozen=True, slots=True)
class Fact:
    """Sentences of several articles that say one thing.

    ``members`` are story sentence indexes, one per article at most;
    ``representative`` the one that words it best; ``support`` the number
    of units (outlets, near-copies counted once) that carry it.
    """

    members: tuple[int, ...]
    representative: int
    support: int
    centrality: float


def _best_matches(view: StoryView, index: int, used: np.ndarray) -> list[tuple[int, float]]:
    """Return, per other article, its unused sentence closest to ``index`` among those that report its fact."""
    own = view.sentences[index].article
    row = np.where(used | ~view.aligned[index], 0.0, view.similarity[index])
    starts = view.nonempty_starts
    maxima = np.maximum.reduceat(row, starts) if len(starts) else np.zeros(0)
    matches = []
    for k in np.flatnonzero(maxima >= ALIGN_THRESHOLD):
        article = view.nonempty_articles[k]
        if article == own:
            continue
        low, high = view.ranges[article]
        best = low + int(row[low:high].argmax())
        matches.append((best, float(row[best])))
    return matches


def _group(view: StoryView, index: int, used: np.ndarray) -> tuple[list[int], int, float]:
    matches = _best_matches(view, index, used)
    members = [index] + [m for m, _ in matches]
    support = len({view.units[view.sentences[m].article] for m in members})
    strength = float(view.centrality[index]) + sum(s for _, s in matches) / max(1, len(matches))
    return members, support, strength


def _vouched(view: StoryView, members: Sequence[int]) -> list[int]:
    """Return the members that every other member reports the fact of (``StoryView.aligned``).

    A fact's members are the best matches of the sentence it grew from, not
    of each other: told in the words of a member that another member does
    not align with, the fact would credit that member's outlet with a
    statement it did not make.  The sentence a fact grew from is always one.
    """
    return [m for m in members if all(view.aligned[m, o] for o in members if o != m)]


def _representative(view: StoryView, members: Sequence[int], among: Sequence[int] | None = None) -> int:
    """Return the member that says the fact best: central, close to the others, not long.

    With ``among``, only those members may be chosen (closeness is still to all members).
    """
    best, best_score = members[0], -math.inf
    for member in members if among is None else among:
        sentence = view.sentences[member]
        if not sentence.is_statement:
            continue
        others = [view.similarity[member, m] for m in members if m != member]
        closeness = sum(others) / len(others) if others else 0.0
        length_penalty = 0.006 * max(0, sentence.word_count - 30)
        score = closeness + 0.5 * _standalone(view, member) - length_penalty
        if score > best_score + 1e-9:
            best, best_score = member, score
    return best


def _standalone(view: StoryView, index: int) -> float:
    """Return a sentence's centrality, less a penalty when it cannot stand alone."""
    penalty = DEPENDENT_PENALTY if view.sentences[index].is_dependent else 0.0
    return float(view.centrality[index]) - penalty


def find_facts(view: StoryView) -> list[Fact]:
    """Return the facts several units carry, best-supported first, then most central.

    Greedy: the statement whose group of best matches spans the most units
    (then the most central one) forms a fact, its sentences are used up, and
    the others' groups are recomputed lazily.
    """
    n = len(view.sentences)
    used = np.zeros(n, dtype=bool)
    heap: list[tuple[int, float, int]] = []
    for sentence in view.sentences:
        if not sentence.is_statement:
            continue
        _, support, strength = _group(view, sentence.index, used)
        if support >= 2:
            heap.append((-support, -round(strength, 6), sentence.index))
    heapq.heapify(heap)
    facts: list[Fact] = []
    while heap:
        negative_support, negative_strength, index = heapq.heappop(heap)
        if used[index]:
            continue
        members, support, strength = _group(view, index, used)
        if support < 2:
            continue
        key = (-support, -round(strength, 6), index)
        if key > (negative_support, negative_strength, index):
            heapq.heappush(heap, key)
            continue
        members = sorted(members, key=lambda m: view.sentences[m].article)
        used[members] = True
        representative = _representative(view, members, _vouched(view, members) or [index])
        centrality = float(np.mean(view.centrality[members]))
        facts.append(Fact(tuple(members), representative, support, centrality))
    facts.sort(key=lambda f: (-f.support, -round(f.centrality, 6), f.members[0]))
    return facts


def _point(
    view: StoryView, members: Sequence[int], representative: int, score: float, run: tuple[int, int] | None = None
) -> Point:
    """Return a point told in the words of ``representative``, shown alone: without a
    dateline, teaser phrase or leading connective (``trim.shown_part``); its first
    evidence span is exactly the words shown.

    With ``run`` (the first and last sentences of one paragraph around
    ``representative``), the words shown run from the first sentence's to the
    last one's, one span of the article."""
    first, last = run if run is not None else (representative, representative)
    ordered = [representative] + [m for m in members if m != representative]
    outlets = tuple(dict.fromkeys(view.outlets[view.sentences[m].article] for m in sorted(
        members, key=lambda m: view.sentences[m].article)))
    start = view.evidence(first).start + shown_part(view.text(first), is_alone=True)[0]
    end = view.evidence(last).start + shown_part(view.text(last), is_alone=True)[1]
    shown = Evidence(view.evidence(first).article, start, end)
    text = view.articles[view.sentences[first].article].text
    return Point(
        text=text[start:end],
        sources=outlets,
        evidence=(shown, *(view.evidence(m) for m in ordered[1:])),
        score=round(score, 4),
    )


def _copies(view: StoryView, index: int) -> list[int]:
    """Return ``index`` and its closest sentences in the other articles of its unit that report its fact."""
    own = view.sentences[index].article
    unit = view.units[own]
    members = [index]
    row = np.where(view.aligned[index], view.similarity[index], 0.0)
    for article in [a for a, u in enumerate(view.units) if u == unit and a != own]:
        low, high = view.ranges[article]
        if high == low:
            continue
        best = low + int(row[low:high].argmax())
        if row[best] >= ALIGN_THRESHOLD:
            members.append(best)
    return members


def key_points(
    view: StoryView,
    facts: Sequence[Fact],
    max_points: int,
    needs_context: Callable[[int], bool] | None = None,
    widen: Callable[[int], tuple[int, int] | None] | None = None,
) -> list[Point]:
    """Return up to ``max_points`` key points: facts by support, then centrality; no two alike.

    A story with a single unit has nothing to align: its key points are
    that unit's most central statements.  With ``needs_context`` (whether a
    sentence cannot be read on its own: the middle of a quotation, "...,
    he said.", the first words of a quotation whose speaker comes later), a
    point whose wording needs it is told in the words of a member that does
    not, when it has one.  A fact several units carry with no such member
    is shown with the sentences one of its wordings leans on, when ``widen``
    (``standalone.standing_run``) finds a run of them that reads on its own
    ("The home ... was the backdrop in early episodes of the show. It has
    four floors and six fireplaces."); else it is left out (a speaker's
    words are shown with their speaker among the quotes).
    """
    chosen: list[int] = []  # the sentences of the points so far and of their members
    points: list[Point] = []
    is_single = len(set(view.units)) == 1
    if is_single:
        order = sorted(
            (s.index for s in view.sentences if s.is_statement),
            key=lambda i: (-round(_standalone(view, i), 6), i),
        )
        candidates = [_Candidate(i, _copies(view, i), float(view.centrality[i]), 1) for i in order]
    else:
        candidates = [_Candidate(f.representative, list(f.members), f.centrality, f.support) for f in facts]
    k = 0
    while k < len(candidates) and len(points) < max_points:
        candidate = candidates[k]
        k += 1
        representative, members, run = candidate.representative, candidate.members, candidate.run
        if needs_context is not None and not candidate.is_worded and needs_context(representative):
            statements = [m for m in members if view.sentences[m].is_statement]
            alone = [m for m in statements if not needs_context(m)]
            runs = {}
            if not alone and widen is not None and not is_single:
                # The next statement of a single unit serves as well as one shown with its neighbours.
                runs = {m: r for m in statements if (r := widen(m)) is not None}
                alone = list(runs)
            if not alone:
                continue  # a speaker's words out of their quotation, a "he" with no one before: no point
            representative = _representative(view, alone, [m for m in _vouched(view, members) if m in alone] or alone)
            run = runs.get(representative)
            # Only the members that report what the new wording says are credited with it.
            members = [m for m in members if m == representative or view.aligned[representative, m]]
            if not is_single:
                support = len({view.units[view.sentences[m].article] for m in members})
                if support < 2:
                    continue
                if support < candidate.support:  # fewer units carry these words: ranked among facts of their support
                    worded = _Candidate(representative, members, candidate.centrality, support, run, is_worded=True)
                    later = [j for j in range(k, len(candidates)) if candidates[j].rank > worded.rank]
                    candidates.insert(later[0] if later else len(candidates), worded)
                    continue
        shown = range(run[0], run[1] + 1) if run is not None else [representative]
        if any(i in chosen for i in shown) or any(_similar(view, i, c) for i in shown for c in chosen):
            continue  # two facts of one quotation shown with its other sentences show one run
        chosen.extend(members)
        chosen.extend(shown)
        points.append(_point(view, members, representative, candidate.centrality, run))
    return points


@dataclass(slots=True)
class _Candidate:
    """A fact that may become a key point: the sentence that words it, its members, how many units carry it.

    ``is_worded``: its wording was already chosen to stand alone (``run``: the
    sentences shown with it), so it is not chosen again.
    """

    representative: int
    members: list[int]
    centrality: float
    support: int
    run: tuple[int, int] | None = None
    is_worded: bool = False

    @property
    def rank(self) -> tuple[int, float]:
        """The order of facts: most units first, then most central (``find_facts``)."""
        return (-self.support, -round(self.centrality, 6))


def _similar(view: StoryView, a: int, b: int) -> bool:
    return bool(view.similarity[a, b] >= REDUNDANT_THRESHOLD)


def unique_points(
    view: StoryView, facts: Sequence[Fact], per_outlet: int, needs_context: Callable[[int], bool] | None = None
) -> list[Point]:
    """Return what only one unit reports: up to ``per_outlet`` most central statements per outlet.

    A statement is unique when no sentence of another unit comes within
    ``UNIQUE_THRESHOLD`` of it.  Outlets come in story order.  With
    ``needs_context`` (as for ``key_points``), a statement that cannot be
    read on its own is not one.
    """
    if len(set(view.units)) < 2 or per_outlet <= 0:
        return []
    in_facts = {m for f in facts for m in f.members}
    n = len(view.sentences)
    unit_of = np.fromiter((view.units[s.article] for s in view.sentences), dtype=np.int32, count=n)
    by_outlet: dict[str, list[int]] = {}
    for sentence in view.sentences:
        index = sentence.index
        if not sentence.is_statement or index in in_facts:
            continue
        other = unit_of != unit_of[index]
        if other.any() and float(view.similarity[index][other].max()) >= UNIQUE_THRESHOLD:
            continue
        by_outlet.setdefault(view.outlets[sentence.article], []).append(index)
    points: list[Point] = []
    covered: set[int] = set()  # sentences already shown, with their near-copies
    for outlet in dict.fromkeys(view.outlets):
        candidates = sorted(by_outlet.get(outlet, []), key=lambda i: (-round(_standalone(view, i), 6), i))
        chosen: list[int] = []
        for index in candidates:
            if len(chosen) >= per_outlet:
                break
            if index in covered or any(_similar(view, index, c) for c in chosen):
                continue
            if needs_context is not None and needs_context(index):
                continue
            chosen.append(index)
            members = _copies(view, index)
            covered.update(members)
            points.append(_point(view, members, index, float(view.centrality[index])))
    return points
