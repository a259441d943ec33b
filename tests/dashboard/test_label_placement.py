"""Labels beside scatter points (dashboard/charts/labels.py): no two overlap and none runs past the plot.

The witness is a hand computation of where Plotly prints a label: a "top center" text is centred over its marker,
"middle right" starts right of it, and two labels overlap when their boxes share area. The browser test
(tests/browser/test_legibility_browser.py) measures the rendered labels of the Embeddings page themselves.
"""

from __future__ import annotations

import numpy as np
import pytest

from dashboard.charts.embeddings import pca_scatter
from dashboard.charts.labels import Placement, overlapping_pairs, place_labels

WIDTH, HEIGHT, TEXT_PX = 300.0, 400.0, 14.0


def test_two_close_points_get_labels_that_do_not_cover_each_other():
    # 0.05 of a 1.0 span apart across 300 px: about 15 px between the markers, while "because (9)" is about
    # 11 characters x 7.7 px = 85 px wide, so both printed "top center" would share 70 px of their width.
    coords = np.array([[0.0, 0.0], [0.5, 0.0], [0.55, 0.0], [1.0, 1.0]])
    labels = ["the (1)", "because (9)", "animal (2)", "it (10)"]
    placed = place_labels(coords, labels, WIDTH, HEIGHT, TEXT_PX)
    naive = Placement(["top center"] * 4, [None] * 4, placed.x_range, placed.y_range)  # Plotly's one position
    assert (1, 2) in overlapping_pairs(coords, labels, naive, WIDTH, HEIGHT, TEXT_PX)
    assert overlapping_pairs(coords, labels, placed, WIDTH, HEIGHT, TEXT_PX) == []
    assert placed.positions[1] != placed.positions[2]


def test_a_label_printed_outwards_at_the_edge_stays_inside_the_range():
    coords = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 0.05]])  # the right two crowd each other
    labels = ["a (0)", "animal (2)", "street (8)"]
    placed = place_labels(coords, labels, WIDTH, HEIGHT, TEXT_PX)
    scale = WIDTH / (placed.x_range[1] - placed.x_range[0])  # px per data unit
    for xy, label, position, offset in zip(coords, labels, placed.positions, placed.offsets):
        width = 0.55 * TEXT_PX * len(label)  # by hand: Source Sans, about 0.55 em a character
        if position is None:  # on a leader line: its centre is offset from the point
            right = xy[0] * scale + offset[0] + width / 2
        else:
            right = xy[0] * scale + {"right": width + 8, "center": width / 2, "left": 0}[position.split()[1]]
        assert right <= placed.x_range[1] * scale + 1, (label, position)


def test_the_lecture_sentence_labels_do_not_overlap_at_either_text_size():
    rng = np.random.default_rng(3)
    tokens = "[CLS] the animal didn ' t cross the street because it was too tired . [SEP]".split()
    labels = [f"{t} ({i})" for i, t in enumerate(tokens)]
    coords = rng.normal(size=(len(tokens), 2))
    coords[11] = coords[8] + [0.05, 0.02]  # "was (11)" next to "street (8)", as the walk found them
    for text_px, width in ((14, 315), (18, 567)):
        placed = place_labels(coords, labels, width, HEIGHT, text_px)
        assert overlapping_pairs(coords, labels, placed, width, HEIGHT, text_px) == [], text_px


def test_pca_scatter_uses_the_placement_and_its_ranges():
    coords = np.array([[0.0, 0.0], [0.5, 0.0], [0.55, 0.0], [1.0, 1.0]], dtype=np.float32)
    fig = pca_scatter({1: (coords, np.array([0.5, 0.2]))}, ["the", "because", "animal", "it"], np.zeros(4))
    beside = [text for text in fig.data[0].text if text]  # the others hang on leader lines (annotations)
    hung = [note.text for note in fig.layout.annotations if note.showarrow]
    assert sorted(beside + hung) == sorted(["the (0)", "because (1)", "animal (2)", "it (3)"])
    assert fig.layout.xaxis.range[1] > 1.0 and fig.layout.xaxis.range[0] < 0.0


def test_past_the_cap_every_label_sits_above_its_point_and_the_ranges_hold_the_points():
    """A pasted text cut to 512 tokens gave the search 512 labels: 124 s of CPU for one map. Past MAX_PLACED the
    search is not run."""
    import numpy as np

    from dashboard.charts.labels import MAX_PLACED, place_labels

    coords = np.random.default_rng(0).normal(size=(MAX_PLACED + 1, 2)) * 1e-3  # a pile, the search's worst case
    placement = place_labels(coords, [f"street ({i})" for i in range(len(coords))], 700, 500)
    assert placement.positions == ["top center"] * len(coords) and placement.offsets == [None] * len(coords)
    assert placement.x_range[0] < coords[:, 0].min() and placement.x_range[1] > coords[:, 0].max()
    assert placement.y_range[0] < coords[:, 1].min() and placement.y_range[1] > coords[:, 1].max()


@pytest.mark.parametrize("count", [1, 2, 5, 13, 26, 40, 96])
def test_the_vectorised_search_places_every_label_where_the_first_one_did(count):
    """The witness is the search as first written (tests/support/reference_labels.py): every label's turn
    computed on its own. Spread, crowded-in-a-line and rounded (tied) points, at both text sizes; positions,
    leader offsets and ranges must be equal, not close."""
    from tests.support.reference_labels import place_labels as first_written

    rng = np.random.default_rng(count)
    words = "[CLS] the animal didn ' t cross street because it was too tired 고양이 ##ing [SEP]".split()
    labels = [f"{words[rng.integers(len(words))]} ({i})" for i in range(count)]
    layouts = (rng.normal(size=(count, 2)), rng.random((count, 2)) * [1.0, 0.05],
               np.round(rng.normal(size=(count, 2)), 1))
    for coords in layouts:
        for text_px, width in ((14, 296), (18, 567)):
            expected = first_written(coords, labels, width, HEIGHT, text_px)
            assert place_labels(coords, labels, width, HEIGHT, text_px) == expected, (count, text_px)


def test_leader_annotations_are_the_ones_add_annotation_gives_each_panel():
    """Added in one go, each leader references its own panel's axes as Plotly's ``add_annotation(row, col)`` would."""
    from plotly.subplots import make_subplots

    from dashboard.charts.labels import leader_annotation

    rng = np.random.default_rng(5)
    coords = (rng.random((30, 2)) * [1.0, 0.1]).astype(np.float32)  # crowded: some labels hang on leader lines
    panels = {0: (coords, np.array([0.5, 0.2])), 3: (coords[::-1].copy(), np.array([0.4, 0.3]))}
    tokens = [f"w{i}" for i in range(30)]
    fig = pca_scatter(panels, tokens, np.zeros(30))
    witness = make_subplots(rows=1, cols=2)
    panel_px = (780 - 80) * (1 - 0.1) / 2  # pca_scatter's default page width, less the y labels, two panels
    for col, (points, _) in enumerate(panels.values(), start=1):
        placement = place_labels(points, [f"{t} ({i})" for i, t in enumerate(tokens)], panel_px, 400, 14)
        for (x, y), i, offset in zip(points, range(30), placement.offsets):
            if offset is not None:
                witness.add_annotation(leader_annotation(x, y, f"w{i} ({i})", offset, 14), row=1, col=col)
    leaders = [note.to_plotly_json() for note in fig.layout.annotations if note.showarrow]
    assert leaders and leaders == [note.to_plotly_json() for note in witness.layout.annotations]
