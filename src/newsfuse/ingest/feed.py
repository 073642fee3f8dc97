"""Reading RSS and Atom feeds with feedparser.

Each entry with content or a summary becomes an ``Article`` (its HTML made
plain text, one line per paragraph); an entry with neither becomes a
``Rejection`` (fetching entry pages is the fetcher's job, see
``newsfuse.ingest.fetch``).
"""

from __future__ import annotations

from typing import Any, Iterator

from newsfuse.errors import ItemError
from newsfuse.ingest.dates import parse_date
from newsfuse.ingest.html import html_to_text, site_from_url, strip_site_name
from newsfuse.models import Article, Rejection

__all__ = ["parse_feed", "read_feed"]


def _entry_text(entry: Any) -> str:
    """Return the longest of an entry's contents, else its summary, as plain text."""
    bodies = [c.get("value", "") for c in entry.get("content", []) or [] if c.get("value")]
    body = max(bodies, key=len) if bodies else entry.get("summary", "") or ""
    return html_to_text(body)


def read_feed(data: bytes | str, label: str) -> Any:
    """Return feedparser's reading of ``data``, which has entries; ``label`` names it in errors.

    The one wording of a feed that cannot be read, for files, URLs and
    ``watch``.

    Raises:
        ItemError: ``feed``: the data is not a feed ("not an RSS/Atom feed with
            entries (not well-formed XML: syntax error)"), or a feed that
            lists nothing ("the feed has no entries, nothing to read").

    Example:
        >>> read_feed(b'<rss version="2.0"><channel><title>Daily</title></channel></rss>', "daily.rss")
        Traceback (most recent call last):
        ...
        newsfuse.errors.ItemError: daily.rss: the feed has no entries, nothing to read
    """
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # noqa: BLE001 - feedparser on a corrupt XML declaration (ValueError, UnicodeError...)
        raise ItemError("feed", f"{label}: not a readable feed ({type(exc).__name__}: {exc})") from None
    if not parsed.get("entries"):
        problem = parsed.get("bozo_exception")
        if parsed.get("version") and not problem:
            # A well-formed feed that lists nothing (yet): not a broken file.
            raise ItemError("feed", f"{label}: the feed has no entries, nothing to read")
        why = f" ({problem})" if problem else ""
        if hasattr(problem, "getMessage"):
            # expat's "<unknown>:2:0: syntax error": its line counts what feedparser
            # feeds it, not the file's lines (one-line input is "line 2"), so it is left out.
            why = f" (not well-formed XML: {problem.getMessage()})"
        raise ItemError("feed", f"{label}: not an RSS/Atom feed with entries{why}")
    return parsed


def parse_feed(
    data: bytes | str,
    name: str = "",
    *,
    url: str = "",
    default_source: str = "",
) -> Iterator[Article | Rejection]:
    """Yield an ``Article`` per feed entry with text, a ``Rejection`` per entry without.

    ``source`` is the entry's own source title, else the feed's title, else
    the host of the feed's link, else the file stem or ``default_source``.
    ``id`` is the entry's id, else its link, else ``<stem>-<n>``.

    Raises:
        ItemError: ``feed`` when the input is not a feed with entries.

    Example:
        >>> rss = (b'<rss version="2.0"><channel><title>Daily</title><item><title>Budget passes</title>'
        ...        b'<link>https://daily.example/1</link><description>&lt;p&gt;The council voted.&lt;/p&gt;'
        ...        b'</description></item></channel></rss>')
        >>> [(a.source, a.title, a.text) for a in parse_feed(rss, "daily.rss")]
        [('Daily', 'Budget passes', 'The council voted.')]
    """
    from newsfuse.ingest.files import file_stem

    label = name or url or "<stdin>"
    parsed = read_feed(data, label)
    entries = parsed["entries"]
    feed = parsed.get("feed", {})
    stem = file_stem(name) if name else ""
    feed_source = (
        (feed.get("title") or "").strip()
        or site_from_url(feed.get("link", "") or url)
        or stem
        or default_source
    )
    for number, entry in enumerate(entries, start=1):
        where = f"{label}#{number}"
        link = entry.get("link", "") or ""
        text = _entry_text(entry)
        if not text.strip():
            yield Rejection(
                where, "ingest", "no-text",
                f"{where}: feed entry {entry.get('title', '')!r} has no content or summary "
                "(fetch its page to read it)",
            )
            continue
        source_info = entry.get("source") or {}
        # The entry's own keys (``dict.get``): feedparser answers a missing
        # "updated" with "published" and a deprecation warning.
        date = parse_date(dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")) or parse_date(
            dict.get(entry, "published") or dict.get(entry, "updated") or ""
        )
        extra = {}
        if entry.get("author"):
            extra["author"] = entry["author"]
        if entry.get("tags"):
            extra["tags"] = [t.get("term") for t in entry["tags"] if t.get("term")]
        entry_source = (source_info.get("title") or "").strip()
        # The site's name to take off the title: never the file's stem.
        named = entry_source or (feed.get("title") or "").strip() or site_from_url(link)
        yield Article(
            id=entry.get("id") or link or f"{stem or 'feed'}-{number}",
            source=entry_source or feed_source,
            title=strip_site_name(html_to_text(entry.get("title", "") or "").replace("\n", " "), named),
            text=text,
            url=link,
            date=date,
            origin=where,
            extra=extra,
        )
