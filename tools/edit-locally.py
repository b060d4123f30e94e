"""`make edit`: the site with its web editor, saving to this clone through decap-server.

Starts decap-server (git mode: each saved entry becomes a branch cms/… with a commit in this
clone) on a free port of 127.0.0.1, then `mkdocs serve`, and prints the editor's address.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from samverkan.external.decap_server import DecapServer, DecapServerMissing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1:8000", help="address of the site, host:port")
    args = parser.parse_args()
    repo = Path(__file__).resolve().parents[1]
    try:
        server = DecapServer(repo, install=repo / ".cache/vendor/decap-server").start()
    except DecapServerMissing as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        print(f"\nWebbredigeraren: http://{args.host}/redigera/?lokal={server.port}\n"
              "Det du sparar blir en gren cms/… med en commit i den här klonen. Avsluta med Ctrl+C.\n", flush=True)
        return subprocess.call([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", args.host], cwd=repo)
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
