"""The course as Colab runs it, under another numerical configuration: ``python -m tools.portability``.

Two things a learner meets before reading a word, checked in one run (``make test-portable``, which CI
runs after ``make test``):

* **Colab installs the package from git, not editable, and opens each notebook alone.** The package
  is built and installed non-editable into a temporary folder (as ``pip install git+…`` does), and
  each notebook is copied alone into an empty folder and executed there, with only that package on
  the path, a fresh data cache and a fresh home folder. A notebook that reads a repository file the
  package does not ship fails here.
* **Another CPU rounds differently.** The kernels run under :data:`NUMERICS`: oneDNN switched on and
  capped at AVX2, XLA capped at AVX2, one thread. nbval then compares every tagged cell's output with
  the committed one, so a compared output that depends on floating-point rounding fails here,
  while every ``assert`` must still hold.

Notebooks run in two groups side by side, one thread each; :data:`GROUPS` keeps each notebook
after those whose saved outputs it reuses.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .paths import ROOT, list_notebooks

__all__ = ["NUMERICS", "GROUPS", "build_site", "stage_notebooks", "run"]

#: The second numerical configuration. Each variable moved some training outputs on a 2-core AMD EPYC
#: (AVX-512) against the default (oneDNN off, XLA's and oneDNN's widest vector unit, all cores).
NUMERICS = {
    "TF_ENABLE_ONEDNN_OPTS": "1",
    "ONEDNN_MAX_CPU_ISA": "AVX2",
    "XLA_FLAGS": "--xla_cpu_max_isa=AVX2",
    "TF_NUM_INTRAOP_THREADS": "1",
    "TF_NUM_INTEROP_THREADS": "1",
    "OMP_NUM_THREADS": "1",
}
#: Two groups of notebook prefixes, run side by side; within a group, in this order (every notebook after 04
#: in the first group reuses what 04, or a notebook before it there, saves in the data cache).
GROUPS = (("04", "05", "06", "07", "08", "09", "A1", "A4", "A5", "A6"), ("00", "01", "02", "03", "A2", "A3"))
_GUARD = ROOT / "tests" / "offline"


def build_site(target: Path) -> Path:
    """Build the package and install it non-editable into ``target``, as ``pip install git+…`` does."""
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                             "--no-deps", "--no-build-isolation", "--target", str(target), str(ROOT)],
                            capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"the non-editable install failed: {result.stderr.strip()[-500:]}")
    return target


def stage_notebooks(prefixes: list[str], run_dir: Path) -> list[Path]:
    """Copy each notebook alone into an empty folder of its own under ``run_dir``."""
    staged = []
    for path in list_notebooks(prefixes):
        folder = run_dir / path.stem
        folder.mkdir(parents=True)
        staged.append(Path(shutil.copy2(path, folder / path.name)))
    return staged


def _pytest(notebooks: list[Path], env: dict[str, str], cwd: Path) -> tuple[int, str]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-q",
                             "--nbval-cell-timeout=900", *map(str, notebooks)],
                            cwd=cwd, env=env, capture_output=True, text=True)
    names = ", ".join(p.name[:2] for p in notebooks)
    return result.returncode, f"--- notebooks {names} ({time.perf_counter() - start:.0f} s)\n{result.stdout[-6000:]}"


def run(groups=GROUPS, *, numerics: dict[str, str] = NUMERICS, keep: bool = False) -> int:
    """Install, stage and execute the notebooks of ``groups``; return how many groups failed."""
    work = Path(tempfile.mkdtemp(prefix="course-portable-"))
    try:
        site = build_site(work / "site")
        env = {**os.environ, **numerics,
               "PYTHONPATH": os.pathsep.join([str(site), str(_GUARD)]),
               "HOME": str(work / "home"), "COURSE_CACHE_DIR": str(work / "cache"), "MPLBACKEND": "Agg"}
        env.pop("COURSE_DATA", None)  # the default, offline data, as a learner first runs it
        (work / "home").mkdir()
        staged = [stage_notebooks(list(group), work / "run") for group in groups]
        print(f"package installed non-editable; {sum(map(len, staged))} notebooks, each alone in an empty "
              f"folder; numerics: {' '.join(f'{k}={v}' for k, v in numerics.items())}", flush=True)
        with ThreadPoolExecutor(max_workers=len(staged)) as pool:
            results = list(pool.map(lambda notebooks: _pytest(notebooks, env, work / "run"), staged))
        for _, report in results:
            print(report, flush=True)
        return sum(code != 0 for code, _ in results)
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prefixes", nargs="*", help="only these notebooks (e.g. 04), in one group")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    args = parser.parse_args(argv)
    groups = (tuple(args.prefixes),) if args.prefixes else GROUPS
    failed = run(groups, keep=args.keep)
    print("portable run: " + ("every notebook passed" if not failed else f"{failed} group(s) failed"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
