"""Building briefs: one grounded brief per story.

Stories are cut into chunks.  For each chunk, every story gets everything but
its entities (pure Python, regular expressions, numpy) and a bounded budget
of sentences for spaCy; then spaCy reads the whole chunk's budget in one
``nlp.pipe`` pass and the entities are typed.  Large batches share the
chunks among worker processes (fork); a story's brief never depends on the
chunk or the process it was built in.
"""

from __future__ import annotations

import dataclasses
import functools
import multiprocessing
import re
import threading
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence, TypeVar

from newsfuse._parallel import available_cpus, can_fork
from newsfuse.brief.align import StoryView, build_view, find_facts, key_points, unique_points
from newsfuse.brief.standalone import cannot_stand_alone, standing_run
from newsfuse.brief.disputes import find_disputes
from newsfuse.brief.entities import AliasInfo, collect_aliases, spacy_votes, type_entities
from newsfuse.brief.headline import Headline, choose_headline, pick_lead, shorten_headlines
from newsfuse.brief.names import NameMention, NameScanner, lower_words
from newsfuse.brief.ner import label_texts, load_model
from newsfuse.brief.people import People
from newsfuse.brief.quotes import find_quotes, merge_quotes
from newsfuse.brief.transcript import find_turns, label_mentions
from newsfuse.brief.summary import build_summary, credit_spans, is_boilerplate, is_caption
from newsfuse.brief.trim import shown_part
from newsfuse.brief.values import find_values
from newsfuse.config import BriefSettings
from newsfuse.errors import InputError
from newsfuse.models import Brief, CleanArticle, Story

__all__ = ["build_brief", "build_briefs"]

Progress = Callable[[int, int], None]
T = TypeVar("T")
R = TypeVar("R")
# Called as ``on_error(story_id, exception_text)`` for a story whose brief could not be built.
OnError = Callable[[str, str], None]

# Worker processes pay off from this many stories each (a fork and the
# transfer of briefs cost ~0.1 s); automatic mode uses at most this many.
MIN_STORIES_PER_WORKER = 32
MAX_AUTO_WORKERS = 4
# The end of a whole sentence: a stop, perhaps inside closing marks ('...life."', "...(France).").
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*\s*$")
# Stories per spaCy pass when working in this process.
CHUNK_STORIES = 256


@dataclass(slots=True)
class _Draft:
    """A brief without its entities, and what typing the entities needs."""

    brief: Brief
    aliases: list[AliasInfo]
    ner_texts: list[str]
    lead_headline: bool = False  # a lead sentence, which spaCy's parse may shorten
    other_leads: tuple[Headline, ...] = ()  # other outlets' leads that may head it when cut shorter


def _story_articles(story: Story, articles_by_id: Mapping[str, CleanArticle]) -> list[CleanArticle]:
    if not story.article_ids:
        raise InputError(f"story {story.id!r} has no articles; a story needs at least one")
    missing = [i for i in story.article_ids if i not in articles_by_id]
    if missing:
        raise InputError(
            f"story {story.id!r} names article {missing[0]!r}, which is not among the articles given "
            f"({len(missing)} missing); pass every clean article of the stories"
        )
    return [articles_by_id[i] for i in story.article_ids]


def _ner_budget(articles: Sequence[CleanArticle], aliases: Sequence[AliasInfo], limit: int) -> list[str]:
    """Return the sentences spaCy may read for a story: at most ``limit``.

    They are spent where the rules are unsure: one sentence for each name
    whose type the rules guess from its shape alone, the most mentioned first.
    """
    if limit <= 0:
        return []
    weak = sorted(
        (a for a in aliases if a.is_weak and a.first_at[0] >= 0),
        key=lambda a: (-sum(count for _, count in a.counts), a.alias),
    )
    chosen: dict[str, None] = {}
    for alias in weak:
        article = articles[alias.first_at[0]]
        starts = [s.start for s in article.sentences]
        index = bisect_right(starts, alias.first_at[1]) - 1
        if index < 0:
            continue
        chosen[article.sentences[index].text] = None
        if len(chosen) >= limit:
            break
    return list(chosen)


def _draft(story: Story, articles: Sequence[CleanArticle], settings: BriefSettings) -> _Draft:
    """Return a story's brief without entities: every part that needs no model."""
    view = build_view(articles, story.duplicates)
    lowercase = [lower_words(a.text) for a in articles]
    scanner = NameScanner()  # near-copies share lines: each distinct line is scanned once
    turns = [find_turns(a.text) for a in articles]
    text_mentions = [
        label_mentions(a.text, scanner.scan(a.text, lw), t) for a, lw, t in zip(articles, lowercase, turns, strict=True)
    ]
    title_mentions = [scanner.scan(a.title, lw) if a.title else [] for a, lw in zip(articles, lowercase, strict=True)]
    people = People(m for mentions in text_mentions for m in mentions)

    facts = find_facts(view)
    needs_context = functools.cache(lambda i: _cannot_be_shown_alone(view, i))
    widen = functools.cache(lambda i: standing_run(view, i, lambda j: _can_be_brought_in(view, j)))
    points = key_points(view, facts, settings.max_key_points, needs_context=needs_context, widen=widen)
    unique = unique_points(view, facts, settings.max_unique_per_source, needs_context=needs_context)
    headline = choose_headline(view)
    values = [find_values(a.text) for a in articles]
    disputes = find_disputes(view, text_mentions, values, people)
    quote_mentions = []
    for position, (article, mentions, article_turns) in enumerate(zip(articles, text_mentions, turns, strict=True)):
        for quote in find_quotes(article, people, mentions, article_turns):
            quote_mentions.append((position, view.outlets[position], quote))
    quotes = merge_quotes(quote_mentions)
    summary, summary_evidence = build_summary(view, settings.summary_words, stand_alone=True)
    brief = Brief(
        id=story.id,
        headline=headline.text,
        headline_source=headline.source,
        headline_article=headline.article,
        summary=summary,
        summary_evidence=summary_evidence,
        articles=tuple(articles),
        key_points=tuple(points),
        unique=tuple(unique),
        disputes=tuple(disputes),
        quotes=tuple(quotes),
        entities=(),
        duplicates=tuple(tuple(group) for group in story.duplicates),
    )
    aliases = collect_aliases(
        view.outlets,
        [_outside_furniture(a, m) for a, m in zip(articles, text_mentions)],
        people,
        title_mentions,
        frozenset().union(*lowercase),
    )
    return _Draft(
        brief, aliases, _ner_budget(articles, aliases, settings.ner_max_sentences), lead_headline=not headline.is_title,
        other_leads=headline.others,
    )


def _cannot_be_shown_alone(view: StoryView, index: int) -> bool:
    """Return whether a story sentence, shown as a key point or a unique line shows it, cannot be read on its own.

    The words shown are the sentence without a dateline, teaser or leading
    connective (``shown_part``), as ``align`` shows a point; they must not
    lean on the sentence before or after them (``cannot_stand_alone``).
    """
    text = view.text(index)
    start, end = shown_part(text, is_alone=True)
    return cannot_stand_alone(view, index, text[start:end])


def _can_be_brought_in(view: StoryView, index: int) -> bool:
    """Return whether a story sentence may be shown with a key point that leans on it.

    No photo caption or page furniture, and a whole sentence: a line that
    ends with no stop is a subheading ("1 kilometer deep") or a fragment.
    """
    text = view.text(index)
    return bool(_SENTENCE_END.search(text)) and not is_caption(text) and not is_boilerplate(text)


def _outside_furniture(article: CleanArticle, mentions: Sequence[NameMention]) -> Sequence[NameMention]:
    """Return the name mentions outside page furniture and photo credits.

    The reporters of "AP writers Lynn Elber and Beth Harris contributed to
    this report." and the photographer of "(AP Photo/Charlie Neibergall)" are
    no people of the story; who a caption shows is ("FILE - In this May 24,
    2016, file photo, Rep. John Conyers…").
    """
    skipped: list[tuple[int, int]] = []
    for sentence in article.sentences:
        if is_boilerplate(sentence.text):
            skipped.append((sentence.start, sentence.end))
        elif is_caption(sentence.text):
            skipped.extend((sentence.start + a, sentence.start + b) for a, b in credit_spans(sentence.text))
    if not skipped:
        return mentions
    starts = [start for start, _ in skipped]
    kept = []
    for mention in mentions:
        k = bisect_right(starts, mention.start) - 1
        if k < 0 or mention.start >= skipped[k][1]:
            kept.append(mention)
    return kept


def _fallback(story: Story, articles: Sequence[CleanArticle]) -> _Draft:
    """Return a minimal grounded draft for a story whose brief failed: a headline and nothing else.

    The headline is the first article's title (its first sentence when it has
    none), so the story still shows up, clearly empty, and the batch goes on.
    """
    first = articles[0]
    headline = first.title.strip() or (first.sentences[0].text if first.sentences else "")
    brief = Brief(
        id=story.id,
        headline=headline,
        headline_source=first.source if headline else "",
        headline_article=first.id if headline else "",
        summary="",
        summary_evidence=(),
        articles=tuple(articles),
        key_points=(),
        unique=(),
        disputes=(),
        quotes=(),
        entities=(),
        duplicates=tuple(tuple(group) for group in story.duplicates),
    )
    return _Draft(brief, [], [])


def _safe_draft(
    story: Story, articles: Sequence[CleanArticle], settings: BriefSettings, errors: list[tuple[str, str]]
) -> _Draft:
    """Return a story's draft, or its fallback with the error recorded: one story never stops a batch."""
    try:
        return _draft(story, articles, settings)
    except Exception as exc:  # a per-story boundary: recorded in ``errors``, reported by the caller
        errors.append((story.id, f"{type(exc).__name__}: {exc}"))
        return _fallback(story, articles)


def _each_alone(
    run: Callable[[list[T]], list[R]],
    items: list[T],
    owners: Sequence[str],
    stage: str,
    fallback: Callable[[T], R],
    errors: list[tuple[str, str]],
) -> list[R]:
    """Return ``run(items)``; when the batch raises, run each item alone so only its own story loses it.

    An item that fails alone gets ``fallback(item)``, and its story (in
    ``owners``) gets one ``(story id, "stage: error")`` in ``errors``.
    """
    try:
        return run(items)
    except Exception:  # a per-story boundary: find the story that fails and keep the others' results
        pass
    results: list[R] = []
    for item, owner in zip(items, owners, strict=True):
        try:
            results.extend(run([item]))
        except Exception as exc:
            _record(errors, owner, stage, exc)
            results.append(fallback(item))
    return results


def _record(errors: list[tuple[str, str]], story_id: str, stage: str, exc: Exception) -> None:
    """Add ``(story id, "stage: error")`` to ``errors`` unless that story's stage already failed."""
    if not any(owner == story_id and text.startswith(f"{stage}: ") for owner, text in errors):
        errors.append((story_id, f"{stage}: {type(exc).__name__}: {exc}"))


def _finish(
    drafts: Sequence[_Draft],
    model: object | None,
    headline_words: int,
    errors: list[tuple[str, str]],
    headline_target_words: int = 0,
) -> list[Brief]:
    """Return the briefs of drafts with their entities typed and long lead headlines cut.

    spaCy reads all entity budgets in one pass, and parses the lead
    headlines over ``headline_words`` words (or ``headline_target_words``,
    when a cut fits it, ``headline.shorten_headlines``) in another.  A story whose
    headline parse or entity typing fails keeps its lead whole or its
    entities empty, with the error in ``errors``; the others are unchanged.
    """
    headlines = [(d.brief.headline, d.brief.headline_source, d.brief.headline_article) for d in drafts]
    if model is not None and headline_words > 0:
        target = headline_target_words if 0 < headline_target_words < headline_words else headline_words
        leads = [k for k, draft in enumerate(drafts) if draft.lead_headline]
        choices = [[headlines[k], *((h.text, h.source, h.article) for h in drafts[k].other_leads)] for k in leads]
        shortened = _each_alone(
            lambda texts: shorten_headlines(model, texts, headline_words, target),
            [text for story in choices for text, _, _ in story],
            [drafts[k].brief.id for k, story in zip(leads, choices, strict=True) for _ in story],
            "headline",
            lambda text: text,
            errors,
        )
        position = 0
        for k, story in zip(leads, choices, strict=True):
            cut = shortened[position : position + len(story)]
            position += len(story)
            best = pick_lead(cut, headline_words, target)
            headlines[k] = (cut[best], *story[best][1:])
    votes: list[dict[str, Counter[str]] | None] = [None] * len(drafts)
    if model is not None:
        texts = [t for d in drafts for t in d.ner_texts]
        owners = [d.brief.id for d in drafts for _ in d.ner_texts]
        labels = _each_alone(lambda batch: label_texts(model, batch), texts, owners, "entities", lambda _: [], errors)
        position = 0
        for k, draft in enumerate(drafts):
            count = len(draft.ner_texts)
            votes[k] = spacy_votes(labels[position : position + count])
            position += count
    briefs = []
    for draft, vote, (headline, source, article) in zip(drafts, votes, headlines, strict=True):
        try:
            entities = tuple(type_entities(draft.aliases, vote))
        except Exception as exc:  # a per-story boundary, as in _each_alone
            _record(errors, draft.brief.id, "entities", exc)
            entities = ()
        briefs.append(
            dataclasses.replace(
                draft.brief, headline=headline, headline_source=source, headline_article=article, entities=entities
            )
        )
    return briefs


# Worker processes read the batch and the spaCy model from here (copied into
# them by fork), so only story numbers go to them and only briefs, without
# their articles, come back.
_BATCH: tuple[Sequence[Story], Mapping[str, CleanArticle], BriefSettings, object | None] | None = None
_BATCH_LOCK = threading.Lock()


def _brief_chunk(bounds: tuple[int, int]) -> tuple[list[Brief], list[tuple[str, str]]]:
    """Return the briefs of a chunk of stories and ``(story id, error text)`` for each that failed."""
    assert _BATCH is not None
    stories, articles_by_id, settings, model = _BATCH
    errors: list[tuple[str, str]] = []
    drafts = [
        _safe_draft(stories[index], _story_articles(stories[index], articles_by_id), settings, errors)
        for index in range(*bounds)
    ]
    briefs = _finish(drafts, model, settings.headline_words, errors, settings.headline_target_words)
    return [dataclasses.replace(brief, articles=()) for brief in briefs], errors


def _worker_count(settings: BriefSettings, stories: int) -> int:
    if settings.workers == 1 or not can_fork():
        return 1
    if settings.workers > 1:
        return settings.workers
    if stories < MIN_STORIES_PER_WORKER * 2:
        return 1
    return max(1, min(available_cpus(), MAX_AUTO_WORKERS, stories // MIN_STORIES_PER_WORKER))


def build_briefs(
    stories: Sequence[Story],
    articles_by_id: Mapping[str, CleanArticle],
    settings: BriefSettings | None = None,
    progress: Progress | None = None,
    on_error: OnError | None = None,
) -> list[Brief]:
    """Return one brief per story, in the order of ``stories``.

    Stories are independent: a large batch is shared among worker processes
    (``settings.workers``), and the briefs do not depend on how.  A story whose
    brief fails to build gets a minimal brief (its first article's title as
    headline, every section empty) and is reported through ``on_error``; the
    batch goes on.  One whose headline parse or entity typing fails keeps the
    rest of its brief (its lead whole, or no entities) and is reported too.

    Args:
        stories: the stories, each naming its articles and near-copy groups.
        articles_by_id: every clean article the stories name, by id.
        settings: ``BriefSettings`` (defaults when None).
        progress: called as ``progress(done, total)`` as stories are done.
        on_error: called as ``on_error(story_id, error_text)`` for each story
            whose brief could not be built (the pipeline records a rejection).

    Raises:
        InputError: a story names an article that is not in ``articles_by_id``.
        TypeError: ``articles_by_id`` is not a mapping (a list of articles, say).
        NewsfuseError: ``settings.ner == "spacy"`` and the spaCy model cannot be loaded.

    Example:
        >>> from newsfuse.models import Story
        >>> briefs = build_briefs([Story("s1", ("a", "b"))], articles)   # doctest: +SKIP
        >>> briefs[0].key_points[0].sources                               # doctest: +SKIP
        ('Daily One', 'Evening Two')
    """
    settings = settings if settings is not None else BriefSettings()
    if not isinstance(settings, BriefSettings):
        raise TypeError(f"settings must be BriefSettings, got {type(settings).__name__}")
    if not isinstance(articles_by_id, Mapping):
        # A list of articles read as "not among the articles given" for every one of them.
        raise TypeError(
            f"articles_by_id must map article ids to clean articles, got {type(articles_by_id).__name__} "
            "(build_brief takes a list: {a.id: a for a in articles} makes the mapping)"
        )
    for story in stories:
        _story_articles(story, articles_by_id)  # raise on a missing article before any work
    model = None
    if settings.ner != "rules" and (settings.ner_max_sentences > 0 or settings.headline_words > 0) and stories:
        model = load_model(required=settings.ner == "spacy")
    total = len(stories)
    workers = _worker_count(settings, total)
    size = max(1, min(64, -(-total // (workers * 8)))) if workers > 1 else CHUNK_STORIES
    chunks = [(low, min(total, low + size)) for low in range(0, total, size)]
    global _BATCH
    with _BATCH_LOCK:
        _BATCH = (stories, articles_by_id, settings, model)
        try:
            briefs, errors = _run_chunks(chunks, workers, total, progress)
        finally:
            _BATCH = None
    for story_id, error in errors:
        if on_error is not None:
            on_error(story_id, error)
    return [
        dataclasses.replace(brief, articles=tuple(articles_by_id[i] for i in story.article_ids))
        for brief, story in zip(briefs, stories, strict=True)
    ]


def _run_chunks(
    chunks: list[tuple[int, int]], workers: int, total: int, progress: Progress | None
) -> tuple[list[Brief], list[tuple[str, str]]]:
    """Return the briefs of every chunk of stories, in order, and the stories that failed."""
    briefs: list[Brief] = []
    errors: list[tuple[str, str]] = []
    if workers <= 1:
        results = map(_brief_chunk, chunks)
        for chunk, chunk_errors in results:
            briefs.extend(chunk)
            errors.extend(chunk_errors)
            if progress is not None:
                progress(len(briefs), total)
        return briefs, errors
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for chunk, chunk_errors in pool.imap(_brief_chunk, chunks):
            briefs.extend(chunk)
            errors.extend(chunk_errors)
            if progress is not None:
                progress(len(briefs), total)
    return briefs, errors


def build_brief(story: Story, articles: Sequence[CleanArticle], settings: BriefSettings | None = None) -> Brief:
    """Return the brief of one story from its clean articles (in any order).

    Example:
        >>> brief = build_brief(Story("s1", ("a", "b")), [article_a, article_b])   # doctest: +SKIP
    """
    return build_briefs([story], {a.id: a for a in articles}, settings)[0]
