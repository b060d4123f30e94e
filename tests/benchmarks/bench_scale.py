"""Benchmarks (run with `make bench`, never part of `make test`): check and build time as the content grows.

Generates N copies of the example documents with fresh ids and measures `samverkan check`
and a strict site build. The targets below are generous on the 2-core reference machine;
what matters is that doubling N roughly doubles the time (linear, not quadratic).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TARGET_SECONDS_PER_1000_DOCS = {"check": 6.0, "build": 60.0}


def make_tree(root: Path, copies: int) -> int:
    shutil.copytree(REPO / "roles", root / "roles")
    shutil.copytree(REPO / "schema", root / "schema")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    sources = sorted((REPO / "routines").rglob("*.md"))
    count = 0
    for n in range(copies):
        for src in sources:
            text = src.read_text(encoding="utf-8")
            text = re.sub(r"^id: (.+)$", lambda m: f"id: {m.group(1)}-K{n}", text, count=1, flags=re.M)
            text = re.sub(r"(  - document: )(\S+)", lambda m: f"{m.group(1)}{m.group(2)}-K{n}", text)
            target = root / "routines" / src.parent.name / f"{src.stem}-{n}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            count += 1
    return count


def timed(args: list[str], cwd: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SAMVERKAN_TODAY": "2026-12-01"}
    start = time.perf_counter()
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        sys.exit(f"{args[0]} failed:\n{result.stderr[-2000:]}")
    return elapsed


def main() -> int:
    import tempfile

    bindir = Path(sys.executable).parent
    failures = []
    rows = []
    for copies in (10, 20, 40):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            docs = make_tree(root, copies)
            check = timed([str(bindir / "samverkan"), "check", "--today", "2026-12-01"], root)
            build = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(root / "site")], root)
            rows.append((docs, check, build))
            for name, seconds in (("check", check), ("build", build)):
                limit = TARGET_SECONDS_PER_1000_DOCS[name] * max(docs, 1000) / 1000
                if seconds > limit:
                    failures.append(f"{name} of {docs} documents took {seconds:.1f}s (target {limit:.1f}s)")
    print(f"{'documents':>10} {'check s':>9} {'build s':>9} {'check ms/doc':>13} {'build ms/doc':>13}")
    for docs, check, build in rows:
        print(f"{docs:>10} {check:>9.2f} {build:>9.2f} {1000 * check / docs:>13.2f} {1000 * build / docs:>13.2f}")
    (small, _, small_build), (large, _, large_build) = rows[0], rows[-1]
    growth = (large_build / small_build) / (large / small)
    print(f"build time grows {growth:.2f}× per unit of documents between {small} and {large} (1.0 = linear)")
    if growth > 1.6:
        failures.append(f"build time grows faster than linear ({growth:.2f})")
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
