"""The bench scripts import their helpers by bare name (`from _support import …`), as they do
when run as `python bench/x.py`."""

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))
