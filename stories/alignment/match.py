"""Sentence similarity: TF-IDF over content-word stems, and the rule that turns
scores into links.

Features are 6-character prefixes of content words (a cheap stemmer that
also survives inflection and translation noise) and pairs of neighbouring
prefixes, with sublinear term frequency. IDF is fitted on the story itself.

Document frequency is counted per version: a term's weight depends on how
many sentences of a version carry it on average, not on how many versions
the story has. A term that is in one sentence of every version (the words of
one passage) weighs like a word in one sentence of one version, so scores,
and the thresholds tuned on them, mean the same at 5 versions and at 500,
and adding an unrelated version changes no other version's vectors.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from stories.text.normalize import (
    VariantTable,
    canonical,
    expand_contraction,
    inflection_base,
    ing_base,
    is_content,
    plural_base,
    tokenize,
)
from stories.text.quotes import quote_spans

Vector = dict[str, float]

STEM = 6
# A name (a capitalised word inside a sentence) counts this much of a word.
NAME_WEIGHT = 0.5
# Weight of a term = ln(1 + SPREAD / sentences-per-version carrying it).
SPREAD = 12.0
# Below MIN_SCORE nothing links. Between MIN_SCORE and STRONG a link needs
# the pair to be each other's best; from STRONG up, being the best of either
# side is enough (which is what lets one sentence take two, or two one).
MIN_SCORE = 0.15
STRONG = 0.35


def features(text: str, table: VariantTable) -> Counter[str]:
    """Stem unigrams and bigrams of the content words of ``text``.

    Names (capitalised words inside the sentence) count NAME_WEIGHT: they are
    what same-beat sentences about other facts share. A sentence with no
    content word ("It is.") falls back to all its words, and one with no
    word at all to its canonical text, so no sentence has an empty vector and
    an exact copy always finds its original. An "-ing" word is read as its
    base where the sentence itself has the base's "-ed" form (``settle``).
    """
    counts = analyse(text, table)[0]
    return settle(counts, verbs([counts]))


def analyse(text: str, table: VariantTable) -> tuple[Counter[str], frozenset[str]]:
    """``features`` of a sentence with its "-ed" and "-ing" stems still
    marked (``Vectorizer`` settles them for the whole story), and the stems
    it uses only as names."""
    stems = _stems(text, table)
    if not stems:
        return Counter({"=" + canonical(text).strip(): 1}), frozenset()
    counts: Counter[str] = Counter()
    for stem, name in stems:
        counts[stem] += NAME_WEIGHT if name else 1.0
    for (a, a_name), (b, b_name) in itertools.pairwise(stems):
        counts[f"{a} {b}"] += NAME_WEIGHT if (a_name and b_name) else 1.0
    plain = {_plain(s, frozenset()) for s, name in stems if not name}
    only_names = {s for s, name in stems if name} - plain
    return counts, frozenset(only_names)


def _stems(text: str, table: VariantTable) -> list[tuple[str, bool]]:
    """(stem, is a name) for the content words, or for all words if none.

    A stem is the first STEM letters of the word without an English "-ed"
    (``inflection_base``: "stopped" is "stop"), marked for ``settle``.
    """
    words = [
        (word, n > 0 and capital)
        for n, (key, capital) in enumerate(_words(text, table))
        for word in _parts(key, table)
    ]
    chosen = [(w, name) for w, name in words if is_content(w)] or words
    return [(_stem(w, name), name) for w, name in chosen]


@lru_cache(maxsize=20_000)
def _words(text: str, table: VariantTable) -> tuple[tuple[str, bool], ...]:
    """The matching key of each word of ``text`` and whether it is capitalised
    (read once for the features and once for the quoted phrases)."""
    return tuple((token.key, token.surface[:1].isupper()) for token in tokenize(text, table))


# Until ``Vectorizer`` has seen the whole story, a stem cut from an "-ed"
# word carries VERB_MARK ("kill+") and an "-ing" word's stem its base after
# ING_MARK ("killin/kill"); ``settle`` reads them as plain stems.
VERB_MARK = "+"
ING_MARK = "/"


def _stem(word: str, name: bool) -> str:
    """The first STEM letters of the word without "-ed", marked as a verb's;
    for an "-ing" word that is no name, its own stem and its base's."""
    cut = inflection_base(word)
    stem = cut[:STEM]
    if name:
        return stem
    if cut != word:
        return stem + VERB_MARK
    base = ing_base(word)
    if base is None or base[:STEM] == stem:
        return plural_base(word)[:STEM]
    return f"{stem}{ING_MARK}{base[:STEM]}"


def verbs(sentences) -> frozenset[str]:
    """The stems that the feature counts ``sentences`` use as "-ed" forms."""
    return frozenset(
        term[: -len(VERB_MARK)]
        for counts in sentences
        for term in counts
        if " " not in term and term.endswith(VERB_MARK)
    )


def settle(counts: Counter[str], verbs: frozenset[str]) -> Counter[str]:
    """``counts`` with plain stems: an "-ed" stem as it is, and an "-ing"
    word read as its base where the story uses that base as a verb, in an
    "-ed" form ("killing everyone inside" beside "were killed"), and as a word
    of its own elsewhere: the bare base, a noun as often as a verb ("a
    building", "the meeting", "the evening", "put down arms" said of
    another claim), is no sign the "-ing" word is its verb."""
    if not any(VERB_MARK in term or ING_MARK in term for term in counts):
        return counts
    settled: Counter[str] = Counter()
    for term, count in counts.items():
        settled[" ".join(_plain(part, verbs) for part in term.split(" "))] += count
    return settled


def _plain(stem: str, verbs: frozenset[str]) -> str:
    if stem.endswith(VERB_MARK):
        return stem[: -len(VERB_MARK)]
    own, mark, base = stem.partition(ING_MARK)
    return base if mark and base in verbs else own


def _parts(key: str, table: VariantTable) -> list[str]:
    """Hyphenated words count as their parts ("Russian-occupied"), except
    spellings listed as variants ("cease-fire"), which stay one word; a
    contraction counts as the words it stands for ("I'm" as "I am")."""
    if "-" not in key:
        return list(expand_contraction(key))
    if table.listed(key):
        return [key.replace("-", "")]
    return [part for part in key.split("-") if part]


# A quotation's words in a row that another sentence prints too, and the
# weight of each such run as a feature (a word counts 1).
PHRASE = 3
PHRASE_WEIGHT = 1.0
# What a quoted run's feature starts with ("«sunday or monday»").
QUOTED = "«"


def quoted_phrases(analysed: Mapping[str, tuple[Counter[str], frozenset[str]]], table) -> None:
    """Add to the feature counts of the sentences ``analysed`` holds (text →
    ``analyse`` result) each run of PHRASE words that one of them quotes
    and another prints, quoted or not ("until Sunday or Monday").

    An outlet quoting part of a remark prints the speaker's own words, so
    two sentences sharing a run of them report one remark however
    differently they word the rest, which is how two rewrites of a
    briefing find each other. A run needs two content words ("one of the"
    says nothing), and a run only one sentence prints adds nothing.
    """
    quoted: set[tuple[str, ...]] = set()
    for text in analysed:
        for start, end in quote_spans(text):
            quoted.update(_runs_of(text[start:end], table))
    if not quoted:
        return
    found = {text: runs for text in analysed if (runs := _runs_of(text, table) & quoted)}
    carriers = Counter(run for runs in found.values() for run in runs)
    for text, runs in found.items():
        counts = analysed[text][0]
        for run in runs:
            if carriers[run] > 1:
                counts[QUOTED + " ".join(run) + "»"] += PHRASE_WEIGHT


def _runs_of(text: str, table: VariantTable) -> set[tuple[str, ...]]:
    """The runs of PHRASE words of ``text`` holding two content words."""
    keys = [key for key, _ in _words(text, table)]
    runs = set()
    for n in range(len(keys) - PHRASE + 1):
        run = tuple(keys[n : n + PHRASE])
        if sum(1 for key in run if is_content(key)) >= 2:
            runs.add(run)
    return runs


class Vectorizer:
    """IDF fitted on one story's sentences, grouped by version."""

    def __init__(self, versions: Mapping[str, Sequence[Counter[str]]]) -> None:
        self.verbs = verbs(sentence for counts in versions.values() for sentence in counts)
        # Each counts object settled once, by identity: versions reprint
        # sentences, which share one counts object, and a vector settles the
        # counts that fitting the IDF settled already.
        self._settled: dict[int, tuple[Counter[str], Counter[str]]] = {}
        sentences: Counter[str] = Counter()
        carriers: Counter[str] = Counter()
        for counts in versions.values():
            in_version: Counter[str] = Counter()
            for sentence in counts:
                in_version.update(self.settled(sentence).keys())
            sentences.update(in_version)
            carriers.update(in_version.keys())
        self.idf = {
            term: math.log1p(SPREAD * carriers[term] / sentences[term]) for term in sentences
        }

    def settled(self, counts: Counter[str]) -> Counter[str]:
        """``counts`` with plain stems, "-ing" words read by the story's verbs
        (read only: one result serves every call with the same counts)."""
        known = self._settled.get(id(counts))
        if known is not None and known[0] is counts:
            return known[1]
        result = settle(counts, self.verbs)
        self._settled[id(counts)] = (counts, result)
        return result

    def vector(self, counts: Counter[str]) -> Vector:
        """The unit-length TF-IDF vector of a sentence's feature counts
        (sublinear from one occurrence up; a lone name's half stays half)."""
        counts = self.settled(counts)
        weights = {
            term: (1.0 + math.log(count) if count >= 1 else count)
            * self.idf.get(term, math.log1p(SPREAD))
            for term, count in counts.items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {term: w / norm for term, w in weights.items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two unit vectors (iterating over the shorter one)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(term, 0.0) for term, w in a.items())


def add_into(total: dict[str, float], vector: Mapping[str, float]) -> None:
    for term, weight in vector.items():
        total[term] = total.get(term, 0.0) + weight


def unit(vector: Mapping[str, float]) -> Vector:
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    return {term: w / norm for term, w in vector.items()}


def select_links(
    scores: Mapping[int, Mapping[int, float]],
    *,
    prefer: Callable[[int, int], float] = lambda row, col: 0.0,
    min_score: float = MIN_SCORE,
    strong: float = STRONG,
) -> set[tuple[int, int]]:
    """Links between rows and columns of a sparse score matrix.

    A pair scoring at least ``min_score`` links when it is mutually best;
    from ``strong`` up, being the best of either side is enough (a sentence
    taking two counterparts, or two sentences one). Ties go to the pair
    ``prefer`` ranks lower, then to the lower index, so the result does not
    depend on dict order.
    """
    best_col = best_per_row(scores, prefer=prefer, min_score=min_score)
    best_row = best_per_col(scores, prefer=prefer, min_score=min_score)
    links = set()
    for row, ((score, col), _) in best_col.items():
        if best_row[col][0][1] == row or score >= strong:
            links.add((row, col))
    for col, ((score, row), _) in best_row.items():
        if score >= strong:
            links.add((row, col))
    return links


Best = tuple[tuple[float, int], tuple[float, int]]


def best_per_row(
    scores: Mapping[int, Mapping[int, float]],
    *,
    prefer: Callable[[int, int], float] = lambda row, col: 0.0,
    min_score: float = 0.0,
) -> dict[int, Best]:
    """row → ((best score, column), (runner-up score, column))."""
    ranked: dict[int, list[tuple[float, float, int]]] = {}
    for row, cols in scores.items():
        for col, score in cols.items():
            if score >= min_score:
                ranked.setdefault(row, []).append((-score, prefer(row, col), col))
    return {row: _top_two(entries) for row, entries in ranked.items()}


def best_per_col(
    scores: Mapping[int, Mapping[int, float]],
    *,
    prefer: Callable[[int, int], float] = lambda row, col: 0.0,
    min_score: float = 0.0,
) -> dict[int, Best]:
    """column → ((best score, row), (runner-up score, row))."""
    transposed: dict[int, dict[int, float]] = {}
    for row, cols in scores.items():
        for col, score in cols.items():
            transposed.setdefault(col, {})[row] = score
    return best_per_row(transposed, prefer=lambda col, row: prefer(row, col), min_score=min_score)


def _top_two(ranked: list[tuple[float, float, int]]) -> Best:
    """(best, runner-up) as (score, index) from (-score, preference, index)
    entries; a missing runner-up is (0.0, -1)."""
    ranked.sort()
    runner_up = (-ranked[1][0], ranked[1][2]) if len(ranked) > 1 else (0.0, -1)
    return (-ranked[0][0], ranked[0][2]), runner_up


def link_lists(left: Sequence[Vector], right: Sequence[Vector], **options) -> set[tuple[int, int]]:
    """Links between two versions' sentences (all pairs; for small inputs)."""
    scores = {
        i: {j: s for j, b in enumerate(right) if (s := cosine(a, b)) > 0}
        for i, a in enumerate(left)
    }
    n, m = max(len(left), 1), max(len(right), 1)
    return select_links(scores, prefer=lambda i, j: abs(i / n - j / m), **options)
