"""Entities: the people, organisations and places of a story, variants merged.

Names come from the fast capitalised-name pass (``names.scan_names``) over
every article, so mentions and outlets are counted everywhere.  Their type
comes, in order, from: a street, place or facility word at its end (a place:
"Crenshaw Boulevard", even "Sheikh Zayed Road"), a title before the name (a
person), spaCy's label on the bounded sentence budget (when enabled), the
gazetteer (a place), an organisation word ("Ministry", "Party", "Inc"), a
team's or a business's plural ("Baltimore Orioles", "Tyson Foods"), an
acronym (an organisation), the look of a personal name.  Names nothing types
are left out.  The forms of one name ("Faye Dunaway", "Dunaway") are one
entity of one type (``_one_type_per_name``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from rapidfuzz import fuzz

from newsfuse.brief import _lexicon as lex
from newsfuse.brief.gazetteer import is_place, place_key, place_level
from newsfuse.brief.names import NAME_SMALL_WORDS, NameMention, ends_in_place_word, quoted_title_key
from newsfuse.brief.people import People, is_newspaper, is_shaped_as_place, looks_like_person
from newsfuse.ingest.dates import CLOCK_WORDS
from newsfuse.models import Entity
from newsfuse.text import STOPWORDS, fold

__all__ = ["AliasInfo", "build_entities", "collect_aliases", "rule_evidence", "rule_type", "type_entities"]

# Organisation names at least this similar (rapidfuzz ratio) are one:
# "Ministry of Defence" / "Ministry of Defense".
ORG_SIMILARITY = 92

_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z]{2,6}s?$")
_LONG_ACRONYM = re.compile(r"^[A-Z]{4,6}s?$")


# Words that stay out of the entities even in capitals, where an acronym
# ("US", "WHO", "AP") would not: months, weekdays, clock words, small words.
_NEVER_IN_CAPITALS = (
    frozenset(lex.MONTHS)
    | frozenset(lex.WEEKDAYS)
    | CLOCK_WORDS
    | frozenset("a an and at by for from in of on or the to with".split())
)


def rule_type(mention: NameMention, people: People) -> str:
    """Return the type the rules give a name mention (see ``rule_evidence``)."""
    return rule_evidence(mention, people)[0]


def rule_evidence(mention: NameMention, people: People) -> tuple[str, bool]:
    """Return the type the rules give a name mention (person, organization, place or "") and
    whether the evidence is strong (a title, the gazetteer, an organisation or place word).

    Weak or missing evidence is what the spaCy budget is spent on.

    Example:
        >>> from newsfuse.brief.names import scan_names
        >>> mentions = scan_names("Sen. Jane Roe met the Ministry of Defence in the port city of Odessa.")
        >>> [rule_evidence(m, People(mentions)) for m in mentions]
        [('person', True), ('organization', True), ('place', True)]
    """
    text = mention.text
    folded_words = [fold(w).strip(".") for w in text.split()]
    is_titled = (mention.role and mention.role not in ("chair", "founder")) or mention.has_honorific
    before_of = folded_words[: folded_words.index("of")] if "of" in folded_words else []
    of_organization = any(w in lex.ORG_CUES for w in before_of)
    if (
        ends_in_place_word(folded_words)
        and not (is_titled and folded_words[-1] in lex.SURNAME_PLACE_WORDS)
        and not of_organization
    ):
        # "Crenshaw Boulevard", "O'Hare International Airport"; "Sheikh Zayed Road" too (but "Rep. Dave Camp",
        # "Department of State").
        return "place", True
    if is_titled:
        return "person", True
    if place_level(text):
        return "place", True
    if any(w in lex.ORG_CUES for w in folded_words) or is_newspaper(text):
        return "organization", True  # "Ministry of Defence", "Baltimore Sun"
    if is_shaped_as_place(text):
        return "place", True  # "Mount Everest", "West Texas"
    if mention.after_place_noun or (
        mention.preposition in ("in", "at", "near", "from") and folded_words[-1] in lex.PLACE_CUES
    ):
        return "place", True
    if len(folded_words) > 1 and folded_words[-1] in lex.TEAM_NAMES and place_level(text.rsplit(None, 1)[0]):
        return "organization", False  # a team: "Baltimore Orioles", "Los Angeles Angels"
    if len(folded_words) > 1 and folded_words[-1] in lex.BUSINESS_PLURALS and not mention.is_common:
        return "organization", False  # a business: "Tyson Foods", "Paramount Pictures"
    if _ACRONYM.match(text) and text.rstrip("s") != text.rstrip("s").lower():
        return "organization", False
    first_word = text.split()[0]
    if (
        len(folded_words) > 1
        and "." in first_word
        and is_place(first_word)
        and not place_level(text)
        and not re.search(r"-[a-z]", text)  # "U.S. Navy-contracted": a modifier
        and not any(_is_job_word(w) for w in folded_words[1:])  # "U.S. Attorneys", "U.S. Customs Agent ..."
    ):
        return "organization", False  # a country's body: "U.S. Geological Survey", "U.S. Mint", "U.K. Treasury"
    if looks_like_person(mention) or (len(folded_words) == 1 and people.resolve(text)):
        return "person", False
    return "", False


def _is_job_word(word: str) -> bool:
    """Return whether a folded word, or its singular, is a role or an occupation ("attorneys", "airmen")."""
    singulars = {word, word[:-1] if word.endswith("s") else word, word[:-3] + "man" if word.endswith("men") else word}
    return any(w in lex.ROLE_WORDS or w in lex.ROLE_SYNONYMS or w in lex.OCCUPATIONS for w in singulars)


def _is_demonym(text: str) -> bool:
    """Return whether a name is only nationality or party words ("Russian", "Latin American")."""
    words = [fold(w).strip(".") for w in text.split()]
    return all(w in lex.DEMONYMS or w.rstrip("s") in lex.DEMONYMS or w in lex.PARTY_WORDS for w in words)


def _is_not_entity(text: str) -> bool:
    """Return whether a name is a law, prize, show or event ("Affordable Care Act", "Super Bowl", "Hurricane X")."""
    words = [fold(w).strip(".") for w in text.split()]
    return len(words) > 1 and (
        words[-1] in lex.NOT_ENTITY_CUES
        or words[-1] in lex.EVENT_WORDS
        or (words[0] in lex.EVENT_OPENERS and not any(w in lex.ORG_CUES for w in words))  # "Hurricane Club"
    )


# A word in capitals this long that is a small or page word is that word, not an acronym
# ("UPDATE", "ONLY", "HERE"); shorter ones may be both ("US", "WHO", "IT").
SHOUTED_WORD_MIN_LETTERS = 4
_ROMAN = re.compile(r"^(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3})$")


def _is_common_word(alias: str) -> bool:
    """Return whether a one-word name is a common word: an organisation noun alone ("Police", "Office",
    "Staff"; not "Congress"), a noun written as an acronym ("TV", "DNA", "SUVs"), a small or page word
    in capitals ("UPDATE", "ONLY") or a Roman numeral left alone ("II" of "World War II")."""
    if " " in alias:
        return False
    folded = fold(alias).rstrip(".")
    singular = folded[:-1] if folded.endswith("s") else folded  # "SUVs", "DVDS"
    if folded in lex.COMMON_ACRONYMS or singular in lex.COMMON_ACRONYMS or _ROMAN.match(alias):
        return True
    if folded in lex.ORG_CUES and folded not in lex.STANDALONE_ORG_WORDS and not alias.isupper():
        return True
    letters = sum(c.isalpha() for c in alias)
    return (
        alias.isupper() and letters >= SHOUTED_WORD_MIN_LETTERS and (folded in STOPWORDS or folded in lex.NOT_NAMES)
    )


_INITIALS = re.compile(r"(?:[A-Z]\.)+")  # "J.K.", "A."
_INITIALS_OR_ACRONYM = re.compile(rf"{_INITIALS.pattern}|[A-Z]{{1,5}}")


def _is_shouted_phrase(alias: str, normal_case: set[str]) -> bool:
    """Return whether a name written all in capitals is a headline's or a heading's words, not a name.

    A page in capitals runs its words together into one "name" ("BANK
    STOCKS CRUSHED", "JERRY SPRINGER WAS BORN AT HIGHGATE STATION"). Such a
    run is a name only where the story also writes it in normal case, or
    where it is shaped like one: no small word but a name's ("of", "de"),
    and an organisation's or place's word at its end ("CUMBRIA POLICE",
    "MADISON COUNTY"), an organisation's word before "of" ("MUSEUM OF NATURAL
    HISTORY"), a place the gazetteer knows ("FORT LAUDERDALE") or a first
    name opening two or three words ("JOHN BOEHNER").

    Example:
        >>> _is_shouted_phrase("BANK STOCKS CRUSHED", set()), _is_shouted_phrase("CUMBRIA POLICE", set())
        (True, False)
    """
    parts = alias.split()
    if len(parts) < 2 or not alias.isupper() or all(_INITIALS_OR_ACRONYM.fullmatch(p) for p in parts):
        return False
    if fold(alias) in normal_case:
        return False
    folded = [fold(p).strip(".,") for p in parts]
    if any(w in STOPWORDS and w not in NAME_SMALL_WORDS for w in folded):  # "MUSEUM OF NATURAL HISTORY"
        return True
    shaped = (
        folded[-1] in lex.ORG_CUES
        or ends_in_place_word(folded)
        or bool(place_level(alias))
        or (folded[0] in lex.ORG_CUES and folded[1] == "of")
        or (len(parts) <= 3 and _opens_with_first_name(alias))
    )
    return not shaped


def _org_key(text: str) -> str:
    folded = fold(text).replace(".", "")
    if folded.startswith("the "):
        folded = folded[4:]
    return folded


def _acronym(text: str) -> str:
    letters = [w[0] for w in text.split() if w[:1].isupper() and fold(w) not in ("of", "the", "and", "for")]
    return "".join(letters).lower() if len(letters) >= 2 else ""


@dataclass(frozen=True, slots=True)
class AliasInfo:
    """One name form of a story, summarised for typing: what the rules say and where it occurs.

    ``counts`` are ``(outlet, mentions)`` in story order; ``person`` the
    story person it resolves to ("" if none); ``is_headline_only`` marks
    forms seen only in headline-like lines, which count only when another
    form makes them an entity.  ``is_weak`` says the rules are unsure of the
    type; ``first_at`` is ``(article position, offset)`` of its first
    mention in an article's text; ``is_common`` that the story also writes
    its first and last words in lower case (``NameMention.is_common``);
    ``opens_with_word`` that some article of the story writes its first word
    in lower case ("Marriage Age" where a story tells of a marriage);
    ``ends_with_word`` the same of the last word of a name of two words or
    more ("Social Security" where a story writes of security), unless some
    mention follows an occupation ("comedian Chevy Chase" where a story
    writes of a chase);
    ``is_after_in`` that some mention follows "in" or "near" ("a store in Surrey"; not "in Paula's case");
    ``is_after_number`` that every mention follows a number that is no year ("64 and 66 Perry", "13 Oscar
    nominations"); ``is_counted_plural`` that the story writes the word's plural after "the" or a count
    ("the Oscars", "16 Oscars"; ``_counted_plurals``).
    """

    alias: str
    ruled: str
    is_titled: bool
    person: str
    counts: tuple[tuple[str, int], ...]
    is_headline_only: bool = False
    is_weak: bool = True
    first_at: tuple[int, int] = (-1, -1)
    is_common: bool = False
    opens_with_word: bool = False
    ends_with_word: bool = False
    is_after_in: bool = False
    is_after_number: bool = False
    is_counted_plural: bool = False


@dataclass(slots=True)
class _Candidate:
    entity_type: str
    key: str
    forms: Counter[str] = field(default_factory=Counter)
    outlets: dict[str, None] = field(default_factory=dict)
    mentions: int = 0
    person: str = ""
    is_full_name_shown: bool = False


def _spacy_type(alias: str, labels: Mapping[str, Counter[str]] | None) -> str:
    if not labels:
        return ""
    votes = labels.get(fold(alias))
    if not votes:
        return ""
    label, _ = max(votes.items(), key=lambda kv: (kv[1], kv[0]))
    return label


def collect_aliases(
    outlets: Sequence[str],
    mentions: Sequence[Sequence[NameMention]],
    people: People,
    title_mentions: Sequence[Sequence[NameMention]] = (),
    lower_words: frozenset[str] = frozenset(),
) -> list[AliasInfo]:
    """Return every name form of a story with its rule type and per-outlet counts.

    This is the part of entity building that reads every mention; it needs
    no model, so it runs with the rest of a story's work.

    Args:
        outlets: the outlet of each article, in story order.
        mentions: the name mentions of each article's text.
        people: the story's persons.
        title_mentions: the name mentions of each article's title.
        lower_words: the folded words the story's articles write in lower case
            (``names.lower_words``).
    """
    by_alias: dict[str, list[NameMention]] = defaultdict(list)
    forms = {mention.text for group in mentions for mention in group}
    first_at: dict[str, tuple[int, int]] = {}
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    headline_counts: dict[str, dict[str, int]] = defaultdict(dict)
    for position, outlet in enumerate(outlets):
        from_text = mentions[position] if position < len(mentions) else ()
        from_title = title_mentions[position] if position < len(title_mentions) else ()
        resolve = people.in_article(from_text)
        for is_title, group in ((False, from_text), (True, from_title)):
            for mention in group:
                alias = _without_descriptor(_without_opening_of(mention, people, lower_words, forms), forms)
                if not is_title and " " not in alias:
                    # A surname two persons share counts for the one its article names
                    # ("Hutchinson" where only Gov. Asa Hutchinson is named in full).
                    person = resolve(alias)
                    if person and person != people.resolve(alias):
                        alias = person
                target = headline_counts if mention.in_headline else counts
                per_outlet = target[alias]
                per_outlet[outlet] = per_outlet.get(outlet, 0) + 1
                if not mention.in_headline:
                    if alias == mention.text:  # a described form counts, but types nothing ("Times James Price")
                        by_alias[alias].append(mention)
                    if not is_title:
                        first_at.setdefault(alias, (position, mention.start))
    infos: list[AliasInfo] = []
    story_outlets = list(dict.fromkeys(outlets))
    counted = _counted_plurals(mentions)
    normal_case = {fold(alias) for alias in by_alias if not alias.isupper()}
    for alias, alias_mentions in by_alias.items():
        if _is_demonym(alias) or _is_not_entity(alias) or (fold(alias) in lex.NOT_NAMES and not alias.isupper()):
            continue
        if fold(alias).rstrip(".") in _NEVER_IN_CAPITALS:
            continue  # "MAY 3, 2013 AT 1:10PM", "10:30 a.m. ET": a date's or a clock's words in capitals
        titled = next(
            (m for m in alias_mentions if (m.role and m.role not in ("chair", "founder")) or m.has_honorific), None
        )
        if titled is None and (_is_common_word(alias) or _is_shouted_phrase(alias, normal_case)):
            continue
        if all(m.is_emphasis for m in alias_mentions):
            continue  # "The cup IS the dessert", "is NOT among": a word stressed in every mention, no acronym
        person = people.resolve(alias) or ""
        if titled is None and (_is_quoted_title(alias, lower_words) or _is_quoted_title(person, lower_words)):
            continue  # a work the story writes in quotation marks: "Hacksaw Ridge", "La Land" of "La La Land"
        if titled is None and _is_family(alias, people):
            continue  # "the Ramseys", "the Hutchinsons": a family, neither one of its persons nor another
        if titled is None and _ends_in_qualifier(alias):
            continue  # "House Democratic (aide)", "Senate Republican (leader)": a modifier, not a name
        telling = titled or next(
            (m for m in alias_mentions if m.after_place_noun or m.preposition in ("in", "at", "near", "from")),
            alias_mentions[0],
        )
        merged = dict(counts[alias])
        for outlet, count in headline_counts.pop(alias, {}).items():
            merged[outlet] = merged.get(outlet, 0) + count
        ordered = tuple((o, merged[o]) for o in story_outlets if o in merged)
        ruled, strong = rule_evidence(telling, people)
        infos.append(
            AliasInfo(
                alias,
                ruled,
                titled is not None,
                person,
                ordered,
                is_weak=not strong,
                first_at=first_at.get(alias, (-1, -1)),
                is_common=any(m.is_common for m in alias_mentions),
                opens_with_word=fold(alias.split()[0]).strip(".") in lower_words,
                ends_with_word=" " in alias
                and fold(alias.split()[-1]).strip(".") in lower_words
                and not any(m.preposition in lex.OCCUPATIONS for m in alias_mentions),
                is_after_in=any(m.preposition in ("in", "near") and not m.is_possessive for m in alias_mentions),
                is_after_number=all(_is_count(m.preposition) for m in alias_mentions),
                is_counted_plural=alias in counted or alias + "s" in counted,
            )
        )
    for alias, per_outlet in headline_counts.items():
        person = people.resolve(alias) or ""
        ordered = tuple((o, per_outlet[o]) for o in story_outlets if o in per_outlet)
        infos.append(AliasInfo(alias, "", False, person, ordered, is_headline_only=True, is_weak=False))
    infos.sort(key=lambda i: i.alias)
    return infos


_YEAR = re.compile(r"1\d{3}|20\d{2}")


def _counted_plurals(mentions: Sequence[Sequence[NameMention]]) -> set[str]:
    """Return the one-word names ending in "s" that the story writes after "the" or a count, with no honorific
    ("the Oscars", "16 Oscars", "the Emmys"): the plural of a thing, or of a family ("the Kennedys")."""
    return {
        m.text
        for group in mentions
        for m in group
        if " " not in m.text
        and m.text.endswith("s")
        and not m.has_honorific
        and (m.preposition == "the" or _is_count(m.preposition))
    }


def _is_count(word: str) -> bool:
    """Return whether a word is a number written in digits that is no year ("66", "13"; not "1798")."""
    return word.isdigit() and _YEAR.fullmatch(word) is None


def _without_descriptor(name: str, forms: set[str]) -> str:
    """Return a name without a word that describes its person, when the story also names the person without it.

    "Safety Malcolm Jenkins", "Charger Vincent Jackson", "Naturally Scott Boras": a team, a position
    or a sentence's opening word glued to a full name ("Malcolm Jenkins") that another mention of
    the story writes alone.  A place's word is part of a name ("Boston Red Sox"), and so is a first
    name or an initial ("Mary Jo White").
    """
    words = name.split()
    if len(words) < 3:
        return name
    rest = name.split(None, 1)[1]
    if rest not in forms or not _opens_with_first_name(rest) or _opens_with_first_name(name):
        return name
    folded = [fold(w).strip(".") for w in words]
    if (
        folded[0] in lex.HONORIFICS
        or folded[1] in NAME_SMALL_WORDS  # a surname's particle: "Hervé Le Bras"
        or is_place(words[0])
        or ends_in_place_word(folded)  # "West Florence Avenue"
        or folded[-1] in lex.ORG_CUES
    ):
        return name
    return rest


def _without_opening_of(mention: NameMention, people: People, lower_words: frozenset[str], forms: set[str]) -> str:
    """Return a mention's name without a sentence's opening word and "of" before a person's surname.

    "News of Mattis’ departure comes in the wake of reports...": an organisation's word opening a
    sentence keeps "of" in the run, and an article that never writes the word in lower case keeps it in
    the name ("News of Mattis", an organisation).  Where the story writes the word in lower case and the
    one word after "of" is the surname of a person it names in full (Jim Mattis), the mention is that
    person's: the surname where the story writes it alone, else the full name.  A place after "of" keeps
    the body's name ("University of Michigan").
    """
    words = mention.text.split()
    if not mention.is_initial or len(words) != 3 or words[1] != "of":
        return mention.text
    surname = words[2]
    if fold(words[0]).strip(".") not in lower_words or is_place(surname):
        return mention.text
    full = people.resolve(surname) or ""
    if " " not in full or full.split()[-1] != surname:
        return mention.text
    return surname if surname in forms else full


def _is_quoted_title(name: str, lower_words: frozenset[str]) -> bool:
    """Return whether the story writes a name of two words or more alone in quotation marks, as a work's
    title ("“New Moon,”", "“Hacksaw Ridge”"): its mentions outside them name the work too.

    A name opening with a first name is a person's even so: a nickname or a pseudonym is quoted
    ('a man known as "Mike Enoch"', 'search for "Frank Lloyd Wright"').
    """
    return " " in name and quoted_title_key(name) in lower_words and not _opens_with_first_name(name)


def _is_family(alias: str, people: People) -> bool:
    """Return whether a one-word name is the plural of a story person's surname ("Ramseys" where the
    story names Burke Ramsey): a family's name."""
    if " " in alias or not alias.endswith("s") or len(alias) < 4:
        return False
    own = people.resolve(alias) or ""
    if own.split()[-1:] == [alias]:
        return False  # "Mullins" where the story names Steve Mullins (and misspells him "Mullin")
    singulars = [alias[:-1]] + ([alias[:-2]] if alias.endswith("es") else [])
    return any(" " in (people.resolve(s) or "") and s == (people.resolve(s) or "").split()[-1] for s in singulars)


def _ends_in_qualifier(name: str) -> bool:
    """Return whether a name of two words or more ends in a party's or a nation's adjective and opens with
    no first name: "House Democratic", "Senate Republican" qualify the noun after them ("aide", "agenda").
    A party's or a nation's plural ("House Democrats") is a body; "Jeff French" a person."""
    words = [fold(w).strip(".") for w in name.split()]
    return (
        len(words) > 1
        and (words[-1] in lex.PARTY_WORDS or words[-1] in lex.DEMONYMS)
        and not words[-1].endswith("s")
        and words[-1] not in lex.PLACE_CUES  # "Persian Gulf"
        and not _is_demonym(name)
        and not _opens_with_first_name(name)
    )


# Prefixes of a ship's name ("MV Gibe", "INS Mysore", "USS Cole"): a ship is no person,
# organisation or place of a brief, whatever the small model says.
_VESSEL_PREFIXES = frozenset("MV M/V RMS USS USNS HMS HMAS HMCS INS USCGC".split())  # not "MS": "MS Dhoni"


def _is_vessel(name: str) -> bool:
    return " " in name and name.split()[0] in _VESSEL_PREFIXES


def _opens_with_first_name(name: str) -> bool:
    """Return whether a name's first word is a first name (census or short lists) or an initial
    ("J.K. Rowling", "A. Smith"); of a hyphenated one, its first piece ("Jean-Claude")."""
    first = name.split()[0]
    if _INITIALS.fullmatch(first):
        return True
    return lex.is_first_name(fold(first).strip(".").split("-")[0])


def _choose_type(info: AliasInfo, labels: Mapping[str, Counter[str]] | None) -> str:
    """Return an alias's entity type (``_typed_by_evidence``), none for a word after a number that would be a
    person.

    A word alone that every mention writes after a number is no person, whatever its look or the small
    model: a house number before a street's name without its street word ("frustrated neighbors of 64
    and 66 Perry"), a count before a prize or a thing ("a record 13 Oscar nominations", "Dell XPS 18
    Price").  A titled name stays a person.
    """
    chosen = _typed_by_evidence(info, labels)
    if chosen == "person" and info.is_after_number and " " not in info.alias and not info.is_titled:
        return ""
    if chosen == "person" and _is_thing_named_by_first_name(info):
        return ""
    return chosen


def _is_thing_named_by_first_name(info: AliasInfo) -> bool:
    """Return whether a first name alone is a thing the story counts: a prize named as a person is ("won an
    Oscar", "nominated for 16 Oscars", "the Oscars"; "the Emmys", "the Tonys").

    Its plural follows "the" or a count (``is_counted_plural``), the word is a first name (a family goes by its
    surname: "the Kennedys"), and no person of the story bears it in a full name ("Oscar" where the story names
    Oscar Lipscomb stays his).
    """
    folded = fold(info.alias)
    return (
        info.is_counted_plural
        and " " not in info.alias
        and " " not in info.person
        and (lex.is_first_name(folded) or (folded.endswith("s") and lex.is_first_name(folded[:-1])))
    )


def _typed_by_evidence(info: AliasInfo, labels: Mapping[str, Counter[str]] | None) -> str:
    """Return an alias's entity type from its rule type and spaCy's votes.

    A name the rules call a person from its look alone (two to four
    capitalised words, no title) and spaCy gave no vote is none when its
    first word is a word the story writes in lower case and no first name:
    a heading ("Marriage Age: …", "Average Spent on a Wedding Dress: …") or
    an agency's name ("Social Security", "Public Citizen").  A person so
    named ("Rush Limbaugh" where listeners rush) is still listed when the
    story names him short too: that form makes the entity, in full.
    """
    if _is_vessel(info.alias):
        return ""
    learned = _spacy_type(info.alias, labels)
    ruled = info.ruled
    if info.is_titled and ruled != "place":
        return "person"  # a title says person, unless the name ends in a place word ("Sheikh Zayed Road")
    alias_words = [fold(w).strip(".") for w in info.alias.split()]
    if ruled == "place" and learned == "person" and (ends_in_place_word(alias_words) or is_shaped_as_place(info.alias)):
        return "place"  # the street word beats the small model's guess ("Crenshaw Boulevard", "Mount Everest" PERSON)
    if ruled == "place" and place_level(info.alias) and not (learned == "person" and info.person):
        return "place"  # the gazetteer beats the small model's guesses ("Kyiv" PERSON)
    if learned == "other" and ruled != "place":
        return ""
    if learned == "place" and ruled == "organization" and _ACRONYM.match(info.alias):
        return "organization"  # an acronym the gazetteer does not know: the small model calls "NRA" GPE
    if (
        learned == "person"
        and ruled == "organization"
        and not info.person
        and (
            # An organisation's word beats the small model's guess ("Alexandria Police", "Twitter" PERSON).
            ((" " in info.alias or fold(info.alias) in lex.ORG_CUES) and not info.is_weak)
            # So do four capitals or more: a station's call letters ("Akin told KTVI") or a bureau's ("BOLI");
            # a person's initials are shorter or dotted ("JFK", "M.M.").
            or _LONG_ACRONYM.match(info.alias)
        )
    ):
        return "organization"
    if learned == "person" and not info.person and " " not in info.alias and info.is_after_in:
        return "place"  # "a store in Surrey" PERSON: no person of the story is so named
    if learned in ("person", "organization", "place"):
        if learned != "person" and " " not in info.alias and ruled == "person" and info.person:
            return "person"
        return learned
    if (
        ruled == "person"
        and info.is_weak
        and not info.is_titled
        and " " in info.alias
        and (info.opens_with_word or info.ends_with_word)
        and not _opens_with_first_name(info.alias)
    ):
        return ""
    return ruled


def type_entities(aliases: Sequence[AliasInfo], spacy_labels: Mapping[str, Counter[str]] | None = None) -> list[Entity]:
    """Return the story's entities from its aliases, by outlets, then mentions, then name.

    Args:
        aliases: the story's name forms (``collect_aliases``).
        spacy_labels: folded entity text -> votes for "person", "organization",
            "place" or "other", from spaCy on the sentence budget; None for rules only.
    """
    candidates: dict[str, _Candidate] = {}
    alias_key: dict[str, str] = {}
    # A ship's name without its prefix is the ship: "Mysore" after "INS Mysore".
    vessels = {fold(info.alias.split(None, 1)[1]) for info in aliases if _is_vessel(info.alias)}
    first_choice = {
        info.alias: _choose_type(info, spacy_labels)
        for info in aliases
        if not info.is_headline_only and fold(info.alias) not in vessels
    }
    chosen, name_of = _one_type_per_name(
        aliases, _without_dropped_names(aliases, first_choice, spacy_labels), spacy_labels
    )
    for info in aliases:
        entity_type = chosen.get(info.alias, "")
        if not entity_type:
            continue
        name = name_of.get(info.alias, info.alias)
        if entity_type == "person":
            key = "person:" + fold(info.person or info.alias)
        elif entity_type == "place":
            key = "place:" + place_key(name)
        else:
            key = "organization:" + _org_key(name)
        alias_key[fold(info.alias)] = key
        candidate = candidates.setdefault(key, _Candidate(entity_type, key))
        if entity_type == "person" and info.person:
            candidate.person = info.person
        candidate.is_full_name_shown |= info.alias in name_of
    _merge_organizations(candidates, alias_key)
    _fold_short_forms(candidates, alias_key, aliases)
    _fold_first_names(candidates, alias_key, aliases)
    for info in aliases:
        key = alias_key.get(fold(info.alias))
        if key is None and info.is_headline_only and info.person:
            key = alias_key.get(fold(info.person))
        if key is None:
            continue
        candidate = candidates[key]
        for outlet, count in info.counts:
            candidate.forms[info.alias] += count
            candidate.outlets[outlet] = None
            candidate.mentions += count
    entities = []
    order = _outlet_order(aliases)
    for candidate in candidates.values():
        if not candidate.mentions:
            continue
        entities.append(
            Entity(
                name=candidate.person or _display_name(candidate),
                type=candidate.entity_type,
                aliases=tuple(form for form, _ in sorted(candidate.forms.items(), key=lambda kv: (-kv[1], kv[0]))),
                sources=_ordered_outlets(candidate, order),
                mentions=candidate.mentions,
            )
        )
    entities.sort(key=lambda e: (-len(e.sources), -e.mentions, e.name))
    return entities


def _without_dropped_names(
    aliases: Sequence[AliasInfo], chosen: Mapping[str, str], spacy_labels: Mapping[str, Counter[str]] | None
) -> dict[str, str]:
    """Return ``chosen`` less the persons whose only claim is a full name that is itself no name.

    A word alone is a person when it resolves to a person of the story
    ("Gray" to "Kimani Gray").  Where that "person" is a name the typing
    dropped for its common words, opening with no first name ("Sicilian
    Mafia", "Microsoft Fix", "Matanuska Maid Dairy": words the story also
    writes in lower case, ``_choose_type``), the word alone is no person
    either when it is that name's common last word: it takes spaCy's other
    vote ("Mafia" ORG), or none.  Where the common word opens the name, the
    word alone follows spaCy's vote for another type ("Microsoft" of
    "Typically Microsoft"), and without one stays the person the story
    names short ("Limbaugh" of "Rush Limbaugh" where listeners rush).  A
    titled word and a first name keep their type.
    """
    types = dict(chosen)
    by_alias = {info.alias: info for info in aliases}
    for info in aliases:
        full = by_alias.get(info.person)
        if (
            full is None
            or types.get(info.alias) != "person"
            or " " in info.alias
            or " " not in full.alias
            or chosen.get(full.alias, "person")
            or _opens_with_first_name(full.alias)
            or info.is_titled
            or lex.is_first_name(fold(info.alias))
        ):
            continue
        learned = _spacy_type(info.alias, spacy_labels)
        if full.ends_with_word:  # the word alone is the common word ("Mafia" of "Sicilian Mafia")
            types[info.alias] = learned if learned in ("organization", "place") else ""
        elif full.opens_with_word and learned in ("organization", "place"):
            types[info.alias] = learned  # "Microsoft" (ORG) of "Typically Microsoft"; not "Limbaugh" of "Rush Limbaugh"
    return types


def _one_type_per_name(
    aliases: Sequence[AliasInfo], chosen: Mapping[str, str], spacy_labels: Mapping[str, Counter[str]] | None
) -> tuple[dict[str, str], dict[str, str]]:
    """Return each form's type (``chosen``, the forms of one name given one) and the full name of each form so typed.

    The forms that resolve to one name ("Faye Dunaway" and "Dunaway"; "Miami
    Heat" and "Heat") are one entity, but each form is typed on its own: one
    vote of the small model on the full name ("Faye Dunaway" GPE in one
    sentence) listed her twice, as a place and as a person.  Where the forms'
    types differ, a title on any form, or a full name opening with a first
    name that is no place ("Faye", not "Jackson") and whose words the story
    does not also write in lower case (``NameMention.is_common``: not
    "Hope Diamond"), says person; otherwise
    spaCy's votes on all the forms decide, and a tie (or no vote) goes to the
    type chosen for the most mentions.  A form the rules know as a place
    ("Texas") is never a form of another name ("South Texas").
    """
    types = dict(chosen)
    groups: dict[str, list[AliasInfo]] = defaultdict(list)
    for info in aliases:
        if info.person and chosen.get(info.alias) and not (info.ruled == "place" and not info.is_weak):
            groups[fold(info.person)].append(info)
    full_names: dict[str, str] = {}
    for members in groups.values():
        if len({chosen[m.alias] for m in members}) < 2:
            continue
        first = members[0].person.split()[0]
        if any(m.is_titled and chosen[m.alias] == "person" for m in members) or (
            " " in members[0].person
            and lex.is_first_name(fold(first))
            and not is_place(first)
            and not any(m.is_common for m in members)  # "Hope Diamond": its words are words too
        ):
            group_type = "person"
        else:
            votes: Counter[str] = Counter()
            for key in {fold(m.alias) for m in members}:
                votes.update({t: n for t, n in (spacy_labels or {}).get(key, Counter()).items() if t != "other"})
            by_mentions: Counter[str] = Counter()
            for m in members:
                by_mentions[chosen[m.alias]] += sum(n for _, n in m.counts)
            group_type = max(by_mentions, key=lambda t: (votes[t], by_mentions[t], t))
        for m in members:
            types[m.alias] = group_type
            full_names[m.alias] = m.person
    return types, full_names


def _outlet_order(aliases: Sequence[AliasInfo]) -> dict[str, int]:
    """Return each outlet's place in story order (the order aliases list them)."""
    order: dict[str, int] = {}
    for info in aliases:
        for outlet, _ in info.counts:
            order.setdefault(outlet, len(order))
    return order


def _ordered_outlets(candidate: _Candidate, order: Mapping[str, int]) -> tuple[str, ...]:
    """Return the candidate's outlets in story order."""
    return tuple(sorted(candidate.outlets, key=lambda o: order.get(o, 0)))


def build_entities(
    outlets: Sequence[str],
    mentions: Sequence[Sequence[NameMention]],
    people: People,
    spacy_labels: Mapping[str, Counter[str]] | None = None,
) -> list[Entity]:
    """Return the story's entities, by number of outlets, then mentions, then name.

    Args:
        outlets: the outlet of each article, in story order.
        mentions: the name mentions of each article (text and title), in story order.
        people: the story's persons.
        spacy_labels: as for ``type_entities``.
    """
    return type_entities(collect_aliases(outlets, mentions, people), spacy_labels)


def _merge_organizations(candidates: dict[str, _Candidate], alias_key: dict[str, str]) -> None:
    """Merge organisation keys that are one name: an acronym and its expansion, near spellings."""
    keys = sorted(k for k, c in candidates.items() if c.entity_type == "organization")
    original: dict[str, str] = {}
    for alias, key in sorted(alias_key.items()):
        original.setdefault(key, alias)
    # A body named with "and" is also written, and abbreviated, without its last portfolio: "Centers for
    # Disease Control" and "CDC" for the "Centers for Disease Control and Prevention".
    shorter = {k: _before_last_and(k.split(":", 1)[1]) for k in keys}
    acronyms = {
        k: {_acronym(name.title()) for name in (original.get(k, ""), _before_last_and(original.get(k, ""))) if name}
        - {""}
        for k in keys
    }
    target: dict[str, str] = {}
    for x, a in enumerate(keys):
        for b in keys[x + 1 :]:
            name_a, name_b = a.split(":", 1)[1], b.split(":", 1)[1]
            same = False
            if len(name_a) >= 8 and len(name_b) >= 8 and fuzz.ratio(name_a, name_b) >= ORG_SIMILARITY:
                same = True
            else:
                same = (
                    name_b.replace(" ", "") in acronyms[a]
                    or name_a.replace(" ", "") in acronyms[b]
                    or name_a == shorter[b]
                    or name_b == shorter[a]
                )
            if same:
                root_a, root_b = target.get(a, a), target.get(b, b)
                keep, drop = sorted((root_a, root_b), key=lambda k: (-len(k), k))
                for key, value in list(target.items()):
                    if value == drop:
                        target[key] = keep
                target[drop] = keep
                target.setdefault(keep, keep)
    for alias, key in list(alias_key.items()):
        if target.get(key, key) != key:
            alias_key[alias] = target[key]
    for key, value in target.items():
        if value != key:
            candidates.pop(key, None)


def _before_last_and(name: str) -> str:
    """Return a name up to its last " and " after "of" or "for" ("centers for disease control" of "centers
    for disease control and prevention"); "" when it has none."""
    words = name.split()
    if "and" not in words[2:] or not ({"of", "for"} & set(words[: len(words) - 1 - words[::-1].index("and")])):
        return ""
    return name.rsplit(" and ", 1)[0]


# A short form shorter than this is no clipped word of a full name ("Fed" of "Federal Reserve" is 3).
SHORT_FORM_MIN_LETTERS = 3
# A full name longer than this is more likely page words run together ("Enlarge Image Close Bloomberg
# News Sprint") than a body's name a short form stands for.
SHORT_FORM_MAX_WORDS = 4


def _fold_short_forms(candidates: dict[str, _Candidate], alias_key: dict[str, str], aliases: Sequence[AliasInfo]) -> None:
    """Merge a one-word organisation into the one longer organisation of the story it is short for.

    A story that names "Washington Spirit" and then "the Spirit", or "Federal
    Reserve" and then "the Fed", names one body: the one word is the full
    name's last word ("Spirit", "Reign") or the clipped first word of it
    ("Fed" of "Federal", a word the story also writes in lower case: not
    "Ford" of "Fordham University").  Only where one full name fits; an
    organisation's word ("House" beside "White House"), a party's or a
    nation's word stays its own name.  The full name is shown.
    """
    keys = {k: c for k, c in candidates.items() if c.entity_type == "organization"}
    full = {k: k.split(":", 1)[1].split() for k in keys}
    lower_first = {
        alias_key[fold(info.alias)] for info in aliases if info.opens_with_word and fold(info.alias) in alias_key
    }
    for key in list(keys):
        words = full[key]
        short = words[0] if len(words) == 1 else ""
        if (
            len(short) < SHORT_FORM_MIN_LETTERS
            or short in lex.ORG_CUES
            or short in lex.DEMONYMS
            or short in lex.PARTY_WORDS
        ):
            continue
        targets = [
            other
            for other, other_words in full.items()
            if 1 < len(other_words) <= SHORT_FORM_MAX_WORDS
            and not _opens_with_first_name(other_words[0])  # "Stephanie Meyer" typed wrong is no body of "Meyer"
            and (
                other_words[-1] == short
                or (other in lower_first and other_words[0].startswith(short) and other_words[0] != short)
            )
        ]
        if len(targets) != 1 or targets[0] not in candidates:
            continue
        target = targets[0]
        _redirect(alias_key, key, target)
        candidates[target].is_full_name_shown = True
        candidates.pop(key, None)


def _fold_first_names(
    candidates: dict[str, _Candidate], alias_key: dict[str, str], aliases: Sequence[AliasInfo]
) -> None:
    """Merge a first name written alone into the one person of the story who bears it.

    Stories call a child, a victim, a celebrity or a couple's members by
    their first name once they are named in full: "Tara" beside "Tara Reid",
    "Kimani" beside "Kimani Gray", "Hillary" beside "Hillary Clinton".  The
    word is merged only where exactly one person of the story opens with it
    and nobody of the story bears it as a surname, and where it is a first
    name of the lexicon, or the person is also written by the surname alone,
    a word the story never writes in lower case ("Ronan" of "Ronan Farrow",
    "Farrow").  A place's name stays apart ("Dallas" beside "Dallas Clark" is the city);
    so does a first name two persons share ("George McLaren", "George
    Lonegan").
    """
    surnames_alone = {fold(i.alias) for i in aliases if " " not in i.alias and not i.opens_with_word}
    persons = {k: k.split(":", 1)[1].split() for k, c in candidates.items() if c.entity_type == "person"}
    openers: dict[str, list[str]] = defaultdict(list)
    surnames: set[str] = set()
    for key, words in persons.items():
        if len(words) > 1:
            openers[words[0]].append(key)
            surnames.add(words[-1])
    for key, words in persons.items():
        if len(words) != 1 or words[0] in surnames or is_place(words[0]):
            continue
        targets = openers.get(words[0], [])
        if len(targets) != 1:
            continue
        target = targets[0]
        if not lex.is_first_name(words[0]) and persons[target][-1] not in surnames_alone:
            continue
        _redirect(alias_key, key, target)
        candidates.pop(key, None)


def _redirect(alias_key: dict[str, str], key: str, target: str) -> None:
    """Point every alias of the candidate ``key`` at the candidate ``target``."""
    for alias, value in alias_key.items():
        if value == key:
            alias_key[alias] = target


def _display_name(candidate: _Candidate) -> str:
    # The most frequent form; among equals the longer one ("United States" over "US").  The forms of one
    # name given one type show the name in full ("Grateful Dead", not "Dead").
    forms = list(candidate.forms.items())
    if candidate.is_full_name_shown:
        most = max(len(form.split()) for form, _ in forms)
        forms = [(form, n) for form, n in forms if len(form.split()) == most]
    return max(forms, key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]


def spacy_votes(pairs: Sequence[Sequence[tuple[str, str]]]) -> dict[str, Counter[str]]:
    """Return folded entity text -> type votes from spaCy ``(text, label)`` pairs."""
    from newsfuse.brief.ner import LABEL_TYPES

    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for sentence_pairs in pairs:
        for text, label in sentence_pairs:
            cleaned = re.sub(r"^(?:the|The)\s+", "", text).rstrip("'’s").strip()
            if text.endswith(("'s", "’s")):
                cleaned = text[:-2]
            votes[fold(cleaned)][LABEL_TYPES.get(label, "other")] += 1
    return dict(votes)
