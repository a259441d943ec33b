"""Tiny seeded models built on the spot: random transformers BERT checkpoints and random translators."""

from __future__ import annotations

from pathlib import Path

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



def random_encoder_decoder(seed: int = 0, **config):
    """A seeded random EncoderDecoderTransformer (TransformerConfig fields as keywords), in eval mode."""
    import torch

    from core.transformer.model import EncoderDecoderTransformer, TransformerConfig

    model = EncoderDecoderTransformer(TransformerConfig(dropout=0.0, **config))
    model.init_weights(seed)
    with torch.no_grad():  # livelier distributions than the init gives, so hypotheses differ clearly
        model.decoder_embeddings.word_embeddings.weight.mul_(4.0)
    return model.eval()


def tiny_translator(seed: int = 0, data_version: int = 2):
    """A random 2-layer, 4-head encoder-decoder that knows every word of the generated grammar (``data_version``
    3: the world grammar, whose words include the lecture's sentences)."""
    from core.data.translation import grammar
    from core.transformer.translator import SPECIAL_TOKENS, Translator, Vocabulary

    english, french = grammar(data_version).lexicon_words()
    source, target = Vocabulary(list(SPECIAL_TOKENS) + english), Vocabulary(list(SPECIAL_TOKENS) + french)
    model = random_encoder_decoder(seed, src_vocab_size=len(source), tgt_vocab_size=len(target), d_model=32,
                                   encoder_layers=2, decoder_layers=2, encoder_attention_heads=4,
                                   decoder_attention_heads=4, encoder_ffn_dim=64, decoder_ffn_dim=64,
                                   max_position_embeddings=64)
    return Translator(model, source, target, "tiny-random-translator", {"data_version": data_version})


def tiny_translator_folder(folder: Path, seed: int = 0, data_version: int = 2) -> Path:
    from core.transformer.translator import save_translator

    return save_translator(tiny_translator(seed, data_version), folder)


def random_seq2seq(seed: int = 0, attention: str | None = "dot", **config):
    """A seeded random recurrent Seq2seq (Seq2seqConfig fields as keywords), in eval mode."""
    from core.rnn.seq2seq import Seq2seq, Seq2seqConfig

    model = Seq2seq(Seq2seqConfig(dropout=0.0, attention=attention, **config))
    model.init_weights(seed)
    return model.eval()


def tiny_seq2seq_translator(seed: int = 0, attention: str | None = "dot"):
    """A random 2-layer LSTM seq2seq (with dot attention unless attention=None) that knows the grammar's words."""
    from core.data.translation import lexicon_words
    from core.transformer.translator import SPECIAL_TOKENS, Translator, Vocabulary

    english, french = lexicon_words()
    source, target = Vocabulary(list(SPECIAL_TOKENS) + english), Vocabulary(list(SPECIAL_TOKENS) + french)
    model = random_seq2seq(seed, attention, src_vocab_size=len(source), tgt_vocab_size=len(target),
                           embedding_size=16, hidden_size=32, num_layers=2)
    name = "tiny-random-seq2seq" + ("-attention" if attention else "")
    return Translator(model, source, target, name)
