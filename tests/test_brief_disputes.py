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


def test_real_clusters_show_few_disputes_and_all_grounded(shared_data):
    """Natural coverage rarely contradicts itself: a gate against spurious disputes."""
    found = 0
    for stories, articles in (basil_clusters(), multinews_clusters()):
        briefs = build_briefs(stories, articles, RULES)
        assert_grounded(briefs)
        found += sum(len(b.disputes) for b in briefs)
    # Measured: 4, three of them real (Pelosi leads "since 2002"/"since 2003"; a gold heist
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
