"""The people of a story: name variants merged, short mentions resolved.

"Vladimir Putin", "Putin" and "President Putin" are one person; so are
"Volodymyr Zelensky" and "Volodymyr Zelenskiy" (last names within a small
edit distance).  Other middle initials make another person: "George H.W.
Bush" is not "George W. Bush" (while "George Walker Bush" is).  A last name
alone resolves to the full name it most often comes with in the story.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from rapidfuzz import fuzz

from newsfuse.brief import _lexicon as lex
from newsfuse.brief.gazetteer import is_place
from newsfuse.brief.names import (
    NameMention,
    ends_in_place_word,
    is_surname_after,
    middle_initials,
    name_suffix,
    split_person,
)
from newsfuse.text import fold

__all__ = ["Person", "People", "is_newspaper", "is_shaped_as_place", "looks_like_person"]

# Two last names at least this similar (rapidfuzz ratio, 0-100) and with the
# same first letter are one spelling variant: "zelensky"/"zelenskiy" = 94,
# "peskov"/"pesko" = 91, while "johnson"/"jackson" = 71.
LAST_NAME_SIMILARITY = 88
FIRST_NAME_SIMILARITY = 80
# A plain full name with a title is another person than a suffixed namesake
# never titled ("President Donald Trump", "Donald Trump Jr.") when the story
# writes that surname with that title at least this often.  Dev stories: two
# such pairs; "President Trump"/"President Donald Trump" 4 times beside
# "Donald Trump Jr." (two persons), "former Director of National Intelligence
# James Clapper" once beside "James R. Clapper Jr." (one person).
TITLED_NAMESAKE_MIN_MENTIONS = 2


def looks_like_person(mention: NameMention) -> bool:
    """Return whether a name mention is written like a person's name.

    A title or honorific before it says so; otherwise two to four
    capitalised words that are not a known place or an organisation, nor a
    street, an event, a team or a product (``_may_be_person``).
    """
    if mention.role or mention.has_honorific:
        return True
    if mention.in_headline:
        return False  # "Putin Signals Willingness": headline capitals say nothing
    parts = mention.text.split()
    if not 2 <= len(parts) <= 4:
        return False
    if is_place(mention.text) or mention.preposition in ("in", "at", "near", "from"):
        return False
    if is_newspaper(mention.text) or is_shaped_as_place(mention.text):
        return False  # "Baltimore Sun", "Mount Everest", "West Texas"
    if "." in parts[0] and len(parts[0].replace(".", "")) > 1 and is_place(parts[0]):
        return False  # "U.S. Treasury", "U.S. Consulate": a country's abbreviation, not a person's initials
    folded = [fold(p).strip(".") for p in parts]
    folded += [piece for p in folded if "-" in p for piece in p.split("-")]  # "Chicago Sun-Times"
    written = [fold(p).strip(".") for p in parts]  # without the hyphen's pieces
    # "Bill Park": a place word after a first name is a surname (``names.ends_in_place_word``).
    if written[-1] in _STREET_ABBREVIATIONS:
        return False  # "Daly St.", "Perry St": a street's abbreviated word ends no person's name
    place_ended = ends_in_place_word(written)
    surname = written[-1] if written[-1] in lex.SURNAME_PLACE_WORDS and not place_ended else ""
    if any(p in lex.ORG_CUES or (p in lex.PLACE_CUES and p != surname) or p in lex.NOT_NAMES for p in folded):
        return False
    if place_ended or not _may_be_person(written, mention.is_common):
        return False
    if folded[0] in lex.STATUS_WORDS or any(p in lex.UNITS or p in lex.TENS or p == "others" for p in folded):
        return False  # "Former Pennsylvania", "Eight Republicans", "Others"
    if any(p in lex.ROLE_WORDS for p in folded if p != written[-1]) or (
        (written[-1] in lex.ROLE_WORDS or written[-1] in lex.OCCUPATIONS) and not is_surname_after(written[-2])
    ):
        return False  # "Senate Majority Leader", "Best Actress"; but "Charlie King" and "Amy Bishop" are persons
    if mention.after_article and not lex.is_first_name(written[0].split("-")[0]):
        # "the Mandela Effect", "the Romney-Ryan Medicare (plan)": an article before a name that opens with no
        # first name makes it a thing's ("the Hillary Clinton campaign" still names her).
        return False
    if _ORDINAL.fullmatch(mention.preposition):
        return False  # "the 51st Fighter Wing": a numbered unit
    # "Joseph R. Murray II": a generational suffix after a first name and a surname is no acronym.
    named = parts[:-1] if len(parts) > 2 and name_suffix(parts[-1]) and lex.is_first_name(written[0]) else parts
    if any(not p[:1].isalpha() or p.isupper() and len(p) > 1 and "." not in p for p in named):
        return False  # acronyms ("NATO Summit") and numbers
    # "Ban Ki-moon", "Ban Soon-taek": a word before a given name of two syllables joined by a hyphen (as Korean
    # names are written in English) is a family name, even one that is a cue below.
    given = {k for k, part in enumerate(parts[:-1]) if _HYPHENATED_GIVEN_NAME.fullmatch(parts[k + 1])}
    checked = [w for k, w in enumerate(written) if k not in given]
    pieces = [piece for w in checked for piece in w.split("-")]
    after = [pieces[k - 1] if k else w for k, w in enumerate(pieces)]  # the word before, or the first word itself
    if any(w in lex.NOT_ENTITY_CUES and not _is_common_first_name(a) for w, a in zip(pieces, after, strict=True)):
        # "Affordable Care Act", "Pulitzer Prize-winning", "Summit Entertainment", "Winter Games"; but a
        # common first name is a name's, and so is the word after it: "Bill Clinton", "Sandra Day O'Connor".
        return False
    # "Mark Cuban", "Jennifer Green": after a common first name, a demonym or a party's word is a surname
    # ("Chinese President", "Cuban American", "Green Party" stay out).  So is a party's word in the singular
    # after a first name of the census list that is neither a demonym nor a party's word ("Grant Green",
    # not "Christian Democrat"); the census list holds words too, so demonyms stay with the short lists
    # ("Rich French"), and a sentence-initial "Young" or "Will" the article writes in lower case is gone.
    surname_ok = len(folded) == 2 and (
        (_is_common_first_name(folded[0]) and (folded[1] in lex.DEMONYMS or folded[1] in lex.PARTY_WORDS))
        or (
            folded[1] in lex.PARTY_WORDS
            and not folded[1].endswith("s")
            and lex.is_first_name(folded[0])
            and not is_place(parts[0])  # "Georgia Republican"
            and not mention.is_common
            and folded[0] not in lex.DEMONYMS
            and folded[0] not in lex.PARTY_WORDS
        )
    )
    return surname_ok or not any(p in lex.DEMONYMS or p in lex.PARTY_WORDS for p in folded)


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_STREET_ABBREVIATIONS = frozenset("st ave blvd rd".split())
_HYPHENATED_GIVEN_NAME = re.compile(r"[A-Z][a-z]{1,4}-[a-z]{2,5}")


def _is_known_place(words: Sequence[str]) -> bool:
    """Return whether words name a place the gazetteer knows, or a part of one ("South Florida")."""
    if not words:
        return False
    if words[0].lower() in lex.AREA_WORDS and len(words) > 1 and is_place(" ".join(words[1:])):
        return True
    return is_place(" ".join(words))


def is_newspaper(name: str) -> bool:
    """Return whether a name is a newspaper's: a place, then a newspaper's word ("Baltimore Sun", "South
    Florida Sun-Sentinel", "Vancouver Sun", "Houston Chronicle")."""
    parts = name.split()
    last = fold(parts[-1]).strip(".")
    return len(parts) > 1 and bool({last, last.rsplit("-", 1)[-1]} & lex.NEWSPAPER_WORDS) and _is_known_place(parts[:-1])


def is_shaped_as_place(name: str) -> bool:
    """Return whether a name of two words or more is shaped as a place's: it opens with a place's word
    ("Mount Everest", "Lake Tahoe", "Fort Calhoun") or is a part of a place the gazetteer knows
    ("West Texas", "West Hartford")."""
    parts = name.split()
    if len(parts) < 2:
        return False
    first = fold(parts[0]).strip(".")
    return first in lex.PLACE_OPENERS or (first in lex.AREA_WORDS and _is_known_place(parts))


def _is_common_first_name(word: str) -> bool:
    """Return whether a folded word is a first name of the short lists (not the census's "winter", "golden")."""
    return word in lex.MALE_FIRST_NAMES or word in lex.FEMALE_FIRST_NAMES


def _may_be_person(written: Sequence[str], is_common: bool) -> bool:
    """Return whether the folded words of a name written like a person's, and ending in no place
    word (``names.ends_in_place_word``: "Crenshaw Boulevard"; but "Kim Wall"), may be one.

    They are not when the name ends in an event word ("Super Bowl"), a
    plural common noun or people ("Keurig K-cups", "Happy Feet", "Baltimore
    Orioles", "South Koreans"), or opens as a storm's or an operation's name
    ("Hurricane Katrina", "Operation Safe Streets"); nor when its first word
    is no first name and the article writes its first and last words in lower
    case ("Social Security", "Grand Jury": ``NameMention.is_common``).
    """
    last, first = written[-1], written[0]
    ends = {last, last.rsplit("-", 1)[-1]}  # "K-cups"
    if first in lex.EVENT_OPENERS or first in lex.NOT_PERSON_OPENERS:
        return False
    if any(w in lex.EVENT_WORDS or w in lex.PLURAL_NOUNS or w in lex.TEAM_NAMES for w in ends):
        return False
    if any(w[-1:] == "s" and w[:-1] in lex.DEMONYMS for w in ends):  # "South Koreans"
        return False
    return not (is_common and not lex.is_first_name(first))


def _shares_surname(first: NameMention, full: NameMention) -> bool:
    """Return whether a lone first name is joined by "and" to a full name whose surname it shares
    ("Hillary and Bill Clinton", "Barack and Michelle Obama")."""
    return (
        full.start - first.end == len(" and ")
        and " " in full.text
        and not first.role
        and lex.is_first_name(fold(first.text))
    )


def _namesakes(suffix: str, other_suffix: str) -> bool:
    """Return whether two full names of one first and last name are two persons by their suffixes.

    "W. Mark Felt Sr." and "Mark Felt Jr." are father and son.  A suffixed
    name beside the plain one ("Donald Trump Jr." and "Donald Trump") is
    left as one person: in the dev stories such pairs were more often one
    person written two ways ("Anthony LaCalamita III" and "Anthony
    LaCalamita", "Cesar Sayoc Jr." and "Cesar Sayoc") than father and son.
    """
    return bool(suffix and other_suffix and suffix != other_suffix)


def _bare_surname(candidates: Sequence[Person], suffix: str, role: str = "") -> list[Person]:
    """Return the persons a surname alone may stand for: "Felt Jr." only the one with that suffix, if known;
    "President Trump" only those the story gives that title, if any ("Donald Trump", not "Donald Trump Jr.")."""
    with_suffix = [p for p in candidates if suffix and p.suffix == suffix]
    with_role = [p for p in with_suffix or candidates if role and role in p.roles]
    return with_role or with_suffix or list(candidates)


def _titled_namesake(person: Person, suffix: str, role: str, titled_mentions: int) -> bool:
    """Return whether a full name with a title and no suffix is another person than ``person``, found for it.

    "President Donald Trump" is not "Donald Trump Jr.", whom the story never
    gives a title, while it calls "President Trump" by that title again and
    again (``titled_mentions``: the story's mentions of that surname with
    that title): a suffixed person with no title of their own stays apart
    from a namesake the story titles.  Without a title the plain name still
    joins the suffixed one ("Cesar Sayoc" and "Cesar Sayoc Jr.",
    ``_namesakes``), and so does a title written once ("former Director of
    National Intelligence James Clapper" beside "James R. Clapper Jr.").
    """
    return bool(
        role and person.suffix and not suffix and not person.roles and titled_mentions >= TITLED_NAMESAKE_MIN_MENTIONS
    )


def _may_be(person: Person, first: str, middle: str, suffix: str) -> bool:
    """Return whether a full name of these folded first name, middle initials and suffix may be ``person``."""
    if middle and person.middles and middle not in person.middles:
        return False  # "George H.W. Bush" is not "George W. Bush"
    if person.firsts and _namesakes(person.suffix, suffix):
        return False  # "Mark Felt Jr." is not "W. Mark Felt Sr."
    if not person.firsts:
        return True
    for known in person.firsts:
        if known == first or fuzz.ratio(known, first) >= FIRST_NAME_SIMILARITY:
            return True
        if lex.NICKNAMES.get(known, known) == lex.NICKNAMES.get(first, first):
            return True  # "Chuck" / "Charles" Grassley
        if len(first) == 1 and known.startswith(first):
            return True
    return False


@dataclass(slots=True)
class Person:
    """One person of a story: the name forms seen and how often."""

    last: str
    suffix: str = ""  # "jr", "sr", "iii": a father and his son share the rest of the name
    forms: Counter[str] = field(default_factory=Counter)
    firsts: Counter[str] = field(default_factory=Counter)
    middles: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)  # "president": the titles written before the name

    @property
    def name(self) -> str:
        """The person's display name: the most frequent full form, else the most frequent form."""
        full = [(count, len(form), form) for form, count in self.forms.items() if len(form.split()) > 1]
        pool = full or [(count, len(form), form) for form, count in self.forms.items()]
        return max(pool, key=lambda t: (t[0], t[1], t[2]))[2]


class People:
    """The persons named in a story, built from name mentions.

    Example:
        >>> from newsfuse.brief.names import scan_names
        >>> text = "President Vladimir Putin spoke. Putin said Volodymyr Zelenskiy and Zelensky agreed."
        >>> people = People([m for m in scan_names(text)])
        >>> people.resolve("Putin"), people.resolve("Zelensky")
        ('Vladimir Putin', 'Volodymyr Zelenskiy')
    """

    def __init__(self, mentions: Iterable[NameMention], extra_persons: Iterable[str] = ()) -> None:
        self._by_last: dict[str, list[Person]] = defaultdict(list)
        self._last_keys: dict[str, str] = {}
        confirmed: list[tuple[str, str]] = []
        singles: list[tuple[str, str]] = []
        for mention in mentions:
            if looks_like_person(mention):
                (confirmed if len(mention.text.split()) > 1 else singles).append((mention.text, mention.role))
        for name in extra_persons:
            (confirmed if len(name.split()) > 1 else singles).append((name, ""))
        self._titles = Counter((split_person(name)[1], role) for name, role in confirmed + singles if role)
        # Full names first, so that single last names join them; a suffixed name first, so that a titled
        # namesake without the suffix is seen after it (``_titled_namesake``); titled forms first.
        for name, role in sorted(confirmed, key=lambda n: (not name_suffix(n[0]), -len(n[0].split()), not n[1], n)):
            self._add(name, role)
        for name, role in sorted(singles, key=lambda n: (not n[1], n)):
            self._add(name, role)

    def _key(self, last: str) -> str:
        """Return the cluster key of a last name, merging near spellings."""
        if last in self._last_keys:
            return self._last_keys[last]
        for known in sorted(self._by_last):
            if (
                len(last) >= 5
                and len(known) >= 5
                and known[0] == last[0]
                and fuzz.ratio(known, last) >= LAST_NAME_SIMILARITY
            ):
                self._last_keys[last] = known
                return known
        self._last_keys[last] = last
        return last

    def _find(self, first: str, last: str, middle: str = "", suffix: str = "", role: str = "") -> Person | None:
        candidates = self._by_last.get(self._key(last), [])
        if not candidates:
            return None
        if not first:
            return max(_bare_surname(candidates, suffix, role), key=lambda p: (sum(p.forms.values()), p.name))
        matches = [person for person in candidates if _may_be(person, first, middle, suffix)]
        if not matches:
            return None
        if not suffix and matches[0].suffix and not matches[0].roles:
            # "Donald Trump" is the titled namesake ("President Donald Trump"), not "Donald Trump Jr.".
            titled = [person for person in matches if not person.suffix and person.roles]
            return (titled or matches)[0]
        return matches[0]

    def _add(self, name: str, role: str = "") -> None:
        first, last = split_person(name)
        if not last:
            return
        middle = middle_initials(name)
        suffix = name_suffix(name)
        person = self._find(first, last, middle, suffix, role)
        if person is not None and first and _titled_namesake(person, suffix, role, self._titles[last, role]):
            person = None
        if person is None:
            key = self._key(last)
            person = Person(last=key, suffix=suffix if first else "")
            self._by_last[key].append(person)
        form = " ".join(t for t in name.split() if fold(t).strip(".") not in lex.HONORIFICS)
        person.forms[form] += 1
        if first:
            person.firsts[first] += 1
        if middle:
            person.middles[middle] += 1
        if role:
            person.roles[role] += 1

    def resolve(self, name: str, role: str = "") -> str | None:
        """Return the display name of the person ``name`` refers to; None if not a known person.

        ``role`` is the title written before the name ("president"): a surname
        alone with a title stands for the persons the story gives that title.
        """
        first, last = split_person(name)
        if not last:
            return None
        person = self._find(first, last, middle_initials(name), name_suffix(name), role)
        return person.name if person is not None else None

    def in_article(self, mentions: Iterable[NameMention]) -> Callable[..., str | None]:
        """Return ``resolve`` for the names of one article, given its name mentions.

        A lone surname shared by several persons of the story (Gov. Asa
        Hutchinson and his son Seth Hutchinson; Ted Cruz and his wife Heidi
        Cruz) stands for the one of them the article names in full most
        often, the first named on a tie: a news article names its main
        person first and in full, then by surname.  Only when the article
        named.  A surname with a title the story gives one of them ("President
        Trump") names that one, and counts as naming them.  A full name, or a
        surname only one person has, resolves as ``resolve`` resolves it.  The
        article's full names are resolved once, and each name once.  The
        returned function takes a name and, optionally, its title's role.

        Example:
            >>> from newsfuse.brief.names import scan_names
            >>> people = People(scan_names("Seth Hutchinson wrote. Seth Hutchinson spoke. Asa Hutchinson answered."))
            >>> governor = scan_names("Gov. Asa Hutchinson spoke. Hutchinson said no.")
            >>> people.resolve("Hutchinson"), people.in_article(governor)("Hutchinson")
            ('Seth Hutchinson', 'Asa Hutchinson')
        """
        mentions = list(mentions)
        named: list[Person | None] = []
        starts: list[int] = []  # where each of ``named`` is named
        for k, mention in enumerate(mentions):
            if " " in mention.text:
                named.append(
                    self._find(*split_person(mention.text), middle_initials(mention.text), name_suffix(mention.text))
                )
            elif k + 1 < len(mentions) and _shares_surname(mention, mentions[k + 1]):
                # "Hillary and Bill Clinton": the first named is Hillary Clinton.
                named.append(self._find(split_person(mention.text)[1], split_person(mentions[k + 1].text)[1]))
            elif mention.role and (titled := self._find(*split_person(mention.text), role=mention.role)):
                if mention.role not in titled.roles:
                    continue
                named.append(titled)  # "President Trump": the one the story calls President
            else:
                continue
            starts.append(mention.start)
        cache: dict[tuple[str, str, int], str | None] = {}

        def resolve(name: str, role: str = "", at: int | None = None) -> str | None:
            # With ``at`` (the mention's offset), a surname stands for someone named in full before it when
            # anyone is: "Sen. Chris Murphy ... Murphy said" before the article names "Anne Marie Murphy".
            count = len(named) if at is None else bisect_left(starts, at)
            if (name, role, count) not in cache:
                earlier = self._among(name, named[:count], role, fall_back=False) if count < len(named) else None
                cache[name, role, count] = earlier or self._among(name, named, role)
            return cache[name, role, count]

        return resolve

    def _among(self, name: str, named: Sequence[Person | None], role: str = "", fall_back: bool = True) -> str | None:
        """Return the person ``name`` (with the title ``role``) stands for where an article names ``named``
        (resolved) in full, in order; without ``fall_back``, None when a shared surname names none of them."""
        first, last = split_person(name)
        candidates = self._by_last.get(self._key(last), []) if last and not first else []
        candidates = _bare_surname(candidates, name_suffix(name), role)
        if len(candidates) > 1:
            counts: Counter[int] = Counter()
            persons: dict[int, Person] = {}  # in the order first named
            for person in named:
                if person is not None and any(person is c for c in candidates):
                    counts[id(person)] += 1
                    persons.setdefault(id(person), person)
            if persons:
                return persons[max(persons, key=lambda key: counts[key])].name  # max keeps the first on a tie
        return self.resolve(name, role) if fall_back else None

    def persons(self) -> list[Person]:
        """Return every person, in a stable order."""
        return sorted((p for group in self._by_last.values() for p in group), key=lambda p: p.name)
