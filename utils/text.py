"""Tokenization and vocabularies: the one text policy used across the course.

Policy (applied by :func:`tokenize` to every source, lab or real):

* lower-case everything;
* a token is a run of letters, optionally joined by apostrophes inside it
  (``don't`` stays one token); digits, punctuation and markup are dropped;
* nothing else: no stemming, no stop-word removal, so that the benchmark word
  lists (WordSim-353, SimLex-999) match the corpus tokens directly.

A :class:`Vocabulary` maps tokens to integer ids the way
``keras.layers.TextVectorization`` does: id 0 is padding, id 1 stands for any
unknown word, real words start at 2 in order of decreasing frequency.
:func:`make_dataset` turns the encoded ids and their labels into a
``tf.data`` pipeline, so text -> ids -> batches is all in this module.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from .arguments import flag, integer

__all__ = ["tokenize", "Vocabulary", "encode_splits", "make_dataset", "PAD", "UNK"]

_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")

PAD = ""
UNK = "[UNK]"


def tokenize(text: str) -> list[str]:
    """Split ``text`` into lower-case word tokens (see the module policy).

    >>> tokenize("The Alps weren't climbed in 1953!")
    ['the', 'alps', "weren't", 'climbed', 'in']

    Taught in notebook 01, section "Words become ids, ids become one-hot vectors".
    """
    if not isinstance(text, str):
        raise TypeError(
            f"tokenize expects a str, got {type(text).__name__}; decode bytes first "
            "(e.g. data.decode('utf-8'))"
        )
    return _TOKEN.findall(text.lower())


def _check_sentences(sentences: Iterable[Sequence[str]]) -> list[list[str]]:
    """Materialize ``sentences`` as a list of token lists, rejecting wrong shapes."""
    if isinstance(sentences, str):
        raise TypeError(
            "expected an iterable of token lists, got a single str; "
            "pass [tokenize(text)] instead"
        )
    checked: list[list[str]] = []
    for i, sentence in enumerate(sentences):
        if isinstance(sentence, str):
            raise TypeError(
                f"sentence {i} is a str, not a list of tokens; tokenize it first "
                "(utils.tokenize)"
            )
        tokens = list(sentence)
        for token in tokens:
            if not isinstance(token, str):
                raise TypeError(
                    f"sentence {i} holds a {type(token).__name__} ({token!r}); "
                    "tokens must be str"
                )
        checked.append(tokens)
    return checked


class Vocabulary:
    """Token <-> id mapping with padding id 0 and unknown-word id 1.

    Build one with :meth:`from_sentences`; encode with :meth:`encode` (one
    sentence) or :meth:`encode_batch` (a padded 2-D array for a model).

    Taught in notebook 01, section "Words become ids, ids become one-hot vectors"; used by every later notebook.
    """

    def __init__(self, words: Sequence[str], counts: Sequence[int] | None = None):
        words = list(words)
        if len(set(words)) != len(words):
            raise ValueError("vocabulary words must be unique")
        for w in words:
            if not isinstance(w, str) or not w:
                raise ValueError(f"vocabulary words must be non-empty str, got {w!r}")
            if w == UNK:
                raise ValueError(f"{UNK!r} is reserved for unknown words")
        self._words = [PAD, UNK, *words]
        self._index = {w: i for i, w in enumerate(self._words)}
        self.counts = dict(zip(words, counts)) if counts is not None else {}

    @classmethod
    def from_sentences(
        cls,
        sentences: Iterable[Sequence[str]],
        *,
        min_count: int = 1,
        max_size: int | None = None,
    ) -> Vocabulary:
        """Count tokens and keep those seen at least ``min_count`` times.

        Words are ordered by decreasing count, ties broken alphabetically, so
        the same text always gives the same ids. ``max_size`` caps the number
        of real words (padding and unknown are not counted).
        """
        integer("min_count", min_count, 1)
        if max_size is not None:
            integer("max_size", max_size, 1)
        counter = Counter(t for s in _check_sentences(sentences) for t in s)
        if not counter:
            raise ValueError(
                "cannot build a vocabulary from empty text: no sentence holds a token"
            )
        kept = sorted(
            ((w, c) for w, c in counter.items() if c >= min_count),
            key=lambda wc: (-wc[1], wc[0]),
        )
        if not kept:
            raise ValueError(
                f"no word occurs at least min_count={min_count} times "
                f"(the most frequent occurs {counter.most_common(1)[0][1]} times); "
                "lower min_count"
            )
        if max_size is not None:
            kept = kept[:max_size]
        return cls([w for w, _ in kept], [c for _, c in kept])

    def __len__(self) -> int:
        """Table size for ``keras.layers.Embedding(input_dim=len(vocab), ...)``."""
        return len(self._words)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word in self._index and self._index[word] > 1

    @property
    def words(self) -> list[str]:
        """All entries by id, including ``''`` (padding) and ``'[UNK]'``."""
        return list(self._words)

    def id(self, word: str) -> int:
        """Id of ``word``; unknown words get 1."""
        return self._index.get(word, 1)

    def word(self, index: int) -> str:
        """Word for ``index``; raises ``IndexError`` outside the table."""
        if not 0 <= int(index) < len(self._words):
            raise IndexError(
                f"id {index} is outside the vocabulary table [0, {len(self._words)})"
            )
        return self._words[int(index)]

    def encode(self, tokens: Sequence[str]) -> np.ndarray:
        """Ids of one token list (unknown words -> 1), as an int32 array."""
        if isinstance(tokens, str):
            raise TypeError("encode expects a list of tokens, not a str; tokenize it first")
        return np.array([self.id(t) for t in tokens], dtype=np.int32)

    def encode_batch(
        self, sentences: Iterable[Sequence[str]], max_len: int
    ) -> np.ndarray:
        """Encode sentences into a ``(n, max_len)`` int32 array, padded with 0.

        Long sentences are cut at ``max_len`` (their tail is dropped), short
        ones padded at the end, so ``mask_zero=True`` marks real tokens.
        """
        integer("max_len", max_len, 1)
        sentences = _check_sentences(sentences)
        out = np.zeros((len(sentences), max_len), dtype=np.int32)
        for row, tokens in enumerate(sentences):
            ids = self.encode(tokens[:max_len])
            out[row, : len(ids)] = ids
        return out

    def decode(self, ids: Iterable[int]) -> list[str]:
        """Tokens for ``ids``, dropping padding."""
        return [self.word(i) for i in ids if int(i) != 0]

    def coverage(self, sentences: Iterable[Sequence[str]]) -> float:
        """Fraction of tokens in ``sentences`` that the vocabulary knows."""
        tokens = [t for s in _check_sentences(sentences) for t in s]
        if not tokens:
            raise ValueError("coverage of empty text is undefined")
        return sum(t in self for t in tokens) / len(tokens)

    def __repr__(self) -> str:
        preview = ", ".join(self._words[2:7])
        return f"Vocabulary({len(self._words) - 2} words: {preview}, ...)"


def encode_splits(vocab: Vocabulary, splits: Mapping, max_len: int | None = None) -> dict[str, tuple]:
    """``{name: (ids, labels)}`` for ``{name: LabeledTexts}``, padded to one common length.

    ``max_len`` defaults to the longest text of any split. Notebook 07 (section
    "The recipe in Keras") and appendices A5 and A6 encode the lab corpus's
    splits with it, calling it ``utils.experiments.encode_splits``.
    """
    if max_len is None:
        max_len = max(len(t) for split in splits.values() for t in split.texts)
    return {name: (vocab.encode_batch(split.texts, max_len), split.labels) for name, split in splits.items()}


def _check_ids_and_labels(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x, y = np.asarray(x), np.asarray(y)
    if x.ndim != 2 or not np.issubdtype(x.dtype, np.integer):
        raise TypeError(f"x must be a 2-D array of integer ids, got shape {x.shape} dtype {x.dtype}; "
                        "encode text with Vocabulary.encode_batch")
    if y.ndim != 1 or len(y) != len(x):
        raise ValueError(f"y must hold one label per row of x: x has {len(x)} rows, y has shape {y.shape}")
    if len(x) == 0:
        raise ValueError("no examples: x is empty")
    return x, y


def make_dataset(x: np.ndarray, y: np.ndarray, *, batch_size: int = 32, shuffle: bool = False,
                 seed: int = 0):
    """A ``tf.data`` pipeline over encoded texts ``x`` and labels ``y``.

    Shuffling reshuffles every epoch from ``seed``, so a run is reproducible.

    Taught in notebook 03, section "From text to ids to batches"; used again in notebook 07, section "The recipe in
    Keras: freeze, fit, unfreeze, recompile, fine-tune".
    """
    import tensorflow as tf

    x, y = _check_ids_and_labels(x, y)
    batch_size, shuffle, seed = integer("batch_size", batch_size, 1), flag("shuffle", shuffle), integer("seed", seed, 0)
    ds = tf.data.Dataset.from_tensor_slices((x.astype(np.int32), y))
    if shuffle:
        ds = ds.shuffle(len(x), seed=seed, reshuffle_each_iteration=True)
    return ds.batch(batch_size).prefetch(tf.data.AUTOTUNE)
