"""The dispute evaluation: the injector's edits, their matching, the judge, and real runs."""

from __future__ import annotations

import pytest

from newsfuse.config import Settings
from newsfuse.dedup import find_duplicates
from newsfuse.evaluate._briefing import Cluster, brief_clusters, clean_clusters, faithfulness_problems
from newsfuse.evaluate.disputes import (
    ALL_KINDS,
    KINDS,
    Injection,
    edit_is_visible,
    evaluate_disputes,
    find_injections,
    format_disputes_table,
    inject,
    is_read_non_disagreement,
    judge_dispute,
    match_injection,
)
from newsfuse.models import Article, Brief, CleanArticle, Dispute, Evidence, Sentence, Version
from newsfuse.pipeline import IngestStage, StageContext, run, run_stage
from newsfuse.text import split_sentences


def _clean(article_id: str, source: str, text: str) -> CleanArticle:
    sentences = tuple(
        Sentence(article_id, i, a, b, text[a:b]) for i, (a, b) in enumerate(split_sentences(text))
    )
    return CleanArticle(article_id, source, "", text, sentences)


def _seed_story(seeds_dir) -> tuple[list[Article], list[CleanArticle]]:
    settings = Settings()
    articles = run_stage(IngestStage(), [str(seeds_dir)], StageContext(settings))
    return articles, clean_clusters([Cluster("seeds", tuple(articles))], settings)[0].articles


def test_injector_finds_a_shared_count_and_changes_it_everywhere():
    a = _clean(
        "a", "Wire", "Officials said 12 people were killed in the blast on Monday. Later, 12 people were buried."
    )
    b = _clean("b", "Daily", "The blast on Monday killed 12 people, officials said.")
    found = find_injections("s", [a, b])
    numbers = [i for i in found if i.kind == "number" and i.article == "a"]
    assert numbers and numbers[0].old == "12" and numbers[0].new == "16" and numbers[0].support == ("Daily",)
    edited = inject(Article("a", "Wire", "12 people killed", a.text), numbers[0])
    assert edited.text.count("16 people") == 2 and "12 people" not in edited.text
    assert edited.title == "16 people killed"
    assert edit_is_visible(numbers[0], edited.text)
    # An outlet with two articles, or a hedged count, is never edited.
    assert not [i for i in find_injections("s", [a, b, _clean("c", "Wire", b.text)]) if i.outlet == "Wire"]
    hedged = _clean("a", "Wire", "Officials said more than 12 people were killed in the blast on Monday.")
    assert not [i for i in find_injections("s", [hedged, b]) if i.kind == "number" and i.article == "a"]


def test_title_edit_puts_former_before_the_modifiers():
    a = _clean("a", "Wire", "New Jersey Governor Chris Christie spoke on Monday. Gov. Christie left.")
    b = _clean("b", "Daily", "Governor Chris Christie spoke to reporters.")
    edit = next(i for i in find_injections("s", [a, b]) if i.kind == "title" and i.article == "a")
    edited = inject(Article("a", "Wire", "", a.text), edit).text
    assert edited == "Former New Jersey Governor Chris Christie spoke on Monday. Former Gov. Christie left."
    assert edit_is_visible(edit, edited)
    assert not edit_is_visible(edit, a.text)


def test_match_injection_needs_both_values_and_the_right_outlets():
    edit = Injection("s", "title", "a", "Wire", "Senator", "former Senator", "warren", ("Daily",), "", "", "")
    evidence = (Evidence("a", 0, 5),)
    former = Version("former Sen.", ("Wire",), evidence)
    current = Version("Sen.", ("Daily", "Post"), evidence)
    assert match_injection(Dispute("Elizabeth Warren's title", "title", (former, current)), edit) == "right"
    swapped = Version("former Sen.", ("Daily",), evidence)
    assert match_injection(Dispute("x", "title", (swapped, Version("Sen.", ("Wire",), evidence))), edit) == "values"
    other = Dispute("x", "number", (Version("12", ("Wire",), evidence), Version("15", ("Daily",), evidence)))
    assert match_injection(other, edit) == ""


def test_judge_calls_one_value_written_two_ways_no_dispute():
    text = "Twelve people died in the fire. The fire killed 12 people."
    article = _clean("a", "Wire", text)
    other = _clean("b", "Daily", text)
    dispute = Dispute(
        "number killed",
        "number",
        (Version("Twelve", ("Wire",), (Evidence("a", 0, 6),)), Version("12", ("Daily",), (Evidence("b", 48, 50),))),
    )
    brief = Brief("s", "", "", "", "", (), (article, other), (), (), (dispute,), (), ())
    assert judge_dispute(brief, dispute) == (False, "same value written two ways ('Twelve' / '12')")


def test_seed_trump_title_dispute_is_kept_and_judged_real(seeds_dir):
    brief = run([str(seeds_dir)]).briefs[0]
    titles = [d for d in brief.disputes if d.kind == "title" and "Trump" in d.subject]
    assert titles, [d.subject for d in brief.disputes]
    values = {v.value.lower() for v in titles[0].versions}
    assert "former president" in values and "president" in values
    former = next(v for v in titles[0].versions if v.value.lower() == "former president")
    assert former.sources == ("003_2700ac9be91dff8d",)
    assert judge_dispute(brief, titles[0]) == (True, "")
    assert faithfulness_problems(brief) == []


@pytest.mark.parametrize("kind, subject", [("duration", "hour"), ("title", "trump")])
def test_an_injected_edit_in_the_seeds_is_found(seeds_dir, kind, subject):
    articles, clean = _seed_story(seeds_dir)
    edits = [i for i in find_injections("seeds", clean, find_duplicates(clean)) if i.kind == kind]
    edit = next(i for i in edits if i.subject == subject)
    edited = [inject(a, edit) if a.id == edit.article else a for a in articles]
    story = clean_clusters([Cluster("seeds-edited", tuple(edited))], Settings())[0]
    changed = next(a for a in story.articles if a.id == edit.article)
    assert edit_is_visible(edit, changed.text)
    brief = brief_clusters([(story.id, story.articles)], Settings())[story.id]
    assert "right" in [match_injection(d, edit) for d in brief.disputes], [
        (d.subject, [(v.value, v.sources) for v in d.versions]) for d in brief.disputes
    ]
    assert faithfulness_problems(brief) == []


def test_evaluate_disputes_on_real_stories(shared_data):
    result = evaluate_disputes([shared_data / "basil" / "articles.jsonl"], limit=4)
    assert result["stories"] == 4 and result["perturbed"] >= 2
    assert result["recall"]["injected"] + len(result["not_a_disagreement"]) == result["perturbed"]
    precision = result["precision"]
    assert precision["flagged"] == precision["injected"] + precision["real"] + precision["false"]
    assert sum(row["flagged"] for row in precision["by_kind"].values()) == precision["flagged"]
    # Every brief of both copies of every story is faithful to its sources.
    assert result["faithfulness"]["briefs"] == 4 + result["perturbed"]
    assert result["faithfulness"]["problem_count"] == 0, result["faithfulness"]["problems"]
    assert "| kind: " in format_disputes_table(result)


def test_a_title_inside_a_quotation_is_never_edited_nor_support():
    """A quoted title is the speaker's word: editing it, or keeping it, says nothing of the outlet."""
    quoted = _clean("a", "Wire", '"You may have heard that Governor Romney chose his running mate," Obama said.')
    unquoted = _clean("a", "Wire", "Obama said Governor Romney chose his running mate on Saturday.")
    b = _clean("b", "Daily", "Governor Romney chose Paul Ryan as his running mate on Saturday.")
    assert [i for i in find_injections("s", [quoted, b]) if i.kind == "title"] == []
    edits = [i for i in find_injections("s", [unquoted, b]) if i.kind == "title"]
    assert {(i.article, i.support) for i in edits} == {("a", ("Daily",)), ("b", ("Wire",))}


def test_judge_reads_hyphenated_number_words():
    text = "Sixty-five per cent of traffic to India was down. Traffic: 65% of traffic to India is down."
    article = _clean("a", "Wire", text)
    other = _clean("b", "Daily", text)
    dispute = Dispute(
        "share of traffic",
        "number",
        (Version("Sixty-five per cent", ("Wire",), (Evidence("a", 0, 19),)),
         Version("65%", ("Daily",), (Evidence("b", 59, 62),))),
    )
    brief = Brief("s", "", "", "", "", (), (article, other), (), (), (dispute,), (), ())
    assert judge_dispute(brief, dispute)[0] is False
    assert "same value written two ways" in judge_dispute(brief, dispute)[1]


def test_a_count_is_edited_with_or_without_its_adjective():
    """"her two young children" and "her two children" state one count: both change, or the
    edited article would contradict itself rather than the other outlet."""
    a = _clean(
        "a", "Wire",
        "Pasztor detailed the day she abducted and killed her two young children. "
        "She smothered her two children to death, one by one, she told the reporter.",
    )
    b = _clean("b", "Daily", "In the interview Pasztor detailed how she abducted and killed her two young children.")
    edit = next(i for i in find_injections("s", [a, b]) if i.kind == "number" and i.article == "a")
    edited = inject(Article("a", "Wire", "", a.text), edit).text
    assert "two" not in edited and edited.count("four") == 2
    assert edit_is_visible(edit, edited)


def test_the_tail_of_a_split_number_is_never_edited():
    """Cleaning wrote 4,051 as "4, 051": "051 yards" is no count of its own."""
    a = _clean("a", "Wire", "Luck surpassed Cam Newton's record of 4, 051 yards passing by a rookie.")
    b = _clean("b", "Daily", "Luck broke Newton's record of 4, 051 yards passing in the second quarter.")
    assert [i for i in find_injections("s", [a, b]) if i.kind == "number"] == []


def test_a_weekday_in_a_name_and_the_date_of_an_embedded_post_are_never_edited():
    """"Fox News Sunday" is a programme and "— Name (@handle) April 1, 2017" dates a quoted
    post: neither is a day the outlet reports."""
    a = _clean(
        "a", "Wire",
        "Conway said on Fox News Sunday that the president knows Whitaker. "
        "Let's flip Congress in '18 — George Takei (@GeorgeTakei) April 1, 2017",
    )
    b = _clean(
        "b", "Daily",
        "Kellyanne Conway appeared on Fox News Sunday to say the president knows Whitaker. "
        "Let's flip Congress in '18 — George Takei (@GeorgeTakei) April 1, 2017",
    )
    assert [i for i in find_injections("s", [a, b]) if i.kind == "date"] == []
    # The same days told as days are edited.
    a2 = _clean("a", "Wire", "Conway said on Sunday that the president knows Whitaker, on April 1, 2017.")
    b2 = _clean("b", "Daily", "Conway said on Sunday that the president knows Whitaker, on April 1, 2017.")
    assert {i.old for i in find_injections("s", [a2, b2]) if i.kind == "date"} == {"Sunday", "April 1"}


def test_a_place_inside_a_longer_name_is_not_that_place():
    """"in Oklahoma City" names the city: it neither supports nor is an edit of "in Oklahoma"."""
    a = _clean("a", "Wire", "The patient is being treated for the fever at a hospital in Oklahoma City.")
    b = _clean("b", "Daily", "The patient is being treated for the fever at a hospital in Oklahoma.")
    assert [i for i in find_injections("s", [a, b]) if i.kind == "place"] == []


def test_edits_read_as_no_disagreement_are_listed_by_story_kind_and_value():
    """An edit read and judged to contradict no outlet ("Akin on Tuesday refused" / "Romney joined
    the calls Tuesday") is kept out of recall; any other edit of that story still counts."""
    akin = Injection("08bb9bee-c167-4c17-9c6d-4a1259231eb7#edited", "date", "x", "Wire", "Tuesday", "Thursday",
                     "weekday", ("Daily",), "", r"\bTuesday\b", "Thursday")
    assert is_read_non_disagreement(akin)
    other_value = Injection(akin.cluster, "date", "x", "Wire", "Wednesday", "Friday", "weekday", ("Daily",), "",
                            r"\bWednesday\b", "Friday")
    assert not is_read_non_disagreement(other_value)


def test_an_outlet_supporting_any_edited_mention_is_support():
    """The edit changes every "Wyoming" of the article, so an outlet giving Wyoming beside another of its
    mentions (the candidacy, not the poll) reported the fact too."""
    a = _clean(
        "a", "Wire",
        "Mary Cheney, the younger sister of Liz Cheney, a Wyoming Senate candidate, criticized her sister. "
        "Liz Cheney said in a statement responding to an apparent push poll against her in Wyoming that she "
        "opposes same-sex marriage.",
    )
    b = _clean("b", "Daily", "Cheney sought to clarify her position after an alleged push poll in Wyoming said so.")
    c = _clean("c", "Times", "Mary Cheney criticized her sister Liz Cheney, a Wyoming Senate candidate, on Friday.")
    [edit] = [i for i in find_injections("s", [a, b, c]) if i.kind == "place" and i.article == "a"]
    assert edit.support == ("Daily", "Times")
    # An outlet naming the place in a sentence about something else is no support.
    d = _clean("d", "Times", "Wyoming has fewer residents than any other state.")
    [edit] = [i for i in find_injections("s", [a, b, d]) if i.kind == "place" and i.article == "a"]
    assert edit.support == ("Daily",)


def test_an_age_is_planted_only_when_asked_and_changed_with_the_name():
    a = _clean("a", "Wire", "Police said Kevin Johnson, 25, was arrested. The 25-year-old Kevin Johnson denied it.")
    b = _clean("b", "Daily", "Kevin Johnson, 25, was arrested on suspicion of murder.")
    [edit] = [i for i in find_injections("s", [a, b]) if i.kind == "age" and i.article == "a"]
    assert (edit.old, edit.new, edit.support) == ("25", "27", ("Daily",))
    edited = inject(Article("a", "Wire", "", a.text), edit).text
    assert edited == "Police said Kevin Johnson, 27, was arrested. The 27-year-old Kevin Johnson denied it."
    assert edit_is_visible(edit, edited) and not edit_is_visible(edit, a.text)
    assert "age" not in KINDS and "age" in ALL_KINDS  # planted on request only (``--kind age``)
