"""Presenter mode: the dashboard on a lecture hall's projector.

One toggle in the sidebar, bound to the URL (``presenter=true``), so a lecturer's prepared links open in it. In
presenter mode every chart's text is large and near-black (``dashboard.charts.legibility.PRESENTER``, applied
where figures are shown, ``dashboard.widgets.figures``), Plotly's toolbar is gone, and the sidebar starts
collapsed so the charts get the width.
"""

from __future__ import annotations

import streamlit as st

from dashboard.charts.legibility import PRESENTER, READING, TextStyle
from dashboard.language import t

PARAM = "presenter"  # URL parameter and Session State key of the toggle


def is_on() -> bool:
    """Presenter mode in this run: the toggle's value once it exists, else the URL's (read before the sidebar
    is drawn, so the page configuration at the top of the entry script already follows it)."""
    if PARAM in st.session_state:
        return bool(st.session_state[PARAM])
    return str(st.query_params.get(PARAM, "")).lower() in ("true", "1")


def text_style() -> TextStyle:
    """The chart text style of this run."""
    return PRESENTER if is_on() else READING


def main_width_px() -> int:
    """The page's main area in a 1500 px window, for charts that choose their arrangement: 780 px beside the
    open sidebar, 1340 px with it folded (measured in headless Chromium)."""
    return 1340 if is_on() else 780


def sidebar_state(reading_width_px: int) -> str | int:
    """``st.set_page_config``'s ``initial_sidebar_state``: collapsed in presenter mode, else the reading width.

    Streamlit applies a changed value on the next run, not only at first load: switching presenter mode on
    folds the sidebar away at once. Off again, the sidebar is open already (the toggle is in it)."""
    return "collapsed" if is_on() else reading_width_px


def toggle() -> bool:
    """The presenter toggle, in the sidebar the caller has opened."""
    return st.toggle(t("sidebar.presenter"), value=False, key=PARAM, bind="query-params",
                     help=t("sidebar.presenter_help"))
