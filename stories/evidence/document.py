"""What grouping keeps of one article: compact features computed once, so
comparing against a candidate never re-reads its text."""

import unicodedata
import zlib
from array import array
from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime

from stories.text.figures import DATE
from stories.text.figures import figures as read_figures
from stories.text.names import name_key
from stories.text.stopwords import likely_language

from . import text as t
from .event import NO_FIGURES, KeyFigures, key_figures

SHINGLE_WORDS = 5
# One shingle in SAMPLE_EVERY goes into the inverted index (chosen by its hash,
# so two copies of a passage sample the same shingles).
SAMPLE_EVERY = 8
MIN_SENTENCE_TERMS = 4
# The first sentences say what happened; versions of one report agree there.
LEAD_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    terms: frozenset[str]


@dataclass(eq=False, slots=True)
class Document:
    """One article as grouping sees it.

    ``key`` is the caller's id (an article pk); ``outlet`` only has to compare
    equal for articles from the same site."""

    key: Hashable
    outlet: Hashable | None
    published: datetime | None
    headline: str
    sentences: tuple[str, ...]  # the headline first, when there is one
    sentence_terms: tuple[tuple[str, ...], ...]  # empty for sentences too short to compare
    sentence_figures: tuple[frozenset[str], ...]  # every number, small ones too
    lead_end: int  # sentences before this index are the lead
    terms: frozenset[str]  # distinct content terms
    repeated: dict[str, int]  # the terms that occur more than once, with their counts
    shingles: array  # unique 32-bit hashes of 5-word runs, sorted
    shingle_sentences: array  # for each shingle, the sentence it first occurs in
    sampled: tuple[int, ...]
    lead_shingles: frozenset[int]
    quotes: tuple[Quote, ...]
    figures: frozenset[str]
    names: frozenset[str]
    name_terms: frozenset[str]  # the names as content terms, to tell them from other words
    sources: frozenset[str]
    # What the event comparison reads (see event.py).
    lead_terms: tuple[str, ...] = ()  # content terms of the headline and the lead
    lead_names: frozenset[str] = frozenset()
    lead_figures: KeyFigures = NO_FIGURES
    first_figures: KeyFigures = NO_FIGURES  # the headline and the first sentence
    key_figures: KeyFigures = NO_FIGURES
    stages: frozenset[str] = frozenset()  # the process stages its first sentence reports
    looks_back: bool = False  # tells what it reports as years past (an anniversary)
    # Dates its headline and lead write, as (month * 100 + day, year or 0):
    # an undated capture's best word on when it happened ("on 15 September").
    lead_dates: tuple[tuple[int, int], ...] = ()
    # The names as they carry across languages (``name_key``): what the
    # candidate index finds another language's reports of the event by.
    name_keys: frozenset[str] = frozenset()

    @property
    def size(self) -> int:
        return len(self.shingles)

    def count(self, term: str) -> int:
        """How often ``term`` occurs (assuming it occurs)."""
        return self.repeated.get(term, 1)


def shingle_hashes(tokens: list[str], *, size: int = SHINGLE_WORDS) -> set[int]:
    if len(tokens) < size:
        return {zlib.crc32(" ".join(tokens).encode())} if tokens else set()
    return {
        zlib.crc32(" ".join(tokens[i : i + size]).encode()) for i in range(len(tokens) - size + 1)
    }


def make_document(
    key: Hashable,
    *,
    headline: str = "",
    body: str,
    outlet: Hashable | None = None,
    published: datetime | None = None,
) -> Document:
    """Features of an article whose furniture has already been stripped.

    Shingles are taken within sentences: versions split sentences
    differently, and a run across a boundary says nothing either way."""
    raw_lead = _raw_lead(headline, body)
    raw_first = _raw_lead(headline, body, sentences=1)
    raw_all = unicodedata.normalize("NFKC", f"{headline}\n{body}")
    lang = likely_language(raw_all)  # decimal marks: "26.200 millones" in Spanish
    headline = t.normalize(headline.strip())
    body = t.normalize(body)
    body_sentences = t.sentences(body)
    sentences = ([headline] if headline else []) + body_sentences
    sentence_of: dict[int, int] = {}
    sentence_terms, lead_shingles = [], set()
    all_terms: list[str] = []
    lead_end = len(sentences)
    kept = 0
    for n, sentence in enumerate(sentences):
        tokens = t.words(sentence)
        hashes = shingle_hashes(tokens)
        for h in hashes:
            sentence_of.setdefault(h, n)
        terms = tuple(t.content_terms(tokens))
        all_terms.extend(terms)
        if len(set(terms)) < MIN_SENTENCE_TERMS or (headline and n == 0):
            # Too short to compare ("Comments are closed."), or a headline: headlines
            # are formulaic ("Lab detects cholera in X") and get rewritten anyway.
            terms = ()
        elif kept < LEAD_SENTENCES:
            lead_shingles.update(hashes)
            kept += 1
            if kept == LEAD_SENTENCES:
                lead_end = n + 1
        sentence_terms.append(terms)
    shingles = sorted(sentence_of)
    names = t.names(body_sentences)
    counts = Counter(all_terms)
    lead_body = [s for s in body_sentences if len(s.split()) >= 4][:LEAD_SENTENCES]
    return Document(
        key=key,
        outlet=outlet,
        published=published,
        headline=headline,
        sentences=tuple(sentences),
        sentence_terms=tuple(sentence_terms),
        sentence_figures=tuple(
            t.figures(sentence, every=True) if terms else frozenset()
            for sentence, terms in zip(sentences, sentence_terms, strict=True)
        ),
        lead_end=lead_end,
        terms=frozenset(counts),
        repeated={term: n for term, n in counts.items() if n > 1},
        shingles=array("I", shingles),
        shingle_sentences=array("H", (min(sentence_of[h], 0xFFFF) for h in shingles)),
        sampled=tuple(h for h in shingles if h % SAMPLE_EVERY == 0),
        lead_shingles=frozenset(lead_shingles),
        quotes=tuple(Quote(text, terms) for text, terms in t.quotes(body)),
        figures=t.figures(f"{headline}\n{body}"),
        # Headlines are often in title case: every word would look like a name.
        names=names,
        name_terms=frozenset(t.content_terms(list(names))),
        sources=t.named_sources(body_sentences),
        lead_terms=tuple(t.content_terms(t.words(" ".join([headline, *lead_body])))),
        lead_names=t.names(lead_body),
        lead_figures=key_figures(raw_lead, lang),
        first_figures=key_figures(raw_first, lang),
        key_figures=key_figures(raw_all, lang),
        stages=t.stages(raw_first),
        looks_back=t.looks_back(raw_all, lang),
        lead_dates=written_dates(raw_lead, lang),
        name_keys=frozenset(map(name_key, names)),
    )


def written_dates(text: str, lang: str | None) -> tuple[tuple[int, int], ...]:
    """The calendar dates ``text`` writes, as the text layer reads them."""
    return tuple(
        sorted(
            {
                (int(f.value), int(f.high or 0))
                for f in read_figures(text, lang)
                if f.kind == DATE and not f.spelled
            }
        )
    )


def _raw_lead(headline: str, body: str, *, sentences: int = LEAD_SENTENCES) -> str:
    """The headline and first sentences as written (key figures are read
    before hyphens are folded: "7-1" is a result, "71" is not)."""
    body_sentences = t.sentences(unicodedata.normalize("NFKC", body))
    lead = [s for s in body_sentences if len(s.split()) >= 4][:sentences]
    return "\n".join([unicodedata.normalize("NFKC", headline), *lead])
