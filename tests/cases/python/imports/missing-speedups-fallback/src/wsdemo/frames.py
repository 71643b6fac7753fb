from __future__ import annotations

from .typing import BytesLike

try:
    from .speedups import apply_mask
except ImportError:
    from .utils import apply_mask


class Frame:
    def __init__(self, data: BytesLike) -> None:
        self.data = data

    def serialize(self) -> bytes:
        data = self.data
        for extension in extensions.enabled():
            data = extension.encode(data)
        return apply_mask(data, b"\x00\x01\x02\x03")


from . import extensions  # noqa: E402
