"""Plain dataclasses passed between pipeline stages.

Every object keeps its provenance: an article id, and for statements in a
brief the character spans (``Evidence``) of the source sentences they came
from.  This module imports nothing from newsfuse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True, slots=True)
class Article:
    """An article as read from a file, a feed or a page, before cleaning.

    ``text`` is the body as found (noise included); ``title`` may be empty when
    the input had none.  ``date`` is ISO 8601 (date or datetime) or "".
    ``origin`` says where the article was read from (``path``, ``path:line``
    for JSON Lines, or a URL).  ``extra`` keeps unknown input keys.
    """

    id: str
    source: str
    title: str
    text: str
    url: str = ""
    date: str = ""
    origin: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class Removal:
    """A piece of an article that cleaning removed, and why."""

    article: str
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a clean article: ``text == article.text[start:end]``."""

    article: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class CleanArticle:
    """An article with its noise removed.

    ``text`` is the clean body; every ``Evidence`` span indexes it.  Its
    paragraphs are separated by a blank line.  ``sentences`` are its sentences
    in order, with offsets into ``text``.
    """

    id: str
    source: str
    title: str
    text: str
    sentences: tuple[Sentence, ...]
    url: str = ""
    date: str = ""
    origin: str = ""
    removed: tuple[Removal, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)


def outlet_of(article: Article | CleanArticle) -> str:
    """Return an article's outlet: its source, or its id when the source is unknown.

    An article whose input named no outlet is an outlet of its own wherever
    outlets are counted or shown (support, disputes, the story's sources).

    Example:
        >>> outlet_of(Article(id="a7", source="", title="", text="Body."))
        'a7'
    """
    return article.source or article.id


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input item that a stage refused, with the reason.

    ``item`` names it for a person: a file path, ``path:line`` or an article id.
    ``reason`` is a short machine-friendly key (``empty``, ``binary``,
    ``not-an-article``...), ``detail`` a sentence for people.
    """

    item: str
    stage: str
    reason: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Story:
    """A group of articles that report the same event.

    ``duplicates`` lists the groups of near-copies (syndicated wire copy)
    among ``article_ids``; each group has two or more ids, and the articles of
    one group count once when support is counted.
    """

    id: str
    article_ids: tuple[str, ...]
    duplicates: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence:
    """A character span ``[start, end)`` of a clean article's ``text``."""

    article: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Point:
    """A statement of the brief: ``text`` is (a trimmed part of) the first
    evidence span; ``sources`` are the outlets that report it."""

    text: str
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class Version:
    """One outlet group's value for a disputed fact."""

    value: str
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Dispute:
    """A fact the outlets give different values for.

    ``kind`` is one of ``title``, ``age``, ``number``, ``date``, ``duration``, ``place``.
    """

    subject: str
    kind: str
    versions: tuple[Version, ...]


@dataclass(frozen=True, slots=True)
class QuoteVersion:
    """The wording one group of outlets gives for a quote."""

    text: str
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted statement, with its speaker and every version carried.

    ``phrase`` says that every version is only a few words a reporter's
    sentence quotes (a fragment of four to eight words, ``brief.quotes.FRAGMENT_MAX_WORDS``);
    renderers list such quotes, and those of one to three words, as words quoted.
    """

    speaker: str
    text: str
    sources: tuple[str, ...]
    versions: tuple[QuoteVersion, ...]
    phrase: bool = False


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place, with its spelling variants merged.

    ``type`` is one of ``person``, ``organization``, ``place``.
    """

    name: str
    type: str
    aliases: tuple[str, ...]
    sources: tuple[str, ...]
    mentions: int = 0


@dataclass(frozen=True, slots=True)
class Brief:
    """One grounded brief per story."""

    id: str
    headline: str
    headline_source: str
    headline_article: str
    summary: str
    summary_evidence: tuple[Evidence, ...]
    articles: tuple[CleanArticle, ...]
    key_points: tuple[Point, ...]
    unique: tuple[Point, ...]
    disputes: tuple[Dispute, ...]
    quotes: tuple[Quote, ...]
    entities: tuple[Entity, ...]
    duplicates: tuple[tuple[str, ...], ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        """The outlets of the story's articles, in article order, once each.

        An article whose outlet is unknown (``source`` empty) is an outlet of
        its own, named by its id, as in key points and disputes.
        """
        return tuple(dict.fromkeys(outlet_of(a) for a in self.articles))

    @property
    def removed(self) -> tuple[Removal, ...]:
        """Everything cleaning removed from the story's articles."""
        return tuple(r for a in self.articles for r in a.removed)
