"""Cached computations of the translation, beam-search, coreference and compare pages.

Models come from ``dashboard.registry`` (loaded once per server process); results are cached here
with ``st.cache_data`` keyed by strings and numbers, so moving a layer, head or step control never
re-runs a model. The transformers reference model of the parity panel is a resource, cached with
``st.cache_resource`` per model name.
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from core.analysis.coreference import HeadScores, score_heads
from core.analysis.parity import ParityReport, compare, reference_model
from core.transformer.model import TranslationTrace
from core.transformer.translator import TranslationResult, TranslatorError, trace_translation, translate
from dashboard import registry


def _translator(name: str):
    loaded = registry.load_translator_model(name)
    if loaded.translator is None:
        raise TranslatorError(loaded.error or f"{name} is not loaded")
    return loaded.translator


@st.cache_data(show_spinner=False, max_entries=32)
def beam_translation(name: str, text: str, beam: int, max_length: int, alpha: float) -> TranslationResult:
    """Beam search with its tree and, on every hypothesis, the attention of each step."""
    return translate(_translator(name), text, beam=beam, max_length=max_length, length_penalty=alpha,
                     record_tree=True, record_attention=True)


@st.cache_data(show_spinner=False, max_entries=32)
def greedy_translation(name: str, text: str, max_length: int, alpha: float) -> TranslationResult:
    """Greedy decoding, drawn on the tree for comparison."""
    return translate(_translator(name), text, max_length=max_length, length_penalty=alpha, greedy=True)


@st.cache_data(show_spinner=False, max_entries=32)
def translation_trace(name: str, text: str, target: tuple[str, ...]) -> TranslationTrace:
    """The teacher-forced pass over a chosen translation: every attention at every position."""
    return trace_translation(_translator(name), text, list(target))


@st.cache_data(show_spinner=False, max_entries=8)
def coreference_scores(model_name: str) -> HeadScores:
    """Every layer × head of one BERT scored on the built-in pronoun set (once per model)."""
    result = registry.load_model(model_name)
    if result.pipeline is None:
        raise ValueError(result.error or f"{model_name} is not loaded")
    return score_heads(result.pipeline)


@st.cache_resource(show_spinner=False, max_entries=2)
def parity_reference(model_name: str):
    """transformers' BERT with the same weights: (model, class name), or (None, error text)."""
    result = registry.load_model(model_name)
    if result.pipeline is None:
        return None, result.error or f"{model_name} is not loaded"
    try:
        return reference_model(result.pipeline)
    except Exception as error:  # transformers raises many kinds for a folder it cannot read
        return None, f"transformers could not load {model_name}: {error}"


@st.cache_data(show_spinner=False, max_entries=16)
def _parity_differences(model_name: str, text: str, text_b: str | None) -> ParityReport:
    """Both implementations run once per (model, text); the tolerance only judges the numbers."""
    reference, reference_class = parity_reference(model_name)
    if reference is None:
        raise ValueError(reference_class)
    return compare(registry.load_model(model_name).pipeline, text, text_b,
                   reference=(reference, reference_class))


def parity_report(model_name: str, text: str, text_b: str | None, atol: float) -> ParityReport:
    """The cached differences, judged against ``atol`` (moving the tolerance never re-runs a model)."""
    return dataclasses.replace(_parity_differences(model_name, text, text_b), atol=atol)
