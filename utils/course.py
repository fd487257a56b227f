"""Run the course: execute every notebook in order, render HTML, report times.

    python -m utils.course                 # execute into build/, render HTML
    python -m utils.course --inplace       # also write outputs back into notebooks/
    python -m utils.course 01 02           # only notebooks whose names start so

Executed copies and HTML go to ``build/`` (git-ignored); the time each
notebook took is printed at the end and saved to ``build/notebook_times.json``
for ``make bench``.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import time
from pathlib import Path

__all__ = ["ROOT", "NOTEBOOK_DIR", "BUILD_DIR", "list_notebooks", "execute_notebook", "run_course"]

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
BUILD_DIR = ROOT / "build"
TIMES_FILE = BUILD_DIR / "notebook_times.json"


def list_notebooks(prefixes: list[str] | None = None) -> list[Path]:
    """Course notebooks in order, optionally only those whose names start with a prefix."""
    notebooks = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
    if prefixes:
        notebooks = [nb for nb in notebooks if any(nb.name.startswith(p) for p in prefixes)]
        if not notebooks:
            raise SystemExit(f"no notebook in {NOTEBOOK_DIR.name}/ starts with {prefixes}")
    return notebooks


def execute_notebook(path: Path, *, timeout: int = 600):
    """Execute ``path`` top to bottom in a fresh kernel; return (notebook, seconds)."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    return nb, time.perf_counter() - start


def _render_html(nb, target: Path) -> None:
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_notebook_node(nb)
    target.write_text(body, encoding="utf-8")


def _write_index(times: dict[str, float]) -> Path:
    rows = "\n".join(
        f'<li><a href="{html.escape(Path(name).stem)}.html">{html.escape(Path(name).stem)}</a>'
        f" &mdash; {seconds:.1f} s</li>"
        for name, seconds in times.items()
    )
    index = BUILD_DIR / "html" / "index.html"
    index.write_text(
        "<!doctype html><meta charset='utf-8'><title>Keras Embedding course</title>"
        f"<h1>How a Keras Embedding layer is trained</h1><ol>{rows}</ol>\n",
        encoding="utf-8",
    )
    return index


def run_course(prefixes: list[str] | None = None, *, inplace: bool = False) -> dict[str, float]:
    """Execute and render the notebooks; return ``{notebook name: seconds}``."""
    import nbformat

    (BUILD_DIR / "html").mkdir(parents=True, exist_ok=True)
    (BUILD_DIR / "executed").mkdir(parents=True, exist_ok=True)
    times: dict[str, float] = {}
    for path in list_notebooks(prefixes):
        print(f"running {path.name} ...", flush=True)
        nb, seconds = execute_notebook(path)
        times[path.name] = seconds
        nbformat.write(nb, BUILD_DIR / "executed" / path.name)
        if inplace:
            nbformat.write(nb, path)
        _render_html(nb, BUILD_DIR / "html" / f"{path.stem}.html")
        print(f"  done in {seconds:.1f} s", flush=True)
    previous = json.loads(TIMES_FILE.read_text()) if TIMES_FILE.is_file() else {}
    TIMES_FILE.write_text(json.dumps({**previous, **times}, indent=2) + "\n")
    index = _write_index({**previous, **times})
    print("\nnotebook                                   seconds")
    for name, seconds in times.items():
        print(f"{name:<42} {seconds:7.1f}")
    print(f"{'total':<42} {sum(times.values()):7.1f}")
    print(f"\nHTML: {index.relative_to(ROOT)}")
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prefixes", nargs="*", help="only notebooks whose names start so (e.g. 01)")
    parser.add_argument("--inplace", action="store_true",
                        help="write executed outputs back into notebooks/ (for committing)")
    args = parser.parse_args(argv)
    run_course(args.prefixes or None, inplace=args.inplace)
    return 0


if __name__ == "__main__":
    sys.exit(main())
