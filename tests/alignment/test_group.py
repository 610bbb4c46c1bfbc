"""group: passages across versions, built version by version."""

from stories.alignment.group import build_passages
from stories.alignment.match import Vectorizer, features
from stories.text.normalize import VariantTable

TABLE = VariantTable.with_extra()

BASE = [
    "Dock workers at the port of Valmora walked off the job on Tuesday.",
    "The strike began after talks over pay and night shifts collapsed.",
    "Union leader Marta Keskin said the walkout would last three days.",
    "The port authority called the strike unlawful and will seek an injunction.",
    "Nineteen ships were waiting at anchor outside the breakwater by midday.",
]


def group(story: dict[str, list[str]], order=None):
    counts = {v: [features(s, TABLE) for s in sents] for v, sents in story.items()}
    fitted = Vectorizer(counts)
    vectors = {v: [fitted.vector(c) for c in cs] for v, cs in counts.items()}
    return build_passages(vectors, order=order or list(story))


def passages_of(grouping) -> set[frozenset]:
    return {frozenset(p) for p in grouping.passages}


def test_copies_pair_sentence_by_sentence():
    grouping = group({"a": BASE, "b": list(BASE)})
    assert passages_of(grouping) == {frozenset({("a", i), ("b", i)}) for i in range(len(BASE))}


def test_reordered_version_still_pairs_by_content():
    moved = [BASE[3], BASE[4], BASE[0], BASE[1], BASE[2]]
    grouping = group({"a": BASE, "b": moved})
    where = {BASE.index(s): j for j, s in enumerate(moved)}
    assert passages_of(grouping) == {frozenset({("a", i), ("b", where[i])}) for i in where}


def test_repeated_sentences_pair_in_order():
    repeated = [BASE[0], BASE[1], BASE[0], BASE[1]]
    grouping = group({"a": repeated, "b": list(repeated)})
    assert passages_of(grouping) == {frozenset({("a", i), ("b", i)}) for i in range(4)}


def test_a_split_sentence_joins_one_passage():
    split = [
        BASE[0],
        "Talks over pay collapsed on Monday night.",
        "The strike began after the talks over night shifts failed.",
        BASE[2],
    ]
    grouping = group({"a": BASE[:3], "b": split})
    assert frozenset({("a", 1), ("b", 1), ("b", 2)}) in passages_of(grouping)


def test_folded_sentences_merge_passages_when_few_versions_carry_them():
    folded = [
        BASE[0],
        BASE[1].rstrip(".") + ", and union leader Marta Keskin said the walkout "
        "would last three days.",
    ]
    grouping = group({"a": BASE[:3], "b": folded})
    assert frozenset({("a", 1), ("a", 2), ("b", 1)}) in passages_of(grouping)


def test_one_folding_version_among_many_does_not_merge_passages():
    story = {f"c{n}": list(BASE[:3]) for n in range(8)}
    story["fold"] = [
        BASE[0],
        BASE[1].rstrip(".") + ", and union leader Marta Keskin said the "
        "walkout would last three days.",
    ]
    grouping = group(story)
    assert sorted(len(p) for p in grouping.passages) == [8, 9, 9]
    (left_out,) = [i for i, p in enumerate(grouping.passages) if len(p) == 8]
    (holder,) = [i for i, p in enumerate(grouping.passages) if ("fold", 1) in p]
    assert grouping.folded == {left_out: {"fold": holder}}


def test_same_beat_sentence_with_other_facts_starts_its_own_passage():
    """Shared names are not shared content. (Right beside its namesake such a
    sentence would pass for the second half of a split: a known limit.)"""
    confuser = "Marta Keskin was first elected union leader in 2017 after years on the cranes."
    grouping = group({"a": BASE, "b": [*BASE, confuser]})
    assert frozenset({("b", 5)}) in passages_of(grouping)


def test_a_version_sharing_nothing_only_adds_its_own_passages():
    story = {"a": BASE, "b": BASE[1:]}
    stranger = ["Zebras graze near the quartz quarry.", "Violins echo through the tundra."]
    before = passages_of(group(story))
    after = passages_of(group({**story, "z": stranger}, order=["z", "a", "b"]))
    assert after - before == {frozenset({("z", 0)}), frozenset({("z", 1)})}


def test_two_runs_that_copy_each_other_settle_in_one_piece():
    """A passage divided at a version with two runs (its sentences 0 and 2):
    a reference sentence and another outlet's near-copy of it each lean a
    little to a different seed; weighed one move at a time they end up
    together, instead of swapping pieces every round and parting."""
    from stories.alignment.group import _pieces
    from stories.alignment.match import unit

    vectors = {
        "split": [unit({"first": 1.0}), unit({"other": 1.0}), unit({"second": 1.0})],
        "ref": [unit({"first": 0.21, "second": 0.17, "shared": 0.5, "ref-c": 0.35, "ref": 0.7})],
        "copy": [unit({"first": 0.13, "second": 0.15, "shared": 0.5, "copy-c": 0.25, "copy": 0.8})],
        "third": [unit({"second": 0.2, "ref-c": 0.35, "copy-c": 0.25, "third": 0.85})],
    }
    members = (("copy", 0), ("ref", 0), ("split", 0), ("split", 2), ("third", 0))
    pieces = _pieces(members, vectors)
    assert len(pieces) == 2
    assert any({("ref", 0), ("copy", 0)} <= set(piece) for piece in pieces)


def test_the_runs_the_other_outlets_agree_on_go_with_the_seed_matching_them_all():
    """A passage divided at an outlet with two runs (its sentences 0 and 2):
    the reference leans a little to sentence 0, which shares a stock phrase
    with it, and settled one run at a time from the seeds alone, the other
    outlets' members gather round it; together they match sentence 2 better
    (they share its remark), so the group goes with sentence 2."""
    from stories.alignment.group import _pieces
    from stories.alignment.match import unit

    vectors = {
        "b": [unit({"stock": 1.0}), unit({"other": 1.0}), unit({"remark": 1.0, "fee": 0.5})],
        "r": [unit({"stock": 0.6, "remark": 0.9, "said": 0.9, "fee": 0.1})],
        "c": [unit({"said": 0.5, "fee": 0.1})],
        "d": [unit({"stock": 0.4, "said": 0.8, "fee": 0.7})],
    }
    members = (("b", 0), ("b", 2), ("c", 0), ("d", 0), ("r", 0))
    assert sorted(_pieces(members, vectors)) == [
        (("b", 0),),
        (("b", 2), ("c", 0), ("d", 0), ("r", 0)),
    ]


def test_a_weak_far_match_gives_way_to_the_passage_between_its_neighbours():
    """A rewrite of the sentence between two linked neighbours stays in their
    stretch of the story when it matches that passage about as well as a far
    one it shares a few beat words with ("authority", "unlawful")."""
    far = [
        "Shipping lines have begun rerouting cargo to the northern terminals.",
        "Fishermen were told to use the old harbour until further notice.",
    ]
    first = [BASE[0], BASE[1], BASE[2], BASE[4], *far, BASE[3]]
    rewrite = "Talks over pay collapsed and the authority called the walkout unlawful."
    grouping = group({"a": first, "b": [BASE[0], rewrite, BASE[2]]})
    assert frozenset({("a", 1), ("b", 1)}) in passages_of(grouping)


def test_a_sentence_between_two_of_one_passage_joins_it():
    """An outlet's sentences 0 and 2 went to one passage; sentence 1, a weak
    match of it, joins them (the member stays a run of its version) rather
    than staying out for a far passage it shares a word or two with."""
    from stories.alignment.group import LOCAL_SCORE, _place_by_context

    home = {0: 4, 2: 4}
    scores = {0: {4: 0.6}, 1: {9: 0.2, 4: LOCAL_SCORE + 0.02}, 2: {4: 0.5}}
    _place_by_context(
        home, scores, prefer=lambda i, pid: 0.0, local_score=LOCAL_SCORE, peer_score=0.15
    )
    assert home[1] == 4


def test_a_sentence_between_two_of_one_passage_needs_a_match_of_it():
    """A sentence of the outlet's own between them (sharing nothing with the
    passage) stays out: it is the outlet's addition."""
    from stories.alignment.group import LOCAL_SCORE, _place_by_context

    home = {0: 4, 2: 4}
    scores = {0: {4: 0.6}, 1: {9: 0.2}, 2: {4: 0.5}}
    _place_by_context(
        home, scores, prefer=lambda i, pid: 0.0, local_score=LOCAL_SCORE, peer_score=0.15
    )
    assert 1 not in home


# A running story in one template: each day's storm damage, with its day
# and its count.
STORM = [
    "Fishing crews in the harbour of Tarsk stayed ashore for a second day on Thursday.",
    "Storm winds sank nine small boats at their moorings on Wednesday, the coast guard said.",
    "The regional governor promised compensation for the owners.",
]
LATER = [
    "Fishing crews in the harbour of Tarsk returned to sea on Saturday after the storm.",
    "Storm winds on Monday sank four boats in the outer basin, local fishermen said.",
    "Owners were promised compensation by the regional governor.",
]


def group_with_facts(story: dict[str, list[str]]):
    from stories.alignment.pipeline import _facts

    counts = {v: [features(s, TABLE) for s in sents] for v, sents in story.items()}
    fitted = Vectorizer(counts)
    vectors = {v: [fitted.vector(c) for c in cs] for v, cs in counts.items()}
    facts = {v: [_facts(s, "") for s in sents] for v, sents in story.items()}
    return build_passages(vectors, order=list(story), facts=facts)


def together(grouping, first, second) -> bool:
    return any(first in p and second in p for p in grouping.passages)


def test_a_weak_match_with_another_day_and_another_count_is_another_event():
    grouping = group_with_facts({"a": STORM, "b": LATER})
    assert not together(grouping, ("a", 1), ("b", 1))
    assert together(grouping, ("a", 2), ("b", 2))


def test_a_weak_match_changing_the_count_alone_still_links():
    changed = [LATER[0], LATER[1].replace("Monday", "Wednesday"), LATER[2]]
    assert together(group_with_facts({"a": STORM, "b": changed}), ("a", 1), ("b", 1))


def test_a_weak_match_changing_the_day_alone_still_links():
    changed = [LATER[0], LATER[1].replace("four", "nine"), LATER[2]]
    assert together(group_with_facts({"a": STORM, "b": changed}), ("a", 1), ("b", 1))


BULLETS = [
    "- The fire service has opened an inquiry into the warehouse blaze.",
    "- The owner of the warehouse was questioned by police on Monday.",
    "- Firefighters kept the flames from spreading to nearby homes.",
]
MORE_BULLETS = [
    "- The fire service is looking into the warehouse blaze.",
    "- A team of fire service inspectors has been sent to the burnt-out warehouse site.",
    BULLETS[1],
    BULLETS[2],
]


def vectors_of(story: dict[str, list[str]]):
    counts = {v: [features(s, TABLE) for s in sents] for v, sents in story.items()}
    fitted = Vectorizer(counts)
    return {v: [fitted.vector(c) for c in cs] for v, cs in counts.items()}


def test_a_weakly_matching_sentence_joins_its_neighbours_passage():
    grouping = build_passages(vectors_of({"a": BULLETS, "b": MORE_BULLETS}), order=["a", "b"])
    assert together(grouping, ("a", 0), ("b", 1))


def test_a_bullet_line_gets_no_support_from_its_neighbour():
    """Each line of a bulleted list is a fact of its own: a weak match next
    to a linked line is another fact, not the rest of a split sentence."""
    story = {"a": BULLETS, "b": MORE_BULLETS}
    items = {v: [True] * len(sents) for v, sents in story.items()}
    grouping = build_passages(vectors_of(story), order=["a", "b"], items=items)
    assert not together(grouping, ("a", 0), ("b", 1))
    assert together(grouping, ("a", 0), ("b", 0))


def test_a_rewrite_sharing_only_a_quoted_run_joins_the_remark_it_quotes():
    """Two outlets' wordings of one remark share little but the speaker's
    words that one of them quotes ("through late October"): the
    run of words lets the rewrite past the shared-words floor and into the
    passage, though it matches weakly."""
    from stories.alignment.match import analyse, quoted_phrases

    story = {
        "a": [
            "The mayor opened the new bridge over the river on Tuesday.",
            "Engineers will keep the old ferry running through late October for harvest traffic.",
            "Tolls are to start next year.",
        ],
        "b": [
            "A new bridge across the river opened on Tuesday.",
            'Its crews are to stay on "through late October," one official added.',
        ],
    }
    analysed = {s: analyse(s, TABLE) for sents in story.values() for s in sents}
    quoted_phrases(analysed, TABLE)
    fitted = Vectorizer({v: [analysed[s][0] for s in sents] for v, sents in story.items()})
    vectors = {v: [fitted.vector(analysed[s][0]) for s in sents] for v, sents in story.items()}
    grouping = build_passages(vectors, order=list(story))
    assert together(grouping, ("a", 1), ("b", 1))
    plain = {v: [fitted.vector(analyse(s, TABLE)[0]) for s in sents] for v, sents in story.items()}
    assert not together(build_passages(plain, order=list(story)), ("a", 1), ("b", 1))


def test_an_unplaced_sentence_goes_to_the_one_passage_sharing_its_quoted_run():
    from stories.alignment.group import LOCAL_SCORE, _Passage, _place_by_quotes

    run = "«through late october»"
    quoting, other = _Passage(anchor=0.0, seed={}), _Passage(anchor=0.5, seed={})
    quoting.add(("a", 3), {run: 0.4, "ferry": 0.9})
    other.add(("a", 5), {"ferry": 1.0})
    passages = {4: quoting, 7: other}
    vectors = [{}, {run: 0.5, "crews": 0.8}]
    home: dict[int, int] = {}
    _place_by_quotes(
        home, {1: {4: LOCAL_SCORE + 0.01, 7: 0.3}}, vectors, passages, local_score=LOCAL_SCORE
    )
    assert home == {1: 4}
    both = _Passage(anchor=0.9, seed={})
    both.add(("a", 8), {run: 1.0})
    passages[9] = both
    home = {}
    _place_by_quotes(home, {1: {4: 0.2, 9: 0.2}}, vectors, passages, local_score=LOCAL_SCORE)
    assert home == {}


# An outlet splitting the reference's long sentence 1 in two: the half it
# reworded shares only a few of its words ("pickets", "union", "port").
LONG = [
    BASE[0],
    "Pickets from the dockers' union now block the port gates, the cranes have stopped "
    "on every quay, and shippers warn that cargo meant for the region will sail to rival "
    "harbours further along the coast until the dispute ends.",
    BASE[2],
    BASE[3],
]
HALVES = [
    BASE[0],
    "The union's pickets, louder than ever with banners, drums and songs, kept watch "
    "at the port through the night.",
    "With the cranes stopped on every quay, shippers warn that cargo meant for the "
    "region will sail to rival harbours until the dispute ends.",
    BASE[2],
]


def test_a_weak_half_between_two_side_by_side_passages_joins_the_one_it_matches():
    """Its neighbours went to the reference's sentences 0 and 1, side by side:
    nothing of the story lies between them, and its best match, weak as it
    is (below LOCAL_SCORE), is sentence 1's passage."""
    from stories.alignment.group import LOCAL_SCORE
    from stories.alignment.match import cosine

    counts = {v: [features(s, TABLE) for s in sents] for v, sents in (("a", LONG), ("b", HALVES))}
    fitted = Vectorizer(counts)
    assert 0 < cosine(fitted.vector(counts["a"][1]), fitted.vector(counts["b"][1])) < LOCAL_SCORE
    grouping = group({"a": LONG, "b": HALVES})
    assert frozenset({("a", 1), ("b", 1), ("b", 2)}) in passages_of(grouping)


def test_a_bullet_line_between_two_side_by_side_passages_stays_out():
    """A line of a bulleted list is a fact of its own, no half of a split."""
    counts = {v: [features(s, TABLE) for s in sents] for v, sents in (("a", LONG), ("b", HALVES))}
    fitted = Vectorizer(counts)
    vectors = {v: [fitted.vector(c) for c in cs] for v, cs in counts.items()}
    items = {"a": [False] * 4, "b": [False, True, False, False]}
    grouping = build_passages(vectors, order=["a", "b"], items=items)
    assert frozenset({("b", 1)}) in passages_of(grouping)


# An outlet's rewrite of the reference's sentence 1: it shares three words
# with it ("pay", "night", "strike") among many of its own, too few for a
# link of its own (below MIN_SCORE) and, with no sentence of its version in
# that passage yet, no neighbour's support either.
REWORDED = (
    "Members were angry at months of delay on pay, and once the night rosters were "
    "posted with no warning, the strike was only a matter of hours away, several "
    "veteran crane drivers and younger lashers told local radio reporters outside "
    "the rusting gates beside the old customs house."
)


def test_a_weak_rewrite_fills_the_passage_its_version_skips_between_two_it_carries():
    """The version carries the passages on both sides of sentence 1 and the
    rewrite sits beside one of them: it is sentence 1, reworded, whether it
    stands in sentence 1's place or one place on (two sentences swapped)."""
    from stories.alignment.group import MIN_SCORE
    from stories.alignment.match import cosine

    counts = {
        v: [features(s, TABLE) for s in sents] for v, sents in (("a", BASE), ("b", [REWORDED]))
    }
    fitted = Vectorizer(counts)
    assert 0 < cosine(fitted.vector(counts["a"][1]), fitted.vector(counts["b"][0])) < MIN_SCORE
    in_place = group({"a": BASE, "b": [BASE[0], REWORDED, *BASE[2:]]})
    assert frozenset({("a", 1), ("b", 1)}) in passages_of(in_place)
    swapped = group({"a": BASE, "b": [BASE[0], BASE[2], REWORDED, *BASE[3:]]})
    assert frozenset({("a", 1), ("b", 2)}) in passages_of(swapped)


def test_a_weak_rewrite_away_from_the_gap_or_without_one_stays_its_own():
    """With the passage before sentence 1 left out there is no gap; moved to
    the end, the rewrite sits beside neither of the gap's neighbours."""
    no_gap = group({"a": BASE, "b": [REWORDED, *BASE[2:]]})
    assert frozenset({("b", 0)}) in passages_of(no_gap)
    far = group({"a": BASE, "b": [BASE[0], *BASE[2:], REWORDED]})
    assert frozenset({("b", 4)}) in passages_of(far)
