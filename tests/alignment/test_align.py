"""align() end to end on a small made-up story covering every divergence type."""

import dataclasses
import json

import pytest

from stories.alignment import Alignment, Annotation, VersionInput, align

from .corpus import VARIANTS, versions


@pytest.fixture(scope="module")
def result() -> Alignment:
    return align(versions(), reference="orig", variants=VARIANTS)


def _find(result: Alignment, kind: str, version: str):
    return [d for d in result.divergences if d.type == kind and d.version == version]


def test_every_divergence_type_is_found(result):
    """Each habit written into the corpus surfaces as its own type."""
    assert {d.type for d in result.divergences} == {
        "omission",
        "addition",
        "term_swap",
        "quote_change",
        "number_change",
        "rewording",
    }


def test_changed_and_missing_figures(result):
    (wire,) = _find(result, "number_change", "wire")
    assert wire.detail == "Wire changes 1,200 to 900"
    (para,) = _find(result, "number_change", "para")
    assert para.detail == "Paraphrase Daily drops the figure 1,200"
    assert para.data == {"reference": "1,200", "text": None}


def test_reworded_quote_is_a_quote_change_and_the_copied_one_is_not(result):
    (change,) = _find(result, "quote_change", "wire")
    assert change.detail == "Wire words the quote differently"
    assert not _find(result, "quote_change", "para")
    (quote,) = result.quotes
    assert quote.altered
    assert dict(quote.renderings)["para"] == dict(quote.renderings)["orig"]
    assert quote.passage == change.passage


def test_variant_spelling_is_a_term_swap_counted_across_versions(result):
    (swap,) = result.terms
    assert (swap.reference, swap.variant) == ("Kyiv-on-Lake", "Kiev-on-Lake")
    assert swap.versions == ("para", "wire")
    assert swap.count == 2
    assert {d.version for d in result.divergences if d.type == "term_swap"} == {"para", "wire"}


def test_left_out_and_added_paragraphs(result):
    (omission,) = _find(result, "omission", "wire")
    assert omission.detail == "Wire leaves out this passage, carried by 2 of 3 versions"
    passage = result.passage(omission.passage)
    assert passage.kind == "shared"
    assert passage.absent == ("wire",)
    (addition,) = _find(result, "addition", "wire")
    assert result.passage(addition.passage).kind == "unique"
    assert result.passage(addition.passage).reference_version == "wire"


def test_heavy_paraphrase_is_rewording_with_a_low_score(result):
    (rewording,) = _find(result, "rewording", "para")
    member = result.passage(rewording.passage).member("para")
    assert member.score < 0.5
    assert f"({round(member.score * 100)}% of the wording kept)" in rewording.detail


def test_member_ops_rebuild_the_member_text(result):
    for passage in result.passages:
        for member in passage.members:
            assert "".join(op.text for op in member.ops) == member.text
            assert all(op.text == "" for op in member.ops if op.op == "delete")
            if member.is_reference:
                assert member.score == 1.0
                assert {op.op for op in member.ops} == {"equal"}


def test_sentences_point_into_the_version_text(result):
    texts = {v.id: v.text for v in versions()}
    for version, sentences in result.sentences.items():
        assert [s.index for s in sentences] == list(range(len(sentences)))
        for sentence in sentences:
            assert texts[version][sentence.start : sentence.end] == sentence.text


def test_passages_are_in_merged_order_and_ids_match_positions(result):
    assert [p.position for p in result.passages] == list(range(len(result.passages)))
    assert all(p.id == p.position for p in result.passages)
    original = [p.member("orig").sentences[0] for p in result.passages if p.member("orig")]
    assert original == sorted(original)


def test_flattened_divergences_are_the_passage_ones(result):
    assert result.divergences == tuple(d for p in result.passages for d in p.divergences)


def test_annotations_pass_through(result):
    assert result.annotations == (
        ("wire", Annotation("editorial_note", "Updated with new figures", 120)),
    )


def test_to_dict_is_json_ready_with_the_agreed_keys(result):
    data = json.loads(json.dumps(result.to_dict()))
    assert set(data) == {"passages", "terms", "quotes", "annotations"}
    passage = data["passages"][0]
    assert set(passage) == {"id", "position", "kind", "members", "absent", "divergences"}
    assert set(passage["members"][0]) == {"version", "text", "score"}
    assert set(passage["divergences"][0]) == {"type", "version", "detail"}
    assert set(data["terms"][0]) == {"reference", "variant", "versions", "count"}
    assert data["quotes"][0]["renderings"][0].keys() == {"version", "text"}
    assert data["annotations"] == [
        {"version": "wire", "type": "editorial_note", "text": "Updated with new figures"}
    ]


def test_results_are_frozen_and_use_tuples(result):
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.reference = "wire"
    passage = result.passages[0]
    assert isinstance(passage.members, tuple)
    assert isinstance(passage.members[0].ops, tuple)
    assert isinstance(result.sentences["orig"], tuple)


def test_default_reference_is_the_fullest_version_then_lowest_id():
    short = VersionInput("a", "One short sentence here.")
    long = VersionInput("b", "A longer sentence with more words in it. And a second one.")
    assert align([short, long]).reference == "b"
    twin = VersionInput("c", long.text)
    assert align([twin, long, short]).reference == "b"


def test_labels_fall_back_to_ids_in_details():
    first = VersionInput("first", "The council approved the new budget on Monday evening.")
    second = VersionInput("second", "The council rejected the plan for a new stadium entirely.")
    result = align([first, second], reference="first")
    # Each sentence is one version's alone: each is that version's addition.
    assert {d.detail.split(" ")[0] for d in result.divergences} == {"first", "second"}


def test_variant_table_makes_spellings_match():
    a = VersionInput("a", "Officials in Kyiv said the talks would resume next week.")
    b = VersionInput("b", "Officials in Kiev said the talks would resume next week.")
    result = align([a, b], reference="a")
    assert [p.kind for p in result.passages] == ["common"]
    (swap,) = result.terms
    assert (swap.reference, swap.variant, swap.count) == ("Kyiv", "Kiev", 1)


def test_extra_variants_from_the_caller():
    a = VersionInput("a", "The mayor of Lviv opened the new library on Friday morning.")
    b = VersionInput("b", "The mayor of Lvov opened the new library on Friday morning.")
    assert not align([a, b], reference="a").terms
    (swap,) = align([a, b], reference="a", variants={"Lvov": "Lviv"}).terms
    assert (swap.reference, swap.variant) == ("Lviv", "Lvov")


@pytest.mark.parametrize(
    ("versions_", "reference", "message"),
    [
        ([], None, "at least one"),
        ([VersionInput("a", "x"), VersionInput("a", "y")], None, "unique"),
        ([VersionInput("a", "x")], "b", "not one of the versions"),
    ],
)
def test_bad_input_is_refused(versions_, reference, message):
    with pytest.raises(ValueError, match=message):
        align(versions_, reference=reference)


def test_empty_and_single_versions():
    single = align([VersionInput("only", "Just one sentence. And another.")])
    assert [p.kind for p in single.passages] == ["common", "common"]
    assert not single.divergences
    empty = align([VersionInput("a", ""), VersionInput("b", "Some text here.")], reference="a")
    assert [p.kind for p in empty.passages] == ["unique"]
    assert [d.type for d in empty.divergences] == ["addition"]


def test_a_version_that_moves_a_paragraph_is_read_in_its_own_order():
    """The mover tells the minister's reply before the vote; the timeline
    shows its reply at its own place, still linked to the reply of the
    others, and nobody is said to leave it out or add it."""
    first = "The council voted on Tuesday to close the old harbour bridge to lorries."
    second = "Engineers found cracks in two of the bridge's supporting piers last month."
    third = "The transport minister said a replacement would be built within five years."
    fourth = "Local hauliers warned that the detour would add an hour to every delivery."
    reference = VersionInput("ref", " ".join([first, second, third, fourth]))
    copy = VersionInput("copy", " ".join([first, second, third, fourth]))
    mover = VersionInput("mover", " ".join([third, first, second, fourth]))
    result = align([reference, copy, mover], reference="ref")
    shown = [
        i
        for passage in result.passages
        if (member := passage.member("mover")) is not None
        for i in member.sentences
    ]
    assert shown == sorted(shown)
    (moved,) = [p for p in result.passages if p.moved_from is not None]
    origin = result.passage(moved.moved_from)
    assert [m.version for m in result.carried(origin)] == ["ref", "copy", "mover"]
    assert origin.reference_member.text == third
    assert not [d for d in result.divergences if d.version == "mover"]


def _day_changes(reference: str, *texts: str):
    """The number changes a version reports against ``reference``, by version."""
    versions = [VersionInput("ref", reference, label="Wire")]
    versions += [VersionInput(f"v{n}", text, label=f"Paper {n}") for n, text in enumerate(texts)]
    result = align(versions, reference="ref")
    return {
        v.id: [
            (d.data["reference"], d.data["text"])
            for d in result.divergences
            if d.type == "number_change" and d.version == v.id
        ]
        for v in versions[1:]
    }


def test_a_changed_day_is_a_number_change_with_both_sides():
    reference = "The agency chief said on Thursday that the dam had been damaged by shelling."
    found = _day_changes(
        reference,
        "The agency chief said on Friday that the dam had been damaged by shelling.",
        "The agency chief said that the dam had been damaged by shelling.",
        "The agency chief said after Friday prayers that the dam had been damaged by shelling.",
        "On Thursday the agency chief said the dam had been damaged by shelling.",
    )
    assert found == {"v0": [("Thursday", "Friday")], "v1": [], "v2": [], "v3": []}


def test_a_quotation_s_attribution_dates_each_of_its_sentences():
    """A long quotation is attributed once, where it closes: the day it
    gives holds for the sentence that links, which names no day itself."""
    reference = (
        "Inspectors reached the dam after a long delay.\n\n"
        '"The walls of the dam have been cracked in several places by the shelling. '
        'Nobody can yet tell whether that was deliberate," Moreau told reporters on Friday.'
    )
    said = "The walls of the dam have been cracked in several places by the shelling, Moreau said"
    found = _day_changes(reference, f"{said} on Thursday.", f"{said} on Friday.", f"{said}.")
    assert found == {"v0": [("Friday", "Thursday")], "v1": [], "v2": []}


def test_a_quotation_left_out_of_a_kept_sentence_is_dropped_words():
    """A quoted chant the other wording does not render is dropped like any
    other words; a quotation both render is the quote change's business."""
    reference = 'Crowds cheered and chanted "we will rebuild" as the bridge reopened on Sunday.'
    cut = "Crowds cheered as the bridge reopened on Sunday."
    result = align(
        [VersionInput("r", reference, label="R"), VersionInput("c", cut, label="C")],
        reference="r",
    )
    (dropped,) = [d for d in result.divergences if d.type == "omission"]
    assert dropped.data["within"] and "we will rebuild" in dropped.detail
    kept = 'Crowds cheered and chanted "we shall rebuild" as the bridge reopened on Sunday.'
    result = align(
        [VersionInput("r", reference, label="R"), VersionInput("k", kept, label="K")],
        reference="r",
    )
    assert not [d for d in result.divergences if d.type in {"omission", "addition", "rewording"}]
    assert [d.type for d in result.divergences] == ["quote_change"]


def _against(reference: str, text: str):
    result = align(
        [VersionInput("r", reference, label="R"), VersionInput("v", text, label="V")],
        reference="r",
    )
    assert len(result.passages) == 1
    return [d for d in result.divergences if d.version == "v"]


def test_a_version_broken_off_mid_sentence_has_no_edit():
    reference = "Shelling on the northern district killed two people and wounded 15 others."
    assert _against(reference, "Shelling on the northern district killed two") == []
    # with its own ending it is compared as usual
    assert _against(reference, "Shelling on the northern district killed two people.")


def test_the_same_word_with_a_phrase_around_it_is_no_rewording():
    found = _against(
        "The driver lost control of the lorry and it overturned, the police said.",
        "The driver lost control of the lorry, sending it overturning onto the verge, "
        "the police said.",
    )
    assert not [d for d in found if d.type == "rewording"]


def test_a_name_put_in_is_an_addition_and_one_word_for_another_a_rewording():
    reference = "A small ferry sank near the harbour at dawn, at the request of nobody."
    found = _against(reference, "A small Halvard ferry sank near the harbour at dawn.")
    (added,) = [d for d in found if d.type == "addition"]
    assert "Halvard" in added.detail
    found = _against(
        "The mayor asked residents to leave at the behest of the army.",
        "The mayor asked residents to leave with the help of the army.",
    )
    assert [d.type for d in found] == ["rewording"]


def test_a_passage_of_subheads_alone_is_nobody_s_omission_or_addition():
    """Two outlets set a fact box under subheads ("The vote", "What next"),
    a third prints the facts without them: the subheads are layout, and the
    facts still count."""
    boxed = (
        "The council approved the harbour budget on Tuesday.\n\nThe vote\n\n"
        "Nine members voted for it and four against.\n\nWhat next\n\n"
        "Work on the bridge starts in the spring."
    )
    plain = (
        "The council approved the harbour budget on Tuesday.\n\n"
        "Nine members voted for it and four against."
    )
    result = align(
        [VersionInput("a", boxed), VersionInput("b", boxed), VersionInput("c", plain)],
        reference="a",
    )
    heads = [
        p
        for p in result.passages
        if all(
            result.sentences[m.version][i].text in ("The vote", "What next")
            for m in p.members
            for i in m.sentences
        )
    ]
    assert len(heads) == 2
    assert not [d for p in heads for d in p.divergences]
    assert [d.version for d in result.divergences if d.type == "omission"] == ["c"]
