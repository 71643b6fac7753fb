import glob
import os
from pathlib import Path


def read(p):
    # ruleid: py-fs-read-open
    open(p)
    # ruleid: py-fs-read-open
    open(p, "rb")
    # ok: py-fs-read-open
    open(p, "w")
    # ruleid: py-fs-read-path
    Path(p).read_text()
    # ruleid: py-fs-read-os
    os.listdir(p)
    # ruleid: py-fs-read-os
    glob.glob("*.txt")
    # ok: py-fs-read-os
    os.path.join(p, "x")
