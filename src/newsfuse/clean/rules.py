"""Rules that judge one paragraph on its own: page furniture, bylines, labels.

``paragraph_reason`` returns why a paragraph is not story text, or None.
Every rule needs a paragraph to be *short* and *made of* furniture (a share
button row, "Advertisement", a photo credit, a by-line, a bare date, a
label with no value, a "Read more: ..." link); a long paragraph that merely
mentions such words is story text and stays.

Reasons (the cleaner's vocabulary): ``navigation`` (menus, "Read more",
"Click here", advertisements, cookie and JavaScript notices, video-player
text, photo credits, galleries and labelled captions (``newsfuse.clean.media``),
separators), ``share`` (share/follow buttons), ``byline`` (by-lines and
credit paragraphs: "X contributed to this report"), ``dateline-only``, ``empty-metadata``, ``related-links`` (one
"Related: <headline>" line), ``call-to-action`` (subscribe/sign-up lines).
"""

from __future__ import annotations

import re

from newsfuse.clean.junk import is_widget_text, may_be_ui
from newsfuse.clean.media import is_credited_caption, is_gallery, is_labelled_caption, is_player_text
from newsfuse.clean.shape import size as count_words
from newsfuse.ingest.dates import DATE_LINE_WORDS, find_date
from newsfuse.text import split_sentences, words

__all__ = [
    "glued_label_end",
    "is_credit_paragraph",
    "is_dateline",
    "is_empty_label",
    "is_ui_text",
    "name_cards",
    "paragraph_reason",
]

# Lines longer than this are never furniture, whatever words they hold.
# (Furniture lines in Multi-News and the extraction benchmarks are 1-20
# words; a "Sign up for our newsletter" pitch with its blurb reaches ~40.)
MAX_FURNITURE_WORDS = 40
MAX_SHORT_WORDS = 12

# Labels that introduce metadata ("Date:", "Tags:").  A label with nothing
# after it is empty metadata.
_METADATA_LABELS = frozenset(
    """date time published updated posted modified source sources author authors by byline
    writer reporter editor editors tags tag keywords category categories topics topic section
    filed filed under location dateline photo photos image images credit credits caption
    share comments comment related contact email phone url link summary""".split()
)
_EMPTY_LABEL = re.compile(r"^(?P<label>[A-Za-z][A-Za-z ]{0,24}?)\s*:\s*$")

_SOCIAL = frozenset(
    """share shares sharing shared tweet tweets retweet email e-mail mail print pin pinterest
    facebook twitter x linkedin whatsapp reddit tumblr flipboard messenger telegram instagram
    youtube copy link url save comment comments google plus google+ sms on this
    article story via us follow like subscribe""".split()
)
_FOLLOW = re.compile(
    r"^(?:follow|like|join)\s+(?:[A-Z@][\w@.'-]*\s*){0,4}(?:on|at|via)\s+"
    r"(?:twitter|facebook|instagram|x|linkedin|tiktok|threads|bluesky|google\+?)\b",
    re.IGNORECASE,
)

_NAVIGATION = re.compile(
    r"""^\W*(?:
        advertisements?(?:\s+continue\s+reading(?:\s+the\s+main\s+story)?)?
      | (?:sponsored|paid)\s+content | sponsored | promoted | ad | ads
      | report\s+this\s+ad | story\s+continue[sd]?\s+below | continue\s+reading(?:\s+(?:below|the\s+main\s+story))?
      | read\s+(?:more|the\s+full\s+(?:story|article))(?:\s+(?:here|below|»|>+))?
      | (?:skip|jump)\s+to\s+(?:main\s+)?(?:content|navigation|comments)
      | back\s+to\s+top | scroll\s+(?:down|to\s+continue) | text\s+size\s*[-+]?
      | (?:main\s+)?menu | search | close | open | home | next | previous | prev | more
      | (?:next|previous|prev)\s+(?:article|story|page|post|slide)
      | (?:view|see)\s+(?:all\s+)?(?:comments|gallery|photos|slideshow|more)
      | (?:enlarge|expand|hide)\s+(?:this\s+)?(?:image|photo|caption)
      | (?:show|hide)\s+caption | toggle\s+caption | image\s+\d+\s+of\s+\d+ | \d+\s+of\s+\d+
      | (?:watch|play)(?:\s+(?:video|now|facebook|twitter|gallery))? | video | photos? | gallery
      | from\s+wikipedia,\s+the\s+free\s+encyclopedia | loading\.*
      | (?:comments?|replies)\s*\(?\d*\)?
      | story\s+highlights | key\s+points
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
_CLICK_HERE = re.compile(r"\bclick\s+(?:here|below|the\s+link)\b", re.IGNORECASE)
_COOKIES = re.compile(
    r"\b(?:we\s+use\s+cookies|use\s+of\s+cookies|accept\s+(?:all\s+)?cookies|cookie\s+(?:policy|settings|notice)|"
    r"by\s+continuing\s+to\s+(?:use|browse)|you\s+agree\s+to\s+(?:our|the)\s+(?:use|terms|privacy))",
    re.IGNORECASE,
)
# Photo credits: "Photo: Jane Doe/AP", "(Photo by Jane Doe/Getty Images)",
# "Jane Doe/Reuters", "Sarah Tew/CNET", "iStock", "Getty Images".
_CREDIT_LABEL = re.compile(
    r"^\W*(?:photo(?:graph)?|image|picture|pictured|pic|illustration|credit|source|"
    r"graphic|caption)\s*(?:by|credit|copyright|:)\s*\S",
    re.IGNORECASE,
)
_CREDIT_AGENCY = re.compile(
    r"\b(?:getty\s+images|ap\s+photo|afp(?:/getty)?|reuters|epa|shutterstock|istock(?:photo)?|"
    r"associated\s+press|alamy|newscom|pa\s+(?:images|wire)|bloomberg|corbis|rex\s+features|"
    r"abaca\s+press|zuma\s+press|wireimage|filmmagic)\b",
    re.IGNORECASE,
)
_SLASH_CREDIT = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}\s*/\s*[A-Z][\w&.' -]*(?:/[\w&.' -]+)*$")

_BYLINE = re.compile(
    r"^\W*(?:by|written\s+by|posted\s+by|words\s+by|story\s+by|reporting\s+by|report\s+by)\s+"
    r"[A-Z][\w.'’-]*",
    re.IGNORECASE,
)
_CREDIT_LINE = re.compile(
    r"^\W*(?:\(?\s*(?:additional\s+)?reporting\s+by\b.*|editing\s+by\b.*|"
    r"(?:[A-Z][\w.'’-]*\s*){1,6}contributed\s+(?:reporting\s+)?(?:to\s+)?(?:this\s+)?(?:report|story|article)\b.*)$",
    re.IGNORECASE,
)
# A credit paragraph names who else reported the story, where from and how to
# reach them: "Lucey reported from Washington. Associated Press writer Jill
# Colvin in Washington contributed to this report."; "AP writers David Pitt in
# Des Moines, Iowa; Margery Beck in Omaha, Neb.; ... contributed to this report.";
# "Contact Jane Doe: 313-222-8851 or jdoe@example.com. ... contributed to this report."
# Lists of names run long: MAX_CREDIT_WORDS (the longest in the dev texts has 75).
MAX_CREDIT_WORDS = 100
_CONTRIBUTED = re.compile(
    r"^\W*(?P<who>\S.*?)\s+contributed(?P<reporting>\s+reporting)?"
    r"(?P<report>\s+(?:to|for)\s+this\s+(?:report|story|article|post|piece|dispatch))?"
    r"(?:\s+from\s+[^.!?;]{1,60}?)?(?:\s+and\s+can\s+be\s+reached\s+at\s+\S+?)?\W*$",
    re.IGNORECASE,
)
# Words a list of contributors holds besides their names, places and outlets.
_CREDIT_WORDS = frozenset(
    """and in at of the for from with on by also writer writers reporter reporters staff correspondent
    correspondents journalist journalists photographer photographers editor editors researcher researchers
    intern interns contributor contributors producer producers bureau chief news""".split()
)
# Beat words before a role ("AP technology writer") are the other lower-case words a credit holds.
MAX_CREDIT_OTHER_WORDS = 2
_REPORTED_FROM = re.compile(
    r"^[A-Z][\w.'’-]*(?:\s+(?:and\s+)?[A-Z][\w.'’-]*){0,4}\s+reported\s+from\s+[A-Z][^.!?]{0,60}\.?$"
)
_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.\w|\b\d{3}[-.]\d{3}[-.]\d{4}\b|(?<![\w@])@\w{2,}|\bcan\s+be\s+reached\b",
    re.IGNORECASE,
)
MAX_CONTACT_WORDS = 30
_CONTRIBUTING_LABEL = re.compile(r"^\W*contributing\s*:\s*\S", re.IGNORECASE)
_AUTHOR_LABEL = re.compile(r"^(?:author|authors|byline|writer|reporter|source)\s*:\s*\S", re.IGNORECASE)

_RELATED_LINE = re.compile(
    r"^\W*(?:related(?:\s+(?:coverage|stories|story|articles?|content|news|reading|links?))?|also|"
    r"(?:also|more)\s+(?:on|from|at)\s+[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,2}|"
    r"also\s+read|read\s+(?:more|also|next)|see\s+also|more|more\s+on\s+this|more\s+coverage|"
    r"watch|listen|photos?|video|further\s+reading|don't\s+miss|recommended|"
    # a science site's footer: "More information: <the paper>", "Explore further: <another story>"
    r"(?:more|further)\s+information|explore\s+further|journal\s+reference|story\s+source)\s*[:|»>–—-]\s*\S",
    re.IGNORECASE,
)
# Another story's headline with its link button after it: "Stanford sexual
# assault case: victim impact statement in full Read more" (a button in
# capitals, not "...kids who read more."); on the dev sets every such line of
# at most 30 words is a link.
_READ_MORE_TAIL = re.compile(r"\S\s+Read\s+[Mm]ore\W{0,3}$")
# "[Spirit clinches home-field advantage in playoffs]": a bracketed headline
# of five words or more links another story; shorter brackets are citations.
_BRACKETED = re.compile(r"^\[\s*[A-Z\"“‘'][^\[\]]*?(?:\s+[^\s\[\]]+){4,}\s*\]$")

_CALL_TO_ACTION = re.compile(
    r"""^\W*(?:
        (?:sign\s+up|subscribe|register)\b.{0,200}\b(?:newsletters?|inbox|e-?mails?|updates|alerts|
            digest|briefing|free|account|here|today|now)\b
      | (?:sign\s+up|subscribe)(?:\s+(?:now|today|here))?\W*$
      | (?:donate|support\s+(?:us|our|independent|quality|local)|chip\s+in|help\s+us\s+(?:keep|stay|continue)|
         become\s+a\s+(?:member|subscriber|supporter|patron))\b
      | join\s+(?:us|our|the\s+conversation)\b
      | (?:get|download)\s+(?:the|our)\s+(?:[\w-]+\s+){0,3}(?:app|newsletters?|alerts|updates|briefing|digest)\b
      | stay\s+(?:with\s+\w+(?:\s+\w+){0,3}\s+for|tuned|informed|connected|up\s+to\s+date)\b
      | thank\s+you\s+for\s+(?:registering|subscribing|signing\s+up|reading|your\s+support)
      | (?:have|got)\s+a\s+(?:news\s+)?tip\b
    )""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)

# A broadcaster's note on its transcript, not the story: "This is a rush transcript.", "NPR
# transcripts are created on a rush deadline…", "This copy may not be in its final form…",
# "Accuracy and availability may vary.", "The authoritative record of NPR's programming is the
# audio record.", "This transcript was automatically generated and may not be 100% accurate."
# News that cites a transcript ("according to a rush transcript of the call") is none of these.
_TRANSCRIPT_NOTE = re.compile(
    r"""(?:^|[.!?]\s+)\W*(?:this|these|the\s+following)\s+(?:is|are)\s+(?:an?\s+)?(?:rush|unedited|uncorrected)
        \s+transcripts?\b
      | \btranscripts?\s+(?:is|are)\s+(?:created|produced|prepared|written)\s+on\s+a\s+rush\s+deadline\b
      | \b(?:copy|text|transcript)\s+may\s+not\s+be\s+in\s+(?:its|their)\s+final\s+form\b
      | \baccuracy\s+and\s+availability\s+may\s+vary\b
      | \bauthoritative\s+record\s+of\s+.{1,60}?\s+is\s+the\s+(?:audio|video|broadcast)\b
      | \btranscript\s+(?:was|has\s+been|is)\s+(?:automatically|machine|computer)[\s-]generated\b
      | \bmay\s+not\s+be\s+(?:100\s*%|fully|entirely)\s+accurate\b
      | \btranscript\s+(?:was|has\s+been)\s+edited\s+for\s+(?:length|clarity|brevity)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A transcript note runs to a paragraph of several sentences (NPR's has four, 52 words).
MAX_TRANSCRIPT_NOTE_WORDS = 100
_TRANSCRIPT_NOTE_HINTS = ("transcript", "final form", "availability may vary", "accurate")


def is_transcript_note(paragraph: str) -> bool:
    """Return whether a paragraph is a broadcaster's note on its transcript: half its sentences or more say so.

    Example:
        >>> is_transcript_note("THIS IS A RUSH TRANSCRIPT. THIS COPY MAY NOT BE IN ITS FINAL FORM AND MAY BE UPDATED.")
        True
        >>> is_transcript_note("According to a rush transcript of the call, the president said he would not resign.")
        False
    """
    lowered = paragraph.lower()
    if not any(hint in lowered for hint in _TRANSCRIPT_NOTE_HINTS) or count_words(paragraph) > MAX_TRANSCRIPT_NOTE_WORDS:
        return False
    spans = split_sentences(paragraph)
    notes = sum(1 for a, b in spans if _TRANSCRIPT_NOTE.search(paragraph[a:b]))
    return notes > 0 and 2 * notes >= len(spans)


# "WASHINGTON —", "LONDON (Reuters) -": a place in capitals, then an agency or a dash.
_DATELINE_ONLY = re.compile(
    r"^[A-Z][A-Z.'-]+(?:\s[A-Z][A-Z.'-]+){0,2}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*"
    r"(?:\([A-Za-z. ]{2,30}\)\s*[-–—―:]*|[-–—―]+)$"
)


# A date line has at most this many words: "Posted: Nov 27, 2005 8: 20 AM ET Last
# Updated: Nov 27, 2005 8: 10 PM ET" has 17 (a clock written "8: 20" counts two).
MAX_DATELINE_WORDS = 20
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DATE_LABEL = re.compile(r"(?i)\b(?:published|updated|posted|modified|created|date)\b")
_CLOCK = re.compile(r"\b\d{1,2}\s*[:.]\s*\d\d\s*(?:[ap]\.?\s?m\.?)?", re.IGNORECASE)
_DATE_PARTS = re.compile(r"(?i)\b(?:19|20)\d\d\b|\b\d{1,4}(?:st|nd|rd|th)?\b|[^\w\s]")
_SHARE_TOKEN = re.compile(r"[\w+@.'-]+")
_FINAL_STOP = re.compile(r"[.!?]\s*$")
_PHOTO_LABEL = re.compile(r"(?i)\b(?:photograph|photo|image|picture)\s*:\s*\S")
_BY = re.compile(r"(?i)^\W*(?:written\s+|posted\s+|words\s+|story\s+|reporting\s+|report\s+)?by\s+")


# A section label glued before the text it heads, as CNN's "Story highlights"
# before its first highlight ("Story highlights The CIA officially
# acknowledges Area 51...").  Only before a capital: "Key points of the deal
# were..." is a sentence.
_GLUED_LABEL = re.compile(r"^(?:Story\s+[Hh]ighlights|STORY\s+HIGHLIGHTS|Key\s+[Pp]oints|KEY\s+POINTS)\b:?(?=\s+[A-Z0-9“\"‘])")


def glued_label_end(paragraph: str) -> int:
    """Return where a section label glued before a paragraph's text ends (``0``: none).

    Example:
        >>> text = "Story highlights The CIA acknowledges Area 51 in documents"
        >>> text[glued_label_end(text):].lstrip()
        'The CIA acknowledges Area 51 in documents'
        >>> glued_label_end("Key points of the deal were agreed on Monday.")
        0
    """
    found = _GLUED_LABEL.match(paragraph)
    return found.end() if found else 0


# A politician's name card left in the text where the page linked the name:
# the name as written, then the card's full name glued on ("Donald Trump
# Donald John TrumpTrump Jr. getting ... MORE panned ...", "Kristi NoemKristi
# Lynn NoemSouth Dakota governor doubles down ... MORE (R) is defending ..."):
# the full name opens with the written name's first word and ends with its last,
# a few of the person's latest headlines follow, and an all-capitals "MORE" (the
# link to the person's page) closes it before the sentence goes on.  The card
# goes from its full name to "MORE"; the written name stays.
_CARD_MORE = re.compile(r"\sMORE(?=\s+[^\sA-Z])")
_NAME_CARD = re.compile(
    r"(?P<first>[A-Z][a-z][\w'’-]*)(?:\s+[A-Z][\w.'’-]*)*?\s+(?P<last>[A-Z][a-z][\w'’-]*?)"
    r"\s?(?P<card>(?P=first)(?:\s+[A-Z][\w.'’-]*){0,2}?\s+(?P=last))(?=[\s\w\"'‘“])"
)
# A card runs this many characters at most (the four of The Hill's in the dev
# texts and the extraction benchmarks: 180 to 550).
MAX_CARD_CHARS = 800


def name_cards(paragraph: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` of each name card glued into a paragraph's sentence (empty: none).

    The card runs from its full name to the "MORE" that closes it and the
    space after; what is left reads as the sentence did on the page.

    Example:
        >>> text = "Rep. Ilhan Omar Ilhan OmarOmar asks court to apply compassion MORE (D-Minn.) spoke."
        >>> [text[start:end] for start, end in name_cards(text)]
        ['Ilhan OmarOmar asks court to apply compassion MORE ']
    """
    if "MORE" not in paragraph:
        return []
    spans: list[tuple[int, int]] = []
    for more in _CARD_MORE.finditer(paragraph):
        low = max(spans[-1][1] if spans else 0, more.start() - MAX_CARD_CHARS)
        cards = list(_NAME_CARD.finditer(paragraph, low, more.start()))
        if cards:
            end = more.end()
            while end < len(paragraph) and paragraph[end].isspace():
                end += 1
            spans.append((cards[0].start("card"), end))
    return spans


def is_empty_label(line: str) -> bool:
    """Return whether ``line`` is a metadata label with nothing after it (``Date:``).

    Example:
        >>> is_empty_label("Date:"), is_empty_label("He said:")
        (True, False)
    """
    text = line.strip()
    match = text.endswith(":") and _EMPTY_LABEL.match(text)
    if not match:
        return False
    label = match["label"].lower().split()
    return all(word in _METADATA_LABELS or word in ("and", "of", "the", "last", "first") for word in label)


def is_dateline(line: str) -> bool:
    """Return whether ``line`` is only a date or time, with at most two other words.

    Example:
        >>> is_dateline("Published: Tuesday, May 3, 2013 10:32 PM ET")
        True
        >>> is_dateline("May 3rd, 2013 2:00pm EDT"), is_dateline("12:52 p.m. EDT May 2, 2013")
        (True, True)
        >>> is_dateline("Talks resumed on May 3, 2013 in Geneva after weeks of delay.")
        False
        >>> is_dateline("Jan. 5, 2018:"), is_dateline("6:05 p.m.")  # head a timeline's, a live report's entry
        (False, False)
    """
    text = line.strip()
    if count_words(text) > MAX_DATELINE_WORDS or next(filter(str.isdigit, text), None) is None:
        return False
    if not find_date(text) and not _CLOCK.search(text):
        return False
    if text.endswith(":") or text[0] in "\"“‘'" or _CLOCK.fullmatch(text):
        return False  # a date heading a timeline entry, a time heading a live report's, a quoted title
    if len(_YEAR.findall(text)) >= 2 and not _DATE_LABEL.search(text):
        return False  # a span of dates ("29 November 2018 | 20 January 2019") is content
    rest = _DATE_PARTS.sub(" ", _CLOCK.sub(" ", text))  # "2:00pm", "12:52 p.m." go whole
    others = [w for w in words(rest) if w.lower().rstrip(".") not in DATE_LINE_WORDS]
    return not others or (len(others) == 1 and others[0][0].isupper())


def _is_share_row(line: str) -> bool:
    tokens = [t.lower() for t in _SHARE_TOKEN.findall(line)]
    tokens = [t.strip(".'") for t in tokens if t.strip(".'")]
    if not tokens or len(tokens) > MAX_SHORT_WORDS:
        return False
    social = sum(1 for t in tokens if t in _SOCIAL or t.isdigit())
    return social == len(tokens) and any(t in _SOCIAL - {"on", "this", "article", "story", "via", "us"} for t in tokens)


def _is_credit(line: str) -> bool:
    size = count_words(line)
    if size > 20:
        return False
    if _CREDIT_LABEL.match(line) and not line.rstrip().endswith((".", "?", "!")) or (
        _CREDIT_LABEL.match(line) and size <= 12
    ):
        return True
    if size <= 8 and _SLASH_CREDIT.match(line.strip()):
        return True
    if size <= 6 and _CREDIT_AGENCY.search(line) and not _FINAL_STOP.search(line):
        return True
    # "Facebook Twitter Pinterest Photograph: Jane Doe/Getty Images"
    if size > 16:
        return False
    # Substring tests before the search: in an ASCII line, only these words
    # can match the label (a few non-ASCII letters match ASCII ones when case
    # is ignored, so any other line is searched).
    lower = line.lower()
    if line.isascii() and "photo" not in lower and "image" not in lower and "picture" not in lower:
        return False
    label = _PHOTO_LABEL.search(line)
    return bool(label and _is_share_row(line[: label.start()] or "share"))


def _is_contribution(sentence: str) -> bool:
    """Return whether a sentence says who contributed to the report ("AP writer Ken Thomas contributed.")."""
    match = _CONTRIBUTED.match(sentence)
    if not match or not match["who"][0].isupper():
        return False
    others = [w for w in words(match["who"]) if not (w[0].isupper() or w[0].isdigit() or w.lower() in _CREDIT_WORDS)]
    if match["report"] or match["reporting"]:
        return len(others) <= MAX_CREDIT_OTHER_WORDS
    return not others  # "... contributed." alone: names only ("Gerald Henderson contributed 11 points" is a story)


def is_credit_paragraph(paragraph: str) -> bool:
    """Return whether ``paragraph`` credits the story's other reporters, however many it names.

    Every sentence says who contributed, where a reporter reported from, or
    how to reach one (an e-mail address, a telephone number, a handle), and
    one says who contributed; or the paragraph is a "Contributing:" list.

    Example:
        >>> is_credit_paragraph("Lucey reported from Washington. Associated Press writer Jill Colvin "
        ...                     "in Washington contributed to this report.")
        True
        >>> is_credit_paragraph("Rebecca Sun, Mia Galuppo and Scott Feinberg contributed to this article.")
        True
        >>> is_credit_paragraph("Her relaxation contributed to her better mood, she recalled.")
        False
    """
    if count_words(paragraph) > MAX_CREDIT_WORDS:
        return False
    if _CONTRIBUTING_LABEL.match(paragraph):
        return count_words(paragraph) <= MAX_FURNITURE_WORDS
    has_contribution = False
    for start, end in split_sentences(paragraph):
        sentence = paragraph[start:end]
        if _is_contribution(sentence):
            has_contribution = True
        elif not (
            _REPORTED_FROM.match(sentence)
            or _FOLLOW.match(sentence)
            or (count_words(sentence) <= MAX_CONTACT_WORDS and _CONTACT.search(sentence))
        ):
            return False
    return has_contribution


def _is_byline(line: str) -> bool:
    size = count_words(line)
    if size > 14:
        return False
    lower = line.lower()
    if ("contributed" in lower or "reporting by" in lower or "editing by" in lower) and _CREDIT_LINE.match(line):
        return True
    if _AUTHOR_LABEL.match(line):
        return True
    if not _BYLINE.match(line):
        return False
    # "By John Smith", "By Jane Doe and Ann Lee, Reuters", "By JOHN SMITH | Staff Writer":
    # the words after "By" are names: capitalised, or joiners.
    after = _BY.sub("", line)
    tokens = words(after)
    joiners = {"and", "in", "for", "of", "the", "with", "at", "de", "van", "von", "da", "staff", "writer",
               "reporter", "correspondent", "editor", "updated", "published", "on", "am", "pm"}
    return all(t[0].isupper() or t[0].isdigit() or t.lower() in joiners for t in tokens)


def is_ui_text(line: str) -> bool:
    """Return whether ``line`` is short page or widget text addressed to the reader.

    Such a line is only removed when it is also foreign to the story (see
    ``newsfuse.clean.blocks.widget_lines``): a story about a browser flaw is
    full of such sentences.

    Example:
        >>> is_ui_text("Please enable JavaScript to watch this video.")
        True
    """
    if count_words(line) > MAX_FURNITURE_WORDS or not may_be_ui(line):
        return False
    return is_widget_text(line)


def paragraph_reason(paragraph: str) -> str | None:
    """Return why ``paragraph`` is not story text (a reason of the cleaner's vocabulary), or None.

    Example:
        >>> paragraph_reason("Advertisement"), paragraph_reason("Share on Facebook")
        ('navigation', 'share')
        >>> paragraph_reason("Date:"), paragraph_reason("By Jane Doe | Reuters")
        ('empty-metadata', 'byline')
        >>> print(paragraph_reason("The talks ended on Monday, officials said."))
        None
    """
    line = paragraph.strip()
    if not line:
        return None
    if not line[0].isalnum() and not any(ch.isalnum() for ch in line):
        return "navigation"  # separators: "___", "###", "* * *", "+"
    size = count_words(line)
    if is_transcript_note(line):
        return "transcript-note"
    # Credits, galleries and labelled captions run longer than other furniture.
    if "ontribut" in line and is_credit_paragraph(line):
        return "byline"
    if is_gallery(line) or is_labelled_caption(line) or is_credited_caption(line):
        return "navigation"
    if size > MAX_FURNITURE_WORDS:
        return None
    if is_empty_label(line):
        return "empty-metadata"
    if size <= MAX_SHORT_WORDS and (_is_share_row(line) or _FOLLOW.match(line)):
        return "share"
    if size <= MAX_SHORT_WORDS and _NAVIGATION.match(line) or is_player_text(line):
        return "navigation"
    if _is_byline(line):
        return "byline"
    if size <= 6 and _DATELINE_ONLY.match(line) and not line.endswith("."):
        return "dateline-only"
    if _is_credit(line):
        return "navigation"
    if size <= 30 and (_RELATED_LINE.match(line) or _BRACKETED.match(line) or _READ_MORE_TAIL.search(line)):
        return "related-links"
    if _CALL_TO_ACTION.match(line) and size <= MAX_FURNITURE_WORDS:
        return "call-to-action"
    lower = line.lower()
    if "click" in lower and size <= 25 and _CLICK_HERE.search(line):
        return "navigation"
    if ("cookie" in lower or "continuing" in lower or "agree" in lower) and _COOKIES.search(line):
        return "navigation"
    if is_dateline(line):
        return "dateline-only"
    return None
