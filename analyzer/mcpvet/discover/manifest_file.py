"""Which file of a package is its manifest: where a finding about the whole package points.

Code scanning needs a file for every result; a finding about the package itself (its provenance,
its name, a missing repository) is shown on the manifest the package declares itself in.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from mcpvet.model import SourceTree

# in order of preference: the file a developer edits first, then the metadata a build wrote
_ROOT_MANIFESTS = ("pyproject.toml", "package.json", "setup.py", "setup.cfg", "PKG-INFO")
_BUILT_METADATA = ((".dist-info", "METADATA"), (".egg-info", "PKG-INFO"))


def manifest_file(tree: SourceTree) -> str | None:
    """The package's manifest, relative to its root (POSIX), or None when it ships none."""
    paths = {f.path for f in tree.files}
    for name in _ROOT_MANIFESTS:
        if name in paths:
            return name
    built = sorted(
        p for p in paths
        if len(parts := PurePosixPath(p).parts) == 2
        and any(parts[0].endswith(suffix) and parts[1] == leaf for suffix, leaf in _BUILT_METADATA)
    )
    return built[0] if built else None
