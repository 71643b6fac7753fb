"""Ordinary archives unpack completely: root collapsing, formats, counts."""

from __future__ import annotations

import bz2
import lzma

import pytest

from mcpvet.options import UnpackLimits
from mcpvet.unpack import detect_format, unpack
from tests.support.registry import copy_case, make_npm_tarball, make_sdist, make_targz, make_wheel, make_zip
from tests.unpack.hostile import tar_end, tar_member, tree


def test_npm_tarball_root_is_package(tmp_path):  # type: ignore[no-untyped-def]
    src = copy_case("js-sqlite-notes-cjs", tmp_path / "src")
    archive = tmp_path / "x.tgz"
    archive.write_bytes(make_npm_tarball(src))
    res = unpack(archive, tmp_path / "dest", UnpackLimits())
    assert res.root == tmp_path / "dest" / "package"
    assert tree(res.root) == tree(src)
    assert (res.refused, res.errors) == ((), ())
    assert res.members == len([p for p in src.rglob("*") if p.is_file()])
    assert res.total_bytes > sum(p.stat().st_size for p in src.rglob("*") if p.is_file())  # headers too


def test_wheel_root_is_not_collapsed(tmp_path):  # type: ignore[no-untyped-def]
    src = copy_case("py-weather-key-in-handler", tmp_path / "src")
    archive = tmp_path / "w.whl"
    archive.write_bytes(make_wheel(src, "web-fetch-mcp", "1.0"))
    res = unpack(archive, tmp_path / "dest", UnpackLimits())
    assert res.root == tmp_path / "dest"
    assert (res.root / "skycast_mcp" / "server.py").read_bytes() == \
        (src / "src" / "skycast_mcp" / "server.py").read_bytes()
    assert (res.root / "web_fetch_mcp-1.0.dist-info" / "METADATA").is_file()


def test_sdist_and_plain_zip(tmp_path):  # type: ignore[no-untyped-def]
    src = copy_case("py-units-lowlevel-match", tmp_path / "src")
    sd = tmp_path / "s.tar.gz"
    sd.write_bytes(make_sdist(src, "quickcalc-mcp", "1.2.0"))
    res = unpack(sd, tmp_path / "d1", UnpackLimits())
    assert res.root.name == "quickcalc_mcp-1.2.0" and "PKG-INFO" in tree(res.root)
    z = tmp_path / "s.zip"
    z.write_bytes(make_zip([("a/b.py", b"x"), ("a/c/d.py", b"y")], prefix="top/"))
    zres = unpack(z, tmp_path / "d2", UnpackLimits())
    assert zres.root.name == "top" and tree(zres.root) == ["a", "a/b.py", "a/c", "a/c/d.py"]


@pytest.mark.parametrize("compress", [bz2.compress, lzma.compress, lambda b: b])
def test_other_tar_compressions(tmp_path, compress):  # type: ignore[no-untyped-def]
    raw = tar_member("pkg/m.py", b"x = 1\n") + tar_end()
    archive = tmp_path / "a.tar.x"
    archive.write_bytes(compress(raw))
    assert detect_format(archive) == "tar"
    res = unpack(archive, tmp_path / "dest", UnpackLimits())
    assert (res.root / "m.py").read_bytes() == b"x = 1\n"


def test_small_repetitive_archive_is_not_a_bomb(tmp_path):  # type: ignore[no-untyped-def]
    """A high ratio on a small archive is normal (minified or generated text)."""
    archive = tmp_path / "r.zip"
    archive.write_bytes(make_zip([("gen.js", b"a" * (4 << 20))]))
    res = unpack(archive, tmp_path / "dest", UnpackLimits())
    assert res.refused == () and (res.root / "gen.js").stat().st_size == 4 << 20


def test_npm_layout_strips_the_first_component_like_npm(tmp_path):  # type: ignore[no-untyped-def]
    from mcpvet.unpack import unpack as unpack_

    archive = tmp_path / "odd.tgz"
    archive.write_bytes(make_targz([("package/package.json", b"{}"), ("package/index.js", b"benign()"),
                                    ("other/index.js", b"evil()"), ("loose.js", b"x")]))
    npm = unpack_(archive, tmp_path / "npm", UnpackLimits(), layout="npm")
    assert npm.root == tmp_path / "npm"
    assert tree(npm.root) == ["index.js", "package.json"]
    assert (npm.root / "index.js").read_bytes() == b"evil()"  # what npm would install
    msgs = " | ".join(e.message for e in npm.errors)
    assert "several top-level folders" in msgs and "more than once" in msgs and "npm does not install" in msgs
    plain = unpack_(archive, tmp_path / "plain", UnpackLimits())
    assert plain.root == tmp_path / "plain" and "other/index.js" in tree(plain.root)
    normal = tmp_path / "normal.tgz"
    normal.write_bytes(make_targz([("package/index.js", b"ok")]))
    n = unpack_(normal, tmp_path / "n", UnpackLimits(), layout="npm")
    assert tree(n.root) == ["index.js"] and n.errors == ()
    with pytest.raises(ValueError):
        unpack_(normal, tmp_path / "x", UnpackLimits(), layout="deb")
