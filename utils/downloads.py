"""The full-size files of ``COURSE_DATA=full``: IMDB reviews and text8, downloaded once and checked.

Only :mod:`utils.corpora` calls these, when the switch says ``full``; the
offline default reads :mod:`utils.data`. Each file is fetched once into
``<cache>/full/`` (:func:`full_data_dir`). Without a network a loader fails
within seconds with a :class:`~utils.data.DataSourceError` that names the
address it could not reach and says how to go back to the offline data.
What is read is checked before use: ``imdb.npz`` against the checksum Keras
publishes, and through an unpickler that accepts NumPy arrays only; text8
against what is known of its content (no checksum is published), and deleted
when it fails, so that the next run downloads it afresh.
"""

from __future__ import annotations

import io
import json
import pickle
import socket
import urllib.parse
import zipfile
from pathlib import Path

import numpy as np

from .arguments import flag, integer
from .data import DataSourceError, cache_dir

__all__ = [
    "DATA_ENV",
    "IMDB_URL",
    "IMDB_INDEX_URL",
    "TEXT8_URL",
    "TEXT8_BYTES",
    "full_data_dir",
    "load_imdb",
    "load_text8",
]

#: The environment variable that switches the course to these files (read by :func:`utils.corpora.data_mode`).
DATA_ENV = "COURSE_DATA"
_BACK = f"unset {DATA_ENV} (or set {DATA_ENV}=small) to use the offline data that ships with gensim"
IMDB_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb.npz"
IMDB_SHA256 = "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f"
IMDB_INDEX_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb_word_index.json"
IMDB_INDEX_MD5 = "bfafd718b763782e994055a2d397834f"
TEXT8_URL = "https://mattmahoney.net/dc/text8.zip"
#: What is known of text8's content (no checksum is published): exactly this many bytes, of which
#: every one is a lowercase letter a-z or a single space.
TEXT8_BYTES = 100_000_000
_TEXT8_ALPHABET = b"abcdefghijklmnopqrstuvwxyz "


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

    Read in full mode by :func:`utils.load_sentiment_corpus` and :func:`utils.load_classification_corpus` (notebook
    03, section "A real sentiment task: movie-review sentences").
    """
    verbose = flag("verbose", verbose)
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


def _text8_problem(raw: bytes) -> str | None:
    """Why ``raw`` is not text8's content, or None when it passes what is known of it."""
    if len(raw) != TEXT8_BYTES:
        return f"it holds {len(raw):,} bytes, but text8 is exactly {TEXT8_BYTES:,}"
    stray = raw.translate(None, _TEXT8_ALPHABET)
    if stray:
        return f"it holds {len(stray):,} bytes other than a-z and space (the first is {stray[:1]!r})"
    if b"  " in raw:
        return "it holds a run of several spaces, but text8 separates words by single spaces"
    return None


def _discard(archive_path: Path, why: str):
    """Delete a downloaded file that failed its check, and say why (so the next run downloads it again)."""
    archive_path.unlink(missing_ok=True)
    raise DataSourceError(f"{archive_path.name} failed its check and was deleted: {why}. "
                          f"Run again to download it afresh, or {_BACK}.")


def load_text8(*, sentence_length: int = 10_000, verbose: bool = True) -> list[list[str]]:
    """text8 as token lists of ``sentence_length`` words (it has no sentence breaks), downloading it once.

    Read in full mode by :func:`utils.load_word2vec_corpus` (notebook 04, section "The real text, and subsampling of
    frequent words").
    """
    sentence_length, verbose = integer("sentence_length", sentence_length, 1), flag("verbose", verbose)
    archive_path = _fetch("text8.zip", TEXT8_URL, None, verbose=verbose)
    try:
        with zipfile.ZipFile(archive_path) as archive:
            raw = archive.read("text8")  # zipfile checks the member's CRC-32 as it reads
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        _discard(archive_path, f"cannot read it ({exc})")
    problem = _text8_problem(raw)
    if problem:
        _discard(archive_path, problem)
    tokens = raw.decode("ascii").split()
    return [tokens[i:i + sentence_length] for i in range(0, len(tokens), sentence_length)]
