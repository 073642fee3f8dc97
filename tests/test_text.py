from __future__ import annotations

import doctest

from hypothesis import given
from hypothesis import strategies as st

import newsfuse.text
from newsfuse.text import count_words, fold, split_sentences


def test_doctests():
    assert doctest.testmod(newsfuse.text).failed == 0


def test_abbreviations_and_initials_do_not_end_sentences():
    text = "Gen. Smith met U.S. officials in Washington. J. K. Rowling wrote it. The rate was 3.5 percent."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Gen. Smith met U.S. officials in Washington.",
        "J. K. Rowling wrote it.",
        "The rate was 3.5 percent.",
    ]



def test_plural_titles_do_not_end_sentences_but_the_same_word_can():
    # BASIL's HuffPost story on the 9/11 bill; the body showed "Two senators didn't vote at all: Sens." alone.
    text = (
        "Two senators didn’t vote at all: Sens. Tim Kaine (D-Va.) and Bernie Sanders (I-Vt.). "
        "Reps. Adam Schiff and Mark Warner spoke. She did ten reps. Then she left."
    )
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Two senators didn’t vote at all: Sens. Tim Kaine (D-Va.) and Bernie Sanders (I-Vt.).",
        "Reps. Adam Schiff and Mark Warner spoke.",
        "She did ten reps.",
        "Then she left.",
    ]

def test_sentences_glued_without_a_space_are_split_but_names_and_acronyms_are_not():
    # A Multi-News page that lost its paragraph breaks, and ECB+'s "Alaska Gov.Sarah Palin".
    text = (
        "The passenger was screened for possible symptoms of Ebola.The CDC says the passenger is in isolation. "
        "Is Rocky the bobcat on the run!The animal escaped. The church Alaska Gov.Sarah Palin attends burned. "
        "The U.S.Army and J.Smith visited amazon.com today. "
        "Johnson's arraignment was continued to July 6.Jarrett faces one count. Prices rose 3.5 percent."
    )
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "The passenger was screened for possible symptoms of Ebola.",
        "The CDC says the passenger is in isolation.",
        "Is Rocky the bobcat on the run!",
        "The animal escaped.",
        "The church Alaska Gov.Sarah Palin attends burned.",
        "The U.S.Army and J.Smith visited amazon.com today.",
        "Johnson's arraignment was continued to July 6.",  # Multi-News (Los Angeles Times)
        "Jarrett faces one count.",
        "Prices rose 3.5 percent.",
    ]


_LOWER = st.text(alphabet="abcdefghij ", min_size=1, max_size=30)


@given(_LOWER, _LOWER, st.sampled_from([".", "!", "?", ".”"]))
def test_a_glued_end_splits_like_a_spaced_one(first, second, end):
    one = f"Here {first.strip() or 'it'} ends{end}"
    two = f"Then {second.strip() or 'more'} follows."
    glued, spaced = one + two, f"{one} {two}"
    assert [glued[a:b] for a, b in split_sentences(glued)] == [spaced[a:b] for a, b in split_sentences(spaced)]
    assert [glued[a:b] for a, b in split_sentences(glued)] == [one, two]


def test_quotes_close_sentences_and_lines_always_split(seeds_dir):
    text = (seeds_dir / "004_04c2f9f5f73296c6.txt").read_text(encoding="utf-8")
    sentences = [text[a:b] for a, b in split_sentences(text)]
    assert "“We have always supported peace initiatives,” he said." in sentences
    assert "“We hope Kyiv’s representatives share this approach.”" in sentences
    assert sentences[0] == "Ceasefire diplomacy gains momentum as both sides signal willingness to talk—with conditions"


@given(st.text())
def test_spans_are_ordered_stripped_and_inside_the_text(text):
    previous_end = 0
    for start, end in split_sentences(text):
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous_end = end


@given(st.text())
def test_sentences_keep_every_non_space_character(text):
    kept = "".join(text[a:b] for a, b in split_sentences(text))
    assert "".join(kept.split()) == "".join(text.split())


def test_fold_and_count():
    assert fold("Zelenskiy’s") == "zelenskiy's"
    assert fold("Sánchez") == "sanchez"
    assert count_words("Kyiv’s 30-hour truce, U.S. officials") == 5
