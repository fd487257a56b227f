"""Notebook 04, checked exercise: skip-gram (target, context) pairs with a fixed window.

Two slips are common: ``range(i - window, i + window)`` stops one word short on
the right, and forgetting ``j != i`` pairs every word with itself. At the edges
of the sentence the window is simply cut. (``utils.skipgram_pairs`` adds the
dynamic window and works on a whole corpus at once.)
"""


def fixed_window_pairs(sentence: list[int], window: int) -> list[tuple[int, int]]:
    pairs = []
    for i, target in enumerate(sentence):
        for j in range(max(0, i - window), min(len(sentence), i + window + 1)):
            if j != i:
                pairs.append((target, sentence[j]))
    return pairs


if __name__ == "__main__":
    import utils

    print(utils.check_fixed_window_pairs(fixed_window_pairs))
