"""The methods @dataclass writes, compiled once and kept between runs (mcpvet.dccache): classes
made through the cache behave as classes made without it; a bad file is ignored."""

from __future__ import annotations

import dataclasses
import marshal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mcpvet import dccache


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.delenv(dccache.ENV, raising=False)
    dccache.uninstall()  # an earlier test may have run the CLI in this process, which installs it
    assert dccache.install(tmp_path)
    try:
        yield tmp_path
    finally:
        dccache.uninstall()


def _classes() -> tuple[Any, ...]:
    @dataclasses.dataclass(frozen=True)
    class Point:
        x: int
        y: int = 0
        tags: tuple[str, ...] = ()

    @dataclasses.dataclass(order=True, slots=True)
    class Item:
        rank: int
        name: str = dataclasses.field(default="", compare=False)
        extra: list[int] = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(kw_only=True, eq=False)
    class Options:
        level: int = 3
        names: dict[str, int] = dataclasses.field(default_factory=dict)

    return Point, Item, Options


def _behaviour(point: Any, item: Any, options: Any) -> list[Any]:
    p = point(1, 2, ("a",))
    out: list[Any] = [repr(p), p == point(1, 2, ("a",)), hash(p) == hash(point(1, 2, ("a",))), point(3).y]
    try:
        p.x = 5
    except dataclasses.FrozenInstanceError as exc:
        out.append(f"frozen: {exc}")
    a, b = item(1, "b"), item(2, "a")
    out += [repr(a), a < b, sorted([b, a]) == [a, b], a == item(1, "other"), item(0).extra is not item(0).extra]
    o = options(level=5)
    out += [repr(o), o == options(level=5), o.names, [f.name for f in dataclasses.fields(o)]]
    try:
        options(5)  # type: ignore[misc]
    except TypeError as exc:
        out.append(f"kw_only: {exc}")
    out += [point.__doc__, item.__init__.__code__.co_varnames, point.__init__.__defaults__]
    return out


def test_classes_made_through_the_cache_behave_the_same(cache: Path) -> None:
    first = _behaviour(*_classes())  # compiled, then kept
    assert dccache._state["new"] > 0
    dccache.save()
    assert dccache.cache_file(cache).is_file()
    dccache.uninstall()
    plain = _behaviour(*_classes())  # no cache at all
    assert dccache.install(cache)
    again = _behaviour(*_classes())  # every method from the file
    assert dccache._state["new"] == 0 and dccache._state["used"]
    assert first == plain == again


def test_a_damaged_or_foreign_file_is_ignored(cache: Path) -> None:
    path = dccache.cache_file(cache)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00 damaged")
    assert _behaviour(*_classes()) == _behaviour(*_classes())
    dccache.uninstall()
    path.write_bytes(marshal.dumps({"build": "another python", "entries": {"x": compile("1", "<string>", "exec")}}))
    assert dccache.install(cache)
    _classes()
    assert "x" not in dccache._state["used"] and dccache._state["new"] > 0


def test_off_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dccache.uninstall()
    monkeypatch.setenv(dccache.ENV, "0")
    assert not dccache.install(tmp_path)
    assert "exec" not in vars(dataclasses)


def _make_class_in_worker(field_name: str) -> str:
    made = dataclasses.make_dataclass("MadeInWorker", [(field_name, int)], frozen=True)
    return repr(made(1))


def test_what_the_parse_worker_compiles_is_kept(cache: Path) -> None:
    """A class first made in the isolated worker (libcst's, loaded for a file of newer syntax) is in the
    cache after the worker's item, though the worker never runs atexit."""
    from mcpvet import isolate

    isolate.close_idle_worker()  # a worker forked before the cache was installed would not use it
    got = list(isolate.map_isolated(_make_class_in_worker, ["only_made_in_the_worker"]))
    isolate.close_idle_worker()
    assert got[0][1] == "MadeInWorker(only_made_in_the_worker=1)"
    stored = marshal.loads(dccache.cache_file(cache).read_bytes())["entries"]
    assert any("only_made_in_the_worker" in text for text in stored)
