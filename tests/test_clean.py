"""Clean: noise removed with a reason, story text kept, non-articles rejected."""

from __future__ import annotations

import dataclasses
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.clean import clean_article, clean_paragraphs, not_an_article, paragraph_reason, split_paragraphs
from newsfuse.clean.blocks import repeated_headlines
from newsfuse.clean.shape import same_line
from newsfuse.config import CleanSettings
from newsfuse.errors import ItemError
from newsfuse.ingest import parse_html, parse_text
from newsfuse.models import Article
from newsfuse.text import count_words, split_sentences

DATA = Path(__file__).parent / "data" / "ingest"
STORY = [
    "The city council approved the new budget on Tuesday after a debate that lasted nine hours.",
    "Mayor Jane Doe said the plan would pay for 40 new teachers and the repair of two bridges.",
    "Opponents said the tax increase was too steep for families already struggling with rent.",
    "The budget takes effect in July, and a first review of its spending is due in December.",
]


def _seed(seeds_dir: Path, prefix: str):
    path = next(seeds_dir.glob(f"{prefix}_*"))
    article = parse_text(path.read_text(encoding="utf-8"), path.name)
    return article, clean_article(article)


def _reasons(clean) -> list[str]:
    return [r.reason for r in clean.removed]


# --- the seeds -------------------------------------------------------------------


def test_seed_001_loses_related_block_and_empty_date(seeds_dir):
    article, clean = _seed(seeds_dir, "001")
    assert _reasons(clean) == ["empty-metadata", "related-links"]
    empty, related = clean.removed
    assert empty.text == "Date:"
    related_lines = related.text.splitlines()
    assert len(related_lines) == 9  # the heading, four headlines, four cut-off teasers
    assert sum(line.endswith("...") for line in related_lines) == 4
    for line in related_lines:
        assert line not in clean.text
    # Every story paragraph stays.
    story = [p for p in split_paragraphs(article.text) if p not in related_lines and p != "Date:"]
    assert clean.text.split("\n\n") == story


def test_seed_004_loses_the_donation_plea_only(seeds_dir):
    article, clean = _seed(seeds_dir, "004")
    [appeal] = clean.removed
    assert appeal.reason == "call-to-action"
    appeal_lines = appeal.text.splitlines()
    assert appeal_lines == split_paragraphs(article.text)[-3:]
    body = "\n".join(split_paragraphs(article.text)[:-3])
    for start, end in split_sentences(body):
        assert body[start:end] in clean.text


def test_seed_003_loses_its_repeated_headline(seeds_dir):
    article, clean = _seed(seeds_dir, "003")
    [repeat] = clean.removed
    assert (repeat.reason, repeat.text) == ("repeated-headline", article.title)
    assert article.title not in clean.text
    # The standfirst and subtitle (the outlet's own statements) stay.
    assert clean.text.split("\n\n")[0].startswith("Following Putin")


def test_seeds_000_and_002_lose_nothing(seeds_dir):
    for prefix in ("000", "002"):
        article, clean = _seed(seeds_dir, prefix)
        assert clean.removed == ()
        assert count_words(clean.text) == count_words(article.text)
    # 000's summary bullets are kept, without their list markers.
    _, clean = _seed(seeds_dir, "000")
    assert clean.text.startswith("Putin suggests first-ever direct talks")


def test_clean_article_keeps_provenance(seeds_dir):
    article, clean = _seed(seeds_dir, "001")
    assert (clean.id, clean.source, clean.title, clean.origin) == (
        article.id,
        article.source,
        article.title,
        article.origin,
    )
    assert all(r.article == article.id for r in clean.removed)
    assert all(s.article == article.id for s in clean.sentences)


# --- general rules on text the seeds do not have ------------------------------------


@pytest.mark.parametrize(
    "line, reason",
    [
        ("Advertisement", "navigation"),
        ("Advertisement Continue reading the main story", "navigation"),
        ("Story continues below", "navigation"),
        ("Read More", "navigation"),
        ("For the full list of winners, click here.", "navigation"),
        ("We use cookies to improve your experience. By continuing to use the site you agree.", "navigation"),
        ("Please enable JavaScript to watch this video.", None),  # judged in context, see below
        ("Photo: Lena Ortiz/Getty Images", "navigation"),
        ("Sarah Tew/CNET", "navigation"),
        ("share tweet pin email", "share"),
        ("Follow Mara Jensen on Twitter: @marajensen", "share"),
        ("By Jane Doe and Ann Lee, Reuters", "byline"),
        ("(Reporting by Will Dunham; Editing by Tom Brown)", "byline"),
        ("The Associated Press contributed to this report.", "byline"),
        ("Published: Tuesday, May 3, 2013 10:32 PM ET", "dateline-only"),
        # A bare date and time, the clock written any way ("2:00pm", "12:52 p.m.", "6.15pm").
        ("May 3rd, 2013 2:00pm EDT", "dateline-only"),
        ("12:52 p.m. EDT May 2, 2013", "dateline-only"),
        ("MAY 3, 2013 AT 1:10PM", "dateline-only"),
        ("8:44AM BST 16 Sep 2013", "dateline-only"),
        ("Updated 6.15pm", "dateline-only"),
        ("Posted: Nov 27, 2005 8: 20 AM ET Last Updated: Nov 27, 2005 8: 10 PM ET", "dateline-only"),
        ("6:05 p.m.", None),  # heads a live report's entry, as a date heads a timeline's
        ("At 2:00pm the council voted to close the bridge.", None),
        ("LONDON (Reuters) -", "dateline-only"),
        ("WASHINGTON ―", "dateline-only"),  # a horizontal bar (U+2015), as HuffPost writes it
        ("Tags:", "empty-metadata"),
        ("Read more: Storm closes the coast road for a second day", "related-links"),
        ("[Mayor resigns after vote on the harbour budget]", "related-links"),
        ("Sign up for our daily newsletter to get the top stories in your inbox.", "call-to-action"),
        ("___", "navigation"),
        # Story text that mentions the same words stays.
        ("The council said it would publish the report on May 3, 2013 in the town hall.", None),
        ("He said: ", None),
        ("Hackers lured victims to web sites that planted code in their browser, researchers said.", None),
        ("Support for the measure was strong among voters in the north, our poll found.", None),
        ("By the end of the day, 40 people had been rescued from the flooded village.", None),
        ("“Feb. 5, 2018:", None),
        # A broadcaster's note on its transcript, however long; news that cites a transcript stays.
        (
            "NPR transcripts are created on a rush deadline by Verb8tm, Inc., an NPR contractor, and produced using "
            "a proprietary transcription process developed with NPR. This text may not be in its final form and may "
            "be updated or revised in the future. Accuracy and availability may vary. The authoritative record of "
            "NPR’s programming is the audio record.",
            "transcript-note",
        ),
        ("THIS IS A RUSH TRANSCRIPT. THIS COPY MAY NOT BE IN ITS FINAL FORM AND MAY BE UPDATED.", "transcript-note"),
        ("This transcript was automatically generated and may not be 100% accurate.", "transcript-note"),
        ("The transcript of the 2003 interrogation was part of the 9/11 Commission Report.", None),
        (
            "According to a transcript of the released audio, Dunn told fiancée Rhonda Roue that he felt "
            '"attacked" when he fired 10 shots at a car of black teenagers.',
            None,
        ),
        ("Here is the transcript of the announcement.", None),
        # A bracketed link to another story of the outlet, and news that merely starts with "Also".
        ("(Also on POLITICO: NYC poll: Anthony Weiner narrowly ahead)", "related-links"),
        ("More from Reuters: Oil falls as stockpiles grow", "related-links"),
        ("Also on Sunday, the ministry said two soldiers were wounded.", None),
        # Another story's headline with its "Read more" button.
        ("‘A sense that white identity is under attack’: making sense of the alt-right Read more", "related-links"),
        ("What are the true risks of taking cannabis? Read more", "related-links"),
        ("Children whose parents read to them read more.", None),
        (
            "The rush transcript was released on Friday. It may not be in its final form, officials said. Lawyers for "
            "the family said it showed the officer fired first. The city declined to comment.",
            None,
        ),
    ],
)
def test_paragraph_rules(line, reason):
    assert paragraph_reason(line) == reason


def test_related_block_without_the_seed_words():
    paragraphs = STORY + [
        "More stories",
        "Storm Closes Northern Coast Road",
        "Mayor Announces New Ferry Timetable",
        "Library Opens Late on Fridays",
    ]
    reasons = clean_paragraphs(paragraphs)
    assert reasons == {4: "related-links", 5: "related-links", 6: "related-links", 7: "related-links"}
    # Headless, but with cut-off teasers.
    teasers = [
        "Storm Closes Northern Coast Road",
        "Heavy rain on Tuesday washed away part of the road near the lighthouse, forcing...",
        "Mayor Announces New Ferry Timetable",
        "The new timetable adds two early sailings on weekdays and one late sailing on...",
    ]
    reasons = clean_paragraphs(STORY[:2] + teasers + STORY[2:])
    assert sorted(reasons) == [2, 3, 4, 5] and set(reasons.values()) == {"related-links"}


def test_subheads_inside_a_story_stay():
    paragraphs = [STORY[0], "What the Budget Pays For", STORY[1], "Who Opposed the Plan", STORY[2], STORY[3]]
    assert clean_paragraphs(paragraphs) == {}


def test_appeal_in_other_words():
    paragraphs = STORY + [
        "Help Us Keep Local News Free",
        "Our reporters cover the council every week. If you value this work, please consider "
        "supporting us with a donation of any size — your support keeps us independent.",
    ]
    assert clean_paragraphs(paragraphs) == {4: "call-to-action", 5: "call-to-action"}
    # A quoted appeal is story text.
    quoted = STORY + ['"We ask you to donate what you can to the shelter," the director said.']
    assert clean_paragraphs(quoted) == {}


def test_widget_text_is_removed_only_when_foreign_to_the_story():
    widget = "Please enable JavaScript to watch this video."
    assert clean_paragraphs(STORY[:2] + [widget] + STORY[2:]) == {2: "navigation"}
    browser_story = [
        "Attackers exploited a flaw in the web browser to plant code on trusted web sites.",
        "The company said users should enable automatic updates in their browser settings.",
        "Researchers said the browser flaw affects all versions released since 2019.",
    ]
    assert clean_paragraphs(browser_story) == {}


def test_repeated_lines():
    title = "Council Passes Budget"
    paragraphs = [title, STORY[0], STORY[1], "Aflatoxins", "Benzene", STORY[2], "Aflatoxins", "Benzene", STORY[3]]
    assert clean_paragraphs(paragraphs, title) == {0: "repeated-headline"}
    # A title that is a full sentence (the lede used as title) keeps its first copy.
    assert clean_paragraphs(STORY, STORY[0]) == {}


def test_html_page_noise(tmp_path):
    article = parse_html((DATA / "page.html").read_text(encoding="utf-8"), name="page.html")
    clean = clean_article(article)
    assert _reasons(clean) == ["repeated-headline", "navigation", "share", "related-links", "call-to-action"]
    assert clean.text.split("\n\n")[-1] == (
        "Cyclists, who had used a temporary ferry during the closure, will get a separate lane from "
        "June, the council said."
    )
    assert len(clean.text.split("\n\n")) == 6


# --- embedded media and credits (galleries, video players, captions, contributors) -----------------

# A photo gallery flattened into one line: each caption, then its counter.
GALLERY = " ".join(
    f"Photos: Storm on the coast Storm on the coast – {caption} Hide Caption {number} of 3"
    for number, caption in enumerate(
        [
            "Waves break over the harbour wall in Porthleven, Cornwall, on Tuesday, March 4. The storm "
            "closed the coast road for a second day.",
            "Residents fill sandbags outside the town hall on Monday, March 3.",
            "A lifeboat crew checks the moorings of fishing boats before the high tide on March 3.",
        ],
        1,
    )
)


@pytest.mark.parametrize(
    "line, reason",
    [
        # Galleries, however long: counters of one total, in a line that speaks of captions or photos.
        (GALLERY, "navigation"),
        ("1 of 12. Two naval aviators pilot a patrol aircraft during a search mission in this March 24, 2014 "
         "handout photo.", "navigation"),
        ("He scored 30 or more points in 13 of 23 playoff games, as the video of his dunks showed.", None),
        # Credits naming the story's other reporters, with where they reported from and how to reach them.
        ("Lucey reported from Washington. Associated Press writer Jill Colvin in Washington contributed to this "
         "report.", "byline"),
        ("Rebecca Sun, Mia Galuppo and Scott Feinberg contributed to this article.", "byline"),
        ("Associated Press writers David Pitt in Des Moines, Iowa; Margery Beck in Omaha, Neb.; Jeff Baenen in "
         "Minneapolis; Scott Mayerowitz in New York; Carrie Antlfinger in Milwaukee; Heather Hollingsworth in "
         "Kansas City, Mo.; and Ryan J. Foley in Iowa City, Iowa contributed to this report.", "byline"),
        ("Contact Dana Reyes: 313-555-0182 or dreyes@example.com. Follow her on Twitter: @danareyes. Staff "
         "writers Bill Laitner and Robert Allen contributed to this report.", "byline"),
        ("AP writer Ken Thomas contributed.", "byline"),
        ("Contributing: Ben Mutzabaugh, USA TODAY; the Associated Press", "byline"),
        ("Gerald Henderson contributed 11 points and seven boards to the winning effort.", None),
        ("Her relaxation contributed to her better mood, she recalled, and to this report's findings.", None),
        # A video player's text; a story about a replay stays.
        ("JUST WATCHED Storm closes coast road Replay More Videos ... MUST WATCH Storm closes coast road 02:04",
         "navigation"),
        ("Embed Teen Invents Gadgets to Aid Alzheimer's Patients 2:14 autoplay autoplay Copy this code to your "
         "website or blog", "navigation"),
        ("Media playback is unsupported on your device Media caption The minister was shown arriving in Brussels",
         "navigation"),
        ("Skip in Skip x Embed x Share", "navigation"),
        ("A video replay showed the ball had crossed the line, the referee said after the match.", None),
        # Captions under their labels.
        ("Image copyright Getty Images Image caption The band broke up in 1980 following the death of their "
         "drummer, who is second from the right in this picture", "navigation"),
        ("The image caption contest drew 400 entries this year, the organisers said.", None),
        # Captions that end with their credit (Multi-News pages).
        ("Kira Grunberg in action last year. Photo: Getty Images", "navigation"),
        ("Adolf Eichmann’s appeal for a pardon from Israel’s then president Yitzhak Ben-Zvi was refused and he was "
         "hanged two days later. Photograph: Brook Lapping/Kessler Prod/BBC", "navigation"),
        ("A patient is prepared for an MRI in a file photo. It happened last June when doctors in London, Ont., used "
         "an fMRI machine to analyze brain activity patterns in Scott Routley. Photograph by: Miguel Alvarez , "
         "AFP/Getty Images", "navigation"),
        ("A University of Kansas expedition crew member is in there for scale. Image: KUVP archives", "navigation"),
        ("Black leopard near road in the Kenyir Wildlife Corridor. Photo by: William Yap.", "navigation"),
        # A colon after "Photo" that opens a sentence, or a label inside a sentence, is no credit.
        ("The museum's new show opens on Friday. Photo: the curators chose 40 prints from the archive.", None),
        ("The agency released a statement and a photograph: Getty Images later bought the rights.", None),
        ("Her first exhibition, Picture: A Life in Colour, opened in 2009 at the Tate and ran for a year.", None),
    ],
)
def test_media_and_credit_rules(line, reason):
    assert paragraph_reason(line) == reason


@pytest.mark.parametrize(
    "controls",
    ["CLOSE Skip in Skip x Embed x Share", "Skip in Skip x Embed x Share", "CLOSE", "1 of 26 Full Screen Autoplay"],
)
def test_player_buttons_glued_before_the_story_go_and_the_story_stays(controls):
    lead = "Late Wednesday afternoon, the president spoke with a St. Louis station about sanctions on Russia."
    text = "\n".join([f"{controls} {lead}", *STORY])
    clean = clean_article(Article(id="p", source="s", title="", text=text))
    if controls.startswith("1 of"):  # a gallery's counter: the whole caption-sized line goes
        assert clean.text.split("\n\n") == STORY
        return
    assert clean.text.split("\n\n") == [lead, *STORY]
    assert [(r.reason, r.text) for r in clean.removed] == [("navigation", controls)]


@pytest.mark.parametrize(
    "line",
    [
        "Close to 200 people attended the vigil on Sunday evening.",
        "Skip Bayless said on his show that the coach should be fired.",
        "CLOSE CALL FOR THE MAYOR",
        "Share prices fell 3 percent in early trading in Tokyo.",
    ],
)
def test_lines_that_open_with_a_control_word_stay_whole(line):
    assert split_paragraphs(line) == [line]


def test_a_section_label_glued_before_the_first_highlight_goes_and_the_highlights_stay():
    # The opening lines of a CNN page in the Multi-News sample.
    highlights = [
        "The CIA officially acknowledges Area 51, long a fixation for conspiracy theorists, in documents",
        "The area, 125 northwest of Las Vegas, was a testing ground for Cold War aerial surveillance",
    ]
    text = "\n \n ".join([f"Story highlights {highlights[0]}", highlights[1], *STORY])
    clean = clean_article(Article(id="h", source="CNN", title="", text=text))
    assert clean.text.split("\n\n") == [*highlights, *STORY]
    assert [(r.reason, r.text) for r in clean.removed] == [("navigation", "Story highlights")]


@pytest.mark.parametrize(
    "line",
    [
        # A science site's footer, in the Multi-News sample: a pointer to the paper or to another story.
        "More information: For tips on starting to exercise, see the American Heart Association.",
        "More information: Electroreduction of carbon monoxide to liquid fuel on oxide-derived nanocrystalline copper",
        "Explore further: Regular jogging shows dramatic increase in life expectancy",
        "Journal reference: PNAS, DOI: 10.1073/pnas.1417712112",
    ],
)
def test_a_footer_pointing_to_the_paper_or_another_story_goes(line):
    assert paragraph_reason(line) == "related-links"


@pytest.mark.parametrize(
    "line",
    [
        "More information is expected on Monday, the police said.",
        "Key points of the deal were agreed on Monday night in Brussels.",
        "Story highlights from the trial were shown on the evening news.",
    ],
)
def test_sentences_that_open_with_those_labels_stay(line):
    assert split_paragraphs(line) == [line]
    assert paragraph_reason(line) is None


# --- rejections --------------------------------------------------------------------------


def test_too_short_message():
    article = Article(id="a", source="s", title="", text="Advertisement\nThe talks resumed.", origin="a.txt")
    with pytest.raises(ItemError) as error:
        clean_article(article)
    assert (error.value.reason, str(error.value)) == (
        "too-short",
        "a.txt: 3 words after cleaning, fewer than clean.min_words=25",
    )
    assert clean_article(article, CleanSettings(min_words=0)).text == "The talks resumed."


def test_too_short_message_counts_one_word_in_the_singular():
    # A one-word page (a user's feed item: the headline's link text only).
    article = Article(id="a", source="s", title="", text="Advertisement\nDeveloping.", origin="feed.xml#3")
    with pytest.raises(ItemError) as error:
        clean_article(article)
    assert str(error.value) == "feed.xml#3: 1 word after cleaning, fewer than clean.min_words=25"


@pytest.mark.parametrize(
    "text",
    [
        "JavaScript is disabled\nYou need to enable JavaScript to use this player.",
        "Rating is available when the video has been rented.\nThis feature is not available right now. "
        "Please try again later.",
        "Tweet with a location\nYou can add location information to your Tweets, such as your city, "
        "from the web and via third-party applications. Learn more",
        "We use cookies to give you the best experience. Please enable cookies in your browser "
        "settings and sign in to your account to continue. Learn more about our privacy policy.",
        "These crawls archive pages from every domain on the web. The seed list holds the top URLs "
        "of each site, and the crawler follows links to captures of embedded pages.",
        # An archive's collection notice: few of its sentences name the crawl, but its words are the collection's.
        "Crawl of outlinks from news sites started May, 2019. These files are currently not publicly accessible. "
        "Properties of this collection. It has been a while since we did this. This collection will be complete, "
        "as sharing data with pointers to other collections is a hard problem. The seed list was built from "
        "all the wikis.",
    ],
)
def test_pages_that_are_not_articles(text):
    with pytest.raises(ItemError) as error:
        clean_article(Article(id="p", source="s", title="", text=text, origin="p.html"))
    assert error.value.reason == "not-an-article"
    assert str(error.value).startswith("p.html: page or widget text, not a story: ")


def test_a_story_about_the_web_is_an_article():
    text = "\n".join(
        [
            "Twitter said on Monday that users can now add location information to their tweets.",
            "The company said the feature would roll out to all accounts by the end of the month.",
            "Privacy groups said the change could expose users who post from their homes.",
            "The firm's shares rose 3 percent after the announcement, while analysts were divided.",
            "The court files are not publicly available, and the company's data collections stay private.",
        ]
    )
    assert not_an_article(text) == ""


# --- real articles (skipped without ../shared/data) ------------------------------------------


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_real_articles_lose_almost_nothing(shared_data):
    records = _jsonl(shared_data / "basil" / "articles.jsonl") + _jsonl(shared_data / "ecbplus" / "articles.jsonl")
    total = lost = story_lost = rejected_not_article = 0
    for record in records:
        article = Article(id=record["id"], source=record["source"] or "x", title=record["title"], text=record["text"])
        try:
            clean = clean_article(article, CleanSettings(min_words=0))
        except ItemError as exc:
            rejected_not_article += exc.reason == "not-an-article"
            continue
        total += count_words(record["text"])
        for removal in clean.removed:
            size = count_words(removal.text)
            lost += size
            # The title printed again in the body, and bare date lines, are not story text.
            if not (removal.reason == "repeated-headline" and same_line(removal.text, clean.title)) and \
                    removal.reason != "dateline-only":
                story_lost += size
    assert rejected_not_article == 0
    assert lost / total < 0.02
    assert story_lost / total < 0.002


def test_a_title_that_is_only_a_date_is_read_as_the_dateline(shared_data):
    """Records whose title is the page's date line get that date and the headline under it."""
    records = {r["id"]: r for r in _jsonl(shared_data / "ecbplus" / "articles.jsonl")}
    cables = records["30_2ecbplus"]  # title "August 17, 2011", the page's first line
    assert cables["title"] == "August 17, 2011" and not cables["date"]
    article = Article(id=cables["id"], source="x", title=cables["title"], text=cables["text"])
    clean = clean_article(article)
    assert (clean.title, clean.date) == ("Undersea internet cables severed near Egyptian coast line", "2011-08-17")
    assert not clean.text.startswith(("August 17", "Undersea internet cables"))  # both lines go from the body
    # A date the record states wins over the title's.
    assert clean_article(dataclasses.replace(article, date="2011-08-16")).date == "2011-08-16"
    # Over all of ECB+: no title is left a date line, and titles naming a year are titles.
    dated = 0
    for record in records.values():
        article = Article(id=record["id"], source="x", title=record["title"], text=record["text"])
        clean = clean_article(article, CleanSettings(min_words=0))
        assert not paragraph_reason(clean.title) == "dateline-only", (record["id"], clean.title)
        if clean.title != " ".join(record["title"].split()):
            dated += 1
        elif re.search(r"\b20\d\d\b", record["title"]):
            assert not clean.date, record["id"]  # "Ellen DeGeneres to host 2014 Oscars" gives no date
    assert dated >= 40


def test_multinews_crawl_leftovers_are_rejected(shared_data):
    records = _jsonl(shared_data / "multinews_sample" / "clustering_view.jsonl")
    clusters = defaultdict(set)
    for record in records:
        clusters[record["text"]].add(record["cluster"])
    junk = [r for r in records if len(clusters[r["text"]]) >= 2]
    real = [r for r in records if len(clusters[r["text"]]) < 2]
    assert len(junk) == 33

    def rejected(record, why: str = "") -> bool:
        try:
            clean_article(Article(id=record["id"], source="x", title="", text=record["text"]))
        except ItemError as exc:
            return exc.reason == "not-an-article" and why in str(exc)
        return False

    assert sum(map(rejected, junk)) / len(junk) >= 0.9
    # The few single-cluster pages rejected are crawl notices, login and player pages too,
    # and video pages whose text is a cast list or the channel's links; bound the share of
    # each so that a rule gone loose shows.
    assert sum(rejected(r, "page or widget text") for r in real) / len(real) < 0.025
    assert sum(rejected(r, "a list, not a story") or rejected(r, "a page of links") for r in real) <= 4
    # Video upload descriptions (4: channel links, a vlog, lyrics) and papers or encyclopedia
    # entries (11: section headings, citation marks) are no stories either.
    assert sum(rejected(r, "a video's upload description") for r in real) <= 5
    assert sum(rejected(r, "a research paper") for r in real) <= 12
    # Pages that only speak to their reader, of their own site or disclaim (9: a sign-up form,
    # a petition's thanks, a horoscope, a shop's terms, a booklet's and a course's sign-up,
    # a site's databases, a section's blurb, a map's disclaimer).
    notices = ("text addressed to the reader", "a site's description of itself", "a disclaimer or terms of use")
    assert sum(any(rejected(r, why) for why in notices) for r in real) <= 10


# Page furniture of embedded media and credit lines, as the dev texts show them.
_FURNITURE_LEFT = re.compile(
    r"(?i)hide caption \d|\bskip in skip\b|just watched|must watch|media playback|^(?:image|media) caption"
    r"|\bcontributed(?: reporting)? to this (?:report|story|article)"
)


def test_multinews_galleries_players_captions_and_credits_go(shared_data):
    records = _jsonl(shared_data / "multinews_sample" / "clustering_view.jsonl")
    left = []
    for record in records:
        try:
            clean = clean_article(Article(id=record["id"], source="x", title="", text=record["text"]))
        except ItemError:
            continue
        left += [p[:80] for p in clean.text.split("\n\n") if _FURNITURE_LEFT.search(p)]
    assert left == []


# --- properties ----------------------------------------------------------------------------

_LINES = st.sampled_from(
    STORY
    + [
        "Advertisement",
        "Date:",
        "Related articles",
        "Storm Closes Northern Coast Road",
        "Heavy rain washed away part of the road near the lighthouse, forcing...",
        "Keep Local News Alive",
        "Please consider a donation: your support keeps us going.",
        "Share on Facebook",
        "By Jane Doe",
        "May 3, 2013",
        "",
        "Council Passes Budget",
        "Please enable JavaScript to watch this video.",
        "CLOSE Skip in Skip x Embed x Share " + STORY[0],
        "Story highlights " + STORY[0],
        "More information: Journal of Applied Physics, 2015",
        "Jane Doe and Ann Lee contributed to this report.",
        GALLERY,
    ]
)
_ANY_LINES = st.one_of(_LINES, st.text(max_size=120))


def _clean_or_none(text: str, title: str = ""):
    try:
        return clean_article(Article(id="h", source="s", title=title, text=text), CleanSettings(min_words=0))
    except ItemError as exc:
        assert exc.reason in ("not-an-article", "too-short")
        return None


@settings(max_examples=200, deadline=None)
@given(st.lists(_ANY_LINES, max_size=14), st.sampled_from(["", "Council Passes Budget", STORY[0]]))
def test_sentences_slice_the_clean_text_exactly(lines, title):
    clean = _clean_or_none("\n".join(lines), title)
    if clean is None:
        return
    for number, sentence in enumerate(clean.sentences):
        assert sentence.index == number
        assert sentence.text == clean.text[sentence.start : sentence.end]
        assert sentence.text.strip() == sentence.text and sentence.text


@settings(max_examples=200, deadline=None)
@given(st.lists(_ANY_LINES, max_size=14), st.sampled_from(["", "Council Passes Budget"]))
def test_cleaning_only_removes_and_is_idempotent(lines, title):
    text = "\n".join(lines)
    clean = _clean_or_none(text, title)
    if clean is None:
        return
    # Every clean paragraph is an input paragraph, in order.
    source = split_paragraphs(text)
    position = 0
    for paragraph in clean.text.split("\n\n") if clean.text else []:
        position = source.index(paragraph, position) + 1
    # Removed + kept words add up to the input's words.
    removed = sum(count_words(r.text) for r in clean.removed)
    assert removed + count_words(clean.text) == count_words("\n".join(source))
    # Cleaning the clean text removes nothing more.
    again = _clean_or_none(clean.text, title)
    assert again is not None and again.text == clean.text and again.removed == ()


def test_seed_003_loses_its_repeated_headline_under_a_site_named_title(seeds_dir):
    # The same page read from a source that keeps the site's name on the title
    # ("Headline | Site", as many JSON exports and scrapers do).
    article, _ = _seed(seeds_dir, "003")
    titled = dataclasses.replace(article, title=f"{article.title} | World Desk Daily")
    clean = clean_article(titled)
    assert [(r.reason, r.text) for r in clean.removed] == [("repeated-headline", article.title)]
    assert article.title not in clean.text


def test_a_short_side_of_a_title_separator_is_not_taken_for_the_headline():
    # "Analysis" (one word) is a section label, not the headline: a paragraph saying it stays.
    paragraphs = ["Analysis", "Lawmakers approved the budget on Monday after a week of talks."]
    assert repeated_headlines(paragraphs, "Lawmakers approve the budget after a week of talks - Analysis") == {}


def test_a_politicians_name_card_inside_a_sentence_goes_and_the_sentence_reads_on(shared_data):
    """The Hill links a name to a card (full name, latest headlines, "MORE") that a scrape leaves in the sentence."""
    records = _jsonl(shared_data / "multinews_sample" / "clusters.jsonl")
    record = next(r for r in records if r["id"] == "multinews_val_214")
    clean = clean_article(Article(id="a", source="The Hill", title="", text=record["articles"][0]["text"]))
    assert clean.text.startswith(
        "Donald Trump panned Democratic National Committee chairwoman Debbie Wasserman Schultz as a “terrible person”"
    )
    assert "MORE" not in clean.text and "Donald John Trump" not in clean.text
    [card] = [r for r in clean.removed if r.text.startswith("Donald John Trump")]
    assert card.reason == "related-links" and card.text.endswith("offered a winning tax plan MORE")


@pytest.mark.parametrize(
    ("page", "sentence"),
    [
        (  # the card's full name glued to the name as written, and its first headline to the full name
            "156770d676ce79905198e1c8407f81e5ecfb617d9aa44712718707eb7e3b8e38",
            "South Dakota Gov. Kristi Noem (R) is defending the state’s launch of an anti-drug campaign",
        ),
        (
            "6ebac05f637ece8aa57c298a2a5e3a8047f546f855d0f29cc683cea60ce85c85",
            "A New York man pleaded guilty to charges he threatened to kill Rep. Ilhan Omar (D-Minn.), the U.S.",
        ),
    ],
)
def test_name_cards_of_the_hills_pages_go(shared_data, page, sentence):
    import gzip

    html = gzip.decompress((shared_data / "article_extraction_benchmark" / "html" / f"{page}.html.gz").read_bytes())
    clean = clean_article(parse_html(html, "https://thehill.com/"))
    assert sentence in clean.text and "MORE" not in clean.text


def test_capitals_more_elsewhere_is_no_name_card(shared_data):
    """"MORE: Storm snarls flights", "WE CAN AND MUST DO MORE TO ...", "MORE THAN $3.39 billion" stay."""
    from newsfuse.clean.rules import name_cards

    texts = [a["text"] for r in _jsonl(shared_data / "multinews_sample" / "clusters.jsonl") for a in r["articles"]]
    texts += [r["text"] for name in ("basil", "ecbplus") for r in _jsonl(shared_data / name / "articles.jsonl")]
    found = [p for text in texts if "MORE" in text for p in split_paragraphs(text) if name_cards(p)]
    assert len(found) == 1 and found[0].startswith("Donald Trump Donald John Trump")
