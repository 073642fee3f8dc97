"""The brief's headline: the source title most representative of the story."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsfuse.brief.align import StoryView
from newsfuse.brief.summary import addresses_reader, is_boilerplate, is_caption
from newsfuse.text import count_words

__all__ = ["Headline", "choose_headline"]

# Titles shorter than this are labels ("Update", "World news"), not headlines.
MIN_TITLE_WORDS = 3


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
    things...", ``summary.addresses_reader``) gives way to the next most
    central one whose lead tells the news.
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
        if not addresses_reader(view.text(chosen)):
            return Headline(view.text(chosen), view.outlets[article], view.articles[article].id)
        leads.append((article, chosen))
    article, chosen = leads[0]
    return Headline(view.text(chosen), view.outlets[article], view.articles[article].id)
