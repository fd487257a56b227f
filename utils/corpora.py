"""Which corpus each lesson reads: the offline default, or full-size data behind one switch.

The switch is the environment variable ``COURSE_DATA``:

=========  ==============================================  ==========================================
value      classification text                             word2vec text
=========  ==============================================  ==========================================
``small``  20 Newsgroups sample shipped with gensim        Wikipedia excerpt shipped with gensim
(default)  (200 posts; 150 train / 50 test)                (106 articles, ~450k tokens)
``full``   IMDB reviews (25,000 train / 25,000 test),      text8 (the first 10^8 bytes of English
           ``imdb.npz`` as ``keras.datasets.imdb`` uses it  Wikipedia, cleaned; ~17M tokens)
=========  ==============================================  ==========================================

The sentiment text of notebook 03 (:func:`load_sentiment_corpus`) is the
movie-review polarity sample shipped with gensim (200 sentences; 150 train /
50 test) in the default mode, and the same IMDB reviews in full mode.

Set it before starting Jupyter (``COURSE_DATA=full make lab``). The notebooks
run the same code in both modes; only the sources, sizes and epochs in
:class:`DataPlan` change. Full-size files are downloaded once into
``<cache>/full/`` (see :func:`utils.data.cache_dir`) by the readers
:func:`utils.downloads.load_imdb` and :func:`utils.downloads.load_text8`; IMDB is
checked against the checksum Keras publishes. This module only chooses between
sources; :mod:`utils.data` reads the offline files. Without a network the full mode fails within seconds with
:class:`~utils.data.DataSourceError`, saying what could not be reached and how
to go back to the default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from .arguments import flag, generator
from .data import load_newsgroups_sample, load_polarity_sample, load_wiki_excerpt
from .downloads import DATA_ENV, load_imdb, load_text8

__all__ = [
    "DATA_ENV",
    "DataPlan",
    "PLANS",
    "LabeledDocs",
    "data_mode",
    "data_plan",
    "describe_data",
    "load_classification_corpus",
    "load_sentiment_corpus",
    "load_word2vec_corpus",
]


@dataclass(frozen=True)
class DataPlan:
    """What one mode uses: sources, sizes and training lengths.

    Returned by :func:`data_plan` (the first cells of notebooks 04 to 08).
    """

    mode: str
    classification_source: str
    sentiment_source: str
    word2vec_source: str
    #: Multiplies the epochs of every word2vec training (text8 is ~38x the excerpt).
    word2vec_epoch_factor: float
    #: Labeled-set sizes of notebook 07's real-text learning curves.
    real_curve_sizes: tuple[int, ...]
    download: str

    def word2vec_epochs(self, epochs: int) -> int:
        """``epochs`` as tuned on the small text, scaled for this mode's word2vec text (at least 1)."""
        return max(1, round(epochs * self.word2vec_epoch_factor))


PLANS = {
    "small": DataPlan("small", "20 Newsgroups sample (200 posts, shipped with gensim)",
                      "movie-review polarity sample (200 sentences, shipped with gensim)",
                      "Wikipedia excerpt (106 articles, shipped with gensim)", 1.0,
                      (4, 8, 16, 64, 150), "nothing"),
    "full": DataPlan("full", "IMDB reviews (25,000 train / 25,000 test)",
                     "IMDB reviews (25,000 train / 25,000 test)",
                     "text8 (first 10^8 bytes of English Wikipedia, ~17M tokens)", 0.25,
                     (4, 16, 64, 256, 1024, 4096), "about 50 MB, once"),
}


def data_mode() -> str:
    """The mode chosen by ``COURSE_DATA``: ``"small"`` (default) or ``"full"``.

    Used by :func:`data_plan` and :func:`describe_data`, which notebooks 03 to 08 print in their first cells.
    """
    value = os.environ.get(DATA_ENV, "small").strip().lower() or "small"
    if value not in PLANS:
        raise ValueError(f"{DATA_ENV}={value!r} is not a mode; use one of {sorted(PLANS)} (default: small)")
    return value


def data_plan() -> DataPlan:
    """The :class:`DataPlan` of the current mode.

    Notebooks 04 to 08 read it in their first cells, before their first section.
    """
    return PLANS[data_mode()]


def describe_data() -> str:
    """One paragraph for a notebook's first cells: the mode, its sources, and how to switch."""
    plan = data_plan()
    other = "full" if plan.mode == "small" else "small"
    return (f"data mode: {plan.mode} ({DATA_ENV}={plan.mode}); downloads: {plan.download}\n"
            f"  classification text: {plan.classification_source}\n"
            f"  sentiment text:      {plan.sentiment_source}\n"
            f"  word2vec text:       {plan.word2vec_source}\n"
            f"  to switch, restart Jupyter with {DATA_ENV}={other}")


@dataclass
class LabeledDocs:
    """Tokenized documents with labels and the train/test split the course uses.

    Returned by :func:`load_sentiment_corpus` (notebook 03, section "A real sentiment task: movie-review sentences")
    and :func:`load_classification_corpus`.
    """

    docs: list[list[str]]
    labels: np.ndarray
    label_names: list[str]
    train_idx: np.ndarray
    test_idx: np.ndarray
    source: str


def load_classification_corpus(rng: np.random.Generator, *, verbose: bool = True) -> LabeledDocs:
    """The real classification text (notebook 07 and appendices A3-A6), split into train and test.

    Small mode: the 20 Newsgroups sample, 150 random posts to train and 50 to
    test (``rng`` draws the split). Full mode: IMDB with its own 25,000 /
    25,000 split (``rng`` is not used).
    """
    generator("rng", rng)
    flag("verbose", verbose)
    plan = data_plan()
    if plan.mode == "small":
        docs, labels, names = load_newsgroups_sample()
        order = rng.permutation(len(docs))
        return LabeledDocs(docs, labels, names, order[:150], order[150:], plan.classification_source)
    return _imdb_docs(plan.classification_source, verbose=verbose)


def load_sentiment_corpus(rng: np.random.Generator, *, verbose: bool = True) -> LabeledDocs:
    """Notebook 03's real sentiment text, split into train and test (labels: 0 negative, 1 positive).

    Small mode: the movie-review polarity sample (200 sentences, 100 positive),
    150 random sentences to train and 50 to test (``rng`` draws the split).
    Full mode: IMDB with its own 25,000 / 25,000 split (``rng`` is not used).
    Taught in notebook 03, section "A real sentiment task".
    """
    generator("rng", rng)
    flag("verbose", verbose)
    plan = data_plan()
    if plan.mode == "small":
        docs, labels = load_polarity_sample()
        order = rng.permutation(len(docs))
        n_train = len(docs) * 3 // 4
        return LabeledDocs(docs, labels, ["negative", "positive"], order[:n_train], order[n_train:],
                           plan.sentiment_source)
    return _imdb_docs(plan.sentiment_source, verbose=verbose)


def _imdb_docs(source: str, *, verbose: bool) -> LabeledDocs:
    (train_docs, train_labels), (test_docs, test_labels) = load_imdb(verbose=verbose)
    n = len(train_docs)
    return LabeledDocs(train_docs + test_docs, np.concatenate([train_labels, test_labels]),
                       ["negative", "positive"], np.arange(n), np.arange(n, n + len(test_docs)), source)


def load_word2vec_corpus(*, verbose: bool = True) -> list[list[str]]:
    """The unlabeled text word2vec is trained on: the Wikipedia excerpt, or text8 in full mode.

    Taught in notebook 04, section "The real text, and subsampling of frequent words"; used again in notebooks 07
    and 07.
    """
    flag("verbose", verbose)
    if data_plan().mode == "small":
        return load_wiki_excerpt(verbose=verbose)
    return load_text8(verbose=verbose)


