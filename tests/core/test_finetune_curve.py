"""The learning curve's bookkeeping: mean and spread by hand, merged commands, the table, the shipped file."""

from __future__ import annotations

import pytest

from core.finetune.curve import CURVE_PATH, METHODS, format_table, load_curve, merge_curves, summarise


def curve(command: str, methods: list[str]) -> dict:
    rows = [{"method": m, "examples": n, "seeds": [0, 1, 2], "mean": 0.5, "std": 0.1, "min": 0.4, "max": 0.6}
            for m in methods for n in (64, 16)]
    return {"command": command, "hardware": "cpu", "task": "feelings", "labels": ["a", "b", "c", "d"],
            "splits": {"heldout": 1024}, "rows": rows, "wall_seconds": 3.0}


def test_summarise_is_the_mean_and_sample_std():
    # by hand: mean of 0.5, 0.7, 0.9 is 0.7; sample variance ((0.2)^2 + 0 + (0.2)^2) / 2 = 0.04, std 0.2
    assert summarise([0.5, 0.7, 0.9]) == pytest.approx({"mean": 0.7, "std": 0.2, "min": 0.5, "max": 0.9})


def test_merged_curves_keep_each_rows_command_in_method_order():
    merged = merge_curves([curve("gpt and bag", [METHODS[3].name, METHODS[2].name]),
                           curve("bert", [METHODS[0].name, METHODS[1].name])])
    assert [(r["method"], r["examples"]) for r in merged["rows"]] == [
        (m.name, n) for m in METHODS for n in (16, 64)]
    assert merged["commands"] == ["gpt and bag", "bert"]
    assert {r["command"] for r in merged["rows"] if r["method"] == METHODS[0].name} == {"bert"}
    table = format_table(merged).splitlines()
    assert "chance 25 %" in table[0] and table[2].endswith("50.0 ± 10.0 %  [ 40.0,  60.0]")


def test_merged_base_models_come_from_the_curve_that_fine_tuned_them():
    """Each curve records every shipped base model; a model retrained between two measurements is taken from the
    curve whose rows used it, not from the first curve."""
    bert = {**curve("bert", [METHODS[0].name]), "base_models": {"tiny-bert": "b1", "tiny-gpt": "g-old"}}
    gpt = {**curve("gpt", [METHODS[3].name]), "base_models": {"tiny-bert": "b1", "tiny-gpt": "g-new"}}
    for row in bert["rows"]:
        row["model"] = "tiny-bert"
    for row in gpt["rows"]:
        row["model"] = "tiny-gpt"
    assert merge_curves([bert, gpt])["base_models"] == {"tiny-bert": "b1", "tiny-gpt": "g-new"}
    assert merge_curves([gpt, bert])["base_models"] == {"tiny-bert": "b1", "tiny-gpt": "g-new"}


def test_the_shipped_curve_records_the_shipped_base_models():
    """The weights each row group was fine-tuned from are the ones shipped (a retrain must re-measure its rows)."""
    import hashlib

    from core.model_folders import SHIPPED_MODELS_DIR

    if not CURVE_PATH.is_file():
        pytest.skip("models/finetune_curve.json is not measured yet")
    for name, record in load_curve()["base_models"].items():
        weights = SHIPPED_MODELS_DIR / name / "model.safetensors"
        if weights.is_file():
            assert hashlib.sha256(weights.read_bytes()).hexdigest()[:16] == record["model_safetensors_sha256_16"], name


def test_the_shipped_curve_has_every_method_size_and_seed():
    if not CURVE_PATH.is_file():
        pytest.skip("models/finetune_curve.json is not measured yet")
    shipped = load_curve()
    for row in shipped["rows"]:
        assert len(row["heldout_accuracy"]) == len(row["seeds"]) == 3
        assert row["mean"] == pytest.approx(sum(row["heldout_accuracy"]) / 3)
    assert {row["method"] for row in shipped["rows"]} == {m.name for m in METHODS}
    assert len(shipped["rows"]) == 5 * len(METHODS)


def test_another_tasks_curve_is_a_section_printed_after_the_shipped_table():
    from core.finetune.curve import TOKEN_METHODS, with_section

    shipped = curve("bert", [METHODS[0].name])
    tokens = {**curve("tags", [m.name for m in TOKEN_METHODS]), "task": "feeling-tags", "kind": "token"}
    tokens["rows"][0].update(later_mean=0.25, later_std=0.05)
    merged = with_section(shipped, tokens)
    assert merged["rows"] == shipped["rows"] and merged["other_tasks"] == {"feeling-tags": tokens}
    lines = format_table(merged).splitlines()
    second = lines.index("") + 1
    assert lines[0].startswith("held-out accuracy on the feelings task") and "per text" in lines[0]
    assert lines[second].startswith("held-out accuracy on the feeling-tags task") and "per tagged word" in lines[second]
    assert lines[second + 2].endswith("later mentions  25.0 ±  5.0 %")
    with pytest.raises(ValueError, match="own task"):
        with_section(shipped, shipped)


def test_eval_prints_the_shipped_token_section(capsys):
    from core.cli import main

    if "feeling-tags" not in load_curve().get("other_tasks", {}):
        pytest.fail("models/finetune_curve.json has no token-task section")
    assert main(["eval", "finetune", "--curve"]) == 0
    printed = capsys.readouterr().out
    assert "held-out accuracy on the feeling-tags task" in printed and "word window (logistic regression)" in printed
