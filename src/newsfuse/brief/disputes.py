"""Disputes: where outlets give different values for the same thing.

Six kinds, each compared only where the subject is surely the same:

- ``title``: one person's title or role ("President" / "former President").
  The same person (names merged by ``People``, a surname with a title by the
  one full name holding that title);
  statuses (former, acting, elect) differ for one role, or two roles no one
  holds at once differ.
- ``age``: one person's age written with the name ("Kevin Johnson, 25," /
  "Kevin Deon Johnson, 24"), where each outlet gives the person one age and
  the articles, when dated, are close enough in time for no birthday to part them.
- ``number``: a count of one thing ("12 killed" / "15 killed"), in mentions
  that state the same fact: similar sentences with the same words around the
  value (``_Facts.same``).
- ``duration``: how long one thing lasted ("30-hour" / "three-day" ceasefire),
  with or without a noun saying what ("for 65 years"), matched the same way.
- ``date``: a weekday, a day of a month or a year, matched the same way, a
  weekday by what happened next to it (``_event_words``); the day something
  was said is not compared with the day something happened.
- ``place``: where one thing happened ("talks in London" / "talks in Geneva"),
  or the place a name opens ("a Wyoming Senate candidate"), two places of one
  kind (city/city), in close paraphrases.

Precision comes first: two values conflict only when their bounds do not
overlap ("nearly 3,000" and "2,950" agree), are not far apart (a different
count, not a misreport), and neither outlet also gives the other's value
anywhere (a specific figure like "55.3 million" counts whatever it is said
of); an outlet that says nothing is never in conflict.  Several values of one
kind in two sentences are paired one-to-one (``_align``), values both outlets
give aside; sentences whose other shared counts all differ count different
sets, and sentences that share a specific figure ("800,000 workers") tell one
fact.  Each connected set of conflicting mentions is one dispute.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from newsfuse.brief import _lexicon as lex
from newsfuse.brief._tokens import stem, terms
from newsfuse.brief.ages import find_ages
from newsfuse.brief.align import StoryView
from newsfuse.brief.gazetteer import place_key, place_level
from newsfuse.brief.names import NameMention
from newsfuse.brief.people import People
from newsfuse.brief.quotes import quote_spans
from newsfuse.brief.values import DURATION_SPAN, ValueMention, exact_numbers, overlaps
from newsfuse.ingest.dates import article_day
from newsfuse.models import Dispute, Evidence, Version
from newsfuse.text import STOPWORDS, fold

__all__ = ["find_disputes"]

# Sentence cosine above which two mentions of one key are about the same
# fact.  Specific keys ("killed", "ceasefire violations") need little
# context; generic ones ("people", "percent", money) and dates and places need
# close paraphrases.  Chosen on the seeds and BASIL (no dispute there may come
# from two different events); re-run tests/test_brief_disputes.py after a change.
CASUALTY_CONTEXT = 0.2
NUMBER_CONTEXT = 0.3
DURATION_CONTEXT = 0.15
GENERIC_CONTEXT = 0.35
DATE_CONTEXT = 0.4
WEEKDAY_CONTEXT = 0.4
PLACE_CONTEXT = 0.25
# Below it, places are compared in sentences at least ``CONTEXT_FLOOR`` alike whose words around
# the places share ``PLACE_MIN_SHARED`` ("at another appearance on Saturday, in Chicago, Ohio" /
# "In a speech ... on Saturday in Columbus, Ohio, Santorum"), and down to ``PLACE_FLOOR`` one more,
# other places aside ("the latest in a series of high-profile thefts in France" / "the latest
# high-profile heist in France"; not "almost a foot of snow in Des Moines" / "central Iowa ... about
# a foot of snow, and ... Madison, Wisconsin").
PLACE_FLOOR = 0.08
PLACE_MIN_SHARED = 2

# Dates also need the same words around them ("since 2002" / "since 2003" in
# "Pelosi has led House Democrats since ..."), not just similar sentences:
# "released a debut album in 1993" and "released a demo in 1992" are two facts.
DATE_WINDOW_WORDS = 5
DATE_WINDOW_OVERLAP = 0.5
# Days of a month more than ``MAX_DAY_GAP`` days apart date two events ("The
# December 6 killing" / riots "on Saturday December 13"; a photo "January 20,
# 2015" / a file photo "March 24, 2015"); a misreported day is a day or a few off.
MAX_DAY_GAP = 6
# A day of a month ("March 8") is specific enough that a wider context will do:
# ``MONTHDAY_MIN_SHARED`` context words in common, or two in close sentences.
MONTHDAY_MIN_SHARED = 3

# Two values state one fact when their sentences are alike and the words
# around the values agree (``_Facts.same``): whole-sentence similarity alone
# missed most paraphrases that add or drop a clause ("Flynn pleaded guilty on
# Friday to lying to the FBI" / "Michael T. Flynn, ..., pleaded guilty on
# Friday to lying to the F.B.I." meet at 0.18).  A value's context is up to
# ``CONTEXT_WORDS`` content stems on each side, in its sentence.  Accepted:
#  - close: the same specific key, the sentence thresholds above, and at
#    least ``CONTEXT_MIN_SHARED_CLOSE`` context word in common;
#  - mid: sentences at least ``CONTEXT_MID`` alike, ``CONTEXT_MIN_SHARED_MID``
#    context words and ``CONTEXT_OVERLAP_MID`` of the smaller context shared;
#  - near: ``CONTEXT_MIN_SHARED`` context words and ``CONTEXT_OVERLAP`` shared;
#  - for weekdays, the same lower-case word right next to the day ("was
#    arrested Sunday night" / "was arrested Tuesday night");
# and never below ``CONTEXT_FLOOR``.  Chosen on the injection evaluation
# (docs/history.md, Disputes): each looser setting tried found about one
# more planted date per false dispute on the unmodified stories; every false
# dispute left was read.
CONTEXT_WORDS = 5
CONTEXT_FLOOR = 0.15
CONTEXT_MIN_SHARED_CLOSE = 1
CONTEXT_MID = 0.25
CONTEXT_MIN_SHARED_MID = 2
CONTEXT_OVERLAP_MID = 0.3
CONTEXT_MIN_SHARED = 3
CONTEXT_OVERLAP = 0.5

# A weekday is the day of what happened next to it, so two weekdays state one
# fact when the lower-case words of their clauses (``_event_words``: up to
# ``EVENT_WORDS`` content stems on each side, stopping at "after", "when",
# "who"...) share what happened: "opened fire ... Friday" / "charged with
# murder Saturday after allegedly opening fire" are two events, however alike
# the sentences; "the fire broke out on the roof ... on Friday" / "broke out
# in the roof of the store ... on Sunday night" is one, in sentences only 0.11
# alike.  Accepted: ``EVENT_MIN_SHARED`` event words in common in sentences at
# least ``WEEKDAY_FLOOR`` alike, or one in common where the context rules
# above accept the pair, or two with ``CONTEXT_MIN_SHARED`` context words ("Mark
# Lane died of a heart attack Tuesday night at his home in Charlottesville" /
# "... died Thursday at his home in Charlottesville", 0.19 alike).  Chosen on the injection evaluation: every false
# weekday dispute read on the development stories named two events.
EVENT_WORDS = 10
EVENT_MIN_SHARED = 3
WEEKDAY_FLOOR = 0.08
# Close copies (sentences at least ``CLOSE_EVENTS`` alike) need two event words only ("A UC Berkeley
# police officer shot and wounded a man ... at the Haas School of Business on Tuesday" / "...
# UCPD confirmed that an officer shot a man at the UC Berkeley Haas School of Business earlier
# in the day", 0.59 alike).
CLOSE_EVENTS = 0.5

# The length of one specific thing ("a 21-year FBI veteran" / "a 28-year veteran of the FBI")
# that each of two outlets gives one value only is one slot of the story, compared in sentences
# at least ``SLOT_FLOOR`` alike with ``SLOT_MIN_SHARED`` word around the values (``_Facts.slot``).
# Tried for counts too ("the three holdouts" / "the five holdouts"), with 0.2 and 2 words: one
# planted edit more found, four false disputes more ("five villages had been badly hit" / "four
# villages had been destroyed"), so not for counts.
SLOT_FLOOR = 0.08
SLOT_MIN_SHARED = 1
# Keys that name one slot: how long someone has served ("a 15-year member of the sheriff's department" /
# "a 15-year veteran of the department").
_SLOT_KEYS = {key: "tenure" for key in ("veteran", "member", "employee", "career")}

# An outlet that gives one count two values ("threw for 364 yards" and, of the other
# quarterback, "329 yards") is compared only in close paraphrases where one of its values alone
# meets the other outlet's ("Manning threw for 364 yards and three touchdowns, helping the
# Colts ..." / "Manning threw for 474 yards and three touchdowns, and the visiting Colts ...").
AMBIGUOUS_CONTEXT = 0.3
AMBIGUOUS_MIN_SHARED = 4

# Two sentences that state one specific figure besides the values compared ("$184 million",
# "800,000 employees") tell one fact: compared at this similarity with a context word in common,
# or, at ``CONTEXT_MID``, without one ("2,400 text messages were exchanged between her child and the
# Beechwood Elementary School teacher over a two-week span" / "exchanged some 2,400 texts with the
# female student over a span of two weeks").
FIGURE_FLOOR = 0.08
# Two counts that are the wholes of one part ("won 18 of its next 23 games" / "win 18 of their next
# 31 games") tell one fact the same way, when the part is at least ``MIN_PART`` ("one of the" is
# too common to tell anything).
MIN_PART = 2
_PART_BEFORE = re.compile(
    r"(?<![\w.,-])(?P<part>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+of\s+"
    r"(?:(?:its|their|his|her|our|the|these|those)\s+)?(?:(?:next|last|first|final|previous|past)\s+)?$",
    re.IGNORECASE,
)
# Counts and lengths with ``CONTEXT_MIN_SHARED`` context words and ``CONTEXT_OVERLAP`` in common
# are compared down to this similarity ("stopping American Hasim Rahman after 44 seconds of the
# seventh round" / "stopped the fight 58 seconds into the seventh round", 0.12 alike).
NEAR_FLOOR = 0.12

# Two amounts more than this factor apart count different things ("46 people
# were arrested" in the protests / "one person was arrested" for disorderly
# conduct); a planted change is +30%, a misreport rarely triples a count.
MAX_VALUE_RATIO = 3.0

# Evidence kept per outlet and version: enough to check, not every mention.
MAX_EVIDENCE_PER_ARTICLE = 3

_LOCATIVE = frozenset("in at near outside inside".split())
_NAME_AT = re.compile(r"\b[A-Z][\w.'’-]*\s+at\s+$")
_CASUALTY_KEYS = frozenset(lex.CASUALTY_WORDS.values())
_HISTORICAL_AFTER = re.compile(
    r"(?:'s|’s)\s+(?:administration|presidency|era|tenure|government|term|years|time|reign|cabinet|watch"
    r"|choice|nominee|nomination|pick|appointee)\b"
)
TENSE_WINDOW_WORDS = 8
# A past verb marks a title as the title of the time only right before it
# ("fired FBI Director James Comey", "met with President Obama"); further off
# ("took hits at lawmakers in Washington, including President Obama") the
# verb is about someone else as often as not.
PAST_VERB_WORDS = 2
_FORMER_BEFORE = re.compile(r"\b(?:[Ff]ormer|ex-)\s+$")
_TENSE_WORD = re.compile(r"[A-Za-z]+")
_PRESENT = frozenset("has have is are will says say".split())
_PAST = frozenset("did ran won lost took gave made met began left became fought beat".split())
_PAST_EVENTS = frozenset("elected appointed named sworn chosen nominated confirmed ousted removed fired".split())
# Words in -ed that are rarely a past verb next to a name.
_NOT_PAST = frozenset("united based armed allied alleged proposed expected embattled beleaguered".split())
_HISTORICAL_BEFORE = re.compile(r"\b(?:under|during|predecessor|succeeded)\s+(?:the\s+)?$", re.IGNORECASE)
# Words around a value that say nothing of what it is about.
_WINDOW_SKIP = frozenset(
    {fold(w) for w in (*lex.WEEKDAYS, *lex.MONTHS)}
    | {stem(w) for w in lex.SPEECH_VERBS}
    | {stem(w) for w in "night morning afternoon evening noon midnight late early last next week weekend day "
       "days year years month months hour hours minute minutes second seconds ago earlier later time".split()}
)
# A weekday right after (or before) a verb of saying is the day something was
# told, not the day it happened ("police said Saturday").
_WORD_RE = re.compile(r"[A-Za-z]+")
_DAY_FILLERS = frozenset("on late early last this next night morning afternoon evening the s".split())
_SPEECH_NOUNS = frozenset("statement statements interview interviews remarks speech briefing news conference".split())
# Words that put an event on the day it was told ("confirmed ... that an officer shot a man earlier
# in the day").
_SAME_DAY = re.compile(r"\b(?:(?:earlier|later) (?:in the day|that day|that same day)|the same day|hours earlier)\b")
# A weekday naming a paper's or a show's issue ("in his Monday column", "in its
# Tuesday editions") dates a publication, not an event: never compared.
_PUBLICATION_NOUNS = frozenset(
    "column columns edition editions issue issues paper papers broadcast broadcasts episode show editorial "
    "newsletter newscast".split()
)
# Words that end a weekday's clause: what follows is another event ("was
# charged Saturday after allegedly opening fire").
_CLAUSE_BREAK = frozenset(
    "after before when whenever where while but because although though since until which who whom whose "
    "as than unless whereas".split()
)
# After the day, a coordinated verb is the next event ("visited the team
# Wednesday night and came out for the coin toss").
_NEXT_CLAUSE = frozenset("and then".split())
# Lower-case words that say nothing of what happened ("killing one man").
_EVENT_SKIP = frozenset(stem(w) for w in "man men woman women people person also still".split())
# "a man", "an officer": one person, as "one man" is.
_ONE_PERSON = re.compile(
    r"\b(?:[Aa]n?)\s+(?:man|woman|boy|girl|child|person|officer|worker|teenager|student|soldier|passenger)\b"
)
# Words that outlets use for one thing, compared as one in the words around a value
# ("Grimm's lawyer said" / "Grimm's attorney confirmed").
_SYNONYMS = {
    stem(word): stem(canonical)
    for canonical, words in (
        ("lawyer", "attorney attorneys lawyers counsel"),
        ("fire", "blaze inferno fires blazes"),
        ("car", "vehicle vehicles automobile cars suv"),
        ("police", "cops officers policemen"),
        ("doctor", "physician physicians doctors"),
        ("shooter", "gunman gunmen shooters"),
        ("speaker", "speakership"),
        ("theft", "thefts heist heists robbery robberies"),
    )
    for word in words.split()
}
# Last words of names that a place opens without saying where anything happened.
_MEDIA_HEADS = frozenset(
    "times post journal tribune herald globe daily news magazine press star sun chronicle examiner gazette "
    "telegraph register inquirer observer courier record review bee dispatch standard mail express guardian "
    "independent reporter television tv radio".split()
)
# Prefixes of relative values' keys (``newsfuse.brief.values``).
_QUALIFIERS = ("other:", "window:", "from:", "within:")
_KIND_ORDER = {"title": 0, "age": 1, "number": 2, "duration": 3, "date": 4, "place": 5}


@dataclass(frozen=True, slots=True)
class _Item:
    """One value mention of one article, with its support unit and sentence."""

    article: int
    unit: int
    sentence: int
    start: int
    end: int
    surface: str
    value: object  # compared for equality (titles, places) or a ValueMention (numbers)


def _version_value(surfaces: Sequence[str], slices: Sequence[str]) -> str:
    """Return the version's value: a surface found in every evidence slice, else the most common."""
    counts = Counter(surfaces)
    for surface, _ in sorted(counts.items(), key=lambda kv: (len(kv[0]), -kv[1], kv[0])):
        if all(surface.lower() in s.lower() for s in slices):
            return surface
    return max(counts.items(), key=lambda kv: (kv[1], -len(kv[0]), kv[0]))[0]


def _version(view: StoryView, items: Sequence[_Item], value: str) -> Version:
    ordered = sorted(items, key=lambda i: (i.article, i.start))
    kept: list[_Item] = []
    per_article: Counter[int] = Counter()
    for item in ordered:
        if per_article[item.article] < MAX_EVIDENCE_PER_ARTICLE:
            kept.append(item)
            per_article[item.article] += 1
    evidence = tuple(Evidence(view.articles[i.article].id, i.start, i.end) for i in kept)
    outlets = tuple(dict.fromkeys(view.outlets[i.article] for i in ordered))
    return Version(value=value, sources=outlets, evidence=evidence)


def _versions(view: StoryView, items: Sequence[_Item]) -> list[Version]:
    """Return the versions of one value: one, or one per wording when no wording is in every span.

    A version's value is always words of each of its evidence spans: "12"
    and "twelve" agree but make two versions, never a value shown over
    evidence that does not say it.
    """
    slices = [view.articles[i.article].text[i.start : i.end] for i in items]
    value = _version_value([i.surface for i in items], slices)
    if all(value.lower() in s.lower() for s in slices):
        return [_version(view, items, value)]
    by_wording: dict[str, list[_Item]] = {}
    for item in items:
        by_wording.setdefault(item.surface.lower(), []).append(item)
    return [_version(view, group, group[0].surface) for group in by_wording.values()]


def _dispute(
    view: StoryView,
    subject: str,
    kind: str,
    groups: Sequence[Sequence[_Item]],
    conflict: Callable[[_Item, _Item], bool] = lambda a, b: True,
    exclusive: bool = True,
) -> Dispute | None:
    """Return a dispute whose values are ``groups`` (each a set of mentions of one value), or None.

    With ``exclusive``, every group kept needs a unit (an outlet, near-copies
    counted once) that gives it and no other group; groups without one are
    dropped, the smallest first.  At least two groups must remain that
    ``conflict``.
    """
    kept = [list(g) for g in groups if g]
    while exclusive and len(kept) >= 2:
        units = [{i.unit for i in g} for g in kept]
        shared = [
            k for k, group_units in enumerate(units)
            if not group_units - set().union(*(u for j, u in enumerate(units) if j != k))
        ]
        if not shared:
            break
        kept.pop(min(shared, key=lambda k: (len(kept[k]), k)))
    if len(kept) < 2:
        return None
    if not any(conflict(a[0], b[0]) for x, a in enumerate(kept) for b in kept[x + 1 :]):
        return None
    groups = kept
    versions = [v for g in groups for v in _versions(view, g)]
    versions.sort(key=lambda v: (-len(v.sources), v.value.lower()))
    return Dispute(subject=subject, kind=kind, versions=tuple(versions))


# --- Titles ------------------------------------------------------------------


def _roles_conflict(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Return whether two (status, role) titles of one person cannot both be right."""
    (status_a, role_a), (status_b, role_b) = a, b
    if role_a == role_b:
        return status_a != status_b
    if status_a == status_b and role_a in lex.EXCLUSIVE_ROLES and role_b in lex.EXCLUSIVE_ROLES:
        # "vice president" vs "president" conflict; "president" vs "prime minister" too.
        return True
    return False


def _is_historical(text: str, mention: NameMention) -> bool:
    """Return whether a titled name speaks of the past: "President Obama's administration",
    "under President Clinton", "then-President", "the late Justice"."""
    if mention.status == "then":
        return True
    if _HISTORICAL_AFTER.match(text, mention.end):
        return True
    return bool(_HISTORICAL_BEFORE.search(text, max(0, mention.title_start - 30), mention.title_start))


def _tense(text: str, start: int, end: int) -> str:
    """Return "present", "past" or "" for the words around a titled name: the nearest
    tense marker in its sentence decides.

    "President Trump has warned" is present; "before Trump fired FBI Director
    James Comey" and "who criticized President Obama" are past, and there a
    title of the time is right even when the person has since left office.
    Verbs of saying ("said") mark nothing: news reports current officials in
    the past tense.
    """
    head = text[max(0, start - 80) : start]
    head = head[max(head.rfind(". "), head.rfind("\n")) + 1 :]
    tail = text[end : end + 100]
    stop = min((i for i in (tail.find(". "), tail.find("\n")) if i >= 0), default=len(tail))
    before = [w.lower() for w in _TENSE_WORD.findall(head)][::-1][:TENSE_WINDOW_WORDS]
    after = [w.lower() for w in _TENSE_WORD.findall(tail[:stop])][:TENSE_WINDOW_WORDS]
    for distance in range(TENSE_WINDOW_WORDS):
        if distance < len(before):
            word = before[distance]
            if word in _PRESENT:
                return "present"
            # A past action on the person: "fired FBI Director Comey", "criticized President Obama".
            if distance < PAST_VERB_WORDS and (word in _PAST or (
                word.endswith("ed") and len(word) > 4 and word not in lex.SPEECH_VERBS and word not in _NOT_PAST
            )):
                return "past"
        if distance < len(after):
            word = after[distance]
            if word in _PRESENT:
                return "present"
            # The person's own past: "Cardinal Bergoglio was elected pope" (but not "was born").
            if word in ("was", "were") and distance + 1 < len(after) and after[distance + 1] in _PAST_EVENTS:
                return "past"
    return ""


def _inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    index = bisect_right(spans, (start, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= start and end <= spans[index][1]


def _titled_persons(names: Sequence[Sequence[NameMention]], people: People) -> dict[tuple[str, str], set[str]]:
    """Return, per (folded surname, role), the persons that a full name with that role names
    anywhere in the story ("President Donald Trump": ("trump", "president") -> Donald Trump)."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for mentions in names:
        for mention in mentions:
            parts = mention.text.split()
            if mention.role and len(parts) > 1:
                person = people.resolve(mention.text)
                if person is not None:
                    found[(fold(parts[-1]), mention.role)].add(person)
    return found


def _title_disputes(view: StoryView, names: Sequence[Sequence[NameMention]], people: People) -> list[Dispute]:
    by_person: dict[str, list[_Item]] = defaultdict(list)
    titled = _titled_persons(names, people)
    for article, mentions in enumerate(names):
        unit = view.units[article]
        text = view.articles[article].text
        # A title inside a quotation is the speaker's, at the time they spoke.
        quoted = [(a, d) for a, _, _, d in quote_spans(text)]
        resolve = people.in_article(mentions)
        for mention in mentions:
            if not mention.role or mention.in_headline or _is_historical(text, mention):
                continue
            if quoted and _inside(quoted, mention.title_start, mention.end):
                continue
            if mention.status != "past" and _tense(text, mention.title_start, mention.end) == "past":
                continue  # "who criticized President Obama": the title of the time
            person = resolve(mention.text)
            if " " not in mention.text.strip():
                # "President Trump" is the one Trump a full name calls President in the story,
                # not the Trump named last ("and first lady Melania Trump").
                holders = titled.get((fold(mention.text.strip()), mention.role), set())
                if len(holders) == 1:
                    person = next(iter(holders))
            if person is None:
                continue
            title = mention.title
            # "acting President" is still the President.
            status = "" if mention.status == "acting" else mention.status
            former = _FORMER_BEFORE.search(text, max(0, mention.title_start - 12), mention.title_start)
            if not status and former:
                # "Former Sen. Ted Cruz" opening a sentence: the scanner drops a capitalised
                # "Former" that the article also writes in lower case.
                status, title = "past", text[former.start() : mention.start].strip()
                mention_start = former.start()
            else:
                mention_start = mention.title_start
            by_person[person].append(
                _Item(article, unit, -1, mention_start, mention.end, title, (status, mention.role))
            )
    disputes = []
    for person, items in sorted(by_person.items()):
        if len({i.unit for i in items}) < 2:
            continue
        titles_by_unit: dict[int, set] = defaultdict(set)
        for item in items:
            titles_by_unit[item.unit].add(item.value)
        # Outlet B disputes a title of outlet A when B gives a conflicting title and
        # never A's.  A may be inconsistent ("President X" here, "former President
        # X" there): B's consistent usage is what its words contradict.
        conflicting: set = set()
        for unit_a, titles_a in titles_by_unit.items():
            for unit_b, titles_b in titles_by_unit.items():
                if unit_a == unit_b:
                    continue
                for a in titles_a - titles_b:
                    if any(_roles_conflict(a, b) for b in titles_b) and all(
                        _roles_conflict(a, b) for b in titles_b
                    ):
                        conflicting.add(a)
                        conflicting.update(b for b in titles_b if _roles_conflict(a, b))
        if not conflicting:
            continue
        groups = [[i for i in items if i.value == title] for title in sorted(conflicting)]
        dispute = _dispute(
            view, f"{person}'s title", "title", groups, lambda a, b: _roles_conflict(a.value, b.value),
            exclusive=False,
        )
        if dispute:
            disputes.append(dispute)
    return disputes


# --- Ages ---------------------------------------------------------------------------

# Articles this many days apart or more may straddle a birthday: one year
# more per year apart (and one for the first) is no conflict between them.
AGE_DAYS_SAME = 30


def _ages_conflict(view: StoryView, a: _Item, b: _Item) -> bool:
    """Return whether two ages of one person cannot both hold: they differ by more than the
    years between their articles' dates allow (nothing when a date is missing or they are close)."""
    day_a, day_b = article_day(view.articles[a.article].date), article_day(view.articles[b.article].date)
    days = abs(day_a - day_b) if day_a >= 0 and day_b >= 0 else 0
    allowed = 0 if days < AGE_DAYS_SAME else days // 365 + 1
    return abs(a.value - b.value) > allowed


def _age_disputes(view: StoryView, names: Sequence[Sequence[NameMention]], people: People) -> list[Dispute]:
    """Return the persons whose age two outlets give differently.

    An outlet that gives one person two ages (a story that runs from a crime
    to a trial two years later, or two persons of one name) tells no
    disagreement of its own, and the person is left out.
    """
    by_person: dict[str, list[_Item]] = defaultdict(list)
    for article, mentions in enumerate(names):
        unit = view.units[article]
        resolve = people.in_article(mentions)
        for age in find_ages(view.articles[article].text, mentions):
            person = resolve(age.name.text)
            if person is not None:
                by_person[person].append(_Item(article, unit, -1, age.start, age.end, age.surface, age.age))
    disputes = []
    for person, items in sorted(by_person.items()):
        ages_of: dict[int, set[int]] = defaultdict(set)
        for item in items:
            ages_of[item.unit].add(item.value)
        if len(ages_of) < 2 or any(len(ages) > 1 for ages in ages_of.values()):
            continue
        if len({item.value for item in items}) < 2:
            continue
        groups = [[i for i in items if i.value == age] for age in sorted({i.value for i in items})]
        dispute = _dispute(view, f"{person}'s age", "age", groups, lambda a, b: _ages_conflict(view, a, b))
        if dispute:
            disputes.append(dispute)
    return disputes


# --- Numbers, durations, dates ------------------------------------------------------


def _context_threshold(mention: ValueMention) -> float:
    if mention.key == "weekday":
        return WEEKDAY_CONTEXT
    if mention.kind == "date":
        return DATE_CONTEXT
    if mention.is_generic:
        return GENERIC_CONTEXT
    if mention.kind == "duration":
        return DURATION_CONTEXT
    return CASUALTY_CONTEXT if mention.key in _CASUALTY_KEYS else NUMBER_CONTEXT


def _window(text: str, start: int, end: int) -> frozenset[str]:
    """Return the content stems of a few words on each side of ``text[start:end]``."""
    before = terms(text[max(0, start - 80) : start])[-DATE_WINDOW_WORDS:]
    after = terms(text[end : end + 60])[: DATE_WINDOW_WORDS - 1]
    return frozenset(t for t, _ in before + after if t not in _WINDOW_SKIP and not t[:1].isdigit())


def _context(view: StoryView, item: _Item) -> frozenset[str]:
    """Return the words around a value in its own sentence: what the value is about.

    Up to ``CONTEXT_WORDS`` content stems on each side, without dates, numbers
    and verbs of saying ("said Friday" tells nothing about what happened).
    """
    sentence = view.sentences[item.sentence].sentence
    text = view.articles[item.article].text
    before = terms(text[max(sentence.start, item.start - 120) : item.start])
    after = terms(text[item.end : min(sentence.end, item.end + 100)])
    words = [t for t, _ in before if t not in _WINDOW_SKIP and not t[:1].isdigit()][-CONTEXT_WORDS:]
    words += [t for t, _ in after if t not in _WINDOW_SKIP and not t[:1].isdigit()][:CONTEXT_WORDS]
    return frozenset(_SYNONYMS.get(w, w) for w in words)


def _next_words(text: str, item: _Item) -> frozenset[str]:
    """Return the lower-case words right before and after a date, past fillers ("on", "late"):
    what happened that day ("was arrested Sunday night", "on Friday approved")."""
    found = set()
    before = _WORD_RE.findall(text[max(0, item.start - 40) : item.start])[::-1]
    after = _WORD_RE.findall(text[item.end : item.end + 40])
    for side, words in (("<", before), (">", after)):
        for word in words[:3]:
            folded = fold(word)
            if folded in _DAY_FILLERS or folded in STOPWORDS:
                continue
            if word[0].islower() and len(word) > 3 and stem(folded) not in _WINDOW_SKIP:
                found.add(side + stem(folded))
            break
    return frozenset(found)


def _event_words(view: StoryView, item: _Item) -> frozenset[str]:
    """Return the lower-case content stems of a date's clause: what happened that day.

    Up to ``EVENT_WORDS`` on each side within the sentence, stopping at a
    word that opens another clause (``_CLAUSE_BREAK``); names, dates, numbers
    and verbs of saying are left out.
    """
    sentence = view.sentences[item.sentence].sentence
    text = view.articles[item.article].text
    before = _WORD_RE.findall(text[max(sentence.start, item.start - 160) : item.start])[::-1]
    after = _WORD_RE.findall(text[item.end : min(sentence.end, item.end + 140)])
    found: set[str] = set()
    for side, words in (("before", before), ("after", after)):
        taken = 0
        for word in words:
            folded = fold(word)
            if folded in _CLAUSE_BREAK or (side == "after" and folded in _NEXT_CLAUSE):
                break
            if not word[0].islower() or folded in STOPWORDS or len(folded) < 3:
                continue
            stemmed = stem(folded)
            if stemmed in _WINDOW_SKIP or stemmed in _EVENT_SKIP:
                continue
            found.add(_SYNONYMS.get(stemmed, stemmed))
            taken += 1
            if taken == EVENT_WORDS:
                break
    return frozenset(found)


def _is_publication_day(text: str, item: _Item) -> bool:
    """Return whether a weekday names an issue ("his Monday column", "Tuesday's editions")."""
    after = _WORD_RE.findall(text[item.end : item.end + 24])
    words = [fold(w) for w in after if fold(w) not in ("s", "night", "morning", "evening")]
    return bool(words) and words[0] in _PUBLICATION_NOUNS


def _is_speech_day(text: str, item: _Item, sentence_end: int | None = None) -> bool:
    """Return whether a weekday is the day something was said ("said Friday", "announced on
    Friday", "Friday's statement") rather than the day of an event.

    Not where the sentence puts what was told on the same day ("At a press conference Tuesday
    afternoon, UCPD confirmed that an officer shot a man ... earlier in the day"): that day is
    the event's too.
    """
    if sentence_end is not None and _SAME_DAY.search(text, item.end, sentence_end):
        return False
    before = _WORD_RE.findall(text[max(0, item.start - 40) : item.start])[::-1]
    after = _WORD_RE.findall(text[item.end : item.end + 30])
    for words in (before, after):
        for word in words[:3]:
            folded = fold(word)
            if folded in _DAY_FILLERS:
                continue
            if folded in lex.SPEECH_VERBS or folded in _SPEECH_NOUNS:
                return True
            break
    return False


def _same_setting(view: StoryView, a: "_Item", b: "_Item", places: dict[int, set[str]]) -> bool:
    """Return whether two value mentions can be about one fact: not in two different places,
    and, for dates, with the same words around them."""
    places_a, places_b = places.get(a.sentence, set()), places.get(b.sentence, set())
    if places_a and places_b and not places_a & places_b:
        # "15 killed in Idlib" and "104 killed in Homs": two places of one level, two facts; a
        # state and a city may be one place ("a Nebraska nuclear power station" / "the Omaha
        # plant").
        levels_a = {place_level(p) for p in places_a}
        if levels_a & {place_level(p) for p in places_b}:
            return False
    if a.value.kind != "date" or a.value.key == "weekday":
        return True  # weekdays need only close paraphrases; years and dates their own words too
    if a.value.key == "monthday" and b.value.key == "monthday":
        # A day of a month names one event where the words around it agree ("which disappeared
        # March 8 en route from Kuala Lumpur to Beijing" / "disappeared on March 8 on a flight
        # between Kuala Lumpur, Malaysia, and Beijing").
        context_a, context_b = _context(view, a), _context(view, b)
        shared_context = len(context_a & context_b)
        if shared_context >= MONTHDAY_MIN_SHARED or (
            shared_context >= 2 and float(view.similarity[a.sentence, b.sentence]) >= DATE_CONTEXT
        ):
            return True
    text_a = view.articles[a.article].text
    text_b = view.articles[b.article].text
    window_a = _window(text_a, a.start, a.end)
    window_b = _window(text_b, b.start, b.end)
    shared = len(window_a & window_b)
    smaller = min(len(window_a), len(window_b))
    return shared >= 2 and smaller > 0 and shared / smaller >= DATE_WINDOW_OVERLAP


def _is_figure(value: float) -> bool:
    """Return whether a number is specific enough to identify what a sentence tells: 1,000 or more,
    or three significant digits ("$184 million", "800,000", "364"), and no year."""
    if value == int(value) and 1800 <= value <= 2100:
        return False
    digits = f"{value:.6g}".replace(".", "").lstrip("0").rstrip("0")
    return value >= 1000 or len(digits) >= 3


def _days_apart(a: ValueMention, b: ValueMention) -> float:
    """Return about how many days lie between two days of a month (values month * 100 + day)."""
    def ordinal(value: float) -> float:
        return (value // 100) * 31 + value % 100

    return abs(ordinal(a.low) - ordinal(b.low))


def _far_apart(a: ValueMention, b: ValueMention) -> bool:
    """Return whether two amounts differ by more than ``MAX_VALUE_RATIO``: two things, not one
    misreported ("46 arrested" in the protests / "one person arrested" for disorderly conduct)."""
    low = min(a.high, b.high)
    high = max(a.low, b.low)
    return low > 0 and high / low > MAX_VALUE_RATIO


class _Facts:
    """Decides whether two value mentions state one fact, with each mention's context cached."""

    def __init__(self, view: StoryView, places: dict[int, set[str]]) -> None:
        self.view = view
        self.places = places
        self._contexts: dict[int, frozenset[str]] = {}
        self._said: dict[int, bool] = {}
        self._next: dict[int, frozenset[str]] = {}
        self._events: dict[int, frozenset[str]] = {}
        # Per (kind, key, unit), the distinct values a unit gives a count or length (``slot``).
        self.values_of: dict[tuple[str, str, int], set[tuple[float, float]]] = defaultdict(set)
        # The same with keys of one slot as one (``_SLOT_KEYS``), made on first use.
        self._slot_values: dict[tuple[str, str, int], set[tuple[float, float]]] | None = None
        self._inner: dict[int, frozenset[str]] = {}
        self._sentence_numbers: dict[int, frozenset[float]] = {}
        # Per unit, the numbers with three significant digits or more it states anywhere (``knows``).
        self._numbers: dict[int, frozenset[float]] = {}
        # Per sentence, the counts it gives by key (``other_counts_differ``).
        self.counts: dict[int, dict[str, list[tuple[float, float]]]] = defaultdict(lambda: defaultdict(list))

    def other_counts_differ(self, a: _Item, b: _Item) -> bool:
        """Return whether the two sentences give other counts of the same things, all different.

        "caught 29 passes for 201 yards" / "caught 39 passes for 302 yards", or
        "six AK-47 rifles, 12 magazines and about 300 rounds" / "14 AK-47
        rifles, 31 magazines and 923 rounds": when every count the sentences
        share differs, they count two different sets (a game and a season, two
        seizures); a misreport changes one number, not all of them.
        """
        counts_a, counts_b = self.counts.get(a.sentence, {}), self.counts.get(b.sentence, {})
        shared = [k for k in counts_a if k in counts_b and k != _base_key(a.value.key)]
        return bool(shared) and all(
            not any(_bounds_overlap(x, y) for x in counts_a[k] for y in counts_b[k]) for k in shared
        )

    def inner(self, item: _Item) -> frozenset[str]:
        """Return the content stems inside a value's phrase, besides the value and its key
        ("a 21-year FBI veteran": "fbi")."""
        found = self._inner.get(id(item))
        if found is None:
            text = self.view.articles[item.article].text[item.start : item.end]
            skip = {t for t, _ in terms(item.surface)} | {item.value.key}
            found = self._inner[id(item)] = frozenset(
                t for t, _ in terms(text) if t not in skip and t not in _WINDOW_SKIP and not t[:1].isdigit()
            )
        return found

    def slot(self, a: _Item, b: _Item, similarity: float) -> bool:
        """Return whether two lengths fill one slot of the story: the length of the same specific
        thing ("a 21-year FBI veteran" / "a 28-year veteran of the FBI"), which each outlet gives
        one value only, in sentences at least ``SLOT_FLOOR`` alike that share ``SLOT_MIN_SHARED``
        words around the values (or inside their phrases)."""
        value_a, value_b = a.value, b.value
        key_a, key_b = _SLOT_KEYS.get(value_a.key, value_a.key), _SLOT_KEYS.get(value_b.key, value_b.key)
        if key_a != key_b or value_a.is_generic or value_a.key == DURATION_SPAN:
            return False
        if value_a.kind != "duration" or similarity < SLOT_FLOOR:
            return False
        if self._slot_values is None:
            self._slot_values = defaultdict(set)
            for (kind, key, unit), values in self.values_of.items():
                self._slot_values[(kind, _SLOT_KEYS.get(key, key), unit)] |= values
        for item in (a, b):
            if len(self._slot_values.get((item.value.kind, key_a, item.unit), ())) != 1:
                return False
        shared = (self.context(a) | self.inner(a)) & (self.context(b) | self.inner(b))
        return len(shared) >= SLOT_MIN_SHARED

    def listed_both(self, a: _Item, b: _Item) -> bool:
        """Return whether a sentence also states the other's number, for something else: the
        same figures told in another order ("two women and one man died" / "a man and two women
        died"), not two versions of one."""
        return a.value.low in self.sentence_numbers(b) and b.value.low in self.sentence_numbers(a)

    def sentence_numbers(self, item: _Item) -> frozenset[float]:
        found = self._sentence_numbers.get(item.sentence)
        if found is None:
            sentence = self.view.sentences[item.sentence].sentence
            text = self.view.articles[item.article].text
            found = exact_numbers(text, sentence.start, sentence.end, min_digits=0)
            if _ONE_PERSON.search(text, sentence.start, sentence.end):
                found |= {1.0}  # "a man and two women died"
            self._sentence_numbers[item.sentence] = found
        return found

    def shared_figure(self, a: _Item, b: _Item) -> bool:
        """Return whether the two sentences state one specific figure besides the values compared
        ("an eight-year deal worth $184 million" / "WCVB-TV claims it was eight years and $184
        million"; "800,000 employees without pay for 35 days"): they tell one fact."""
        values = {a.value.low, a.value.high, b.value.low, b.value.high}
        return any(
            _is_figure(n) and n not in values for n in self.sentence_numbers(a) & self.sentence_numbers(b)
        )

    def part_of(self, item: _Item) -> float | None:
        """Return the part a count is the whole of ("won 18 of its next 23 games": 18), or None."""
        text = self.view.articles[item.article].text
        match = _PART_BEFORE.search(text, max(0, item.start - 40), item.start)
        if match is None:
            return None
        part = exact_numbers(match.group("part"), min_digits=0)
        return next(iter(part)) if len(part) == 1 else None

    def shared_part(self, a: _Item, b: _Item) -> bool:
        """Return whether two counts are the wholes of one part ("won 18 of its next 23 games" / "win
        18 of their next 31 games"): the same part of two wholes is one fact told with two totals."""
        part_a, part_b = self.part_of(a), self.part_of(b)
        return part_a is not None and part_a == part_b and part_a >= MIN_PART

    def pinned(self, a: _Item, b: _Item, similarity: float) -> bool:
        """Return whether sentences at least ``FIGURE_FLOOR`` alike state one specific figure besides
        the values (``shared_figure``) or the same part of them (``shared_part``): one fact."""
        return similarity >= FIGURE_FLOOR and (self.shared_figure(a, b) or self.shared_part(a, b))

    def knows(self, unit: int, item: _Item) -> bool:
        """Return whether ``unit`` states a specific number within ``item``'s bounds anywhere, whatever
        it counts: "55.3 million people tuned in" / "32 million ..., compared with 55.3 million a
        decade ago" — the second outlet knows the first one's figure, for another year."""
        numbers = self._numbers.get(unit)
        if numbers is None:
            numbers = self._numbers[unit] = frozenset().union(
                *(exact_numbers(a.text) for a, u in zip(self.view.articles, self.view.units) if u == unit)
            )
        low, high = item.value.low, item.value.high
        return any(low <= n <= high for n in numbers)

    def events(self, item: _Item) -> frozenset[str]:
        found = self._events.get(id(item))
        if found is None:
            found = self._events[id(item)] = _event_words(self.view, item)
        return found

    def context(self, item: _Item) -> frozenset[str]:
        found = self._contexts.get(id(item))
        if found is None:
            found = self._contexts[id(item)] = _context(self.view, item)
        return found

    def next_to(self, item: _Item) -> frozenset[str]:
        found = self._next.get(id(item))
        if found is None:
            found = self._next[id(item)] = _next_words(self.view.articles[item.article].text, item)
        return found

    def said_on(self, item: _Item) -> bool:
        found = self._said.get(id(item))
        if found is None:
            found = self._said[id(item)] = _is_speech_day(
                self.view.articles[item.article].text, item, self.view.sentences[item.sentence].sentence.end
            )
        return found

    def same(self, a: _Item, b: _Item) -> bool:
        """Return whether ``a`` and ``b`` (of two outlets) give one fact, in value or not.

        Close sentences whose values have words around them in common, or
        sentences that share little else but the words right around the value
        ("pleaded guilty on Friday to lying to the FBI"), or for weekdays the
        word right next to the day ("was arrested Sunday night"); the rules and
        their constants are described above ``CONTEXT_WORDS``.  A weekday
        something was said on is never the day of an event; places and, for
        years and dates, the words around them must agree (``_same_setting``).
        """
        similarity = float(self.view.similarity[a.sentence, b.sentence])
        if a.value.key == "weekday":
            return self._same_day(a, b, similarity)
        figure = a.value.kind != "date" and self.pinned(a, b, similarity)
        context_a, context_b = self.context(a), self.context(b)
        shared = len(context_a & context_b)
        overlap = shared / max(1, min(len(context_a), len(context_b)))
        near = shared >= CONTEXT_MIN_SHARED and overlap >= CONTEXT_OVERLAP
        if similarity < CONTEXT_FLOOR and not figure and not self.slot(a, b, similarity) and not (
            near and a.value.kind != "date" and similarity >= NEAR_FLOOR
        ):
            return False
        specific = a.value.key == b.value.key and a.value.key != DURATION_SPAN
        threshold = max(_context_threshold(a.value), _context_threshold(b.value))
        mid = a.value.kind != "duration" or specific
        if not (
            (specific and similarity >= threshold and shared >= CONTEXT_MIN_SHARED_CLOSE)
            or self.slot(a, b, similarity)
            or (figure and (shared >= 1 or similarity >= CONTEXT_MID))
            or (mid and similarity >= CONTEXT_MID and shared >= CONTEXT_MIN_SHARED_MID
                and overlap >= CONTEXT_OVERLAP_MID)
            or (shared >= CONTEXT_MIN_SHARED and overlap >= CONTEXT_OVERLAP)
        ):
            return False
        return _same_setting(self.view, a, b, self.places)

    def _same_day(self, a: _Item, b: _Item, similarity: float) -> bool:
        """Return whether two weekdays are the day of one event (rules above ``EVENT_WORDS``)."""
        if similarity < WEEKDAY_FLOOR:
            return False
        if _is_publication_day(self.view.articles[a.article].text, a) or _is_publication_day(
            self.view.articles[b.article].text, b
        ):
            return False
        if self.said_on(a) != self.said_on(b):
            # "opened fire ... Friday" / "..., police said Saturday": the day of an
            # event and the day it was told are two facts.
            return False
        events = len(self.events(a) & self.events(b))
        told = self.said_on(a)  # both days of telling: the telling is the event
        if events < EVENT_MIN_SHARED:
            if (events == 0 and not told) or similarity < CONTEXT_FLOOR:
                return False
            context_a, context_b = self.context(a), self.context(b)
            shared = len(context_a & context_b)
            overlap = shared / max(1, min(len(context_a), len(context_b)))
            if not (
                (similarity >= WEEKDAY_CONTEXT and shared >= CONTEXT_MIN_SHARED_CLOSE)
                or (events >= 2 and (shared >= CONTEXT_MIN_SHARED or similarity >= CLOSE_EVENTS))
                or (similarity >= CONTEXT_MID and shared >= CONTEXT_MIN_SHARED_MID
                    and overlap >= CONTEXT_OVERLAP_MID)
                or (shared >= CONTEXT_MIN_SHARED and overlap >= CONTEXT_OVERLAP)
                or self.next_to(a) & self.next_to(b)
            ):
                return False
        return _same_setting(self.view, a, b, self.places)


def _group_values(items: Sequence[_Item]) -> list[list[_Item]]:
    """Return the items grouped by value: the same bounds ("12", "twelve"), one group each.

    A weekday is its day, however far its bounds reach ("Friday" and "Friday night").
    """
    groups: dict[object, list[_Item]] = {}
    for item in sorted(items, key=lambda i: (i.value.low, i.value.high, i.article, i.start)):
        value = item.value
        key = fold(value.surface) if value.key == "weekday" else (value.low, value.high)
        groups.setdefault(key, []).append(item)
    return list(groups.values())


def _anchor(view: StoryView, a: int, b: int, skip: set[str]) -> str:
    """Return up to four words sentence ``a`` shares with ``b``: what the value belongs to."""
    other = {t for t, _ in terms(view.text(b))}
    words: list[str] = []
    for word in view.text(a).replace("’", "'").split():
        cleaned = word.strip(".,;:!?\"'“”()—–-")
        folded = fold(cleaned)
        if not cleaned or folded in skip or stem(folded) not in other:
            continue
        if cleaned not in words and len(cleaned) > 2 and not cleaned[0].isdigit():
            words.append(cleaned)
        if len(words) == 4:
            break
    return ", ".join(words)


def _compare_key(kind: str, key: str) -> str:
    # Durations are compared whatever they measure: "without pay for 35 days" and
    # "a shutdown of 35 days" are keyed differently; their context decides.
    # A relative one ("nine days earlier", "the first four days") only with its own sort.
    if kind == "duration":
        return key[: key.index(":") + 1] + "*" if ":" in key else "*"
    return key


def _bounds_overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Return whether two (low, high) bounds overlap, as ``overlaps`` does for mentions."""
    tolerance = 1e-9 * max(1.0, abs(a[0]), abs(b[0]))
    return a[0] <= b[1] + tolerance and b[0] <= a[1] + tolerance


def _components(count: int, pairs: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Return the connected sets of ``range(count)`` linked by ``pairs`` (only linked ones), in order."""
    parent = list(range(count))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for x, y in pairs:
        parent[find(x)] = find(y)
    members: dict[int, set[int]] = defaultdict(set)
    for x, y in pairs:
        members[find(x)].update((x, y))
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def _base_key(key: str) -> str:
    """Return a value key without its qualifier: "other:victim" -> "victim"."""
    return key.rsplit(":", 1)[-1] if key.startswith(_QUALIFIERS) else key


def _conflicting_pairs(
    items: Sequence[_Item], kind: str, facts: _Facts, counts: dict[int, set[tuple[float, float]]] | None = None
) -> list[tuple[int, int]]:
    """Return the pairs of mentions (of two outlets) that give one fact two values that cannot both hold.

    ``counts`` holds, per unit, every count of the same thing however qualified
    ("seven rifles" and "two other rifles"): a unit with two of them is not compared.
    """
    bounds: dict[int, set[tuple[float, float]]] = defaultdict(set)
    for item in items:
        bounds[item.unit].add((item.value.low, item.value.high))
    # "20 people dead, including the three gunmen" gives 17 killed besides them too.
    given = {unit: set(unit_bounds) for unit, unit_bounds in bounds.items()}
    for item in items:
        if item.value.included:
            given[item.unit].add((item.value.low - item.value.included, item.value.high - item.value.included))

    def gives(unit: int, item: _Item) -> bool:
        return any(_bounds_overlap(bound, (item.value.low, item.value.high)) for bound in given[unit])

    # An outlet that splits a count ("seven AK-47 rifles, two other rifles") gives its
    # total too (nine): another outlet's "nine rifles" and a third's "seven" are both right.
    splits = []
    if kind == "number" and counts:
        for unit_bounds in counts.values():
            # An open bound ("over 100 yards") is no part of a total: it would "explain" any count.
            parts = sorted(b for b in unit_bounds if not math.isinf(b[1]))
            if len(parts) > 1:
                sums = {(x[0] + y[0], x[1] + y[1]) for i, x in enumerate(parts) for y in parts[i + 1 :]}
                splits.append(set(parts) | sums)

    def explained(a: _Item, b: _Item) -> bool:
        return any(
            any(_bounds_overlap(bound, (a.value.low, a.value.high)) for bound in split)
            and any(_bounds_overlap(bound, (b.value.low, b.value.high)) for bound in split)
            for split in splits
        )

    # A count that an outlet gives with two different values ("missed four games",
    # "played in 10 games") counts two things there: which one another outlet's
    # number contradicts is unclear.
    ambiguous = set()
    if kind == "number":
        for unit, unit_bounds in (counts or bounds).items():
            if any(not _bounds_overlap(a, b) for a in unit_bounds for b in unit_bounds):
                ambiguous.add(unit)
    # Candidates are screened in arrays first: a large story has thousands of
    # weekdays, and most pairs sit in unrelated sentences.
    if items and items[0].value.key == "weekday":
        floor = WEEKDAY_FLOOR
    elif kind in ("number", "duration"):
        floor = min(CONTEXT_FLOOR, SLOT_FLOOR, FIGURE_FLOOR, NEAR_FLOOR)
    else:
        floor = CONTEXT_FLOOR
    sentences = np.fromiter((i.sentence for i in items), dtype=np.intp, count=len(items))
    units = np.fromiter((i.unit for i in items), dtype=np.intp, count=len(items))
    lows = np.fromiter((i.value.low for i in items), dtype=float, count=len(items))
    highs = np.fromiter((i.value.high for i in items), dtype=float, count=len(items))
    by_sentence: dict[int, list[int]] = defaultdict(list)
    for x, item in enumerate(items):
        by_sentence[item.sentence].append(x)
    aligned: dict[tuple[int, int], set[tuple[int, int]]] = {}

    def counterparts(x: int, y: int) -> bool:
        """Return whether mentions ``x`` and ``y`` are aligned in their two sentences."""
        in_a, in_b = by_sentence[items[x].sentence], by_sentence[items[y].sentence]
        if len(in_a) == 1 and len(in_b) == 1:
            return True
        key = (items[x].sentence, items[y].sentence)
        if key not in aligned:
            # A value both outlets give is matched with its own ("vigil for victims of
            # Saturday's attack ..., Monday" / "a vigil ... on Wednesday evening", where both
            # give Saturday's attack): only the values in dispute are paired.
            unit_a, unit_b = items[x].unit, items[y].unit
            open_a = [i for i in in_a if not gives(unit_b, items[i])]
            open_b = [j for j in in_b if not gives(unit_a, items[j])]
            aligned[key] = _align(open_a, open_b, items, facts)
        return (x, y) in aligned[key]

    in_unit: dict[int, list[int]] = defaultdict(list)
    for x, item in enumerate(items):
        in_unit[item.unit].append(x)

    def only_counterpart(x: int, y: int) -> bool:
        """Return whether ``x`` is surely the value of its unit that states ``y``'s fact: an outlet
        giving a count two values ("Manning threw for 364 yards", "Garrard ... 329 yards") is
        compared where one of them alone meets the other outlet's mention, in close paraphrases
        (``AMBIGUOUS_CONTEXT``, ``AMBIGUOUS_MIN_SHARED`` context words)."""
        a, b = items[x], items[y]
        similarity = float(facts.view.similarity[a.sentence, b.sentence])
        # Sentences that state one specific figure besides ("2,700 km (1,680 miles)"), or the same
        # part of the counts ("18 of its next 23 games"), pair the counts as surely as a close copy.
        if not facts.pinned(a, b, similarity):
            if similarity < AMBIGUOUS_CONTEXT:
                return False
            context_a, context_b = facts.context(a), facts.context(b)
            shared = len(context_a & context_b)
            if shared < AMBIGUOUS_MIN_SHARED or shared < CONTEXT_OVERLAP * min(len(context_a), len(context_b)):
                return False
        return not any(
            not overlaps(items[z].value, a.value) and facts.same(items[z], b) for z in in_unit[a.unit]
        )

    pairs = []
    for x, a in enumerate(items):
        rest = slice(x + 1, len(items))
        tolerance = 1e-9 * np.maximum(max(1.0, abs(a.value.low)), np.abs(lows[rest]))
        candidates = (
            (facts.view.similarity[a.sentence, sentences[rest]] >= floor)
            & (units[rest] != a.unit)
            & ((lows[rest] > a.value.high + tolerance) | (a.value.low > highs[rest] + tolerance))
        )
        for y in (np.flatnonzero(candidates) + x + 1).tolist():
            b = items[y]
            if overlaps(a.value, b.value):
                continue
            if kind != "date" and _far_apart(a.value, b.value):
                continue
            if a.value.key == "monthday" and _days_apart(a.value, b.value) > MAX_DAY_GAP:
                continue
            # Neither outlet may also give the other's value: an outlet that names
            # both days, or both counts, does not contradict either.
            if gives(a.unit, b) or gives(b.unit, a) or explained(a, b):
                continue
            if kind == "number" and (
                facts.other_counts_differ(a, b) or facts.knows(b.unit, a) or facts.knows(a.unit, b)
                or facts.listed_both(a, b)
            ):
                continue
            if counterparts(x, y) and facts.same(a, b):
                if (a.unit in ambiguous and not only_counterpart(x, y)) or (
                    b.unit in ambiguous and not only_counterpart(y, x)
                ):
                    continue
                pairs.append((x, y))
    return pairs


def _align(in_a: Sequence[int], in_b: Sequence[int], items: Sequence[_Item], facts: _Facts) -> set[tuple[int, int]]:
    """Return the one-to-one counterparts among the values of two sentences, whatever their values.

    "He was sentenced to 2 1/2 years, with 9 months to serve" / "sentenced to
    2 years, with 13 months to serve": the months go with the months, not
    with the years.  Pairs are taken greedily by the context words they share
    (``_Facts.context``), then by how close their values are, then by their order.
    """
    def distance(x: int, y: int) -> float:
        low_x, low_y = max(items[x].value.low, 1e-9), max(items[y].value.low, 1e-9)
        return abs(math.log(low_x / low_y))

    ranked = sorted(
        ((-len(facts.context(items[x]) & facts.context(items[y])), round(distance(x, y), 3), abs(i - j), x, y)
         for i, x in enumerate(in_a) for j, y in enumerate(in_b)),
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen = set()
    for *_, x, y in ranked:
        if x in used_a or y in used_b:
            continue
        used_a.add(x)
        used_b.add(y)
        chosen.add((min(x, y), max(x, y)))
    return chosen


def _value_disputes(
    view: StoryView, values: Sequence[Sequence[ValueMention]], places: dict[int, set[str]]
) -> list[Dispute]:
    by_key: dict[tuple[str, str], list[_Item]] = defaultdict(list)
    for article, mentions in enumerate(values):
        unit = view.units[article]
        for mention in mentions:
            sentence = view.sentence_index(article, mention.start)
            if sentence < 0:
                continue
            by_key[(mention.kind, _compare_key(mention.kind, mention.key))].append(
                _Item(article, unit, sentence, mention.start, mention.end, mention.surface, mention)
            )
    facts = _Facts(view, places)
    for (kind, _), items in by_key.items():
        for item in items:
            facts.values_of[(kind, item.value.key, item.unit)].add((item.value.low, item.value.high))
    counts: dict[str, dict[int, set[tuple[float, float]]]] = defaultdict(lambda: defaultdict(set))
    for (kind, key), items in by_key.items():
        if kind == "number":
            for item in items:
                counts[_base_key(key)][item.unit].add((item.value.low, item.value.high))
                facts.counts[item.sentence][_base_key(key)].append((item.value.low, item.value.high))
    disputes = []
    for (kind, key), items in sorted(by_key.items()):
        if len({i.unit for i in items}) < 2:
            continue
        pairs = _conflicting_pairs(items, kind, facts, counts.get(_base_key(key)) if kind == "number" else None)
        # One fact per connected set of conflicting pairs: a story has many weekdays.
        for members in _components(len(items), pairs):
            core = [items[i] for i in members]
            involved: dict[int, _Item] = {id(c): c for c in core}
            # Mentions of other outlets in the same fact join the versions they agree with
            # (a third value that conflicts with nothing in the set is another fact).
            for item in items:
                if id(item) not in involved and any(
                    item.unit != c.unit and facts.same(item, c) for c in core
                ) and any(overlaps(item.value, c.value) for c in core):
                    involved[id(item)] = item
            # An outlet that gives two conflicting values here counts two things
            # ("two counts of assault ... five counts of mischief"): too unsure.
            unit_items: dict[int, list[_Item]] = defaultdict(list)
            for item in involved.values():
                unit_items[item.unit].append(item)
            if any(
                not overlaps(p.value, q.value)
                for group in unit_items.values()
                for k, p in enumerate(group)
                for q in group[k + 1 :]
            ):
                continue
            groups = _group_values(list(involved.values()))
            subject = Counter(i.value.subject for i in core).most_common(1)[0][0]
            if kind == "date":
                first = next((x, y) for x, y in pairs if x == members[0] or y == members[0])
                skip = {fold(d) for d in (*lex.WEEKDAYS, *lex.MONTHS)} | {"on", "the"}
                anchor = _anchor(view, items[first[0]].sentence, items[first[1]].sentence, skip)
                subject = f"{subject} ({anchor})" if anchor else subject
            dispute = _dispute(view, subject, kind, groups, lambda a, b: not overlaps(a.value, b.value))
            if dispute:
                disputes.append(dispute)
    return disputes


# --- Places ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Place:
    """A place named where something happened: its key, level, span and, for a place that
    modifies a name ("a Wyoming Senate candidate", "in Los Angeles Superior Court"), the
    name's last word ("senate", "court"); "" after in/at/near."""

    key: str
    level: str
    start: int
    end: int
    text: str
    head: str


def _modifier_place(mention: NameMention) -> _Place | None:
    """Return the place that opens a longer name ("Wyoming Senate", "Arizona State University"),
    or None: the longest leading one to three words that the gazetteer knows."""
    parts = mention.text.split()
    if len(parts) < 2 or fold(parts[-1]) in _MEDIA_HEADS:
        return None  # "the New York Times" / "the Los Angeles Times": two papers, not two places
    for size in range(min(3, len(parts) - 1), 0, -1):
        prefix = " ".join(parts[:size])
        level = place_level(prefix)
        if level:
            head = fold(parts[-1])
            return _Place(place_key(prefix), level, mention.start, mention.start + len(prefix), prefix, head)
    return None


def _place_context(view: StoryView, article: int, sentence: int, place: _Place) -> frozenset[str]:
    """Return the content stems around a place in its sentence, as ``_context`` does for values."""
    bounds = view.sentences[sentence].sentence
    text = view.articles[article].text
    before = terms(text[max(bounds.start, place.start - 120) : place.start])
    after = terms(text[place.end : min(bounds.end, place.end + 100)])
    words = [t for t, _ in before if t not in _WINDOW_SKIP and not t[:1].isdigit()][-CONTEXT_WORDS:]
    words += [t for t, _ in after if t not in _WINDOW_SKIP and not t[:1].isdigit()][:CONTEXT_WORDS]
    return frozenset(_SYNONYMS.get(w, w) for w in words)


def _place_disputes(view: StoryView, names: Sequence[Sequence[NameMention]]) -> list[Dispute]:
    places: dict[int, list[_Place]] = defaultdict(list)
    # Every place a sentence names, where something happened or not ("limbs Alabama").
    named: dict[int, set[str]] = defaultdict(set)
    in_article: list[set[str]] = []
    for article, mentions in enumerate(names):
        keys = set()
        text = view.articles[article].text
        for mention in mentions:
            level = place_level(mention.text)
            if level:
                place = _Place(place_key(mention.text), level, mention.start, mention.end, mention.text, "")
                keys.add(place.key)
                named[view.sentence_index(article, mention.start)].add(place.key)
                if mention.preposition not in _LOCATIVE and not mention.after_place_noun:
                    continue
                if text.startswith(("'s", "’s"), mention.end):
                    continue  # "a minor figure in New York's legal circles": not where it happened
                before = text[max(0, mention.title_start - 40) : mention.title_start]
                if mention.preposition == "at" and _NAME_AT.search(before):
                    continue  # "the University of Alabama at Birmingham": a campus, part of the name
            else:
                place = _modifier_place(mention)
                if place is None:
                    continue
                keys.add(place.key)
            sentence = view.sentence_index(article, mention.start)
            if sentence >= 0:
                places[sentence].append(place)
        in_article.append(keys)
    found: dict[tuple[str, str], list[_Item]] = {}
    anchors: dict[tuple[str, str], str] = {}
    sentences = sorted(places)
    for x, i in enumerate(sentences):
        for j in sentences[x + 1 :]:
            article_i, article_j = view.sentences[i].article, view.sentences[j].article
            if view.units[article_i] == view.units[article_j]:
                continue
            similarity = float(view.similarity[i, j])
            if similarity < PLACE_FLOOR:
                continue
            text_i, text_j = fold(view.text(i)), fold(view.text(j))
            keys_i = {q.key for q in places[i]} | named[i]
            keys_j = {q.key for q in places[j]} | named[j]
            for p in places[i]:
                for q in places[j]:
                    # Two places of one kind, both where something happened or both
                    # naming the same thing ("Wyoming Senate" / "Connecticut Senate").
                    if p.key == q.key or p.level != q.level or p.head != q.head:
                        continue
                    # One place each that the other sentence lacks, or it is unclear which two differ.
                    if len({r.key for r in places[i] if (r.level, r.head) == (p.level, p.head)} - keys_j) != 1:
                        continue
                    if len({r.key for r in places[j] if (r.level, r.head) == (q.level, q.head)} - keys_i) != 1:
                        continue
                    if p.key in text_j or q.key in text_i or fold(p.text) in text_j or fold(q.text) in text_i:
                        continue
                    if similarity < PLACE_CONTEXT:
                        shared = _place_context(view, article_i, i, p) & _place_context(view, article_j, j, q)
                        if similarity < CONTEXT_FLOOR:
                            shared = {w for w in shared if not place_level(w)}  # "Iowa" / "Iowa": a topic
                        if len(shared) < (PLACE_MIN_SHARED if similarity >= CONTEXT_FLOOR else PLACE_MIN_SHARED + 1):
                            continue
                    # An outlet that names the other's place too does not contradict it
                    # ("rallies in Patras ... and in Thessaloniki").
                    if q.key in in_article[article_i] or p.key in in_article[article_j]:
                        continue
                    pair = tuple(sorted((p.key, q.key)))
                    bucket = found.setdefault(pair, [])
                    for article, place, sentence in ((article_i, p, i), (article_j, q, j)):
                        bucket.append(
                            _Item(article, view.units[article], sentence, place.start, place.end, place.text, place.key)
                        )
                    anchors.setdefault(pair, _anchor(view, i, j, {p.key, q.key, "in", "at", "the"}))
    disputes = []
    for pair, items in sorted(found.items()):
        unique = {(i.article, i.start): i for i in items}.values()
        groups = [[i for i in unique if i.value == key] for key in pair]
        subject = f"place ({anchors[pair]})" if anchors[pair] else "place"
        dispute = _dispute(view, subject, "place", groups)
        if dispute:
            disputes.append(dispute)
    return disputes


def find_disputes(
    view: StoryView,
    names: Sequence[Sequence[NameMention]],
    values: Sequence[Sequence[ValueMention]],
    people: People,
) -> list[Dispute]:
    """Return the story's disputes: titles first, then ages, numbers, durations, dates, places.

    Args:
        view: the story's sentences and their similarities.
        names: the name mentions of each article (``scan_names``), in story order.
        values: the value mentions of each article (``find_values``), in story order.
        people: the story's persons.
    """
    if len(set(view.units)) < 2:
        return []
    places: dict[int, set[str]] = defaultdict(set)
    for article, mentions in enumerate(names):
        for mention in mentions:
            if place_level(mention.text) in ("city", "district", "region", "state"):
                sentence = view.sentence_index(article, mention.start)
                if sentence >= 0:
                    places[sentence].add(place_key(mention.text))
    disputes = (
        _title_disputes(view, names, people)
        + _age_disputes(view, names, people)
        + _value_disputes(view, values, places)
        + _place_disputes(view, names)
    )
    disputes.sort(key=lambda d: (_KIND_ORDER.get(d.kind, 9), -sum(len(v.sources) for v in d.versions), d.subject))
    return disputes
