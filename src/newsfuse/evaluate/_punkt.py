"""A tokenizer for sumy that needs no NLTK data.

sumy's own ``Tokenizer("english")`` loads NLTK's ``punkt_tab`` model, which
is not installed with NLTK and cannot be downloaded at run time.  The
baselines do not need it: they are given the sentences of newsfuse's clean
articles (``CleanArticle.sentences``), so every summarizer chooses among the
same sentences, and words are cut with ``newsfuse.text.words``.
"""

from __future__ import annotations

from newsfuse.text import split_sentences, words

__all__ = ["Tokenizer"]


class Tokenizer:
    """A sumy tokenizer: ``to_sentences`` and ``to_words`` for English text.

    Example:
        >>> Tokenizer().to_words("The talks, in Geneva, resumed.")
        ('The', 'talks', 'in', 'Geneva', 'resumed')
    """

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """Return the sentences of ``paragraph`` (newsfuse's splitter)."""
        return tuple(paragraph[a:b] for a, b in split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Return the words of ``sentence``: letters and digits, inner apostrophes kept."""
        return tuple(words(sentence))
