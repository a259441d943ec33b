"""The label placement as it was first written (dashboard/charts/labels.py before its sweeps were vectorised),
kept as the witness that the faster one places every label where this one did.

Each label's turn here recomputes its overlaps with every marker and its area past the plot, and the untangling
step checks every pair with its own call; the product computes what does not move during a sweep once per scale.
Only the search is kept here: the boxes, candidates and ranges are the product's own (unchanged) helpers.
"""

from __future__ import annotations

import numpy as np

from dashboard.charts.labels import (
    LEADER_COST_PX2,
    LEADER_RINGS,
    LINE_EM,
    MAX_PLACED,
    POSITIONS,
    TOUCH_PX,
    Placement,
    _candidates,
    _ranges,
    text_width_px,
)


def _overlap(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Overlap areas of boxes ``a`` (..., 4) with boxes ``b`` (N, 4), boxes as (left, bottom, right, top): shape
    (..., N). The first TOUCH_PX each way does not count (a text box's line spacing holds no ink)."""
    a = a[..., None, :]
    width = np.clip(np.minimum(a[..., 2], b[:, 2]) - np.maximum(a[..., 0], b[:, 0]) - TOUCH_PX, 0, None)
    height = np.clip(np.minimum(a[..., 3], b[:, 3]) - np.maximum(a[..., 1], b[:, 1]) - TOUCH_PX, 0, None)
    return width * height


def _outside(boxes: np.ndarray, width_px: float, height_px: float) -> np.ndarray:
    """Area of each box (K, 4) past the plot area [0, width] × [0, height]: room the axis ranges would have to
    grow by."""
    inside_w = np.clip(np.minimum(boxes[:, 2], width_px) - np.maximum(boxes[:, 0], 0.0), 0, None)
    inside_h = np.clip(np.minimum(boxes[:, 3], height_px) - np.maximum(boxes[:, 1], 0.0), 0, None)
    return (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1]) - inside_w * inside_h


def _choose(at_px: np.ndarray, candidates: np.ndarray, radius: float, chosen: list[int],
            width_px: float, height_px: float, order, outside_weight: float = 0.5) -> list[int]:
    """One sweep: each label in turn takes the place overlapping the other labels and the markers least, running
    least past the plot area (which would shrink the whole map), and nearest its point."""
    N, K = candidates.shape[:2]
    markers = np.concatenate([at_px - radius, at_px + radius], axis=1)  # (N, 4)
    placed = candidates[np.arange(N), chosen] + np.tile(at_px, (1, 2))  # (N, 4), absolute
    extra = np.array([1e-3 * k if k < len(POSITIONS) else LEADER_COST_PX2 * (1 + (k - len(POSITIONS)) // 8)
                      for k in range(K)])
    for i in order:
        others = np.arange(N) != i
        boxes = candidates[i] + np.tile(at_px[i], 2)  # (K, 4)
        costs = (_overlap(boxes, placed[others]).sum(-1) + _overlap(boxes, markers[others]).sum(-1)
                 + outside_weight * _outside(boxes, width_px, height_px) + extra)
        chosen[i] = int(np.argmin(costs))
        placed[i] = boxes[chosen[i]]
    return chosen


def _untangle(at_px: np.ndarray, candidates: np.ndarray, radius: float, chosen: list[int], width_px: float,
              height_px: float) -> list[int]:
    """Two labels still overlapping after the sweeps (each at its best given the other) choose their places
    together: every pair of places, the pair costing least."""
    N, K = candidates.shape[:2]
    markers = np.concatenate([at_px - radius, at_px + radius], axis=1)  # (N, 4)
    extra = np.array([1e-3 * k if k < len(POSITIONS) else LEADER_COST_PX2 * (1 + (k - len(POSITIONS)) // 8)
                      for k in range(K)])
    boxes = candidates + np.tile(at_px, (1, 2))[:, None, :]  # (N, K, 4)
    for i in range(N):
        for j in range(i + 1, N):
            if _overlap(boxes[i, chosen[i]], boxes[j, chosen[j]][None])[0] == 0:
                continue
            rest = [n for n in range(N) if n not in (i, j)]
            placed = boxes[rest, [chosen[n] for n in rest]]  # (N - 2, 4)
            alone = [_overlap(boxes[n], placed).sum(-1) + _overlap(boxes[n], np.delete(markers, n, 0)).sum(-1)
                     + 1e3 * _outside(boxes[n], width_px, height_px) + extra for n in (i, j)]  # 2 × (K,)
            joint = alone[0][:, None] + alone[1][None, :] + _overlap(boxes[i], boxes[j])  # (K, K)
            chosen[i], chosen[j] = (int(k) for k in np.unravel_index(np.argmin(joint), joint.shape))
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
        for _ in range(10):  # sweeps at this scale until no label moves
            before = list(chosen)
            chosen = _choose(at_px, candidates, radius, chosen, width_px, height_px, order)
            if chosen == before:
                break
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
    for _ in range(10):
        before = list(chosen)
        chosen = _choose(at_px, candidates, radius, chosen, width_px, height_px, order, outside_weight=1e3)
        if chosen == before:
            break
    chosen = _untangle(at_px, candidates, radius, chosen, width_px, height_px)
    kinds = [built[i][1][k] for i, k in enumerate(chosen)]
    return Placement([kind if isinstance(kind, str) else None for kind in kinds],
                     [None if isinstance(kind, str) else kind for kind in kinds], tuple(ranges[0]), tuple(ranges[1]))
