"""Key points, unique lines and summary sentences can be read on their own (``brief.standalone``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from test_brief_support import make_article

from newsfuse.brief._tokens import is_dependent, is_statement
from newsfuse.brief.align import StoryView, build_view
from newsfuse.brief.standalone import (
    cannot_stand_alone,
    leans_on_previous,
    needs_following,
    needs_previous,
    standing_run,
)
from newsfuse.brief.summary import build_summary, sentences_leaned_on
from newsfuse.models import Brief
from newsfuse.text import count_words


def _marks_balance(text: str) -> bool:
    """Whether a text closes every double quotation mark it opens (any form of the mark)."""
    return sum(text.count(mark) for mark in '"“”') % 2 == 0


@lru_cache(maxsize=1)
def _briefs(clusters: Path, ids: tuple[str, ...]) -> tuple[dict[str, StoryView], dict[str, Brief]]:
    from newsfuse.config import Settings
    from newsfuse.dedup import find_duplicates
    from newsfuse.evaluate._briefing import brief_clusters, clean_clusters, read_clusters

    settings = Settings()
    clean = clean_clusters([c for c in read_clusters(clusters) if c.id in ids], settings)
    views = {c.id: build_view(c.articles, find_duplicates(c.articles, settings.dedup)) for c in clean}
    return views, brief_clusters([(c.id, c.articles) for c in clean], settings)


STORIES = (
    "multinews_val_205",
    "multinews_val_172",
    "multinews_val_080",
    "multinews_val_153",
    "multinews_val_036",
    "multinews_val_048",
    "multinews_val_130",
    "multinews_val_116",
    "multinews_val_208",
)


def _story(shared_data: Path, story: str) -> tuple[StoryView, Brief]:
    views, briefs = _briefs(shared_data / "multinews_sample" / "clusters.jsonl", STORIES)
    return views[story], briefs[story]


# Sentences of the Multi-News sample (multinews_val_205, _172, _057, _080, _067).
HARVEY = (
    "Comedian/talk show host Steve Harvey, who famously announced the incorrect winner’s name of the "
    "“Miss Universe” pageant in 2015, tweeted early Monday:"
)
HYPOCRITE = "I think that many of them say, “Well, you’re a hypocrite."
BUT_LOWER = (
    "But luckily for the novelty-seekers among us, that was the response of some wild person working for "
    "McDonald's Austria, which just introduced a sandwich called the \"McRibster\" to its menu."
)
ALONE = (
    "Joining the menu today at McDonald’s restaurants across Austria is the McRibster, a snazzier version of "
    "the classic sandwich."
)
INSIDE = '"Installed the new IOS 5.0.1 two hours ago. Battery is draining fast again. I am not happy," one user wrote.'


def test_a_colon_an_open_quotation_and_a_leading_connective_cannot_stand_alone():
    text = "\n\n".join([HARVEY, "Nothing bad is going to happen.", HYPOCRITE, BUT_LOWER, ALONE, INSIDE])
    view = build_view([make_article("a1", "Outlet", text)])
    index = {view.text(i): i for i in range(len(view.sentences))}

    def alone(sentence: str) -> bool:
        return not cannot_stand_alone(view, index[sentence], sentence)

    assert needs_following(view, index[HARVEY], HARVEY) and not alone(HARVEY)  # what it introduces comes after
    assert needs_following(view, index[HYPOCRITE], HYPOCRITE) and not alone(HYPOCRITE)  # the speaker's words go on
    assert needs_previous(view, index[BUT_LOWER], BUT_LOWER) and not alone(BUT_LOWER)  # "But luckily": no capital
    assert alone(ALONE) and alone("Nothing bad is going to happen.")
    middle = "Battery is draining fast again."  # inside the user's words: leans both ways
    assert needs_previous(view, index[middle], middle) and needs_following(view, index[middle], middle)
    opening = '"Installed the new IOS 5.0.1 two hours ago.'
    assert needs_following(view, index[opening], opening) and not alone(opening)
    closing = 'I am not happy," one user wrote.'
    assert needs_previous(view, index[closing], closing) and not needs_following(view, index[closing], closing)


@pytest.mark.parametrize("story", ["multinews_val_205", "multinews_val_172"])
def test_key_points_and_unique_lines_neither_end_on_a_colon_nor_leave_a_quotation_open(shared_data, story):
    view, brief = _story(shared_data, story)
    shown = [p.text for p in brief.key_points] + [p.text for p in brief.unique]
    assert shown and all(_marks_balance(text) and not text.rstrip().endswith(":") for text in shown)
    assert HARVEY not in shown and HYPOCRITE not in shown  # the wordings the brief showed before
    for point in brief.key_points:  # each still the words of its first span
        article = next(a for a in view.articles if a.id == point.evidence[0].article)
        assert article.text[point.evidence[0].start : point.evidence[0].end] == point.text


@pytest.mark.parametrize("story", ["multinews_val_080", "multinews_val_153"])
def test_the_summary_shows_a_quotation_with_its_other_sentences_or_not_at_all(shared_data, story):
    from newsfuse.config import BriefSettings

    view, brief = _story(shared_data, story)
    words = BriefSettings().summary_words
    _, loose = build_summary(view, words)  # the article body's choice: it brings in what a sentence leans on itself
    assert brief.summary == build_summary(view, words, stand_alone=True)[0]

    def runs(evidence) -> list[str]:
        """The shown texts, those that follow one another in their article joined."""
        joined: list[str] = []
        for k, span in enumerate(evidence):
            article = next(a for a in view.articles if a.id == span.article)
            text = article.text[span.start : span.end]
            before = evidence[k - 1] if k else None
            if before and before.article == span.article and not article.text[before.end : span.start].strip():
                joined[-1] += " " + text
            else:
                joined.append(text)
        return joined

    assert not all(_marks_balance(run) for run in runs(loose))  # a speaker's words cut off from the rest
    assert all(_marks_balance(run) for run in runs(brief.summary_evidence))
    assert " ".join(runs(brief.summary_evidence)) == brief.summary


# Paragraphs of the Multi-News sample (multinews_val_130, _048, _019, _023).
OPPENHEIM = (
    "In an interview with the Times, Oppenheim recalled telling Farrow, “You can’t use an NBC camera crew for "
    "another outlet. You can do whatever you want to do. And you don’t work for us.”"
)
HOME = (
    "The 4,100-square-foot, four-story West Village home at 64 Perry St., which sold for $9 million in November, "
    "was the backdrop in early episodes of the show."
)
BOASTED = (
    "Trump has regularly boasted on Twitter that the stock market rise, which actually began in 2009 at the end of "
    "the last recession, is the direct result of his policies on taxes and regulation."
)
TWEETED = (
    "“Business is looking better than ever with business enthusiasm at record levels. Stock Market at an all-time "
    "high. That doesn't just happen!” he tweeted last August."
)
PARDON = (
    '"Thus, I am informing you that I have decided to refuse the requests and not use my powers to pardon and '
    'reduce punishments in this case."'
)
REVEALED = "Also revealed was the handwritten text of then-attorney general Gideon Hausner's opening statement."


def test_a_sentence_that_leans_is_shown_with_the_sentences_it_leans_on_when_they_make_it_stand():
    text = "\n\n".join(
        [
            OPPENHEIM,
            "Farrow went ahead with the interview anyway, paying for a camera crew out of his own pocket.",
            HOME,
            "It has four floors and six fireplaces.",
            BOASTED,
            TWEETED,
            PARDON,
            REVEALED,
        ]
    )
    view = build_view([make_article("a1", "Outlet", text)])
    index = {view.text(i): i for i in range(len(view.sentences))}

    def shown(run: tuple[int, int] | None) -> str | None:
        if run is None:
            return None
        return text[view.sentences[run[0]].sentence.start : view.sentences[run[1]].sentence.end]

    middle = "You can do whatever you want to do."  # inside Oppenheim's words: the whole quotation, with its speaker
    assert cannot_stand_alone(view, index[middle], middle)
    assert shown(standing_run(view, index[middle])) == OPPENHEIM
    assert shown(standing_run(view, index["It has four floors and six fireplaces."])) == (
        HOME + "\n\nIt has four floors and six fireplaces."
    )
    # "he tweeted" leans on the paragraph before, which names him.
    assert shown(standing_run(view, index["Stock Market at an all-time high."])) == BOASTED + "\n\n" + TWEETED
    assert standing_run(view, index[HOME]) == (index[HOME], index[HOME])  # it stands alone
    # "Also" leans on a quotation whose speaker is in neither: no run stands.
    assert needs_previous(view, index[REVEALED], REVEALED) and standing_run(view, index[REVEALED]) is None
    # The walk stops where it may not bring a sentence in (a caption, page furniture).
    assert standing_run(view, index[REVEALED], can_join=lambda _: False) is None
    assert standing_run(view, index[middle], limit=0) is None


@pytest.mark.parametrize("story", ["multinews_val_130", "multinews_val_036", "multinews_val_048"])
def test_a_story_whose_every_wording_leans_still_gets_its_key_point_with_what_it_leans_on(shared_data, story):
    from newsfuse.brief.grounding import check_grounded

    view, brief = _story(shared_data, story)
    assert brief.key_points  # every outlet's wording of the story's facts leans on its neighbours
    assert check_grounded(brief) == []
    widened = 0
    for point in brief.key_points:
        first = point.evidence[0]
        position = next(k for k, a in enumerate(view.articles) if a.id == first.article)
        assert view.articles[position].text[first.start : first.end] == point.text
        start, end = view.sentence_index(position, first.start), view.sentence_index(position, first.end - 1)
        widened += end > start
        assert not needs_following(view, end, view.text(end)) and _marks_balance(point.text)
        opening = point.text[: view.sentences[start].sentence.end - first.start]
        # A run opening in a speaker's words must name the speaker itself; one in the article's words opens alone.
        assert not needs_previous(view, start, point.text if opening[:1] in "\"“" else opening)
    assert widened
    if story == "multinews_val_130":
        assert [p.text for p in brief.key_points] == [OPPENHEIM]


@pytest.mark.parametrize("story", ["multinews_val_116", "multinews_val_208"])
def test_a_point_told_in_words_fewer_outlets_carry_is_ranked_by_their_support(shared_data, story):
    _, brief = _story(shared_data, story)
    supports = [len(p.sources) for p in brief.key_points]
    assert len(supports) > 1 and supports == sorted(supports, reverse=True)


def _texts_view(*texts: str) -> StoryView:
    return build_view([make_article(f"a{k}", f"outlet{k}", text) for k, text in enumerate(texts)])


def test_a_sentence_that_leans_back_past_a_heading_or_a_link_line_is_not_shown_with_it():
    # A Multi-News page (a Syria story) runs a one-word subhead between "This came a day after..." and what
    # "This" points to; a blurb page credits a review after its closing quote.
    view = _texts_view(
        "Moscow, an ally of Damascus, is seen as having a certain amount of influence on the Syrian leadership.\n\n"
        "Attacks\n\n"
        "This came a day after Syria's opposition reported heavy raids by security forces in northern provinces.",
        "The senator wrote a memoir about her years in office. Critics praised it.\n\n"
        "“Hers is a quick read, chatty, candid.”—The Washington Post\n\n"
        "She said the book took three years to write.",
    )

    def leans(i: int) -> bool:
        return leans_on_previous(view, i, view.text(i))

    this = next(s.index for s in view.sentences if s.sentence.text.startswith("This came"))
    she = next(s.index for s in view.sentences if s.sentence.text.startswith("She said the book"))
    assert view.text(this - 1) == "Attacks" and leans(this)
    assert sentences_leaned_on(view, this, leans) is None
    assert view.text(she - 1).endswith("The Washington Post") and leans(she)
    assert sentences_leaned_on(view, she, leans) is None
    # Without the subhead, the sentence "This" points to is brought in.
    view = _texts_view(
        "Moscow, an ally of Damascus, is seen as having a certain amount of influence on the Syrian leadership.\n\n"
        "This came a day after Syria's opposition reported heavy raids by security forces in northern provinces."
    )
    assert sentences_leaned_on(view, 1, lambda i: leans_on_previous(view, i, view.text(i))) == [0]


# --- quotations that name their speaker inside ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # Sentences of the Multi-News sample: the attribution breaks the quotation and names who speaks.
        "“I don’t know when the last time was when we had someone in such a position,” said Representative "
        "Joseph Crowley of Queens, adding, “He’s going to be at the head of the table.”",
        "“The cancer of population growth … must be cut out,” Ehrlich wrote, “by compulsion if voluntary methods fail.”",
        "“The My K-Cup accessory and other reusable filters are not compatible with Keurig 2.0 Brewing Technology,” "
        "the company explained on Facebook, “because the brewer has no way of determining what beverage is used.”",
    ],
)
def test_a_quotation_broken_by_a_named_attribution_is_a_statement(text):
    assert is_statement(text, count_words(text))


@pytest.mark.parametrize(
    "text",
    [
        "“Sometimes more than a thousand,” he wrote, “in an amount of material the size of a grain of sand.”",
        "“We are looking at every option we have, and we will not stop until the job is done.”",
    ],
)
def test_a_quotation_whose_speaker_is_elsewhere_is_no_statement(text):
    assert not is_statement(text, count_words(text))


@pytest.mark.parametrize(
    "text",
    [
        # Sentences of the Multi-News sample: the pronoun after the opening phrase names someone before.
        "Among other things, they're demanding that college president Jonathan Veitch resign.",
        "On Tuesday, he was put on the 15-day disabled list with a thigh injury.",
        "In just six months, his reputation has fallen from mostly-beloved public figure to likely predator.",
        "Nonetheless, she said, the misplacement of the documents was \"a really stupid thing.\"",
    ],
)
def test_a_pronoun_after_an_opening_phrase_leans_on_the_sentence_before(text):
    assert is_dependent(text)


@pytest.mark.parametrize(
    "text",
    [
        # The opening phrase names whom the pronoun means.
        "When Amber abducted her children, she was with a neighbor, Frank Macomber, and was driving his car.",
        "After Caddell saw the film, he pointed out to Bannon that its opening imitated that of another film.",
        "In a statement, the family said it was shocked by the verdict.",
    ],
)
def test_a_pronoun_whose_opening_phrase_names_its_person_stands_alone(text):
    assert not is_dependent(text)
