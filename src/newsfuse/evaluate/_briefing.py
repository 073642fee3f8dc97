"""What the brief evaluations share: reading labelled files, running newsfuse's
real pipeline pieces on them, and checking that every brief is faithful.

The evaluations do not call ``newsfuse.pipeline.run``: the gold data already
says which articles form a story, so clustering is skipped, and each article
goes through ``clean_article``, each story through ``find_duplicates`` (wire
copies count once) and ``build_briefs``, exactly as the pipeline calls them.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from newsfuse.config import Settings
from newsfuse.errors import InputError, ItemError
from newsfuse.models import Article, Brief, CleanArticle, Story

__all__ = [
    "Cluster",
    "porter_stemmer",
    "require",
    "CleanCluster",
    "brief_clusters",
    "briefs_at_words",
    "clean_clusters",
    "faithfulness_problems",
    "read_clusters",
    "read_records",
]


@dataclass(frozen=True, slots=True)
class Cluster:
    """The articles of one gold story, and its reference summary when the file has one."""

    id: str
    articles: tuple[Article, ...]
    summary: str = ""


@dataclass(slots=True)
class CleanCluster:
    """A gold story after cleaning: the kept articles and why the others were dropped."""

    id: str
    articles: list[CleanArticle]
    rejected: Counter[str] = field(default_factory=Counter)
    summary: str = ""


def require(module: str, package: str) -> object:
    """Return the imported ``module``; raise ``MissingExtraError`` naming the ``eval`` extra when absent."""
    import importlib

    from newsfuse.errors import MissingExtraError

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(package, "eval") from None


def porter_stemmer():
    """Return NLTK's Porter stemmer (needs no NLTK data)."""
    return require("nltk.stem.porter", "nltk").PorterStemmer()


def read_records(path: str | Path) -> list[dict]:
    """Return the JSON objects of a JSON Lines file (``.jsonl`` or ``.jsonl.gz``).

    Raises:
        InputError: the file is missing or a line is not a JSON object.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file; give a JSON Lines file (see shared/data/README.md)")
    opener = gzip.open if path.suffix == ".gz" else open
    records = []
    with opener(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}: not JSON ({exc.msg})") from None
            if not isinstance(record, dict):
                raise InputError(f"{path}:{number}: expected a JSON object, got {type(record).__name__}")
            records.append(record)
    return records


def read_clusters(path: str | Path, limit: int | None = None) -> list[Cluster]:
    """Return the gold stories of a labelled file, in file order (at most ``limit``).

    Two layouts are read (shared/data/README.md): summarization files
    (``{"id", "articles": [{"title", "text", "source"}], "summary"}``, one
    story a line; article ids become ``<id>/<n>``) and clustering files
    (``{"id", "cluster", "title", "text", "source", ...}``, one article a
    line, grouped by ``cluster``).

    Raises:
        InputError: the file is missing, or its lines have neither layout.
        ValueError: ``limit`` is below 1.
    """
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be >= 1 (or None for every story), got {limit}")
    records = read_records(path)
    clusters: list[Cluster] = []
    if records and "articles" in records[0]:
        for record in records:
            articles = tuple(
                Article(
                    id=f"{record['id']}/{number}",
                    source=item.get("source") or "",
                    title=item.get("title") or "",
                    text=item.get("text") or "",
                    origin=f"{record['id']}/{number}",
                )
                for number, item in enumerate(record.get("articles") or [])
            )
            clusters.append(Cluster(str(record["id"]), articles, record.get("summary") or ""))
    elif records and "cluster" in records[0]:
        grouped: dict[str, list[Article]] = {}
        for record in records:
            grouped.setdefault(str(record["cluster"]), []).append(
                Article(
                    id=str(record["id"]),
                    source=record.get("source") or "",
                    title=record.get("title") or "",
                    text=record.get("text") or "",
                    url=record.get("url") or "",
                    date=record.get("date") or "",
                    origin=str(record["id"]),
                )
            )
        clusters = [Cluster(key, tuple(items)) for key, items in grouped.items()]
    elif records:
        raise InputError(
            f"{path}: lines have neither 'articles' (summarization) nor 'cluster' (clustering); "
            "see shared/data/README.md for the two layouts"
        )
    return clusters[:limit] if limit else clusters


def clean_clusters(clusters: Iterable[Cluster], settings: Settings) -> list[CleanCluster]:
    """Return each cluster with its articles cleaned; rejected articles are counted by reason."""
    from newsfuse.clean import clean_article

    cleaned = []
    for cluster in clusters:
        kept: list[CleanArticle] = []
        rejected: Counter[str] = Counter()
        for article in cluster.articles:
            try:
                kept.append(clean_article(article, settings.clean))
            except ItemError as exc:
                rejected[exc.reason] += 1
        cleaned.append(CleanCluster(cluster.id, kept, rejected, cluster.summary))
    return cleaned


def brief_clusters(
    clusters: Sequence[tuple[str, Sequence[CleanArticle]]], settings: Settings
) -> dict[str, Brief]:
    """Return ``{story id: brief}`` for the clusters that kept at least one article.

    Each cluster is one story; its near-copies are found with
    ``find_duplicates`` so that wire copies count once, as in the pipeline.
    """
    from newsfuse.brief import build_briefs
    from newsfuse.dedup import find_duplicates

    stories: list[Story] = []
    by_id: dict[str, CleanArticle] = {}
    for story_id, articles in clusters:
        if not articles:
            continue
        duplicates = find_duplicates(articles, settings.dedup)
        stories.append(Story(story_id, tuple(a.id for a in articles), tuple(duplicates)))
        by_id.update((a.id, a) for a in articles)
    briefs = build_briefs(stories, by_id, settings.brief)
    return {story.id: brief for story, brief in zip(stories, briefs)}


def briefs_at_words(
    path: str | Path, words: int, settings: Settings | None, limit: int | None = None
) -> tuple[list[CleanCluster], dict[str, Brief], float]:
    """Return a file's clean clusters, their briefs with ``summary_words = words``, and the seconds it took.

    Raises:
        ValueError: ``words`` is below 1.
    """
    import dataclasses
    import time

    if words < 1:
        raise ValueError(f"words must be >= 1, got {words}")
    settings = settings or Settings()
    settings = dataclasses.replace(settings, brief=dataclasses.replace(settings.brief, summary_words=words))
    started = time.perf_counter()
    clusters = clean_clusters(read_clusters(path, limit), settings)
    briefs = brief_clusters([(c.id, c.articles) for c in clusters], settings)
    return clusters, briefs, time.perf_counter() - started


def faithfulness_problems(brief: Brief) -> list[str]:
    """Return where a brief's texts are not the words of their evidence; empty when faithful.

    Checked independently of the brief stage's own ``check_grounded`` (whose
    problems are added): every evidence span lies in its article; a key or
    unique point's text is a part of its first span; a dispute version's
    value occurs in its first span; a quote version's text is exactly each
    of its spans; the summary is its spans joined by single spaces.
    """
    from newsfuse.brief import check_grounded

    texts: Mapping[str, str] = {a.id: a.text for a in brief.articles}
    problems: list[str] = []

    def words_of(where: str, evidence) -> str | None:
        text = texts.get(evidence.article)
        if text is None or not 0 <= evidence.start < evidence.end <= len(text):
            problems.append(f"{brief.id} {where}: evidence {evidence} is not a span of a brief article")
            return None
        return text[evidence.start : evidence.end]

    for label, points in (("key point", brief.key_points), ("unique point", brief.unique)):
        for number, point in enumerate(points, 1):
            spans = [words_of(f"{label} {number}", e) for e in point.evidence]
            if not spans or spans[0] is None or not point.text or point.text not in spans[0]:
                problems.append(f"{brief.id} {label} {number}: {point.text[:50]!r} is not in its first span")
    for number, dispute in enumerate(brief.disputes, 1):
        for version in dispute.versions:
            spans = [words_of(f"dispute {number}", e) for e in version.evidence]
            if not spans or spans[0] is None or version.value.lower() not in spans[0].lower():
                problems.append(f"{brief.id} dispute {number}: value {version.value!r} is not in its first span")
    for number, quote in enumerate(brief.quotes, 1):
        for version in quote.versions:
            for evidence in version.evidence:
                span = words_of(f"quote {number}", evidence)
                if span is not None and span != version.text:
                    problems.append(f"{brief.id} quote {number}: {version.text[:40]!r} differs from its span")
        if quote.text not in {v.text for v in quote.versions}:
            problems.append(f"{brief.id} quote {number}: text is none of its versions")
    summary_spans = [words_of("summary", e) for e in brief.summary_evidence]
    if None not in summary_spans and " ".join(s for s in summary_spans if s) != brief.summary:
        problems.append(f"{brief.id} summary: not its evidence spans joined by spaces")
    problems.extend(f"{brief.id} {p}" for p in check_grounded(brief))
    return list(dict.fromkeys(problems))
