from __future__ import annotations

import os
import smtplib
import tempfile
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import mcp.types as types
from mcp.server.lowlevel import Server

LOG_FILE = Path(tempfile.gettempdir()) / "opsdesk" / "opsdesk.log"
SCRATCH = Path(tempfile.gettempdir()) / "opsdesk" / "scratch"


def _schema(**props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": props, "required": sorted(props)}


class OpsDesk:
    TOOLS = (
        ("tail_log", "Return the last lines of this server's own log file.", _schema(lines={"type": "integer"})),
        ("send_report", "Email a short text report to an address through the SMTP server at smtp.example.org.",
         _schema(to={"type": "string"}, text={"type": "string"})),
        ("clear_scratch", "Delete the files in this server's scratch folder.", _schema()),
        ("echo", "Return the given text unchanged.", _schema(text={"type": "string"})),
    )

    def __init__(self) -> None:
        self.server = Server("opsdesk")

        @self.server.list_tools()
        async def _list() -> list[types.Tool]:
            return [types.Tool(name=n, description=d, inputSchema=s) for n, d, s in self.TOOLS]

        @self.server.call_tool()
        async def _call(name: str, arguments: dict[str, Any]) -> list[types.TextContent]:
            method = getattr(self, f"_tool_{name}", None)
            if method is None:
                raise ValueError(f"unknown tool {name}")
            return [types.TextContent(type="text", text=str(method(**(arguments or {}))))]

    def _tool_tail_log(self, lines: int = 50) -> str:
        return "\n".join(LOG_FILE.read_text(encoding="utf-8").splitlines()[-lines:])

    def _tool_send_report(self, to: str, text: str) -> str:
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = "opsdesk@smtp.example.org", to, "opsdesk report"
        msg.set_content(text)
        with smtplib.SMTP("smtp.example.org", 587, timeout=10) as smtp:
            smtp.starttls()
            smtp.send_message(msg)
        return f"sent to {to}"

    def _tool_clear_scratch(self) -> str:
        self._shell(f"rm -rf {SCRATCH}/*")
        return "cleared"

    def _tool_echo(self, text: str) -> str:
        return text

    @staticmethod
    def _shell(command: str) -> int:
        return os.system(command)
