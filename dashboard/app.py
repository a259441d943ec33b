"""Entry script: ``streamlit run dashboard/app.py`` (``make run``). Shared sidebar, then the chosen page."""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # streamlit puts dashboard/ on sys.path, not the repository root
    sys.path.insert(0, str(REPO_ROOT))

import streamlit as st  # noqa: E402

from dashboard import presenter  # noqa: E402
from dashboard.language import current_language, t  # noqa: E402
from dashboard.navigation import navigation_pages  # noqa: E402
from dashboard.sidebar import DEFAULT_TEXT, SIDEBAR_WIDTH_PX, render_sidebar  # noqa: E402
from dashboard.turns import new_sentence_turn  # noqa: E402

PAGES_DIR = REPO_ROOT / "pages"
# A run with a sentence this server has not drawn yet waits for its turn, so under a class's burst the first
# student's whole page is built and sent first (dashboard/turns.py); every other run goes at once.
with new_sentence_turn(DEFAULT_TEXT):
    st.set_page_config(page_title=t("app.title"), page_icon=":material/visibility:", layout="wide",
                       initial_sidebar_state=presenter.sidebar_state(SIDEBAR_WIDTH_PX))
    # expanded=True: with more than twelve pages Streamlit would fold the last ones behind "View more".
    page = st.navigation(navigation_pages(PAGES_DIR, current_language(), t), expanded=True)
    # Pages that read neither BERT's model nor its sentences: the sidebar folds those controls away there.
    OWN_INPUT_PAGES = {"flow", "word_embeddings", "rnn_lstm", "seq2seq_attention", "translation", "beam_search",
                       "gpt_next_word"}
    render_sidebar(bert_page=page.url_path not in OWN_INPUT_PAGES)
    page.run()
