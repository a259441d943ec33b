"""Which models the dashboard offers (BERT pipelines, translators, GPTs), each loaded once per server process.

The list is fixed by the operator when the server starts: the shipped models (folders under
models/) plus the space-separated entries of the environment variable DASHBOARD_MODELS (hub ids
or local folders, set by ``make run MODELS="..."``) and the lines of the file named by
DASHBOARD_MODELS_FILE (``make run MODELS_FILE=my-models.txt``). The browser only ever picks from this list.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from core.bert.checkpoint import CheckpointError, shipped_model_names
from core.bert.pipeline import load_pipeline
from core.finetune import load_finetuned
from core.finetune.classifier import FinetuneCheckpointError
from core.gpt.checkpoint import CheckpointError as GPTCheckpointError
from core.gpt.checkpoint import shipped_model_names as gpt_model_names
from core.gpt.pipeline import load_pipeline as load_gpt_pipeline
from core.model_folders import SHIPPED_MODELS_DIR
from core.transformer.translator import TranslatorError, load_translator, translator_model_names

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


ENV_TRANSLATORS = "DASHBOARD_TRANSLATORS"


def available_translators() -> list[str]:
    """Shipped translators (encoder-decoder folders under models/), then the folders the operator
    names in DASHBOARD_TRANSLATORS; the browser only ever picks from this list."""
    names: list[str] = []
    for name in translator_model_names() + os.environ.get(ENV_TRANSLATORS, "").split():
        if name not in names:
            names.append(name)
    return names


ENV_GPTS = "DASHBOARD_GPTS"


def available_gpts() -> list[str]:
    """Shipped GPTs (GPT-1 or GPT-2 folders under models/, tiny-gpt), then the folders or hub ids the operator
    names in the environment variable DASHBOARD_GPTS (space-separated) when the server starts; the browser only
    ever picks from this list."""
    names: list[str] = []
    for name in gpt_model_names() + os.environ.get(ENV_GPTS, "").split():
        if name not in names:
            names.append(name)
    return names


ENV_FINETUNED = "DASHBOARD_FINETUNED"
FINETUNED_DIR = SHIPPED_MODELS_DIR / "finetuned"  # apart from models/' top level: no page lists them as a base


def available_finetuned() -> list[str]:
    """Shipped fine-tuned classifiers (folders under models/finetuned/, tiny-bert-feelings), then the folders the
    operator names in DASHBOARD_FINETUNED (space-separated); the browser only ever picks from this list."""
    shipped = sorted(folder.name for folder in FINETUNED_DIR.iterdir()
                     if (folder / "config.json").is_file()) if FINETUNED_DIR.is_dir() else []
    names: list[str] = []
    for name in shipped + os.environ.get(ENV_FINETUNED, "").split():
        if name not in names:
            names.append(name)
    return names


def load_finetuned_classifier(name: str):
    """(classifier, its finetune.json) of a shipped name or a folder."""
    folder = FINETUNED_DIR / name if (FINETUNED_DIR / name).is_dir() else Path(name).expanduser()
    try:
        return load_finetuned(folder)
    except (OSError, ValueError, KeyError) as error:  # a folder with missing or unreadable files
        raise FinetuneCheckpointError(f"{name} cannot be loaded: {error}") from error


@dataclass(frozen=True)
class Family:
    """One kind of model the dashboard offers: what is on offer, how one is loaded, what a failure raises."""

    noun: str  # in messages: "models", "translators"
    offered: Callable[[], list[str]]
    load: Callable[[str], object]
    errors: tuple[type[Exception], ...]


FAMILIES = {
    "bert": Family("models", available_models, load_pipeline, (CheckpointError,)),
    "translator": Family("translators", available_translators, load_translator, (TranslatorError,)),
    "gpt": Family("GPT models", available_gpts, load_gpt_pipeline, (GPTCheckpointError,)),
    "finetuned": Family("fine-tuned models", available_finetuned, load_finetuned_classifier,
                        (FinetuneCheckpointError,)),
}


@dataclass
class Loaded:
    """A loaded model (a BertPipeline, a Translator or a GPTPipeline), or the reason there is none."""

    model: Any | None
    error: str | None  # the family's error text when loading failed


@st.cache_resource(show_spinner=False, max_entries=12)
def load(family: str, name: str) -> Loaded:
    """Load a model once per server process. A failure is cached too, so a broken entry is not
    retried on every click."""
    kind = FAMILIES[family]
    if name not in kind.offered():
        return Loaded(None, f"{name!r} is not one of the {kind.noun} this server offers")
    try:
        return Loaded(kind.load(name), None)
    except kind.errors as error:
        return Loaded(None, str(error))


def load_model(name: str) -> Loaded:
    """A BERT pipeline (``Loaded.model`` is a ``BertPipeline``)."""
    return load("bert", name)


def load_translator_model(name: str) -> Loaded:
    """A translator (``Loaded.model`` is a ``core.transformer.translator.Translator``)."""
    return load("translator", name)


def load_gpt_model(name: str) -> Loaded:
    """A GPT with its tokenizer (``Loaded.model`` is a ``core.gpt.pipeline.GPTPipeline``)."""
    return load("gpt", name)


_loaded_names: set[str] = set()  # models this process has loaded: no progress box for them


def load_finetuned_model(name: str) -> Loaded:
    """A fine-tuned classifier with its record (``Loaded.model`` is ``(core.finetune.Classifier, dict)``)."""
    return load("finetuned", name)


def pipeline_with_progress(name: str) -> Loaded:
    """load_model, showing a status box while a model is loaded for the first time."""
    if name in _loaded_names:
        return load_model(name)
    from dashboard.language import t  # the status box's words follow the sidebar's language

    with st.status(t("load.loading", name=name), expanded=False) as status:
        result = load_model(name)
        if result.model is None:
            status.update(label=t("load.failed_short", name=name), state="error")
        else:
            config = result.model.model.config
            status.update(label=t("load.loaded", name=name, layers=config.num_hidden_layers,
                                  heads=config.num_attention_heads, width=config.hidden_size), state="complete")
            _loaded_names.add(name)
    return result
