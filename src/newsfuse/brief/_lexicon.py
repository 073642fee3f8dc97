"""Word lists the brief stage reads: titles, speech verbs, number words, cues.

All entries are lower case and folded (no accents, straight apostrophes).
They are small closed classes of English news prose; extend them here, then
re-run ``tests/test_brief*.py`` and the measurements named in each module.
"""

from __future__ import annotations

import functools
from importlib import resources

# --- People: titles and roles ------------------------------------------------

# Honorifics say "this is a person" but carry no role, so they never make a
# title dispute ("Mr. Trump" vs "President Trump" is a difference of style).
HONORIFICS = frozenset(
    "mr mrs ms miss mx dr sir dame lord lady rev reverend hon honorable father sister brother".split()
)

# Words that make up a role when they stand before a name ("Prime Minister",
# "Secretary of State", "Kremlin spokesperson").  Synonyms map to one key.
ROLE_SYNONYMS = {
    "pres": "president",
    "sen": "senator",
    "sens": "senator",
    "senators": "senator",
    "rep": "representative",
    "reps": "representative",
    "congressman": "representative",
    "congresswoman": "representative",
    "congressmember": "representative",
    "gov": "governor",
    "lt": "lieutenant",
    "gen": "general",
    "adm": "admiral",
    "col": "colonel",
    "maj": "major",
    "capt": "captain",
    "sgt": "sergeant",
    "cpl": "corporal",
    "cmdr": "commander",
    "supt": "superintendent",
    "insp": "inspector",
    "det": "detective",
    "amb": "ambassador",
    "prof": "professor",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "spokesmen": "spokesperson",
    "chairman": "chair",
    "chairwoman": "chair",
    "chairperson": "chair",
    "advisor": "adviser",
    "secretary-general": "secretary-general",
    "chief-of-staff": "chief of staff",
}

ROLE_WORDS = frozenset(
    """
    president vice prime minister secretary chancellor premier senator representative
    governor lieutenant mayor speaker leader chair ceo cfo coo director commissioner
    ambassador envoy attorney general judge justice chief king queen prince princess emperor
    empress pope cardinal archbishop bishop rabbi imam sheikh emir ayatollah professor
    admiral commodore brigadier colonel major captain sergeant corporal commander officer
    detective inspector sheriff marshal superintendent deputy spokesperson coach founder executive president-elect
    secretary-general adviser counsel prosecutor lawmaker legislator councilman councilwoman
    councillor councilor alderman whip treasurer comptroller auditor chairman chairwoman
    editor publisher correspondent columnist
    """.split()
) | frozenset(ROLE_SYNONYMS)

# Department words belong to a role only next to "minister"/"secretary"
# ("Foreign Minister", "Secretary of State", "Defense Secretary").
DEPARTMENT_WORDS = frozenset(
    """
    foreign defense defence interior finance treasury health justice state home trade commerce
    energy education labor labour agriculture transport transportation environment economy
    culture homeland security intelligence war navy army interior communications information
    housing immigration development industry tourism sports national
    """.split()
)

# Roles that one person cannot hold two of at once in one story: "President"
# against "Prime Minister" is a dispute, "Senator" against "Majority Leader"
# is not (a senator leads the majority).  Generic "minister"/"secretary" are
# compatible with any specific one and so are left out.
EXCLUSIVE_ROLES = frozenset(
    """
    president|vice president|prime minister|chancellor|governor|lieutenant governor|mayor
    |senator|representative|king|queen|pope|attorney general|premier
    """.replace("\n", "").split("|")
)

# Status modifiers before a title.  Values are the status class compared.
STATUS_WORDS = {
    "former": "past",
    "ex": "past",
    # "then-President X" and "the late Justice X" speak of the past on purpose:
    # such a title is never compared with a current one.
    "then": "then",
    "late": "then",
    "acting": "acting",
    "interim": "acting",
    "incoming": "elect",
    "elect": "elect",
    "designate": "elect",
    "outgoing": "",  # still in office
    "current": "",
    "sitting": "",
}

# --- Speech ----------------------------------------------------------------

SPEECH_VERBS = frozenset(
    """
    said says say saying told tells tell telling stated states state stating added adds
    adding noted notes noting explained explains explaining asked asks asking wrote writes
    writing declared declares announced announces insisted insists insisting argued argues
    arguing warned warns warning claimed claims claiming tweeted tweets posted posts continued
    continues recalled recalls remarked remarks replied replies responded responds urged urges
    vowed vows emphasized emphasised emphasizes emphasises emphasizing emphasising stressed
    stresses stressing acknowledged acknowledges admitted admits conceded concedes countered
    counters suggested suggests described describes called calls reiterated reiterates pledged
    pledges promised promises predicted predicts concluded concludes confirmed confirms observed
    observes commented comments quipped quips joked jokes mentioned mentions underscored
    underscores highlighted highlights cautioned cautions complained complains shouted shouts
    yelled whispered testified testifies told reported reports recounted recounts
    acknowledged maintained maintains contended contends assured assures boasted boasts lamented
    laments demanded demands pleaded pleads reaffirmed reaffirms affirmed affirms announced
    proclaimed proclaims declared asserted asserts alleged alleges charged charges accused
    accuses conceded echoed echoes framed frames characterized characterised labeled labelled
    dubbed wondered wonders answered answers agreed agrees disagreed denied denies admitted
    elaborated elaborates indicated indicates signaled signalled expressed expresses
    """.split()
)

# Pronouns a speaker can be given by; resolved to the nearest person before.
SPEAKER_PRONOUNS = frozenset("he she".split())

# Gender, for "he"/"she" (the speaker finder and the quote scorer): a person whose gender is
# known to differ is passed over; known from an honorific (Mr., Mrs., Ms.) or a common first
# name.  A short list on purpose: an unknown name is never ruled out, so the list only needs the
# frequent names of news.
# Names given to both ("Terry", "Chris", "Sam", "Kelly", "Jean") are left out.
MALE_HONORIFICS = frozenset("mr mr. sir lord".split())
FEMALE_HONORIFICS = frozenset("mrs mrs. ms ms. miss madam lady dame".split())
MALE_FIRST_NAMES = frozenset(
    "aaron adam alan albert andrew anthony arthur barack ben benjamin bernie bill billy bob bobby boris brian "
    "bruce carl charles christopher chuck dan daniel david dennis dick donald doug douglas ed edward "
    "emmanuel eric frank fred gary george gerald greg gregory harold harry henry jack jacob james jason jeb "
    "jeff jeffrey jeremy jerry jim jimmy joe john johnny jon jonathan jose joseph josh joshua juan justin "
    "keith ken kenneth kevin larry lawrence louis marco mark martin matt matthew michael mike mitch newt "
    "nicholas olaf patrick paul peter philip ralph rand randy raymond reince richard rick robert roger ron "
    "ronald roy rudy russell ryan samuel scott sean sergei stephen steve steven ted thomas tim "
    "timothy tom tony vladimir volodymyr walter wayne william xi".split()
)
FEMALE_FIRST_NAMES = frozenset(
    "alice amanda amy andrea angela ann anna anne barbara betsy betty carly carol catherine chelsea cheryl "
    "christina christine condoleezza cynthia debbie deborah diana diane donna dorothy elaine elizabeth emily "
    "emma frances gloria grace hannah heather helen hillary huma ivanka janet janice jennifer jessica "
    "jill joan joyce judith judy julia julie kamala karen katherine kathleen kathryn kathy kayleigh "
    "kellyanne kimberly kirsten laura lauren linda lisa loretta madeleine margaret maria marie martha mary "
    "megan melania melissa michele michelle nancy nicole nikki olivia pamela patricia rachel rebecca rose "
    "ruth sandra sara sarah sharon sheryl shirley stephanie susan susana tammy teresa theresa tulsi ursula "
    "victoria virginia".split()
)


# A relative or a representative named through a person's possessive ("Price's mother", "Trump's
# lawyer"): someone other than that person, the subject of the sentence that names them so; when
# their name follows ("Grimm's lawyer, William McGinley,") the name is the subject.
RELATION_GENDERS = {
    "mother": "f", "father": "m", "wife": "f", "husband": "m", "son": "m", "daughter": "f", "sister": "f",
    "brother": "m", "grandmother": "f", "grandfather": "m", "aunt": "f", "uncle": "m", "niece": "f",
    "nephew": "m", "widow": "f", "widower": "m", "girlfriend": "f", "boyfriend": "m", "fiancee": "f",
    "fiance": "m", "mom": "f", "dad": "m", "stepmother": "f", "stepfather": "m", "cousin": "", "lawyer": "",
    "attorney": "", "spokesman": "m", "spokeswoman": "f", "spokesperson": "", "family": "", "parents": "",
}
# Titles that tell a person's sex, as an honorific does ("Foreign Ministry spokesman Lu Kang").
TITLE_GENDERS = {
    "spokesman": "m", "spokeswoman": "f", "congressman": "m", "congresswoman": "f", "chairman": "m",
    "chairwoman": "f", "actress": "f", "queen": "f", "king": "m", "prince": "m", "princess": "f",
    "businessman": "m", "businesswoman": "f",
}


def first_name_gender(first: str, is_full_name: bool = True) -> str:
    """Return "m" or "f" for a folded first name nearly all of one sex bear, "" when it says nothing.

    The short lists above come first (names of news the 1990 census lacks:
    "barack", "ivanka"); for the first word of a full name, the census list
    in ``newsfuse/data/first_names.tsv`` (5,163 names, 155 of both sexes).  A lone word is
    looked up in the short lists only: "Clinton" alone is a surname; so is a
    census word under three letters ("Lu Kang").

    >>> first_name_gender("meredith"), first_name_gender("terry"), first_name_gender("meredith", False)
    ('f', '', '')
    """
    if first in MALE_FIRST_NAMES:
        return "m"
    if first in FEMALE_FIRST_NAMES:
        return "f"
    if not is_full_name or len(first) < 3:
        return ""  # "Lu Kang", "Ma Ying-jeou": a short first word is often a surname written first
    return _census_first_names().get(first, "").strip("-")


def is_first_name(word: str) -> bool:
    """Return whether a folded word is a first name: of the short lists or the census list.

    >>> is_first_name("stephen"), is_first_name("terry"), is_first_name("senate")
    (True, True, False)
    """
    return word in MALE_FIRST_NAMES or word in FEMALE_FIRST_NAMES or word in _census_first_names()


@functools.cache
def _census_first_names() -> dict[str, str]:
    text = resources.files("newsfuse").joinpath("data/first_names.tsv").read_text(encoding="utf-8")
    return dict(line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))


# --- Numbers ----------------------------------------------------------------

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}

# Hedges before a number and the interval of values they allow, as factors of
# the number: (low, high); None is unbounded.
HEDGES = {
    "about": (0.9, 1.1), "around": (0.9, 1.1), "approximately": (0.9, 1.1),
    "roughly": (0.9, 1.1), "some": (0.9, 1.1), "an estimated": (0.85, 1.15),
    "estimated": (0.85, 1.15), "close to": (0.85, 1.0), "nearly": (0.8, 1.0),
    "almost": (0.8, 1.0), "just under": (0.85, 1.0), "more than": (1.0, None),
    "over": (1.0, None), "at least": (1.0, None), "upwards of": (1.0, None),
    "just over": (1.0, 1.2), "in excess of": (1.0, None), "beyond": (1.0, None),
    "less than": (0.0, 1.0), "fewer than": (0.0, 1.0), "under": (0.0, 1.0),
    "up to": (0.0, 1.0), "as many as": (0.0, 1.0), "at most": (0.0, 1.0),
    "no more than": (0.0, 1.0), "as few as": (1.0, None),
}

# Counted verbs: "12 killed", "killing 12", "12 people were killed".  Values
# are the key compared, so "dead" and "killed" are one subject.
CASUALTY_WORDS = {
    "killed": "killed", "killing": "killed", "kills": "killed", "dead": "killed",
    "died": "killed", "deaths": "killed", "dies": "killed", "fatalities": "killed",
    "slain": "killed", "lives": "killed",
    "injured": "injured", "injuring": "injured", "injuries": "injured", "wounded": "injured",
    "wounding": "injured", "hurt": "injured", "hospitalized": "hospitalized",
    "hospitalised": "hospitalized", "missing": "missing",
    "arrested": "arrested", "arresting": "arrested", "arrests": "arrested",
    "detained": "detained", "detaining": "detained",
    "displaced": "displaced", "evacuated": "evacuated", "rescued": "rescued",
    "kidnapped": "kidnapped", "abducted": "kidnapped", "charged": "charged",
    "fired": "fired", "laid": "laid off",
}

# Casualty nouns before "of" and a number: "the injury of two others", "the
# arrest of three men", "the evacuation of 300 residents".
CASUALTY_NOUNS = {
    "death": "killed", "deaths": "killed", "killing": "killed", "killings": "killed",
    "murder": "killed", "murders": "killed", "injury": "injured", "injuries": "injured",
    "injuring": "injured", "wounding": "injured", "arrest": "arrested", "arrests": "arrested",
    "evacuation": "evacuated", "rescue": "rescued", "kidnapping": "kidnapped", "abduction": "kidnapped",
}

# Nouns that count nothing by themselves: a number before them is compared
# only when its sentences are close paraphrases.
GENERIC_COUNT_NOUNS = frozenset(
    """
    people persons individuals times percent per cent points cases others members things ways
    kinds reasons days weeks months years hours minutes seconds more of
    """.split()
)

DURATION_UNITS_H = {
    "second": 1 / 3600, "minute": 1 / 60, "hour": 1.0, "day": 24.0, "week": 168.0,
    "fortnight": 336.0, "month": 730.0, "year": 8760.0, "decade": 87600.0,
}

# Key nouns that name the same thing ("truce" and "ceasefire").
KEY_SYNONYMS = {
    "truce": "ceasefire", "cease-fire": "ceasefire", "armistice": "ceasefire",
    "war": "conflict", "fighting": "conflict", "dead": "killed", "fatality": "killed",
    "death": "killed", "injury": "injured", "casualty": "casualties",
}

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)

# --- Names --------------------------------------------------------------------

# Capitalised words that are not names when they start a run: sentence-initial
# function words, holidays, days.  Checked folded.
NOT_NAMES = frozenset(
    """
    the a an this that these those there here it its in on at by for from with as of to and or
    but if when while after before since despite although though however meanwhile moreover
    furthermore also yet still then now today yesterday tomorrow tonight during following
    according amid among under over about against between without within across toward
    towards into onto upon once why how what who whom whose which where we our you your they
    their he his she her i my me us them no not yes so such both each every all any some many
    most more few several other another last next first second third new old many much
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december easter christmas ramadan eid
    thanksgiving hanukkah passover lent advent diwali read watch click share sign subscribe
    follow related advertisement photo video image getty ap reuters afp breaking update
    updated editor note mr mrs ms dr plus instead indeed overall besides nevertheless nonetheless
    thus hence otherwise likewise perhaps maybe unlike including regardless earlier later
    reportedly clearly apparently obviously certainly surely finally eventually initially
    originally previously recently currently allegedly separately similarly additionally
    ultimately fortunately unfortunately ironically notably importantly interestingly frankly
    honestly having being whereas neither either nor inside outside behind above below thank thanks
    because unless until whether did does let even like sometimes often just never always
    """.split()
)

# Words that mark a name as an organisation ("Labour Party", "Ministry of Defence").
ORG_CUES = frozenset(
    """
    inc inc. corp corporation co company companies ltd llc plc k.k gmbh s.a n.v group holdings party ministry
    council agency department committee commission bank university college school institute
    foundation association union federation court congress senate parliament assembly
    police army navy force forces guard administration office bureau service services board
    authority organisation organization network news times post journal press tribune herald
    gazette daily magazine radio television tv channel studios airlines airways motors
    church hospital center centre club team fc league nations alliance coalition movement
    front brigade command fund trust exchange reserve cabinet government kremlin pentagon
    commission commissioners museum campaign hub house caucus initiative project institution
    society academy laboratory labs systems technologies media group's facebook twitter google
    convention staff review editorial international centers centres institutes
    """.split()
)

# The organisation words that name one institution on their own ("Congress", "the
# Pentagon"); every other one alone is a common noun ("Police said", "the Office", "Staff").
STANDALONE_ORG_WORDS = frozenset(
    "congress senate parliament cabinet kremlin pentagon house navy army facebook twitter google".split()
)

# Nouns written as acronyms: a thing, a condition or a job, never an organisation of a
# brief ("TV", "DNA", "SUVs", "the DA", "GPS").  Folded, without a plural "s".
COMMON_ACRONYMS = frozenset(
    """
    tv dna ok o.k. suv gps vp ceo cfo coo cto id mp dvd cd pdf ddt gdp ptsd dwi dui rip pc cpr
    ai mri hpv hiv mvp rbi html ko emt diy gpa pov hq os wifi dj gmo vr vhs rss thc cbd tbi usb
    ufo ecg ekg atv lgbt lgbtq sos iq icu da ad rsvp faq url isp ipo lcd led iv er
    """.split()
)

# Words that make a capitalised name something that is not an entity of a
# brief: laws, prizes, shows, events ("Affordable Care Act", "Nobel Peace Prize").
NOT_ENTITY_CUES = frozenset(
    """
    act bill law amendment treaty accord accords agreement prize award awards show series
    program programme festival cup championship championships olympics games day week month
    doctrine plan deal rule order era summit conference standard ban
    """.split()
)

# Party and faction words before a name are qualifiers, like a nationality:
# "Republican Sharron Angle" is Sharron Angle.
PARTY_WORDS = frozenset(
    """
    republican republicans democrat democrats democratic gop tory tories labour conservative
    conservatives liberal liberals socialist green independent progressive libertarian nazi
    """.split()
)

# Function words of German, French, Spanish, Italian and Dutch that English text does not use as words:
# a quotation or a line holding them and no English stopword is in another language (``names``), where
# every noun may be capitalised ("Saftiges Schweinefleisch, Speck, Pepper Jack Käse ... und ...").  Words
# that are English too ("die", "son", "pour", "per", "con", "war", "also") or a name's particle ("de", "von",
# "la": ``names.NAME_SMALL_WORDS``) are not among them.
FOREIGN_FUNCTION_WORDS = frozenset(
    """
    und mit für nicht ist sind zu auf auch sich dass wird werden oder aber nach bei aus dieses diese
    einer eines einen eine ein
    les des une est dans avec sur sont aux nous vous ils elle qui pas cette
    los las por para una pero como más muy esta está
    il che sono gli nel degli
    het een niet zijn voor ook
    """.split()
)

# Words that mark a name as a place ("Kings County", "Gaza Strip").
PLACE_CUES = frozenset(
    """
    city county province state region district island islands mountain mountains river lake sea
    ocean bay valley strip street avenue road square park airport port peninsula coast border
    village town oblast republic kingdom territory territories desert gulf canal bridge side
    heights springs falls beach harbor harbour hills
    """.split()
)

# First words of a place's name: "Mount Everest", "Lake Tahoe", "Cape Cod", "Fort Calhoun".
PLACE_OPENERS = frozenset("mount lake cape fort".split())
# Words before a place's name that make a part of it, still a place: "West Texas", "Upper Darby",
# "Greater Manchester".
AREA_WORDS = frozenset("north south east west northern southern eastern western central upper lower greater".split())

# The last word of a newspaper's or a magazine's name after a place: "Baltimore Sun", "Houston
# Chronicle", "Clarion Ledger" (the ``ORG_CUES`` "Times", "Post", "Herald" are one already).
NEWSPAPER_WORDS = frozenset(
    """
    sun star globe chronicle ledger sentinel examiner inquirer enquirer observer telegraph courier
    dispatch bulletin register weekly statesman sun-times sun-sentinel
    """.split()
)

# Lower-case nouns before a place name: "the port city of Odessa".
PLACE_NOUNS = frozenset(
    "city town village capital port region province state county district island country".split()
)

# Nationalities and other group names: "Russian", "European", "Western" are
# neither places nor persons, and qualify a name like a title ("Russian
# President Vladimir Putin").  A list, because "-ian" also ends "Brian".
DEMONYMS = frozenset(
    """
    afghan albanian algerian american angolan argentine argentinian armenian australian austrian
    azerbaijani bahraini bangladeshi belarusian belgian bolivian bosnian brazilian british
    bulgarian burmese cambodian cameroonian canadian chilean chinese colombian congolese croatian
    cuban cypriot czech danish dutch ecuadorian egyptian emirati english eritrean estonian
    ethiopian european filipino finnish french georgian german ghanaian greek guatemalan haitian
    honduran hungarian icelandic indian indonesian iranian iraqi irish israeli italian ivorian
    jamaican japanese jordanian kazakh kenyan korean kosovar kurdish kuwaiti kyrgyz lao latvian
    lebanese liberian libyan lithuanian macedonian malaysian malian maltese mexican moldovan
    mongolian montenegrin moroccan mozambican namibian nepali nepalese nigerian nigerien
    norwegian omani pakistani palestinian panamanian paraguayan peruvian polish portuguese
    qatari romanian russian rwandan saudi scottish senegalese serbian sierra singaporean slovak
    slovenian somali sudanese spanish sri swedish swiss syrian taiwanese tajik tanzanian thai
    tibetan tunisian turkish turkmen ugandan ukrainian uruguayan uzbek venezuelan vietnamese
    welsh yemeni zambian zimbabwean western eastern northern southern arab arabic asian african
    latin latino hispanic muslim christian jewish catholic protestant sunni shiite shia islamic
    soviet nordic baltic balkan caribbean pacific atlantic gulf midwestern
    """.split()
)

# Short forms of English first names ("Chuck" / "Charles"), for one person named both ways.
NICKNAMES = {
    short: full
    for full, shorts in (
        ("charles", "chuck charlie"), ("robert", "bob bobby rob"), ("william", "bill billy will"),
        ("michael", "mike"), ("james", "jim jimmy"), ("joseph", "joe"), ("thomas", "tom tommy"),
        ("richard", "dick rick"), ("edward", "ted ed"), ("elizabeth", "liz beth betsy"),
        ("christopher", "chris"), ("daniel", "dan danny"), ("david", "dave"), ("stephen", "steve"),
        ("anthony", "tony"), ("nicholas", "nick"), ("benjamin", "ben"),
        ("samuel", "sam"), ("patrick", "pat"), ("gerald", "jerry"), ("lawrence", "larry"),
        ("timothy", "tim"), ("kenneth", "ken"), ("ronald", "ron"), ("donald", "don"),
        ("margaret", "peggy maggie"), ("katherine", "kate kathy"), ("jennifer", "jen jenny"),
        ("rebecca", "becky"), ("deborah", "debbie"), ("susan", "sue"), ("patricia", "patty"),
        ("mitchell", "mitch"), ("frederick", "fred"), ("alexander", "alex"), ("andrew", "andy"),
        ("jonathan", "jon"), ("matthew", "matt"), ("peter", "pete"), ("raymond", "ray"),
        ("theodore", "teddy"), ("gregory", "greg"), ("jeffrey", "jeff"), ("joshua", "josh"),
    )
    for short in shorts.split()
}

# Occupations written before a name, capitalised when they open a sentence or a
# headline ("Actress Tara Reid", "Guitarist Jimmy Page"): never part of the name when
# a first name follows ("Rapper Lil Wayne" stays whole: "Lil" is no first name).  A
# title of office is a ``ROLE_WORDS`` word instead (it is compared between outlets).
OCCUPATIONS = frozenset(
    """
    actor actress singer rapper comedian comedienne comic model supermodel author writer novelist
    poet playwright filmmaker producer musician guitarist drummer bassist pianist songwriter
    singer-songwriter superstar anchor newscaster reporter journalist photographer designer chef
    athlete quarterback pitcher striker goalkeeper golfer boxer wrestler swimmer skier snowboarder
    skater cyclist sprinter jockey activist lawyer doctor nurse surgeon scientist researcher
    economist analyst businessman businesswoman entrepreneur billionaire millionaire tycoon mogul
    magnate investor philanthropist heiress socialite pastor preacher televangelist evangelist
    priest pilot soldier teacher student climber mountaineer explorer astronaut dancer ballerina
    magician celebrity blogger cartoonist artist painter sculptor architect composer rocker
    crooner frontman frontwoman host co-host presenter commentator forecaster meteorologist
    moviemaker manager coroner undersheriff constable trooper investigator airman kicker fullback
    linebacker sharpshooter contributor partner consultant strategist pollster selectman
    """.split()
)

# --- Names that are no persons ------------------------------------------------
# Read by ``people.looks_like_person`` and ``entities.rule_evidence``: a capitalised
# name whose shape alone says "person" is none when its last word is one of these.

# Streets, roads and facilities: a name ending in one is a place ("Crenshaw Boulevard",
# "Dolby Theatre", "Tasman Glacier"), as one ending in a ``PLACE_CUES`` word is.
FACILITY_WORDS = frozenset(
    """
    boulevard blvd ave highway hwy freeway expressway parkway pkwy turnpike causeway plaza mall
    stadium arena coliseum colosseum ballpark speedway raceway theater theatre courthouse
    station terminal hotel motel resort casino jail prison penitentiary glacier inlet creek canyon
    gorge trail tunnel dam pier wharf cemetery memorial monument capitol cathedral mosque synagogue
    chapel basilica shrine zoo aquarium warehouse building apartments condominiums towers room
    garden gardens grounds store shop supermarket restaurant cafe pub tavern airfield airbase hut
    cabin ranch manor palace
    """.split()
)

# Place and facility words that are common surnames too: after a first name the name is a
# person's ("Bill Park", "Kim Wall", "John Tower"), otherwise a place ("Garfield Park", "Trump
# Tower").  Town and park names are often made of first names ("Lincoln Park", "Beverly Hills"),
# so after a ``PLACE_CUES`` word only a first name of the short lists above counts.
SURNAME_PLACE_WORDS = frozenset(
    "park lake bay hills hall wall tower lane field hill ridge plant camp lodge".split()
)

# Events: a name ending in one is no entity of a brief, as one ending in a
# ``NOT_ENTITY_CUES`` word is ("Super Bowl", "Vietnam War", "Midyear Exam").
EVENT_WORDS = frozenset(
    """
    bowl game exam census marathon tournament playoffs finals regatta expo gala parade pageant
    telethon olympiad invitational war wars depression recession revolution dinner luncheon banquet
    ceremony concert
    """.split()
)
# First words of an event's name: "Hurricane Katrina", "Typhoon Haiyan".
EVENT_OPENERS = frozenset("hurricane typhoon cyclone".split())
# First words of a name that is a plan or a campaign's, never a person's: "Operation Safe Streets".
NOT_PERSON_OPENERS = frozenset("operation project".split())

# Plural common nouns: a name ending in one is a group, a product or a title, never a person
# ("Keurig K-cups", "Happy Feet", "Alpine Guides").  None of them is a common surname
# (unlike "Woods", "Sessions", "Gates", "Jobs", "Banks", "Brooks", "Fields").
PLURAL_NOUNS = frozenset(
    """
    feet hands eyes cups k-cups shoes shirts t-shirts cars trucks pics photos pictures movies films
    records products stores goods foods toys books stories tales diaries files papers points facts
    figures highlights sites updates tracks controls applications solutions properties industries
    investments partners associates advisers advisors strategies distributors productions networks
    markets sales dollars millions billions accidents disasters resources rights studies arrivals
    sports girls boys guys men women kids children wives housewives husbands fathers mothers dads
    moms friends fans voters citizens workers riders fighters survivors partiers sponsors employers
    students teachers parents families prophets gentiles heroes allies rebels militants soldiers
    troops scouts marines darwinists guides horizons helmets symptoms standards bulletins sciences
    relations approaches opportunities challenges businesses individuals objects origins ages cities
    streets waterways estates trails globes emmys oscars grammys
    """.split()
)
# The plural nouns of ``PLURAL_NOUNS`` that end a business's name: "Tyson Foods", "Paramount
# Pictures", "Koch Industries", "Langer Research Associates" are organisations.
BUSINESS_PLURALS = frozenset(
    """
    foods pictures films records productions industries investments partners associates advisers
    advisors strategies distributors networks properties solutions products stores
    """.split()
)
# Sports teams' names, plural nouns too: after a place the name is a team, an organisation
# ("Baltimore Orioles", "Los Angeles Angels"); after anything else still no person ("Purple Aces").
TEAM_NAMES = frozenset(
    """
    angels orioles nationals braves phillies padres rangers bears lions tigers eagles giants jets
    colts chargers dolphins ravens steelers seahawks cowboys broncos panthers falcons jaguars
    texans raptors pistons celtics bucks suns wizards mavericks cavaliers bobcats pirates rockies
    brewers twins yankees mets cubs dodgers royals mariners astros marlins rays packers saints
    vikings patriots raiders titans bengals lakers knicks nets bulls spurs rockets warriors
    clippers pelicans grizzlies hornets timberwolves nuggets blazers sixers 76ers 49ers bruins
    canucks flyers penguins islanders devils capitals blackhawks oilers sabres chiefs demons aces
    knights
    """.split()
)
