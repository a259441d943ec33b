"""Labels beside the points of a scatter map (the PCA maps), placed so that no two overlap and none runs past the
plot's edge.

Plotly prints a point's text at one of nine positions around its marker and does not move it out of a neighbour's
way. Here each label gets, of eight positions beside its marker and sixteen further out on a thin leader line,
the one whose box overlaps the fewest other labels and markers (the nearer the better), and the axis ranges grow
until every box lies inside them. The boxes are measured in screen pixels for the panel size the figure is planned
for, with the text size it will be shown at: a wider panel only moves the points apart.
Pure: coordinates and strings in, positions and ranges out.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np

# Plotly text positions beside the marker, most natural first; a tie keeps the earlier one.
POSITIONS = ("top center", "bottom center", "middle right", "middle left",
             "top right", "top left", "bottom right", "bottom left")
# Further out, on a leader line: unit directions (x right, y up), in rings of LEADER_RINGS line heights.
DIRECTIONS = ((1, 0), (-1, 0), (0, 1), (0, -1), (0.7, 0.7), (-0.7, 0.7), (0.7, -0.7), (-0.7, -0.7))
LEADER_RINGS = (1.2, 2.4, 3.6)
LEADER_COST_PX2 = 4.0  # a leader line (per ring) costs as much as this much overlap (px²): taken only to clear one
LEADER_COLOUR = "#777777"  # the thin line from a point to a label moved out of a crowd
PAD = 0.06  # share of each axis's span left empty around the points, before any label is counted
GAP_PX = 3  # between a marker's edge and its label
TOUCH_PX = 2.0  # boxes sharing less than this, either way, do not overlap
LINE_EM = 1.4  # a label's box height, in font sizes: Chromium's text box of a 14 px Plotly label is 19 px (1.36 em)
# Past this many labels the search is not run: its untangling step grows with the cube of the count (0.2 s of
# CPU at 96 labels, 124 s at 512: a 3,000-word paste cut to 512 tokens), and a map of hundreds of labels is a
# cloud no placement makes readable. Each label then sits above its point, as Plotly puts it.
MAX_PLACED = 96


@dataclass(frozen=True)
class Placement:
    positions: list[str | None]  # a Plotly textposition per point, None where the label hangs on a leader line
    offsets: list[tuple[float, float] | None]  # the leader's label centre from its point, px (x right, y up)
    x_range: tuple[float, float]  # axis ranges holding every point and every label box
    y_range: tuple[float, float]


def text_width_px(text: str, text_px: float) -> float:
    """Rendered width of ``text``: about 0.55 em per Latin character (the dashboard's Source Sans), 1 em per
    wide character (Hangul, CJK)."""
    wide = sum(unicodedata.east_asian_width(c) in "WF" for c in text)
    return text_px * (0.55 * (len(text) - wide) + 1.0 * wide)


def label_box(position: str, width: float, height: float, radius: float) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of a label in pixels relative to its point, y up, for a Plotly textposition."""
    vertical, horizontal = position.split()
    reach = radius + GAP_PX
    if horizontal == "center":
        left = -width / 2
    elif horizontal == "right":
        left = reach if vertical == "middle" else 0.0
    else:
        left = -width - (reach if vertical == "middle" else 0.0)
    if vertical == "middle":
        bottom = -height / 2
    elif vertical == "top":
        bottom = reach
    else:
        bottom = -reach - height
    return left, bottom, left + width, bottom + height


def _candidates(width: float, height: float, radius: float, rings=LEADER_RINGS) -> tuple[np.ndarray, list]:
    """Every place a label may take: boxes (K, 4) relative to its point, and what each is (a textposition, or
    the leader's label centre offset)."""
    boxes, kinds = [label_box(p, width, height, radius) for p in POSITIONS], list(POSITIONS)
    for ring in rings:
        distance = radius + GAP_PX + ring * height
        for ux, uy in DIRECTIONS:
            cx, cy = ux * (distance + width / 2), uy * (distance + height / 2)
            boxes.append((cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2))
            kinds.append((cx, cy))
    return np.array(boxes), kinds


def _overlap(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Overlap areas of boxes ``a`` (..., 4) with boxes ``b`` (N, 4), boxes as (left, bottom, right, top): shape
    (..., N). The first TOUCH_PX each way does not count (a text box's line spacing holds no ink)."""
    a = a[..., None, :]
    width = np.maximum(np.minimum(a[..., 2], b[:, 2]) - np.maximum(a[..., 0], b[:, 0]) - TOUCH_PX, 0.0)
    height = np.maximum(np.minimum(a[..., 3], b[:, 3]) - np.maximum(a[..., 1], b[:, 1]) - TOUCH_PX, 0.0)
    return width * height


def _outside(boxes: np.ndarray, width_px: float, height_px: float) -> np.ndarray:
    """Area of each box (..., 4) past the plot area [0, width] × [0, height]: room the axis ranges would have to
    grow by."""
    inside_w = np.maximum(np.minimum(boxes[..., 2], width_px) - np.maximum(boxes[..., 0], 0.0), 0.0)
    inside_h = np.maximum(np.minimum(boxes[..., 3], height_px) - np.maximum(boxes[..., 1], 0.0), 0.0)
    return (boxes[..., 2] - boxes[..., 0]) * (boxes[..., 3] - boxes[..., 1]) - inside_w * inside_h


def _extra(K: int) -> np.ndarray:
    """(K,) what each place costs by itself: a hair per step down POSITIONS (a tie keeps the earlier one), a
    leader line LEADER_COST_PX2 per ring."""
    return np.array([1e-3 * k if k < len(POSITIONS) else LEADER_COST_PX2 * (1 + (k - len(POSITIONS)) // 8)
                     for k in range(K)])


def _others(N: int) -> np.ndarray:
    """(N, N - 1) indices: row i lists every label but i, in order."""
    after = np.arange(1, N)[None, :]  # (1, N - 1)
    return after - (after <= np.arange(N)[:, None])


@dataclass(frozen=True)
class _SweepCosts:
    """What each place costs at one scale, apart from the other labels' places (which move during a sweep):
    computed once per scale for every label and place, instead of again at each label's turn in each sweep."""

    boxes: np.ndarray  # (N, K, 4) every place's box, absolute px
    markers: np.ndarray  # (N, K) overlap with the other labels' markers, summed
    outside: np.ndarray  # (N, K) area past the plot, weighted
    extra: np.ndarray  # (K,)
    others: np.ndarray  # (N, N - 1)


def _sweep_costs(at_px: np.ndarray, candidates: np.ndarray, radius: float, width_px: float, height_px: float,
                 outside_weight: float) -> _SweepCosts:
    N, K = candidates.shape[:2]
    markers = np.concatenate([at_px - radius, at_px + radius], axis=1)  # (N, 4)
    boxes = candidates + np.tile(at_px, (1, 2))[:, None, :]  # (N, K, 4), absolute
    others = _others(N)
    marker_overlap = np.take_along_axis(_overlap(boxes, markers), others[:, None, :], axis=2)  # (N, K, N - 1)
    return _SweepCosts(boxes, marker_overlap.sum(-1), outside_weight * _outside(boxes, width_px, height_px),
                       _extra(K), others)


def _choose(costs: _SweepCosts, chosen: list[int], order) -> list[int]:
    """One sweep: each label in turn takes the place overlapping the other labels and the markers least, running
    least past the plot area (which would shrink the whole map), and nearest its point."""
    placed = costs.boxes[np.arange(len(chosen)), chosen]  # (N, 4)
    for i in order:
        total = (_overlap(costs.boxes[i], placed[costs.others[i]]).sum(-1) + costs.markers[i] + costs.outside[i]
                 + costs.extra)  # (K,)
        chosen[i] = int(np.argmin(total))
        placed[i] = costs.boxes[i, chosen[i]]
    return chosen


def _sweep_until_still(costs: _SweepCosts, chosen: list[int], order, sweeps: int = 10) -> list[int]:
    """Sweeps at one scale until no label moves."""
    for _ in range(sweeps):
        before = list(chosen)
        chosen = _choose(costs, chosen, order)
        if chosen == before:
            break
    return chosen


def _untangle(at_px: np.ndarray, candidates: np.ndarray, radius: float, chosen: list[int], width_px: float,
              height_px: float) -> list[int]:
    """Two labels still overlapping after the sweeps (each at its best given the other) choose their places
    together: every pair of places, the pair costing least."""
    N, K = candidates.shape[:2]
    markers = np.concatenate([at_px - radius, at_px + radius], axis=1)  # (N, 4)
    extra = _extra(K)
    boxes = candidates + np.tile(at_px, (1, 2))[:, None, :]  # (N, K, 4)
    placed = boxes[np.arange(N), chosen]  # (N, 4)
    pairs = _overlap(placed, placed)  # (N, N), kept current as pairs choose again
    for i in range(N):
        for j in range(i + 1, N):
            if pairs[i, j] == 0:
                continue
            rest = [n for n in range(N) if n not in (i, j)]
            placed_rest = boxes[rest, [chosen[n] for n in rest]]  # (N - 2, 4)
            alone = [_overlap(boxes[n], placed_rest).sum(-1) + _overlap(boxes[n], np.delete(markers, n, 0)).sum(-1)
                     + 1e3 * _outside(boxes[n], width_px, height_px) + extra for n in (i, j)]  # 2 × (K,)
            joint = alone[0][:, None] + alone[1][None, :] + _overlap(boxes[i], boxes[j])  # (K, K)
            chosen[i], chosen[j] = (int(k) for k in np.unravel_index(np.argmin(joint), joint.shape))
            for n in (i, j):
                placed[n] = boxes[n, chosen[n]]
                pairs[n, :] = pairs[:, n] = _overlap(placed[n], placed)
    return chosen


def place_labels(coords, labels: list[str], width_px: float, height_px: float, text_px: float = 14,
                 marker_px: float = 10, sweeps: int = 8, rings=LEADER_RINGS) -> Placement:
    """A place for each point's label and axis ranges for a ``width_px`` × ``height_px`` plot area, labels of
    ``text_px``; coords (N, 2) in data units. ``rings``: how far out leader lines may reach, in line heights."""
    coords = np.asarray(coords, dtype=np.float64).reshape(-1, 2)  # (N, 2)
    N = len(coords)
    if N == 0:
        return Placement([], [], (0.0, 1.0), (0.0, 1.0))
    if N > MAX_PLACED:
        ranges = _ranges(coords, np.zeros((N, 4)), np.ones(2))
        return Placement(["top center"] * N, [None] * N, tuple(ranges[0]), tuple(ranges[1]))
    radius = marker_px / 2
    built = [_candidates(text_width_px(str(label), text_px), LINE_EM * text_px, radius, rings) for label in labels]
    candidates = np.stack([boxes for boxes, _ in built])  # (N, K, 4)
    chosen, order = [0] * N, np.arange(N)
    size_px = np.array([width_px, height_px])
    ranges = _ranges(coords, np.zeros((N, 4)), np.ones(2))
    for _ in range(sweeps):
        at_px = (coords - ranges[:, 0]) * size_px / (ranges[:, 1] - ranges[:, 0])
        near = np.linalg.norm(at_px[:, None] - at_px[None], axis=-1) < 2 * LINE_EM * text_px  # (N, N)
        order = np.argsort(-near.sum(1), kind="stable")
        # Crowded points (most neighbours within two line heights) choose first, while there is room around them.
        chosen = _sweep_until_still(_sweep_costs(at_px, candidates, radius, width_px, height_px, 0.5), chosen,
                                    order)
        # The ranges grow to hold the boxes; at the new scale the boxes take a little more room: solve again,
        # then choose again at that scale, until the ranges stand still.
        boxes = candidates[np.arange(N), chosen]
        grown = ranges
        for _ in range(6):
            grown = _ranges(coords, boxes, size_px / (grown[:, 1] - grown[:, 0]))
        settled = np.allclose(grown, ranges, rtol=0, atol=1e-3 * float(np.ptp(grown)))
        ranges = grown
        if settled:
            break
    # Last, at the final scale, the labels move only within the plot area, so the ranges stay as they are.
    at_px = (coords - ranges[:, 0]) * size_px / (ranges[:, 1] - ranges[:, 0])
    chosen = _sweep_until_still(_sweep_costs(at_px, candidates, radius, width_px, height_px, 1e3), chosen, order)
    chosen = _untangle(at_px, candidates, radius, chosen, width_px, height_px)
    kinds = [built[i][1][k] for i, k in enumerate(chosen)]
    return Placement([kind if isinstance(kind, str) else None for kind in kinds],
                     [None if isinstance(kind, str) else kind for kind in kinds], tuple(ranges[0]), tuple(ranges[1]))


def _ranges(coords: np.ndarray, boxes_px: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """(2, 2) axis ranges [[x0, x1], [y0, y1]] holding every point padded by PAD and every label box."""
    low, high = coords.min(0), coords.max(0)
    span = np.where(high > low, high - low, 1.0)
    low, high = low - PAD * span, high + PAD * span
    box_low = (coords + boxes_px[:, :2] / scale).min(0)
    box_high = (coords + boxes_px[:, 2:] / scale).max(0)
    return np.stack([np.minimum(low, box_low), np.maximum(high, box_high)], axis=1)


def label_boxes_px(coords, labels: list[str], placement: Placement, width_px: float, height_px: float,
                   text_px: float = 14, marker_px: float = 10) -> np.ndarray:
    """(N, 4) absolute pixel boxes of the placed labels (left, bottom, right, top), y up."""
    coords = np.asarray(coords, dtype=np.float64).reshape(-1, 2)
    ranges = np.array([placement.x_range, placement.y_range])
    at = (coords - ranges[:, 0]) * np.array([width_px, height_px]) / (ranges[:, 1] - ranges[:, 0])
    boxes = []
    for xy, label, position, offset in zip(at, labels, placement.positions, placement.offsets):
        width, height = text_width_px(str(label), text_px), LINE_EM * text_px
        if position is not None:
            box = np.array(label_box(position, width, height, marker_px / 2))
        else:
            box = np.array([offset[0] - width / 2, offset[1] - height / 2, offset[0] + width / 2,
                            offset[1] + height / 2])
        boxes.append(box + np.tile(xy, 2))
    return np.array(boxes)


def overlapping_pairs(coords, labels: list[str], placement: Placement, width_px: float, height_px: float,
                      text_px: float = 14, marker_px: float = 10) -> list[tuple[int, int]]:
    """Pairs of labels whose boxes overlap at that plot size: what ``place_labels`` tries to leave empty."""
    boxes = label_boxes_px(coords, labels, placement, width_px, height_px, text_px, marker_px)
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes))
            if _overlap(boxes[i], boxes[j:j + 1])[0] > 0]


def leader_annotation(x: float, y: float, text: str, offset: tuple[float, float], text_px: float) -> dict:
    """A Plotly annotation: ``text`` centred ``offset`` px (x right, y up) from the point (x, y), with a thin line
    back to the point."""
    return {"x": float(x), "y": float(y), "text": text, "ax": offset[0], "ay": -offset[1], "showarrow": True,
            "arrowhead": 0, "arrowwidth": 1, "arrowcolor": LEADER_COLOUR, "standoff": 5, "font": {"size": text_px}}
