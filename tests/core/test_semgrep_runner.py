from __future__ import annotations

import os
from pathlib import Path

import pytest

from mcpvet.discover import discover
from mcpvet.model import Kind
from mcpvet.options import AnalysisLimits, InspectOptions
from mcpvet.semgrep import run_semgrep, run_semgrep_many, start_semgrep_many
from mcpvet.semgrep.rules import load_rules

RULE = """
rules:
- id: t-net-urllib
  languages: [python]
  severity: INFO
  message: network call urllib.request.$FUNC
  metadata: {kind: network, sink: urllib.request.$FUNC}
  pattern: urllib.request.$FUNC(...)
- id: t-proc
  languages: [javascript, typescript]
  severity: INFO
  message: child process
  metadata: {kind: process, sink: child_process.exec}
  pattern: require('child_process').exec(...)
"""


def _rules(tmp: Path) -> Path:
    (tmp / "rules" / "all").mkdir(parents=True)
    (tmp / "rules" / "all" / "r.yaml").write_text(RULE)
    load_rules.cache_clear()
    return tmp / "rules"


def _pkg(tmp: Path, name: str) -> Path:
    root = tmp / name
    for rel in ("src/p/mod.py", "dist/x.py", "tests/t.py"):
        f = root / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("import urllib.request as u\n\ndef f(x):\n    return u.urlopen(x)\n")
    (root / "dist" / "a.js").write_text("require('child_process').exec('ls')\n")
    # the native CLI selects `*.min.js` and then scans nothing in it: the runner must still see it
    (root / "dist" / "vendor.min.js").write_text("var a=1;require('child_process').exec('id')\n")
    (root / "big.py").write_text("x = 1\n" * 40000)
    return root


def test_hits_mapped_to_files_with_sink_names(tmp_path: Path) -> None:
    rules = _rules(tmp_path)
    tree, _ = discover(_pkg(tmp_path, "pkg"), name_hint="pkg")
    opts = InspectOptions(limits=AnalysisLimits(semgrep_max_target_bytes=100_000))
    run = run_semgrep(tree, opts, rules_dir=rules)
    got = {(h.path, h.line, h.kind, h.sink) for h in run.hits}
    # dist/ is scanned (semgrep's default ignores would skip it); tests/ is not ours to scan
    assert ("src/p/mod.py", 4, Kind.NETWORK, "urllib.request.urlopen") in got
    assert ("dist/x.py", 4, Kind.NETWORK, "urllib.request.urlopen") in got
    assert ("dist/a.js", 1, Kind.PROCESS, "child_process.exec") in got
    assert ("dist/vendor.min.js", 1, Kind.PROCESS, "child_process.exec") in got
    assert not any(e.path == "dist/vendor.min.js" for e in run.errors)
    assert not any(h.path.startswith("tests/") for h in run.hits)
    # the oversized file is named in errors, not skipped silently
    assert any(e.path == "big.py" and "limit" in e.message for e in run.errors)
    assert {"src/p/mod.py", "dist/x.py", "dist/a.js"} <= run.scanned


def test_one_process_for_many_trees(tmp_path: Path) -> None:
    rules = _rules(tmp_path)
    trees = [discover(_pkg(tmp_path, n), name_hint=n)[0] for n in ("a", "b")]
    runs = run_semgrep_many(trees, InspectOptions(), rules_dir=rules)
    assert len(runs) == 2
    for run in runs:
        assert any(h.path == "src/p/mod.py" for h in run.hits)


def test_missing_rules_is_an_error_not_silence(tmp_path: Path) -> None:
    tree, _ = discover(_pkg(tmp_path, "pkg"), name_hint="pkg")
    run = run_semgrep(tree, InspectOptions(), rules_dir=tmp_path / "none")
    assert run.hits == () and any("no semgrep rules" in e.message for e in run.errors)


def test_every_shipped_rule_loads_in_the_native_cli(tmp_path: Path) -> None:
    """The native CLI rejects some YAML the classic one takes (anchors, aliases): a rule it cannot
    parse would silently find nothing, so every shipped rule is loaded by the engine we run."""
    load_rules.cache_clear()
    rules = load_rules()
    assert {r.kind for r in rules.values()} == set(Kind)
    root = tmp_path / "pkg"
    root.mkdir()
    (root / "a.py").write_text("import os\nos.getenv('X')\n")
    (root / "b.js").write_text("console.log(process.env.X)\n")
    (root / "c.ts").write_text("const x: string = process.env.X ?? '';\n")
    tree, _ = discover(root, name_hint="pkg")
    run = run_semgrep(tree, InspectOptions())
    assert run.errors == (), run.errors
    assert {h.path for h in run.hits} == {"a.py", "b.js", "c.ts"}


def test_more_files_than_one_command_line_holds_are_split(tmp_path: Path, monkeypatch: object) -> None:
    """A package near the member limit does not fit on one command line ("Argument list too long"):
    the runner splits the files over several semgrep runs and merges what they find."""
    import pytest

    from mcpvet.semgrep import runner

    rules = _rules(tmp_path)
    tree, _ = discover(_pkg(tmp_path, "pkg"), name_hint="pkg")
    opts = InspectOptions(limits=AnalysisLimits(semgrep_max_target_bytes=100_000))
    whole = run_semgrep(tree, opts, rules_dir=rules)
    calls: list[int] = []
    once = runner._invoke_once

    def counting(binary: str, configs: list[Path], paths: list[str], *a: object) -> object:
        calls.append(len(paths))
        return once(binary, configs, paths, *a)  # type: ignore[arg-type]

    mp = pytest.MonkeyPatch()
    try:
        mp.setattr(runner, "_MAX_ARGV_PATH_BYTES", 1)  # one file per run
        mp.setattr(runner, "_invoke_once", counting)
        split = run_semgrep(tree, opts, rules_dir=rules)
    finally:
        mp.undo()
    assert len(calls) >= 3 and all(n == 1 for n in calls[:3])
    assert {(h.path, h.line, h.sink) for h in split.hits} == {(h.path, h.line, h.sink) for h in whole.hits}
    assert split.scanned == whole.scanned


def test_rules_read_by_libyaml_are_those_of_the_pure_python_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rules are parsed with libyaml when PyYAML has it (start-up time); the result is the same."""
    import yaml

    from mcpvet.semgrep import rules as rules_mod

    load_rules.cache_clear()
    fast = load_rules()
    monkeypatch.setattr(rules_mod, "_SAFE_LOADER", yaml.SafeLoader)
    load_rules.cache_clear()
    try:
        assert load_rules() == fast
    finally:
        load_rules.cache_clear()


def test_semgrep_started_in_the_background_gives_what_a_plain_run_gives(tmp_path: Path) -> None:
    rules = _rules(tmp_path)
    tree, _ = discover(_pkg(tmp_path, "pkg"), name_hint="pkg")
    opts = InspectOptions(limits=AnalysisLimits(semgrep_max_target_bytes=100_000))
    pending = start_semgrep_many([tree], opts, rules_dir=rules)
    hits = pending.hits(0)  # read late: waits for the run
    plain = run_semgrep(tree, opts, rules_dir=rules)
    assert list(hits) == list(plain.hits) and len(hits) == len(plain.hits) and hits[0] == plain.hits[0]
    (run,) = pending.result()
    assert (run.hits, run.errors, run.scanned) == (plain.hits, plain.errors, plain.scanned)


def test_what_a_background_semgrep_raises_is_raised_or_turned_into_runs(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from mcpvet.model import AnalysisError
    from mcpvet.semgrep import SemgrepRun, runner

    tree, _ = discover(_pkg(tmp_path, "pkg"), name_hint="pkg")

    def broken(*_a: object, **_k: object) -> list[SemgrepRun]:
        raise OSError("no semgrep today")

    monkeypatch.setattr(runner, "run_semgrep_many", broken)
    with pytest.raises(OSError, match="no semgrep today"):
        start_semgrep_many([tree], InspectOptions()).result()

    def soft(trees: object, exc: Exception) -> list[SemgrepRun]:
        return [SemgrepRun((), (AnalysisError("semgrep", str(exc)),), frozenset(), 0.0)]

    (run,) = start_semgrep_many([tree], InspectOptions(), on_error=soft).result()
    assert run.errors == (AnalysisError("semgrep", "no semgrep today"),)


def test_semgrep_core_run_directly_finds_what_the_entry_script_finds(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """This environment's semgrep entry script only execs semgrep-core as osemgrep: running that
    directly (no Python start-up for the script) gives the same hits, errors and scanned files."""
    from mcpvet.semgrep import runner

    binary = runner.semgrep_binary()
    if binary is None or runner.native_core(binary) is None:
        pytest.skip("semgrep's entry script and semgrep-core are not in this environment")
    rules = _rules(tmp_path)
    tree, _ = discover(_pkg(tmp_path, "pkg"), name_hint="pkg")
    opts = InspectOptions(limits=AnalysisLimits(semgrep_max_target_bytes=100_000))
    direct = run_semgrep(tree, opts, rules_dir=rules)
    monkeypatch.setattr(runner, "native_core", lambda _binary: None)
    script = run_semgrep(tree, opts, rules_dir=rules)
    assert direct.hits and (direct.hits, direct.errors, direct.scanned) == (script.hits, script.errors, script.scanned)


def test_semgrep_runs_with_a_larger_minor_heap_unless_the_user_set_one() -> None:
    from mcpvet.semgrep.runner import OCAML_GC, semgrep_env

    env = semgrep_env({"PATH": "/bin", "SEMGREP_APP_TOKEN": "x"})
    assert env["OCAMLRUNPARAM"] == OCAML_GC and "SEMGREP_APP_TOKEN" not in env
    assert semgrep_env({"OCAMLRUNPARAM": "v=0x400"})["OCAMLRUNPARAM"] == "v=0x400"
    assert "OCAMLRUNPARAM" not in semgrep_env({"CAMLRUNPARAM": "s=1M"})
    core = semgrep_env({"PATH": "/bin"}, Path("/venv/bin"))
    assert core["PATH"] == "/bin" + os.pathsep + "/venv/bin" and core["NO_COLOR"] == "1"


def test_the_collector_setting_changes_no_hit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same hits, errors and scanned files with OCaml's default minor heap as with `OCAML_GC`."""
    tree, _ = discover(_pkg(tmp_path, "pkg"), name_hint="pkg")
    opts = InspectOptions(limits=AnalysisLimits(semgrep_max_target_bytes=100_000))
    tuned = run_semgrep(tree, opts)
    monkeypatch.setenv("OCAMLRUNPARAM", "")  # the runtime's defaults
    plain = run_semgrep(tree, opts)
    assert tuned.hits and (tuned.hits, tuned.errors, tuned.scanned) == (plain.hits, plain.errors, plain.scanned)


def test_only_the_rule_folders_of_the_files_languages_are_given() -> None:
    """semgrep parses every rule it is given: a folder none of the files' names can need is left off
    the command line; unknown endings (a shebang script) keep every folder."""
    from mcpvet.semgrep.runner import needed_configs

    py, js, other = Path("/r/python"), Path("/r/javascript"), Path("/r/go")
    both = [js, py]
    assert needed_configs(both, ["/a/x.py", "/a/y.pyi"]) == [py]
    assert needed_configs(both, ["/a/x.js", "/a/y.d.ts", "/a/z.mjs", "/a/w.tsx"]) == [js]
    assert needed_configs(both, ["/a/x.py", "/a/y.js"]) == both
    assert needed_configs(both, ["/a/x.py", "/a/bin/cli"]) == both
    assert needed_configs(both, ["/a/x.PY"]) == both  # semgrep's endings are case-sensitive
    assert needed_configs([js, other, py], ["/a/x.py"]) == [other, py]
    assert needed_configs([js], ["/a/x.py"]) == [js]  # nothing left: as before


def test_each_rule_folder_holds_rules_of_its_own_languages_only() -> None:
    """`RULE_DIR_SUFFIXES` names each folder's languages by the file endings semgrep gives them: a
    rule of another language in a folder would be left off for files it applies to."""
    from mcpvet.semgrep.rules import rules_root
    from mcpvet.semgrep.runner import RULE_DIR_SUFFIXES

    langs = {"python": {"python"}, "javascript": {"javascript", "typescript"}}
    assert set(RULE_DIR_SUFFIXES) == set(langs)
    load_rules.cache_clear()
    for rule in load_rules().values():
        name = rule.path.relative_to(rules_root()).parts[0]
        assert set(rule.languages) <= langs[name], (rule.id, rule.path)


def test_leaving_a_folder_off_changes_no_hit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Python-only and a JavaScript-only package: the same hits, errors and scanned files with the
    shipped rules' folders chosen by the files as with all of them."""
    from mcpvet.semgrep import runner

    for name, files in (("py", {"a.py": "import os, subprocess\nsubprocess.run(os.environ['X'])\n"}),
                        ("js", {"b.js": "const fs = require('fs');\nfs.readFileSync(process.env.X)\n",
                                "c.ts": "fetch(process.env.URL ?? '')\n"})):
        root = tmp_path / name
        root.mkdir()
        for rel, text in files.items():
            (root / rel).write_text(text)
        tree, _ = discover(root, name_hint=name)
        chosen = run_semgrep(tree, InspectOptions())
        with monkeypatch.context() as mp:
            mp.setattr(runner, "needed_configs", lambda configs, _paths: configs)
            every = run_semgrep(tree, InspectOptions())
        assert chosen.hits and (chosen.hits, chosen.errors, chosen.scanned) == (every.hits, every.errors, every.scanned)


def test_error_message_names_the_file_by_its_package_path(tmp_path: Path) -> None:
    """A semgrep error about a file (a syntax error) names it by its path in the package, not where this
    run unpacked it: the same scorecard from every run."""
    from mcpvet.model import AnalysisError, FileRole, Language, SourceFile
    from mcpvet.semgrep.runner import _collect

    f = tmp_path / "unpacked" / "package" / "build" / "worker.js"
    f.parent.mkdir(parents=True)
    f.write_text("var x = (;\n")
    source = SourceFile("build/worker.js", f, Language.JAVASCRIPT, FileRole.SOURCE, f.stat().st_size)
    doc = {"errors": [{"type": "Syntax error", "path": str(f),
                       "message": f"Syntax error at line {f}:1:\n `(;` was unexpected"}]}
    errors: list[list[AnalysisError]] = [[]]
    _collect(doc, lambda p: (0, source) if p == str(f.resolve()) else None, {}, [[]], [set()], errors)
    assert [(e.message, e.path) for e in errors[0]] == [("Syntax error at line build/worker.js:1:", "build/worker.js")]
