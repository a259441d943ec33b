"""From a trace to the numbers a page shows: small NumPy selections, no Streamlit, no figures.

Pages call these so they compute nothing themselves; the science lives in core/.
Shape legend: L layers, H heads, T tokens, E model width, D head size.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.analysis.attention_maps import (
    AttentionRowSteps,
    as_array,
    attention_rollout,
    attention_row_steps,
    hide_tokens,
    pca_2d,
    special_token_mask,
    stack_attentions,
    token_focus,
)
from core.bert.model import BertTrace
from dashboard.charts.embeddings import norms_frame
from dashboard.i18n import ENGLISH, Words

PART_NAMES = ("word_embeddings", "token_type_embeddings", "position_embeddings", "embedding_sum")


def embedding_parts(trace: BertTrace) -> dict[str, np.ndarray]:
    """The three input parts and their sum, each (T, E) float32."""
    return {name: as_array(getattr(trace, name))[0] for name in PART_NAMES}


def embedding_norms(trace: BertTrace, tokens: list[str]):
    return norms_frame(embedding_parts(trace), tokens)


def segment_ids(trace: BertTrace) -> np.ndarray:
    return trace.token_type_ids[0].cpu().numpy()


def pca_panels(trace: BertTrace, layer: int) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """PCA of the encoder input (key 0) and of the output of ``layer`` (1-based, its own key)."""
    return {0: pca_2d(as_array(trace.hidden_states[0])[0]), layer: pca_2d(as_array(trace.hidden_states[layer])[0])}


def pca_file_key(layer: int) -> str:
    """The name of a PCA panel in the JSON download (stable English, whatever the page's language)."""
    return "after embedding (LayerNorm)" if layer == 0 else f"after layer {layer}"


def embeddings_payload(trace: BertTrace, tokens: list[str], layer: int) -> dict:
    panels = pca_panels(trace, layer)
    return {"tokens": tokens, "segment_ids": segment_ids(trace),
            **{name: part for name, part in embedding_parts(trace).items()},
            "pca": {pca_file_key(layer): {"coords": coords, "explained_variance_ratio": ratio}
                    for layer, (coords, ratio) in panels.items()}}


@dataclass
class AttentionView:
    """Attention after the view options: specials hidden or not, rows renormalised or not."""

    attentions: np.ndarray  # (L, H, T', T')
    tokens: list[str]  # the T' tokens kept
    positions: np.ndarray  # (T',) their positions in the full sequence


def attention_view(trace: BertTrace, tokens: list[str], hide_special: bool, renormalise: bool) -> AttentionView:
    attentions = stack_attentions(trace.attentions)  # (L, H, T, T)
    keep = ~special_token_mask(tokens) if hide_special else np.ones(len(tokens), dtype=bool)
    if not keep.any():  # nothing but [CLS]/[SEP]: hiding would leave an empty picture
        keep = np.ones(len(tokens), dtype=bool)
    if keep.all() and not renormalise:
        return AttentionView(attentions, list(tokens), np.arange(len(tokens)))
    return AttentionView(hide_tokens(attentions, keep, renormalise), [t for t, k in zip(tokens, keep) if k],
                         np.nonzero(keep)[0])


def rollout_view(trace: BertTrace, tokens: list[str], layer: int, hide_special: bool,
                 renormalise: bool) -> AttentionView:
    """Rollout up to ``layer`` (0-based) over the full sequence, then the same hiding as the heatmaps."""
    rollout = attention_rollout(stack_attentions(trace.attentions))[layer]  # (T, T)
    keep = ~special_token_mask(tokens) if hide_special else np.ones(len(tokens), dtype=bool)
    if not keep.any():
        keep = np.ones(len(tokens), dtype=bool)
    matrix = hide_tokens(rollout, keep, renormalise) if (not keep.all() or renormalise) else rollout
    return AttentionView(matrix[None, None], [t for t, k in zip(tokens, keep) if k], np.nonzero(keep)[0])


def focus(view: AttentionView, query_position: int):
    """Token focus for a position of the full sequence, or None when that token is hidden."""
    hits = np.nonzero(view.positions == query_position)[0]
    if hits.size == 0:
        return None
    return token_focus(view.attentions, int(hits[0]))


@dataclass
class ArithmeticView:
    steps: AttentionRowSteps
    model_row: np.ndarray  # (S,) the model's attention probabilities for this query
    model_context: np.ndarray  # (D,) the model's head output for this query
    query: np.ndarray  # (D,)
    keys: np.ndarray  # (S, D)
    values: np.ndarray  # (S, D)

    @property
    def max_row_difference(self) -> float:
        return float(np.abs(self.steps.probs - self.model_row).max())

    @property
    def max_context_difference(self) -> float:
        return float(np.abs(self.steps.context - self.model_context).max())


def key_keep(trace: BertTrace) -> np.ndarray:
    """(S,) bool: the keys the padding mask lets a query see (all True for one unpadded input)."""
    return trace.attention_mask[0].cpu().numpy().astype(bool)


def arithmetic_view(trace: BertTrace, layer: int, head: int, query_position: int) -> ArithmeticView:
    """Recompute one attention row from the recorded q, k, v (needs a trace with record_all=True)."""
    if not trace.attention_records:
        raise ValueError("this trace has no q, k, v: compute it with record_all=True")
    record = trace.attention_records[layer]
    query = as_array(record.query)[0, head, query_position]  # (D,)
    keys = as_array(record.key)[0, head]  # (S, D)
    values = as_array(record.value)[0, head]  # (S, D)
    keep = key_keep(trace)
    return ArithmeticView(steps=attention_row_steps(query, keys, values, keep),
                          model_row=as_array(record.probs)[0, head, query_position],
                          model_context=as_array(record.context)[0, head, query_position],
                          query=query, keys=keys, values=values)


def attention_frame(view: AttentionView):
    """Every (layer, head, query, key) weight as a long table."""
    import pandas as pd

    L, H, T, S = view.attentions.shape
    layer, head, query, key = np.meshgrid(np.arange(L), np.arange(H), np.arange(T), np.arange(S), indexing="ij")
    tokens = np.array(view.tokens, dtype=object)
    return pd.DataFrame({"layer": layer.ravel() + 1, "head": head.ravel() + 1,
                         "query_position": view.positions[query.ravel()], "query_token": tokens[query.ravel()],
                         "key_position": view.positions[key.ravel()], "key_token": tokens[key.ravel()],
                         "weight": view.attentions.ravel()})


def attention_payload(view: AttentionView) -> dict:
    """JSON-ready: tokens, positions and the (L, H, T, T) weights."""
    return {"tokens": view.tokens, "positions": view.positions, "attentions": view.attentions}


def sinusoid_table(num_positions: int, d_model: int) -> np.ndarray:
    """(P, d) sinusoidal table of Vaswani et al. sec. 3.5, float32."""
    from core.positional import sinusoidal_positional_encoding

    return sinusoidal_positional_encoding(num_positions, d_model).numpy()


def learned_position_table(pipeline, num_positions: int) -> np.ndarray:
    """(P, E) rows of the model's learned position-embedding table."""
    weight = pipeline.model.bert.embeddings.position_embeddings.weight
    return as_array(weight[:num_positions])


def maskable_positions(tokens: list[str]) -> list[int]:
    """Positions that may be masked: everything but [CLS], [SEP] and [PAD]."""
    return [i for i, special in enumerate(special_token_mask(tokens)) if not special]


@dataclass
class MaskView:
    position: int
    original: str  # the token that was there before masking ([MASK] when the user wrote it)
    tokens: list[str]
    probs: list[float]


def mask_predictions(pipeline, trace: BertTrace, original_tokens: list[str], top_k: int) -> list[MaskView]:
    """Top-k at every [MASK] of ``trace`` (the masked input), each with the token the user's text had there."""
    from core.bert.pipeline import mask_predictions as predict

    return [MaskView(p.position, original_tokens[p.position], p.tokens, p.probs)
            for p in predict(pipeline, trace, top_k)]


def prediction_panels(predictions: list[MaskView],
                      words: Words = ENGLISH) -> list[tuple[str, list[str], list[float]]]:
    """(panel title, candidate tokens, probabilities) per [MASK], the title in ``words``' language."""
    return [(words("chart.mask_panel", position=p.position, token=p.original), p.tokens, p.probs)
            for p in predictions]


def predictions_frame(predictions: list[MaskView]):
    import pandas as pd

    return pd.DataFrame([{"position": p.position, "original": p.original, "rank": rank + 1, "token": token,
                          "probability": np.float32(prob)}
                         for p in predictions for rank, (token, prob) in enumerate(zip(p.tokens, p.probs))])


def nsp_probability(trace: BertTrace) -> float | None:
    from core.bert.pipeline import nsp_is_next_probability

    return nsp_is_next_probability(trace)


def masked_key_count(trace: BertTrace) -> int:
    """How many keys the padding mask hides from every query (0 for one unpadded input)."""
    return int((~key_keep(trace)).sum())


def prediction_heads(model) -> list[str]:
    """The pre-training heads a loaded BERT carries ("MLM", "NSP"), in that order."""
    return [name for name, present in (("MLM", model.has_mlm), ("NSP", model.has_nsp)) if present]


@dataclass
class InputNotice:
    """What the tokenizer did to the typed words that the pieces alone do not tell a class."""

    unknown: list[str]  # words that became [UNK] (Korean, emoji, letters the vocabulary lacks)
    split: list[tuple[str, list[str]]]  # (word, its WordPiece pieces) for words cut into two or more pieces

    def __bool__(self) -> bool:
        return bool(self.unknown or self.split)


def input_notice(tokenizer, *texts: str) -> InputNotice:
    """Words of ``texts`` that the WordPiece vocabulary does not hold whole: [UNK] words and split words.

    Words are the tokenizer's own pre-tokenized words (word_ids), shown as typed (offsets into the text)."""
    unknown: list[str] = []
    split: list[tuple[str, list[str]]] = []
    for text in texts:
        if not text or not text.strip():
            continue
        encoding = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
        pieces: dict[int, list[tuple[str, tuple[int, int]]]] = {}
        tokens = tokenizer.convert_ids_to_tokens(encoding["input_ids"])
        for token, word, span in zip(tokens, encoding.word_ids(), encoding["offset_mapping"]):
            if word is not None:
                pieces.setdefault(word, []).append((token, span))
        for group in pieces.values():
            typed = text[group[0][1][0]:group[-1][1][1]]
            names = [token for token, _ in group]
            if tokenizer.unk_token in names:
                unknown.append(typed)
            elif len(names) > 1:
                split.append((typed, names))
    return InputNotice(list(dict.fromkeys(unknown)), list({word: (word, p) for word, p in split}.values()))


def _training_record(model_name: str) -> dict:
    """The shipped model's training.json (empty for a hub model or a folder without one)."""
    import json
    from pathlib import Path

    from core.bert.checkpoint import resolve_folder, shipped_model_names

    if model_name not in shipped_model_names() and not Path(model_name).is_dir():
        return {}
    path = resolve_folder(model_name) / "training.json"
    return json.loads(path.read_text()) if path.is_file() else {}


def trained_positions(model_name: str) -> int | None:
    """The longest input pre-training was allowed (training.json's max_seq_length); None when unknown.
    Only a cut: the corpus may never have reached it (``position_reach`` measures what it did reach)."""
    length = _training_record(model_name).get("config", {}).get("max_seq_length")
    return int(length) if length else None


# How far above the never-trained rows' norms a row must be to count as trained: that many standard deviations
# of those rows' norms. An untrained row is its N(0, sigma^2) initialisation shrunk by weight decay, its norm
# about sigma * sqrt(E) with a spread of sigma / sqrt(2) (a chi distribution): six of those is beyond any of a
# few hundred untrained rows (one-sided Gaussian tail 1e-9), and far below a row that got gradients
# (tiny-bert: untrained 0.26 +- 0.013, the last trained rows 0.45-1.2).
UNTRAINED_NORM_SIGMAS = 6.0


@dataclass
class PositionReach:
    """How far pre-training reached in the learned position table, measured from the weights."""

    reach: int  # positions 0 .. reach-1 got gradients; reach .. table end kept their initialisation
    configured: int  # the longest input pre-training allowed (max_seq_length)
    table_size: int  # max_position_embeddings
    untrained_norm: float  # mean norm of the rows past ``configured`` (never trained: no input was that long)
    untrained_spread: float  # their standard deviation
    threshold: float  # untrained_norm + UNTRAINED_NORM_SIGMAS * untrained_spread
    norms: np.ndarray  # (P,) every row's norm


def position_reach(pipeline, model_name: str) -> PositionReach | None:
    """Where pre-training actually reached: one past the last position whose embedding norm stands above the
    rows no input could reach (those past max_seq_length, the reference). A padding position gets no gradient
    (its key is masked, its output is in no loss), so the reach is the longest [CLS] A [SEP] B [SEP] the corpus
    held. None without a training record or when every row could have been trained (no reference rows)."""
    configured = trained_positions(model_name)
    weight = as_array(pipeline.model.bert.embeddings.position_embeddings.weight)  # (P, E)
    norms = np.linalg.norm(weight.astype(np.float64), axis=1)  # (P,)
    if configured is None or configured >= len(norms) - 1:
        return None
    reference = norms[configured:]
    mean, spread = float(reference.mean()), float(reference.std(ddof=1))
    threshold = mean + UNTRAINED_NORM_SIGMAS * spread
    above = np.nonzero(norms[:configured] > threshold)[0]
    reach = int(above[-1]) + 1 if above.size else 0
    return PositionReach(reach, configured, len(norms), mean, spread, threshold, norms.astype(np.float32))


def position_norms_frame(reach: PositionReach):
    """(position, norm, trained) rows for the norm chart and its download."""
    import pandas as pd

    positions = np.arange(len(reach.norms))
    return pd.DataFrame({"position": positions, "norm": reach.norms, "trained": positions < reach.reach})


def teaching_head(model_name: str, num_layers: int, num_heads: int) -> tuple[int, int] | None:
    """The head a lesson opens on, 0-based (layer, head): the coreference head the model's training record
    names (training.json's best head chosen on the training half, e.g. tiny-bert's L5 H8), None without one
    or when it lies outside this model."""
    record = _training_record(model_name).get("coreference_heldout", {}).get("best_head_chosen_on_training_half")
    if not record:
        return None
    base = int(record.get("index_base", 0))
    layer, head = int(record["layer"]) - base, int(record["head"]) - base
    return (layer, head) if 0 <= layer < num_layers and 0 <= head < num_heads else None


DOMAIN_EXAMPLES_SEED = 13  # stories of this seed make short, varied examples (a because-clause with "it" first)


def domain_examples(model_name: str, count: int = 4) -> list[str]:
    """Sentences like those the model was trained on, for a model pre-trained only on the generated
    stories of core/data/stories.py (training.json records ``train_stories``); [] for any other model."""
    if "train_stories" not in _training_record(model_name).get("config", {}):
        return []
    from core.data.stories import generate_stories

    return [story[0] for story in generate_stories(count, seed=DOMAIN_EXAMPLES_SEED)]


# Two probes of what a model pre-trained only on the stories knows, shown with its own answers: a sentence of
# the stories' kind (things in places) and one that needs knowledge of the world (its words are not even in
# the vocabulary whole). Their answers are computed, never written down.
DOMAIN_PROBES = ("the cat sat on the [MASK].", "paris is the capital of [MASK].")
DOMAIN_PROBE_TOP = 3


def domain_probes(pipeline) -> list[tuple[str, list[str]]]:
    """(probe sentence, the model's top DOMAIN_PROBE_TOP tokens at its [MASK]) for each of DOMAIN_PROBES."""
    from core.bert.pipeline import fill_mask

    return [(probe, fill_mask(pipeline, probe, top_k=DOMAIN_PROBE_TOP).masks[0].tokens) for probe in DOMAIN_PROBES]


# Two candidates count as near-ties when their probabilities are within this factor (0.22 in log-probability).
# Switching off ONE head of tiny-bert moves a masked word's top candidate by more than 0.14 in log-probability in
# one case of ten (48 heads x 36 masked words of three sentences; median 0.001): a lead smaller than log 1.25 can
# be overturned by an unremarkable head, so a top-1 that changes between such candidates says little about the
# heads switched off. The probability change is what to read there.
NEAR_TIE_RATIO = 1.25


def switch_changes(masks):
    """One row per [MASK] (``views.head_ablation.SwitchedMask``): the all-heads top-1 token and its probability
    with every head on and with the heads off (and the change), the top-1 with the heads off, whether the top-1
    changed and whether that change was between near-ties (the new top-1 within NEAR_TIE_RATIO of the old
    one's probability, with every head on)."""
    import pandas as pd

    rows = []
    for m in masks:
        first_before, first_after = int(np.argmax(m.before)), int(np.argmax(m.after))
        changed = first_before != first_after
        rows.append({"position": m.position, "original": m.original, "top_before": m.tokens[first_before],
                     "p_before": m.before[first_before], "top_after": m.tokens[first_after],
                     "p_after": m.after[first_after], "changed": changed, "p_top_after": m.after[first_before],
                     "p_change": np.float32(m.after[first_before] - m.before[first_before]),
                     "near_tie": bool(changed and m.before[first_after] * NEAR_TIE_RATIO >= m.before[first_before])})
    return pd.DataFrame(rows)
