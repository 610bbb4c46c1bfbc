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
from datetime import datetime

from courlan import check_url
from htmldate.core import try_date_expr

from stories.text.datelines import Dateline, match_dateline, split_dateline
from stories.text.sentences import quote_left_open
from stories.text.stopwords import stopword_set

_WORD = re.compile(r"\w+", re.UNICODE)


def comparable_words(text: str) -> list[str]:
    """The words of ``text`` with case, punctuation, whitespace and a leading
    dateline ("LONDON (Reuters) -") dropped: two texts that agree here differ
    only in ways a reader would call minor."""
    _, text = split_dateline(unicodedata.normalize("NFKC", text))
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
_STOPWORDS = stopword_set()

# A sentence's end, maybe followed by a source credit: "… (APA/Reuters, 2.4.2018)".
_SENTENCE_END = re.compile(r"[.!?…。](?:[\"'”’»)\]]*)\s*(?:\([^()]{1,60}\))?\s*$")
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
_PHOTO_WORDS = (
    r"(?:photo|photograph|image|picture|pictures|credit|foto|fotos|bild|imagen|immagine|фото)"
)
# "(Omar Havana/Getty Images Europe/TNS)": a photographer and agencies. A
# source credit with a date or a link ("(APA/Reuters, 2.4.2018)",
# "(bloom.bg/…)") ends body paragraphs and is not a caption.
_SLASH_CREDIT = re.compile(r"\((?P<credit>[^()]*/[^()]{1,120})\)\s*$")
_PERSON_BEFORE_SLASH = re.compile(r"^\s*(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+\s*/")
# Caption credits sit at one end of the line: looked for there only, which
# keeps long paragraphs cheap.
_CAPTION_START = re.compile(
    rf"{_PHOTO_WORDS}\s*(?::|by\b)"
    rf"|{_PHOTO_WORDS}\b[^.!?]{{0,60}}$"
    r"|FILE\s*[-–—]\s",  # agency captions of archive pictures
    re.IGNORECASE,
)
_CAPTION_END = re.compile(
    rf"\({_PHOTO_WORDS}\b[^()]{{0,100}}\)\s*$"
    rf"|\b{_PHOTO_WORDS}\s*(?::|by\b)[^.!?]{{2,80}}$"
    r"|\(\s*(?:©|\(c\)|copyright\b)[^()]{1,60}\)\s*$"  # "(© Getty Images)", "(Copyright AP)"
    r"|\bpicture[- ]alliance\b.{0,80}$"
    r"|\bvia (?:AP|AFP|Reuters|Getty(?: Images)?|EPA|dpa|Shutterstock|[A-Z][\w.]+\.com)\s*$",
    re.IGNORECASE,
)
# "Ken Wolter / Shutterstock.com": a short credit line with a spaced slash.
_SHORT_CREDIT = re.compile(r"^[^!?/]{2,60}\s/\s[^!?/]{2,60}(?<!\.)$")
_FURNITURE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^(?:skip to (?:main )?content|skip navigation|jump to)\b.{0,30}$", re.I),
        "navigation",
    ),
    (
        re.compile(
            r"^(?:twitter|x|instagram|facebook|tiktok|youtube|telegram|bluesky)\s+"
            r"(?:post|video|embed|content)$",
            re.IGNORECASE,
        ),
        "embedded post placeholder",
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
            r"show comments|view comments|join the (?:conversation|discussion))\b"
            r"|^(?:add|post|leave|write) (?:your |a )?comments?\b",
            re.IGNORECASE,
        ),
        "comments prompt",
    ),
    (
        re.compile(
            r"^(?:share|share this(?: article| story)?|share on \w+|tweet|pin it|email this|"
            r"print this|follow us(?: on \w+)?|like us on \w+)\b[^.!?]{0,80}$"
            r"|^(?:subscribe|sign up|get our|download (?:our|the) app|newsletter)\b"
            r"|^download (?:our|the)\b[^.!?]{0,40}\bapp\b[^.]{0,60}$"  # "Download the X app for …!"
            r"|^visit [\w.-]+\.[a-z]{2,}\b[^.]{0,80}[!]?$"  # "Visit news.example.in to explore …!"
            r"|\b(?:subscribe to|sign up for) (?:our|the)\b.{0,60}(?:newsletter|updates|channel)"
            r"|^(?:join|follow)\b.{0,60}\b(?:telegram|whatsapp|google news|facebook|twitter|"
            r"instagram|youtube|channel|newsletter)\b"
            r"|\bfollow (?:us|our)\b.{0,60}\b(?:channel|google news|page|account)\b",
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
            r"most read|most popular|trending|читайте также|lesen sie auch)\b[^.!?]{0,120}$"
            r"|^(?:>>+|»|►|▶|→)\s*\S"  # "» Another headline"
            r"|^(?:more|read more|watch|see|lea aquí|lee también|leggi anche|à lire aussi|"
            r"lire aussi|voir aussi|mehr zum thema|weiterlesen|lesen sie (?:auch|mehr))\s*:"
            r"|^more (?:on this|from|about)\b.{0,80}$"
            r"|^(?:to )?(?:read|see|watch|view|listen|click)\b[^.!?]{0,80}\bhere\b[.!:]?$"
            r"|^(?:view|see) (?:gallery|photos|video)\b(?:\s+\w+){0,3}$"
            r"|^[^.!?]{0,80}\bclick here\b",
            re.IGNORECASE,
        ),
        "link to other articles",
    ),
    (
        re.compile(r"pic\.twitter\.com/|\bt\.co/\w"),
        "embedded post or pull quote",
    ),
    (
        re.compile(r"^this (?:article|story|page) is (?:more|over) than \w+ \w+ old\b", re.I),
        "notice of the article's age",
    ),
    (
        re.compile(
            r"^\[[^\]:]*\]$|^embedd?ed (?:object|content|video|tweet|post)\b|^lorem ipsum\b",
            re.IGNORECASE,
        ),
        "placeholder or page error",
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
    if len(words) < _BODY_MIN_WORDS:
        return False
    if not _SENTENCE_END.search(line):
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
    if _SENTENCE_END.search(line) or len(_tokens(line)) > 12 or line.isupper():
        return False  # all capitals: a subhead or a section, not names
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


# The heading of a box of other articles or of reader comments: where it
# stands after the article's text, the article has ended.
_LINK_HEADING = re.compile(
    r"^(?:similar posts|related(?: posts| articles| stories| news| content)?|latest news|"
    r"top stories|more stories|most read|most popular|trending now|recommended|"
    r"you may also like|enlaces relacionados|noticias relacionadas|más noticias|"
    r"actualités suivantes|articles les plus lus|sur le même sujet|notizie correlate|"
    r"ultime notizie|ähnliche artikel|der schnelle überblick|mehr zum thema|"
    r"das könnte sie auch interessieren|(?:\d+\s+)?comments?|reader comments)\W*$",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(
    r"^(?:sources?|quelle|fuente|fonte)\s*:|^retrieved from\b"
    r"|^(?:according to|selon|laut|según|secondo|segundo)\s+\S+(?:\s+\S+){0,2}$",
    re.IGNORECASE,
)
_GLUED_WORDS = re.compile(r"[a-zà-ÿ]{3}[A-ZÀ-Þ][a-zà-ÿ]")
# A video's title and running time ("… in the streets of Kyiv 00:26 ").
_VIDEO_TITLE = re.compile(r"^(\S.{2,200}?\s\d{1,2}:\d{2})\s+")
_CAPTURE_STAMP = re.compile(r"^date \d{4}-\d{2}(?:-\d{2})?\b\s*", re.IGNORECASE)
# Forms of a dateline the text layer leaves to page reading: "BRASILIA: …",
# "Cairo // …", a date before the agency ("June 13 (Reuters) - …"), and the
# dash a site left when it cut its dateline off.
_PAGE_DATELINE = re.compile(
    r"^[A-Z][a-z]{2,9}\.? \d{1,2} \([^()]{1,30}\)\s*[-–—]"
    r"|^[A-ZÀ-Þ]{3,}(?:[ ,/]+[A-ZÀ-Þ][\w.]*){0,4}\s*(?:,[^–—:]{0,40})?:\s*\S"
    r"|^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+)?\s*//\s*\S"
    r"|^[-–—]\s+\w"
)
# "BERLIN, Germany:"
_PAGE_DATELINE_ALONE = re.compile(r"^[A-ZÀ-Þ]{3,}[\w.'’ /-]{0,30},\s*[^()]{1,30}:$")


def _opens_with_dateline(line: str) -> bool:
    """A line that starts with a dateline: the lede of a wire story."""
    found = match_dateline(line)
    return (found is not None and found[1] < len(line)) or bool(_PAGE_DATELINE.match(line))


def _is_dateline_alone(line: str) -> bool:
    """A dateline on a line of its own ("MADRID, 24 Mar. (EFE) -"): furniture."""
    found = match_dateline(line)
    return (found is not None and found[1] >= len(line.rstrip())) or bool(
        _PAGE_DATELINE_ALONE.match(line)
    )


def read_dateline(body: str, stripped: Iterable[dict] = ()) -> Dateline | None:
    """The dateline of an article: the one opening its lede ("STOCKHOLM
    (Reuters) – A Baltic…"), else one printed on a line of its own above it,
    which parsing set aside as furniture."""
    lede = body.strip().split("\n", 1)[0]
    found = match_dateline(lede)
    if found is not None:
        return found[0]
    for item in stripped:
        if item.get("reason") == "dateline on its own line":
            found = match_dateline(item.get("line", ""))
            if found is not None:
                return found[0]
    return None


_TIMESTAMP_WORDS = frozenset(
    _split(
        """published updated update posted modified last date time at on am um uhr le à a de del
    el la alle ore h hrs gmt utc et est edt bst cet cest uk pm p.m. a.m. ago hours hour minutes
    minute mins min days day yesterday today and publié publiée actualisé actualisée mis jour
    modifié aktualisiert veröffentlicht stand publicado actualizado actualizada pubblicato
    aggiornato atualizado em às by"""
    )
)
_MONTHS_AND_DAYS = re.compile(
    r"^(?:jan|feb|febr|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|janv|févr|fév|mars|avr|mai|"
    r"juin|juil|août|déc|mär|okt|dez|ene|abr|ago|dic|gen|mag|giu|lug|set|ott|fev|out|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|lun|mer|jeu|ven|sam|dim|mo|di|mi|do|fr|sa|so|"
    r"january|february|march|april|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|janvier|février|avril|juillet|"
    r"septembre|octobre|novembre|décembre|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"januar|februar|märz|juni|juli|oktober|dezember|montag|dienstag|mittwoch|donnerstag|"
    r"freitag|samstag|sonntag|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
    r"octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|"
    r"ottobre|dicembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|"
    r"dezembro)\.?$"
)
_CLOCK = re.compile(
    r"\b\d{1,2}[:.h]\d{2}\b|\b\d+\s+(?:minutes?|hours?|days?|mins?|hrs?)\s+ago\b", re.IGNORECASE
)
_DATE_RANGE = (datetime(1990, 1, 1), datetime(2100, 1, 1))


def _is_timestamp(line: str) -> bool:
    """A line that only dates the page: "publié le 15/04/2019 à 20:31",
    "April 2, 2018 / 6:05 PM / a day ago", "Update 7 February 2023". The date
    is found by htmldate; what is left must be date words and filler."""
    tokens = [t.strip(".,:;|/()[]{}-–—·•").casefold() for t in line.split()]
    tokens = [t for t in tokens if t]
    if not tokens or len(tokens) > 18:
        return False
    leftover = [
        t
        for t in tokens
        if not any(c.isdigit() for c in t)
        and t not in _TIMESTAMP_WORDS
        and not _MONTHS_AND_DAYS.match(t)
    ]
    # "CERN press release 04.07.2012": a few words, then the date that ends them.
    labelled = len(tokens) <= 6 and any(c.isdigit() for c in tokens[-1]) and len(leftover) <= 3
    if (len(leftover) > 1 and not labelled) or (leftover and len(tokens) < 3):
        return False
    if _CLOCK.search(line) or try_date_expr(line, "%Y-%m-%d", False, *_DATE_RANGE):
        return True
    # "Actualisé le", "Updated": the label of a date the capture lost.
    return not leftover and any(t in _TIMESTAMP_WORDS and len(t) > 5 for t in tokens)


def _is_url_line(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 3 and any(
        w.startswith(("http://", "https://", "www.")) and check_url(w) for w in words
    )


def _furniture_reason(line: str, *, site_lines: Collection[str]) -> str | None:
    """Why ``line`` is site furniture wherever it appears, or None."""
    if not re.search(r"[^\W\d_]", line):
        return "no words (a number or punctuation)"
    if _POST_SIGNATURE.match(line):
        return "embedded post"
    if line.startswith("|"):
        return "table or sidebar cell"
    words = len(_tokens(line))  # the checks for short lines skip paragraphs
    if words <= 6 and _is_icon_text(line):
        return "icon alt text"
    if words <= 12 and _MASTHEAD.search(line):
        return "masthead"
    if _is_caption_credit(line, words=words):
        return "photo caption or credit"
    if words <= 8 and _LINK_HEADING.search(line):
        return "heading of other articles or comments"
    if words <= 60:
        for pattern, reason in _FURNITURE_PATTERNS:
            if pattern.search(line):
                return reason
    if _is_timestamp(line):
        return "date line"
    if words <= 8 and _is_dateline_alone(line):
        return "dateline on its own line"
    if words <= 20 and (_is_url_line(line) or _SOURCE_LINE.search(line)):
        return "source or link"
    if _is_navigation(line):
        return "navigation"
    if not _SENTENCE_END.search(line) and len(_GLUED_WORDS.findall(line)) >= 2:
        return "tags run together"
    if words <= 12 and _normal(line) in site_lines:
        return "repeated on other pages of this site"
    return None


def _is_caption_credit(line: str, *, words: int) -> bool:
    if _CAPTION_START.match(line) or _CAPTION_END.search(line[-200:]):
        return True
    if "/" not in line:
        return False
    if words <= 8 and _SHORT_CREDIT.match(line):
        return True
    match = _SLASH_CREDIT.search(line[-200:])
    if not match:
        return False
    credit = match.group("credit")
    if re.search(r"\d|\.[a-z]{2,}/|…", credit):  # a date or a link: a source credit
        return False
    if _PERSON_BEFORE_SLASH.match(credit) or re.search(_PHOTO_WORDS, credit, re.IGNORECASE):
        return True
    # "(cai/dpa)": an author's initials and the agency close a body paragraph.
    return words <= 25 and not credit.replace("/", "").islower()


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
    if lines and _CAPTURE_STAMP.match(lines[0]):
        # A "date 2018-11" stamp the capture tool put before the page.
        stamp = _CAPTURE_STAMP.match(lines[0]).group()
        result.stripped.append({"line": stamp.strip(), "reason": "capture date stamp"})
        lines[0] = lines[0][len(stamp) :]
    for i, line in enumerate(lines):
        title = _VIDEO_TITLE.match(line)
        if title and match_dateline(line[title.end() :]):
            # A video player's title and running time glued before the lede.
            result.stripped.append({"line": title.group(1), "reason": "video title and duration"})
            lines[i] = line[title.end() :]
    furniture = {
        i: reason
        for i, line in enumerate(lines)
        if line and (reason := _furniture_reason(line, site_lines=site_lines))
    }
    _context_furniture(lines, furniture)
    prose = [i for i, line in enumerate(lines) if line and i not in furniture and _is_prose(line)]
    if not prose:
        # Captures whose sentences lack full stops (quote blocks, snaps): the
        # longer lines that read like sentences.
        prose = [
            i
            for i, line in enumerate(lines)
            if line
            and i not in furniture
            and len(_tokens(line)) >= 6
            and _reads_like_sentence(line)
            and not _looks_like_site_name(line)
        ]
    if prose:
        _link_runs(lines, furniture, prose)
        prose = _before_closing(lines, furniture, prose)
        _inner_furniture(lines, furniture, prose)
        start = _body_start(lines, furniture, prose)
        end = _extend_end(lines, furniture, prose[-1])
        _question_to_reader(lines, furniture, start, end)
    else:
        # No line reads like an article: keep every non-furniture line as body
        # rather than guess a structure (a short note, a list of quotes).
        start, end = 0, len(lines) - 1
    lead = _content_words(" ".join(lines[i] for i in prose[:4] if i >= start))
    _read_head(lines, range(start), furniture, result, removed, lead=lead)
    paragraphs: list[str] = []
    for i in range(start, end + 1):
        if i in furniture:
            removed.append((i, furniture[i]))
        elif lines[i] and result.headline and _normal(lines[i]) == _normal(result.headline):
            removed.append((i, "the headline printed again"))
        elif lines[i]:
            paragraphs.append(lines[i])
    tail = range(end + 1, len(lines))
    cut = next((i for i in tail if lines[i]), None)
    after = _next_filled(lines, cut) if cut is not None else None
    if (
        paragraphs
        and after is not None
        and cut not in furniture
        and after not in furniture
        and len(_tokens(lines[cut])) <= 10
        and not _SENTENCE_END.search(lines[cut])
        and _complete_sentences(lines[after])[0]
    ):
        # A subhead, then the paragraph the capture cuts off.
        paragraphs.append(lines[cut])
        tail = range(cut + 1, len(lines))
        cut = after
    if paragraphs and cut is not None and cut not in furniture:
        kept, rest = _complete_sentences(lines[cut])
        if kept:
            # The capture stops inside this paragraph: its complete sentences
            # are the article's, the unfinished rest is not.
            paragraphs.append(kept)
            lines[cut] = rest
            if not rest:
                tail = range(cut + 1, len(lines))
            else:
                furniture[cut] = "unfinished end of the capture"
    if paragraphs:
        paragraphs[0] = _LEADING_DASH.sub("", paragraphs[0])
    paragraphs = [_without_glued_credit(p, result) for p in paragraphs]
    paragraphs = [p for p in paragraphs if p]
    _read_tail(lines, tail, furniture, result, removed)
    result.body, result.annotations = extract_annotations(paragraphs)
    result.stripped += [{"line": lines[i], "reason": reason} for i, reason in sorted(removed)]
    return result


# A link to another article set in the text: "(RELATED: ‘…’: Biden Lays Out …)".
_RELATED_LINK = re.compile(
    r"\s*\((?:RELATED|READ MORE|SEE ALSO|ALSO READ|MORE|WATCH)\s*:[^()]{1,200}\)"
)
_LEADING_DASH = re.compile(r"^[-–—]\s+(?=\w)")
# A picture's caption run into the text: "… Image: Jane Roe/picture alliance/dpa".
_GLUED_CREDIT = re.compile(
    rf"\s*\b(?:{_PHOTO_WORDS}):\s[^.!?:]{{0,160}}?picture[- ]alliance(?:/\S*)?", re.IGNORECASE
)
_GLUED = ((_GLUED_CREDIT, "photo credit in the text"), (_RELATED_LINK, "link to another article"))


def _without_glued_credit(paragraph: str, result: ParsedText) -> str:
    """The paragraph without a photo credit or a related-article link run
    into its text (each listed as stripped)."""
    for pattern, reason in _GLUED:
        for match in pattern.finditer(paragraph):
            result.stripped.append({"line": match.group().strip(), "reason": reason})
        paragraph = pattern.sub(" ", paragraph)
    return " ".join(paragraph.split())


_ATTRIBUTION = re.compile(
    r"\b(?:tweeted|speaking to|wrote on|posted on|said on (?:twitter|x|facebook|instagram))\b",
    re.IGNORECASE,
)
# Words that say a line describes a picture.
_PICTURE_WORDS = re.compile(rf"\b(?:{_PHOTO_WORDS}|grab|handout|screenshot|shows)\b", re.IGNORECASE)
# The signature line of an embedded social-media post.
_POST_SIGNATURE = re.compile(
    r"^[—–-]\s*[^\n]{1,80}\(@\w{1,30}\)\s+[^\W\d_]{3,9}\.? \d{1,2}, \d{4}$"
)
# What marks a line as a post's own text: a handle or a picture link.
_POST_TEXT = re.compile(r"(?:^|\s)@\w{2,30}\b|\bpic\.twitter\.com/|\bt\.co/")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"'”’»)]*\s+(?=[\"'“‘«(]?[A-ZÀ-Þ0-9])")


def _complete_sentences(line: str) -> tuple[str, str]:
    """A cut-off paragraph split into its complete sentences and the
    unfinished rest; ("", line) when it holds no complete sentence, or when
    it is not prose at all."""
    if _SENTENCE_END.search(line) or len(_tokens(line)) < _BODY_MIN_WORDS:
        return "", line
    ends = [m.end() for m in _SENTENCE_BREAK.finditer(line)]
    # A full stop with a short credit glued after it ("… satirique. /jfa+ats").
    last = max((m.end() for m in re.finditer(r"[.!?…][\"'”’»)]*", line)), default=0)
    if last and len(_tokens(line[last:])) <= 3:
        ends.append(last)
    if not ends:
        return "", line
    cut = max(ends)
    kept = line[:cut].rstrip()
    if len(_tokens(kept)) < 6 or not _reads_like_sentence(kept):
        return "", line
    rest = line[cut:].strip()
    if re.search(r"[”»\"]$", rest) and quote_left_open(kept) and not quote_left_open(line):
        # The last words of a quotation, closed without a full stop
        # ("… what I wanted to tell you. Glory to Ukraine”"): not cut off.
        return line.strip(), ""
    return kept, rest


def _context_furniture(lines: list[str], furniture: dict[int, str]) -> None:
    """Furniture told by its neighbours: the caption under a picture's alt
    text, a teaser that repeats the start of a later line, an embedded post
    with its attribution line."""
    filled = [i for i, line in enumerate(lines) if line]
    for i in filled:
        line = lines[i]
        if i in furniture:
            continue
        words = _alpha_words(line)
        if (
            words
            and line[:1].islower()
            and len(_tokens(line)) <= 5
            and not _SENTENCE_END.search(line)
            and not any(c.isupper() for c in line)
        ):
            furniture[i] = "image alt text or tag"
    # Inside the article only: above it, the line after a picture is the headline.
    first = next((i for i in filled if i not in furniture and _is_prose(lines[i])), len(lines))
    for n, i in enumerate(filled):
        line = lines[i]
        if _POST_SIGNATURE.match(line):
            # "— Name (@handle) February 26, 2022" closes an embedded post:
            # the lines just above it that read like a post (a handle, a
            # picture link, no full stop) are its text, and a short label
            # ending in a colon ("WATCH:") announces it.
            for j in reversed(filled[max(0, n - 4) : n]):
                above = lines[j]
                if len(_tokens(above)) > 40 or not (
                    furniture.get(j) in (None, "embedded post or pull quote") or above.endswith(":")
                ):
                    break
                if _POST_TEXT.search(above) or not _SENTENCE_END.search(above):
                    furniture[j] = "embedded post"
                    if above.endswith(":"):
                        break
                else:
                    break
            continue
        if i in furniture:
            continue
        before = filled[n - 1] if n else None
        if (
            before is not None
            and i > first
            and furniture.get(before) in ("image alt text or tag", "icon alt text")
            and not _SENTENCE_END.search(line)
            and len(_tokens(line)) <= 25
        ):
            furniture[i] = "caption under a picture"
            continue
        stem = re.sub(r"\s*(?:\.\.\.|…)$", "", line)
        if (
            n < 40  # teasers stand in the head of the page
            and stem != line
            and len(stem) >= 30
            and any(lines[j].startswith(stem) and lines[j] != line for j in filled if j != i)
        ):
            furniture[i] = "teaser repeating a later line"
            continue
        after = filled[n + 1] if n + 1 < len(filled) else None
        if (
            after is not None
            and lines[after] == line
            and len(_tokens(line)) >= 8
            and _PICTURE_WORDS.search(" ".join(_tokens(line)[:12]))
        ):
            # An image's alt text and caption carry the same words; an
            # article never prints a paragraph twice running.
            furniture[i] = furniture[after] = "photo caption printed twice"
            continue
        if (
            after is not None
            and i > first
            and furniture.get(after) == "photo caption or credit"
            and len(_tokens(line)) <= 10
            and not _SENTENCE_END.search(line)
        ):
            furniture[i] = "title above a photo caption"
            continue
        if (
            len(_tokens(line)) <= 20
            and not _SENTENCE_END.search(line)
            and _ATTRIBUTION.search(line)
        ):
            furniture[i] = "embedded post or pull quote"
            if before is not None and before not in furniture and len(_tokens(lines[before])) <= 40:
                furniture[before] = "embedded post or pull quote"


def _link_runs(lines: list[str], furniture: dict[int, str], prose: list[int]) -> None:
    """Bulleted headlines inside the body ("• Pound crashes as markets
    react"): links to other articles, when prose runs on both sides."""
    for i, line in enumerate(lines):
        if (
            line
            and i not in furniture
            and re.match(r"^[•·▪■]\s*\S", line)
            and not _SENTENCE_END.search(line)
            and prose[0] < i < prose[-1]
        ):
            furniture[i] = "link to other articles"


_CLOSING = frozenset(
    {
        "heading of other articles or comments",
        "comments prompt",
        "source or link",
        "copyright notice",
    }
)


def _before_closing(lines: list[str], furniture: dict[int, str], prose: list[int]) -> list[int]:
    """The prose lines of the article: those before a heading of other
    articles or comments, a source line or a copyright notice that follows
    the article's text (what comes after is teasers and comments)."""
    for i in range(prose[0], len(lines)):
        if furniture.get(i) in _CLOSING and sum(1 for p in prose if p < i) >= 2:
            return [p for p in prose if p < i]
    return prose


_CREDIT_END = re.compile(r"\b(?:via|according to|courtesy of|source:)\s+\S+(?:\s+\S+){0,3}$", re.I)


def _inner_furniture(lines: list[str], furniture: dict[int, str], prose: list[int]) -> None:
    """Furniture between the article's paragraphs that only its place gives
    away: a picture's caption ending in its source, a related-story box (a
    title and an unpunctuated teaser), a promotion broken over short lines,
    a question put to the reader at the end."""
    inside = [i for i in range(prose[0] + 1, prose[-1] + 1) if lines[i] and i not in furniture]
    for n, i in enumerate(inside):
        line = lines[i]
        if _SENTENCE_END.search(line) or i in prose:
            continue
        if _CREDIT_END.search(line) and len(_tokens(line)) <= 15:
            furniture[i] = "caption under a picture"
        nxt = inside[n + 1] if n + 1 < len(inside) else None
        if (
            nxt is not None
            and nxt == _next_filled(lines, i)
            and len(_tokens(line)) <= 14
            and len(_tokens(lines[nxt])) >= 12
            and not _SENTENCE_END.search(lines[nxt])
        ):
            furniture[i] = furniture[nxt] = "box of another article"
    filled = [i for i in range(prose[0], len(lines)) if lines[i]]
    run: list[int] = []
    for i in [*filled, None]:
        if i is not None and len(_tokens(lines[i])) <= 6 and i not in prose:
            run.append(i)
            continue
        if len(run) >= 3 and any(lines[j][:1].islower() for j in run):
            for j in run:
                furniture.setdefault(j, "box broken over short lines")
        run = []


def _question_to_reader(lines: list[str], furniture: dict[int, str], start: int, end: int) -> None:
    """ "What do you think?": a short question closing the text, after a
    paragraph that is not one, asks the reader, not a source."""
    body = [i for i in range(start, end + 1) if lines[i] and i not in furniture]
    if (
        len(body) >= 3
        and re.search(r"\?[\"'”’»]*$", lines[body[-1]])
        and len(_tokens(lines[body[-1]])) <= 12
        and not re.search(r"\?[\"'”’»]*$", lines[body[-2]])
        and not re.search(r"[\"“”«»]", lines[body[-1]])
    ):
        furniture[body[-1]] = "question to the reader"


def _next_filled(lines: list[str], i: int) -> int | None:
    return next((j for j in range(i + 1, len(lines)) if lines[j]), None)


def _body_start(lines: list[str], furniture: dict[int, str], prose: list[int]) -> int:
    """Where the article body begins. The first prose line, unless the head
    says otherwise: a byline, a timestamp or a picture after one or two prose
    lines means those were the standfirst; so does a dateline opening a
    later line ("LONDON (AP) —"), which only ever opens the body."""
    start = prose[0]
    # A lede whose sentence has no full stop, or opens with a dateline, is
    # still the lede: look at the long lines before the first prose line too.
    for i in range(start - 1, -1, -1):
        line = lines[i]
        if not line:
            continue
        if i in furniture or not _reads_like_sentence(line):
            break
        dateline = _opens_with_dateline(line) and (
            len(_tokens(line)) >= 12 or _SENTENCE_END.search(line)
        )
        closed = len(_tokens(line)) >= 15 and any(
            _closes_head(lines, furniture, prose, j, pictures=False) for j in range(i)
        )
        if not (dateline or closed):
            break
        start = i
    # A wire brief: "June 13 (Reuters) - Company :" and its bulleted points.
    above = [i for i in range(start) if lines[i]]
    while above and re.match(r"^[*•-]\s", lines[above[-1]]) and above[-1] not in furniture:
        above.pop()
    if (
        above
        and above[-1] < start - 1
        and above[-1] not in furniture
        and _opens_with_dateline(lines[above[-1]])
        and lines[above[-1]].rstrip().endswith(":")
    ):
        start = above[-1]
    # A title set as a sentence ("Pope Francis has died at 88!"): ledes do
    # not end in an exclamation or a question.
    following = [p for p in prose if p > start]
    if (
        following
        and not any(lines[j] for j in range(start))
        and re.search(r"[!?][\"'”’»]*$", lines[start])
        and len(_tokens(lines[start])) <= _HEADLINE_MAX_WORDS
    ):
        start = following[0]
    early = [p for p in prose if p >= start][:4]
    for p in early[1:3]:
        if _opens_with_dateline(lines[p]) and not _opens_with_dateline(lines[start]):
            before = [q for q in early if q < p]
            if len(before) <= 2:
                return p
    for i in range(start + 1, early[2] if len(early) > 2 else len(lines)):
        if furniture.get(i) == "dateline on its own line":
            later = [p for p in prose if p > i]
            if later and sum(1 for p in prose if start <= p < i) <= 2:
                return later[0]
    # The head closes with a byline, a timestamp, a dateline or a picture;
    # once closed by one of the first three before the first prose line, that
    # line is the body's. (A picture may stand above the standfirst.)
    if any(_closes_head(lines, furniture, prose, i, pictures=False) for i in range(start)):
        return start
    stop = early[2] if len(early) > 2 else len(lines)
    for i in range(start + 1, min(stop, start + 7)):
        if lines[i] and _closes_head(lines, furniture, prose, i):
            later = [p for p in prose if p > i]
            if later and sum(1 for p in prose if start <= p < i) <= 2:
                return later[0]
    return start


def _closes_head(
    lines: list[str], furniture: dict[int, str], prose: list[int], i: int, *, pictures: bool = True
) -> bool:
    line = lines[i]
    reasons = {"date line", "dateline on its own line"} | (
        {"photo caption or credit"} if pictures else set()
    )
    if furniture.get(i) in reasons:
        return True
    # A line already known for furniture of another kind ("Twitter Post")
    # is no byline, however much it looks like names.
    return (
        bool(line)
        and i not in furniture
        and i not in prose
        and (_is_byline(line) or _looks_like_names(line))
    )


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


def _content_words(text: str) -> set[str]:
    """Words that carry a text's topic, cut to six letters so inflections meet."""
    return {
        w.casefold()[:6]
        for w in _WORD.findall(text)
        if len(w) >= 4 and not w.isdigit() and w.casefold() not in _STOPWORDS
    } | {w for w in _WORD.findall(text) if w.isdigit() and len(w) >= 2}


def _headline_score(line: str, *, lead: set[str], repeated: bool, before_byline: bool) -> float:
    """How much a line before the body looks like this article's headline:
    title-like shape, the lead's words, printed twice, right above a byline."""
    words = _tokens(line)
    if len(words) < 2 or len(words) > _HEADLINE_MAX_WORDS + 2:
        return -1.0
    if re.match(r"^[^\w\"'“‘«¿¡(]", line) or re.search(r"[:;,]$", line):
        return -1.0
    if re.search(r"(?<!\.\.)\.[\"'”’»)]*$", line) and not repeated:
        return -0.5  # a sentence: a standfirst, not a title
    if len(words) <= 2 and not repeated:
        return 0.0  # a section label ("Es noticia") more often than a title
    own = _content_words(line)
    overlap = len(own & lead) / len(own) if own else 0.0
    score = overlap
    if repeated:
        score += 0.5
    capitals = [w for w in _alpha_words(line) if len(w) > 3]
    if len(capitals) >= 3 and sum(w[:1].isupper() for w in capitals) >= 0.8 * len(capitals):
        score += 0.2  # Title Case, as headlines are set in English
    if before_byline:
        score += 0.3
    if _looks_like_site_name(line) and overlap < 0.5:
        score -= 0.3
    return score


def _read_head(
    lines: list[str],
    head: Iterable[int],
    furniture: dict[int, str],
    result: ParsedText,
    removed: list[tuple[int, str]],
    *,
    lead: set[str] = frozenset(),
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
    if not bylines:
        # Names alone ("Ian Marlow, Andrea Palasciano") are a byline only
        # after the headline; before it they are more likely the site's name.
        bylines = [i for i in candidates[1:] if _looks_like_names(lines[i])][:1]
        candidates = [i for i in candidates if i not in bylines]
    if bylines:
        result.byline = lines[bylines[0]]
        removed.extend((i, "second byline") for i in bylines[1:])
    counts: dict[str, int] = {}
    for line in lines:
        if line:
            counts[_normal(line)] = counts.get(_normal(line), 0) + 1
    next_line = {}
    filled = [i for i, line in enumerate(lines) if line]
    for n, i in enumerate(filled[:-1]):
        next_line[i] = filled[n + 1]
    scores = {
        i: _headline_score(
            lines[i],
            lead=lead,
            repeated=counts[_normal(lines[i])] > 1,
            before_byline=next_line.get(i) in bylines,
        )
        for i in candidates
    }
    titled = [i for i in candidates if scores[i] >= 0]
    best = max((scores[i] for i in titled), default=0.0)
    # The headline comes before its standfirst, which shares the lead's words
    # as much or more: the first line close to the best is the headline.
    headline = next((i for i in titled if scores[i] >= max(0.2, best * 0.5)), None)
    if headline is None and titled:
        # No line shares the body's words: take the first title-like line
        # that is not a site name or section label.
        plain = [i for i in titled if not _looks_like_site_name(lines[i])]
        headline = plain[0] if plain else headline
    standfirst: list[str] = []
    for i in candidates:
        line = lines[i]
        if i == headline:
            result.headline = line
        elif headline is not None and i < headline:
            removed.append((i, "before the headline"))
        elif _normal(line) == _normal(result.headline):
            continue  # the headline printed twice
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
    ended = False
    for paragraph in paragraphs:
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        reason = _furniture_reason(paragraph, site_lines=())
        if ended:
            reason = reason or "after the end of the article"
        elif reason in _CLOSING and len(kept) >= 2:
            ended = True  # what follows is other articles or the comments
        if reason:
            result.stripped.append({"line": paragraph, "reason": reason})
        else:
            kept.append(_without_glued_credit(paragraph, result))
    result.body, result.annotations = extract_annotations([p for p in kept if p])
    return result
