"""Run every benchmark: ``python -m bench`` (``make bench``); or some: ``python -m bench core``.

Options (``--quick``, ``--workers 2``) are left in ``sys.argv`` for the benches that read them.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path


def main() -> None:
    wanted = [arg for arg in sys.argv[1:] if not arg.startswith("-") and not arg.isdigit()]
    names = sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
    for name in names:
        if wanted and name.removeprefix("bench_") not in wanted:
            continue
        print(f"\n== {name} ==", flush=True)
        importlib.import_module(f"bench.{name}").main()


if __name__ == "__main__":
    main()
