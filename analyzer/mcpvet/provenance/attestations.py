"""Build provenance attestations: PyPI PEP 740 and npm provenance.

Status (contract `provenance.attestations.status`):
* `verified`: the Sigstore signature, the signing identity (the trusted publisher) and the subject
  (file name and digest of the inspected artifact) were checked;
* `present`: an attestation exists and its claims were read and compared, but the signature was not
  checked (npm; or PyPI when the Sigstore trust root could not be loaded);
* `invalid`: an attestation exists but does not match the artifact or fails verification;
* `absent`: the registry says there is none;
* `unverifiable`: whether one exists, or what it says, could not be learned (service unreachable,
  index without PEP 740 data, malformed document);
* `not-applicable`: a local folder or git checkout.

PyPI: the PEP 691 JSON Simple API's `provenance` key of the file (PEP 740) says whether
provenance exists (null = none); the document itself comes from the Integrity API
`{pypi_url}/integrity/<project>/<version>/<filename>/provenance`. Verification uses
`pypi-attestations` (Sigstore) with the trust root shipped with `sigstore` (`offline=True`: no TUF
refresh, so it works without reaching Sigstore's servers); when that trust root rejects the
attestation, it is refreshed (network) and tried again, and if the refresh is impossible the status
is `present` with the reason, not `invalid` (a key rotation is not a forgery).

npm: the version document's `dist.attestations` says whether provenance exists (unless the document
was stripped by a mirror: no `dist.signatures`, which npmjs.org adds to every version); the bundles come
from `{npm_url}/-/npm/v1/attestations/<name>@<version>`. The SLSA statement's subject digest is
compared with `dist.integrity` and its source repository with the declared one; the Sigstore
signature of npm bundles is not checked by mcpvet (status `present`).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from packaging.utils import canonicalize_name

from mcpvet.fetch.jsontext import loads_json
from mcpvet.model import AnalysisError
from mcpvet.provenance.client import JsonClient, ServiceUnavailable
from mcpvet.provenance.repository import RepoRef, parse_repo_url


@dataclass(frozen=True)
class AttestationInfo:
    status: str
    reason: str
    publisher: dict[str, Any] | None = None  # e.g. {"kind": "GitHub", "repository": "o/r", "workflow": "..."}
    source_repository: str | None = None  # normalised URL claimed by the attestation
    repository_matches: bool | None = None  # claimed vs declared repository
    url: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": self.status, "reason": self.reason}
        if self.publisher is not None:
            out["publisher"] = self.publisher
        if self.source_repository is not None or self.status in ("verified", "present", "invalid"):
            out["source_repository"] = self.source_repository
            out["repository_matches"] = self.repository_matches
        if self.url:
            out["url"] = self.url
        return out


Verifier = Callable[[Mapping[str, Any], Mapping[str, Any], str, str], None]
"""(attestation JSON, publisher JSON, file name, sha256) -> None; raises on failure."""


class VerificationFailed(Exception):
    """The attestation does not verify (signature, identity or subject)."""


class VerificationUnavailable(Exception):
    """Verification could not be carried out (library or trust root missing)."""


def sigstore_verify(attestation: Mapping[str, Any], publisher: Mapping[str, Any], filename: str, sha256: str) -> None:
    """Verify with the trust root shipped with sigstore; if that rejects it, refresh the trust root
    (TUF, network) and try again, so that a key rotation newer than the installed sigstore is not
    mistaken for a forgery. A refresh that cannot reach Sigstore makes the result unavailable."""
    try:
        _sigstore_verify(attestation, publisher, filename, sha256, offline=True)
        return
    except VerificationFailed as first:
        if str(first).startswith("malformed"):
            raise
        try:
            _sigstore_verify(attestation, publisher, filename, sha256, offline=False)
        except VerificationUnavailable as exc:
            raise VerificationUnavailable(f"rejected with the shipped Sigstore trust root ({first}) and the trust "
                                          f"root could not be refreshed ({exc})") from exc


def _sigstore_verify(attestation: Mapping[str, Any], publisher: Mapping[str, Any], filename: str, sha256: str, *,
                     offline: bool) -> None:
    try:
        import sigstore.errors
        from pydantic import TypeAdapter, ValidationError
        from pypi_attestations import Attestation, AttestationError, Distribution, Publisher
    except ImportError as exc:  # the dependency is declared; a broken install is reported, not hidden
        raise VerificationUnavailable(f"pypi-attestations is not importable: {exc}") from exc
    try:
        att = Attestation.model_validate(attestation)
        pub = TypeAdapter(Publisher).validate_python(dict(publisher))
        dist = Distribution(name=filename, digest=sha256)
    except (ValidationError, ValueError) as exc:  # PyPI verifies at upload: a malformed one was not made by it
        raise VerificationFailed(f"malformed attestation or publisher: {str(exc).splitlines()[0]}") from exc
    try:
        att.verify(pub, dist, offline=offline)
    except AttestationError as exc:
        raise VerificationFailed(str(exc)) from exc
    except (sigstore.errors.TUFError, sigstore.errors.NetworkError, sigstore.errors.RootError,
            sigstore.errors.MetadataError) as exc:
        raise VerificationUnavailable(f"{type(exc).__name__}: {exc}") from exc
    except (OSError, RuntimeError, ValueError) as exc:  # trust root or crypto back end could not load
        raise VerificationUnavailable(f"{type(exc).__name__}: {exc}") from exc


def _statement(envelope: Mapping[str, Any]) -> dict[str, Any] | None:
    data = envelope.get("statement") or envelope.get("payload")
    if not isinstance(data, str):
        return None
    try:
        doc = loads_json(base64.b64decode(data, validate=False))
    except (binascii.Error, ValueError):  # loads_json: every failure, deep nesting included, is a ValueError
        return None
    return doc if isinstance(doc, dict) else None


def _publisher_repo(pub: Mapping[str, Any]) -> str | None:
    repo = pub.get("repository")
    if not isinstance(repo, str) or not repo:
        return None
    kind = str(pub.get("kind", "")).lower()
    host = {"github": "github.com", "gitlab": "gitlab.com"}.get(kind)
    if host and "://" not in repo:
        return f"https://{host}/{repo}"
    return repo


def _matches(claimed: str | None, declared: RepoRef | None) -> bool | None:
    if claimed is None or declared is None or declared.slug is None:
        return None
    ref = parse_repo_url(claimed)
    if ref is None or ref.slug is None:
        return None
    return ref.host == declared.host and ref.slug == declared.slug


def pypi_attestations(client: JsonClient, pypi_url: str, project: str, version: str | None, filename: str | None,
                      sha256: str | None, declared: RepoRef | None, verify: Verifier = sigstore_verify
                      ) -> tuple[AttestationInfo, list[AnalysisError]]:
    if not (version and filename and sha256):
        return AttestationInfo("unverifiable", "no artifact file name, version and digest to look up"), []
    base = pypi_url.rstrip("/")
    errors: list[AnalysisError] = []
    simple = client.get_json(f"{base}/simple/{quote(canonicalize_name(project))}/",
                             headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    advertised: str | None | bool = False  # False = the index did not say
    if not isinstance(simple, ServiceUnavailable) and simple.found and isinstance(simple.body, Mapping):
        for f in simple.body.get("files") or []:
            if isinstance(f, Mapping) and f.get("filename") == filename and "provenance" in f:
                advertised = f.get("provenance")
                advertised = advertised if isinstance(advertised, str) else None
    if advertised is None:
        return AttestationInfo("absent", f"PyPI publishes no provenance for {filename} (PEP 740)"), errors
    url = advertised if isinstance(advertised, str) else \
        f"{base}/integrity/{quote(project)}/{quote(version)}/{quote(filename)}/provenance"
    reply = client.get_json(url)
    if isinstance(reply, ServiceUnavailable):
        errors.append(AnalysisError("provenance", f"the PyPI Integrity API at {url} could not answer ({reply.reason})"))
        return AttestationInfo("unverifiable", f"the Integrity API could not answer: {reply.reason}", url=url), errors
    if not reply.found:
        if advertised is False:
            msg = ("the index does not publish PEP 740 data (no 'provenance' key in its JSON Simple API) and its "
                   f"Integrity API answered HTTP {reply.status}: provenance is absent or not served by this index")
            errors.append(AnalysisError("provenance", msg))
            return AttestationInfo("unverifiable", msg, url=url), errors
        msg = f"the index advertises provenance but {url} answered HTTP {reply.status}"
        errors.append(AnalysisError("provenance", msg))
        return AttestationInfo("unverifiable", msg, url=url), errors
    doc = reply.body if isinstance(reply.body, Mapping) else {}
    bundles = [b for b in doc.get("attestation_bundles") or [] if isinstance(b, Mapping)]
    if not bundles:
        msg = "the provenance document holds no attestation bundle"
        errors.append(AnalysisError("provenance", msg))
        return AttestationInfo("unverifiable", msg, url=url), errors
    failures: list[str] = []
    unavailable: list[str] = []
    for bundle in bundles:
        pub = bundle.get("publisher")
        pub = pub if isinstance(pub, Mapping) else {}
        claimed = _publisher_repo(pub)
        match = _matches(claimed, declared)
        pub_json = {k: pub.get(k) for k in ("kind", "repository", "workflow", "environment") if pub.get(k)}
        for att in bundle.get("attestations") or []:
            if not isinstance(att, Mapping):
                continue
            env = att.get("envelope")
            env = env if isinstance(env, Mapping) else {}
            st = _statement(env)
            subjects = st.get("subject") if st else None
            if not isinstance(subjects, list) or not subjects:
                unavailable.append("an attestation has no readable in-toto statement")
                continue
            digests = {str((s.get("digest") or {}).get("sha256", "")).lower() for s in subjects if isinstance(s, Mapping)}
            if sha256.lower() not in digests:
                failures.append(f"the attestation's subject digest does not match the artifact ({filename})")
                continue
            try:
                verify(att, pub, filename, sha256)
            except VerificationFailed as exc:
                failures.append(f"verification failed: {exc}")
                continue
            except VerificationUnavailable as exc:
                errors.append(AnalysisError("provenance", f"the PEP 740 signature of {filename} could not be "
                                                          f"verified: {exc}"))
                return AttestationInfo("present", f"attestation read and its subject matches {filename}; the signature "
                                                  f"could not be verified: {exc}", pub_json, claimed, match, url), errors
            return AttestationInfo("verified", f"Sigstore-verified attestation for {filename} from the trusted "
                                               f"publisher {pub_json.get('kind')} {pub_json.get('repository')}",
                                   pub_json, claimed, match, url), errors
        if failures:
            return AttestationInfo("invalid", "; ".join(failures), pub_json, claimed, match, url), errors
    msg = "; ".join(unavailable) or "no usable attestation"
    errors.append(AnalysisError("provenance", f"PyPI provenance could not be read: {msg}"))
    return AttestationInfo("unverifiable", msg, url=url), errors


def _npm_claimed_repo(st: Mapping[str, Any]) -> str | None:
    pred = st.get("predicate")
    pred = pred if isinstance(pred, Mapping) else {}
    bd = pred.get("buildDefinition")
    bd = bd if isinstance(bd, Mapping) else None
    if bd:  # SLSA v1
        wf = ((bd.get("externalParameters") or {}).get("workflow") or {})
        if isinstance(wf, Mapping) and isinstance(wf.get("repository"), str):
            return wf["repository"]
    inv = pred.get("invocation")
    inv = inv if isinstance(inv, Mapping) else None
    if inv:  # SLSA v0.2
        uri = (inv.get("configSource") or {}).get("uri")
        if isinstance(uri, str):
            return uri.split("@")[0]
    return None


def npm_attestations(client: JsonClient, npm_url: str, packument: Mapping[str, Any], name: str, version: str | None,
                     declared: RepoRef | None) -> tuple[AttestationInfo, list[AnalysisError]]:
    versions = packument.get("versions")
    versions = versions if isinstance(versions, Mapping) else {}
    vdoc = versions.get(version or "") if version else None
    if not isinstance(vdoc, Mapping):
        return AttestationInfo("unverifiable", "the registry document has no entry for this version"), []
    dist = vdoc.get("dist")
    dist = dist if isinstance(dist, Mapping) else {}
    ref = dist.get("attestations")
    # npmjs.org signs every version (dist.signatures); a document without it has been stripped by a
    # mirror, which may also have dropped dist.attestations: then absence proves nothing
    stripped = not isinstance(ref, Mapping) and "signatures" not in dist
    if not isinstance(ref, Mapping) and not stripped:
        return AttestationInfo("absent", f"npm publishes no provenance for {name}@{version}"), []
    base = npm_url.rstrip("/")
    url = f"{base}/-/npm/v1/attestations/{quote(name, safe='@')}@{quote(version or '')}"
    if isinstance(ref, Mapping) and isinstance(ref.get("url"), str) and ref["url"].startswith(("https://", "http://")):
        # the registry's own link, asked of the configured registry (a mirror, or the test server)
        parts = urlsplit(ref["url"])
        url = f"{base}{parts.path}" + (f"?{parts.query}" if parts.query else "")
    errors: list[AnalysisError] = []
    reply = client.get_json(url)
    if isinstance(reply, ServiceUnavailable) or not reply.found:
        why = reply.reason if isinstance(reply, ServiceUnavailable) else f"HTTP {reply.status}"
        if stripped:
            msg = (f"the registry document has no dist.signatures or dist.attestations (a stripped mirror?) and {url} "
                   f"could not answer ({why}): whether provenance exists is unknown")
        else:
            msg = f"the registry lists provenance but {url} could not answer ({why})"
        errors.append(AnalysisError("provenance", msg))
        return AttestationInfo("unverifiable", msg, url=url), errors
    atts = reply.body.get("attestations") if isinstance(reply.body, Mapping) else None
    integrity = dist.get("integrity")
    integrity = integrity if isinstance(integrity, str) else ""
    want = None
    if integrity.startswith("sha512-"):
        try:
            want = base64.b64decode(integrity[7:]).hex()
        except (binascii.Error, ValueError):
            want = None
    for att in atts if isinstance(atts, list) else []:
        if not isinstance(att, Mapping) or "slsa.dev/provenance" not in str(att.get("predicateType", "")):
            continue
        env = ((att.get("bundle") or {}).get("dsseEnvelope") or {}) if isinstance(att.get("bundle"), Mapping) else {}
        st = _statement(env) if isinstance(env, Mapping) else None
        if st is None:
            continue
        claimed = _npm_claimed_repo(st)
        match = _matches(claimed, declared)
        digests = {str((s.get("digest") or {}).get("sha512", "")).lower()
                   for s in st.get("subject") or [] if isinstance(s, Mapping)}
        if want is not None and want not in digests:
            return AttestationInfo("invalid", "the provenance statement's subject digest does not match the "
                                              "tarball's dist.integrity", None, claimed, match, url), errors
        why = "subject digest matches dist.integrity" if want else "no sha512 integrity to compare"
        return AttestationInfo("present", f"SLSA provenance read ({why}); the Sigstore signature of npm bundles is "
                                          "not verified by mcpvet", None, claimed, match, url), errors
    msg = "the attestations document holds no readable SLSA provenance statement"
    errors.append(AnalysisError("provenance", msg))
    return AttestationInfo("unverifiable", msg, url=url), errors
