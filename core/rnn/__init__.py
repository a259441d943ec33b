"""Recurrent networks from their equations: the vanilla RNN, LSTM and GRU (``recurrent``), and the
seq2seq translators built on the LSTM, with and without attention (``seq2seq``)."""
