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
    # Processes that clean a large batch (0: one per CPU, at most 4; 1: no worker processes).
    workers: int = 0

    def __post_init__(self) -> None:
        if self.min_words < 0:
            raise ConfigError(f"clean.min_words must be >= 0, got {self.min_words}")
        if not 0 <= self.workers <= 64:
            raise ConfigError(f"clean.workers must be in [0, 64] (0: one per CPU), got {self.workers}")


@dataclass(frozen=True, slots=True)
class DedupSettings:
    """Near-duplicate (syndicated copy) detection with MinHash LSH (``newsfuse.dedup``).

    ``similarity_threshold`` is the least estimated Jaccard similarity of
    the ``shingle_words``-word shingles of two bodies.  0.45 was chosen with
    ``evaluate_duplicates`` on ecbplus, basil and multinews (an article vs
    a lightly edited copy of it, against different articles of one story):
    precision 0.999 (one false pair, joined through a chain of wire
    copies), recall 0.955; the most similar negatives (0.43) are partial
    wire copies sharing half their text.  At 0.6 recall falls to 0.90: in a
    short article two changed words touch a third of the shingles.  Re-run
    ``evaluate_duplicates`` after a change.
    """

    num_perm: int = 128
    shingle_words: int = 5
    similarity_threshold: float = 0.45
    seed: int = 1

    def __post_init__(self) -> None:
        _check_range("dedup.similarity_threshold", self.similarity_threshold, 0.0, 1.0)
        if self.num_perm < 16:
            raise ConfigError(f"dedup.num_perm must be >= 16, got {self.num_perm}")
        if self.shingle_words < 1:
            raise ConfigError(f"dedup.shingle_words must be >= 1, got {self.shingle_words}")


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """Grouping articles into stories (batch clustering, ``newsfuse.cluster``).

    ``similarity_threshold`` is the least average similarity (weighted TF-IDF
    cosines x date factor) at which average linkage joins two groups;
    ``split_threshold`` the normalised cut below which a group is split in
    two tightly knit stories (0 turns splitting off).  Both were chosen
    together, one setting for all of the dev sets (ecbplus subtopics, basil,
    multinews, all three mixed) by B-cubed F1; re-run
    ``newsfuse eval cluster`` on them after a change.  ``neighbours`` is how
    many nearest neighbours per article the similarity graph keeps.
    Dense sentence embeddings (all-MiniLM-L6-v2) blended into this graph were
    tried and lowered B-cubed F1 on every dev set while costing ~80x the time
    (docs/history.md, "Clustering"), so the features stay lexical; so was a
    logistic model of same-story pairs in place of the hand-set weights
    (lower on every file, docs/history.md).  ``similarity_threshold`` 0.085 was
    chosen leave one file out (each of ECB+, BASIL and Multi-News held out,
    the other two choose 0.085 of 0.07-0.11); 0.08-0.095 all beat the
    former 0.1 on every file.
    """

    similarity_threshold: float = 0.085
    split_threshold: float = 0.9
    neighbours: int = 50

    def __post_init__(self) -> None:
        _check_range("cluster.similarity_threshold", self.similarity_threshold, 0.0, 1.0)
        _check_range("cluster.split_threshold", self.split_threshold, 0.0, 2.0)
        if not 1 <= self.neighbours <= 10_000:
            raise ConfigError(f"cluster.neighbours must be in [1, 10000], got {self.neighbours}")


@dataclass(frozen=True, slots=True)
class BriefSettings:
    """Writing briefs."""

    summary_words: int = 60
    max_key_points: int = 8
    max_unique_per_source: int = 3
    ner: str = "auto"  # "spacy", "rules", or "auto" (spacy when its model is installed)
    # Sentences per story spaCy may read: one for each name the rules can type
    # only by its shape, the most mentioned first.  spaCy reads ~300 news
    # sentences/s on one core, so 8 cost ~0.03 s a story (~90 s of CPU for
    # 3,000 stories); 0 types entities by rules alone.
    ner_max_sentences: int = 8
    # A lead headline (no source has a title) over this many words is cut at a
    # clause boundary that spaCy's parse shows is safe (brief.headline); 0 keeps
    # every lead whole, as does ner = "rules" (no spaCy at all).
    headline_words: int = 25
    # A lead headline over this many words is cut shorter, within it, where a
    # cut fits (a closing "in ..."/"at ..." phrase may go too, or another
    # outlet's lead of the same fact heads the brief); where none fits, the
    # lead is cut to headline_words as before.  0 (or a value not below
    # headline_words) cuts only to headline_words.
    headline_target_words: int = 16
    # Processes that build briefs: 0 picks one per CPU (at most 4) for large
    # batches, 1 keeps all work in this process.
    workers: int = 0

    def __post_init__(self) -> None:
        if self.summary_words < 1:
            raise ConfigError(f"brief.summary_words must be >= 1, got {self.summary_words}")
        if self.max_key_points < 1:
            raise ConfigError(f"brief.max_key_points must be >= 1, got {self.max_key_points}")
        if self.max_unique_per_source < 0:
            raise ConfigError(
                f"brief.max_unique_per_source must be >= 0, got {self.max_unique_per_source}"
            )
        if self.ner not in ("auto", "spacy", "rules"):
            raise ConfigError(f"brief.ner must be one of auto, spacy, rules; got {self.ner!r}")
        if self.ner_max_sentences < 0:
            raise ConfigError(
                f"brief.ner_max_sentences must be >= 0, got {self.ner_max_sentences}"
            )
        if self.headline_words < 0:
            raise ConfigError(
                f"brief.headline_words must be >= 0 (0 keeps lead headlines whole), got {self.headline_words}"
            )
        if self.headline_target_words < 0:
            raise ConfigError(
                f"brief.headline_target_words must be >= 0 (0 cuts only to headline_words), "
                f"got {self.headline_target_words}"
            )
        if self.workers < 0:
            raise ConfigError(f"brief.workers must be >= 0 (0 picks automatically), got {self.workers}")


# When ``newsfuse ingest`` regroups the store afterwards (``StoreSettings.regroup_on_ingest``).
REGROUP_ON_INGEST = ("auto", "always", "never")


@dataclass(frozen=True, slots=True)
class StoreSettings:
    """The SQLite store that ``newsfuse ingest``, ``stories`` and ``show`` use."""

    db_path: str = ""  # "" means $XDG_DATA_HOME/newsfuse/newsfuse.db (~/.local/share/...)
    # Articles per transaction: a crash loses at most one batch (a re-run adds
    # it again).  Each commit writes every page its batch dirtied, and the
    # near-copy bands alone dirty ~2,700 pages per 200 articles at 90k stored
    # (random keys): 1000 per batch writes ~14.5k pages per 1000 articles,
    # not ~27k; ingest at 90-100k stored: 458-460 articles/s against 418-447
    # with 200 (three runs each, a batch's chunks queued for the workers).
    batch_size: int = 1000
    busy_timeout_s: float = 60.0  # how long a writer waits for another one to commit
    workers: int = 0  # processes that clean articles during ingest (0: one per CPU, at most 4)
    # After an ingest, regroup the whole store by batch clustering (as
    # ``newsfuse regroup``): "auto" when the ingest added at least as many
    # articles as were stored before it (the store at least doubled: a first
    # bulk load, an early catch-up), "always" after every ingest that added
    # one, "never".  Batch clustering groups better than one-at-a-time
    # assignment (B-cubed F1 on ECB+ / Multi-News loaded into an empty store:
    # 0.905 / 0.868 streamed, 0.941 / 0.929 regrouped), and with "auto" a
    # regroup costs about the articles stored, which at least doubled since the
    # last one, so regroups stay within a constant factor of the ingest work.
    regroup_on_ingest: str = "auto"

    def __post_init__(self) -> None:
        if self.regroup_on_ingest not in REGROUP_ON_INGEST:
            raise ConfigError(
                f"store.regroup_on_ingest must be one of {', '.join(REGROUP_ON_INGEST)}, got {self.regroup_on_ingest!r}"
            )
        if not 1 <= self.batch_size <= 100_000:
            raise ConfigError(f"store.batch_size must be in [1, 100000], got {self.batch_size}")
        if not 0 <= self.workers <= 64:
            raise ConfigError(f"store.workers must be in [0, 64] (0: one per CPU), got {self.workers}")
        if self.busy_timeout_s < 0:
            raise ConfigError(f"store.busy_timeout_s must be >= 0, got {self.busy_timeout_s}")


@dataclass(frozen=True, slots=True)
class StreamSettings:
    """Assigning arriving articles to stories one at a time (the store's clustering)."""

    # Cosine of an article's TF-IDF vector with a story's centroid (x a date
    # factor) needed to join it.  With stories split as they grow
    # (newsfuse.cluster.stream), 0.14 gave the best streaming B-cubed F1 on each
    # of ecbplus, basil, multinews and the three mixed, in file and in shuffled
    # order (0.12 to 0.16 are within 0.01); check with
    # `python -m newsfuse.evaluate.cluster FILES... --mixed` (newsfuse-stream).
    similarity_threshold: float = 0.14
    window_days: float = 0.0  # join only stories active this close in time (0: no limit)

    def __post_init__(self) -> None:
        _check_range("stream.similarity_threshold", self.similarity_threshold, 0.0, 1.0)
        if self.window_days < 0:
            raise ConfigError(f"stream.window_days must be >= 0, got {self.window_days}")


@dataclass(frozen=True, slots=True)
class Settings:
    """All of newsfuse's settings."""

    ingest: IngestSettings = field(default_factory=IngestSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    dedup: DedupSettings = field(default_factory=DedupSettings)
    cluster: ClusterSettings = field(default_factory=ClusterSettings)
    brief: BriefSettings = field(default_factory=BriefSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    stream: StreamSettings = field(default_factory=StreamSettings)

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
