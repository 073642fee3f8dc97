"""Furniture of embedded media: photo galleries, video players, labelled captions.

Pages flatten the widgets around a story into its text, often a whole
widget into one line:

* a photo or video gallery, each caption followed by its counter ("Photos:
  Crisis in Ukraine – Troops patrol... Hide Caption 9 of 132 Photos: ...");
* a video player's controls, alone ("JUST WATCHED <title> Replay More
  Videos ... MUST WATCH <title> 02:04") or glued before the story's first
  words ("CLOSE Skip in Skip x Embed x Share Late Wednesday afternoon...");
* a caption under its label ("Image copyright AFP Image caption The
  minister arrives...", "Media caption ...").

``is_gallery``, ``is_player_text`` and ``is_labelled_caption`` judge a
whole paragraph; ``player_controls_end`` finds controls glued before a
paragraph's text, so that the cleaner can take them off as a paragraph of
their own.  The rules look at the *kind* of text (counters, control words,
durations, caption labels), never at one outlet's strings.
"""

from __future__ import annotations

import re

from newsfuse.clean.shape import size as count_words

__all__ = ["is_credited_caption", "is_gallery", "is_labelled_caption", "is_player_text", "player_controls_end"]

# --- galleries ------------------------------------------------------------------------------

# "9 of 132": an item's place in a gallery.  Its total is at least 2 and the
# place at most the total ("13 of 23 playoff games" has a noun after it, so a
# lone counter must also open or close the paragraph, see ``is_gallery``).
_COUNTER = re.compile(r"\b(\d{1,3})\s+of\s+(\d{1,3})\b")
# A counter under a gallery's own label: "Hide Caption 9 of 132", "Photo 3 of 12", "4 of 20 photos".
_LABELLED_COUNTER = re.compile(
    r"\b(?:(?:hide|show)\s+caption|(?:photo|image|picture|slide|video)s?)\s+\d{1,3}\s+of\s+\d{1,3}\b"
    r"|\b\d{1,3}\s+of\s+\d{1,3}\s+(?:photos|images|pictures|slides|videos)\b",
    re.IGNORECASE,
)
_GALLERY_WORDS = re.compile(
    r"\b(?:captions?|photos?|photographs?|images?|pictures?|galler(?:y|ies)|slides?|slideshow|videos?|"
    r"autoplay|skip|embed|full\s*screen)\b",
    re.IGNORECASE,
)
# A caption under a single counter is short: in the dev texts a gallery's
# caption, or its photo credits, run to 165 words; longer paragraphs need two
# counters.
MAX_GALLERY_CAPTION_WORDS = 200


def _counters(line: str) -> list[tuple[int, int, int, int]]:
    """Return ``(place, total, start, end)`` of each gallery-like counter of ``line``."""
    found = []
    for match in _COUNTER.finditer(line):
        place, total = int(match[1]), int(match[2])
        if 1 <= place <= total and total >= 2:
            found.append((place, total, match.start(), match.end()))
    return found


def is_gallery(line: str) -> bool:
    """Return whether ``line`` is a photo or video gallery (or one of its captions) flattened into text.

    A gallery numbers its items: two counters of one total with consecutive
    places ("1 of 6 ... 2 of 6") in a line that speaks of captions, photos or
    videos, however long the line.  One counter is enough in a caption-sized
    line when it stands under a gallery label ("Hide Caption 3 of 12") or
    opens or closes the line ("1 of 12. Officers pilot a P-8A Poseidon...
    in this handout photo.").

    Example:
        >>> is_gallery("Photos: Crisis in Ukraine – Troops patrol a base. Hide Caption 1 of 9 "
        ...            "Photos: Crisis in Ukraine – Marines leave a base. Hide Caption 2 of 9")
        True
        >>> is_gallery("He scored 30 points in 13 of 23 playoff games, and 40 in 2 of 23, video shows.")
        False
    """
    text = line.strip()
    if " of " not in text:
        return False
    counters = _counters(text)
    if not counters:
        return False
    has_label = bool(_LABELLED_COUNTER.search(text))
    if not has_label and not _GALLERY_WORDS.search(text):
        return False
    places = {(total, place) for place, total, _, _ in counters}
    if any((total, place + 1) in places for total, place in places):
        return True
    if count_words(text) > MAX_GALLERY_CAPTION_WORDS:
        return False
    _, _, start, end = counters[0]
    opens = start == 0 and not text[end:].lstrip()[:1].islower()
    _, _, start, end = counters[-1]
    closes = not re.sub(r"(?i)\badvertisement\b", "", text[end:]).strip(" .|")
    return has_label or opens or closes


# --- video players --------------------------------------------------------------------------

# A player's buttons, as extraction flattens them: "CLOSE Skip in Skip x Embed x
# Share", "Full Screen Autoplay Close Skip Ad ×".  STRONG controls are no story
# words; the others ("close", "share", "play", "in", "x") only count beside them.
_STRONG_CONTROLS = frozenset({"skip", "embed", "autoplay", "replay", "fullscreen", "unmute", "mute"})
_CONTROLS = _STRONG_CONTROLS | frozenset({"close", "share", "play", "pause", "full", "screen", "ad", "in", "x", "×"})
# A single control in capitals before the story's first words ("CLOSE The Dow
# Jones industrial average plunged..."): the player's close button.
_SHOUTED_CONTROLS = frozenset({"CLOSE", "SKIP", "EMBED", "REPLAY", "AUTOPLAY"})
_SENTENCE_START = re.compile(r"[\"“‘'(]?[A-Z0-9]")

# What a player says besides its buttons: "JUST WATCHED", "MUST WATCH", "Replay
# More Videos", "autoplay", "Copy this code to your website", "Media playback is
# unsupported", "Media caption", a clip's length ("02:04") closing the line.
_PLAYER_MARKERS = re.compile(
    r"""\b(?:(?P<watched>just\s+watched) | (?P<must>must\s+watch) | (?P<replay>replay)
      | (?P<more>more\s+videos) | (?P<autoplay>auto-?play) | (?P<code>copy\s+this\s+code)
      | (?P<embed>embed) | (?P<playing>now\s+playing) | (?P<caption>media\s+caption)
      | (?P<playback>media\s+playback) | (?P<screen>full\s?screen) | (?P<skip>skip\s+ad)
      | (?P<next>(?:next|last|previous)\s+video) | (?P<length>\d{1,2}:\d\d(?=\s*$)))\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Every alternative of _PLAYER_MARKERS but the clip's length holds one of these
# strings (lower-cased), and a line needs two kinds of marker: a line with none
# of them is no player text, and the substring tests are faster than the search.
_PLAYER_HINTS = ("watch", "replay", "video", "auto", "copy", "embed", "playing", "media", "screen", "skip")
# Player text never runs long: 5-25 words in the dev texts.
MAX_PLAYER_WORDS = 40


_WORD_RUN = re.compile(r"\S+")


def _control_run(line: str) -> list[tuple[str, int]]:
    """Return the words of ``line`` (with where each ends) up to its first word that is no player control."""
    run = []
    for match in _WORD_RUN.finditer(line):
        if match[0].lower() not in _CONTROLS:
            break
        run.append((match[0], match.end()))
    return run


def _is_controls(words: list[str]) -> bool:
    """Return whether a run of control words is a player's buttons: a strong one among two or more."""
    return len(words) >= 2 and any(word.lower() in _STRONG_CONTROLS for word in words)


def player_controls_end(paragraph: str) -> int:
    """Return where a video player's buttons glued before a paragraph's text end (``0``: none).

    The buttons are a run of control words with a strong one among them
    ("Skip in Skip x Embed x Share"), or one control in capitals ("CLOSE");
    the text after them starts like a sentence.  A paragraph of buttons only
    returns ``0``: ``is_player_text`` judges it whole.

    Example:
        >>> text = "CLOSE Skip in Skip x Embed x Share Late Wednesday afternoon, the president spoke."
        >>> text[player_controls_end(text):].lstrip()
        'Late Wednesday afternoon, the president spoke.'
        >>> player_controls_end("Close to 200 people attended the vigil on Sunday.")
        0
    """
    run = _control_run(paragraph)
    while run:
        words = [word for word, _ in run]
        end = run[-1][1]
        rest = paragraph[end:].lstrip()
        if _SENTENCE_START.match(rest) and (
            _is_controls(words) or (len(run) == 1 and words[0] in _SHOUTED_CONTROLS and not _opens_shouted(rest))
        ):
            return end
        run.pop()  # "Skip x Share In a statement...": "In" opens the sentence
    return 0


def _opens_shouted(text: str) -> bool:
    """Return whether ``text`` opens with words in capitals ("CLOSE CALL FOR...": a heading, not a button).

    One word in capitals is an acronym ("CLOSE USA TODAY's reporters...").
    """
    first = [word.strip("\"“‘'(,.:;!?") for word in text.split(maxsplit=2)[:2]]
    return all(len(word) > 1 and word.isupper() for word in first)


def is_player_text(line: str) -> bool:
    """Return whether ``line`` is a video player's text: its buttons, labels and clip lengths.

    Either every word is a player control with a strong one among them
    ("Skip in Skip x Embed x Share"), or a short line holds two different
    player markers ("JUST WATCHED ... Replay More Videos ... 02:04"; "Embed
    ... autoplay Copy this code to your website").  One marker is not
    enough: "The replay showed the ball crossed the line" is a story.

    Example:
        >>> is_player_text("JUST WATCHED Storm hits coast Replay More Videos ... MUST WATCH Storm hits coast 02:04")
        True
        >>> is_player_text("A video replay showed the ball had crossed the line, the referee said.")
        False
    """
    if count_words(line) > MAX_PLAYER_WORDS:
        return False
    # Most lines open with a word that is no control: no need to split them.
    run = _control_run(line)
    if run and len(run) == len(words := line.split()) and _is_controls(words):
        return True
    lower = line.lower()
    if not any(hint in lower for hint in _PLAYER_HINTS):
        return False
    kinds = {match.lastgroup for match in _PLAYER_MARKERS.finditer(line)}
    return len(kinds) >= 2


# --- labelled captions ----------------------------------------------------------------------

# "Image caption ...", "Media caption ...", "Image copyright AFP/Getty Image caption ...":
# a caption under the label a page gives it.
_CAPTION_LABEL = re.compile(
    r"^\W*(?:(?:image|media|photo|video|picture)\s+caption|(?:image|photo|picture)\s+copyright)\b", re.IGNORECASE
)
# A labelled caption with its credit runs to ~45 words in the dev texts.
MAX_CAPTION_WORDS = 80


def is_labelled_caption(line: str) -> bool:
    """Return whether ``line`` is a caption under its label ("Image caption", "Media caption", "Image copyright").

    Example:
        >>> is_labelled_caption("Image copyright Getty Images Image caption The band broke up in 1980")
        True
        >>> is_labelled_caption("The image caption contest drew 400 entries, organisers said.")
        False
    """
    return count_words(line) <= MAX_CAPTION_WORDS and bool(_CAPTION_LABEL.match(line))


# --- captions that end with their credit -----------------------------------------------------

# "Kira Grunberg in action last year. Photo: Getty Images", "... hanged two days
# later. Photograph: Brook Lapping/Kessler Prod/BBC", "... for scale. Image: KUVP
# archives": a caption left as a paragraph of its own, its credit after its last
# full stop (a credit alone on its line is ``rules._is_credit``'s).  The credit
# is a few names with no sentence inside ("J." of a name is an initial): at most
# MAX_CREDIT_WORDS words, at least half of them holding a capital ("Tom Wall via
# AP", "iStock", "KUVP archives"), so a sentence that goes on after a colon is
# not one.
_CREDIT_TAIL = re.compile(
    r"(?<=[.!?…\"”’)])\s+(?:Photo(?:graph)?|Image|Picture)(?:\s+by)?\s*:\s*"
    r"(?P<credit>[^\s.!?;:](?:[^.!?;:]|(?<=\b[A-Z])\.){0,59}?)\.?\s*$"
)
MAX_CREDIT_WORDS = 8


def is_credited_caption(line: str) -> bool:
    """Return whether ``line`` is a photo caption that ends with its credit ("... Photo: Getty Images").

    Example:
        >>> is_credited_caption("Kira Grunberg in action last year. Photo: Getty Images")
        True
        >>> is_credited_caption("The museum's new show opens on Friday. Photo: the curators chose 40 prints from the archive.")
        False
    """
    # Cheap first: the credit's colon sits near the end of the line.
    if ":" not in line[-80:] or count_words(line) > MAX_CAPTION_WORDS:
        return False
    match = _CREDIT_TAIL.search(line)
    if not match:
        return False
    names = [word for word in match["credit"].split() if any(ch.isalpha() for ch in word)]
    named = sum(1 for word in names if not word.islower())
    return 0 < len(names) <= MAX_CREDIT_WORDS and 2 * named >= len(names)
