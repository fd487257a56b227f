"""Every training setting the course uses, written once.

Notebooks print the recipe they run (``print(utils.recipes.WIKI_SKIPGRAM)``)
and pass it on with ``**recipe``; ``tools.bench`` and :mod:`utils.experiments`
read the same objects, so a setting cannot drift between the lesson and the
benchmark (``tests/test_recipes.py`` fails if a notebook or the bench types a
value a recipe defines).

A :class:`Recipe` is a read-only mapping of keyword arguments with a name and
the notebook section that teaches it. ``recipe.but(epochs=1)`` gives a copy
with some values changed, for exercises and sweeps.

Epoch counts are the ones tuned on the offline text; with ``COURSE_DATA=full``
:meth:`utils.sources.DataPlan.word2vec_epochs` scales word2vec's.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

__all__ = [
    "Recipe",
    "LAB_CLASSIFIER",
    "REAL_CLASSIFIER",
    "LAB_GENSIM_WORD2VEC",
    "LAB_WORD2VEC",
    "WORD2VEC_MODEL",
    "WIKI_SKIPGRAM",
    "WIKI_SKIPGRAM_SGD",
    "SGD_ALPHA",
    "WIKI_CBOW",
    "WIKI_GENSIM",
    "LAB_CURVES",
    "REAL_CURVES",
    "REAL_MAX_LEN",
    "all_recipes",
]


@dataclass(frozen=True)
class Recipe(Mapping):
    """Named, read-only keyword arguments for one training the course runs."""

    name: str
    taught_in: str
    settings: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "settings", MappingProxyType(dict(self.settings)))

    def __getitem__(self, key: str) -> Any:
        return self.settings[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.settings)

    def __len__(self) -> int:
        return len(self.settings)

    def but(self, **changes: Any) -> Recipe:
        """A copy with ``changes`` applied (unknown names are refused, to catch typos)."""
        unknown = sorted(set(changes) - set(self.settings))
        if unknown:
            raise KeyError(f"recipe {self.name!r} has no setting {', '.join(unknown)}; "
                           f"it has {', '.join(self.settings)}")
        return Recipe(self.name, self.taught_in, {**self.settings, **changes})

    def __str__(self) -> str:
        values = ", ".join(f"{k}={v!r}" for k, v in self.settings.items())
        return f"{self.name} ({self.taught_in}): {values}"


#: The sentiment classifier on the lab corpus: Embedding(mask_zero) → average → Dense.
LAB_CLASSIFIER = Recipe("lab sentiment classifier", "notebook 03, section 'The classifier'",
                        dict(dim=16, epochs=5, batch_size=32))
#: The same classifier on the real classification text (20 Newsgroups sample, or IMDB in full mode).
REAL_CLASSIFIER = Recipe("real-text classifier", "notebook 03, section 'Real text'",
                         dict(dim=32, max_len=400, epochs=15, batch_size=16, min_count=2))
#: gensim skip-gram on the lab corpus's unlabeled sentences (notebook 03's comparison).
LAB_GENSIM_WORD2VEC = Recipe("gensim word2vec on the lab corpus", "notebook 03, section 'word2vec on the same text'",
                             dict(sg=1, vector_size=16, window=3, min_count=1, epochs=5))
#: Keras skip-gram on the lab corpus's unlabeled sentences.
LAB_WORD2VEC = Recipe("Keras word2vec on the lab corpus", "notebook 04, section 'The lab corpus'",
                      dict(vector_size=16, window=3, min_count=1, epochs=3, batch_size=4096, learning_rate=0.02))
#: The word2vec model both implementations train on the Wikipedia excerpt.
WORD2VEC_MODEL = Recipe("word2vec model on the Wikipedia excerpt", "notebook 04",
                        dict(sg=1, vector_size=100, window=5, negative=5, min_count=5, sample=1e-3))
#: Keras skip-gram on the Wikipedia excerpt: the model above, Adam with linear decay. The learning
#: rate and epochs were chosen on SimLex-999 alone (``tools.bench`` key ``w2v_heldout``), so that
#: WordSim-353 and the analogies are held out; they are also ``utils.train_word2vec``'s defaults.
WIKI_SKIPGRAM = Recipe("Keras skip-gram on the Wikipedia excerpt", "notebook 04, section 'Training it'",
                       dict(WORD2VEC_MODEL, epochs=2, learning_rate=0.04, batch_size=16384))
#: Plain SGD's per-pair step (gensim's ``alpha``), the best of a sweep on SimLex-999
#: (``tools.bench`` key ``w2v_sgd_vs_adam``); gensim's default is 0.025.
SGD_ALPHA = 0.025
#: The same Keras skip-gram with plain SGD and the same linear decay. Keras averages the loss over
#: the batch and the ``1 + negative`` candidates, so this Keras rate gives each pair the step SGD_ALPHA.
_SGD_RATE = round(SGD_ALPHA * WIKI_SKIPGRAM["batch_size"] * (1 + WORD2VEC_MODEL["negative"]), 6)
WIKI_SKIPGRAM_SGD = Recipe("Keras skip-gram with plain SGD", "notebook 04, section 'Adam or plain SGD?'",
                           dict(WIKI_SKIPGRAM, optimizer="sgd", learning_rate=_SGD_RATE))
#: Keras CBOW on the Wikipedia excerpt.
WIKI_CBOW = Recipe("Keras CBOW on the Wikipedia excerpt", "notebook 04, section 'CBOW'",
                   dict(WORD2VEC_MODEL, sg=0, epochs=5, learning_rate=0.05))
#: gensim skip-gram on the Wikipedia excerpt, at the epochs where its WordSim-353 score levels off.
WIKI_GENSIM = Recipe("gensim skip-gram on the Wikipedia excerpt", "notebook 04, section 'gensim on the same tokens'",
                     dict(WORD2VEC_MODEL, epochs=20))
#: Notebook 06's learning curves on the lab topic task (arguments of ``utils.transfer_curves``).
LAB_CURVES = Recipe("learning curves, lab topic task", "notebook 06",
                    dict(sizes=(4, 8, 16, 64, 2000), seeds=(0, 1, 2), steps=120, finetune_steps=60))
#: Notebook 06's learning curves on the real text; ``sizes`` follow ``COURSE_DATA``
#: (:attr:`utils.sources.DataPlan.real_curve_sizes`), so they are not fixed here.
REAL_CURVES = Recipe("learning curves, real text", "notebook 06",
                     dict(seeds=(0, 1, 2), steps=100, finetune_steps=50))
#: Real posts are cut to this many tokens in notebook 06 (most of the signal is early).
REAL_MAX_LEN = 100


def all_recipes() -> dict[str, Recipe]:
    """Every recipe in this module by its constant name (the test that guards against drift reads it)."""
    return {name: value for name, value in globals().items() if isinstance(value, Recipe)}
