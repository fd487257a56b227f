"""Notebooks 08 and 09's pieces: co-occurrence counts, PPMI, GloVe and fastText built from Keras layers."""

from __future__ import annotations

import numpy as np
import pytest
from gensim.models.fasttext import compute_ngrams, ft_hash_bytes

import utils

TEXT = [["the", "cat", "sat", "on", "the", "mat"], ["a", "dog", "sat", "on", "a", "log"]] * 20


def _tiny():
    return utils.Word2VecCorpus.from_sentences([["the", "cat", "sat", "on", "the", "mat"], ["cat", "sat"]],
                                               min_count=1)


def test_cooccurrence_adds_one_over_distance_symmetrically_within_sentences():
    c = _tiny()
    x = utils.cooccurrence_matrix(c.ids, c.sentence, c.vocab_size, window=2).toarray()
    w = c.words.index
    assert np.array_equal(x, x.T)
    assert x[w("cat"), w("sat")] == 2.0  # neighbours in both sentences
    assert x[w("the"), w("sat")] == 1.0  # distance 2, twice
    assert x[w("cat"), w("on")] == 0.5
    assert x[w("mat"), w("cat")] == 0.0  # the windows stop at the sentence end
    flat = utils.cooccurrence_matrix(c.ids, c.sentence, c.vocab_size, window=2, weighting="flat").toarray()
    assert flat[w("the"), w("sat")] == 2.0


def test_ppmi_is_positive_pmi():
    counts = np.array([[0, 4, 1], [4, 0, 2], [1, 2, 0]], dtype=float)
    total, rows = counts.sum(), counts.sum(axis=1)
    pmi = np.log(counts * total / np.outer(rows, rows), where=counts > 0, out=np.full((3, 3), -np.inf))
    ppmi = utils.ppmi_matrix(counts, cds=1.0).toarray()
    assert np.allclose(ppmi, np.maximum(pmi, 0))


def test_glove_model_predicts_dot_plus_biases_and_its_loss_is_the_weighted_square():
    model = utils.build_glove_model(5, 3, jit_compile=False)
    w, c, bw, bc = (model.get_layer(n).get_weights()[0] for n in
                    ("word_embedding", "context_embedding", "word_bias", "context_bias"))
    i, j = np.array([1, 2, 4]), np.array([3, 0, 4])
    got = model.predict({"word": i, "context": j}, verbose=0)
    assert np.allclose(got, (w[i] * c[j]).sum(1) + bw[i, 0] + bc[j, 0], atol=1e-6)
    assert np.allclose(utils.glove_weights(np.array([1.0, 100.0, 500.0]), 100.0, 0.75), [0.01 ** 0.75, 1, 1])


@pytest.mark.slow
def test_train_glove_is_reproducible_and_returns_every_kept_word():
    a = utils.train_glove(TEXT, vector_size=4, window=2, min_count=1, epochs=2, jit_compile=False)
    b = utils.train_glove(TEXT, vector_size=4, window=2, min_count=1, epochs=2, jit_compile=False)
    assert set(a.index_to_key) == {t for s in TEXT for t in s}
    assert np.array_equal(a.vectors, b.vectors)


@pytest.mark.parametrize("word", ["where", "cities", "zürich", "a", "über-long"])
def test_char_ngrams_and_their_hash_match_gensim(word):
    assert sorted(utils.char_ngrams(word, 3, 6)) == sorted(compute_ngrams(word, 3, 6))
    for gram in utils.char_ngrams(word, 3, 6):
        assert utils.ngram_bucket(gram, 2**32) == ft_hash_bytes(gram.encode())
        assert utils.ngram_bucket(gram, 1000) == ft_hash_bytes(gram.encode()) % 1000


def test_subword_rows_are_the_word_then_its_ngram_buckets():
    sv = utils.SubwordVocab.build(["", "cat", "dog"], min_n=3, max_n=4, bucket=10)
    expected = [1] + [3 + utils.ngram_bucket(g, 10) for g in utils.char_ngrams("cat", 3, 4)]
    assert sv.rows[1][sv.rows[1] != 0].tolist() == expected
    assert sv.rows_of("cats")[0] >= 3, "an unknown word has only n-gram rows"


@pytest.mark.slow
def test_fasttext_vectors_answer_for_unseen_words_and_match_the_model():
    ft = utils.train_fasttext(TEXT, vector_size=4, window=2, min_count=1, epochs=1, bucket=50, sample=0,
                              batch_size=8, jit_compile=False)
    rows = ft.subwords.rows_of("cat")
    assert np.allclose(ft["cat"], ft.table[rows].mean(axis=0)) and np.allclose(ft.kv["cat"], ft["cat"], atol=1e-6)
    assert "cats" in ft and "cats" not in ft.kv and ft["cats"].shape == (4,)
    extended = ft.oov_keyed_vectors(["cats", "cat"])
    assert "cats" in extended and len(extended) == len(ft.kv) + 1


def test_held_out_words_follow_the_rule_and_the_seed():
    counts = {"tree": 9, "trees": 9, "lake": 9, "lakes": 9, "bird": 9, "birds": 2, "cat": 9, "cats": 9, "river": 9}
    args = (counts, ["river", "bird", "tree"])
    a = utils.pick_unseen_words(*args, plurals=5, benchmark_words_n=5, seed=0)
    # 'birds' is too rare, the stem of 'cats' too short; 'tree' is a stem, so it stays
    assert {w: s for w, s in a.items() if s} == {"trees": "tree", "lakes": "lake"}
    assert {w for w, s in a.items() if s is None} == {"river", "bird"}
    assert a == utils.pick_unseen_words(*args, plurals=5, benchmark_words_n=5, seed=0)
    assert utils.without_words([["the", "trees", "fell"]], a) == [["the", "fell"]]


@pytest.mark.parametrize("helper", ["wiki_glove", "wiki_fasttext"])
def test_notebook_07_helpers_refuse_a_bad_seed_before_any_work(helper):
    with pytest.raises(ValueError, match="seed"):
        getattr(utils, helper)(seed=-1)


@pytest.mark.slow
def test_notebook_07_helpers_train_once_then_reload_the_same_vectors(tmp_cache, monkeypatch):
    from utils import experiments, recipes

    monkeypatch.setattr(experiments, "_wiki_held_out", lambda mode: (TEXT, {}))
    monkeypatch.setattr(recipes, "WIKI_GLOVE", recipes.WIKI_GLOVE.but(vector_size=4, min_count=1, epochs=1))
    monkeypatch.setattr(recipes, "WIKI_FASTTEXT", recipes.WIKI_FASTTEXT.but(
        vector_size=4, window=2, min_count=1, epochs=1, bucket=50, sample=0))
    glove, ft = utils.wiki_glove(seed=0), utils.wiki_fasttext(seed=0)

    def boom(*args, **kwargs):
        raise AssertionError("trained again instead of reloading")

    monkeypatch.setattr(experiments, "train_glove", boom)
    monkeypatch.setattr(experiments, "train_fasttext", boom)
    glove_again, ft_again = utils.wiki_glove(seed=0), utils.wiki_fasttext(seed=0)
    assert glove_again.index_to_key == glove.index_to_key and np.array_equal(glove_again.vectors, glove.vectors)
    assert np.array_equal(ft_again.table, ft.table) and ft_again.kv.index_to_key == ft.kv.index_to_key
    assert np.array_equal(ft_again["cats"], ft["cats"]), "a reloaded fastText still answers for unseen words"
