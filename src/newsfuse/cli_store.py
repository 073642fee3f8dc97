"""The store's commands: ``ingest``, ``regroup``, ``stories``, ``show``, ``rejects``, ``watch``.

They register on ``newsfuse.cli.app`` and stay thin: parse, call
``newsfuse.store.Store`` (or ``newsfuse.ingest.watch``), format.  Data goes to
stdout, messages to stderr.  The store is ``--db PATH``, else
``NEWSFUSE_STORE__DB_PATH``, else ``$XDG_DATA_HOME/newsfuse/newsfuse.db``.
"""

from __future__ import annotations

import json
import re
import time
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from newsfuse.cli import (
    ArticleWordsOption,
    BriefFormat,
    ConfigOption,
    QuietOption,
    SourceOption,
    _handle_errors,
    _check_store_path,
    _progress,
    _rejection_line,
    _report_rejections,
    _settings,
    _write_output,
    app,
)

DbOption = typer.Option(
    None,
    "--db",
    help="The store file (default: $XDG_DATA_HOME/newsfuse/newsfuse.db; env NEWSFUSE_STORE__DB_PATH).",
)

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|h|m|s)?", re.IGNORECASE)  # "ms" before "m"
_UNIT_SECONDS = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001, None: 1.0}


def parse_duration(text: str) -> float:
    """Return the seconds in ``"10m"``, ``"90s"``, ``"1h30m"`` or ``"45"`` (seconds).

    Raises:
        typer.BadParameter: not a positive duration.

    Example:
        >>> parse_duration("1h30m")
        5400.0
        >>> parse_duration("250ms")
        0.25
    """
    compact = text.strip().lower().replace(" ", "")
    total, position = 0.0, 0
    while position < len(compact):
        match = _DURATION.match(compact, position)
        if match is None or match.end() == position:
            break
        total += float(match.group(1)) * _UNIT_SECONDS[match.group(2)]
        position = match.end()
    if not compact or position != len(compact) or total <= 0:
        raise typer.BadParameter(f"{text!r} is not a duration such as 90s, 10m or 1h (must be > 0)")
    return total


def _duration_text(seconds: float) -> str:
    """Return ``seconds`` as people write it: ``"6h"``, ``"1h30m"``, ``"90s"``, ``"0.5s"``.

    Example:
        >>> _duration_text(5400.0)
        '1h30m'
    """
    whole = int(seconds)
    if whole != seconds or whole == 0:
        return f"{seconds:g}s"
    parts = [(whole // 3600, "h"), (whole % 3600 // 60, "m"), (whole % 60, "s")]
    return "".join(f"{count}{unit}" for count, unit in parts if count)


def _failure_text(exc: Exception, path: str) -> str:
    """Return what a failed operation's exception says, for people (no traceback)."""
    import sqlite3

    from newsfuse.errors import NewsfuseError
    from newsfuse.store.sqlite import store_failure

    if isinstance(exc, NewsfuseError):
        return str(exc)
    if isinstance(exc, sqlite3.Error):
        return str(store_failure(path, exc))
    return f"{type(exc).__name__}: {exc}"


def _open_store(
    db: Optional[Path], config: Optional[Path], *, is_read_only: bool = False, store: dict | None = None, **overrides
):
    from newsfuse.store import Store

    settings = _settings(config, store={"db_path": str(db) if db is not None else None, **(store or {})}, **overrides)
    _check_store_path(settings.store.db_path)
    return Store.open(settings=settings, is_read_only=is_read_only), settings


class RegroupWhen(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def _iso_time(unix_time: float) -> str:
    """Return the local time of ``unix_time`` in ISO 8601 with its UTC offset (``2026-03-01T09:30:00+01:00``).

    Without the offset a script could not tell the instant (the web API
    writes UTC, ``...Z``; the tables show local time).
    """
    return datetime.fromtimestamp(unix_time).astimezone().isoformat(timespec="seconds")


def _when(unix_time: float) -> str:
    return datetime.fromtimestamp(unix_time).strftime("%Y-%m-%d %H:%M")


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@app.command("ingest")
@_handle_errors
def ingest_command(
    paths: list[str] = typer.Argument(..., help="Files, folders, globs, URLs, or - for stdin."),
    db: Optional[Path] = DbOption,
    source: Optional[str] = SourceOption,
    regroup: Optional[RegroupWhen] = typer.Option(
        None,
        "--regroup",
        help="Regroup the whole store afterwards as newsfuse regroup does: auto (when this ingest at least "
        "doubles the store), always, never.  (default: auto, or store.regroup_on_ingest)",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the run's counts as JSON on stdout."),
    config: Optional[Path] = ConfigOption,
    quiet: bool = QuietOption,
) -> None:
    """Add articles to the store; re-ingesting is a no-op, updated articles replace old ones.

    New articles join existing stories or start new ones, and only the
    briefs of the stories they touched are rebuilt.  An ingest that at
    least doubles the store (a first load) then regroups it by batch
    clustering, which groups better than placing articles one at a time.

    Example: newsfuse ingest examples/seeds --db news.db
    """
    store_overrides = {"regroup_on_ingest": regroup.value if regroup is not None else None}
    store, settings = _open_store(db, config, store=store_overrides, ingest={"default_source": source})
    with store, _progress(quiet) as progress:
        report = store.ingest(paths, settings, progress=progress)
        path = store.path
    code = _report_rejections(report.rejections)
    if report.regroup_error:
        typer.echo(f"newsfuse: warning: not regrouped: {report.regroup_error}", err=True)
    typer.echo(f"newsfuse: {report.summary()} in {report.seconds:.1f} s ({path})", err=True)
    if as_json:
        counts = {
            "added": report.added,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "rejected": report.rejected,
            "stories_touched": report.stories_touched,
            "stories_created": report.stories_created,
            "briefs_rebuilt": report.briefs_rebuilt,
            "merges": report.merges,
            "regrouped": report.regroup is not None,
            "articles_moved": report.regroup.moved if report.regroup is not None else 0,
            "seconds": round(report.seconds, 3),
            "db": path,
        }
        _write_output(json.dumps(counts), None)
    raise typer.Exit(code)


@app.command("regroup")
@_handle_errors
def regroup_command(
    db: Optional[Path] = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print the run's counts as JSON on stdout."),
    config: Optional[Path] = ConfigOption,
    quiet: bool = QuietOption,
) -> None:
    """Regroup the stored articles as a batch run would; stories keep their ids.

    Ingest places each article once, as it arrives; this clusters them all
    at once (as newsfuse brief does), moves the articles that belong
    elsewhere and rebuilds the briefs of the stories that changed.  A story
    folded into another still answers to its id.  Run it after a large
    ingest, or nightly.

    Example: newsfuse regroup --db news.db
    """
    store, settings = _open_store(db, config)
    with store, _progress(quiet) as progress:
        report = store.regroup(settings, progress=progress)
        path = store.path
    code = _report_rejections(report.rejections)
    typer.echo(f"newsfuse: regrouped {report.summary()} in {report.seconds:.1f} s ({path})", err=True)
    if as_json:
        result = report.result
        counts = {
            "articles": result.articles,
            "stories_before": result.stories_before,
            "stories_after": result.stories_after,
            "articles_moved": result.moved,
            "stories_changed": list(result.changed),
            "stories_created": list(result.created),
            "stories_folded": dict(result.retired),
            "briefs_rebuilt": report.briefs_rebuilt,
            "seconds": round(report.seconds, 3),
            "db": path,
        }
        _write_output(json.dumps(counts), None)
    raise typer.Exit(code)


@app.command("stories")
@_handle_errors
def stories_command(
    db: Optional[Path] = DbOption,
    limit: int = typer.Option(20, "--limit", "-n", min=0, help="How many stories to list (0: all)."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many of the newest first."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line instead of a table."),
    config: Optional[Path] = ConfigOption,
) -> None:
    """List stories, newest activity first: id, updated, articles, outlets, headline.

    Example: newsfuse stories --db news.db -n 10
    """
    store, _ = _open_store(db, config, is_read_only=True)
    with store:
        # One more than asked for tells whether there are more; only then are they counted.
        stories = store.stories(limit + 1 if limit else None, offset)
        is_cut = bool(limit) and len(stories) > limit
        stories = stories[:limit] if limit else stories
        total = store.story_count() if is_cut or (offset and not stories) else None
    if not stories:
        if total:
            typer.echo(f"newsfuse: no stories past the first {offset}; the store holds {total}", err=True)
        else:
            typer.echo("newsfuse: no stories in the store yet (newsfuse ingest adds articles)", err=True)
        return
    if as_json:
        lines = [
            json.dumps(
                {
                    "id": s.id,
                    "headline": s.headline,
                    "sources": list(s.sources),
                    "articles": s.article_count,
                    "updated": _iso_time(s.updated_at),
                },
                ensure_ascii=False,
            )
            for s in stories
        ]
        _write_output("\n".join(lines), None)
    else:
        _write_output(_story_table(stories), None)
    if is_cut and total is not None:
        # On stderr, after the list: stdout stays the stories alone (--json stays one object per line).
        shown_to = offset + len(stories)
        more = max(total - shown_to, 1)  # at least the one past the limit (an ingest may run meanwhile)
        typer.echo(
            f"newsfuse: {more} more {'story' if more == 1 else 'stories'} not shown (of {shown_to + more}); "
            f"--offset {shown_to} lists the next ones, --limit 0 all",
            err=True,
        )


def _story_table(stories) -> str:
    """Return the stories as an aligned table: id, updated, articles, outlets, headline."""
    rows = [("story", "updated", "articles", "outlets", "headline")]
    for s in stories:
        outlets = ", ".join(s.sources[:3]) + (f" +{len(s.sources) - 3}" if len(s.sources) > 3 else "")
        rows.append((s.id, _when(s.updated_at), str(s.article_count), _cut(outlets, 40), _cut(s.headline, 80)))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join(
            [row[0].ljust(widths[0]), row[1].ljust(widths[1]), row[2].rjust(widths[2]), row[3].ljust(widths[3]), row[4]]
        ).rstrip()
        for row in rows
    ]
    return "\n".join(lines)


@app.command("show")
@_handle_errors
def show_command(
    story: str = typer.Argument(..., help="A story id, or a unique start of one (see newsfuse stories)."),
    fmt: BriefFormat = typer.Option(BriefFormat.md, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to FILE, not stdout."),
    explain: bool = typer.Option(False, "--explain", help="Also list what cleaning removed, and why."),
    words: int = ArticleWordsOption,
    db: Optional[Path] = DbOption,
    config: Optional[Path] = ConfigOption,
) -> None:
    """Print the brief of one story from the store.

    Example: newsfuse show s-3fa9c2 --format html -o story.html --db news.db

    As a cited article: newsfuse show s-3fa9c2 --format article --words 250
    """
    from newsfuse.render import render

    # Read-only: a stale brief is rebuilt for display but not saved (ingest saves it).
    store, _ = _open_store(db, config, is_read_only=True)
    with store:
        brief = store.brief(story)
    _write_output(
        render([brief], fmt.value, explain=explain, words=words), output, pretty_markdown=fmt is BriefFormat.md
    )


@app.command("rejects")
@_handle_errors
def rejects_command(
    db: Optional[Path] = DbOption,
    limit: int = typer.Option(50, "--limit", "-n", min=0, help="How many to list (0: all)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line instead of a table."),
    config: Optional[Path] = ConfigOption,
) -> None:
    """List what ingest and watch refused, and why, latest first.

    Example: newsfuse rejects --db news.db -n 20
    """
    store, _ = _open_store(db, config, is_read_only=True)
    with store:
        rejects = store.rejects(limit or None)
    if not rejects:
        typer.echo("newsfuse: nothing was rejected", err=True)
        return
    if as_json:
        lines = [
            json.dumps(
                {
                    "item": r.item,
                    "stage": r.stage,
                    "reason": r.reason,
                    "detail": r.detail,
                    "count": r.count,
                    "last": _iso_time(r.last_at),
                },
                ensure_ascii=False,
            )
            for r in rejects
        ]
        _write_output("\n".join(lines), None)
        return
    lines = []
    for r in rejects:
        times = f" (x{r.count})" if r.count > 1 else ""
        lines.append(f"{_when(r.last_at)}  {r.stage:<6} {r.reason:<14} {r.item}{times}\n    {r.detail or r.reason}")
    _write_output("\n".join(lines), None)


def _check_feed_urls(urls: list[str]) -> list[str]:
    for url in urls:
        if not url.lower().startswith(("http://", "https://")):
            raise typer.BadParameter(f"{url!r} is not an http(s) URL")
    return urls


@app.command("watch")
@_handle_errors
def watch_command(
    feeds: list[str] = typer.Argument(..., help="RSS or Atom feed URLs.", callback=_check_feed_urls),
    every: str = typer.Option(
        "10m", "--every", help="Time between polls: 90s, 10m, 1h.", callback=lambda value: parse_duration(value)
    ),
    max_polls: Optional[int] = typer.Option(None, "--max-polls", min=1, help="Stop after this many polls."),
    regroup_every: Optional[str] = typer.Option(
        None,
        "--regroup-every",
        help=(
            "Also regroup the store (as newsfuse regroup does) after a poll, when this long has passed since "
            "the store's last regroup (by any command) and articles came in since: 1h, 6h. "
            "Off by default: each regroup clusters every stored "
            "article, so its time and memory grow with the store (about 25 s and 1.5 GiB at 29k articles)."
        ),
        callback=lambda value: None if value is None else parse_duration(value),
    ),
    db: Optional[Path] = DbOption,
    config: Optional[Path] = ConfigOption,
    quiet: bool = typer.Option(
        False,
        "--quiet",
        "-q",
        help="No lines per poll or regroup, nor for the pages skipped (newsfuse rejects lists them); "
        "a regroup that fails is still said.",
    ),
) -> None:
    """Poll feeds, fetch each new item's page, and ingest it; Ctrl-C stops.

    Unchanged feeds cost one request (ETag / Last-Modified); pages that fail
    are listed by newsfuse rejects.  With --regroup-every the stories are
    brought to batch clustering now and then, ids kept; a regroup that fails
    is reported and the watch goes on.

    Example: newsfuse watch https://example.org/rss https://example.net/atom.xml --every 10m --regroup-every 6h
    """
    from newsfuse.ingest.watch import watch

    every_s = float(every)  # already seconds: parse_duration ran as the option's callback
    regroup_every_s = None if regroup_every is None else float(regroup_every)
    store, settings = _open_store(db, config)

    def show(reports) -> None:
        if quiet:
            return
        stamp = time.strftime("%H:%M:%S")
        for report in reports:
            typer.echo(f"newsfuse {stamp}: {report.summary()}", err=True)
            for rejection in report.rejections:
                typer.echo(_rejection_line(rejection), err=True)

    def show_regroup(outcome) -> None:
        stamp = time.strftime("%H:%M:%S")
        if isinstance(outcome, Exception):
            # Said even when quiet: nothing else records it.  The stories stay as they were.
            typer.echo(
                f"newsfuse {stamp}: regroup failed, stories left as they were, next try in "
                f"{_duration_text(regroup_every_s)}: {_failure_text(outcome, store.path)}",
                err=True,
            )
            return
        if quiet:
            return
        typer.echo(f"newsfuse {stamp}: regrouped {outcome.summary()} in {outcome.seconds:.1f} s", err=True)
        for rejection in outcome.rejections:
            typer.echo(_rejection_line(rejection), err=True)

    with store:
        polls = watch(
            store,
            feeds,
            settings,
            every_s=every_s,
            max_polls=max_polls,
            on_poll=show,
            regroup_every_s=regroup_every_s,
            on_regroup=show_regroup,
        )
    typer.echo(f"newsfuse: stopped after {polls} poll{'s' if polls != 1 else ''}", err=True)
