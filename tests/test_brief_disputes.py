"""Disputes: outlets giving different values for one thing, and nothing else."""

from __future__ import annotations

import dataclasses

import pytest

from newsfuse.brief import build_brief, build_briefs, check_grounded
from newsfuse.config import BriefSettings
from newsfuse.models import CleanArticle, Story
from test_brief_support import (
    assert_grounded,
    basil_clusters,
    make_article,
    multinews_clusters,
    outlet_of,
    seed_articles,
    seed_story,
    text_of,
)

RULES = BriefSettings(ner="rules")


def _replaced(article: CleanArticle, old: str, new: str) -> CleanArticle:
    assert old in article.text, old
    return make_article(article.id, article.source, article.text.replace(old, new, 1), article.title)


def _seed_brief_with(prefix: str, old: str, new: str):
    articles = [_replaced(a, old, new) if a.id.startswith(prefix) else a for a in seed_articles()]
    return build_brief(seed_story(), articles, RULES)


def _two(text_a: str, text_b: str, copy_source: str = "Evening Two"):
    a = make_article("a", "Daily One", text_a)
    b = make_article("b", copy_source, text_b)
    return build_brief(Story("s", ("a", "b")), [a, b], RULES)


def test_the_seeds_dispute_trumps_title():
    brief = build_brief(seed_story(), seed_articles(), RULES)
    assert check_grounded(brief) == []
    [dispute] = brief.disputes  # and nothing spurious
    assert dispute.kind == "title"
    assert dispute.subject == "Donald Trump's title"
    current, former = dispute.versions
    assert current.value == "President" and former.value == "former President"
    assert set(current.sources) == {outlet_of(brief, p) for p in ("000", "002", "004")}
    assert former.sources == (outlet_of(brief, "003"),)
    assert [text_of(brief, e) for e in former.evidence] == ["former President Donald Trump"]
    assert {text_of(brief, e) for e in current.evidence} == {"U.S. President Donald Trump", "President Donald Trump"}


def test_an_injected_duration_is_found():
    brief = _seed_brief_with("001", "30-hour", "three-day")
    [dispute] = [d for d in brief.disputes if d.kind == "duration"]
    assert dispute.subject == "duration of the ceasefire"
    values = {v.value: set(v.sources) for v in dispute.versions}
    assert values["three-day"] == {outlet_of(brief, "001")}
    assert values["30-hour"] == {outlet_of(brief, "000"), outlet_of(brief, "002")}
    assert check_grounded(brief) == []


def test_an_injected_place_is_found():
    # The edit is made everywhere 004 names the place: an outlet that also names
    # London does not contradict the others' London.
    articles = [
        _replaced(_replaced(a, "this week in London", "this week in Geneva"), "the London talks", "the Geneva talks")
        if a.id.startswith("004") else a
        for a in seed_articles()
    ]
    brief = build_brief(seed_story(), articles, RULES)
    [dispute] = [d for d in brief.disputes if d.kind == "place"]
    assert {v.value for v in dispute.versions} == {"Geneva", "London"}
    [geneva] = [v for v in dispute.versions if v.value == "Geneva"]
    assert geneva.sources == (outlet_of(brief, "004"),)


def test_counts_in_words_and_digits_disagree():
    brief = _two(
        "Twelve people were killed when the bridge collapsed in the storm on Friday night.",
        "The bridge collapsed in the storm on Friday night, and 15 people were killed.",
    )
    [dispute] = brief.disputes
    assert (dispute.kind, dispute.subject) == ("number", "number killed")
    assert {v.value: v.sources for v in dispute.versions} == {"Twelve": ("Daily One",), "15": ("Evening Two",)}
    assert check_grounded(brief) == []


@pytest.mark.parametrize(
    "value_a, value_b",
    [("at least 12", "15"), ("nearly 3,000", "2,950"), ("about 40", "41"), ("3 million", "3.2 million")],
)
def test_hedged_values_that_can_both_be_true_are_no_dispute(value_a, value_b):
    brief = _two(
        f"Officials said {value_a} residents were evacuated from the flooded valley on Friday.",
        f"Officials said {value_b} residents were evacuated from the flooded valley on Friday.",
    )
    assert brief.disputes == ()


def test_an_injected_weekday_is_found():
    brief = _two(
        "The council approved the new budget on Tuesday after a long and bitter debate.",
        "The council approved the new budget on Thursday after a long and bitter debate.",
    )
    [dispute] = brief.disputes
    assert dispute.kind == "date"
    assert {v.value for v in dispute.versions} == {"Tuesday", "Thursday"}


def test_an_article_and_its_copy_never_dispute():
    original = seed_articles()[2]
    copy = dataclasses.replace(original, id="copy", source="Another Outlet", sentences=tuple(
        dataclasses.replace(s, article="copy") for s in original.sentences))
    for duplicates in ((), ((original.id, "copy"),)):
        brief = build_brief(Story("c", (original.id, "copy"), duplicates), [original, copy], RULES)
        assert brief.disputes == ()


def test_absence_and_history_are_no_dispute():
    brief = _two(
        "President Donald Trump has warned that the talks may end without a deal this week.",
        "Trump has warned that the talks may end without a deal this week, as then-President "
        "Bill Clinton once did.",
    )
    assert brief.disputes == ()
    brief = _two(
        "Former President Barack Obama has said the law must stand.",
        "Critics said the law passed under President Barack Obama must stand, and former President "
        "Barack Obama has said so.",
    )
    assert brief.disputes == ()


def test_a_title_inside_a_quote_is_the_speakers():
    brief = _two(
        "Former FBI Director James Comey has agreed to testify before the committee next week.",
        '"I hope Director James Comey testifies as soon as possible," said Rep. Adam Schiff, as '
        "Comey agreed to testify before the committee next week.",
    )
    assert brief.disputes == ()


def test_different_events_in_different_places_are_no_dispute():
    brief = _two(
        "Monitors said 15 people had been killed in Idlib as the army pressed its assault.",
        "Monitors said 104 people were killed in Homs as the army pressed its assault.",
    )
    assert brief.disputes == ()


def test_a_place_in_the_possessive_is_not_where_something_happened():
    # Multi-News, Mark Lane's obituaries: "in New York's ... circles" is not the place of the shooting.
    brief = _two(
        "Lane argued that a second gunman fired at Kennedy on Nov. 22, 1963 in Dallas, from the grassy knoll.",
        "Before the president's murder on Nov. 22, 1963, Lane was a minor figure in New York's legal and "
        "political circles.",
    )
    assert brief.disputes == ()


def test_a_campus_after_a_university_is_not_where_something_happened():
    # ECB+, Regina Benjamin's degrees: one in New Orleans, one from a university "at Birmingham".
    brief = _two(
        "Benjamin received a bachelor's degree from Xavier University and a doctor of medicine degree from the "
        "University of Alabama at Birmingham in 1984.",
        "Benjamin completed her undergraduate degree at Xavier University in New Orleans.",
    )
    assert brief.disputes == ()


def test_real_clusters_show_few_disputes_and_all_grounded(shared_data):
    """Natural coverage rarely contradicts itself: a gate against spurious disputes."""
    found = 0
    ages = set()
    for stories, articles in (basil_clusters(), multinews_clusters()):
        briefs = build_briefs(stories, articles, RULES)
        assert_grounded(briefs)
        found += sum(1 for b in briefs for d in b.disputes if d.kind != "age")
        ages |= {d.subject for b in briefs for d in b.disputes if d.kind == "age"}
    # Three ages, each a real difference between outlets (read): 28/29, 65/66 and 25/24.
    assert ages == {"Geraldine Alcorn's age", "Frank Macomber's age", "Kevin Johnson's age"}
    # Measured: 4 others, three of them real (Pelosi leads "since 2002"/"since 2003"; a gold heist
    # "in 1899"/"in 1900"; Area 51 "90 miles"/"about 125 miles" from Las Vegas) and one not
    # (two Cannes photographs "on May 15" / "May 16, 2014").  A toll of 17/20 dead (the 20
    # with the gunmen), Steele criticised "on Friday" / pressed "Sunday" and sales in "the
    # first four days" / "the first two days" are gone.
    assert found <= 4


def test_a_weekday_is_matched_by_the_words_around_it():
    """Two paraphrases that share little but what happened on the day still dispute it."""
    brief = _two(
        "Michael Flynn pleaded guilty on Friday to lying to the FBI about his talks with the Russian "
        "ambassador, a deal that could help the special counsel.",
        "Flynn, who served only weeks in the White House, pleaded guilty on Tuesday to lying to the "
        "F.B.I. in a courtroom packed with reporters.",
    )
    [dispute] = brief.disputes
    assert dispute.kind == "date"
    assert {v.value: v.sources for v in dispute.versions} == {"Friday": ("Daily One",), "Tuesday": ("Evening Two",)}
    assert check_grounded(brief) == []


def test_the_day_something_was_said_is_not_the_day_it_happened():
    brief = _two(
        "Police allege the former employee opened fire at the office Christmas party Friday, killing one man.",
        "The former employee who opened fire at the office Christmas party and killed one man was charged "
        "with murder, police said Saturday.",
    )
    assert [d for d in brief.disputes if d.kind == "date"] == []


def test_amounts_far_apart_count_different_things():
    text = "Police said {} people were arrested during the protests in the Brooklyn neighbourhood overnight."
    assert _two(text.format(46), text.format(4)).disputes == ()
    [dispute] = _two(text.format(46), text.format(36)).disputes
    assert {v.value for v in dispute.versions} == {"46", "36"}


def test_an_outlet_giving_two_counts_of_one_thing_is_not_compared():
    brief = _two(
        "Manning missed four games with the injury this season, and he played in 10 games before it.",
        "Manning played in 12 games before the injury this season, his coach said.",
    )
    assert [d for d in brief.disputes if d.kind == "number"] == []


def test_former_opening_a_sentence_is_read():
    brief = _two(
        "Former Sen. Ted Cruz (R-Texas) on Friday lashed out at Donald Trump over the tabloid story. "
        "A former aide said the story was false.",
        "Sen. Ted Cruz on Friday lashed out at Donald Trump over the tabloid story, calling it garbage.",
    )
    [dispute] = brief.disputes
    assert dispute.kind == "title"
    values = {v.value: v.sources for v in dispute.versions}
    assert values == {"Former Sen.": ("Daily One",), "Sen.": ("Evening Two",)}
    assert check_grounded(brief) == []


def test_a_span_with_no_head_noun_is_compared_by_its_context():
    brief = _two(
        "Lesh said the band would celebrate the community it has been playing to, and with, for fifty years.",
        "Lesh said the band would celebrate the community it has been playing to, and with, for 65 years.",
    )
    [dispute] = brief.disputes
    assert dispute.kind == "duration"
    assert {v.value for v in dispute.versions} == {"fifty years", "65 years"}


def test_an_outlet_naming_the_other_place_too_is_no_dispute():
    brief = _seed_brief_with("004", "talks scheduled this week in London", "talks scheduled this week in Geneva")
    assert [d for d in brief.disputes if d.kind == "place"] == []  # 004 still writes "the London talks"
    brief = _two(
        "Riot police clashed with protesters in Patras, and a further 20,000 people marched in Thessaloniki.",
        "Riot police clashed with protesters in Thessaloniki during the nationwide strike on Wednesday.",
    )
    assert [d for d in brief.disputes if d.kind == "place"] == []


def test_a_weekday_is_matched_by_the_verb_next_to_it():
    """Sentences that share only the name and what happened that day ("was arrested ... night")."""
    brief = _two(
        "Shelby McDowell was arrested Sunday night after a brawl at a wedding reception in Florida.",
        "McDowell, who punched the cousin of the bride, was arrested Tuesday night.",
    )
    [dispute] = brief.disputes
    assert {v.value for v in dispute.versions} == {"Sunday", "Tuesday"}


def test_two_events_on_two_days_are_no_dispute():
    """Alike sentences whose days belong to different events: what happened next to the day differs."""
    brief = _two(
        "Police allege Eric Allen Kirkpatrick, 61, opened fire at a Vancouver office Christmas party Friday, "
        "killing one man.",
        "A 61-year-old man was charged with first-degree murder Saturday after allegedly opening fire at his "
        "former employers' office Christmas party in Vancouver, killing one man.",
    )
    assert [d for d in brief.disputes if d.kind == "date"] == []
    brief = _two(
        "Several prominent conservatives offered swift, negative reactions to Michael Steele on Friday, after "
        "the RNC chairman was caught on camera saying that Afghanistan is a largely unwinnable war.",
        "Republican senators kept up pressure on party Chairman Michael Steele Sunday to better explain his "
        "on-camera claim that Afghanistan is a war of Obama's choosing and may not be winnable.",
    )
    assert [d for d in brief.disputes if d.kind == "date"] == []


def test_one_event_on_two_days_is_a_dispute_in_loose_paraphrases():
    """Sentences only 0.15 alike, but what happened that day is the same: a patient opened fire."""
    brief = _two(
        "A psychiatric patient opened fire inside a wellness center in Darby, PA, Saturday, according to police.",
        "A troubled patient opened fire on a caseworker and psychiatrist in a small office at a unit of Mercy "
        "Fitzgerald Hospital in Delaware County on Thursday afternoon, police said, leading the doctor to draw "
        "his own weapon.",
    )
    [dispute] = [d for d in brief.disputes if d.kind == "date"]
    assert {v.value for v in dispute.versions} == {"Saturday", "Thursday"}
    assert check_grounded(brief) == []


def test_a_night_and_the_early_hours_after_it_are_no_dispute():
    brief = _two(
        "Authorities are now saying they suspect arson is to blame for Friday night's fire at Wasilla Bible "
        "Church, where Gov. Sarah Palin and her family attend.",
        "Gov. Sarah Palin and her family will worship in a local school after a suspicious fire virtually "
        "destroyed the Wasilla Bible Church early Saturday.",
    )
    assert [d for d in brief.disputes if d.kind == "date"] == []


def test_the_day_of_a_column_is_the_day_it_was_told():
    brief = _two(
        "The Boston Herald's Michael Silverman wrote in his Monday column the Red Sox offer was expected to "
        "be in the range of $145 million to $175 million.",
        "The Boston Herald reported in its Tuesday editions that the Red Sox have extended an offer for "
        "Teixeira, believed to be the longest and richest in the history of the ownership group.",
    )
    assert [d for d in brief.disputes if d.kind == "date"] == []


def test_counts_that_all_differ_count_different_sets():
    seized = "During the operation, {} AK-47 rifles, {} magazines and about 300 rounds of ammunition were seized."
    brief = _two(
        seized.format("six", 12),
        "The Navy confiscated 14 AK-47 rifles, 31 magazines and 923 rounds from the boat, Nambiar said.",
    )
    assert [d for d in brief.disputes if d.kind == "number"] == []
    # One count changed, the others alike: a dispute.
    [dispute] = [d for d in _two(seized.format("six", 12), seized.format(14, 12)).disputes if d.kind == "number"]
    assert {v.value for v in dispute.versions} == {"six", "14"}


def test_a_count_split_in_parts_gives_its_total_too():
    brief = _two(
        "The Naval commandos seized seven AK-47 assault rifles, two other rifles and a grenade launcher from "
        "the pirates on board the boats.",
        "Nine assault rifles and a grenade launcher were seized from the pirates on board the boats, the "
        "Navy spokesman said.",
    )
    assert [d for d in brief.disputes if d.kind == "number"] == []


def test_values_of_one_sentence_are_aligned_with_their_counterparts():
    brief = _two(
        "He was sentenced to 2 years, with 13 months to serve in that case.",
        "He was sentenced to 2 1/2 years, with 9 months to serve in that case.",
    )
    [dispute] = brief.disputes
    assert {v.value for v in dispute.versions} == {"13 months", "9 months"}


def test_spans_from_a_moment_are_not_lengths():
    brief = _two(
        "The new rules, which the department calls a common-sense streamlining, will take effect in about "
        "30 days.",
        "The new rules, which the department calls a common-sense streamlining, take effect nine days before "
        "Obama's inauguration.",
    )
    assert [d for d in brief.disputes if d.kind == "duration"] == []


def test_a_place_that_modifies_a_name_is_compared_with_the_same_name():
    brief = _two(
        "Mary Cheney sharply criticized her sister Liz Cheney, a Connecticut Senate candidate, over her stance "
        "on same-sex marriage.",
        "Mary Cheney took to Facebook to blast her sister Liz Cheney, a Wyoming Senate candidate, over her "
        "stance on same-sex marriage.",
    )
    [dispute] = [d for d in brief.disputes if d.kind == "place"]
    assert {v.value for v in dispute.versions} == {"Connecticut", "Wyoming"}
    assert check_grounded(brief) == []
    brief = _two(
        "The senator told the New York Times that she would run again for her seat next year.",
        "The senator told the Los Angeles Times that she would run again for her seat next year.",
    )
    assert [d for d in brief.disputes if d.kind == "place"] == []


def test_days_of_a_month_a_week_apart_date_two_events():
    brief = _two(
        "The December 6 killing of a 15-year-old by police unleashed a wave of unrest across Greece.",
        "Fresh riots were reported in Greece on December 13 in protest at the killing by police of a "
        "15-year-old.",
    )
    assert [d for d in brief.disputes if d.kind == "date"] == []
    brief = _two(
        "Monday marked day 38 of the search for the Boeing 777, which disappeared March 8 en route from Kuala "
        "Lumpur to Beijing with 239 people aboard.",
        "Houston cautioned against hopes of finding the plane, which disappeared on March 5 on a flight "
        "between Kuala Lumpur, Malaysia, and Beijing.",
    )
    [dispute] = [d for d in brief.disputes if d.kind == "date"]
    assert {v.value for v in dispute.versions} == {"March 8", "March 5"}


def test_a_day_and_its_night_are_one_version():
    from newsfuse.evaluate._briefing import faithfulness_problems

    articles = [
        make_article("a", "Daily One", "A psychiatric patient opened fire inside a wellness center in Darby on "
                     "Saturday, according to police."),
        make_article("b", "Evening Two", "A troubled patient opened fire on a caseworker and psychiatrist in a "
                     "small office in Darby on Thursday afternoon, police said."),
        make_article("c", "Third Post", "A psychiatric patient opened fire on a caseworker in a small office "
                     "in Darby late Saturday night, police said."),
    ]
    brief = build_brief(Story("s", ("a", "b", "c")), articles, RULES)
    [dispute] = [d for d in brief.disputes if d.kind == "date"]
    assert sorted(v.value for v in dispute.versions) == ["Saturday", "Thursday"]
    assert faithfulness_problems(brief) == []


def test_a_toll_with_the_attackers_and_one_without_agree():
    brief = _two(
        "France deployed troops after Islamist militants killed 17 people in January in attacks on the "
        "offices of the Charlie Hebdo satirical weekly and a kosher supermarket.",
        "France has been on edge since the attacks on the satirical weekly Charlie Hebdo and a kosher "
        "supermarket left 20 people dead, including the three gunmen.",
    )
    assert [d for d in brief.disputes if d.kind == "number"] == []
    brief = _two(
        "France deployed troops after Islamist militants killed 17 people in January in attacks on the "
        "offices of the Charlie Hebdo satirical weekly and a kosher supermarket.",
        "France has been on edge since the attacks on the satirical weekly Charlie Hebdo and a kosher "
        "supermarket left 20 people dead in January.",
    )
    [dispute] = [d for d in brief.disputes if d.kind == "number"]
    assert {v.value for v in dispute.versions} == {"17", "20"}


def test_a_count_after_of_is_a_count_unless_it_is_the_whole_of_a_part():
    from newsfuse.brief.values import find_values

    def counts(text):
        return [(v.key, v.surface) for v in find_values(text) if v.kind == "number"]

    assert counts("The poll was conducted among a random national sample of 1,006 adults.") == [("adult", "1,006")]
    assert counts("a device consisting of two electrodes placed in water") == [("electrode", "two")]
    assert counts("Fifteen of the 19 hijackers were Saudi nationals.") == []
    assert counts("One of its three engines failed.") == []
    assert counts("Fifteen of the 19 Sept. 11 hijackers were Saudi nationals.") == []  # a day, no count


def test_a_count_planted_after_of_is_found():
    brief = _two(
        "The Post-ABC poll was conducted Nov. 14-17 among a random national sample of 1,308 adults, including "
        "interviews on landlines.",
        "The Post-ABC News poll was conducted Nov. 14-17 among a random national sample of 1,006 adults on "
        "landlines and cellphones.",
    )
    [dispute] = [d for d in brief.disputes if d.kind == "number"]
    assert {v.value for v in dispute.versions} == {"1,308", "1,006"}
    assert check_grounded(brief) == []


def test_an_outlet_that_states_the_other_figure_elsewhere_does_not_contradict_it():
    brief = _two(
        "A total of 55.3 million people tuned in to watch who took home the golden statuettes.",
        "Ratings for last year's Oscars plunged to a record low, with about 32 million people tuning in, "
        "compared with 55.3 million a decade ago.",
    )
    assert [d for d in brief.disputes if d.kind == "number"] == []


def test_a_value_both_outlets_give_is_not_the_counterpart_of_a_disputed_one():
    """B's sentence names Saturday's attack (which A gives too) and Monday's vigil: A's Wednesday vigil
    goes with Monday, not with the day both agree on."""
    brief = _two(
        "A gunman attacked the bridge on Saturday night. A vigil was held at Potters Field Park by the River "
        "Thames on Wednesday evening to remember the victims.",
        "A child looks at the floral tributes after a vigil for victims of Saturday's attack in London Bridge, "
        "at Potter's Field Park in London, Monday, June 5, 2017.",
    )
    [dispute] = [d for d in brief.disputes if d.kind == "date"]
    assert {v.value for v in dispute.versions} == {"Wednesday", "Monday"}
    assert check_grounded(brief) == []


def test_the_length_of_one_specific_thing_is_one_slot():
    """Each outlet gives the veteran's years once; the sentences share little else."""
    brief = _two(
        "Strzok, a 28-year veteran of the FBI, played a prominent role in both of the investigations "
        "surrounding the Clinton and Trump campaigns during the 2016 election.",
        "Strzok attorney Aitan Goelman said in a statement Monday that his client, a 21-year FBI veteran, was "
        "fired Friday afternoon, claiming this was a departure from standard practice.",
    )
    [dispute] = [d for d in brief.disputes if d.kind == "duration"]
    assert {v.value for v in dispute.versions} == {"28-year", "21-year"}
    # An outlet that gives the veteran two lengths is not sure of either.
    brief = _two(
        "Strzok, a 28-year veteran of the FBI, played a prominent role in both of the investigations. "
        "He was a 30-year veteran of public service.",
        "Strzok attorney Aitan Goelman said in a statement Monday that his client, a 21-year FBI veteran, was "
        "fired Friday afternoon, claiming this was a departure from standard practice.",
    )
    assert [d for d in brief.disputes if d.kind == "duration"] == []


def test_synonyms_around_a_day_are_one_word():
    brief = _two(
        "Rep. Michael Grimm is expected to be indicted by the U.S. attorney for the Eastern District of New "
        "York, Grimm's lawyer said Sunday.",
        "New York Republican Rep. Michael Grimm's attorney confirmed late Friday that federal prosecutors plan "
        "to file criminal charges against the congressman.",
    )
    [dispute] = [d for d in brief.disputes if d.kind == "date"]
    assert {v.value for v in dispute.versions} == {"Sunday", "Friday"}


def test_an_open_bound_elsewhere_explains_no_count():
    """A third outlet's "over 100 yards" (and another player's 86) is no split of a total: the two
    outlets' 211 and 162 yards for Quinn still differ."""
    articles = [
        make_article("a", "Daily One", "A big reason why was Brady Quinn, who was just 10 of 22 for 211 yards with "
                     "two interceptions through the air."),
        make_article("b", "Evening Two", "A big reason why was Brady Quinn, who was just 10 of 22 for 162 yards "
                     "with two interceptions through the air."),
        make_article("c", "Third Post", "The running back gained over 100 yards on the ground. The receiver caught "
                     "four passes for 86 yards."),
    ]
    brief = build_brief(Story("s", ("a", "b", "c")), articles, RULES)
    [dispute] = [d for d in brief.disputes if d.kind == "number"]
    assert {v.value for v in dispute.versions} == {"211", "162"}


def test_cleaning_debris_and_capitals_make_no_values():
    from newsfuse.brief.values import find_values

    # The tail of a clock time that cleaning spaced out ("6:00" -> "6: 00") is no length.
    assert [v.surface for v in find_values("tied the game with 6: 00 minutes remaining")] == []
    # What lasted is a whole word, even capitalised: "Monitored", not "onitored".
    [monitored] = find_values("Monitored for 65 minutes, the subjects jogged.")
    assert monitored.key == "span"
    [truce] = find_values("They agreed on a truce of 48 hours.")
    assert truce.key == "ceasefire"


def test_sentences_stating_one_specific_figure_tell_one_fact():
    """The 800,000 workers without pay identify the shutdown, told in other words and keyed differently."""
    brief = _two(
        "The stalemate caused a record-breaking partial government shutdown that forced an estimated 800,000 "
        "government employees to go without pay for 46 days.",
        "Mr. Trump signed the package into law on Friday anyway to avoid a second government shutdown after the "
        "impasse over border wall funding closed the doors of many federal agencies for 35 days and left "
        "800,000 workers without pay.",
    )
    [dispute] = [d for d in brief.disputes if d.kind == "duration"]
    assert {v.value for v in dispute.versions} == {"46 days", "35 days"}
    # A year in both sentences identifies nothing.
    brief = _two(
        "In 2019 the agency closed its doors for 46 days, its managers said.",
        "The museum, founded in 2019, was closed for renovation for 35 days last spring.",
    )
    assert [d for d in brief.disputes if d.kind == "duration"] == []


def test_a_surname_with_a_title_is_the_person_a_full_name_gives_that_title():
    """ "President Trump" is Donald Trump, though the story names Melania Trump after him."""
    brief = _two(
        "Former President Donald Trump and first lady Melania Trump on Wednesday night visited Scalise in the "
        "hospital, bringing flowers.",
        "When a video message from President Trump played on the big screen, some of the Democrats in the crowd "
        "booed.",
    )
    [dispute] = [d for d in brief.disputes if d.kind == "title"]
    assert dispute.subject == "Donald Trump's title"
    assert {v.value for v in dispute.versions} == {"Former President", "President"}


def test_a_short_first_name_is_the_same_person():
    brief = _two(
        "Former Senator Charles E. Grassley, Republican of Iowa, has chaired the Judiciary Committee this year.",
        "Sen. Chuck Grassley has chaired the Judiciary Committee this year, Braley noted.",
    )
    [dispute] = [d for d in brief.disputes if d.kind == "title"]
    assert {v.value for v in dispute.versions} == {"Former Senator", "Sen."}
    # Two first names that are no short form of each other stay two persons.
    brief = _two(
        "Former Senator Mark Kelly, Democrat of Arizona, has chaired the committee this year.",
        "Senator Scott Kelly has chaired the committee this year, Braley noted.",
    )
    assert [d for d in brief.disputes if d.kind == "title"] == []


def test_led_before_a_title_is_a_lead_in_a_race_not_a_past_act():
    brief = _two(
        "Former congressman Ron DeSantis is far enough ahead of Tallahassee former Mayor Andrew Gillum that a "
        "hand recount is unlikely.",
        "Unofficial results showed Republican former U.S. Rep. Ron DeSantis led Democratic Tallahassee Mayor "
        "Andrew Gillum by 0.41 percentage points in the governor's contest.",
    )
    [dispute] = [d for d in brief.disputes if d.kind == "title"]
    assert dispute.subject == "Andrew Gillum's title"


def test_places_in_loose_paraphrases_meet_by_the_words_around_them():
    brief = _two(
        "Mr. Santorum, at another appearance on Saturday, in Chicago, Ohio, called the idea of schools being run "
        "by the federal government anachronistic.",
        "In a speech to Tea Party conservatives on Saturday in Columbus, Ohio, Santorum had dismissed Obama's "
        "politics as being based in some phony theology.",
    )
    [dispute] = [d for d in brief.disputes if d.kind == "place"]
    assert {v.value for v in dispute.versions} == {"Chicago", "Columbus"}
    # A place named without a locative ("limbs Alabama") still counts as named in its sentence.
    brief = _two(
        "On the southern edge of the storm system, tornadoes destroyed several homes in Louisiana and peeled "
        "the roofs from buildings and blew down oak trees and limbs Alabama.",
        "On the southern edge of the storm system, tornadoes destroyed several homes in Arkansas and peeled "
        "the roofs from buildings and blew down oak trees and limbs in Alabama.",
    )
    [dispute] = [d for d in brief.disputes if d.kind == "place"]
    assert {v.value for v in dispute.versions} == {"Louisiana", "Arkansas"}
    # Sharing only the snow and a state named around two cities is no dispute.
    brief = _two(
        "The snowstorm walloped Iowa, where almost a foot of snow has fallen in Des Moines.",
        "Many communities in central Iowa got about a foot of snow, and the city of Madison, Wisconsin, got "
        "15.2 inches, according to the National Weather Service.",
    )
    assert [d for d in brief.disputes if d.kind == "place"] == []


def test_an_outlet_giving_a_count_two_values_is_compared_in_close_copies():
    manning = "Manning threw for {} yards and three touchdowns, and the visiting Colts secured the No. 5 seed {}"
    brief = _two(
        manning.format(474, "with a 31-24 victory over the Jaguars on Thursday night."),
        manning.format(364, "with a 31-24 victory over the Jaguars in Jacksonville. Garrard threw for 329 yards."),
    )
    [dispute] = [d for d in brief.disputes if d.kind == "number"]
    assert {v.value for v in dispute.versions} == {"474", "364"}


def test_the_same_figures_in_another_order_are_no_dispute():
    brief = _two(
        "Police said two women and one man died at a branch of the Marfin bank which caught fire after hooded "
        "youths hurled petrol bombs inside.",
        "The three bank workers, a man and two women, died after demonstrators set their bank on fire along "
        "the main demonstration route.",
    )
    assert [d for d in brief.disputes if d.kind == "number"] == []


def test_a_state_and_a_city_may_be_one_setting():
    brief = _two(
        "A berm holding the flooded Missouri River back from a Nebraska nuclear power station collapsed early "
        "Wednesday, but federal regulators said there was no danger.",
        "A berm holding back the flooded Missouri River at a nuclear power plant in Fort Calhoun, Neb., "
        "collapsed Sunday, but the public is in no danger, officials said.",
    )
    [dispute] = [d for d in brief.disputes if d.kind == "date"]
    assert {v.value for v in dispute.versions} == {"Wednesday", "Sunday"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Police identified the suspects as Kevin Deon Johnson, 24; Dwight Smith, 30; and Antheyst Jarrett, 27.",
         [("Kevin Deon Johnson", 24), ("Dwight Smith", 30), ("Antheyst Jarrett", 27)]),
        ("Pasztor admitted to shooting her neighbor, 66-year-old Frank Macomber, in a ditch.", [("Frank Macomber", 66)]),
        ("The inexperienced climber, 31-year-old Robert Buckley of the U.K., fell.", [("Robert Buckley", 31)]),
        ("Mary Smith (25) and John Smith, aged 27, were named.", [("Mary Smith", 25), ("John Smith", 27)]),
        ("Tom Brady, 28 of 40 passes for 300 yards, led the drive.", []),  # a count, not an age
        ("Barack Obama, 2012, and Mitt Romney, 45 minutes later, spoke.", []),
    ],
)
def test_ages_written_with_a_name_are_read(text, expected):
    from newsfuse.brief.ages import find_ages
    from newsfuse.brief.names import scan_names

    assert [(a.name.text, a.age) for a in find_ages(text, scan_names(text))] == expected


def test_two_outlets_giving_one_person_two_ages_dispute():
    brief = _two(
        "Police said Kevin Johnson, 25, was arrested on Tuesday in Los Angeles on suspicion of murder.",
        "The suspect, Kevin Deon Johnson, 24, was arrested in Los Angeles, police said.",
    )
    [dispute] = [d for d in brief.disputes if d.kind == "age"]
    assert dispute.subject == "Kevin Deon Johnson's age"  # the fullest name of the person
    assert {v.value: v.sources for v in dispute.versions} == {"25": ("Daily One",), "24": ("Evening Two",)}
    assert {text_of(brief, v.evidence[0]) for v in dispute.versions} == {"Kevin Johnson, 25", "Kevin Deon Johnson, 24"}
    assert check_grounded(brief) == []


def test_ages_that_time_or_the_outlet_itself_explain_are_no_dispute():
    # An outlet giving the person both ages tells a story that spans years (a crime, then the trial).
    both = _two(
        "Deputies said Jose Orozco, 27, shot the deputy. Two years later the jury found Jose Orozco, 29, guilty.",
        "The jury found Jose Orozco, 27, guilty of attempted murder on Monday.",
    )
    assert not [d for d in both.disputes if d.kind == "age"]
    # Articles a year and a half apart may straddle a birthday.
    a = dataclasses.replace(make_article("a", "Daily One", "Police said Kevin Johnson, 25, was arrested."),
                            date="2013-01-10")
    b = dataclasses.replace(make_article("b", "Evening Two", "Kevin Johnson, 26, was sentenced on Monday."),
                            date="2014-06-02")
    apart = build_brief(Story("s", ("a", "b")), [a, b], RULES)
    assert not [d for d in apart.disputes if d.kind == "age"]
    close = build_brief(Story("s", ("a", "b")), [a, dataclasses.replace(b, date="2013-01-12")], RULES)
    assert [d.subject for d in close.disputes if d.kind == "age"] == ["Kevin Johnson's age"]


def test_a_day_of_a_month_abbreviated_as_ap_writes_it_is_compared():
    """BASIL's HuffPost writes "Feb. 28" where Fox News writes "February 28, 2019": one slot, read both ways."""
    huffpost = "Mattis’ resignation letter addressed to Trump indicates his final day in office will be Feb. 28."
    brief = _two(huffpost, huffpost.replace("Feb. 28", "Feb. 26"))
    [dispute] = [d for d in brief.disputes if d.kind == "date"]
    assert {v.value for v in dispute.versions} == {"Feb. 28", "Feb. 26"}
    assert check_grounded(brief) == []
    same_day = _two(huffpost, huffpost.replace("Feb. 28", "February 28"))
    assert [d for d in same_day.disputes if d.kind == "date"] == []


def test_a_departure_moved_up_and_told_with_both_dates_is_no_dispute(shared_data):
    """Fox News (three days later) tells Mattis leaving on January 1 and the letter's February 28, 2019 it
    replaced; HuffPost and the Times give February: an outlet that gives both dates contradicts neither."""
    stories, articles = basil_clusters()
    [story] = [s for s in stories if s.id.startswith("01c59743")]
    brief = build_brief(story, [articles[i] for i in story.article_ids], RULES)
    assert [d for d in brief.disputes if d.kind == "date"] == []
