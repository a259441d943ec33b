"""The flow: the lecture notes' timeline RNN → LSTM → seq2seq → attention → Transformer → GPT-1 → BERT, each
step's features and limits as note 003 lists them, each linked to the page that shows it."""

import streamlit as st

from dashboard.i18n import explanation
from dashboard.language import t
from dashboard.sidebar import current
from dashboard.views.translation import LECTURE_PRESETS

# (explanation key, pages that show it); the title "flow.step.<key>" holds the name and the year and venue
# as note 003's timeline writes them
STEPS = [
    ("flow_word_embeddings", ("word_embeddings",)),
    ("flow_rnn", ("rnn_lstm",)),
    ("flow_lstm", ("rnn_lstm",)),
    ("flow_seq2seq", ("seq2seq_attention",)),
    ("flow_attention", ("seq2seq_attention",)),
    ("flow_transformer", ("translation", "translation_pronoun", "attention")),
    ("flow_gpt1", ("gpt_next_word", "gpt_vs_bert", "fine_tuning")),  # both: "pre-training & fine-tuning"
    ("flow_bert", ("masked_lm", "embeddings", "fine_tuning")),
]
# links that open a page on a sentence: "it" through translation needs the lecture's sentence
LINK_TARGETS = {"translation_pronoun": ("translation", {"source": LECTURE_PRESETS["tired"]})}

lang = current().lang
st.title(t("flow.title"))
st.markdown(explanation("flow", lang))
for index, (key, pages) in enumerate(STEPS, start=1):
    with st.container(border=True):
        st.subheader(f"{index}. {t(f'flow.step.{key}')}")
        st.markdown(explanation(key, lang))
        for link in pages:
            page, query = LINK_TARGETS.get(link, (link, None))
            st.page_link(f"../pages/{page}.py", label=t(f"flow.link.{link}"), icon=":material/arrow_forward:",
                         query_params=query)
