"""word2vec built from two Keras ``Embedding`` layers: skip-gram and CBOW with negative sampling.

The pieces are written out by hand because they are the lesson (Keras 3 no
longer ships ``skipgrams`` or ``make_sampling_table``):

* :func:`keep_probabilities` -- frequent-word subsampling, gensim's formula;
* :func:`skipgram_pairs` -- (target, context) pairs with a dynamic window;
* :class:`NegativeSampler` -- negatives drawn from counts ** 0.75, never equal
  to the positive context word;
* :func:`build_skipgram_model` / :func:`build_cbow_model` -- a target table,
  a context table, a dot product and a logistic loss;
* :func:`train_word2vec` -- all of it behind gensim's argument names,
  returning gensim ``KeyedVectors`` so that both implementations are scored
  by the same code;
* :func:`gensim_word2vec` -- gensim's own ``Word2Vec``, trained reproducibly,
  to compare against.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np

from .arguments import flag, generator, integer, one_of, rate_or_schedule, word_vectors
from .data import cache_dir
from .models import keyed_vectors
from .out_of_range import device_kind
from .recipes import WIKI_CBOW, WIKI_SKIPGRAM
from .seeding import op_determinism_enabled
from .text import Vocabulary

__all__ = [
    "Word2VecCorpus",
    "keep_probabilities",
    "subsample",
    "skipgram_pairs",
    "cbow_windows",
    "NegativeSampler",
    "build_skipgram_model",
    "build_cbow_model",
    "train_word2vec",
    "gensim_word2vec",
    "reproducible_gensim_vectors",
    "save_trained_vectors",
    "load_trained_vectors",
]

#: Id reserved for padding in CBOW context windows (and never a real word).
PAD_ID = 0


@dataclass
class Word2VecCorpus:
    """Sentences as one flat id array, ready for pair generation.

    ``ids`` holds every kept token (words under ``min_count`` are dropped, as
    gensim does, not replaced by an unknown id); ``sentence`` gives the
    sentence each token belongs to, so windows never cross a sentence end.
    ``words[i]`` and ``counts[i]`` describe id ``i``; id 0 is padding.

    Taught in notebook 04, section "The task: real neighbours or random words?"; used again in notebook 08, section
    "Counting co-occurrences".
    """

    ids: np.ndarray
    sentence: np.ndarray
    words: list[str]
    counts: np.ndarray

    @classmethod
    def from_sentences(cls, sentences: Iterable[Sequence[str]], *, min_count: int = 5) -> Word2VecCorpus:
        """Count words, keep those seen ``min_count`` times, and encode the text."""

        min_count = integer("min_count", min_count, 1)
        if isinstance(sentences, str):
            raise TypeError("sentences must be an iterable of token lists, not one str")
        sentences = [list(s) for s in sentences]
        vocab = Vocabulary.from_sentences(sentences, min_count=min_count)
        # Row 1 of a Vocabulary is the unknown word; word2vec drops unknown
        # words instead, so the table here is [pad, word_1, word_2, ...].
        words = ["", *vocab.words[2:]]
        index = {w: i for i, w in enumerate(words) if w}
        ids, sentence = [], []
        for s_id, tokens in enumerate(sentences):
            kept = [index[t] for t in tokens if t in index]
            ids.extend(kept)
            sentence.extend([s_id] * len(kept))
        counts = np.array([0] + [vocab.counts[w] for w in words[1:]], dtype=np.int64)
        return cls(np.array(ids, dtype=np.int32), np.array(sentence, dtype=np.int32), words, counts)

    @property
    def vocab_size(self) -> int:
        """Rows of each embedding table (padding included)."""
        return len(self.words)


def keep_probabilities(counts: np.ndarray, sample: float) -> np.ndarray:
    """Probability of keeping each occurrence of a word, given its count.

    gensim's (and word2vec.c's) rule: with ``t = sample * total``, a word seen
    ``c`` times is kept with probability ``(sqrt(c / t) + 1) * t / c``, capped
    at 1. Rare words are always kept; ``the`` loses most of its occurrences.
    ``sample=0`` keeps everything.

    Taught in notebook 04, section "The real text, and subsampling of frequent words".
    """
    counts = np.asarray(counts, dtype=np.float64)
    if counts.ndim != 1 or (counts < 0).any():
        raise ValueError("counts must be a 1-D array of non-negative numbers")
    if not (isinstance(sample, (int, float)) and 0 <= sample < 1):
        raise ValueError(f"sample must be a number in [0, 1), got {sample!r}")
    if sample == 0:
        return np.ones_like(counts)
    threshold = sample * counts.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        keep = (np.sqrt(counts / threshold) + 1) * threshold / counts
    return np.where(counts > 0, np.minimum(keep, 1.0), 0.0)


def subsample(corpus: Word2VecCorpus, sample: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Drop frequent-word occurrences at random; return the kept ``(ids, sentence)``.

    Dropping happens before windows are drawn, so the words around a dropped
    ``the`` move closer to each other -- a wider effective window, as in gensim.

    Taught in notebook 04, section "The real text, and subsampling of frequent words".
    """
    if not isinstance(corpus, Word2VecCorpus):
        raise TypeError(f"corpus must be a Word2VecCorpus (Word2VecCorpus.from_sentences(...)), "
                        f"got {type(corpus).__name__}")
    keep = keep_probabilities(corpus.counts, sample)[corpus.ids]
    mask = generator("rng", rng).random(len(corpus.ids)) < keep
    return corpus.ids[mask], corpus.sentence[mask]


def skipgram_pairs(ids: np.ndarray, sentence: np.ndarray, window: int,
                   rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """All (target, context) pairs of skip-gram with a dynamic window.

    Each position draws its own window size uniformly in ``1..window`` (so
    near neighbours are used more often than far ones) and pairs with every
    word that close on either side, within the same sentence. Vectorized:
    one pass per offset instead of one per word.

    Taught in notebook 04, section "The task: real neighbours or random words?".
    """
    window = integer("window", window, 1)
    ids, sentence = np.asarray(ids), np.asarray(sentence)
    if ids.shape != sentence.shape or ids.ndim != 1:
        raise ValueError("ids and sentence must be 1-D arrays of the same length")
    reach = generator("rng", rng).integers(1, window + 1, size=len(ids))
    targets, contexts = [], []
    for offset in range(1, window + 1):
        same = sentence[:-offset] == sentence[offset:]
        left = np.flatnonzero(same & (reach[:-offset] >= offset))  # target left, context right
        right = np.flatnonzero(same & (reach[offset:] >= offset)) + offset  # target right, context left
        targets += [ids[left], ids[right]]
        contexts += [ids[left + offset], ids[right - offset]]
    return np.concatenate(targets).astype(np.int32), np.concatenate(contexts).astype(np.int32)


def cbow_windows(ids: np.ndarray, sentence: np.ndarray, window: int,
                 rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """CBOW examples: each word as a target, with its context words padded to ``2 * window``.

    Returns ``(targets, contexts)`` where ``contexts`` is ``(n, 2 * window)``
    and unused slots hold :data:`PAD_ID`. Words with no context in their
    sentence are left out.

    Taught in notebook 05, section "CBOW: the context predicts the word".
    """
    window = integer("window", window, 1)
    ids, sentence = np.asarray(ids), np.asarray(sentence)
    if ids.shape != sentence.shape or ids.ndim != 1:
        raise ValueError("ids and sentence must be 1-D arrays of the same length")
    n = len(ids)
    reach = generator("rng", rng).integers(1, window + 1, size=n)
    contexts = np.full((n, 2 * window), PAD_ID, dtype=np.int32)
    for slot, offset in enumerate([*range(-window, 0), *range(1, window + 1)]):
        pos = np.arange(n) + offset
        inside = (pos >= 0) & (pos < n)
        ok = np.zeros(n, dtype=bool)
        ok[inside] = (sentence[pos[inside]] == sentence[inside]) & (reach[inside] >= abs(offset))
        contexts[ok, slot] = ids[pos[ok]]
    has_context = (contexts != PAD_ID).any(axis=1)
    return ids[has_context].astype(np.int32), contexts[has_context]


class NegativeSampler:
    """Draws negative words with probability proportional to ``count ** power``.

    ``power=0.75`` (word2vec's choice) flattens the distribution: frequent
    words are still drawn most, but rare words more often than their share.
    A draw equal to the positive word of its row is drawn again, so a
    negative is never the very word the model is asked to predict.

    Taught in notebook 04, section "Negatives: drawn from counts to the power 0.75, never the positive word".
    """

    def __init__(self, counts: np.ndarray, *, power: float = 0.75):
        if not isinstance(power, (int, float)) or isinstance(power, bool) or not np.isfinite(power):
            raise ValueError(f"power must be a finite number, got {power!r}")
        counts = np.asarray(counts, dtype=np.float64)
        if counts.ndim != 1 or (counts < 0).any() or counts.sum() == 0:
            raise ValueError("counts must be a 1-D array of non-negative numbers, not all zero")
        if (counts > 0).sum() < 2:
            raise ValueError("negative sampling needs at least two words with a count")
        weights = np.where(counts > 0, counts ** power, 0.0)
        self.probabilities = weights / weights.sum()
        self._cumulative = np.cumsum(self.probabilities)
        self._cumulative[-1] = 1.0

    def _draw(self, size, rng: np.random.Generator) -> np.ndarray:
        return np.searchsorted(self._cumulative, rng.random(size), side="right").astype(np.int32)

    def sample(self, positives: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
        """``(len(positives), k)`` negative ids, none equal to its row's positive id."""
        k, rng = integer("k", k, 1), generator("rng", rng)
        positives = np.asarray(positives)
        negatives = self._draw((len(positives), k), rng)
        clash = negatives == positives[:, None]
        while clash.any():
            negatives[clash] = self._draw(int(clash.sum()), rng)
            clash = negatives == positives[:, None]
        return negatives


def _tables(vocab_size: int, vector_size: int, seed: int):
    """The target and context ``Embedding`` tables of both word2vec models, started as gensim starts them."""
    import keras

    # gensim's start: small random target vectors, zero context vectors.
    half = 0.5 / vector_size
    target = keras.layers.Embedding(
        vocab_size, vector_size, name="target_embedding",
        embeddings_initializer=keras.initializers.RandomUniform(-half, half, seed=seed))
    context = keras.layers.Embedding(vocab_size, vector_size, name="context_embedding",
                                     embeddings_initializer="zeros")
    return target, context


#: Optimizers :func:`train_word2vec` can use (appendix A1, section "Adam or plain SGD?").
OPTIMIZERS = ("adam", "sgd")


def _compile(model, learning_rate, jit_compile: bool, optimizer: str):
    """``model`` compiled with the logistic loss; ``optimizer`` is one of :data:`OPTIMIZERS` (checked by callers)."""
    import keras

    make = keras.optimizers.Adam if optimizer == "adam" else keras.optimizers.SGD
    model.compile(optimizer=make(learning_rate),
                  loss=keras.losses.BinaryCrossentropy(from_logits=True),
                  jit_compile=jit_compile)
    return model


def _check_build_options(learning_rate, seed, jit_compile, optimizer) -> None:
    rate_or_schedule("learning_rate", learning_rate)
    integer("seed", seed, 0)
    flag("jit_compile", jit_compile)
    one_of("optimizer", optimizer, OPTIMIZERS)


def build_skipgram_model(vocab_size: int, vector_size: int, negative: int, *,
                         learning_rate=0.01, seed: int = 0, jit_compile: bool = True,
                         optimizer: str = "adam"):
    """Skip-gram with negative sampling as a Keras model.

    Inputs: ``target`` ids ``(batch,)`` and ``candidates`` ``(batch, 1 + negative)``
    (the true context word first, then the negatives). Output: one logit per
    candidate, the dot product of the target's vector (``target_embedding``)
    with the candidate's vector (``context_embedding``). Trained with binary
    cross-entropy against ``[1, 0, ..., 0]``. Notebook 04 (section "The model")
    writes the same model cell by cell; ``tests/test_word2vec.py`` checks that
    the two are the same architecture with the same outputs.
    """
    vocab_size = integer("vocab_size", vocab_size, 2)
    vector_size = integer("vector_size", vector_size, 1)
    negative = integer("negative", negative, 1)
    _check_build_options(learning_rate, seed, jit_compile, optimizer)
    return _skipgram_model(vocab_size, vector_size, negative, learning_rate=learning_rate, seed=seed,
                           jit_compile=jit_compile, optimizer=optimizer)


def _skipgram_model(vocab_size: int, vector_size: int, negative: int, *, learning_rate, seed: int,
                    jit_compile: bool, optimizer: str):
    """The model :func:`build_skipgram_model` describes, for arguments already checked."""
    import keras

    target_table, context_table = _tables(vocab_size, vector_size, seed)
    target = keras.Input(shape=(), dtype="int32", name="target")
    candidates = keras.Input(shape=(1 + negative,), dtype="int32", name="candidates")
    t = target_table(target)                     # (batch, dim)
    c = context_table(candidates)                # (batch, 1 + negative, dim)
    logits = keras.ops.einsum("bd,bkd->bk", t, c)
    model = keras.Model({"target": target, "candidates": candidates}, logits, name="skipgram")
    return _compile(model, learning_rate, jit_compile, optimizer)


def build_cbow_model(vocab_size: int, vector_size: int, negative: int, window: int, *,
                     learning_rate=0.01, seed: int = 0, jit_compile: bool = True,
                     optimizer: str = "adam"):
    """CBOW with negative sampling: the mean of the context vectors predicts the target.

    Inputs: ``context`` ids ``(batch, 2 * window)`` padded with 0 (ignored by
    the mean) and ``candidates`` ``(batch, 1 + negative)`` (the true target
    first). The word vectors that are kept afterwards are ``target_embedding``
    -- here it is the table the *context* words are looked up in, which is
    the table gensim calls ``wv`` for CBOW too.

    Used by :func:`train_word2vec` with ``sg=0`` (notebook 05, section "CBOW: the context predicts the word").
    """
    vocab_size = integer("vocab_size", vocab_size, 2)
    vector_size = integer("vector_size", vector_size, 1)
    negative = integer("negative", negative, 1)
    window = integer("window", window, 1)
    _check_build_options(learning_rate, seed, jit_compile, optimizer)
    return _cbow_model(vocab_size, vector_size, negative, window, learning_rate=learning_rate, seed=seed,
                       jit_compile=jit_compile, optimizer=optimizer)


def _cbow_model(vocab_size: int, vector_size: int, negative: int, window: int, *, learning_rate, seed: int,
                jit_compile: bool, optimizer: str):
    """The model :func:`build_cbow_model` describes, for arguments already checked."""
    import keras

    input_table, output_table = _tables(vocab_size, vector_size, seed)
    context = keras.Input(shape=(2 * window,), dtype="int32", name="context")
    candidates = keras.Input(shape=(1 + negative,), dtype="int32", name="candidates")
    mask = keras.ops.cast(keras.ops.not_equal(context, PAD_ID), "float32")[..., None]
    summed = keras.ops.sum(input_table(context) * mask, axis=1)
    mean = summed / keras.ops.maximum(keras.ops.sum(mask, axis=1), 1.0)
    logits = keras.ops.einsum("bd,bkd->bk", mean, output_table(candidates))
    model = keras.Model({"context": context, "candidates": candidates}, logits, name="cbow")
    return _compile(model, learning_rate, jit_compile, optimizer)


#: Where :func:`train_word2vec`'s linearly falling step ends, as a fraction of its start: for
#: SGD gensim's schedule (``alpha=0.025`` down to ``min_alpha=0.0001``); for Adam 1/1000.
END_FRACTION = {"adam": 1e-3, "sgd": 0.0001 / 0.025}


def _default_epochs(sg: int, window: int) -> int:
    """Epochs ``train_word2vec`` runs when none is given (notebook 04, section "Training it").

    Skip-gram: at least the epochs of :data:`utils.recipes.WIKI_SKIPGRAM` (5), chosen in notebook 04's sweep;
    a narrow window also gets at least 12 pairs per token (each token gives about ``window + 1`` pairs: the
    dynamic window averages ``(window + 1) / 2`` on each side), so window 1 runs 6 epochs. CBOW (one
    example per token): 5, :data:`utils.recipes.WIKI_CBOW`'s epochs.
    """
    return max(WIKI_SKIPGRAM["epochs"], -(-12 // (window + 1))) if sg else WIKI_CBOW["epochs"]


def _check_train_args(sg, vector_size, window, negative, epochs, batch_size, seed, learning_rate,
                      optimizer, jit_compile, verbose) -> None:
    """The checks of :func:`train_word2vec`; the models it builds then trust these values."""
    if sg not in (0, 1):
        raise ValueError(f"sg must be 1 (skip-gram) or 0 (CBOW), got {sg!r}")
    for name, value in [("vector_size", vector_size), ("window", window), ("negative", negative),
                        ("epochs", 1 if epochs is None else epochs), ("batch_size", batch_size)]:
        integer(name, value, 1)
    integer("seed", seed, 0)
    if isinstance(learning_rate, bool) or not (isinstance(learning_rate, (int, float)) and learning_rate > 0
                                               and np.isfinite(learning_rate)):
        raise ValueError(f"learning_rate must be a positive number, got {learning_rate!r}")
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"optimizer must be one of {OPTIMIZERS}, got {optimizer!r}")
    flag("jit_compile", jit_compile)
    if verbose not in (0, 1, 2):
        raise ValueError(f"verbose must be 0, 1 or 2, got {verbose!r}")


def _xla_allowed(jit_compile: bool, verbose: int) -> bool:

    if jit_compile and op_determinism_enabled():
        # Keras would refuse XLA anyway, with a warning on stderr; say why instead.
        if verbose:
            print("XLA is off because TensorFlow op determinism is on "
                  "(utils.seed_everything(seed, deterministic_ops=False) leaves it off)", flush=True)
        return False
    return jit_compile


def _epoch_examples(corpus, sg, window, negative, sample, sampler, rng):
    """One epoch's shuffled examples: fresh subsampling, windows and negatives, as gensim draws them."""
    ids, sentence = subsample(corpus, sample, rng)
    if sg:
        targets, contexts = skipgram_pairs(ids, sentence, window, rng)
        positives, inputs = contexts, {"target": targets}
    else:
        targets, contexts = cbow_windows(ids, sentence, window, rng)
        positives, inputs = targets, {"context": contexts}
    if len(positives) == 0:
        raise ValueError("no training example: every sentence is shorter than two kept words")
    order = rng.permutation(len(positives))
    inputs = {name: array[order] for name, array in inputs.items()}
    inputs["candidates"] = np.concatenate(
        [positives[order, None], sampler.sample(positives[order], negative, rng)], axis=1)
    labels = np.zeros((1, 1 + negative), dtype=np.float32)
    labels[0, 0] = 1.0  # the true word first, then the negatives
    return inputs, np.broadcast_to(labels, inputs["candidates"].shape)


def train_word2vec(
    sentences: Iterable[Sequence[str]],
    *,
    # gensim's names and meanings
    sg: int = 1, vector_size: int = 100, window: int = 5, negative: int = 5, min_count: int = 5,
    sample: float = 1e-3, epochs: int | None = None, ns_exponent: float = 0.75, seed: int = 0,
    # the Keras side
    batch_size: int = 16384, learning_rate: float = 0.02, optimizer: str = "adam", jit_compile: bool = True,
    verbose: int = 1,
):
    """Train word2vec with Keras; return the word vectors as gensim ``KeyedVectors``.

    Taught in notebook 04, section "Training it". Arguments carry gensim's names and meaning (``sg=1``
    skip-gram, ``sg=0`` CBOW; ``ns_exponent`` is the power of the counts that negatives are drawn by);
    ``batch_size``, ``learning_rate``, ``optimizer`` (``"adam"`` or ``"sgd"``) and ``jit_compile`` are the
    Keras-side knobs. The defaults are :data:`utils.recipes.WIKI_SKIPGRAM`'s, with :func:`_default_epochs`
    when ``epochs`` is not given; ``tools.bench`` (key ``w2v_defaults_ratios``) checks them against gensim
    with other sizes, windows, negatives and min_counts. The step size falls linearly over the run to
    ``END_FRACTION[optimizer]`` of its start, as gensim's ``alpha`` does. Every epoch draws fresh
    subsampling, windows and negatives from ``seed``, as gensim does. ``verbose``: 0 silent, 1 one line
    per epoch plus Keras's progress bar, 2 one line per epoch only.
    """
    import keras

    _check_train_args(sg, vector_size, window, negative, epochs, batch_size, seed, learning_rate,
                      optimizer, jit_compile, verbose)
    jit_compile = _xla_allowed(jit_compile, verbose)
    epochs = _default_epochs(sg, window) if epochs is None else epochs
    corpus = Word2VecCorpus.from_sentences(sentences, min_count=min_count)
    keep_probabilities(corpus.counts, sample)  # validates sample before any work
    if corpus.vocab_size < 3:
        raise ValueError("word2vec needs at least two distinct words that pass min_count")
    rng = np.random.default_rng(seed)
    keras.utils.set_random_seed(seed)
    sampler = NegativeSampler(corpus.counts, power=ns_exponent)
    draw = partial(_epoch_examples, corpus, sg, window, negative, sample, sampler, rng)

    start = time.perf_counter()
    drawn = [draw()]
    # Later epochs have about as many examples as the first.
    steps = epochs * -(-len(drawn[0][1]) // batch_size)
    model = _word2vec_model(corpus.vocab_size, sg=sg, vector_size=vector_size, window=window, negative=negative,
                            learning_rate=learning_rate, steps=steps, seed=seed, jit_compile=jit_compile,
                            optimizer=optimizer)
    _fit_epochs(model, drawn, draw, epochs=epochs, batch_size=batch_size, verbose=verbose)
    if verbose:
        print(f"trained in {time.perf_counter() - start:.1f} s", flush=True)
    return _trained_vectors(model, corpus.words, learning_rate)


def _word2vec_model(vocab_size: int, *, sg: int, vector_size: int, window: int, negative: int, learning_rate,
                    steps: int, seed: int, jit_compile: bool, optimizer: str):
    """Skip-gram (``sg=1``) or CBOW, its step falling linearly over ``steps`` to ``END_FRACTION[optimizer]``."""
    import keras

    schedule = keras.optimizers.schedules.PolynomialDecay(
        learning_rate, decay_steps=steps, end_learning_rate=learning_rate * END_FRACTION[optimizer])
    options = dict(learning_rate=schedule, seed=seed, jit_compile=jit_compile, optimizer=optimizer)
    if sg:
        return _skipgram_model(vocab_size, vector_size, negative, **options)
    return _cbow_model(vocab_size, vector_size, negative, window, **options)


def _fit_epochs(model, drawn: list, draw: Callable[[], tuple], *, epochs: int, batch_size: int, verbose: int) -> None:
    """``epochs`` passes, one ``fit`` each: the first on the examples in ``drawn``, later ones on a fresh ``draw()``.

    The first epoch's examples are popped from ``drawn``, so that no one holds them once the next are drawn.
    """
    for epoch in range(epochs):
        inputs, y = drawn.pop() if epoch == 0 else draw()
        if verbose:
            print(f"epoch {epoch + 1}/{epochs}: {len(y):,} examples", flush=True)
        model.fit(inputs, y, batch_size=batch_size, epochs=1, shuffle=False, verbose=1 if verbose == 1 else 0)


def _trained_vectors(model, words: list[str], learning_rate):
    """The trained target table as ``KeyedVectors``, the context table attached; refuses a diverged run."""
    table = model.get_layer("target_embedding").get_weights()[0]
    if not np.isfinite(table).all():
        raise FloatingPointError(f"training diverged: the word table holds non-finite values; "
                                 f"try a smaller learning_rate than {learning_rate}")
    kv = keyed_vectors(table, words)
    # The second table, gensim's ``syn1neg``: notebook 08 compares w . c with shifted PMI.
    kv.context_vectors = model.get_layer("context_embedding").get_weights()[0][1:]
    return kv


def _corpus_fingerprint(sentences: Sequence[Sequence[str]]) -> str:
    digest = hashlib.sha1()
    for tokens in sentences:
        digest.update(" ".join(tokens).encode())
        digest.update(b"\n")
    return digest.hexdigest()[:12]


def reproducible_gensim_vectors(model_class, prefix: str, sentences: Sequence[Sequence[str]], params: dict, *,
                                cache: bool = True, verbose: bool = False):
    """Train a gensim model (``Word2Vec`` or ``FastText``) with one worker and a seed; return its vectors.

    With ``cache`` the vectors are saved in the data cache as ``PREFIX-<text>-<params>.kv``
    and reloaded next time. Shared by :func:`gensim_word2vec` (notebook 05) and
    :func:`utils.fasttext.gensim_fasttext` (appendix A6).
    """
    from gensim.models import KeyedVectors

    if "workers" in params:
        raise ValueError("workers is fixed to 1 here so that the vectors are reproducible")
    params = {"seed": 0, **params}
    key = hashlib.sha1(json.dumps(params, sort_keys=True).encode()).hexdigest()[:10]
    path = cache_dir() / f"{prefix}-{_corpus_fingerprint(sentences)}-{key}.kv"
    if cache and path.is_file():
        return KeyedVectors.load(str(path))
    if verbose:
        n_tokens = sum(map(len, sentences))
        print(f"Training gensim {model_class.__name__} on {n_tokens:,} tokens ({params})...", flush=True)
    wv = model_class(sentences, workers=1, **params).wv
    if cache:
        _save_atomically(wv, path)
    return wv


def _save_atomically(kv, path) -> None:
    # One file (no side .npy files), written under a private name and then renamed, so that two
    # notebooks running at once (tools.book --jobs) never read a half-written file.
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    kv.save(str(tmp), separately=[])
    tmp.replace(path)


def _saved_vectors_path(prefix: str, sentences: Sequence[Sequence[str]], params: dict):
    import keras

    stack = {"keras": keras.__version__, "backend": keras.backend.backend(), "device": device_kind()}
    if stack["backend"] == "tensorflow":
        import tensorflow as tf

        stack["tensorflow"] = tf.__version__
    key = hashlib.sha1(json.dumps({**params, **stack}, sort_keys=True, default=str).encode()).hexdigest()[:10]
    return cache_dir() / f"{prefix}-{_corpus_fingerprint(sentences)}-{key}.kv"


def save_trained_vectors(kv, prefix: str, sentences: Sequence[Sequence[str]], params: dict):
    """Keep vectors trained on ``sentences`` with ``params`` so that a later notebook can reuse them.

    Notebook 04 (section "Training it") saves its Keras skip-gram this way;
    :func:`load_trained_vectors` finds it again only for the same text, the
    same settings and seed, and the same Keras, backend and device (the data
    cache, git-ignored). Returns the file's path.
    """
    word_vectors("kv", kv)
    if not isinstance(prefix, str) or not prefix.isidentifier():
        raise ValueError(f"prefix must be a short name such as 'keras_skipgram', got {prefix!r}")
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict of training settings, got {type(params).__name__}")
    path = _saved_vectors_path(prefix, sentences, params)
    _save_atomically(kv, path)
    return path


def load_trained_vectors(prefix: str, sentences: Sequence[Sequence[str]], params: dict):
    """The vectors :func:`save_trained_vectors` kept for this text and these settings, or ``None``.

    Used by :func:`utils.wiki_word2vec` (notebooks 05 to 08 and appendices reuse notebook 04's skip-gram).
    """
    from gensim.models import KeyedVectors

    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict of training settings, got {type(params).__name__}")
    path = _saved_vectors_path(prefix, sentences, params)
    return KeyedVectors.load(str(path)) if path.is_file() else None


def gensim_word2vec(sentences: Sequence[Sequence[str]], *, cache: bool = True, verbose: bool = True,
                    **params):
    """Train gensim ``Word2Vec`` reproducibly (one worker, fixed seed); return its ``KeyedVectors``.

    ``params`` are gensim's (``vector_size``, ``window``, ``sg``, ``epochs``...;
    ``seed`` defaults to 0). One worker thread makes the vectors identical run
    to run, at the cost of speed. With ``cache`` the vectors are saved in the
    data cache, keyed by the text and the parameters, and reloaded next time.

    Taught in notebook 05, section "gensim on the same tokens, with the same settings"; first used in notebook 03,
    section "A reference: word2vec on the same text".
    """
    from gensim.models import Word2Vec

    if not sentences:
        raise ValueError("no sentence to train on")
    cache, verbose = flag("cache", cache), flag("verbose", verbose)
    return reproducible_gensim_vectors(Word2Vec, "w2v", sentences, params, cache=cache, verbose=verbose)
