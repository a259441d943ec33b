"""GPT: the next word. A prompt's next-token distribution and what temperature, top-k and top-p cut from it; a
continuation drawn token by token with a seed, next to greedy and beam search (with the beam's tree); the causal
attention of every layer and head, the look-ahead mask drawn.

The trace and the continuations are cached per (model, prompt, options); the sliders of the distribution and the
attention views live in fragments, so moving them never runs the model again.
"""

import streamlit as st

from core.decoding import BEAM_WIDTH
from dashboard.charts.attention import head_view
from dashboard.charts.beam import beam_tree_figure, tree_layout, visible_nodes
from dashboard.charts.gpt import causal_heatmap, causal_model_view, next_token_figure
from dashboard.language import t
from dashboard.sidebar import current
from dashboard.url_state import url_tabs
from dashboard.views import gpt as gv
from dashboard.views.beam import greedy_path_in_tree
from dashboard.widgets import figures, panels, pickers, tables
from dashboard.widgets import gpt as gw

TABS = ["All heads", "One head", "Head view"]  # URL codes of the attention views; shown translated
SHOWN = 20  # tokens in the next-token chart


def cut_controls(prefix: str = "") -> tuple[float, int | None, float | None]:
    """Temperature, top-k (0: off) and top-p (1: off) sliders, bound to the URL; returns the cuts to apply."""
    left, middle, right = st.columns(3)
    temperature = left.slider(t("gpt.temperature"), 0.1, 2.0, 1.0, 0.1, key="temperature", bind="query-params",
                              help=t("gpt.temperature_help"))
    top_k = middle.slider(t("gpt.top_k"), 0, 50, 0, key="top_k", bind="query-params", help=t("gpt.top_k_help"))
    top_p = right.slider(t("gpt.top_p"), 0.05, 1.0, 1.0, 0.05, key="top_p", bind="query-params",
                         help=t("gpt.top_p_help"))
    return temperature, (top_k or None), (None if top_p >= 1.0 else top_p)


def next_token_section(trace, vocabulary: list[str], cuts) -> None:
    st.header(t("gpt.next_header"))
    view = gv.next_token_view(trace.logits[0, -1], vocabulary, *cuts, shown=SHOWN)
    columns = st.columns(3)
    columns[0].metric(t("gpt.kept"), f"{view.kept:,} / {view.vocab_size:,}", help=t("gpt.kept_help"))
    columns[1].metric(t("gpt.kept_by_k"), f"{view.kept_by_top_k:,}", help=t("gpt.kept_by_k_help"))
    columns[2].metric(t("gpt.kept_mass"), f"{view.kept_mass:.1%}", help=t("gpt.kept_mass_help"))
    figures.show_figure(next_token_figure(view.frame, t("gpt.next_title", shown=len(view.frame)),
                                          words=figures.chart_words()), "gpt_next_token")
    st.caption(t("gpt.next_caption"))
    tables.downloads("gpt_next_token", view.frame)


def generation_section(name, pipeline, prompt: gv.Prompt, vocabulary: list[str], cuts) -> None:
    st.header(t("gpt.generate_header"))
    room = pipeline.model.config.n_positions - len(prompt.ids)
    if room < 1:
        st.info(t("gpt.no_room", positions=pipeline.model.config.n_positions))
        return
    left, middle, right = st.columns(3)
    most = min(gv.MAX_NEW, room)
    max_new = left.slider(t("gpt.max_new"), 1, most, min(12, most), key="max_new", bind="query-params") \
        if most > 1 else 1
    seed = int(middle.number_input(t("gpt.seed"), 0, 2**31 - 1, 0, key="seed", bind="query-params",
                                   help=t("gpt.seed_help")))
    beam = right.slider(t("gpt.beam"), 1, 8, BEAM_WIDTH, key="beam", bind="query-params", help=t("gpt.beam_help"))
    temperature, top_k, top_p = cuts
    st.caption(t("gpt.generate_caption", temperature=temperature, top_k=top_k or t("gpt.off"),
                 top_p=top_p or t("gpt.off"), seed=seed))
    found = gw.continuations(name, pipeline, prompt.ids, max_new, temperature, top_k, top_p, seed, beam)
    names = {"sampled": t("gpt.method_sampled"), "greedy": t("gpt.method_greedy"), "beam": t("gpt.method_beam")}
    frame = gv.continuations_frame(pipeline, found, names)
    tables.table(frame)
    tables.downloads("gpt_continuations", frame)
    step_by_step(name, pipeline, prompt, found, vocabulary, cuts)
    beam_tree(prompt, found, vocabulary, max_new, beam, pipeline.model.config.eos_token_id)


def step_by_step(name, pipeline, prompt: gv.Prompt, found: gv.Continuations, vocabulary, cuts) -> None:
    """The sampled continuation one token at a time: the distribution each token was drawn from, the draw starred."""
    generated = found.sampled.token_ids
    if not generated:
        return
    st.subheader(t("gpt.steps_header"))
    trace = gw.traced_ids(name, pipeline, prompt.ids + tuple(generated))
    steps = gv.generation_steps(found.sampled, trace.logits[0], vocabulary, *cuts)

    def one_step() -> None:  # not a fragment: it sits in the distribution's fragment, and all it reads is cached
        step = st.slider(t("gpt.step"), 1, len(generated), 1, key="gpt_step") if len(generated) > 1 else 1
        so_far = gv.token_texts(pipeline.tokens(generated[:step - 1]))
        drawn = gv.token_text(vocabulary[generated[step - 1]])
        st.code(" · ".join([t("gpt.prompt_marker")] + so_far + [f"[{drawn}]"]), language=None, wrap_lines=True)
        view = gv.next_token_view(trace.logits[0, len(prompt.ids) + step - 2], vocabulary, *cuts, shown=SHOWN)
        chosen = gv.chosen_row(view, generated[step - 1])
        figures.show_figure(next_token_figure(view.frame, t("gpt.step_title", step=step, token=drawn),
                                              chosen=chosen, words=figures.chart_words()), "gpt_step")
        if chosen is None:
            st.caption(t("gpt.step_outside", token=drawn, shown=SHOWN))

    one_step()
    tables.table(steps)


def beam_tree(prompt: gv.Prompt, found: gv.Continuations, vocabulary, max_new: int, beam: int, eos) -> None:
    st.subheader(t("gpt.tree_header"))
    tree, V = found.tree, found.vocab_size
    labels = gv.beam_node_tokens(tree, vocabulary, V, t("gpt.tree_root"), t("gpt.tree_end"))
    greedy = greedy_path_in_tree(tree, gv.greedy_tree_ids(found.greedy, V, eos))
    show_pruned = st.toggle(t("beam.show_pruned"), False, key="show_pruned", bind="query-params",
                            help=t("beam.show_pruned_help"))
    drawn = visible_nodes(tree.nodes, show_pruned)
    figures.show_figure(beam_tree_figure(drawn, labels, tree_layout(drawn), greedy, gv.n_best_nodes(tree),
                                         title=t("gpt.tree_title", beam=beam, max_new=max_new),
                                         words=figures.chart_words()), "gpt_beam_tree")
    st.caption(t("gpt.tree_caption", nodes=len(tree.nodes), scored=tree.num_scored()))


def attention_section(trace, tokens: list[str]) -> None:
    st.header(t("gpt.attention_header"))
    st.caption(t("gpt.attention_caption", share=gv.masked_share(gv.keep_matrix(trace))))

    @st.fragment
    def attention_views() -> None:
        weights, keep = gv.attentions(trace), gv.keep_matrix(trace)
        L, H = weights.shape[:2]
        fixed = st.toggle(t("attention.fixed_scale"), key="fixed_scale", bind="query-params",
                          help=t("attention.fixed_scale_help"))
        words = figures.chart_words()
        all_tab, head_tab, lines_tab = url_tabs("view", TABS, lambda code: t(f"gpt.tab.{code}"))
        if all_tab.open:
            with all_tab:
                figures.show_figure(causal_model_view(weights, keep, tokens, fixed_unit=fixed, words=words),
                                    "gpt_model_view")
        if head_tab.open:
            with head_tab:
                layer, head = pickers.layer_head_pickers(L, H)
                figures.show_figure(causal_heatmap(weights[layer, head], keep, tokens, fixed_unit=fixed, words=words,
                                                   title=t("widgets.layer_head", layer=layer + 1, head=head + 1)),
                                    "gpt_attention_head")
        if lines_tab.open:
            with lines_tab:
                layer, head = pickers.layer_head_pickers(L, H)
                query = pickers.token_picker(tokens, t("gpt.lines_query"))
                figures.show_figure(head_view(weights[layer, [head]], [t("attention.head_option", head=head + 1)],
                                              tokens, query_index=query, words=words), "gpt_head_view")
                st.caption(t("gpt.lines_caption"))

    attention_views()


st.title(t("nav.gpt_next_word"))
model_name = gw.gpt_picker()
prompt_text = gw.prompt_box()
panels.explanation_panel("gpt_next_word", current().lang)
gpt = gw.loaded_gpt(model_name)
if gpt is not None:
    if not prompt_text.strip():
        st.info(t("gpt.empty_prompt"))
    else:
        prompt, prompt_trace = gw.traced(model_name, gpt, prompt_text, gv.prompt_limit(gpt))
        bpe_tokens = gpt.tokens(list(prompt.ids))
        shown_tokens = gv.token_texts(bpe_tokens)
        gw.prompt_notices(gpt, model_name, prompt, bpe_tokens)
        st.caption(t("gpt.reads", count=len(prompt.ids)))
        st.code(" · ".join(shown_tokens), language=None, wrap_lines=True)
        with st.expander(t("gpt.tokens_table")):
            tables.table(gv.tokens_frame(list(prompt.ids), bpe_tokens, gv.text_pieces(gpt, prompt, prompt_text)))
        vocabulary = gw.vocabulary(model_name, gpt)

        @st.fragment
        def distribution_and_generation() -> None:
            cuts = cut_controls()
            next_token_section(prompt_trace, vocabulary, cuts)
            generation_section(model_name, gpt, prompt, vocabulary, cuts)

        distribution_and_generation()
        attention_section(prompt_trace, shown_tokens)
