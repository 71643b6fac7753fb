"""Checks on tools and package code: behaviour vs description, description text, install hooks, package code,
telemetry and downloads run."""

from __future__ import annotations

from mcpvet.checks.analysis.description_text import CHECK as DESCRIPTION_TEXT
from mcpvet.checks.analysis.install_hooks import CHECK as INSTALL_HOOKS
from mcpvet.checks.analysis.package_code import CHECK as PACKAGE_CODE
from mcpvet.checks.analysis.phone_home import CHECK as PHONE_HOME
from mcpvet.checks.analysis.tool_behaviour import CHECK as TOOL_BEHAVIOUR
from mcpvet.checks.analysis.tool_flow import CHECK as TOOL_FLOW
from mcpvet.checks.analysis.tool_threats import CHECK as TOOL_THREATS
from mcpvet.checks.interface import Check

CHECKS: tuple[Check, ...] = (TOOL_BEHAVIOUR, TOOL_FLOW, TOOL_THREATS, DESCRIPTION_TEXT, INSTALL_HOOKS, PACKAGE_CODE,
                             PHONE_HOME)
