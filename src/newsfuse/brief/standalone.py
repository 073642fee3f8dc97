"""Whether a story sentence can be shown on its own, or leans on the sentences around it.

A key point, a line only one outlet carries, a summary sentence, a bullet or
a sentence of the article body is shown away from the sentences around it in
its article.  Some cannot be read so: a "he" or a "However" that points back
(``leans_on_previous``), the middle or the end of a quotation running over
several sentences, the first words of a quotation whose speaker a later
sentence names (``needs_context``), or a sentence that opens a quotation it
does not close or ends on a colon that introduces what follows
(``cannot_stand_alone``).  The article form pulls such sentences together
with the ones they lean on; the brief shows another wording, or another
sentence, instead.
"""

from __future__ import annotations

import functools
import re
from typing import AbstractSet, Callable

from newsfuse.brief._tokens import is_dependent, is_statement
from newsfuse.brief.align import StoryView
from newsfuse.brief.quotes import has_speech_verb
from newsfuse.brief.trim import shown_part
from newsfuse.text import count_words

__all__ = [
    "MAX_PULLED_SENTENCES",
    "SAID",
    "cannot_stand_alone",
    "closes_unopened_quote",
    "continues_quotation",
    "introduces_speaker",
    "introduces_next",
    "is_inside_quote",
    "leans_on_previous",
    "needs_context",
    "needs_following",
    "needs_previous",
    "opens_quote",
    "opens_unattributed_quote",
    "rest_of_quotation",
    "speaker_after",
    "speaker_before",
    "standing_run",
]

# A sentence that leans on the ones before it brings in at most this many of
# them (a quotation over three sentences, "He added..." after it).  On the
# Multi-News sample at 230 words, 2 ties 3 (+0.02 ROUGE-1) and is ahead of 1
# (+0.17) and of leaving such sentences out (+0.45); pricing the pair inside
# the summary's choice instead (its words, word pairs and similarities) lost
# 0.12.  Re-run ``newsfuse eval article`` at 230 and 120 words.  A quotation
# whose speaker is shown brings in as many to reach its closing mark: at 230
# words 19 of the 130 quotations the bodies open stay open (longer ones),
# against 49 of 136 before, and body minus summary ROUGE-1/2 moved from
# -0.12/-0.07 to -0.09/+0.03.
# A key point whose every wording leans is shown with at most this many
# sentences on either side (``standing_run``): on the 366 dev briefs 2 keeps
# all three briefs that had no key point (docs/history.md).
MAX_PULLED_SENTENCES = 2

# Verbs of saying: they give a quotation its speaker (and make a sentence "who said
# what" among the article's paragraph roles).
SAID = re.compile(
    r"\b(?:said|says|told|tells|according to|stated|added|announced|asked|argued|claimed|insisted|"
    r"explained|wrote|writes|tweeted|noted|warned|declared|responded|replied|reiterated|confirmed|"
    r"denied|acknowledged|urged|called for|emphasi[sz]ed|stressed|vowed|pledged|promised|admitted|cautioned|"
    r"spokes(?:man|woman|person))\b",
    re.IGNORECASE,
)
# A speaker named after the closing mark of a quotation, with a dash.
_DASH_SPEAKER = re.compile(r"[”\"]\s*(?:[—–―]|-\s)\s*[A-Z]")

# An opening that points back to what the sentence before told ("Until
# then, ...", "Since that day", "Even so, ...") leans on it whatever follows.
_REFERS_BACK = re.compile(
    r"^\W*(?:(?:until|since|by|after|before|despite|at|in spite of|because of|as a result of)\s+"
    r"(?:then|that|this|those|these)\b|(?:even so|as such|in that case|that said|to that end)\b)",
    re.IGNORECASE,
)

# A quote or fact attributed to a pronoun ("'We wait,' he said.", an
# organisation's "..., it added.", '"...!" he declared.') leans on the sentence
# before it as much as one that opens with "He"; see ``_choose``.  The verb is
# any verb of saying the quote finder knows (``_has_speech_verb``, as for
# ``_ATTRIBUTION_ONLY``), or a plain present the lexicon leaves out ("they add").
_PRONOUN_SPEAKER = re.compile(r"(?:[”\"]|,)\s*,?\s*(?:he|she|it|they)\s+(?P<verb>[a-z]+)\b")
_PLAIN_PRESENT_SAYING = frozenset({"add", "explain", "note", "continue", "write"})

# A sentence that only names who spoke the quotation before it, where the page
# closed the quotation with a full stop instead of a comma ('"... in foreign
# courts." Obama wrote in a letter delivered Tuesday.'): a name, a verb of
# saying (``_has_speech_verb``), then nothing, a participle (", calling out
# ..."), or where and when ("in a letter", "on Twitter", "last week"), no
# quotation of its own and no "that" clause ("If confirmed, Gorsuch is..." is
# none).
_ATTRIBUTION_ONLY = re.compile(
    r"^(?:[A-Z][\w.'’-]*\s+){1,5}(?P<verb>[a-z]+)"
    r"(?:\s*\.|,\s*$|,\s+[a-z]+ing\b|\s+(?i:in|at|on|during|after|before|via|with|while|through|last|this|yesterday|today|tonight|"
    r"earlier|later|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)(?!.*\bthat\b)"
)
_QUOTE_CLOSED_WITH_STOP = re.compile(r"[.!?][\"”]\s*$")

# The marks that open or close a quotation, straight or curly, double or single.
_QUOTE_MARKS = "\"“”‘’'"

# What may stand right before an opening straight quote mark besides a space.
_BEFORE_OPENING_QUOTE = "([{—–-:"


@functools.lru_cache(maxsize=4096)  # the body asks again for each sentence at every allowance it tries
def is_inside_quote(text: str, start: int) -> bool:
    """Return whether offset ``start`` of ``text`` falls inside a quotation opened before it.

    The quotation must end: later in the paragraph, or in a later one (the
    next paragraph opens with a quote mark, as a quotation running over
    paragraphs does).  A mark never closed is noise (an inch sign, a mark
    the page lost), not a quotation.  Paragraphs that go on a quotation
    from an earlier one without opening it again (a letter printed over
    several paragraphs: "There are, of course, those who think... But one
    of them shouldn't be the chairman of the Republican party.”") are
    inside it up to its closing mark (``_is_inside_carried_quote``).
    """
    before = text[text.rfind("\n", 0, start) + 1 : start]
    is_straight = before.count('"') % 2 == 1
    if is_straight or before.count("“") > before.count("”"):  # opened earlier in its paragraph
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if ('"' if is_straight else "”") in text[start:end] or text[end:].lstrip().startswith(('"', "“")):
            return True
        if is_straight:
            return False
    return _is_inside_carried_quote(text, start)


def _is_inside_carried_quote(text: str, start: int) -> bool:
    """Return whether ``start`` lies in a quotation carried over paragraphs with no mark to open each one.

    Within ``CARRIED_PARAGRAPHS`` paragraphs either side: a curly quotation
    is open before it, and the first mark after it closes one.
    """
    low = start
    for _ in range(CARRIED_PARAGRAPHS + 1):  # back to the end of the paragraph before the window
        low = text.rfind("\n", 0, low)
        if low < 0:
            break
        while low > 0 and text[low - 1].isspace():
            low -= 1
    before = text[max(low, 0) : start]
    if "“" not in before and "‘‘" not in before and "``" not in before:
        return False  # nothing there opens a curly quotation (the usual case)
    before = _marks(before)
    if before.count("“") <= before.count("”"):
        return False
    high = start
    for _ in range(CARRIED_PARAGRAPHS + 1):  # on to the start of the paragraph after the window
        high = text.find("\n", high)
        if high < 0:
            high = len(text)
            break
        while high < len(text) and text[high].isspace():
            high += 1
    return bool(_CLOSES_FIRST.match(_marks(text[start:high])))


# How far a quotation carried over paragraphs is looked for, either side.
CARRIED_PARAGRAPHS = 3

# The first double quotation mark closes one: a curly closing mark after an
# end of sentence or a comma ("...Republican party.”").  A straight mark is
# not taken: on the dev pages a paragraph that ends on a lone straight mark
# is far more often a page's stray mark than the end of a quotation.
_CLOSES_FIRST = re.compile(r'[^“”"]*?[.!?,]”')


# Marks that pages use for double quotation marks: a double prime, two
# apostrophes or two single quotes (``“Evil Dead’’``, ``''Walk the Line"``).
_ODD_MARKS = re.compile(r"″|''|’’|‘‘|``")
_MARK_FOR = {"''": '"', "’’": "”", "‘‘": "“", "``": "“"}


def _marks(text: str) -> str:
    """Return ``text`` with the odd forms of double quotation marks written as the usual ones.

    A double prime closes a curly quotation open before it, else stands for a straight mark.
    """

    def usual(match: re.Match) -> str:
        mark = match.group()
        if mark != "″":
            return _MARK_FOR[mark]
        before = text[: match.start()]
        return "”" if before.count("“") > before.count("”") else '"'

    return _ODD_MARKS.sub(usual, text)


def closes_unopened_quote(text: str) -> bool:
    """Return whether a sentence closes a quotation opened before it (``I was 18."``).

    One that opens a quotation it does not close (``McCain said, "I guess``)
    reads well enough alone: with straight quotes, the first mark tells
    which it is (a closing mark follows a word or punctuation, an opening
    one a space or the start).
    """
    return _closes_marked(_marks(text))


def _closes_marked(text: str) -> bool:
    """``closes_unopened_quote`` on a text whose quote marks ``_marks`` has made usual."""
    if text.count("“") < text.count("”"):
        return True
    if text.count('"') % 2 == 0:
        return False
    first = text.find('"')
    return first > 0 and not (text[first - 1].isspace() or text[first - 1] in _BEFORE_OPENING_QUOTE)


def _closes_unopened_aside(text: str) -> bool:
    """Return whether a sentence closes a bracket opened before it (``No, really, that's what it's called.)``).

    It ends an aside, or is an item of a numbered list (``2) Qua economics``),
    that began in the sentence before.
    """
    return text.count(")") > text.count("(") or text.count("]") > text.count("[")


def _has_speech_verb(text: str) -> bool:
    """Return whether a sentence has a verb that gives a quotation its speaker ("said", "recalled")."""
    return bool(SAID.search(text)) or has_speech_verb(text)


def _names_speaker(text: str) -> bool:
    """Return whether the sentence closing a quotation names who spoke.

    A verb of saying (``...," Clark said.``) or a dash after the closing mark
    (``...” — Jon Cryer, on his upset victory``) does; a verb inside the
    quotation is the speaker's own (``...all I can say right now is RIP."``).

    Example:
        >>> _names_speaker('all I can say right now is RIP."'), _names_speaker('it is over," Clark said.')
        (False, True)
    """
    text = _marks(text)
    closing = min((i for i in (text.find("”"), text.find('"')) if i >= 0), default=0)
    after = text[closing:]
    return _has_speech_verb(after) or bool(_DASH_SPEAKER.search(after))


def rest_of_quotation(view: StoryView, index: int, shown: AbstractSet[int] = frozenset()) -> list[int] | None:
    """Return the sentences after ``index`` to bring in so that the quotation it opens is closed.

    The quotation runs on, in the same article, to the first sentence that
    closes one it did not open.  Sentences already ``shown`` are not brought
    in again, and at most ``MAX_PULLED_SENTENCES`` others are.  ``None`` when
    the quotation is not closed so.
    """
    return _up_to(index, _quotation_closer(view, index), shown)


def _up_to(index: int, closer: int, shown: AbstractSet[int]) -> list[int] | None:
    """Return the sentences after ``index`` up to ``closer`` that are not ``shown``; ``None`` past reach."""
    if closer < 0:
        return None
    following = [i for i in range(index + 1, closer + 1) if i not in shown]
    return following if len(following) <= MAX_PULLED_SENTENCES else None


def _quotation_closer(view: StoryView, index: int) -> int:
    """Return the sentence of ``index``'s article that closes the quotation it opens, within reach; -1 if none."""
    article = view.sentences[index].article
    for after in range(index + 1, index + MAX_PULLED_SENTENCES + 2):
        if after >= len(view.sentences) or view.sentences[after].article != article:
            return -1
        if closes_unopened_quote(view.text(after)):
            return after
    return -1


def speaker_after(view: StoryView, index: int, shown: AbstractSet[int] = frozenset()) -> list[int] | None:
    """Return the sentences after ``index`` to bring in so that the quotation it opens reaches its speaker.

    As ``rest_of_quotation``, and the sentence that closes the quotation
    must name the speaker (``_names_speaker``).  ``None`` when the speaker is
    not reached so.
    """
    closer = _quotation_closer(view, index)
    if closer < 0 or not _names_speaker(view.text(closer)):
        return None
    return _up_to(index, closer, shown)


def _quotation_opening(text: str) -> tuple[str, int]:
    """Return ``text`` with odd quote marks made usual, and where the quotation it leaves open begins (-1: none)."""
    text = _marks(text)
    if text.count("“") > text.count("”"):
        return text, text.find("“")
    if text.count('"') % 2 == 1 and not _closes_marked(text):
        return text, text.rfind('"') if text.count('"') > 1 else text.find('"')
    return text, -1


def opens_quote(text: str) -> bool:
    """Return whether a sentence opens a quotation that it does not close."""
    return _quotation_opening(text)[1] >= 0


def opens_unattributed_quote(text: str) -> bool:
    """Return whether a sentence opens a quotation it does not close and names no speaker before it.

    ``"All I can say is wow!`` is a speaker's first words whose attribution
    comes later; ``McCain responded, "I guess...`` and ``The statement
    reads: "We are...`` name theirs (a verb of saying, or a colon, before
    the mark).
    """
    text, opening = _quotation_opening(text)
    if opening < 0:
        return False
    return not (_has_speech_verb(text[:opening]) or text[:opening].rstrip().endswith(":"))


def introduces_speaker(view: StoryView, index: int, text: str) -> bool:
    """Return whether a sentence opening a quotation with no speaker of its own follows one that names one.

    The sentence before it in its article ends with a colon ("In a
    statement, the family said:") or has a verb of saying ('"We are
    devastated," she said.'): shown after it, the quotation reads as the
    source wrote it.
    """
    if index == 0 or view.sentences[index - 1].article != view.sentences[index].article:
        return False
    if not opens_unattributed_quote(text) or speaker_after(view, index) is not None:
        return False  # no quotation to attribute, or its speaker comes right after it
    before = view.text(index - 1).rstrip()
    return before.endswith(":") or _has_speech_verb(before)


def speaker_before(view: StoryView, index: int, shown: AbstractSet[int]) -> bool:
    """Return whether the quotation opened at ``index`` is shown after the sentence that names its speaker."""
    return index - 1 in shown and introduces_speaker(view, index, view.text(index))


def _attributes_to_pronoun(text: str) -> bool:
    """Return whether a sentence gives a quotation or fact to a pronoun ('"...!" he declared.', "..., it added.")."""
    return any(
        _has_speech_verb(match["verb"]) or match["verb"] in _PLAIN_PRESENT_SAYING
        for match in _PRONOUN_SPEAKER.finditer(text)
    )


def _names_speaker_before(view: StoryView, index: int, text: str) -> bool:
    """Return whether a sentence only attributes the quotation the sentence before it closed (``_ATTRIBUTION_ONLY``)."""
    if index == 0 or view.sentences[index - 1].article != view.sentences[index].article:
        return False
    match = _ATTRIBUTION_ONLY.match(text)
    if not match or not _has_speech_verb(match["verb"]) or any(mark in text for mark in '"“”'):
        return False
    return bool(_QUOTE_CLOSED_WITH_STOP.search(view.text(index - 1)))


def leans_on_previous(view: StoryView, index: int, text: str) -> bool:
    """Return whether a story sentence reads only after the one before it in its article.

    It opens with a pronoun or a connective ("However, he..."), or with a
    phrase that points back ("Until then, ..."), attributes a
    quote to a pronoun ("..., she said.") or only names the speaker of the
    quotation just before it, continues a quotation that
    runs over several sentences (it starts inside an open quote, or closes
    one it did not open), ends an aside opened before it, or opens a
    quotation whose speaker the sentence before names
    (``introduces_speaker``).  Shown alone, its "he" would name someone
    else, or a speaker's words would read as the article's own.
    """
    sentence = view.sentences[index]
    article = view.articles[sentence.article]
    return (
        sentence.is_dependent
        or bool(_REFERS_BACK.match(text))
        or _attributes_to_pronoun(text)
        or closes_unopened_quote(text)
        or _closes_unopened_aside(text)
        or is_inside_quote(article.text, sentence.sentence.start)
        or introduces_speaker(view, index, text)
        or _names_speaker_before(view, index, text)
    )


def needs_context(view: StoryView, index: int, text: str) -> bool:
    """Return whether a story sentence cannot be shown on its own, as a key point or a bullet is.

    It leans on the sentence before it (``leans_on_previous``), or it opens a
    quotation whose speaker only a later sentence names ('"Hello, my name is
    the Republican Party, and I got a problem.' before 'I'm addicted to
    spending," he declared.'): alone, a speaker's words would read as the
    article's own.
    """
    return leans_on_previous(view, index, text) or opens_unattributed_quote(text)


# A connective that ties a sentence to the one before it ("But some research
# suggests...", "In addition, assets of the bank...", "However, for
# percussionists...").  ``trim.shown_part`` drops the single-word ones when a
# capitalised word follows; one left at the head of a shown text still leans.
# The ones that also open a phrase of their own ("Still photos", "Besides the
# 14 demands", "In addition to") lean only with their comma.
_LEANING_CONNECTIVE = re.compile(
    r"^\W*(?:(?:However|But|And|Yet|Also|Instead|Nevertheless|Nonetheless|Moreover|Furthermore|Additionally"
    r"|Likewise|Similarly|Meanwhile|Otherwise)\b|(?:Still|Besides|In addition|As a result|On the other hand"
    r"|At the same time|In turn|Even then),)"
)


def continues_quotation(view: StoryView, index: int, text: str) -> bool:
    """Return whether a sentence goes on with a quotation that a sentence before it opened.

    It closes a quotation it did not open (``I was 18."``) or lies inside
    one (``is_inside_quote``: "Nothing bad is going to happen." in the middle
    of a speaker's words): alone, the speaker's words would read as the
    article's own.
    """
    sentence = view.sentences[index]
    return closes_unopened_quote(text) or is_inside_quote(view.articles[sentence.article].text, sentence.sentence.start)


def needs_previous(view: StoryView, index: int, text: str) -> bool:
    """Return whether a sentence, shown as ``text`` (a trimmed part of it), reads only after the one before it.

    It leans on it as the article's rules say (``leans_on_previous``), or
    the words shown open with a pronoun (``is_dependent``: "He was promoted
    ...", once a dateline is cut off) or a connective (``_LEANING_CONNECTIVE``:
    "But some research suggests...").
    """
    return leans_on_previous(view, index, text) or is_dependent(text) or bool(_LEANING_CONNECTIVE.match(text))


def introduces_next(text: str) -> bool:
    """Return whether a sentence ends on a colon, introducing the sentence after it ("...tweeted early Monday:").

    Example:
        >>> introduces_next("Steve Harvey tweeted early Monday:"), introduces_next("He left.")
        (True, False)
    """
    return text.rstrip().endswith(":")


def needs_following(view: StoryView, index: int, text: str) -> bool:
    """Return whether a sentence, shown as ``text``, reads only with the sentence after it.

    It opens a quotation it does not close, whether or not it names the
    speaker first ('I think that many of them say, "Well, you're a
    hypocrite.'), it lies in a quotation that goes on after it ("I don't
    think that's what our fans want." between the speaker's other words), or
    it ends on a colon that introduces what follows ("Steve Harvey ...
    tweeted early Monday:").
    """
    if opens_quote(text) or introduces_next(text):
        return True
    sentence = view.sentences[index]
    return is_inside_quote(view.articles[sentence.article].text, sentence.sentence.end)


def cannot_stand_alone(view: StoryView, index: int, text: str) -> bool:
    """Return whether a sentence shown as ``text`` cannot be read on its own, as a key point or a summary line is.

    Stricter than ``needs_context`` (the article's test, which pulls a
    quotation's other sentences in with it): it leans on the sentence before
    it (``needs_previous``) or on the ones after it (``needs_following``).

    Example:
        >>> view = build_view([article])   # doctest: +SKIP
        >>> cannot_stand_alone(view, 3, 'Harvey tweeted early Monday:')   # doctest: +SKIP
        True
    """
    return needs_previous(view, index, text) or needs_following(view, index, text)


def standing_run(
    view: StoryView,
    index: int,
    can_join: Callable[[int], bool] = lambda _: True,
    limit: int = MAX_PULLED_SENTENCES,
) -> tuple[int, int] | None:
    """Return the first and last sentences of the shortest run around ``index`` that reads on its own; ``None`` if none.

    A sentence that cannot stand alone (``cannot_stand_alone``) may still be
    shown with the sentences it leans on, as the summary shows a quotation
    with its other sentences: the run walks back through its article while
    its first sentence, as shown (``shown_part``), needs the one before it
    (``needs_previous``), and on while its last needs the one after it
    (``needs_following``); a run that opens with a quotation is asked whole,
    so that its '"...," he said.' leans too.  It brings in only sentences of the same
    article that ``can_join`` allows (no photo caption or page furniture)
    and at most ``limit`` on either side of ``index``, and the whole must be
    a statement as a single sentence is (``is_statement``: at most
    ``MAX_STATEMENT_WORDS`` words, no bare quotation whose speaker is
    elsewhere, no question); past these there is none.  Every word of a run
    is the article's own, one span of it (paragraph breaks included).

    Example:
        >>> view = build_view([article])   # doctest: +SKIP
        >>> view.text(4)                   # doctest: +SKIP
        'It has four floors and six fireplaces.'
        >>> standing_run(view, 4)          # doctest: +SKIP
        (3, 4)
    """
    sentence = view.sentences[index]
    text = view.articles[sentence.article].text

    def shown(first: int, last: int) -> str:
        """The words of sentences ``first`` to ``last`` as a point shows them: one span, its ends trimmed."""
        start = view.sentences[first].sentence.start + shown_part(view.text(first), is_alone=True)[0]
        end = view.sentences[last].sentence.start + shown_part(view.text(last), is_alone=True)[1]
        return text[start:end]

    def joins(a: int, b: int) -> bool:
        """Whether sentence ``b`` goes on right after ``a`` in their article, and the new one of them may join."""
        return (
            0 <= a < b < len(view.sentences)
            and view.sentences[a].article == view.sentences[b].article == sentence.article
            and can_join(a if a < first else b)
        )

    first = last = index
    while True:
        # A run that opens with a quotation is asked whole: its '"...," he said.' leans on who "he"
        # is.  One that opens in the article's own words names who speaks after it ("Trump said he's
        # prepared to sign a bill... Federal employees will get back pay "very quickly," he said.").
        opening = shown(first, first)
        if needs_previous(view, first, shown(first, last) if opening.lstrip()[:1] in _QUOTE_MARKS else opening):
            if index - first >= limit or not joins(first - 1, first):
                return None
            first -= 1
        elif needs_following(view, last, shown(last, last)):
            if last - index >= limit or not joins(last, last + 1):
                return None
            last += 1
        else:
            break
    words = shown(first, last)
    if first != index and _is_bare_quotation(view.text(first)):
        return None  # '"...the requests in this case." Also revealed was...': whose words is elsewhere
    return (first, last) if first == last or is_statement(words, count_words(words)) else None


def _is_bare_quotation(text: str) -> bool:
    """Return whether a sentence is one whole quotation, its speaker named in another sentence."""
    text = text.strip()
    return len(text) > 1 and text[0] in _QUOTE_MARKS and text.rstrip(".")[-1] in _QUOTE_MARKS
