"""segment: paragraphs and sentences with offsets into the original text."""

import itertools

from hypothesis import given
from hypothesis import strategies as st

from stories.alignment.segment import paragraphs, segment


def texts(text: str) -> list[str]:
    return [s.text for s in segment("v", text)]


def test_blank_lines_and_single_newlines_separate_paragraphs():
    text = "Headline without a stop\nFirst sentence. Second one.\n\n  Another paragraph.  \n"
    spans = paragraphs(text)
    assert [text[a:b] for a, b in spans] == [
        "Headline without a stop",
        "First sentence. Second one.",
        "Another paragraph.",
    ]
    assert [s.paragraph for s in segment("v", text)] == [0, 1, 1, 2]


def test_hard_wrapped_lines_stay_one_paragraph():
    text = "The committee met on Monday and\ndecided to delay the vote until\nnext month."
    assert [text[a:b] for a, b in paragraphs(text)] == [text]
    assert texts(text) == [text]


def test_offsets_point_into_the_text():
    text = "Spokane\u2003\u2003Est. May 19.\n\n“Quoted,” he said. Next one!"
    for sentence in segment("v", text):
        assert text[sentence.start : sentence.end] == sentence.text


def test_names_with_dots_do_not_end_sentences():
    assert texts("Caliber.Az reports via Bloomberg. The U.S. and Britain agreed on Oct. 1.") == [
        "Caliber.Az reports via Bloomberg.",
        "The U.S. and Britain agreed on Oct. 1.",
    ]


def test_editorial_note_in_parentheses_is_its_own_segment():
    text = (
        "Putin sent troops (the authors forget that talks failed. – Approx. InoSMI). "
        "The next sentence follows."
    )
    sentences = segment("v", text)
    assert [s.text for s in sentences] == [
        "Putin sent troops",
        "(the authors forget that talks failed. – Approx. InoSMI).",
        "The next sentence follows.",
    ]
    assert [s.kind for s in sentences] == ["text", "note", "text"]


def test_ordinary_parentheses_stay_in_the_sentence():
    assert texts("The hub of Pokrovsk (Krasnoarmeysk) may fall. Then what?") == [
        "The hub of Pokrovsk (Krasnoarmeysk) may fall.",
        "Then what?",
    ]


def test_a_quotation_split_by_a_full_stop_keeps_its_attribution():
    assert texts("“I came. I saw,” he said. Then he left.") == [
        "“I came. I saw,” he said.",
        "Then he left.",
    ]


def test_consecutive_quoted_sentences_stay_apart():
    text = "“We must do more,” she said. “We must act now.”"
    assert texts(text) == ["“We must do more,” she said.", "“We must act now.”"]


def test_segments_without_words_are_dropped():
    assert texts("***\n\nReal text here.\n\n—") == ["Real text here."]


@given(st.text(alphabet=st.sampled_from('ab .,!?\n"“”()-–'), max_size=80))
def test_segments_are_ordered_disjoint_slices(text):
    sentences = segment("v", text)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
    for first, second in itertools.pairwise(sentences):
        assert first.end <= second.start
