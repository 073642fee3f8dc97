"""Telling pages of other kinds than news: research papers, reference texts, video descriptions, notices.

Some crawled pages are well-written prose and still no news story: a
journal paper's sections ("INTRODUCTION: ... MATERIALS AND METHODS: ..."),
an encyclopedia entry with its numbered citations, the description a video
site prints under an upload ("Published on Sep 2, 2008", then lyrics or
channel links), a section front's cards of story teasers.  They show their kind in their apparatus, not their
topic: a paper's section headings, citation and figure marks, a video
site's upload line.  A news story *about* a study cites it in words ("the
study, published in Neurology, found...") and keeps none of that
apparatus, so it stays an article; so does a story that embeds a video.

A page may also only speak to its reader or of itself and report nothing:
a sign-up form ("Just fill in your contact details..."), a petition's
"You must confirm your signature", a horoscope ("You can expect some
amazing things..."), a shop's subscription terms, a publisher's booklet
offer ("you may download a copy here... Please sign up here"), a site's
list of its own databases, a map's disclaimer ("do not imply the
expression of any opinion whatsoever").  Its kind shows in its sentences'
address, not its topic: a story about a petition or a shop reports it
("the company said"), in sentences told of others.

``paper_reason``, ``video_page_reason``, ``teaser_page_reason`` and
``reader_page_reason`` say why a page (its lines) is such a page, ``""``
when it is not.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from newsfuse.clean.prose import prose_words
from newsfuse.clean.shape import tokens
from newsfuse.text import split_sentences

__all__ = [
    "address_kinds",
    "citation_marks",
    "paper_reason",
    "reader_page_reason",
    "section_headings",
    "teaser_page_reason",
    "video_page_reason",
]

# The section headings of a research paper, as lines of their own
# ("RESULTS:", "Materials and methods").
_SECTIONS = (
    r"abstract|introduction|background|methods?|methodology|materials?(?:\s+and\s+methods?)?|results?"
    r"|discussion|conclusions?|references|acknowledge?ments?|limitations"
)
_HEADING = re.compile(rf"^(?:{_SECTIONS})(?:\s+and\s+(?:{_SECTIONS}))?\s*:?$", re.IGNORECASE)

# Citation and figure marks of scholarly text: numbered citations in
# brackets ("[12]", "[3, 4]"), figure and table references ("Fig. 1A",
# "Figs. 1B and 1C", "Table 1"), a DOI, an author-year citation in
# brackets ("(Bader, Hasiotis & Martin, 2009)", "(Smith et al. 2010)"),
# and citation numbers printed as superscripts that the crawl flattened:
# glued to a word ("region14,16,18") or after a sentence's stop ("lost. 1
# About", "change. 41 , 42 A recent").
_CITATION_BRANCHES = (
    r"\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]",
    r"\b(?:Figs?\.|Figures?|Tables?)\s+\d{1,2}[A-Za-z]?\b",
    r"\bdoi:?\s*10\.\d{4,}",
    r"\((?:see\s+)?[A-Z][\w'-]+(?:(?:,\s*|\s+(?:&|and)\s+)[A-Z][\w'-]+)*(?:\s+et\s+al\.?)?,?\s+(?:19|20)\d\d[a-z]?\)",
    r"\b[a-z]{3,}\d{1,3}(?:[,–-]\d{1,3})+\b",
    r"\b[a-z]{3,}[.] ?\d{1,3}(?: ?[,–] ?\d{1,3})* (?=[A-Z])",
)
# What each branch cannot match without: a text that lacks it is searched
# without that branch, which finds the same marks (a branch that matches
# nowhere never takes part in the leftmost match).  The whole pattern tries
# six branches at each character, most of them after a word boundary test:
# 0.32-0.34 ms of CPU per article of the store benchmark's corpus (about 2,850
# characters), against 0.09-0.11 ms with the branches a text lacks left out
# (most articles keep none, or only the author-year one, which opens on "(").
# The superscripts' test (a lower-case letter before a digit run with a
# comma or dash, or before a stop and a digit) opens on a digit, so the
# search skips to digits; one test serves both superscript branches.
_SUPERSCRIPT_HINT = re.compile(r"\d(?:(?<=[a-z]\d)\d{0,2}[,–-]\d|(?<=[a-z][.]\d)|(?<=[a-z][.] \d))")
# (branches, the test a text must pass for them to be searched)
_CITATION_NEEDS = (
    ((0,), lambda text: "[" in text),
    ((1,), lambda text: "Fig" in text or "Table" in text),
    ((2,), lambda text: "doi" in text and "10." in text),
    ((3,), lambda text: "(" in text),
    ((4, 5), lambda text: _SUPERSCRIPT_HINT.search(text) is not None),
)


@lru_cache(maxsize=64)
def _citation_pattern(branches: tuple[int, ...]) -> re.Pattern[str] | None:
    """Return the citation pattern of the branches numbered ``branches`` (None for none)."""
    return re.compile("|".join(_CITATION_BRANCHES[i] for i in branches)) if branches else None


# A page is a paper when it has an "Abstract" heading or at least
# MIN_HEADINGS distinct section headings, or at least MIN_CITATIONS
# distinct citation and figure marks and one mark per CITATION_WORDS words.  Chosen on
# the Multi-News sample (papers there: four headings, an abstract, 6 to 84
# marks at one per 10 to 300 words) and checked on ECB+, BASIL, PolNeAR
# and the seeds: no news article there has an "Abstract" heading or more
# than one section heading (a university's release about a study has a
# "METHOD" section), nor more than 2 marks.
MIN_HEADINGS = 3
MIN_CITATIONS = 3
CITATION_WORDS = 400


def section_headings(lines: Sequence[str]) -> list[str]:
    """Return the distinct paper section headings among ``lines``, lower-cased, in order.

    Example:
        >>> section_headings(["INTRODUCTION:", "This study aimed to ...", "MATERIALS AND METHODS:", "Results"])
        ['introduction', 'materials and methods', 'results']
    """
    found: list[str] = []
    for line in lines:
        text = line.strip()
        if len(text) < 60 and _HEADING.match(text):
            heading = " ".join(text.rstrip(":").lower().split())
            if heading not in found:
                found.append(heading)
    return found


def citation_marks(text: str) -> list[str]:
    """Return the citation and figure marks of ``text`` (see ``_CITATION_BRANCHES``).

    Example:
        >>> citation_marks("It was found at the site (see Fig. 1A), as noted before (Bader & Martin, 2009).[2]")
        ['Fig. 1A', '(Bader & Martin, 2009)', '[2]']
    """
    pattern = _citation_pattern(tuple(i for branches, needs in _CITATION_NEEDS if needs(text) for i in branches))
    return [match.group().strip() for match in pattern.finditer(text)] if pattern else []


def paper_reason(lines: Sequence[str]) -> str:
    """Return why the page of ``lines`` is a research paper or reference text, or ``""``.

    Example:
        >>> paper_reason(["INTRODUCTION:", "This study aimed to measure it.", "METHODS:", "We measured it.",
        ...               "RESULTS:", "It was 6 m/s."])
        'a research paper, not a news story: its sections are headed Introduction, Methods, Results'
        >>> paper_reason(["The study, published in Neurology, found that naps help infants remember."])
        ''
    """
    headings = section_headings(lines)
    if any("abstract" in heading.split() for heading in headings) or len(headings) >= MIN_HEADINGS:
        named = ", ".join(heading.capitalize() for heading in headings)
        return f"a research paper, not a news story: its sections are headed {named}"
    text = "\n".join(lines)
    marks = citation_marks(text)
    # Distinct marks: a press release's two footnotes are cited in its text and
    # again over its notes ("[1]", "[2]", "[1] Alarm fatigue: ...", "[2] ..."), four
    # marks of two sources, where a paper cites many.
    if len(set(marks)) < MIN_CITATIONS:
        return ""
    size = len(tokens(text))
    if len(marks) * CITATION_WORDS >= size:
        shown = ", ".join(dict.fromkeys(marks[:4]))
        return (
            f"a research paper or reference text, not a news story: {len(marks)} citation and figure marks "
            f"in {size} words ({shown} ...)"
        )
    return ""


# The line a video site prints over an upload's description: "Published on
# Sep 2, 2008" (abbreviated month, no time, nothing else on the line).
# News pages that date themselves write other forms ("Published on Friday,
# 27 September 2013", "Published on: Fri, 11 Nov 2011 at 09:56 IST").
_UPLOAD_LINE = re.compile(
    r"^(?:Published|Uploaded|Streamed\s+live|Premiered)\s+on\s+"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d{1,2},\s+\d{4}$"
)
# Words of a video page's description: its channel, playlists, subscribers.
_VIDEO_WORDS = re.compile(r"\b(?:video|videos|channel|subscribe|playlist|youtube|periscope|vlog)\b", re.IGNORECASE)
# A description with no video words is still one when less than this share
# of its words stand in prose sentences (lyrics, credits).
MAX_DESCRIPTION_PROSE_SHARE = 0.5


def video_page_reason(lines: Sequence[str]) -> str:
    """Return why the page of ``lines`` is a video's upload description, or ``""``.

    The page opens with the upload line ("Published on Sep 2, 2008") and the
    rest speaks of the video and its channel, or is mostly no prose (lyrics,
    credits).

    Example:
        >>> video_page_reason(["Published on Jul 18, 2017", "Stephen kicks off 'Russia Week'.",
        ...                    "Subscribe To The Late Show Channel HERE: http://bit.ly/x"])
        "a video's upload description, not a story: it opens 'Published on Jul 18, 2017'"
        >>> video_page_reason(["Published on Friday, 27 September 2013", "The storm hit the coast."])
        ''
    """
    texts = [line.strip() for line in lines if line.strip()]
    if len(texts) < 2 or not _UPLOAD_LINE.match(texts[0]):
        return ""
    rest = texts[1:]
    if not any(_VIDEO_WORDS.search(line) for line in rest):
        total = sum(len(tokens(line)) for line in rest)
        prose = sum(prose_words(line[a:b]) for line in rest for a, b in split_sentences(line))
        if prose >= MAX_DESCRIPTION_PROSE_SHARE * total:
            return ""
    return f"a video's upload description, not a story: it opens '{texts[0]}'"


# A section front or "Most Popular" box lists other stories as cards, and
# some sites print each card's headline and teaser twice (the link's title
# and its text), so that a paragraph says the same sentence twice.  A page
# is such a list when at least MIN_TEASER_CARDS paragraphs each repeat a
# sentence of CARD_SENTENCE_WORDS words or more, and they are at least
# half of its paragraphs of that many words.  Seen on two Multi-News pages
# (3 of 4 and 5 of 9 paragraphs); no page of ECB+, BASIL, PolNeAR or the
# seeds has even two such paragraphs (a story that prints its text twice
# does it in paragraphs of their own, which cleaning removes).
MIN_TEASER_CARDS = 3
CARD_SENTENCE_WORDS = 8


# A sentence of CARD_SENTENCE_WORDS words that stands twice in a paragraph
# shows as a run of this many words found twice among the paragraph's words:
# its words but the first and the last (which may be parts of longer words
# there: "fire" in "Bonfire") are words of the paragraph at both places.
_CARD_INNER_WORDS = CARD_SENTENCE_WORDS - 2


def _has_repeated_run(paragraph: str) -> bool:
    """Return whether a run of ``_CARD_INNER_WORDS`` words stands twice among the words of ``paragraph``."""
    found = tokens(paragraph)
    runs = list(zip(*(found[i:] for i in range(_CARD_INNER_WORDS))))
    return len(set(runs)) < len(runs)


def _repeats_a_sentence(paragraph: str) -> bool:
    """Return whether a sentence of ``paragraph`` stands twice in it (the first may be glued to a headline)."""
    if not _has_repeated_run(paragraph):
        # No sentence can stand twice, and the paragraph is not split into
        # sentences: 9.6 instead of 15.5 us per long paragraph of the store
        # benchmark's corpus (about 1 in 250 has a run of words twice).
        return False
    for start, end in split_sentences(paragraph):
        sentence = paragraph[start:end].strip()
        if len(tokens(sentence)) >= CARD_SENTENCE_WORDS and paragraph.count(sentence) >= 2:
            return True
    return False


def teaser_page_reason(lines: Sequence[str]) -> str:
    """Return why the page of ``lines`` is a list of story teasers, or ``""``.

    Example:
        >>> card = "Fire Displaces 18 A fire has destroyed several homes in the city's Hunting Park section."
        >>> teaser_page_reason(["Local News More>>"] + [f"{card} {card}"] * 3)
        'a page of story teasers, not a story: 3 of 3 paragraphs are cards that print their teaser twice'
    """
    long = [line for line in lines if len(tokens(line)) >= CARD_SENTENCE_WORDS]
    needed = max(MIN_TEASER_CARDS, -(-len(long) // 2))
    cards = 0
    for number, line in enumerate(long):
        if cards + len(long) - number < needed:
            return ""  # too few paragraphs left to make it a list of cards
        cards += _repeats_a_sentence(line)
    if cards >= needed:
        return (
            f"a page of story teasers, not a story: {cards} of {len(long)} paragraphs are cards "
            "that print their teaser twice"
        )
    return ""


# A sentence speaks to its reader when "you" is the subject of what it
# offers, asks or foretells ("you can", "you must", "you will", "you may"),
# when it says "your", "please", "thank you" or "let's", or when it opens
# with an imperative of what a page asks ("Sign up", "Download", "Shop",
# "Don't").  A bare "you" stays narrative: "as heartwarming as you would
# imagine", "you know".
_READER = re.compile(
    r"\byou(?:'re|’re|'ll|’ll|'ve|’ve)?\s+(?:will|can|may|must|won't|won’t|need|should|have|are|get|agree|want"
    r"|wish|might|could)\b|\b(?:your|please|thank\s+you|let's|let’s)\b"
)
_IMPERATIVE = re.compile(
    r"^\W*(?:(?:just|simply|now|then|also)\s+)?(?:don't|don’t|do\s+not|go|click|tap|visit|sign|subscribe|download"
    r"|join|shop|call|email|e-mail|enter|fill|register|find|see|watch|read|learn|try|check|follow|share|donate"
    r"|give|order|buy|save|remember|enjoy|discover|explore|create|choose|search|send|contact|submit|expect"
    r"|listen|tune|stay|reserve|book|apply|enroll|log)\b"
)
# A site speaks of itself: of "our" content ("Our annual database of state
# employee salaries"), in a list of its kinds of content ("Articles,
# lectures, videos, and other informational resources"), or offering a
# selection ("Here's a sampling of some of those projects").
_CONTENT = (
    r"(?:articles|lectures|videos|podcasts?|photos|galler(?:y|ies)|resources|databases?|projects|booklets?"
    r"|webinars?|newsletters?|archives?|site|website|stories|coverage|compilation|series|section|links)"
)
_SITE = re.compile(
    rf"\bour\s+(?:[\w-]+\s+){{0,3}}{_CONTENT}\b|\b{_CONTENT}\s*,\s*{_CONTENT}\b"
    r"|\bhere(?:'s|’s|\s+is|\s+are)\s+(?:a|an|some|our)\s+(?:sampling|selection|list|look|collection|roundup)\b"
)
# Legal and map disclaimers, terms of a service.
_LEGAL = re.compile(
    r"\b(?:do(?:es)?\s+not\s+(?:necessarily\s+)?(?:imply|reflect|represent|constitute|endorse)|whatsoever"
    r"|expression\s+of\s+any\s+opinion|terms\s+(?:of|and)\s+(?:use|service|conditions)|liab(?:le|ility)"
    r"|warrant(?:y|ies)|disclaim\w*|sole\s+discretion|here(?:in|by|under)|shall\s+not|legal\s+status"
    r"|until\s+you\s+cancel)\b"
)
# What a page reports: a sentence told of others with one of these is news
# (a petition's story says "organisers said"), and the page is no notice.
_REPORTS = re.compile(
    r"\b(?:said|says|told|tells|according\s+to|reported|announced|stated|confirmed|police|officials?)\b"
)
# Quoted words are someone else's ("'You will pay,' he said"), and a title in
# capitals holds a "Your" that speaks to no one ("How to Train Your Dragon 2").
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]|‘[^‘’]*’")
_TITLE_YOU = re.compile(r"\b([A-Z][\w'’]*\s+)(?:Your|You)(?=\s+[A-Z])")
# What the sentences of each kind are called in a reason, and how they read.
_ADDRESS_NAMES = {
    "reader": "speak to the reader (you can, you will, your, please, sign up...)",
    "site": "describe the site's own content (our database, articles, videos...)",
    "legal": "disclaim or set terms (do not imply, liability, terms of use...)",
}
_ADDRESS_PAGES = {
    "reader": "text addressed to the reader",
    "site": "a site's description of itself",
    "legal": "a disclaimer or terms of use",
}

# A page is such a notice when sentences of those kinds hold at least
# MIN_ADDRESS_SHARE of its words, fewer than MAX_REPORT_WORDS words stand in
# other sentences, and none of these reports (``_REPORTS``).  Chosen on the
# Multi-News sample: its notices (a sign-up form, a petition's confirmation,
# a horoscope, a shop's terms, a booklet's offer, a site's databases, a
# map's disclaimer, a parenting course's sign-up) have 0.58 to 1.00 of
# their words in such sentences and 0 to 90 words in others, none
# reporting.  Checked on every text of ECB+, BASIL, PolNeAR, FNC-1, the
# Multi-News clusters and the Zyte benchmark's gold bodies: no news story
# has more than 0.48 (a gossip column talking to its readers) with no
# sentence that reports; stories that address the reader report (FNC-1's
# "You may have seen an article on social media about a town..." goes on
# "the health department said").  Re-run tests/test_clean_kinds.py and the
# verdict comparison over the shared data after a change.
MIN_ADDRESS_SHARE = 0.5
MAX_REPORT_WORDS = 100


def address_kinds(sentence: str) -> list[str]:
    """Return how ``sentence`` speaks to its reader or of its page: ``reader``, ``site``, ``legal`` (none: ``[]``).

    Example:
        >>> address_kinds("This print-on-demand booklet is free and you may download a copy here.")
        ['reader']
        >>> address_kinds("Our annual database of state employee salaries was recently updated.")
        ['site']
        >>> address_kinds('"You will pay for this," he told the court.')
        []
    """
    return _address_kinds(_own_words(sentence))


def _own_words(sentence: str) -> str:
    """Return ``sentence`` in lower case without its quotations or a "Your" of a title in capitals.

    The patterns of ``address_kinds`` and ``_REPORTS`` are written in lower
    case and searched in this: Python's ``re`` runs them about three times
    faster than with ``re.IGNORECASE`` on the sentence as written.
    """
    return _TITLE_YOU.sub(r"\1", _QUOTED.sub(" ", sentence)).lower()


def _address_kinds(own: str) -> list[str]:
    kinds = []
    if _READER.search(own) or _IMPERATIVE.search(own):
        kinds.append("reader")
    if _SITE.search(own):
        kinds.append("site")
    if _LEGAL.search(own):
        kinds.append("legal")
    return kinds


def reader_page_reason(lines: Sequence[str]) -> str:
    """Return why the page of ``lines`` only speaks to its reader or of itself, or ``""``.

    Most of its words stand in sentences that address the reader, describe
    the site's own content or disclaim (``address_kinds``), few in others,
    and none of those reports.

    Example:
        >>> reader_page_reason(["Thank you for supporting the campaign.", "PLEASE NOTE:",
        ...                     "You must confirm your signature in your email for your vote to count."])
        'text addressed to the reader, not a story: 100% of 21 words speak to the reader (you can, you will, your, please, sign up...)'
        >>> reader_page_reason(["You may have seen the video.", "The health department said the town is safe."])
        ''
    """
    total = other = 0
    words_by_kind = dict.fromkeys(_ADDRESS_NAMES, 0)
    for line in lines:
        for start, end in split_sentences(line):
            sentence = line[start:end]
            size = len(tokens(sentence))
            if not size:
                continue
            total += size
            own = _own_words(sentence)
            kinds = _address_kinds(own)
            for kind in kinds:
                words_by_kind[kind] += size
            if kinds:
                continue
            other += size
            if other >= MAX_REPORT_WORDS or _REPORTS.search(own):
                return ""  # it tells or reports something: a story
    addressed = total - other
    if not total or addressed < MIN_ADDRESS_SHARE * total:
        return ""
    kind = max(words_by_kind, key=words_by_kind.__getitem__)
    return (
        f"{_ADDRESS_PAGES[kind]}, not a story: {addressed / total:.0%} of {total} words {_ADDRESS_NAMES[kind]}"
    )
