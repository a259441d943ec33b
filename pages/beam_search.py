"""Beam search: the whole search tree step by step, kept / pruned / finished / cut hypotheses, the n-best and the
greedy path, shipped held-out examples where beam search beats greedy, and the cross-attention of a chosen
finished hypothesis."""

import streamlit as st

from core.decoding import BEAM_WIDTH, LENGTH_PENALTY
from dashboard import cache
from dashboard.charts.beam import beam_tree_figure, path_to, tree_layout, visible_nodes
from dashboard.charts.translation import alignment_heatmap
from dashboard.language import t
from dashboard.views import beam as beam_views
from dashboard.widgets import figures, pickers, tables
from dashboard.widgets import translator as translator_widgets

WIDE = 5  # from this width on, pruned hypotheses start hidden: 2K per step would crowd the picture
WINDOW = 12  # steps in view at once: a longer search scrolls with the step slider


def load_example(wins: list[dict], beam: int, alpha: float) -> None:
    """Callback of the examples box: the chosen source and the settings that reproduce the held-out finding."""
    index = st.session_state.get("example")
    if index is not None:
        example = wins[index]
        st.session_state.update(source=example["source"], beam=beam, alpha=alpha, max_length=example["max_length"])


def examples_section(name: str, source: str, limit: int) -> dict | None:
    """The shipped held-out examples where beam search beats greedy for this translator (or why there are
    none); returns the example whose source is in the sidebar, to compare with its reference."""
    found = beam_views.beam_examples(name)
    with st.expander(t("beam.examples_title"), expanded=False):
        if found is None:
            st.info(t("beam.examples_missing", model=name))
            return None
        counts = {key: found[key] for key in ("sentences", "beam_right_greedy_wrong", "greedy_right_beam_wrong",
                                              "beam_differs")}
        st.caption(t("beam.examples_counts", model=name, beam=found["beam"], alpha=found["length_penalty"], **counts))
        wins = [w for w in found["wins"] if w["max_length"] <= limit]
        if not wins:
            st.info(t("beam.examples_none", model=name, sentences=found["sentences"], differs=found["beam_differs"]))
            return None
        tables.table(beam_views.examples_frame(wins))
        st.selectbox(t("beam.examples_pick"), range(len(wins)), index=None, key="example",
                     format_func=lambda i: wins[i]["source"], placeholder=t("beam.examples_placeholder"),
                     on_change=load_example, args=(wins, found["beam"], found["length_penalty"]))
        st.caption(t("beam.examples_command", command=found["command"]))
    return beam_views.example_for(wins, source)


st.title(t("beam.title"))
name, source, translator = translator_widgets.translator_page("beam_search")
if translator is not None:
    limit = translator.model.config.max_position_embeddings - 1
    example = examples_section(name, source, limit)
    width_col, length_col, alpha_col = st.columns(3)
    beam = width_col.slider(t("beam.width"), 1, 10, BEAM_WIDTH, key="beam", bind="query-params",
                            help=t("beam.width_help"))
    # 0: the limit follows the source (core.decoding.decode_length_limit), as translate and the evaluation decode
    max_length = length_col.slider(t("beam.max_length"), 0, limit, 0, key="max_length", bind="query-params",
                                   help=t("beam.max_length_help"))
    alpha = alpha_col.slider(t("beam.alpha"), 0.0, 2.0, LENGTH_PENALTY, 0.1, key="alpha", bind="query-params",
                             help=t("beam.alpha_help"))
    result = translator_widgets.run_or_warn(cache.beam_translation, name, source, beam, max_length, alpha)
    greedy_result = None if result is None else translator_widgets.run_or_warn(cache.greedy_translation, name,
                                                                         source, max_length, alpha)
    if greedy_result is not None:
        greedy = greedy_result.candidates[0]
        tree = result.search.tree
        if not max_length:
            st.caption(t("beam.max_length_auto", limit=result.search.max_length, tokens=len(result.source_tokens)))
        translator_widgets.show_notices(translator.name, result.candidates[0], result.search.max_length, beam, alpha)
        vocabulary = result.target_vocabulary
        tokens = beam_views.node_tokens(tree, vocabulary)
        greedy_path = beam_views.greedy_path_in_tree(tree, greedy.hypothesis.token_ids)
        counts = beam_views.tree_counts(result, greedy_path, greedy)
        if example is not None:  # the reference of a held-out example, and who matches it with these settings
            outcome = beam_views.example_outcome(example, result.candidates[0].tokens, greedy.tokens)
            st.info(t(f"beam.example_{outcome}", reference=example["reference"], beam=beam,
                      beam_text=result.candidates[0].text or t("beam.empty_hypothesis"),
                      greedy_text=greedy.text or t("beam.empty_hypothesis")))

        @st.fragment
        def tree_view() -> None:
            steps = max(n.step for n in tree.nodes)
            controls = st.columns([3, 2])
            up_to = controls[0].slider(t("beam.tree_step"), 1, steps, steps, key="tree_step",
                                       help=t("beam.tree_step_help")) if steps > 1 else steps
            show_pruned = controls[1].toggle(t("beam.show_pruned"), beam < WIDE, key="show_pruned",
                                             bind="query-params", help=t("beam.show_pruned_help"))
            choices = beam_views.step_choices(tree, up_to)
            chosen = st.selectbox(t("beam.highlight"), choices, index=None, key="highlight",
                                  placeholder=t("beam.highlight_placeholder", step=up_to),
                                  format_func=lambda i: t("beam.highlight_option", text=beam_views.path_text(
                                      tree, vocabulary, i) or t("beam.empty_hypothesis"),
                                      fate=t(f"beam.fate_{tree.nodes[i].fate}"),
                                      score=beam_views.significant(tree.nodes[i].score)))
            everything = visible_nodes(tree.nodes, show_pruned)
            drawn = visible_nodes(tree.nodes, show_pruned, up_to)
            figures.show_figure(beam_tree_figure(
                drawn, tokens, tree_layout(everything), greedy_path, beam_views.n_best_ranks(result),
                title=t("beam.tree_title", source=beam_views.shorten(" ".join(result.source_tokens)), beam=beam,
                        max_length=result.search.max_length,
                        alpha=alpha), highlight=None if chosen is None else path_to(tree.nodes, chosen),
                last_step=steps if steps <= WINDOW else up_to, window=WINDOW if steps > WINDOW else None,
                words=figures.chart_words()), "beam_tree")
            if steps > WINDOW:
                st.caption(t("beam.window", window=WINDOW))
            st.caption(t("beam.tree_caption", nodes=counts.nodes, steps=counts.steps, kept=counts.kept,
                         finished=counts.finished, cut=counts.cut, pruned=counts.pruned, scored=counts.scored)
                       + (t("beam.greedy_inside") if counts.greedy_inside else
                          t("beam.greedy_partly", followed=counts.greedy_followed, length=counts.greedy_length)))
            st.markdown(t("beam.at_step", step=up_to))
            at_step = beam_views.beam_at_step(tree, vocabulary, up_to, empty=t("beam.empty_hypothesis"))
            at_step["beam_fate"] = [t(f"beam.fate_{fate}") for fate in at_step["beam_fate"]]
            tables.table(at_step)

        tree_view()
        tables.downloads("beam_tree", lambda: beam_views.tree_frame(result),
                          lambda: beam_views.beam_payload(result, greedy))

        st.subheader(t("beam.n_best"))
        tables.table(beam_views.n_best_frame(result, greedy, empty=t("beam.empty_hypothesis"),
                                              greedy_node=greedy_path[-1] if counts.greedy_inside else None))

        @st.fragment
        def hypothesis_attention() -> None:
            ranks = list(range(1, len(result.candidates) + 1))
            rank = st.radio(t("beam.hypothesis"), ranks, key="hypothesis", bind="query-params", horizontal=True)
            candidate = result.candidates[rank - 1]
            st.markdown(t("beam.candidate", rank=rank, text=candidate.text or t("beam.empty_hypothesis"),
                          score=candidate.score, log_prob=candidate.log_prob))
            attention = beam_views.candidate_cross_attention(candidate)  # (L, H, T, S), or None without attention
            if attention is None:
                st.info(t("beam.no_attention"))
                return
            layer, head = pickers.layer_head_pickers(*attention.shape[:2])
            figures.show_figure(alignment_heatmap(
                attention[layer, head], result.source_tokens, beam_views.candidate_output_tokens(candidate),
                title=t("beam.cross_title", rank=rank, layer=layer + 1, head=head + 1), words=figures.chart_words()),
                "beam_cross_attention")

        hypothesis_attention()
