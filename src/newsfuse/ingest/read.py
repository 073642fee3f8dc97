"""The ingest stage: items in, articles out, bad items rejected with a reason.

``read_inputs`` walks paths, folders, globs, ``-``, URLs and ``Article``
objects; ``parse_bytes`` picks the reader for one input's bytes.  Every
problem with one item (missing, empty, binary, undecodable, too large,
malformed) becomes one ``ctx.reject`` and the batch goes on.
"""

from __future__ import annotations

import dataclasses
import sys
from typing import Iterable, Iterator

from newsfuse.config import IngestSettings
from newsfuse.errors import ItemError
from newsfuse.ingest.feed import parse_feed
from newsfuse.ingest.fetch import fetch_url, make_client
from newsfuse.ingest.files import (
    InputFile,
    NotFound,
    Stdin,
    Url,
    decode_bytes,
    detect_format,
    expand_items,
    gunzip,
    is_wide_text,
    read_limited,
)
from newsfuse.ingest.html import parse_html
from newsfuse.ingest.jsonl import parse_json, parse_json_lines, parse_json_lines_iter
from newsfuse.ingest.text import parse_text
from newsfuse.models import Article, Rejection

# The origin of what was read from standard input.
STDIN_ORIGIN = "<stdin>"

__all__ = ["STDIN_ORIGIN", "parse_bytes", "read_inputs"]


def parse_bytes(
    data: bytes,
    name: str,
    settings: IngestSettings,
    *,
    url: str = "",
    content_type: str = "",
    origin: str = "",
) -> Iterator[Article | Rejection]:
    """Yield the articles (and per-record rejections) in one input's bytes.

    ``name`` is the file name or path (its extension picks the reader, and
    ``.gz`` is decompressed first); ``url`` and ``content_type`` come from a
    fetch.  The reader is chosen by ``detect_format``.

    Raises:
        ItemError: when the whole input is unusable (empty, binary,
            undecodable, too large, not JSON, not a feed, no article text).
    """
    label = origin or name or url or STDIN_ORIGIN
    if name.lower().endswith(".gz") or data[:2] == b"\x1f\x8b":
        data = gunzip(data, settings.max_bytes, label)
    fmt = detect_format(name or url, data, content_type)
    if fmt == "feed":
        try:
            yield from parse_feed(data, name, url=url, default_source=settings.default_source)
            return
        except ItemError:
            # An .xml file or an XML response that is not a feed may be a page.
            if b"<html" not in data[:4096].lower():
                raise
            fmt = "html"
    if fmt == "html":
        text = decode_bytes(data, label, use_declared_charset=True)
        yield parse_html(
            text, url, name=name, origin=origin or name or url, default_source=settings.default_source
        )
        return
    text = decode_bytes(data, label)
    if fmt == "jsonl":
        yield from parse_json_lines(text, name or url, default_source=settings.default_source)
    elif fmt == "json":
        yield from parse_json(text, name or url, default_source=settings.default_source)
    else:
        article = parse_text(text, name, origin=origin or name or url, default_source=settings.default_source)
        if url:
            article = dataclasses.replace(article, url=article.url or url, id=article.id if name else url)
        yield article


_JSON_LINES_SUFFIXES = (".jsonl", ".ndjson")


def _read_json_lines_file(item: InputFile, settings: IngestSettings) -> Iterator[Article | Rejection]:
    """Stream a JSON Lines file: the size cap and decoding apply to each line, not the file.

    A line that is not UTF-8 is decoded as a whole file would be
    (``decode_bytes``: cp1252, latin-1...), so one file may mix encodings.
    """
    rejections: list[Rejection] = []

    def numbered() -> Iterator[tuple[int, str]]:
        with item.path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                where = f"{item.shown}:{number}"
                if len(raw) > settings.max_bytes:
                    rejections.append(
                        Rejection(
                            where,
                            "ingest",
                            "too-large",
                            f"{where}: {len(raw):,} bytes, over ingest.max_bytes={settings.max_bytes:,}",
                        )
                    )
                    continue
                line = raw.rstrip(b"\r\n")
                try:
                    yield number, line.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError:
                    # A line in another encoding (a file of mixed encodings):
                    # decoded as a whole file would be (cp1252, latin-1...).
                    try:
                        yield number, decode_bytes(line, where)
                    except ItemError as exc:
                        rejections.append(Rejection(where, "ingest", exc.reason, str(exc)))

    produced = 0
    for result in parse_json_lines_iter(numbered(), item.shown, default_source=settings.default_source):
        produced += 1 + len(rejections)
        yield from rejections
        rejections.clear()
        yield result
    produced += len(rejections)
    yield from rejections
    if not produced:
        raise ItemError("empty", f"{item.shown}: only blank lines, no JSON record to read")


def _read_file(item: InputFile, settings: IngestSettings) -> Iterator[Article | Rejection]:
    size = item.path.stat().st_size
    if size and item.path.suffix.lower() in _JSON_LINES_SUFFIXES:
        with item.path.open("rb") as handle:
            head = handle.read(4096)
        if not is_wide_text(head):  # UTF-16 is read whole below: its lines do not end at a newline byte
            yield from _read_json_lines_file(item, settings)
            return
    if size > settings.max_bytes:
        raise ItemError(
            "too-large",
            f"{item.shown}: {size:,} bytes, over ingest.max_bytes={settings.max_bytes:,}; "
            "raise ingest.max_bytes to read it",
        )
    if size == 0:
        raise ItemError("empty", f"{item.shown}: empty file, no text to read")
    data = item.path.read_bytes()
    yield from parse_bytes(data, item.shown, settings, origin=item.shown)


def _read_stdin(settings: IngestSettings) -> Iterator[Article | Rejection]:
    stream = getattr(sys.stdin, "buffer", None)
    data = (
        read_limited(stream, settings.max_bytes, STDIN_ORIGIN)
        if stream is not None
        else sys.stdin.read().encode("utf-8")
    )
    for result in parse_bytes(data, "", settings, origin=STDIN_ORIGIN):
        if isinstance(result, Article) and result.id == "text":
            # Plain text from stdin is named as a file would be: "stdin" is its id and outlet.
            result = dataclasses.replace(result, id="stdin", source=result.source or "stdin")
        yield result


def _read_url(item: Url, settings: IngestSettings, client) -> Iterator[Article | Rejection]:
    fetched = fetch_url(item.url, settings, client)
    for result in parse_bytes(
        fetched.data, "", settings, url=fetched.url, content_type=fetched.content_type, origin=item.url
    ):
        if isinstance(result, Article) and result.id in ("text", "page", ""):
            result = dataclasses.replace(result, id=fetched.url)
        yield result


def _unique(article: Article, used: dict[str, int]) -> Article:
    """Return ``article`` with an id not in ``used`` (``id``, ``id-2``, ``id-3``...), and record it.

    ``used`` maps each id taken to the highest suffix tried on it as a base:
    the next article of that id starts there, so that a file of n records
    sharing one id costs O(n), not O(n²) (the fuzz campaign found 59k
    records of one id reading for minutes).  Numbers below it were taken, and
    ids are never given back, so the id is the same as counting from 2.
    """
    base = article.id or "article"
    candidate = base
    if base in used:
        number = used[base]
        while candidate in used:
            number += 1
            candidate = f"{base}-{number}"
        used[base] = number
    used.setdefault(candidate, 1)
    return article if candidate == article.id else dataclasses.replace(article, id=candidate)


def read_inputs(
    items: Iterable[object],
    settings: IngestSettings,
    ctx,
    *,
    client=None,
) -> Iterator[Article]:
    """Yield the articles read from paths, folders, globs, ``-``, URLs or ``Article`` objects.

    Ids are made unique within the batch (``stem``, ``stem-2``...).  Each
    unusable item is recorded once with ``ctx.reject(item, reason, detail)``
    and the batch goes on.

    Args:
        ctx: the ``StageContext`` that records rejections.
        client: an ``httpx.Client`` for URL items (tests pass a mock); one
            is made on the first URL and closed at the end when None.

    Raises:
        TypeError: for an item that is not a path, str or Article.

    Example:
        >>> from newsfuse.config import Settings
        >>> from newsfuse.pipeline import StageContext
        >>> ctx = StageContext(Settings())
        >>> [a.id for a in read_inputs(["examples/seeds/*.txt"], Settings().ingest, ctx)][:2]  # doctest: +SKIP
        ['000_0fc7f42979d01f16', '001_ef686245f382e15e']
    """
    used: dict[str, int] = {}  # id -> the highest suffix tried on it (``_unique``)
    own_client = None
    try:
        for item in expand_items(items):
            if isinstance(item, Article):
                yield _unique(item, used)
                continue
            if isinstance(item, NotFound):
                ctx.reject(item.item, item.reason, item.detail)
                continue
            if isinstance(item, InputFile):
                label = item.shown
                results = _read_file(item, settings)
            elif isinstance(item, Stdin):
                label = STDIN_ORIGIN
                results = _read_stdin(settings)
            else:
                assert isinstance(item, Url)
                label = item.url
                if client is None and own_client is None:
                    own_client = make_client(settings)
                results = _read_url(item, settings, client or own_client)
            try:
                for result in results:
                    if isinstance(result, Rejection):
                        ctx.reject(result.item, result.reason, result.detail)
                    else:
                        yield _unique(result, used)
            except ItemError as exc:
                ctx.reject(label, exc.reason, str(exc))
            except OSError as exc:  # a file that vanished, or that the user may not read
                problem = (exc.strerror or str(exc)).lower()
                ctx.reject(label, "unreadable", f"{label}: cannot read this file ({problem})")
            except Exception as exc:  # noqa: BLE001 - per-item boundary
                # An unexpected failure of one reader (a parser bug, an OS
                # error) must not stop the batch; the exception text is recorded.
                ctx.reject(label, "error", f"{label}: {type(exc).__name__}: {exc}")
    finally:
        if own_client is not None:
            own_client.close()
