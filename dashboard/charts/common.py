"""What every chart builder shares: safe token labels, colour scales, margins, the figure toolbar config.

Plotly interprets a few HTML tags (<b>, <br>, <a>...) inside text, so every token that reaches
a figure goes through ``safe_label``: ``<``, ``>`` and ``&`` become entities that Plotly shows
literally. Duplicate tokens ("the" twice) get invisible zero-width suffixes so categorical axes
keep one column per position.
"""

from __future__ import annotations

import html

import numpy as np

ATTENTION_COLORSCALE = "Blues"
DIVERGING_COLORSCALE = "RdBu_r"
ZERO_WIDTH = "\u200b"


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


def layer_labels(num_layers: int) -> list[str]:
    """"layer 1" … "layer L": 1-based on screen, as in every table and file."""
    return [f"layer {layer + 1}" for layer in range(num_layers)]


def head_labels(num_heads: int) -> list[str]:
    """"head 1" … "head H"."""
    return [f"head {head + 1}" for head in range(num_heads)]


def margins(top: int = 40, bottom: int = 10) -> dict:
    """Every figure's margins: 10 px at the sides, room on top for its title (taller for subplot titles)."""
    return {"l": 10, "r": 10, "t": top, "b": bottom}


def symmetric_range(x: np.ndarray) -> float:
    """Half-width of a colour range centred on 0 that holds every value."""
    bound = float(np.nanmax(np.abs(x))) if x.size else 1.0
    return bound if bound > 0 else 1.0


def plotly_config(filename: str) -> dict:
    """Toolbar always visible, with the camera button saving a PNG named after the view."""
    return {"displayModeBar": True, "displaylogo": False,
            "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2}}
