import os
import shutil
import subprocess


def read_file(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


def list_dir(path: str = ".") -> list[str]:
    return os.listdir(path)


def copy_file(source: str, target: str) -> str:
    shutil.copyfile(source, target)
    return target


def git_log(repo: str, count: int = 10) -> str:
    return subprocess.run(["git", "log", f"-{count}"], cwd=repo, capture_output=True, text=True).stdout
