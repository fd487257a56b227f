"""Helpers for the Keras Embedding course: what the notebooks call, and nothing else.

``import utils`` is cheap: TensorFlow, Keras, gensim, scikit-learn and
matplotlib are only imported inside the functions that need them. Importing
the package also sets TensorFlow's environment defaults below (unless the
variable is already set), before anything can start TensorFlow.

Every public name is imported here explicitly from the module that defines it,
so ``utils.X`` can be followed to its definition: in a notebook, ``utils.X??``
shows its source and file; in Python, ``utils.X.__module__`` names the module of
a function or class, and the imports below list every name under its module
(``tests/test_package.py`` checks that the two agree). Training settings live in
:mod:`utils.recipes`. The course's own tooling (running the notebooks, the HTML
book, the benchmark) is the separate package ``tools``.

Modules, each named by what it holds:

========================== ==============================================================================
:mod:`utils.text`          tokenizing, vocabularies, encoding splits, ``tf.data``
:mod:`utils.lab`           the controlled lab corpus
:mod:`utils.data`          the offline files: the real text and benchmarks shipped with gensim, VADER
:mod:`utils.downloads`     the full-size files of ``COURSE_DATA=full`` (IMDB, text8), fetched and checked
:mod:`utils.corpora`       the ``COURSE_DATA`` switch: which corpus each lesson reads, in which mode
:mod:`utils.seeding`       seeding every random number generator
:mod:`utils.costs`         one-hot vs lookup timings, training-step timings per optimizer
:mod:`utils.out_of_range`  what a lookup does with an id outside the table
:mod:`utils.models`        the classifier, and its tables as ``KeyedVectors``
:mod:`utils.evaluation`    probes, benchmarks, neighbours, polarity directions against human ratings
:mod:`utils.intervals`     bootstrap and seed intervals
:mod:`utils.word2vec`      word2vec from Keras layers, and gensim's reproducibly
:mod:`utils.cooccurrence`  co-occurrence counts, PPMI, shifted PMI
:mod:`utils.glove`         GloVe from Keras layers
:mod:`utils.fasttext`      fastText from Keras layers
:mod:`utils.experiments`   the recurring trainings, one call each
:mod:`utils.transfer`      starting from word2vec: pretrained tables, learning curves
:mod:`utils.projector`     Embedding Projector files
:mod:`utils.plots`         figures, 2-D projections
:mod:`utils.exercises`     the ``check_*`` graders of the notebooks' exercises
:mod:`utils.arguments`     the argument validators of the public helpers (not exercise checkers)
:mod:`utils.recipes`       every training setting
========================== ==============================================================================
"""

from __future__ import annotations

import os

# Level 3 also hides TensorFlow's C++ "errors" that are only version-skew
# notices (tf.data prints one on every fit); real failures still raise in Python.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
# oneDNN reorders float sums between runs and machines; the course checks
# numbers exactly, so it is off unless the learner turns it back on.
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
# TensorFlow's pooled CPU allocator reuses large buffers instead of asking the
# OS for fresh pages every step: one word2vec training step of notebook 04's model
# took about a third of the time with it (`make bench` key allocator_step_ms).
os.environ.setdefault("TF_CPU_ALLOCATOR_USE_BFC", "true")

# ruff: noqa: E402  (the environment above must be set before any of these imports)
from . import recipes
from .cooccurrence import (
    cooccurrence_matrix,
    ppmi_matrix,
    ppmi_svd_vectors,
    skipgram_shifted_pmi,
)
from .corpora import (
    data_plan,
    describe_data,
    load_classification_corpus,
    load_sentiment_corpus,
    load_word2vec_corpus,
)
from .costs import (
    TRAIN_STEP_OPTIMIZERS,
    measure_lookup_cost,
    measure_train_step_cost,
)
from .data import (
    load_analogies,
    load_simlex999,
    load_vader_lexicon,
    load_wordsim353,
    wordsim353_half,
)
from .evaluation import (
    analogy_score,
    benchmark_score,
    cosine_matrix,
    mean_vectors,
    neighbour_table,
    norm_matched_random,
    polarity_direction,
    polarity_readout,
    probe_accuracy,
    probe_interval,
    valence_probe,
    valence_spearman,
)
from .exercises import (
    check_analogy,
    check_fixed_window_pairs,
    check_lookup,
    check_masked_mean,
    check_nearest_neighbours,
    check_ppmi,
    check_sparse_sgd_step,
    check_subword_vector,
    check_table_from_vectors,
)
from .experiments import (
    lab_sentiment_embedding,
    lab_word2vec,
    newsgroups_embedding,
    newsgroups_gensim_word2vec,
    polarity_embedding,
    sentiment_cross_validation,
    wiki_fasttext,
    wiki_gensim_word2vec,
    wiki_glove,
    wiki_word2vec,
)
from .fasttext import (
    SubwordVocab,
    build_fasttext_model,
    char_ngrams,
    gensim_fasttext,
    ngram_bucket,
    pick_unseen_words,
    subword_rows_layer,
    train_fasttext,
    without_words,
)
from .glove import (
    build_glove_model,
    fit_glove,
    glove_weights,
    train_glove,
)
from .intervals import (
    Interval,
    accuracy_interval,
    bootstrap_interval,
    seed_interval,
    spearman_difference_interval,
    spearman_interval,
)
from .lab import (
    CATEGORIES,
    make_lab_corpus,
)
from .models import (
    build_classifier,
    embedding_table,
    keyed_vectors,
    pooled_vectors,
)
from .out_of_range import (
    device_kind,
    expected_out_of_range,
    observe_out_of_range,
)
from .plots import (
    plot_benchmark_intervals,
    plot_embedding_maps,
    plot_history,
    plot_learning_curves,
    plot_lookup_cost,
    plot_one_hot_lookup,
    plot_probe_heatmap,
    plot_projection,
    plot_train_step_cost,
    plot_vectors_2d,
    project_2d,
)
from .projector import (
    export_projector,
    load_projector,
    projector_dir,
)
from .seeding import seed_everything
from .text import (
    Vocabulary,
    make_dataset,
    tokenize,
)
from .transfer import (
    VARIANTS,
    balanced_subset,
    curve_table,
    difference_table,
    finetune_sweep,
    format_accuracy,
    paired_differences,
    pretrained_table,
    summarize_curves,
    transfer_curves,
)
from .word2vec import (
    NegativeSampler,
    Word2VecCorpus,
    build_skipgram_model,
    cbow_windows,
    gensim_word2vec,
    keep_probabilities,
    save_trained_vectors,
    skipgram_pairs,
    subsample,
    train_word2vec,
)

#: The names the notebooks and solutions call, sorted; everything else is imported from its module.
__all__ = [
    "CATEGORIES",
    "Interval",
    "NegativeSampler",
    "SubwordVocab",
    "TRAIN_STEP_OPTIMIZERS",
    "VARIANTS",
    "Vocabulary",
    "Word2VecCorpus",
    "accuracy_interval",
    "analogy_score",
    "balanced_subset",
    "benchmark_score",
    "bootstrap_interval",
    "build_classifier",
    "build_fasttext_model",
    "build_glove_model",
    "build_skipgram_model",
    "cbow_windows",
    "char_ngrams",
    "check_analogy",
    "check_fixed_window_pairs",
    "check_lookup",
    "check_masked_mean",
    "check_nearest_neighbours",
    "check_ppmi",
    "check_sparse_sgd_step",
    "check_subword_vector",
    "check_table_from_vectors",
    "cooccurrence_matrix",
    "cosine_matrix",
    "curve_table",
    "data_plan",
    "describe_data",
    "device_kind",
    "difference_table",
    "embedding_table",
    "expected_out_of_range",
    "export_projector",
    "finetune_sweep",
    "fit_glove",
    "format_accuracy",
    "gensim_fasttext",
    "gensim_word2vec",
    "glove_weights",
    "keep_probabilities",
    "keyed_vectors",
    "lab_sentiment_embedding",
    "lab_word2vec",
    "load_analogies",
    "load_classification_corpus",
    "load_projector",
    "load_sentiment_corpus",
    "load_simlex999",
    "load_vader_lexicon",
    "load_word2vec_corpus",
    "load_wordsim353",
    "make_dataset",
    "make_lab_corpus",
    "mean_vectors",
    "measure_lookup_cost",
    "measure_train_step_cost",
    "neighbour_table",
    "newsgroups_embedding",
    "newsgroups_gensim_word2vec",
    "ngram_bucket",
    "norm_matched_random",
    "observe_out_of_range",
    "paired_differences",
    "pick_unseen_words",
    "plot_benchmark_intervals",
    "plot_embedding_maps",
    "plot_history",
    "plot_learning_curves",
    "plot_lookup_cost",
    "plot_one_hot_lookup",
    "plot_probe_heatmap",
    "plot_projection",
    "plot_train_step_cost",
    "plot_vectors_2d",
    "polarity_direction",
    "polarity_embedding",
    "polarity_readout",
    "pooled_vectors",
    "ppmi_matrix",
    "ppmi_svd_vectors",
    "pretrained_table",
    "probe_accuracy",
    "probe_interval",
    "project_2d",
    "projector_dir",
    "recipes",
    "save_trained_vectors",
    "seed_everything",
    "seed_interval",
    "sentiment_cross_validation",
    "skipgram_pairs",
    "skipgram_shifted_pmi",
    "spearman_difference_interval",
    "spearman_interval",
    "subsample",
    "subword_rows_layer",
    "summarize_curves",
    "tokenize",
    "train_fasttext",
    "train_glove",
    "train_word2vec",
    "transfer_curves",
    "valence_probe",
    "valence_spearman",
    "wiki_fasttext",
    "wiki_gensim_word2vec",
    "wiki_glove",
    "wiki_word2vec",
    "without_words",
    "wordsim353_half",
]
