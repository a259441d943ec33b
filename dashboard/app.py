"""Entry script: ``streamlit run dashboard/app.py`` (``make run``). Shared sidebar, then the chosen page."""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # streamlit puts dashboard/ on sys.path, not the repository root
    sys.path.insert(0, str(REPO_ROOT))

import streamlit as st  # noqa: E402

from dashboard.i18n import t  # noqa: E402
from dashboard.sidebar import SIDEBAR_WIDTH_PX, render_sidebar  # noqa: E402

PAGES_DIR = REPO_ROOT / "pages"
# (script, icon): the title is "nav.<script>" in the language table; the URL path comes from the file name,
# so links stay the same in either language.
PAGES = [("home", ":material/home:"), ("flow", ":material/timeline:"), ("embeddings", ":material/scatter_plot:"),
         ("attention", ":material/grid_on:"), ("attention_arithmetic", ":material/calculate:"),
         ("positional_encoding", ":material/waves:"),
         ("masked_lm", ":material/edit_note:"), ("rnn_lstm", ":material/repeat:"),
         ("seq2seq_attention", ":material/swap_horiz:"), ("translation", ":material/translate:"),
         ("beam_search", ":material/account_tree:"), ("coreference", ":material/link:"),
         ("compare", ":material/compare:")]

st.set_page_config(page_title=t("app.title"), page_icon=":material/visibility:", layout="wide",
                   initial_sidebar_state=SIDEBAR_WIDTH_PX)
page = st.navigation([st.Page(PAGES_DIR / f"{name}.py", title=t(f"nav.{name}"), icon=icon, default=name == "home")
                      for name, icon in PAGES])
# Pages that read neither BERT's model nor its sentences: the sidebar folds those controls away there.
OWN_INPUT_PAGES = {"flow", "rnn_lstm", "seq2seq_attention", "translation", "beam_search"}
render_sidebar(bert_page=page.url_path not in OWN_INPUT_PAGES)
page.run()
