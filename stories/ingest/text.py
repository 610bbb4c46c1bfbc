"""Plain-text structure: headline, standfirst, byline, body, and site furniture."""

import re
import unicodedata

_WORD = re.compile(r"\w+", re.UNICODE)
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'-]{2,40}(?:,\s*[A-Za-z .]+)?\s*(?:\([^)]*\))?\s*[—–-]{1,2}\s*"
)


def comparable_words(text: str) -> list[str]:
    """The words of ``text`` with case, punctuation, whitespace and a leading
    dateline ("LONDON (Reuters) -") dropped: two texts that agree here differ
    only in ways a reader would call minor."""
    text = unicodedata.normalize("NFKC", text)
    text = _DATELINE.sub("", text, count=1)
    return [w.casefold() for w in _WORD.findall(text)]
