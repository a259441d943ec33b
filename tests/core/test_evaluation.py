"""The held-out evaluation (core.analysis.evaluation): buckets, sacrebleu's BLEU and exact match on decoded strings;
``python -m core eval translator``, which prints it."""

from __future__ import annotations

import json

import pytest
import sacrebleu
import torch

from core.analysis import evaluation
from core.analysis.evaluation import ALL, bucketed_test_split, evaluate_translator, score
from core.cli import main
from core.data.translation import BUCKETS, length_bucket
from core.transformer.translator import detokenize_french, translate
from tests.support.builders import tiny_translator, tiny_translator_folder
from tests.support.tolerances import DECISION_MARGIN, greedy_margin, ranking_margin


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    """Small models decode fastest on one thread; several fight over a busy CPU (restored after the module)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def groups() -> dict[str, list[tuple[str, str]]]:
    return bucketed_test_split(num_test=100, seed=0, limit=3, data_version=2)  # the random translator's grammar


@pytest.fixture(scope="module")
def translator():
    return tiny_translator(seed=1, data_version=2)


@pytest.fixture(scope="module")
def figures(translator, groups) -> dict:
    return evaluate_translator(translator, groups, beam=2, batch_size=4, show_progress=False)


def test_groups_hold_each_bucket_its_own_lengths(groups):
    assert list(groups) == list(BUCKETS)
    for label, pairs in groups.items():
        assert len(pairs) == 3
        assert all(length_bucket(len(en.split())) == label for en, _ in pairs)


def test_a_model_that_echoes_the_references_scores_100():
    references = [fr.split() for pairs in bucketed_test_split(100, 0, None).values() for _, fr in pairs]
    perfect = score(references, references)
    assert (perfect.sentences, perfect.exact_match) == (100, 1.0) and perfect.bleu == pytest.approx(100.0)
    assert score([], []).to_dict() == {"sentences": 0, "exact_match": None, "bleu": None}
    with pytest.raises(ValueError, match="hypotheses"):
        score(references[:2], references[:3])


def test_one_wrong_word_costs_exact_match_and_bleu_as_sacrebleu_counts_it():
    references = [["le", "chat", "noir", "mange", "la", "pomme"], ["j'", "aime", "l'", "école", "et", "le", "parc"]]
    hypotheses = [references[0], ["j'", "aime", "l'", "école", "et", "la", "rue"]]
    figures = score(hypotheses, references)
    expected = sacrebleu.corpus_bleu(["le chat noir mange la pomme", "j'aime l'école et la rue"],
                                     [["le chat noir mange la pomme", "j'aime l'école et le parc"]]).score
    assert figures.exact_match == 0.5 and figures.bleu == pytest.approx(expected) and 0 < figures.bleu < 100


def test_each_bucket_is_scored_by_sacrebleu_on_its_own_decoded_strings(figures, groups):
    assert figures["methods"] == ["greedy", "beam_2"]
    assert [label for label in figures["buckets"]] == [*BUCKETS, ALL]
    for method in figures["methods"]:
        for label, pairs in groups.items():
            decoded = figures["outputs"][method][label]
            references = [fr for _, fr in pairs]
            bucket = figures["buckets"][label]
            assert bucket["sentences"] == 3 and bucket["unknown_source_sentences"] == 0
            bleu = sacrebleu.corpus_bleu([detokenize_french(d) for d in decoded],
                                         [[detokenize_french(r.split()) for r in references]]).score
            assert bucket[method]["bleu"] == pytest.approx(bleu)
            assert bucket[method]["exact_match"] == sum(d == r.split() for d, r in zip(decoded, references)) / 3
        assert figures["buckets"][ALL]["sentences"] == 15


def test_batched_greedy_and_beam_equal_translating_one_sentence_at_a_time(translator, figures, groups):
    for label, pairs in groups.items():
        outputs = zip(figures["outputs"]["greedy"][label], figures["outputs"]["beam_2"][label])
        for (en, _), (greedy, beam) in zip(pairs, outputs):
            alone = translate(translator, en, greedy=True).candidates[0]
            searched = translate(translator, en, beam=2)
            # batching changes the order of float32 sums; the decisions clear that by a margin
            source_ids = translator.encode_source(en)[1]
            assert greedy_margin(translator.model, source_ids, alone.hypothesis.token_ids) > DECISION_MARGIN, en
            assert ranking_margin(searched.search.tree) > DECISION_MARGIN, en
            assert alone.tokens == greedy, en
            assert searched.candidates[0].tokens == beam, en


def test_a_perfect_model_scores_100_in_every_bucket(monkeypatch, translator, groups):
    references = {tuple(en.split()): fr.split() for pairs in groups.values() for en, fr in pairs}
    echo = lambda translator, sources, *rest: [references[tuple(words)] for words in sources]
    monkeypatch.setattr(evaluation, "decode_greedy", echo)
    monkeypatch.setattr(evaluation, "decode_beam", echo)
    figures = evaluate_translator(translator, groups, beam=3, show_progress=False)
    for bucket in figures["buckets"].values():
        for method in ("greedy", "beam_3"):
            assert bucket[method]["sentences"] == bucket["sentences"] and bucket[method]["exact_match"] == 1.0
            assert bucket[method]["bleu"] == pytest.approx(100.0)


def test_unknown_source_words_are_counted(translator):
    words = [w for w in translator.source_vocab.tokens if w != "that"]
    from core.transformer.translator import Vocabulary

    shrunk = type(translator)(translator.model, Vocabulary(words + ["zzz"]), translator.target_vocab, "shrunk")
    pairs = {"6-10": [("the cat that is black is tired", "le chat qui est noir est fatigué")]}
    figures = evaluate_translator(shrunk, pairs, beam=1, show_progress=False)
    assert figures["methods"] == ["greedy"] and figures["buckets"]["6-10"]["unknown_source_sentences"] == 1


def test_command_prints_json_and_a_table(tmp_path, capsys):
    folder = tiny_translator_folder(tmp_path / "tiny", seed=2)
    args = ["eval", "translator", "--model", str(folder), "--limit", "2", "--num-test", "50", "--beam", "2",
            "--threads", "1"]
    assert main(args + ["--by-length", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["test_split"]["sentences"] == {label: 2 for label in BUCKETS}
    assert out["bleu_signature"].startswith("nrefs:1|") and out["beam"] == 2
    (model,) = out["models"]
    assert model["model"] == "tiny" and list(model["buckets"]) == [*BUCKETS, ALL]
    assert set(model["buckets"]["21-30"]) == {"sentences", "unknown_source_sentences", "greedy", "beam_2"}
    assert main(args + ["--json"]) == 0
    assert list(json.loads(capsys.readouterr().out)["models"][0]["buckets"]) == [ALL]
    assert main(args + ["--by-length"]) == 0
    table = capsys.readouterr().out
    assert "tiny" in table and "EM %" in table and all(f"\n{label} " in table for label in BUCKETS)


@pytest.mark.parametrize(("extra", "message"), [
    (["--model", "no-such-translator"], "no translator 'no-such-translator'"),
    (["--limit", "0"], "--limit must be at least 1"),
    (["--beam", "0"], "--beam must be at least 1"),
    (["--num-test", "0"], "the test split would be empty"),
    (["--batch-size", "0"], "--batch-size must be at least 1"),
])
def test_bad_options_give_one_clear_line(extra, message, capsys):
    assert main(["eval", "translator", *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_a_model_trained_on_other_generated_data_is_flagged(translator):
    from core.data.translation import DATA_VERSION

    translator.training = {}
    assert "does not record the version" in evaluation.data_warning(translator, 2000, 0)
    translator.training = {"data_version": 1, "options": {"num_test": 2000, "data_seed": 0}}
    assert "may hold sentences it was trained on" in evaluation.data_warning(translator, 2000, 0)
    translator.training = {"data_version": DATA_VERSION, "options": {"num_test": 2000, "data_seed": 0}}
    assert evaluation.data_warning(translator, 2000, 0) is None
    assert "data_seed" in evaluation.data_warning(translator, 2000, 1)
    translator.training = {}
