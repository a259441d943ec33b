"""Note 004's four steps of one seq2seq decoding step, redone by hand with the model's own numbers.

Shape legend: S source tokens (with </s>), H hidden size.

From a recorded trace (``Seq2seq(..., record=True)`` or ``trace_translation``) the encoder states h_i and the
decoder state s_t are read, and in float64 with the model's weights:

1. the encoder states h_1 ... h_S;
2. the scores s_t · h_i (Luong's dot) or v^T tanh(W_q s_t + W_k h_i + b_k) (Bahdanau's additive), and their
   softmax, the weights a_ti;
3. the context c_t = Σ_i a_ti h_i;
4. the concatenation [s_t; c_t] and tanh(W_c [s_t; c_t] + b_c), what the output layer reads.

Each result is compared with the number the model computed in float32, in two ways:

- ``differences``: the lecture's numbers, computed from s_t and h_i alone, against the model's. Float32 rounding
  compounds through the four steps (a score's error moves every weight, the weights move the context, ...): on
  a 30-word sentence tanh(W_c [s_t; c_t]) differs by 1-3e-5, so no fixed threshold such as 1e-5 separates a
  correct model from a wrong one.
- ``step_differences``, the check: each step recomputed from the model's own inputs to that step (the weights
  from the model's scores, the context from the model's weights, ...), so the errors do not compound, against
  a bound for every number (``rounding_bounds``). The bound is Higham's for a sum of n terms in any order
  (Accuracy and Stability of Numerical Algorithms, 2nd ed., sec. 3.1): |error| <= gamma_n Σ|term|,
  gamma_n = n u / (1 - n u), taken with eps = 2u for u (a margin of two), and a further margin of two for
  the library's exp and tanh. On the shipped tiny-seq2seq-attention the bound on tanh(W_c [s_t; c_t]) is at
  most 2.4e-3 (30-word sentences; the rigorous bound is far above the 5e-6 measured), so a change of 0.003 to
  the combination's bias is already caught.

    translator = load_translator("tiny-seq2seq-attention")
    trace = trace_translation(translator, "I am a student", "je suis étudiant")
    step = attention_arithmetic(translator.model, trace, 2)
    step.differences, step.step_differences, step.tolerances, step.matches_model
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.rnn.seq2seq import Seq2seq, Seq2seqTrace

FLOAT32_EPS = float(np.finfo(np.float32).eps)  # 1.19e-7: the model computes in float32
MARGIN = 2.0  # on top of the worst-case bounds: library exp/tanh may be off by an ulp or two more
QUANTITIES = ("scores", "weights", "context", "concat", "output_input")


def gamma(n: int) -> float:
    """Higham's gamma_n with eps for u: the relative error bound of an n-term float32 sum, any order."""
    return n * FLOAT32_EPS / (1 - n * FLOAT32_EPS)


@dataclass
class AttentionArithmetic:
    step: int  # 1-based decoding step
    source_tokens: list[str]
    fed: str  # decoder input at this step
    predicted: str  # the token this step chose
    encoder_states: np.ndarray  # (S, H) step 1: h_i
    decoder_state: np.ndarray  # (H,) s_t
    scores: np.ndarray  # (S,) step 2, recomputed in float64
    weights: np.ndarray  # (S,) softmax of the scores
    context: np.ndarray  # (H,) step 3: Σ_i a_i h_i
    concat: np.ndarray  # (2H,) step 4: [s_t; c_t]
    output_input: np.ndarray  # (H,) tanh(W_c [s_t; c_t] + b_c)
    model: dict[str, np.ndarray]  # the model's own float32 scores, weights, context, concat, output_input
    score_kind: str  # "dot" or "additive"
    from_model_inputs: dict[str, np.ndarray]  # each step recomputed from the model's own inputs to it
    bounds: dict[str, np.ndarray]  # per number of each step: the largest difference float32 rounding explains

    @property
    def differences(self) -> dict[str, float]:
        """Per quantity: max |float64 from s_t and h_i alone - float32 model| (rounding compounds over the steps)."""
        return {name: float(np.max(np.abs(getattr(self, name) - self.model[name]))) for name in QUANTITIES}

    @property
    def step_differences(self) -> dict[str, float]:
        """Per step: max |float64 from the model's own inputs to the step - float32 model|."""
        return {name: float(np.max(np.abs(self.from_model_inputs[name] - self.model[name]))) for name in QUANTITIES}

    @property
    def tolerances(self) -> dict[str, float]:
        """Per step: the largest of its numbers' bounds (each number is checked against its own)."""
        return {name: float(np.max(self.bounds[name])) for name in QUANTITIES}

    @property
    def max_difference(self) -> float:
        return max(self.differences.values())

    @property
    def matches_model(self) -> bool:
        """Every step, recomputed from the model's inputs to it, within float32 rounding of the model's numbers."""
        return all(bool(np.all(np.abs(self.from_model_inputs[name] - self.model[name]) <= self.bounds[name]))
                   for name in QUANTITIES)


def _float64(tensor) -> np.ndarray:
    return tensor.detach().cpu().double().numpy()


def recompute_scores(model: Seq2seq, query: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Step 2's scores in float64: s · h_i (Luong's dot) or v^T tanh(W_q s + W_k h_i + b_k) (Bahdanau)."""
    attention = model.attention
    if attention.score == "dot":
        return keys @ query  # (S,)
    w_q, w_k = _float64(attention.query_projection.weight), _float64(attention.key_projection.weight)
    b_k, v = _float64(attention.key_projection.bias), _float64(attention.energy.weight)[0]
    return np.tanh(query @ w_q.T + keys @ w_k.T + b_k) @ v  # (S,)


def score_bounds(model: Seq2seq, query: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """(S,) float32 error of each score. Dot: one H-term dot product. Additive: W_q s (H terms) and W_k h_i + b_k
    (H + 1), their sum (one rounding), tanh (slope at most 1, plus its own rounding), then v · tanh (H terms)."""
    attention, H = model.attention, query.shape[0]
    if attention.score == "dot":
        return gamma(H) * (np.abs(keys) @ np.abs(query))
    w_q, w_k = _float64(attention.query_projection.weight), _float64(attention.key_projection.weight)
    b_k, v = _float64(attention.key_projection.bias), _float64(attention.energy.weight)[0]
    pre = query @ w_q.T + keys @ w_k.T + b_k  # (S, H)
    pre_error = (gamma(H) * (np.abs(w_q) @ np.abs(query)) + gamma(H + 1) * (np.abs(keys) @ np.abs(w_k).T + np.abs(b_k))
                 + FLOAT32_EPS * np.abs(pre))  # (S, H)
    hidden = np.tanh(pre)
    hidden_error = pre_error + FLOAT32_EPS * np.abs(hidden)
    return hidden_error @ np.abs(v) + gamma(H) * (np.abs(hidden) @ np.abs(v))  # (S,)


def softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max())
    return shifted / shifted.sum()


def combined(model: Seq2seq, concat: np.ndarray) -> np.ndarray:
    """Step 4's tanh(W_c [s_t; c_t] + b_c) in float64, (2H,) -> (H,)."""
    combine = model.attention.combine
    return np.tanh(_float64(combine.weight) @ concat + _float64(combine.bias))


def steps_from_model_inputs(model: Seq2seq, query: np.ndarray, keys: np.ndarray,
                            own: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Each step in float64 from what the model fed it: scores from s_t and h_i, weights from the model's scores,
    the context from its weights, [s_t; c_t] from its context, the output from its concatenation."""
    return {"scores": recompute_scores(model, query, keys), "weights": softmax(own["scores"]),
            "context": own["weights"] @ keys, "concat": np.concatenate([query, own["context"]]),
            "output_input": combined(model, own["concat"])}


def rounding_bounds(model: Seq2seq, query: np.ndarray, keys: np.ndarray,
                    own: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Per number of each step, the largest |float32 model - exact| its float32 arithmetic allows, given the
    model's own inputs to the step (times MARGIN).

    Scores: ``score_bounds``. Weights: the rounding of σ_i - max σ (eps |σ_i - max σ| in the exponent), the exp,
    the S-term sum and the division (gamma_{S+2}), relative to each weight. Context: an S-term sum, gamma_S
    Σ_i a_i |h_i|. Concat: a copy (one ulp allowed). Output: a (2H + 1)-term dot product (bias included), then
    tanh (slope at most 1, plus its own rounding)."""
    S, scores, weights, concat = keys.shape[0], own["scores"], own["weights"], own["concat"]
    w_c, b_c = _float64(model.attention.combine.weight), _float64(model.attention.combine.bias)
    errors = {
        "scores": score_bounds(model, query, keys),
        "weights": weights * (FLOAT32_EPS * np.abs(scores - scores.max()) + gamma(S + 2)),  # (S,)
        "context": gamma(S) * (np.abs(weights) @ np.abs(keys)),  # (H,)
        "concat": FLOAT32_EPS * np.abs(concat),  # (2H,)
        "output_input": (gamma(concat.shape[0] + 1) * (np.abs(w_c) @ np.abs(concat) + np.abs(b_c))
                         + FLOAT32_EPS * np.abs(own["output_input"])),  # (H,)
    }
    return {name: MARGIN * errors[name] for name in QUANTITIES}


def attention_arithmetic(model: Seq2seq, trace: Seq2seqTrace, step: int, row: int = 0) -> AttentionArithmetic:
    """Decoding step ``step`` (1-based) of sentence ``row`` redone by hand; needs a recorded attention trace."""
    if trace.attention is None or model.attention is None:
        raise ValueError("this model has no attention")
    t = step - 1
    S = int(trace.source_mask[row].sum())
    keys = _float64(trace.encoder_outputs[row, :S])  # (S, H)
    query = _float64(trace.decoder.hidden_states[-1][row, t])  # (H,) the top decoder layer's s_t
    scores = recompute_scores(model, query, keys)  # step 2
    weights = softmax(scores)  # (S,)
    context = weights @ keys  # (H,) step 3
    concat = np.concatenate([query, context])  # (2H,) step 4
    recorded = trace.attention.at(row, t)
    own = {"scores": _float64(recorded.scores)[:S], "weights": _float64(recorded.weights)[:S],
           "context": _float64(recorded.context), "concat": _float64(recorded.concat),
           "output_input": _float64(recorded.output_input)}
    return AttentionArithmetic(step, list(trace.source_tokens[row][:S]), trace.target_tokens[row][t],
                               trace.output_tokens[row][t], keys, query, scores, weights, context, concat,
                               combined(model, concat), own, model.attention.score,
                               steps_from_model_inputs(model, query, keys, own),
                               rounding_bounds(model, query, keys, own))


def context_sizes(num_layers: int, hidden_size: int, source_words: list[int]) -> dict[str, list[int]]:
    """How many numbers the decoder can read about a source of each length (note 003's bottleneck in numbers).

    Without attention: the context vector, the encoder's last (h, c) of every layer, 2·L·H, whatever the length.
    With attention: the same final state, which the decoder starts from, plus the S × H encoder states it
    attends to (S = words + </s>)."""
    fixed = 2 * num_layers * hidden_size
    return {"source_words": list(source_words), "context_numbers": [fixed] * len(source_words),
            "attention_numbers": [fixed + (n + 1) * hidden_size for n in source_words]}
