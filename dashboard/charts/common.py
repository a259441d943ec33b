"""What every chart builder shares: safe token labels, colour scales, margins (text sizes and colours: legibility.py).

Plotly interprets a few HTML tags (<b>, <br>, <a>...) inside text, so every token that reaches
a figure goes through ``safe_label``: ``<``, ``>`` and ``&`` become entities that Plotly shows
literally. Duplicate tokens ("the" twice) get invisible zero-width suffixes so categorical axes
keep one column per position.
"""

from __future__ import annotations

import copy
import functools
import html

import numpy as np

from dashboard.i18n import ENGLISH, Words

# One colour meaning per scale, so a projected chart reads the same on every page: Blues is a weight in [0, 1]
# (attention, probability), white = 0; RdBu_r is a signed value centred on 0 (embedding values, dot products),
# white = 0.
ATTENTION_COLORSCALE = "Blues"
DIVERGING_COLORSCALE = "RdBu_r"
ZERO_WIDTH = "\u200b"
VALUE_FORMAT = ".4g"  # every hover's number: 4 significant digits, never Plotly's SI "895.8328μ"
ROW_PX = 18  # pixels per labelled heatmap row, so every row of up to MAX_LABELLED rows gets its label
MAX_LABELLED = 64  # up to this many rows / columns, every one is labelled (dtick 1)
ROBUST_PERCENTILE = 99.0  # colour range of signed tables: |value| clipped at this percentile


def safe_label(text: str) -> str:
    """Plain text for a Plotly label: HTML special characters escaped."""
    return html.escape(str(text), quote=False)


def token_labels(tokens: list[str]) -> list[str]:
    """One unique, HTML-safe label per position; repeats differ only by invisible characters."""
    seen: dict[str, int] = {}
    labels = []
    for token in tokens:
        count = seen.get(token, 0)
        seen[token] = count + 1
        labels.append(safe_label(token) + ZERO_WIDTH * count)
    return labels


def layer_labels(num_layers: int, words: Words = ENGLISH) -> list[str]:
    """"layer 1" … "layer L": 1-based on screen, as in every table and file."""
    return [words("chart.tick.layer", n=layer + 1) for layer in range(num_layers)]


def head_labels(num_heads: int, words: Words = ENGLISH) -> list[str]:
    """"head 1" … "head H"."""
    return [words("chart.tick.head", n=head + 1) for head in range(num_heads)]


def head_name(layer: int, head: int) -> str:
    """"L3 H2" for 0-based (layer 2, head 1): the short name of one head in every chart and table."""
    return f"L{layer + 1} H{head + 1}"


def hover(*lines: str) -> str:
    """A hover template of ``lines`` (each already in the page's language), without Plotly's trace-name box."""
    return "<br>".join(lines) + "<extra></extra>"


def margins(top: int = 40, bottom: int = 10) -> dict:
    """Every figure's margins: 10 px at the sides, room on top for its title (taller for subplot titles)."""
    return {"l": 10, "r": 10, "t": top, "b": bottom}


def symmetric_range(x: np.ndarray) -> float:
    """Half-width of a colour range centred on 0 that holds every value."""
    bound = float(np.nanmax(np.abs(x))) if x.size else 1.0
    return bound if bound > 0 else 1.0


def robust_bound(x: np.ndarray, percentile: float = ROBUST_PERCENTILE) -> float:
    """Half-width of a colour range centred on 0 that clips the few outliers above ``percentile`` of |x|:
    one huge value (MiniLM's position 0) would otherwise make the whole map one pale colour."""
    values = np.abs(np.asarray(x, dtype=np.float64))
    values = values[np.isfinite(values)]
    bound = float(np.percentile(values, percentile)) if values.size else 1.0
    return bound if bound > 0 else symmetric_range(np.asarray(x))


def weight_range(z: np.ndarray, fixed_unit: bool) -> tuple[float, float]:
    """Colour range of a weight map (attention, rollout, probability): [0, 1] when ``fixed_unit``, else
    [0, the largest weight shown], so rollout values near 0.1 or block means near 1/T still show."""
    if fixed_unit:
        return 0.0, 1.0
    values = np.asarray(z, dtype=np.float64)
    top = float(np.nanmax(values)) if values.size and np.isfinite(values).any() else 1.0
    return 0.0, top if top > 0 else 1.0


UPRIGHT_AFTER = 16  # x labels of more tokens than this stand upright


def token_tickangle(count: int) -> int:
    """The x tick angle for ``count`` token labels. A label slanted at 60° needs its line height / sin 60°, about
    23 px at 14 px text, between neighbouring ticks; upright it needs the line height alone, 17 px. 52 tokens
    across a 1000 px plot (19 px each), or 17 in half a page, overlapped when slanted."""
    return -60 if count <= UPRIGHT_AFTER else -90


def label_every_row(fig, axis: str, count: int) -> None:
    """Up to MAX_LABELLED categories on ``axis`` ("x" or "y"): one tick per category, so Plotly never
    skips every other label; past that, Plotly's automatic thinning."""
    if count <= MAX_LABELLED:
        getattr(fig, f"update_{axis}axes")(tickmode="linear", tick0=0, dtick=1)


@functools.lru_cache(maxsize=64)
def _grid_layout(rows: int, cols: int, titles: tuple[str, ...], horizontal_spacing: float | None,
                 vertical_spacing: float | None) -> dict:
    from plotly.subplots import make_subplots

    layout = make_subplots(rows=rows, cols=cols, subplot_titles=list(titles), horizontal_spacing=horizontal_spacing,
                           vertical_spacing=vertical_spacing).layout.to_plotly_json()
    layout.pop("template")  # a figure built from the rest gets the default template as make_subplots' did
    return layout


def subplot_grid(rows: int, cols: int, titles: list[str], horizontal_spacing: float | None = None,
                 vertical_spacing: float | None = None) -> dict:
    """``make_subplots``' layout as a dict (axes x, x2, ... numbered row by row, with their domains; the titles as
    annotations), for a figure given its whole layout at construction: each ``add_trace(row, col)`` or
    ``update_*`` call on a figure walks and validates it again (the Embeddings heatmaps: 27 ms of CPU built that
    way at 24 tokens). Made once per grid and titles; the caller gets its own copy."""
    return copy.deepcopy(_grid_layout(rows, cols, tuple(titles), horizontal_spacing, vertical_spacing))
