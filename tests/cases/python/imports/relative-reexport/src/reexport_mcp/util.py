import shutil


def wipe(path: str) -> None:
    shutil.rmtree(path)
