"""newsfuse: many outlets' coverage in, one grounded, cross-checked brief per story out.

Example:
    >>> import newsfuse
    >>> briefs = newsfuse.fuse(["examples/seeds"])          # doctest: +SKIP
    >>> print(briefs[0].headline)                           # doctest: +SKIP
"""

from newsfuse.config import Settings, load_settings
from newsfuse.errors import ConfigError, InputError, ItemError, MissingExtraError, NewsfuseError, StoreError
from newsfuse.models import (
    Article,
    Brief,
    CleanArticle,
    Dispute,
    Entity,
    Evidence,
    Point,
    Quote,
    QuoteVersion,
    Rejection,
    Removal,
    Sentence,
    Story,
    Version,
)
from newsfuse.pipeline import Report, Result, fuse, run

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Brief",
    "CleanArticle",
    "ConfigError",
    "Dispute",
    "Entity",
    "Evidence",
    "InputError",
    "ItemError",
    "MissingExtraError",
    "NewsfuseError",
    "Point",
    "Quote",
    "QuoteVersion",
    "Rejection",
    "Removal",
    "Report",
    "Result",
    "Sentence",
    "Settings",
    "Story",
    "StoreError",
    "Version",
    "__version__",
    "fuse",
    "load_settings",
    "run",
]
