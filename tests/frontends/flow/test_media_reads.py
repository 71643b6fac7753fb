"""Reads held to pictures, sounds or videos, and wrappers that hand their arguments on (issue 13).

An extension allow-list before a read (`[".png", ".jpg"].includes(path.extname(p))`, `Path(p).suffix in
{".png"}`) says what the read returns: the caller's media, no key or token, so sending it to the vision
service the tool is about is no exfiltration. It says nothing of where the file is: the path stays the
argument's (`controlled_by`), and an allow-list of other extensions (`.txt`, `.json`) excuses nothing.
Found on `@z_ai/mcp-server`: seven image tools reported as sending local secrets. Also there: each tool's
service is called through `withRetry(service.method.bind(service))`, a closure `(...args) => fn(...args)`
shared by every tool; each tool must reach its own service."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.frontends.flow.test_data_from import _card, _evidence

JS = r'''
import fs from "node:fs";
import path from "node:path";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { settings } from "vision-settings";

const server = new McpServer({ name: "vision", version: "1.0.0" });

function isUrl(source) {
  return source.startsWith("http://") || source.startsWith("https://");
}

class Files {
  static validateImage(source) {
    if (isUrl(source)) {
      return;
    }
    if (!fs.existsSync(source)) {
      throw new Error(`not found: ${source}`);
    }
    const ext = path.extname(source).toLowerCase();
    const supported = [".jpg", ".jpeg", ".png"];
    if (!supported.includes(ext)) {
      throw new Error(`unsupported: ${ext}`);
    }
  }
  static validateNote(source) {
    const ext = path.extname(source).toLowerCase();
    if (![".txt", ".md"].includes(ext)) {
      throw new Error(`unsupported: ${ext}`);
    }
  }
  static encode(source) {
    const data = fs.readFileSync(source);
    return data.toString("base64");
  }
}

async function post(body) {
  return fetch(`${settings.baseUrl}/chat`, { method: "POST", body: JSON.stringify(body) });
}

class ImageService {
  async analyze(source, prompt) {
    Files.validateImage(source);
    const data = isUrl(source) ? source : Files.encode(source);
    return post({ data, prompt });
  }
}

class VideoService {
  async analyze(source, prompt) {
    const data = isUrl(source) ? source : fs.readFileSync(source).toString("base64");
    return post({ data, prompt });
  }
}

class NoteService {
  async summarise(source) {
    Files.validateNote(source);
    return post({ data: Files.encode(source) });
  }
}

export function withRetry(fn, retries = 2) {
  return async (...args) => {
    let last;
    for (let attempt = 0; attempt <= retries; attempt++) {
      try {
        return await fn(...args);
      } catch (error) {
        last = error;
        if (attempt === retries) {
          throw last;
        }
      }
    }
    throw last;
  };
}

const images = new ImageService();
server.tool("analyze_image", "Describe a picture with the vision model.",
  { image_source: z.string().describe("Local file path or remote URL to the image"), prompt: z.string() },
  async (params) => {
    const text = await images.analyze(params.image_source, params.prompt);
    return { content: [{ type: "text", text: String(text) }] };
  });

const retryImage = withRetry(images.analyze.bind(images), 2);
server.tool("describe_image", "Describe a picture with the vision model, trying again on errors.",
  { image_source: z.string(), prompt: z.string() },
  async (params) => {
    const text = await retryImage(params.image_source, params.prompt);
    return { content: [{ type: "text", text: String(text) }] };
  });

const videos = new VideoService();
const retryVideo = withRetry(videos.analyze.bind(videos), 2);
server.tool("analyze_video", "Describe a video with the vision model.",
  { video_source: z.string().describe("Local file path or remote URL to the video"), prompt: z.string() },
  async (params) => {
    const text = await retryVideo(params.video_source, params.prompt);
    return { content: [{ type: "text", text: String(text) }] };
  });

server.tool("analyze_photo", "Describe a photo with the vision model.", { photo: z.string() },
  async ({ photo }) => {
    if (!/\.(png|jpe?g|webp)$/i.test(photo)) {
      throw new Error("not a photo");
    }
    const text = await post({ data: fs.readFileSync(photo).toString("base64") });
    return { content: [{ type: "text", text: String(text) }] };
  });

server.tool("analyze_scan", "Describe a scanned page with the vision model.", { scan: z.string() },
  async ({ scan }) => {
    if (![".png", ".tif", ".tiff"].includes(path.extname(scan).toLowerCase())) {
      throw new Error("not a scan");
    }
    const text = await post({ data: fs.readFileSync(scan).toString("base64") });
    return { content: [{ type: "text", text: String(text) }] };
  });

const notes = new NoteService();
server.tool("summarise_note", "Summarise a note with the language model.",
  { note_path: z.string() },
  async (params) => {
    const text = await notes.summarise(params.note_path);
    return { content: [{ type: "text", text: String(text) }] };
  });
'''

PY = r'''
import os
import re
from pathlib import Path

import httpx
from mcp.server.fastmcp import FastMCP
from vision_settings import settings

mcp = FastMCP("vision")
IMAGES = {".png", ".jpg", ".jpeg"}


def validate_image(source: str) -> None:
    if Path(source).suffix.lower() not in IMAGES:
        raise ValueError("unsupported image")


def post(body: dict) -> str:
    return httpx.post(f"{settings.base_url}/chat", json=body).text


@mcp.tool()
def analyze_image(image_source: str, prompt: str) -> str:
    """Describe a picture with the vision model."""
    validate_image(image_source)
    data = Path(image_source).read_bytes().hex()
    return post({"data": data, "prompt": prompt})


@mcp.tool()
def analyze_screenshot(image_source: str) -> str:
    """Describe a screenshot with the vision model."""
    if not image_source.lower().endswith((".png", ".jpg")):
        raise ValueError("unsupported image")
    with open(image_source, "rb") as f:
        data = f.read().hex()
    return post({"data": data})


@mcp.tool()
def analyze_photo(photo: str) -> str:
    """Describe a photo with the vision model."""
    if not re.search(r"\.(png|jpe?g|webp)$", photo, re.IGNORECASE):
        raise ValueError("not a photo")
    return post({"data": Path(photo).read_bytes().hex()})


@mcp.tool()
def summarise_note(note_path: str) -> str:
    """Summarise a note with the language model."""
    if os.path.splitext(note_path)[1].lower() not in (".txt", ".md"):
        raise ValueError("unsupported note")
    return post({"data": Path(note_path).read_text()})


@mcp.tool()
def analyze_video(video_source: str) -> str:
    """Describe a video with the vision model."""
    return post({"data": Path(video_source).read_bytes().hex()})
'''


@pytest.fixture(params=["python", "typescript"])
def card(request: pytest.FixtureRequest, tmp_path: Path, capsys: pytest.CaptureFixture[str],
         monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    files = {"server.py": PY} if request.param == "python" else {
        "package.json": '{"name": "vision-mcp", "version": "1.0.0", "type": "module"}', "index.js": JS}
    return _card(tmp_path, capsys, monkeypatch, files)


def _findings(card: dict[str, Any], tool: str) -> set[tuple[str, str]]:
    return {(f["rule"], f["severity"]) for f in card["findings"] if f.get("tool") == tool}


def _reads(card: dict[str, Any], tool: str) -> list[dict[str, Any]]:
    return [e for e in _evidence(card, tool, "fs_read") if "exist" not in e["sink"]]


def test_a_read_held_to_pictures_sends_no_secret(card: dict[str, Any]) -> None:
    """The image read after an extension allow-list of pictures (through a validator that returns early for
    URLs, an `endswith` test, a pattern of picture extensions): what reaches the vision service is the caller's
    picture."""
    names = {t["name"] for t in card["tools"]}
    for tool in ("analyze_image", "analyze_photo", *(t for t in ("analyze_screenshot", "analyze_scan") if t in names)):
        assert "exfiltration-path" not in {r for r, _s in _findings(card, tool)}, (tool, card["findings"])
        [sent] = _evidence(card, tool, "network")
        assert "file" in sent["data_from"]


def test_an_extension_check_is_no_allow_list_of_the_path(card: dict[str, Any]) -> None:
    """The argument still chooses which picture is read: the extension limits the kind of file, not where it is."""
    assert any("image_source" in e["controlled_by"] for e in _reads(card, "analyze_image")), _reads(card, "analyze_image")
    assert any("note_path" in e["controlled_by"] for e in _reads(card, "summarise_note"))


def test_reads_not_held_to_media_still_send_file_contents(card: dict[str, Any]) -> None:
    """The twins: a video read with no check, a note read held to `.txt`/`.md` (text may be anything):
    file contents sent to a host not known statically stay a high exfiltration path."""
    for tool in ("analyze_video", "summarise_note"):
        assert ("exfiltration-path", "high") in _findings(card, tool), (tool, card["findings"])


@pytest.mark.parametrize("lang", ["typescript"])
def test_a_wrapper_hands_each_tool_its_own_service(lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """`withRetry(service.method.bind(service))` returns `(...args) => fn(...args)`, one closure shared by two
    tools: each reaches the method it was made with (before, every call of the closure was combined with every
    call of `withRetry`, a budget cut kept the first, and every tool was shown the first tool's service)."""
    files = {"package.json": '{"name": "vision-mcp", "version": "1.0.0", "type": "module"}', "index.js": JS}
    card = _card(tmp_path, capsys, monkeypatch, files)
    video_read = {n for n, text in enumerate(JS.splitlines(), 1) if "fs.readFileSync(source).toString" in text}
    image_read = {n for n, text in enumerate(JS.splitlines(), 1) if "const data = fs.readFileSync(source);" in text}
    assert {e["line"] for e in _reads(card, "analyze_video")} & video_read, _reads(card, "analyze_video")
    assert not {e["line"] for e in _reads(card, "describe_image")} & video_read
    assert not {e["line"] for e in _reads(card, "analyze_video")} & image_read
    assert {e["line"] for e in _reads(card, "describe_image")} & image_read
    # the data flow goes through the closure to the method it kept, with the tool's arguments in their places
    [read] = [e for e in _reads(card, "describe_image") if e["line"] in image_read]
    assert read["controlled_by"] == ["image_source"]
    [sent] = _evidence(card, "describe_image", "network")
    assert {"image_source", "prompt", "file"} <= set(sent["data_from"])
    assert "exfiltration-path" not in {r for r, _s in _findings(card, "describe_image")}
    assert ("exfiltration-path", "high") in _findings(card, "analyze_video")
    # and no budget cut: the closure's calls are not combined with every call of `withRetry`
    assert not [e for e in card["errors"] if "js_environments" in e["message"]]
