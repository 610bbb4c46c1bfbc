"""The plain-text parser on generated captures (no Django needed)."""

import pytest

from stories.ingest.text import (
    clean_paragraphs,
    comparable_words,
    parse_text,
    repeated_site_lines,
)

from .generated import article

TOP = ["Menu Search", "The Daily Example", "Springfield  Est. March 3, 1881"]
CAPTION = "Rescue teams work near the river on Monday. (Jane Roe/Example Agency/AP)"
BOTTOM = [
    "Share this article",
    "Example Wire",
    "Comments are closed.",
    "This site uses cookies to improve your experience. You can opt out if you wish. Accept",
]


def capture(parts: dict, *, blank_lines: bool = True) -> str:
    sep = "\n\n" if blank_lines else "\n"
    lines = [*TOP, parts["headline"], CAPTION, parts["byline"], *parts["paragraphs"], *BOTTOM]
    return sep.join(lines)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("blank_lines", [True, False])
def test_furniture_is_stripped_and_fields_found(seed, blank_lines):
    """Masthead, icons, caption, share prompt, credit, comments and cookie lines leave the body."""
    parts = article(seed)
    parsed = parse_text(capture(parts, blank_lines=blank_lines))
    assert parsed.headline == parts["headline"]
    assert parsed.byline == parts["byline"]
    assert parsed.body == "\n\n".join(parts["paragraphs"])
    stripped = {item["line"] for item in parsed.stripped}
    assert stripped == {" ".join(line.split()) for line in [*TOP, CAPTION, *BOTTOM]}


@pytest.mark.parametrize("seed", range(20))
def test_nothing_is_thrown_away_silently(seed):
    """Every line of the capture ends up in a field or in the stripped list."""
    parts = article(seed, paragraphs=3 + seed % 5)
    raw = capture(parts, blank_lines=seed % 2 == 0)
    parsed = parse_text(raw)
    kept = [parsed.headline, parsed.standfirst, parsed.byline, parsed.body]
    kept += [item["line"] for item in parsed.stripped]
    for line in raw.splitlines():
        line = " ".join(line.split())
        if line:
            assert any(line in part for part in kept), line


def test_standfirst_without_headline_and_byline_at_the_end():
    parts = article(3)
    long_dek = parts["standfirst"] + " while the opposition says the plan comes far too late"
    raw = "\n".join([long_dek, *parts["paragraphs"], parts["byline"]])
    parsed = parse_text(raw)
    assert parsed.headline == ""
    assert parsed.standfirst == long_dek
    assert parsed.byline == parts["byline"]
    assert parsed.body.startswith(parts["paragraphs"][0])


def test_sentence_standfirst_before_a_name_byline_stays_out_of_the_body():
    parts = article(4)
    dek = "Negotiators met again. They hope to close the remaining gaps before the year ends."
    raw = "\n".join([parts["headline"], dek, "Anna Kovac, Pavel Lund", *parts["paragraphs"]])
    parsed = parse_text(raw)
    assert (parsed.headline, parsed.standfirst) == (parts["headline"], dek)
    assert parsed.byline == "Anna Kovac, Pavel Lund"
    assert parsed.body == "\n\n".join(parts["paragraphs"])


def test_editorial_note_and_omission_become_annotations():
    parts = article(5)
    first, second = parts["paragraphs"][:2]
    note = "the agency did not say who paid for it. – Approx. Example"
    noted = first[:-1] + f" ({note})."
    words = second.split()
    cut = " ".join([*words[:4], "<...>", *words[4:]])
    raw = "\n".join([parts["headline"], noted, cut, *parts["paragraphs"][2:]])
    parsed = parse_text(raw)
    assert "Approx." not in parsed.body and "<...>" not in parsed.body
    assert parsed.body.startswith(first)
    kinds = [(a["type"], a["text"]) for a in parsed.annotations]
    assert kinds == [("editorial_note", note), ("omission_marker", "<...>")]
    note_at, cut_at = (a["position"] for a in parsed.annotations)
    assert parsed.body[:note_at] == first[:-1]
    assert parsed.body[cut_at - len(" ".join(words[:4])) : cut_at] == " ".join(words[:4])


def test_editors_note_in_brackets():
    parts = article(6)
    raw = "\n".join([parts["headline"], *parts["paragraphs"][:2]])
    raw += "\n[Editor's note: This story was updated to correct a figure.]\n"
    raw += "\n".join(parts["paragraphs"][2:])
    parsed = parse_text(raw)
    assert parsed.annotations[0]["type"] == "editorial_note"
    assert "Editor's note" not in parsed.body


def test_hard_wrapped_paragraphs_are_joined():
    import textwrap

    parts = article(7)
    wrapped = "\n\n".join(textwrap.fill(p, width=72) for p in parts["paragraphs"])
    parsed = parse_text(f"{parts['headline']}\n\n{wrapped}")
    assert parsed.headline == parts["headline"]
    assert parsed.body == "\n\n".join(parts["paragraphs"])


def test_short_closing_quote_stays_in_the_body():
    parts = article(8)
    raw = "\n".join(
        [parts["headline"], *parts["paragraphs"], "“We will see,” she said.", "Advertisement"]
    )
    parsed = parse_text(raw)
    assert parsed.body.endswith("“We will see,” she said.")
    assert parsed.stripped == [{"line": "Advertisement", "reason": "advertisement label"}]


def test_contributors_line_is_kept_as_a_credit():
    parts = article(9)
    credit = "Additional reporting by Maria Lund in Oslo."
    parsed = parse_text("\n".join([parts["headline"], *parts["paragraphs"], credit]))
    assert credit not in parsed.body
    assert parsed.stripped == [{"line": credit, "reason": "credit line (contributors or source)"}]


def test_cyrillic_text_and_windows_line_endings():
    body = [
        "Министр заявил во вторник, что переговоры возобновятся после долгой паузы.",
        "По его словам, бюджет проекта удвоился с весны, а мост останется закрытым.",
    ]
    raw = "\r\n".join(["Переговоры возобновятся", "Реклама", *body, "Комментарии"])
    parsed = parse_text(raw)
    assert parsed.headline == "Переговоры возобновятся"
    assert parsed.body == "\n\n".join(body)
    assert {item["line"] for item in parsed.stripped} == {"Реклама", "Комментарии"}


def test_repeated_site_lines_are_furniture():
    captures = [
        "\n".join(["Example Gazette Online", article(s)["headline"], *article(s)["paragraphs"]])
        for s in range(3)
    ]
    site = repeated_site_lines(captures)
    assert site == {"example gazette online"}
    weird = "Gazette Weekly Edition"
    parsed = parse_text(f"{weird}\n{captures[0]}", site_lines={weird.casefold()})
    assert {item["line"] for item in parsed.stripped} == {"Example Gazette Online", weird}
    assert parsed.headline == article(0)["headline"]


def test_text_without_any_prose_is_kept_whole():
    parsed = parse_text("Short note\nAnother line here")
    assert parsed.body == "Short note\n\nAnother line here"


def test_clean_paragraphs_for_extracted_html():
    parsed = clean_paragraphs(
        ["A first paragraph of text that says enough.", "Read more: other story"]
    )
    assert parsed.body == "A first paragraph of text that says enough."
    assert parsed.stripped[0]["reason"] == "link to other articles"


def test_comparable_words_ignore_dateline_and_punctuation():
    assert comparable_words("LONDON (Reuters) - Prices rose, again.") == comparable_words(
        "Prices rose again"
    )


def test_wire_style_capture_with_menus_section_dates_and_inline_furniture():
    parts = article(10)
    title_case = " ".join(w.capitalize() for w in parts["headline"].split())
    first, second, *rest = parts["paragraphs"]
    furniture = [
        "Skip to main content",
        "Home | World | Business | Sport",
        "World News",
        "Published: 12 March 2024 10:32 GMT",
        "Crowds gather at the border. Photograph: Ivan Petrov/Reuters",
        "Advertisement",
        "Related: Talks stall again in the capital",
        "Reporting by Anna Lund; Editing by Pavel Kovac",
        "© 2024 Example Media. All rights reserved.",
    ]
    raw = "\n".join(
        [
            *furniture[:3],
            title_case,
            parts["standfirst"],
            parts["byline"],
            furniture[3],
            first,
            furniture[4],
            second,
            furniture[5],
            furniture[6],
            *rest,
            *furniture[7:],
        ]
    )
    parsed = parse_text(raw)
    assert (parsed.headline, parsed.standfirst, parsed.byline) == (
        title_case,
        parts["standfirst"],
        parts["byline"],
    )
    assert parsed.body == "\n\n".join(parts["paragraphs"])
    assert [item["line"] for item in parsed.stripped] == furniture
