"""Quotes: the words in quotation marks, who said them, and every outlet's version.

``find_quotes`` reads one article: straight, curly and ``\u0060\u0060...''``
quotation marks (mixed or typed backwards, and quotes that run on over
paragraphs), and the speaker from the words around them:

- after the quote: ``"...," he said`` / ``"...," said Peskov`` / ``"..." –
  Volodymyr Zelensky`` (a pull quote) / ``"...," Scott Pruitt, the attorney
  general of Oklahoma, ..., said``;
- before it: ``Putin said: "..."``, ``Putin stated that Russia has "..."``,
  ``according to Peskov, "..."``, ``Said Ellis: "..."``, a participle
  (``Trump attacked Clinton, saying "..."``: the sentence's subject), or the
  paragraph before (``Caddell continued:``);
- "he"/"she" is the subject of the nearest sentence that names someone
  ("She says ... She adds" is one chain), not merely the last name seen;
- a description is a speaker too ("the letter reads", "said one Democratic
  source on the panel");
- with no speech verb, the subject of the quote's clause ("In July, Gingrich
  dismissed Estonia as being in the "..."");
- a quote with no attribution right after an attributed one, in the same
  paragraph or opening the next, continues it; two parts of one sentence's
  quote share the attribution between them;
- a quote paragraph (or a quote opening a sentence) with no attribution of its
  own after a sentence about one person is theirs; a quote signed on the next
  line ("- Bernie Sanders.") is the signer's.

Scare quotes (one to three words that no speech verb attributes, or that a
label verb gives nobody named: "critics called it a 'betrayal'") are not
quotes.  ``merge_quotes`` then joins the versions of one statement across
outlets: one speaker, similar words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from rapidfuzz import fuzz

from newsfuse.brief import _lexicon as lex
from newsfuse.brief._tokens import is_title_case, negation, stem
from newsfuse.brief.gazetteer import is_place
from newsfuse.brief.names import (
    OPENING_SPEECH_VERBS,
    QUOTED_TITLE_MAX_WORDS,
    NameMention,
    is_capitalised_title,
    scan_names,
    split_person,
)
from newsfuse.brief.people import People
from newsfuse.brief.transcript import Turn, find_turns
from newsfuse.models import CleanArticle, Evidence, Quote, QuoteVersion
from newsfuse.text import STOPWORDS, _is_abbreviation, _token_before, count_words, fold, words

__all__ = ["QuoteMention", "find_quotes", "has_speech_verb", "merge_quotes", "quote_spans", "speaker_groups"]

# A quoted phrase this short is a scare quote unless a speech verb attributes it.
SCARE_QUOTE_MAX_WORDS = 3
# A quotation of up to this many words that a reporter's sentence runs through is a fragment of the speaker's
# words, not a statement: it opens in lower case, in mid-sentence, with no verb of saying or colon right before
# it and no reporting clause after it ('described the layout as "a milestone in the history of the magazine."',
# 'the new round of sanctions would be "significantly more powerful than the first one."').  The brief lists
# fragments with the phrases of one to three words ("Words quoted").  Over the BASIL, ECB+ and Multi-News dev
# briefs, 266 of the 1,206 statements of 4-8 words are such fragments (docs/history.md, session 38); longer
# ones carry a clause of their own more often than not.
FRAGMENT_MAX_WORDS = 8

# How far (characters) a speech verb may stand from the quote it attributes;
# further (up to MAX_APPOSITION_CHARS) when a name and its apposition stand
# between: '"...," Scott Pruitt, the Republican attorney general of Oklahoma,
# one of the states suing the agency, said'.
MAX_ATTRIBUTION_CHARS = 90
MAX_APPOSITION_CHARS = 160
# A verb of saying followed by "that" reaches further: the reported clause it opens runs on to the quote
# ('John Weaver, tells reporters that however the Republican candidate does in Saturday’s primary,
# Kasich’s showing will be enough to "..."': 113 characters).  Set to MAX_APPOSITION_CHARS; on PolNeAR
# train, of the quotes left with no speaker whose sentence's last verb of saying stands beyond 90
# characters, 17 stand within 200.
MAX_REPORTED_CHARS = MAX_APPOSITION_CHARS
_REPORTED_THAT = re.compile(r"(?:[ \u00a0]+(?:[A-Za-z][\w’'.\-]*)){0,3}?[ \u00a0]+that\s")

# How many sentences back a "he"/"she" looks for the subject it stands for.
# Chosen on PolNeAR dev (speaker accuracy 0.871 with 3, 0.879 with 4, 0.884 from 6 to 12): chains of
# "He said ... He added" rarely run longer.  Each link of such a chain lets the search run this many
# sentences further back (``_Resolver.subject_before``); a pronoun with no subject in reach has no speaker.
PRONOUN_SENTENCES = 6

# Two quotes of one speaker are one statement when they share at least
# ``MERGE_MIN_SHARED`` content stems and this fraction of the shorter one's
# stems (overlap coefficient).  "We have always supported peace initiatives"
# and "always viewed peace initiatives positively" share 3 of 4 (0.75).  A
# wording of two stems merges when it shares both.  With 2 rather than 3
# shared stems, different statements of one speaker on one topic were merged
# ("It's official: I'm hosting the #Oscars!" and "I am so excited to be
# hosting the Oscars for the second time"; nine of Obama's remarks in one
# BASIL event; 23 such groups in BASIL's events), while BASIL's merge rate
# of gold pairs was the same, 0.774.
MERGE_OVERLAP = 0.5
MERGE_MIN_SHARED = 3
# Quotes with the same words (folded) and at least this many content stems
# are one statement even under two speakers: one outlet named the wrong one
# (BASIL: an interviewer named for the interviewee's words).
SAME_WORDS_MIN_STEMS = 5
# A quote nobody is named for joins a named one only when this close.
UNATTRIBUTED_OVERLAP = 0.6
UNATTRIBUTED_MIN_SHARED = 3
# A transcript's turn (``how == "turn"``) runs to a paragraph of a hundred
# words or more, so any short remark shares stems with it: another wording
# joins a turn only when it stands in the turn nearly word for word (partial
# similarity of the folded words, 0-100).
TURN_PARTIAL_MIN = 85
# A turn of fewer words is a pleasantry or an interjection ("Great to be here.", "Oh, that's pretty cool.").
TURN_MIN_WORDS = 6
TURN_PIECE_WORDS = 6
_ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…")
# A statement given only to a description ("the Texas governor", "the
# statement") joins a named speaker's when this close: at least three stems,
# nearly all of the shorter wording's, stand in the longer.  Over the BASIL,
# ECB+ and Multi-News dev briefs, 15 statements join (one wrong: the named
# side had the wrong speaker); at the 0.5 of one speaker's versions 9 more
# would, 7 of them wrong (an ad's words and an adviser's on one topic, a suit
# and the attorney general who filed it), and with two stems 3 more, 1 wrong
# ("national emergencies").
DESCRIPTION_OVERLAP = 0.8
DESCRIPTION_MIN_SHARED = 3

# Words a speaker's description starts or breaks off with (``_descriptor``).
_SPEAKER_DETERMINERS = frozenset({"the", "a", "an"})
_OTHER_ONE = frozenset({"second", "third", "fourth", "another", "other", "one", "two", "three", "first", "former"})
_SPEAKER_PREPOSITIONS = frozenset({"at", "of", "from", "for", "with", "in", "on", "to", "who", "which", "that"})

# A quotation a sentence gives as someone's answer: 'His response: "..."', 'Her reply was, "..."'.
_ANSWER = re.compile(
    r"\W*(his|her)\s+(?:\w+\s+)?(?:response|reply|answer|retort|reaction)(?:\s+was)?\s*[:,—–]?\s*$", re.IGNORECASE
)

# A sentence's opening conjunction is no part of its subject ("But the service said", "And Florida's ... general").
_OPENING_CONJUNCTION = re.compile(r"^(?:But|And|Yet|So|Still|However|Meanwhile|Instead)\b,?\s+")

# The relation words, longest first.
_RELATION_WORDS = "|".join(sorted(lex.RELATION_GENDERS, key=len, reverse=True))
# A relative or representative after a possessive ("Price's mother"), unless a name follows.
_RELATION = re.compile(rf"\s+(?:{_RELATION_WORDS})\b(?!,?\s+[A-Z])")
# "But his wife, Jane, offered", "Trump's wife, Melania, is scheduled": the name in apposition to a relation.
_RELATION_APPOSITION = re.compile(
    rf"(?:\b(?:[Hh]is|[Hh]er|[Tt]heir)|[A-Z][\w\-]*['’]s?)\s+(?:{_RELATION_WORDS}),\s*$"
)

_PAIRS = re.compile(r"``([^`\n]{1,2000}?)''|(?<![\w])‘([^‘’\n]{1,600}?)’(?![\w])")
_DOUBLE_MARK = re.compile(r"[\"“”]")
_DOUBLE_MARKS = frozenset('"“”')
_ENDS_WITH_SENTENCE = re.compile(r"\w[.!?…]\s*$")
_BEFORE_OPENING = frozenset("([{—–-―/:;,")
# A quotation whose closing mark the outlet left out before its reporting clause: '“I am proud of
# the progress ... for greater performance, he wrote.' ends at the comma.  The clause is the whole
# rest of the paragraph: a pronoun or up to three capitalised words, then a plain verb of saying.
_UNCLOSED_BEFORE_CLAUSE = re.compile(
    r",\s+(?:he|she|they|we|I|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})\s+"
    r"(?:said|says|wrote|writes|added|adds|told\s+(?:[A-Z][\w.'’-]*|him|her|them|reporters)|continued|explained)"
    r"\.\s*$"
)
# Speech verbs are matched in lower case only (a case-insensitive pattern of
# 200 words is several times slower); "Said Peskov:" at a sentence start is rare.
# "reads"/"read" too: 'the letter reads', 'the article read'.
# Also verbs news uses for speech that the shared list leaves out (it serves the disputes too):
# 'Hillary shot back, "..."', 'the nominee riffed', 'as the prosecutor put it, "..."'.
_SPEECH_VERBS = lex.SPEECH_VERBS | {
    "reads", "read", "yells", "chanting", "tweeting", "riffed", "related", "relates", "revealed", "reveals",
    "opined", "opines", "mused", "muses", "retorted", "scoffed", "chided", "bragged", "boasting", "touted",
    "exclaimed", "interjected", "fumed", "gushed", "griped", "marveled", "reasoned", "surmised", "pleaded",
    "shot back", "fired back", "hit back", "put it", "chimed in", "went on", "barked", "snapped", "screamed",
    "cried", "laughed", "sighed", "vented", "thundered", "roared", "sang", "chanted", "chants", "exhorted",
}
# A verb of saying in its plain form after a modal, adverbs maybe between: 'a spokesman could only quip:',
# 'he would later add'.  Alone, these forms are too often nouns or other verbs ("an add-on", "a note").
_MODAL_SPEECH = (
    r"(?:could|would|can|will|might|may|must|should|did)(?:\s+(?:only|just|not|simply|merely|also|later|then|"
    r"still|never|even|quickly|soon))*\s+(?:quip|joke|add|ask|reply|respond|answer|explain|admit|insist|write|"
    r"note|argue|warn|declare|muse|retort|shoot\s+back|fire\s+back)"
)
# The alternatives of ``_VERB`` (longest first), shared with ``_VERB_AFTER``.
_VERB_WORDS = _MODAL_SPEECH + "|" + "|".join(v.replace(" ", r"\s+") for v in sorted(_SPEECH_VERBS, key=len, reverse=True))
_VERB = re.compile(rf"\b({_VERB_WORDS})\b")

# Verbs that report speech only right after a quotation ('"...?" Hannity pressed', '," remembered Roy Verley',
# '," an angry Hollande retaliated'); before one they mostly do not ("Ford pressed his hands together").
_AFTER_QUOTE_VERBS = ("pressed", "questioned", "remembered", "retaliated", "reacted")
_VERB_AFTER = re.compile(rf"\b({_VERB_WORDS}|{'|'.join(_AFTER_QUOTE_VERBS)})\b")

# Prepositions that open a phrase, which the name scanner may glue to the capitalised word after them
# ("Throughout Egypt"); such a "name" is nobody a pronoun stands for.  A verb for one after a lone plural-
# looking word makes it a person ("Wines believes"; "Democrats had", "Friends offered" stay groups).
_OPENING_PREPOSITIONS = frozenset("throughout during across despite amid amidst within without beyond".split())
_SINGULAR_VERB = re.compile(r"[ \u00a0]+(?:[a-z]+ly[ \u00a0]+)?(?:[a-z]+[^s\W]s|is|was|has)\b")  # "Wines believes"
# A reporting clause that names the source of its sentence: '..., said Gary Orfield' / '..." said Dr. X'
# (the verb before the name), or '..., Mayor Ted Terry noted.' (after it, ending the sentence, maybe with a
# time or a setting: "said Tuesday", "said in a statement").  A verb of telling or asking opens no such
# clause: whom it names is the one spoken to ("told Live Science", "asked Trump").
_REPORTING_BEFORE = re.compile(
    r"[,”\"]\s*(?!(?:told|tells|tell|telling|asked|asks|ask|asking)\b)"
    + _VERB.pattern
    + r"\s+(?:[A-Z][\w.’'\-]*\s+){0,3}$"
)
_REPORTING_NAME_END = re.compile(r"\s*(?:\([^()]{1,25}\))?\s*(?:[,.;]|$)")  # not '..., said Nunberg was
_LOWER_ROLE = re.compile(r"(?:[a-z][\w\-]*[ \u00a0]+){0,2}([a-z][\w\-]*)[ \u00a0]+$")  # "digital consultant "
_REPORTING_COMMA = re.compile(r"[,”\"]\s*$")
_REPORTING_AFTER = re.compile(
    r"\s+" + _VERB.pattern + r"(?:\s+(?:on|in|at|during|last|this|late|early|earlier|later|today|yesterday)\b"
    r"[^,;:“”\"]{0,40}|\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?\s*[.!?]?[”\"’']?\s*$"
)


def has_speech_verb(text: str) -> bool:
    """Return whether ``text`` has a verb that gives a quotation its speaker ("said", "recalled", "shot back").

    Matched in lower case only, as the quote finder does ("United States" is
    no "states").
    """
    return bool(_VERB.search(text))


def said_around(before: str, after: str) -> bool:
    """Return whether the words of a sentence around a quotation show it as said.

    ``before`` and ``after`` are the sentence's words before the opening
    mark and after the closing one: a verb of saying stands in them (a
    sentence's first word in either, "Says Smith", is read in lower case),
    or "according to".

    Example:
        >>> said_around("He went to the premiere of", " Then he left."), said_around("", ", she said.")
        (False, True)
        >>> said_around("Says the mayor:", ""), said_around("", ", according to the document.")
        (True, True)
    """
    parts = [part.lstrip(" \u00a0\"“”‘’'.,;:!?—–-") for part in (before, after)]
    lowered = " ".join(part[:1].lower() + part[1:] for part in parts)
    return has_speech_verb(lowered) or bool(_ACCORDING.search(lowered))


# Verbs that put a label on something, not words in someone's mouth.
_LABEL_VERBS = frozenset("call calls called calling dubbed labeled labelled described describes termed branded".split())
_ACCORDING = re.compile(r"\baccording to\s+", re.IGNORECASE)
_ACCORDING_AFTER = re.compile(r"[ \t\u00a0]*,?[ \t\u00a0]*according\s+to\s+")
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
    "amid despite given following under over through without against".split()
)
_SPEAKER_NOUNS = frozenset(
    "officials officers police authorities analysts experts witnesses residents sources spokesman spokeswoman "
    "spokesperson aides aide lawmakers prosecutors investigators".split()
)
_ENDS_CLAUSE = re.compile(
    r"[ \t\u00a0]*(?:[,.;:!?—–“”\"]|\s[–—-]|\s*$|\([^()]{1,25}\)"
    r"|\s+(?:of|for|at|from|with)\s+(?:the\s+)?[A-Z]"  # "said Rep. X of Maryland", "wrote X for Morning Consult"
    r"|\s+who\s)"  # "said Sen. Jim Whelan who represents Atlantic City"
)
# What may stand between a speech verb and the name after it: an article, up to five
# words (a title, "MSNBC host", "9/11 widow", "Mr.", "Post White House bureau chief"), one comma after
# a lower-case word or an acronym ("said Facebook founder and CEO, Mark Zuckerberg").
_OBJECT_GAP = re.compile(r"(?:(?:the|a|an)\s+)?(?:[\w/.\-’']+\s+){0,5}(?:(?:[a-z][\w\-]*|[A-Z]{2,4}),\s+)?")
# A party or state tag after a name: "(D-N.Y.)", "(R-Wis.)", "(R)".
_PARTY_TAG = re.compile(r"\s*\([A-Z][\w.\-, ]{0,20}\)$")
_INTRO = re.compile(r"^\s*[^,“”\"]{0,40},\s*")
_SUBJECT_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_ACCORDING_TO = re.compile(r"according to\s+$", re.IGNORECASE)
_NOUN_NEXT = re.compile(r"[ \u00a0]+[a-z]")  # "the Clinton campaign", "the Obama administration"
_LOWER_NEXT = re.compile(
    r"[ \u00a0]+(?:also\s+|then\s+|later\s+|himself\s+|herself\s+|[a-z]+ly\s+)?"
    r"(?:[a-z]+(?:ed|s)|said|told|thought|was|had|went|made|took|gave|wrote|spoke|knew|felt|saw|came|got|began|left|met|kept|held|lost|won|heard|found|can|could|"
    r"will|would)\b"
)
_NAME_TAIL = re.compile(r"\s*\([A-Z][\w.\-, ]{0,20}\)\s*|\s+of\s+[A-Z][\w.\-’']*(?:\s+[A-Z][\w.\-’']*){0,2}\s*")
_CONJUNCTION_NEXT = re.compile(r"(?:\s*\([^()]{1,25}\))?,\s+(?:and|but|or|then|so|yet)\b")
_APPOSITION = re.compile(r"(?:\s*\([^()]{1,25}\))?,\s")
_PARTICIPLE_LEAD = re.compile(r"[,—–]\s*(?:and\s+)?$")
# A sentence opening with its speech verb: 'Said Ellis: "..."'.
_SAID_NAME = re.compile(
    r"^\s*(Said|Says|Added|Adds|Asked|Wrote|Writes|Continued|Explained|Noted)\s+"
    r"((?:[A-Z][\w.'’\-]*\s*){1,4}?)\s*[:,]"
)
# Any speech verb opening a sentence, a name and a colon: 'Stated Stone: "..."', 'Insisted Ellis: "..."'
# (a comma after such a verb is rarer than after the verbs above and may start a clause: "Charged Smith, ...").
_VERB_NAME_COLON = re.compile(r"^\s*([A-Z][a-z]+)\s+((?:[A-Z][\w.'’\-]*\s*){1,4}?)\s*:")
# Between a name and its affiliation: "Mr. Morgan of the Sierra Club", "Bill de Blasio of New York"
# ("New" is left out of the mention by names.py).
# A conjunction opening a clause of its own after a quote, its subject a name or "he"/"she": first, or after
# a lower-case word or a comma ('" and Donald Trump says', '" regarding her links while Sanders suggests');
# "Smith and Jones said" is one subject, '" and against the Brady law, Clinton said' goes on with the quote's.
_NEW_CLAUSE = re.compile(
    r"(?:^[ \u00a0]*|\b[a-z]+[ \u00a0]+|,[ \u00a0]*)(?:and|but|while|whereas)[ \u00a0]+(?=[A-Z]|s?he\b)"
)
_AFFILIATION_GAP = re.compile(r"\s+(?:of|at|for|from|with)\s+(?:the\s+)?(?:New\s+)?")
# A title's abbreviation that names.py reads as a name ("Del." of "Del. Stacey Plaskett").
_SHORT_TITLE = re.compile(r"[A-Z][a-z]{1,3}")
_QUOTE_MARK = re.compile(r"[“”\"]")
# A short capitalised quotation names a work, not words said, before one of these nouns
# ('the "Today" show') or after one of these words ('CBS's "Face the Nation"', 'he told "Today."',
# 'a podcast called "The Daily Shoah"'): ``_names_a_work``.
_WORK_NOUNS = frozenset(
    "show program programme series podcast documentary film movie book novel column segment broadcast "
    "special episode album song interview newsletter blog edition season".split()
)
_WORK_LEADS = frozenset("on told called titled entitled named dubbed".split())
_NEXT_WORD = re.compile(r"[ \u00a0]+([a-z]+)")
_OPENING_PRONOUN_ONLY = re.compile(r"(He|She)\s+[a-z]")
_AFTER_QUOTATION = re.compile(r"[”\"]\s*$")  # '"...," he said': the text before the pronoun ends a quotation
# The verb after a clause's subject: "Gingrich cynically dismissed", "Trump has also commented",
# "Sen. X (D-Ore.), the ranking member, wrote".
_CLAUSE_VERB = re.compile(r"(?:\s*\([^()]{1,25}\))?(?:,[^,“”\"]{3,80},)?\s+[a-z]")
# A word before a speech verb that makes it a noun: "Mr. Obama's remarks", "the claims".
_NOUN_BEFORE = re.compile(
    r"(?:(?<!\b[Hh]e)(?<!\b[Ss]he)(?<!\b[Ii]t)(?<!\b[Tt]hat)(?<!\b[Ww]ho)['’]s"
    r"|\b(?:the|a|an|his|her|their|its|our|my|your|these|those|such))\s+$",
    re.IGNORECASE,
)
_ENDS_SENTENCE = re.compile(r"(?<!\.)\.[”\"’']{1,2}$")
_RELATIVE_WHO = re.compile(r",?\s*\bwho\b(?:\s+(?:in|on|last|this|earlier)\b[^,;:“”\"]{0,24})?$")
# An opening phrase before a sentence's subject: "During a national security speech earlier in the day, ".
_OPENING_PHRASE = re.compile(r"^\s*[^,“”\"]{0,70},\s*")
# A verb in the past or third person, to tell a clause ("Pelosi rejected it, and ...") from a
# subject with its apposition ("Allen Dulles, the director of Central Intelligence, and ...").
_FINITE_VERB = re.compile(r"\b(?:[a-z]{2,}ed|said|told|was|were|had|has|is|made|took|gave|wrote|spoke|sent|met)\b")
# Where a coordinated clause begins: "..., and Schumer denounced", "...; Schumer denounced".
_COORDINATED = re.compile(r"[,;]\s+(?:and|but|while|whereas|yet)\s+|;\s+")
_DETERMINER_OPENING = re.compile(
    r"\s*(?:the|a|an|several|some|many|most|few|two|three|other|their|its|this|these)\s+[a-z]", re.IGNORECASE
)
# A sentence opening with a described subject and its verb in the past: "The spokesman refused",
# "A spokeswoman for the House Armed Services Committee emailed" (``_noun_phrase`` judges the phrase).
_DESCRIBED_SUBJECT = re.compile(
    r"\s*((?:[Tt]he|[Aa]n?)\s+(?:[\w’'.\-]+\s+){0,5}?[\w\-]+)\s+(?:[a-z]+ly\s+)?"
    r"(?:[a-z]{2,}ed|took|put|gave|made|sent|wrote|spoke|told|said|began|went|sought|met|held|issued)\b"
)
# A sentence opening with a described speaker and a speech verb: "The Spirit owner said", "A
# team spokeswoman told": up to four words after the determiner, the last a lower-case noun
# ("The Rev. Al Sharpton said" is a name).
_SPEAKING_PHRASE = re.compile(r"\s*(?:[Tt]he|[Aa]n?)\s+(?:[\w’'.\-]+\s+){0,3}?[a-z][a-z\-]*\s+" + _VERB.pattern)
# Between a name that qualifies a role and the person who holds it: "Trump campaign chairman Paul Manafort".
_ROLE_GAP = re.compile(r"[ \u00a0]+(?:[a-z][\w\-]*[ \u00a0]+){0,2}([a-z][\w\-]*)[ \u00a0]+")
_ROLE_NOUNS = (
    lex.ROLE_WORDS
    | frozenset(lex.ROLE_SYNONYMS)
    | _SPEAKER_NOUNS
    | frozenset(
        "manager strategist pollster adviser advisor supporter surrogate lawyer attorney consultant analyst "
        "nominee candidate frontrunner front-runner".split()
    )
)
# A role held by someone named in a possessive, the whole of an apposition's description: "California Rep.
# Duncan Hunter’s chief of staff", "the bureau's director", "Trump’s Virginia state director" (group 1: the
# words after the possessive, the last in lower case); not "which was brought by Oklahoma's attorney general".
_POSSESSIVE_ROLE = re.compile(
    r"(?:(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)[ \u00a0]+)?(?:[A-Z][\w.\-]*[ \u00a0]+){0,4}"
    r"[\w.\-]+(?:['’]s|s['’])[ \u00a0]+((?:[\w\-]+[ \u00a0]+){0,4}[a-z][\w\-]*)"
)
# A state's outlet before its name: "state TV", "state-run CCTV".
_STATE_OWNED = re.compile(r"\b(state(?:-run|-owned|-controlled)?)[ \u00a0]+$")
# A sentence of a name and a verb of saying alone, after a quote: '” Trump said.'
_BARE_REPORT = re.compile(
    r"[ \u00a0]*([A-Z][\w.'’\-]*(?:[ \u00a0]+[A-Z][\w.'’\-]*){0,3})[ \u00a0]+([a-z]+)\.(?:\s|$)"
)
_APPOSITIVE_WHO = re.compile(r"(?:,\s*\d{1,3})?,\s*who\b")
_PREPOSITIONS = frozenset("on to with by for from at in of about into via through against toward towards".split())
# A quote closing its paragraph, signed on the next line: '"...." ¶ - Bernie Sanders.'
_SIGNATURE_LINE = re.compile(r"[ \t\u00a0.,]*\n\s*[-–—―]{1,2}\s*([A-Z][^\n]{1,50}?)\.?[ \t]*(?:\n|$)")
# A pull quote credited on its own line, after its words: '“... in America.” Senator Ted Cruz ¶'.
_CREDIT_AFTER = re.compile(r"[ \t\u00a0]+([A-Z][^\n]{1,50}?)\.?[ \t\u00a0]*(?:\n|$)")
# A sentence that is only a name and a colon before the quote: 'Pew Research: "..."'.
_NAME_COLON = re.compile(r":\s*$")
_LEADING_CLAUSE = re.compile(
    r"\W*(?:Of|About|While|When|Although|Though|If|Because|As|After|Before|Since|Unlike|Like|Despite|Whereas|Until|"
    r"(?:In|By|On|Upon)\s+[a-z]+ing|"  # "In describing fellow billionaire Donald Trump, Cuban said"
    r"Asked|Pressed|Speaking|Responding|Describing|Regarding|Referring|Noting|Discussing|Following)"
    r"\b[^,;:“”\"]{0,160},"
)
# A leading clause opened by a conjunction, whose subject follows it (group 1 ends at the subject):
# "When King hired O'Brien," "While Obama had ...,". Not "After meeting", "Asked about".
_LEADING_SUBORDINATE = re.compile(
    r"\W*(?:While|When|Although|Though|If|Because|As|After|Before|Since|Whereas|Until|Once)\s+((?:the\s+)?)"
    r"[^,;:“”\"]{1,160},"
)
# A name followed by an adverbial ends the attribution too: "said X during the debate", "wrote X on Hot Air".
_NAME_THEN_ADVERBIAL = re.compile(
    r"[ \t\u00a0]+(?:during|on|in|at|after|before|while|when|as|last|this|earlier|yesterday|today|to|of|for|from)\s"
)
_MARK_NEXT = re.compile(r"[ \t\u00a0]*[“”\"]")
_TAG_BEFORE = re.compile(r"\s*\([^()]{1,25}\)$")
_ANOTHER_NAME = re.compile(r"\s+(?:[a-z][\w\-]*\s+){0,3}[A-Z]")
# A determiner (an article, a possessive such as "his", a quantifier such as "some"), up to four words
# (a possessive, a capitalised qualifier: "one P&G Amiens employee"; no second article, which would open
# a clause's object: "His office put out a statement") and a noun: a lower-case one or a party word ("one
# senior Democrat"); a short prepositional phrase may follow ("a spokesman for the campaign"), or an
# age may stand for the noun ("the 46-year-old").
_AGE_NOUN = re.compile(r"\d{1,3}-year-old")
_LOOSE_PHRASE = re.compile(
    r"^(?i:the|a|an|one|another|this|his|her|their|its|some|several|many|two|three|both)\s+"
    r"((?:(?!(?:a|an|the)\s)[\w'’\-&.]+\s+){0,4}?)([a-z][a-z\-]+|Democrats?|Republicans?|"
    + _AGE_NOUN.pattern
    + r")"
    r"(?:\s+(?:on|of|at|for|in|to|with|from|close\s+to)\s+(?:the\s+)?[\w'’\-]+(?:\s+[\w'’\-]+){0,2})?$"
)
# Words no noun phrase ends with: articles, prepositions, conjunctions.
_NOT_PHRASE_ENDS = frozenset("a an the of to for in on at by with from and or but as".split())
_TIME_NOUNS = frozenset("week month year morning afternoon evening night time weekend day".split())
_NOUN_PHRASE = re.compile(r"^(?:the|a|an)\s+([\w'’\- ]{3,60}?)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class QuoteMention:
    """One quote in one article: the quoted words' span and the speaker found.

    ``speaker`` is "" when nobody could be named; ``how`` says how the
    speaker was found (``after``, ``before``, ``pronoun``, ``continued``,
    ``dash``, ``subject`` (the clause's subject, no speech verb), ``turn``
    (a transcript's label) or ``none``).  ``fragment`` says that the words
    are a few a reporter's sentence quotes (``FRAGMENT_MAX_WORDS``).
    """

    article: str
    start: int
    end: int
    text: str
    speaker: str
    how: str
    fragment: bool = False


def quote_spans(text: str) -> list[tuple[int, int, int, int]]:
    """Return ``(open, content_start, content_end, close_end)`` for every quotation.

    Double quotation marks (curly or straight, mixed or reversed as typed)
    are paired within a paragraph by ``_double_quotes``; a quote that runs on
    to the next paragraph (no closing mark, the next paragraph opens with a
    mark) ends at its paragraph's end, with ``close_end == content_end``.
    """
    spans: list[tuple[int, int, int, int]] = []
    for match in _PAIRS.finditer(text):
        group = next(g for g in (1, 2) if match.group(g) is not None)
        spans.append((match.start(), match.start(group), match.end(group), match.end()))
    lines = text.split("\n")
    line_start = 0
    for number, line in enumerate(lines):
        if '"' in line or "“" in line or "”" in line:
            runs_on = _opens_with_mark(lines, number + 1)
            spans.extend(_double_quotes(line, line_start, runs_on))
        line_start += len(line) + 1
    spans.sort()
    # Drop quotes inside quotes ('...' within "...").
    kept: list[tuple[int, int, int, int]] = []
    for span in spans:
        if kept and span[0] < kept[-1][3]:
            continue
        kept.append(span)
    return kept


def _opens_with_mark(lines: Sequence[str], number: int) -> bool:
    """Return whether the next non-blank line from ``number`` opens with a double quotation mark."""
    for line in lines[number:]:
        stripped = line.lstrip()
        if stripped:
            return stripped[0] in _DOUBLE_MARKS
    return False


def _double_quotes(line: str, offset: int, runs_on: bool) -> list[tuple[int, int, int, int]]:
    """Return the double-quoted spans of one paragraph (``offset`` is its start in the text).

    A mark after a space (or at the start) with a word after it opens; one
    after a word closes, whichever its shape: typists mix ``"`` with ``”``
    and write ``”`` for an opening mark.  An opening curly mark inside a
    quote nests.  A quote still open at the paragraph's end runs on when
    ``runs_on`` (the next paragraph opens with a mark) or when it ends on a
    full stop, and is dropped otherwise; when it ends with its own reporting
    clause (", he wrote."), its closing mark was left out and it ends before it.
    """
    spans: list[tuple[int, int, int, int]] = []
    opened = -1
    depth = 0
    for match in _DOUBLE_MARK.finditer(line):
        k = match.start()
        mark = line[k]
        before = line[k - 1] if k else " "
        after = line[k + 1] if k + 1 < len(line) else " "
        opening = (before.isspace() or before in _BEFORE_OPENING) and not after.isspace()
        if opened < 0:
            if opening or after.isalnum() or not line[:k].strip():
                opened, depth = k, 0  # ('”Mr. Trump embodies', '” … what I learned': a mark typed backwards)
            continue
        if opening and after.isalnum() and (mark == "“" or (mark == '"' and before.isspace() and k > opened + 1)):
            depth += 1  # a quotation inside the quotation
            continue
        if depth:
            depth -= 1
            continue
        if k > opened + 1:
            spans.append((offset + opened, offset + opened + 1, offset + k, offset + k + 1))
        opened = -1
    # Checked before running on: a paragraph of a quotation that goes on does not end with its reporting clause.
    unclosed = _UNCLOSED_BEFORE_CLAUSE.search(line, opened + 1) if opened >= 0 else None
    if unclosed is not None and unclosed.start() > opened + 1:
        spans.append((offset + opened, offset + opened + 1, offset + unclosed.start(), offset + unclosed.start()))
    elif opened >= 0 and (runs_on or _ENDS_WITH_SENTENCE.search(line)) and len(line) > opened + 1:
        end = len(line.rstrip())
        spans.append((offset + opened, offset + opened + 1, offset + end, offset + end))
    return spans


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


def _noun_phrase(segment: str, loose: bool = False) -> str:
    """Return a descriptive speaker ("a Kremlin spokesman", "officials") if ``segment`` is one.

    With ``loose`` (the words right before the speech verb, or right after it
    behind a quote), any short noun phrase with a determiner is one: "the
    letter", "the ad's narrator", "one Democratic source on the panel".
    """
    # "But the service said"; a phrase may open a paragraph, after its line breaks.
    cleaned = _OPENING_CONJUNCTION.sub("", segment.strip(" ,.;:\u00a0\n\r\t"))
    if loose:
        loose_match = _LOOSE_PHRASE.match(cleaned)
        noun = loose_match.group(2) if loose_match else ""
        if noun and fold(noun) not in STOPWORDS and noun not in _TIME_NOUNS and not noun.endswith("ly"):
            return "" if _runs_on(cleaned) else cleaned
        bare = cleaned.split()
        if 1 < len(bare) <= 3 and all(w.isalpha() and w.islower() for w in bare) and bare[-1] in _SPEAKER_NOUNS:
            return cleaned  # a plural with no determiner: '"...," federal prosecutors wrote'
    match = _NOUN_PHRASE.match(cleaned)
    phrase = match.group(1) if match else cleaned
    phrase_words = [fold(w) for w in words(phrase)]
    if not phrase_words or len(phrase_words) > 5:
        return ""
    if _AGE_NOUN.fullmatch(phrase_words[-1]) and match:
        return phrase  # "the 46-year-old": a person by age
    if any(w[0].isdigit() for w in phrase_words):
        return ""
    # A speaker phrase opens with a determiner or its noun ("a Kremlin spokesman",
    # "officials"), not a preposition or participle ("given his campaign").
    if not match and phrase_words[0] not in _SPEAKER_NOUNS and phrase[:1].islower():
        return ""
    head = phrase_words[-1]
    if head in ("that", "which", "who", "whom", "whose"):
        return ""  # "a group that called itself ... and said it was": a relative clause, no speaker phrase
    if head in _NOT_PHRASE_ENDS:
        return ""  # "to involve state police an 'abuse of power'": a phrase ends in its noun, not "an"
    if head in _SPEAKER_NOUNS or any(
        w in lex.ROLE_WORDS or w in lex.ROLE_SYNONYMS or w in lex.ORG_CUES for w in phrase_words[-2:]
    ):
        return phrase
    return ""


# Verb forms no speaker's description holds ("His office put out a statement"); verbs of saying are
# told by ``has_speech_verb`` ("one user chimed in with a more reasoned approach").
_DESCRIPTION_VERBS = frozenset(
    "put puts is are was were has have had made makes took takes gave gives got went".split()
)


def _runs_on(phrase: str) -> bool:
    """Return whether a described speaker runs on into a clause: after its first word stands a second
    article ("the" may follow a preposition: "a spokesman for the campaign") or a verb form.

    Example:
        >>> _runs_on("one user chimed in with a more"), _runs_on("His office put out a statement")
        (True, True)
        >>> _runs_on("a spokesman for the campaign"), _runs_on("a United States senator")
        (False, False)
    """
    shown = words(phrase)[1:]  # verbs of saying are matched in lower case: "a United States senator"
    rest = [fold(w) for w in shown]
    for k, word in enumerate(rest):
        if word in ("who", "which", "that"):
            return False  # a relative clause may hold its own verbs: "the groups who wrote to her on Thursday"
        if word in ("a", "an") or (word == "the" and not (k and rest[k - 1] in _SPEAKER_PREPOSITIONS)):
            return True
        if word in _DESCRIPTION_VERBS or has_speech_verb(" ".join(shown[k : k + 2])):
            return True
    return False


class _Resolver:
    """Finds speakers in one article."""

    def __init__(self, article: CleanArticle, mentions: Sequence[NameMention], people: People) -> None:
        self.article = article
        self.text = article.text
        self.mentions = mentions
        self.people = people
        self.quoted: list[tuple[int, int]] = []  # (open, close end) of every quotation
        self.quoted_starts: list[int] = []
        self.sentence_starts = [s.start for s in article.sentences]
        self.mention_starts = [m.start for m in mentions]
        self._subjects: dict[int, list[tuple[int, str, str]]] = {}
        resolve = people.in_article(mentions)  # a surname two persons share: the one this article names
        self._names = {m.start: resolve(m.text, m.role, m.start) for m in mentions}
        self._family_names_first(mentions)
        self.genders: dict[str, str] = {}
        for mention in mentions:
            title = fold(mention.title.split()[-1]) if mention.title else ""
            gender = "m" if title in lex.MALE_HONORIFICS else "f" if title in lex.FEMALE_HONORIFICS else ""
            name = self.name_of(mention) if not mention.in_headline else ""
            if not gender and title in lex.TITLE_GENDERS and name:
                # A first name tells before a gendered role word does: "Trump spokesman Hope Hicks" is a she.
                parts = name.split()
                first = lex.first_name_gender(fold(parts[0]), True) if len(parts) > 1 else ""
                gender = first or lex.TITLE_GENDERS[title]
            if gender and name:
                self.genders.setdefault(name, gender)

    def _family_names_first(self, mentions: Sequence[NameMention]) -> None:
        """Give a lone name the person whose full name opens with it when the family name comes first.

        "Ban Ki-moon ... Ban said", "Xi Jinping ... Xi told": the word written alone is the first of one
        full name named before it, whose last word the article never writes alone (so not "Hillary" of
        "Hillary Clinton", whom it calls "Clinton"), and that is nobody's surname.
        """
        alone = Counter(fold(m.text) for m in mentions if " " not in m.text and not m.in_headline)
        opening: dict[str, set[str]] = defaultdict(set)  # a full name's first word: the persons it opens
        first_named: dict[str, int] = {}
        for mention in mentions:
            name = self._names.get(mention.start)
            parts = name.split() if name and " " in mention.text and not mention.in_headline else []
            if len(parts) > 1 and not alone[fold(parts[-1])]:
                opening[fold(parts[0])].add(name)
                first_named.setdefault(name, mention.start)
        for mention in mentions:
            persons = opening.get(fold(mention.text)) if " " not in mention.text else None
            if persons and len(persons) == 1 and self._names.get(mention.start) is None:
                person = next(iter(persons))
                if first_named[person] < mention.start:
                    self._names[mention.start] = person

    def name_of(self, mention: NameMention) -> str | None:
        """Return the person a name mention of this article stands for (``People.in_article``); None if none."""
        return self._names.get(mention.start)

    def set_quotations(self, spans: Sequence[tuple[int, int]]) -> None:
        """Record the quotations, whose names are not antecedents of a pronoun outside them."""
        self.quoted = list(spans)
        self.quoted_starts = [a for a, _ in self.quoted]

    def _in_quotation(self, offset: int) -> bool:
        index = bisect_right(self.quoted_starts, offset) - 1
        return index >= 0 and self.quoted[index][0] < offset < self.quoted[index][1]

    def gender(self, name: str) -> str:
        """Return "m", "f" or "" (unknown) for a person, from an honorific or a first name (``first_name_gender``)."""
        if name in self.genders:
            return self.genders[name]
        parts = name.split()
        return lex.first_name_gender(fold(parts[0]), len(parts) > 1) if parts else ""

    def _candidates(self, index: int) -> list[tuple[int, str, str]]:
        """Return the subject candidates of sentence ``index``, in order: ``(offset, kind, value)``.

        ``kind`` is "name" (``value`` the person) or "pronoun" (``value`` "he" or
        "she").  Left out: words inside quotations, names after a preposition
        ("with Rusty Humphries"; "according to X" stays) and possessives
        ("Hillary Clinton's campaign manager Robby Mook").
        """
        cached = self._subjects.get(index)
        if cached is not None:
            return cached
        sentence = self.article.sentences[index]
        found: list[tuple[int, str, str]] = []
        # An opening clause or phrase ("While Obama had ...,", "Asked about Clinton,", "Like Allen,")
        # is not where the sentence's subject stands: its names and pronouns are passed over.
        opening = _LEADING_CLAUSE.match(sentence.text)
        opening_end = sentence.start + (opening.end() if opening else 0)
        for match in _SUBJECT_PRONOUN.finditer(sentence.text):
            offset = sentence.start + match.start()
            if not self._in_quotation(offset) and offset >= opening_end:
                found.append((offset, "pronoun", match.group().lower()))
        first = bisect_right(self.mention_starts, sentence.start - 1)
        for mention in self.mentions[first:]:
            if mention.start >= sentence.end:
                break
            if mention.in_headline or self._in_quotation(mention.start):
                continue
            possessive = self.text.startswith(("'s", "’s"), mention.end)
            if possessive and _ANOTHER_NAME.match(self.text, mention.end + 2) or mention.title_start < opening_end:
                continue
            if self._modifies_next(mention):
                continue  # "But Trump campaign chairman Paul Manafort said": Manafort is the subject
            if mention.after_article and _NOUN_NEXT.match(self.text, mention.end):
                continue  # "for the Bernie Sanders campaign, is Wayne Borders": a name modifying a noun
            relation = _RELATION.match(self.text, mention.end + 2) if possessive else None
            if relation and mention.preposition not in _NOT_SUBJECT:
                # "Price's mother, who could be a key witness, said she...": the mother is the subject.
                found.append((mention.title_start, "described", self.text[mention.start : relation.end()]))
                continue
            name = self.name_of(mention) or self._bare_subject(mention, sentence.start)
            if not name:
                continue
            # "Trump's misinformation may be ...": a possessive is a subject only when nobody else is.
            weak = (
                possessive
                or mention.preposition in _NOT_SUBJECT
                and not _ACCORDING_TO.search(self.text, max(0, mention.title_start - 14), mention.title_start)
            )
            found.append((mention.title_start, "object" if weak else "name", name))
        found.sort()
        self._subjects[index] = found
        return found

    def _modifies_next(self, mention: NameMention) -> bool:
        """Return whether a name only qualifies a role held by the person named right after it.

        "Trump campaign chairman Paul Manafort", "New York Times columnist David
        Brooks": one to three lower-case words, the last a role ("chairman",
        "columnist", "manager"), stand between the two names.
        """
        index = bisect_right(self.mention_starts, mention.start)
        if index >= len(self.mentions):
            return False
        following = self.mentions[index]
        gap = _ROLE_GAP.fullmatch(self.text, mention.end, following.start)
        return bool(gap) and fold(gap.group(1)) in _ROLE_NOUNS

    def subject_before(self, offset: int, pronoun: str) -> str:
        """Return the person a "he"/"she" at ``offset`` stands for: the subject of the nearest sentence.

        Sentences are read backwards from the pronoun's own; in each, the first
        person named or the first "he"/"she" (outside quotations) is its
        subject.  The same pronoun continues a chain ("She says ... She adds")
        and sends the search one sentence further back, up to
        ``PRONOUN_SENTENCES`` beyond its last link that opens its sentence
        ("He added ...", not "..., saying he had"), so that a profile whose
        pronouns run on for paragraphs reaches the person it opened with;
        there, past ``PRONOUN_SENTENCES`` from the pronoun, only a person
        ``People`` knows counts (not "Twice" opening a sentence).  A person of
        the other known gender, or the other pronoun, is passed over.  "" when
        no sentence in reach has one.
        """
        pronoun = fold(pronoun)
        unwanted = {"he": "f", "she": "m"}.get(pronoun, "")
        index = bisect_right(self.sentence_starts, offset) - 1
        if index < 0 or not self.article.sentences[index].start <= offset < self.article.sentences[index].end:
            return ""
        stop = max(-1, index - PRONOUN_SENTENCES)
        current = index + 1
        while current > stop + 1:
            current -= 1
            fallback = ""  # a person after a preposition, when the sentence names no other
            subject_at = offset if current == index else -1  # where the pronoun standing as the subject is
            reporter = self._reporter(current) if current < index else ""
            if reporter and not (unwanted and self.gender(reporter) == unwanted):
                return self._known_if_far(reporter, index - current)
            for position, kind, value in self._candidates(current):
                if position >= offset:
                    break
                if kind == "pronoun":
                    if value == pronoun:
                        fallback, subject_at = "", position
                        if self._opens_sentence(current, position):
                            stop = max(-1, current - PRONOUN_SENTENCES)  # the window runs on from each link
                        break  # the chain goes on: the sentence's subject is the pronoun itself
                    continue
                if kind == "described":
                    if unwanted and lex.RELATION_GENDERS.get(fold(value.split()[-1]), "") == unwanted:
                        continue
                    return self._known_if_far(value, index - current)
                if (unwanted and self.gender(value) == unwanted) or self._group(value, position):
                    continue
                if kind == "object":
                    fallback = fallback or value
                    continue
                return self._known_if_far(value, index - current)
            if fallback:
                return self._known_if_far(fallback, index - current)
            leading = self._leading_subject(current, subject_at, unwanted) if subject_at >= 0 else ""
            if leading:
                return self._known_if_far(leading, index - current)
        return ""

    def _reporter(self, index: int, since: int = -1) -> str:
        """Return the person a reporting clause of sentence ``index`` names as its source; "" if none.

        '..., said Gary Orfield, education and law professor ...' or '..., Mayor Ted Terry noted.': the
        person who said the sentence is whom its reader takes a "he" or "she" in the next one for ("He
        added ..."), rather than the first name of the reported words ("No Child Left Behind was ...").
        Only names from ``since`` on count.
        """
        sentence = self.article.sentences[index]
        first = bisect_right(self.mention_starts, max(sentence.start, since) - 1)
        for mention in self.mentions[first:]:
            if mention.start >= sentence.end:
                break
            if mention.in_headline or self._in_quotation(mention.start):
                continue
            before = self.text[sentence.start : mention.title_start]
            after = self.text[mention.end : sentence.end]
            inverted = _REPORTING_BEFORE.search(before) and _REPORTING_NAME_END.match(after)
            role = _LOWER_ROLE.search(before)
            if role and fold(role.group(1)) in _ROLE_NOUNS:
                before = before[: role.start()]  # '..., digital consultant Phil Musser says.'
            closing = _REPORTING_COMMA.search(before) and _REPORTING_AFTER.match(after)
            if inverted or closing:
                return self.name_of(mention) or ""
        return ""

    def reporter_at(self, offset: int) -> str:
        """Return the source a reporting clause names in the sentence at ``offset`` (``_reporter``)."""
        index = bisect_right(self.sentence_starts, offset) - 1
        return self._reporter(index) if index >= 0 else ""

    def _group(self, name: str, position: int) -> bool:
        """Return whether a name at ``position`` reads as no one a "he" or "she" can stand for: a
        preposition and a place glued by the scanner ("Throughout Egypt"), or a lone capitalised word that
        is no known person and reads as a group, a plural ("Democrats had ..., she said", "Friends offered
        ...", "Eyebrows raised, he asked") unless a verb for one follows ("Wines believes", a misspelling)."""
        if fold(name.split()[0]) in _OPENING_PREPOSITIONS:
            return True  # "Throughout Egypt, ...", "Throughout his remarks, Trump cast": no one's name
        if " " in name or not name.endswith("s") or name.endswith(("ss", "us", "is")):
            return False
        if _SINGULAR_VERB.match(self.text, position + len(name)):
            return False
        return fold(name) in lex.PARTY_WORDS or self.people.resolve(name) is None

    def reported_by(self, close_end: int) -> tuple[str, str] | None:
        """Return the source that a reporting clause ending the sentence of a quotation names after it:
        'Clinton “drew quite well from white, working-class Democrats” in the 2008 primary, said Ohio State
        University professor Paul Beck.'"""
        index = bisect_right(self.sentence_starts, close_end - 1) - 1
        if index < 0:
            return None
        name = self._reporter(index, close_end)
        return (name, "after") if name else None

    def _opens_sentence(self, index: int, position: int) -> bool:
        """Return whether the pronoun at ``position`` is the subject of sentence ``index``: it opens it, maybe
        after a short opening phrase ("He added", "Hours later, he retweeted"), or follows the quotation that
        opens it ('"...," he continued'); not "The president ..., saying he had"."""
        sentence = self.article.sentences[index]
        opening = _OPENING_PRONOUN.match(sentence.text)
        if opening is not None and sentence.start + opening.start(1) == position:
            return True
        before = self.text[sentence.start : position].lstrip()
        return before[:1] in _DOUBLE_MARKS and _AFTER_QUOTATION.search(before) is not None

    def _known_if_far(self, subject: str, sentences_back: int) -> str:
        """Return a pronoun's antecedent found ``sentences_back`` sentences before it: beyond
        ``PRONOUN_SENTENCES`` (reached along a chain of the same pronoun) only a known person."""
        if sentences_back < PRONOUN_SENTENCES or self.people.resolve(subject):
            return subject
        return ""

    def _leading_subject(self, index: int, offset: int, unwanted: str) -> str:
        """Return the person that opens the leading clause of sentence ``index`` ("When King hired
        O'Brien, he had called him ..."), the antecedent of the "he"/"she" at ``offset`` that opens
        the main clause ("then" may stand before it); "" if none.

        Only a clause opened by a conjunction counts ("When", "While", "After" ...), its subject
        right after it (a possessive too: "When Frederick LaRue's name started appearing ..., he
        told"), not a name after a preposition ("After meeting with Putin, he"); a person of the
        other known gender is passed over, and so is a pronoun standing inside the clause itself.
        """
        sentence = self.article.sentences[index]
        opening = _LEADING_SUBORDINATE.match(sentence.text)
        if not opening or offset < sentence.start + opening.end():
            return ""
        if len(words(self.text[sentence.start + opening.end() : offset])) > 1:
            return ""  # "When X ..., the mayor said he": the main clause has a subject of its own
        subject_start = sentence.start + opening.end(1)
        for mention in self.mentions[bisect_right(self.mention_starts, subject_start - 1) :]:
            if mention.title_start > subject_start + 5 or mention.title_start >= sentence.start + opening.end():
                break
            if mention.in_headline or self._in_quotation(mention.start):
                continue
            name = self.name_of(mention) or self._bare_subject(mention, subject_start)
            if not name:
                continue
            if unwanted and self.gender(name) == unwanted:
                return ""
            return name
        return ""

    def _bare_subject(self, mention: NameMention, sentence_start: int) -> str:
        """Return a lone surname that opens a clause before a verb ("Clinton leaned", "Wines believes"); else "".

        People knows a lone surname only once its full name or a title was
        seen; as the subject of a sentence it is a person unless it is a place.
        """
        name = mention.text
        if " " in name or name.isupper() or mention.title or fold(name) in lex.DEMONYMS or is_place(name):
            return ""
        before = self.text[sentence_start : mention.start].strip(" \u00a0“”\"‘’'")
        if before and not before.endswith(","):
            return ""
        if _RELATION_APPOSITION.search(before) and self.text.startswith(",", mention.end):
            return name  # "But his wife, Jane, offered a preview": the relation named is the subject
        return name if _LOWER_NEXT.match(self.text, mention.end) else ""

    def person_before(self, offset: int, pronoun: str = "") -> str:
        """Return the person named before ``offset`` that a pronoun (or a speech verb's subject) stands for.

        With ``pronoun`` "he" or "she", the subject of the nearest sentence
        (``subject_before``), or nobody when none is in reach: the nearest
        person named anywhere before, the rule this replaced, was right for 9
        such quotes of the PolNeAR train set and wrong for 32 (the person the
        article names most: 2 and 22; the last quote's speaker: 0 and 26), and
        about as often right as wrong in the dev stories' briefs.  Without a
        pronoun (or for one inside a quotation), the nearest person named: a
        person of the other known gender is passed over, and so are names
        inside quotations (unless ``offset`` is inside the same one).
        """
        unwanted = {"he": "f", "she": "m"}.get(fold(pronoun), "")
        if unwanted and not self._in_quotation(offset):
            return self.subject_before(offset, pronoun)
        for mention in reversed(self.mentions):
            if mention.end > offset:
                continue
            if mention.in_headline:
                continue
            name = self.name_of(mention)
            if not name:
                continue
            if unwanted and self.gender(name) == unwanted:
                continue
            if unwanted and self._in_quotation(mention.start) and not self._in_quotation(offset):
                continue
            return name
        return ""

    def person_named_before(self, offset: int, since: int) -> tuple[str, str] | None:
        """Return the last person named in ``[since, offset)``, outside quotations."""
        for mention in reversed(self.mentions[: bisect_right(self.mention_starts, offset - 1)]):
            if mention.start < since:
                break
            if mention.end <= offset and not self._in_quotation(mention.start):
                name = self.name_of(mention)
                if name:
                    return name, ""
        return None

    def speaker_name(self, mention: NameMention) -> str:
        """Return the speaker a name mention stands for; "" for a demonym or a headline word."""
        if mention.in_headline or self.text[max(0, mention.title_start - 1) : mention.title_start] == "(":
            return ""  # a party or state tag: "(D-Calif.)", "(Tex.)"
        person = self.name_of(mention)
        if person:
            return person
        if all(fold(w) in lex.DEMONYMS or fold(w) in lex.PARTY_WORDS for w in mention.text.split()):
            return ""  # "Russian" is not a speaker
        state = _STATE_OWNED.search(self.text, max(0, mention.title_start - 20), mention.title_start)
        if state:
            return state.group(1) + " " + mention.text  # "state TV", not "TV"
        return mention.text

    def subject(self, head: str, base: int) -> tuple[str, str] | None:
        """Return the speaker that is the subject of a speech verb standing right after ``head``.

        ``head`` is the text before the verb (``base`` its offset): "Putin",
        "Zelensky, in his nightly address,", "he", "a Kremlin spokesman", or a
        clause starting with "He ..." whose verbs are coordinated.
        """
        trimmed = _PARTY_TAG.sub("", head.rstrip(" \u00a0")).rstrip(" \u00a0")
        if trimmed.endswith(",") and _PARTY_TAG.search(trimmed[:-1]):
            trimmed = _PARTY_TAG.sub("", trimmed[:-1]).rstrip(" \u00a0")  # 'Gov. John Kasich (R-OH), said'
        if trimmed.endswith((",", ',"', ",”")):
            # '..., who announced her bid in an episode of "The Late Show with Stephen Colbert," said':
            # the comma closing an apposition may stand inside the marks of a title that ends it.
            person = self.appositive_subject(head, base)
            if person:
                return person, ""
        while True:
            match = _AUXILIARY_END.search(trimmed)
            if not match:
                break
            trimmed = trimmed[: match.start()].rstrip(" \u00a0")
        trimmed = _PARTY_TAG.sub("", trimmed).rstrip(" \u00a0")  # "Sen. Ted Cruz (Tex.) has said"
        if trimmed.endswith(","):
            # A parenthetical: "Zelensky, in his nightly address, reiterated".
            opening = trimmed.rfind(",", 0, len(trimmed) - 1)
            named = self.described_then_named(trimmed, base)
            if named:
                # A description, then the name in apposition: "her senior policy adviser, Jake Sullivan, said".
                return named, ""
            if opening >= 0 and len(trimmed) - opening <= 80:
                trimmed = _PARTY_TAG.sub("", trimmed[:opening].rstrip(" \u00a0")).rstrip(" \u00a0")
        end = base + len(trimmed)
        relative = _RELATIVE_WHO.search(trimmed)
        if relative:
            # "McConnell, now the Senate majority leader, who in 2010 said": the person before "who".
            return self.person_named_before(base + relative.start(), base + relative.start() - 120)
        last_words = words(trimmed)
        if last_words and fold(last_words[-1]) in lex.SPEAKER_PRONOUNS and trimmed.endswith(last_words[-1]):
            person = self.person_before(end - len(last_words[-1]), last_words[-1])
            return (person, "pronoun") if person else None
        last = bisect_right(self.mention_starts, end) - 1
        if last >= 0 and end - 3 <= self.mentions[last].end <= end:
            mention = self.mentions[last]
            # "Mr. Morgan of the Sierra Club said": the person before the affiliation, also along a chain
            # of them ("Archbishop Aris Shirvanian of the Armenian Patriarchate of Jerusalem told", "Stacy
            # Baker of Columbia, South Carolina says").
            for earlier in self._affiliated(last):
                if not is_place(earlier.text):
                    name = self.speaker_name(earlier)
                    if name:
                        return name, ""
            name = self.speaker_name(mention)
            # "Clinton responded ... on Facebook writing": a name after a preposition is no subject
            # ("after Trump told" is: "after" opens a clause there).
            if name and mention.preposition not in _PREPOSITIONS:
                return name, ""
        # 'on "Fox News Sunday," the whip'; 'The scheduling was so odd that a spokesman for X could only quip'.
        tail = re.split(r"[,;:]|\bthat\s", trimmed)[-1].lstrip(" \u00a0“”\"")
        phrase = _noun_phrase(tail, loose=True)
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
            possessive = self.text.startswith(("'s", "’s"), mention.end)  # "Paul Conroy's wife said"
            if mention.title_start <= clause_start + 1 and mention.end < base + len(head) and not possessive:
                name = self.speaker_name(mention)
                if name and self.name_of(mention):
                    return name, ""
            break
        return None

    def described_then_named(self, trimmed: str, base: int) -> str:
        """Return the person named in apposition after a description at the end of ``trimmed`` (which ends
        with a comma; ``base`` its offset): "her senior policy adviser, Jake Sullivan,", "California Rep.
        Duncan Hunter’s chief of staff, Joe Kasper,"; "" when the words are no such pair."""
        opening = trimmed.rfind(",", 0, len(trimmed) - 1)
        named = self._named_between(base + opening + 1, base + len(trimmed) - 1) if opening > 0 else ""
        if not named:
            return ""
        described = trimmed[trimmed.rfind(",", 0, opening) + 1 : opening]
        if re.search(r"\b[a-z]+$", described) and (_noun_phrase(described) or _noun_phrase(described, True)):
            return named
        possessive = _POSSESSIVE_ROLE.fullmatch(described.strip(" \u00a0"))
        if possessive and any(
            fold(w) in _ROLE_NOUNS or fold(w) in lex.RELATION_GENDERS for w in possessive.group(1).split()
        ):
            return named  # a role or relation of someone named: "Hunter’s chief of staff, Joe Kasper,"
        return ""

    def _opening_person(self, start: int) -> str:
        """Return the person whose name stands at ``start`` followed by an apposition ("Nate Silver, the
        polling guru", "Katie Packer, who is"; not "Clinton, and said"); "" if none does."""
        index = bisect_right(self.mention_starts, start - 1)
        if index >= len(self.mentions) or self.mentions[index].title_start > start:
            return ""
        mention = self.mentions[index]
        if not _APPOSITION.match(self.text, mention.end) or _CONJUNCTION_NEXT.match(self.text, mention.end):
            return ""
        return self.name_of(mention) or ""

    def _named_between(self, start: int, end: int) -> str:
        """Return the person whose name fills ``text[start:end]`` (spaces aside), maybe followed by a place
        or a party tag ("Majority Whip John Cornyn of Texas", "Rep. X (D-Calif.)"); "" if none does."""
        index = bisect_right(self.mention_starts, start - 1)
        if index >= len(self.mentions):
            return ""
        mention = self.mentions[index]
        rest = self.text[mention.end : end]
        if self.text[start : mention.title_start].strip() or (rest.strip() and not _NAME_TAIL.fullmatch(rest)):
            return ""
        return self.name_of(mention) or ""

    def _affiliated(self, index: int) -> list[NameMention]:
        """Return the names that mention ``index`` is an affiliation of, the first one first: "Morgan" for
        "Sierra Club" in "Mr. Morgan of the Sierra Club"; "Aris Shirvanian" and "Patriarchate" for
        "Jerusalem" in "Aris Shirvanian of the Armenian Patriarchate of Jerusalem"; a place may follow a
        place after a comma ("of Columbia, South Carolina")."""
        first = index
        while first > 0:
            earlier, later = self.mentions[first - 1], self.mentions[first]
            if not (
                _AFFILIATION_GAP.fullmatch(self.text, earlier.end, later.title_start)
                or (
                    self.text[earlier.end : later.title_start] == ", "
                    and is_place(earlier.text)
                    and is_place(later.text)
                )
            ):
                break
            first -= 1
        return list(self.mentions[first:index])

    def appositive_subject(self, head: str, base: int) -> str:
        """Return the person that opens ``head`` followed by an apposition ("Jean-Marc Ayrault, the foreign
        minister of France, a permanent member of the Security Council,"); "" when none does.

        An opening phrase before it is passed over ("With 50 days to go, Minyon Moore, a senior adviser,").
        """
        for relative in _APPOSITIVE_WHO.finditer(head):
            # "the aide, Elizabeth Lauten, 31, who has ... from Tennessee, wrote": the name before "who";
            # "Rep. Zoe Lofgren (D-Calif.), who": the name before the party tag.
            position = base + relative.start()
            tag = _TAG_BEFORE.search(self.text, max(0, position - 30), position)
            if tag:
                position = tag.start()
            last = bisect_right(self.mention_starts, position) - 1
            if last >= 0 and position - 2 <= self.mentions[last].end <= position:
                mention = self.mentions[last]
                if is_place(mention.text) and last > 0:
                    # "Sen. Kristen Gillibrand of New York, who": the person before the place.
                    earlier = self.mentions[last - 1]
                    if _AFFILIATION_GAP.fullmatch(self.text, earlier.end, mention.title_start):
                        mention = earlier
                name = self.speaker_name(mention)
                if name and not is_place(mention.text):  # "Harry Bond, 30, of Raleigh, N.C., who"
                    return name
            break
        starts = [len(head) - len(head.lstrip(" \u00a0“\"‘'"))]
        intro = _INTRO.match(head)
        if intro:
            starts.append(intro.end())
        for start in starts:
            first = bisect_right(self.mention_starts, base + start - 1)
            if first >= len(self.mentions):
                continue
            mention = self.mentions[first]
            if mention.title_start > base + start + 1 or mention.end >= base + len(head):
                continue
            if not _APPOSITION.match(self.text, mention.end):
                continue
            name = self.speaker_name(mention)
            if name:
                return name
        return ""

    def clause_subject(
        self, open_start: int, sentence_start: int, after_quotation: bool = False
    ) -> tuple[str, str] | None:
        """Return the subject of the clause a quote stands in when no speech verb attributes it.

        'In July, Gingrich dismissed Estonia as being in the "..."', 'The New
        York Post reports that ... "..."', 'Japan branded North Korea an
        "..."': a name (or "he"/"she") that opens the sentence, after an
        opening phrase, and is followed by a lower-case verb.
        """
        head = self.text[sentence_start:open_start]
        if not after_quotation and _QUOTE_MARK.search(head):
            return None  # the sentence holds an earlier quotation: its subject may be its speaker
        offsets = [len(head) - len(head.lstrip(" \u00a0"))]
        intro = _OPENING_PHRASE.match(head)
        if intro:
            offsets.append(intro.end())
        clause_start = -1
        for coordinated in _COORDINATED.finditer(head):
            clause_start = coordinated.end()
        if clause_start >= 0 and _FINITE_VERB.search(head, offsets[0], clause_start):
            # "Pelosi rejected it, and Senator Chuck Schumer, the Democratic leader, denounced the
            # offer as “...”": the subject of the clause the quote stands in, first.  Not after a
            # subject and its apposition ("Allen Dulles, the director, and Adm. Lewis Strauss got").
            offsets.insert(0, clause_start)
        else:
            clause_start = -1
        for start in offsets:
            opening = _OPENING_PRONOUN_ONLY.match(head, start)
            if opening:
                person = self.person_before(sentence_start + start, opening.group(1))
                return (person, "pronoun") if person else None
            first = bisect_right(self.mention_starts, sentence_start + start - 1)
            if first >= len(self.mentions):
                continue
            mention = self.mentions[first]
            if not sentence_start + start <= mention.title_start <= sentence_start + start + 4:
                continue
            if self._modifies_next(mention) and first + 1 < len(self.mentions):
                mention = self.mentions[first + 1]  # "Republican presidential nominee Donald Trump issued"
            if not _CLAUSE_VERB.match(self.text, mention.end) or mention.end >= open_start:
                continue
            if self._in_quotation(mention.start) or mention.preposition in _NOT_SUBJECT:
                continue
            if start == clause_start and not self.name_of(mention):
                continue  # "..., and New York has several": a coordinated clause's subject must be a person
            if " " not in mention.text and not mention.title and not self.name_of(mention):
                # A lone capitalised word opening a sentence ("Down in the polls", "Asked whether",
                # "Walls work") is a subject only before a verb form ("Japan branded", "Reuters reported").
                if not _LOWER_NEXT.match(self.text, mention.end):
                    continue
            name = self.speaker_name(mention)
            if name:
                return name, "subject"
        return None

    def sentence_subject(self, offset: int) -> tuple[str, str] | None:
        """Return the subject of the sentence holding ``offset`` (a participle's: 'Trump attacked Clinton
        for her record, saying, "..."').

        ``clause_subject`` first (an earlier quotation may stand between);
        else the sentence's first person named or "he"/"she", unless the
        sentence opens with a noun phrase of its own ("Several environmental
        groups granted Mr. Clarke ..., saying").
        """
        index = bisect_right(self.sentence_starts, offset) - 1
        if index < 0:
            return None
        sentence_start = self.article.sentences[index].start
        who = self.clause_subject(offset, sentence_start, after_quotation=True)
        if who:
            return who[0], "pronoun" if who[1] == "pronoun" else ""
        head = self.text[sentence_start:offset]
        described = _DESCRIBED_SUBJECT.match(head)
        if described and _noun_phrase(described.group(1)):
            # "The Florida senator sought to calm his supporters, and took a heckler in stride, saying":
            # the described subject, not an opening phrase.
            return described.group(1).strip(), ""
        opening = _OPENING_PHRASE.match(head)
        if opening and _SPEAKING_PHRASE.match(head):
            # "The Spirit owner said he didn't want ..., but now ...": what reads as an opening
            # phrase is a described speaker's clause; its subject opens the sentence.
            opening = None
        if _DETERMINER_OPENING.match(head, opening.end() if opening else 0):
            # "In rejecting a similar challenge ..., the commission recognized ...": the described subject.
            described = _DESCRIBED_SUBJECT.match(head, opening.end() if opening else 0)
            return (described.group(1).strip(), "") if described and _noun_phrase(described.group(1)) else None
        for position, kind, value in self._candidates(index):
            if position >= offset:
                break
            if kind == "pronoun":
                person = self.person_before(position, value)
                return (person, "pronoun") if person else None
            if kind in ("name", "described"):
                return value, ""
        return None

    def object(self, tail: str, base: int, loose: bool = False) -> tuple[str, str] | None:
        """Return the speaker named right after a speech verb: "said Peskov", "said the legislator, Rep. X"."""
        stripped = tail.lstrip(" \u00a0")
        offset = base + len(tail) - len(stripped)
        pronoun = _PRONOUN.match(stripped)
        if pronoun:
            person = self.person_before(offset, pronoun.group(1))
            return (person, "pronoun") if person else None
        for mention in self.mentions[bisect_right(self.mention_starts, offset - 1) :]:
            if mention.title_start < offset:
                continue
            if mention.title_start - offset > 60:
                break
            gap = self.text[offset : mention.title_start]
            # Only an article and descriptive words may come between: "said the legislator, Representative X",
            # "said MSNBC host Chris Matthews", "said 9/11 widow Terry Strada", "said Mr. McGinley" ...
            gap_words = [fold(w) for w in words(gap)]
            # "of" within a role ("said former secretary of state Hillary Clinton", "master of ceremonies")
            # is no preposition opening a phrase ("said the wife of Bill Clinton" names no speaker).
            role_of = set(re.findall(r"\b[a-z]+ (of) [a-z]", gap))
            if not _OBJECT_GAP.fullmatch(gap) or any(w in _NOT_SUBJECT and w not in role_of for w in gap_words):
                break
            if gap_words[:1] == ["that"]:
                break  # "says that Trump attorney Michael Cohen attempted to": the reported clause's subject
            if _SHORT_TITLE.fullmatch(mention.text) and self.text.startswith(". ", mention.end):
                continue  # "said Del. Stacey Plaskett": a title's abbreviation, the name follows
            # ... and the name must end the clause ("said Peskov," not "said Ukraine's readiness"),
            # not open the quoted words ('said the U.S. "clearly" needed': the content's subject).
            ends = _ENDS_CLAUSE.match(self.text, mention.end) or _NAME_THEN_ADVERBIAL.match(self.text, mention.end)
            if ends and not _MARK_NEXT.match(self.text, mention.end):
                name = self.speaker_name(mention)
                if name:
                    return name, ""
                break
        # "said a Democratic strategist who spoke ..."; an initial's period ends nothing ("said the former top
        # aide to President George W. Bush.").
        cut = re.split(r"[,;]|(?<!\b[A-Z])\.|\s+who\s", stripped)[0]
        phrase = _noun_phrase(cut, loose)
        return (phrase, "") if phrase else None

    def signed_below(self, close_end: int, pull_quote: bool = False) -> tuple[str, str] | None:
        """Return the speaker of a quote that ends its paragraph and is signed on the next line ("- Sanders.").

        With ``pull_quote`` (a whole sentence quoted at the opening of its paragraph), a person's name that is
        all the rest of the paragraph signs it too: '“... in America.” Senator Ted Cruz'.
        """
        line = _SIGNATURE_LINE.match(self.text, close_end)
        if not line and pull_quote and self.text[close_end - 2 : close_end - 1] in (".", "!", "?"):
            credit = _CREDIT_AFTER.match(self.text, close_end)
            if credit:
                index = bisect_right(self.mention_starts, credit.start(1) - 1)
                for mention in self.mentions[index : index + 1]:
                    if mention.title_start == credit.start(1) and mention.end == credit.end(1):
                        name = self.name_of(mention)  # a person: an outlet's name under a review is no speaker
                        if name:
                            return name, "after"
            return None
        if not line:
            return None
        for mention in self.mentions[bisect_right(self.mention_starts, line.start(1) - 1) :]:
            if mention.title_start > line.start(1) + 2:
                break
            if mention.end <= line.end(1):
                name = self.speaker_name(mention)
                if name:
                    return name, "dash"
        return None

    def after(self, close_end: int, limit: int) -> tuple[str, str] | None:
        """Return the speaker named right after a quote ('," he said', '," said Peskov')."""
        rest = self.text[close_end : min(limit, close_end + MAX_APPOSITION_CHARS + 40)]
        dash = _DASH_NAME.match(rest)
        if dash:
            for mention in self.mentions:
                if close_end + dash.end() <= mention.title_start <= close_end + dash.end() + 2:
                    name = self.speaker_name(mention)
                    if name:
                        return name, "dash"
        according = _ACCORDING_AFTER.match(rest)
        if according:
            # '"...," according to Judicial Watch.': the source named is the speaker, though someone
            # named before the quote may have spoken ('The witness said ... "...," according to the report').
            who = self.object(rest[according.end() :], close_end + according.end(), loose=True)
            if who:
                return who[0], who[1] or "after"
        if _ENDS_SENTENCE.search(self.text, max(0, close_end - 3), close_end):
            # '... the timing." Gov. X said': a quote closing on a period ends its sentence, unless a sentence
            # of a name and a verb of saying alone follows ('... that are missing.” Trump said.').
            bare = _BARE_REPORT.match(rest)
            if bare and _VERB.fullmatch(bare.group(2)) and self._opens_its_sentence(close_end):
                index = bisect_right(self.mention_starts, close_end + bare.start(1) - 1)
                if index < len(self.mentions):
                    mention = self.mentions[index]
                    if mention.title_start == close_end + bare.start(1) and mention.end == close_end + bare.end(1):
                        name = self.speaker_name(mention)
                        if name and self.name_of(mention):
                            return name, "after"
            return None
        boundary = _clause_end(rest)
        clause = rest[: boundary.start() + 1] if boundary else rest
        verbs = [v for v in _VERB_AFTER.finditer(clause) if not _NOUN_BEFORE.search(clause, 0, v.start())]
        if len(verbs) > 1 and fold(verbs[0].group(1)) == "state" and verbs[1].start() - verbs[0].end() <= 40:
            verbs = verbs[1:]  # '," state TV said', '," state-run media reported': "state" qualifies the speaker
        verb = verbs[0] if verbs else None
        if not verb or verb.start() > MAX_APPOSITION_CHARS:
            return None
        before_verb = clause[: verb.start()]
        lead = words(before_verb)
        if verb.start() > MAX_ATTRIBUTION_CHARS and not (lead and len(lead) > 8):
            return None
        if len(lead) <= 8 and lead[:1] and lead[0][:1].islower() and _NEW_CLAUSE.search(before_verb):
            # 'accuses Sanders of an "artful smear" regarding her links while Sanders suggests', 'said he'd
            # make sand "glow," for instance, and Trump vowed': a clause of its own, not the quote's
            # ('" and against the Brady law, Clinton said' is the quote's).
            return None
        if lead:  # punctuation alone ('" - noted that') is no subject
            if fold(lead[0]) == "as" and len(lead) <= 5:
                # '"... right now," as Cruz said on a radio program': "as" opens the attribution.
                opening = before_verb.lower().find("as")
                who = self.subject(before_verb[opening + 2 :], close_end + opening + 2)
            elif fold(lead[0]) in _NOT_SUBJECT:
                # '" for criminal behavior, she said': the subject follows the last comma;
                # '" during his time as a Marine, echoed': no subject here.
                comma = before_verb.rfind(",")
                if comma < 0 or not words(before_verb[comma + 1 :]):
                    return None
                who = self.subject(before_verb[comma + 1 :], close_end + comma + 1)
            elif len(lead) > 8:
                # A long apposition: '" Scott Pruitt, the Republican attorney general of Oklahoma, ..., said'.
                ends_apposition = before_verb.rstrip().endswith(",")
                person = self.appositive_subject(before_verb, close_end) if ends_apposition else ""
                if not person and ends_apposition:
                    # "California Rep. Duncan Hunter’s chief of staff, Joe Kasper, told": the name after the role.
                    person = self.described_then_named(before_verb.rstrip(" \u00a0"), close_end)
                who = (person, "") if person else None
            else:
                who = self.subject(before_verb, close_end)
            if who is None:
                # '"...," Nate Silver, the polling guru who founded fivethirtyeight.com tweeted', '"...,"
                # Katie Packer, who is chairman of Our Principles Pac said': an apposition left unclosed.
                person = self._opening_person(close_end + len(before_verb) - len(before_verb.lstrip(" \u00a0")))
                who = (person, "") if person else None
        else:
            who = self.object(clause[verb.end() :], close_end + verb.end(), loose=True)
        return (who[0], who[1] or "after") if who else None

    def _opens_its_sentence(self, close_end: int) -> bool:
        """Return whether the quotation closing at ``close_end`` opens its sentence: '“...” Trump said.', not
        'called Scott’s push an “abuse of power.” Joe Geller disagreed.'"""
        index = bisect_right(self.quoted_starts, close_end - 1) - 1
        if index < 0 or self.quoted[index][1] != close_end:
            return False
        open_start = self.quoted[index][0]
        sentence = bisect_right(self.sentence_starts, open_start) - 1
        start = self.sentence_starts[sentence] if sentence >= 0 else 0
        return not self.text[start:open_start].strip(" \u00a0\n“”\"‘’'")

    def before(self, open_start: int, since: int) -> tuple[str, str] | None:
        """Return the speaker named before a quote ('Putin stated that Russia has "...').

        Only the sentence's text since the previous quote (``since``) counts.
        """
        before = self.text[since:open_start]
        inverted = _SAID_NAME.match(before)
        if inverted is None:
            inverted = _VERB_NAME_COLON.match(before)
            if inverted is not None and fold(inverted.group(1)) not in OPENING_SPEECH_VERBS:
                inverted = None
        if inverted:
            name = inverted.group(2)
            return self.people.resolve(name) or name, "before"
        colon = _NAME_COLON.search(before)
        if colon:
            # 'Pew Research: "All the samples ..."': a name and a colon introduce the quote.
            last = bisect_right(self.mention_starts, since + colon.start()) - 1
            if last >= 0 and since + colon.start() - 1 <= self.mentions[last].end <= since + colon.start():
                mention = self.mentions[last]
                name = self.speaker_name(mention)
                prefix = self.text[since : mention.title_start].rstrip(" \u00a0“”\"")
                if name and (not prefix or prefix[-1] in "-–—―"):
                    return name, "before"
        according = None
        for match in _ACCORDING.finditer(before):
            according = match  # the last "according to" before the quote
        if according is not None and open_start - (since + according.end()) <= MAX_ATTRIBUTION_CHARS:
            who = self.object(before[according.end() :], since + according.end())
            if who:
                return who[0], who[1] or "before"
        for verb in reversed(list(_VERB.finditer(before))):
            reach = MAX_REPORTED_CHARS if _REPORTED_THAT.match(before, verb.end()) else MAX_ATTRIBUTION_CHARS
            if open_start - (since + verb.end()) > reach:
                break
            if _NOUN_BEFORE.search(before, 0, verb.start()):
                continue  # "Mr. Obama's remarks", "the claims": a noun, not a verb
            if verb.group(1).endswith("ing") and _PARTICIPLE_LEAD.search(before, 0, verb.start()):
                # 'Trump attacked Clinton for her record, saying, "..."': the sentence's subject.
                who = self.sentence_subject(since + verb.start())
                if who:
                    return who[0], who[1] or "before"
                continue
            if verb.group(1).endswith("ing"):
                # 'The spot concludes with footage of Trump saying during the debate, "..."', 'with Donald
                # Trump tweeting': the one named right before the participle; not one written or spoken to
                # ('wrote a letter to Attorney General Loretta E. Lynch asking').
                last = bisect_right(self.mention_starts, since + verb.start()) - 1
                mention = self.mentions[last] if last >= 0 else None
                if (
                    mention
                    and mention.preposition != "to"
                    and not self.text[mention.end : since + verb.start()].strip(" \u00a0")
                ):
                    name = self.speaker_name(mention)
                    if name and self.name_of(mention):
                        return name, "before"
            who = self.subject(before[: verb.start()], since)
            if who is None and verb.group(1) not in _LABEL_VERBS:
                # What a label verb names is no speaker: 'called Scott's push to involve state police an
                # "abuse of power"' ("state", read as a verb, has no speaker after it either).
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


def _introduced(
    text: str, article: CleanArticle, starts: Sequence[int], resolver: _Resolver, paragraph: int
) -> tuple[str, str] | None:
    """Return the speaker of a paragraph-opening quote introduced by the paragraph before ("Caddell continued:")."""
    before = text[:paragraph].rstrip()
    if not before:
        return None
    sentence_start = _sentence_bounds(article, starts, len(before) - 1)[0]
    if before.endswith(":"):
        who = resolver.before(len(before), min(sentence_start, len(before) - 1))
        if who is None:
            # "He then listed the qualities necessary in a successful nominee:": the colon of a sentence
            # whose subject is a person introduces the quote paragraph after it, with no verb of saying (not
            # "Vasiliades’ lawyer released the following statement:", nor "It’s safe to assume X had ...").
            who = resolver.clause_subject(len(before), sentence_start, after_quotation=True)
            if who and not resolver.people.resolve(who[0]):
                who = None
        return who
    # "Howard continued his scathing remarks." opening a quote paragraph: a sentence with a speech
    # verb and no quotation of its own introduces it too.
    last = before[sentence_start:]
    if not before.endswith(".") or _QUOTE_MARK.search(last):
        return None
    if _VERB.search(last):
        who = resolver.before(len(before), min(sentence_start, len(before) - 1))
        if who and resolver.people.resolve(who[0]):
            return who
    # "Viguerie is upbeat about Cruz's chances ... ¶ "Not only can Ted Cruz win ..."": a quote
    # paragraph with no attribution of its own after a sentence about one person is theirs.
    who = resolver.sentence_subject(len(before) - 1)
    if who and resolver.people.resolve(who[0]):
        return who[0], "before"
    return None


def _narrated_before(
    text: str, article: CleanArticle, starts: Sequence[int], resolver: _Resolver, sentence_start: int, open_start: int
) -> tuple[str, str] | None:
    """Return the speaker of a quote that opens a sentence after one about a person, in one paragraph.

    'Clinton touted her credentials as a co-sponsor of the bill. "We need
    to find ways ..."': the previous sentence has no quotation of its own and
    its subject is a person.
    """
    if text[sentence_start:open_start].strip(" \u00a0") or sentence_start < 2:
        return None
    previous_start, previous_end = _sentence_bounds(article, starts, sentence_start - 2)
    sentence = text[previous_start:previous_end]
    if "\n" in text[previous_end:sentence_start] or _QUOTE_MARK.search(sentence) or not sentence.endswith("."):
        return None
    source = resolver.reporter_at(previous_end - 1)
    if source:
        # 'The ACLU plans to watch his case closely, dos Santos says. "..."': the source of the sentence
        # before goes on speaking.
        return source, "before"
    who = resolver.sentence_subject(previous_end - 1)
    if who and resolver.people.resolve(who[0]):
        return who[0], "before"
    return None


def _attributed_between(text: str, previous: QuoteMention, open_start: int, sentence_start: int) -> bool:
    """Return whether the words between two quotes of one sentence attribute the first ('," X said, "').

    The first quote's speaker was named right after it, and no sentence ends
    between the two.
    """
    if not previous.speaker or previous.how not in ("after", "pronoun") or not sentence_start < previous.end:
        return False
    between = text[previous.end : open_start]
    return "\n" not in between and len(between) <= MAX_APPOSITION_CHARS and bool(_VERB.search(between))


def _turn_quotes(article: CleanArticle, people: People, turns: Sequence[Turn]) -> list[QuoteMention]:
    """Return a transcript's guest turns as quotes (``how == "turn"``): the label names the speaker.

    A host's or an unnamed speaker's turn, a question and a turn under
    ``TURN_MIN_WORDS`` words ("Great to be here.") are no quotes (a stage
    direction, "(SOUNDBITE OF MUSIC)", is no turn).
    """
    found = []
    for turn in turns:
        if not turn.speaker or turn.is_host:
            continue
        start, end = _trim(article.text, turn.start, turn.end)
        while start < end and article.text[start] in _DOUBLE_MARKS:
            start += 1  # a transcript quoted paragraph by paragraph: '"PENCE: Well…', '"But the truth…'
        if end > start and article.text[end - 1] in _DOUBLE_MARKS and sum(
            article.text.count(mark, start, end) for mark in _DOUBLE_MARKS
        ) % 2:
            end -= 1
        spoken = article.text[start:end]
        if count_words(spoken) < TURN_MIN_WORDS or spoken.endswith("?"):
            continue
        speaker = people.resolve(turn.speaker) or people.resolve(turn.written) or turn.speaker
        found.append(QuoteMention(article.id, start, end, spoken, speaker, "turn"))
    return found


def find_quotes(
    article: CleanArticle,
    people: People,
    mentions: Sequence[NameMention] | None = None,
    turns: Sequence[Turn] | None = None,
) -> list[QuoteMention]:
    """Return the quotes of one article with their speakers, in order.

    Scare quotes are left out; quotes whose speaker cannot be found are kept
    with ``speaker == ""`` (``merge_quotes`` drops them unless they match a
    named quote).  A transcript's guest turns (``transcript.find_turns``,
    found here when ``turns`` is None) are quotes of their own; quotation
    marks inside them are the guest's words already.
    """
    text = article.text
    if mentions is None:
        mentions = scan_names(text)
    if turns is None:
        turns = find_turns(text)
    resolver = _Resolver(article, mentions, people)
    spoken = _turn_quotes(article, people, turns)
    spans = quote_spans(text)
    if turns:
        # '"WALLACE: Let's start…': a transcript quoted paragraph by paragraph; its turns are read as turns.
        labels = {turn.label_start for turn in turns}
        spans = [span for span in spans if span[1] not in labels]
    if spoken:
        turn_starts = [q.start for q in spoken]
        spans = [
            span
            for span in spans
            if (k := bisect_right(turn_starts, span[0]) - 1) < 0 or span[0] >= spoken[k].end
        ]
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
        opens_paragraph = not text[paragraph + 1 : open_start].strip()
        who = resolver.after(close_end, limit) or resolver.signed_below(close_end, opens_paragraph)
        if who is None and previous is not None and _attributed_between(text, previous, open_start, sentence_start):
            # '"...," Thiel wrote in a statement to Wired, "..."': the second part is the first's speaker's.
            who = previous.speaker, previous.how  # one attribution for both parts
        answer = _ANSWER.match(text, sentence_start, open_start) if who is None else None
        if answer:
            # 'Vieira asked Trump, "...?" His response: "Well, I have people..."': the one asked answers.
            pronoun = "he" if fold(answer.group(1)) == "his" else "she"
            who = (name, "pronoun") if (name := resolver.subject_before(open_start, pronoun)) else None
        if who is None:
            since = max(sentence_start, previous.end + 1 if previous and previous.end < open_start else 0)
            who = resolver.before(open_start, since)
            if who is None and since > sentence_start:
                # 'Briggs said Sanders ... a "dead heat" ... a "landslide of historic proportions"'.
                who = resolver.before(open_start, sentence_start)
        if who is None and word_count > SCARE_QUOTE_MAX_WORDS:
            # '"..." if she didn't win by a margin larger than that, said David Wasserman, ...': a reporting
            # clause in the quote's own sentence names its source before the sentences around it do.
            who = resolver.reported_by(close_end)
        if who is None and opens_paragraph and word_count > SCARE_QUOTE_MAX_WORDS:
            who = _introduced(text, article, starts, resolver, paragraph)
        if who is None and word_count > SCARE_QUOTE_MAX_WORDS and not opens_paragraph:
            who = _narrated_before(text, article, starts, resolver, sentence_start, open_start)
        if who is None and word_count > SCARE_QUOTE_MAX_WORDS:
            after_quotation = text[sentence_start : sentence_start + 1] not in _DOUBLE_MARKS
            who = resolver.clause_subject(open_start, sentence_start, after_quotation)
        how = who[1] if who else "none"
        speaker = who[0] if who else ""
        is_short = word_count <= SCARE_QUOTE_MAX_WORDS
        # '“..., ” Joe Kasper, told POLITICO. “That’s inevitable.”': a short quotation that is a sentence of
        # its own (capitalised, closing on its stop, opening its sentence) goes on with the quote before it.
        whole_sentence = (
            is_short
            and quoted[:1].isupper()
            and quoted[-1:] in ".!?"
            and not text[sentence_start:open_start].strip(" \u00a0\n“”\"‘’'")
        )
        if not speaker and previous is not None and previous.speaker and (not is_short or whole_sentence):
            # A quote right after an attributed one, nobody else named between, continues it:
            # in the same paragraph, or opening the next one ('," he said.' / '"Right now, ...').
            same_paragraph = paragraph == previous_paragraph
            next_paragraph = (
                opens_paragraph and previous.end < paragraph and "\n" not in text[previous.end : paragraph].strip()
            )
            # Names in the previous quote's own attribution sentence ('," said X,
            # speaking of Y.') do not break the continuation; a person named after it does.
            attribution_end = _clause_end(text[previous.end : open_start].lstrip("”\"’' ,"))
            cutoff = open_start if attribution_end is None else previous.end + attribution_end.end()
            between = [
                m
                for m in mentions[bisect_right(resolver.mention_starts, cutoff - 1) :]
                if m.start < open_start
                and (other := resolver.name_of(m))
                and other != previous.speaker
                # "... to cast her first ballot for Hillary Clinton.": a name after a preposition
                # or in a possessive is not someone else speaking.
                and m.preposition not in _PREPOSITIONS
                and not text.startswith(("'s", "’s"), m.end)
                and not resolver._in_quotation(m.start)
            ]
            if (same_paragraph or next_paragraph) and not between:
                speaker, how = previous.speaker, "continued"
        if how not in ("after", "dash") and people.resolve(speaker) and _calls_by_name(quoted, speaker):
            # '“Lindsay is grateful for the treatment she received,”' after "Lohan's attorney, Shawn
            # Holley, spoke out": a quotation that calls a person by her first name is not her own.
            speaker, how = "", "none"
        if is_short and (
            how in ("none", "dash", "subject")
            or (how == "continued" and not whole_sentence)
            or (_labels(text, open_start, sentence_start) and not people.resolve(speaker))
        ):
            # A scare quote: no speech verb, or a label nobody is named for ("critics called the deal
            # a 'betrayal'"); a named person's label is theirs ("Cruz called Trump a 'pathological liar'").
            continue
        if (is_title_case(quoted) and how not in ("after", "dash", "pronoun")) or (
            (is_short or (word_count <= QUOTED_TITLE_MAX_WORDS and not quoted.isupper()))
            and is_capitalised_title(quoted)
            and _names_a_work(text, open_start, close_end)
        ):
            # The title of a book, show or slogan ('NBC's "Today" show', 'he told "Today."', 'said on ABC's
            # "This Week with George Stephanopoulos."'): up to QUOTED_TITLE_MAX_WORDS words, as the names
            # scanner reads titles; on PolNeAR train it drops 6 quotes, all programmes' names.
            continue
        if (
            (is_short or _is_quoted_title(quoted, text, (sentence_start, close_sentence_end), (open_start, close_end)))
            and is_capitalised_title(quoted)
            and not _stands_alone(text, sentence_start, open_start)
            and not (_labels(text, open_start, sentence_start) and people.resolve(speaker))
        ):
            # A name, a nickname or a title within a clause ('Liberty “Libby” German', 'the “American Pie”
            # star', 'revealed himself as “Deep Throat”', 'Universal said “Furious 7” chalked up'): no words
            # of the speaker near it.  A named person's label stays theirs ('called Davis “Abortion Barbie.”').
            # Its sentence's speaker still carries on to a quote after it ('he told BBC News that a song like
            # “Whole Lotta Love” made him aware ...' / '“You realize ...”').
            if speaker:
                previous = QuoteMention(article.id, start, end, quoted, speaker, how)
                previous_paragraph = paragraph
            continue
        fragment = (
            not is_short
            and word_count <= FRAGMENT_MAX_WORDS
            and quoted[:1].islower()
            and how not in ("after", "dash", "continued")
            and not _stands_alone(text, sentence_start, open_start)
            and not _split_quotation(text, sentence_start, open_start)
        )
        mention = QuoteMention(article.id, start, end, quoted, speaker, how, fragment)
        found.append(mention)
        previous, previous_paragraph = mention, paragraph
    return sorted(found + spoken, key=lambda q: q.start) if spoken else found


def _split_quotation(text: str, sentence_start: int, open_start: int) -> bool:
    """Return whether a quotation goes on from one before it in its sentence, past its reporting clause:
    '"It was a particularly prolific time," says singer Robert Plant, "where we were learning ..."'."""
    before = text[sentence_start:open_start]
    last_mark = max(before.rfind(mark) for mark in "\"”“")
    return last_mark >= 0 and bool(_VERB.search(before, last_mark))


def _stands_alone(text: str, sentence_start: int, open_start: int) -> bool:
    """Return whether a quotation stands as words said: it opens its sentence ('"Nah," Malia said'), or a
    speech verb or a colon comes right before it ('Trump replied, "Yes."', 'with a single word: "Yup."').

    Example:
        >>> text = 'Trump replied, "Yes." He starred in "Top Gun" then.'
        >>> _stands_alone(text, 0, 15), _stands_alone(text, 22, 37)
        (True, False)
    """
    before = text[sentence_start:open_start].rstrip(" \u00a0")
    if not before.strip(" \u00a0\n“”\"‘’'"):
        return True
    if before.endswith(":"):
        return True
    verbs = list(_VERB.finditer(before))
    # Marks may stand between, when the quotation opens inside another: 'said, “ ‘Oh, God!’ ”'.
    return bool(verbs) and not before[verbs[-1].end() :].strip(" \u00a0,“”\"‘’'")


def _is_quoted_title(quoted: str, text: str, sentence: tuple[int, int], marks: tuple[int, int]) -> bool:
    """Return whether ``quoted`` reads as the title of a work that its sentence names, not words said.

    It is short (at most ``QUOTED_TITLE_MAX_WORDS`` words), written as a title
    (every word capitalised but the small ones: "How to Train Your Dragon 2";
    not in capitals, as a chant or a tweet is), and no verb of saying or
    "according to" stands in its sentence outside the quotation marks, which
    hold less than the whole sentence.

    Example:
        >>> text = 'He hid before the premiere of "How to Train Your Dragon 2." Then he left.'
        >>> _is_quoted_title("How to Train Your Dragon 2.", text, (0, 60), (30, 59))
        True
        >>> text = 'She tweeted the words "Thank You to All My Fans" at noon.'
        >>> _is_quoted_title("Thank You to All My Fans", text, (0, len(text)), (22, 48))
        False
    """
    if count_words(quoted) > QUOTED_TITLE_MAX_WORDS or not is_capitalised_title(quoted) or quoted.isupper():
        return False
    before, after = text[sentence[0] : marks[0]], text[marks[1] : sentence[1]]
    if not any(c.isalnum() for c in before + after):
        return False  # the quotation is its sentence
    return not said_around(before, after)


def _names_a_work(text: str, open_start: int, close_end: int) -> bool:
    """Return whether a short quotation names a show or a work rather than quoting words.

    A noun of works follows it ('NBC's "Today" show'), or it stands where a
    programme does: after a possessive ('CBS's "Face the Nation"'), "on" or
    "told" ('he told "Today."'), a verb that names ('a podcast called "The
    Daily Shoah"'), or a noun of works and "of" ('this weekend's broadcast of
    "Fox News Sunday"', 'an episode of "The Late Show"').

    Example:
        >>> text = 'Trump told NBC’s "Today" show that he told "Today."'
        >>> _names_a_work(text, 17, 24), _names_a_work(text, 43, 51)
        (True, True)
        >>> _names_a_work('He called it "Nonsense" and left.', 13, 23)
        False
    """
    after = _NEXT_WORD.match(text, close_end)
    if after and after.group(1) in _WORK_NOUNS:
        return True
    before = [fold(w) for w in text[max(0, open_start - 40) : open_start].split()]
    last = before[-1] if before else ""
    if last == "of" and len(before) > 1 and before[-2].rstrip("s") in _WORK_NOUNS:
        return True
    return last.endswith("'s") or last in _WORK_LEADS


_FIRST_NAME_ALONE = re.compile(r"\b([A-Z][\w-]+)(?:['’]s)?\b(?![ \u00a0]+(?:[A-Z]|\w\.))")


def _calls_by_name(quoted: str, speaker: str) -> bool:
    """Return whether ``quoted`` calls ``speaker`` by first name alone, as one speaks of another.

    A lone surname does not count (a speaker may name a relative who shares
    it), nor does the full name ("your favorite President, Donald J. Trump":
    some speak of themselves so).  ``speaker`` should be a person's name:
    ``find_quotes`` asks only for those ``People`` knows.

    Example:
        >>> _calls_by_name("Lindsay is grateful for the treatment.", "Lindsay Lohan")
        True
        >>> _calls_by_name("We spoke to Lindsay's doctors.", "Lindsay Lohan")
        True
        >>> _calls_by_name("The Lohan family is grateful.", "Lindsay Lohan")
        False
        >>> _calls_by_name("Vote for Lindsay Lohan.", "Lindsay Lohan")
        False
        >>> _calls_by_name("The facility is not licensed.", "The Department")
        False
    """
    first, _ = split_person(speaker)
    if len(first) < 3 or first in lex.NOT_NAMES:
        return False  # no first name, or a description ("the Vermont senator", "The statement")
    return any(fold(m.group(1)) == first for m in _FIRST_NAME_ALONE.finditer(quoted))


# A name of several capitalised words, separated by single spaces; a word
# ends with a period only when it is a short abbreviation ("Gen.", "J."), so
# that a name does not run over the end of a sentence ("Americans. A").
_NAME_WORD = r"[A-Z](?:[a-z]{0,3}\.|[\w'’-]*)"
_NAME_RUN = re.compile(rf"{_NAME_WORD}(?: {_NAME_WORD})+")


def _stems(text: str) -> frozenset[str]:
    """Return the content stems of a quote's words, a name of several words by its last word alone.

    A name is one thing however many words it takes: "I am not running for
    president of the United States as surrogate for being elected prom king of
    America" and "I am now ready to fight for the people of the United States
    of America" share a name and a place, not three words, and are two
    statements.  The last word is what other wordings keep ("Gen. Flynn",
    "General Flynn", "Flynn").

    Example:
        >>> sorted(_stems("the people of the United States"))
        ['people', 'state']
    """
    return _content_stems(fold(x) for x in words(_NAME_RUN.sub(_last_word, text)))


def _last_word(name: re.Match[str]) -> str:
    """Return a name's last word; a sentence's first word stays, as it may be no name ("Asking FBI")."""
    parts = name.group().split(" ")
    before = name.string[: name.start()].rstrip(" \"'“‘")
    if not before or before.endswith((".", "!", "?")):
        return f"{parts[0]} {parts[-1]}"
    return parts[-1]


# A sentence that ends inside a wording.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+\S")


def _affirmed(stems: frozenset[str]) -> frozenset[str]:
    """Return the stems without the words of a denial ("never", "don't")."""
    return frozenset(x for x in stems if x not in ("never", "nor", "cannot") and not x.endswith(("n't", "n’t")))


def _denied_by(a: str, b: str, stems_a: frozenset[str], stems_b: frozenset[str]) -> bool:
    """Return whether two one-sentence wordings say the same with a denial in one only.

    "I know Matt Whitaker" and "I don't know Whitaker" are two statements.
    Only sentences of the same content words count, and never one that stands
    in the other: "will not cave" and its "cave" are one remark, and so are
    "We are asking the president to open up government. Why would he not do
    it?" and "We're asking the president to open the government".
    """
    if negation(a)[1] == negation(b)[1] or _SENTENCE_END.search(a.strip()) or _SENTENCE_END.search(b.strip()):
        return False
    normal_a, normal_b = _normal(a), _normal(b)
    if normal_a in normal_b or normal_b in normal_a:
        return False
    return _affirmed(stems_a) == _affirmed(stems_b)


def _content_stems(folded: Iterable[str]) -> frozenset[str]:
    """Return the stems of the folded words that are no stop words."""
    return frozenset(stem(w) for w in folded if w not in STOPWORDS and len(w) > 1)


def _close(a: frozenset[str], b: frozenset[str], overlap: float, minimum: int) -> bool:
    shared = len(a & b)
    if not a or not b:
        return False
    return shared >= min(minimum, len(a), len(b)) and shared / min(len(a), len(b)) >= overlap and shared >= min(
        minimum, 2
    )


# Two translations of one remark: the shorter wording, of at least this many
# words, stands in the longer in order with one word changed.
ONE_WORD_APART_MIN_WORDS = 4


def _one_word_apart(a: str, b: str) -> bool:
    """Return whether one wording stands in the other with one word changed.

    "clear answer from Moscow" and "We await a clear response from Moscow"
    are one remark in two translations.  The shorter wording needs
    ``ONE_WORD_APART_MIN_WORDS`` words and two content stems in common with
    the window it matches ("we will win this war" and "we will lose this war"
    share one).

    >>> _one_word_apart("clear answer from Moscow", "We await a clear response from Moscow")
    True
    >>> _one_word_apart("we will win this war", "We will lose this war")
    False
    """
    short, long = sorted(([fold(w) for w in words(a)], [fold(w) for w in words(b)]), key=len)
    if len(short) < ONE_WORD_APART_MIN_WORDS:
        return False
    short_stems = _content_stems(short)
    for start in range(len(long) - len(short) + 1):
        window = long[start : start + len(short)]
        if sum(x != y for x, y in zip(short, window)) == 1 and len(short_stems & _content_stems(window)) >= 2:
            return True
    return False


def _normal(text: str) -> str:
    return " ".join(fold(w) for w in words(text))


def _may_stand_in(a: frozenset[str], b: frozenset[str], both_turns: bool) -> bool:
    """Return whether one wording may stand in the other (``_stands_in``), judged on content stems alone.

    A wording that stands in a turn shares at least a piece's stems with it;
    one turn stands in another (a transcript carried by two outlets) only
    with most of its stems.  The test spares the slow character alignment
    for the many pairs of a long transcript that share a few common words.
    """
    shared = len(a & b)
    if both_turns:
        return shared >= 0.6 * min(len(a), len(b))
    return shared >= min(3, len(a), len(b))


def _stands_in(a: str, b: str) -> bool:
    """Return whether the shorter wording stands nearly word for word in the longer (``TURN_PARTIAL_MIN``).

    A wording trimmed with ellipses ("… This is exactly why …") stands in
    when one of its pieces of ``TURN_PIECE_WORDS`` words or more does.

    Example:
        >>> turn = "Well, I don't think they're better off. The unemployment rate is still way too high. And so on."
        >>> _stands_in("the unemployment rate is still way too high", turn), _stands_in("I'm still working on it", turn)
        (True, False)
    """
    short, long = sorted((a, b), key=len)
    folded = _normal(long)
    pieces = [_normal(piece) for piece in _ELLIPSIS.split(short)]
    size = min(TURN_PIECE_WORDS, sum(len(piece.split()) for piece in pieces))
    return any(
        piece and len(piece.split()) >= size and fuzz.partial_ratio(piece, folded) >= TURN_PARTIAL_MIN
        for piece in pieces
    )


def _descriptor(speaker: str) -> tuple[str, ...]:
    """Return the folded words of a speaker that a description names, ``()`` for a person's name.

    Determiners and a possessive's ending go ("the navy", "Navy" and
    "India's navy" give ``("navy",)``, ``("navy",)``, ``("india", "navy")``);
    a prepositional tail goes too ("the insider at Breitbart" is an
    ``("insider",)``).  A speaker is a description when its head is a
    common noun: written in lower case somewhere in it, or a word of
    organisations or titles ("Police", "Navy"); "Clinton" is no description.
    """
    folded: list[str] = []
    written = speaker.split()
    for number, word in enumerate(written):
        plain = fold(word).strip(".,")
        if plain in _SPEAKER_PREPOSITIONS and folded and written[number - 1].islower():
            break  # "the insider at Breitbart", but "Department of Health" is a name
        if plain in _SPEAKER_DETERMINERS:
            continue
        folded.append(plain.removesuffix("'s"))
    if not folded or any(w in _OTHER_ONE for w in folded):
        return ()  # "a second juror" is not "the juror"
    head = folded[-1]
    is_common = any(w.islower() and fold(w).removesuffix("'s") == head for w in speaker.split())
    if is_common or head in lex.ORG_CUES or head in lex.ROLE_WORDS or head.rstrip("s") in lex.ORG_CUES:
        return tuple(folded)
    return ()


def _qualifies(short: Sequence[str], long: Sequence[str]) -> bool:
    """Return whether every qualifier of ``short`` stands in ``long`` (one head; "india" matches "indian")."""
    if short[-1] != long[-1]:
        return False
    return all(any(_same_qualifier(w, o) for o in long[:-1]) for w in short[:-1])


def _same_qualifier(a: str, b: str) -> bool:
    """Return whether two qualifiers are one: equal, or a place and its adjective ("india", "indian")."""
    shorter, longer = sorted((a, b), key=len)
    return a == b or len(shorter) >= 4 and len(longer) > len(shorter) and longer.startswith(shorter)


def speaker_groups(speakers: Sequence[str]) -> dict[str, str]:
    """Return each folded speaker mapped to the folded speaker that stands for its group.

    Descriptions of one speaker merge ("the navy", "Navy", "the Indian navy",
    "India's navy"): a shorter one joins the longer ones it qualifies
    (``_qualifies``) when these all qualify one another, so "the senator"
    stays apart when the story has "the Democratic senator" and "the
    Republican senator".  A person's name stays its own group.

    >>> groups = speaker_groups(["the navy", "Navy", "the Indian navy", "India's navy", "Hillary Clinton"])
    >>> groups["india's navy"] == groups["the indian navy"] == groups["navy"] == groups["the navy"]
    True
    >>> groups["hillary clinton"]
    'hillary clinton'
    >>> groups = speaker_groups(["the senator", "the Democratic senator", "the Republican senator"])
    >>> len(set(groups.values()))
    3
    """
    described: dict[str, tuple[str, ...]] = {}
    for speaker in speakers:
        words_ = _descriptor(speaker)
        if words_:
            described.setdefault(fold(speaker), words_)
    group = {fold(s): fold(s) for s in speakers}
    keys = sorted(described, key=lambda k: (len(described[k]), k))
    for k in keys:
        wider = [o for o in keys if o != k and _qualifies(described[k], described[o])]
        if not wider or not all(
            _qualifies(described[a], described[b]) or _qualifies(described[b], described[a]) for a in wider for b in wider
        ):
            continue
        root = group[k]
        for o in wider:
            old = group[o]
            for name, value in group.items():
                if value == old:
                    group[name] = root
    return group


def _first_by(members: Sequence[int], mentions: Sequence[tuple[int, str, QuoteMention]], speaker: str) -> int:
    """Return the first member quote given to ``speaker``."""
    return next(k for k in members if mentions[k][2].speaker == speaker)


def _join_descriptions(
    named: Sequence[tuple[int, tuple[int, str, QuoteMention]]],
    stems: dict[int, frozenset[str]],
    find: Callable[[int], int],
    union: Callable[[int, int], None],
) -> None:
    """Join each statement given only to a description to the closest one of a named speaker.

    One outlet writes "the Texas governor" or "the statement", another names
    Rick Perry: when at least three stems, nearly all of the shorter wording's,
    stand in the other (``DESCRIPTION_OVERLAP``, ``DESCRIPTION_MIN_SHARED``), they are one
    statement.  Of two named statements that close, the one sharing more
    stems wins.
    """
    described = {k for k, m in named if _descriptor(m[2].speaker)}
    if not described or len(described) == len(named):
        return
    members: dict[int, list[int]] = defaultdict(list)
    for k, _ in named:
        members[find(k)].append(k)
    by_name = [root for root, keys in members.items() if any(k not in described for k in keys)]
    for root, keys in list(members.items()):
        if any(k not in described for k in keys):
            continue
        best, best_shared = None, 0
        for other in by_name:
            for a in keys:
                for b in members[other]:
                    shared = len(stems[a] & stems[b])
                    if (
                        shared > best_shared
                        and shared >= DESCRIPTION_MIN_SHARED
                        and _close(stems[a], stems[b], DESCRIPTION_OVERLAP, DESCRIPTION_MIN_SHARED)
                    ):
                        best, best_shared = other, shared
        if best is not None:
            union(root, best)


def merge_quotes(
    mentions: Sequence[tuple[int, str, QuoteMention]],
) -> list[Quote]:
    """Return the story's quotes: one per statement, each with every outlet's version.

    Args:
        mentions: ``(article position, outlet, quote)`` for every quote of the
            story's articles, in story order.

    Quotes are sorted by number of outlets, then number of versions, then
    remarks before phrases of at most ``SCARE_QUOTE_MAX_WORDS`` words, then
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
    group = speaker_groups([m[2].speaker for _, m in named])
    for k, m in named:
        by_speaker[group[fold(m[2].speaker)]].append(k)
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
                first, second = mentions[a][2], mentions[b][2]
                if first.how == "turn" or second.how == "turn":
                    if _may_stand_in(stems[a], stems[b], first.how == second.how) and _stands_in(
                        first.text, second.text
                    ):
                        union(a, b)
                    continue
                if (
                    (
                        _close(stems[a], stems[b], MERGE_OVERLAP, MERGE_MIN_SHARED)
                        or (
                            fuzz.token_set_ratio(first.text, second.text) >= 90
                            and min(len(stems[a]), len(stems[b])) >= 1
                        )
                        or _one_word_apart(first.text, second.text)
                    )
                    and not _denied_by(first.text, second.text, stems[a], stems[b])
                    # Two wordings in one article are one remark only where one stands in the other.
                    and (mentions[a][0] != mentions[b][0] or _stands_in(first.text, second.text))
                ):
                    union(a, b)
    # One long wording under two speakers is one statement with a speaker wrong in one outlet.
    same_words: dict[str, int] = {}
    for k, m in named:
        normal = _normal(m[2].text)
        if len(_content_stems(fold(x) for x in words(m[2].text))) >= SAME_WORDS_MIN_STEMS:
            if normal in same_words:
                union(same_words[normal], k)
            else:
                same_words[normal] = k
    _join_descriptions(named, stems, find, union)
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
                _may_stand_in(stems[k], stems[x], False) and _stands_in(m[2].text, mentions[x][2].text)
                if mentions[x][2].how == "turn"
                else _close(stems[k], stems[x], UNATTRIBUTED_OVERLAP, UNATTRIBUTED_MIN_SHARED)
                for x in members
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
        # A name before any description ("Rick Perry", not "the Texas governor"); then the speaker
        # most outlets give, the fullest description, the name found beside the words rather than
        # carried over from the paragraph before ("continued") or from a pronoun, the first.
        said_by = Counter(mentions[k][2].speaker for k in members if mentions[k][2].speaker)
        beside = Counter(
            mentions[k][2].speaker for k in members if mentions[k][2].how not in ("continued", "pronoun", "none")
        )
        speaker = max(
            said_by,
            key=lambda name: (
                not _descriptor(name),
                said_by[name],
                len(_descriptor(name)),
                0 if _descriptor(name) else beside[name],
                -members.index(_first_by(members, mentions, name)),
            ),
        )
        # Words quoted: every version a phrase of a few words or a fragment of a reporter's sentence.
        is_phrase = all(
            mentions[k][2].fragment or count_words(mentions[k][2].text) <= SCARE_QUOTE_MAX_WORDS for k in members
        )
        quote = Quote(speaker=speaker, text=built[0].text, sources=outlets, versions=tuple(built), phrase=is_phrase)
        # Among statements as widely carried, a remark before a phrase of a few words ("hopefully").
        quotes.append(((-len(outlets), -len(built), is_phrase, members[0]), quote))
    quotes.sort(key=lambda kv: kv[0])
    return [q for _, q in quotes]
