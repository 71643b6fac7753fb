"""OAuth credential grants (issue 12): a request that exchanges a credential at an identity
provider's token endpoint is how a server signs in, not a copy of the credential sent away.

A network sink call is a grant when
* it is an OAuth client library's token exchange (`requests_oauthlib.OAuth2Session.fetch_token`,
  `refresh_token`, authlib's `fetch_token`, msal's `acquire_token_*`, google-auth's `refresh`), or
* the function that makes it names an OAuth grant: a constant `grant_type` key of a dict or
  keyword (`{"grant_type": "refresh_token", "refresh_token": …}`), or a form string that starts
  with `grant_type=`.

Where the credential goes is judged by the checks (`mcpvet.checks.analysis._flow_severity`): a
grant to a host a tool argument chooses, or to a constant host of another provider, stays
exfiltration."""

from __future__ import annotations

import ast
import re

from mcpvet.frontends.python.astwalk import local_walk

GRANT_KEY = "grant_type"
_OAUTH_MODULES = ("requests_oauthlib.", "oauthlib.", "authlib.", "msal.", "google.oauth2.", "google.auth.",
                  "google_auth_oauthlib.")
_EXCHANGES = re.compile(r"\.(?:fetch_token|refresh_token|fetch_access_token|acquire_token\w*|refresh)$")


def grant_call(sink: str) -> bool:
    """An OAuth client library's token exchange (`requests_oauthlib.OAuth2Session.fetch_token`)."""
    return sink.startswith(_OAUTH_MODULES) and bool(_EXCHANGES.search(sink))


def names_grant(func: ast.AST | None) -> bool:
    """The function's own body (nested functions aside) names an OAuth grant: a constant
    `grant_type` dict key or keyword, or a form string starting with `grant_type=`."""
    if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    for node in local_walk(func.body):
        if isinstance(node, ast.Dict):
            if any(isinstance(k, ast.Constant) and k.value == GRANT_KEY for k in node.keys):
                return True
        elif isinstance(node, ast.keyword):
            if node.arg == GRANT_KEY:
                return True
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith(GRANT_KEY + "="):
            return True
    return False
