"""Alignment and divergence quality on the real, hand-labelled stories
(../shared/corpus/alignment/<story>/), with the seeds beside.

Body text: the gold segments' own text (kinds body, dek and note), joined
as the capture prints them, so this measures alignment and typing, not
extraction (bench/extraction.py measures that). The engine splits the
sentences itself; its sentences map to gold segments by character overlap.

Pairs, scored as the seeds' gold says (bench/align_quality.py): every pair
of a reference body sentence and a version sentence sharing a passage is a
predicted link, right when the gold links them (sure or possible) or joins
them through a chain of sure links; recall counts the sure links found.
Pairs the gold marks ``beyond_capture`` are left out on both sides, and so
are findings about reference sentences past a version's capture.
Versions in another language than the reference are reported apart.

Divergences, on same-language versions only (typing is judged within one
language). A reported divergence sits where its passage's reference member
and the version's member (if any) sit, as gold segment ids; the version's
own segments for an addition.
- recall: a gold divergence is surfaced when one of the version's reported
  divergences of the same type touches one of its segments;
- noise: reported divergences that touch no gold divergence and no trivial
  difference of that version; those that touch one only of another type are
  counted apart, as mistyped (they already cost recall).
A passage only the reference carries is one finding, the reference's
addition, naming the versions that leave it out: for recall it counts as
each of their omissions (which is how the gold lists them); it is reported
once, and noise only when none of those omissions touches the gold or a
trivial difference.
Reading-order inversions: pairs of a version's sentences that the merged
timeline shows in the opposite order to the version's own.

    .venv/bin/python bench/real_quality.py [--default-reference] [--verbose] [--links]

``--links`` lists every same-language pair missed (a sure gold link the
engine did not make) or made wrongly (a link the gold does not hold), with
both segments' text.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.align_quality import Gold as SeedsGold  # noqa: E402
from bench.align_quality import Source, passage_links  # noqa: E402
from stories.alignment import Alignment, Divergence, VersionInput, align  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "alignment"
CONTENT = ("body", "dek", "note")


@dataclass
class Counts:
    """Sums that make the figures: pairs, divergences and inversions."""

    right: int = 0
    predicted: int = 0
    found: int = 0
    sure: int = 0
    required: int = 0
    surfaced: int = 0
    reported: int = 0
    noise: int = 0
    mistyped: int = 0
    inversions: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.sure if self.sure else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def divergence_recall(self) -> float:
        return self.surfaced / self.required if self.required else 1.0

    @property
    def noise_share(self) -> float:
        return self.noise / self.reported if self.reported else 0.0


@dataclass
class StoryScore:
    story: str
    reference: str
    chosen_reference: str
    same: Counts = field(default_factory=Counts)
    cross: Counts = field(default_factory=Counts)
    missed: list[dict] = field(default_factory=list)
    noisy: list[tuple[str, str, str]] = field(default_factory=list)
    # Same-language pair errors: (kind, reference segment, version, version segment).
    wrong_links: list[tuple[str, str, str, str]] = field(default_factory=list)


class Story(SeedsGold):
    """One story's versions, gold links and divergences (the seeds' gold
    format; the chains of sure links are joined as the seeds' scorer does)."""

    def __init__(self, path: Path) -> None:
        self.name = path.name
        self.meta = json.loads((path / "meta.json").read_text())
        gold = json.loads((path / "gold_alignment.json").read_text())
        self.gold = gold
        labelled = json.loads((path / "divergences.json").read_text())
        self.divergences = labelled["divergences"]
        self.trivial = labelled["trivial"]
        self.reference = gold["reference"]
        self.language = {v["id"]: v["language"] for v in self.meta["versions"]}
        self.outlet = {v["id"]: v["name"] for v in self.meta["versions"]}
        self.ids = list(gold["segments"])
        self.segments = {vid: gold["segments"][vid]["segments"] for vid in self.ids}
        self.kind = {(vid, s["id"]): s["kind"] for vid in self.ids for s in self.segments[vid]}
        self.texts = {
            vid: (path / gold["segments"][vid]["file"]).read_text(encoding="utf-8")
            for vid in self.ids
        }
        self.sure: set[tuple[str, str, str]] = set()
        self.possible: set[tuple[str, str, str]] = set()
        for row in gold["alignment"]:
            for vid in self.ids:
                if vid == self.reference or vid not in row:
                    continue
                self.sure.update((row["ref_id"], vid, item["id"]) for item in row[vid]["sure"])
                self.possible.update(
                    (row["ref_id"], vid, item["id"]) for item in row[vid]["possible"]
                )
        self.beyond = {
            tuple(key.split(":", 1))
            for key, note in gold.get("notes", {}).items()
            if ":" in key and str(note).startswith("beyond_capture")
        }
        self._parent: dict = {}
        for ref, vid, seg in self.sure:
            self._union((self.reference, ref), (vid, seg))

    def same_language(self, vid: str) -> bool:
        return self.language[vid] == self.language[self.reference]

    def bodies(self) -> tuple[list[VersionInput], dict[str, list[tuple[int, int, str]]]]:
        """Each version's content segments joined as printed (the capture's own
        separator between neighbours, a paragraph break across anything left
        out), and where each segment sits in that body."""
        inputs, spans = [], {}
        for vid in self.ids:
            raw = self.texts[vid]
            parts: list[str] = []
            placed: list[tuple[int, int, str]] = []
            previous = None
            length = 0
            for seg in sorted(self.segments[vid], key=lambda s: s["start"]):
                if seg["kind"] not in CONTENT:
                    previous = None
                    continue
                if parts:
                    between = raw[previous["end"] : seg["start"]] if previous else "\n\n"
                    if between.strip() or not between:
                        between = " "
                    parts.append(between)
                    length += len(between)
                parts.append(seg["text"])
                placed.append((length, length + len(seg["text"]), seg["id"]))
                length += len(seg["text"])
                previous = seg
            inputs.append(
                VersionInput(
                    vid, "".join(parts), label=self.outlet[vid], language=self.language[vid]
                )
            )
            spans[vid] = placed
        return inputs, spans

    def inputs(
        self, bodies: str = "gold"
    ) -> tuple[list[VersionInput], Callable[[str, object], list[str]]]:
        """Version inputs and ``where(version, sentence)``: the gold segments an
        engine sentence covers. ``bodies="gold"`` joins the gold's content
        segments (``bodies()``); ``"ingest"`` reads each raw capture through
        the ingest text layer (``parse_text``), end to end."""
        if bodies == "gold":
            inputs, spans = self.bodies()
            return inputs, lambda vid, s: segments_of(spans[vid], s.start, s.end)
        from stories.ingest.text import parse_text

        inputs, sources = [], {}
        for vid in self.ids:
            parsed = parse_text(self.texts[vid])
            sources[vid] = Source(self.texts[vid], parsed.body)
            inputs.append(
                VersionInput(vid, parsed.body, label=self.outlet[vid], language=self.language[vid])
            )
        raw = {
            vid: [(g["start"], g["end"], g["id"]) for g in self.segments[vid]] for vid in self.ids
        }
        return inputs, lambda vid, s: segments_of(raw[vid], *sources[vid].raw_span(s.start, s.end))

    def is_right(self, link: tuple[str, str, str]) -> bool:
        ref, vid, seg = link
        return (
            link in self.sure
            or link in self.possible
            or self._find((self.reference, ref)) == self._find((vid, seg))
        )


def segments_of(spans: Iterable[tuple[int, int, str]], start: int, end: int) -> list[str]:
    """Gold segments an engine sentence covers: overlap of at least half the
    shorter of the two."""
    found = []
    for seg_start, seg_end, seg_id in spans:
        overlap = min(end, seg_end) - max(start, seg_start)
        if overlap > 0 and overlap >= 0.5 * min(end - start, seg_end - seg_start):
            found.append(seg_id)
    return found


def _ids(value: str | None) -> set[str]:
    return set(value.split()) if value else set()


def score_story(
    path: Path, *, reference: str | None = "gold", bodies: str = "gold"
) -> tuple[StoryScore, Alignment]:
    """Align one story and score it. ``reference="gold"`` aligns against the
    gold's reference (what its divergences are stated against); None lets
    the engine choose. ``bodies``: see ``Story.inputs``."""
    story = Story(path)
    inputs, where = story.inputs(bodies)
    default = align(inputs)
    result = align(inputs, reference=story.reference) if reference == "gold" else default
    score = StoryScore(story.name, story.reference, default.reference)
    mapped = {
        vid: {s.index: where(vid, s) for s in sentences}
        for vid, sentences in result.sentences.items()
    }
    _score_pairs(story, result, mapped, score)
    _score_divergences(story, result, mapped, score)
    for vid in story.ids:
        if story.same_language(vid):
            score.same.inversions += inversions(result, vid)
        else:
            score.cross.inversions += inversions(result, vid)
    return score, result


def _score_pairs(story: Story, result: Alignment, mapped, score: StoryScore) -> None:
    ref = story.reference
    links = passage_links(result, mapped, story.kind, ref, CONTENT)
    for vid in story.ids:
        if vid == ref:
            continue
        counts = score.same if story.same_language(vid) else score.cross
        mine = {link for link in links if link[1] == vid and (vid, link[0]) not in story.beyond}
        sure = {
            link
            for link in story.sure
            if link[1] == vid
            and story.kind[(ref, link[0])] == "body"
            and (vid, link[0]) not in story.beyond
        }
        counts.right += sum(1 for link in mine if story.is_right(link))
        counts.predicted += len(mine)
        counts.found += len(sure & mine)
        counts.sure += len(sure)
        if story.same_language(vid):
            score.wrong_links.extend(("missed", *link) for link in sorted(sure - mine))
            score.wrong_links.extend(
                ("wrong", *link) for link in sorted(mine) if not story.is_right(link)
            )


def _score_divergences(story: Story, result: Alignment, mapped, score: StoryScore) -> None:
    ref = story.reference
    located = []
    for passage in result.passages:
        where: dict[str, set[str]] = {}
        for member in passage.members:
            where[member.version] = {g for i in member.sentences for g in mapped[member.version][i]}
        for d in passage.divergences:
            if d.version == ref and d.type == "addition":
                # Reported once, as the reference's own passage; it says who
                # leaves it out, which the gold lists as their omissions: each
                # counts for recall, and the one finding is noise only when
                # none of them touches the gold.
                finding = len(located)
                for version in d.data.get("left_out_by", ()):
                    omitted = Divergence("omission", version, d.detail, d.passage)
                    if story.same_language(version) and not all(
                        (version, g) in story.beyond for g in where.get(ref, ())
                    ):
                        located.append((omitted, set(where.get(ref, ())), finding))
            if d.version == ref or not story.same_language(d.version):
                continue
            place = set(where.get(d.version, ()))
            if d.type != "addition":
                reference_part = where.get(ref, set())
                if reference_part and all((d.version, g) in story.beyond for g in reference_part):
                    continue  # past the version's capture: neither required nor noise
                place |= reference_part
            located.append((d, place, len(located)))
    gold = [
        d for d in story.divergences if d["version"] != ref and story.same_language(d["version"])
    ]
    for entry in gold:
        place = _ids(entry["reference_segment"]) | _ids(entry["version_segment"])
        score.same.required += 1
        if any(
            d.version == entry["version"] and d.type == entry["type"] and place & where
            for d, where, _ in located
        ):
            score.same.surfaced += 1
        else:
            score.missed.append(entry)
    judged: dict[int, list[tuple[bool, bool]]] = defaultdict(list)
    details: dict[int, Divergence] = {}
    for d, where, finding in located:
        touched = [
            entry
            for entry in (*gold, *story.trivial)
            if entry["version"] == d.version
            and where & (_ids(entry["reference_segment"]) | _ids(entry["version_segment"]))
        ]
        typed = any(entry.get("type", d.type) == d.type for entry in touched)
        judged[finding].append((bool(touched), typed))
        details.setdefault(finding, d)
    for finding, verdicts in judged.items():
        score.same.reported += 1
        if not any(touched for touched, _ in verdicts):
            d = details[finding]
            score.same.noise += 1
            score.noisy.append((d.version, d.type, d.detail))
        elif not any(typed for touched, typed in verdicts if touched):
            score.same.mistyped += 1


def inversions(result: Alignment, version: str) -> int:
    """Pairs of ``version``'s sentences the merged timeline shows in the
    opposite order to the version's own."""
    shown = [
        i
        for passage in result.passages
        if (member := passage.member(version)) is not None
        for i in member.sentences
    ]
    return sum(
        1 for a in range(len(shown)) for b in range(a + 1, len(shown)) if shown[a] > shown[b]
    )


def stories(corpus: Path = CORPUS) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if (p / "gold_alignment.json").exists())


def seeds_figures(reference: str | None) -> Counts | None:
    """Pair scores of the seeds (000+001+002 against 003), as bench/align_quality.py
    computes them, with ``reference`` given or (None) chosen by the engine."""
    from bench import align_quality as seeds

    if not (seeds.SEEDS / "gold_alignment.json").exists():
        return None
    gold = seeds.Gold(json.loads((seeds.SEEDS / "gold_alignment.json").read_text()))
    inputs, _ = seeds._inputs(gold, seeds._labels())
    result = align([inputs[v] for v in ("000", "001", "002", "003")], reference=reference)
    links = gold.predicted_links(result, inputs)
    counts = Counts()
    for vid in seeds.SCORED:
        right, predicted, found, sure = gold.score(vid, links)
        counts.add(Counts(right=right, predicted=predicted, found=found, sure=sure))
    counts.inversions = sum(inversions(result, v) for v in ("000", "001", "002", "003"))
    return counts


def _row(name: str, c: Counts, *, typing: bool = True) -> str:
    pairs = f"{c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.predicted:5d} {c.sure:5d}"
    if not typing:
        return f"  {name:<22} {pairs} {'':>29} {c.inversions:5d}"
    return (
        f"  {name:<22} {pairs}  {c.divergence_recall:5.2f} ({c.surfaced:3d}/{c.required:3d})"
        f" {c.noise_share:5.2f} ({c.noise:3d}/{c.reported:3d}) {c.mistyped:5d} {c.inversions:5d}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--default-reference",
        action="store_true",
        help="let the engine choose the reference (divergences still judged against the gold's)",
    )
    parser.add_argument(
        "--bodies",
        choices=("gold", "ingest"),
        default="gold",
        help="the gold's segments, or each raw capture read by the ingest text layer",
    )
    parser.add_argument("--verbose", action="store_true", help="list missed and noisy findings")
    parser.add_argument(
        "--links",
        action="store_true",
        help="list the same-language pairs missed and linked wrongly, with their text",
    )
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print("../shared/corpus/alignment is not present: nothing to measure")
        return
    reference = None if args.default_reference else "gold"
    if args.bodies == "gold":
        print("body text: the gold segments' text (body, dek, note) joined as printed\n")
    else:
        print("body text: each raw capture read by stories.ingest.text.parse_text\n")
    header = (
        f"  {'story':<22} {'P':>6} {'R':>6} {'F1':>6} {'links':>5} {'sure':>5}"
        f"  {'div. recall':>13} {'noise':>13} {'mist.':>5} {'inv.':>5}"
    )
    same, cross = Counts(), Counts()
    scores = []
    print("same-language versions")
    print(header)
    texts: dict[str, dict[tuple[str, str], str]] = {}
    for path in stories():
        score, _ = score_story(path, reference=reference, bodies=args.bodies)
        scores.append(score)
        if args.links:
            story = Story(path)
            texts[score.story] = {
                (vid, s["id"]): s["text"] for vid in story.ids for s in story.segments[vid]
            }
        same.add(score.same)
        cross.add(score.cross)
        print(_row(score.story, score.same))
    print(_row("overall", same))
    print("\ncross-language versions (pairs only)")
    for score in scores:
        if score.cross.sure or score.cross.predicted:
            print(_row(score.story, score.cross, typing=False))
    print(_row("overall", cross, typing=False))
    print("\nreference chosen by default (gold's reference in brackets)")
    for score in scores:
        print(f"  {score.story:<22} {score.chosen_reference} ({score.reference})")
    for label, ref in (("seeds, reference 003", "003"), ("seeds, default reference", None)):
        counts = seeds_figures(ref)
        if counts is not None:
            print(f"\n{label}: pairs of 000+001+002")
            print(_row("seeds", counts, typing=False))
    if args.verbose:
        for score in scores:
            for entry in score.missed:
                print(f"missed {score.story} {entry['version']} {entry['type']}: {entry['detail']}")
            for version, kind, detail in score.noisy:
                print(f"noise  {score.story} {version} {kind}: {detail}")
    if args.links:
        for score in scores:
            text = texts[score.story]
            for kind, ref_seg, vid, seg in score.wrong_links:
                print(f"{kind:<6} {score.story} {score.reference}:{ref_seg} ~ {vid}:{seg}")
                print(f"    {_clip(text[(score.reference, ref_seg)])}")
                print(f"    {_clip(text[(vid, seg)])}")


def _clip(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def figures(corpus: Path = CORPUS, **options) -> Mapping[str, StoryScore]:
    """Every story's score (for tests)."""
    return {path.name: score_story(path, **options)[0] for path in stories(corpus)}


if __name__ == "__main__":
    main()
