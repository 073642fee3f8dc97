"""Finding input files and turning their bytes into text.

``expand_items`` turns what a user typed (paths, folders, glob patterns,
``-``, URLs, ``Article`` objects) into a flat list of things to read;
``decode_bytes`` turns bytes into text or says precisely why it cannot;
``detect_format`` picks a reader, by file extension first and by sniffing
the content second.
"""

from __future__ import annotations

import codecs
import glob
import gzip
import io
import os
import re
import stat
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from newsfuse.errors import ItemError
from newsfuse.models import Article

__all__ = [
    "FORMATS",
    "InputFile",
    "NotFound",
    "Url",
    "Stdin",
    "decode_bytes",
    "detect_format",
    "expand_items",
    "file_stem",
    "gunzip",
    "is_wide_text",
    "read_limited",
]

# The readers, by name.  ``text`` also covers Markdown.
FORMATS = ("text", "html", "jsonl", "json", "feed")

_SUFFIX_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}

# A decoded text is "mostly non-text" when more than this share of its
# characters are control characters (other than tab and line breaks) or
# U+FFFD.  Real articles have none; 2% leaves room for a few stray bytes in a
# long page while any binary format (images, PDF streams, archives) is far above.
MAX_CONTROL_SHARE = 0.02

# Binary formats are full of NUL bytes; a text or page may hold a few stray
# ones (a trafilatura benchmark page has 22 in 190 kB).  Above this share
# of NULs the input is binary; below, they are dropped.
MAX_NUL_SHARE = 0.001

# A text is read as UTF-8 despite invalid bytes when they are at most this
# share of it and valid multi-byte characters outnumber them two to one.
MAX_BAD_UTF8_SHARE = 0.001

# UTF-16 without a byte order mark: at least this share of the bytes at odd
# (little endian) or even (big endian) offsets are NUL.  Latin text in UTF-16
# has close to 100%; binary formats rarely exceed 30%.
_UTF16_NUL_SHARE = 0.6

# How many bytes of a file to look at when sniffing its format or charset.
_SNIFF_BYTES = 4096

_CHARSET_META = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.\-]+)["']""")


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file to read; ``shown`` is how the user named it (relative paths stay relative)."""

    path: Path
    shown: str


@dataclass(frozen=True, slots=True)
class Url:
    """An http(s) address to fetch."""

    url: str


@dataclass(frozen=True, slots=True)
class Stdin:
    """Standard input (the item ``-``)."""


@dataclass(frozen=True, slots=True)
class NotFound:
    """A path or pattern that names nothing, or a folder that cannot be listed; it becomes a rejection.

    ``reason`` is the rejection's reason: ``not-found``, or ``unreadable``
    for a folder the user may not list (no permission).
    """

    item: str
    detail: str
    reason: str = "not-found"


def _folder_files(folder: Path, shown: str) -> Iterator[InputFile | NotFound]:
    """Yield the files under ``folder`` (sorted, hidden ones skipped), and each folder that cannot be listed.

    ``Path.rglob`` skips a folder it may not list without a word, so its
    files would vanish from the batch; ``os.walk`` reports it, and it
    becomes an ``unreadable`` rejection naming the folder.
    """
    unreadable: list[OSError] = []
    unseen: list[tuple[Path, OSError]] = []  # entries that cannot be looked at (a link into a locked folder)
    files = []
    for top, folders, names in os.walk(folder, onerror=unreadable.append):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in names:
            if name.startswith("."):
                continue
            path = Path(top, name)
            try:
                if path.is_file():
                    files.append(path)
            except OSError as exc:  # is_file lets a refused stat() out: one entry must not stop the batch
                unseen.append((path, exc))
    for error in unreadable:
        where = Path(error.filename) if error.filename else folder
        named = shown if where == folder else os.path.join(shown, str(where.relative_to(folder)))
        problem = (error.strerror or str(error)).lower()
        yield NotFound(named, f"{named}: cannot list this folder ({problem})", "unreadable")
    for path, error in unseen:
        named = os.path.join(shown, str(path.relative_to(folder)))
        problem = (error.strerror or str(error)).lower()
        yield NotFound(named, f"{named}: cannot read this file ({problem})", "unreadable")
    for path in sorted(files):
        yield InputFile(path, os.path.join(shown, str(path.relative_to(folder))))


def _has_glob(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def as_items(items: Iterable[object] | object) -> Iterable[object]:
    """Return ``items`` as inputs to read: one path, pattern, URL or article given alone is one input.

    A ``str`` is not read letter by letter (``"/news"`` would have read ``"/"``, the root folder, first).

    Example:
        >>> as_items("examples/seeds"), as_items(["a.txt", "b.txt"]), as_items(Path("a.txt")) == [Path("a.txt")]
        (['examples/seeds'], ['a.txt', 'b.txt'], True)
    """
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        return [items]
    return items


def expand_items(
    items: Iterable[object] | str | os.PathLike[str] | Article,
) -> Iterator[Article | InputFile | Url | Stdin | NotFound]:
    """Yield what to read for each item: files, URLs, stdin, articles, or not-found markers.

    Folders are read recursively in sorted order (hidden files and folders
    skipped); ``str`` items with ``*``, ``?`` or ``[`` are glob patterns
    (``**`` recurses).  ``Path`` objects are never treated as patterns.
    One path, pattern, URL or article given alone is one item (a ``str`` is
    not read letter by letter: ``"/news"`` would have read ``"/"``, the root
    folder, first).

    Raises:
        TypeError: for an item that is not a str, Path or Article (a
            programming error, so it stops the batch at once).

    Example:
        >>> [type(x).__name__ for x in expand_items(["-", "https://example.org/a"])]
        ['Stdin', 'Url']
    """
    for item in as_items(items):
        if isinstance(item, Article):
            yield item
            continue
        if isinstance(item, str):
            if item == "-":
                yield Stdin()
                continue
            if re.match(r"(?i)https?://", item):
                yield Url(item)
                continue
            if _has_glob(item) and not Path(item).exists():
                matches = sorted(glob.glob(item, recursive=True))
                if not matches:
                    yield NotFound(item, f"{item}: no file matches this pattern")
                for match in matches:
                    path = Path(match)
                    if path.is_dir():
                        yield from _folder_files(path, match)
                    elif path.is_file():
                        yield InputFile(path, match)
                continue
            path, shown = Path(item), item
        elif isinstance(item, os.PathLike):
            path = Path(item)
            shown = str(path)
        else:
            raise TypeError(
                "inputs must be paths, glob patterns, URLs, '-' or Article objects; "
                f"got {type(item).__name__} {item!r}"
            )
        try:
            mode = path.stat().st_mode
        except OSError as exc:  # missing, a name too long, no permission to look
            if isinstance(exc, FileNotFoundError):
                yield NotFound(shown, f"{shown}: no such file or folder")
            else:
                yield NotFound(shown, f"{shown}: {exc.strerror or exc}", "unreadable")
            continue
        if stat.S_ISDIR(mode):
            yield from _folder_files(path, shown)
        elif stat.S_ISREG(mode):
            yield InputFile(path, shown)
        else:
            yield NotFound(shown, f"{shown}: not a regular file or folder (a pipe or device); use - to read stdin")


def file_stem(name: str) -> str:
    """Return a file name without its folders and extensions (``a/b.html.gz`` → ``b``).

    Example:
        >>> file_stem("news/000_ab12.html.gz")
        '000_ab12'
    """
    base = os.path.basename(name.rstrip("/\\"))
    if base.lower().endswith(".gz"):
        base = base[:-3]
    stem, suffix = os.path.splitext(base)
    if suffix and stem and len(suffix) <= 9:
        return stem
    return base


def read_limited(stream: io.BufferedIOBase, max_bytes: int, name: str) -> bytes:
    """Return all bytes of ``stream``, or raise ``ItemError('too-large')`` past ``max_bytes``."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ItemError(
            "too-large",
            f"{name}: larger than ingest.max_bytes={max_bytes:,} bytes; "
            "raise ingest.max_bytes to read it",
        )
    return data


def gunzip(data: bytes, max_bytes: int, name: str) -> bytes:
    """Return gzip ``data`` decompressed, refusing more than ``max_bytes`` of output."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            return read_limited(stream, max_bytes, name)
    except (OSError, EOFError, zlib.error) as exc:
        raise ItemError("decode", f"{name}: not a valid gzip file ({exc})") from None


# Control characters (Unicode category Cc: U+0000-001F, U+007F-009F) other
# than tab and line breaks, and the replacement character U+FFFD.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def _control_share(text: str) -> float:
    """Return the share of ``text`` that is control characters (not tab or line breaks) or U+FFFD."""
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def _utf16_without_bom(data: bytes) -> str | None:
    """Return the encoding name when ``data`` looks like BOM-less UTF-16, else None."""
    sample = data[:_SNIFF_BYTES]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= _UTF16_NUL_SHARE * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) >= _UTF16_NUL_SHARE * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _declared_charset(data: bytes) -> str | None:
    """Return the charset an HTML ``<meta>`` or XML declaration names, when Python knows it."""
    head = data[:_SNIFF_BYTES]
    match = _CHARSET_META.search(head) or _XML_ENCODING.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # Pages that declare latin-1 almost always mean its superset cp1252
    # (as browsers assume; the WHATWG encoding standard maps one to the other).
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def _strip_bom(data: bytes) -> tuple[bytes, str | None]:
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom):], encoding
    return data, None


def is_wide_text(head: bytes) -> bool:
    r"""Return whether text starting with ``head`` is UTF-16 or UTF-32 (a byte order mark, or UTF-16's NULs).

    Such text cannot be split into lines at its newline bytes.

    Example:
        >>> is_wide_text("{}\n".encode("utf-16")), is_wide_text(b'{"id": 1}\n')
        (True, False)
    """
    encoding = _strip_bom(head)[1]
    return (encoding is not None and encoding != "utf-8") or _utf16_without_bom(head) is not None


def decode_bytes(data: bytes, name: str, *, use_declared_charset: bool = False) -> str:
    """Return ``data`` decoded to text, or raise ``ItemError`` saying why it is not text.

    The order: a byte order mark (UTF-8/16/32), BOM-less UTF-16, the charset
    an HTML/XML page declares (when ``use_declared_charset``), UTF-8 (also
    with a few stray invalid bytes, replaced by U+FFFD), then cp1252 and
    latin-1 (the usual encodings of older Western pages and text files).  Reasons: ``empty`` (no bytes or only white space), ``binary``
    (NUL bytes or mostly control characters), ``decode`` (no encoding fits).

    Example:
        >>> decode_bytes("café".encode("cp1252"), "menu.txt")
        'café'
    """
    if not data.strip():
        raise ItemError("empty", f"{name}: empty file, no text to read")
    body, encoding = _strip_bom(data)
    if encoding is None:
        encoding = _utf16_without_bom(data)
    if encoding is None and b"\x00" in data:
        if data.count(b"\x00") > MAX_NUL_SHARE * len(data):
            raise ItemError("binary", f"{name}: binary file (contains NUL bytes), not an article")
        body = body.replace(b"\x00", b"")  # a few stray NULs in a text or page
    candidates = [encoding] if encoding else []
    if not candidates and use_declared_charset:
        declared = _declared_charset(data)
        if declared:
            candidates.append(declared)
    candidates += ["utf-8", "cp1252", "latin-1"]
    problems = []
    for candidate in dict.fromkeys(candidates):
        try:
            text = body.decode(candidate)
        except (UnicodeDecodeError, LookupError) as exc:
            problems.append(f"{candidate}: {exc.reason if isinstance(exc, UnicodeDecodeError) else exc}")
            if candidate == "utf-8" and (loose := _mostly_utf8(body)) is not None:
                return loose
            continue
        if _control_share(text) > MAX_CONTROL_SHARE:
            if candidate == "latin-1":
                # latin-1 decodes any byte; control characters then mean the
                # bytes were never text in a Western encoding.
                break
            continue
        if not text.strip():
            raise ItemError("empty", f"{name}: empty file, no text to read")
        return text
    if _looks_binary(body):
        raise ItemError("binary", f"{name}: binary file (mostly non-text bytes), not an article")
    detail = "; ".join(problems[:2]) or "too many control characters"
    raise ItemError("decode", f"{name}: cannot decode the text as UTF-8, UTF-16 or cp1252 ({detail})")


def _mostly_utf8(data: bytes) -> str | None:
    """Return ``data`` as UTF-8 with its few bad bytes replaced, when it is UTF-8 with a few bad bytes.

    A UTF-8 file with one stray byte would otherwise be read as cp1252 and
    every accent in it turn into mojibake ("cafÃ©").
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    accents = sum(1 for ch in text if ord(ch) > 127) - bad
    if accents >= 2 * bad and bad <= MAX_BAD_UTF8_SHARE * len(text):
        return text
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:_SNIFF_BYTES]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > 0.1 * len(sample)


_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)


def _sniff(data: bytes) -> str:
    head = _strip_bom(data[:_SNIFF_BYTES])[0]
    if head[:1] in (b"\xff", b"\xfe") or b"\x00" in head[:64]:
        # UTF-16: look at the bytes without NULs, good enough to sniff.
        head = head.replace(b"\x00", b"")
    stripped = head.lstrip()
    if _FEED_ROOT.search(head[:2048]):
        return "feed"
    if _HTML_ROOT.search(head[:2048]):
        return "html"
    if stripped.startswith((b"{", b"[")):
        lines = [line for line in stripped.splitlines() if line.strip()]
        if len(lines) > 1 and all(line.lstrip().startswith(b"{") for line in lines[:3]) \
                and lines[0].rstrip().endswith(b"}"):
            return "jsonl"
        return "json"
    if stripped.startswith(b"<?xml"):
        return "feed"
    return "text"


def detect_format(name: str, data: bytes, content_type: str = "") -> str:
    """Return which reader fits: ``text``, ``html``, ``jsonl``, ``json`` or ``feed``.

    A known extension decides (``.txt``, ``.md``, ``.html``, ``.jsonl``,
    ``.json``, ``.xml``, ``.rss``, ``.atom``; ``.gz`` is looked through); an
    HTTP content type comes next; otherwise the first bytes are sniffed
    (plain text when nothing else fits).  A ``.txt`` file that is plainly an
    HTML page or a feed is read as one.

    Example:
        >>> detect_format("notes", b"<!DOCTYPE html><html><body>x</body></html>")
        'html'
        >>> detect_format("story.txt", b"Officials said on Monday...")
        'text'
    """
    base = os.path.basename(name).lower()
    if base.endswith(".gz"):
        base = base[:-3]
    suffix = os.path.splitext(base)[1]
    if suffix and not suffix[1:].isalpha():
        suffix = ""  # "2024.05" or "v1.2" are not extensions
    sniffed = _sniff(data)
    if suffix in _SUFFIX_FORMATS:
        fmt = _SUFFIX_FORMATS[suffix]
        if fmt == "text" and sniffed in ("html", "feed"):
            return sniffed
        if fmt == "feed" and sniffed == "html":
            return "html"
        if fmt == "json" and sniffed == "jsonl":
            return "jsonl"
        return fmt
    kind = content_type.split(";")[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml"):
        return "html"
    if kind.endswith(("rss+xml", "atom+xml", "rdf+xml")) or kind in ("application/xml", "text/xml"):
        return "feed" if sniffed != "html" else "html"
    if kind in ("application/x-ndjson", "application/jsonl", "application/jsonlines"):
        return "jsonl"
    if kind == "application/json":
        return "jsonl" if sniffed == "jsonl" else "json"
    return sniffed
