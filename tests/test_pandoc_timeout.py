"""pandoc is linear in its input: a long document gets more time instead of failing half way on a busy machine."""

from __future__ import annotations

from samverkan.external import pandoc


def test_pandoc_gets_more_time_for_a_longer_input_so_a_long_document_is_not_cut_off(monkeypatch):
    given = []

    def fake_run(command, *, input, timeout, **kwargs):  # noqa: A002 - subprocess.run's own name
        given.append(timeout)
        return type("Done", (), {"returncode": 0, "stdout": b"{}", "stderr": b""})()

    monkeypatch.setattr(pandoc.subprocess, "run", fake_run)
    monkeypatch.setattr(pandoc, "pandoc_path", lambda: "pandoc")
    pandoc.run(["--to", "json"], b"kort text")
    pandoc.run(["--to", "json"], b"x" * 5_000_000)
    assert given == [pandoc.TIMEOUT_SECONDS, pandoc.TIMEOUT_SECONDS + 5 * pandoc.TIMEOUT_SECONDS_PER_MB]


def test_in_a_batch_each_document_gets_the_time_the_longest_would_get_alone(monkeypatch):
    given = []

    def fake_run(command, *, input, timeout, env, **kwargs):  # noqa: A002 - subprocess.run's own name
        given.append((timeout, env["PANDOC_SERVER_TIMEOUT"]))
        answer = b'[{"output": "", "base64": false}, {"output": "", "base64": false}]'
        return type("Done", (), {"returncode": 0, "stdout": b"Status: 200 OK\n\n" + answer, "stderr": b""})()

    monkeypatch.setattr(pandoc.subprocess, "run", fake_run)
    monkeypatch.setattr(pandoc, "pandoc_path", lambda: "pandoc")
    pandoc.convert_many([pandoc.Conversion("kort text", "markdown", "json"), pandoc.Conversion("x" * 5_000_000, "markdown", "json")])
    each = pandoc.TIMEOUT_SECONDS + 5 * pandoc.TIMEOUT_SECONDS_PER_MB
    assert given == [(2 * each, str(each))]
