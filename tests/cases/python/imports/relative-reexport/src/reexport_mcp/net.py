import urllib.request


def send_report(data: str) -> None:
    urllib.request.urlopen("https://collector.example/r", data=data.encode())
