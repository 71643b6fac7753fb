"""Create or update ONE pull-request comment, found again by a hidden HTML marker.

`python -m mcpvet.github.comment --body-file report.md` in a workflow: the repository, the pull
request and the API come from the Actions environment (GITHUB_REPOSITORY, GITHUB_EVENT_PATH,
GITHUB_API_URL), the token from GITHUB_TOKEN. Every page of the PR's comments is searched for
the marker (`Link: rel="next"`), so a long discussion never gets a second report; the first
comment carrying the marker is edited, others are left alone.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_BODY = 65_536  # GitHub's limit on a comment body
DEFAULT_MARKER = "mcpvet"
_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="next"')


class GitHubError(Exception):
    pass


def marker_line(key: str) -> str:
    return f"<!-- mcpvet-report: {key} -->"


@dataclass(frozen=True)
class Client:
    api: str
    token: str
    timeout: float = 30.0

    def request(self, method: str, url: str, body: dict[str, Any] | None = None) -> tuple[Any, str | None]:
        """(decoded JSON, the next page's URL or None)."""
        if not url.startswith(("http://", "https://")):
            url = self.api.rstrip("/") + url
        data = json.dumps(body).encode("utf-8") if body is not None else None
        req = urllib.request.Request(url, data=data, method=method, headers={
            "Accept": "application/vnd.github+json",
            "Authorization": f"Bearer {self.token}",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": "mcpvet-action",
            **({"Content-Type": "application/json"} if data is not None else {}),
        })
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                text = resp.read().decode("utf-8")
                link = resp.headers.get("Link") or ""
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:300]
            raise GitHubError(f"{method} {url}: HTTP {exc.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise GitHubError(f"{method} {url}: {exc}") from None
        found = _NEXT.search(link)
        return (json.loads(text) if text else None), (found.group(1) if found else None)


def find_comment(client: Client, repo: str, pr: int, marker: str) -> dict[str, Any] | None:
    """The first comment of the PR whose body carries `marker`, searching every page."""
    url: str | None = f"/repos/{repo}/issues/{pr}/comments?per_page=100"
    pages = 0
    while url and pages < 1_000:
        comments, url = client.request("GET", url)
        pages += 1
        for comment in comments or []:
            if marker in (comment.get("body") or ""):
                return dict(comment)
    return None


def fit(body: str, marker: str, limit: int = MAX_BODY) -> str:
    """The marker first (hidden), then the body cut to GitHub's limit with a note when it is longer."""
    text = f"{marker}\n{body}"
    if len(text) <= limit:
        return text
    note = "\n\n_… cut: the report was longer than a comment can be; see the workflow's artifacts._\n"
    return text[: limit - len(note)] + note


def upsert(client: Client, repo: str, pr: int, body: str, key: str = DEFAULT_MARKER) -> tuple[str, dict[str, Any]]:
    """("created" | "updated", the comment)."""
    marker = marker_line(key)
    text = fit(body, marker)
    existing = find_comment(client, repo, pr, marker)
    if existing is not None:
        updated, _ = client.request("PATCH", f"/repos/{repo}/issues/comments/{existing['id']}", {"body": text})
        return "updated", dict(updated)
    created, _ = client.request("POST", f"/repos/{repo}/issues/{pr}/comments", {"body": text})
    return "created", dict(created)


def _pr_number(event_path: str | None) -> int | None:
    if not event_path:
        return None
    try:
        event = json.loads(Path(event_path).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    number = (event.get("pull_request") or {}).get("number") or (event.get("issue") or {}).get("number")
    return int(number) if number else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mcpvet.github.comment", description=__doc__.splitlines()[0])
    parser.add_argument("--body-file", required=True, type=Path, help="Markdown to post ('-': stdin).")
    parser.add_argument("--repo", default=os.environ.get("GITHUB_REPOSITORY"), help="owner/name (GITHUB_REPOSITORY).")
    parser.add_argument("--pr", type=int, default=None, help="Pull request number (default: from GITHUB_EVENT_PATH).")
    parser.add_argument("--marker", default=DEFAULT_MARKER, help="Key of the hidden marker (one comment per key).")
    parser.add_argument("--api-url", default=os.environ.get("GITHUB_API_URL", "https://api.github.com"))
    args = parser.parse_args(argv)
    token = os.environ.get("GITHUB_TOKEN", "")
    pr = args.pr or _pr_number(os.environ.get("GITHUB_EVENT_PATH"))
    if not token or not args.repo or not pr:
        sys.stderr.write("mcpvet comment: needs GITHUB_TOKEN, --repo (GITHUB_REPOSITORY) and a pull request number\n")
        return 2
    body = sys.stdin.read() if str(args.body_file) == "-" else args.body_file.read_text("utf-8")
    try:
        action, comment = upsert(Client(args.api_url, token), args.repo, pr, body, args.marker)
    except GitHubError as exc:
        sys.stderr.write(f"mcpvet comment: {exc}\n")
        return 3
    sys.stdout.write(f"{action} {comment.get('html_url') or comment.get('id')}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
