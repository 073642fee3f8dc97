"""The brief's headline: the source title most representative of the story.

A title that is only a date or time ("May 2, 2013, 1: 12 PM", a page's
timestamp in the title's place) or is written in capitals throughout
("BRIEF UNPLANNED CABLE INTERNET OUTAGE") does not head a brief: another
title, or the lead, says the story in its own case.  Nothing is recased.

When no source has a title, the headline is a lead sentence, and leads run
long (a median of 26 words over the Multi-News sample, some over 50).  A lead
over ``HEADLINE_WORDS`` is cut at a clause boundary that spaCy's parse shows
is safe (``headline_end``): what is left is the lead's own opening words, a
whole main clause, so the headline still says only what its source said.
When no such cut fits, an opening phrase before the main clause may go too
(``headline_span``), and another outlet's lead that reports the same fact
may head the brief instead (``Headline.others``, ``pick_lead``).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass
from typing import Any, Iterator, Sequence

import numpy as np

from newsfuse.brief import _lexicon as lex
from newsfuse.brief._tokens import ACCORDING_TO, is_complete, is_dependent
from newsfuse.brief.align import StoryView
from newsfuse.brief.ner import parse_texts
from newsfuse.brief.summary import addresses_reader, is_boilerplate, is_caption
from newsfuse.brief.trim import CONNECTIVES, trim_sentence
from newsfuse.clean.rules import is_dateline
from newsfuse.text import count_words

__all__ = [
    "HEADLINE_TARGET_WORDS",
    "HEADLINE_WORDS",
    "Headline",
    "choose_headline",
    "headline_end",
    "headline_span",
    "is_headline_title",
    "is_shouted",
    "pick_lead",
    "shorten_headlines",
]

# A lead headline over this many words is cut at a clause boundary
# (``BriefSettings.headline_words`` sets it per run).
HEADLINE_WORDS = 25
# A lead over this many words is cut shorter still when a cut fits within it
# (``shorten_headlines``): at its main clause, before a closing adverbial
# phrase ("... at the southern U.S. border in an effort to ..."), or to
# another outlet's lead of the same fact.  When none fits, the lead is cut
# as before to ``HEADLINE_WORDS``.  News headlines run 8 to 14 words; over
# the 250 Multi-News stories with no titles 192 lead headlines ran over 16
# words (median 23) with only the cuts to 25.  Re-run the headline length
# script of docs/history.md (Session 29) after a change.
HEADLINE_TARGET_WORDS = 16
# Titles shorter than this are labels ("Update", "World news"), not headlines.
MIN_TITLE_WORDS = 3
# A title whose words of two letters or more are all in capitals, this many
# of them at least, is shouted ("CHARGERS' RECEIVER ARRESTED"); fewer are an
# acronym's title ("NASA TV").  In ECB+, 17 of 772 titles are shouted, and
# every story with one has another title in ordinary case.
MIN_SHOUTED_WORDS = 3


def is_shouted(title: str) -> bool:
    """Return whether a title is written in capitals throughout.

    A word of a script without capitals (Arabic, Hebrew, Chinese...) is not
    shouted: it has no lower-case letter, and no capital either.

    Example:
        >>> is_shouted("BRIEF UNPLANNED SEACOM CABLE INTERNET OUTAGE"), is_shouted("SEACOM cable cut again")
        (True, False)
        >>> is_shouted("زيلينسكي مستعد للمحادثات")
        False
    """
    long_words = [word for word in title.split() if sum(map(str.isalpha, word)) >= 2]
    return len(long_words) >= MIN_SHOUTED_WORDS and all(
        any(map(str.isupper, w)) and not any(map(str.islower, w)) for w in long_words
    )


def is_headline_title(title: str) -> bool:
    """Return whether a source's title may head a brief: a few words, not a bare timestamp, not shouted.

    Example:
        >>> is_headline_title("Lindsay Lohan checks into rehab"), is_headline_title("May 2, 2013, 1: 12 PM")
        (True, False)
    """
    return count_words(title) >= MIN_TITLE_WORDS and not is_dateline(title) and not is_shouted(title)

# A lead that reads only after what came before it on its page, opening with
# a connective or a phrase pointing back ("Then, near the intersection..."),
# or a speaker's words ('"Not that I'm aware of," said the press secretary.').
# A title in quotation marks ('"Moonlight" walked away with...') is no
# speaker's words: a quotation of fewer than MIN_QUOTED_WORDS words opens a lead.
_NO_HEADLINE = re.compile(
    rf"^\W*?(?:(?P<quote>[\"“‘])|(?:{'|'.join(CONNECTIVES)}|then|even so|since then|until then)\b)",
    re.IGNORECASE,
)
MIN_QUOTED_WORDS = 4
_CLOSING_QUOTE = {'"': '"', "“": "”", "‘": "’"}


def _stands_alone(text: str) -> bool:
    """Return whether a lead reads as news without what came before it on its page."""
    if is_dependent(text):
        return False
    match = _NO_HEADLINE.match(text)
    if match is None:
        return True
    if match.group("quote") is None:
        return False
    # The closing mark; a ’ before a letter is an apostrophe ("Kyiv’s").
    closing = _CLOSING_QUOTE[match.group("quote")]
    end = text.find(closing, match.end())
    while closing == "’" and end >= 0 and text[end + 1 : end + 2].isalpha():
        end = text.find(closing, end + 1)
    if end < 0:
        return False  # a quotation never closed runs on
    return count_words(text[match.end() : end]) < MIN_QUOTED_WORDS


@dataclass(frozen=True, slots=True)
class Headline:
    """The chosen headline and where it comes from."""

    text: str
    source: str
    article: str
    is_title: bool = True
    # Other outlets' leads that may head the brief in its place when its own
    # runs long (``pick_lead``): a lead headline's only, most central first.
    others: tuple[Headline, ...] = ()


def choose_headline(view: StoryView) -> Headline:
    """Return the most central source title, or the lead sentence of the most central article.

    A title's score is its mean cosine to the other titles plus its cosine to
    the story centroid (all in the story's TF-IDF space); ties go to the
    earlier article.  Every title of ``MIN_TITLE_WORDS`` that is not a bare
    timestamp counts in the scores, but only one that may head a brief
    (``is_headline_title``: not shouted either) is chosen.
    """
    candidates = [
        (index, article.title.strip())
        for index, article in enumerate(view.articles)
        if count_words(article.title) >= MIN_TITLE_WORDS and not is_dateline(article.title)
    ]
    choices = [k for k, (_, title) in enumerate(candidates) if not is_shouted(title)]
    if choices:
        vectors = view.vectorize([title for _, title in candidates])
        to_centroid = np.asarray(vectors @ view.centroid).ravel()
        if len(candidates) > 1:
            pairwise = (vectors @ vectors.T).toarray()
            np.fill_diagonal(pairwise, 0.0)
            to_titles = pairwise.sum(axis=1) / (len(candidates) - 1)
        else:
            to_titles = np.zeros(1)
        scores = to_centroid + to_titles
        best = max(choices, key=lambda k: (round(float(scores[k]), 6), -k))
        index, title = candidates[best]
        return Headline(title, view.outlets[index], view.articles[index].id)
    return _lead_headline(view)


# A lead that does not end as a sentence gives way to one of the article's
# first this many statements that does.
LEAD_SENTENCES = 3


def _lead_headline(view: StoryView) -> Headline:
    """Return the first statement of the article closest to the story centroid.

    A photo caption or page furniture ("WARNING: The video contains...",
    ``summary.is_boilerplate``) is passed over when a statement follows, and
    so is a statement that does not end as a sentence does (a headline run
    into its standfirst at the top of the text) when one that does follows.  An
    article whose first such statement speaks to its reader (a horoscope or
    an advice column caught in the story: "You can expect some amazing
    things...", ``summary.addresses_reader``) or does not stand alone (it
    opens with a pronoun, a connective or a quotation: a page whose text
    starts mid-story) gives way to the next most central one whose lead
    tells the news; when none does, the first lead that does not speak to
    its reader serves.  It is shown without a dateline (``trim.trim_sentence``).
    """
    ranked = sorted(
        (article for article, (low, high) in enumerate(view.ranges) if high > low),
        key=lambda article: (-round(float(view.article_centrality[article]), 9), article),
    )
    if not ranked:
        # No sentences at all: fall back to the first article's opening words.
        article = view.articles[0] if view.articles else None
        if article is None:
            return Headline("", "", "")
        return Headline(article.text.strip()[:120].strip(), view.outlets[0], article.id)
    leads: list[tuple[int, int]] = []
    telling: list[Headline] = []
    first = -1  # the sentence of the most central lead that tells the news
    for article in ranked:
        low, high = view.ranges[article]
        statements = [i for i in range(low, high) if view.sentences[i].is_statement]
        # Only the first few statements are read (captions and furniture tested lazily).
        news = list(
            itertools.islice(
                (i for i in statements if not is_caption(view.text(i)) and not is_boilerplate(view.text(i))),
                LEAD_SENTENCES,
            )
        )
        # A lead that does not end as a sentence is a headline and its standfirst left
        # in the text ("Deal just a quickie for 'Sex and the City' house; building back
        # on market ... asking $9.65 million now"): the first sentence after it leads.
        ended = (i for i in news if is_complete(view.text(i)))
        chosen = next(ended, news[0] if news else statements[0] if statements else low)
        text = view.text(chosen)
        leads.append((article, chosen))
        if addresses_reader(text) or not _stands_alone(text):
            continue
        if first < 0:
            first = chosen
        elif not view.aligned[first, chosen]:
            continue  # another fact, or the story told from another side
        headline = Headline(_undated(text), view.outlets[article], view.articles[article].id, is_title=False)
        if all(headline.text != other.text for other in telling):
            telling.append(headline)
    if telling:
        return dataclasses.replace(telling[0], others=tuple(telling[1:]))
    article, chosen = next(((a, i) for a, i in leads if not addresses_reader(view.text(i))), leads[0])
    return Headline(_undated(view.text(chosen)), view.outlets[article], view.articles[article].id, is_title=False)


# Another outlet's lead may head the brief when the most central one cannot
# be cut to ``HEADLINE_WORDS``, if it reports the same fact
# (``StoryView.aligned``): on the Multi-News sample, leads of other articles
# taken on their centrality alone were mostly hooks, photo captions and
# background ("Katharine Brown was one of David O. Selznick's most trusted
# employees." for research on "Gone with the Wind"), and worse headlines.


# The most central lead, cut, heads the brief when it runs this many words at
# most, though another outlet's lead is shorter: read on the dev stories,
# leads of other outlets taken for a central one of 17 to 20 words told less
# ("Police officers at Maryland SoccerPlex were assigned to Seattle Reign
# star Megan Rapinoe" for "... Megan Rapinoe never got a chance to kneel
# during the national anthem ..."); over 20, they were mostly better.
CENTRAL_LEAD_WORDS = 20


def pick_lead(shortened: Sequence[str], limit: int = HEADLINE_WORDS, target: int = HEADLINE_TARGET_WORDS) -> int:
    """Return which of a brief's lead headlines, each already cut (``shorten_headlines``), heads it.

    ``shortened`` holds the most central lead first, then ``Headline.others``
    in their order.  The most central one heads the brief when it runs
    ``CENTRAL_LEAD_WORDS`` at most; else the first within ``target`` words is
    taken, else the first within ``limit`` words, else the first.

    Example:
        >>> pick_lead(["A lead of " + "many words " * 20, "A short lead tells it."], limit=25)
        1
    """
    words = [count_words(text) for text in shortened]
    if words and words[0] <= max(CENTRAL_LEAD_WORDS, target):
        return 0
    for most in (min(target, limit), limit):
        found = next((k for k, count in enumerate(words) if count <= most), -1)
        if found >= 0:
            return found
    return 0


def _undated(text: str) -> str:
    """Return a lead sentence without its dateline or teaser phrase ("WARSAW — President Duda said...")."""
    return text[slice(*trim_sentence(text))]


# What is left has at least this many words ("The Saints placed running back
# Pierre Thomas on IR Wednesday"); shorter openings are fragments ("According
# to The Washington Post's Howard Kurtz, it's fact").
MIN_KEPT_WORDS = 10
# A cut that would save fewer words than this is not worth a changed headline
# (", Virginia." off a 26-word lead).
MIN_SAVED_WORDS = 5

# Where a lead may be cut: before a comma, semicolon or dash, or before "and",
# "as" or "while" that opens a clause of its own.
_CUT_MARKS = frozenset({",", ";", "—", "–", "--", "_"})
_CUT_WORDS = frozenset({"and", "as", "while"})
# A relative clause may go from its pronoun on (``_clause_opener``).
_RELATIVE_OPENERS = frozenset({"who", "whom", "whose", "which", "that"})
_DASHES = frozenset({"—", "–", "--", "_"})
# A dropped part hangs from the kept clause only by these relations: adverbial
# and relative clauses, appositions, further verbs, adjuncts.  An object, a
# complement or a subject (dobj, ccomp, xcomp, attr, nsubj...) is never cut off.
_DROPPABLE = frozenset(
    {"advcl", "relcl", "acl", "appos", "conj", "cc", "punct", "npadvmod", "prep", "advmod", "parataxis", "mark"}
)
# Prepositions whose phrase after a comma is an adjunct ("..., including as
# chairman", "..., in the first veto override"); others complete their verb
# ("reclassify drugs, as illegal"; "arrested Smith, of Staunton, on murder
# charges") and stay.
_ADJUNCT_PREPOSITIONS = frozenset(
    {"including", "with", "amid", "during", "following", "in", "at", "through", "near", "among", "like", "such"}
)
# A part opening with these carries the twist or the cause of the news ("...
# collapsed early Sunday, but regulators said there was no danger"; "...,
# after two officers fatally shot 16-year-old Kimani Gray"), or a condition or
# a correction ("unless", "not"): the lead stays whole there.  "because" too:
# "Apparently Lenovo liked what it saw from Sony's Tap 20, because here at CES
# the company is introducing its own ... PC" has its news after it.
_KEEP_OPENINGS = frozenset(
    {"but", "yet", "though", "although", "not", "unless", "except", "if", "only", "instead", "despite", "even",
     "after", "when", "because"}
)
# Deaths and injuries are the news wherever a lead tells them ("A bomb exploded
# Friday at a bank in Woodburn, Oregon, killing a police officer..."): a part
# that tells them goes only when the kept part tells them too.  The words are
# those the disputes count ("12 killed", "the deaths of two").
_CASUALTY_WORDS = frozenset(
    word
    for words in (lex.CASUALTY_WORDS, lex.CASUALTY_NOUNS)
    for word, kind in words.items()
    if kind in ("killed", "injured")
) | {"fatal", "fatally", "dying"}
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_VERBAL = frozenset({"VERB", "AUX"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
_RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom", "whose"})
# A dropped part that attributes the lead ("..., according to the lawsuit";
# "..., police said") stays: without it a claim would read as the outlet's own.
# The verbs of saying the quote finder knows, and a study's "finds".
_SAYING = lex.SPEECH_VERBS | {"find", "finds", "found"}


def _is_finite(verb: Any) -> bool:
    """Return whether a verb carries tense itself or through an auxiliary ("was stripped")."""
    return verb.tag_ in _FINITE_TAGS or any(
        child.dep_ in ("aux", "auxpass") and child.tag_ in _FINITE_TAGS for child in verb.children
    )


def _tells_casualties(span: Any) -> bool:
    return any(token.lower_ in _CASUALTY_WORDS for token in span)


def _has_subject(verb: Any) -> bool:
    return any(child.dep_ in _SUBJECTS for child in verb.children)


# A relative clause that defines its noun ("the moment that led to the deadly
# shooting", "people who need to take antibiotics") stays; one on a noun
# that says what it is without it goes: a name, or a noun with words of its
# own ("a two-year budget pact that would shower...").
_NOUN_MODIFIERS = frozenset({"amod", "compound", "nummod", "poss", "npadvmod"})


def _named(noun: Any) -> bool:
    """Return whether a noun says what it is without its relative clause: a name, or modified."""
    return noun.pos_ == "PROPN" or any(child.dep_ in _NOUN_MODIFIERS for child in noun.children)


def _clause_opener(token: Any) -> bool:
    """Return whether a word cut opens a clause of its own.

    That is "and" joining the main verb; "as" or "while" with a subject, or
    "while" before a participle ("... while visiting his family in
    Madison"); or the relative pronoun, or the preposition before it,
    opening a relative clause ("... a two-year budget pact that would shower
    both the Pentagon...", "... an e-mail in which she wishes...").  An
    "and" lower down joins what belongs together: the rest of a reported
    statement ("regulators said they were monitoring the situation and there
    was no danger"), or of a participle clause ("breaking records and leading
    to several deaths").
    """
    word, head = token.lower_, token.head
    if word == "and":
        return token.dep_ == "cc" and head.dep_ == "ROOT"
    if word in _RELATIVE_OPENERS:
        clause = head.head if word == "whose" else head
        return (
            clause.dep_ == "relcl" and clause.i > token.i and token.left_edge.i == token.i and _named(clause.head)
        )
    if token.dep_ == "prep" and token.i + 1 < len(token.doc) and token.nbor().lower_ in ("which", "whom"):
        return head.dep_ == "relcl" and head.i > token.i
    if word not in ("as", "while") or token.dep_ not in ("mark", "advmod") or head.i <= token.i:
        return False
    if word == "while" and head.tag_ == "VBG" and head.dep_ == "advcl" and not _has_subject(head):
        return True
    return head.pos_ in _VERBAL and any(
        child.dep_ in ("nsubj", "nsubjpass") and child.i > token.i for child in head.children
    )


def _attributes(doc: Any, start: int) -> bool:
    """Return whether the part of ``doc`` from token ``start`` tells who says the lead."""
    if ACCORDING_TO.search(doc[start:].text):
        return True
    # A verb of saying with a subject of its own ("..., police said."; "...,
    # her rep confirms to PEOPLE.", which the parser may hang from the lead's
    # verb as a further one when it ends the sentence).  The lead subject's
    # further words ("..., and said that he...") and a relative clause
    # ("conservationists who say...") are news of their own.
    last = max((t.i for t in doc[start:] if t.text in _CUT_MARKS), default=start)
    return any(
        token.lower_ in _SAYING
        and _is_finite(token)
        and token.dep_ != "relcl"
        and (token.dep_ != "conj" or token.i > last)
        and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in _RELATIVE_PRONOUNS for c in token.children)
        for token in doc[start:]
    )


def _keeps_main_clause(doc: Any, cut: int) -> bool:
    """Return whether the words before token ``cut`` are a whole main clause that needs none after it."""
    if any(token.head.i >= cut for token in doc[:cut]):
        return False  # a kept word depends on a dropped one
    roots = [token for token in doc[:cut] if token.dep_ == "ROOT"]
    if not any(root.pos_ in _VERBAL for root in roots):
        return False
    # No subject, or a subordinate clause the parser took for the main one.
    return any(_has_subject(root) for root in roots) and not any(
        child.dep_ == "mark" for root in roots for child in root.children
    )


# A day or month after "on" is when the news happened ("..., on Tuesday"), no
# part of its verb ("focus on", "fired on"): it may go with the phrase before it.
_DATE_WORDS = frozenset(lex.WEEKDAYS) | frozenset(month.lower() for month in lex.MONTHS)


def _is_date_phrase(preposition: Any) -> bool:
    """Return whether a preposition is "on" before a day or a month ("on Tuesday", "on April 1")."""
    return preposition.lower_ == "on" and any(
        child.dep_ == "pobj" and child.lower_ in _DATE_WORDS for child in preposition.children
    )


def _is_misread_participle(doc: Any, token: Any, cut: int) -> bool:
    """Return whether a verb after the cut is a participle the parser read as what the main verb reports.

    "... said it was ending funding for the Fund, the agency focused on family
    planning ...": the model reads "focused" as a past tense and hangs it from
    "said", where it describes "agency".  A verb with no subject of its own
    right after a noun of the dropped part is such a participle.
    """
    return (
        token.dep_ == "ccomp"
        and token.tag_ in ("VBD", "VBN")
        and token.i - 1 >= cut
        and doc[token.i - 1].pos_ in ("NOUN", "PROPN")
        and not _has_subject(token)
    )


def _drops_cleanly(doc: Any, cut: int, first: int) -> bool:
    """Return whether every word from token ``cut`` on can go, leaving a whole main clause before it."""
    if not _keeps_main_clause(doc, cut):
        return False
    opener = doc[first]
    if opener.lower_ in _KEEP_OPENINGS or opener.tag_ in _FINITE_TAGS:
        return False  # a twist, a cause or a condition; or the comma closed an apposition ("X, Y, was")
    if _tells_casualties(doc[cut:]) and not _tells_casualties(doc[:cut]):
        return False
    for token in doc[cut:]:
        if token.head.i >= cut:
            continue
        if _is_misread_participle(doc, token, cut):
            continue
        if token.dep_ not in _DROPPABLE:
            return False
        if token.dep_ == "conj" and not (token.pos_ in _VERBAL and token.head.pos_ in _VERBAL):
            return False  # the rest of a list ("with swagger, disgust and candor")
        if token.dep_ == "prep" and token.lower_ not in _ADJUNCT_PREPOSITIONS and not _is_date_phrase(token):
            return False
        if (
            token.pos_ in _VERBAL
            and _is_finite(token)
            and not _has_subject(token)
            and not any(child.dep_ == "cc" and child.i < token.i for child in token.children)
            and doc[token.i - 1].lower_ not in ("and", "or")
        ):
            return False  # a verb whose subject is kept: the cut splits its clause
    return not _attributes(doc, cut)


def headline_end(doc: Any, limit: int = HEADLINE_WORDS) -> int:
    """Return where a parsed lead headline ends: the whole text, or a clause boundary within ``limit`` words.

    ``doc`` is a spaCy ``Doc`` with a dependency parse.  Among the cuts whose
    dropped part hangs from a whole main clause only as an adverbial or
    relative clause, an apposition, a further verb or an adjunct (never an
    object, a complement, an attribution, a twist such as "but...", deaths or
    injuries the kept part does not tell, the rest of a list or an open
    quotation, parenthesis or dash), the longest one
    that leaves at most ``limit`` words is taken, else the shortest; a cut
    keeps at least ``MIN_KEPT_WORDS`` words and saves ``MIN_SAVED_WORDS``.
    The end is a character offset into ``doc.text``.
    """
    if count_words(doc.text) <= limit:
        return len(doc.text)
    return _choose_span(doc.text, _tail_cuts(doc), [], limit)[1]


def headline_span(doc: Any, limit: int = HEADLINE_WORDS) -> tuple[int, int]:
    """Return ``(start, end)``: the part of a parsed lead that heads the brief.

    The end is ``headline_end``'s.  When the lead still runs over ``limit``
    words, an opening phrase before the main clause may go too
    (``_opening_cuts``: "After a year of controversy over Facebook's role...,
    Chief Executive Mark Zuckerberg now is positioning..."), so that the
    headline is a middle span of its lead.
    """
    if count_words(doc.text) <= limit:
        return 0, len(doc.text)
    return _choose_span(doc.text, _tail_cuts(doc), _opening_cuts(doc), limit)


def _inside_name_phrase(doc: Any, comma: int) -> bool:
    """Return whether the names after token ``comma`` go on into a noun phrase ("..., Massachusetts man")."""
    after = comma + 1
    while after < len(doc) and doc[after].pos_ == "PROPN":
        after += 1
    return after > comma + 1 and after < len(doc) and not doc[after].is_punct


def _in_dashes(doc: Any) -> Iterator[tuple[Any, bool]]:
    """Yield each token of ``doc`` and whether it stands inside a pair of dashes opened before it."""
    dashes = 0
    for token in doc:
        yield token, dashes % 2 == 1
        dashes += token.text in _DASHES or (token.text == "-" and bool(token.whitespace_))


def _tail_cuts(doc: Any) -> list[tuple[int, int, int]]:
    """Return ``(words kept, end, rank)`` for each clause boundary a lead may end at (see ``headline_end``)."""
    text = doc.text
    total = count_words(text)
    candidates: list[tuple[int, int]] = []
    dashes = 0
    for token in doc:
        spaced_hyphen = token.text == "-" and bool(token.whitespace_)  # "bonding - while", not "TV-film"
        is_dash = token.text in _DASHES or spaced_hyphen
        word_cut = (token.lower_ in _CUT_WORDS or token.lower_ in _RELATIVE_OPENERS or token.dep_ == "prep") and (
            _clause_opener(token)
        )
        mark_cut = token.text in _CUT_MARKS or spaced_hyphen
        open_dash = dashes % 2 == 1
        dashes += is_dash
        if not (word_cut or mark_cut) or token.i < 3 or token.i >= len(doc) - 2 or open_dash:
            continue
        previous = doc[token.i - 1]
        if word_cut and (previous.dep_ == "cc" or previous.is_punct):
            continue  # the cut belongs before the comma or the "and"
        if token.text == "," and previous.pos_ == "PROPN" and _inside_name_phrase(doc, token.i):
            continue  # a place and its state before their noun ("a New Bedford, Massachusetts man")
        end = len(text[: token.idx].rstrip().rstrip(",;:—–-_").rstrip())
        kept = text[:end]
        words = count_words(kept)
        if words < MIN_KEPT_WORDS or total - words < MIN_SAVED_WORDS or not _balanced(kept):
            continue
        if _drops_cleanly(doc, token.i, token.i if word_cut else token.i + 1):
            # A cut before a relative clause, or a participle after "while", with no
            # comma to mark it is a second choice: taken only when no other fits.
            participle = token.lower_ == "while" and not _has_subject(token.head)
            second = word_cut and (token.lower_ not in _CUT_WORDS or participle)
            candidates.append((words, end, int(second)))
    return candidates


# A closing adverbial phrase with no comma before it may go when the lead
# must be cut to ``HEADLINE_TARGET_WORDS`` and no clause boundary fits: where
# or when ("... shot and wounded a man brandishing a gun in a computer lab at
# the Haas School of Business"; "... compared the marriage of same-sex couples
# to the marriage of a brother and sister during an appearance on a TV show").
# Only these prepositions: others complete their verb ("charged with",
# "arrested for", "focus on"), as "in" completes a verb with nothing else
# after it ("resulted in"), so the verb must already have an object, a
# particle, another phrase or a time ("died Monday"), or be passive ("have
# been indicted in connection with ..."), unless it says where something is
# (``_LOCATING_VERBS``: "... lakes of liquid water could be buried in the
# icy crust").
_BARE_ADJUNCT_PREPOSITIONS = frozenset(
    {"in", "at", "during", "amid", "following", "near", "inside", "outside", "throughout", "across"}
)
_COMPLETIONS = frozenset(
    {"dobj", "attr", "acomp", "oprd", "dative", "prt", "prep", "npadvmod", "xcomp", "ccomp", "agent", "auxpass"}
)
# Their past participles: the model has no lemmatizer.
_LOCATING_VERBS = frozenset(
    {"found", "buried", "located", "placed", "based", "stored", "hidden", "trapped", "stranded", "stationed",
     "lodged", "housed", "put", "kept", "left", "seen", "spotted", "held"}
)


def _adjunct_cuts(doc: Any) -> list[tuple[int, int, int]]:
    """Return ``(words kept, end, 2)`` for each cut before a closing adverbial phrase with no comma.

    The phrase opens with one of ``_BARE_ADJUNCT_PREPOSITIONS`` and hangs
    from a verb that is complete without it (``_COMPLETIONS`` before the
    phrase); what is left must be a whole main clause and the rest must go
    cleanly, as a comma cut's must (``_drops_cleanly``).
    """
    text = doc.text
    total = count_words(text)
    found = []
    for token, open_dash in _in_dashes(doc):
        head = token.head
        if (
            token.lower_ not in _BARE_ADJUNCT_PREPOSITIONS
            or token.dep_ != "prep"
            or open_dash
            or not 3 <= token.i < len(doc) - 2
            or doc[token.i - 1].is_punct
            or doc[token.i - 1].dep_ == "cc"
            or head.pos_ not in _VERBAL
            or head.i > token.i
            or head.lower_ in _LOCATING_VERBS
            or not any(child.dep_ in _COMPLETIONS and child.i < token.i for child in head.children)
        ):
            continue
        end = len(text[: token.idx].rstrip())
        words = count_words(text[:end])
        if words < MIN_KEPT_WORDS or total - words < MIN_SAVED_WORDS or not _balanced(text[:end]):
            continue
        if _drops_cleanly(doc, token.i, token.i):
            found.append((words, end, 2))
    return found


# An opening phrase may go before a main clause that starts with a capital
# (a name: "Over the weekend, Anonymous leaked..."); one opening with these
# words says when the news holds or whose word it is ("If...", "Unless...",
# "According to...", "Although...") and stays, as an attribution at the end
# does.
_KEPT_OPENERS = frozenset(
    {"if", "unless", "only", "except", "without", "not", "even", "according", "although", "though", "despite",
     "while", "whereas", "but", "yet", "as"}
)
_OPENER_RELATIONS = frozenset({"prep", "advcl", "npadvmod", "advmod", "obl"})


def _opening_cuts(doc: Any) -> list[int]:
    """Return the character offsets where a lead's main clause starts after an opening phrase that may go.

    The phrase must end in a comma, hang from the main verb as an adverbial
    or a prepositional phrase (no word after it depends on a word in it),
    close its quotations, not tell deaths the rest does not tell nor open
    with a condition or an attribution (``_KEPT_OPENERS``); what is left
    starts with a capital, stands alone and keeps ``MIN_KEPT_WORDS``.
    """
    text = doc.text
    starts = []
    for comma in doc:
        if comma.text != "," or comma.i < 2 or comma.i + 1 >= len(doc):
            continue
        first = doc[comma.i + 1]
        root = first.sent.root
        if root.sent.start != 0 or root.i <= comma.i or root.pos_ not in _VERBAL:
            continue
        if not any(child.dep_ in _SUBJECTS and child.i > comma.i for child in root.children):
            continue
        opener, rest = doc[: comma.i], doc[comma.i + 1 :]
        tops = [token for token in opener if token.head.i >= comma.i]
        if any(t.head.i < comma.i for t in rest) or any(
            t.head != root or t.dep_ not in _OPENER_RELATIONS for t in tops
        ):
            continue
        if doc[0].lower_ in _KEPT_OPENERS or ACCORDING_TO.search(opener.text) or not _balanced(opener.text):
            continue
        if _tells_casualties(opener) and not _tells_casualties(rest):
            continue
        start = first.idx
        kept = text[start:]
        if not kept[:1].isupper() or count_words(kept) < MIN_KEPT_WORDS or not _stands_alone(kept):
            continue
        starts.append(start)
    return starts


def _choose_span(
    text: str, ends: Sequence[tuple[int, int, int]], starts: Sequence[int], limit: int
) -> tuple[int, int]:
    """Return the ``(start, end)`` a long lead is cut to, from its possible ends and opening cuts.

    ``ends`` holds ``(words kept, end, rank)``: rank 1 for a second-choice
    cut (``_tail_cuts``), 2 for a third (``_adjunct_cuts``).  The longest end within ``limit`` words is taken
    with the lead's own opening, a first-choice one if any fits; when none
    does, the opening may go too (``starts``): the longest span within the
    limit, else the shortest of all.
    """
    for rank in (0, 1, 2):
        within = [cut for cut in ends if cut[2] <= rank and cut[0] <= limit]
        if within:
            return 0, max(within)[1]
    whole = (count_words(text), len(text), 0)
    spans = [(words, rank, 0, end) for words, end, rank in [*ends, whole]]
    spans += [(count_words(text[start:end]), rank, start, end) for start in starts for _, end, rank in [*ends, whole]]
    spans = [span for span in spans if span[0] >= MIN_KEPT_WORDS or span[2] == 0]
    within = [span for span in spans if span[0] <= limit]
    if within:
        _, _, start, end = max(within, key=lambda span: (-span[1], span[0], -span[2]))
        return start, end
    firsts = [cut for cut in ends if cut[2] == 0] or list(ends)
    if not starts:
        return 0, (min(firsts)[1] if firsts else len(text))
    _, _, start, end = min(spans, key=lambda span: (span[0], span[1], span[2]))
    return start, end


def _balanced(text: str) -> bool:
    """Return whether ``text`` closes every quotation and parenthesis it opens."""
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”") and text.count("(") == text.count(")")


# The small parser takes some clauses after "as" or "while" for a preposition's
# object: "... in heavily Democratic South Florida as Gov. Rick Scott clings to a
# lead over Bill Nelson..." ("clings" read as a plural noun), "... to their holiday
# destinations as a widespread snowstorm that dumped more than a foot of snow...
# moved across the Great Lakes" ("snowstorm" the object of "as").  When the parse
# gives a long lead no cut, the words after such an "as" are parsed again alone;
# when they read as a clause (its subject first, then its finite verb), the "as"
# opens a clause of its own and the lead may be cut before it, as before an "as"
# the parser read right (``_clause_opener``).
_MISREAD_OPENERS = frozenset({"as", "while"})
# The word before such an "as" ends a noun phrase: after a verb or an adjective
# "as" is a preposition indeed ("known as", "such as", "served as").
_PHRASE_ENDS = frozenset({"NOUN", "PROPN", "NUM", "PRON"})
# A name opening the words after "as" is parsed as this pronoun: the parser
# reads a verb after a pronoun where it reads a plural noun after a name.
_NAME_STAND_IN = "It"


def _misread_cuts(doc: Any) -> list[tuple[int, int, int]]:
    """Return ``(words kept, end, token)`` for each cut before an "as"/"while" the parse took for a preposition.

    The kept part must be a whole main clause, keep ``MIN_KEPT_WORDS`` words
    and save ``MIN_SAVED_WORDS``, close its quotations, tell the deaths the
    rest tells and not leave the lead's attribution behind.
    """
    text = doc.text
    total = count_words(text)
    found = []
    for token, open_dash in _in_dashes(doc):
        if (
            token.lower_ not in _MISREAD_OPENERS
            or token.dep_ != "prep"
            or open_dash
            or not 3 <= token.i < len(doc) - 2
            or doc[token.i - 1].pos_ not in _PHRASE_ENDS
        ):
            continue
        end = len(text[: token.idx].rstrip())
        words = count_words(text[:end])
        if words < MIN_KEPT_WORDS or total - words < MIN_SAVED_WORDS or not _balanced(text[:end]):
            continue
        if not _keeps_main_clause(doc, token.i) or _attributes(doc, token.i):
            continue
        if _tells_casualties(doc[token.i :]) and not _tells_casualties(doc[: token.i]):
            continue
        found.append((words, end, token.i))
    return found


def _clause_texts(doc: Any, start: int) -> list[str]:
    """Return the words of ``doc`` from token ``start`` on, and them with an opening name read as "It"."""
    texts = [doc[start:].text]
    after = start
    while after < len(doc) and doc[after].pos_ == "PROPN":
        after += 1
    if start < after < len(doc) and doc[after].tag_ != "POS" and not doc[after].is_punct:
        texts.append(_NAME_STAND_IN + doc[after - 1].whitespace_ + doc[after:].text)
    return texts


def _reads_as_clause(doc: Any) -> bool:
    """Return whether a parsed text opens with a clause: its subject first, then its finite verb."""
    if not len(doc):
        return False
    root = doc[0].sent.root
    if root.pos_ not in _VERBAL or not _is_finite(root):
        return False
    subjects = [child for child in root.children if child.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or subjects[0].left_edge.i != 0:
        return False
    between = doc[subjects[0].right_edge.i + 1 : root.i]
    return all(token.dep_ in ("aux", "auxpass", "neg", "advmod") for token in between)


# A page's headline run into its lead in one sentence, the title's line ending
# with no full stop ("Monkeys learn to cover their eyes when they want to be
# left alone Monkeys at Colchester Zoo have invented a unique do not disturb
# sign ..."): the lead repeats the headline's first word, a common noun (the
# parse tags it so where it opens the sentence), after a word that ends a phrase.
# A name repeats so in one sentence ("Felt is survived by two children, Joan
# Felt and ...", "Indian navy has foiled ... on 5 Indian merchant vessels"),
# a brand before its model's name ("Oculus ... the Oculus Rift") and an object
# ("... would not allow Farrow to use an NBC News crew"): those open with no
# common noun, follow a determiner or a verb, go on in capitals, or are no
# subject of a finite verb after them, as the lead's first word is.
_PHRASE_OPENERS = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "PART", "AUX", "PRON", "VERB"})


def _may_be_glued(text: str) -> bool:
    """Return whether a lead's first word comes again capitalised after a word in lower case (parse it then)."""
    first = text.split(None, 1)[0] if text.strip() else ""
    return first[:1].isupper() and re.search(rf"[a-z] {re.escape(first)}\b", text) is not None


def _glued_start(doc: Any) -> int:
    """Return where a lead starts after a headline run into it in the same sentence (``0``: none)."""
    if len(doc) < 4 or doc[0].pos_ != "NOUN" or not doc[0].text[:1].isupper():
        return 0
    for token in doc[3:]:
        before = doc[token.i - 1]
        if (
            token.text == doc[0].text
            and before.is_alpha
            and before.is_lower
            and before.whitespace_
            and before.pos_ not in _PHRASE_OPENERS
            and token.dep_ in ("nsubj", "nsubjpass")
            and token.head.i > token.i
            and _is_finite(token.head)
            and (token.i + 1 == len(doc) or not doc[token.i + 1].text[:1].isupper())
            and count_words(doc[token.i :].text) >= MIN_KEPT_WORDS
        ):
            return token.idx
    return 0


def shorten_headlines(
    model: Any, texts: Sequence[str], limit: int = HEADLINE_WORDS, target: int = HEADLINE_TARGET_WORDS
) -> list[str]:
    """Return each lead headline cut at a clause boundary when it runs long (``headline_end``).

    A page's headline run into the lead in one sentence goes first
    (``_glued_start``: "... left alone Monkeys at Colchester Zoo have ...").

    ``model`` is the spaCy pipeline of ``ner.load_model``; only the texts over
    ``target`` words are parsed, in one pass.  A lead over ``target`` words
    is cut within it where a cut fits, a closing adverbial phrase included
    (``_adjunct_cuts``); else a lead over ``limit`` words is cut as
    ``headline_span`` cuts it, and one within ``limit`` stays whole.  A long
    lead that its parse gives no cut may still be cut before an "as" or
    "while" that opens a clause the parser misread (``_misread_cuts``): the
    words after it are parsed again, in a second pass.
    """
    target = min(target, limit)
    # A headline run into the lead goes first (``_glued_start``); what is left is cut as any lead.
    texts = list(texts)
    glued = [k for k, text in enumerate(texts) if _may_be_glued(text)]
    for k, doc in zip(glued, parse_texts(model, [texts[k] for k in glued]), strict=True):
        texts[k] = texts[k][_glued_start(doc) :]
    long = [k for k, text in enumerate(texts) if count_words(text) > target]
    shortened = list(texts)
    retry: list[tuple[int, int, int]] = []
    clauses: list[str] = []
    found: dict[int, tuple[list[tuple[int, int, int]], list[int], list[tuple[int, int, int]]]] = {}
    for k, doc in zip(long, parse_texts(model, [texts[k] for k in long]), strict=True):
        found[k] = (_tail_cuts(doc), _opening_cuts(doc), _adjunct_cuts(doc))
        if any(rank == 0 for _, _, rank in found[k][0]):
            continue
        for words, cut_end, token in _misread_cuts(doc):
            for clause in _clause_texts(doc, token + 1):
                retry.append((k, words, cut_end))
                clauses.append(clause)
    for (k, words, cut_end), clause in zip(retry, parse_texts(model, clauses), strict=True):
        if _reads_as_clause(clause) and (words, cut_end, 0) not in found[k][0]:
            found[k][0].append((words, cut_end, 0))
    for k, (ends, starts, adjuncts) in found.items():
        start, end = _choose_span(texts[k], [*ends, *adjuncts], starts, target)
        if count_words(texts[k][start:end]) <= target:
            shortened[k] = texts[k][start:end]
        elif count_words(texts[k]) > limit:
            start, end = _choose_span(texts[k], ends, starts, limit)
            shortened[k] = texts[k][start:end]
    return shortened
