"""Every cached result of the dashboard, under one policy.

Models come from ``dashboard.registry`` (loaded once per server process). Every result computed
from them (BERT traces, translations with their search trees, teacher-forced translation traces,
coreference scores, parity differences) is cached here with ``st.cache_resource``, keyed by
strings and numbers (model name, text, options), so moving a layer, head or step control never
re-runs a model, and every session of a class shares one copy. The coreference causal test, minutes
of work, is kept in a dict held by ``st.cache_resource`` so a page can drive a progress bar while it
runs the first time and every later session reads the result at once.

Why resources and not ``st.cache_data``: cache_data pickles a result when it is stored and
unpickles a copy on every hit, which for bert-base at 512 tokens means copying ~200 MB on each
move of a layer slider (README, "The dashboard"), and for a beam search re-building its tree
on every rerun. The price of sharing is that pages must only read what they get:
tests/pages/test_bert_pages.py checks that every page leaves the shared traces and translations
unchanged.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import threading
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from core.analysis.contextual import ContextShift, referent_similarity
from core.analysis.contextual import context_shift as shift_across_contexts
from core.analysis.coreference import CorefExample, HeadScores, score_heads
from core.analysis.head_ablation import AblationResult, causal_test, head_mask_without
from core.analysis.own_answer import OwnAnswer, own_answers, representation_answers
from core.analysis.parity import ParityReport, compare, reference_model
from core.bert.checkpoint import CheckpointError
from core.bert.model import BertTrace
from core.bert.pipeline import BertPipeline, Encoded, second_segment
from core.data import RECURRENT_GRADIENTS_FILE
from core.data.stories_coreference import DATA_SEED, PAIRS_PER_HALF, coreference_set
from core.rnn.seq2seq import Seq2seqTrace
from core.transformer.model import TranslationTrace
from core.transformer.translator import (
    TranslationResult,
    Translator,
    TranslatorError,
    trace_translation,
    translate,
)
from core.word2vec.vectors import WordVectors, load_word2vec
from dashboard import registry, worker
from dashboard.training_queue import TrainingQueue
from dashboard.views.finetune import Changes, NameTags, changes, name_tags

# How many sentences' results a server keeps: a class of forty to eighty students each typing a sentence,
# then moving a layer, head or tab on it, must find their own sentence still cached. Traces larger than
# SMALL_TRACE_BYTES (bert-base at 512 tokens: ~150 MB of attention maps) are kept for 8 sentences only.
SENTENCES = 80
SHARED = 2 * SENTENCES  # figures and tables built from them: the open view's one or two per sentence


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
    """One forward pass per (model, text, text_b); ``record_all`` adds q, k, v, scores and contexts. Small
    traces (a class's sentences on a small model) are kept for SENTENCES sentences, large ones for 8."""
    text_b = second_segment(text_b)
    return (_trace if _is_small(model_name, text, text_b, record_all) else _large_trace)(
        model_name, text, text_b, record_all)


@functools.lru_cache(maxsize=1024)  # a page asks for the same trace several times a run
def _is_small(model_name: str, text: str, text_b: str | None, record_all: bool) -> bool:
    return trace_bytes(_pipeline(model_name), text, text_b, record_all) <= SMALL_TRACE_BYTES


def trace_bytes(pipeline: BertPipeline, text: str, text_b: str | None, record_all: bool) -> int:
    """About how many bytes one trace holds: float32 attention maps (L, H, T, T), with q, k, v, scores and
    contexts three times that, and the (L + 1) hidden states (T, E) with the embedding parts."""
    config = pipeline.model.config
    T = min(len(pipeline.tokenizer(text, text_b)["input_ids"]), pipeline.max_length)
    L, H, E = config.num_hidden_layers, config.num_attention_heads, config.hidden_size
    return 4 * (L * H * T * T * (3 if record_all else 1) + (L + 5) * T * E * (4 if record_all else 1))


SMALL_TRACE_BYTES = 1_000_000  # tiny-bert at 24 tokens ~0.3 MB; bert-base at 128 tokens ~10 MB


@st.cache_resource(show_spinner=False, max_entries=SENTENCES)
def _trace(model_name: str, text: str, text_b: str | None, record_all: bool) -> tuple[BertTrace, Encoded]:
    return worker.run(_pipeline(model_name).trace, text, text_b, record_all=record_all)


@st.cache_resource(show_spinner=False, max_entries=8)
def _large_trace(model_name: str, text: str, text_b: str | None, record_all: bool) -> tuple[BertTrace, Encoded]:
    return worker.run(_pipeline(model_name).trace, text, text_b, record_all=record_all)


def masked_trace(model_name: str, text: str, text_b: str | None, positions: tuple[int, ...],
                 heads_off: tuple[tuple[int, int], ...] = ()) -> tuple[BertTrace, Encoded]:
    """The trace with the tokens at ``positions`` replaced by [MASK] (``BertPipeline.masked_trace``), with the
    0-based (layer, head) pairs of ``heads_off`` switched off (the Masked LM page's head switches)."""
    text_b = second_segment(text_b)
    cached = _masked_trace if _is_small(model_name, text, text_b, False) else _large_masked_trace
    return cached(model_name, text, text_b, positions, tuple(sorted(heads_off)))


def _masked_pass(model_name: str, text: str, text_b: str | None, positions: tuple[int, ...],
                 heads_off: tuple[tuple[int, int], ...]) -> tuple[BertTrace, Encoded]:
    pipeline = _pipeline(model_name)
    config = pipeline.model.config
    head_mask = head_mask_without(config.num_hidden_layers, config.num_attention_heads, list(heads_off)) \
        if heads_off else None
    return worker.run(pipeline.masked_trace, text, text_b, positions, head_mask=head_mask)


@st.cache_resource(show_spinner=False, max_entries=SENTENCES)
def _masked_trace(model_name: str, text: str, text_b: str | None, positions: tuple[int, ...],
                  heads_off: tuple[tuple[int, int], ...]) -> tuple[BertTrace, Encoded]:
    return _masked_pass(model_name, text, text_b, positions, heads_off)


@st.cache_resource(show_spinner=False, max_entries=8)
def _large_masked_trace(model_name: str, text: str, text_b: str | None, positions: tuple[int, ...],
                        heads_off: tuple[tuple[int, int], ...]) -> tuple[BertTrace, Encoded]:
    return _masked_pass(model_name, text, text_b, positions, heads_off)


@st.cache_resource(show_spinner=False, max_entries=8)
def coreference_scores(model_name: str) -> HeadScores:
    """Every layer × head of one BERT scored on the built-in pronoun set (once per model)."""
    return score_heads(_pipeline(model_name, ValueError))


@st.cache_resource(show_spinner=False, max_entries=SENTENCES)
def own_answer(model_name: str, text: str, pronoun: str, occurrence: int, candidates: tuple[str, ...]) -> OwnAnswer:
    """The model's own (substitution) answer for one sentence; the representation answer without an MLM head."""
    pipeline = _pipeline(model_name, ValueError)
    # The answer is unknown here; CorefExample needs one and nothing reads it (as `coreference --text`).
    example = CorefExample(id="dashboard", text=text, pronoun=pronoun, candidates=candidates,
                           answer=candidates[0], pronoun_occurrence=occurrence)
    answer = own_answers if pipeline.model.has_mlm else representation_answers
    return worker.run(lambda: answer(pipeline, [example])[0])


# The generated minimal pairs the causal test uses: `python -m core coreference`'s defaults (--pairs, --data-seed).
GENERATED_PAIRS, GENERATED_DATA_SEED = PAIRS_PER_HALF, DATA_SEED


def generated_half(split: str) -> list[CorefExample]:
    """One half ("train" or "heldout") of the generated pronoun set (core.data.stories_coreference)."""
    return _generated_half(split, GENERATED_PAIRS, GENERATED_DATA_SEED)


@st.cache_resource(show_spinner=False, max_entries=4)
def _generated_half(split: str, pairs: int, data_seed: int) -> list[CorefExample]:
    return [CorefExample(**e) for e in coreference_set(split, pairs, data_seed)]


def train_half_scores(model_name: str) -> HeadScores:
    """Every head scored on the generated set's training half: the ranking the causal test switches off."""
    return _train_half_scores(model_name, GENERATED_PAIRS, GENERATED_DATA_SEED)


@st.cache_resource(show_spinner=False, max_entries=8)
def _train_half_scores(model_name: str, pairs: int, data_seed: int) -> HeadScores:
    return score_heads(_pipeline(model_name, ValueError), generated_half("train"))


@st.cache_resource(show_spinner=False)
def _causal_results() -> tuple[dict, threading.Lock]:
    """Causal-test results of this server, {(model, k, draws, seed, pairs, data seed): AblationResult}, and the
    lock guarding them.
    A dict rather than a cached function, so the page can ask whether a result exists without computing it,
    and the first computation can drive a progress bar."""
    return {}, threading.Lock()


def causal_result(model_name: str, k: int, draws: int, seed: int = 0) -> AblationResult | None:
    """The causal test's result if this server has computed it, else None (nothing is computed)."""
    results, _ = _causal_results()
    return results.get((model_name, k, draws, seed, GENERATED_PAIRS, GENERATED_DATA_SEED))


def run_causal_test(model_name: str, k: int, draws: int, seed: int = 0,
                    progress: Callable[[int, int], None] | None = None) -> AblationResult:
    """The causal test as `python -m core coreference --ablate top:K --draws N --seed S` computes it, once per
    server: heads ranked on the generated training half, the answer measured on the held-out half. A second
    session asking for the same test meanwhile waits for the first instead of computing it again."""
    results, lock = _causal_results()
    key = (model_name, k, draws, seed, GENERATED_PAIRS, GENERATED_DATA_SEED)
    with lock:  # one test at a time: the machine is shared, and a class all asks for the same one
        if key not in results:
            results[key] = causal_test(_pipeline(model_name, ValueError), train_half_scores(model_name),
                                       generated_half("heldout"), k, draws, seed, progress=progress)
    return results[key]


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


# ---------------------------------------------------------------------------------------------
# Recurrent models (RNN & LSTM, Seq2seq & attention pages)
# ---------------------------------------------------------------------------------------------

GRADIENTS_FILE = RECURRENT_GRADIENTS_FILE  # a module attribute, so tests can point it elsewhere
EVAL_PER_BUCKET = 40  # held-out sentences per length bucket when a model's training.json has no figures


@st.cache_resource(show_spinner=False, max_entries=32)
def forcing_trace(name: str, text: str, target: tuple[str, ...], teacher_forcing_ratio: float) -> Seq2seqTrace:
    """A recurrent decoder run over ``target`` teacher-forced (ratio 1) or free running (ratio 0)."""
    return trace_translation(_translator(name), text, list(target), teacher_forcing_ratio=teacher_forcing_ratio)


def recurrent_gradients() -> dict | None:
    """The gradient-per-position measurement ``python -m benchmarks recurrence`` wrote; None before it ran."""
    return _json_file(str(GRADIENTS_FILE))


@st.cache_resource(show_spinner=False, max_entries=2)
def _json_file(path: str) -> dict | None:
    try:
        return json.loads(Path(path).read_text())
    except FileNotFoundError:
        return None


@st.cache_resource(show_spinner=False, max_entries=4)
def measured_accuracy(names: tuple[str, ...], per_bucket: int) -> dict[str, dict]:
    """Greedy exact match and BLEU per length bucket on the first ``per_bucket`` held-out sentences of each
    bucket (``python -m core eval translator --by-length --limit N``), once per server; each model on the test
    split of the grammar version it was trained on (its training.json's ``data_version``)."""
    from core.analysis.evaluation import bucketed_test_split, evaluate_translator, trained_data_version

    results = {}
    for name in names:
        translator = _translator(name)
        groups = bucketed_test_split(2000, 0, per_bucket, trained_data_version(translator))
        results[name] = evaluate_translator(translator, groups, beam=1, show_progress=False)
    return results


# ---------------------------------------------------------------------------------------------
# Figures, tables and download files shared by every session: a class asks for the same ones, built once per server
# ---------------------------------------------------------------------------------------------
# What a page builds from cached results is the same for every student asking for the same model, text and
# options, so it is built once per server and shared. ``key`` must name everything the built value depends on
# (model, text, options, language); the builder is left out of the cache key (leading underscore) because the
# key already names it. Pages only read what they get: tests/pages/test_page_cost.py checks a shared figure
# stays as built after a page showed it.

@st.cache_resource(show_spinner=False, max_entries=SHARED)
def _shared(kind: str, key: tuple, _build: Callable[[], object]) -> object:
    return worker.run(_build)


def shared(kind: str, key: tuple, build: Callable[[], object]):
    """``build()``'s value, built once per (kind, key) on this server (on the worker, in the students' order)
    and shared by every session."""
    return _shared(kind, key, build)


@st.cache_resource(show_spinner=False, max_entries=16)  # tiny-bert's all-heads CSV at 24 tokens: ~1 MB
def _download_files(name: str, key: tuple, _build: Callable[[], str]) -> str:
    return worker.run(_build)


def download_file(name: str, key: tuple, build: Callable[[], str]) -> str:
    """The text of one download file, built once per (file name, key) on this server, at its first click, on the
    worker: a class clicking at once builds one file at a time, behind the sentences already asked for, instead
    of one pandas table per click on Streamlit's six download threads at once, whose temporaries the allocator
    kept (+60 MB of server memory after forty clicks, measured)."""
    return _download_files(name, key, build)


@st.cache_resource(show_spinner=False)
def word_vectors(name: str) -> WordVectors:
    """A shipped word2vec table (a few hundred kB), loaded once per server."""
    return load_word2vec(name)


@st.cache_resource(show_spinner=False, max_entries=64)
def context_shift(model_name: str, word: str, first: str, second: str, vectors_name: str) -> ContextShift:
    """One word's per-layer cosine across two sentences in a BERT, against the word2vec table's one vector."""
    return shift_across_contexts(_pipeline(model_name), word, first, second, static=word_vectors(vectors_name))


@st.cache_resource(show_spinner=False, max_entries=64)
def referents(model_name: str, word: str, texts: tuple[str, ...], candidates: tuple[str, ...]) -> list[dict]:
    """Per text, candidate -> (L+1,) cosine of ``word``'s vector with the candidate's in that text."""
    pipeline = _pipeline(model_name)
    return [referent_similarity(pipeline, text, word, list(candidates)) for text in texts]


# ---------------------------------------------------------------------------------------------
# Fine-tuning (the Fine-tuning page)
# ---------------------------------------------------------------------------------------------
# Live runs are kept by the server's training queue, not by a cached function: a run takes up to a minute, so the
# page must be able to ask where a run stands without starting it, follow its progress, and share it with everyone
# asking for the same key. The queue keeps the last FINETUNE_RUNS finished runs.

FINETUNE_RUNS = 8  # each holds a fine-tuned tiny-bert, about 13 MB
FINETUNE_CURVE_FILE = Path(registry.SHIPPED_MODELS_DIR) / "finetune_curve.json"  # a module attribute, for tests


@st.cache_resource(show_spinner=False)
def training_queue() -> TrainingQueue:
    """This server's training queue: one run at a time, on a thread of its own, with the trace worker's torch
    thread count."""
    return TrainingQueue(keep=FINETUNE_RUNS, torch_threads=worker.server_worker().torch_threads)


def finetune_curve() -> dict | None:
    """The measured learning curve (``python -m core eval finetune --curve --json``); None before it is shipped."""
    return _json_file(str(FINETUNE_CURVE_FILE))


@st.cache_resource(show_spinner=False, max_entries=4)
def classifier_before(base: str, init: str = "pretrained", seed: int = 0):
    """``base``'s weights before fine-tuning (pretrained, or drawn at random from ``seed`` as the random-weights
    run started) with an untrained head: where its classified token attends before (the head changes no
    attention)."""
    from core.finetune import LABELS, initial_classifier

    return initial_classifier(base, LABELS, init, seed)


@st.cache_resource(show_spinner=False, max_entries=SENTENCES)
def finetune_changes(model_id: str, base: str, init: str, seed: int, text: str, _classifier) -> Changes:
    """One text through ``base`` before fine-tuning and through the fine-tuned classifier ``model_id`` (a
    shipped name, or a live run's id: ``_classifier`` is left out of the key, which names it)."""
    return worker.run(changes, classifier_before(base, init, seed), _classifier, text)


@st.cache_resource(show_spinner=False, max_entries=SENTENCES)
def finetune_name_tags(model_id: str, text: str, _classifier) -> NameTags:
    """A shipped token classifier (``model_id``: its name, which ``_classifier`` is) on one text, on the worker:
    every student asking for the same sentence shares one pass."""
    return worker.run(name_tags, _classifier, text)

