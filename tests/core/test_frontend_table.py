"""The frontend table (mcpvet.frontends.FRONTENDS) is exhaustive and consistent."""

from __future__ import annotations

import subprocess
import sys
from pathlib import PurePosixPath

import pytest

from mcpvet import api, frontends
from mcpvet.discover import language_of
from mcpvet.frontends import FRONTENDS, NOT_A_LANGUAGE, FrontendSpec, frontend_for
from mcpvet.model import Language


@pytest.mark.parametrize("language", list(Language), ids=lambda lang: lang.value)
def test_every_language_has_a_frontend_or_says_why_not(language: Language) -> None:
    spec = FRONTENDS.get(language.value)
    if language in NOT_A_LANGUAGE:
        assert spec is None, f"{language.value} is both in the table and listed as not a language"
        assert NOT_A_LANGUAGE[language].strip()
        return
    assert spec is not None, f"{language.value}: add it to mcpvet.frontends.FRONTENDS (or to NOT_A_LANGUAGE, with the reason)"
    if spec.factory is None:
        assert spec.unsupported and spec.unsupported.strip(), f"{language.value}: unsupported without a reason"
    else:
        fe = spec.factory()
        assert language in fe.languages, f"the frontend for {language.value} does not claim it"
        assert frontend_for(language) is not None


def test_every_row_names_a_language_and_its_suffixes() -> None:
    claimed: dict[str, str] = {}
    for name, spec in FRONTENDS.items():
        assert Language(name).value == name
        assert spec.suffixes, f"{name}: no file suffix, discover would never see it"
        for suffix in spec.suffixes:
            assert suffix.startswith(".") and suffix == suffix.lower(), suffix
            assert suffix not in claimed, f"{suffix} is claimed by {claimed.get(suffix)} and {name}"
            claimed[suffix] = name
            assert language_of(PurePosixPath(f"src/x{suffix}")) is Language(name)
            assert language_of(PurePosixPath(f"src/X{suffix.upper()}")) is Language(name)


def test_discover_keeps_its_classification() -> None:
    expected = {"a.py": Language.PYTHON, "a.js": Language.JAVASCRIPT, "a.mjs": Language.JAVASCRIPT,
                "a.cjs": Language.JAVASCRIPT, "a.jsx": Language.JAVASCRIPT, "a.ts": Language.TYPESCRIPT,
                "a.mts": Language.TYPESCRIPT, "a.cts": Language.TYPESCRIPT, "a.tsx": Language.TYPESCRIPT,
                "types.d.ts": Language.OTHER, "types.d.mts": Language.OTHER, "types.d.cts": Language.OTHER,
                "README.md": Language.OTHER, "Makefile": Language.OTHER, ".py": Language.OTHER, "a.go": Language.OTHER}
    assert {name: language_of(PurePosixPath(name)) for name in expected} == expected


def test_api_reports_a_language_without_a_frontend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(FRONTENDS, "typescript", FrontendSpec((".ts",), None, "switched off by the test"))
    found, missing = api._frontends_for([Language.PYTHON, Language.TYPESCRIPT])
    assert missing == [Language.TYPESCRIPT]
    assert len(found) == 1 and Language.PYTHON in found[0].languages


def test_one_frontend_for_javascript_and_typescript() -> None:
    found, missing = api._frontends_for([Language.JAVASCRIPT, Language.TYPESCRIPT])
    assert missing == [] and len(found) == 1


def test_register_refuses_a_language_without_frontend_or_reason() -> None:
    with pytest.raises(ValueError):
        frontends.register("toy", FrontendSpec((".toy",), None))
    assert "toy" not in FRONTENDS


def test_the_table_imports_no_frontend() -> None:
    """Lazy factories: reading the table (and discovering files) loads neither frontend nor tree-sitter."""
    code = ("import sys, mcpvet.frontends, mcpvet.discover; "
            "print(sorted(m for m in sys.modules if m.startswith(('tree_sitter', 'mcpvet.frontends.'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "['mcpvet.frontends.interface']"
