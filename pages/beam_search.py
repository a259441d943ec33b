"""Beam search: the whole search tree, kept / pruned / finished hypotheses, the n-best and the greedy path,
and the cross-attention of a chosen finished hypothesis."""

from collections import Counter

import streamlit as st

from dashboard import cache, sidebar, translator_widgets, widgets
from dashboard.charts.beam import beam_tree_figure, tree_layout, visible_nodes
from dashboard.charts.translation import alignment_heatmap
from dashboard.views import beam as beam_views

st.title("Beam search: the whole tree")
name, source, translator = translator_widgets.translator_page("beam_search")
if translator is not None:
    limit = translator.model.config.max_position_embeddings - 1
    width_col, length_col, alpha_col = st.columns(3)
    beam = width_col.slider("Beam width K", 1, 10, 4, key="beam", bind="query-params",
                            help="Hypotheses kept at every step. 1 is greedy decoding.")
    max_length = length_col.slider("Maximum length", 1, limit, min(20, limit), key="max_length",
                                   bind="query-params", help="Tokens, </s> included; at the last step only </s> may follow.")
    alpha = alpha_col.slider("Length penalty α", 0.0, 2.0, 0.6, 0.1, key="alpha", bind="query-params",
                             help="Final score = log-prob / length^α; 0 ranks by raw log-prob.")
    result = translator_widgets.run_or_warn(cache.beam_translation, name, source, beam, max_length, alpha)
    greedy_result = None if result is None else translator_widgets.run_or_warn(cache.greedy_translation, name,
                                                                         source, max_length, alpha)
    if greedy_result is not None:
        greedy = greedy_result.candidates[0]
        tree = result.search.tree
        tokens = beam_views.node_tokens(tree, result.target_vocabulary)
        greedy_path = beam_views.greedy_path_in_tree(tree, greedy.hypothesis.token_ids)
        fates = Counter(node.fate for node in tree.nodes)
        scored = tree.num_scored()
        show_pruned = st.toggle("Show pruned hypotheses", True, key="show_pruned", bind="query-params")
        drawn = visible_nodes(tree.nodes, show_pruned)
        widgets.show_figure(beam_tree_figure(
            drawn, tokens, tree_layout(drawn), greedy_path, beam_views.n_best_ranks(result),
            title=f"{' '.join(result.source_tokens)} — K = {beam}, max length {max_length}, α = {alpha:g}"),
            "beam_tree")
        st.caption(sidebar.text(
            f"{len(tree.nodes)} nodes after {result.search.steps} steps: {fates['kept']} kept, "
            f"{fates['finished']} finished, {fates['pruned']} pruned. These are the 2K extensions compared "
            f"for the beam at each step, out of {scored:,} hypotheses scored in all (every live "
            "hypothesis × every word); the CSV and JSON downloads hold all of them. "
            "Hover a node for its cumulative log-prob. "
            + ("The orange band is the greedy translation, wholly inside the tree."
               if len(greedy_path) == len(greedy.hypothesis.token_ids) + 1 else
               f"The orange band follows the greedy translation for {len(greedy_path) - 1} of its "
               f"{len(greedy.hypothesis.token_ids)} tokens; its next token was not among this beam's extensions."),
            f"{result.search.steps} step 동안 노드 {len(tree.nodes)}개: kept {fates['kept']}, finished {fates['finished']}, "
            f"pruned {fates['pruned']}. 각 step에서 beam 자리를 두고 비교된 2K개의 확장이며, 점수가 매겨진 가설은 "
            f"모두 {scored:,}개입니다(살아 있는 가설 × 모든 단어). CSV와 JSON 다운로드에 전부 들어 있습니다. "
            "노드 위에 마우스를 올리면 누적 log 확률이 보입니다. "
            + ("주황색 띠는 greedy 번역이며, 트리 안에 모두 있습니다."
               if len(greedy_path) == len(greedy.hypothesis.token_ids) + 1 else
               f"주황색 띠는 greedy 번역의 {len(greedy.hypothesis.token_ids)}개 토큰 중 {len(greedy_path) - 1}개까지 "
               "따라갑니다; 그다음 토큰은 이 beam의 확장 후보에 없었습니다.")))
        widgets.downloads("beam_tree", lambda: beam_views.tree_frame(result),
                          lambda: beam_views.beam_payload(result, greedy))

        st.subheader(sidebar.text("Final n-best (and greedy for comparison)", "최종 n-best (비교용 greedy 포함)"))
        st.dataframe(beam_views.n_best_frame(result, greedy), hide_index=True)

        @st.fragment
        def hypothesis_attention() -> None:
            ranks = list(range(1, len(result.candidates) + 1))
            rank = st.radio("Finished hypothesis (rank in the n-best)", ranks, key="hypothesis", bind="query-params",
                            horizontal=True)
            candidate = result.candidates[rank - 1]
            st.markdown(f"**#{rank}**: {candidate.text or '(empty)'} — score {candidate.score:.4f}, "
                        f"log-prob {candidate.log_prob:.4f}")
            attention = beam_views.candidate_cross_attention(candidate)  # (L, H, T, S)
            layer, head = widgets.layer_head_pickers(*attention.shape[:2])
            widgets.show_figure(alignment_heatmap(
                attention[layer, head], result.source_tokens, beam_views.candidate_output_tokens(candidate),
                title=f"Cross-attention of #{rank}, layer {layer + 1}, head {head + 1} (as recorded during the search)"),
                "beam_cross_attention")

        hypothesis_attention()
