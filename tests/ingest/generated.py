"""Generated news texts for the parser: made up here, so they can be varied
freely and never copy a real capture."""

import random

SUBJECTS = [
    "The minister",
    "Officials in the capital",
    "The company",
    "Local residents",
    "The central bank",
    "Rescue teams",
    "The coalition",
    "Union leaders",
]
VERBS = [
    "said on Tuesday that",
    "warned that",
    "announced that",
    "confirmed that",
    "argued in a statement that",
    "told reporters that",
]
CLAUSES = [
    "the talks would resume next month after a long pause",
    "the budget for the project had doubled since the spring",
    "the bridge would stay closed until the inspection is over",
    "more than 1,500 people had been moved from the flooded districts",
    "the agreement still needed the approval of the parliament",
    "prices for heating would rise again over the winter months",
]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(CLAUSES)}."


def paragraph(rng: random.Random, sentences: int = 2) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def article(seed: int, *, paragraphs: int = 6) -> dict:
    """Parts of a generated article: headline, standfirst, byline, body paragraphs."""
    rng = random.Random(seed)
    return {
        "headline": f"Talks on the {rng.choice(['budget', 'bridge', 'treaty', 'strike'])} "
        f"resume as deadline nears {seed}",
        "standfirst": "Negotiators hope to close the remaining gaps before the end of the year",
        "byline": f"By {rng.choice(['Anna', 'Pavel', 'Maria'])} {rng.choice(['Kovac', 'Lund'])}",
        "paragraphs": [paragraph(rng, rng.randint(1, 3)) for _ in range(paragraphs)],
    }
