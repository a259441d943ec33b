"""Seq2seq (Sutskever et al. 2014) as note 002 writes it, and with attention (notes 003, 004).

Shape legend: B batch, S source length, T target length, E embedding size, H hidden size,
L layers, V target vocabulary, K live hypotheses while decoding.

Encoder: embedding -> dropout -> LSTM over the source. Its last hidden and cell state (h_n, c_n),
each (L, B, H), are the context vector (note 003): the decoder's first state. The size is the same
for a 3-word and a 30-word sentence: the bottleneck ("병목", "정보 손실") attention removes.
Decoder: the previous token -> embedding -> dropout -> LSTM step -> s_t; without attention the
output layer reads s_t (note 002's ``self.fc(outputs)``); with attention it reads tanh(W_c [s_t; c_t])
(core.rnn.attention, note 004's four steps).
Training feeds the decoder the reference's previous token with probability ``teacher_forcing_ratio``
per step, otherwise its own previous prediction (note 003, "교사 강요"); at test time it always reads
its own output (free running, ``start``/``step`` with greedy or beam search in core.decoding).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn

from core.decoding import StepAttention, never_generated
from core.rnn.attention import AttentionStep, DecoderAttention
from core.rnn.recurrent import GATES, LSTM, RecurrentTrace

MODEL_TYPES = {None: "seq2seq-lstm", "dot": "seq2seq-lstm-attention", "additive": "seq2seq-lstm-attention"}


@dataclass(frozen=True)
class Seq2seqConfig:
    src_vocab_size: int = 512  # note 002's input_size: rows of the source embedding
    tgt_vocab_size: int = 512  # V: note 002's output_size, the decoder's softmax width
    embedding_size: int = 128  # E: word embedding width (note 002's embedding_size)
    hidden_size: int = 192  # H: LSTM hidden and cell state width, encoder and decoder alike
    num_layers: int = 2  # L: stacked LSTM layers, encoder and decoder alike (the context is (L, B, H))
    dropout: float = 0.1  # note 002's p: on embeddings and between LSTM layers
    attention: str | None = None  # None (note 002), "dot" (Luong) or "additive" (Bahdanau) score
    # Longest source or target accepted. An RNN has no position table; the name is the Transformer's
    # so every translator answers "how long may a sentence be" the same way.
    max_position_embeddings: int = 64
    pad_token_id: int = 0
    unk_token_id: int = 1
    bos_token_id: int = 2
    eos_token_id: int = 3

    def __post_init__(self) -> None:
        for name in ("src_vocab_size", "tgt_vocab_size", "embedding_size", "hidden_size", "num_layers",
                     "max_position_embeddings"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"config field {name!r} must be a positive integer, got {value!r}")
        if self.attention not in MODEL_TYPES:
            raise ValueError(f"attention must be None, 'dot' or 'additive', got {self.attention!r}")
        if not 0.0 <= self.dropout < 1.0:
            raise ValueError(f"dropout must be in [0, 1), got {self.dropout}")

    @property
    def model_type(self) -> str:
        return MODEL_TYPES[self.attention]

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Seq2seqConfig:
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(raw) - names - {"model_type"})
        if unknown:
            raise ValueError(f"config.json has fields this model does not know: {', '.join(unknown)}")
        config = cls(**{k: v for k, v in raw.items() if k in names})
        if raw.get("model_type") != config.model_type:
            raise ValueError(f"config.json says model_type={raw.get('model_type')!r} but attention="
                             f"{config.attention!r}, which is a {config.model_type!r}")
        return config

    def to_dict(self) -> dict[str, Any]:
        return {"model_type": self.model_type, **dataclasses.asdict(self)}


@dataclass
class Seq2seqTrace:
    """One pass over a batch (teacher-forced or free-running): everything a view may show. Tensors detached
    when recorded; without ``record`` only logits, decoder_inputs and teacher_forced are filled."""

    source_ids: torch.Tensor  # (B, S)
    target_ids: torch.Tensor  # (B, T) the reference decoder input: <s> y_1 ... y_{T-1}
    source_mask: torch.Tensor  # (B, S) bool, False on padding
    decoder_inputs: torch.Tensor  # (B, T) what the decoder was actually fed at each step
    teacher_forced: list[bool]  # T: step t read the reference (True) or its own previous prediction
    logits: torch.Tensor  # (B, T, V): row t predicts target token t+1
    encoder: RecurrentTrace | None = None  # every encoder step: hidden, cell, the four gates
    encoder_outputs: torch.Tensor | None = None  # (B, S, H) top layer's h_i: what attention reads
    context_hidden: torch.Tensor | None = None  # (L, B, H) encoder's last h: the context vector (note 003)
    context_cell: torch.Tensor | None = None  # (L, B, H) encoder's last c, handed over with it
    decoder: RecurrentTrace | None = None  # every decoder step: s_t, cell, gates
    attention: AttentionStep | None = None  # (B, T, ·) note 004's four steps; None without attention
    source_tokens: list[list[str]] = field(default_factory=list)  # filled by the caller
    target_tokens: list[list[str]] = field(default_factory=list)
    output_tokens: list[list[str]] = field(default_factory=list)

    @property
    def cross_attentions(self) -> list[torch.Tensor]:
        """As the Transformer's trace: L of (B, H, T, S), here one layer with one "head"; [] without attention."""
        return [] if self.attention is None else [self.attention.weights[:, None]]

    def log_probs(self) -> torch.Tensor:
        return torch.log_softmax(self.logits.float(), dim=-1)  # (B, T, V)


@dataclass
class Seq2seqState:
    """What decoding carries between steps for K hypotheses."""

    h: torch.Tensor  # (L, K, H)
    c: torch.Tensor  # (L, K, H)
    memory: torch.Tensor  # (K, S, H) encoder outputs (read only with attention)
    source_keep: torch.Tensor  # (K, S) bool


class Seq2seq(nn.Module):
    """Encoder LSTM + decoder LSTM (+ attention); the decoding interface is start / step / reorder."""

    def __init__(self, config: Seq2seqConfig) -> None:
        super().__init__()
        self.config = config
        E, H, L, p = config.embedding_size, config.hidden_size, config.num_layers, config.dropout
        self.encoder_embeddings = nn.Embedding(config.src_vocab_size, E, padding_idx=config.pad_token_id)
        self.encoder = LSTM(E, H, L, dropout=p)
        self.decoder_embeddings = nn.Embedding(config.tgt_vocab_size, E, padding_idx=config.pad_token_id)
        self.decoder = LSTM(E, H, L, dropout=p)
        self.attention = None if config.attention is None else DecoderAttention(H, config.attention)
        self.fc = nn.Linear(H, config.tgt_vocab_size)  # note 002's output layer
        self.dropout = nn.Dropout(p)

    def init_weights(self, seed: int | None = None) -> None:
        if seed is not None:
            torch.manual_seed(seed)
        for module in self.modules():
            if hasattr(module, "reset_parameters") and module is not self:
                module.reset_parameters()
        for embedding in (self.encoder_embeddings, self.decoder_embeddings):
            with torch.no_grad():
                embedding.weight[self.config.pad_token_id].zero_()

    def encode(self, source_ids: torch.Tensor, source_mask: torch.Tensor | None = None, record: bool = False,
               source_embeddings: torch.Tensor | None = None):
        """source_ids (B, S) -> (RecurrentOutput: outputs (B, S, H), context (h_n, c_n) (L, B, H); keep mask (B, S)).

        ``source_embeddings`` (B, S, E) replaces the embedding lookup (as transformers' inputs_embeds), e.g. to
        measure the gradient that reaches each source word."""
        if source_mask is None:
            source_mask = source_ids != self.config.pad_token_id
        if source_embeddings is None:
            source_embeddings = self.encoder_embeddings(source_ids)
        embedded = self.dropout(source_embeddings)  # (B, S, E)
        return self.encoder(embedded, source_mask.sum(1).cpu(), record=record), source_mask.bool()

    def output_layer(self, states: torch.Tensor, memory: torch.Tensor, keep: torch.Tensor):
        """Decoder states (B, T, H) -> (logits (B, T, V), AttentionStep or None)."""
        if self.attention is None:
            return self.fc(states), None
        step = self.attention(states, memory, keep)
        return self.fc(step.output_input), step

    def forward(self, source_ids: torch.Tensor, target_ids: torch.Tensor, source_mask: torch.Tensor | None = None,
                target_mask: torch.Tensor | None = None, teacher_forcing_ratio: float = 1.0,
                record: bool = False, generator: torch.Generator | None = None,
                source_embeddings: torch.Tensor | None = None) -> Seq2seqTrace:
        """One pass over target_ids (B, T) = <s> y_1 ... : each step reads the reference token with
        probability teacher_forcing_ratio (one draw per step for the whole batch), else its own last argmax."""
        encoded, keep = self.encode(source_ids, source_mask, record, source_embeddings)
        B, T = target_ids.size()
        draws = torch.rand(T, generator=generator).tolist()
        forced = [True] + [draw < teacher_forcing_ratio for draw in draws[1:]]  # step 0 always reads <s>
        if all(forced):  # the whole reference is known in advance: one LSTM pass, attention for all steps
            if target_mask is None:
                target_mask = target_ids != self.config.pad_token_id
            lengths = target_mask.sum(1).clamp(min=1).cpu()
            decoded = self.decoder(self.dropout(self.decoder_embeddings(target_ids)), lengths,
                                   (encoded.h_n, encoded.c_n), record=record)
            logits, attention = self.output_layer(decoded.output, encoded.output, keep)
            decoder_trace, inputs = decoded.trace, target_ids
        else:
            logits, attention, decoder_trace, inputs = self.run_steps(encoded, keep, target_ids, forced, record)
        trace = Seq2seqTrace(source_ids, target_ids, keep, inputs, forced, logits)
        if record:
            detach = lambda x: None if x is None else x.detach()
            trace.encoder, trace.decoder = encoded.trace, decoder_trace
            trace.encoder_outputs, trace.context_hidden = encoded.output.detach(), encoded.h_n.detach()
            trace.context_cell, trace.logits = encoded.c_n.detach(), logits.detach()
            if attention is not None:
                trace.attention = AttentionStep(*(detach(getattr(attention, f.name))
                                                  for f in dataclasses.fields(AttentionStep)))
        return trace

    def run_steps(self, encoded, keep: torch.Tensor, target_ids: torch.Tensor, forced: list[bool], record: bool):
        """Step by step, feeding the reference or the previous argmax as ``forced`` says; the argmax skips the
        tokens decoding never emits (core.decoding.never_generated), so free running here is greedy decoding."""
        h, c = encoded.h_n, encoded.c_n
        token = target_ids[:, 0]
        banned = never_generated(self.config)  # fed back only what decoding could have chosen
        logits, steps, inputs, outputs, cells, gates = [], [], [], [], [], []
        for t in range(target_ids.size(1)):
            if t and forced[t]:
                token = target_ids[:, t]
            inputs.append(token)
            out = self.decoder.step(self.dropout(self.decoder_embeddings(token)), h, c)
            h, c = out.h, out.c
            step_logits, attention = self.output_layer(out.output[:, None], encoded.output, keep)  # (B, 1, V)
            logits.append(step_logits)
            steps.append(attention)
            outputs.append(out.h)
            cells.append(out.c)
            gates.append(out.gates)
            token = step_logits[:, 0].detach().index_fill(-1, torch.tensor(banned, device=token.device),
                                                          float("-inf")).argmax(-1)  # free running: read next
        attention = None
        if self.attention is not None:
            attention = AttentionStep(*(torch.cat([getattr(s, f.name) for s in steps], dim=1)
                                        for f in dataclasses.fields(AttentionStep)))
        trace = None
        if record:
            lengths = torch.full((target_ids.size(0),), target_ids.size(1), dtype=torch.long)
            per_layer = lambda xs, layer: torch.stack([x[layer] for x in xs], dim=1)  # (B, T, H)
            L = self.config.num_layers
            trace = RecurrentTrace("lstm", lengths, [per_layer(outputs, layer).detach() for layer in range(L)],
                                   [per_layer(cells, layer).detach() for layer in range(L)],
                                   [{name: torch.stack([g[layer][name] for g in gates], dim=1).detach()
                                     for name in GATES["lstm"]} for layer in range(L)])
        return torch.cat(logits, dim=1), attention, trace, torch.stack(inputs, dim=1)

    # The decoding interface of core.decoding: encode once, then one token per call for K hypotheses.

    def start(self, source_ids: torch.Tensor, source_mask: torch.Tensor | None = None,
              use_cache: bool = True) -> Seq2seqState:
        """``use_cache`` is the Transformer's choice; a recurrent decoder's state is its own cache."""
        encoded, keep = self.encode(source_ids, source_mask)
        return Seq2seqState(encoded.h_n, encoded.c_n, encoded.output, keep)

    def step(self, state: Seq2seqState, previous_tokens: torch.Tensor, record: bool = False):
        """previous_tokens (K,) -> (log-probs (K, V), new state, K StepAttention records or None)."""
        out = self.decoder.step(self.dropout(self.decoder_embeddings(previous_tokens)), state.h, state.c)
        logits, attention = self.output_layer(out.output[:, None], state.memory, state.source_keep)
        log_probs = torch.log_softmax(logits[:, 0].float(), dim=-1)  # (K, V)
        records = None
        if record:
            records = [StepAttention([], [] if attention is None else [attention.weights[k]],  # (1, S): one "head"
                                     None if attention is None else attention.at(k, 0))
                       for k in range(previous_tokens.size(0))]
        return log_probs, Seq2seqState(out.h, out.c, state.memory, state.source_keep), records

    def reorder(self, state: Seq2seqState, index: torch.Tensor) -> Seq2seqState:
        """Row k of the result continues hypothesis index[k]."""
        return Seq2seqState(state.h.index_select(1, index), state.c.index_select(1, index),
                            state.memory.index_select(0, index), state.source_keep.index_select(0, index))
