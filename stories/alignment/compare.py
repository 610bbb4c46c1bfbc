"""What each member of a passage does with the reference member's wording.

Word diffs (difflib) give the operations a reader sees; on top of them sit
the typed findings: term swaps, altered quotes, changed or missing figures,
rewording, and (from passage membership) omissions and additions.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from stories.text.figures import WEEKDAY, Figure, figures, same_figure
from stories.text.names import name_labels, name_runs, name_words
from stories.text.normalize import (
    VariantTable,
    base_form,
    canonical,
    inflection_base,
    ing_base,
    is_content,
    plural_base,
)
from stories.text.quotes import (
    Quotation,
    attributed_quotations,
    named_sources,
    quote_texts,
    same_speaker,
    surname_key,
)

from .terms import LoadedTerms
from .types import Divergence, Member, Quote, TermSwap, WordOp

# A member keeping less than this share of the reference member's words
# (variant spellings counting as kept) is reported as reworded.
REWORDING = 0.5
# Quotes of different members are renderings of one quotation when this
# share of the shorter one's words appear in the other.
QUOTE_OVERLAP = 0.4
QUOTE_MIN_WORDS = 3
# Longest phrase (in words, each side) that a substitution may have to
# count as a term swap rather than a rewording.
SWAP_MAX_WORDS = 3
# Below this share of wording kept, a member's replacements count as term
# swaps only when they are listed (variant spellings, loaded terms).
SWAP_SIMILARITY = 0.5
# Inside a closely matching pair, an inserted or deleted run of this many
# words (one fewer content words) is an added or dropped clause.
CLAUSE_WORDS = 3

_DIFF_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:[-'’‘.,][^\W_]+)*|[^\w\s]|_")
_WORDLIKE = re.compile(r"[^\W_]")


# ---------------------------------------------------------------- word diffs


def _pieces(text: str) -> tuple[list[str], list[int]]:
    """``text`` cut into tokens for the diff: what it compares of each
    (folded, canonical punctuation), and where each piece begins, then the
    text's end. A piece is a token with the whitespace after it (the first
    also with any before it), so the pieces concatenate back to ``text``."""
    tokens = list(_DIFF_TOKEN.finditer(text))
    if not tokens:
        return ([canonical(text).strip()], [0, len(text)]) if text else ([], [0])
    bounds = [0, *(m.start() for m in tokens[1:]), len(text)]
    return [_piece_key(m.group()) for m in tokens], bounds


@lru_cache(maxsize=200_000)
def _piece_key(token: str) -> str:
    return canonical(token).casefold()


def word_ops(reference: str, text: str) -> tuple[WordOp, ...]:
    """Operations turning the reference member's words into ``text``'s.

    Case and typographic quotes or dashes are not differences; variant
    spellings are (they surface as term swaps). Joining the ``text`` of the
    operations gives ``text`` back exactly.
    """
    return _diff(reference, _pieces(reference), text, _pieces(text))


def _diff(
    reference: str,
    ref_pieces: tuple[list[str], list[int]],
    text: str,
    own_pieces: tuple[list[str], list[int]],
) -> tuple[WordOp, ...]:
    """``word_ops`` of two wordings already cut into ``_pieces``."""
    (ref_keys, ref_at), (own_keys, own_at) = ref_pieces, own_pieces
    matcher = difflib.SequenceMatcher(None, ref_keys, own_keys, autojunk=False)
    return tuple(
        WordOp(op=tag, ref=reference[ref_at[i1] : ref_at[i2]], text=text[own_at[j1] : own_at[j2]])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    )


def similarity(reference: str, text: str, table: VariantTable) -> float:
    """Share of wording kept: difflib's ratio over words, with case,
    punctuation and variant spellings not counting as changes."""
    a, b = _word_keys(reference, table), _word_keys(text, table)
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


@lru_cache(maxsize=20_000)
def _word_keys(text: str, table: VariantTable) -> tuple[str, ...]:
    """The words of ``text`` as diffs compare them, read once per wording
    (the typing rules ask about the same sentences and quotations often)."""
    return tuple(table.key(b) for b in _bases(text))


def _words(text: str) -> list[str]:
    return [m.group() for m in _DIFF_TOKEN.finditer(text) if _WORDLIKE.match(m.group())]


@lru_cache(maxsize=20_000)
def _bases(text: str) -> tuple[str, ...]:
    """The base forms of ``text``'s words in order, read once per wording:
    the diff's word keys, the listed spellings and the runs of words that
    swaps are looked for in all start from them."""
    return tuple(base_form(w) for w in _words(text))


# ---------------------------------------------------------------- term swaps


@dataclass(frozen=True)
class Substitution:
    """One replaced word or short phrase in one member of one passage.

    ``listed``: a variant spelling or loaded term (counts even once);
    ``close``: read in a closely matching pair (a loosely linked pair's
    replacement counts only where close pairs show the same one);
    ``source``: the version it was read against, when not the passage's
    reference member (a swap spread from the story)."""

    ref: str
    text: str
    version: str
    passage: int
    listed: bool = False
    close: bool = True
    source: str = ""

    @cached_property
    def key(self) -> tuple[str, str]:
        """Both sides as phrase keys (read once: sorting and counting
        substitutions ask for it often)."""
        return _phrase_key(self.ref), _phrase_key(self.text)


def _phrase_key(phrase: str) -> str:
    return " ".join(_bases(phrase))


def _display(phrase: str) -> str:
    """A phrase without a trailing possessive ("Kyiv’s" → "Kyiv")."""
    words = _words(phrase)
    if words:
        words[-1] = re.sub(r"['’]s?$", "", words[-1]) or words[-1]
    return " ".join(words)


# Endings that make another form of one word, not another word.
def same_word(left: str, right: str) -> bool:
    """Whether two phrase keys are one wording: the same words but for
    hyphens ("third-largest", "third largest") or an inflection ("sounds",
    "sound"; "killed", "kill"), word by word."""
    if left.replace("-", "").replace(" ", "") == right.replace("-", "").replace(" ", ""):
        return True
    a, b = left.split(), right.split()
    return len(a) == len(b) and all(_stems(x) & _stems(y) for x, y in zip(a, b, strict=True))


def _stems(word: str) -> set[str]:
    """The word and the bases the text layer reads in it: without "-ed",
    "-ing" or a plural "-s" ("stopped", "making", "cities": "stop", "make",
    "city")."""
    return {word, inflection_base(word), ing_base(word) or word, plural_base(word)}


@lru_cache(maxsize=4096)
def _spellings(
    text: str, table: VariantTable
) -> tuple[frozenset[str], tuple[tuple[str, str, str], ...]]:
    """A wording's base forms, and the words of it the variant table lists
    as (word, base form, class key), each once in order: what
    ``listed_pairs`` compares, read once per wording (the reference's whole
    text is compared with every sentence of every version)."""
    bases = _bases(text)
    listed = (
        dict.fromkeys(
            (w, b, table.key(b))
            for w, b in zip(_words(text), bases, strict=True)
            if table.listed(b)
        )
        if any(table.listed(b) for b in bases)
        else {}
    )
    return frozenset(bases), tuple(listed)


def listed_pairs(
    reference: str, text: str, table: VariantTable, loaded: LoadedTerms | None = None
) -> list[tuple[str, str]]:
    """(reference wording, member wording) of the listed variant spellings
    and loaded terms one text uses where the other uses the other side,
    read across the two whole wordings; a text printing both sides of a
    pair has made no choice, so the pair does not count there."""
    ref_bases, ref_listed = _spellings(reference, table)
    own_bases, own_listed = _spellings(text, table)
    found = [
        (a, b)
        for a, a_base, a_key in ref_listed
        if a_base not in own_bases
        for b, b_base, b_key in own_listed
        if b_base not in ref_bases and a_base != b_base and a_key == b_key
    ]
    if loaded is not None:
        found += loaded.find(reference, text)
    return found


def name_swaps(reference: str, text: str) -> list[tuple[str, str]]:
    """One name put for another inside one name: runs of capitalised words
    of the same length that differ in one word only ("Ayla Gezgin" where
    the other wrote "Ayda Gezgin"), that word printed nowhere in the other
    wording; each pair once."""
    ref_runs, own_runs = _name_parts(reference), _name_parts(text)
    # Every word of the two wordings, read only for a pair of runs that differ
    # in one word.
    ref_keys: set[str] | None = None
    own_keys: set[str] = set()
    found = []
    for a in ref_runs:
        for b in own_runs:
            if len(a) != len(b) or len(a) < 2:
                continue
            differ = [(x, y) for x, y in zip(a, b, strict=True) if base_form(x) != base_form(y)]
            if len(differ) != 1:
                continue
            x, y = differ[0]
            if ref_keys is None:
                ref_keys, own_keys = set(_bases(reference)), set(_bases(text))
            if base_form(x) not in own_keys and base_form(y) not in ref_keys:
                found.append((x, y))
    return list(dict.fromkeys(found))


@lru_cache(maxsize=4096)
def _name_parts(text: str) -> tuple[tuple[str, ...], ...]:
    """A wording's name runs as words, read once per wording (the reference
    member is compared with every other member)."""
    return tuple(tuple(r.split()) for r in name_runs(text))


def substitutions(
    ops: Iterable[WordOp],
    table: VariantTable,
    *,
    version: str,
    passage: int,
    loaded: LoadedTerms | None = None,
    close: bool = True,
) -> list[Substitution]:
    """Replaced words or short phrases, with case- or punctuation-only
    changes, hyphenation and inflections left out.

    Listed variant spellings and loaded terms are read across the whole
    pair of wordings ("the towns Kyiv holds" → "the towns held by Kiev"), and so
    is one name put for another inside a name. Other replacements pair
    word by word where the two sides have the same length, as phrases
    otherwise; a pair that is not ``close`` (a loosely linked pair of
    sentences differs in everything) gives only its word-for-word ones,
    marked as such, which count only where close pairs show them too.
    """
    ops = tuple(ops)
    reference = "".join(op.ref for op in ops)
    text = "".join(op.text for op in ops)
    candidates: list[tuple[str, str, bool]] = [
        (a, b, True) for a, b in listed_pairs(reference, text, table, loaded)
    ]
    candidates += [(a, b, False) for a, b in name_swaps(reference, text)]
    for op in ops:
        if op.op != "replace":
            continue
        ref, own = _words(op.ref), _words(op.text)
        if not ref or not own:
            continue
        if len(ref) == len(own):
            candidates += [(a, b, False) for a, b in zip(ref, own, strict=True)]
        elif close:
            candidates.append((op.ref, op.text, False))
    found, seen = [], set()
    for a, b, listed in candidates:
        sub = Substitution(
            ref=a, text=b, version=version, passage=passage, listed=listed, close=close or listed
        )
        left, right = sub.key
        if (
            sub.key in seen
            or left == right
            or not (0 < len(left.split()) <= SWAP_MAX_WORDS)
            or not (0 < len(right.split()) <= SWAP_MAX_WORDS)
            or not _has_content(left)
            or not _has_content(right)
            or (not listed and same_word(left, right))
            or (not listed and _is_listed(left, right, table, loaded))
        ):
            continue
        seen.add(sub.key)
        found.append(sub)
    return found


def _is_listed(left: str, right: str, table: VariantTable, loaded: LoadedTerms | None) -> bool:
    return table.are_variants(left, right) or (loaded is not None and loaded.listed(left, right))


def _has_content(phrase: str) -> bool:
    return any(is_content(w) and not w[:1].isdigit() for w in phrase.split())


def term_swaps(
    subs: Sequence[Substitution], table: VariantTable, loaded: LoadedTerms | None = None
) -> tuple[tuple[TermSwap, ...], list[Substitution]]:
    """Substitutions that recur across the story (in two or more passages or
    versions, one of them a close pair) or are listed variant spellings or
    loaded terms, aggregated; and the substitutions that count."""
    by_key: dict[tuple[str, str], list[Substitution]] = defaultdict(list)
    for sub in subs:
        by_key[sub.key].append(sub)
    swaps, counted = [], []
    for (left, right), group in sorted(by_key.items()):
        occurrences = {(s.version, s.passage) for s in group}
        listed = any(s.listed for s in group) or _is_listed(left, right, table, loaded)
        if not listed and (len(occurrences) < 2 or not any(s.close for s in group)):
            continue
        counted.extend(group)
        swaps.append(
            TermSwap(
                reference=_most_common(_display(s.ref) for s in group),
                variant=_most_common(_display(s.text) for s in group),
                versions=tuple(sorted({s.version for s in group})),
                count=len(occurrences),
            )
        )
    swaps.sort(key=lambda t: (-t.count, t.reference.casefold(), t.variant.casefold()))
    return tuple(swaps), counted


def spread_swaps(
    counted: Sequence[Substitution],
    members: Iterable[tuple[int, str, str]],
    *,
    reference: str,
    whole: str,
    table: VariantTable,
    loaded: LoadedTerms | None = None,
) -> list[Substitution]:
    """Swaps the story establishes, found in a version's other sentences.

    ``members``: (passage, version, text) of the versions read against the
    story's ``reference`` version, whose ``whole`` text it is. A sentence
    that uses one side of a counted swap or of a listed pair, and not the
    other, counts where the reference prints the other side and never this
    one: the version's choice shows wherever it writes the word, not only
    in the sentences linked to the reference's.
    """
    whole_keys = _phrase_keys(whole)
    established = {s.key: s for s in counted if not s.listed}
    # Only a swap whose reference side the reference prints, and whose other
    # side it never does, can be found in a sentence. A sentence's runs of
    # words are built only where it has every word of such a swap's other
    # side, and no longer than the longest swap (a word's key is never blank,
    # so a run of more words splits into more).
    wanted = [
        (left, right, frozenset(right.split()), sub)
        for (left, right), sub in established.items()
        if left in whole_keys and right not in whole_keys
    ]
    longest = min(SWAP_MAX_WORDS, max((len(k.split()) for w in wanted for k in w[:2]), default=0))
    found = []
    for passage, version, text in members:
        if version == reference:
            continue
        pairs = [(a, b, True) for a, b in listed_pairs(whole, text, table, loaded)]
        if wanted:
            words = set(" ".join(_bases(text)).split())
            own_keys: set[str] | None = None
            for left, right, parts, sub in wanted:
                if not words.issuperset(parts):
                    continue  # a word of ``right`` is missing: no run of words is it
                if own_keys is None:
                    own_keys = _phrase_keys(text, longest)
                if right in own_keys and left not in own_keys:
                    pairs.append((sub.ref, sub.text, False))
        for a, b, listed in pairs:
            found.append(
                Substitution(
                    ref=a, text=b, version=version, passage=passage, listed=listed, source=reference
                )
            )
    return found


@dataclass(frozen=True)
class LabelSwap:
    """A person a version labels otherwise than the reference does, at
    ``start`` in the version's text."""

    version: str
    start: int
    reference: str
    label: str


def label_swaps(texts: Mapping[str, str], reference: str, table: VariantTable) -> list[LabelSwap]:
    """The labels a version puts on a person the reference labels with
    none of the same words ("Arms dealer Anton Weld" where the reference
    has "Businessman Anton Weld"): a stance, wherever the
    two sentences sit. A version that also uses the reference's label for
    that person has made no choice."""

    def person(name: str) -> tuple[str, ...]:
        return tuple(table.key(base_form(w)) for w in _words(name))

    def words(label: str) -> list[str]:
        return [base_form(w) for w in _content_words(label)]

    def shares(first: list[str], second: list[str]) -> bool:
        return any(same_word(a, b) for a in first for b in second)

    theirs: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for label in name_labels(texts[reference]):
        if words(label.label):
            theirs[person(label.person)].append(label.label)
    found = []
    for version, text in texts.items():
        if version == reference:
            continue
        mine = [(label, words(label.label)) for label in name_labels(text)]
        for label, own in mine:
            others = theirs.get(person(label.person))
            if not own or not others:
                continue
            if any(shares(own, words(o)) for o in others):
                continue
            if any(shares(words(o), w) for o in others for other, w in mine if other is not label):
                continue
            found.append(LabelSwap(version, label.start, _most_common(others), label.label))
    return found


def _phrase_keys(text: str, longest: int = SWAP_MAX_WORDS) -> set[str]:
    """Every run of up to ``longest`` words of ``text``, as phrase keys."""
    keys = _bases(text)
    if longest == 1:
        return set(keys)
    return {
        " ".join(keys[i : i + n]) for n in range(1, longest + 1) for i in range(len(keys) - n + 1)
    }


def _most_common(values: Iterable[str]) -> str:
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v))


# ---------------------------------------------------------------- quotes


def quotations(text: str) -> tuple[str, ...]:
    """Spans inside quotation marks (the text layer's), of QUOTE_MIN_WORDS or more."""
    return quote_texts(text, min_words=QUOTE_MIN_WORDS)


def match_quotes(
    passage: int,
    reference_version: str,
    members: Mapping[str, str],
    table: VariantTable,
) -> list[Quote]:
    """Each quotation of the reference member with every member's rendering
    of it (the member quote sharing the most words, if enough)."""
    rendered = {version: quotations(text) for version, text in members.items()}
    quotes = []
    for quote in rendered.get(reference_version, []):
        words = _word_keys(quote, table)
        renderings = [(reference_version, quote)]
        for version in members:
            if version == reference_version:
                continue
            best = _best_rendering(words, rendered[version], table)
            if best is not None:
                renderings.append((version, best))
        if len(renderings) > 1:
            altered = any(_word_keys(t, table) != words for _, t in renderings[1:])
            quotes.append(Quote(passage=passage, altered=altered, renderings=tuple(renderings)))
    return quotes


def _best_rendering(words: list[str], candidates: Sequence[str], table: VariantTable) -> str | None:
    target = set(words)
    best, best_overlap = None, QUOTE_OVERLAP
    for candidate in candidates:
        own = set(_word_keys(candidate, table))
        if not own or not target:
            continue
        overlap = len(own & target) / min(len(own), len(target))
        if overlap >= best_overlap:
            best, best_overlap = candidate, overlap
    return best


@dataclass(frozen=True)
class SpeakerQuote:
    """A quotation one version renders in other words than another version
    quoting the same speaker (``source``: the reference, when it quotes it)."""

    version: str
    quote: Quotation
    source: str
    source_quote: Quotation


# Two quotations of one speaker are renderings of one quote when they share
# SPEAKER_SHARED content words or more, QUOTE_OVERLAP of the shorter one's.
SPEAKER_SHARED = 3


def speaker_quotes(
    texts: Mapping[str, str], ranking: Sequence[str], table: VariantTable
) -> list[SpeakerQuote]:
    """Quotations a version words differently from another version quoting
    the same speaker (``stories.text.quotes.attributed_quotations``),
    wherever the two sit in the story: an outlet quoting from its own
    transcript or translation rarely lands in the passage of the one it
    differs from.

    Each version's quotation is compared with the first version of
    ``ranking`` (the reference first) that renders it; a rendering that is
    a verbatim part of the other (a quote cut short, or quoting more) is
    not altered.
    """
    # Distinct renderings by speaker, each with the first version printing
    # it: versions repeat quotes word for word, and a rendering compares
    # alike wherever it is printed.
    renderings: dict[str, list[tuple[int, str, Quotation, list[str]]]] = defaultdict(list)
    seen: set[tuple[str, tuple[str, ...]]] = set()
    found = []
    for rank, version in enumerate(ranking):
        if version not in texts:
            continue
        mine = []
        for quote in attributed_quotations(texts[version], min_words=QUOTE_MIN_WORDS):
            if not quote.speaker:
                continue
            words = _word_keys(quote.text, table)
            key = surname_key(quote.speaker)
            match = _same_quote(quote, words, renderings[key])
            if match is not None and not _verbatim_part(words, match[3]):
                found.append(SpeakerQuote(version, quote, match[1], match[2]))
            if (key, tuple(words)) not in seen:
                seen.add((key, tuple(words)))
                mine.append((rank, version, quote, words))
        for entry in mine:
            renderings[surname_key(entry[2].speaker)].append(entry)
    return found


def _same_quote(
    quote: Quotation,
    words: list[str],
    candidates: Sequence[tuple[int, str, Quotation, list[str]]],
) -> tuple[int, str, Quotation, list[str]] | None:
    """The rendering of ``quote`` by the first version (by rank) that has
    one: the same speaker, SPEAKER_SHARED content words in common and
    QUOTE_OVERLAP of the shorter one's (the closest of that version's)."""
    own = {w for w in words if is_content(w)}
    best, best_key = None, None
    for candidate in candidates:
        rank, _, other_quote, other_words = candidate
        if not same_speaker(quote.speaker, other_quote.speaker):
            continue
        other = {w for w in other_words if is_content(w)}
        shared = len(own & other)
        if shared < SPEAKER_SHARED:
            continue
        share = shared / min(len(own), len(other))
        if share >= QUOTE_OVERLAP and (best_key is None or (rank, -share) < best_key):
            best, best_key = candidate, (rank, -share)
    return best


# A sentence repeated inside another has at least this many words.
REPEAT_MIN_WORDS = 4


def repeats(text: str, other: str, table: VariantTable) -> bool:
    """Whether ``text``'s words (REPEAT_MIN_WORDS or more) stand in a row,
    in order, inside ``other``."""
    short, long = _word_keys(text, table), _word_keys(other, table)
    return REPEAT_MIN_WORDS <= len(short) <= len(long) and _verbatim_part(short, long)


def _verbatim_part(first: Sequence[str], second: Sequence[str]) -> bool:
    """Whether the shorter word sequence is a run of the longer."""
    short, long = sorted((list(first), list(second)), key=len)
    if not short:
        return True
    size, head = len(short), short[0]
    return any(long[i] == head and long[i : i + size] == short for i in range(len(long) - size + 1))


# ---------------------------------------------------------------- numbers


def number_changes(
    reference: str, text: str, ops: Sequence[WordOp]
) -> list[tuple[str | None, str | None]]:
    """Figures the two wordings do not share, as (reference figure, member figure):
    a changed figure has both, a dropped one ``(figure, None)``, and one only the
    member prints ``(None, figure)`` (so a figure the reference cut still shows).

    Figures are compared by value and unit (``same_figure``): "1,500" and
    "1500", "$3.2bn" and "3.2 billion dollars" agree wherever the member
    prints them. Days of the week are left to ``figures.changed_day``: a
    wording that leaves the day out changes no figure."""
    own = [f for f in figures(text) if f.kind != WEEKDAY]
    theirs = [f for f in figures(reference) if f.kind != WEEKDAY]
    unshared = [f for f in own if not any(same_figure(f, t) for t in theirs)]
    changes: list[tuple[str | None, str | None]] = []
    replacements = set()
    for figure in theirs:
        if any(same_figure(figure, o) for o in own):
            continue
        replacement = _replacement(figure, ops, unshared)
        replacements.add(replacement)
        changes.append((figure.surface, replacement))
    for figure in unshared:
        if figure.surface not in replacements:
            changes.append((None, figure.surface))
    return changes


def _figure_detail(name: str, figure: str | None, replacement: str | None) -> str:
    if figure and replacement:
        return f"{name} changes {figure} to {replacement}"
    if figure:
        return f"{name} drops the figure {figure}"
    return f"{name} prints {replacement}, a figure the reference wording lacks"


def _replacement(figure: Figure, ops: Sequence[WordOp], candidates: Sequence[Figure]) -> str | None:
    """The member figure that a replace operation put where ``figure`` stood, if any."""
    ref_at = text_at = 0
    for op in ops:
        ref_end, text_end = ref_at + len(op.ref), text_at + len(op.text)
        if op.op == "replace" and ref_at < figure.end and figure.start < ref_end:
            for candidate in candidates:
                if text_at < candidate.end and candidate.start < text_end:
                    return candidate.surface
        ref_at, text_at = ref_end, text_end
    return None


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Where ``quotations`` found quoted words in ``text``."""
    spans, start = [], 0
    for quote in quotations(text):
        at = text.find(quote, start)
        if at >= 0:
            spans.append((at, at + len(quote)))
            start = at + len(quote)
    return spans


def _overlaps(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def content_keys(text: str, table: VariantTable) -> set[str]:
    """The content words of ``text`` as comparison keys (variant spellings one)."""
    return {k for k in _word_keys(text, table) if is_content(k)}


def _content_words(text: str) -> list[str]:
    return [w for w in _words(text) if is_content(base_form(w))]


def _single_swap(op: WordOp, table: VariantTable, loaded: LoadedTerms | None) -> bool:
    """One word put for another that is neither a name, a listed pair nor
    another form of the same word ("help" for "request", "today" for
    "Thursday"): a rewording however short."""
    ref, own = _content_words(op.ref), _content_words(op.text)
    if len(ref) != 1 or len(own) != 1:
        return False
    a, b = ref[0], own[0]
    return not (
        a[:1].isupper()
        or (b[:1].isupper() and not a[:1].isupper())
        or same_word(base_form(a), base_form(b))
        or _is_listed(a, b, table, loaded)
    )


def _name_stem(word: str) -> str:
    """A name's word as names are compared across wordings: abbreviations
    unified ("U.S", "U.S."), and the first letters only, so that a country
    and its people ("Russia’s", "Russian") agree."""
    folded = base_form(word + "." if re.fullmatch(r"(?:\w\.)+\w", word) else word)
    return folded[:NAME_STEM]


# Letters of a name's word compared by ``_name_stem``.
NAME_STEM = 5


@lru_cache(maxsize=64)
def _name_stems(whole: str) -> frozenset[str]:
    """``_name_stem`` of every word of a version's whole text, read once per
    text (every loosely linked member is checked against it)."""
    return frozenset(_name_stem(w) for w in _words(whole))


def _keeps_every_word(ref: Sequence[str], own: Sequence[str]) -> bool:
    """Whether the shorter side's content words all stand, in some form, on
    the longer side ("overturned" → "overturning onto the verge")."""
    short, long = sorted((ref, own), key=len)
    return bool(short) and all(
        any(same_word(base_form(a), base_form(b)) for b in long) for a in short
    )


def _cut_short(reference: str, text: str) -> bool:
    """Whether ``text`` is the opening of ``reference`` broken off with no
    closing punctuation: a capture that stops mid-sentence, not an edit."""
    if not text.strip() or text.rstrip()[-1] in _CLOSING:
        return False
    own, ref = _words(text), _words(reference)
    return len(own) < len(ref) and [base_form(w) for w in own] == [
        base_form(w) for w in ref[: len(own)]
    ]


_CLOSING = '.!?…"”’»)]:;'


def _figure_only(op: WordOp) -> bool:
    """A replacement that only changes figures (number changes cover it)."""
    if op.op != "replace":
        return False
    # Whether every content word is a figure (stopwords are not parsed for one).
    words = _words(op.ref) + _words(op.text)
    return all(not is_content(base_form(w)) or figures(w) for w in words)


def _quoted(text: str) -> str:
    return f"“{' '.join(text.split()).strip(' ,;:')}”"


# A quotation shown in a finding's sentence keeps this many words.
SHOWN_WORDS = 14


def _short(text: str) -> str:
    words = text.split()
    return text if len(words) <= SHOWN_WORDS else " ".join(words[:SHOWN_WORDS]) + " …"


def _listing(items: Sequence[str]) -> str:
    shown = list(items[:3])
    more = f" and {len(items) - 3} more" if len(items) > 3 else ""
    return (", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]) + more


@lru_cache(maxsize=512)
def _whole_figures(text: str) -> tuple[Figure, ...]:
    return figures(text)


# ---------------------------------------------------------------- passages


@dataclass
class Comparison:
    """What comparing one passage's members found, before term swaps (which
    need the whole story) are known."""

    members: list[Member]
    substitutions: list[Substitution]
    divergences: list[Divergence]
    quotes: list[Quote]


class Comparer:
    """Compares members with their passage's reference member.

    Keeps a cache of word diffs and of the share of wording kept: versions
    of one story repeat sentences word for word, and a diff is the costliest
    step here.
    """

    def __init__(
        self,
        table: VariantTable,
        names: Mapping[str, str],
        loaded: LoadedTerms | None = None,
        whole: Mapping[str, str] | None = None,
    ) -> None:
        self.table = table
        self.names = names
        self.loaded = loaded
        # Each version's whole text: a figure one member lacks is missing
        # only when the version prints it nowhere.
        self.whole = whole or {}
        self._ops: dict[tuple[str, str], tuple[WordOp, ...]] = {}
        self._kept: dict[tuple[str, str], float] = {}
        # The last reference wording cut into pieces: each passage's members
        # are compared with one reference member in turn.
        self._reference_pieces: tuple[str, tuple[list[str], list[int]]] = ("", ([], [0]))

    def compare(
        self,
        passage: int,
        *,
        reference: str,
        texts: Mapping[str, str],
        sentences: Mapping[str, tuple[int, ...]],
    ) -> Comparison:
        """Members (``texts`` in their order), their substitutions, and the
        quote, figure and rewording findings of one passage."""
        ref_text = texts[reference]
        found = Comparison(members=[], substitutions=[], divergences=[], quotes=[])
        for version, text in texts.items():
            if version == reference:
                found.members.append(
                    Member(version, sentences[version], text, 1.0, self.ops(ref_text, text), True)
                )
                continue
            ops = self.ops(ref_text, text)
            score = self.kept(ref_text, text)
            found.members.append(Member(version, sentences[version], text, score, ops, False))
            if _cut_short(ref_text, text):
                continue  # what the capture leaves out is beyond it, not dropped
            found.substitutions += substitutions(
                ops,
                self.table,
                version=version,
                passage=passage,
                loaded=self.loaded,
                close=score >= SWAP_SIMILARITY,
            )
            found.divergences += self._figures(passage, reference, version, ref_text, text, ops)
            if score >= REWORDING:
                found.divergences += self._edits(
                    passage, reference, version, ops, quoted=(ref_text, text)
                )
            if score < REWORDING:
                found.divergences += self._new_names(passage, reference, version, text)
                found.divergences.append(
                    divergence(
                        "rewording",
                        version,
                        f"{self.names[version]} rewords this passage "
                        f"({round(100 * score)}% of the wording kept)",
                        passage,
                        score=score,
                    )
                )
        found.quotes = match_quotes(passage, reference, texts, self.table)
        for quote in found.quotes:
            original = quote.renderings[0][1]
            words = _word_keys(original, self.table)
            for version, rendering in quote.renderings[1:]:
                if _word_keys(rendering, self.table) != words:
                    found.divergences.append(
                        divergence(
                            "quote_change",
                            version,
                            f"{self.names[version]} words the quote differently",
                            passage,
                            reference=original,
                            text=rendering,
                        )
                    )
        return found

    def _edits(
        self,
        passage: int,
        reference: str,
        version: str,
        ops: Sequence[WordOp],
        *,
        quoted: tuple[str, str],
    ) -> list[Divergence]:
        """Edits inside a closely matching pair: words a member adds, words
        it leaves out (a clause, an attribution, the end of a sentence it
        cuts), and wordings it replaces with others, one finding of each
        kind per member, quoting the words. Figures are number changes'
        business and words inside quotation marks quote changes', where
        the other wording renders the quotation: a quotation it leaves out
        altogether (a chant, a slogan) or prints alone is dropped or added
        like any other words."""
        ref_text, own_text = quoted
        ref_quotes = self._rendered_spans(ref_text, own_text)
        own_quotes = self._rendered_spans(own_text, ref_text)
        added, dropped, replaced = [], [], []
        ref_at = text_at = 0
        for op in ops:
            ref_span = (ref_at, ref_at + len(op.ref))
            own_span = (text_at, text_at + len(op.text))
            ref_at, text_at = ref_span[1], own_span[1]
            if op.op == "equal":
                continue
            if _overlaps(ref_span, ref_quotes) or _overlaps(own_span, own_quotes):
                continue
            ref, own = _content_words(op.ref), _content_words(op.text)
            if op.op in {"insert", "replace"} and not ref and self._new_name(op.text, quoted):
                # A name put in ("A small Halvard ferry" for "A small
                # ferry"): who or what it is counts however short.
                added.append(_quoted(op.text))
                continue
            if _figure_only(op):
                continue
            if op.op == "replace" and _keeps_every_word(ref, own):
                # One side's words all kept, a few words around them: an
                # addition or a cut when long enough, never a rewording.
                if len(own) - len(ref) >= CLAUSE_WORDS:
                    added.append(_quoted(op.text))
                elif len(ref) - len(own) >= CLAUSE_WORDS:
                    dropped.append(_quoted(op.ref))
                continue
            if op.op == "insert" or (op.op == "replace" and len(own) - len(ref) >= CLAUSE_WORDS):
                if len(own) >= CLAUSE_WORDS - 1 and len(_words(op.text)) >= CLAUSE_WORDS:
                    added.append(_quoted(op.text))
            elif op.op == "delete" or (op.op == "replace" and len(ref) - len(own) >= CLAUSE_WORDS):
                if len(ref) >= CLAUSE_WORDS - 1 and len(_words(op.ref)) >= CLAUSE_WORDS:
                    dropped.append(_quoted(op.ref))
            elif (
                op.op == "replace"
                and ref
                and own
                and (max(len(ref), len(own)) >= 2 or _single_swap(op, self.table, self.loaded))
                and not same_word(_phrase_key(op.ref), _phrase_key(op.text))
            ):
                replaced.append((_quoted(op.ref), _quoted(op.text)))
        name, source = self.names[version], self.names[reference]
        found = []
        if added:
            found.append(
                divergence(
                    "addition",
                    version,
                    f"{name} adds {_listing(added)} to what {source} wrote",
                    passage,
                    within=True,
                    words=added,
                )
            )
        if dropped:
            found.append(
                divergence(
                    "omission",
                    version,
                    f"{name} leaves out {_listing(dropped)}, which {source} has",
                    passage,
                    within=True,
                    words=dropped,
                )
            )
        if replaced:
            pairs = "; ".join(f"{b} where {source} wrote {a}" for a, b in replaced[:3])
            found.append(
                divergence(
                    "rewording",
                    version,
                    f"{name} writes {pairs}",
                    passage,
                    within=True,
                    pairs=[[a, b] for a, b in replaced],
                )
            )
        return found

    def _new_names(self, passage: int, reference: str, version: str, text: str) -> list[Divergence]:
        """In a loosely linked pair, the names a member brings that the
        reference version prints nowhere (another person aboard, another
        source): an addition beside the rewording."""
        whole = self.whole.get(reference)
        if whole is None:
            return []
        # The source a sentence names is its attribution, which the
        # rewording covers.
        printed = _name_stems(whole) | {
            _name_stem(w) for source in named_sources(text) for w in _words(source)
        }
        new = [
            run for run in name_runs(text) if not any(_name_stem(w) in printed for w in _words(run))
        ]
        if not new:
            return []
        names = [_quoted(n) for n in dict.fromkeys(new)]
        return [
            divergence(
                "addition",
                version,
                f"{self.names[version]} adds {_listing(names)}, named nowhere in "
                f"{self.names[reference]}",
                passage,
                within=True,
                words=names,
            )
        ]

    def _new_name(self, words: str, quoted: tuple[str, str]) -> bool:
        """Whether ``words``, put into the member, hold a name (a capitalised
        word not opening the member) the reference member does not print."""
        ref_text, own_text = quoted
        at = own_text.find(words)
        printed = set(_bases(ref_text))
        return any(
            base_form(w) not in printed and is_content(base_form(w))
            for w in name_words(own_text[: max(at, 0)] + words)
            if w in words
        )

    def _rendered_spans(self, text: str, other: str) -> list[tuple[int, int]]:
        """Where ``text``'s quotations sit, those ``other`` renders (a
        quotation of its own sharing enough words)."""
        spans = _quote_spans(text)
        if not spans:
            return []
        theirs = quotations(other)
        return [
            (start, end)
            for start, end in spans
            if _best_rendering(_word_keys(text[start:end], self.table), theirs, self.table)
            is not None
        ]

    def speaker_quote_change(self, passage: int, change: SpeakerQuote) -> Divergence:
        """The quote_change finding for ``speaker_quotes``' ``change``, said
        as a reader sees it (who renders the quote which way)."""
        name, source = self.names[change.version], self.names[change.source]
        return divergence(
            "quote_change",
            change.version,
            f"{name} quotes {change.quote.speaker} as {_quoted(_short(change.quote.text))} "
            f"where {source} has {_quoted(_short(change.source_quote.text))}",
            passage,
            reference=change.source_quote.text,
            text=change.quote.text,
            speaker=change.quote.speaker,
            source=change.source,
        )

    def kept(self, reference: str, text: str) -> float:
        """``similarity`` rounded to three places, cached like the diffs."""
        key = (reference, text)
        if key not in self._kept:
            self._kept[key] = round(similarity(reference, text, self.table), 3)
        return self._kept[key]

    def ops(self, reference: str, text: str) -> tuple[WordOp, ...]:
        key = (reference, text)
        if key not in self._ops:
            if self._reference_pieces[0] != reference:
                self._reference_pieces = (reference, _pieces(reference))
            self._ops[key] = _diff(reference, self._reference_pieces[1], text, _pieces(text))
        return self._ops[key]

    def _figures(self, passage, reference, version, ref_text, text, ops) -> list[Divergence]:
        changes = [
            (figure, replacement)
            for figure, replacement in number_changes(ref_text, text, ops)
            if (figure and replacement)
            or not self._printed(version if figure else reference, figure or replacement)
        ]
        return self.figure_divergences(passage, version, changes)

    def _printed(self, version: str, surface: str | None) -> bool:
        """Whether ``version`` prints the figure ``surface`` anywhere."""
        whole = self.whole.get(version)
        if whole is None or surface is None:
            return False
        wanted = figures(surface)
        return bool(wanted) and any(
            same_figure(wanted[0], other) for other in _whole_figures(whole)
        )

    def figure_divergences(
        self, passage: int, version: str, changes: Iterable[tuple[str | None, str | None]]
    ) -> list[Divergence]:
        """number_change findings from (reference figure, member figure) pairs."""
        name = self.names[version]
        return [
            divergence(
                "number_change",
                version,
                _figure_detail(name, figure, replacement),
                passage,
                reference=figure,
                text=replacement,
            )
            for figure, replacement in changes
        ]


def membership(
    passage: int,
    *,
    carriers: Sequence[str],
    absent: Sequence[str],
    total: int,
    baseline: bool,
    folded: Mapping[str, int],
    note: bool,
    names: Mapping[str, str],
) -> list[Divergence]:
    """Omissions and additions.

    A passage only one version carries is that version's addition, even the
    reference's: one record that names who leaves it out, not an omission
    for every other version. A baseline passage (the reference carries it,
    or most versions do) is left out by every version without it, except
    one that folds it into another passage's sentence. Any other passage is
    added by each version that carries it.
    """
    carried = len(carriers)
    if carried == 1 and total > 1:
        (version,) = carriers
        what = "an editor's note" if note else "this passage"
        missing = [v for v in absent if v not in folded]
        return [
            divergence(
                "addition",
                version,
                f"{names[version]} adds {what}, found in no other version",
                passage,
                carried_by=1,
                left_out_by=missing,
            )
        ]
    if baseline:
        return [
            divergence(
                "omission",
                version,
                f"{names[version]} leaves out this passage, carried by {carried} of "
                f"{total} versions",
                passage,
                carried_by=carried,
            )
            for version in absent
            if version not in folded
        ]
    what = "an editor's note" if note else "this passage"
    found = []
    for version in carriers:
        others = [names[v] for v in carriers if v != version]
        also = f", as does {', '.join(others)}" if others else ", found in no other version"
        found.append(
            divergence(
                "addition",
                version,
                f"{names[version]} adds {what}{also}",
                passage,
                carried_by=carried,
            )
        )
    return found


def swap_divergences(
    counted: Iterable[Substitution],
    names: Mapping[str, str],
    references: Mapping[int, str] | None = None,
) -> list[Divergence]:
    """One term_swap finding per passage, version and swapped pair, said as
    a reader sees it: who wrote which ("InoSMI writes “sent troops” where
    Bloomberg wrote “invaded”"), not which one is right. ``references``
    names each passage's reference version (a swap spread from the story
    names its own)."""
    found, seen = [], set()
    for sub in counted:
        if (sub.passage, sub.version, sub.key) in seen:
            continue
        seen.add((sub.passage, sub.version, sub.key))
        ref, variant = _display(sub.ref), _display(sub.text)
        source = sub.source or (references or {}).get(sub.passage)
        where = f"where {names[source]} wrote “{ref}”" if source in names else f"for “{ref}”"
        found.append(
            divergence(
                "term_swap",
                sub.version,
                f"{names[sub.version]} writes “{variant}” {where}",
                sub.passage,
                reference=ref,
                variant=variant,
            )
        )
    return found


def divergence(kind: str, version: str, detail: str, passage: int | None, **data) -> Divergence:
    return Divergence(type=kind, version=version, detail=detail, passage=passage, data=data)
