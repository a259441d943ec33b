"""The legibility pass as it was first written (dashboard/charts/legibility.py before it styled the figure's dict):
each text set through Plotly's graph-object ``update`` calls, on the figure itself. Kept as the witness that the
dict pass gives every figure the same JSON.
"""

from __future__ import annotations

from dashboard.charts.legibility import PAPER, TextStyle, _at_least, readable


def _font(font, px: int, style: TextStyle) -> dict:
    """A font dict of at least ``px``, in the style's colour unless it has a colour of its own (then darkened to
    the style's contrast if need be)."""
    return {"size": _at_least(font.size, px), "color": readable(font.color, style.min_contrast) or style.colour}


def _colorbar(bar, style: TextStyle) -> None:
    bar.update(tickfont=_font(bar.tickfont, style.legend_px, style),
               title_font=_font(bar.title.font, style.legend_px, style))


def _trace(trace, style: TextStyle) -> None:
    """Numbers in cells and labels beside points; the trace's colour bar."""
    if getattr(trace, "textfont", None) is not None and (trace.text is not None or
                                                         getattr(trace, "texttemplate", None)):
        px = style.chart_px if trace.type == "scatter" else style.cell_px
        # Heatmap and bar numbers keep Plotly's automatic black-or-white against their cell: no colour forced.
        own = trace.textfont.color
        colour = (readable(own, style.min_contrast) or style.colour) if trace.type == "scatter" else own
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
    fig.update_layout(font=_font(layout.font, style.chart_px, style),
                      paper_bgcolor=layout.paper_bgcolor or PAPER,
                      title_font=_font(layout.title.font, style.title_px, style),
                      legend_font=_font(layout.legend.font, style.legend_px, style),
                      legend_title_font=_font(layout.legend.title.font, style.legend_px, style),
                      hoverlabel_font_size=_at_least(layout.hoverlabel.font.size, style.legend_px))
    if layout.margin.t is not None:  # Plotly's default top margin (100 px) has room for both already
        fig.update_layout(margin_t=layout.margin.t + style.top_room_px)
    # A log axis prints its minor labels ("2", "5" between decades) at 3/4 of the tick size (10.5 px): none.
    fig.for_each_xaxis(lambda ax: ax.update(minorloglabels="none") if ax.type == "log" else None)
    fig.for_each_yaxis(lambda ax: ax.update(minorloglabels="none") if ax.type == "log" else None)
    for axes in (fig.for_each_xaxis, fig.for_each_yaxis):
        axes(lambda ax: ax.update(tickfont=_font(ax.tickfont, style.chart_px, style),
                                  title_font=_font(ax.title.font, style.chart_px, style)))
    fig.for_each_annotation(lambda note: note.update(font=_font(note.font, style.chart_px, style)))
    for trace in fig.data:
        _trace(trace, style)
    for name in layout:  # coloraxis, coloraxis2, ...: a colour bar shared by several traces
        if name.startswith("coloraxis") and layout[name].showscale is not False:
            _colorbar(layout[name].colorbar, style)
    return fig
