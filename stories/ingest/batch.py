"""Many files at once (the import command, the benchmark): expanding paths,
reading a manifest, and site furniture shared by one outlet's files."""

from __future__ import annotations

import glob
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from stories.models import Outlet, Story

from .api import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    ImportRefused,
    ImportResult,
    KnownMetadata,
    ingest_file,
    refused_after_crash,
)
from .text import repeated_site_lines


@dataclass(frozen=True)
class ManifestEntry:
    """One file of a manifest (see ``load_manifest``)."""

    file: str
    outlet: str = ""
    story: str = ""
    url: str = ""
    source_key: str = ""
    known: KnownMetadata = field(default_factory=KnownMetadata)


def load_manifest(path: Path) -> dict[str, ManifestEntry]:
    """Read a manifest: a JSON object with an ``articles`` list (or the list
    itself) whose items name a ``file`` and its ``outlet``, plus any known
    metadata (headline, byline, standfirst, language, published_at,
    derived_from, url, story, source_key). Other keys (notes such as "role")
    are ignored. Returns entries by file name. Raises ``ImportRefused``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportRefused(f"Cannot read the manifest {path}: {exc}") from exc
    items = data.get("articles") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ImportRefused(f'The manifest {path} has no "articles" list.')
    entries: dict[str, ManifestEntry] = {}
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("file"), str):
            raise ImportRefused(f'Every manifest item needs a "file" ({path}).')
        entries[item["file"]] = ManifestEntry(
            file=item["file"],
            outlet=str(item.get("outlet") or ""),
            story=str(item.get("story") or ""),
            url=str(item.get("url") or ""),
            source_key=str(item.get("source_key") or item["file"]),
            known=KnownMetadata.from_mapping(item),
        )
    return entries


def expand_paths(patterns: Iterable[str]) -> tuple[list[Path], list[str]]:
    """Files named by ``patterns`` (files, folders searched recursively, glob
    patterns), in a stable order; and the patterns that matched nothing.
    Hidden files are skipped."""
    found: list[Path] = []
    missing: list[str] = []
    for pattern in patterns:
        path = Path(pattern)
        if path.is_dir():
            matches = sorted(p for p in path.rglob("*") if p.is_file())
        elif path.is_file():
            matches = [path]
        else:
            matches = sorted(Path(p) for p in glob.glob(pattern, recursive=True))
            matches = [p for p in matches if p.is_file()]
        matches = [p for p in matches if not any(part.startswith(".") for part in p.parts[-1:])]
        if not matches:
            missing.append(pattern)
        found.extend(p for p in matches if p not in found)
    return found, missing


def ingest_paths(
    *,
    paths: Iterable[Path],
    manifest: dict[str, ManifestEntry] | None = None,
    outlet: Outlet | str | None = None,
    story: Story | str | None = None,
    fmt: str = "auto",
    progress: Callable[[int, int, list[ImportResult]], None] | None = None,
) -> list[ImportResult]:
    """Import many files. A file listed in ``manifest`` takes its outlet and
    metadata from it (files not listed get ``outlet``); JSON files that are
    manifests (any ``.json``) are skipped. Lines that recur in three or more files of one
    outlet are treated as that site's furniture."""
    manifest = manifest or {}
    paths = [p for p in paths if not _is_manifest_file(p)]
    entries = {p: _manifest_entry(manifest, p) for p in paths}
    site_lines = _site_lines_by_outlet(paths, entries, default_outlet=outlet)
    results: list[ImportResult] = []
    for done, path in enumerate(paths, start=1):
        entry = entries[path]
        outlet_here = (entry.outlet if entry else "") or outlet
        try:
            batch = ingest_file(
                path=path,
                fmt=fmt,
                outlet=outlet_here,
                story=(entry.story if entry else "") or story,
                url=entry.url if entry else "",
                source_key=entry.source_key if entry else None,
                known=entry.known if entry else None,
                site_lines=site_lines.get(_outlet_label(outlet_here), ()),
            )
        except Exception as exc:  # one file's failure never stops the others
            batch = [refused_after_crash(str(path), exc)]
        results.extend(batch)
        if progress:
            progress(done, len(paths), batch)
    return results


def _manifest_entry(manifest: dict[str, ManifestEntry], path: Path) -> ManifestEntry | None:
    if path.name in manifest:
        return manifest[path.name]
    posix = path.as_posix()
    return next((e for f, e in manifest.items() if posix.endswith("/" + f.lstrip("./"))), None)


def _is_manifest_file(path: Path) -> bool:
    return path.suffix.lower() == ".json"


def _outlet_label(outlet: Outlet | str | None) -> str:
    return (outlet.name if isinstance(outlet, Outlet) else outlet or "").casefold()


def _site_lines_by_outlet(paths, entries, *, default_outlet) -> dict[str, set[str]]:
    """Per outlet, short lines repeated across three or more of its text files."""
    edges: dict[str, list[str]] = {}
    for path in paths:
        if path.suffix.lower() in HTML_SUFFIXES | JSONL_SUFFIXES:
            continue
        entry = entries[path]
        label = _outlet_label((entry.outlet if entry else "") or default_outlet)
        edges.setdefault(label, []).append(_edges(path))
    return {label: repeated_site_lines(texts) for label, texts in edges.items() if len(texts) >= 3}


def _edges(path: Path, size: int = 4096) -> str:
    """The first and last lines of a file (furniture sits at the edges),
    without reading all of a large one."""
    try:
        with path.open("rb") as handle:
            head = handle.read(size)
            total = path.stat().st_size
            if total <= size:
                return head.decode("utf-8", "ignore")
            handle.seek(max(size, total - size))
            tail = handle.read(size)
    except OSError:
        return ""
    head_lines = head.decode("utf-8", "ignore").rsplit("\n", 1)[0]
    tail_lines = tail.decode("utf-8", "ignore").split("\n", 1)[-1]
    return f"{head_lines}\n{tail_lines}"
