"""The repository's address is written once (pyproject.toml) and every badge and install cell agrees."""

import json

from tools import links
from tools.book import list_notebooks


def test_every_badge_and_install_cell_points_at_the_repository_in_pyproject():
    assert links.disagreements() == []


def test_every_notebook_and_the_readme_use_the_address_at_least_once_per_notebook():
    repo = links.repository()
    readme = (links.ROOT / "README.md").read_text(encoding="utf-8")
    for path in list_notebooks():
        nb = json.loads(path.read_text(encoding="utf-8"))
        badge_cell, install_cell = "".join(nb["cells"][0]["source"]), None
        install_cell = next("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
        assert links.find_addresses(badge_cell) == [repo], f"{path.name}: Colab badge"
        assert links.find_addresses(install_cell) == [repo], f"{path.name}: Colab install cell"
        assert f"colab.research.google.com/github/{repo}/blob/main/{path.relative_to(links.ROOT)}" in readme


def test_the_check_finds_another_address_and_rewrite_fixes_it(tmp_path, monkeypatch):
    readme = tmp_path / "README.md"
    readme.write_text("[![Open In Colab](x)](https://colab.research.google.com/github/someone/fork/blob/main/"
                      "notebooks/01_a.ipynb)\npip install git+https://github.com/someone/fork\n")
    (tmp_path / "pyproject.toml").write_text('[project.urls]\nRepository = "https://github.com/me/course"\n')
    monkeypatch.setattr(links, "ROOT", tmp_path)
    monkeypatch.setattr(links, "_files", lambda: [readme])
    monkeypatch.setattr(links, "repository", lambda: links.__dict__["_repository"](tmp_path / "pyproject.toml"))
    assert links.disagreements() == ["README.md: someone/fork", "README.md: someone/fork"]
    assert links.rewrite() == [readme]
    assert links.disagreements() == []
    assert "github/me/course/blob/main/notebooks/01_a.ipynb" in readme.read_text()


def test_the_readme_says_what_a_fork_changes():
    readme = (links.ROOT / "README.md").read_text(encoding="utf-8")
    assert "make links" in readme and "Repository" in readme
