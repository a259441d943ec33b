"""The Masked LM page's head switches: anyone switches attention heads off and sees the predictions change.

A layout block (Streamlit) over ``dashboard.views.head_ablation`` and ``dashboard.charts.head_ablation``;
the ablated pass is ``BertPipeline.masked_trace(head_mask=...)`` through ``dashboard.cache.masked_trace``.
The URL keeps the switched-off heads as codes (``heads_off=L3H2,L4H1``), so a link reproduces them.
"""

from __future__ import annotations

import streamlit as st

from dashboard import cache
from dashboard.charts.head_ablation import switch_figure
from dashboard.language import t
from dashboard.url_state import url_multiselect
from dashboard.views import bert as views
from dashboard.views import head_ablation as hv
from dashboard.widgets import figures, tables


def head_switches(state, before, original_tokens: list[str], positions: tuple[int, ...], top_k: int) -> None:
    """``before``: the masked trace with every head on; ``positions``: the tokens the page masked."""
    st.subheader(t("heads.title"))
    st.caption(t("heads.intro"))
    config = state.pipeline.model.config
    codes = hv.head_codes(config.num_hidden_layers, config.num_attention_heads)
    chosen = url_multiselect(t("heads.off"), codes, [], "heads_off", format_func=hv.head_name,
                             context=state.model_name, placeholder=t("heads.placeholder"))
    if not chosen:
        st.caption(t("heads.none"))
        return
    heads = hv.heads_of(chosen)
    after, _ = cache.masked_trace(state.model_name, state.text, state.text_b, positions, heads)
    masks = hv.switched_predictions(state.pipeline.tokenizer, before, after, original_tokens, top_k)
    if masks:
        frame = views.switch_changes(masks)
        changed, near = int(frame["changed"].sum()), int(frame["near_tie"].sum())
        st.markdown(t("heads.changed", changed=changed, total=len(masks), heads=len(heads), all=len(codes),
                      mean=f"{float(frame['p_change'].abs().mean()):.3f}"))
        if near:
            st.caption(t("heads.near_ties", near=near, changed=changed, ratio=views.NEAR_TIE_RATIO))
        words = figures.chart_words()
        figures.show_figure(switch_figure(hv.switch_panels(masks, words), len(heads), words),
                            "head_switch_predictions")
        # on screen without the old top-1's probability with the heads off (p, all heads + the change): every
        # column fits the page's width; the download keeps it
        tables.table(frame.drop(columns=["p_top_after"]))
        tables.downloads("head_switch_predictions", frame)
    if state.has_pair:
        nsp_before, nsp_after = views.nsp_probability(before), views.nsp_probability(after)
        if nsp_before is not None:
            st.metric(t("heads.nsp"), f"{nsp_after:.1%}", delta=f"{nsp_after - nsp_before:+.1%}")
    st.caption(t("heads.honest"))
