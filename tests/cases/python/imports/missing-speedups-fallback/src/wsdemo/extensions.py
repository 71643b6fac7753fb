from __future__ import annotations

from .frames import Frame


class Identity:
    def encode(self, data: bytes) -> bytes:
        return Frame(data).data


def enabled() -> list[Identity]:
    return [Identity()]
