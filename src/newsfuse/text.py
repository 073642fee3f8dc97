"""Small text helpers shared by the stages: sentences with offsets, words.

Everything here is pure and fast (regular expressions only), because it runs
on every article.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Abbreviations after which a period does not end a sentence.  Lower-cased,
# without the period.  Titles and months are the frequent ones in news.
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft gen lt col maj capt sgt cpl adm cmdr gov sen rep
    pres supt insp det rev hon amb sec dept corp inc ltd co bros no nos vs etc al approx
    est fig jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur
    thurs fri sat sun a.m p.m u.s u.k u.n e.g i.e ave blvd rd
    """.split()
)
# Plural titles ("Sens. Tim Kaine and Bernie Sanders"); "reps" is also a word.
_PLURAL_TITLES = frozenset({"sens", "reps", "govs"})
_ABBREVIATIONS |= _PLURAL_TITLES

# A sentence ends at . ! ? (or an ellipsis), optionally followed by closing
# quotes or brackets, then white space: ``(?:[.!?]+|…)["'”’»)\]]*(?=\s)``,
# written to open with one character class, so that the search skips at once
# to the next . ! ? or … (a pattern that opens with alternatives is tried at
# every position: three times slower on news text).
#
# An end may also be glued to the next sentence without a space, as pages that
# lost their paragraph breaks show them ("badly damaged.We have no reports"):
# one mark after two lower-case letters (one or two closing quotes or brackets
# may follow), before a capitalised word, or a full stop after a digit ("continued
# to July 6.Jarrett faces"; "3.5" is no end).  Two letters keep initials and acronyms
# out ("J.Smith", "U.S.Army"); abbreviations are tested as for any end
# ("Gov.Sarah Palin" goes on).
_CLOSERS = r"""["'”’»)\]]"""
_END = re.compile(
    rf"""[.!?…](?:(?<=…)|(?<=[.!?])[.!?]*){_CLOSERS}*"""
    rf"""(?:(?=\s)|(?:(?<=[a-z][a-z][.!?])|(?<=[0-9][.])|(?<=[a-z][a-z][.!?]{_CLOSERS})"""
    rf"""|(?<=[a-z][a-z][.!?]{_CLOSERS}{{2}}))(?=[A-Z][a-z]))"""
)
# A full stop between two numbers that tokenised text (ECB+, some feeds) wrote
# with a space: "averaged 5. 2 yards", "$2. 6 million", "at 9. 25 a. m.",
# "Windows 8. 1".  The number before has one to three digits and stands alone
# (not "in 2014. 5 people", "$80,000. 2)", "3-1. 2 players", "1.5. 2"); one
# space, then the digits after.  Before a capitalised word ("Aged 91. 07 June
# 2013", a date after a headline) it is still an end, unless a currency sign
# opens the number ("$2. 6 Million Jewelry Heist").  Chosen on the dev data:
# 120 such stops in ECB+ and Multi-News, all but two inside one number.
_SPACED_DECIMAL = re.compile(
    r"(?<![\d,.])(?<!\d-)(?P<currency>[$£€¥]?)\d{1,3}\. \d+(?P<after>[^\S\n]+[A-Z][a-z])?"
)
# Abbreviations that go before a number ("Figs. 1B", "pp. 258", "ext. 539",
# "(ref. 12)", "Vol. 2"): no end before a digit, an end before a word, as
# "the ref. He said" can be.
# A decimal that opens with its point (".38-caliber", ".357 Magnum", "hit .358"),
# written with a space after the point by tokenised text glued to the word
# before: "his. 38-caliber revolver", "a loaded. 38-caliber revolver".  The
# point is no end after a word that never ends a sentence (an article or a
# possessive), nor before a firearm's calibre (a sentence opening with a
# calibre writes its point: ".38-caliber").
_NEVER_LAST = frozenset("a an the his its their our my your".split())
_CALIBRE = re.compile(r"\d{2,3}(?:[- ]?(?:caliber|calibre|cal\b)|mm\b| magnum\b)", re.IGNORECASE)
_NUMBER_ABBREVIATIONS = frozenset(
    "fig figs pt pts pp pg exp ext ref refs vol vols ch chap art arts para eq eqs op tel ep".split()
)
_PARAGRAPH = re.compile(r"\n\s*\n|\n")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)
_NOT_SPACE = re.compile(r"\S")  # \s is str.isspace: the first character ``lstrip()`` would keep

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on
    once only or other our ours ourselves out over own said same says she should so some
    such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom
    why will with would you your yours yourself yourselves mr mrs ms one two new would
    told say could may might must shall also its it's he's she's they're we're i'm
    """.split()
)


def _token_before(text: str, end: int) -> str:
    """Return the word (dots included) that ends with the period at ``text[end - 1]``."""
    start = end - 1
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    return text[start : end - 1].lower()


def _is_abbreviation(word: str) -> bool:
    """Whether ``word`` (lower case, final period removed) is an abbreviation or initial."""
    if not word:
        return False
    if word in _ABBREVIATIONS:
        return True
    # Single initials ("J. Smith") and dotted acronyms ("U.S.", "D.C.")
    return len(word) == 1 or ("." in word and len(word.replace(".", "")) <= 4)


def is_spaced_decimal_point(text: str, stop: int, end: int | None = None) -> bool:
    """Return whether the full stop at ``text[stop]`` is a decimal point written with a space after it.

    "averaged 5. 2 yards", "$2. 6 million" (see ``_SPACED_DECIMAL``); not
    "in 2014. 5 people" nor "Aged 91. 07 June 2013".  ``end`` bounds the
    text read after the point (the paragraph's end).

    Example:
        >>> text = "He averaged 5. 2 yards in 2014. 5 people saw it."
        >>> is_spaced_decimal_point(text, 13), is_spaced_decimal_point(text, 30)
        (True, False)
    """
    end = len(text) if end is None else end
    if not (0 < stop and stop + 2 < end and text[stop + 1] == " " and text[stop + 2].isdigit()):
        return False
    if not text[stop - 1].isdigit():
        return False
    begin = stop - 1
    while begin > 0 and text[begin - 1].isdigit():
        begin -= 1
    if begin > 0 and text[begin - 1] in "$£€¥":
        begin -= 1
    match = _SPACED_DECIMAL.match(text, begin, end)
    return bool(match) and not (match.group("after") and not match.group("currency"))


def _is_number_stop(text: str, stop: int, end: int) -> bool:
    """Return whether the full stop at ``text[stop]`` sits inside a number or after a number's abbreviation.

    "averaged 5. 2 yards", "Figs. 1B" and "a loaded. 38-caliber revolver"
    go on; "in 2014. 5 people" and "Aged 91. 07 June 2013" end (see
    ``_SPACED_DECIMAL`` and ``_CALIBRE``).
    """
    if stop + 2 >= end or text[stop + 1] != " " or not text[stop + 2].isdigit():
        return False
    if stop > 0 and text[stop - 1].isdigit():
        return is_spaced_decimal_point(text, stop, end)
    word = _token_before(text, stop + 1)
    return word in _NUMBER_ABBREVIATIONS or word in _NEVER_LAST or bool(_CALIBRE.match(text, stop + 2, end))


def _starts_sentence(text: str, start: int, end: int) -> bool:
    """Return whether ``text[start:end]`` opens with a word that usually starts a sentence ("The", "He")."""
    match = _WORD.match(text, start, end)
    return bool(match) and match.group().lower() in STOPWORDS


def _is_uncased_letter(char: str) -> bool:
    """Return whether ``char`` is a letter of a script without capitals ("ق", "ש", "中"; not "a", "A")."""
    return char.isalpha() and not char.islower() and not char.isupper() and not char.istitle()


def _split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _END.finditer(text, start, end):
        stop = match.end()
        # Where the rest of the paragraph starts, found in place: a copy of
        # the rest at each sentence end made a paragraph of n sentences cost
        # O(n²) (200k sentences on one line: tens of seconds).
        found = _NOT_SPACE.search(text, stop, end)
        first = text[found.start()] if found else ""
        if text[match.start()] == "." and match.end() - match.start() == 1:
            if _is_number_stop(text, match.start(), end):
                continue
            word = _token_before(text, stop)
            if _is_abbreviation(word):
                # "U.S. officials" continues, "in the U.S. The next" ends: a
                # dotted acronym before a capitalised function word ("The",
                # "He", "In") ends the sentence, before a name or title
                # ("U.S. President Trump") it does not; so does a plural
                # title that is also a word ("Reps. Adam Schiff", "ten
                # reps. Then"); a title or an initial ("Gen. Smith",
                # "J. Smith") never does.
                is_word_too = "." in word or word in _PLURAL_TITLES
                if not (is_word_too and first.isupper() and _starts_sentence(text, found.start(), end)):
                    continue
        # The next sentence must start like one: a capital, digit or quote, or
        # a letter of a script without capitals (Arabic, Hebrew, Chinese...).
        if first and not (first.isupper() or first.isdigit() or first in "\"“‘'([" or _is_uncased_letter(first)):
            continue
        spans.append((begin, stop))
        begin = stop
    spans.append((begin, end))
    return _without_spaces(text, spans)


def _without_spaces(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return ``spans`` of ``text`` with their outer white space cut off, the blank ones left out."""
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the sentences of ``text``.

    A line break always ends a sentence; inside a line, sentences end at
    ``.``, ``!``, ``?`` that are not part of an abbreviation or initial, before
    a capital, a digit, a quotation mark or a letter of a script without
    capitals (Arabic, Hebrew...).
    Spans exclude surrounding white space, so ``text[start:end]`` is the
    sentence itself.

    Example:
        >>> text = "Mr. Smith went to Washington. He said “yes.” Then he left."
        >>> [text[a:b] for a, b in split_sentences(text)]
        ['Mr. Smith went to Washington.', 'He said “yes.”', 'Then he left.']
    """
    spans: list[tuple[int, int]] = []
    begin = 0
    for match in _PARAGRAPH.finditer(text):
        spans.extend(_split_paragraph(text, begin, match.start()))
        begin = match.end()
    spans.extend(_split_paragraph(text, begin, len(text)))
    return spans


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the non-blank lines of ``text``."""
    spans = []
    begin = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((begin + lead, begin + lead + len(stripped)))
        begin += len(line)
    return spans


def words(text: str) -> list[str]:
    """Return the words of ``text`` (letters and digits, inner apostrophes kept)."""
    return _WORD.findall(text)


def word_spans(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the words of ``text``."""
    return [m.span() for m in _WORD.finditer(text)]


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Return ``word`` lower-cased, without accents and with curly quotes made straight."""
    word = word.replace("’", "'").lower()
    if word.isascii():
        return word
    return "".join(
        c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)
    )


def content_words(text: str) -> list[str]:
    """Return the folded words of ``text`` that are not stop words."""
    # ``map`` over the cached ``fold``: no generator frame per word (a tenth of
    # the streaming features' CPU went to that frame).
    return [w for w in map(fold, _WORD.findall(text)) if w not in STOPWORDS and len(w) > 1]


def count_words(text: str) -> int:
    """Return the number of words in ``text``."""
    return len(_WORD.findall(text))


def normalize_space(text: str) -> str:
    """Return ``text`` with runs of white space made one space, ends stripped."""
    return " ".join(text.split())
