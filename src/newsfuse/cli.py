"""The ``newsfuse`` command: a thin shell over the library.

Commands parse their arguments, call the library and format what it returns;
no pipeline logic lives here.  Data goes to stdout, messages to stderr.
Exit codes: 0 all inputs were used, 1 some were skipped (or an error), 2 usage.
"""

from __future__ import annotations

import functools
import json
import os
import stat
import sys
import tempfile
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import typer

from newsfuse.config import Settings, load_settings
from newsfuse.errors import InputError, NewsfuseError
from newsfuse.models import Rejection

app = typer.Typer(
    name="newsfuse",
    help="Many outlets' coverage in, one grounded, cross-checked brief per story out.\n\n"
    "Example: newsfuse brief examples/seeds",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
eval_app = typer.Typer(
    help="Measure newsfuse on labelled data, beside baselines run in the same process.\n\n"
    "Example: newsfuse eval cluster ../shared/data/basil/articles.jsonl",
    no_args_is_help=True,
)
config_app = typer.Typer(
    help="Show the effective settings.\n\nExample: newsfuse config show",
    no_args_is_help=True,
)


def _print_version(is_asked: bool) -> None:
    if is_asked:
        import newsfuse

        typer.echo(f"newsfuse {newsfuse.__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(
        False, "--version", "-V", callback=_print_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    # The group's own options; its help is the Typer(help=...) above.
    pass


app.add_typer(eval_app, name="eval")
app.add_typer(config_app, name="config")


class BriefFormat(str, Enum):
    md = "md"
    json = "json"
    html = "html"
    article = "article"
    article_html = "article-html"


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    md = "md"


class ClusterFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


class Gold(str, Enum):
    cluster = "cluster"
    topic = "topic"


ConfigOption = typer.Option(
    None, "--config", help="A TOML settings file (overrides defaults; env and flags override it)."
)
QuietOption = typer.Option(False, "--quiet", "-q", help="No progress display.")
SourceOption = typer.Option(
    None, "--source", help="Outlet name for inputs that carry none (JSON rows without source or URL, text from stdin)."
)
ArticleWordsOption = typer.Option(
    250, "--words", min=1, help="Word budget of each article's body (--format article or article-html)."
)


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code)


def _handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a ``NewsfuseError`` into ``Error: ...`` on stderr and exit 1, no traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NewsfuseError as exc:
            raise _fail(str(exc)) from None
        except KeyboardInterrupt:
            raise _fail("interrupted", 130) from None
        except BrokenPipeError:
            # The reader went away (``newsfuse brief ... | head``): not an error.
            sys.stderr.close()
            raise typer.Exit(0) from None
        except OSError as exc:  # the machine refused: a folder, no permission, a full disk
            where = f"{exc.filename}: " if exc.filename else ""
            raise _fail(f"{where}{exc.strerror or exc}") from None
        except Exception as exc:  # a bug, not a user mistake: say so briefly
            # Typer's own exits and usage errors (which may come from its bundled
            # copy of click) carry an exit code: let them through.
            if hasattr(exc, "exit_code") or os.environ.get("NEWSFUSE_DEBUG"):
                raise
            raise _fail(
                f"internal error: {type(exc).__name__}: {exc} "
                "(set NEWSFUSE_DEBUG=1 to see the traceback, and please report it)"
            ) from None

    return wrapper


def _settings(config: Optional[Path], **overrides: dict[str, Any]) -> Settings:
    clean = {k: {n: v for n, v in section.items() if v is not None} for k, section in overrides.items()}
    return load_settings(config, overrides={k: v for k, v in clean.items() if v})


@contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[str, int, int | None], None] | None]:
    """Yield a progress callback that draws on stderr, or None when quiet or piped."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    tasks: dict[str, Any] = {}
    with Progress(
        TextColumn("{task.description:>8}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:

        def update(stage: str, done: int, total: int | None) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update


def _report_rejections(rejections: list[Rejection]) -> int:
    """Print one line per rejection on stderr; return the exit code they call for.

    Any rejection is exit code 1, whatever its stage: a file that could not be
    read, an article that cleaning refused (too short, not an article), a story
    whose brief failed.  Each was given and is not in the output, and a script
    that runs newsfuse unattended (its stderr unread) learns it from the code;
    ``newsfuse rejects`` lists what the store refused.  ``--quiet`` hides the
    progress display only: these lines and the code stay.
    """
    for rejection in rejections:
        typer.echo(_rejection_line(rejection), err=True)
    return 1 if rejections else 0


def _rejection_line(rejection: Rejection) -> str:
    """Return the stderr line of one rejection: ``newsfuse: skipped ITEM: WHY``, the item named once."""
    detail = rejection.detail or rejection.reason
    # Readers' details usually name the item already ("a.txt: binary file ...").
    where = "" if detail.startswith(rejection.item) else f"{rejection.item}: "
    return f"newsfuse: skipped {where}{detail}"


def _check_store_path(path: str) -> None:
    """Refuse a store path that names a folder, with the file name to give instead."""
    if path and Path(path).is_dir():
        raise InputError(
            f"{path}: is a folder, not a store file; give a file name in it (--db {Path(path) / 'newsfuse.db'})"
        )


def _check_output(output: Optional[Path]) -> None:
    """Refuse an ``-o`` path that can never be written (a folder, a path through a file), before any work.

    ``_write_output`` checks again when it writes; this saves a long run
    whose result would then have nowhere to go.
    """
    if output is None or str(output) == "-":
        return
    output = Path(output)
    if output.is_dir():
        raise InputError(f"{output}: is a folder; give a file name to write to")
    for parent in Path(os.path.abspath(output)).parents:
        if parent.exists():
            if not parent.is_dir():
                raise InputError(f"{output}: a part of this path is a file, not a folder")
            break


def _write_output(text: str, output: Optional[Path], *, pretty_markdown: bool = False) -> None:
    """Write ``text`` (ending in a newline unless empty) to ``output``, or to stdout.

    A regular file is replaced atomically, through a temporary file beside it that
    takes the old file's permissions (a new file's follow the umask); a link is
    followed, so the file it points to is written; a device or pipe
    (``/dev/stdout``, a FIFO) is written in place.
    """
    # Nothing to write (every input skipped) is no line at all: a blank line is a record to
    # a JSON Lines reader and a line to ``wc -l``.
    text = text if text.endswith("\n") or not text else text + "\n"
    if output is None or str(output) == "-":
        if pretty_markdown and sys.stdout.isatty():
            from rich.console import Console
            from rich.markdown import Markdown

            Console().print(Markdown(text))
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
        return
    output = Path(output)
    if output.is_dir():
        raise InputError(f"{output}: is a folder; give a file name to write to")
    if output.exists() and not output.is_file():
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
        return
    target = Path(os.path.realpath(output))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise InputError(f"{output}: a part of this path is a file, not a folder") from None
    if target.exists():
        mode = stat.S_IMODE(target.stat().st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_articles(
    paths: list[str], settings: Settings, quiet: bool, *, with_stories: bool
) -> tuple[list, list, int]:
    """Run ingest and clean (and, if asked, dedup + cluster); return articles, stories, exit code."""
    from newsfuse.pipeline import CleanStage, IngestStage, StageContext, StoryStage, run_stage

    with _progress(quiet) as progress:
        ctx = StageContext(settings, progress=progress)
        articles = run_stage(CleanStage(), run_stage(IngestStage(), paths, ctx), ctx)
        stories = run_stage(StoryStage(), articles, ctx) if with_stories else []
    return articles, stories, _report_rejections(ctx.report.rejections)


@app.command()
@_handle_errors
def brief(
    paths: list[str] = typer.Argument(..., help="Files, folders, globs, URLs, or - for stdin."),
    fmt: BriefFormat = typer.Option(BriefFormat.md, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to FILE, not stdout."),
    explain: bool = typer.Option(False, "--explain", help="Also list what cleaning removed, and why."),
    summary_words: Optional[int] = typer.Option(
        None, "--summary-words", min=1, help="Word budget of each summary (default: 60)."
    ),
    words: int = ArticleWordsOption,
    source: Optional[str] = SourceOption,
    config: Optional[Path] = ConfigOption,
    quiet: bool = QuietOption,
) -> None:
    """Write one grounded brief per story found in the articles.

    Example: newsfuse brief examples/seeds --format json -o briefs.json

    Each story as a cited article: newsfuse brief examples/seeds --format article --words 250
    """
    from newsfuse.pipeline import run
    from newsfuse.render import render

    _check_output(output)
    settings = _settings(
        config,
        ingest={"default_source": source},
        brief={"summary_words": summary_words},
    )
    with _progress(quiet) as progress:
        result = run(paths, settings, progress=progress)
    code = _report_rejections(result.report.rejections)
    if not result.briefs:
        typer.echo("newsfuse: no articles to brief", err=True)
        raise typer.Exit(1)
    text = render(result.briefs, fmt.value, explain=explain, words=words)
    _write_output(text, output, pretty_markdown=fmt is BriefFormat.md)
    raise typer.Exit(code)


@app.command()
@_handle_errors
def extract(
    paths: list[str] = typer.Argument(..., help="Files, folders, globs, URLs, or - for stdin."),
    fmt: ExtractFormat = typer.Option(ExtractFormat.jsonl, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to FILE, not stdout."),
    source: Optional[str] = SourceOption,
    config: Optional[Path] = ConfigOption,
    quiet: bool = QuietOption,
) -> None:
    """Print each article's title, outlet, date and clean text, and what cleaning removed.

    Example: newsfuse extract examples/seeds/001_ef686245f382e15e.txt --format md
    """
    _check_output(output)
    settings = _settings(config, ingest={"default_source": source})
    articles, _, code = _read_articles(paths, settings, quiet, with_stories=False)
    if fmt is ExtractFormat.jsonl:
        lines = [
            json.dumps(
                {
                    "id": a.id,
                    "source": a.source,
                    "title": a.title,
                    "date": a.date,
                    "url": a.url,
                    "text": a.text,
                    "removed": [{"text": r.text, "reason": r.reason} for r in a.removed],
                },
                ensure_ascii=False,
            )
            for a in articles
        ]
        text = "\n".join(lines)
    else:
        parts = []
        for a in articles:
            meta = " · ".join(x for x in (a.source, a.date, a.url) if x)
            parts.append(f"# {a.title or '(no title)'}\n\n*{meta}*\n\n{a.text}\n")
            if a.removed:
                parts.append("Removed:\n\n" + "\n".join(f"- ({r.reason}) {r.text}" for r in a.removed) + "\n")
        text = "\n".join(parts)
    _write_output(text, output)
    raise typer.Exit(code)


@app.command()
@_handle_errors
def cluster(
    paths: list[str] = typer.Argument(..., help="Files, folders, globs, URLs, or - for stdin."),
    fmt: ClusterFormat = typer.Option(ClusterFormat.jsonl, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to FILE, not stdout."),
    stream: bool = typer.Option(
        False,
        "--stream",
        help="Assign articles one at a time (date order, else file order) to earlier stories or new ones, "
        "never re-clustering; merges and splits of stories are logged to stderr.",
    ),
    source: Optional[str] = SourceOption,
    config: Optional[Path] = ConfigOption,
    quiet: bool = QuietOption,
) -> None:
    """Print the story of each article: one JSON line per input article, in input order.

    Example: newsfuse cluster examples/seeds --format table
    """
    _check_output(output)
    settings = _settings(config, ingest={"default_source": source})
    articles, stories, code = _read_articles(paths, settings, quiet, with_stories=not stream)
    if stream:
        from newsfuse.cluster.stream import StreamEvent, stream_stories

        events: list[StreamEvent] = []
        stories = stream_stories(articles, settings.stream, settings.dedup, events=events)
        for event in events:
            change = "merged into" if event.kind == "merge" else "split off"
            typer.echo(
                f"newsfuse: {event.kind}: story {event.other} {change} {event.story} "
                f"when article {event.article} arrived (arrival {event.position + 1})",
                err=True,
            )
    story_of = {aid: s.id for s in stories for aid in s.article_ids}
    if fmt is ClusterFormat.jsonl:
        text = "\n".join(json.dumps({"id": a.id, "story": story_of[a.id]}) for a in articles)
        _write_output(text, output)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table("story", "articles", "outlets", "titles")
        by_id = {a.id: a for a in articles}
        for story in stories:
            members = [by_id[i] for i in story.article_ids]
            table.add_row(
                story.id,
                str(len(members)),
                ", ".join(dict.fromkeys(a.source for a in members)),
                "\n".join(a.title or a.id for a in members),
            )
        if output is None:
            Console().print(table)
        else:
            console = Console(record=True, width=120, file=open(os.devnull, "w"))
            console.print(table)
            _write_output(console.export_text(), output)
    raise typer.Exit(code)


@config_app.command("show")
@_handle_errors
def config_show(
    config: Optional[Path] = ConfigOption,
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of TOML."),
) -> None:
    """Print the effective settings (defaults < config file < NEWSFUSE_* env).

    Example: NEWSFUSE_BRIEF__SUMMARY_WORDS=40 newsfuse config show
    """
    values = load_settings(config).to_dict()
    if as_json:
        typer.echo(json.dumps(values, indent=2))
        return
    lines = []
    for section, keys in values.items():
        lines.append(f"[{section}]")
        for key, value in keys.items():
            lines.append(f"{key} = {json.dumps(value)}")
        lines.append("")
    typer.echo("\n".join(lines).rstrip())


@eval_app.command("extraction")
@_handle_errors
def eval_extraction(
    data: Path = typer.Argument(
        Path("../shared/data"), help="Folder holding article_extraction_benchmark/ and trafilatura_eval/."
    ),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Use only the first N pages of each benchmark."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Score HTML extraction + cleaning against gold bodies, beside plain trafilatura.

    Example: newsfuse eval extraction ../shared/data
    """
    from newsfuse.evaluate.extraction import evaluate_extraction, format_extraction_table

    result = evaluate_extraction(data, limit=limit)
    typer.echo(json.dumps(result, indent=2) if as_json else format_extraction_table(result))


@eval_app.command("cluster")
@_handle_errors
def eval_cluster(
    file: Path = typer.Argument(..., help="A labelled JSON Lines file (id, cluster, title, text, ...)."),
    gold: Gold = typer.Option(Gold.cluster, "--gold", help="Which label is the gold story."),
    limit: Optional[int] = typer.Option(
        None, "--limit", min=1, help="Use only the articles of the first N gold stories of the file."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    errors: bool = typer.Option(
        False, "--errors", help="Also list the gold stories split and the stories merged (in --json: always)."
    ),
    config: Optional[Path] = ConfigOption,
) -> None:
    """Score story clustering (B-cubed, pairwise F1, ARI) beside two baselines.

    Example: newsfuse eval cluster ../shared/data/ecbplus/articles.jsonl --gold cluster --errors
    """
    from newsfuse.evaluate.cluster import evaluate_clustering, format_cluster_errors, format_cluster_table

    result = evaluate_clustering(file, gold=gold.value, settings=load_settings(config), limit=limit)
    if as_json:
        typer.echo(json.dumps(result, indent=2))
        return
    typer.echo(format_cluster_table(result))
    if errors:
        typer.echo("\n" + format_cluster_errors(result["errors"]))


def main() -> None:
    """Run the command line (the ``newsfuse`` entry point)."""
    app()


# The store's commands (ingest, stories, show, rejects, watch) and ``serve`` register on ``app``.
import newsfuse.cli_store  # noqa: E402,F401  (after ``app`` and its helpers exist)
import newsfuse.cli_serve  # noqa: E402,F401
import newsfuse.cli_eval  # noqa: E402,F401


if __name__ == "__main__":  # pragma: no cover
    main()
