"""Transcripts: speaker labels are turns, a guest's turns are quotes, the labels are no entities.

The texts are excerpts of two real transcripts in the Multi-News sample (NPR's Juneteenth segment,
ABC's interview with President Obama) and of real pages whose paragraphs open with capitals and a
colon but are no transcript.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.brief import build_brief, check_grounded
from newsfuse.brief.names import scan_names
from newsfuse.brief.people import People
from newsfuse.brief.quotes import QuoteMention, find_quotes, merge_quotes
from newsfuse.brief.transcript import find_turns, label_mentions
from newsfuse.config import BriefSettings
from newsfuse.models import Story
from test_brief_support import make_article

RULES = BriefSettings(ner="rules", workers=1)

NPR = """A 90-year-old Texas woman is trying to make "Juneteenth," a holiday that honors the freedom of slaves, \
a national holiday.

MICHEL MARTIN, HOST:

This week, thousands of Americans are getting ready to visit Washington, D.C., to attend the inauguration or \
protests or other events.

OPAL LEE: I kept telling family and friends that wanted to do it, and I think they thought, well, she's delusional.

MARTIN: That's Opal Lee. She is on a quest to make June 19 a federal holiday.

LEE: I just thought if a little, old lady in tennis shoes was out there walking, somebody would take notice.

MARTIN: It started out as a simple walk around her church in Fort Worth.

LEE: Slaves didn't free themselves. There were abolitionists and people of all persuasions that worked \
untiringly to have slavery abolished."""

ABC = """GEORGE STEPHANOPOULOS: Thanks for joining us live on ABCNews.com and Yahoo.com for this exclusive \
interview with President Barack Obama and thanks for having us to the White House.

PRESIDENT OBAMA: Great to be here.

GEORGE STEPHANOPOULOS: There has been a huge response since we announced this interview. There's so many \
people who simply don't think they're better off than they were four years ago. How do you convince them that \
they are?

PRESIDENT OBAMA: Well, I don't think they're better off than they were four years ago. They're not better off \
than they were before Lehman's collapse, before the financial crisis-- before this extraordinary recession \
we're going through. But the unemployment rate is still way too high.

GEORGE STEPHANOPOULOS: ...pass the tax cuts and the trade bills, is that enough?

PRESIDENT OBAMA: Well, we're going to be passing the trade bills. And I'm pleased we're doing that. Because \
that actually will add jobs-- you know, the trade bill not only is for Korea, but also Panama and Colombia.

GEORGE STEPHANOPOULOS: Can you stop it?

PRESIDENT OBAMA: Well, you can stop it because it-- if you-- if you say to the banks, "You don't have some \
inherent right just to-- you know, get a certain amount of profit. If your customers-- are being mistreated. \
That you have to treat them fairly and transparently."

GEORGE STEPHANOPOULOS: And you're not going to tell it's how long it's going to take? (LAUGH) Let me just \
finish up with a couple personal questions."""


def _turns(text: str) -> list[tuple[str, bool, str]]:
    return [(t.speaker, t.is_host, text[t.start : t.end].split()[0]) for t in find_turns(text)]


def test_an_npr_transcript_has_a_host_and_a_guest():
    assert _turns(NPR) == [
        ("Michel Martin", True, "This"),  # the label alone on its line heads the next paragraph
        ("Opal Lee", False, "I"),
        ("Michel Martin", True, "That's"),  # "MARTIN" shortens "MICHEL MARTIN", and is the host too
        ("Opal Lee", False, "I"),
        ("Michel Martin", True, "It"),
        ("Opal Lee", False, "Slaves"),
    ]


def test_the_one_who_asks_is_the_interviewer_where_no_label_says_host():
    turns = find_turns(ABC)
    assert {(t.speaker, t.is_host) for t in turns} == {("George Stephanopoulos", True), ("Obama", False)}
    obama = next(t for t in turns if t.speaker == "Obama")
    assert ABC[obama.name_start : obama.name_end] == "OBAMA"  # the title is no part of the name


def _quotes(text: str) -> list[tuple[str, str]]:
    article = make_article("a", "Radio", text)
    mentions = label_mentions(text, scan_names(text), find_turns(text))
    return [(q.speaker, q.text) for q in find_quotes(article, People(mentions), mentions)]


def test_a_guests_turns_are_her_quotes_and_the_hosts_are_not():
    assert _quotes(NPR) == [
        ("Opal Lee", "I kept telling family and friends that wanted to do it, and I think they thought, well, she's "
         "delusional."),
        ("Opal Lee", "I just thought if a little, old lady in tennis shoes was out there walking, somebody would "
         "take notice."),
        ("Opal Lee", "Slaves didn't free themselves. There were abolitionists and people of all persuasions that "
         "worked untiringly to have slavery abolished."),
    ]


def test_the_guest_label_resolves_to_the_full_name_and_short_turns_are_no_quotes():
    quotes = _quotes(ABC)
    assert {speaker for speaker, _ in quotes} == {"Barack Obama"}  # "PRESIDENT OBAMA" is the man named in full
    # The words in quotation marks inside a turn are the guest's turn already, no quote of their own.
    assert [text.split()[:3] for _, text in quotes] == [
        ["Well,", "I", "don't"], ["Well,", "we're", "going"], ["Well,", "you", "can"]
    ]


def test_labels_and_stage_directions_are_no_entities():
    story = Story("s", ("npr", "abc"))
    brief = build_brief(story, [make_article("npr", "NPR", NPR), make_article("abc", "ABC", ABC)], RULES)
    people = {e.name: set(e.aliases) for e in brief.entities if e.type == "person"}
    # The guests are persons under their names in display case; the hosts' labels, the roles ("HOST")
    # and the stage direction "(LAUGH)" name nobody.
    assert people == {"Opal Lee": {"Opal Lee", "Lee"}, "Barack Obama": {"Barack Obama", "Obama"}}
    assert not [alias for e in brief.entities for alias in e.aliases if alias.isupper() and "." not in alias]
    assert [q.speaker for q in brief.quotes] == ["Opal Lee"] * 3 + ["Barack Obama"] * 3
    assert check_grounded(brief) == []


def test_an_outlets_trimmed_quote_joins_the_turn_it_stands_in_and_two_turns_stay_apart():
    article = make_article("abc", "ABC", ABC)
    mentions = label_mentions(ABC, scan_names(ABC), find_turns(ABC))
    turns = find_quotes(article, People(mentions), mentions)
    quoted = "They're not better off than they were before Lehman collapsed, before the financial crisis ... " \
        "the unemployment rate is still way too high"
    other = QuoteMention("cnn", 0, len(quoted), quoted, "Barack Obama", "after")
    # Every word of this remark is in the first turn, but not together: it is no wording of that turn.
    short = QuoteMention("cnn", 200, 228, "we're still going through it", "Barack Obama", "after")
    merged = merge_quotes([(0, "ABC", q) for q in turns] + [(1, "CNN", other), (1, "CNN", short)])
    by_outlets = sorted((len(q.sources), q.text.split()[:2]) for q in merged)
    # The trimmed wording joins the turn it comes from (one piece between the ellipses suffices); the
    # other turn and a remark that stands in neither stay statements of their own.
    assert by_outlets == [(1, ["Well,", "we're"]), (1, ["Well,", "you"]), (1, ["we're", "still"]), (2, ["Well,", "I"])]


@pytest.mark.parametrize(
    "text",
    [
        # A newsletter's section labels (Politico's Morning Money).
        "EXCLUSIVE: ABA'S KEATING RIPS OBAMA - American Bankers Association President Frank Keating responded.\n"
        "OBAMA ON BANK OF AMERICA - From the ABC interview: the fee is an outrage.\n"
        "INDUSTRY REACTS - The remarks from the President generated serious consternation.\n"
        "DURBIN SAVAGES BofA - From Sen. Dick Durbin's floor statement: vote with your feet.",
        # A list of links to other stories.
        "BLOG: Why a Chemical Threat in Syria Is Terrifying\nBLOG: Why Chemical Weapons Cross the 'Red Line'\n"
        "NEWS: What Are the Rules of War?",
        # A fact check's paragraphs.
        "FACT: Kim Jong-Un already has a restaurant in Amsterdam.\n"
        "FACT: A reporter for the Scotland Daily Post wants the dictator to open a restaurant in Scotland.\n"
        "SHITE: Kim Jong-Un plans to open a restaurant in Scotland.\n"
        "FACT: If Kim Jong-Un does open a restaurant in Scotland, we'll be embarrassed.",
        # Datelines and notes.
        "NEW DELHI: The government on Monday announced a new rail line.\nUPDATE: The line opens in May.\n"
        "WASHINGTON: The State Department welcomed the plan.\nNOTE: This story has been corrected.",
        "HONG KONG: The government on Monday announced a new rail line.\nCAPE TOWN: Stocks rose on Monday.\n"
        "HONG KONG: Opposition leaders criticised the plan.",
        # Columnists' teasers: a name, then a headline.
        "PAUL KRUGMAN: Why We're in a New Gilded Age\nMAUREEN DOWD: The Man Who Would Be King\n"
        "PAUL KRUGMAN: The Conscience of a Liberal Returns",
        # A debate page's sides: one-word labels the page never writes as names.
        "PRO: Cities should ban cars from their centres.\nCON: Shops would lose their customers.\n"
        "PRO: The air would be cleaner for everyone.",
        # Section labels that the page also writes as words ("Exclusive interviews").
        "EXCLUSIVE: Keating rips Obama over the fee.\nANALYSIS: Banks face a reckoning.\n"
        "EXCLUSIVE: Durbin writes to the bank's chief executive.\nExclusive interviews and Analysis appear daily.",
    ],
)
def test_paragraphs_that_open_with_capitals_and_a_colon_are_no_transcript(text):
    assert find_turns(text) == []


def test_unnamed_speakers_say_nothing_quotable():
    text = (
        "DAVID GREENE, HOST: Protesters gathered outside the courthouse on Monday.\n"
        "UNIDENTIFIED MAN #1: We want justice, and we want it now for the family.\n"
        "GREENE: The mayor asked for calm.\n"
        "UNIDENTIFIED WOMAN: We are not going anywhere until they listen to us.\n"
        "GREENE: Police said the crowd dispersed peacefully by evening."
    )
    turns = find_turns(text)
    assert [(t.speaker, t.is_host) for t in turns] == [
        ("David Greene", True), ("", False), ("David Greene", True), ("", False), ("David Greene", True)
    ]
    assert _quotes(text) == []


_PIECES = st.sampled_from(
    ["MARTIN", "OPAL LEE", "HOST", "UNIDENTIFIED MAN #1", "PRESIDENT OBAMA", "Q", ":", ": ", ", ", "\n", "\n\n",
     "OPAL LEE:\n", "MICHEL MARTIN, HOST:\n", "\"WALLACE: ", "(CROSSTALK.)\n",
     "said", "Lee", "the", "?", "(LAUGHTER)", "FACT", "WASHINGTON", "We will go.", " ", "--"]
)


@given(st.lists(_PIECES, max_size=50).map("".join) | st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_turns_are_ordered_spans_after_their_labels(text):
    turns = find_turns(text)
    for turn in turns:
        assert turn.label_start <= turn.name_start < turn.name_end <= turn.label_end <= turn.start < turn.end
        assert turn.end <= len(text) and "\n" not in text[turn.start : turn.end]
        assert re.fullmatch(r"[A-Z0-9 #.'’\-]+", text[turn.name_start : turn.name_end])
    assert [t.start for t in turns] == sorted(t.start for t in turns)
    article = make_article("a", "Radio", text)
    mentions = label_mentions(text, scan_names(text), turns)
    for quote in find_quotes(article, People(mentions), mentions, turns):
        assert text[quote.start : quote.end] == quote.text


# Breitbart quotes a Fox News Sunday transcript paragraph by paragraph (PolNeAR's dev set).
FOX = """On this weekend's broadcast of "Fox News Sunday," Republican vice-presidential nominee Gov. Mike Pence \
(R-IN) said Donald Trump's tweet was only "to mock" Hillary Clinton.

Partial transcript as follows:

"WALLACE: Let's start with breaking news on the debate story. Two questions: Why would Trump do that? And will \
Gennifer Flowers actually be there tomorrow night?

"PENCE: Well, look, Hillary Clinton apparently thinks this is an episode of "Shark Tank." But this is America, \
Chris. It's serious business.

"(CROSSTALK.)

"WALLACE: If I may, sir, because we've got limited time. I want to ask you, will Gennifer Flowers be there?

"PENCE: Gennifer Flowers will not be attending the debate tomorrow night.

"WALLACE: Do you really see those two as equivalent?

"PENCE: Well, look, you know, Mark Cuban has been out there saying some pretty tough stuff about my running mate."
"""


def test_a_transcript_quoted_paragraph_by_paragraph():
    turns = find_turns(FOX)
    # "WALLACE" is written nowhere else as a name, but speaks three times beside "PENCE" (Gov. Mike Pence).
    assert [(t.speaker, t.is_host) for t in turns] == [("Wallace", True), ("Pence", False)] * 3
    quotes = _quotes(FOX)
    turns_quoted = [(speaker, text) for speaker, text in quotes if text.startswith(("Well", "Gennifer"))]
    assert [speaker for speaker, _ in turns_quoted] == ["Mike Pence"] * 3
    assert [text[:24] for _, text in turns_quoted] == [
        "Well, look, Hillary Clin", "Gennifer Flowers will no", "Well, look, you know, Ma"
    ]
    assert turns_quoted[2][1].endswith("my running mate.")  # the closing mark of the quoted transcript is no word
    # The prose's own quotation stays; the host's paragraphs are no quotes, nor a mark inside a guest's turn,
    # nor the show's name ('broadcast of “Fox News Sunday,”').
    assert ("Mike Pence", "to mock") in quotes and len(quotes) == 4


def test_labels_with_nothing_said_under_them_are_no_turns():
    # Three labels, each alone on its line: a transcript's skeleton with no words (this raised once).
    assert find_turns("OPAL LEE:\nMICHEL MARTIN, HOST:\nOPAL LEE:\n") == []
    text = NPR.replace("LEE: I just thought", "LEE: (LAUGHTER)\n\nMARTIN: Go on.\n\nLEE: I just thought")
    # A turn that is only a stage direction says nothing; the guest's next turn is hers as before.
    assert [t for _, t in _quotes(text)][1].startswith("I just thought")
    assert "(LAUGHTER)" not in [text[t.start : t.end] for t in find_turns(text)]
