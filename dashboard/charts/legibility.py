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

from dataclasses import dataclass


@dataclass(frozen=True)
class TextStyle:
    chart_px: int  # ticks, axis and subplot titles, annotations, labels next to points
    title_px: int  # the figure's title
    legend_px: int  # legend entries and colour-bar labels
    cell_px: int  # numbers printed inside heatmap cells and on bars
    colour: str  # every text without a colour of its own
    toolbar: bool  # Plotly's toolbar (PNG export) on hover
    # Added to a figure's top margin: a band for the toolbar over the top right panel's title (26 px high, it
    # covered "cross-attention" titles on the Seq2seq and Translation pages), or the larger titles' extra height.
    top_room_px: int


READING = TextStyle(chart_px=14, title_px=16, legend_px=14, cell_px=11, colour="#31333F", toolbar=True,
                    top_room_px=28)
PRESENTER = TextStyle(chart_px=18, title_px=20, legend_px=16, cell_px=14, colour="#111111", toolbar=False,
                      top_room_px=12)
PAPER = "#ffffff"  # the colour the contrast is promised against, in a light or a dark Streamlit theme


def _at_least(size, px: int):
    """``size`` raised to ``px``; a per-point list of sizes raised one by one."""
    if isinstance(size, (list, tuple)):
        return [max(s or 0, px) for s in size]
    return max(size or 0, px)


def _font(font, px: int, colour: str) -> dict:
    """A font dict of at least ``px``, coloured ``colour`` unless it has a colour already."""
    return {"size": _at_least(font.size, px), "color": font.color or colour}


def _colorbar(bar, style: TextStyle) -> None:
    bar.update(tickfont=_font(bar.tickfont, style.legend_px, style.colour),
               title_font=_font(bar.title.font, style.legend_px, style.colour))


def _trace(trace, style: TextStyle) -> None:
    """Numbers in cells and labels beside points; the trace's colour bar."""
    if getattr(trace, "textfont", None) is not None and (trace.text is not None or
                                                         getattr(trace, "texttemplate", None)):
        px = style.chart_px if trace.type == "scatter" else style.cell_px
        # Heatmap and bar numbers keep Plotly's automatic black-or-white against their cell: no colour forced.
        colour = trace.textfont.color or (style.colour if trace.type == "scatter" else None)
        trace.update(textfont={"size": _at_least(trace.textfont.size, px), "color": colour})
    if getattr(trace, "colorbar", None) is not None and trace.type in ("heatmap", "contour", "histogram2d"):
        if trace.showscale is not False:
            _colorbar(trace.colorbar, style)
    marker = getattr(trace, "marker", None)
    if marker is not None and getattr(marker, "showscale", None):
        _colorbar(marker.colorbar, style)


def legible_plotly(fig, style: TextStyle):
    """``fig`` with every text at least ``style``'s sizes, in its colour where it has none; returns ``fig``."""
    if getattr(fig, "_legible_style", None) == style:  # shown again (a rerun, a cached figure): nothing to add
        return fig
    fig._legible_style = style
    layout = fig.layout
    fig.update_layout(font=_font(layout.font, style.chart_px, style.colour),
                      paper_bgcolor=layout.paper_bgcolor or PAPER,
                      title_font=_font(layout.title.font, style.title_px, style.colour),
                      legend_font=_font(layout.legend.font, style.legend_px, style.colour),
                      legend_title_font=_font(layout.legend.title.font, style.legend_px, style.colour),
                      hoverlabel_font_size=_at_least(layout.hoverlabel.font.size, style.legend_px))
    if layout.margin.t is not None:  # Plotly's default top margin (100 px) has room for both already
        fig.update_layout(margin_t=layout.margin.t + style.top_room_px)
    for axes in (fig.for_each_xaxis, fig.for_each_yaxis):
        axes(lambda ax: ax.update(tickfont=_font(ax.tickfont, style.chart_px, style.colour),
                                  title_font=_font(ax.title.font, style.chart_px, style.colour)))
    fig.for_each_annotation(lambda note: note.update(font=_font(note.font, style.chart_px, style.colour)))
    for trace in fig.data:
        _trace(trace, style)
    for name in layout:  # coloraxis, coloraxis2, ...: a colour bar shared by several traces
        if name.startswith("coloraxis") and layout[name].showscale is not False:
            _colorbar(layout[name].colorbar, style)
    return fig


def legible_altair(chart, style: TextStyle):
    """An Altair chart (or layer) configured with ``style``'s sizes and colour."""
    # configure() first: called after the configure_* methods, it would replace what they set.
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
