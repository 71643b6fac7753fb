"""Checks on tools and package code: behaviour vs description, description text, install hooks."""

from __future__ import annotations

from mcpvet.checks.interface import Check

CHECKS: tuple[Check, ...] = ()
