"""Signs of an exposed HTTP transport in a file's text (`mcpvet.facts.exposure`)."""

from __future__ import annotations

from mcpvet.facts.exposure import ALL_INTERFACES, ANY_HOST, ANY_ORIGIN, NO_REBINDING_PROTECTION, exposure_signs


def _kinds(text: str) -> list[tuple[int, str]]:
    return [(s.line, s.kind) for s in exposure_signs(text)]


def test_bindings_and_wildcards_are_found() -> None:
    assert _kinds('uvicorn.run(app, host="0.0.0.0", port=8000)') == [(1, ALL_INTERFACES)]
    assert _kinds("app.listen(3000, '::');") == [(1, ALL_INTERFACES)]
    assert _kinds('HOST = os.getenv("HOST", "0.0.0.0")') == [(1, ALL_INTERFACES)]
    assert _kinds('    allow_origins=["*"],') == [(1, ANY_ORIGIN)]
    assert _kinds("app.use(cors());") == [(1, ANY_ORIGIN)]
    assert _kinds('res.setHeader("Access-Control-Allow-Origin", "*");') == [(1, ANY_ORIGIN)]
    assert _kinds('new StreamableHTTPServerTransport({ allowedHosts: ["*"] })') == [(1, ANY_HOST)]
    assert _kinds("TransportSecuritySettings(enable_dns_rebinding_protection=False)") == [(1, NO_REBINDING_PROTECTION)]


def test_comparisons_comments_and_named_origins_are_not_signs() -> None:
    assert _kinds('if host in ("0.0.0.0", "::"):') == []
    assert _kinds('is_wildcard = host == "0.0.0.0"') == []
    assert _kinds('WILDCARD = frozenset({"0.0.0.0", "::"})') == []
    assert _kinds('# uvicorn.run(app, host="0.0.0.0")') == []
    assert _kinds('app.use(cors({ origin: "http://localhost:6274" }));') == []
    assert _kinds('uvicorn.run(app, host="127.0.0.1")') == []
