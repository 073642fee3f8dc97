"""Capitalised-name mentions found with one regular expression, and their titles.

A *run* is a sequence of capitalised words ("U.S. President Donald Trump",
"Ministry of Defence").  ``scan_names`` splits each run into the title before
a name ("U.S. President", with status "former"/"acting" read from the words
before it) and the name itself, and notes the context the entity typer and
the dispute finder need (a preposition before it, a place noun, whether it
starts a sentence).  It is fast enough to run on every article of a batch.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Sequence

from newsfuse.brief import _lexicon as lex
from newsfuse.brief._tokens import is_title_case
from newsfuse.brief.gazetteer import is_place
from newsfuse.text import STOPWORDS, fold, words

__all__ = [
    "NameMention",
    "NameScanner",
    "ends_in_place_word",
    "is_capitalised_title",
    "is_foreign",
    "middle_initials",
    "name_suffix",
    "scan_names",
    "lower_words",
    "quoted_title_key",
    "role_key",
    "split_person",
]

_U = "A-ZÀ-ÖØ-ÞŁŚŻŹŽČŠŘĆŃŐŰĞİŞ"
_CAPWORD = rf"[{_U}][\w'’\-]*\w|[{_U}]"
# Initials with their dots ("U.S.", "J.K."), or without the last one ("U.S Senate", "D.C"): one token.
_DOTTED = rf"(?:[{_U}]\.){{2,}}|(?:[{_U}]\.)+[{_U}](?![\w'’\-.])"
_ABBR = (
    r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Prof|Rev|St|Maj|Cpl|Cmdr|Supt|Insp|Det"
    rf"|Hon|Amb|Pres|Sens|Reps|Gens|[{_U}])\.(?=[ \t\u00a0]+[{_U}])"
)
_PREFIXED = rf"(?:al|el|bin|ibn|abu|de|van|von|da|di|du|le|la|ex|then)-[{_U}][\w'’\-]*"
_TOKEN = rf"(?:{_DOTTED}|{_ABBR}|{_PREFIXED}|{_CAPWORD})"
_CONNECTOR = r"(?:of|for|de|del|della|da|di|du|la|le|van|von|der|den|bin|ibn|al|y)"
_SEP = r"[ \t\u00a0]+"
_RUN = re.compile(rf"(?<![\w'’\-&]){_TOKEN}(?:(?:{_SEP}{_CONNECTOR}{_SEP}|{_SEP}){_TOKEN})*(?![\w\-])")
_TOKEN_RE = re.compile(_TOKEN + "|" + _CONNECTOR + r"\b")
_NEWLINE = re.compile(r"\n")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'\-]*")
# A word without its possessive or final apostrophe ("trump's" -> "trump").
_LOWER_STEM = re.compile(r"\b[a-z][a-z\-]*")

# "X of Y" stays one name only when X says so: "Ministry of Defence",
# "Secretary of State", "Gulf of Mexico", "University of Chicago".
_OF_KEEPERS = (
    lex.ORG_CUES
    | lex.ROLE_WORDS
    | lex.PLACE_CUES
    | frozenset("duke duchess earl republic kingdom strait isle bank university house church corps".split())
)
_DEPARTMENT_SPELLINGS = {"defence": "defense", "labour": "labor"}
_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())
_INITIAL_PUNCT = ".!?\n…:;"
# Lower-case words that are role nouns only sometimes ("major allies",
# "general election"): never read as a title before a name.
_ADJECTIVE_ROLES = frozenset("major general chief top senior executive".split())
# Title words that are common surnames too: after an honorific, a surname ("Mr. King", "Ms. Bishop").
_SURNAME_ROLES = frozenset("king bishop judge marshal dean pope".split())
# The words a government body's name opens with, when "and" runs through it (``_joined_by_and``).
_GOVERNMENT_OPENERS = frozenset("u.s. us united house senate department national federal state central".split())
# Words of an organisation that a nationality or party word qualifies without naming it:
# "Republican Senate", "Greek Parliament", "Indian Navy" (against "Republican Party", "American Bar Association").
_QUALIFIED_BODIES = frozenset("senate house congress parliament government media navy army military cabinet tv".split())
# The last word of a portfolio named in a title ("Secretary of State for Political Affairs").
_PORTFOLIO_ENDS = frozenset("affairs".split())
_OPENERS = "\"“‘'(["


@dataclass(frozen=True, slots=True)
class NameMention:
    """A capitalised name in a text, with the title written before it.

    ``start``/``end`` span the name itself (no title, no possessive);
    ``title_start`` is where its title (with status words) begins, equal to
    ``start`` when it has none.  ``role`` is the normalised role ("president",
    "secretary of state"), ``status`` "", "past", "acting" or "elect".
    ``is_common`` says that the name has two words or more and that the
    article also writes its first and its last word in lower case ("social",
    "security"): common words, more likely a phrase in capitals ("Social
    Security", "Grand Jury") than a person's name.  ``is_possessive`` says
    that the text writes it with a possessive ("Paula's"); ``after_article``
    that the word before its title is a lower-case "the" ("the Mandela
    Effect"; not "members of The Grateful Dead", a name's own article);
    ``is_emphasis`` that it is a short word in capitals a sentence stresses
    ("The cup IS the dessert", ``_is_emphasis``).
    """

    start: int
    end: int
    text: str
    title_start: int
    title: str
    role: str
    status: str
    has_honorific: bool
    preposition: str
    after_place_noun: bool
    is_initial: bool
    in_headline: bool = False
    is_common: bool = False
    is_possessive: bool = False
    after_article: bool = False
    is_emphasis: bool = False


# A single capitalised word that is never a name by itself: the common
# sentence openers and the number words ("Three years ago, Reid said...").
_NEVER_ALONE = lex.NOT_NAMES | frozenset(lex.UNITS) | frozenset(lex.TENS) | frozenset(lex.SCALES) | frozenset(
    "dozen dozens hundreds thousands millions billions".split()
)


def _is_number_word(word: str) -> bool:
    """Return whether a word is a number written out with hyphens ("Twenty-three", "Forty-five")."""
    parts = word.lower().split("-")
    return len(parts) > 1 and all(part in lex.UNITS or part in lex.TENS for part in parts)


# A capitalised word ending in "-ing" ("Bringing", "Joining"), a gerund when its verb is written in lower case.
_CAPITALISED_GERUND = re.compile(r"\b[A-Z][a-z]{2,}ing\b")


def lower_words(text: str) -> frozenset[str]:
    """Return the folded words that appear in lower case somewhere in ``text``.

    A capitalised gerund counts as written in lower case when its verb is
    ("Bringing Brand in was..." where the text says "brings" or "brought"
    nowhere but "bring" somewhere): a sentence that opens with it opens
    with a verb, not a name ("Bringing Brand", "Joining Cooley").  "Manning"
    and "Fleming" have no verb written in lower case.

    The short titles the text writes in quotation marks (a film's, a song's:
    ``_quoted_titles``) are in it too, folded and marked by a leading quotation
    mark (``quoted_title_key``): the same words outside quotation marks name
    the work, not a person or a place ("Hacksaw Ridge" where another line
    writes "“Hacksaw Ridge”").

    >>> sorted(lower_words("Joining Cooley was Baca. Baca joined late."))
    ['joined', 'joining', 'late', 'was']
    >>> quoted_title_key("New Moon") in lower_words('He will helm “New Moon,” the sequel.')
    True
    """
    # ASCII lower-case words need no folding; "’" is made "'" as ``fold`` does.
    found = set(_LOWER_WORD.findall(text.replace("’", "'")))
    for gerund in _CAPITALISED_GERUND.findall(text):
        stem = gerund[:-3].lower()
        if any(stem + ending in found for ending in _VERB_ENDINGS):
            found.add(gerund.lower())
    for start, end in _quoted_titles(text):
        found.add(quoted_title_key(text[start + 1 : end - 1]))
    return frozenset(found)


def quoted_title_key(title: str) -> str:
    """Return how ``lower_words`` holds a title written in quotation marks: folded, after a quotation mark."""
    return '"' + fold(title.rstrip(",.!?:; ")).strip()


# The endings of a verb's forms after its "-ing" stem: "bring", "brings", "exclude(d)", "joined".
_VERB_ENDINGS = ("", "s", "e", "es", "ed")


@lru_cache(maxsize=65536)
def _clean_token(token: str) -> str:
    """Return a token folded, without a final period or possessive."""
    folded = fold(token)
    if folded.endswith("'s"):
        folded = folded[:-2]
    elif folded.endswith("'"):
        folded = folded[:-1]
    return folded.rstrip(".")


def role_key(words: list[str]) -> tuple[str, str, bool]:
    """Return ``(role, status, has_honorific)`` for the folded words of a title.

    Qualifiers (nationality, party, institution) are dropped; department
    words stay next to "minister"/"secretary".

    Example:
        >>> role_key(["former", "u.s.", "president"])
        ('president', 'past', False)
        >>> role_key(["kremlin", "spokesman"])
        ('spokesperson', '', False)
        >>> role_key(["secretary", "of", "state"])
        ('secretary of state', '', False)
    """
    status = ""
    honorific = False
    role: list[str] = []
    for index, raw in enumerate(words):
        word = raw.strip(".")
        for prefix, prefix_status in (("ex-", "past"), ("then-", "then")):
            if word.startswith(prefix):
                status = prefix_status
                word = word[len(prefix):]
        for suffix in ("-elect", "-designate"):
            if word.endswith(suffix):
                status = status if status == "then" else "elect"  # "then President-elect" is "then"
                word = word[: -len(suffix)]
        if word in lex.STATUS_WORDS:
            status = status if status == "then" else (lex.STATUS_WORDS[word] or status)
            continue
        if word in lex.HONORIFICS:
            honorific = True
            continue
        word = lex.ROLE_SYNONYMS.get(word, word)
        if word in lex.ROLE_WORDS:
            role.append(word)
        elif word in lex.DEPARTMENT_WORDS and role and role[-1] == "of":
            role.append(_DEPARTMENT_SPELLINGS.get(word, word))
        elif word in lex.DEPARTMENT_WORDS and index + 1 < len(words) and lex.ROLE_SYNONYMS.get(
            words[index + 1].strip("."), words[index + 1].strip(".")
        ) in ("minister", "secretary"):
            role.append(_DEPARTMENT_SPELLINGS.get(word, word))
        elif word == "of" and role and role[-1] in ("secretary", "minister", "chief"):
            role.append("of")
        elif word in ("general",) and role:
            role.append(word)
    while role and role[-1] == "of":
        role.pop()
    return " ".join(role), status, honorific


def split_person(name: str) -> tuple[str, str]:
    """Return the folded ``(first, last)`` names of a person name ("" when absent).

    Example:
        >>> split_person("Vladimir Putin"), split_person("Putin"), split_person("Martin Luther King Jr.")
        (('vladimir', 'putin'), ('', 'putin'), ('martin', 'king'))
    """
    parts = [_clean_token(t) for t in name.split()]
    parts = [p for p in parts if p and p not in _SUFFIXES and p not in lex.HONORIFICS]
    if not parts:
        return "", ""
    if len(parts) == 1:
        return "", parts[0]
    return parts[0], parts[-1]


def name_suffix(name: str) -> str:
    """Return the folded generational suffix of a person name ("jr", "sr", "iii"; "" when it has none).

    "W. Mark Felt Sr." and "Mark Felt Jr." are a father and his son: two
    suffixes that differ tell two persons apart (``people.People``).

    Example:
        >>> name_suffix("Donald Trump Jr."), name_suffix("Robert F. Kennedy III"), name_suffix("Donald Trump")
        ('jr', 'iii', '')
    """
    for token in reversed(name.split()):
        folded = _clean_token(token)
        if folded in _SUFFIXES:
            return folded.rstrip(".")
        if folded not in lex.HONORIFICS:
            return ""
    return ""


def middle_initials(name: str) -> str:
    """Return the initials of the middle names of a person name ("" when it has none).

    Example:
        >>> middle_initials("George H.W. Bush"), middle_initials("George Walker Bush"), middle_initials("Bush")
        ('hw', 'w', '')
    """
    parts = [t for t in name.split() if _clean_token(t) not in _SUFFIXES and _clean_token(t) not in lex.HONORIFICS]
    initials = []
    for token in parts[1:-1]:
        pieces = [p for p in fold(token).split(".") if p] if "." in token else [fold(token)]
        initials.extend(p[0] for p in pieces if p[:1].isalpha())
    return "".join(initials)


@lru_cache(maxsize=16384)
def _is_role_token(folded: str) -> bool:
    word = folded.strip(".")
    for prefix in ("ex-", "then-"):
        if word.startswith(prefix):
            word = word[len(prefix):]
    for suffix in ("-elect", "-designate"):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
    return word in lex.ROLE_WORDS or word in lex.HONORIFICS or word in lex.ROLE_SYNONYMS


def _words_before_first_name(folded: Sequence[str]) -> int:
    """Return how many words before a first name are a job held, not part of the name; 0 if none.

    "Host Chris Wallace", "Obama Campaign Manager Stephanie Cutter",
    "Winnebago County Coroner Barry Busby": an occupation word (``OCCUPATIONS``)
    right before a first name with a surname after it closes a title that the
    role lexicon does not know; the capitalised words before it qualify the
    job.  A first name among them keeps the run whole.
    """
    for index in range(1, len(folded) - 1):
        if folded[index - 1].strip(".") in lex.OCCUPATIONS and lex.is_first_name(folded[index].strip(".")):
            before = [w.strip(".") for w in folded[: index - 1]]
            if not any(lex.is_first_name(w) for w in before):
                return index
    return 0


def _common_words_before_first_name(folded: Sequence[str], lowercase: frozenset[str]) -> int:
    """Return how many words before a first name are a job or an office the text also writes in lower case; 0 if none.

    "Court Clerk Dan Fallon", "Official Wanda Sykes", "Minister for ... and
    Foreign Trade Alexander Stubb", "Veterans Donyell Marshall": the word
    right before a first name (census or short lists) is a common word of
    the article ("clerk", "official", "trade") and no first name itself, a
    surname follows the first name, and no word before is a first name.
    A run ending in a place's or an organisation's word is left whole
    ("Mount Vernon Avenue", "Bank Julius Baer Group").
    """
    if len(folded) < 3 or ends_in_place_word(list(folded)) or folded[-1] in lex.ORG_CUES:
        return 0
    for index in range(1, len(folded) - 1):
        word = folded[index].strip(".")
        if not lex.is_first_name(word) or folded[index + 1].strip(".") in lex.NOT_NAMES:
            continue
        before = [w.strip(".") for w in folded[:index]]
        if (
            before[-1] in lowercase
            and folded[index + 1].strip(".") not in lowercase  # a surname, no common word ("New Hope City")
            and before[-1] not in NAME_SMALL_WORDS  # "Church of Jesus Christ"
            and not any(lex.is_first_name(w) or w in lex.HONORIFICS or _is_initials(w) for w in before)
        ):
            return index
        return 0
    return 0


# Counts and ranks that open a sentence before a body's name and a plural ("Two Coast Guard boats",
# "Top Senate leaders", "Senior Pentagon officials"); "one" opens names ("One World Trade Center").
_COUNT_WORDS = (frozenset(lex.UNITS) | frozenset(lex.TENS)) - {"one"}
_RANK_WORDS = frozenset("top senior several many some".split())
_PLURAL_AFTER = re.compile(r"\s+[a-z][a-z-]*[a-rt-z]s\b")  # "officials", "boats"; not "class"
# The small words a name's run may hold ("Church of Jesus Christ", "Minister for Health Leo Varadkar").
NAME_SMALL_WORDS = frozenset("of for and the de del della da di du la le van von der den bin ibn al y".split())

# A lower-case role word right after a name ("White House counsel", "Kremlin spokesman").
_ROLE_AFTER = re.compile(r"[ \t\u00a0]+([a-z][a-z\-]*)\b")


def _qualifies_role_after(text: str, end: int, folded: Sequence[str]) -> bool:
    """Return whether the name ending at ``end`` qualifies a lower-case role word after it, and is no person.

    "deputy White House counsel Fred Fielding": the title before "White
    House" is the counsel's; an organisation's or a place's name so placed
    takes no title ("Obama spokesman Josh Earnest" keeps "President Obama").
    """
    after = _ROLE_AFTER.match(text, end)
    if after is None or not _is_role_token(after.group(1)):
        return False
    return folded[-1] in lex.ORG_CUES or folded[-1] in lex.PLACE_CUES


def is_surname_after(previous: str) -> bool:
    """Return whether a title word after the folded word ``previous`` is a surname ("Stephen King").

    It is when ``previous`` is a first name and no title word itself
    ("Judge Amy Judge", but "Chief Justice").

    >>> is_surname_after("stephen"), is_surname_after("majority")
    (True, False)
    """
    return lex.is_first_name(previous) and not _is_role_token(previous)


def _is_initials(word: str) -> bool:
    """Return whether a folded word is a name's initials ("j.", "p.j", "pj")."""
    letters = word.replace(".", "")
    return len(letters) <= 1 or (len(letters) <= 2 and not any(c in "aeiouy" for c in letters))


def ends_in_place_word(words: list[str]) -> bool:
    """Return whether folded name words end in a street, place or facility word, and so name a place.

    A place word that is a common surname too (``lex.SURNAME_PLACE_WORDS``)
    is a surname after a first name: "Kim Wall" and "Bill Park" are persons,
    "Trump Tower" and "Garfield Park" places.  After a ``PLACE_CUES`` word
    ("Park", "Lake") only a first name of the short lists counts, as parks
    and towns are named after persons' first names ("Lincoln Park").

    >>> ends_in_place_word(["crenshaw", "boulevard"]), ends_in_place_word(["bill", "park"])
    (True, False)
    >>> [ends_in_place_word(words) for words in (["kim", "wall"], ["berlin", "wall"], ["p.", "j.", "hill"])]
    [False, True, False]
    """
    if len(words) < 2:
        return False
    last = words[-1]
    if last not in lex.PLACE_CUES and last not in lex.FACILITY_WORDS and last not in lex.SURNAME_PLACE_WORDS:
        return False
    if last not in lex.SURNAME_PLACE_WORDS:
        return True
    # The given name, past initials ("H. Dale Hall"); initials alone are a person's ("P. J. Hill", "PJ Hill").
    given = next((w for w in words[:-1] if not _is_initials(w)), "")
    if not given:
        return False
    if last in lex.PLACE_CUES:
        return given not in lex.MALE_FIRST_NAMES and given not in lex.FEMALE_FIRST_NAMES
    return not is_surname_after(given)


def _previous_word(text: str, position: int) -> tuple[str, int] | None:
    """Return the word right before ``position`` (one space between) and its start."""
    end = position - 1
    if end < 1 or text[end] not in " \u00a0":
        return None
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’.-"):
        start -= 1
    if start == end:
        return None
    return text[start:end], start


# An office written "Secretary of the", right before a name's run: the run's
# first capitalised words are the office's portfolio ("Interior", "Exchequer").
# A status word may open it ("Former Speaker of the House").  Read in the
# ``_OFFICE_CHARS`` before the run only: a search back to the text's start for
# every name cost the scanner ten times its time.
_OFFICE_OF_THE = re.compile(
    r"\b(?:([A-Za-z][\w\-]*)[ \t\u00a0]+)?([A-Za-z][\w\-]*)[ \t\u00a0]+of[ \t\u00a0]+the[ \t\u00a0]+$"
)
_OFFICE_CHARS = 80


def _portfolio(text: str, segment: list[tuple[int, int, str]], folded: list[str]) -> tuple[int, int]:
    """Return the index of a portfolio's last word opening ``segment`` and where its office starts.

    After an office and "of the" ("Secretary of the Interior Ryan Zinke",
    "Chancellor of the Exchequer George Osborne"), up to three capitalised
    words before a first name belong to the office, not to the name; a first
    name must follow them with a surname after it.  The office starts at its
    status word, if any.  ``(-1, -1)`` when the segment opens no portfolio.
    """
    if lex.is_first_name(folded[0]):
        return -1, -1  # "the leader of the Bill Clinton Foundation"
    start = segment[0][0]
    if not text[max(0, start - 10) : start].rstrip(" \t\u00a0").endswith(" the"):
        return -1, -1  # the common case, told without the regular expression
    office = _OFFICE_OF_THE.search(text, max(0, start - _OFFICE_CHARS), start)
    if office is None or not _is_role_token(fold(office.group(2))):
        return -1, -1
    for index in range(1, min(4, len(segment) - 1)):
        if lex.is_first_name(folded[index]):
            has_status = office.group(1) is not None and fold(office.group(1)) in lex.STATUS_WORDS
            return index - 1, office.start(1 if has_status else 2)
    return -1, -1


def _title_before(text: str, start: int) -> tuple[int, list[str]]:
    """Return where lower-case title words before ``start`` begin, and those words.

    "former President ..." gives "former"; "Kremlin spokesperson Dmitry ..."
    gives "Kremlin spokesperson".
    """
    position = start
    found: list[str] = []
    has_role = False
    for _ in range(4):
        previous = _previous_word(text, position)
        if previous is None:
            break
        word, word_start = previous
        if word[0].islower():
            folded = fold(word)
            base = folded.strip("-")
            # "ex-national security adviser": a status stuck to a department word.
            stem_word = base.split("-", 1)[1] if base.startswith(("ex-", "then-")) else base
            if base not in _ADJECTIVE_ROLES and (
                base in lex.STATUS_WORDS
                or base in ("ex", "then")
                or _is_role_token(base)
                or (stem_word in lex.DEPARTMENT_WORDS and (has_role or stem_word != base))
                or (stem_word != base and _is_role_token(stem_word))
            ):
                has_role = has_role or _is_role_token(base)
                found.insert(0, folded)
                position = word_start
                continue
        elif word[0].isupper() and has_role and found and not found[0][0].isupper():
            # One capitalised qualifier before a lower-case role: "Kremlin spokesperson".
            if fold(word).strip(".") not in lex.NOT_NAMES:
                found.insert(0, word)
                position = word_start
        break
    return position, found


# A speech verb's forms that open an inverted attribution ("Added Lesh: ...", "Adds Weir: ..."):
# past forms and a few present ones; not "States", "Charges", "Calls", which open names and headings.
OPENING_SPEECH_VERBS = frozenset(
    w for w in lex.SPEECH_VERBS if w.endswith("ed")
) | frozenset("said says adds writes wrote told asks tweets".split())


# Nouns with a gerund's look that open names of shows, papers and places ("Morning Joe", "Evening
# Standard", "Spring Valley", "Building 7").
_ING_NOUNS = frozenset("morning evening spring wedding building ceiling".split())


def _opens_with_verb(token: str, segment: Sequence[tuple[int, int, str]]) -> bool:
    """Return whether a sentence's first capitalised word, before more of them, is a verb, not a name's.

    A speech verb in an inverted attribution ("Added Lesh: ...") or a gerund
    ("Neighboring Ukraine also criticized...", "Passing Janet Jackson, Rihanna
    ...", "Dismissing Eichmann's claims") opens the sentence even where the
    article writes the verb nowhere in lower case.  A gerund's look that is a
    first name ("Irving Berlin", "Sterling Brown"), a place ("Beijing",
    "Wyoming") or part of a place's or an organisation's name ("Downing
    Street", "Boeing Co.") stays.
    """
    folded = _clean_token(token)
    if folded in OPENING_SPEECH_VERBS:
        return not lex.is_first_name(folded)
    if (
        not _CAPITALISED_GERUND.fullmatch(token)
        or folded in _ING_NOUNS
        or lex.is_first_name(folded)
        or is_place(token)
    ):
        return False
    words = [_clean_token(t[2]) for t in segment]
    return not ends_in_place_word(words) and words[-1] not in lex.ORG_CUES


def folded_ending(word: str) -> bool:
    """Return whether a lone sentence-initial word looks like a verb or adverb ("Speaking")."""
    return word.endswith(("ing", "ly", "ed")) and len(word) > 5


def _surname_elsewhere(text: str, word: str, lowercase: frozenset[str]) -> bool:
    """Return whether a sentence-initial word with a verb's or adverb's ending is a surname the text writes
    right after another capitalised word elsewhere ("Schlafly then discussed" where "Phyllis Schlafly"
    stands), and never in lower case ("Speaking" stays a verb; so does "... New York. Speaking ...")."""
    if fold(word) in lowercase:
        return False
    return re.search(r"\b[A-Z][a-z][\w'’\-]*[ \u00a0]+" + re.escape(word) + r"\b", text) is not None


def _is_initial(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index] in " \t\u00a0":
        index -= 1
    while index >= 0 and text[index] in _OPENERS:
        index -= 1
        while index >= 0 and text[index] in " \t\u00a0":
            index -= 1
    return index < 0 or text[index] in _INITIAL_PUNCT


def _word_before(text: str, start: int) -> tuple[str, str]:
    """Return the folded word before ``start`` and the one before it ("" when punctuation intervenes)."""
    previous = _previous_word(text, start)
    if previous is None or not previous[0][-1].isalnum():
        return "", ""
    word, word_start = previous
    earlier = _previous_word(text, word_start)
    return fold(word), fold(earlier[0]) if earlier else ""


# Endings of the abstract nouns and plural groups that name a body with "for":
# "Democracy for America", "Americans for Prosperity", "Concerned Women for
# America", "Physicians for Human Rights" (but "Trump for Gorsuch").
_FOR_BODY_ENDINGS = ("cy", "ity", "ism", "ion", "ment", "dom", "ness", "ance", "ence", "ans", "ists")
_FOR_BODY_WORDS = frozenset("women men people citizens veterans doctors physicians parents families".split())


def _binds_for(previous: str) -> bool:
    """Return whether "for" after the folded word ``previous`` stays inside a name."""
    return (
        previous in lex.ORG_CUES
        or previous in _FOR_BODY_WORDS
        or len(previous) > 4
        and previous.endswith(_FOR_BODY_ENDINGS)
        and not lex.is_first_name(previous)
        and previous not in lex.PARTY_WORDS  # "Democrats for Education Reform": the party word qualifies
    )


def _is_group_word(word: str, following: str) -> bool:
    """Return whether a folded word before the folded word ``following`` qualifies a name as a nationality
    or a party does: "Russian", "Republican"; a member or members of a nation before a first name
    ("Frenchwoman Edith Bouvier", "Englishman Robert Buckley"; not "Americans for Prosperity")."""
    if word in lex.DEMONYMS or word in lex.PARTY_WORDS:
        return True
    if not lex.is_first_name(following.strip(".")):
        return False
    return any(word.endswith(e) and word[: -len(e)] in lex.DEMONYMS for e in ("woman", "women", "man", "men", "s"))


_NUMBER_AFTER = re.compile(r"[ \t\u00a0]+\d")


def _is_numbered(text: str, end: int, last: str, lowercase: frozenset[str]) -> bool:
    """Return whether the name ending at ``end`` is a numbered thing's: its last word is a common word of
    the article and a number follows ("United Flight 93", "Proposition 8"); a place's or a body's word
    numbered is still one ("Highway 101", "Terminal 5", "Channel 4", "District 9")."""
    return (
        last in lowercase
        and _NUMBER_AFTER.match(text, end) is not None
        and last not in lex.PLACE_CUES
        and last not in lex.FACILITY_WORDS
        and last not in lex.ORG_CUES
    )


# Short words a writer puts in capitals for stress: negations, answers, pronouns, quantifiers ("is NOT
# among", "if HE be worthy", "without ANY use"), and verbs ("The cup IS the dessert"), which stress
# only before what they say of their subject: a determiner, "not" or a degree word.
_STRESSED_WORDS = frozenset("not no yes too all any he him she her we you me".split())
_STRESSED_VERBS = frozenset("is are was were am be do does did has have had can will".split())
_COMPLEMENT_OPENERS = frozenset(
    "a an the not no this that these those my your his her its our their some any every so very too also just".split()
)
# Words after which a word in capitals is a noun, an acronym's: "an IS execution video", "captured by IS",
# "fight IS and".
_NOUN_OPENERS = frozenset(
    "a an the this that these those my your his her its our their some any every each many much more most few "
    "several no what which whose and or nor but of by to for from with against on in at about under into over "
    "among between behind near after before since during without within via per as like than".split()
)
_LOWER_BEFORE = re.compile(r"(?<![\w'’\-])([a-z][a-z'’]*)[ \t\u00a0]+$")
_LOWER_AFTER = re.compile(r"[ \t\u00a0]+([a-z][a-z'’]*)\b")


def _is_emphasis(text: str, start: int, end: int) -> bool:
    """Return whether the word in capitals at ``text[start:end]`` is an English word stressed, not an acronym.

    A short word written in capitals between two words in lower case, in a sentence not in capitals: a
    negation, an answer, a pronoun or a quantifier ("Legionnaires is NOT among the 90 water contaminants",
    "if HE be worthy"), or a verb after a word that opens no noun and before the start of what it says
    ("The cup IS the dessert").  Not "an IS execution video", "contradict IS claims", "fight IS in person":
    the Islamic State's initials are a noun.

    Example:
        >>> text = "The cup IS the dessert. He appeared in an IS execution video."
        >>> _is_emphasis(text, 8, 10), _is_emphasis(text, 42, 44)
        (True, False)
    """
    word = text[start:end]
    if not (word.isalpha() and word.isupper() and 2 <= len(word) <= 3):
        return False
    folded = word.lower()
    before = _LOWER_BEFORE.search(text, max(0, start - 40), start)
    after = _LOWER_AFTER.match(text, end)
    if before is None or after is None:
        return False
    if folded in _STRESSED_WORDS:
        return True
    return (
        folded in _STRESSED_VERBS
        and before.group(1) not in _NOUN_OPENERS
        and after.group(1) in _COMPLEMENT_OPENERS
    )


def _is_title_word(folded: str) -> bool:
    """Return whether a folded word is a title's: a role, an honorific or an occupation ("president", "gov.")."""
    return _is_role_token(folded) or folded in lex.OCCUPATIONS


def _is_name_after_title(folded: Sequence[str], lowercase: frozenset[str]) -> bool:
    """Return whether the folded words after a title word read as a person's name of two words or more.

    None of them is a common word of the article or a non-name, a title's or
    a small word, and the last is no place's or organisation's word
    ("Reporter Jomana Karadsheh", not "Host Committee Chairman" nor "Anchor
    Bay Entertainment").
    """
    return (
        len(folded) >= 2
        and not ends_in_place_word(list(folded))
        and folded[-1] not in lex.ORG_CUES
        and not any(
            w.strip(".") in lowercase
            or w.strip(".") in lex.NOT_NAMES
            or _is_title_word(w)
            or w in ("of", "for", "and", "the")
            for w in folded
        )
    )


# A contraction's ending: "I’m", "We’d", "You'll", "They've", "We're", "Don't" are no names.
_CONTRACTION = re.compile(r"['’](?:m|d|ll|ve|re|t)$", re.IGNORECASE)


def _segments(tokens: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Split a run's tokens after possessives, at "of" that does not bind and at "for" after no body's word.

    "Center for Biological Diversity" and "Democracy for America" are one name; "Trump for Gorsuch" two.
    """
    segments: list[list[tuple[int, int, str]]] = [[]]
    for index, token in enumerate(tokens):
        word = token[2]
        if _CONTRACTION.search(word):
            segments.append([])  # "Because I’m", "Reggie I'm": a pronoun's or a verb's contraction ends a name
            continue
        if word == "for" and (not segments[-1] or not _binds_for(_clean_token(segments[-1][-1][2]))):
            segments.append([])
            continue
        if word in ("of",) and segments[-1]:
            previous = _clean_token(segments[-1][-1][2])
            if previous not in _OF_KEEPERS:
                segments.append([])
                continue
        segments[-1].append(token)
        if word.endswith(("'s", "’s", "'", "’")) and index + 1 < len(tokens):
            segments.append([])
    return [s for s in segments if s and s[0][2] not in ("of", "for") and not s[0][2].islower()]


def scan_names(text: str, lowercase: frozenset[str] | None = None) -> list[NameMention]:
    """Return the capitalised name mentions of ``text`` in order.

    Args:
        text: an article's clean text (or a title).
        lowercase: folded words seen in lower case in the article; a capitalised
            sentence-initial word among them ("Despite", "Meanwhile") is not a name.

    Example:
        >>> [(m.text, m.title, m.role, m.status) for m in scan_names(
        ...     "The talks, said former President Donald Trump, matter.")]
        [('Donald Trump', 'former President', 'president', 'past')]
    """
    lowercase = lowercase if lowercase is not None else lower_words(text)
    mentions: list[NameMention] = []
    headline_lines: dict[int, bool] = {}
    line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    for run in _RUN.finditer(text):
        run_text = run.group()
        is_single = " " not in run_text and "\u00a0" not in run_text and "\t" not in run_text
        if is_single and not (run_text.isupper() and len(run_text) > 1) and (
            run_text.lower() in _NEVER_ALONE or _is_number_word(run_text)
        ):
            continue  # "The", "But", "Monday", "Three (years ago)", "Twenty-three (minutes later)": never names
        line_start = line_starts[bisect_right(line_starts, run.start()) - 1]
        in_headline = headline_lines.get(line_start)
        if in_headline is None:
            line_end = text.find("\n", run.start())
            line = text[line_start : line_end if line_end >= 0 else len(text)]
            # A headline line: no final period and mostly capitalised words.  A line ending in a colon
            # introduces what follows ("Reporter Jomana Karadsheh says:", "Stated Stone:"): no headline.
            in_headline = headline_lines[line_start] = not line.rstrip().endswith(
                (".", "!", "?", '"', "”", "’", ":")
            ) and is_title_case(line)
        if not is_single:
            tokens = [(m.start() + run.start(), m.end() + run.start(), m.group()) for m in _TOKEN_RE.finditer(run_text)]
            segments = _segments(tokens)
        elif not _CONTRACTION.search(run_text):
            segments = [[(run.start(), run.end(), run_text)]]
        else:
            segments = []  # "I’m", "I've", "Don’t": no name
        for segment_index, segment in enumerate(segments):
            initial = _is_initial(text, segment[0][0])
            occupation: tuple[int, int, str] | None = None  # a dropped occupation before the name: its title
            # Drop sentence-initial common words and leading non-names.
            while segment:
                first = _clean_token(segment[0][2])
                if segment[0][2].isupper() and len(segment[0][2]) > 1:
                    break  # an acronym ("US", "IT") is not the pronoun it spells
                if first == "new" and len(segment) > 1 and segment[1][2][:1].isupper():
                    break  # "New York", "New Zealand": "New" before a name is part of it
                # A capitalised status word opening a titled name ("Former President X") stays.
                is_status = first in lex.STATUS_WORDS and len(segment) > 1
                # An honorific before a name is its title ("Ms. Smith"): kept, as a role word is.
                is_honorific = first.strip(".") in lex.HONORIFICS and len(segment) > 1
                # An occupation before a first name is no part of the name ("Actress Tara Reid"); opening a
                # sentence, before a name of two words or more, it is none either ("Reporter Jomana Karadsheh
                # says:"), unless the words after are common ones or a place's or organisation's name
                # ("Host Committee Chairman", "Anchor Bay Entertainment").
                is_occupation = first in lex.OCCUPATIONS and len(segment) > 1 and (
                    lex.is_first_name(_clean_token(segment[1][2]))
                    or (initial and _is_name_after_title([_clean_token(t[2]) for t in segment[1:]], lowercase))
                )
                # "Former US secretary of state Madeleine Albright", "Former Clinton aide Huma Abedin": a past
                # status before no title of its own is the status of a title written after the run, no part
                # of the place's or the person's name.
                is_loose_status = (
                    lex.STATUS_WORDS.get(first) == "past"
                    and len(segment) > 1
                    and not any(_is_title_word(_clean_token(t[2])) for t in segment[1:])
                )
                # A compound modifier is no part of a name: "London-based Amnesty", "Pakistan-born Khuram
                # Butt", "Republican-led House" (but "Bowman-Cryer", "al-Assad").
                last_piece = segment[0][2].rsplit("-", 1)[-1]
                is_modifier = len(segment) > 1 and "-" in segment[0][2] and last_piece.isalpha() and last_piece.islower()
                # "Two Defense Department officials", "Top Senate leaders": a count or a rank opening a
                # sentence before a body's name and the plural it qualifies is no part of the name ("One
                # World Trade Center", "Seven Network said" keep theirs).
                is_count = (
                    initial
                    and len(segment) > 1
                    and (first in _COUNT_WORDS or _is_number_word(first) or first in _RANK_WORDS)
                    and _clean_token(segment[-1][2]) in lex.ORG_CUES
                    and _PLURAL_AFTER.match(text, segment[-1][1]) is not None
                )
                if (
                    (first in lex.NOT_NAMES and not is_honorific)
                    or is_count
                    or is_occupation
                    or is_loose_status
                    or is_modifier
                    or (initial and len(segment) > 1 and _opens_with_verb(segment[0][2], segment))
                    or (
                        initial
                        and first in lowercase
                        and not _is_role_token(first)
                        and not is_status
                        # "Downing Street", "Reading Station": a gerund's look, but a place's name
                        and not ends_in_place_word([_clean_token(t[2]) for t in segment])
                    )
                ):
                    occupation = segment[0] if is_occupation else None
                    segment = segment[1:]
                    initial = False
                    while segment and segment[0][2] in ("of", "for"):
                        segment = segment[1:]
                    continue
                break
            if initial and len(segment) == 1 and folded_ending(segment[0][2]):
                if not _surname_elsewhere(text, segment[0][2], lowercase):
                    continue
            while segment and (
                (_clean_token(segment[-1][2]) in lex.NOT_NAMES and not segment[-1][2].isupper())
                or segment[-1][2] in ("of", "for")
            ):
                segment = segment[:-1]
            if not segment:
                continue
            folded = [_clean_token(t[2]) for t in segment]
            last_role = -1
            for index, word in enumerate(folded):
                if _is_role_token(word) or (
                    word in _PORTFOLIO_ENDS and index + 1 < len(folded) and lex.is_first_name(folded[index + 1])
                ):
                    # "... for Political Affairs Wendy Sherman": a portfolio ends a title, never starts a name.
                    last_role = index
                elif word == "of" and last_role == index - 1 and index + 2 < len(folded):
                    # "Secretary of State Marco Rubio": "of State" is in the title, and so is
                    # "of National Intelligence" before "James Clapper".
                    last_role = index + 1
                    while last_role + 2 < len(folded) and folded[last_role + 1] in lex.DEPARTMENT_WORDS:
                        last_role += 1
            if folded[-1] in lex.ORG_CUES and len(folded) > 1 and "of" not in folded:
                last_role = -1  # "Justice Department", "County Sheriff Department": an organisation's name
            # "Stephen King", "Amy Bishop", "Martin Luther King Jr.": a title word after a first
            # name is a surname, not a title with no name ("Mr. President" stays a title alone).
            end = len(folded) - 1
            while end > 0 and folded[end] in _SUFFIXES:
                end -= 1
            if last_role == end and end >= 1:
                before_role = folded[end - 1].strip(".")
                if before_role in lex.HONORIFICS and folded[end].strip(".") in _SURNAME_ROLES:
                    last_role = end - 1  # "Mr. King", but "Mr. President"
                elif is_surname_after(before_role):
                    last_role = max((k for k in range(end - 1) if _is_role_token(folded[k])), default=-1)
            # "Secretary of the Interior Ryan Zinke": the office's portfolio opens the run.
            office_start = -1
            if last_role < 0:
                last_role, office_start = _portfolio(text, segment, folded)
            if last_role < 0:
                last_role = _words_before_first_name(folded) - 1
            else:
                # "Assistant General Manager Tony DiLeo": an occupation after the title's role word.
                last_role += _words_before_first_name(folded[last_role + 1 :])
            if last_role < 0:
                last_role = _common_words_before_first_name(folded, lowercase) - 1
            # Nationality and party words before a name qualify it like a title:
            # "Republican Sharron Angle", "Russian Vladimir Putin".
            # Not in an organisation's name: "American Bar Association" (``_QUALIFIED_BODIES``).
            is_named_body = folded[-1] in lex.ORG_CUES and folded[-1] not in _QUALIFIED_BODIES
            while (
                len(segment) - (last_role + 1) > 1
                and not is_named_body
                and _is_group_word(folded[last_role + 1], folded[last_role + 2])
            ):
                last_role += 1
            name_tokens = segment[last_role + 1 :]
            if not name_tokens:
                continue
            opening = _clean_token(name_tokens[0][2])
            if (
                last_role >= 0
                and opening in lex.NOT_NAMES
                and not lex.is_first_name(opening)  # "City Manager June Catalano"
                and not name_tokens[0][2].isupper()
            ):
                continue  # "the Justice Against Sponsors of Terrorism Act": a role word opening a law's name
            if len(name_tokens) == 1 and last_role >= 0 and _clean_token(name_tokens[0][2]) in lex.OCCUPATIONS:
                continue  # "Assistant General Manager": a title with no name after it
            title_tokens = segment[: last_role + 1]
            name_start = name_tokens[0][0]
            if not title_tokens and occupation is not None and segment[0] is name_tokens[0]:
                title_tokens = [occupation]  # "Actress Tara Reid", "Reporter Jomana Karadsheh"
            title_start = title_tokens[0][0] if title_tokens else name_start
            title_words = [fold(t[2]) for t in title_tokens]
            if office_start >= 0:
                # The office and its "of the" are the title too, with a status word before it.
                title_start = office_start
                title_words = [fold(w) for w in text[title_start:name_start].split()]
            if segment_index == 0 or not title_tokens:
                before, words_before = _title_before(text, title_start)
                if words_before:
                    title_start = before
                    title_words = [fold(w) for w in words_before] + title_words
            if title_words:
                role, status, honorific = role_key([w[:-2] if w.endswith("'s") else w for w in title_words])
            else:
                role, status, honorific = "", "", False
            name_end = name_tokens[-1][1]
            name_text = text[name_start:name_end]
            is_possessive = name_text.endswith(("'s", "’s", "'", "’"))
            for possessive in ("'s", "’s"):
                if name_text.endswith(possessive):
                    name_text = name_text[:-2]
                    name_end -= 2
            name_text = name_text.rstrip("'’")
            name_end = name_start + len(name_text)
            if not name_text or not name_text[0].isupper():
                continue
            if _is_numbered(text, name_end, _clean_token(name_tokens[-1][2]), lowercase):
                continue  # "United Flight 93", "Proposition 8", "Windows 10": a numbered thing, no name
            if role and _qualifies_role_after(text, name_end, folded):
                # "deputy White House counsel Fred Fielding": the title is the counsel's, not the White House's.
                role, status, honorific = "", "", False
            preposition, previous = _word_before(text, title_start)
            is_common = len(name_tokens) > 1 and (
                _clean_token(name_tokens[0][2]) in lowercase and _clean_token(name_tokens[-1][2]) in lowercase
            )
            mentions.append(
                NameMention(
                    start=name_start,
                    end=name_end,
                    text=name_text,
                    title_start=title_start,
                    title=text[title_start:name_start].strip(),
                    role=role,
                    status=status,
                    has_honorific=honorific,
                    preposition=preposition,
                    after_place_noun=preposition == "of" and previous in lex.PLACE_NOUNS,
                    is_initial=_is_initial(text, title_start),
                    in_headline=in_headline,
                    is_common=is_common,
                    is_possessive=is_possessive,
                    after_article=preposition == "the" and text[max(0, title_start - 4) : title_start] == "the ",
                    is_emphasis=name_start == title_start and _is_emphasis(text, name_start, name_end),
                )
            )
    titles = _quoted_titles(text) if mentions else []
    titles += _foreign_spans(text) if mentions else []
    titles += _credit_spans(text) if mentions else []
    if titles:
        mentions = [m for m in mentions if not any(start <= m.start and m.end <= end for start, end in titles)]
    return _joined_portfolios(text, _joined_by_and(text, mentions))


# A quotation within one line: its marks and what stands between them, which opens with no space and
# ends with none but after its punctuation ('"Year of the Woman, "'); so the words after a closing
# straight mark and before the next opening one ('…my father," Ava DuVernay's "13th"') are none.
_QUOTATION = re.compile(r"[\"“]([^\s\"“”](?:[^\"“”\n]{0,78}(?:[^\s\"“”]|[,.!?]\s))?)[\"”]")
_SMALL_TITLE_WORDS = frozenset("a an the of and in on for to with at by or from".split())
QUOTED_TITLE_MAX_WORDS = 8


def is_capitalised_title(text: str) -> bool:
    """Return whether every word of ``text`` is capitalised but its small words, as a title is written.

    >>> is_capitalised_title("Face the Nation"), is_capitalised_title("a real one")
    (True, False)
    """
    found = [w for w in words(text) if w[:1].isalpha()]
    return bool(found) and found[0][0].isupper() and all(w[0].isupper() or fold(w) in _SMALL_TITLE_WORDS for w in found)


def _quoted_titles(text: str) -> list[tuple[int, int]]:
    """Return the spans of short quotations written as a title: two words or more, each capitalised or small.

    A song, a film, a show or a slogan in quotation marks ('"Rude Boy,"',
    '"Only Girl (In the World)"', '"Make America Great Again"') names no person,
    organisation or place, though its words have a name's capitals.  One word
    alone in quotation marks is as often a name said or written ('"Monica?"',
    'his name as both "Tevin" and "Tavin."') and stays a name.

    Example:
        >>> text = 'Hits such as "We Found Love" made Rihanna a star, "a real one," he said.'
        >>> [text[a:b] for a, b in _quoted_titles(text)]
        ['"We Found Love"']
    """
    return [
        quotation.span()
        for quotation in _QUOTATION.finditer(text)
        if 2 <= len(words(quotation.group(1))) <= QUOTED_TITLE_MAX_WORDS and is_capitalised_title(quotation.group(1))
    ]


# A quotation within one line, of any length ('"234g Weizenbrötchen mit Maisgrieß Bestreuung, ..."').
_ANY_QUOTATION = re.compile(r"[\"“]([^\"“”\n]+)[\"”]")
_FOREIGN_WORD = re.compile(r"\b(?:" + "|".join(sorted(lex.FOREIGN_FUNCTION_WORDS)) + r")\b")
# A passage needs this many words in lower case to be told apart from English ("und" in "Sturm und Drang"
# stands among capitalised words).
FOREIGN_MIN_LOWER_WORDS = 4


def is_foreign(passage: str) -> bool:
    """Return whether a passage is in another language than English: at least ``FOREIGN_MIN_LOWER_WORDS``
    words in lower case, a function word of German, French, Spanish, Italian or Dutch among them
    (``FOREIGN_FUNCTION_WORDS``) and no English stopword.

    >>> is_foreign("Saftiges Schweinefleisch, Speck, knackinger Eisbergsalat, rote Zwiebeln und würzige Sauce")
    True
    >>> is_foreign("a Sturm und Drang of his own"), is_foreign("spicy sweet chili sauce and honey mustard")
    (False, False)
    """
    lower = [fold(w) for w in words(passage) if w[0].islower()]
    return (
        len(lower) >= FOREIGN_MIN_LOWER_WORDS
        and any(w in lex.FOREIGN_FUNCTION_WORDS for w in lower)
        and not any(w in STOPWORDS for w in lower)
    )


def _foreign_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of a line, or of its quotations, written in another language (``is_foreign``).

    German capitalises every noun: an English article quoting a menu ("Saftiges Schweinefleisch, Speck,
    Pepper Jack Käse*, knackinger Eisbergsalat ... und würzige Sweet Chili-Sauce") listed its words as
    people and organisations.  Names in such a passage are left out.
    """
    if _FOREIGN_WORD.search(text) is None:
        return []  # the common case, told with one search
    if is_foreign(text):
        return [(0, len(text))]
    return [q.span() for q in _ANY_QUOTATION.finditer(text) if is_foreign(q.group(1))]


# Where a page tells its reader how to reach the staff who wrote or photographed the story: an imperative
# opening a sentence ("Follow", "Contact", "Reach", "Email", "Call"), the names, then a handle, an address or a
# phone number ("Contact Tracey Kaplan at 408-278-3482.", "Reach Josh Lederman on Twitter at http://...",
# "Call IndyStar reporter Holly Hays at (317) 444-6156"); or a photo's "Credit" before its photographer and
# newspaper or agency ("Credit Doug Mills/The New York Times").  "Credit Suisse said", "Credit Suisse/UBS"
# are no credits.
_CONTACT = r"(?:\(?\d{3}\)?[ .\-]?\d{3}[ .\-]\d{4}|https?://|www\.|@\w|[\w.\-]+@[\w\-]+\.)"  # phone, address, handle
_CREDIT_LINE = re.compile(
    r"(?:^[ \t\u00a0]*|(?<=[.!?] )|(?<=[.!?]  ))(?:"
    r"(?:Follow|Contact|Reach|E-?mail|Call)[ \t\u00a0]+[^\s.!?][^.!?\n]{0,79}?"
    rf"(?=[ \t\u00a0]+[Oo]n[ \t\u00a0]+(?:Twitter|Facebook|Instagram|Google)\b"
    rf"|[ \t\u00a0]+at:?[ \t\u00a0]*{_CONTACT}|[ \t\u00a0]*:[ \t\u00a0]*{_CONTACT})"
    r"|Credit[ \t\u00a0]+[A-Z][^/!?\n]{0,59}?(?=[ \t\u00a0]?/[ \t\u00a0]?"
    r"(?:The[ \t\u00a0]+[A-Z]|Associated Press|Getty Images|Reuters|Bloomberg|Agence France|European Pressphoto"
    r"|(?:AP|AFP|EPA)\b))"
    r")",
    re.MULTILINE,
)


def _credit_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of the page's credits of its own staff: the names in them are the reporters' and
    photographers' whom a brief leaves out, no people of the story.

    Example:
        >>> text = "Contact Tracey Kaplan at 408-278-3482. Credit Suisse said so."
        >>> [text[a:b] for a, b in _credit_spans(text)]
        ['Contact Tracey Kaplan']
    """
    return [match.span() for match in _CREDIT_LINE.finditer(text)]


def _joined_by_and(text: str, mentions: list[NameMention]) -> list[NameMention]:
    """Return ``mentions`` with a government body's name written with "and" made one.

    "U.S. Fish and Wildlife Service", "House Oversight and Government Reform
    Committee", "Department of Health and Human Services": the part before
    "and" opens as a government body's name does (``_GOVERNMENT_OPENERS``) and
    has two words or more, none of them a title and no organisation word at
    its end, or is one word after "the" ("the Food and Drug Administration");
    the part after has two words or more, no acronym, and ends with an
    organisation's word.  "Donald Trump and Republican National Committee",
    "Tennessee Tech and LaSalle University" and "the House of Representatives
    and Senate" stay apart.
    """
    joined: list[NameMention] = []
    for mention in mentions:
        previous = joined[-1] if joined else None
        after = mention.text.split()
        before = previous.text.split() if previous is not None else []
        if (
            previous is not None
            and text[previous.end : mention.start] == " and "
            and not mention.title
            and len(after) >= 2
            and fold(after[-1]) in lex.ORG_CUES
            and not any(w.isupper() and len(w) > 1 for w in after)
            and not previous.title
            and fold(before[-1]) not in lex.ORG_CUES
            and (
                (len(before) >= 2 and fold(before[0]) in _GOVERNMENT_OPENERS)
                # "the Food and Drug Administration", "the Fish and Wildlife Service": one word after "the"
                # ("the IRS and Treasury Department", "the U.S. and European Union" are two).
                or (
                    len(before) == 1
                    and fold(text[max(0, previous.start - 4) : previous.start]) == "the "
                    and before[0][1:].islower()
                )
            )
        ):
            joined[-1] = replace(previous, end=mention.end, text=text[previous.start : mention.end])
            continue
        joined.append(mention)
    return joined


# The most words a portfolio's part of a body's name holds ("Occupational Safety", "Metropolitan Initiatives").
PORTFOLIO_MAX_WORDS = 3


def _is_portfolio_item(name: str) -> bool:
    """Return whether a name could be one portfolio of a body's name: one to ``PORTFOLIO_MAX_WORDS`` words,
    no acronym, no place, no first name opening it, no organisation's word and no "of" or "for" (which
    make it a body of its own: "School of Nursing", "Harlem Hospital Center", "Greenpeace and Defenders
    of Wildlife")."""
    parts = name.split()
    folded = [fold(w).strip(".,") for w in parts]
    return (
        1 <= len(parts) <= PORTFOLIO_MAX_WORDS
        and not any(w.isupper() and len(w) > 1 for w in parts)
        and not any(w in lex.ORG_CUES or w in ("of", "for", "and", "the") for w in folded)
        and not is_place(name)
        and not any(is_place(w) for w in parts)
        and not lex.is_first_name(folded[0])
    )


def _portfolio_words(name: str) -> int:
    """Return how many words of a body's name follow its organisation's word and "of" or "for", 0 if none
    ("Bureau of Alcohol": 1, "National Institute for Occupational Safety": 2, "Bank of America": 0, as
    "America" is a place)."""
    parts = name.split()
    folded = [fold(w).strip(".") for w in parts]
    index = next((k for k in range(len(folded) - 2, 0, -1) if folded[k] in ("of", "for")), 0)
    if not index or folded[index - 1] not in lex.ORG_CUES:
        return 0
    portfolio = parts[index + 1 :]
    if (
        len(portfolio) > PORTFOLIO_MAX_WORDS
        or is_place(" ".join(portfolio))
        or any(is_place(w) or (w.isupper() and len(w) > 1) for w in portfolio)
    ):
        return 0
    return len(portfolio)


# What stands between a body's portfolios: a comma, and "and" before the last.
_PORTFOLIO_SEPARATORS = (", ", " and ", ", and ")


def _portfolios_after(text: str, body: NameMention, following: Sequence[NameMention]) -> int:
    """Return how many of the mentions ``following`` the body's name ``body`` takes as its portfolios, 0 if none.

    They follow it one after the other, each after ", " and the last after "and" (``_joined_portfolios``);
    a list with commas is one of one-word portfolios.
    """
    first_words = _portfolio_words(body.text) if not body.in_headline else 0
    if not first_words:
        return 0
    previous = body
    for count, mention in enumerate(following, start=1):
        between = text[previous.end : mention.start]
        if mention.title or between not in _PORTFOLIO_SEPARATORS or not _is_portfolio_item(mention.text):
            return 0
        if between != ", ":  # the last portfolio, after "and"
            is_list = count > 1
            if is_list and (first_words > 1 or any(" " in m.text for m in following[: count - 1])):
                return 0  # "the Center for Biological Diversity, Greenpeace and Defenders of Wildlife"
            return count
        previous = mention
    return 0


def _joined_portfolios(text: str, mentions: list[NameMention]) -> list[NameMention]:
    """Return ``mentions`` with a body's name whose portfolios are listed with commas and "and" made one.

    "the Bureau of Alcohol, Tobacco, Firearms and Explosives", "the Office of Management and Budget", "the
    New York City Department of Health and Mental Hygiene", "the National Center for Missing and Exploited
    Children": an organisation's word, "of" or "for" and its first portfolio, then the others, each
    after ", " and the last after "and", none a place, a first name, an acronym or a body of its own
    (``_is_portfolio_item``).  A list with commas joins one-word portfolios only: "the Center for
    Biological Diversity, Greenpeace and Defenders of Wildlife" stays three.  "the University of Texas
    and Baylor" (a place), "Bank of America and Wells Fargo", "the Department of Justice and FBI" and
    "the Department of Health and Human Services" (an organisation's word: the government bodies of
    ``_joined_by_and``) are not joined here.
    """
    joined: list[NameMention] = []
    index = 0
    while index < len(mentions):
        mention = mentions[index]
        taken = _portfolios_after(text, mention, mentions[index + 1 :])
        if taken:
            last = mentions[index + taken]
            mention = replace(
                mention, end=last.end, text=text[mention.start : last.end], is_common=False,
                is_possessive=last.is_possessive,
            )
        joined.append(mention)
        index += taken + 1
    return joined


class NameScanner:
    """``scan_names`` over many related texts, each distinct line scanned once.

    A name never spans lines and every test ``scan_names`` makes looks only
    within the line, except one: a capitalised sentence-initial word is
    dropped when the article uses it in lower case elsewhere.  A line's
    mentions are therefore kept under the line's text together with the
    words of the line that the article also writes in lower case, and a
    near-copy of an article (wire copy carried by many outlets) costs a
    dictionary lookup per line instead of a scan.

    Example:
        >>> scanner = NameScanner()
        >>> text = "The talks began.\\nPresident Joe Biden spoke."
        >>> [m.text for m in scanner.scan(text, lower_words(text))]
        ['Joe Biden']
    """

    def __init__(self) -> None:
        self._lines: dict[tuple[str, frozenset[str]], list[NameMention]] = {}

    def scan(self, text: str, lowercase: frozenset[str] | None = None) -> list[NameMention]:
        """Return the name mentions of ``text`` in order, as ``scan_names(text, lowercase)`` does."""
        lowercase = lowercase if lowercase is not None else lower_words(text)
        mentions: list[NameMention] = []
        start = 0
        for line in text.split("\n"):
            if line.strip():
                key = (line, _lowercase_in(line, lowercase))
                found = self._lines.get(key)
                if found is None:
                    found = self._lines[key] = scan_names(line, key[1])
                if start:
                    found = [_shifted(m, start) for m in found]
                mentions.extend(found)
            start += len(line) + 1
        return mentions


def _shifted(mention: NameMention, offset: int) -> NameMention:
    """Return ``mention`` with its offsets moved by ``offset`` (faster than ``dataclasses.replace``)."""
    m = mention
    return NameMention(
        m.start + offset, m.end + offset, m.text, m.title_start + offset, m.title, m.role, m.status,
        m.has_honorific, m.preposition, m.after_place_noun, m.is_initial, m.in_headline, m.is_common,
        m.is_possessive, m.after_article, m.is_emphasis,
    )


def _lowercase_in(line: str, lowercase: frozenset[str]) -> frozenset[str]:
    """Return the words of ``line`` (folded, also without a possessive) that are in ``lowercase``."""
    folded = fold(line)
    found = lowercase.intersection(_LOWER_STEM.findall(folded))
    if "'" in folded:  # words with an apostrophe, whole ("don't", "we're")
        found |= lowercase.intersection(_LOWER_WORD.findall(folded))
    return found
