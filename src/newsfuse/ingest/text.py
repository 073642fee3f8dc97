"""Reading plain-text and Markdown articles.

A news text file usually opens with a head: optional summary bullets, a
standfirst of one or two sentences, the headline, metadata lines
(``Source: ...``, ``Date: ...``, ``By Jane Doe | Reuters``), in varying order;
the body follows.  ``parse_text`` finds the headline and the metadata by the
*shape* of the lines (length, final punctuation, capitalisation, position,
being followed by body paragraphs) and leaves everything else in ``text``
for the cleaner.  The headline line and the metadata lines it read are taken
out of ``text``; a second copy of the headline stays there, and the cleaner
records it as ``repeated-headline``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsfuse.clean.shape import BULLET, HEADLINE_MAX_WORDS, is_headline_like
from newsfuse.ingest.dates import DATE_LINE_WORDS, find_date, parse_date
from newsfuse.models import Article
from newsfuse.text import count_words, split_sentences, words

__all__ = ["find_title", "parse_text", "read_head"]

# The headline is looked for among the first lines only: bullets and
# metadata lines do not count, and at most this many other lines (a
# standfirst of one or two sentences, a kicker) may stand before it.
MAX_LINES_BEFORE_TITLE = 3

# A line with this many words, or two or more sentences and more words than
# a headline has, is body text: the search for a headline stops there (a file
# that opens with body text has no headline).  Standfirsts are single
# sentences of 12-30 words; news ledes run 30-45 (BASIL's first paragraphs).
BODY_MIN_WORDS = 35

# A headline must be followed by body text: the next FOLLOW_LINES lines hold
# at least BODY_FOLLOW_WORDS words, one of them a sentence of 8+ words, so
# that a lone short line at the top of a list or a table is not taken for a
# headline.  (ECB+ texts have one short sentence per line: 25 words over
# three lines still holds for them.)
# The first line of a file is the usual place for a headline, so there 12
# words of sentences after it are enough (a short brief: headline, dateline,
# one sentence).
FOLLOW_LINES = 3
BODY_FOLLOW_WORDS = 25
FIRST_LINE_FOLLOW_WORDS = 12

# Metadata lines ("Label: value") are read in the first HEAD_LINES lines.
HEAD_LINES = 12

_LABELS = {
    "title": "title",
    "headline": "title",
    "source": "source",
    "outlet": "source",
    "publisher": "source",
    "publication": "source",
    "news source": "source",
    "agency": "source",
    "site": "source",
    "site name": "source",
    "date": "date",
    "published": "date",
    "published on": "date",
    "publication date": "date",
    "posted": "date",
    "posted on": "date",
    "updated": "date",
    "last updated": "date",
    "url": "url",
    "link": "url",
    "canonical": "url",
    "author": "author",
    "authors": "author",
    "by": "author",
    "byline": "author",
    "written by": "author",
}
_LABEL_LINE = re.compile(r"^(?P<label>[A-Za-z][A-Za-z ]{0,18}?)\s*:\s*(?P<value>\S.*)$")
_BY_PIPE = re.compile(r"^By\s+(?P<author>[^|｜]{2,80}?)\s*[|｜]\s*(?P<source>[^|｜]{2,60})$")
_MARKDOWN_HEADING = re.compile(r"^#{1,2}\s+(?P<title>\S.*?)\s*#*\s*$")
_FRONT_MATTER_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*)$")
_MAX_VALUE_WORDS = {"title": 40, "source": 12, "author": 16, "date": 14, "url": 1}


@dataclass
class Head:
    """What the head of a text file says: metadata fields and the lines they used."""

    fields: dict[str, str] = field(default_factory=dict)
    used_lines: set[int] = field(default_factory=set)


def _lines(text: str) -> list[tuple[int, str]]:
    """Return ``(line number, stripped line)`` for the non-blank lines of ``text``."""
    return [(n, line.strip()) for n, line in enumerate(text.splitlines()) if line.strip()]


def _front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    """Return the ``key: value`` pairs of a ``---`` front-matter block and the lines it spans."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    for end in range(1, min(len(lines), 60)):
        if lines[end].strip() in ("---", "..."):
            pairs = {}
            for line in lines[1:end]:
                match = _FRONT_MATTER_KEY.match(line.strip())
                if match:
                    pairs[match["key"].lower()] = match["value"].strip().strip("\"'")
            return pairs, end + 1
    return {}, 0


def _metadata(line: str) -> tuple[str, str] | list[tuple[str, str]] | None:
    """Return the metadata a line states (``("source", "Reuters")``), or None."""
    match = _BY_PIPE.match(line)
    if match:
        return [("author", match["author"].strip()), ("source", match["source"].strip())]
    match = _LABEL_LINE.match(line)
    if not match:
        return None
    name = _LABELS.get(" ".join(match["label"].lower().split()))
    value = match["value"].strip()
    if name is None or len(value.split()) > _MAX_VALUE_WORDS[name]:
        return None
    if name == "url" and not re.match(r"(?i)https?://\S+$", value):
        return None
    return name, value


def read_head(text: str) -> Head:
    """Return the metadata stated in the head of ``text`` (front matter and label lines).

    Example:
        >>> read_head("Source: Daily Planet\\nDate: May 3, 2013\\n\\nBody.").fields
        {'source': 'Daily Planet', 'date': 'May 3, 2013'}
    """
    raw = text.splitlines()
    head = Head()
    pairs, skip = _front_matter(raw)
    for key, value in pairs.items():
        name = _LABELS.get(key.replace("_", " "), key if key in ("title", "date", "url") else None)
        if name and value:
            head.fields.setdefault(name, value)
    head.used_lines.update(range(skip))
    seen = 0
    for number, line in enumerate(raw):
        if number < skip or not line.strip():
            continue
        seen += 1
        if seen > HEAD_LINES:
            break
        found = _metadata(line.strip())
        if found is None:
            continue
        for name, value in found if isinstance(found, list) else [found]:
            head.fields.setdefault(name, value)
        head.used_lines.add(number)
    return head


def _is_body(line: str) -> bool:
    size = count_words(line)
    return size >= BODY_MIN_WORDS or (size > HEADLINE_MAX_WORDS and len(split_sentences(line)) >= 2)


def _is_dateline(line: str) -> bool:
    """Return whether ``line`` is a date (and time) with at most a few label words."""
    if not find_date(line):
        return False
    rest = re.sub(r"(?i)\b(?:19|20)\d\d\b|\b\d{1,2}(?:st|nd|rd|th)?\b|[^\w\s]", " ", line)
    rest_words = [w for w in words(rest) if w.lower() not in DATE_LINE_WORDS]
    return len(rest_words) <= 2


def head_date(text: str) -> str:
    """Return the date of a dateline in the head of a plain-text article (ISO 8601), or ``""``.

    Pages copied as text often open on their date line ("Sunday, March 17,
    2013 | 5: 00 PM", "Updated: November 11, 2011 20:09 IST") with no
    ``Date:`` label; the search stops at the first body paragraph.

    Example:
        >>> head_date("August 17, 2011\\nCables Cut Near Egypt\\n" + "Two cables were cut on Tuesday. " * 4)
        '2011-08-17'
        >>> head_date("Cables Cut Near Egypt\\n" + "Two cables were cut on August 16, 2011. " * 4)
        ''
    """
    for _, line in _lines(text)[: MAX_LINES_BEFORE_TITLE + 3]:
        if _is_body(line):
            break
        if _is_dateline(line):
            return parse_date(line)
    return ""


def _has_unbalanced_quotes(line: str) -> bool:
    return line.count('"') % 2 == 1 or line.count("“") != line.count("”")


def _is_label(line: str) -> bool:
    """Return whether ``line`` is a ``Label:`` with or without a value (not a headline)."""
    return bool(re.match(r"^[A-Za-z][A-Za-z ]{0,18}:(\s|$)", line)) and count_words(line) <= 4 \
        or bool(re.match(r"^[A-Za-z][A-Za-z ]{0,18}:\s*$", line))


def _is_byline(line: str) -> bool:
    return bool(re.match(r"^(?:By|BY|Written by|Posted by|Reporting by)\s+[A-Z]", line)) \
        and count_words(line) <= 12


def find_title(text: str, skip_lines: frozenset[int] | set[int] = frozenset()) -> tuple[str, int | None]:
    """Return the headline of a plain-text article and its line number (``("", None)`` if none).

    Bullets, metadata lines and lines in ``skip_lines`` are passed over; at
    most ``MAX_LINES_BEFORE_TITLE`` other lines (standfirst sentences) may
    precede the headline, and the search stops at the first body paragraph.
    A Markdown ``#`` heading is taken at once.  The headline must have a
    headline's shape (see ``is_headline_like``) and be followed by body text.

    Example:
        >>> find_title("Talks Set to Resume in Geneva\\n" + "The two sides said on Monday they would meet. " * 3)
        ('Talks Set to Resume in Geneva', 0)
        >>> find_title("The two sides said on Monday that they would meet again in Geneva next week. Officials agreed.")
        ('', None)
    """
    lines = [(n, line) for n, line in _lines(text) if n not in skip_lines]
    before = 0
    for position, (number, line) in enumerate(lines):
        heading = _MARKDOWN_HEADING.match(line)
        if heading:
            return heading["title"], number
        if BULLET.match(line) or _is_label(line) or _is_byline(line):
            continue
        if _is_body(line):
            return "", None
        if (
            is_headline_like(line)
            and not _is_dateline(line)
            and not _has_unbalanced_quotes(line)
            and _followed_by_body(lines, position, is_first=position == 0)
        ):
            return line, number
        before += 1
        if before > MAX_LINES_BEFORE_TITLE:
            break
    return "", None


def _followed_by_body(lines: list[tuple[int, str]], position: int, is_first: bool) -> bool:
    following = [line for _, line in lines[position + 1 : position + 1 + FOLLOW_LINES]]
    needed = FIRST_LINE_FOLLOW_WORDS if is_first else BODY_FOLLOW_WORDS
    return sum(count_words(line) for line in following) >= needed and any(
        count_words(line) >= 8 and split_sentences(line) for line in following
    )


def _drop_lines(text: str, numbers: set[int]) -> str:
    if not numbers:
        return text
    kept = [line for n, line in enumerate(text.splitlines()) if n not in numbers]
    return "\n".join(kept).strip("\n")


def parse_text(
    text: str,
    name: str = "",
    *,
    origin: str = "",
    default_source: str = "",
) -> Article:
    """Return the article in a plain-text or Markdown document.

    ``id`` and, when no metadata names the outlet, ``source`` come from the
    file name stem (then ``default_source``).  ``title`` is ``""`` when the
    text has no headline.  ``text`` keeps everything but the headline line
    and the metadata lines read into fields.

    Args:
        name: the file name or path the text came from ("" for stdin).
        origin: where it was read from (defaults to ``name``).
        default_source: the outlet when neither metadata nor ``name`` gives one.

    Example:
        >>> a = parse_text("Council Backs Budget\\n" + "The council approved the plan on Monday. " * 4, "daily.txt")
        >>> a.title, a.source, a.id
        ('Council Backs Budget', 'daily', 'daily')
    """
    from newsfuse.ingest.files import file_stem

    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    head = read_head(text)
    fields = head.fields
    used = set(head.used_lines)
    title = fields.get("title", "")
    if not title:
        title, number = find_title(text, used)
        if number is not None:
            used.add(number)
    stem = file_stem(name) if name else ""
    extra = {}
    if fields.get("author"):
        extra["author"] = fields["author"]
    date = parse_date(fields.get("date", "")) if fields.get("date") else head_date(text)
    if fields.get("date") and not date:
        extra["date_text"] = fields["date"]
    return Article(
        id=stem or "text",
        source=fields.get("source") or stem or default_source,
        title=title.strip(),
        text=_drop_lines(text, used),
        url=fields.get("url", ""),
        date=date,
        origin=origin or name,
        extra=extra,
    )

