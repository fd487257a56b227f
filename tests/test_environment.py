"""The dependency lists agree, and `import utils` stays cheap."""

import re
import subprocess
import sys

import tomllib

from tools.paths import ROOT


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


def _oldest_pins():
    lines = (ROOT / "requirements-oldest.txt").read_text().splitlines()
    return {_name(r): r.split("==", 1)[1].split(";")[0].strip() for r in _requirement_lines(lines)}


def test_the_supported_range_starts_at_the_oldest_tested_stack():
    """pyproject's lower bounds are exactly the versions `make test-oldest` runs the notebooks on."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    oldest = _oldest_pins()
    for dep in pyproject["project"]["dependencies"]:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9][0-9.]*)", dep)
        assert match, f"{dep}: give the supported range as NAME>=OLDEST"
        assert oldest.get(_name(dep)) is not None, f"{dep} is missing from requirements-oldest.txt"
        # "3.10" and "3.10.0" name the same release.
        as_tuple = [tuple(int(x) for x in v.split(".")) + (0,) * (3 - len(v.split("."))) for v in
                    (match.group(2), oldest[_name(dep)])]
        assert as_tuple[0] == as_tuple[1], f"{dep} but the oldest tested pin is {oldest[_name(dep)]}"
    assert oldest["tensorflow-cpu"].startswith("2.19"), "the README and pyproject name TensorFlow 2.19 as oldest"


def test_ci_runs_the_oldest_stack_after_the_main_tests():
    ci = (ROOT / ".ci" / "run").read_text()
    assert ci.index("make test\n") < ci.index("make test-oldest")
