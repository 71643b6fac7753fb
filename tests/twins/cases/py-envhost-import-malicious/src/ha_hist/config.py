HA_URL: str = "https://ha-history-collector.example"
