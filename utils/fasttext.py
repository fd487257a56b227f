"""fastText built from Keras ``Embedding`` layers: a word is the mean of its rows (notebook 09, section "fastText").

fastText (Bojanowski et al. 2017, https://arxiv.org/abs/1607.04606) trains
skip-gram with negative sampling, but the *input* vector of a word is the
average of the rows of the word itself and of each of its character n-grams
(3 to 6 characters of ``<word>``, the angle brackets marking its start and
end), every n-gram hashed into one of ``bucket`` rows. A word never seen in
training still has n-grams, so it still has a vector.

* :func:`char_ngrams` -- the n-grams of one word, written by hand;
* :func:`ngram_bucket` -- fastText's FNV-1a hash of an n-gram, modulo ``bucket``
  (the same hash as the official C++ code and gensim);
* :class:`SubwordVocab` -- word ids and bucket ids, one padded row of ids per word;
* :func:`build_fasttext_model` -- the input table (words then buckets), a
  masked mean, the context table and a dot product;
* :func:`train_fasttext` -- all of it with notebook 04's pairs and negatives,
  returning a :class:`FastTextVectors` whose ``kv[word]`` answers for any word
  that has an n-gram.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from . import arguments
from .arguments import flag, integer, rate_or_schedule
from .models import keyed_vectors
from .seeding import op_determinism_enabled
from .word2vec import (
    NegativeSampler,
    Word2VecCorpus,
    cbow_windows,
    keep_probabilities,
    reproducible_gensim_vectors,
    subsample,
)

__all__ = ["char_ngrams", "ngram_bucket", "SubwordVocab", "FastTextVectors", "build_fasttext_model",
           "train_fasttext", "gensim_fasttext", "subword_rows_layer", "pick_unseen_words", "without_words"]

#: Subword id that marks an empty slot of a padded row (row 0 of the input table is never a word).
PAD = 0


def _check_ngram_range(min_n: int, max_n: int) -> tuple[int, int]:
    min_n, max_n = integer("min_n", min_n, 1), integer("max_n", max_n, 1)
    if min_n > max_n:
        raise ValueError(f"min_n ({min_n}) must not exceed max_n ({max_n})")
    return min_n, max_n


def char_ngrams(word: str, min_n: int = 3, max_n: int = 6) -> list[str]:
    """Every character n-gram of ``<word>`` with ``min_n <= n <= max_n`` (notebook 09, section "fastText").

    ``<`` and ``>`` mark the word's start and end, so the prefix ``<un`` and
    the suffix ``ed>`` differ from ``un`` and ``ed`` inside a word. The whole
    ``<word>`` counts too when it is short enough, as in fastText.
    """
    if not isinstance(word, str) or not word:
        raise ValueError(f"word must be a non-empty str, got {word!r}")
    min_n, max_n = _check_ngram_range(min_n, max_n)
    marked = f"<{word}>"
    return [marked[i:i + n] for n in range(min_n, max_n + 1) for i in range(len(marked) - n + 1)]


def ngram_bucket(ngram: str, bucket: int) -> int:
    """fastText's row for an n-gram: 32-bit FNV-1a of its UTF-8 bytes, modulo ``bucket``.

    Each byte is sign-extended before the XOR, as the C++ code (``int8_t``)
    does; that only matters for non-ASCII characters. Different n-grams may
    share a row (a hash collision): the price of a table of fixed size.

    Taught in notebook 09, section "fastText: a word is the mean of its own row and its n-gram rows",
    and by its exercise.
    """
    if not isinstance(ngram, str) or not ngram:
        raise TypeError(f"ngram must be a non-empty str, got {ngram!r}")
    bucket = integer("bucket", bucket, 1)
    h = 2166136261
    for byte in ngram.encode("utf-8"):
        h = ((h ^ (byte - 256 if byte > 127 else byte)) & 0xFFFFFFFF) * 16777619 & 0xFFFFFFFF
    return h % bucket


@dataclass
class SubwordVocab:
    """The rows each vocabulary word is the mean of (notebook 09, section "fastText").

    Row ``i`` of the input table (``1 <= i < len(words)``) is word ``i``
    itself; row ``len(words) + b`` is n-gram bucket ``b``. ``rows[i]`` lists
    word ``i``'s rows, padded with :data:`PAD` to a common width.
    """

    words: list[str]
    rows: np.ndarray
    min_n: int
    max_n: int
    bucket: int

    @classmethod
    def build(cls, words: Sequence[str], *, min_n: int = 3, max_n: int = 6, bucket: int = 20_000) -> SubwordVocab:
        """``words[0]`` must be padding (``""``), as in :class:`utils.Word2VecCorpus`."""
        min_n, max_n = _check_ngram_range(min_n, max_n)
        bucket = integer("bucket", bucket, 1)
        if not words or words[0] != "":
            raise ValueError("words[0] must be the padding entry ''")
        ids = [[PAD]] + [[i, *cls._ngram_rows(w, len(words), min_n, max_n, bucket)]
                         for i, w in enumerate(words) if i]
        rows = np.full((len(words), max(map(len, ids))), PAD, dtype=np.int32)
        for i, r in enumerate(ids):
            rows[i, :len(r)] = r
        return cls(list(words), rows, min_n, max_n, bucket)

    @staticmethod
    def _ngram_rows(word: str, offset: int, min_n: int, max_n: int, bucket: int) -> list[int]:
        return [offset + ngram_bucket(g, bucket) for g in char_ngrams(word, min_n, max_n)]

    def rows_of(self, word: str) -> list[int]:
        """Input-table rows whose mean is ``word``'s vector: its own row if known, and its n-grams'."""
        own = [self.words.index(word)] if word in self._index else []
        return own + self._ngram_rows(word, len(self.words), self.min_n, self.max_n, self.bucket)

    @property
    def _index(self) -> set[str]:
        if not hasattr(self, "_known"):
            self._known = set(self.words[1:])
        return self._known


class FastTextVectors:
    """Word vectors that answer for any word with an n-gram: ``kv[word]``, ``word in kv``.

    ``kv`` (a gensim ``KeyedVectors``) holds the vocabulary's vectors for the
    course's scoring code; ``vector(word)`` and ``ft[word]`` build a vector
    for any word from the trained input table.

    Returned by :func:`train_fasttext` (notebook 09, section "fastText: a word is the mean of its own row
    and its n-gram rows").
    """

    def __init__(self, table: np.ndarray, subwords: SubwordVocab):
        self.table, self.subwords = table, subwords
        known = np.stack([self._mean(r[r != PAD]) for r in subwords.rows[1:]])
        self.kv = keyed_vectors(np.vstack([np.zeros((1, table.shape[1])), known]), subwords.words)

    def _mean(self, rows) -> np.ndarray:
        return self.table[np.asarray(rows)].mean(axis=0)

    def vector(self, word: str) -> np.ndarray:
        """The mean of ``word``'s rows; a clear ``KeyError`` when it has none."""
        if not isinstance(word, str) or not word:
            raise KeyError(f"no vector for {word!r}: give a non-empty word")
        rows = self.subwords.rows_of(word)
        if not rows:
            raise KeyError(f"no vector for {word!r}: it is not in the vocabulary and has no character "
                           f"n-gram of {self.subwords.min_n} to {self.subwords.max_n} characters")
        return self._mean(rows)

    __getitem__ = vector

    def __contains__(self, word: str) -> bool:
        return isinstance(word, str) and bool(word) and bool(self.subwords.rows_of(word))

    def oov_keyed_vectors(self, words: Iterable[str]):
        """The vocabulary's vectors plus vectors built for ``words``, as one gensim ``KeyedVectors``."""
        extra = [w for w in dict.fromkeys(words) if w not in self.kv]
        kv = self.kv.__class__(self.kv.vector_size)
        kv.add_vectors(list(self.kv.index_to_key), self.kv.vectors)
        if extra:
            kv.add_vectors(extra, np.stack([self.vector(w) for w in extra]))
        return kv


def subword_rows_layer(rows: np.ndarray):
    """A Keras layer mapping word ids to their padded input-table rows (fixed, not trained; notebook 09)."""
    import keras

    rows = np.asarray(rows)
    if rows.ndim != 2 or not np.issubdtype(rows.dtype, np.integer) or (rows < 0).any():
        raise ValueError(f"rows must be a 2-D array of non-negative row ids (SubwordVocab.rows), got shape "
                         f"{rows.shape} dtype {rows.dtype}")

    class SubwordRows(keras.layers.Layer):
        """Maps word ids to their padded rows of input-table ids (a fixed, non-trainable table)."""

        def build(self, input_shape):
            self.rows = self.add_weight(shape=rows.shape, dtype="int32", trainable=False, name="rows",
                                        initializer=keras.initializers.Constant(rows))

        def call(self, ids):
            return keras.ops.take(self.rows, ids, axis=0)

    return SubwordRows(name="subword_rows")


def build_fasttext_model(rows: np.ndarray, n_rows: int, vector_size: int, negative: int, *,
                         learning_rate=0.01, seed: int = 0, jit_compile: bool = True):
    """fastText's skip-gram as a Keras model (notebook 09, section "fastText").

    ``rows`` is :attr:`SubwordVocab.rows`: word id -> its input-table rows,
    padded with 0. Inputs: ``target`` word ids ``(batch,)`` -- one per
    occurrence in the text -- and ``candidates`` ``(batch, slots, 1 + negative)``:
    for each context slot of that occurrence, the context word then its
    negatives. The target's vector is the mean of its rows of
    ``input_embedding`` (``n_rows`` = words + buckets), computed once per
    occurrence and shared by all its context words; logits are its dot
    products with the candidates' rows of ``context_embedding``.
    """
    rows = np.asarray(rows, dtype=np.int32)
    if rows.ndim != 2 or len(rows) < 2:
        raise ValueError(f"rows must be a 2-D table of ids with a row per word, got shape {rows.shape}")
    n_rows = integer("n_rows", n_rows, int(rows.max()) + 1)
    vector_size = integer("vector_size", vector_size, 1)
    negative = integer("negative", negative, 1)
    rate_or_schedule("learning_rate", learning_rate)
    integer("seed", seed, 0)
    flag("jit_compile", jit_compile)
    return _fasttext_model(rows, n_rows, vector_size, negative, learning_rate=learning_rate, seed=seed,
                           jit_compile=jit_compile)


def _fasttext_model(rows: np.ndarray, n_rows: int, vector_size: int, negative: int, *, learning_rate, seed: int,
                    jit_compile: bool):
    """The model :func:`build_fasttext_model` describes, for arguments already checked."""
    import keras

    half = 0.5 / vector_size
    inputs = keras.layers.Embedding(n_rows, vector_size, name="input_embedding",
                                    embeddings_initializer=keras.initializers.RandomUniform(-half, half, seed=seed))
    contexts = keras.layers.Embedding(len(rows), vector_size, name="context_embedding",
                                      embeddings_initializer="zeros")
    target = keras.Input(shape=(), dtype="int32", name="target")
    candidates = keras.Input(shape=(None, 1 + negative), dtype="int32", name="candidates")
    subwords = subword_rows_layer(rows)(target)                                # (batch, width)
    mask = keras.ops.cast(keras.ops.not_equal(subwords, PAD), "float32")[..., None]
    word = keras.ops.sum(inputs(subwords) * mask, axis=1) / keras.ops.sum(mask, axis=1)  # (batch, dim)
    logits = keras.ops.einsum("bd,bskd->bsk", word, contexts(candidates))     # (batch, slots, 1 + negative)
    model = keras.Model({"target": target, "candidates": candidates}, logits, name="fasttext")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate),
                  loss=keras.losses.BinaryCrossentropy(from_logits=True), jit_compile=jit_compile)
    return model


def train_fasttext(
    sentences: Iterable[Sequence[str]],
    *,
    # gensim's names and meanings
    vector_size: int = 100, window: int = 5, negative: int = 5, min_n: int = 3, max_n: int = 6,
    bucket: int = 20_000, min_count: int = 5, sample: float = 1e-3, epochs: int = 2, seed: int = 0,
    # the Keras side
    batch_size: int = 4096, learning_rate: float = 0.12, jit_compile: bool = True, verbose: int = 0,
) -> FastTextVectors:
    """Train fastText's skip-gram with Keras; return :class:`FastTextVectors` (notebook 09, section "fastText").

    Argument names are gensim's ``FastText``'s. Each occurrence of a word in the (subsampled) text is one
    example, with every context word of its dynamic window (:func:`utils.cbow_windows` gives exactly those)
    and ``negative`` negatives per context word (:class:`utils.NegativeSampler`), drawn afresh each epoch;
    empty window slots weigh 0. ``batch_size`` counts occurrences. Adam's step falls linearly to almost
    zero. The batch and rate were chosen on SimLex-999 alone, of seven settings tried on notebook 08's text
    with 100,000 buckets (batches 1,024-8,192, rates 0.02-0.16); 4,096 at 0.12 tied the best (2,048 at
    0.06) within 0.01 and runs faster. The default ``bucket`` is :data:`utils.recipes.WIKI_FASTTEXT`'s (the
    recipe's comment says why it is small). ``verbose``: 0 silent, 1 one line per run.
    """
    import keras

    sentences, seed = _check_fasttext_args(sentences, vector_size=vector_size, window=window, negative=negative,
                                           min_n=min_n, max_n=max_n, bucket=bucket, epochs=epochs, seed=seed,
                                           batch_size=batch_size, learning_rate=learning_rate,
                                           jit_compile=jit_compile, verbose=verbose)
    corpus = Word2VecCorpus.from_sentences(sentences, min_count=min_count)
    keep_probabilities(corpus.counts, sample)  # validates sample
    if corpus.vocab_size < 3:
        raise ValueError(f"fastText needs at least two distinct words seen min_count={min_count} times")
    subwords = SubwordVocab.build(corpus.words, min_n=min_n, max_n=max_n, bucket=bucket)
    start, rng = time.perf_counter(), np.random.default_rng(seed)
    keras.utils.set_random_seed(seed)
    sampler = NegativeSampler(corpus.counts)
    examples = [cbow_windows(*subsample(corpus, sample, rng), window, rng) for _ in range(epochs)]
    steps = sum(-(-len(t) // batch_size) for t, _ in examples)
    schedule = keras.optimizers.schedules.PolynomialDecay(learning_rate, steps, learning_rate * 1e-3)
    model = _fasttext_model(subwords.rows, len(corpus.words) + bucket, vector_size, negative,
                            learning_rate=schedule, seed=seed,
                            jit_compile=jit_compile and not op_determinism_enabled())
    for targets, contexts in examples:
        _fit_epoch(model, targets, contexts, sampler, negative=negative, batch_size=batch_size, rng=rng)
    table = model.get_layer("input_embedding").get_weights()[0]
    if not np.isfinite(table).all():
        raise FloatingPointError("fastText training diverged (non-finite vectors): lower learning_rate")
    if verbose:
        print(f"fastText: {corpus.vocab_size - 1:,} words + {bucket:,} n-gram buckets, {epochs} epochs, "
              f"{time.perf_counter() - start:.1f} s", flush=True)
    return FastTextVectors(table, subwords)


def _check_fasttext_args(sentences, *, min_n: int, max_n: int, bucket: int, seed: int, learning_rate,
                         jit_compile: bool, verbose: int, **counts: int) -> tuple[list[list[str]], int]:
    """The checks of :func:`train_fasttext` (every count, ``vector_size=...``, at least 1): the sentences and seed."""
    _check_ngram_range(min_n, max_n)
    integer("bucket", bucket, 1)
    for name, value in counts.items():
        integer(name, value, 1)
    seed = integer("seed", seed, 0)
    if not (isinstance(learning_rate, (int, float)) and learning_rate > 0):
        raise ValueError(f"learning_rate must be a positive number, got {learning_rate!r}")
    flag("jit_compile", jit_compile)
    if verbose not in (0, 1):
        raise ValueError(f"verbose must be 0 or 1, got {verbose!r}")
    return arguments.sentences("sentences", sentences), seed


def _fit_epoch(model, targets: np.ndarray, contexts: np.ndarray, sampler: NegativeSampler, *, negative: int,
               batch_size: int, rng: np.random.Generator) -> None:
    """One pass over one epoch's occurrences, shuffled, with ``negative`` fresh negatives per context word."""
    order = rng.permutation(len(targets))
    targets, contexts = targets[order], contexts[order]
    negatives = sampler.sample(contexts.ravel(), negative, rng).reshape(*contexts.shape, negative)
    candidates = np.concatenate([contexts[..., None], negatives], axis=-1)
    labels = np.zeros(candidates.shape, dtype=np.float32)
    labels[..., 0] = 1
    model.fit({"target": targets, "candidates": candidates}, labels,
              sample_weight=(contexts != PAD).astype(np.float32), batch_size=batch_size, epochs=1,
              shuffle=False, verbose=0)


def pick_unseen_words(counts: dict[str, int], benchmark_words: Iterable[str], *, plurals: int = 30,
                      benchmark_words_n: int = 30, min_count: int = 5, seed: int = 0) -> dict[str, str | None]:
    """Words to hold out of the training text, chosen by a fixed rule (notebook 08, section 1).

    Two groups, each a seeded random draw among the words seen at least
    ``min_count`` times: ``plurals`` words ``stem + "s"`` whose stem (4
    letters or more) is itself such a word, mapped to that stem; and
    ``benchmark_words_n`` other words of ``benchmark_words``, mapped to None.
    """
    integer("plurals", plurals, 0)
    integer("benchmark_words_n", benchmark_words_n, 0)
    integer("min_count", min_count, 1)
    if not isinstance(counts, Mapping):
        raise TypeError(f"counts must be a mapping word -> count, e.g. dict(zip(corpus.words, corpus.counts)), got "
                        f"{type(counts).__name__}")
    if isinstance(benchmark_words, str):
        raise TypeError("benchmark_words must be a collection of words, not one str")
    rng = np.random.default_rng(integer("seed", seed, 0))
    frequent = sorted(w for w, c in counts.items() if c >= min_count)
    known = set(frequent)
    stems = [w for w in frequent if w.endswith("s") and len(w) >= 5 and w[:-1] in known]
    chosen = {str(w): str(w[:-1]) for w in rng.choice(stems, min(plurals, len(stems)), replace=False)}
    pool = sorted(set(benchmark_words) & known - set(chosen) - set(chosen.values()))
    chosen.update({str(w): None for w in rng.choice(pool, min(benchmark_words_n, len(pool)), replace=False)})
    return chosen


def without_words(sentences: Iterable[Sequence[str]], words: Iterable[str]) -> list[list[str]]:
    """The sentences with every occurrence of ``words`` deleted (notebook 08, section 1)."""
    if isinstance(words, str) or isinstance(sentences, str):
        raise TypeError("sentences must be token lists and words a collection of words, not one str")
    drop = set(words)
    return [[t for t in s if t not in drop] for s in sentences]


def gensim_fasttext(sentences: Sequence[Sequence[str]], *, cache: bool = True, **params):
    """gensim's ``FastText`` trained reproducibly (one worker, ``seed`` 0 unless given); its word vectors.

    The reference for notebook 09's Keras fastText: ``params`` are gensim's
    (``vector_size``, ``window``, ``min_n``, ``max_n``, ``bucket``...). The
    result answers for unseen words too (``wv["unseenword"]``). With
    ``cache`` it is saved in the data cache, keyed by the text and the
    parameters, and reloaded next time.
    """
    from gensim.models import FastText

    if not sentences or not any(sentences):
        raise ValueError("the corpus is empty: give at least one sentence of tokens")
    cache = flag("cache", cache)
    return reproducible_gensim_vectors(FastText, "fasttext", sentences, params, cache=cache)
