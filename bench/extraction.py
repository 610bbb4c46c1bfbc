"""Extraction quality on real captures: the hand-labelled corpus
(``../shared/corpus/articles.jsonl``) and, beside it, the seeds.

    python -m bench.extraction              # tables per language, corpus and seeds
    python -m bench.extraction --misses     # and every article that missed something

Every capture goes through the plain-text path of ``import_articles``: its
bytes are decoded by ``stories.ingest.encoding.decode``, lines repeated in
three or more captures of one outlet become that outlet's site lines
(``repeated_site_lines``, as a folder import does), and ``parse_text`` reads
it. Nothing is stored: the parse is all an import keeps of the text.

What is measured, per article, against the labels:

- **headline**: the parsed headline equals the labelled one once whitespace
  and quote-mark style are normalised. Scored over the captures that print a
  headline; where the label is ``null`` (the capture has none) it is scored
  apart as "none given": right when the parser gives no headline either, or
  gives a line that is article content (not a labelled furniture line and not
  a body line), since a kicker or standfirst standing first is the closest
  thing such a capture has to a title.
- **body start**: the body begins with ``body_first``. Where the label is a
  substring of its line because an artefact is glued in front of it (the
  corpus README's convention), a body starting with that whole line counts too:
  a line-based reader cannot split it, and the artefact is counted nowhere else.
- **last kept**: ``body_last`` is in the body.
- **furniture left**: the share of labelled furniture lines found in the body
  (as one of its paragraphs, or inside it for lines of 20+ characters).
- **lines lost**: the share of body lines (from the line of ``body_first`` to
  that of ``body_last``, furniture excluded) missing from the body. The first
  and last lines count by their labelled sentence, so a cut-off tail may go.

Ids ending in an even number are the tuning half, odd ones the hold-out; the
tables show both.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SEEDS = SHARED / "seeds"

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from stories.ingest.encoding import decode  # noqa: E402
from stories.ingest.text import (  # noqa: E402
    ParsedText,
    extract_annotations,
    parse_text,
    repeated_site_lines,
)

_QUOTES = str.maketrans(dict.fromkeys("‘’‚‛′`´", "'") | dict.fromkeys("“”„‟″«»", '"'))


def norm(text: str) -> str:
    """Whitespace collapsed and quote marks of one style: how labels compare."""
    return " ".join(text.translate(_QUOTES).split())


@dataclass
class Case:
    """One labelled capture."""

    id: str
    language: str
    outlet: str
    raw: str
    headline: str | None
    body_first: str
    body_last: str
    furniture: list[str]
    body_lines: list[str] = field(default_factory=list)  # when the labels give them

    @property
    def holdout(self) -> bool:
        digits = re.findall(r"\d+", self.id)
        return bool(digits) and int(digits[-1]) % 2 == 1


def load_corpus(root: Path = CORPUS) -> list[Case]:
    cases = []
    for line in (root / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        text, _ = decode((root / row["file"]).read_bytes())
        cases.append(
            Case(
                id=row["id"],
                language=row["language"],
                outlet=row["outlet"],
                raw=text,
                headline=row["headline"],
                body_first=row["body_first"],
                body_last=row["body_last"],
                furniture=row["furniture"],
            )
        )
    return cases


def load_seeds(root: Path = SEEDS) -> list[Case]:
    """The seeds with labels read from their gold segments: the headline
    segment, the first and last body segments, and boilerplate, captions and
    credits as furniture."""
    gold = json.loads((root / "gold_alignment.json").read_text(encoding="utf-8"))
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    meta = {entry["file"]: entry for entry in manifest["articles"]}
    cases = []
    for version, entry in gold["segments"].items():
        segments = entry["segments"]
        body = [s["text"] for s in segments if s["kind"] == "body"]
        headline = next((s["text"] for s in segments if s["kind"] == "headline"), None)
        text, _ = decode((root / entry["file"]).read_bytes())
        cases.append(
            Case(
                id=f"seed-{version}",
                language=meta[entry["file"]]["language"],
                outlet=meta[entry["file"]]["outlet"],
                raw=text,
                headline=headline,
                body_first=body[0],
                body_last=body[-1],
                furniture=[
                    s["text"] for s in segments if s["kind"] in ("boilerplate", "caption", "credit")
                ],
                body_lines=body,
            )
        )
    return cases


def parse_all(cases: list[Case]) -> list[ParsedText]:
    """Each capture parsed as a folder import parses it (site lines per outlet)."""
    by_outlet: dict[str, list[str]] = defaultdict(list)
    for case in cases:
        by_outlet[case.outlet].append(case.raw)
    site = {
        outlet: repeated_site_lines(texts) if len(texts) >= 3 else set()
        for outlet, texts in by_outlet.items()
    }
    return [parse_text(case.raw, site_lines=site[case.outlet]) for case in cases]


# --- Scoring ------------------------------------------------------------------


@dataclass
class Score:
    id: str
    language: str
    holdout: bool
    headline_ok: bool | None  # None: the capture prints no headline
    no_headline_ok: bool | None  # None: the capture prints one
    start_ok: bool
    last_ok: bool
    furniture_total: int
    furniture_left: list[str]
    body_total: int
    body_lost: list[str]
    got_headline: str = ""
    got_start: str = ""


def _lines(raw: str) -> list[str]:
    return [norm(line) for line in raw.splitlines() if line.strip()]


def _gold_body_lines(case: Case) -> list[str]:
    """The labelled body as the strings that must survive: body segments
    where the labels give them, else the capture's lines from the first body
    sentence to the last, furniture excluded, the end lines cut to the labels."""
    if case.body_lines:
        return [norm(s) for s in case.body_lines]
    lines = _lines(case.raw)
    first, last = norm(case.body_first), norm(case.body_last)
    start = next((i for i, line in enumerate(lines) if first in line), None)
    end = next((i for i in range(len(lines) - 1, -1, -1) if last in lines[i]), None)
    if start is None or end is None or end < start:
        return [first, last]
    furniture = {norm(f) for f in case.furniture}
    wanted = []
    for i in range(start, end + 1):
        line = lines[i]
        if line in furniture:
            continue
        if i == start:
            line = line[line.index(first) :]
        if i == end:
            line = line[: line.index(last) + len(last)] if last in line else line
        wanted.append(line)
    return wanted


def _in_body(line: str, body: str, paragraphs: set[str]) -> bool:
    return line in paragraphs or (len(line) >= 20 and line in body)


def score(case: Case, parsed: ParsedText) -> Score:
    body = norm(parsed.body)
    paragraphs = {norm(p) for p in parsed.body.split("\n\n")}
    first_paragraph = norm(parsed.body.split("\n\n", 1)[0])
    first, last = norm(case.body_first), norm(case.body_last)
    glued = next((line for line in _lines(case.raw) if first in line), first)
    start_ok = body.startswith(first) or (
        glued != first and first_paragraph.startswith(glued[: glued.index(first) + len(first)])
    )
    got = norm(parsed.headline)
    if case.headline is None:
        furniture = {norm(f) for f in case.furniture}
        headline_ok = None
        no_headline_ok = not got or (got not in furniture and not _in_body(got, body, paragraphs))
    else:
        headline_ok = got == norm(case.headline)
        no_headline_ok = None
    left = [f for f in case.furniture if norm(f) and _in_body(norm(f), body, paragraphs)]
    wanted = _gold_body_lines(case)
    # Editorial notes and cut markers leave the body as annotations, by design.
    lost = [line for line in wanted if norm(extract_annotations([line])[0]) not in body]
    return Score(
        id=case.id,
        language=case.language,
        holdout=case.holdout,
        headline_ok=headline_ok,
        no_headline_ok=no_headline_ok,
        start_ok=start_ok,
        last_ok=last in body,
        furniture_total=len(case.furniture),
        furniture_left=left,
        body_total=len(wanted),
        body_lost=lost,
        got_headline=parsed.headline,
        got_start=parsed.body[:120],
    )


@dataclass
class Figures:
    articles: int
    headlines: int
    headline: float
    no_headline: float | None
    body_start: float
    last_kept: float
    furniture_left: float
    lines_lost: float


def _share(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def figures(scores: list[Score]) -> Figures:
    labelled = [s for s in scores if s.headline_ok is not None]
    unlabelled = [s for s in scores if s.no_headline_ok is not None]
    return Figures(
        articles=len(scores),
        headlines=len(labelled),
        headline=_share(sum(s.headline_ok for s in labelled), len(labelled)),
        no_headline=(
            _share(sum(s.no_headline_ok for s in unlabelled), len(unlabelled))
            if unlabelled
            else None
        ),
        body_start=_share(sum(s.start_ok for s in scores), len(scores)),
        last_kept=_share(sum(s.last_ok for s in scores), len(scores)),
        furniture_left=_share(
            sum(len(s.furniture_left) for s in scores), sum(s.furniture_total for s in scores)
        ),
        lines_lost=_share(sum(len(s.body_lost) for s in scores), sum(s.body_total for s in scores)),
    )


def evaluate(cases: list[Case]) -> list[Score]:
    return [score(case, parsed) for case, parsed in zip(cases, parse_all(cases), strict=True)]


# --- Report ---------------------------------------------------------------------


def _row(label: str, f: Figures) -> str:
    none = "–" if f.no_headline is None else f"{f.no_headline:.3f}"
    headline = f"{f.headline:.3f} ({f.headlines})" if f.headlines else "– (0)"
    return (
        f"| {label} | {f.articles} | {headline} | {none} | "
        f"{f.body_start:.3f} | {f.last_kept:.3f} | {f.furniture_left:.1%} | {f.lines_lost:.1%} |"
    )


def table(scores: list[Score], *, title: str) -> str:
    out = [
        f"### {title}",
        "",
        "| set | articles | headline exact (labelled) | none given right | body start | "
        "last kept | furniture left | lines lost |",
        "|---|---|---|---|---|---|---|---|",
    ]
    by_language: dict[str, list[Score]] = defaultdict(list)
    for s in scores:
        by_language[s.language].append(s)
    for language in sorted(by_language, key=lambda lang: (-len(by_language[lang]), lang)):
        out.append(_row(language, figures(by_language[language])))
    out.append(_row("**all**", figures(scores)))
    tuning = [s for s in scores if not s.holdout]
    holdout = [s for s in scores if s.holdout]
    if tuning and holdout:
        out.append(_row("tuning (even ids)", figures(tuning)))
        out.append(_row("hold-out (odd ids)", figures(holdout)))
    return "\n".join(out)


def misses(scores: list[Score]) -> str:
    out = []
    for s in scores:
        problems = []
        if s.headline_ok is False or s.no_headline_ok is False:
            problems.append(f"headline {s.got_headline!r}")
        if not s.start_ok:
            problems.append(f"start {s.got_start!r}")
        if not s.last_ok:
            problems.append("last sentence lost")
        problems += [f"furniture left {f[:70]!r}" for f in s.furniture_left]
        problems += [f"lost {line[:70]!r}" for line in s.body_lost]
        if problems:
            out.append(f"{s.id} ({s.language}): " + "; ".join(problems))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list every article that missed")
    args = parser.parse_args(argv)
    if not (CORPUS / "articles.jsonl").exists():
        print(f"{CORPUS} is not present: nothing to measure.")
        return 1
    corpus = evaluate(load_corpus())
    print(table(corpus, title="Corpus (../shared/corpus)"))
    if SEEDS.exists():
        seeds = evaluate(load_seeds())
        print()
        print(table(seeds, title="Seeds (../shared/seeds)"))
    if args.misses:
        print()
        print(misses(corpus))
        if SEEDS.exists():
            print(misses(seeds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
