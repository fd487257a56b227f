"""Where notebooks 03–06 get their text: the offline default, or full-size data behind one switch.

The switch is the environment variable ``COURSE_DATA``:

=========  ==============================================  ==========================================
value      classification text                             word2vec text
=========  ==============================================  ==========================================
``small``  20 Newsgroups sample shipped with gensim        Wikipedia excerpt shipped with gensim
(default)  (200 posts; 150 train / 50 test)                (106 articles, ~450k tokens)
``full``   IMDB reviews (25,000 train / 25,000 test),      text8 (the first 10^8 bytes of English
           ``imdb.npz`` as ``keras.datasets.imdb`` uses it  Wikipedia, cleaned; ~17M tokens)
=========  ==============================================  ==========================================

Set it before starting Jupyter (``COURSE_DATA=full make lab``). The notebooks
run the same code in both modes; only the sources, sizes and epochs in
:class:`DataPlan` change. Full-size files are downloaded once into
``<cache>/full/`` (see :func:`utils.data.cache_dir`); IMDB is checked against
the checksum Keras publishes. Without a network the full mode fails within
seconds with :class:`~utils.data.DataSourceError`, saying what could not be
reached and how to go back to the default.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import socket
import urllib.parse
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .data import DataSourceError, cache_dir, load_newsgroups_sample, load_polarity_sample, load_wiki_excerpt

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
    "load_imdb",
    "load_text8",
    "full_data_dir",
]

DATA_ENV = "COURSE_DATA"
_BACK = f"unset {DATA_ENV} (or set {DATA_ENV}=small) to use the offline data that ships with gensim"

IMDB_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb.npz"
IMDB_SHA256 = "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f"
IMDB_INDEX_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb_word_index.json"
IMDB_INDEX_MD5 = "bfafd718b763782e994055a2d397834f"
TEXT8_URL = "http://mattmahoney.net/dc/text8.zip"


@dataclass(frozen=True)
class DataPlan:
    """What one mode uses: sources, sizes and training lengths."""

    mode: str
    classification_source: str
    sentiment_source: str
    word2vec_source: str
    #: Multiplies the epochs of every word2vec training (text8 is ~38x the excerpt).
    word2vec_epoch_factor: float
    #: Labeled-set sizes of notebook 06's real-text learning curves.
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
    """The mode chosen by ``COURSE_DATA``: ``"small"`` (default) or ``"full"``."""
    value = os.environ.get(DATA_ENV, "small").strip().lower() or "small"
    if value not in PLANS:
        raise ValueError(f"{DATA_ENV}={value!r} is not a mode; use one of {sorted(PLANS)} (default: small)")
    return value


def data_plan() -> DataPlan:
    """The :class:`DataPlan` of the current mode."""
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
    """Tokenized documents with labels and the train/test split the course uses."""

    docs: list[list[str]]
    labels: np.ndarray
    label_names: list[str]
    train_idx: np.ndarray
    test_idx: np.ndarray
    source: str


def load_classification_corpus(rng: np.random.Generator, *, verbose: bool = True) -> LabeledDocs:
    """Notebook 03's real classification text, split into train and test.

    Small mode: the 20 Newsgroups sample, 150 random posts to train and 50 to
    test (``rng`` draws the split). Full mode: IMDB with its own 25,000 /
    25,000 split (``rng`` is not used).
    """
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
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy Generator (np.random.default_rng(seed)), got {type(rng).__name__}")
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
    """The unlabeled text word2vec is trained on: the Wikipedia excerpt, or text8 in full mode."""
    if data_plan().mode == "small":
        return load_wiki_excerpt(verbose=verbose)
    return load_text8(verbose=verbose)


# ----------------------------------------------------------------- full-size files
def full_data_dir() -> Path:
    """Where the full-size files are kept: ``<cache>/full``."""
    path = cache_dir() / "full"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _check_reachable(url: str, timeout: float) -> None:
    parts = urllib.parse.urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        socket.create_connection((parts.hostname, port), timeout=timeout).close()
    except OSError as exc:
        raise DataSourceError(
            f"{DATA_ENV}=full needs {url}, but {parts.hostname} could not be reached ({exc}). "
            f"Connect to the internet and retry, or {_BACK}."
        ) from None


def _fetch(name: str, url: str, file_hash: str | None, *, verbose: bool, timeout: float = 5.0) -> Path:
    """The cached copy of ``name``, downloading it first if needed (fails fast offline)."""
    target = full_data_dir() / name
    if target.is_file():
        return target
    _check_reachable(url, timeout)
    import keras

    if verbose:
        print(f"downloading {url} into {target.parent} (once) ...", flush=True)
    try:
        path = keras.utils.get_file(fname=name, origin=url, file_hash=file_hash,
                                    cache_dir=str(target.parent.parent), cache_subdir=target.parent.name)
    except Exception as exc:  # network errors, a checksum mismatch
        raise DataSourceError(f"downloading {url} failed ({exc}); retry, or {_BACK}.") from exc
    return Path(path)


class _ArrayUnpickler(pickle.Unpickler):
    """Reads the ragged id lists of ``imdb.npz``; refuses anything but NumPy arrays of lists."""

    _ALLOWED = {("numpy", "ndarray"), ("numpy", "dtype"), ("numpy._core.multiarray", "_reconstruct"),
                ("numpy.core.multiarray", "_reconstruct")}

    def find_class(self, module: str, name: str):
        if (module, name) not in self._ALLOWED:
            raise pickle.UnpicklingError(f"unexpected class {module}.{name} in the archive")
        if module == "numpy.core.multiarray":
            module = "numpy._core.multiarray" if int(np.__version__.split(".")[0]) >= 2 else module
        return super().find_class(module, name)


def _read_npy(raw: bytes) -> np.ndarray:
    stream = io.BytesIO(raw)
    version = np.lib.format.read_magic(stream)
    read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
    shape, fortran, dtype = read_header(stream)
    if dtype.hasobject:
        return _ArrayUnpickler(stream).load()
    return np.frombuffer(stream.read(), dtype=dtype).reshape(shape, order="F" if fortran else "C")


Split = tuple[list[list[str]], np.ndarray]


def load_imdb(*, verbose: bool = True) -> tuple[Split, Split]:
    """IMDB reviews as token lists: ``((train docs, labels), (test docs, labels))``; 1 = positive.

    Reads ``imdb.npz`` and ``imdb_word_index.json`` (the files behind
    ``keras.datasets.imdb``), downloading them once. The stored ids are ranks
    in the word index, so each review is decoded back into its words.
    """
    npz = _fetch("imdb.npz", IMDB_URL, IMDB_SHA256, verbose=verbose)
    index_path = _fetch("imdb_word_index.json", IMDB_INDEX_URL, IMDB_INDEX_MD5, verbose=verbose)
    try:
        word_index = json.loads(index_path.read_text(encoding="utf-8"))
        words = {int(i): w for w, i in word_index.items()}
        with zipfile.ZipFile(npz) as archive:
            arrays = {Path(n).stem: _read_npy(archive.read(n)) for n in archive.namelist()}
        splits = []
        for part in ("train", "test"):
            docs = [[words[i] for i in review if i in words] for review in arrays[f"x_{part}"]]
            labels = np.asarray(arrays[f"y_{part}"], dtype=np.int32)
            if len(docs) != len(labels) or not docs:
                raise ValueError(f"{len(docs)} {part} reviews but {len(labels)} labels")
            splits.append((docs, labels))
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile, pickle.UnpicklingError,
            EOFError) as exc:
        raise DataSourceError(
            f"cannot read the IMDB files in {npz.parent}: {exc}. Delete imdb.npz and imdb_word_index.json "
            f"there to download them again, or {_BACK}."
        ) from exc
    return splits[0], splits[1]


def load_text8(*, sentence_length: int = 10_000, verbose: bool = True) -> list[list[str]]:
    """text8 as token lists of ``sentence_length`` words (it has no sentence breaks), downloading it once."""
    archive_path = _fetch("text8.zip", TEXT8_URL, None, verbose=verbose)
    try:
        with zipfile.ZipFile(archive_path) as archive:
            tokens = archive.read("text8").decode("utf-8").split()
    except (OSError, KeyError, UnicodeDecodeError, zipfile.BadZipFile) as exc:
        raise DataSourceError(
            f"cannot read {archive_path}: {exc}. Delete it to download it again, or {_BACK}."
        ) from exc
    if not tokens:
        raise DataSourceError(f"{archive_path} holds no text. Delete it to download it again, or {_BACK}.")
    return [tokens[i:i + sentence_length] for i in range(0, len(tokens), sentence_length)]
