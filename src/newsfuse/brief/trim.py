"""Trimming a source sentence for display: datelines, time stamps, teasers, credits and a dangling connective go.

Only the ends are cut, so what is shown is one span of the source and every
word of it stands there.  The summary prices and shows sentences so trimmed;
the article body and the headline do the same.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsfuse.brief.gazetteer import is_place
from newsfuse.text import count_words

__all__ = ["MIN_TRIMMED_WORDS", "shown_part", "trim_sentence"]

# The trimmed ends of this many recent sentences are remembered (the article
# body asks ``build_summary`` a dozen times for one story's sentences).
TRIM_CACHE_SIZE = 65_536

# The heads below are tried with ``match`` at the part still shown: no "^", which
# would hold them to the sentence's first character ("UPDATE: 7:19 p.m. -- The
# Post reports...": the time stamp after the teaser).
# Datelines and bylines at the start of a sentence: "WASHINGTON (Reuters) -",
# "NEW YORK, March 3 (Reuters) -", "LONDON —", "WASHINGTON ―" (a horizontal bar,
# U+2015), "WASHINGTON—The" (no space: a place of three capitals or more, so
# "U.S.—China talks" keeps its words), "(CNN) --", "By Jane Doe, AP -".
_DATELINE = re.compile(
    r"""\s*(?:
        (?:[A-Z][A-Z.'’]+(?:[ /-][A-Z][A-Z.'’]+)*\.?               # WASHINGTON, NEW YORK, SEOUL/TOKYO
            (?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*)*)?            # , Calif.
            (?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*                 # , March 3
            (?:\((?:[A-Z][\w .&'’-]{0,30})\)\s*)?
            (?:[-–—―]{1,2}\s+|(?:(?<=\s)|(?<=[A-Z]{3}))[–—―](?=[A-Z])))
            # "LONDON — ", "LONDON ―The", "WASHINGTON—The"
      | (?:\((?:[A-Z][\w .&'’-]{0,30})\)\s*(?:[-–—―]{1,2}\s*)?)
      | (?:By\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3},?\s+(?:[A-Z][\w&]*\s*)?[-–—―]{1,2}\s+)
    )""",
    re.VERBOSE,
)
# Datelines the patterns above cannot tell from a sentence's own words without
# knowing the place: places in capitals joined by a slash, the agency's name gone
# ("SINGAPORE/BEIJING Flamboyant former basketball star ...", "WASHINGTON The Senate
# passed ..." where an article follows: "USA Today reports" is a paper), and a place in
# its own case before an agency ("Washington (CNN) Vermont Sen. Bernie Sanders
# ...").  The first place must be one the gazetteer knows, so "AFL/CIO President
# Richard Trumka" keeps its words.
_PLACE_DATELINES = (
    re.compile(r"\s*([A-Z]{3,}(?:[ -][A-Z]{3,})*)(?:/[A-Z]{3,}(?:[ -][A-Z]{3,})*)+\s+(?=[A-Z][a-z])"),
    re.compile(r"\s*([A-Z]{3,}(?:[ -][A-Z]{3,})*)\s+(?=(?:The|A|An)\s)"),
    re.compile(
        r"\s*([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(?:/[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})*,?\s*"
        r"\((?:CNN|AP|Reuters|AFP|UPI|Bloomberg|CNBC|dpa|Xinhua)\b[\w .&'’-]{0,20}\)"
        r"\s*(?:[-–—―]{1,2}\s*)?(?=[A-Z])"
    ),
)


class _PlaceDateline:
    """``_PLACE_DATELINES`` whose match also asks the gazetteer about its first place."""

    @staticmethod
    def match(text: str, start: int, end: int) -> re.Match[str] | None:
        for pattern in _PLACE_DATELINES:
            found = pattern.match(text, start, end)
            if found and is_place(found.group(1)):
                return found
        return None


# A live report's time stamp before an entry: "7:19 p.m. -- The Post now reports...",
# "6:15 am: It's my morning...", "2: 16pm: Take it with a grain of salt".  A clock
# with a point ("7.57 pm") needs its "am"/"pm" ("3.50 — the price" is no time);
# the stamp ends with a dash or a colon.
_TIMESTAMP = re.compile(
    r"""\s*(?:\d{1,2}\s?:\s?\d\d(?:\s?[ap]\.?\s?m\b\.?)? | \d{1,2}\.\d\d\s?[ap]\.?\s?m\b\.?)
        (?:\s+(?:ET|EST|EDT|CT|CST|CDT|PT|PST|PDT|GMT|BST|UTC)\b)?\s*(?:[-–—―]{1,2}|:)\s+""",
    re.VERBOSE | re.IGNORECASE,
)
# Teaser phrases at either end: "(Scroll down for video)", "Click here to read more.",
# "READ MORE:", "(More on this story here.)", "Watch the video above."
_TEASER_TAIL = re.compile(
    r"""\s*(?:
        \((?:[^()]{0,40}\b(?:scroll|click|read|watch|video|photos?|more)\b[^()]{0,40})\)\.?
      | (?:click|tap)\s+here\b[^.!?]*[.!?]?
      | (?:scroll\s+down|watch\s+the\s+video|see\s+the\s+video|read\s+more|more\s+here)\b[^.!?]*[.!?]?
    )\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
# Every alternative of _TEASER_TAIL holds "(" or one of these words, in lower
# case: a cheap test first (the search tries every position of a sentence).
_TEASER_TAIL_HINTS = ("(", "click", "tap", "scroll", "watch", "see", "read", "more")
_TEASER_HEAD = re.compile(
    r"\s*(?:\((?:[^()]{0,40}\b(?:scroll|click|watch|video|photos?)\b[^()]{0,40})\)|"
    r"(?:READ MORE|WATCH|VIDEO|PHOTOS|UPDATE(?:D)?|BREAKING(?: NEWS)?)\s*[:|]|\bAdvertisement\b)\s*",
    re.IGNORECASE,
)
# A photo credit in the shape of a web address in capitals glued before a sentence
# ("DEVONJAMESXXX.COM 'I want you to be ...' was one text message ..."), a quotation
# or a capital after it.
_CREDIT_HEAD = re.compile(r"\s*[A-Z0-9][A-Z0-9-]*(?:\.[A-Z0-9-]+)*\.(?:COM|NET|ORG|CO\.UK|TV)\s+(?=[\"'‘“A-Z])")
# A connective that opens a sentence; dropped when the sentence is shown
# away from the one before it and a capitalised word follows.
CONNECTIVES = ("However", "But", "And", "Still", "Yet", "Meanwhile", "Also", "Instead", "Nevertheless", "Moreover")
_CONNECTIVE = re.compile(rf"(?:{'|'.join(CONNECTIVES)}),?\s+(?=[A-Z])")
# A sentence must keep this many words after trimming, else it is shown whole.
MIN_TRIMMED_WORDS = 4


def _stands_apart(text: str, start: int) -> bool:
    """Return whether the teaser found at ``start`` is a phrase of its own, not words of the sentence.

    It is bracketed or capitalised ("Read more"), or follows punctuation
    (", click here."); "...and read more and more books" is the sentence.
    """
    phrase = text[start:].lstrip()
    before = text[:start].rstrip()
    return phrase[:1] == "(" or phrase[:1].isupper() or not before or before[-1] in ".,;:!?\"”'’)|—–―-"


@lru_cache(maxsize=TRIM_CACHE_SIZE)
def trim_sentence(text: str) -> tuple[int, int]:
    """Return ``(start, end)``: the part of ``text`` to show, without a dateline, time stamp, teaser or credit.

    Only the ends are cut, so the part kept is one span of the source and
    attribution ("..., the minister said.") stays.  When fewer than
    ``MIN_TRIMMED_WORDS`` words would remain, the whole sentence is kept.

    Example:
        >>> text = "WASHINGTON (Reuters) - The Senate passed the bill on Friday."
        >>> start, end = trim_sentence(text)
        >>> text[start:end]
        'The Senate passed the bill on Friday.'
        >>> text = "7:19 p.m. -- The Post now reports that the congressman has been indicted."
        >>> text[slice(*trim_sentence(text))]
        'The Post now reports that the congressman has been indicted.'
    """
    start, end = 0, len(text.rstrip())
    # A teaser before a dateline or a time stamp, or a dateline before a teaser: two heads
    # of different kinds at most ("(CNN) -- WASHINGTON --" loses its first only, as ever).
    heads: list = [_TEASER_HEAD, _DATELINE, _PlaceDateline, _TIMESTAMP, _CREDIT_HEAD]
    for _ in range(2):
        for head in heads:
            match = head.match(text, start, end)
            if match and match.end() > start:
                start = match.end()
                heads.remove(head)
                break
        else:
            break
    lower = text.lower()
    tail = _TEASER_TAIL.search(text, start, end) if any(h in lower for h in _TEASER_TAIL_HINTS) else None
    if tail and tail.start() > start and _stands_apart(text, tail.start()):
        end = tail.start()
        while end > start and text[end - 1] in " ,;:—–―-":
            end -= 1
    while start < end and text[start].isspace():
        start += 1
    if (start, end) != (0, len(text.rstrip())) and count_words(text[start:end]) < MIN_TRIMMED_WORDS:
        return 0, len(text.rstrip())
    return start, end


def shown_part(text: str, is_alone: bool = False) -> tuple[int, int]:
    """Return ``(start, end)``: the part of a sentence to show.

    A dateline or teaser phrase at either end goes (``trim_sentence``); a
    sentence shown ``is_alone`` (not right after the sentence before it in
    its article) also loses a leading connective ("However, ") when a
    capitalised word follows and enough words are left.

    Example:
        >>> text = "WASHINGTON (Reuters) - However, The Senate passed the bill on Friday."
        >>> text[slice(*shown_part(text, is_alone=True))]
        'The Senate passed the bill on Friday.'
    """
    start, end = trim_sentence(text)
    if is_alone:
        match = _CONNECTIVE.match(text, start, end)
        if match and count_words(text[match.end() : end]) >= MIN_TRIMMED_WORDS:
            start = match.end()
    return start, end
