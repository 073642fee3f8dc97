"""Render: JSON schema and round trip, Markdown and HTML, on a brief built by hand from the seeds.

The brief is written the way the brief stage writes one: every Evidence is
found with ``str.find`` in the (cleaned) seed text, so each span slices its
article to the words it supports.
"""

from __future__ import annotations

import base64
import dataclasses
import doctest
import hashlib
import json
import math
import os
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

import newsfuse.render.json
import newsfuse.render.markdown
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
from newsfuse.render import (
    BRIEF_SCHEMA,
    brief_from_dict,
    brief_to_dict,
    briefs_from_dict,
    briefs_to_dict,
    render,
    render_html,
    render_json,
    render_markdown,
    validate_document,
)
from newsfuse.text import split_sentences

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"
GOLDEN = Path(__file__).resolve().parent / "golden"

HOSTILE_TITLE = "<script>alert(1)</script> [click](javascript:alert(2)) *boom*"
HOSTILE_TEXT = 'Officials said <img src=x onerror=alert(3)> nothing "more" & <b>less</b>.'


# ---------------------------------------------------------------- the seed brief

def _seed_text(prefix: str) -> tuple[str, str]:
    """Return the file stem (article id) and raw text of the seed named ``prefix_*``."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.stem, path.read_text(encoding="utf-8")


def _clean(prefix: str, title: str, date: str, url: str, cuts: tuple[tuple[str, str, bool], ...] = ()) -> CleanArticle:
    """Return the seed as a CleanArticle, with each (snippet, reason, to_end) cut recorded as a Removal."""
    article_id, text = _seed_text(prefix)
    removed = []
    for snippet, reason, to_end in cuts:
        start = text.find(snippet)
        assert start >= 0, snippet
        end = len(text) if to_end else start + len(snippet)
        removed.append(Removal(article_id, text[start:end].strip(), reason))
        text = text[:start] + text[end:]
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    sentences = tuple(
        Sentence(article_id, index, a, b, text[a:b]) for index, (a, b) in enumerate(split_sentences(text))
    )
    return CleanArticle(
        id=article_id,
        source=prefix,
        title=title,
        text=text,
        sentences=sentences,
        url=url,
        date=date,
        origin=f"examples/seeds/{article_id}.txt",
        removed=tuple(removed),
    )


def _span(article: CleanArticle, phrase: str) -> Evidence:
    start = article.text.find(phrase)
    assert start >= 0, (article.id, phrase)
    return Evidence(article.id, start, start + len(phrase))


def _point(articles: dict[str, CleanArticle], phrases: list[tuple[str, str]], score: float = 0.0) -> Point:
    """Return a Point whose text is the first phrase, with one evidence span per (outlet, phrase)."""
    evidence = tuple(_span(articles[outlet], phrase) for outlet, phrase in phrases)
    return Point(
        text=phrases[0][1],
        sources=tuple(dict.fromkeys(outlet for outlet, _ in phrases)),
        evidence=evidence,
        score=score,
    )


@lru_cache(maxsize=1)
def seed_brief() -> Brief:
    """Return the five seeds' brief as the brief stage would write it."""
    a = {
        "000": _clean(
            "000",
            "Zelensky Responds with Caution as Putin Suggests First Direct Talks Since Invasion",
            "2025-04-21",
            "https://example.com/world/zelensky-responds",
        ),
        "001": _clean(
            "001",
            "Putin Signals Willingness for Direct Peace Talks with Ukraine Amid Renewed Ceasefire Efforts",
            "",
            "https://example.org/putin-signals?id=1&ref=rss",
            cuts=(("Related articles", "related-links", True), ("Date:", "empty-field", False)),
        ),
        "002": _clean("002", "Putin proposes bilateral talks with Ukraine", "2025-04-21T09:30:00Z", ""),
        "003": _clean(
            "003",
            "Putin Signals Willingness for Direct Negotiations with Ukraine",
            "2025-04-20",
            "https://example.net/putin-direct-negotiations",
            cuts=(("Putin Signals Willingness for Direct Negotiations with Ukraine\n", "repeated-headline", False),),
        ),
        "004": _clean(
            "004",
            "Ceasefire diplomacy gains momentum as both sides signal willingness to talk—with conditions",
            "2025-04-21",
            "https://example.com/ceasefire-diplomacy",
            cuts=(("Keep Independent Journalism Alive", "appeal", True),),
        ),
    }
    by_outlet = a
    talks = _point(
        by_outlet,
        [
            ("002", "Russian President Vladimir Putin has proposed bilateral talks with Ukraine for the first time since the early days of the war"),
            ("004", "Russian President Vladimir Putin has expressed openness to bilateral peace negotiations with Ukraine for the first time in years"),
            ("001", "Russian President Vladimir Putin has publicly expressed openness to direct peace negotiations with Ukraine for the first time in years"),
            ("000", "Russian President Vladimir Putin has proposed face-to-face peace talks with Ukrainian President Volodymyr Zelensky"),
            ("003", "Russian President Vladimir Putin has indicated a willingness to engage in direct conversations with Ukraine's leader"),
        ],
        score=0.93,
    )
    london = _point(
        by_outlet,
        [
            ("003", "Ukraine is slated to engage in discussions with officials from the United States and European nations this week in London"),
            ("004", "talks scheduled this week in London involving Ukrainian, U.S., and European officials"),
            ("002", "Ukraine’s goal remains to push for an unconditional ceasefire during upcoming talks with U.S. and European officials in London"),
            ("001", "Zelensky also announced a Ukrainian delegation would join talks in London with US and European officials"),
        ],
        score=0.71,
    )
    peskov = _point(
        by_outlet,
        [
            ("001", "Kremlin spokesperson Dmitry Peskov confirmed that Putin was referencing possible discussions with Ukraine focused on reducing civilian harm and de-escalation."),
            ("002", "Kremlin spokesman Dmitry Peskov confirmed that Putin’s proposal for talks included discussions about halting attacks on civilians"),
        ],
        score=0.4,
    )
    odessa = _point(
        by_outlet,
        [("003", "As the backdrop of these developments unfolds, fighting has persisted, evidenced by drone assaults in the southern port city of Odessa, which left three individuals injured and caused extensive damage.")],
        score=0.2,
    )
    violations = _point(
        by_outlet,
        [("001", "Ukraine claimed nearly 3,000 ceasefire violations, while Russia alleged over 900 Ukrainian drone strikes and hundreds of attacks on its positions")],
        score=0.18,
    )
    title = Dispute(
        subject="Donald Trump's title",
        kind="title",
        versions=(
            Version("President", ("000", "002", "004"), tuple(_span(by_outlet[o], "President Donald Trump") for o in ("000", "002", "004"))),
            Version("former President", ("003",), (_span(by_outlet["003"], "former President Donald Trump"),)),
        ),
    )
    quote = Quote(
        speaker="Vladimir Putin",
        text="We have always supported peace initiatives",
        sources=("004", "003"),
        versions=(
            QuoteVersion("We have always supported peace initiatives", ("004",), (_span(by_outlet["004"], "We have always supported peace initiatives"),)),
            QuoteVersion("always viewed peace initiatives positively", ("003",), (_span(by_outlet["003"], "always viewed peace initiatives positively"),)),
        ),
    )
    summary_spans = (
        _span(by_outlet["002"], "Russian President Vladimir Putin has proposed bilateral talks with Ukraine for the first time since the early days of the war, signaling a potential shift in the ongoing conflict."),
        _span(by_outlet["004"], "The potential breakthrough comes as both leaders face mounting pressure from the U.S., which has warned it may withdraw from mediation efforts without tangible progress."),
    )
    summary = " ".join(by_outlet[e.article.split("_")[0]].text[e.start : e.end] for e in summary_spans)
    outlets = ("000", "001", "002", "003", "004")
    return Brief(
        id="story-0001",
        headline="Putin Signals Willingness for Direct Negotiations with Ukraine",
        headline_source="003",
        headline_article=by_outlet["003"].id,
        summary=summary,
        summary_evidence=summary_spans,
        articles=tuple(by_outlet[o] for o in outlets),
        key_points=(talks, london, peskov),
        unique=(odessa, violations),
        disputes=(title,),
        quotes=(quote,),
        entities=(
            Entity("Vladimir Putin", "person", ("Putin",), outlets, 31),
            Entity("Volodymyr Zelensky", "person", ("Zelensky", "Zelenskiy"), outlets, 24),
            Entity("Dmitry Peskov", "person", ("Peskov",), ("001", "002", "003", "004"), 6),
            Entity("Donald Trump", "person", ("Trump",), ("000", "002", "003", "004"), 5),
            Entity("Kremlin", "organization", (), ("001", "002", "003", "004"), 4),
            Entity("Ukraine", "place", (), outlets, 30),
            Entity("London", "place", (), outlets, 7),
        ),
        duplicates=(),
    )


def hostile_brief() -> Brief:
    """Return the seed brief with attacker-controlled title, URL, outlet and text."""
    brief = seed_brief()
    first = brief.articles[0]
    text = HOSTILE_TEXT + "\n\n" + first.text
    shift = len(HOSTILE_TEXT) + 2
    evil = dataclasses.replace(
        first,
        title=HOSTILE_TITLE,
        url="javascript:alert(4)",
        source='<b onmouseover="alert(5)">Evil</b>',
        text=text,
        sentences=tuple(Sentence(first.id, i, a, b, text[a:b]) for i, (a, b) in enumerate(split_sentences(text))),
    )
    hostile_point = Point(HOSTILE_TEXT, (evil.source,), (Evidence(first.id, 0, len(HOSTILE_TEXT)),))

    def moved(evidence: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
        return tuple(
            dataclasses.replace(e, start=e.start + shift, end=e.end + shift) if e.article == first.id else e
            for e in evidence
        )

    return dataclasses.replace(
        brief,
        headline=HOSTILE_TITLE,
        articles=(evil, *brief.articles[1:]),
        key_points=tuple(dataclasses.replace(p, evidence=moved(p.evidence)) for p in brief.key_points),
        unique=(hostile_point, *brief.unique),
        disputes=(
            Dispute(
                "<script>x</script>",
                "title",
                tuple(dataclasses.replace(v, evidence=moved(v.evidence)) for v in brief.disputes[0].versions),
            ),
        ),
        quotes=(Quote("<i>Anon</i>", "</blockquote><script>alert(6)</script>", (evil.source,), ()),),
        entities=(Entity('"><svg onload=alert(7)>', "person", (), (evil.source,), 1),),
    )


@pytest.fixture
def brief() -> Brief:
    return seed_brief()


# ------------------------------------------------------------------------- JSON

def test_json_document_follows_the_schema(brief):
    document = json.loads(render_json([brief]))
    assert validate_document(document) == []
    assert document["schema_version"] == 1
    assert re.fullmatch(r"newsfuse \d+\.\d+\.\d+\S*", document["generator"])
    story = document["stories"][0]
    assert list(story) == list(BRIEF_SCHEMA["$defs"]["story"]["properties"])
    assert story["sources"] == ["000", "001", "002", "003", "004"]
    assert [a["id"] for a in story["articles"]] == [a.id for a in brief.articles]
    assert [r["reason"] for r in story["removed"]] == ["related-links", "empty-field", "repeated-headline", "appeal"]


def test_every_evidence_span_slices_its_article_text_to_the_words_shown(brief):
    story = json.loads(render_json(brief))["stories"][0]
    texts = {a["id"]: a["text"] for a in story["articles"]}

    def sliced(evidence: dict) -> str:
        return texts[evidence["article"]][evidence["start"] : evidence["end"]]

    for point in story["key_points"] + story["unique"]:
        assert sliced(point["evidence"][0]) == point["text"]
        assert len(point["evidence"]) == len(point["sources"])
    for version in story["disputes"][0]["versions"]:
        assert all(version["value"] in sliced(e) for e in version["evidence"])
    for version in story["quotes"][0]["versions"]:
        assert [sliced(e) for e in version["evidence"]] == [version["text"]]
    assert " ".join(sliced(e) for e in story["summary_evidence"]) == story["summary"]
    for article in story["articles"]:
        for start, end in article["sentences"]:
            assert article["text"][start:end].strip() == article["text"][start:end] != ""


def test_json_is_utf8_text_with_stable_key_order(brief):
    first = render_json([brief])
    assert first == render_json([brief])
    assert "Zelensky’s" in first and "\\u2019" not in first
    assert first.endswith("}\n")
    assert list(json.loads(first)) == ["schema_version", "generator", "stories"]
    assert "\n" not in render_json([brief], indent=None).rstrip("\n")


def test_round_trip_of_the_seed_brief(brief):
    assert brief_from_dict(brief_to_dict(brief)) == brief
    assert briefs_from_dict(json.loads(render_json([brief, brief]))) == [brief, brief]
    rebuilt = brief_from_dict(brief_to_dict(brief))
    assert rebuilt.removed == brief.removed
    assert rebuilt.articles[1].sentences == brief.articles[1].sentences


def test_brief_from_dict_names_the_paths_at_fault(brief):
    story = brief_to_dict(brief)
    story["key_points"][0]["evidence"][0]["end"] = 10**6
    del story["quotes"][0]["speaker"]
    with pytest.raises(ValueError) as error:
        brief_from_dict(story)
    assert str(error.value) == (
        "story 'story-0001' does not follow the newsfuse briefs schema (docs/schema.md): "
        "story.quotes[0]: missing key 'speaker'"
    )
    story["quotes"][0]["speaker"] = "Vladimir Putin"
    with pytest.raises(ValueError, match=r"story.key_points\[0\].evidence\[0\]: span \[\d+, 1000000\] is outside"):
        brief_from_dict(story)


def test_validator_reports_types_unknown_keys_and_missing_articles(brief):
    document = briefs_to_dict([brief])
    story = document["stories"][0]
    story["entities"][0]["mentions"] = "many"
    story["entities"][1]["mentions"] = True
    story["disputes"][0]["color"] = "red"
    story["removed"][0]["article"] = "nowhere"
    assert validate_document(document) == [
        "$.stories[0].disputes[0]: unknown key 'color'",
        "$.stories[0].entities[0].mentions: must be of type integer, got str",
        "$.stories[0].entities[1].mentions: must be of type integer, got bool",
    ]
    del story["disputes"][0]["color"]
    story["entities"][0]["mentions"] = story["entities"][1]["mentions"] = 3
    assert validate_document(document) == ["$.stories[0].removed[0]: article 'nowhere' is not in articles"]


def test_newer_schema_version_is_refused_with_the_fix(brief):
    document = briefs_to_dict([brief])
    document["schema_version"] = 2
    with pytest.raises(ValueError) as error:
        briefs_from_dict(document)
    assert str(error.value) == (
        "schema_version must be 1, got 2; a newer file needs a newer newsfuse (pip install -U newsfuse)"
    )


def test_a_score_json_cannot_hold_is_refused(brief):
    broken = dataclasses.replace(brief, key_points=(dataclasses.replace(brief.key_points[0], score=math.nan),))
    with pytest.raises(ValueError, match="point score must be a finite number, got nan"):
        render_json(broken)


def test_schema_covers_every_field_of_the_models():
    """A new model field must reach the JSON (and docs/schema.md): this fails until it does."""
    defs = BRIEF_SCHEMA["$defs"]
    pairs = {
        "evidence": Evidence,
        "point": Point,
        "version": Version,
        "dispute": Dispute,
        "quote_version": QuoteVersion,
        "quote": Quote,
        "entity": Entity,
        "removal": Removal,
    }
    for name, model in pairs.items():
        assert set(defs[name]["properties"]) == {f.name for f in dataclasses.fields(model)}, name
    article_fields = {f.name for f in dataclasses.fields(CleanArticle)} - {"removed"}
    assert set(defs["article"]["properties"]) == article_fields
    story_fields = {f.name for f in dataclasses.fields(Brief)} | {"sources", "removed"}
    assert set(defs["story"]["properties"]) == story_fields
    documented = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    for definition in defs.values():
        for key in definition["properties"]:
            assert f"`{key}`" in documented, key


def test_the_documented_example_is_valid_and_round_trips():
    documented = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    example = json.loads(documented.split("```json\n", 1)[1].split("```", 1)[0])
    assert validate_document(example) == []
    (story,) = example["stories"]
    span = story["disputes"][0]["versions"][0]["evidence"][0]
    text = story["articles"][0]["text"]
    stated = re.search(r"Here `text\[(\d+):(\d+)\]` of article `003` is `\"(.+?)\"`", documented)
    assert (span["start"], span["end"]) == (int(stated[1]), int(stated[2]))
    assert text[span["start"] : span["end"]] == stated[3]
    assert briefs_to_dict(briefs_from_dict(example))["stories"] == example["stories"]


def test_schema_is_valid_json_schema_when_jsonschema_is_installed(brief):
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(BRIEF_SCHEMA)
    jsonschema.validate(json.loads(render_json(brief)), BRIEF_SCHEMA)


def test_doctests():
    assert doctest.testmod(newsfuse.render.json).failed == 0
    assert doctest.testmod(newsfuse.render.markdown).failed == 0


# Hypothesis: any brief whose spans index its articles survives JSON.
_OUTLET = st.sampled_from(["Reuters", "AP", "BBC", "Le Monde", "Ünïcode ☃", ""])
_SHORT = st.text(max_size=20)


@st.composite
def _briefs(draw) -> Brief:
    articles = []
    for number in range(draw(st.integers(1, 3))):
        article_id = f"{draw(st.text(min_size=1, max_size=6))}#{number}"
        text = draw(st.text(max_size=120))
        articles.append(
            CleanArticle(
                id=article_id,
                source=draw(_OUTLET),
                title=draw(_SHORT),
                text=text,
                sentences=tuple(
                    Sentence(article_id, i, a, b, text[a:b]) for i, (a, b) in enumerate(split_sentences(text))
                ),
                url=draw(st.sampled_from(["", "https://example.com/a?b=1&c=2", "javascript:x"])),
                date=draw(st.sampled_from(["", "2025-04-21", "2025-04-21T10:00:00+02:00"])),
                origin=draw(_SHORT),
                removed=tuple(
                    Removal(article_id, draw(_SHORT), draw(st.sampled_from(["boilerplate", "related-links"])))
                    for _ in range(draw(st.integers(0, 2)))
                ),
                extra=draw(st.dictionaries(_SHORT, st.one_of(st.integers(), _SHORT, st.none()), max_size=2)),
            )
        )

    def evidence() -> tuple[Evidence, ...]:
        spans = []
        for _ in range(draw(st.integers(0, 3))):
            article = draw(st.sampled_from(articles))
            start = draw(st.integers(0, len(article.text)))
            spans.append(Evidence(article.id, start, draw(st.integers(start, len(article.text)))))
        return tuple(spans)

    outlets = st.lists(_OUTLET, max_size=3).map(tuple)

    def points() -> tuple[Point, ...]:
        return tuple(
            Point(draw(_SHORT), draw(outlets), evidence(), draw(st.floats(allow_nan=False, allow_infinity=False)))
            for _ in range(draw(st.integers(0, 2)))
        )

    ids = [a.id for a in articles]
    return Brief(
        id=draw(_SHORT),
        headline=draw(_SHORT),
        headline_source=draw(_OUTLET),
        headline_article=draw(st.sampled_from(ids)),
        summary=draw(st.text(max_size=60)),
        summary_evidence=evidence(),
        articles=tuple(articles),
        key_points=points(),
        unique=points(),
        disputes=tuple(
            Dispute(draw(_SHORT), draw(st.sampled_from(["title", "number", "date"])), tuple(
                Version(draw(_SHORT), draw(outlets), evidence()) for _ in range(draw(st.integers(0, 2)))
            ))
            for _ in range(draw(st.integers(0, 2)))
        ),
        quotes=tuple(
            Quote(draw(_SHORT), draw(_SHORT), draw(outlets), tuple(
                QuoteVersion(draw(_SHORT), draw(outlets), evidence()) for _ in range(draw(st.integers(0, 2)))
            ))
            for _ in range(draw(st.integers(0, 2)))
        ),
        entities=tuple(
            Entity(draw(_SHORT), draw(st.sampled_from(["person", "organization", "place", "event"])),
                   tuple(draw(st.lists(_SHORT, max_size=2))), draw(outlets), draw(st.integers(0, 10**6)))
            for _ in range(draw(st.integers(0, 3)))
        ),
        duplicates=tuple(tuple(draw(st.lists(st.sampled_from(ids), min_size=2, max_size=3)))
                         for _ in range(draw(st.integers(0, 1)))),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_briefs())
def test_any_brief_survives_the_json_round_trip(generated):
    text = render_json(generated)
    document = json.loads(text)
    assert validate_document(document) == []
    (rebuilt,) = briefs_from_dict(document)
    assert rebuilt == generated
    assert [dict(a.extra) for a in rebuilt.articles] == [dict(a.extra) for a in generated.articles]
    # Every output format accepts what JSON accepts.
    render_markdown(generated, explain=True)
    _parse_html(render_html(generated, explain=True))


# --------------------------------------------------------------------- Markdown

def test_markdown_has_every_section_with_outlets_and_support(brief):
    text = render_markdown([brief])
    assert "## Putin Signals Willingness for Direct Negotiations with Ukraine\n" in text
    assert "_Headline via 003 · 5 articles from 5 outlets · 2025-04-20 to 2025-04-21_" in text
    assert brief.summary in text
    assert (
        "- Russian President Vladimir Putin has proposed bilateral talks with Ukraine for the first time "
        "since the early days of the war [002, 004, 001 +2] (5 of 5 outlets)\n"
    ) in text
    assert "nations this week in London [003, 004, 002, 001] (4 of 5 outlets)\n" in text
    assert "- **Only in 003:** As the backdrop of these developments unfolds" in text
    assert "- **Only in 001:** Ukraine claimed nearly 3,000 ceasefire violations" in text
    assert "- **Donald Trump's title:** \"President\" — 000, 002, 004 · \"former President\" — 003\n" in text
    assert "- **Vladimir Putin:** \"We have always supported peace initiatives\" — 004\n" in text
    assert "  - Also reported as \"always viewed peace initiatives positively\" — 003\n" in text
    assert "- **People:** Vladimir Putin (also Putin), Volodymyr Zelensky (also Zelensky, Zelenskiy)" in text
    assert "- **Places:** Ukraine, London\n" in text
    for number, article in enumerate(brief.articles, start=1):
        assert f"{number}. **{article.source}** — {article.title}" in text
    assert "<https://example.org/putin-signals?id=1&ref=rss>" in text
    assert "Removed during cleaning" not in text


def test_markdown_explain_lists_each_removal_with_reason_and_article(brief):
    text = render_markdown([brief], explain=True)
    section = text.split("### Removed during cleaning\n", 1)[1]
    lines = [line for line in section.splitlines() if line.startswith("- ")]
    assert len(lines) == len(brief.removed) == 4
    assert lines[0].startswith(f"- **related-links** in 001 ({brief.articles[1].id}): \"Related articles European")
    assert lines[0].endswith("…\"")
    assert lines[3].startswith(f"- **appeal** in 004 ({brief.articles[4].id}): \"Keep Independent Journalism Alive")


def test_markdown_lists_near_copy_groups(brief):
    ids = (brief.articles[0].id, brief.articles[2].id)
    text = render_markdown(dataclasses.replace(brief, duplicates=(ids,)))
    assert f"Near-copies, counted once:\n\n- 000 ({ids[0]}), 002 ({ids[1]})\n" in text


def test_outlets_without_a_name_are_shown_as_unknown(brief):
    point = dataclasses.replace(brief.key_points[2], sources=("", "002"))
    text = render_markdown(dataclasses.replace(brief, key_points=(point,)))
    assert "de-escalation. [unknown outlet, 002] (2 of 5 outlets)\n" in text


def test_articles_without_an_outlet_count_as_outlets_of_their_own(brief):
    # An outlet the input never named is the article's id in key points (the brief stage's
    # outlet_of); the story's outlet count and its source list must agree with them.
    nameless = tuple(dataclasses.replace(a, source="") for a in brief.articles)
    point = dataclasses.replace(brief.key_points[0], sources=tuple(a.id for a in nameless[:3]))
    text = render_markdown(dataclasses.replace(brief, articles=nameless, key_points=(point,)))
    assert f"[{nameless[0].id}, {nameless[1].id}, {nameless[2].id}] (3 of 5 outlets)" in text
    assert "5 articles from 5 outlets" in text
    assert f"1. **{nameless[0].id}** — " in text and "****" not in text
    page = render_html(dataclasses.replace(brief, articles=nameless))
    assert f"<li><strong>{nameless[0].id}</strong> — " in page


def test_markdown_renders_to_html_without_injected_links_or_tags():
    text = render_markdown([hostile_brief(), seed_brief()], explain=True)
    page = MarkdownIt("commonmark").render(text)
    assert "<script" not in page and "<img" not in page and "<svg" not in page
    assert 'href="javascript' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [click](javascript:alert(2)) *boom*" in page
    tokens = MarkdownIt("commonmark").parse(text)
    headings = [t for t in tokens if t.type == "heading_open"]
    assert [t.tag for t in headings].count("h2") == 2
    assert page.count("<em>") == 2  # the two "Headline via ..." lines, nothing from the text


def test_markdown_of_no_briefs_says_so():
    assert render_markdown([]) == "# newsfuse briefs\n\n0 stories from 0 articles.\n"


# ------------------------------------------------------------------------- HTML

class _Page(HTMLParser):
    """Collects every tag, attribute and text run of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.style = ""
        self._in_style = False
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"
        if tag not in ("meta", "br", "link", "img", "hr", "input"):
            self.open.append(tag)

    def handle_endtag(self, tag):
        self._in_style = False
        assert self.open and self.open[-1] == tag, (tag, self.open[-5:])
        self.open.pop()

    def handle_data(self, data):
        if self._in_style:
            self.style += data
        else:
            self.text.append(data)


def _parse_html(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    assert parser.open == []
    return parser


def test_html_escapes_hostile_titles_urls_and_text():
    page = render_html([hostile_brief()], explain=True)
    parsed = _parse_html(page)
    names = [tag for tag, _ in parsed.tags]
    assert "script" not in names and "img" not in names and "svg" not in names and "b" not in names
    assert "<script" not in page and "<img" not in page
    for tag, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "src" not in attrs
        if "href" in attrs:
            assert re.match(r"https?://|#", attrs["href"]), attrs["href"]
    text = "".join(parsed.text)
    assert HOSTILE_TITLE in text  # shown as text, not dropped
    assert "<img src=x onerror=alert(3)>" in text
    assert "javascript:alert(4)" in text  # the URL is shown, not linked


def test_html_is_self_contained_with_a_strict_csp(brief):
    page = render_html([brief], title="Ukraine <talks>")
    parsed = _parse_html(page)
    (csp,) = [a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp.startswith("default-src 'none'; ")
    digest = base64.b64encode(hashlib.sha256(parsed.style.encode("utf-8")).digest()).decode("ascii")
    assert f"style-src 'sha256-{digest}'" in csp
    assert "script" not in [t for t, _ in parsed.tags]
    assert not [a for t, a in parsed.tags if t == "link" or "src" in a]
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in parsed.tags
    assert "<title>Ukraine &lt;talks&gt;</title>" in page


def test_html_key_points_carry_their_evidence_highlighted_in_context(brief):
    page = render_html(brief)
    section = page.split("<h3>Key points</h3>", 1)[1].split("</section>", 1)[0]
    items = section.split("<li><span class=\"source\">")
    marks = re.findall(r"<mark>(.*?)</mark>", section)
    expected = [
        brief.articles[[a.id for a in brief.articles].index(e.article)].text[e.start : e.end]
        for p in brief.key_points
        for e in p.evidence
    ]
    assert [m.replace("&#x27;", "'") for m in marks] == expected
    assert section.count("<details><summary>Evidence (5)</summary>") == 1
    assert section.count("<details><summary>Evidence (4)</summary>") == 1
    assert '<span class="count">5 of 5 outlets</span>' in section
    # A span inside a sentence shows its paragraph around it, cut at a word with "…".
    (london_004,) = [item for item in items if "<mark>talks scheduled" in item]
    assert london_004.startswith("004</span>…declared but both sides accused each other of violating.")
    assert ", with <mark>talks scheduled this week in London" in london_004
    assert london_004.split("</mark>", 1)[1].startswith(". These discussions build on last week’s meeting")
    # A span that starts its paragraph has no context before it.
    assert any(item.startswith("003</span><mark>Ukraine is slated to engage") for item in items)


def _with_phrases(brief: Brief) -> Brief:
    """Return the seed brief with three phrases a reporter's sentence quotes, as merge_quotes orders them."""
    by_outlet = {article.source: article for article in brief.articles}

    def phrase(speaker: str, outlet: str, words: str) -> Quote:
        evidence = (_span(by_outlet[outlet], words),)
        return Quote(speaker, words, (outlet,), (QuoteVersion(words, (outlet,), evidence),))

    return dataclasses.replace(
        brief,
        quotes=brief.quotes
        + (
            phrase("Volodymyr Zelensky", "004", "unconditional ceasefire"),
            phrase("Donald Trump", "004", "hopefully"),
            phrase("Volodymyr Zelensky", "004", "symmetrically"),
            phrase("Volodymyr Zelensky", "000", "any conversation"),
        ),
    )


def test_phrases_a_sentence_quotes_are_listed_apart_by_speaker(brief):
    # The seeds' own phrases: Zelensky vows to respond "symmetrically" (004), Trump says a deal could
    # "hopefully" emerge (004).  Markdown: statements first, as before; then the phrases, each
    # speaker's run of one outlet together.
    text = render_markdown(_with_phrases(brief))
    quotes = text.split("### Quotes\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert quotes == [
        "- **Vladimir Putin:** \"We have always supported peace initiatives\" — 004",
        "  - Also reported as \"always viewed peace initiatives positively\" — 003",
        "- **Words quoted:**",
        "  - **Volodymyr Zelensky:** \"unconditional ceasefire\", \"symmetrically\" — 004"
        " · \"any conversation\" — 000",
        "  - **Donald Trump:** \"hopefully\" — 004",
    ]
    # HTML: the statement keeps its block quote; each phrase shows the sentence it stands in.
    page = render_html(_with_phrases(brief))
    section = page.split("<h3>Quotes</h3>", 1)[1].split("</section>", 1)[0]
    assert section.count("<blockquote>") == 1
    phrases = section.split("<h4>Words quoted</h4>", 1)[1]
    zelensky = '<span class="speaker">Volodymyr Zelensky</span>: “unconditional ceasefire”, “symmetrically”'
    assert zelensky in phrases
    assert "<details><summary>In context (3)</summary>" in phrases
    assert re.search(r"<mark>any conversation</mark>", phrases)


def test_html_shows_disputes_as_a_table(brief):
    parsed_page = render_html(brief)
    table = parsed_page.split("<table>", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)
    assert len(rows) == 3  # head + two versions
    assert "Donald Trump&#x27;s title" in rows[1] and 'rowspan="2"' in rows[1]
    assert "“President”" in rows[1] and rows[1].endswith("<td>000, 002, 004</td>")
    assert "“former President”" in rows[2] and rows[2].endswith("<td>003</td>")
    assert "<mark>former President Donald Trump</mark>" in rows[2]


def test_html_of_many_stories_links_each_from_the_top(brief):
    second = dataclasses.replace(brief, id="story 2/b", headline="Second story")
    page = render_html([brief, second])
    parsed = _parse_html(page)
    anchors = [a["href"][1:] for t, a in parsed.tags if t == "a" and a.get("href", "").startswith("#")]
    ids = [a["id"] for t, a in parsed.tags if t == "article"]
    assert anchors == ids == ["story-1-story-0001", "story-2-story-2-b"]


def test_html_of_no_briefs_is_still_a_page():
    parsed = _parse_html(render_html([]))
    assert "No stories." in "".join(parsed.text)


# ----------------------------------------------------------------- dispatch, golden

def test_render_dispatches_and_names_the_formats(brief):
    assert render([brief], "md") == render_markdown([brief])
    assert render(brief, "JSON") == render_json([brief])
    assert render([brief], "html", explain=True) == render_html([brief], explain=True)
    with pytest.raises(ValueError) as error:
        render([brief], "xml")
    assert str(error.value) == "format must be one of md, json, html, article, article-html; got 'xml'"
    with pytest.raises(TypeError, match=r"briefs\[0\] must be a newsfuse Brief, got dict"):
        render([{}], "md")


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("seed_brief.md", lambda b: render_markdown(b, explain=True)),
        ("seed_brief.html", lambda b: render_html(b, explain=True)),
    ],
)
def test_golden_output(request, brief, name, make):
    """Review the diff after ``NEWSFUSE_UPDATE_GOLDEN=1 pytest tests/test_render.py`` (or --update-golden)."""
    import newsfuse

    produced = make(brief).replace(f"newsfuse {newsfuse.__version__}", "newsfuse VERSION")
    path = GOLDEN / name
    if os.environ.get("NEWSFUSE_UPDATE_GOLDEN") or request.config.getoption("--update-golden", default=False):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(produced, encoding="utf-8")
    assert produced == path.read_text(encoding="utf-8")
