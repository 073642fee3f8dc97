"""The web app: read the news in a browser, or as JSON, read-only over a store.

Needs the ``web`` extra (``pip install 'newsfuse[web]'``); importing this
package does not, calling ``create_app`` does.

Example:
    >>> from newsfuse.serve import create_app
    >>> app = create_app("news.db")                                   # doctest: +SKIP
"""

from __future__ import annotations

from os import PathLike
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from fastapi import FastAPI

__all__ = ["create_app"]


def create_app(db_path: str | PathLike[str], **options: Any) -> "FastAPI":
    """Return the FastAPI app serving the store at ``db_path`` (see ``newsfuse.serve.app.create_app``).

    Raises:
        MissingExtraError: FastAPI, Jinja2 or uvicorn's dependencies are not installed.
        StoreError: no store at ``db_path``, or not a newsfuse store.
    """
    from newsfuse.serve.app import create_app as _create_app

    return _create_app(db_path, **options)
