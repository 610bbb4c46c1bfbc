"""Paragraphs, then sentences, with offsets into the text.

syntok finds the sentence boundaries (it scored best against the gold
segments); four rules correct what it gets wrong on news copy:

- an editor's note in parentheses ("(… – Approx. InoSMI)") is a segment of its
  own, since it belongs to the outlet, not to the sentence it follows;
- a boundary with no space after the dot ("Caliber.Az") is not a boundary;
- a quotation split by a full stop inside it keeps its attribution
  (“I came. I saw,” he said.) in one segment;
- a dateline ("LONDON (Reuters) -") is metadata, not a sentence;
- a quotation mark glued between a full stop and a capital ("in Kyiv.”I am
  here.") is a boundary the capture lost its space at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from syntok import segmenter
from syntok.tokenizer import Tokenizer

from .datelines import match_dateline

# What a sentence (or a paragraph that ends one) closes with.
TERMINAL = tuple('.!?:;"”’»)…]')
_HAS_WORD = re.compile(r"[^\W_]")
_PARENS = re.compile(r"\((?:[^()]|\([^()]*\))*\)\.?")
_NOTE_MARK = re.compile(
    r"[–—-]\s*(?:approx\.|ed\.|editor|transl)|^\(\s*(?:editor|translator)[’']?s'? note|^\(\s*note:",
    re.IGNORECASE,
)
_OPEN_QUOTES = "“«„"
_CLOSE_QUOTES = "”»"
# A sentence end and a quotation mark with no space before the next capital.
_GLUED_QUOTE = re.compile(r"[.!?][\"”»“«](?=[^\W\d_])")
# The rest of a split quotation: ends its quote with a comma, then attribution.
_QUOTE_TAIL = re.compile(r"^[^\"“”«»]*[,!?][\"”»]\s+[a-z]")

_tokenizer = Tokenizer(replace_not_contraction=False)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the paragraphs of ``text``.

    Blank lines separate paragraphs. A single newline does too, except
    where it looks like a hard wrap: the line does not end a sentence and
    the next one starts in lower case.
    """
    spans: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    previous = ""
    offset = 0
    for raw_line in text.split("\n"):
        start, end = trim(text, offset, offset + len(raw_line))
        offset += len(raw_line) + 1
        if start == end:
            if current:
                spans.append(current)
            current = None
            continue
        line = text[start:end]
        if current and not previous.endswith(TERMINAL) and line[0].islower():
            current = (current[0], end)
        else:
            if current:
                spans.append(current)
            current = (start, end)
        previous = line
    if current:
        spans.append(current)
    return spans


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``, ``end`` moved inward past white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@lru_cache(maxsize=65536)
def sentence_spans(paragraph: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, kind) of each sentence of one paragraph, relative to it;
    kind is "text", or "note" for an editor's note (cached: versions of one
    story repeat many paragraphs word for word). A dateline opening the
    paragraph is metadata: no span covers it, and the lede starts after it."""
    found = match_dateline(paragraph)
    lede = found[1] if found else 0
    spans = [
        (lede + sentence[0].offset, lede + sentence[-1].offset + len(sentence[-1].value))
        for sentence in segmenter.segment(_tokenizer.tokenize(paragraph[lede:]))
        if sentence
    ]
    spans = _join_quotation_tails(
        paragraph, _split_glued_quotes(paragraph, _join_glued(paragraph, spans))
    )
    result = _cut_notes(paragraph, spans)
    return tuple((s, e, kind) for s, e, kind in result if _HAS_WORD.search(paragraph, s, e))


def _join_glued(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Undo boundaries where no space follows the dot ("Caliber.Az")."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and joined[-1][1] == start and text[start - 1] == "." and text[start].isalnum():
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _split_glued_quotes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut a sentence where a full stop and a quotation mark run straight
    into the next word: after the mark when it closes a quotation the
    sentence opened and a capital follows, before it when it opens the next
    one ("in Kyiv.”I am here.", "à la centrale.”plusieurs demeureront")."""
    cut: list[tuple[int, int]] = []
    for start, end in spans:
        for match in _GLUED_QUOTE.finditer(text, start, end):
            mark = match.start() + 1
            closing = quote_left_open(text[start:mark])
            if closing and not text[match.end()].isupper():
                continue  # “… ok.”in reply: the quotation ends inside the sentence
            at = mark + 1 if closing else mark
            cut.append((start, at))
            start = at
        cut.append((start, end))
    return cut


def _join_quotation_tails(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if (
            joined
            and quote_left_open(text[joined[-1][0] : joined[-1][1]])
            and _QUOTE_TAIL.match(text[start:end])
        ):
            joined[-1] = (joined[-1][0], end)
            continue
        joined.append((start, end))
    return joined


def quote_left_open(sentence: str) -> bool:
    """Whether a quotation opened in ``sentence`` is still open at its end."""
    depth = 0
    for index, char in enumerate(sentence):
        if char in _OPEN_QUOTES:
            depth += 1
        elif char in _CLOSE_QUOTES:
            depth = max(depth - 1, 0)
        elif char == '"':
            opening = index == 0 or (
                not sentence[index - 1].isalnum() and sentence[index - 1] not in ".,!?"
            )
            depth = depth + 1 if opening else max(depth - 1, 0)
    return depth > 0


def _cut_notes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Give each editor's note its own span, cutting the sentences around it."""
    notes = [
        (match.start(), match.end())
        for match in _PARENS.finditer(text)
        if _NOTE_MARK.search(match.group())
    ]
    if not notes:
        return [(start, end, "text") for start, end in spans]
    pieces: list[tuple[int, int, str]] = []
    for start, end in spans:
        cursor = start
        for n_start, n_end in notes:
            if n_end <= cursor or n_start >= end:
                continue
            if n_start > cursor:
                pieces.append((*trim(text, cursor, n_start), "text"))
            cursor = max(cursor, n_end)
        if cursor < end:
            pieces.append((*trim(text, cursor, end), "text"))
    pieces.extend((start, end, "note") for start, end in notes)
    pieces.sort()
    return [(s, e, kind) for s, e, kind in pieces if e > s]


def sentences(text: str) -> Iterator[tuple[int, int, int, str]]:
    """(paragraph number, start, end, kind) of each sentence of ``text``, in
    reading order, with offsets into ``text``."""
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        for start, end, kind in sentence_spans(text[p_start:p_end]):
            yield number, p_start + start, p_start + end, kind


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings."""
    return [text[start:end] for _, start, end, _ in sentences(text)]
