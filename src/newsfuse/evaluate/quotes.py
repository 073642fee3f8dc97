"""Quotes measured against gold attributions: PolNeAR's direct quotes, BASIL's quotes and merges.

PolNeAR (Newell et al. 2018) annotates every attribution of news articles
from seven US outlets: the source (speaker), the cue ("said") and the
content, with character offsets.  Its direct quotes are the attributions
whose content holds quotation marks; the *gold quotes* scored here are the
quoted segments inside them (``gold_quotes``): ``"...," Merkley said.
"..."`` is one attribution and two quoted segments, and a quote that runs
over several paragraphs (an opening mark at each paragraph, one closing mark
at the end) is one segment per paragraph.

Each article goes through ``clean_article``; newsfuse's quotes come from
``newsfuse.brief.quotes.find_quotes`` (every quote, with or without a
speaker) and from ``build_briefs`` on a one-article story (the brief's
quotes: unattributed ones are left out), mapped back to the original
offsets.  A prediction and a gold quote match when their spans overlap by at
least ``MATCH_OVERLAP`` of the shorter one; each is matched once, the largest
overlaps first.  Beside them, a baseline takes every text between double
quotation marks.

Speaker accuracy counts matched gold quotes that have a speaker: the
prediction is right when its speaker contains the surname (last capitalised
word) of the gold speaker's head ("Victor Cha, who served as ..." -> Cha;
"Trump campaign manager Kellyanne Conway" -> Conway).  When the gold speaker
is a pronoun, it is the named person the pronoun stands for by a fixed rule
(``pronoun_referent``: PolNeAR has no coreference), and such quotes are counted
apart; a pronoun the rule cannot resolve is left out and counted.  Gold
speakers that name nobody ("sources", "a spokesman") need a shared common word.

BASIL (``basil_original.tar.gz``) gives a second check: its annotated spans
marked as quotes, with their speakers (named persons only), and the merge
rate: pairs of quoted segments in two outlets of one event that say the same
(shared stems) and that the brief should show as one quote.

Example:
    >>> result = evaluate_quotes("../shared/data/polnear/dev.jsonl")     # doctest: +SKIP
    >>> print(format_quotes_table(result))                              # doctest: +SKIP
"""

from __future__ import annotations

import json
import re
import tarfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from rapidfuzz.distance import Levenshtein

from newsfuse.config import Settings
from newsfuse.errors import InputError, ItemError
from newsfuse.evaluate._briefing import brief_clusters, faithfulness_problems, porter_stemmer, read_records
from newsfuse.evaluate.metrics import f1_score
from newsfuse.models import Article, CleanArticle
from newsfuse.text import STOPWORDS, content_words, fold, words

__all__ = [
    "GoldQuote",
    "Prediction",
    "evaluate_basil_quotes",
    "evaluate_quotes",
    "format_quotes_table",
    "gold_quotes",
    "match_quotes",
    "pronoun_referent",
    "quoted_segments",
    "score_detection",
    "speaker_is_right",
]

# A prediction and a gold quote are one quote when they overlap by this share
# of the shorter span: a partial quote's gold content carries words around the
# quotation marks, and the two sides may disagree on a trailing comma.
MATCH_OVERLAP = 0.5

# A quoted phrase this short is a "partial quote" inside reported speech
# ('called Trump a "pathological liar"'); scored, and also counted apart.
SHORT_QUOTE_WORDS = 3

# Two quoted segments of one BASIL event, in two outlets, say the same thing
# when they share this many content stems and this share of the shorter one.
SAME_QUOTE_MIN_SHARED = 3
SAME_QUOTE_OVERLAP = 0.6

# The targets.
TARGET_F1 = 0.9
TARGET_SPEAKER = 0.9

# "Trump’s campaign manager", "Trump’s Virginia state director": a possessive name, then a role ending in
# a lower-case word (capitalised words such as a state may stand before the role).
_POSSESSIVE_DESCRIPTION = re.compile(r"[A-Z][\w\-]*['’]s?\s+(?:[\w\-.]+\s+)*?[a-z][\w\-]*\s*$")
_OPEN = "“"
_CLOSE = "”"
_DOUBLE = frozenset('"“”')
_PRONOUNS = frozenset("he she they we i it you his her their him".split())
_ORG_WORDS = frozenset(
    """times post news journal campaign committee party department house senate congress court administration
    office agency association network cnn fox msnbc abc cbs nbc inc co university foundation reuters ap press
    poll survey service bureau council commission group institute center report reports magazine website
    breitbart politico huffington huffpost gazette tribune herald daily""".split()
)
_NOT_NAMES = frozenset(
    """the a an mr mrs ms dr sen rep gov gen president senator governor representative secretary former
    republican democratic democrat gop nominee candidate presidential vice chairman chair spokesman
    spokeswoman spokesperson one another""".split()
)


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """A quoted segment of a gold attribution, with its speaker."""

    start: int
    end: int
    text: str
    speaker: str  # "" when the attribution has no source
    speaker_start: int
    marks: str  # "full" or "partial" (PolNeAR's derived quote_marks)
    is_continued: bool = False  # a paragraph of a quote that runs on with no closing mark


@dataclass(frozen=True, slots=True)
class Prediction:
    """A quote found by a system: its span in the original text and its speaker."""

    start: int
    end: int
    speaker: str
    how: str = ""  # how find_quotes found the speaker (after, before, pronoun, continued, dash, none)


def quoted_segments(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, bool]]:
    """Return ``(start, end, is_continued)`` of the text between double quotation marks in ``text[start:end]``.

    Curly marks open (“) and close (”); straight marks alternate within a
    paragraph.  A paragraph that ends inside a quote (the convention for a
    quote running over paragraphs) closes its segment at the paragraph's end
    with ``is_continued`` set.  Single quotation marks are nested quotes and
    are left inside their segment.

    Example:
        >>> text = '“We will win,” he said. “Believe me.'
        >>> [text[a:b] for a, b, _ in quoted_segments(text)]
        ['We will win', 'Believe me.']
    """
    end = len(text) if end is None else end
    segments: list[tuple[int, int, bool]] = []
    for line in re.finditer(r"[^\n]+", text[:end]):
        low, high = max(line.start(), start), line.end()
        if low >= high:
            continue
        opened: int | None = None
        for position in range(low, high):
            mark = text[position]
            if mark not in _DOUBLE:
                continue
            is_open = mark == _OPEN or (mark == '"' and opened is None)
            if is_open and opened is None:
                opened = position + 1
            elif not is_open or mark == '"':
                if opened is not None:
                    segments.append((opened, position, False))
                    opened = None
                elif mark == _CLOSE and position > low:
                    segments.append((low, position, False))  # the region began inside a quote
        if opened is not None and high > opened:
            segments.append((opened, high, True))
    return [(a, b, c) for a, b, c in (_trim(text, a, b) + (c,) for a, b, c in segments) if b > a and words(text[a:b])]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def gold_quotes(record: dict) -> list[GoldQuote]:
    """Return the quoted segments of a PolNeAR article's direct (quote-marked) attributions."""
    text = record["text"]
    found: list[GoldQuote] = []
    for attribution in record.get("quotes") or []:
        if attribution.get("quote_marks", "none") == "none":
            continue
        fragments = attribution.get("quote_fragments") or [[attribution["start"], attribution["end"]]]
        for low, high in fragments:
            # The content may stop just inside its marks: look one character beyond.
            for start, end, continued in quoted_segments(text, max(0, low - 1), min(len(text), high + 1)):
                found.append(
                    GoldQuote(
                        start,
                        end,
                        text[start:end],
                        attribution.get("speaker") or "",
                        attribution.get("speaker_start") if attribution.get("speaker_start") is not None else -1,
                        attribution["quote_marks"],
                        continued,
                    )
                )
    unique = {(g.start, g.end): g for g in found}
    return sorted(unique.values(), key=lambda g: (g.start, g.end))


def match_quotes(
    predictions: Sequence[Prediction], gold: Sequence[GoldQuote]
) -> list[tuple[int, int]]:
    """Return ``(prediction index, gold index)`` pairs, one-to-one, the largest overlaps first.

    Example:
        >>> g = [GoldQuote(10, 30, "", "", -1, "full")]
        >>> match_quotes([Prediction(12, 30, ""), Prediction(40, 50, "")], g)
        [(0, 0)]
    """
    candidates = []
    for p, prediction in enumerate(predictions):
        for k, quote in enumerate(gold):
            overlap = min(prediction.end, quote.end) - max(prediction.start, quote.start)
            shorter = min(prediction.end - prediction.start, quote.end - quote.start)
            if overlap > 0 and shorter > 0 and overlap >= MATCH_OVERLAP * shorter:
                candidates.append((-overlap, p, k))
    candidates.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, p, k in candidates:
        if p in used_p or k in used_g:
            continue
        used_p.add(p)
        used_g.add(k)
        pairs.append((p, k))
    return sorted(pairs)


def score_detection(true_positive: int, predicted: int, gold: int) -> dict[str, float]:
    """Return precision, recall and F1 from counts (rounded to 3 places).

    Example:
        >>> score_detection(9, 10, 12)
        {'precision': 0.9, 'recall': 0.75, 'f1': 0.818}
    """
    precision = true_positive / predicted if predicted else 0.0
    recall = true_positive / gold if gold else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1_score(precision, recall), 3)}


def _head(speaker: str) -> str:
    """Return the head of a speaker span: "Victor Cha, who served ..." -> "Victor Cha".

    A place or an organisation after a name is cut too ("Representative
    Charles B. Rangel of New York" -> "Representative Charles B. Rangel", "Dan
    McLaughlin at the National Review" -> "Dan McLaughlin"), but not a title's
    own "of" ("Secretary of State John Kerry").
    """
    speaker = re.sub(r"\s*\([^()]{1,25}\)", "", speaker)  # "(D-Calif.)", "(Ariz.)"
    parts = re.split(r",|\(|\bwho\b|\bwhich\b|\bof the\b", speaker)
    head = parts[0].strip()
    if len(parts) > 1 and (not _capitalised_names(head) or _POSSESSIVE_DESCRIPTION.search(head)):
        # "Her chief policy aide, Jake Sullivan," / "Another critic, Laurence H. Tribe,": the name in apposition.
        # "One of the university's top executives, Michael Sexton,": the name after the comma.
        second = (speaker.split(",")[1] if "," in speaker else parts[1]).strip()
        if second and len(words(second)) <= 4 and all(w[:1].isupper() for w in words(second)):
            head = second
    for match in re.finditer(r"\s(?:of|at|for|from|with)\s", head):
        if _capitalised_names(head[: match.start()]):
            return head[: match.start()]
    return head


def _capitalised_names(text: str) -> list[str]:
    return [
        fold(w)
        for w in words(text)
        if w[:1].isupper() and fold(w).rstrip(".") not in _NOT_NAMES and fold(w) not in _PRONOUNS
    ]


def _name_tokens(speaker: str) -> list[str]:
    return _capitalised_names(_head(speaker))


def _surname(speaker: str) -> str:
    if _POSSESSIVE_DESCRIPTION.search(_head(speaker)):
        return ""  # "Donald Trump's campaign manager" describes someone else than Trump
    names = _name_tokens(speaker)
    if not names:
        return ""
    last = names[-1]
    return re.sub(r"'s$", "", last)


def _is_cue_word(speaker: str) -> bool:
    """Return whether a gold speaker span is a speech verb ("said", "according to"): a slip of the annotation."""
    from newsfuse.brief import _lexicon as lex

    return fold(speaker.strip()) in lex.SPEECH_VERBS or fold(speaker.strip()) == "according to"


def _is_pronoun(speaker: str) -> bool:
    return fold(speaker.strip()) in _PRONOUNS


def _referent(record: dict, speaker: str, speaker_start: int) -> str:
    """Return the gold speaker a pronoun stands for ("" when the scorer cannot tell); see ``pronoun_referent``."""
    return pronoun_referent(record["text"], record.get("quotes") or [], speaker, speaker_start)


# --- Pronoun speakers: the named person they stand for ---------------------------------
#
# PolNeAR links no pronoun to a name (no coreference).  The scorer resolves a
# pronoun speaker by a fixed rule that uses the gold annotation where it can and
# is checked by hand (docs/history.md), independently of newsfuse's name
# scanner:
#
# - "he"/"she" ("his"/"her"): the persons of an article are the named gold
#   speakers of any of its attributions and the names written with a common
#   first name, an honorific or a title ("Jennifer Palmieri", "Mr. Tribe", "Sen.
#   Merkley"); each later bare surname is a mention of them.  Sentences are read
#   back from the pronoun's own: in each, the first person mentioned outside
#   quotation marks (not a possessive, not of the other known gender) is the
#   referent; a sentence whose first such word is the same pronoun continues
#   the chain one sentence further back.  Names after a preposition count only
#   when the sentence has no other.  An earlier sentence that a reporting
#   clause gives to a person ("Cruz electrified the crowds, Stovall said.",
#   "..., said Gary Orfield, a professor.") has that person as its referent:
#   the next "he said" is the source speaking on.
# - "it"/"they": the nearest earlier gold speaker that is not a person
#   ("they": not a single person), within the same window.
# - "who"/"which"/"that": the person named right before it in its sentence.
# - first person ("I", "we"): the narrator, whom no article names: left out.
# Nothing found within ``REFERENT_SENTENCES`` sentences: left out, counted.

# How many sentences back (the pronoun's own included) a pronoun speaker is resolved;
# chains of "He said ... He added" seldom run longer (the speaker finder uses the same window).
REFERENT_SENTENCES = 6

_FIRST_PERSON = frozenset("i we me us my our".split())
_RELATIVE_PRONOUNS = frozenset("who which that whom".split())
_PRONOUN_OF = {"his": "he", "her": "she", "their": "they", "its": "it", "him": "he"}
_PREPOSITIONS = frozenset(
    "with to by for of from about against on at than like as into over under after before".split()
)
_TITLE_BEFORE_NAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov|Lt|Gen|Col|Sgt|Prof|Rev|Judge|Justice|President|Senator|Governor|"
    r"Representative|Congressman|Congresswoman|Secretary|Speaker|Mayor|Chairman|Chairwoman|Director|Pastor)"
    r"\.?\s+(?:[A-Z][a-z]+\s+)?(?:[A-Z]\.\s+)?([A-Z][\w\'’\-]+)"
)
_HE_SHE = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_CAPITALISED_RUN = re.compile(
    r"(?<![\w’'\-])(?:[A-Z][a-z][\w’'\-]*|[A-Z]\.)(?:\s+(?:[A-Z][a-z][\w’'\-]*|[A-Z]\.))+(?![\w’'\-])"
)
# A sentence whose subject is a person described, not named: "My mother has softened", "The woman said".
_PERSON_NOUNS = (
    "mother|father|wife|husband|son|daughter|sister|brother|woman|man|girl|boy|nominee|candidate|president|"
    "senator|governor|mayor|official|spokesman|spokeswoman|aide|adviser|lawyer|attorney|judge|reporter|author|"
    "writer|doctor|friend|voter|veteran|businessman|billionaire|mogul|chairman|leader|secretary|congressman|"
    "congresswoman|lawmaker|speaker|moderator|host|anchor"
)
_PERSON_DESCRIPTION = re.compile(
    r"\W*(?:[^,“”\"]{0,40},\s*)?((?:[Tt]he|[Aa]n?|[Mm]y|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Tt]his|[Tt]hat)\s+"
    r"(?:[\w\-’']+\s+){0,3}?(?:" + _PERSON_NOUNS + r"))\b"
)
# Words between a name and the name it modifies: "Clinton communication director", "Trump campaign manager".
_ATTRIBUTIVE = re.compile(
    r"(?i:(?:\s+[a-z][a-z\-]*){0,2}\s+(?:manager|director|strategist|pollster|aide|adviser|advisor|spokesman|"
    r"spokeswoman|spokesperson|chairman|chairwoman|chair|surrogate|lawyer|attorney|staffer|secretary|"
    r"chief|mate|wife|husband|son|daughter))\s+(?:[A-Z][a-z]+\.?\s+)?"
)
# An opening clause or phrase whose names are not the sentence's subject: "While Obama had ..., that
# concerns X", "In describing fellow billionaire Donald Trump, Cuban said", "Like Allen, their days begin".
_SUBORDINATE = re.compile(
    r"\W*(?:While|When|Although|Though|If|Because|As|After|Before|Since|Unlike|Like|Despite|Whereas|Until|"
    r"In|On|At|During|For|With|Without|Following|Asked|Pressed|Speaking|Responding|Describing|Regarding|Referring|"
    r"Noting|Discussing)\b[^,;:“”\"]{0,160},"
)


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    name: str  # the fullest form written here: "Jennifer Palmieri", or the bare surname
    gender: str  # "m", "f" or "" (unknown)
    possessive: bool  # "Hillary Clinton's campaign manager Robby Mook"
    after_preposition: bool
    modifier: bool  # "the Clinton campaign"


def _gender_of_words(before: str) -> str:
    """Return the gender the word(s) right before a surname give: an honorific or a first name."""
    from newsfuse.brief import _lexicon as lex

    tokens = before.split()
    if not tokens:
        return ""
    last = fold(tokens[-1])
    if tokens[-1].endswith(".") and len(tokens[-1]) == 2 and len(tokens) > 1:
        last = fold(tokens[-2])  # "Laurence H. Tribe"
    last = last.rstrip(".")
    if last in lex.MALE_HONORIFICS or last in lex.MALE_FIRST_NAMES:
        return "m"
    if last in lex.FEMALE_HONORIFICS or last in lex.FEMALE_FIRST_NAMES:
        return "f"
    return ""


def _person_surname(head: str) -> str:
    """Return the surname of a gold speaker head that names a person; "" for groups, organisations, descriptions.

    "Clinton communication director Jennifer Palmieri" -> "Palmieri"; "a
    Donald Trump tweet", "Few people", "The New York Post", "Critics" -> "".
    """
    from newsfuse.brief import _lexicon as lex

    tokens = words(head)
    if not tokens or not tokens[-1][:1].isupper():
        return ""
    names = [fold(t) for t in tokens]
    if any(n in _ORG_WORDS or n in lex.ORG_CUES for n in names):
        return ""
    last = re.sub(r"['’]s$", "", tokens[-1])
    vocabularies = (_NOT_NAMES, lex.NOT_NAMES, lex.DEMONYMS, lex.UNITS, lex.PLACE_NOUNS)
    if any(fold(last) in vocabulary for vocabulary in vocabularies):
        return ""
    return last


def _article_persons(text: str, attributions: Sequence[dict]) -> dict[str, str]:
    """Return ``{surname: gender}`` of the persons an article names (gender "" when unknown or mixed)."""
    return _persons_of(text, tuple(a.get("speaker") or "" for a in attributions))


@lru_cache(maxsize=4)
def _persons_of(text: str, speakers: tuple[str, ...]) -> dict[str, str]:
    from newsfuse.brief import _lexicon as lex
    from newsfuse.brief.gazetteer import is_place

    found: dict[str, set[str]] = defaultdict(set)
    for speaker in speakers:
        if not speaker or _is_pronoun(speaker) or fold(speaker.strip()) in _RELATIVE_PRONOUNS:
            continue
        surname = _person_surname(_head(speaker))
        # A lone capitalised word ending in "s" is more often a group ("Critics", "Delegates"):
        # a person only when the text also writes it with a first name or a title (below).
        if re.search(r"[A-Z]{2}", surname):
            continue  # "KING-TV", "CNN": an acronym
        if surname and (len(_name_tokens(speaker)) > 1 or not (surname.endswith("s") or is_place(surname))):
            found[surname]
    for match in re.finditer(r"\b([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?([A-Z][\w'’\-]+)", text):
        first = fold(match.group(1))
        if first in lex.MALE_FIRST_NAMES or first in lex.FEMALE_FIRST_NAMES:
            surname = re.sub(r"['’]s$", "", match.group(2))
            if fold(surname) not in lex.NOT_NAMES and fold(surname) not in _ORG_WORDS:
                found[surname]
    # Two capitalised words that are neither function words, organisations, places nor
    # demonyms ("Suu Kyi", "Htin Kyaw"), standing alone (not part of a longer capitalised run).
    for match in _CAPITALISED_RUN.finditer(text):
        tokens = [t for t in match.group().split() if not re.fullmatch(r"[A-Z]\.", t)]
        before = words(text[max(0, match.start() - 12) : match.start()])
        if len(tokens) != 2 or (before and fold(before[-1]) in ("the", "a", "an")):
            continue  # "the Copa Americana" names no person
        folded = [fold(t).rstrip(".") for t in tokens]
        if any(
            f in lex.NOT_NAMES or f in _NOT_NAMES or f in _ORG_WORDS or f in lex.ORG_CUES or f in lex.DEMONYMS
            or f in lex.PLACE_NOUNS or f in lex.ROLE_WORDS or f in lex.PARTY_WORDS
            for f in folded
        ) or is_place(" ".join(tokens)) or (is_place(tokens[0]) and is_place(tokens[1])):
            continue
        found[re.sub(r"['’]s$", "", tokens[1])]
    for match in _TITLE_BEFORE_NAME.finditer(text):
        surname = re.sub(r"['’]s$", "", match.group(1))
        if fold(surname) not in lex.NOT_NAMES and fold(surname) not in _ORG_WORDS:
            found[surname]
    for surname in found:
        for match in re.finditer(r"(?<![\w\-])" + re.escape(surname) + r"(?![\w\-])", text):
            before = text[max(0, match.start() - 30) : match.start()]
            gender = _gender_of_words(before)
            first = re.search(r"([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?$", before)
            if gender:
                found[surname].add(gender)
            elif first and not any(
                fold(first.group(1)) in vocabulary
                for vocabulary in (_NOT_NAMES, lex.NOT_NAMES, lex.ROLE_WORDS, lex.DEMONYMS, lex.PARTY_WORDS, STOPWORDS)
            ) and not is_place(first.group(1)):
                found[surname].add("?")  # "Liz Cheney" beside "Dick Cheney": a bare "Cheney" may be either
    return {
        surname: genders.pop() if len(genders) == 1 and "?" not in genders else ""
        for surname, genders in found.items()
    }


def _mentions(text: str, persons: dict[str, str]) -> list[_Mention]:
    """Return every mention of the article's persons, in order (first names joined to their surname)."""
    return _mentions_of(text, tuple(sorted(persons.items())))


@lru_cache(maxsize=4)
def _mentions_of(text: str, items: tuple[tuple[str, str], ...]) -> list[_Mention]:
    persons = dict(items)
    if not persons:
        return []
    pattern = re.compile(
        r"(?<![\w\-])(" + "|".join(re.escape(s) for s in sorted(persons, key=len, reverse=True)) + r")(?![\w\-])"
    )
    found = []
    for match in pattern.finditer(text):
        surname = match.group(1)
        before = text[max(0, match.start() - 30) : match.start()]
        first = re.search(r"([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?$", before)
        # A first name the lists do not know ("Rakeyia Scott") may be another person of that surname.
        unknown_first = first is not None and fold(first.group(1)) not in _NOT_NAMES and not _gender_of_words(before)
        gender = _gender_of_words(before) or ("" if unknown_first else persons[surname])
        name = f"{first.group(1)} {surname}" if first and _gender_of_words(first.group(1)) else surname
        start = match.start() - (len(before) - first.start()) if first and name != surname else match.start()
        preceding = words(text[max(0, start - 20) : start])
        found.append(
            _Mention(
                start,
                name,
                gender,
                text.startswith(("'s", "’s"), match.end())
                or (surname.endswith("s") and text.startswith(("' ", "’ "), match.end())),  # "Sanders' plan"
                bool(preceding) and fold(preceding[-1]) in _PREPOSITIONS,
                bool(preceding) and fold(preceding[-1]) in ("the", "a", "an"),
            )
        )
    return found


def _in_segment(segments: Sequence[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    for low, high in segments:
        if low <= offset < high:
            return low, high
    return None


@lru_cache(maxsize=4)
def _sentences(text: str) -> list[tuple[int, int]]:
    from newsfuse.text import split_sentences

    return split_sentences(text)


@lru_cache(maxsize=4)
def _segments(text: str) -> list[tuple[int, int]]:
    return [(a, b) for a, b, _ in quoted_segments(text)]


# The gold side's own reading of a reporting clause ('..., said X' / '..., X said.').  newsfuse's speaker
# finder has a rule of the same intent (``brief.quotes._Resolver._reporter``); the scorer keeps its own copy
# on purpose, so that a change to the system's rule cannot move the referents it is scored against.
@lru_cache(maxsize=1)
def _reporting_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    from newsfuse.brief import _lexicon as lex

    verb = "(?:" + "|".join(re.escape(v) for v in sorted(lex.SPEECH_VERBS, key=len, reverse=True)) + ")"
    titles = r"(?:[A-Z][\w.]*\s+){0,3}"  # "said Mayor", "said Rep."
    addressee = r"(?!(?:told|tells|tell|telling|asked|asks|ask|asking)\b)"  # "told Live Science": the one spoken to
    before = re.compile(r"[,”\"]\s*" + addressee + verb + r"\s+" + titles + "$")
    after = re.compile(
        r"\s+" + verb + r"(?:\s+(?:on|in|at|during|last|this|today|yesterday)\b[^,;:“”\"]{0,40}|\s+[A-Z][a-z]+day)?"
        r"\s*[.!?]?[”\"’']?\s*$"
    )
    return before, after


def _reporting_source(text: str, mentions: Sequence[_Mention], sentence: tuple[int, int], unwanted: str) -> str:
    """Return the person a reporting clause gives sentence ``sentence`` to: '..., said X' or '..., X said.'."""
    before, after = _reporting_patterns()
    low, high = sentence
    for mention in mentions:
        if not low <= mention.start < high or mention.possessive or mention.gender == unwanted:
            continue
        end = mention.start + len(mention.name)
        head, tail = text[low : mention.start], text[end:high]
        if before.search(head) and re.match(r"\s*(?:\([^()]{1,25}\))?\s*(?:[,.;]|$)", tail):
            return mention.name
        if re.search(r"[,”\"]\s*(?:[A-Z][\w.]*\s+){0,3}$", head) and after.match(tail):
            return mention.name
    return ""


def pronoun_referent(text: str, attributions: Sequence[dict], pronoun: str, offset: int) -> str:
    """Return the named speaker a pronoun speaker at ``offset`` stands for; "" when it cannot be told.

    The rule (see the comment above ``REFERENT_SENTENCES``) reads the
    sentences back from the pronoun's own.  Example:

        >>> text = 'Jennifer Palmieri said Trump is reduced to taunts. "It is sad," she said.'
        >>> pronoun_referent(text, [], "she", text.index("she said"))
        'Jennifer Palmieri'
    """
    word = fold(pronoun.strip())
    word = _PRONOUN_OF.get(word, word)
    if word in _FIRST_PERSON or word == "you":
        return ""
    sentences = _sentences(text)
    index = next((k for k, (a, b) in enumerate(sentences) if a <= offset < b), None)
    if index is None:
        return ""
    window_start = sentences[max(0, index - REFERENT_SENTENCES + 1)][0]
    if word in _RELATIVE_PRONOUNS:
        if word not in ("who", "whom"):
            return ""  # "which"/"that" stand for a thing ("Ingraham's questions, which were ...")
        persons = _article_persons(text, attributions)
        named = [m for m in _mentions(text, persons) if sentences[index][0] <= m.start < offset]
        if not named or named[-1].possessive or offset - named[-1].start > 120:
            return ""
        return named[-1].name
    if word in ("it", "they"):
        persons = _article_persons(text, attributions)
        best, best_start = "", -1
        for attribution in attributions:
            other = attribution.get("speaker") or ""
            start = attribution.get("speaker_start")
            if not other or start is None or not window_start <= start < offset or start <= best_start:
                continue
            if _is_pronoun(other) or fold(other.strip()) in _RELATIVE_PRONOUNS or _is_cue_word(other):
                continue
            head = _head(other)
            if _person_surname(head) in persons and (word == "it" or " and " not in head):
                continue  # a person is no "it", one person no "they"
            last = words(head)[-1] if words(head) else ""
            if word == "they" and not (last.endswith("s") or " and " in head or last[:1].isupper()):
                continue  # "they" is a group or an organisation, not "the statement"
            if word == "it" and last.endswith("s") and not last[:1].isupper():
                continue  # "it" is not "officials"
            best, best_start = other, start
        return best
    unwanted = {"he": "f", "she": "m"}[word]
    persons = _article_persons(text, attributions)
    mentions = _mentions(text, persons)
    segments = _segments(text)
    own_quote = _in_segment(segments, offset)

    def outside(position: int) -> bool:
        inside = _in_segment(segments, position)
        return inside is None or inside == own_quote

    for current in range(index, max(-1, index - REFERENT_SENTENCES), -1):
        low, high = sentences[current]
        high = min(high, offset)
        if own_quote is not None:
            # A pronoun inside a quotation stands for someone the quotation names ('McCrummen reports:
            # "... she called ..."' is about another woman): none before it there, no referent.
            low = max(low, own_quote[0])
            if high <= low:
                return ""
        if current == index and text[low:high].rstrip().endswith(",") and not _DOUBLE & set(text[low:high]):
            high = low  # 'Also, Trump isn't a conservative, he said': the words before are what was said
        if current < index:
            source = _reporting_source(text, [m for m in mentions if outside(m.start)], sentences[current], unwanted)
            if source:
                return source
        subordinate = _SUBORDINATE.match(text, low, high)
        opening_end = subordinate.end() if subordinate else low
        opening = _PERSON_DESCRIPTION.match(text, opening_end, high)
        if opening and outside(opening.start(1)) and not any(opening_end <= m.start < opening.end(1) for m in mentions):
            return ""  # "My mother has softened ... she still says": a description may be the referent
        items = [(m.start, m) for m in mentions if low <= m.start < high and outside(m.start)]
        # "Clinton communication director Jennifer Palmieri": the name before the role is no subject.
        items = [
            (start, m)
            for k, (start, m) in enumerate(items)
            if not (k + 1 < len(items) and _ATTRIBUTIVE.fullmatch(text, m.start + len(m.name), items[k + 1][0]))
        ]
        items += [(p.start(), fold(p.group())) for p in _HE_SHE.finditer(text, opening_end, high) if outside(p.start())]
        items.sort(key=lambda item: item[0])
        fallback = ""
        for _, item in items:
            if isinstance(item, str):
                if item == word:
                    fallback = ""
                    break  # the chain goes on one sentence back
                continue
            if item.gender == unwanted or item.start < opening_end or item.modifier:
                continue
            if item.possessive and item.after_preposition:
                continue  # "quieter than Clinton's"
            # A name after a preposition, or a possessive ("James Comey's statement"), when nobody else is named.
            if item.after_preposition or item.possessive:
                fallback = fallback or item.name
                continue
            return item.name
        if fallback:
            return fallback
    return ""


def _first_name(name: str) -> str:
    """Return the common first name a name opens with ("hillary" of "Hillary Rodham Clinton"); "" when none."""
    from newsfuse.brief import _lexicon as lex

    tokens = _name_tokens(name)
    # "Ronald Reagan's former education secretary William J. Bennett": the first name after the possessive.
    owners = [k for k, token in enumerate(tokens) if token.endswith(("'s", "'"))]
    tokens = tokens[owners[-1] + 1 :] if owners else tokens
    first = tokens[0] if len(tokens) > 1 else ""
    return first if first in lex.MALE_FIRST_NAMES or first in lex.FEMALE_FIRST_NAMES else ""


def _other_first_name(predicted: str, gold: str) -> bool:
    """Return whether both name a common first name and the two differ."""
    a, b = _first_name(predicted), _first_name(gold)
    return bool(a and b and a != b)


def speaker_is_right(predicted: str, gold: str) -> bool:
    """Return whether a predicted speaker names the gold speaker (its surname, or a shared word).

    Example:
        >>> speaker_is_right("Hillary Clinton", "Democratic nominee Hillary Clinton")
        True
        >>> speaker_is_right("Donald Trump", "Clinton, who spoke in Ohio")
        False
        >>> speaker_is_right("a campaign spokesman", "a spokesman for the campaign")
        True
    """
    if not predicted or not gold:
        return False
    surname = _surname(gold)
    predicted_words = {fold(w) for w in words(predicted)}
    if surname:
        if _other_first_name(predicted, gold):
            return False  # "Bill Clinton" is not "Hillary Clinton"
        if surname in predicted_words or re.sub(r"'s$", "", surname) in predicted_words:
            return True
        # A surname spelt two ways in one article ("McLenney" / "McClenney"): one letter apart, six or more.
        return len(surname) >= 6 and any(
            len(w) >= 6 and w[0] == surname[0] and Levenshtein.distance(w, surname) == 1 for w in predicted_words
        )
    # A description: a shared common word ("a spokesman" / "a campaign spokesman"); the names in
    # "Lazar's public defense counsel" do not count, so "Lazar" is not that counsel.
    head = _head(gold)
    common = {fold(w) for w in words(head) if not w[:1].isupper()} & set(content_words(head))
    return bool((common or set(content_words(head))) & set(content_words(predicted)))


# --- Running newsfuse on single articles -------------------------------------------


def _offset_map(original: str, clean: str) -> list[int]:
    """Return, for each character of ``clean``, its offset in ``original`` (-1 when not found).

    Cleaning drops paragraphs and may rewrite white space, so the non-space
    characters of each clean line are looked up, in order, in the original's.
    """
    kept = [i for i, c in enumerate(original) if not c.isspace()]
    bare = "".join(original[i] for i in kept)
    mapping = [-1] * len(clean)
    cursor = 0
    for line in re.finditer(r"[^\n]+", clean):
        indices = [line.start() + k for k, c in enumerate(line.group()) if not c.isspace()]
        if not indices:
            continue
        needle = "".join(clean[i] for i in indices)
        position = bare.find(needle, cursor)
        if position < 0:
            position = bare.find(needle)
        if position < 0:
            continue
        for k, index in enumerate(indices):
            mapping[index] = kept[position + k]
        cursor = position + len(needle)
    return mapping


def _map_span(mapping: Sequence[int], start: int, end: int) -> tuple[int, int] | None:
    inside = [mapping[i] for i in range(start, end) if mapping[i] >= 0]
    if not inside:
        return None
    return inside[0], inside[-1] + 1


def _clean(record: dict, settings: Settings) -> CleanArticle | None:
    from newsfuse.clean import clean_article

    article = Article(
        id=str(record["id"]),
        source=record.get("source") or "",
        title=record.get("title") or "",
        text=record["text"],
        date=record.get("date") or "",
    )
    try:
        return clean_article(article, settings.clean)
    except ItemError:
        return None


def _find_quotes(article: CleanArticle, mapping: Sequence[int]) -> list[Prediction]:
    """Return every quote ``find_quotes`` sees in one article, with or without a speaker."""
    from newsfuse.brief.names import lower_words, scan_names
    from newsfuse.brief.people import People
    from newsfuse.brief.quotes import find_quotes

    mentions = scan_names(article.text, lower_words(article.text))
    found = []
    for quote in find_quotes(article, People(mentions), mentions):
        span = _map_span(mapping, quote.start, quote.end)
        if span is not None:
            found.append(Prediction(span[0], span[1], quote.speaker, quote.how))
    return found


def _brief_quotes(brief, article_id: str, mapping: Sequence[int]) -> list[Prediction]:
    found = []
    for quote in brief.quotes:
        for version in quote.versions:
            for evidence in version.evidence:
                if evidence.article != article_id:
                    continue
                span = _map_span(mapping, evidence.start, evidence.end)
                if span is not None:
                    found.append(Prediction(span[0], span[1], quote.speaker))
    return found


def _baseline(text: str) -> list[Prediction]:
    return [Prediction(a, b, "") for a, b, _ in quoted_segments(text)]


@dataclass
class _Tally:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    long_gold: int = 0
    long_matched: int = 0
    predicted_on_short: int = 0
    by_kind: Counter | None = None
    gold_by_kind: Counter | None = None
    speaker: Counter | None = None

    def __post_init__(self) -> None:
        self.by_kind = Counter()
        self.gold_by_kind = Counter()
        self.speaker = Counter()


def _gold_kind(quote: GoldQuote) -> list[str]:
    kinds = ["short (1-3 words)" if len(words(quote.text)) <= SHORT_QUOTE_WORDS else "long (4+ words)"]
    kinds.append(f"marks: {quote.marks}")
    if quote.is_continued:
        kinds.append("runs over paragraphs")
    return kinds


def _miss_cause(text: str, quote: GoldQuote) -> str:
    """Return a short name for why a gold quote may have been missed (for the failure analysis)."""
    before = text[: quote.start].rstrip(" ")[-1:]
    after = text[quote.end :].lstrip(" ,.;:!?…")[:1]
    if quote.is_continued:
        return "runs over paragraphs (no closing mark in its paragraph)"
    if before == _CLOSE or (before == '"' and after == _CLOSE) or (before == _OPEN and after == '"'):
        return "mixed or reversed quotation marks"
    if len(words(quote.text)) <= SHORT_QUOTE_WORDS:
        return "1-3 words in reported speech (dropped as a scare quote)"
    if "\n" in text[quote.start : quote.end]:
        return "spans a line break"
    return "other"


def _speaker_error(text: str, quote: GoldQuote, prediction: Prediction) -> str:
    """Return a short name for why a matched quote got a wrong speaker (for the failure analysis)."""
    if prediction.speaker:
        return f"another speaker named ({prediction.how})"
    from newsfuse.brief import _lexicon as lex

    paragraph_start = text.rfind("\n", 0, prediction.start) + 1
    before = text[paragraph_start : prediction.start]
    line_end = text.find("\n", prediction.end)
    after = text[prediction.end : line_end if line_end >= 0 else len(text)][:200]
    after = after.lstrip(",.;:!?… ")
    if after[:1] in _DOUBLE:
        after = after[1:]
    if re.match(r"\s*―\s*[A-Z]", after):
        return "none found: pull quote signed with '―' (U+2015)"
    clause = re.split(r"[.!?]\s|[“”\"]", after, maxsplit=1)[0]
    verb = next((m for m in re.finditer(r"[a-z]+", clause) if m.group() in lex.SPEECH_VERBS), None)
    if verb is not None:
        head = clause[: verb.start()]
        if len(words(head)) > 8:
            return "none found: long apposition between the quote and its verb"
        if not head.strip() or head.strip()[:1].islower():
            return "none found: descriptive speaker ('said one Democratic source', 'the book said')"
        return "none found: 'X said' right after the quote"
    if any(c in _DOUBLE for c in before[:-1]):
        return "none found: a second quote of the paragraph (after '\"...,\" said X.')"
    previous_end = text.rstrip().rfind("\n", 0, paragraph_start - 1)
    previous = text[max(0, previous_end) : paragraph_start].strip()
    if previous.endswith(":"):
        return "none found: introduced by the paragraph before ('X said:')"
    if any(m.group() in lex.SPEECH_VERBS for m in re.finditer(r"[a-z]+", before)):
        return "none found: speaker and verb before the quote"
    return "none found: no speech verb next to the quote"


def _speaker_kind(quote: GoldQuote) -> str:
    if _is_pronoun(quote.speaker) or fold(quote.speaker.strip()) in _RELATIVE_PRONOUNS:
        return "pronoun"
    return "name" if _surname(quote.speaker) else "description"


def evaluate_quotes(
    path: str | Path,
    settings: Settings | None = None,
    limit: int | None = None,
    basil: str | Path | None = None,
    examples: int = 40,
) -> dict:
    """Return detection and speaker scores of newsfuse's quotes on a PolNeAR file, beside a baseline.

    Args:
        path: PolNeAR JSON Lines (``dev.jsonl`` or ``train.jsonl.gz``).
        settings: newsfuse settings (defaults when None).
        limit: use only the first ``limit`` articles.
        basil: a BASIL folder (``articles.jsonl`` + ``basil_original.tar.gz``)
            for the second check and the merge rate; skipped when None.
        examples: how many misses and false alarms to list.

    Returns:
        ``systems`` (``find_quotes``, ``brief``, ``quote marks``) with
        precision/recall/F1, detection by kind of gold quote, and speaker
        accuracy by kind of gold speaker; ``misses`` and ``false_alarms``
        examples; ``faithfulness`` of the briefs; ``basil`` when asked.
    """
    settings = settings or Settings()
    started = time.perf_counter()
    records = read_records(path)
    if limit is not None:
        if limit < 1:
            raise ValueError(f"limit must be >= 1 (or None for every article), got {limit}")
        records = records[:limit]
    if records and ("text" not in records[0] or "quotes" not in records[0]):
        raise InputError(f"{path}: expected PolNeAR lines with 'text' and 'quotes' (see shared/data/polnear)")
    cleaned = {str(r["id"]): _clean(r, settings) for r in records}
    briefs = brief_clusters([(i, [a]) for i, a in cleaned.items() if a is not None], settings)
    problems = [p for b in briefs.values() for p in faithfulness_problems(b)]
    tallies = {name: _Tally() for name in ("find_quotes", "brief", "quote marks")}
    misses: list[dict] = []
    false_alarms: list[dict] = []
    wrong_speakers: list[dict] = []
    speaker_errors: Counter[str] = Counter()
    miss_causes: Counter[str] = Counter()
    for record in records:
        text = record["text"]
        gold = gold_quotes(record)
        article = cleaned[str(record["id"])]
        mapping = _offset_map(text, article.text) if article is not None else []
        systems = {
            "find_quotes": _find_quotes(article, mapping) if article is not None else [],
            "brief": _brief_quotes(briefs[article.id], article.id, mapping) if article is not None else [],
            "quote marks": _baseline(text),
        }
        for name, predictions in systems.items():
            tally = tallies[name]
            pairs = match_quotes(predictions, gold)
            tally.predicted += len(predictions)
            tally.gold += len(gold)
            tally.matched += len(pairs)
            matched_gold = {k for _, k in pairs}
            for k, quote in enumerate(gold):
                for kind in _gold_kind(quote):
                    tally.gold_by_kind[kind] += 1
                    tally.by_kind[kind] += k in matched_gold
            for p, k in pairs:
                quote = gold[k]
                if not quote.speaker:
                    continue
                if _is_cue_word(quote.speaker):
                    tally.speaker["speaker is a cue word"] += 1  # an annotation slip: the speaker span is "said"
                    continue
                kind = _speaker_kind(quote)
                target = quote.speaker
                if kind == "pronoun":
                    target = _referent(record, quote.speaker, quote.speaker_start)
                    if not target:
                        first_person = fold(quote.speaker.strip()) in _FIRST_PERSON
                        tally.speaker["pronoun, first person" if first_person else "pronoun, no referent"] += 1
                        continue
                right = speaker_is_right(predictions[p].speaker, target)
                tally.speaker[f"{kind}: total"] += 1
                tally.speaker[f"{kind}: right"] += right
                if name == "find_quotes" and not right:
                    cause = _speaker_error(text, quote, predictions[p])
                    speaker_errors[cause] += 1
                    if len(wrong_speakers) < examples:
                        wrong_speakers.append(
                            {
                                "article": record["id"],
                                "quote": quote.text[:120],
                                "gold": quote.speaker,
                                "target": target,
                                "predicted": predictions[p].speaker,
                                "how": predictions[p].how,
                                "cause": cause,
                            }
                        )
            short = {k for k, quote in enumerate(gold) if len(words(quote.text)) <= SHORT_QUOTE_WORDS}
            tally.long_gold += len(gold) - len(short)
            tally.long_matched += sum(1 for _, k in pairs if k not in short)
            tally.predicted_on_short += sum(1 for _, k in pairs if k in short)
            if name != "find_quotes":
                continue
            matched_predictions = {p for p, _ in pairs}
            for k, quote in enumerate(gold):
                if k in matched_gold:
                    continue
                cause = _miss_cause(text, quote)
                miss_causes[cause] += 1
                if len(misses) < examples:
                    misses.append(
                        {
                            "article": record["id"],
                            "quote": quote.text[:160],
                            "kinds": _gold_kind(quote),
                            "cause": cause,
                            "context": text[max(0, quote.start - 60) : quote.end + 60],
                        }
                    )
            for p, prediction in enumerate(predictions):
                if p not in matched_predictions and len(false_alarms) < examples:
                    false_alarms.append(
                        {
                            "article": record["id"],
                            "quote": text[prediction.start : prediction.end][:160],
                            "speaker": prediction.speaker,
                            "context": text[max(0, prediction.start - 60) : prediction.end + 60],
                        }
                    )
    result_systems = {}
    for name, tally in tallies.items():
        speaker = tally.speaker
        totals = {kind: speaker[f"{kind}: total"] for kind in ("name", "pronoun", "description")}
        rights = {kind: speaker[f"{kind}: right"] for kind in totals}
        all_total = sum(totals.values())
        result_systems[name] = {
            **score_detection(tally.matched, tally.predicted, tally.gold),
            "predicted": tally.predicted,
            "gold": tally.gold,
            "matched": tally.matched,
            # Quotes of 4+ words alone: predictions matching a short gold quote are left out.
            "long_quotes": score_detection(
                tally.long_matched, tally.predicted - tally.predicted_on_short, tally.long_gold
            ),
            "recall_by_kind": {
                kind: {"gold": count, "recall": round(tally.by_kind[kind] / count, 3)}
                for kind, count in sorted(tally.gold_by_kind.items())
            },
            "speaker_accuracy": round(sum(rights.values()) / all_total, 3) if all_total else None,
            "speaker_by_kind": {
                kind: {"quotes": totals[kind], "accuracy": round(rights[kind] / totals[kind], 3)}
                for kind in totals
                if totals[kind]
            },
            "speaker_unresolved_pronouns": speaker["pronoun, no referent"],
            "speaker_first_person": speaker["pronoun, first person"],
            "speaker_is_cue_word": speaker["speaker is a cue word"],
        }
    result = {
        "file": str(path),
        "articles": len(records),
        "rejected_articles": sum(1 for a in cleaned.values() if a is None),
        "systems": result_systems,
        "target": {"f1": TARGET_F1, "speaker_accuracy": TARGET_SPEAKER},
        "meets_target": result_systems["find_quotes"]["f1"] >= TARGET_F1
        and (result_systems["find_quotes"]["speaker_accuracy"] or 0) >= TARGET_SPEAKER,
        "misses": misses,
        "false_alarms": false_alarms,
        "wrong_speakers": wrong_speakers,
        "speaker_errors": dict(speaker_errors.most_common()),
        "miss_causes": dict(miss_causes.most_common()),
        "faithfulness": {"briefs": len(briefs), "problems": problems[:50], "problem_count": len(problems)},
    }
    if basil is not None:
        result["basil"] = evaluate_basil_quotes(basil, settings)
        result["faithfulness"]["briefs"] += result["basil"]["faithfulness"]["briefs"]
        result["faithfulness"]["problem_count"] += result["basil"]["faithfulness"]["problem_count"]
        result["faithfulness"]["problems"] += result["basil"]["faithfulness"]["problems"][:10]
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


# --- BASIL ------------------------------------------------------------------------------

_GROUP_WORDS = frozenset(
    "lawmakers officials campaign democrats republicans catholics plaintiffs and administration".split()
)


def _basil_annotations(folder: Path) -> dict[str, list[dict]]:
    """Return ``{article id: [phrase annotations marked as quotes]}`` from BASIL's original tarball."""
    archive = folder / "basil_original.tar.gz"
    if not archive.is_file():
        raise InputError(f"{archive}: no such file; give the BASIL folder of shared/data")
    found: dict[str, list[dict]] = defaultdict(list)
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar.getmembers():
            if not member.name.endswith("_ann.json"):
                continue
            handle = tar.extractfile(member)
            if handle is None:
                continue
            data = json.load(handle)
            article = Path(member.name).name[: -len("_ann.json")]
            for phrase in data.get("phrase-level-annotations") or []:
                if phrase.get("quote") == "yes" and phrase.get("txt"):
                    found[article].append(phrase)
    return found


def _named_speaker(speaker: str) -> str:
    """Return "Donald Trump" for BASIL's "Donald_Trump"; "" for groups and other_* labels."""
    parts = speaker.split("_")
    if len(parts) < 2 or speaker.startswith("other") or any(p.lower() in _GROUP_WORDS for p in parts):
        return ""
    return " ".join(parts) if all(p[:1].isupper() for p in parts) else ""


def _locate(text: str, phrase: str) -> tuple[int, int] | None:
    position = text.find(phrase)
    if position >= 0:
        return position, position + len(phrase)
    pattern = r"\s+".join(re.escape(w) for w in phrase.split())
    match = re.search(pattern, text)
    return match.span() if match else None


def _stem_set(text: str) -> set[str]:
    stemmer = porter_stemmer()
    return {stemmer.stem(w) for w in content_words(text)}


def evaluate_basil_quotes(folder: str | Path, settings: Settings | None = None, limit: int | None = None) -> dict:
    """Return recall and speaker accuracy on BASIL's quote annotations, and the cross-outlet merge rate.

    BASIL's quote spans are bias annotations, not every quote, so only recall
    is scored.  Events are briefed as three-outlet stories, as a user would
    see them.  ``limit`` keeps the first events only.
    """
    from newsfuse.brief.names import lower_words, scan_names
    from newsfuse.brief.people import People
    from newsfuse.brief.quotes import find_quotes
    from newsfuse.evaluate._briefing import clean_clusters, read_clusters

    settings = settings or Settings()
    folder = Path(folder)
    annotations = _basil_annotations(folder)
    clusters = clean_clusters(read_clusters(folder / "articles.jsonl", limit), settings)
    briefs = brief_clusters([(c.id, c.articles) for c in clusters], settings)
    problems = [p for b in briefs.values() for p in faithfulness_problems(b)]
    located = recalled = named = named_right = 0
    misses: list[dict] = []
    pairs_total = pairs_merged = pairs_detected = 0
    merge_misses: list[dict] = []
    for cluster in clusters:
        articles = cluster.articles
        mentions = [scan_names(a.text, lower_words(a.text)) for a in articles]
        people = People(m for group in mentions for m in group)
        for article, article_mentions in zip(articles, mentions):
            quotes = find_quotes(article, people, article_mentions)
            for phrase in annotations.get(article.id, []):
                span = _locate(article.text, phrase["txt"])
                if span is None:
                    continue
                located += 1
                best = None
                for quote in quotes:
                    overlap = min(quote.end, span[1]) - max(quote.start, span[0])
                    shorter = min(quote.end - quote.start, span[1] - span[0])
                    if overlap > 0 and overlap >= MATCH_OVERLAP * shorter:
                        best = quote
                        break
                recalled += best is not None
                speaker = _named_speaker(phrase.get("speaker") or "")
                if best is not None and speaker:
                    named += 1
                    named_right += speaker_is_right(best.speaker, speaker)
                if best is None and len(misses) < 20:
                    misses.append(
                        {"article": article.id, "quote": phrase["txt"][:160], "speaker": phrase.get("speaker")}
                    )
        # Merge rate: the same statement quoted by two outlets.
        brief = briefs.get(cluster.id)
        if brief is None:
            continue
        segments = [
            (a.id, a.source, start, end, _stem_set(a.text[start:end]))
            for a in articles
            for start, end, _ in quoted_segments(a.text)
            if len(words(a.text[start:end])) > SHORT_QUOTE_WORDS
        ]
        where = {}
        for number, quote in enumerate(brief.quotes):
            for version in quote.versions:
                for evidence in version.evidence:
                    where.setdefault(evidence.article, []).append((evidence.start, evidence.end, number))

        def quote_of(article_id: str, start: int, end: int) -> int | None:
            for low, high, number in where.get(article_id, []):
                overlap = min(high, end) - max(low, start)
                if overlap > 0 and overlap >= MATCH_OVERLAP * min(high - low, end - start):
                    return number
            return None

        for x, a in enumerate(segments):
            for b in segments[x + 1 :]:
                if a[1] == b[1]:
                    continue
                shared = len(a[4] & b[4])
                if shared < SAME_QUOTE_MIN_SHARED or shared < SAME_QUOTE_OVERLAP * min(len(a[4]), len(b[4])):
                    continue
                pairs_total += 1
                qa, qb = quote_of(a[0], a[2], a[3]), quote_of(b[0], b[2], b[3])
                if qa is not None and qb is not None:
                    pairs_detected += 1
                    pairs_merged += qa == qb
                if (qa is None or qb is None or qa != qb) and len(merge_misses) < 20:
                    text_a = next(x.text for x in articles if x.id == a[0])[a[2] : a[3]]
                    text_b = next(x.text for x in articles if x.id == b[0])[b[2] : b[3]]
                    merge_misses.append(
                        {
                            "event": cluster.id,
                            "a": f"{a[1]}: {text_a[:120]}",
                            "b": f"{b[1]}: {text_b[:120]}",
                            "why": "not both in the brief" if qa is None or qb is None else "two separate quotes",
                        }
                    )
    multi = [q for b in briefs.values() for q in b.quotes if len(q.sources) > 1]
    return {
        "folder": str(folder),
        "events": len(clusters),
        "quotes_located": located,
        "recall": round(recalled / located, 3) if located else 0.0,
        "named_speaker_quotes": named,
        "speaker_accuracy": round(named_right / named, 3) if named else None,
        "misses": misses,
        "merge": {
            "pairs": pairs_total,
            "both_in_brief": pairs_detected,
            "merged": pairs_merged,
            "merge_rate": round(pairs_merged / pairs_total, 3) if pairs_total else 0.0,
            "merge_rate_when_both_in_brief": round(pairs_merged / pairs_detected, 3) if pairs_detected else 0.0,
            "brief_quotes": sum(len(b.quotes) for b in briefs.values()),
            "brief_quotes_multi_outlet": len(multi),
            "misses": merge_misses,
        },
        "faithfulness": {"briefs": len(briefs), "problems": problems[:20], "problem_count": len(problems)},
    }


def format_quotes_table(result: dict, examples: int = 5) -> str:
    """Return a Markdown report of an ``evaluate_quotes`` result."""
    lines = [
        f"Quotes: {result['articles']} PolNeAR articles ({result['file']}), "
        f"{result['systems']['find_quotes']['gold']} gold quoted segments",
        "",
        "| system | predicted | matched | precision | recall | F1 | speaker accuracy |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in result["systems"].items():
        accuracy = "-" if row["speaker_accuracy"] is None or name == "quote marks" else f"{row['speaker_accuracy']:.3f}"
        lines.append(
            f"| {name} | {row['predicted']} | {row['matched']} | {row['precision']:.3f} | {row['recall']:.3f} | "
            f"{row['f1']:.3f} | {accuracy} |"
        )
    lines += ["", "| system, quotes of 4+ words only | precision | recall | F1 |", "|---|---:|---:|---:|"]
    for name, row in result["systems"].items():
        long = row["long_quotes"]
        lines.append(f"| {name} | {long['precision']:.3f} | {long['recall']:.3f} | {long['f1']:.3f} |")
    main = result["systems"]["find_quotes"]
    lines += ["", "| gold quotes | count | recall (find_quotes) | recall (brief) |", "|---|---:|---:|---:|"]
    for kind, row in main["recall_by_kind"].items():
        brief_row = result["systems"]["brief"]["recall_by_kind"].get(kind, {"recall": 0.0})
        lines.append(f"| {kind} | {row['gold']} | {row['recall']:.3f} | {brief_row['recall']:.3f} |")
    lines += ["", "| gold speaker | matched quotes | accuracy (find_quotes) |", "|---|---:|---:|"]
    for kind, row in main["speaker_by_kind"].items():
        lines.append(f"| {kind} | {row['quotes']} | {row['accuracy']:.3f} |")
    lines.append(
        f"Left out: pronoun speakers with no named referent {main['speaker_unresolved_pronouns']}, "
        f"first-person speakers (a narrator no article names) {main.get('speaker_first_person', 0)}, "
        f"gold speaker spans that are the cue word ('said') {main.get('speaker_is_cue_word', 0)}"
    )
    if result.get("miss_causes"):
        lines += ["", "| why a gold quote is missed (find_quotes) | quotes |", "|---|---:|"]
        lines += [f"| {cause} | {count} |" for cause, count in result["miss_causes"].items()]
    if result.get("speaker_errors"):
        lines += ["", "| why the speaker is wrong (find_quotes) | quotes |", "|---|---:|"]
        lines += [f"| {cause} | {count} |" for cause, count in result["speaker_errors"].items()]
    lines.append(
        f"Target F1 >= {result['target']['f1']}, speaker accuracy >= {result['target']['speaker_accuracy']}: "
        f"{'met' if result['meets_target'] else 'NOT met'}"
    )
    basil = result.get("basil")
    if basil:
        merge = basil["merge"]
        lines += [
            "",
            f"BASIL ({basil['events']} events): quote spans found {basil['recall']:.3f} of {basil['quotes_located']}; "
            f"speaker right {basil['speaker_accuracy'] if basil['speaker_accuracy'] is not None else '-'} "
            f"of {basil['named_speaker_quotes']} with a named speaker",
            f"Merge: {merge['pairs']} cross-outlet pairs of one statement; both in the brief {merge['both_in_brief']}; "
            f"merged {merge['merged']} (rate {merge['merge_rate']:.3f}; {merge['merge_rate_when_both_in_brief']:.3f} "
            f"when both are in the brief); brief quotes {merge['brief_quotes']}, "
            f"{merge['brief_quotes_multi_outlet']} carried by 2+ outlets",
        ]
    lines.append(
        f"Faithfulness: {result['faithfulness']['problem_count']} problems in {result['faithfulness']['briefs']} briefs"
    )
    if examples:
        for label, rows, fields in (
            ("Missed gold quotes", result["misses"], ("quote", "kinds")),
            ("False alarms", result["false_alarms"], ("quote", "speaker")),
            ("Wrong speakers", result["wrong_speakers"], ("quote", "target", "predicted")),
        ):
            if rows:
                lines += ["", f"{label} (first few):"]
                lines += [f"- {r['article']}: " + " | ".join(str(r[f]) for f in fields) for r in rows[:examples]]
    return "\n".join(lines)

