import importlib
import pickle
from re import compile as re_compile

import yaml


def run(expr, name, blob):
    # ruleid: py-code-exec-eval
    eval(expr)
    # ruleid: py-code-exec-eval
    exec(compile(expr, "<x>", "exec"))
    # ok: py-code-exec-eval
    eval("1 + 1")
    # ok: py-code-exec-eval
    re_compile(expr)
    # ruleid: py-code-exec-import
    importlib.import_module(name)
    # ok: py-code-exec-import
    importlib.import_module("json")
    # ruleid: py-code-exec-deserialize
    pickle.loads(blob)
    # ok: py-code-exec-deserialize
    yaml.safe_load(blob)
