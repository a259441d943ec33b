"""Which models the dashboard offers, loading them once per server process, and cached traces.

The list is fixed by the operator when the server starts: the shipped models (folders under
models/) plus the space-separated entries of the environment variable DASHBOARD_MODELS (hub ids
or local folders, set by ``make run MODELS="..."``) and the lines of the file named by
DASHBOARD_MODELS_FILE (``make run MODELS_FILE=my-models.txt``). The browser only ever picks from this list.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
import torch

from core.bert.checkpoint import CheckpointError, shipped_model_names
from core.bert.model import BertTrace
from core.bert.pipeline import BertPipeline, Encoded, load_pipeline

ENV_MODELS = "DASHBOARD_MODELS"
ENV_MODELS_FILE = "DASHBOARD_MODELS_FILE"


def models_from_file(path: str) -> list[str]:
    """One model per line (hub id or folder); blank lines and # comments are skipped."""
    try:
        lines = Path(path).expanduser().read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        # An operator's mistake, told in the server's log (once); the page keeps the other models.
        warnings.warn(f"the models file {path!r} named by {ENV_MODELS_FILE} cannot be read: {error}", stacklevel=2)
        return []
    entries = (line.split("#", 1)[0].strip() for line in lines)
    return [entry for entry in entries if entry]


def operator_models() -> list[str]:
    """The extra models named in DASHBOARD_MODELS, then those in the DASHBOARD_MODELS_FILE file, in order."""
    names = os.environ.get(ENV_MODELS, "").split()
    if os.environ.get(ENV_MODELS_FILE, "").strip():
        names += models_from_file(os.environ[ENV_MODELS_FILE].strip())
    return names


def available_models() -> list[str]:
    """Shipped models first, then the operator's, without duplicates."""
    names: list[str] = []
    for name in shipped_model_names() + operator_models():
        if name not in names:
            names.append(name)
    return names


@dataclass
class LoadResult:
    pipeline: BertPipeline | None
    error: str | None  # the CheckpointError text when loading failed


@st.cache_resource(show_spinner=False, max_entries=8)
def load_model(name: str) -> LoadResult:
    """Load a model once per server process. A failure is cached too, so a broken entry is not retried on every click."""
    if name not in available_models():
        return LoadResult(None, f"{name!r} is not one of the models this server offers")
    try:
        return LoadResult(load_pipeline(name), None)
    except CheckpointError as error:
        return LoadResult(None, str(error))


_loaded_names: set[str] = set()  # models this process has loaded: no progress box for them


def pipeline_with_progress(name: str) -> LoadResult:
    """load_model, showing a status box while a model is loaded for the first time."""
    if name in _loaded_names:
        return load_model(name)
    with st.status(f"Loading {name} …", expanded=False) as status:
        result = load_model(name)
        if result.pipeline is None:
            status.update(label=f"Could not load {name}", state="error")
        else:
            config = result.pipeline.model.config
            status.update(label=f"Loaded {name}: {config.num_hidden_layers} layers × "
                                f"{config.num_attention_heads} heads, width {config.hidden_size}", state="complete")
            _loaded_names.add(name)
    return result


# Traces are cached as shared resources, not with st.cache_data: cache_data pickles a result when it
# is stored and unpickles a copy on every hit, which for bert-base at 512 tokens means copying
# ~200 MB on each move of a layer slider. The pages only read traces (tests/test_pages.py checks
# that a trace is unchanged after every page has drawn it).
@st.cache_resource(show_spinner=False, max_entries=8)
def get_trace(model_name: str, text: str, text_b: str | None, record_all: bool = False) -> tuple[BertTrace, Encoded]:
    """One forward pass per (model, text, text_b); ``record_all`` adds q, k, v, scores and contexts."""
    result = load_model(model_name)
    if result.pipeline is None:
        raise CheckpointError(result.error or f"{model_name} is not loaded")
    return result.pipeline.trace(text, text_b or None, record_all=record_all)


@st.cache_resource(show_spinner=False, max_entries=8)
def get_masked_trace(model_name: str, text: str, text_b: str | None,
                     positions: tuple[int, ...]) -> tuple[BertTrace, Encoded]:
    """The trace with the WordPiece tokens at ``positions`` replaced by [MASK] (ids, not text, so pieces stay exact)."""
    result = load_model(model_name)
    if result.pipeline is None:
        raise CheckpointError(result.error or f"{model_name} is not loaded")
    pipeline = result.pipeline
    encoded = pipeline.encode(text, text_b or None)
    input_ids = encoded.input_ids.clone()  # (1, T)
    mask_token = pipeline.tokenizer.mask_token
    tokens = list(encoded.tokens)
    for position in positions:
        input_ids[0, position] = pipeline.tokenizer.mask_token_id
        tokens[position] = mask_token
    with torch.no_grad():
        trace = pipeline.model(input_ids, encoded.token_type_ids)
    trace.tokens = [tokens]
    return trace, Encoded(input_ids=input_ids, token_type_ids=encoded.token_type_ids, tokens=tokens,
                          truncated=encoded.truncated, full_length=encoded.full_length)


# ---------------------------------------------------------------------------------------------
# Translators (the encoder-decoder of the translation and beam-search pages)
# ---------------------------------------------------------------------------------------------

ENV_TRANSLATORS = "DASHBOARD_TRANSLATORS"


def available_translators() -> list[str]:
    """Shipped translators (encoder-decoder folders under models/), then the folders the operator
    names in DASHBOARD_TRANSLATORS; the browser only ever picks from this list."""
    from core.transformer.translator import translator_model_names

    names: list[str] = []
    for name in translator_model_names() + os.environ.get(ENV_TRANSLATORS, "").split():
        if name not in names:
            names.append(name)
    return names


@dataclass
class TranslatorLoad:
    translator: object | None  # core.transformer.translator.Translator
    error: str | None  # the TranslatorError text when loading failed


@st.cache_resource(show_spinner=False, max_entries=4)
def load_translator_model(name: str) -> TranslatorLoad:
    """Load a translator once per server process; a failure is cached too, with its message."""
    from core.transformer.translator import TranslatorError, load_translator

    if name not in available_translators():
        return TranslatorLoad(None, f"{name!r} is not one of the translators this server offers")
    try:
        return TranslatorLoad(load_translator(name), None)
    except TranslatorError as error:
        return TranslatorLoad(None, str(error))
