"""The files around the notebooks: CI entry points, lint set-up, the README's course map."""

from __future__ import annotations

import re

import yaml

from tools import book as course
from tools import links
from tools.paths import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "test.yml"


def _test_command() -> str:
    """The first `make` command .ci/run runs: the README's test command."""
    lines = [ln.strip() for ln in (ROOT / ".ci" / "run").read_text().splitlines()]
    commands = [ln for ln in lines if ln and not ln.startswith("#")]
    return next(c for c in commands if c.startswith("make "))


def _pinned(name: str) -> str:
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if line.startswith(f"{name}=="):
            return line.split("==", 1)[1].strip()
    raise AssertionError(f"{name} is not pinned in requirements.txt")


def test_ci_entry_point_runs_the_readme_test_command():
    command = _test_command()
    assert command == "make test"
    readme = (ROOT / "README.md").read_text()
    assert "```bash\nmake course" in readme and f"\n{command}" in readme
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^test: setup lint\b", makefile, flags=re.MULTILINE), "make test must lint first"


def test_github_workflow_runs_the_same_command_on_push_and_pull_request():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert {"push", "pull_request"} <= set(triggers)
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    uses = [s["uses"].split("@")[0] for s in steps if "uses" in s]
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["cache"] == "pip" and setup["with"]["cache-dependency-path"] == "requirements.txt"
    assert str(setup["with"]["python-version"]) == "3.11"
    runs = [s["run"].strip() for s in steps if "run" in s]
    assert _test_command() in runs, f"the workflow runs {runs}, not {_test_command()!r}"
    test_step = next(s for s in steps if s.get("run", "").strip() == _test_command())
    assert test_step.get("env", {}).get("COURSE_REQUIRE_BROWSER") == "1"
    assert runs.index("make test") < runs.index("make test-portable") < runs.index("make test-oldest"), (
        "the workflow also runs the portable check and the oldest stack")


def test_pre_commit_lints_like_make_lint_and_keeps_notebook_outputs():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    repos = {r["repo"]: r for r in config["repos"]}
    ruff = repos["https://github.com/astral-sh/ruff-pre-commit"]
    assert ruff["rev"] == f"v{_pinned('ruff')}", "pre-commit's ruff must be the pinned ruff"
    (hook,) = [h for h in ruff["hooks"] if h["id"].startswith("ruff")]
    assert "jupyter" in hook["types_or"]
    hook_ids = {h["id"] for r in config["repos"] for h in r["hooks"]}
    stripping = {i for i in hook_ids if "strip" in i or "clear" in i}
    assert not stripping, f"hooks {stripping} would strip the outputs the course commits"


def test_readme_is_the_course_map_with_prerequisites_and_colab():
    readme = (ROOT / "README.md").read_text()
    colab = f"https://colab.research.google.com/github/{links.repository()}/blob/main"
    for path in course.list_notebooks():
        assert f"({path.relative_to(ROOT)})" in readme, f"README's course map lacks {path.name}"
        assert f"{colab}/{path.relative_to(ROOT)}" in readme, f"README lacks a Colab badge for {path.name}"
    assert "Prerequisites:" in readme and "### On Colab" in readme
