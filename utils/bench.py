"""The course's headline numbers, measured fresh: ``python -m utils.bench`` (or ``make bench``).

Prints one JSON object. Each course notebook adds the keys for the claims it
proves; the measurements call the same ``utils`` functions the notebooks use.
``notebook_seconds`` is read from the last ``make course`` run (it is the
one value not re-measured here, because it means running every notebook).
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from .course import TIMES_FILE

__all__ = ["run_bench"]


def _notebook_seconds() -> dict[str, float] | None:
    if not TIMES_FILE.is_file():
        return None
    return {k: round(v, 2) for k, v in json.loads(TIMES_FILE.read_text()).items()}


def run_bench(*, verbose: bool = False) -> dict:
    """Measure every headline number and return them as a JSON-ready dict."""
    from .costs import measure_lookup_cost
    from .seeding import seed_everything

    seed_everything(0)
    costs = measure_lookup_cost((1_000, 10_000, 100_000), verbose=verbose)
    result = {
        "cpu_count": os.cpu_count(),
        "lookup_speedup": {str(c.vocab_size): round(c.speedup, 1) for c in costs},
        "lookup_onehot_ms": {str(c.vocab_size): round(c.onehot_seconds * 1e3, 3) for c in costs},
        "lookup_ms": {str(c.vocab_size): round(c.lookup_seconds * 1e3, 3) for c in costs},
        "notebook_seconds": _notebook_seconds(),
    }
    if result["notebook_seconds"] is None:
        result["notebook_seconds_note"] = "no course run yet: run `make course` first"
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the course's headline numbers.")
    parser.add_argument("--verbose", action="store_true", help="show progress on stderr")
    args = parser.parse_args(argv)
    if args.verbose:
        sys.stdout, real_stdout = sys.stderr, sys.stdout
    result = run_bench(verbose=args.verbose)
    if args.verbose:
        sys.stdout = real_stdout
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
