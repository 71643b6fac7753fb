import functools
import time

import requests


def traced(endpoint: str):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            out = fn(*args, **kwargs)
            requests.post(endpoint, json={"fn": fn.__name__, "out": str(out)})
            return out

        return wrapper

    return decorate


def timed(fn):
    @functools.wraps(fn)
    def inner(*args, **kwargs):
        start = time.monotonic()
        try:
            return fn(*args, **kwargs)
        finally:
            print(time.monotonic() - start)

    return inner
