"""Showing a chart: a Plotly or Altair figure at full width, projector-sized text.

Figures arrive already in the page's language: a page builds each one with ``chart_words()``, the label
lookup every chart builder takes, so nothing here translates. ``show_shared_figure`` builds a figure once
per server (and language) for every session asking for the same view.
"""

from __future__ import annotations

import streamlit as st

from dashboard.charts.common import TICK_FONT_PX, plotly_config, projector_fonts
from dashboard.i18n import Words, words_in
from dashboard.language import current_language


def chart_words() -> Words:
    """The label lookup chart builders write their words with, in the language this run shows."""
    return words_in(current_language())


def show_figure(fig, name: str, on_click=None) -> None:
    """A Plotly figure at full width, tick labels at least TICK_FONT_PX (a projector), its toolbar's camera
    saving ``name``.png. ``on_click(customdata)``: called (as a widget callback, so it may set other widgets'
    state) with the clicked point's customdata, or None when the click cleared it."""
    figure = projector_fonts(fig)
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


def show_altair(chart) -> None:
    """An Altair chart (or a layer of charts) at full width, text at least TICK_FONT_PX."""
    chart = chart.configure_axis(labelFontSize=TICK_FONT_PX, titleFontSize=TICK_FONT_PX).configure_legend(
        labelFontSize=TICK_FONT_PX, titleFontSize=TICK_FONT_PX).configure_title(fontSize=TICK_FONT_PX + 2)
    st.altair_chart(chart, width="stretch")


def show_shared_figure(name: str, key: tuple, build) -> None:
    """``show_figure`` for a figure every session asking for the same ``key`` (model, text, options) shares:
    ``build(words)`` runs once per (name, key, language) on this server (``cache.shared``), the figure gets
    its projector fonts then and is only sent afterwards. Nothing here changes it after it is cached
    (st.plotly_chart serialises it without changing it; tests/pages/test_page_cost.py checks)."""
    from dashboard import cache

    lang = current_language()
    figure = cache.shared(f"figure:{name}", (*key, lang), lambda: projector_fonts(build(words_in(lang))))
    st.plotly_chart(figure, width="stretch", config=plotly_config(name), key=f"chart_{name}")

