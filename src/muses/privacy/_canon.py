"""Canonical forms of text for disclosure matching, with a map back to the original characters.

Matching compares values and texts as lowercase alphanumerics (so spacing, case, separators,
full-width or other-script digits and look-alike letters from other scripts cannot hide a value)
while evidence is always reported as an exact slice of the original text; both need the
per-character position map kept here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

_CONFUSABLES = str.maketrans(
    "АВЕЅІЈКМНОРСТХУаеорсхуіјѕкмтвнԁһӏΑΒΕΖΗΙΚΜΝΟΡΤΥΧαβεικνορτυχ",
    "ABESIJKMHOPCTXYaeopcxyijskmtbhdhlABEZHIKMNOPTYXabeiknoptux",
)
"""Cyrillic and Greek letters that render like Latin ones (a homoglyph attack writes 'АDМ' with
Cyrillic А and М); NFKC leaves them alone, so they are mapped here."""

CONFUSABLES = _CONFUSABLES

_LOOKALIKE = str.maketrans("01i53478926", "ollseatbgzb")
"""Leetspeak and look-alike classes among canonical characters: a reader takes '0' for 'o',
'1' and 'i' for 'l', '5' for 's', '3' for 'e', '4' for 'a', '7' for 't', '8' and '6' for 'b',
'9' for 'g', '2' for 'z'. Symbol leet ('@', '$', '|') is read by the ``leet`` view first."""


def normalize_text(text: str) -> str:
    """NFKC, case-folded, whitespace-collapsed text: the form phrases are compared in."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
_ASCII_OTHER = re.compile(r"[^a-z0-9]+")


class Canon:
    """Lowercase alphanumerics of a text plus, for each, its position in the original text.

    For ASCII text the positions are computed on first use: most texts are only searched with
    ``in`` on ``chars`` and never need them.
    """

    __slots__ = ("_pos", "_text", "chars")

    def __init__(self, chars: str, pos: tuple[int, ...] | None = None, text: str | None = None) -> None:
        self.chars = chars
        self._pos = pos
        self._text = text

    @property
    def text(self) -> str:
        """The text these characters were taken from."""
        return self._text or ""

    @property
    def pos(self) -> tuple[int, ...]:
        """Original position of each canonical character."""
        if self._pos is None:
            self._pos = tuple(m.start() for m in _ASCII_ALNUM.finditer(self._text or ""))
        return self._pos


def fold(ch: str, casefold: bool) -> str:
    """One character in comparison form: NFKC, Latin look-alikes, any decimal digit as ASCII.

    NFKC already turns full-width '２' and superscript '²' into '2'; other scripts' digits ('٢')
    need ``unicodedata.decimal``, Cyrillic and Greek look-alikes the table above. Accents are
    dropped ('Sciática' reads as 'sciatica'): a reader recognises the word either way.
    """
    if ch.isascii():
        return ch.lower() if casefold else ch
    bare = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    folded = unicodedata.normalize("NFKC", bare or ch).translate(_CONFUSABLES)
    if casefold:
        folded = folded.casefold()
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in folded)


def canonical(text: str) -> Canon:
    """Keep alphanumerics only (folded per character), remembering where each came from.

    Per-character folding keeps the position map exact, so evidence is always a slice of the
    original text.
    """
    if text.isascii():
        return Canon(_ASCII_OTHER.sub("", text.lower()), text=text)
    chars: list[str] = []
    index: list[int] = []
    for pos, ch in enumerate(text):
        for c in fold(ch, casefold=True):
            if c.isalnum():
                chars.append(c)
                index.append(pos)
    return Canon("".join(chars), tuple(index), text=text)


def skeleton(chars: str) -> str:
    """Canonical characters with look-alikes merged, so '4DM-K7QX' and 'adm-k7qx' compare equal."""
    return chars.translate(_LOOKALIKE)


def span(text: str, canon: Canon, start: int, end: int) -> str:
    """The original text covering canonical characters ``start:end``."""
    return text[canon.pos[start] : canon.pos[end - 1] + 1]


def separated(canon: Canon, j: int) -> bool:
    """True if a separator (a non-alphanumeric character) lies before canonical position ``j``."""
    return j == 0 or j == len(canon.chars) or canon.pos[j] - canon.pos[j - 1] > 1


def gaps_ok(canon: Canon, start: int, end: int, max_gap: int | None) -> bool:
    """True if no two consecutive matched characters are further apart than ``max_gap``."""
    if max_gap is None:
        return True
    return all(canon.pos[j + 1] - canon.pos[j] - 1 <= max_gap for j in range(start, end - 1))


def find_all(haystack: str, needle: str) -> Iterator[int]:
    """Every start index of ``needle`` in ``haystack`` (overlapping occurrences included)."""
    start = haystack.find(needle) if needle else -1
    while start != -1:
        yield start
        start = haystack.find(needle, start + 1)


def occurrences(
    canon: Canon,
    needle: str,
    max_gap: int | None = None,
    words: bool = False,
    digits: bool = False,
    haystack: str | None = None,
) -> Iterator[tuple[int, int]]:
    """Canonical spans of ``needle`` that respect the gap limit and, if asked, word/digit bounds.

    ``haystack`` replaces ``canon.chars`` for the search (e.g. its look-alike skeleton, which has
    the same length and therefore the same position map).
    """
    for start in find_all(canon.chars if haystack is None else haystack, needle):
        end = start + len(needle)
        ok = gaps_ok(canon, start, end, max_gap)
        if words:
            ok = ok and separated(canon, start) and separated(canon, end)
        if digits:  # a digit at either end of the needle must not continue into a longer number
            ok = ok and not (canon.chars[start].isdigit() and _digit_next(canon, start - 1, start))
            ok = ok and not (canon.chars[end - 1].isdigit() and _digit_next(canon, end, end - 1))
        if ok:
            yield start, end


def _digit_next(canon: Canon, j: int, k: int) -> bool:
    """Whether canonical ``j`` is a digit on the same line as canonical ``k`` (its neighbour)."""
    if not digit_at(canon, j):
        return False
    low, high = sorted((canon.pos[j], canon.pos[k]))
    return "\n" not in canon.text[low:high]


def digit_at(canon: Canon, j: int) -> bool:
    """True if canonical position ``j`` exists and holds a digit."""
    return 0 <= j < len(canon.chars) and canon.chars[j].isdigit()
