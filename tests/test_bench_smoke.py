"""`make bench` measures nothing here, but runs end to end on a tiny corpus so that it cannot rot."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import REPO


@pytest.mark.slow
def test_the_benchmark_suite_runs_on_a_tiny_corpus_and_writes_its_results(tmp_path):
    out = tmp_path / "latest.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "tests" / "benchmarks" / "bench_scale.py"), "--smoke", "--no-copies", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["smoke"] is True and result["machine"]["cpus"] >= 1
    [build] = result["builds"]
    assert build["documents"] == 6
    for side in ("ours", "bare", "bare_full_nav"):
        assert build[side]["seconds"] > 0 and build[side]["peak_mb"] > 0
    # Every document page was written, by us and by bare Material alike.
    assert build["html_kb_median"] > 1 and build["bare_html_kb_median"] > 1
    assert result["check"]["documents"] == 12 and result["check"]["naive"]["seconds"] > 0
    assert result["large"]["one"]["seconds"] > 0 and result["large"]["ten"]["seconds"] > 0
    [serve] = result["serve"]
    # One title edit reached the document's page, the list and the role page, and changed a few generated files.
    assert serve["documents"] == 6 and len(serve["ours"]["edits_s"]) == 1 and serve["ours"]["edits_s"][0] > 0
    assert serve["ours"]["files_changed_per_edit"][0] > 0
    assert "| site build, 6 documents |" in done.stdout and "| check, 12 documents |" in done.stdout
    assert "| `make serve` edit latency, 6 documents |" in done.stdout
