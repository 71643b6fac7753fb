"""The file types a check limits a read to (`mcpvet.analysis.filetypes`)."""

from __future__ import annotations

import re

import pytest

from mcpvet.analysis.filetypes import media_only, media_suffix_pattern


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
