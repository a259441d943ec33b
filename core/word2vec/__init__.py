"""word2vec from scratch: skip-gram and CBOW with negative sampling (Mikolov et al., 2013)."""
