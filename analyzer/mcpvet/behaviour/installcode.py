"""What install-time code does, read as text or parsed with `ast` (never run).

* `script_behaviour(text)`: regex survey of a lifecycle script or the file it runs (JS, shell,
  Python): network, process, env, file writes, hard-coded addresses.
* `setup_py_behaviour(source)`: a `setup.py` that does more than call `setup()`: cmdclass
  overrides, and network, process, code execution or file writes at module level or in the
  overriding commands.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from mcpvet.model import Kind

_TEXT_SIGNS: dict[Kind, re.Pattern[str]] = {
    Kind.NETWORK: re.compile(
        r"\b(?:https?|net|tls|dgram|dns)\s*\.\s*(?:request|get|connect|createConnection|lookup|resolve\w*)\s*\("
        r"|require\(\s*['\"](?:node:)?(?:https?|net|tls|dgram|axios|node-fetch|got|request|undici)['\"]\s*\)"
        r"|\bfetch\s*\(|\baxios\b|\bXMLHttpRequest\b|\bWebSocket\b|\bcurl\b|\bwget\b|Invoke-WebRequest|\biwr\b"
        r"|\burllib\.request\b|\burlretrieve\b|\burlopen\b|\brequests\.(?:get|post|put)\b|\bsocket\.(?:socket|create_connection)\b"
        r"|\bhttp\.client\b|\bnc\s+-"),
    Kind.PROCESS: re.compile(
        r"\bchild_process\b|\b(?:exec|execSync|spawn|spawnSync|execFile|execFileSync|fork)\s*\(|\bsubprocess\b"
        r"|\bos\.(?:system|popen|exec\w*|spawn\w*)\s*\(|\|\s*(?:ba|z)?sh\b|\bsh\s+-c\b|\bbash\s+-c\b|\bpowershell\b"
        r"|\bnohup\b|\bchmod\s+\+x\b"),
    Kind.ENV: re.compile(r"\bprocess\.env\b|\bos\.environ\b|\bos\.getenv\b|\$\{?[A-Z_]*(?:TOKEN|SECRET|KEY|PASS)\w*"
                         r"|\bprintenv\b|\benv\s*\|"),
    Kind.FS_WRITE: re.compile(r"\bfs\.(?:writeFile\w*|appendFile\w*|createWriteStream|chmod\w*|rename\w*|unlink\w*|rm\w*)"
                              r"\s*\(|\bopen\([^)]*['\"][wa]b?['\"]|\bos\.(?:chmod|remove|makedirs)\b|\bshutil\.\w+|>\s*[~/$]"),
    Kind.CODE_EXEC: re.compile(r"\beval\s*\(|\bnew\s+Function\s*\(|\bvm\.runIn\w+|\bexec\s*\(\s*(?:compile|base64|zlib)"),
}
_ADDRESS = re.compile(r"https?://[^\s'\"`)]+|\b(?:\d{1,3}\.){3}\d{1,3}\b|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:example|com|net|org|io|ru|xyz|top|sh|dev|app)\b(?=[/:'\"`])",
                      re.I)
_HOST_PROP = re.compile(r"\b(?:host|hostname)\s*:\s*['\"]([^'\"]+)['\"]")
_BENIGN_BUILD = re.compile(
    r"^(?:\s*(?:npx\s+(?:--yes\s+|-y\s+)?)?(?:tsc|node-gyp(?:\s+rebuild)?|prebuild-install|husky(?:\s+install)?|patch-package|"
    r"node-gyp-build|node-pre-gyp\s+install|ngcc|electron-rebuild|lefthook\s+install|simple-git-hooks|"
    r"only-allow\s+[\w-]+|opencollective-postinstall|is-ci|echo(?:\s+[^;&|]*)?|exit\s+0|true|"
    r"npm\s+run\s+[\w:-]+|yarn\s+[\w:-]+|pnpm\s+[\w:-]+|rimraf\s+\S+|"
    r"shx\s+\S+(?:\s+\S+)*|cmake-js\s+\w+|ts-patch\s+install)(?:\s+[-\w.=/*+]+)*\s*(?:&&|\|\||;|$))+\s*$")


@dataclass(frozen=True)
class CodeBehaviour:
    kinds: frozenset[Kind]
    addresses: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def sends(self) -> bool:
        return Kind.NETWORK in self.kinds


def is_benign_build(command: str) -> bool:
    """A lifecycle command that only runs well-known build tools (tsc, node-gyp, husky …)."""
    return bool(_BENIGN_BUILD.match(command))


# a call that prints or raises a message: an address in its text is a link for a person to read
_MESSAGE_CALL = re.compile(r"\b(?:console\.(?:log|error|warn|info|debug)|(?:new\s+)?\w*Error|print|logger\.\w+|"
                           r"logging\.\w+|process\.stderr\.write|process\.stdout\.write)\s*\(")
# a request made in code: a call of a verb that fetches or sends (`needle.post(`, `request(`), or a download command
_REQUEST = re.compile(r"\b(?:request|connect|fetch|get|post|put|urlretrieve|urlopen)\s*\(|\b(?:curl|wget)\b", re.I)


def _message_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the arguments of message calls (`console.error(…)`, `new Error(…)`, `print(…)`),
    to their closing parenthesis (strings and nested parentheses passed over)."""
    spans = []
    for m in _MESSAGE_CALL.finditer(text):
        depth, i, quote = 1, m.end(), ""
        while i < len(text) and depth:
            c = text[i]
            if quote:
                if c == "\\":
                    i += 1
                elif c == quote:
                    quote = ""
            elif c in "'\"`":
                quote = c
            elif c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
            i += 1
        spans.append((m.end(), i))
    return spans


def script_behaviour(text: str) -> CodeBehaviour:
    """What a lifecycle script does, from its text: the kinds its code shows and the addresses it
    names. An address counts as a request only next to a call that fetches or sends; one written in
    a message (`console.error("… https://aka.ms/troubleshooting")`) is a link for a person, no
    destination, and is not listed."""
    kinds = frozenset(k for k, rx in _TEXT_SIGNS.items() if rx.search(text))
    spans = _message_spans(text)

    def in_message(pos: int) -> bool:
        return any(a <= pos < b for a, b in spans)

    addrs = ({m.group(0) for m in _ADDRESS.finditer(text) if not in_message(m.start())}
             | {m.group(1) for m in _HOST_PROP.finditer(text)})
    addrs = {a for a in addrs if not re.fullmatch(r"\d+\.\d+\.\d+\.\d+", a) or not a.startswith(("0.", "127."))}
    if addrs and any(not in_message(m.start()) for m in _REQUEST.finditer(text)):
        kinds = kinds | {Kind.NETWORK}
    return CodeBehaviour(kinds, tuple(sorted(addrs)[:10]))


# ---------------------------------------------------------------- setup.py

_SETUP_NAMES = {"setup", "setuptools.setup", "distutils.core.setup"}
_NET_CALLS = re.compile(r"^(?:urllib\.request\.\w+|urllib2\.\w+|urlretrieve|urlopen|requests\.\w+|httpx\.\w+|"
                        r"socket\.\w+|http\.client\.\w+|ftplib\.\w+|smtplib\.\w+|.*\.urlretrieve|.*\.urlopen)$")
_PROC_CALLS = re.compile(r"^(?:subprocess\.\w+|os\.(?:system|popen|exec\w*|spawn\w*|startfile)|.*Popen|pty\.spawn)$")
_EXEC_CALLS = re.compile(r"^(?:exec|eval|compile|__import__|importlib\.import_module|marshal\.loads|pickle\.loads)$")
_WRITE_CALLS = re.compile(r"^(?:os\.(?:chmod|remove|unlink|makedirs|mkdir|rename|replace|symlink)|shutil\.\w+|"
                          r".*\.write_text|.*\.write_bytes)$")
_ENV_CALLS = re.compile(r"^(?:os\.getenv|os\.environ\.\w+|os\.environ)$")
_READ_ONLY_HELPERS = re.compile(r"^(?:open|io\.open|codecs\.open|os\.path\.\w+|.*read\w*|find_packages|.*\.join|"
                                r"pathlib\.Path|Path|.*\.get|str|len|list|dict|sorted|print|setup|.*version.*)$")


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else node.attr
    if isinstance(node, ast.Call):
        return _dotted(node.func)
    return ""


def _calls(nodes: list[ast.stmt]) -> list[tuple[str, ast.Call]]:
    out = []
    for stmt in nodes:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Call):
                out.append((_dotted(node.func), node))
    return out


def _classify(name: str, call: ast.Call) -> set[Kind]:
    kinds: set[Kind] = set()
    if _NET_CALLS.match(name):
        kinds.add(Kind.NETWORK)
    if _PROC_CALLS.match(name):
        kinds.add(Kind.PROCESS)
    if _WRITE_CALLS.match(name):
        kinds.add(Kind.FS_WRITE)
    if _ENV_CALLS.match(name):
        kinds.add(Kind.ENV)
    if _EXEC_CALLS.match(name):
        arg = call.args[0] if call.args else None
        # exec(open("pkg/_version.py").read()) to learn the version is a common, harmless idiom
        text = ast.unparse(arg) if arg is not None else ""
        if not re.search(r"open\([^)]*(?:version|about)[^)]*\)\.read\(\)", text, re.I) and name != "__import__":
            kinds.add(Kind.CODE_EXEC)
    if name in {"open", "io.open", "codecs.open"} and len(call.args) >= 2:
        mode = call.args[1]
        if isinstance(mode, ast.Constant) and isinstance(mode.value, str) and set(mode.value) & set("wax+"):
            kinds.add(Kind.FS_WRITE)
    return kinds


@dataclass(frozen=True)
class SetupPyBehaviour:
    kinds: frozenset[Kind]  # what the install-time code can do
    cmdclass: tuple[str, ...]  # overridden commands, e.g. ("install",)
    notes: tuple[str, ...]  # human-readable observations, each with a line
    addresses: tuple[str, ...] = ()

    @property
    def does_more_than_setup(self) -> bool:
        return bool(self.kinds or self.cmdclass)


def setup_py_behaviour(source: str) -> SetupPyBehaviour:
    """Survey a setup.py. Raises SyntaxError / ValueError / RecursionError / MemoryError when it does not parse."""
    tree = ast.parse(source)
    kinds: set[Kind] = set()
    notes: list[str] = []
    cmdclass: list[str] = []
    command_classes: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            bases = {_dotted(b).rsplit(".", 1)[-1] for b in node.bases}
            if bases & {"install", "develop", "egg_info", "build_py", "build_ext", "sdist", "bdist_wheel", "build",
                        "Command", "easy_install", "install_lib", "install_scripts"}:
                command_classes.add(node.name)
                for name, call in _calls(node.body):
                    found = _classify(name, call)
                    if found:
                        kinds |= found
                        notes.append(f"{node.name} (line {node.lineno}) calls {name} at line {call.lineno}")
    module_stmts = [s for s in tree.body if not isinstance(s, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef,
                                                                 ast.Import, ast.ImportFrom))]
    # functions called from module level count as module level
    funcs = {s.name: s for s in tree.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}
    reached: list[ast.stmt] = list(module_stmts)
    seen: set[str] = set()
    frontier = [n for n, _ in _calls(module_stmts)]
    while frontier:
        name = frontier.pop()
        if name in funcs and name not in seen:
            seen.add(name)
            reached.extend(funcs[name].body)
            frontier.extend(n for n, _ in _calls(funcs[name].body))
    for name, call in _calls(reached):
        found = _classify(name, call)
        if found - {Kind.ENV}:
            notes.append(f"module level calls {name} at line {call.lineno}")
        kinds |= found
        if name.rsplit(".", 1)[-1] == "setup":
            for kw in call.keywords:
                if kw.arg == "cmdclass":
                    if isinstance(kw.value, ast.Dict):
                        for k, v in zip(kw.value.keys, kw.value.values, strict=True):
                            if isinstance(k, ast.Constant):
                                cmdclass.append(f"{k.value!s}={_dotted(v)}")
                    else:
                        cmdclass.append(ast.unparse(kw.value)[:60])
    addrs = sorted({m.group(0) for m in _ADDRESS.finditer(source)})
    # cmdclass classes that only build extensions with no risky call are ordinary
    return SetupPyBehaviour(frozenset(kinds), tuple(sorted(set(cmdclass))), tuple(notes), tuple(addrs[:10]))
