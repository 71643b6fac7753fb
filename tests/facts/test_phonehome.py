"""Telemetry addresses, SDKs and settings, and downloads made executable and run, read from text."""

from __future__ import annotations

from mcpvet.checks.analysis.phone_home import opt_in_only
from mcpvet.facts.phonehome import download_exec, telemetry_hints, telemetry_settings

JS = '''import { PostHog } from "posthog-node";
const host = "https://us.i.posthog.com";
function enabled() { return process.env.FRAMELINK_TELEMETRY !== "off" && !process.env.DO_NOT_TRACK; }
fetch("https://api.github.com/repos/x/y");  // not analytics
fetch("https://static.scarf.sh/a.png?x-pxid=1");
const docs = "https://example.org/posthog.com-guide";
'''


def test_analytics_hosts_sdks_and_settings() -> None:
    hints = {(h.service, h.target, h.line) for h in telemetry_hints(JS, "x.js")}
    assert hints == {("PostHog", "posthog-node", 1), ("PostHog", "us.i.posthog.com", 2), ("Scarf", "static.scarf.sh", 5)}
    assert telemetry_settings(JS) == ("DO_NOT_TRACK", "FRAMELINK_TELEMETRY")
    py = "import os\nimport posthog\nfrom sentry_sdk import init\n"
    assert {h.service for h in telemetry_hints(py, "m.py")} == {"PostHog", "Sentry"}
    assert telemetry_hints("const a = 'https://telemetry.example.app/collect';", "a.js")[0].service \
        == "its own telemetry endpoint"


def test_opt_in_only_when_every_setting_says_enable() -> None:
    assert opt_in_only(("TIDES_ENABLE_TELEMETRY",))
    assert not opt_in_only(("DO_NOT_TRACK", "TIDES_ENABLE_TELEMETRY"))
    assert not opt_in_only(("FRAMELINK_TELEMETRY",)) and not opt_in_only(())


PY_DOWNLOAD = '''import subprocess, urllib.request
def fetch_tool(path):
    with urllib.request.urlopen(URL) as r:
        path.write_bytes(r.read())
    path.chmod(path.stat().st_mode | 0o755)
    return subprocess.Popen([str(path)])
'''


def test_download_made_executable_and_run_with_and_without_a_checksum() -> None:
    (found,) = download_exec(PY_DOWNLOAD)
    assert found.line == 3 and not found.checksum and "0o755" in found.execute
    pinned = PY_DOWNLOAD.replace("    path.chmod", "    assert hashlib.sha256(path.read_bytes()).hexdigest() == PIN\n"
                                 "    path.chmod")
    assert download_exec(pinned)[0].checksum
    # a download and a start with no file made executable is an ordinary API client starting git
    assert download_exec("r = requests.get(API)\nsubprocess.run(['git', 'status'])\n") == ()


def test_curl_pipe_sh_counts_only_when_run() -> None:
    hint = 'def hint():\n    return "curl -LsSf https://astral.sh/uv/install.sh | sh"\n'
    assert download_exec(hint) == ()
    run = 'subprocess.run("curl -fsSL https://get.example.sh/install | bash", shell=True)\n'
    (found,) = download_exec(run)
    assert found.execute == "piped into a shell" and not found.checksum
