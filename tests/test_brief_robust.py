"""Robustness: the brief's readers never raise on odd text, and one bad story never stops a batch."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.brief import build_brief, build_briefs, check_grounded
from newsfuse.brief import build as build_module
from newsfuse.brief.names import scan_names
from newsfuse.brief.people import People
from newsfuse.brief.quotes import find_quotes
from newsfuse.brief.values import find_values
from newsfuse.config import BriefSettings
from newsfuse.models import Article, Story
from newsfuse.pipeline import run
from test_brief_support import make_article

RULES = BriefSettings(ner="rules", workers=1)

# The pieces that trip attribution and value readers: quotation marks of every
# kind, dashes, speech verbs, names, titles, pronouns, numbers, blank lines.
_PIECES = st.sampled_from(
    [
        '"', "“", "”", "‘", "’", "``", "''", "'", "-", "–", "—", "―", " - ", "--", ",", ".", ":", ";", "?", "!",
        "(", ")", "\n", "\n\n", "…", "\u00a0", "said", "says", "noted", "told", "according to", "he", "she", "He",
        "Mr.", "Mrs.", "Rep.", "Sen.", "(D-N.Y.)", "(R)", "Jane", "Doe", "John", "Smith", "President", "former",
        "the", "a", "that", "Women", "Who", "Work", "12", "3,000", "Monday", "April", "20,", "2024", "percent",
        "people", "killed", "é", "Zelenskiy", "ß", "İ", "\u200b", "FILE", "|", "AP", "Photo",
    ]
)
_TEXT = st.lists(_PIECES, max_size=60).map(" ".join) | st.text(max_size=300)


@given(_TEXT)
@settings(max_examples=300, deadline=None)
def test_find_quotes_and_values_never_raise(text):
    article = make_article("a", "Daily One", text)
    mentions = scan_names(text)
    for quote in find_quotes(article, People(mentions), mentions):
        assert text[quote.start : quote.end] == quote.text
    for value in find_values(text):
        assert 0 <= value.start < value.end <= len(text)


@given(_TEXT, _TEXT)
@settings(max_examples=60, deadline=None)
def test_build_brief_never_raises_and_stays_grounded(first, second):
    articles = [make_article("a", "Daily One", first, title="A title"), make_article("b", "Evening Two", second)]
    brief = build_brief(Story("s1", ("a", "b")), articles, RULES)
    assert check_grounded(brief) == []


def test_a_quote_followed_by_a_spaced_hyphen_and_a_verb():
    # A closing quotation mark, a spaced hyphen and a lower-case verb: no subject between.
    text = 'Ivanka Trump promoted her book "Women Who Work" - noted that the event drew crowds.'
    article = make_article("a", "Daily One", text)
    mentions = scan_names(text)
    assert [q.text for q in find_quotes(article, People(mentions), mentions)] == []
    result = run([Article(id="x", source="s", title="t", text=" ".join([text] * 4))])
    assert len(result.briefs) == 1 and not result.report.rejections


def test_a_failing_story_gets_a_minimal_brief_and_is_reported(monkeypatch):
    real_draft = build_module._draft

    def failing_draft(story, articles, settings):
        if story.id == "bad":
            raise RuntimeError("boom")
        return real_draft(story, articles, settings)

    monkeypatch.setattr(build_module, "_draft", failing_draft)
    articles = {
        "a": make_article("a", "Daily One", "The bridge reopened on Monday after repairs.", title="Bridge reopens"),
        "b": make_article("b", "Evening Two", "The council approved the budget on Tuesday."),
    }
    errors: list[tuple[str, str]] = []
    briefs = build_briefs(
        [Story("bad", ("a",)), Story("good", ("b",))],
        articles,
        RULES,
        on_error=lambda story_id, error: errors.append((story_id, error)),
    )
    assert errors == [("bad", "RuntimeError: boom")]
    bad, good = briefs
    assert (bad.headline, bad.headline_article, bad.summary, bad.key_points, bad.quotes) == (
        "Bridge reopens", "a", "", (), ()
    )
    assert check_grounded(bad) == []
    assert good.summary == "The council approved the budget on Tuesday."


def test_the_pipeline_rejects_a_story_whose_brief_fails(monkeypatch):
    monkeypatch.setattr(build_module, "_draft", lambda story, articles, settings: 1 / 0)
    text = "The council approved the new budget on Tuesday after a long debate about schools and roads. " * 3
    result = run([Article(id="x", source="s", title="Council votes", text=text)])
    assert [b.headline for b in result.briefs] == ["Council votes"]
    [rejection] = result.report.rejections
    assert (rejection.stage, rejection.reason) == ("brief", "brief-error")
    assert "ZeroDivisionError" in rejection.detail
