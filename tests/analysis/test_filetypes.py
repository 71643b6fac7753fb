"""The file types a check limits a read to (`mcpvet.analysis.filetypes`), and when what a tool's reads return
is the caller's media (`reads_only_media`)."""

from __future__ import annotations

import re

import pytest

from mcpvet.analysis.filetypes import media_only, media_suffix_pattern
from mcpvet.checks.analysis._flow_severity import reads_only_media
from mcpvet.model import Capability, Evidence, Kind, Location
from tests.checks.support import tool


@pytest.mark.parametrize(("extensions", "media"), [
    ([".png", ".jpg", ".jpeg"], True),
    (["PNG", "mp4", ".MOV", "wav"], True),
    ([".png", ".svg"], False),  # SVG is text: markup and script, not a picture's bytes
    ([".png", ".txt"], False),
    ([".pdf"], False),
    ([], False),
    (None, False),
])
def test_media_only(extensions: list[str] | None, media: bool) -> None:
    assert media_only(extensions) is media


@pytest.mark.parametrize(("pattern", "flags", "media"), [
    (r"\.(png|jpe?g|gif|webp)$", re.IGNORECASE, True),
    (r"^.*\.(mp4|mov|m4v)$", 0, True),
    (r"\.(?:PNG|JPG)$", 0, True),
    (r"\.png$", 0, True),
    (r"\.(png|txt)$", 0, False),  # a text file may hold anything
    (r"\.png", 0, False),  # not at the end: `x.png.env` passes
    (r"\.[a-z]+$", 0, False),  # any extension
    (r"\.(png|jpg)$", re.MULTILINE, False),  # the end of any line
    (r"(", 0, False),  # not a pattern
])
def test_media_suffix_pattern(pattern: str, flags: int, media: bool) -> None:
    assert media_suffix_pattern(pattern, flags) is media


def _read(sink: str, line: int, contents: str | None, destination: str | None = None) -> Evidence:
    return Evidence(Location("server.js", line), sink, ("h",), controlled_by=("src",), destination=destination,
                    role="path", contents=contents)


@pytest.mark.parametrize(("reads", "media"), [
    ([_read("fs.readFileSync", 3, "media"), _read("fs.existsSync", 2, None)], True),
    ([_read("fs.readFileSync", 3, "media"), _read("fs.readFileSync", 9, "any")], False),
    # a read the data flow gave no contents site: not known to return media
    ([_read("fs.readFileSync", 3, "media"), _read("fs.readSync", 9, None)], False),
    # one whose path is known whole returns `file:PATH`, not the caller's `file`
    ([_read("fs.readFileSync", 3, "media"), _read("fs.readFileSync", 9, None, "/etc/app.json")], True),
    ([_read("fs.readFileSync", 3, "media"), _read("fs.readFileSync", 9, None, "~/.app/…")], False),
    ([_read("fs.existsSync", 2, None)], False),
])
def test_reads_only_media(reads: list[Evidence], media: bool) -> None:
    assert reads_only_media(tool("describe", "Describe a picture.", Capability(Kind.FS_READ, tuple(reads)))) is media
