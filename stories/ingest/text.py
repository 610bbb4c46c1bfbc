"""Plain-text structure: headline, standfirst, byline, body, and site furniture.

Django-free. ``parse_text`` reads a capture line by line: body lines look like
prose (enough words, a sentence ending, lower-case words among them), the
article runs from the first to the last of them, the short lines before it are
headline, standfirst and byline, and what surrounds it is furniture. Known
furniture (cookie banners, captions with a photo credit, share prompts...) is
recognised by pattern wherever it sits. Nothing is dropped silently: every
removed line is listed in ``ParsedText.stripped`` with the reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

_WORD = re.compile(r"\w+", re.UNICODE)
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'-]{2,40}(?:,\s*[A-Za-z .]+)?\s*(?:\([^)]*\))?\s*[—–-]{1,2}\s*"
)


def comparable_words(text: str) -> list[str]:
    """The words of ``text`` with case, punctuation, whitespace and a leading
    dateline ("LONDON (Reuters) -") dropped: two texts that agree here differ
    only in ways a reader would call minor."""
    text = unicodedata.normalize("NFKC", text)
    text = _DATELINE.sub("", text, count=1)
    return [w.casefold() for w in _WORD.findall(text)]


def _split(words: str) -> list[str]:
    return words.split()


# --- What a parse returns ---------------------------------------------------


@dataclass
class ParsedText:
    headline: str = ""
    standfirst: str = ""
    byline: str = ""
    body: str = ""
    annotations: list[dict] = field(default_factory=list)
    stripped: list[dict] = field(default_factory=list)


# --- Line features ----------------------------------------------------------

# Words that appear in prose in most languages we meet; a line of capitalised
# words without any of them is a menu, a masthead or a name, not a sentence.
_STOPWORDS = frozenset(
    _split(
        """a an the and or but of to in on at for from by with as is are was were be been has have
    had it its this that these those he she they we you i not no will would said says who which
    than then there their his her our your if into over after before about while when where
    le la les de des du et un une est dans pour sur que qui der die das und ist nicht ein eine
    mit von zu den el los las y en por con para se del и в на не что с по как это из о к за от
    но а же то бы он она они мы вы"""
    )
)

_SENTENCE_END = re.compile(r"[.!?…。](?:[\"'”’»)\]]*)\s*$")
_NO_SPACE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

_ICON_WORDS = frozenset(
    _split(
        """arrow-right arrow-left arrow-up arrow-down chevron-right chevron-left chevron-down caret
    camera video play pause menu search close open share print email mail comment comments
    facebook twitter x whatsapp telegram linkedin reddit instagram youtube rss home login
    logout account user icon expand collapse more next previous prev back top bookmark
    like heart star gallery photo image audio listen zoom"""
    )
)
_ICON_WORD = re.compile(r"^(?:icon|ico|svg|fa|glyph)[-_]|[-_]icon$")

_MASTHEAD = re.compile(r"\b(?:Est\.|Established|Founded|Since)\s+(?:\w+\.?\s+\d{1,2},\s+)?\d{4}\b")
_CAPTION_CREDIT = re.compile(
    r"\((?=[^()]*/)[^()]{2,120}\)\s*$"  # "(Omar Havana/Getty Images Europe/TNS)"
    r"|\((?:photo|photograph|image|picture|credit|фото)\b[^()]{0,100}\)\s*$"
    r"|^(?:photo|photograph|image|picture|credit|фото)\s*(?::|by\b)"
    r"|\b(?:photo|photograph|image|picture|credit|фото)\s*(?::|by\b)[^.!?]{2,80}$",
    re.IGNORECASE,
)
_FURNITURE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^(?:skip to (?:main )?content|skip navigation|jump to)\b.{0,30}$", re.I),
        "navigation",
    ),
    (
        re.compile(
            r"\bcookies?\b.*\b(?:accept|consent|opt[- ]?out|experience|policy|settings)\b"
            r"|\b(?:accept|reject)\s+(?:all\s+)?cookies\b|\bAccept\s+Read\s+More\s*$",
            re.IGNORECASE,
        ),
        "cookie banner",
    ),
    (
        re.compile(
            r"^(?:comments are closed|leave a (?:comment|reply)|\d+\s+comments?|"
            r"show comments|view comments|join the (?:conversation|discussion))\b",
            re.IGNORECASE,
        ),
        "comments prompt",
    ),
    (
        re.compile(
            r"^(?:share|share this(?: article| story)?|share on \w+|tweet|pin it|email this|"
            r"print this|follow us(?: on \w+)?|like us on \w+)\b[^.!?]{0,80}$"
            r"|^(?:subscribe|sign up|get our|download (?:our|the) app|newsletter)\b"
            r"|\b(?:subscribe to|sign up for) (?:our|the)\b.{0,60}(?:newsletter|updates|channel)",
            re.IGNORECASE,
        ),
        "share or subscribe prompt",
    ),
    (
        re.compile(
            r"^(?:advertisement|advert|sponsored(?: content)?|ad|реклама|anzeige|publicité)$",
            re.IGNORECASE,
        ),
        "advertisement label",
    ),
    (
        re.compile(
            r"^(?:read more|read also|also read|see also|related|more on this|recommended|"
            r"most read|most popular|trending|читайте также|lesen sie auch)\b[^.!?]{0,120}$",
            re.IGNORECASE,
        ),
        "link to other articles",
    ),
    (
        re.compile(r"^(?:©|\(c\)|copyright\b)|\ball rights reserved\b", re.IGNORECASE),
        "copyright notice",
    ),
    (
        re.compile(r"^(?:tags?|topics?|filed under|categories)\s*:", re.IGNORECASE),
        "tag list",
    ),
]
_DATE_ONLY = re.compile(
    r"^(?:(?:published|updated|posted|last updated|modified)\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?"
    r"(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    r"\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|"
    r"\d+\s+(?:minutes?|hours?|days?)\s+ago)"
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?)?\s*$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:by|from|author|written by|автор|von|par|por)\s*:?\s+\S", re.IGNORECASE)
_CREDIT = re.compile(
    r"\b(?:with the participation of|contributed (?:to )?(?:this )?report(?:ing)?|"
    r"additional reporting by|reporting by|editing by|edited by|compiled by|"
    r"originally (?:published|appeared)|first (?:published|appeared)|"
    r"this (?:article|story) (?:was )?(?:originally )?(?:published|appeared)|"
    r"translated by|translation by)\b",
    re.IGNORECASE,
)
_NAME_JOINERS = frozenset(_split("and & , de da di van von der den la le bin al el y и"))

# Editorial notes inserted by a republisher: "(… – Approx. InoSMI)", "(… — Ed.)",
# "[Editor's note: …]". Their text is not the author's, so it leaves the body.
_NOTE = re.compile(
    r"\s*[(\[]\s*(?P<text>"
    r"(?:editor'?s note|ed\. note|translator'?s note|note|прим\.[^:)\]]*)\s*:[^()\[\]]+"
    r"|[^()\[\]]+?[–—-]\s*(?:approx\.?|ed\.?|editor'?s note|note|transl\.?|"
    r"прим\.?|примеч\w*|anm\.?)[^()\[\]]{0,40}"
    r")[)\]]",
    re.IGNORECASE,
)
_OMISSION = re.compile(r"\s*(?:<\s*(?:\.{3}|…)\s*>|\[\s*(?:\.{3}|…)\s*\]|\(\s*(?:\.{3}|…)\s*\))")

_HEADLINE_MAX_WORDS = 16
_BODY_MIN_WORDS = 10


def _tokens(line: str) -> list[str]:
    return line.split()


def _alpha_words(line: str) -> list[str]:
    return [w for w in _WORD.findall(line) if not w.isdigit()]


def _is_prose(line: str) -> bool:
    """A line that reads like an article sentence or paragraph."""
    if _NO_SPACE_SCRIPT.search(line):
        return len(line) >= 40 and bool(_SENTENCE_END.search(line))
    words = _tokens(line)
    if len(words) < _BODY_MIN_WORDS or not _SENTENCE_END.search(line):
        return False
    return _reads_like_sentence(line)


def _reads_like_sentence(line: str) -> bool:
    words = _alpha_words(line)
    if not words:
        return False
    lower = sum(1 for w in words if w[:1].islower())
    stop = sum(1 for w in words if w.casefold() in _STOPWORDS)
    return lower / len(words) >= 0.3 or stop / len(words) >= 0.15


def _is_sentence_like(line: str) -> bool:
    """A short line that still reads as text (a closing quote, a one-line
    paragraph): it may end the article."""
    return (
        len(_tokens(line)) >= 2
        and bool(_SENTENCE_END.search(line))
        and _reads_like_sentence(line)
        and any(w[:1].islower() for w in _alpha_words(line))
    )


def _is_icon_text(line: str) -> bool:
    words = [w.casefold() for w in _tokens(line)]
    return 0 < len(words) <= 6 and all(w in _ICON_WORDS or _ICON_WORD.search(w) for w in words)


def _is_navigation(line: str) -> bool:
    """A row of menu entries: "Home | World | Business" or five-plus capitalised
    words with no sentence in them."""
    if re.search(r"\s[|•·»›]\s", line) and not _SENTENCE_END.search(line):
        parts = [p for p in re.split(r"\s*[|•·»›]\s*", line) if p]
        return len(parts) >= 3 and all(len(p.split()) <= 4 for p in parts)
    words = _alpha_words(line)
    return (
        len(words) >= 5
        and not re.search(r"[,.;:!?]", line)
        and all(w[:1].isupper() for w in words)
        and not any(w.casefold() in _STOPWORDS for w in words)
    )


def _looks_like_names(line: str) -> bool:
    """ "Ian Marlow, Andrea Palasciano": capitalised names joined by commas or
    "and", nothing else."""
    if _SENTENCE_END.search(line) or len(_tokens(line)) > 12:
        return False
    words = [w.strip(",") for w in _tokens(line)]
    names = [w for w in words if w and w.casefold() not in _NAME_JOINERS]
    return (
        len(names) >= 2
        and all(w[:1].isupper() for w in names)
        and not any(w.casefold() in _STOPWORDS for w in names)
    )


def _is_byline(line: str) -> bool:
    return bool(_BYLINE.match(line)) and len(_tokens(line)) <= 14 and not _is_prose(line)


def _looks_like_site_name(line: str) -> bool:
    """A short title-case line with no sentence in it: a site name or section."""
    words = _alpha_words(line)
    return (
        0 < len(_tokens(line)) <= 4
        and not _SENTENCE_END.search(line)
        and all(w[:1].isupper() or w.casefold() in _STOPWORDS for w in words)
    )


def _furniture_reason(line: str, *, site_lines: Collection[str]) -> str | None:
    """Why ``line`` is site furniture wherever it appears, or None."""
    if _is_icon_text(line):
        return "icon alt text"
    if _MASTHEAD.search(line) and len(_tokens(line)) <= 12:
        return "masthead"
    if _CAPTION_CREDIT.search(line):
        return "photo caption or credit"
    for pattern, reason in _FURNITURE_PATTERNS:
        if pattern.search(line) and len(_tokens(line)) <= 60:
            return reason
    if _DATE_ONLY.match(line):
        return "date line"
    if _is_navigation(line):
        return "navigation"
    if _normal(line) in site_lines:
        return "repeated on other pages of this site"
    return None


def _normal(line: str) -> str:
    return " ".join(line.split()).casefold()


# --- Lines ------------------------------------------------------------------


def _logical_lines(raw: str) -> list[str]:
    """The text's lines with whitespace normalised; hard-wrapped paragraphs
    (e-mail, wire copy at 70-80 columns) are joined back into one line."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.lstrip("\ufeff")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < 4:
        return lines
    width = lengths[int(len(lengths) * 0.9)]
    near_width = [line for line in lines if len(line) >= width - 20]
    # Wrapped text: many lines close to one width, most of them broken
    # mid-sentence.
    broken = sum(1 for line in near_width if not _SENTENCE_END.search(line))
    if width > 100 or len(near_width) < len(lengths) * 0.4 or broken < len(near_width) * 0.5:
        return lines
    joined: list[str] = []
    carry = False
    for line in lines:
        if carry and line:
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
        carry = bool(line) and len(line) >= width - 20
    return joined


def repeated_site_lines(texts: Iterable[str], *, min_count: int = 3) -> set[str]:
    """Short lines that recur in ``min_count`` or more captures from one site:
    mastheads and menus the patterns do not know. Pass the result to
    ``parse_text(site_lines=...)``. Prose lines never count, so captures of one
    article do not lose their body."""
    counts: dict[str, int] = {}
    for text in texts:
        seen = {
            _normal(line)
            for line in _logical_lines(text)
            if line and len(_tokens(line)) <= 8 and not _is_sentence_like(line)
        }
        for line in seen:
            counts[line] = counts.get(line, 0) + 1
    return {line for line, n in counts.items() if n >= min_count}


# --- Parse ------------------------------------------------------------------


def parse_text(raw: str, *, site_lines: Collection[str] = ()) -> ParsedText:
    """Split a plain-text capture into headline, standfirst, byline and body.

    ``site_lines``: normalised lines known to be furniture on this site (see
    ``repeated_site_lines``)."""
    lines = _logical_lines(raw)
    result = ParsedText()
    removed: list[tuple[int, str]] = []  # (line index, reason), sorted at the end
    furniture = {
        i: reason
        for i, line in enumerate(lines)
        if line and (reason := _furniture_reason(line, site_lines=site_lines))
    }
    prose = [i for i, line in enumerate(lines) if line and i not in furniture and _is_prose(line)]
    if prose:
        start = _body_start_after_byline(lines, furniture, prose)
        end = _extend_end(lines, furniture, prose[-1])
    else:
        # No line reads like an article: keep every non-furniture line as body
        # rather than guess a structure (a short note, a list of quotes).
        start, end = 0, len(lines) - 1
    _read_head(lines, range(start), furniture, result, removed)
    paragraphs: list[str] = []
    for i in range(start, end + 1):
        if i in furniture:
            removed.append((i, furniture[i]))
        elif lines[i]:
            paragraphs.append(lines[i])
    _read_tail(lines, range(end + 1, len(lines)), furniture, result, removed)
    result.body, result.annotations = extract_annotations(paragraphs)
    result.stripped = [{"line": lines[i], "reason": reason} for i, reason in sorted(removed)]
    return result


def _body_start_after_byline(lines: list[str], furniture: dict[int, str], prose: list[int]) -> int:
    """A byline among the first lines ends the head: a standfirst written as
    full sentences ("… Bloomberg reports. Now Brussels …") then stays out of
    the body."""
    start = prose[0]
    for i in range(start, min(len(lines), start + 6)):
        line = lines[i]
        if not line or i in furniture:
            continue
        if _is_byline(line) or (_looks_like_names(line) and i not in prose):
            later = [p for p in prose if p > i]
            prose_before = sum(1 for p in prose if p < i)
            if later and prose_before <= 2:
                return later[0]
    return start


def _extend_end(lines: list[str], furniture: dict[int, str], end: int) -> int:
    """Take short closing paragraphs ("“We will see,” he said.") into the body,
    stopping at the first line that is not text."""
    for i in range(end + 1, len(lines)):
        line = lines[i]
        if not line:
            continue
        if i in furniture or _CREDIT.search(line) or _is_byline(line):
            break
        if not _is_sentence_like(line):
            break
        end = i
    return end


def _read_head(
    lines: list[str],
    head: Iterable[int],
    furniture: dict[int, str],
    result: ParsedText,
    removed: list[tuple[int, str]],
) -> None:
    """Headline, standfirst and byline among the lines before the body."""
    candidates: list[int] = []
    bylines: list[int] = []
    for i in head:
        if not lines[i]:
            continue
        if i in furniture:
            removed.append((i, furniture[i]))
        elif _is_byline(lines[i]):
            bylines.append(i)
        else:
            candidates.append(i)
    # Short title-case lines before a real headline: the site's name, a section.
    while len(candidates) > 1 and _looks_like_site_name(lines[candidates[0]]):
        removed.append((candidates.pop(0), "site name before headline"))
    if not bylines:
        # Names alone ("Ian Marlow, Andrea Palasciano") are a byline only
        # after the headline; before it they are more likely the site's name.
        bylines = [i for i in candidates[1:] if _looks_like_names(lines[i])][:1]
        candidates = [i for i in candidates if i not in bylines]
    if bylines:
        result.byline = lines[bylines[0]]
        removed.extend((i, "second byline") for i in bylines[1:])
    standfirst: list[str] = []
    for i in candidates:
        line = lines[i]
        if (
            not result.headline
            and not standfirst
            and len(_tokens(line)) <= _HEADLINE_MAX_WORDS
            and not re.search(r"\.[\"'”’»)]*$", line)
        ):
            result.headline = line
        elif len(_tokens(line)) >= 4:
            standfirst.append(line)
        else:
            removed.append((i, "short line before the body"))
    result.standfirst = "\n\n".join(standfirst)


def _read_tail(
    lines: list[str],
    tail: Iterable[int],
    furniture: dict[int, str],
    result: ParsedText,
    removed: list[tuple[int, str]],
) -> None:
    for i in tail:
        line = lines[i]
        if not line:
            continue
        if i in furniture:
            removed.append((i, furniture[i]))
        elif _is_byline(line) and not result.byline:
            result.byline = line
        elif _CREDIT.search(line):
            removed.append((i, "credit line (contributors or source)"))
        elif _looks_like_site_name(line):
            removed.append((i, "credit line"))
        else:
            removed.append((i, "after the end of the article"))


def extract_annotations(paragraphs: Iterable[str]) -> tuple[str, list[dict]]:
    """Join paragraphs into a body, taking out editorial notes and omission
    markers; each becomes an annotation at its character offset in the body."""
    annotations: list[dict] = []
    out: list[str] = []
    offset = 0
    for paragraph in paragraphs:
        text, found = _take_annotations(paragraph)
        if not text:
            # A paragraph that was only a note: keep the note, drop the paragraph.
            found = [{**a, "position": 0} for a in found]
        for note in found:
            annotations.append({**note, "position": offset + note["position"]})
        if text:
            out.append(text)
            offset += len(text) + 2
    return "\n\n".join(out), annotations


def _take_annotations(paragraph: str) -> tuple[str, list[dict]]:
    spans = [
        (m.start(), m.end(), "editorial_note", m.group("text").strip())
        for m in _NOTE.finditer(paragraph)
    ]
    spans += [
        (m.start(), m.end(), "omission_marker", m.group().strip())
        for m in _OMISSION.finditer(paragraph)
        if not any(s <= m.start() < e for s, e, *_ in spans)
    ]
    spans.sort()
    pieces: list[str] = []
    found: list[dict] = []
    cursor = 0
    for start, end, kind, text in spans:
        pieces.append(paragraph[cursor:start])
        position = len("".join(pieces))
        found.append({"type": kind, "text": text, "position": position})
        cursor = end
    pieces.append(paragraph[cursor:])
    text = "".join(pieces)
    # A cut at the start of the paragraph leaves its following space behind.
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    return text, [{**a, "position": max(0, a["position"] - lead)} for a in found]


def clean_paragraphs(paragraphs: Iterable[str]) -> ParsedText:
    """For text an extractor already split into paragraphs (an HTML page, a
    feed entry): drop the furniture among them and take out annotations."""
    result = ParsedText()
    kept: list[str] = []
    for paragraph in paragraphs:
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        reason = _furniture_reason(paragraph, site_lines=())
        if reason:
            result.stripped.append({"line": paragraph, "reason": reason})
        else:
            kept.append(paragraph)
    result.body, result.annotations = extract_annotations(kept)
    return result
