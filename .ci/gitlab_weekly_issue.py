"""Open or update this week's expiry issue in GitLab (used by the scheduled job in .gitlab-ci.yml).

Usage: gitlab_weekly_issue.py TITLE BODY.md SUMMARY.json
Needs CI_API_V4_URL and CI_PROJECT_ID (set by GitLab) and SAMVERKAN_BOT_TOKEN.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.parse
import urllib.request


def call(method: str, path: str, **fields: str) -> object:
    url = f"{os.environ['CI_API_V4_URL']}/projects/{os.environ['CI_PROJECT_ID']}{path}"
    data = urllib.parse.urlencode(fields).encode() if fields and method != "GET" else None
    if fields and method == "GET":
        url += "?" + urllib.parse.urlencode(fields)
    request = urllib.request.Request(url, data=data, method=method, headers={"PRIVATE-TOKEN": os.environ["SAMVERKAN_BOT_TOKEN"]})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def main(title: str, body_path: str, summary_path: str) -> int:
    with open(summary_path, encoding="utf-8") as handle:
        if not sum(json.load(handle)["summary"].values()):
            print("Inget har gått ut eller går ut snart; inget ärende behövs.")
            return 0
    with open(body_path, encoding="utf-8") as handle:
        body = handle.read()
    found = [i for i in call("GET", "/issues", state="opened", search=title, **{"in": "title"}) if i["title"] == title]  # type: ignore[union-attr]
    if found:
        call("PUT", f"/issues/{found[0]['iid']}", description=body)
        print(f"Uppdaterade ärende {found[0]['iid']}: {title}")
    else:
        created = call("POST", "/issues", title=title, description=body)
        print(f"Skapade ärende {created['iid']}: {title}")  # type: ignore[index]
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
