"""The repository's address, written once (``pyproject.toml``'s ``Repository`` URL), and every place that uses it.

    python -m tools.links           # rewrite Colab badges and install cells to the address in pyproject.toml
    python -m tools.links --check   # list the places that disagree with it; exit 1 if any

A fork changes ``[project.urls] Repository`` in ``pyproject.toml`` and runs
``make links``: the README's Colab badges, each notebook's badge and the
notebook's Colab install cell then point at the fork. Only sources change;
no notebook is re-executed. ``tests/test_links.py`` runs the check.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import tomllib

from .paths import ROOT, list_notebooks

__all__ = ["repository", "find_addresses", "disagreements", "rewrite"]

_GITHUB = re.compile(r"https://github\.com/([\w.-]+/[\w.-]+?)(?:\.git)?/?$")
# Every way the course names its own repository: Colab badges and pip's git+ URLs.
_USES = re.compile(r"(colab\.research\.google\.com/github/|git\+https://github\.com/)([\w.-]+/[\w.-]+?)(?=/blob/|[\"'\s)]|$)")


def repository(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """``owner/name`` of the course's repository, from ``pyproject.toml``'s ``Repository`` URL."""
    url = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["urls"]["Repository"]
    match = _GITHUB.match(url)
    if not match:
        raise ValueError(f"Repository URL {url!r} in {pyproject.name} is not https://github.com/OWNER/NAME")
    return match.group(1)


_repository = repository


def _files() -> list[Path]:
    return [ROOT / "README.md", *list_notebooks()]


def find_addresses(text: str) -> list[str]:
    """Every ``owner/name`` a Colab badge or a ``git+https`` install in ``text`` points at."""
    return [m.group(2) for m in _USES.finditer(text)]


def disagreements() -> list[str]:
    """``file: address`` for each use of another repository than ``repository()``."""
    expected = repository()
    found = []
    for path in _files():
        text = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(ROOT)}: {addr}" for addr in find_addresses(text) if addr != expected]
    return found


def rewrite() -> list[Path]:
    """Point every badge and install cell at ``repository()``; return the files changed."""
    expected = repository()
    changed = []
    for path in _files():
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ipynb":
            nb = json.loads(text)
            for cell in nb["cells"]:
                source = "".join(cell["source"])
                new = _USES.sub(lambda m: m.group(1) + expected, source)
                if new != source:
                    cell["source"] = new.splitlines(keepends=True)
            new_text = json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
        else:
            new_text = _USES.sub(lambda m: m.group(1) + expected, text)
        if new_text != text:
            path.write_text(new_text, encoding="utf-8")
            changed.append(path)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only list the places that disagree")
    args = parser.parse_args(argv)
    if args.check:
        wrong = disagreements()
        for line in wrong:
            print(line)
        print(f"{len(wrong)} place(s) disagree with {repository()}" if wrong else f"all point at {repository()}")
        return 1 if wrong else 0
    for path in rewrite():
        print(f"rewrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
