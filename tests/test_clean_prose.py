"""Pages that are lists, not stories (cast lists, pages of links, verse), and short stories that stay.

The pages are real Multi-News crawl pages, trimmed; the stories are real
ECB+, Multi-News and extraction-benchmark texts.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.clean import clean_article, not_an_article
from newsfuse.clean.prose import (
    _LINK,
    _SENTENCE_END,
    CUT_SENTENCE_MIN_WORDS,
    LINK_LINE_MAX_WORDS,
    MAX_PROSE_WORDS_WITH_LINKS,
    PROSE_MIN_WORDS,
    join_wrapped_lines,
    link_line,
    list_page_reason,
    prose_words,
)
from newsfuse.clean.shape import tokens
from newsfuse.config import CleanSettings
from newsfuse.errors import ItemError
from newsfuse.models import Article

# A comedy video's page: its text is the channel's links and the cast and crew.
CAST_PAGE = """Published on Apr 1, 2017

I TOLD YOU KAZAAM WAS A DIFFERENT MOVIE!

See more http://www.collegehumor.com
LIKE us on: http://www.facebook.com/collegehumor
FOLLOW us on: http://www.twitter.com/collegehumor

CAST
Sinbad
James - Bradley Bundlie
Rachael - Jolie Ledford
Track Suit Woman - Junie Hoang

CREW
Director - Ryan Anthony Martin & Royce Adkins
Writer - Mike Trapp & Royce Adkins
Producer - Shane Crown
Production Coordinator - Francesca McLafferty"""

# A stunt video's page: a licensing line and the crew's accounts.
CREDITS_PAGE = """Published on Sep 8, 2015
“This video is represented by Break.com - For any licensing requests please contact licensing@break.com”
Stunt man - https://instagram.com/jedidiahhuie/
Camera man - https://instagram.com/speedemon92/
Crew - https://instagram.com/aguyfromalabama/
https://instagram.com/johnnyhuie/
https://instagram.com/corybryantking/
This video is copyright protected!! This video is represented by Break.com - For any licensing requests please \
contact licensing@break.com"""

# A talk show clip's page: one line about the clip, then the channel's links.
LINKS_PAGE = """Jimmy gets a surprise visit from Daenerys Targaryen, and they talk about her crazy life.
Watch The Tonight Show Starring Jimmy Fallon Weeknights 11:35/10:35c
Get more Jimmy Fallon:
Follow Jimmy: http://Twitter.com/JimmyFallon
Like Jimmy: https://Facebook.com/JimmyFallon
Get more The Tonight Show Starring Jimmy Fallon:
Follow The Tonight Show: http://Twitter.com/FallonTonight
Like The Tonight Show: https://Facebook.com/FallonTonight
The Tonight Show Tumblr: http://fallontonight.tumblr.com/
Get more NBC:
NBC YouTube: http://bit.ly/1dM1qBH
Like NBC: http://Facebook.com/NBC
Follow NBC: http://Twitter.com/NBC
The Tonight Show Starring Jimmy Fallon features hilarious highlights from the show including: comedy sketches, \
music parodies, celebrity interviews, ridiculous games, and, of course, Jimmy's Thank You Notes and hashtags! \
You'll also find behind the scenes videos and other great web exclusives.
Jimmy Interviews Khaleesi from Game of Thrones (Kristen Wiig)
http://www.youtube.com/fallontonight"""


def _clean(text: str, min_words: int = 25):
    return clean_article(Article(id="p", source="s", title="", text=text, origin="p.html"), CleanSettings(min_words))


@pytest.mark.parametrize(
    "text, reason",
    [
        (CAST_PAGE, "p.html: a list, not a story: 0 of "),
        (CREDITS_PAGE, "p.html: a list, not a story: 5 of "),
        (LINKS_PAGE, "p.html: a page of links, not a story: "),
    ],
)
def test_cast_lists_and_pages_of_links_are_not_articles(text, reason):
    with pytest.raises(ItemError) as error:
        _clean(text)
    assert error.value.reason == "not-an-article"
    assert str(error.value).startswith(reason)
    assert not_an_article(text).startswith(reason.removeprefix("p.html: ").split(":")[0])


# Real short stories: briefs of two or three sentences, a story told around quoted tweets,
# a hard-wrapped page whose sentences run over lines, a wire item cut off mid-sentence.
SHORT_STORIES = [
    "Wellington supermarket fire\nA large fire has destroyed much of a supermarket in Somerset.\n"
    "Crews were called to the Waitrose building on Wellington High Street just after 6am.",
    "Alaska Gov. sarah palin's home church has been badly damaged in an arson fire.\n"
    "Damages to the Wasilla Bible Church are estimated at $1 million.\n"
    "The fire chief says the fire “is definitely suspicious.”\nNo one was hurt.",
    "Historic Mat Maid warehouse burns\nMat Maid mop up\nRemains of the Mat Maid warehouse smolder Tuesday "
    "morning in Palmer.\nThe fire was reported at 3: 33 a. m. and is under investigation by the Palmer Police "
    "and the State Fire Marshal.",
    "Democratic Congresswoman Jackie Speier used April Fools’ Day this afternoon to take a shot at President "
    "Trump‘s Twitter habits, announcing a bill to stop his “unsupervised tweets”:\n"
    "I will be introducing a bill next week which will prohibit @POTUS from posting unsupervised tweets. "
    "https://t.co/vNpeVFBj3J — Jackie Speier (@RepSpeier) April 1, 2017\n"
    "The president took to Twitter after watching segments on Fox News, on subjects ranging from Chuck Todd "
    "to The New York Times to this:\n"
    "Wow, @FoxNews just reporting big news. Source: “Official behind unmasking is high up. Known Intel "
    "official is responsible. Some unmasked…. — Donald J. Trump (@realDonaldTrump) April 1, 2017",
    "which were released online and are making the rounds on social media,\n"
    "show Nigerian actress, Kate Henshaw, looking absolutely stunning in new\nmake-up photos.\nKate Henshaw\n"
    "Veteran Nollywood actress, Kate Henshaw, who in 2008, won the\n"
    "Africa Movie Academy Award for Best Actress in a Leading Role, has taken\n"
    "to her Instagram page to share some stunning photos of herself.\nSee more photos:",
    "Lindsay Lohan Checks Into Rehab at Betty Ford Center\nFri., May. 3, 2013 11: 45 AM PDT\n"
    "Early Friday morning, around 1: 30 a. m., the 26-year-old actress checked into Betty Ford Center "
    "in Rancho Mirage, Calif,",
]


@pytest.mark.parametrize("text", SHORT_STORIES)
def test_short_real_stories_are_articles(text):
    assert list_page_reason(text.splitlines()) == ""
    _clean(text, min_words=0)


def test_a_brief_with_a_follow_us_footer_is_an_article():
    # The footer's links outnumber the story's lines, but cleaning removes them first.
    footer = [
        "Follow us on Twitter: https://twitter.com/localwire",
        "Like us on Facebook: https://facebook.com/localwire",
        "Follow us on Instagram: https://instagram.com/localwire",
        "Read more: https://localwire.com/2013/fire",
    ]
    _clean("\n".join(SHORT_STORIES[0].splitlines() + footer), min_words=0)


# --- properties ----------------------------------------------------------------------------

_STORY = SHORT_STORIES[1].splitlines() + SHORT_STORIES[0].splitlines()[1:]
_LIST_LINES = st.sampled_from(CAST_PAGE.splitlines() + CREDITS_PAGE.splitlines() + LINKS_PAGE.splitlines())


@settings(max_examples=200, deadline=None)
@given(st.lists(_LIST_LINES, max_size=30), st.randoms(use_true_random=False))
def test_list_lines_never_turn_a_story_into_a_list(extra, rng):
    lines = list(_STORY) * 2 + extra
    rng.shuffle(lines)
    story_words = sum(prose_words(line) for line in _STORY) * 2
    assert story_words >= MAX_PROSE_WORDS_WITH_LINKS
    assert list_page_reason(lines) == ""


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="ascii"), max_size=60), max_size=12))
def test_joining_wrapped_lines_keeps_every_word_in_order(lines):
    lines = [line for line in lines if line.strip()]
    joined = join_wrapped_lines(lines)
    assert len(joined) <= len(lines)
    assert [w for line in joined for w in tokens(line)] == [w for line in lines for w in tokens(line)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(CAST_PAGE.splitlines()[8:]), min_size=4, max_size=20))
def test_credit_lines_alone_are_a_list(lines):
    if sum(1 for line in join_wrapped_lines([x for x in lines if x.strip()])) >= 4:
        assert list_page_reason(lines).startswith("a list, not a story: 0 of ")



@settings(max_examples=100, deadline=None)
@given(
    line=st.sampled_from(CAST_PAGE.splitlines() + CREDITS_PAGE.splitlines() + LINKS_PAGE.splitlines() + _STORY),
    link=st.sampled_from(
        ["", " http://bit.ly/x", " https://t.me/x", " Break.com", " @nbc", " www.rte.ie/news", " jo@cnn.com", " 5.5%"]
    ),
)
def test_lines_are_read_as_when_the_link_pattern_runs_on_every_line(line, link):
    # The link pattern is skipped where nothing it matches can stand; prose
    # words and link lines must be those it gives when it runs everywhere.
    text = line + link
    bare = _LINK.sub(" ", text).strip()
    assert link_line(text) == (bool(_LINK.search(text)) and len(tokens(bare)) <= LINK_LINE_MAX_WORDS)
    found = tokens(bare)
    is_prose = len(found) >= PROSE_MIN_WORDS and any(word[:1].islower() for word in found[1:]) and (
        bool(_SENTENCE_END.search(bare)) or len(found) >= CUT_SENTENCE_MIN_WORDS
    )
    assert prose_words(text) == (len(found) if is_prose else 0)
