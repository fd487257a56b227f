"""The course's recurring experiments, each one call, so later notebooks and the bench retrain them alike.

Notebooks 03 and 04 build these step by step, because there the steps are the
lesson; notebooks 05 and 06 and ``make bench`` need the results. Each
function seeds Keras itself, so its result does not depend on what ran before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import recipes
from .checks import finite_array, integer, one_of, word_vectors
from .data import load_vader_lexicon
from .intervals import Interval, accuracy_interval, seed_interval, spearman_interval
from .lab import LabCorpus
from .models import build_classifier, embedding_table, keyed_vectors
from .sources import data_plan, load_classification_corpus, load_sentiment_corpus, load_word2vec_corpus
from .text import Vocabulary, make_dataset
from .transfer import pretrained_table
from .word2vec import gensim_word2vec, load_trained_vectors, save_trained_vectors, train_word2vec

__all__ = [
    "TaskEmbedding",
    "lab_sentiment_embedding",
    "newsgroups_embedding",
    "polarity_embedding",
    "newsgroups_gensim_word2vec",
    "CrossValidation",
    "cross_validate_classifier",
    "sentiment_cross_validation",
    "valence_spearman",
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
    """A classifier's trained embedding, with what is needed to judge it.

    Returned by :func:`polarity_embedding` (notebook 03, section "A real sentiment task: movie-review sentences")
    and the other trainings of this module (notebook 05).
    """

    vectors: object  # gensim KeyedVectors
    untrained: object  # the same table before training
    test_accuracy: float
    model: object
    vocab: object
    test_correct: np.ndarray | None = None  # right or wrong, one entry per test document

    def test_interval(self, **kwargs) -> Interval:
        """:attr:`test_accuracy` with a bootstrap interval over the test documents."""
        if self.test_correct is None:
            raise ValueError("this TaskEmbedding was made without per-document test results")
        return accuracy_interval(self.test_correct, **kwargs)


def _default_build(vocab_size: int, dim: int, max_len: int):
    return build_classifier(vocab_size, dim, n_classes=2, max_len=max_len)


def _check_build(build) -> Callable:
    if build is None:
        return _default_build
    if not callable(build):
        raise TypeError(f"build must be a function (vocab_size, dim, max_len) -> compiled model, got {build!r}")
    return build


def _train_classifier(train_texts, train_labels, test_texts, test_labels, vocab, *, dim, max_len,
                      epochs, batch_size, seed, build=None) -> TaskEmbedding:
    import keras

    if len(test_texts) == 0:
        raise ValueError("no test document")
    keras.utils.set_random_seed(seed)
    model = _check_build(build)(len(vocab), dim, max_len)
    untrained = keyed_vectors(embedding_table(model), vocab.words)
    train_ds = make_dataset(vocab.encode_batch(train_texts, max_len), train_labels,
                            batch_size=batch_size, shuffle=True, seed=seed)
    model.fit(train_ds, epochs=epochs, shuffle=False, verbose=0)
    # Calling the model (not ``predict``, which compiles a new function per model) in chunks.
    x_test = vocab.encode_batch(test_texts, max_len)
    probabilities = np.concatenate([np.asarray(model(x_test[i:i + 1024], training=False))
                                    for i in range(0, len(x_test), 1024)])
    correct = (probabilities[:, 0] > 0.5).astype(int) == np.asarray(test_labels)
    return TaskEmbedding(keyed_vectors(embedding_table(model), vocab.words), untrained, float(np.mean(correct)),
                         model, vocab, correct)


def lab_sentiment_embedding(lab, *, seed: int = 0) -> TaskEmbedding:
    """Notebook 03's sentiment classifier on the lab corpus (16 dims, 5 epochs)."""
    _check_lab(lab)
    integer("seed", seed, 0)
    train, test = lab.sentiment_train, lab.sentiment_test
    vocab = Vocabulary.from_sentences(lab.unlabeled)
    max_len = max(len(t) for t in train.texts + test.texts)
    return _train_classifier(train.texts, train.labels, test.texts, test.labels, vocab, max_len=max_len,
                             seed=seed, **recipes.LAB_CLASSIFIER)


def newsgroups_embedding(*, seed: int = 0, build: Callable | None = None) -> TaskEmbedding:
    """Notebook 03's classifier on the real classification text.

    That is the 20 Newsgroups sample (150 posts to train, 50 to test), or IMDB
    with ``COURSE_DATA=full``. ``build`` as in :func:`polarity_embedding`.
    """
    integer("seed", seed, 0)
    corpus = load_classification_corpus(np.random.default_rng(seed))
    docs, labels, train_idx, test_idx = corpus.docs, corpus.labels, corpus.train_idx, corpus.test_idx
    settings = dict(recipes.REAL_CLASSIFIER)
    vocab = Vocabulary.from_sentences([docs[i] for i in train_idx], min_count=settings.pop("min_count"))
    return _train_classifier([docs[i] for i in train_idx], labels[train_idx],
                             [docs[i] for i in test_idx], labels[test_idx], vocab, seed=seed, build=build,
                             **settings)


def newsgroups_gensim_word2vec(*, seed: int = 0):
    """gensim word2vec on the training posts of :func:`newsgroups_embedding` (the text, not the labels).

    The control of notebook 03's section "Human similarity judgements": the
    same posts the classifier learned from, but word2vec's objective.
    Settings: :data:`utils.recipes.NEWS_GENSIM_WORD2VEC`; one worker, cached.
    """
    integer("seed", seed, 0)
    corpus = load_classification_corpus(np.random.default_rng(seed), verbose=False)
    return gensim_word2vec([corpus.docs[i] for i in corpus.train_idx], verbose=False, seed=seed,
                           **recipes.NEWS_GENSIM_WORD2VEC)


def polarity_embedding(*, seed: int = 0, build: Callable | None = None) -> TaskEmbedding:
    """Notebook 03's classifier on the real sentiment text, with :data:`utils.recipes.POLARITY_CLASSIFIER`.

    That is the movie-review polarity sample (150 sentences to train, 50 to
    test, split by ``seed``), or IMDB with ``COURSE_DATA=full``. The
    vocabulary holds the training sentences' words. ``build(vocab_size, dim,
    max_len)`` makes the compiled model (default: :func:`utils.build_classifier`);
    notebook 03 passes the classifier it writes out. Taught in notebook 03,
    section "A real sentiment task".
    """
    integer("seed", seed, 0)
    corpus = load_sentiment_corpus(np.random.default_rng(seed))
    docs, labels, train_idx, test_idx = corpus.docs, corpus.labels, corpus.train_idx, corpus.test_idx
    settings = dict(recipes.POLARITY_CLASSIFIER)
    vocab = Vocabulary.from_sentences([docs[i] for i in train_idx], min_count=settings.pop("min_count"))
    return _train_classifier([docs[i] for i in train_idx], labels[train_idx],
                             [docs[i] for i in test_idx], labels[test_idx], vocab, seed=seed, build=build,
                             **settings)


def _check_lab(lab) -> None:
    if not isinstance(lab, LabCorpus):
        raise TypeError(f"lab must be the lab corpus (utils.make_lab_corpus(seed)), got {type(lab).__name__}")


@dataclass
class CrossValidation:
    """Out-of-fold results of a classifier: accuracy per fold, and right/wrong for every document.

    Returned by :func:`sentiment_cross_validation` (notebook 03, section "A real sentiment task: movie-review
    sentences").
    """

    fold_accuracies: list[float]
    correct: np.ndarray  # one bool per document, predicted by the fold that did not train on it

    @property
    def accuracy(self) -> float:
        """Share of documents predicted right by the model that did not see them."""
        return float(np.mean(self.correct))

    def interval(self, **kwargs) -> Interval:
        """Bootstrap interval of :attr:`accuracy` over the documents (out-of-fold predictions pooled)."""
        return accuracy_interval(self.correct, **kwargs)

    def fold_interval(self) -> Interval:
        """Student-t interval of the mean accuracy over the folds."""
        return seed_interval(self.fold_accuracies)


def cross_validate_classifier(docs, labels, *, n_splits: int, seed: int, dim: int, max_len: int, epochs: int,
                              batch_size: int, min_count: int, build: Callable | None = None) -> CrossValidation:
    """Stratified ``n_splits``-fold cross-validation of the classifier on tokenized ``docs``.

    Each fold builds its vocabulary from its own training documents only, so
    no word of a held-out document leaks into the table.

    Used by :func:`sentiment_cross_validation` (notebook 03, section "A real sentiment task: movie-review
    sentences").
    """
    from sklearn.model_selection import StratifiedKFold

    integer("seed", seed, 0)
    labels = np.asarray(labels)
    if len(docs) != len(labels):
        raise ValueError(f"{len(docs)} documents but {len(labels)} labels")
    integer("n_splits", n_splits, 2)
    for name, value in (("dim", dim), ("max_len", max_len), ("epochs", epochs), ("batch_size", batch_size),
                        ("min_count", min_count)):
        integer(name, value, 1)
    correct = np.zeros(len(docs), dtype=bool)
    folds = []
    splitter = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    for train_idx, test_idx in splitter.split(np.zeros(len(labels)), labels):
        vocab = Vocabulary.from_sentences([docs[i] for i in train_idx], min_count=min_count)
        result = _train_classifier([docs[i] for i in train_idx], labels[train_idx], [docs[i] for i in test_idx],
                                   labels[test_idx], vocab, dim=dim, max_len=max_len, epochs=epochs,
                                   batch_size=batch_size, seed=seed, build=build)
        correct[test_idx] = result.test_correct
        folds.append(result.test_accuracy)
    return CrossValidation(folds, correct)


def sentiment_cross_validation(*, build: Callable | None = None) -> CrossValidation:
    """Notebook 03's cross-validated accuracy of the polarity classifier on every sentence.

    Settings: :data:`utils.recipes.POLARITY_CLASSIFIER` and
    :data:`utils.recipes.POLARITY_CV`. In full mode the documents are all
    50,000 IMDB reviews (slow: one training per fold). Taught in notebook 03,
    section "A real sentiment task".
    """
    cv = dict(recipes.POLARITY_CV)
    corpus = load_sentiment_corpus(np.random.default_rng(cv["seed"]))
    return cross_validate_classifier(corpus.docs, corpus.labels, build=build, **cv, **recipes.POLARITY_CLASSIFIER)


def valence_spearman(kv, direction: np.ndarray, *, max_std: float | None = None, seed: int = 0) -> Interval:
    """Spearman correlation between the words' coordinates along ``direction`` and VADER's human ratings.

    The words are those ``kv`` shares with :func:`utils.load_vader_lexicon`
    (``max_std`` as there); the interval is a bootstrap over those words and
    its ``n`` is their number. Taught in notebook 03, section "Polarity
    against human ratings".
    """
    word_vectors("kv", kv)
    integer("seed", seed, 0)
    direction = finite_array("direction", direction, ndim=1).astype(float)
    if direction.shape != (kv.vector_size,):
        raise ValueError(f"direction must have shape ({kv.vector_size},), got {direction.shape}")
    if not np.all(np.isfinite(direction)) or not np.any(direction):
        raise ValueError("direction must be finite and not all zeros")
    ratings = load_vader_lexicon(max_std=max_std)
    words = [w for w in kv.index_to_key if w in ratings]
    if len(words) < 3:
        raise ValueError(f"only {len(words)} word(s) shared with the VADER lexicon: too few for a correlation")
    coordinates = np.stack([kv[w] for w in words]) @ direction
    if not np.all(np.isfinite(coordinates)):
        raise ValueError("the table holds non-finite values (did the training diverge?)")
    return spearman_interval(coordinates, [ratings[w].mean for w in words], seed=seed)


def lab_word2vec(lab, *, seed: int = 0):
    """Keras skip-gram on the lab corpus's unlabeled sentences (notebook 04's settings)."""
    _check_lab(lab)
    return train_word2vec(lab.unlabeled, seed=seed, verbose=0, **recipes.LAB_WORD2VEC)


#: The name notebook 04 saves its Keras skip-gram under, for :func:`wiki_word2vec`.
WIKI_SKIPGRAM_SAVED = "keras_skipgram"
#: The name notebook 06's skip-gram on the Wikipedia excerpt plus the training posts is kept under.
NEWS_SKIPGRAM_SAVED = "keras_skipgram_news"


def _scaled(settings: dict) -> dict:
    return {**settings, "epochs": data_plan().word2vec_epochs(settings["epochs"])}


def _wiki_word2vec_inputs(*, seed: int, verbose: bool = False) -> tuple[str, list, dict]:
    # Also read by tools.book, to know whether notebook 04's vectors are already saved.
    return WIKI_SKIPGRAM_SAVED, load_word2vec_corpus(verbose=verbose), dict(seed=seed, **_scaled(recipes.WIKI_SKIPGRAM))


def wiki_word2vec(*, seed: int = 0, verbose: int = 0):
    """Keras skip-gram on the word2vec text (notebook 04's recipe, on the Wikipedia excerpt).

    The vectors notebook 04 saved (section "Training it", with
    :func:`utils.save_trained_vectors`) when they match this text, recipe,
    seed and Keras stack; otherwise trained here with the same recipe, and
    saved. Notebooks 05 and 07 reuse them. With ``COURSE_DATA=full`` the text
    is text8 and the epochs are scaled by :meth:`utils.sources.DataPlan.word2vec_epochs`.
    """
    integer("seed", seed, 0)
    one_of("verbose", verbose, (0, 1, 2))
    name, sentences, params = _wiki_word2vec_inputs(seed=seed, verbose=bool(verbose))
    kv = load_trained_vectors(name, sentences, params)
    if kv is None:
        kv = train_word2vec(sentences, verbose=verbose, **params)
        save_trained_vectors(kv, WIKI_SKIPGRAM_SAVED, sentences, params)
    return kv


def wiki_gensim_word2vec():
    """gensim skip-gram on the word2vec text as notebook 04 trains it (one worker, seed 0, cached)."""
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
    usual semi-supervised setting); the test posts do not. The word2vec
    model is trained once and kept with :func:`utils.save_trained_vectors`
    (keyed by this text, the recipe, the seed and the Keras stack). The
    classifier's vocabulary is the word2vec words that occur in the posts
    (training or test), so every row of the table has a vector and no row
    is one that no post can look up; other words map to ``[UNK]``.
    """
    corpus = load_classification_corpus(np.random.default_rng(seed))
    docs, labels, train_idx, test_idx = corpus.docs, corpus.labels, corpus.train_idx, corpus.test_idx
    unlabeled = load_word2vec_corpus() + [docs[i] for i in train_idx]
    params = dict(seed=seed, **_scaled(recipes.WIKI_SKIPGRAM))
    kv = load_trained_vectors(NEWS_SKIPGRAM_SAVED, unlabeled, params)
    if kv is None:
        kv = train_word2vec(unlabeled, verbose=verbose, **params)
        save_trained_vectors(kv, NEWS_SKIPGRAM_SAVED, unlabeled, params)
    in_posts = {t for doc in docs for t in doc}
    vocab = Vocabulary([w for w in kv.index_to_key if w in in_posts])
    table, _ = pretrained_table(vocab, kv)
    x = vocab.encode_batch(docs, recipes.REAL_MAX_LEN)
    return TransferData((x[train_idx], labels[train_idx]), (x[test_idx], labels[test_idx]), table, vocab, kv,
                        sum(map(len, unlabeled)))
