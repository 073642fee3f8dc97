"""Who said a quote, on sentences from the Multi-News and ECB+ dev stories: a described speaker's
sentence does not hand its pronoun to someone named paragraphs before, and a "he"/"she" that opens a
main clause after "When X ...," is X."""

from __future__ import annotations

from newsfuse.brief.names import scan_names
from newsfuse.brief.people import People
from newsfuse.brief.quotes import find_quotes
from test_brief_support import make_article

# Multi-News (a Washington Spirit anthem story): an interview whose questions are set in plain type.
SPIRIT = (
    "Megan Rapinoe knelt during the anthem on Sunday in Chicago to show solidarity with San Francisco 49ers "
    "quarterback Colin Kaepernick.\n\n"
    "Are you disappointed how the anthem issue was handled?\n\n"
    "“Disappointed in the sense that we’ve tried to do everything we can to prepare for every eventuality "
    "leading up to today. To not be notified prior is disappointing.”\n\n"
    "The Spirit owner said he didn’t want Megan hijacking the event, but now the anthem is the topic of "
    "discussion after the game.\n\n"
    "“The last thing we’re speaking about is the game. It wouldn’t have been that if the anthem had been "
    "played and it wouldn’t have been that if stuff hadn’t been out public.”"
)

# ECB+ (an obituary of Fred LaRue).
LARUE = (
    "Fred LaRue, a Nixon campaign aide, was the son of an oilman.\n"
    "Various accounts put his fortune in the millions.\n"
    "When Frederick LaRue's name started appearing in newspapers in connection with the Watergate "
    'controversy, he told a reporter that he was "no millionaire."'
)


def _speakers(text: str) -> dict[str, str]:
    article = make_article("a", "Daily One", text)
    mentions = scan_names(text)
    return {q.text: q.speaker for q in find_quotes(article, People(mentions), mentions)}


def test_a_described_speakers_pronoun_is_not_someone_named_earlier():
    speakers = _speakers(SPIRIT)
    answer = next(text for text in speakers if text.startswith("The last thing"))
    assert speakers[answer] != "Colin Kaepernick"


def test_a_pronoun_after_a_when_clause_is_that_clauses_subject():
    assert _speakers(LARUE)["no millionaire."].endswith("LaRue")


def test_a_lone_name_opening_a_while_clause_is_the_antecedent():
    # Multi-News (Mobb Deep): Havoc is known by that one name.
    text = (
        "Prodigy and Havoc formed Mobb Deep in 1991. But within a year, a rift between the longtime partners "
        "appeared when Havoc posted a series of messages about Prodigy on Twitter. While Havoc initially "
        "claimed that his account had been hacked, he ultimately admitted to sending the tweets during an "
        'interview, where he also said Mobb Deep was going on "an indefinite hiatus."'
    )
    assert _speakers(text)["an indefinite hiatus."] == "Havoc"
