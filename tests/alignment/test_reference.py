"""The default reference: the original, or the most central version in the
story's main language; never the fullest for being full."""

from stories.alignment import VersionInput, align

from .corpus import ORIGINAL, REWORDED, REWRITE

PADDING = (
    "\n\nThis outlet adds a long paragraph of its own about the history of the region, "
    "its rivers, its bridges and the floods of past centuries, which no one else prints."
)


def test_the_most_central_version_is_the_reference_not_the_fullest():
    versions = [
        VersionInput("orig", ORIGINAL, label="Lake Herald"),
        VersionInput("wire", REWRITE, label="Wire"),
        VersionInput("para", REWORDED, label="Paraphrase Daily"),
        VersionInput("padded", REWRITE + PADDING + PADDING, label="Padded Post"),
    ]
    result = align(versions)
    assert result.reference == "orig"
    assert "most central" in result.reference_reason


def test_a_version_in_another_language_is_never_the_reference():
    foreign = ORIGINAL + PADDING  # the same words, labelled as another language
    versions = [
        VersionInput("en1", REWRITE, label="Wire", language="en"),
        VersionInput("en2", REWORDED, label="Paraphrase Daily", language="en"),
        VersionInput("xx", foreign, label="Abroad", language="de"),
    ]
    result = align(versions)
    assert result.reference in {"en1", "en2"}
    assert "not in en" in result.reference_reason


def test_the_version_others_derive_from_is_the_reference():
    versions = [
        VersionInput("orig", REWORDED, label="Agency"),
        VersionInput("a", ORIGINAL, label="Reprint A", derived_from="orig"),
        VersionInput("b", ORIGINAL, label="Reprint B", derived_from="orig"),
    ]
    result = align(versions)
    assert result.reference == "orig"
    assert result.reference_reason == "the original: Reprint A, Reprint B derive from it"


def test_a_given_reference_wins_and_says_so():
    versions = [VersionInput("orig", ORIGINAL), VersionInput("wire", REWRITE)]
    result = align(versions, reference="wire")
    assert result.reference == "wire"
    assert result.reference_reason == "chosen by an editor"
