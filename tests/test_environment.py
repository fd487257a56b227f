"""The dependency lists agree, and `import utils` stays cheap."""

import re
import subprocess
import sys
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]


def _requirement_lines(lines):
    return sorted(line.strip() for line in lines if line.strip() and not line.strip().startswith("#"))


def _requirements_txt():
    return _requirement_lines((ROOT / "requirements.txt").read_text().splitlines())


def _environment_yml_pip():
    # The file is simple enough to read without a YAML parser: the pip list is
    # the block of "      - " lines after "  - pip:".
    lines = (ROOT / "environment.yml").read_text().splitlines()
    start = lines.index("  - pip:") + 1
    block = []
    for line in lines[start:]:
        if not line.startswith("      - "):
            break
        block.append(line.removeprefix("      - "))
    return _requirement_lines(block)


def _name(requirement):
    return re.split(r"[=<>;\s\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_pins_equal_requirements_txt():
    env = [r for r in _environment_yml_pip() if r != "-e ."]
    assert env == _requirements_txt()
    assert "-e ." in _environment_yml_pip(), "the conda route must install the utils package too"
    assert "  - python=3.11" in (ROOT / "environment.yml").read_text().splitlines()


def test_every_requirement_is_pinned_exactly():
    for req in _requirements_txt():
        assert re.match(r"^[A-Za-z0-9_.-]+==[0-9][^;\s]*(\s*;.*)?$", req), f"not pinned: {req}"


def test_pyproject_dependencies_are_pinned_in_requirements():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    pinned = {_name(r) for r in _requirements_txt()}
    for dep in pyproject["project"]["dependencies"]:
        assert _name(dep) in pinned, f"{dep} is a dependency of utils but not pinned in requirements.txt"


def test_import_utils_is_fast_and_does_not_start_tensorflow():
    code = (
        "import sys, time; t = time.perf_counter(); import utils; "
        "dt = time.perf_counter() - t; "
        "heavy = [m for m in ('tensorflow', 'keras', 'gensim', 'matplotlib') if m in sys.modules]; "
        "print(dt, heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    seconds, heavy = out.stdout.split(" ", 1)
    assert heavy.strip() == "[]", f"import utils pulled in {heavy.strip()}"
    assert float(seconds) < 1.0
