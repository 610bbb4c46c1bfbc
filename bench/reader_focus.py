"""What the story page's "Where coverage diverges" filter keeps, on the real
hand-labelled stories (../shared/corpus/alignment/<story>/), seeds beside.

Each story is aligned as the page shows it (the engine's own reference) and
the page's rule picks the passages: one outlet alone printed it amid what it
shares with others, or a version alters a quote, changes a figure or swaps
loaded terms (stories.reading).

- kept: passages the filter keeps, of all passages (the reader's list shrinks
  to this share);
- major found: gold divergences labelled "major" (same-language versions only)
  whose segments sit in a kept passage: what a careful reader must not miss
  and still meets in the short list;
- kept on gold: kept passages that hold at least one gold divergence of any
  severity (the rest are what the filter shows for nothing).

    .venv/bin/python bench/reader_focus.py
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.test")

import django  # noqa: E402

django.setup()

from bench.real_quality import Story, _ids, segments_of, stories  # noqa: E402
from stories.alignment import align  # noqa: E402
from stories.reading import insertions, is_finding  # noqa: E402


def kept_passages(result) -> list:
    inserted = insertions([{m.version for m in p.members} for p in result.passages])
    return [
        p
        for i, p in enumerate(result.passages)
        if i in inserted or any(map(is_finding, p.divergences))
    ]


def where_passages(result, mapped) -> dict[int, set[tuple[str, str]]]:
    """Passage id → the (version, gold segment) pairs its members cover."""
    return {
        p.id: {(m.version, g) for m in p.members for i in m.sentences for g in mapped[m.version][i]}
        for p in result.passages
    }


languages: dict[str, str] = {}


def score(path: Path) -> Counter:
    story = Story(path)
    inputs, spans = story.bodies()
    result = align(inputs)
    mapped = {
        vid: {s.index: segments_of(spans[vid], s.start, s.end) for s in sentences}
        for vid, sentences in result.sentences.items()
    }
    covers = where_passages(result, mapped)
    kept = {p.id for p in kept_passages(result)}
    counts = Counter(passages=len(result.passages), kept=len(kept))
    counts["languages"] = 0
    languages.update({path.name: ",".join(sorted(set(story.language.values())))})
    ref = result.reference

    def places(entry) -> set[tuple[str, str]]:
        return {(ref, s) for s in _ids(entry["reference_segment"])} | {
            (entry["version"], s) for s in _ids(entry["version_segment"])
        }

    gold = [d for d in story.divergences if story.same_language(d["version"])]
    for entry in gold:
        if entry["severity"] != "major":
            continue
        counts["major"] += 1
        if any(places(entry) & covers[pid] for pid in kept):
            counts["major_found"] += 1
    for pid in kept:
        if any(places(entry) & covers[pid] for entry in gold):
            counts["kept_on_gold"] += 1
    return counts


def seeds_counts() -> Counter | None:
    """The seeds' four versions of one report, as bench/align_quality.py reads them."""
    from bench import align_quality as seeds

    if not (seeds.SEEDS / "gold_alignment.json").exists():
        return None
    gold = seeds.Gold(json.loads((seeds.SEEDS / "gold_alignment.json").read_text()))
    inputs, _ = seeds._inputs(gold, seeds._labels())
    result = align([inputs[v] for v in ("000", "001", "002", "003")])
    return Counter(passages=len(result.passages), kept=len(kept_passages(result)))


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "    —"


def main() -> None:
    print(
        f"{'story':18} {'languages':12} {'passages':>8} {'kept':>5} {'share':>6}"
        f"  {'major found':>14}  {'kept on gold':>14}"
    )
    total = Counter()
    for path in stories():
        c = score(path)
        total += c
        print(
            f"{path.name:18} {languages[path.name]:12} {c['passages']:8} {c['kept']:5}"
            f" {pct(c['kept'], c['passages'])}"
            f"  {c['major_found']:3}/{c['major']:<3} {pct(c['major_found'], c['major'])}"
            f"  {c['kept_on_gold']:3}/{c['kept']:<3} {pct(c['kept_on_gold'], c['kept'])}"
        )
    c = total
    print(
        f"{'corpus':18} {'':12} {c['passages']:8} {c['kept']:5} {pct(c['kept'], c['passages'])}"
        f"  {c['major_found']:3}/{c['major']:<3} {pct(c['major_found'], c['major'])}"
        f"  {c['kept_on_gold']:3}/{c['kept']:<3} {pct(c['kept_on_gold'], c['kept'])}"
    )
    seeds = seeds_counts()
    if seeds:
        share = pct(seeds["kept"], seeds["passages"])
        print(f"{'seeds (000-003)':18} {'en':12} {seeds['passages']:8} {seeds['kept']:5} {share}")


if __name__ == "__main__":
    main()
