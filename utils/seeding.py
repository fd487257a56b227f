"""Reproducibility: one call that makes a notebook's numbers the same every run."""

from __future__ import annotations

import os
import random

import numpy as np

from .arguments import flag, integer

__all__ = ["seed_everything", "op_determinism_enabled"]


def seed_everything(seed: int = 0, *, deterministic_ops: bool = True) -> np.random.Generator:
    """Seed Python, NumPy and Keras (TensorFlow backend) and return a NumPy Generator.

    With ``deterministic_ops`` (default) TensorFlow is also asked for
    deterministic kernels (``tf.config.experimental.enable_op_determinism``),
    so that training gives bit-identical weights on every run on the same
    machine and library versions. That choice is process-wide and cannot be
    undone; it makes some GPU ops slower and a few raise instead of running.

    TensorFloat-32 is switched off on TensorFlow, so that float32 matrix
    products on a recent NVIDIA GPU are as exact as on a CPU (appendix A2,
    section 4 shows the difference).

    Use the returned generator for all NumPy randomness in the notebook
    instead of the global ``np.random`` functions.
    """
    seed, deterministic_ops = integer("seed", seed, 0), flag("deterministic_ops", deterministic_ops)
    os.environ["PYTHONHASHSEED"] = str(seed)  # inherited by any child process
    random.seed(seed)
    np.random.seed(seed)
    import keras  # deferred: importing utils must not start TensorFlow

    keras.utils.set_random_seed(seed)
    if keras.backend.backend() == "tensorflow":
        import tensorflow as tf

        # On NVIDIA GPUs from Ampere on, float32 matrix products default to TensorFloat-32 (about 3
        # significant digits); the notebooks compare model outputs with hand computations at 1e-5.
        tf.config.experimental.enable_tensor_float_32_execution(False)
        if deterministic_ops:
            tf.config.experimental.enable_op_determinism()
    return np.random.default_rng(seed)


def op_determinism_enabled() -> bool:
    """Whether TensorFlow's op determinism is on (then Keras refuses to compile with XLA).

    Used by :func:`train_word2vec` (notebook 04), :func:`train_glove` (notebook 08) and :func:`train_fasttext`
    (notebook 09), and by the bench.
    """
    import keras

    if keras.backend.backend() != "tensorflow":
        return False
    # The public getter lives only under tensorflow.python; Keras reads the same one.
    from tensorflow.python.framework.config import is_op_determinism_enabled

    return bool(is_op_determinism_enabled())
