"""word2vec from scratch: the formulas against hand computations and autograd, the vocabulary against
gensim's, the analogy set's structure, and the shipped tiny-word2vec's headline property."""

from __future__ import annotations

import copy
import json
import math

import numpy as np
import pytest
import torch

from core.analysis.analogies import analogy_questions, neighbour_overlap, pair_split, relations
from core.word2vec.config import Word2VecConfig
from core.word2vec.model import Word2Vec, negative_sampling_loss
from core.word2vec.training import cbow_examples, skipgram_pairs, train
from core.word2vec.vectors import Word2VecError, WordVectors, load_word2vec, save_word2vec
from core.word2vec.vocabulary import Vocabulary


def test_keep_probability_is_eq_5_of_the_paper():
    """P(keep) = min(1, sqrt(t / f)); shares 0.9, 0.09, 0.01 and t = 0.01 give 0.1054, 0.3333, 1."""
    vocabulary = Vocabulary(["the", "cat", "sat"], [900, 90, 10])
    np.testing.assert_allclose(vocabulary.keep_probabilities(0.01), [math.sqrt(1 / 90), 1 / 3, 1.0], rtol=1e-12)


def test_noise_distribution_is_the_unigram_to_the_three_quarters():
    """Counts 16 and 1: 16^0.75 = 8, so the noise draws them 8/9 and 1/9 (the unigram says 16/17 and 1/17)."""
    np.testing.assert_allclose(Vocabulary(["a", "b"], [16, 1]).noise_distribution(0.75), [8 / 9, 1 / 9], rtol=1e-12)


def test_vocabulary_counts_equal_gensims():
    gensim = pytest.importorskip("gensim")
    texts = [["the", "dog", "ran"], ["the", "cat", "ran"], ["a", "dog", "sat"]] * 3 + [["rare"]]
    ours = Vocabulary.build(texts, min_count=3)
    theirs = gensim.models.Word2Vec(texts, min_count=3, vector_size=4, workers=1, epochs=1)
    assert {w: c for w, c in zip(ours.words, ours.counts)} == {
        w: theirs.wv.get_vecattr(w, "count") for w in theirs.wv.index_to_key}


def test_negative_sampling_loss_by_hand():
    """h = (1, 0), v'_o = (2, 0), one noise word (-1, 0): log(1 + e^-2) + log(1 + e^-1) = 0.126928 + 0.313262."""
    hidden = torch.tensor([[1.0, 0.0]])
    loss = negative_sampling_loss(hidden, torch.tensor([[2.0, 0.0]]), torch.tensor([[[-1.0, 0.0]]]))
    assert float(loss) == pytest.approx(math.log1p(math.exp(-2)) + math.log1p(math.exp(-1)), abs=1e-6)


def test_sgd_step_by_hand():
    """One pair, one noise word: v'_o moves by -lr (sigma(v'_o.h) - 1) h, v'_k by -lr sigma(v'_k.h) h,
    and h by -lr ((sigma(2) - 1) v'_o + sigma(-1) v'_k)."""
    model = Word2Vec(3, 2, seed=0)
    with torch.no_grad():
        model.input_embeddings.weight.copy_(torch.tensor([[1.0, 0.0], [0.0, 0.0], [0.0, 0.0]]))
        model.output_embeddings.weight.copy_(torch.tensor([[0.0, 0.0], [2.0, 0.0], [-1.0, 0.0]]))
    model.sgd_step(torch.tensor([0]), torch.tensor([1]), torch.tensor([[2]]), learning_rate=0.5)
    s2, s1 = 1 / (1 + math.exp(-2)), 1 / (1 + math.exp(1))  # sigma(2), sigma(-1)
    out = model.output_embeddings.weight
    assert out[1, 0].item() == pytest.approx(2 - 0.5 * (s2 - 1), abs=1e-6)
    assert out[2, 0].item() == pytest.approx(-1 - 0.5 * s1, abs=1e-6)
    assert model.input_embeddings.weight[0, 0].item() == pytest.approx(1 - 0.5 * ((s2 - 1) * 2 + s1 * -1), abs=1e-6)


@pytest.mark.parametrize("architecture", ["skip-gram", "cbow"])
def test_sgd_step_equals_autograd_then_sgd(architecture):
    """The written-out gradients equal torch.autograd's of the summed eq. 4 loss (repeated words included)."""
    generator = torch.Generator().manual_seed(0)
    model = Word2Vec(12, 6, architecture, seed=1)
    with torch.no_grad():
        model.output_embeddings.weight.normal_(generator=generator)
    reference = copy.deepcopy(model)
    inputs = torch.randint(0, 12, (16,) if architecture == "skip-gram" else (16, 4), generator=generator)
    keep = None if architecture == "skip-gram" else torch.rand(16, 4, generator=generator) < 0.7
    targets = torch.randint(0, 12, (16,), generator=generator)
    noise = torch.randint(0, 12, (16, 3), generator=generator)
    loss = reference(inputs, targets, noise, keep)
    loss.backward()
    with torch.no_grad():
        for parameter in reference.parameters():
            parameter -= 0.1 * parameter.grad
    assert model.sgd_step(inputs, targets, noise, 0.1, keep) == pytest.approx(float(loss.detach()), rel=1e-6)
    for ours, theirs in zip(model.parameters(), reference.parameters()):
        torch.testing.assert_close(ours, theirs, atol=1e-6, rtol=1e-5)  # float32 sums of 16 terms


def test_skipgram_pairs_stay_in_their_text_and_window():
    """Texts [0 1 2] and [3 4], window 1: every neighbour pair within a text, in both directions, none across."""
    ids, text_of = np.array([0, 1, 2, 3, 4]), np.array([0, 0, 0, 1, 1])
    words, contexts = skipgram_pairs(ids, text_of, window=1, rng=np.random.default_rng(0))
    assert sorted(zip(words.tolist(), contexts.tolist())) == [(0, 1), (1, 0), (1, 2), (2, 1), (3, 4), (4, 3)]


def test_cbow_contexts_are_the_neighbours():
    ids, text_of = np.array([5, 6, 7]), np.array([0, 0, 0])
    contexts, words = cbow_examples(ids, text_of, window=1, rng=np.random.default_rng(0))
    assert words.tolist() == [5, 6, 7]
    assert [sorted(c for c in row if c >= 0) for row in contexts.tolist()] == [[6], [5, 7], [6]]


@pytest.mark.parametrize("architecture", ["skip-gram", "cbow"])
def test_training_puts_words_of_one_topic_together(architecture):
    """Two topics that never share a text: after training, every word is nearer its own topic's words."""
    rng = np.random.default_rng(0)
    topics = [["red", "green", "blue", "pink"], ["one", "two", "three", "four"]]
    texts = [list(rng.choice(topics[i % 2], size=8)) for i in range(200)]
    config = Word2VecConfig(architecture=architecture, vector_size=16, window=2, epochs=3, batch_size=128,
                            min_count=1, sample=0.5, alpha=0.05)
    result = train(config, texts, progress=False)
    vectors = WordVectors(result.vocabulary.words, result.vectors)
    for topic, other in (topics, topics[::-1]):
        for word in topic:
            nearest = {w for w, _ in vectors.nearest(word, top_k=3)}
            assert nearest == set(topic) - {word}, (word, nearest)
            assert vectors.similarity(word, other[0]) < min(vectors.similarity(word, w) for w in nearest)
    assert result.losses[-1] < result.losses[0]


def test_analogy_excludes_its_inputs():
    """king - man + woman with hand-placed unit vectors: without the exclusion king itself would be nearest."""
    words = ["king", "man", "woman", "queen", "apple"]
    table = torch.tensor([[1.0, 0.2, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.2, 0.3, 0.9], [0.0, -1.0, 0.0]])
    ranked = WordVectors(words, table).analogy("king", "man", "woman", top_k=2)
    assert [word for word, _ in ranked] == ["queen", "apple"]


def test_the_analogy_set_follows_the_lexicon_and_holds_half_out():
    pairs = relations()
    assert ("king", "queen") in pairs["gender"] and ("mouse", "mice") in pairs["plural"]
    assert ("goes", "went") in pairs["past tense"] and ("buys", "buying") in pairs["progressive"]
    for relation, relation_pairs in pairs.items():
        held_out = sum(pair_split(relation, p) == "heldout" for p in relation_pairs)
        assert held_out == len(relation_pairs) // 2
    questions = analogy_questions()
    by_pair = {(r, p): pair_split(r, p) for r, ps in pairs.items() for p in ps}
    for question in questions:  # both pairs of a question come from its own half
        assert by_pair[(question.relation, (question.b, question.c))] == question.split
        assert by_pair[(question.relation, (question.a, question.answer))] == question.split


def test_neighbour_overlap_of_a_table_with_itself_is_one():
    table = WordVectors(list("abcdefghijkl"), torch.randn(12, 4, generator=torch.Generator().manual_seed(0)))
    assert neighbour_overlap(table, table, words=12, top_k=3)["mean_jaccard"] == 1.0


def test_folder_round_trip_and_strict_errors(tmp_path):
    table = WordVectors(["a", "b"], torch.tensor([[1.0, 2.0], [3.0, 4.0]]), [5, 4])
    folder = save_word2vec(table, tmp_path / "w2v", {"vector_size": 2})
    loaded = load_word2vec(str(folder))
    assert loaded.words == ["a", "b"] and loaded.counts == [5, 4] and torch.equal(loaded.vectors, table.vectors)
    config = json.loads((folder / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps({**config, "vector_size": 3}))
    with pytest.raises(Word2VecError, match="shape"):
        load_word2vec(str(folder))
    (folder / "vocab.txt").unlink()
    with pytest.raises(Word2VecError, match=r"no vocab\.txt"):
        load_word2vec(str(folder))
    with pytest.raises(Word2VecError, match="not in the vocabulary"):
        table.nearest("zebra")


def test_shipped_model_ranks_queen_first(capsys):
    """The done-when check: `python -m core analogy king man woman --model tiny-word2vec` ranks queen first."""
    from core.cli import main

    assert main(["analogy", "king", "man", "woman", "--model", "tiny-word2vec", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["answers"][0]["word"] == "queen"
    assert result["excluded"] == ["king", "man", "woman"]


def test_shipped_model_files_and_record():
    """A few hundred kB of files, and training.json's analogy figures are those of the vectors it ships."""
    from core.analysis.analogies import accuracy_by_relation
    from core.model_folders import SHIPPED_MODELS_DIR

    folder = SHIPPED_MODELS_DIR / "tiny-word2vec"
    assert {p.name for p in folder.iterdir()} == {"config.json", "vectors.safetensors", "vocab.txt", "training.json"}
    assert sum(p.stat().st_size for p in folder.iterdir()) < 5_000_000
    record = json.loads((folder / "training.json").read_text())
    assert record["command"].startswith("python -m core train word2vec")
    vectors = load_word2vec("tiny-word2vec")
    assert record["analogies"] == accuracy_by_relation(vectors, analogy_questions(set(vectors.words)))


def test_analogy_command_names_an_unknown_word(capsys):
    from core.cli import main

    assert main(["analogy", "king", "man", "xyzzy", "--model", "tiny-word2vec"]) == 2
    assert "'xyzzy' is not in the vocabulary" in capsys.readouterr().err


def test_word_positions_find_the_pieces_of_the_chosen_occurrence():
    from core.analysis.contextual import WordNotInTextError, word_positions

    tokens = ["[CLS]", "it", "was", "an", "orange", "##s", "it", "[SEP]"]
    assert word_positions(tokens, ["it"], occurrence=1) == [6]
    assert word_positions(tokens, ["orange", "##s"]) == [4, 5]
    with pytest.raises(WordNotInTextError, match="'bank' does not occur"):
        word_positions(tokens, ["bank"])


def test_tiny_bert_moves_it_towards_its_antecedent():
    """The lecture's case on the shipped tiny-bert: at the last layer 'it' is nearer the animal when the animal
    was tired, nearer the street when the street was wide (measured margins 0.27 and 0.29), while the two
    sentences' 'it' start equal at the embeddings and word2vec keeps one vector."""
    from core.analysis.contextual import EXAMPLES, REFERENTS, context_shift, referent_similarity
    from core.bert.pipeline import load_pipeline

    pipeline = load_pipeline("tiny-bert")
    tired, wide = EXAMPLES["it"]
    by_tired = referent_similarity(pipeline, tired, "it", list(REFERENTS["it"]))
    by_wide = referent_similarity(pipeline, wide, "it", list(REFERENTS["it"]))
    assert by_tired["animal"][-1] > by_tired["street"][-1] + 0.1
    assert by_wide["street"][-1] > by_wide["animal"][-1] + 0.1
    shift = context_shift(pipeline, "it", tired, wide, static=load_word2vec("tiny-word2vec"))
    assert shift.layer_cosines[0] == pytest.approx(1.0, abs=1e-6) and shift.layer_cosines[-1] < 0.9
    assert shift.static_cosine == pytest.approx(1.0, abs=1e-6)
