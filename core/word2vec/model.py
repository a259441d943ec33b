"""Skip-gram and CBOW with negative sampling (Mikolov et al., 2013a, 2013b), as one module of two tables.

Shape legend: B pairs in a batch, K noise words per pair, C context slots (2 x window), d vector size,
V vocabulary. The input table holds the word vectors that are shipped ("v_w" in the paper), the output
table the vectors that score a context ("v'_w"); word2vec.c calls them syn0 and syn1neg.
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn import functional as F


def negative_sampling_loss(hidden: torch.Tensor, target_vectors: torch.Tensor, noise_vectors: torch.Tensor,
                           noise_keep: torch.Tensor | None = None) -> torch.Tensor:
    """Eq. 4 of Mikolov et al. (2013b), summed over the batch:
    -log sigma(v'_o . h) - sum_k log sigma(-v'_k . h), with h the input vector of the word (skip-gram) or
    the mean of its context's vectors (CBOW). ``noise_keep`` (B, K) is False where a noise word drew the
    target itself, which word2vec.c skips."""
    positive = (hidden * target_vectors).sum(-1)  # (B,)
    negative = torch.bmm(noise_vectors, hidden.unsqueeze(-1)).squeeze(-1)  # (B, K, d) @ (B, d, 1) -> (B, K)
    noise_terms = F.logsigmoid(-negative)
    if noise_keep is not None:
        noise_terms = noise_terms * noise_keep
    return -(F.logsigmoid(positive).sum() + noise_terms.sum())


class Word2Vec(nn.Module):
    """The two tables; ``forward`` returns the summed loss of a batch, so plain SGD at rate alpha makes the
    same per-pair step as word2vec.c (which applies them one pair at a time)."""

    def __init__(self, vocab_size: int, vector_size: int, architecture: str = "skip-gram", seed: int = 0) -> None:
        super().__init__()
        self.architecture = architecture
        self.input_embeddings = nn.Embedding(vocab_size, vector_size)  # v_w: the word vectors
        self.output_embeddings = nn.Embedding(vocab_size, vector_size)  # v'_w: context scorers
        generator = torch.Generator().manual_seed(seed)
        with torch.no_grad():  # word2vec.c: input uniform in [-0.5/d, 0.5/d), output zero
            self.input_embeddings.weight.copy_((torch.rand(vocab_size, vector_size, generator=generator) - 0.5)
                                               / vector_size)
            self.output_embeddings.weight.zero_()

    def hidden(self, inputs: torch.Tensor, context_keep: torch.Tensor | None = None) -> torch.Tensor:
        """(B, d): skip-gram reads one input word (B,); CBOW the mean of its context words (B, C) where kept."""
        if self.architecture == "skip-gram":
            return self.input_embeddings(inputs)
        vectors = self.input_embeddings(inputs)  # (B, C, d)
        keep = context_keep.unsqueeze(-1).to(vectors.dtype)  # (B, C, 1)
        return (vectors * keep).sum(1) / keep.sum(1).clamp(min=1)

    def forward(self, inputs: torch.Tensor, targets: torch.Tensor, noise: torch.Tensor,
                context_keep: torch.Tensor | None = None) -> torch.Tensor:
        """Skip-gram: inputs (B,) words, targets (B,) one context word each. CBOW: inputs (B, C) contexts,
        targets (B,) the words in the middle. noise (B, K)."""
        hidden = self.hidden(inputs, context_keep)  # (B, d)
        return negative_sampling_loss(hidden, self.output_embeddings(targets), self.output_embeddings(noise),
                                      noise != targets.unsqueeze(-1))

    @torch.no_grad()
    def sgd_step(self, inputs: torch.Tensor, targets: torch.Tensor, noise: torch.Tensor, learning_rate: float,
                 context_keep: torch.Tensor | None = None) -> float:
        """One plain-SGD step on the summed loss of ``forward``, with eq. 4's gradients written out (what
        word2vec.c does per pair): d/d(v'_o . h) = sigma(v'_o . h) - 1, d/d(v'_k . h) = sigma(v'_k . h).
        Equal to ``forward(...).backward()`` then SGD, without building sparse gradients. Returns the loss."""
        input_table, output_table = self.input_embeddings.weight, self.output_embeddings.weight
        hidden = self.hidden(inputs, context_keep)  # (B, d)
        target_vectors, noise_vectors = output_table[targets], output_table[noise]  # (B, d), (B, K, d)
        positive = (hidden * target_vectors).sum(-1)  # (B,)
        negative = torch.bmm(noise_vectors, hidden.unsqueeze(-1)).squeeze(-1)  # (B, K)
        noise_keep = (noise != targets.unsqueeze(-1)).to(hidden.dtype)  # (B, K)
        loss = -(F.logsigmoid(positive).sum() + (F.logsigmoid(-negative) * noise_keep).sum())
        positive_grad = torch.sigmoid(positive) - 1  # (B,)
        negative_grad = torch.sigmoid(negative) * noise_keep  # (B, K)
        hidden_grad = positive_grad.unsqueeze(-1) * target_vectors + torch.bmm(
            negative_grad.unsqueeze(1), noise_vectors).squeeze(1)  # (B, d)
        output_table.index_add_(0, targets, positive_grad.unsqueeze(-1) * hidden, alpha=-learning_rate)
        output_table.index_add_(0, noise.reshape(-1), (negative_grad.unsqueeze(-1) * hidden.unsqueeze(1))
                                .reshape(-1, hidden.size(-1)), alpha=-learning_rate)  # (B K, d)
        if self.architecture == "skip-gram":
            input_table.index_add_(0, inputs, hidden_grad, alpha=-learning_rate)
        else:  # the mean's gradient reaches each kept context word divided by their number
            keep = context_keep.to(hidden.dtype)  # (B, C)
            share = (hidden_grad / keep.sum(1, keepdim=True).clamp(min=1)).unsqueeze(1) * keep.unsqueeze(-1)
            input_table.index_add_(0, inputs.reshape(-1), share.reshape(-1, hidden.size(-1)), alpha=-learning_rate)
        return float(loss)

    @property
    def vectors(self) -> torch.Tensor:
        """(V, d) the word vectors: the input table, as word2vec.c and gensim export it."""
        return self.input_embeddings.weight.detach()
