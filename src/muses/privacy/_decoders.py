"""Standard reversible encodings found inside a text, decoded.

An agent can hand a secret over as base64, base32, hex, binary or decimal character codes,
alphabet positions (a=1 ... z=26), URL-encoding, HTML entities, backslash escapes, Morse code or
an acrostic (the initials of a run of capitalised words, or of lines); a reader decodes it in seconds, so
the ledger must too. Each finder returns ``Blob``s: the decoded text and the span of the
original it came from (evidence points at the encoded token). Decodings that are not mostly
printable text are dropped, which keeps ordinary words and hex digests from decoding to noise.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import html
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple
from urllib.parse import unquote_plus


class Blob(NamedTuple):
    """Decoded text of an encoded token and the token's span in the original text."""

    form: str
    text: str
    start: int
    end: int


_B64 = re.compile(r"(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{8,}={0,2}(?![A-Za-z0-9+/=_-])")
_B64_WRAPPED = re.compile(r"(?:[A-Za-z0-9+/]{16,}\s*\n\s*)+[A-Za-z0-9+/]{4,}={0,2}")
_B32 = re.compile(r"(?<![A-Za-z0-9=])[A-Za-z2-7]{8,}={0,6}(?![A-Za-z0-9=])")
_HEX = re.compile(
    r"(?:(?<![0-9A-Za-z])0[xX][0-9a-fA-F]{2}[\s,]*){3,}"
    r"|(?<![0-9A-Za-z])(?:0x)?(?:[0-9a-fA-F]{2}){4,}(?![0-9A-Za-z])"
    r"|(?:(?<![0-9A-Za-z])[0-9a-fA-F]{2}[\s:,-]){3,}[0-9a-fA-F]{2}(?![0-9A-Za-z])"
)
_BINARY = re.compile(r"(?:(?<![01])[01]{7,8}[\s,]*){3,}")
_DECIMAL = re.compile(r"(?:(?<![\d.])\d{2,3}[\s,;]+){3,}\d{2,3}(?![\d.])")
_LETTER_NUMBER = r"(?:2[0-6]|1\d|[1-9])"
_POSITIONS = re.compile(rf"(?:(?<![\d.]){_LETTER_NUMBER}(?:\s*[,;-]\s*|\s+)){{3,}}{_LETTER_NUMBER}(?![\d.])")
_TITLE_RUN = re.compile(r"(?:\b[A-Z][a-z']*[ \t,]+){4,}[A-Z][a-z']*\b")
_LINE_RUN = re.compile(r"(?:^[ \t\-*>]*[A-Za-z][^\n]*\n){4,}[ \t\-*>]*[A-Za-z][^\n]*", re.MULTILINE)
_URL = re.compile(r"\S*%[0-9A-Fa-f]{2}\S*")
_HTML = re.compile(r"(?:&#\d{2,7};|&#[xX][0-9a-fA-F]{2,6};|&[a-zA-Z]{2,8};|[^\s&<>])*&#?[0-9a-zA-Z]{2,8};\S*")
_ESCAPES = re.compile(r"(?:\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|\\x[0-9a-fA-F]{2}|\\[0-7]{3})+")
_MORSE_CODE = {
    ".-": "a", "-...": "b", "-.-.": "c", "-..": "d", ".": "e", "..-.": "f", "--.": "g", "....": "h", "..": "i",
    ".---": "j", "-.-": "k", ".-..": "l", "--": "m", "-.": "n", "---": "o", ".--.": "p", "--.-": "q", ".-.": "r",
    "...": "s", "-": "t", "..-": "u", "...-": "v", ".--": "w", "-..-": "x", "-.--": "y", "--..": "z",
    "-----": "0", ".----": "1", "..---": "2", "...--": "3", "....-": "4", ".....": "5", "-....": "6",
    "--...": "7", "---..": "8", "----.": "9",
}  # fmt: skip
_MORSE = re.compile(r"(?:[.\-·•−–_]{1,6}(?:\s*[/|]\s*|\s+)){3,}[.\-·•−–_]{1,6}")


def readable(text: str) -> bool:
    """Mostly printable text with some alphanumerics: what a successful decoding looks like."""
    if len(text) < 2 or sum(c.isalnum() for c in text) < 2:
        return False
    printable = sum(c.isprintable() or c in "\n\t" for c in text)
    return printable >= 0.9 * len(text) and "\ufffd" not in text


def _utf8(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if readable(text) else None


def _base64(token: str) -> str | None:
    raw = re.sub(r"\s+", "", token).rstrip("=")
    altchars = b"-_" if ("-" in raw or "_" in raw) else None
    for trim in (0, 1, 2, 3):
        body = raw[: len(raw) - trim] if trim else raw
        if len(body) % 4 == 1:
            continue
        try:
            data = base64.b64decode(body + "=" * (-len(body) % 4), altchars=altchars, validate=True)
        except (binascii.Error, ValueError):
            continue
        text = _utf8(data)
        if text is not None:
            return text
    return None


def _base32(token: str) -> str | None:
    body = token.upper().rstrip("=")
    try:
        return _utf8(base64.b32decode(body + "=" * (-len(body) % 8)))
    except (binascii.Error, ValueError):
        return None


def _hex(token: str) -> str | None:
    digits = re.sub(r"[\s:,-]|0[xX]", "", token)
    if len(digits) % 2:
        return None
    try:
        return _utf8(bytes.fromhex(digits))
    except ValueError:
        return None


def _binary(token: str) -> str | None:
    groups = re.findall(r"[01]{7,8}", token)
    return _utf8(bytes(int(g, 2) for g in groups))


def _decimal(token: str) -> str | None:
    codes = [int(c) for c in re.findall(r"\d+", token)]
    if not all(32 <= c < 127 for c in codes):
        return None
    text = "".join(map(chr, codes))
    return text if readable(text) else None


def _positions(token: str) -> str | None:
    """'19 3 9 1 20 9 3 1' -> 'sciatica' (letters by their place in the alphabet)."""
    return "".join(chr(96 + int(n)) for n in re.findall(r"\d+", token))


def _initials(token: str) -> str | None:
    """'Some Cats Inspect All Things In Cool Attics' -> 'scIATICA' (first letter of each word)."""
    return "".join(word[0] for word in re.findall(r"[A-Za-z][\w']*", token))


def _line_initials(token: str) -> str | None:
    """First letter of every line (an acrostic written down the left edge)."""
    return "".join(m.group(1) for m in re.finditer(r"^[ \t\-*>]*([A-Za-z])", token, re.MULTILINE))


def _url(token: str) -> str | None:
    text = unquote_plus(token)
    return text if text != token and readable(text) else None


def _html(token: str) -> str | None:
    text = html.unescape(token)
    return text if text != token and readable(text) else None


def _escapes(token: str) -> str | None:
    try:
        text = codecs.decode(token, "unicode_escape")
    except (UnicodeDecodeError, ValueError):
        return None
    return text if readable(text) else None


def _morse(token: str) -> str | None:
    normal = token.translate(str.maketrans("·•−–_", "..---"))
    words = re.split(r"\s*[/|]\s*|\s{3,}", normal.strip())
    letters = [[_MORSE_CODE.get(code) for code in word.split()] for word in words]
    if any(c is None for word in letters for c in word):
        return None
    text = " ".join("".join(c for c in word if c) for word in letters)
    return text if readable(text) else None


def _encoded_looking(token: str) -> bool:
    """Base64 text nearly always has a digit, '+', '/', '=' or capitals inside; ordinary words do not."""
    return any(c.isdigit() or c in "+/=_-" for c in token) or sum(c.isupper() for c in token[1:]) >= 2


_FINDERS: tuple[tuple[str, re.Pattern[str], Callable[[str], str | None], re.Pattern[str]], ...] = (
    ("base64", _B64_WRAPPED, _base64, re.compile(r"[A-Za-z0-9+/]{16}\s*\n")),
    ("base64", _B64, _base64, re.compile(r"[A-Za-z0-9+/_-]{8}")),
    ("base32", _B32, _base32, re.compile(r"[A-Z2-7]{8}")),
    ("hex", _HEX, _hex, re.compile(r"[0-9a-fA-F]{8}|[0-9a-fA-F]{2}[\s:,-][0-9a-fA-F]{2}[\s:,-]|0[xX][0-9a-fA-F]{2}")),
    ("binary", _BINARY, _binary, re.compile(r"[01]{7}")),
    ("charcodes", _DECIMAL, _decimal, re.compile(r"\d{2,3}[\s,;]+\d{2,3}[\s,;]+\d{2,3}")),
    ("alphabet", _POSITIONS, _positions, re.compile(r"\d{1,2}(?:\s*[,;-]\s*|\s+)\d{1,2}(?:\s*[,;-]\s*|\s+)\d{1,2}")),
    ("acrostic", _TITLE_RUN, _initials, re.compile(r"[A-Z][a-z']*[ \t,]+[A-Z][a-z']*[ \t,]+[A-Z]")),
    ("acrostic", _LINE_RUN, _line_initials, re.compile(r"\n[^\n]*\n[^\n]*\n[^\n]*\n")),
    ("url", _URL, _url, re.compile(r"%[0-9A-Fa-f]{2}")),
    ("html", _HTML, _html, re.compile(r"&#?[0-9a-zA-Z]{2,8};")),
    ("escapes", _ESCAPES, _escapes, re.compile(r"\\[uUx0-7]")),
    ("morse", _MORSE, _morse, re.compile(r"[.\-·•−–_]{1,6}\s+[.\-·•−–_]{1,6}\s+[.\-·•−–_]{1,6}")),
)
"""(form, token pattern, decoder, cheap trigger that must occur first)."""


_ANY_TRIGGER = re.compile("|".join(f"(?:{trigger.pattern})" for _, _, _, trigger in _FINDERS))


def blobs(text: str) -> Iterator[Blob]:
    """Every decodable token in ``text`` (a token may decode under several forms)."""
    if _ANY_TRIGGER.search(text) is None:
        return
    for form, pattern, decode, trigger in _FINDERS:
        if trigger.search(text) is None:
            continue
        for match in pattern.finditer(text):
            if form == "base64" and not _encoded_looking(match.group()):
                continue
            decoded = decode(match.group())
            if decoded is not None:
                yield Blob(form, decoded, match.start(), match.end())
