"""Synthetic versions of a made-up story, with the truth about where each
sentence came from: for benchmarks and tests, never for real data.

The base story and the "foreign" sentences (same beat, same names, other
facts: the confusers a real aligner meets) are our own prose. A version is
the base story put through an outlet's habits: sentences dropped, moved,
merged or split, words replaced by synonyms or variant spellings, clauses
cut, figures changed and foreign sentences inserted.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .types import Alignment, VersionInput

BASE_STORY: tuple[tuple[str, ...], ...] = (
    (
        "Dock workers at the port of Valmora walked off the job on Tuesday, halting "
        "container traffic at the busiest harbour on the northern coast.",
        "The strike began at dawn after talks between the dockers' union and the port "
        "authority collapsed over pay and night-shift staffing.",
    ),
    (
        "Union leader Marta Keskin said the walkout would last at least 72 hours unless "
        "the authority returned to the table with a new offer.",
        "“We have been patient for eleven months, and patience has not paid the rent,” "
        "Keskin told reporters outside the main gate.",
        "About 4,200 workers are covered by the contract, which expired in March.",
    ),
    (
        "The port authority called the strike unlawful and said it would seek an injunction "
        "from the regional labour court on Wednesday.",
        "Its chief executive, Anton Brefeld, said the union's demand for a 14% raise over "
        "two years would force higher fees on shipping lines.",
        "“Nobody wins when ships sit idle in the bay,” Brefeld said in a statement.",
    ),
    (
        "By midday, at least nineteen vessels were waiting at anchor outside the breakwater, "
        "according to harbour-master data.",
        "Two car carriers were diverted to the smaller terminal at Ostrava Point, about "
        "60 kilometres to the east.",
    ),
    (
        "Exporters warned that a long stoppage would hit fruit growers hardest, because "
        "refrigerated containers cannot wait for weeks.",
        "The regional chamber of commerce estimated that each day of the strike costs the "
        "local economy around 9 million euros.",
        "Growers' association chair Ilse Varga said several members had already cancelled "
        "harvest shifts for the weekend.",
    ),
    (
        "The dispute is the third at Valmora in five years.",
        "A 2019 strike ended after nine days with a deal that raised wages by 6% and added "
        "a second rest break to the night shift.",
        "Labour economists say automation of the container cranes has sharpened the "
        "conflict, as the authority plans to cut crane operator posts by a fifth.",
    ),
    (
        "Transport minister Helena Dorn urged both sides to accept mediation and said the "
        "government was ready to appoint an independent arbitrator.",
        "“The port is too important to the country to be held hostage by a quarrel over "
        "shifts,” Dorn said during a visit to the rail freight yard.",
    ),
    (
        "Shipping line Nordholm said it would reroute its weekly service from Asia to the "
        "southern port of Carreno until the strike ends.",
        "Freight forwarders reported that spot rates for containers leaving the region had "
        "risen by a quarter since Monday.",
    ),
    (
        "Keskin said the union would hold a rally in the city centre on Thursday and invited "
        "other transport unions to join.",
        "Police said they expected several thousand people and would close the harbour "
        "boulevard to traffic for the afternoon.",
        "The authority said cruise passengers due on Friday would be taken ashore by tender "
        "boats if the berths were still blocked.",
    ),
)

FOREIGN_SENTENCES: tuple[str, ...] = (
    "Valmora's airport reported record passenger numbers for the summer season.",
    "A separate dispute over pensions closed the port of Carreno for two days last spring.",
    "Marta Keskin was first elected union leader in 2017 after a career as a crane operator.",
    "The port authority also announced a new board member with experience in logistics.",
    "Rail workers in the capital are due to vote on a pay offer next month.",
    "Fruit prices in city markets have been stable this year despite a dry summer.",
    "Anton Brefeld previously ran a ferry company that operated routes to the islands.",
    "The regional labour court is also hearing a case brought by airport cleaners.",
    "Nordholm reported higher quarterly profits, helped by strong demand on Asian routes.",
    "Helena Dorn became transport minister in a cabinet reshuffle last year.",
    "The harbour boulevard was rebuilt in 2021 with a new cycle lane and wider pavements.",
    "Tourism officials said hotel bookings in Valmora were up on last year.",
    "A new container terminal at Ostrava Point is due to open in two years' time.",
    "Shares in several shipping companies fell on Tuesday after weak trade figures from Asia.",
    "The chamber of commerce will publish its annual survey of exporters in October.",
    "Dock workers in neighbouring countries staged a one-day strike over safety rules in May.",
)

_SUBJECTS = (
    "A spokesman for the port authority",
    "The mayor of Valmora",
    "A shipping analyst in the capital",
    "One crane operator",
    "The opposition transport spokesman",
    "A fruit exporter from the valley",
    "The head of the local taxi drivers' association",
    "A ferry captain",
)
_CLAIMS = (
    "said the city had seen nothing like it since the floods",
    "called for calm on both sides of the dispute",
    "noted that the new cranes had been delivered late",
    "questioned whether the government would step in",
    "complained about queues of lorries on the ring road",
    "predicted that the talks would resume within days",
    "said insurance costs for idle ships were rising",
    "recalled the long winter of the previous strike",
)
_WHEN = ("on Tuesday", "late on Monday", "in a radio interview", "on social media", "at a briefing")

SYNONYMS: dict[str, tuple[str, ...]] = {
    "walked off": ("downed tools at", "left"),
    "halting": ("stopping", "freezing"),
    "busiest": ("largest", "most important"),
    "collapsed": ("broke down", "failed"),
    "said": ("stated", "noted"),
    "unless": ("if not",),
    "warned": ("cautioned",),
    "estimated": ("calculated",),
    "urged": ("called on",),
    "reported": ("said",),
    "expected": ("anticipated",),
    "demand": ("call",),
    "dispute": ("conflict",),
    "strike": ("walkout", "stoppage"),
    "workers": ("employees",),
    "harbour": ("harbor",),
    "labour": ("labor",),
    "around": ("about", "roughly"),
    "several": ("a number of",),
}

NUMBER_CHANGES: dict[str, str] = {
    "72": "48",
    "4,200": "4,000",
    "14%": "15%",
    "nineteen": "twenty",
    "60": "70",
    "9 million": "10 million",
    "6%": "5%",
    "eleven": "ten",
}


@dataclass(frozen=True)
class Quality:
    precision: float
    recall: float
    absorbed: float  # share of foreign sentences placed in a base passage

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(frozen=True)
class SyntheticStory:
    """Versions plus, per version, the base sentence ids each sentence carries
    (empty for a foreign sentence), in the version's sentence order. The base
    story is version "v000"."""

    versions: tuple[VersionInput, ...]
    origins: dict[str, tuple[frozenset[int], ...]]

    def quality(self, result: Alignment) -> Quality:
        """Pair precision and recall of ``result`` against the truth, scored
        as the seeds gold is: every (base sentence, version sentence) pair in
        one passage is a link (a member moved to keep its version's order
        counting in the passage it carries), right when the version sentence carries that
        base sentence or one some version folded together with it.
        """
        passage_of = self._true_passages()
        right = predicted = absorbed = foreign = 0
        found = set()
        for passage in result.passages:
            if passage.moved_from is not None:
                continue  # counted with the passage it carries
            members = result.carried(passage)
            base = next((m for m in members if m.version == "v000"), None)
            for member in members:
                if member.version == "v000":
                    continue
                for j in member.sentences:
                    carried = self.origins[member.version][j]
                    foreign += not carried
                    absorbed += base is not None and not carried
                    for i in base.sentences if base else ():
                        predicted += 1
                        right += any(passage_of[i] == passage_of[k] for k in carried)
                        if i in carried:
                            found.add((member.version, i, j))
        truth = sum(len(o) for v, carried in self.origins.items() if v != "v000" for o in carried)
        return Quality(
            precision=right / predicted if predicted else 1.0,
            recall=len(found) / truth if truth else 1.0,
            absorbed=absorbed / foreign if foreign else 0.0,
        )

    def _true_passages(self) -> dict[int, int]:
        """Base sentence → the lowest base sentence folded together with it."""
        group = {i: i for carried in self.origins.values() for o in carried for i in o}
        for folded in {o for carried in self.origins.values() for o in carried if len(o) > 1}:
            merged = {group[k] for k in folded}
            for i in group:
                if group[i] in merged:
                    group[i] = min(merged)
        return group


def make_story(count: int, *, seed: int = 0, intensity: float = 1.0) -> SyntheticStory:
    """``count`` versions of the base story; version "v000" is the base itself.

    ``intensity`` scales how often each habit strikes (0 gives exact copies).
    """
    rng = random.Random(seed)
    versions = []
    origins = {}
    for number in range(count):
        version_id = f"v{number:03d}"
        paragraphs = _base_paragraphs()
        if number:
            paragraphs = _perturb(paragraphs, rng, intensity)
        text = "\n\n".join(" ".join(text for text, _ in para) for para in paragraphs if para)
        versions.append(VersionInput(id=version_id, text=text, label=f"Outlet {number}"))
        origins[version_id] = tuple(origin for para in paragraphs for _, origin in para if para)
    return SyntheticStory(versions=tuple(versions), origins=origins)


Paragraphs = list[list[tuple[str, frozenset[int]]]]


def _base_paragraphs() -> Paragraphs:
    paragraphs, number = [], 0
    for paragraph in BASE_STORY:
        paragraphs.append([])
        for sentence in paragraph:
            paragraphs[-1].append((sentence, frozenset({number})))
            number += 1
    return paragraphs


def _perturb(paragraphs: Paragraphs, rng: random.Random, intensity: float) -> Paragraphs:
    def chance(p: float) -> bool:
        return rng.random() < p * intensity

    result: Paragraphs = []
    for paragraph in paragraphs:
        kept = [sentence for sentence in paragraph if not chance(0.12)]
        if len(kept) > 1 and chance(0.08):
            first, second = kept[0], kept[1]
            merged = first[0].rstrip(".") + ", and " + second[0][0].lower() + second[0][1:]
            kept[:2] = [(merged, first[1] | second[1])]
        kept = [_split(s) if chance(0.06) else [s] for s in kept]
        sentences = [s for group in kept for s in group]
        sentences = [(_reword(text, rng, intensity), origin) for text, origin in sentences]
        if chance(0.25):
            sentences.insert(rng.randrange(len(sentences) + 1), (_foreign(rng), frozenset()))
        result.append(sentences)
    if len(result) > 2 and chance(0.3):
        moved = result.pop(rng.randrange(len(result)))
        result.insert(rng.randrange(len(result) + 1), moved)
    return result


def _foreign(rng: random.Random) -> str:
    """A sentence the base story does not carry: a stock one, or a made-up
    remark on the same beat (so many versions add material of their own)."""
    if rng.random() < 0.5:
        return rng.choice(FOREIGN_SENTENCES)
    return f"{rng.choice(_SUBJECTS)} {rng.choice(_CLAIMS)} {rng.choice(_WHEN)}."


def _split(sentence: tuple[str, frozenset[int]]) -> list[tuple[str, frozenset[int]]]:
    text, origin = sentence
    head, comma, tail = text.partition(", ")
    if not comma or len(head.split()) < 5 or len(tail.split()) < 5 or "“" in text:
        return [sentence]
    return [(head + ".", origin), (tail[0].upper() + tail[1:], origin)]


def _reword(text: str, rng: random.Random, intensity: float) -> str:
    for word, replacements in SYNONYMS.items():
        if f" {word} " in text and rng.random() < 0.3 * intensity:
            text = text.replace(f" {word} ", f" {rng.choice(replacements)} ", 1)
    for figure, other in NUMBER_CHANGES.items():
        if figure in text and rng.random() < 0.1 * intensity:
            text = text.replace(figure, other, 1)
    if rng.random() < 0.15 * intensity and ", " in text and "“" not in text:
        head, _, tail = text.rpartition(", ")
        if len(tail.split()) <= 8:
            text = head + "."
    return text
