"""Ages written with a person's name: "Kevin Johnson, 25,", "66-year-old Frank Macomber", "Smith (25)".

News gives a person's age in a few fixed shapes: after the name between
commas (with "aged" or "age" at times) or in parentheses, or before it as
"N-year-old", with at most a few lower-case words between ("the 31-year-old
climber Robert Buckley").  ``find_ages`` reads those shapes around the name
mentions of one text; whether a mention is a person is for the caller to say
(``People``).  Everything here is regular expressions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from newsfuse.brief.names import NameMention

__all__ = ["AgeMention", "find_ages"]

# The oldest age taken at its word: larger numbers after a name are counts.
MAX_AGE = 119

# "Name, 25," / "Name, aged 25." / "Name (25)": the age ends at punctuation that
# closes it or at a word that goes on with the sentence about the person.  "of"
# and "in" are not among them: "Brady, 28 of 40 passes" is a count.
_AFTER = re.compile(
    r"(?:,\s*(?:aged?\s+)?|\s*\(\s*(?:aged?\s+)?)(?P<age>\d{1,3})"
    r"(?=\s*(?:[,;)]|\.(?!\d)|$)|\s+(?:and|who|was|is|has|had|were|are|said|says|told|died|dies)\b)"
)
# "66-year-old Frank Macomber", "the 31-year-old climber Robert Buckley".
_BEFORE = re.compile(r"\b(?P<age>\d{1,3})-year-old\s+(?:[a-z][\w'’-]*\s+){0,3}$")


@dataclass(frozen=True, slots=True)
class AgeMention:
    """An age given with a name: ``start``/``end`` span the name with its age as written,
    ``surface`` is the age's digits."""

    name: NameMention
    age: int
    start: int
    end: int
    surface: str


def find_ages(text: str, mentions: Sequence[NameMention]) -> list[AgeMention]:
    """Return the ages that ``text`` gives with its name mentions, in text order.

    Example:
        >>> from newsfuse.brief.names import scan_names
        >>> text = "Police said Kevin Johnson, 25, was arrested. The 66-year-old Frank Macomber died."
        >>> [(a.name.text, a.age, text[a.start:a.end]) for a in find_ages(text, scan_names(text))]
        [('Kevin Johnson', 25, 'Kevin Johnson, 25'), ('Frank Macomber', 66, '66-year-old Frank Macomber')]
    """
    found: list[AgeMention] = []
    for mention in mentions:
        after = _AFTER.match(text, mention.end)
        if after is not None:
            age, start, end, surface = int(after.group("age")), mention.title_start, after.end("age"), after.group("age")
        else:
            before = _BEFORE.search(text, max(0, mention.title_start - 60), mention.title_start)
            if before is None:
                continue
            age, start, end, surface = int(before.group("age")), before.start(), mention.end, before.group("age")
        if 0 < age <= MAX_AGE:
            found.append(AgeMention(mention, age, start, end, surface))
    return found
