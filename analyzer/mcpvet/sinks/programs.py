"""Programs a package starts, known by name (issue 12): the base name of a command's first word, and
the binaries dependencies bundle and export as a path (`rgPath` of `@vscode/ripgrep` is ripgrep,
installed under the package's `node_modules`).

Shared by the frontends (`model.Command.program`, the places of a path inside the installation) and
read by `behaviour.commands`, which judges what a known program does with its words.
"""

from __future__ import annotations

# (module, exported name) → the program the exported path runs; the file lies in the dependency's own
# folder of the installation (`node_modules/<module>/…`), never among the user's files
DEPENDENCY_BINARIES: dict[tuple[str, str], str] = {
    ("@vscode/ripgrep", "rgPath"): "rg",
    ("vscode-ripgrep", "rgPath"): "rg",
    ("@lvce-editor/ripgrep", "rgPath"): "rg",
    ("@ffmpeg-installer/ffmpeg", "path"): "ffmpeg",
    ("@ffprobe-installer/ffprobe", "path"): "ffprobe",
    ("ffmpeg-static", ""): "ffmpeg",
    ("ffprobe-static", "path"): "ffprobe",
}


def program_name(text: str) -> str | None:
    """The program a first word names: its base name, lower case, without `.exe` (`/usr/bin/rg` → `rg`,
    `C:\\rg\\rg.exe` → `rg`); None when that part is not known statically (`…`) or empty."""
    base = text.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].lower().removesuffix(".exe")
    return base if base and "…" not in base else None


def dependency_binary(module: str, names: tuple[str, ...]) -> str | None:
    """The program a dependency's exported path runs (`@vscode/ripgrep`, (`rgPath`,) → `rg`), or None."""
    member = ".".join(n for n in names if n != "default")
    return DEPENDENCY_BINARIES.get((module.removeprefix("node:"), member))


def dependency_place(module: str, names: tuple[str, ...]) -> str | None:
    """Where a dependency's bundled binary lies inside the installation (`node_modules/@vscode/ripgrep/…`),
    or None when the export is no known binary."""
    return f"node_modules/{module}/…" if dependency_binary(module, names) else None
