"""Widgets the translation and beam-search pages share: the translator and its source sentence.

Both sit in the sidebar under the shared controls and are bound to URL query parameters
(``translator``, ``source``), so a copied link reproduces the view. Input problems (empty, no English
word, unknown words, too long) are told in a warning, never raised.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from core.transformer.model import MODEL_TYPE
from core.transformer.translator import TranslatorError, dropped_pieces, tokenize_english
from dashboard import registry
from dashboard.language import t
from dashboard.sidebar import current, load_error
from dashboard.url_state import url_selectbox
from dashboard.views import translation as tv
from dashboard.widgets.panels import explanation_panel

DEFAULT_SOURCE = "I am a student"
Result = TypeVar("Result")


ARCHITECTURE_LABELS = {MODEL_TYPE: "translator.arch_transformer", "seq2seq-lstm": "translator.arch_seq2seq",
                       "seq2seq-lstm-attention": "translator.arch_attention"}  # model_type -> language-table key


def model_type(name: str) -> str | None:
    """The architecture of an offered translator (config.json's model_type), None when it does not load."""
    loaded = registry.load_translator_model(name)  # once per server, tiny models
    return None if loaded.model is None else loaded.model.model_type


def translator_label(name: str) -> str:
    """"Transformer — tiny-translator": the architecture first, so a class tells the three apart."""
    key = ARCHITECTURE_LABELS.get(model_type(name) or "")
    return f"{t(key)} — {name}" if key else name


def source_box() -> str:
    """The English source sentence, bound to the URL (``source``) so a link carries it from page to page."""
    return st.text_input(t("translator.source"), value=DEFAULT_SOURCE, key="source", bind="query-params",
                         help=t("translator.source_help")) or ""


def translator_controls(only: tuple[str, ...] | None = None) -> tuple[str | None, str]:
    """The translator (from the operator's list; with ``only``, those of these model types) and the English
    source sentence, in the sidebar."""
    names = [name for name in registry.available_translators() if only is None or model_type(name) in only]
    with st.sidebar:
        st.divider()
        st.caption(t("translator.caption"))
        # the URL keeps the folder name (translator=tiny-seq2seq), the box shows the architecture too
        name = url_selectbox(t("translator.name"), names, names[0], "translator", format_func=translator_label,
                             help=t("translator.name_help")) if names else None
        source = source_box()
        preset_buttons()
        if name is not None:
            random_sentence_controls(name, source)
    return name, source


def use_preset(key: str) -> None:
    """Callback of a preset button: the sentence goes into the source box (and so into the URL)."""
    st.session_state["source"] = tv.LECTURE_PRESETS[key]


def preset_buttons() -> None:
    """The lecture's pair under the source box: "it" is the animal (il) or the street (elle)."""
    st.caption(t("translator.presets"))
    for key in tv.LECTURE_PRESETS:
        st.button(t(f"translator.preset_{key}"), key=f"preset_{key}", on_click=use_preset, args=(key,),
                  use_container_width=True)


RANDOM_SEED = "random_seed"  # URL parameter: the seed of the last random sentence drawn


def use_random(version: int, words: int) -> None:
    """Callback of the random-sentence button: the next seed's sentence goes into the source box (and the URL)."""
    seed = int(st.query_params.get(RANDOM_SEED, "0") or 0) + 1
    st.query_params[RANDOM_SEED] = str(seed)
    st.session_state["source"] = tv.random_source(version, words, seed)


def random_sentence_controls(name: str, source: str) -> None:
    """A length and a button for a random sentence the translator's grammar writes: the long-sentence demo in
    one click. The seed is in the URL, so the sentence a link shows is the one the same seed draws again."""
    loaded = registry.load_translator_model(name)
    if loaded.model is None:
        return
    version = tv.trained_version(loaded.model)
    low, high = tv.RANDOM_WORDS
    words = st.slider(t("translator.random_words"), low, high, tv.RANDOM_WORDS_DEFAULT, key="random_words",
                      bind="query-params")
    st.button(t("translator.random", words=words), key="random_source", on_click=use_random, args=(version, words),
              help=t("translator.random_help"), use_container_width=True)
    seed = st.query_params.get(RANDOM_SEED)
    if seed and str(seed).isdigit() and tv.random_source(version, words, int(seed)) == source:
        st.caption(t("translator.random_drawn", seed=seed, words=words, version=version))


def loaded_translator(name: str | None):
    """The Translator, or None after saying why there is none."""
    if name is None:
        st.info(t("translator.none"))
        return None
    loaded = registry.load_translator_model(name)
    if loaded.model is None:
        load_error(name, loaded.error)
    return loaded.model


def source_problem(source: str) -> str | None:
    """A message for input that cannot be translated before any model runs, else None."""
    if not source.strip():
        return t("translator.empty")
    if not tokenize_english(source):
        return t("translator.no_english")
    return None


def source_is_usable(source: str) -> bool:
    """False after a warning for input no translator can read; an info line for dropped pieces."""
    problem = source_problem(source)
    if problem:
        st.warning(problem)
        return False
    ignored = dropped_pieces(source)
    if ignored:  # emoji, Korean words...: say they were dropped rather than translate silently without them
        st.info(t("translator.ignored", words=" ".join(ignored)))
    return True


def translator_page(page: str, only: tuple[str, ...] | None = None):
    """The preamble both translation pages share: sidebar controls, explanation panel, the loaded
    translator and a check of the source. Returns (name, source, translator), translator None when
    there is nothing to translate (the reason is already on the page). ``only``: the model types the
    page can show (the Translation page draws the Transformer's three attentions)."""
    name, source = translator_controls(only)
    explanation_panel(page, current().lang)
    translator = loaded_translator(name)
    if translator is not None and not (source_is_usable(source) and words_are_known(name, translator, source)):
        translator = None
    return name, source, translator


def words_are_known(name: str, translator, source: str) -> bool:
    """False after saying which words the translator has no embedding for and, when the world grammar has them
    all, that a translator retrained on it is pending."""
    unknown = tv.unknown_source_words(translator, source)
    if not unknown:
        return True
    version = tv.trained_version(translator)
    st.warning(t("translator.unknown_words", words=", ".join(map(repr, unknown)), model=name, version=version,
                 known=len(translator.source_vocab) - 4))  # less <pad>, <unk>, <s>, </s>
    if version < 3 and tv.world_grammar_reads(unknown):
        world = [other for other in registry.available_translators()
                 if (loaded := registry.load_translator_model(other)).model is not None
                 and tv.trained_version(loaded.model) >= 3]
        st.info(t("translator.world_offered", world=world[0]) if world else t("translator.world_pending"))
    return False


def show_notices(model_name: str, candidate, max_length: int, beam: int, alpha: float) -> None:
    """The signs that a translation should not be trusted: cut by the length limit, stuck in a loop, or a score
    below the threshold calibrated for ``model_name`` (the Translator's name, as the calibration file records
    it; only for the beam width and α it was calibrated with)."""
    for notice in tv.translation_notices(candidate, max_length, tv.calibrated_threshold(model_name, beam, alpha)):
        st.info(t(f"translator.notice_{notice.kind}", **notice.fields), icon="⚠️")


def run_or_warn(compute: Callable[..., Result], *args) -> Result | None:
    """compute(*args), or None after showing the TranslatorError message as a warning."""
    try:
        return compute(*args)
    except TranslatorError as error:
        st.warning(t("translator.cannot", error=error))
        return None
