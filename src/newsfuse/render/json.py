"""Briefs as JSON: the documented schema (docs/schema.md), both ways.

The JSON keeps everything a ``Brief`` holds, so ``brief_from_dict`` rebuilds
an equal ``Brief``; a store can keep briefs as JSON and a web page can show
them without newsfuse.  Evidence offsets index ``articles[].text`` in Unicode
code points (Python ``str`` indices), so ``text[start:end]`` is the evidence.

Example:
    >>> from newsfuse.render import render_json, briefs_from_dict
    >>> import json
    >>> text = render_json(briefs)                                  # doctest: +SKIP
    >>> briefs_from_dict(json.loads(text)) == list(briefs)          # doctest: +SKIP
    True
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

from newsfuse.models import (
    Brief,
    CleanArticle,
    Dispute,
    Entity,
    Evidence,
    Point,
    Quote,
    QuoteVersion,
    Removal,
    Sentence,
    Version,
)
from newsfuse.render._common import as_briefs

__all__ = [
    "BRIEF_SCHEMA",
    "SCHEMA_VERSION",
    "brief_from_dict",
    "brief_to_dict",
    "briefs_from_dict",
    "briefs_to_dict",
    "render_json",
    "validate_document",
    "validate_story",
]

# Bump when a field changes meaning or disappears; adding a field with a
# default also bumps it, because BRIEF_SCHEMA forbids unknown keys.
SCHEMA_VERSION = 1

# How many problems ``brief_from_dict`` lists in its error before "... and N more".
_MAX_PROBLEMS_SHOWN = 5


# --------------------------------------------------------------------------- schema

def _object(properties: dict[str, Any], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    """Return a JSON Schema object that allows only ``properties`` and requires all but ``optional``."""
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
    }


def _array(items: Any, **extra: Any) -> dict[str, Any]:
    return {"type": "array", "items": items, **extra}


_STRING = {"type": "string"}
_OUTLETS = _array(_STRING)
_OFFSET = {"type": "integer", "minimum": 0}

BRIEF_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "newsfuse briefs",
    "description": "One grounded brief per story; see docs/schema.md.",
    **_object(
        {
            "schema_version": {"const": SCHEMA_VERSION},
            "generator": _STRING,
            "stories": _array({"$ref": "#/$defs/story"}),
        }
    ),
    "$defs": {
        "evidence": _object({"article": _STRING, "start": _OFFSET, "end": _OFFSET}),
        "point": _object(
            {
                "text": _STRING,
                "sources": _OUTLETS,
                "evidence": _array({"$ref": "#/$defs/evidence"}),
                "score": {"type": "number"},
            }
        ),
        "version": _object(
            {"value": _STRING, "sources": _OUTLETS, "evidence": _array({"$ref": "#/$defs/evidence"})}
        ),
        "dispute": _object(
            {"subject": _STRING, "kind": _STRING, "versions": _array({"$ref": "#/$defs/version"})}
        ),
        "quote_version": _object(
            {"text": _STRING, "sources": _OUTLETS, "evidence": _array({"$ref": "#/$defs/evidence"})}
        ),
        # "phrase" (words a reporter's sentence quotes) came later: documents written before it still validate.
        "quote": _object(
            {
                "speaker": _STRING,
                "text": _STRING,
                "sources": _OUTLETS,
                "versions": _array({"$ref": "#/$defs/quote_version"}),
                "phrase": {"type": "boolean"},
            },
            optional=("phrase",),
        ),
        "entity": _object(
            {
                "name": _STRING,
                "type": _STRING,
                "aliases": _array(_STRING),
                "sources": _OUTLETS,
                "mentions": {"type": "integer", "minimum": 0},
            }
        ),
        "article": _object(
            {
                "id": _STRING,
                "source": _STRING,
                "title": _STRING,
                "date": _STRING,
                "url": _STRING,
                "origin": _STRING,
                "text": _STRING,
                "sentences": _array(_array(_OFFSET, minItems=2, maxItems=2)),
                "extra": {"type": "object"},
            }
        ),
        "removal": _object({"article": _STRING, "text": _STRING, "reason": _STRING}),
        "story": _object(
            {
                "id": _STRING,
                "headline": _STRING,
                "headline_source": _STRING,
                "headline_article": _STRING,
                "summary": _STRING,
                "summary_evidence": _array({"$ref": "#/$defs/evidence"}),
                "sources": _OUTLETS,
                "articles": _array({"$ref": "#/$defs/article"}),
                "key_points": _array({"$ref": "#/$defs/point"}),
                "unique": _array({"$ref": "#/$defs/point"}),
                "disputes": _array({"$ref": "#/$defs/dispute"}),
                "quotes": _array({"$ref": "#/$defs/quote"}),
                "entities": _array({"$ref": "#/$defs/entity"}),
                "duplicates": _array(_array(_STRING, minItems=2)),
                "removed": _array({"$ref": "#/$defs/removal"}),
            }
        ),
    },
}


# ------------------------------------------------------------------ to JSON types

def _json_safe(value: Any) -> Any:
    """Return ``value`` made of JSON types only (unknown objects become strings)."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Mapping):
        return {str(key): _json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(item) for item in value]
    return str(value)


def _evidence(evidence: Iterable[Evidence]) -> list[dict[str, Any]]:
    return [{"article": e.article, "start": e.start, "end": e.end} for e in evidence]


def _point(point: Point) -> dict[str, Any]:
    if not math.isfinite(point.score):
        raise ValueError(
            f"point score must be a finite number, got {point.score!r} for {point.text[:60]!r}"
        )
    return {
        "text": point.text,
        "sources": list(point.sources),
        "evidence": _evidence(point.evidence),
        "score": point.score,
    }


def _dispute(dispute: Dispute) -> dict[str, Any]:
    return {
        "subject": dispute.subject,
        "kind": dispute.kind,
        "versions": [
            {"value": v.value, "sources": list(v.sources), "evidence": _evidence(v.evidence)}
            for v in dispute.versions
        ],
    }


def _quote(quote: Quote) -> dict[str, Any]:
    return {
        "speaker": quote.speaker,
        "text": quote.text,
        "sources": list(quote.sources),
        "versions": [
            {"text": v.text, "sources": list(v.sources), "evidence": _evidence(v.evidence)}
            for v in quote.versions
        ],
        "phrase": quote.phrase,
    }


def _entity(entity: Entity) -> dict[str, Any]:
    return {
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "sources": list(entity.sources),
        "mentions": entity.mentions,
    }


def _article(article: CleanArticle) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "date": article.date,
        "url": article.url,
        "origin": article.origin,
        "text": article.text,
        "sentences": [[s.start, s.end] for s in article.sentences],
        "extra": _json_safe(dict(article.extra)),
    }


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """Return one brief as a dict of JSON types, in the documented key order.

    The dict is one element of ``stories`` in docs/schema.md.  ``sources`` and
    ``removed`` are derived from the articles; ``brief_from_dict`` rebuilds
    an equal ``Brief`` from it.

    Raises:
        ValueError: a point's score is not a finite number (JSON has no NaN).
    """
    return {
        "id": brief.id,
        "headline": brief.headline,
        "headline_source": brief.headline_source,
        "headline_article": brief.headline_article,
        "summary": brief.summary,
        "summary_evidence": _evidence(brief.summary_evidence),
        "sources": list(brief.sources),
        "articles": [_article(a) for a in brief.articles],
        "key_points": [_point(p) for p in brief.key_points],
        "unique": [_point(p) for p in brief.unique],
        "disputes": [_dispute(d) for d in brief.disputes],
        "quotes": [_quote(q) for q in brief.quotes],
        "entities": [_entity(e) for e in brief.entities],
        "duplicates": [list(group) for group in brief.duplicates],
        "removed": [{"article": r.article, "text": r.text, "reason": r.reason} for r in brief.removed],
    }


def _generator() -> str:
    # Imported late: newsfuse/__init__ may import this package one day.
    import newsfuse

    return f"newsfuse {newsfuse.__version__}"


def briefs_to_dict(briefs: Iterable[Brief] | Brief) -> dict[str, Any]:
    """Return ``{"schema_version": 1, "generator": ..., "stories": [...]}`` for ``briefs``.

    Stories keep the order of ``briefs``; a single ``Brief`` is one story.
    """
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": _generator(),
        "stories": [brief_to_dict(b) for b in as_briefs(briefs)],
    }


def render_json(briefs: Iterable[Brief] | Brief, indent: int | None = 2) -> str:
    """Return ``briefs`` as a JSON document (docs/schema.md), ending with a newline.

    Non-ASCII text is written as is (encode the string as UTF-8); keys keep
    the documented order, so the same briefs always give the same bytes.

    Args:
        indent: spaces per level; ``None`` writes one line (JSON Lines friendly).
    """
    document = briefs_to_dict(briefs)
    return json.dumps(document, indent=indent, ensure_ascii=False, allow_nan=False) + "\n"


# ------------------------------------------------------------------- validation

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def _is_type(value: Any, name: str) -> bool:
    if isinstance(value, bool) and name in ("integer", "number"):
        return False  # bool is an int in Python, never in JSON
    return isinstance(value, _TYPES[name])


def _resolve(reference: str, root: Mapping[str, Any]) -> Mapping[str, Any]:
    if not reference.startswith("#/"):
        raise ValueError(f"only local $ref like '#/$defs/name' are supported, got {reference!r}")
    node: Any = root
    for part in reference[2:].split("/"):
        node = node[part]
    return node


def _check(
    value: Any, schema: Mapping[str, Any], path: str, root: Mapping[str, Any], problems: list[str]
) -> None:
    """Append to ``problems`` where ``value`` breaks ``schema`` (the subset BRIEF_SCHEMA uses)."""
    if "$ref" in schema:
        _check(value, _resolve(schema["$ref"], root), path, root, problems)
        return
    if "const" in schema and value != schema["const"]:
        problems.append(f"{path}: must be {schema['const']!r}, got {value!r}")
        return
    expected = schema.get("type")
    if expected is not None:
        names = [expected] if isinstance(expected, str) else list(expected)
        if not any(_is_type(value, name) for name in names):
            problems.append(f"{path}: must be of type {'/'.join(names)}, got {type(value).__name__}")
            return
    if "minimum" in schema and value < schema["minimum"]:
        problems.append(f"{path}: must be >= {schema['minimum']}, got {value!r}")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key in schema.get("required", ()):
            if key not in value:
                problems.append(f"{path}: missing key {key!r}")
        for key, item in value.items():
            if key in properties:
                _check(item, properties[key], f"{path}.{key}", root, problems)
            elif schema.get("additionalProperties", True) is False:
                problems.append(f"{path}: unknown key {key!r}")
    if isinstance(value, list):
        if "minItems" in schema and len(value) < schema["minItems"]:
            problems.append(f"{path}: must have at least {schema['minItems']} items, got {len(value)}")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            problems.append(f"{path}: must have at most {schema['maxItems']} items, got {len(value)}")
        if "items" in schema:
            for index, item in enumerate(value):
                _check(item, schema["items"], f"{path}[{index}]", root, problems)


def _check_spans(story: Mapping[str, Any], path: str, problems: list[str]) -> None:
    """Append where evidence, sentences, removals or duplicates name no article or leave its text."""
    lengths = {a["id"]: len(a["text"]) for a in story["articles"]}
    for index, article in enumerate(story["articles"]):
        for number, (start, end) in enumerate(article["sentences"]):
            if not start < end <= len(article["text"]):
                problems.append(
                    f"{path}.articles[{index}].sentences[{number}]: [{start}, {end}] is not a"
                    f" non-empty span of a text of {len(article['text'])} characters"
                )

    def spans(where: str, evidence: list[Mapping[str, Any]]) -> None:
        for number, span in enumerate(evidence):
            length = lengths.get(span["article"])
            if length is None:
                problems.append(f"{where}[{number}]: article {span['article']!r} is not in articles")
            elif not span["start"] <= span["end"] <= length:
                problems.append(
                    f"{where}[{number}]: span [{span['start']}, {span['end']}] is outside"
                    f" article {span['article']!r} ({length} characters)"
                )

    spans(f"{path}.summary_evidence", story["summary_evidence"])
    for field in ("key_points", "unique"):
        for index, point in enumerate(story[field]):
            spans(f"{path}.{field}[{index}].evidence", point["evidence"])
    for index, dispute in enumerate(story["disputes"]):
        for number, version in enumerate(dispute["versions"]):
            spans(f"{path}.disputes[{index}].versions[{number}].evidence", version["evidence"])
    for index, quote in enumerate(story["quotes"]):
        for number, version in enumerate(quote["versions"]):
            spans(f"{path}.quotes[{index}].versions[{number}].evidence", version["evidence"])
    for index, removal in enumerate(story["removed"]):
        if removal["article"] not in lengths:
            problems.append(f"{path}.removed[{index}]: article {removal['article']!r} is not in articles")
    for index, group in enumerate(story["duplicates"]):
        for article_id in group:
            if article_id not in lengths:
                problems.append(f"{path}.duplicates[{index}]: article {article_id!r} is not in articles")
    outlets = list(dict.fromkeys(a["source"] or a["id"] for a in story["articles"]))
    if story["sources"] != outlets:
        problems.append(f"{path}.sources: must list the articles' outlets in order, {outlets!r}")


def validate_story(story: Any, path: str = "story") -> list[str]:
    """Return the problems of one story dict (empty when valid), each naming its JSON path.

    Checks the shape against ``BRIEF_SCHEMA["$defs"]["story"]``, then that
    every evidence span lies inside its article's text and every article id
    named by evidence, removals and duplicates is one of the story's articles.
    """
    problems: list[str] = []
    _check(story, BRIEF_SCHEMA["$defs"]["story"], path, BRIEF_SCHEMA, problems)
    if not problems:
        _check_spans(story, path, problems)
    return problems


def validate_document(document: Any) -> list[str]:
    """Return the problems of a whole briefs document (empty when valid).

    Example:
        >>> validate_document({"schema_version": 1, "generator": "x", "stories": []})
        []
        >>> validate_document({"schema_version": 1, "stories": []})
        ["$: missing key 'generator'"]
    """
    problems: list[str] = []
    _check(document, BRIEF_SCHEMA, "$", BRIEF_SCHEMA, problems)
    if not problems:
        for index, story in enumerate(document["stories"]):
            _check_spans(story, f"$.stories[{index}]", problems)
    return problems


# ------------------------------------------------------------------- from JSON

def _raise_problems(problems: list[str], what: str) -> None:
    shown = "; ".join(problems[:_MAX_PROBLEMS_SHOWN])
    more = len(problems) - _MAX_PROBLEMS_SHOWN
    suffix = f"; ... and {more} more" if more > 0 else ""
    raise ValueError(f"{what} does not follow the newsfuse briefs schema (docs/schema.md): {shown}{suffix}")


def _evidence_from(items: list[Mapping[str, Any]]) -> tuple[Evidence, ...]:
    return tuple(Evidence(e["article"], e["start"], e["end"]) for e in items)


def _point_from(item: Mapping[str, Any]) -> Point:
    return Point(
        text=item["text"],
        sources=tuple(item["sources"]),
        evidence=_evidence_from(item["evidence"]),
        score=float(item["score"]),
    )


def _article_from(item: Mapping[str, Any], removed: tuple[Removal, ...]) -> CleanArticle:
    text = item["text"]
    sentences = tuple(
        Sentence(article=item["id"], index=index, start=start, end=end, text=text[start:end])
        for index, (start, end) in enumerate(item["sentences"])
    )
    return CleanArticle(
        id=item["id"],
        source=item["source"],
        title=item["title"],
        text=text,
        sentences=sentences,
        url=item["url"],
        date=item["date"],
        origin=item["origin"],
        removed=removed,
        extra=dict(item["extra"]),
    )


def brief_from_dict(story: Mapping[str, Any]) -> Brief:
    """Return the ``Brief`` that ``brief_to_dict`` turned into ``story``.

    Removals go back to the article they name; sentences get their index
    from their position.

    Raises:
        ValueError: ``story`` breaks the schema or names spans outside its
            articles; the message lists the JSON paths at fault.
    """
    problems = validate_story(story)
    if problems:
        what = f"story {story.get('id', '?')!r}" if isinstance(story, Mapping) else "story"
        _raise_problems(problems, what)
    return _brief_from_valid(story)


def _brief_from_valid(story: Mapping[str, Any]) -> Brief:
    removed_by_article: dict[str, list[Removal]] = {}
    for item in story["removed"]:
        removed_by_article.setdefault(item["article"], []).append(
            Removal(article=item["article"], text=item["text"], reason=item["reason"])
        )
    return Brief(
        id=story["id"],
        headline=story["headline"],
        headline_source=story["headline_source"],
        headline_article=story["headline_article"],
        summary=story["summary"],
        summary_evidence=_evidence_from(story["summary_evidence"]),
        articles=tuple(
            _article_from(a, tuple(removed_by_article.get(a["id"], ()))) for a in story["articles"]
        ),
        key_points=tuple(_point_from(p) for p in story["key_points"]),
        unique=tuple(_point_from(p) for p in story["unique"]),
        disputes=tuple(
            Dispute(
                subject=d["subject"],
                kind=d["kind"],
                versions=tuple(
                    Version(v["value"], tuple(v["sources"]), _evidence_from(v["evidence"]))
                    for v in d["versions"]
                ),
            )
            for d in story["disputes"]
        ),
        quotes=tuple(
            Quote(
                speaker=q["speaker"],
                text=q["text"],
                sources=tuple(q["sources"]),
                versions=tuple(
                    QuoteVersion(v["text"], tuple(v["sources"]), _evidence_from(v["evidence"]))
                    for v in q["versions"]
                ),
                phrase=bool(q.get("phrase", False)),
            )
            for q in story["quotes"]
        ),
        entities=tuple(
            Entity(
                name=e["name"],
                type=e["type"],
                aliases=tuple(e["aliases"]),
                sources=tuple(e["sources"]),
                mentions=e["mentions"],
            )
            for e in story["entities"]
        ),
        duplicates=tuple(tuple(group) for group in story["duplicates"]),
    )


def briefs_from_dict(document: Mapping[str, Any]) -> list[Brief]:
    """Return the briefs of a whole document written by ``briefs_to_dict``/``render_json``.

    Raises:
        ValueError: the document has another ``schema_version`` or breaks the
            schema; the message names the JSON paths at fault.
    """
    if not isinstance(document, Mapping):
        raise ValueError(f"a briefs document must be a JSON object, got {type(document).__name__}")
    version = document.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ValueError(
            f"schema_version must be {SCHEMA_VERSION}, got {version!r}; "
            "a newer file needs a newer newsfuse (pip install -U newsfuse)"
        )
    problems = validate_document(document)
    if problems:
        _raise_problems(problems, "the document")
    return [_brief_from_valid(story) for story in document["stories"]]
