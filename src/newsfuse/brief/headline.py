"""The brief's headline: the source title most representative of the story."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from newsfuse.brief._tokens import is_dependent
from newsfuse.brief.align import StoryView
from newsfuse.brief.summary import addresses_reader, is_boilerplate, is_caption
from newsfuse.brief.trim import CONNECTIVES, trim_sentence
from newsfuse.text import count_words

__all__ = ["Headline", "choose_headline"]

# Titles shorter than this are labels ("Update", "World news"), not headlines.
MIN_TITLE_WORDS = 3

# A lead that reads only after what came before it on its page, opening with
# a connective or a phrase pointing back ("Then, near the intersection..."),
# or a speaker's words ('"Not that I'm aware of," said the press secretary.').
# A title in quotation marks ('"Moonlight" walked away with...') is no
# speaker's words: a quotation of fewer than MIN_QUOTED_WORDS words opens a lead.
_NO_HEADLINE = re.compile(
    rf"^\W*?(?:(?P<quote>[\"“‘])|(?:{'|'.join(CONNECTIVES)}|then|even so|since then|until then)\b)",
    re.IGNORECASE,
)
MIN_QUOTED_WORDS = 4
_CLOSING_QUOTE = {'"': '"', "“": "”", "‘": "’"}


def _stands_alone(text: str) -> bool:
    """Return whether a lead reads as news without what came before it on its page."""
    if is_dependent(text):
        return False
    match = _NO_HEADLINE.match(text)
    if match is None:
        return True
    if match.group("quote") is None:
        return False
    # The closing mark; a ’ before a letter is an apostrophe ("Kyiv’s").
    closing = _CLOSING_QUOTE[match.group("quote")]
    end = text.find(closing, match.end())
    while closing == "’" and end >= 0 and text[end + 1 : end + 2].isalpha():
        end = text.find(closing, end + 1)
    if end < 0:
        return False  # a quotation never closed runs on
    return count_words(text[match.end() : end]) < MIN_QUOTED_WORDS


@dataclass(frozen=True, slots=True)
class Headline:
    """The chosen headline and where it comes from."""

    text: str
    source: str
    article: str


def choose_headline(view: StoryView) -> Headline:
    """Return the most central source title, or the lead sentence of the most central article.

    A title's score is its mean cosine to the other titles plus its cosine to
    the story centroid (all in the story's TF-IDF space); ties go to the
    earlier article.
    """
    candidates = [
        (index, article.title.strip())
        for index, article in enumerate(view.articles)
        if count_words(article.title) >= MIN_TITLE_WORDS
    ]
    if candidates:
        vectors = view.vectorize([title for _, title in candidates])
        to_centroid = np.asarray(vectors @ view.centroid).ravel()
        if len(candidates) > 1:
            pairwise = (vectors @ vectors.T).toarray()
            np.fill_diagonal(pairwise, 0.0)
            to_titles = pairwise.sum(axis=1) / (len(candidates) - 1)
        else:
            to_titles = np.zeros(1)
        scores = to_centroid + to_titles
        best = max(range(len(candidates)), key=lambda k: (round(float(scores[k]), 6), -k))
        index, title = candidates[best]
        return Headline(title, view.outlets[index], view.articles[index].id)
    return _lead_headline(view)


def _lead_headline(view: StoryView) -> Headline:
    """Return the first statement of the article closest to the story centroid.

    A photo caption or page furniture ("WARNING: The video contains...",
    ``summary.is_boilerplate``) is passed over when a statement follows.  An
    article whose first such statement speaks to its reader (a horoscope or
    an advice column caught in the story: "You can expect some amazing
    things...", ``summary.addresses_reader``) or does not stand alone (it
    opens with a pronoun, a connective or a quotation: a page whose text
    starts mid-story) gives way to the next most central one whose lead
    tells the news; when none does, the first lead that does not speak to
    its reader serves.  It is shown without a dateline (``trim.trim_sentence``).
    """
    ranked = sorted(
        (article for article, (low, high) in enumerate(view.ranges) if high > low),
        key=lambda article: (-round(float(view.article_centrality[article]), 9), article),
    )
    if not ranked:
        # No sentences at all: fall back to the first article's opening words.
        article = view.articles[0] if view.articles else None
        if article is None:
            return Headline("", "", "")
        return Headline(article.text.strip()[:120].strip(), view.outlets[0], article.id)
    leads: list[tuple[int, int]] = []
    for article in ranked:
        low, high = view.ranges[article]
        statements = [i for i in range(low, high) if view.sentences[i].is_statement]
        news = (i for i in statements if not is_caption(view.text(i)) and not is_boilerplate(view.text(i)))
        chosen = next(news, statements[0] if statements else low)
        text = view.text(chosen)
        if not addresses_reader(text) and _stands_alone(text):
            return Headline(_undated(text), view.outlets[article], view.articles[article].id)
        leads.append((article, chosen))
    article, chosen = next(((a, i) for a, i in leads if not addresses_reader(view.text(i))), leads[0])
    return Headline(_undated(view.text(chosen)), view.outlets[article], view.articles[article].id)


def _undated(text: str) -> str:
    """Return a lead sentence without its dateline or teaser phrase ("WARSAW — President Duda said...")."""
    return text[slice(*trim_sentence(text))]
