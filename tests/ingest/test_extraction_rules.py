"""General rules of plain-text extraction, each on a small capture written
for the test (no real capture text)."""

from stories.ingest.text import parse_text

LEDE = (
    "The city council approved the new harbour budget on Tuesday after a long debate "
    "about the cost of the bridge repairs."
)
SECOND = (
    "Officials said the work would start in the spring and last for about two years, "
    "with traffic moved to the old ferry route."
)
THIRD = (
    "Residents who live near the river have asked for more buses while the bridge is "
    "closed to cars and trucks."
)
HEADLINE = "Council approves harbour budget after long bridge debate"


def capture(*lines: str) -> str:
    return "\n\n".join(lines)


def stripped(parsed) -> dict[str, str]:
    return {item["line"]: item["reason"] for item in parsed.stripped}


def test_paragraph_ending_in_a_source_credit_stays_in_the_body():
    """A date or a link inside the closing parentheses marks a source, not a photo."""
    agency = f"{SECOND} (APA/Reuters, 2.4.2018)"
    link = f"{THIRD} (bloom.bg/3xYzAb)"
    parsed = parse_text(capture(HEADLINE, LEDE, agency, link))
    assert parsed.body == "\n\n".join([LEDE, agency, link])
    assert parsed.stripped == []


def test_photo_credit_in_parentheses_is_still_a_caption():
    caption = "Workers inspect the bridge on Monday. (Jane Roe/Example Agency)"
    parsed = parse_text(capture(HEADLINE, caption, LEDE, SECOND))
    assert parsed.body == "\n\n".join([LEDE, SECOND])
    assert stripped(parsed)[caption] == "photo caption or credit"


def test_no_comment_sentence_is_body_text():
    last = "The mayor's office did not respond to a request for comment."
    parsed = parse_text(capture(HEADLINE, LEDE, SECOND, last))
    assert parsed.body.endswith(last)


def test_cut_off_last_paragraph_keeps_its_complete_sentences():
    cut = f"{THIRD} A spokesman for the ferry company said the extra boats would"
    parsed = parse_text(capture(HEADLINE, LEDE, SECOND, cut))
    assert parsed.body == "\n\n".join([LEDE, SECOND, THIRD])
    assert stripped(parsed)["A spokesman for the ferry company said the extra boats would"] == (
        "unfinished end of the capture"
    )


def test_timestamps_are_never_the_headline():
    for stamp in (
        "publié le 15/04/2019 à 20:31",
        "April 2, 2018 / 6:05 PM / a day ago",
        "Update 7 February 2023",
        "veröffentlicht am 3. März 2021, 14:05 Uhr",
    ):
        parsed = parse_text(capture(stamp, HEADLINE, LEDE, SECOND))
        assert parsed.headline == HEADLINE, stamp
        assert stripped(parsed)[stamp] == "date line"


def test_headline_chosen_over_section_label_navigation_and_caption():
    parsed = parse_text(
        capture(
            "Skip to content",
            "World News",
            "harbour-photo",
            HEADLINE,
            "A crane lifts a beam at the harbour. Image: Jane Roe/picture alliance/dpa",
            LEDE,
            SECOND,
        )
    )
    assert parsed.headline == HEADLINE
    assert parsed.body == "\n\n".join([LEDE, SECOND])


def test_headline_printed_twice_is_the_headline_not_furniture():
    teaser = f"{LEDE[:60]}..."
    parsed = parse_text(capture("Local", HEADLINE, teaser, HEADLINE, LEDE, SECOND))
    assert parsed.headline == HEADLINE
    assert HEADLINE not in stripped(parsed)
    assert stripped(parsed)[teaser] == "teaser repeating a later line"
    assert parsed.body == "\n\n".join([LEDE, SECOND])


def test_headline_is_the_line_sharing_the_lead_words_not_a_promo():
    promo = "Start your morning right Weather Traffic Sport Puzzles"
    parsed = parse_text(capture(promo, HEADLINE, LEDE, SECOND))
    assert parsed.headline == HEADLINE


def test_dateline_on_its_own_line_is_furniture_inline_dateline_stays():
    alone = "VALLETTA, 3 Mar. (Example Press) -"
    parsed = parse_text(capture(alone, LEDE, SECOND))
    assert stripped(parsed)[alone] == "dateline on its own line"
    assert parsed.headline == ""
    assert parsed.body.startswith(LEDE)
    inline = f"VALLETTA (Example Press) - {LEDE}"
    parsed = parse_text(capture(HEADLINE, inline, SECOND))
    assert parsed.body.startswith(inline)


def test_standfirst_before_a_dateline_lede():
    dek = "Councillors argued for hours over the cost of repairs to the old bridge."
    lede = f"VALLETTA (Example Press) — {LEDE}"
    parsed = parse_text(capture(HEADLINE, dek, lede, SECOND))
    assert parsed.standfirst == dek
    assert parsed.body.startswith(lede)


def test_standfirst_before_a_timestamp():
    dek = "Councillors argued for hours over the cost of repairs to the old bridge."
    parsed = parse_text(capture(HEADLINE, dek, "14:05 3 March 2021", LEDE, SECOND))
    assert (parsed.headline, parsed.standfirst) == (HEADLINE, dek)
    assert parsed.body.startswith(LEDE)


def test_promotional_lines_leave_the_body():
    lines = [
        "MORE: Must-see pictures of the week",
        "For all the latest headlines follow our Google News channel online",
        "This article is more than 6 months old",
        "view gallery VIEW GALLERY",
        "Embedded content",
        "Read the full report here.",
        "• Ferry fares to rise next month",
        "|Bridge facts",
        "»Another story about the harbour",
    ]
    parsed = parse_text(capture(HEADLINE, LEDE, *lines, SECOND, THIRD))
    assert parsed.body == "\n\n".join([LEDE, SECOND, THIRD])
    assert set(stripped(parsed)) == set(lines)


def test_capture_date_stamp_is_dropped_from_the_first_line():
    parsed = parse_text(capture("date 2018-11 " + HEADLINE, LEDE, SECOND))
    assert parsed.headline == HEADLINE
    assert {"line": "date 2018-11", "reason": "capture date stamp"} in parsed.stripped


def test_alt_text_and_the_caption_under_it_leave_the_body():
    parsed = parse_text(
        capture(HEADLINE, LEDE, "bridge repairs", "Cranes stand idle by the river", SECOND)
    )
    assert parsed.body == "\n\n".join([LEDE, SECOND])
    assert stripped(parsed)["Cranes stand idle by the river"] == "caption under a picture"


def test_embedded_post_with_its_attribution_line():
    post = "Huge queues at the ferry this morning, nobody knows what is going on."
    who = "A commuter tweeted from the harbour"
    parsed = parse_text(capture(HEADLINE, LEDE, post, who, SECOND))
    assert parsed.body == "\n\n".join([LEDE, SECOND])
    assert stripped(parsed)[post] == "embedded post or pull quote"


def test_lede_after_a_stripped_dateline_keeps_its_first_word():
    parsed = parse_text(capture(HEADLINE, f"— {LEDE}", SECOND))
    assert parsed.body.startswith(LEDE)


def page(*, head: str, article: str) -> str:
    return (
        f"<!doctype html><html><head>{head}</head><body>"
        '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article>{article}</article><footer>© Example Media</footer></body></html>"
    )


def test_html_headline_by_metadata_kicker_and_description_left_out():
    from stories.ingest.html import extract_html

    html = page(
        head=(
            f"<title>{HEADLINE} | The Example Gazette</title>"
            f'<meta property="og:title" content="{HEADLINE}">'
            '<meta property="og:site_name" content="The Example Gazette">'
            '<meta name="description" content="Councillors argued for hours over the bridge.">'
        ),
        article=(
            "<p>Local politics</p>"
            f"<h1>{HEADLINE}</h1>"
            "<p>Councillors argued for hours over the bridge.</p>"
            f"<p>{LEDE}</p><p>{SECOND}</p>"
        ),
    )
    extracted = extract_html(html)
    assert extracted.title == HEADLINE
    assert extracted.text.standfirst == "Councillors argued for hours over the bridge."
    assert extracted.text.body == "\n\n".join([LEDE, SECOND])
    assert {"line": "Local politics", "reason": "before the headline (kicker or section)"} in (
        extracted.text.stripped
    )


def test_html_title_element_loses_the_site_name():
    from stories.ingest.html import extract_html

    html = page(
        head=(
            f"<title>{HEADLINE} - The Example Gazette</title>"
            '<meta property="og:site_name" content="The Example Gazette">'
        ),
        article=f"<p>{LEDE}</p><p>{SECOND}</p><p>{THIRD}</p>",
    )
    extracted = extract_html(html)
    assert extracted.title == HEADLINE
    assert extracted.text.body.startswith(LEDE)


def test_heading_of_other_articles_ends_the_article():
    teaser = (
        "Another council elsewhere has voted on its own budget for schools and roads, "
        "and the debate there lasted into the night."
    )
    parsed = parse_text(capture(HEADLINE, LEDE, SECOND, "Related stories", teaser))
    assert parsed.body == "\n\n".join([LEDE, SECOND])
    assert stripped(parsed)["Related stories"] == "heading of other articles or comments"
    assert teaser in stripped(parsed)


def test_box_of_another_article_inside_the_body():
    title = "Ferry fares to rise next month"
    teaser = "The operator says fuel costs have doubled since the spring and passengers will pay"
    parsed = parse_text(capture(HEADLINE, LEDE, title, teaser, SECOND, THIRD))
    assert parsed.body == "\n\n".join([LEDE, SECOND, THIRD])
    assert stripped(parsed)[title] == stripped(parsed)[teaser] == "box of another article"


def test_subhead_inside_the_body_stays():
    parsed = parse_text(capture(HEADLINE, LEDE, "Work starts in spring", SECOND, THIRD))
    assert parsed.body == "\n\n".join([LEDE, "Work starts in spring", SECOND, THIRD])


def test_question_to_the_reader_at_the_end():
    parsed = parse_text(capture(HEADLINE, LEDE, SECOND, THIRD, "What do you think?"))
    assert parsed.body == "\n\n".join([LEDE, SECOND, THIRD])
    assert stripped(parsed)["What do you think?"] == "question to the reader"


def test_agency_initials_credit_ends_the_last_paragraph():
    last = f"{THIRD} (abc/dpa)"
    parsed = parse_text(capture(HEADLINE, LEDE, SECOND, last))
    assert parsed.body.endswith(last)


def test_wire_brief_of_bullets_starts_at_its_dateline():
    points = [
        "March 3 (Example Wire) - Harbour Company Ltd :",
        "* Says it won the bridge contract",
        "* Says work on the bridge will start in the spring and take about two years to finish",
        "* Expects the contract to add to earnings from next year.",
    ]
    parsed = parse_text("\n".join(points))
    assert parsed.body.startswith(points[0])
    assert parsed.body.endswith(points[-1])


def test_subhead_before_a_cut_off_paragraph():
    cut = f"{THIRD} The ferry company said it would"
    parsed = parse_text(capture(HEADLINE, LEDE, SECOND, "Buses and ferries", cut))
    assert parsed.body == "\n\n".join([LEDE, SECOND, "Buses and ferries", THIRD])


def test_source_attribution_line_is_not_a_headline():
    parsed = parse_text(capture("According to Example Wire", LEDE, SECOND, THIRD))
    assert parsed.headline == ""
    assert stripped(parsed)["According to Example Wire"] == "source or link"


def test_photo_credit_run_into_a_paragraph_is_cut_out():
    glued = f"{LEDE} Image: Jane Roe/picture alliance/dpa {SECOND}"
    parsed = parse_text(capture(HEADLINE, glued, THIRD))
    assert parsed.body == "\n\n".join([f"{LEDE} {SECOND}", THIRD])
    assert {
        "line": "Image: Jane Roe/picture alliance/dpa",
        "reason": "photo credit in the text",
    } in (parsed.stripped)


def test_extracted_paragraphs_end_at_a_heading_of_other_articles():
    from stories.ingest.text import clean_paragraphs

    other = "Another council voted on its budget for schools and roads late on Monday night."
    parsed = clean_paragraphs([LEDE, SECOND, "Most read", other])
    assert parsed.body == "\n\n".join([LEDE, SECOND])
    assert [item["reason"] for item in parsed.stripped] == [
        "heading of other articles or comments",
        "after the end of the article",
    ]


def test_a_video_title_and_running_time_glued_before_a_dateline_lede_is_stripped():
    title = "Crews inspect the old bridge at dawn 01:42"
    parsed = parse_text(capture(HEADLINE, f"{title} (EXP)Ten {LEDE[4:]}", SECOND))
    assert stripped(parsed)[title] == "video title and duration"
    assert parsed.body.startswith(f"(EXP)Ten {LEDE[4:]}")


def test_a_lede_opening_with_a_slashed_agency_dateline_is_the_body_not_the_head():
    """A capture with no headline, whose lede opens "PLACE, Month Day. /AGENCY/.",
    then a fact box under short subheads: the lede is the body's first
    paragraph, and no subhead becomes the headline."""
    lede = f"VALLETTA, March 3. /EXPRESS/. {LEDE} {SECOND}"
    parsed = parse_text(
        capture(lede, "EXPRESS has gathered the main facts.", "The vote", f"- {THIRD}")
    )
    assert parsed.headline == ""
    assert parsed.body.startswith(lede)


def test_an_embedded_post_is_stripped_with_its_text_and_label():
    """A post's signature ("— Name (@handle) Month D, YYYY") closes it: the
    lines above it that read like a post and a "WATCH:" label go with it."""
    post = "The harbour tonight, lit up for the vote 🌉 pic.twitter.com/AbCdEf123"
    signature = "— Valmora Port (@ValmoraPort) March 3, 2021"
    parsed = parse_text(capture(HEADLINE, LEDE, "WATCH:", post, signature, SECOND, THIRD))
    assert stripped(parsed)[signature] == "embedded post"
    assert stripped(parsed)[post] == "embedded post"
    assert stripped(parsed)["WATCH:"] == "embedded post"
    assert parsed.body == "\n\n".join([LEDE, SECOND, THIRD])


def test_a_post_placeholder_a_related_link_and_app_promotions_are_furniture():
    related = "(RELATED: Ferry Crews Vote To Join The Dock Strike)"
    parsed = parse_text(
        capture(
            HEADLINE,
            f"{LEDE} {related}",
            "Twitter Post",
            SECOND,
            THIRD,
            "Visit news.example.org to explore our interactive epaper!",
            "Download the Example News app for more exciting features!",
        )
    )
    assert stripped(parsed)[related] == "link to another article"
    assert stripped(parsed)["Twitter Post"] == "embedded post placeholder"
    assert parsed.body == "\n\n".join([LEDE, SECOND, THIRD])


def test_a_picture_described_twice_running_and_a_caption_s_title_are_furniture():
    described = (
        "A photo taken from a drone on March 3 shows cranes standing idle on the north "
        "quay of the harbour while pickets gather at the main gate."
    )
    title = "Pickets at the harbour gate"
    caption = "Dock workers gather before dawn (Jane Roe/Example Press)"
    parsed = parse_text(
        capture(HEADLINE, LEDE, described, described, SECOND, title, caption, THIRD)
    )
    assert stripped(parsed)[described] == "photo caption printed twice"
    assert stripped(parsed)[title] == "title above a photo caption"
    assert parsed.body == "\n\n".join([LEDE, SECOND, THIRD])
    credit = "Pickets at the harbour gate - (Copyright Example Press)"
    parsed = parse_text(capture(HEADLINE, LEDE, credit, SECOND, THIRD))
    assert stripped(parsed)[credit] == "photo caption or credit"


def test_the_headline_printed_again_inside_the_body_is_not_body():
    parsed = parse_text(capture(HEADLINE, LEDE, HEADLINE, SECOND, THIRD))
    assert parsed.headline == HEADLINE
    assert stripped(parsed)[HEADLINE] == "the headline printed again"
    assert parsed.body == "\n\n".join([LEDE, SECOND, THIRD])


def test_a_quotation_closed_without_a_full_stop_at_the_end_is_kept():
    """The capture's last paragraph ends a quotation with no full stop: its
    last words are the speaker's, not a cut-off sentence."""
    last = '"We stay on the quay until the offer is fair. That is all. Solidarity”'
    parsed = parse_text(capture(HEADLINE, LEDE, SECOND, last))
    assert parsed.body.endswith(last)
