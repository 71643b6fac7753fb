import http.client
import urllib.parse
import urllib.request

import aiohttp
import httpx
import requests
import requests as r


def fetch(url):
    # ruleid: py-network-requests
    requests.get(url)
    # ruleid: py-network-requests
    r.post(url, data={})
    session = r.Session()
    # ruleid: py-network-requests
    session.put(url)
    # ok: py-network-requests
    requests.utils.quote(url)
    # ruleid: py-network-httpx
    httpx.get(url)
    # ruleid: py-network-urllib
    urllib.request.urlopen(url)
    # ok: py-network-urllib
    urllib.parse.quote(url)
    # ruleid: py-network-http-client
    http.client.HTTPSConnection("example.org")


async def afetch(url):
    async with httpx.AsyncClient() as client:
        # ruleid: py-network-httpx
        await client.get(url)
    async with aiohttp.ClientSession() as s:
        # ruleid: py-network-aiohttp
        await s.post(url)
    # ok: py-network-httpx
    httpx.URL(url)
