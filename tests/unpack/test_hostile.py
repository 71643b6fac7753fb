"""Hostile archives: each is refused or stopped with a clear error, writes nothing outside dest,
within a few seconds and without holding the data in memory."""

from __future__ import annotations

import os
import resource
import stat
import tarfile
from pathlib import Path

import pytest

from mcpvet.errors import UnpackError
from mcpvet.options import UnpackLimits
from mcpvet.unpack import unpack
from tests.unpack.hostile import tar_member, tree, write_gzip_bomb, write_tar, zip_bomb, zip_with


@pytest.fixture
def box(tmp_path: Path) -> Path:
    """A sandbox folder: the archive and dest live in it; nothing else may appear there."""
    b = tmp_path / "box"
    b.mkdir()
    return b


def _reasons(res) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {m.path: m.reason for m in res.refused}


def _assert_contained(box: Path, archive: Path) -> None:
    assert sorted(p.name for p in box.iterdir()) == sorted([archive.name, "dest"])


def test_tar_traversal_absolute_links_devices(box, tmp_path):  # type: ignore[no-untyped-def]
    outside_abs = tmp_path / "ABS_TARGET"
    archive = write_tar(box / "evil.tar.gz", [
        tar_member("pkg/good.py", b"print('ok')\n"),
        tar_member("pkg/../../escape.txt", b"x"),
        tar_member("../escape2.txt", b"x"),
        tar_member(str(outside_abs), b"x"),
        tar_member("pkg/link", type_=tarfile.SYMTYPE, linkname="../../.."),
        tar_member("pkg/link/through.txt", b"write through the link"),
        tar_member("pkg/innerlink", type_=tarfile.SYMTYPE, linkname="good.py"),
        tar_member("pkg/hard", type_=tarfile.LNKTYPE, linkname="/etc/passwd"),
        tar_member("pkg/dev", type_=tarfile.CHRTYPE),
        tar_member("pkg/blk", type_=tarfile.BLKTYPE),
        tar_member("pkg/fifo", type_=tarfile.FIFOTYPE),
        tar_member("pkg/setuid.sh", b"#!/bin/sh\n", mode=0o4755),
        tar_member("pkg/sub/", type_=tarfile.DIRTYPE, mode=0o777),
    ])
    res = unpack(archive, box / "dest", UnpackLimits())
    reasons = _reasons(res)
    assert reasons["pkg/../../escape.txt"] == "path-traversal"
    assert reasons["../escape2.txt"] == "path-traversal"
    assert reasons[str(outside_abs)] == "absolute-path"
    assert reasons["pkg/link"] == "symlink" and reasons["pkg/innerlink"] == "symlink"
    assert reasons["pkg/hard"] == "hardlink"
    assert reasons["pkg/dev"] == "device" and reasons["pkg/blk"] == "device"
    assert reasons["pkg/fifo"] == "fifo"
    assert res.root == box / "dest" / "pkg"
    # pkg/link was refused, so "pkg/link/through.txt" is an ordinary file in an ordinary folder
    assert tree(res.root) == ["good.py", "link", "link/through.txt", "setuid.sh", "sub"]
    assert not (res.root / "link").is_symlink()
    assert stat.S_IMODE(os.stat(res.root / "setuid.sh").st_mode) == 0o644
    assert stat.S_IMODE(os.stat(res.root / "sub").st_mode) == 0o755
    assert not outside_abs.exists() and not (tmp_path / "escape.txt").exists()
    _assert_contained(box, archive)
    assert len([e for e in res.errors if e.stage == "unpack"]) >= len(res.refused)
    assert all(e.path for e in res.errors)


def test_zip_traversal_absolute_symlink_backslash(box, tmp_path):  # type: ignore[no-untyped-def]
    archive = zip_with(box / "evil.zip", [
        ("good/mod.py", b"x = 1\n", None),
        ("../zip-escape.txt", b"x", None),
        ("/abs-zip.txt", b"x", None),
        ("..\\win-escape.txt", b"x", None),
        ("C:/windows.txt", b"x", None),
        ("good/link", b"../../../etc/passwd", stat.S_IFLNK | 0o777),
        ("good/fifo", b"", stat.S_IFIFO | 0o644),
        ("good/bad\nname.py", b"x", None),
        ("good/exec.sh", b"#!/bin/sh\n", stat.S_IFREG | 0o4755),
    ])
    res = unpack(archive, box / "dest", UnpackLimits())
    reasons = _reasons(res)
    assert reasons == {"../zip-escape.txt": "path-traversal", "/abs-zip.txt": "absolute-path",
                       "..\\win-escape.txt": "path-traversal", "C:/windows.txt": "absolute-path",
                       "good/link": "symlink", "good/fifo": "fifo", "good/bad\nname.py": "bad-name"}
    assert tree(res.root) == ["exec.sh", "mod.py"]
    assert stat.S_IMODE(os.stat(res.root / "exec.sh").st_mode) == 0o644
    _assert_contained(box, archive)


@pytest.mark.timeout(60)  # regression guard: the unguarded code took minutes here
def test_gzip_bomb_stops_at_the_ratio_limit_quickly(box):  # type: ignore[no-untyped-def]
    archive = write_gzip_bomb(box / "bomb.tar.gz", 2 << 30, prefix_members=[tar_member("package/a.js", b"1;")])
    assert archive.stat().st_size < 8 << 20  # 2 GiB of zeros in a few MB
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    res = unpack(archive, box / "dest", UnpackLimits())  # the real defaults
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) < 200_000  # KiB
    reasons = _reasons(res)
    # the 2 GiB member is over max_file_bytes: refused, and skipping it still inflates the stream
    assert reasons["package/zeros.bin"] == "too-large"
    assert reasons["(archive)"] == "limit-ratio"
    assert res.total_bytes < 1 << 30
    assert any("max_ratio" in e.message for e in res.errors)
    assert tree(res.root) == ["a.js"]  # what came before the bomb is kept
    _assert_contained(box, archive)


@pytest.mark.timeout(60)  # regression guard: the unguarded code took minutes here
def test_gzip_bomb_total_limit(box):  # type: ignore[no-untyped-def]
    archive = write_gzip_bomb(box / "bomb.tar.gz", 300 << 20)
    limits = UnpackLimits(max_total_bytes=50 << 20, max_file_bytes=1 << 30, max_ratio=1e9)
    res = unpack(archive, box / "dest", limits)
    assert _reasons(res)["(archive)"] == "limit-total-bytes"
    assert any("max_total_bytes" in e.message for e in res.errors)
    assert not (box / "dest" / "package" / "zeros.bin").exists()  # the partial file is removed
    assert res.total_bytes <= (50 << 20) + (1 << 20)
    _assert_contained(box, archive)


def test_zip_bomb(box):  # type: ignore[no-untyped-def]
    archive = zip_bomb(box / "bomb.zip", 120 << 20)
    res = unpack(archive, box / "dest", UnpackLimits(max_total_bytes=40 << 20, max_ratio=1e9))
    assert _reasons(res)["(archive)"] == "limit-total-bytes"
    assert not any(p.is_file() for p in (box / "dest").rglob("*"))
    res2 = unpack(archive, box / "dest2", UnpackLimits())
    assert _reasons(res2)["(archive)"] == "limit-ratio"


def test_too_many_members_are_refused_before_anything_is_written(box):  # type: ignore[no-untyped-def]
    """Counting members is cheap, creating 100,000 files is not: an archive over max_members is
    refused whole, before a file is written."""
    members = [tar_member(f"package/f{i:03d}.txt", b"x") for i in range(50)]
    archive = write_tar(box / "many.tar.gz", members)
    res = unpack(archive, box / "dest", UnpackLimits(max_members=10))
    assert _reasons(res) == {"(archive)": "limit-members"}
    assert tree(res.root) == [] and res.members == 0
    assert any("max_members" in e.message and "nothing was unpacked" in e.message for e in res.errors)
    at_limit = unpack(archive, box / "dest1", UnpackLimits(max_members=50))
    assert at_limit.refused == () and len(tree(at_limit.root)) == 50
    z = zip_with(box / "many.zip", [(f"f{i}.txt", b"x", None) for i in range(30)])
    zres = unpack(z, box / "zdest", UnpackLimits(max_members=10))
    assert _reasons(zres) == {"(archive)": "limit-members"} and tree(zres.root) == [] and zres.members == 0


def test_oversized_single_member_is_skipped_rest_kept(box):  # type: ignore[no-untyped-def]
    archive = write_tar(box / "big.tar.gz", [
        tar_member("package/big.bin", b"\1" * (2 << 20)),
        tar_member("package/index.js", b"module.exports = 1;\n"),
    ])
    res = unpack(archive, box / "dest", UnpackLimits(max_file_bytes=1 << 20))
    assert _reasons(res) == {"package/big.bin": "too-large"}
    assert tree(res.root) == ["index.js"]
    z = zip_with(box / "big.zip", [("big.bin", b"\1" * (2 << 20), None), ("ok.txt", b"ok", None)])
    zres = unpack(z, box / "zdest", UnpackLimits(max_file_bytes=1 << 20))
    assert _reasons(zres) == {"big.bin": "too-large"} and tree(zres.root) == ["ok.txt"]


def test_duplicates_case_collisions_and_file_dir_clash(box):  # type: ignore[no-untyped-def]
    archive = write_tar(box / "dups.tar.gz", [
        tar_member("p/x.py", b"first"),
        tar_member("p/x.py", b"second"),
        tar_member("p/Readme.md", b"a"),
        tar_member("p/README.md", b"b"),
        tar_member("p/a", b"file"),
        tar_member("p/a/b.py", b"under a file"),
    ])
    res = unpack(archive, box / "dest", UnpackLimits())
    assert (res.root / "x.py").read_bytes() == b"second"
    msgs = " | ".join(e.message for e in res.errors)
    assert "more than once" in msgs and "letter case" in msgs and "not a folder" in msgs
    assert (res.root / "a").read_bytes() == b"file"


def test_truncated_archive_keeps_what_was_read(box):  # type: ignore[no-untyped-def]
    import gzip

    raw = b"".join([tar_member("p/one.py", b"1" * 4000), tar_member("p/two.py", b"2" * 200_000)])
    data = gzip.compress(raw, 1)
    archive = box / "cut.tar.gz"
    archive.write_bytes(data[: len(data) // 2])
    res = unpack(archive, box / "dest", UnpackLimits())
    assert (res.root / "one.py").is_file() and not (res.root / "two.py").exists()
    assert any("damaged" in e.message for e in res.errors)


@pytest.mark.parametrize("content", [b"", b"just some text, not an archive", b"\x1f\x8b\x08garbage"])
def test_not_an_archive(box, content):  # type: ignore[no-untyped-def]
    archive = box / "x.tar.gz"
    archive.write_bytes(content)
    with pytest.raises(UnpackError) as err:
        unpack(archive, box / "dest", UnpackLimits())
    assert err.value.exit_code == 3


def test_huge_names_and_error_flood_stay_bounded(box):  # type: ignore[no-untyped-def]
    from mcpvet.unpack.writer import MAX_ERRORS

    long_name = "package/" + "a/" * 5000 + "x.py"  # 10 KB name, thousands of folders deep
    members = [tar_member(long_name, b"x"), tar_member("package/ok.py", b"ok")]
    members += [tar_member(f"../escape{i}", b"x") for i in range(MAX_ERRORS + 50)]
    archive = write_tar(box / "flood.tar.gz", members)
    res = unpack(archive, box / "dest", UnpackLimits())
    reasons = [m.reason for m in res.refused]
    assert reasons[0] == "bad-name" and len(res.refused[0].path) <= 300
    assert reasons.count("path-traversal") == MAX_ERRORS + 50  # every refusal is kept for the check
    assert len(res.errors) == MAX_ERRORS + 1 and "further unpacking errors" in res.errors[-1].message
    assert tree(res.root) == ["ok.py"]
    _assert_contained(box, archive)


@pytest.mark.timeout(60)  # regression guard: the unguarded code took minutes here
def test_pax_header_redos_is_refused_quickly(box):  # type: ignore[no-untyped-def]
    """CVE-2024-6232: pax headers full of digits stall the tar reader of this Python (3.11.7)."""
    from tests.unpack.hostile import BLOCK

    def pax(payload: bytes) -> bytes:
        info = tarfile.TarInfo("././@PaxHeader")
        info.type = tarfile.XHDTYPE
        info.size = len(payload)
        return info.tobuf(tarfile.USTAR_FORMAT) + payload + b"\0" * (-len(payload) % BLOCK)

    archive = write_tar(box / "redos.tar.gz", [tar_member("p/first.py", b"1"),
                                              pax(b"1" * (256 << 10)),  # ~2 min in tarfile without the guard
                                              tar_member("p/after.py", b"2")])
    res = unpack(archive, box / "dest", UnpackLimits())
    assert _reasons(res) == {"(header)": "bad-header"}
    assert tree(res.root) == ["first.py"]
    big = write_tar(box / "bighdr.tar.gz", [pax(b"x" * (2 << 20))])
    res2 = unpack(big, box / "dest2", UnpackLimits())
    assert _reasons(res2) == {"(header)": "bad-header"}


def test_ordinary_pax_headers_still_work(box):  # type: ignore[no-untyped-def]
    long_name = "p/" + "d" * 150 + "/" + "é" * 60 + ".py"  # needs a pax path record
    archive = write_tar(box / "pax.tar.gz", [tar_member(long_name, b"x = 1\n"),
                                            tar_member("p/link", type_=tarfile.SYMTYPE, linkname="l" * 200)])
    res = unpack(archive, box / "dest", UnpackLimits())
    assert (box / "dest" / long_name).read_bytes() == b"x = 1\n"
    assert _reasons(res) == {"p/link": "symlink"}


@pytest.mark.timeout(60)  # regression guard: the unguarded code took minutes here
def test_negative_sizes_do_not_loop(box):  # type: ignore[no-untyped-def]
    """Base-256 tar sizes can be negative (CVE-2025-8194: infinite loops in tar readers)."""
    import gzip

    from tests.unpack.hostile import tar_end

    def with_size(hdr: bytes, field: bytes) -> bytes:
        b = bytearray(hdr[:512])
        b[124:136] = field
        b[148:156] = b" " * 8
        b[148:156] = b"%06o\0 " % sum(b)
        return bytes(b) + hdr[512:]

    raw = (tar_member("p/a.py", b"1") + with_size(tar_member("p/neg.py"), b"\xff" * 12)
           + with_size(tar_member("p/neg2.py"), b"\xff" + b"\0" * 11) + tar_member("p/b.py", b"2") + tar_end())
    archive = box / "neg.tar.gz"
    archive.write_bytes(gzip.compress(raw))
    res = unpack(archive, box / "dest", UnpackLimits())
    assert _reasons(res)["p/neg.py"] == "bad-header"
    assert "neg.py" not in tree(res.root) and "a.py" in tree(res.root)
