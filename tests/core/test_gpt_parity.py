"""The from-scratch GPT-1 and GPT-2 reproduce transformers' OpenAIGPTLMHeadModel and GPT2LMHeadModel.

Tolerance: float32 has eps = 2^-23 ~ 1.2e-7. The random weights (std 0.2, tests.support.gpt_builders)
give activations up to ~10, and each layer sums 36 to 144 products in an order that differs from
transformers' kernels (fused Conv1D addmm against our Linear, our 1/sqrt(d_k) multiply against its
division, PyTorch's tanh GELU against its formula), so each layer adds a few eps x 10 ~ 1e-6 of
rounding; 3 layers and the head stay within 1e-5, and a wrong equation (a LayerNorm misplaced, a
missing transpose, a mask off by one) is off by far more than that.
"""

from __future__ import annotations

import pytest
import torch
import transformers

from core.analysis.gpt_parity import compare
from core.gpt.checkpoint import CheckpointError, load_gpt, save_gpt
from core.gpt.generation import beam_continue, generate
from core.gpt.pipeline import load_pipeline
from tests.support.gpt_builders import CLASSES, random_gpt, save_random_gpt

ATOL = 1e-5
VARIANTS = ("openai-gpt", "gpt2")
IDS = [5, 17, 42, 8, 99, 0, 63, 31, 17, 2, 77]


def pair(tmp_path, variant: str, seed: int = 0, **config):
    """(ours, theirs) on the same save_pretrained folder; theirs with eager attention."""
    folder = save_random_gpt(tmp_path / variant, variant, seed, **config)
    theirs = getattr(transformers, CLASSES[variant][1]).from_pretrained(str(folder), attn_implementation="eager")
    return load_gpt(str(folder)).model, theirs.eval(), folder


def by_position(attention: torch.Tensor) -> torch.Tensor:
    return attention.transpose(1, 2)  # (B, H, T, S) -> (B, T, H, S): indexable by a (B, T) mask


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_quantity_matches_transformers(tmp_path, variant):
    _, _, folder = pair(tmp_path, variant, seed=1)
    report = compare(load_pipeline(str(folder)), IDS, atol=ATOL)
    quantities = [row.quantity for row in report.rows]
    assert quantities[:3] == ["embedding output", "layer 1 attention probs", "layer 1 hidden state"]
    assert "layer 3 hidden state" in quantities and quantities[-1] == "next-token logits"
    assert report.reference_class == CLASSES[variant][1]
    assert report.max_abs_diff <= ATOL, report.rows


@pytest.mark.parametrize("variant", VARIANTS)
@torch.no_grad()
def test_padded_batch_matches_transformers(tmp_path, variant):
    ours, theirs, _ = pair(tmp_path, variant, seed=2)
    ids = torch.tensor([IDS, IDS[3:] + [0, 0, 0], IDS[:4] + [0] * 7])  # (3, 11), right-padded
    mask = torch.tensor([[1] * 11, [1] * 8 + [0] * 3, [1] * 4 + [0] * 7])
    trace = ours(ids, mask)
    last_block = []  # transformers reports GPT-2's last layer after ln_f only; its block output is read by a hook
    theirs.transformer.h[-1].register_forward_hook(lambda module, inputs, output: last_block.append(output))
    reference = theirs(ids, attention_mask=mask, output_attentions=True, output_hidden_states=True)
    real = mask.bool()  # padding positions' own outputs are meaningless in both; every real one is compared
    last_output = last_block[0] if torch.is_tensor(last_block[0]) else last_block[0][0]  # GPT-1's: [h, attention]
    assert (trace.hidden_states[-1][real] - last_output[real]).abs().max() <= ATOL
    ours_hidden = [*trace.hidden_states[:-1], trace.final_hidden]
    for ours_state, their_state in zip(ours_hidden, reference.hidden_states, strict=True):
        assert (ours_state[real] - their_state[real]).abs().max() <= ATOL
    for ours_attention, their_attention in zip(trace.attentions, reference.attentions, strict=True):
        assert (by_position(ours_attention)[real] - by_position(their_attention)[real]).abs().max() <= ATOL
        assert torch.all(ours_attention.triu(diagonal=1) == 0)  # the look-ahead mask: nothing from the future
        assert torch.all(ours_attention[1, :, :8, 8:] == 0) and torch.all(ours_attention[2, :, :4, 4:] == 0)
    assert (trace.logits[real] - reference.logits[real]).abs().max() <= ATOL


@pytest.mark.parametrize("variant", VARIANTS)
@torch.no_grad()
def test_cached_steps_equal_the_full_pass_on_a_left_padded_batch(tmp_path, variant):
    """Prompt, then one token at a time through the cache: every step's logits and attention rows equal
    those of one uncached pass over the whole sequence, ours and transformers'."""
    ours, theirs, _ = pair(tmp_path, variant, seed=3)
    ids = torch.tensor([IDS[:9], [0, 0, 0] + IDS[2:8]])  # (2, 9): the second row left-padded
    mask = torch.tensor([[1] * 9, [0] * 3 + [1] * 6])
    full = ours(ids, mask)
    reference = theirs(ids, attention_mask=mask, output_attentions=True)
    step = ours(ids[:, :5], mask[:, :5], use_cache=True)
    real = mask.bool()
    for t in range(5, 9):
        step = ours(ids[:, t:t + 1], mask[:, :t + 1], cache=step.cache, use_cache=True)
        rows = real[:, t]
        assert (step.logits[:, 0][rows] - full.logits[:, t][rows]).abs().max() <= ATOL
        assert (step.logits[:, 0][rows] - reference.logits[:, t][rows]).abs().max() <= ATOL
        for cached, whole in zip(step.attentions, full.attentions, strict=True):  # (2, H, 1, t + 1) vs (2, H, 9, 9)
            assert (cached[:, :, 0] - whole[:, :, t, :t + 1])[rows].abs().max() <= ATOL
    assert step.cache.length == 9


@pytest.mark.parametrize("variant", VARIANTS)
def test_generation_with_and_without_cache_equals_transformers(tmp_path, variant):
    ours, theirs, _ = pair(tmp_path, variant, seed=4)
    prompt = IDS[:4]
    cached, uncached = generate(ours, prompt, max_new=12), generate(ours, prompt, max_new=12, use_cache=False)
    greedy = theirs.generate(torch.tensor([prompt]), max_new_tokens=12, do_sample=False, pad_token_id=0)
    assert cached.token_ids == uncached.token_ids == greedy[0, len(prompt):].tolist()
    assert cached.stopped_by == "length" and len(cached.token_ids) == 12
    sampled = [generate(ours, prompt, max_new=12, temperature=0.8, top_k=30, top_p=0.9, seed=7, use_cache=use)
               for use in (True, False)]
    assert sampled[0].token_ids == sampled[1].token_ids
    assert max(abs(a - b) for a, b in zip(sampled[0].token_log_probs, sampled[1].token_log_probs)) <= ATOL
    beams = [beam_continue(ours, prompt, beam_size=3, max_new=6, use_cache=use)[0] for use in (True, False)]
    their_beams = theirs.generate(torch.tensor([prompt]), max_new_tokens=6, num_beams=3, num_return_sequences=3,
                                  do_sample=False, pad_token_id=0)
    assert [b.token_ids for b in beams[0]] == [b.token_ids for b in beams[1]] == their_beams[:, len(prompt):].tolist()


@torch.no_grad()
def test_generation_stops_at_the_end_token(tmp_path):
    model = load_gpt(str(save_random_gpt(tmp_path / "eos", "gpt2", seed=4))).model
    free = generate(model, IDS[:4], max_new=12)
    eos = free.token_ids[3]  # declare the 4th greedy token the end token: greedy must stop there
    stopped = generate(model, IDS[:4], max_new=12, eos_token_id=eos)
    first = free.token_ids.index(eos)
    assert stopped.token_ids == free.token_ids[:first + 1] and stopped.stopped_by == "eos"


@torch.no_grad()
def test_beam_of_width_one_is_greedy_and_ends_at_the_end_token(tmp_path):
    import dataclasses

    from core.gpt.model import GPTLMHeadModel

    model = load_gpt(str(save_random_gpt(tmp_path / "eos", "gpt2", seed=4))).model
    free = generate(model, IDS[:4], max_new=12)
    ending = GPTLMHeadModel(dataclasses.replace(model.config, eos_token_id=free.token_ids[3]))
    ending.load_state_dict(model.state_dict())
    greedy = generate(ending.eval(), IDS[:4], max_new=12)
    beam, search = beam_continue(ending, IDS[:4], beam_size=1, max_new=12, record_tree=True)
    assert beam[0].token_ids == greedy.token_ids and greedy.stopped_by == "eos"
    assert abs(beam[0].log_prob - greedy.log_prob) <= ATOL
    assert search.tree.nodes[0].token_id == model.config.vocab_size  # the root is the prompt marker


@pytest.mark.parametrize("variant", VARIANTS)
@torch.no_grad()
def test_trace_records_the_attention_arithmetic(tmp_path, variant):
    model = load_gpt(str(save_random_gpt(tmp_path / variant, variant, seed=5))).model
    trace = model(torch.tensor([IDS]), record_all=True)
    T, D = len(IDS), model.config.head_size
    record = trace.attention_records[1]
    assert record.query.shape == (1, 3, T, D) and record.scores.shape == (1, 3, T, T)
    causal = torch.ones(T, T, dtype=torch.bool).tril()
    scores = (record.query @ record.key.transpose(-1, -2) / D ** 0.5).masked_fill(~causal, float("-inf"))
    assert torch.allclose(torch.softmax(scores, dim=-1), trace.attentions[1], atol=1e-6)
    assert torch.allclose(trace.attentions[1] @ record.value, record.context, atol=1e-6)
    assert torch.equal(trace.token_embeddings + trace.position_embeddings, trace.embedding_output)
    assert torch.equal(trace.keep[0, 0], causal) and len(trace.hidden_states) == 4


def test_missing_and_misshapen_keys_are_named(tmp_path):
    from safetensors.torch import load_file, save_file

    folder = save_random_gpt(tmp_path / "gpt1", "openai-gpt")
    state = load_file(str(folder / "model.safetensors"))
    save_file({k: v for k, v in state.items() if k != "transformer.tokens_embed.weight"},
              str(folder / "model.safetensors"))
    with pytest.raises(CheckpointError, match=r"missing key 'transformer\.tokens_embed\.weight'"):
        load_gpt(str(folder))
    state["transformer.h.2.mlp.c_fc.weight"] = state["transformer.h.2.mlp.c_fc.weight"].t().contiguous()
    save_file(state, str(folder / "model.safetensors"))
    with pytest.raises(CheckpointError, match=r"'transformer\.h\.2\.mlp\.c_fc\.weight' has shape \(144, 36\)"):
        load_gpt(str(folder))


def test_family_comes_from_config_json(tmp_path):
    from tests.support.builders import save_tiny_hf_model

    folder = save_tiny_hf_model(tmp_path / "bert", "BertModel")
    with pytest.raises(CheckpointError, match=r"model_type='bert'.*not a GPT"):
        load_gpt(str(folder))


def test_pickle_checkpoints_and_untied_heads_load(tmp_path):
    """transformers 5 writes only safetensors; a pytorch_model.bin (older saves) is read with weights_only."""
    from safetensors.torch import load_file

    theirs = random_gpt("gpt2", seed=6, tie_word_embeddings=False)
    folder = tmp_path / "untied"
    theirs.save_pretrained(str(folder))
    torch.save(load_file(str(folder / "model.safetensors")), folder / "pytorch_model.bin")
    (folder / "model.safetensors").unlink()
    ours = load_gpt(str(folder)).model
    assert ours.lm_head is not None and torch.equal(ours.lm_head.weight, theirs.lm_head.weight)
    assert not torch.equal(ours.lm_head.weight, ours.transformer.wte.weight)


def test_safetensors_is_read_first(tmp_path):
    folder = save_random_gpt(tmp_path / "both", "gpt2")
    (folder / "pytorch_model.bin").write_bytes(b"not a pickle")
    assert load_gpt(str(folder)).model.config.n_embd == 36


@pytest.mark.parametrize("variant", VARIANTS)
@torch.no_grad()
def test_saved_folder_loads_in_transformers(tmp_path, variant):
    ours = load_gpt(str(save_random_gpt(tmp_path / "theirs", variant, seed=8))).model
    save_gpt(ours, tmp_path / "ours")
    reloaded = getattr(transformers, CLASSES[variant][1]).from_pretrained(str(tmp_path / "ours")).eval()
    ids = torch.tensor([IDS])
    assert (reloaded(ids).logits - ours(ids).logits).abs().max() <= ATOL
