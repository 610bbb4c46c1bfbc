"""Turning article text into the pieces grouping compares: words, sentences,
content terms, quotes, figures and names. Plain functions over strings.

Everything here is deliberately cheap (regular expressions, no sentence
splitter library): grouping runs on every new article and only needs
evidence, not a faithful parse."""

import re
import unicodedata

# Hyphens and apostrophes inside words are spelling variants ("cease-fire",
# "ceasefire"; "Kyiv’s", "Kyiv's"): fold them before anything else.
_INNER_HYPHEN = re.compile(r"(?<=\w)[-‐‑](?=\w)")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’»)]*\s+(?=[\"“‘«(]?[A-Z0-9А-ЯЁ])")
_QUOTE = re.compile(r"“([^”]{8,600})”|\"([^\"]{8,600})\"|«([^»]{8,600})»|„([^“”]{8,600})[“”]")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*[\w]|\b[A-Z]\b")
_NUMBER = re.compile(
    r"(?<![\w.,])([$€£¥]\s?)?(\d{1,3}(?:[,\u00a0\u202f ]\d{3})+|\d+)(\.\d+)?"
    r"(\s?(?:%|per ?cent|percent|million|billion|trillion|thousand|bn\b|m\b|k\b))?",
    re.IGNORECASE,
)
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}
_SCALES["trillion"] = 1e12
_NAME = r"[A-Z][\w'’.-]*\w(?:\s+(?:of\s+|de\s+)?[A-Z][\w'’.-]*\w)*"
_VERB = r"(?:said|says|told|wrote|writes|reported|reports|added|stated|announced|confirmed)"
_SOURCE = re.compile(
    rf"(?i:according to|citing|cited by|told|{_VERB})\s+(?:the\s+)?({_NAME})"
    rf"|({_NAME})\s*,?\s+(?:\w+\s+){{0,1}}{_VERB}\b"
)


def _wordlist(text: str) -> list[str]:
    return text.split()


STOPWORDS = frozenset(
    _wordlist(
        """a about above after again against ago all almost also although am among an and another
    any are around as at be became because been before being below between both but by can
    could did do does doing done down during each either else even ever every few for from
    further had has have having he her here hers herself him himself his how however i if in
    into is it its itself just last later least less like made make many may me might more most
    much must my myself near neither new next no nor not now of off often on once one only or
    other others our ours ourselves out over own per perhaps rather said same say says saying
    see seen she should since so some still such than that the their theirs them themselves
    then there these they this those though through thus to told too toward towards under
    until up upon us very via was we were what when where whether which while who whom whose
    why will with within without would yet you your yours yourself also week weeks day days
    monday tuesday wednesday thursday friday saturday sunday year years month months time
    according reported report reports wrote added mr mrs ms dr s t"""
    )
)
# Capitalised words that start sentences or titles without naming anyone.
_NOT_NAMES = STOPWORDS | frozenset(
    _wordlist(
        "president minister secretary general chief prime foreign officials official spokesman "
        "spokeswoman spokesperson director head leader mayor governor chairman ceo"
    )
)

PREFIX = 6  # content terms are word prefixes: a cheap, language-agnostic stemmer


def normalize(text: str) -> str:
    """NFKC, unified apostrophes, hyphenated compounds joined."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    return _INNER_HYPHEN.sub("", text)


def words(text: str) -> list[str]:
    """Case-folded words of already normalized ``text``, possessive 's dropped."""
    return [w[:-2] if w.endswith("'s") else w for w in _WORD.findall(text.casefold())]


def content_terms(tokens: list[str]) -> list[str]:
    """Words that carry meaning, cut to their first letters."""
    return [w[:PREFIX] for w in tokens if len(w) > 2 and w not in STOPWORDS and not w.isdigit()]


def sentences(text: str) -> list[str]:
    """Paragraphs split at sentence ends; good enough for evidence."""
    out = []
    for paragraph in text.splitlines():
        paragraph = paragraph.strip()
        if paragraph:
            out.extend(s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip())
    return out


def quotes(text: str, *, min_words: int = 4) -> list[tuple[str, frozenset[str]]]:
    """Quoted spans of at least ``min_words`` words: (text, their content terms)."""
    found = []
    for match in _QUOTE.finditer(text):
        span = next(g for g in match.groups() if g)
        terms = frozenset(content_terms(words(span)))
        if len(span.split()) >= min_words and len(terms) >= 2:
            found.append((span.strip(), terms))
    return found


def figures(text: str, *, every: bool = False) -> frozenset[str]:
    """Distinctive numbers in a canonical form ("1,500" and "1500" agree; "$3.2 billion"
    becomes "$3200000000"). Years and bare small numbers are left out unless
    ``every``: every story of a season has them, so sharing one proves little,
    but two matched sentences that disagree on one ("2 days", "7 days") still
    tell two events apart."""
    found = set()
    for match in _NUMBER.finditer(text):
        currency, integer, decimal, unit = match.groups()
        digits = re.sub(r"\D", "", integer)
        value = float(digits + (decimal or ""))
        unit = (unit or "").strip().casefold().replace(" ", "")
        percent = unit in {"%", "percent"}
        scale = _SCALES.get(unit, 1.0)
        bare = not (every or currency or percent or unit or decimal)
        if bare and (value < 10 or (1900 <= value <= 2100 and len(digits) == 4)):
            continue
        value *= scale
        canonical = f"{value:.6g}" if value < 1e6 or value % 1e5 else f"{int(value)}"
        # Comparing every number is for spotting disagreement: "$3.2 million" and
        # "3.2 million dollars" agree, so the currency sign is left out there.
        sign = "" if every else (currency or "").strip()
        found.add(f"{sign}{canonical}{'%' if percent else ''}")
    return frozenset(found)


def names(sentence_list: list[str]) -> frozenset[str]:
    """Case-folded capitalised words that are not first in their sentence (nor
    stopwords): people, places, organisations."""
    found = set()
    for sentence in sentence_list:
        for match in _CAPITALISED.finditer(sentence):
            if match.start() == 0 or sentence[: match.start()].strip(' "“‘«(') == "":
                continue
            word = normalize(match.group()).casefold().rstrip(".")
            if word.endswith("'s"):
                word = word[:-2]
            if len(word) > 1 and word not in _NOT_NAMES:
                found.add(word)
    return frozenset(found)


def named_sources(sentence_list: list[str]) -> frozenset[str]:
    """Who the reporting relies on: the last word of a name right before or after
    "said", "told", "according to" ("Vladimir Putin said" and "Putin told" agree)."""
    found = set()
    for sentence in sentence_list:
        for match in _SOURCE.finditer(sentence):
            name = normalize(match.group(1) or match.group(2)).split()[-1].casefold()
            if name.endswith("'s"):
                name = name[:-2]
            if len(name) > 1 and name not in _NOT_NAMES:
                found.add(name.rstrip("."))
    return frozenset(found)
