"""Hover texts of the translation, beam-search, RNN/LSTM, seq2seq and compare charts: the builders write English
templates (language-free), widgets.localise_figure turns every word into Korean at display time, and the Plotly
placeholders (%{x}, %{customdata[2]:.4g}) and the tokens a builder baked in are left exactly as they were."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from dashboard.charts import beam, compare, rnn, translation
from dashboard.widgets.figures import localise_figure, localise_hover

HANGUL = re.compile(r"[\uac00-\ud7a3]")
PLACEHOLDER = re.compile(r"%\{[^}]*\}")
WORD = re.compile(r"[A-Za-z]{3,}")
TOKENS = ["the", "attention", "<script>", "😀", "layer"]  # "attention"/"layer" are chart words, here data


def _words(line: str) -> str:
    return re.sub(r"<[^>]*>|&\w+;", " ", PLACEHOLDER.sub(" ", line))


def _figures() -> dict[str, object]:
    rng = np.random.default_rng(0)
    weights = rng.random((2, 3, 5))  # (H, T, S)
    keep = np.tril(np.ones((3, 5), dtype=bool))  # (T, S)
    frame = pd.DataFrame({"cell": ["rnn", "rnn"], "state": ["trained", "trained"], "position": [1, 2],
                          "gradient_norm": [1e-3, 2e-4]})
    models = pd.DataFrame({"model": ["m", "m"], "position": [1, 2], "gradient_norm": [1e-3, 2e-4],
                           "sentences": [10, 12], "bucket": ["1-5", "6-10"], "exact_match": [0.5, 0.25]})
    summary = pd.DataFrame({"step": [0, 1], "token": TOKENS[:2], "mean_input": [0.1, 0.2], "mean_cell": [0.3, 0.4]})
    return {
        "alignment": translation.alignment_heatmap(weights[0], TOKENS, TOKENS[:3]),
        "masked": translation.masked_attention_heatmap(weights[0, :, :5], keep, TOKENS[:3], TOKENS),
        "head_grid": translation.head_grid(weights, TOKENS[:3], TOKENS, keep=keep),
        "step": translation.step_figure(weights[0, 0], weights[1, 0], TOKENS, TOKENS, 1, "the"),
        "next_word": translation.next_word_figure(TOKENS, rng.random(5), "the", 1),
        "state": rnn.state_heatmap(rng.random((4, 5)), TOKENS),
        "gates": rnn.gate_means_chart(summary),
        "gradient": rnn.gradient_chart(frame),
        "translator_gradient": rnn.translator_gradient_chart(models),
        "accuracy": rnn.accuracy_chart(models, ["1-5", "6-10"]),
        "context": rnn.context_figure(["layer 1 h", "layer 1 c"], rng.random((2, 4))),
        "scores": rnn.scores_weights_figure(TOKENS, rng.random(5), rng.random(5), rng.random(5), "dot"),
    }


@pytest.mark.parametrize("name", list(_figures()))
def test_every_hover_word_is_korean_and_placeholders_survive(name):
    english = _figures()[name]
    korean = localise_figure(_figures()[name], "ko")
    for before, after in zip(english.data, korean.data):
        if not isinstance(before.hovertemplate, str):
            continue
        assert sorted(PLACEHOLDER.findall(after.hovertemplate)) == sorted(PLACEHOLDER.findall(before.hovertemplate))
        assert after.hovertemplate.endswith("<extra></extra>") == before.hovertemplate.endswith("<extra></extra>")
        for line in after.hovertemplate.split("<br>"):
            assert not WORD.search(_words(line)) or HANGUL.search(line), (name, line)


@pytest.mark.parametrize("fate", ["root", "kept", "finished", "pruned"])
def test_beam_node_hover_is_korean_with_its_placeholders(fate):
    template = beam.HOVER.replace("{fate}", beam.FATE_STYLE[fate][2])
    korean = localise_hover(template, "ko")
    assert sorted(PLACEHOLDER.findall(korean)) == sorted(PLACEHOLDER.findall(template))
    assert korean.startswith("<b>%{text}</b> (노드 %{customdata[0]}, 단계 %{customdata[1]})<br>")
    assert "토큰 로그 확률 %{customdata[2]:.4g}" in korean and "(1 = 최고)" in korean
    for line in korean.split("<br>"):
        assert not WORD.search(_words(line)) or HANGUL.search(line), line


def test_tokens_a_builder_baked_in_stay_as_typed():
    """Only the words around a field are translated: what fills it (a token, a number) is kept verbatim,
    even when it is itself a chart word, HTML or an emoji; English mode and lines no template knows are unchanged."""
    for token in TOKENS:
        assert localise_hover(f"token {token}<br>attention 0.1234", "ko") == f"토큰 {token}<br>어텐션 0.1234"
        assert localise_hover(f"{token} (12 sentences)", "ko") == f"{token} (문장 12개)"
    assert localise_hover("%{x}: %{y:.1f}% of %{customdata}", "ko") == "%{x}: %{customdata}개 중 %{y:.1f}%"
    assert localise_hover("t = %{x}<br>||dL/dx_t|| = %{y:.3e}", "ko") == "t = %{x}<br>||dL/dx_t|| = %{y:.3e}"
    template = "head 2<br>query %{y}<br>key %{x}<br>attention %{z:.4g}<extra></extra>"
    assert localise_hover(template, "en") == template
    korean = "헤드 2<br>query 토큰 %{y}<br>key 토큰 %{x}<br>어텐션 %{z:.4g}<extra></extra>"
    assert localise_hover(template, "ko") == korean


def test_parity_hover_is_korean_and_three_significant_digits():
    from core.analysis.parity import ParityReport, ParityRow

    report = ParityReport(model="m", reference_class="BertForPreTraining", tokens=["the"],
                          rows=[ParityRow("hidden state", 1.234567e-6, layer=1), ParityRow("NSP logits", 0.0)],
                          atol=1e-4)
    fig = localise_figure(compare.parity_figure(report), "ko")
    assert fig.data[0].hovertemplate == "%{x}<br>최대 |ours − transformers| %{customdata:.3g}<extra></extra>"
    assert list(fig.data[0].x) == ["레이어 1 은닉 상태", "NSP 로짓"]  # the quantity names, localised categories
