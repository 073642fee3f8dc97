"""The brief stage: one grounded brief per story.

Every statement of a brief is the words of a source: key points and unique
points are source sentences, disputes and quotes carry the spans of the words
they show, and the summary is whole source sentences.  ``check_grounded``
verifies that of any brief.

Example:
    >>> from newsfuse.brief import build_briefs, check_grounded
    >>> briefs = build_briefs(stories, articles_by_id, settings.brief)   # doctest: +SKIP
    >>> [check_grounded(b) for b in briefs]                                # doctest: +SKIP
    [[]]
"""

from newsfuse.brief.build import build_brief, build_briefs
from newsfuse.brief.grounding import check_grounded

__all__ = ["build_brief", "build_briefs", "check_grounded"]
