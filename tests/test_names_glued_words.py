"""A capitalised word before a name is no part of it: an occupation opening a sentence ("Reporter Jomana
Karadsheh says:"), a speech verb ("Stated Stone:"), a past status before a place or an organisation ("Former
US secretary of state ..."); and a surname that is a party's word ("Grant Green") is a person's.  Sentences
from the PolNeAR train articles and the ECB+ and Multi-News dev stories."""

from __future__ import annotations

import pytest

from newsfuse.brief.names import scan_names
from newsfuse.brief.people import People, looks_like_person
from newsfuse.brief.quotes import find_quotes
from test_brief_support import make_article

# PolNeAR train (a Breitbart story on Benghazi): the quote stands in the paragraph after its introduction.
KARADSHEH = (
    "In a clip that is never discussed, you can see for yourself that it was reported live on CNN’s show "
    "Anderson Cooper 360 that the attackers were the group Ansar al-Sharia.\n\n"
    "Reporter Jomana Karadsheh says:\n\n"
    '"Well Anderson, according to the eyewitness up to about an hour ago he describes the situation there as a '
    'frontline. Libyan security forces were engaged in heavy clashes with the attackers."'
)

# PolNeAR train (a Breitbart interview with Roger Stone).
STONE = (
    "Donald Trump’s longtime confidant Roger Stone spoke of voter fraud.\n\n"
    "Stone was speaking in an interview on this reporter’s talk radio program, broadcast on New York’s AM 970 "
    "The Answer and NewsTalk 990 AM.\n\n"
    "Stated Stone:\n\n"
    "“I think that the stakes are so high – and Donald Trump has made it pretty clear that if he is elected "
    "president he will seek the prosecution of Bill.”"
)


def _names(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.title) for m in scan_names(text)]


def _speakers(text: str) -> dict[str, str]:
    article = make_article("a", "Daily One", text)
    mentions = scan_names(text)
    return {q.text[:20]: q.speaker for q in find_quotes(article, People(mentions), mentions)}


def test_an_occupation_opening_a_sentence_is_the_title_of_a_name_it_does_not_know():
    assert ("Jomana Karadsheh", "Reporter") in _names(KARADSHEH)
    assert not any(name.startswith("Reporter") for name, _ in _names(KARADSHEH))


def test_an_occupation_before_common_words_or_a_place_stays_in_the_name():
    # An occupation before words the article writes in lower case, or before a place's word, opens no title.
    text = "Host Committee Chairman Sam Smith spoke. The host committee met. Reporter Sound Park opened."
    names = _names(text)
    assert ("Sam Smith", "Committee Chairman") in names
    assert ("Reporter Sound Park", "") in names


@pytest.mark.parametrize(
    ("text", "expected", "glued"),
    [
        # PolNeAR train (a Guardian story on Clinton's supporters).
        (
            "Former US secretary of state Madeleine Albright, a Clinton supporter, fanned controversy.",
            ["US", "Madeleine Albright", "Clinton"],
            "Former US",
        ),
        # ECB+ (a story on the Genovese family).
        (
            "Former New York City detectives who were assigned to organized-crime units said so.",
            ["New York City"],
            "Former New York City",
        ),
        # ECB+ (the Atlanta courthouse shooting).
        (
            "Former Kutztown University football player Brian Nichols has received a sentence of life in prison.",
            ["Kutztown University", "Brian Nichols"],
            "Former Kutztown University",
        ),
    ],
)
def test_a_past_status_before_no_title_of_its_own_is_no_part_of_a_name(text, expected, glued):
    names = [name for name, _ in _names(text)]
    assert names == expected
    assert glued not in names


def test_a_past_status_before_a_title_stays_in_the_title():
    assert ("Donald Trump", "Former President") in _names("Former President Donald Trump spoke on Monday.")


def test_a_speaker_introduced_with_a_colon_in_the_paragraph_before_is_found():
    assert _speakers(KARADSHEH)['Well Anderson, accor'] == "Jomana Karadsheh"
    assert _speakers(STONE)["I think that the sta"] == "Roger Stone"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # PolNeAR train (a story on leaks): "Grant" is a first name of the census list, "Green" a party's word.
        ("Others aren't meaningful to the public, said Grant Green, a national security official.", "Grant Green"),
        # ECB+ (the 76ers; a Spurs story).
        ("Some of the younger players, like Samuel Dalembert and Willie Green, felt they did not develop.",
         "Willie Green"),
        ("Danny Green acknowledged the team was ready to move on as well.", "Danny Green"),
    ],
)
def test_a_party_word_after_a_first_name_is_a_surname(text, name):
    mention = next(m for m in scan_names(text) if m.text == name)
    assert looks_like_person(mention)


@pytest.mark.parametrize(
    "text",
    [
        # Multi-News: a state and a party, no person.
        "The Georgia Republican, who ran unsuccessfully for president, referred to the Iran deal.",
        "The Nevada Republican stepped down from the bench in 2009 to run for governor.",
        "Christian Democrat leaders met in Berlin.",
    ],
)
def test_a_place_or_a_demonym_before_a_party_word_is_no_person(text):
    assert not any(looks_like_person(m) for m in scan_names(text))
