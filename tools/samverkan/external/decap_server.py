"""decap-server: the local backend of the web editor, saving to a git clone on this machine.

Installed from npm into ``.cache/vendor/decap-server`` by ``tools/fetch-decap.sh`` and run
with Node.js. In git mode it does what the editorial workflow does on GitHub or GitLab, in
the clone itself: each saved entry becomes a branch ``cms/<collection>/<slug>`` with a
commit, and "publish" merges it into the branch the editor works against.

It listens on 127.0.0.1 only. Port 0 picks a free port; the port actually taken is read
back from the server (decap-server itself only reports the port it was asked for).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
from pathlib import Path
from types import TracebackType

DEFAULT_INSTALL = Path(".cache/vendor/decap-server")
SERVER_SCRIPT = Path("node_modules/decap-server/dist/index.js")
MISSING_MESSAGE = (
    "decap-server saknas: kör `make install` (den hämtar Decap CMS och decap-server från npm och behöver Node.js). "
    "Webbredigeraren kan då spara i den här klonen."
)
STARTUP_SECONDS = 20

# Report the port the server really listens on (with PORT=0 decap-server would log 0).
_REPORT_PORT = """
const net = require("net");
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  this.once("listening", () => console.log("SAMVERKAN_DECAP_PORT=" + this.address().port));
  return listen.apply(this, args);
};
require(process.argv[1]);
"""
_PORT_LINE = re.compile(r"SAMVERKAN_DECAP_PORT=(\d+)")


class DecapServerMissing(Exception):
    """Node.js or decap-server is not installed."""


def find_server(install: Path = DEFAULT_INSTALL) -> tuple[str, Path]:
    """``(node, index.js)``, or DecapServerMissing with what to do."""
    node = shutil.which("node")
    script = install / SERVER_SCRIPT
    if node is None or not script.is_file():
        raise DecapServerMissing(MISSING_MESSAGE)
    return node, script.resolve()


class DecapServer:
    """A running decap-server in git mode for ``repo``; use as a context manager.

    ``with DecapServer(repo) as server: server.url`` → ``http://127.0.0.1:<port>/api/v1``.
    """

    def __init__(self, repo: Path, *, port: int = 0, install: Path = DEFAULT_INSTALL) -> None:
        self.repo = repo.resolve()
        self.requested_port = port
        self.install = install
        self.port = 0
        self.output: list[str] = []
        self._process: subprocess.Popen[str] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v1"

    def start(self) -> DecapServer:
        node, script = find_server(self.install)
        env = {
            **os.environ,
            "MODE": "git",
            "GIT_REPO_DIRECTORY": str(self.repo),
            "PORT": str(self.requested_port),
            "BIND_HOST": "127.0.0.1",
            "LOG_LEVEL": "warn",
        }
        self._process = subprocess.Popen(
            [node, "-e", _REPORT_PORT, str(script)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        found = threading.Event()
        threading.Thread(target=self._read, args=(found,), name="decap-server-output", daemon=True).start()
        if not found.wait(STARTUP_SECONDS) or not self.port:
            self.stop()
            raise DecapServerMissing("decap-server startade inte: " + " ".join(self.output[-5:]))
        return self

    def _read(self, found: threading.Event) -> None:
        assert self._process is not None and self._process.stdout is not None
        for line in self._process.stdout:
            self.output.append(line.rstrip())
            match = _PORT_LINE.search(line)
            if match:
                self.port = int(match.group(1))
                found.set()
        found.set()  # the server exited before listening

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    def wait(self) -> int:
        """Run until the server exits (``make edit``); its exit code."""
        assert self._process is not None
        return self._process.wait()

    def __enter__(self) -> DecapServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()
