"""Values (counts, durations, dates) and the name scanner: examples and invariants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.brief.names import scan_names
from newsfuse.brief.summary import trim_to_words
from newsfuse.brief.values import find_values, parse_number


@pytest.mark.parametrize(
    "text, value",
    [("12", 12), ("3,000", 3000), ("twelve", 12), ("twenty-five", 25), ("two hundred", 200),
     ("one hundred and three", 103), ("1.5 million", 1_500_000), ("seven", 7)],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text, expected",
    [
        ("At least 12 people were killed.", [("number", "killed", "At least 12", 12, float("inf"))]),
        ("The attack killed twelve people.", [("number", "killed", "twelve", 12, 12)]),
        ("The death toll rose to 15.", [("number", "killed", "15", 15, 15)]),
        ("A 30-hour Easter ceasefire ended.", [("duration", "ceasefire", "30-hour", 30, 30)]),
        ("The truce lasting 48 hours ended.", [("duration", "ceasefire", "48 hours", 48, 48)]),
        ("It left three individuals injured.", [("number", "injured", "three", 3, 3)]),
        # A casualty noun before "of" keys the number as its verb would.
        ("The jury convicted him of the injury of two others.", [("number", "injured", "two", 2, 2)]),
        ("Police announced the arrest of three men.", [("number", "arrested", "three", 3, 3)]),
        ("Ukraine claimed nearly 3,000 ceasefire violations.", [("number", "violation", "nearly 3,000", 2160, 3300)]),
        ("They met on Sunday.", [("date", "weekday", "Sunday", 6, 6)]),
        ("Fifteen of the 19 hijackers were Saudi.", []),
        ("Article 5 of the treaty, at 10:30 a.m., a 45-year-old man.", []),
        ("He paid $5 million for the house.", []),
    ],
)
def test_find_values(text, expected):
    found = [(v.kind, v.key, v.surface, v.low, v.high) for v in find_values(text)]
    assert found == expected


_pieces = st.sampled_from(
    ["12", "3,000", "twelve", "twenty-one", "nearly", "at least", "people", "were", "killed", "injured",
     "a", "30-hour", "three-day", "ceasefire", "on", "Sunday", "April", "20,", "2024", "the", "of", "$", "5",
     "million", "percent", "%", "President", "former", "Donald", "Trump", ".", ",", "\n", "“", "”", "said"]
)


@given(st.lists(_pieces, max_size=40))
@settings(max_examples=300, deadline=None)
def test_value_spans_hold_their_values(tokens):
    text = " ".join(tokens)
    for value in find_values(text):
        assert 0 <= value.start < value.end <= len(text)
        assert value.surface.lower() in text[value.start : value.end].lower() or value.kind == "date"
        assert value.low <= value.high
    for mention in scan_names(text):
        assert text[mention.start : mention.end] == mention.text
        assert mention.title_start <= mention.start


@given(st.lists(st.sampled_from(["word", "the", "long", "clause,", "and", "—", "then;", "more"]), max_size=50),
       st.integers(min_value=1, max_value=12))
@settings(max_examples=200, deadline=None)
def test_a_trimmed_summary_is_a_prefix_within_budget(tokens, budget):
    text = " ".join(tokens)
    cut = trim_to_words(text, budget)
    prefix = text[:cut]
    assert text.startswith(prefix)
    word_count = len([w for w in text.split() if any(c.isalnum() for c in w)])
    if word_count <= budget:
        assert prefix == text.rstrip()  # it fits: nothing is cut
    else:
        assert len([w for w in prefix.split() if any(c.isalnum() for c in w)]) <= budget
        assert not prefix.endswith((" ", ",", ";", "—"))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The fans waited 65 years for the title.", [("duration", "span", "65 years", 65 * 8760)]),
        ("The referee stopped the fight 44 seconds into the round.", [("duration", "span", "44 seconds", 44 / 3600)]),
        ("He retired three years ago.", []),
    ],
)
def test_durations_without_a_head_noun(text, expected):
    found = [(v.kind, v.key, v.surface, round(v.low, 6)) for v in find_values(text)]
    assert found == [(kind, key, surface, round(low, 6)) for kind, key, surface, low in expected]



@pytest.mark.parametrize(
    "text, expected",
    [
        # Relative counts, windows and spans measured from a moment are keyed apart.
        ("The two other victims were being treated at Beaumont Hospital in Royal Oak.",
         [("number", "other:victim", "two")]),
        ("She married two more times yet both unions failed.", [("number", "other:time", "two")]),
        ("Page suffered a heart attack nine days earlier and never regained consciousness.",
         [("duration", "from:span", "nine days")]),
        ("BBC News has clips of songs that will accompany the release of the band's first three albums.",
         [("number", "window:album", "three")]),
        ("Stefanski rewarded Cheeks with two contract extensions in seven months.",
         [("number", "extension", "two"), ("duration", "within:span", "seven months")]),
        # A window chosen by the writer is no length at all.
        ("In the first four days that Nevada residents could legally purchase marijuana, retailers made "
         "$3 million in sales.", []),
        # Fractions are no whole numbers: only the nine months are read.
        ("He was sentenced to 2 1/2 years, with 9 months to serve in that case.",
         [("duration", "span", "9 months")]),
        ("LaRue served 41 / 2 months in federal prison for conspiracy to obstruct justice.", []),
        # Totals stay plain.
        ("The Navy confiscated 14 AK-47 rifles, 31 magazines and 923 rounds from the boat.",
         [("number", "rifle", "14"), ("number", "magazine", "31"), ("number", "round", "923")]),
    ],
)
def test_relative_values_are_keyed_apart(text, expected):
    assert [(v.kind, v.key, v.surface) for v in find_values(text)] == expected


@pytest.mark.parametrize(
    "text, bounds",
    [
        ("Authorities suspect arson is to blame for Friday night's fire at Wasilla Bible Church.", (4.0, 4.5)),
        ("A suspicious fire virtually destroyed the Wasilla Bible Church early Saturday.", (4.5, 5.0)),
        ("Page passed away at 6:41pm PST this evening (0241 GMT Friday) in a Los Angeles hospital.", (3.0, 5.0)),
        ("Bettie Page, the 1950s pin-up queen who died on Thursday, will be remembered.", (3.0, 3.0)),
    ],
)
def test_a_weekdays_evening_reaches_into_the_next_day(text, bounds):
    [day] = [v for v in find_values(text) if v.key == "weekday"]
    assert (day.low, day.high) == bounds


_QUALIFIED = st.sampled_from(
    ["two", "12", "other", "percent", "%", "more", "first", "next", "days", "months", "earlier", "later", "in", "within",
     "people", "victims", "the", "a", "further", "another", "Friday", "night", "early", "GMT", "1/2", "/", ","]
)


@given(st.lists(_QUALIFIED, max_size=30))
@settings(max_examples=300, deadline=None)
def test_keys_carry_at_most_one_known_qualifier(tokens):
    text = " ".join(tokens)
    for value in find_values(text):
        qualifiers = ("other:", "window:", "from:", "within:")
        rest = value.key[len(value.key.split(":")[0]) + 1 :] if value.key.startswith(qualifiers) else value.key
        assert rest and not rest.startswith(qualifiers), value.key
        assert value.low <= value.high
        if value.key == "weekday":
            assert value.high - value.low <= 2.0


@pytest.mark.parametrize(
    "text, included",
    [
        ("The Jan. 7-9 attacks on Charlie Hebdo and a kosher supermarket left 20 people dead, including the "
         "three gunmen.", 3.0),
        ("The siege left 29 dead, including four suspected militants.", 4.0),
        ("The blast killed 12 people, including two children.", 0.0),  # victims all: the total stands
    ],
)
def test_a_toll_that_counts_the_attackers_names_them(text, included):
    [toll] = [v for v in find_values(text) if v.key == "killed"]
    assert toll.included == included


def test_a_decimal_written_with_a_spaced_point_gives_no_count():
    # ECB+ (8_1ecbplus, tokenised text): "5. 4 per cent" is 5.4 percent, neither 5 nor 4 percent; another outlet's
    # "3. 9 percent" made a false dispute "4 per cent" / "9 percent".
    text = "But markets reacted to the violence with alarm as Greek stocks plunged 5. 4 per cent on Wednesday."
    assert [v.surface for v in find_values(text)] == ["Wednesday"]
    assert [v.surface for v in find_values("In 2014. 5 people were killed.")] == ["2014", "5"]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # AP style abbreviates a month before its day (BASIL's HuffPost on Mattis's departure): the same
        # day of a month as another outlet's "February 28, 2019".
        ("Mattis’ resignation letter addressed to Trump indicates his final day in office will be Feb. 28.",
         [("Feb. 28", 128.0)]),
        ("The end date for my tenure is February 28, 2019, a date that should allow sufficient time",
         [("February 28, 2019", 128.0)]),
        ("won Senate confirmation as defense secretary on Jan. 20, 2017, shortly after Trump’s inauguration",
         [("Jan. 20, 2017", 20.0)]),
        ("Sept. 11 and Dec. 7 are remembered", [("Sept. 11", 811.0), ("Dec. 7", 1107.0)]),
        # Without its full stop an abbreviation is a page's time stamp, not the story's date.
        ("Published on Jun 20, 2017", []),
    ],
)
def test_a_month_abbreviated_before_its_day_is_a_day_of_a_month(text, dates):
    found = [(v.surface, v.low) for v in find_values(text) if v.key == "monthday"]
    assert found == dates
