"""Telling a story's prose from lists: credits, links, verse, timelines.

A news article, even a three-sentence brief, tells its story in sentences:
words in order, ending with a full stop, most of them in lower case.  Some
crawled pages hold almost none: a video page whose text is its cast and
crew ("Rachael - Jolie Ledford"), a channel's "Follow us on:" links, song
lyrics, a list of dated entries.  ``prose_words`` counts the words of one
sentence that reads as prose; ``list_page_reason`` says why a whole page
is a list rather than a story (``""`` when it is a story).

Only the page's shape counts - sentence ends, capitals, links - never its
topic, so a short article about anything keeps its sentences.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator, Sequence

from newsfuse.clean.shape import tokens
from newsfuse.text import split_sentences

__all__ = ["join_wrapped_lines", "link_line", "list_page_reason", "prose_words"]

# A sentence of prose has at least this many words (a "Read more." or
# "Ok." is no prose; "Police arrested him." is).
PROSE_MIN_WORDS = 3
# A run of at least this many words with lower-case words in it is a
# sentence even without its final stop (crawls cut sentences off: "...in
# Rancho Mirage, Calif,"); list items, credits and verse lines are shorter.
CUT_SENTENCE_MIN_WORDS = 20

# A page is a list, not a story, when fewer than MIN_PROSE_WORDS words and
# less than MAX_PROSE_SHARE of its words stand in prose sentences, and at
# least MIN_LIST_LINES of its lines hold no prose sentence.  A page is a
# page of links when at least MIN_LIST_LINES lines and LINK_LINE_SHARE of
# its lines are links (a URL with at most LINK_LINE_MAX_WORDS other words:
# "Follow NBC: http://..."), and fewer than MAX_PROSE_WORDS_WITH_LINKS
# words stand in prose sentences.  Chosen on the Multi-News sample: a cast
# and crew page keeps 0 of 43 words in prose, a video's credits 5 of 56, a
# channel's page 10 link lines of 17 and 57 prose words.  Checked on ECB+,
# BASIL, PolNeAR dev, the seeds, both extraction benchmarks' pages (through
# the HTML reader) and the first one's gold texts: none of their pages
# changes verdict but a page of song lyrics.  Every other page there with
# under 60 prose words and under 40% of its words in prose is a one-line
# stub (too short anyway) or no news: a standings table (46 prose words,
# 11%), a blog's list of links (48, 28%), a chronology (40, 15%), a decor
# blog (17, 17%).  Re-run tests/test_clean_prose.py and tests/test_clean.py
# after a change.
MIN_PROSE_WORDS = 20
MAX_PROSE_SHARE = 0.1
MIN_LIST_LINES = 4
LINK_LINE_SHARE = 0.5
LINK_LINE_MAX_WORDS = 5
MAX_PROSE_WORDS_WITH_LINKS = 60
# Scripts without capitals (Chinese, Japanese, Arabic...) give no sentence
# shape to read: pages where fewer than this share of the letters have a
# case are not judged.
MIN_CASED_SHARE = 0.5

# A web or e-mail address, a social handle, a bare domain ("Break.com").
_LINK = re.compile(
    r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|(?<![\w@])@\w+"
    r"|\b[\w-]+\.(?:com|org|net|ly|co|tv|gov|edu|io)(?:/\S*)?(?!\w)",
    re.IGNORECASE,
)
# What _LINK cannot match without (its scheme, "www.", an "@", a dot before a
# domain ending): a sentence with none of them is searched no further.  The
# pattern tries a word and a dot at every word start; on the store
# benchmark's corpus, where few sentences hold a link, it was a tenth of the
# cleaner's time spent on lists.
_DOMAIN_DOT = re.compile(r"\.(?:com|org|net|ly|co|tv|gov|edu|io)", re.IGNORECASE)


def _may_hold_link(text: str) -> bool:
    """Return False when ``text`` holds nothing that ``_LINK`` could match."""
    return "@" in text or "://" in text or "www." in text.lower() or _DOMAIN_DOT.search(text) is not None


# Closing quotes and brackets may follow the stop (English, German „…“, French «…»).
_CLOSERS = "\"'”’“»›)\\]"
_SENTENCE_END = re.compile(rf"[.!?…][{_CLOSERS}]*$")
# What ends a line that the next line does not continue.
_LINE_END = re.compile(rf"[.!?…:;][{_CLOSERS}]*$")
# Words that cannot end a sentence: a line ending with one was wrapped.
_OPEN_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or the to with than that which who".split()
)


def _continues(line: str, following: str) -> bool:
    """Return whether ``following`` carries on the sentence that ``line`` left open (a hard-wrapped text)."""
    if _LINE_END.search(line):
        return False
    if following[:1].islower():
        return True
    found = tokens(line)
    return bool(found) and found[-1] in _OPEN_WORDS


def join_wrapped_lines(lines: Sequence[str]) -> list[str]:
    """Return ``lines`` with each line that carries on the sentence of the one before joined to it.

    Text wrapped at a fixed width breaks sentences over lines; a line that
    starts in lower case, or follows a line ending in "the", "of"... without
    a stop, goes on the sentence before.

    Example:
        >>> join_wrapped_lines(["Photos released online show the", "actress in new", "make-up photos.", "CAST"])
        ['Photos released online show the actress in new make-up photos.', 'CAST']
    """
    return list(_joined_lines(lines))


def _joined_lines(lines: Iterable[str]) -> Iterator[str]:
    """Yield ``join_wrapped_lines(lines)`` one line at a time (a reader that stops early joins no more)."""
    pending = None
    for line in lines:
        if pending is not None and _continues(pending, line):
            pending = f"{pending} {line}"
            continue
        if pending is not None:
            yield pending
        pending = line
    if pending is not None:
        yield pending


def prose_words(sentence: str) -> int:
    """Return the number of words of ``sentence`` when it reads as prose, else 0.

    Prose: links taken out, at least PROSE_MIN_WORDS words, a final ``.``
    ``!`` ``?`` or ``…`` (or CUT_SENTENCE_MIN_WORDS words, cut off), and a
    word after the first in lower case (not a title-case heading, not
    capitals).

    Example:
        >>> prose_words("Police arrested a man on Monday.")
        6
        >>> prose_words("Track Suit Woman - Junie Hoang"), prose_words("I TOLD YOU IT WAS A DIFFERENT MOVIE!")
        (0, 0)
    """
    text = _LINK.sub(" ", sentence).strip() if _may_hold_link(sentence) else sentence.strip()
    found = tokens(text)
    if len(found) < PROSE_MIN_WORDS or not any(word[:1].islower() for word in found[1:]):
        return 0
    if _SENTENCE_END.search(text) or len(found) >= CUT_SENTENCE_MIN_WORDS:
        return len(found)
    return 0


def link_line(line: str) -> bool:
    """Return whether ``line`` is a link: an address with at most LINK_LINE_MAX_WORDS other words.

    Example:
        >>> link_line("Follow NBC: http://Twitter.com/NBC")
        True
        >>> link_line("The full report is on the agency's site, www.example.org.")
        False
    """
    if not _may_hold_link(line) or not _LINK.search(line):
        return False
    return len(tokens(_LINK.sub(" ", line))) <= LINK_LINE_MAX_WORDS


def _cased_share(lines: Sequence[str]) -> float:
    letters = cased = 0
    for line in lines:
        for char in line:
            if char.isalpha():
                letters += 1
                cased += char.lower() != char.upper()
    return cased / letters if letters else 0.0


def list_page_reason(lines: Sequence[str]) -> str:
    """Return why the page of ``lines`` is a list rather than a story, or ``""`` when it tells a story.

    Example:
        >>> credits = ["CAST", "Sinbad", "James - Bradley Bundlie", "Rachael - Jolie Ledford", "CREW"]
        >>> list_page_reason(credits)
        'a list, not a story: 0 of 9 words stand in prose sentences (5 of 5 lines are names, credits, links or verse)'
        >>> list_page_reason(["Police arrested a man on Monday.", "He was released on bail.", "Photo", "Video"])
        ''
    """
    # Lines are joined as they are read: most pages reach enough prose in
    # their first paragraphs, and the rest is never joined.
    joined: list[str] = []
    total = prose = without_prose = links = 0
    for line in _joined_lines(line for line in lines if line.strip()):
        joined.append(line)
        in_prose = sum(prose_words(line[start:end]) for start, end in split_sentences(line))
        if in_prose >= MAX_PROSE_WORDS_WITH_LINKS or prose + in_prose >= MAX_PROSE_WORDS_WITH_LINKS:
            return ""  # prose enough for a story, whatever follows
        prose += in_prose
        total += len(tokens(line))
        without_prose += not in_prose
        links += link_line(line)
    if not joined or _cased_share(joined) < MIN_CASED_SHARE:
        return ""
    if prose < MIN_PROSE_WORDS and prose < MAX_PROSE_SHARE * total and without_prose >= MIN_LIST_LINES:
        return (
            f"a list, not a story: {prose} of {total} words stand in prose sentences "
            f"({without_prose} of {len(joined)} lines are names, credits, links or verse)"
        )
    if links >= MIN_LIST_LINES and links >= LINK_LINE_SHARE * len(joined):
        return (
            f"a page of links, not a story: {links} of {len(joined)} lines are links "
            f"and only {prose} words stand in prose sentences"
        )
    return ""
