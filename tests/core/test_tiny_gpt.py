"""The shipped models/tiny-gpt: found by name, loaded by transformers with our logits, and its recorded
held-out figures reproduced.

Tolerances: the logits are compared as in tests/core/test_gpt_training.py, for 6 layers and logits up to
~20: ``float32_atol(20, 13)`` ~ 3e-4 (a wrong weight is off by whole units). The held-out perplexity is
exp of a mean over 52,422 float32 log-probabilities, recomputed in other batches (another padding, other
sums): relative 1e-5 leaves room for a few eps per token and catches any change of model or text.
"""

from __future__ import annotations

import json

import pytest
import torch

from core.model_folders import SHIPPED_MODELS_DIR
from tests.support.tolerances import float32_atol

FOLDER = SHIPPED_MODELS_DIR / "tiny-gpt"
RECORD = json.loads((FOLDER / "training.json").read_text())


@pytest.fixture(scope="module")
def pipeline():
    from core.gpt.pipeline import load_pipeline

    return load_pipeline("tiny-gpt")


def test_the_name_resolves_to_the_shipped_gpt_2_folder(pipeline):
    from core.gpt.checkpoint import shipped_model_names

    assert "tiny-gpt" in shipped_model_names()
    assert pipeline.folder == FOLDER and pipeline.model.config.variant == "gpt2"
    config = RECORD["config"]
    assert (pipeline.model.config.n_layer, pipeline.model.config.n_head, pipeline.model.config.n_embd) == (
        config["n_layer"], config["n_head"], config["n_embd"])
    assert sum(p.numel() for p in pipeline.model.parameters()) == RECORD["parameters"]
    assert pipeline.tokenizer.eos_token == "<|endoftext|>" and pipeline.model.config.eos_token_id == 0


def test_transformers_loads_it_with_our_logits(pipeline):
    from transformers import GPT2LMHeadModel

    theirs = GPT2LMHeadModel.from_pretrained(str(FOLDER), attn_implementation="eager").eval()
    ids = [0, *pipeline.encode("The animal didn't cross the street because it was too tired.")]
    with torch.no_grad():
        expected = theirs(torch.tensor([ids])).logits
    assert torch.allclose(pipeline.trace(ids).logits, expected, atol=float32_atol(20.0, 13), rtol=0)


def test_recorded_heldout_figures_are_reproduced(pipeline):
    from core.analysis.gpt_evaluation import perplexity, score_stories
    from core.data.stories import generate_heldout
    from core.gpt.training import tokenize_stories

    config = RECORD["config"]
    stories = tokenize_stories(generate_heldout(config["heldout_stories"], config["seed"] + 1), pipeline.tokenizer)
    scores = score_stories(pipeline, stories, batch_size=100)
    assert scores.log_probs.size == RECORD["heldout"]["tokens"]
    assert perplexity(scores.log_probs) == pytest.approx(RECORD["heldout"]["perplexity"], rel=1e-5)
    assert scores.top5.mean() == pytest.approx(RECORD["heldout"]["top5"], abs=2 / scores.top5.size)
