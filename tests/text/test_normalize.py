"""normalize: canonical forms for matching, the variant table, tokens."""

import pytest

from stories.text.normalize import (
    VariantTable,
    base_form,
    canonical,
    is_content,
    tokenize,
)


def test_canonical_straightens_quotes_dashes_and_odd_spaces():
    assert canonical("“Yes” – it’s «done»") == '"Yes" - it\'s "done"'
    assert canonical("Spokane\u2003\u2003Est.\u00a0May") == "Spokane Est. May"
    assert canonical("ﬁne") == "fine"  # NFKC folds the ligature


def test_canonical_keeps_line_breaks():
    assert canonical("one\u00a0line\nnext") == "one line\nnext"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Kyiv’s", "kyiv"),
        ("Ukraine's", "ukraine"),
        ("1,500", "1500"),
        ("U.S.", "usa"),
        ("US", "usa"),
        ("us", "us"),
        ("Cease-Fire", "cease-fire"),
        ("won’t", "won't"),
    ],
)
def test_base_form(word, expected):
    assert base_form(word) == expected


def test_variant_table_is_case_insensitive_and_order_free():
    table = VariantTable([("Kyiv", "Kiev"), ("kiev", "KYIV")])
    assert table.key("kyiv") == table.key("kiev") == "kiev"
    assert VariantTable([("Kiev", "Kyiv")]).key("kyiv") == "kiev"
    assert table.are_variants("Kyiv", "KIEV")
    assert not table.are_variants("Kyiv", "kyiv’s")  # the same word, not a variant
    assert not table.are_variants("Kyiv", "Lviv")


def test_variant_classes_are_transitive():
    table = VariantTable([("Zelenskyy", "Zelensky"), ("Zelensky", "Zelenskiy")])
    assert table.are_variants("Zelenskyy", "Zelenskiy")


def test_built_in_table_plus_caller_pairs():
    table = VariantTable.with_extra({"Lvov": "Lviv"})
    assert table.are_variants("Kyiv", "Kiev")
    assert table.are_variants("cease-fire", "ceasefire")
    assert table.are_variants("defence", "defense")
    assert table.are_variants("Lviv", "Lvov")
    assert not VariantTable.with_extra().are_variants("Lviv", "Lvov")


def test_tokens_keep_offsets_and_carry_variant_keys():
    table = VariantTable.with_extra()
    text = "In Kiev, 1,500 people met on Oct. 1 near the U.S. embassy."
    tokens = tokenize(text, table)
    assert all(text[t.start : t.end] == t.surface for t in tokens)
    surfaces = [t.surface for t in tokens]
    assert "1,500" in surfaces
    assert "U.S." in surfaces
    kiev = next(t for t in tokens if t.surface == "Kiev")
    assert kiev.key == table.key("kyiv")


def test_content_words():
    assert is_content("harbour")
    assert not is_content("the")
    assert not is_content("however")
