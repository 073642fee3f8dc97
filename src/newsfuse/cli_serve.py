"""The ``serve`` command: read the store's stories in a browser or as JSON.

It registers on ``newsfuse.cli.app`` and stays thin: resolve the store path,
build the app (``newsfuse.serve.create_app``), hand it to uvicorn.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import typer

from newsfuse.cli import _handle_errors, _settings, app
from newsfuse.errors import InputError, MissingExtraError

__all__ = ["serve"]


@app.command()
@_handle_errors
def serve(
    db: Optional[Path] = typer.Option(
        None,
        "--db",
        help="The store file (default: $XDG_DATA_HOME/newsfuse/newsfuse.db, or env NEWSFUSE_STORE__DB_PATH).",
    ),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0: every interface)."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on (0: any free port)."),
    config: Optional[Path] = typer.Option(
        None, "--config", help="A TOML settings file (overrides defaults; env and flags override it)."
    ),
    workers: int = typer.Option(
        1, "--workers", min=1, max=64, help="Worker processes (each answers requests on its own core)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No access log."),
) -> None:
    """Serve the store read-only: story list, story pages and a JSON API (/docs).

    Example: newsfuse serve --db news.db --port 8000
    """
    try:
        import uvicorn
    except ImportError:
        raise MissingExtraError("uvicorn", "web") from None
    from newsfuse.serve import create_app
    from newsfuse.store import resolve_db_path

    settings = _settings(config, store={"db_path": str(db) if db is not None else None})
    path = resolve_db_path(settings.store)
    if not Path(path).is_file():
        raise InputError(f"no store at {path} (newsfuse ingest FILES --db {path} creates one)")
    application = create_app(path)  # fails here, with the store's message, before any worker starts
    typer.echo(f"newsfuse: serving {path} on http://{host}:{port}/ (Ctrl+C stops)", err=True)
    options = {
        "host": host,
        "port": port,
        "log_level": "warning" if quiet else "info",
        "access_log": not quiet,
        "server_header": False,
    }
    if workers == 1:
        uvicorn.run(application, **options)
        return
    from newsfuse.serve.app import DB_PATH_VARIABLE

    os.environ[DB_PATH_VARIABLE] = str(Path(path).resolve())
    uvicorn.run("newsfuse.serve.app:create_app_from_environment", factory=True, workers=workers, **options)
