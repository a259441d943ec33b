"""The Coreference page's experiments and the Masked LM page's head switches in AppTest, on tiny random BERTs.

The model's own answer shown equals core's; the minimal pair's bars equal a direct computation; the causal
test's numbers equal `python -m core coreference --ablate top:K --draws N --json` for the same model and K;
switching heads off changes the Masked LM predictions exactly as an ablated forward pass does; bad input
and 40 [MASK] tokens give no exception; Korean mode shows no English label on these states.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs

import numpy as np
import pytest
import torch

from core.analysis.coreference import CorefExample, candidate_attention, positions_in_tokens, score_heads
from core.analysis.head_ablation import head_mask_without
from core.analysis.own_answer import own_answers, representation_answers
from core.bert.pipeline import load_pipeline
from core.data.stories_coreference import coreference_set
from tests.pages.test_korean_labels import untranslated
from tests.support.apptest import decode_plotly_array, page_texts, plotly_specs, run_page
from tests.support.tolerances import DECISION_MARGIN, float32_atol

REPO = Path(__file__).resolve().parents[2]
TIRED = "The animal didn't cross the street because it was too tired."
WIDE = "The animal didn't cross the street because it was too wide."
BAD_INPUTS = {"empty": "", "whitespace": "   \t ", "3000 words": " ".join(["street"] * 3000),
              "emoji": "the cat 😀 sat 🐈 on the mat because it was tired", "korean": "그 동물은 너무 피곤했다",
              "script": "<script>alert(1)</script> the cat because it", "40 masks": " ".join(["[MASK]"] * 40)}


@pytest.fixture
def models(monkeypatch, dashboard_models, tiny_pretraining_folder) -> dict[str, str]:
    """A random tiny BERT with MLM and NSP heads, and one without (encoder only), offered by the operator."""
    names = {"mlm": str(tiny_pretraining_folder), "encoder": dashboard_models["encoder_only"]}
    monkeypatch.setenv("DASHBOARD_MODELS", " ".join(names.values()))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return names


def chart(at, title_start: str) -> dict:
    found = [spec for spec in plotly_specs(at) if spec["layout"].get("title", {}).get("text", "").startswith(
        title_start)]
    assert found, [spec["layout"].get("title", {}).get("text") for spec in plotly_specs(at)]
    return found[0]


def open_coreference(model: str, **query):
    at = run_page("coreference", {"text": TIRED, "model": model, **query}, timeout=300)
    assert not at.exception, [e.value for e in at.exception]
    assert not page_texts(at, "error")
    return at


def example(text: str) -> CorefExample:
    return CorefExample(id="t", text=text, pronoun="it", candidates=("animal", "street"), answer="animal")


# ---------------------------------------------------------------------------------------------
# The model's own answer and the minimal pair
# ---------------------------------------------------------------------------------------------

@torch.no_grad()
def substitution_scores(folder: str, texts: list[str], words: list[str]) -> np.ndarray:
    """The own answer's definition worked with transformers' BertForPreTraining on the same folder: in each
    text, the pieces of the last mention of its word masked, the mean log-probability of those pieces."""
    import transformers

    tokenizer = transformers.BertTokenizerFast.from_pretrained(folder)
    model = transformers.BertForPreTraining.from_pretrained(folder).eval()
    scores = []
    for text, word in zip(texts, words):
        encoding = tokenizer(text, return_offsets_mapping=True, return_tensors="pt")
        start = text.rindex(word)
        pieces = [i for i, (s, e) in enumerate(encoding["offset_mapping"][0].tolist()) if s < start + len(word)
                  and e > start]
        ids = encoding["input_ids"].clone()
        ids[0, pieces] = tokenizer.mask_token_id
        log_probs = torch.log_softmax(model(input_ids=ids).prediction_logits[0].double(), dim=-1)  # (T, V)
        scores.append(float(log_probs[pieces, encoding["input_ids"][0, pieces]].mean()))
    return np.array(scores)


def test_own_answer_is_shown_and_equals_transformers_substitution_scores(models):
    at = open_coreference(models["mlm"])
    texts = ["The animal didn't cross the street because the animal was too tired.",
             "The animal didn't cross the street because the street was too tired."]
    scores = substitution_scores(models["mlm"], texts, ["animal", "street"])
    expected = np.exp(scores - scores.max()) / np.exp(scores - scores.max()).sum()
    shown = chart(at, "the model's own answer")
    # log-probabilities up to ~log V = 7 through 6 float32 roundings that compound (two implementations), x 10
    np.testing.assert_allclose(decode_plotly_array(shown["data"][0]["x"]), expected,
                               atol=float32_atol(magnitude=7, depth=6), rtol=0)
    assert abs(scores[0] - scores[1]) > DECISION_MARGIN  # the choice below is no near-tie
    assert shown["layout"]["title"]["text"] == f"the model's own answer: {('animal', 'street')[scores.argmax()]}"
    assert any(block.value == "\n".join(texts) for block in at.code)  # the sentences it scored


def test_a_model_without_mlm_head_says_so_and_shows_the_representation_answer(models):
    at = open_coreference(models["encoder"])
    assert any("has no masked-LM head" in text and "needs one" in text for text in page_texts(at, "warning"))
    expected = representation_answers(load_pipeline(models["encoder"]), [example(TIRED)])[0]
    shown = chart(at, "representation answer")
    # cosines (<= 1) through 6 roundings that compound, whether batched with others or alone, a margin of 10
    assert np.allclose(decode_plotly_array(shown["data"][0]["x"]), expected.log_probs,
                       atol=float32_atol(magnitude=1, depth=6), rtol=0)


def test_minimal_pair_shows_both_sentences_against_a_direct_computation(models):
    at = open_coreference(models["mlm"])
    pipeline = load_pipeline(models["mlm"])
    train = [CorefExample(**e) for e in coreference_set("train", 200, 0)]
    heads = sorted((s.layer, s.head) for s in score_heads(pipeline, train).best_heads(3))
    spec = next(s for s in plotly_specs(at) if any("sentence 1: attention from it" == note.get("text")
                                                   for note in s["layout"].get("annotations", [])))
    bars = [trace for trace in spec["data"] if trace.get("legendgroup") and trace.get("showlegend") is False]
    answers = [trace for trace in spec["data"] if not trace.get("legendgroup")]
    for sentence, (text, correct) in enumerate(((TIRED, "animal"), (WIDE, "street"))):
        trace, encoded = pipeline.trace(text, record_all=False)
        where = {word: positions_in_tokens(encoded.tokens, word) for word in ("animal", "street")}
        attention = candidate_attention(trace.attentions, positions_in_tokens(encoded.tokens, "it"), where)
        for candidate, name in enumerate(("animal", "street")):
            shown = bars[2 * sentence + candidate]
            assert np.allclose(decode_plotly_array(shown["y"]), [attention[lh][candidate] for lh in heads])
            assert (shown["marker"]["line"]["width"] == 3) == (name == correct)  # the correct answer outlined
        own = own_answers(pipeline, [example(text)])[0]
        # the page scores the pair in one batch: log-probs up to ~log V = 7 through 6 roundings, a margin of 10
        assert np.allclose(decode_plotly_array(answers[sentence]["y"]), own.probabilities,
                           atol=float32_atol(magnitude=7, depth=6), rtol=0)
    assert at.multiselect(key="pair_heads_choice").value == [f"L{layer + 1}H{head + 1}" for layer, head in heads]


# ---------------------------------------------------------------------------------------------
# The causal test: the page's numbers are the command line's
# ---------------------------------------------------------------------------------------------

PAIRS = 40  # minimal pairs per half in these tests (the page and the command line default to 200)


@pytest.fixture
def fewer_pairs(monkeypatch):
    """The page's generated set cut to PAIRS pairs per half, for time; the command line gets --pairs PAIRS."""
    from dashboard import cache

    monkeypatch.setattr(cache, "GENERATED_PAIRS", PAIRS)
    return PAIRS


def command_line(model: str, k: int, draws: int, pairs: int) -> dict:
    out = subprocess.run([sys.executable, "-m", "core", "coreference", "--model", model, "--ablate", f"top:{k}",
                          "--draws", str(draws), "--pairs", str(pairs), "--json"], cwd=REPO, capture_output=True,
                         text=True, check=True, timeout=600, env={"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"})
    return json.loads(out.stdout)["causal_test"]


@pytest.mark.parametrize("kind", ["mlm", "encoder"])
def test_causal_test_numbers_equal_the_command_line(models, fewer_pairs, kind):
    from dashboard import cache

    model, k, draws = models[kind], 2, 20
    at = open_coreference(model, ablate_k=str(k), draws=str(draws))
    if cache.causal_result(model, k, draws) is None:
        assert at.button(key="run_causal").label == "Run the causal test"
        at.button(key="run_causal").click().run(timeout=600)
        assert not at.exception, [e.value for e in at.exception]
    table = next(frame.value for frame in at.dataframe if "heads off" in frame.value.columns)
    expected = command_line(model, k, draws, fewer_pairs)
    assert table["accuracy"].tolist() == [expected["full_accuracy"], expected["top_accuracy"],
                                          *expected["random_accuracies"]]
    top = ", ".join(f"L{layer + 1} H{head + 1}" for layer, head in expected["top_heads"])
    assert table["heads off"].tolist()[1] == top
    assert any("What this shows" in text and "does not show" in text for text in page_texts(at, "info"))
    assert any(f"Percentile: {expected['top_percentile']:.1%} of the {draws} random draws" in m.value
               for m in at.markdown)
    # Once per server: the next visitor gets the result without the button and without recomputing.
    again = open_coreference(model, ablate_k=str(k), draws=str(draws))
    assert not [b for b in again.button if b.key == "run_causal"]
    assert cache.causal_result(model, k, draws).to_dict()["random_accuracies"] == expected["random_accuracies"]


# ---------------------------------------------------------------------------------------------
# Masked LM: head switches
# ---------------------------------------------------------------------------------------------

def test_switching_heads_off_changes_the_predictions_as_an_ablated_pass_does(models):
    text = "the [MASK] sat on the [MASK] ."
    pipeline = load_pipeline(models["mlm"])
    heads = [(0, h) for h in range(pipeline.model.config.num_attention_heads)]
    at = run_page("masked_lm", {"text": text, "model": models["mlm"], "top_k": "3",
                                "heads_off": ",".join(f"L1H{h + 1}" for _, h in heads)})
    assert not at.exception, [e.value for e in at.exception]
    before, encoded = pipeline.masked_trace(text)
    after, _ = pipeline.masked_trace(text, head_mask=head_mask_without(2, 4, heads))
    table = at.dataframe[-1].value
    for row in table.itertuples(index=False):
        position = row[0]
        top_after = int(torch.argmax(after.mlm_logits[0, position]))
        assert row[4] == pipeline.tokenizer.convert_ids_to_tokens([top_after])[0]
        assert row[5] == pytest.approx(float(torch.softmax(after.mlm_logits[0, position], -1)[top_after]), abs=1e-6)
    assert not torch.allclose(before.mlm_logits, after.mlm_logits)
    figure = chart_by_legend(at, "all heads")
    assert len(figure["data"]) == 2 * len(table)


def chart_by_legend(at, name: str) -> dict:
    return next(spec for spec in plotly_specs(at) if any(trace.get("name") == name for trace in spec["data"]))


def test_no_switch_means_no_comparison(models):
    at = run_page("masked_lm", {"text": "the [MASK] sat .", "model": models["mlm"]})
    assert not at.exception
    assert at.multiselect(key="heads_off_choice").value == []
    assert not [spec for spec in plotly_specs(at) if any(t.get("name") == "all heads" for t in spec["data"])]


@pytest.mark.parametrize("count", [30, 40])
def test_many_masks_render_with_and_without_switched_heads(models, count):
    text = "the cat " + " ".join(["[MASK]"] * count) + " ."
    at = run_page("masked_lm", {"text": text, "model": models["mlm"], "heads_off": "L2H1"})
    assert not at.exception, [e.value for e in at.exception]
    assert not page_texts(at, "error")
    predictions = [spec for spec in plotly_specs(at) if len(spec["data"]) == count]
    assert predictions  # the Masked LM chart: one panel per [MASK]
    assert len(chart_by_legend(at, "all heads")["data"]) == 2 * count


# ---------------------------------------------------------------------------------------------
# Bad input and Korean
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_gives_messages_not_crashes(models, name):
    for query in ({"text": BAD_INPUTS[name]}, {"pair_1": BAD_INPUTS[name]}, {"pair_2": BAD_INPUTS[name]}):
        at = run_page("coreference", {"text": TIRED, "model": models["mlm"], **query}, timeout=300)
        assert not at.exception, (query, [e.value for e in at.exception])
        assert not page_texts(at, "error")
        assert "<script>" not in json.dumps(plotly_specs(at))  # user text is escaped in every chart
    at = run_page("masked_lm", {"text": BAD_INPUTS[name], "model": models["mlm"], "heads_off": "L1H1"})
    assert not at.exception, [e.value for e in at.exception]


def test_korean_mode_shows_no_english_label(models, fewer_pairs):
    from dashboard import cache

    # Computed beforehand in this server process (AppTest cannot click through a Korean format_func), so the
    # page shows the result as a later visitor would.
    cache.run_causal_test(models["mlm"], 1, 20)
    at = run_page("coreference", {"text": TIRED, "model": models["mlm"], "ablate_k": "1", "draws": "20", "lang": "ko"},
                  timeout=300)
    assert not at.exception, [e.value for e in at.exception]
    assert any(frame for frame in at.dataframe if "끈 헤드" in frame.value.columns)  # the causal test is shown
    data = set(models.values())
    assert untranslated(at, data) == []
    encoder = run_page("coreference", {"text": TIRED, "model": models["encoder"], "lang": "ko"}, timeout=300)
    assert untranslated(encoder, data) == []
    masked = run_page("masked_lm", {"text": "the [MASK] sat .", "text_b": "it was tired .", "model": models["mlm"],
                                    "heads_off": "L1H1,L2H2", "lang": "ko"})
    assert not masked.exception
    assert untranslated(masked, data) == []


def test_the_page_links_its_sentence_to_the_translation_pages_pronoun_section(models):
    """Translation needs coreference too: the link opens the Translation page on the same sentence."""
    at = open_coreference(models["mlm"])
    links = [element.proto for element in at.get("page_link") if "coreference too" in element.proto.label]
    assert len(links) == 1 and links[0].page == "translation"
    assert parse_qs(links[0].query_string)["source"] == [TIRED]
