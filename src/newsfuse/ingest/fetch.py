"""Fetching one page or feed over HTTP(S) with httpx.

Polite and bounded: a clear User-Agent, ``ingest.timeout_s``, at most
``MAX_REDIRECTS`` redirects, at most ``ingest.max_bytes`` read, and only
content types that can hold an article or a feed.  Every failure is an
``ItemError`` with a reason (``timeout``, ``http``, ``too-large``,
``content-type``) and one line naming the URL ("https://x/feed: cannot
connect (connection refused)"), so a batch of URLs goes on past a bad one.  Tests pass
a client built on ``httpx.MockTransport``: no network.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from newsfuse.config import IngestSettings
from newsfuse.errors import ItemError

__all__ = ["ACCEPTED_TYPES", "Fetched", "fetch_url", "make_client", "user_agent"]

MAX_REDIRECTS = 5

# Content types that can hold an article, a feed or article records.
ACCEPTED_TYPES = frozenset(
    """text/html application/xhtml+xml application/rss+xml application/atom+xml
    application/rdf+xml application/xml text/xml text/plain text/markdown application/json
    application/x-ndjson application/jsonl application/feed+json""".split()
)


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched resource: the final URL after redirects, its content type and bytes."""

    url: str
    content_type: str
    data: bytes


def user_agent() -> str:
    """Return the User-Agent newsfuse sends: ``newsfuse/<version> (+news brief tool)``."""
    try:
        from newsfuse import __version__
    except ImportError:  # during a partial import of the package
        __version__ = "0"
    return f"newsfuse/{__version__} (+news brief tool)"


def make_client(settings: IngestSettings, transport=None):
    """Return an ``httpx.Client`` set up for fetching articles (``transport`` for tests)."""
    import httpx

    return httpx.Client(
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        timeout=settings.timeout_s,
        headers={
            "User-Agent": user_agent(),
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
            "application/atom+xml,application/xml;q=0.9,*/*;q=0.5",
        },
        transport=transport,
    )


@contextmanager
def http_errors(url: str, settings: IngestSettings) -> Iterator[None]:
    """Turn httpx's errors inside the block into ``ItemError`` naming ``url``."""
    import httpx

    try:
        yield
    except httpx.TimeoutException:
        raise ItemError("timeout", f"{url}: no answer within ingest.timeout_s={settings.timeout_s} s") from None
    except httpx.TooManyRedirects:
        raise ItemError("http", f"{url}: more than {MAX_REDIRECTS} redirects") from None
    except httpx.InvalidURL as exc:
        raise ItemError("http", f"{url}: invalid URL ({exc})") from None
    except httpx.ConnectError as exc:
        raise ItemError("http", f"{url}: cannot connect ({connect_problem(exc)})") from None
    except httpx.HTTPError as exc:
        raise ItemError("http", f"{url}: {type(exc).__name__}: {exc}") from None


def connect_problem(exc: BaseException) -> str:
    """Return why a connection failed, in words: the cause under httpx's ``ConnectError``.

    httpx words the socket's error as Python does ("[Errno 111] Connection
    refused"); the cause it wraps says what happened.

    Example:
        >>> import httpx, socket
        >>> try:
        ...     try:
        ...         raise socket.gaierror(-2, "Name or service not known")
        ...     except OSError as cause:
        ...         raise httpx.ConnectError(str(cause)) from cause
        ... except httpx.ConnectError as exc:
        ...     print(connect_problem(exc))
        host not found
    """
    import socket
    import ssl

    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"the site's certificate is not valid: {cause.verify_message or cause.reason}"
        if isinstance(cause, ssl.SSLError):
            return f"TLS error: {cause.reason or cause}"
        if isinstance(cause, socket.gaierror):
            if cause.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)):
                return "host not found"
            return f"the host name could not be looked up: {_lower_first(cause.strerror or str(cause))}"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, OSError) and cause.strerror:
            return _lower_first(cause.strerror)
        cause = cause.__cause__ or cause.__context__
    return str(exc) or type(exc).__name__


def _lower_first(text: str) -> str:
    """Return ``text`` with its first letter in lower case ("Network is unreachable" -> "network ...")."""
    return text[:1].lower() + text[1:]


def read_body(response, url: str, settings: IngestSettings, *, expected: str) -> bytes:
    """Return a streamed response's body after checking its status, type and size.

    Args:
        expected: what the URL should hold, for the content-type message
            ("a page, feed or article records", "a feed").

    Raises:
        ItemError: ``http`` (a status >= 400), ``content-type`` or ``too-large``.
    """
    if response.status_code >= 400:
        raise ItemError("http", f"{url}: HTTP {response.status_code} {response.reason_phrase}".rstrip())
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind and kind not in ACCEPTED_TYPES:
        raise ItemError("content-type", f"{url}: content type {kind} is not {expected}")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.max_bytes:
        raise ItemError(
            "too-large", f"{url}: {int(declared):,} bytes, over ingest.max_bytes={settings.max_bytes:,}"
        )
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > settings.max_bytes:
            raise ItemError("too-large", f"{url}: more than ingest.max_bytes={settings.max_bytes:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch_url(url: str, settings: IngestSettings, client=None) -> Fetched:
    """Return the page or feed at ``url``.

    Args:
        client: an ``httpx.Client`` to reuse (see ``make_client``); one is
            made and closed when None.

    Raises:
        ItemError: ``timeout``, ``http`` (a status >= 400, too many
            redirects, a connection error), ``too-large`` or ``content-type``.
    """
    own = client is None
    if own:
        client = make_client(settings)
    try:
        with http_errors(url, settings), client.stream("GET", url) as response:
            data = read_body(response, url, settings, expected="a page, feed or article records")
            return Fetched(str(response.url), response.headers.get("content-type", ""), data)
    finally:
        if own:
            client.close()
