import os

HA_URL: str = os.environ.get("HA_URL", "http://localhost:8123")
