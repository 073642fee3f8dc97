"""The story as an article: bullets, headline, body, differences and pull quote, every line cited.

``compose_article`` turns a ``Brief`` into a ``StoryArticle``, the form many
readers want (three key-point bullets, a headline, a few short paragraphs, a
pull quote with its speaker), written only with the sources' words:

* the bullets are the three best-supported key points, in another outlet's
  words when the body shows a point's first wording;
* the body is the brief's summary at the article's word budget
  (``build_summary``), lightly trimmed (a dateline such as "WASHINGTON
  (Reuters) -" or a teaser such as "(Scroll down for video)" is cut off the
  ends; the words kept are one span of the source), less what an article
  cannot show: a sentence that repeats another in other words, one that
  leans on a sentence not shown just before it (a dangling "he", the end of
  a quotation) or opens a quotation whose speaker is not shown with it;
  the words so freed go to the summary's next choice.  Of the bodies so
  made (at several allowances), the one that covers the most of what
  several outlets say (the summary's word pairs, ``covered_weights``) is
  shown; words still left go to central sentences (one that
  leans on a sentence shown comes right after it).  A leading
  "However,"/"But" is dropped from a sentence shown away from the one
  before it; the sentences are grouped in paragraphs in a natural order:
  what happened, who said what, the context, what comes next;
* every sentence carries its evidence: the span whose words it shows first,
  then the sentences of the other outlets that report the same fact;
* the differences are the brief's disputes; the pull quote is the quote most
  outlets carry.

``article_problems`` checks an article against its brief (the evaluation and
the tests run it on every article they make).

Example:
    >>> from newsfuse import fuse
    >>> article = compose_article(fuse(["examples/seeds"])[0], words=250)   # doctest: +SKIP
    >>> article.bullets[0].sources                                           # doctest: +SKIP
    ('000_0fc7f42979d01f16', '001_ef686245f382e15e', ...)
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from rapidfuzz import fuzz, process

from newsfuse.brief.align import ALIGN_THRESHOLD, REDUNDANT_THRESHOLD, StoryView, build_view
from newsfuse.brief.headline import HEADLINE_WORDS
from newsfuse.brief.quotes import said_around
from newsfuse.brief.summary import (
    REDUNDANT_SIMILARITY,
    addresses_reader,
    Summarizer,
    covered_weights,
    is_boilerplate,
    is_caption,
    sentences_leaned_on,
    summarizer,
)
from newsfuse.brief.standalone import (
    MAX_PULLED_SENTENCES,
    SAID,
    introduces_next,
    leans_on_previous,
    needs_context,
    needs_previous,
    opens_quote,
    opens_unattributed_quote,
    rest_of_quotation,
    speaker_after,
    speaker_before,
)
from newsfuse.brief.trim import MIN_TRIMMED_WORDS, shown_part, trim_sentence
from newsfuse.models import Brief, CleanArticle, Dispute, Evidence, Point, Quote, outlet_of
from newsfuse.text import count_words, fold, words

__all__ = [
    "ARTICLE_WORDS",
    "ROLES",
    "CitedSentence",
    "Paragraph",
    "PullQuote",
    "StoryArticle",
    "article_problems",
    "compose_article",
]

# The body's default word budget (the CLI's ``--words``).
ARTICLE_WORDS = 250
BULLET_COUNT = 3

# Paragraph roles, in the order a news story tells them.
ROLES = ("happened", "said", "context", "next")

# A paragraph holds at most this many sentences and words; a longer role
# group is split.  Chosen for the 2-4 sentence paragraphs of wire copy;
# the body keeps between MIN_PARAGRAPHS and MAX_PARAGRAPHS when it can.
MAX_PARAGRAPH_SENTENCES = 3
MAX_PARAGRAPH_WORDS = 75
MIN_PARAGRAPHS = 3
MAX_PARAGRAPHS = 6

# Trimming frees words of the budget, and so does leaving out a repeat;
# bringing in the sentence another leans on costs words.  The summary's
# allowance is moved by the difference, at most this many extra rounds.
REFILL_ROUNDS = 4
# A sentence of the summary's choice that the body leaves out (it leans on
# a sentence that cannot come, opens a quotation with no speaker, or repeats
# one shown) is passed over and the choice made again, so that the summary's
# next choice takes its place and the sentence no longer counts as covering
# its word pairs or as a reason to skip another outlet's wording of its fact.
# At most this many such rounds and this many sentences passed over (on
# the Multi-News sample at 230 words, 149 of 250 bodies pass over none,
# 92 one to three, the most is 17).
# On the Multi-News sample this gains +0.15 ROUGE-2 at 230 words and +0.19
# at 120 against moving the allowance alone, ROUGE-1 within +-0.05.
EXCLUDE_ROUNDS = 6
EXCLUDE_LIMIT = 40
# Words still left then go to the most central sentences that fit; this
# many are looked at.
TOP_UP_CANDIDATES = 200
# Each choice that fits is a candidate body (filled as above); the summary's
# choice is also made again at allowances around the budget, PROBE_SHARE of
# it either way in PROBE_STEPS steps each side, with the sentences passed
# over.  The candidate whose words cover the most weight of the story's word
# pairs wins (``covered_weights``: the summary's concepts, a pair weighing
# the number of outlets that use it; then the fuller body), instead of the
# fullest.  On the Multi-News sample (same briefs) this moved body minus
# summary ROUGE-1/2/L from -0.02/+0.03/+0.02 to +0.01/+0.14/+0.11 at 230
# words and from -0.01/+0.20/+0.22 to +0.05/+0.28/+0.32 at 120 against
# choosing by F1 of the stemmed words against the summary's (which was
# worse at 60 words, better by 0.09 ROUGE-1 at 300); choosing by recall of
# the summary's words, by content words only, by word pairs too, or with a
# bonus for fuller bodies did no better, nor did probing 0.10 in 4 steps or
# 0.20 in 8 steps (all within the noise of the sample: its 95% intervals
# are about +-0.3).
PROBE_SHARE = 0.15
PROBE_STEPS = 6

# Two body sentences at or above this rapidfuzz token-set ratio say the same
# thing in (nearly) the same words; the later one is left out.  Rewordings
# are kept out earlier (``_article_view``); this catches wire copies whose
# trimmed forms differ only in punctuation or a clause.
REPEAT_RATIO = 90

# Another outlet's sentence heads the article in place of a headline the body
# shows only with this many words: shorter ones are labels or fragments.
MIN_HEADLINE_WORDS = 6

# A pull quote is a statement, not a word or two in quotation marks: at
# least this many words, preferred; a shorter one only when it is a whole
# utterance that opens on a capital ('"Safety first," he replied'), never
# words lifted from a sentence ("collage artist", "pretty early on": 5 of the
# 230 Multi-News pull quotes at 230 words were such, and now there is none).
MIN_PULL_QUOTE_WORDS = 5
# Above this many words a quote stops reading as a pull quote; longer ones
# still qualify but gain nothing from their length.
MAX_PULL_QUOTE_WORDS = 40
# A quotation that goes on from words the reader does not see ("And he was
# arrested in a park...", "But we disagree...") is a pull quote only when no
# other quote carried by as many outlets opens on its own.
_GOES_ON = re.compile(r"^\W*(?:and|but|or|so|yet|also|then)\b", re.IGNORECASE)
# What may stand around a quotation that is a sentence of its own: quotation marks and spaces.
_MARKS_AND_SPACE = " \u00a0\n\"“”‘’'"

# Role cues.  A direct quote or a verb of saying makes "who said what";
# future tense and plans make "what comes next".  Every other sentence is a
# fact, and where the story tells it decides its paragraph (``_paragraphs``).
_QUOTE_MARKS = re.compile(r"[“”\"]\s*\w[^“”\"]{12,}[“”\"]")
# A sentence that opens with a quote mark is a speaker's words.
_OPENING_MARKS = ('"', "“", "‘")
# A trailing attribution ("..., police said.", "..., the mayor told reporters
# Sunday.") holds at most this many words after its comma; the sentence
# before it tells what happened.
TRAILING_ATTRIBUTION_WORDS = 6
# A verb of saying among the first words: the sentence reports speech.
SAID_WITHIN_WORDS = 8
_SAID_EARLY = re.compile(rf"^\W*(?:\S+\s+){{0,{SAID_WITHIN_WORDS}}}?" + SAID.pattern, re.IGNORECASE)
# A fact an unnamed source gives ("Officials said the dogs...", "Police say
# the man...") is what happened, not a voice in the story.
_SOURCED_FACT = re.compile(
    r"^\W*(?:(?:the|a|an|some|local|federal|state|city|county|animal|health|welfare|other|[A-Z][a-z]+)\s+){0,3}"
    r"(?i:officials?|police|authorities|investigators|workers|witnesses|experts|researchers|scientists|analysts|"
    r"reports?|sources?|prosecutors|officers?|residents|doctors|data|records|documents|statistics)\s+"
    r"(?:said|say|says|told|according|reported|report|believe|confirmed)\b",
)
# "will" in lower case only ("Will Smith drove..." is not a plan), and a
# plan of the sentence itself: not one inside quotation marks, nor in a
# clause that describes something ("a search tool that will begin rolling
# out", "the celebrations, which will bring together...").
_NEXT = re.compile(
    r"\b(?:(?-i:will|won't|shall)|(?:is|are|was|were) (?:expected|set|scheduled|due|slated|poised) to|"
    r"plans? to|intends? to|next (?:week|month|year|step|round|meeting)|upcoming|tomorrow|"
    r"later (?:this|next) (?:week|month|year)|in the coming (?:days|weeks|months))\b",
    re.IGNORECASE,
)
_DESCRIBING_CLAUSE = re.compile(
    r"\b(?:which|that|who|whom|whose|where|when|if|whether|how|what)\s+(?:\S+\s+){0,4}$", re.IGNORECASE
)




@dataclass(frozen=True, slots=True)
class CitedSentence:
    """A sentence of the article with the outlets and source sentences it came from.

    ``evidence[0]`` is the span whose words ``text`` shows, exactly
    (``article.text[start:end] == text``); the other spans are sentences of
    other outlets that report the same fact.  ``sources`` are the outlets of
    the evidence, once each, in evidence order.  ``role`` is one of ``ROLES``
    for body sentences, ``""`` for bullets.
    """

    text: str
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    role: str = ""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the body: sentences of one role (``ROLES``), in story order."""

    role: str
    sentences: tuple[CitedSentence, ...]


@dataclass(frozen=True, slots=True)
class PullQuote:
    """The most carried direct quote: its words, speaker, outlets and the spans that hold it."""

    text: str
    speaker: str
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """A story written as an article from its brief; every sentence is cited.

    ``words`` is the body's budget; ``differences`` are the brief's disputes.
    """

    story: str
    headline: str
    headline_source: str
    bullets: tuple[CitedSentence, ...]
    paragraphs: tuple[Paragraph, ...]
    differences: tuple[Dispute, ...]
    pull_quote: PullQuote | None
    words: int
    sources: tuple[str, ...] = ()
    article_count: int = 0

    @property
    def sentences(self) -> tuple[CitedSentence, ...]:
        """The body's sentences, in reading order."""
        return tuple(s for p in self.paragraphs for s in p.sentences)

    @property
    def body(self) -> str:
        """The body as plain text: paragraphs separated by a blank line."""
        return "\n\n".join(" ".join(s.text for s in p.sentences) for p in self.paragraphs)

    @property
    def body_words(self) -> int:
        """The number of words in the body."""
        return sum(count_words(s.text) for s in self.sentences)


def _is_trailing(text: str, said: re.Match) -> bool:
    """Return whether the first verb of saying is a trailing attribution ("..., police said.")."""
    comma = text.rfind(",", 0, said.start())
    return comma > 0 and count_words(text[comma:]) <= TRAILING_ATTRIBUTION_WORDS


def _is_plan(text: str) -> bool:
    """Return whether a sentence tells what comes next: a plan or future of its own, outside quotations."""
    for cue in _NEXT.finditer(text):
        before = text[: cue.start()]
        if before.count('"') % 2 or before.count("“") > before.count("”"):
            continue  # inside a quotation
        if _DESCRIBING_CLAUSE.search(before):
            continue  # a clause describing something: "a tool that will begin rolling out"
        return True
    return False


@functools.lru_cache(maxsize=4096)
def _role(text: str) -> str:
    """Return the role of a sentence: "said", "next" or "happened" (a fact; see ``_paragraphs``).

    A sentence is "who said what" when it opens with a quotation mark, has
    a direct quote and a verb of saying, or opens with its speaker ("Peskov said
    that..."); a fact with a trailing attribution ("..., police said."),
    from an unnamed source ("Officials say the dogs..."), or with words in
    quotation marks but no speaker (a title, "deplorable conditions") is
    still a fact.  On the Multi-News sample, moving such facts out
    of "who said what" gains 0.14 ROUGE-L at 230 words (0.03 at 120), and
    taking a sentence that opens with a quotation mark (closed in a later
    sentence) as "who said what" rather than "what comes next" 0.14 (0.15).
    """
    said = SAID.search(text)
    if text.lstrip().startswith(_OPENING_MARKS) or (said and _QUOTE_MARKS.search(text)):
        return "said"
    if said and _SAID_EARLY.search(text) and not _SOURCED_FACT.match(text) and not _is_trailing(text, said):
        return "said"
    if _is_plan(text):
        return "next"
    return "happened"


def _outlets(evidence: Sequence[Evidence], articles: dict[str, CleanArticle]) -> tuple[str, ...]:
    names = (outlet_of(articles[e.article]) if e.article in articles else e.article for e in evidence)
    return tuple(dict.fromkeys(names))


def _exact(text: str, span: Evidence, articles: dict[str, CleanArticle]) -> Evidence | None:
    """Return the span of ``text`` inside ``span`` (``None`` when it is not there)."""
    article = articles.get(span.article)
    if article is None:
        return None
    at = article.text.find(text, span.start, span.end)
    return None if at < 0 else Evidence(span.article, at, at + len(text))


def _trimmed(span: Evidence, articles: dict[str, CleanArticle], is_alone: bool = False) -> tuple[str, Evidence]:
    """Return the trimmed text of a span and the span of exactly that text (``trim.shown_part``).

    A sentence shown ``is_alone`` (not right after the sentence before it in
    its article) also loses a leading connective that has nothing to
    connect to ("However, Smith said..." -> "Smith said..."), when the word
    after it is capitalised, so the sentence still opens as one.
    """
    text = articles[span.article].text[span.start : span.end]
    start, end = shown_part(text, is_alone)
    return text[start:end], Evidence(span.article, span.start + start, span.start + end)


def _corroboration(view: StoryView, index: int, points: Sequence[Point]) -> list[Evidence]:
    """Return the sentences of other units that report what story sentence ``index`` says.

    A key point holding the sentence gives its aligned sentences; otherwise,
    in each other unit, the closest sentence that reports the same fact
    (``StoryView.aligned``) whose own closest such sentence in this article
    is this one (mutual best matches) and that is no evidence of a key point
    (it reports that point's fact).
    """
    own = view.evidence(index)
    for point in points:
        if any(e.article == own.article and e.start < own.end and own.start < e.end for e in point.evidence):
            # Whole sentences: a point's first span is only the words it shows.
            return [view.evidence(_index(view, e)) for e in point.evidence if e.article != own.article]
    article_index = view.sentences[index].article
    unit = view.units[article_index]
    own_low, own_high = view.ranges[article_index]
    taken = {_index(view, e) for point in points for e in point.evidence}  # a point's first span may be trimmed
    best: dict[int, tuple[float, int]] = {}
    row = np.where(view.aligned[index], view.similarity[index], 0.0)
    for article, (low, high) in enumerate(view.ranges):
        other = view.units[article]
        if other == unit or high == low:
            continue
        j = low + int(row[low:high].argmax())
        back = np.where(view.aligned[j, own_low:own_high], view.similarity[j, own_low:own_high], 0.0)
        if not view.aligned[index, j] or own_low + int(back.argmax()) != index:
            continue
        if j in taken:
            continue
        if other not in best or row[j] > best[other][0]:
            best[other] = (float(row[j]), j)
    return [view.evidence(j) for _, j in sorted(best.values(), key=lambda x: (-x[0], x[1]))]


def _index(view: StoryView, span: Evidence) -> int:
    """Return the story sentence index holding the start of ``span``; -1 if none."""
    for position, article in enumerate(view.articles):
        if article.id == span.article:
            return view.sentence_index(position, span.start)
    return -1


def _article_view(view: StoryView, points: Sequence[Point]) -> StoryView:
    """Return ``view`` with every pair of sentences that say one thing made a repeat (``REDUNDANT_SIMILARITY``).

    ``build_summary`` skips a sentence at or above ``REDUNDANT_SIMILARITY``
    to one it chose.  For an article, sentences also repeat each other in
    other words when they are evidence of one key point, or when sentences of
    two units are as close as ``ALIGN_THRESHOLD`` (the cosine alone, without
    the shared words that ``StoryView.aligned`` asks for citations: a body
    had better leave out a near-rewording than tell it twice), of one unit as
    close as ``REDUNDANT_THRESHOLD``; their similarity is raised
    to ``REDUNDANT_SIMILARITY``.  Of two such sentences of the summary's
    choice the body keeps the one nearer its article's lead (``_choose``),
    and a sentence added to fill the budget must repeat none shown.  (``REDUNDANT_THRESHOLD`` across
    units too gains 0.05 ROUGE-1 and 0.1 ROUGE-2 on the Multi-News sample,
    but the seed story's body then tells Putin's offer twice.)
    """
    similarity = view.similarity
    if similarity.size == 0:
        return view
    units = np.fromiter((view.units[s.article] for s in view.sentences), dtype=np.int32, count=len(view.sentences))
    same_unit = units[:, None] == units[None, :]
    repeat = np.where(same_unit, similarity >= REDUNDANT_THRESHOLD, similarity >= ALIGN_THRESHOLD)
    for point in points:
        members = [i for i in (_index(view, e) for e in point.evidence) if i >= 0]
        repeat[np.ix_(members, members)] = True
    raised = np.where(repeat, np.maximum(similarity, np.float32(REDUNDANT_SIMILARITY)), similarity)
    return dataclasses.replace(view, similarity=raised.astype(np.float32))


Run = list[CitedSentence]  # sentences that must stay together: a sentence and those leaning on it


def _repeats(text: str, shown: Sequence[str]) -> bool:
    """Return whether ``text`` says one of ``shown`` in nearly the same words (``REPEAT_RATIO``)."""
    return process.extractOne(text, shown, scorer=fuzz.token_set_ratio, score_cutoff=REPEAT_RATIO) is not None


def _words(run: Sequence[CitedSentence]) -> int:
    return sum(count_words(s.text) for s in run)


def _leans(view: StoryView, index: int) -> bool:
    """Return whether a story sentence, shown alone, reads only after the one before it in its article.

    ``needs_previous`` of the words it would show alone: it leans by the
    article's rules (``leans_on_previous``), or those words still open with a
    pronoun or a connective ("But there are other problems too.", where the
    trimmer cannot drop "But" before a lower-case word).
    """
    text = view.text(index)
    return needs_previous(view, index, text[slice(*shown_part(text, is_alone=True))])


def _pull(
    view: StoryView, chooser: StoryView, index: int, selected: set[int], is_pulling: bool
) -> list[int] | None:
    """Return the sentences before ``index`` it needs to be read (``[]`` if none), or ``None`` to leave it out.

    Walks back through its article, at most ``MAX_PULLED_SENTENCES``, to a
    chosen sentence or one that stands alone; gives up on a sentence that
    repeats one chosen elsewhere, or on a caption or page furniture.
    """
    def leans(i: int) -> bool:
        return _leans(view, i)

    pulled = sentences_leaned_on(view, index, leans, selected, MAX_PULLED_SENTENCES if is_pulling else 0)
    if pulled is None:
        return None
    last = pulled[-1] if pulled else index
    if leans(last) and last - 1 in selected:
        return pulled  # a bridge to a chosen sentence: its own neighbours, not repeats of it
    others = [i for i in selected if i != index]
    if others and any(float(chooser.similarity[p, others].max()) >= REDUNDANT_SIMILARITY for p in pulled):
        return None
    return pulled


def _choose(
    brief: Brief, view: StoryView, summary_at: Summarizer, chooser: StoryView, allowance: int, is_pulling: bool = True
) -> tuple[list[Run], int, set[int]]:
    """Return the summary's sentences at ``allowance`` (trimmed, cited, in runs), their words, and those left out.

    The summary chooses with ``summary_at`` (``summarizer`` on the story's
    view, less the sentences passed over); the sentences left out are those of its choice that the
    body does not show (the caller passes them over and chooses again).  Of
    two that say one thing (``chooser``, the article view), the one nearer
    its article's lead stays.

    A sentence that leans on the one before ("However, he said...", the
    middle of a long quotation) is shown after it: the sentences before it
    are brought in (``_pull``; not when ``is_pulling`` is false), or it is
    left out; one that opens a quotation with no speaker of its own is shown
    with its speaker, named just before it (``introduces_speaker``, then it
    leans) or in the sentence that closes the quotation, the sentences up to
    which are brought in (``speaker_after``), or it is left out with the
    rest of its quotation: a speaker's words never stand in the article's
    voice.  A quotation whose speaker is shown runs on to its closing mark
    when that comes within ``MAX_PULLED_SENTENCES`` (``rest_of_quotation``;
    else it is shown open, as a long quotation is).  One that ends on a
    colon is shown with the sentence it introduces, chosen too, or left out.
    A sentence repeating
    one already shown in nearly the same words (``REPEAT_RATIO``) is left
    out, with what leans on it.
    """
    articles = {a.id: a for a in brief.articles}
    _, evidence = summary_at(allowance)
    spans: dict[int, Evidence] = {}
    for span in evidence:
        index = _index(view, span)
        if index >= 0:
            spans[index] = span
    selected = set(spans)
    dropped: set[int] = set()
    kept: list[int] = []
    for index in sorted(spans, key=lambda i: (view.sentences[i].position, i)):
        if kept and float(chooser.similarity[index, kept].max()) >= REDUNDANT_SIMILARITY:
            selected.discard(index)  # it repeats a sentence nearer a lead in other words
            dropped.add(index)
        else:
            kept.append(index)
    for index in sorted(spans):
        if index not in selected:
            continue
        pulled = _pull(view, chooser, index, selected, is_pulling)
        if pulled is None:
            selected.discard(index)
            dropped.add(index)
        else:
            selected.update(pulled)
    for index in sorted(selected):
        if index not in selected or not opens_quote(view.text(index)):
            continue
        if not opens_unattributed_quote(view.text(index)) or speaker_before(view, index, selected):
            # Its speaker is shown: bring the rest of the quotation when it is near, else show it open.
            following = rest_of_quotation(view, index, selected) if is_pulling else None
            selected.update(following or ())
            continue
        following = speaker_after(view, index, selected) if is_pulling else None
        if following is not None:
            selected.update(following)
            continue
        selected.discard(index)
        dropped.add(index)
        after = index + 1  # the rest of its quotation goes too
        while after in selected and view.sentences[after].article == view.sentences[index].article:
            if not leans_on_previous(view, after, view.text(after)):
                break
            selected.discard(after)
            dropped.add(after)
            after += 1
    for index in sorted(selected):
        if introduces_next(view.text(index)) and not _is_next_in_article(view, index, selected):
            selected.discard(index)  # "..., as released by the White House:" without what it introduces
            dropped.add(index)
    runs: list[Run] = []
    shown: list[str] = []
    previous = lost = -2
    for index in sorted(selected):
        is_next = index in (previous + 1, lost + 1)
        is_follower = (
            is_next
            and view.sentences[index].article == view.sentences[index - 1].article
            and (_leans(view, index) or introduces_next(view.text(index - 1)))
        )
        if is_follower and (index == lost + 1 or not runs):
            lost = index  # what leans on a sentence left out goes too
            dropped.add(index)
            continue
        previous = index
        text, exact = _trimmed(view.evidence(index), articles, is_alone=not is_follower)
        if not text or _repeats(text, shown):
            previous, lost = -2, index
            dropped.add(index)
            continue
        shown.append(text)
        cited = (exact, *_corroboration(view, index, brief.key_points))
        sentence = CitedSentence(text, _outlets(cited, articles), cited, _role(text))
        if is_follower:
            runs[-1].append(sentence)
        else:
            runs.append([sentence])
    return runs, sum(_words(r) for r in runs), dropped & set(spans)


def _is_next_in_article(view: StoryView, index: int, selected: set[int]) -> bool:
    """Return whether the sentence after ``index`` in its article is ``selected``."""
    after = index + 1
    return after in selected and view.sentences[after].article == view.sentences[index].article


def _excluding(view: StoryView, excluded: set[int]) -> StoryView:
    """Return ``view`` with the ``excluded`` sentences marked as no statements, so that the summary passes them over."""
    sentences = [dataclasses.replace(s, is_statement=False) if s.index in excluded else s for s in view.sentences]
    return dataclasses.replace(view, sentences=sentences)


def _body_runs(brief: Brief, view: StoryView, budget: int) -> list[Run]:
    """Return the body's sentences in runs: the summary's choice, trimmed, repeats left out, within ``budget``.

    A sentence of the summary's choice that the body leaves out is passed
    over and the choice made again (``EXCLUDE_ROUNDS``), so the summary's
    next choice takes its place.  Trimming and leaving sentences out free
    words, bringing in the sentences that others lean on costs words, so the
    summary's allowance is moved (by what was freed or overspent, within the
    bounds found so far) for at most ``REFILL_ROUNDS`` more rounds, then tried
    around the budget (``PROBE_SHARE``).  Every choice that fits, filled
    (``_top_up``), is a candidate; the one whose words cover the most of
    the story's weighted word pairs wins (``covered_weights``: the
    summary's own measure of content, pairs that several outlets use weigh
    most), so that order and trimming cost the least content.
    """
    chooser = _article_view(view, brief.key_points)
    summary_at = summarizer(view)
    choices: list[list[Run]] = []
    low, high = 0, 3 * budget + 1  # an allowance known to fit; one known to overshoot
    allowance = budget
    excluded: set[int] = set()
    for _ in range(REFILL_ROUNDS + EXCLUDE_ROUNDS + 1):
        runs, used, dropped = _choose(brief, view, summary_at, chooser, allowance)
        if used <= budget:
            choices.append(runs)
        if dropped - excluded and len(excluded) < EXCLUDE_LIMIT:
            # Choose again without what was left out: the summary's next choice takes its place.
            excluded |= dropped
            summary_at, chooser = summarizer(_excluding(view, excluded)), _excluding(chooser, excluded)
            low, high = 0, 3 * budget + 1
            continue
        if used <= budget:
            if used == budget:
                break
            low = allowance
            step = allowance + (budget - used)
        else:
            high = allowance
            step = allowance - (used - budget)
        step = min(max(step, low + 1), high - 1)
        if step in (low, high) or step <= low or step >= high:
            break
        allowance = step
    spread = int(budget * PROBE_SHARE)
    stride = max(1, spread // PROBE_STEPS)
    for probe in range(max(1, budget - spread), budget + spread + 1, stride):
        runs, used, _ = _choose(brief, view, summary_at, chooser, probe)
        if used <= budget:
            choices.append(runs)
    if not choices:  # every round overshot: leave out what leans instead of bringing sentences in
        choices.append(_choose(brief, view, summary_at, chooser, budget, is_pulling=False)[0])
    filled = [_top_up(brief, view, chooser, runs, budget) for runs in _distinct(choices)]
    weights = covered_weights(view, [[s.text for run in runs for s in run] for runs in filled])
    best = max(range(len(filled)), key=lambda k: (round(weights[k], 6), sum(map(_words, filled[k])), -k))
    return _in_story_order(view, filled[best])


def _distinct(choices: list[list[Run]]) -> list[list[Run]]:
    """Return the choices with the same sentences once each, in their first order."""
    seen: dict[tuple, list[Run]] = {}
    for runs in choices:
        seen.setdefault(tuple(s.text for run in runs for s in run), runs)
    return list(seen.values())


def _top_up(brief: Brief, view: StoryView, chooser: StoryView, runs: list[Run], budget: int) -> list[Run]:
    """Return ``runs`` with the words left in the budget filled by the most central sentences that fit.

    A sentence added is a statement (not a photo caption or page furniture,
    as for the summary), repeats nothing shown (``REDUNDANT_SIMILARITY`` on
    the article view, ``REPEAT_RATIO``), does not open a quotation that
    it does not close (its rest cannot come) nor end on a colon; its trimmed words must fit.
    It stands alone, or leans on the sentence before it in its article and
    that sentence ends a
    run: it is shown right after it ("He added..." after the sentence that
    names him).  At most ``TOP_UP_CANDIDATES`` are looked at.  On the
    Multi-News sample, followers gain +0.01/+0.05 ROUGE-1/2 at 230 words
    and +0.04/+0.05 at 120.
    """
    left = budget - sum(_words(r) for r in runs)
    if left < MIN_TRIMMED_WORDS:
        return runs
    articles = {a.id: a for a in brief.articles}
    chosen = [i for run in runs for i in (_index(view, s.evidence[0]) for s in run) if i >= 0]
    shown = [s.text for run in runs for s in run]
    order = sorted(
        (s.index for s in chooser.sentences if s.is_statement and s.index not in chosen),
        key=lambda i: (-round(float(chooser.centrality[i]), 6), i),
    )
    runs = [list(run) for run in runs]
    last = {_index(view, run[-1].evidence[0]): run for run in runs}  # where a follower may go
    for index in order[:TOP_UP_CANDIDATES]:
        source = view.text(index)
        if is_caption(source) or is_boilerplate(source) or opens_quote(source) or introduces_next(source):
            continue
        is_next = index > 0 and view.sentences[index - 1].article == view.sentences[index].article
        run = last.get(index - 1) if is_next else None
        is_follower = _leans(view, index)
        if is_follower and run is None:
            continue
        if chosen and float(chooser.similarity[index, chosen].max()) >= REDUNDANT_SIMILARITY:
            continue
        text, exact = _trimmed(view.evidence(index), articles, is_alone=not is_follower)
        size = count_words(text)
        if not text or size > left or _repeats(text, shown):
            continue
        cited = (exact, *_corroboration(view, index, brief.key_points))
        sentence = CitedSentence(text, _outlets(cited, articles), cited, _role(text))
        if is_follower:
            run.append(sentence)
            del last[index - 1]
        else:
            run = [sentence]
            runs.append(run)
        last[index] = run
        chosen.append(index)
        shown.append(text)
        left -= size
        if left < MIN_TRIMMED_WORDS:
            break
    return runs


def _in_story_order(view: StoryView, runs: list[Run]) -> list[Run]:
    """Return runs by the position of their first sentence in its article, the most central article first.

    Leads come first, as in the summary; among sentences at one position,
    the article closest to the story's centroid leads (it tells the story
    most fully).  On the Multi-News sample this ties with the summary's
    order by article (ROUGE-L within 0.1).
    """

    def key(run: Run) -> tuple:
        index = _index(view, run[0].evidence[0])
        if index < 0:
            return (0, 0.0, 0)
        sentence = view.sentences[index]
        return (sentence.position, -round(float(view.article_centrality[sentence.article]), 6), sentence.article)

    return sorted(runs, key=key)


def _split(runs: list[Run]) -> list[list[Run]]:
    """Return a role group's runs cut into even paragraphs within the sentence and word limits.

    The paragraphs hold as many runs each, give or take one (seven runs in
    three paragraphs are 2, 3 and 2, not 3, 3 and a lone sentence).
    """
    if not runs:
        return []
    sentences = sum(len(r) for r in runs)
    total = sum(_words(r) for r in runs)
    parts = max(-(-sentences // MAX_PARAGRAPH_SENTENCES), -(-total // MAX_PARAGRAPH_WORDS))
    parts = min(parts, len(runs))
    bounds = [round(k * len(runs) / parts) for k in range(parts + 1)]
    return [runs[bounds[k] : bounds[k + 1]] for k in range(parts)]


def _paragraphs(runs: Sequence[Run]) -> list[Paragraph]:
    """Return the body's paragraphs: role groups in ``ROLES`` order, 3 to 6 of them when possible.

    ``runs`` come in story order.  A run takes the role of its first sentence;
    the first run (the lead) always opens "what happened".  Where the story
    tells a fact or a voice decides its paragraph, as news is written (lead,
    voices, background): the facts told before the story's first voice are
    what happened; the voices that follow them, up to the next fact, are who
    said what; what the story tells after that, facts and later voices, is
    the context.  Plans (``_is_plan``) come last, as what comes next.  On the
    Multi-News sample this keeps the sources' order where cue words for the
    past ("had been", "last year") and every voice in one paragraph did not:
    body minus summary ROUGE-L -0.44 -> +0.03 at 230 words, -0.17 -> +0.22 at
    120 (ROUGE-1 unchanged; the sentences are the same).
    """
    if not runs:
        return []
    groups: dict[str, list[Run]] = {role: [] for role in ROLES}
    groups["happened"].append(list(runs[0]))
    for run in runs[1:]:
        role = run[0].role or "happened"
        if groups["said"] and role == "happened" or groups["context"] and role == "said":
            role = "context"
        groups[role].append(list(run))
    parts = [(role, chunk) for role in ROLES for chunk in _split(groups[role])]
    while len(parts) < MIN_PARAGRAPHS:
        longest = max(range(len(parts)), key=lambda k: (len(parts[k][1]), -k))
        role, chunk = parts[longest]
        if len(chunk) < 2:
            break
        half = (len(chunk) + 1) // 2
        parts[longest : longest + 1] = [(role, chunk[:half]), (role, chunk[half:])]
    while len(parts) > MAX_PARAGRAPHS:
        # Merge the two adjacent paragraphs of one role with the fewest words (else any two).
        pairs = [k for k in range(len(parts) - 1) if parts[k][0] == parts[k + 1][0]] or list(range(len(parts) - 1))
        k = min(pairs, key=lambda k: (sum(_words(r) for r in parts[k][1] + parts[k + 1][1]), k))
        parts[k : k + 2] = [(parts[k][0], parts[k][1] + parts[k + 1][1])]
    return [
        Paragraph(role, tuple(CitedSentence(s.text, s.sources, s.evidence, role) for run in chunk for s in run))
        for role, chunk in parts
    ]


def _headline(brief: Brief, view: StoryView | None, body: Sequence[CitedSentence]) -> tuple[str, str]:
    """Return the article's headline and its outlet: the brief's, or its fact in words the body does not show.

    A headline taken from a lead sentence (no source has a title) loses its
    dateline: the brief's own lead headline already has (``headline``), a
    brief stored by an earlier version or made by hand may not.  When the
    body shows that very sentence, the article would
    open by saying it twice; another article's sentence that reports the
    same fact (``StoryView.aligned``) heads it instead, the one nearest its
    article's lead, if the body does not show it and it stands alone, tells
    news and has ``MIN_HEADLINE_WORDS`` and at most ``HEADLINE_WORDS`` (or
    the brief headline's words, when that is longer).  Otherwise the brief's
    headline stays.
    """
    headline = brief.headline[slice(*trim_sentence(brief.headline))]
    shown = [s.text for s in body]
    is_title = any(a.title.strip() == brief.headline.strip() for a in brief.articles)
    if view is None or is_title or not _repeats(headline, shown):
        return headline, brief.headline_source
    source = next((k for k, a in enumerate(view.articles) if a.id == brief.headline_article), -1)
    if source < 0:
        return headline, brief.headline_source
    low, high = view.ranges[source]
    # The brief's lead headline is its sentence without a dateline, or a span of it (``headline.headline_span``).
    found = next((i for i in range(low, high) if headline in view.text(i)), -1)
    if found < 0:
        return headline, brief.headline_source
    others = [
        j for j in np.flatnonzero(view.aligned[found])
        if view.sentences[j].article != source and view.sentences[j].is_statement
    ]
    others.sort(key=lambda j: (j - view.ranges[view.sentences[j].article][0], -float(view.similarity[found, j])))
    # No longer than the brief's headline, or a short one's limit: the brief
    # cut its lead (``headline.headline_end``), and the article has no parser.
    longest = max(HEADLINE_WORDS, count_words(headline))
    for index in others:
        text = view.text(index)
        text = text[slice(*trim_sentence(text))]
        if (
            MIN_HEADLINE_WORDS <= count_words(text) <= longest
            and not is_caption(text)
            and not is_boilerplate(text)
            and not addresses_reader(text)
            and not leans_on_previous(view, index, text)
            and not _repeats(text, shown)
        ):
            return text, view.outlets[view.sentences[index].article]
    return headline, brief.headline_source


def _bullets(
    brief: Brief, view: StoryView | None, body: Sequence[CitedSentence], headline: str
) -> list[CitedSentence]:
    """Return up to ``BULLET_COUNT`` bullets: the best-supported key points, then body sentences.

    A bullet stands alone and tells news: a point that leans on the sentence
    before it (``leans_on_previous``), speaks to the reader ("Don't be too
    passive though.", ``addresses_reader``) or repeats the headline is
    passed over.  A
    bullet should not repeat the body: a point is shown in another outlet's
    words when the body shows its first wording, and points the body does
    not show in any of their wordings are taken first; bullets are shown in
    support order.
    """
    articles = {a.id: a for a in brief.articles}
    bullets: list[CitedSentence] = []
    ranks: list[int] = []
    in_body = [s.text for s in body]

    def wording(span: Evidence, is_point: bool = False) -> tuple[str, Evidence, int] | None:
        """Return the words of ``span`` a bullet shows, their span and their story sentence (-1 if none)."""
        shown, exact = _trimmed(span, articles, is_alone=True)
        index = _index(view, exact) if view is not None else -1
        if not shown or addresses_reader(shown) or (index >= 0 and needs_context(view, index, shown)):
            return None
        if not is_point and (index < 0 or not view.sentences[index].is_statement or is_caption(shown)):
            return None  # another outlet's sentence serves only when it is a statement of its own
        return shown, exact, index

    def add(text: str, evidence: Sequence[Evidence], is_fresh: bool, rank: int) -> None:
        exact = _exact(text, evidence[0], articles) if evidence else None
        if exact is None:
            return
        # Another outlet's wording of the point when the body shows this one:
        # the one closest to the point's own words, which tells the same fact
        # most fully (evidence comes in article order).
        alternatives = [w for w in (wording(e) for e in evidence[1:] if e.article in articles) if w]
        if view is not None and (own := _index(view, exact)) >= 0:
            alternatives.sort(key=lambda w: -view.similarity[own, w[2]])  # each other wording has its sentence
        options = [w for w in [wording(exact, True), *alternatives] if w]
        fresh = [w for w in options if not _repeats(w[0], in_body)]
        if not (fresh if is_fresh else options):
            return
        shown, span, _ = (fresh or options)[0]
        if _repeats(shown, [headline, *(b.text for b in bullets)]):
            return
        others = (e for e in evidence if e.article != span.article or not (e.start < span.end and span.start < e.end))
        cited = (span, *others)
        bullets.append(CitedSentence(shown, _outlets(cited, articles), cited))
        ranks.append(rank)

    for is_fresh in (True, False):  # points the body does not show in those words first
        for rank, point in enumerate(brief.key_points):
            if len(bullets) >= BULLET_COUNT:
                break
            add(point.text, point.evidence, is_fresh, rank)
    for sentence in body:
        if len(bullets) >= BULLET_COUNT:
            break
        add(sentence.text, sentence.evidence, False, len(brief.key_points))
    return [b for _, b in sorted(zip(ranks, bullets), key=lambda pair: pair[0])]


def _is_said(span: Evidence, articles: dict[str, CleanArticle]) -> bool:
    """Return whether the quotation at ``span`` stands in its sentence as words someone said.

    Its sentence (the sentences it spans) has a verb of saying outside the
    quotation ('"It's fine," she said'), or "according to", or a colon
    introduces it ('She put it simply: "..."'), or the quotation is the whole
    sentence (a paragraph of quoted words).  A title in quotation marks ('the
    premiere of "How to Train Your Dragon 2."') is none of these.

    Example:
        >>> from newsfuse.models import Sentence
        >>> text = 'He went to the premiere of "How to Train Your Dragon 2." "It was great," she said.'
        >>> article = CleanArticle("a", "", "", text, (Sentence("a", 0, 0, 57, text[:57]),
        ...     Sentence("a", 1, 58, len(text), text[58:])))
        >>> _is_said(Evidence("a", 28, 55), {"a": article}), _is_said(Evidence("a", 59, 71), {"a": article})
        (False, True)
    """
    article = articles.get(span.article)
    if article is None:
        return False
    text = article.text
    inside = [s for s in article.sentences if s.start < span.end and span.start < s.end]
    start = min([span.start, *(s.start for s in inside)])
    end = max([span.end, *(s.end for s in inside)])
    before, after = text[start : span.start], text[span.end : end]
    if not f"{before} {after}".strip(_MARKS_AND_SPACE + ".,!?…;—–-"):
        return True  # the quotation is a sentence of its own
    if before.rstrip(_MARKS_AND_SPACE).endswith(":"):
        return True
    return said_around(before, after)


def _opens_utterance(text: str) -> bool:
    """Return whether a quotation opens as a whole utterance does, on a capital ("Safety first", not "collage artist")."""
    first = next((ch for ch in text if ch.isalnum()), "")
    return first.isupper() or first.isdigit()


def _pull_quote(quotes: Sequence[Quote], articles: dict[str, CleanArticle]) -> PullQuote | None:
    """Return the most carried quote with a speaker: most outlets, then one that opens on its own, then length.

    Only a quote that at least one outlet shows as words said (``_is_said``) qualifies,
    and one under ``MIN_PULL_QUOTE_WORDS`` only when it opens on a capital (a whole utterance).
    """

    def rank(item: tuple[int, Quote]) -> tuple:
        order, quote = item
        size = count_words(quote.text)
        opens = not _GOES_ON.match(quote.text)
        return (size >= MIN_PULL_QUOTE_WORDS, len(set(quote.sources)), opens, min(size, MAX_PULL_QUOTE_WORDS), -order)

    candidates = [
        (k, q)
        for k, q in enumerate(quotes)
        if q.speaker.strip()
        and q.text.strip()
        and q.versions
        and (count_words(q.text) >= MIN_PULL_QUOTE_WORDS or _opens_utterance(q.text))
        and any(_is_said(e, articles) for v in q.versions for e in v.evidence)
    ]
    if not candidates:
        return None
    _, quote = max(candidates, key=rank)
    main = next((v for v in quote.versions if v.text == quote.text), quote.versions[0])
    return PullQuote(main.text, quote.speaker, tuple(dict.fromkeys(quote.sources)), tuple(main.evidence))


def compose_article(brief: Brief, words: int = ARTICLE_WORDS) -> StoryArticle:
    """Return the story of ``brief`` written as an article whose body has at most ``words`` words.

    Raises:
        TypeError: ``brief`` is not a ``Brief``.
        ValueError: ``words`` is below 1.

    Example:
        >>> article = compose_article(brief, words=120)          # doctest: +SKIP
        >>> article.body_words <= 120                             # doctest: +SKIP
        True
    """
    if not isinstance(brief, Brief):
        raise TypeError(f"brief must be a newsfuse Brief, got {type(brief).__name__}")
    if isinstance(words, bool) or not isinstance(words, int) or words < 1:
        raise ValueError(f"words must be a whole number >= 1, got {words!r}; pass the body's word budget")
    articles = {a.id: a for a in brief.articles}
    runs: list[Run] = []
    view = None
    if any(a.sentences for a in brief.articles):
        view = build_view(brief.articles, brief.duplicates)
        runs = _body_runs(brief, view, words)
    body = [s for run in runs for s in run]
    headline, headline_source = _headline(brief, view, body)
    return StoryArticle(
        story=brief.id,
        headline=headline,
        headline_source=headline_source,
        bullets=tuple(_bullets(brief, view, body, headline)),
        paragraphs=tuple(_paragraphs(runs)),
        differences=tuple(d for d in brief.disputes if len(d.versions) >= 2),
        pull_quote=_pull_quote(brief.quotes, articles),
        words=words,
        sources=brief.sources,
        article_count=len(brief.articles),
    )


def article_problems(article: StoryArticle, brief: Brief) -> list[str]:
    """Return where an article is not faithful to its brief's articles; empty when it is.

    Checked: every bullet and body sentence has evidence; every span lies in
    its article; the first span slices to exactly the sentence shown (so every
    word of it stands in its source); its outlets are those of its evidence;
    the body fits its budget and repeats no sentence; each difference version
    and the pull quote stand in their spans.
    """
    texts = {a.id: a.text for a in brief.articles}
    by_id = {a.id: a for a in brief.articles}
    problems: list[str] = []

    def span(where: str, evidence: Evidence) -> str | None:
        text = texts.get(evidence.article)
        if text is None or not 0 <= evidence.start < evidence.end <= len(text):
            problems.append(f"{brief.id} {where}: evidence {evidence} is not a span of a brief article")
            return None
        return text[evidence.start : evidence.end]

    labelled = [(f"bullet {k}", s) for k, s in enumerate(article.bullets, 1)]
    labelled += [(f"body sentence {k}", s) for k, s in enumerate(article.sentences, 1)]
    for where, sentence in labelled:
        if not sentence.evidence:
            problems.append(f"{brief.id} {where}: no evidence")
            continue
        spans = [span(where, e) for e in sentence.evidence]
        if spans[0] is not None and spans[0] != sentence.text:
            problems.append(f"{brief.id} {where}: {sentence.text[:50]!r} is not its first span")
        missing = {fold(w) for w in words(sentence.text)} - {fold(w) for w in words(spans[0] or "")}
        if missing:
            problems.append(f"{brief.id} {where}: words {sorted(missing)[:5]} are not in its source")
        if sentence.sources != _outlets(sentence.evidence, by_id):
            problems.append(f"{brief.id} {where}: outlets {sentence.sources} are not those of its evidence")
    if article.body_words > article.words:
        problems.append(f"{brief.id} body: {article.body_words} words, over the budget of {article.words}")
    shown = [fold(s.text) for s in article.sentences]
    if len(set(shown)) != len(shown):
        problems.append(f"{brief.id} body: a sentence is repeated")
    for number, dispute in enumerate(article.differences, 1):
        for version in dispute.versions:
            first = span(f"difference {number}", version.evidence[0]) if version.evidence else None
            if first is None or version.value.lower() not in first.lower():
                problems.append(f"{brief.id} difference {number}: {version.value!r} is not in its first span")
    if article.pull_quote is not None:
        for evidence in article.pull_quote.evidence:
            if span("pull quote", evidence) not in (None, article.pull_quote.text):
                problems.append(f"{brief.id} pull quote: {article.pull_quote.text[:40]!r} differs from its span")
    return list(dict.fromkeys(problems))
