"""The article body keeps the summary's content: of the bodies it can show, the one covering most of what outlets share wins."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from newsfuse.brief.article import (
    CitedSentence,
    _index,
    _leans_on_previous,
    _opens_unattributed_quote,
    article_problems,
    compose_article,
)
from newsfuse.brief.align import build_view
from newsfuse.brief.summary import _concepts, _unit_of, covered_weights
from newsfuse.models import Brief

BUDGET = 230


@lru_cache(maxsize=2)
def _multinews_briefs(shared: Path, budget: int = BUDGET, limit: int = 26) -> dict[str, Brief]:
    from newsfuse.evaluate._briefing import briefs_at_words

    _, briefs, _ = briefs_at_words(shared / "multinews_sample" / "clusters.jsonl", budget, None, limit=limit)
    return briefs


def _follows_in_its_source(brief: Brief, first: CitedSentence, second: CitedSentence) -> bool:
    """Return whether ``second`` is shown from the sentence right after ``first`` in one article."""
    a, b = first.evidence[0], second.evidence[0]
    text = next(x.text for x in brief.articles if x.id == a.article)
    return a.article == b.article and a.end <= b.start and not text[a.end : b.start].strip(" \n\"”’")


def _summary_sentences(brief: Brief) -> list[str]:
    texts = {a.id: a.text for a in brief.articles}
    return [texts[e.article][e.start : e.end] for e in brief.summary_evidence]


def test_a_body_is_priced_by_the_weighted_word_pairs_it_covers_each_once(shared_data):
    brief = _multinews_briefs(shared_data)["multinews_val_004"]
    view = build_view(brief.articles, brief.duplicates)
    sentences = _summary_sentences(brief)
    whole, less, padded, twice, off_topic, nothing = covered_weights(
        view,
        [
            sentences,
            sentences[1:],
            [*sentences[1:], "Police declined to comment on the weather on Sunday."],
            [*sentences, *sentences],
            ["Quarterly margins of the shipping firm rose on strong demand for grain."],
            [],
        ],
    )
    assert whole > less > 0.0
    assert padded == less and twice == whole  # words no outlet shares add nothing; a pair counts once
    assert off_topic == 0.0 and nothing == 0.0
    # One whole story sentence weighs what the summary's concepts give it.
    holds, weights = _concepts(view, _unit_of(view))
    for index in range(0, len(view.sentences), 7):
        assert covered_weights(view, [[view.text(index)]])[0] == float((holds[index] @ weights)[0])


def test_the_body_keeps_the_summary_sentences_an_earlier_refill_lost(shared_data):
    briefs = _multinews_briefs(shared_data)
    # Texts about a 2017 case: the summary's eight sentences stand alone and repeat nothing; the body
    # used to refill at a lower allowance and lose two of them ("According to police, the texts...").
    brief = briefs["multinews_val_004"]
    article = compose_article(brief, BUDGET)
    shown = [s.text for s in article.sentences]
    for sentence in _summary_sentences(brief):
        assert any(text in sentence for text in shown), sentence
    assert article_problems(article, brief) == []
    # Two climbers' bodies found on Shishapangma: the man who found them, named in the summary, stays.
    brief = briefs["multinews_val_007"]
    article = compose_article(brief, BUDGET)
    assert any(s.text.startswith("Mountaineer Ueli Steck said he and David Goettler") for s in article.sentences)
    assert article_problems(article, brief) == [] and article.body_words <= BUDGET


def test_a_sentence_that_leans_on_the_one_before_is_shown_right_after_it(shared_data):
    # "He added...", the end of a quotation with its speaker: shown alone, it would name someone else or
    # put a speaker's words in the article's voice, so it comes right after the sentence it leans on
    # (whether the summary chose it or it fills the words left).
    followers = 0
    for brief in _multinews_briefs(shared_data).values():
        view = build_view(brief.articles, brief.duplicates)
        shown = compose_article(brief, BUDGET).sentences
        for k, sentence in enumerate(shown):
            index = _index(view, sentence.evidence[0])
            if index <= 0 or not _leans_on_previous(view, index, view.text(index)):
                continue
            if view.sentences[index - 1].article != view.sentences[index].article:
                continue
            assert k > 0 and _follows_in_its_source(brief, shown[k - 1], sentence), sentence.text
            followers += 1
    assert followers >= 5


def test_words_left_never_go_to_a_speakers_first_words_shown_without_the_speaker(shared_data):
    # '"He was on the roadway close to the fence looking around.' (the speaker is named a sentence
    # later) used to fill the words left of a 120-word body alone.
    briefs = _multinews_briefs(shared_data, 120, 31)
    opening = 0
    for brief in briefs.values():
        shown = compose_article(brief, 120).sentences
        for k, sentence in enumerate(shown):
            if sentence.text.startswith(('"', "“")) and _opens_unattributed_quote(sentence.text):
                opening += 1
                assert k + 1 < len(shown) and _follows_in_its_source(brief, sentence, shown[k + 1]), sentence.text
    assert opening >= 1
