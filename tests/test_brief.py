"""The brief stage on the seeds and on small stories built for one behaviour each."""

from __future__ import annotations

import dataclasses
import multiprocessing

import pytest

from newsfuse.brief import build_brief, build_briefs, check_grounded
from newsfuse.config import BriefSettings
from newsfuse.errors import ConfigError, InputError
from newsfuse.models import Evidence, Point, Story
from newsfuse.text import count_words
from test_brief_support import (
    SEEDS,
    assert_grounded,
    make_article,
    outlet_of,
    seed_articles,
    seed_story,
    text_of,
)

RULES = BriefSettings(ner="rules")


@pytest.fixture(scope="module")
def seed_brief():
    articles = seed_articles()
    [brief] = build_briefs([seed_story()], {a.id: a for a in articles}, RULES)
    return brief


def test_the_pipeline_gives_the_seeds_one_grounded_brief():
    from newsfuse.pipeline import run

    result = run([SEEDS])
    seeds = {p.stem for p in SEEDS.iterdir()}
    [brief] = [b for b in result.briefs if seeds & {a.id for a in b.articles}]
    assert {a.id for a in brief.articles} == seeds
    assert check_grounded(brief) == []
    assert brief.key_points and brief.quotes and brief.entities and brief.disputes


def test_seed_brief_is_grounded(seed_brief):
    assert check_grounded(seed_brief) == []
    assert [a.id for a in seed_brief.articles] == [a.id for a in seed_articles()]
    assert seed_brief.id == "seeds"


def test_headline_is_a_source_title_with_its_outlet(seed_brief):
    [article] = [a for a in seed_brief.articles if a.id == seed_brief.headline_article]
    assert seed_brief.headline == article.title.strip()
    assert seed_brief.headline_source == article.source
    assert "Putin" in seed_brief.headline


def test_key_points_are_ranked_by_support_and_are_their_evidence(seed_brief):
    points = seed_brief.key_points
    assert 3 <= len(points) <= RULES.max_key_points
    supports = [len(p.sources) for p in points]
    assert supports == sorted(supports, reverse=True)
    assert supports[0] == 5  # every outlet reports Putin's offer of direct talks
    assert "Putin" in points[0].text
    for point in points:
        assert point.text == text_of(seed_brief, point.evidence[0])
        assert len(set(point.sources)) == len(point.sources) >= 2
        assert len({e.article for e in point.evidence}) == len(point.evidence)


def test_points_are_shown_without_their_dateline():
    # Fox News and HuffPost on Trump's birther claims (BASIL): the key point opened "WASHINGTON --".
    lead = (
        "Real estate tycoon Donald Trump said Thursday he has doubts about whether President Obama was "
        "born in the United States and has sent investigators to Hawaii looking for answers."
    )
    a = make_article("a", "Fox News", f"WASHINGTON -- {lead}\n\nHe spoke to NBC News on Thursday morning.")
    b = make_article(
        "b", "HuffPost", f"NEW YORK -- {lead}\n\nWASHINGTON -- The White House declined to comment on the remarks."
    )
    brief = build_brief(Story("s", ("a", "b")), [a, b], RULES)
    [point] = brief.key_points
    assert point.text == lead and point.sources == ("Fox News", "HuffPost")
    assert text_of(brief, point.evidence[0]) == lead  # the first span is exactly the words shown
    assert [text_of(brief, e) for e in point.evidence[1:]] == [f"NEW YORK -- {lead}"]  # others whole
    unique = [p.text for p in brief.unique]
    assert "The White House declined to comment on the remarks." in unique
    assert_grounded([brief])


def test_unique_points_come_from_one_outlet_each(seed_brief):
    key_texts = {p.text for p in seed_brief.key_points}
    per_outlet: dict[str, int] = {}
    for point in seed_brief.unique:
        assert len(point.sources) == 1
        assert point.text not in key_texts
        per_outlet[point.sources[0]] = per_outlet.get(point.sources[0], 0) + 1
    assert per_outlet and max(per_outlet.values()) <= RULES.max_unique_per_source
    # Only 003 reports the drone strike on Odessa.
    odessa = [p for p in seed_brief.unique if "Odessa" in p.text]
    assert [p.sources for p in odessa] == [(outlet_of(seed_brief, "003"),)]


def test_teaser_bullets_and_headlines_are_not_points(seed_brief):
    statements = [p.text for p in seed_brief.key_points + seed_brief.unique]
    assert "Zelensky signals openness but stresses action over words." not in statements
    assert not any(text == a.title for text in statements for a in seed_brief.articles)


def test_summary_is_whole_sentences_within_budget(seed_brief):
    assert 0 < count_words(seed_brief.summary) <= RULES.summary_words
    sentences = {(s.article, s.start, s.end) for a in seed_brief.articles for s in a.sentences}
    assert seed_brief.summary_evidence
    assert all((e.article, e.start, e.end) in sentences for e in seed_brief.summary_evidence)
    assert seed_brief.summary == " ".join(text_of(seed_brief, e) for e in seed_brief.summary_evidence)
    # The fact every outlet carries (the top key point) is in the summary, in one of its wordings.
    assert set(seed_brief.summary_evidence) & set(seed_brief.key_points[0].evidence)
    # The budget is used: another sentence would not fit.
    assert count_words(seed_brief.summary) > RULES.summary_words - 30


def test_a_tiny_budget_cuts_the_first_sentence_without_adding_words():
    articles = seed_articles()
    settings = dataclasses.replace(RULES, summary_words=4)
    brief = build_brief(seed_story(), articles, settings)
    assert 0 < count_words(brief.summary) <= 4
    # No sentence of the seeds has 4 words or fewer: the best is cut to a prefix of itself.
    [evidence] = brief.summary_evidence
    sentence = next(s for a in brief.articles for s in a.sentences if (a.id, s.start) == (evidence.article, evidence.start))
    assert sentence.text.startswith(brief.summary) and len(brief.summary) < len(sentence.text)
    assert "…" not in brief.summary and not brief.summary.endswith((",", ";"))
    assert check_grounded(brief) == []



def test_photo_captions_are_not_news():
    from newsfuse.brief.summary import is_caption

    assert is_caption("FILE - In this Jan. 14, 2013 file photo, a singer poses for a portrait.")
    # Where a named person stands in the picture gives a caption away.
    assert is_caption("Megan Rapinoe, front, fends off Washington’s Alyssa Kleiner in the second half.")
    assert is_caption("Actor Kit Harington, right, speaks during a press conference at the festival.")
    assert is_caption("Mahershala Ali (left) and Ryan Gosling share good wishes backstage after the mixup.")
    assert is_caption("Sarah Kate Ellis, third from left, and service members arrive at the awards.")
    assert not is_caption("Oh, right, this also vindicates the critics.")
    assert not is_caption("Gov. Rick Perry (R), a veteran of statewide campaigns, has not been vetted.")
    assert not is_caption("The senator, right after the vote, left the chamber.")
    # A caption told as a sentence (Multi-News pages).
    assert is_caption("A file image from the Galileo spacecraft shows the Conemara region of Jupiter's frozen moon Europa.")
    assert is_caption("This undated photo provided by Husky Homestead shows Banjo, a dog that was injured on the trail.")
    assert not is_caption("The study shows that photos of food are shared more often than any others.")
    # A wire's letter for where a named person stands; "(R)" after a name is mostly a party.
    assert is_caption(
        "Bahraini activist Zainab al-Khawaja (L) is greeted by Sumaiya Rajab after her release from prison."
    )
    assert is_caption("Kercher's sister, Stephanie Kercher (L) and brother Lyle Kercher speak during a press conference.")
    assert not is_caption("Gov. Mike Pence (R) signed the measure at a private ceremony last week.")


def test_page_furniture_is_not_summary_material():
    from newsfuse.brief.summary import is_boilerplate

    assert is_boilerplate("Associated Press writer Amy Forliti in Minneapolis contributed to this report.")
    assert is_boilerplate("Email Sign Up By signing up you agree to receive email newsletters or alerts.")
    assert is_boilerplate("For more on the singer, head over to Billboard.")
    assert is_boilerplate("This story has been corrected to show the positions of the two mushers.")
    assert not is_boilerplate("The Mercers became his supporters after reading a scientific newsletter he writes.")
    assert not is_boilerplate("Thousands of people signed up for health insurance in the first week.")
    # Notes around a story: promises of updates and content warnings.
    assert is_boilerplate("Updates will be provided as they become available.")
    assert is_boilerplate("This is a developing story. Check back for details as they develop.")
    assert is_boilerplate("WARNING: The video contains subject matter of a graphic nature that some may find offensive")
    assert not is_boilerplate("Police said the footage contains graphic violence against officers.")
    assert not is_boilerplate("He issued a warning: the dam may fail, and updates will be rare.")
    assert is_boilerplate("Download the Us Weekly iPhone app now!")
    assert not is_boilerplate("Millions of people download the app each month, the company said.")
    # Disclaimers (an opinion page of The Hill, a UN map), but not news that names views.
    assert is_boilerplate("The views expressed by this author are their own and are not the views of The Hill")
    assert is_boilerplate("Opinions expressed in this commentary are solely those of the author.")
    assert is_boilerplate(
        "The designations employed and the presentation of material on the map do not imply the expression of "
        "any opinion whatsoever on the part of UNFPA concerning the legal status of any country."
    )
    assert not is_boilerplate("The views expressed at the rally shocked the town, the mayor said.")
    assert not is_boilerplate("The governor said the views expressed by the senator do not reflect the party.")
    assert not is_boilerplate('"Non-paper" is a term for a memo that does not represent the official position.')
    # The page speaking to its reader (Multi-News pages), but not a speaker quoted saying the same.
    assert is_boilerplate("You can unsubscribe at any time.")
    assert is_boilerplate("Shop or log into your account to \"Skip the Month\" by the 5th of the month.")
    assert is_boilerplate("Have a look at our gallery, then share your own thoughts on the ceremony in the comments.")
    assert is_boilerplate("This story was edited at 5:48 p.m. to correct a quote from the governor's letter.")
    assert not is_boilerplate('"If you have any questions, call us," the sheriff said.')
    # Notes on the page's own updates and opt-outs (Multi-News pages); news of someone's opting out stays.
    assert is_boilerplate("Update: The post has been updated to include comments from the airlines.")
    assert is_boilerplate("We've added new reports to the article.")
    assert is_boilerplate("You may opt-out at any time.")
    assert not is_boilerplate("Parents may opt out of the tests at any time, the district said.")
    assert not is_boilerplate("We have added 40 staff to the clinic this year, the director said.")
    assert not is_boilerplate("The senator said she had questions about the account of the shooting.")
    # A teaser for the page's explainer (Multi-News), not news of what someone needs to know.
    assert is_boilerplate("Here's what you need to know about him.")
    assert not is_boilerplate("Officials said the public needs to know where the shelters are.")
    furniture = (
        "AP writer Amy Forliti in Minneapolis contributed to this report. "
        "Sign up to receive the top stories you need to know right now."
    )
    a = make_article(
        "a", "Daily One",
        "The city council approved the new budget on Tuesday after a long debate.\n\n" + furniture,
    )
    b = make_article(
        "b", "Evening Two",
        "After a long debate, the city council approved the new budget on Tuesday.\n\n" + furniture,
    )
    brief = build_brief(Story("s", ("a", "b")), [a, b], RULES)
    # Both outlets carry the furniture word for word, yet only the news is summarised.
    assert "budget" in brief.summary
    assert "contributed" not in brief.summary and "Sign up" not in brief.summary
    assert check_grounded(brief) == []


def test_the_summary_counts_wire_copies_once():
    # Two outlets report the budget vote in their own words; three copies of one wire story
    # alone report the stadium cost.  Counted by article, the stadium cost would be the
    # best-carried sentence (three articles); counted by unit (copies once), it has one source.
    a = make_article("a", "Daily One", "The city council approved the new budget on Tuesday after a long debate.")
    b = make_article("b", "Evening Two", "After a long debate on Tuesday, the city council approved the new budget.")
    wire = "The stadium plan would cost the city four hundred million dollars, the wire said."
    copies = [make_article(i, f"Outlet {i}", wire) for i in ("c", "d", "e")]
    settings = dataclasses.replace(RULES, summary_words=16)
    articles = [a, b, *copies]
    brief = build_brief(Story("s", ("a", "b", "c", "d", "e"), duplicates=(("c", "d", "e"),)), articles, settings)
    assert "approved the new budget" in brief.summary and "stadium" not in brief.summary
    assert count_words(brief.summary) <= 16 and check_grounded(brief) == []
    # Without the copies marked as such, the wire's sentence wins.
    uncounted = build_brief(Story("s", ("a", "b", "c", "d", "e")), articles, settings)
    assert "stadium" in uncounted.summary


def _story_with_copy():
    shared = "The city council approved the new budget on Tuesday after a long debate."
    only_a = "Mayor Jane Doe said the plan would fund forty new teachers across the district."
    a = make_article("a", "Daily One", f"{shared} {only_a}\n\nThe vote was close and divided the chamber.")
    b = make_article(
        "b", "Evening Two", "After a long debate, the city council approved the new budget on Tuesday.\n\n"
        "Opponents warned that the property tax increase would hurt families already struggling."
    )
    c = dataclasses.replace(a, id="c", source="Wire Copy", sentences=tuple(
        dataclasses.replace(s, article="c") for s in a.sentences))
    return [a, b, c], Story("s", ("a", "b", "c"), duplicates=(("a", "c"),))


def test_near_copies_count_once():
    articles, story = _story_with_copy()
    brief = build_brief(story, articles, RULES)
    assert check_grounded(brief) == []
    [budget] = [p for p in brief.key_points if "budget" in p.text]
    assert set(budget.sources) == {"Daily One", "Evening Two", "Wire Copy"}
    # What only Daily One and its copy say is unique to one source: a key point needs two units.
    assert not any("teachers" in p.text for p in brief.key_points)
    [teachers] = [p for p in brief.unique if "teachers" in p.text]
    assert set(teachers.sources) == {"Daily One", "Wire Copy"}


def test_a_single_outlet_story_lists_its_central_sentences():
    article = make_article(
        "solo", "Only Outlet",
        "Flooding closed the main highway into the valley on Sunday night.\n\n"
        "Rescue crews evacuated two hundred residents from the lower town before dawn.\n\n"
        "Officials said the river would crest again on Tuesday afternoon.",
        title="Floods close valley highway",
    )
    brief = build_brief(Story("solo", ("solo",)), [article], RULES)
    assert brief.key_points and brief.unique == () and brief.disputes == ()
    assert all(p.sources == ("Only Outlet",) for p in brief.key_points)
    assert brief.headline == "Floods close valley highway"
    assert check_grounded(brief) == []


def test_without_titles_the_headline_is_a_lead_sentence():
    articles = [dataclasses.replace(a, title="") for a in seed_articles()]
    brief = build_brief(seed_story(), articles, RULES)
    [article] = [a for a in articles if a.id == brief.headline_article]
    assert brief.headline in article.text
    assert brief.headline_source == article.source
    assert check_grounded(brief) == []


def test_a_lead_headline_loses_its_dateline():
    # Multi-News (no titles): the brief's headline opened "WARSAW — President Andrzej Duda said...".
    articles = [make_article(a.id, a.source, "MOSCOW — " + a.text) for a in seed_articles()]
    brief = build_brief(seed_story(), articles, RULES)
    [article] = [a for a in articles if a.id == brief.headline_article]
    assert brief.headline in article.text and not brief.headline.startswith("MOSCOW")
    assert "MOSCOW — " + brief.headline in article.text
    assert check_grounded(brief) == []


@pytest.mark.parametrize(
    "stamp",
    [
        "May 2, 2013, 1: 12 PM",
        "TUESDAY, OCTOBER 11, 2011",
        "Posted: Nov 27, 2005 8: 20 AM ET Last Updated: Nov 27, 2005 8: 10 PM ET",
    ],
)
def test_a_timestamp_in_the_title_slot_does_not_head_a_brief(stamp):
    # ECB+ pages whose title is the page's time stamp: with no other title, the lead heads the brief.
    articles = [make_article(a.id, a.source, a.text, title=stamp) for a in seed_articles()]
    brief = build_brief(seed_story(), articles, RULES)
    assert brief.headline != stamp and "Putin" in brief.headline
    assert check_grounded(brief) == []


def test_a_shouted_title_does_not_head_a_brief():
    # A title in capitals throughout ("BRIEF UNPLANNED SEACOM CABLE INTERNET OUTAGE") gives way to
    # another outlet's title in ordinary case, however central, and is never recased.
    shouted = "PUTIN SIGNALS WILLINGNESS FOR DIRECT PEACE TALKS WITH UKRAINE"
    seeds = seed_articles()
    articles = [make_article(a.id, a.source, a.text, title=shouted) for a in seeds[:-1]]
    articles.append(make_article(seeds[-1].id, seeds[-1].source, seeds[-1].text, title=seeds[-1].title))
    brief = build_brief(seed_story(), articles, RULES)
    assert brief.headline == seeds[-1].title
    # Shouted titles only: the lead heads the brief.
    articles[-1] = make_article(seeds[-1].id, seeds[-1].source, seeds[-1].text, title=shouted)
    brief = build_brief(seed_story(), articles, RULES)
    assert brief.headline != shouted and "Putin" in brief.headline and not brief.headline.isupper()
    assert check_grounded(brief) == []


def test_a_lead_headline_passes_over_a_content_warning():
    warning = "WARNING: The video contains images that some viewers may find disturbing.\n\n"
    articles = [make_article(a.id, a.source, warning + a.text) for a in seed_articles()]
    brief = build_brief(seed_story(), articles, RULES)
    [article] = [a for a in articles if a.id == brief.headline_article]
    assert brief.headline in article.text and "WARNING" not in brief.headline and "Putin" in brief.headline
    assert check_grounded(brief) == []


@pytest.mark.parametrize(
    "opening",
    [
        '"Not that I\'m aware of," said the White House press secretary.',  # a speaker's words
        "Then, near the intersection, more surveillance video captures the car stopping abruptly.",
        "He said the talks had gone well.",
    ],
)
def test_a_lead_headline_stands_alone(opening):
    # Pages that start mid-story (Multi-News): their first sentence reads only after what came before.
    # All but one untitled page open so; the most central of them would give the headline.
    seeds = seed_articles()
    articles = [make_article(a.id, a.source, opening + "\n\n" + a.text) for a in seeds[:-1]]
    articles.append(make_article(seeds[-1].id, seeds[-1].source, seeds[-1].text))
    brief = build_brief(seed_story(), articles, RULES)
    assert brief.headline != opening and "Putin" in brief.headline
    assert check_grounded(brief) == []


def test_a_title_in_quotation_marks_can_open_a_lead_headline():
    from newsfuse.brief.headline import _stands_alone

    assert _stands_alone("“Moonlight” walked away with best picture honors at the Oscars on Sunday night.")
    assert not _stands_alone("“We have always supported peace initiatives,” he said.")
    assert not _stands_alone("“We hope Kyiv’s representatives share this approach and the rest")  # never closed


def test_a_lead_opening_on_a_time_of_the_present_stands_alone():
    from newsfuse.brief.headline import _stands_alone

    # Multi-News: "This July" dates the news; "This" before anything else points back.
    assert _stands_alone("This July, nine months after Congress failed to pass appropriations legislation, the pay came.")
    assert _stands_alone("This week, the council voted to close the library.")
    assert not _stands_alone("This was the first vote on the library in a decade.")
    assert not _stands_alone("That July, the council voted again.")


def test_a_lead_headline_tells_the_news_not_the_reader():
    import dataclasses

    import numpy as np

    from newsfuse.brief.align import build_view
    from newsfuse.brief.headline import choose_headline
    from newsfuse.brief.summary import addresses_reader

    horoscope = make_article(
        "h", "Stars Daily",
        "You can expect some amazing things to occur over the next 48 hours, and you will be at the center of them. "
        "Don't be too passive though.",
    )
    news = make_article(
        "n", "Wire",
        "The painter Thomas Kinkade died at his home in Los Gatos on Friday at 54. "
        "His family said the galleries will remain open.",
    )
    view = build_view([horoscope, news])
    # However central a horoscope caught in the story is, its "you" heads no story.
    view = dataclasses.replace(view, article_centrality=np.array([0.9, 0.5]))
    headline = choose_headline(view)
    assert headline.article == "n" and headline.text.startswith("The painter Thomas Kinkade died")
    only = build_view([horoscope])  # nothing else to head it: its lead, as before
    assert choose_headline(only).text.startswith("You can expect")
    assert addresses_reader("Don't be too passive though.")
    assert addresses_reader("Chances are your parenting is perfectly fine.")
    assert not addresses_reader('"You will pay for this," the mayor told the council.')
    assert not addresses_reader('The mayor said: "You will pay for this.')
    assert not addresses_reader("Never before had the city seen such a storm.")


def test_a_missing_article_is_named():
    with pytest.raises(InputError) as error:
        build_briefs([Story("s1", ("a", "zzz"))], {"a": make_article("a", "x", "Some text here today.")})
    assert str(error.value) == (
        "story 's1' names article 'zzz', which is not among the articles given (1 missing); "
        "pass every clean article of the stories"
    )


def test_settings_are_checked():
    with pytest.raises(ConfigError, match="brief.ner_max_sentences must be >= 0, got -1"):
        BriefSettings(ner_max_sentences=-1)
    with pytest.raises(ConfigError, match=r"brief.workers must be >= 0 \(0 picks automatically\), got -2"):
        BriefSettings(workers=-2)
    with pytest.raises(TypeError, match="settings must be BriefSettings, got dict"):
        build_briefs([], {}, {"ner": "rules"})


def test_briefs_are_deterministic_and_independent_of_the_batch(seed_brief):
    articles = seed_articles()
    shuffled = {a.id: a for a in reversed(articles)}
    other = make_article("o", "Other", "A different story about a harbour festival opening on Friday.")
    again = build_briefs([Story("other", ("o",)), seed_story()], {**shuffled, "o": other}, RULES)
    assert again[1] == seed_brief
    assert build_brief(seed_story(), list(reversed(articles)), RULES) == seed_brief


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_worker_processes_give_the_same_briefs():
    articles = seed_articles()
    stories = [Story(f"s{k}", tuple(a.id for a in articles[k:] + articles[:k])) for k in range(5)]
    by_id = {a.id: a for a in articles}
    alone = build_briefs(stories, by_id, dataclasses.replace(RULES, workers=1))
    shared = build_briefs(stories, by_id, dataclasses.replace(RULES, workers=2))
    assert shared == alone
    assert_grounded(shared)


def test_progress_is_reported():
    calls = []
    articles = seed_articles()
    build_briefs([seed_story()], {a.id: a for a in articles}, RULES, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1, 1)]


def test_check_grounded_finds_a_statement_no_source_made(seed_brief):
    point = seed_brief.key_points[0]
    invented = Point("Putin resigned on Monday.", point.sources, point.evidence)
    broken = dataclasses.replace(seed_brief, key_points=(invented,) + seed_brief.key_points[1:])
    assert check_grounded(broken) == [
        "key point 1: text 'Putin resigned on Monday.' is not part of its first evidence span"
    ]
    outside = Evidence(point.evidence[0].article, 0, 10**6)
    broken = dataclasses.replace(seed_brief, summary_evidence=(outside,))
    assert any("outside article" in p for p in check_grounded(broken))
