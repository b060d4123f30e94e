"""`make serve` edit latency: seconds from saving a document to its new title being served on its own
page, on the A–Ö list and on its owner role's page.

A real `mkdocs serve` on 127.0.0.1 and a free port, on the generated corpus (with its search
index, made in the background). Each edit changes one document's title; the clock starts when
the file is written and stops when all three pages show the new title. Measured as `make serve`
runs it (``--dirty``) and, for comparison, as a plain `mkdocs serve` that renders every page again.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import corpus

sys.path.insert(0, str(Path(__file__).parents[1]))
from serving import free_port, page  # noqa: E402

MAKE_SERVE = ("--dirty", "--no-strict")
"""The options of the Makefile's serve target."""
PLAIN = ("--no-strict",)
"""MkDocs' own rebuild: every page rendered again."""
CHANGED = re.compile(r"samverkan: (\d+) genererade filer har ändrats")


def _until(server: subprocess.Popen, log: Path, check, limit: float, poll: float = 0.05) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("mkdocs serve stopped:\n" + log.read_text(encoding="utf-8")[-3000:])
        if check():
            return
        time.sleep(poll)
    sys.exit("mkdocs serve never showed the edit")


def _cpu_seconds(pid: int) -> float:
    """CPU time of one process so far (Linux), without its children (the search index)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _edit_latency(server: subprocess.Popen, log: Path, url: str, doc: Path, pages: tuple[str, ...], title: str) -> tuple[float, float]:
    """Wall and server CPU seconds from the save to all ``pages`` serving ``title``."""
    text = doc.read_text(encoding="utf-8")
    cpu, start = _cpu_seconds(server.pid), time.perf_counter()
    doc.write_text(re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.MULTILINE), encoding="utf-8")
    _until(server, log, lambda: all(title in (page(url + p, timeout=600) or "") for p in pages), limit=1800, poll=0.1)
    return time.perf_counter() - start, _cpu_seconds(server.pid) - cpu


def measure_serve(root: Path, env: dict[str, str], options: tuple[str, ...], edits: int) -> dict:
    """Edit latency of ``edits`` title changes, one after the other, with the server at rest in between."""
    docs = sorted((root / "routines").rglob("*.md"))
    doc = docs[len(docs) // 2]
    head = doc.read_text(encoding="utf-8")
    doc_id = re.search(r"^id: (\S+)", head, re.MULTILINE).group(1)  # type: ignore[union-attr]
    role = re.search(r"^owner:\n  role: (\S+)", head, re.MULTILINE).group(1)  # type: ignore[union-attr]
    pages = (f"dokument/{doc_id}/", "dokument/", f"roller/{role}/")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = root / "serve.log"
    # To a file, not a pipe: the server logs a line per content warning, more than a pipe holds.
    with log.open("w", encoding="utf-8") as sink:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *options, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=sink,
        )
    try:
        start = time.perf_counter()
        _until(server, log, lambda: page(url + pages[0], timeout=600) is not None, limit=1800, poll=0.5)
        first = time.perf_counter() - start
        # The first search index is made after the first build; edits start once it is there.
        _until(server, log, lambda: page(url + "pagefind/pagefind-entry.json", timeout=600) is not None, limit=1800, poll=0.5)
        measured = [_edit_latency(server, log, url, doc, pages, f"Ändrad titel {n} för mätningen") for n in range(edits)]
    finally:
        server.terminate()
        server.wait(timeout=60)
    changed = [int(n) for n in CHANGED.findall(log.read_text(encoding="utf-8"))][1:]  # the first is the first build
    seconds, cpu = [w for w, _ in measured], [c for _, c in measured]
    return {
        "first_build_s": first,
        "edits_s": seconds,
        "median_s": statistics.median(seconds),
        "edits_cpu_s": cpu,
        "median_cpu_s": statistics.median(cpu),
        "files_changed_per_edit": changed,
    }


def measure(sizes: list[int], work: Path, env: dict[str, str], edits: int, compare: bool = True) -> list[dict]:
    """Per corpus size: `make serve`, and (``compare``) the plain `mkdocs serve` beside it."""
    rows = []
    for size in sizes:
        row: dict = {"documents": size}
        for name, options, count in (("ours", MAKE_SERVE, edits), ("plain", PLAIN, 1))[: 2 if compare else 1]:
            root = work / f"serve-{name}-{size}"
            corpus.generate(root, size, search=True)
            subprocess.run(["git", "init", "--quiet", str(root)], check=True)
            row[name] = measure_serve(root, env, options, count)
        if compare:
            row["plain_vs_ours"] = row["plain"]["median_s"] / row["ours"]["median_s"]
        rows.append(row)
    return rows
