"""The shipped models/tiny-bert: its files, transformers can load it, parity, and sensible predictions."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from core.data.stories import CAUSAL_FRAMES, PETS, PLACES, is_heldout_sentence
from core.model_folders import SHIPPED_MODELS_DIR

FOLDER = SHIPPED_MODELS_DIR / "tiny-bert"
# Two CPUs' float32 runs of tiny-bert differ in an attention weight by about eps 1.19e-7 x 12 sublayers x
# scores up to ~30 x 2 (softmax) = 8.6e-5, and in a candidate's mean log-probability by about as much; ten
# times that is the margin below which a choice between two candidates may flip on another CPU.
NEAR_TIE = 1e-3


@pytest.fixture(scope="module")
def pipeline():
    from core.bert.pipeline import load_pipeline

    return load_pipeline("tiny-bert")


@pytest.fixture(scope="module")
def recorded_head() -> dict:
    """The head training.json (and the README) name as best on the coreference set's training half."""
    record = json.loads((FOLDER / "training.json").read_text())
    return record["coreference_heldout"]["best_head_chosen_on_training_half"]


def margin(values) -> float:
    """How far the largest of a choice's values is ahead of the runner-up."""
    top_two = np.sort(np.asarray(values, dtype=np.float64))[-2:]
    return float(top_two[1] - top_two[0])


def flippable(scores, layer: int, head: int) -> int:
    """Examples whose two most-attended candidates are within NEAR_TIE in this head: the only ones whose
    credit another CPU's rounding may change."""
    return sum(margin(attention[layer, head]) < NEAR_TIE for attention in scores.attention)


def top_tokens(pipeline, text: str, k: int = 5) -> list[str]:
    from core.bert.pipeline import fill_mask

    return fill_mask(pipeline, text, top_k=k).masks[0].tokens


def test_folder_has_the_hugging_face_layout_and_a_small_size():
    names = {path.name for path in FOLDER.iterdir()}
    assert {"config.json", "model.safetensors", "vocab.txt", "tokenizer_config.json"} <= names
    assert sum(path.stat().st_size for path in FOLDER.iterdir()) < 30e6  # small enough to ship in the repository
    config = json.loads((FOLDER / "config.json").read_text())
    vocab = (FOLDER / "vocab.txt").read_text().split()
    assert config["model_type"] == "bert" and config["vocab_size"] == len(vocab)
    assert config["max_position_embeddings"] == 512
    assert vocab[:5] == ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    assert json.loads((FOLDER / "tokenizer_config.json").read_text())["do_lower_case"] is True


def test_transformers_loads_it_with_every_key_used():
    import transformers

    model, info = transformers.BertForPreTraining.from_pretrained(str(FOLDER), output_loading_info=True)
    assert not info["missing_keys"] and not info["unexpected_keys"] and not info["mismatched_keys"]
    tokenizer = transformers.BertTokenizerFast.from_pretrained(str(FOLDER))
    assert tokenizer.tokenize("The Cat SAT.") == ["the", "cat", "sat", "."]


@pytest.mark.parametrize("text, text_b", [
    ("The animal didn't cross the street because it was too tired.", None),
    ("Mary gave John the book because he asked for it.", "John thanked Mary for the book."),
])
def test_parity_with_transformers_to_float32_rounding(pipeline, text, text_b):
    from core.analysis.parity import compare
    from tests.support.tolerances import float32_atol

    # two float32 orders of the same sums: 14 roundings that compound (6 layers x 2 sublayers, the embedding
    # LayerNorm, the heads) of numbers up to ~24 (the MLM logits), a margin of 10: 4e-4
    report = compare(pipeline, text, text_b, atol=float32_atol(magnitude=24, depth=14))
    assert report.passed, [(row.quantity, row.max_abs_diff) for row in report.rows]


def test_fill_mask_returns_k_probabilities_in_descending_order(pipeline):
    from core.bert.pipeline import fill_mask

    result = fill_mask(pipeline, "the [MASK] sat on the [MASK].", top_k=7)
    assert len(result.masks) == 2
    for mask in result.masks:
        assert len(mask.tokens) == len(mask.probs) == 7
        assert all(a >= b for a, b in zip(mask.probs, mask.probs[1:]))
        assert 0 < sum(mask.probs) <= 1 + 1e-6


# Sentences of the grammar that never occur in the training text (checked, not assumed), with the
# words the grammar allows at the masked place.
PET_KINDS = {kind for kind, _ in PETS}
SPOTS = {spot for _, spots in PETS for spot in spots.split()}
CROSS = next(frame for frame in CAUSAL_FRAMES if frame.verb == "didn't cross")
HELDOUT_CASES = [
    ("The [MASK] sat on the mat.", "puppy", PET_KINDS),
    ("Olivia has a brown puppy named Max. The puppy sat on the [MASK].", "mat", SPOTS),
    ("Jane went to the [MASK] yesterday.", "park", set(PLACES)),
    ("Sarah gave Peter the book because he asked for [MASK].", "it", {"it"}),
    ("The animal didn't cross the street because it was too [MASK].", "scared",
     set(CROSS.subject_adjectives + CROSS.object_adjectives)),
]


def masked_sentence(text: str) -> str:
    return next(part for part in re.split(r"(?<=\.) ", text) if "[MASK]" in part)


@pytest.mark.parametrize("text, answer, plausible", HELDOUT_CASES)
def test_predicts_a_plausible_word_in_a_heldout_sentence(pipeline, text, answer, plausible):
    unseen = masked_sentence(text).replace("[MASK]", answer)
    assert is_heldout_sentence(unseen), "the masked sentence must be one that training never saw"
    assert top_tokens(pipeline, text)[0] in plausible, top_tokens(pipeline, text)


@pytest.mark.parametrize("text, pronoun", [
    ("The guitar didn't fit in the closet because [MASK] was too large.", "it"),
    ("The goats didn't cross the fields because [MASK] were too tired.", "they"),
    ("The trophies didn't fit in the bags because [MASK] were too big.", "they"),
])
def test_pronoun_agrees_in_number_with_the_nouns(pipeline, text, pronoun):
    assert is_heldout_sentence(text.replace("[MASK]", pronoun))
    assert top_tokens(pipeline, text)[0] == pronoun, top_tokens(pipeline, text)


def test_next_sentence_prediction_tells_a_continuation_from_a_random_sentence(pipeline):
    from core.bert.pipeline import fill_mask

    first = "Sarah gave Peter the [MASK] because he asked for it."
    follows = fill_mask(pipeline, first, "Peter thanked Sarah for the book.").nsp_is_next
    random = fill_mask(pipeline, first, "She looked everywhere for them, but she could not find them.").nsp_is_next
    assert follows > 0.5 > random, (follows, random)


def test_fill_mask_command_prints_json(capsys):
    from core.__main__ import main

    assert main(["fill-mask", "the [MASK] sat on the mat.", "--top-k", "3", "--json", "--text-b", "It was happy."]) == 0
    out = json.loads(capsys.readouterr().out)
    probs = out["masks"][0]["probs"]
    assert len(probs) == 3 and probs == sorted(probs, reverse=True) and 0 <= out["nsp_is_next"] <= 1
    assert main(["fill-mask", "no mask in this text"]) == 2
    assert "[MASK]" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["fill-mask", "the [MASK] sat.", "--top-k", "0"])


def test_training_record_is_shipped_with_the_model(pipeline):
    record = json.loads((FOLDER / "training.json").read_text())
    assert record["command"].startswith("python -m core train bert")
    assert record["parameters"] == sum(p.numel() for p in pipeline.model.parameters())
    for key in ("mlm_top1", "mlm_top5", "nsp_accuracy"):
        assert 0.0 <= record["heldout"][key] <= 1.0


def test_eval_command_scores_heldout_stories_far_above_chance(capsys):
    from core.__main__ import main

    assert main(["eval-bert", "--stories", "48", "--seed", "99", "--json"]) == 0
    metrics = json.loads(capsys.readouterr().out)
    assert metrics["pairs"] == 48 and metrics["masked_tokens"] > 100
    assert metrics["mlm_top1"] <= metrics["mlm_top5"]
    assert metrics["mlm_top5"] > 0.5 and metrics["nsp_accuracy"] > 0.6, metrics  # chance: ~0.2% and 50%


# ---------------------------------------------------------------- pronoun resolution


@pytest.mark.parametrize("subject, obj, subject_adjective, object_adjective", [
    ("animal", "street", "tired", "wide"),  # the pair (a training combination)
    ("animals", "streets", "scared", "dark"),  # combinations the corpus never contains (checked below)
])
def test_the_model_and_its_best_head_flip_with_the_adjective(pipeline, recorded_head, subject, obj,
                                                             subject_adjective, object_adjective):
    from core.analysis.coreference import CorefExample, locate_example, rank_heads, trace_batch
    from core.analysis.own_answer import own_answers
    from core.data.stories import is_heldout_combination

    if subject == "animals":
        assert is_heldout_combination("animal", "street", "scared") and is_heldout_combination("animal", "street",
                                                                                               "dark")
    layer, head = recorded_head["layer"], recorded_head["head"]
    verb = "were" if subject.endswith("s") else "was"
    pronoun = "they" if verb == "were" else "it"
    for adjective, answer in ((subject_adjective, subject), (object_adjective, obj)):
        example = CorefExample("x", f"The {subject} didn't cross the {obj} because {pronoun} {verb} so {adjective}.",
                               pronoun, (subject, obj), answer)
        own = own_answers(pipeline, [example])[0]
        assert own.choice == answer and margin(own.log_probs) > NEAR_TIE, (example.text, own.log_probs)
        where = locate_example(pipeline.tokenizer, example)
        attention = rank_heads(trace_batch(pipeline, [example.text]), where.pronoun, where.candidates).attention
        assert example.candidates[int(attention[layer, head].argmax())] == answer, example.text
        assert margin(attention[layer, head]) > NEAR_TIE, (example.text, attention[layer, head])


def test_own_answer_on_heldout_pairs_meets_the_target(pipeline):
    """The target: >= 90 % on the 320 held-out Winograd examples (measured 99.1 %, README); chance is 50 %."""
    from core.analysis.coreference import CorefExample
    from core.analysis.head_ablation import answerable
    from core.analysis.own_answer import accuracy, own_answers
    from core.data.stories_coreference import coreference_set

    heldout = answerable([CorefExample(**e) for e in coreference_set("heldout")])
    assert len(heldout) == 320
    assert accuracy(own_answers(pipeline, heldout), heldout) >= 0.9


def test_recorded_best_head_is_among_the_top_three_and_meets_the_target(pipeline, recorded_head):
    """The head training.json (and the README) name is among the three best on the training half, its held-out
    accuracy meets the 85 % target set for it, and both its figures are the recorded ones, up to the examples
    whose choice is a near-tie (none on this model: each would allow one example's worth of difference). The
    best head itself is not pinned: a near-tie on the training half could reorder the first three."""
    from core.analysis.coreference import CorefExample, score_heads
    from core.data.stories_coreference import coreference_set

    layer, head = recorded_head["layer"], recorded_head["head"]
    train, heldout = (score_heads(pipeline, [CorefExample(**e) for e in coreference_set(split)])
                      for split in ("train", "heldout"))
    assert (layer, head) in [(s.layer, s.head) for s in train.best_heads(3)]
    for scores, figure in ((train, recorded_head["train_accuracy"]), (heldout, recorded_head["heldout_accuracy"])):
        allowed = flippable(scores, layer, head) / len(scores.examples)
        assert abs(scores.accuracy[layer, head] - figure) <= allowed + 1e-9, (figure, allowed)
    assert heldout.accuracy[layer, head] >= 0.85  # the target; chance is 50 %
