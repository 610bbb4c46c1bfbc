"""The second question: is this a report of the same event?

Independent reports of one event (another agency, another newsroom) share
hardly a sentence, but they agree on what happened, where and when: the same
rare names in their leads, the same key figures (a magnitude, a score, a
winning time, a price), dates within days. The same actors or place on
another occasion (a later quake, the next match, the deal closing months on)
agree on who and where and disagree on the rest, so every one of these must
agree, not only the names.

Key figures are the ones that identify an occasion and do not drift as
reporting goes on: decimals with their unit (magnitude 7.8, 9.58 seconds),
sums of money, results ("7-1"). Counts of people are left out on purpose:
tolls rise hour by hour, and two reports of one quake give 900 and 1,800
dead."""

import math
import re
from dataclasses import dataclass

# "7-1", "3–0": a result. Digits on either side only, so dates and ranges of
# larger numbers do not pass for scores.
_SCORE = re.compile(r"(?<![\w.,/-])(\d{1,2})\s?[-–](\s?)(\d{1,2})(?![\w.,/%-]|\s?(?:%|per))")
_MONEY = re.compile(
    r"(?:([$€£¥])\s?(\d+(?:[.,]\d+)?)\s?(bn|billion|m\b|million|tr|trillion)?)"
    r"|(?:(\d+(?:[.,]\d+)?)\s?(billion|million|trillion|bn)\s(?:dollars|euros|pounds|yen))",
    re.IGNORECASE,
)
_DECIMAL = re.compile(r"(?<![\w.,$€£¥])(\d{1,3}\.\d{1,2})(?![\d.,]|\s?(?:%|per ?cent|percent))")
_SCALE = {"bn": 1e9, "billion": 1e9, "m": 1e6, "million": 1e6, "tr": 1e12, "trillion": 1e12}
# A whole number that is not part of a date ("21 July", "July 21"), a time
# ("12:20") or a word.
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"|(?:janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)[a-zé]*"
    r"|(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)"
    r"|(?:januar|februar|märz|juni|juli|oktober|dezember)"
)
_COUNT = re.compile(r"(?<![\w.,:$€£¥-])(\d{1,3}(?:,\d{3})+|\d+)(?![\w.,:%-]|\s?(?:%|per))")
_MONTH_BEFORE = re.compile(rf"(?i:\b(?:{_MONTH}))\s$")
_MONTH_AFTER = re.compile(rf"\s(?i:{_MONTH})\b")
MONTHS = frozenset(
    (
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december",
    )
)  # fmt: skip

# Two key figures of one kind agree when they are this close (a magnitude
# revised from 7.8 to 7.9, a price rounded): 3%.
FIGURE_TOLERANCE = 0.03


@dataclass(frozen=True, slots=True)
class KeyFigures:
    """Key figures by kind ("score", "money", "decimal")."""

    scores: frozenset[str] = frozenset()
    money: tuple[float, ...] = ()
    decimals: tuple[float, ...] = ()
    # Whole numbers of 10 and more, years aside: evidence when two leads give
    # the same one ("150 on board"), never against (tolls rise).
    counts: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.scores or self.money or self.decimals)

    def as_lists(self) -> list:
        return [sorted(self.scores), list(self.money), list(self.decimals), sorted(self.counts)]

    @classmethod
    def from_lists(cls, data: list) -> "KeyFigures":
        scores, money, decimals, counts = data
        return cls(frozenset(scores), tuple(money), tuple(decimals), frozenset(counts))


NO_FIGURES = KeyFigures()


def key_figures(text: str) -> KeyFigures:
    """The key figures of raw ``text`` (before hyphens are folded)."""
    scores = set()
    for match in _SCORE.finditer(text):
        high, low = sorted((int(match.group(1)), int(match.group(3))), reverse=True)
        if high <= 20:
            scores.add(f"{high}-{low}")
    money = []
    money_spans = []
    for match in _MONEY.finditer(text):
        number = (match.group(2) or match.group(4)).replace(",", ".")
        scale = _SCALE.get((match.group(3) or match.group(5) or "").casefold(), 1.0)
        try:
            money.append(float(number) * scale)
        except ValueError:
            continue
        money_spans.append(match.span())
    decimals = []
    for match in _DECIMAL.finditer(text):
        if any(a <= match.start() < b for a, b in money_spans):
            continue
        decimals.append(float(match.group(1)))
    taken = money_spans + [m.span() for m in _SCORE.finditer(text)]
    counts = set()
    for match in _COUNT.finditer(text):
        if any(a <= match.start() < b for a, b in taken):
            continue
        start, end = match.span()
        if _MONTH_BEFORE.search(text, max(0, start - 14), start) or _MONTH_AFTER.match(text, end):
            continue  # a date: "21 July", "July 21"
        value = int(re.sub(r"\D", "", match.group(1)))
        if value >= 10 and not 1900 <= value <= 2100:
            counts.add(value)
    return KeyFigures(
        frozenset(scores),
        tuple(sorted(set(money))),
        tuple(sorted(set(decimals))),
        frozenset(counts),
    )


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= FIGURE_TOLERANCE * max(abs(a), abs(b))


def _matches(values, others) -> bool:
    return any(_close(a, b) for a in values for b in others)


def figures_conflict(lead: KeyFigures, other: KeyFigures) -> bool:
    """Whether ``lead``'s key figures (one article's headline and lead) find
    no counterpart of their kind among ``other``'s (all of the other
    article's), while the other does give figures of that kind. A version
    that leaves a figure out does not conflict; one that gives another does."""
    if lead.scores and other.scores and not lead.scores & other.scores:
        return True
    if lead.money and other.money and not _matches(lead.money, other.money):
        return True
    return bool(lead.decimals and other.decimals and not _matches(lead.decimals, other.decimals))


def figures_shared(lead: KeyFigures, other: KeyFigures) -> int:
    """How many kinds of key figure agree (counts aside)."""
    return (
        bool(lead.scores & other.scores)
        + _matches(lead.money, other.money)
        + _matches(lead.decimals, other.decimals)
    )


def lead_cosine(mine: dict[str, float], theirs: dict[str, float]) -> float:
    """Cosine of two unit-length weighted term vectors."""
    if len(theirs) < len(mine):
        mine, theirs = theirs, mine
    return sum(w * theirs.get(term, 0.0) for term, w in mine.items())


def unit_vector(terms, idf) -> dict[str, float]:
    counts: dict[str, int] = {}
    for term in terms:
        counts[term] = counts.get(term, 0) + 1
    vector = {term: (1.0 + math.log(n)) * idf(term) for term, n in counts.items()}
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    return {term: w / norm for term, w in vector.items()}


@dataclass(frozen=True, slots=True)
class EventRule:
    """When two articles report one event: ``Thresholds.event_rule()`` makes
    one, and the reasons for the values are given there."""

    lead_cos: float
    names: int
    days: float
    dated_lead_cos: float
    dated_names: int
    alike_cos: float
    alike_names: int


@dataclass(slots=True)
class EventEvidence:
    """How one article's account of what happened compares with another's."""

    member: object
    lead_cosine: float = 0.0
    names: frozenset[str] = frozenset()
    shared_figures: int = 0  # kinds of key figure both leads give and agree on
    conflict: str = ""  # why the two cannot be one event, or ""
    days: float | None = None
    same: bool = False


def compare_events(new, member, *, idf, rule: EventRule, vector=None) -> EventEvidence:
    """Whether ``new`` and ``member`` (Documents) report one event.

    Apart, whatever else they share: key figures that disagree (in either
    lead, against all the other's figures; or the two headlines and first
    sentences, which give the occasion's own: "lost 3-0" against "beaten
    7-1", however much of the other each recalls further down), or known
    dates more than ``rule.days`` apart. Together: leads alike in wording
    (``lead_cos``), the same rare names in them, and either a key figure both
    leads give, or known dates within the rule (then with a little more
    likeness asked for), or, with neither, leads far more alike than two
    occasions' ever are (``alike_cos``)."""
    evidence = EventEvidence(member=member.key)
    if new.published and member.published:
        evidence.days = abs((new.published - member.published).total_seconds()) / 86400
        if evidence.days > rule.days:
            evidence.conflict = f"{evidence.days:.0f} days apart"
            return evidence
    if (
        figures_conflict(new.lead_figures, member.key_figures)
        or figures_conflict(member.lead_figures, new.key_figures)
        or figures_conflict(new.first_figures, member.first_figures)
    ):
        evidence.conflict = "key figures disagree"
        return evidence
    mine = vector if vector is not None else unit_vector(new.lead_terms, idf)
    evidence.lead_cosine = lead_cosine(mine, unit_vector(member.lead_terms, idf))
    evidence.names = ((new.lead_names & member.names) | (member.lead_names & new.names)) - MONTHS
    # A count is the occasion's own only where both first sentences give it
    # ("killing all 150 on board"); further down, a report recalls the toll
    # of the event it follows up.
    evidence.shared_figures = figures_shared(new.lead_figures, member.lead_figures) + bool(
        new.first_figures.counts & member.first_figures.counts
    )
    alike = evidence.lead_cosine >= rule.lead_cos and len(evidence.names) >= rule.names
    dated = (
        evidence.days is not None
        and evidence.lead_cosine >= rule.dated_lead_cos
        and len(evidence.names) >= rule.dated_names
    )
    very_alike = evidence.lead_cosine >= rule.alike_cos and len(evidence.names) >= rule.alike_names
    evidence.same = alike and (evidence.shared_figures > 0 or dated or very_alike)
    return evidence
