"""The language this run shows, and the UI texts in it: ``t(key, **fields)``.

The table itself (``dashboard.i18n``) is plain data; this module reads which language the sidebar's
radio holds (Session State) or the URL asks for, so it is the one place Streamlit meets the table.
"""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import LANG_PARAM, LANGUAGES, label
from dashboard.url_state import once_per_run, widget_key


def current_language() -> str:
    """The language the sidebar shows in this run: the radio's value once it exists, else the URL's code.

    Read from Session State rather than from the drawn sidebar, so texts drawn before the radio
    (the navigation, the model picker) already follow a click on it. A run asks for it once per text (hundreds of
    times on a BERT page, each a Session State lookup through Streamlit's proxies), and it cannot change within a
    run (a click on the radio starts a new one), so it is read once per run (``url_state.once_per_run``)."""
    return once_per_run("language", _read_language)


def _read_language() -> str:
    chosen = st.session_state.get(widget_key(LANG_PARAM))
    if chosen in LANGUAGES:
        return chosen
    code = st.query_params.get(LANG_PARAM)
    return code if code in LANGUAGES else "en"


def t(key: str, **fields) -> str:
    """The UI text ``key`` in the current language (see ``current_language``)."""
    return label(key, current_language(), **fields)
