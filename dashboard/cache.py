"""Every cached result of the dashboard, under one policy.

Models come from ``dashboard.registry`` (loaded once per server process). Every result computed
from them (BERT traces, translations with their search trees, teacher-forced translation traces,
coreference scores, parity differences) is cached here with ``st.cache_resource``, keyed by
strings and numbers (model name, text, options), so moving a layer, head or step control never
re-runs a model, and every session of a class shares one copy.

Why resources and not ``st.cache_data``: cache_data pickles a result when it is stored and
unpickles a copy on every hit, which for bert-base at 512 tokens means copying ~200 MB on each
move of a layer slider (README, "The dashboard"), and for a beam search re-building its tree
on every rerun. The price of sharing is that pages must only read what they get:
tests/pages/test_bert_pages.py checks that every page leaves the shared traces and translations
unchanged.
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from core.analysis.coreference import HeadScores, score_heads
from core.analysis.parity import ParityReport, compare, reference_model
from core.bert.checkpoint import CheckpointError
from core.bert.model import BertTrace
from core.bert.pipeline import BertPipeline, Encoded, second_segment
from core.transformer.model import TranslationTrace
from core.transformer.translator import (
    TranslationResult,
    Translator,
    TranslatorError,
    trace_translation,
    translate,
)
from dashboard import registry


def _pipeline(name: str, error: type[Exception] = CheckpointError) -> BertPipeline:
    loaded = registry.load_model(name)
    if loaded.model is None:
        raise error(loaded.error or f"{name} is not loaded")
    return loaded.model


def _translator(name: str) -> Translator:
    loaded = registry.load_translator_model(name)
    if loaded.model is None:
        raise TranslatorError(loaded.error or f"{name} is not loaded")
    return loaded.model


# ---------------------------------------------------------------------------------------------
# BERT (sentence B is normalised before the cache key is made: "", "  " and None are one input)
# ---------------------------------------------------------------------------------------------

def trace(model_name: str, text: str, text_b: str | None, record_all: bool = False) -> tuple[BertTrace, Encoded]:
    """One forward pass per (model, text, text_b); ``record_all`` adds q, k, v, scores and contexts."""
    return _trace(model_name, text, second_segment(text_b), record_all)


@st.cache_resource(show_spinner=False, max_entries=8)
def _trace(model_name: str, text: str, text_b: str | None, record_all: bool) -> tuple[BertTrace, Encoded]:
    return _pipeline(model_name).trace(text, text_b, record_all=record_all)


def masked_trace(model_name: str, text: str, text_b: str | None,
                 positions: tuple[int, ...]) -> tuple[BertTrace, Encoded]:
    """The trace with the tokens at ``positions`` replaced by [MASK] (``BertPipeline.masked_trace``)."""
    return _masked_trace(model_name, text, second_segment(text_b), positions)


@st.cache_resource(show_spinner=False, max_entries=8)
def _masked_trace(model_name: str, text: str, text_b: str | None,
                  positions: tuple[int, ...]) -> tuple[BertTrace, Encoded]:
    return _pipeline(model_name).masked_trace(text, text_b, positions)


@st.cache_resource(show_spinner=False, max_entries=8)
def coreference_scores(model_name: str) -> HeadScores:
    """Every layer × head of one BERT scored on the built-in pronoun set (once per model)."""
    return score_heads(_pipeline(model_name, ValueError))


@st.cache_resource(show_spinner=False, max_entries=2)
def parity_reference(model_name: str):
    """transformers' BERT with the same weights: (model, class name), or (None, error text)."""
    loaded = registry.load_model(model_name)
    if loaded.model is None:
        return None, loaded.error or f"{model_name} is not loaded"
    try:
        return reference_model(loaded.model)
    except Exception as error:  # transformers raises many kinds for a folder it cannot read
        return None, f"transformers could not load {model_name}: {error}"


@st.cache_resource(show_spinner=False, max_entries=16)
def _parity_differences(model_name: str, text: str, text_b: str | None) -> ParityReport:
    """Both implementations run once per (model, text); the tolerance only judges the numbers."""
    reference, reference_class = parity_reference(model_name)
    if reference is None:
        raise ValueError(reference_class)
    return compare(_pipeline(model_name, ValueError), text, text_b, reference=(reference, reference_class))


def parity_report(model_name: str, text: str, text_b: str | None, atol: float) -> ParityReport:
    """The cached differences, judged against ``atol`` (a copy: moving the tolerance never re-runs a model)."""
    return dataclasses.replace(_parity_differences(model_name, text, second_segment(text_b)), atol=atol)


# ---------------------------------------------------------------------------------------------
# Translators
# ---------------------------------------------------------------------------------------------

@st.cache_resource(show_spinner=False, max_entries=32)
def beam_translation(name: str, text: str, beam: int, max_length: int, alpha: float) -> TranslationResult:
    """Beam search with its tree and, on every hypothesis, the attention of each step."""
    return translate(_translator(name), text, beam=beam, max_length=max_length, length_penalty=alpha,
                     record_tree=True, record_attention=True)


@st.cache_resource(show_spinner=False, max_entries=32)
def greedy_translation(name: str, text: str, max_length: int, alpha: float) -> TranslationResult:
    """Greedy decoding, drawn on the tree for comparison."""
    return translate(_translator(name), text, max_length=max_length, length_penalty=alpha, greedy=True)


@st.cache_resource(show_spinner=False, max_entries=32)
def translation_trace(name: str, text: str, target: tuple[str, ...]) -> TranslationTrace:
    """The teacher-forced pass over a chosen translation: every attention at every position."""
    return trace_translation(_translator(name), text, list(target))
