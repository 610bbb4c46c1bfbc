"""Are the number changes shown to readers real? Measured on the real
alignment stories (../shared/corpus/alignment/<story>/), seeds beside.

Each story's same-language versions are aligned against the gold reference
(bodies as bench/real_quality.py builds them). Every reported number_change
is then checked:
- a changed figure (both sides printed): real when the two figures state
  different values (``same_figure`` is false);
- a dropped or added figure (one side): real when the other version prints
  that value nowhere in its whole text, not only in the passage.
Also shown: how many of the gold's number changes a reported number_change
touches (recall; the gold also files changed weekdays under number_change).

    .venv/bin/python bench/number_changes.py [--verbose]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from real_quality import CORPUS, Story, segments_of  # noqa: E402

from stories.alignment import Alignment, VersionInput, align  # noqa: E402
from stories.text.figures import figures, same_figure  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"


@dataclass
class Tally:
    reported: int = 0
    real: int = 0
    gold: int = 0
    touched: int = 0
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.reported += other.reported
        self.real += other.real
        self.gold += other.gold
        self.touched += other.touched
        self.wrong += other.wrong

    @property
    def share(self) -> float:
        return self.real / self.reported if self.reported else 1.0


def is_real(change: dict, *, reference_text: str, version_text: str) -> bool:
    """Whether one reported number_change is a change of value."""
    before, after = change.get("reference"), change.get("text")
    if before and after:
        a, b = figures(before), figures(after)
        return bool(a and b) and not same_figure(a[0], b[0])
    printed, other = (before, version_text) if before else (after, reference_text)
    (figure, *_) = figures(printed) or (None,)
    return figure is not None and not any(same_figure(figure, f) for f in figures(other))


def check(result: Alignment, texts: dict[str, str]) -> Tally:
    tally = Tally()
    for d in result.divergences:
        if d.type != "number_change":
            continue
        tally.reported += 1
        if is_real(d.data, reference_text=texts[result.reference], version_text=texts[d.version]):
            tally.real += 1
        else:
            before, after = d.data.get("reference"), d.data.get("text")
            tally.wrong.append(f"{d.version}: {before!r} -> {after!r}")
    return tally


def story_tally(path: Path) -> Tally:
    story = Story(path)
    inputs, spans = story.bodies()
    same = [
        VersionInput(v.id, v.text, label=v.label, language=story.language[v.id])
        for v in inputs
        if story.same_language(v.id)
    ]
    texts = {v.id: v.text for v in same}
    result = align(same, reference=story.reference)
    tally = check(result, texts)
    mapped = {
        vid: {s.index: set(segments_of(spans[vid], s.start, s.end)) for s in sentences}
        for vid, sentences in result.sentences.items()
    }
    reported = {}
    for passage in result.passages:
        for d in passage.divergences:
            if d.type == "number_change":
                touched = set()
                for member in passage.members:
                    for index in member.sentences:
                        touched |= mapped[member.version][index]
                reported.setdefault(d.version, set()).update(touched)
    for gold in story.divergences:
        if gold["type"] != "number_change" or not story.same_language(gold["version"]):
            continue
        tally.gold += 1
        segments = {gold.get("reference_segment"), gold.get("version_segment")} - {None}
        if segments & reported.get(gold["version"], set()):
            tally.touched += 1
    return tally


def seeds_tally() -> Tally | None:
    if not SEEDS.is_dir():
        return None
    from stories.ingest.text import parse_text

    paths = sorted(SEEDS.glob("00[0-3]_*.txt"))
    versions = [VersionInput(p.name[:3], parse_text(p.read_text()).body) for p in paths]
    result = align(versions, reference="003")
    return check(result, {v.id: v.text for v in versions})


def corpus_tallies(corpus: Path = CORPUS) -> dict[str, Tally]:
    return {path.name: story_tally(path) for path in sorted(corpus.iterdir()) if path.is_dir()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list the changes that are not real")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        sys.exit(f"no corpus at {CORPUS}")
    total = Tally()
    print(f"{'story':<18}{'reported':>9}{'real':>6}{'share':>7}{'gold':>6}{'touched':>8}")
    for name, tally in corpus_tallies().items():
        total.add(tally)
        print(
            f"{name:<18}{tally.reported:>9}{tally.real:>6}{tally.share:>7.2f}"
            f"{tally.gold:>6}{tally.touched:>8}"
        )
        if args.verbose:
            for line in tally.wrong:
                print(f"    not real: {line}")
    print(
        f"{'corpus (same-lang)':<18}{total.reported:>9}{total.real:>6}{total.share:>7.2f}"
        f"{total.gold:>6}{total.touched:>8}"
    )
    seeds = seeds_tally()
    if seeds:
        print(f"{'seeds 000-003':<18}{seeds.reported:>9}{seeds.real:>6}{seeds.share:>7.2f}")
        if args.verbose:
            for line in seeds.wrong:
                print(f"    not real: {line}")


if __name__ == "__main__":
    main()
