"""Quotes: the words in quotation marks, who said them, and every outlet's version.

``find_quotes`` reads one article: straight, curly and ``\u0060\u0060...''``
quotation marks, and the speaker from the words around them:

- after the quote: ``"...," he said`` / ``"...," said Peskov`` / ``"..." –
  Volodymyr Zelensky`` (a pull quote);
- before it: ``Putin said: "..."``, ``Putin stated that Russia has "..."``,
  ``according to Peskov, "..."``;
- a pronoun ("he said") is the nearest person named before it;
- a quote with no attribution right after an attributed one in the same
  paragraph continues it.

Scare quotes (one to three words with no speech verb attributing them) are
not quotes.  ``merge_quotes`` then joins the versions of one statement across
outlets: one speaker, similar words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

from rapidfuzz import fuzz

from newsfuse.brief import _lexicon as lex
from newsfuse.brief._tokens import is_title_case, stem
from newsfuse.brief.names import NameMention, scan_names
from newsfuse.brief.people import People
from newsfuse.models import CleanArticle, Evidence, Quote, QuoteVersion
from newsfuse.text import STOPWORDS, _is_abbreviation, _token_before, count_words, fold, words

__all__ = ["QuoteMention", "find_quotes", "merge_quotes", "quote_spans"]

# A quoted phrase this short is a scare quote unless a speech verb attributes it.
SCARE_QUOTE_MAX_WORDS = 3

# How far (characters) a speech verb may stand from the quote it attributes.
MAX_ATTRIBUTION_CHARS = 90

# Two quotes of one speaker are one statement when they share at least
# ``MERGE_MIN_SHARED`` content stems and this fraction of the shorter one's
# stems (overlap coefficient).  "We have always supported peace initiatives"
# and "always viewed peace initiatives positively" share 3 of 4 (0.75).
MERGE_OVERLAP = 0.5
MERGE_MIN_SHARED = 2
# A quote nobody is named for joins a named one only when this close.
UNATTRIBUTED_OVERLAP = 0.6
UNATTRIBUTED_MIN_SHARED = 3

_PAIRS = re.compile(r"“([^“”\n]{1,2000}?)”|``([^`\n]{1,2000}?)''|(?<![\w])‘([^‘’\n]{1,600}?)’(?![\w])")
# Speech verbs are matched in lower case only (a case-insensitive pattern of
# 200 words is several times slower); "Said Peskov:" at a sentence start is rare.
_VERB = re.compile(r"\b(" + "|".join(sorted(lex.SPEECH_VERBS, key=len, reverse=True)) + r")\b")
# Verbs that put a label on something, not words in someone's mouth.
_LABEL_VERBS = frozenset("call calls called calling dubbed labeled labelled described describes termed branded".split())
_ACCORDING = re.compile(r"\baccording to\s+", re.IGNORECASE)
_PRONOUN = re.compile(r"^(he|she)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.!?;]\s|[“”\"]")
_DASH_NAME = re.compile(r"^\s*[–—―-]{1,2}\s*(?=[A-Z])")
_AUXILIARY_END = re.compile(
    r"\b(?:also|later|then|again|has|had|have|would|will|once|repeatedly|publicly|previously|"
    r"recently|earlier|further|had\s+previously)$",
    re.IGNORECASE,
)
_OPENING_PRONOUN = re.compile(r"^\s*(?:[^,]{0,40},\s*)?(he|she)\b", re.IGNORECASE)
# Words that open an adverbial phrase, not the subject of a speech verb.
_NOT_SUBJECT = frozenset(
    "during in at on for with after before since as while when because although from by into of to about "
    "amid despite given following under over through without".split()
)
_SPEAKER_NOUNS = frozenset(
    "officials officers police authorities analysts experts witnesses residents sources spokesman spokeswoman "
    "spokesperson aides aide lawmakers prosecutors investigators".split()
)
_ENDS_CLAUSE = re.compile(r"[ \t\u00a0]*(?:[,.;:!?—–“”\"]|\s[–—-]|\s*$|\([^()]{1,25}\)|\s+of\s+[A-Z])")
# A party or state tag after a name: "(D-N.Y.)", "(R-Wis.)", "(R)".
_PARTY_TAG = re.compile(r"\s*\([A-Z][\w.\-, ]{0,20}\)$")
_INTRO = re.compile(r"^\s*[^,“”\"]{0,40},\s*")
# "he"/"she" skip a person whose gender is known to differ: from an honorific
# (Mr., Mrs., Ms.) or a common first name.  A short list on purpose: an unknown
# name is never ruled out, so the list only needs the frequent names of news.
_MALE_HONORIFICS = frozenset("mr mr. sir lord".split())
_FEMALE_HONORIFICS = frozenset("mrs mrs. ms ms. miss madam lady dame".split())
_MALE_FIRST_NAMES = frozenset(
    "aaron adam alan albert andrew anthony arthur barack ben benjamin bernie bill billy bob bobby boris brian "
    "bruce carl charles chris christopher chuck dan daniel david dennis dick donald doug douglas ed edward "
    "emmanuel eric frank fred gary george gerald greg gregory harold harry henry jack jacob james jason jeb "
    "jeff jeffrey jeremy jerry jim jimmy joe john johnny jon jonathan jose joseph josh joshua juan justin "
    "keith ken kenneth kevin larry lawrence louis marco mark martin matt matthew michael mike mitch newt "
    "nicholas olaf patrick paul peter philip ralph rand randy raymond reince richard rick robert roger ron "
    "ronald roy rudy russell ryan sam samuel scott sean sergei stephen steve steven ted terry thomas tim "
    "timothy tom tony vladimir volodymyr walter wayne william xi".split()
)
_FEMALE_FIRST_NAMES = frozenset(
    "alice amanda amy andrea angela ann anna anne barbara betsy betty carly carol catherine chelsea cheryl "
    "christina christine condoleezza cynthia debbie deborah diana diane donna dorothy elaine elizabeth emily "
    "emma frances gloria grace hannah heather helen hillary huma ivanka janet janice jean jennifer jessica "
    "jill joan joyce judith judy julia julie kamala karen katherine kathleen kathryn kathy kayleigh kelly "
    "kellyanne kimberly kirsten laura lauren linda lisa loretta madeleine margaret maria marie martha mary "
    "megan melania melissa michele michelle nancy nicole nikki olivia pamela patricia rachel rebecca rose "
    "ruth sandra sara sarah sharon sheryl shirley stephanie susan susana tammy teresa theresa tulsi ursula "
    "victoria virginia".split()
)
_NOUN_PHRASE = re.compile(r"^(?:the|a|an)\s+([\w'’\- ]{3,60}?)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class QuoteMention:
    """One quote in one article: the quoted words' span and the speaker found.

    ``speaker`` is "" when nobody could be named; ``how`` says how the
    speaker was found (``after``, ``before``, ``pronoun``, ``continued``,
    ``dash`` or ``none``).
    """

    article: str
    start: int
    end: int
    text: str
    speaker: str
    how: str


def quote_spans(text: str) -> list[tuple[int, int, int, int]]:
    """Return ``(open, content_start, content_end, close_end)`` for every quotation."""
    spans: list[tuple[int, int, int, int]] = []
    for match in _PAIRS.finditer(text):
        group = next(g for g in (1, 2, 3) if match.group(g) is not None)
        spans.append((match.start(), match.start(group), match.end(group), match.end()))
    # Straight double quotes pair up within a line.
    line_start = 0
    for line in text.split("\n"):
        positions = [line_start + m.start() for m in re.finditer('"', line)]
        for k in range(0, len(positions) - 1, 2):
            a, b = positions[k], positions[k + 1]
            if b - a > 1:
                spans.append((a, a + 1, b, b + 1))
        line_start += len(line) + 1
    spans.sort()
    # Drop quotes inside quotes ('...' within "...").
    kept: list[tuple[int, int, int, int]] = []
    for span in spans:
        if kept and span[0] < kept[-1][3]:
            continue
        kept.append(span)
    return kept


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the quoted words' span without outer spaces and a trailing comma or colon."""
    while start < end and text[start] in " \t\u00a0":
        start += 1
    while end > start and text[end - 1] in " \t\u00a0,;:":
        end -= 1
    return start, end


def _sentence_bounds(article: CleanArticle, starts: Sequence[int], offset: int) -> tuple[int, int]:
    """Return the span of the sentence holding ``offset`` (its line when none does)."""
    index = bisect_right(starts, offset) - 1
    if index >= 0:
        sentence = article.sentences[index]
        if sentence.start <= offset < sentence.end:
            return sentence.start, sentence.end
    line_start = article.text.rfind("\n", 0, offset) + 1
    line_end = article.text.find("\n", offset)
    return line_start, line_end if line_end >= 0 else len(article.text)


def _noun_phrase(segment: str) -> str:
    """Return a descriptive speaker ("a Kremlin spokesman", "officials") if ``segment`` is one."""
    cleaned = segment.strip(" ,.;:\u00a0")
    match = _NOUN_PHRASE.match(cleaned)
    phrase = match.group(1) if match else cleaned
    phrase_words = [fold(w) for w in words(phrase)]
    if not phrase_words or len(phrase_words) > 5 or any(w[0].isdigit() for w in phrase_words):
        return ""
    # A speaker phrase opens with a determiner or its noun ("a Kremlin spokesman",
    # "officials"), not a preposition or participle ("given his campaign").
    if not match and phrase_words[0] not in _SPEAKER_NOUNS and phrase[:1].islower():
        return ""
    head = phrase_words[-1]
    if head in _SPEAKER_NOUNS or any(
        w in lex.ROLE_WORDS or w in lex.ROLE_SYNONYMS or w in lex.ORG_CUES for w in phrase_words[-2:]
    ):
        return phrase
    return ""


class _Resolver:
    """Finds speakers in one article."""

    def __init__(self, article: CleanArticle, mentions: Sequence[NameMention], people: People) -> None:
        self.article = article
        self.text = article.text
        self.mentions = mentions
        self.people = people
        self.quoted: list[tuple[int, int]] = []  # (open, close end) of every quotation
        self.quoted_starts: list[int] = []
        self.genders: dict[str, str] = {}
        for mention in mentions:
            title = fold(mention.title.split()[-1]) if mention.title else ""
            gender = "m" if title in _MALE_HONORIFICS else "f" if title in _FEMALE_HONORIFICS else ""
            name = people.resolve(mention.text) if not mention.in_headline else ""
            if gender and name:
                self.genders.setdefault(name, gender)

    def set_quotations(self, spans: Sequence[tuple[int, int]]) -> None:
        """Record the quotations, whose names are not antecedents of a pronoun outside them."""
        self.quoted = list(spans)
        self.quoted_starts = [a for a, _ in self.quoted]

    def _in_quotation(self, offset: int) -> bool:
        index = bisect_right(self.quoted_starts, offset) - 1
        return index >= 0 and self.quoted[index][0] < offset < self.quoted[index][1]

    def gender(self, name: str) -> str:
        """Return "m", "f" or "" (unknown) for a person, from an honorific or a common first name."""
        if name in self.genders:
            return self.genders[name]
        first = fold(name.split()[0]) if name.split() else ""
        return "m" if first in _MALE_FIRST_NAMES else "f" if first in _FEMALE_FIRST_NAMES else ""

    def person_before(self, offset: int, pronoun: str = "") -> str:
        """Return the nearest person named before ``offset`` (coreference by recency).

        With ``pronoun`` "he" or "she", a person of the other known gender is
        passed over, and so are names inside quotations (unless ``offset`` is
        inside the same one).
        """
        unwanted = {"he": "f", "she": "m"}.get(fold(pronoun), "")
        for mention in reversed(self.mentions):
            if mention.end > offset:
                continue
            if mention.in_headline:
                continue
            name = self.people.resolve(mention.text)
            if not name:
                continue
            if unwanted and self.gender(name) == unwanted:
                continue
            if unwanted and self._in_quotation(mention.start) and not self._in_quotation(offset):
                continue
            return name
        return ""

    def canonical(self, name: str) -> str:
        return self.people.resolve(name) or name

    def speaker_name(self, mention: NameMention) -> str:
        """Return the speaker a name mention stands for; "" for a demonym or a headline word."""
        if mention.in_headline:
            return ""
        person = self.people.resolve(mention.text)
        if person:
            return person
        if all(fold(w) in lex.DEMONYMS or fold(w) in lex.PARTY_WORDS for w in mention.text.split()):
            return ""  # "Russian" is not a speaker
        return mention.text

    def subject(self, head: str, base: int) -> tuple[str, str] | None:
        """Return the speaker that is the subject of a speech verb standing right after ``head``.

        ``head`` is the text before the verb (``base`` its offset): "Putin",
        "Zelensky, in his nightly address,", "he", "a Kremlin spokesman", or a
        clause starting with "He ..." whose verbs are coordinated.
        """
        trimmed = _PARTY_TAG.sub("", head.rstrip(" \u00a0")).rstrip(" \u00a0")
        while True:
            match = _AUXILIARY_END.search(trimmed)
            if not match:
                break
            trimmed = trimmed[: match.start()].rstrip(" \u00a0")
        if trimmed.endswith(","):
            # A parenthetical: "Zelensky, in his nightly address, reiterated".
            opening = trimmed.rfind(",", 0, len(trimmed) - 1)
            if opening >= 0 and len(trimmed) - opening <= 80:
                trimmed = _PARTY_TAG.sub("", trimmed[:opening].rstrip(" \u00a0")).rstrip(" \u00a0")
        end = base + len(trimmed)
        last_words = words(trimmed)
        if last_words and fold(last_words[-1]) in lex.SPEAKER_PRONOUNS and trimmed.endswith(last_words[-1]):
            person = self.person_before(end - len(last_words[-1]), last_words[-1])
            return (person, "pronoun") if person else None
        for mention in reversed(self.mentions):
            if mention.end <= end and mention.end >= end - 3:
                name = self.speaker_name(mention)
                if name:
                    return name, ""
                break
            if mention.end < end - 3:
                break
        tail = re.split(r"[,;:]", trimmed)[-1]
        phrase = _noun_phrase(tail)
        if phrase:
            return phrase, ""
        # The verb shares the subject of the clause: "He dismissed ..., and vowed",
        # "Ukrainian President Zelensky has not accepted ... but reaffirmed".
        opening = _OPENING_PRONOUN.match(head)
        if opening:
            person = self.person_before(base + opening.start(1), opening.group(1))
            return (person, "pronoun") if person else None
        intro = _INTRO.match(head)
        clause_start = base + (intro.end() if intro else len(head) - len(head.lstrip()))
        for mention in self.mentions:
            if mention.title_start < clause_start:
                continue
            if mention.title_start <= clause_start + 1 and mention.end < base + len(head):
                name = self.speaker_name(mention)
                if name and self.people.resolve(mention.text):
                    return name, ""
            break
        return None

    def object(self, tail: str, base: int) -> tuple[str, str] | None:
        """Return the speaker named right after a speech verb: "said Peskov", "said the legislator, Rep. X"."""
        stripped = tail.lstrip(" \u00a0")
        offset = base + len(tail) - len(stripped)
        pronoun = _PRONOUN.match(stripped)
        if pronoun:
            person = self.person_before(offset, pronoun.group(1))
            return (person, "pronoun") if person else None
        for mention in self.mentions:
            if mention.title_start < offset:
                continue
            if mention.title_start - offset > 60:
                break
            gap = self.text[offset : mention.title_start]
            # Only an article and descriptive words may come between: "said the legislator, Representative X".
            # ... and the name must end the clause ("said Peskov," not "said Ukraine's readiness").
            ends_clause = _ENDS_CLAUSE.match(self.text, mention.end)
            if ends_clause and re.fullmatch(
                r"(?:(?:the|a|an)\s+)?(?:[a-z][\w\-]*\s+){0,3}(?:[a-z][\w\-]*,\s+)?", gap
            ):
                name = self.speaker_name(mention)
                if name:
                    return name, ""
            break
        cut = re.split(r"[,.;]", stripped)[0]
        phrase = _noun_phrase(cut)
        return (phrase, "") if phrase else None

    def after(self, close_end: int, limit: int) -> tuple[str, str] | None:
        """Return the speaker named right after a quote ('," he said', '," said Peskov')."""
        rest = self.text[close_end : min(limit, close_end + MAX_ATTRIBUTION_CHARS + 40)]
        dash = _DASH_NAME.match(rest)
        if dash:
            for mention in self.mentions:
                if close_end + dash.end() <= mention.title_start <= close_end + dash.end() + 2:
                    name = self.speaker_name(mention)
                    if name:
                        return name, "dash"
        boundary = _clause_end(rest)
        clause = rest[: boundary.start() + 1] if boundary else rest
        verb = _VERB.search(clause)
        if not verb or verb.start() > MAX_ATTRIBUTION_CHARS:
            return None
        before_verb = clause[: verb.start()]
        lead = words(before_verb)
        if lead:  # punctuation alone ('" - noted that') is no subject
            if len(lead) > 8:
                return None
            if fold(lead[0]) in _NOT_SUBJECT:
                return None  # '" during his time as a Marine, echoed': no subject here
            who = self.subject(before_verb, close_end)
        else:
            who = self.object(clause[verb.end() :], close_end + verb.end())
        return (who[0], who[1] or "after") if who else None

    def before(self, open_start: int, since: int) -> tuple[str, str] | None:
        """Return the speaker named before a quote ('Putin stated that Russia has "...').

        Only the sentence's text since the previous quote (``since``) counts.
        """
        before = self.text[since:open_start]
        according = None
        for match in _ACCORDING.finditer(before):
            according = match  # the last "according to" before the quote
        if according is not None and open_start - (since + according.end()) <= MAX_ATTRIBUTION_CHARS:
            who = self.object(before[according.end() :], since + according.end())
            if who:
                return who[0], who[1] or "before"
        for verb in reversed(list(_VERB.finditer(before))):
            if open_start - (since + verb.end()) > MAX_ATTRIBUTION_CHARS:
                break
            who = self.subject(before[: verb.start()], since)
            if who is None:
                who = self.object(before[verb.end() :], since + verb.end())
            if who:
                return who[0], who[1] or "before"
        return None


def _clause_end(rest: str) -> re.Match[str] | None:
    """Return the first clause end of ``rest``; the period of "Mr.", "Sen." or an initial does not count."""
    for match in _CLAUSE_END.finditer(rest):
        if rest[match.start()] == "." and _is_abbreviation(_token_before(rest, match.start() + 1)):
            continue
        return match
    return None


def _labels(text: str, open_start: int, sentence_start: int) -> bool:
    """Return whether the last verb before a quote names rather than speaks ("called it a '...'")."""
    before = text[max(sentence_start, open_start - MAX_ATTRIBUTION_CHARS) : open_start]
    verbs = list(_VERB.finditer(before))
    return bool(verbs) and verbs[-1].group(1) in _LABEL_VERBS


def find_quotes(
    article: CleanArticle, people: People, mentions: Sequence[NameMention] | None = None
) -> list[QuoteMention]:
    """Return the quotes of one article with their speakers, in order.

    Scare quotes are left out; quotes whose speaker cannot be found are kept
    with ``speaker == ""`` (``merge_quotes`` drops them unless they match a
    named quote).
    """
    text = article.text
    if mentions is None:
        mentions = scan_names(text)
    resolver = _Resolver(article, mentions, people)
    spans = quote_spans(text)
    resolver.set_quotations([(span[0], span[3]) for span in spans])
    starts = [s.start for s in article.sentences]
    found: list[QuoteMention] = []
    previous: QuoteMention | None = None
    previous_paragraph = -1
    for open_start, content_start, content_end, close_end in spans:
        start, end = _trim(text, content_start, content_end)
        if end <= start:
            continue
        quoted = text[start:end]
        word_count = count_words(quoted)
        if word_count == 0:
            continue
        sentence_start, sentence_end = _sentence_bounds(article, starts, open_start)
        paragraph = text.rfind("\n", 0, open_start)
        close_sentence_end = _sentence_bounds(article, starts, max(close_end - 1, open_start))[1]
        limit = max(sentence_end, close_sentence_end)
        line_end = text.find("\n", close_end)
        limit = min(limit + 200, line_end if line_end >= 0 else len(text))
        who = resolver.after(close_end, limit)
        if who is None:
            since = max(sentence_start, previous.end + 1 if previous and previous.end < open_start else 0)
            who = resolver.before(open_start, since)
        how = who[1] if who else "none"
        speaker = who[0] if who else ""
        is_short = word_count <= SCARE_QUOTE_MAX_WORDS
        if not speaker and previous is not None and previous.speaker and not is_short:
            # A quote right after an attributed one, nobody else named between, continues it.
            same_paragraph = paragraph == previous_paragraph
            # Names in the previous quote's own attribution sentence ('," said X,
            # speaking of Y.') do not break the continuation; a person named after it does.
            attribution_end = _clause_end(text[previous.end : open_start].lstrip("”\"’' ,"))
            cutoff = open_start if attribution_end is None else previous.end + attribution_end.end()
            between = [
                m
                for m in mentions
                if cutoff <= m.start < open_start
                and people.resolve(m.text)
                and resolver.canonical(m.text) != previous.speaker
            ]
            if same_paragraph and not between:
                speaker, how = previous.speaker, "continued"
        if is_short and (how in ("none", "continued", "dash") or _labels(text, open_start, sentence_start)):
            continue  # a scare quote: no speech verb, or a label ("called the deal a 'betrayal'")
        if is_title_case(quoted) and how not in ("after", "dash", "pronoun"):
            continue  # the title of a book, show or slogan
        mention = QuoteMention(article.id, start, end, quoted, speaker, how)
        found.append(mention)
        previous, previous_paragraph = mention, paragraph
    return found


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in (fold(x) for x in words(text)) if w not in STOPWORDS and len(w) > 1)


def _close(a: frozenset[str], b: frozenset[str], overlap: float, minimum: int) -> bool:
    shared = len(a & b)
    if not a or not b:
        return False
    return shared >= min(minimum, len(a), len(b)) and shared / min(len(a), len(b)) >= overlap and shared >= min(
        minimum, 2
    )


def _normal(text: str) -> str:
    return " ".join(fold(w) for w in words(text))


def merge_quotes(
    mentions: Sequence[tuple[int, str, QuoteMention]],
) -> list[Quote]:
    """Return the story's quotes: one per statement, each with every outlet's version.

    Args:
        mentions: ``(article position, outlet, quote)`` for every quote of the
            story's articles, in story order.

    Quotes are sorted by number of outlets, then number of versions, then
    first appearance.
    """
    named = [(k, m) for k, m in enumerate(mentions) if m[2].speaker]
    stems = {k: _stems(m[2].text) for k, m in enumerate(mentions)}
    parent = {k: k for k, _ in named}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    by_speaker: dict[str, list[int]] = defaultdict(list)
    for k, m in named:
        by_speaker[fold(m[2].speaker)].append(k)
    for members in by_speaker.values():
        # Mentions with one wording (near-copies carry many) merge at once;
        # the pairwise tests run once per pair of distinct texts.
        by_text: dict[str, list[int]] = {}
        for k in members:
            by_text.setdefault(mentions[k][2].text, []).append(k)
        by_normal: dict[str, int] = {}
        texts: list[int] = []
        for same in by_text.values():
            for k in same[1:]:
                union(same[0], k)
            normal = _normal(mentions[same[0]][2].text)
            if normal in by_normal:
                union(by_normal[normal], same[0])
            else:
                by_normal[normal] = same[0]
            texts.append(same[0])
        for x, a in enumerate(texts):
            for b in texts[x + 1 :]:
                if find(a) == find(b):
                    continue
                if _close(stems[a], stems[b], MERGE_OVERLAP, MERGE_MIN_SHARED) or (
                    fuzz.token_set_ratio(mentions[a][2].text, mentions[b][2].text) >= 90
                    and min(len(stems[a]), len(stems[b])) >= 1
                ):
                    union(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for k, _ in named:
        groups[find(k)].append(k)
    # Unattributed quotes join the closest named statement, if close enough.
    for k, m in enumerate(mentions):
        if m[2].speaker:
            continue
        best, best_shared = None, 0
        for root, members in groups.items():
            shared = max(len(stems[k] & stems[x]) for x in members)
            if shared > best_shared and any(
                _close(stems[k], stems[x], UNATTRIBUTED_OVERLAP, UNATTRIBUTED_MIN_SHARED) for x in members
            ):
                best, best_shared = root, shared
        if best is not None:
            groups[best].append(k)
    quotes: list[tuple[tuple, Quote]] = []
    for members in groups.values():
        members.sort()
        versions: dict[str, list[int]] = {}
        for k in members:
            versions.setdefault(mentions[k][2].text, []).append(k)
        built: list[QuoteVersion] = []
        for keys in versions.values():
            outlets = tuple(dict.fromkeys(mentions[k][1] for k in keys))
            evidence = tuple(Evidence(mentions[k][2].article, mentions[k][2].start, mentions[k][2].end) for k in keys)
            built.append(QuoteVersion(text=mentions[keys[0]][2].text, sources=outlets, evidence=evidence))
        # The most carried version first; among equals the fullest wording.
        built.sort(key=lambda v: (-len(v.sources), -count_words(v.text), min(versions[v.text])))
        outlets = tuple(dict.fromkeys(mentions[k][1] for k in members))
        speaker = next(mentions[k][2].speaker for k in members if mentions[k][2].speaker)
        quote = Quote(speaker=speaker, text=built[0].text, sources=outlets, versions=tuple(built))
        quotes.append(((-len(outlets), -len(built), members[0]), quote))
    quotes.sort(key=lambda kv: kv[0])
    return [q for _, q in quotes]
