import urllib.request


def fetch_page(base: str, path: str) -> str:
    with urllib.request.urlopen(f"{base}/{path}") as resp:
        return resp.read().decode()
