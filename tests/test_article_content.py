"""The article body keeps the summary's content: of the bodies it can show, the one nearest the summary wins."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

from newsfuse.brief.article import (
    CitedSentence,
    _closeness,
    _opens_unattributed_quote,
    _stems,
    article_problems,
    compose_article,
)
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


def test_closeness_is_the_f1_of_the_stemmed_words_kept(shared_data):
    brief = _multinews_briefs(shared_data)["multinews_val_004"]
    sentences = _summary_sentences(brief)
    target = Counter(_stems(brief.summary))
    whole = [[_Shown(s)] for s in sentences]
    assert _closeness(whole, target) == 1.0
    less = _closeness(whole[1:], target)
    assert 0.0 < less < 1.0
    assert _closeness(whole[1:] + [[_Shown("Police declined to comment on the weather on Sunday.")]], target) < less


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


def test_words_left_go_to_a_sentence_that_leans_on_the_one_that_ends_a_run(shared_data):
    # A coach remembered: the end of the quotation, with its speaker, fills words the body had left,
    # right after the sentence it leans on (shown alone it would put his words in the article's voice).
    brief = _multinews_briefs(shared_data)["multinews_val_025"]
    article = compose_article(brief, BUDGET)
    shown = article.sentences
    at = next(k for k, s in enumerate(shown) if s.text.startswith("It's one of those things where he was born with"))
    assert at > 0 and shown[at - 1].text.startswith('"He brought out of the kids something')
    assert _follows_in_its_source(brief, shown[at - 1], shown[at])
    assert article_problems(article, brief) == [] and article.body_words <= BUDGET


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


class _Shown:
    """A stand-in for a body sentence: ``_closeness`` reads only its text."""

    def __init__(self, text: str) -> None:
        self.text = text
