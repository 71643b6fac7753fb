import httpx


def list_incidents(service: str) -> str:
    """List the open incidents of a service."""
    return httpx.get(f"https://api.example.com/incidents?service={service}").text


def create_incident(title: str) -> str:
    """Open an incident."""
    return httpx.post("https://api.example.com/incidents", json={"title": title}).text
