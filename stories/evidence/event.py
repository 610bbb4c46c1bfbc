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
from dataclasses import dataclass
from datetime import date

from stories.text.figures import AMOUNT, COUNT, MEASURE, PERCENT, SCORE, Figure, same_figure
from stories.text.figures import figures as read_figures
from stories.text.names import name_key
from stories.text.stopwords import likely_language

MONTHS = frozenset(
    (
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december",
    )
)  # fmt: skip

# Two key figures of one kind agree when they are this close (a magnitude
# revised from 7.8 to 7.9, a price rounded): 3%.
FIGURE_TOLERANCE = 0.03
# A result is a score line of small numbers ("7-1", "3-0"); "24-7" is not.
MAX_GOALS = 20
# Whole numbers in this span are more often years than counts.
FIRST_YEAR, LAST_YEAR = 1900, 2100


@dataclass(frozen=True, slots=True)
class KeyFigures:
    """The key figures of a passage, read by the text layer and kept by kind.

    ``scores``: results as "high-low" ("1-7" and "7–1" are one result);
    ``money``: amounts, as (value, currency); ``decimals``: quantities with a
    fraction part, percentages aside, as (value, unit) ("magnitude 7.8",
    "9.58 seconds"). These identify an occasion: two reports that give
    different ones report two. ``counts`` (whole numbers of 10 and more,
    years aside) and ``percents`` are evidence when two leads give the same
    one ("150 on board", "51.9%"), never against: tolls rise, and a vote's
    share is given for either side."""

    scores: frozenset[str] = frozenset()
    money: tuple[tuple[float, str], ...] = ()
    decimals: tuple[tuple[float, str], ...] = ()
    counts: frozenset[int] = frozenset()
    percents: tuple[float, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.scores or self.money or self.decimals)

    def as_lists(self) -> list:
        return [
            sorted(self.scores),
            [list(m) for m in self.money],
            [list(d) for d in self.decimals],
            sorted(self.counts),
            list(self.percents),
        ]

    @classmethod
    def from_lists(cls, data: list) -> "KeyFigures":
        scores, money, decimals, counts, percents = data
        return cls(
            frozenset(scores),
            tuple((value, unit) for value, unit in money),
            tuple((value, unit) for value, unit in decimals),
            frozenset(counts),
            tuple(percents),
        )


NO_FIGURES = KeyFigures()


def key_figures(text: str, lang: str | None = None) -> KeyFigures:
    """The key figures of ``text`` (``lang``: its language, guessed from
    its words when not given), as the text layer reads them: dates, times
    and years are never amounts, and figures spelled out in words are the
    rounded background of news prose, not the details a report is known by."""
    lang = lang or likely_language(text)
    scores, money, decimals, counts, percents = set(), set(), set(), set(), set()
    for figure in read_figures(text, lang):
        if figure.spelled:
            continue
        if figure.kind == SCORE and figure.high is not None:
            high, low = sorted((figure.value, figure.high), reverse=True)
            if high <= MAX_GOALS:
                scores.add(f"{high:g}-{low:g}")
        elif figure.kind == AMOUNT:
            money.add((figure.value, figure.unit))
        elif figure.kind == PERCENT:
            percents.add(figure.value)
        elif (
            figure.kind in (COUNT, MEASURE)
            and figure.scale == 1.0
            and figure.value != int(figure.value)
        ):
            decimals.add((figure.value, figure.unit))
        elif (
            figure.kind == COUNT
            and figure.value >= 10
            and figure.scale == 1.0
            and not FIRST_YEAR <= figure.value <= LAST_YEAR  # "Beijing 2008"
        ):
            counts.add(int(figure.value))
    return KeyFigures(
        frozenset(scores),
        tuple(sorted(money)),
        tuple(sorted(decimals)),
        frozenset(counts),
        tuple(sorted(percents)),
    )


def _agree(kind: str, mine: tuple[float, str], theirs: tuple[float, str]) -> bool:
    """Whether two key figures of one kind state one value, within
    ``FIGURE_TOLERANCE``, their units agreeing as the text layer has them."""
    (a, unit_a), (b, unit_b) = mine, theirs
    if abs(a - b) > FIGURE_TOLERANCE * max(abs(a), abs(b)):
        return False
    return same_figure(Figure(a, kind, unit_a), Figure(a, kind, unit_b))


def _matches(kind: str, values, others) -> bool:
    return any(_agree(kind, a, b) for a in values for b in others)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= FIGURE_TOLERANCE * max(abs(a), abs(b))


def figures_conflict(lead: KeyFigures, other: KeyFigures) -> bool:
    """Whether ``lead``'s key figures (one article's headline and lead) find
    no counterpart among ``other``'s (all of the other article's), while the
    other does give figures of that kind and unit. A version that leaves a
    figure out does not conflict; one that gives another does.

    Sums are compared currency by currency: a report converting the price
    into euros on another day gives another sum in euros ("23,200 million"
    in June, "nearly 25,000 million" at the closing in December). Measures
    with a unit are compared with the other's of that unit: "19.19 seconds"
    finds no counterpart among another race's times, however much the
    report recalls the earlier one's bare "9.58"."""
    if lead.scores and other.scores and not lead.scores & other.scores:
        return True
    return _unit_conflict(AMOUNT, lead.money, other.money) or _unit_conflict(
        MEASURE, lead.decimals, other.decimals
    )


def _unit_conflict(kind: str, mine, theirs) -> bool:
    if not mine or not theirs:
        return False
    if not _matches(kind, mine, theirs):
        return True
    units = {unit for _, unit in mine if unit}
    for unit in units:
        of_unit = [f for f in theirs if f[1] == unit]
        if of_unit and not _matches(kind, [f for f in mine if f[1] == unit], of_unit):
            return True
    return False


def figures_shared(lead: KeyFigures, other: KeyFigures) -> int:
    """How many kinds of key figure agree (counts and percentages aside)."""
    return (
        bool(lead.scores & other.scores)
        + _matches(AMOUNT, lead.money, other.money)
        + _matches(MEASURE, lead.decimals, other.decimals)
    )


def _firsts_conflict(mine: KeyFigures, theirs: KeyFigures) -> bool:
    """Whether two headlines-and-first-sentences give different results or
    measures ("lost 3-0" against "beaten 7-1"). Sums are left to the whole
    text: a first sentence gives the price a share, another the total."""
    return figures_conflict(
        KeyFigures(scores=mine.scores, decimals=mine.decimals),
        KeyFigures(scores=theirs.scores, decimals=theirs.decimals),
    )


def percents_shared(lead: KeyFigures, other: KeyFigures) -> bool:
    return any(_close(a, b) for a in lead.percents for b in other.percents)


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
    figure_alike_names: int = 1


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


def days_apart(new, member) -> float | None:
    """Days between two Documents' known dates, None unless both are dated."""
    if new.published and member.published:
        return abs((new.published - member.published).total_seconds()) / 86400
    return None


def _calendar(month_day: int, year: int) -> date | None:
    try:
        return date(year, month_day // 100, month_day % 100)
    except ValueError:  # "31.02", or a number that only looked like a date
        return None


def written_days_apart(new, member) -> float | None:
    """Days between what two Documents say of when, where one or both are
    undated: a known date against a date the other's lead writes, or dates
    both leads write; the nearest pair, None when nothing can be compared.
    A date written without its year is read in the known date's year, or as
    a day of the year against another written date. A lead that looks back
    (an anniversary) writes the day it recalls, not its own: it tells nothing."""
    if new.looks_back or member.looks_back:
        return None
    pairs = []
    for known, other in ((new, member), (member, new)):
        if known.published is not None and other.published is None:
            day = known.published.date()
            pairs += [(day, _calendar(md, year or day.year)) for md, year in other.lead_dates]
    if new.published is None and member.published is None:
        for md, year in new.lead_dates:
            for other_md, other_year in member.lead_dates:
                # Without both years, the day of the year alone (in any leap year).
                a, b = (year, other_year) if year and other_year else (2000, 2000)
                pairs.append((_calendar(md, a), _calendar(other_md, b)))
    apart = [abs((a - b).days) for a, b in pairs if a is not None and b is not None]
    return float(min(apart)) if apart else None


def names_across(new, member) -> frozenset[str]:
    """The names of one's lead that the other also gives, each spelled as it
    carries across languages (``name_key``: "Berlín" is "Berlin",
    "Ankara'nın" is "Ankara"), months aside."""
    return (
        (_keys(new.lead_names) & member.name_keys) | (_keys(member.lead_names) & new.name_keys)
    ) - MONTHS


def _keys(names) -> frozenset[str]:
    return frozenset(map(name_key, names))


def event_conflict(new, member, *, rule: EventRule) -> str:
    """Why two Documents cannot report one event, in any language, or "":
    known dates more than ``rule.days`` apart, or key figures that disagree
    (values and units are read by the text layer in each one's language),
    or another stage of a process in the first sentence (stages are read in
    every language the text layer knows)."""
    days = days_apart(new, member)
    if days is not None and days > rule.days:
        return f"{days:.0f} days apart"
    if (
        figures_conflict(new.lead_figures, member.key_figures)
        or figures_conflict(member.lead_figures, new.key_figures)
        or _firsts_conflict(new.first_figures, member.first_figures)
    ):
        return "key figures disagree"
    if new.stages != member.stages:
        # One reports the deal, the other its approval or closing: the same
        # price and cast on another occasion.
        return "another stage of the process"
    return ""


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
    evidence.days = days_apart(new, member)
    evidence.conflict = event_conflict(new, member, rule=rule)
    if evidence.conflict:
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
    # Undated, a report's lead often says when ("on 15 September"): a date it
    # writes agreeing with the other's is the same evidence, never a conflict
    # (a lead may recall an earlier day).
    when = evidence.days if evidence.days is not None else written_days_apart(new, member)
    dated = (
        when is not None
        and when <= rule.days
        and evidence.lead_cosine >= rule.dated_lead_cos
        and len(evidence.names) >= rule.dated_names
    )
    # Leads alike in words, and no more, are the weakest evidence: an
    # anniversary retells the day in the same words and names.
    very_alike = (
        evidence.lead_cosine >= rule.alike_cos
        and len(evidence.names) >= rule.alike_names
        and not (new.looks_back or member.looks_back)
    )
    # A key figure both leads give, in leads alike enough on their own, needs
    # no second name: an aggregator's brief names the buyer and the bought
    # once each, the first as its sentence's first word.
    figure_alike = (
        evidence.shared_figures > 0
        and evidence.lead_cosine >= max(rule.lead_cos, rule.alike_cos)
        and len(evidence.names) >= rule.figure_alike_names
    )
    evidence.same = figure_alike or (alike and (evidence.shared_figures > 0 or dated or very_alike))
    return evidence
