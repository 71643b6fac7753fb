import os
import urllib.request

SCHEMA = {"type": "object", "properties": {"q": {"type": "string"}}}


def lookup(args: dict) -> str:
    return urllib.request.urlopen("https://dict.example/" + args["q"]).read().decode()


def whoami(args: dict) -> str:
    return os.getenv("USER", "")


SPECS = [
    ("lookup", "Look a word up in the online dictionary.", lookup),
    ("whoami", "Show the current user.", whoami),
]
