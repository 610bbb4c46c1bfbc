"""Alignment quality on the hand-labelled seeds (../shared/seeds/gold_alignment.json).

Scoring follows the gold's own description: reference = 003; every pair of a
reference body sentence and a version sentence that share a passage is a
predicted link; a link is right when the gold links the two (sure or
possible) or joins them through a chain of sure links (one gold passage);
recall counts the sure links found. The engine segments the texts itself;
its sentences are mapped to gold segments by character overlap.

Also prints sentence-boundary F1 of the engine's segmentation against the
gold segments, and how many links go into 004 (a different story) when it is
forced into the same alignment.

    .venv/bin/python bench/align_quality.py
"""

from __future__ import annotations

import difflib
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stories.alignment import Alignment, Annotation, VersionInput, align  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
REFERENCE = "003"
SCORED = ("000", "001", "002")
UNIVERSE = {"body", "dek", "note"}
_WORD = re.compile(r"\w+")


def main() -> None:
    if not (SEEDS / "gold_alignment.json").exists():
        print("../shared/seeds is not present: nothing to measure")
        return
    gold = Gold(json.loads((SEEDS / "gold_alignment.json").read_text()))
    labels = _labels()
    inputs, method = _inputs(gold, labels)
    print(f"body text: {method}\n")

    print("segmentation: boundary F1 against the gold segments inside the body")
    print("  (a: the body above; b: the gold's body span cut from the raw file, notes left in)")
    cut = _gold_cut(gold, labels)
    for vid in ("000", "001", "002", "003", "004"):
        scores = []
        for version, source in ((inputs[vid], gold.sources[vid]), cut[vid]):
            sentences = align([version]).sentences[vid]
            scores.append(gold.boundary_f1(vid, source, sentences))
        (f_a, n_a, g_a), (f_b, n_b, g_b) = scores
        print(
            f"  {vid} {labels[vid]:<22} a: F1 {f_a:.3f} ({n_a}/{g_a})   "
            f"b: F1 {f_b:.3f} ({n_b}/{g_b})  (engine/gold segments)"
        )

    for title, ids in (
        ("000-003 (the story's versions)", ("000", "001", "002", "003")),
        ("000-004 (004, a different story, forced in)", ("000", "001", "002", "003", "004")),
    ):
        started = time.perf_counter()
        result = align([inputs[v] for v in ids], reference=REFERENCE)
        elapsed = time.perf_counter() - started
        links = gold.predicted_links(result, inputs)
        print(f"\nalignment of {title}: {len(result.passages)} passages in {elapsed * 1000:.0f} ms")
        print(f"  {'version':<26} {'P':>6} {'R':>6} {'F1':>6}  links  sure")
        total = [0, 0, 0, 0]
        for vid in SCORED:
            right, predicted, found, sure = gold.score(vid, links)
            total = [a + b for a, b in zip(total, (right, predicted, found, sure), strict=True)]
            p, r, f = _prf(right, predicted, found, sure)
            print(
                f"  {vid} {labels[vid]:<22} {p:6.3f} {r:6.3f} {f:6.3f}  {predicted:5d}  {sure:4d}"
            )
        p, r, f = _prf(*total)
        print(f"  {'000+001+002':<26} {p:6.3f} {r:6.3f} {f:6.3f}  {total[1]:5d}  {total[3]:4d}")
        if "004" in ids:
            into = sorted(link for link in links if link[1] == "004")
            listed = ", ".join(f"{a}-{c}" for a, _, c in into)
            print(f"  links into 004: {len(into)}" + (f" ({listed})" if listed else ""))


def _prf(right: int, predicted: int, found: int, sure: int) -> tuple[float, float, float]:
    precision = right / predicted if predicted else 1.0
    recall = found / sure if sure else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _labels() -> dict[str, str]:
    manifest = json.loads((SEEDS / "manifest.json").read_text())
    return {a["file"][:3]: a["outlet"].split(" (")[0] for a in manifest["articles"]}


class Source:
    """A version's body text and how its offsets map back to the raw file."""

    def __init__(self, raw: str, body: str, annotations=()) -> None:
        self.raw = raw
        self.body = body
        self.annotations = tuple(annotations)
        self._map = _offset_map(raw, body)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self._map(start, True), self._map(end, False)


def _offset_map(raw: str, body: str):
    """Body offset → raw offset, exact where the body is a slice of the raw
    text and through a word-level alignment where ingest removed something."""
    at = raw.find(body)
    if at >= 0:
        return lambda offset, _start: at + offset
    raw_words = list(_WORD.finditer(raw))
    body_words = list(_WORD.finditer(body))
    matcher = difflib.SequenceMatcher(
        None, [m.group() for m in body_words], [m.group() for m in raw_words], autojunk=False
    )
    pairs: list[tuple[int, int, int, int]] = []  # body start, body end, raw start, raw end
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            b, r = body_words[block.a + k], raw_words[block.b + k]
            pairs.append((b.start(), b.end(), r.start(), r.end()))

    def mapped(offset: int, start: bool) -> int:
        """Shift from the nearest matched word (after a start, before an end),
        so punctuation next to it maps along."""
        if start:
            after = [p for p in pairs if p[0] >= offset]
            return after[0][2] - (after[0][0] - offset) if after else len(raw)
        before = [p for p in pairs if p[1] <= offset]
        return before[-1][3] + (offset - before[-1][1]) if before else 0

    return mapped


def _gold_cut(gold: Gold, labels: dict[str, str]) -> dict[str, tuple[VersionInput, Source]]:
    """Each file cut to the gold's body span, with nothing removed."""
    cut = {}
    for vid, filename in gold.files.items():
        raw = (SEEDS / filename).read_text()
        start, end = gold.body_span(vid)
        cut[vid] = (
            VersionInput(vid, raw[start:end], label=labels[vid]),
            Source(raw, raw[start:end]),
        )
    return cut


def _inputs(gold: Gold, labels: dict[str, str]) -> tuple[dict[str, VersionInput], str]:
    """Version inputs from the raw files, furniture stripped by ingest's
    ``parse_text`` when it is there and works, else by the gold's body span."""
    sources: dict[str, Source] = {}
    method = "stories.ingest.text.parse_text(raw).body (annotations passed through)"
    try:
        from stories.ingest.text import parse_text
    except ImportError:
        parse_text = None
    for vid, filename in gold.files.items():
        raw = (SEEDS / filename).read_text()
        body = None
        if parse_text is not None:
            try:
                parsed = parse_text(raw)
                body = parsed.body
                notes = [
                    Annotation(a["type"], a["text"], a.get("position")) for a in parsed.annotations
                ]
            except Exception as error:  # a broken parser must not stop the measurement
                print(f"parse_text failed on {vid}: {error!r}")
        if not body:
            method = "raw text cut from the first body/dek gold segment to the last body one"
            start, end = gold.body_span(vid)
            body, notes = raw[start:end], []
        sources[vid] = Source(raw, body, notes)
    gold.sources = sources
    return {
        vid: VersionInput(vid, src.body, label=labels[vid], annotations=src.annotations)
        for vid, src in sources.items()
    }, method


def passage_links(result: Alignment, mapped, kind, reference: str, universe) -> set:
    """Predicted links: (reference body segment, version, version segment) for
    every reference body sentence and version sentence sharing a passage (a
    member moved to keep its version's order still carries its passage:
    ``Alignment.carried``); ``mapped`` gives each engine sentence's gold segments, ``kind`` each
    segment's kind, ``universe`` the version segment kinds scored."""
    links = set()
    for passage in result.passages:
        if passage.moved_from is not None:
            continue
        members = result.carried(passage)
        ref = next((m for m in members if m.version == reference), None)
        if ref is None:
            continue
        ref_segs = [g for i in ref.sentences for g in mapped[reference][i]]
        ref_segs = [g for g in ref_segs if kind[(reference, g)] == "body"]
        for member in members:
            if member.version == reference:
                continue
            for i in member.sentences:
                for seg in mapped[member.version][i]:
                    if kind[(member.version, seg)] in universe:
                        links.update((g, member.version, seg) for g in ref_segs)
    return links


class Gold:
    def __init__(self, data: dict) -> None:
        self.files = data["files"]
        self.segments = {vid: entry["segments"] for vid, entry in data["segments"].items()}
        self.kind = {(vid, s["id"]): s["kind"] for vid in self.segments for s in self.segments[vid]}
        self.sure: set[tuple[str, str, str]] = set()
        self.possible: set[tuple[str, str, str]] = set()
        for row in data["alignment"]:
            for vid in ("000", "001", "002", "004"):
                for item in row[vid]["sure"]:
                    self.sure.add((row["ref_id"], vid, item["id"]))
                for item in row[vid]["possible"]:
                    self.possible.add((row["ref_id"], vid, item["id"]))
        self._parent: dict = {}
        for ref, vid, seg in self.sure:
            self._union((REFERENCE, ref), (vid, seg))
        self.sources: dict[str, Source] = {}

    def _find(self, node):
        self._parent.setdefault(node, node)
        while self._parent[node] != node:
            self._parent[node] = self._parent[self._parent[node]]
            node = self._parent[node]
        return node

    def _union(self, a, b) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[ra] = rb

    def body_span(self, vid: str) -> tuple[int, int]:
        segs = self.segments[vid]
        start = min(s["start"] for s in segs if s["kind"] in ("body", "dek"))
        end = max(s["end"] for s in segs if s["kind"] == "body")
        return start, end

    def segments_of(self, vid: str, start: int, end: int) -> list[str]:
        """Gold segments an engine span (raw offsets) covers: overlap of at
        least half the shorter of the two."""
        found = []
        for seg in self.segments[vid]:
            overlap = min(end, seg["end"]) - max(start, seg["start"])
            shorter = min(end - start, seg["end"] - seg["start"])
            if overlap > 0 and overlap >= 0.5 * shorter:
                found.append(seg["id"])
        return found

    def predicted_links(self, result: Alignment, inputs) -> set[tuple[str, str, str]]:
        mapped = {
            vid: {
                s.index: self.segments_of(vid, *self.sources[vid].raw_span(s.start, s.end))
                for s in sentences
            }
            for vid, sentences in result.sentences.items()
        }
        return passage_links(result, mapped, self.kind, REFERENCE, UNIVERSE)

    def score(self, vid: str, links) -> tuple[int, int, int, int]:
        mine = {link for link in links if link[1] == vid}
        right = sum(
            1
            for link in mine
            if link in self.sure
            or link in self.possible
            or self._find((REFERENCE, link[0])) == self._find((vid, link[2]))
        )
        sure = {
            link
            for link in self.sure
            if link[1] == vid and self.kind[(REFERENCE, link[0])] == "body"
        }
        return right, len(mine), len(sure & mine), len(sure)

    def boundary_f1(self, vid: str, source: Source, sentences):
        """F1 of segment boundaries (start and end offsets) inside the body."""
        spans = [source.raw_span(s.start, s.end) for s in sentences]
        low = min(s for s, _ in spans) if spans else 0
        high = max(e for _, e in spans) if spans else 0
        gold_spans = [
            (g["start"], g["end"])
            for g in self.segments[vid]
            if g["start"] >= low - 1 and g["end"] <= high + 1
        ]
        predicted = {b for span in spans for b in span}
        expected = {b for span in gold_spans for b in span}
        hits = len(predicted & expected)
        precision = hits / len(predicted) if predicted else 1.0
        recall = hits / len(expected) if expected else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return f1, len(spans), len(gold_spans)


if __name__ == "__main__":
    main()
