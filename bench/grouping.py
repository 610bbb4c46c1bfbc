"""Grouping speed: articles grouped per second by the core (no database), and
whether the cost per article stays flat as the window grows.

    python -m bench.grouping                 # 1,000 and 10,000 articles
    python -m bench.grouping --sizes 2000    # other sizes

Times are CPU time of this process (``time.process_time``): on a shared
virtual machine, wall-clock time also counts what other guests steal.

Each size is a fresh run over a generated corpus (bench/corpus.py, about 3.5
versions per base story over 10 days, so the whole run sits in one active
window: nothing ages out, the index only grows). Timed: building each
article's features, finding and scoring candidates, deciding, indexing. Not
timed: generating the text. The corpus generation is seeded, so runs compare."""

import argparse
import gc
import time

from bench.corpus import generate
from stories.evidence import ASSIGN, Grouper, make_document

VERSIONS_PER_STORY = 3.5


def run(size: int, *, seed: int = 7) -> dict:
    articles = generate(
        stories=max(1, round(1.2 * size / VERSIONS_PER_STORY)), seed=seed, span_days=10.0
    )[:size]
    grouper = Grouper()
    laps = []
    gc.collect()
    start = lap = time.process_time()
    stories = 0
    for n, article in enumerate(articles, start=1):
        doc = make_document(
            article.key,
            headline=article.headline,
            body=article.body,
            outlet=article.outlet,
            published=article.published,
        )
        decision = grouper.decide(doc)
        if decision.action == ASSIGN:
            story = decision.story
            for link in decision.merge:
                grouper.merge(story, link.story)
        else:
            stories += 1
            story = article.key
        grouper.add(doc, story)
        if n % 1000 == 0:
            now = time.process_time()
            laps.append(now - lap)
            lap = now
    total = time.process_time() - start
    return {
        "size": len(articles),
        "seconds": total,
        "per_article_ms": 1000 * total / len(articles),
        "laps": laps,
        "stories": stories,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    results = [run(size) for size in args.sizes]
    for result in results:
        laps = ", ".join(f"{1000 * lap / 1000:.2f}" for lap in result["laps"])
        print(
            f"{result['size']:>6} articles: {result['seconds']:6.1f} s, "
            f"{result['per_article_ms']:.2f} ms/article, {result['stories']} new stories; "
            f"ms/article per 1,000: {laps}"
        )
    if len(results) > 1:
        first, last = results[0], results[-1]
        ratio = last["per_article_ms"] / first["per_article_ms"]
        print(f"ms/article at {last['size']} / at {first['size']}: {ratio:.2f}")
        if last["laps"]:
            print(
                f"last 1,000 / first 1,000 of the {last['size']} run: "
                f"{last['laps'][-1] / last['laps'][0]:.2f}"
            )


if __name__ == "__main__":
    main()
