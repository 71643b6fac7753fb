"""OAuth credential grants read from a request's function (`frontends/python/grants.py`, issue 12)."""

from __future__ import annotations

import ast

import pytest

from mcpvet.frontends.python.grants import grant_call, names_grant


def _func(source: str) -> ast.AST:
    return ast.parse(source).body[0]


@pytest.mark.parametrize("source", [
    'def f(t):\n    data = {"grant_type": "refresh_token", "refresh_token": t}\n    return post(URL, data=data)\n',
    'def f(t):\n    return session.post(URL, data=dict(grant_type="client_credentials"))\n',
    'def f(t):\n    return post(URL, content="grant_type=refresh_token&refresh_token=" + t)\n',
])
def test_a_function_naming_a_grant(source: str) -> None:
    assert names_grant(_func(source))


@pytest.mark.parametrize("source", [
    'def f(t):\n    return post(URL, json={"token": t})\n',
    'def f(t):\n    def inner():\n        return {"grant_type": "x"}\n    return post(URL, json={"token": t})\n',
    'def f(t):\n    return post(URL, content="the grant_type field")\n',
])
def test_a_function_naming_no_grant(source: str) -> None:
    assert not names_grant(_func(source))


def test_oauth_client_exchanges() -> None:
    assert grant_call("requests_oauthlib.OAuth2Session.fetch_token")
    assert grant_call("google.oauth2.credentials.Credentials.refresh")
    assert not grant_call("requests.post")
    assert not grant_call("requests_oauthlib.OAuth2Session.post")
