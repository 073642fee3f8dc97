"""Reading the dates that articles carry into ISO 8601.

News inputs write dates in a handful of ways: ISO (``2013-05-03``,
``2013-05-03T10:00:00Z``), month names (``May 3, 2013``, ``3 May 2013``,
``Tuesday, May 3, 2013 10:32 AM``), numbers (``5/3/2013``; ``05 / 03 / 2013`` in text
extracted span by span), RFC 2822 in feeds.  ``parse_date`` returns an ISO date (or
datetime when a time of day is given) or ``""``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

__all__ = ["CLOCK_WORDS", "DATE_LINE_WORDS", "article_day", "find_date", "parse_date"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
# Clock words and time zones: "10:30 a.m. ET", "2:00pm EDT".  Lower-cased, without the period.
CLOCK_WORDS = frozenset(
    "am pm a.m p.m et est edt ct cst cdt mt mst mdt pt pst pdt gmt utc bst cet cest ist aest jst".split()
)
# The words a line that only dates an article may hold besides its numbers: labels
# ("Published", "Last modified on"), clock words, weekdays and months, whole or abbreviated.
DATE_LINE_WORDS = (
    CLOCK_WORDS
    | frozenset(_MONTHS)
    | frozenset(
        """published updated posted on at date last modified created hrs hours monday tuesday
        wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun""".split()
    )
)
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = r"(?:,?\s*(?:at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d\d)(?::\d\d)?\s*(?P<ampm>[ap]\.?m\.?)?)?"

_ISO = re.compile(
    r"(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)"
    r"(?:[T ](?P<hour>\d\d):(?P<minute>\d\d)(?::(?P<second>\d\d)(?:\.\d+)?)?"
    r"(?P<zone>Z|[+-]\d\d:?\d\d)?)?"
)
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}", re.IGNORECASE)
_DAY_FIRST = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}{_TIME}", re.IGNORECASE)
_SLASHED = re.compile(r"\b(?P<year>(?:19|20)\d\d)/(?P<month>\d\d?)/(?P<day>\d\d?)\b")
# A date in numbers with the year last: "4/9/2007", "14 / 09 / 2013" (text extracted span by span
# puts spaces round the slashes).  A first number above 12 is the day, a second above 12 the day;
# when both could be the month the first is, as on most English-language pages and as
# dateutil reads it by default ("05 / 02 / 2013" is May 2).
_NUMERIC = re.compile(r"(?<![\d/])(?P<first>\d\d?)\s?/\s?(?P<second>\d\d?)\s?/\s?(?P<year>(?:19|20)\d\d)(?![\d/])")


def _build(year: str, month: str | int, day: str, hour: str | None = None,
           minute: str | None = None, ampm: str | None = None) -> str:
    number = _MONTHS[month.lower()] if isinstance(month, str) and not month.isdigit() else int(month)
    try:
        when = date(int(year), number, int(day))
    except ValueError:
        return ""
    if hour is None:
        return when.isoformat()
    hours = int(hour)
    if ampm:
        hours = hours % 12 + (12 if ampm.lower().startswith("p") else 0)
    if hours > 23 or int(minute or 0) > 59:
        return when.isoformat()
    return datetime(when.year, when.month, when.day, hours, int(minute or 0)).isoformat()


def find_date(text: str) -> str:
    """Return the first date written in ``text`` as ISO 8601, or ``""``.

    Example:
        >>> find_date("Published: Tuesday, May 3, 2013 10:32 PM ET")
        '2013-05-03T22:32:00'
        >>> find_date("Updated 4 / 9 / 2007 6: 04 PM"), find_date("Last updated 13: 26 14 / 09 / 2013")
        ('2007-04-09', '2013-09-14')
        >>> find_date("no date here")
        ''
    """
    match = _ISO.search(text)
    if match:
        groups = match.groupdict()
        day = _build(groups["year"], groups["month"], groups["day"])
        if day and groups["hour"] is not None:
            iso = match.group(0).replace(" ", "T")
            try:
                return datetime.fromisoformat(iso.replace("Z", "+00:00")).isoformat()
            except ValueError:
                return day
        return day
    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        match = pattern.search(text)
        if match:
            g = match.groupdict()
            return _build(g["year"], g["month"], g["day"], g.get("hour"), g.get("minute"), g.get("ampm"))
    match = _SLASHED.search(text)
    if match:
        return _build(match["year"], match["month"], match["day"])
    match = _NUMERIC.search(text)
    if match:
        first, second = int(match["first"]), int(match["second"])
        month, day = (second, first) if first > 12 else (first, second)
        return _build(match["year"], month, str(day))
    return ""


def parse_date(value: object) -> str:
    """Return ``value`` (a date string, RFC 2822 date or ``struct_time``) as ISO 8601, or ``""``.

    Example:
        >>> parse_date("Fri, 03 May 2013 10:00:00 +0000")
        '2013-05-03T10:00:00+00:00'
        >>> parse_date("3 May 2013")
        '2013-05-03'
    """
    if value is None or value == "":
        return ""
    if hasattr(value, "tm_year"):  # time.struct_time from feedparser, always UTC
        try:
            return datetime(*value[:6], tzinfo=timezone.utc).isoformat()  # type: ignore[index]
        except (TypeError, ValueError):
            return ""
    text = str(value).strip()
    if not text:
        return ""
    if re.match(r"^[A-Z][a-z]{2},\s", text):
        try:
            return parsedate_to_datetime(text).isoformat()
        except (TypeError, ValueError, IndexError):
            pass
    return find_date(text)


def article_day(value: str) -> int:
    """Return the day number (``date.toordinal()``) of an ISO date or datetime, or -1.

    Example:
        >>> article_day("2013-05-03T10:00:00Z") - article_day("2013-05-01")
        2
        >>> article_day("last week")
        -1
    """
    try:
        return date.fromisoformat(value.strip()[:10]).toordinal()
    except ValueError:
        return -1
