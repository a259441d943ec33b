"""The two GPT pages in streamlit.testing.v1.AppTest: chart data equal to a fresh forward pass, the cuts and the mask
as drawn, bad prompts answered with a message, Korean mode without English labels, a notice without a GPT.

The GPT is a random GPT-2 with its own byte-level BPE (tests/support/gpt_checkpoints.py), offered through
DASHBOARD_GPTS as an operator's folder would be; the BERT is the dashboard tests' default (dashboard_env).
"""

from __future__ import annotations

from unittest import mock

import numpy as np
import pytest
import torch

from core.gpt.pipeline import GPTPipeline, load_pipeline
from dashboard.i18n import LANGUAGES
from dashboard.registry import available_models
from dashboard.views import gpt as gv
from tests.pages.test_korean_labels import hover_english, untranslated
from tests.support.apptest import decode_plotly_array, figure_by_key, on_dashboard_worker, page_texts, run_page
from tests.support.gpt_builders import save_random_gpt
from tests.support.gpt_checkpoints import save_tiny_gpt
from tests.support.tolerances import float32_atol

PROMPT = "The animal didn't cross the street because it"
SENTENCE = "The animal didn't cross the street because it was too tired."
BAD_PROMPTS = {
    "empty": "",
    "whitespace": "   \t  ",
    "3000 words": " ".join(["street"] * 3000),
    "emoji": "the cat 😀 sat 🐈 on the mat",
    "korean": "그 동물은 너무 피곤해서 길을 건너지 않았다",
    "script": "<script>alert(1)</script> the cat",
}


@pytest.fixture(scope="module")
def gpt_folder(tmp_path_factory) -> str:
    return str(save_tiny_gpt(tmp_path_factory.mktemp("gpt") / "tiny-gpt-random"))


@pytest.fixture
def gpt_env(dashboard_env, gpt_folder, monkeypatch) -> dict[str, str]:
    monkeypatch.setenv("DASHBOARD_GPTS", gpt_folder)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return {**dashboard_env, "gpt": gpt_folder}


@pytest.fixture(scope="module")
def gpt(gpt_folder) -> GPTPipeline:
    return load_pipeline(gpt_folder)


def prompt_ids(gpt: GPTPipeline, text: str) -> list[int]:
    return [gpt.model.config.bos_token_id] + gpt.encode(text)


def run(page: str, gpt_env, **query):
    at = run_page(page, {"gpt": gpt_env["gpt"], **query}, timeout=240)
    assert not at.exception, [e.value for e in at.exception]
    assert not page_texts(at, "error")
    return at


def test_next_word_chart_is_the_model_distribution(gpt_env, gpt):
    at = run("gpt_next_word", gpt_env, prompt=PROMPT)
    spec = figure_by_key(at, "gpt_next_token")
    with torch.no_grad():
        logits = gpt.model(torch.tensor([prompt_ids(gpt, PROMPT)])).logits[0, -1]
    probs = torch.softmax(logits.double(), dim=-1).numpy()
    top = np.sort(probs)[::-1][:20]
    shown = decode_plotly_array(spec["data"][0]["x"])  # bars at temperature 1, no cut: the model's probabilities
    np.testing.assert_allclose(shown, top, atol=float32_atol(1.0, 2 * gpt.model.config.n_layer + 2))
    np.testing.assert_allclose(decode_plotly_array(spec["data"][1]["x"]), shown, atol=1e-7)  # nothing cut
    assert next(m.label for m in at.metric) == "Tokens left"
    assert at.metric[0].value == f"{gpt.model.config.vocab_size:,} / {gpt.model.config.vocab_size:,}"
    assert {"gpt_next_token", "gpt_step", "gpt_beam_tree", "gpt_model_view"} <= {
        c.proto.id.rsplit("chart_", 1)[-1] for c in at.get("plotly_chart")}


def test_the_cuts_from_the_link(gpt_env, gpt):
    """temperature=0.5&top_k=3 in the URL: three tokens kept, their renormalised bars sum to 1, the rest 0."""
    at = run("gpt_next_word", gpt_env, prompt=PROMPT, temperature="0.5", top_k="3")
    spec = figure_by_key(at, "gpt_next_token")
    renormalised = decode_plotly_array(spec["data"][1]["x"]).astype(np.float64)
    assert (renormalised[:3] > 0).all() and (renormalised[3:] == 0).all()
    assert renormalised.sum() == pytest.approx(1.0, abs=1e-6)
    with torch.no_grad():
        logits = gpt.model(torch.tensor([prompt_ids(gpt, PROMPT)])).logits[0, -1].double()
    sharpened = torch.softmax(logits / 0.5, dim=-1).numpy()
    top3 = np.sort(sharpened)[::-1][:3]
    np.testing.assert_allclose(renormalised[:3], top3 / top3.sum(), atol=float32_atol(1.0, 10))
    statuses = [row[3] for row in spec["data"][0]["customdata"]]
    assert statuses[:3] == ["kept"] * 3 and set(statuses[3:]) == {"removed by top-k"}
    assert at.metric[0].value == f"3 / {gpt.model.config.vocab_size:,}"


def test_the_look_ahead_mask_is_drawn(gpt_env, gpt):
    at = run("gpt_next_word", gpt_env, prompt=PROMPT)
    spec = figure_by_key(at, "gpt_model_view")
    T = len(prompt_ids(gpt, PROMPT))
    L, H = gpt.model.config.n_layer, gpt.model.config.n_head
    masked = decode_plotly_array(spec["data"][1]["z"]).astype(np.float64)
    assert int(np.nansum(masked)) == L * H * T * (T - 1) // 2  # every cell above each head's diagonal
    weights = decode_plotly_array(spec["data"][0]["z"]).astype(np.float64)
    assert (weights[masked == 1] == 0).all()  # the model never looks where the overlay is drawn
    at = run("gpt_next_word", gpt_env, prompt=PROMPT, view="One head", layer="2", head="3")
    head = figure_by_key(at, "gpt_attention_head")
    with torch.no_grad():
        trace = gpt.model(torch.tensor([prompt_ids(gpt, PROMPT)]))
    np.testing.assert_allclose(decode_plotly_array(head["data"][0]["z"]), trace.attentions[1][0, 2].numpy(),
                               atol=float32_atol(1.0, 10))
    overlay = decode_plotly_array(head["data"][1]["z"])
    np.testing.assert_array_equal(np.isnan(overlay), np.tril(np.ones((T, T), dtype=bool)))


def continuations_table(at):
    (frame,) = [f.value for f in at.dataframe if "method" in f.value.columns]
    return frame


def test_the_seed_reproduces_the_sample_and_greedy_is_the_argmax(gpt_env, gpt):
    first = continuations_table(run("gpt_next_word", gpt_env, prompt=PROMPT, seed="7", max_new="6"))
    again = continuations_table(run("gpt_next_word", gpt_env, prompt=PROMPT, seed="7", max_new="6"))
    assert first.equals(again)
    ids, greedy = prompt_ids(gpt, PROMPT), []
    with torch.no_grad():  # the argmax, one full pass per token, until the end token or 6 tokens
        while len(greedy) < 6 and (not greedy or greedy[-1] != gpt.model.config.eos_token_id):
            greedy.append(int(gpt.model(torch.tensor([ids + greedy])).logits[0, -1].argmax()))
    row = first.set_index("method").loc["greedy"]
    assert row["continuation"] == gv.continuation_text(gpt, greedy) and row["tokens"] == len(greedy)


@pytest.mark.parametrize("kind", BAD_PROMPTS)
def test_bad_prompts_get_a_message_not_a_crash(gpt_env, gpt, kind):
    at = run("gpt_next_word", gpt_env, prompt=BAD_PROMPTS[kind])
    infos, warnings = page_texts(at, "info"), page_texts(at, "warning")
    if kind in ("empty", "whitespace"):
        assert infos == ["Type a prompt in the sidebar and press Enter."] and not at.get("plotly_chart")
        return
    code = at.code[0].value  # the tokens the model reads, shown as text
    if kind == "3000 words":
        assert any("only the last" in w for w in warnings)
        assert code.count("street") == gv.prompt_limit(gpt) - 1  # the page's limit, less the start token
    if kind in ("emoji", "korean"):
        assert any("pieces of a character" in i for i in infos) and "⟨" in code
    if kind == "script":
        assert "<script>" in code.replace(" · ", "")  # the markup is text the model reads
    assert figure_by_key(at, "gpt_next_token")["data"]


def test_no_gpt_is_a_notice(dashboard_env, monkeypatch):
    from dashboard import registry

    monkeypatch.setattr(registry, "available_gpts", lambda: [])
    for page in ("gpt_next_word", "gpt_vs_bert"):
        at = run_page(page, {})
        assert not at.exception, [e.value for e in at.exception]
        assert any("No GPT model is available" in text for text in page_texts(at, "info")), page


def test_a_gpt_without_tokenizer_is_a_warning(dashboard_env, tmp_path, monkeypatch):
    folder = save_random_gpt(tmp_path / "no-tokenizer", "gpt2")
    monkeypatch.setenv("DASHBOARD_GPTS", str(folder))
    at = run_page("gpt_next_word", {"gpt": str(folder)})
    assert not at.exception
    assert any("has no tokenizer" in text for text in page_texts(at, "warning"))


def test_gpt_beside_bert(gpt_env, gpt):
    at = run("gpt_vs_bert", gpt_env, text=SENTENCE)
    masks = figure_by_key(at, "gpt_bert_masks")
    gpt_keep = decode_plotly_array(masks["data"][0]["z"])
    bert_keep = decode_plotly_array(masks["data"][1]["z"])
    T = len(prompt_ids(gpt, SENTENCE))
    np.testing.assert_array_equal(gpt_keep, np.tril(np.ones((T, T))))
    assert (bert_keep == 1).all()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["GPT: attention on later tokens (this head)"] == "0.000"
    assert float(metrics["BERT: attention on later tokens (this head)"]) > 0
    # another ending after "it": GPT's prediction there cannot move
    assert float(metrics["GPT: largest change of a probability"]) <= float32_atol(1.0, 2 * gpt.model.config.n_layer + 2)
    assert float(metrics["BERT: largest change of a probability"]) > 0
    assert at.text_input(key="ending").value == "was too wide."


def test_gpt_beside_bert_follows_the_chosen_word_and_heads(gpt_env, gpt):
    """word=3 (didn), GPT layer 2 head 1 from the link: the GPT panel is that head's row from "didn"."""
    at = run("gpt_vs_bert", gpt_env, text=SENTENCE, word="2", gpt_head="L2H1")
    spec = figure_by_key(at, "gpt_bert_word_attention")
    ids = prompt_ids(gpt, SENTENCE)
    with torch.no_grad():
        trace = gpt.model(torch.tensor([ids]))
    position = next(i for i, token in enumerate(gpt.tokens(ids)) if token == "Ġdidn")
    np.testing.assert_allclose(decode_plotly_array(spec["data"][0]["y"]), trace.attentions[1][0, 0, position].numpy(),
                               atol=float32_atol(1.0, 10))


def test_gpt_beside_a_bert_without_mlm_head(gpt_env):
    at = run("gpt_vs_bert", gpt_env, text=SENTENCE, model=gpt_env["encoder_only"])
    assert any("has no masked-language-model head" in text for text in page_texts(at, "info"))
    assert figure_by_key(at, "gpt_bert_word_attention")["data"]  # the attention still compares


@pytest.mark.parametrize("kind", ["empty", "3000 words", "korean", "script"])
def test_gpt_beside_bert_with_bad_sentences(gpt_env, kind):
    at = run("gpt_vs_bert", gpt_env, text=BAD_PROMPTS[kind] or " ")
    if kind == "empty":
        assert any("Type a sentence" in text for text in page_texts(at, "info"))
    else:
        assert figure_by_key(at, "gpt_bert_masks")["data"]


@pytest.mark.parametrize("page", ["gpt_next_word", "gpt_vs_bert"])
def test_korean_pages_show_no_english_label(gpt_env, page):
    at = run(page, gpt_env, lang="ko", text=SENTENCE, prompt=PROMPT)
    data = {gpt_env["gpt"], *available_models(), *LANGUAGES.values()}
    assert not untranslated(at, data=data)
    assert not hover_english(at)


def test_pages_only_read_the_shared_trace(gpt_env, gpt):
    """The cached trace is shared by every session: after both pages drew it, it equals a fresh forward pass, and
    a second visit runs no model."""
    from dashboard import registry
    from dashboard.widgets import gpt as gw

    run("gpt_next_word", gpt_env, prompt=PROMPT)
    run("gpt_vs_bert", gpt_env, text=SENTENCE, gpt=gpt_env["gpt"])
    loaded = registry.load_gpt_model(gpt_env["gpt"]).model
    prompt, cached = gw.traced(gpt_env["gpt"], loaded, PROMPT, gv.prompt_limit(loaded))
    with mock.patch.object(GPTPipeline, "trace", side_effect=AssertionError("the cached trace was not used")):
        run("gpt_next_word", gpt_env, prompt=PROMPT)
    with torch.no_grad():  # on the worker, with its thread count, as the page's pass was
        fresh = on_dashboard_worker(gpt.model, torch.tensor([list(prompt.ids)]))
    assert torch.equal(cached.logits, fresh.logits)
    assert all(torch.equal(a, b) for a, b in zip(cached.attentions, fresh.attentions))
