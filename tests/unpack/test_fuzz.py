"""Mutated archives (fixed seed): unpack either succeeds with errors collected or raises
UnpackError; it never raises anything else and never writes outside dest."""

from __future__ import annotations

import gzip
import random

import pytest

from mcpvet.errors import UnpackError
from mcpvet.options import UnpackLimits
from mcpvet.unpack import unpack
from tests.support.registry import make_zip
from tests.unpack.hostile import tar_end, tar_member


def _tar() -> bytes:
    members = [tar_member(f"package/m{i}.js", bytes([65 + i]) * (100 + 50 * i)) for i in range(6)]
    members.append(tar_member("package/" + "long/" * 30 + "x.js", b"x"))
    return b"".join(members) + tar_end()


def _mutate(rng: random.Random, data: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.random()
        pos = rng.randrange(len(buf))
        if op < 0.6:
            buf[pos] = rng.randrange(256)
        elif op < 0.8:
            del buf[pos: pos + rng.randint(1, 64)]
        else:
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 32)))
    return bytes(buf)


@pytest.mark.parametrize("kind", ["tar", "targz", "zip"])
def test_mutated_archives(tmp_path, kind):  # type: ignore[no-untyped-def]
    rng = random.Random(1234)
    base = {"tar": _tar(), "targz": gzip.compress(_tar()),
            "zip": make_zip([(f"p/m{i}.py", bytes([65 + i]) * 300) for i in range(6)])}[kind]
    limits = UnpackLimits(max_total_bytes=8 << 20, max_members=1000, max_file_bytes=4 << 20)
    outcomes = {"ok": 0, "unpack-error": 0}
    for i in range(120):
        box = tmp_path / f"b{i}"
        box.mkdir()
        archive = box / "a.bin"
        archive.write_bytes(_mutate(rng, base))
        try:
            unpack(archive, box / "dest", limits)
            outcomes["ok"] += 1
        except UnpackError:
            outcomes["unpack-error"] += 1
        assert sorted(p.name for p in box.iterdir()) in (["a.bin"], ["a.bin", "dest"])
    assert outcomes["ok"] > 0  # the mutations are not all fatal: partial results are kept


def test_zip_needing_a_newer_zip_version_is_an_unpack_error(tmp_path):  # type: ignore[no-untyped-def]
    """Found by fuzzing: ZipFile() raises NotImplementedError for a high 'version needed'."""
    data = bytearray(make_zip([("p/a.py", b"x")]))
    cd = data.find(b"PK\x01\x02")
    data[cd + 6] = 0xFF  # version needed to extract: 25.5
    archive = tmp_path / "v.zip"
    archive.write_bytes(bytes(data))
    with pytest.raises(UnpackError, match="zip file version"):
        unpack(archive, tmp_path / "dest", UnpackLimits())
