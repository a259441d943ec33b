"""GPT and BERT side by side: the sidebar's sentence through the chosen GPT and BERT. What each token may look at
(the two masks), where a word ("it") attends in each, the next-word prediction against the masked-word prediction
at the same word, and the notes' bidirectionality made visible: change what comes after the word, and GPT's
prediction there does not move while BERT's does."""

import streamlit as st

from dashboard import cache, sidebar
from dashboard.charts.gpt import future_share_figure, mask_pair_figure, prediction_grid, word_attention_figure
from dashboard.language import t
from dashboard.url_state import url_selectbox
from dashboard.views import gpt as gv
from dashboard.views import head_ablation as hv
from dashboard.widgets import figures, panels, tables
from dashboard.widgets import gpt as gw

DEFAULT_ENDING = "was too wide."
TOP_K = 5


def masks_section(gpt_keep, gpt_tokens, bert_keep, bert_tokens) -> None:
    st.header(t("vs.masks_header"))
    left, right = st.columns(2)
    left.metric(t("vs.gpt_cells"), f"{int(gpt_keep.sum())} / {gpt_keep.size}", help=t("vs.gpt_cells_help"))
    right.metric(t("vs.bert_cells"), f"{int(bert_keep.sum())} / {bert_keep.size}", help=t("vs.bert_cells_help"))
    figures.show_figure(mask_pair_figure(gpt_keep, gpt_tokens, bert_keep, bert_tokens,
                                         (t("vs.gpt_mask_title"), t("vs.bert_mask_title")),
                                         words=figures.chart_words()), "gpt_bert_masks")
    st.caption(t("vs.masks_caption"))


def head_choice(prefix: str, layers: int, heads: int, best, widget) -> tuple[int, int]:
    """A head picker for one model (URL code "L2H1"), its default the model's best head; returns 0-based
    (layer, head)."""
    default = hv.code_of(best.layer, best.head)
    chosen = url_selectbox(t(f"vs.{prefix}_head"), hv.head_codes(layers, heads), default, f"{prefix}_head",
                           widget=widget, help=t("vs.head_help"),
                           format_func=lambda code: t("vs.head_option", layer=hv.heads_of([code])[0][0] + 1,
                                                      head=hv.heads_of([code])[0][1] + 1)
                           + (t("vs.best_mark") if code == default else ""))
    return hv.heads_of([chosen])[0]


def attends_section(context, gpt_name, gpt, gpt_trace, gpt_tokens, gpt_at, bert_at, word) -> None:
    st.header(t("vs.attends_header", word=word.text))
    with st.spinner(t("vs.ranking")):
        bert_best = gw.bert_head_default(context.state.model_name)
        gpt_best, _ = gw.gpt_head_default(gpt_name, gpt)
    gpt_weights, bert_weights = gv.attentions(gpt_trace), gv.attentions(context.trace)
    left, right = st.columns(2)
    g_layer, g_head = head_choice("gpt", *gpt_weights.shape[:2], gpt_best, left)
    b_layer, b_head = head_choice("bert", *bert_weights.shape[:2], bert_best, right)
    st.caption(t("vs.best_caption", gpt=f"L{gpt_best.layer + 1} H{gpt_best.head + 1}", gpt_accuracy=gpt_best.accuracy,
                 bert=f"L{bert_best.layer + 1} H{bert_best.head + 1}", bert_accuracy=bert_best.accuracy))
    rows = [gv.attention_row(gpt_weights[g_layer, g_head], gpt_at), gv.attention_row(bert_weights[b_layer, b_head],
                                                                                      bert_at)]
    titles = [t("vs.row_title", model=gpt_name, layer=g_layer + 1, head=g_head + 1, word=word.text),
              t("vs.row_title", model=context.state.model_name, layer=b_layer + 1, head=b_head + 1, word=word.text)]
    figures.show_figure(word_attention_figure(rows, [gpt_tokens, context.tokens], [gpt_at, bert_at], titles,
                                              words=figures.chart_words()), "gpt_bert_word_attention")
    shares = [gv.future_share(gpt_weights, gpt_at), gv.future_share(bert_weights, bert_at)]
    left, right = st.columns(2)
    left.metric(t("vs.future_gpt"), f"{float(shares[0][g_layer, g_head]):.3f}")
    right.metric(t("vs.future_bert"), f"{float(shares[1][b_layer, b_head]):.3f}")
    figures.show_figure(future_share_figure(shares, [gpt_name, context.state.model_name],
                                            t("vs.future_title", word=word.text), words=figures.chart_words()),
                        "gpt_bert_future_share")
    st.caption(t("vs.future_caption"))


def predictions(context, gpt_name, gpt, text: str, word) -> tuple | None:
    """(GPT's next-word prediction, BERT's masked-word prediction) for ``word`` in ``text``; None when the word is
    cut off for either model or BERT has no MLM head (said on the page)."""
    prompt, trace = gw.traced(gpt_name, gpt, text, gv.context_limit(gpt))
    bert_name = context.state.model_name
    bert_trace, encoded = cache.trace(bert_name, text, None)
    gpt_at = gv.gpt_positions(gpt, prompt, text, word)
    bert_at = gv.bert_positions(context.state.pipeline, text, word, len(encoded.tokens))
    if not gpt_at or not bert_at or gpt_at[0] < 1:
        st.info(t("vs.word_missing", word=word.text))
        return None
    masked, _ = cache.masked_trace(bert_name, text, None, tuple(bert_at))
    if masked.mlm_logits is None:
        st.info(t("vs.no_mlm", model=bert_name))
        return None
    ids = bert_trace.input_ids[0].tolist()
    return (gv.gpt_next_word(trace, gpt, list(prompt.ids), gpt_at, TOP_K),
            gv.bert_masked_word(masked, context.state.pipeline, ids, bert_at, TOP_K), trace, masked, gpt_at, bert_at)


def prediction_section(context, gpt_name, gpt, word) -> None:
    st.header(t("vs.predict_header", word=word.text))
    st.markdown(t("vs.predict_intro", word=word.text))
    first = predictions(context, gpt_name, gpt, context.state.text, word)
    if first is None:
        return
    ending = st.text_input(t("vs.ending"), value=DEFAULT_ENDING, key="ending", bind="query-params",
                           max_chars=300, help=t("vs.ending_help"))
    other_text = context.state.text[:word.end] + " " + ending.strip()
    st.caption(t("vs.other_sentence"))
    st.code(other_text, language=None, wrap_lines=True)
    second = predictions(context, gpt_name, gpt, other_text, word) if ending.strip() else None
    panels_ = [(t("vs.panel_gpt", n=1), first[0]), (t("vs.panel_bert", n=1), first[1])]
    if second is not None:
        panels_ += [(t("vs.panel_gpt", n=2), second[0]), (t("vs.panel_bert", n=2), second[1])]
    figures.show_figure(prediction_grid([(title, p.tokens, p.probabilities, gv.target_row(p)) for title, p in panels_],
                                        words=figures.chart_words()), "gpt_bert_predictions")
    tables.table(gv.true_token_frame(panels_))
    if second is None:
        st.info(t("vs.type_ending"))
        return
    gpt_change = gv.max_probability_change(first[2].logits[0, first[4][0] - 1], second[2].logits[0, second[4][0] - 1])
    bert_change = gv.max_probability_change(first[3].mlm_logits[0, first[5][0]], second[3].mlm_logits[0, second[5][0]])
    left, right = st.columns(2)
    left.metric(t("vs.change_gpt"), f"{gpt_change:.2g}", help=t("vs.change_help"))
    right.metric(t("vs.change_bert"), f"{bert_change:.2g}", help=t("vs.change_help"))
    st.markdown(t("vs.bidirectional", word=word.text))


st.title(t("nav.gpt_vs_bert"))
gpt_model = gw.gpt_picker()
page_context = sidebar.require_trace()
panels.explanation_panel("gpt_vs_bert", sidebar.current().lang, expanded=True)
gpt_pipeline = gw.loaded_gpt(gpt_model)
if page_context is not None and gpt_pipeline is not None:
    sentence = page_context.state.text
    gpt_prompt, gpt_trace = gw.traced(gpt_model, gpt_pipeline, sentence, gv.context_limit(gpt_pipeline))
    bpe = gpt_pipeline.tokens(list(gpt_prompt.ids))
    gpt_shown = gv.token_texts(bpe)
    gw.prompt_notices(gpt_pipeline, gpt_model, gpt_prompt, bpe)
    st.caption(t("vs.reads", model=gpt_model))
    st.code(" · ".join(gpt_shown), language=None, wrap_lines=True)
    st.caption(t("vs.reads", model=page_context.state.model_name))
    st.code(" · ".join(page_context.tokens), language=None, wrap_lines=True)
    masks_section(gv.keep_matrix(gpt_trace), gpt_shown, gv.bert_keep_matrix(page_context.trace), page_context.tokens)
    sentence_words = gv.sentence_words(sentence)
    if not sentence_words:
        st.info(t("vs.no_words"))
    else:
        index = url_selectbox(t("vs.word"), list(range(len(sentence_words))), gv.default_word(sentence_words), "word",
                              format_func=lambda i: sentence_words[i].label, context=sentence,
                              help=t("vs.word_help"))
        chosen_word = sentence_words[index]
        gpt_at = gv.gpt_positions(gpt_pipeline, gpt_prompt, sentence, chosen_word)
        bert_at = gv.bert_positions(page_context.state.pipeline, sentence, chosen_word, len(page_context.tokens))
        if not gpt_at or not bert_at:
            st.info(t("vs.word_missing", word=chosen_word.text))
        else:
            attends_section(page_context, gpt_model, gpt_pipeline, gpt_trace, gpt_shown, gpt_at, bert_at, chosen_word)
            prediction_section(page_context, gpt_model, gpt_pipeline, chosen_word)
