"""Datelines: where a report was filed, by which agency, and when.

"STOCKHOLM (Reuters) –", "PARIS, 17 oct (AFP) -", "MADRID, 3 nov (EFE).-",
"WASHINGTON, Oct. 17 (Xinhua) --", "Seyne-les-Alpes (France) (AFP / AP ) –":
the place, then a date, then the agency in parentheses, then a dash. A
dateline is metadata of the article, never a sentence of its own: the text
after it starts with the lede's first word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .figures import DATE, figures
from .stopwords import word_set


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    agency: str = ""
    date_text: str = ""  # as printed: "17 oct", "Oct. 17"

    def day(self, near: date | None) -> date | None:
        """The calendar day the dateline gives, or None when it gives none.

        Datelines print a day and a month, seldom a year: the year is the one
        that puts the day nearest to ``near`` (when the article was published
        or captured), so a report filed "Dec. 31" and read on 2 January is
        from the year before. Without ``near`` only a dateline printing its
        year gives a day."""
        if not self.date_text:
            return None
        found = [f for f in figures(self.date_text) if f.kind == DATE]
        if len(found) != 1:
            return None
        month, day = divmod(int(found[0].value), 100)
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        if found[0].high:
            years = [int(found[0].high)]
        elif near is not None:
            years = [near.year - 1, near.year, near.year + 1]
        else:
            return None
        days = []
        for year in years:
            try:
                days.append(date(year, month, day))
            except ValueError:  # 29 February of a common year, 31 April
                continue
        return min(days, key=lambda d: abs(d - near) if near else 0, default=None)


_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_CAPITALISED_WORD = rf"[{_UPPER}][\w'’.]*"
_JOINER = r"(?:de|del|la|le|les|am|an|der|sur|upon|on|di|da|do|el|al|im)"
# "NEW YORK", "Seyne-les-Alpes", "Kiew/Moskau", "Ciudad de México", "KABUL, Afghanistan"
_PLACE = (
    rf"{_CAPITALISED_WORD}(?:[-/]{_CAPITALISED_WORD}|-{_JOINER}(?=-)|\s(?:{_JOINER}\s)?{_CAPITALISED_WORD}){{0,4}}"
    rf"(?:-{_CAPITALISED_WORD})*"
    rf"(?:,\s?{_CAPITALISED_WORD}(?:\s{_CAPITALISED_WORD})?)?"
)
_MONTH_WORD = r"[^\W\d_]{3,10}\.?"
_DATE = (
    rf"(?:\d{{1,2}}\.?\s(?:de\s)?{_MONTH_WORD}|{_MONTH_WORD}\s\d{{1,2}}(?:st|nd|rd|th)?)"
    r"(?:,?\s\d{4})?"
)
# An agency credit: short, no sentence inside ("Reuters", "AFP / AP ", "dpa/lno").
_PAREN = r"\(\s*[^()\n.!?]{1,40}?\s*\)"
_DASH = r"\s*(?:\.\s?)?(?:--|[-–—])(?:\s+|(?=[^\W\d_])|$)"
_DATELINE = re.compile(
    rf"^\s*(?:(?P<place>{_PLACE})(?:,\s?(?P<date>{_DATE}))?\s?(?P<parens>(?:{_PAREN}\s?)*{_PAREN})"
    rf"|(?P<parens_only>{_PAREN})"
    rf"|(?P<caps>[{_UPPER}][{_UPPER}'’. /-]{{2,40}}?)(?:,\s?(?P<caps_date>{_DATE}))?)"
    rf"{_DASH}"
)
# An agency credited between slashes, after the place and the date: "MOSCOW,
# August 23. /TASS/.", "NEW YORK, Jan. 5, 2024 /PRNewswire/ --".
_SLASHED = re.compile(
    rf"^\s*(?P<place>{_PLACE}),\s?(?P<date>{_DATE})\.?\s?/\s*(?P<agency>[^/\n.!?]{{1,40}}?)\s*/"
    rf"(?:{_DASH}|\.?\s+|\.?$)"
)
# An agency's name in parentheses run straight into the lede's first word,
# as CNN sets it: "(CNN)Ukrainian President …".
_GLUED_AGENCY = re.compile(r"^\s*\((?P<agency>[A-Z][A-Z&/ .-]{1,15}?)\)(?=[A-Z])")
# All-capital kickers that are not places ("BREAKING —").
_NOT_PLACES = frozenset(
    word_set(
        "BREAKING UPDATE UPDATED EXCLUSIVE WATCH LIVE OPINION ANALYSIS EDITORIAL VIDEO PHOTOS "
        "CORRECTION URGENT FLASH ALERT NEW"
    )
)


def match_dateline(text: str) -> tuple[Dateline, int] | None:
    """The dateline that opens ``text`` and the offset where the lede starts
    (the end of ``text`` for a dateline on a line of its own)."""
    match = _DATELINE.match(text) or _SLASHED.match(text) or _GLUED_AGENCY.match(text)
    if not match:
        return None
    end = match.end()
    if end < len(text) and not (text[end].isalnum() or text[end] in "\"“‘«„'("):
        return None
    if match.re is _GLUED_AGENCY:
        return Dateline(place="", agency=match.group("agency").strip()), end
    if match.re is _SLASHED:
        agency = " ".join(match.group("agency").split())
        return Dateline(
            place=match.group("place"), agency=agency, date_text=match.group("date")
        ), end
    if match.group("caps"):
        place = match.group("caps").strip()
        if place.upper() in _NOT_PLACES or len(re.sub(r"\W", "", place)) < 3:
            return None
        if not any(c.isalpha() for c in place) or place != place.upper():
            return None
        return Dateline(place=place, date_text=match.group("caps_date") or ""), end
    if match.group("parens_only"):
        return Dateline(place="", agency=_inside(match.group("parens_only"))), end
    parens = re.findall(_PAREN, match.group("parens"))
    place = " ".join([match.group("place"), *parens[:-1]])
    return Dateline(
        place=place, agency=_inside(parens[-1]), date_text=match.group("date") or ""
    ), end


def split_dateline(text: str) -> tuple[Dateline | None, str]:
    """``(dateline, rest)``: the dateline opening ``text`` (or None) and the
    text after it, starting at the lede's first word."""
    found = match_dateline(text)
    if found is None:
        return None, text
    dateline, end = found
    return dateline, text[end:]


def _inside(paren: str) -> str:
    return " ".join(paren.strip()[1:-1].split())
