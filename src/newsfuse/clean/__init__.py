"""Clean: remove what is not the story, and record every removal with its reason.

Reasons: ``related-links``, ``call-to-action``, ``repeated-headline``,
``repeated-paragraph``, ``empty-metadata``, ``navigation``, ``share``,
``byline``, ``dateline-only``, ``transcript-note``.  Pages that are not news articles are
rejected (``not-an-article``), as are articles left too short
(``too-short``).  Rules judge the *shape* of lines and blocks and the
vocabulary of page furniture, never particular outlets' strings.

Example:
    >>> from newsfuse.models import Article
    >>> from newsfuse.clean import clean_article
    >>> body = "Date:\\n" + "The council approved the budget on Monday. " * 6
    >>> [r.reason for r in clean_article(Article(id="a", source="s", title="t", text=body)).removed]
    ['empty-metadata']
"""

from newsfuse.clean.article import REASONS, clean_article, clean_paragraphs, split_paragraphs
from newsfuse.clean.junk import is_ui_sentence, not_an_article
from newsfuse.clean.rules import paragraph_reason

__all__ = [
    "REASONS",
    "clean_article",
    "clean_paragraphs",
    "is_ui_sentence",
    "not_an_article",
    "paragraph_reason",
    "split_paragraphs",
]
