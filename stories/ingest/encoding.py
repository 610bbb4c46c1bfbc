"""Bytes to text: the declared encoding first, then what the bytes say.

Django-free. Russian sites still serve windows-1251 and old European ones
latin-1, often without saying so, or saying so wrongly."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE)
_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Browsers read these labels as their superset (WHATWG Encoding Standard).
_SUPERSETS = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252"}


class BinaryContent(ValueError):
    """The bytes are not text in any encoding we would trust."""


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters near the start: an image, a PDF,
    an archive, not a text capture (UTF-16 with a BOM excepted)."""
    sample = data[:8192]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.01


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_in_document(data: bytes) -> str | None:
    """The encoding an HTML ``<meta charset>`` or an XML declaration names."""
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def decode(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data``; returns ``(text, encoding used)``.

    Order: a byte-order mark, the ``declared`` encoding (an HTTP header), one
    declared inside the document, strict UTF-8, then detection. Raises
    ``BinaryContent`` for bytes that are not text."""
    if looks_binary(data):
        raise BinaryContent("This looks like a binary file (an image, PDF or archive), not text.")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name), name
    for label in (declared, declared_in_document(data), "utf-8"):
        codec = _codec(label)
        if codec:
            try:
                return data.decode(codec), codec
            except (UnicodeError, LookupError):
                # UnicodeError, not only UnicodeDecodeError: codecs such as
                # "undefined" (a label pages do declare) refuse every input.
                continue
    if _mostly_ascii_letters(data):
        # Statistical detectors read short French or German latin-1 as
        # Central European cp1250; accented letters among ASCII ones are
        # Western European far more often.
        return data.decode("cp1252", errors="replace"), "cp1252"
    best = from_bytes(data).best()
    if best is not None:
        return str(best), best.encoding
    return data.decode("cp1252", errors="replace"), "cp1252"


def _mostly_ascii_letters(data: bytes) -> bool:
    """In Latin-script text a few letters are high bytes; in Cyrillic or Greek
    single-byte text nearly all of them are."""
    high = sum(1 for b in data if b >= 0x80)
    ascii_letters = sum(1 for b in data if 65 <= b <= 90 or 97 <= b <= 122)
    return high < (ascii_letters + high) * 0.3
