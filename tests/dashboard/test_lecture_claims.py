"""What the BERT pages claim about the shipped tiny-bert is what the model does: where pre-training reached in
the position table, what it answers inside and outside its stories, and when a changed top-1 is a near-tie."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch

from core.bert.checkpoint import read_config, read_state_dict, shipped_model_names
from dashboard.views import bert as views
from dashboard.views.head_ablation import SwitchedMask

FOLDER = Path(__file__).resolve().parents[2] / "models" / "tiny-bert"
needs_tiny_bert = pytest.mark.skipif("tiny-bert" not in shipped_model_names(), reason="tiny-bert is not shipped")


@pytest.fixture(scope="module")
def pipeline():
    from core.bert.pipeline import load_pipeline

    return load_pipeline("tiny-bert")


@needs_tiny_bert
def test_position_reach_is_where_the_table_stops_being_its_initialisation(pipeline):
    """Witness: the training's own initialisation (init_weights with the recorded seed). A row no gradient
    reached is that row times the weight decay's constant factor, so its cosine to it is 1 (float32); the first
    row from which every row is so is where training stopped."""
    from core.bert.model import BertForPreTraining

    seed = json.loads((FOLDER / "training.json").read_text())["config"]["seed"]
    initial = BertForPreTraining(read_config(FOLDER))
    initial.init_weights(seed)
    start = initial.bert.embeddings.position_embeddings.weight.detach().double()  # (P, E)
    trained = read_state_dict(FOLDER)["bert.embeddings.position_embeddings.weight"].double()  # (P, E)
    cosine = torch.nn.functional.cosine_similarity(trained, start, dim=1)
    # float32 rounding of a 192-term dot product and two norms: far below 1e-4; a trained row is below 0.9
    untouched = (cosine > 1 - 1e-4).numpy()
    witness = int(np.nonzero(~untouched)[0][-1]) + 1
    assert untouched[witness:].all() and witness < 128

    reach = views.position_reach(pipeline, "tiny-bert")
    # The page reads the norms (it must work for any checkpoint, with no initialisation to compare with): the
    # last rows, reached by a handful of the longest inputs, may have moved less than the untrained rows'
    # spread, so it may stop a row or two short of the witness, never beyond it.
    assert witness - 2 <= reach.reach <= witness, (reach.reach, witness)
    assert reach.configured == 128 and reach.table_size == 512


def test_position_reach_finds_the_last_row_above_the_untrained_norm():
    """A synthetic table: rows 0..39 trained (norm 1), 40..511 initialisation-sized (N(0, 0.02^2) x 16)."""
    generator = np.random.default_rng(0)
    table = generator.normal(0, 0.02, (512, 16)).astype(np.float32)
    table[:40] *= 50
    table[25] = table[200]  # a trained row may be small; the reach is the LAST row above the line

    class Embeddings:
        position_embeddings = torch.nn.Embedding.from_pretrained(torch.from_numpy(table))

    class Model:
        class bert:
            embeddings = Embeddings

    class Pipeline:
        model = Model

    original = views.trained_positions
    try:
        views.trained_positions = lambda name: 128
        reach = views.position_reach(Pipeline, "synthetic")
        views.trained_positions = lambda name: None
        assert views.position_reach(Pipeline, "synthetic") is None  # no record: nothing to compare with
    finally:
        views.trained_positions = original
    assert reach.reach == 40
    norms = np.linalg.norm(table[128:].astype(np.float64), axis=1)
    assert reach.untrained_norm == pytest.approx(norms.mean()) and reach.threshold > norms.max()


@needs_tiny_bert
def test_domain_probes_are_what_transformers_predicts_with_the_same_weights(pipeline):
    import transformers

    model = transformers.BertForMaskedLM.from_pretrained(str(FOLDER)).eval()
    tokenizer = transformers.BertTokenizerFast.from_pretrained(str(FOLDER))
    probes = views.domain_probes(pipeline)
    assert [probe for probe, _ in probes] == list(views.DOMAIN_PROBES)
    for probe, tokens in probes:
        encoded = tokenizer(probe, return_tensors="pt")
        with torch.no_grad():
            logits = model(**encoded).logits[0]
        position = int((encoded["input_ids"][0] == tokenizer.mask_token_id).nonzero()[0])
        top = torch.topk(logits[position], views.DOMAIN_PROBE_TOP).indices.tolist()
        assert tokens == tokenizer.convert_ids_to_tokens(top), probe
    # The world-knowledge probe shows what the note says: no country, the capital's words cut into pieces.
    outside = probes[1][1]
    assert "france" not in outside and len(tokenizer.tokenize("paris")) > 1


@needs_tiny_bert
def test_the_domain_note_states_the_models_answers_not_animals(dashboard_env, pipeline):
    from tests.support.apptest import page_texts, run_page

    if dashboard_env["default"] != "tiny-bert":
        pytest.skip("the dashboard's default is not tiny-bert")
    (inside, inside_top), (outside, outside_top) = views.domain_probes(pipeline)
    for lang in ("en", "ko"):
        at = run_page("masked_lm", {"lang": lang})
        notes = [text for text in page_texts(at, "info") if inside in text]
        assert len(notes) == 1, page_texts(at, "info")
        assert ", ".join(inside_top) in notes[0] and ", ".join(outside_top) in notes[0]
        assert "animals" not in notes[0] and "동물" not in notes[0] and "(는)" not in notes[0]


def switched(before: list[float], after: list[float]) -> SwitchedMask:
    return SwitchedMask(3, "it", ["a", "b", "c"], np.array(before, np.float32), np.array(after, np.float32))


def test_a_top_one_change_between_near_ties_is_marked_and_its_probability_change_reported():
    frame = views.switch_changes([
        switched([0.079, 0.075, 0.05], [0.055, 0.07, 0.05]),  # a changes to b; b was within 1.25x: near-tie
        switched([0.60, 0.20, 0.10], [0.10, 0.50, 0.10]),  # a clear leader overturned: not a near-tie
        switched([0.60, 0.20, 0.10], [0.55, 0.25, 0.10]),  # unchanged top-1
    ])
    assert frame["changed"].tolist() == [True, True, False]
    assert frame["near_tie"].tolist() == [True, False, False]
    # the old top-1's probability with the heads off, and its change (hand computation)
    assert frame["p_top_after"].tolist() == pytest.approx([0.055, 0.10, 0.55])
    assert frame["p_change"].tolist() == pytest.approx([-0.024, -0.50, -0.05], abs=1e-6)
    assert frame["top_after"].tolist() == ["b", "b", "a"]


def test_the_near_tie_edge_is_the_named_ratio():
    ratio = views.NEAR_TIE_RATIO
    just_inside = views.switch_changes([switched([0.5, 0.5 / ratio + 1e-4, 0.0], [0.1, 0.6, 0.0])])
    just_outside = views.switch_changes([switched([0.5, 0.5 / ratio - 1e-3, 0.0], [0.1, 0.6, 0.0])])
    assert just_inside["near_tie"].item() and not just_outside["near_tie"].item()
