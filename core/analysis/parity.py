"""Parity: the from-scratch BERT against transformers' BERT, same weights, same input.

The maximum absolute difference of every quantity both compute is the proof that the
implementation is the real thing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import torch

from core.bert.pipeline import BertPipeline


@dataclass
class ParityRow:
    part: str  # "embedding output", "attention probs", "hidden state", "pooled output", "MLM logits", "NSP logits"
    max_abs_diff: float
    layer: int | None = None  # 1-based encoder layer of a per-layer part, None for the others

    @property
    def quantity(self) -> str:
        """The row's name as printed: "layer 3 attention probs", "pooled output"."""
        return self.part if self.layer is None else f"layer {self.layer} {self.part}"


@dataclass
class ParityReport:
    model: str
    reference_class: str  # the transformers class run as the reference
    tokens: list[str]
    rows: list[ParityRow]
    atol: float

    @property
    def max_abs_diff(self) -> float:
        return max(row.max_abs_diff for row in self.rows)

    @property
    def passed(self) -> bool:
        return self.max_abs_diff <= self.atol

    def to_dict(self) -> dict:
        rows = [{"quantity": row.quantity, **asdict(row)} for row in self.rows]
        return {**asdict(self), "rows": rows, "max_abs_diff": self.max_abs_diff, "passed": self.passed}


def reference_model(pipeline: BertPipeline):
    """transformers' BERT with the heads our model has, eager attention so probabilities are returned."""
    import transformers

    ours = pipeline.model
    if ours.has_mlm and ours.has_nsp:
        cls = transformers.BertForPreTraining
    elif ours.has_mlm:
        cls = transformers.BertForMaskedLM
    else:
        cls = transformers.BertModel
    model = cls.from_pretrained(str(pipeline.folder), attn_implementation="eager")
    return model.eval(), cls.__name__


def their_pooled_output(reference, theirs) -> torch.Tensor:
    """transformers' pooled output (B, E): BertModel returns it; BertForPreTraining returns only the
    heads' logits, so its own pooler is applied to its own last hidden state."""
    if getattr(theirs, "pooler_output", None) is not None:
        return theirs.pooler_output
    return reference.bert.pooler(theirs.hidden_states[-1])


def max_diff(a: torch.Tensor, b: torch.Tensor) -> float:
    return float((a.float() - b.float()).abs().max())


@torch.no_grad()
def compare(pipeline: BertPipeline, text: str, text_b: str | None = None, atol: float = 1e-4,
            reference=None) -> ParityReport:
    """Run both implementations on one input and list the max |ours - theirs| per quantity."""
    reference, reference_class = reference if reference is not None else reference_model(pipeline)
    trace, encoded = pipeline.trace(text, text_b, record_all=False)
    theirs = reference(input_ids=encoded.input_ids, token_type_ids=encoded.token_type_ids,
                       output_attentions=True, output_hidden_states=True)
    rows = [ParityRow("embedding output", max_diff(trace.embedding_output, theirs.hidden_states[0]))]
    pairs = zip(trace.attentions, theirs.attentions, strict=True)
    for layer, (ours_attention, their_attention) in enumerate(pairs, start=1):
        rows.append(ParityRow("attention probs", max_diff(ours_attention, their_attention), layer))
        rows.append(ParityRow("hidden state", max_diff(trace.hidden_states[layer], theirs.hidden_states[layer]), layer))
    if trace.pooled_output is not None:
        rows.append(ParityRow("pooled output", max_diff(trace.pooled_output, their_pooled_output(reference, theirs))))
    if trace.mlm_logits is not None:
        their_mlm = theirs.logits if reference_class == "BertForMaskedLM" else theirs.prediction_logits
        rows.append(ParityRow("MLM logits", max_diff(trace.mlm_logits, their_mlm)))
    if trace.nsp_logits is not None:
        rows.append(ParityRow("NSP logits", max_diff(trace.nsp_logits, theirs.seq_relationship_logits)))
    return ParityReport(model=pipeline.name, reference_class=reference_class, tokens=encoded.tokens,
                        rows=rows, atol=atol)
