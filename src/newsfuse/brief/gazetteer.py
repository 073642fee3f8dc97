"""A small gazetteer: countries, US states, world cities and regions.

It lets the rule-based entity typer recognise places without a model, and it
tells the place-dispute check whether two places are of one kind (two cities
can contradict each other, a city and its country cannot).  Names are folded
(lower case, no accents).  The lists are the sovereign states, the US states
and the capitals and large or newsworthy cities; extend them freely.
"""

from __future__ import annotations

from newsfuse.text import fold

__all__ = ["place_level", "is_place"]

_CONTINENTS = """
africa|asia|europe|north america|south america|latin america|antarctica|oceania|australasia
|middle east|the middle east|balkans|baltics|caribbean|scandinavia|central asia|east asia
|southeast asia|south asia|west africa|east africa|north africa|sub-saharan africa|eurasia
|western europe|eastern europe|central europe|arctic|pacific|atlantic|mediterranean
"""

_COUNTRIES = """
afghanistan|albania|algeria|andorra|angola|antigua and barbuda|argentina|armenia|australia
|austria|azerbaijan|bahamas|bahrain|bangladesh|barbados|belarus|belgium|belize|benin|bhutan
|bolivia|bosnia|bosnia and herzegovina|botswana|brazil|brunei|bulgaria|burkina faso|burundi
|cambodia|cameroon|canada|cape verde|central african republic|chad|chile|china|colombia
|comoros|congo|democratic republic of the congo|costa rica|ivory coast|croatia|cuba|cyprus
|czech republic|czechia|denmark|djibouti|dominica|dominican republic|east timor|ecuador|egypt
|el salvador|equatorial guinea|eritrea|estonia|eswatini|ethiopia|fiji|finland|france|gabon
|gambia|georgia|germany|ghana|greece|grenada|guatemala|guinea|guinea-bissau|guyana|haiti
|honduras|hungary|iceland|india|indonesia|iran|iraq|ireland|israel|italy|jamaica|japan|jordan
|kazakhstan|kenya|kiribati|kosovo|kuwait|kyrgyzstan|laos|latvia|lebanon|lesotho|liberia|libya
|liechtenstein|lithuania|luxembourg|madagascar|malawi|malaysia|maldives|mali|malta
|marshall islands|mauritania|mauritius|mexico|micronesia|moldova|monaco|mongolia|montenegro
|morocco|mozambique|myanmar|burma|namibia|nauru|nepal|netherlands|holland|new zealand
|nicaragua|niger|nigeria|north korea|north macedonia|macedonia|norway|oman|pakistan|palau
|palestine|panama|papua new guinea|paraguay|peru|philippines|poland|portugal|qatar|romania
|russia|rwanda|saint lucia|samoa|san marino|saudi arabia|senegal|serbia|seychelles
|sierra leone|singapore|slovakia|slovenia|solomon islands|somalia|south africa|south korea
|korea|south sudan|spain|sri lanka|sudan|suriname|sweden|switzerland|syria|taiwan|tajikistan
|tanzania|thailand|togo|tonga|trinidad and tobago|tunisia|turkey|turkiye|turkmenistan|tuvalu
|uganda|ukraine|united arab emirates|uae|united kingdom|uk|u.k.|britain|great britain|england
|scotland|wales|northern ireland|united states|united states of america|us|u.s.|usa|u.s.a.
|america|uruguay|uzbekistan|vanuatu|vatican|vatican city|venezuela|vietnam|yemen|zambia
|zimbabwe|greenland|puerto rico|hong kong|macau|soviet union|ussr|yugoslavia
"""

# Parts of a city: compared with nothing, since "Hollywood" and "Los Angeles"
# are both right.
_DISTRICTS = """
hollywood|manhattan|brooklyn|queens|the bronx|bronx|staten island|harlem|kowloon|westminster
|whitehall|downing street|capitol hill|wall street|beverly hills|soho|chelsea|mayfair|montmartre
|shibuya|shinjuku|gangnam|midtown|downtown|uptown|kreuzberg|georgetown
"""

_US_STATES = """
alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|hawaii|idaho
|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan
|minnesota|mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico
|new york state|north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island
|south carolina|south dakota|tennessee|texas|utah|vermont|virginia|washington state
|west virginia|wisconsin|wyoming|ontario|quebec|british columbia|alberta|manitoba
|saskatchewan|nova scotia|new south wales|n.y.|n.j.|d.c.|r.i.|n.c.|s.c.|n.h.|n.m.|n.d.|s.d.|w.va.
|calif|fla|ariz|colo|conn|tenn|okla|minn|wis|mich|neb|nev|kan|mont|vt|wyo
|dc|nyc|queensland|victoria|tasmania|bavaria|catalonia
|punjab|kerala|tamil nadu|maharashtra|gujarat|kashmir|tibet|xinjiang|guangdong|sichuan
"""

_REGIONS = """
crimea|donbas|donbass|donetsk|luhansk|lugansk|kherson|zaporizhzhia|zaporizhzhia oblast
|kursk|belgorod|gaza|gaza strip|west bank|golan heights|sinai|kurdistan|darfur|siberia
|chechnya|dagestan|abkhazia|south ossetia|transnistria|nagorno-karabakh|idlib|aleppo province
|balochistan|borneo|sumatra|java|bali|mindanao|patagonia|amazon|sahel|sahara|silicon valley
|wall street|capitol hill|midwest|new england|appalachia|the west|the south|the north
|northern ireland|flanders|wallonia|lombardy|tuscany|sicily|sardinia|corsica|andalusia
|basque country|galicia|normandy|brittany|provence|alsace|scottish highlands|yorkshire
|kent|essex|cornwall|hokkaido|okinawa|kyushu|manchuria|inner mongolia|hainan|taiwan strait
|south china sea|black sea|red sea|baltic sea|north sea|persian gulf|gulf of mexico
|strait of hormuz|english channel|suez canal|panama canal
"""

_CITIES = """
kabul|tirana|algiers|luanda|buenos aires|yerevan|canberra|sydney|melbourne|brisbane|perth
|vienna|baku|nassau|manama|dhaka|minsk|brussels|antwerp|belmopan|porto-novo|thimphu|la paz
|sarajevo|gaborone|brasilia|rio de janeiro|sao paulo|sofia|ouagadougou|phnom penh|yaounde
|ottawa|toronto|montreal|vancouver|calgary|santiago|beijing|shanghai|hong kong|shenzhen
|guangzhou|wuhan|chengdu|bogota|medellin|kinshasa|brazzaville|san jose|abidjan|zagreb|havana
|nicosia|prague|copenhagen|santo domingo|quito|cairo|alexandria|san salvador|asmara|tallinn
|addis ababa|suva|helsinki|paris|marseille|lyon|bordeaux|strasbourg|libreville|tbilisi
|berlin|munich|hamburg|frankfurt|cologne|bonn|accra|athens|guatemala city|conakry
|port-au-prince|tegucigalpa|budapest|reykjavik|new delhi|delhi|mumbai|bombay|kolkata
|calcutta|chennai|bangalore|bengaluru|hyderabad|jakarta|tehran|baghdad|basra|mosul|erbil
|dublin|belfast|jerusalem|tel aviv|haifa|rome|milan|naples|turin|venice|florence|kingston
|tokyo|osaka|kyoto|hiroshima|nagasaki|amman|astana|almaty|nairobi|mombasa|pristina
|kuwait city|bishkek|vientiane|riga|beirut|maseru|monrovia|tripoli|benghazi|vilnius
|antananarivo|lilongwe|kuala lumpur|male|bamako|valletta|nouakchott|port louis|mexico city
|guadalajara|tijuana|monterrey|chisinau|ulaanbaatar|podgorica|rabat|casablanca|maputo
|naypyidaw|yangon|rangoon|windhoek|kathmandu|amsterdam|rotterdam|the hague|wellington
|auckland|managua|niamey|abuja|lagos|pyongyang|skopje|oslo|muscat|islamabad|karachi|lahore
|peshawar|panama city|port moresby|asuncion|lima|manila|warsaw|krakow|lisbon|porto|doha
|bucharest|moscow|st. petersburg|saint petersburg|st petersburg|kigali|riyadh|jeddah|mecca
|medina|dakar|belgrade|freetown|bratislava|ljubljana|mogadishu|pretoria|johannesburg
|cape town|durban|seoul|busan|juba|madrid|barcelona|valencia|seville|colombo|khartoum
|paramaribo|stockholm|gothenburg|geneva|zurich|bern|basel|lausanne|davos|damascus|aleppo
|homs|taipei|dushanbe|dodoma|dar es salaam|bangkok|lome|tunis|ankara|istanbul|izmir
|ashgabat|kampala|kyiv|kiev|kharkiv|kharkov|odesa|odessa|lviv|dnipro|mariupol|bakhmut
|zaporizhzhia|sumy|chernihiv|mykolaiv|kramatorsk|avdiivka|bucha|irpin|sevastopol|abu dhabi
|dubai|london|manchester|birmingham|liverpool|leeds|glasgow|edinburgh|cardiff|oxford
|cambridge|bristol|washington|washington, d.c.|new york|new york city|los angeles|chicago
|houston|phoenix|philadelphia|san antonio|san diego|dallas|austin|san francisco|seattle
|denver|boston|detroit|nashville|memphis|portland|las vegas|baltimore|milwaukee
|albuquerque|tucson|fresno|sacramento|kansas city|atlanta|miami|orlando|tampa|raleigh
|charlotte|minneapolis|st. louis|new orleans|cleveland|cincinnati|pittsburgh|columbus
|indianapolis|salt lake city|honolulu|anchorage|richmond|charleston|savannah|buffalo
|albany|newark|jersey city|oakland|palo alto|cupertino|mountain view|menlo park|redmond

|montevideo|tashkent|samarkand|caracas|hanoi|ho chi minh city|saigon|sanaa|aden|lusaka
|harare|gaza city|rafah|khan younis|ramallah|hebron|nablus|jenin|bethlehem|sderot|ashkelon
|eilat|minsk|grozny|novosibirsk|yekaterinburg|kazan|vladivostok|murmansk|kaliningrad
|belgorod|rostov|rostov-on-don|volgograd|sochi|donetsk|luhansk|melitopol|kherson|mosul
|raqqa|fallujah|ramadi|tikrit|kirkuk|sulaymaniyah|kandahar|herat|mazar-i-sharif|quetta
|rawalpindi|srinagar|chittagong|mandalay|phuket|chiang mai|cebu|davao|surabaya|bandung
|macau|incheon|pyeongchang|nagoya|yokohama|sapporo|fukushima|kobe|xian|nanjing|tianjin
|chongqing|hangzhou|lhasa|urumqi|harbin|dalian|qingdao|wuhan|kowloon|ulan bator
|marrakesh|fez|tangier|oran|sfax|benghazi|misrata|port sudan|mombasa|kisumu|goma|lubumbashi
|harare|bulawayo|soweto|port elizabeth|gqeberha|kano|ibadan|port harcourt|timbuktu|gao
|lagos|accra|kumasi|abuja|dakar|bamako|niamey|n'djamena|bangui|juba|kampala|entebbe|kigali
|bujumbura|addis|mekelle|asmara|djibouti city|hargeisa|mogadishu|kismayo|sanaa|hodeidah
|taiz|muscat|salalah|manama|doha|abu dhabi|sharjah|kuwait|basra|najaf|karbala|isfahan|shiraz
|mashhad|tabriz|qom|bandar abbas|herat|jalalabad|kunduz|dushanbe|bishkek|osh|almaty
|nur-sultan|tashkent|bukhara|ashgabat|baku|tbilisi|batumi|yerevan|stepanakert|chisinau
|tiraspol|odessa|simferopol|kerch|salisbury|dover|calais|lille|toulouse|nantes|rennes
|montpellier|cannes|genoa|bologna|palermo|bari|trieste|verona|pisa|siena|salzburg
|innsbruck|graz|linz|dresden|leipzig|stuttgart|dusseldorf|dortmund|essen|hanover|bremen
|nuremberg|heidelberg|freiburg|potsdam|rostock|kiel|gdansk|wroclaw|poznan|lodz|lublin
|brno|ostrava|kosice|debrecen|cluj|cluj-napoca|timisoara|iasi|constanta|varna|plovdiv
|thessaloniki|patras|heraklion|izmir|antalya|bursa|adana|gaziantep|diyarbakir|trabzon
|dubrovnik|rijeka|novi sad|nis|banja luka|mostar|tuzla|skopje|ohrid|bergen|trondheim
|malmo|uppsala|tampere|turku|aarhus|odense|tartu|kaunas|klaipeda|daugavpils|cork|galway
|limerick|derry|aberdeen|dundee|inverness|swansea|newcastle|sheffield|nottingham|leicester
|coventry|southampton|plymouth|brighton|cambridge|york|canterbury|windsor|westminster
|whitehall|downing street|quebec city|winnipeg|edmonton|halifax|victoria|regina|saskatoon
|adelaide|darwin|hobart|gold coast|christchurch|queenstown|havana|san juan|kingston
|port of spain|bridgetown|santo domingo|guatemala city|san pedro sula|managua|panama city
|cartagena|cali|barranquilla|maracaibo|valencia|guayaquil|cusco|arequipa|la paz|santa cruz
|cordoba|rosario|mendoza|valparaiso|montevideo|porto alegre|salvador|recife|fortaleza
|belo horizonte|curitiba|manaus|belem|brasilia|monterrey|cancun|acapulco|juarez|ciudad juarez
|culiacan|puebla|oaxaca|veracruz|merida|chihuahua|el paso|laredo|mcallen|brownsville
|fort worth|oklahoma city|tulsa|omaha|des moines|little rock|birmingham|montgomery|jackson
|baton rouge|jacksonville|tallahassee|fort lauderdale|palm beach|west palm beach
|key west|charlottesville|norfolk|annapolis|wilmington|trenton|hartford|providence
|burlington|concord|augusta|springfield|madison|green bay|lansing|grand rapids|flint
|toledo|akron|dayton|louisville|lexington|knoxville|chattanooga|columbia|greenville
|durham|asheville|birmingham|boise|spokane|tacoma|eugene|salem|reno|carson city|santa fe
|cheyenne|billings|bismarck|fargo|sioux falls|lincoln|wichita|topeka|st. paul|saint paul
|duluth|juneau|fairbanks|hilo|san bernardino|riverside|long beach|anaheim|santa ana
|irvine|pasadena|santa monica|malibu|berkeley|san jose|santa clara|stockton|modesto
|bakersfield|santa barbara|ferguson|parkland|uvalde|newtown|sandy hook|aurora|boulder
|colorado springs|flagstaff|scottsdale|mesa|tempe|chandler|ann arbor|evanston|aspen
|mar-a-lago|camp david|guantanamo|guantanamo bay|lampedusa|chernobyl|pripyat|fukushima
|mecca|vatican city|bethlehem|nazareth|tiberias|beersheba|nuseirat|jabalia|deir al-balah
"""


def _parse(block: str) -> frozenset[str]:
    return frozenset(fold(x.strip()) for x in block.replace("\n", "").split("|") if x.strip())


_LEVELS: dict[str, str] = {}
for _level, _block in (
    ("city", _CITIES),
    ("district", _DISTRICTS),
    ("region", _REGIONS),
    ("state", _US_STATES),
    ("country", _COUNTRIES),
    ("continent", _CONTINENTS),
):
    # Later levels win: "Georgia" is a country and a state, "Kuwait" a
    # country and a city; the larger unit is the safer reading.
    for _name in _parse(_block):
        _LEVELS[_name] = _level

# Places a few outlets spell differently: folded spelling -> one key.
_ALIASES = {
    "kiev": "kyiv", "odesa": "odessa", "kharkov": "kharkiv", "lugansk": "luhansk",
    "donbass": "donbas", "bombay": "mumbai", "calcutta": "kolkata", "rangoon": "yangon",
    "burma": "myanmar", "holland": "netherlands", "czechia": "czech republic",
    "turkiye": "turkey", "uk": "united kingdom", "u.k.": "united kingdom",
    "britain": "united kingdom", "great britain": "united kingdom", "us": "united states",
    "u.s.": "united states", "usa": "united states", "u.s.a.": "united states",
    "america": "united states", "united states of america": "united states",
    "saigon": "ho chi minh city", "ulan bator": "ulaanbaatar", "st petersburg": "st. petersburg",
    "saint petersburg": "st. petersburg", "bengaluru": "bangalore", "gqeberha": "port elizabeth",
    "washington, d.c.": "washington", "new york city": "new york", "the middle east": "middle east",
    "gaza strip": "gaza", "nur-sultan": "astana", "zaporizhzhia oblast": "zaporizhzhia",
    "d.c.": "washington", "dc": "washington", "nyc": "new york", "n.y.": "new york state",
    # US states as news agencies abbreviate them after a city ("Fort Calhoun, Neb.").
    **{
        short + dot: state
        for short, state in (
            ("calif", "california"), ("fla", "florida"), ("ariz", "arizona"), ("colo", "colorado"),
            ("conn", "connecticut"), ("tenn", "tennessee"), ("okla", "oklahoma"), ("minn", "minnesota"),
            ("wis", "wisconsin"), ("mich", "michigan"), ("neb", "nebraska"), ("nev", "nevada"),
            ("kan", "kansas"), ("mont", "montana"), ("vt", "vermont"), ("wyo", "wyoming"),
        )
        for dot in ("", ".")
    },
}


def place_key(name: str) -> str:
    """Return the key of a place name: folded, with known spelling variants made one.

    Example:
        >>> place_key("Kiev") == place_key("Kyiv")
        True
    """
    folded = fold(name.strip())
    if folded.startswith("the ") and folded not in _LEVELS:
        folded = folded[4:]
    return _ALIASES.get(folded, folded)


def place_level(name: str) -> str:
    """Return ``district``, ``city``, ``region``, ``state``, ``country`` or ``continent``; "" when unknown.

    Example:
        >>> place_level("Odesa"), place_level("Ukraine"), place_level("Putin")
        ('city', 'country', '')
    """
    folded = fold(name.strip())
    if folded in _LEVELS:
        return _LEVELS[folded]
    key = place_key(name)
    return _LEVELS.get(key, "")


def is_place(name: str) -> bool:
    """Return whether ``name`` is a place the gazetteer knows."""
    return bool(place_level(name))
