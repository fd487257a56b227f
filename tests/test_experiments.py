import numpy as np

from utils import experiments, recipes
from utils.lab import make_lab_corpus


def test_lab_sentiment_embedding_is_reproducible_and_learns_the_task():
    lab = make_lab_corpus(seed=0, n_unlabeled=300, n_train=300, n_test=100, n_unseen_test=20)
    a = experiments.lab_sentiment_embedding(lab, seed=0)
    b = experiments.lab_sentiment_embedding(lab, seed=0)
    assert np.array_equal(a.vectors.vectors, b.vectors.vectors), "same seed, same vectors"
    assert a.test_accuracy >= 0.9
    assert not np.array_equal(a.vectors.vectors, a.untrained.vectors)
    assert a.vectors.vector_size == 16 and "good" in a.vectors


def test_lab_word2vec_uses_notebook_04_settings():
    lab = make_lab_corpus(seed=0, n_unlabeled=300, n_train=20, n_test=10, n_unseen_test=10)
    kv = experiments.lab_word2vec(lab, seed=0)
    assert kv.vector_size == recipes.LAB_WORD2VEC["vector_size"]
    assert "alps" in kv and "good" in kv
