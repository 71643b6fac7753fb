"""Secrets shipped in the package: tokens and keys of the common providers.

Scans every file of the unpacked package except node_modules and files over `MAX_FILE_BYTES`;
binary files (a NUL byte in the first 8 KiB) are skipped. Each pattern is specific to a provider's
token format; placeholders (EXAMPLE, XXXX, repeated characters, low entropy) are dropped. The
excerpt is redacted: provider prefix, a few characters, then the length.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from mcpvet.model import AnalysisError, FileRole, Location, SourceTree
from mcpvet.textlines import line_at

MAX_FILE_BYTES = 2 << 20
MAX_HITS = 50


@dataclass(frozen=True)
class SecretPattern:
    id: str
    provider: str
    regex: re.Pattern[str]
    min_entropy: float = 3.0
    gates: tuple[str, ...] = ()  # the regex only runs on text containing one of these (speed)


PATTERNS: tuple[SecretPattern, ...] = (
    SecretPattern("aws-access-key-id", "AWS access key id", re.compile(r"\b((?:AKIA|ASIA)[0-9A-Z]{16})\b"), 2.8,
                  gates=("AKIA", "ASIA")),
    SecretPattern("github-token", "GitHub token", re.compile(r"\b(gh[pousr]_[A-Za-z0-9]{36,251})\b"),
                  gates=("ghp_", "gho_", "ghu_", "ghs_", "ghr_")),
    SecretPattern("github-pat", "GitHub fine-grained token", re.compile(r"\b(github_pat_[A-Za-z0-9_]{60,255})\b"),
                  gates=("github_pat_",)),
    SecretPattern("slack-token", "Slack token", re.compile(r"\b(xox[abposr]-[0-9A-Za-z-]{20,})\b"), gates=("xox",)),
    SecretPattern("stripe-live-key", "Stripe live key", re.compile(r"\b((?:sk|rk)_live_[0-9A-Za-z]{20,})\b"),
                  gates=("_live_",)),
    SecretPattern("google-api-key", "Google API key", re.compile(r"\b(AIza[0-9A-Za-z_\-]{35})(?![0-9A-Za-z_\-])"),
                  gates=("AIza",)),
    SecretPattern("npm-token", "npm access token", re.compile(r"\b(npm_[A-Za-z0-9]{36})\b"), gates=("npm_",)),
    SecretPattern("openai-key", "OpenAI API key",
                  re.compile(r"\b(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}T3BlbkFJ[A-Za-z0-9_\-]{20,})\b"
                             r"|\b(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{60,})"), gates=("sk-",)),
    SecretPattern("anthropic-key", "Anthropic API key",
                  re.compile(r"\b(sk-ant-(?:api|admin)\d\d-[A-Za-z0-9_\-]{80,})"), gates=("sk-ant-",)),
    SecretPattern("private-key", "private key (PEM)", re.compile(
        r"-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----\s*\n"
        r"(?:[A-Za-z\-]+: [^\n]*\n)*\s*([A-Za-z0-9+/=]{40,})"), 3.5, gates=("-----BEGIN ",)),
)

_PLACEHOLDER = re.compile(r"EXAMPLE|XXXX|xxxx|\*\*\*\*|0000000000|1234567890|abcdefghij|ABCDEFGHIJ|your|YOUR|dummy|DUMMY")


@dataclass(frozen=True)
class SecretHit:
    pattern: str  # pattern id
    provider: str
    location: Location
    excerpt: str  # redacted
    in_test: bool = False  # found in a test file or folder (may be a fixture)


def entropy(s: str) -> float:
    if not s:
        return 0.0
    counts = Counter(s)
    return -sum(c / len(s) * math.log2(c / len(s)) for c in counts.values())


def redact(secret: str) -> str:
    m = re.match(r"[A-Za-z]+[_-](?:[A-Za-z]+[_-])?", secret)
    prefix = m.group(0) if m and len(m.group(0)) <= 12 else secret[:4]
    return f"{prefix}{secret[len(prefix):len(prefix) + 3]}…[{len(secret)} chars]"


def scan_text(text: str, path: str) -> list[SecretHit]:
    hits: list[SecretHit] = []
    for pat in PATTERNS:
        if pat.gates and not any(g in text for g in pat.gates):
            continue
        for m in pat.regex.finditer(text):
            if pat.id == "private-key":
                body = m.group(2)
                if entropy(body) < pat.min_entropy or _PLACEHOLDER.search(body):
                    continue
                secret = f"-----BEGIN {m.group(1)}-----"
                excerpt = f"{secret} {body[:3]}…"
            else:
                secret = next(g for g in m.groups() if g)
                core = re.sub(r"^[a-z]+[_-](?:[a-z]+[_-])?", "", secret)
                if _PLACEHOLDER.search(secret) or entropy(core) < pat.min_entropy:
                    continue
                excerpt = redact(secret)
            line = line_at(text, m.start())
            hits.append(SecretHit(pat.id, pat.provider, Location(path, line), excerpt))
    return hits


def scan_tree(tree: SourceTree) -> tuple[tuple[SecretHit, ...], tuple[AnalysisError, ...], int]:
    """(hits, errors, files scanned)."""
    hits: list[SecretHit] = []
    errors: list[AnalysisError] = []
    scanned = 0
    skipped_large = 0
    for f in sorted(tree.files, key=lambda f: f.path):
        if f.role == FileRole.NODE_MODULES or "/node_modules/" in f"/{f.path}":
            continue
        if f.size > MAX_FILE_BYTES:
            skipped_large += 1
            continue
        try:
            data = f.abspath.read_bytes()
        except OSError as exc:
            errors.append(AnalysisError("provenance", f"could not read for the secret scan: {exc}", f.path))
            continue
        if b"\x00" in data[:8192]:
            continue
        scanned += 1
        found = scan_text(data.decode("utf-8", errors="replace"), f.path)
        if f.role == FileRole.TEST:
            found = [SecretHit(h.pattern, h.provider, h.location, h.excerpt, True) for h in found]
        hits.extend(found)
    if skipped_large:
        errors.append(AnalysisError("provenance", f"secret scan skipped {skipped_large} file(s) larger than "
                                                  f"{MAX_FILE_BYTES} bytes"))
    hits.sort(key=lambda h: (h.location.path, h.location.line, h.pattern))
    return tuple(hits), tuple(errors), scanned
