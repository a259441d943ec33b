"""Showing a chart: a Plotly or Altair figure at full width, its text styled here for the room it is shown in.

Figures arrive already in the page's language: a page builds each one with ``chart_words()``, the label
lookup every chart builder takes, so nothing here translates. Every figure passes through here, so this is the
one place its text gets legible sizes and colours (``dashboard.charts.legibility``: a student's screen, or the
projector of presenter mode). ``show_shared_figure`` builds a figure once per server (language and mode) for
every session asking for the same view.
"""

from __future__ import annotations

import streamlit as st

from dashboard import presenter
from dashboard.charts.legibility import legible_altair, legible_plotly, plotly_config
from dashboard.i18n import Words, words_in
from dashboard.language import current_language


def chart_words() -> Words:
    """The label lookup chart builders write their words with, in the language this run shows."""
    return words_in(current_language())


def show_figure(fig, name: str, on_click=None) -> None:
    """A Plotly figure at full width, its text styled for this run's mode, its toolbar's camera saving
    ``name``.png. ``on_click(customdata)``: called (as a widget callback, so it may set other widgets'
    state) with the clicked point's customdata, or None when the click cleared it."""
    style = presenter.text_style()
    figure = legible_plotly(fig, style)
    key = f"chart_{name}"
    if on_click is None:
        st.plotly_chart(figure, width="stretch", config=plotly_config(name, style), key=key)
        return

    def clicked() -> None:
        event = st.session_state.get(key)
        points = [point for point in (event.selection.points if event else []) if "customdata" in point]
        on_click(points[0]["customdata"] if points else None)

    st.plotly_chart(figure, width="stretch", config=plotly_config(name, style), key=key, on_select=clicked,
                    selection_mode="points")


def show_altair(chart) -> None:
    """An Altair chart (or a layer of charts) at full width, its text styled for this run's mode."""
    st.altair_chart(legible_altair(chart, presenter.text_style()), width="stretch")


def show_shared_figure(name: str, key: tuple, build) -> None:
    """``show_figure`` for a figure every session asking for the same ``key`` (model, text, options) shares:
    ``build(words)`` runs once per (name, key, language, mode) on this server (``cache.shared``), the figure
    gets its text style then and is only sent afterwards. Nothing here changes it after it is cached
    (st.plotly_chart serialises it without changing it; tests/pages/test_page_cost.py checks), so its ``to_dict()``
    is made once (``sent_as_built``)."""
    from dashboard import cache

    lang, style = current_language(), presenter.text_style()
    figure = cache.shared(f"figure:{name}", (*key, lang, presenter.is_on()),
                          lambda: sent_as_built(legible_plotly(build(words_in(lang)), style)))
    st.plotly_chart(figure, width="stretch", config=plotly_config(name, style), key=f"chart_{name}")


def sent_as_built(figure):
    """``figure``, its ``to_dict()`` made once. st.plotly_chart sends a figure as ``to_dict()``, a deep copy of
    every trace and the layout, on every run that shows it; a shared figure never changes after it is built, so
    the one copy serves every session (9 % of the Coreference page's CPU under a class's burst went to copying
    the same model-wide figures again). The dict is only read: ``plotly.io.to_json`` serialises it as it is."""
    sent = figure.to_dict()
    figure.to_dict = lambda: sent
    return figure
