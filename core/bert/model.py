"""BERT (Devlin et al., 2019) from scratch: embeddings, post-LN encoder, pooler, MLM and NSP heads.

Shape legend: B batch, T sequence length, H heads, D head size, E model width, V vocabulary.
Module names equal the keys of transformers' ``BertForPreTraining`` checkpoints
(``bert.embeddings.word_embeddings``, ``bert.encoder.layer.N.attention.self.query``,
``cls.predictions.transform``...), so loading pretrained weights is a straight copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch
from torch import nn

from core.attention import AttentionRecord, MultiHeadAttention, padding_keep_mask
from core.bert.config import BertConfig


def activation(name: str):
    if name == "gelu":
        return nn.GELU()  # exact erf GELU, as in the original BERT
    if name in ("gelu_new", "gelu_pytorch_tanh"):
        return nn.GELU(approximate="tanh")
    return nn.ReLU()


@dataclass
class BertTrace:
    """Everything one forward pass computed, for any view to show.

    Under ``torch.no_grad`` (the dashboard, the CLI) the tensors carry no autograd graph; in
    pretraining the losses are computed from this very trace, so there they do.
    """

    input_ids: torch.Tensor  # (B, T)
    token_type_ids: torch.Tensor  # (B, T) segment ids, 0 for A and 1 for B
    attention_mask: torch.Tensor  # (B, T) bool, True for real tokens, False for padding
    word_embeddings: torch.Tensor  # (B, T, E) token part of the input embedding
    token_type_embeddings: torch.Tensor  # (B, T, E) segment part
    position_embeddings: torch.Tensor  # (B, T, E) learned position part
    embedding_sum: torch.Tensor  # (B, T, E) the three parts added, before LayerNorm
    embedding_output: torch.Tensor  # (B, T, E) after LayerNorm: the encoder's input
    hidden_states: list[torch.Tensor]  # L+1 of (B, T, E): [embedding_output, layer 1, ..., layer L]
    attentions: list[torch.Tensor]  # L of (B, H, T, T) attention probabilities
    attention_records: list[AttentionRecord] = field(default_factory=list)  # L records with q, k, v, scores
    attention_outputs: list[torch.Tensor] = field(default_factory=list)  # L of (B, T, E) after W^O, before residual
    pooled_output: torch.Tensor | None = None  # (B, E) tanh(W h_[CLS]); None when the checkpoint has no pooler
    mlm_logits: torch.Tensor | None = None  # (B, T, V); None when the checkpoint has no MLM head
    nsp_logits: torch.Tensor | None = None  # (B, 2) [is-next, not-next]; None without an NSP head
    tokens: list[list[str]] = field(default_factory=list)  # B lists of T token strings, filled by the caller

    @property
    def num_layers(self) -> int:
        return len(self.attentions)

    @property
    def num_heads(self) -> int:
        return self.attentions[0].size(1)


class BertEmbeddings(nn.Module):
    """Input representation = token + segment + position embeddings, then LayerNorm (sec. 3, fig. 2)."""

    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.word_embeddings = nn.Embedding(config.vocab_size, config.hidden_size, padding_idx=config.pad_token_id)
        self.position_embeddings = nn.Embedding(config.max_position_embeddings, config.hidden_size)
        self.token_type_embeddings = nn.Embedding(config.type_vocab_size, config.hidden_size)
        self.LayerNorm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.dropout = nn.Dropout(config.hidden_dropout_prob)

    def forward(self, input_ids: torch.Tensor, token_type_ids: torch.Tensor) -> dict[str, torch.Tensor]:
        B, T = input_ids.size()
        position_ids = torch.arange(T, device=input_ids.device)[None, :]  # (1, T)
        parts = {
            "word_embeddings": self.word_embeddings(input_ids),  # (B, T, E)
            "token_type_embeddings": self.token_type_embeddings(token_type_ids),  # (B, T, E)
            "position_embeddings": self.position_embeddings(position_ids).expand(B, T, -1),  # (B, T, E)
        }
        parts["embedding_sum"] = (parts["word_embeddings"] + parts["token_type_embeddings"]
                                  + parts["position_embeddings"])
        parts["embedding_output"] = self.dropout(self.LayerNorm(parts["embedding_sum"]))
        return parts


class BertSublayerOutput(nn.Module):
    """A sublayer's way back into the residual stream: a projection to the model width, dropout, then
    the post-LN residual LayerNorm(x + Sublayer(x)) (Vaswani et al. sec. 5.4).

    Used twice per layer: after attention (W^O; transformers calls it BertSelfOutput) and after the
    feed-forward network (W_2; transformers' BertOutput). Both sit at ``.output`` with ``dense`` and
    ``LayerNorm`` inside, so the checkpoint keys are transformers' own.
    """

    def __init__(self, config: BertConfig, in_size: int) -> None:
        super().__init__()
        self.dense = nn.Linear(in_size, config.hidden_size)
        self.LayerNorm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.dropout = nn.Dropout(config.hidden_dropout_prob)

    def forward(self, hidden: torch.Tensor, residual: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        projected = self.dense(hidden)
        return self.LayerNorm(self.dropout(projected) + residual), projected


class BertAttention(nn.Module):
    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.self = MultiHeadAttention(config.hidden_size, config.num_attention_heads,
                                       config.attention_probs_dropout_prob)
        self.output = BertSublayerOutput(config, config.hidden_size)  # W^O


class BertIntermediate(nn.Module):
    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.dense = nn.Linear(config.hidden_size, config.intermediate_size)
        self.intermediate_act_fn = activation(config.hidden_act)

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        return self.intermediate_act_fn(self.dense(hidden))


class BertLayer(nn.Module):
    """One post-LN encoder layer: self-attention block, then position-wise feed-forward block."""

    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.attention = BertAttention(config)
        self.intermediate = BertIntermediate(config)
        self.output = BertSublayerOutput(config, config.intermediate_size)  # W_2

    def forward(self, hidden: torch.Tensor, keep: torch.Tensor | None, record_all: bool,
                head_mask: torch.Tensor | None = None):
        context, record, _ = self.attention.self(hidden, keep=keep, record_all=record_all, head_mask=head_mask)
        attended, attention_output = self.attention.output(context, hidden)
        out, _ = self.output(self.intermediate(attended), attended)
        return out, record, attention_output


class BertEncoder(nn.Module):
    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.layer = nn.ModuleList(BertLayer(config) for _ in range(config.num_hidden_layers))


class BertPooler(nn.Module):
    """tanh(W h_[CLS]): the sentence vector the NSP head reads."""

    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.dense = nn.Linear(config.hidden_size, config.hidden_size)
        self.activation = nn.Tanh()

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        return self.activation(self.dense(hidden[:, 0]))  # (B, E)


class BertModel(nn.Module):
    def __init__(self, config: BertConfig, with_pooler: bool = True) -> None:
        super().__init__()
        self.embeddings = BertEmbeddings(config)
        self.encoder = BertEncoder(config)
        self.pooler = BertPooler(config) if with_pooler else None


class BertPredictionHeadTransform(nn.Module):
    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.dense = nn.Linear(config.hidden_size, config.hidden_size)
        self.transform_act_fn = activation(config.hidden_act)
        self.LayerNorm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        return self.LayerNorm(self.transform_act_fn(self.dense(hidden)))


class BertLMPredictionHead(nn.Module):
    """MLM head; the decoder weight is the word-embedding matrix (tied), with its own bias."""

    def __init__(self, config: BertConfig, word_embeddings: nn.Embedding) -> None:
        super().__init__()
        self.transform = BertPredictionHeadTransform(config)
        self.bias = nn.Parameter(torch.zeros(config.vocab_size))
        self._tied = [word_embeddings]  # a list keeps the tied table out of this module's state_dict

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        return nn.functional.linear(self.transform(hidden), self._tied[0].weight, self.bias)  # (B, T, V)


class BertPreTrainingHeads(nn.Module):
    def __init__(self, config: BertConfig, word_embeddings: nn.Embedding, with_mlm: bool, with_nsp: bool) -> None:
        super().__init__()
        self.predictions = BertLMPredictionHead(config, word_embeddings) if with_mlm else None
        self.seq_relationship = nn.Linear(config.hidden_size, 2) if with_nsp else None


class BertForPreTraining(nn.Module):
    """BERT with whichever of pooler, MLM head and NSP head its checkpoint has."""

    def __init__(self, config: BertConfig, with_pooler: bool = True, with_mlm: bool = True,
                 with_nsp: bool = True) -> None:
        super().__init__()
        if with_nsp and not with_pooler:
            raise ValueError("the NSP head reads the pooled output: it needs the pooler")
        self.config = config
        self.bert = BertModel(config, with_pooler)
        self.cls = BertPreTrainingHeads(config, self.bert.embeddings.word_embeddings, with_mlm, with_nsp)

    @property
    def has_pooler(self) -> bool:
        return self.bert.pooler is not None

    @property
    def has_mlm(self) -> bool:
        return self.cls.predictions is not None

    @property
    def has_nsp(self) -> bool:
        return self.cls.seq_relationship is not None

    def init_weights(self, seed: int | None = None) -> None:
        """Normal(0, initializer_range) weights, zero biases, unit LayerNorms (BERT's training init)."""
        generator = torch.Generator().manual_seed(seed) if seed is not None else None
        std = self.config.initializer_range
        for module in self.modules():
            if isinstance(module, (nn.Linear, nn.Embedding)):
                with torch.no_grad():
                    module.weight.copy_(torch.randn(module.weight.shape, generator=generator) * std)
                if isinstance(module, nn.Linear):
                    nn.init.zeros_(module.bias)
            elif isinstance(module, nn.LayerNorm):
                nn.init.ones_(module.weight)
                nn.init.zeros_(module.bias)
        if self.has_mlm:
            nn.init.zeros_(self.cls.predictions.bias)

    def forward(self, input_ids: torch.Tensor, token_type_ids: torch.Tensor | None = None,
                attention_mask: torch.Tensor | None = None, record_all: bool = False,
                head_mask: torch.Tensor | None = None) -> BertTrace:
        """Run BERT on input_ids (B, T); ``record_all`` also keeps q, k, v, scores and contexts.

        ``head_mask`` (L, H) of 1/0: which heads of which layers are switched off (0): their output
        is zeroed before W^O (see ``MultiHeadAttention.forward``). transformers 5 dropped this option."""
        B, T = input_ids.size()
        if head_mask is not None and tuple(head_mask.shape) != (self.config.num_hidden_layers,
                                                                  self.config.num_attention_heads):
            raise ValueError(f"head_mask has shape {tuple(head_mask.shape)}; this model needs "
                             f"({self.config.num_hidden_layers}, {self.config.num_attention_heads})")
        if T > self.config.max_position_embeddings:
            raise ValueError(f"input has {T} tokens; this model reads at most {self.config.max_position_embeddings}")
        if token_type_ids is None:
            token_type_ids = torch.zeros_like(input_ids)
        if attention_mask is None:
            attention_mask = torch.ones_like(input_ids, dtype=torch.bool)
        attention_mask = attention_mask.bool()
        # Batch 1 without padding needs no mask at all; skipping it saves a pass over every score.
        keep = None if bool(attention_mask.all()) else padding_keep_mask(attention_mask)  # (B, 1, 1, S)
        parts = self.bert.embeddings(input_ids, token_type_ids)
        hidden = parts["embedding_output"]
        hidden_states, attentions, records, attention_outputs = [hidden], [], [], []
        for index, layer in enumerate(self.bert.encoder.layer):
            layer_mask = None if head_mask is None else head_mask[index]  # (H,)
            hidden, record, attention_output = layer(hidden, keep, record_all, layer_mask)
            hidden_states.append(hidden)
            attentions.append(record.probs)
            if record_all:
                records.append(record)
                attention_outputs.append(attention_output)
        pooled = self.bert.pooler(hidden) if self.has_pooler else None
        return BertTrace(
            input_ids=input_ids, token_type_ids=token_type_ids, attention_mask=attention_mask, **parts,
            hidden_states=hidden_states, attentions=attentions, attention_records=records,
            attention_outputs=attention_outputs, pooled_output=pooled,
            mlm_logits=self.cls.predictions(hidden) if self.has_mlm else None,
            nsp_logits=self.cls.seq_relationship(pooled) if self.has_nsp else None,
        )
