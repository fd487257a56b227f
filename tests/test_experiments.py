import numpy as np
import pytest

from utils import experiments, recipes
from utils.lab import make_lab_corpus


@pytest.mark.slow
def test_lab_sentiment_embedding_is_reproducible_and_learns_the_task():
    lab = make_lab_corpus(seed=0, n_unlabeled=300, n_train=300, n_test=100, n_unseen_test=20)
    a = experiments.lab_sentiment_embedding(lab, seed=0)
    b = experiments.lab_sentiment_embedding(lab, seed=0)
    assert np.array_equal(a.vectors.vectors, b.vectors.vectors), "same seed, same vectors"
    assert a.test_accuracy >= 0.9
    assert not np.array_equal(a.vectors.vectors, a.untrained.vectors)
    assert a.vectors.vector_size == 16 and "good" in a.vectors


@pytest.mark.slow
def test_lab_word2vec_uses_notebook_04_settings():
    lab = make_lab_corpus(seed=0, n_unlabeled=300, n_train=20, n_test=10, n_unseen_test=10)
    kv = experiments.lab_word2vec(lab, seed=0)
    assert kv.vector_size == recipes.LAB_WORD2VEC["vector_size"]
    assert "alps" in kv and "good" in kv


@pytest.mark.slow
def test_polarity_embedding_is_reproducible_and_uses_its_recipe(monkeypatch):
    monkeypatch.delenv("COURSE_DATA", raising=False)
    a = experiments.polarity_embedding(seed=0)
    b = experiments.polarity_embedding(seed=0)
    assert np.array_equal(a.vectors.vectors, b.vectors.vectors), "same seed, same vectors"
    assert a.test_accuracy == b.test_accuracy
    assert a.vectors.vector_size == recipes.POLARITY_CLASSIFIER["dim"]
    assert not np.array_equal(a.vectors.vectors, a.untrained.vectors)
    assert "good" in a.vectors and len(a.vocab) > 500


@pytest.mark.slow
def test_cross_validation_predicts_every_document_once():
    docs = [["good", "fun"], ["bad", "dull"]] * 10
    labels = np.array([1, 0] * 10)
    cv = experiments.cross_validate_classifier(docs, labels, n_splits=4, seed=0, dim=4, max_len=3, epochs=30,
                                               batch_size=4, min_count=1)
    assert len(cv.fold_accuracies) == 4 and cv.correct.shape == (20,)
    assert cv.accuracy == 1.0 and cv.interval().n == 20


@pytest.mark.slow
def test_newsgroups_transfer_data_reuses_its_word2vec_and_rows_only_for_words_in_posts(tmp_cache, monkeypatch):
    from utils.corpora import LabeledDocs

    rng = np.random.default_rng(0)
    topics = [["orbit", "moon", "rocket", "launch"], ["god", "faith", "belief", "church"]]
    docs = [list(rng.choice(topics[i % 2], 8)) + ["the", "and"] for i in range(40)]
    labels = np.arange(40) % 2
    wiki = [list(rng.choice(topics[i % 2] + ["lunar", "deity", "the", "and", "of"], 12)) for i in range(400)]
    monkeypatch.setattr(experiments, "load_word2vec_corpus", lambda verbose=False: [list(s) for s in wiki])
    monkeypatch.setattr(experiments, "load_classification_corpus", lambda rng: LabeledDocs(
        docs, labels, ["space", "religion"], np.arange(30), np.arange(30, 40), "test posts"))
    plain = experiments.newsgroups_transfer_data(seed=0)  # notebook 04's vectors of the excerpt alone
    assert plain.unlabeled_tokens == sum(map(len, wiki))
    first = experiments.newsgroups_transfer_data(seed=0, with_posts=True)
    assert first.unlabeled_tokens == sum(map(len, wiki)) + sum(len(docs[i]) for i in range(30)), "training posts only"
    in_posts = {t for d in docs for t in d}
    kept = first.vocab.words[2:]
    assert set(kept) <= in_posts and "lunar" in first.vectors and "lunar" not in kept
    assert first.table.shape == (len(first.vocab), first.vectors.vector_size)

    def no_training(*args, **kwargs):
        raise AssertionError("trained again although the vectors were kept")

    monkeypatch.setattr(experiments, "train_word2vec", no_training)
    again = experiments.newsgroups_transfer_data(seed=0, with_posts=True)
    assert np.array_equal(again.table, first.table)
    assert np.array_equal(experiments.newsgroups_transfer_data(seed=0).table, plain.table)
    with pytest.raises((TypeError, ValueError)):
        experiments.newsgroups_transfer_data(seed=0, with_posts="yes")
