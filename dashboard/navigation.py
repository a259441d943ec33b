"""The sidebar's pages, in sections: plain data that the entry script and the tests read."""

from __future__ import annotations

import threading

# Sections follow note 003's flow: recurrent models, then the Transformer, GPT-1, pre-training then fine-tuning (the
# two stages GPT-1 and BERT share) and BERT (word embeddings sit with the start, before the RNN). Each page is
# (script, icon); its title is "nav.<script>" and its section's "nav.section.<section>" in the language table. The
# URL path comes from the file name alone, so links stay the same in either language and whichever section a page
# sits in.
SECTIONS = {
    "start": [("home", ":material/home:"), ("flow", ":material/timeline:"), ("word_embeddings", ":material/hub:")],
    "recurrent": [("rnn_lstm", ":material/repeat:"), ("seq2seq_attention", ":material/swap_horiz:")],
    "transformer": [("translation", ":material/translate:"), ("beam_search", ":material/account_tree:"),
                    ("attention_arithmetic", ":material/calculate:"), ("positional_encoding", ":material/waves:")],
    "gpt": [("gpt_next_word", ":material/keyboard_double_arrow_right:"), ("gpt_vs_bert", ":material/compare_arrows:")],
    "finetune": [("fine_tuning", ":material/model_training:")],
    "bert": [("embeddings", ":material/scatter_plot:"), ("attention", ":material/grid_on:"),
             ("masked_lm", ":material/edit_note:"), ("coreference", ":material/link:"),
             ("compare", ":material/compare:")],
}


def navigation_pages(pages_dir, lang: str, title) -> dict:
    """``st.navigation``'s sections of ``st.Page`` in language ``lang`` (``title(name)`` names a page or section).

    ``st.Page`` resolves its script's path on the file system (a realpath per page, 14 % of a cached visit's CPU
    under a class's load), so each language's pages are made once per server and every run gets shallow copies:
    ``st.navigation`` marks the page it returns as callable and ``Page.run`` unmarks it, a flag that two sessions
    opening the same page at once must not share.
    """
    import copy

    import streamlit as st

    with _PAGES_LOCK:
        made = _PAGES.get(lang)
        if made is None:
            made = {title(f"nav.section.{section}"): [
                st.Page(pages_dir / f"{name}.py", title=title(f"nav.{name}"), icon=icon, default=name == "home")
                for name, icon in pages] for section, pages in SECTIONS.items()}
            _PAGES[lang] = made
    return {section: [copy.copy(page) for page in pages] for section, pages in made.items()}


_PAGES: dict = {}  # language -> sections of st.Page, made in a script run (st.Page needs its context)
_PAGES_LOCK = threading.Lock()
