"""Beam search: the whole search tree, kept / pruned / finished hypotheses, the n-best and the greedy path,
and the cross-attention of a chosen finished hypothesis."""

import streamlit as st

from dashboard import cache, translator_widgets, widgets
from dashboard.charts.beam import beam_tree_figure, tree_layout, visible_nodes
from dashboard.charts.translation import alignment_heatmap
from dashboard.i18n import t
from dashboard.views import beam as beam_views

st.title(t("beam.title"))
name, source, translator = translator_widgets.translator_page("beam_search")
if translator is not None:
    limit = translator.model.config.max_position_embeddings - 1
    width_col, length_col, alpha_col = st.columns(3)
    beam = width_col.slider(t("beam.width"), 1, 10, 4, key="beam", bind="query-params", help=t("beam.width_help"))
    max_length = length_col.slider(t("beam.max_length"), 1, limit, min(20, limit), key="max_length",
                                   bind="query-params", help=t("beam.max_length_help"))
    alpha = alpha_col.slider(t("beam.alpha"), 0.0, 2.0, 0.6, 0.1, key="alpha", bind="query-params",
                             help=t("beam.alpha_help"))
    result = translator_widgets.run_or_warn(cache.beam_translation, name, source, beam, max_length, alpha)
    greedy_result = None if result is None else translator_widgets.run_or_warn(cache.greedy_translation, name,
                                                                         source, max_length, alpha)
    if greedy_result is not None:
        greedy = greedy_result.candidates[0]
        tree = result.search.tree
        tokens = beam_views.node_tokens(tree, result.target_vocabulary)
        greedy_path = beam_views.greedy_path_in_tree(tree, greedy.hypothesis.token_ids)
        counts = beam_views.tree_counts(result, greedy_path, greedy)
        show_pruned = st.toggle(t("beam.show_pruned"), True, key="show_pruned", bind="query-params")
        drawn = visible_nodes(tree.nodes, show_pruned)
        widgets.show_figure(beam_tree_figure(
            drawn, tokens, tree_layout(drawn), greedy_path, beam_views.n_best_ranks(result),
            title=t("beam.tree_title", source=" ".join(result.source_tokens), beam=beam, max_length=max_length,
                    alpha=alpha)), "beam_tree")
        st.caption(t("beam.tree_caption", nodes=counts.nodes, steps=counts.steps, kept=counts.kept,
                     finished=counts.finished, pruned=counts.pruned, scored=counts.scored)
                   + (t("beam.greedy_inside") if counts.greedy_inside else
                      t("beam.greedy_partly", followed=counts.greedy_followed, length=counts.greedy_length)))
        widgets.downloads("beam_tree", lambda: beam_views.tree_frame(result),
                          lambda: beam_views.beam_payload(result, greedy))

        st.subheader(t("beam.n_best"))
        widgets.table(beam_views.n_best_frame(result, greedy))

        @st.fragment
        def hypothesis_attention() -> None:
            ranks = list(range(1, len(result.candidates) + 1))
            rank = st.radio(t("beam.hypothesis"), ranks, key="hypothesis", bind="query-params", horizontal=True)
            candidate = result.candidates[rank - 1]
            st.markdown(t("beam.candidate", rank=rank, text=candidate.text or t("widgets.empty"),
                          score=candidate.score, log_prob=candidate.log_prob))
            attention = beam_views.candidate_cross_attention(candidate)  # (L, H, T, S)
            layer, head = widgets.layer_head_pickers(*attention.shape[:2])
            widgets.show_figure(alignment_heatmap(
                attention[layer, head], result.source_tokens, beam_views.candidate_output_tokens(candidate),
                title=t("beam.cross_title", rank=rank, layer=layer + 1, head=head + 1)), "beam_cross_attention")

        hypothesis_attention()
