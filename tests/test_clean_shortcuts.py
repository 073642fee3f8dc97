"""The cleaner's shortcuts: each cheaper test gives exactly what the rule it stands for gives."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.clean import clean_article, clean_paragraphs, paragraph_reason, split_paragraphs
from newsfuse.clean.article import MAX_ROUNDS
from newsfuse.clean.blocks import appeal_block, related_blocks, repeated_headlines, widget_lines
from newsfuse.clean.junk import _NOTICE_PATTERN, _STRONG, _STRONG_HINTS, _TOPIC_PATTERN, may_be_ui
from newsfuse.clean.media import _PLAYER_HINTS, _PLAYER_MARKERS
from newsfuse.clean.rules import _PHOTO_LABEL
from newsfuse.clean.shape import is_truncated, line_key
from newsfuse.config import CleanSettings
from newsfuse.errors import ItemError
from newsfuse.models import Article
from newsfuse.text import _END, count_words, fold, split_sentences

# The patterns the string tests and the faster patterns replace, as they were written.
_TRUNCATED = re.compile(r"""(?:\.\.\.|…|\[…\]|\[\.\.\.\])["'”’»)\]]*$""")
_INNER_PUNCT = re.compile(r"[^\w\s]+")
_SENTENCE_END = re.compile(r"""(?:[.!?]+|…)["'”’»)\]]*(?=\s)""")

# Text made of what the shortcuts look at: ellipses, closing quotes and
# brackets, curly punctuation, white space of all kinds, accents, case.
_TRICKY = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("aZ_ .-'’‘“”—–…«»[]()\"\t\n\xa0\u2028\u1680İßﬁ²Ké\u0301x9:,!?")),
        st.characters(),
    ),
    max_size=40,
)


def _reference_line_key(line: str) -> str:
    key = " ".join(_INNER_PUNCT.sub(" ", line.lower().replace("_", " ")).split())
    return key if key.isascii() else " ".join(fold(w) for w in key.split())


@settings(max_examples=500, deadline=None)
@given(_TRICKY)
def test_line_key_and_is_truncated_agree_with_their_patterns(line):
    assert line_key(line) == _reference_line_key(line)
    assert is_truncated(line) == bool(_TRUNCATED.search(line.rstrip()))


@pytest.mark.parametrize(
    "line",
    ["Putin’s “Peace” Talks!", "Storm hits…”", "Storm hits [...]", "Storm hits...)", "Café «Ouvert» — ok…", "a_b\xa0c"],
)
def test_line_key_and_is_truncated_on_news_punctuation(line):
    assert line_key(line) == _reference_line_key(line)
    assert is_truncated(line) == bool(_TRUNCATED.search(line.rstrip()))


_ENDINGS = st.one_of(
    st.lists(st.sampled_from([*".!?…”)] \nA", "...", "a."]), max_size=30).map("".join),
    st.lists(st.one_of(st.sampled_from([*".!?…\"'’»(“\t"]), st.characters()), max_size=30).map("".join),
)


@settings(max_examples=500, deadline=None)
@given(_ENDINGS, st.integers(0, 5), st.integers(0, 5))
def test_sentence_ends_are_the_pattern_s(text, trim_start, trim_end):
    end = max(trim_start, len(text) - trim_end)
    assert [m.span() for m in _END.finditer(text, trim_start, end)] == [
        m.span() for m in _SENTENCE_END.finditer(text, trim_start, end)
    ]


def test_sentence_ends_on_news_punctuation():
    text = "He left… She said “no.” Really?! Yes…. No?… (It rained.) Dr. Who? U.S. troops. Wait...? End!…”"
    assert [m.span() for m in _END.finditer(text)] == [m.span() for m in _SENTENCE_END.finditer(text)]
    assert [text[a:b] for a, b in split_sentences(text)][:3] == ["He left…", "She said “no.”", "Really?!"]


def _alternatives(pattern: str) -> list[str]:
    """Return the top-level ``|`` alternatives of a verbose pattern."""
    parts, depth, start, index = [], 0, 0, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    return [part.strip() for part in parts + [pattern[start:]]]


_STRONG_TERMS = _alternatives(_NOTICE_PATTERN) + _alternatives(_TOPIC_PATTERN)


def test_the_strong_terms_are_all_read():
    assert len(_STRONG_TERMS) > 30 and all(_STRONG_TERMS)


@pytest.mark.parametrize("term", _STRONG_TERMS)
def test_every_strong_term_holds_a_hint(term):
    # ``may_be_ui`` skips the _STRONG search on a line without any hint:
    # every text a term matches must hold one.
    @settings(max_examples=40, deadline=None)
    @given(st.from_regex(re.compile(rf"\b(?:{term})", re.VERBOSE)))
    def check(text):
        if _STRONG.search(text):
            assert any(hint in text for hint in _STRONG_HINTS), (term, text)

    check()


@settings(max_examples=300, deadline=None)
@given(st.from_regex(_STRONG))
def test_lines_with_a_strong_term_may_be_ui(text):
    assert any(hint in text for hint in _STRONG_HINTS)
    assert may_be_ui(text)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(_PHOTO_LABEL, alphabet=st.characters(max_codepoint=127)))
def test_an_ascii_photo_label_holds_one_of_its_words(text):
    lower = text.lower()
    assert "photo" in lower or "image" in lower or "picture" in lower


@settings(max_examples=300, deadline=None)
@given(st.from_regex(_PLAYER_MARKERS, alphabet=st.characters(max_codepoint=127)))
def test_a_player_marker_holds_a_hint_unless_it_is_a_clip_length(text):
    # ``is_player_text`` skips the marker search on a line without a hint; a line
    # needs two kinds of marker, so one of them is no clip length and holds a hint.
    for match in _PLAYER_MARKERS.finditer(text):
        if match.lastgroup != "length":
            assert any(hint in match[0].lower() for hint in _PLAYER_HINTS), match[0]


_LINES = st.sampled_from(
    [
        "The city council approved the new budget on Tuesday after a debate that lasted nine hours.",
        "Mayor Jane Doe said the plan would pay for 40 new teachers and the repair of two bridges.",
        "Opponents said the tax increase was too steep for families already struggling with rent.",
        "Advertisement",
        "Related articles",
        "Storm Closes Northern Coast Road",
        "Mayor Resigns After Harbour Vote",
        "Heavy rain washed away part of the road near the lighthouse, forcing...",
        "Keep Local News Alive",
        "Please consider a donation: your support keeps us going.",
        "Please enable JavaScript to watch this video.",
        "Council Passes Budget",
        "Share on Facebook",
        "Date:",
        "By Jane Doe",
    ]
)


def _every_rule_every_round(paragraphs: list[str], title: str) -> dict[int, str]:
    """``clean_paragraphs`` without its shortcut: the one-line rules run again in each round."""
    reasons: dict[int, str] = {}
    remaining = list(range(len(paragraphs)))
    for _ in range(MAX_ROUNDS):
        texts = [paragraphs[i] for i in remaining]
        found = {i: why for i, text in enumerate(texts) if (why := paragraph_reason(text))}
        for rule in (widget_lines, repeated_headlines, related_blocks, appeal_block):
            kept = [i for i in range(len(texts)) if i not in found]
            found.update(repeated_headlines(texts, title, kept) if rule is repeated_headlines else rule(texts, kept))
        if not found:
            break
        for position, why in found.items():
            reasons[remaining[position]] = why
        remaining = [i for position, i in enumerate(remaining) if position not in found]
    return dict(sorted(reasons.items()))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_LINES, st.text(max_size=80)), max_size=16), st.sampled_from(["", "Council Passes Budget"]))
def test_one_line_rules_run_once(lines, title):
    paragraphs = split_paragraphs("\n".join(lines))
    assert clean_paragraphs(paragraphs, title) == _every_rule_every_round(paragraphs, title)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_LINES, st.text(max_size=80)), max_size=12))
def test_a_too_short_article_reports_the_words_of_its_clean_text(lines):
    text = "\n".join(lines)
    article = Article(id="a", source="s", title="", text=text, origin="a.txt")
    try:
        clean_article(article, CleanSettings(min_words=10_000))
    except ItemError as error:
        if error.reason == "not-an-article":
            return
        size = count_words(clean_article(article, CleanSettings(min_words=0)).text)
        assert str(error) == (
            f"a.txt: {size} {'word' if size == 1 else 'words'} after cleaning, fewer than clean.min_words=10000"
        )
    else:
        pytest.fail("an article of a few lines passed min_words=10000")


def _reference_split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``newsfuse.text._split_paragraph`` as it was: the rest of the paragraph copied at each sentence end."""
    from newsfuse.text import _WORD, STOPWORDS, _is_abbreviation, _is_uncased_letter, _token_before, _without_spaces

    spans: list[tuple[int, int]] = []
    begin = start
    for match in _END.finditer(text, start, end):
        stop = match.end()
        if text[match.start()] == "." and match.end() - match.start() == 1:
            word = _token_before(text, stop)
            if _is_abbreviation(word):
                rest = text[stop:end].lstrip()
                opening = _WORD.match(rest)
                is_function_word = bool(opening) and opening.group().lower() in STOPWORDS
                if not ("." in word and rest[:1].isupper() and is_function_word):
                    continue
        rest = text[stop:end].lstrip()
        # A letter of a script without capitals opens a sentence too (session 42).
        if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"“‘'([" or _is_uncased_letter(rest[0])):
            continue
        spans.append((begin, stop))
        begin = stop
    spans.append((begin, end))
    return _without_spaces(text, spans)  # unchanged: shared


_SENTENCES = st.lists(
    st.sampled_from(["U.S.", "The", "He", "Gen.", "J.", "in", "a", "1", "“Yes.”", "(It", "é", "said", "…", "?!"])
    | _TRICKY,
    max_size=30,
).map(" ".join)


@settings(max_examples=1000, deadline=None)
@given(_SENTENCES, st.sampled_from([" ", "  ", "\u00a0", "\u2009 ", "\t", " \u3000"]))
def test_sentence_splitting_finds_the_next_sentence_in_place_as_a_copy_did(text, space):
    # The rest of a paragraph is no longer copied at each sentence end (a
    # paragraph of n sentences cost O(n²)); the spans must be the same.
    from newsfuse.text import _split_paragraph

    text = text.replace(" ", space)
    for start, end in ((0, len(text)), (min(3, len(text)), max(0, len(text) - 2))):
        assert _split_paragraph(text, start, end) == _reference_split_paragraph(text, start, end)


def test_a_paragraph_of_many_sentences_is_split_into_each():
    text = "Sentence one. " * 20_000 + "U.S. officials said. The end."
    spans = split_sentences(text)
    assert len(spans) == 20_002 and text[spans[-2][0] : spans[-2][1]] == "U.S. officials said."

