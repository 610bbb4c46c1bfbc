"""Finding candidates without comparing against every article.

An inverted index over each article's rarest content terms and a hash-chosen
sample of its shingles. Posting lists keep only the newest ``posting_cap``
articles, so a common term costs no more than a rare one and the work per
query stays flat however large the window grows. The same structure keeps
the document frequencies that scoring needs (term IDF, shingle boilerplate)."""

import functools
import heapq
import math
import zlib
from array import array
from collections.abc import Hashable, Iterable

import numpy as np

from .document import Document

_MIX = 0x9E3779B97F4A7C15
_MIX_U64 = np.uint64(_MIX)
_LOG_TF = [0.0] + [1.0 + math.log(n) for n in range(1, 64)]


def log_tf(count: int) -> float:
    """Sublinear term frequency, 1 + ln(count)."""
    return _LOG_TF[count] if count < 64 else 1.0 + math.log(count)


_MASK64 = (1 << 64) - 1


class CountSketch:
    """Approximate counts of integer keys in fixed memory (count-min, two rows
    of 16-bit counters). Overestimates only, by collisions; supports removal.

    Keys are counted in bulk: additions wait until a count is asked for (or
    many have gathered, or removals follow), then go in in one vectorised
    step. A counter ends as counting the keys one by one would leave it:
    stopped at zero, and saturated for good once full. Reading a window of
    ten thousand articles touches millions of counters."""

    __slots__ = ("_mask", "_pending", "_pending_delta", "_pending_size", "_rows", "_views")

    # Keys gathered at most before they are counted (bounds the memory held).
    PENDING_MAX = 1 << 20

    def __init__(self, *, bits: int = 22):
        self._mask = (1 << bits) - 1
        self._rows = (array("H", bytes(2 << bits)), array("H", bytes(2 << bits)))
        # numpy views of the same memory: counting writes through them, ``count``
        # reads the arrays (one key at a time is quicker without numpy).
        self._views = tuple(np.frombuffer(row, dtype=np.uint16) for row in self._rows)
        self._pending: list[np.ndarray] = []
        self._pending_delta = 0
        self._pending_size = 0

    def _slots(self, key: int) -> tuple[int, int]:
        mixed = (key * _MIX) & _MASK64
        return key & self._mask, (mixed >> 40) & self._mask

    def add(self, keys: Iterable[int] | np.ndarray, delta: int = 1) -> None:
        """Count each of ``keys`` ``delta`` more times (negative: fewer)."""
        if not isinstance(keys, np.ndarray):
            keys = np.fromiter(keys, dtype=np.uint64)
        if not len(keys):
            return
        if self._pending and delta != self._pending_delta:
            self._flush()  # a counter stops at zero: the order of ups and downs matters
        self._pending.append(keys.astype(np.uint64, copy=False))
        self._pending_delta = delta
        self._pending_size += len(keys)
        if self._pending_size >= self.PENDING_MAX:
            self._flush()

    def _flush(self) -> None:
        keys = np.concatenate(self._pending)
        delta = self._pending_delta
        self._pending, self._pending_size = [], 0
        mask = np.uint64(self._mask)
        second = ((keys * _MIX_U64) >> np.uint64(40)) & mask
        for view, slots in zip(self._views, (keys & mask, second), strict=True):
            # A slot hit k times moves by k * delta, as k single steps would.
            slots, hits = np.unique(slots, return_counts=True)
            now = view[slots].astype(np.int64)
            moved = np.clip(now + delta * hits, 0, 0xFFFF)
            view[slots] = np.where(now == 0xFFFF, now, moved)

    def count(self, key: int) -> int:
        if self._pending:
            self._flush()
        a, b = self._slots(key)
        return min(self._rows[0][a], self._rows[1][b])

    @property
    def rows(self) -> tuple[array, array]:
        """The counters, every addition counted."""
        if self._pending:
            self._flush()
        return self._rows


@functools.lru_cache(maxsize=4096)
def outlet_salt(outlet: Hashable | None) -> int:
    """A stable number per outlet, mixed into shingle hashes for per-site counts."""
    return zlib.crc32(repr(outlet).encode()) if outlet is not None else 0


def site_key(shingle: int, salt: int) -> int:
    return (shingle ^ (salt * _MIX)) & _MASK64


def site_keys(shingles: Iterable[int], salt: int) -> np.ndarray:
    """``site_key`` of every shingle of a document at once."""
    return np.asarray(shingles, dtype=np.uint64) ^ np.uint64((salt * _MIX) & _MASK64)


class CandidateIndex:
    """Documents of the active window, searchable by shared rare terms and shingles."""

    def __init__(
        self,
        *,
        posting_cap: int = 32,
        query_terms: int = 30,
        shingle_hit_weight: float = 4.0,
        sketch_bits: int = 22,
        name_candidates: int = 8,
        shared_names: int = 2,
    ):
        self.posting_cap = posting_cap
        self.query_terms = query_terms
        self.shingle_hit_weight = shingle_hit_weight
        self.name_candidates = name_candidates
        self.shared_names = shared_names
        self.docs: dict[Hashable, Document] = {}
        self.counted = 0  # documents in the frequencies (primed ones included)
        self.term_df: dict[str, int] = {}
        self._idf: dict[str, float] = {}
        self._idf_basis = 0
        self._norms: dict[Hashable, tuple[float, int]] = {}
        self.shingle_df = CountSketch(bits=sketch_bits)
        self.site_df = CountSketch(bits=sketch_bits)
        self._term_postings: dict[str, list] = {}
        self._shingle_postings: dict[int, list] = {}
        self._name_postings: dict[str, list] = {}
        # What each document was posted under, so removing it prunes its entries
        # (a long-lived window would otherwise keep every key it ever indexed).
        self._posted: dict[Hashable, tuple[list[str], list[int]]] = {}

    def __len__(self) -> int:
        return len(self.docs)

    def __contains__(self, key: Hashable) -> bool:
        return key in self.docs

    # --- frequencies -------------------------------------------------------
    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency. Memoised until the number of
        counted documents moves by 2%: a term's weight hardly changes in between."""
        value = self._idf.get(term)
        if value is None:
            value = math.log((self.counted + 1) / (self.term_df.get(term, 0) + 1)) + 1.0
            self._idf[term] = value
        return value

    def norm(self, doc: Document) -> float:
        """Length of ``doc``'s TF-IDF vector, recomputed when the counts moved by 25%."""
        cached = self._norms.get(doc.key)
        if cached is not None and abs(self.counted - cached[1]) <= 0.25 * cached[1]:
            return cached[0]
        idf = self.idf
        value = (
            math.sqrt(sum((log_tf(doc.count(term)) * idf(term)) ** 2 for term in doc.terms)) or 1.0
        )
        if doc.key in self.docs:
            self._norms[doc.key] = (value, self.counted)
        return value

    def count_frequencies(self, doc: Document, delta: int = 1) -> None:
        """Count ``doc`` in the document frequencies (``delta=-1`` to uncount).

        ``add`` does this; call it on its own to prime the counts with articles
        that are about to be grouped, so boilerplate is known from the start."""
        self.counted += delta
        if abs(self.counted - self._idf_basis) > 0.02 * self._idf_basis:
            self._idf.clear()
            self._idf_basis = self.counted
        df = self.term_df
        for term in doc.terms:
            count = df.get(term, 0) + delta
            if count > 0:
                df[term] = count
            else:
                df.pop(term, None)
        self.shingle_df.add(np.asarray(doc.shingles, dtype=np.uint64), delta)
        self.site_df.add(site_keys(doc.shingles, outlet_salt(doc.outlet)), delta)

    # --- membership --------------------------------------------------------
    def add(self, doc: Document, *, counted: bool = False) -> None:
        """Index ``doc``; ``counted`` when its frequencies were primed already."""
        if doc.key in self.docs:
            self.remove(doc.key)
        self.docs[doc.key] = doc
        if not counted:
            self.count_frequencies(doc)
        terms = self._rarest_terms(doc, 2 * self.query_terms)
        shingles = list(dict.fromkeys(doc.sampled))
        for term in terms:
            self._post(self._term_postings, term, doc.key)
        for shingle in shingles:
            self._post(self._shingle_postings, shingle, doc.key)
        for name in doc.name_keys:
            self._post(self._name_postings, name, doc.key)
        self._posted[doc.key] = (terms, shingles)

    def remove(self, key: Hashable) -> None:
        """Forget a document, its posting entries and its share of the frequencies."""
        doc = self.docs.pop(key, None)
        self._norms.pop(key, None)
        if doc is not None:
            self.count_frequencies(doc, -1)
        terms, shingles = self._posted.pop(key, ((), ()))
        for term in terms:
            self._unpost(self._term_postings, term, key)
        for shingle in shingles:
            self._unpost(self._shingle_postings, shingle, key)
        for name in doc.name_keys if doc is not None else ():
            self._unpost(self._name_postings, name, key)

    def _post(self, postings: dict, item, key: Hashable) -> None:
        keys = postings.get(item)
        if keys is None:
            postings[item] = [key]
            return
        keys.append(key)
        if len(keys) > self.posting_cap:
            del keys[0]

    @staticmethod
    def _unpost(postings: dict, item, key: Hashable) -> None:
        keys = postings.get(item)
        if keys is None or key not in keys:  # evicted by the cap already
            return
        keys.remove(key)
        if not keys:
            del postings[item]

    def _rarest_terms(self, doc: Document, limit: int, *, posted: bool = False) -> list[str]:
        """``doc``'s rarest terms; ``posted``: only terms other documents are indexed under."""
        df = self.term_df
        terms = doc.terms
        if posted:
            terms = [term for term in terms if term in self._term_postings]
        return sorted(terms, key=lambda term: (df.get(term, 0), term))[:limit]

    # --- search ------------------------------------------------------------
    def candidates(self, doc: Document, *, limit: int = 30) -> list[Hashable]:
        """Keys of the indexed documents most likely to share reporting or a theme
        with ``doc``, best first (``doc`` itself excluded)."""
        scores: dict[Hashable, float] = {}
        for term in self._rarest_terms(doc, self.query_terms, posted=True):
            keys = self._term_postings.get(term)
            if keys:
                weight = self.idf(term)
                for key in keys:
                    scores[key] = scores.get(key, 0.0) + weight
        hit = self.shingle_hit_weight
        for shingle in doc.sampled:
            for key in self._shingle_postings.get(shingle, ()):
                scores[key] = scores.get(key, 0.0) + hit
        scores.pop(doc.key, None)
        ranked = heapq.nlargest(2 * limit, scores, key=scores.__getitem__)
        found = [key for key in ranked if key in self.docs][:limit]
        return found + self._by_names(doc, exclude=set(found))

    def _by_names(self, doc: Document, *, exclude: set) -> list[Hashable]:
        """Documents that give ``shared_names`` or more of the names ``doc``
        gives, spelled as names carry across languages: another
        language's report of the event shares them where it shares no
        words ("Lehman Brothers ... Gläubigerschutz"). Rarest names first;
        at most ``name_candidates``, none of those already found."""
        if not self.name_candidates:
            return []
        shared: dict[Hashable, list[int]] = {}
        for name in doc.name_keys:
            holders = self._name_postings.get(name, ())
            for key in holders:
                shared.setdefault(key, []).append(len(holders))
        shared.pop(doc.key, None)
        worth = [
            (key, sum(1.0 / n for n in sizes))
            for key, sizes in shared.items()
            if len(sizes) >= self.shared_names and key not in exclude and key in self.docs
        ]
        worth.sort(key=lambda item: item[1], reverse=True)
        return [key for key, _ in worth[: self.name_candidates]]
