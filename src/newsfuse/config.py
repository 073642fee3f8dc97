"""Settings: one tree of validated dataclasses.

Precedence: code defaults < TOML file (only the keys it sets) < ``NEWSFUSE_*``
environment variables (``NEWSFUSE_CLUSTER__SIMILARITY_THRESHOLD=0.3``) < CLI
flags.  Settings are passed explicitly; there are no globals.

Each stage owns one section.  Tuned constants carry a note on how they were
chosen and which evaluation to re-run after changing them.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from newsfuse.errors import ConfigError


def _check_range(name: str, value: float, low: float, high: float) -> None:
    if not low <= value <= high:
        raise ConfigError(f"{name} must be in [{low}, {high}], got {value}")


@dataclass(frozen=True, slots=True)
class IngestSettings:
    """Reading files, feeds and pages."""

    default_source: str = ""  # outlet when neither metadata nor file name gives one
    max_bytes: int = 20_000_000  # larger inputs are rejected as too-large
    timeout_s: float = 20.0  # network fetches (feeds, pages)

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(f"ingest.max_bytes must be > 0, got {self.max_bytes}")
        if self.timeout_s <= 0:
            raise ConfigError(f"ingest.timeout_s must be > 0, got {self.timeout_s}")


@dataclass(frozen=True, slots=True)
class CleanSettings:
    """Removing noise from article bodies."""

    min_words: int = 25  # an article with fewer clean words is rejected as too-short

    def __post_init__(self) -> None:
        if self.min_words < 0:
            raise ConfigError(f"clean.min_words must be >= 0, got {self.min_words}")


@dataclass(frozen=True, slots=True)
class DedupSettings:
    """Near-duplicate (syndicated copy) detection with MinHash LSH."""

    num_perm: int = 128
    shingle_words: int = 5
    similarity_threshold: float = 0.6  # estimated Jaccard of word shingles
    seed: int = 1

    def __post_init__(self) -> None:
        _check_range("dedup.similarity_threshold", self.similarity_threshold, 0.0, 1.0)
        if self.num_perm < 16:
            raise ConfigError(f"dedup.num_perm must be >= 16, got {self.num_perm}")
        if self.shingle_words < 1:
            raise ConfigError(f"dedup.shingle_words must be >= 1, got {self.shingle_words}")


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """Grouping articles into stories."""

    similarity_threshold: float = 0.3

    def __post_init__(self) -> None:
        _check_range("cluster.similarity_threshold", self.similarity_threshold, 0.0, 1.0)


@dataclass(frozen=True, slots=True)
class BriefSettings:
    """Writing briefs."""

    summary_words: int = 60
    max_key_points: int = 8
    max_unique_per_source: int = 3
    ner: str = "auto"  # "spacy", "rules", or "auto" (spacy when its model is installed)

    def __post_init__(self) -> None:
        if self.summary_words < 1:
            raise ConfigError(f"brief.summary_words must be >= 1, got {self.summary_words}")
        if self.max_key_points < 1:
            raise ConfigError(f"brief.max_key_points must be >= 1, got {self.max_key_points}")
        if self.ner not in ("auto", "spacy", "rules"):
            raise ConfigError(f"brief.ner must be one of auto, spacy, rules; got {self.ner!r}")


@dataclass(frozen=True, slots=True)
class Settings:
    """All of newsfuse's settings."""

    ingest: IngestSettings = field(default_factory=IngestSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    dedup: DedupSettings = field(default_factory=DedupSettings)
    cluster: ClusterSettings = field(default_factory=ClusterSettings)
    brief: BriefSettings = field(default_factory=BriefSettings)

    def replace(self, **sections: Mapping[str, Any]) -> "Settings":
        """Return a copy with some keys of some sections changed.

        Example:
            >>> Settings().replace(brief={"summary_words": 40}).brief.summary_words
            40
        """
        return _merge(self, sections, "settings")

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """Return the settings as nested plain dicts."""
        return dataclasses.asdict(self)


def _coerce(value: Any, current: Any, name: str) -> Any:
    """Convert ``value`` (from TOML or the environment) to the type of ``current``."""
    kind = type(current)
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    try:
        if kind is bool:
            if isinstance(value, str) and value.lower() in ("1", "true", "yes", "on"):
                return True
            if isinstance(value, str) and value.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError
        if kind is int and isinstance(value, float):
            raise ValueError
        return kind(value)
    except (TypeError, ValueError):
        raise ConfigError(
            f"{name} must be of type {kind.__name__}, got {value!r}"
        ) from None


def _merge(obj: Any, updates: Mapping[str, Any], prefix: str) -> Any:
    if not isinstance(updates, Mapping):
        raise ConfigError(f"{prefix} must be a table of keys, got {updates!r}")
    known = {f.name: f for f in dataclasses.fields(obj)}
    changes: dict[str, Any] = {}
    for key, value in updates.items():
        name = f"{prefix}.{key}" if prefix != "settings" else key
        if key not in known:
            raise ConfigError(
                f"unknown setting {name!r}; known: {', '.join(sorted(known))}"
            )
        current = getattr(obj, key)
        if dataclasses.is_dataclass(current):
            changes[key] = _merge(current, value, name)
        else:
            changes[key] = _coerce(value, current, name)
    return dataclasses.replace(obj, **changes)


def _env_updates(env: Mapping[str, str]) -> dict[str, dict[str, str]]:
    updates: dict[str, dict[str, str]] = {}
    for key, value in env.items():
        if not key.startswith("NEWSFUSE_") or "__" not in key:
            continue
        section, _, name = key[len("NEWSFUSE_"):].lower().partition("__")
        updates.setdefault(section, {})[name] = value
    return updates


def load_settings(
    path: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
) -> Settings:
    """Return the effective settings: defaults < TOML file < environment < overrides.

    Args:
        path: a TOML file with ``[section]`` tables; None for none.
        env: the environment to read ``NEWSFUSE_SECTION__KEY`` variables from
            (``os.environ`` when None).
        overrides: ``{"section": {"key": value}}`` from the command line.

    Example:
        >>> load_settings(env={"NEWSFUSE_BRIEF__SUMMARY_WORDS": "40"}).brief.summary_words
        40
    """
    settings = Settings()
    if path is not None:
        file = Path(path)
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file {file} does not exist") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"config file {file} is not valid TOML: {exc}") from None
        settings = _merge(settings, data, "settings")
    settings = _merge(settings, _env_updates(os.environ if env is None else env), "settings")
    if overrides:
        settings = _merge(settings, overrides, "settings")
    return settings
