"""Quotes: quoted words, their speaker, and one quote per statement across outlets."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfuse.brief import build_brief
from newsfuse.brief.names import scan_names
from newsfuse.brief.people import People
from newsfuse.brief.quotes import QuoteMention, _calls_by_name, find_quotes, merge_quotes, quote_spans, speaker_groups
from newsfuse.config import BriefSettings
from newsfuse.text import fold, words
from test_brief_support import make_article, outlet_of, seed_articles, seed_story, text_of

RULES = BriefSettings(ner="rules")


def _quotes(text: str) -> list[tuple[str, str]]:
    article = make_article("a", "Daily One", text)
    mentions = scan_names(text)
    return [(q.text, q.speaker) for q in find_quotes(article, People(mentions), mentions)]


def test_putins_two_translations_are_one_quote():
    brief = build_brief(seed_story(), seed_articles(), RULES)
    [putin] = [q for q in brief.quotes if "peace initiatives" in q.text]
    assert putin.speaker == "Vladimir Putin"
    assert set(putin.sources) == {outlet_of(brief, "003"), outlet_of(brief, "004")}
    versions = {v.text: v.sources for v in putin.versions}
    assert versions == {
        "We have always supported peace initiatives": (outlet_of(brief, "004"),),
        "always viewed peace initiatives positively": (outlet_of(brief, "003"),),
    }
    for version in putin.versions:
        assert [text_of(brief, e) for e in version.evidence] == [version.text]
    # Quotes carried by more outlets come first.
    assert [len(q.sources) for q in brief.quotes] == sorted((len(q.sources) for q in brief.quotes), reverse=True)


def test_zelenskys_pull_quote_and_paraphrase_join():
    brief = build_brief(seed_story(), seed_articles(), RULES)
    [actions] = [q for q in brief.quotes if "louder than words" in q.text]
    assert actions.speaker == "Volodymyr Zelensky"
    assert actions.text == "Actions always speak louder than words."


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"We will rebuild," Mayor Jane Doe said on Monday.', [("We will rebuild", "Jane Doe")]),
        ('"We will rebuild," said Jane Doe, the mayor.', [("We will rebuild", "Jane Doe")]),
        ("According to Jane Doe, “the bridge will reopen in May.”", [("the bridge will reopen in May.", "Jane Doe")]),
        (
            "Jane Doe, speaking at the site, said: “The bridge will reopen in May.”",
            [("The bridge will reopen in May.", "Jane Doe")],
        ),
        (
            "Mayor Jane Doe visited the bridge. “It will reopen in May,” she said. “We owe that to everyone.”",
            [("It will reopen in May", "Jane Doe"), ("We owe that to everyone.", "Jane Doe")],
        ),
        (
            'Putin stated that Russia has "always viewed peace initiatives positively," expressing hopes.',
            [("always viewed peace initiatives positively", "Putin")],
        ),
        ("“Actions always speak louder than words.” – Volodymyr Zelensky", [
            ("Actions always speak louder than words.", "Volodymyr Zelensky")]),
        ("``We are not done yet,'' coach Sam Reyes told reporters.", [("We are not done yet", "Sam Reyes")]),
        # A second quote after '," said X, <apposition about someone else>.' continues X.
        (
            "“Voters are worried,” said Pat Reyes, speaking of Jane Doe’s health. “It is one of the things worrying them.”",
            [("Voters are worried", "Pat Reyes"), ("It is one of the things worrying them.", "Pat Reyes")],
        ),
        # The period of "Mr." or "Sen." does not end the attribution clause.
        ('"We will hold the line on taxes," Mr. Reyes said.', [("We will hold the line on taxes", "Reyes")]),
        # Party tags, "of <place>" and pull quotes signed with a horizontal bar.
        ("“We will win this fight,” said Rep. Joseph Crowley (D-N.Y.) on Monday.", [
            ("We will win this fight", "Joseph Crowley")]),
        ("“The bill would get them,” Rep. Jim Jordan (R-Ohio), an oversight panel member, said.", [
            ("The bill would get them", "Jim Jordan")]),
        ("“They want a photo op today,” said Rep. Elijah Cummings of Maryland, the ranking member.", [
            ("They want a photo op today", "Elijah Cummings")]),
        ("“Actions always speak louder than words here.” ― Jorge Falcon", [
            ("Actions always speak louder than words here.", "Jorge Falcon")]),
        # "she" skips a man named last; names inside quotes are no antecedents.
        (
            "Mary Walsh met John Brady on Monday. “We will keep going with the plan,” she said.",
            [("We will keep going with the plan", "Mary Walsh")],
        ),
        # "she" is the subject of the nearest sentence, not the last woman named ...
        (
            "Mary Walsh criticised a post by Jane Doe on Monday. She says the post is “dangerous for the town.”",
            [("dangerous for the town.", "Mary Walsh")],
        ),
        # ... and "She said ... She added" is one chain back to it.
        (
            "Mary Walsh spoke in Ohio on Monday. She said the plan was flawed. She added that Jane Doe had been told."
            " “We will keep going with the plan,” she said.",
            [("We will keep going with the plan", "Mary Walsh")],
        ),
        # A participle's speaker is the sentence's subject.
        (
            "Pat Reyes attacked Jane Doe for her record on taxes, saying, “She is not fit to lead this city.”",
            [("She is not fit to lead this city.", "Pat Reyes")],
        ),
        # A long apposition between the quote and its verb.
        (
            "“The bill would ruin the state,” Scott Pruitt, the Republican attorney general of Oklahoma, one of the"
            " states suing the agency, said on Monday.",
            [("The bill would ruin the state", "Scott Pruitt")],
        ),
        # Descriptions and titles in front of a name after the verb.
        ("“Our children are thriving in these schools,” the letter reads.", [
            ("Our children are thriving in these schools", "the letter")]),
        ("“This is a waste of time for everyone,” said MSNBC host Chris Matthews.", [
            ("This is a waste of time for everyone", "Chris Matthews")]),
        ('"It was the least bad outcome," Mr. Morgan of the Sierra Club said.', [
            ("It was the least bad outcome", "Morgan")]),
        ('"This is a waste of time for the committee," said Del. Stacey Plaskett of the Virgin Islands.', [
            ("This is a waste of time for the committee", "Stacey Plaskett")]),
        ("“The impact of the debate is still small,” wrote Cameron Easley for Morning Consult.", [
            ("The impact of the debate is still small", "Cameron Easley")]),
        # One attribution between two parts of a sentence's quote; a party tag before "who".
        (
            "“The first part of the plan is sound,” Pat Reyes wrote in a statement to the Daily One,"
            " “but the second part is not.”",
            [("The first part of the plan is sound", "Pat Reyes"), ("but the second part is not.", "Pat Reyes")],
        ),
        (
            "Rep. Zoe Lofgren (D-Calif.), who introduced a bill this month, said the steps were “important"
            " preliminary steps for those escaping violence.”",
            [("important preliminary steps for those escaping violence.", "Zoe Lofgren")],
        ),
        (
            "Sen. Ted Cruz (Tex.) has said that he would “carpet-bomb them into oblivion, whatever it takes.”",
            [("carpet-bomb them into oblivion, whatever it takes.", "Ted Cruz")],
        ),
        # A name after a preposition before the verb is not its subject.
        (
            "Jane Doe answered the question on Facebook writing, “Yes, I will do that for the town.”",
            [("Yes, I will do that for the town.", "Jane Doe")],
        ),
        # Verbs of speech beyond "said"; a quote signed on the next line; "Name: quote".
        ("“I could have stayed home and baked cookies,” Jane Doe shot back.", [
            ("I could have stayed home and baked cookies", "Jane Doe")]),
        ("“Boeing and other multinationals pay zero taxes.”\n\n- Bernie Sanders.\n\nThe claim is old.", [
            ("Boeing and other multinationals pay zero taxes.", "Bernie Sanders")]),
        ("Pew Research: “All the samples evaluated include more engaged people.”", [
            ("All the samples evaluated include more engaged people.", "Pew Research")]),
        # A quote paragraph with no attribution after a sentence about one person.
        (
            "Pat Reyes is upbeat about the council’s chances this year.\n\n"
            "“Not only can the council win in November, it will win big.”",
            [("Not only can the council win in November, it will win big.", "Pat Reyes")],
        ),
        # A quote opening a sentence after one about a person, in one paragraph.
        (
            "Jane Doe touted her record as a sponsor of the bill. “We need to find ways to support workers.”",
            [("We need to find ways to support workers.", "Jane Doe")],
        ),
        # "as X said" after the quote; "said X during ..." and "wrote X on ..." end the name.
        ("The race “is a dead heat right now,” as Pat Reyes said on a radio program on Monday.", [
            ("is a dead heat right now", "Pat Reyes")]),
        ("“We have to keep it alive,” said former executive Carly Fiorina during the second debate.", [
            ("We have to keep it alive", "Carly Fiorina")]),
        # "he": names in an opening phrase ("Like ...,") and possessives are not the subject.
        (
            "Pat Reyes checks his phone all day. Like John Brady, his days begin at dawn."
            " “We like to work on every single day,” he said.",
            [("We like to work on every single day", "Pat Reyes")],
        ),
        (
            "John Brady’s plan may be “a strategic choice for the town,” said Tom Hale, a professor."
            " “Each candidate is talking to their base,” he said.",
            [("a strategic choice for the town", "Tom Hale"), ("Each candidate is talking to their base", "Tom Hale")],
        ),
        # A speech verb opening the sentence; a relative "who said".
        (
            "Experts said the code is complex."
            " Said Ellis: “I don’t get the sense she is interested in tax reform.”",
            [("I don’t get the sense she is interested in tax reform.", "Ellis")],
        ),
        (
            "Pat Reyes has a frosty relationship with Jane Doe, who in 2010 said the goal was to make him a"
            " “one-term mayor of this city.”",
            [("one-term mayor of this city.", "Jane Doe")],
        ),
        # With no speech verb, the subject of the quote's clause.
        ("In July, Newt Gingrich dismissed Estonia as being in the “suburbs of the big Russian city.”", [
            ("suburbs of the big Russian city.", "Newt Gingrich")]),
        # "remarks" after a possessive is a noun, not the speech verb.
        (
            "Minyon Moore, a senior adviser, called Mr. Obama's remarks on Saturday"
            " “a true wake-up call” to voters.",
            [("a true wake-up call", "Minyon Moore")],
        ),
        # A named person's label is theirs (a short quote kept); a scare quote is not (below).
        ("Ted Cruz called Donald Trump a “pathological liar” on Monday.", [("pathological liar", "Ted Cruz")]),
        # A quote closing on a period ends its sentence: the next sentence's speaker is not its own.
        (
            'Jane Doe said the video should be released but said "the question is the timing." Gov. Pat Reyes'
            ' said the decision was not his.',
            [("the question is the timing.", "Jane Doe")],
        ),
        # A number word opening a sentence is no person for a later "she" to stand for.
        (
            "Tara Reid entered rehab. Three years ago, Reid opened up about her party girl image."
            "\n“My picture is taken only when I have a cup in my hand,” she told Us Weekly.",
            [("My picture is taken only when I have a cup in my hand", "Tara Reid")],
        ),
        # A quotation that calls a person by her first name is not her own: no speaker rather than her.
        (
            "Lindsay Lohan has left the Betty Ford Center, her lawyer said.\n\n“Lindsay is grateful for the"
            " treatment she received at the Betty Ford Center.”",
            [("Lindsay is grateful for the treatment she received at the Betty Ford Center.", "")],
        ),
        # With no verb of saying, a quotation is given to the subject of the clause it stands in, the
        # last of two coordinated ones (it was Pelosi's); not to the second of two subjects, nor a place.
        (
            "Speaker Nancy Pelosi rejected it even before Mr. Trump spoke, and Senator Chuck Schumer, the"
            " Democratic leader, denounced the offer as “not a compromise but more hostage taking.”",
            [("not a compromise but more hostage taking.", "Chuck Schumer")],
        ),
        (
            "Allen Dulles, the director of Central Intelligence, and Adm. Lewis Strauss, the chairman of the"
            " commission, persuaded the president to add the strip, “known by its map designation as Area 51.”",
            [("known by its map designation as Area 51.", "Allen Dulles")],
        ),
        (
            "Bernie Sanders has done very well in college towns, and New York has several, including"
            ' "the people’s republic of Ithaca," home to two colleges.',
            [("the people’s republic of Ithaca", "Bernie Sanders")],
        ),
        # An apposition that ends in a title's marks ('…Colbert,"') is still one; "of New York" is hers.
        (
            "Sen. Kristen Gillibrand of New York, who announced her White House bid on Jan. 15 in an episode of"
            ' "The Late Show with Stephen Colbert," said Trump\'s offer was a "bad deal."',
            [("bad deal.", "Kristen Gillibrand")],
        ),
        # A show's name is no quote, and the speaker after it does not start with its closing mark.
        (
            'Appearing on "Fox News Sunday," the Senate majority whip said the administration was continuing to'
            " “engage in a comprehensive investigation of what actually happened.”",
            [("engage in a comprehensive investigation of what actually happened.", "the Senate majority whip")],
        ),
        (
            '"I have people that actually have been studying it and they cannot believe what they\'re finding,"'
            ' Trump told NBC\'s "Today" show on Thursday.\n\n"And to be honest with you, I hope he can," he'
            ' told "Today."',
            [
                ("I have people that actually have been studying it and they cannot believe what they're finding",
                 "Trump"),
                ("And to be honest with you, I hope he can", "Trump"),
            ],
        ),
        # A relative clause is no speaker phrase ("group that" was one).
        (
            "On Saturday, a group that called itself counter-counter signal and said it was “a small antifascist"
            " investigation team in the New York area” issued a statement.",
            [("a small antifascist investigation team in the New York area", "")],
        ),
        # "Of Obama," names the topic, not the "he" that follows it.
        (
            "Donald Trump doubts that President Barack Obama was born in the United States.\n\n"
            '"I\'m only interested in Libya if we get the oil," Trump said.\n\nOf Obama, he said, "I want him to'
            ' do well. ... I love this country, but this country is going to hell."',
            [
                ("I'm only interested in Libya if we get the oil", "Donald Trump"),
                ("I want him to do well. ... I love this country, but this country is going to hell.", "Donald Trump"),
            ],
        ),
        # "Hillary and Bill Clinton" names Hillary Clinton first: a lone "Clinton" is hers.
        (
            "Hillary and Bill Clinton released eight years of tax returns on Friday. Bill Clinton gave speeches;"
            ' Hillary Clinton wrote books.\n\n"I want more Americans to have access," Clinton said in a statement.',
            [("I want more Americans to have access", "Hillary Clinton")],
        ),
        # What a label verb names is no speaker (Multi-News: "police an" spoke the first; ECB+: the CEO
        # the statement mourns spoke the second).
        (
            "Mark Herron, an election lawyer who represented Al Gore in the 2000 presidential recount, called"
            " Scott’s push to involve state police an “abuse of power.” Joe Geller disagreed.",
            [("abuse of power.", "Mark Herron")],
        ),
        (
            "TallGrass issued a statement saying it was “deeply saddened by the death of our president, Ben"
            " Banky.”\nIt described Mr. Banky as “a compassionate and dedicated leader who will be sadly missed.”",
            [
                ("deeply saddened by the death of our president, Ben Banky.", "TallGrass"),
                ("a compassionate and dedicated leader who will be sadly missed.", ""),
            ],
        ),
    ],
)
def test_speakers_are_found(text, expected):
    assert _quotes(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A quote opening the next paragraph with no new cue continues the last speaker.
        (
            "“We will rebuild the bridge,” said Jane Doe.\n\n“It will take two years and a lot of money.”",
            [("We will rebuild the bridge", "Jane Doe"), ("It will take two years and a lot of money.", "Jane Doe")],
        ),
        # A speaker introduced by the paragraph before.
        ("Jane Doe continued:\n\n“The health issue is very much a partisan issue here.”", [
            ("The health issue is very much a partisan issue here.", "Jane Doe")]),
        # A quote running over paragraphs: no closing mark, the next paragraph opens with a mark.
        (
            "“The first paragraph runs on here,” said Jane Doe. “And it goes on for a while.\n\n“And it ends"
            " here, in the second paragraph.”",
            [
                ("The first paragraph runs on here", "Jane Doe"),
                ("And it goes on for a while.", "Jane Doe"),
                ("And it ends here, in the second paragraph.", "Jane Doe"),
            ],
        ),
        # Mixed and backwards marks, and a quotation inside a quotation.
        ('"Oz has a huge bully pulpit behind him,” said David Gorski.', [
            ("Oz has a huge bully pulpit behind him", "David Gorski")]),
        ("”Mr. Reyes embodies the legacy of the old days.” ― Ana Diaz", [
            ("Mr. Reyes embodies the legacy of the old days.", "Ana Diaz")]),
        ("“I’d rather live in what he calls “hell” than live there,” said Ana Diaz.", [
            ("I’d rather live in what he calls “hell” than live there", "Ana Diaz")]),
        # A closing mark the outlet left out before the reporting clause (BASIL, HuffPost on Jim
        # Mattis's letter): the quote ends at the comma, though the next paragraph opens a quotation.
        (
            "Jim Mattis resigned on Thursday.\n\n“I am proud of the progress that has been made over the past"
            " two years, reforming the Department’s business practices for greater performance, he wrote.\n\n"
            "“Our troops continue to provide the capabilities needed to prevail in conflict.”",
            [
                (
                    "I am proud of the progress that has been made over the past two years, reforming the"
                    " Department’s business practices for greater performance",
                    "Jim Mattis",
                ),
                ("Our troops continue to provide the capabilities needed to prevail in conflict.", "Jim Mattis"),
            ],
        ),
    ],
)
def test_paragraphs_and_marks(text, expected):
    assert _quotes(text) == expected


@given(st.text(alphabet=st.sampled_from(list('ab .,\n"“”‘’`\'―-')), max_size=80))
def test_quote_spans_are_ordered_and_inside_their_paragraph(text):
    spans = quote_spans(text)
    previous_end = 0
    for open_start, content_start, content_end, close_end in spans:
        assert previous_end <= open_start < content_start <= content_end <= close_end <= len(text)
        assert "\n" not in text[open_start:close_end]
        previous_end = close_end


@pytest.mark.parametrize(
    "text",
    [
        "The so-called “peace plan” was criticised by the opposition on Monday.",
        "Critics called the deal a ‘betrayal’ of the region's farmers.",
        "She wrote a memoir, “The Brainy Bunch Goes To College,” which sold well.",
        "In an interview shown Thursday on the “Today” show, Mr. Trump told Meredith Vieira he had doubts.",
        "Sen. John McCain said on CBS’s “Face the Nation” that the bill would pass.",
        "Mike Enoch created the site. For several years, he has also co-hosted a podcast called “The Daily Shoah,”"
        " a deliberately offensive pun.",
        # PolNeAR dev (Breitbart): the show was Mike Pence's quote, a false alarm.
        "On this weekend’s broadcast of “Fox News Sunday,” Republican vice-presidential nominee Gov. Mike Pence"
        " (R-IN) said his running mate was right.",
    ],
)
def test_scare_quotes_and_titles_are_not_quotes(text):
    assert _quotes(text) == []


def test_a_short_quote_with_a_speech_verb_is_kept():
    text = "Peskov reiterated Moscow’s commitment to a “peaceful settlement,” but the gulf remains wide."
    assert _quotes(text) == [("peaceful settlement", "Peskov")]


def test_quote_detection_on_polnear(shared_data):
    """Quality gate on PolNeAR dev (political news with gold attributions).

    Measured: precision 0.98, recall of quoted attributions 0.68, speaker
    accuracy on gold speakers that are names 0.90.
    """
    rows = [json.loads(line) for line in (shared_data / "polnear" / "dev.jsonl").read_text("utf-8").splitlines()]
    true_positive = false_positive = found = total = speakers_right = speakers = 0
    for row in rows:
        text = row["text"]
        article = make_article(row["id"], row["source"], text)
        mentions = scan_names(text)
        people = People(mentions)
        mine = [q for q in find_quotes(article, people, mentions) if q.speaker]
        for quote in mine:
            hits = [g for g in row["quotes"] if g["start"] <= quote.start and quote.end <= g["end"] + 2]
            if not hits:
                false_positive += 1
                continue
            true_positive += 1
            gold = hits[0]["speaker"] or ""
            gold_words = {fold(w) for w in words(gold)}
            if gold_words and not gold_words & {"he", "she", "they", "it", "i", "we", "who"}:
                speakers += 1
                speakers_right += bool(gold_words & {fold(w) for w in words(quote.speaker)})
        for gold in row["quotes"]:
            if gold["quote_marks"] == "none":
                continue
            total += 1
            found += any(gold["start"] <= q.start and q.end <= gold["end"] + 2 for q in mine)
    assert true_positive / (true_positive + false_positive) >= 0.95
    assert found / total >= 0.62
    assert speakers_right / speakers >= 0.85


def test_one_wording_under_two_speakers_is_one_statement():
    words_said = "I have people that actually have been studying it and they cannot believe what they are finding"
    mentions = [
        (0, "Fox News", QuoteMention("a", 0, 10, words_said, "Donald Trump", "after")),
        (1, "HuffPost", QuoteMention("b", 0, 10, words_said, "Meredith Vieira", "pronoun")),
        (2, "New York Times", QuoteMention("c", 0, 10, words_said, "Donald Trump", "before")),
        (2, "New York Times", QuoteMention("c", 20, 30, "We will win big", "Meredith Vieira", "after")),
    ]
    quotes = merge_quotes(mentions)
    [statement] = [q for q in quotes if q.text == words_said]
    assert statement.speaker == "Donald Trump"  # the speaker most outlets give
    assert set(statement.sources) == {"Fox News", "HuffPost", "New York Times"}
    # A short wording is not enough to join two speakers.
    assert [q.speaker for q in quotes if q.text == "We will win big"] == ["Meredith Vieira"]


@pytest.mark.parametrize(
    "quoted, speaker, expected",
    [
        ("Lindsay is grateful for the treatment she received at the Betty Ford Center.", "Lindsay Lohan", True),
        ("Don’t forget Betsy’s husband Tom -- I’ve been friends with her since high school.", "Betsy Ebeling", True),
        ("If anybody but your favorite President, Donald J. Trump, announced that", "Donald J. Trump", False),
        ("The Clinton Foundation has done great work.", "Bill Clinton", False),
    ],
)
def test_a_quotation_that_calls_its_speaker_by_first_name_is_not_theirs(quoted, speaker, expected):
    assert _calls_by_name(quoted, speaker) is expected


def test_two_statements_of_one_speaker_on_one_topic_stay_two():
    said = [
        ("CNN", "It's official: I'm hosting the #Oscars!"),
        ("Variety", "I am so excited to be hosting the Oscars for the second time"),
        ("Reuters", "I am so excited to be hosting the Oscars for the second time."),
        ("Fox News", "I'm so excited to be hosting the Oscars a second time"),
    ]
    mentions = [
        (k, outlet, QuoteMention(outlet, 0, len(text), text, "Ellen DeGeneres", "after"))
        for k, (outlet, text) in enumerate(said)
    ]
    quotes = {q.text: q.sources for q in merge_quotes(mentions)}
    assert quotes == {
        "I am so excited to be hosting the Oscars for the second time": ("Variety", "Reuters", "Fox News"),
        "It's official: I'm hosting the #Oscars!": ("CNN",),
    }


def test_a_surname_two_persons_share_is_the_one_its_article_names():
    governor = make_article(
        "fox", "Fox News",
        "Arkansas Republican Gov. Asa Hutchinson on Wednesday urged state lawmakers to change a religious "
        "freedom bill.\n\n"
        '"I asked that changes be made in the legislation," Hutchinson said.',
    )
    son = make_article(
        "nyt", "New York Times",
        "The governor faced a critic at home: his son, Seth Hutchinson. Seth Hutchinson, 31, is an organizer. "
        "Seth Hutchinson signed a petition.\n\n"
        "“I did not sway my dad,” Mr. Hutchinson said.",
    )
    mentions = {a.id: scan_names(a.text) for a in (governor, son)}
    people = People(m for group in mentions.values() for m in group)
    assert people.resolve("Hutchinson") == "Seth Hutchinson"  # the story names the son more often
    [asked] = find_quotes(governor, people, mentions["fox"])
    [sway] = find_quotes(son, people, mentions["nyt"])
    assert (asked.text, asked.speaker) == ("I asked that changes be made in the legislation", "Asa Hutchinson")
    assert (sway.text, sway.speaker) == ("I did not sway my dad", "Seth Hutchinson")


def test_a_shared_surname_is_the_person_named_first_when_an_article_names_each_once():
    text = (
        "Former President Bill Clinton criticized the Affordable Care Act as a “crazy system” during a "
        "campaign stop in Flint, Mich., for his wife Hillary Clinton.\n\n"
        "“It doesn’t make any sense. The insurance model doesn’t work here,” Clinton said."
    )
    assert _quotes(text) == [("It doesn’t make any sense. The insurance model doesn’t work here", "Bill Clinton")]


def test_descriptions_of_one_speaker_carry_one_quote():
    said = [
        ("Reuters", "Last month, the navy said it had sunk a pirate “mother vessel” off Somalia."),
        ("AP", "Last month, the Indian navy said it had sunk a pirate “mother vessel” in the Gulf of Aden."),
        ("BBC", "Last month, India's navy said it had sunk a pirate “mother vessel” off Somalia."),
    ]
    mentions = []
    for position, (outlet, text) in enumerate(said):
        article = make_article(outlet.lower(), outlet, text)
        names = scan_names(text)
        mentions += [(position, outlet, q) for q in find_quotes(article, People(names), names)]
    assert sorted(m[2].speaker for m in mentions) == ["India's navy", "the Indian navy", "the navy"]
    [quote] = merge_quotes(mentions)
    assert quote.text == "mother vessel" and quote.sources == ("Reuters", "AP", "BBC")
    assert quote.speaker == "the Indian navy"  # the fullest description when no outlet outnumbers


def _merged(said: list[tuple[str, str]]) -> list:
    mentions = []
    for position, (outlet, text) in enumerate(said):
        article = make_article(outlet.lower().replace(" ", "-"), outlet, text)
        names = scan_names(text)
        mentions += [(position, outlet, q) for q in find_quotes(article, People(names), names)]
    return merge_quotes(mentions)


def test_a_statement_given_to_a_description_joins_the_one_given_to_a_name():
    # BASIL: two outlets wrote "the attorney", the third named him; the brief showed two quotes.
    said = [
        ("Fox News", 'Peter Strzok was fired on Friday.\n\n"This decision should be deeply troubling to all '
         'Americans," the attorney said in a statement.'),
        ("HuffPost", 'The FBI fired Peter Strzok on Friday.\n\n"This decision should be deeply troubling to all '
         'Americans," the attorney said.'),
        ("New York Times", 'The F.B.I. fired Peter Strzok on Friday.\n\n"This decision should be deeply troubling '
         'to all Americans. A lengthy investigation found no wrongdoing," said Aitan Goelman, Mr. Strzok\'s lawyer.'),
    ]
    [quote] = _merged(said)
    assert quote.sources == ("Fox News", "HuffPost", "New York Times")
    assert quote.speaker == "Aitan Goelman"  # a name before a description that more outlets give


def test_an_ad_and_an_adviser_on_one_topic_stay_two_statements():
    # BASIL: the ad's words and the adviser's share half their stems; one speaker's versions
    # would merge at that, a description and a name do not.
    said = [
        ("Politico", 'Romney answered with an ad.\n\n"You paid into Medicare for years, every paycheck. Now when '
         'you need it, Obama has cut $716 billion from Medicare," the ad says.\n\n"Mitt Romney and Paul Ryan will '
         'restore the $716 billion that President Obama cut from Medicare," said Lanhee Chen, a Romney adviser.'),
    ]
    assert sorted(q.speaker for q in _merged(said)) == ["Lanhee Chen", "the ad"]


def test_two_statements_that_share_only_a_name_stay_two_quotes():
    # BASIL (Christie's announcement): "United States" and "America" were three shared stems of
    # six, enough to show one statement as a version of the other.
    said = [
        ("New York Times", 'Christie spoke in Livingston.\n\n"I am not running for president of the United States '
         'as surrogate for being elected prom king of America," Mr. Christie said.'),
        ("HuffPost", 'Christie spoke in Livingston.\n\n"I am now ready to fight for the people of the United '
         'States of America," Christie said.'),
    ]
    assert sorted(len(q.versions) for q in _merged(said)) == [1, 1]


def test_a_name_written_with_another_title_is_the_same_name():
    said = [
        ("HuffPost", 'Trump spoke on Friday.\n\n"I feel very badly for Gen. Flynn," Trump said.'),
        ("New York Times", 'Trump spoke on Friday.\n\n"I feel badly for General Flynn," Mr. Trump said.'),
    ]
    [quote] = _merged(said)
    assert quote.sources == ("HuffPost", "New York Times")


def test_a_remark_and_its_denial_stay_two_quotes():
    # Multi-News: the president said both within days; merged, the brief hid the contradiction.
    said = [
        ("AP", 'Trump spoke on Friday.\n\n"I don’t know Whitaker," Trump told reporters.'),
        ("CNN", 'Trump spoke in October.\n\n"I know Matt Whitaker," Trump said on Fox.'),
    ]
    assert sorted(q.text for q in _merged(said)) == ["I don’t know Whitaker", "I know Matt Whitaker"]


def test_a_word_quoted_from_a_denial_is_part_of_it():
    said = [
        ("Fox News", 'Trump spoke on Friday.\n\n"I will not cave," Trump said.'),
        ("CNN", 'The president said he would not "cave" on the wall, Trump said.'),
    ]
    [quote] = _merged(said)
    assert quote.sources == ("Fox News", "CNN")


def test_two_statements_of_one_speaker_in_one_article_stay_two_quotes():
    # Multi-News: an article set the president's boast beside his old tweet; sharing "stock",
    # "market" and "today", the brief showed one as a version of the other.
    said = [
        ("CNBC", 'The Dow rose again on Monday.\n\n"The stock market is way up again today and we\'re setting a '
         'record literally all the time," Trump said.\n\nIn 2015 he had tweeted: "The stock market and US dollar '
         'are both plunging today," Trump wrote.'),
    ]
    assert sorted(len(q.versions) for q in _merged(said)) == [1, 1]


def test_a_remark_and_the_words_one_article_quotes_again_from_it_are_one_quote():
    said = [
        ("Fox News", 'Royce spoke on Tuesday.\n\n"That said, this is the wrong move at the wrong time," Royce '
         'said.\n\nThe chairman called the decision the "wrong move at the wrong time," Royce said.'),
    ]
    [quote] = _merged(said)
    assert len(quote.versions) == 2


def test_a_speaker_named_beside_the_words_wins_over_one_carried_from_the_paragraph_before():
    # Multi-News: a pull quote credited after its words ("Senator Ted Cruz") went on from Sanders's
    # paragraph; the article quotes it again with "Cruz said". One name each: the brief showed Sanders.
    said = [
        ("Daily Beast", "Vermont Senator Bernie Sanders praised the pope's message.\n\n\u201cI have long believed "
         "that the pope is playing an extraordinary role on this earth as one of the great moral leaders,\u201d said "
         "Sanders. \u201cThat's been his constant theme.\u201d\n\n\u201cPope Francis has been a powerful voice for "
         "life at a time when life is profoundly threatened in America.\u201d Senator Ted Cruz\n\nAmong the "
         "lawmakers was Texas Senator Ted Cruz.\n\n\u201cPope Francis has been a powerful voice for life at a time "
         "when life is profoundly threatened in America,\u201d Cruz said."),
    ]
    [quote] = [q for q in _merged(said) if "voice for life" in q.text]
    assert quote.speaker == "Ted Cruz"


@pytest.mark.parametrize(
    ("credit", "speaker"),
    [
        ("Senator Ted Cruz", "Ted Cruz"),  # a pull quote credited after its words
        ("Senator Ted Cruz.", "Ted Cruz"),
        ("Financial Times", "Bernie Sanders"),  # a review's outlet is no speaker: the paragraph before goes on
        ("Smart money\u2019s on Gyllenhaal.", "Bernie Sanders"),  # a sentence, not a credit
    ],
)
def test_a_pull_quote_is_credited_to_the_person_named_after_its_words(credit, speaker):
    # Multi-News (Daily Beast on the pope's speech): the pull quote went on from Sanders's paragraph.
    text = (
        "Vermont Senator Bernie Sanders praised the pope's message of economic justice.\n\n\u201cI have long "
        "believed that the pope is playing an extraordinary role on this earth as one of the great moral leaders,"
        "\u201d said Sanders. \u201cThat's been his constant theme.\u201d\n\n\u201cPope Francis has been a powerful "
        "voice for life at a time when life is profoundly threatened in America.\u201d " + credit + "\n\nHe was "
        "pleased with the pope's praise for Dorothy Day."
    )
    [said] = [who for quoted, who in _quotes(text) if quoted.startswith("Pope Francis")]
    assert said == speaker


def test_a_name_after_a_quote_inside_its_paragraph_is_no_credit():
    # The quotation does not open its paragraph: the name after it starts the next sentence's subject.
    text = (
        "Sanders spoke first. \u201cThe pope is one of the great moral leaders of our time.\u201d Ted Cruz\n\n"
        "Cruz spoke later."
    )
    [(quoted, who)] = _quotes(text)
    assert who != "Ted Cruz"


def test_one_remark_in_two_translations_is_one_quote():
    brief = build_brief(seed_story(), seed_articles(), RULES)
    [answer] = [q for q in brief.quotes if "from Moscow" in q.text]
    assert answer.speaker == "Volodymyr Zelensky"
    assert {v.text: v.sources for v in answer.versions} == {
        "We await a clear response from Moscow": (outlet_of(brief, "004"),),
        "clear answer from Moscow": (outlet_of(brief, "003"),),
    }


def test_remarks_come_before_phrases_carried_as_widely():
    brief = build_brief(seed_story(), seed_articles(), RULES)
    single = [len(words(q.text)) <= 3 for q in brief.quotes if len(q.sources) == 1]
    assert single == sorted(single)  # every remark, then every phrase ("hopefully")
    assert True in single and False in single


@pytest.mark.parametrize(
    "speakers, together",
    [
        (["the navy", "Navy", "the Indian navy", "India's navy"], True),
        (["police", "Police", "Indiana State Police"], True),
        (["The fire chief", "The local fire chief"], True),
        (["the senator", "the Democratic senator", "the Republican senator"], False),
        (["a studio representative", "a second representative"], False),
        (["one juror", "a second juror"], False),
        (["Department of Health", "Department of Justice"], False),
        (["Clinton", "Hillary Clinton"], False),
    ],
)
def test_speaker_descriptions_merge_only_when_one_qualifies_the_other(speakers, together):
    groups = speaker_groups(speakers)
    assert (len(set(groups.values())) == 1) is together


def test_a_name_outranks_a_description_that_gives_a_statement_as_often():
    text = "We sincerely apologize to the cast and crew of both films for the error that was made."
    mentions = [
        (0, "Variety", QuoteMention("v", 0, len(text), text, "a statement from the firm", "after")),
        (1, "CNN", QuoteMention("c", 0, len(text), text, "PricewaterhouseCoopers", "after")),
    ]
    [quote] = merge_quotes(mentions)
    assert quote.speaker == "PricewaterhouseCoopers"


_INTERVIEW = (
    "Donald Trump said he didn't introduce the citizenship issue.\n\n"
    '"Today" show host Meredith Vieira asked Trump, "You\'ve been privy to all of this to know this?" His response: '
    '"Well, I have people that actually have been studying it and they cannot believe what they\'re talking."\n\n'
    "The remarks from the potential presidential candidate prompted Vieira to ask Trump if he had people "
    "on the ground in Hawaii. He signaled he did, saying, \"And they cannot believe what they're finding. "
    'And I\'m serious."'
)


def test_the_one_asked_gives_the_answer():
    # BASIL (HuffPost, Trump's birther interview): the host's words, then Trump's.
    assert [speaker for _, speaker in _quotes(_INTERVIEW)] == ["Meredith Vieira", "Donald Trump", "Donald Trump"]


def test_a_pronoun_passes_over_a_person_whose_first_name_says_otherwise():
    # PolNeAR (Politico): "she" is the philanthropist, not her husband named after her.
    text = (
        "Rachel Berg, a philanthropist from Monsey, New York, said Thursday's speeches have led her to count "
        "Trump and Carson out. Along with her husband, Milton Berg, a money manager, she has given to many "
        "candidates. She called Carson a “special person.”\n\n"
        "“I feel bad to say it,” she said. “I don’t see him as the president.”"
    )
    assert _quotes(text)[-2:] == [("I feel bad to say it", "Rachel Berg"), ("I don’t see him as the president.", "Rachel Berg")]


def test_an_opening_conjunction_is_no_part_of_the_speaker():
    # Multi-News (the polar bear listing): "But the service" spoke.
    text = (
        "The Fish and Wildlife Service listed the polar bear as threatened.\n\n"
        'But the service said the threat was "in the foreseeable future" and might grow.'
    )
    assert _quotes(text) == [("in the foreseeable future", "the service")]


@pytest.mark.parametrize(
    "text, speaker",
    [
        # Multi-News (Los Angeles Times): the murdered teenager's mother speaks, not the teenager.
        (
            "Tavin Price, 19, was shot in front of his mother. Price's mother, who could be a key witness, "
            "said she wants to face her son's alleged killers.\n\n"
            '"Every day they\'re in court, I\'m going to be there," she said.',
            "Price's mother",
        ),
        # When the relative's name follows, the name is the speaker.
        (
            "Grimm was told of the charges. Grimm's lawyer, William McGinley, said the office had erred.\n\n"
            '"We are disappointed by the decision," he said.',
            "William McGinley",
        ),
    ],
)
def test_a_relative_named_through_a_possessive_is_the_subject(text, speaker):
    assert _quotes(text)[-1][1] == speaker


def test_a_short_first_word_or_a_title_tells_no_wrong_sex():
    # PolNeAR (HuffPost): "Lu" is a woman's name in the census list, but Lu Kang is a spokesman.
    text = (
        "Shane Shook, a cyber security expert, said he did not see convincing evidence.\n"
        "Speaking in Beijing, Chinese Foreign Ministry spokesman Lu Kang repeated that China opposed hacking.\n"
        "People should provide evidence for their accusations, he told reporters.\n"
        "“This is extremely irresponsible.”"
    )
    assert _quotes(text)[-1] == ("This is extremely irresponsible.", "Lu Kang")


def test_a_one_word_name_with_himself_is_the_subject_a_pronoun_stands_for():
    # Multi-News: Sinbad's tweet was given to Shaquille O'Neal, the last full name before "he".
    text = (
        "The common theory is that people are confusing the nonexistent Shazaam with the real film Kazaam, "
        "starring Shaquille O'Neal as a genie.\n\n"
        "Sinbad himself has long denied that he was ever cast as a genie – \"Have you noticed no one my age has "
        "seen this so called Sinbad Genie movie, only you people who were kids in the 90's. The young mind,\" "
        "he tweeted in September – but that didn't stop the comedian from reviving the myth."
    )
    [(quoted, speaker)] = _quotes(text)
    assert quoted.startswith("Have you noticed") and speaker == "Sinbad"


def test_a_speaker_phrase_that_opens_a_paragraph_is_found_after_its_line_break():
    from newsfuse.brief.quotes import _noun_phrase

    assert _noun_phrase("\n \n The Spirit owner", loose=True) == "The Spirit owner"
    assert _noun_phrase("\n\nA Kremlin spokesman") == _noun_phrase("A Kremlin spokesman") == "Kremlin spokesman"


# ECB+ (Bettie Page's obituary), Multi-News (U.S. sanctions on Russia; Led Zeppelin's reissues).
HEFNER = (
    "Kneeling before a Christmas tree, wearing a Santa hat and a playful wink (and that's all) and holding a "
    "Christmas tree ornament, Playboy founder Hugh Hefner described the layout as “a milestone in the history "
    "of the magazine.”"
)
BILDT = (
    "Swedish Foreign Minister Carl Bildt told CNN's Christiane Amanpour that the new round of U.S. sanctions "
    'would be "significantly more powerful than the first one."'
)
PLANT = (
    '"It was a particularly prolific time," says singer Robert Plant, "where we were learning about each '
    "other's capabilities.\""
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HEFNER, {"a milestone in the history of the magazine.": True}),
        (BILDT, {"significantly more powerful than the first one.": True}),
        # The second part of a quotation split by its reporting clause goes on with the first.
        (
            PLANT,
            {
                "It was a particularly prolific time": False,
                "where we were learning about each other's capabilities.": False,
            },
        ),
    ],
)
def test_a_few_words_a_reporters_sentence_quotes_are_a_fragment(text, expected):
    article = make_article("a", "Daily One", text)
    mentions = scan_names(text)
    found = {q.text.rstrip(","): q.fragment for q in find_quotes(article, People(mentions), mentions)}
    assert found == expected


def test_a_fragment_is_listed_as_words_quoted():
    from newsfuse.render._common import is_phrase

    article = make_article("a", "Daily One", HEFNER)
    mentions = scan_names(HEFNER)
    [quote] = merge_quotes([(0, "Daily One", m) for m in find_quotes(article, People(mentions), mentions)])
    assert quote.speaker == "Hugh Hefner"
    assert quote.phrase and is_phrase(quote)
    # A statement that some outlet quotes whole is no phrase, even where another quotes a fragment of it.
    whole = QuoteMention("b", 0, 44, "It was a milestone in the history of the magazine.", "Hugh Hefner", "after")
    found = [(0, "Daily One", m) for m in find_quotes(article, People(mentions), mentions)]
    [joined] = merge_quotes([*found, (1, "Wire", whole)])
    assert not joined.phrase and not is_phrase(joined)
