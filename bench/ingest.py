"""Ingestion throughput: a folder of generated plain-text captures imported
through the same path as ``manage.py import_articles`` (parse, strip
furniture, store article and revision), into a fresh SQLite database.

    python bench/ingest.py              # 1,000 files
    python bench/ingest.py --files 200

Prints articles/second for the first import (everything created), for a
re-import (everything unchanged) and, for scale, for parsing alone. Grouping
and alignment tasks are not run (a dummy task backend): they are measured by
their own benchmarks. Texts are generated here, never real captures."""

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUTLETS = [f"Bench Outlet {n}" for n in range(10)]
WORDS = str.split(
    "minister officials talks budget bridge treaty strike council agreement inspection "
    "parliament winter prices districts residents company statement reporters capital "
    "negotiators deadline project approval coalition union harbour railway hospital"
)


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 18))
    return f"The {' '.join(words[:3])} said on {rng.choice(['Monday', 'Friday'])} that " + (
        " and the ".join([" ".join(words[3:8]), " ".join(words[8:])]) + "."
    )


def capture(rng: random.Random, n: int, outlet: str) -> str:
    """A capture with the furniture real ones have around the article."""
    paragraphs = [
        " ".join(sentence(rng) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(6, 25))
    ]
    return "\n\n".join(
        [
            "Menu Search",
            outlet,
            f"Headline number {n} about the {rng.choice(WORDS)} and the {rng.choice(WORDS)}",
            f"A crowd near the {rng.choice(WORDS)} on Monday. (Jane Roe/Example Agency)",
            f"By {rng.choice(['Anna', 'Pavel', 'Maria'])} {rng.choice(['Kovac', 'Lund'])}",
            *paragraphs,
            "Comments are closed.",
            "This website uses cookies to improve your experience. Accept Read More",
        ]
    )


def make_folder(folder: Path, count: int) -> Path:
    rng = random.Random(42)
    entries = []
    for n in range(count):
        outlet = OUTLETS[n % len(OUTLETS)]
        name = f"{n:05d}.txt"
        (folder / name).write_text(capture(rng, n, outlet), encoding="utf-8")
        entries.append({"file": name, "outlet": outlet, "language": "en"})
    manifest = folder / "manifest.json"
    manifest.write_text(json.dumps({"articles": entries}))
    return manifest


def setup_django(data_dir: Path) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsdesk.settings.dev",
        DEBUG="0",
        SECRET_KEY="bench-only",
        NEWSDESK_DATA_DIR=str(data_dir),
        DATABASE_URL=f"sqlite:///{data_dir / 'bench.sqlite3'}",
        TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend",
    )
    sys.path.insert(0, str(REPO))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder = tmp / "captures"
        folder.mkdir()
        manifest = make_folder(folder, args.files)
        setup_django(tmp)
        from stories.ingest import api, batch
        from stories.ingest.text import parse_text
        from stories.models import Article

        paths, _ = batch.expand_paths([str(folder)])
        entries = batch.load_manifest(manifest)

        start = time.perf_counter()
        for path in paths:
            if path.suffix == ".txt":
                parse_text(path.read_text(encoding="utf-8"))
        parse_s = time.perf_counter() - start

        runs = {}
        for label in ("first import", "re-import"):
            start = time.perf_counter()
            results = batch.ingest_paths(paths=paths, manifest=entries)
            runs[label] = (time.perf_counter() - start, api.summarize(results))
        assert Article.objects.count() == args.files

        print(f"{args.files} generated text files, {len(OUTLETS)} outlets, SQLite")
        print(f"  parse only      {args.files / parse_s:8.0f} articles/s")
        for label, (seconds, counts) in runs.items():
            done = ", ".join(f"{n} {outcome}" for outcome, n in counts.items() if n)
            print(f"  {label:15} {args.files / seconds:8.0f} articles/s  ({seconds:.1f} s; {done})")


if __name__ == "__main__":
    main()
