"""A small GPT-2 checkpoint with its own byte-level BPE tokenizer, for the dashboard's GPT pages and their tests.

The weights are random (seeded, transformers' ``GPT2LMHeadModel`` saved with ``save_pretrained``); the tokenizer is
learnt on a few story sentences, so the pages run on real text, Korean and emoji included (byte-level: no
text is out of the vocabulary), without the shipped tiny-gpt.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.gpt_builders import random_gpt

END_OF_TEXT = "<|endoftext|>"
SENTENCES = [
    "The animal didn't cross the street because it was too tired.",
    "The animal didn't cross the street because it was too wide.",
    "A boy who is looking at the tree is surprised because it was too tall.",
    "The cat sat on the mat and the dog slept in the garden.",
    "Mary gave John the book because he asked for it.",
    "The trophy didn't fit in the suitcase because it was too big.",
]


def save_tokenizer(folder: Path, vocab_size: int = 400):
    """Learn a byte-level BPE on SENTENCES and save it as transformers' fast GPT-2 tokenizer; returns it."""
    from tokenizers import ByteLevelBPETokenizer
    from transformers import AutoTokenizer, GPT2TokenizerFast

    bpe = ByteLevelBPETokenizer(add_prefix_space=False)
    bpe.train_from_iterator(SENTENCES * 4, vocab_size=vocab_size, min_frequency=2, special_tokens=[END_OF_TEXT],
                            show_progress=False)
    folder.mkdir(parents=True, exist_ok=True)
    vocab_file, merges_file = bpe.save_model(str(folder))
    GPT2TokenizerFast(vocab=vocab_file, merges=merges_file, unk_token=END_OF_TEXT, bos_token=END_OF_TEXT,
                      eos_token=END_OF_TEXT).save_pretrained(str(folder))
    return AutoTokenizer.from_pretrained(str(folder))


def save_tiny_gpt(folder: Path, seed: int = 0, n_positions: int = 64, **config) -> Path:
    """A random GPT-2 (3 layers x 3 heads, width 36) reading ``n_positions`` tokens, with the tokenizer above;
    <|endoftext|> is its bos and eos token, as in GPT-2."""
    tokenizer = save_tokenizer(Path(folder))
    end = tokenizer.convert_tokens_to_ids(END_OF_TEXT)
    model = random_gpt("gpt2", seed, vocab_size=len(tokenizer), n_positions=n_positions, bos_token_id=end,
                       eos_token_id=end, **config)
    model.save_pretrained(str(folder))
    return Path(folder)
