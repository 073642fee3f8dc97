"""Disputes pinned by what two sentences share besides the value: a figure, a part, a slot, a day.

Each pair is taken from the development stories (Multi-News, ECB+), one value changed as the
disputes evaluation plants it.
"""

from __future__ import annotations

import re

from newsfuse.brief import build_brief, check_grounded
from newsfuse.brief.values import exact_numbers
from newsfuse.config import BriefSettings
from newsfuse.models import Story
from test_brief_support import make_article, multinews_clusters

RULES = BriefSettings(ner="rules")


def _two(text_a: str, text_b: str):
    a = make_article("a", "Daily One", text_a)
    b = make_article("b", "Evening Two", text_b)
    return build_brief(Story("s", ("a", "b")), [a, b], RULES)


def _planted(story_id: str, edits: dict[str, tuple[str, str]]):
    """Return the brief of a Multi-News story with ``edits`` (article index -> pattern, replacement) made
    in every place of the article, as the evaluation plants them."""
    stories, articles = multinews_clusters()
    story = next(s for s in stories if s.id == story_id)
    edited = []
    for article_id in story.article_ids:
        article = articles[article_id]
        edit = edits.get(article_id.rsplit("-", 1)[1])
        if edit:
            text = re.sub(edit[0], edit[1], article.text)
            assert text != article.text, edit
            article = make_article(article.id, article.source, text, article.title)
        edited.append(article)
    return build_brief(story, edited, RULES)


def _values(brief, kind: str) -> list[dict[str, tuple[str, ...]]]:
    return [{v.value: v.sources for v in d.versions} for d in brief.disputes if d.kind == kind]


def test_a_figure_written_against_its_unit_is_read():
    assert exact_numbers("an area about 2,700km (1,680 miles) south-west of Perth", min_digits=0) == {2700.0, 1680.0}
    assert exact_numbers("between 2m and 16m (52ft) in size", min_digits=0) == {2.0, 16.0, 52.0}
    # Money in millions and clock times are no figure against a unit.
    assert exact_numbers("a $5m fee at 10am", min_digits=0) == frozenset()


def test_a_shared_figure_glued_to_its_unit_pins_the_count():
    """The 2,700 km identify the area, though the second outlet writes it "2,700km" and gives
    miles of another distance too."""
    brief = _two(
        "The objects spotted by the Thai satellite on Monday were between 2 meters (6.5 ft) and 16 meters "
        "(52 ft) in size and were in an area around 2,700 km (2,184 miles) southwest of Perth, Snidvongs said.",
        "The latest Thai images were carried in The Nation and were said to show some 300 floating objects "
        "scattered over an area about 2,700km (1,680 miles) south-west of Perth. "
        "The objects were about 200km (120 miles) from the site of the French satellite images.",
    )
    assert _values(brief, "number") == [{"2,184": ("Daily One",), "1,680": ("Evening Two",)}]
    assert check_grounded(brief) == []


def test_the_same_part_of_two_wholes_is_one_fact():
    """ "18 of its next N games": the part names the run of games, whatever else the sentences say."""
    brief = _two(
        "After an 18-30 start, Philadelphia won 18 of its next 31 games and wound up at 40-42, the sixth seed "
        "in the Eastern Conference.",
        "The Sixers went on to win 18 of their next 23 games, becoming just the sixth team in NBA history to go "
        "over .500 after being at least 12 games below .500 at some point during the same season.",
    )
    assert _values(brief, "number") == [{"31": ("Daily One",), "23": ("Evening Two",)}]
    # Two different parts tell two runs.
    brief = _two(
        "Philadelphia won 18 of its next 31 games and wound up at 40-42.",
        "The Sixers went on to win 12 of their next 23 games, becoming the sixth team to go over .500.",
    )
    assert _values(brief, "number") == []


def test_a_shared_figure_in_sentences_alike_needs_no_word_around_the_values():
    """ "2,400 text messages were exchanged between her child and the Beechwood Elementary School teacher
    over a two-week span" / "Alcorn alleged exchanged some 2,400 texts with the female student over a
    span of two weeks": the 2,400 texts are one fact, though no word around the lengths is shared."""
    brief = _planted("multinews_val_004", {"1": (r"\btwo(?=-week)", "four")})
    [dispute] = _values(brief, "duration")
    assert dispute["four-week"] == ("multinews_val_004-1",)
    assert "multinews_val_004-0" in dispute["two weeks"]
    assert check_grounded(brief) == []


def test_a_member_and_a_veteran_of_one_department_fill_one_slot():
    brief = _two(
        "Ortiz, 35, was a 25-year member of the sheriff's department.",
        "He was a 15-year veteran of the department and had been a member of its anti-gang unit for the past "
        "five years.",
    )
    assert _values(brief, "duration") == [{"25-year": ("Daily One",), "15-year": ("Evening Two",)}]


def test_a_day_of_telling_that_places_the_event_earlier_that_day_is_its_day():
    """ "A UC Berkeley police officer shot and wounded a man ... at the Haas School of Business on Tuesday" /
    "At a press conference Tuesday afternoon, UCPD confirmed that an officer shot a man at the UC Berkeley
    Haas School of Business earlier in the day": one day, though the second is the day it was told."""
    brief = _planted("multinews_val_189", {"1": (r"\bTuesday\b", "Thursday")})
    assert {"Thursday": ("multinews_val_189-1",), "Tuesday": ("multinews_val_189-0",)} in _values(brief, "date")
    # Without "earlier in the day" the press conference is a day of telling, which may come days later.
    brief = _planted(
        "multinews_val_189", {"1": (r"\bTuesday\b", "Thursday"), "0": (r" earlier in the day", "")}
    )
    assert not [d for d in _values(brief, "date") if "Thursday" in d]
