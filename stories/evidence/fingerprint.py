"""An article's grouping fingerprint: its ``Document`` as compact bytes, so a
worker loads what it needs instead of re-reading every text in its window.

Two parts: what the candidate index reads of every article in the window
(its distinct terms, the repeated ones' counts, its shingles and their
sample, its names as they carry across languages), in a binary head that
loads in microseconds, and the rest (sentences,
quotes, figures, names), compressed JSON decoded only when the article is
compared with a new one. A window holds thousands of articles and compares
a few dozen.

The format carries a version: a change to what a document holds bumps
``FORMAT``, and fingerprints of an older format are rebuilt from the text.
The caller's key, outlet and date are not stored (they come with the row)."""

import json
import struct
import zlib
from array import array
from base64 import b64decode, b64encode
from collections.abc import Hashable
from datetime import datetime

from .document import Document, Quote
from .event import KeyFigures

# 2: key figures read by the text layer (with units), process stages.
# 3: and whether the lead looks back.
# 4: the index's part in a binary head, the rest decoded when first read.
# 5: the dates the lead writes; results lines and "a magnitude of 7.3" read.
# 6: magnitudes on the Richter scale and a quake's "grados" read.
# 7: magnitudes written after the number ("7,3 büyüklüğünde", "7.3 gradi di
#    magnitudo"), "7 x 1" results, "saat 04.17" times, seconds as "sekúndum",
#    "procent" and "miljoen"; a count in millions no decimal key figure; the
#    names as they carry across languages in the head, for the index.
FORMAT = 7

# Sizes in the head: terms' UTF-8 bytes, repeated terms, shingles, sampled
# shingles, name keys' UTF-8 bytes.
_HEAD = struct.Struct("<IIIII")
_LITTLE_ENDIAN = array("H", [1]).tobytes()[0] == 1


def dump(doc: Document) -> bytes:
    """``doc`` as bytes: the binary head, then the rest as zlib-compressed JSON."""
    terms = sorted(doc.terms)
    if any("\n" in word for word in (*terms, *doc.name_keys)):
        raise ValueError("a content term or a name holds a line break")
    position = {term: n for n, term in enumerate(terms)}
    # The repeated terms in their own order (a sum over them adds up the same).
    repeated = array("I", (position[term] for term in doc.repeated))
    counts = array("I", doc.repeated.values())
    text = "\n".join(terms).encode()
    keys = "\n".join(sorted(doc.name_keys)).encode()
    head = _HEAD.pack(len(text), len(repeated), len(doc.shingles), len(doc.sampled), len(keys))
    parts = [head, text, keys]
    parts += map(_raw, (repeated, counts, array("I", doc.shingles), array("I", doc.sampled)))
    data = {
        "headline": doc.headline,
        "sentences": doc.sentences,
        "sentence_terms": doc.sentence_terms,
        "sentence_figures": [sorted(f) for f in doc.sentence_figures],
        "lead_end": doc.lead_end,
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
        "lead_dates": doc.lead_dates,
    }
    parts.append(zlib.compress(json.dumps(data, separators=(",", ":")).encode(), 6))
    return b"".join(parts)


def load(
    blob: bytes, *, key: Hashable, outlet: Hashable | None, published: datetime | None
) -> Document:
    """The ``Document`` that ``dump`` stored, with the caller's key, outlet and
    date. Only the head is read now; the rest when a feature of it is first used."""
    text_size, n_repeated, n_shingles, n_sampled, keys_size = _HEAD.unpack_from(blob)
    at = _HEAD.size
    text = blob[at : at + text_size].decode()
    at += text_size
    keys = blob[at : at + keys_size].decode()
    at += keys_size
    terms = text.split("\n") if text else []
    repeated, at = _array(blob, at, n_repeated)
    counts, at = _array(blob, at, n_repeated)
    shingles, at = _array(blob, at, n_shingles)
    sampled, at = _array(blob, at, n_sampled)
    doc = object.__new__(_LazyDocument)
    doc.key, doc.outlet, doc.published = key, outlet, published
    doc.terms = frozenset(terms)
    doc.repeated = {terms[n]: count for n, count in zip(repeated, counts, strict=True)}
    doc.shingles = shingles
    doc.sampled = tuple(sampled)
    doc.name_keys = frozenset(keys.split("\n")) if keys else frozenset()
    doc._rest = blob[at:]
    return doc


class _LazyDocument(Document):
    """A loaded ``Document`` whose comparison features are decoded the first
    time one of them is read (an unset slot is what calls ``__getattr__``)."""

    __slots__ = ("_rest",)

    def __getattr__(self, name: str):
        rest = object.__getattribute__(self, "_rest")
        if rest is None:
            raise AttributeError(name)
        self._rest = None
        _fill(self, json.loads(zlib.decompress(rest)))
        return object.__getattribute__(self, name)


def _fill(doc: Document, d: dict) -> None:
    doc.headline = d["headline"]
    doc.sentences = tuple(d["sentences"])
    doc.sentence_terms = tuple(map(tuple, d["sentence_terms"]))
    doc.sentence_figures = tuple(map(frozenset, d["sentence_figures"]))
    doc.lead_end = d["lead_end"]
    doc.shingle_sentences = _unpack("H", d["shingle_sentences"])
    doc.lead_shingles = frozenset(_unpack("I", d["lead_shingles"]))
    doc.quotes = tuple(Quote(text, frozenset(terms)) for text, terms in d["quotes"])
    doc.figures = frozenset(d["figures"])
    doc.names = frozenset(d["names"])
    doc.name_terms = frozenset(d["name_terms"])
    doc.sources = frozenset(d["sources"])
    doc.lead_terms = tuple(d["lead_terms"])
    doc.lead_names = frozenset(d["lead_names"])
    doc.lead_figures = KeyFigures.from_lists(d["lead_figures"])
    doc.first_figures = KeyFigures.from_lists(d["first_figures"])
    doc.key_figures = KeyFigures.from_lists(d["key_figures"])
    doc.stages = frozenset(d["stages"])
    doc.looks_back = d["looks_back"]
    doc.lead_dates = tuple(map(tuple, d["lead_dates"]))


def _raw(values: array) -> bytes:
    if not _LITTLE_ENDIAN:
        values = array(values.typecode, values)
        values.byteswap()  # stored little-endian whatever the machine
    return values.tobytes()


def _array(blob: bytes, at: int, n: int) -> tuple[array, int]:
    """``n`` unsigned 32-bit numbers from ``blob`` at ``at``, and where they end."""
    values = array("I")
    end = at + n * values.itemsize
    values.frombytes(blob[at:end])
    if not _LITTLE_ENDIAN:
        values.byteswap()
    return values, end


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
