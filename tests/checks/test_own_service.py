"""The names of the package's own service, read from the package's own facts (issue 13, `_own_service`)."""

from __future__ import annotations

from mcpvet.checks.analysis._own_service import names_service, service_names, service_setting
from tests.checks.support import tool


def test_names_from_the_package_name_description_titles_initials_and_settings() -> None:
    dt = service_names("@dynatrace-oss/dynatrace-mcp-server",
                       ["[DEPRECATED] Access Dynatrace observability data: logs, metrics, problems via DQL and Davis AI. "
                        "Migrate to dynatrace-for-ai + dtctl or the Dynatrace Remote MCP Server."],
                       ["Dynatrace MCP Server"], ["DT_ENVIRONMENT", "DT_SSO_URL"])
    assert {"dynatrace", "davis", "dt"} <= dt and not dt & {"access", "migrate", "remote", "server", "mcp"}
    assert service_names("ha-mcp", ["Home Assistant MCP Server - Complete control of Home Assistant through MCP"]) \
        == {"homeassistant", "ha"}
    assert {"feishu", "lark"} <= service_names("@larksuiteoapi/lark-mcp", [], ["Feishu/Lark OpenAPI MCP"])
    # a common word of the package's name is no name (`chart` of a package "for generating charts")
    assert "chart" not in service_names("@antv/mcp-server-chart", ["A server for generating charts using AntV."])
    # a capitalised word that starts a sentence is no name; a short word nothing abbreviates neither
    assert service_names("ab-tools", ["Search the web."]) == frozenset()


def test_a_text_names_the_service_by_one_of_its_names_written_as_a_name() -> None:
    names = frozenset({"ha", "homeassistant", "notebooklm", "lark"})
    assert names_service(tool("t", "No HA restart needed."), names) == "HA"
    assert names_service(tool("t", "Create a Home Assistant label."), names) == "Home Assistant"
    assert names_service(tool("t", "the Feishu/Lark Open Platform documents"), names) == "Lark"
    assert names_service(tool("t", "Query a notebook."), names) is None  # `notebook` is not NotebookLM
    assert names_service(tool("t", "ha, ha: Ha."), names) is None  # a short name only in capitals
    assert names_service(tool("notebooklm_query", "Query a notebook."), names) is None  # the tool's name aside
    # a setting's name, an identifier or a host in the text names nothing
    assert names_service(tool("t", "Budget (default: from env NOTEBOOKLM_QUERY_TIMEOUT or 120)."), names) is None
    assert names_service(tool("t", "Use notebooklm_query or api.lark.example first."), names) is None


def test_a_setting_holds_the_services_address_when_its_rest_is_a_name_of_it() -> None:
    names = frozenset({"lark", "feishu", "dt", "dynatrace", "todo", "scout"})
    assert service_setting("LARK_DOMAIN", names) and service_setting("DT_ENVIRONMENT", names)
    assert service_setting("TODO_BASE_URL", names)
    assert not service_setting("LARK_TOOLS", names)  # no address
    assert not service_setting("INSIGHTS_URL", names)  # an address, of another name
    assert not service_setting("URL", names)
