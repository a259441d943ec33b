"""Tiny seeded base models for fine-tuning tests, with tokenizers that read every word of a task's texts."""

from __future__ import annotations

import re
from pathlib import Path

from core.data.feelings_task import LabelledTask
from tests.support.builders import tiny_hf_config, write_vocab


def task_words(task: LabelledTask) -> list[str]:
    """Every lower-cased word and punctuation mark of the task's texts, as BERT's basic tokenizer splits them."""
    texts = [e.text for split in (task.train, task.validation, task.heldout) for e in split]
    return sorted({w for text in texts for w in re.findall(r"[a-z]+|[^\sa-z]", text.lower())})


def small_task(task: LabelledTask, train: int = 48, validation: int = 32, heldout: int = 32) -> LabelledTask:
    return LabelledTask(task.name, task.labels, task.train[:train], task.validation[:validation],
                        task.heldout[:heldout], kind=task.kind)


def save_tiny_bert_base(folder: Path, task: LabelledTask, seed: int = 0) -> Path:
    """A random transformers BertForPreTraining (2 layers, width 32) whose vocab.txt holds the task's words."""
    import torch
    import transformers

    folder.mkdir(parents=True, exist_ok=True)
    write_vocab(folder, task_words(task))
    torch.manual_seed(seed)
    model = transformers.BertForPreTraining(tiny_hf_config(len((folder / "vocab.txt").read_text().split())))
    model.save_pretrained(str(folder))
    return folder


def save_tiny_gpt_base(folder: Path, task: LabelledTask, seed: int = 0) -> Path:
    """A random transformers GPT2LMHeadModel (2 blocks, width 32) with a byte-level BPE learnt on the task."""
    import torch
    import transformers

    from core.gpt.tokenizer import train_byte_level_bpe

    texts = [e.text for split in (task.train, task.validation, task.heldout) for e in split]
    tokenizer = train_byte_level_bpe(texts, folder, vocab_size=400, model_max_length=64)
    torch.manual_seed(seed)
    config = transformers.GPT2Config(vocab_size=len(tokenizer), n_positions=64, n_embd=32, n_layer=2, n_head=4,
                                     bos_token_id=0, eos_token_id=0)
    transformers.GPT2LMHeadModel(config).save_pretrained(str(folder))
    return folder
