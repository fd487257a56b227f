"""Helpers for the Keras Embedding course.

``import utils`` is cheap: TensorFlow, Keras, gensim and matplotlib are only
imported when a function that needs them is first used. Importing the
package also quiets TensorFlow's C++ start-up logging (unless the variable is
already set), which would otherwise fill every notebook with noise.

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
:mod:`utils.plots`, :mod:`utils.bench` and :mod:`utils.course`
(running and rendering the notebooks).
"""

from __future__ import annotations

import importlib
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

# Public name -> module that defines it; resolved on first access (PEP 562).
_EXPORTS = {
    "tokenize": "text",
    "Vocabulary": "text",
    "DataSourceError": "data",
    "WordPair": "data",
    "load_wiki_excerpt": "data",
    "load_lee_corpus": "data",
    "load_polarity_sample": "data",
    "load_newsgroups_sample": "data",
    "load_wordsim353": "data",
    "load_simlex999": "data",
    "load_analogies": "data",
    "analogies_path": "data",
    "CATEGORIES": "lab",
    "LabCorpus": "lab",
    "LabeledTexts": "lab",
    "WordInfo": "lab",
    "make_lab_corpus": "lab",
    "seed_everything": "seeding",
    "op_determinism_enabled": "seeding",
    "measure_lookup_cost": "costs",
    "train_step_seconds": "costs",
    "plot_lookup_cost": "plots",
    "plot_history": "plots",
    "plot_vectors_2d": "plots",
    "plot_similarity_heatmaps": "plots",
    "plot_projection": "plots",
    "make_dataset": "models",
    "build_classifier": "models",
    "embedding_table": "models",
    "pooled_vectors": "models",
    "ProbeResult": "evaluation",
    "BenchmarkScore": "evaluation",
    "keyed_vectors": "evaluation",
    "probe_accuracy": "evaluation",
    "benchmark_score": "evaluation",
    "neighbour_table": "evaluation",
    "mean_vectors": "evaluation",
    "cosine_matrix": "evaluation",
    "gensim_word2vec": "evaluation",
    "AnalogyScore": "evaluation",
    "analogy_score": "evaluation",
    "Word2VecCorpus": "word2vec",
    "NegativeSampler": "word2vec",
    "keep_probabilities": "word2vec",
    "subsample": "word2vec",
    "skipgram_pairs": "word2vec",
    "cbow_windows": "word2vec",
    "build_skipgram_model": "word2vec",
    "build_cbow_model": "word2vec",
    "train_word2vec": "word2vec",
    "export_projector": "projector",
    "load_projector": "projector",
    "plot_embedding_maps": "plots",
    "project_2d": "evaluation",
    "TaskEmbedding": "experiments",
    "lab_sentiment_embedding": "experiments",
    "newsgroups_embedding": "experiments",
    "lab_word2vec": "experiments",
    "wiki_word2vec": "experiments",
    "wiki_gensim_word2vec": "experiments",
    "projector_dir": "projector",
    "pretrained_table": "transfer",
    "balanced_subset": "transfer",
    "transfer_curves": "transfer",
    "summarize_curves": "transfer",
    "VARIANTS": "transfer",
    "CurvePoint": "transfer",
    "plot_learning_curves": "plots",
    "DataPlan": "sources",
    "LabeledDocs": "sources",
    "data_mode": "sources",
    "data_plan": "sources",
    "describe_data": "sources",
    "load_classification_corpus": "sources",
    "load_word2vec_corpus": "sources",
    "load_imdb": "sources",
    "load_text8": "sources",
    "CheckResult": "exercises",
    "check_lookup": "exercises",
    "check_sparse_sgd_step": "exercises",
    "check_masked_mean": "exercises",
    "check_skipgram_pairs": "exercises",
    "check_nearest_neighbours": "exercises",
    "check_pretrained_table": "exercises",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in set(_EXPORTS.values()):  # a submodule, e.g. utils.experiments.WIKI_W2V_SETTINGS
        return importlib.import_module(f".{name}", __name__)
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'utils' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
