"""Hover texts of the translation, beam-search, RNN/LSTM, seq2seq and compare charts: each builder takes its
words (``words_in(lang)``), so in Korean every hover word is Korean, while the Plotly placeholders
(%{x}, %{customdata[2]:.4g}) and the tokens the builder was given are exactly those of the English figure."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from dashboard.charts import beam, compare, rnn, translation
from dashboard.i18n import ENGLISH, words_in

KOREAN = words_in("ko")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
PLACEHOLDER = re.compile(r"%\{[^}]*\}")
WORD = re.compile(r"[A-Za-z]{3,}")
TOKENS = ["the", "attention", "<script>", "😀", "layer"]  # "attention"/"layer" are chart words, here data


def _words(line: str) -> str:
    return re.sub(r"<[^>]*>|&\w+;", " ", PLACEHOLDER.sub(" ", line))


def _figures(words) -> dict[str, object]:
    rng = np.random.default_rng(0)
    weights = rng.random((2, 3, 5))  # (H, T, S)
    keep = np.tril(np.ones((3, 5), dtype=bool))  # (T, S)
    frame = pd.DataFrame({"cell": ["rnn", "rnn"], "state": ["trained", "trained"], "position": [1, 2],
                          "gradient_norm": [1e-3, 2e-4]})
    models = pd.DataFrame({"model": ["m", "m"], "position": [1, 2], "gradient_norm": [1e-3, 2e-4],
                           "sentences": [10, 12], "bucket": ["1-5", "6-10"], "exact_match": [0.5, 0.25]})
    summary = pd.DataFrame({"step": [0, 1], "token": TOKENS[:2], "mean_input": [0.1, 0.2], "mean_cell": [0.3, 0.4]})
    return {
        "alignment": translation.alignment_heatmap(weights[0], TOKENS, TOKENS[:3], words=words),
        "masked": translation.masked_attention_heatmap(weights[0, :, :5], keep, TOKENS[:3], TOKENS, words=words),
        "head_grid": translation.head_grid(weights, TOKENS[:3], TOKENS, keep=keep, words=words),
        "step": translation.step_figure(weights[0, 0], weights[1, 0], TOKENS, TOKENS, 1, "the", words=words),
        "next_word": translation.next_word_figure(TOKENS, rng.random(5), "the", 1, words),
        "state": rnn.state_heatmap(rng.random((4, 5)), TOKENS, words=words),
        "gates": rnn.gate_means_chart(summary, words),
        "gradient": rnn.gradient_chart(frame, words),
        "translator_gradient": rnn.translator_gradient_chart(models, words),
        "accuracy": rnn.accuracy_chart(models, ["1-5", "6-10"], words),
        "context": rnn.context_figure(["layer 1 h", "layer 1 c"], rng.random((2, 4)), words),
        "scores": rnn.scores_weights_figure(TOKENS, rng.random(5), rng.random(5), rng.random(5), "dot", words),
    }


def _english_lines(fig) -> list[str]:
    """Hover lines with an English word (three letters or more outside placeholders and tags) and no Hangul."""
    return [line for trace in fig.data if isinstance(trace.hovertemplate, str)
            for line in trace.hovertemplate.split("<br>") if WORD.search(_words(line)) and not HANGUL.search(line)]


@pytest.mark.parametrize("name", list(_figures(ENGLISH)))
def test_every_hover_word_is_korean_and_placeholders_survive(name):
    english, korean = _figures(ENGLISH)[name], _figures(KOREAN)[name]
    for before, after in zip(english.data, korean.data, strict=True):
        if not isinstance(before.hovertemplate, str):
            continue
        assert sorted(PLACEHOLDER.findall(after.hovertemplate)) == sorted(PLACEHOLDER.findall(before.hovertemplate))
        assert after.hovertemplate.endswith("<extra></extra>") == before.hovertemplate.endswith("<extra></extra>")
    assert not _english_lines(korean), name


def test_the_check_fails_on_english_hovers():
    """The line check above can fail: the English figures hold English hover lines."""
    assert sum(bool(_english_lines(fig)) for fig in _figures(ENGLISH).values()) >= 8


@pytest.mark.parametrize("fate", ["root", "kept", "finished", "cut", "pruned"])
def test_beam_node_hover_is_korean_with_its_placeholders(fate):
    english, korean = beam.node_hover(fate, ENGLISH), beam.node_hover(fate, KOREAN)
    assert sorted(PLACEHOLDER.findall(korean)) == sorted(PLACEHOLDER.findall(english))
    assert english.startswith("<b>%{text}</b> (node %{customdata[0]}, step %{customdata[1]})<br>")
    assert korean.startswith("<b>%{text}</b> (노드 %{customdata[0]}, 단계 %{customdata[1]})<br>")
    assert "토큰 로그 확률 %{customdata[2]:.4g}" in korean and "(1 = 최고)" in korean
    for line in korean.split("<br>"):
        assert not WORD.search(_words(line)) or HANGUL.search(line), line


def test_tokens_given_to_a_builder_stay_as_typed():
    """Tokens are data: in Korean the axis categories are the same (escaped) tokens, even when a token is itself a
    chart word, HTML or an emoji; only the words around them change."""
    english, korean = _figures(ENGLISH)["alignment"], _figures(KOREAN)["alignment"]
    assert list(korean.data[0].x) == list(english.data[0].x)
    assert "&lt;script&gt;" in list(korean.data[0].x) and "attention" in list(korean.data[0].x)
    assert korean.data[0].hovertemplate == "번역문 토큰 %{y}<br>원문 토큰 %{x}<br>어텐션 %{z:.4g}<extra></extra>"
    assert english.data[0].hovertemplate == "target %{y}<br>source %{x}<br>attention %{z:.4g}<extra></extra>"
    assert korean.layout.xaxis.title.text == "원문 (인코더 출력)"
    accuracy = _figures(KOREAN)["accuracy"].data[0].hovertemplate
    assert accuracy == "%{x}: %{customdata}개 중 %{y:.1f}%<extra></extra>"


def test_parity_hover_is_korean_and_three_significant_digits():
    from core.analysis.parity import ParityReport, ParityRow

    report = ParityReport(model="m", reference_class="BertForPreTraining", tokens=["the"],
                          rows=[ParityRow("hidden state", 1.234567e-6, layer=1), ParityRow("NSP logits", 0.0)],
                          atol=1e-4)
    fig = compare.parity_figure(report, KOREAN)
    assert fig.data[0].hovertemplate == "%{x}<br>최대 |ours − transformers| %{customdata:.3g}<extra></extra>"
    assert list(fig.data[0].x) == ["레이어 1 은닉 상태", "NSP 로짓"]  # the quantity names, in Korean
    assert list(compare.parity_figure(report).data[0].x) == ["layer 1 hidden state", "NSP logits"]
