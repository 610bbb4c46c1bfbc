"""The same-event question in the core: key figures, and when two reports
tell one event or two occasions. Plain strings, no database."""

from datetime import UTC, datetime, timedelta

from stories.evidence import Thresholds, make_document, text
from stories.evidence.event import (
    compare_events,
    figures_conflict,
    figures_shared,
    key_figures,
)
from stories.evidence.index import CandidateIndex

DAY = datetime(2031, 5, 4, tzinfo=UTC)
RULE = Thresholds().event_rule()


def test_key_figures_are_results_sums_and_decimals_not_counts():
    found = key_figures("Hosts beaten 7-1 as a $3.2bn stadium deal and a 9.58 run are recalled.")
    assert found.scores == {"7-1"}
    assert found.money == ((3.2e9, "USD"),)
    assert found.decimals == ((9.58, ""),)
    counts = key_figures("At least 1,394 people died and 150 were hurt on 12 May.")
    assert not counts, "tolls rise as reporting goes on: they never tell occasions apart"
    assert counts.counts == {1394, 150}  # evidence for, never against
    assert not key_figures("in Beijing in 2008 and on July 21").counts  # years and dates


def test_key_figures_are_the_text_layers_in_any_notation():
    spanish = key_figures("Microsoft compra LinkedIn por 26.200 millones de dólares.", "es")
    english = key_figures("Microsoft buys LinkedIn for $26.2 billion.")
    assert spanish.money == english.money == ((26.2e9, "USD"),)
    assert figures_shared(spanish, english) == 1
    french = key_figures("Il a couru le 100 mètres en 9,58 secondes.", "fr")
    assert french.decimals == ((9.58, "s"),)
    assert not key_figures("three billion dollars and twenty-two goals").money  # spelled out


def test_a_count_given_in_millions_is_no_decimal_key_figure():
    """ "16,4 Millionen" is a count however the float comes out (16.4 times
    a million is not a whole number in binary): never a measure that
    disagrees with another report's magnitude or time."""
    for passage, lang in (
        ("16,4 Millionen Menschen stimmten ab", "de"),
        ("ruim 16,6 miljoen kiezers stemden", "nl"),
        ("4.9 million people voted", "en"),
    ):
        assert key_figures(passage, lang).decimals == (), passage
    assert key_figures("48,2 procent van de kiezers", "nl").percents == (48.2,)


def test_sums_disagree_currency_by_currency():
    june = key_figures("for $26.2 billion, about 23,200 million euros", "en")
    december = key_figures("for $26.2 billion (nearly 25,000 million euros)", "en")
    assert figures_conflict(december, june), "another day's conversion is another occasion"
    assert not figures_conflict(december, key_figures("for $26.2 billion and $196 a share"))


def test_a_recalled_bare_figure_does_not_hide_another_measure():
    later = key_figures("He ran the 200m in 19.19 seconds, four days after his 9.58 in the 100m.")
    first = key_figures("He won the 100m in 9.58 seconds, ahead of Gay's 9.71 seconds.")
    assert figures_conflict(later, first) and figures_conflict(first, later)


def test_a_result_reads_the_same_either_way_round():
    assert key_figures("lost 1-7 at home").scores == key_figures("won 7–1 away").scores


def test_figures_agree_within_a_revision_and_disagree_beyond():
    revised, first = key_figures("a magnitude 7.9 quake"), key_figures("magnitude 7.8")
    assert not figures_conflict(revised, first) and figures_shared(revised, first) == 1
    later = key_figures("a magnitude 7.3 quake struck")
    assert figures_conflict(later, first)
    # Leaving a figure out is no disagreement.
    assert not figures_conflict(later, key_figures("a strong quake struck"))


def _doc(key, headline, body, *, when=None):
    return make_document(key, headline=headline, body=body, published=when)


def _compare(a, b):
    index = CandidateIndex()
    for doc in (a, b):
        index.count_frequencies(doc)
    return compare_events(a, b, idf=index.idf, rule=RULE)


LEAD = (
    "A magnitude {m} earthquake struck near Valmora in the Ostrelan highlands on Sunday, "
    "toppling houses in Kessendorf and Brumwick, officials of the Ostrelan civil defence said. "
    "Rescuers from Valmora searched collapsed buildings through the night."
)


def test_two_accounts_agreeing_on_names_and_key_figure_are_one_event():
    one = _doc("a", "Quake hits Valmora", LEAD.format(m="6.4"))
    other = _doc(
        "b",
        "Houses fall in Valmora quake",
        "Houses collapsed in Kessendorf and Brumwick when a 6.4 magnitude quake hit Valmora, "
        "said the Ostrelan civil defence. Families slept outside in the highlands.",
    )
    evidence = _compare(one, other)
    assert evidence.same and not evidence.conflict
    assert {"valmora", "kessendorf"} <= evidence.names


def test_the_same_place_on_another_occasion_stays_apart():
    first = _doc("a", "Quake hits Valmora", LEAD.format(m="6.4"), when=DAY)
    again = _doc("b", "Quake hits Valmora", LEAD.format(m="5.1"), when=DAY + timedelta(days=17))
    assert _compare(first, again).conflict  # the dates alone tell
    undated = _doc("c", "Quake hits Valmora", LEAD.format(m="5.1"))
    evidence = _compare(first, undated)
    assert evidence.conflict == "key figures disagree" and not evidence.same


def test_another_stage_of_one_deal_is_another_occasion():
    deal = _doc(
        "a",
        "Orvane to buy Telquist",
        "Orvane agreed to buy the Telquist network from Brenmar Holdings for $4.1 billion, "
        "the Orvane board and Brenmar's chairman Ulla Sarovic said on Monday.",
    )
    closing = _doc(
        "b",
        "",
        "Orvane completed its purchase of the Telquist network from Brenmar Holdings for "
        "$4.1 billion after the regulators in Kestria approved it, Brenmar's chairman "
        "Ulla Sarovic said.",
    )
    assert closing.stages == {"completed", "approved"} and not deal.stages
    assert not text.stages("Hosts suffer a complete rout as Germany win 7-1")
    assert text.stages("La Comisión Europea dio el visto bueno a la compra") == {"approved"}
    evidence = _compare(deal, closing)
    assert evidence.conflict == "another stage of the process" and not evidence.same
    rewrite = _doc(
        "c",
        "Telquist goes to Orvane",
        "Brenmar Holdings is selling its Telquist network to Orvane for $4.1 billion, "
        "Brenmar's chairman Ulla Sarovic and the Orvane board said.",
    )
    assert _compare(deal, rewrite).same


# Alike enough to show the same names and words, less than leads alike
# enough on their own.
OTHER = (
    "Homes fell in Kessendorf and Brumwick when a {m}quake hit Valmora, Ostrelan "
    "rescue teams reported. Frightened families camped outdoors beside ruined churches."
)


def test_likeness_without_a_key_figure_or_dates_is_not_enough():
    one = _doc("a", "Valmora shaken", LEAD.format(m="6.4").replace("magnitude 6.4 ", ""))
    other = _doc("b", "Valmora houses fall", OTHER.format(m=""))
    evidence = _compare(one, other)
    assert RULE.lead_cos <= evidence.lead_cosine < RULE.alike_cos
    assert not evidence.same
    # Dated the same day, the same names and words are enough.
    dated = [
        _doc(doc.key, doc.headline, "\n".join(doc.sentences[1:]), when=DAY) for doc in (one, other)
    ]
    assert _compare(*dated).same
    # And leads far more alike than two occasions' ever are need neither.
    assert _compare(one, _doc("c", "Valmora shaken", "\n".join(one.sentences[1:]))).same


def test_an_undated_lead_that_writes_the_day_is_dated_by_it():
    """A capture without a date often says when in its lead: a date it writes
    agreeing with the other's is the same evidence as a known date (DAY is
    4 May), a date that does not agree is no conflict, and an anniversary's
    date is the day it recalls."""
    one = _doc("a", "Valmora shaken", LEAD.format(m="6.4").replace("magnitude 6.4 ", ""), when=DAY)
    on_the_day = OTHER.format(m="").replace("when a", "on 4 May when a")
    undated = _doc("b", "Valmora houses fall", on_the_day)
    assert undated.lead_dates == ((504, 0),)
    assert _compare(one, undated).same and _compare(undated, one).same
    assert not _compare(one, _doc("c", "Valmora houses fall", OTHER.format(m=""))).same
    weeks_off = _doc("d", "Valmora houses fall", on_the_day.replace("4 May", "21 May"))
    evidence = _compare(one, weeks_off)
    assert not evidence.same and not evidence.conflict
    # Two undated leads writing one day, with its year.
    both = [
        _doc(key, doc.headline, body.replace("on Sunday", "on 4 May 2031"))
        for key, doc, body in (("e", one, "\n".join(one.sentences[1:])), ("f", undated, on_the_day))
    ]
    assert _compare(*both).same
    recalled = _doc("g", "Valmora shaken", on_the_day + " Ten years on, Valmora has been rebuilt.")
    assert recalled.looks_back and not _compare(one, recalled).same


def test_an_anniversary_retelling_the_day_is_no_report_of_it():
    assert text.looks_back("It was a grey morning. Twenty years on, the city still remembers.")
    assert text.looks_back("Il y a vingt ans, une bombe explosait.", "fr")
    assert text.looks_back("Vingt ans après, le souvenir reste.", "fr")
    # Background in passing, a span of years, an age: no look back.
    assert not text.looks_back("The jet crashed nearly 15 years ago, officials said.")
    assert not text.looks_back("It was the worst quake in 80 years. A 12-year-old was saved.")
    day = LEAD.format(m="6.4").replace("magnitude 6.4 ", "")
    report = _doc("a", "Valmora shaken", day)
    retold = _doc("b", "Valmora shaken", day + " Ten years on, Valmora has been rebuilt.")
    assert _compare(report, _doc("c", "Valmora shaken", day)).same
    assert retold.looks_back and not _compare(report, retold).same


def test_a_brief_naming_few_needs_the_key_figure_and_alike_leads():
    report = _doc(
        "a",
        "Orvane to buy Telquist",
        "Orvane agreed to buy the messaging service Telquist for $4.1 billion in cash and "
        "shares, the biggest purchase of a messaging start-up, Brenmar analysts said. "
        "Telquist has 300 million users.",
    )
    brief = _doc(
        "b",
        "Orvane buys Telquist for $4.1 billion",
        "Orvane is buying the messaging service Telquist for $4.1 billion in cash and shares. "
        "With 300 million users, it is the biggest purchase of a messaging start-up.",
    )
    evidence = _compare(report, brief)
    assert evidence.names == {"telquist"} and evidence.shared_figures
    assert evidence.lead_cosine >= RULE.alike_cos and evidence.same
    # The same brief with another price is another deal.
    other = _doc("c", "Orvane buys Telquist", "\n".join(brief.sentences[1:]).replace("4.1", "2.6"))
    assert not _compare(report, other).same
