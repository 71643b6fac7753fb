"""Where a credential belongs (issue 12): a secret sent to the provider it was issued by is
authentication, not exfiltration.

A server that signs in to its service sends the service's credential there, and not always to
the host its text names: NotebookLM's session cookies are rotated at `accounts.google.com`, the
identity endpoint of the provider of `notebooklm.google.com`. The host a credential belongs to is
computed from facts gathered before the checks:

* the package's hosts: the hosts of the URLs written in its code (`SourceFacts.hosts`, from the
  file scans) and the constant destinations of every tool's network calls;
* its own service among them: a host that the package's name or the credential's variable names
  (`notebooklm.google.com` in `notebooklm-mcp-cli` or for `NOTEBOOKLM_COOKIES`, `api.acme.example`
  for `ACME_TOKEN`); not the tool's text, whose common words (`docs`, `maps`) name many hosts;
* the provider: the registrable domain (`google.com`, `acme.example`; `x.co.uk`'s `x.co.uk`); on a
  host where anyone may publish (`github.io`, `herokuapp.com`, `workers.dev` …) one label more,
  since two users' sites there are two owners.

An OAuth grant (`Evidence.grant`: a refresh token or client secret exchanged at a token endpoint)
goes to the identity provider the package is set up with, whatever its domain (`*.authkit.app` for
a service of its own name): `grant_home` accepts its constant host unless it is an address, a
request-capture service (`webhook.site`, `pipedream.net`, ngrok …) or the credential is another
well-known service's.

A constant host whose registrable domain is that of the package's own service is that service's
provider: a secret sent there counts as sent to the service the tool names (the whole environment
or a credential file still do not belong there). A credential of another well-known service
(`GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`) belongs to that service only: sent to another provider it
stays exfiltration, as does anything sent to a host of another registrable domain, an address, or
a host a tool argument chooses (judged before this is asked).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_SECOND_LEVEL = frozenset({"co", "com", "gov", "ac", "org", "net", "edu", "ne", "or", "go"})
# registrable domains under which anyone may publish a site of their own (the public suffix list's
# private part, the common ones): the owner is one label further down
_SHARED_SUFFIXES = frozenset({
    "github.io", "githubusercontent.com", "gitlab.io", "herokuapp.com", "vercel.app", "netlify.app",
    "pages.dev", "workers.dev", "appspot.com", "web.app", "firebaseapp.com", "azurewebsites.net",
    "cloudfunctions.net", "run.app", "ngrok.io", "ngrok-free.app", "ngrok.app", "onrender.com", "fly.dev",
    "railway.app", "glitch.me", "repl.co", "replit.dev", "deno.dev", "supabase.co", "blogspot.com",
    "trycloudflare.com", "loca.lt", "pipedream.net", "webhook.site", "requestbin.net", "amazonaws.com",
    "cloudfront.net", "windows.net", "azureedge.net", "surge.sh", "neocities.org", "wixsite.com",
})
# credentials of well-known services, by the first word of the variable -> the registrable names of their hosts
_SERVICE_VARIABLES: dict[str, tuple[str, ...]] = {
    "AWS": ("amazonaws", "amazon", "aws"), "GITHUB": ("github", "githubusercontent"), "GH": ("github",),
    "GITLAB": ("gitlab",), "NPM": ("npmjs",), "PYPI": ("pypi",), "TWINE": ("pypi",), "OPENAI": ("openai",),
    "ANTHROPIC": ("anthropic",), "SLACK": ("slack",), "GOOGLE": ("google", "googleapis"),
    "GCP": ("google", "googleapis"), "AZURE": ("azure", "microsoft", "windows", "microsoftonline"),
    "STRIPE": ("stripe",), "DOCKER": ("docker",), "HF": ("huggingface",), "HUGGINGFACE": ("huggingface",),
    "DIGITALOCEAN": ("digitalocean",), "HEROKU": ("heroku",), "CLOUDFLARE": ("cloudflare",),
    "TWILIO": ("twilio",), "SENDGRID": ("sendgrid",),
}
# services that record whatever is sent to them (request bins, tunnels): nobody's identity provider
_CAPTURE_SERVICES = ("webhook.site", "pipedream.net", "requestbin.net", "requestbin.com", "requestcatcher.com",
                     "beeceptor.com", "ngrok.io", "ngrok-free.app", "ngrok.app", "trycloudflare.com", "loca.lt",
                     "interact.sh", "oast.fun", "oast.pro", "burpcollaborator.net", "hookbin.com", "webhook.cool")
_ADDRESS = re.compile(r"^[\d.]+$|^\[?[0-9a-f:]+\]?$|^localhost$", re.I)


def registrable_domain(host: str) -> str:
    """The domain a host is registered under (`accounts.google.com` → `google.com`,
    `api.x.co.uk` → `x.co.uk`, `alice.github.io` → `alice.github.io`); empty for an address,
    `localhost` or a single label."""
    host = host.split(":", 1)[0].strip(".").lower()
    if not host or _ADDRESS.match(host):
        return ""
    parts = host.split(".")
    if len(parts) < 2:
        return ""
    size = 3 if len(parts) >= 3 and parts[-2] in _SECOND_LEVEL and len(parts[-1]) == 2 else 2
    if ".".join(parts[-size:]) in _SHARED_SUFFIXES:
        size += 1  # a site of one user on a shared host
        if len(parts) < size:
            return ""  # the shared host itself (`github.io`): nobody's own
    return ".".join(parts[-size:])


def foreign_variables(sources: Iterable[str], domain: str) -> list[str]:
    """The variables among `sources` (`env:NAME`) that hold the credential of a well-known service
    other than the one `domain` belongs to (`env:GITHUB_TOKEN` sent to `google.com`)."""
    labels = set(domain.split("."))
    out = []
    for s in sources:
        if not s.startswith("env:"):
            continue
        first = s[4:].split("_", 1)[0].upper()
        names = _SERVICE_VARIABLES.get(first)
        if names is not None and not labels & set(names):
            out.append(s[4:])
    return out


def own_service_host(host: str, sources: Iterable[str], package_hosts: Iterable[str],
                     names_host: Callable[[str], bool]) -> str | None:
    """The package's own service that `host` belongs with: another of the package's hosts on the
    same registrable domain that `names_host(h)` accepts (named by the package or the credential's
    variable), when no credential of another well-known service is among
    `sources`. None when there is none: `host` is not tied to the credential."""
    domain = registrable_domain(host)
    if not domain or foreign_variables(sources, domain):
        return None
    for other in sorted(set(package_hosts)):
        other = other.lower()
        if other != host and registrable_domain(other) == domain and names_host(other):
            return other
    return None


def grant_home(host: str, sources: Iterable[str]) -> bool:
    """Whether an OAuth grant to the constant `host` may go to the identity provider the package signs
    in at: a registered domain, not a request-capture service, and no credential of another
    well-known service among `sources` (`env:GITHUB_TOKEN` exchanged at `auth.acme.example`)."""
    domain = registrable_domain(host)
    name = host.split(":", 1)[0].strip(".").lower()
    if not domain or any(name == c or name.endswith("." + c) for c in _CAPTURE_SERVICES):
        return False
    return not foreign_variables(sources, domain)
