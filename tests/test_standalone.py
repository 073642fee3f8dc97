"""Key points, unique lines and summary sentences can be read on their own (``brief.standalone``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from test_brief_support import make_article

from newsfuse.brief.align import StoryView, build_view
from newsfuse.brief.standalone import cannot_stand_alone, needs_following, needs_previous
from newsfuse.brief.summary import build_summary
from newsfuse.models import Brief


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


STORIES = ("multinews_val_205", "multinews_val_172", "multinews_val_080", "multinews_val_153")


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
