"""Showing a chart: a Plotly or Altair figure at full width, in the page's language, projector-sized text.

``show_shared_figure`` builds a figure once per server for every session asking for the same view.
"""

from __future__ import annotations

import re
from functools import lru_cache

import altair as alt
import pandas as pd
import streamlit as st

from dashboard.charts.common import TICK_FONT_PX, plotly_config, projector_fonts
from dashboard.i18n import LABELS, label, localise
from dashboard.language import current_language


def localise_figure(fig, lang: str):
    """The figure's own words (title, axis, colour-bar and subplot titles, legend names, layer/head tick labels)
    in ``lang``, through the chart templates of the language table; tokens and numbers stay as they are."""
    if lang == "en":
        return fig

    def texts(values, tick: bool = True):
        return None if values is None else [localise(str(v), lang, tick=tick) for v in values]

    def categories(values):  # a trace's x / y: translated only when they are layer/head names, never tokens
        return values if values is None or not all(isinstance(v, str) for v in values) else texts(values)

    def axis(ax):  # tickvals that are categories follow the trace's translated categories
        ax.update(title_text=localise(ax.title.text, lang), ticktext=texts(ax.ticktext),
                  tickvals=categories(ax.tickvals))

    def colorbar(bar):  # colour-bar ticks are levels ("chance 0.50"), never tokens
        bar.update(title_text=localise(bar.title.text, lang), ticktext=texts(bar.ticktext, tick=False))

    fig.update_layout(title_text=localise(fig.layout.title.text, lang))
    fig.for_each_xaxis(axis)
    fig.for_each_yaxis(axis)
    fig.for_each_annotation(lambda note: note.update(text=localise(note.text, lang)))
    for trace in fig.data:
        trace.update(name=localise(trace.name, lang))
        for side in ("x", "y"):
            if side in trace and isinstance(trace[side], tuple):
                trace[side] = categories(trace[side])
        if "colorbar" in trace:
            colorbar(trace.colorbar)
        if "hovertemplate" in trace and isinstance(trace.hovertemplate, str):
            trace.hovertemplate = localise_hover(trace.hovertemplate, lang)
    if fig.layout.coloraxis.colorbar.title.text:
        colorbar(fig.layout.coloraxis.colorbar)
    return fig


@lru_cache(maxsize=1)
def _hover_patterns() -> list[tuple[str, re.Pattern]]:
    """(key, full-match regex) of the "hover." templates: one line of a hover text, ``{v}`` matching the
    Plotly placeholder (``%{z:.4g}``) or the text a builder put there; longest literal text first."""
    patterns = []
    for key in (key for key in LABELS if key.startswith("hover.")):
        parts = re.split(r"\{(\w+)\}", LABELS[key]["en"])
        regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts))
        patterns.append((key, re.compile(regex, re.DOTALL)))
    return sorted(patterns, key=lambda item: -len(re.sub(r"\{\w+\}", "", LABELS[item[0]]["en"])))


def localise_hover(template: str, lang: str) -> str:
    """A hover template's words in ``lang``, line by line (lines split at <br>): "token %{x}<br>dim %{y}"
    becomes "토큰 %{x}<br>차원 %{y}"; placeholders and lines no template matches stay as they are."""
    if lang == "en" or not template:
        return template
    extra = "<extra></extra>" if template.endswith("<extra></extra>") else ""
    lines = template.removesuffix(extra).split("<br>")
    for index, line in enumerate(lines):
        for key, pattern in _hover_patterns():
            match = pattern.fullmatch(line)
            if match:
                lines[index] = label(key, lang, **match.groupdict())
                break
    return "<br>".join(lines) + extra


def show_figure(fig, name: str, on_click=None) -> None:
    """A Plotly figure at full width, in the page's language, tick labels at least TICK_FONT_PX (a projector),
    its toolbar's camera saving ``name``.png. ``on_click(customdata)``: called (as a widget callback, so it may
    set other widgets' state) with the clicked point's customdata, or None when the click cleared it."""
    figure = projector_fonts(localise_figure(fig, current_language()))
    key = f"chart_{name}"
    if on_click is None:
        st.plotly_chart(figure, width="stretch", config=plotly_config(name), key=key)
        return

    def clicked() -> None:
        event = st.session_state.get(key)
        points = [point for point in (event.selection.points if event else []) if "customdata" in point]
        on_click(points[0]["customdata"] if points else None)

    st.plotly_chart(figure, width="stretch", config=plotly_config(name), key=key, on_select=clicked,
                    selection_mode="points")


def _localise_altair_layer(chart, lang: str) -> None:
    """One Altair chart's axis, legend and tooltip titles, and its legend values, in ``lang`` (in place)."""
    encoding = chart.encoding
    if encoding is alt.Undefined:
        return
    for channel in ("x", "y", "color"):
        if encoding[channel] is not alt.Undefined:
            spec = encoding[channel].to_dict()  # the title the builder set, else the field Altair would show
            if "field" in spec or "title" in spec:
                encoding[channel]["title"] = localise(spec.get("title", spec.get("field", "")), lang)
    if encoding["tooltip"] is not alt.Undefined:
        for tip in encoding["tooltip"]:
            spec = tip.to_dict()
            tip["title"] = localise(spec.get("title", spec.get("field", "")), lang)
    colour = encoding["color"]
    field = colour.to_dict().get("field") if colour is not alt.Undefined else None
    if lang != "en" and isinstance(chart.data, pd.DataFrame) and field in chart.data:
        # legend values the builder wrote ("dim 4 (sin)") are chart tick templates; tokens would stay as typed
        chart.data = chart.data.assign(**{field: chart.data[field].map(lambda v: localise(str(v), lang, tick=True))})


def show_altair(chart) -> None:
    """An Altair chart (or a layer of charts) at full width, its words in the page's language, text at least
    TICK_FONT_PX."""
    lang = current_language()
    for layer in chart.layer if isinstance(chart, alt.LayerChart) else [chart]:
        _localise_altair_layer(layer, lang)
    if isinstance(chart, alt.LayerChart) and isinstance(chart.title, str):
        chart.title = localise(chart.title, lang)
    chart = chart.configure_axis(labelFontSize=TICK_FONT_PX, titleFontSize=TICK_FONT_PX).configure_legend(
        labelFontSize=TICK_FONT_PX, titleFontSize=TICK_FONT_PX).configure_title(fontSize=TICK_FONT_PX + 2)
    st.altair_chart(chart, width="stretch")


def show_shared_figure(name: str, key: tuple, build) -> None:
    """``show_figure`` for a figure every session asking for the same ``key`` (model, text, options) shares:
    built, localised and given projector fonts once per (name, key, language) on this server
    (``cache.shared``), then only sent. Nothing here changes it after it is cached (st.plotly_chart
    serialises it without changing it; tests/pages/test_page_cost.py checks)."""
    from dashboard import cache

    lang = current_language()
    figure = cache.shared(f"figure:{name}", (*key, lang),
                          lambda: projector_fonts(localise_figure(build(), lang)))
    st.plotly_chart(figure, width="stretch", config=plotly_config(name), key=f"chart_{name}")
