"""Cleaning one article: drop what is not the story, record every removal.

``clean_article`` splits the body into paragraphs (one per line), rejects
pages that are not news articles, runs the paragraph rules
(``newsfuse.clean.rules``) and the block rules (``newsfuse.clean.blocks``),
and joins the kept paragraphs with blank lines.  Cleaning only removes:
every kept paragraph is an input line with its white space normalised and
a list marker (``- ``, ``• ``) taken off, or the rest of such a line after
a video player's buttons glued before it ("CLOSE Skip in Skip x Embed x
Share Late Wednesday...", ``media.player_controls_end``) or a section label
("Story highlights The CIA...", ``rules.glued_label_end``), which become a
paragraph of their own and go; a politician's name card glued into a
sentence ("Donald Trump Donald John TrumpTrump Jr. getting ... MORE panned
...", ``rules.name_cards``) is taken out of its line, recorded as
``related-links``.
"""

from __future__ import annotations

from typing import Sequence

from newsfuse.clean.blocks import appeal_block, related_blocks, repeated_headlines, widget_lines
from newsfuse.clean.junk import page_text_reason
from newsfuse.clean.kinds import paper_reason, reader_page_reason, teaser_page_reason, video_page_reason
from newsfuse.clean.media import player_controls_end
from newsfuse.clean.prose import list_page_reason
from newsfuse.clean.rules import glued_label_end, is_dateline, name_cards, paragraph_reason
from newsfuse.clean.shape import size as paragraph_size
from newsfuse.clean.shape import strip_bullet
from newsfuse.config import CleanSettings
from newsfuse.errors import ItemError
from newsfuse.ingest.dates import parse_date
from newsfuse.models import Article, CleanArticle, Removal, Sentence
from newsfuse.text import normalize_space, split_sentences

__all__ = ["REASONS", "clean_article", "clean_paragraphs", "split_paragraphs", "title_and_date"]

# Every reason a Removal can carry.
REASONS = (
    "related-links",
    "call-to-action",
    "repeated-headline",
    "repeated-paragraph",
    "empty-metadata",
    "navigation",
    "share",
    "byline",
    "dateline-only",
    "transcript-note",
)


# Rounds of rules; one or two suffice in practice (ECB+, BASIL and
# Multi-News never need a third).
MAX_ROUNDS = 4


def split_paragraphs(text: str) -> list[str]:
    """Return the paragraphs of ``text``: its non-blank lines, white space normalised, list markers off.

    A video player's buttons or a section label ("Story highlights") glued
    before a line's text are a paragraph of their own (the rules then remove
    it as ``navigation``).

    Example:
        >>> split_paragraphs("- First  point.\\n\\n  Second line \\n")
        ['First point.', 'Second line']
        >>> split_paragraphs("Skip in Skip x Embed x Share The storm hit the coast.")
        ['Skip in Skip x Embed x Share', 'The storm hit the coast.']
        >>> split_paragraphs("Story highlights The storm hit the coast")
        ['Story highlights', 'The storm hit the coast']
    """
    out = []
    for line in text.splitlines():
        if not line or line.isspace():
            continue
        paragraph = normalize_space(strip_bullet(line))
        controls = player_controls_end(paragraph) or glued_label_end(paragraph)
        if controls:
            out.append(paragraph[:controls])
            paragraph = paragraph[controls:].lstrip()
        if paragraph:
            out.append(paragraph)
    return out


def _without_name_cards(paragraph: str) -> tuple[str, list[str]]:
    """Return a paragraph without the name cards glued into its sentences (``rules.name_cards``), and the cards."""
    cards = []
    for start, end in reversed(name_cards(paragraph)):
        cards.append(paragraph[start:end].strip())
        before, after = paragraph[:start].rstrip(), paragraph[end:]
        # "Kristi NoemKristi Lynn Noem...MORE (R) is": the written name meets what follows.
        paragraph = before + ("" if not before or after[:1] in ",.;:!?’'" else " ") + after
    return paragraph, cards[::-1]


def _one_round(paragraphs: Sequence[str], title: str, line_reasons: dict[int, str]) -> dict[int, str]:
    """Return ``{position: reason}`` of one round; ``line_reasons`` are the one-line rules' findings."""
    reasons = dict(line_reasons)
    kept = [i for i in range(len(paragraphs)) if i not in reasons]
    reasons.update(widget_lines(paragraphs, kept))
    kept = [i for i in kept if i not in reasons]
    reasons.update(repeated_headlines(paragraphs, title, kept))
    kept = [i for i in kept if i not in reasons]
    reasons.update(related_blocks(paragraphs, kept))
    kept = [i for i in kept if i not in reasons]
    reasons.update(appeal_block(paragraphs, kept))
    return reasons


def clean_paragraphs(paragraphs: Sequence[str], title: str = "") -> dict[int, str]:
    """Return ``{index: reason}`` for the paragraphs that are not story text.

    Order matters: the one-line rules first, then widget lines and repeated
    headlines, then the block rules on what is left (so furniture lines
    inside a related list do not break it), the appeal last (it reads the
    end of what is left).  Rules that look at neighbours can see new ones
    once a paragraph is gone, so the rules run again on what is left until
    nothing more goes (at most MAX_ROUNDS times): cleaning a clean text then
    removes nothing.

    Example:
        >>> clean_paragraphs(["Talks Resume", "Date:", "The talks resumed on Monday."], "Talks Resume")
        {0: 'repeated-headline', 1: 'empty-metadata'}
    """
    reasons: dict[int, str] = {}
    remaining = list(range(len(paragraphs)))
    # The one-line rules judge a paragraph alone: what they keep in the first
    # round they keep in every later one, so only the first round runs them.
    line_reasons = {i: why for i, paragraph in enumerate(paragraphs) if (why := paragraph_reason(paragraph))}
    for _ in range(MAX_ROUNDS):
        found = _one_round([paragraphs[i] for i in remaining], title, line_reasons)
        line_reasons = {}
        if not found:
            break
        for position, reason in found.items():
            reasons[remaining[position]] = reason
        remaining = [i for position, i in enumerate(remaining) if position not in found]
    return dict(sorted(reasons.items()))


def _removals(article_id: str, paragraphs: Sequence[str], reasons: dict[int, str]) -> tuple[Removal, ...]:
    """Return one Removal per run of adjacent paragraphs removed for the same reason."""
    removals: list[Removal] = []
    previous_index, previous_reason = -2, ""
    run: list[str] = []
    for index, reason in reasons.items():
        if run and (index != previous_index + 1 or reason != previous_reason):
            removals.append(Removal(article_id, "\n".join(run), previous_reason))
            run = []
        run.append(paragraphs[index])
        previous_index, previous_reason = index, reason
    if run:
        removals.append(Removal(article_id, "\n".join(run), previous_reason))
    return tuple(removals)


def title_and_date(article: Article) -> tuple[str, str]:
    """Return the article's title and date, reading a title that is only a date as its dateline.

    Scraped records and exports often give a page's first line as its title,
    and on many pages that line is the date ("August 17, 2011", "Updated:
    November 11, 2011 20:09 IST").  Such a title gives the article its date
    when it has none, and the headline is looked for in the text instead,
    past its date lines (``ingest.text.find_title``: ``""`` when the text
    has none).

    Example:
        >>> body = "August 17, 2011\\nCables Cut Near Egypt\\n" + "Two cables were cut on Tuesday. " * 8
        >>> title_and_date(Article(id="a", source="Daily", title="August 17, 2011", text=body))
        ('Cables Cut Near Egypt', '2011-08-17')
    """
    title = normalize_space(article.title)
    if not title or not is_dateline(title):
        return title, article.date
    from newsfuse.ingest.text import find_title  # ingest.text reads clean.shape: import late

    datelines = {number for number, line in enumerate(article.text.splitlines()) if is_dateline(line)}
    headline, _ = find_title(article.text, datelines)
    return normalize_space(headline), article.date or parse_date(title)


def clean_article(article: Article, settings: CleanSettings | None = None) -> CleanArticle:
    """Return ``article`` with its noise removed, each removal recorded with its reason.

    ``text`` is the kept paragraphs joined with blank lines; ``sentences``
    index it exactly (``sentence.text == text[start:end]``).

    Raises:
        ItemError: ``not-an-article`` for pages that hold no story (crawl
            notices, login or video-player pages, cast lists, pages of
            links, research papers, video upload descriptions, teaser lists);
            ``too-short`` when fewer than ``settings.min_words``
            words remain.

    Example:
        >>> from newsfuse.models import Article
        >>> body = "The council approved the budget on Monday. " * 6 + "\\nAdvertisement"
        >>> clean = clean_article(Article(id="a", source="Daily", title="Budget", text=body))
        >>> [r.reason for r in clean.removed], clean.text.endswith("Monday.")
        (['navigation'], True)
    """
    settings = settings or CleanSettings()
    label = article.origin or article.id
    paragraphs = split_paragraphs(article.text)
    # A politician's name card left inside a sentence goes, and the sentence reads on.
    cards: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        paragraphs[index], found = _without_name_cards(paragraph)
        cards.extend(found)
    # A paper shows its kind in the lines as read (section headings, citation
    # marks), and so does a list of teaser cards (each printed twice).
    why = page_text_reason("\n".join(paragraphs)) or paper_reason(paragraphs) or teaser_page_reason(paragraphs)
    if why:
        raise ItemError("not-an-article", f"{label}: {why}")
    title, date = title_and_date(article)
    reasons = clean_paragraphs(paragraphs, title)
    kept = [p for i, p in enumerate(paragraphs) if i not in reasons]
    # A list (credits, links, verse) is judged on what cleaning keeps: a
    # story's share and follow lines are gone by then.
    # A video's upload description is known by its first line as read; a
    # list's reason (cast, links), when it has one, says more.  A notice to
    # the reader is judged without the story's sign-up pitches, which go.
    why = list_page_reason(kept) or video_page_reason(paragraphs) or reader_page_reason(kept)
    if why:
        raise ItemError("not-an-article", f"{label}: {why}")
    text = "\n\n".join(kept)
    # No word spans the blank line between two paragraphs: the text's count
    # is the sum of its paragraphs' counts, which the rules have cached.
    size = sum(map(paragraph_size, kept))
    if size < settings.min_words:
        raise ItemError(
            "too-short",
            f"{label}: {size} {'word' if size == 1 else 'words'} after cleaning,"
            f" fewer than clean.min_words={settings.min_words}",
        )
    sentences = tuple(
        Sentence(article.id, number, start, end, text[start:end])
        for number, (start, end) in enumerate(split_sentences(text))
    )
    return CleanArticle(
        id=article.id,
        source=article.source,
        title=title,
        text=text,
        sentences=sentences,
        url=article.url,
        date=date,
        origin=article.origin,
        removed=_removals(article.id, paragraphs, reasons)
        + tuple(Removal(article.id, card, "related-links") for card in cards),
        extra=article.extra,
    )
