"""The encoder-decoder Transformer of "Attention Is All You Need" (Vaswani et al., 2017), from scratch.

Shape legend: B batch, S source length, T target length, H heads, D head size, E model width
(d_model), V vocabulary, L layers.

Reuses the attention of ``core.attention`` (the same module BERT uses) and the positional table of
``core.positional``. Post-LN everywhere: each sub-layer's output is LayerNorm(x + Sublayer(x)) (sec. 3.1).
Config field names follow transformers' FSMT, the original WMT Transformer (``src_vocab_size``,
``encoder_layers``, ``decoder_attention_heads``...).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn

from core.attention import AttentionRecord, MultiHeadAttention, padding_keep_mask, subsequent_keep_mask
from core.decoding import StepAttention
from core.positional import sinusoidal_positional_encoding

MODEL_TYPE = "encoder-decoder-transformer"


@dataclass(frozen=True)
class TransformerConfig:
    src_vocab_size: int = 512  # rows of the source embedding table
    tgt_vocab_size: int = 512  # V: rows of the target embedding and columns of the output softmax
    d_model: int = 128  # E: model width
    encoder_layers: int = 2  # N encoder layers (6 in the paper)
    decoder_layers: int = 2  # N decoder layers
    encoder_attention_heads: int = 4  # h in the paper; head size d_k = d_model / h
    decoder_attention_heads: int = 4
    encoder_ffn_dim: int = 512  # d_ff, width of the position-wise feed-forward block (eq. 2)
    decoder_ffn_dim: int = 512
    dropout: float = 0.1  # P_drop on sub-layer outputs and on embedding + position sums (sec. 5.4)
    attention_dropout: float = 0.0  # dropout on attention probabilities
    max_position_embeddings: int = 64  # rows of the sinusoidal table: longest source or target
    layer_norm_eps: float = 1e-5
    scale_embedding: bool = True  # multiply token embeddings by sqrt(d_model) (sec. 3.4)
    tie_word_embeddings: bool = True  # pre-softmax weights = target embedding (sec. 3.4)
    pad_token_id: int = 0  # same ids in both vocabularies
    unk_token_id: int = 1
    bos_token_id: int = 2  # starts every decoder input
    eos_token_id: int = 3  # ends every target

    def __post_init__(self) -> None:
        for name in ("src_vocab_size", "tgt_vocab_size", "d_model", "encoder_layers", "decoder_layers",
                     "encoder_attention_heads", "decoder_attention_heads", "encoder_ffn_dim", "decoder_ffn_dim",
                     "max_position_embeddings"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"config field {name!r} must be a positive integer, got {value!r}")
        for heads in (self.encoder_attention_heads, self.decoder_attention_heads):
            if self.d_model % heads:
                raise ValueError(f"d_model ({self.d_model}) is not divisible by {heads} heads")
        if self.d_model % 2:
            raise ValueError(f"d_model must be even for the sinusoidal encoding, got {self.d_model}")
        for name in ("pad_token_id", "unk_token_id", "bos_token_id", "eos_token_id"):
            if not 0 <= getattr(self, name) < min(self.src_vocab_size, self.tgt_vocab_size):
                raise ValueError(f"{name} {getattr(self, name)} is outside the vocabularies")

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> TransformerConfig:
        if raw.get("model_type") != MODEL_TYPE:
            raise ValueError(f"config.json describes model_type={raw.get('model_type')!r}, not {MODEL_TYPE!r}")
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(raw) - names - {"model_type"})
        if unknown:
            raise ValueError(f"config.json has fields this model does not know: {', '.join(unknown)}")
        return cls(**{k: v for k, v in raw.items() if k in names})

    def to_dict(self) -> dict[str, Any]:
        return {"model_type": MODEL_TYPE, **dataclasses.asdict(self)}


@dataclass
class TranslationTrace:
    """Everything one teacher-forced pass computed, for any view to show. Under ``torch.no_grad`` (decoding,
    the dashboard) the tensors carry no graph; in training the loss is computed from this trace's logits."""

    source_ids: torch.Tensor  # (B, S)
    target_ids: torch.Tensor  # (B, T) decoder input: <s> y_1 ... y_{T-1}
    source_mask: torch.Tensor  # (B, S) bool, False on padding
    target_mask: torch.Tensor  # (B, T) bool, False on padding
    source_token_embeddings: torch.Tensor  # (B, S, E) already scaled by sqrt(d_model)
    target_token_embeddings: torch.Tensor  # (B, T, E) already scaled by sqrt(d_model)
    positional_encoding: torch.Tensor  # (max(S, T), E) the sinusoidal rows added to both
    encoder_hidden_states: list[torch.Tensor]  # L+1 of (B, S, E): [embeddings + PE, layer 1, ..., layer L]
    decoder_hidden_states: list[torch.Tensor]  # L+1 of (B, T, E)
    encoder_attentions: list[torch.Tensor]  # L of (B, H, S, S) encoder self-attention
    decoder_self_attentions: list[torch.Tensor]  # L of (B, H, T, T) masked decoder self-attention
    cross_attentions: list[torch.Tensor]  # L of (B, H, T, S) encoder-decoder attention
    logits: torch.Tensor  # (B, T, V): row t predicts target token t+1 (y_{t+1}, or </s>)
    source_tokens: list[list[str]] = field(default_factory=list)  # B lists of S strings, filled by the caller
    target_tokens: list[list[str]] = field(default_factory=list)  # B lists of T strings (decoder input)
    output_tokens: list[list[str]] = field(default_factory=list)  # B lists of T strings the rows predict

    @property
    def num_layers(self) -> int:
        return len(self.encoder_attentions)

    @property
    def num_heads(self) -> int:
        return self.encoder_attentions[0].size(1)

    def log_probs(self) -> torch.Tensor:
        return torch.log_softmax(self.logits.float(), dim=-1)  # (B, T, V)


@dataclass
class EncoderOutput:
    memory: torch.Tensor  # (B, S, E) the last encoder layer: what cross-attention reads
    source_keep: torch.Tensor  # (B, 1, 1, S) padding keep mask for cross-attention
    hidden_states: list[torch.Tensor]  # L+1 of (B, S, E)
    attentions: list[torch.Tensor]  # L of (B, H, S, S)
    token_embeddings: torch.Tensor  # (B, S, E)

    def reorder(self, index: torch.Tensor) -> EncoderOutput:
        """Select / repeat batch rows, keeping only what decoding reads (memory and mask): beam search
        expands one sentence into several hypotheses."""
        return EncoderOutput(self.memory.index_select(0, index), self.source_keep.index_select(0, index),
                             [], [], self.token_embeddings[:0])


@dataclass
class DecoderCache:
    """Keys and values kept between decoding steps, so step t only computes position t."""

    self_key_values: list[tuple[torch.Tensor, torch.Tensor]]  # L of (B, H, t, D): the prefix so far
    cross_key_values: list[tuple[torch.Tensor, torch.Tensor]]  # L of (B, H, S, D): projected once from memory
    length: int = 0  # positions already decoded

    def reorder(self, index: torch.Tensor) -> DecoderCache:
        """Follow the surviving hypotheses: row b of the result is row index[b] of this cache."""
        select = lambda pairs: [(k.index_select(0, index), v.index_select(0, index)) for k, v in pairs]
        return DecoderCache(select(self.self_key_values), select(self.cross_key_values), self.length)


@dataclass
class DecodingState:
    """What core.decoding carries between steps for K hypotheses."""

    encoded: EncoderOutput
    prefix: torch.Tensor  # (K, t) tokens fed so far, <s> first
    cache: DecoderCache | None  # None: every step recomputes the whole prefix (the reference the cache equals)


@dataclass
class DecoderOutput:
    logits: torch.Tensor  # (B, T, V) for the T positions just decoded
    hidden_states: list[torch.Tensor]  # L+1 of (B, T, E)
    self_attentions: list[torch.Tensor]  # L of (B, H, T, t + T): keys include the cached prefix
    cross_attentions: list[torch.Tensor]  # L of (B, H, T, S)
    token_embeddings: torch.Tensor  # (B, T, E)
    cache: DecoderCache | None = None


class Embeddings(nn.Module):
    """Token embedding x sqrt(d_model) plus the sinusoidal encoding, then dropout (sec. 3.4, 3.5, 5.4)."""

    def __init__(self, vocab_size: int, config: TransformerConfig) -> None:
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab_size, config.d_model, padding_idx=config.pad_token_id)
        self.scale = math.sqrt(config.d_model) if config.scale_embedding else 1.0
        table = sinusoidal_positional_encoding(config.max_position_embeddings, config.d_model)
        self.register_buffer("positional_encoding", table, persistent=False)  # derived, never in a checkpoint
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, input_ids: torch.Tensor, offset: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
        """input_ids (B, T) at positions offset..offset+T-1 -> (embedded (B, T, E), token part (B, T, E))."""
        B, T = input_ids.size()
        if offset + T > self.positional_encoding.size(0):
            raise ValueError(f"{offset + T} positions; this model has {self.positional_encoding.size(0)}")
        tokens = self.word_embeddings(input_ids) * self.scale  # (B, T, E)
        return self.dropout(tokens + self.positional_encoding[offset:offset + T]), tokens


class AttentionSublayer(nn.Module):
    """Multi-head attention, its output projection W^O, dropout and LayerNorm(x + Sublayer(x))."""

    def __init__(self, config: TransformerConfig, num_heads: int) -> None:
        super().__init__()
        self.attention = MultiHeadAttention(config.d_model, num_heads, config.attention_dropout)
        self.output = nn.Linear(config.d_model, config.d_model)  # W^O of sec. 3.2.2
        self.layer_norm = nn.LayerNorm(config.d_model, eps=config.layer_norm_eps)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, hidden: torch.Tensor, source: torch.Tensor | None = None, keep: torch.Tensor | None = None,
                past_key_value=None, static_key_value=None):
        context, record, key_value = self.attention(hidden, source, keep, past_key_value, static_key_value)
        return self.layer_norm(hidden + self.dropout(self.output(context))), record, key_value


class FeedForwardSublayer(nn.Module):
    """FFN(x) = max(0, x W_1 + b_1) W_2 + b_2 (eq. 2), then dropout and LayerNorm(x + FFN(x))."""

    def __init__(self, config: TransformerConfig, ffn_dim: int) -> None:
        super().__init__()
        self.fc1 = nn.Linear(config.d_model, ffn_dim)
        self.fc2 = nn.Linear(ffn_dim, config.d_model)
        self.layer_norm = nn.LayerNorm(config.d_model, eps=config.layer_norm_eps)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        return self.layer_norm(hidden + self.dropout(self.fc2(torch.relu(self.fc1(hidden)))))


class EncoderLayer(nn.Module):
    def __init__(self, config: TransformerConfig) -> None:
        super().__init__()
        self.self_attn = AttentionSublayer(config, config.encoder_attention_heads)
        self.feed_forward = FeedForwardSublayer(config, config.encoder_ffn_dim)

    def forward(self, hidden: torch.Tensor, keep: torch.Tensor | None) -> tuple[torch.Tensor, AttentionRecord]:
        hidden, record, _ = self.self_attn(hidden, keep=keep)
        return self.feed_forward(hidden), record


class DecoderLayer(nn.Module):
    """Masked self-attention, then encoder-decoder attention (queries from the decoder, keys and
    values from the encoder output, sec. 3.2.3), then the feed-forward block."""

    def __init__(self, config: TransformerConfig) -> None:
        super().__init__()
        self.self_attn = AttentionSublayer(config, config.decoder_attention_heads)
        self.encoder_attn = AttentionSublayer(config, config.decoder_attention_heads)
        self.feed_forward = FeedForwardSublayer(config, config.decoder_ffn_dim)

    def forward(self, hidden, memory, self_keep, cross_keep, past_key_value=None, cross_key_value=None):
        hidden, self_record, self_kv = self.self_attn(hidden, keep=self_keep, past_key_value=past_key_value)
        hidden, cross_record, cross_kv = self.encoder_attn(hidden, memory, cross_keep, static_key_value=cross_key_value)
        return self.feed_forward(hidden), self_record, cross_record, self_kv, cross_kv


class Encoder(nn.Module):
    def __init__(self, config: TransformerConfig) -> None:
        super().__init__()
        self.layers = nn.ModuleList(EncoderLayer(config) for _ in range(config.encoder_layers))


class Decoder(nn.Module):
    def __init__(self, config: TransformerConfig) -> None:
        super().__init__()
        self.layers = nn.ModuleList(DecoderLayer(config) for _ in range(config.decoder_layers))


class EncoderDecoderTransformer(nn.Module):
    """encode(source) once, then decode(target prefix) as often as a search needs (sec. 3.1, fig. 1)."""

    def __init__(self, config: TransformerConfig) -> None:
        super().__init__()
        self.config = config
        self.encoder_embeddings = Embeddings(config.src_vocab_size, config)
        self.encoder = Encoder(config)
        self.decoder_embeddings = Embeddings(config.tgt_vocab_size, config)
        self.decoder = Decoder(config)
        self.final_logits_bias = nn.Parameter(torch.zeros(config.tgt_vocab_size))
        self.lm_head = (None if config.tie_word_embeddings
                        else nn.Linear(config.d_model, config.tgt_vocab_size, bias=False))

    def init_weights(self, seed: int | None = None) -> None:
        """Xavier-uniform projections, N(0, d_model^-1/2) embeddings so that x sqrt(d_model) has unit scale."""
        if seed is not None:
            torch.manual_seed(seed)
        for name, parameter in self.named_parameters():
            if "word_embeddings" in name:
                nn.init.normal_(parameter, 0.0, self.config.d_model ** -0.5)
            elif "layer_norm" in name:
                nn.init.ones_(parameter) if name.endswith("weight") else nn.init.zeros_(parameter)
            elif parameter.dim() == 2:
                nn.init.xavier_uniform_(parameter)
            else:
                nn.init.zeros_(parameter)
        for embeddings in (self.encoder_embeddings, self.decoder_embeddings):
            with torch.no_grad():
                embeddings.word_embeddings.weight[self.config.pad_token_id].zero_()

    def output_logits(self, hidden: torch.Tensor) -> torch.Tensor:
        """(B, T, E) -> (B, T, V): the pre-softmax linear map, shared with the target embedding when tied."""
        weight = self.decoder_embeddings.word_embeddings.weight if self.lm_head is None else self.lm_head.weight
        return nn.functional.linear(hidden, weight, self.final_logits_bias)

    def encode(self, source_ids: torch.Tensor, source_mask: torch.Tensor | None = None) -> EncoderOutput:
        """source_ids (B, S) -> the memory the decoder attends to; padding is never attended to."""
        if source_mask is None:
            source_mask = source_ids != self.config.pad_token_id
        keep = padding_keep_mask(source_mask)  # (B, 1, 1, S)
        hidden, tokens = self.encoder_embeddings(source_ids)
        hidden_states, attentions = [hidden], []
        for layer in self.encoder.layers:
            hidden, record = layer(hidden, keep)
            hidden_states.append(hidden)
            attentions.append(record.probs)
        return EncoderOutput(hidden, keep, hidden_states, attentions, tokens)

    def start_cache(self, encoded: EncoderOutput) -> DecoderCache:
        """An empty cache with each layer's cross-attention keys and values projected once."""
        cross = [layer.encoder_attn.attention.project_key_value(encoded.memory) for layer in self.decoder.layers]
        return DecoderCache([], cross, 0)

    def decode(self, target_ids: torch.Tensor, encoded: EncoderOutput, target_mask: torch.Tensor | None = None,
               cache: DecoderCache | None = None) -> DecoderOutput:
        """Decode target_ids (B, T). Without a cache: the whole prefix, look-ahead masked. With one:
        only the new positions after cache.length, reading earlier keys and values from the cache."""
        B, T = target_ids.size()
        offset = 0 if cache is None else cache.length
        keep = subsequent_keep_mask(offset + T, target_ids.device)[:, :, offset:, :]  # (1, 1, T, offset + T)
        if target_mask is not None:
            keep = keep & padding_keep_mask(target_mask)  # (B, 1, T, offset + T): look-ahead & padding
        elif T == 1:
            keep = None  # one new position sees every cached one: the mask would keep everything
        hidden, tokens = self.decoder_embeddings(target_ids, offset)
        hidden_states, self_attentions, cross_attentions, self_kvs = [hidden], [], [], []
        for index, layer in enumerate(self.decoder.layers):
            past = cache.self_key_values[index] if cache is not None and cache.self_key_values else None
            cross_kv = cache.cross_key_values[index] if cache is not None else None
            hidden, self_record, cross_record, self_kv, _ = layer(hidden, encoded.memory, keep, encoded.source_keep,
                                                                  past, cross_kv)
            hidden_states.append(hidden)
            self_attentions.append(self_record.probs)
            cross_attentions.append(cross_record.probs)
            self_kvs.append(self_kv)
        new_cache = None if cache is None else DecoderCache(self_kvs, cache.cross_key_values, offset + T)
        return DecoderOutput(self.output_logits(hidden), hidden_states, self_attentions, cross_attentions, tokens,
                             new_cache)

    def forward(self, source_ids: torch.Tensor, target_ids: torch.Tensor, source_mask: torch.Tensor | None = None,
                target_mask: torch.Tensor | None = None) -> TranslationTrace:
        """Teacher-forced pass: every position's attention and next-token logits at once."""
        if source_mask is None:
            source_mask = source_ids != self.config.pad_token_id
        if target_mask is None:
            target_mask = target_ids != self.config.pad_token_id
        encoded = self.encode(source_ids, source_mask)
        decoded = self.decode(target_ids, encoded, target_mask)
        S, T = source_ids.size(1), target_ids.size(1)
        return TranslationTrace(
            source_ids=source_ids, target_ids=target_ids, source_mask=source_mask.bool(),
            target_mask=target_mask.bool(),
            source_token_embeddings=encoded.token_embeddings, target_token_embeddings=decoded.token_embeddings,
            positional_encoding=self.encoder_embeddings.positional_encoding[:max(S, T)],
            encoder_hidden_states=encoded.hidden_states, decoder_hidden_states=decoded.hidden_states,
            encoder_attentions=encoded.attentions, decoder_self_attentions=decoded.self_attentions,
            cross_attentions=decoded.cross_attentions, logits=decoded.logits)

    # The decoding interface of core.decoding (StepModel): encode once, then one token per call.

    def start(self, source_ids: torch.Tensor, source_mask: torch.Tensor | None = None,
              use_cache: bool = True) -> DecodingState:
        encoded = self.encode(source_ids, source_mask)
        prefix = source_ids.new_zeros(source_ids.size(0), 0)  # (K, 0): <s> comes as the first previous token
        return DecodingState(encoded, prefix, self.start_cache(encoded) if use_cache else None)

    def step(self, state: DecodingState, previous_tokens: torch.Tensor, record: bool = False):
        """previous_tokens (K,) -> (next-token log-probs (K, V), new state, K StepAttention records or None).

        With the cache only the newest position is computed, attending to cached keys and values."""
        prefix = torch.cat([state.prefix, previous_tokens[:, None]], dim=1)  # (K, t + 1)
        if state.cache is not None:
            out = self.decode(prefix[:, -1:], state.encoded, cache=state.cache)
        else:
            out = self.decode(prefix, state.encoded)
        log_probs = torch.log_softmax(out.logits[:, -1].float(), dim=-1)  # (K, V)
        records = None
        if record:
            records = [StepAttention([a[k, :, -1] for a in out.self_attentions],  # (H, t)
                                     [c[k, :, -1] for c in out.cross_attentions])  # (H, S)
                       for k in range(prefix.size(0))]
        return log_probs, DecodingState(state.encoded, prefix, out.cache), records

    def reorder(self, state: DecodingState, index: torch.Tensor) -> DecodingState:
        """Row k of the result continues hypothesis index[k]."""
        cache = None if state.cache is None else state.cache.reorder(index)
        return DecodingState(state.encoded.reorder(index), state.prefix.index_select(0, index), cache)
