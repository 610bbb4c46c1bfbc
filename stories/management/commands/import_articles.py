"""Import articles from files, folders, globs and URLs.

Thin on purpose: it reads arguments, shows progress and a summary, and leaves
every decision to ``stories.ingest.api`` (which the admin and tasks share).
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from stories.ingest import api, batch

PROGRESS_FROM = 20  # files; below this the summary is enough


class Command(BaseCommand):
    help = (
        "Import articles from files, folders, glob patterns and URLs. A manifest (JSON) "
        "gives each file's outlet and known metadata. Exits non-zero if anything was refused."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "targets",
            nargs="*",
            metavar="PATH_OR_URL",
            help="Files, folders, glob patterns or http(s) URLs. With --manifest and no "
            "paths, the manifest's files (beside it) are imported.",
        )
        parser.add_argument("--manifest", help="JSON manifest: outlet and metadata per file.")
        parser.add_argument("--story", help="Story slug to file the articles under (created).")
        parser.add_argument("--outlet", help="Outlet name for files the manifest does not name.")
        parser.add_argument("--format", choices=api.FORMATS, default="auto", dest="fmt")

    def handle(self, *args, targets, manifest, story, outlet, fmt, **options):
        entries = {}
        if manifest:
            try:
                entries = batch.load_manifest(manifest)
            except api.ImportRefused as exc:
                raise CommandError(str(exc)) from exc
        if not targets and manifest:
            targets = [str(Path(manifest).parent / name) for name in entries]
        if not targets:
            raise CommandError("Give at least one file, folder, pattern or URL.")

        urls = [t for t in targets if t.startswith(("http://", "https://"))]
        paths, missing = batch.expand_paths(t for t in targets if t not in urls)
        results = [
            api.ImportResult(api.Outcome.REFUSED, pattern, "No such file, folder or match.")
            for pattern in missing
        ]
        total = len(paths) + len(urls)
        self._tty = total >= PROGRESS_FROM and sys.stderr.isatty()
        progress = self._progress if total >= PROGRESS_FROM else None
        results += batch.ingest_paths(
            paths=paths, manifest=entries, outlet=outlet, story=story, fmt=fmt, progress=progress
        )
        for n, url in enumerate(urls, start=len(paths) + 1):
            result = api.ingest_url(url=url, outlet=outlet, story=story)
            results.append(result)
            if progress:
                progress(n, total, [result])
        self._report(results, verbosity=options["verbosity"])
        if any(r.refused for r in results):
            raise CommandError("Some imports were refused (see above).", returncode=1)

    def _progress(self, done: int, total: int, results) -> None:
        # A one-line counter on a terminal; every 10% in logs.
        if self._tty:
            self.stderr.write(f"\r{done}/{total}", ending="")
            if done == total:
                self.stderr.write("")
        elif done == total or done % max(1, total // 10) == 0:
            self.stderr.write(f"{done}/{total} imported")

    def _report(self, results, *, verbosity: int) -> None:
        for result in results:
            if result.refused:
                self.stdout.write(self.style.ERROR(f"refused  {result.source}: {result.message}"))
            elif verbosity >= 2:
                self.stdout.write(str(result))
        counts = api.summarize(results)
        self.stdout.write(
            ", ".join(f"{counts[outcome]} {outcome}" for outcome in api.Outcome),
        )
