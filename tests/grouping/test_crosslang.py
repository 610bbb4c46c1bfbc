"""Grouping across languages in the core: sentences that render each other,
read from vectors the caller gives (here made by hand, so the rules are seen
without a model)."""

from datetime import datetime, timedelta

import numpy as np

from stories.evidence import ASSIGN, INDEPENDENT, NEW_STORY, VERSION, Grouper, make_document
from stories.evidence.crosslang import TranslationRule, rendered_pairs
from stories.evidence.decision import EVENT, TRANSLATION, Thresholds
from stories.evidence.index import CandidateIndex

RULE = Thresholds().translation_rule()
DIM = 16


def unit(*weights):
    v = np.zeros(DIM, dtype=np.float32)
    for i, w in weights:
        v[i] = w
    return v / np.linalg.norm(v)


# A shared "news" direction makes every pair score high, as real encoders do.
def sentence(topic: int, twist: float = 0.0) -> np.ndarray:
    return unit((0, 2.0), (topic, 1.0), (15, twist))


def test_mutual_best_pairs_above_the_cosine_and_clear_of_their_runner_up():
    mine = np.vstack([sentence(1), sentence(2), sentence(3)])
    theirs = np.vstack([sentence(1), sentence(2, twist=0.05), sentence(9)])
    pairs = rendered_pairs(mine, theirs, RULE)
    assert [(i, j) for i, j, _ in pairs] == [(0, 0), (1, 1)]
    # Every pair is high in absolute terms; only renderings count.
    assert (mine @ theirs.T).min() > 0.75


def test_a_sentence_close_to_two_of_the_others_renders_neither():
    mine = np.vstack([unit((0, 2.0), (1, 1.0), (2, 1.0))])
    theirs = np.vstack([unit((0, 2.0), (1, 1.0), (2, 0.97)), unit((0, 2.0), (1, 0.97), (2, 1.0))])
    assert rendered_pairs(mine, theirs, TranslationRule(0.8, 0.01, 2, 0.5)) == []


def _grouper_with_story(*, published):
    grouper = Grouper()
    original = make_document(
        "en-1",
        headline="Dam bursts above Vella",
        body="The Vella dam burst on Tuesday night after days of rain.\n\n"
        "Rescuers searched the flooded valley for survivors on Wednesday.\n\n"
        "The regional governor asked the army for boats and helicopters.",
        published=published,
    )
    grouper.add(original, "story-en")
    return grouper


def _foreign(published):
    return make_document(
        "de-1",
        headline="Staudamm bei Vella gebrochen",
        body="Der Staudamm von Vella ist in der Nacht zum Mittwoch gebrochen.\n\n"
        "Rettungskräfte suchten im überfluteten Tal nach Überlebenden.\n\n"
        "Der Gouverneur bat die Armee um Boote und Hubschrauber.",
        published=published,
    )


def _decide(grouper, doc, mine, theirs):
    links = grouper.links(doc)
    assert grouper.choose(links).action == NEW_STORY  # no shared wording
    grouper.weigh_translations(doc, links, mine=mine, theirs=theirs)
    return grouper.choose(links)


EN = np.vstack([sentence(1), sentence(2), sentence(3)])


def test_a_translation_joins_the_story_in_another_language_as_a_version():
    day = datetime(2026, 5, 5, 9)
    grouper = _grouper_with_story(published=day)
    de = np.vstack([sentence(1), sentence(2), sentence(3, twist=0.05)])
    decision = _decide(grouper, _foreign(day + timedelta(hours=3)), de, {"en-1": EN})
    assert (decision.action, decision.story) == (ASSIGN, "story-en")
    assert (decision.basis, decision.coverage) == (TRANSLATION, VERSION)
    assert decision.score > 0.99


def test_two_rendered_sentences_of_many_are_another_newsrooms_report():
    day = datetime(2026, 5, 5, 9)
    grouper = _grouper_with_story(published=day)
    de = np.vstack([sentence(1), sentence(2), *(sentence(t) for t in (7, 8, 9, 10, 11))])
    en = np.vstack([EN, *(sentence(t) for t in (4, 5, 6, 12))])
    decision = _decide(grouper, _foreign(day), de, {"en-1": en})
    assert (decision.action, decision.coverage) == (ASSIGN, INDEPENDENT)


def test_one_rendered_sentence_is_shared_background_not_the_event():
    grouper = _grouper_with_story(published=None)
    de = np.vstack([sentence(1), sentence(7), sentence(8)])
    assert _decide(grouper, _foreign(None), de, {"en-1": EN}).action == NEW_STORY


def test_renderings_dated_days_apart_are_another_occasion():
    day = datetime(2026, 5, 5, 9)
    grouper = _grouper_with_story(published=day)
    decision = _decide(grouper, _foreign(day + timedelta(days=4)), EN.copy(), {"en-1": EN})
    assert decision.action == NEW_STORY


def test_another_stage_of_a_process_in_another_language_is_another_occasion():
    """A deal's closing retells its announcement sentence by sentence; the
    first sentence says which occasion it is, in either language."""
    grouper = Grouper()
    deal = make_document(
        "en-deal",
        headline="Vella Mills to buy Rosk Foods",
        body="Vella Mills agreed to buy Rosk Foods for its bakeries and mills.\n\n"
        "The two companies run plants in the north of the country.\n\n"
        "Rosk Foods was founded by two brothers in a small town.",
    )
    grouper.add(deal, "story-deal")
    closing = make_document(
        "es-closing",
        headline="Vella Mills cierra la compra de Rosk Foods",
        body="Vella Mills completó la compra de Rosk Foods y sus panaderías.\n\n"
        "Las dos empresas tienen plantas en el norte del país.\n\n"
        "Rosk Foods fue fundada por dos hermanos en un pueblo pequeño.",
    )
    links = grouper.links(closing)
    grouper.weigh_translations(closing, links, mine=EN.copy(), theirs={"en-deal": EN})
    assert [link.conflict for link in links] == ["another stage of the process"]
    assert grouper.choose(links).action == NEW_STORY


def _quake(key, headline, body):
    return make_document(key, headline=headline, body=body)


def test_another_languages_own_report_joins_by_its_names_and_key_figure():
    """No sentence renders the other's, and the leads share no words: the
    same rare names and a key figure both leads give, read by the text layer
    in each language, show one event; another magnitude shows another."""
    grouper = Grouper()
    report = _quake(
        "en-quake",
        "Quake shakes Vella",
        "A magnitude 6.4 earthquake struck Vella and Kessendorf in the Ostrelan highlands.\n\n"
        "Rescuers searched collapsed houses through the night.\n\n"
        "The regional governor asked the army for tents.",
    )
    grouper.add(report, "story-quake")

    def german(magnitude):
        return _quake(
            f"de-{magnitude}",
            "Erdbeben in Vella",
            f"Ein schweres Beben der Magnitude {magnitude} erschütterte am frühen Abend "
            "die Bergdörfer rund um Vella und Kessendorf, berichteten örtliche Behörden.\n\n"
            "Freiwillige Helfer gruben die ganze Nacht mit bloßen Händen in den Trümmern.\n\n"
            "Viele obdachlose Familien schliefen bei eisiger Kälte im Freien.",
        )

    unrelated = np.vstack([sentence(7), sentence(8), sentence(9)])
    same = german("6,4")
    decision = _decide(grouper, same, unrelated, {"en-quake": EN})
    assert (decision.action, decision.story) == (ASSIGN, "story-quake")
    assert (decision.basis, decision.coverage) == (EVENT, INDEPENDENT)
    assert {"vella", "kessendorf"} <= decision.best.event.names
    other = german("5,1")
    links = grouper.links(other)
    grouper.weigh_translations(other, links, mine=unrelated, theirs={"en-quake": EN})
    assert [link.conflict for link in links] == ["key figures disagree"]
    assert grouper.choose(links).action == NEW_STORY
    # The names alone, without a key figure both leads give, are not enough.
    vague = _quake(
        "de-vague",
        "Erdbeben in Vella",
        "Ein schweres Beben erschütterte am frühen Abend die Bergdörfer rund um "
        "Vella und Kessendorf, berichteten örtliche Behörden.\n\n"
        "Freiwillige Helfer gruben die ganze Nacht mit bloßen Händen in den Trümmern.",
    )
    assert _decide(grouper, vague, unrelated[:2], {"en-quake": EN}).action == NEW_STORY


def test_a_version_of_one_story_bridges_it_to_the_same_event_in_another_language():
    """Two stories of one event, one per language, formed before either met
    the other: a new version of the English story whose sentences render the
    German story's member shows the two are one; one telling another
    occasion (another day) shows nothing."""
    day = datetime(2026, 5, 5, 9)
    grouper = _grouper_with_story(published=day)
    grouper.add(_foreign(day), "story-de")
    version = make_document(
        "en-2",
        headline="Dam bursts above Vella",
        body="The Vella dam burst on Tuesday night after days of rain.\n\n"
        "Rescuers searched the flooded valley for survivors on Wednesday.\n\n"
        "The regional governor asked the army for boats and helicopters.",
        published=day + timedelta(hours=2),
    )
    links = grouper.links(version)
    decision = grouper.choose(links)
    assert (decision.action, decision.story) == (ASSIGN, "story-en")
    de = np.vstack([sentence(1), sentence(2), sentence(3, twist=0.05)])
    others = [link for link in links if link.story != "story-en"]
    grouper.weigh_translations(version, others, mine=EN, theirs={"de-1": de})
    assert [link.story for link in grouper.one_event_across(others, "story-en")] == ["story-de"]
    later = Grouper()
    later.add(grouper.index.docs["en-1"], "story-en")
    later.add(_foreign(day + timedelta(days=4)), "story-de")
    links = [link for link in later.links(version) if link.story != "story-en"]
    later.weigh_translations(version, links, mine=EN, theirs={"de-1": de})
    assert later.one_event_across(links, "story-en") == []


def _filing(key, headline, body):
    return make_document(key, headline=headline, body=body)


ENGLISH_FILING = (
    "Kessendorf Brothers files for bankruptcy",
    "On Monday the lender Kessendorf Brothers filed for protection under Chapter 11 at "
    "the court in Ostrava.\n\nThe lender's creditors were told to expect months of hearings.\n\n"
    "Its shares were suspended before the opening bell.",
)


def _german_filing(chapter, place="Óstrava"):
    return _filing(
        f"de-{chapter}-{place}",
        "Kessendorf beantragt Gläubigerschutz",
        f"Die Investmentbank Kessendorf stellt sich in {place} unter Gläubigerschutz nach "
        f"Kapitel {chapter} des Insolvenzrechts.\n\n"
        "Die Gläubiger müssen mit monatelangen Anhörungen rechnen.\n\n"
        "Der Handel mit den Aktien wurde vor Börsenbeginn ausgesetzt.",
    )


def test_names_spelled_otherwise_and_a_count_both_first_sentences_give_show_one_event():
    """Across languages a name loses or gains its accents ("Óstrava",
    "Ostrava") and no key figure need be given: the same rare names,
    compared as they carry across languages, and a count both first
    sentences give ("Chapter 11", "Kapitel 11") show one event; another
    count, or one name alone, shows nothing."""
    grouper = Grouper()
    grouper.add(_filing("en-filing", *ENGLISH_FILING), "story-filing")
    unrelated = np.vstack([sentence(7), sentence(8), sentence(9)])
    same = _german_filing(11)
    decision = _decide(grouper, same, unrelated, {"en-filing": EN})
    assert (decision.action, decision.story) == (ASSIGN, "story-filing")
    assert (decision.basis, decision.coverage) == (EVENT, INDEPENDENT)
    assert {"kessendorf", "ostrava"} <= decision.best.event.names
    assert _decide(grouper, _german_filing(7), unrelated, {"en-filing": EN}).action == NEW_STORY
    one_name = _german_filing(11, place="Brünn")
    assert _decide(grouper, one_name, unrelated, {"en-filing": EN}).action == NEW_STORY


def test_the_index_finds_another_languages_report_by_its_names():
    """Reports in two languages share no words and no shingles, and a name is
    seldom among an article's rarest terms: the index also finds the
    articles that give two or more of the new one's names, spelled as they
    carry across languages; one shared name is not enough."""
    index = CandidateIndex(query_terms=0)  # no term postings: the names alone
    index.add(_filing("en-filing", *ENGLISH_FILING))
    assert index.candidates(_german_filing(11)) == ["en-filing"]
    assert index.candidates(_german_filing(11, place="Brünn")) == []
    assert CandidateIndex(query_terms=0, name_candidates=0).candidates(_german_filing(11)) == []
