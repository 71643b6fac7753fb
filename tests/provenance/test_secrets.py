"""Secrets shipped in the package. Token-shaped strings are assembled at run time so that this
repository never contains one."""

from __future__ import annotations

import random
import string
from pathlib import Path

from mcpvet.checks.interface import Facts
from mcpvet.checks.provenance.secrets import LeakedSecrets
from mcpvet.discover import discover
from mcpvet.fetch.interface import Fetched
from mcpvet.model import Ecosystem, Target
from mcpvet.options import InspectOptions
from mcpvet.provenance import collect
from mcpvet.provenance.secrets import scan_text
from tests.provenance.fakes import NOW

RNG = random.Random(7)


def _rand(n: int, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(RNG.choice(alphabet) for _ in range(n))


def _tokens() -> dict[str, str]:
    return {
        "aws-access-key-id": "AK" + "IA" + _rand(16, string.ascii_uppercase + string.digits),
        "github-token": "gh" + "p_" + _rand(36),
        "slack-token": "xo" + "xb-" + _rand(12, string.digits) + "-" + _rand(24),
        "stripe-live-key": "sk" + "_live_" + _rand(24),
        "google-api-key": "AI" + "za" + _rand(35),
        "npm-token": "np" + "m_" + _rand(36),
        "openai-key": "sk-" + "proj-" + _rand(64),
    }


def _run(root: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    tree, _ = discover(root, name_hint=root.name)
    fetched = Fetched(Target(str(root), Ecosystem.LOCAL, tree.name), directory=root)
    opts = InspectOptions(osv_url="http://127.0.0.1:9", cache_dir=tmp_path / "c", http_timeout_s=5, http_retries=0)
    prov = collect(fetched, tree, opts, now=NOW)
    return prov, LeakedSecrets().run(Facts(target=fetched.target, tree=tree, tools=(), frontends=(), provenance=prov))


def test_each_provider_is_found_with_location_and_redacted(tmp_path: Path) -> None:
    for pid, tok in _tokens().items():
        hits = scan_text(f"x = 1\nKEY = '{tok}'\n", "a.py")
        assert [h.pattern for h in hits] == [pid], (pid, hits)
        assert hits[0].location.line == 2
        assert tok not in hits[0].excerpt and tok[-8:] not in hits[0].excerpt


def test_private_key_block(tmp_path: Path) -> None:
    body = "\n".join(_rand(64, string.ascii_letters + string.digits + "+/") for _ in range(5))
    pem = "-----BEGIN " + "RSA PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----\n"
    [hit] = scan_text("# key\n" + pem, "k.pem")
    assert hit.pattern == "private-key" and hit.location.line == 2


def test_placeholders_and_detector_code_are_not_secrets() -> None:
    text = "\n".join([
        "AWS_KEY = 'AKIA" + "IOSFODNN7EXAMPLE'",
        "token = 'gh" + "p_" + "x" * 36 + "'",
        "PATTERN = r'-----BEGIN " + "PRIVATE KEY-----'",
        "stripe = 'sk" + "_live_" + "0" * 24 + "'",
        "key = process.env.OPENAI_API_KEY",
    ])
    assert scan_text(text, "a.py") == []


def test_check_over_a_package(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    (root / "src").mkdir(parents=True)
    (root / "node_modules" / "dep").mkdir(parents=True)
    (root / "package.json").write_text('{"name": "w-mcp", "version": "1.0.0"}')
    tok = _tokens()["github-token"]
    (root / "src" / "config.js").write_text(f"module.exports = {{ token: '{tok}' }};\n")
    (root / "node_modules" / "dep" / "x.js").write_text(f"const t = '{_tokens()['npm-token']}';\n")
    prov, out = _run(root, tmp_path)
    [f] = out.findings
    assert f.rule == "leaked-secret" and f.location is not None and f.location.path == "src/config.js"
    assert out.score == 0.0 and tok not in f.message
    assert prov.extra["secrets"]["found"][0]["path"] == "src/config.js"


def test_test_fixtures_are_medium(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    (root / "tests").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[project]\nname = "w-mcp"\nversion = "1"\n')
    (root / "tests" / "test_auth.py").write_text(f"TOKEN = '{_tokens()['slack-token']}'\n")
    _, out = _run(root, tmp_path)
    [f] = out.findings
    assert f.severity.value == "medium" and "test file" in f.title and out.score == 5.0


def test_clean_package(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    root.mkdir()
    (root / "pyproject.toml").write_text('[project]\nname = "w-mcp"\nversion = "1"\n')
    (root / "server.py").write_text("import os\nTOKEN = os.environ['GITHUB_TOKEN']\n")
    _, out = _run(root, tmp_path)
    assert out.score == 10.0 and out.findings == ()
