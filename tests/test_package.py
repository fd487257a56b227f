"""The shape of the ``utils`` package: where each helper is taught, and how its modules import each other."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import utils

PACKAGE = Path(utils.__file__).resolve().parent


def _public_callables():
    for name in utils.__all__:
        obj = getattr(utils, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            yield name, obj


def test_every_public_function_and_class_names_the_notebook_that_teaches_it():
    missing = [name for name, obj in _public_callables() if "notebook" not in (inspect.getdoc(obj) or "").lower()]
    assert not missing, f"docstrings that do not say which notebook teaches or uses them: {missing}"


def test_each_exported_function_and_class_is_imported_from_the_module_that_defines_it():
    """So a newcomer finds ``utils.X`` under its module in ``utils/__init__.py``, and ``X.__module__`` agrees."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text())
    imported_from = {alias.asname or alias.name: f"utils.{node.module}" for node in tree.body
                     if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module for alias in node.names}
    wrong = [f"{name}: imported from {imported_from.get(name)}, defined in {obj.__module__}"
             for name, obj in _public_callables() if imported_from.get(name) != obj.__module__]
    assert not wrong, f"names not imported from their own module: {wrong}"


def _modules():
    return sorted(PACKAGE.glob("*.py"))


def test_imports_between_the_package_modules_sit_at_the_top():
    lazy = []
    for path in _modules():
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for inner in ast.walk(node):
                    own = isinstance(inner, ast.ImportFrom) and (inner.level > 0 or (inner.module or "") == "utils")
                    if own:
                        lazy.append(f"{path.name}:{inner.lineno} ({node.name})")
    assert not lazy, f"relative imports inside functions (move them to the top of the module): {lazy}"


#: A helper a notebook calls reads in one screen: its ``def``, docstring included, is at most this many lines.
MAX_FUNCTION_LINES = 50


def test_every_function_and_method_reads_in_one_screen():
    """Longer ones are split into named steps (private helpers in the same module), not listed as exceptions."""
    long = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.name}:{node.lineno} {node.name} ({lines} lines)")
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines (split them into named steps): {long}"


def test_no_module_reads_the_environment_at_import_time():
    """Setting a variable (``os.environ.setdefault`` in ``__init__``) is allowed; reading one is not."""
    readers = []
    for path in _modules():
        tree = ast.parse(path.read_text())
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            for inner in ast.walk(node):
                text = ast.unparse(inner) if isinstance(inner, (ast.Call, ast.Subscript)) else ""
                if text.startswith(("os.environ.get(", "os.getenv(", "os.environ[")) and \
                        not (isinstance(inner, ast.Subscript) and isinstance(inner.ctx, ast.Store)):
                    readers.append(f"{path.name}:{inner.lineno}")
    assert not readers, f"environment read at import time (read it inside the function that needs it): {readers}"


def _names_the_lessons_use() -> set[str]:
    """Every ``utils.X`` written in a notebook (code or Markdown) or a worked solution."""
    import json
    import re

    root = Path(utils.__file__).resolve().parents[1]
    texts = [open(p, encoding="utf-8").read() for p in sorted((root / "solutions").glob("*.py"))]
    for path in sorted((root / "notebooks").rglob("*.ipynb")):
        texts += ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]]
    return {name for text in texts for name in re.findall(r"\butils\.([A-Za-z_]\w*)", text)}


def test_the_package_face_is_what_the_lessons_use():
    """``utils.__all__`` lists exactly the names the lessons call, sorted, each once; the rest live in modules."""
    assert utils.__all__ == sorted(set(utils.__all__)), "sorted, each name once"
    unused = set(utils.__all__) - _names_the_lessons_use()
    assert not unused, f"exported but used by no notebook or solution: {sorted(unused)}"
