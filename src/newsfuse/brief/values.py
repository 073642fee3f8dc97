"""Values that outlets can disagree on: counts, durations and dates, with what they count.

``find_values(text)`` returns every number attached to something it counts
("12 killed", "nearly 3,000 ceasefire violations", "a 30-hour Easter
ceasefire", "on Sunday", "in 2022") as a ``ValueMention`` whose ``key`` names
the thing counted ("killed", "violation", "ceasefire") and whose ``low``/
``high`` bound the value the words allow ("nearly 3,000" allows 2,400 to
3,000).  Two mentions with one key contradict each other when their bounds do
not overlap.  Everything here is regular expressions and runs on every
article.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from newsfuse.brief import _lexicon as lex
from newsfuse.brief._tokens import stem
from newsfuse.text import STOPWORDS, fold, is_spaced_decimal_point

__all__ = ["DURATION_SPAN", "ValueMention", "exact_numbers", "find_values", "overlaps", "parse_number"]

# The key of a duration that names nothing it measures ("for 65 years").
DURATION_SPAN = "span"

_NUMBER_WORDS = sorted([*lex.UNITS, *lex.TENS], key=len, reverse=True)
_WORD_NUMBER = (
    rf"(?:{'|'.join(_NUMBER_WORDS)})(?:-(?:{'|'.join(sorted(lex.UNITS, key=len, reverse=True))}))?"
)
_SCALE = r"(?:hundred|thousand|million|billion|trillion)"
_HEDGE = "|".join(sorted((re.escape(h) for h in lex.HEDGES), key=len, reverse=True))
_HEDGE_BEFORE = re.compile(rf"\b(?P<hedge>{_HEDGE})\s+(?P<money>[$€£])?$", re.IGNORECASE)
# Numbers are found in two fast passes, digits and (on lower-cased text) words,
# then checked in Python: one combined case-insensitive pattern with
# look-behinds was four times slower on news text.
_DIGITS = re.compile(r"\d[\d,.]*\d|\d")
_DIGITS_STRICT = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_WORDS = re.compile(
    rf"\b(?:{_WORD_NUMBER})(?:[\s-]+(?:{_WORD_NUMBER}|{_SCALE})|(?<=hundred)\s+and\s+(?:{_WORD_NUMBER}))*"
    rf"\b(?!-(?:on|of|year-old)\b)"
)
_FRACTION_AFTER = re.compile(r"\s*/\s*\d|\s+\d+/\d")
_FRACTION_BEFORE = re.compile(r"\d\s*/\s*$")
_CLOCK_BEFORE = re.compile(r"\d:\s*$")
# A figure written against its unit ("2,700km", "16m", "52ft"): no count of anything, but a figure that
# an article states (``exact_numbers``), as "2,700 km" is.
_GLUED_UNIT = re.compile(
    r"(?<![\w.,$£€/-])(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:km|kms|mi|ft|m|cm|mm|kg|lb|lbs|mph|kph|km/h|sq)(?![\w-])"
)
_AFTER_NUMBER = re.compile(
    rf"(?P<scale>\s+{_SCALE}\b)?(?P<percent>\s*(?:%|percent\b|per cent\b))?", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class _NumberToken:
    start: int
    end: int  # end of the number with its scale and percent sign
    text: str  # the number itself
    scale: str
    is_percent: bool


def _number_tokens(text: str, start: int, limit: int) -> list[_NumberToken]:
    """Return the numbers of ``text[start:limit]`` written in digits or in words."""
    tokens: list[_NumberToken] = []
    spans: list[tuple[int, int]] = []
    for match in _DIGITS.finditer(text, start, limit):
        a, b = match.span()
        candidate = match.group()
        strict = _DIGITS_STRICT.match(candidate)
        if strict is None:
            continue
        b = a + strict.end()
        before = text[a - 1] if a > 0 else " "
        after = text[b] if b < len(text) else " "
        if is_spaced_decimal_point(text, b) or (a >= 2 and is_spaced_decimal_point(text, a - 2)):
            continue  # "plunged 5. 4 per cent" (tokenised text): one figure, read as neither 5 nor 4
        if before.isalnum() or before in "_.,-/" or after.isalnum() or after in "_/":
            continue
        if after in ".," and b + 1 < len(text) and text[b + 1].isdigit():
            continue
        if _CLOCK_BEFORE.search(text, max(0, a - 4), a):
            continue  # "6: 00 minutes remaining": the tail of a clock time that cleaning spaced out
        if _FRACTION_AFTER.match(text, b) or _FRACTION_BEFORE.search(text, max(0, a - 8), a):
            continue  # "2 1/2 years", or "4 1/2 months" spaced out as "41 / 2 months": no whole number
        spans.append((a, b))
    lowered = text.lower()
    if len(lowered) == len(text):
        for match in _WORDS.finditer(lowered, start, limit):
            spans.append(match.span())
    for a, b in sorted(spans):
        after = _AFTER_NUMBER.match(text, b, limit)
        scale = (after.group("scale") or "") if after else ""
        percent = bool(after and after.group("percent"))
        end = after.end() if after else b
        tokens.append(_NumberToken(a, end, text[a:b], scale, percent))
    return tokens


_DURATION_AFTER = re.compile(
    r"(?P<sep>-|\s)(?P<unit>second|minute|hour|day|week|fortnight|month|year|decade)(?P<plural>s)?"
    r"(?P<long>-long)?(?![\w-])",
    re.IGNORECASE,
)
_PART_AFTER = re.compile(
    r"\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred)\b)",
    re.IGNORECASE,
)
# The whole of a part: "15 of the 19 hijackers", "one of its three engines", "all of the 12
# victims"; a count after "of" alone is no whole ("a sample of 1,006 adults", "consisting of
# two electrodes").
_PART_BEFORE = re.compile(
    rf"(?:\d|\b(?:{_WORD_NUMBER}|hundred|all|each|both|none|most|some|many|several|half|any|either|neither))"
    r"\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?$",
    re.IGNORECASE,
)
# Month names and abbreviations before a number that is a day ("the Sept. 11 hijackers").
_MONTH_WORDS = frozenset([*lex.MONTHS, *(m[:3] for m in lex.MONTHS), "sept"])
_HEAD_WORD = re.compile(r"\s*([A-Za-z][\w'’\-]*)")
_STOP_HEAD = (STOPWORDS | lex.NOT_NAMES) - {"more", "people", "new", "old", "other", "several", "many"}
# Plural nouns without an -s, heads of "12 people", "30 police".
_PLURALS = frozenset("people police personnel staff troops children men women cattle sheep fish aircraft".split())
_AUX = frozenset("were was have has had been are is being be reportedly".split())
_TOLL = re.compile(
    r"\b(?:death\s+toll|toll|deaths?)\s+(?:has\s+|had\s+)?(?:of|at|to|rose\s+to|risen\s+to|climbed\s+to|"
    r"reached|stands\s+at|stood\s+at|is|was|hit|jumped\s+to|increased\s+to)\s+$",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s|’s)?\b")
# Counts relative to another count ("the two other victims", "married two more
# times", "a further 20,000 people"), windows chosen by the writer ("in the
# first four days", "over the next 10 years"; not "the past 12 years", a fact)
# and durations measured from a moment ("nine days earlier", "two weeks before
# the vote") state no total or length that outlets could disagree on.  Each is
# keyed apart (``_qualifier``) and compared only with values of its own sort
# ("two other victims" / "three other victims"); a window of time is dropped.
# Read on the false disputes of the injection evaluation (docs/history.md,
# Disputes).
_RELATIVE_AFTER = re.compile(r"\s+(?:other|more|additional|further|extra|remaining)\b", re.IGNORECASE)
_RELATIVE_BEFORE = re.compile(r"\b(?:another|a\s+further|an\s+additional|an\s+extra)\s+$", re.IGNORECASE)
_WINDOW_BEFORE = re.compile(r"\b(?:first|next|coming|final)\s+$", re.IGNORECASE)
# "two contract extensions in seven months", "take effect in 30 days": the
# time within which something happened, not how long one thing lasted.
_WITHIN_BEFORE = re.compile(
    r"\b(?:in|within)\s+(?:(?:about|around|nearly|almost|just|under|over|less\s+than|more\s+than)\s+)?$",
    re.IGNORECASE,
)
_FROM_MOMENT = re.compile(r"\s*(?:earlier|later|before|after|prior|ahead|beforehand|afterwards?|from\s+now)\b")
# The perpetrators counted in a toll: "left 20 people dead, including the three
# gunmen" gives the 17 victims too, as other outlets count them.  Other parts
# ("12 killed, including two children") leave the total as it is.
_INCLUDING = re.compile(
    rf"(?:\s+[a-z]+){{0,2}}?[\s,(—–-]+(?:including|among\s+them)\s+(?:the\s+)?"
    rf"(?P<part>\d[\d,]*|(?:{_WORD_NUMBER})(?:[\s-]+(?:{_WORD_NUMBER}))*)\s+"
    r"(?:[a-z]+\s+)?(?:gunm[ae]n|attackers?|assailants?|shooters?|bombers?|suicide\s+bombers?|hijackers?|"
    r"militants?|perpetrators?|suspects?|terrorists?)\b",
    re.IGNORECASE,
)
# A weekday's evening may be the next day's early hours elsewhere ("Friday
# night's fire" / "destroyed early Saturday"; "Thursday evening PST" / "0241
# GMT Friday"): such a day's bounds reach half a day (a day for a time zone)
# towards its neighbour, so they are not a dispute.  A planted change moves a
# weekday by two days or more.
_DAY_LATE_AFTER = re.compile(r"(?:'s|’s)?\s+(?:night|evening|late)\b", re.IGNORECASE)
_DAY_LATE_BEFORE = re.compile(r"\b(?:late(?:\s+on)?|overnight)\s+$", re.IGNORECASE)
_DAY_EARLY_BEFORE = re.compile(r"\b(?:early(?:\s+on)?|overnight\s+into|before\s+dawn(?:\s+on)?)\s+$", re.IGNORECASE)
_DAY_ZONE_BEFORE = re.compile(r"\b(?:GMT|UTC|local\s+time)\s+(?:on\s+)?$")
_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
# A month abbreviated before its day, as AP style writes it in body text ("his final
# day in office will be Feb. 28", "on Jan. 20, 2017", "Sept. 11"): with its full stop,
# as undotted "Jun 20, 2017" and "Sep 14, 2013" are page time stamps.
_MONTH_ABBREVIATIONS = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_MONTH_DAY = re.compile(
    rf"\b(?:(?P<m1>{_MONTH_NAMES}|(?:{_MONTH_ABBREVIATIONS})(?=\.))\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"(?:,?\s+(?P<y1>\d{{4}})\b)?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_NAMES})\b(?:,?\s+(?P<y2>\d{{4}})\b)?)"
)


@dataclass(frozen=True, slots=True)
class ValueMention:
    """A value in a text and what it is the value of.

    ``kind`` is ``number``, ``duration`` or ``date``; ``key`` what is counted
    or dated (a stem like "violation", or "killed"; for dates the date type:
    ``weekday``, ``monthday``, ``year``; a relative count or span is prefixed
    ``other:``, ``window:``, ``from:`` or ``within:``, as in "other:victim" for
    "two other victims"); ``subject`` says it for people
    ("number killed").  ``surface`` is the value as written, ``start``/``end``
    the span of the whole phrase (value and what it counts), which contains
    ``surface``.  ``is_generic`` marks keys like "people" that need closely
    matching sentences before two values are compared.
    """

    kind: str
    key: str
    subject: str
    low: float
    high: float
    surface: str
    start: int
    end: int
    is_generic: bool = False
    # Of a total that names a part of it ("20 people dead, including the three
    # gunmen"): the part's size, so the total without it (17) is given too.
    included: float = 0.0


def parse_number(text: str) -> float | None:
    """Return the value of a number written in digits or words; None if it is not one.

    Example:
        >>> [parse_number(t) for t in ("3,000", "twelve", "twenty-five", "two hundred", "1.5 million")]
        [3000.0, 12.0, 25.0, 200.0, 1500000.0]
    """
    cleaned = text.strip().lower().replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        pass
    total = 0.0
    current = 0.0
    seen = False
    for part in re.split(r"[\s-]+", cleaned):
        if not part or part == "and":
            continue
        try:
            current += float(part)
            seen = True
            continue
        except ValueError:
            pass
        if part in lex.UNITS:
            current += lex.UNITS[part]
        elif part in lex.TENS:
            current += lex.TENS[part]
        elif part == "hundred":
            current = (current or 1) * 100
        elif part in lex.SCALES:
            total += (current or 1) * lex.SCALES[part]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _rounding(value: float, text: str) -> float:
    """Return the half-width a written number stands for: "3,000" may be 2,700..3,300.

    Numbers under 100 and numbers with all their digits ("103", "2,950") are
    exact.  Round numbers stand for half their last significant unit, at most
    10% of the value; a number with a scale word ("$43 million") may be cut,
    not rounded, so it stands for a whole unit of its last digit.
    """
    if value < 100:
        return 0.0
    parts = text.replace(",", "").strip().lower().split()
    if not parts:
        return 0.0
    first, last = parts[0], parts[-1]
    if first.replace(".", "", 1).isdigit():
        if len(parts) > 1 and last in lex.SCALES:
            decimals = len(first.split(".")[1]) if "." in first else 0
            return min(lex.SCALES[last] / 10.0**decimals, value * 0.1)
        if "." in first:
            return 0.0
        zeros = len(first) - len(first.rstrip("0"))
        return min(10.0**zeros / 2, value * 0.1)
    last_word = re.split(r"[\s-]+", " ".join(parts))[-1]
    if last_word in lex.SCALES:  # "two hundred", "three million"
        return min(lex.SCALES[last_word] / 2, value * 0.1)
    return 0.0


def _bounds(value: float, hedge: str, surface: str) -> tuple[float, float]:
    width = _rounding(value, surface)
    low, high = value - width, value + width
    if hedge:
        factor_low, factor_high = lex.HEDGES[hedge.lower()]
        low = low * factor_low
        high = math.inf if factor_high is None else high * factor_high
    return low, high


def overlaps(a: ValueMention, b: ValueMention) -> bool:
    """Return whether two values can both be true (their bounds overlap)."""
    tolerance = 1e-9 * max(1.0, abs(a.low), abs(b.low))
    return a.low <= b.high + tolerance and b.low <= a.high + tolerance


def _head_after(text: str, position: int, limit: int) -> tuple[list[tuple[str, int]], int]:
    """Return up to four content words after ``position`` (word, end) and where they stop."""
    found: list[tuple[str, int]] = []
    index = position
    while len(found) < 4:
        match = _HEAD_WORD.match(text, index, limit)
        if not match or "\n" in text[index : match.start(1)]:
            break
        word = match.group(1)
        folded = fold(word)
        if folded in _STOP_HEAD and not word[0].isupper():
            break
        found.append((word, match.end(1)))
        index = match.end(1)
    return found, index


def _casualty_after(text: str, position: int, limit: int) -> tuple[str, int] | None:
    """Return a casualty key and its end in "… were killed" right after ``position``."""
    index = position
    for _ in range(3):
        match = _HEAD_WORD.match(text, index, limit)
        if not match:
            return None
        folded = fold(match.group(1))
        if folded in lex.CASUALTY_WORDS and folded not in ("lives", "deaths", "fired", "charged", "laid"):
            return lex.CASUALTY_WORDS[folded], match.end(1)
        if folded not in _AUX:
            return None
        index = match.end(1)
    return None


_CASUALTY_NOUN_OF = re.compile(r"([A-Za-z]+)\s+of\s+(?:(?:at\s+least|about|some|nearly|more\s+than)\s+)?$")


def _casualty_before(text: str, start: int) -> tuple[str, int]:
    """Return the key and phrase start of "killed 12", "the death toll rose to 15", "the arrest of 3"."""
    offset = max(0, start - 40)
    before = text[offset:start]
    toll = _TOLL.search(before)
    if toll:
        return "killed", offset + toll.start()
    match = _CASUALTY_NOUN_OF.search(before)
    if match and fold(match.group(1)) in lex.CASUALTY_NOUNS:
        return lex.CASUALTY_NOUNS[fold(match.group(1))], offset + match.start(1)
    match = re.search(r"([A-Za-z]+)\s+$", before)
    if match:
        folded = fold(match.group(1))
        if (
            folded in lex.CASUALTY_WORDS
            and folded.endswith(("ing", "ed"))
            and folded not in ("charged", "fired", "laid")
        ):
            return lex.CASUALTY_WORDS[folded], offset + match.start(1)
    return "", start


def _duration_key(text: str, end: int, limit: int) -> tuple[str, str, int]:
    """Return the key, subject and phrase end of "30-hour [Easter] ceasefire"."""
    words, _ = _head_after(text, end, limit)
    for word, word_end in words[:3]:
        if word[0].isupper():
            continue
        folded = fold(word)
        if folded in lex.DURATION_UNITS_H or folded.rstrip("s") in lex.DURATION_UNITS_H:
            break
        key = lex.KEY_SYNONYMS.get(folded, folded)
        return stem(key), f"duration of the {folded}", word_end
    return "", "", end


def _duration_key_before(text: str, start: int) -> tuple[str, str, int]:
    """Return the key of "a ceasefire lasting 30 hours" / "a truce of 48 hours"."""
    before = text[max(0, start - 50) : start]
    match = re.search(r"\b([a-z][\w\-]*)\s+(?:that\s+lasted|lasting|of|for)\s+$", before)
    if not match:
        return "", "", start
    folded = fold(match.group(1))
    if folded in STOPWORDS:
        return "", "", start
    key = lex.KEY_SYNONYMS.get(folded, folded)
    return stem(key), f"duration of the {folded}", max(0, start - 50) + match.start(1)


def _number_mention(text: str, token: _NumberToken, limit: int) -> ValueMention | None:
    number_text = token.text
    value = parse_number(number_text)
    if value is None:
        return None
    hedge = ""
    begin = token.start
    money = begin > 0 and text[begin - 1] in "$€£"
    if money:
        begin -= 1
    before = _HEDGE_BEFORE.search(text, max(0, begin - 24), begin)
    if before:
        hedge = before.group("hedge").lower()
        begin = before.start("hedge")
        money = money or bool(before.group("money"))
    scale = token.scale
    if scale:
        value *= lex.SCALES[scale.strip().lower()]
    end = token.end
    surface = text[begin:end]
    is_digits = number_text[0].isdigit()
    folded_number = number_text.lower()

    # A word before it that makes it a label, not a count: "Article 5", "No. 10".
    previous = re.search(r"(\S+)\s*$", text[max(0, token.start - 20) : token.start])
    if previous and not hedge and not money:
        word = previous.group(1)
        is_possessive = word.endswith(("'s", "’s"))
        if (
            word[:1].isupper()
            and not is_possessive
            and word.rstrip(".").lower() not in lex.NOT_NAMES
            and not word.endswith((",", ".", ":"))
        ):
            return None
        if word.lower() in ("no.", "number", "no", "#", "page", "chapter", "route", "section"):
            return None
        if word.rstrip(".").lower() in _MONTH_WORDS:
            return None  # "the Sept. 11 hijackers", "Nov. 14-17": a day of a month
    rest = text[end : min(limit, end + 12)]
    if rest.startswith((":", "-year-old", " a.m", " p.m", "a.m", "p.m", "th", "st", "nd", "rd")):
        return None
    # Parts and wholes ("15 of the 19 hijackers", "nine out of 10 winners")
    # count different things; neither is compared.
    if _PART_AFTER.match(text, end, limit) or _PART_BEFORE.search(text, max(0, begin - 40), begin):
        return None

    duration = _DURATION_AFTER.match(text, end, limit) if not token.is_percent else None
    if duration and not money:
        hours = value * lex.DURATION_UNITS_H[duration.group("unit").lower()]
        if duration.group("sep") == "-" or duration.group("long"):
            key, subject, phrase_end = _duration_key(text, duration.end(), limit)
            phrase_start = begin
        else:
            key, subject, phrase_start = _duration_key_before(text, begin)
            phrase_end = duration.end()
        rest = text[duration.end() : min(limit, duration.end() + 8)].lower()
        if re.match(r"\s*(?:ago|old)\b", rest) or rest.startswith("-old"):
            return None  # a relative date or an age, not how long something lasted
        if not key:
            # "for 65 years", "44 seconds into the round": what lasted is in the
            # words around it; ``find_disputes`` compares such spans by context only.
            key, subject = DURATION_SPAN, "duration"
            phrase_start, phrase_end = begin, duration.end()
        surface = text[begin : duration.end()]
        unit_hours = hours / value if value else 1.0
        low, high = _bounds(value, hedge, number_text)
        low, high = low * unit_hours, high * unit_hours
        return ValueMention(
            "duration", key, subject, low, high, surface, phrase_start, phrase_end, is_generic=key == DURATION_SPAN
        )

    # Years are dates, not counts.
    if is_digits and re.fullmatch(r"(1[89]|20)\d\d", number_text) and not scale and not money:
        if not token.is_percent:
            year_end = token.start + len(number_text)
            return ValueMention("date", "year", "year", value, value, number_text, token.start, year_end)
        return None

    if token.is_percent:
        words, _ = _head_after(text, end, limit)
        of_phrase = re.match(r"\s+of\s+(?:the\s+|all\s+|its\s+|their\s+)?([a-z][\w\-]*)", text[end:limit])
        key_word = fold(of_phrase.group(1)) if of_phrase else "percent"
        low, high = _bounds(value, hedge, number_text)
        subject = f"share of {key_word}" if of_phrase else "percentage"
        return ValueMention(
            "number", f"percent:{stem(key_word)}", subject, low, high, surface, begin, end, is_generic=True
        )

    is_one = folded_number in ("one", "a", "an")
    if money:
        # Sums are compared nowhere: "$43 million" and "$43,885,310", or a
        # bill and what is still owed, differ without contradicting.
        return None

    low, high = _bounds(value, hedge, number_text + (scale or ""))
    before_key, phrase_start = _casualty_before(text, begin)
    if before_key:
        return ValueMention("number", before_key, f"number {before_key}", low, high, surface, phrase_start, end)

    words, stop = _head_after(text, end, limit)
    # The head of "900 Ukrainian drone strikes" is its first plural word;
    # "three individuals injured" and "12 people were killed" count the verb.
    head: tuple[str, int] | None = None
    for index, (word, word_end) in enumerate(words):
        folded = fold(word)
        if folded in lex.CASUALTY_WORDS and folded not in ("fired", "charged", "laid", "lives"):
            key = lex.CASUALTY_WORDS[folded]
            return ValueMention("number", key, f"number {key}", low, high, surface, begin, word_end)
        if head is None and not word[0].isupper() and (
            folded in _PLURALS or folded.endswith(("s", "s'")) or (is_one and index == 0)
        ):
            head = (word, word_end)
            stop = word_end
            break
    casualty = _casualty_after(text, stop, limit)
    if casualty:
        key, casualty_end = casualty
        return ValueMention("number", key, f"number {key}", low, high, surface, begin, casualty_end)
    if head is None or is_one:
        return None
    head_word, head_end = head
    lower = [(w, e) for w, e in words if not w[0].isupper() and e <= head_end]
    folded = fold(head_word).rstrip("'")
    if folded in lex.DURATION_UNITS_H or folded.rstrip("s") in lex.DURATION_UNITS_H:
        return None
    key = stem(lex.KEY_SYNONYMS.get(folded, folded))
    generic = folded in lex.GENERIC_COUNT_NOUNS or len(folded) < 3
    described = " ".join(fold(w).rstrip("'") for w, _ in lower)
    return ValueMention("number", key, f"number of {described}", low, high, surface, begin, head_end, generic)


def _qualifier(text: str, token: _NumberToken, mention: ValueMention, limit: int) -> str:
    """Return the prefix that keeps a relative value apart from totals: "other:" for "two other
    victims", "window:" for "the first three albums", "from:" for "nine days earlier",
    "within:" for "in seven months", else ""."""
    begin = token.start - 1 if token.start > 0 and text[token.start - 1] in "$€£" else token.start
    if mention.kind == "duration":
        duration = _DURATION_AFTER.match(text, token.end, limit)
        if duration and _FROM_MOMENT.match(text, duration.end(), limit):
            return "from:"
        if _WITHIN_BEFORE.search(text, max(0, begin - 30), begin):
            return "within:"
    elif _RELATIVE_AFTER.match(text, token.end, limit) or _RELATIVE_BEFORE.search(
        text, max(0, begin - 16), begin
    ):
        return "other:"
    if _WINDOW_BEFORE.search(text, max(0, begin - 8), begin):
        return "window:"
    return ""


def _weekday_bounds(text: str, start: int, end: int, index: float) -> tuple[float, float]:
    """Return the bounds of a weekday: the day, or up to half a day into its neighbour for
    "Friday night" / "early Saturday", a day either way next to a time zone ("0241 GMT Friday")."""
    before = text[max(0, start - 24) : start]
    if _DAY_ZONE_BEFORE.search(before):
        return index - 1.0, index + 1.0
    low, high = index, index
    if _DAY_LATE_AFTER.match(text, end, min(len(text), end + 12)) or _DAY_LATE_BEFORE.search(before):
        high += 0.5
    if _DAY_EARLY_BEFORE.search(before):
        low -= 0.5
    return low, high


def exact_numbers(text: str, start: int = 0, end: int | None = None, min_digits: int = 3) -> frozenset[float]:
    """Return the numbers of ``text[start:end]`` with ``min_digits`` significant digits or more
    ("1,006", "55.3 million", "364"), whatever they count: specific enough that an article stating
    one knows it.  With ``min_digits=0``, every number, in digits or words.

    Example:
        >>> sorted(exact_numbers("About 32 million watched, against 55.3 million in 2008 and 300 in 1,006 bars."))
        [1006.0, 2008.0, 55300000.0]
        >>> sorted(exact_numbers("two women and one man died", min_digits=0))
        [1.0, 2.0]
        >>> sorted(exact_numbers("an area about 2,700km (1,680 miles) south-west of Perth", min_digits=0))
        [1680.0, 2700.0]
    """
    found = set()
    for token in _number_tokens(text, start, len(text) if end is None else end):
        if min_digits:
            if not token.text[0].isdigit():
                continue
            digits = token.text.replace(",", "").replace(".", "").strip("0")
            if len(digits) < min_digits:
                continue
        value = parse_number(token.text)
        if value is not None:
            scale = token.scale.strip().lower()
            found.add(value * lex.SCALES[scale] if scale else value)
    for match in _GLUED_UNIT.finditer(text, start, len(text) if end is None else end):
        number = match.group("number")
        if len(number.replace(",", "").replace(".", "").strip("0")) >= min_digits:
            value = parse_number(number)
            if value is not None:
                found.add(value)
    return frozenset(found)


def find_values(text: str, start: int = 0, end: int | None = None) -> list[ValueMention]:
    """Return the counts, durations and dates in ``text[start:end]``, in order.

    Offsets are into ``text``.  Vague amounts ("dozens", "hundreds of"),
    ordinals, clock times, ages and labels ("Article 5") are left out.

    Example:
        >>> text = "A 30-hour truce ended; 12 people were killed and nearly 3,000 violations were logged."
        >>> [(v.key, v.surface, v.low, v.high) for v in find_values(text)]  # doctest: +NORMALIZE_WHITESPACE
        [('ceasefire', '30-hour', 30.0, 30.0), ('killed', '12', 12.0, 12.0),
         ('violation', 'nearly 3,000', 2160.0, 3300.0)]
    """
    limit = len(text) if end is None else end
    found: list[ValueMention] = []
    for token in _number_tokens(text, start, limit):
        mention = _number_mention(text, token, limit)
        if mention is not None and mention.kind == "duration" and _WINDOW_BEFORE.search(
            text, max(0, token.start - 8), token.start
        ):
            continue  # "in the first four days" of sales: a window the writer chose, not a length
        if mention is not None:
            qualifier = _qualifier(text, token, mention, limit) if mention.kind != "date" else ""
            if qualifier:
                mention = replace(mention, key=qualifier + mention.key)
            if mention.kind == "number":
                including = _INCLUDING.match(text, mention.end, limit)
                part = parse_number(including.group("part")) if including else None
                if part is not None and part < mention.low:
                    mention = replace(mention, included=part)
            found.append(mention)
    for match in _WEEKDAY.finditer(text, start, limit):
        day = match.group(1)
        index = float(lex.WEEKDAYS.index(day.lower()))
        low, high = _weekday_bounds(text, match.start(1), match.end(1), index)
        found.append(ValueMention("date", "weekday", "day", low, high, day, match.start(1), match.end(1)))
    for match in _MONTH_DAY.finditer(text, start, limit):
        month = match.group("m1") or match.group("m2")
        day = int(match.group("d1") or match.group("d2"))
        if not 1 <= day <= 31:
            continue
        value = float(next(k for k, name in enumerate(lex.MONTHS) if name.startswith(month.lower())) * 100 + day)
        found.append(ValueMention("date", "monthday", "date", value, value, match.group(), match.start(), match.end()))
    found.sort(key=lambda v: (v.start, v.end))
    return found
