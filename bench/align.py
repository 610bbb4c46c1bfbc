"""How align() scales with the number of versions.

Synthetic versions of a made-up story (stories.alignment.synthetic): the
base text put through outlets' habits (sentences dropped, moved, merged and
split, words replaced, figures changed, foreign sentences inserted). Each
size runs in its own process, so peak memory (ru_maxrss) is that size's
alone; caches are cleared before each timed run. Peak RSS is read after the
timed runs and before the traced one (tracemalloc's own bookkeeping would
count otherwise: about 0.6 GB at 2,000 versions).

    .venv/bin/python bench/align.py            # 5, 50, 100, 500 versions
    .venv/bin/python bench/align.py 1000       # other sizes
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZES = (5, 50, 100, 500)
TARGETS = {5: 0.1, 50: 1.0, 100: 2.0, 500: 15.0}


def measure(count: int) -> dict:
    """Time (median of up to three runs), traced peak and quality for one size."""
    from stories.alignment import align
    from stories.alignment.synthetic import make_story

    align(make_story(3, seed=99).versions)  # warm the interpreter, not the caches
    story = make_story(count, seed=7)
    runs = 3 if count <= 100 else 1
    ready = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    times = []
    for _ in range(runs):
        _clear_caches()
        started = time.perf_counter()
        result = align(story.versions, reference="v000")
        times.append(time.perf_counter() - started)
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    _clear_caches()
    tracemalloc.start()
    align(story.versions, reference="v000")
    traced = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    sentences = sum(len(s) for s in result.sentences.values())
    quality = story.quality(result)
    return {
        "versions": count,
        "seconds": statistics.median(times),
        "sentences": sentences,
        "passages": len(result.passages),
        "traced_mb": traced / 2**20,
        "maxrss_mb": maxrss / 1024,
        "ready_mb": ready / 1024,
        "precision": quality.precision,
        "recall": quality.recall,
    }


def _clear_caches() -> None:
    """Forget segmentations, word forms and figures cached by earlier runs:
    every cached function of the alignment core and the text layer, so a new
    cache is never left out of the bench."""
    from stories.alignment import compare, match, terms
    from stories.text import figures, normalize, quotes, sentences

    for module in (compare, match, terms, figures, normalize, quotes, sentences):
        for value in vars(module).values():
            if hasattr(value, "cache_clear") and value.__module__ == module.__name__:
                value.cache_clear()


def main(sizes: tuple[int, ...]) -> None:
    rows = []
    print(
        f"{'versions':>8} {'sentences':>9} {'passages':>8} {'seconds':>8} {'target':>7} "
        f"{'µs/sentence':>11} {'peak RSS MB':>11} {'before MB':>9} {'traced MB':>9} "
        f"{'P':>6} {'R':>6}",
        flush=True,
    )
    for count in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(count)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        row = json.loads(out)
        rows.append(row)
        target = TARGETS.get(row["versions"])
        print(
            f"{row['versions']:>8} {row['sentences']:>9} {row['passages']:>8} "
            f"{row['seconds']:>8.3f} {'< ' + str(target) if target else '':>7} "
            f"{row['seconds'] / row['sentences'] * 1e6:>11.0f} {row['maxrss_mb']:>11.0f} "
            f"{row['ready_mb']:>9.0f} {row['traced_mb']:>9.1f} "
            f"{row['precision']:>6.3f} {row['recall']:>6.3f}",
            flush=True,
        )
    per_sentence = {r["versions"]: r["seconds"] / r["sentences"] for r in rows}
    if 50 in per_sentence and 500 in per_sentence:
        print(
            f"\ntime per sentence, 500 versions / 50 versions: "
            f"{per_sentence[500] / per_sentence[50]:.2f} (target ≤ 3)"
        )
    print(
        "peak RSS is the whole process (interpreter, imports and the generated "
        "story included), before tracing; before MB is the peak before align() "
        "first ran; traced MB is what align() itself allocated at its peak."
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(measure(int(sys.argv[2]))))
    else:
        main(tuple(int(a) for a in sys.argv[1:]) or SIZES)
