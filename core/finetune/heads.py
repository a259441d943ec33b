"""Task heads on the from-scratch BERT and GPT, in transformers' layouts (so their classes load ours).

Shape legend: B batch, T tokens, E model width, C classes (``num_labels``).

    BERT, sequence:  logits = W_c dropout(pooler(h_[CLS])) + b_c       BertForSequenceClassification
    BERT, token:     logits_t = W_c dropout(h_t) + b_c                  BertForTokenClassification
    GPT, sequence:   logits = W_s h_last                                GPT2ForSequenceClassification

BERT sec. 4.1 classifies a whole input from the final hidden state of [CLS] (through the pooler, as
the released code and transformers do) and each token from its own final hidden state (sec. 4.3).
GPT-1 (Radford et al. 2018, fig. 1) classifies from the last position, the only one that has read
the whole input; transformers' GPT-2 head reads the rightmost token that is not padding, with no bias.
Module names are the checkpoint keys (``bert.*`` + ``classifier.*``; ``transformer.*`` + ``score.weight``).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from core.bert.config import BertConfig
from core.bert.model import BertForPreTraining, BertTrace
from core.gpt.config import GPTConfig
from core.gpt.model import GPTLMHeadModel, GPTTrace


@dataclass
class ClassifierOutput:
    logits: torch.Tensor  # (B, C) for a sequence head, (B, T, C) for a token head
    trace: BertTrace | GPTTrace  # the backbone's whole forward pass, attentions included
    positions: torch.Tensor | None = None  # (B,) the token each row was classified from; None for token heads


class BertForSequenceClassification(BertForPreTraining):
    """BERT + pooler + a linear classifier on the pooled [CLS] vector."""

    def __init__(self, config: BertConfig, num_labels: int) -> None:
        super().__init__(config, with_pooler=True, with_mlm=False, with_nsp=False)
        self.num_labels = num_labels
        self.dropout = nn.Dropout(config.hidden_dropout_prob)
        self.classifier = nn.Linear(config.hidden_size, num_labels)

    def forward(self, input_ids: torch.Tensor, token_type_ids: torch.Tensor | None = None,
                attention_mask: torch.Tensor | None = None, record_all: bool = False) -> ClassifierOutput:
        trace = super().forward(input_ids, token_type_ids, attention_mask, record_all=record_all)
        logits = self.classifier(self.dropout(trace.pooled_output))  # (B, C)
        return ClassifierOutput(logits, trace, torch.zeros(input_ids.size(0), dtype=torch.long))


class BertForTokenClassification(BertForPreTraining):
    """BERT (no pooler, as in transformers' class) + a linear classifier on every token's final state."""

    def __init__(self, config: BertConfig, num_labels: int) -> None:
        super().__init__(config, with_pooler=False, with_mlm=False, with_nsp=False)
        self.num_labels = num_labels
        self.dropout = nn.Dropout(config.hidden_dropout_prob)
        self.classifier = nn.Linear(config.hidden_size, num_labels)

    def forward(self, input_ids: torch.Tensor, token_type_ids: torch.Tensor | None = None,
                attention_mask: torch.Tensor | None = None, record_all: bool = False) -> ClassifierOutput:
        trace = super().forward(input_ids, token_type_ids, attention_mask, record_all=record_all)
        return ClassifierOutput(self.classifier(self.dropout(trace.hidden_states[-1])), trace)  # (B, T, C)


def last_real_positions(input_ids: torch.Tensor, pad_token_id: int | None) -> torch.Tensor:
    """(B,) index of the rightmost token that is not padding (transformers' rule, for left or right padding);
    the last index when there is no pad id."""
    B, T = input_ids.size()
    if pad_token_id is None:
        return torch.full((B,), T - 1, dtype=torch.long)
    indices = torch.arange(T)[None, :]  # (1, T)
    return (indices * (input_ids != pad_token_id).long()).argmax(-1)  # (B,)


class GPTForSequenceClassification(GPTLMHeadModel):
    """GPT + a linear map without bias (``score``) read at the last real token."""

    def __init__(self, config: GPTConfig, num_labels: int, pad_token_id: int | None) -> None:
        super().__init__(config)
        self.num_labels = num_labels
        self.pad_token_id = pad_token_id
        self.score = nn.Linear(config.n_embd, num_labels, bias=False)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor | None = None,
                record_all: bool = False) -> ClassifierOutput:
        trace = super().forward(input_ids, attention_mask=attention_mask, record_all=record_all)
        positions = last_real_positions(input_ids, self.pad_token_id)  # (B,)
        last = trace.final_hidden[torch.arange(input_ids.size(0)), positions]  # (B, E)
        return ClassifierOutput(self.score(last), trace, positions)  # (B, C)
