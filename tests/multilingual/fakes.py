"""A toy sentence encoder for tests: words of a small Spanish-English
glossary map to shared dimensions, so a sentence and its translation share a
vector; every vector also carries a large common part, as real multilingual
encoders score all news sentences high (0.7-0.8) against each other."""

from __future__ import annotations

import hashlib
import re

import numpy as np

GLOSSARY = {
    "rescatistas": "rescuers",
    "sacaron": "pulled",
    "niña": "girl",
    "escombros": "rubble",
    "martes": "tuesday",
    "muertos": "dead",
    "cifra": "toll",
    "terremoto": "earthquake",
    "subió": "rose",
    "hospital": "hospital",
    "llevada": "taken",
    "fue": "was",
    "ministro": "minister",
    "dijo": "said",
    "edificio": "building",
    "ocho": "eight",
    "pisos": "floors",
    "derrumbó": "collapsed",
    "alcalde": "mayor",
    "agradeció": "thanked",
    "voluntarios": "volunteers",
}
DIM = 256
COMMON = 1.6  # the common part: unrelated sentences score about 0.7-0.8
_WORD = re.compile(r"[^\W\d_]+|\d+")


def _slot(word: str) -> int:
    return int(hashlib.blake2b(word.encode(), digest_size=4).hexdigest(), 16) % (DIM - 1) + 1


class GlossaryEncoder:
    """Bag of glossary-translated words plus a common component."""

    name = "test-glossary-encoder"
    dim = DIM
    calls = 0

    def encode(self, sentences, *, kind="passage"):
        type(self).calls += 1
        rows = np.zeros((len(sentences), DIM), dtype=np.float32)
        for n, sentence in enumerate(sentences):
            words = [GLOSSARY.get(w, w) for w in _WORD.findall(sentence.casefold())]
            for word in words:
                rows[n, _slot(word)] += 1.0
            norm = np.linalg.norm(rows[n]) or 1.0
            rows[n] /= norm
            rows[n, 0] = COMMON
            rows[n] /= np.linalg.norm(rows[n])
        return rows


class BrokenEncoder:
    """Stands for a backend whose package is missing."""

    def __init__(self):
        raise ImportError("no such model package")
