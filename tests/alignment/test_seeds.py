"""On the real captured versions (../shared/seeds): the findings an editor
should see. Texts and gold labels are read at run time, never copied here."""

import json
from pathlib import Path

import pytest

from stories.alignment import Alignment, VersionInput, align

pytestmark = pytest.mark.seeds

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
LABELS = {"000": "RT", "001": "InoSMI", "002": "Caliber.Az", "003": "Spokesman-Review"}


@pytest.fixture(scope="module")
def gold() -> dict:
    if not (SEEDS / "gold_alignment.json").exists():
        pytest.skip("../shared/seeds is not present (only on the team's machines)")
    return json.loads((SEEDS / "gold_alignment.json").read_text())


@pytest.fixture(scope="module")
def texts(gold) -> dict[str, tuple[str, int]]:
    """Each version's body (furniture cut away along the gold's body span)
    and the offset of that body in the captured file."""
    bodies = {}
    for vid in LABELS:
        raw = (SEEDS / gold["files"][vid]).read_text()
        segments = gold["segments"][vid]["segments"]
        start = min(s["start"] for s in segments if s["kind"] in ("body", "dek"))
        end = max(s["end"] for s in segments if s["kind"] == "body")
        bodies[vid] = (raw[start:end], start)
    return bodies


@pytest.fixture(scope="module")
def result(texts) -> Alignment:
    versions = [VersionInput(vid, texts[vid][0], label=LABELS[vid]) for vid in LABELS]
    return align(versions, reference="003")


def passage_of(result: Alignment, texts, gold, vid: str, segment_id: str):
    """The passage holding the engine sentence that covers a gold segment."""
    segment = next(s for s in gold["segments"][vid]["segments"] if s["id"] == segment_id)
    offset = texts[vid][1]
    for sentence in result.sentences[vid]:
        start, end = sentence.start + offset, sentence.end + offset
        if min(end, segment["end"]) - max(start, segment["start"]) > 0.5 * (
            segment["end"] - segment["start"]
        ):
            return next(
                p
                for p in result.passages
                if p.member(vid) and sentence.index in p.member(vid).sentences
            )
    raise AssertionError(f"no engine sentence covers {vid} {segment_id}")


def test_inosmi_cuts_the_casualty_figure(result):
    cuts = [
        d
        for d in result.divergences
        if d.type == "number_change" and d.version == "001" and d.data["reference"] == "1,500"
    ]
    assert len(cuts) == 1
    assert cuts[0].detail == "InoSMI drops the figure 1,500"


def test_material_only_rt_carries_is_added_as_unique_passages(result, texts, gold):
    own = gold["unmatched_version_segments"]["000"]
    assert own
    for segment in own:
        passage = passage_of(result, texts, gold, "000", segment["id"])
        assert passage.kind == "unique"
        assert "addition" in {d.type for d in passage.divergences if d.version == "000"}


@pytest.mark.parametrize("quote_segment", ["S13", "S16"])
def test_reworded_quotes_are_quote_changes(result, texts, gold, quote_segment):
    """Rutte's quote (S13) and Lucian Kim's (S16) come back from InoSMI's
    round trip through Russian in other words."""
    passage = passage_of(result, texts, gold, "003", quote_segment)
    changes = [d for d in passage.divergences if d.type == "quote_change" and d.version == "001"]
    assert changes
    assert changes[0].detail == "InoSMI words the quote differently"
    quotes = [q for q in result.quotes if q.passage == passage.id and q.altered]
    assert any("001" in dict(q.renderings) for q in quotes)


def test_place_and_name_spellings_are_term_swaps(result):
    swaps = {(t.reference.casefold(), t.variant.casefold()): t for t in result.terms}
    for pair in [("kyiv", "kiev"), ("zelenskyy", "zelensky")]:
        assert pair in swaps
        assert "001" in swaps[pair].versions
        assert swaps[pair].count >= 2


def test_paragraphs_short_versions_leave_out_are_omissions(result, texts, gold):
    """Reference sentences the gold links to nothing in RT (surely or
    possibly) are omissions by RT."""
    missing = [
        row["ref_id"]
        for row in gold["alignment"]
        if row["kind"] == "body" and not row["000"]["sure"] and not row["000"]["possible"]
    ]
    assert len(missing) > 10
    omitted = [
        any(
            d.type == "omission" and d.version == "000"
            for d in passage_of(result, texts, gold, "003", ref).divergences
        )
        for ref in missing
    ]
    assert all(omitted)
    omission = next(d for d in result.divergences if d.type == "omission" and d.version == "000")
    assert omission.detail.startswith("RT leaves out this passage, carried by ")


def test_the_different_story_shares_no_passage(texts, gold):
    """004 (another report on the same theme) forced into the story stays apart."""
    raw = (SEEDS / gold["files"]["004"]).read_text()
    segments = gold["segments"]["004"]["segments"]
    start = min(s["start"] for s in segments if s["kind"] == "body")
    end = max(s["end"] for s in segments if s["kind"] == "body")
    versions = [VersionInput(vid, texts[vid][0]) for vid in LABELS]
    result = align([*versions, VersionInput("004", raw[start:end])], reference="003")
    assert all(len(p.members) == 1 for p in result.passages if p.member("004"))


def test_the_cut_figure_shows_whichever_version_is_the_reference(texts):
    """With the translation as reference, the original's 1,500 still surfaces."""
    versions = [VersionInput(vid, texts[vid][0], label=LABELS[vid]) for vid in LABELS]
    result = align(versions, reference="001")
    printed = [
        d
        for d in result.divergences
        if d.type == "number_change" and d.version == "003" and d.data["text"] == "1,500"
    ]
    assert len(printed) == 1
    assert printed[0].data["reference"] is None
    assert (
        printed[0].detail == "Spokesman-Review prints 1,500, a figure the reference wording lacks"
    )


def test_the_default_reference_is_the_bloomberg_reprint(texts):
    """Nothing tells the engine which version is the original: the reprint
    is the most central, InoSMI's back-translation (the fullest) is not."""
    versions = [VersionInput(vid, texts[vid][0], label=LABELS[vid]) for vid in LABELS]
    result = align(versions)
    assert result.reference == "003"
    assert "most central" in result.reference_reason


@pytest.fixture(scope="module")
def chosen(texts) -> Alignment:
    """The seeds aligned with no reference given."""
    return align([VersionInput(vid, texts[vid][0], label=LABELS[vid]) for vid in LABELS])


@pytest.mark.parametrize(
    ("bloomberg", "inosmi"),
    [("invaded", "sent troops"), ("war", "conflict"), ("kyiv", "kiev"), ("zelenskyy", "zelensky")],
)
def test_inosmi_carries_the_loaded_swaps(chosen, bloomberg, inosmi):
    swaps = [
        d
        for d in chosen.divergences
        if d.type == "term_swap"
        and d.version == "001"
        and (d.data["reference"].casefold(), d.data["variant"].casefold()) == (bloomberg, inosmi)
    ]
    assert swaps
    assert swaps[0].detail.startswith("InoSMI writes “")
    assert "where Spokesman-Review wrote “" in swaps[0].detail


def test_paraphrase_is_no_term_swap(chosen):
    pairs = {(t.reference.casefold(), t.variant.casefold()) for t in chosen.terms}
    for pair in [
        ("analyst", "scientist"),
        ("offer", "give"),
        ("acknowledgment", "admission"),
        ("enough", "sufficient"),
    ]:
        assert pair not in pairs and pair[::-1] not in pairs


def test_the_cut_figure_is_inosmis_number_change(chosen):
    (cut,) = [
        d
        for d in chosen.divergences
        if d.type == "number_change" and d.data["reference"] == "1,500"
    ]
    assert cut.version == "001"
    assert cut.detail == "InoSMI drops the figure 1,500"
