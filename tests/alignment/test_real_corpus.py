"""On the hand-labelled real stories (../shared/corpus/alignment): each kind
of divergence on real sentence pairs, read by segment id at run time, and
the figures bench/real_quality.py prints, held. Nothing of the corpus is
copied here."""

import json
from pathlib import Path

import pytest

from bench import real_quality
from stories.alignment import VersionInput, align

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "alignment"

pytestmark = pytest.mark.skipif(
    not (CORPUS / "izmir_girl" / "gold_alignment.json").exists(),
    reason="../shared/corpus is not present (only on the team's machines)",
)


def segment(story: str, segment_id: str) -> str:
    gold = json.loads((CORPUS / story / "gold_alignment.json").read_text())
    version = segment_id.rstrip("0123456789")
    return next(s["text"] for s in gold["segments"][version]["segments"] if s["id"] == segment_id)


def joined(story: str, ids: str) -> str:
    return " ".join(segment(story, seg_id) for seg_id in ids.split("+"))


def pair(story: str, reference_id: str, version_id: str):
    """The two sentences as a reference and one version, and what differs
    (ids joined by "+" are segments printed one after the other)."""
    result = align(
        [
            VersionInput("ref", joined(story, reference_id), label="Reference"),
            VersionInput("ver", joined(story, version_id), label="Version"),
        ],
        reference="ref",
    )
    assert len(result.passages) == 1, "the two sentences must link"
    return [d for d in result.divergences if d.version == "ver"]


def test_a_clause_added_inside_a_linked_sentence_is_an_addition():
    """The update adds that the girl was the 107th person rescued."""
    (added,) = [d for d in pair("izmir_girl", "R8", "C11") if d.type == "addition"]
    assert added.data["within"]
    assert "107th" in added.detail


def test_an_attribution_dropped_inside_a_linked_sentence_is_an_omission():
    """A later version no longer says which ministry gave the toll."""
    (dropped,) = [d for d in pair("prigozhin_crash", "R10", "A9") if d.type == "omission"]
    assert dropped.data["within"]
    assert dropped.detail == (
        "Version leaves out “the Russian Emergency Situations Ministry said”, which Reference has"
    )


def test_a_changed_toll_is_a_number_change_with_both_sides():
    (change,) = [d for d in pair("izmir_girl", "R12", "C22") if d.type == "number_change"]
    assert (change.data["reference"], change.data["text"]) == ("102", "104")
    assert change.detail == "Version changes 102 to 104"


def test_other_words_inside_a_linked_sentence_are_a_rewording_quoting_both():
    """The update names and ages the girl differently."""
    (reworded,) = [d for d in pair("izmir_girl", "R7", "C10") if d.type == "rewording"]
    assert reworded.data["within"]
    assert reworded.detail.startswith("Version writes “")
    assert "” where Reference wrote “" in reworded.detail


def test_a_loaded_term_is_a_term_swap_even_once():
    """ "anti-regime" where the reference wrote "anti-government"."""
    swaps = [d for d in pair("syria_ariha", "R14", "C16") if d.type == "term_swap"]
    assert [(d.data["reference"], d.data["variant"]) for d in swaps] == [("government", "regime")]
    assert swaps[0].detail == "Version writes “regime” where Reference wrote “government”"


def test_the_same_speaker_quoted_in_other_words_is_a_quote_change():
    changes = [d for d in pair("grossi_znpp", "R7", "A7") if d.type == "quote_change"]
    assert changes
    assert changes[0].data["reference"] != changes[0].data["text"]


def test_a_quote_in_single_marks_is_compared_too():
    """A bulleted dek quotes the same words in ‘…’, with "be worried" for "worry"."""
    changes = [d for d in pair("grossi_znpp", "R7", "C4") if d.type == "quote_change"]
    assert changes


def test_the_same_speaker_quoted_differently_anywhere_in_the_story_is_a_quote_change():
    """The reference quotes Grossi over two sentences ("It's obvious that...
    the physical integrity of the plant has been violated several times.
    By chance or ...", Grossi told reporters); another outlet transcribes
    the first part in other words in a sentence of its own. The speaker
    comes from each version's text, not from the passages."""
    story = real_quality.Story(CORPUS / "grossi_znpp")
    inputs, _ = story.bodies()
    result = align(inputs, reference=story.reference)
    changes = [d for d in result.divergences if d.type == "quote_change" and d.data.get("speaker")]
    (change,) = [d for d in changes if d.version == "A"]
    assert change.data["speaker"] == "Grossi"
    assert change.data["source"] == "R"
    assert change.data["text"] in segment("grossi_znpp", "A6")
    assert change.data["reference"].startswith(segment("grossi_znpp", "R5")[1:20])
    opening = " ".join(change.data["text"].split()[:6])
    assert change.detail.startswith(f"{story.outlet['A']} quotes Grossi as “{opening}")
    assert f"where {story.outlet['R']} has “" in change.detail
    assert any(q.altered and ("A", change.data["text"]) in q.renderings for q in result.quotes)


def test_the_day_a_quotation_is_dated_by_is_a_number_change_where_another_day_is_given():
    """The reference attributes a two-sentence quotation once, at its close,
    with the day it was said; two English rewrites date the remarks another
    day in the sentence that links to its opening sentence. Each is a
    number_change naming both days, on the passage holding that sentence."""
    story = real_quality.Story(CORPUS / "grossi_znpp")
    inputs, spans = story.bodies()
    result = align(inputs, reference=story.reference)
    for version, segment_id in (("A", "A4"), ("B", "B3")):
        (index,) = [
            s.index
            for s in result.sentences[version]
            if segment_id in real_quality.segments_of(spans[version], s.start, s.end)
        ]
        passage = next(
            p for p in result.passages if p.member(version) and index in p.member(version).sentences
        )
        changes = [
            (d.data["reference"], d.data["text"])
            for d in passage.divergences
            if d.type == "number_change" and d.version == version
        ]
        assert changes == [("Friday", "Thursday")], version
        # Both days are in the gold's sentences: the reference's and the version's.
        assert "Friday" in segment("grossi_znpp", "R6")
        assert "Thursday" in segment("grossi_znpp", segment_id)


_STORIES: dict = {}


def story_alignment(name: str):
    """A whole story aligned against its gold reference, and a lookup of the
    passage holding a gold segment (cached: each story is aligned once);
    ``carried=True`` gives, for a member moved to keep its version's order,
    the passage it still carries."""
    if name not in _STORIES:
        story = real_quality.Story(CORPUS / name)
        inputs, spans = story.bodies()
        result = align(inputs, reference=story.reference)
        where = {
            (vid, seg_id): s.index
            for vid, sentences in result.sentences.items()
            for s in sentences
            for seg_id in real_quality.segments_of(spans[vid], s.start, s.end)
        }

        def passage_of(vid, seg_id, carried=False, result=result, where=where):
            index = where[(vid, seg_id)]
            found = next(
                p for p in result.passages if p.member(vid) and index in p.member(vid).sentences
            )
            if carried and found.moved_from is not None:
                return result.passage(found.moved_from)
            return found

        _STORIES[name] = (result, passage_of)
    return _STORIES[name]


@pytest.fixture(scope="module")
def izmir():
    return story_alignment("izmir_girl")


def test_a_rewrite_saying_crash_for_crashed_links():
    """Prigozhin: "The crash occurred near the village of …" is the
    reference's jet that "crashed near the … settlement" ("-ed" dropped)."""
    _, passage_of = story_alignment("prigozhin_crash")
    assert passage_of("C", "C8", carried=True) is passage_of("R", "R8", carried=True)


def test_a_remark_one_outlet_quotes_in_part_links_to_its_report():
    """Grossi: one rewrite quotes a few words of the official's plan for his
    team that the reference prints plain; the shared run of words links the
    two sentences, which share little else."""
    _, passage_of = story_alignment("grossi_znpp")
    assert passage_of("A", "A8", carried=True) is passage_of("R", "R11", carried=True)


def test_a_rewrite_sharing_a_quoted_run_and_little_else_links():
    """Grossi: the ticker quotes the same few words of the official's plan
    for his team and words the rest its own way; the quoted run lets it
    past the shared-words floor and into the reference's passage."""
    _, passage_of = story_alignment("grossi_znpp")
    assert passage_of("B", "B5", carried=True) is passage_of("R", "R11", carried=True)


def test_a_contraction_spelled_out_links():
    """Zelensky: one transcript prints "I’m here.", another "I am here."."""
    _, passage_of = story_alignment("zelensky_ride")
    assert passage_of("D", "D6", carried=True) is passage_of("R", "R9", carried=True)


def test_a_sentence_a_cut_leaves_out_is_one_omission(izmir):
    """The heavily cut edit drops how long the girl was trapped."""
    _, passage_of = izmir
    passage = passage_of("R", "R8")
    assert passage.member("B") is None
    omissions = [d for d in passage.divergences if d.type == "omission" and d.version == "B"]
    assert len(omissions) == 1


def test_a_sentence_one_version_alone_carries_is_its_addition(izmir):
    """The update's own quote from a rescuer: its addition, nobody's omission."""
    _, passage_of = izmir
    passage = passage_of("C", "C17")
    assert passage.kind == "unique"
    assert [d.type for d in passage.divergences] == ["addition"]
    assert passage.divergences[0].version == "C"


def swaps_in(divergences, version="ver"):
    return [
        (d.data["reference"], d.data["variant"])
        for d in divergences
        if d.type == "term_swap" and d.version == version
    ]


def test_a_listed_spelling_anywhere_in_a_linked_pair_is_a_term_swap():
    """RT's "Zaporozhye" and the wire's "Zaporizhzhia" sit in different
    operations of the word diff (one in a dropped clause, one in an added
    one): the swap is read across the whole pair."""
    _, passage_of = story_alignment("grossi_znpp")
    passage = passage_of("A", "A4")
    assert passage is passage_of("R", "R4")
    assert swaps_in(passage.divergences, "A") == [("Zaporozhye", "Zaporizhzhia")]


def test_a_sentence_printing_both_spellings_makes_no_swap():
    """A reprint writes "Zelensky" once and keeps "Zelenskyy" once in one
    sentence: no choice of spelling there."""
    assert swaps_in(pair("zelensky_ride", "R3", "A11")) == []


def test_inflections_and_hyphenation_are_no_term_swap():
    """ "sounds"/"sound" and "third-largest"/"third largest" between a wire
    text and its UK edit; the other words go on being compared."""
    assert swaps_in(pair("izmir_girl", "R6", "A6")) == []
    found = pair("izmir_girl", "R12", "A14")
    assert swaps_in(found) == []
    assert not [d for d in found if d.type == "rewording"]


def test_a_chant_dropped_inside_a_near_identical_pair_is_an_omission():
    """The UK edit keeps the sentence but not the onlookers' quoted chant."""
    (dropped,) = [d for d in pair("izmir_girl", "R6", "A6") if d.type == "omission"]
    assert dropped.data["within"]
    assert "God is great!" in dropped.detail


def test_jihadist_for_militant_is_a_loaded_term():
    swaps = swaps_in(pair("syria_ariha", "R2", "A4"))
    assert swaps == [("jihadist", "militant")]


def test_one_name_put_for_another_recurs_across_close_and_loose_pairs():
    """The update names the girl "Ayda" in a close pair; the rewrite does too
    in a loosely linked sentence: together the swap recurs, once each."""
    result, passage_of = story_alignment("izmir_girl")
    for version, seg_id in (("C", "C10"), ("E", "E2")):
        passage = passage_of(version, seg_id)
        assert swaps_in(passage.divergences, version) == [("Ayla", "Ayda")]
    (term,) = [t for t in result.terms if (t.reference, t.variant) == ("Ayla", "Ayda")]
    assert term.count >= 2


def test_a_swap_the_story_establishes_shows_in_a_versions_other_sentences():
    """A third outlet writes "Zaporizhzhia site" in a dek linked to no
    sentence naming the plant; the reference writes "Zaporozhye" throughout."""
    _, passage_of = story_alignment("grossi_znpp")
    passage = passage_of("C", "C4")
    assert ("Zaporozhye", "Zaporizhzhia") in swaps_in(passage.divergences, "C")
    (swap,) = [d for d in passage.divergences if d.type == "term_swap" and d.version == "C"]
    assert "where sott_rt wrote “Zaporozhye”" in swap.detail


def test_a_label_put_on_a_person_is_a_term_swap_wherever_the_sentence_sits():
    """The agency labels the dead man a businessman; the spun copy and the
    translation each give him a label of their own (a mercenary chief, the
    head of his company), in sentences linked to nothing of the agency's."""
    _, passage_of = story_alignment("prigozhin_crash")
    for version, seg_id, word in (("B", "B2", "chief"), ("C", "C3", "company")):
        passage = passage_of(version, seg_id)
        ((reference, label),) = swaps_in(passage.divergences, version)
        assert reference == "Businessman"
        assert word in label.split() and label in segment("prigozhin_crash", seg_id)


def test_a_sentence_the_capture_breaks_off_is_no_edit():
    """A capture ends mid-sentence: what it lacks is past its end, not a
    dropped figure or a rewording."""
    assert pair("syria_ariha", "R8", "A14") == []


def test_words_kept_with_a_few_more_are_no_rewording():
    """The same verb with a phrase around it, where the wire wrote the verb
    alone, is no rewording."""
    found = pair("ps752_crash", "R4", "D6")
    assert not [d for d in found if d.type == "rewording"]


def test_a_standfirst_repeating_the_versions_own_lead_adds_nothing():
    """The UK edit's standfirst repeats its own toll sentence word for word."""
    _, passage_of = story_alignment("izmir_girl")
    passage = passage_of("A", "A3")
    assert passage.kind == "unique"
    assert passage.divergences == ()


def test_a_name_put_into_a_kept_sentence_is_an_addition_however_short():
    """The later agency text names the aircraft's model in a kept sentence."""
    (added,) = [d for d in pair("prigozhin_crash", "R3", "A2") if d.type == "addition"]
    assert added.data["within"] and "Embraer-135" in added.detail


def test_one_word_put_for_another_is_a_rewording():
    """A version puts "help" where the reference wrote "behest"."""
    (reworded,) = [d for d in pair("zelensky_ride", "R2", "B4") if d.type == "rewording"]
    assert "“help”" in reworded.detail and "“behest”" in reworded.detail


def test_a_loosely_linked_sentence_naming_someone_new_is_also_an_addition():
    """The translation's crew sentence names Dmitry Utkin, whom TASS never names."""
    _, passage_of = story_alignment("prigozhin_crash")
    passage = passage_of("C", "C7")
    types = {d.type for d in passage.divergences if d.version == "C"}
    assert {"addition", "rewording"} <= types
    (added,) = [d for d in passage.divergences if d.version == "C" and d.type == "addition"]
    assert "Dmitry Utkin" in added.detail


def test_a_versions_own_sentence_retelling_a_passage_it_leaves_out_is_a_rewording():
    """The spun copy's sentence on Prigozhin being listed links to nothing:
    it rewords TASS's, which that copy therefore does not leave out."""
    _, passage_of = story_alignment("prigozhin_crash")
    own, told = passage_of("B", "B2"), passage_of("R", "R5")
    (reworded,) = [d for d in own.divergences if d.type == "rewording" and d.version == "B"]
    assert reworded.data["rewrites"] == told.id
    assert not [d for d in told.divergences if d.type == "omission" and d.version == "B"]


def test_a_weak_match_on_another_day_with_another_toll_is_another_event():
    """Syria: a later report's sentence on that day's strikes (its day, its
    toll) shares the template of the reference's sentence on an earlier
    day's strikes and links to neither; nor does the next sentence of the
    template, naming no day, take the passage it leaves."""
    _, passage_of = story_alignment("syria_ariha")
    for segment_id in ("R7", "R4"):
        assert passage_of("C", "C4") is not passage_of("R", segment_id)
    assert passage_of("C", "C10") is not passage_of("R", "R7")
    assert "Sunday" in segment("syria_ariha", "C4")
    assert "Wednesday" in segment("syria_ariha", "R7")


def test_a_bullet_line_next_to_a_linked_one_is_a_fact_of_its_own():
    """Prigozhin: of two bullet lines, one rewrites the reference's line on
    the aviation agency's investigation; the next, on investigators sent to
    the site, matches it weakly and stays out of its passage."""
    _, passage_of = story_alignment("prigozhin_crash")
    assert passage_of("A", "A17") is passage_of("R", "R15")
    assert passage_of("A", "A18") is not passage_of("R", "R15")
    assert segment("prigozhin_crash", "A18").startswith("- ")


@pytest.fixture(scope="module")
def figures():
    return real_quality.figures(CORPUS)


def _overall(figures):
    total = real_quality.Counts()
    for score in figures.values():
        total.add(score.same)
    return total


def test_corpus_pair_figures_hold(figures):
    """Same-language pairs (bench/real_quality.py): measured 0.973 / 0.892 /
    0.931, every story from 0.870. Before, in the order the rules came:
    0.954 / 0.865 / 0.907 and every story from 0.667; quoted runs of words
    as features 0.955 / 0.874 / 0.912; plurals matching their singular
    0.955 / 0.883 / 0.918; a weak match with another day and another count
    taken for another event, and no neighbour's support for a bullet line,
    0.972 / 0.883 / 0.926 (every story from 0.800); a quoted run in common
    passing the shared-words floor and placing an unplaced sentence,
    0.973 / 0.892 / 0.931. Earlier still: 0.936 / 0.847 / 0.889 before "-ing"
    forms read as their verb and weak far links gave way to the local
    passage; 0.935 / 0.829 / 0.879 before "-ed" stems, contractions and
    pieces settled one run at a time."""
    overall = _overall(figures)
    assert overall.precision >= 0.97
    assert overall.f1 >= 0.93
    assert min(score.same.f1 for score in figures.values()) >= 0.86


def test_corpus_figures_hold_read_from_the_raw_captures():
    """End to end: each version's body read from its raw capture by the
    ingest text layer (bench/real_quality.py --bodies ingest), not the
    gold's segments. Measured: pairs 0.973 / 0.883 / 0.926 (every story from
    0.870), divergence recall 0.90 (137/152), noise 0.098 (29/297), 0
    inversions. Pairs were 0.952 / 0.811 / 0.876 before a slashed agency
    dateline ("MOSCOW, August 23. /TASS/.") opened the body instead of a
    fact box's subhead taken for the headline, an agency in parentheses
    glued to the lede ("(CNN)Ukrainian …") was read as a dateline with the
    video title before it stripped, and a quotation mark glued between a
    full stop and the next word cut the sentence; noise fell to the bar as
    embedded posts, app promotions, captions printed twice, a headline
    printed again and passages of subheads alone stopped counting as
    outlets' additions and omissions."""
    scores = real_quality.figures(CORPUS, bodies="ingest")
    overall = _overall(scores)
    assert overall.precision >= 0.97
    assert overall.f1 >= 0.92
    assert min(score.same.f1 for score in scores.values()) >= 0.86
    assert overall.divergence_recall >= 0.90
    assert overall.noise_share <= 0.10
    assert overall.inversions == 0


def test_corpus_divergence_figures_hold(figures):
    """Divergence recall measured 0.91 (139/152), noise 0.093 (28/300; 0.099
    before a passage of subheads alone stopped counting as an outlet's
    omission or addition). Earlier 0.92 (140/152), noise 0.092 (28/305) with
    a reference-only passage reported once (before the typing rules of
    issue 10: 0.77 and 0.14; the issue's first build: 0.64 and 0.23
    counted once per version that leaves it out)."""
    overall = _overall(figures)
    assert overall.divergence_recall >= 0.90
    assert overall.noise_share <= 0.10


def test_members_never_skip_sentences_of_their_version():
    for path in real_quality.stories(CORPUS):
        _, result = real_quality.score_story(path)
        for passage in result.passages:
            for member in passage.members:
                first = member.sentences[0]
                assert member.sentences == tuple(range(first, first + len(member.sentences)))


def test_reading_order_is_kept_for_every_same_language_version(figures):
    """Reading any same-language version through the merged timeline keeps
    its own order (36 inversions before members moved out of order)."""
    assert sum(score.same.inversions for score in figures.values()) == 0


def test_a_member_moved_to_keep_order_still_carries_its_passage():
    """A version that tells two facts in the other order: its member is shown
    at its own place, still linked to the passage it carries, and neither
    side reports it as left out or added."""
    moved = 0
    for path in real_quality.stories(CORPUS):
        _, result = real_quality.score_story(path)
        for passage in result.passages:
            if passage.moved_from is None:
                continue
            moved += 1
            (member,) = passage.members
            origin = result.passage(passage.moved_from)
            assert (member.version, passage.id) in origin.moved
            assert member in result.carried(origin)
            assert not [
                d
                for d in (*passage.divergences, *origin.divergences)
                if d.version == member.version
                and d.type in ("omission", "addition")
                and not d.data.get("within")
            ]
    assert moved


def test_seeds_are_read_in_every_version_s_order_with_their_links():
    """The seeds' rewrites move paragraphs: no inversion (25 before), and the
    pairs still count where the moved members carry their passages (F1
    0.970: a sentence between two of one passage joining it gained a pair,
    0.954 -> 0.962, and plurals matching their singular cost one, a
    context link of InoSMI's that fell from 0.095 to 0.089 under the 0.09
    local score as "means" met the story's "mean"; a divided passage
    going with the outlet's run its other members match together best,
    not the one the reference leant to, gained one back, 0.954 ->
    0.962; the InoSMI sentence, between its neighbours' two side-by-side
    passages, joins the one it matches again, 0.962 -> 0.970; Caliber.Az's
    rewrite of the sentence its version skips between two it carries fills
    that gap, 0.970 -> 0.977)."""
    seeds = real_quality.seeds_figures(None)
    if seeds is None:
        pytest.skip("../shared/seeds is not present")
    assert seeds.inversions == 0
    assert seeds.f1 >= 0.976
