"""Transcripts: a broadcast or an interview written as turns, each under its speaker's label.

Broadcasters publish interviews and segments as transcripts::

    MICHEL MARTIN, HOST: This week, thousands of Americans are getting ready…
    OPAL LEE: I kept telling family and friends that wanted to do it…
    MARTIN: That's Opal Lee.

A turn's words are its speaker's, as a quotation's are: ``find_turns`` finds
the turns, and the quote finder carries each guest's turn as a quote.  A
host's, anchor's or reporter's turns are the outlet's own narration, like
an article's prose, and so are an interviewer's, who asks the questions
where no label says "HOST"; an unnamed speaker ("UNIDENTIFIED MAN #1") is
nobody a reader can cite.  A label in capitals is no organisation and no
name of its own: ``label_mentions`` turns a guest's label into a person's
name mention and drops the rest of the label.

A paragraph that merely opens with capitals and a colon ("UPDATE:",
"WASHINGTON:", "EXCLUSIVE: …") is no turn: a transcript has at least
``MIN_TURNS`` turns by at least two speakers, one of whom speaks twice.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Sequence

from newsfuse.brief import _lexicon as lex
from newsfuse.brief.gazetteer import is_place
from newsfuse.brief._tokens import is_title_case
from newsfuse.brief.names import NameMention
from newsfuse.text import STOPWORDS, fold

__all__ = ["MIN_TURNS", "Turn", "find_turns", "label_mentions"]

MIN_TURNS = 3

# "OPAL LEE: ", "MICHEL MARTIN, HOST: ", "SEN. TED CRUZ, R-TEXAS: ", "UNIDENTIFIED MAN #1: ": a name
# of one to five words in capitals (a number may follow), a role in capitals after a comma, a colon.
_LABEL = re.compile(
    r"[ \t]*[\"“]?(?P<name>[A-Z][A-Z.'’\-]*(?:[ \t]+[A-Z][A-Z.'’\-]*){0,4}(?:[ \t]+#?\d{1,2})?)"
    r"(?:,[ \t]*(?P<role>[A-Z(][A-Z0-9 \t.,'’&()/\-]{0,60}?))?[ \t]*:(?:[ \t]+(?=\S)|[ \t]*$)"
)
# A paragraph that is a stage direction: "(CROSSTALK.)", '"(SOUNDBITE OF MUSIC)'.
_STAGE_LINE = re.compile(r"[\"“]?\([^()]*\)[.\"”]*")
# The roles of the outlet's own people: their turns are its narration, not quotes.
_HOST_ROLES = frozenset(
    "host co-host cohost anchor co-anchor byline correspondent reporter moderator presenter interviewer".split()
)
# Labels of speakers nobody can name ("UNIDENTIFIED MAN", "CROWD", "Q", "A").
_UNNAMED = frozenset(
    """
    unidentified unknown man woman men women crowd audience group voice voices narrator announcer protester
    protesters child boy girl caller callers q a question answer participant participants
    """.split()
)
# Paragraph labels that are page furniture, not speakers ("EXCLUSIVE:", "EDITOR'S NOTE:").
_NOT_SPEAKERS = frozenset(
    """
    exclusive correction clarification warning photos photo gallery live editor's editors' caption credit transcript
    fact facts myth claim truth verdict rating reality fiction false true
    blog news opinion analysis podcast audio explainer poll quiz sponsored source sources tags topics related
    """.split()
)


_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker's turn in a transcript.

    ``label_start``/``label_end`` span the label with its colon,
    ``name_start``/``name_end`` the speaker's name in it (no title, no role)
    and ``start``/``end`` the words spoken (to the paragraph's end).
    ``speaker`` is the name in display case ("Opal Lee"; a one-word label
    "LEE" is the full label it shortens), "" for an unnamed speaker;
    ``written`` the label's own name in display case ("Lee").
    """

    label_start: int
    label_end: int
    name_start: int
    name_end: int
    start: int
    end: int
    speaker: str
    written: str
    is_host: bool


def _display(word: str) -> str:
    """Return a name's word written in capitals in display case: "O'BRIEN" -> "O'Brien", "MCCAIN" -> "McCain"."""
    out = re.sub(r"[A-Za-z]+", lambda m: m.group(0).capitalize(), word.lower())
    if len(out) > 3 and out.startswith("Mc"):
        out = "Mc" + out[2].upper() + out[3:]
    return out


@dataclass(frozen=True, slots=True)
class _Label:
    start: int
    end: int
    name_start: int
    name_end: int
    words: tuple[str, ...]  # the name's words in capitals, without a title before them
    role: str
    is_unnamed: bool
    is_titled: bool


def _label(line: str, offset: int) -> _Label | None:
    """Return the speaker's label opening a paragraph, or None when it opens with none."""
    match = _LABEL.match(line)
    if match is None:
        return None
    name = match.group("name")
    parts = name.split()
    folded = [fold(p).strip(".") for p in parts]
    if any(f in _NOT_SPEAKERS for f in folded):
        return None
    is_unnamed = folded[0] in ("unidentified", "unknown") or all(
        f in _UNNAMED or f.lstrip("#").isdigit() for f in folded
    )
    if not is_unnamed and (
        any(f in STOPWORDS or f in lex.NOT_NAMES or not _NAME_WORD.fullmatch(f) for f in folded)
        or is_place(name.title())
    ):
        return None  # "UPDATE:", "WASHINGTON:", "THE BOTTOM LINE:"
    titled = 0
    while titled < len(parts) - 1 and (folded[titled] in lex.ROLE_WORDS or folded[titled] in lex.HONORIFICS):
        titled += 1  # "PRESIDENT OBAMA", "SEN. TED CRUZ": the name follows its title
    name_start = match.start("name") + (name.index(parts[titled]) if titled else 0)
    return _Label(
        start=offset + match.start("name"),
        end=offset + match.end(),
        name_start=offset + name_start,
        name_end=offset + match.end("name"),
        words=tuple(parts[titled:]),
        role=fold(match.group("role") or ""),
        is_unnamed=is_unnamed,
        is_titled=titled > 0,
    )


def _interviewer(text: str, turns: Sequence[Turn]) -> str:
    """Return the speaker who asks the questions, the outlet's interviewer where no label says "HOST"; or "".

    That is the named speaker at least a quarter of whose turns (and two or
    more) hold a question, with more than twice the questions of anyone else.
    """
    if not turns:
        return ""  # labels alone on their lines, with nothing said under them
    spoken: Counter[str] = Counter()
    questions: Counter[str] = Counter()
    for turn in turns:
        spoken[turn.speaker] += 1
        questions[turn.speaker] += "?" in text[turn.start : turn.end]
    asker, asked = max(questions.items(), key=lambda kv: kv[1])
    others = max((n for speaker, n in questions.items() if speaker != asker), default=0)
    return asker if asker and asked >= max(2, spoken[asker] / 4) and asked > 2 * others else ""


def find_turns(text: str) -> list[Turn]:
    """Return the turns of a transcript in ``text``, in order; [] when it is no transcript.

    Example:
        >>> text = ("MICHEL MARTIN, HOST: We want to introduce you to a woman from Fort Worth.\\n"
        ...         "OPAL LEE: I kept telling family and friends that wanted to do it.\\n"
        ...         "MARTIN: That’s Opal Lee.\\n"
        ...         "LEE: Slaves didn't free themselves.")
        >>> [(t.speaker, t.is_host, text[t.start:t.end].split()[0]) for t in find_turns(text)][1:]
        [('Opal Lee', False, 'I'), ('Michel Martin', True, 'That’s'), ('Opal Lee', False, 'Slaves')]
    """
    if ":" not in text:
        return []
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    labels: list[tuple[_Label, int]] = []  # with the number of its line
    for number, line in enumerate(lines):
        found = _label(line, starts[number]) if line[:1].isupper() or line[:1] in ' \t"“' else None
        if found is not None and not is_title_case(line[found.end - starts[number] :]):
            labels.append((found, number))  # "BLOG: Why a Chemical Threat in Syria Is Terrifying" is a link
    if len(labels) < MIN_TURNS:
        return []
    # A one-word label shortens the full label that ends with it ("MARTIN" for "MICHEL MARTIN").
    full: dict[str, tuple[str, ...]] = {}
    for label, _ in labels:
        if not label.is_unnamed and len(label.words) > 1:
            full.setdefault(fold(label.words[-1]), label.words)

    # A one-word label with no full label and no title is a name when the text also writes it as one
    # ("TRUMP:" beside "Donald Trump"), or when it speaks twice in a transcript that another label shows
    # to be one ("WALLACE:" beside "PENCE:" and "Gov. Mike Pence"); "PRO:" and "CON:" head a page's sides.
    def is_name(label: _Label) -> bool:
        return (
            label.is_unnamed
            or len(label.words) > 1
            or label.is_titled
            or fold(label.words[0]) in full
            or re.search(rf"\b{re.escape(_display(label.words[0]))}\b", text) is not None
        )

    named_labels = [is_name(label) for label, _ in labels]
    if any(named_labels):
        said = Counter(fold(label.words[0]) for label, _ in labels if len(label.words) == 1)
        labels = [
            (label, number)
            for (label, number), named in zip(labels, named_labels, strict=True)
            if named or said[fold(label.words[0])] >= 2
        ]
    else:
        labels = []
    if len(labels) < MIN_TURNS:
        return []
    keys = []
    for label, _ in labels:
        if label.is_unnamed:
            keys.append(("", label.start))  # every unnamed turn its own speaker
        else:
            keys.append((" ".join(full.get(fold(label.words[-1]), label.words)), 0))
    counts = Counter(keys)
    named = {key for key in counts if key[0]}
    if len(counts) < 2 or not any(n >= 2 for key, n in counts.items() if key in named):
        return []
    hosts = {key for (label, _), key in zip(labels, keys, strict=True) if set(label.role.split()) & _HOST_ROLES}
    turns = []
    for k, ((label, number), key) in enumerate(zip(labels, keys, strict=True)):
        speaker = " ".join(_display(w) for w in key[0].split())
        written = " ".join(_display(w) for w in label.words) if speaker else ""
        # The turn is the label's paragraph; a label alone on its line ("MICHEL MARTIN, HOST:") heads the
        # next one.  The paragraphs up to the next label are the same speaker's, each a turn of its own;
        # after the last label only its own paragraph is, for an article's prose may follow a transcript.
        said = lines[number][label.end - starts[number] :].strip()
        paragraphs = [number] if said and not _STAGE_LINE.fullmatch(said) else []
        end = labels[k + 1][1] if k + 1 < len(labels) else len(lines)
        for following in range(number + 1, end):
            if (
                lines[following].strip()
                and not _STAGE_LINE.fullmatch(lines[following].strip())
                and (k + 1 < len(labels) or not paragraphs)
            ):
                paragraphs.append(following)
        for line_number in paragraphs:
            line = lines[line_number]
            start = label.end if line_number == number else starts[line_number] + len(line) - len(line.lstrip())
            bounds = (label.start, label.end, label.name_start, label.name_end, start)
            end_of_line = starts[line_number] + len(line.rstrip())
            turns.append(Turn(*bounds, end_of_line, speaker=speaker, written=written, is_host=key in hosts))
    asker = _interviewer(text, turns)
    return [replace(turn, is_host=True) if asker and turn.speaker == asker else turn for turn in turns]


# A transcript's stage direction: "(LAUGHTER)", "(SOUNDBITE OF ARCHIVED BROADCAST)", "(CROSSTALK)".
_STAGE_DIRECTION = re.compile(r"\([A-Z][A-Z0-9 ,.'’\-]*\)")


def label_mentions(text: str, mentions: Sequence[NameMention], turns: Sequence[Turn]) -> list[NameMention]:
    """Return ``mentions`` with each turn's label read as a label, not as names in capitals.

    A guest's label becomes one mention of a person, the speaker's name in
    display case (``text``) over its span in capitals; the rest of the label
    (a title, a role: "HOST", "R-TEXAS") and the labels of hosts and unnamed
    speakers name nobody in the story, nor do a transcript's stage
    directions ("(LAUGH)").
    """
    if not turns:
        return list(mentions)
    directions = [match.span() for match in _STAGE_DIRECTION.finditer(text)]
    if directions:
        mentions = [m for m in mentions if not any(a <= m.start < b for a, b in directions)]
    out: list[NameMention] = []
    k = 0
    named: set[int] = set()  # the turns whose speaker has a mention already
    for mention in mentions:
        while k < len(turns) and turns[k].label_end <= mention.start:
            k += 1
        if k < len(turns) and turns[k].label_start <= mention.start < turns[k].label_end:
            turn = turns[k]
            if (
                turn.written
                and not turn.is_host
                and turn.name_start <= mention.start < turn.name_end
                and k not in named
            ):
                named.add(k)
                out.append(
                    replace(
                        mention,
                        start=turn.name_start,
                        end=turn.name_end,
                        text=turn.written,
                        title_start=turn.name_start,
                        title="",
                        role="",
                        status="",
                        has_honorific=True,
                        is_common=False,
                    )
                )
            continue
        out.append(mention)
    return out
