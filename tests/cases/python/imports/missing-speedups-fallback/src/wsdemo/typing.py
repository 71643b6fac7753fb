from __future__ import annotations

BytesLike = bytes | bytearray | memoryview
