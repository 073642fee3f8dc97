"""Ingest: files, folders, globs, stdin, URLs and feeds in; ``Article`` objects out.

Readers, chosen by file extension and then by sniffing the content:
plain text and Markdown (``parse_text``), HTML pages (``parse_html``, with
trafilatura), JSON Lines and JSON (``parse_json_lines``, ``parse_json``),
RSS/Atom feeds (``parse_feed``).  Each is a pure function that tests call
directly; ``read_inputs`` runs them over a batch and rejects bad items with
a reason instead of raising.

Example:
    >>> from newsfuse.ingest import parse_text
    >>> parse_text("Council Backs Budget\\n" + "The council approved it on Monday. " * 4, "daily.txt").title
    'Council Backs Budget'
"""

from newsfuse.ingest.dates import find_date, parse_date
from newsfuse.ingest.feed import parse_feed
from newsfuse.ingest.fetch import Fetched, fetch_url, make_client, user_agent
from newsfuse.ingest.files import decode_bytes, detect_format, expand_items, file_stem
from newsfuse.ingest.html import extract_body, html_to_text, parse_html
from newsfuse.ingest.jsonl import parse_json, parse_json_lines, record_to_article
from newsfuse.ingest.read import parse_bytes, read_inputs
from newsfuse.ingest.text import find_title, parse_text

__all__ = [
    "Fetched",
    "decode_bytes",
    "detect_format",
    "expand_items",
    "extract_body",
    "fetch_url",
    "file_stem",
    "find_date",
    "find_title",
    "html_to_text",
    "make_client",
    "parse_bytes",
    "parse_date",
    "parse_feed",
    "parse_html",
    "parse_json",
    "parse_json_lines",
    "parse_text",
    "read_inputs",
    "record_to_article",
    "user_agent",
]
