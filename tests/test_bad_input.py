"""The catalogue of bad input: every case raises a clear error naming the problem.

Each entry is one distinct way a learner or a script can call ``utils`` wrongly.
The test checks the exception type *and* that the message names what is wrong
(the regex), so a validation that is deleted, or that starts raising a bare
``KeyError`` from deep inside NumPy, fails here. Some modules have further
bad-input tests of their own next to their behaviour tests; this file is the
inventory that is counted.

A second, shorter list holds inputs that are *handled as documented* rather than
refused (unknown words map to ``[UNK]``, and so on): these must give the
documented answer, not a silent wrong one.
"""

from __future__ import annotations

import bz2
import zlib
from pathlib import Path

import numpy as np
import pytest

import utils
from utils.data import DataSourceError
from utils.text import UNK

TINY = [["a", "b", "c", "a"], ["b", "c", "d"]]
# Encoded (ids, labels) splits for the transfer helpers: train, test, unseen.
_TOY_SPLITS = ((np.ones((4, 2), int) + np.arange(2), np.array([0, 1, 0, 1])),
               (np.ones((2, 2), int), np.array([0, 1])), (np.ones((2, 2), int), np.array([0, 1])))
_SCHEDULE = {k: v for k, v in utils.recipes.LAB_CURVES.items() if k not in ("sizes", "seeds")}


def _vocab():
    return utils.Vocabulary.from_sentences([["cat", "sat", "mat", "cat"]])


def _kv(words=("cat", "sat", "mat"), dim=3):
    from gensim.models import KeyedVectors

    kv = KeyedVectors(dim)
    kv.add_vectors(list(words), np.arange(len(words) * dim, dtype=np.float32).reshape(len(words), dim) + 1)
    return kv


def _diverged_kv():
    kv = _kv()
    kv.vectors[1, 0] = np.nan
    return kv


def _dense_only_model():
    import keras

    return keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])


def _no_dense_model():
    import keras

    return keras.Sequential([keras.Input((3,)), keras.layers.Embedding(5, 2)])


def _tiny_fasttext(min_n: int = 3):
    subwords = utils.SubwordVocab.build(["", "aa", "cc"], min_n=min_n, max_n=6, bucket=5)
    return utils.fasttext.FastTextVectors(np.ones((3 + 5, 2), dtype=np.float32), subwords)


def _write(tmp: Path, name: str, data: bytes | str) -> Path:
    path = tmp / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


# name -> (call taking a temporary folder, expected exception, regex the message must match)
CASES = {
    # utils.text
    "text.tokenize: bytes instead of str": (
        lambda tmp: utils.tokenize(b"some bytes"), TypeError, r"str"),
    "text.Vocabulary.from_sentences: one str instead of token lists": (
        lambda tmp: utils.Vocabulary.from_sentences("the cat sat"), TypeError, r"token lists|str"),
    "text.Vocabulary.from_sentences: empty corpus": (
        lambda tmp: utils.Vocabulary.from_sentences([]), ValueError, r"(?i)no word|empty"),
    "text.Vocabulary.from_sentences: min_count 0": (
        lambda tmp: utils.Vocabulary.from_sentences(TINY, min_count=0), ValueError, r"min_count"),
    "text.Vocabulary: duplicate words": (
        lambda tmp: utils.Vocabulary(["cat", "cat"]), ValueError, r"unique"),
    "text.Vocabulary.word: id out of range": (
        lambda tmp: _vocab().word(99), IndexError, r"99"),
    "text.Vocabulary.encode: a str instead of tokens": (
        lambda tmp: _vocab().encode("cat sat"), TypeError, r"tokenize"),
    "text.Vocabulary.encode_batch: max_len 0": (
        lambda tmp: _vocab().encode_batch([["cat"]], 0), ValueError, r"max_len"),
    "text.Vocabulary.coverage: empty text": (
        lambda tmp: _vocab().coverage([]), ValueError, r"empty"),
    "text.make_dataset: float ids": (
        lambda tmp: utils.make_dataset(np.zeros((2, 3), np.float32), np.zeros(2)), TypeError, r"integer ids"),
    "text.make_dataset: labels do not match rows": (
        lambda tmp: utils.make_dataset(np.zeros((2, 3), np.int32), np.zeros(5)), ValueError, r"one label per row"),
    "text.make_dataset: no example": (
        lambda tmp: utils.make_dataset(np.zeros((0, 3), np.int32), np.zeros(0)), ValueError, r"empty"),
    "text.make_dataset: batch_size 0": (
        lambda tmp: utils.make_dataset(np.zeros((2, 3), np.int32), np.zeros(2), batch_size=0),
        ValueError, r"batch_size"),
    # argument kinds checked by utils.arguments: generators, paths, flags, ints, rates, functions, models, word
    # vectors, and tables that a diverged training leaves with NaN or infinity
    "word2vec.skipgram_pairs: a seed instead of a generator": (
        lambda tmp: utils.skipgram_pairs(np.arange(4), np.zeros(4, int), 2, 0), TypeError,
        r"rng must be a numpy Generator"),
    "word2vec.subsample: token lists instead of a Word2VecCorpus": (
        lambda tmp: utils.subsample(TINY, 0.001, np.random.default_rng(0)), TypeError, r"Word2VecCorpus"),
    "word2vec.build_skipgram_model: jit_compile 'no'": (
        lambda tmp: utils.build_skipgram_model(10, 4, 2, jit_compile="no"), TypeError,
        r"jit_compile must be True or False"),
    "word2vec.gensim_word2vec: cache 'yes'": (
        lambda tmp: utils.gensim_word2vec(TINY, cache="yes"), TypeError, r"cache must be True or False"),
    "corpora.load_classification_corpus: a seed instead of a generator": (
        lambda tmp: utils.load_classification_corpus(7), TypeError, r"rng must be a numpy Generator"),
    "corpora.load_word2vec_corpus: verbose 'yes'": (
        lambda tmp: utils.load_word2vec_corpus(verbose="yes"), TypeError, r"verbose must be True or False"),
    "data.load_wordsim353: a number as the path": (
        lambda tmp: utils.load_wordsim353(path=3), TypeError, r"path must be a path"),
    "downloads.load_text8: sentence_length 0": (
        lambda tmp: utils.downloads.load_text8(sentence_length=0), ValueError, r"sentence_length must be at least 1"),
    "projector.load_projector: a number as the folder": (
        lambda tmp: utils.load_projector(42), TypeError, r"directory must be a path"),
    "projector.export_projector: a dict instead of word vectors": (
        lambda tmp: utils.export_projector({"cat": np.ones(2)}, tmp / "p"), TypeError, r"kv must be word vectors"),
    "text.make_dataset: shuffle 'yes'": (
        lambda tmp: utils.make_dataset(np.ones((2, 3), np.int32), np.zeros(2), shuffle="yes"), TypeError,
        r"shuffle must be True or False"),
    "text.make_dataset: a negative seed": (
        lambda tmp: utils.make_dataset(np.ones((2, 3), np.int32), np.zeros(2), seed=-1), ValueError,
        r"seed must be at least 0"),
    "models.build_classifier: learning rate 0": (
        lambda tmp: utils.build_classifier(10, 4, 2, learning_rate=0), ValueError, r"learning_rate must be a positive"),
    "models.build_classifier: a diverged pretrained table": (
        lambda tmp: utils.build_classifier(3, 2, 2, pretrained=np.full((3, 2), np.inf)), ValueError,
        r"pretrained has 6 non-finite values.*diverged"),
    "models.embedding_table: a model without a layer named embedding": (
        lambda tmp: utils.embedding_table(_dense_only_model()), ValueError, r"no layer named 'embedding'"),
    "models.pooled_vectors: a str instead of a model": (
        lambda tmp: utils.pooled_vectors("model", np.ones((1, 2), int)), TypeError, r"model must be a Keras model"),
    "evaluation.benchmark_score: an array instead of word vectors": (
        lambda tmp: utils.benchmark_score(np.eye(3)), TypeError, r"kv must be word vectors"),
    "evaluation.neighbour_table: diverged vectors": (
        lambda tmp: utils.neighbour_table({"w2v": _diverged_kv()}, ["cat"]), ValueError,
        r"1 non-finite values in 1 vectors \(first: 'sat'\).*diverged"),
    "evaluation.probe_interval: level 1": (
        lambda tmp: utils.probe_interval(_kv(), ["cat", "sat", "mat"], [0, 1, 0], level=1), ValueError,
        r"level must be in \(0, 1\)"),
    "evaluation.cosine_matrix: a diverged table": (
        lambda tmp: utils.cosine_matrix(np.array([[1.0, np.nan], [0.0, 1.0]])), ValueError, r"non-finite.*diverged"),
    "evaluation.analogy_score: a float restrict_vocab": (
        lambda tmp: utils.analogy_score(_kv(), restrict_vocab=2.5), TypeError, r"restrict_vocab must be an integer"),
    "intervals.bootstrap_interval: statistic is not a function": (
        lambda tmp: utils.bootstrap_interval(3, [1, 2, 3]), TypeError, r"statistic must be a function"),
    "intervals.seed_interval: level 1.5": (
        lambda tmp: utils.seed_interval([0.5, 0.6], level=1.5), ValueError, r"level must be in \(0, 1\)"),
    "plots.plot_similarity_heatmaps: a diverged matrix": (
        lambda tmp: utils.plots.plot_similarity_heatmaps({"m": np.full((2, 2), np.nan)}, ["a", "b"]), ValueError,
        r"matrix 'm' has 4 non-finite values"),
    "plots.plot_vectors_2d: a diverged panel": (
        lambda tmp: utils.plot_vectors_2d({"p": np.array([[0.0, np.inf], [1.0, 1.0]])}, ["a", "b"], ["g", "g"]),
        ValueError, r"panel 'p' has 1 non-finite values"),
    "plots.project_2d: a float seed": (
        lambda tmp: utils.project_2d(np.eye(4), seed=0.5), TypeError, r"seed must be an integer"),
    "seeding.seed_everything: deterministic_ops 'yes'": (
        lambda tmp: utils.seed_everything(0, deterministic_ops="yes"), TypeError,
        r"deterministic_ops must be True or False"),
    "lab.make_lab_corpus: n_train 0": (
        lambda tmp: utils.make_lab_corpus(0, n_train=0), ValueError, r"n_train must be at least 1"),
    "experiments.lab_word2vec: token lists instead of the lab corpus": (
        lambda tmp: utils.lab_word2vec(TINY), TypeError, r"lab must be the lab corpus"),
    "evaluation.valence_spearman: a diverged direction": (
        lambda tmp: utils.valence_spearman(_kv(("good", "bad", "nice")), np.array([np.nan, 1.0, 1.0])), ValueError,
        r"direction has 1 non-finite values.*diverged"),
    "costs.measure_lookup_cost: a negative seed": (
        lambda tmp: utils.measure_lookup_cost((10,), seed=-1), ValueError, r"seed must be at least 0"),
    "fasttext.pick_unseen_words: a list instead of counts": (
        lambda tmp: utils.pick_unseen_words(["cats", "cat"], ["cat"]), TypeError, r"counts must be a mapping"),
    "fasttext.ngram_bucket: an empty n-gram": (
        lambda tmp: utils.ngram_bucket("", 10), TypeError, r"ngram must be a non-empty str"),
    "glove.glove_weights: diverged counts": (
        lambda tmp: utils.glove_weights(np.array([[1.0, np.nan]])), ValueError, r"counts has 1 non-finite"),
    "cooccurrence.ppmi_matrix: infinite counts": (
        lambda tmp: utils.ppmi_matrix(np.array([[1.0, np.inf], [1.0, 1.0]])), ValueError, r"counts has 1 non-finite"),
    "transfer.pretrained_table: a negative seed": (
        lambda tmp: utils.pretrained_table(_vocab(), _kv(), seed=-3), ValueError, r"seed must be at least 0"),
    "transfer.pretrained_table: token lists instead of a Vocabulary": (
        lambda tmp: utils.pretrained_table(TINY, _kv()), TypeError, r"vocab must be a utils.Vocabulary"),
    "fasttext.subword_rows_layer: float rows": (
        lambda tmp: utils.subword_rows_layer(np.ones((2, 3))), ValueError, r"rows must be a 2-D array of non-negative"),
    "transfer.balanced_subset: a float seed": (
        lambda tmp: utils.balanced_subset(np.array([0, 1, 0, 1]), 2, seed=1.5), TypeError,
        r"seed must be an integer"),
    # utils.lab
    "lab.make_lab_corpus: negative seed": (
        lambda tmp: utils.make_lab_corpus(seed=-1), ValueError, r"seed"),
    "lab.LabeledTexts.subset: larger than the split": (
        lambda tmp: utils.make_lab_corpus(seed=0).topic_train.subset(10**6), ValueError, r"subset size"),
    "lab.LabCorpus.words: unknown kind": (
        lambda tmp: utils.make_lab_corpus(seed=0).words(kind="verb"), ValueError, r"kind must be"),
    "lab.LabCorpus.probe_words: unknown property": (
        lambda tmp: utils.make_lab_corpus(seed=0).probe_words("colour"), ValueError, r"polarity.*category"),
    # utils.seeding
    "seeding.seed_everything: float seed": (
        lambda tmp: utils.seed_everything(1.5), TypeError, r"seed must be an integer"),
    # utils.models
    "models.build_classifier: negative vocabulary size": (
        lambda tmp: utils.build_classifier(-5, 4, 2), ValueError, r"vocab_size"),
    "models.build_classifier: pretrained table of the wrong shape": (
        lambda tmp: utils.build_classifier(10, 4, 2, pretrained=np.zeros((9, 4))), ValueError, r"shape"),
    "evaluation.polarity_direction: a model without a Dense layer": (
        lambda tmp: utils.polarity_direction(_no_dense_model()), ValueError, r"no Dense layer"),
    "models.keyed_vectors: one word too few": (
        lambda tmp: utils.keyed_vectors(np.ones((3, 2)), ["a", "b"]), ValueError, r"one word per row"),
    "models.keyed_vectors: only padding and [UNK]": (
        lambda tmp: utils.keyed_vectors(np.ones((2, 2)), ["", "[UNK]"]), ValueError, r"no real word"),
    # utils.experiments and utils.corpora (the sentiment task of notebook 03)
    "corpora.load_sentiment_corpus: a seed instead of a generator": (
        lambda tmp: utils.load_sentiment_corpus(0), TypeError, r"Generator"),
    "experiments.polarity_embedding: negative seed": (
        lambda tmp: utils.polarity_embedding(seed=-1), ValueError, r"seed"),
    "experiments.polarity_embedding: build is not a function": (
        lambda tmp: utils.polarity_embedding(build="dense"), TypeError, r"build must be a function"),
    "experiments.cross_validate_classifier: one fold": (
        lambda tmp: utils.experiments.cross_validate_classifier(TINY, [0, 1], n_splits=1, seed=0, dim=2, max_len=3,
                                                                epochs=1, batch_size=2, min_count=1),
        ValueError, r"n_splits"),
    "evaluation.valence_spearman: direction of the wrong length": (
        lambda tmp: utils.valence_spearman(_kv(("good", "bad", "nice")), np.ones(5)), ValueError, r"shape"),
    "evaluation.valence_spearman: no word rated by VADER": (
        lambda tmp: utils.valence_spearman(_kv(("zzq", "qqz", "xqz")), np.ones(3)), ValueError,
        r"shared with the VADER"),
    # utils.evaluation
    "evaluation.probe_accuracy: a single class": (
        lambda tmp: utils.probe_accuracy(_kv(), ["cat", "sat", "mat"], [0, 0, 0]), ValueError, r"two classes"),
    "evaluation.probe_accuracy: words without a vector": (
        lambda tmp: utils.probe_accuracy(_kv(), ["cat", "dog", "mat", "sat"], [0, 0, 1, 1], n_splits=2),
        KeyError, r"no vector"),
    "evaluation.benchmark_score: unknown benchmark": (
        lambda tmp: utils.benchmark_score(_kv(), "men3000"), ValueError, r"benchmark must be"),
    "evaluation.mean_vectors: a sentence of unknown words only": (
        lambda tmp: utils.mean_vectors(_kv(), [["cat"], ["dog", "emu"]]), ValueError, r"sentence 1.*no word"),
    "evaluation.cosine_matrix: a zero vector": (
        lambda tmp: utils.cosine_matrix(np.array([[1.0, 0.0], [0.0, 0.0]])), ValueError, r"zero vector"),
    # utils.costs
    "costs.measure_lookup_cost: no vocabulary size": (
        lambda tmp: utils.measure_lookup_cost([]), ValueError, r"vocab_sizes is empty"),
    "costs.measure_train_step_cost: an optimizer it does not know": (
        lambda tmp: utils.measure_train_step_cost((10,), optimizers=["Lion"], verbose=False),
        ValueError, r"unknown optimizer"),
    "costs.measure_train_step_cost: repeats 0": (
        lambda tmp: utils.measure_train_step_cost((10,), repeats=0, verbose=False), ValueError, r"repeats"),
    "costs.TrainStepCost.growth: an optimizer not measured": (
        lambda tmp: utils.costs.TrainStepCost({"SGD": {10: 1.0}}, 1).growth("Adam"), KeyError, r"no measurement"),
    # utils.out_of_range
    "out_of_range.expected_out_of_range: a TPU": (
        lambda tmp: utils.expected_out_of_range("TPU", "eager"), ValueError, r"'CPU' or 'GPU'"),
    "out_of_range.expected_out_of_range: unknown path": (
        lambda tmp: utils.expected_out_of_range("CPU", "graph"), ValueError, r"path must be one of"),
    "out_of_range.device_kind: one str instead of a list": (
        lambda tmp: utils.device_kind("GPU"), TypeError, r"list of device type names"),
    "out_of_range.observe_out_of_range: a table of zeros": (
        lambda tmp: utils.observe_out_of_range(lambda i: i, np.zeros((4, 3)), 4), ValueError, r"non-zero"),
    "out_of_range.observe_out_of_range: a diverged table": (
        lambda tmp: utils.observe_out_of_range(lambda i: i, np.full((4, 3), np.nan), 4), ValueError, r"non-finite"),
    # utils.word2vec
    "word2vec.Word2VecCorpus: one str instead of sentences": (
        lambda tmp: utils.Word2VecCorpus.from_sentences("a b c"), TypeError, r"not one str"),
    "word2vec.keep_probabilities: sample of 1": (
        lambda tmp: utils.keep_probabilities(np.array([5, 3]), 1.0), ValueError, r"sample"),
    "word2vec.skipgram_pairs: window 0": (
        lambda tmp: utils.skipgram_pairs(np.arange(4), np.zeros(4, int), 0, np.random.default_rng(0)),
        ValueError, r"window"),
    "word2vec.NegativeSampler: negative counts": (
        lambda tmp: utils.NegativeSampler(np.array([1, -2])), ValueError, r"non-negative"),
    "word2vec.train_word2vec: sg 2": (
        lambda tmp: utils.train_word2vec(TINY, sg=2), ValueError, r"sg must be"),
    "word2vec.train_word2vec: unknown optimizer": (
        lambda tmp: utils.train_word2vec(TINY, optimizer="rmsprop"), ValueError, r"optimizer must be"),
    "word2vec.train_word2vec: learning rate nan": (
        lambda tmp: utils.train_word2vec(TINY, learning_rate=float("nan")), ValueError, r"learning_rate"),
    "word2vec.build_skipgram_model: unknown optimizer": (
        lambda tmp: utils.build_skipgram_model(10, 4, 2, optimizer="adagrad"), ValueError, r"optimizer must be"),
    "word2vec.train_word2vec: every word below min_count": (
        lambda tmp: utils.train_word2vec(TINY, min_count=50), ValueError, r"min_count"),
    "word2vec.gensim_word2vec: empty corpus": (
        lambda tmp: utils.gensim_word2vec([]), ValueError, r"no sentence"),
    # utils.cooccurrence, utils.glove, utils.fasttext (notebook 08)
    "cooccurrence.cooccurrence_matrix: window 0": (
        lambda tmp: utils.cooccurrence_matrix(np.arange(3), np.zeros(3, int), 3, window=0), ValueError, r"window"),
    "cooccurrence.ppmi_matrix: all-zero counts": (
        lambda tmp: utils.ppmi_matrix(np.zeros((3, 3))), ValueError, r"not all zero"),
    "glove.train_glove: empty corpus": (
        lambda tmp: utils.train_glove([]), ValueError, r"empty"),
    "glove.train_glove: every word below min_count": (
        lambda tmp: utils.train_glove(TINY, min_count=50), ValueError, r"min_count"),
    "glove.train_glove: x_max 0": (
        lambda tmp: utils.train_glove(TINY, x_max=0, min_count=1), ValueError, r"x_max"),
    "fasttext.train_fasttext: empty corpus": (
        lambda tmp: utils.train_fasttext([[], []]), ValueError, r"empty"),
    "fasttext.train_fasttext: min_n above max_n": (
        lambda tmp: utils.train_fasttext(TINY, min_n=5, max_n=3), ValueError, r"min_n .* must not exceed max_n"),
    "fasttext.train_fasttext: zero buckets": (
        lambda tmp: utils.train_fasttext(TINY, bucket=0), ValueError, r"bucket"),
    "fasttext.FastTextVectors: unseen word with no n-gram": (
        lambda tmp: _tiny_fasttext(min_n=4)["b"], KeyError, r"no character n-gram"),
    "fasttext.char_ngrams: empty word": (
        lambda tmp: utils.char_ngrams(""), ValueError, r"non-empty"),
    # utils.transfer
    "transfer.pretrained_table: unknown oov policy": (
        lambda tmp: utils.pretrained_table(_vocab(), _kv(), oov="mean"), ValueError, r"oov must be"),
    "transfer.pretrained_table: vectors from another text": (
        lambda tmp: utils.pretrained_table(_vocab(), _kv(words=("x", "y", "z"))),
        ValueError, r"none of the vocabulary"),
    "transfer.balanced_subset: fewer examples than classes": (
        lambda tmp: utils.balanced_subset(np.array([0, 1, 2, 0]), 2, seed=0), ValueError, r"number of classes"),
    "transfer.transfer_curves: a diverged (non-finite) table": (
        lambda tmp: utils.transfer_curves(np.full((4, 2), np.nan), *_TOY_SPLITS[:2], sizes=[2], seeds=[0],
                                          n_classes=2, verbose=False, **_SCHEDULE),
        ValueError, r"non-finite"),
    "transfer.finetune_sweep: a negative number of passes": (
        lambda tmp: utils.finetune_sweep(np.ones((4, 2)), *_TOY_SPLITS, n_classes=2,
                                         **utils.recipes.LAB_FINETUNE_SWEEP.but(finetune_epochs=(-1,), n_labeled=2)),
        ValueError, r"finetune_epochs"),
    # utils.projector
    "projector.load_projector: nothing exported there": (
        lambda tmp: utils.load_projector(tmp / "nowhere"), FileNotFoundError, r"export_projector"),
    "projector.export_projector: a tab inside a label": (
        lambda tmp: utils.export_projector(
            _kv(), tmp / "p", columns={"class": {"cat": "a\tb", "sat": "c", "mat": "d"}}),
        ValueError, r"tab or newline"),
    "evaluation.probe_interval: n_splits 1": (
        lambda tmp: utils.probe_interval(_kv(("a", "b", "c", "d")), ["a", "b", "c", "d"], [0, 1, 0, 1], n_splits=1),
        ValueError, r"n_splits must be at least 2"),
    "evaluation.valence_probe: ratings not a mapping": (
        lambda tmp: utils.valence_probe(_kv(), [("cat", 1.0)]), ValueError, r"ratings must be a non-empty mapping"),
    "evaluation.valence_probe: too few rated words with a vector": (
        lambda tmp: utils.valence_probe(_kv(), {"cat": 2.0, "sat": -2.0, "dog": 1.0}), ValueError,
        r"only 2 rated word\(s\) have a vector"),
    "evaluation.valence_probe: a rating that is not a number": (
        lambda tmp: utils.valence_probe(_kv(), {"cat": "good"}), ValueError, r"rating of 'cat' is not a finite"),
    "evaluation.valence_probe: negative min_abs_rating": (
        lambda tmp: utils.valence_probe(_kv(), {"cat": 2.0}, min_abs_rating=-1), ValueError, r"min_abs_rating"),
    "evaluation.valence_probe: one str as the word list": (
        lambda tmp: utils.valence_probe(_kv(), {"cat": 2.0}, words="cat"), TypeError, r"not one str"),
    "evaluation.norm_matched_random: not KeyedVectors": (
        lambda tmp: utils.norm_matched_random(np.eye(3)), TypeError, r"KeyedVectors"),
    "evaluation.polarity_readout: labels other than 0 and 1": (
        lambda tmp: utils.polarity_readout(_kv(), [["cat"], ["sat"]], [1, 2]), ValueError, r"0 \(negative\) and 1"),
    "evaluation.polarity_readout: a str instead of sentences": (
        lambda tmp: utils.polarity_readout(_kv(), "cat sat", [0, 1]), TypeError, r"token lists"),
    "plots.plot_probe_heatmap: a cell that is a string": (
        lambda tmp: utils.plot_probe_heatmap({"lab": {("polarity", "task"): "high"}}), TypeError,
        r"Interval, a number or None"),
    "plots.plot_probe_heatmap: keys that are not (row, column)": (
        lambda tmp: utils.plot_probe_heatmap({"lab": {"polarity": 0.5}}), ValueError, r"\(row, column\) pairs"),
    "plots.plot_benchmark_intervals: a bare number": (
        lambda tmp: utils.plot_benchmark_intervals({"WS": {"a": 0.4}}), TypeError, r"expected an Interval"),
    # utils.plots
    "plots.plot_vectors_2d: groups do not match words": (
        lambda tmp: utils.plot_vectors_2d({"p": np.zeros((2, 2))}, ["a", "b"], ["g"]),
        ValueError, r"one group per word"),
    "plots.plot_one_hot_lookup: index past the last row": (
        lambda tmp: utils.plot_one_hot_lookup(np.ones((4, 2)), 4), ValueError, r"index must be an int in 0"),
    "plots.plot_one_hot_lookup: one label too few": (
        lambda tmp: utils.plot_one_hot_lookup(np.ones((4, 2)), 1, ["a", "b", "c"]), ValueError, r"one label per row"),
    "plots.plot_train_step_cost: not a measurement": (
        lambda tmp: utils.plot_train_step_cost([1, 2]), ValueError, r"TrainStepCost"),
    "plots.plot_history: unknown metric": (
        lambda tmp: utils.plot_history({"loss": [1.0, 0.5]}, metrics=("accuracy",)), ValueError, r"not in the history"),
    "plots.project_2d: unknown method": (
        lambda tmp: utils.project_2d(np.eye(4), "umap"), ValueError, r"pca.*tsne"),
    "plots.project_2d: a diverged table": (
        lambda tmp: utils.project_2d(np.array([[1.0, np.nan], [0, 1], [1, 1]])), ValueError, r"non-finite"),
    # utils.data: missing, corrupted and malformed files
    "data.wordsim353_half: a third half": (
        lambda tmp: utils.wordsim353_half(3), ValueError, r"half must be 1 or 2"),
    "data.load_wordsim353: missing file": (
        lambda tmp: utils.load_wordsim353(path=tmp / "absent.tsv"), DataSourceError, r"cannot read.*reinstall"),
    "data.load_wordsim353: a line with two fields": (
        lambda tmp: utils.load_wordsim353(path=_write(tmp, "ws.tsv", "cup\tcoffee\t6.6\ntiger\tcat\n")),
        DataSourceError, r"line 2.*3 tab-separated"),
    "data.load_simlex999: a score that is not a number": (
        lambda tmp: utils.load_simlex999(path=_write(tmp, "sl.txt", "old\tnew\thigh\n")),
        DataSourceError, r"line 1.*not a number"),
    "data.load_analogies: a question before any section": (
        lambda tmp: utils.load_analogies(path=_write(tmp, "q.txt", "athens greece oslo norway\n")),
        DataSourceError, r"line 1.*section"),
    "data.load_vader_lexicon: missing file": (
        lambda tmp: utils.load_vader_lexicon(path=tmp / "absent.txt"), DataSourceError, r"cannot read.*vaderSentiment"),
    "data.load_vader_lexicon: a line with three fields": (
        lambda tmp: utils.load_vader_lexicon(path=_write(tmp, "v.txt", "good\t1.9\t0.94\t[2]\nbad\t-2.5\n")),
        DataSourceError, r"line 2.*4 tab-separated"),
    "data.load_vader_lexicon: a mean that is not a number": (
        lambda tmp: utils.load_vader_lexicon(path=_write(tmp, "v.txt", "good\thigh\t0.94\t[2]\n")),
        DataSourceError, r"line 1.*not a number"),
    "data.load_vader_lexicon: a rating outside the scale": (
        lambda tmp: utils.load_vader_lexicon(path=_write(tmp, "v.txt", "good\t7.0\t0.94\t[2]\n")),
        DataSourceError, r"line 1.*outside -4"),
    "data.load_vader_lexicon: a negative max_std": (
        lambda tmp: utils.load_vader_lexicon(max_std=-1), ValueError, r"max_std must be a positive"),
    "data.load_polarity_sample: a line without a label": (
        lambda tmp: utils.data.load_polarity_sample(path=_write(tmp, "p.cor", "__label__pos fine\nno label here\n")),
        DataSourceError, r"line 2.*__label__"),
    "data.load_newsgroups_sample: not a zlib pickle": (
        lambda tmp: utils.data.load_newsgroups_sample(path=_write(tmp, "news", b"garbage")),
        DataSourceError, r"zlib-compressed pickle"),
    "data.load_newsgroups_sample: a pickle with a foreign class": (
        lambda tmp: utils.data.load_newsgroups_sample(path=_write(
            tmp, "news2", zlib.compress(b"\x80\x02cos\nsystem\nq\x00."))),
        DataSourceError, r"unexpected class os.system"),
    "data.load_wiki_excerpt: truncated dump": (
        lambda tmp: utils.data.load_wiki_excerpt(path=_write(tmp, "w.bz2", bz2.compress(b"<mediawiki>" * 50)[:40]),
                                            use_cache=False, verbose=False),
        DataSourceError, r"corrupted or truncated"),
    "data.load_wiki_excerpt: not a MediaWiki dump": (
        lambda tmp: utils.data.load_wiki_excerpt(path=_write(tmp, "x.bz2", bz2.compress(b"<html></html>")),
                                            use_cache=False, verbose=False),
        DataSourceError, r"not a MediaWiki"),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_input_raises_a_clear_error(name, tmp_path):
    call, error, pattern = CASES[name]
    with pytest.raises(error, match=pattern):
        call(tmp_path)


def test_the_catalogue_covers_the_package():
    assert len(CASES) >= 30, f"only {len(CASES)} bad-input cases"
    modules = {name.split(".")[0] for name in CASES}
    expected = {"text", "lab", "seeding", "models", "evaluation", "costs", "out_of_range", "word2vec",
                "transfer", "projector", "plots", "data", "downloads", "corpora", "intervals", "experiments",
                "cooccurrence", "glove", "fasttext"}
    assert expected <= modules, f"no bad-input case for {sorted(expected - modules)}"


# Inputs that are accepted, with the documented result rather than an error.
def test_unknown_words_map_to_unk_not_to_a_wrong_word():
    vocab = _vocab()
    ids = vocab.encode(["dog", "emu"])
    assert ids.tolist() == [vocab.id(UNK)] * 2


def test_text_of_only_unknown_words_has_zero_coverage():
    assert _vocab().coverage([["dog", "emu"]]) == 0.0


def test_long_texts_are_cut_and_short_ones_padded_with_zeros():
    x = _vocab().encode_batch([["cat"] * 10, ["sat"]], 4)
    assert x.shape == (2, 4) and (x[1, 1:] == 0).all() and (x[0] == x[0, 0]).all()


def test_words_missing_from_word2vec_get_zero_rows_by_default():
    vocab = utils.Vocabulary.from_sentences([["cat", "dog"]])
    table, missing = utils.pretrained_table(vocab, _kv())
    assert missing == ["dog"] and not table[vocab.id("dog")].any()
