"""The decoder-only Transformer: GPT-1 (Radford et al. 2018) and GPT-2 (Radford et al. 2019) from scratch.

Shape legend: B batch, T new positions, P cached positions, S = P + T keys, H heads, D head size,
E model width, V vocabulary.

    h_0 = U W_e + W_p                              (GPT-1 eq. 2: token + learned position embeddings)
    GPT-1 block (post-LN):  n = LN_1(h + MaskedAttention(h));      h' = LN_2(n + FFN(n))
    GPT-2 block (pre-LN):   n = h + MaskedAttention(LN_1(h));      h' = n + FFN(LN_2(n))
    P(u) = softmax(h_L W_e^T)                      (GPT-2 applies a final LN_f to h_L first)

Module names equal the keys of transformers' ``GPT2LMHeadModel`` (``transformer.wte``,
``transformer.h.N.attn.c_attn``, ``transformer.ln_f``); GPT-1's ``tokens_embed``/``positions_embed`` are
renamed on load and every ``Conv1D`` weight (stored in x out) is transposed (core.gpt.checkpoint).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch
from torch import nn

from core.attention import AttentionRecord, padding_keep_mask, scaled_dot_product_attention, subsequent_keep_mask
from core.gpt.config import GPTConfig


def activation(name: str) -> nn.Module:
    if name in ("gelu_new", "gelu_pytorch_tanh"):
        return nn.GELU(approximate="tanh")  # 0.5 x (1 + tanh(sqrt(2/pi)(x + 0.044715 x^3))), GPT-1 and GPT-2
    if name == "gelu":
        return nn.GELU()
    return nn.ReLU()


@dataclass
class KeyValueCache:
    """Each block's keys and values of the positions already read, so a step computes only the new ones."""

    key_values: list[tuple[torch.Tensor, torch.Tensor]]  # L of (B, H, P, D)
    attention_mask: torch.Tensor  # (B, P) bool, True for real tokens

    @property
    def length(self) -> int:
        return self.attention_mask.size(1)

    def reorder(self, index: torch.Tensor) -> KeyValueCache:
        """Row b of the result continues row index[b] (beam search follows its surviving hypotheses)."""
        return KeyValueCache([(k.index_select(0, index), v.index_select(0, index)) for k, v in self.key_values],
                             self.attention_mask.index_select(0, index))


@dataclass
class GPTTrace:
    """Everything one forward pass computed, for any view to show."""

    input_ids: torch.Tensor  # (B, T)
    attention_mask: torch.Tensor  # (B, S) bool over cached + new positions, True for real tokens
    keep: torch.Tensor  # (B or 1, 1, T, S) bool: what each query may attend to (look-ahead & padding)
    token_embeddings: torch.Tensor  # (B, T, E) rows of W_e
    position_embeddings: torch.Tensor  # (1, T, E) rows of W_p for positions P .. P+T-1
    embedding_output: torch.Tensor  # (B, T, E) their sum: h_0
    hidden_states: list[torch.Tensor]  # L+1 of (B, T, E): [h_0, block 1, ..., block L], the residual stream
    final_hidden: torch.Tensor  # (B, T, E) what the LM head reads: LN_f(h_L) for GPT-2, h_L for GPT-1
    attentions: list[torch.Tensor]  # L of (B, H, T, S) attention probabilities, zero above the diagonal
    logits: torch.Tensor  # (B, T, V) next-token logits at every position
    attention_records: list[AttentionRecord] = field(default_factory=list)  # L records with q, k, v, scores
    attention_outputs: list[torch.Tensor] = field(default_factory=list)  # L of (B, T, E) after W^O
    cache: KeyValueCache | None = None  # keys and values of every position read so far, when asked for
    tokens: list[list[str]] = field(default_factory=list)  # B lists of T token strings, filled by the caller

    @property
    def num_layers(self) -> int:
        return len(self.attentions)

    @property
    def num_heads(self) -> int:
        return self.attentions[0].size(1)


class CausalSelfAttention(nn.Module):
    """Masked multi-head self-attention: Q, K, V from one fused projection ``c_attn``, W^O as ``c_proj``."""

    def __init__(self, config: GPTConfig) -> None:
        super().__init__()
        self.num_heads, self.head_size = config.n_head, config.head_size
        self.c_attn = nn.Linear(config.n_embd, 3 * config.n_embd)  # [W^Q | W^K | W^V]
        self.c_proj = nn.Linear(config.n_embd, config.n_embd)  # W^O
        self.attn_dropout = nn.Dropout(config.attn_pdrop)
        self.resid_dropout = nn.Dropout(config.resid_pdrop)

    def split_heads(self, x: torch.Tensor) -> torch.Tensor:
        B, T, E = x.size()
        return x.view(B, T, self.num_heads, self.head_size).transpose(1, 2)  # (B, H, T, D)

    def forward(self, hidden: torch.Tensor, keep: torch.Tensor,
                past: tuple[torch.Tensor, torch.Tensor] | None = None, record_all: bool = False,
                ) -> tuple[torch.Tensor, AttentionRecord, tuple[torch.Tensor, torch.Tensor]]:
        """hidden (B, T, E) -> (W^O-projected output (B, T, E), record, this block's (key, value) (B, H, S, D))."""
        B, T, E = hidden.size()
        query, key, value = (self.split_heads(part) for part in self.c_attn(hidden).split(E, dim=2))  # (B, H, T, D)
        if past is not None:
            key, value = torch.cat([past[0], key], dim=2), torch.cat([past[1], value], dim=2)  # (B, H, S, D)
        context, probs, scores = scaled_dot_product_attention(query, key, value, keep, self.attn_dropout)
        record = AttentionRecord(probs=probs)
        if record_all:
            record = AttentionRecord(probs=probs, query=query, key=key, value=value, scores=scores, context=context)
        merged = context.transpose(1, 2).reshape(B, T, E)  # (B, T, E): heads concatenated
        return self.resid_dropout(self.c_proj(merged)), record, (key, value)


class MLP(nn.Module):
    """Position-wise feed-forward network FFN(x) = W_2 GELU(W_1 x + b_1) + b_2."""

    def __init__(self, config: GPTConfig) -> None:
        super().__init__()
        self.c_fc = nn.Linear(config.n_embd, config.inner_size)
        self.act = activation(config.activation_function)
        self.c_proj = nn.Linear(config.inner_size, config.n_embd)
        self.dropout = nn.Dropout(config.resid_pdrop)

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        return self.dropout(self.c_proj(self.act(self.c_fc(hidden))))


class Block(nn.Module):
    """One decoder block; ``pre_layer_norm`` picks GPT-2's arrangement over GPT-1's (see the module docstring)."""

    def __init__(self, config: GPTConfig) -> None:
        super().__init__()
        self.pre_layer_norm = config.pre_layer_norm
        self.ln_1 = nn.LayerNorm(config.n_embd, eps=config.layer_norm_epsilon)
        self.attn = CausalSelfAttention(config)
        self.ln_2 = nn.LayerNorm(config.n_embd, eps=config.layer_norm_epsilon)
        self.mlp = MLP(config)

    def forward(self, hidden: torch.Tensor, keep: torch.Tensor, past: tuple[torch.Tensor, torch.Tensor] | None,
                record_all: bool):
        if self.pre_layer_norm:
            attention_output, record, key_value = self.attn(self.ln_1(hidden), keep, past, record_all)
            hidden = hidden + attention_output
            return hidden + self.mlp(self.ln_2(hidden)), record, key_value, attention_output
        attention_output, record, key_value = self.attn(hidden, keep, past, record_all)
        hidden = self.ln_1(hidden + attention_output)
        return self.ln_2(hidden + self.mlp(hidden)), record, key_value, attention_output


class GPTModel(nn.Module):
    """Embeddings and the stack of blocks; GPT-2 adds ``ln_f`` after the last block."""

    def __init__(self, config: GPTConfig) -> None:
        super().__init__()
        self.wte = nn.Embedding(config.vocab_size, config.n_embd)  # W_e
        self.wpe = nn.Embedding(config.n_positions, config.n_embd)  # W_p
        self.drop = nn.Dropout(config.embd_pdrop)
        self.h = nn.ModuleList(Block(config) for _ in range(config.n_layer))
        self.ln_f = nn.LayerNorm(config.n_embd, eps=config.layer_norm_epsilon) if config.pre_layer_norm else None


class GPTLMHeadModel(nn.Module):
    """GPT-1 or GPT-2 with its language-modelling head; ``forward`` returns a ``GPTTrace``."""

    def __init__(self, config: GPTConfig) -> None:
        super().__init__()
        self.config = config
        self.transformer = GPTModel(config)
        # Tied in both papers: no lm_head, the output layer is W_e itself (GPT-1 eq. 2).
        self.lm_head = None if config.tie_word_embeddings else nn.Linear(config.n_embd, config.vocab_size, bias=False)

    @property
    def output_embeddings(self) -> torch.Tensor:
        return self.transformer.wte.weight if self.lm_head is None else self.lm_head.weight  # (V, E)

    def init_weights(self, seed: int | None = None) -> None:
        """Normal(0, initializer_range) weights, zero biases, unit LayerNorms; GPT-2 scales each residual
        projection by 1/sqrt(2 L) so the residual stream's variance does not grow with depth (GPT-2 sec. 2.3)."""
        generator = torch.Generator().manual_seed(seed) if seed is not None else None
        std = self.config.initializer_range
        for name, module in self.named_modules():
            if isinstance(module, (nn.Linear, nn.Embedding)):
                scale = (2 * self.config.n_layer) ** -0.5 if self.config.pre_layer_norm and name.endswith(
                    "c_proj") else 1.0
                with torch.no_grad():
                    module.weight.copy_(torch.randn(module.weight.shape, generator=generator) * std * scale)
                if isinstance(module, nn.Linear) and module.bias is not None:
                    nn.init.zeros_(module.bias)
            elif isinstance(module, nn.LayerNorm):
                nn.init.ones_(module.weight)
                nn.init.zeros_(module.bias)

    def keep_mask(self, attention_mask: torch.Tensor, T: int) -> torch.Tensor:
        """Look-ahead & padding: query P+t sees keys <= P+t that are real tokens. (B or 1, 1, T, S)."""
        S = attention_mask.size(1)
        keep = subsequent_keep_mask(S, attention_mask.device)[:, :, S - T:, :]  # (1, 1, T, S)
        if not bool(attention_mask.all()):
            keep = keep & padding_keep_mask(attention_mask)  # (B, 1, T, S)
        return keep

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor | None = None,
                cache: KeyValueCache | None = None, use_cache: bool = False, record_all: bool = False) -> GPTTrace:
        """Run input_ids (B, T), continuing ``cache`` when given (its P positions come first).

        ``attention_mask`` (B, P + T) as transformers takes it: 1 for real tokens, 0 for padding, over the
        cached and the new positions. ``use_cache`` returns the keys and values in ``trace.cache``;
        ``record_all`` keeps q, k, v, scores and each head's context."""
        B, T = input_ids.size()
        P = 0 if cache is None else cache.length
        if P + T > self.config.n_positions:
            raise ValueError(f"input reaches {P + T} positions; this model reads at most {self.config.n_positions}")
        if attention_mask is None:
            attention_mask = torch.ones(B, P + T, dtype=torch.bool, device=input_ids.device)
            if cache is not None:
                attention_mask[:, :P] = cache.attention_mask
        attention_mask = attention_mask.bool()
        keep = self.keep_mask(attention_mask, T)
        token_embeddings = self.transformer.wte(input_ids)  # (B, T, E)
        position_ids = torch.arange(P, P + T, device=input_ids.device)[None, :]  # (1, T)
        position_embeddings = self.transformer.wpe(position_ids)  # (1, T, E)
        embedding_output = token_embeddings + position_embeddings
        hidden = self.transformer.drop(embedding_output)
        hidden_states, attentions, records, attention_outputs, key_values = [hidden], [], [], [], []
        for index, block in enumerate(self.transformer.h):
            past = cache.key_values[index] if cache is not None else None
            hidden, record, key_value, attention_output = block(hidden, keep, past, record_all)
            hidden_states.append(hidden)
            attentions.append(record.probs)
            key_values.append(key_value)
            if record_all:
                records.append(record)
                attention_outputs.append(attention_output)
        final_hidden = hidden if self.transformer.ln_f is None else self.transformer.ln_f(hidden)
        logits = nn.functional.linear(final_hidden, self.output_embeddings)  # (B, T, V)
        return GPTTrace(
            input_ids=input_ids, attention_mask=attention_mask, keep=keep, token_embeddings=token_embeddings,
            position_embeddings=position_embeddings, embedding_output=embedding_output, hidden_states=hidden_states,
            final_hidden=final_hidden, attentions=attentions, logits=logits, attention_records=records,
            attention_outputs=attention_outputs,
            cache=KeyValueCache(key_values, attention_mask) if use_cache else None)
