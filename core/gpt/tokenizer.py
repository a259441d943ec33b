"""tiny-gpt's tokenizer: byte-level BPE (GPT-2, Radford et al. 2019, sec. 2.2) learnt on the story corpus.

Byte-level: every string, emoji and Korean included, is some sequence of the 256 byte symbols, so no
text is out of the vocabulary; merges then join frequent byte pairs into word pieces (" animal" with
its leading space is one token). One special token, ``<|endoftext|>``, separates stories in the
training stream and starts every scored sentence, as in GPT-2. The folder is written by transformers'
own ``GPT2Tokenizer`` (the fast one), so ``AutoTokenizer.from_pretrained(folder)`` reads it back.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

END_OF_TEXT = "<|endoftext|>"


def story_text(story: list[str]) -> str:
    """One story as the language model reads it: its sentences on one line, separated by a space."""
    return " ".join(sentence.strip() for sentence in story)


def train_byte_level_bpe(texts: Iterable[str], folder: Path, vocab_size: int, model_max_length: int):
    """Learn merges on ``texts`` until ``vocab_size`` tokens (256 bytes + merges + <|endoftext|>), write
    vocab.json, merges.txt, tokenizer.json and tokenizer_config.json to ``folder``; returns the tokenizer."""
    from tokenizers import ByteLevelBPETokenizer
    from transformers import GPT2TokenizerFast

    if vocab_size <= 257:
        raise ValueError(f"a byte-level BPE needs more than 257 tokens (256 bytes + {END_OF_TEXT}), got {vocab_size}")
    bpe = ByteLevelBPETokenizer(add_prefix_space=False)
    bpe.train_from_iterator(texts, vocab_size=vocab_size, min_frequency=2, special_tokens=[END_OF_TEXT],
                            show_progress=False)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    vocab_file, merges_file = bpe.save_model(str(folder))
    tokenizer = GPT2TokenizerFast(vocab=vocab_file, merges=merges_file, unk_token=END_OF_TEXT, bos_token=END_OF_TEXT,
                                  eos_token=END_OF_TEXT, model_max_length=model_max_length)
    tokenizer.save_pretrained(str(folder))
    return load_tokenizer(folder)


def load_tokenizer(folder: Path):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(folder))


TOKENIZER_FILES = ("vocab.json", "merges.txt", "tokenizer.json", "tokenizer_config.json")
