import os
import shutil
from pathlib import Path


def write(p):
    # ruleid: py-fs-write-open
    open(p, "w")
    # ruleid: py-fs-write-open
    open(p, mode="a+")
    # ok: py-fs-write-open
    open(p, "r")
    # ruleid: py-fs-write-path
    Path(p).write_text("x")
    # ruleid: py-fs-write-os
    os.remove(p)
    # ruleid: py-fs-write-os
    shutil.rmtree(p)
    # ok: py-fs-write-os
    shutil.which("git")
