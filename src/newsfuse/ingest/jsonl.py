"""Reading articles from JSON Lines and JSON.

One article per line (or one object, or a list of objects in a ``.json``
file): ``{"id", "title", "text", "source", "url", "date"}``.  Common
alternative names (``body``, ``content``, ``headline``, ``outlet``,
``published``...) are understood; unknown keys are kept in ``extra``.  A bad
line becomes one ``Rejection`` naming ``path:LINE`` and the other lines go on.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Iterator, Mapping

from newsfuse.errors import ItemError
from newsfuse.ingest.dates import parse_date
from newsfuse.ingest.html import html_to_text, site_from_url, strip_site_name
from newsfuse.models import Article, Rejection

__all__ = ["FIELD_NAMES", "parse_json", "parse_json_lines", "record_to_article"]

# Field → the keys that may hold it, first match wins.
FIELD_NAMES: Mapping[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "doc_id", "uuid"),
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "article", "maintext"),
    "source": ("source", "outlet", "publisher", "sitename", "site_name", "source_name"),
    "url": ("url", "link", "canonical_url"),
    "date": ("date", "published", "published_at", "publish_date", "date_publish", "pubdate"),
}
_KNOWN = frozenset(key for keys in FIELD_NAMES.values() for key in keys) | {"html"}


def _field(record: Mapping[str, Any], name: str, where: str) -> str:
    for key in FIELD_NAMES[name]:
        if key in record and record[key] is not None:
            value = record[key]
            if isinstance(value, Mapping) and name == "source":
                value = value.get("name") or value.get("title") or ""
            if isinstance(value, bool) or not isinstance(value, (str, int, float)):
                raise ItemError(
                    "json",
                    f"{where}: field {key!r} must be a string, got {type(value).__name__}",
                )
            return str(value).strip() if name != "text" else str(value)
    return ""


def record_to_article(
    record: object,
    where: str,
    *,
    fallback_id: str,
    fallback_source: str = "",
) -> Article:
    """Return the article a JSON object describes.

    Its outlet is the record's ``source`` (or ``outlet``...), else its URL's
    host, else ``fallback_source``, else its own id.

    Raises:
        ItemError: ``json`` when ``record`` is not an object or a field has
            the wrong type; ``no-text`` when its ``text`` is missing or empty.

    Example:
        >>> record_to_article({"text": "Body.", "outlet": "Daily", "topic": "x"}, "a.jsonl:1",
        ...                   fallback_id="a-1").source
        'Daily'
        >>> record_to_article({"id": "x7", "text": "Body."}, "a.jsonl:1", fallback_id="a-1").source
        'x7'
    """
    if not isinstance(record, Mapping):
        raise ItemError("json", f"{where}: expected a JSON object, got {type(record).__name__}")
    text = _field(record, "text", where)
    if not text.strip() and isinstance(record.get("html"), str):
        text = html_to_text(record["html"])
    if not text.strip():
        present = [key for key in FIELD_NAMES["text"] if key in record]
        problem = f"empty {present[0]!r} field" if present else "no 'text' field"
        raise ItemError("no-text", f"{where}: {problem}, so no article text")
    url = _field(record, "url", where)
    raw_date = _field(record, "date", where)
    date = parse_date(raw_date)
    extra = {key: value for key, value in record.items() if key not in _KNOWN}
    if raw_date and not date:
        extra["date_text"] = raw_date
    identifier = _field(record, "id", where) or fallback_id
    site = _field(record, "source", where) or site_from_url(url)
    return Article(
        id=identifier,
        source=site or fallback_source or identifier,
        title=strip_site_name(_field(record, "title", where), site),
        text=text,
        url=url,
        date=date,
        origin=where,
        extra=extra,
    )


def parse_json_lines(
    text: str, name: str, *, default_source: str = ""
) -> Iterator[Article | Rejection]:
    """Yield an ``Article`` for each good line of a JSON Lines text, a ``Rejection`` for each bad one.

    ``id`` defaults to ``<stem>-<line>``; ``source`` to the URL's host, then
    ``default_source``, then the article's own id: a file of many articles
    is no outlet, so each article that names none counts as an outlet of its
    own (as the evaluations count it).

    Example:
        >>> out = list(parse_json_lines('{"text": "A story."}\\n{oops\\n', "a.jsonl"))
        >>> [type(x).__name__ for x in out], out[1].item
        (['Article', 'Rejection'], 'a.jsonl:2')
    """
    yield from parse_json_lines_iter(
        enumerate(text.splitlines(), start=1), name, default_source=default_source
    )


def parse_json_lines_iter(
    lines: Iterable[tuple[int, str]], name: str, *, default_source: str = ""
) -> Iterator[Article | Rejection]:
    """Yield articles and rejections for numbered JSON Lines, as ``parse_json_lines`` does.

    ``lines`` are ``(line_number, line)`` pairs, so a large file can be
    streamed rather than read whole.
    """
    from newsfuse.ingest.files import file_stem

    stem = file_stem(name) if name else "stdin"
    for number, line in lines:
        if not line.strip():
            continue
        where = f"{name or '<stdin>'}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(where, "ingest", "json", f"{where}: not valid JSON ({exc})")
            continue
        try:
            yield record_to_article(
                record,
                where,
                fallback_id=f"{stem}-{number}",
                fallback_source=default_source,
            )
        except ItemError as exc:
            yield Rejection(where, "ingest", exc.reason, str(exc))


def parse_json(text: str, name: str, *, default_source: str = "") -> Iterator[Article | Rejection]:
    """Yield the articles of a JSON document: one object, or a list of objects.

    Raises:
        ItemError: ``json`` when the document is not valid JSON or holds
            neither an object nor a list.
    """
    from newsfuse.ingest.files import file_stem

    label = name or "<stdin>"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ItemError("json", f"{label}: not valid JSON ({exc})") from None
    stem = file_stem(name) if name else "stdin"
    if isinstance(data, Mapping):
        if isinstance(data.get("articles"), list):
            data = data["articles"]
        else:
            yield record_to_article(data, label, fallback_id=stem, fallback_source=default_source)
            return
    if not isinstance(data, list):
        raise ItemError(
            "json", f"{label}: expected an article object or a list of them, got {type(data).__name__}"
        )
    for number, record in enumerate(data, start=1):
        where = f"{label}#{number}"
        try:
            yield record_to_article(
                record, where, fallback_id=f"{stem}-{number}", fallback_source=default_source
            )
        except ItemError as exc:
            yield Rejection(where, "ingest", exc.reason, str(exc))
