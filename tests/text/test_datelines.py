"""datelines: agency datelines are metadata, and the lede keeps its first word."""

import pytest

from stories.alignment import VersionInput, align
from stories.alignment.segment import segment
from stories.text.datelines import Dateline, split_dateline

DATELINES = [
    ("STOCKHOLM (Reuters) –", Dateline("STOCKHOLM", "Reuters")),
    ("NICOSIA (Reuters) -", Dateline("NICOSIA", "Reuters")),
    ("LONDON (AP) —", Dateline("LONDON", "AP")),
    ("PARIS, 17 oct (AFP) -", Dateline("PARIS", "AFP", "17 oct")),
    ("Seyne-les-Alpes (France) (AFP / AP ) –", Dateline("Seyne-les-Alpes (France)", "AFP / AP")),
    ("MADRID, 3 nov (EFE).-", Dateline("MADRID", "EFE", "3 nov")),
    ("BERLIN (dpa) -", Dateline("BERLIN", "dpa")),
    ("WASHINGTON, Oct. 17 (Xinhua) --", Dateline("WASHINGTON", "Xinhua", "Oct. 17")),
    ("KABUL, Afghanistan (AP) —", Dateline("KABUL, Afghanistan", "AP")),
    ("WASHINGTON —", Dateline("WASHINGTON")),
    ("(CNN) —", Dateline("", "CNN")),
    # The agency between slashes, after the place and the date.
    ("VALLETTA, March 3. /EXPRESS/.", Dateline("VALLETTA", "EXPRESS", "March 3")),
    ("NEW YORK, Jan. 5, 2024 /PRNewswire/ --", Dateline("NEW YORK", "PRNewswire", "Jan. 5, 2024")),
    # French
    ("Paris, 17 octobre (AFP) -", Dateline("Paris", "AFP", "17 octobre")),
    ("LYON (AFP) –", Dateline("LYON", "AFP")),
    # Spanish
    ("Ciudad de México, 17 oct (EFE).-", Dateline("Ciudad de México", "EFE", "17 oct")),
    ("BUENOS AIRES, 17 de octubre (EFE) —", Dateline("BUENOS AIRES", "EFE", "17 de octubre")),
    # German
    ("Berlin, 17. Oktober (dpa) -", Dateline("Berlin", "dpa", "17. Oktober")),
    ("Kiew/Moskau (dpa) -", Dateline("Kiew/Moskau", "dpa")),
    ("Frankfurt/Main (dpa/lno) –", Dateline("Frankfurt/Main", "dpa/lno")),
]
LEDES = [
    "A Baltic ferry sank on Monday.",
    "La ministre a démissionné.",
    "Der Minister trat zurück.",
]


@pytest.mark.parametrize(("dateline", "expected"), DATELINES, ids=[d for d, _ in DATELINES])
@pytest.mark.parametrize("lede", LEDES)
def test_dateline_is_split_off_and_the_lede_keeps_its_first_word(dateline, expected, lede):
    assert split_dateline(f"{dateline} {lede}") == (expected, lede)
    assert split_dateline(f"{dateline}\n{lede}") == (expected, lede)


def test_an_agency_in_parentheses_glued_to_the_lede_is_a_dateline():
    """As CNN sets it: no dash, no space, the lede's capital straight after."""
    assert split_dateline("(CNN)A Baltic ferry sank on Monday.") == (
        Dateline("", "CNN"),
        "A Baltic ferry sank on Monday.",
    )
    assert [s.text for s in segment("v", "(AP)Ten people died. The port closed.")] == [
        "Ten people died.",
        "The port closed.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "(Updated)The ferry sank on Monday.",
        "(Graphic) The ferry sank on Monday.",
        "The ratio fell to 3/4 /of/ last year's.",
        "BREAKING — Markets fell sharply.",
        "US - China talks begin today.",
        "The ship sank (officials said) - it was old.",
        "A Baltic ferry sank on Monday - killing many.",
        "Officials said on Monday that talks would resume.",
    ],
)
def test_no_dateline(text):
    assert split_dateline(text) == (None, text)


@pytest.mark.parametrize(("dateline", "_"), DATELINES, ids=[d for d, _ in DATELINES])
def test_segmentation_never_emits_a_dateline(dateline, _):
    inline = segment("v", f"{dateline} A Baltic ferry sank on Monday. Ten people died.")
    assert [s.text for s in inline] == ["A Baltic ferry sank on Monday.", "Ten people died."]
    alone = segment("v", f"{dateline}\n\nA Baltic ferry sank on Monday.")
    assert [s.text for s in alone] == ["A Baltic ferry sank on Monday."]


def test_no_passage_of_an_alignment_is_only_a_dateline():
    body = "A Baltic ferry sank on Monday with 40 people on board. Rescuers found 12 survivors."
    versions = [
        VersionInput(str(n), f"{dateline} {body}") for n, (dateline, _) in enumerate(DATELINES)
    ]
    result = align(versions)
    texts = {m.text for p in result.passages for m in p.members}
    assert texts == {
        "A Baltic ferry sank on Monday with 40 people on board.",
        "Rescuers found 12 survivors.",
    }
    assert all(p.kind == "common" for p in result.passages)
