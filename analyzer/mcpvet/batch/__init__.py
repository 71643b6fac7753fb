"""Scanning many packages: a registry listing or a target list in, a SQLite store out.

- `listing`: the MCP Registry API client and the saved-listing reader (entries and problems)
- `targets`: entries and specs to work items (targets, unsupported, skipped), deduplicated
- `store`: the SQLite store, one transaction per finished target, resumable
- `work`: the per-target function (analysis plus the registry ownership claim)
- `pool`: local worker processes with per-target time and memory limits
- `dask_executor`: the same work on a Dask distributed cluster
- `runner`: one run, progress and summary
- `report`: JSON lines, CSV and a self-contained HTML page from a store
"""
