from __future__ import annotations

import doctest

from hypothesis import given
from hypothesis import strategies as st

import newsfuse.text
from newsfuse.text import count_words, fold, split_sentences


def _sentences(text: str) -> list[str]:
    """The sentences ``split_sentences`` finds in ``text``, as text."""
    return [text[a:b] for a, b in split_sentences(text)]


def test_doctests():
    assert doctest.testmod(newsfuse.text).failed == 0


def test_abbreviations_and_initials_do_not_end_sentences():
    text = "Gen. Smith met U.S. officials in Washington. J. K. Rowling wrote it. The rate was 3.5 percent."
    assert _sentences(text) == [
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
    assert _sentences(text) == [
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
    assert _sentences(text) == [
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


def test_a_number_written_with_a_spaced_point_stays_in_one_sentence():
    # ECB+ wrote its tokens back with a space after every full stop: a brief showed "2 yards a carry ..." alone.
    text = (
        "The undrafted rookie averaged 5. 2 yards a carry and finished with a team-high 716 yards rushing. "
        "Days later a $2. 5 million necklace was lifted by a crook at a movie. "
        "The incident occurred around 9. 25 am when five boats were seen. "
        "It includes IE11 on Windows 8. 1 RTM. Jewellery worth £1. 7m have been stolen. "
        "Monday 16 September 2013 03. 31 BST"
    )
    assert _sentences(text) == [
        "The undrafted rookie averaged 5. 2 yards a carry and finished with a team-high 716 yards rushing.",
        "Days later a $2. 5 million necklace was lifted by a crook at a movie.",
        "The incident occurred around 9. 25 am when five boats were seen.",
        "It includes IE11 on Windows 8. 1 RTM.",
        "Jewellery worth £1. 7m have been stolen.",
        "Monday 16 September 2013 03. 31 BST",
    ]


def test_a_sentence_that_ends_in_a_number_still_ends():
    # Multi-News and ECB+: a year, a grouped figure, a headline before its date, a number before a capital.
    text = (
        "The event was held in 2014. 5 people came. It pays up to $80,000. 2) The plan is cheaper. "
        "Swimmer Dies Aged 91. 07 June 2013. He scored 30. Then he left. It was 3.5 percent."
    )
    assert _sentences(text) == [
        "The event was held in 2014.",
        "5 people came.",
        "It pays up to $80,000.",
        "2) The plan is cheaper.",
        "Swimmer Dies Aged 91.",
        "07 June 2013.",
        "He scored 30.",
        "Then he left.",
        "It was 3.5 percent.",
    ]


def test_abbreviations_before_a_number_do_not_end_sentences():
    # Multi-News: a reporter's phone extension, a book's pages, a paper's references; ECB+: a TV channel.
    text = (
        "Call Jen Zettel: 920-993-1000, ext. 539, or email her. (Terence McKenna, Food of the Gods, pp. 258-259.) "
        "Velocities reach 7.1 km (ref. 12), as in arcs. He is an editor at WCCO-TV, Ch. 4. She was the ref. "
        "He said so."
    )
    assert _sentences(text) == [
        "Call Jen Zettel: 920-993-1000, ext. 539, or email her.",
        "(Terence McKenna, Food of the Gods, pp. 258-259.)",
        "Velocities reach 7.1 km (ref. 12), as in arcs.",
        "He is an editor at WCCO-TV, Ch. 4.",
        "She was the ref.",
        "He said so.",
    ]


_FIGURE = st.tuples(st.sampled_from(["", "$", "£", "€"]), st.integers(0, 999), st.integers(0, 99))
_UNIT = st.sampled_from(["yards a carry", "million", "percent", "points", "am", "billion euros", "per cent", "BST"])


@given(_FIGURE, _UNIT, st.sampled_from(["averaged", "was worth", "rose by", "came at", "measured"]))
def test_a_decimal_written_with_a_spaced_point_never_begins_a_sentence(figure, unit, verb):
    currency, whole, part = figure
    text = f"The record shows it {verb} {currency}{whole}. {part} {unit} last year. Then it fell."
    sentences = _sentences(text)
    assert sentences == [text[: text.index(" Then")], "Then it fell."]
    assert not any(s[0].isdigit() for s in sentences)


def test_a_leading_decimal_point_written_with_a_space_ends_no_sentence():
    # ECB+ lines (tokenised text glues the point of ".38-caliber" to the word before).
    text = (
        "A loaded. 38-caliber revolver was recovered at the scene.\n"
        "He fired just one shot from his. 38-caliber revolver, with the slug passing through a crack in the door.\n"
        "She went back up to the third floor armed with her. 357 Magnum, which she has a permit to carry.\n"
        "The gun was loaded. 38 people were inside. He had bought a. 22 rifle."
    )
    assert _sentences(text) == [
        "A loaded. 38-caliber revolver was recovered at the scene.",
        "He fired just one shot from his. 38-caliber revolver, with the slug passing through a crack in the door.",
        "She went back up to the third floor armed with her. 357 Magnum, which she has a permit to carry.",
        "The gun was loaded.",
        "38 people were inside.",
        "He had bought a. 22 rifle.",
    ]


_LOWER = st.text(alphabet="abcdefghij ", min_size=1, max_size=30)


@given(_LOWER, _LOWER, st.sampled_from([".", "!", "?", ".”"]))
def test_a_glued_end_splits_like_a_spaced_one(first, second, end):
    one = f"Here {first.strip() or 'it'} ends{end}"
    two = f"Then {second.strip() or 'more'} follows."
    glued, spaced = one + two, f"{one} {two}"
    assert _sentences(glued) == _sentences(spaced)
    assert _sentences(glued) == [one, two]


def test_quotes_close_sentences_and_lines_always_split(seeds_dir):
    text = (seeds_dir / "004_04c2f9f5f73296c6.txt").read_text(encoding="utf-8")
    sentences = _sentences(text)
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


def test_sentences_of_scripts_without_capitals_end_at_their_full_stops():
    # The next sentence had to open with a capital, so an Arabic or Hebrew paragraph was one
    # sentence: one key point, one evidence span, for a whole report.
    arabic = (
        "قال الرئيس الأوكراني فولوديمير زيلينسكي يوم الأحد إن بلاده مستعدة لمحادثات مباشرة مع روسيا. "
        "وأضاف أن الأفعال أبلغ من الأقوال. وقال مسؤولون إن الاجتماع قد يعقد الأسبوع المقبل في إسطنبول."
    )
    hebrew = "ראש העיר אמר ביום שלישי כי התקציב יאושר. המועצה תתכנס שוב בשבוע הבא."
    for text, count in ((arabic, 3), (hebrew, 2)):
        sentences = [text[a:b] for a, b in split_sentences(text)]
        assert len(sentences) == count and all(s.endswith(".") for s in sentences)
    # Cased scripts as before: a lower-case word after a full stop goes on.
    assert [len(split_sentences(t)) for t in ("He met Gen. Smith. Then he left.", "It was 3 p.m. on Friday.")] == [2, 1]
