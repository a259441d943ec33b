"""The sidebar's pages, in sections: plain data that the entry script and the tests read."""

from __future__ import annotations

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
