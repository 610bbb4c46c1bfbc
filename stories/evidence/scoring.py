"""Comparing a new article with one candidate: evidence that it is a version
of the same report (shared wording, aligned sentences, quotes, figures) and
evidence that it is only about the same event or theme (shared vocabulary and
names, close in time).

A ``Comparer`` is built once per new article and compares it with many
candidates: a cheap ``glance`` for every candidate, the full ``compare`` for
the few that deserve it."""

import math
from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass, field

from .document import Document
from .index import CandidateIndex, log_tf, outlet_salt, site_key

# Shared 5-word runs in a lead that show it was taken over (a name or figure
# in common makes one or two; a copied clause makes several).
LEAD_SHARED_SHINGLES = 3
# Words other than names two matched sentences must share.
MIN_COMMON_WORDS = 3


@dataclass(frozen=True, slots=True)
class BoilerplateRule:
    """When a shared shingle stops counting as shared reporting.

    ``site_docs``: seen in at least this many *other* articles of either site
    (a stock description, a standard statement): dropped. Beyond one site, a
    shingle is expected in the candidate story's versions and hardly anywhere
    else; seen in more articles than the story has plus ``slack``, it is a stock
    phrase and is weighted down in proportion. A wire text carried by a hundred
    sites still links (its story has a hundred versions); "said in a statement"
    does not."""

    site_docs: int = 2
    slack: int = 3


@dataclass(slots=True)
class PairEvidence:
    member: Hashable
    raw_shared: int = 0  # shared shingles before any weighting
    shared_shingles: float = 0.0  # after boilerplate and stock phrases are discounted
    containment: float = 0.0  # weighted shared shingles / the shorter article's shingles
    spread: int = 0  # sentences (of the less-touched side) holding 2+ shared shingles
    copied: list[tuple[int, int]] = field(default_factory=list)  # (new sentence, shingles)
    aligned: list[tuple[int, int, float]] = field(default_factory=list)
    conflicts: list[tuple[int, int, float]] = field(default_factory=list)
    lead_support: bool = False
    quotes: list[tuple[str, str]] = field(default_factory=list)
    figures: frozenset[str] = frozenset()
    figure_agreement: float | None = None  # shared share of the smaller set (3+ figures each)
    sources: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    theme: float = 0.0
    name_overlap: float = 0.0
    days: float | None = None
    full: bool = False  # whether the reuse evidence was computed


def figure_agreement(mine: frozenset[str], theirs: frozenset[str]) -> float | None:
    """The share of the smaller set of distinctive figures found in the other
    (currency signs aside: "$3.2 million" and "3.2 million dollars" agree), or
    None when either article has fewer than three figures to go by."""
    if min(len(mine), len(theirs)) < 3:
        return None
    mine, theirs = ({f.lstrip("$€£¥") for f in side} for side in (mine, theirs))
    return len(mine & theirs) / min(len(mine), len(theirs))


class Comparer:
    """Scores pairs against the frequencies of one index.

    ``new_counted`` says whether the new document is already in the index's
    frequencies, so it is not mistaken for a third article sharing a phrase."""

    def __init__(
        self,
        index: CandidateIndex,
        new: Document,
        *,
        new_counted: bool,
        boilerplate: BoilerplateRule,
        min_denominator: int = 100,
        align_min: float = 0.5,
        lead_cos: float = 0.35,
        lead_conflict_cos: float = 0.2,
        quote_overlap: float = 0.6,
        decisive: float | None = None,
    ):
        self.index = index
        self.new = new
        self.new_counted = new_counted
        self.boilerplate = boilerplate
        self.min_denominator = min_denominator
        self.align_min = align_min
        self.lead_cos = lead_cos
        self.lead_conflict_cos = lead_conflict_cos
        self.quote_overlap = quote_overlap
        self.decisive = decisive  # containment beyond which sentences need no matching
        self._shingles = dict(zip(new.shingles, new.shingle_sentences, strict=True))
        self._shingle_set = frozenset(new.shingles)
        self._salt = outlet_salt(new.outlet)
        self._global_counts: dict[int, int] = {}
        self._idf = {term: index.idf(term) for term in new.terms}
        self._vector = {term: log_tf(new.count(term)) * self._idf[term] for term in new.terms}
        self._norm = math.sqrt(sum(w * w for w in self._vector.values())) or 1.0
        # The new article's TF-IDF weight times the IDF: a member's weight is
        # its own sublinear count times the IDF, so their product is this times
        # that count.
        self._weighted = {term: w * self._idf[term] for term, w in self._vector.items()}
        self._sentence_postings = self._index_sentences(new)

    # --- the cheap part: every candidate --------------------------------------
    def glance(self, member: Document) -> PairEvidence:
        """Raw shared shingles and theme: enough to rank candidates."""
        raw = len(self._shingle_set.intersection(member.shingles))
        new = self.new
        names = new.names & member.names
        smaller = min(len(new.names), len(member.names))
        days = None
        if new.published and member.published:
            days = abs((new.published - member.published).total_seconds()) / 86400
        return PairEvidence(
            member=member.key,
            raw_shared=raw,
            containment=raw / max(min(new.size, member.size), self.min_denominator),
            theme=self.theme(member),
            names=names,
            name_overlap=len(names) / smaller if smaller else 0.0,
            days=days,
        )

    def theme(self, member: Document) -> float:
        """TF-IDF cosine of the whole articles' content terms."""
        weighted = self._weighted
        common = self.new.terms & member.terms
        if not common:
            return 0.0
        # Most terms occur once (weight 1): add the extra for the repeated ones.
        dot = sum(map(weighted.__getitem__, common))
        for term, count in member.repeated.items():
            w = weighted.get(term)
            if w is not None:
                dot += w * (log_tf(count) - 1.0)
        return dot / (self._norm * self.index.norm(member))

    # --- the full comparison: the few that deserve it ------------------------
    def compare(
        self, member: Document, *, story_size: int = 1, glance: PairEvidence | None = None
    ) -> PairEvidence:
        """Every piece of evidence for one pair (``story_size``: how many
        articles the member's story has, for telling stock phrases from the
        story's own)."""
        evidence = glance or self.glance(member)
        evidence.full = True
        evidence.quotes = self.shared_quotes(member)
        evidence.figures = self.new.figures & member.figures
        evidence.figure_agreement = figure_agreement(self.new.figures, member.figures)
        evidence.sources = self.new.sources & member.sources
        if evidence.raw_shared:
            self._weigh_shingles(evidence, member, story_size=story_size)
            if (
                self.decisive is not None
                and evidence.containment >= self.decisive
                and self._leads_share_wording(member)
            ):
                # A copy: the wording says it all; matching sentences adds nothing.
                evidence.lead_support = True
                return evidence
        matches = [
            (i, j, round(c, 3), mutual)
            for i, j, c, mutual in self.sentence_matches(member)
            if c >= min(self.lead_cos, self.lead_conflict_cos)
            and self._about_the_same(member, i, j)
        ]
        aligned = [(i, j, c) for i, j, c, mutual in matches if mutual and c >= self.align_min]
        evidence.aligned = [p for p in aligned if not self._conflict(member, p[0], p[1])]
        evidence.conflicts = [p for p in aligned if self._conflict(member, p[0], p[1])]
        evidence.lead_support = self._lead_support(member, matches)
        return evidence

    def _weigh_shingles(self, evidence: PairEvidence, member: Document, *, story_size: int) -> None:
        """Shared shingles weighted for boilerplate and stock phrases, the
        containment they make, their spread, and the sentences they sit in.

        Spread counts the sentences, on the side where there are fewer, that
        hold at least two shared shingles that count: a recycled background
        paragraph or one quoted passage touches one or two, a version many."""
        mine = self._shingles
        allowance = story_size + self.boilerplate.slack
        weight = 0.0
        mine_touched: Counter[int] = Counter()
        theirs_touched: Counter[int] = Counter()
        for h, sentence in zip(member.shingles, member.shingle_sentences, strict=True):
            if h in mine:
                w = self._shingle_weight(h, member, allowance)
                if w > 0:
                    weight += w
                    mine_touched[mine[h]] += 1
                    theirs_touched[sentence] += 1
        evidence.shared_shingles = weight
        denominator = max(min(self.new.size, member.size), self.min_denominator)
        evidence.containment = weight / denominator
        evidence.spread = min(
            sum(1 for n in mine_touched.values() if n >= 2),
            sum(1 for n in theirs_touched.values() if n >= 2),
        )
        evidence.copied = sorted(mine_touched.items(), key=lambda item: (-item[1], item[0]))

    def _shingle_weight(self, shingle: int, member: Document, allowance: int) -> float:
        rule, index = self.boilerplate, self.index
        new_self = 1 if self.new_counted else 0
        same_site = member.outlet is not None and member.outlet == self.new.outlet
        own = new_self + (1 if same_site else 0)
        if index.site_df.count(site_key(shingle, self._salt)) - own >= rule.site_docs:
            return 0.0
        if not same_site and member.outlet is not None:
            theirs = site_key(shingle, outlet_salt(member.outlet))
            if index.site_df.count(theirs) - 1 >= rule.site_docs:
                return 0.0
        seen = self._global_counts.get(shingle)
        if seen is None:
            seen = self._global_counts[shingle] = index.shingle_df.count(shingle) - new_self
        return 1.0 if seen <= allowance else allowance / seen

    def sentence_matches(self, member: Document) -> list[tuple[int, int, float, bool]]:
        """Each sentence's best counterpart on the other side, as (new index,
        member index, cosine, mutual): ``mutual`` when the two are each other's
        best match."""
        postings = self._sentence_postings
        idf = self.index.idf
        best_for_new: dict[int, tuple[float, int]] = {}
        best_for_member: list[tuple[int, int, float]] = []
        for j, terms in enumerate(member.sentence_terms):
            if not terms:
                continue
            weights = {term: idf(term) for term in set(terms)}
            norm = math.sqrt(sum(w * w for w in weights.values()))
            scores: dict[int, float] = {}
            for term, w in weights.items():
                for i, wi in postings.get(term, ()):
                    scores[i] = scores.get(i, 0.0) + wi * w
            if not scores:
                continue
            i = max(scores, key=scores.__getitem__)
            best_for_member.append((i, j, scores[i] / norm))
            for i2, score in scores.items():
                cosine = score / norm
                if cosine > best_for_new.get(i2, (0.0, -1))[0]:
                    best_for_new[i2] = (cosine, j)
        matches = [(i, j, c, best_for_new[i][1] == j) for i, j, c in best_for_member]
        seen = {(i, j) for i, j, _ in best_for_member}
        matches += [(i, j, c, False) for i, (c, j) in best_for_new.items() if (i, j) not in seen]
        return matches

    def shared_quotes(self, member: Document) -> list[tuple[str, str]]:
        shared = []
        for mine in self.new.quotes:
            for theirs in member.quotes:
                common = len(mine.terms & theirs.terms)
                if common >= 3 and common >= self.quote_overlap * min(
                    len(mine.terms), len(theirs.terms)
                ):
                    shared.append((mine.text, theirs.text))
                    break
        return shared

    def _about_the_same(self, member: Document, i: int, j: int) -> bool:
        """Whether two matched sentences share enough words besides names: the
        same people in another sentence is not the same sentence."""
        common = set(self.new.sentence_terms[i]) & set(member.sentence_terms[j])
        return len(common - self.new.name_terms - member.name_terms) >= MIN_COMMON_WORDS

    def _conflict(self, member: Document, i: int, j: int) -> bool:
        """Two matched sentences whose figures disagree, each having one the other
        lacks ("3 of 12 samples in 2024" against "5 of 20 samples in 2024"): the
        same formula about another event, not a version. A version that drops a
        figure, or adds one, does not disagree."""
        mine, theirs = self.new.sentence_figures[i], member.sentence_figures[j]
        return bool(mine - theirs) and bool(theirs - mine)

    def _lead_support(self, member: Document, matches: list[tuple[int, int, float, bool]]) -> bool:
        """Whether the two agree on what happened: a lead sentence of either one
        and a sentence of the other are each other's best match (a cosine of
        ``lead_cos`` is enough, a rewriter words the lead their own way), or the
        leads share wording; and no such pair disagrees on its figures. A
        follow-up that recycles background paragraphs under a new lead, or
        tells another event with the same formula, does not agree.

        Disagreement needs less likeness than agreement (``lead_conflict_cos``):
        two leads built on one formula about different events share little
        besides the formula's words, the more so where few articles have been
        counted and every word weighs alike, and their figures are the tell."""
        mine_end, theirs_end = self.new.lead_end, member.lead_end
        agree = disagree = False
        for i, j, cosine, mutual in matches:
            if mutual and (i < mine_end or j < theirs_end):
                if self._conflict(member, i, j):
                    disagree = disagree or cosine >= self.lead_conflict_cos
                elif cosine >= self.lead_cos:
                    agree = True
        if disagree:
            return False
        return agree or self._leads_share_wording(member)

    def _leads_share_wording(self, member: Document) -> bool:
        if len(self._shingle_set.intersection(member.lead_shingles)) >= LEAD_SHARED_SHINGLES:
            return True
        return len(self.new.lead_shingles.intersection(member.shingles)) >= LEAD_SHARED_SHINGLES

    def _index_sentences(self, doc: Document) -> dict[str, list[tuple[int, float]]]:
        idf = self.index.idf
        postings: dict[str, list[tuple[int, float]]] = {}
        for i, terms in enumerate(doc.sentence_terms):
            if not terms:
                continue
            weights = {term: idf(term) for term in set(terms)}
            norm = math.sqrt(sum(w * w for w in weights.values()))
            for term, w in weights.items():
                postings.setdefault(term, []).append((i, w / norm))
        return postings
