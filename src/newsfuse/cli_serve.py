"""The ``serve`` command: read the store's stories in a browser or as JSON.

It registers on ``newsfuse.cli.app`` and stays thin: resolve the store path,
build the app (``newsfuse.serve.create_app``), hand it to uvicorn.
"""

from __future__ import annotations

import errno
import os
import socket
from pathlib import Path
from typing import Optional

import typer

from newsfuse.cli import _check_store_path, _handle_errors, _settings, app
from newsfuse.errors import InputError, MissingExtraError

__all__ = ["serve"]


def _check_can_listen(host: str, port: int) -> None:
    """Raise ``InputError`` with what to do when ``host:port`` cannot be listened on.

    Binds (and closes) a socket on each address of ``host``, as the server
    will: a port in use, a privileged port or an address of another machine
    is one line naming it, not the server's log and its exit code 3.
    """
    try:
        addresses = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise InputError(f"cannot listen on {host}: not a known host name or address ({exc.strerror})") from None
    is_bound = False
    for family, kind, proto, _, address in addresses:
        try:
            with socket.socket(family, kind, proto) as probe:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
                probe.bind(address)
            is_bound = True
        except OSError as exc:
            if exc.errno == errno.EADDRNOTAVAIL:
                continue  # e.g. ::1 without IPv6: the server skips it too, and listens on the others
            if exc.errno == errno.EADDRINUSE:
                raise InputError(f"port {port} on {host} is in use; choose another with --port") from None
            if exc.errno == errno.EACCES:
                raise InputError(
                    f"port {port} on {host} needs privileges (ports below 1024 usually do); "
                    "choose another with --port"
                ) from None
            raise InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    if not is_bound:
        raise InputError(
            f"{host} is not an address of this machine; choose another with --host (0.0.0.0: every interface)"
        )


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
    _check_store_path(path)
    if not Path(path).is_file():
        raise InputError(f"no store at {path} (newsfuse ingest FILES --db {path} creates one)")
    if port:  # 0: the system picks a free port
        _check_can_listen(host, port)
    application = create_app(path)  # fails here, with the store's message, before any worker starts
    typer.echo(f"newsfuse: serving {path} on http://{host}:{port}/ (Ctrl+C stops)", err=True)
    options = {
        "host": host,
        "port": port,
        "log_level": "warning" if quiet else "info",
        "access_log": not quiet,
        "server_header": False,
    }
    try:
        if workers == 1:
            uvicorn.run(application, **options)
            return
        from newsfuse.serve.app import DB_PATH_VARIABLE

        os.environ[DB_PATH_VARIABLE] = str(Path(path).resolve())
        uvicorn.run("newsfuse.serve.app:create_app_from_environment", factory=True, workers=workers, **options)
    except SystemExit as exc:
        if exc.code in (0, None):
            raise
        # uvicorn gives up with its own code (3) after logging why, e.g. the port
        # was taken after the check above: keep to newsfuse's codes.
        raise InputError("the server could not start (its log above says why)") from None
