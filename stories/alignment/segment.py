"""A version's sentences, numbered in reading order, as the alignment
core's ``Sentence`` values (the splitting is ``stories.text.sentences``)."""

from __future__ import annotations

from stories.text.sentences import paragraphs, sentences

from .types import Sentence

__all__ = ["paragraphs", "segment"]


def segment(version: str, text: str) -> tuple[Sentence, ...]:
    """The sentences of one version, numbered in reading order."""
    return tuple(
        Sentence(
            version=version,
            index=index,
            paragraph=paragraph,
            text=text[start:end],
            start=start,
            end=end,
            kind=kind,
        )
        for index, (paragraph, start, end, kind) in enumerate(sentences(text))
    )
