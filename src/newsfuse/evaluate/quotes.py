"""Quotes measured against gold attributions: PolNeAR's direct quotes, BASIL's quotes and merges.

PolNeAR (Newell et al. 2018) annotates every attribution of news articles
from seven US outlets: the source (speaker), the cue ("said") and the
content, with character offsets.  Its direct quotes are the attributions
whose content holds quotation marks; the *gold quotes* scored here are the
quoted segments inside them (``gold_quotes``): ``"...," Merkley said.
"..."`` is one attribution and two quoted segments, and a quote that runs
over several paragraphs (an opening mark at each paragraph, one closing mark
at the end) is one segment per paragraph.

Each article goes through ``clean_article``; newsfuse's quotes come from
``newsfuse.brief.quotes.find_quotes`` (every quote, with or without a
speaker) and from ``build_briefs`` on a one-article story (the brief's
quotes: unattributed ones are left out), mapped back to the original
offsets.  A prediction and a gold quote match when their spans overlap by at
least ``MATCH_OVERLAP`` of the shorter one; each is matched once, the largest
overlaps first.  Beside them, a baseline takes every text between double
quotation marks.

Speaker accuracy counts matched gold quotes that have a speaker: the
prediction is right when its speaker contains the surname (last capitalised
word) of the gold speaker's head ("Victor Cha, who served as ..." -> Cha;
"Trump campaign manager Kellyanne Conway" -> Conway).  When the gold speaker
is a pronoun, the surname is that of the nearest gold speaker before it that
names someone (PolNeAR has no coreference; for he/she, organisations are
skipped), and such quotes are counted apart.  Gold speakers that name nobody
("sources", "a spokesman") need a shared content word.

BASIL (``basil_original.tar.gz``) gives a second check: its annotated spans
marked as quotes, with their speakers (named persons only), and the merge
rate: pairs of quoted segments in two outlets of one event that say the same
(shared stems) and that the brief should show as one quote.

Example:
    >>> result = evaluate_quotes("../shared/data/polnear/dev.jsonl")     # doctest: +SKIP
    >>> print(format_quotes_table(result))                              # doctest: +SKIP
"""

from __future__ import annotations

import json
import re
import tarfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from newsfuse.config import Settings
from newsfuse.errors import InputError, ItemError
from newsfuse.evaluate._briefing import brief_clusters, faithfulness_problems, porter_stemmer, read_records
from newsfuse.evaluate.metrics import f1_score
from newsfuse.models import Article, CleanArticle
from newsfuse.text import content_words, fold, words

__all__ = [
    "GoldQuote",
    "Prediction",
    "evaluate_basil_quotes",
    "evaluate_quotes",
    "format_quotes_table",
    "gold_quotes",
    "match_quotes",
    "quoted_segments",
    "score_detection",
    "speaker_is_right",
]

# A prediction and a gold quote are one quote when they overlap by this share
# of the shorter span: a partial quote's gold content carries words around the
# quotation marks, and the two sides may disagree on a trailing comma.
MATCH_OVERLAP = 0.5

# A quoted phrase this short is a "partial quote" inside reported speech
# ('called Trump a "pathological liar"'); scored, and also counted apart.
SHORT_QUOTE_WORDS = 3

# Two quoted segments of one BASIL event, in two outlets, say the same thing
# when they share this many content stems and this share of the shorter one.
SAME_QUOTE_MIN_SHARED = 3
SAME_QUOTE_OVERLAP = 0.6

# The targets.
TARGET_F1 = 0.9
TARGET_SPEAKER = 0.9

_OPEN = "“"
_CLOSE = "”"
_DOUBLE = frozenset('"“”')
_PRONOUNS = frozenset("he she they we i it you his her their".split())
_PERSON_PRONOUNS = frozenset(("he", "she", "i"))
_ORG_WORDS = frozenset(
    """times post news journal campaign committee party department house senate congress court administration
    office agency association network cnn fox msnbc abc cbs nbc inc co university foundation reuters ap press
    poll survey service bureau council commission group institute center report reports magazine website
    breitbart politico huffington huffpost gazette tribune herald daily""".split()
)
_NOT_NAMES = frozenset(
    """the a an mr mrs ms dr sen rep gov gen president senator governor representative secretary former
    republican democratic democrat gop nominee candidate presidential vice chairman chair spokesman
    spokeswoman spokesperson""".split()
)


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """A quoted segment of a gold attribution, with its speaker."""

    start: int
    end: int
    text: str
    speaker: str  # "" when the attribution has no source
    speaker_start: int
    marks: str  # "full" or "partial" (PolNeAR's derived quote_marks)
    is_continued: bool = False  # a paragraph of a quote that runs on with no closing mark


@dataclass(frozen=True, slots=True)
class Prediction:
    """A quote found by a system: its span in the original text and its speaker."""

    start: int
    end: int
    speaker: str
    how: str = ""  # how find_quotes found the speaker (after, before, pronoun, continued, dash, none)


def quoted_segments(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, bool]]:
    """Return ``(start, end, is_continued)`` of the text between double quotation marks in ``text[start:end]``.

    Curly marks open (“) and close (”); straight marks alternate within a
    paragraph.  A paragraph that ends inside a quote (the convention for a
    quote running over paragraphs) closes its segment at the paragraph's end
    with ``is_continued`` set.  Single quotation marks are nested quotes and
    are left inside their segment.

    Example:
        >>> text = '“We will win,” he said. “Believe me.'
        >>> [text[a:b] for a, b, _ in quoted_segments(text)]
        ['We will win', 'Believe me.']
    """
    end = len(text) if end is None else end
    segments: list[tuple[int, int, bool]] = []
    for line in re.finditer(r"[^\n]+", text[:end]):
        low, high = max(line.start(), start), line.end()
        if low >= high:
            continue
        opened: int | None = None
        for position in range(low, high):
            mark = text[position]
            if mark not in _DOUBLE:
                continue
            is_open = mark == _OPEN or (mark == '"' and opened is None)
            if is_open and opened is None:
                opened = position + 1
            elif not is_open or mark == '"':
                if opened is not None:
                    segments.append((opened, position, False))
                    opened = None
                elif mark == _CLOSE and position > low:
                    segments.append((low, position, False))  # the region began inside a quote
        if opened is not None and high > opened:
            segments.append((opened, high, True))
    return [(a, b, c) for a, b, c in (_trim(text, a, b) + (c,) for a, b, c in segments) if b > a and words(text[a:b])]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def gold_quotes(record: dict) -> list[GoldQuote]:
    """Return the quoted segments of a PolNeAR article's direct (quote-marked) attributions."""
    text = record["text"]
    found: list[GoldQuote] = []
    for attribution in record.get("quotes") or []:
        if attribution.get("quote_marks", "none") == "none":
            continue
        fragments = attribution.get("quote_fragments") or [[attribution["start"], attribution["end"]]]
        for low, high in fragments:
            # The content may stop just inside its marks: look one character beyond.
            for start, end, continued in quoted_segments(text, max(0, low - 1), min(len(text), high + 1)):
                found.append(
                    GoldQuote(
                        start,
                        end,
                        text[start:end],
                        attribution.get("speaker") or "",
                        attribution.get("speaker_start") if attribution.get("speaker_start") is not None else -1,
                        attribution["quote_marks"],
                        continued,
                    )
                )
    unique = {(g.start, g.end): g for g in found}
    return sorted(unique.values(), key=lambda g: (g.start, g.end))


def match_quotes(
    predictions: Sequence[Prediction], gold: Sequence[GoldQuote]
) -> list[tuple[int, int]]:
    """Return ``(prediction index, gold index)`` pairs, one-to-one, the largest overlaps first.

    Example:
        >>> g = [GoldQuote(10, 30, "", "", -1, "full")]
        >>> match_quotes([Prediction(12, 30, ""), Prediction(40, 50, "")], g)
        [(0, 0)]
    """
    candidates = []
    for p, prediction in enumerate(predictions):
        for k, quote in enumerate(gold):
            overlap = min(prediction.end, quote.end) - max(prediction.start, quote.start)
            shorter = min(prediction.end - prediction.start, quote.end - quote.start)
            if overlap > 0 and shorter > 0 and overlap >= MATCH_OVERLAP * shorter:
                candidates.append((-overlap, p, k))
    candidates.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, p, k in candidates:
        if p in used_p or k in used_g:
            continue
        used_p.add(p)
        used_g.add(k)
        pairs.append((p, k))
    return sorted(pairs)


def score_detection(true_positive: int, predicted: int, gold: int) -> dict[str, float]:
    """Return precision, recall and F1 from counts (rounded to 3 places).

    Example:
        >>> score_detection(9, 10, 12)
        {'precision': 0.9, 'recall': 0.75, 'f1': 0.818}
    """
    precision = true_positive / predicted if predicted else 0.0
    recall = true_positive / gold if gold else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1_score(precision, recall), 3)}


def _head(speaker: str) -> str:
    """Return the head of a speaker span: "Victor Cha, who served ..." -> "Victor Cha".

    A place or an organisation after a name is cut too ("Representative
    Charles B. Rangel of New York" -> "Representative Charles B. Rangel", "Dan
    McLaughlin at the National Review" -> "Dan McLaughlin"), but not a title's
    own "of" ("Secretary of State John Kerry").
    """
    head = re.split(r",|\(|\bwho\b|\bwhich\b|\bof the\b", speaker, maxsplit=1)[0].strip()
    for match in re.finditer(r"\s(?:of|at|for|from|with)\s", head):
        if _capitalised_names(head[: match.start()]):
            return head[: match.start()]
    return head


def _capitalised_names(text: str) -> list[str]:
    return [
        fold(w)
        for w in words(text)
        if w[:1].isupper() and fold(w).rstrip(".") not in _NOT_NAMES and fold(w) not in _PRONOUNS
    ]


def _name_tokens(speaker: str) -> list[str]:
    return _capitalised_names(_head(speaker))


def _surname(speaker: str) -> str:
    names = _name_tokens(speaker)
    if not names:
        return ""
    last = names[-1]
    return re.sub(r"'s$", "", last)


def _is_cue_word(speaker: str) -> bool:
    """Return whether a gold speaker span is a speech verb ("said"): a slip of the annotation, not a speaker."""
    from newsfuse.brief import _lexicon as lex

    return fold(speaker.strip()) in lex.SPEECH_VERBS


def _is_pronoun(speaker: str) -> bool:
    return fold(speaker.strip()) in _PRONOUNS


def _referent(record: dict, speaker: str, speaker_start: int) -> str:
    """Return the gold speaker a pronoun stands for: the nearest one before it that names someone."""
    person = fold(speaker.strip()) in _PERSON_PRONOUNS
    best, best_start = "", -1
    for attribution in record.get("quotes") or []:
        other = attribution.get("speaker") or ""
        start = attribution.get("speaker_start")
        if not other or start is None or start >= speaker_start or start <= best_start:
            continue
        names = _name_tokens(other)
        if not names or (person and any(n in _ORG_WORDS for n in names)):
            continue
        best, best_start = other, start
    return best


def speaker_is_right(predicted: str, gold: str) -> bool:
    """Return whether a predicted speaker names the gold speaker (its surname, or a shared word).

    Example:
        >>> speaker_is_right("Hillary Clinton", "Democratic nominee Hillary Clinton")
        True
        >>> speaker_is_right("Donald Trump", "Clinton, who spoke in Ohio")
        False
        >>> speaker_is_right("a campaign spokesman", "a spokesman for the campaign")
        True
    """
    if not predicted or not gold:
        return False
    surname = _surname(gold)
    predicted_words = {fold(w) for w in words(predicted)}
    if surname:
        return surname in predicted_words or re.sub(r"'s$", "", surname) in predicted_words
    return bool(set(content_words(_head(gold))) & set(content_words(predicted)))


# --- Running newsfuse on single articles -------------------------------------------


def _offset_map(original: str, clean: str) -> list[int]:
    """Return, for each character of ``clean``, its offset in ``original`` (-1 when not found).

    Cleaning drops paragraphs and may rewrite white space, so the non-space
    characters of each clean line are looked up, in order, in the original's.
    """
    kept = [i for i, c in enumerate(original) if not c.isspace()]
    bare = "".join(original[i] for i in kept)
    mapping = [-1] * len(clean)
    cursor = 0
    for line in re.finditer(r"[^\n]+", clean):
        indices = [line.start() + k for k, c in enumerate(line.group()) if not c.isspace()]
        if not indices:
            continue
        needle = "".join(clean[i] for i in indices)
        position = bare.find(needle, cursor)
        if position < 0:
            position = bare.find(needle)
        if position < 0:
            continue
        for k, index in enumerate(indices):
            mapping[index] = kept[position + k]
        cursor = position + len(needle)
    return mapping


def _map_span(mapping: Sequence[int], start: int, end: int) -> tuple[int, int] | None:
    inside = [mapping[i] for i in range(start, end) if mapping[i] >= 0]
    if not inside:
        return None
    return inside[0], inside[-1] + 1


def _clean(record: dict, settings: Settings) -> CleanArticle | None:
    from newsfuse.clean import clean_article

    article = Article(
        id=str(record["id"]),
        source=record.get("source") or "",
        title=record.get("title") or "",
        text=record["text"],
        date=record.get("date") or "",
    )
    try:
        return clean_article(article, settings.clean)
    except ItemError:
        return None


def _find_quotes(article: CleanArticle, mapping: Sequence[int]) -> list[Prediction]:
    """Return every quote ``find_quotes`` sees in one article, with or without a speaker."""
    from newsfuse.brief.names import lower_words, scan_names
    from newsfuse.brief.people import People
    from newsfuse.brief.quotes import find_quotes

    mentions = scan_names(article.text, lower_words(article.text))
    found = []
    for quote in find_quotes(article, People(mentions), mentions):
        span = _map_span(mapping, quote.start, quote.end)
        if span is not None:
            found.append(Prediction(span[0], span[1], quote.speaker, quote.how))
    return found


def _brief_quotes(brief, article_id: str, mapping: Sequence[int]) -> list[Prediction]:
    found = []
    for quote in brief.quotes:
        for version in quote.versions:
            for evidence in version.evidence:
                if evidence.article != article_id:
                    continue
                span = _map_span(mapping, evidence.start, evidence.end)
                if span is not None:
                    found.append(Prediction(span[0], span[1], quote.speaker))
    return found


def _baseline(text: str) -> list[Prediction]:
    return [Prediction(a, b, "") for a, b, _ in quoted_segments(text)]


@dataclass
class _Tally:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    long_gold: int = 0
    long_matched: int = 0
    predicted_on_short: int = 0
    by_kind: Counter | None = None
    gold_by_kind: Counter | None = None
    speaker: Counter | None = None

    def __post_init__(self) -> None:
        self.by_kind = Counter()
        self.gold_by_kind = Counter()
        self.speaker = Counter()


def _gold_kind(quote: GoldQuote) -> list[str]:
    kinds = ["short (1-3 words)" if len(words(quote.text)) <= SHORT_QUOTE_WORDS else "long (4+ words)"]
    kinds.append(f"marks: {quote.marks}")
    if quote.is_continued:
        kinds.append("runs over paragraphs")
    return kinds


def _miss_cause(text: str, quote: GoldQuote) -> str:
    """Return a short name for why a gold quote may have been missed (for the failure analysis)."""
    before = text[: quote.start].rstrip(" ")[-1:]
    after = text[quote.end :].lstrip(" ,.;:!?…")[:1]
    if quote.is_continued:
        return "runs over paragraphs (no closing mark in its paragraph)"
    if before == _CLOSE or (before == '"' and after == _CLOSE) or (before == _OPEN and after == '"'):
        return "mixed or reversed quotation marks"
    if len(words(quote.text)) <= SHORT_QUOTE_WORDS:
        return "1-3 words in reported speech (dropped as a scare quote)"
    if "\n" in text[quote.start : quote.end]:
        return "spans a line break"
    return "other"


def _speaker_error(text: str, quote: GoldQuote, prediction: Prediction) -> str:
    """Return a short name for why a matched quote got a wrong speaker (for the failure analysis)."""
    if prediction.speaker:
        return f"another speaker named ({prediction.how})"
    from newsfuse.brief import _lexicon as lex

    paragraph_start = text.rfind("\n", 0, prediction.start) + 1
    before = text[paragraph_start : prediction.start]
    line_end = text.find("\n", prediction.end)
    after = text[prediction.end : line_end if line_end >= 0 else len(text)][:200]
    after = after.lstrip(",.;:!?… ")
    if after[:1] in _DOUBLE:
        after = after[1:]
    if re.match(r"\s*―\s*[A-Z]", after):
        return "none found: pull quote signed with '―' (U+2015)"
    clause = re.split(r"[.!?]\s|[“”\"]", after, maxsplit=1)[0]
    verb = next((m for m in re.finditer(r"[a-z]+", clause) if m.group() in lex.SPEECH_VERBS), None)
    if verb is not None:
        head = clause[: verb.start()]
        if len(words(head)) > 8:
            return "none found: long apposition between the quote and its verb"
        if not head.strip() or head.strip()[:1].islower():
            return "none found: descriptive speaker ('said one Democratic source', 'the book said')"
        return "none found: 'X said' right after the quote"
    if any(c in _DOUBLE for c in before[:-1]):
        return "none found: a second quote of the paragraph (after '\"...,\" said X.')"
    previous_end = text.rstrip().rfind("\n", 0, paragraph_start - 1)
    previous = text[max(0, previous_end) : paragraph_start].strip()
    if previous.endswith(":"):
        return "none found: introduced by the paragraph before ('X said:')"
    if any(m.group() in lex.SPEECH_VERBS for m in re.finditer(r"[a-z]+", before)):
        return "none found: speaker and verb before the quote"
    return "none found: no speech verb next to the quote"


def _speaker_kind(quote: GoldQuote) -> str:
    if _is_pronoun(quote.speaker):
        return "pronoun"
    return "name" if _surname(quote.speaker) else "description"


def evaluate_quotes(
    path: str | Path,
    settings: Settings | None = None,
    limit: int | None = None,
    basil: str | Path | None = None,
    examples: int = 40,
) -> dict:
    """Return detection and speaker scores of newsfuse's quotes on a PolNeAR file, beside a baseline.

    Args:
        path: PolNeAR JSON Lines (``dev.jsonl`` or ``train.jsonl.gz``).
        settings: newsfuse settings (defaults when None).
        limit: use only the first ``limit`` articles.
        basil: a BASIL folder (``articles.jsonl`` + ``basil_original.tar.gz``)
            for the second check and the merge rate; skipped when None.
        examples: how many misses and false alarms to list.

    Returns:
        ``systems`` (``find_quotes``, ``brief``, ``quote marks``) with
        precision/recall/F1, detection by kind of gold quote, and speaker
        accuracy by kind of gold speaker; ``misses`` and ``false_alarms``
        examples; ``faithfulness`` of the briefs; ``basil`` when asked.
    """
    settings = settings or Settings()
    started = time.perf_counter()
    records = read_records(path)
    if limit is not None:
        if limit < 1:
            raise ValueError(f"limit must be >= 1 (or None for every article), got {limit}")
        records = records[:limit]
    if records and ("text" not in records[0] or "quotes" not in records[0]):
        raise InputError(f"{path}: expected PolNeAR lines with 'text' and 'quotes' (see shared/data/polnear)")
    cleaned = {str(r["id"]): _clean(r, settings) for r in records}
    briefs = brief_clusters([(i, [a]) for i, a in cleaned.items() if a is not None], settings)
    problems = [p for b in briefs.values() for p in faithfulness_problems(b)]
    tallies = {name: _Tally() for name in ("find_quotes", "brief", "quote marks")}
    misses: list[dict] = []
    false_alarms: list[dict] = []
    wrong_speakers: list[dict] = []
    speaker_errors: Counter[str] = Counter()
    miss_causes: Counter[str] = Counter()
    for record in records:
        text = record["text"]
        gold = gold_quotes(record)
        article = cleaned[str(record["id"])]
        mapping = _offset_map(text, article.text) if article is not None else []
        systems = {
            "find_quotes": _find_quotes(article, mapping) if article is not None else [],
            "brief": _brief_quotes(briefs[article.id], article.id, mapping) if article is not None else [],
            "quote marks": _baseline(text),
        }
        for name, predictions in systems.items():
            tally = tallies[name]
            pairs = match_quotes(predictions, gold)
            tally.predicted += len(predictions)
            tally.gold += len(gold)
            tally.matched += len(pairs)
            matched_gold = {k for _, k in pairs}
            for k, quote in enumerate(gold):
                for kind in _gold_kind(quote):
                    tally.gold_by_kind[kind] += 1
                    tally.by_kind[kind] += k in matched_gold
            for p, k in pairs:
                quote = gold[k]
                if not quote.speaker:
                    continue
                if _is_cue_word(quote.speaker):
                    tally.speaker["speaker is a cue word"] += 1  # an annotation slip: the speaker span is "said"
                    continue
                kind = _speaker_kind(quote)
                target = quote.speaker
                if kind == "pronoun":
                    target = _referent(record, quote.speaker, quote.speaker_start)
                    if not target:
                        tally.speaker["pronoun, no referent"] += 1
                        continue
                right = speaker_is_right(predictions[p].speaker, target)
                tally.speaker[f"{kind}: total"] += 1
                tally.speaker[f"{kind}: right"] += right
                if name == "find_quotes" and not right:
                    cause = _speaker_error(text, quote, predictions[p])
                    speaker_errors[cause] += 1
                    if len(wrong_speakers) < examples:
                        wrong_speakers.append(
                            {
                                "article": record["id"],
                                "quote": quote.text[:120],
                                "gold": quote.speaker,
                                "target": target,
                                "predicted": predictions[p].speaker,
                                "how": predictions[p].how,
                                "cause": cause,
                            }
                        )
            short = {k for k, quote in enumerate(gold) if len(words(quote.text)) <= SHORT_QUOTE_WORDS}
            tally.long_gold += len(gold) - len(short)
            tally.long_matched += sum(1 for _, k in pairs if k not in short)
            tally.predicted_on_short += sum(1 for _, k in pairs if k in short)
            if name != "find_quotes":
                continue
            matched_predictions = {p for p, _ in pairs}
            for k, quote in enumerate(gold):
                if k in matched_gold:
                    continue
                cause = _miss_cause(text, quote)
                miss_causes[cause] += 1
                if len(misses) < examples:
                    misses.append(
                        {
                            "article": record["id"],
                            "quote": quote.text[:160],
                            "kinds": _gold_kind(quote),
                            "cause": cause,
                            "context": text[max(0, quote.start - 60) : quote.end + 60],
                        }
                    )
            for p, prediction in enumerate(predictions):
                if p not in matched_predictions and len(false_alarms) < examples:
                    false_alarms.append(
                        {
                            "article": record["id"],
                            "quote": text[prediction.start : prediction.end][:160],
                            "speaker": prediction.speaker,
                            "context": text[max(0, prediction.start - 60) : prediction.end + 60],
                        }
                    )
    result_systems = {}
    for name, tally in tallies.items():
        speaker = tally.speaker
        totals = {kind: speaker[f"{kind}: total"] for kind in ("name", "pronoun", "description")}
        rights = {kind: speaker[f"{kind}: right"] for kind in totals}
        all_total = sum(totals.values())
        result_systems[name] = {
            **score_detection(tally.matched, tally.predicted, tally.gold),
            "predicted": tally.predicted,
            "gold": tally.gold,
            "matched": tally.matched,
            # Quotes of 4+ words alone: predictions matching a short gold quote are left out.
            "long_quotes": score_detection(
                tally.long_matched, tally.predicted - tally.predicted_on_short, tally.long_gold
            ),
            "recall_by_kind": {
                kind: {"gold": count, "recall": round(tally.by_kind[kind] / count, 3)}
                for kind, count in sorted(tally.gold_by_kind.items())
            },
            "speaker_accuracy": round(sum(rights.values()) / all_total, 3) if all_total else None,
            "speaker_by_kind": {
                kind: {"quotes": totals[kind], "accuracy": round(rights[kind] / totals[kind], 3)}
                for kind in totals
                if totals[kind]
            },
            "speaker_unresolved_pronouns": speaker["pronoun, no referent"],
            "speaker_is_cue_word": speaker["speaker is a cue word"],
        }
    result = {
        "file": str(path),
        "articles": len(records),
        "rejected_articles": sum(1 for a in cleaned.values() if a is None),
        "systems": result_systems,
        "target": {"f1": TARGET_F1, "speaker_accuracy": TARGET_SPEAKER},
        "meets_target": result_systems["find_quotes"]["f1"] >= TARGET_F1
        and (result_systems["find_quotes"]["speaker_accuracy"] or 0) >= TARGET_SPEAKER,
        "misses": misses,
        "false_alarms": false_alarms,
        "wrong_speakers": wrong_speakers,
        "speaker_errors": dict(speaker_errors.most_common()),
        "miss_causes": dict(miss_causes.most_common()),
        "faithfulness": {"briefs": len(briefs), "problems": problems[:50], "problem_count": len(problems)},
    }
    if basil is not None:
        result["basil"] = evaluate_basil_quotes(basil, settings)
        result["faithfulness"]["briefs"] += result["basil"]["faithfulness"]["briefs"]
        result["faithfulness"]["problem_count"] += result["basil"]["faithfulness"]["problem_count"]
        result["faithfulness"]["problems"] += result["basil"]["faithfulness"]["problems"][:10]
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


# --- BASIL ------------------------------------------------------------------------------

_GROUP_WORDS = frozenset(
    "lawmakers officials campaign democrats republicans catholics plaintiffs and administration".split()
)


def _basil_annotations(folder: Path) -> dict[str, list[dict]]:
    """Return ``{article id: [phrase annotations marked as quotes]}`` from BASIL's original tarball."""
    archive = folder / "basil_original.tar.gz"
    if not archive.is_file():
        raise InputError(f"{archive}: no such file; give the BASIL folder of shared/data")
    found: dict[str, list[dict]] = defaultdict(list)
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar.getmembers():
            if not member.name.endswith("_ann.json"):
                continue
            handle = tar.extractfile(member)
            if handle is None:
                continue
            data = json.load(handle)
            article = Path(member.name).name[: -len("_ann.json")]
            for phrase in data.get("phrase-level-annotations") or []:
                if phrase.get("quote") == "yes" and phrase.get("txt"):
                    found[article].append(phrase)
    return found


def _named_speaker(speaker: str) -> str:
    """Return "Donald Trump" for BASIL's "Donald_Trump"; "" for groups and other_* labels."""
    parts = speaker.split("_")
    if len(parts) < 2 or speaker.startswith("other") or any(p.lower() in _GROUP_WORDS for p in parts):
        return ""
    return " ".join(parts) if all(p[:1].isupper() for p in parts) else ""


def _locate(text: str, phrase: str) -> tuple[int, int] | None:
    position = text.find(phrase)
    if position >= 0:
        return position, position + len(phrase)
    pattern = r"\s+".join(re.escape(w) for w in phrase.split())
    match = re.search(pattern, text)
    return match.span() if match else None


def _stem_set(text: str) -> set[str]:
    stemmer = porter_stemmer()
    return {stemmer.stem(w) for w in content_words(text)}


def evaluate_basil_quotes(folder: str | Path, settings: Settings | None = None, limit: int | None = None) -> dict:
    """Return recall and speaker accuracy on BASIL's quote annotations, and the cross-outlet merge rate.

    BASIL's quote spans are bias annotations, not every quote, so only recall
    is scored.  Events are briefed as three-outlet stories, as a user would
    see them.  ``limit`` keeps the first events only.
    """
    from newsfuse.brief.names import lower_words, scan_names
    from newsfuse.brief.people import People
    from newsfuse.brief.quotes import find_quotes
    from newsfuse.evaluate._briefing import clean_clusters, read_clusters

    settings = settings or Settings()
    folder = Path(folder)
    annotations = _basil_annotations(folder)
    clusters = clean_clusters(read_clusters(folder / "articles.jsonl", limit), settings)
    briefs = brief_clusters([(c.id, c.articles) for c in clusters], settings)
    problems = [p for b in briefs.values() for p in faithfulness_problems(b)]
    located = recalled = named = named_right = 0
    misses: list[dict] = []
    pairs_total = pairs_merged = pairs_detected = 0
    merge_misses: list[dict] = []
    for cluster in clusters:
        articles = cluster.articles
        mentions = [scan_names(a.text, lower_words(a.text)) for a in articles]
        people = People(m for group in mentions for m in group)
        for article, article_mentions in zip(articles, mentions):
            quotes = find_quotes(article, people, article_mentions)
            for phrase in annotations.get(article.id, []):
                span = _locate(article.text, phrase["txt"])
                if span is None:
                    continue
                located += 1
                best = None
                for quote in quotes:
                    overlap = min(quote.end, span[1]) - max(quote.start, span[0])
                    shorter = min(quote.end - quote.start, span[1] - span[0])
                    if overlap > 0 and overlap >= MATCH_OVERLAP * shorter:
                        best = quote
                        break
                recalled += best is not None
                speaker = _named_speaker(phrase.get("speaker") or "")
                if best is not None and speaker:
                    named += 1
                    named_right += speaker_is_right(best.speaker, speaker)
                if best is None and len(misses) < 20:
                    misses.append(
                        {"article": article.id, "quote": phrase["txt"][:160], "speaker": phrase.get("speaker")}
                    )
        # Merge rate: the same statement quoted by two outlets.
        brief = briefs.get(cluster.id)
        if brief is None:
            continue
        segments = [
            (a.id, a.source, start, end, _stem_set(a.text[start:end]))
            for a in articles
            for start, end, _ in quoted_segments(a.text)
            if len(words(a.text[start:end])) > SHORT_QUOTE_WORDS
        ]
        where = {}
        for number, quote in enumerate(brief.quotes):
            for version in quote.versions:
                for evidence in version.evidence:
                    where.setdefault(evidence.article, []).append((evidence.start, evidence.end, number))

        def quote_of(article_id: str, start: int, end: int) -> int | None:
            for low, high, number in where.get(article_id, []):
                overlap = min(high, end) - max(low, start)
                if overlap > 0 and overlap >= MATCH_OVERLAP * min(high - low, end - start):
                    return number
            return None

        for x, a in enumerate(segments):
            for b in segments[x + 1 :]:
                if a[1] == b[1]:
                    continue
                shared = len(a[4] & b[4])
                if shared < SAME_QUOTE_MIN_SHARED or shared < SAME_QUOTE_OVERLAP * min(len(a[4]), len(b[4])):
                    continue
                pairs_total += 1
                qa, qb = quote_of(a[0], a[2], a[3]), quote_of(b[0], b[2], b[3])
                if qa is not None and qb is not None:
                    pairs_detected += 1
                    pairs_merged += qa == qb
                if (qa is None or qb is None or qa != qb) and len(merge_misses) < 20:
                    text_a = next(x.text for x in articles if x.id == a[0])[a[2] : a[3]]
                    text_b = next(x.text for x in articles if x.id == b[0])[b[2] : b[3]]
                    merge_misses.append(
                        {
                            "event": cluster.id,
                            "a": f"{a[1]}: {text_a[:120]}",
                            "b": f"{b[1]}: {text_b[:120]}",
                            "why": "not both in the brief" if qa is None or qb is None else "two separate quotes",
                        }
                    )
    multi = [q for b in briefs.values() for q in b.quotes if len(q.sources) > 1]
    return {
        "folder": str(folder),
        "events": len(clusters),
        "quotes_located": located,
        "recall": round(recalled / located, 3) if located else 0.0,
        "named_speaker_quotes": named,
        "speaker_accuracy": round(named_right / named, 3) if named else None,
        "misses": misses,
        "merge": {
            "pairs": pairs_total,
            "both_in_brief": pairs_detected,
            "merged": pairs_merged,
            "merge_rate": round(pairs_merged / pairs_total, 3) if pairs_total else 0.0,
            "merge_rate_when_both_in_brief": round(pairs_merged / pairs_detected, 3) if pairs_detected else 0.0,
            "brief_quotes": sum(len(b.quotes) for b in briefs.values()),
            "brief_quotes_multi_outlet": len(multi),
            "misses": merge_misses,
        },
        "faithfulness": {"briefs": len(briefs), "problems": problems[:20], "problem_count": len(problems)},
    }


def format_quotes_table(result: dict, examples: int = 5) -> str:
    """Return a Markdown report of an ``evaluate_quotes`` result."""
    lines = [
        f"Quotes: {result['articles']} PolNeAR articles ({result['file']}), "
        f"{result['systems']['find_quotes']['gold']} gold quoted segments",
        "",
        "| system | predicted | matched | precision | recall | F1 | speaker accuracy |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in result["systems"].items():
        accuracy = "-" if row["speaker_accuracy"] is None or name == "quote marks" else f"{row['speaker_accuracy']:.3f}"
        lines.append(
            f"| {name} | {row['predicted']} | {row['matched']} | {row['precision']:.3f} | {row['recall']:.3f} | "
            f"{row['f1']:.3f} | {accuracy} |"
        )
    lines += ["", "| system, quotes of 4+ words only | precision | recall | F1 |", "|---|---:|---:|---:|"]
    for name, row in result["systems"].items():
        long = row["long_quotes"]
        lines.append(f"| {name} | {long['precision']:.3f} | {long['recall']:.3f} | {long['f1']:.3f} |")
    main = result["systems"]["find_quotes"]
    lines += ["", "| gold quotes | count | recall (find_quotes) | recall (brief) |", "|---|---:|---:|---:|"]
    for kind, row in main["recall_by_kind"].items():
        brief_row = result["systems"]["brief"]["recall_by_kind"].get(kind, {"recall": 0.0})
        lines.append(f"| {kind} | {row['gold']} | {row['recall']:.3f} | {brief_row['recall']:.3f} |")
    lines += ["", "| gold speaker | matched quotes | accuracy (find_quotes) |", "|---|---:|---:|"]
    for kind, row in main["speaker_by_kind"].items():
        lines.append(f"| {kind} | {row['quotes']} | {row['accuracy']:.3f} |")
    lines.append(
        f"Left out: pronoun speakers with no named referent {main['speaker_unresolved_pronouns']}, "
        f"gold speaker spans that are the cue word ('said') {main.get('speaker_is_cue_word', 0)}"
    )
    if result.get("miss_causes"):
        lines += ["", "| why a gold quote is missed (find_quotes) | quotes |", "|---|---:|"]
        lines += [f"| {cause} | {count} |" for cause, count in result["miss_causes"].items()]
    if result.get("speaker_errors"):
        lines += ["", "| why the speaker is wrong (find_quotes) | quotes |", "|---|---:|"]
        lines += [f"| {cause} | {count} |" for cause, count in result["speaker_errors"].items()]
    lines.append(
        f"Target F1 >= {result['target']['f1']}, speaker accuracy >= {result['target']['speaker_accuracy']}: "
        f"{'met' if result['meets_target'] else 'NOT met'}"
    )
    basil = result.get("basil")
    if basil:
        merge = basil["merge"]
        lines += [
            "",
            f"BASIL ({basil['events']} events): quote spans found {basil['recall']:.3f} of {basil['quotes_located']}; "
            f"speaker right {basil['speaker_accuracy'] if basil['speaker_accuracy'] is not None else '-'} "
            f"of {basil['named_speaker_quotes']} with a named speaker",
            f"Merge: {merge['pairs']} cross-outlet pairs of one statement; both in the brief {merge['both_in_brief']}; "
            f"merged {merge['merged']} (rate {merge['merge_rate']:.3f}; {merge['merge_rate_when_both_in_brief']:.3f} "
            f"when both are in the brief); brief quotes {merge['brief_quotes']}, "
            f"{merge['brief_quotes_multi_outlet']} carried by 2+ outlets",
        ]
    lines.append(
        f"Faithfulness: {result['faithfulness']['problem_count']} problems in {result['faithfulness']['briefs']} briefs"
    )
    if examples:
        for label, rows, fields in (
            ("Missed gold quotes", result["misses"], ("quote", "kinds")),
            ("False alarms", result["false_alarms"], ("quote", "speaker")),
            ("Wrong speakers", result["wrong_speakers"], ("quote", "target", "predicted")),
        ):
            if rows:
                lines += ["", f"{label} (first few):"]
                lines += [f"- {r['article']}: " + " | ".join(str(r[f]) for f in fields) for r in rows[:examples]]
    return "\n".join(lines)

