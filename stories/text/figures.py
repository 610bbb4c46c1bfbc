"""Figures as values with units, whatever the notation.

"$3.2bn", "3.2 billion dollars" and "US$3,200 million" are one amount;
"1,500", "1500", "1 500" and "1.500" (in German) one count; "7,7 miliardi"
keeps its decimal comma. Times ("7:50 pm"), dates ("Oct 17", "17 octobre"),
days of the week ("on Thursday", "jeudi", "am Donnerstag"), score lines
("2-2", "7–1"), years and season spans ("2013-14") are recognised as what
they are, so they are never compared with amounts.

``figures(text)`` finds them, each a ``Figure`` with its span in ``text``;
``same_figure(a, b)`` says whether two figures state the same value, and
``changed_day`` which day of the week one wording changes into another.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from .stopwords import is_stopword, likely_language, word_set

AMOUNT = "amount"  # money: a currency is given
PERCENT = "percent"
MEASURE = "measure"  # a quantity with a unit: 12km, 9.58 seconds, a 12-year-old
COUNT = "count"  # a bare number: 1,500 (people), three, 3.2 billion
ORDINAL = "ordinal"
TIME = "time"  # value: minutes after midnight
DATE = "date"  # value: month * 100 + day (day 0 when only the month is given); high: year
SCORE = "score"  # value and high: the two sides
RANGE = "range"  # value to high, with the range's unit
YEAR = "year"  # value: the year; high: the end of a span ("2013-14" → 2014)
WEEKDAY = "weekday"  # value: the day of the week, Monday 1 to Sunday 7
KINDS = (AMOUNT, PERCENT, MEASURE, COUNT, ORDINAL, TIME, DATE, SCORE, RANGE, YEAR, WEEKDAY)
_QUANTITIES = frozenset({AMOUNT, PERCENT, MEASURE, COUNT, YEAR})


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of a text: its value, what it counts, and where it stands."""

    value: float
    kind: str
    unit: str = ""  # a currency code ("USD"), "%", or a unit ("km", "s", "year-old")
    scale: float = 1.0  # the factor of a scale word, already applied to ``value``
    high: float | None = None
    surface: str = ""
    start: int = 0
    end: int = 0

    @property
    def spelled(self) -> bool:
        """Written in words ("three"), not digits."""
        return not any(c.isdigit() for c in self.surface)

    def key(self, *, currency: bool = True) -> str:
        """A canonical string, equal for the same value in any notation
        ("1,500" and "1500"; "$3.2bn" and "US$3.2 billion"). ``currency=False``
        leaves the currency out ("$3.2 million" keys as "3.2 million")."""
        number = _canonical_number(self.value)
        if self.kind == AMOUNT:
            return f"{_KEY_SIGNS.get(self.unit, self.unit) if currency else ''}{number}"
        if self.kind in (COUNT, MEASURE) or (
            self.kind == YEAR and self.high is None and not self.unit
        ):
            return f"{number}{self.unit}"
        if self.kind == PERCENT:
            return f"{number}%"
        high = "" if self.high is None else _canonical_number(self.high)
        return f"{self.kind}:{number}:{high}:{self.unit}"


# Keys write the common currencies as their signs, as readers do ("$3200000000").
_KEY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def _canonical_number(value: float) -> str:
    if value == int(value) and abs(value) < 1e18:
        return str(int(value))
    return f"{value:.10g}"


def same_figure(a: Figure, b: Figure, *, units: bool = True) -> bool:
    """Whether two figures state the same value: equal values, and units
    that agree or are left out on one side ("3.2 billion" is "$3.2bn").
    ``units=False`` compares values alone (a translation words its units its
    own way: "a 3-year-old", "de tres años").

    Times, dates, scores and ranges only ever equal their own kind; a year
    equals a count of the same value ("2000" read either way)."""
    if a.kind in _QUANTITIES and b.kind in _QUANTITIES:
        if units and PERCENT in (a.kind, b.kind) and a.kind != b.kind and a.unit and b.unit:
            return False
        return _close(a.value, b.value) and (not units or _units_agree(a.unit, b.unit))
    if a.kind != b.kind or not _close(a.value, b.value):
        return False
    if a.kind == DATE:
        return a.high is None or b.high is None or _close(a.high, b.high)
    if (a.high is None) != (b.high is None) or (a.high is not None and not _close(a.high, b.high)):
        return False
    return not units or _units_agree(a.unit, b.unit)


def changed_day(
    reference: Iterable[Figure], text: Iterable[Figure]
) -> tuple[Figure, Figure] | None:
    """The day of the week that ``text``'s figures change from ``reference``'s:
    where each wording names one day the other does not ("on Thursday" and
    "on Friday"; "jeudi" and "Friday"), that pair. A day named on one side
    only changes nothing (a wording may leave the day out, or give the date
    instead), nor does a day the other wording names anywhere; several
    unmatched days on a side do not pair surely, so they are left out too."""
    theirs = {f.value: f for f in reference if f.kind == WEEKDAY}
    own = {f.value: f for f in text if f.kind == WEEKDAY}
    dropped = [f for value, f in theirs.items() if value not in own]
    added = [f for value, f in own.items() if value not in theirs]
    if len(dropped) == 1 and len(added) == 1:
        return dropped[0], added[0]
    return None


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _units_agree(a: str, b: str) -> bool:
    return not a or not b or a == b


# ---------------------------------------------------------------- vocabulary

_CURRENCY_SIGNS = {
    "us$": "USD",
    "$": "USD",
    "a$": "AUD",
    "au$": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "hk$": "HKD",
    "nz$": "NZD",
    "r$": "BRL",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₽": "RUB",
    "₺": "TRY",
    "₩": "KRW",
    "fr.": "CHF",
    "chf": "CHF",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "jpy": "JPY",
    "cny": "CNY",
    "rmb": "CNY",
    "rub": "RUB",
    "inr": "INR",
    "rs": "INR",
    "rs.": "INR",
}
_CURRENCY_WORDS = {
    "dollars": "USD",
    "dollar": "USD",
    "dólares": "USD",
    "dólar": "USD",
    "dollari": "USD",
    "dollaro": "USD",
    "us-dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "sterling": "GBP",
    "sterline": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rubles": "RUB",
    "roubles": "RUB",
    "rublos": "RUB",
    "rubel": "RUB",
    "roubles.": "RUB",
    "reais": "BRL",
    "francs": "CHF",
    "franken": "CHF",
    "rupees": "INR",
    "lira": "TRY",
    "liras": "TRY",
}
_CURRENCY_CODES = frozenset(_CURRENCY_SIGNS.values())
_SIGN = re.compile(
    r"(?:US\$|AU?\$|CA?\$|HK\$|NZ\$|R\$|\$|€|£|¥|₹|₽|₺|₩|\b(?:USD|EUR|GBP|JPY|CNY|RMB|RUB|INR|CHF|Rs\.?|Fr\.))\s?$"
)

# Scale words by language; the factor multiplies what precedes them.
_SCALES = {
    "thousand": 1e3,
    "thousands": 1e3,
    "k": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "mio": 1e6,
    "mio.": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    # es, pt
    "mil": 1e3,
    "millón": 1e6,
    "millones": 1e6,
    "milhão": 1e6,
    "milhões": 1e6,
    "bilhão": 1e9,
    "bilhões": 1e9,
    "billón": 1e12,
    "billones": 1e12,
    # fr
    "mille": 1e3,
    "milliard": 1e9,
    "milliards": 1e9,
    "md": 1e9,
    "mds": 1e9,
    "mrd": 1e9,
    "mrd.": 1e9,
    # de
    "tausend": 1e3,
    "millionen": 1e6,
    "milliarde": 1e9,
    "milliarden": 1e9,
    "billionen": 1e12,
    # nl, pl, sv, da, no
    "miljoen": 1e6,
    "miljard": 1e9,
    "miljon": 1e6,
    "miljoner": 1e6,
    "millioner": 1e6,
    "milion": 1e6,
    "miliard": 1e9,
    # it
    "mila": 1e3,
    "milione": 1e6,
    "milioni": 1e6,
    "miliardo": 1e9,
    "miliardi": 1e9,
    "mld": 1e9,
    "mld.": 1e9,
}
# Abbreviations that are only scale words right after a currency ("£40m").
_MONEY_SCALES = {"m": 1e6, "m.": 1e6}

_PERCENT = r"%|per\s?cent|pct\b|por\s?ciento|pour\s?cent|prozent|per\s?cento|por\s?cento|procent\w*"
_UNITS: tuple[tuple[str, str], ...] = (
    ("year-old", r"-?years?-olds?|\s?years?\s+old"),
    ("km/h", r"km/h|kph|kmh"),
    ("mph", r"mph"),
    (
        "km",
        r"km|kilomet(?:re|er)s?|kil[óo]metros?|kilomètres?|kilometern?|chilomet(?:ri|ro)|quil[óô]metros?",
    ),
    ("cm", r"cm|centimet(?:re|er)s?"),
    ("mm", r"mm|millimet(?:re|er)s?"),
    ("m", r"m|met(?:re|er)s?|metros?|mètres?|metern?|metri"),
    ("mi", r"miles?|millas?|milles|meilen|miglia"),
    ("kg", r"kg|kilo(?:gram(?:me)?)?s?"),
    ("t", r"tonnes?|tons?|toneladas?|tonnellate|tonnen"),
    ("°", r"°\s?[CF]?|degrees?|grados?|degrés?|grad"),
    # "7,3 büyüklüğünde": Turkish writes the magnitude after the number.
    ("magnitude", r"magnitude|magnitud|büyüklü\w*"),
    ("MW", r"MW|megawatts?"),
    ("GW", r"GW|gigawatts?"),
    ("kWh", r"kWh"),
    ("s", r"seconds?|secs?|segundos?|secondes?|sekund\w*|sekúnd\w*|secondi|s"),
    ("min", r"minutes?|mins?|minutos?|minuten|minuti"),
    ("h", r"hours?|hrs?|horas?|heures?|stunden|ore"),
    ("day", r"days?|d[íi]as?|jours?|tagen?|giorni|giorno"),
    ("week", r"weeks?|semanas?|semaines?|wochen?|settimane|settimana"),
    ("month", r"months?|meses|mês|mois|monaten?|mesi|mese"),
    ("year", r"years?|años?|ans|années?|jahren?|anni|anno|anos?"),
)
_UNIT = re.compile(
    r"(?:(?P<pct>"
    + _PERCENT
    + r")|"
    + "|".join(f"(?P<u{n}>{pattern})" for n, (_, pattern) in enumerate(_UNITS))
    + r")(?![^\W\d_])",
    re.IGNORECASE,
)
# Units that only count when they follow the number without a space ("9.58s").
_ATTACHED_ONLY = frozenset({"s", "m"})

_MONTHS: dict[str, int] = {}
for _names in (
    "january february march april may june july august september october november december",
    "jan feb mar apr may jun jul aug sep oct nov dec",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "ene feb mar abr may jun jul ago sept oct nov dic",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "janv févr mars avr mai juin juil août sept oct nov déc",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "jan feb mär apr mai jun jul aug sep okt nov dez",
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "feb apr giu lug ago ott nov dic",
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
):
    for _number, _name in enumerate(_names.split(), start=1):
        _MONTHS.setdefault(_name, _number)
_MONTHS["sept"] = 9
# English month names that are also ordinary words only count capitalised.
_CAPITALISED_MONTHS = frozenset({"may", "march", "mar", "jan", "mai", "ore"})
_MONTH = r"(?P<month>" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|\.)?"
_YEAR_PART = r"(?P<year>(?:1[89]|20)\d\d)"
_DATE_PATTERNS = (
    # 2022-09-01
    re.compile(r"(?<![\d-])(?P<year>(?:1[89]|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d-])"),
    # 15/04/2019, 1.9.2022
    re.compile(
        r"(?<![\d./])(?P<day>[0-3]?\d)([./])(?P<month>[01]?\d)\2(?P<year>(?:1[89]|20)?\d\d)(?![\d./]|\.\d)"
    ),
    # Oct 17, Oct. 17, 2013; October 17th
    re.compile(
        r"(?<![^\W\d_])" + _MONTH + r"\s+" + _DAY + r"(?![\d:])(?:,?\s+" + _YEAR_PART + r")?(?!\d)",
        re.IGNORECASE,
    ),
    # 17 octobre, 17 de octubre de 2013, 17. Oktober 2013, the 20th of January 2025
    re.compile(
        r"(?<![\d.,])"
        + _DAY
        + r"\s+(?:(?:de|of)\s+)?"
        + _MONTH
        + r"(?![^\W\d_])(?:,?\s+(?:(?:de|del)\s+)?"
        + _YEAR_PART
        + r")?(?!\d)",
        re.IGNORECASE,
    ),
    # January 2025, octobre 2013
    re.compile(
        r"(?<![^\W\d_])" + _MONTH + r"\s+(?:(?:de|del)\s+)?" + _YEAR_PART + r"(?!\d)", re.IGNORECASE
    ),
)
_TIME = re.compile(
    r"(?<![\d.,:])(?P<h>[0-2]?\d)(?:(?P<sep>[:.h])(?P<m>[0-5]\d))?"
    r"(?:\s?(?P<ampm>[ap]\.\s?m\.?|[ap]m\b)|\s?(?P<uhr>Uhr|h\b))?(?![\d:])",
    re.IGNORECASE,
)
# Two numbers joined by a dash or a colon, or by a spaced "x", as Portuguese
# prints a result ("7 x 1").
# Words for "at (the hour)" before a time written "04.17": "saat 04.17'de",
# "alle ore 14.46", "alle 14.46", "às 9.30", "a las 7.30".
_HOUR_BEFORE = re.compile(r"(?<![^\W\d_])(?:saat|ore|alle|às|a las)\s$", re.IGNORECASE)
_PAIR = re.compile(
    r"(?<![\d.,:/-])(?P<a>\d{1,4})\s?(?P<sep>[-–—:]|(?<=\s)[x×](?=\s))\s?(?P<b>\d{1,4})"
    r"(?![\d:/]|[.,]\d|[-–]\d)"
)
_SPORT = re.compile(
    r"\b(?:win|wins|won|beat|beats|defeat\w*|lost|loss|lose|draw|drew|drawn|victory|score\w*|"
    r"goals?|match|final|game|lead|led|sieg\w*|niederlage|remis|tor|tore|spiel|victoire|défaite|"
    r"nul|buts?|match|derrota|victoria|empate|goles?|partido|vittoria|sconfitta|pareggio|gol|"
    r"partita|vitória|golos?|jogo|golead\w*|placar|sele[çc][ãa]o|selecci[óo]n|semi-?final\w*)\b",
    re.IGNORECASE,
)
# A results line, as sports pages print them: each side's name followed by
# its goals ("Brazil 1 Germany 7", "Real Madrid 2 Atlético 1"), standing alone
# or after a headline's colon or dash, and ending the line or its clause.
_SIDE = r"(?:[A-ZÀ-Þ][\w'.&-]*\s+){1,3}?"
_RESULT = re.compile(
    r"(?:^|(?<=[:–—|]\s))" + _SIDE + r"(?P<a>\d{1,2})\s+" + _SIDE + r"(?P<b>\d{1,2})"
    r"(?=\s*(?:$|[,.;:!?–—|(])|\s+-\s)"
)
MAX_RESULT_GOALS = 20
_NAME_BEFORE = re.compile(r"(?:^|\s)[A-ZÀ-Þ][\w'.&-]*\s$")
_NAME_AFTER = re.compile(r"\s[A-ZÀ-Þ][\w'.&-]*(?:\s*$|[\s,.;:!?])")
_DIGITS = re.compile(r"\d+")


def _glued(text: str, start: int) -> bool:
    """Digits glued to a word ("G7") are a name, except a magnitude's "M7.8"."""
    before = text[start - 1 : start]
    if not (before.isalnum() or before == "_"):
        return False
    return not (before == "M" and not text[start - 2 : start - 1].isalnum())


_LETTERS = re.compile(r"[^\W\d_]+")
_FRACTIONS = {
    "½": 0.5,
    "¼": 0.25,
    "¾": 0.75,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "⅛": 0.125,
    "⅜": 0.375,
    "⅝": 0.625,
    "⅞": 0.875,
}
_GROUPING = ",.'’\u00a0\u202f\u2009 "
# Languages that write a decimal comma and group thousands with a dot or a
# space ("1.500", "2,5", "70 000"); English and most others write "1,500", "2.5".
_DECIMAL_COMMA = word_set(
    "af bg ca cs da de el es et eu fi fr gl hr hu id is it lt lv nl no pl pt ro ru sk sl sq sr "
    "sv tr uk vi"
)
_ORDINAL = re.compile(r"(?:st|nd|rd|th|er|re|e|ème|eme|º|ª|\.º|\.ª)(?![^\W_])", re.IGNORECASE)
# What follows a magnitude given on the Richter scale or named after it, in
# the languages we read.
_RICHTER = re.compile(
    r"[\s-]*(?:(?:degrees?|grados?|gradi|graus|degrés|Grad)\s+)?"
    # "7.3 gradi di magnitudo", "6,1 de magnitud": the scale named after the number.
    r"(?:(?:di|de)\s+magnitud[eo]?\b|"
    r"(?:(?:on|in|en|sur|sulla|della|na|da|de|auf|der)\s+){0,3}"
    r"(?:(?:the|la|l'|a|o|el|der)\s*)?(?:Richter\w*|escala|échelle|scala|Skala)\b)",
    re.IGNORECASE,
)
_QUAKE_BEFORE = re.compile(
    r"\b(?:earthquake|quake|tremor|terremoto|sismo|seísmo|temblor|séisme|tremblement de terre|"
    r"scossa|sisma|Erdbeben|Beben|terramoto)\b[^.;]*$",
    re.IGNORECASE,
)
# "magnitude 7.8", "magnitude-7.8", "a magnitude of 7.3", "magnitud de 7,8", "M7.8".
_MAGNITUDE_BEFORE = re.compile(
    r"(?:\b[Mm]agnitud[eo]?(?:\s+(?:of|de|di|von))?|(?<![^\W_])M[ws]?)[-\s]?$"
)

# Days of the week, Monday 1 to Sunday 7. English and German write them
# capitalised, the Romance languages in lower case (there "Domingo" or
# "Mardi Gras" in mid-sentence is a name).
_WEEKDAYS: dict[str, int] = {}
for _names in (
    "monday tuesday wednesday thursday friday saturday sunday",
    "montag dienstag mittwoch donnerstag freitag samstag sonntag",
    "lunes martes miércoles jueves viernes sábado domingo",
    "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "lunedì martedì mercoledì giovedì venerdì sabato domenica",
    "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo",
    # without their accents, and the German Saturday of the north
    "lunedi martedi mercoledi giovedi venerdi sabado",
    "_ terca-feira miercoles _ _ sonnabend",
):
    for _number, _name in enumerate(_names.split(), start=1):
        if _name != "_":
            _WEEKDAYS.setdefault(_name, _number)
_CAPITALISED_DAYS = word_set(
    "monday tuesday wednesday thursday friday saturday sunday "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag sonnabend"
)
_DAY_STEMS = tuple(sorted(_CAPITALISED_DAYS))  # "donnerstagabend" is one word
# The words a day's name is written with, as ``_LETTERS`` splits them.
_DAY_WORDS = frozenset(w for name in _WEEKDAYS for w in name.split("-") if w != "feira")
_WEEKDAY = re.compile(
    r"(?<![^\W\d_])(?P<day>"
    + "|".join(sorted(map(re.escape, _WEEKDAYS), key=len, reverse=True))
    # German joins the time of day on: "Donnerstagabend", "Freitagmorgen".
    + r")(?:abend|morgen|früh|vormittag|nachmittag|mittag|nacht)?(?![^\W\d_])",
    re.IGNORECASE,
)
# A name next to a day's name makes it a name or a thing, not the day an
# event fell on: "Good Friday", "Black Friday", "Sunday Times", "Mardi Gras".
# Words before a day that still date it, capitalised at a sentence's start:
_DAY_MODIFIERS = word_set("early late last next past coming vergangenen kommenden letzten nächsten")
# What a day's name qualifies when it is no day ("Friday prayers", "la prière
# du vendredi", "Sunday school"), and a day that recurs ("every Friday").
_NOT_DAY_AFTER = word_set(
    "prayer prayers sermon sermons worship service services mass masses school schools "
    "paper papers newspaper newspapers edition editions supplement"
)
_NOT_DAY_BEFORE = re.compile(
    r"(?:\b(?:pri[eè]res?|prêches?|sermons?|messes?|misas?|messa|oraci[oó]n(?:es)?|rezos?|"
    r"preghier[ae]|oraç(?:ão|ões)|missas?|every|each|jeden|ogni|cada|chaque)"
    r"(?:\s+(?:du|del|de|della|di|da|do))?|\btodos\s+los|\btodas\s+las)\s+$",
    re.IGNORECASE,
)
# What a sentence, a clause set apart or a headline starts after.
_SENTENCE_MARKS = frozenset('.!?:;"“”«»„([—–-\n')
_WORD_AFTER = re.compile(r"[ \u00a0]([^\W\d_][\w'’-]*)")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)[ \u00a0]$")

# ---------------------------------------------------------------- number words


def _numbers(units: str, tens: str, **more: float) -> dict[str, float]:
    """A language's number words: ``units`` from zero to twenty, ``tens``
    from thirty to ninety, then the rest by name."""
    table = {word: float(n) for n, word in enumerate(units.split())}
    table |= {word: float(n) for n, word in zip(range(30, 100, 10), tens.split(), strict=True)}
    return table | {word.replace("_", "-"): value for word, value in more.items()}


_WORD_VALUES: dict[str, dict[str, float]] = {
    "en": _numbers(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty",
        "thirty forty fifty sixty seventy eighty ninety",
        hundred=100,
        dozen=12,
        thousand=1e3,
        million=1e6,
        billion=1e9,
        trillion=1e12,
    ),
    "es": _numbers(
        "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce "
        "quince dieciséis diecisiete dieciocho diecinueve veinte",
        "treinta cuarenta cincuenta sesenta setenta ochenta noventa",
        una=1,
        un=1,
        cien=100,
        ciento=100,
        cientos=100,
        mil=1e3,
        millón=1e6,
        millones=1e6,
    ),
    "fr": _numbers(
        "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze "
        "quinze seize dix-sept dix-huit dix-neuf vingt",
        "trente quarante cinquante soixante soixante-dix quatre-vingt quatre-vingt-dix",
        une=1,
        vingts=20,
        quatre_vingts=80,
        cent=100,
        cents=100,
        mille=1e3,
        million=1e6,
        millions=1e6,
        milliard=1e9,
        milliards=1e9,
    ),
    "de": _numbers(
        "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn "
        "fünfzehn sechzehn siebzehn achtzehn neunzehn zwanzig",
        "dreißig vierzig fünfzig sechzig siebzig achtzig neunzig",
        ein=1,
        eine=1,
        hundert=100,
        tausend=1e3,
        million=1e6,
        millionen=1e6,
        milliarde=1e9,
        milliarden=1e9,
    ),
    "it": _numbers(
        "zero uno due tre quattro cinque sei sette otto nove dieci undici dodici tredici "
        "quattordici quindici sedici diciassette diciotto diciannove venti",
        "trenta quaranta cinquanta sessanta settanta ottanta novanta",
        una=1,
        un=1,
        cento=100,
        mille=1e3,
        mila=1e3,
        milione=1e6,
        milioni=1e6,
        miliardo=1e9,
        miliardi=1e9,
    ),
    "pt": _numbers(
        "zero um dois três quatro cinco seis sete oito nove dez onze doze treze catorze quinze "
        "dezesseis dezessete dezoito dezenove vinte",
        "trinta quarenta cinquenta sessenta setenta oitenta noventa",
        uma=1,
        duas=2,
        quatorze=14,
        dezasseis=16,
        dezassete=17,
        dezanove=19,
        cem=100,
        cento=100,
        mil=1e3,
        milhão=1e6,
        milhões=1e6,
        bilhão=1e9,
        bilhões=1e9,
    ),
}
# Articles and pronouns spelled like "one": a figure only inside a longer number.
_ARTICLES = frozenset(["one", "un", "une", "una", "uno", "um", "uma", "ein", "eine"])
# Number words that are ordinary words of another language ("once", "due",
# "cent", "seize"): they count only when the text's language is given.
_AMBIGUOUS_WORDS = frozenset(
    {"once", "due", "cent", "cents", "null", "elf", "seize", "sept", "sei"}
)
_ANY_WORDS: dict[str, float] = {}
for _table in _WORD_VALUES.values():
    for _word, _value in _table.items():
        if _word not in _AMBIGUOUS_WORDS:
            _ANY_WORDS.setdefault(_word, _value)
_JOINERS = frozenset(["and", "y", "et", "e", "und"])


def _word_values(lang: str | None) -> dict[str, float]:
    return _ANY_WORDS if lang is None else _WORD_VALUES.get(lang, _ANY_WORDS)


_GAP = re.compile(r"[\s-]+")


def _word_runs(text: str, values: dict[str, float]):
    """(start, end) of each run of number words ("twenty-five", "two hundred
    and fifty", "dos mil millones")."""
    tokens = list(_LETTERS.finditer(text))

    def joined(a: int, b: int) -> bool:
        return b < len(tokens) and bool(_GAP.fullmatch(text, tokens[a].end(), tokens[b].start()))

    i = 0
    while i < len(tokens):
        if tokens[i].group().casefold() not in values:
            i += 1
            continue
        j = i
        while joined(j, j + 1):
            word = tokens[j + 1].group().casefold()
            if word in values:
                j += 1
            elif word in _JOINERS and joined(j + 1, j + 2):
                if tokens[j + 2].group().casefold() not in values:
                    break
                j += 2
            else:
                break
        yield tokens[i].start(), tokens[j].end()
        i = j + 1


def _words_value(words: list[str], values: dict[str, float]) -> float | None:
    """The value of number words in order ("two hundred and fifty", "dos mil
    millones"), or None when they do not make one number ("one two")."""
    total, current = 0.0, 0.0
    for word in words:
        number = values.get(word)
        if number is None:
            return None
        if word == "dozen":
            current = max(current, 1) * 12
        elif number == 100:
            current = max(current, 1) * 100
        elif number >= 1000:
            accumulated = total + current or 1
            if accumulated < number:
                total, current = accumulated * number, 0.0
            else:
                total, current = total + max(current, 1) * number, 0.0
        elif (
            current == 0
            or current % 100 == 0
            or (current % 100 >= 20 and current % 10 == 0 and number < 10)
        ):
            current += number
        else:
            return None
    return total + current


# ---------------------------------------------------------------- parsing


@lru_cache(maxsize=20_000)
def figures(text: str, lang: str | None = None) -> tuple[Figure, ...]:
    """The figures of ``text`` in reading order.

    ``lang`` (an ISO code) decides the decimal mark ("1,500" is 1.5 in
    Spanish, "26.200 millones" 26,200 million) and which number words count.
    Without it the text's function words suggest the language; failing that,
    a comma followed by exactly three digits groups thousands, a dot is a
    decimal point, and every language's number words count except the few
    that are ordinary words of another."""
    lang = lang.split("-")[0].casefold() if lang else likely_language(text)
    if "\n" not in text:
        return _line_figures(text, lang)
    # No figure spans a line break; lines recur across versions, so each is read once.
    found, offset = [], 0
    for line in text.split("\n"):
        shifted = (
            replace(f, start=f.start + offset, end=f.end + offset)
            for f in _line_figures(line, lang)
        )
        found.extend(shifted)
        offset += len(line) + 1
    return tuple(found)


@lru_cache(maxsize=20_000)
def _line_figures(text: str, lang: str | None) -> tuple[Figure, ...]:
    words = frozenset(w.casefold() for w in _LETTERS.findall(text))
    found: list[Figure] = []
    taken = bytearray(len(text))

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    def add(figure: Figure) -> None:
        found.append(figure)
        taken[figure.start : figure.end] = b"\x01" * (figure.end - figure.start)

    # The month and number-word patterns are long alternations: run them only
    # on text that has one of their words.
    for match in _dates(text, has_month=not words.isdisjoint(_MONTHS)):
        if free(*match.span()) and (figure := _date(match, text)):
            add(figure)
    for match in _TIME.finditer(text):
        if free(*match.span()) and (figure := _time(match, text)):
            add(figure)
    if not words.isdisjoint(_DAY_WORDS) or any(w.startswith(_DAY_STEMS) for w in words):
        for match in _WEEKDAY.finditer(text):
            if free(*match.span()) and (figure := _weekday(match, text)):
                add(figure)
    for match in _RESULT.finditer(text):
        a, b = int(match.group("a")), int(match.group("b"))
        if a <= MAX_RESULT_GOALS and b <= MAX_RESULT_GOALS and free(*match.span()):
            start, end = match.start("a"), match.end("b")
            add(
                Figure(
                    float(a), SCORE, high=float(b), surface=text[start:end], start=start, end=end
                )
            )
    for match in _PAIR.finditer(text):
        if free(*match.span()) and (figure := _pair(match, text, lang)):
            add(figure)
    for match in _DIGITS.finditer(text):
        if taken[match.start()] or _glued(text, match.start()):
            continue
        figure = _quantity(text, match.start(), lang)
        if figure and free(figure.start, figure.end):
            add(figure)
    values = _word_values(lang)
    for start, end in _word_runs(text, values) if not words.isdisjoint(values) else ():
        if not free(start, end):
            continue
        figure = _word_quantity(text, start, end, values)
        if figure and free(figure.start, figure.end):
            add(figure)
    found.sort(key=lambda f: f.start)
    return tuple(found)


def _dates(text: str, *, has_month: bool):
    """Matches of the date patterns, tried only where one can start: the
    month-name patterns at a month's name or a day's digits."""
    numeric, month_names = _DATE_PATTERNS[:2], _DATE_PATTERNS[2:]
    for pattern in numeric:
        yield from pattern.finditer(text)
    if not has_month:
        return
    starts = sorted(
        [m.start() for m in _LETTERS.finditer(text) if m.group().casefold() in _MONTHS]
        + [m.start() for m in _DIGITS.finditer(text)]
    )
    for pattern in month_names:
        for start in starts:
            if match := pattern.match(text, start):
                yield match


def _date(match: re.Match[str], text: str) -> Figure | None:
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.casefold())
    if month_text.casefold() in _CAPITALISED_MONTHS and not month_text[0].isupper():
        return None
    day = int(match.group("day")) if "day" in match.groupdict() and match.group("day") else 0
    year_text = match.groupdict().get("year")
    year = int(year_text) if year_text else None
    if year is not None and year < 100:
        year += 2000 if year < 50 else 1900
    if month and month > 12 and day and day <= 12:  # 04/15/2019: American order
        month, day = day, month
    if not month or month > 12 or day > 31:
        return None
    return _matched(match, month * 100 + day, DATE, high=float(year) if year else None)


def _time(match: re.Match[str], text: str) -> Figure | None:
    hours, minutes = int(match.group("h")), match.group("m")
    ampm, uhr, sep = match.group("ampm"), match.group("uhr"), match.group("sep")
    if minutes is None and not ampm and not uhr:
        return None
    if sep == "." and not (
        ampm or uhr or _HOUR_BEFORE.search(text[max(0, match.start() - 12) : match.start()])
    ):
        return None  # "7.50" is a decimal unless "pm" or "Uhr" follows, or "saat" comes before
    if sep == "h" and minutes is None:
        return None
    if uhr and uhr.casefold() == "h" and sep is None:
        return None  # "24 h" is a duration
    if hours > 24 or (ampm and not 1 <= hours <= 12):
        return None
    if ampm:
        hours = hours % 12 + (12 if ampm[0] in "pP" else 0)
    return Figure(
        float(hours * 60 + int(minutes or 0)),
        TIME,
        surface=match.group().strip(),
        start=match.start(),
        end=match.start() + len(match.group().rstrip()),
    )


def _weekday(match: re.Match[str], text: str) -> Figure | None:
    """A day of the week, unless its name is part of another name ("Good
    Friday", "Sunday Times"), qualifies a thing ("Friday prayers") or recurs
    ("every Friday")."""
    name = match.group("day")
    before, after = text[: match.start()], text[match.end() :]
    opening = before.rstrip()
    initial = not opening or opening[-1] in _SENTENCE_MARKS
    if name.casefold() not in _CAPITALISED_DAYS and name[0].isupper() and not initial:
        return None
    if following := _WORD_AFTER.match(after):
        word = following.group(1)
        if word.casefold() in _NOT_DAY_AFTER:
            return None
        if word[0].isupper() and not is_stopword(word) and word.casefold() not in _MONTHS:
            return None
    if preceding := _WORD_BEFORE.search(before[-40:]):
        word = preceding.group(1)
        if word[0].isupper() and not is_stopword(word) and word.casefold() not in _DAY_MODIFIERS:
            return None
    if _NOT_DAY_BEFORE.search(before[-40:]):
        return None
    return _matched(match, _WEEKDAYS[name.casefold()], WEEKDAY)


def _pair(match: re.Match[str], text: str, lang: str | None) -> Figure | None:
    """Two numbers joined by a dash or colon: a season span, a score or a range."""
    a, b, sep = int(match.group("a")), int(match.group("b")), match.group("sep")
    raw_a, raw_b = match.group("a"), match.group("b")
    before = text[max(0, match.start() - 40) : match.start()]
    after = text[match.end() : match.end() + 40]
    if sep in "x×":
        # "7 x 1" is a result only where the text is about a match: "2 x 4
        # metres" is a size, "3 x 100" a product.
        small = a <= MAX_RESULT_GOALS and b <= MAX_RESULT_GOALS
        if not small or _UNIT.match(after.lstrip()) or not _SPORT.search(before + " " + after):
            return None
        return _matched(match, a, SCORE, high=float(b))
    if len(raw_a) == 4 and 1800 <= a <= 2100:
        end_year = (a // 100 * 100 + b) if len(raw_b) == 2 else b
        if len(raw_b) in (2, 4) and a < end_year <= a + 20 and sep != ":":
            return _matched(match, a, YEAR, high=float(end_year))
        return None
    if len(raw_a) > 3 or len(raw_b) > 3 or (raw_a.startswith("0") and len(raw_a) > 1):
        return None
    unit_follows = _UNIT.match(after.lstrip()) or _scale_at(after.lstrip()) is not None
    small = a <= 30 and b <= 30
    # "Brazil 0-3 Netherlands": a result between two named sides.
    between_names = _NAME_BEFORE.search(before) and _NAME_AFTER.match(after)
    if (
        small
        and not unit_follows
        and (sep == ":" or a >= b or between_names or _SPORT.search(before + " " + after))
    ):
        return _matched(match, a, SCORE, high=float(b))
    if sep == ":" or a >= b:
        return None
    quantity = _quantity(text, match.end("sep"), lang, prefix_from=match.start())
    if quantity is None:
        return None
    factor = quantity.scale
    return Figure(
        float(a) * factor,
        RANGE,
        unit=quantity.unit,
        scale=factor,
        high=quantity.value,
        surface=text[quantity.start : quantity.end],
        start=quantity.start,
        end=quantity.end,
    )


def _read_number(text: str, start: int, lang: str | None) -> tuple[float, int, bool] | None:
    """The number written from ``start``: (value, end, has a fraction part)."""
    match = re.compile(r"\d+").match(text, start)
    if not match:
        return None
    integer, end = match.group(), match.end()
    decimal_mark = "," if lang in _DECIMAL_COMMA else "."
    separator = None
    if len(integer) <= 3 and end < len(text) and text[end] in _GROUPING:
        sep = text[end]
        groups = re.compile(rf"(?:{re.escape(sep)}\d{{3}})+(?!\d)").match(text, end)
        if groups:
            ambiguous = sep in ",." and len(groups.group()) == 4
            is_decimal = ambiguous and sep == decimal_mark
            if not is_decimal and not (sep == " " and _looks_like_two_numbers(text, groups.end())):
                separator = sep
                integer += re.sub(r"\D", "", groups.group())
                end = groups.end()
    value = float(integer)
    fraction = False
    marks = {".", ","} - {separator}
    if end + 1 < len(text) and text[end] in marks and text[end + 1].isdigit():
        digits = re.compile(r"\d+").match(text, end + 1).group()
        value = float(f"{integer}.{digits}")
        end += 1 + len(digits)
        fraction = True
    if end < len(text) and text[end] in _FRACTIONS:
        value += _FRACTIONS[text[end]]
        end += 1
        fraction = True
    else:
        mixed = re.compile(r"[-\s](\d{1,2})/(\d{1,2})(?![\d/])").match(text, end)
        if mixed and int(mixed.group(2)) > int(mixed.group(1)) > 0 and not fraction:
            value += int(mixed.group(1)) / int(mixed.group(2))
            end = mixed.end()
            fraction = True
    return value, end, fraction


def _looks_like_two_numbers(text: str, end: int) -> bool:
    """ "in 2015 200 people" is not grouped; "70 000 people" is."""
    return end < len(text) and text[end] in ",." and text[end + 1 : end + 2].isdigit()


def _scale_at(rest: str) -> tuple[float, int] | None:
    match = re.match(r"[^\W\d_]+\.?", rest)
    if not match:
        return None
    word = match.group().casefold()
    if word in _SCALES:
        return _SCALES[word], match.end()
    if word.rstrip(".") in _SCALES:
        return _SCALES[word.rstrip(".")], match.end() - 1
    return None


def _quantity(
    text: str, start: int, lang: str | None, *, prefix_from: int | None = None
) -> Figure | None:
    """The figure whose digits start at ``start``: the number with what
    stands around it (currency, scale words, a unit, an ordinal ending)."""
    read = _read_number(text, start, lang)
    if read is None:
        return None
    value, end, fraction = read
    begin = start if prefix_from is None else prefix_from
    currency = ""
    sign = _SIGN.search(text[max(0, begin - 5) : begin])
    if sign:
        currency = _CURRENCY_SIGNS[sign.group().strip().casefold()]
        begin -= len(sign.group())
    unit = ""
    magnitude = _MAGNITUDE_BEFORE.search(text[max(0, begin - 16) : begin])
    if magnitude and value < 10:
        unit = "magnitude"
        begin -= len(magnitude.group())
    scale = 1.0
    cursor = end
    while True:
        gap = re.compile(r"[\s-]?").match(text, cursor).end()
        rest = text[gap : gap + 20]
        found = _scale_at(rest)
        if found is None and currency and cursor == end:
            word = re.match(r"[mM]\.?(?![^\W_])", rest)
            found = (1e6, word.end()) if word else None
        if found is None:
            break
        scale *= found[0]
        cursor = gap + found[1]
    if scale != 1.0:
        end = cursor
    # A currency after the number: "10 €", "3 millones de dólares", "5 Mrd. Euro".
    after = re.compile(r"\s?(?:(?:de|d'|d’|di)\s?)?(€|£|\$|[^\W\d_]+)").match(text, end)
    if after and not currency:
        word = after.group(1).casefold()
        code = _CURRENCY_SIGNS.get(word) if word in "€£$" else _CURRENCY_WORDS.get(word)
        if code is None and word.upper() in _CURRENCY_CODES:
            code = word.upper()
        if code:
            currency, end = code, after.end()
    value *= scale
    if currency:
        return _figure(value, AMOUNT, currency, scale, text, begin, end)
    ordinal = _ORDINAL.match(text, end)
    if ordinal and not fraction and scale == 1.0:
        return _figure(value, ORDINAL, "", 1.0, text, begin, ordinal.end())
    if re.compile(r"s(?![^\W_])").match(text, end) and 1800 <= value <= 2090 and value % 10 == 0:
        return _figure(value, YEAR, "s", 1.0, text, begin, end + 1)  # the 1990s
    unit_match = _UNIT.match(text, end + (1 if text[end : end + 1] in "-\u00a0 " else 0))
    if not unit and value < 10 and _RICHTER.match(text, end):
        # "8.9 on the Richter scale", "8,9 grados en la escala de Richter".
        unit_match, unit = None, "magnitude"
    elif (
        unit_match
        and value < 10
        and _unit_name(unit_match) == "°"
        and _QUAKE_BEFORE.search(text[max(0, begin - 30) : begin])
    ):
        # "un terremoto de 8,9 grados": a quake's degrees are its magnitude.
        unit_match, unit = None, "magnitude"
    if unit_match and not unit:
        name = _unit_name(unit_match)
        attached = unit_match.start() == end
        if name == "%":
            return _figure(value, PERCENT, "%", scale, text, begin, unit_match.end())
        if unit_match.group().casefold() not in _ATTACHED_ONLY or attached:
            if name == "m" and fraction and scale == 1.0:
                return _figure(value * 1e6, COUNT, "", 1e6, text, begin, unit_match.end())
            return _figure(value, MEASURE, name, scale, text, begin, unit_match.end())
    if unit:
        return _figure(value, MEASURE, unit, scale, text, begin, end)
    four_digits = scale == 1.0 and not fraction and end - start == 4
    if four_digits and 1800 <= value <= 2100 and not _counts_a_noun(text, end):
        return _figure(value, YEAR, "", 1.0, text, begin, end)
    return _figure(value, COUNT, "", scale, text, begin, end)


def _unit_name(match: re.Match[str]) -> str:
    if match.group("pct"):
        return "%"
    for n, (name, _) in enumerate(_UNITS):
        if match.group(f"u{n}"):
            return name
    return ""


def _counts_a_noun(text: str, end: int) -> bool:
    """Whether a four-digit number is followed by what it counts ("2015
    people") rather than standing as a year ("in 2015, the")."""
    following = re.compile(r"\s+([^\W\d_]+)").match(text, end)
    return (
        bool(following) and following.group(1)[0].islower() and not is_stopword(following.group(1))
    )


def _matched(match: re.Match[str], value: float, kind: str, high: float | None = None) -> Figure:
    """A figure printed as the whole of ``match``."""
    return Figure(
        float(value), kind, high=high, surface=match.group(), start=match.start(), end=match.end()
    )


def _figure(value, kind, unit, scale, text, start, end) -> Figure:
    return Figure(float(value), kind, unit, scale, surface=text[start:end], start=start, end=end)


def _word_quantity(text: str, start: int, end: int, values: dict[str, float]) -> Figure | None:
    spelled = text[start:end]
    while True:
        words = [w for w in re.split(r"[\s-]+", spelled.casefold()) if w not in _JOINERS]
        # French tens written with hyphens ("soixante-dix", "quatre-vingt-dix").
        joined = re.sub(r"\s+", " ", spelled.casefold())
        words = [joined] if joined in values else _merge_hyphenated(words, values)
        value = _words_value(words, values)
        if value is not None or len(words) < 2:
            break
        # "um zwei", "one two": the first word stands apart (an article, a preposition).
        first = re.compile(r"\S+?(?:[\s-]+)").match(spelled)
        start += first.end()
        spelled = spelled[first.end() :]
    if value is None or (len(words) == 1 and words[0] in _ARTICLES):
        return None
    end = start + len(spelled)
    after = re.compile(r"\s?(?:(?:de|d'|d’|di)\s?)?([^\W\d_]+)").match(text, end)
    if after:
        code = _CURRENCY_WORDS.get(after.group(1).casefold())
        if code:
            return _figure(value, AMOUNT, code, 1.0, text, start, after.end())
    unit_match = _UNIT.match(text, end + (1 if text[end : end + 1] in "- " else 0))
    if unit_match:
        name = _unit_name(unit_match)
        if name == "%":
            return _figure(value, PERCENT, "%", 1.0, text, start, unit_match.end())
        if unit_match.group().casefold() not in _ATTACHED_ONLY:
            return _figure(value, MEASURE, name, 1.0, text, start, unit_match.end())
    return _figure(value, COUNT, "", 1.0, text, start, end)


def _merge_hyphenated(words: list[str], values: dict[str, float]) -> list[str]:
    """Re-join hyphenated words the table lists whole ("dix-sept")."""
    merged: list[str] = []
    for word in words:
        if merged and f"{merged[-1]}-{word}" in values:
            merged[-1] = f"{merged[-1]}-{word}"
        else:
            merged.append(word)
    return merged
