"""Token helpers of the brief stage: stems, weighted terms, statement test."""

from __future__ import annotations

import re
from functools import lru_cache

from newsfuse.brief._lexicon import MONTHS, SPEECH_VERBS, WEEKDAYS
from newsfuse.text import STOPWORDS, fold

_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
# A dotted acronym ("f.b.i", folded) is the same term as its undotted form ("fbi").
_DOTTED_ACRONYM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")

# Names and numbers carry more of a sentence's identity than other words:
# "Putin ... 30-hour ceasefire" aligns two outlets' sentences better than
# "proposed ... talks".  1.5 was chosen by reading the seed and BASIL
# alignments; re-run tests/test_brief.py after a change.
NAME_WEIGHT = 1.5
NUMBER_WEIGHT = 1.5

# Sentences outside these word counts are not key-point material: shorter
# ones are labels and teasers, longer ones run-on lists.
MIN_STATEMENT_WORDS = 6
MAX_STATEMENT_WORDS = 70

_BULLETS = "-•*–—·▪►●◦"
_NOISE_START = re.compile(
    r"^(?:by|photo|image|credit|source|read more|click|subscribe|sign up|follow us|copyright|©"
    r"|advertisement|related|watch|listen|share this|editor'?s note)\b",
    re.IGNORECASE,
)
_CLOSERS = "\"'”’»)]"
# word -> its term (a stem), or None for a stop word; shared by every story.
_TERM_CACHE: dict[str, str | None] = {}
# Negations, read by ``negation``: words that negate the clause after them; verbs that
# do so before "to" ("refused to resign", "had yet to regain"); and words that deny
# without a clause to negate, or whose scope is hard to tell ("without title or salary").
_NEGATORS = ("not", "never", "no", "nor", "cannot")
_NEGATORS_BEFORE_TO = {"refus": ("e", "ed", "es", "ing"), "declin": ("e", "ed", "es", "ing"),
                       "fail": ("", "ed", "s", "ing"), "yet": ("",)}
_DENIERS = ("without", "nobody", "none", "nothing", "neither", "lack", "lacks", "lacked", "lacking")
# The same words as written, for ``sentence_features``' quick test of whether ``negation``
# need read a sentence at all; "t" is the end of "couldn ’ t" as cleaning spaces it, and
# "No-one" and "not-so-subtle" open with a negation.
_NEGATING_WORDS = frozenset(
    w
    for word in (*_NEGATORS, *_DENIERS, "t", *(s + e for s, ends in _NEGATORS_BEFORE_TO.items() for e in ends))
    for w in (word, word.capitalize(), word.upper())
)
_NO_HYPHEN = frozenset(("no-", "No-", "NO-", "not-", "Not-", "NOT-"))
_NOT_ENDS = frozenset(("'t", "’t", "'T", "’T"))


@lru_cache(maxsize=262144)
def stem(word: str) -> str:
    """Return a light stem of a folded word: plural, -ed, -ing and -ly endings removed.

    It is deliberately crude (no dictionary): it only has to make "talks" and
    "talk", "proposed" and "proposes" meet.

    Example:
        >>> [stem(w) for w in ("talks", "violations", "injured", "stopping", "ukraine's")]
        ['talk', 'violation', 'injur', 'stop', 'ukraine']
    """
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if len(word) <= 4 or not word.isalpha():
        return word
    for suffix, replacement in (
        ("ies", "y"),
        ("ied", "y"),
        ("sses", "ss"),
        ("ness", ""),
        ("ing", ""),
        ("ed", ""),
        ("ly", ""),
        ("es", "e"),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            base = word[: len(word) - len(suffix)] + replacement
            # "stopping" -> "stop": undo a doubled final consonant.
            if suffix in ("ing", "ed") and len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]
            return base
    return word


def _undot(folded: str) -> str:
    """Return a folded word with the dots of a dotted acronym removed: "f.b.i" -> "fbi"."""
    return folded.replace(".", "") if "." in folded and _DOTTED_ACRONYM.fullmatch(folded) else folded


def terms(text: str) -> list[tuple[str, float]]:
    """Return the weighted terms of a sentence: stems of its content words.

    Capitalised words after the first and numbers weigh ``NAME_WEIGHT`` and
    ``NUMBER_WEIGHT``; other content words 1.
    """
    out: list[tuple[str, float]] = []
    for index, match in enumerate(_WORD.finditer(text)):
        word = match.group()
        folded = _undot(fold(word))
        if len(folded) < 2 or folded in STOPWORDS:
            continue
        first = word[0]
        if first.isdigit():
            weight = NUMBER_WEIGHT
        elif first.isupper() and index > 0:
            weight = NAME_WEIGHT
        else:
            weight = 1.0
        out.append((stem(folded), weight))
    return out


def sentence_features(text: str) -> tuple[list[tuple[str, float]], int, bool, bool]:
    """Return a sentence's weighted terms, word count, whether it is title case and whether it
    may negate anything, in one pass.

    The same as ``terms(text)``, ``count_words(text)``, ``is_title_case(text)`` and
    ``negation(text)`` possible (a word that can negate: only then is ``negation`` worth its
    regular expressions).
    """
    found = _WORD.findall(text)
    out: list[tuple[str, float]] = []
    long_words = 0
    capitalised = 0
    cache = _TERM_CACHE
    if len(cache) > 500_000:
        cache.clear()
    may_negate = False
    for index, word in enumerate(found):
        if not may_negate and (
            word in _NEGATING_WORDS or word[-2:] in _NOT_ENDS or word[:3] in _NO_HYPHEN or word[:4] in _NO_HYPHEN
        ):
            may_negate = True
        term = cache.get(word, "")
        if term == "":
            folded = _undot(fold(word))
            term = cache[word] = None if len(folded) < 2 or folded in STOPWORDS else stem(folded)
        if term is None:
            continue
        first = word[0]
        is_upper = first.isupper()
        if len(word) > 3:
            long_words += 1
            if is_upper or first.isdigit():
                capitalised += 1
        if first.isdigit():
            weight = NUMBER_WEIGHT
        elif is_upper and index > 0:
            weight = NAME_WEIGHT
        else:
            weight = 1.0
        out.append((term, weight))
    return out, len(found), long_words >= 3 and capitalised / long_words >= 0.75, may_negate


def is_title_case(text: str) -> bool:
    """Return whether ``text`` reads like a headline: most longer words capitalised.

    Example:
        >>> is_title_case("Putin Signals Willingness for Direct Negotiations with Ukraine")
        True
        >>> is_title_case("Putin said Moscow is ready to consider bilateral dialogue.")
        False
    """
    long_words = [w for w in _WORD.findall(text) if len(w) > 3 and fold(w) not in STOPWORDS]
    if len(long_words) < 3:
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper() or w[0].isdigit())
    return capitalised / len(long_words) >= 0.75


def is_complete(text: str) -> bool:
    """Return whether ``text`` ends like a sentence (. or !, maybe before a closing quote)."""
    stripped = text.rstrip().rstrip(_CLOSERS)
    return stripped.endswith((".", "!", "…")) and not stripped.endswith("...")


def ends_like_sentence(text: str) -> bool:
    """Return whether ``text`` ends as running text does: a full stop, "!", "?" or a colon before what follows.

    A heading ("Attacks"), a bracketed link line ("(Also on POLITICO: ...)")
    or a blurb's credit ("...chatty, candid."--The Washington Post) does not.

    Example:
        >>> ends_like_sentence("In a statement, the family said:"), ends_like_sentence("Attacks")
        (True, False)
    """
    stripped = text.rstrip().rstrip(_CLOSERS)
    return is_complete(text) or stripped.endswith(("?", ":"))


_DEPENDENT = re.compile(
    r"^(?:(?:However|But|And|Still|Yet|Meanwhile|Instead|Also|Now|Then),?\s+)?"
    r"(?:he|she|they|it|this|that|these|those|his|her|their|its)\b",
    re.IGNORECASE,
)
_OPENING_QUOTES = "\"“‘"
_CLOSING_QUOTES = "\"”’"


# Openings that look like a pronoun but name nothing before them: an
# expletive "it" ("It is not clear whether...", "It is hard to say...") and
# "this" pointing at the present ("This week, ...", "This July, ...").  "It
# was the first time" or "That night" still lean.
_STANDS_ALONE = re.compile(
    r"^(?:(?:However|But|And|Still|Yet|Meanwhile|Now),?\s+)?(?:"
    r"it(?:\s+is|\s+was|'s|’s)\s+(?:not\s+|still\s+|also\s+)?(?:immediately\s+|yet\s+)?(?:"
    r"(?:clear|unclear|known|unknown|likely|unlikely|possible|impossible|expected|believed|thought|estimated|"
    r"reported|understood|true),?\s+(?:that|whether|if|how|what|when|why|who|where)\b"
    r"|(?:hard|difficult|easy|important|worth|too early|time)\s+(?:to|for)\b)"
    r"|this\s+(?:morning|afternoon|evening|week|weekend|month|year|season|summer|winter|spring|fall|autumn|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday),)",
    re.IGNORECASE,
)


# A personal pronoun after a short opening phrase and its comma ("Among other
# things, they're demanding...", "On Tuesday, he was put on the disabled
# list.", "In just six months, his reputation...") names someone before the
# sentence, unless the phrase names someone itself: "When Amber abducted her
# children, she..." (a capitalised word other than the first, a month or a
# weekday).  A pronoun that only attributes ("Nonetheless, she said, ...")
# leans just as much.  On the Multi-News sample 237 of 22,463 sentences open
# so; of 40 read, 33 lean and the 7 others name someone in the phrase.
INTRO_PHRASE_WORDS = 6
_INTRO_PRONOUN = re.compile(
    rf"^\W*(?P<phrase>(?:[\w’'.$%-]+\s+){{0,{INTRO_PHRASE_WORDS - 1}}}[\w’'.$%)-]+),\s+"
    r"(?:he|she|they|his|her|their)\b",
    re.IGNORECASE,
)
_TIME_NAMES = frozenset(MONTHS + WEEKDAYS)


def _pronoun_after_opening(text: str) -> bool:
    """Return whether a personal pronoun follows a short opening phrase that names nobody.

    Example:
        >>> _pronoun_after_opening("Among other things, they're demanding that the president resign.")
        True
        >>> _pronoun_after_opening("When Amber abducted her children, she was with a neighbor.")
        False
    """
    found = _INTRO_PRONOUN.match(text)
    if not found:
        return False
    later = found.group("phrase").split()[1:]
    return not any(word[:1].isupper() and word.strip(".,").lower() not in _TIME_NAMES for word in later)


def is_dependent(text: str) -> bool:
    """Return whether a sentence leans on the one before ("He also said...", "This ...").

    An expletive "it" ("It is not clear whether...") and "this" before a
    time of the present ("This week, ...") name nothing before them.  A
    pronoun after a short opening phrase leans too ("In 2013, he ...").

    Example:
        >>> is_dependent("However, he made it clear."), is_dependent("Zelensky spoke.")
        (True, False)
        >>> is_dependent("This July, the council voted."), is_dependent("This was the first vote.")
        (False, True)
        >>> is_dependent("On Tuesday, he was put on the 15-day disabled list with a thigh injury.")
        True
    """
    return (bool(_DEPENDENT.match(text)) and not _STANDS_ALONE.match(text)) or _pronoun_after_opening(text)


# A quotation broken by its attribution: the closing mark, a short tag with a
# verb of saying and its speaker, the opening mark of the rest ("'An icky
# experience,' she says, 'would hurt any brand.'" / "..., said Representative
# Joseph Crowley of Queens, adding, '...'").  A tag whose speaker is a bare
# pronoun still leaves the speaker to another sentence.
_ATTRIBUTION_TAG = re.compile(r"[”\"]\s+(?P<tag>[^“”\"]{2,100}?)\s*[“\"]")
# "according to X": an attribution without a verb of saying.
ACCORDING_TO = re.compile(r"\baccording\s+to\b", re.IGNORECASE)
_TAG_PRONOUN = re.compile(r"^(?:he|she|they|it|we|i|you)\b", re.IGNORECASE)


def _names_its_speaker(text: str) -> bool:
    """Return whether a sentence inside quotation marks breaks for an attribution that names its speaker.

    Example:
        >>> _names_its_speaker('"An icky experience," the founder says, "would hurt any brand."')
        True
        >>> _names_its_speaker('"That," he said, "includes me."'), _names_its_speaker('"We will win."')
        (False, False)
    """
    for found in _ATTRIBUTION_TAG.finditer(text):
        tag = found.group("tag").strip(" ,;:—–-")
        says = any(fold(word) in SPEECH_VERBS for word in _WORD.findall(tag)) or ACCORDING_TO.search(tag)
        if says and not _TAG_PRONOUN.match(tag):
            return True
    return False


def is_statement(text: str, word_count: int, title_case: bool | None = None) -> bool:
    """Return whether a sentence can stand in a brief as a statement.

    Teaser bullets, headline-like lines, questions, bylines, fragments and
    very short or very long sentences are not statements.  ``title_case``
    may pass ``is_title_case(text)`` when it is already known.
    """
    if not text or text[0] in _BULLETS or word_count < MIN_STATEMENT_WORDS:
        return False
    if word_count > MAX_STATEMENT_WORDS:
        return False
    first = text.lstrip("\"“‘'(")[:1]
    if not first or not (first.isupper() or first.isdigit()):
        return False
    if text.rstrip().rstrip(_CLOSERS).endswith("?"):
        return False
    if not is_complete(text) and word_count < 15:
        return False
    if _NOISE_START.match(text) or "http" in text or "www." in text:
        return False
    stripped = text.rstrip()
    if stripped.endswith(("...", "…")):
        return False  # a truncated teaser
    if text[0] in _OPENING_QUOTES and stripped[-1] in _CLOSING_QUOTES and not _names_its_speaker(stripped):
        return False  # a bare quote: who says it is in another sentence
    return not (is_title_case(text) if title_case is None else title_case)


# A negation and the clause it negates: "was not a gang member", "has never been
# charged", "refused to resign", "had yet to regain consciousness" ("n ’ t" as
# cleaning spaces it).
_NEGATION = re.compile(
    rf"\b(?:{'|'.join(_NEGATORS)})\b|n\s?['’]\s?t\b"
    rf"|\b(?:{'|'.join(s + e for s, ends in _NEGATORS_BEFORE_TO.items() for e in ends)})\s+to\b",
    re.IGNORECASE,
)
# A sentence with a word that denies negates something too ("without title or salary" /
# "did not have a salary").
_OTHER_NEGATION = re.compile(rf"\b(?:{'|'.join(_DENIERS)})\b", re.IGNORECASE)
_CLAUSE_END = re.compile(
    r"[,;:.!?()\"“”—–]|\b(?:but|and|or|which|who|that|because|while|although|than|as|when|if|since|after"
    r"|before|until|unless|whether)\b",
    re.IGNORECASE,
)
# Words between a negation and what it negates: "is no longer a member", "did not immediately say".
_NEGATION_FILLERS = frozenset("longer even yet ever also necessarily".split())
# "not only", "not just": what follows is affirmed.
_NOT_ONLY = frozenset("only just merely simply".split())
NO_NEGATION: tuple[frozenset[str], bool] = (frozenset(), False)


def negation(text: str) -> tuple[frozenset[str], bool]:
    """Return the stems a sentence negates, and whether it negates or denies anything at all.

    A stem negated is the first content word after "not", "never", "no", "n't",
    "refused to", "yet to"... within its clause; "not only" negates nothing and
    "-ly" adverbs and a few fillers are passed over.  "Without", "nobody",
    "none", "nothing", "neither" and "lack" deny too, but what they deny is
    hard to tell: they negate no stem.

    Example:
        >>> sorted(negation("Tavin was not a gang member, police said, and he never carried a gun.")[0])
        ['carry', 'gang']
        >>> sorted(negation("She refused to resign and did not immediately comment.")[0])
        ['comment', 'resign']
        >>> negation("It was not only a crime but a tragedy.")
        (frozenset(), True)
        >>> negation("He worked without title or salary."), negation("He had a salary.")
        ((frozenset(), True), (frozenset(), False))
    """
    matches = list(_NEGATION.finditer(text))
    if not matches:
        return (frozenset(), True) if _OTHER_NEGATION.search(text) else NO_NEGATION
    found = set()
    for match in matches:
        end = _CLAUSE_END.search(text, match.end())
        limit = end.start() if end is not None else len(text)
        for word in _WORD.finditer(text, match.end(), limit):
            folded = _undot(fold(word.group()))
            if folded in _NOT_ONLY:
                break
            if len(folded) < 2 or folded in STOPWORDS or folded in _NEGATION_FILLERS:
                continue
            if folded.endswith("ly") and len(folded) > 4:
                continue
            found.add(stem(folded))
            break
    return frozenset(found), True
