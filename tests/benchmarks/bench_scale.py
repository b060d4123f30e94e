"""Benchmarks (``make bench``, never part of ``make test``): build, check and copies as the content grows.

Everything is measured in one run on the same generated corpus (``corpus.py``), so that the
ratios hold on a busy machine even when the seconds do not:

- our build against bare Material building the same Markdown pages, without the documents
  in the navigation (as our site does) and with every page in it. Material's ``search``
  plugin is left out on both sides: search is measured on its own, and this keeps the
  comparison fair whichever search the site uses;
- ``samverkan check`` against a naive loop (pure-Python YAML, a fresh validator per file);
- the cold cost of the PDF and Word copies per document;
- peak memory of each child process, and the HTML size of the document pages;
- ``make serve``: seconds from saving a document to its new title being served (``bench_serve.py``);
- the bytes a reader downloads from opening a document page to the first search result
  (``bench_search.py``, which ``make bench`` also runs for its comparison with lunr).

It prints a table and writes ``benchmarks/results/latest.json``. ``--smoke`` runs a tiny
version of everything (``make test`` does, so the suite cannot rot) and asserts nothing
about time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import bench_search  # noqa: E402
import bench_serve  # noqa: E402
import corpus  # noqa: E402

REPO = corpus.REPO
TODAY = "2026-12-01"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SAMVERKAN_TODAY": TODAY}
TARGETS = {
    "build_vs_bare": 1.25,
    "check_10000_s": 3.0,
    "check_vs_naive": 5.0,
    "copy_s_per_doc": 0.15,
    "html_kb_median": 100.0,
    "peak_mb": 1024.0,
    "serve_edit_s": 2.0,
    "search_kb": 300.0,
}


@dataclass(frozen=True)
class Run:
    """One child process: wall time, CPU time and peak memory."""

    seconds: float
    cpu_seconds: float
    peak_mb: float


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run a child and read its own resource use (wait4), not that of earlier children."""
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if process.returncode not in (0, 1):
        sys.exit(f"{' '.join(args)} failed ({process.returncode}):\n{stderr.decode(errors='replace')[-3000:]}")
    # ru_maxrss is in KiB on Linux; the CPU time includes the child's own worker processes.
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def mkdocs(root: Path, site: Path) -> Run:
    return run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict", "-d", str(site)], root)


def bare_material_tree(root: Path, target: Path, *, full_nav: bool) -> None:
    """The Markdown our plugin hands MkDocs, as plain files for Material alone: no plugins, no theme overrides.

    ``samverkan pages --for mkdocs`` writes exactly what the plugin generates (history, edit links,
    final list URLs included), so both builds convert the same Markdown.
    """
    samverkan = str(Path(sys.executable).parent / "samverkan")
    command = [samverkan, "pages", "--out", str(target), "--today", TODAY, "--no-downloads", "--for", "mkdocs"]
    subprocess.run(command, cwd=root, env=ENV, check=True, stdout=subprocess.DEVNULL)
    config = (target / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^  custom_dir: .*\n", "", config, flags=re.MULTILINE)
    config = re.sub(r"^plugins:.*\n(?:  .*\n|\s*\n)*", "plugins: []\n\n", config, flags=re.MULTILINE)
    if full_nav:
        config = re.sub(r"^nav:\n(?:[ -].*\n)*", "", config, flags=re.MULTILINE)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")


def html_sizes(site: Path) -> list[int]:
    return [p.stat().st_size for p in (site / "dokument").glob("*/index.html")]


NAIVE_CHECK = """
import json, sys
from pathlib import Path
import jsonschema, yaml
from referencing import Registry, Resource
root = Path(sys.argv[1])
schemas = [json.loads(p.read_text()) for p in (root / "schema").glob("*.schema.json")]
registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas)
document = next(s for s in schemas if s["$id"].endswith("/document.schema.json"))
errors = 0
for path in sorted((root / "routines").rglob("*.md")):
    head = path.read_text(encoding="utf-8").split("\\n---\\n", 1)[0].removeprefix("---\\n")
    data = yaml.load(head, Loader=yaml.SafeLoader)
    data = json.loads(json.dumps(data, default=str))
    validator = jsonschema.Draft202012Validator(document, registry=registry, format_checker=jsonschema.FormatChecker())
    errors += sum(1 for _ in validator.iter_errors(data))
print(errors)
"""
"""What the check did before any care for speed: pure-Python YAML, a fresh validator per document."""


def committed(root: Path) -> None:
    """The corpus as one commit, so that the build reads a git history as a real site's does."""
    env = {**ENV, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org", "GIT_AUTHOR_DATE": f"{TODAY}T12:00:00Z"}
    env |= {"GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org", "GIT_COMMITTER_DATE": f"{TODAY}T12:00:00Z"}
    for args in (["init", "--quiet"], ["add", "--all"], ["commit", "--quiet", "--message", "Corpus"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True)


def measure_builds(sizes: list[int], work: Path) -> list[dict]:
    rows = []
    for size in sizes:
        root = work / f"corpus-{size}"
        corpus.generate(root, size)
        committed(root)
        ours = mkdocs(root, work / f"site-{size}")
        sizes_kb = [s / 1024 for s in html_sizes(work / f"site-{size}")]
        row = {"documents": size, "ours": asdict(ours), "html_kb_median": statistics.median(sizes_kb)}
        for name, full in (("bare", False), ("bare_full_nav", True)):
            tree = work / f"{name}-{size}"
            bare_material_tree(root, tree, full_nav=full)
            row[name] = asdict(mkdocs(tree, work / f"{name}-site-{size}"))
            row[f"{name}_html_kb_median"] = statistics.median(s / 1024 for s in html_sizes(work / f"{name}-site-{size}"))
        row["build_vs_bare"] = ours.seconds / row["bare"]["seconds"]
        row["build_vs_bare_cpu"] = ours.cpu_seconds / row["bare"]["cpu_seconds"]
        rows.append(row)
        shutil.rmtree(root)
    return rows


def measure_check(size: int, work: Path) -> dict:
    root = work / f"check-{size}"
    corpus.generate(root, size)
    samverkan = str(Path(sys.executable).parent / "samverkan")
    ours = run([samverkan, "check", "--today", TODAY], root)
    naive = run([sys.executable, "-c", NAIVE_CHECK, str(root)], root)
    shutil.rmtree(root)
    return {
        "documents": size,
        "ours": asdict(ours),
        "naive": asdict(naive),
        "check_vs_naive": naive.seconds / ours.seconds,
        "check_vs_naive_cpu": naive.cpu_seconds / ours.cpu_seconds,
    }


def measure_copies(sizes: list[int], work: Path) -> dict:
    """Cold PDF and Word copies: a build with them, against the same build without, at one or two sizes.

    Chromium's and pandoc's start is a fixed cost that a small sample spreads badly, so with two
    sizes the cost per document is the slope between them and the start is reported on its own.
    """
    rows = []
    for size in sizes:
        root = work / f"copies-{size}"
        corpus.generate(root, size, words=600, downloads=True)
        without = work / f"copies-off-{size}"
        corpus.generate(without, size, words=600)
        off = mkdocs(without, work / "copies-off-site")
        on = mkdocs(root, work / "copies-on-site")
        made = len(list((work / "copies-on-site" / "dokument").glob("*.pdf")))
        rows.append({
            "documents": size,
            "with_copies": asdict(on),
            "without": asdict(off),
            "pdf_made": made,
            "copies_s": on.seconds - off.seconds,
            "copies_cpu_s": on.cpu_seconds - off.cpu_seconds,
        })
        shutil.rmtree(root)
        shutil.rmtree(without)
    small, large = rows[0], rows[-1]
    span = large["documents"] - small["documents"]
    if span:
        per_doc = (large["copies_s"] - small["copies_s"]) / span
        per_doc_cpu = (large["copies_cpu_s"] - small["copies_cpu_s"]) / span
    else:
        per_doc, per_doc_cpu = large["copies_s"] / large["documents"], large["copies_cpu_s"] / large["documents"]
    return {
        **large,
        "sizes": rows,
        "copy_s_per_doc": per_doc,
        "copy_cpu_s_per_doc": per_doc_cpu,
        "fixed_s": large["copies_s"] - per_doc * large["documents"],
        "fixed_cpu_s": large["copies_cpu_s"] - per_doc_cpu * large["documents"],
    }


def large_document(size: int, work: Path) -> dict:
    """One document of ``size`` bytes against the same text split into ten documents."""
    out = {"bytes": size}
    for name, parts in (("one", 1), ("ten", 10)):
        root = work / f"large-{name}"
        corpus.one_large_document(root, size, parts=parts)
        subprocess.run(["git", "init", "--quiet", str(root)], check=True)
        out[name] = asdict(mkdocs(root, work / f"large-{name}-site"))
    out["one_vs_ten"] = out["one"]["seconds"] / out["ten"]["seconds"]
    return out


def measure_search(size: int, work: Path) -> dict:
    """Bytes from opening a document page to the first search result, for a word and a misspelling."""
    root = work / f"search-{size}"
    corpus.generate(root, size, words=bench_search.WORDS)
    site = work / f"search-site-{size}"
    seconds = bench_search.build(bench_search.configure(root, material_search=False, pagefind=True), site)
    document = next(site.glob("dokument/*/index.html")).parent.relative_to(site).as_posix() + "/"
    shutil.rmtree(root)
    return {
        "documents": size,
        "build_s": seconds,
        "query": bench_search.QUERY,
        "search_kb": bench_search.bytes_to_first_result(site, document)[1] / 1000,
        "misspelled": bench_search.MISSPELLED,
        "misspelled_kb": bench_search.bytes_to_first_result(site, document, bench_search.MISSPELLED)[1] / 1000,
    }


PARTS = ("builds", "check", "large", "copies", "serve", "search")


def machine() -> dict:
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average_at_start": os.getloadavg(),
    }


def table(result: dict) -> str:
    lines = ["| what | ours | compared with | ratio | target |", "| --- | --- | --- | --- | --- |"]
    for row in result.get("builds", []):
        n = row["documents"]
        lines.append(
            f"| site build, {n} documents | {row['ours']['seconds']:.1f} s | bare Material {row['bare']['seconds']:.1f} s"
            f" (full nav {row['bare_full_nav']['seconds']:.1f} s) | {row['build_vs_bare']:.2f} × (CPU {row['build_vs_bare_cpu']:.2f} ×)"
            f" | ≤ {TARGETS['build_vs_bare']} × |"
        )
        lines.append(
            f"| build peak memory, {n} documents | {row['ours']['peak_mb']:.0f} MB | bare {row['bare']['peak_mb']:.0f} MB | | ≤ {TARGETS['peak_mb']:.0f} MB |"
        )
        lines.append(
            f"| HTML per document page (median), {n} | {row['html_kb_median']:.0f} KB | bare {row['bare_html_kb_median']:.0f} KB,"
            f" full nav {row['bare_full_nav_html_kb_median']:.0f} KB | | ≤ {TARGETS['html_kb_median']:.0f} KB |"
        )
    if "check" in result:
        c = result["check"]
        lines.append(
            f"| check, {c['documents']} documents | {c['ours']['seconds']:.1f} s (CPU {c['ours']['cpu_seconds']:.1f} s)"
            f" | naive loop {c['naive']['seconds']:.1f} s | {c['check_vs_naive']:.1f} × faster (CPU {c.get('check_vs_naive_cpu', 0):.1f} ×)"
            f" | ≤ {TARGETS['check_10000_s']} s, ≥ {TARGETS['check_vs_naive']} × |"
        )
    if "copies" in result:
        p = result["copies"]
        counts = " and ".join(str(row["documents"]) for row in p.get("sizes", [p]))
        lines.append(
            f"| PDF + Word copies, cold, {counts} documents | {p['copy_s_per_doc']:.2f} s per document"
            f" (CPU {p.get('copy_cpu_s_per_doc', float('nan')):.2f} s) | start {p.get('fixed_s', float('nan')):.1f} s once;"
            f" build without copies {p['without']['seconds']:.1f} s | | ≤ {TARGETS['copy_s_per_doc']} s |"
        )
    if "large" in result:
        g = result["large"]
        lines.append(
            f"| one {g['bytes'] / 1e6:.0f} MB document | {g['one']['seconds']:.1f} s | same text in ten documents {g['ten']['seconds']:.1f} s"
            f" | {g['one_vs_ten']:.2f} × | ≤ 2 × |"
        )
    for row in result.get("serve", []):
        ours, plain = row["ours"], row.get("plain")
        against, ratio = (
            (f"every page rendered again {plain['median_s']:.1f} s (CPU {plain.get('median_cpu_s', float('nan')):.1f} s)", f"{row['plain_vs_ours']:.1f} × faster")
            if plain
            else ("", "")
        )
        lines.append(
            f"| `make serve` edit latency, {row['documents']} documents | {ours['median_s']:.1f} s (median of {len(ours['edits_s'])};"
            f" CPU {ours.get('median_cpu_s', float('nan')):.1f} s)"
            f" | {against} | {ratio} | ≤ {TARGETS['serve_edit_s']:.0f} s |"
        )
    if "search" in result:
        q = result["search"]
        lines.append(
            f"| search, bytes to the first result, {q['documents']} documents | {q['search_kb']:.0f} KB ('{q['query']}'),"
            f" {q['misspelled_kb']:.0f} KB ('{q['misspelled']}') | | | ≤ {TARGETS['search_kb']:.0f} KB |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: proves the suite runs, measures nothing")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "latest.json")
    parser.add_argument("--no-copies", action="store_true", help="skip the PDF and Word copies (needs pandoc and Chromium)")
    parser.add_argument(
        "--only",
        choices=PARTS,
        action="append",
        help="measure only these parts again; the others are kept from the results file",
    )
    args = parser.parse_args(argv)
    sizes, check_size, copies, large = ([6], 12, [2], 30_000) if args.smoke else ([500, 2000], 10_000, [40, 160], 5_000_000)
    parts = set(args.only or PARTS)
    if args.no_copies:
        parts.discard("copies")
    result: dict = json.loads(args.out.read_text(encoding="utf-8")) if args.only and args.out.is_file() else {}
    result.update({"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "machine": machine(), "smoke": args.smoke})
    with tempfile.TemporaryDirectory(prefix="samverkan-bench-") as tmp:
        work = Path(tmp)
        measures = {
            "builds": lambda: measure_builds(sizes, work),
            "check": lambda: measure_check(check_size, work),
            "large": lambda: large_document(large, work),
            "copies": lambda: measure_copies(copies, work),
            # The smoke run makes one edit with `make serve` only: it proves the measurement works.
            "serve": lambda: bench_serve.measure(sizes, work, ENV, edits=1 if args.smoke else 3, compare=not args.smoke),
            "search": lambda: measure_search(sizes[-1], work),
        }
        for part in PARTS:
            if part in parts:
                result[part] = measures[part]()
                result[part + "_measured"] = {"date": result["date"], "load_average_at_start": result["machine"]["load_average_at_start"]}
    result["corpus_sizes"] = {"builds": sizes, "check": check_size, "copies": copies if "copies" in result else None, "large_bytes": large}
    result["table"] = table(result)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(heading(result))
    print(result["table"])
    if not args.smoke:
        readme = REPO / "README.md"
        readme.write_text(with_table(readme.read_text(encoding="utf-8"), result), encoding="utf-8")
    return 0


def heading(result: dict) -> str:
    machine = result["machine"]
    # With --only, parts come from different runs: say when and at what load each was measured.
    runs = "; ".join(
        f"{part} at load {run['load_average_at_start'][0]:.1f} ({run['date'][:10]} {run['date'][11:16]} UTC)"
        for part in PARTS
        if (run := result.get(part + "_measured"))
    )
    return (
        f"Measured on {machine['platform']}, {machine['cpus']} CPUs, Python {machine['python']}: {runs}."
        " Wall times at a high load are noisy; the ratios, measured in the same run, are steadier."
    )


def with_table(readme: str, result: dict) -> str:
    """README with the latest table between its bench markers."""
    start, end = "<!-- bench:start -->\n", "<!-- bench:end -->"
    before, rest = readme.split(start, 1)
    return before + start + heading(result) + "\n\n" + result["table"] + "\n" + end + rest.split(end, 1)[1]


if __name__ == "__main__":
    sys.exit(main())
