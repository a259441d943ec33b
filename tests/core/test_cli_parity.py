"""`python -m core parity` as a user runs it: figures printed, exit code by tolerance."""

from __future__ import annotations

import json
import subprocess
import sys

TEXT = "The animal didn't cross the street because it was too tired."


def run_core(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "core", *args], capture_output=True, text=True, timeout=300)


def test_parity_on_the_real_pretrained_checkpoint_exits_0(minilm_folder):
    # the command's default tolerance (1e-4) against MiniLM's float32 rounding: eps 1.19e-7 x 14 roundings that
    # compound (6 layers x 2 sublayers, embedding LayerNorm, pooler) x hidden states up to ~11 = 1.8e-5, a
    # margin of 5.5
    result = run_core("parity", "--model", str(minilm_folder), "--text", TEXT, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["passed"] and report["max_abs_diff"] <= 1e-4
    assert [row["quantity"] for row in report["rows"]][:3] == [
        "embedding output", "layer 1 attention probs", "layer 1 hidden state"]


def test_parity_above_tolerance_exits_1(minilm_folder):
    result = run_core("parity", "--model", str(minilm_folder), "--text", TEXT, "--atol", "0")
    differences = [float(line.rsplit("=", 1)[1]) for line in result.stdout.splitlines() if "max |ours" in line]
    # float32 kernels differ in the last bits somewhere; if every quantity were bit-identical, 0 would pass
    assert result.returncode == (1 if max(differences) > 0 else 0)
    assert ("FAIL" in result.stdout) == (result.returncode == 1)


def test_bad_model_gives_one_line_error(tmp_path):
    result = run_core("parity", "--model", str(tmp_path / "missing"), "--text", TEXT)
    assert result.returncode == 2
    assert result.stderr.strip().startswith("error:") and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr
