"""The course's own tooling, kept apart from the learners' package ``utils``.

``python -m tools.book`` runs the notebooks and renders the HTML book;
``python -m tools.bench`` measures the course's headline numbers.
"""

# utils sets TensorFlow's environment defaults on import; the tools start TensorFlow
# themselves, so utils is imported first.
import utils  # noqa: E402, F401
