"""The GPT pages' views against their witnesses: transformers' tokenizer for the byte-level tokens, a hand
computation (NumPy) for temperature, top-k and top-p, the model's own generation for the step table, the lower
triangle for the look-ahead mask, and a BERT trace read by hand for what a word sees after it."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from core.bert.pipeline import load_pipeline as load_bert
from core.gpt.generation import beam_continue, generate
from core.gpt.pipeline import load_pipeline
from dashboard.views import gpt as gv
from dashboard.views.beam import greedy_path_in_tree
from tests.support.builders import save_tiny_hf_model
from tests.support.gpt_checkpoints import save_tiny_gpt
from tests.support.tolerances import float32_atol

SENTENCE = "The animal didn't cross the street because it was too tired."


@pytest.fixture(scope="module")
def gpt(tmp_path_factory):
    return load_pipeline(str(save_tiny_gpt(tmp_path_factory.mktemp("gpt") / "tiny-gpt-random")))


@pytest.fixture(scope="module")
def bert(tmp_path_factory):
    return load_bert(str(save_tiny_hf_model(tmp_path_factory.mktemp("bert") / "tiny", "BertForPreTraining")))


def test_the_byte_table_is_gpt2s():
    table = gv.bytes_to_unicode()
    assert len(set(table.values())) == 256
    # GPT-2's vocabulary spells a space Ġ and a newline Ċ; printable ASCII stands for itself
    assert (table[32], table[10], table[ord("a")]) == ("Ġ", "Ċ", "a")


def test_whole_tokens_read_as_the_tokenizer_decodes_them(gpt):
    """Every token that is whole UTF-8 reads as transformers' decode of it (␣ for its space, arrows for tab and
    newline)."""
    checked = 0
    for token_id in range(gpt.model.config.vocab_size):
        token = gpt.tokens([token_id])[0]
        shown = gv.token_text(token)
        if shown.startswith("⟨") or token.startswith("<|"):
            continue
        for char, mark in [(" ", gv.SPACE_MARK), *gv.CONTROL_MARKS.items()]:
            shown = shown.replace(mark, char)
        assert shown == gpt.tokenizer.decode([token_id]), token
        checked += 1
    assert checked > 100


@pytest.mark.parametrize("text", ["안녕", "😀", "그 동물은 피곤했다"])
def test_korean_and_emoji_arrive_as_their_utf8_bytes(gpt, text):
    ids = gpt.encode(text)
    raw = b"".join(gv.token_bytes(token) for token in gpt.tokens(ids))
    assert raw == text.encode("utf-8")
    assert gv.byte_pieces(gpt.tokens(ids)) > 0
    frame = gv.tokens_frame(ids, gpt.tokens(ids))
    assert " ".join(frame["bytes"]).split() == [f"{b:02x}" for b in text.encode("utf-8")]


def test_control_bytes_and_markup_are_shown_not_interpreted():
    table = gv.bytes_to_unicode()
    assert gv.token_text(table[0x1c]) == "⟨1c⟩"  # a control byte has no glyph
    assert gv.token_text(table[10]) == "↵"
    assert gv.token_text("".join(table[b] for b in b"<script>")) == "<script>"  # text; charts escape it


def hand_cuts(logits: np.ndarray, temperature: float, k: int | None, p: float | None):
    """Temperature, top-k, then top-p on what top-k left, as Holtzman et al. sec. 3.1 and Fan et al. define them."""
    scaled = logits.astype(np.float64) / temperature
    probs = np.exp(scaled - scaled.max())
    probs /= probs.sum()
    order = np.argsort(-scaled, kind="stable")
    keep = np.zeros(len(logits), dtype=bool)
    keep[order[:k] if k else order] = True
    by_k = keep.copy()
    if p is not None:
        after_k = np.where(keep, probs, 0.0) / probs[keep].sum()
        mass = 0.0
        nucleus = np.zeros_like(keep)
        for index in order:
            if not keep[index]:
                continue
            if mass < p:
                nucleus[index] = True
            mass += after_k[index]
        keep &= nucleus
    renormalised = np.where(keep, probs, 0.0) / probs[keep].sum()
    return probs, by_k, keep, renormalised


@pytest.mark.parametrize(("temperature", "k", "p"), [(1.0, None, None), (0.5, 4, None), (0.5, 4, 0.9),
                                                     (2.0, None, 0.5), (0.7, 2, 0.99)])
def test_the_cuts_match_a_hand_computation(temperature, k, p):
    logits = np.array([2.0, 1.0, 0.5, 0.0, -1.0, -3.0, 0.25], dtype=np.float32)
    tokens = [f"t{i}" for i in range(len(logits))]
    view = gv.next_token_view(torch.tensor(logits), tokens, temperature, k, p, shown=len(logits))
    probs, by_k, keep, renormalised = hand_cuts(logits, temperature, k, p)
    rows = view.frame.set_index("token_id").loc[np.argsort(-logits, kind="stable")]
    order = rows.index.to_numpy()
    plain = np.exp(logits - logits.max()) / np.exp(logits - logits.max()).sum()
    np.testing.assert_allclose(rows["probability_t1"], plain[order], atol=float32_atol(1.0, 3))
    np.testing.assert_allclose(rows["probability"], probs[order], atol=float32_atol(1.0, 3))
    np.testing.assert_allclose(rows["renormalised"], renormalised[order], atol=float32_atol(1.0, 3))
    expected = np.where(keep, "kept", np.where(by_k, "cut_by_top_p", "cut_by_top_k"))[order]
    assert list(rows["status"]) == list(expected)
    assert (view.kept, view.kept_by_top_k) == (int(keep.sum()), int(by_k.sum()))
    assert view.kept_mass == pytest.approx(probs[keep].sum(), abs=float32_atol(1.0, 3))


def test_a_long_prompt_keeps_its_end_after_the_start_token(gpt):
    limit = 16
    prompt = gv.encode_prompt(gpt, " ".join(["street"] * 3000) + " because it", limit)
    ids = gpt.encode(" ".join(["street"] * 3000) + " because it")
    start = gpt.model.config.bos_token_id
    assert prompt.truncated and len(prompt.ids) == limit and prompt.full_length == len(ids) + 1
    assert list(prompt.ids) == [start] + ids[-(limit - 1):]


def test_the_step_table_matches_the_generation(gpt):
    """Each sampled token's probability, read from one pass over prompt and continuation, is the one generation
    computed step by step with its key/value cache; the renormalised one is what the cuts leave it."""
    prompt = gv.encode_prompt(gpt, "The animal didn't")
    sampled = generate(gpt.model, list(prompt.ids), 8, temperature=0.8, top_k=20, top_p=0.9, seed=3)
    trace = gpt.trace(list(prompt.ids) + sampled.token_ids, record_all=False)
    steps = gv.generation_steps(sampled, trace.logits[0], gv.vocabulary(gpt), 0.8, 20, 0.9)
    np.testing.assert_allclose(np.log(steps["probability_t1"]), sampled.token_log_probs,
                               atol=float32_atol(10.0, 2 * gpt.model.config.n_layer + 2))
    assert (steps["renormalised"] >= steps["probability_t1"] - 1e-6).all()  # cuts only move mass onto kept tokens
    assert list(steps["token"]) == gv.token_texts(gpt.tokens(sampled.token_ids))


def test_the_beam_tree_names_and_ranks(gpt):
    prompt = gv.encode_prompt(gpt, "The animal")
    beams, search = beam_continue(gpt.model, list(prompt.ids), beam_size=3, max_new=5, record_tree=True)
    tree, V = search.tree, gpt.model.config.vocab_size
    labels = gv.beam_node_tokens(tree, gv.vocabulary(gpt), V, "(prompt)", "(end)")
    assert labels[0] == "(prompt)" and "(end)" in labels
    ranks = gv.n_best_nodes(tree)
    best = next(node for node in tree.nodes if ranks.get(node.id) == 1)
    assert best.score == pytest.approx(beams[0].score)
    greedy = generate(gpt.model, list(prompt.ids), 5, temperature=0.0)
    ids = gv.greedy_tree_ids(greedy, V, gpt.model.config.eos_token_id)
    assert ids[-1] == V + 1  # the tree's end marker closes every hypothesis
    # the beam's best first extension (rank 0 at step 1) is greedy's first token, and the path starts there
    first = next(node for node in tree.nodes if node.step == 1 and node.rank == 0)
    assert ids[0] == first.token_id
    assert greedy_path_in_tree(tree, ids)[:2] == [0, first.id]


def test_the_mask_is_the_lower_triangle_and_nothing_leaks_above_it(gpt):
    prompt = gv.encode_prompt(gpt, SENTENCE)
    trace = gpt.trace(list(prompt.ids), record_all=False)
    keep = gv.keep_matrix(trace)
    T = len(prompt.ids)
    np.testing.assert_array_equal(keep, np.tril(np.ones((T, T), dtype=bool)))
    weights = gv.attentions(trace)
    assert (weights[..., ~keep] == 0).all()
    assert gv.masked_share(keep) == pytest.approx((T - 1) / (2 * T))


def test_a_word_in_both_tokenizers(gpt, bert):
    words = gv.sentence_words(SENTENCE)
    it = words[gv.default_word(words)]
    assert it.text == "it"
    prompt = gv.encode_prompt(gpt, SENTENCE)
    at = gv.gpt_positions(gpt, prompt, SENTENCE, it)
    assert [gpt.tokenizer.decode([prompt.ids[i]]).strip() for i in at] == ["it"]
    encoded = bert.tokenizer(SENTENCE)
    bert_at = gv.bert_positions(bert, SENTENCE, it, len(encoded["input_ids"]))
    assert bert.tokenizer.convert_ids_to_tokens([encoded["input_ids"][i] for i in bert_at]) == ["it"]
    the = [w for w in words if w.text.lower() == "the"]
    assert [w.occurrence for w in the] == [0, 1] and the[1].label == "the (2)"


def test_what_a_word_sees_after_it(gpt, bert):
    """GPT's attention from "it" to later tokens is exactly 0; BERT's is the sum of its row after "it"."""
    words = gv.sentence_words(SENTENCE)
    it = words[gv.default_word(words)]
    prompt = gv.encode_prompt(gpt, SENTENCE)
    at = gv.gpt_positions(gpt, prompt, SENTENCE, it)
    assert (gv.future_share(gv.attentions(gpt.trace(list(prompt.ids), record_all=False)), at) == 0).all()
    trace, encoded = bert.trace(SENTENCE, None)
    bert_at = gv.bert_positions(bert, SENTENCE, it, len(encoded.tokens))
    weights = gv.attentions(trace)
    by_hand = np.array([[weights[layer, head, bert_at[0], bert_at[0] + 1:].sum() for head in range(weights.shape[1])]
                        for layer in range(weights.shape[0])])
    np.testing.assert_allclose(gv.future_share(weights, bert_at), by_hand, rtol=1e-6)
    assert (by_hand > 0).all()


def test_another_ending_cannot_move_gpts_prediction(gpt):
    """A causal model's distribution at a word depends only on the words before it: two endings give the same
    probabilities, up to float32 rounding of passes of different lengths."""
    words = gv.sentence_words(SENTENCE)
    it = words[gv.default_word(words)]
    other = SENTENCE[:it.end] + " was too wide, so it stayed."
    logits = []
    for text in (SENTENCE, other):
        prompt = gv.encode_prompt(gpt, text)
        at = gv.gpt_positions(gpt, prompt, text, it)
        logits.append(gpt.trace(list(prompt.ids), record_all=False).logits[0, at[0] - 1])
    assert gv.max_probability_change(*logits) <= float32_atol(1.0, 2 * gpt.model.config.n_layer + 2)
    changed = gpt.trace(list(gv.encode_prompt(gpt, "A cat " + SENTENCE).ids), record_all=False).logits[0, -1]
    assert gv.max_probability_change(logits[0], changed) > 0  # the measure does see a change when there is one


def test_gpt_heads_are_scored_on_the_tokens_of_pronoun_and_candidates(gpt):
    """The pronoun's rows averaged and each candidate's columns summed, as the Coreference page scores BERT."""
    from core.analysis.coreference import CorefExample

    examples = [CorefExample(id="a", text=SENTENCE, pronoun="it", candidates=("animal", "street"), answer="animal"),
                CorefExample(id="b", text=SENTENCE.replace("tired", "wide"), pronoun="it",
                             candidates=("animal", "street"), answer="street")]
    scores = gv.gpt_head_scores(gpt, examples)
    prompt = gv.encode_prompt(gpt, SENTENCE)
    trace = gpt.trace(list(prompt.ids), record_all=False)
    words = {w.text: w for w in gv.sentence_words(SENTENCE)}
    it, animal, street = (gv.gpt_positions(gpt, prompt, SENTENCE, words[w]) for w in ("it", "animal", "street"))
    weights = gv.attentions(trace)
    by_hand = np.stack([weights[:, :, it].mean(axis=2)[..., animal].sum(-1),
                        weights[:, :, it].mean(axis=2)[..., street].sum(-1)], axis=-1)
    # scored in a padded batch, read here from the sentence alone: equal up to float32 rounding
    np.testing.assert_allclose(scores.attention[0], by_hand, atol=float32_atol(1.0, 2 * gpt.model.config.n_layer + 2))
    # the two sentences share every token before "it", so each head picks the same noun in both: half right
    np.testing.assert_allclose(scores.accuracy, 0.5)


@pytest.mark.parametrize(("text", "limit"), [("그 동물은 😀 the animal", None),
                                             (" ".join(["street"] * 200) + " it", 20)])
def test_each_token_names_the_characters_it_comes_from(gpt, text, limit):
    """The bytes of the tokens that name a character are that character's UTF-8 bytes (Python's encoder as the
    witness), also for a long prompt the page cut from the front."""
    prompt = gv.encode_prompt(gpt, text, limit)
    tokens = gpt.tokens(list(prompt.ids))
    pieces = gv.text_pieces(gpt, prompt, text)
    assert pieces[0] == "" and len(pieces) == len(prompt.ids)
    collected: dict[str, bytes] = {}
    for token, piece in zip(tokens[1:], pieces[1:]):
        if len(piece) == 1 and ord(piece) > 127:  # a non-ASCII character, whole or in byte pieces
            collected[piece] = collected.get(piece, b"") + gv.token_bytes(token)
    assert all(raw == char.encode("utf-8") for char, raw in collected.items())
    if limit is None:
        assert set(collected) >= {"😀"} and "".join(p for p in pieces if p.strip()).endswith("theanimal")
    else:
        assert pieces[-1] == "it" and pieces[1] == "street"
