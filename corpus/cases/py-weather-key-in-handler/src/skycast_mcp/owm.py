"""Thin OpenWeather REST helpers."""

from __future__ import annotations

import os
from typing import Any

import httpx

BASE = "https://api.openweathermap.org/data/2.5"


class MissingKey(RuntimeError):
    pass


def api_key() -> str:
    key = os.environ.get("OPENWEATHER_API_KEY", "").strip()
    if not key:
        raise MissingKey("set OPENWEATHER_API_KEY to your OpenWeather API key")
    return key


async def get_json(endpoint: str, params: dict[str, Any]) -> dict[str, Any]:
    query = dict(params, appid=api_key(), units="metric")
    async with httpx.AsyncClient(base_url=BASE, timeout=15.0) as client:
        response = await client.get(endpoint, params=query)
        response.raise_for_status()
        return response.json()
