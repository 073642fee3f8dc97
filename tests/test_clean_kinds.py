"""Pages of other kinds than news (research papers, encyclopedia entries, video descriptions, notices), and stories that stay.

The pages are real Multi-News crawl pages, trimmed; the stories that must
stay are real Multi-News and ECB+ texts about a study or a video.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.clean import not_an_article
from newsfuse.clean.kinds import (
    CARD_SENTENCE_WORDS,
    MAX_REPORT_WORDS,
    MIN_ADDRESS_SHARE,
    MIN_CITATIONS,
    MIN_HEADINGS,
    MIN_TEASER_CARDS,
    _CITATION_BRANCHES,
    _REPORTS,
    _repeats_a_sentence,
    address_kinds,
    citation_marks,
    paper_reason,
    reader_page_reason,
    teaser_page_reason,
    video_page_reason,
)
from newsfuse.clean.shape import tokens
from newsfuse.errors import ItemError
from newsfuse.text import split_sentences
from test_clean_prose import _clean

# A journal paper's abstract, with its section headings.
PAPER_SECTIONS = """INTRODUCTION:

This study aimed to use video analysis techniques to determine the velocity, impact force, angle of impact, and \
impulse to fracture involved in a video-recorded bicycle accident resulting in facial fractures.

MATERIALS AND METHODS:

A video recording of the accident was split into frames and analyzed using an image editing program. Measurements \
of velocity and angle of impact were obtained from this analysis.

RESULTS:

There was an impact velocity of 6.25 m/s, impact angles of 14 and 6.3 degrees of neck extension and axial rotation, \
respectively, an impact force of 1910.4 N, and an impulse to fracture of 47.8 Ns.

DISCUSSION:

These data confer further understanding of the biomechanics of bicycle-related accidents."""

# A paleontology paper's section: figure references and an author-year citation.
PAPER_FIGURES = """Material and association

The pes described herein consists of an astragalus (KUVP 142200), metatarsals I to V, four non-ungual pedal \
phalanges, one ungual (KUVP 129724), an additional non-ungual phalanx (KUVP 133862), and a second ungual (KUVP \
144767). It was found at the Bobcat Pit site in Weston County in the Black Hills in north-eastern Wyoming (see \
Fig. 1A). It has been mentioned in Bader, Hasiotis & Martin (2009), but never described in detail.

Figure 1: Location (A) and quarry maps (B, C) of Bobcat Pit in Weston County, Wyoming.

In addition to the elements belonging to the pes described herein (KUVP 129724, 133862, 142200, 144767, Figs. 1B \
and 1C), Bobcat Pit has produced several specimens belonging to camarasaurid, diplodocid, and brachiosaurid \
sauropods (Bader, Hasiotis & Martin, 2009). During a 1998 expedition led by the University of Kansas, the sauropod \
pes was found underneath the tail of the Camarasaurus KUVP 129716, with the phalanges scattered around the \
skeleton (Fig. 1C)."""

# A geophysics paper: citation numbers printed as superscripts, glued to words.
PAPER_SUPERSCRIPTS = """Several previous active and passive-source seismic studies have observed weak or absent Moho \
arrivals at other locations within the Cascadia forearc region14,16,18 (Fig. 1), including a reversal of the Moho \
velocity contrast in central Oregon13. The inferred reduction of mantle velocities has been attributed to the \
formation of low-velocity serpentine in the mantle wedge11,12,13,14. Serpentinite also has a relatively low-density \
and high-magnetic susceptibility, which is consistent with regional magnetic and gravity anomalies15."""

# A song's video page: the upload line, the album, the lyrics.
VIDEO_LYRICS = """Published on Sep 2, 2008

From the LP Surrealistic Pillow

The summer had inhaled and held its breath too long
The winter looked the same, as if it never had gone
And through an open window where no curtain hung
I saw you, I saw you, comin' back to me
One begins to read between the pages of a look
The shape of sleepy music, and suddenly you're hooked
Through the rain upon the trees, that kisses on the run
I saw you, I saw you, comin' back to me"""

# A talk show clip's page: the upload line, one line on the clip, the channel.
VIDEO_CHANNEL = """Published on Jul 18, 2017

Stephen kicks off 'Russia Week' with a deep dive into the prized jewel of Russia: the Trump administration.

Subscribe To "The Late Show" Channel HERE: http://bit.ly/ColbertYouTube
Watch The Late Show with Stephen Colbert weeknights at 11:35 PM ET/10:35 PM CT. Only on CBS.
The Late Show with Stephen Colbert is the premier late night talk show on CBS, airing at 11:35pm EST, streaming \
online via CBS All Access, and delivered to the International Space Station on a USB drive taped to a weather \
balloon. Every night, viewers can expect: Comedy, humor, funny moments, witty interviews, celebrities, famous \
people, movie stars, bits, humorous celebrities doing bits, funny celebs, big group photos of every star from \
Hollywood, even the reclusive ones, plus also jokes."""

# A "Most Popular Stories" box: three cards, each printing its headline and teaser twice.
_CARDS = [
    "INVESTIGATORS: 'Connecting the dots' Minn. man with 'operational capacity' to carry out terrorist attack studies "
    "to be a semi driver",
    "The Fox 9 Investigators have learned that a Minnesota man who the Department of Homeland Security says has the "
    "“operational capacity” to carry out a terror attack, is now studying to get his Class A Commercial Drivers "
    "License that would allow him to drive semi-trucks.",
    "Day of Silent Social Media: Think you can turn it off?",
    "Two Minneapolis high school students say it's time to disconnect with technology and reconnect with people.",
    "Charges: 2 Minnesota ISIS recruits used student loans to finance travel",
    "Two of the 7 young men from the Twin Cities accused of attempting to join ISIS in Syria face new charges of "
    "financial aid.",
]
TEASER_CARDS = "Most Popular Stories Most Popular Stories More>>\n\n" + "\n\n".join(
    f"{title} {title} {teaser} {teaser}" for title, teaser in zip(_CARDS[::2], _CARDS[1::2])
)

# A university's release about a study, with a "METHOD" section: a story about a study.
STUDY_RELEASE = """THC makes rats lazy, less willing to try cognitively demanding tasks: UBC study

New research from the University of British Columbia suggests there may be some truth to the belief that marijuana \
use causes laziness— at least in rats.

The study, published today in the Journal of Psychiatry and Neuroscience, found that tetrahydrocannabinol (THC), \
the main psychoactive ingredient in marijuana, makes rats less willing to try a cognitively demanding task.

“Perhaps unsurprisingly, we found that when we gave THC to these rats, they basically became cognitively lazy,” \
said Mason Silveira, the study’s lead author and a PhD candidate in UBC’s department of psychology.

METHOD

At the beginning of each behavioural experiment, rats chose between two levers to signal whether they wanted an \
easy or hard challenge."""

# A news story about a study (the infants' naps), told in words.
STUDY_STORY = """(HealthDay News) -- Babies process and preserve memories during those many naps they take during \
the day, a new study suggests. "We discovered that sleeping shortly after learning helps infants to retain memories \
over extended periods of time," said study author Sabine Seehagen, a child and adolescent psychology researcher with \
Ruhr University Bochum in Germany.

In the new study, researchers launched two experiments. In each one, babies aged 6 months or 12 months were taught \
how to remove mittens from animal puppets. Then some of the babies took a nap for a half-hour and some didn't. A \
total of 216 babies were tested.

The researchers found that only the babies who'd taken naps after learning actually remembered what they'd \
learned, especially after 24 hours."""

# A news story about a video, and a news page dated "Published on ...".
VIDEO_STORY = """Sinbad celebrated April Fools' Day by perpetuating one of the internet's greatest myths: The \
existence of his genie film Shazaam. On Saturday. College Humor shared "lost footage" of the comedian starring in \
the (fake) film on Saturday.

Based on countless testimonies found on internet message boards, a genie film titled Shazaam that starred Sinbad \
has been falsely implanted into the memories of thousands of Nineties kids."""
DATED_STORY = """Microsoft releases out-of-cycle patch for IE flaw
Published on 18th September 2013
Microsoft's bad September continues to grow worse, with the company being forced to issue an out-of-cycle patch \
for a zero-day vulnerability in its Internet Explorer web browser.
Microsoft's September got off to a bad start when the company issued a raft of faulty updates as part of its \
monthly Patch Tuesday release cycle."""


@pytest.mark.parametrize(
    "text, reason",
    [
        (PAPER_SECTIONS, "p.html: a research paper, not a news story: its sections are headed Introduction, "),
        (PAPER_FIGURES, "p.html: a research paper or reference text, not a news story: 5 citation and figure marks"),
        (PAPER_SUPERSCRIPTS, "p.html: a research paper or reference text, not a news story: "),
        (VIDEO_LYRICS, "p.html: a video's upload description, not a story: it opens 'Published on Sep 2, 2008'"),
        (VIDEO_CHANNEL, "p.html: a video's upload description, not a story: "),
        (TEASER_CARDS, "p.html: a page of story teasers, not a story: 3 of 3 paragraphs are cards"),
    ],
)
def test_papers_and_video_descriptions_are_not_articles(text, reason):
    with pytest.raises(ItemError) as caught:
        _clean(text)
    assert caught.value.reason == "not-an-article"
    assert str(caught.value).startswith(reason), str(caught.value)
    assert not_an_article(text)


# A company's release with two footnotes, each cited in the text and again over its
# note (the Zyte extraction benchmark's Ascom page): four marks, two sources.
FOOTNOTED_RELEASE = """\
Ascom announces a strategic distribution partnership with GE Healthcare in Europe for intensive care units
In traditional ICUs, each patient is wired to up to ten medical equipment, from monitoring devices to \
ventilators or infusion pumps. These high-end technologies provide clinicians with critical information and \
alert them when staff intervention is required. But this can sometimes lead to alarm fatigue, with care \
givers being exposed to up to 1,000 alarms per shift[1], even though up to 99% of those do not even require \
clinical intervention[2].
The new alarm management solution called Digistat Patient Watch collects data from a variety of devices \
connected to the patient, providing a holistic view at the patient bedside level and at the ICU level.
"Digistat Patient Watch helps clinicians leverage patient data to increase situational awareness and align \
priorities," says Andre Neu, Head of Platform Solutions for Ascom.
[1] Alarm fatigue: impacts on patient safety, Ruskin KJ, Hueske-Kraus D. Curr Opin Anaesthesiol. 2015; 28: 685-690.
[2] Joint Commission National Patient Safety Goal: Alarm Management |ECRI top 10 Health Technology Hazard"""


@pytest.mark.parametrize("text", [STUDY_RELEASE, STUDY_STORY, VIDEO_STORY, DATED_STORY, FOOTNOTED_RELEASE])
def test_stories_about_a_study_or_a_video_stay_articles(text):
    assert _clean(text).text
    assert not_an_article(text) == ""


_HEADINGS = ["Background", "METHODS:", "Results", "Discussion", "Conclusions", "References", "Method"]
_STORY_LINES = [line for line in (STUDY_STORY + "\n" + VIDEO_STORY).splitlines() if line.strip()]


@settings(max_examples=60, deadline=None)
@given(
    headings=st.lists(st.sampled_from(_HEADINGS), max_size=MIN_HEADINGS - 1),
    positions=st.lists(st.integers(0, len(_STORY_LINES)), min_size=MIN_HEADINGS - 1, max_size=MIN_HEADINGS - 1),
    marks=st.lists(st.sampled_from(["(Fig. 2)", "[3]", "(Smith et al., 2015)"]), max_size=MIN_CITATIONS - 1),
)
def test_a_story_with_a_few_headings_and_marks_stays_an_article(headings, positions, marks):
    lines = list(_STORY_LINES)
    for heading, position in zip(headings, positions):
        lines.insert(position, heading)
    for number, mark in enumerate(marks):
        index = number % len(lines)
        lines[index] = f"{lines[index]} {mark}"
    assert paper_reason(lines) == ""


@settings(max_examples=60, deadline=None)
@given(
    day=st.integers(1, 28),
    year=st.integers(1995, 2030),
    form=st.sampled_from(["Published on {d} September {y}", "Published on: Sep {d}, {y} at 9:56", "Sep {d}, {y}"]),
)
def test_other_date_lines_do_not_make_a_video_page(day, year, form):
    lines = [form.format(d=day, y=year), "From the LP Surrealistic Pillow", "I saw you, comin' back to me"]
    assert video_page_reason(lines) == ""
    assert video_page_reason([f"Published on Sep {day}, {year}"] + lines[1:])


@settings(max_examples=60, deadline=None)
@given(doubled=st.lists(st.integers(0, len(_STORY_LINES) - 1), max_size=MIN_TEASER_CARDS - 1, unique=True))
def test_a_story_with_a_few_doubled_paragraphs_is_no_teaser_page(doubled):
    # A crawl may print a caption or a paragraph twice on one line; fewer than
    # MIN_TEASER_CARDS such paragraphs never make a story a list of teasers.
    lines = [f"{line} {line}" if index in doubled else line for index, line in enumerate(_STORY_LINES)]
    assert teaser_page_reason(lines) == ""
    assert teaser_page_reason(TEASER_CARDS.splitlines())


# Real lines that hold citation marks of every kind, or look like them
# ("Sept. 11", "1,000", "(CNN)"), to mix into pages.
_MARK_LINES = (
    PAPER_FIGURES.splitlines() + PAPER_SUPERSCRIPTS.splitlines() + _STORY_LINES
    + [line for line in (STUDY_RELEASE + "\n" + DATED_STORY).splitlines() if line.strip()]
    + ["The attacks of Sept. 11, 2001 killed nearly 3,000 people, and 1,000 more were hurt [12].",
       "See doi: 10.1038/nature12373 and Table 2 of the supplement.", "(CNN) -- The study, (Smith et al. 2010).",
       # A public-health paper's superscripts after a sentence's stop.
       "Alcohol ranks among the top five risk factors for global disease burden, accounting for 5.5% of all "
       "disability adjusted life years lost. 1 About 70% of this alcohol burden is due to long-term harms.",
       "Studies on tobacco control messages establishing their predictive validity for increased intentions to "
       "quit, 39 more thoughts about quitting 40 and behaviour change. 41 , 42 A recent review defined it."]
)


def test_citation_marks_of_real_papers_and_stories():
    assert citation_marks(PAPER_FIGURES) == [
        "Fig. 1A", "Figure 1", "Figs. 1B", "(Bader, Hasiotis & Martin, 2009)", "Fig. 1C",
    ]
    assert citation_marks(PAPER_SUPERSCRIPTS) == ["region14,16,18", "Fig. 1", "wedge11,12,13,14"]
    assert citation_marks(STUDY_STORY) == citation_marks(STUDY_RELEASE) == citation_marks(DATED_STORY) == []


@settings(max_examples=80, deadline=None)
@given(picked=st.lists(st.sampled_from(_MARK_LINES), max_size=12))
def test_citation_marks_are_those_of_the_whole_pattern(picked):
    # The search leaves out the branches a text cannot match; what it finds
    # must be what the pattern of all branches finds.
    text = "\n".join(picked)
    whole = re.compile("|".join(_CITATION_BRANCHES))
    assert citation_marks(text) == [match.group().strip() for match in whole.finditer(text)]


@settings(max_examples=80, deadline=None)
@given(picked=st.lists(st.sampled_from(TEASER_CARDS.splitlines() + _STORY_LINES), max_size=14))
def test_teaser_pages_counted_as_every_card_is_judged(picked):
    # The judgement stops once too few paragraphs are left to decide it; the
    # answer and its count are those of judging every paragraph.
    long = [line for line in picked if len(tokens(line)) >= CARD_SENTENCE_WORDS]
    cards = sum(map(_repeats_a_sentence, long))
    expected = cards >= MIN_TEASER_CARDS and 2 * cards >= len(long)
    reason = teaser_page_reason(picked)
    assert bool(reason) == expected
    assert not expected or f": {cards} of {len(long)} paragraphs" in reason


def _repeats_when_split(paragraph: str) -> bool:
    """``_repeats_a_sentence`` without its shortcut: every sentence of ``paragraph`` looked for twice."""
    for start, end in split_sentences(paragraph):
        sentence = paragraph[start:end].strip()
        if len(tokens(sentence)) >= CARD_SENTENCE_WORDS and paragraph.count(sentence) >= 2:
            return True
    return False


def test_a_sentence_stands_twice_as_when_every_sentence_is_looked_for():
    # A paragraph is split into sentences only when a run of its words stands
    # twice.  Real lines and their sentences, printed twice: after a line, glued
    # to themselves ("experiments.In the new study", where the two copies share
    # no first and last word), after a caption, inside a longer word.
    lines = _STORY_LINES + _CARDS
    sentences = [line[start:end] for line in lines for start, end in split_sentences(line)]
    # A sentence of just CARD_SENTENCE_WORDS words, the shortest that counts.
    assert "In the new study, researchers launched two experiments." in sentences
    verdicts = set()
    for line in lines:
        for sentence in sentences:
            for paragraph in (
                line,
                f"{line} {sentence} {sentence}",
                f"{sentence}{sentence}",
                f"{sentence} Photo: {line} {sentence}",
                f"Ex{sentence.lower()} {sentence}",
            ):
                verdict = _repeats_a_sentence(paragraph)
                assert verdict == _repeats_when_split(paragraph), paragraph
                verdicts.add(verdict)
    assert verdicts == {True, False}


# --- pages that only speak to their reader, of their own site, or disclaim ------------------
# Real Multi-News crawl pages (a few trimmed).

SIGN_UP_FORM = (
    "Just fill in your contact details in the form below to join our mailing list and keep up to date with the "
    "Good Country as it develops."
)
PETITION_THANKS = """Thank you for supporting the campaign to make Juneteenth a National Holiday.

PLEASE NOTE:

You must confirm your signature in your email for your vote to count."""
HOROSCOPE = """Postrology

You can expect some amazing things to occur over the next 48 hours and whatever they happen to be you will be at \
the center of them. Don't be too passive though. This is your time of year and you have the power to set the agenda."""
SHOP_TERMS = """Shop or "Skip" The choice to shop is always yours! Shop or log into your account to "Skip the Month" by \
the 5th of the month and you won't be charged.

VIP Member Credits If you don't shop or "Skip the Month" by the 5th, your credit card will be charged $49.95 on the \
6th until you cancel. That charge can be used as a credit to spend or save."""
BOOKLET_OFFER = """“The Rise of Competency-Based Education” is Inside Higher Ed's new compilation of articles.

This print-on-demand booklet is free and you may download a copy here.

On Tuesday, Feb. 23, at 2 p.m. Eastern, Inside Higher Ed's editors will discuss the themes of the booklet and take \
your questions about them in a free webinar. Please sign up here.

This booklet was made possible in part through the financial support of Brightspace by D2L."""
SITE_DATABASES = """Over the years, Richmond.com has published several data projects using public information.

Here's a sampling of some of those projects.

Our annual database of state employee salaries was recently updated with 2016-17 data.

Our salary database of local government employees was updated recently with the 2016-17 data."""
SECTION_BLURB = "Articles, lectures, videos, and other informational resources regarding the history of the Church."
MAP_DISCLAIMER = """The designations employed and the presentation of material on the map do not imply the expression \
of any opinion whatsoever on the part of UNFPA concerning the legal status of any country, territory, city or area or \
its authorities, or concerning the delimitation of its frontiers or boundaries. The dotted line represents \
approximately the Line of Control in Jammu and Kashmir agreed upon by India and Pakistan. The final status of Jammu \
and Kashmir has not yet been agreed upon by the parties."""
COURSE_SIGN_UP = """Free Online Training!

Chances are your parenting is perfectly fine and working the way you would like. But if you have any frustrations \
with your child or would like improve your effectiveness in changing your child’s behavior, this training course \
will be a very useful guide.

Everyday Parenting: The ABCs of Child Rearing gives you access to a toolkit of behavior-change techniques that will \
make your typical day in the home easier as you develop the behaviors you would like to see in your child.

How to Register

The Everyday Parenting course is now available on Coursera for free. To sign up simply:

Go to the Coursera website and create an account. Click on the “Enroll” button and choose Audit. You will be \
brought to the page and can begin at any time."""

_NOTICE_PAGES = [
    (SIGN_UP_FORM, "text addressed to the reader, not a story: 100% of 27 words speak to the reader"),
    (PETITION_THANKS, "text addressed to the reader, not a story: 100% of 27 words"),
    (HOROSCOPE, "text addressed to the reader, not a story: "),
    (SHOP_TERMS, "text addressed to the reader, not a story: "),
    (BOOKLET_OFFER, "text addressed to the reader, not a story: "),
    (COURSE_SIGN_UP, "text addressed to the reader, not a story: "),
    (SITE_DATABASES, "a site's description of itself, not a story: "),
    (SECTION_BLURB, "a site's description of itself, not a story: 100% of 13 words"),
    (MAP_DISCLAIMER, "a disclaimer or terms of use, not a story: "),
]


@pytest.mark.parametrize("text, reason", _NOTICE_PAGES)
def test_pages_that_speak_only_to_their_reader_are_not_articles(text, reason):
    with pytest.raises(ItemError) as caught:
        _clean(text)
    assert caught.value.reason == "not-an-article"
    assert str(caught.value).startswith(f"p.html: {reason}"), str(caught.value)
    assert not_an_article(text).startswith(reason)


# Real stories that speak to their reader, from FNC-1, Multi-News and ECB+: a debunking
# that opens "You may have seen...", a blogger's "you would imagine", a live-blog's
# intro that asks readers to follow it, photo captions of "How to Train Your Dragon 2",
# a story about a petition and its sign-up page.
DEBUNKING_STORY = """OKLAHOMA CITY —You may have seen an article on social media about a town in Texas being \
quarantined because of Ebola.
The story was written on the website NationalReport.net, which is a satire news site.
The story claimed the town of Purdon was quarantined after a family of five tested positive for the virus. The \
website also said road blocks had been set up keeping people out of the town."""
BLOG_STORY = """YouTube user JoeyTrombone had an extra special gift for his parents this Christmas, and when they open \
the envelope to see that their mortgage has been paid their reaction is as heartwarming as you would imagine. I \
mean, these people were cuddling on the couch even before they got the news.
I have no specifics on how he pulled it off, but of course the first YouTube comment is everything you need to know \
about YouTube commenters. Never change you awful trolls. I prefer this Redditor’s reaction."""
LIVE_BLOG_INTRO = """Okay, so it ain't exactly the Royal Wedding--though there have been, er, comparisons--but we \
can't pretend we haven't been looking forward to the Kardashian nuptials with at least some of the same shameless \
excitement that characterized William and Kate's Big Day.
From that day in 2007 when the Kardashian clan first landed in our living rooms in the form of their reality show, \
we've warmed to their peculiar charms. So we're not too proud to admit that we watched on Sunday night, and we're \
watching again Monday -- and don't pretend you aren't either.
So pop the champagne and follow Part II of our live-blog for up-to-the-minute updates sure to sate your \
guilty-pleasure cravings for the week."""
CAPTIONED_STORY = """CANNES, France (AP) — A man rushed onto the red carpet at the Cannes Film Festival and dove \
beneath the dress of actress America Ferrera.
Actress America Ferrera poses for photographers on the red carpet for the screening of How To Train Your Dragon 2 at \
the 67th international film festival, Cannes, southern France, Friday, May 16, 2014.
From left, actor Dijmon Hounsou, actress Cate Blanchett, actress America Ferrera and actor Kit Harington pose as they \
arrive for the screening of How to Train Your Dragon 2 at the 67th international film festival.
Security officials quickly pulled the man away as he tried to hide under Ferrera's voluminous gown."""
PETITION_STORY = """A 90-year-old Texas woman is trying to make "Juneteenth," a holiday that honors the freedom of \
slaves, a national holiday.
Opal Lee is walking from Fort Worth to Washington, D.C. to raise awareness. "You must sign the petition," she told \
supporters on Friday.
Thank you for supporting the campaign to make Juneteenth a National Holiday. You must confirm your signature in \
your email for your vote to count."""


@pytest.mark.parametrize("text", [DEBUNKING_STORY, BLOG_STORY, LIVE_BLOG_INTRO, CAPTIONED_STORY, PETITION_STORY])
def test_stories_that_speak_to_their_reader_stay_articles(text):
    assert _clean(text, min_words=0).text
    assert not_an_article(text) == ""


def test_address_kinds_of_real_sentences():
    assert address_kinds("Shop or log into your account to \"Skip the Month\" by the 5th.") == ["reader"]
    assert address_kinds("Don't be too passive though.") == ["reader"]
    assert address_kinds("Here's a sampling of some of those projects.") == ["site"]
    assert address_kinds(SECTION_BLURB) == ["site"]
    assert address_kinds(MAP_DISCLAIMER.split(". ")[0]) == ["legal"]
    # Quoted words, a film's title and a bare "you" speak to no reader.
    assert address_kinds('"You must sign the petition," she told supporters on Friday.') == []
    assert address_kinds("She poses at the screening of How To Train Your Dragon 2 in Cannes.") == []
    assert address_kinds("Their reaction is as heartwarming as you would imagine.") == []


_NOTICE_LINES = [line for text, _ in _NOTICE_PAGES for line in text.splitlines() if line.strip()]
_STORY_AND_NOTICE_LINES = _NOTICE_LINES + _STORY_LINES + [
    line for text in (DEBUNKING_STORY, BLOG_STORY, LIVE_BLOG_INTRO, PETITION_STORY) for line in text.splitlines()
]


def _reader_verdict_of_every_sentence(lines: list[str]) -> bool:
    """``reader_page_reason``'s verdict without its early stops: every sentence of ``lines`` judged."""
    total = other = reports = 0
    for line in lines:
        for start, end in split_sentences(line):
            sentence = line[start:end]
            size = len(tokens(sentence))
            total += size
            if size and not address_kinds(sentence):
                other += size
                reports += bool(_REPORTS.search(re.sub(r"[\"“][^\"“”]*[\"”]|‘[^‘’]*’", " ", sentence)))
    return bool(total) and total - other >= MIN_ADDRESS_SHARE * total and other < MAX_REPORT_WORDS and not reports


@settings(max_examples=150, deadline=None)
@given(picked=st.lists(st.sampled_from(_STORY_AND_NOTICE_LINES), max_size=12))
def test_reader_pages_judged_as_when_every_sentence_is_read(picked):
    # The judgement stops at the first sentence that reports, or once enough
    # words tell something; the answer is that of reading every sentence.
    assert bool(reader_page_reason(picked)) == _reader_verdict_of_every_sentence(picked)


@settings(max_examples=100, deadline=None)
@given(
    notice=st.lists(st.sampled_from(_NOTICE_LINES), min_size=1, max_size=10),
    story=st.sampled_from([line for line in _STORY_LINES if _REPORTS.search(line)]),
    position=st.integers(0, 10),
)
def test_a_notice_with_a_sentence_that_reports_is_a_story(notice, story, position):
    # A story that prints a sign-up box or a disclaimer reports something: a
    # sentence told of others that says who said it keeps it an article.
    lines = list(notice)
    lines.insert(min(position, len(lines)), story)
    assert reader_page_reason(lines) == ""
