"""From a translation trace (``core.transformer.model.TranslationTrace``) to what the translation page shows.

No Streamlit, no figures. Shape legend: L layers, H heads, S source tokens, T decoder positions.
Decoder row t (0-based) is the step that chose output token t + 1: its query is the decoder input
``<s> y_1 ... y_t``'s last position, and the look-ahead mask lets it see positions 0..t only.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import torch

from core.analysis.attention_maps import stack_attentions
from core.attention import subsequent_keep_mask
from core.transformer.model import TranslationTrace


@dataclass
class TranslationView:
    source_tokens: list[str]  # S, ending with </s>
    decoder_tokens: list[str]  # T decoder inputs: <s> y_1 ... y_{T-1}
    output_tokens: list[str]  # T tokens the rows chose: y_1 ... y_{T-1} </s>
    encoder: np.ndarray  # (L_enc, H_enc, S, S) encoder self-attention
    decoder_self: np.ndarray  # (L_dec, H_dec, T, T) masked decoder self-attention
    cross: np.ndarray  # (L_dec, H_dec, T, S) encoder-decoder attention
    look_ahead: np.ndarray  # (T, T) bool, True where a query may see a key
    next_word: np.ndarray | None = None  # (T, V) softmax of the logits: row t = p(next word | <s> y_1 .. y_t, x)
    vocabulary: list[str] | None = None  # V target tokens naming next_word's columns

    @property
    def num_steps(self) -> int:
        return len(self.output_tokens)


def translation_view(trace: TranslationTrace, vocabulary: list[str] | None = None) -> TranslationView:
    """The first (only) sentence of a trace as float32 arrays; with the target ``vocabulary``, also each
    step's next-word distribution (the model's softmax over every target token, before decoding bans
    <pad>, <unk> and <s>)."""
    T = trace.target_ids.size(1)
    next_word = torch.softmax(trace.logits[0].float(), dim=-1).numpy() if vocabulary is not None else None  # (T, V)
    return TranslationView(source_tokens=list(trace.source_tokens[0]), decoder_tokens=list(trace.target_tokens[0]),
                           output_tokens=list(trace.output_tokens[0]),
                           encoder=stack_attentions(trace.encoder_attentions),
                           decoder_self=stack_attentions(trace.decoder_self_attentions),
                           cross=stack_attentions(trace.cross_attentions),
                           look_ahead=subsequent_keep_mask(T)[0, 0].numpy(), next_word=next_word,
                           vocabulary=None if vocabulary is None else list(vocabulary))


def top_next_words(view: TranslationView, step: int, k: int = 10) -> tuple[list[str], np.ndarray]:
    """The ``k`` most probable next words at ``step`` (1-based) and their probabilities, best first."""
    if view.next_word is None or view.vocabulary is None:
        raise ValueError("the view was built without the target vocabulary")
    row = view.next_word[step - 1]  # (V,)
    best = np.argsort(-row, kind="stable")[:k]
    return [view.vocabulary[i] for i in best], row[best]


def clamp(index: int, size: int) -> int:
    """A 0-based index valid for a stack of ``size`` (the encoder and decoder may differ in depth)."""
    return max(0, min(index, size - 1))


@dataclass
class StepView:
    """What the decoder looked at while choosing one output token."""

    step: int  # 1-based: the step-th generated token
    predicted: str  # the token chosen at this step
    prefix: list[str]  # decoder inputs it could see: <s> y_1 ... y_{step-1}
    self_row: np.ndarray  # (step,) masked self-attention over the prefix
    cross_row: np.ndarray  # (S,) attention over the source


def step_view(view: TranslationView, layer: int, head: int, step: int) -> StepView:
    row = step - 1
    return StepView(step=step, predicted=view.output_tokens[row], prefix=view.decoder_tokens[:step],
                    self_row=view.decoder_self[layer, head, row, :step], cross_row=view.cross[layer, head, row])


def _long(kind: str, weights: np.ndarray, query_tokens: list[str], key_tokens: list[str],
          keep: np.ndarray | None = None) -> pd.DataFrame:
    L, H, T, S = weights.shape
    layer, head, query, key = np.meshgrid(np.arange(L), np.arange(H), np.arange(T), np.arange(S), indexing="ij")
    masked = np.zeros(weights.shape, dtype=bool) if keep is None else np.broadcast_to(~keep, weights.shape)
    query_token = np.array(query_tokens, dtype=object)[query.ravel()]
    key_token = np.array(key_tokens, dtype=object)[key.ravel()]
    return pd.DataFrame({"attention": kind, "layer": layer.ravel() + 1, "head": head.ravel() + 1,
                         "query_position": query.ravel(), "query_token": query_token,
                         "key_position": key.ravel(), "key_token": key_token,
                         "weight": weights.ravel(), "masked": masked.ravel()})


def attention_frame(view: TranslationView) -> pd.DataFrame:
    """Every weight of the three attentions as one long table (query = row, key = column)."""
    return pd.concat([_long("encoder self", view.encoder, view.source_tokens, view.source_tokens),
                      _long("decoder self (masked)", view.decoder_self, view.decoder_tokens, view.decoder_tokens,
                            view.look_ahead),
                      _long("cross (decoder -> source)", view.cross, view.decoder_tokens, view.source_tokens)],
                     ignore_index=True)


def attention_payload(view: TranslationView) -> dict:
    return {"source_tokens": view.source_tokens, "decoder_tokens": view.decoder_tokens,
            "output_tokens": view.output_tokens, "encoder_self_attention": view.encoder,
            "decoder_self_attention": view.decoder_self, "look_ahead_keep": view.look_ahead,
            "cross_attention": view.cross}


# ---- What the translation pages tell about a sentence before and after translating it ----

# The lecture's pair, offered as presets: "it" is the animal (il) or the street (elle).
LECTURE_PRESETS = {"tired": "The animal didn't cross the street because it was too tired.",
                   "wide": "The animal didn't cross the street because it was too wide."}


# The generated grammar writes no sentence under 3 words; 21-30 words is the longest length bucket of the
# held-out test, where the seq2seq model without attention falls to 0 % (the long-sentence demo).
RANDOM_WORDS = (3, 30)
RANDOM_WORDS_DEFAULT = 25


@lru_cache(maxsize=256)  # a pure function of three numbers; the page asks again on every run
def random_source(data_version: int, words: int, seed: int) -> str:
    """An English sentence of exactly ``words`` words that the grammar of ``data_version`` writes (so a translator
    trained on it knows every word), drawn with ``seed``: the same three numbers give the same sentence."""
    from core.data.translation import grammar

    low, high = RANDOM_WORDS
    if not low <= words <= high:
        raise ValueError(f"a random sentence has {low} to {high} words, not {words}")
    return grammar(data_version).generate_long_pair(random.Random(seed), words, words)[0]


def unknown_source_words(translator, source: str) -> list[str]:
    """The English words of ``source`` the translator has no embedding for, sorted, each once (as the
    translate command names them)."""
    from core.transformer.translator import tokenize_english

    return sorted({word for word in tokenize_english(source) if word not in translator.source_vocab})


def world_grammar_reads(words: list[str]) -> bool:
    """Whether every one of ``words`` is a word of the world grammar (data version 3), which a translator
    retrained on it would read."""
    from core.data.translation_world import lexicon_words

    return bool(words) and set(words) <= set(lexicon_words()[0])


def trained_version(translator) -> int:
    from core.analysis.evaluation import trained_data_version

    return trained_data_version(translator)


def calibrated_threshold(name: str, beam: int, alpha: float) -> dict | None:
    """The "may be wrong" calibration of this translator (models/translation_confidence.json), when it was
    calibrated with this beam width and α; None otherwise."""
    from core.analysis.translation_checks import confidence_thresholds

    row = confidence_thresholds().get(name)
    if row is None or (row["beam"], row["length_penalty"]) != (beam, alpha):
        return None
    return row


@dataclass
class Notice:
    kind: str  # cut, loop or low_score: the language table's "translator.notice_<kind>"
    fields: dict  # what its text shows


def translation_notices(candidate, max_length: int, calibration: dict | None) -> list[Notice]:
    """The signs that ``candidate`` should not be trusted (core.analysis.translation_checks), with the numbers
    each notice shows."""
    from core.analysis.translation_checks import notices, repeated_ngram

    threshold = calibration["threshold"] if calibration else None
    out = []
    for kind in notices(candidate, threshold):
        if kind == "cut":
            out.append(Notice(kind, {"limit": max_length}))
        elif kind == "loop":
            out.append(Notice(kind, {"ngram": " ".join(repeated_ngram(candidate.tokens))}))
        else:
            out.append(Notice(kind, {"score": candidate.score, "threshold": threshold,
                                     "quantile": calibration["quantile"],
                                     "false_alarms": calibration["false_alarm_rate"]}))
    return out
