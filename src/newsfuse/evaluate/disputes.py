"""Disputes measured by injection: controlled disagreements planted in real multi-outlet stories.

Real stories rarely come with a list of what their outlets disagree on, so
this evaluation makes one.  In each gold story (a cluster of a clustering
file, or a line of a summarization file) the *injector* looks for a fact that
two outlets report alike, in sentences that share their context, and changes
it in one of them:

* ``number``: a count with what it counts, "12 people" → "16 people";
* ``title``: a person's title, "Senator Warren" → "former Senator Warren";
* ``date``: a weekday ("on Monday" → "on Wednesday") or a day of a month;
* ``duration``: "three days" → "five days", "30-hour" → "39-hour";
* ``place``: a known city, country or US state after "in/at/near", → another
  of the same kind that the story never mentions;
* ``age`` (only when asked for: ``kinds``): a person's age written with the
  name, "Kevin Johnson, 25," → "Kevin Johnson, 27," (and "25-year-old Kevin
  Johnson" alike).

One fact per story is edited, everywhere the edited article states it (an
article that gave both values would contradict itself, not the other
outlets), in the raw text before ``clean_article``; the edited article must
be its outlet's only article and no near-copy of another, and both values
must be unhedged, so the disagreement is unambiguous.  Briefs are then built
for the story as it was and as edited, in the same run.

Recall: the share of injected edits that the perturbed brief's ``disputes``
name with both values and the right outlets (the new value carried by the
edited outlet and not by the old value's version; the old value by at least
one outlet that reported the fact).  Sharing context words does not make
two sentences one fact ("Akin on Tuesday refused to step down" / "Romney
joined Republicans Tuesday in calling on Akin to give up his bid"), but no
general rule tried told them apart better than it dropped real
disagreements, when read; so every edit of the development runs was read,
and those that contradict no outlet (``NOT_A_DISAGREEMENT``) are planted
but kept out of recall (a dispute flagged for one is a false alarm).
Values that are no fact of the story are never edited: a weekday in a name
("Fox News Sunday"), the date signing an embedded post, a place inside a
longer name ("Oklahoma City").

Precision: every flagged dispute, on unmodified and perturbed stories, is
either the injected one, or judged a *real* pre-existing difference, or a
false alarm.  The rule for "real" (``judge_dispute``): the values of two
versions truly differ (numbers parse to different values, titles and dates
and places differ once folded), and the two versions' evidence sentences are
about the same thing: for a title both name the person, otherwise they share
at least ``REAL_MIN_SHARED`` content words besides the values and
``REAL_MIN_OVERLAP`` of the shorter sentence's.  Every flagged dispute is
listed in the result so that the judge can be audited by reading.

Example:
    >>> result = evaluate_disputes(["../shared/data/basil/articles.jsonl"], limit=10)   # doctest: +SKIP
    >>> print(format_disputes_table(result))                                          # doctest: +SKIP
"""

from __future__ import annotations

import math
import random
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from newsfuse.config import Settings
from newsfuse.evaluate._briefing import (
    Cluster,
    brief_clusters,
    clean_clusters,
    faithfulness_problems,
    porter_stemmer,
    read_clusters,
)
from newsfuse.models import Article, Brief, CleanArticle, Dispute, outlet_of
from newsfuse.text import content_words, fold, words

__all__ = [
    "ALL_KINDS",
    "KINDS",
    "Injection",
    "choose_injection",
    "edit_is_visible",
    "evaluate_disputes",
    "find_injections",
    "format_disputes_table",
    "inject",
    "is_read_non_disagreement",
    "judge_dispute",
    "match_injection",
]

# The kinds the issue names, planted by default; ``ALL_KINDS`` adds those measured on request.
KINDS = ("number", "title", "date", "duration", "place")
ALL_KINDS = (*KINDS, "age")

# The targets.
TARGET_PRECISION = 0.9
TARGET_RECALL = 0.8

# Two sentences report one fact when they share at least this many content
# words besides the value, and this share of the shorter one's.  Read on
# BASIL triplets: below 3 shared words pairs share a topic ("Trump",
# "Tuesday") but not a statement.  Read on all 227 edits of the development
# runs: 12 still pair two facts (``NOT_A_DISAGREEMENT``); stricter rules on
# the value's clause, the day of telling or the parsed verb and subject
# dropped more real disagreements than not (docs/history.md).
SUPPORT_MIN_SHARED = 3
SUPPORT_MIN_OVERLAP = 0.2
# The judge of "real" pre-existing differences asks for close paraphrases
# (see ``judge_dispute``): of the 22 disputes flagged on the unmodified
# development stories, the 5 real ones that were not audited by hand would
# need 0.4 to pass, but 12 false ones pass 0.5, so only a hand audit
# (``AUDITED``) separates them; this rule is the fallback and errs strict.
REAL_MIN_SHARED = 3
REAL_MIN_OVERLAP = 0.8

# A changed count moves by at least this share (and by at least 2), beyond
# the 10% that a round number may stand for.
CHANGE_SHARE = 0.3
# A changed age moves by this many years: a misreport, not a birthday.
AGE_CHANGE = 2

SEED = "newsfuse-disputes-1"
# Suffix of the ids of edited stories and of their articles.
EDITED = "#edited"

# --- Lexicon of the injector (independent of newsfuse's own) -----------------

_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
    "sixteen seventeen eighteen nineteen twenty".split()
_WORD_VALUE = {w: n for n, w in enumerate(_UNITS)}
_WORD_VALUE.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60})
_NUMBER_WORDS = sorted((w for w in _WORD_VALUE if _WORD_VALUE[w] >= 2), key=len, reverse=True)
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+|" + "|".join(_NUMBER_WORDS) + r")"
_HEDGE = re.compile(
    r"\b(?:about|around|approximately|roughly|some|estimated|nearly|almost|close to|under|over|more than|"
    r"less than|fewer than|at least|at most|up to|as many as|as few as|upwards of|only|just|dozens of|"
    r"hundreds of|thousands of)\s+$",
    re.IGNORECASE,
)
# The tail of a number split by cleaning ("4, 051 yards" for 4,051): not a count of its own.
_SPLIT_NUMBER = re.compile(r"\d,\s+$")
_TIME_UNITS = ("second", "minute", "hour", "day", "week", "month", "year", "decade")
_COUNT_NOUN_EXTRA = frozenset(
    "people police children men women troops staff killed dead injured wounded missing arrested hurt "
    "personnel cattle".split()
)
_NOT_COUNTED = frozenset(
    "times percent points cents dollars pounds euros votes am pm as its his her their".split()
)
# A count is a number and the noun right after it ("12 people") or after one
# adjective ("12 other people"); both readings are tried, the direct one first.
_COUNT = re.compile(
    rf"(?<![\w$£€#.,/-])(?P<num>{_NUMBER})(?P<gap>\s+)(?P<noun>[a-z][a-z'-]{{2,}})\b(?!-)"
)
_COUNT_WITH_ADJECTIVE = re.compile(
    rf"(?<![\w$£€#.,/-])(?P<num>{_NUMBER})(?P<gap>\s+[a-z][a-z'-]+\s+)(?P<noun>[a-z][a-z'-]{{2,}})\b(?!-)"
)
_DURATION = re.compile(
    rf"(?<![\w$£€#.,/-])(?P<num>{_NUMBER})(?P<sep>-|\s)(?P<unit>{'|'.join(_TIME_UNITS)})"
    r"(?P<plural>s)?(?P<tail>-long)?\b"
    r"(?!-old|\s+old\b|\s+ago\b|-olds?\b)",
    re.IGNORECASE,
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = re.compile(r"\b(?P<day>" + "|".join(_WEEKDAYS) + r")\b")
# A weekday that is part of a name: a programme ("Fox News Sunday") or a
# named day ("Patch Tuesday", "Black Friday").
_NAMED_DAY = re.compile(r"\b(?:News|Patch|Super|Black|Cyber|Good|Ash|Easter|Palm|Bloody)\s+$")
# The signature line of an embedded post: "— Name (@handle) February 27, 2017".
_POST_SIGNATURE = re.compile(r"\(@\w+\)\s*$")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_MONTH_DAY = re.compile(r"\b(?P<month>" + "|".join(_MONTHS) + r")\s+(?P<day>\d{1,2})\b(?![\d,]\d|:|\.\d)")
_TITLE_FORMS = {
    "Vice President": "Vice President", "President": "President", "Prime Minister": "Prime Minister",
    "Secretary of State": "Secretary of State", "Attorney General": "Attorney General",
    "Senator": "Senator", "Sen.": "Senator", "Governor": "Governor", "Gov.": "Governor",
    "Representative": "Representative", "Rep.": "Representative", "Mayor": "Mayor",
    "Chancellor": "Chancellor", "Speaker": "Speaker", "Judge": "Judge", "General": "General",
    "Gen.": "General", "Sheriff": "Sheriff", "Chief Justice": "Chief Justice",
}
_NAME_WORD = r"[A-Z][a-zA-Z'’\-]+"
_TITLE = re.compile(
    r"(?<![\w.-])(?P<title>" + "|".join(re.escape(t) for t in sorted(_TITLE_FORMS, key=len, reverse=True)) + r")"
    rf"\s+(?P<name>(?:{_NAME_WORD}\s+|[A-Z]\.\s+){{0,2}}{_NAME_WORD})"
)
_TITLE_STATUS_BEFORE = re.compile(
    r"(?:former|ex-|then-|late|acting|outgoing|incoming|elect|vice|deputy|the)\s*$", re.IGNORECASE
)
_NOT_SURNAME = frozenset(
    [*(w.lower() for w in _WEEKDAYS), *(m.lower() for m in _MONTHS), "obama's", "administration", "house",
     "office", "campaign", "and", "of", "the"]
)
_CITIES = (
    "London", "Paris", "Berlin", "Moscow", "Kyiv", "Kiev", "Beijing", "Tokyo", "Los Angeles", "Chicago",
    "Houston", "Boston", "Dallas", "Miami", "Atlanta", "Seattle", "Denver", "Philadelphia", "Detroit",
    "Phoenix", "San Francisco", "Baltimore", "Toronto", "Sydney", "Rome", "Madrid", "Istanbul", "Cairo",
    "Baghdad", "Kabul", "Tehran", "Jerusalem", "Geneva", "Brussels", "Vienna", "Dubai", "Mumbai",
    "Seoul", "Mexico City", "Las Vegas", "Orlando", "Minneapolis", "Cleveland", "Pittsburgh", "Nashville",
    "Austin", "Sacramento", "San Diego", "Tampa", "New Orleans", "Honolulu", "Charlotte", "Milwaukee",
    "Cincinnati", "Indianapolis", "Columbus", "Des Moines", "Manchester", "Hong Kong", "Shanghai",
)
_COUNTRIES = (
    "France", "Germany", "Italy", "Spain", "Russia", "Ukraine", "China", "Japan", "India", "Pakistan",
    "Afghanistan", "Iraq", "Iran", "Syria", "Israel", "Egypt", "Mexico", "Canada", "Brazil", "Australia",
    "Turkey", "Nigeria", "Kenya", "South Africa", "North Korea", "South Korea", "Saudi Arabia", "Venezuela",
    "Cuba", "Britain", "Ireland", "Greece", "Poland", "Sweden", "Norway", "Libya", "Yemen", "Lebanon",
    "Jordan", "Qatar", "Colombia", "Peru", "Chile", "Argentina", "Indonesia", "Philippines", "Vietnam",
    "Thailand", "Haiti", "Belgium", "Austria", "Switzerland", "Denmark", "Finland", "Portugal",
)
_STATES = (
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
    "Florida", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine",
    "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska",
    "Nevada", "New Hampshire", "New Jersey", "New Mexico", "North Carolina", "North Dakota", "Ohio",
    "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee",
    "Texas", "Utah", "Vermont", "Virginia", "Wisconsin", "Wyoming",
)
# "Kevin Johnson, 25," and "25-year-old Kevin Johnson" (a few lower-case words may come between).
_AGE_AFTER = re.compile(rf"(?<![\w.-])(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}),\s+(?P<age>\d{{1,2}}),")
_AGE_BEFORE = re.compile(
    rf"(?<![\w.-])(?P<age>\d{{1,2}})-year-old\s+(?:[a-z]+\s+){{0,2}}(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})\b"
)
_PLACES = {**{p: "city" for p in _CITIES}, **{p: "country" for p in _COUNTRIES}, **{p: "state" for p in _STATES}}
_MODIFIER = "|".join(
    [r"U\.S\.", "US", "Republican", "Democratic", "GOP", "Democrat", "Independent", "Conservative", "Labour",
     *"""Russian Ukrainian American British French German Chinese Israeli Iranian Syrian Iraqi Afghan Egyptian
     Mexican Canadian Turkish Saudi Venezuelan Cuban Palestinian Japanese Indian Pakistani Italian Spanish
     Greek Polish Libyan Yemeni Lebanese Australian Brazilian Nigerian Kenyan""".split(),
     "North Korean", "South Korean",
     *(re.escape(p) for p in sorted((*_STATES, *_COUNTRIES), key=len, reverse=True))]
)
_PLACE = re.compile(
    r"\b(?P<prep>in|at|near|outside)\s+(?:the\s+)?(?P<place>"
    + "|".join(re.escape(p) for p in sorted(_PLACES, key=len, reverse=True))
    + r")\b(?!\s+(?:Times|Post|Daily|Journal|Police|University|Stock|Herald|Tribune|Globe|Magazine)\b)(?![’'-])"
    # "in Oklahoma City", "in Los Angeles County": a longer name, not the place listed.
    r"(?!\s+(?:City|County|Bay|Beach|Springs|Heights)\b)"
)


@dataclass(frozen=True, slots=True)
class Injection:
    """One planted disagreement: what was changed, where, and who still says the old value.

    ``old``/``new`` are the changed words ("12"/"16", "Senator"/"former
    Senator", "Monday"/"Wednesday"); ``subject`` what they are about
    ("people", a person's surname, ...); ``outlet`` the edited article's
    outlet; ``support`` the outlets whose articles give the old value in a
    sentence that shares the edited sentence's context.
    """

    cluster: str
    kind: str
    article: str
    outlet: str
    old: str
    new: str
    subject: str
    support: tuple[str, ...]
    sentence: str
    pattern: str  # regular expression of the old phrase in the edited article
    replacement: str  # what each match becomes (a ``re.sub`` template)
    check: str = ""  # regular expression the edited clean text must match (the new phrase)


@dataclass(frozen=True, slots=True)
class _Mention:
    article: int
    start: int
    end: int
    kind: str
    value: str  # the value as compared ("12", "Senator", "Monday", "March 5", "3 day", "Paris")
    key: str  # what it is the value of ("people", "warren", "weekday", "day", "place:city")
    phrase: str


def _number_value(text: str) -> int | None:
    text = text.lower().replace(",", "")
    if text.isdigit():
        return int(text)
    tens, _, unit = text.partition("-")
    if unit and _WORD_VALUE.get(tens, 0) >= 20 and _WORD_VALUE.get(unit, 99) < 10:
        return _WORD_VALUE[tens] + _WORD_VALUE[unit]  # "sixty-five"
    return _WORD_VALUE.get(text)


def _format_like(old: str, value: int) -> str:
    """Return ``value`` written like ``old``: words stay words, thousands keep their commas."""
    if old.isalpha():
        for word, number in _WORD_VALUE.items():
            if number == value:
                return word.capitalize() if old[0].isupper() else word
        return str(value)
    return f"{value:,}" if "," in old else str(value)


def _changed_number(old: str, avoid: set[int]) -> str | None:
    value = _number_value(old)
    if value is None:
        return None
    step = max(2, math.ceil(value * CHANGE_SHARE))
    for candidate in (value + step, value + step + 1, value + 2 * step):
        if candidate not in avoid:
            return _format_like(old, candidate)
    return None


def _is_hedged(text: str, start: int) -> bool:
    return bool(_HEDGE.search(text[max(0, start - 25) : start]))


def _sentence_at(article: CleanArticle, offset: int) -> str:
    for sentence in article.sentences:
        if sentence.start <= offset < sentence.end:
            return sentence.text
    return ""


def _shares_context(a: str, b: str, skip: set[str], minimum: int, overlap: float) -> bool:
    words_a = set(content_words(a)) - skip
    words_b = set(content_words(b)) - skip
    if not words_a or not words_b:
        return False
    shared = len(words_a & words_b)
    return shared >= minimum and shared / min(len(words_a), len(words_b)) >= overlap


def _mentions(index: int, article: CleanArticle) -> list[_Mention]:
    """Return the values of one clean article that the injector can change."""
    text = article.text
    found: list[_Mention] = []
    durations = []
    for match in _DURATION.finditer(text):
        if _number_value(match.group("num")) is None or _is_hedged(text, match.start()):
            continue
        if _SPLIT_NUMBER.search(text, max(0, match.start() - 6), match.start()):
            continue
        durations.append(match.span())
        unit = match.group("unit").lower()
        found.append(
            _Mention(index, match.start(), match.end(), "duration", match.group("num"), unit, match.group())
        )
    counts = sorted(
        [*_COUNT.finditer(text), *_COUNT_WITH_ADJECTIVE.finditer(text)], key=lambda m: (m.start(), m.end())
    )
    counted: set[int] = set()
    for match in counts:
        if match.start() in counted or any(a <= match.start() < b for a, b in durations):
            continue
        noun = match.group("noun").lower()
        number = match.group("num")
        value = _number_value(number)
        if value is None or noun in _NOT_COUNTED or noun.rstrip("s") in _TIME_UNITS:
            continue
        if not (noun.endswith("s") and not noun.endswith("ss") or noun in _COUNT_NOUN_EXTRA):
            continue
        if number.isdigit() and len(number) == 4 and 1800 <= value <= 2100:
            continue  # a year
        before = text[max(0, match.start() - 12) : match.start()]
        if re.search(r"(?:" + "|".join(_MONTHS) + r"|No|No\.|page|Route|Highway|at|Flight)\s*$", before):
            continue
        if _is_hedged(text, match.start()) or _SPLIT_NUMBER.search(text, max(0, match.start() - 6), match.start()):
            continue
        gap = match.group("gap").strip()
        if gap and (fold(gap) in ("of", "and", "or", "to", "in", "a", "the") or not gap.isalpha()):
            continue
        counted.add(match.start())
        found.append(_Mention(index, match.start(), match.end(), "number", number, noun, match.group()))
    for match in _WEEKDAY.finditer(text):
        if _NAMED_DAY.search(text, max(0, match.start() - 12), match.start()):
            continue  # "Fox News Sunday", "Patch Tuesday": a name, not the day of anything
        found.append(_Mention(index, match.start(), match.end(), "date", match.group("day"), "weekday", match.group()))
    for match in _MONTH_DAY.finditer(text):
        day = int(match.group("day"))
        if _POST_SIGNATURE.search(text, max(0, match.start() - 60), match.start()):
            continue  # "— Ev Williams (@ev) February 27, 2017": the date of an embedded post
        if 1 <= day <= 31:
            found.append(
                _Mention(index, match.start(), match.end(), "date", match.group(), "monthday", match.group())
            )
    quoted = _quoted_spans(text)
    for match in _TITLE.finditer(text):
        if _TITLE_STATUS_BEFORE.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        if any(a <= match.start() < b for a, b in quoted):
            continue  # a title in a quotation is the speaker's word, not the outlet's
        surname = re.sub(r"['’]s$", "", match.group("name").split()[-1])
        if fold(surname) in _NOT_SURNAME or len(surname) < 2:
            continue
        title = _TITLE_FORMS[match.group("title")]
        found.append(_Mention(index, match.start(), match.end(), "title", title, fold(surname), match.group()))
    for pattern in (_AGE_AFTER, _AGE_BEFORE):
        for match in pattern.finditer(text):
            surname = match.group("name").split()[-1]
            if fold(surname) in _NOT_SURNAME or fold(match.group("name").split()[0]) in _NOT_SURNAME:
                continue
            found.append(_Mention(index, match.start("age"), match.end("age"), "age", match.group("age"),
                                  fold(surname), match.group()))
    for match in _PLACE.finditer(text):
        place = match.group("place")
        found.append(
            _Mention(index, match.start("place"), match.end("place"), "place", place, f"place:{_PLACES[place]}",
                     match.group())
        )
    return found


_QUOTED = re.compile(r"“[^”\n]{1,1500}”|\"[^\"\n]{1,1500}\"")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of quotations ("…" or “…”, within one paragraph)."""
    return [m.span() for m in _QUOTED.finditer(text)]


def _same_value(a: _Mention, b: _Mention) -> bool:
    if a.kind in ("number", "duration"):
        return _number_value(a.value) == _number_value(b.value)
    return a.value == b.value


def _mentioned(texts: Sequence[str], pattern: str) -> bool:
    return any(re.search(pattern, t) for t in texts)


def find_injections(
    cluster_id: str, articles: Sequence[CleanArticle], duplicates: Sequence[Sequence[str]] = ()
) -> list[Injection]:
    """Return every edit the injector could make in one story, in a stable order.

    An edit changes a value of article A that another outlet's article B
    gives too (same value, same key, context shared by the two sentences),
    where A is its outlet's only article and has no near-copy, and the new
    value occurs nowhere in the story.
    """
    outlets = Counter(outlet_of(a) for a in articles)
    copied = {i for group in duplicates for i in group}
    texts = [a.text for a in articles]
    all_text = "\n".join(texts + [a.title for a in articles])
    mentions = [m for index, article in enumerate(articles) for m in _mentions(index, article)]
    by_key: dict[tuple[str, str], list[_Mention]] = defaultdict(list)
    for mention in mentions:
        by_key[(mention.kind, mention.key)].append(mention)
    numbers_in_story = {
        _number_value(m.group("num")) for m in re.finditer(rf"(?<![\w.,])(?P<num>{_NUMBER})(?![\w,]\d)", all_text)
    }
    candidates: dict[tuple[str, str, str, str], Injection] = {}
    for mention in mentions:
        article = articles[mention.article]
        outlet = outlet_of(article)
        if outlets[outlet] > 1 or article.id in copied:
            continue
        sentence = _sentence_at(article, mention.start)
        if not sentence:
            continue
        skip = {fold(w) for w in words(mention.phrase)}
        support = tuple(
            sorted(
                {
                    outlet_of(articles[other.article])
                    for other in by_key[(mention.kind, mention.key)]
                    if outlet_of(articles[other.article]) != outlet
                    and _same_value(mention, other)
                    # A title or an age is a fact about the person wherever it is written.
                    and (mention.kind in ("title", "age") or _shares_context(
                        sentence, _sentence_at(articles[other.article], other.start), skip,
                        SUPPORT_MIN_SHARED, SUPPORT_MIN_OVERLAP,
                    ))
                }
            )
        )
        if not support:
            continue
        built = _edit(cluster_id, mention, article, outlet, support, sentence, all_text, numbers_in_story)
        if built is not None:
            candidates.setdefault((built.kind, built.article, built.old, built.subject), built)
    return sorted(
        (_with_all_support(c, articles) for c in candidates.values()),
        key=lambda i: (ALL_KINDS.index(i.kind), i.article, i.old, i.subject),
    )


def _with_all_support(injection: Injection, articles: Sequence[CleanArticle]) -> Injection:
    """Return ``injection`` with every outlet that supports one of the mentions it edits.

    The edit changes the fact everywhere the article states it, so an outlet
    giving the old value beside any edited mention (a sentence sharing its
    context) reported the fact: "Liz Cheney, a Wyoming Senate candidate" is
    edited too, not only "a push poll against her in Wyoming".
    """
    if injection.kind == "title":
        return injection  # a title is supported wherever it is written already
    edited = next((a for a in articles if a.id == injection.article), None)
    if edited is None:
        return injection
    skip = {fold(w) for w in words(injection.old)}
    changed = [s.text for s in edited.sentences if re.search(injection.pattern, s.text)]
    support = set(injection.support)
    for other in articles:
        outlet = outlet_of(other)
        if outlet == injection.outlet or outlet in support:
            continue
        for sentence in other.sentences:
            if re.search(injection.pattern, sentence.text) and any(
                _shares_context(mine, sentence.text, skip, SUPPORT_MIN_SHARED, SUPPORT_MIN_OVERLAP) for mine in changed
            ):
                support.add(outlet)
                break
    return replace(injection, support=tuple(sorted(support)))


def _edit(
    cluster_id: str,
    mention: _Mention,
    article: CleanArticle,
    outlet: str,
    support: tuple[str, ...],
    sentence: str,
    story_text: str,
    numbers_in_story: set[int | None],
) -> Injection | None:
    """Return the injection that changes ``mention`` everywhere article A states it, or None."""
    kind = mention.kind
    if kind in ("number", "duration"):
        new_number = _changed_number(mention.value, numbers_in_story)
        if new_number is None:
            return None
        rest = mention.phrase[len(mention.value) :]
        pattern = rf"(?<![\w$£€#.,/-]){re.escape(mention.value)}(?={re.escape(rest)})"
        if kind == "number":
            # Every mention of the count with its noun, with or without an adjective
            # ("her two young children" and "her two children"): an article left
            # giving both values would contradict itself, not the other outlets.
            pattern = (
                rf"(?<![\w$£€#.,/-]){re.escape(mention.value)}"
                rf"(?=\s+(?:[a-z][a-z'-]+\s+)?{re.escape(mention.key)}\b)"
            )
        subject = mention.key
        check = rf"(?<![\w$£€#.,/-]){re.escape(new_number)}(?={re.escape(rest)})"
        return Injection(cluster_id, kind, article.id, outlet, mention.value, new_number, subject, support,
                         sentence, pattern, new_number, check)
    if kind == "date" and mention.key == "weekday":
        index = _WEEKDAYS.index(mention.value)
        for step in (2, 3, 4, 5):
            new_day = _WEEKDAYS[(index + step) % 7]
            if new_day not in story_text:
                return Injection(cluster_id, kind, article.id, outlet, mention.value, new_day, "weekday", support,
                                 sentence, rf"\b{mention.value}\b", new_day, rf"\b{new_day}\b")
        return None
    if kind == "date":
        match = _MONTH_DAY.match(mention.phrase)
        assert match is not None
        day = int(match.group("day"))
        for new in (day + 3, day - 3, day + 5, day - 5):
            if 1 <= new <= 28 and f"{match.group('month')} {new}" not in story_text:
                new_value = f"{match.group('month')} {new}"
                pattern = rf"\b{match.group('month')}\s+{day}\b(?![\d,]\d|:|\.\d)"
                return Injection(cluster_id, kind, article.id, outlet, mention.value, new_value, "day of month",
                                 support, sentence, pattern, new_value, rf"\b{new_value}\b(?!\d)")
        return None
    if kind == "title":
        if re.search(rf"(?:former|ex-)\s*{re.escape(mention.value)}[^.]{{0,40}}\b{re.escape(mention.key)}\b",
                     article.text, re.IGNORECASE):
            return None
        titles = "|".join(re.escape(t) for t, canonical in _TITLE_FORMS.items() if canonical == mention.value)
        surname = re.sub(r"['’]s$", "", mention.phrase.split()[-1])
        # "former" goes before the title's modifiers: "former New Jersey Governor Chris Christie".
        pattern = (
            rf"(?<![\w.-])(?<!former )(?<!Former )(?<!ex-)(?<!then-)(?<!Vice )(?<!vice )"
            rf"(?P<title>(?:(?:{_MODIFIER})\s+){{0,2}}(?:{titles}))"
            rf"(?P<rest>\s+(?:{_NAME_WORD}\s+|[A-Z]\.\s+){{0,2}}{re.escape(surname)}\b)"
        )
        check = (
            rf"\b[Ff]ormer\s+(?:(?:{_MODIFIER})\s+){{0,2}}(?:{titles})"
            rf"\s+(?:{_NAME_WORD}\s+|[A-Z]\.\s+){{0,2}}{re.escape(surname)}\b"
        )
        return Injection(cluster_id, kind, article.id, outlet, mention.value, f"former {mention.value}", mention.key,
                         support, sentence, pattern, r"former \g<title>\g<rest>", check)
    if kind == "age":
        old = int(mention.value)
        surname = re.escape(mention.phrase.split(",")[0].split()[-1] if "," in mention.phrase
                            else mention.phrase.split()[-1])
        for new in (old + AGE_CHANGE, old - AGE_CHANGE):
            if new < 1 or re.search(rf"\b{new}-year-old\b|\b{surname}, {new}\b", story_text):
                continue
            # Every age the article writes with the person's surname.
            pattern = (
                rf"(?<={surname}, ){old}(?=,)"
                rf"|(?<![\w.-]){old}(?=-year-old\s+(?:[a-z]+\s+){{0,2}}(?:{_NAME_WORD}\s+){{0,2}}{surname}\b)"
            )
            check = rf"(?<={surname}, ){new}\b|\b{new}-year-old\b"
            return Injection(cluster_id, kind, article.id, outlet, mention.value, str(new), mention.key, support,
                             sentence, pattern, str(new), check)
        return None
    if kind == "place":
        level = _PLACES[mention.value]
        pool = [p for p, lv in _PLACES.items() if lv == level and p not in story_text and p != mention.value]
        if not pool:
            return None
        new_place = random.Random(f"{SEED}:{cluster_id}:{mention.value}").choice(sorted(pool))
        return Injection(cluster_id, kind, article.id, outlet, mention.value, new_place, f"place ({level})",
                         support, sentence, rf"\b{re.escape(mention.value)}\b(?!-|[’']\w(?<![’']s))", new_place,
                         rf"\b{re.escape(new_place)}\b")
    return None


def choose_injection(
    cluster_id: str, candidates: Sequence[Injection], kind_weights: dict[str, float] | None = None
) -> Injection | None:
    """Return the edit made in a story: a kind drawn among those possible, then an edit of it (seeded).

    ``kind_weights`` favour kinds that few stories offer (weekdays are in
    almost every story, counts shared by two outlets are not), so that every
    kind gets enough edits to be measured.
    """
    if not candidates:
        return None
    rng = random.Random(f"{SEED}:{cluster_id}")
    kinds = sorted({c.kind for c in candidates}, key=ALL_KINDS.index)
    weights = [(kind_weights or {}).get(k, 1.0) for k in kinds]
    kind = rng.choices(kinds, weights=weights)[0]
    return rng.choice([c for c in candidates if c.kind == kind])


def inject(article: Article, injection: Injection) -> Article:
    """Return ``article`` (raw, before cleaning) with the injected edit made in its title and text.

    Example:
        >>> from newsfuse.models import Article
        >>> edit = Injection("s", "number", "a", "Wire", "12", "16", "people", ("Daily",), "",
        ...                  r"(?<![\\w$£€#.,/-])12(?= people)", "16")
        >>> inject(Article("a", "Wire", "", "At least 9 and then 12 people died."), edit).text
        'At least 9 and then 16 people died.'
    """
    text = re.sub(injection.pattern, injection.replacement, article.text)
    title = re.sub(injection.pattern, injection.replacement, article.title)
    if injection.kind == "title":
        # "former President" opening a sentence is written "Former President".
        text = re.sub(r"(^|[.!?]\s+|\n)former ", lambda m: m.group(1) + "Former ", text)
        title = re.sub(r"^former ", "Former ", title)
    return replace(article, text=text, title=title)


def edit_is_visible(injection: Injection, text: str) -> bool:
    """Return whether an edited clean text states the new value and no longer the old one."""
    if not re.search(injection.check, text):
        return False
    if injection.kind == "title":
        # "former Russian President Putin" still holds "President Putin": only a
        # title mention with no "former" just before it is the old value.
        return not any(
            not re.search(r"[Ff]ormer\s+(?:\S+\s+){0,2}$", text[max(0, m.start() - 40) : m.start()])
            for m in re.finditer(injection.pattern, text)
        )
    return not re.search(injection.pattern, text)


# Verdicts from reading the disputes flagged on the development data
# (shared/data basil, ecbplus, multinews_sample): (story, kind, folded
# values) -> real difference?  A dispute not listed falls back on the strict
# rule of ``judge_dispute``.  Extend it after reading new flagged disputes
# (``--json`` lists them under "flagged").
AUDITED: dict[tuple[str, str, frozenset[str]], bool] = {
    ('35_ecb', 'date', frozenset(['sunday', 'tuesday'])): False,
    ('1_ecb', 'place', frozenset(['des moines', 'malibu'])): True,  # the edited value against a third one
    ('multinews_val_017', 'number', frozenset(['eight', 'six'])): True,
    ('1ed4f378-b9d4-43b8-8d50-53d0cc063332', 'date', frozenset(['monday', 'sunday'])): False,
    ('2742e9c1-2943-496f-8b23-faf5332e1612', 'date', frozenset(['thursday', 'wednesday'])): False,
    ('79bf99c6-6fca-4ce4-8ae1-8771de026142', 'date', frozenset(['2002', '2003'])): True,
    ('96b7046f-f584-422f-a626-6f86a26dfd8b', 'date', frozenset(['friday', 'monday'])): False,
    ('1_ecb', 'place', frozenset(['los angeles', 'malibu'])): False,
    ('1_ecbplus', 'date', frozenset(['friday', 'thursday'])): True,
    ('12_ecb', 'number', frozenset(['246', 'some 420'])): False,
    ('12_ecb', 'number', frozenset(['three', 'two'])): True,
    ('12_ecbplus', 'date', frozenset(['friday', 'thursday'])): False,
    ('14_ecb', 'date', frozenset(['friday', 'saturday'])): False,
    ('16_ecbplus', 'number', frozenset(['one', 'two'])): False,
    ('18_ecbplus', 'number', frozenset(['three', 'two'])): False,
    ('18_ecbplus', 'date', frozenset(['monday', 'thursday'])): False,
    ('2_ecb', 'date', frozenset(['friday', 'sunday'])): False,
    ('20_ecbplus', 'number', frozenset(['000', '600', 'more than 26'])): False,
    ('20_ecb', 'number', frozenset(['five', 'three', 'two'])): True,
    ('21_ecb', 'date', frozenset(['thursday', 'wednesday'])): False,
    ('22_ecbplus', 'number', frozenset(['three', 'two'])): False,
    ('24_ecbplus', 'place', frozenset(['cannes', 'paris'])): False,
    ('25_ecb', 'number', frozenset(['10', 'four'])): False,
    ('25_ecb', 'date', frozenset(['thursday', 'wednesday'])): False,
    ('28_ecb', 'date', frozenset(['friday', 'thursday'])): True,
    ('29_ecbplus', 'number', frozenset(['183', '205'])): False,
    ('29_ecbplus', 'place', frozenset(['denver', 'indianapolis'])): False,
    ('30_ecb', 'number', frozenset(['three', 'two'])): True,
    ('30_ecb', 'place', frozenset(['egypt', 'india'])): False,
    ('31_ecb', 'number', frozenset(['20', 'nine'])): False,
    ('33_ecb', 'date', frozenset(['tuesday', 'wednesday'])): False,
    ('4_ecb', 'number', frozenset(['three', 'two'])): False,
    ('8_ecbplus', 'number', frozenset(['000', 'around 20', 'as many as 20'])): False,
    ('8_ecbplus', 'number', frozenset(['12', '18'])): True,
    ('8_ecbplus', 'date', frozenset(['sunday', 'wednesday'])): False,
    ('8_ecbplus', 'place', frozenset(['patras', 'thessaloniki'])): False,
    ('8_ecbplus', 'place', frozenset(['heraklion', 'thessaloniki'])): False,
    ('multinews_val_027', 'date', frozenset(['saturday', 'sunday'])): False,
    ('multinews_val_036', 'date', frozenset(['friday', 'thursday'])): False,
    ('multinews_val_110', 'number', frozenset(['17', '20'])): False,
    ('multinews_val_112', 'date', frozenset(['monday', 'sunday'])): False,
    ('multinews_val_141', 'date', frozenset(['monday', 'saturday'])): False,
    ('multinews_val_173', 'date', frozenset(['saturday', 'sunday'])): False,
    ('multinews_val_249', 'date', frozenset(['friday', 'wednesday'])): False,
    # Read after the context test of dates and values (second audit).
    ('2b95d2cf-e979-4f9c-ae27-9a5370934f23', 'date', frozenset(['friday', 'sunday'])): False,
    # past act: "President Obama's choice"
    ('47a209b0-fc26-4a0a-a1fe-e4310d1d2419', 'title', frozenset(['former president', 'president'])): False,
    ('1_ecbplus', 'date', frozenset(['thursday', 'wednesday'])): False,
    ('10_ecbplus', 'date', frozenset(['monday', 'tuesday'])): False,
    ('10_ecb', 'number', frozenset(['157', '54'])): False,
    ('12_ecbplus', 'number', frozenset(['14', 'six'])): False,
    ('13_ecb', 'date', frozenset(['friday', 'saturday'])): False,  # Friday night fire / destroyed early Saturday
    # one stand-off: two hours / almost three
    ('18_ecb', 'duration', frozenset(['about two hours', 'almost three hours', 'two hours'])): True,
    ('18_ecb', 'date', frozenset(['friday', 'saturday'])): False,  # shooting Friday, charged Saturday
    ('19_ecb', 'duration', frozenset(['eight days', 'four days'])): False,
    ('19_ecb', 'date', frozenset(['december 13 2008', 'december 6'])): False,
    # injury, practice and remarks on three days
    ('25_ecb', 'date', frozenset(['saturday', 'thursday', 'wednesday'])): False,
    ('25_ecbplus', 'number', frozenset(['29', '39'])): False,
    # 65% to India / 75% between the Middle East, Europe and US
    ('30_ecb', 'number', frozenset(['65%', 'more than 75 percent', 'sixty-five per cent'])): False,
    ('4_ecb', 'duration', frozenset(['four weeks', 'nine days', 'three weeks'])): False,  # nine days: another fact
    ('4_ecb', 'date', frozenset(['friday', 'thursday'])): False,  # Thursday evening PST = Friday GMT
    ('4_ecb', 'date', frozenset(['2005', '2006'])): True,  # one film's release year
    ('4_ecb', 'date', frozenset(['1947', '1950'])): True,  # when she began modelling
    ('5_ecb', 'duration', frozenset(['one-year', 'seven months'])): False,
    # in 30 days / nine days before the inauguration
    ('9_ecb', 'duration', frozenset(['30 days', 'about 30 days', 'nine days'])): False,
    ('multinews_val_077', 'duration', frozenset(['four days', 'two days'])): False,
    ('multinews_val_105', 'date', frozenset(['1899', '1900'])): True,  # the year of one heist
    ('multinews_val_138', 'number', frozenset(['90', 'about 125'])): True,  # Area 51's distance from Las Vegas
    ('2b95d2cf-e979-4f9c-ae27-9a5370934f23', 'date', frozenset(['monday', 'sunday'])): False,
    ('19_ecbplus', 'date', frozenset(['thursday', 'wednesday'])): False,
    ('multinews_val_141', 'date', frozenset(['thursday', 'wednesday'])): False,
    ('multinews_val_147', 'date', frozenset(['monday', 'sunday'])): False,
    ('9_ecbplus', 'title', frozenset(['former president', 'president'])): False,  # Bush's acts in office
    # Read after the event-word test of weekdays and the relative values (third audit).
    # one stay in hospital: "hospitalized ... for four weeks" / "in hospital for three weeks"
    ('4_ecb', 'duration', frozenset(['four weeks', 'three weeks'])): True,
    # LaRue "served five months" / "served four months" in federal prison ("all but six months suspended")
    ('28_ecbplus', 'duration', frozenset(['five months', 'four months', 'six months'])): True,
    # two photographs: Cannes beach "on May 15" / red carpet "Friday, May 16, 2014"
    ('multinews_val_051', 'date', frozenset(['may 15', 'may 16, 2014'])): False,
    # edited copy: the administration "reaffirmed" its decision / groups "accused" it, two events
    ('multinews_val_114', 'date', frozenset(['friday', 'thursday'])): False,
    # "the four journalists" who came under fire / "the two journalists" the Red Cross referred to
    ('multinews_val_047', 'number', frozenset(['four', 'two'])): False,
}

# Edits read and judged to contradict nothing that another outlet states
# (the support rule paired sentences that report two facts of one day or
# story): (story, kind, old value) -> why.  They are planted and briefed as
# usual, but counted apart from recall ("no disagreement (read)"): a brief
# cannot be asked to flag what no reader would call a disagreement.  Every
# non-title edit of the runs in docs/history.md was read (165), and every
# title edit (63); an edit not listed counts.  General rules tried instead
# (shared clause words, day of telling vs day of the act, the verb and
# subject a date belongs to) dropped more real disagreements than not, when
# read (docs/history.md, "Session 3").  Session 4 took one entry out on
# evidence: the 4_ecb edit (a release "scheduled ... December 2" made
# "December 5") was read against the support the injector found (the heart
# attack "on December 2"), but another outlet gives the same release date
# ("set to be released and sent home on 2 December", a form the injector's
# date pattern does not read): it is a disagreement.
NOT_A_DISAGREEMENT: dict[tuple[str, str, str], str] = {
    ("08bb9bee-c167-4c17-9c6d-4a1259231eb7", "date", "Tuesday"):
        "Akin refused on that day / Romney joined the calls on Tuesday: two acts",
    ("1f99798f-2b60-4ecb-b5f4-4aa7991e8ace", "date", "Wednesday"):
        "a profiler told Fox News that day / a package sparked an evacuation Wednesday",
    ("22_ecb", "date", "Friday"): "released without bail, authorities said that day / police arrested her Friday",
    ("24_ecb", "date", "Friday"): "officials said that day / French media described the raid Friday",
    ("multinews_val_047", "date", "Monday"): "reports that day / the Red Crescent entered Hama Monday",
    ("multinews_val_072", "duration", "10"): "deficits eliminated within N years / cuts over the next 10 years",
    ("multinews_val_151", "date", "Thursday"): "Bundy tried to clarify that day / Hannity reacted, the Times reported Thursday",
    ("multinews_val_217", "date", "Thursday"): "the CEO's letter that day / the airline said Thursday it had received notice",
    ("0c78e748-efbf-417c-a8c1-beeb6480147f", "title", "General"):
        "a title inside a quoted tweet, against another quoted remark",
    ("9_ecb", "title", "President"): "a past act (the rulemaking President Clinton engaged in): 'former' is also right",
    ("28_ecb", "title", "President"): "a past act (President Nixon resigned): 'former' is also right",
}


def is_read_non_disagreement(injection: Injection) -> bool:
    """Return whether an edit was read and judged to contradict no other outlet (``NOT_A_DISAGREEMENT``)."""
    story = injection.cluster[: -len(EDITED)] if injection.cluster.endswith(EDITED) else injection.cluster
    return (story, injection.kind, injection.old) in NOT_A_DISAGREEMENT


# --- Scoring --------------------------------------------------------------------


def _version_text(brief: Brief, dispute: Dispute) -> list[tuple[str, set[str], str]]:
    """Return (value, outlets, first evidence sentence) per version."""
    by_id = {a.id: a for a in brief.articles}
    rows = []
    for version in dispute.versions:
        sentence = ""
        if version.evidence:
            first = version.evidence[0]
            article = by_id.get(first.article)
            if article is not None:
                sentence = _sentence_at(article, first.start) or article.text[first.start : first.end]
        rows.append((version.value, set(version.sources), sentence))
    return rows


_ABBREVIATIONS = {"sen.": "senator", "gov.": "governor", "rep.": "representative", "gen.": "general"}


def _canonical(value: str) -> str:
    """Return a value folded, with title abbreviations written out ("Former Sen." -> "former senator")."""
    return " ".join(_ABBREVIATIONS.get(w, w) for w in fold(value).split())


def _has(value: str, token: str) -> bool:
    return bool(re.search(rf"(?<![\w]){re.escape(_canonical(token))}(?![\w])", _canonical(value)))


def match_injection(dispute: Dispute, injection: Injection) -> str:
    """Return how a dispute matches an injected edit: ``right`` (values and outlets), ``values`` or ``""``."""
    new_versions = [v for v in dispute.versions if _has(v.value, injection.new)]
    if injection.kind == "title":
        # The title's last word is enough: "Senator", "Sen." and "Vermont Senator" are one title.
        role = injection.old.split()[-1]
        old_versions = [v for v in dispute.versions if _has(v.value, role) and not _has(v.value, "former")]
        new_versions = [v for v in dispute.versions if _has(v.value, role) and _has(v.value, "former")]
    else:
        old_versions = [v for v in dispute.versions if _has(v.value, injection.old) and v not in new_versions]
    if not new_versions or not old_versions:
        return ""
    for new in new_versions:
        for old in old_versions:
            if (
                injection.outlet in new.sources
                and injection.outlet not in old.sources
                and set(old.sources) & set(injection.support)
            ):
                return "right"
    return "values"


_NUMBER_TOKEN = re.compile(
    rf"(?<![\w.,-])(?:(?:twenty|thirty|forty|fifty|sixty)-[a-z]+|{_NUMBER})(?![\w])|\d[\d,.]*", re.IGNORECASE
)


def _values_differ(kind: str, a: str, b: str) -> bool:
    if kind in ("number", "duration"):
        numbers_a = {_number_value(t) or t for t in _NUMBER_TOKEN.findall(a.lower())}
        numbers_b = {_number_value(t) or t for t in _NUMBER_TOKEN.findall(b.lower())}
        if numbers_a and numbers_b:
            return numbers_a != numbers_b
    return " ".join(fold(w) for w in words(a) if fold(w) != "the") != " ".join(
        fold(w) for w in words(b) if fold(w) != "the"
    )


def _stems(text: str, skip: set[str]) -> set[str]:
    stemmer = porter_stemmer()
    return {stemmer.stem(w) for w in content_words(text) if not any(c.isdigit() for c in w)} - skip


def audit_key(story: str, dispute: Dispute) -> tuple[str, str, frozenset[str]]:
    """Return the key of a dispute in ``AUDITED``: its story (edited or not), kind and folded values."""
    base = story[: -len(EDITED)] if story.endswith(EDITED) else story
    return base, dispute.kind, frozenset(_canonical(v.value) for v in dispute.versions)


def judge_dispute(brief: Brief, dispute: Dispute) -> tuple[bool, str]:
    """Return whether a flagged dispute is a real difference between outlets, and why not.

    A dispute read and judged by a person (``AUDITED``) keeps that verdict.
    Otherwise the rule is strict, so that precision is not overstated: two
    versions whose values truly differ, from different outlets, and whose
    evidence sentences say the same thing but for the value: for a title
    both name the person; otherwise the sentences share at least
    ``REAL_MIN_SHARED`` stems besides the values and ``REAL_MIN_OVERLAP`` of
    the shorter one's ("Pelosi has led House Democrats since 2002" / "...
    since 2003, and that's what Ryan had argued").  Sentences that merely
    share a topic ("killing two women" at one plant / "killing three" at a
    university) are not enough: reading the flagged disputes of the
    development data showed that most of those compare two different things.
    """
    verdict = AUDITED.get(audit_key(brief.id, dispute))
    if verdict is not None:
        return verdict, "" if verdict else "judged by reading: not the same thing"
    rows = _version_text(brief, dispute)
    reason = "fewer than two versions"
    for x, (value_a, outlets_a, sentence_a) in enumerate(rows):
        for value_b, outlets_b, sentence_b in rows[x + 1 :]:
            if outlets_a & outlets_b:
                reason = "one outlet gives both values"
                continue
            if not _values_differ(dispute.kind, value_a, value_b):
                reason = f"same value written two ways ({value_a!r} / {value_b!r})"
                continue
            if dispute.kind in ("title", "age"):
                person = dispute.subject.replace(f"'s {dispute.kind}", "").split()
                surname = fold(person[-1]) if person else ""
                if surname and surname in fold(sentence_a) and surname in fold(sentence_b):
                    return True, ""
                reason = "the evidence does not name the same person"
                continue
            skip = _stems(value_a + " " + value_b, set())
            stems_a, stems_b = _stems(sentence_a, skip), _stems(sentence_b, skip)
            shared = len(stems_a & stems_b)
            if shared >= REAL_MIN_SHARED and shared / max(1, min(len(stems_a), len(stems_b))) >= REAL_MIN_OVERLAP:
                return True, ""
            reason = "not shown to be the same thing (sentences are no close paraphrases)"
    return False, reason


def _dispute_row(brief: Brief, dispute: Dispute) -> dict:
    return {
        "kind": dispute.kind,
        "subject": dispute.subject,
        "versions": [
            {"value": value, "outlets": sorted(outlets), "sentence": sentence[:300]}
            for value, outlets, sentence in _version_text(brief, dispute)
        ],
    }


def _dataset_name(path: str | Path) -> str:
    path = Path(path)
    return path.parent.name or path.stem


def evaluate_disputes(
    paths: Sequence[str | Path],
    settings: Settings | None = None,
    limit: int | None = None,
    kinds: Sequence[str] = KINDS,
) -> dict:
    """Return recall of injected disagreements and precision of every flagged dispute.

    Args:
        paths: labelled JSON Lines files (clustering or summarization layout).
        settings: newsfuse settings (defaults when None).
        limit: use only the first ``limit`` stories of each file.
        kinds: the kinds of edit to plant (``KINDS`` by default; ``ALL_KINDS`` holds every one).

    Returns:
        ``recall`` (overall, by kind, by dataset), ``precision`` (flagged,
        injected hits, real pre-existing, false alarms), ``missed`` and
        ``false_alarms`` examples, every flagged non-injected dispute under
        ``flagged``, and ``faithfulness`` of all briefs built.
    """
    from newsfuse.dedup import find_duplicates

    settings = settings or Settings()
    started = time.perf_counter()
    originals: list[tuple[str, Cluster]] = []
    for path in paths:
        for cluster in read_clusters(path, limit):
            originals.append((_dataset_name(path), cluster))
    clean = clean_clusters([c for _, c in originals], settings)
    injections: dict[str, Injection] = {}
    perturbed: list[Cluster] = []
    lost = 0
    considered = 0
    candidates: dict[str, list[Injection]] = {}
    for (dataset, cluster), cleaned in zip(originals, clean):
        if len({outlet_of(a) for a in cleaned.articles}) < 2:
            continue
        considered += 1
        # The edited copy of a story gets its own article ids (briefs of both
        # copies are built in one batch); outlets named by id follow.
        renamed = [replace(a, id=a.id + EDITED) for a in cleaned.articles]
        duplicates = find_duplicates(renamed, settings.dedup)
        candidates[cluster.id] = [
            c for c in find_injections(cluster.id + EDITED, renamed, duplicates) if c.kind in kinds
        ]
    offered = Counter(kind for found in candidates.values() for kind in {c.kind for c in found})
    kind_weights = {kind: 1.0 / count for kind, count in offered.items()}
    for dataset, cluster in originals:
        chosen = choose_injection(cluster.id, candidates.get(cluster.id, []), kind_weights)
        if chosen is None:
            continue
        renamed_raw = [replace(a, id=a.id + EDITED) for a in cluster.articles]
        edited = tuple(inject(a, chosen) if a.id == chosen.article else a for a in renamed_raw)
        perturbed.append(Cluster(cluster.id + EDITED, edited))
        injections[cluster.id + EDITED] = chosen
    clean_perturbed = clean_clusters(perturbed, settings)
    kept_perturbed = []
    for cleaned in clean_perturbed:
        injection = injections[cleaned.id]
        article = next((a for a in cleaned.articles if a.id == injection.article), None)
        if article is None or not edit_is_visible(injection, article.text):
            lost += 1
            del injections[cleaned.id]
            continue
        kept_perturbed.append(cleaned)
    stories = [(c.id, c.articles) for c in clean] + [(c.id, c.articles) for c in kept_perturbed]
    briefs = brief_clusters(stories, settings)
    dataset_of = {c.id: d for d, c in originals}
    dataset_of.update({c.id + EDITED: d for d, c in originals})

    hits: Counter[str] = Counter()
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    by_dataset: dict[str, Counter[str]] = defaultdict(Counter)
    missed: list[dict] = []
    flagged_rows: list[dict] = []
    counts: Counter[str] = Counter()
    false_by_kind: Counter[str] = Counter()
    by_kind_flagged: dict[str, Counter[str]] = defaultdict(Counter)
    by_dataset_flagged: dict[str, Counter[str]] = defaultdict(Counter)
    problems: list[str] = []
    not_disagreements: list[dict] = []
    for story_id, brief in briefs.items():
        problems.extend(faithfulness_problems(brief))
        injection = injections.get(story_id)
        found = ""
        per_dataset = by_dataset_flagged[dataset_of.get(story_id, "")]
        for dispute in brief.disputes:
            counts["flagged"] += 1
            by_kind_flagged[dispute.kind]["flagged"] += 1
            per_dataset["flagged"] += 1
            how = match_injection(dispute, injection) if injection else ""
            planted_non_dispute = bool(how) and is_read_non_disagreement(injection)
            if planted_non_dispute:
                # The planted difference contradicts nothing another outlet states:
                # flagging it is no more right than flagging any other non-dispute.
                how = ""
                found = found or "flagged"
            if how:
                counts["injected"] += 1
                by_kind_flagged[dispute.kind]["injected"] += 1
                per_dataset["injected"] += 1
                if found:
                    counts["injected_repeats"] += 1
                found = found if found == "right" else how
                continue
            is_real, why = (
                (False, "the planted edit, read: it contradicts no outlet")
                if planted_non_dispute
                else judge_dispute(brief, dispute)
            )
            counts["real" if is_real else "false"] += 1
            by_kind_flagged[dispute.kind]["real" if is_real else "false"] += 1
            per_dataset["real" if is_real else "false"] += 1
            if injection is None:
                counts["unmodified_flagged"] += 1
                counts["unmodified_real"] += is_real
            counts["audited"] += audit_key(story_id, dispute) in AUDITED
            if not is_real:
                false_by_kind[dispute.kind] += 1
            row = _dispute_row(brief, dispute)
            row.update(
                story=story_id,
                dataset=dataset_of.get(story_id, ""),
                real=is_real,
                audited=audit_key(story_id, dispute) in AUDITED,
                why=why,
            )
            flagged_rows.append(row)
        if injection is None:
            continue
        if is_read_non_disagreement(injection):
            not_disagreements.append({"story": story_id, "kind": injection.kind, "old": injection.old,
                                      "new": injection.new, "flagged": found == "flagged",
                                      "why": NOT_A_DISAGREEMENT[(story_id[: -len(EDITED)], injection.kind,
                                                                 injection.old)]})
            continue
        outcome = found or "missed"
        hits[outcome] += 1
        by_kind[injection.kind][outcome] += 1
        by_dataset[dataset_of[story_id]][outcome] += 1
        if outcome != "right":
            missed.append(
                {
                    "story": story_id,
                    "article": injection.article,
                    "pattern": injection.pattern,
                    "replacement": injection.replacement,
                    "check": injection.check,
                    "kind": injection.kind,
                    "old": injection.old,
                    "new": injection.new,
                    "subject": injection.subject,
                    "outlet": injection.outlet,
                    "support": list(injection.support),
                    "sentence": injection.sentence[:300],
                    "outcome": outcome,
                    "disputes": [_dispute_row(brief, d) for d in brief.disputes][:4],
                }
            )

    def rates(counter: Counter[str]) -> dict:
        total = sum(counter.values())
        return {
            "injected": total,
            "right": counter["right"],
            "values_only": counter["values"],
            "recall": round(counter["right"] / total, 3) if total else 0.0,
        }

    flagged = counts["flagged"]
    correct = counts["injected"] + counts["real"]
    precision = round(correct / flagged, 3) if flagged else 1.0
    recall = rates(hits)
    return {
        "files": [str(p) for p in paths],
        "stories": len(originals),
        "multi_outlet_stories": considered,
        "perturbed": len(injections),
        "lost_in_cleaning": lost,
        "not_a_disagreement": not_disagreements,
        "recall": {**recall, "by_kind": {k: rates(by_kind[k]) for k in ALL_KINDS if by_kind[k]},
                   "by_dataset": {d: rates(c) for d, c in sorted(by_dataset.items())}},
        "precision": {
            "flagged": flagged,
            "injected": counts["injected"],
            "injected_repeats": counts["injected_repeats"],
            "real": counts["real"],
            "false": counts["false"],
            "false_by_kind": dict(false_by_kind),
            "by_kind": {
                kind: {
                    "flagged": c["flagged"],
                    "injected": c["injected"],
                    "real": c["real"],
                    "false": c["false"],
                    "precision": round((c["injected"] + c["real"]) / c["flagged"], 3) if c["flagged"] else 1.0,
                }
                for kind in ALL_KINDS
                if (c := by_kind_flagged[kind])["flagged"]
            },
            "by_dataset": {
                dataset: {
                    "flagged": c["flagged"],
                    "injected": c["injected"],
                    "real": c["real"],
                    "false": c["false"],
                    "precision": round((c["injected"] + c["real"]) / c["flagged"], 3) if c["flagged"] else 1.0,
                }
                for dataset, c in sorted(by_dataset_flagged.items())
                if c["flagged"]
            },
            "audited": counts["audited"],
            "precision": precision,
            "unmodified_flagged": counts["unmodified_flagged"],
            "unmodified_real": counts["unmodified_real"],
            "unmodified_precision": round(counts["unmodified_real"] / counts["unmodified_flagged"], 3)
            if counts["unmodified_flagged"]
            else 1.0,
        },
        "target": {"precision": TARGET_PRECISION, "recall": TARGET_RECALL},
        "meets_target": precision >= TARGET_PRECISION and recall["recall"] >= TARGET_RECALL,
        "missed": missed,
        "flagged": flagged_rows,
        "faithfulness": {"briefs": len(briefs), "problems": problems[:50], "problem_count": len(problems)},
        "seconds": round(time.perf_counter() - started, 1),
    }


def format_disputes_table(result: dict, examples: int = 5) -> str:
    """Return a Markdown report of an ``evaluate_disputes`` result: recall by kind and dataset, precision."""
    recall = result["recall"]
    lines = [
        f"Disputes: {result['stories']} stories ({result['multi_outlet_stories']} with 2+ outlets), "
        f"{result['perturbed']} edited, {result['lost_in_cleaning']} edits lost in cleaning, "
        f"{len(result.get('not_a_disagreement', []))} read and found to contradict no outlet "
        f"(not counted in recall; {sum(r['flagged'] for r in result.get('not_a_disagreement', []))} "
        "of them flagged, counted false)",
        "",
        "| injected | edits | found, right outlets | values only | recall |",
        "|---|---:|---:|---:|---:|",
        f"| all | {recall['injected']} | {recall['right']} | {recall['values_only']} | {recall['recall']:.3f} |",
    ]
    for label, rows in (("kind", recall["by_kind"]), ("dataset", recall["by_dataset"])):
        for name, row in rows.items():
            lines.append(
                f"| {label}: {name} | {row['injected']} | {row['right']} | {row['values_only']} | {row['recall']:.3f} |"
            )
    p = result["precision"]
    lines += [
        "",
        "| stories | flagged | injected | real pre-existing | false alarms | precision |",
        "|---|---:|---:|---:|---:|---:|",
        f"| all | {p['flagged']} | {p['injected']} | {p['real']} | {p['false']} | {p['precision']:.3f} |",
        f"| unmodified only | {p['unmodified_flagged']} | 0 | {p['unmodified_real']} | "
        f"{p['unmodified_flagged'] - p['unmodified_real']} | {p['unmodified_precision']:.3f} |",
        *(
            f"| kind: {kind} | {row['flagged']} | {row['injected']} | {row['real']} | {row['false']} | "
            f"{row['precision']:.3f} |"
            for kind, row in p.get("by_kind", {}).items()
        ),
        *(
            f"| dataset: {name} | {row['flagged']} | {row['injected']} | {row['real']} | {row['false']} | "
            f"{row['precision']:.3f} |"
            for name, row in p.get("by_dataset", {}).items()
        ),
        "",
        f"Verdicts on flagged non-injected disputes: {p['audited']} from the hand audit, "
        f"{p['real'] + p['false'] - p['audited']} from the strict rule (judge_dispute).",
        "",
        f"False alarms by kind: {p['false_by_kind'] or 'none'}; target P >= {result['target']['precision']}, "
        f"R >= {result['target']['recall']}: {'met' if result['meets_target'] else 'NOT met'}",
        f"Faithfulness: {result['faithfulness']['problem_count']} problems "
        f"in {result['faithfulness']['briefs']} briefs",
    ]
    if examples and result["missed"]:
        lines += ["", "Missed edits (first few):"]
        for row in result["missed"][:examples]:
            lines.append(
                f"- [{row['kind']}] {row['story']}: {row['old']!r} -> {row['new']!r} ({row['outcome']}) in "
                f"\"{row['sentence'][:140]}\""
            )
    false = [r for r in result["flagged"] if not r["real"]]
    if examples and false:
        lines += ["", "False alarms (first few):"]
        for row in false[:examples]:
            values = " / ".join(f"{v['value']!r} ({', '.join(v['outlets'])[:40]})" for v in row["versions"])
            lines.append(f"- [{row['kind']}] {row['story']} {row['subject']}: {values}: {row['why']}")
    return "\n".join(lines)
