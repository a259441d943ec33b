"""Every dashboard page in streamlit.testing.v1.AppTest: no exception, chart data equal to the trace, bad inputs.

Views are chosen through URL query parameters, as a copied link would, so these tests also
prove that the URL reproduces the view.
"""

from __future__ import annotations

import contextlib
from unittest import mock

import numpy as np
import pytest
import torch

from core.analysis.attention_maps import stack_attentions
from core.bert.pipeline import BertPipeline, load_pipeline
from tests.support.apptest import DASHBOARD_PAGES, decode_plotly_array, page_texts, plotly_specs, run_page
from tests.support.tolerances import FLOAT32_EPS, attention_row_bounds, gamma

TEXT = "the animal didn't cross the street because it was too tired ."
# (Plotly, Vega-Lite) charts each page draws for TEXT with its default view: home none, masked LM one panel
# chart for its default mask ("it"), positional encoding four heatmaps and two curve charts.
CHARTS = {"home": (0, 0), "embeddings": (3, 0), "attention": (1, 0), "attention_arithmetic": (3, 0),
          "positional_encoding": (4, 2), "masked_lm": (1, 0)}
TRACE_PAGES = ("embeddings", "attention", "attention_arithmetic", "masked_lm")
BAD_INPUTS = {
    "empty": "",
    "whitespace": "   \t  ",
    "3000 words": " ".join(["street"] * 3000),
    "emoji": "the cat 😀 sat 🐈 on the mat",
    "korean": "그 동물은 너무 피곤해서 길을 건너지 않았다",
    "script": "<script>alert(1)</script> the cat",
}


@pytest.fixture(scope="module")
def pipelines():
    return {}


def pipeline_for(name: str, cache: dict) -> BertPipeline:
    if name not in cache:
        cache[name] = load_pipeline(name)
    return cache[name]


def z_of(spec: dict, index: int = 0) -> np.ndarray:
    return decode_plotly_array(spec["data"][index]["z"])


@pytest.mark.parametrize("page", DASHBOARD_PAGES)
def test_every_page_runs_and_draws(dashboard_env, page):
    at = run_page(page, {"text": TEXT})
    assert not at.exception, [e.value for e in at.exception]
    assert not page_texts(at, "error")
    vega = len(at.get("arrow_vega_lite_chart")) + len(at.get("vega_lite_chart"))
    # tiny-bert's record tells where its position table was trained: one more chart, the rows' norms
    norms = page == "positional_encoding" and dashboard_env["default"] == "tiny-bert"
    assert (len(plotly_specs(at)) - norms, vega) == CHARTS[page]
    assert [e.value for e in at.get("selectbox") if e.label == "Model"] == [dashboard_env["default"]]


def test_one_head_heatmap_is_the_traced_attention_matrix(dashboard_env, pipelines):
    pipeline = pipeline_for(dashboard_env["default"], pipelines)
    trace, encoded = pipeline.trace(TEXT)
    layer, head = min(2, trace.num_layers), min(3, trace.num_heads)
    at = run_page("attention", {"text": TEXT, "view": "One head", "layer": str(layer), "head": str(head)})
    specs = plotly_specs(at)
    assert len(specs) == 1
    np.testing.assert_array_equal(z_of(specs[0]), trace.attentions[layer - 1][0, head - 1].numpy())
    assert [t.strip("\u200b") for t in specs[0]["data"][0]["y"]] == encoded.tokens


def test_model_view_tiles_every_layer_and_head(dashboard_env, pipelines):
    trace, _ = pipeline_for(dashboard_env["default"], pipelines).trace(TEXT)
    at = run_page("attention", {"text": TEXT})
    z = z_of(plotly_specs(at)[0])
    A = stack_attentions(trace.attentions)  # (L, H, T, T)
    L, H, T, _ = A.shape
    tiled = z.reshape(L, T + 1, H, T + 1)[:, :T, :, :T].transpose(0, 2, 1, 3)
    np.testing.assert_array_equal(tiled, A)


@pytest.mark.parametrize("hide_special", [False, True])
def test_attention_downloads_hold_the_traced_weights(dashboard_env, pipelines, monkeypatch, hide_special):
    """The model view's CSV and JSON, read back and checked against the trace's tensors read directly: one row
    per (layer, head, query, key) of the shown tokens, its weight the traced float32 number (the CSV writes
    float32's shortest round-trip digits, so it reads back exactly)."""
    import io
    import json

    import pandas as pd
    from streamlit.delta_generator import DeltaGenerator

    from dashboard import cache

    files = {}

    def download_button(self, label, data, **kwargs):
        files[label] = data() if callable(data) else data
        return False

    monkeypatch.setattr(DeltaGenerator, "download_button", download_button)
    cache._download_files.clear()
    at = run_page("attention", {"text": TEXT, "hide_special": str(hide_special).lower()})
    assert not at.exception, [e.value for e in at.exception]
    trace, encoded = pipeline_for(dashboard_env["default"], pipelines).trace(TEXT)
    L, H = len(trace.attentions), trace.attentions[0].shape[1]
    shown = [i for i, token in enumerate(encoded.tokens) if not (hide_special and token in ("[CLS]", "[SEP]"))]
    assert len(shown) == len(encoded.tokens) - 2 * hide_special

    table = pd.read_csv(io.StringIO(files["attention_all_heads.csv"]), keep_default_na=False)
    assert len(table) == L * H * len(shown) ** 2
    tokens = np.array(encoded.tokens, dtype=object)
    for side in ("query", "key"):
        assert set(table[f"{side}_position"]) == set(shown)
        assert (table[f"{side}_token"].to_numpy() == tokens[table[f"{side}_position"]]).all()
    traced = torch.stack([layer[0] for layer in trace.attentions]).numpy()  # (L, H, T, T), every position
    at_rows = traced[table["layer"] - 1, table["head"] - 1, table["query_position"], table["key_position"]]
    np.testing.assert_array_equal(table["weight"].to_numpy().astype(np.float32), at_rows)
    assert len(table.drop_duplicates(["layer", "head", "query_position", "key_position"])) == len(table)
    payload = json.loads(files["attention_all_heads.json"])
    assert payload["tokens"] == [encoded.tokens[i] for i in shown] and payload["positions"] == shown
    np.testing.assert_array_equal(np.array(payload["attentions"], dtype=np.float32),
                                  traced[:, :, shown][:, :, :, shown])


def test_token_focus_rollout_and_hiding_follow_the_trace(dashboard_env, pipelines):
    pipeline = pipeline_for(dashboard_env["default"], pipelines)
    trace, encoded = pipeline.trace(TEXT)
    A = stack_attentions(trace.attentions)
    animal = encoded.tokens.index("animal")  # not the default token ("it"): the URL must choose it
    focus = plotly_specs(run_page("attention", {"text": TEXT, "view": "Token focus", "token": str(animal)}))
    np.testing.assert_array_equal(z_of(focus[0]), A[:, :, animal].max(-1))
    H, T = A.shape[1], A.shape[-1]
    rollout = plotly_specs(run_page("attention", {"text": TEXT, "view": "Rollout", "layer": "1"}))
    # Abnar & Zuidema's first layer, written out in float64: the residual 0.5 I + 0.5 mean over heads, each row
    # rescaled to sum to one. The page's float32: an H-term mean, a T-term sum, a division (values <= 1)
    mixed = 0.5 * np.eye(T) + 0.5 * A[0].astype(np.float64).mean(0)
    np.testing.assert_allclose(z_of(rollout[0]), mixed / mixed.sum(-1, keepdims=True), atol=gamma(H + T + 2), rtol=0)
    hidden = plotly_specs(run_page("attention", {"text": TEXT, "view": "One head", "layer": "1", "head": "1",
                                                 "hide_special": "true", "renormalise": "true"}))
    words = [i for i, token in enumerate(encoded.tokens) if token not in ("[CLS]", "[SEP]")]
    kept = A[0, 0][np.ix_(words, words)].astype(np.float64)  # rows and columns of the words, read directly
    np.testing.assert_allclose(z_of(hidden[0]), kept / kept.sum(-1, keepdims=True), atol=gamma(T + 1), rtol=0)
    assert "[CLS]" not in hidden[0]["data"][0]["x"]


def test_embeddings_page_shows_the_three_parts_and_their_sum(dashboard_env, pipelines):
    trace, _ = pipeline_for(dashboard_env["default"], pipelines).trace(TEXT)
    spec = plotly_specs(run_page("embeddings", {"text": TEXT}))[0]
    for index, name in enumerate(("word_embeddings", "token_type_embeddings", "position_embeddings", "embedding_sum")):
        np.testing.assert_array_equal(z_of(spec, index), getattr(trace, name)[0].numpy().T)


def test_arithmetic_ends_in_the_models_row_and_output(dashboard_env, pipelines):
    trace, encoded = pipeline_for(dashboard_env["default"], pipelines).trace(TEXT, record_all=True)
    it = encoded.tokens.index("street")  # not the default query token
    at = run_page("attention_arithmetic", {"text": TEXT, "layer": "1", "head": "2", "token": str(it)})
    record = trace.attention_records[0]
    steps_chart, context = plotly_specs(at)[1:3]  # after the q, k, v vectors
    model_row = decode_plotly_array(steps_chart["data"][4]["y"])
    np.testing.assert_array_equal(model_row, record.probs[0, 1, it].numpy())
    # the page's float64 recomputation against the model's float32: Higham's bound from this row's own numbers
    bound = attention_row_bounds(record.query[0, 1, it].numpy(), record.key[0, 1].numpy(), record.value[0, 1].numpy(),
                                 model_row)
    np.testing.assert_allclose(decode_plotly_array(steps_chart["data"][3]["y"]), model_row, atol=bound.probs, rtol=0)
    np.testing.assert_allclose(decode_plotly_array(context["data"][0]["y"]), record.context[0, 1, it].numpy(),
                               atol=bound.context, rtol=0)
    assert any(text.startswith("Check:") for text in page_texts(at, "success"))


def test_positional_page_shows_the_learned_table_as_learned(dashboard_env, pipelines):
    pipeline = pipeline_for(dashboard_env["default"], pipelines)
    at = run_page("positional_encoding", {"positions": "16"})
    specs = plotly_specs(at)
    learned = [s for s in specs if "learned position embeddings" in s["layout"]["title"]["text"]]
    assert len(learned) == 1
    np.testing.assert_array_equal(z_of(learned[0]),
                                  pipeline.model.bert.embeddings.position_embeddings.weight[:16].detach().numpy())
    assert len(at.get("arrow_vega_lite_chart")) + len(at.get("vega_lite_chart")) == 2


def test_positional_page_calls_only_the_sinusoids_sin_and_cos(dashboard_env):
    """The learned table's curves are plain dimensions: a learned embedding is no sine or cosine."""
    import json

    import pyarrow as pa

    at = run_page("positional_encoding", {"positions": "16"})
    legends = {}
    for chart in list(at.get("arrow_vega_lite_chart")) + list(at.get("vega_lite_chart")):
        data = pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_pandas()
        legends[json.loads(chart.proto.spec)["title"]] = list(data["dimension"].unique())
    assert len(legends) == 2
    sinusoid, learned = (legends[t] for t in sorted(legends, key=lambda t: "learned" in t))
    assert sinusoid and all(label.endswith(" (sin)") for label in sinusoid)  # the default dims are even: sines
    assert learned == [label.removesuffix(" (sin)") for label in sinusoid]
    assert not any("sin" in label or "cos" in label for label in learned), learned


@pytest.fixture(scope="module")
def references():
    return {}


@torch.no_grad()
def transformers_outputs(name: str, cache: dict, text: str, text_b: str | None, masked: tuple[int, ...] = ()):
    """transformers' BertForPreTraining on the same checkpoint folder, the witness for the Masked LM page: the
    input's tokens (``masked`` positions replaced by [MASK]), the (T, V) MLM logits and the (2,) NSP logits."""
    import transformers

    from core.bert.checkpoint import resolve_folder

    if name not in cache:
        folder = str(resolve_folder(name))
        cache[name] = (transformers.BertTokenizerFast.from_pretrained(folder),
                       transformers.BertForPreTraining.from_pretrained(folder).eval())
    tokenizer, model = cache[name]
    batch = tokenizer(text, text_b, return_tensors="pt")
    input_ids = batch["input_ids"].clone()
    input_ids[0, list(masked)] = tokenizer.mask_token_id
    out = model(input_ids=input_ids, token_type_ids=batch["token_type_ids"], attention_mask=batch["attention_mask"])
    tokens = tokenizer.convert_ids_to_tokens(input_ids[0].tolist())
    return tokenizer, tokens, out.prediction_logits[0].double(), out.seq_relationship_logits[0].double()


def logit_tolerance(logits: torch.Tensor, num_layers: int) -> float:
    """Two float32 implementations of the same network: eps x depth (two sublayers a layer, and the head) x the
    logits' size x a margin of 10. A probability then moves by at most twice this, relative (softmax)."""
    return FLOAT32_EPS * (2 * num_layers + 1) * float(logits.abs().max()) * 10


def shown_percent(text: str) -> float:
    return float(text.rstrip("%")) / 100


def test_masked_lm_predictions_and_nsp_match_transformers(dashboard_env, pipelines, references):
    pipeline = pipeline_for(dashboard_env["default"], pipelines)
    text, text_b = "the cat sat on the [MASK] .", "he asked for a book"
    at = run_page("masked_lm", {"text": text, "text_b": text_b, "top_k": "3"})
    tokenizer, tokens, mlm, nsp = transformers_outputs(dashboard_env["default"], references, text, text_b)
    position = tokens.index("[MASK]")
    layers = pipeline.model.config.num_hidden_layers
    # softmax of the witness's logits, and the page's own float32 softmax over V terms (Higham's gamma_V)
    rtol = 2 * logit_tolerance(mlm[position], layers) + gamma(mlm.shape[-1])
    expected = torch.softmax(mlm[position], -1).numpy()
    bars = plotly_specs(at)[0]["data"][0]
    shown_tokens, shown = [y.strip("\u200b") for y in bars["y"]], decode_plotly_array(bars["x"])
    assert len(shown) == 3 and list(shown) == sorted(shown, reverse=True)
    ids = tokenizer.convert_tokens_to_ids(shown_tokens)
    np.testing.assert_allclose(shown, expected[ids], rtol=rtol, atol=0)
    rest = np.delete(expected, ids)
    assert rest.max() <= shown.min() * (1 + 2 * rtol)  # no better word left out (ties within rounding aside)
    p_is_next = float(torch.softmax(nsp, -1)[0])  # index 0: "B follows A"
    # the page rounds to 0.1 %, so half of that, plus the witness's rounding
    assert abs(shown_percent(at.metric[0].value) - p_is_next) <= 0.0005 + 2 * logit_tolerance(nsp, layers)


def test_masked_lm_nsp_reads_the_masked_input_the_page_shows(dashboard_env, pipelines, references):
    """Predictions and the NSP probability both come from the input with the picked tokens masked."""
    pipeline = pipeline_for(dashboard_env["default"], pipelines)
    # A held-out story and its true continuation; hiding "felix is going" lowers P(IsNext) (98.2% -> 83.7%).
    text = "Felix is going to the library this afternoon."
    text_b = "He is borrowing an old magazine and a book. The magazine is really new, so he is enjoying it."
    picked = (1, 2, 3)
    at = run_page("masked_lm", {"text": text, "text_b": text_b, "mask": ",".join(map(str, picked))})
    assert not at.exception, [e.value for e in at.exception]
    name, layers = dashboard_env["default"], pipeline.model.config.num_hidden_layers
    _, tokens, _, masked = transformers_outputs(name, references, text, text_b, picked)
    _, _, _, unmasked = transformers_outputs(name, references, text, text_b)
    assert at.code[0].value.split(" · ") == tokens
    shown = shown_percent(at.metric[0].value)
    allowed = 0.0005 + 2 * logit_tolerance(torch.cat([masked, unmasked]), layers)  # 0.1 % display, rounding
    assert abs(shown - float(torch.softmax(masked, -1)[0])) <= allowed
    assert abs(shown - float(torch.softmax(unmasked, -1)[0])) > allowed  # else this could not tell the two apart


def test_masked_lm_can_mask_a_picked_token(dashboard_env):
    at = run_page("masked_lm", {"text": TEXT, "mask": "2"})  # the URL holds positions, the widget shows "2: animal"
    assert len(plotly_specs(at)) == 1
    assert at.code[0].value.split(" · ")[2] == "[MASK]"
    assert at.multiselect(key="mask_choice").value == [2]


def test_links_hold_codes_not_labels(dashboard_env, pipelines):
    """Token pickers put the position in the URL (token=3), the language its code (lang=ko); a new
    sentence starts the token picker again from its default ("it")."""
    _, encoded = pipeline_for(dashboard_env["default"], pipelines).trace(TEXT)
    at = run_page("attention", {"text": TEXT, "view": "Token focus", "lang": "ko"})
    picker = at.selectbox(key="token_choice")
    assert picker.value == encoded.tokens.index("it") and "token" not in at.query_params  # the default stays out
    assert at.radio(key="lang_choice").value == "ko" and at.query_params["lang"] == "ko"
    picker.set_value(3).run()
    assert at.query_params["token"] == "3"
    assert at.selectbox(key="token_choice").format_func(3) == f"3: {encoded.tokens[3]}"
    at.radio(key="lang_choice").set_value("en").run()
    assert "lang" not in at.query_params
    at.sidebar.text_input(key="text").set_value("a dog sat because it was tired .").run()
    other = pipeline_for(dashboard_env["default"], pipelines).encode("a dog sat because it was tired .")
    assert at.selectbox(key="token_choice").value == other.tokens.index("it")
    assert not at.exception


def test_masked_lm_without_head_says_so(dashboard_env):
    at = run_page("masked_lm", {"text": "the [MASK] sat .", "model": dashboard_env["encoder_only"]})
    assert not at.exception
    assert any("no masked-LM head" in text for text in page_texts(at, "warning"))


def test_a_model_that_fails_to_load_keeps_the_previous_one(dashboard_env):
    at = run_page("attention", {"text": TEXT})
    at.selectbox(key="model").set_value(dashboard_env["broken"]).run()
    assert not at.exception
    errors = page_texts(at, "error")
    assert any("Could not load" in e and "neither model.safetensors" in e and "Still showing" in e for e in errors)
    assert len(plotly_specs(at)) == 1  # the previous model's charts are still drawn


def test_moving_layer_or_head_never_reruns_the_model(dashboard_env):
    text = "a dog sat on the wide river bank ."  # not used elsewhere, so the trace cache starts cold here
    with mock.patch.object(BertPipeline, "trace", autospec=True, side_effect=BertPipeline.trace) as traced:
        at = run_page("attention", {"text": text, "view": "One head"})
        calls = traced.call_count
        at.slider(key="layer").set_value(1).run()
        at.slider(key="head").set_value(2).run()
    assert calls == 1 and traced.call_count == calls
    assert not at.exception


def assert_same_result(cached, fresh) -> None:
    """Every tensor, array and number of two results (traces, translations, search trees) equal, element for element."""
    import dataclasses

    def walk(a, b, where):
        if isinstance(a, torch.Tensor):
            assert torch.equal(a, b), f"{where} was changed"
        elif isinstance(a, np.ndarray):
            np.testing.assert_array_equal(a, b, err_msg=f"{where} was changed")
        elif dataclasses.is_dataclass(a):
            for f in dataclasses.fields(a):
                walk(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
        elif isinstance(a, dict):
            assert a.keys() == b.keys(), where
            for key in a:
                walk(a[key], b[key], f"{where}[{key!r}]")
        elif isinstance(a, (list, tuple)):
            assert len(a) == len(b), where
            for i, (x, y) in enumerate(zip(a, b)):
                walk(x, y, f"{where}[{i}]")
        else:
            assert a == b, where

    walk(cached, fresh, "result")


def test_pages_only_read_the_shared_trace(dashboard_env, pipelines):
    """Traces are shared between runs and sessions (st.cache_resource, not copied), so no page may
    change one: after every view has drawn the cached trace, it still equals a fresh forward pass."""
    from dashboard import cache

    name = dashboard_env["default"]
    text = "mary gave john the book because he asked for it ."
    cached = {record_all: cache.trace(name, text, None, record_all)[0] for record_all in (False, True)}
    assert cache.trace(name, text, "  ", False)[0] is cached[False]  # a blank sentence B is no sentence B
    views = [("attention", {"view": view, "hide_special": hide, "renormalise": hide})
             for view in ("Model view", "One head", "Head view", "Token focus", "Rollout")
             for hide in ("false", "true")]
    views += [("embeddings", {}), ("attention_arithmetic", {})]
    # The pages must find these traces in the cache: a forward pass here would mean they did not.
    with mock.patch.object(BertPipeline, "trace", side_effect=AssertionError("the cached trace was not used")):
        for page, query in views:
            at = run_page(page, {"text": text, **query})
            assert not at.exception, (page, query, [e.value for e in at.exception])
    # Compare also runs the second model and the parity check, which trace for themselves.
    at = run_page("compare", {"text": text, "model_left": name})
    assert not at.exception, [e.value for e in at.exception]
    masked_text = "mary gave john the [MASK] because he asked for it ."  # typed [MASK]: no positions picked
    masked = cache.masked_trace(name, masked_text, None, ())[0]
    at = run_page("masked_lm", {"text": masked_text, "top_k": "7"})
    assert not at.exception, [e.value for e in at.exception]
    pipeline = pipeline_for(name, pipelines)
    for record_all, trace in cached.items():
        assert cache.trace(name, text, None, record_all)[0] is trace
        assert_same_result(trace, pipeline.trace(text, record_all=record_all)[0])
    assert cache.masked_trace(name, masked_text, None, ())[0] is masked
    encoded = pipeline.encode(masked_text)
    with torch.no_grad():
        fresh = pipeline.model(encoded.input_ids, encoded.token_type_ids)
    fresh.tokens = [list(encoded.tokens)]
    assert_same_result(masked, fresh)


def test_coreference_page_only_reads_the_shared_scores(dashboard_env, pipelines):
    """The built-in set's head scores are a shared resource: the page leaves them as score_heads made them."""
    from core.analysis.coreference import score_heads
    from dashboard import cache

    name = dashboard_env["default"]
    scores = cache.coreference_scores(name)
    train_half = cache.train_half_scores(name)  # the causal test's head ranking (the generated training half)
    with mock.patch("dashboard.cache.score_heads", side_effect=AssertionError("the cached scores were not used")):
        at = run_page("coreference", {"text": "The animal didn't cross the street because it was too tired."})
    assert not at.exception, [e.value for e in at.exception]
    assert cache.coreference_scores(name) is scores
    assert cache.train_half_scores(name) is train_half
    assert_same_result(scores, score_heads(pipeline_for(name, pipelines)))


def test_pages_only_read_the_shared_translations(dashboard_env, monkeypatch, tmp_path):
    """Translations, their search trees and teacher-forced traces are shared resources too: after the
    translation and beam-search pages have drawn them, each still equals a fresh computation. The keys the
    pages ask the cache for are recorded, so a change of a page's settings fails here instead of leaving this
    test warming (and checking) entries no page reads."""
    from core.transformer.translator import load_translator, trace_translation, translate
    from dashboard import cache
    from tests.support.builders import tiny_translator_folder

    folder = str(tiny_translator_folder(tmp_path / "translator"))
    monkeypatch.setenv("DASHBOARD_TRANSLATORS", folder)
    source = "I am a student"
    beam_key, greedy_key = (folder, source, 4, 0, 0.6), (folder, source, 0, 0.6)  # 0: follows the source
    shown_key = (folder, source, 4, 0, 0.6)  # the translation page's search
    warmed = {"beam_translation": {beam_key: cache.beam_translation(*beam_key),  # the beam page's defaults
                                   shown_key: cache.beam_translation(*shown_key)},
              "greedy_translation": {greedy_key: cache.greedy_translation(*greedy_key)}}
    forced_key = (folder, source, tuple(warmed["beam_translation"][shown_key].candidates[0].tokens))
    warmed["translation_trace"] = {forced_key: cache.translation_trace(*forced_key)}
    not_cached = AssertionError("a page computed a translation the cache holds")
    with contextlib.ExitStack() as patches:
        spies = {function: patches.enter_context(mock.patch.object(cache, function, wraps=getattr(cache, function)))
                 for function in warmed}
        patches.enter_context(mock.patch("dashboard.cache.translate", side_effect=not_cached))
        patches.enter_context(mock.patch("dashboard.cache.trace_translation", side_effect=not_cached))
        for page, query in (("beam_search", {}), ("translation", {"step": "2"}), ("translation", {"step": "1"})):
            at = run_page(page, {"translator": folder, "source": source, **query})
            assert not at.exception, (page, [e.value for e in at.exception])
            assert not page_texts(at, "warning") and not page_texts(at, "error"), page
    asked = {function: {c.args for c in spy.call_args_list} for function, spy in spies.items()}
    assert asked == {function: set(keys) for function, keys in warmed.items()}, "a page's settings changed"
    for function, entries in warmed.items():
        for key, result in entries.items():
            assert getattr(cache, function)(*key) is result, (function, key)
    translator = load_translator(folder)
    assert_same_result(warmed["beam_translation"][beam_key],
                       translate(translator, source, beam=4, max_length=None, length_penalty=0.6,
                                 record_tree=True, record_attention=True))
    assert_same_result(warmed["greedy_translation"][greedy_key],
                       translate(translator, source, max_length=None, length_penalty=0.6, greedy=True))
    assert_same_result(warmed["translation_trace"][forced_key],
                       trace_translation(translator, source, list(forced_key[2])))


@pytest.mark.parametrize("page", DASHBOARD_PAGES)
@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_never_crashes(dashboard_env, page, name):
    at = run_page(page, {"text": BAD_INPUTS[name]})
    assert not at.exception, [e.value for e in at.exception]
    assert not page_texts(at, "error")
    if page not in TRACE_PAGES:
        return
    if name in ("empty", "whitespace"):
        assert any("Type a sentence" in text for text in page_texts(at, "info"))
        assert not plotly_specs(at)
    elif name == "3000 words":
        assert any("reads at most" in text for text in page_texts(at, "warning"))
    if name == "script" and page == "embeddings":
        assert at.text_input(key="text").value == BAD_INPUTS["script"]  # kept as plain text, not markup


def test_models_file_adds_models_and_a_missing_file_is_only_warned(monkeypatch, tmp_path):
    from dashboard import registry

    listing = tmp_path / "models.txt"
    listing.write_text("# the class's models\n\nsentence-transformers/all-MiniLM-L6-v2  # pretrained\n/some/folder\n")
    monkeypatch.setenv(registry.ENV_MODELS, "first-model")
    monkeypatch.setenv(registry.ENV_MODELS_FILE, str(listing))
    assert registry.operator_models() == ["first-model", "sentence-transformers/all-MiniLM-L6-v2", "/some/folder"]
    monkeypatch.setenv(registry.ENV_MODELS_FILE, str(tmp_path / "missing.txt"))
    with pytest.warns(UserWarning, match="missing.txt"):
        assert registry.operator_models() == ["first-model"]
