"""Readings of one delivered text: the forms a reader can undo without any key.

Every detector runs on each view, so a secret written backwards, in ROT13, in leetspeak with
symbols, spelled in the NATO alphabet or in number words, or inside a base64/hex/... token is
found like a plain one. A view keeps, for each of its characters, the span of the original text
it came from, so evidence is always an exact slice of what was delivered.

Caesar shifts other than ROT13 and the Atbash mirror are not views (25 extra readings of every
text would multiply chance matches); the code and name matchers compare shifted *values* instead
(see ``_probes``).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from muses.privacy._canon import CONFUSABLES, Canon, canonical, skeleton
from muses.privacy._decoders import blobs
from muses.privacy._numwords import word_numbers

NATO: dict[str, str] = {
    "alpha": "a", "alfa": "a", "bravo": "b", "charlie": "c", "delta": "d", "echo": "e", "foxtrot": "f",
    "golf": "g", "hotel": "h", "india": "i", "juliet": "j", "juliett": "j", "kilo": "k", "lima": "l",
    "mike": "m", "november": "n", "oscar": "o", "papa": "p", "quebec": "q", "romeo": "r", "sierra": "s",
    "tango": "t", "uniform": "u", "victor": "v", "whiskey": "w", "whisky": "w", "x-ray": "x", "xray": "x",
    "yankee": "y", "zulu": "z", "tree": "3", "fife": "5",
    "dash": "-", "hyphen": "-", "underscore": "_", "slash": "/", "dot": ".", "space": " ",
}  # fmt: skip
"""The NATO alphabet (with its radio digits) and spoken separators ('dash', 'underscore')."""
_NATO_RE = re.compile(r"(?<![\w-])(" + "|".join(sorted(NATO, key=len, reverse=True)) + r")(?![\w-])", re.IGNORECASE)
_AS_IN = re.compile(r"(?<!\w)([A-Za-z0-9])\s+(?:as\s+in|for|like)\s+[A-Za-z]+(?!\w)")
_LEET = str.maketrans({"@": "a", "$": "s", "|": "l", "!": "i", "+": "t", "€": "e", "£": "l", "¢": "c", "(": "c", "§": "s"})
_MAX_NESTING = 2
_SHORT_TOKEN = re.compile(r"(?<![^\W_])(?=[^\W_]{3}(?![^\W_]))(?:[A-Z0-9]{3}|(?=[^\W_]{0,2}\d)[^\W_]{3})")
"""Stand-alone 3-character tokens that could be a piece of a code: capitals, or with a digit."""


@dataclass(frozen=True)
class View:
    """One reading of a text; ``starts[i]:ends[i]`` is where character ``i`` came from."""

    form: str
    text: str
    starts: Sequence[int]
    ends: Sequence[int]

    @cached_property
    def canon(self) -> Canon:
        """Canonical characters of the view (positions index into ``text``)."""
        return canonical(self.text)

    @cached_property
    def skeleton(self) -> str:
        """Look-alike skeleton of the canonical characters (same length, same positions)."""
        return skeleton(self.canon.chars)

    @cached_property
    def short_tokens(self) -> tuple[tuple[str, int, int], ...]:
        """Stand-alone 3-character code-like tokens: (canonical token, start, end in the view text)."""
        return tuple((m.group().lower(), m.start(), m.end()) for m in _SHORT_TOKEN.finditer(self.text))

    @cached_property
    def reads_figures(self) -> bool:
        """Whether amounts are read in this view (ROT13, leet and look-alike readings garble figures)."""
        return not any(step in self.form for step in ("rot13", "leet", "lookalike"))

    @cached_property
    def shifted(self) -> bool:
        """Whether this reading already undid a transformation (no Caesar variants on top of it)."""
        return any(step in self.form for step in ("reversed", "rot13", "leet", "spelled", "lookalike"))

    def source(self, original: str, start: int, end: int) -> str:
        """The original text behind view characters ``start:end``."""
        if end <= start:
            return ""
        return original[min(self.starts[start:end]) : max(self.ends[start:end])]

    def canon_source(self, original: str, start: int, end: int) -> str:
        """The original text behind canonical characters ``start:end`` of this view."""
        pos = self.canon.pos
        return self.source(original, pos[start], pos[end - 1] + 1)


def plain(text: str) -> View:
    """The text as delivered."""
    return View("plain", text, range(len(text)), range(1, len(text) + 1))


def _reversed(view: View) -> View:
    return View(f"{view.form}+reversed" if view.form != "plain" else "reversed", view.text[::-1],
                view.starts[::-1], view.ends[::-1])  # fmt: skip


def _same_length(view: View, form: str, text: str) -> View:
    return View(form if view.form == "plain" else f"{view.form}+{form}", text, view.starts, view.ends)


def _mapped(view: View, form: str, pieces: list[tuple[int, int, str]]) -> View:
    """Replace view spans (start, end, replacement), sorted and disjoint, keeping the position map."""
    text: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    last = 0
    for start, end, replacement in pieces:
        text.append(view.text[last:start])
        starts.extend(view.starts[last:start])
        ends.extend(view.ends[last:start])
        text.append(replacement)
        starts.extend([view.starts[start]] * len(replacement))
        ends.extend([view.ends[end - 1]] * len(replacement))
        last = end
    text.append(view.text[last:])
    starts.extend(view.starts[last:])
    ends.extend(view.ends[last:])
    return View(form, "".join(text), starts, ends)


def _spelled(view: View) -> View | None:
    """Number words and phonetic spellings as the characters they stand for ('five K as in kilo')."""
    pieces = [(n.start, n.end, n.digits) for n in word_numbers(view.text)]
    pieces += [(m.start(), m.end(), NATO[m.group().lower()]) for m in _NATO_RE.finditer(view.text)]
    pieces += [(m.start(), m.end(), m.group(1)) for m in _AS_IN.finditer(view.text)]
    pieces.sort()
    chosen: list[tuple[int, int, str]] = []
    for piece in pieces:
        if not chosen or piece[0] >= chosen[-1][1]:
            chosen.append(piece)
    if not chosen or (len(chosen) == 1 and len(chosen[0][2]) < 2):
        return None  # a lone 'five' or 'Victor' spells nothing
    return _mapped(view, "spelled" if view.form == "plain" else f"{view.form}+spelled", chosen)


_MIXED_TOKEN = re.compile(r"[^\W_]*(?:[^\W\d_][^\W_]*\d|\d[^\W_]*[^\W\d_])[^\W_]*")
"""Tokens with both letters and digits: where a digit may stand for a letter ('Jun3', 'c0mput1ng')."""
_DIGIT_AS_LETTER = str.maketrans("01345789", "oieastbg")


def _lookalike(view: View) -> View | None:
    """Other scripts' look-alike letters as Latin, and digits inside words as letters ('Jun3' -> 'June')."""
    text = view.text.translate(CONFUSABLES)

    def letters(match: re.Match[str]) -> str:
        token = match.group()
        alpha = sum(c.isalpha() for c in token)
        return token.translate(_DIGIT_AS_LETTER) if alpha >= 2 and 2 * alpha > len(token) else token

    text = _MIXED_TOKEN.sub(letters, text)
    return None if text == view.text else _same_length(view, "lookalike", text)


def _decoded(view: View, depth: int) -> list[View]:
    out: list[View] = []
    for blob in blobs(view.text):
        start, end = view.starts[blob.start], view.ends[blob.end - 1]
        inner = View(blob.form, blob.text, [start] * len(blob.text), [end] * len(blob.text))
        out.append(inner)
        if depth < _MAX_NESTING:
            out.extend(_decoded(inner, depth + 1))
    return out


@lru_cache(maxsize=4096)
def views(text: str) -> tuple[View, ...]:
    """Every reading of ``text``: plain, reversed, ROT13, symbol leet, spelled out, and decoded tokens.

    Cached: a broadcast, a shared entry or a user's view replayed each round is read once.
    """
    base = [plain(text), *_decoded(plain(text), 1)]
    out: list[View] = []
    for view in base:
        out.extend((view, _reversed(view)))
        if view.form == "plain" or any(c.isalpha() for c in view.text):
            out.append(_same_length(view, "rot13", codecs.encode(view.text, "rot13")))
        leet = view.text.translate(_LEET)
        if leet != view.text:
            out.append(_same_length(view, "leet", leet))
        lookalike = _lookalike(view)
        if lookalike is not None:
            out.append(lookalike)
        spelled = _spelled(view)
        if spelled is not None:
            out.append(spelled)
    return tuple(out)
