"""The web app: story list, story pages and a JSON API, read-only over a store.

Every string from an article (titles, text, outlet names, URLs, ids) is
untrusted.  Pages are Jinja2 templates with autoescaping on; links are made
only from http(s) URLs; story ids in paths are percent-encoded.  Every
response carries a strict Content-Security-Policy: no inline script or
style, only the app's own stylesheet and script from ``/static``.

The JSON API serves the brief JSON the store keeps, decompressed but never
decoded, wrapped in the briefs document of docs/schema.md.  The hottest
requests (a story's JSON by its exact id; list pages, story pages and API
lists seen before while the store has not changed) are answered by the
``FastPaths`` layer in front of FastAPI; everything else by the routes.

Example:
    >>> from newsfuse.serve import create_app
    >>> app = create_app("news.db")                                   # doctest: +SKIP
    >>> import uvicorn; uvicorn.run(app, port=8000)                   # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import threading
import time
from collections import OrderedDict
from concurrent.futures import Executor, ThreadPoolExecutor
from contextlib import asynccontextmanager, closing
from os import PathLike
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote, urlencode

from newsfuse.errors import MissingExtraError, StoreError

try:
    import jinja2
    from fastapi import FastAPI, Query, Request
    from fastapi import Path as PathParameter
    from fastapi.exceptions import RequestValidationError
    from fastapi.openapi.utils import get_openapi
    from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
    from fastapi.staticfiles import StaticFiles
    from pydantic import BaseModel
    from starlette.exceptions import HTTPException
except ImportError as exc:  # pragma: no cover - exercised without the extra
    raise MissingExtraError(getattr(exc, "name", None) or "fastapi", "web") from exc

import newsfuse
from newsfuse.render._common import plural, safe_url, shorten
from newsfuse.render.json import BRIEF_SCHEMA, SCHEMA_VERSION
from newsfuse.serve import queries, views
from newsfuse.store import queries as store_queries
from newsfuse.store.sqlite import connect, store_failure

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "DB_PATH_VARIABLE",
    "FastPaths",
    "HeadAsGet",
    "SECURITY_HEADERS",
    "create_app",
    "create_app_from_environment",
]

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

# Sent with every response, errors and static files included.
SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
)

# Stories per page of the list (HTML and API default); the API allows up to
# MAX_PAGE_SIZE.  Twenty fill a laptop screen twice and keep a page < 50 KB.
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Pages beyond this are refused: OFFSET paging costs O(offset).
MAX_PAGE = 10_000
MAX_QUERY_CHARS = 200

# Outlets in the list's coverage bar: the store's busiest ones, recounted at
# most every TOP_OUTLETS_MAX_AGE_S (a GROUP BY over every article: ~0.1 s at
# 100k articles, so never per request).
TOP_OUTLETS = 12
TOP_OUTLETS_MAX_AGE_S = 300.0

# Threads that run the slow work off the event loop, each with its own
# connection: searches (full-text queries), story pages not in the cache (~4 ms,
# up to ~20 ms for a big story) and recounting the busiest outlets.  The GIL
# still lets one run at a time, but the loop keeps answering cheap requests
# (JSON, cached pages) between them instead of queueing behind a render.
WORKER_THREADS = 2

# Rendered story pages kept, keyed by story and brief version: a page only
# changes when its brief is rebuilt.  ~50 KB each.
STORY_PAGE_CACHE = 256
# Bytes of decompressed brief JSON kept, keyed by story and brief version, so
# a hot story costs no decompression (~0.12 ms for the 33 KB of a typical
# brief, as much as the rest of the fast path).  96 MiB hold ~3,000 briefs:
# the stories of a few busy days.  With 32 MiB, half of the 2,000 stories
# bench_serve asks for missed (0.16 ms CPU per request).  Per worker process.
JSON_BODY_CACHE_BYTES = 96 * 1024 * 1024
# Responses the ``FastPaths`` layer replays while the store does not change:
# list pages, story pages and API lists, by path and query.  A story page is
# ~40 KB and costs ~3 ms of CPU to render (decode the brief 1 ms, build its
# view 0.7 ms, run the template 1.4 ms), so 64 MiB keep ~1,600 of them; a response over
# RESPONSE_CACHE_MAX_ITEM is never kept.  Per worker process.
RESPONSE_CACHE_BYTES = 64 * 1024 * 1024
RESPONSE_CACHE_MAX_ITEM = 1024 * 1024
# Rendered list pages and API list bodies kept until the store changes
# (SQLite's data_version moves): a read-mostly store serves its front pages
# from memory; a store being written to re-renders them after each batch.
LIST_PAGE_CACHE = 256

# Worker processes (``newsfuse serve --workers N``) build their app from this
# variable: uvicorn starts each worker from an import string, not an object.
DB_PATH_VARIABLE = "NEWSFUSE_SERVE_DB"

_HERE = Path(__file__).resolve().parent
_BRIEF_DEFS_REF = "#/$defs/"
_COMPONENTS_REF = "#/components/schemas/"


class SecurityHeaders:
    """ASGI middleware that adds ``SECURITY_HEADERS`` to every HTTP response."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS]

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in self._headers}
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message = {**message, "headers": headers + self._headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """ASGI middleware that answers ``HEAD`` as ``GET`` would, without the body.

    FastAPI routes answer only the methods they name, so ``HEAD /`` (``curl
    -I``, uptime monitors, link checkers) was a 405.  The request goes on as
    a ``GET``, through the fast paths and their caches, and only the body is
    left out: status and headers, ``content-length`` and ``etag`` included,
    are the ``GET``'s.  Other methods pass unchanged.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: dict) -> None:
            if message["type"] in ("http.response.body", "http.response.pathsend"):  # pathsend: a file by path
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        # A copy: the server still sees HEAD, and so sends no body either.
        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


class FastPaths:
    """ASGI middleware that answers the hottest GETs without the framework's per-request work.

    FastAPI spends ~0.15 ms of CPU per request on routing, parameter
    validation and response objects: half of what a stored brief costs to
    send.  With 64 clients on one process that overhead, not the store, set
    the latency.  This layer answers two kinds of request itself and hands
    everything else (and every unusual case) to the app unchanged:

    - ``GET /api/stories/{id}`` for the exact id of a live story with a
      brief: one indexed query, then the stored JSON bytes (``json_body``);
    - ``GET`` of the story list, a story page and ``/api/stories``: the
      app's own 200 response, replayed from ``cache`` while the store's
      ``data_version`` (the ``generation``) stays the same.

    Prefixes, merged stories, missing briefs, conditional requests and
    errors all go to the app, whose routes define (and document) the API.
    """

    def __init__(
        self,
        app: Any,
        *,
        json_story: Callable[[str], tuple[bytes, list[tuple[bytes, bytes]]] | None],
        cache: "_PageCache",
        generation: Callable[[], Any],
        max_cached_bytes: int,
    ) -> None:
        self.app = app
        self.json_story = json_story
        self.cache = cache
        self.generation = generation
        self.max_cached_bytes = max_cached_bytes

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or _has_header(scope, b"if-none-match"):
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        if path.startswith(_API_STORY_PREFIX) and not scope["query_string"]:
            try:
                answer = self.json_story(path[len(_API_STORY_PREFIX):])
            except (sqlite3.DatabaseError, StoreError):  # a broken store: the app's error pages say so
                answer = None
            if answer is not None:
                body, headers = answer
                await send({"type": "http.response.start", "status": 200, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
        elif path in ("/", "/api/stories") or path.startswith("/stories/"):
            await self._cached(scope, receive, send)
            return
        await self.app(scope, receive, send)

    async def _cached(self, scope: dict, receive: Callable, send: Callable) -> None:
        """Replay a cached 200 response, or let the app answer and keep its 200s."""
        key = (scope.get("raw_path") or scope["path"].encode("utf-8"), scope["query_string"])
        try:
            generation = self.generation()
        except (sqlite3.DatabaseError, StoreError):  # a broken store: the app's error pages say so
            await self.app(scope, receive, send)
            return
        found = self.cache.get(key, generation)
        if found is not None:
            headers, body = found
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        started: dict = {}
        chunks: list[bytes] = []

        async def keep(message: dict) -> None:
            if message["type"] == "http.response.start":
                started.update(message)
            elif message["type"] == "http.response.body" and started.get("status") == 200:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    body = b"".join(chunks)
                    if len(body) <= self.max_cached_bytes:
                        self.cache.put(key, (list(started.get("headers", [])), body), generation)
            await send(message)

        await self.app(scope, receive, keep)


_API_STORY_PREFIX = "/api/stories/"


def _has_header(scope: dict, name: bytes) -> bool:
    return any(key == name for key, _ in scope["headers"])


def _response_size(value: tuple[list[tuple[bytes, bytes]], bytes]) -> int:
    headers, body = value
    return len(body) + sum(len(k) + len(v) for k, v in headers) + 200


# ------------------------------------------------------------------ API models (docs)

class StoryItem(BaseModel):
    """A story in the list: the first fields of a brief, plus its activity."""

    id: str
    headline: str
    summary: str
    sources: list[str]
    article_count: int
    created_at: str
    updated_at: str
    last_date: str
    has_brief: bool
    is_brief_stale: bool
    url: str
    api_url: str


class StoryList(BaseModel):
    """A page of stories, newest activity first."""

    stories: list[StoryItem]
    query: str
    page: int
    per_page: int
    has_more: bool
    next: str | None


class ErrorBody(BaseModel):
    """What went wrong."""

    detail: str


# The error bodies the API sends, as its OpenAPI document declares them: FastAPI's own
# declaration of a 422 (``HTTPValidationError``: ``detail`` a list of objects) is not what
# ``bad_request`` sends (``detail`` one line naming each parameter at fault).
API_ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorBody, "description": "A parameter out of range or of the wrong type; detail names it."},
    503: {"model": ErrorBody, "description": "The store cannot be read now (moved, damaged); detail says why."},
}


def _schema_components() -> dict[str, Any]:
    """Return BRIEF_SCHEMA's definitions as OpenAPI components (refs rewritten)."""

    def rewrite(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                key: (value.replace(_BRIEF_DEFS_REF, _COMPONENTS_REF) if key == "$ref" else rewrite(value))
                for key, value in node.items()
            }
        if isinstance(node, list):
            return [rewrite(item) for item in node]
        return node

    components = {name: rewrite(schema) for name, schema in BRIEF_SCHEMA["$defs"].items()}
    document = {k: v for k, v in BRIEF_SCHEMA.items() if k not in ("$schema", "$defs")}
    components["BriefsDocument"] = rewrite(document)
    return components


# ------------------------------------------------------------------------ helpers

def _path_segment(value: str) -> str:
    return quote(value, safe="")


def story_path(story_id: str) -> str:
    """Return the page path of a story, its id percent-encoded."""
    return f"/stories/{_path_segment(story_id)}"


def api_story_path(story_id: str) -> str:
    """Return the JSON API path of a story, its id percent-encoded."""
    return f"/api/stories/{_path_segment(story_id)}"


def _page_link(base: str, query: str, page: int, per_page: int | None = None) -> str:
    params: dict[str, Any] = {}
    if query:
        params["q"] = query
    if page > 1:
        params["page"] = page
    if per_page is not None and per_page != PAGE_SIZE:
        params["per_page"] = per_page
    return f"{base}?{urlencode(params)}" if params else base


def _templates() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_HERE / "templates")),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates ship with the package: no stat() per page
    )
    environment.filters["story_path"] = story_path
    environment.filters["api_story_path"] = api_story_path
    environment.filters["time"] = views.format_time
    environment.filters["iso_time"] = views.iso_time
    environment.filters["plural"] = plural
    environment.filters["shorten"] = shorten
    environment.globals["version"] = newsfuse.__version__
    return environment


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


class _PageCache:
    """An LRU of rendered responses, emptied whenever its generation moves.

    The generation is the store's ``data_version`` for caches of pages that
    any ingest may change (the lists), and a constant for pages keyed by
    what they show (a story page by its brief version).  ``size`` counts
    items, or whatever ``size_of(value)`` measures (bytes).
    """

    def __init__(self, size: int, size_of: Callable[[Any], int] = lambda value: 1) -> None:
        self.size = size
        self.size_of = size_of
        self._items: OrderedDict[Any, Any] = OrderedDict()
        self._used = 0
        self._generation: Any = None
        self._lock = threading.Lock()

    def get(self, key: Any, generation: Any = None) -> Any:
        with self._lock:
            if generation != self._generation:
                self._items.clear()
                self._used = 0
                self._generation = generation
                return None
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: Any, value: Any, generation: Any = None) -> None:
        size = self.size_of(value)
        if size > self.size:
            return
        with self._lock:
            if generation != self._generation:
                self._items.clear()
                self._used = 0
                self._generation = generation
            old = self._items.pop(key, None)
            if old is not None:
                self._used -= self.size_of(old)
            self._items[key] = value
            self._used += size
            while self._used > self.size:
                _, dropped = self._items.popitem(last=False)
                self._used -= self.size_of(dropped)


class _TopOutlets:
    """The store's busiest outlets; recounted on a background thread when older than ``max_age_s``."""

    def __init__(self, db_path: str | PathLike[str], count: int, max_age_s: float, executor: Executor) -> None:
        self.db_path = db_path
        self.count = count
        self.max_age_s = max_age_s
        self.executor = executor
        self._outlets = self._recount()
        self._counted_at = time.monotonic()
        self._is_recounting = False

    def _recount(self) -> list[str]:
        with closing(connect(self.db_path, is_read_only=True)) as connection:
            return [name for name, _ in queries.top_outlets(connection, self.count)]

    def _refresh(self) -> None:
        try:
            self._outlets = self._recount()
        except Exception:  # noqa: BLE001 - keep the old list; the next request tries again
            pass
        finally:
            self._counted_at = time.monotonic()
            self._is_recounting = False

    def get(self) -> list[str]:
        """Return the outlets; start a recount (not waited for) when they are old."""
        if not self._is_recounting and time.monotonic() - self._counted_at > self.max_age_s:
            self._is_recounting = True
            self.executor.submit(self._refresh)
        return self._outlets


# ---------------------------------------------------------------------------- app

def create_app(db_path: str | PathLike[str], *, page_size: int = PAGE_SIZE) -> FastAPI:
    """Return the web app serving the store at ``db_path``, read-only.

    Args:
        db_path: an existing store (``newsfuse ingest`` creates one).
        page_size: stories per page of the list.

    Raises:
        StoreError: no store at ``db_path``, or not a newsfuse store.
        ValueError: ``page_size`` is outside [1, MAX_PAGE_SIZE].

    Example:
        >>> app = create_app("news.db")                               # doctest: +SKIP
    """
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ValueError(f"page_size must be in [1, {MAX_PAGE_SIZE}], got {page_size}")
    reader = queries.Reader(db_path)
    reader.connection()  # fail now, with the store's message, not on the first request
    templates = _templates()
    worker_threads = ThreadPoolExecutor(WORKER_THREADS, thread_name_prefix="newsfuse-worker")
    top_outlets = _TopOutlets(db_path, TOP_OUTLETS, TOP_OUTLETS_MAX_AGE_S, worker_threads)
    story_pages = _PageCache(STORY_PAGE_CACHE)
    list_pages = _PageCache(LIST_PAGE_CACHE)
    json_bodies = _PageCache(JSON_BODY_CACHE_BYTES, size_of=len)
    responses = _PageCache(RESPONSE_CACHE_BYTES, size_of=_response_size)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> Any:
        yield
        worker_threads.shutdown(wait=True)
        reader.close()

    generator = f"newsfuse {newsfuse.__version__}"
    document_head = json.dumps(
        {"schema_version": SCHEMA_VERSION, "generator": generator}, separators=(",", ":")
    )[:-1].encode("utf-8") + b',"stories":['

    app = FastAPI(
        title="newsfuse",
        version=newsfuse.__version__,
        description=(
            "Read-only access to a newsfuse store: stories, newest activity first, and one "
            "grounded, cross-checked brief per story (the JSON of docs/schema.md)."
        ),
        docs_url=None,  # Swagger UI loads scripts from a CDN and runs inline code: our CSP forbids both
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.add_middleware(SecurityHeaders)
    json_head = [
        (b"content-type", b"application/json"),
        (b"cache-control", b"no-cache"),
        *((k.encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS),
    ]

    def json_story(story_id: str) -> tuple[bytes, list[tuple[bytes, bytes]]] | None:
        """Return the body and headers of ``/api/stories/{story_id}``, or None to let the route answer."""
        state = queries.story_brief_state(reader.connection(), story_id)
        if state is None or state[1] is None:
            return None
        story_key, version, is_stale = state
        body = json_body(story_key, version)
        if body is None:
            return None
        return body, [
            *json_head,
            (b"content-length", str(len(body)).encode("ascii")),
            (b"etag", f'"j{story_key}-{version}"'.encode("ascii")),
            (b"x-newsfuse-brief-stale", b"true" if is_stale else b"false"),
        ]

    def json_body(story_key: int, version: int | None) -> bytes | None:
        """Return the briefs document of a story's stored brief (cached by brief version), or None."""
        body = json_bodies.get((story_key, version))
        if body is None:
            found = queries.brief_json(reader.connection(), story_key)
            if found is None or found[0] != version:
                return None  # gone or rebuilt since the version was read: the route answers
            body = document_head + found[1] + b"]}"
            json_bodies.put((story_key, version), body)
        return body

    # Added last, so it runs first: what it answers itself carries the security headers above.
    app.add_middleware(
        FastPaths,
        json_story=json_story,
        cache=responses,
        generation=reader.generation,
        max_cached_bytes=RESPONSE_CACHE_MAX_ITEM,
    )
    app.add_middleware(HeadAsGet)  # first of all: HEAD takes the GET's fast paths and routes
    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")
    app.state.reader = reader

    def html(name: str, status_code: int = 200, headers: dict[str, str] | None = None, **context: Any) -> HTMLResponse:
        page = templates.get_template(name).render(**context)
        return HTMLResponse(page, status_code=status_code, headers=headers)

    def resolve(story_id: str) -> tuple[int, store_queries.StorySummary]:
        """Return the story's key and summary, or raise 404."""
        try:
            return store_queries.resolve_story(reader.connection(), story_id)
        except StoreError as exc:
            raise HTTPException(404, str(exc)) from None

    # -------------------------------------------------------------- errors

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        headers = getattr(exc, "headers", None)
        if _is_api(request) or request.url.path == "/openapi.json":
            return JSONResponse({"detail": str(exc.detail)}, status_code=exc.status_code, headers=headers)
        return html("error.html", exc.status_code, headers, status=exc.status_code, detail=str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error.get('loc', ())[1:]) or 'request'}: {error.get('msg', '')}"
            for error in exc.errors()
        )
        if _is_api(request):
            return JSONResponse({"detail": problems}, status_code=422)
        return html("error.html", 400, status=400, detail=problems)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        # The store went away or broke under us: the service is unavailable, not the request wrong.
        if _is_api(request):
            return JSONResponse({"detail": str(exc)}, status_code=503)
        return html("error.html", 503, status=503, detail=str(exc))

    @app.exception_handler(sqlite3.DatabaseError)
    async def damaged_store(request: Request, exc: sqlite3.DatabaseError) -> Response:
        # A damaged file (or one replaced under us): unavailable, with what it means.
        return await store_error(request, store_failure(db_path, exc))

    # --------------------------------------------------------------- pages

    async def find_stories(query: str, page: int, per_page: int) -> tuple[list[queries.ListedStory], bool]:
        offset = (page - 1) * per_page
        if query.strip():
            # A full-text query (~40 ms of CPU for a word in every article, at 100k):
            # off the event loop, on a worker thread's own connection.
            found = await asyncio.get_running_loop().run_in_executor(
                worker_threads,
                lambda: queries.search_stories(reader.connection(), query, per_page + 1, offset),
            )
        else:
            found = queries.list_stories(reader.connection(), per_page + 1, offset)
        return found[:per_page], len(found) > per_page

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def story_list(
        q: str = Query("", max_length=MAX_QUERY_CHARS),
        page: int = Query(1, ge=1, le=MAX_PAGE),
    ) -> Response:
        generation = reader.generation()
        cache_key = ("html", q, page)
        body = list_pages.get(cache_key, generation)
        if body is not None:
            return HTMLResponse(body)
        stories, has_more = await find_stories(q, page, page_size)
        outlets = top_outlets.get()
        rows = []
        for story in stories:
            rows.append(
                {
                    "story": story,
                    "chips": views.chips(story.sources),
                    "cells": views.coverage_cells(story.sources, outlets),
                }
            )
        body = templates.get_template("list.html").render(
            rows=rows,
            query=q,
            page=page,
            previous_link=_page_link("/", q, page - 1) if page > 1 else None,
            next_link=_page_link("/", q, page + 1) if has_more else None,
            first_link=_page_link("/", q, 1),
            search_words=queries.search_words(q),
            outlet_count=len(outlets),
        )
        list_pages.put(cache_key, body, generation)
        return HTMLResponse(body)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    async def story_page(story_id: str, request: Request) -> Response:
        story_key, summary = resolve(story_id)
        if summary.id != story_id:
            return RedirectResponse(story_path(summary.id), status_code=308)
        connection = reader.connection()
        version = queries.brief_version(connection, story_key)
        if version is None:
            articles = store_queries.load_articles(connection, story_key)
            return html("pending.html", summary=summary, articles=articles, safe_url=safe_url)
        etag = f'"p{story_key}-{version}-{summary.is_brief_stale:d}"'
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers={"etag": etag})
        cache_key = (story_key, version, summary.is_brief_stale)
        page = story_pages.get(cache_key)
        if page is None:
            page = await asyncio.get_running_loop().run_in_executor(
                worker_threads, render_story, story_key, summary
            )
            story_pages.put(cache_key, page)
        return HTMLResponse(page, headers={"etag": etag, "cache-control": "no-cache"})

    def render_story(story_key: int, summary: store_queries.StorySummary) -> str:
        """Return the story page (on a worker thread, with that thread's connection)."""
        loaded = store_queries.load_brief(reader.connection(), story_key)
        if loaded is None:  # removed between the two reads
            raise HTTPException(404, f"story {summary.id!r} has no brief")
        return templates.get_template("story.html").render(view=views.story_view(loaded[1]), summary=summary)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    async def api_docs() -> Response:
        return html("docs.html", openapi=app.openapi())

    # ----------------------------------------------------------------- API

    @app.get(
        "/api/stories",
        response_model=StoryList,
        summary="List stories",
        description="Live stories, newest activity first; q keeps those with an article whose title or "
        "text holds every word (whole words; case and accents ignored). "
        "Example: /api/stories?q=ceasefire&page=2",
        tags=["stories"],
        responses=API_ERRORS,
    )
    async def api_stories(
        q: str = Query("", max_length=MAX_QUERY_CHARS, description="Search words (all must match)."),
        page: int = Query(1, ge=1, le=MAX_PAGE, description="Page number, from 1."),
        per_page: int = Query(page_size, ge=1, le=MAX_PAGE_SIZE, description="Stories per page."),
    ) -> Response:
        generation = reader.generation()
        cache_key = ("api", q, page, per_page)
        cached = list_pages.get(cache_key, generation)
        if cached is not None:
            return Response(cached, media_type="application/json")
        stories, has_more = await find_stories(q, page, per_page)
        body = {
            "stories": [
                {
                    "id": s.id,
                    "headline": s.headline,
                    "summary": s.summary,
                    "sources": list(s.sources),
                    "article_count": s.article_count,
                    "created_at": views.iso_time(s.created_at),
                    "updated_at": views.iso_time(s.updated_at),
                    "last_date": s.last_date,
                    "has_brief": s.has_brief,
                    "is_brief_stale": s.is_brief_stale,
                    "url": story_path(s.id),
                    "api_url": api_story_path(s.id),
                }
                for s in stories
            ],
            "query": q,
            "page": page,
            "per_page": per_page,
            "has_more": has_more,
            "next": _page_link("/api/stories", q, page + 1, per_page) if has_more else None,
        }
        data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        list_pages.put(cache_key, data, generation)
        return Response(data, media_type="application/json")

    @app.get(
        "/api/stories/{story_id}",
        summary="Get a story's brief",
        description="The story's brief as a briefs document (docs/schema.md) holding one story; "
        "a unique prefix of the id redirects to the story. The header X-Newsfuse-Brief-Stale: true "
        "says articles arrived after the brief was built.",
        tags=["stories"],
        responses={
            200: {
                "description": "A briefs document with one story.",
                "content": {"application/json": {"schema": {"$ref": f"{_COMPONENTS_REF}BriefsDocument"}}},
            },
            308: {"description": "A unique prefix of a story id: Location is the story's own address."},
            404: {"model": ErrorBody, "description": "No such story, or its brief is not built yet."},
            **API_ERRORS,
        },
    )
    async def api_story(
        request: Request,
        story_id: str = PathParameter(description="A story id, as /api/stories lists them."),
    ) -> Response:
        story_key, summary = resolve(story_id)
        if summary.id != story_id:
            return RedirectResponse(api_story_path(summary.id), status_code=308)
        connection = reader.connection()
        version = queries.brief_version(connection, story_key)
        if version is not None and request.headers.get("if-none-match") == f'"j{story_key}-{version}"':
            return Response(status_code=304, headers={"etag": f'"j{story_key}-{version}"'})
        body = json_body(story_key, version) if version is not None else None
        if body is None:
            found = queries.brief_json(connection, story_key)
            if found is None:
                raise HTTPException(
                    404, f"story {summary.id!r} has no brief yet (newsfuse ingest builds it); try again later"
                )
            version, data = found
            body = document_head + data + b"]}"
        headers = {
            "etag": f'"j{story_key}-{version}"',
            "cache-control": "no-cache",
            "x-newsfuse-brief-stale": "true" if summary.is_brief_stale else "false",
        }
        return Response(body, media_type="application/json", headers=headers)

    @app.get(
        "/api/schema",
        summary="The briefs JSON Schema",
        description="The JSON Schema (2020-12) that /api/stories/{story_id} follows.",
        tags=["schema"],
    )
    async def api_schema() -> JSONResponse:
        return JSONResponse(BRIEF_SCHEMA)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
            schema.setdefault("components", {}).setdefault("schemas", {}).update(_schema_components())
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def create_app_from_environment() -> FastAPI:
    """Return ``create_app($NEWSFUSE_SERVE_DB)``: the factory each uvicorn worker process calls.

    Raises:
        StoreError: the variable is unset or names no store.
    """
    db_path = os.environ.get(DB_PATH_VARIABLE, "")
    if not db_path:
        raise StoreError(f"{DB_PATH_VARIABLE} is not set; it names the store to serve")
    return create_app(db_path)
