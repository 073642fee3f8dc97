"""The summary: source sentences that fill a word budget, by support, centrality and novelty.

A sentence is shown without a dateline or teaser phrase at its ends
("WASHINGTON (Reuters) -", "(Scroll down for video)"; ``trim.shown_part``)
and, when the sentence before it in its article is not shown right before it,
without a leading connective ("However, "); what is left is one span of the
source, and the choice prices that span, not the whole sentence.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import AbstractSet, Callable, Sequence

import numpy as np
from scipy import sparse

from newsfuse.brief._tokens import ends_like_sentence, stem
from newsfuse.brief.align import DEPENDENT_PENALTY, StoryView
from newsfuse.brief.standalone import MAX_PULLED_SENTENCES, continues_quotation, needs_following
from newsfuse.brief.trim import shown_part, trim_sentence
from newsfuse.models import Evidence
from newsfuse.text import STOPWORDS, count_words, fold, word_spans, words

__all__ = [
    "Summarizer",
    "addresses_reader",
    "build_summary",
    "covered_weights",
    "is_boilerplate",
    "is_caption",
    "sentences_leaned_on",
    "summarizer",
    "trim_to_words",
]

# Score of a sentence = centrality (TF-IDF cosine to the story centroid, with
# align.LEAD_BONUS) + SUPPORT_WEIGHT x the share of the *other* units (outlets,
# near-copies counted once) that carry a sentence reporting its fact
# (``StoryView.aligned``, as the key points count support).
# Sentences are chosen greedily by value per word: (score - REDUNDANCY_WEIGHT x
# the highest similarity to a sentence already chosen + CONCEPT_WEIGHT x the
# share of the story's concept weight it newly covers) / words.  One at or
# above REDUNDANT_SIMILARITY to a chosen sentence repeats it and is skipped.
# Round values checked with ``newsfuse eval summary`` on the Multi-News sample
# at 230 and 60 words (the result is flat within ~0.3 ROUGE around them:
# CONCEPT_WEIGHT 10-100, SUPPORT_WEIGHT 0-1, a cost of words**0.5 to words,
# position priors, a centrality floor: docs/history.md); re-run both after
# a change.
SUPPORT_WEIGHT = 0.3
CONCEPT_WEIGHT = 30.0
REDUNDANCY_WEIGHT = 0.5
REDUNDANT_SIMILARITY = 0.5
# Trimming a sentence (dateline, teaser, leading connective) was measured on
# the Multi-News sample: ROUGE moves by 0.2 at most at 230 and 60 words, as
# does dropping leading time phrases ("On Tuesday, "), "According to X, "
# and trailing attributions (", police said."), which also leave a sentence
# without its full stop; only datelines, teasers and connectives go, for
# readability (docs/history.md).
# The greedy choice looks at the best-scored sentences only, so that a story of
# thousands of sentences stays fast (a summary holds a dozen at most).
MAX_CANDIDATES = 300
# Words seen in stories map to small integer ids (of their folded stem); the
# table is shared by the stories of a process (threads take turns) and
# emptied beyond this size.
MAX_TOKEN_IDS = 500_000

# Photo captions and credits: "FILE - In this Jan. 14, 2013 file photo, ...",
# "| AP Photo", "(Photo: ...)", "Enlarge Image Close Getty Images ...".
_CAPTION = re.compile(
    r"^\W*FILE\s*[-–—]|\bfile photo\b|\|\s*(?:AP|Getty|Reuters|AFP)\b|\((?:Photo|Image|Credit)s?\s*:"
    r"|\b(?:AP|AFP|Reuters|Getty) Photo\b|\bPhoto(?:graph)?(?: by|:)|\bImage (?:caption|copyright)\b"
    r"|\bEnlarge (?:Image|this image)\b|\bClose Getty Images\b|\bGetty Images\b|\b(?-i:REUTERS)/[A-Z]"
    # a wire photo's caption: what is in the picture, then where and the date it was taken
    # ("The U.S. Capitol building is seen before ... in Washington January 20, 2015.")
    r"|\b(?:is|are) (?:seen|pictured|shown|photographed)\b.{0,250}?\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"[a-z]*\.? \d{1,2}, (?:19|20)\d{2}\.?\s*$"
    # an AP caption ends with where, then the weekday and full date after a comma: "…at
    # Midway airport in Chicago, Thursday, Dec. 20, 2012." (19 of 42,844 dev sentences, all
    # captions or a page's "Published …, Monday, September 16, 2013")
    r"|,\s(?:mon|tues|wednes|thurs|fri|satur|sun)day,\s(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"\s\d{1,2},\s(?:19|20)\d{2}\.?\)?\s*$"
    # where a named person stands in the picture: "Megan Rapinoe, front, fends off...",
    # "Clark Gable, left, appears...", "Liberty German (left) and..." (not "Oh, right, ...")
    r"|(?-i:(?<=[a-z.]) [A-Z][\w'’.-]+(?:,|\s\()\s?(?:left|right|center|centre|front|rear|top|bottom"
    r"|(?:second|third|fourth) from (?:left|right))(?:,|\)))"
    # the same by a wire's letter: "Zainab al-Khawaja (L) is greeted by ...", "Bernard Cazeneuve (C)"
    # ("(R)" after a name is mostly a Republican: "Gov. Mike Pence (R) signed ...")
    r"|(?-i:(?<=[a-z.]) [A-Z][\w'’.-]+(?: [\w'’.-]+)? \((?:L|C|L-R)\)(?=[ ,]))"
    # a caption told as a sentence: "This undated photo provided by Husky Homestead shows Banjo...",
    # "A file image from the Galileo spacecraft shows..." (8 sentences of the Multi-News sample
    # and PolNeAR dev, every one a picture's caption)
    r"|^\W*(?:an?|this|the)\s+(?:[\w-]+\s+){0,2}(?:image|photo(?:graph)?|picture|screenshot|screen\s?grab)"
    r"\s+(?:\S+\s+){0,12}?(?:shows|showing)\b",
    re.IGNORECASE,
)
# Every caption pattern holds one of these, in lower case: a cheap test first.
_CAPTION_HINTS = (
    "file", "|", "photo", "image", "credit", "getty", "left", "right", "center", "centre", "front", "rear", "top",
    "bottom", "reuters/", "seen", "pictured", "shown", "photographed", "day, ", "(l)", "(c)", "(l-r)",
)

# Page furniture that reads like a sentence: newsletter and subscription
# prompts, "For more on ...", "... contributed to this report", correction
# notes.  Written by reading the statements of the Multi-News sample that
# match (45 of 16,960; a false hit, "a scientific newsletter that he
# writes", led to asking for sign-up wording around "newsletter").
_BOILERPLATE = re.compile(
    r"\b(?:click here|newsletter sign up|sign up (?:for our|to receive)|by signing up|subscribe (?:to|today|now)\b"
    r"|(?:select|receive) .{0,20}newsletter|follow (?:us|him|her|them) on|all rights reserved"
    r"|please (?:consult|visit|click)|for more (?:information |coverage )?(?:on|about)\b|contributed to this report"
    r"|(?:this|the) (?:story|article|post|report) (?:has been|was) (?:updated|corrected|edited)|terms of (?:use|service)"
    r"|^\W*we(?:['’]ve| have) added .{0,40}\bto (?:this|the) (?:story|article|post|report)\b"
    r"|privacy policy"
    r"|(?:this|the) (?:story|article|post|page) (?:will|may) be updated|check back (?:for|later)"
    r"|(?:updates|more (?:details|information)) will be (?:provided|posted|added|released) as"
    r"|this is a (?:developing|breaking)(?: news)? story|viewer discretion|^\W*warning\s*:"
    r"|^\W*download (?:the|our) .{0,40}\bapps?\b"
    r"|(?:some|viewers|readers|people) (?:may|might) find (?:it |them |this |these |the \w+ )?"
    r"(?:offensive|disturbing|upsetting|distressing)"
    # a teaser for the page's explainer: "Here's what you need to know about him."
    r"|^\W*here(?:['’]s| is| are)\s+(?:what|everything|all)\s+(?:you|we)\s+(?:need|should|want)\s+to\s+know\b"
    # a disclaimer: "The views expressed by this author are their own and are not the views of
    # The Hill", a map's "... do not imply the expression of any opinion whatsoever on the part of ..."
    r"|^\W*(?:the )?(?:views|opinions) expressed\b.{0,80}\b(?:(?:are|is) (?:solely |entirely )?"
    r"(?:their|his|her|its|the author['’]s|those of)|(?:do|does) not (?:necessarily )?(?:reflect|represent))"
    r"|\bdo(?:es)? not imply the expression of any opinion)",
    re.IGNORECASE,
)
# The page's own words to its reader: sign-up forms, account prompts, a
# captcha, an invitation to comment.  Counted only where the sentence speaks
# to the reader outside quotation marks (``addresses_reader``), so a speaker
# quoted saying "if you have any questions" stays news.
_TO_READER_FURNITURE = re.compile(
    r"\b(?:unsubscribe at any time|join our mailing list|fill in your (?:contact )?details"
    r"|if you have any questions|(?:log|sign) ?(?:in|into|in to) your account|enter the characters"
    r"|(?:thoughts|views|opinions)\b.{0,40}\bin the comments|opt[- ]?out at any time)",
    re.IGNORECASE,
)
_BOILERPLATE_HINTS = (
    "click", "newsletter", "sign", "subscribe", "follow", "reserved", "please", "for more", "contributed",
    "updated", "corrected", "terms of", "privacy", "check back", "will be", "developing", "breaking",
    "discretion", "warning", "may find", "might find", "download", "edited", "added", "to know", "expressed",
    "imply",
)
_TO_READER_HINTS = ("subscribe", "mailing list", "fill in", "questions", "account", "characters", "comments", "opt")

# A sentence cut to fit the budget ends at a clause boundary when one falls
# in the last half of the budget; otherwise at a word boundary.
_CLAUSE_BREAK = re.compile(r"[,;:]\s|\s[—–-]\s|—")
_TRAILING = " ,;:—–-\u00a0"


def is_caption(text: str) -> bool:
    """Return whether a sentence is a photo caption or credit rather than news.

    Example:
        >>> is_caption("FILE - In this Jan. 14, 2013 file photo, a singer poses for a portrait.")
        True
        >>> is_caption("The council approved the budget on Tuesday.")
        False
        >>> is_caption("The U.S. Capitol is seen before the president arrives in Washington January 20, 2015.")
        True
        >>> is_caption("The footage was shown at the trial of two men charged with killing her on Oct. 21, 2011.")
        False
        >>> is_caption("A passenger talks on her phone at Midway airport in Chicago, Thursday, Dec. 20, 2012.")
        True
        >>> is_caption("The vote is set for Tuesday, Dec. 20, and the count for the day after.")
        False
    """
    lowered = text.lower()
    return any(hint in lowered for hint in _CAPTION_HINTS) and bool(_CAPTION.search(text))


# The credit inside a caption: who took the picture or supplied it, not who is in it.
# "(AP Photo/Charlie Neibergall, File)", "REUTERS/Stringer", "Tom Williams/Getty Images",
# "Photo by Win McNamee/Getty Images", "(Photo: Susan Walsh, AP)", "Photograph: Jiji Press/AFP",
# the "FILE" that opens an AP caption.  "Photos:" (a gallery's label) credits nobody.
_CREDIT = re.compile(
    r"\([^()]{0,80}?\b(?:Photo|Image|Credit|AP|AFP|Reuters|REUTERS|Getty|Associated Press)\b[^()]{0,80}\)"
    r"|\b(?:AP|AFP|Reuters|REUTERS|Getty)(?:\s+(?:Photo|Images))?\s*/"
    r"\s*[A-Z][\w.'’&-]*(?:[ \t]+[A-Z][\w.'’&-]*){0,3}"  # the photographer's name: up to four capitalised words
    r"|\bPhoto(?:graph)?(?:er)?\s*(?:by\s*:?|:)\s*[^.;()|\]]{1,60}?(?=\s*(?:[)\]|]|\.?\s*$))"
    r"|[\w .'’-]{1,60}/\s*(?:Getty Images|AFP|AP|Reuters|REUTERS)\b"
    r"|\bGetty Images\b|\bFILE\b|\bFile\b(?=\s+(?:photo|-|–|—))"
)


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of a caption's photo credits.

    Example:
        >>> text = "Rep. Jackie Speier will host a reading. (AP Photo/Cathleen Allison, File)"
        >>> [text[a:b] for a, b in credit_spans(text)]
        ['(AP Photo/Cathleen Allison, File)']
    """
    return [match.span() for match in _CREDIT.finditer(text)]


# A sentence that speaks to its reader: "you" outside quotation marks, or a
# command ("Don't be too passive", "Imagine...").  News tells of others; a
# horoscope, an advice column or a blog's aside speaks to "you".
_QUOTATION = re.compile(r"“[^“”]*”|\"[^\"]*\"")
_TO_READER = re.compile(r"\b(?:you|your|yours|yourself|you['’](?:re|ll|ve|d))\b", re.IGNORECASE)
_COMMAND = re.compile(
    r"^\W*(?:don['’]t|do not|download|click|tap|subscribe|sign up|follow|share|imagine|remember|consider)\b",
    re.IGNORECASE,
)


def addresses_reader(text: str) -> bool:
    """Return whether a sentence speaks to its reader rather than of the news ("you", a command).

    Words in quotation marks are a speaker's and do not count.

    Example:
        >>> addresses_reader("Don't be too passive though.")
        True
        >>> addresses_reader('"You will pay for this," the mayor told the council.')
        False
    """
    outside = _QUOTATION.sub(" ", text)
    opening = min((k for k in (outside.find("“"), outside.find('"')) if k >= 0), default=len(outside))
    outside = outside[:opening]  # a quotation left open runs to the end
    return bool(_TO_READER.search(outside) or _COMMAND.match(outside))


def is_boilerplate(text: str) -> bool:
    """Return whether a sentence is page furniture: a sign-up prompt, a credit line, a correction note.

    Also the notes around a story rather than in it: a promise of updates
    ("Updates will be provided as they become available.", "This is a
    developing story.") and a content warning ("WARNING: The video contains
    subject matter of a graphic nature").  And the page speaking to its
    reader outside quotation marks: "You can unsubscribe at any time.",
    "...log into your account...", "share your thoughts in the comments".

    Example:
        >>> is_boilerplate("AP writer Amy Forliti in Minneapolis contributed to this report.")
        True
        >>> is_boilerplate("The Mercers read a scientific newsletter that he writes.")
        False
    """
    lowered = text.lower()
    if any(hint in lowered for hint in _BOILERPLATE_HINTS) and _BOILERPLATE.search(text):
        return True
    return (
        any(hint in lowered for hint in _TO_READER_HINTS)
        and bool(_TO_READER_FURNITURE.search(text))
        and addresses_reader(text)
    )


def trim_to_words(text: str, budget: int) -> int:
    """Return where to cut ``text`` so that ``text[:cut]`` has at most ``budget`` words.

    The cut falls at the last clause boundary (comma, semicolon, dash) in the
    second half of the budget, else after the last whole word; trailing
    punctuation is left out.  Nothing is added: the caller may show "…".

    Example:
        >>> text = "Putin proposed talks, the Kremlin said, and Kyiv answered with caution today."
        >>> text[: trim_to_words(text, 8)]
        'Putin proposed talks, the Kremlin said'
    """
    spans = word_spans(text)
    if len(spans) <= budget:
        return len(text.rstrip())
    if budget <= 0:
        return 0
    limit = spans[budget - 1][1]
    half = spans[max(0, budget // 2 - 1)][1]
    cut = limit
    for match in _CLAUSE_BREAK.finditer(text, 0, limit + 1):
        if half <= match.start() <= limit:
            cut = match.start()
    while cut > 0 and text[cut - 1] in _TRAILING:
        cut -= 1
    return cut


class _TokenIds(dict):
    """Map a word to the id of its folded stem; ``stop[id]`` says whether that form is a stop word."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: dict[tuple[str, bool], int] = {}
        self.stop: list[bool] = []

    def __missing__(self, word: str) -> int:
        folded = fold(word)
        form = (stem(folded), folded in STOPWORDS)
        index = self.forms.get(form)
        if index is None:
            index = self.forms[form] = len(self.stop)
            self.stop.append(form[1])
        self[word] = index
        return index

    def reset_if_full(self) -> None:
        """Empty the table when it holds more than ``MAX_TOKEN_IDS`` words (between stories only)."""
        if len(self) > MAX_TOKEN_IDS:
            self.clear()
            self.forms.clear()
            self.stop.clear()


_TOKEN_IDS = _TokenIds()
_TOKEN_LOCK = threading.Lock()


def _unit_of(view: StoryView) -> np.ndarray:
    """Return the support unit of every story sentence."""
    n = len(view.sentences)
    return np.fromiter((view.units[s.article] for s in view.sentences), dtype=np.int64, count=n)


def _support(view: StoryView, unit_of: np.ndarray) -> np.ndarray:
    """Return per sentence the share of the other units that carry a sentence reporting its fact (0..1)."""
    n = len(view.sentences)
    unit_count = int(unit_of.max()) + 1 if n else 0
    if unit_count < 2:
        return np.zeros(n, dtype=np.float32)
    close = view.aligned
    carried = np.zeros(n, dtype=np.float32)
    for unit in range(unit_count):
        members = unit_of == unit
        carried += ~members & close[:, members].any(axis=1)
    return carried / (unit_count - 1)


def _word_pairs(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Return the word pairs of ``texts`` as (the text holding it, pair code), both in text order.

    A pair is two adjacent stemmed words of one text, not both stop words;
    codes are comparable within one call only (the word table is shared).
    """
    tokens: list[int] = []
    lengths = np.zeros(len(texts), dtype=np.int64)
    with _TOKEN_LOCK:
        ids = _TOKEN_IDS
        ids.reset_if_full()
        for k, text in enumerate(texts):
            found = words(text)
            tokens.extend(map(ids.__getitem__, found))
            lengths[k] = len(found)
        is_stop = np.asarray(ids.stop, dtype=bool)
    token = np.asarray(tokens, dtype=np.int64)
    owner = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    stop = is_stop[token]
    pair = (owner[:-1] == owner[1:]) & ~(stop[:-1] & stop[1:])
    return owner[:-1][pair], token[:-1][pair] * max(1, len(is_stop)) + token[1:][pair]


def _weighted(
    owner: np.ndarray, codes: np.ndarray, unit_of: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return the distinct concepts (sorted codes), each (sentence, concept) held once, and the weights.

    ``owner`` gives the story sentence of each pair in ``codes``; the weight
    is as ``_concepts`` describes.
    """
    concepts, column = np.unique(codes, return_inverse=True)
    size = len(concepts)
    held = np.unique(owner * size + column)  # (sentence, concept), each once
    rows, column = held // size, held % size
    if len(unit_of) and int(unit_of.max()) > 0:
        used = np.unique(unit_of[rows] * size + column) % size  # (unit, concept), each once
        weights = np.bincount(used, minlength=size).astype(np.float64)
    else:
        weights = np.bincount(column, minlength=size).astype(np.float64)
    weights[weights < 2] = 0.0
    return concepts, rows, column, weights


def _concepts(
    view: StoryView, unit_of: np.ndarray, shown: dict[int, tuple[int, int]] | None = None
) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Return which concepts each sentence holds (sentences x concepts, 0/1) and each concept's weight.

    A concept is a pair of adjacent stemmed words, not both stop words
    (Gillick and Favre 2009); its weight is the number of units that use it.
    A concept one unit alone uses weighs nothing, except in a one-unit story,
    where it weighs the number of sentences that use it (if two or more).
    A sentence in ``shown`` counts only the words of its ``(start, end)``.
    """
    shown = shown or {}
    n = len(view.sentences)
    texts = [s.sentence.text[slice(*shown[k])] if k in shown else s.sentence.text for k, s in enumerate(view.sentences)]
    owner, codes = _word_pairs(texts)
    if not len(codes):
        return sparse.csr_matrix((n, 0)), np.zeros(0)
    concepts, rows, column, weights = _weighted(owner, codes, unit_of)
    holds = sparse.csr_matrix((np.ones(len(rows)), (rows, column)), shape=(n, len(concepts)))
    return holds, weights


def covered_weights(view: StoryView, choices: Sequence[Sequence[str]]) -> list[float]:
    """Return for each choice of texts the weight of the story's concepts its words cover, each once.

    The concepts and weights are the summary's (``_concepts``, on whole
    sentences): word pairs that several outlets use weigh most.  The body
    of an article prices its candidates so.
    """
    n = len(view.sentences)
    texts = [s.sentence.text for s in view.sentences] + [text for choice in choices for text in choice]
    group = np.repeat(np.arange(len(choices), dtype=np.int64), [len(choice) for choice in choices])
    owner, codes = _word_pairs(texts)
    in_story = owner < n
    if not in_story.any():
        return [0.0] * len(choices)
    concepts, _, _, weights = _weighted(owner[in_story], codes[in_story], _unit_of(view))
    place = np.searchsorted(concepts, codes[~in_story])
    found = place < len(concepts)
    found[found] = concepts[place[found]] == codes[~in_story][found]
    held = np.unique(group[owner[~in_story][found] - n] * len(concepts) + place[found])  # (choice, concept) once
    totals = np.bincount(held // len(concepts), weights=weights[held % len(concepts)], minlength=len(choices))
    return [float(total) for total in totals]


def _candidates(view: StoryView) -> list[int]:
    """Return the sentences a summary may use: statements that are not captions or page furniture.

    When a story has no such statement, any sentence with words that is not
    a caption may be used.
    """
    statements = [
        s.index
        for s in view.sentences
        if s.is_statement and not is_caption(s.sentence.text) and not is_boilerplate(s.sentence.text)
    ]
    if statements:
        return statements
    return [s.index for s in view.sentences if s.word_count > 0 and not is_caption(s.sentence.text)]


# A story's summary at any budget: ``summarizer``.
Summarizer = Callable[[int], tuple[str, tuple[Evidence, ...]]]


@dataclass(frozen=True, slots=True)
class _Pool:
    """What the greedy choice needs of a story, whatever the budget: see ``summarizer``."""

    index: np.ndarray  # the candidate sentences, in story order
    score: np.ndarray  # centrality + support - dependence, per candidate
    holds: sparse.csr_matrix  # candidates x concepts, 0/1
    weights: np.ndarray  # per concept
    counts: np.ndarray  # words shown, per candidate
    # With ``stand_alone`` (``_leaning``), per candidate: the sentences before it
    # that it is shown after (none: it reads alone; ``None``: it cannot be shown)
    # and whether it reads only right before the sentence after it; and the
    # words of each sentence so brought in.
    pulled: tuple[tuple[int, ...] | None, ...] | None = None
    needs_after: np.ndarray | None = None
    pulled_words: dict[int, int] = field(default_factory=dict)


def _leaning(
    view: StoryView, index: np.ndarray
) -> tuple[tuple[tuple[int, ...] | None, ...], np.ndarray, dict[int, int]]:
    """Return, per candidate, the sentences before it to show with it and whether it leans on the one after it.

    A sentence that goes on with a quotation opened before it
    (``continues_quotation``: the middle or the end of a speaker's words)
    brings in the sentence before it, and so on back to the one that opens
    the quotation, at most ``MAX_PULLED_SENTENCES`` (the article body's
    reach), none of them a caption or page furniture; else it is not shown
    (``None``).  One that opens a quotation it does not close, lies in one
    that goes on after it, or ends on a colon (``needs_following``) is shown
    only right before the sentence after it.  The words of a sentence brought in are counted untrimmed but
    for a dateline or teaser (``trim_sentence``), as it may be shown.

    A "he" or a "But" that leans on the sentence before is left to the
    score's ``DEPENDENT_PENALTY``: bringing in the sentence before such ones
    too (``needs_previous``) cost 0.37 ROUGE-1 and 0.38 ROUGE-2 at 230 words
    and 0.47/0.45 at 60 on the Multi-News sample (paired 95% intervals
    clear of zero), pricing the pair inside the choice more
    (docs/history.md); quotations cost nothing (+0.09/+0.17 at 230,
    -0.01/-0.07 at 60).
    """

    def leans(i: int) -> bool:
        text = view.text(i)
        return continues_quotation(view, i, text[slice(*shown_part(text, is_alone=True))])

    pulled: list[tuple[int, ...] | None] = []
    after = np.zeros(len(index), dtype=bool)
    words_of: dict[int, int] = {}
    for k, i in enumerate(int(i) for i in index):
        text = view.text(i)
        after[k] = needs_following(view, i, text[slice(*shown_part(text, is_alone=True))])
        before = sentences_leaned_on(view, i, leans)
        for j in before or ():
            words_of[j] = count_words(view.text(j)[slice(*trim_sentence(view.text(j)))])
        pulled.append(None if before is None else tuple(reversed(before)))
    return tuple(pulled), after, words_of


def sentences_leaned_on(
    view: StoryView,
    index: int,
    leans: Callable[[int], bool],
    selected: AbstractSet[int] = frozenset(),
    limit: int = MAX_PULLED_SENTENCES,
) -> list[int] | None:
    """Return the sentences before ``index`` it must be shown after, nearest first ([] if none; ``None``: not shown).

    Walks back through its article while the sentence reached ``leans`` on
    the one before it, stopping at one already ``selected``; gives up past
    ``limit`` sentences, at the article's start, or at a photo caption,
    page furniture or a line that does not end as a sentence does (a
    heading, a bracketed link line: never brought in).  The summary and the article body
    (``article._pull``) both walk so.
    """
    article = view.sentences[index].article
    pulled: list[int] = []
    current = index
    while leans(current):
        previous = current - 1
        if previous < 0 or view.sentences[previous].article != article:
            return None
        if previous in selected:
            return pulled
        text = view.text(previous)
        if len(pulled) >= limit or is_caption(text) or is_boilerplate(text) or not ends_like_sentence(text):
            return None
        pulled.append(previous)
        current = previous
    return pulled


def _pool(view: StoryView, trim: bool, stand_alone: bool = False) -> _Pool | None:
    """Return the candidates with their scores, concepts and words (``None`` when there are none)."""
    candidates = _candidates(view)
    if not candidates:
        return None
    unit_of = _unit_of(view)
    index = np.asarray(candidates, dtype=np.intp)
    dependent = np.fromiter((view.sentences[i].is_dependent for i in candidates), dtype=bool, count=len(index))
    support = _support(view, unit_of)[index].astype(np.float64)
    score = view.centrality[index].astype(np.float64) + SUPPORT_WEIGHT * support - DEPENDENT_PENALTY * dependent
    if len(index) > MAX_CANDIDATES:
        best_first = np.lexsort((index, -np.round(score, 6)))[:MAX_CANDIDATES]
        best_first.sort()
        index, score = index[best_first], score[best_first]
    shown = {int(i): shown_part(view.text(int(i))) for i in index} if trim else {}
    holds, weights = _concepts(view, unit_of, shown)
    counts = np.fromiter((view.sentences[i].word_count for i in index), dtype=np.int64, count=len(index))
    for k, i in enumerate(index):
        part = shown.get(int(i))
        if part and part != (0, len(view.text(int(i)).rstrip())):
            counts[k] = count_words(view.text(int(i))[slice(*part)])
    if not stand_alone:
        return _Pool(index, score, holds[index], weights, counts)
    return _Pool(index, score, holds[index], weights, counts, *_leaning(view, index))


def _greedy(view: StoryView, pool: _Pool, budget_words: int) -> list[int]:
    """Return the sentences chosen within ``budget_words``, in the order chosen.

    With the pool's ``pulled`` (``stand_alone``), a sentence comes with the
    sentences before it that it leans on (chosen by its own value, their words
    counted against the budget), and one that leans on the sentence after it
    only once that one is chosen.
    """
    index, score, holds, counts = pool.index, pool.score, pool.holds, pool.counts
    total = float(pool.weights.sum()) or 1.0
    uncovered = pool.weights.copy()  # the weight of each concept not yet covered
    cost = np.maximum(1, counts).astype(np.float64)
    closest = np.zeros(len(index))  # highest similarity to a chosen sentence
    left = np.ones(len(index), dtype=bool)
    chosen: list[int] = []
    remaining = budget_words
    pulled, needs_after = pool.pulled, pool.needs_after
    position = {int(i): k for k, i in enumerate(index)}
    is_chosen = np.zeros(len(view.sentences) + 1, dtype=bool)  # one more: "the sentence after" the last
    if pulled is not None and needs_after is not None:
        left &= np.fromiter((p is not None for p in pulled), dtype=bool, count=len(index))
        article = np.fromiter((s.article for s in view.sentences), dtype=np.int64, count=len(view.sentences))
        after = np.minimum(index + 1, len(article) - 1)
        same_after = (index + 1 < len(article)) & (article[after] == article[index])
        leaning = [k for k, p in enumerate(pulled) if p]
    while True:
        needed = counts.copy()
        if pulled is not None and needs_after is not None:
            for k in leaning:
                needed[k] += sum(pool.pulled_words[j] for j in pulled[k] or () if not is_chosen[j])
        fitting = left & (needed <= remaining)
        if needs_after is not None:
            fitting &= ~needs_after | (same_after & is_chosen[index + 1])
        if not fitting.any():
            break
        gain = holds @ uncovered / total
        value = np.round((score - REDUNDANCY_WEIGHT * closest + CONCEPT_WEIGHT * gain) / cost, 6)
        best = int(np.argmax(np.where(fitting, value, -np.inf)))  # ties: the earliest sentence
        brought = [j for j in (pulled[best] or ()) if not is_chosen[j]] if pulled is not None else []
        for i in [*brought, int(index[best])]:
            chosen.append(i)
            is_chosen[i] = True
            k = position.get(i, -1)
            remaining -= int(counts[k]) if k >= 0 else pool.pulled_words[i]
            if k >= 0:
                left[k] = False
                uncovered[holds.indices[holds.indptr[k] : holds.indptr[k + 1]]] = 0.0
            closest = np.maximum(closest, view.similarity[i, index])
        left &= closest < REDUNDANT_SIMILARITY
    return chosen


def _summary(view: StoryView, pool: _Pool | None, budget_words: int, trim: bool) -> tuple[str, tuple[Evidence, ...]]:
    """Return the summary within ``budget_words`` chosen from ``pool``, and its evidence (``build_summary``)."""
    if pool is None or budget_words <= 0:
        return "", ()
    chosen = _greedy(view, pool, budget_words)
    if not chosen:
        score = np.round(pool.score, 6)
        if pool.pulled is not None and pool.needs_after is not None:
            alone = np.fromiter((p == () for p in pool.pulled), dtype=bool, count=len(score)) & ~pool.needs_after
            score = np.where(alone, score, score - 1e6) if alone.any() else score  # one that stands alone first
        best = int(pool.index[int(np.argmax(score))])
        text = view.text(best)
        start, end = shown_part(text, is_alone=True) if trim else (0, len(text))
        cut = trim_to_words(text[start:end], budget_words)
        if cut <= 0:
            return "", ()
        span = view.evidence(best)
        return text[start : start + cut], (Evidence(span.article, span.start + start, span.start + start + cut),)
    chosen.sort(key=lambda i: (view.sentences[i].position, view.sentences[i].article))
    if pool.pulled is not None:
        chosen = _in_runs(view, chosen)
    if not trim:
        return " ".join(view.text(i) for i in chosen), tuple(view.evidence(i) for i in chosen)
    texts: list[str] = []
    evidence: list[Evidence] = []
    previous = -2  # no sentence
    for i in chosen:
        is_next = i == previous + 1 and view.sentences[i].article == view.sentences[previous].article
        start, end = shown_part(view.text(i), is_alone=not is_next)
        span = view.evidence(i)
        texts.append(view.text(i)[start:end])
        evidence.append(Evidence(span.article, span.start + start, span.start + end))
        previous = i
    return " ".join(texts), tuple(evidence)


def _in_runs(view: StoryView, chosen: list[int]) -> list[int]:
    """Return ``chosen`` (in the order shown) with each sentence right after the one before it in its article.

    Sentences that follow one another in an article form a run, shown
    together where its first sentence comes: a "he" or the end of a
    quotation reads after the sentence it leans on, not after another
    outlet's lead.
    """
    picked = set(chosen)
    ordered: list[int] = []
    for i in chosen:
        if i - 1 in picked and view.sentences[i - 1].article == view.sentences[i].article:
            continue  # shown in the run of the sentence before it
        ordered.append(i)
        after = i + 1
        while after in picked and view.sentences[after].article == view.sentences[i].article:
            ordered.append(after)
            after += 1
    return ordered


def summarizer(view: StoryView, *, trim: bool = True) -> Summarizer:
    """Return ``build_summary`` for ``view`` at any budget, with the story's candidates weighed once.

    The candidates, their scores, word pairs and words do not depend on the
    budget; a caller that asks for several budgets of one view (the article
    body tries a dozen) weighs them once instead of at every call.

    Example:
        >>> summary_at = summarizer(build_view(articles))   # doctest: +SKIP
        >>> summary_at(230) == build_summary(build_view(articles), 230)   # doctest: +SKIP
        True
    """
    pool = _pool(view, trim)
    return lambda budget_words: _summary(view, pool, budget_words, trim)


def build_summary(
    view: StoryView, budget_words: int, *, trim: bool = True, stand_alone: bool = False
) -> tuple[str, tuple[Evidence, ...]]:
    """Return the summary and its evidence: source sentences within ``budget_words``, joined by one space.

    Sentences are chosen greedily, among those that still fit, by what they
    add per word: support across outlets, centrality, novelty (MMR) and the
    shared word pairs they newly cover; a sentence repeating one already
    chosen is skipped.  They are shown leads first (by position in
    their article, then story order).  When not even one fits, the best is cut
    (``trim_to_words``) to a prefix of itself.

    With ``trim`` (the default) each sentence is shown as ``shown_part``
    gives it, without a dateline, teaser or (when shown away from the
    sentence before it) leading connective, and its evidence is the span of
    exactly that text; the words and word pairs of that part are what the
    choice prices.  Without it, whole sentences are shown and priced.

    With ``stand_alone`` (the brief's summary) every sentence can be read
    where it is shown: one that leans on the sentence before it in its
    article (a "he", a "But", the end of a quotation) is chosen only once
    that sentence is, one that opens a quotation it does not close or ends
    on a colon only once the sentence after it is, and sentences that
    follow one another in an article are shown together (``_in_runs``).
    Without it (the article body, which brings in what a sentence leans on
    itself), any candidate may be chosen.

    Example:
        >>> from newsfuse.brief.align import build_view
        >>> summary, evidence = build_summary(build_view(articles), 60)   # doctest: +SKIP
    """
    if budget_words <= 0:
        return "", ()
    return _summary(view, _pool(view, trim, stand_alone), budget_words, trim)
