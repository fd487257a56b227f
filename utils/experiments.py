"""The course's recurring experiments, each one call, so later notebooks and the bench retrain them alike.

Notebooks 03 and 04 build these step by step, because there the steps are the
lesson; notebooks 05 and 06 and ``make bench`` need the results. Each
function seeds Keras itself, so its result does not depend on what ran before.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import recipes
from .sources import data_plan

__all__ = [
    "TaskEmbedding",
    "lab_sentiment_embedding",
    "newsgroups_embedding",
    "lab_word2vec",
    "wiki_word2vec",
    "wiki_gensim_word2vec",
    "encode_splits",
    "newsgroups_transfer_data",
    "real_curves",
    "TransferData",
]

def real_curves() -> dict:
    """Notebook 06's real-text curve settings: :data:`utils.recipes.REAL_CURVES` with this mode's sizes."""
    return {"sizes": data_plan().real_curve_sizes, **recipes.REAL_CURVES}


@dataclass
class TaskEmbedding:
    """A classifier's trained embedding, with what is needed to judge it."""

    vectors: object  # gensim KeyedVectors
    untrained: object  # the same table before training
    test_accuracy: float
    model: object
    vocab: object


def _train_classifier(train_texts, train_labels, test_texts, test_labels, vocab, *, dim, max_len,
                      epochs, batch_size, seed) -> TaskEmbedding:
    import keras

    from .evaluation import keyed_vectors
    from .models import build_classifier, embedding_table, make_dataset

    keras.utils.set_random_seed(seed)
    model = build_classifier(len(vocab), dim, n_classes=2, max_len=max_len)
    untrained = keyed_vectors(embedding_table(model), vocab.words)
    train_ds = make_dataset(vocab.encode_batch(train_texts, max_len), train_labels,
                            batch_size=batch_size, shuffle=True, seed=seed)
    model.fit(train_ds, epochs=epochs, shuffle=False, verbose=0)
    test_ds = make_dataset(vocab.encode_batch(test_texts, max_len), test_labels, batch_size=256)
    accuracy = float(model.evaluate(test_ds, verbose=0)[1])
    return TaskEmbedding(keyed_vectors(embedding_table(model), vocab.words), untrained, accuracy,
                         model, vocab)


def lab_sentiment_embedding(lab, *, seed: int = 0) -> TaskEmbedding:
    """Notebook 03's sentiment classifier on the lab corpus (16 dims, 5 epochs)."""
    from .text import Vocabulary

    train, test = lab.sentiment_train, lab.sentiment_test
    vocab = Vocabulary.from_sentences(lab.unlabeled)
    max_len = max(len(t) for t in train.texts + test.texts)
    return _train_classifier(train.texts, train.labels, test.texts, test.labels, vocab, max_len=max_len,
                             seed=seed, **recipes.LAB_CLASSIFIER)


def newsgroups_embedding(*, seed: int = 0) -> TaskEmbedding:
    """Notebook 03's classifier on the real classification text.

    That is the 20 Newsgroups sample (150 posts to train, 50 to test), or IMDB
    with ``COURSE_DATA=full``.
    """
    from .sources import load_classification_corpus
    from .text import Vocabulary

    corpus = load_classification_corpus(np.random.default_rng(seed))
    docs, labels, train_idx, test_idx = corpus.docs, corpus.labels, corpus.train_idx, corpus.test_idx
    settings = dict(recipes.REAL_CLASSIFIER)
    vocab = Vocabulary.from_sentences([docs[i] for i in train_idx], min_count=settings.pop("min_count"))
    return _train_classifier([docs[i] for i in train_idx], labels[train_idx],
                             [docs[i] for i in test_idx], labels[test_idx], vocab, seed=seed, **settings)


def lab_word2vec(lab, *, seed: int = 0):
    """Keras skip-gram on the lab corpus's unlabeled sentences (notebook 04's settings)."""
    from .word2vec import train_word2vec

    return train_word2vec(lab.unlabeled, seed=seed, verbose=0, **recipes.LAB_WORD2VEC)


def _scaled(settings: dict) -> dict:
    return {**settings, "epochs": data_plan().word2vec_epochs(settings["epochs"])}


def wiki_word2vec(*, seed: int = 0, verbose: int = 0):
    """Keras skip-gram on the word2vec text (notebook 04's settings: 2 epochs on the Wikipedia excerpt).

    With ``COURSE_DATA=full`` the text is text8 and the epochs are scaled by
    :meth:`utils.sources.DataPlan.word2vec_epochs`.
    """
    from .sources import load_word2vec_corpus
    from .word2vec import train_word2vec

    return train_word2vec(load_word2vec_corpus(verbose=bool(verbose)), seed=seed, verbose=verbose,
                          **_scaled(recipes.WIKI_SKIPGRAM))


def wiki_gensim_word2vec():
    """gensim skip-gram on the word2vec text as notebook 04 trains it (one worker, seed 0, cached)."""
    from .evaluation import gensim_word2vec
    from .sources import load_word2vec_corpus

    return gensim_word2vec(load_word2vec_corpus(), **_scaled(recipes.WIKI_GENSIM))


def encode_splits(vocab, splits: dict, max_len: int | None = None) -> dict:
    """``{name: (ids, labels)}`` for ``{name: LabeledTexts}``, padded to one common length."""
    if max_len is None:
        max_len = max(len(t) for split in splits.values() for t in split.texts)
    return {name: (vocab.encode_batch(split.texts, max_len), split.labels) for name, split in splits.items()}


@dataclass
class TransferData:
    """Notebook 06's real task: encoded posts, and the word2vec table that can start the embedding."""

    train: tuple
    test: tuple
    table: np.ndarray
    vocab: object
    vectors: object  # the word2vec KeyedVectors
    unlabeled_tokens: int


def newsgroups_transfer_data(*, seed: int = 0, verbose: int = 0) -> TransferData:
    """The real classification text split as in notebook 03; word2vec on its text plus the training posts.

    The training posts join word2vec's text *without* their labels (the
    usual semi-supervised setting); the test posts do not. The classifier's
    vocabulary is word2vec's, so every row of the table has a vector; other
    words map to ``[UNK]``.
    """
    from .sources import load_classification_corpus, load_word2vec_corpus
    from .text import Vocabulary
    from .transfer import pretrained_table
    from .word2vec import train_word2vec

    corpus = load_classification_corpus(np.random.default_rng(seed))
    docs, labels, train_idx, test_idx = corpus.docs, corpus.labels, corpus.train_idx, corpus.test_idx
    unlabeled = load_word2vec_corpus() + [docs[i] for i in train_idx]
    kv = train_word2vec(unlabeled, seed=seed, verbose=verbose, **_scaled(recipes.WIKI_SKIPGRAM))
    vocab = Vocabulary(kv.index_to_key)
    table, _ = pretrained_table(vocab, kv)
    x = vocab.encode_batch(docs, recipes.REAL_MAX_LEN)
    return TransferData((x[train_idx], labels[train_idx]), (x[test_idx], labels[test_idx]), table, vocab, kv,
                        sum(map(len, unlabeled)))
