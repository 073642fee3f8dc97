"""The summary shows trimmed sentences: no dateline, teaser or stray connective, each an exact span of its source."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.brief.align import StoryView, build_view
from newsfuse.brief.summary import build_summary, summarizer
from newsfuse.brief.trim import MIN_TRIMMED_WORDS, shown_part
from newsfuse.text import count_words

MULTINEWS = Path(__file__).parents[1].parent / "shared" / "data" / "multinews_sample" / "clusters.jsonl"
# Multi-News stories whose summaries take a sentence that opens with a dateline:
# "ALLENTOWN, Pa. - The Lehigh County Humane Society...", "LONDON (Reuters) - U.S. retailer
# Michael Kors...", "CANNES, France (AP) — A man rushed onto the red carpet...".
DATELINED = ("multinews_val_013", "multinews_val_015", "multinews_val_051")


@lru_cache(maxsize=1)
def _views() -> dict[str, StoryView]:
    from newsfuse.config import Settings
    from newsfuse.dedup import find_duplicates
    from newsfuse.evaluate._briefing import clean_clusters, read_clusters

    settings = Settings()
    clusters = [c for c in read_clusters(MULTINEWS, limit=60) if c.id in DATELINED]
    return {
        c.id: build_view(c.articles, find_duplicates(c.articles, settings.dedup))
        for c in clean_clusters(clusters, settings)
    }


def _view(story: str) -> StoryView:
    if not MULTINEWS.is_file():
        pytest.skip("../shared/data/multinews_sample is not beside the project")
    return _views()[story]


def _span_text(view: StoryView, evidence) -> str:
    article = next(a for a in view.articles if a.id == evidence.article)
    return article.text[evidence.start : evidence.end]


# ------------------------------------------------------------------ shown_part


def test_a_dateline_goes_and_what_is_left_is_a_slice_of_the_sentence(shared_data):
    view = _view("multinews_val_015")
    [index] = [i for i in range(len(view.sentences)) if view.text(i).startswith("LONDON (Reuters) - U.S. retailer")]
    text = view.text(index)
    start, end = shown_part(text)
    assert text[start:end].startswith("U.S. retailer Michael Kors (KORS.N) agreed to buy luxury shoemaker Jimmy Choo")
    assert text[start:end] == text[start:end].strip() and text.endswith(text[start:end])


def test_a_connective_goes_only_from_a_sentence_shown_alone():
    text = "Meanwhile, Kremlin spokesman Dmitry Peskov confirmed that Putin’s proposal for talks included Ukraine."
    assert shown_part(text) == (0, len(text))  # right after the sentence before it: it connects
    start, end = shown_part(text, is_alone=True)
    assert text[start:end] == "Kremlin spokesman Dmitry Peskov confirmed that Putin’s proposal for talks included Ukraine."
    leaning = "However, he made it clear that Ukraine would not accept the loss of its territory."
    assert shown_part(leaning, is_alone=True) == (0, len(leaning))  # "he" still needs its sentence


def test_a_sentence_with_nothing_to_trim_is_shown_whole():
    text = "Russian President Vladimir Putin has proposed bilateral talks with Ukraine for the first time since 2022."
    assert shown_part(text, is_alone=True) == (0, len(text))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["WASHINGTON", "(Reuters)", "-", "—", "(CNN)", "However,", "But", "The", "senate", "Passed", "bill",
             "(Scroll down for video)", "Click here to read more.", "on", "Friday.", ",", "LONDON,", "May", "3", " ",
             "7:19 p.m.", "6:15 am:", "--", ":"]
        ),
        max_size=25,
    ),
    st.booleans(),
)
def test_the_shown_part_is_always_a_slice_with_enough_words_or_the_whole(tokens, is_alone):
    text = " ".join(tokens)
    start, end = shown_part(text, is_alone=is_alone)
    assert 0 <= start <= end <= len(text)
    if (start, end) != (0, len(text.rstrip())):
        assert count_words(text[start:end]) >= MIN_TRIMMED_WORDS
        assert not text[start:start + 1].isspace() and not text[end - 1 : end].isspace()



def test_a_dateline_with_a_horizontal_bar_goes_too():
    """HuffPost signs its datelines with a horizontal bar (U+2015) where others write a dash."""
    text = "WASHINGTON ― In a stinging blow to President Barack Obama, the Senate voted Wednesday to override his veto."
    start, end = shown_part(text)
    assert text[start:end] == text[len("WASHINGTON ― ") :]
    unspaced = "WASHINGTON ―House Majority Whip Steve Scalise was still in critical condition on Thursday."
    start, end = shown_part(unspaced)
    assert unspaced[start:end].startswith("House Majority Whip")  # a page that lost the space after the bar
    for words in (
        "Watch parties ― as fans call them ― drew crowds across the city on Sunday night.",
        "US—China talks resumed in Geneva on Monday after a pause.",  # a dash between two names
    ):
        assert shown_part(words) == (0, len(words))

@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # The Wall Street Journal's dateline: no space around the dash (Multi-News).
        (
            "WASHINGTON—The chairman of the Senate Intelligence Committee promised a total review of all U.S. "
            "spying programs for the first time in decades.",
            "The chairman of the Senate Intelligence Committee promised a total review of all U.S. spying "
            "programs for the first time in decades.",
        ),
        ("MIAMI—When speaking about his oft-criticized star, the coach has a line.", "When speaking about"),
        # Two places joined by a slash, the agency's name gone after them (a Reuters story in Multi-News).
        (
            "SINGAPORE/BEIJING Flamboyant former basketball star Dennis Rodman arrived in North Korea on Tuesday.",
            "Flamboyant former basketball star Dennis Rodman arrived in North Korea on Tuesday.",
        ),
        ("SEOUL/TOKYO (Reuters) - North Korea fired a missile on Friday.", "North Korea fired a missile"),
        ("WASHINGTON The Senate passed a Republican-authored budget plan early on Friday.", "The Senate passed"),
        ("DUBAI A Bahraini court sentenced a political activist to one year in prison.", "A Bahraini court"),
        # A place in its own case before the agency (CNN, AP in Multi-News and ECB+).
        (
            "Washington (CNN) Vermont Sen. Bernie Sanders lauded Pope Francis for highlighting Dorothy Day.",
            "Vermont Sen. Bernie Sanders lauded Pope Francis for highlighting Dorothy Day.",
        ),
        ("Denver (AP) – Colorado's top law enforcement officer said on Monday he would appeal.", "Colorado's top"),
        # Words of the sentence that look like one stay: a short name before a dash, an
        # organisation's name with a slash, a name that is no place before "(CNN)".
        ("U.S.—China talks resumed in Geneva on Friday after a long pause.", None),
        ("AFL/CIO President Richard Trumka said the union would strike on Friday.", None),
        ("Obama (CNN) Senator said he would go to the summit on Friday.", None),
        ("USA Today reports that Rep. Nick Rahall will retire at the end of his term.", None),
    ],
)
def test_datelines_written_without_spaces_slashes_or_a_place_in_its_own_case_go(text, shown):
    assert shown_part(text) == ((0, len(text)) if shown is None else (text.index(shown), len(text)))


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # A live report's time stamp before an entry (BASIL, Multi-News), however its clock is written.
        (
            "7:19 p.m. -- The Washington Post now reports that the congressman has already been indicted.",
            "The Washington Post now reports that the congressman has already been indicted.",
        ),
        (
            "6:15 am: It's my morning to get up with my toddler daughter, who is up before the sun.",
            "It's my morning to get up with my toddler daughter, who is up before the sun.",
        ),
        (
            "2: 16pm: Take it with a grain of salt, but we have a report of an eight-year offer.",
            "Take it with a grain of salt, but we have a report of an eight-year offer.",
        ),
        (
            "9:11 PM ET — Police say the suspect was arrested near the station.",
            "Police say the suspect was arrested near the station.",
        ),
        # After a teaser (BASIL's HuffPost updates); a dateline after a teaser goes too.
        (
            "UPDATE: 7:19 p.m. -- The Washington Post now reports that the congressman has already been indicted.",
            "The Washington Post now reports that the congressman has already been indicted.",
        ),
        (
            "UPDATE: WASHINGTON (Reuters) - The Senate passed the bill on Friday.",
            "The Senate passed the bill on Friday.",
        ),
        # Two datelines: the first goes, as ever.
        ("(CNN) -- WASHINGTON -- The Senate passed the bill.", "WASHINGTON -- The Senate passed the bill."),
        # A price or a time inside the sentence is no stamp.
        ("3.50 — that was the price of a gallon of milk in the town last year.", None),
        ("At 7:19 p.m. -- the last train left the station for the coast.", None),
    ],
)
def test_a_live_report_time_stamp_and_a_head_after_a_teaser_go(text, shown):
    start, end = shown_part(text)
    assert text[start:end] == (text if shown is None else shown)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # A site's credit in capitals glued before the lead (Multi-News, multinews_val_175).
        (
            "DEVONJAMESXXX.COM 'I want you to be my whore' was one text message Florida-based porn star Devon "
            "James says Tiger Woods sent her.",
            "'I want you to be my whore' was one text message Florida-based porn star Devon James says Tiger "
            "Woods sent her.",
        ),
        # A web address that is the sentence's subject stays.
        ("CNN.COM reports that the storm hit the coast on Monday.", None),
        ("CNN.com Reporter Jane Doe said the storm hit the coast.", None),
    ],
)
def test_a_credit_in_the_shape_of_a_web_address_before_a_sentence_goes(text, shown):
    start, end = shown_part(text)
    assert text[start:end] == (text if shown is None else shown)


# ------------------------------------------------------------------ build_summary


@pytest.mark.parametrize("story", DATELINED)
@pytest.mark.parametrize("budget", [230, 60])
def test_the_summary_leaves_datelines_out_and_its_evidence_is_exactly_its_text(shared_data, story, budget):
    view = _view(story)
    summary, evidence = build_summary(view, budget)
    whole, whole_evidence = build_summary(view, budget, trim=False)
    shown = [_span_text(view, e) for e in evidence]
    assert " ".join(shown) == summary and count_words(summary) <= budget
    assert not any(s.startswith(("ALLENTOWN", "LONDON", "CANNES", "(AP)")) for s in shown)
    # Without trimming the same story's summary opens a sentence with its dateline, on whole sentences.
    assert any(_span_text(view, e).startswith(("ALLENTOWN", "LONDON", "CANNES", "(AP)")) for e in whole_evidence)
    assert " ".join(_span_text(view, e) for e in whole_evidence) == whole
    for span in evidence:  # each shown part lies inside one sentence and ends where it does, or at a teaser
        index = view.sentence_index([a.id for a in view.articles].index(span.article), span.start)
        sentence = view.sentences[index].sentence
        assert sentence.start <= span.start < span.end <= sentence.end



@pytest.mark.parametrize("trim", [True, False])
def test_a_summarizer_gives_build_summary_at_every_budget_whatever_it_was_asked_before(shared_data, trim):
    """The article body asks one story's summarizer for a dozen budgets, large and small, in any order."""
    view = _view("multinews_val_013")
    summary_at = summarizer(view, trim=trim)
    budgets = [230, 60, 4, 0, 230, 120, 61, 60, 300]
    answers = [summary_at(budget) for budget in budgets]
    assert answers == [build_summary(view, budget, trim=trim) for budget in budgets]
    assert answers[0] == answers[4] and answers[1] == answers[7] and answers[3] == ("", ())
    assert len({a[0] for a in answers}) >= 6  # the budgets choose differently

# The lead of a Multi-News article (multinews_val_013): a 15-word sentence with
# its dateline, 13 without, and a 21-word one.
LEAD = (
    "ALLENTOWN, Pa. - The Lehigh County Humane Society has come to the rescue of 71 beagles. "
    "Officials said the dogs, taken from a location in Lehigh County, are in poor health and in need of loving homes."
)


def _lead_view() -> StoryView:
    from newsfuse.clean import clean_article
    from newsfuse.models import Article

    return build_view([clean_article(Article(id="wfmz", source="WFMZ", title="", text=LEAD))])


def test_the_choice_prices_the_trimmed_words():
    """The dateline's words are not paid for: both sentences fit 34 words trimmed, not whole (36)."""
    view = _lead_view()
    summary, evidence = build_summary(view, 34)
    assert summary == LEAD[len("ALLENTOWN, Pa. - ") :] and count_words(summary) == 34
    assert [(e.start, e.end) for e in evidence] == [(17, 87), (88, len(LEAD))]
    whole, whole_evidence = build_summary(view, 34, trim=False)
    assert len(whole_evidence) == 1 and count_words(whole) == 15  # the pair would take 36 words


def test_a_sentence_too_long_for_the_budget_fits_once_trimmed():
    view = _lead_view()
    assert build_summary(view, 13)[0] == "The Lehigh County Humane Society has come to the rescue of 71 beagles."
    assert build_summary(view, 13, trim=False)[0] == "ALLENTOWN, Pa. - The Lehigh County Humane Society has come to the rescue of"


def test_a_budget_too_small_for_any_sentence_cuts_the_trimmed_text(shared_data):
    view = _view("multinews_val_015")
    summary, (span,) = build_summary(view, 4)
    assert count_words(summary) <= 4 and summary == _span_text(view, span)
    assert not summary.startswith(("LONDON", "(Reuters)"))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["(", ")", ".", " ", "Click", "here", "TAP", "Scroll", "down", "watch", "the", "video", "See",
             "read", "MORE", "photos", "Police", "said", "Friday", "—", ",", "\n"]
        ),
        max_size=30,
    ).map(" ".join)
)
def test_the_cheap_teaser_test_never_skips_a_teaser(text):
    from newsfuse.brief.trim import _TEASER_TAIL, _TEASER_TAIL_HINTS

    if _TEASER_TAIL.search(text):
        assert any(hint in text.lower() for hint in _TEASER_TAIL_HINTS)
