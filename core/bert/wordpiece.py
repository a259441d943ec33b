"""A WordPiece vocabulary (Wu et al., 2016; BERT sec. 3) trained on the generated corpus.

Saved the way Hugging Face's BERT tokenizers read it: ``vocab.txt`` (one token per line, the
line number is the id, [PAD] = 0) and ``tokenizer_config.json`` (lower-casing on), so
``transformers.BertTokenizerFast.from_pretrained(folder)`` loads it with no other file.

Not bit-reproducible: the `tokenizers` trainer breaks ties between equally frequent merges in an
order that changes from process to process, so a second training on the same text gives the same
whole words but a few different sub-word pieces and ids. A model belongs to the vocab.txt it was
trained with; pretraining makes the vocabulary once per data folder and keeps it.
"""

from __future__ import annotations

import json
import string
from pathlib import Path

SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]  # ids 0-4, in this order
PAD, UNK, CLS, SEP, MASK = SPECIAL_TOKENS
FIRST_REGULAR_ID = len(SPECIAL_TOKENS)  # the first id of a real piece of text
# Tokens that frame the text rather than stand for a piece of it: never a word, never masked,
# hidden by the pages' "hide [CLS]/[SEP]" ([MASK] and [UNK] stand where a word is, so they are words).
FRAME_TOKENS = (CLS, SEP, PAD)
# Every printable ASCII character gets a token even if the corpus never uses it, so typed text
# such as "42%" becomes pieces rather than [UNK].
INITIAL_ALPHABET = list(string.ascii_lowercase + string.digits + string.punctuation)


def word_groups(tokens: list[str]) -> list[list[int]]:
    """WordPiece tokens -> the positions of each whole word: a ``##`` piece continues the word of the
    token just before it (BERT sec. 3: "playing" -> play ##ing); frame tokens belong to no word."""
    groups: list[list[int]] = []
    for position, token in enumerate(tokens):
        if token in FRAME_TOKENS:
            continue
        if token.startswith("##") and groups and groups[-1][-1] == position - 1:
            groups[-1].append(position)
        else:
            groups.append([position])
    return groups


def word_text(tokens: list[str], group: list[int]) -> str:
    """The word a group of pieces spells: "play" + "##ing" -> "playing"."""
    return "".join(tokens[p].removeprefix("##") for p in group)


def tokenizer_config(model_max_length: int) -> dict:
    return {
        "tokenizer_class": "BertTokenizer",
        "do_lower_case": True,
        "strip_accents": None,  # follows do_lower_case, as in the uncased BERT release
        "tokenize_chinese_chars": True,
        "model_max_length": model_max_length,
        "pad_token": PAD, "unk_token": UNK, "cls_token": CLS, "sep_token": SEP, "mask_token": MASK,
    }


def train_wordpiece(files: list[Path], folder: Path, vocab_size: int = 3000, min_frequency: int = 2,
                    model_max_length: int = 512) -> Path:
    """Train on text files, write vocab.txt and tokenizer_config.json into ``folder``; returns the folder."""
    from tokenizers.implementations import BertWordPieceTokenizer

    tokenizer = BertWordPieceTokenizer(lowercase=True, clean_text=True, handle_chinese_chars=True)
    tokenizer.train([str(f) for f in files], vocab_size=vocab_size, min_frequency=min_frequency,
                    special_tokens=SPECIAL_TOKENS, initial_alphabet=INITIAL_ALPHABET, show_progress=False)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tokenizer.save_model(str(folder))  # writes vocab.txt
    vocab = (folder / "vocab.txt").read_text(encoding="utf-8").split()
    if vocab[:len(SPECIAL_TOKENS)] != SPECIAL_TOKENS:
        raise RuntimeError(f"vocab.txt starts with {vocab[:5]}, expected {SPECIAL_TOKENS}")
    # The trainer adds the alphabet only as word starts; without "##4", "42" would be one [UNK].
    vocab += [f"##{c}" for c in INITIAL_ALPHABET if f"##{c}" not in vocab]
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    write_tokenizer_config(folder, model_max_length)
    return folder


def write_tokenizer_config(folder: Path, model_max_length: int = 512) -> None:
    config = tokenizer_config(model_max_length)
    (Path(folder) / "tokenizer_config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def load_tokenizer(folder: Path):
    """The saved vocabulary as transformers' fast BERT tokenizer."""
    from transformers import BertTokenizerFast

    return BertTokenizerFast.from_pretrained(str(folder))
