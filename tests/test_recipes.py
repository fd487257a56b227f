"""Every training setting is written once, in utils.recipes; notebooks and the bench read it from there."""

import ast
import json
import re

import pytest

from tools.book import ROOT, list_notebooks
from utils import recipes

#: Calls that train something: a setting passed to them as a literal number would be a second copy.
TRAINING_CALLS = {"fit", "train_word2vec", "gensim_word2vec", "transfer_curves", "Word2Vec", "FastText",
                  "train_glove", "train_fasttext"}
#: Each setting's values in the recipes: a literal equal to one of them is a copy that can drift.
#: (Seeds are not training settings: every call names the seed it uses.)
RECIPE_VALUES: dict[str, set] = {}
# Every Recipe the module defines, found by type: a new recipe is checked without being listed anywhere.
ALL_RECIPES = {name: value for name, value in vars(recipes).items() if isinstance(value, recipes.Recipe)}
for _recipe in ALL_RECIPES.values():
    for _key, _value in _recipe.items():
        if _key not in ("seed", "sg"):
            RECIPE_VALUES.setdefault(_key, set()).add(_value)


def _literal(node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None


def _is_literal(node) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (int, float)) and not isinstance(node.value, bool)
    if isinstance(node, (ast.Tuple, ast.List)):
        return bool(node.elts) and all(_is_literal(e) for e in node.elts)
    return isinstance(node, ast.UnaryOp) and _is_literal(node.operand)


def typed_settings(source: str) -> list[str]:
    """``call(name=literal)`` for every training call in ``source`` that types a recipe's setting."""
    # IPython magics and shell escapes are not Python.
    source = "\n".join("" if re.match(r"\s*[%!]", line) else line for line in source.splitlines())
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name not in TRAINING_CALLS:
            continue
        found += [f"{name}({kw.arg}={ast.unparse(kw.value)})" for kw in node.keywords
                  if kw.arg in RECIPE_VALUES and _is_literal(kw.value)
                  and _literal(kw.value) in RECIPE_VALUES[kw.arg]]
    return found


def _sources():
    yield "tools/bench.py", (ROOT / "tools" / "bench.py").read_text(encoding="utf-8")
    for path in list_notebooks():
        nb = json.loads(path.read_text(encoding="utf-8"))
        for i, cell in enumerate(nb["cells"]):
            if cell["cell_type"] == "code":
                yield f"{path.name} cell {i}", "".join(cell["source"])


@pytest.mark.parametrize("where, source", list(_sources()), ids=lambda x: x if isinstance(x, str) and
                         (x.startswith("tools") or " cell " in x) else "")
def test_notebooks_and_bench_read_settings_from_recipes(where, source):
    typed = typed_settings(source)
    assert not typed, f"{where} types {typed}: read the value from utils.recipes instead"


def test_the_detector_finds_a_typed_setting_and_accepts_a_recipe():
    lr = recipes.WIKI_SKIPGRAM["learning_rate"]
    assert typed_settings(f"kv = utils.train_word2vec(wiki, learning_rate={lr}, seed=0)") == [
        f"train_word2vec(learning_rate={lr})"]
    assert typed_settings("model.fit(ds, epochs=recipe['epochs'], verbose=0)") == []
    sizes = recipes.LAB_CURVES["sizes"]
    assert typed_settings(f"utils.transfer_curves(t, a, b, sizes={sizes!r}, seed=0)") == [
        f"transfer_curves(sizes={sizes!r})"]
    assert typed_settings("model.fit(data, epochs=1, steps_per_epoch=n)") == [], "one call, not a recipe's value"
    assert typed_settings("%time x = 1\nkv = utils.train_word2vec(s, **utils.recipes.WIKI_SKIPGRAM)") == []


def test_a_recipe_is_read_only_prints_its_settings_and_refuses_unknown_changes():
    recipe = recipes.WIKI_SKIPGRAM
    assert dict(**recipe)["epochs"] == recipe["epochs"]
    with pytest.raises(TypeError):
        recipe.settings["epochs"] = 99
    assert "epochs=" in str(recipe) and recipe.taught_in in str(recipe)
    assert recipe.but(epochs=99)["epochs"] == 99 and recipe["epochs"] != 99, "but() copies, it does not change"
    with pytest.raises(KeyError, match="has no setting epoch"):
        recipe.but(epoch=1)


def test_the_skipgram_recipe_holds_the_benchs_choice():
    from tools.bench import W2V_MAX_EPOCHS

    bench = recipes.recipe_sweeps()
    heldout, sgd = bench["w2v_heldout"], bench["w2v_sgd_vs_adam"]
    assert heldout["chosen"] == {"epochs": recipes.WIKI_SKIPGRAM["epochs"],
                                 "learning_rate": recipes.WIKI_SKIPGRAM["learning_rate"]}
    assert heldout["chosen"]["epochs"] <= W2V_MAX_EPOCHS
    assert sgd["sgd_best_alpha"] == recipes.SGD_ALPHA and sgd["adam"]["epochs"] == recipes.WIKI_SKIPGRAM["epochs"]


def test_the_gensim_recipe_runs_to_the_plateau_the_bench_found():
    """gensim is the yardstick for the Keras skip-gram, so it runs where its score stops rising on this text."""
    bench = recipes.recipe_sweeps()
    assert bench["w2v_gensim_levelled_off"], "gensim's curve did not level off within the bench's run lengths"
    assert recipes.WIKI_GENSIM["epochs"] == bench["w2v_gensim_epochs"]


def test_the_readme_states_the_recipes_epochs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| word2vec epochs |"))
    assert f"Keras {recipes.WIKI_SKIPGRAM['epochs']};" in row and f"gensim {recipes.WIKI_GENSIM['epochs']}," in row


def test_the_defaults_check_ran_against_the_gensim_recipe():
    bench = recipes.recipe_sweeps()
    assert bench["w2v_defaults_gensim_epochs"] == recipes.WIKI_GENSIM["epochs"], "re-run its bench section"
