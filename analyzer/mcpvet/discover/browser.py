"""JavaScript that runs in a web page, not in the server.

Python servers ship web pages: a settings page, a dashboard, a built single-page app
(`ui/dist/assets/index-<hash>.js`), vendored jQuery or d3. Such a file never runs in the server
process: a browser loads it. It declares no MCP tool the server lists and reaches no file, process
or environment of the machine; analysing it as server code costs the JavaScript frontend its whole
time budget on large bundles and finds nothing a tool does.

A JavaScript file is browser code when all of these hold:
- no `package.json` governs it (none in its folder or any folder above it in the package): nothing
  makes it a Node.js package, and an npm package's own files are never browser code here;
- it uses the page (`document.…` or `window.…`);
- it uses no Node.js API: no `require`/`import` of a Node.js built-in module, no `process.env`,
  `process.argv` and the like, no `__dirname`/`__filename`, no `Deno.`/`Bun.`.

A file that fails any of them stays server code. Browser code is still read by the file-level
scans (secrets, hosts, hidden text, obfuscation); only the code analysis skips it, and the
scorecard says which files were skipped (`errors[]`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath

from mcpvet.model import AnalysisError, FileRole, Language, SourceFile

STAGE = "discover"
SUFFIXES = (".js", ".mjs", ".cjs")
MAX_BYTES = 16 << 20  # a larger file stays server code (the frontends' own size limit then applies)
MAX_NAMED = 5

# the Node.js built-in modules (`require("module").builtinModules` of Node 20, without the internal ones)
NODE_BUILTINS = (
    "assert", "async_hooks", "buffer", "child_process", "cluster", "console", "constants", "crypto", "dgram",
    "diagnostics_channel", "dns", "domain", "events", "fs", "http", "http2", "https", "inspector", "module", "net",
    "os", "path", "perf_hooks", "process", "punycode", "querystring", "readline", "repl", "stream",
    "string_decoder", "sys", "timers", "tls", "trace_events", "tty", "url", "util", "v8", "vm", "wasi",
    "worker_threads", "zlib",
)
_BUILTIN = "|".join(NODE_BUILTINS)
_PAGE = re.compile(rb"\b(?:document|window)\s*\.\s*[A-Za-z_$]")
_NODE = re.compile(
    rb"\brequire\s*\(\s*['\"`](?:node:[\w/]+|(?:" + _BUILTIN.encode() + rb")(?:/[\w/]*)?)['\"`]"
    rb"|['\"`]node:[a-z_]"
    rb"|\bfrom\s*['\"`](?:" + _BUILTIN.encode() + rb")(?:/[\w/]*)?['\"`]"
    rb"|\bimport\s*\(\s*['\"`](?:" + _BUILTIN.encode() + rb")(?:/[\w/]*)?['\"`]"
    rb"|\bprocess\s*\.\s*(?:env|argv|exit|exitCode|cwd|chdir|stdin|stdout|stderr|platform|arch|execPath|execArgv"
    rb"|binding|dlopen|mainModule|kill|pid|ppid|getuid|umask|hrtime|memoryUsage|on)\b"
    rb"|\b__(?:dirname|filename)\b"
    rb"|\b(?:Deno|Bun)\s*\."
)


def is_browser_code(text: bytes) -> bool:
    """Uses the page and no Node.js API (see the module's docstring)."""
    return _PAGE.search(text) is not None and _NODE.search(text) is None


def _governed(rel: PurePosixPath, manifests: set[PurePosixPath]) -> bool:
    """A package.json in the file's folder or any folder above it."""
    return any(folder in manifests for folder in rel.parents)


def classify(files: Sequence[SourceFile], present: Iterable[str]) -> tuple[tuple[SourceFile, ...], list[AnalysisError]]:
    """`files` with the browser code among them given the role `FileRole.BROWSER`, and the errors[]
    entry that names them (none when there is none)."""
    manifests = {PurePosixPath(p).parent for p in present if PurePosixPath(p).name == "package.json"}
    out: list[SourceFile] = []
    browser: list[str] = []
    for f in files:
        if (f.language is Language.JAVASCRIPT and f.role in (FileRole.SOURCE, FileRole.VENDORED)
                and PurePosixPath(f.path).suffix.lower() in SUFFIXES and 0 < f.size <= MAX_BYTES
                and not _governed(PurePosixPath(f.path), manifests) and _reads_as_browser(f.abspath)):
            out.append(SourceFile(f.path, f.abspath, f.language, FileRole.BROWSER, f.size))
            browser.append(f.path)
        else:
            out.append(f)
    if not browser:
        return tuple(files), []
    named = ", ".join(browser[:MAX_NAMED]) + (f" and {len(browser) - MAX_NAMED} more" if len(browser) > MAX_NAMED
                                              else "")
    message = (f"{len(browser)} JavaScript file(s) run in a web page, not in the server ({named}): no package.json "
               "governs them, they use the page's document or window and no Node.js API. They were scanned for "
               "secrets, hosts, hidden text and obfuscation, but not analysed for tools or capabilities")
    return tuple(out), [AnalysisError(STAGE, message)]


def _reads_as_browser(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            text = fh.read(MAX_BYTES + 1)
    except OSError:
        return False  # stays server code: the frontend reports what it cannot read
    return len(text) <= MAX_BYTES and is_browser_code(text)
