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


def _vocab():
    return utils.Vocabulary.from_sentences([["cat", "sat", "mat", "cat"]])


def _kv(words=("cat", "sat", "mat"), dim=3):
    from gensim.models import KeyedVectors

    kv = KeyedVectors(dim)
    kv.add_vectors(list(words), np.arange(len(words) * dim, dtype=np.float32).reshape(len(words), dim) + 1)
    return kv


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
        lambda tmp: utils.seed_everything(1.5), ValueError, r"seed"),
    # utils.models
    "models.make_dataset: float ids": (
        lambda tmp: utils.make_dataset(np.zeros((2, 3), np.float32), np.zeros(2)), TypeError, r"integer ids"),
    "models.make_dataset: labels do not match rows": (
        lambda tmp: utils.make_dataset(np.zeros((2, 3), np.int32), np.zeros(5)), ValueError, r"one label per row"),
    "models.make_dataset: no example": (
        lambda tmp: utils.make_dataset(np.zeros((0, 3), np.int32), np.zeros(0)), ValueError, r"empty"),
    "models.make_dataset: batch_size 0": (
        lambda tmp: utils.make_dataset(np.zeros((2, 3), np.int32), np.zeros(2), batch_size=0),
        ValueError, r"batch_size"),
    "models.build_classifier: negative vocabulary size": (
        lambda tmp: utils.build_classifier(-5, 4, 2), ValueError, r"vocab_size"),
    "models.build_classifier: pretrained table of the wrong shape": (
        lambda tmp: utils.build_classifier(10, 4, 2, pretrained=np.zeros((9, 4))), ValueError, r"shape"),
    # utils.evaluation
    "evaluation.keyed_vectors: one word too few": (
        lambda tmp: utils.keyed_vectors(np.ones((3, 2)), ["a", "b"]), ValueError, r"one word per row"),
    "evaluation.keyed_vectors: only padding and [UNK]": (
        lambda tmp: utils.keyed_vectors(np.ones((2, 2)), ["", "[UNK]"]), ValueError, r"no real word"),
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
    "evaluation.project_2d: unknown method": (
        lambda tmp: utils.project_2d(np.eye(4), "umap"), ValueError, r"pca.*tsne"),
    "evaluation.gensim_word2vec: empty corpus": (
        lambda tmp: utils.gensim_word2vec([]), ValueError, r"no sentence"),
    # utils.costs
    "costs.measure_lookup_cost: no vocabulary size": (
        lambda tmp: utils.measure_lookup_cost([]), ValueError, r"vocab_sizes is empty"),
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
    # utils.transfer
    "transfer.pretrained_table: unknown oov policy": (
        lambda tmp: utils.pretrained_table(_vocab(), _kv(), oov="mean"), ValueError, r"oov must be"),
    "transfer.pretrained_table: vectors from another text": (
        lambda tmp: utils.pretrained_table(_vocab(), _kv(words=("x", "y", "z"))),
        ValueError, r"none of the vocabulary"),
    "transfer.balanced_subset: fewer examples than classes": (
        lambda tmp: utils.balanced_subset(np.array([0, 1, 2, 0]), 2, seed=0), ValueError, r"number of classes"),
    # utils.projector
    "projector.load_projector: nothing exported there": (
        lambda tmp: utils.load_projector(tmp / "nowhere"), FileNotFoundError, r"export_projector"),
    "projector.export_projector: a tab inside a label": (
        lambda tmp: utils.export_projector(
            _kv(), tmp / "p", columns={"class": {"cat": "a\tb", "sat": "c", "mat": "d"}}),
        ValueError, r"tab or newline"),
    # utils.plots
    "plots.plot_vectors_2d: groups do not match words": (
        lambda tmp: utils.plot_vectors_2d({"p": np.zeros((2, 2))}, ["a", "b"], ["g"]),
        ValueError, r"one group per word"),
    "plots.plot_history: unknown metric": (
        lambda tmp: utils.plot_history({"loss": [1.0, 0.5]}, metrics=("accuracy",)), ValueError, r"not in the history"),
    # utils.data: missing, corrupted and malformed files
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
        lambda tmp: utils.load_polarity_sample(path=_write(tmp, "p.cor", "__label__pos fine\nno label here\n")),
        DataSourceError, r"line 2.*__label__"),
    "data.load_newsgroups_sample: not a zlib pickle": (
        lambda tmp: utils.load_newsgroups_sample(path=_write(tmp, "news", b"garbage")),
        DataSourceError, r"zlib-compressed pickle"),
    "data.load_newsgroups_sample: a pickle with a foreign class": (
        lambda tmp: utils.load_newsgroups_sample(path=_write(
            tmp, "news2", zlib.compress(b"\x80\x02cos\nsystem\nq\x00."))),
        DataSourceError, r"unexpected class os.system"),
    "data.load_wiki_excerpt: truncated dump": (
        lambda tmp: utils.load_wiki_excerpt(path=_write(tmp, "w.bz2", bz2.compress(b"<mediawiki>" * 50)[:40]),
                                            use_cache=False, verbose=False),
        DataSourceError, r"corrupted or truncated"),
    "data.load_wiki_excerpt: not a MediaWiki dump": (
        lambda tmp: utils.load_wiki_excerpt(path=_write(tmp, "x.bz2", bz2.compress(b"<html></html>")),
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
    expected = {"text", "lab", "seeding", "models", "evaluation", "costs", "word2vec",
                "transfer", "projector", "plots", "data"}
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
