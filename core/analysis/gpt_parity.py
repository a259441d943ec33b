"""Parity: the from-scratch GPT-1/GPT-2 against transformers' own, same weights, same token ids.

Rows as for BERT (core.analysis.parity): the embedding output, each layer's attention probabilities
and hidden state, and the next-token logits. transformers reports GPT-2's last hidden state after the
final LayerNorm, so the last layer's row compares ours after ``ln_f`` too (``trace.final_hidden``).
"""

from __future__ import annotations

import torch

from core.analysis.parity import ParityReport, ParityRow, max_diff
from core.gpt.pipeline import GPTPipeline

REFERENCE_CLASSES = {"openai-gpt": "OpenAIGPTLMHeadModel", "gpt2": "GPT2LMHeadModel"}


def reference_model(pipeline: GPTPipeline):
    """transformers' LM-head class of the variant, eager attention so probabilities are returned."""
    import transformers

    name = REFERENCE_CLASSES[pipeline.model.config.variant]
    model = getattr(transformers, name).from_pretrained(str(pipeline.folder), attn_implementation="eager")
    return model.eval(), name


@torch.no_grad()
def compare(pipeline: GPTPipeline, ids: list[int], atol: float = 1e-4, reference=None) -> ParityReport:
    """Run both implementations on token ids and list the max |ours - theirs| per quantity."""
    reference, reference_class = reference if reference is not None else reference_model(pipeline)
    trace = pipeline.trace(ids, record_all=False)
    theirs = reference(input_ids=trace.input_ids, output_attentions=True, output_hidden_states=True)
    ours_hidden = [*trace.hidden_states[1:-1], trace.final_hidden]  # L of (1, T, E), as transformers reports them
    rows = [ParityRow("embedding output", max_diff(trace.embedding_output, theirs.hidden_states[0]))]
    pairs = zip(trace.attentions, theirs.attentions, ours_hidden, theirs.hidden_states[1:], strict=True)
    for layer, (ours_attention, their_attention, ours_state, their_state) in enumerate(pairs, start=1):
        rows.append(ParityRow("attention probs", max_diff(ours_attention, their_attention), layer))
        rows.append(ParityRow("hidden state", max_diff(ours_state, their_state), layer))
    rows.append(ParityRow("next-token logits", max_diff(trace.logits, theirs.logits)))
    return ParityReport(model=pipeline.name, reference_class=reference_class, tokens=trace.tokens[0], rows=rows,
                        atol=atol)
