"""Chart text a class can read: one pass over a finished Plotly figure or Altair chart sets every text's size and
colour for the room it is shown in, so no chart builder has to remember it.

Two styles. ``READING`` is a student's screen: no text under 11 px, and every text not coloured on purpose in
Streamlit's own text colour, #31333F (12.6:1 on white; Streamlit's chart theme draws ticks and axis titles in
#808495, 3.7:1, under WCAG's 4.5:1 for text). ``PRESENTER`` is a projector at the back of a lecture hall: chart
text 18 px, legends and colour bars 16 px, numbers inside cells 14 px, all near-black (#111111, 18.9:1, over
WCAG AAA's 7:1). Sizes only grow: a builder that asks for larger text keeps it.

Colours a builder sets on purpose (a greyed pruned hypothesis, a highlighted token) are kept; only text with no
colour of its own, which Streamlit's theme would grey, gets the style's colour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import plotly.graph_objects as go


@dataclass(frozen=True)
class TextStyle:
    chart_px: int  # ticks, axis and subplot titles, annotations, labels next to points
    title_px: int  # the figure's title
    legend_px: int  # legend entries and colour-bar labels
    cell_px: int  # numbers printed inside heatmap cells and on bars
    colour: str  # every text without a colour of its own
    min_contrast: float  # a builder's own text colour is darkened (same hue) until it stands out this much (WCAG)
    toolbar: bool  # Plotly's toolbar (PNG export) on hover
    # Added to a figure's top margin: a band for the toolbar over the top right panel's title (26 px high, it
    # covered "cross-attention" titles on the Seq2seq and Translation pages), or the larger titles' extra height.
    top_room_px: int


READING = TextStyle(chart_px=14, title_px=16, legend_px=14, cell_px=11, colour="#31333F", min_contrast=4.5,
                    toolbar=True, top_room_px=28)
PRESENTER = TextStyle(chart_px=18, title_px=20, legend_px=16, cell_px=14, colour="#111111", min_contrast=7.0,
                      toolbar=False,
                      top_room_px=12)
ALTAIR_PADDING_PX = 6  # around a Vega chart, inside its box
PAPER = "#ffffff"  # the colour the contrast is promised against, in a light or a dark Streamlit theme


def _at_least(size, px: int):
    """``size`` raised to ``px``; a per-point list of sizes raised one by one."""
    if isinstance(size, (list, tuple)):
        return [max(s or 0, px) for s in size]
    return max(size or 0, px)


def _channels(colour: str) -> tuple[float, float, float] | None:
    """"#rrggbb" or "rgb(r, g, b)" as 0-255 channels; None for any other form (named colours are left alone)."""
    text = colour.strip().lower()
    if re.fullmatch(r"#[0-9a-f]{6}", text):
        return tuple(int(text[i:i + 2], 16) for i in (1, 3, 5))
    match = re.fullmatch(r"rgba?\(([^)]*)\)", text)
    if match:
        parts = [float(part) for part in match.group(1).split(",")[:3]]
        return tuple(parts) if len(parts) == 3 else None
    return None


def _contrast_on_paper(rgb) -> float:
    """WCAG 2 contrast ratio of an sRGB colour on the white paper."""
    linear = [(c / 255) / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def readable(colour, min_contrast: float):
    """``colour`` darkened toward black, keeping its hue, until it has ``min_contrast`` on white: a builder's grey
    for pruned hypotheses (3.5:1) or red for a rank (5.0:1) stays grey or red, and reads on a projector."""
    if isinstance(colour, (list, tuple)):  # one colour per point
        return [readable(each, min_contrast) for each in colour]
    if not isinstance(colour, str):
        return colour
    rgb = _channels(colour)
    if rgb is None or _contrast_on_paper(rgb) >= min_contrast:
        return colour
    low, high = 0.0, 1.0  # the share of the colour kept: 0 is black
    for _ in range(20):
        middle = (low + high) / 2
        low, high = (middle, high) if _contrast_on_paper([c * middle for c in rgb]) >= min_contrast else (low, middle)
    return "#" + "".join(f"{int(c * low):02x}" for c in rgb)  # rounded down: darker, never under the ratio


def _set_font(parent: dict, key: str, px: int, style: TextStyle) -> None:
    """``parent[key]``, a font dict, raised to at least ``px``, in the style's colour unless it has a colour of its
    own (then darkened to the style's contrast if need be)."""
    font = parent.setdefault(key, {})
    font["size"] = _at_least(font.get("size"), px)
    font["color"] = readable(font.get("color"), style.min_contrast) or style.colour


def _child(parent: dict, *keys: str) -> dict:
    """The dict at ``parent[keys[0]][keys[1]]...``, made empty where absent."""
    for key in keys:
        parent = parent.setdefault(key, {})
    return parent


def _colorbar(bar: dict, style: TextStyle) -> None:
    _set_font(bar, "tickfont", style.legend_px, style)
    _set_font(_child(bar, "title"), "font", style.legend_px, style)


def _trace(trace: dict, has_textfont: bool, style: TextStyle) -> None:
    """Numbers in cells and labels beside points; the trace's colour bar."""
    kind = trace["type"]
    if has_textfont and (trace.get("text") is not None or trace.get("texttemplate")):
        px = style.chart_px if kind == "scatter" else style.cell_px
        # Heatmap and bar numbers keep Plotly's automatic black-or-white against their cell: no colour forced.
        font = trace.setdefault("textfont", {})
        own = font.get("color")
        colour = (readable(own, style.min_contrast) or style.colour) if kind == "scatter" else own
        font["size"] = _at_least(font.get("size"), px)
        if colour is None:
            font.pop("color", None)
        else:
            font["color"] = colour
    if kind in ("heatmap", "contour", "histogram2d") and trace.get("showscale") is not False:
        _colorbar(_child(trace, "colorbar"), style)
    marker = trace.get("marker")
    if marker is not None and marker.get("showscale"):
        _colorbar(_child(marker, "colorbar"), style)


def _subplots(layout: dict, prefix: str) -> list[str]:
    """The layout's subplot keys of one kind ("xaxis", "xaxis2", ...): the first always, as Plotly's
    ``for_each_xaxis`` visits it whether or not the figure set anything on it."""
    return [prefix] + [key for key in layout if re.fullmatch(prefix + r"\d+", key)]


def _style_spec(spec: dict, textfont: list[bool], style: TextStyle) -> None:
    """Set every text's size and colour in a figure's JSON-ready dict (``fig.to_dict()``), in place; ``textfont``
    says which traces' types have a text font."""
    layout = spec.setdefault("layout", {})
    _set_font(layout, "font", style.chart_px, style)
    layout["paper_bgcolor"] = layout.get("paper_bgcolor") or PAPER
    _set_font(_child(layout, "title"), "font", style.title_px, style)
    _set_font(_child(layout, "legend"), "font", style.legend_px, style)
    _set_font(_child(layout, "legend", "title"), "font", style.legend_px, style)
    hover_font = _child(layout, "hoverlabel", "font")
    hover_font["size"] = _at_least(hover_font.get("size"), style.legend_px)
    margin = layout.get("margin", {})
    if margin.get("t") is not None:  # Plotly's default top margin (100 px) has room for both already
        margin["t"] += style.top_room_px
    for axis_key in _subplots(layout, "xaxis") + _subplots(layout, "yaxis"):
        axis = _child(layout, axis_key)
        if axis.get("type") == "log":  # minor labels ("2", "5" between decades) at 3/4 of the tick size: none
            axis["minorloglabels"] = "none"
        _set_font(axis, "tickfont", style.chart_px, style)
        _set_font(_child(axis, "title"), "font", style.chart_px, style)
    for note in layout.get("annotations", []):
        _set_font(note, "font", style.chart_px, style)
    for trace, has_textfont in zip(spec["data"], textfont, strict=True):
        _trace(trace, has_textfont, style)
    for key in _subplots(layout, "coloraxis"):  # a colour bar shared by several traces
        if layout.get(key, {}).get("showscale") is not False:
            _colorbar(_child(layout, key, "colorbar"), style)


_default_templates: dict[int, tuple[object, dict]] = {}  # id of a template object: (it, its dict)


def _default_template() -> dict:
    """The template every new figure gets now, as a dict: Plotly's own, or Streamlit's once Streamlit has set
    it. Validating a template's few hundred entries from a dict is most of a figure's validation (8 of 10 ms)."""
    import plotly.io as pio

    default = pio.templates.default
    template = pio.templates[default] if isinstance(default, str) else default
    if id(template) not in _default_templates:
        _default_templates[id(template)] = (template, template.to_plotly_json())
    return _default_templates[id(template)][1]


def legible_plotly(fig, style: TextStyle):
    """A copy of ``fig`` with every text at least ``style``'s sizes, in its colour where it has none (``fig`` is
    left as it was).

    The styles are written into the figure's dict and the copy is validated from it once: Plotly's graph objects
    re-validate and re-walk the figure on each ``update`` call, which cost more than building the figure did (43
    ms of CPU for the Embeddings page's four heatmaps, 24 tokens; 4 ms this way). The copy is built without
    Plotly's value checks (``_validate=False``, as Plotly itself builds a template's layout): ``fig`` passed them
    when it was built, and what is added here are sizes and colours of this module's own; the checks were most of
    the copy's cost (6 of 7 ms for Coreference's candidate panels). The copy is for ``st.plotly_chart`` to send,
    not to be edited further, and its JSON is the checked copy's (tests/dashboard/test_chart_legibility.py)."""
    if getattr(fig, "_legible_style", None) == style:  # shown again (a rerun, a cached figure): nothing to add
        return fig
    spec = fig.to_dict()
    _style_spec(spec, [hasattr(type(trace), "textfont") for trace in fig.data], style)
    if spec["layout"].get("template") == _default_template():
        del spec["layout"]["template"]  # the copy gets it as every new figure does, without validating it again
    styled = go.Figure(spec, _validate=False)
    styled._legible_style = style
    return styled


def legible_altair(chart, style: TextStyle):
    """An Altair chart (or layer) configured with ``style``'s sizes and colour."""
    # configure() first: called after the configure_* methods, it would replace what they set. The padding keeps
    # the title's and the y axis title's text box inside the chart (with none they stood 2 px past its edge); it is
    # the chart's own, on all four sides: Streamlit sets a top-level padding of its own (bottom only) that would
    # override one in the config.
    side = ALTAIR_PADDING_PX
    chart = chart.properties(padding={"left": side, "top": side, "right": side, "bottom": side})
    return chart.configure(background=PAPER).configure_axis(
        labelFontSize=style.chart_px, titleFontSize=style.chart_px, labelColor=style.colour,
        titleColor=style.colour).configure_legend(
        labelFontSize=style.legend_px, titleFontSize=style.legend_px, labelColor=style.colour,
        titleColor=style.colour).configure_title(fontSize=style.title_px, color=style.colour).configure_text(
        fontSize=style.cell_px)


def plotly_config(filename: str, style: TextStyle) -> dict:
    """The toolbar shows when the pointer is over the chart (always visible, it covered the start of chart
    titles on a projector), with the camera button saving a PNG named after the view; in presenter mode there
    is no toolbar at all, so none can cover a title while the lecturer points at the chart."""
    if not style.toolbar:
        return {"displayModeBar": False, "displaylogo": False}
    return {"displayModeBar": "hover", "displaylogo": False,
            "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2}}
