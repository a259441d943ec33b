"""Loading is strict: every broken or mismatched checkpoint gives an error naming the problem."""

from __future__ import annotations

import json
import shutil

import pytest
import torch
from safetensors.torch import load_file, save_file

from core.bert.checkpoint import CheckpointError, load_bert
from core.bert.pipeline import load_pipeline
from tests.support.builders import save_tiny_hf_model


@pytest.fixture()
def folder(tmp_path, tiny_pretraining_folder):
    target = tmp_path / "model"
    shutil.copytree(tiny_pretraining_folder, target)
    return target


def test_corrupted_safetensors_is_named(folder):
    data = (folder / "model.safetensors").read_bytes()
    (folder / "model.safetensors").write_bytes(data[: len(data) // 2])
    with pytest.raises(CheckpointError, match=r"model\.safetensors is corrupted"):
        load_bert(str(folder))


def test_wrong_shape_names_the_key(folder):
    state = load_file(str(folder / "model.safetensors"))
    key = "bert.encoder.layer.1.attention.self.query.weight"
    state[key] = torch.zeros(32, 31)
    save_file(state, str(folder / "model.safetensors"))
    with pytest.raises(CheckpointError, match=r"attention\.self\.query\.weight.*\(32, 31\).*\(32, 32\)"):
        load_bert(str(folder))


def test_missing_key_is_named(folder):
    state = load_file(str(folder / "model.safetensors"))
    del state["bert.encoder.layer.0.output.dense.bias"]
    save_file(state, str(folder / "model.safetensors"))
    with pytest.raises(CheckpointError, match=r"layer\.0\.output\.dense\.bias"):
        load_bert(str(folder))


def test_non_bert_config_is_refused(folder):
    (folder / "config.json").write_text(json.dumps({"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"],
                                                    "n_embd": 32}))
    with pytest.raises(CheckpointError, match=r"gpt2.*not a BERT"):
        load_bert(str(folder))


def test_invalid_json_and_missing_files(folder, tmp_path):
    (folder / "config.json").write_text("{not json")
    with pytest.raises(CheckpointError, match="not valid JSON"):
        load_bert(str(folder))
    with pytest.raises(CheckpointError, match="does not exist"):
        load_bert(str(tmp_path / "nowhere"))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CheckpointError, match=r"no config\.json"):
        load_bert(str(empty))


def test_hub_id_without_network_gives_one_clear_message(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    with pytest.raises(CheckpointError, match=r"could not get 'bert-base-uncased'.*not in the local cache"):
        load_bert("bert-base-uncased")


def test_old_names_and_bare_layout_load(folder):
    """A TF-era checkpoint: no ``bert.`` prefix on the encoder, LayerNorm gamma/beta, a pickle file."""
    state = load_file(str(folder / "model.safetensors"))
    renamed = {}
    for key, tensor in state.items():
        key = key.removeprefix("bert.").replace("LayerNorm.weight", "LayerNorm.gamma")
        key = key.replace("LayerNorm.bias", "LayerNorm.beta")
        renamed[key] = tensor
    (folder / "model.safetensors").unlink()
    torch.save(renamed, folder / "pytorch_model.bin")
    loaded = load_bert(str(folder))
    assert loaded.model.has_mlm and loaded.model.has_nsp
    assert torch.equal(loaded.model.bert.embeddings.LayerNorm.weight, state["bert.embeddings.LayerNorm.weight"])


def test_tokenizer_that_does_not_fit_the_model(folder):
    (folder / "vocab.txt").write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] +
                                                [f"word{i}" for i in range(500)]))
    with pytest.raises(CheckpointError, match="do not belong together"):
        load_pipeline(str(folder))


def test_save_pretrained_of_each_layout_loads(tmp_path):
    for cls_name, heads in [("BertModel", (True, False, False)), ("BertForMaskedLM", (False, True, False)),
                            ("BertForPreTraining", (True, True, True))]:
        model = load_bert(str(save_tiny_hf_model(tmp_path / cls_name, cls_name))).model
        assert (model.has_pooler, model.has_mlm, model.has_nsp) == heads


def test_packaged_pretrained_checkpoint_resolves_offline(monkeypatch, tmp_path, minilm_folder):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    loaded = load_bert("sentence-transformers/all-MiniLM-L6-v2")
    assert loaded.folder == minilm_folder
    assert loaded.model.config.num_hidden_layers == 6 and not loaded.model.has_mlm


def test_one_resolver_finds_each_familys_shipped_models():
    """core.model_folders scans models/ once for every family; a name of another family is refused by name."""
    from core import model_folders
    from core.transformer.translator import TranslatorError, resolve_translator_folder, translator_model_names

    assert model_folders.shipped_model_names("bert") == ["tiny-bert"]
    assert "tiny-translator" in translator_model_names()
    assert resolve_translator_folder("tiny-translator") == model_folders.SHIPPED_MODELS_DIR / "tiny-translator"
    with pytest.raises(CheckpointError, match=r"'tiny-translator' is a built-in .* model, not a BERT model"):
        load_bert("tiny-translator")
    with pytest.raises(TranslatorError, match=r"'tiny-bert' is a built-in bert model, not a translator"):
        resolve_translator_folder("tiny-bert")
