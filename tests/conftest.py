"""Shared set-up: off-screen plots, the offline guard, a temporary cache fixture."""

import importlib.util
import os
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

# Every process started from here (nbval's notebook kernels too) imports the
# offline guard at start-up; this process installs it now.
_GUARD_DIR = str(Path(__file__).parent / "offline")
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [_GUARD_DIR, os.environ.get("PYTHONPATH")]))
_spec = importlib.util.spec_from_file_location("course_offline_guard", Path(_GUARD_DIR) / "sitecustomize.py")
_spec.loader.exec_module(importlib.util.module_from_spec(_spec))

import pytest  # noqa: E402


def pytest_collection_modifyitems(items):
    """nbval's notebook items execute whole notebooks: slow, like the tests marked so by hand."""
    for item in items:
        if str(item.fspath).endswith(".ipynb"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def tmp_cache(tmp_path, monkeypatch):
    """Point utils' cache at an empty temporary folder."""
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"
