"""The course's recurring experiments, each one call, so later notebooks and the bench retrain them alike.

Notebooks 03 and 04 build these step by step, because there the steps are the
lesson; notebooks 06 and 07 and ``make bench`` need the results. Each
function seeds Keras itself, so its result does not depend on what ran before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np

from . import recipes
from .arguments import flag, integer, one_of
from .corpora import (
    LabeledDocs,
    data_plan,
    load_classification_corpus,
    load_sentiment_corpus,
    load_word2vec_corpus,
)
from .data import load_simlex999, load_wordsim353
from .fasttext import FastTextVectors, SubwordVocab, pick_unseen_words, train_fasttext, without_words
from .glove import train_glove
from .intervals import Interval, accuracy_interval, seed_interval
from .lab import LabCorpus
from .models import build_classifier, embedding_table, keyed_vectors
from .text import Vocabulary, encode_splits, make_dataset
from .transfer import pretrained_table
from .word2vec import (
    Word2VecCorpus,
    gensim_word2vec,
    load_trained_vectors,
    save_trained_vectors,
    train_word2vec,
)

__all__ = [
    "TaskEmbedding",
    "lab_sentiment_embedding",
    "newsgroups_embedding",
    "polarity_embedding",
    "newsgroups_gensim_word2vec",
    "CrossValidation",
    "cross_validate_classifier",
    "sentiment_cross_validation",
    "lab_word2vec",
    "wiki_word2vec",
    "wiki_gensim_word2vec",
    "held_out_text",
    "wiki_glove",
    "wiki_fasttext",
    "encode_splits",  # defined in utils.text; notebooks 07, A5 and A6 call it from here
    "newsgroups_transfer_data",
    "real_curves",
    "TransferData",
]

def real_curves() -> dict:
    """Notebook 07's real-text curve settings: :data:`utils.recipes.REAL_CURVES` with this mode's sizes."""
    return {"sizes": data_plan().real_curve_sizes, **recipes.REAL_CURVES}


@dataclass
class TaskEmbedding:
    """A classifier's trained embedding, with what is needed to judge it.

    Returned by :func:`polarity_embedding` (notebook 03, section "A real sentiment task: movie-review sentences")
    and the other trainings of this module (notebook 06).
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


def _split_embedding(corpus: LabeledDocs, recipe: dict, *, seed: int, build: Callable | None) -> TaskEmbedding:
    """The classifier of ``recipe`` trained on ``corpus``'s training documents, its vocabulary from those only."""
    settings = dict(recipe)
    train_docs = [corpus.docs[i] for i in corpus.train_idx]
    vocab = Vocabulary.from_sentences(train_docs, min_count=settings.pop("min_count"))
    return _train_classifier(train_docs, corpus.labels[corpus.train_idx], [corpus.docs[i] for i in corpus.test_idx],
                             corpus.labels[corpus.test_idx], vocab, seed=seed, build=build, **settings)


def newsgroups_embedding(*, seed: int = 0, build: Callable | None = None) -> TaskEmbedding:
    """The topic classifier on the real classification text, with :data:`utils.recipes.REAL_CLASSIFIER`.

    That is the 20 Newsgroups sample (150 posts to train, 50 to test), or IMDB
    with ``COURSE_DATA=full``. ``build`` as in :func:`polarity_embedding`.
    Notebook 03's classifier on a topic task, as a control: appendices A3, A4 and A6 compare it with
    the sentiment classifier.
    """
    integer("seed", seed, 0)
    corpus = load_classification_corpus(np.random.default_rng(seed))
    return _split_embedding(corpus, recipes.REAL_CLASSIFIER, seed=seed, build=build)


def newsgroups_gensim_word2vec(*, seed: int = 0):
    """gensim word2vec on the training posts of :func:`newsgroups_embedding` (the text, not the labels).

    The control of appendix A3 (notebook 03's classifier on a topic task), section
    "Human similarity judgements with controls":
    the same posts the classifier learned from, but word2vec's objective.
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
    return _split_embedding(corpus, recipes.POLARITY_CLASSIFIER, seed=seed, build=build)


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


def lab_word2vec(lab, *, seed: int = 0):
    """Keras skip-gram on the lab corpus's unlabeled sentences (notebook 04's settings)."""
    _check_lab(lab)
    return train_word2vec(lab.unlabeled, seed=seed, verbose=0, **recipes.LAB_WORD2VEC)


#: The name notebook 04 saves its Keras skip-gram under, for :func:`wiki_word2vec`.
WIKI_SKIPGRAM_SAVED = "keras_skipgram"
#: The name the skip-gram on the Wikipedia excerpt plus the training posts is kept under (notebook 07, exercise 3).
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
    saved. Notebooks 05 to 08 and appendices A1, A4, A5 and A6 reuse them. With ``COURSE_DATA=full`` the text
    is text8 and the epochs are scaled by :meth:`utils.corpora.DataPlan.word2vec_epochs`.
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
    """gensim skip-gram on the word2vec text as notebook 05 trains it (one worker, seed 0, cached)."""
    return gensim_word2vec(load_word2vec_corpus(), **_scaled(recipes.WIKI_GENSIM))


#: The names notebook 08's GloVe and notebook 09's fastText are kept under (:func:`wiki_glove`, :func:`wiki_fasttext`).
WIKI_GLOVE_SAVED, WIKI_FASTTEXT_SAVED = "keras_glove", "keras_fasttext_table"


@cache
def _wiki_held_out(mode: str) -> tuple[list, dict]:
    # Notebook 08, section 1: the word2vec text without its held-out words (``mode`` keys the cache).
    wiki = load_word2vec_corpus(verbose=False)
    full = Word2VecCorpus.from_sentences(wiki, min_count=1)
    benchmark_words = {w for p in load_wordsim353() + load_simlex999() for w in (p.word1, p.word2)}
    held_out = pick_unseen_words(dict(zip(full.words[1:], full.counts[1:].tolist())), benchmark_words,
                                 **recipes.HELD_OUT_WORDS)
    return without_words(wiki, held_out), held_out


def held_out_text() -> tuple[list[list[str]], dict]:
    """The word2vec text without notebook 08's held-out words, and those words.

    Notebook 08, section 1, builds both step by step; notebook 09 calls this to get the same
    text. The dict maps each held-out word to its stem (a plural whose stem stays in the text)
    or to None (another benchmark word). Computed once per data mode and shared:
    do not modify what it returns.
    """
    return _wiki_held_out(data_plan().mode)

def wiki_glove(*, seed: int = 0):
    """Keras GloVe on notebook 08's text (the word2vec text without its held-out words), as ``W + W~``.

    Notebook 08, section "GloVe", trains it with :data:`utils.recipes.WIKI_GLOVE`
    (:func:`utils.train_glove`: the co-occurrence counts, then :func:`utils.fit_glove`)
    and keeps it in the data cache; appendix A6 reloads it. Found again only for
    the same text, recipe, seed and Keras stack; otherwise trained here, and saved.
    """
    integer("seed", seed, 0)
    text, _ = _wiki_held_out(data_plan().mode)
    params = {"seed": seed, **recipes.WIKI_GLOVE}
    kv = load_trained_vectors(WIKI_GLOVE_SAVED, text, params)
    if kv is None:
        kv = train_glove(text, **params)
        save_trained_vectors(kv, WIKI_GLOVE_SAVED, text, params)
    return kv


def wiki_fasttext(*, seed: int = 0) -> FastTextVectors:
    """Keras fastText on notebook 08's text, as :class:`utils.fasttext.FastTextVectors` (any word gets a vector).

    Notebook 09, section "fastText", trains it with :data:`utils.recipes.WIKI_FASTTEXT`
    (:func:`utils.train_fasttext`); the whole input table (word rows, then n-gram
    buckets) is kept in the data cache, so a reload answers for unseen words too.
    Appendix A6 reloads it. Same caching rule as :func:`wiki_glove`.
    """
    integer("seed", seed, 0)
    text, _ = _wiki_held_out(data_plan().mode)
    recipe = recipes.WIKI_FASTTEXT
    params = {"seed": seed, **recipe}
    saved = load_trained_vectors(WIKI_FASTTEXT_SAVED, text, params)
    if saved is None:
        ft = train_fasttext(text, **params)
        rows = ["<padding>", *ft.subwords.words[1:], *(f"<bucket {b}>" for b in range(recipe["bucket"]))]
        save_trained_vectors(keyed_vectors(ft.table, rows), WIKI_FASTTEXT_SAVED, text, params)
        return ft
    words = Word2VecCorpus.from_sentences(text, min_count=recipe["min_count"]).words
    subwords = SubwordVocab.build(words, min_n=recipe["min_n"], max_n=recipe["max_n"], bucket=recipe["bucket"])
    return FastTextVectors(saved.vectors, subwords)


@dataclass
class TransferData:
    """Notebook 07's real task: encoded posts, and the word2vec table that can start the embedding."""

    train: tuple
    test: tuple
    table: np.ndarray
    vocab: object
    vectors: object  # the word2vec KeyedVectors
    unlabeled_tokens: int


def newsgroups_transfer_data(*, seed: int = 0, verbose: int = 0, with_posts: bool = False) -> TransferData:
    """The real classification text split as in notebook 03, and a word2vec table for its posts.

    The word2vec is notebook 04's Keras skip-gram on the Wikipedia excerpt (:func:`wiki_word2vec`,
    saved by notebook 04 or trained here). With ``with_posts`` (notebook 07's exercise 3) it is
    instead trained on the excerpt plus the training posts *without* their labels (the usual
    semi-supervised setting; the test posts are never used), and kept with
    :func:`utils.save_trained_vectors`. The classifier's vocabulary is the word2vec words that occur
    in the posts (training or test), so every row of the table has a vector and no row is one that
    no post can look up; other words map to ``[UNK]``.
    """
    flag("with_posts", with_posts)
    corpus = load_classification_corpus(np.random.default_rng(seed))
    docs, labels, train_idx, test_idx = corpus.docs, corpus.labels, corpus.train_idx, corpus.test_idx
    if with_posts:
        unlabeled = load_word2vec_corpus() + [docs[i] for i in train_idx]
        params = dict(seed=seed, **_scaled(recipes.WIKI_SKIPGRAM))
        kv = load_trained_vectors(NEWS_SKIPGRAM_SAVED, unlabeled, params)
        if kv is None:
            kv = train_word2vec(unlabeled, verbose=verbose, **params)
            save_trained_vectors(kv, NEWS_SKIPGRAM_SAVED, unlabeled, params)
    else:
        unlabeled = load_word2vec_corpus()
        kv = wiki_word2vec(seed=seed, verbose=verbose)
    in_posts = {t for doc in docs for t in doc}
    vocab = Vocabulary([w for w in kv.index_to_key if w in in_posts])
    table, _ = pretrained_table(vocab, kv)
    x = vocab.encode_batch(docs, recipes.REAL_MAX_LEN)
    return TransferData((x[train_idx], labels[train_idx]), (x[test_idx], labels[test_idx]), table, vocab, kv,
                        sum(map(len, unlabeled)))
