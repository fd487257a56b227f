"""Where things are in the repository: the one definition of its root and of the notebook folders."""

from __future__ import annotations

from pathlib import Path

__all__ = ["ROOT", "NOTEBOOK_DIR", "APPENDIX_DIR", "BUILD_DIR", "list_notebooks"]

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
#: Appendix notebooks (the evidence about the evidence), in a folder of their own, after the core path.
APPENDIX_DIR = NOTEBOOK_DIR / "appendix"
BUILD_DIR = ROOT / "build"


def list_notebooks(prefixes: list[str] | None = None) -> list[Path]:
    """Course notebooks in order (core, then appendix), optionally only those whose names start with a prefix."""
    notebooks = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb")) + sorted(APPENDIX_DIR.glob("A[0-9]_*.ipynb"))
    if prefixes:
        notebooks = [nb for nb in notebooks if any(nb.name.startswith(p) for p in prefixes)]
        if not notebooks:
            raise SystemExit(f"no notebook in {NOTEBOOK_DIR.name}/ starts with {prefixes}")
    return notebooks
