"""What the two GPT pages share: the GPT picker (and the next-word page's prompt) in the sidebar, the loaded model
or a notice saying why there is none, and the cached results every session shares.

Widgets are bound to URL query parameters (``gpt``, ``prompt``), so a copied link reproduces the view. Results
go through ``dashboard.cache.shared`` (``st.cache_resource``, keyed by model name, text and options): a trace or a
generation is computed once per server, and moving a slider that only changes the view never runs the model.
"""

from __future__ import annotations

import streamlit as st

from core.gpt.generation import beam_continue, generate
from core.gpt.pipeline import GPTPipeline
from dashboard import cache, registry
from dashboard.language import t
from dashboard.sidebar import load_error
from dashboard.url_state import url_selectbox
from dashboard.views import gpt as gv

DEFAULT_PROMPT = "The animal didn't cross the street because it"


def gpt_picker() -> str | None:
    """The GPT to show, from the operator's list (sidebar, URL ``gpt``); None when the server offers none."""
    names = registry.available_gpts()
    with st.sidebar:
        st.divider()
        st.caption(t("gpt.sidebar_caption"))
        return url_selectbox(t("gpt.model"), names, names[0], "gpt", help=t("gpt.model_help")) if names else None


def prompt_box() -> str:
    """The next-word page's prompt, in the sidebar, bound to the URL (``prompt``)."""
    with st.sidebar:
        return st.text_input(t("gpt.prompt"), value=DEFAULT_PROMPT, key="prompt", bind="query-params",
                             help=t("gpt.prompt_help")) or ""


def loaded_gpt(name: str | None) -> GPTPipeline | None:
    """The GPT pipeline, or None after a notice: no GPT offered, or this one does not load, or has no tokenizer."""
    if name is None:
        st.info(t("gpt.none"), icon=":material/info:")
        return None
    loaded = registry.load_gpt_model(name)
    if loaded.model is None:
        load_error(name, loaded.error)
        return None
    if loaded.model.tokenizer is None:
        st.warning(t("gpt.no_tokenizer", model=name))
        return None
    return loaded.model


def prompt_notices(pipeline: GPTPipeline, name: str, prompt: gv.Prompt, tokens: list[str]) -> None:
    """Say what the model did not read (a long prompt's beginning) and that characters became byte pieces."""
    if prompt.truncated:
        st.warning(t("gpt.truncated", full=prompt.full_length, kept=len(prompt.ids), model=name))
    pieces = gv.byte_pieces(tokens)
    if pieces:
        st.info(t("gpt.byte_pieces", pieces=pieces, model=name), icon=":material/info:")


def traced(name: str, pipeline: GPTPipeline, text: str, limit: int):
    """(Prompt, trace) of ``text`` for the GPT ``name``: once per (model, text, limit) on this server."""
    def build():
        prompt = gv.encode_prompt(pipeline, text, limit)
        return prompt, pipeline.trace(list(prompt.ids), record_all=False)

    return cache.shared("gpt_trace", (name, text, limit), build)


def traced_ids(name: str, pipeline: GPTPipeline, ids: tuple[int, ...]):
    """The trace of given token ids (a prompt and a continuation), once per (model, ids) on this server."""
    return cache.shared("gpt_trace_ids", (name, ids), lambda: pipeline.trace(list(ids), record_all=False))


def vocabulary(name: str, pipeline: GPTPipeline) -> list[str]:
    return cache.shared("gpt_vocabulary", (name,), lambda: gv.vocabulary(pipeline))


def continuations(name: str, pipeline: GPTPipeline, ids: tuple[int, ...], max_new: int, temperature: float,
                  top_k: int | None, top_p: float | None, seed: int, beam: int) -> gv.Continuations:
    """Sampled (seeded), greedy and beam continuations of ``ids`` with the beam's tree, once per options."""
    def build() -> gv.Continuations:
        model = pipeline.model
        sampled = generate(model, list(ids), max_new, temperature, top_k, top_p, seed)
        greedy = generate(model, list(ids), max_new, temperature=0.0)
        beams, search = beam_continue(model, list(ids), beam_size=beam, max_new=max_new, record_tree=True)
        return gv.Continuations(sampled, greedy, beams, search.tree, model.config.vocab_size)

    return cache.shared("gpt_continuations", (name, ids, max_new, temperature, top_k, top_p, seed, beam), build)


def bert_head_default(model: str):
    """BERT's best head on the built-in pronoun sentences (the Coreference page's ranking, shared with it)."""
    return cache.coreference_scores(model).best_heads(1)[0]


def gpt_head_default(name: str, pipeline: GPTPipeline):
    """The GPT's best head by the same rules on the same sentences."""
    from core.analysis.coreference import load_examples

    scores = cache.shared("gpt_coreference", (name,), lambda: gv.gpt_head_scores(pipeline, load_examples()))
    return scores.best_heads(1)[0], scores
