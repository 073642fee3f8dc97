"""Lead headlines cut at a clause boundary: spaCy's parse on real leads (Multi-News, BASIL, ECB+)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.brief import build_brief, check_grounded, ner
from newsfuse.brief.headline import MIN_KEPT_WORDS, headline_end, shorten_headlines
from newsfuse.config import BriefSettings
from newsfuse.errors import ConfigError
from newsfuse.models import Story
from newsfuse.text import count_words
from test_brief_support import make_article


@pytest.fixture(scope="module")
def model():
    pytest.importorskip("spacy")
    loaded = ner.load_model(required=False)
    if loaded is None:
        pytest.skip("the spaCy model is not installed")
    return loaded


def _shorten(model, text: str) -> str:
    [shortened] = shorten_headlines(model, [text])
    return shortened


@pytest.mark.parametrize(
    ("lead", "headline"),
    [
        (  # a participle clause after the main one
            "Kendrick Lamar was the king of the 2017 MTV Video Music Awards, winning six awards on a night full of "
            "emotional performances, political moments and a new, eye-popping Taylor Swift music video.",
            "Kendrick Lamar was the king of the 2017 MTV Video Music Awards",
        ),
        (  # an apposition whose participle the parser hangs from "said" (Multi-News, multinews_val_132)
            "The State Department said on Monday it was ending U.S. funding for the United Nations Population "
            "Fund, the international body’s agency focused on family planning as well as maternal and child "
            "health in more than 150 countries.",
            "The State Department said on Monday it was ending U.S. funding for the United Nations Population Fund",
        ),
        (  # an opening phrase stays; the cut is after the main clause
            "In his narrowest escape yet, Prime Minister Silvio Berlusconi barely survived a confidence vote on "
            "Friday, saving his government from collapse but leaving it all but incapable of legislating effectively.",
            "In his narrowest escape yet, Prime Minister Silvio Berlusconi barely survived a confidence vote on Friday",
        ),
        (  # a second verb joined to the main one by "and"
            "The House Ways and Means Committee on Wednesday accused former IRS official Lois Lerner of targeting "
            "the prominent GOP group Crossroads GPS and urged the Justice Department to take a fresh look at "
            "whether she should be prosecuted.",
            "The House Ways and Means Committee on Wednesday accused former IRS official Lois Lerner of targeting "
            "the prominent GOP group Crossroads GPS",
        ),
        (  # what the subject said next is news of its own, not an attribution of the lead
            "British police have named the third London Bridge attacker as 22-year-old Youssef Zaghba, and said "
            "that he is believed to be an Italian national of Moroccan descent.",
            "British police have named the third London Bridge attacker as 22-year-old Youssef Zaghba",
        ),
        (  # the deaths are the news: the cut comes after them, not before
            "A bomb exploded Friday at a West Coast Bank branch in Woodburn, Oregon, killing a Woodburn police "
            "officer and an Oregon State Police bomb squad technician, and critically injuring the Woodburn police "
            "chief.",
            "A bomb exploded Friday at a West Coast Bank branch in Woodburn, Oregon, killing a Woodburn police "
            "officer and an Oregon State Police bomb squad technician",
        ),
        (  # commas inside closed quotation marks are no boundary of the clause
            'The Obama administration reaffirmed Wednesday its decision to designate polar bears as a "threatened," '
            'not "endangered," species, in defiance of the wishes of conservationists who say the bears are in '
            "danger of extinction because their arctic hunting grounds are melting.",
            'The Obama administration reaffirmed Wednesday its decision to designate polar bears as a "threatened," '
            'not "endangered," species',
        ),
        # A clause after "as" that the parser read as a preposition's object ("clings" a plural noun,
        # "snowstorm" the object of "as"): parsed again alone, it has its subject and its verb.
        (
            "Florida’s highest-ranking government officials are increasing the pressure on state police to get "
            "involved in the counting of ballots in heavily Democratic South Florida as Gov. Rick Scott clings to a "
            "lead over Bill Nelson during a statewide recount of their nationally relevant U.S. Senate contest.",
            "Florida’s highest-ranking government officials are increasing the pressure on state police to get "
            "involved in the counting of ballots in heavily Democratic South Florida",
        ),
        (
            "Travelers facing canceled flights and closed roads were hoping to finally head to their holiday "
            "destinations as a widespread snowstorm that dumped more than a foot of snow in parts of the Midwest "
            "moved across the Great Lakes toward Canada.",
            "Travelers facing canceled flights and closed roads were hoping to finally head to their holiday "
            "destinations",
        ),
    ],
)
def test_a_long_lead_headline_ends_after_its_main_clause(model, lead, headline):
    assert _shorten(model, lead) == headline
    assert lead.startswith(headline)


@pytest.mark.parametrize(
    "lead",
    [
        # the attribution would go: the claim would read as the outlet's own
        "Arwa Damon, described by the cable network as a senior international correspondent, was intoxicated and "
        "abusive to a medical team stationed on the grounds of the embassy, where Damon did not have authority to "
        "be, according to the $2 million lawsuit filed in Manhattan on Monday.",
        "Just one glass of wine or other alcoholic drink a day significantly raises the risk of breast cancer, "
        "while vigorous exercise such as running and bicycling reduces it, according to an expansive review of "
        "research on the effects of diet, nutrition and physical activity on the disease.",
        "Lindsay Lohan checked into the Betty Ford Clinic in Rancho Mirage, Calif., on Thursday night, for what is "
        "to be a three-month stay, her rep confirms to PEOPLE.",
        # the twist: without it the headline alarms
        "A berm holding the flooded Missouri River back from a Nebraska nuclear power station collapsed early "
        "Sunday, but federal regulators said they were monitoring the situation and there was no danger.",
        # the comma closes an apposition: "was stripped" has its subject before the comma
        "Former runner-up for the Miss Delaware pageant, Brittany Lewis, was awarded the crown after original "
        "winner, Amanda Longacre, was stripped of her crown due to her age.",
        # a comma inside an open dash pair: the news comes after the dashes
        "Google might be a lot of things today -- a provider of mobile software with its Android operating system, "
        "a social network provider with Google+ -- but today it's announcing that it continues to make its core "
        "search engine better.",
        # a cause after "after" is the news
        "Hostility has been mounting this week in East Flatbush, Brooklyn, after two plainclothes police officers "
        "fatally shot 16-year-old Kimani Gray after he allegedly pointed a revolver at them on Saturday night.",
        # the parser takes the clause under "after" for the main one; the main clause comes after the dashes
        "This July, nine months after Congress failed to pass appropriations legislation _ shutting down much of "
        "the government and sending hundreds of thousands of federal workers home for more than two weeks _ some "
        "hospitals are reporting higher-than-average numbers of births.",
        # "as long" would leave "long" without the clause it heads; "it's fact" alone is too short to tell news
        "According to The Washington Post's Howard Kurtz, it's fact, and as long as the CNN doc can accustom himself "
        "to making White House money rather than cable-news money, he's expected to accept.",
        # "as" a preposition indeed: what follows it has no verb of its own
        "The city council of the northern port town on Tuesday named the former harbour master as its new chief "
        "executive in charge of the port, the marina and the ferry services for the next five years.",
        # short enough already
        "Russian President Vladimir Putin has publicly expressed openness to direct peace negotiations with "
        "Ukraine for the first time in years.",
    ],
)
def test_a_lead_headline_stays_whole_where_a_cut_would_change_what_it_says(model, lead):
    assert _shorten(model, lead) == lead


def test_shorten_headlines_cuts_only_the_long_ones_and_keeps_their_order(model):
    short = "Microsoft has issued an emergency patch for its Internet Explorer browser."
    long = (
        "Microsoft has issued an emergency patch for its Internet Explorer browser, aiming to fix a critical flaw "
        "that allowed hackers to take over computers merely by steering them to infected websites."
    )
    assert shorten_headlines(model, [short, long, short]) == [
        short,
        "Microsoft has issued an emergency patch for its Internet Explorer browser",
        short,
    ]
    assert shorten_headlines(model, [long], limit=40, target=40) == [long]  # within the limit: whole
    assert shorten_headlines(model, []) == []


_WORDS = st.sampled_from(
    ["The", "council", "voted", "on", "Tuesday", "to", "close", "the", "library", "and", "said", '"', "“", "”",
     "(", ")", "--", "—", ",", ",", "which", "after", "as", "police", "Smith", "residents", "were", "angry"]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS, min_size=20, max_size=60))
def test_a_cut_headline_is_an_opening_of_its_lead_with_whole_quotations(model, tokens):
    # Never words the lead does not have: a cut headline is the lead's own opening.
    lead = " ".join(tokens) + "."
    [doc] = ner.parse_texts(model, [lead])
    end = headline_end(doc)
    assert 0 < end <= len(lead)
    if end < len(lead):
        kept = lead[:end]
        assert count_words(kept) >= MIN_KEPT_WORDS
        assert kept.count('"') % 2 == 0 and kept.count("“") == kept.count("”")
        assert kept.count("(") == kept.count(")")
        assert not kept.endswith((",", ";", "—", "-", " "))


_LEAD = (
    "Kendrick Lamar was the king of the 2017 MTV Video Music Awards, winning six awards on a night full of "
    "emotional performances, political moments and a new, eye-popping Taylor Swift music video."
)
_FOLLOW = "The rapper took home video of the year for Humble. He also won best hip-hop video and best direction."


def test_a_brief_cuts_a_long_lead_headline_but_never_a_title(model):
    story = Story("vmas", ("a",))
    untitled = make_article("a", "Wire", _LEAD + "\n\n" + _FOLLOW)
    brief = build_brief(story, [untitled], BriefSettings(ner="auto"))
    assert brief.headline == "Kendrick Lamar was the king of the 2017 MTV Video Music Awards"
    assert check_grounded(brief) == []
    # A source's title is its outlet's own headline: never cut, however long.
    titled = make_article("a", "Wire", _LEAD + "\n\n" + _FOLLOW, title=_LEAD)
    assert build_brief(story, [titled], BriefSettings(ner="auto")).headline == _LEAD
    # No spaCy at all (ner = "rules"), or no limit: the lead stays whole.
    assert build_brief(story, [untitled], BriefSettings(ner="rules")).headline == _LEAD
    assert build_brief(story, [untitled], BriefSettings(headline_words=0)).headline == _LEAD
    # A looser limit keeps a lead within it whole when the target is off.
    loose = BriefSettings(headline_words=35, headline_target_words=0)
    assert build_brief(story, [untitled], loose).headline == _LEAD


def test_headline_words_must_not_be_negative():
    message = r"^brief.headline_words must be >= 0 \(0 keeps lead headlines whole\), got -1$"
    with pytest.raises(ConfigError, match=message):
        BriefSettings(headline_words=-1)


@pytest.mark.parametrize(
    ("lead", "headline"),
    [
        (  # Multi-News: a relative clause on a noun with words of its own, with no comma to mark it
            "The Senate's top leaders announced Wednesday they have sealed agreement on a two-year budget pact that "
            "would shower both the Pentagon and domestic programs with almost $300 billion above existing limits",
            "The Senate's top leaders announced Wednesday they have sealed agreement on a two-year budget pact",
        ),
        (  # Multi-News: "in which" opens the relative clause
            "Michael Dunn, who shot and killed Jordan Davis and opened fire on three of Davis' friends, made phone "
            "calls from jail in which he compared himself to a rape victim",
            "Michael Dunn, who shot and killed Jordan Davis and opened fire on three of Davis' friends, made phone "
            "calls from jail",
        ),
        (  # Multi-News: a participle after "while"
            "Gov. Robert Bentley today apologized to the government of India for the injuries suffered by an Indian "
            "grandfather during an encounter with a police officer while visiting his family in Madison.",
            "Gov. Robert Bentley today apologized to the government of India for the injuries suffered by an Indian "
            "grandfather during an encounter with a police officer",
        ),
        (  # Multi-News: no cut at the end fits, so the opening phrase goes; the headline is a middle span
            'In promoting her new book, Sen. Kirsten Gillibrand (D-NY) has come forward with several stories of being '
            'called "chubby," "fat," and "porky" by her male colleagues in Congress.',
            'Sen. Kirsten Gillibrand (D-NY) has come forward with several stories of being called "chubby," "fat," and '
            '"porky" by her male colleagues in Congress.',
        ),
    ],
)
def test_a_long_lead_headline_is_cut_before_a_relative_clause_or_after_its_opening_phrase(model, lead, headline):
    assert _shorten(model, lead) == headline
    assert headline in lead and count_words(headline) <= 25


def test_a_relative_clause_that_defines_its_noun_stays(model):
    # Multi-News: "the moment" says nothing without "that led to the deadly shooting..."; "a two-year budget
    # pact" does (the cut above).
    lead = (
        "New surveillance video obtained by ABC News appears to show the moment that led to the deadly shooting of "
        "former NFL star Will Smith in New Orleans."
    )
    pact = (
        "The Senate's top leaders announced Wednesday they have sealed agreement on a two-year budget pact that "
        "would shower both the Pentagon and domestic programs with almost $300 billion above existing limits"
    )
    assert shorten_headlines(model, [lead, pact]) == [lead, pact[: pact.index(" that would")]]


def test_a_lead_that_cannot_be_cut_gives_way_to_another_outlets_report_of_the_same_fact(model, shared_data):
    # Multi-News story 246: the most central lead runs 32 words with an attribution at its end; another
    # outlet's lead reports the same death in 24 words.
    import json

    from newsfuse.brief.align import build_view
    from newsfuse.brief.headline import choose_headline, pick_lead
    from newsfuse.clean import clean_article
    from newsfuse.config import Settings
    from newsfuse.dedup import find_duplicates
    from newsfuse.errors import ItemError
    from newsfuse.models import Article

    path = shared_data / "multinews_sample" / "clusters.jsonl"
    record = next(
        r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r["id"] == "multinews_val_246"
    )
    settings = Settings()
    articles = []
    for k, raw in enumerate(record["articles"]):
        try:
            article = Article(id=f"a{k}", source=f"outlet{k}", title="", text=raw["text"])
            articles.append(clean_article(article, settings.clean))
        except ItemError:
            continue
    story = Story("246", tuple(a.id for a in articles))
    brief = build_brief(story, articles, BriefSettings(ner="auto"))
    assert brief.headline == (
        "A former Massachusetts police officer accused of making false reports of a bomb threat and a shootout "
        "was found dead in his home Thursday."
    )
    assert check_grounded(brief) == []
    # The most central lead, which the brief would show without a parser, reports the same death.
    headline = choose_headline(build_view(articles, find_duplicates(articles, settings.dedup)))
    assert count_words(headline.text) > 25 and headline.others
    assert pick_lead([headline.text, *(h.text for h in headline.others)]) > 0


@pytest.mark.parametrize(
    ("lead", "headline"),
    [
        (  # BASIL: a closing "in an effort to ..." phrase with no comma before it
            "President Donald Trump on Friday declared a national emergency at the southern U.S. border in an effort "
            "to unilaterally seize funding to begin building his long-promised wall between the U.S. and Mexico.",
            "President Donald Trump on Friday declared a national emergency at the southern U.S. border",
        ),
        (  # Multi-News: where and when go, with "on Tuesday" after them
            "A UC Berkeley police officer shot and wounded a man brandishing a gun in a computer lab at the Haas "
            "School of Business on Tuesday.",
            "A UC Berkeley police officer shot and wounded a man brandishing a gun",
        ),
        (  # Multi-News: a lead within 25 words is cut to 16 at its main clause
            "Keurig Green Mountain Inc. on Wednesday cut its guidance for the year as earnings fell 4% on low demand "
            "for its new brewing system.",
            "Keurig Green Mountain Inc. on Wednesday cut its guidance for the year",
        ),
        (  # ECB+: "on ... charges" completes "arrested" and stays; the slayings' place and time go
            "Staunton Police this morning arrested Sharron Diane Crawford Smith, of Staunton, on first-degree murder "
            "charges in the 1967 slayings of two women at High's Ice Cream Shop.",
            "Staunton Police this morning arrested Sharron Diane Crawford Smith, of Staunton, on first-degree murder "
            "charges",
        ),
    ],
)
def test_a_lead_is_cut_to_the_target_where_a_cut_fits_it(model, lead, headline):
    assert _shorten(model, lead) == headline
    assert lead.startswith(headline)
    if count_words(lead) <= 25:  # with no target below the limit, a lead within it stays whole
        assert shorten_headlines(model, [lead], target=25) == [lead]


@pytest.mark.parametrize(
    "lead",
    [
        # ECB+: the comma joins a town and its state before their noun
        "An arraignment has been scheduled for Wednesday morning for a New Bedford, Massachusetts man accused of "
        "murdering two women.",
        # Multi-News: "buried" says where; "could be buried" alone tells nothing
        "New research suggests that lakes of liquid water could be buried in the icy crust of Europa, a moon of "
        "Jupiter.",
        # Multi-News: the news comes after "because"
        "Apparently Lenovo liked what it saw from Sony's Tap 20, because here at CES the company is introducing "
        "its own \"portable\" desktop PC.",
    ],
)
def test_a_lead_within_the_limit_stays_whole_where_no_cut_keeps_its_news(model, lead):
    assert _shorten(model, lead) == lead


def test_the_most_central_lead_gives_way_to_a_shorter_one_only_when_it_runs_long():
    from newsfuse.brief.headline import pick_lead

    short = "Maurice Cheeks was fired Saturday as coach of the Philadelphia 76ers"
    assert pick_lead([" ".join(["word"] * 19), short]) == 0
    assert pick_lead([" ".join(["word"] * 21), " ".join(["word"] * 24), short]) == 2
    assert pick_lead([" ".join(["word"] * 30), " ".join(["word"] * 24)]) == 1
    assert pick_lead([" ".join(["word"] * 30), " ".join(["word"] * 28)]) == 0


def test_a_long_lead_gives_way_to_another_outlets_lead_within_the_target(model, shared_data):
    # Multi-News story 058: the most central lead runs 39 words and no cut brings it within 25.
    import json

    from newsfuse.clean import clean_article
    from newsfuse.config import Settings
    from newsfuse.errors import ItemError
    from newsfuse.models import Article

    path = shared_data / "multinews_sample" / "clusters.jsonl"
    record = next(
        r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r["id"] == "multinews_val_058"
    )
    articles = []
    for k, raw in enumerate(record["articles"]):
        try:
            articles.append(clean_article(Article(id=f"a{k}", source=f"outlet{k}", title="", text=raw["text"]),
                                          Settings().clean))
        except ItemError:
            continue
    brief = build_brief(Story("058", tuple(a.id for a in articles)), articles, BriefSettings(ner="auto"))
    assert brief.headline == (
        "Two former employees of Stacey Plaskett, Congress’ delegate from the Virgin Islands, have been indicted"
    )
    assert check_grounded(brief) == []


# A Multi-News page whose text opens with its headline run into its standfirst, no full stop
# between them or after (New York Daily News), and a UN page whose text opens with its map's
# disclaimer.
_GLUED_HEADLINE = (
    "Deal just a quickie for ‘Sex and the City’ house; building back on market after November sale West "
    "Village brownstone that was Carrie Bradshaw's original home and comes complete with constant gawkers, "
    "sold for $9 million and is asking $9.65 million now\n\n"
    "Whoever makes a play for 64 Perry St. next had better not be put off by the swarms of tourists it "
    "attracts. The owners bought the house in November."
)
_MAP_DISCLAIMER = (
    "The designations employed and the presentation of material on the map do not imply the expression of "
    "any opinion whatsoever on the part of UNFPA concerning the legal status of any country, territory, city "
    "or area or its authorities, or concerning the delimitation of its frontiers or boundaries.\n\n"
    "The final status of Jammu and Kashmir has not yet been agreed upon by the parties. The census counted "
    "the region's people for the first time in a decade."
)


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        (_GLUED_HEADLINE, "Whoever makes a play for 64 Perry St. next had better not be put off by the swarms"),
        (_MAP_DISCLAIMER, "The final status of Jammu and Kashmir has not yet been agreed upon by the parties."),
    ],
)
def test_a_lead_that_is_a_headline_run_into_its_standfirst_or_a_disclaimer_gives_way(text, headline):
    story = Story("lead", ("a",))
    brief = build_brief(story, [make_article("a", "Wire", text)], BriefSettings(ner="rules"))
    assert brief.headline.startswith(headline)
    assert check_grounded(brief) == []


def test_a_lead_without_a_full_stop_heads_the_brief_when_no_sentence_follows_soon():
    """Only the first statements are looked at: a page with no full stop near its top keeps its lead."""
    lead = "Police search the river for a missing boy after his bicycle was found on the bank near the bridge"
    volunteers = "Volunteers from the town and the fire brigade joined the search along both banks on day"
    rest = "\n\n".join(f"{volunteers} {n} of the week" for n in (1, 2, 3))
    text = lead + "\n\n" + rest + "\n\nThe boy's family thanked the volunteers for their help."
    brief = build_brief(Story("lead", ("a",)), [make_article("a", "Wire", text)], BriefSettings(ner="rules"))
    assert brief.headline == lead


@pytest.mark.parametrize(
    ("lead", "headline"),
    [
        (  # the page's title ran into the lead with no full stop (Multi-News, multinews_val_041)
            "Monkeys learn to cover their eyes when they want to be left alone Monkeys at Colchester Zoo have "
            "invented a unique do not disturb sign that has amazed experts.",
            "Monkeys at Colchester Zoo have invented a unique do not disturb sign that has amazed experts.",
        ),
    ],
)
def test_a_headline_run_into_its_lead_in_one_sentence_goes(model, lead, headline):
    assert _shorten(model, lead) == headline


@pytest.mark.parametrize(
    "lead",
    [
        # a name said twice (Multi-News, multinews_val_130), a brand before its model's name (_169)
        "Farrow wanted to publish this interview and what he had already gathered, but network higher-ups said he "
        "needed more and would not allow Farrow to use an NBC News crew.",
        "Oculus doesn't make a consumer product yet, but its headset called the Oculus Rift for game developers "
        "has changed things.",
        # a name whose surname comes again (ECB+)
        "Felt is survived by two children, Joan Felt and Mark Felt Jr., and four grandchildren.",
    ],
)
def test_a_lead_whose_first_word_comes_again_as_a_name_stays_whole(model, lead):
    assert _shorten(model, lead) == lead


def test_a_title_in_a_script_without_capitals_heads_the_brief():
    # Arabic has no lower-case letters, so every Arabic title was "shouted" and never chosen:
    # the brief was headed by its lead sentence.
    text = (
        "قال الرئيس الأوكراني فولوديمير زيلينسكي يوم الأحد إن بلاده مستعدة لمحادثات مباشرة مع روسيا. "
        "وأضاف أن الأفعال أبلغ من الأقوال. وقال مسؤولون إن الاجتماع قد يعقد الأسبوع المقبل في إسطنبول."
    )
    title = "زيلينسكي مستعد لمحادثات مباشرة مع روسيا"
    brief = build_brief(Story("s", ("a",)), [make_article("a", "Wire", text, title=title)], BriefSettings(ner="rules"))
    assert brief.headline == title
    # A title in capitals is still passed over for the lead.
    shouted = make_article("a", "Wire", _LEAD + "\n\n" + _FOLLOW, title="MTV VIDEO MUSIC AWARDS WINNERS")
    assert build_brief(Story("s", ("a",)), [shouted], BriefSettings(ner="rules")).headline == _LEAD
