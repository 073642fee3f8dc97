"""Exceptions raised by newsfuse.

Misuse and bad configuration raise at once.  Bad *items* (an unreadable file,
an empty article) do not raise out of a batch: stages record a ``Rejection``
instead.  ``ItemError`` is how a per-item function tells its stage why.
"""

from __future__ import annotations


class NewsfuseError(Exception):
    """Base class: the CLI prints its message as ``Error: ...`` and exits 1."""


class ConfigError(NewsfuseError, ValueError):
    """A setting has a value outside its allowed range, or a config file is bad."""


class InputError(NewsfuseError):
    """A path, URL or argument given by the user cannot be used at all."""


class StoreError(NewsfuseError):
    """The store cannot be opened, or an object is not in it."""


class MissingExtraError(NewsfuseError, ImportError):
    """An optional dependency is not installed; the message names the extra."""

    def __init__(self, package: str, extra: str) -> None:
        super().__init__(
            f"{package} is not installed; install it with: pip install 'newsfuse[{extra}]'"
        )
        self.package = package
        self.extra = extra


class ItemError(NewsfuseError):
    """One item (file, line, article) cannot be used; the batch goes on.

    ``reason`` is a short key (``empty``, ``binary``, ``decode``, ``json``...),
    the message a sentence for people.
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
