"""Full-text search on the real corpus (../shared/corpus), seeds beside.

Every corpus article is imported through the ingest API into a published
story of its labelled event, on a throwaway test database (SQLite, or the
PostgreSQL of ``DATABASE_URL``). Then, for each article, the four longest
words of its labelled first body sentence make a query: does the article
come back, and at which rank? Reported per language: recall in the top 10,
mean reciprocal rank, and the time per query (wall p50/p95 and this
process's CPU p50, in ms: on a shared machine the wall time also measures
the neighbours; on PostgreSQL the server's share is in the wall time only),
for plain queries and with an outlet filter. The seeds are searched for "Pokrovsk" and
the phrase "demilitarized zone".

    .venv/bin/python -m bench.search [--corpus ../shared/corpus] [--seeds ../shared/seeds]
"""

import argparse
import json
import logging
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

from bench.throwaway_db import throwaway_database

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
WORD = re.compile(r"\w+")


def query_words(sentence: str, count: int = 4) -> list[str]:
    """The longest words of a sentence (long words are the rare ones)."""
    words = sorted(set(WORD.findall(sentence)), key=lambda w: (-len(w), w))
    return words[:count]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    args = parser.parse_args()
    if not (args.corpus / "articles.jsonl").exists():
        sys.exit(f"No corpus at {args.corpus}")

    throwaway_database()
    from django.test.utils import override_settings

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    # Alignment and grouping are not under test: their tasks are not run.
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ):
        run(args)


def run(args):
    from django.db import connection

    from stories.ingest import api
    from stories.ingest.batch import ingest_paths, load_manifest
    from stories.models import Article, Story
    from stories.search import search

    rows = [json.loads(line) for line in (args.corpus / "articles.jsonl").open(encoding="utf-8")]
    started = time.perf_counter()
    imported = {}
    for row in rows:
        result = api.ingest_text(
            text=(args.corpus / row["file"]).read_text(encoding="utf-8"),
            outlet=row["outlet"],
            story=f"event-{row['event']}",
            url=row["url"],
            known=api.KnownMetadata(language=row["language"], published_at=row["published"]),
        )
        if not result.refused:
            imported[row["id"]] = result.article.pk
    Story.objects.update(published=True)
    print(
        f"{connection.vendor}: imported {len(imported)}/{len(rows)} corpus articles "
        f"in {time.perf_counter() - started:.1f} s"
    )

    def empty():
        return {"n": 0, "top10": 0, "rr": 0.0, "ms": [], "cpu_ms": [], "filtered_ms": []}

    by_language = defaultdict(empty)
    for row in rows:
        if row["id"] not in imported or not row.get("body_first"):
            continue
        stats = by_language[row["language"]]
        query = " ".join(query_words(row["body_first"]))
        wall, cpu = time.perf_counter(), time.process_time()
        hits = search(query, limit=10)
        stats["ms"].append((time.perf_counter() - wall) * 1000)
        stats["cpu_ms"].append((time.process_time() - cpu) * 1000)
        article = Article.objects.select_related("outlet").get(pk=imported[row["id"]])
        wall = time.perf_counter()
        search(query, outlet=article.outlet, limit=10)
        stats["filtered_ms"].append((time.perf_counter() - wall) * 1000)
        ranks = [i for i, hit in enumerate(hits, 1) if hit.article.pk == article.pk]
        stats["n"] += 1
        if ranks:
            stats["top10"] += 1
            stats["rr"] += 1 / ranks[0]

    print()
    print(
        "| language | queries | found in top 10 | MRR | wall p50 ms | wall p95 ms "
        "| CPU p50 ms | wall p50 ms, outlet filter |"
    )
    print("|---|---|---|---|---|---|---|---|")
    total = empty()
    for language, stats in sorted(by_language.items(), key=lambda item: -item[1]["n"]):
        for key in total:
            total[key] += stats[key]
        print(line(language, stats))
    print(line("**all**", total))

    if (args.seeds / "manifest.json").exists():
        results = ingest_paths(
            paths=sorted(args.seeds.glob("*.txt")),
            manifest=load_manifest(args.seeds / "manifest.json"),
            story="seeds-story",
        )
        Story.objects.filter(slug="seeds-story").update(published=True)
        print()
        print(f"seeds: {sum(not r.refused for r in results)} imported")
        for query in ("Pokrovsk", '"demilitarized zone"'):
            began = time.perf_counter()
            hits = search(query)
            took = (time.perf_counter() - began) * 1000
            stories = sorted({hit.story.slug for hit in hits})
            print(f"  {query}: {len(hits)} articles in {stories} ({took:.1f} ms)")


def line(label: str, stats: dict) -> str:
    n = stats["n"] or 1
    return (
        f"| {label} | {stats['n']} | {stats['top10'] / n:.3f} | {stats['rr'] / n:.3f} "
        f"| {statistics.median(stats['ms']):.1f} | {percentile(stats['ms'], 0.95):.1f} "
        f"| {statistics.median(stats['cpu_ms']):.1f} "
        f"| {statistics.median(stats['filtered_ms']):.1f} |"
    )


if __name__ == "__main__":
    main()
