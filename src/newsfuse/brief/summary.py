"""The summary: whole key-point sentences, the best-supported first, within a word budget."""

from __future__ import annotations

import re
from typing import Sequence

from newsfuse.models import Evidence, Point
from newsfuse.text import count_words, word_spans

__all__ = ["build_summary", "trim_to_words"]

# A sentence cut to fit the budget ends at a clause boundary when one falls
# in the last half of the budget; otherwise at a word boundary.
_CLAUSE_BREAK = re.compile(r"[,;:]\s|\s[—–-]\s|—")
_TRAILING = " ,;:—–-\u00a0"


def trim_to_words(text: str, budget: int) -> int:
    """Return where to cut ``text`` so that ``text[:cut]`` has at most ``budget`` words.

    The cut falls at the last clause boundary (comma, semicolon, dash) in the
    second half of the budget, else after the last whole word; trailing
    punctuation is left out.  Nothing is added: the caller may show "…".

    Example:
        >>> text = "Putin proposed talks, the Kremlin said, and Kyiv answered with caution today."
        >>> text[: trim_to_words(text, 8)]
        'Putin proposed talks, the Kremlin said'
    """
    spans = word_spans(text)
    if len(spans) <= budget:
        return len(text.rstrip())
    if budget <= 0:
        return 0
    limit = spans[budget - 1][1]
    half = spans[max(0, budget // 2 - 1)][1]
    cut = limit
    for match in _CLAUSE_BREAK.finditer(text, 0, limit + 1):
        if half <= match.start() <= limit:
            cut = match.start()
    while cut > 0 and text[cut - 1] in _TRAILING:
        cut -= 1
    return cut


def build_summary(
    points: Sequence[Point], budget_words: int, texts: dict[str, str]
) -> tuple[str, tuple[Evidence, ...]]:
    """Return the summary and its evidence: one span per sentence, joined by one space.

    Points are taken in order (best-supported first); a point that does not
    fit is skipped for a shorter one after it.  When even the first does not
    fit alone, it is cut (``trim_to_words``) to a prefix of its own sentence.

    Args:
        points: candidate points, best first; their first evidence span is the sentence used.
        budget_words: the most words the summary may have.
        texts: article id -> clean text, to slice the spans.
    """
    pieces: list[str] = []
    evidence: list[Evidence] = []
    used = 0
    for point in points:
        first = point.evidence[0]
        sentence = texts[first.article][first.start : first.end]
        words_needed = count_words(sentence)
        if used + words_needed <= budget_words:
            pieces.append(sentence)
            evidence.append(first)
            used += words_needed
    if not pieces and points:
        first = points[0].evidence[0]
        sentence = texts[first.article][first.start : first.end]
        cut = trim_to_words(sentence, budget_words)
        if cut > 0:
            pieces.append(sentence[:cut])
            evidence.append(Evidence(first.article, first.start, first.start + cut))
    return " ".join(pieces), tuple(evidence)
