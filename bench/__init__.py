"""The benchmark: ecr-mirror against skopeo (per-image `copy` loop and `sync`) and a raw curl pipe, offline.

python -m bench.run              # full run (about 5-8 minutes on 2 cores), writes BENCHMARKS.md
python -m bench.run --tiny       # seconds: a tiny corpus, one repetition (the smoke test uses it)
python -m bench.run --huge       # also copy a 4 GiB layer and record peak RSS

corpus.py    builds the corpus (real-file tar.gz layers, a 1 GiB incompressible layer, a two-platform index
             with attestations, small images) into a cached source registry under .bench/
procs.py     runs a child process and measures wall time and its own peak RSS (os.wait4)
tools.py     the contenders: `ecr-mirror sync`, a `skopeo copy` loop, `skopeo sync`, a curl pipe
stats.py     medians, spreads, machine facts
report.py    BENCHMARKS.md and the console summary
run.py       the command line: builds, runs alternating repetitions, checks digests, writes results
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

if importlib.util.find_spec("ecr_mirror") is None:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "lambda"))
