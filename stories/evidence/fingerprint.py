"""An article's grouping fingerprint: its ``Document`` as compact bytes, so a
worker loads what it needs instead of re-reading every text in its window.

The format carries a version: a change to what a document holds bumps
``FORMAT``, and fingerprints of an older format are rebuilt from the text.
The caller's key, outlet and date are not stored (they come with the row)."""

import json
import zlib
from array import array
from base64 import b64decode, b64encode
from collections.abc import Hashable
from datetime import datetime

from .document import SAMPLE_EVERY, Document, Quote
from .event import KeyFigures

FORMAT = 3  # 3: key figures read by the text layer (with units), stages, looking back


def dump(doc: Document) -> bytes:
    """``doc`` as bytes (zlib-compressed JSON)."""
    data = {
        "headline": doc.headline,
        "sentences": doc.sentences,
        "sentence_terms": doc.sentence_terms,
        "sentence_figures": [sorted(f) for f in doc.sentence_figures],
        "lead_end": doc.lead_end,
        "terms": sorted(doc.terms),
        "repeated": doc.repeated,
        "shingles": _pack(doc.shingles),
        "shingle_sentences": _pack(doc.shingle_sentences),
        "lead_shingles": _pack(array("I", sorted(doc.lead_shingles))),
        "quotes": [[q.text, sorted(q.terms)] for q in doc.quotes],
        "figures": sorted(doc.figures),
        "names": sorted(doc.names),
        "name_terms": sorted(doc.name_terms),
        "sources": sorted(doc.sources),
        "lead_terms": doc.lead_terms,
        "lead_names": sorted(doc.lead_names),
        "lead_figures": doc.lead_figures.as_lists(),
        "first_figures": doc.first_figures.as_lists(),
        "key_figures": doc.key_figures.as_lists(),
        "stages": sorted(doc.stages),
        "looks_back": doc.looks_back,
    }
    return zlib.compress(json.dumps(data, separators=(",", ":")).encode(), 6)


def load(
    blob: bytes, *, key: Hashable, outlet: Hashable | None, published: datetime | None
) -> Document:
    """The ``Document`` that ``dump`` stored, with the caller's key, outlet and date."""
    d = json.loads(zlib.decompress(blob))
    shingles = _unpack("I", d["shingles"])
    return Document(
        key=key,
        outlet=outlet,
        published=published,
        headline=d["headline"],
        sentences=tuple(d["sentences"]),
        sentence_terms=tuple(map(tuple, d["sentence_terms"])),
        sentence_figures=tuple(map(frozenset, d["sentence_figures"])),
        lead_end=d["lead_end"],
        terms=frozenset(d["terms"]),
        repeated=d["repeated"],
        shingles=shingles,
        shingle_sentences=_unpack("H", d["shingle_sentences"]),
        sampled=tuple(h for h in shingles if h % SAMPLE_EVERY == 0),
        lead_shingles=frozenset(_unpack("I", d["lead_shingles"])),
        quotes=tuple(Quote(text, frozenset(terms)) for text, terms in d["quotes"]),
        figures=frozenset(d["figures"]),
        names=frozenset(d["names"]),
        name_terms=frozenset(d["name_terms"]),
        sources=frozenset(d["sources"]),
        lead_terms=tuple(d["lead_terms"]),
        lead_names=frozenset(d["lead_names"]),
        lead_figures=KeyFigures.from_lists(d["lead_figures"]),
        first_figures=KeyFigures.from_lists(d["first_figures"]),
        key_figures=KeyFigures.from_lists(d["key_figures"]),
        stages=frozenset(d["stages"]),
        looks_back=d["looks_back"],
    )


def _pack(values: array) -> str:
    data = array(values.typecode, values)
    if data.itemsize > 1 and array("H", [1]).tobytes()[0] != 1:
        data.byteswap()  # stored little-endian whatever the machine
    return b64encode(data.tobytes()).decode()


def _unpack(typecode: str, text: str) -> array:
    data = array(typecode)
    data.frombytes(b64decode(text))
    if array("H", [1]).tobytes()[0] != 1:
        data.byteswap()
    return data
