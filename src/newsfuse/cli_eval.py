"""Evaluation commands of the brief: ``newsfuse eval summary``, ``disputes``, ``quotes`` and ``article``.

They register on the ``eval`` group of ``newsfuse.cli``; each parses its
arguments, calls a pure function of ``newsfuse.evaluate`` and prints a table
(or JSON with ``--json``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from newsfuse.cli import ConfigOption, _handle_errors, eval_app
from newsfuse.config import load_settings

LimitOption = typer.Option(None, "--limit", min=1, help="Use only the first N stories (or articles) of each file.")
JsonOption = typer.Option(False, "--json", help="Print JSON instead of a table.")


@eval_app.command("summary")
@_handle_errors
def eval_summary(
    file: Path = typer.Argument(..., help="A summarization JSON Lines file: {id, articles, summary} per line."),
    words: int = typer.Option(..., "--words", min=1, help="Word budget of every summary (newsfuse and baselines)."),
    predictions: Optional[Path] = typer.Option(
        None, "--predictions", help="Write newsfuse's {id, summary} per story to this JSON Lines file."
    ),
    limit: Optional[int] = LimitOption,
    as_json: bool = JsonOption,
    config: Optional[Path] = ConfigOption,
) -> None:
    """Score the brief's summary with ROUGE-1/2/L beside lead, centroid, LexRank and TextRank.

    Example: newsfuse eval summary ../shared/data/multinews_sample/clusters.jsonl --words 230
    """
    from newsfuse.evaluate.summary import evaluate_summary, format_summary_table

    result = evaluate_summary(file, words, load_settings(config), predictions=predictions, limit=limit)
    typer.echo(json.dumps(result, indent=2) if as_json else format_summary_table(result))


@eval_app.command("disputes")
@_handle_errors
def eval_disputes(
    files: list[Path] = typer.Argument(..., help="Labelled JSON Lines files (clustering or summarization layout)."),
    limit: Optional[int] = LimitOption,
    examples: int = typer.Option(5, "--examples", min=0, help="How many misses and false alarms to list."),
    kinds: Optional[list[str]] = typer.Option(
        None, "--kind", help="Plant only this kind of edit (repeatable): number, title, date, duration, place, age. "
        "Default: the first five."
    ),
    as_json: bool = JsonOption,
    config: Optional[Path] = ConfigOption,
) -> None:
    """Plant disagreements in real stories; score the brief's disputes (recall, precision).

    Example: newsfuse eval disputes ../shared/data/basil/articles.jsonl ../shared/data/ecbplus/articles.jsonl
    """
    from newsfuse.evaluate.disputes import ALL_KINDS, KINDS, evaluate_disputes, format_disputes_table

    unknown = sorted(set(kinds or ()) - set(ALL_KINDS))
    if unknown:
        raise typer.BadParameter(f"unknown kind {unknown[0]!r}; choose among {', '.join(ALL_KINDS)}", param_hint="--kind")
    result = evaluate_disputes(files, load_settings(config), limit=limit, kinds=tuple(kinds) if kinds else KINDS)
    typer.echo(json.dumps(result, indent=2) if as_json else format_disputes_table(result, examples))


@eval_app.command("quotes")
@_handle_errors
def eval_quotes(
    file: Path = typer.Argument(
        Path("../shared/data/polnear/dev.jsonl"), help="PolNeAR JSON Lines (dev.jsonl or train.jsonl.gz)."
    ),
    basil: Optional[Path] = typer.Option(
        None, "--basil", help="BASIL folder (articles.jsonl, basil_original.tar.gz): second check and merge rate."
    ),
    limit: Optional[int] = LimitOption,
    examples: int = typer.Option(5, "--examples", min=0, help="How many misses and wrong speakers to list."),
    as_json: bool = JsonOption,
    config: Optional[Path] = ConfigOption,
) -> None:
    """Score quote detection and speakers against PolNeAR's direct quotes (and BASIL's).

    Example: newsfuse eval quotes ../shared/data/polnear/dev.jsonl --basil ../shared/data/basil
    """
    from newsfuse.evaluate.quotes import evaluate_quotes, format_quotes_table

    result = evaluate_quotes(file, load_settings(config), limit=limit, basil=basil, examples=max(examples, 40))
    typer.echo(json.dumps(result, indent=2) if as_json else format_quotes_table(result, examples))


@eval_app.command("alignment")
@_handle_errors
def eval_alignment(
    labels: Path = typer.Argument(..., help="Sentence pairs judged by hand (tests/data/alignment_pairs.jsonl)."),
    data: Path = typer.Option(Path("../shared/data"), "--data", help="The evaluation data folder the pairs are in."),
    limit: Optional[int] = typer.Option(
        None, "--limit", min=1, help="Use only the first N labelled pairs of the file."
    ),
    as_json: bool = JsonOption,
) -> None:
    """Score the alignment behind "also reported by" on pairs judged by hand, beside the cosine alone.

    Example: newsfuse eval alignment tests/data/alignment_pairs.jsonl --data ../shared/data
    """
    import dataclasses

    from newsfuse.evaluate.alignment import evaluate_alignment, format_alignment_table

    scores = evaluate_alignment(labels, data, limit=limit)
    if as_json:
        typer.echo(json.dumps([dataclasses.asdict(s) for s in scores], indent=2))
    else:
        typer.echo(format_alignment_table(scores))


@eval_app.command("article")
@_handle_errors
def eval_article(
    file: Path = typer.Argument(..., help="A summarization (or clustering) JSON Lines file."),
    words: int = typer.Option(250, "--words", min=1, help="Word budget of each article's body and summary."),
    limit: Optional[int] = LimitOption,
    as_json: bool = JsonOption,
    config: Optional[Path] = ConfigOption,
) -> None:
    """Score the article body against the brief's summary with ROUGE; check every article's citations.

    Example: newsfuse eval article ../shared/data/multinews_sample/clusters.jsonl --words 230
    """
    from newsfuse.evaluate.article import evaluate_article, format_article_table

    result = evaluate_article(file, words, load_settings(config), limit=limit)
    typer.echo(json.dumps(result, indent=2) if as_json else format_article_table(result))
