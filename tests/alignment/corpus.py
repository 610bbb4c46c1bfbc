"""A small made-up story in three versions, written so that each kind of
divergence happens once on purpose (our own prose, not seed text)."""

from stories.alignment import Annotation, VersionInput

ORIGINAL = """\
Flood waters reached the old town of Kyiv-on-Lake on Sunday after three days of rain.

About 1,200 residents left their homes overnight, the regional emergency service said.

"We have never seen the river rise this fast," said mayor Olena Brandt at a briefing.

Engineers closed the north bridge and opened an emergency channel to relieve the dam.

The weather office expects the rain to ease by Tuesday, but warned of landslides in the hills.

Insurance companies said it was too early to estimate the cost of the damage."""

# A wire rewrite: a figure changed, the quote reworded, a variant spelling,
# the insurance paragraph left out, and a paragraph of its own added.
REWRITE = """\
Flood waters reached the old town of Kiev-on-Lake on Sunday after three days of rain.

About 900 residents left their homes overnight, the regional emergency service said.

"The river has never risen so quickly," said mayor Olena Brandt at a briefing.

Engineers closed the north bridge and opened an emergency channel to relieve the dam.

The weather office expects the rain to ease by Tuesday, but warned of landslides in the hills.

Volunteers from neighbouring villages brought sandbags and food to the shelters by the station."""

# A rewording outlet: same order and content, heavily paraphrased in one
# place, the figure dropped, the variant spelling again.
REWORDED = """\
Flood waters reached the old town of Kiev-on-Lake on Sunday after three days of rain.

Residents left their homes overnight, the regional emergency service said.

"We have never seen the river rise this fast," said mayor Olena Brandt at a briefing.

To relieve the dam, engineers dug an emergency channel after shutting the bridge to the north.

The weather office expects the rain to ease by Tuesday, but warned of landslides in the hills.

Insurance companies said it was too early to estimate the cost of the damage."""


def versions() -> list[VersionInput]:
    return [
        VersionInput("orig", ORIGINAL, label="Lake Herald"),
        VersionInput(
            "wire",
            REWRITE,
            label="Wire",
            annotations=(Annotation("editorial_note", "Updated with new figures", 120),),
        ),
        VersionInput("para", REWORDED, label="Paraphrase Daily"),
    ]


VARIANTS = {"Kyiv-on-Lake": "Kiev-on-Lake"}
