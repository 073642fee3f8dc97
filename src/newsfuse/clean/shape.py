"""The shape of a line: headline, sentence, teaser, label, list item.

Both the plain-text reader (finding a file's headline) and the cleaner
(finding repeated headlines and related-article lists) judge lines by their
shape: length, final punctuation, capitalisation.  These are those tests,
pure and cheap.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsfuse.text import fold, words

__all__ = [
    "BULLET",
    "size",
    "tokens",
    "ends_like_sentence",
    "is_headline_like",
    "is_truncated",
    "line_key",
    "same_line",
    "strip_bullet",
    "title_case_ratio",
]

# Headlines run from 3 to about 25 words (news headlines average 8-12; the
# longest of the seeds has 14).  Longer lines are body text or standfirsts.
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 220

# A line that ends with a period can still be a headline when nearly all of
# its words are capitalised ("Markets Rally As Fed Holds Rates.").
PERIOD_HEADLINE_TITLE_CASE = 0.8

# Words a title-case headline leaves in lower case.
_MINOR = frozenset(
    "a an and as at but by for from in into nor of off on onto or over per so the to up upon "
    "via vs with within without amid after before over under than that".split()
)

# List markers that carry no words.  Numbers ("1. Choose the pot") and
# dashes that open dialogue or a quote attribution ("– „Ok.“") are text and stay.
BULLET = re.compile(r"^\s*[-*•·▪►‣]\s+")
_SENTENCE_END = re.compile(r"""[.!?…:;,]["'”’»)\]]*$""")
# What may close a sentence or a teaser after its final punctuation.
_CLOSERS = "\"'”’»)]"
_INNER_PUNCT = re.compile(r"[^\w\s]+", re.UNICODE)
# ``line_key`` of an ASCII line in one table lookup per byte: letters
# lower-cased, every byte that is neither a word character nor white space
# (and ``_``) made a space, as ``_INNER_PUNCT`` does.  Non-ASCII punctuation
# frequent in news (curly quotes, dashes, the ellipsis, guillemets, the
# no-break space) becomes a space first, as it would there.
_KEY_BYTES = bytes(
    ord(" ") if chr(b) == "_" or _INNER_PUNCT.match(chr(b)) else ord(chr(b).lower()) for b in range(128)
) + bytes(range(128, 256))
_KEY_SPACES = ("’", "‘", "“", "”", "—", "–", "…", "«", "»", "\xa0")


@lru_cache(maxsize=32768)
def tokens(line: str) -> tuple[str, ...]:
    """Return the words of ``line`` (cached: the cleaner's rules ask for them many times).

    Example:
        >>> tokens("Putin’s talks, again.")
        ('Putin’s', 'talks', 'again')
    """
    return tuple(words(line))


def size(line: str) -> int:
    """Return the number of words of ``line`` (cached)."""
    return len(tokens(line))


def strip_bullet(line: str) -> str:
    """Return ``line`` without a leading list marker (``- ``, ``* ``, ``• ``).

    Example:
        >>> strip_bullet("- Talks set for London.")
        'Talks set for London.'
    """
    return BULLET.sub("", line, count=1)


def ends_like_sentence(line: str) -> bool:
    """Return whether ``line`` ends with sentence or clause punctuation (``. ! ? … : ; ,``)."""
    return bool(_SENTENCE_END.search(line.rstrip()))


def is_truncated(line: str) -> bool:
    """Return whether ``line`` ends with an ellipsis, as cut-off teasers do.

    The ellipsis (``...``, ``…``) may be followed by closing quotes and
    brackets, so ``[…]`` is one too.  String methods, not a pattern: a
    regular expression anchored at the end is tried at every position.

    Example:
        >>> is_truncated("Storm hits the coast, leaving thousands…”"), is_truncated("Storm hits.")
        (True, False)
    """
    return line.rstrip().rstrip(_CLOSERS).endswith(("...", "…"))


def title_case_ratio(line: str) -> float:
    """Return the share of the non-minor words of ``line`` that start with a capital.

    Example:
        >>> title_case_ratio("Putin Signals Willingness for Direct Talks")
        1.0
    """
    major = [w for w in tokens(line) if w.lower() not in _MINOR and not w.isdigit()]
    if not major:
        return 0.0
    return sum(1 for w in major if w[0].isupper()) / len(major)


def is_headline_like(line: str) -> bool:
    """Return whether ``line`` has a headline's shape.

    3 to 25 words, at least two of them alphabetic, starting with a capital,
    digit or quote, and not ending like a clause (``,``, ``;``, ``:``).  A
    final period is allowed only in title case; ``?`` and ``!`` are allowed.

    Example:
        >>> is_headline_like("Ceasefire diplomacy gains momentum as both sides signal willingness")
        True
        >>> is_headline_like("The talks ended on Monday, officials said.")
        False
    """
    text = line.strip()
    if not text or len(text) > HEADLINE_MAX_CHARS:
        return False
    # The tests on the first and last characters first: they are the cheap ones.
    first = text[0]
    if not (first.isupper() or first.isdigit() or first in "\"“‘'"):
        return False
    stripped = text.rstrip("\"'”’»)] ")
    if stripped.endswith((",", ";", ":")) or is_truncated(text):
        return False
    found = tokens(text)
    if not HEADLINE_MIN_WORDS <= len(found) <= HEADLINE_MAX_WORDS:
        return False
    if sum(1 for w in found if w.isalpha()) < 2:
        return False
    if stripped.endswith(".") and title_case_ratio(text) < PERIOD_HEADLINE_TITLE_CASE:
        return False
    return True


def same_line(a: str, b: str) -> bool:
    """Return whether two lines say the same words (case, accents, punctuation ignored).

    Example:
        >>> same_line("Putin Signals Talks", "putin signals talks.")
        True
    """
    key = line_key(a)
    return bool(key) and key == line_key(b)


@lru_cache(maxsize=16384)
def line_key(line: str) -> str:
    """Return the words of ``line`` folded and joined by spaces: equal keys, same line.

    Cached: the cleaner keys every paragraph in each of its rounds.

    Example:
        >>> line_key("Putin’s “Peace” Talks!")
        'putin s peace talks'
    """
    text = line
    if not text.isascii():
        for char in _KEY_SPACES:
            if char in text:
                text = text.replace(char, " ")
    if text.isascii():
        return " ".join(text.encode("ascii").translate(_KEY_BYTES).decode("ascii").split())
    key = " ".join(_INNER_PUNCT.sub(" ", line.lower().replace("_", " ")).split())
    return key if key.isascii() else " ".join(fold(w) for w in key.split())
