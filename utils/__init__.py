"""Helpers for the Keras Embedding course: what the notebooks call, and nothing else.

``import utils`` is cheap: TensorFlow, Keras, gensim, scikit-learn and
matplotlib are only imported inside the functions that need them. Importing
the package also sets TensorFlow's environment defaults below (unless the
variable is already set), before anything can start TensorFlow.

Every public name is imported here explicitly from the module that defines it,
so ``utils.X`` can be followed to its definition. Training settings live in
:mod:`utils.recipes`. The course's own tooling (running the notebooks, the
HTML book, the benchmark) is the separate package ``tools``.

Modules: :mod:`utils.text` (tokenizing, vocabularies), :mod:`utils.data`
(offline real data), :mod:`utils.lab` (the controlled lab corpus),
:mod:`utils.seeding`, :mod:`utils.costs` (one-hot vs lookup timings),
:mod:`utils.models` (the classifier), :mod:`utils.evaluation` (probes,
benchmarks, neighbours, reproducible gensim word2vec),
:mod:`utils.word2vec` (word2vec from Keras layers), :mod:`utils.experiments`
(the recurring trainings, one call each), :mod:`utils.projector` (Embedding
Projector files), :mod:`utils.transfer` (starting from word2vec), :mod:`utils.sources` (the
offline default or full-size data, switched by ``COURSE_DATA``), :mod:`utils.exercises`
(checkers for the notebooks' exercises),
:mod:`utils.plots`, :mod:`utils.recipes` (every training setting).
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
# OS for fresh pages every step; with oneDNN off, the default allocator makes a
# 100 MB gather about three times slower (measured in notebook 04's setting).
os.environ.setdefault("TF_CPU_ALLOCATOR_USE_BFC", "true")

# ruff: noqa: E402  (the environment above must be set before any of these imports)
from . import recipes
from .costs import (
    measure_lookup_cost,
    train_step_seconds,
)
from .data import (
    DataSourceError,
    ValenceRating,
    WordPair,
    analogies_path,
    load_analogies,
    load_lee_corpus,
    load_newsgroups_sample,
    load_polarity_sample,
    load_simlex999,
    load_vader_lexicon,
    load_wiki_excerpt,
    load_wordsim353,
    vader_lexicon_path,
)
from .evaluation import (
    AnalogyScore,
    BenchmarkScore,
    ProbeResult,
    analogy_score,
    benchmark_score,
    cosine_matrix,
    gensim_word2vec,
    keyed_vectors,
    mean_vectors,
    neighbour_table,
    probe_accuracy,
    project_2d,
)
from .exercises import (
    CheckResult,
    check_fixed_window_pairs,
    check_lookup,
    check_masked_mean,
    check_nearest_neighbours,
    check_pretrained_table,
    check_sparse_sgd_step,
)
from .experiments import (
    TaskEmbedding,
    lab_sentiment_embedding,
    lab_word2vec,
    newsgroups_embedding,
    wiki_gensim_word2vec,
    wiki_word2vec,
)
from .intervals import (
    Interval,
    accuracy_interval,
    bootstrap_interval,
    seed_interval,
    spearman_interval,
)
from .lab import (
    CATEGORIES,
    LabCorpus,
    LabeledTexts,
    WordInfo,
    make_lab_corpus,
)
from .models import (
    build_classifier,
    embedding_table,
    make_dataset,
    pooled_vectors,
)
from .plots import (
    plot_embedding_maps,
    plot_history,
    plot_learning_curves,
    plot_lookup_cost,
    plot_projection,
    plot_similarity_heatmaps,
    plot_vectors_2d,
)
from .projector import (
    export_projector,
    load_projector,
    projector_dir,
)
from .seeding import (
    op_determinism_enabled,
    seed_everything,
)
from .sources import (
    DataPlan,
    LabeledDocs,
    data_mode,
    data_plan,
    describe_data,
    load_classification_corpus,
    load_imdb,
    load_text8,
    load_word2vec_corpus,
)
from .text import (
    Vocabulary,
    tokenize,
)
from .transfer import (
    VARIANTS,
    CurvePoint,
    balanced_subset,
    pretrained_table,
    summarize_curves,
    transfer_curves,
)
from .word2vec import (
    NegativeSampler,
    Word2VecCorpus,
    build_cbow_model,
    build_skipgram_model,
    cbow_windows,
    keep_probabilities,
    skipgram_pairs,
    subsample,
    train_word2vec,
)

__all__ = [
    "load_vader_lexicon",
    "ValenceRating",
    "vader_lexicon_path",
    "spearman_interval",
    "seed_interval",
    "Interval",
    "bootstrap_interval",
    "accuracy_interval",
    "analogies_path",
    "analogy_score",
    "AnalogyScore",
    "balanced_subset",
    "benchmark_score",
    "BenchmarkScore",
    "build_cbow_model",
    "build_classifier",
    "build_skipgram_model",
    "CATEGORIES",
    "cbow_windows",
    "check_lookup",
    "check_masked_mean",
    "check_nearest_neighbours",
    "check_pretrained_table",
    "check_fixed_window_pairs",
    "check_sparse_sgd_step",
    "CheckResult",
    "cosine_matrix",
    "CurvePoint",
    "data_mode",
    "data_plan",
    "DataPlan",
    "DataSourceError",
    "describe_data",
    "embedding_table",
    "export_projector",
    "gensim_word2vec",
    "keep_probabilities",
    "keyed_vectors",
    "lab_sentiment_embedding",
    "lab_word2vec",
    "LabCorpus",
    "LabeledDocs",
    "LabeledTexts",
    "load_analogies",
    "load_classification_corpus",
    "load_imdb",
    "load_lee_corpus",
    "load_newsgroups_sample",
    "load_polarity_sample",
    "load_projector",
    "load_simlex999",
    "load_text8",
    "load_wiki_excerpt",
    "load_word2vec_corpus",
    "load_wordsim353",
    "make_dataset",
    "make_lab_corpus",
    "mean_vectors",
    "measure_lookup_cost",
    "NegativeSampler",
    "neighbour_table",
    "newsgroups_embedding",
    "op_determinism_enabled",
    "plot_embedding_maps",
    "plot_history",
    "plot_learning_curves",
    "plot_lookup_cost",
    "plot_projection",
    "plot_similarity_heatmaps",
    "plot_vectors_2d",
    "pooled_vectors",
    "pretrained_table",
    "probe_accuracy",
    "ProbeResult",
    "project_2d",
    "projector_dir",
    "recipes",
    "seed_everything",
    "skipgram_pairs",
    "subsample",
    "summarize_curves",
    "TaskEmbedding",
    "tokenize",
    "train_step_seconds",
    "train_word2vec",
    "transfer_curves",
    "VARIANTS",
    "Vocabulary",
    "wiki_gensim_word2vec",
    "wiki_word2vec",
    "Word2VecCorpus",
    "WordInfo",
    "WordPair",
]
