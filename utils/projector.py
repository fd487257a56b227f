"""Files for the TensorFlow Embedding Projector (https://projector.tensorflow.org).

The Projector's "Load" button takes two tab-separated files: ``vectors.tsv``
(one vector per line, no header) and ``metadata.tsv`` (one line per vector;
with more than one column, a header line first). Keeping word and class
columns in the metadata lets the Projector colour points by class.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from .arguments import finite_table, output_folder, word_vectors
from .arguments import path as as_path
from .data import _is_checkout

__all__ = ["export_projector", "load_projector", "projector_dir"]


def projector_dir() -> Path:
    """Where the course writes Projector files: ``build/projector`` in the repository (git-ignored).

    Outside a checkout of the course (an installed package, Colab), it is
    ``projector/`` in the current directory.

    Used in notebook 06, section "Export for the Embedding Projector".
    """
    root = Path(__file__).resolve().parents[1]
    if _is_checkout(root):
        return root / "build" / "projector"
    return Path.cwd() / "projector"


def _clean(value: object) -> str:
    text = str(value)
    if "\t" in text or "\n" in text:
        raise ValueError(f"metadata value {text!r} holds a tab or newline, which the TSV format cannot carry")
    return text


def export_projector(kv, directory: str | os.PathLike, *, words: Sequence[str] | None = None,
                     columns: Mapping[str, Mapping[str, str]] | None = None) -> tuple[Path, Path]:
    """Write ``vectors.tsv`` and ``metadata.tsv`` for ``words`` of ``kv`` into ``directory``.

    ``words`` defaults to every word of ``kv``. ``columns`` maps a column
    name to a ``{word: value}`` mapping (e.g. ``{"category": {...}}``); words
    missing from a mapping get an empty value. Returns the two paths.

    Taught in notebook 06, section "Export for the Embedding Projector".
    """
    word_vectors("kv", kv)
    if isinstance(words, str):
        raise TypeError("words must be a collection of words, not one str")
    words = list(kv.index_to_key if words is None else words)
    if not words:
        raise ValueError("no word to export")
    missing = [w for w in words if w not in kv]
    if missing:
        raise KeyError(f"{len(missing)} words have no vector, e.g. {missing[:3]}")
    columns = dict(columns or {})
    if "word" in columns:
        raise ValueError("'word' is the first metadata column already; name the extra columns otherwise")
    directory = output_folder("directory", directory)
    vectors_path, metadata_path = directory / "vectors.tsv", directory / "metadata.tsv"
    vectors = finite_table("the vectors to export", np.stack([kv[w] for w in words]))
    np.savetxt(vectors_path, vectors, delimiter="\t", fmt="%.6g")
    header = ["word", *columns]
    rows = [[_clean(w), *(_clean(columns[c].get(w, "")) for c in columns)] for w in words]
    lines = ["\t".join(header)] if columns else []
    lines += ["\t".join(r) if columns else r[0] for r in rows]
    metadata_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return vectors_path, metadata_path


def load_projector(directory: str | os.PathLike) -> tuple[list[str], np.ndarray, dict[str, list[str]]]:
    """Read back an export: ``(words, vectors, columns)``, where ``columns`` excludes ``word``.

    Taught in notebook 06, section "Export for the Embedding Projector".
    """
    directory = as_path("directory", directory)
    vectors_path, metadata_path = directory / "vectors.tsv", directory / "metadata.tsv"
    for path in (vectors_path, metadata_path):
        if not path.is_file():
            raise FileNotFoundError(f"{path} not found: export with utils.export_projector first")
    vectors = np.loadtxt(vectors_path, delimiter="\t", ndmin=2, dtype=np.float32)
    lines = metadata_path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    first = lines[0].split("\t")
    if len(first) > 1 and first[0] == "word":
        table = [line.split("\t") for line in lines[1:]]
        words = [r[0] for r in table]
        columns = {name: [r[i] for r in table] for i, name in enumerate(first[1:], start=1)}
    else:
        words, columns = lines, {}
    if len(words) != len(vectors):
        raise ValueError(f"{metadata_path.name} has {len(words)} rows but {vectors_path.name} has {len(vectors)}")
    return words, vectors, columns
