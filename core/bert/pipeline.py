"""From text to trace: tokenizer + from-scratch BERT, and masked-token prediction.

Shape legend: B batch (1 here), T tokens, V vocabulary, E model width.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import torch

from core.bert.checkpoint import CheckpointError, load_bert
from core.bert.model import BertForPreTraining, BertTrace


def second_segment(text_b: str | None) -> str | None:
    """The optional sentence B: None when absent or blank, so "" and "  " mean one input, [CLS] A [SEP]."""
    return text_b if text_b and text_b.strip() else None


@dataclass
class Encoded:
    input_ids: torch.Tensor  # (1, T)
    token_type_ids: torch.Tensor  # (1, T)
    tokens: list[str]  # T WordPiece tokens, [CLS] and [SEP] included
    truncated: bool  # the text was longer than the model reads and was cut
    full_length: int  # tokens the text would have had without truncation


@dataclass
class MaskPrediction:
    position: int  # index of the [MASK] token in the sequence
    tokens: list[str]  # top-k candidates, most probable first
    probs: list[float]  # their probabilities, descending


@dataclass
class FillMaskResult:
    tokens: list[str]
    masks: list[MaskPrediction]
    nsp_is_next: float | None = None  # P(segment B follows A); None without a second text or NSP head
    truncated: bool = False


@dataclass
class BertPipeline:
    """A loaded BERT and its tokenizer: the unit the CLI and the dashboard work with."""

    name: str
    model: BertForPreTraining
    tokenizer: object
    folder: Path
    ignored_keys: list[str] = field(default_factory=list)

    @property
    def max_length(self) -> int:
        return self.model.config.max_position_embeddings

    def encode(self, text: str, text_b: str | None = None, max_length: int | None = None) -> Encoded:
        max_length = min(max_length or self.max_length, self.max_length)
        text_b = second_segment(text_b)
        full = self.tokenizer(text, text_b, truncation=False)["input_ids"]
        enc = self.tokenizer(text, text_b, truncation=True, max_length=max_length, return_tensors="pt")
        ids = enc["input_ids"]
        return Encoded(input_ids=ids, token_type_ids=enc["token_type_ids"],
                       tokens=self.tokenizer.convert_ids_to_tokens(ids[0].tolist()),
                       truncated=len(full) > ids.size(1), full_length=len(full))

    @torch.no_grad()
    def trace(self, text: str, text_b: str | None = None, record_all: bool = True,
              max_length: int | None = None) -> tuple[BertTrace, Encoded]:
        encoded = self.encode(text, text_b, max_length)
        trace = self.model(encoded.input_ids, encoded.token_type_ids, record_all=record_all)
        trace.tokens = [encoded.tokens]
        return trace, encoded

    @torch.no_grad()
    def masked_trace(self, text: str, text_b: str | None = None, positions: tuple[int, ...] = (),
                     record_all: bool = False, head_mask: torch.Tensor | None = None) -> tuple[BertTrace, Encoded]:
        """The trace of the text with the WordPiece tokens at ``positions`` replaced by [MASK].

        Ids are masked, not text, so a word split into pieces keeps its other pieces exactly; every
        head output (MLM and NSP alike) then reads this one masked input. ``head_mask`` (L, H) of 1/0
        switches attention heads off (core.analysis.head_ablation.head_mask_without builds one).
        """
        encoded = self.encode(text, text_b)
        input_ids = encoded.input_ids.clone()  # (1, T)
        tokens = list(encoded.tokens)
        for position in positions:
            if not 0 <= position < len(tokens):
                raise IndexError(f"cannot mask position {position}: the input has {len(tokens)} tokens")
            input_ids[0, position] = self.tokenizer.mask_token_id
            tokens[position] = self.tokenizer.mask_token
        masked = Encoded(input_ids=input_ids, token_type_ids=encoded.token_type_ids, tokens=tokens,
                         truncated=encoded.truncated, full_length=encoded.full_length)
        trace = self.model(input_ids, encoded.token_type_ids, record_all=record_all, head_mask=head_mask)
        trace.tokens = [tokens]
        return trace, masked


def load_pipeline(name_or_path: str) -> BertPipeline:
    loaded = load_bert(name_or_path)
    from transformers import BertTokenizerFast

    if not (loaded.folder / "vocab.txt").is_file() and not (loaded.folder / "tokenizer.json").is_file():
        raise CheckpointError(f"{loaded.folder} has no vocab.txt or tokenizer.json: the tokenizer cannot be built")
    try:
        tokenizer = BertTokenizerFast.from_pretrained(str(loaded.folder))
    except Exception as error:
        raise CheckpointError(f"tokenizer in {loaded.folder} could not be loaded: {error}") from None
    if len(tokenizer) > loaded.model.config.vocab_size:
        raise CheckpointError(
            f"tokenizer has {len(tokenizer)} tokens but the model's vocabulary is {loaded.model.config.vocab_size}: "
            "they do not belong together")
    return BertPipeline(name=str(name_or_path), model=loaded.model, tokenizer=tokenizer,
                        folder=loaded.folder, ignored_keys=loaded.ignored_keys)


def mask_predictions(pipeline: BertPipeline, trace: BertTrace, top_k: int = 5) -> list[MaskPrediction]:
    """Top-k tokens with probabilities at every [MASK] of a traced input."""
    if trace.mlm_logits is None:
        raise CheckpointError(f"{pipeline.name} has no masked-LM head: it cannot predict masked tokens")
    mask_id = pipeline.tokenizer.mask_token_id
    positions = (trace.input_ids[0] == mask_id).nonzero().flatten().tolist()
    results = []
    for position in positions:
        probs = torch.softmax(trace.mlm_logits[0, position].float(), dim=-1)  # (V,)
        top = torch.topk(probs, k=min(top_k, probs.numel()))
        results.append(MaskPrediction(position=position,
                                      tokens=pipeline.tokenizer.convert_ids_to_tokens(top.indices.tolist()),
                                      probs=[float(p) for p in top.values]))
    return results


def nsp_is_next_probability(trace: BertTrace) -> float | None:
    """P(IsNext) from the NSP head; index 0 is "B follows A" in BERT's convention."""
    if trace.nsp_logits is None:
        return None
    return float(torch.softmax(trace.nsp_logits[0].float(), dim=-1)[0])


def fill_mask(pipeline: BertPipeline, text: str, text_b: str | None = None, top_k: int = 5) -> FillMaskResult:
    trace, encoded = pipeline.trace(text, text_b, record_all=False)
    return FillMaskResult(tokens=encoded.tokens, masks=mask_predictions(pipeline, trace, top_k),
                          nsp_is_next=nsp_is_next_probability(trace) if second_segment(text_b) else None,
                          truncated=encoded.truncated)
