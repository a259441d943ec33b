"""Entry script: ``streamlit run dashboard/app.py`` (``make run``). Shared sidebar, then the chosen page."""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # streamlit puts dashboard/ on sys.path, not the repository root
    sys.path.insert(0, str(REPO_ROOT))

import streamlit as st  # noqa: E402

from dashboard.sidebar import render_sidebar  # noqa: E402

PAGES_DIR = REPO_ROOT / "pages"
PAGES = [
    st.Page(PAGES_DIR / "home.py", title="Home", icon=":material/home:", default=True),
    st.Page(PAGES_DIR / "embeddings.py", title="Embeddings", icon=":material/scatter_plot:"),
    st.Page(PAGES_DIR / "attention.py", title="Attention", icon=":material/grid_on:"),
    st.Page(PAGES_DIR / "attention_arithmetic.py", title="Attention arithmetic", icon=":material/calculate:"),
    st.Page(PAGES_DIR / "positional_encoding.py", title="Positional encoding", icon=":material/waves:"),
    st.Page(PAGES_DIR / "masked_lm.py", title="Masked LM", icon=":material/edit_note:"),
    st.Page(PAGES_DIR / "translation.py", title="Translation", icon=":material/translate:"),
    st.Page(PAGES_DIR / "beam_search.py", title="Beam search", icon=":material/account_tree:"),
    st.Page(PAGES_DIR / "coreference.py", title="Coreference", icon=":material/link:"),
    st.Page(PAGES_DIR / "compare.py", title="Compare models", icon=":material/compare:"),
]

st.set_page_config(page_title="Attention dashboard", page_icon=":material/visibility:", layout="wide")
page = st.navigation(PAGES)
render_sidebar()
page.run()
