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


# Two real leads (ECB+-style wire copy): "Tara Reid" and "Lindsay Lohan" are names the rules type by shape
# alone, so each story sends a sentence to spaCy; the stand-in model fails on one story's sentences only.
_REHAB = (
    "Actress Tara Reid has checked herself into Promises Treatment Center, her publicist Jack Ketsoyan said on "
    "Tuesday. Reid entered the Malibu facility over the weekend, Ketsoyan told the Associated Press."
)
_LOHAN = (
    "Lindsay Lohan has arrived at the Betty Ford Center to begin 90 days of court-ordered rehab, her lawyer "
    "Shawn Holley said. Lohan checked in late on Thursday, Holley said in a statement to reporters."
)


def _two_stories():
    articles = {
        "a": make_article("a", "Daily One", _REHAB, title="Tara Reid enters rehab"),
        "b": make_article("b", "Evening Two", _LOHAN, title="Lindsay Lohan checks into rehab"),
    }
    return [Story("reid", ("a",)), Story("lohan", ("b",))], articles


def _stand_in_labels(model, texts):
    """Label Tara Reid and Jack Ketsoyan persons where they occur, as a model would; fail on any text about Lohan."""
    if any("Lohan" in text for text in texts):
        raise ValueError("the model failed on this text")
    return [[(m, "PERSON") for m in ("Tara Reid", "Jack Ketsoyan") if m in text] for text in texts]


def test_an_entity_model_failure_costs_only_its_own_story_the_entities(monkeypatch):
    monkeypatch.setattr(build_module, "load_model", lambda required: object())
    monkeypatch.setattr(build_module, "label_texts", _stand_in_labels)
    stories, articles = _two_stories()
    errors: list[tuple[str, str]] = []
    reid, lohan = build_briefs(
        stories,
        articles,
        BriefSettings(ner="spacy", workers=1, headline_words=0),
        on_error=lambda story_id, error: errors.append((story_id, error)),
    )
    assert errors == [("lohan", "entities: ValueError: the model failed on this text")]
    assert "Tara Reid" in [e.name for e in reid.entities if e.type == "person"]
    # The failing story keeps everything but the model's votes: its summary and quotes, its rule-typed names.
    assert lohan.summary.startswith("Lindsay Lohan has arrived at the Betty Ford Center")
    assert check_grounded(lohan) == []


def test_a_failing_entity_typing_leaves_the_rest_of_the_brief(monkeypatch):
    real_type = build_module.type_entities

    def failing_type(aliases, votes):
        if any(alias.alias == "Lohan" for alias in aliases):
            raise KeyError("Lohan")
        return real_type(aliases, votes)

    monkeypatch.setattr(build_module, "type_entities", failing_type)
    stories, articles = _two_stories()
    errors: list[tuple[str, str]] = []
    reid, lohan = build_briefs(
        stories, articles, RULES, on_error=lambda story_id, error: errors.append((story_id, error))
    )
    assert errors == [("lohan", "entities: KeyError: 'Lohan'")]
    assert lohan.entities == () and lohan.summary and lohan.headline == "Lindsay Lohan checks into rehab"
    assert reid.entities and check_grounded(lohan) == []


def test_a_failing_headline_parse_keeps_that_lead_whole():
    calls: list[list[str]] = []

    def parse(texts):
        calls.append(list(texts))
        if any("Lohan" in text for text in texts):
            raise RuntimeError("parse failed")
        return [text.split(",")[0] for text in texts]

    errors: list[tuple[str, str]] = []
    leads = ["Reid, 42, entered rehab", "Lohan, 27, entered rehab", "Ford, 3, left"]
    shortened = build_module._each_alone(parse, leads, ["reid", "lohan", "ford"], "headline", str, errors)
    assert shortened == ["Reid", "Lohan, 27, entered rehab", "Ford"]
    assert errors == [("lohan", "headline: RuntimeError: parse failed")]
    assert calls[0] == leads and len(calls) == 4  # the batch once, then each lead alone
