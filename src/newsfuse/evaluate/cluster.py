"""Evaluation of dedup and story clustering on labelled JSON Lines files.

``evaluate_clustering`` scores newsfuse's stories against gold clusters and,
in the same run, two baselines: TF-IDF cosine + average-link agglomerative
clustering (scikit-learn's vectoriser, scipy's linkage) at its best
threshold on that very file, and datasketch MinHash LSH connected
components at its best threshold.  ``evaluate_duplicates`` measures
near-copy detection on pairs built from real articles: each article against
a lightly edited copy of itself (positives), and different articles of one
story (negatives), beside datasketch's MinHash LSH at equal settings.

Labelled files hold ``{"id", "cluster", "title", "text", "source", "url",
"date"}`` per line (ecbplus also ``"topic"``).  Articles go through
``newsfuse.clean.clean_article`` when that is installed; pages it rejects as
``not-an-article`` are left out of clustering and scoring and counted.
Documents whose text stands under two or more gold clusters (crawl
leftovers repeated across clusters) are clustered but not scored.

Example:
    >>> result = evaluate_clustering("../shared/data/basil/articles.jsonl")   # doctest: +SKIP
    >>> print(format_cluster_table(result))                                    # doctest: +SKIP

From the shell (several files: each alone, then all mixed into one corpus)::

    python -m newsfuse.evaluate.cluster ../shared/data/ecbplus/articles.jsonl \
        ../shared/data/basil/articles.jsonl --mixed --duplicates

The same files as a site with boilerplate titles would give them (every
title one shared string, or a site name after every title; ``retitle``)::

    python -m newsfuse.evaluate.cluster ../shared/data/basil/articles.jsonl --shared-title "Local Wire"
    python -m newsfuse.evaluate.cluster ../shared/data/basil/articles.jsonl --title-suffix " | Local Wire"
"""

from __future__ import annotations

import dataclasses
import os
import random
import re
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import numpy as np

from newsfuse.config import ClusterSettings, DedupSettings, Settings
from newsfuse.errors import InputError, ItemError
from newsfuse.evaluate._briefing import read_records
from newsfuse.evaluate.metrics import adjusted_rand_index, bcubed, pair_scores, pairwise
from newsfuse.models import Article, CleanArticle, Sentence
from newsfuse.text import split_sentences

__all__ = [
    "cluster_errors",
    "edited_copy",
    "evaluate_clustering",
    "evaluate_duplicates",
    "format_cluster_errors",
    "format_cluster_table",
    "format_duplicates_table",
    "format_summary_table",
    "load_labelled",
    "mix_labelled",
    "prepare_articles",
    "retitle",
]

# Thresholds swept for the baselines; each reports its best on the file.
TFIDF_THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(1, 19))  # 0.05 .. 0.90
MINHASH_THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
# Word n-grams of the dedup negatives' independent copy test: a pair whose
# shorter text has at least COPY_CONTAINMENT of its 8-grams in the other is
# a syndicated copy (the same wire story), not "different articles".
COPY_NGRAM = 8
COPY_CONTAINMENT = 0.5
_WORD = re.compile(r"[^\W_]+")


# --- loading ---------------------------------------------------------------


def load_labelled(
    path: str | os.PathLike[str], gold: str = "cluster", limit: int | None = None
) -> list[dict[str, Any]]:
    """Return the records of a labelled JSON Lines file, each with its gold label under ``"gold"``.

    Args:
        limit: keep only the records of the first ``limit`` gold stories, in
            the order the file first names them (``None``: every record).

    Raises:
        InputError: when the file is missing or a line lacks ``id``, ``text`` or the gold key.
        ValueError: ``limit`` is below 1.
    """
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be >= 1 (or None for every story), got {limit}")
    records = []
    for number, record in enumerate(read_records(path), 1):
        missing = [key for key in ("id", "text", gold) if key not in record]
        if missing:
            raise InputError(
                f"{path}: record {number}: missing {', '.join(missing)}; "
                f"gold={gold!r} needs that key on every line (keys here: {', '.join(sorted(record))})"
            )
        records.append({**record, "id": str(record["id"]), "gold": str(record[gold])})
    if limit is not None:
        kept = set(list(dict.fromkeys(r["gold"] for r in records))[:limit])
        records = [r for r in records if r["gold"] in kept]
    return records


def mix_labelled(
    paths: Sequence[str | os.PathLike[str]],
    gold: str = "cluster",
    prefixes: Sequence[str] | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Return the records of several labelled files in one list, ids and labels prefixed per file.

    The default prefix of a file is the name of its folder (``ecbplus:``...);
    ``limit`` keeps the first ``limit`` gold stories of each file (``load_labelled``).
    """
    if prefixes is not None and len(prefixes) != len(paths):
        raise ValueError(f"got {len(prefixes)} prefixes for {len(paths)} files; give one per file")
    mixed = []
    for number, path in enumerate(paths):
        prefix = prefixes[number] if prefixes is not None else Path(path).resolve().parent.name
        for record in load_labelled(path, gold, limit):
            record = dict(record)
            record["id"] = f"{prefix}:{record['id']}"
            record["gold"] = f"{prefix}:{record['gold']}"
            mixed.append(record)
    return mixed


def retitle(
    articles: Sequence[CleanArticle], shared_title: str | None = None, title_suffix: str = ""
) -> list[CleanArticle]:
    """Return the articles with every title replaced by ``shared_title`` (when given), then ``title_suffix`` added.

    A stress test of clustering: pages of a site whose ``<title>`` is the
    site's name, or a section's, or "Home", or carries the site's name after
    the headline.  An empty title with a suffix becomes the suffix alone
    (``" | Local Wire"``), as such a page template gives.  It is applied
    after cleaning, so that the texts clustered stay the same.

    Example:
        >>> article = CleanArticle("a", "Daily", "Dam bursts", "A dam burst.", ())
        >>> retitle([article], title_suffix=" | Local Wire")[0].title
        'Dam bursts | Local Wire'
    """
    return [
        dataclasses.replace(a, title=(a.title if shared_title is None else shared_title) + title_suffix)
        for a in articles
    ]


def _simple_clean(record: Mapping[str, Any]) -> CleanArticle:
    """Return a record as a CleanArticle without cleaning (sentences from ``split_sentences``)."""
    text = str(record.get("text", ""))
    sentences = tuple(
        Sentence(record["id"], index, start, end, text[start:end])
        for index, (start, end) in enumerate(split_sentences(text))
    )
    return CleanArticle(
        id=record["id"],
        source=str(record.get("source") or ""),
        title=str(record.get("title") or ""),
        text=text,
        sentences=sentences,
        url=str(record.get("url") or ""),
        date=str(record.get("date") or ""),
    )


def _cleaner(settings: Settings) -> Callable[[Mapping[str, Any]], CleanArticle] | None:
    try:
        from newsfuse.clean import clean_article
    except ImportError:
        return None

    def clean(record: Mapping[str, Any]) -> CleanArticle:
        article = Article(
            id=record["id"],
            source=str(record.get("source") or ""),
            title=str(record.get("title") or ""),
            text=str(record.get("text") or ""),
            url=str(record.get("url") or ""),
            date=str(record.get("date") or ""),
        )
        return clean_article(article, settings.clean)

    return clean


def prepare_articles(
    records: Sequence[Mapping[str, Any]], settings: Settings
) -> tuple[list[CleanArticle], dict[str, int]]:
    """Return the records as clean articles, and counts of what happened to them.

    Uses ``newsfuse.clean.clean_article`` when installed: a ``not-an-article``
    rejection leaves the record out; any other rejection (``too-short``...)
    keeps it as it is, since it is still an article to cluster.
    """
    clean = _cleaner(settings)
    articles = []
    counts: Counter[str] = Counter()
    for record in records:
        if clean is None:
            articles.append(_simple_clean(record))
            counts["uncleaned"] += 1
            continue
        try:
            articles.append(clean(record))
            counts["cleaned"] += 1
        except ItemError as exc:
            if exc.reason == "not-an-article":
                counts["not-an-article"] += 1
            else:
                articles.append(_simple_clean(record))
                counts[f"kept-as-is:{exc.reason}"] += 1
    return articles, dict(counts)


# --- clustering --------------------------------------------------------------


def _scores(labels: Mapping[str, Any], gold: Mapping[str, str]) -> dict[str, float]:
    b3 = bcubed(labels, gold)
    pairs = pairwise(labels, gold)
    return {
        "bcubed_precision": b3.precision,
        "bcubed_recall": b3.recall,
        "bcubed_f1": b3.f1,
        "pairwise_precision": pairs.precision,
        "pairwise_recall": pairs.recall,
        "pairwise_f1": pairs.f1,
        "ari": adjusted_rand_index(labels, gold),
        "clusters": len(set(labels[i] for i in gold)),
    }


def _tfidf_baseline(articles: Sequence[CleanArticle], gold: Mapping[str, str]) -> dict[str, Any]:
    """TF-IDF cosine + average-link agglomerative clustering at its best threshold."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer

    started = time.perf_counter()
    documents = [f"{a.title}\n{a.text}" for a in articles]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(documents)
    similarity = (matrix @ matrix.T).toarray()
    distance = np.clip(1.0 - similarity, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    seconds = time.perf_counter() - started
    best: dict[str, Any] | None = None
    for threshold in TFIDF_THRESHOLDS:
        cut = fcluster(tree, t=1.0 - threshold, criterion="distance")
        labels = {a.id: int(c) for a, c in zip(articles, cut)}
        scores = _scores(labels, gold)
        if best is None or scores["bcubed_f1"] > best["bcubed_f1"]:
            best = {**scores, "threshold": threshold}
    assert best is not None
    best["seconds"] = seconds
    return best


def _minhash_sets(articles: Sequence[CleanArticle]) -> list[set[bytes]]:
    from newsfuse.text import STOPWORDS

    sets = []
    for article in articles:
        words = {w for w in _WORD.findall(f"{article.title}\n{article.text}".lower()) if w not in STOPWORDS}
        sets.append({w.encode("utf-8") for w in words} or {b""})
    return sets


def _minhash_baseline(articles: Sequence[CleanArticle], gold: Mapping[str, str], num_perm: int) -> dict[str, Any]:
    """datasketch MinHash LSH over content-word sets, connected components, best threshold."""
    from datasketch import MinHash

    started = time.perf_counter()
    hashes = []
    for words in _minhash_sets(articles):
        minhash = MinHash(num_perm=num_perm, seed=1)
        minhash.update_batch(list(words))
        hashes.append(minhash)
    signing = time.perf_counter() - started
    best: dict[str, Any] | None = None
    for threshold in MINHASH_THRESHOLDS:
        started = time.perf_counter()
        groups = _lsh_components(hashes, threshold, num_perm)
        labels = {a.id: groups[n] for n, a in enumerate(articles)}
        scores = _scores(labels, gold)
        seconds = signing + time.perf_counter() - started
        if best is None or scores["bcubed_f1"] > best["bcubed_f1"]:
            best = {**scores, "threshold": threshold, "seconds": seconds}
    assert best is not None
    return best


def _stream_system(
    articles: Sequence[CleanArticle], gold: Mapping[str, str], settings: Settings
) -> dict[str, Any]:
    """Scores of streaming assignment (``newsfuse.cluster.stream.stream_stories``) of ``articles``."""
    from newsfuse.cluster.stream import stream_stories

    events: list = []
    started = time.perf_counter()
    stories = stream_stories(articles, settings.stream, settings.dedup, events=events)
    seconds = time.perf_counter() - started
    labels = {article_id: story.id for story in stories for article_id in story.article_ids}
    kinds = Counter(event.kind for event in events)
    return {**_scores(labels, gold), "seconds": seconds, "merges": kinds["merge"], "splits": kinds["split"]}


def evaluate_clustering(
    path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    gold: str = "cluster",
    settings: Settings | ClusterSettings | None = None,
    include_baselines: bool = True,
    include_stream: bool = True,
    shared_title: str | None = None,
    title_suffix: str = "",
    limit: int | None = None,
) -> dict[str, Any]:
    """Return clustering scores of newsfuse (batch and streaming) and two baselines on a labelled file.

    The result holds ``file``, ``gold``, counts (``records``, ``articles``,
    ``scored``, ``ambiguous`` = left out of scoring, ``preparation`` = what
    cleaning did), ``errors`` (``cluster_errors`` of newsfuse's batch
    stories: the gold stories it split and the stories it merged) and
    ``systems``: per system B-cubed precision, recall and F1, pairwise
    precision, recall and F1, ARI, cluster count, seconds and articles per
    second (baselines also their best threshold).
    ``newsfuse-stream`` is streaming assignment (``stream_stories``: one
    article at a time in date order, file order where dates are missing,
    never re-clustering), with its ``merges`` and ``splits`` counted.

    Args:
        path: a labelled JSON Lines file, or a list of them to mix into one
            corpus (ids and labels prefixed by each file's folder name).
        gold: the key holding the gold story (``cluster``; ``topic`` for ecbplus).
        settings: newsfuse settings (the whole tree, or only the cluster section).
        shared_title, title_suffix: titles changed before clustering (``retitle``).
        limit: score only the articles of the first ``limit`` gold stories of
            each file (in file order; with ``gold="topic"``, the first topics).
    """
    if isinstance(settings, ClusterSettings):
        settings = Settings(cluster=settings)
    settings = settings or Settings()
    if isinstance(path, (str, os.PathLike)):
        records = load_labelled(path, gold, limit)
        name = str(path)
    else:
        records = mix_labelled(list(path), gold, limit=limit)
        name = " + ".join(str(p) for p in path)
    ids = [r["id"] for r in records]
    if len(set(ids)) != len(ids):
        repeated = [i for i, n in Counter(ids).items() if n > 1][0]
        raise InputError(f"{name}: id {repeated!r} occurs twice; ids must be unique")

    articles, preparation = prepare_articles(records, settings)
    if shared_title is not None or title_suffix:
        articles = retitle(articles, shared_title, title_suffix)
    kept = {a.id for a in articles}
    clusters_of_text: dict[str, set[str]] = defaultdict(set)
    for record in records:
        clusters_of_text[record["text"]].add(record["gold"])
    gold_labels = {
        r["id"]: r["gold"] for r in records if r["id"] in kept and len(clusters_of_text[r["text"]]) < 2
    }

    from newsfuse.cluster import cluster_articles
    from newsfuse.dedup import find_duplicates

    started = time.perf_counter()
    duplicates = find_duplicates(articles, settings.dedup)
    stories = cluster_articles(articles, settings.cluster, duplicates=duplicates)
    seconds = time.perf_counter() - started
    labels = {article_id: story.id for story in stories for article_id in story.article_ids}
    systems: dict[str, dict[str, Any]] = {
        "newsfuse": {**_scores(labels, gold_labels), "seconds": seconds, "duplicate_groups": len(duplicates)}
    }
    errors = cluster_errors([a for a in articles if a.id in gold_labels], gold_labels, labels)
    if include_stream:
        systems["newsfuse-stream"] = _stream_system(articles, gold_labels, settings)
    if include_baselines:
        systems["tfidf-average-link"] = _tfidf_baseline(articles, gold_labels)
        systems["minhash-lsh"] = _minhash_baseline(articles, gold_labels, settings.dedup.num_perm)
    for result in systems.values():
        result["articles_per_s"] = len(articles) / result["seconds"] if result["seconds"] > 0 else float("inf")
    return {
        "file": name,
        "gold": gold,
        "records": len(records),
        "articles": len(articles),
        "scored": len(gold_labels),
        "gold_clusters": len(set(gold_labels.values())),
        "ambiguous": sum(1 for r in records if r["id"] in kept and r["id"] not in gold_labels),
        "preparation": preparation,
        "systems": systems,
        "errors": errors,
    }


def format_cluster_table(result: Mapping[str, Any]) -> str:
    """Return ``evaluate_clustering``'s result as a plain-text table."""
    preparation = ", ".join(f"{k} {v}" for k, v in sorted(result["preparation"].items()))
    lines = [
        f"{result['file']} (gold={result['gold']}): {result['records']} records, "
        f"{result['articles']} articles ({preparation}), {result['scored']} scored in "
        f"{result['gold_clusters']} gold clusters, {result['ambiguous']} left out (text under 2+ clusters)",
        f"{'system':<20} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'pair F1':>7} {'ARI':>6} "
        f"{'clusters':>8} {'art/s':>8}  note",
    ]
    for name, s in result["systems"].items():
        note = f"best threshold {s['threshold']}" if "threshold" in s else ""
        if "merges" in s:
            note = f"one pass in arrival order; {s['merges']} merges, {s['splits']} splits"
        lines.append(
            f"{name:<20} {s['bcubed_precision']:6.3f} {s['bcubed_recall']:6.3f} {s['bcubed_f1']:6.3f} "
            f"{s['pairwise_f1']:7.3f} {s['ari']:6.3f} {s['clusters']:8d} {s['articles_per_s']:8.0f}  {note}"
        )
    return "\n".join(lines)


def format_summary_table(results: Sequence[Mapping[str, Any]]) -> str:
    """Return one line per ``evaluate_clustering`` result: B-cubed F1 of every system side by side."""
    names = list(dict.fromkeys(name for result in results for name in result["systems"]))
    width = max([len("file")] + [len(Path(r["file"].split(" + ")[0]).parent.name) + 8 for r in results])
    lines = [f"B-cubed F1 by file\n{'file':<{width}} " + " ".join(f"{name:>18}" for name in names)]
    for result in results:
        parts = result["file"].split(" + ")
        label = Path(parts[0]).parent.name if len(parts) == 1 else f"mixed ({len(parts)})"
        cells = " ".join(
            f"{result['systems'][name]['bcubed_f1']:18.3f}" if name in result["systems"] else f"{'-':>18}"
            for name in names
        )
        lines.append(f"{label:<{width}} {cells}")
    return "\n".join(lines)


# --- error analysis ----------------------------------------------------------

# Member ids (and headline or text openings) shown per part of an error.
ERROR_EXAMPLES = 3


def _part_vectors(articles: Sequence[CleanArticle]) -> tuple[Any, Any, Any, np.ndarray]:
    """Return body, name and headline TF-IDF rows as the clustering weighs them, and which articles have a headline.

    IDF is fitted on ``articles``; each article is its own unit (no near-copy groups).
    """
    from newsfuse.cluster import graph
    from newsfuse.cluster.features import count_terms

    counts = count_terms([a.title for a in articles], [a.text for a in articles], [a.date for a in articles])
    common = max(graph.MIN_COMMON_DOCUMENTS, graph.COMMON_SHARE * len(articles))
    body = graph.tfidf_rows(counts.body, graph.MAX_BODY_TERMS, common)
    names = graph.tfidf_rows(counts.names, graph.MAX_NAME_TERMS)
    titles, has_title = graph.title_rows(counts.title, counts.body, body)
    return body, names, titles, has_title


def _between(
    vectors: tuple[Any, Any, Any, np.ndarray], first: Sequence[int], second: Sequence[int]
) -> dict[str, float | None]:
    """Return the mean similarities of the article pairs across two groups (rows of ``_part_vectors``).

    ``title`` is None when no pair has two headlines.
    """
    from newsfuse.cluster import graph

    body, names, titles, has_title = vectors
    a, b = np.asarray(first), np.asarray(second)
    body_cos = (body[a] @ body[b].T).toarray()
    name_cos = (names[a] @ names[b].T).toarray()
    title_cos = (titles[a] @ titles[b].T).toarray()
    both = has_title[a][:, None] & has_title[b][None, :]
    combined = (
        graph.BODY_WEIGHT * body_cos + graph.NAME_WEIGHT * name_cos + graph.TITLE_WEIGHT * title_cos * both
    ) / (graph.BODY_WEIGHT + graph.NAME_WEIGHT + graph.TITLE_WEIGHT * both)
    return {
        "combined": float(combined.mean()),
        "body": float(body_cos.mean()),
        "names": float(name_cos.mean()),
        "title": float(title_cos[both].mean()) if both.any() else None,
    }


def _errors_of(
    groups: Mapping[Any, list[int]],
    part_of: Callable[[int], Any],
    articles: Sequence[CleanArticle],
    vectors: tuple[Any, Any, Any, np.ndarray],
    scored: int,
) -> list[dict[str, Any]]:
    """Return the groups that ``part_of`` cuts in several parts, with their loss and cross-part similarity."""
    found = []
    for name, members in groups.items():
        parts: dict[Any, list[int]] = defaultdict(list)
        for index in members:
            parts[part_of(index)].append(index)
        if len(parts) < 2:
            continue
        ordered = sorted(parts.items(), key=lambda item: (-len(item[1]), str(item[0])))
        loss = sum(len(p) * (1 - len(p) / len(members)) for _, p in ordered) / scored
        found.append(
            {
                "name": str(name),
                "size": len(members),
                "loss": loss,
                "similarity": _between(vectors, ordered[0][1], ordered[1][1]),
                "parts": [
                    {
                        "label": str(label),
                        "size": len(part),
                        "examples": [
                            {"id": articles[i].id, "opening": (articles[i].title or articles[i].text)[:80]}
                            for i in part[:ERROR_EXAMPLES]
                        ],
                    }
                    for label, part in ordered
                ],
            }
        )
    return sorted(found, key=lambda error: (-error["loss"], error["name"]))


def cluster_errors(
    articles: Sequence[CleanArticle], gold: Mapping[str, str], labels: Mapping[str, Any]
) -> dict[str, list[dict[str, Any]]]:
    """Return where a clustering loses B-cubed F1: the gold stories it ``split`` and the stories it ``merged``.

    Each error names the gold story (``split``) or the predicted story
    (``merged``), its size, its ``parts`` (predicted stories or gold stories,
    largest first, each with its size and a few member ids and openings),
    its ``loss`` - the share of B-cubed recall (split) or precision (merged)
    it costs, so that the losses of all splits add up to 1 - recall - and
    ``similarity``: the mean similarity of the article pairs across its two
    largest parts, combined as the clustering combines its cosines (body
    words, names, headlines; no date factor, no near-copy units) and per
    cosine.  Largest loss first.  Only the ids of ``gold`` count.

    Example:
        >>> from newsfuse.models import CleanArticle
        >>> texts = {"a": "Quake hits Qeshm island in Iran.", "b": "Qeshm island quake in Iran kills ten.",
        ...          "c": "Council passes the Riverside school budget."}
        >>> articles = [CleanArticle(k, "", "", t, ()) for k, t in texts.items()]
        >>> errors = cluster_errors(articles, {"a": "quake", "b": "quake", "c": "budget"}, {"a": 1, "b": 2, "c": 2})
        >>> [(e["name"], [p["size"] for p in e["parts"]]) for e in errors["split"]]
        [('quake', [1, 1])]
        >>> [(e["name"], [p["label"] for p in e["parts"]]) for e in errors["merged"]]
        [('2', ['budget', 'quake'])]
    """
    scored = [a for a in articles if a.id in gold]
    missing = [a.id for a in scored if a.id not in labels]
    if missing:
        raise ValueError(f"labels has no story for {len(missing)} scored article(s), e.g. {missing[0]!r}")
    if not scored:
        return {"split": [], "merged": []}
    vectors = _part_vectors(scored)
    by_gold: dict[str, list[int]] = defaultdict(list)
    by_story: dict[Any, list[int]] = defaultdict(list)
    for index, article in enumerate(scored):
        by_gold[gold[article.id]].append(index)
        by_story[labels[article.id]].append(index)
    return {
        "split": _errors_of(by_gold, lambda i: labels[scored[i].id], scored, vectors, len(scored)),
        "merged": _errors_of(by_story, lambda i: gold[scored[i].id], scored, vectors, len(scored)),
    }


def format_cluster_errors(errors: Mapping[str, Sequence[Mapping[str, Any]]], limit: int = 15) -> str:
    """Return ``cluster_errors``' largest ``limit`` splits and merges as plain text."""
    lines = []
    for kind, lost in (("split", "recall"), ("merged", "precision")):
        found = errors[kind]
        total = sum(error["loss"] for error in found)
        lines.append(
            f"{'gold stories split' if kind == 'split' else 'stories merged'}: {len(found)}, "
            f"B3 {lost} lost {total:.3f}; largest first (loss, parts, mean similarity across the "
            "two largest parts: combined / body / names / title)"
        )
        for error in found[:limit]:
            sim = error["similarity"]
            title = "-" if sim["title"] is None else f"{sim['title']:.3f}"
            sizes = " + ".join(f"{p['label']} {p['size']}" for p in error["parts"])
            lines.append(
                f"  {error['loss']:.4f}  {error['name']} ({error['size']}): {sizes}  |  "
                f"{sim['combined']:.3f} / {sim['body']:.3f} / {sim['names']:.3f} / {title}"
            )
            for part in error["parts"][:2]:
                example = part["examples"][0]
                lines.append(f"          {part['label']}: {example['id']}: {example['opening']!r}")
    return "\n".join(lines)


# --- near-duplicates ---------------------------------------------------------

_CITIES = ("LONDON", "NEW YORK", "WASHINGTON", "PARIS", "BERLIN", "TOKYO", "SYDNEY", "NAIROBI")
_AGENCIES = ("AP", "Reuters", "AFP", "dpa")
_SUBSTITUTES = ("also", "now", "reportedly", "very", "later", "still", "further", "again")


def edited_copy(article: CleanArticle, rng: random.Random) -> CleanArticle:
    """Return a lightly edited copy of ``article``: how syndicated wire copy differs from its source.

    The headline changes, the last paragraph goes (when there are three or
    more), a dateline opens the text and a few words are changed.
    """
    paragraphs = [p for p in article.text.split("\n") if p.strip()]
    if len(paragraphs) >= 3:
        paragraphs = paragraphs[:-1]
    words = "\n".join(paragraphs).split(" ")
    for _ in range(min(5, max(2, len(words) // 100))):
        position = rng.randrange(len(words))
        words[position] = rng.choice(_SUBSTITUTES)
    dateline = f"{rng.choice(_CITIES)} ({rng.choice(_AGENCIES)}) — "
    text = dateline + " ".join(words)
    title = f"{article.title.rstrip('.')} - update" if article.title else "Update"
    return _simple_clean({"id": article.id + "~copy", "source": "Wire copy", "title": title, "text": text})


def _ngrams(text: str, size: int) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}


def _is_copy(first: set[tuple[str, ...]], second: set[tuple[str, ...]]) -> bool:
    smaller = min(len(first), len(second)) or 1
    return len(first & second) / smaller >= COPY_CONTAINMENT


def _datasketch_groups(texts: Sequence[str], settings: DedupSettings) -> tuple[list[int], float]:
    """Return datasketch MinHash LSH groups (a label per text) of word shingles, and signing seconds."""
    from datasketch import MinHash

    started = time.perf_counter()
    hashes = []
    for text in texts:
        words = _WORD.findall(text.lower())
        size = settings.shingle_words
        shingles = [" ".join(words[i : i + size]).encode() for i in range(max(1, len(words) - size + 1))]
        minhash = MinHash(num_perm=settings.num_perm, seed=settings.seed)
        minhash.update_batch(shingles)
        hashes.append(minhash)
    signing = time.perf_counter() - started
    return _lsh_components(hashes, settings.similarity_threshold, settings.num_perm), signing


def _lsh_components(hashes: Sequence[Any], threshold: float, num_perm: int) -> list[int]:
    """Return a group label per datasketch MinHash: connected components of LSH pairs at ``threshold``."""
    from datasketch import MinHashLSH

    index = MinHashLSH(threshold=threshold, num_perm=num_perm)
    for number, minhash in enumerate(hashes):
        index.insert(number, minhash)
    parent = list(range(len(hashes)))

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for number, minhash in enumerate(hashes):
        for other in index.query(minhash):
            if other != number and minhash.jaccard(hashes[other]) >= threshold:
                parent[find(other)] = find(number)
    return [find(n) for n in range(len(hashes))]


def evaluate_duplicates(
    paths: Iterable[str | os.PathLike[str]],
    settings: Settings | DedupSettings | None = None,
    seed: int = 0,
    include_datasketch: bool = True,
) -> dict[str, Any]:
    """Return precision and recall of near-copy detection on pairs built from real articles.

    Positives: every article against a lightly edited copy of itself
    (``edited_copy``).  Negatives: every pair of different articles of one
    gold story.  Same-story pairs that are syndicated copies of each other
    by an independent test (``COPY_CONTAINMENT`` of word 8-grams) are not
    negatives; they are counted (``wire_copies``) with how many were found.
    Pairs count as found when ``find_duplicates`` puts them in one group.
    The same pairs are scored for datasketch's MinHash + MinHashLSH at the
    same shingles, ``num_perm`` and threshold, and both signature rates are
    measured on the same texts.
    """
    if isinstance(settings, DedupSettings):
        settings = Settings(dedup=settings)
    settings = settings or Settings()
    dedup = settings.dedup
    paths = list(paths)
    records = mix_labelled(paths, "cluster")
    articles, preparation = prepare_articles(records, settings)
    gold = {r["id"]: r["gold"] for r in records}
    clusters_of_text: dict[str, set[str]] = defaultdict(set)
    for record in records:
        clusters_of_text[record["text"]].add(record["gold"])
    text_of = {r["id"]: r["text"] for r in records}
    usable = [a for a in articles if len(clusters_of_text[text_of[a.id]]) < 2]

    rng = random.Random(seed)
    copies = [edited_copy(a, rng) for a in usable]
    positives = [(a.id, c.id) for a, c in zip(usable, copies)]
    by_story: dict[str, list[CleanArticle]] = defaultdict(list)
    for article in usable:
        by_story[gold[article.id]].append(article)
    negatives, wire_copies = [], []
    for members in by_story.values():
        grams = {a.id: _ngrams(a.text, COPY_NGRAM) for a in members}
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                pair = (first.id, second.id)
                (wire_copies if _is_copy(grams[first.id], grams[second.id]) else negatives).append(pair)

    from newsfuse.dedup import find_duplicates, signatures

    corpus = usable + copies
    started = time.perf_counter()
    groups = find_duplicates(corpus, dedup)
    seconds = time.perf_counter() - started
    group_of = {article_id: n for n, group in enumerate(groups) for article_id in group}

    def same(pair: tuple[str, str], labels: Mapping[str, Any]) -> bool:
        return pair[0] in labels and labels.get(pair[0]) == labels.get(pair[1])

    texts = [a.text for a in corpus]
    started = time.perf_counter()
    signatures(texts, dedup)
    newsfuse_signing = time.perf_counter() - started

    def summary(labels: Mapping[str, Any]) -> dict[str, Any]:
        labelled = [(p, True) for p in positives] + [(p, False) for p in negatives]
        scores = pair_scores([same(p, labels) for p, _ in labelled], [truth for _, truth in labelled])
        false_positives = sum(same(p, labels) for p in negatives)
        return {
            "precision": scores.precision,
            "recall": scores.recall,
            "f1": scores.f1,
            "false_positives": false_positives,
            "false_negatives": sum(not same(p, labels) for p in positives),
            "wire_copies_found": sum(same(p, labels) for p in wire_copies),
        }

    result: dict[str, Any] = {
        "files": [str(p) for p in paths],
        "articles": len(usable),
        "preparation": preparation,
        "positives": len(positives),
        "negatives": len(negatives),
        "wire_copies": len(wire_copies),
        "settings": {
            "num_perm": dedup.num_perm,
            "shingle_words": dedup.shingle_words,
            "similarity_threshold": dedup.similarity_threshold,
        },
        "systems": {
            "newsfuse": {
                **summary(group_of),
                "groups": len(groups),
                "seconds": seconds,
                "signatures_per_s": len(texts) / newsfuse_signing,
            }
        },
    }
    if include_datasketch:
        labels, signing = _datasketch_groups(texts, dedup)
        result["systems"]["datasketch"] = {
            **summary({a.id: label for a, label in zip(corpus, labels)}),
            "signatures_per_s": len(texts) / signing,
        }
        result["signature_speedup"] = (
            result["systems"]["newsfuse"]["signatures_per_s"] / result["systems"]["datasketch"]["signatures_per_s"]
        )
    return result


def format_duplicates_table(result: Mapping[str, Any]) -> str:
    """Return ``evaluate_duplicates``'s result as a plain-text table."""
    s = result["settings"]
    lines = [
        f"near-copies: {result['positives']} positive pairs (article vs edited copy), "
        f"{result['negatives']} negative pairs (different articles of one story), "
        f"{result['wire_copies']} same-story wire copies set aside; "
        f"num_perm {s['num_perm']}, {s['shingle_words']}-word shingles, threshold {s['similarity_threshold']}",
        f"{'system':<12} {'P':>6} {'R':>6} {'F1':>6} {'FP':>5} {'FN':>5} {'wire found':>10} {'sig/s':>9}",
    ]
    for name, r in result["systems"].items():
        lines.append(
            f"{name:<12} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {r['false_positives']:5d} "
            f"{r['false_negatives']:5d} {r['wire_copies_found']:>5d}/{result['wire_copies']:<4d} "
            f"{r['signatures_per_s']:9.0f}"
        )
    if "signature_speedup" in result:
        lines.append(f"signature speed-up over datasketch: {result['signature_speedup']:.1f}x")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """Print the clustering tables of labelled files (and their mix), and the near-copy table."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m newsfuse.evaluate.cluster", description="Score newsfuse's dedup and story clustering."
    )
    parser.add_argument("files", nargs="+", help="labelled JSON Lines files")
    parser.add_argument("--gold", default="cluster", help="key of the gold story (cluster; topic for ecbplus)")
    parser.add_argument("--mixed", action="store_true", help="also score all files mixed into one corpus")
    parser.add_argument("--duplicates", action="store_true", help="also score near-copy detection on the files")
    parser.add_argument(
        "--errors", action="store_true", help="also list the gold stories split and the stories merged (batch)"
    )
    parser.add_argument(
        "--shared-title", metavar="TEXT", help="replace every title with TEXT (a site whose pages share one title)"
    )
    parser.add_argument(
        "--title-suffix", metavar="TEXT", default="", help="append TEXT to every title (' | Local Wire')"
    )
    args = parser.parse_args(argv)
    titles = {"shared_title": args.shared_title, "title_suffix": args.title_suffix}
    results = []
    for file in args.files:
        results.append(evaluate_clustering(file, gold=args.gold, **titles))
        print(format_cluster_table(results[-1]), end="\n\n")
        if args.errors:
            print(format_cluster_errors(results[-1]["errors"]), end="\n\n")
    if args.mixed and len(args.files) > 1:
        results.append(evaluate_clustering(args.files, gold=args.gold, **titles))
        print(format_cluster_table(results[-1]), end="\n\n")
        if args.errors:
            print(format_cluster_errors(results[-1]["errors"]), end="\n\n")
    print(format_summary_table(results), end="\n\n")
    if args.duplicates:
        print(format_duplicates_table(evaluate_duplicates(args.files)))


if __name__ == "__main__":  # pragma: no cover
    main()
