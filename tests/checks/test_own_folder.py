"""The package's own folder (issue 12): writes under a folder of home, cache, data or temporary
space named after the package are its bookkeeping; the user's places never are."""

from __future__ import annotations

import pytest

from mcpvet.checks.analysis._own_folder import (
    fresh_temp_name,
    only_own_folder,
    own_file_names,
    own_folder,
    own_names,
    scratch,
    user_place,
)
from mcpvet.model import Evidence, Location


def test_own_names_of_npm_scopes_dotted_pypi_names_and_affixes() -> None:
    assert {"mastra", "mcp-docs-server", "docs"} <= own_names("@mastra/mcp-docs-server")
    assert {"ha-mcp", "ha"} - own_names("ha-mcp") == {"ha"}  # too short alone
    assert {"awslabs", "billing-cost-management"} <= own_names("awslabs.billing-cost-management-mcp-server")
    assert "ssh" not in own_names("ssh-mcp")  # a well-known folder is never a package's own
    assert own_names(None) == frozenset()


@pytest.mark.parametrize(("destination", "package", "folder"), [
    ("~/.cache/mastra/mcp-docs-server-logs/…", "@mastra/mcp-docs-server", "~/.cache/mastra"),
    ("~/.cache/mastra/.device_id", "@mastra/mcp-docs-server", "~/.cache/mastra"),
    ("~/.ha-mcp/logs/mcp_usage.jsonl", "ha-mcp", "~/.ha-mcp"),
    ("~/.local/share/quotebook/logs", "quotebook-mcp", "~/.local/share/quotebook"),
    ("/tmp/quotebook/session.json", "quotebook-mcp", "/tmp/quotebook"),
    ("~/Library/Caches/quotebook/x", "@acme/quotebook", "~/Library/Caches/quotebook"),
    ("~/.config/acme/settings.json", "@acme/quotebook", "~/.config/acme"),
    ("~/AppData/Roaming/quotebook/.token-cache.json", "quotebook-mcp", "~/AppData/Roaming/quotebook"),  # Windows
    ("~/AppData/Local/quotebook/cache", "quotebook-mcp", "~/AppData/Local/quotebook"),
    # the package's name run together or with `mcp` joined on (`BlenderMCP` of mcp-for-blender)
    ("~/Library/Application Support/BlenderMCP/pending.json", "mcp-for-blender",
     "~/Library/Application Support/BlenderMCP"),
    ("~/.notebooklm-mcp-cli/aliases.json", "notebooklm-mcp-cli", "~/.notebooklm-mcp-cli"),
])
def test_own_folder(destination: str, package: str, folder: str) -> None:
    assert own_folder(destination, package) == folder


@pytest.mark.parametrize(("destination", "package"), [
    ("~/.bashrc", "quotebook-mcp"),
    ("~/.ssh/authorized_keys", "ssh-mcp"),
    ("~/.config/Claude/claude_desktop_config.json", "quotebook-mcp"),
    ("~/.cache/other-app/x", "quotebook-mcp"),
    ("~/.cache/quote…", "quotebook-mcp"),  # the folder's name is not known in full
    ("~/.cache/quotebook/../../.bashrc", "quotebook-mcp"),
    ("/etc/quotebook/x", "quotebook-mcp"),
    ("quotebook/x", "quotebook-mcp"),
    (None, "quotebook-mcp"),
    ("~/.cache/quotebook/x", None),
    ("~/.mcp/x", "blender-mcp"),  # `mcp` alone is no package's name
    ("~/.config/autostart/x.desktop", "autostart-mcp"),
])
def test_not_own_folder(destination: str | None, package: str | None) -> None:
    assert own_folder(destination, package) is None


def _ev(destination: str | None, controlled_by: tuple[str, ...] = ()) -> Evidence:
    return Evidence(Location("a.py", 1), "open", ("t",), controlled_by=controlled_by, destination=destination)


def test_only_own_folder_needs_every_write_there_and_no_argument_choosing_the_path() -> None:
    assert only_own_folder([_ev("~/.cache/quotebook/a"), _ev("/tmp/quotebook/b")], "quotebook") == \
        "`~/.cache/quotebook`, `/tmp/quotebook`"
    assert only_own_folder([_ev("~/.cache/quotebook/a"), _ev("~/.bashrc")], "quotebook") is None
    assert only_own_folder([_ev("~/.cache/quotebook/…", ("name",))], "quotebook") is None
    assert only_own_folder([], "quotebook") is None


@pytest.mark.parametrize(("destination", "place"), [
    ("~/.bashrc", True), ("~/.zshrc", True), ("~/.ssh/authorized_keys", True), ("/var/spool/cron/crontabs/root", True),
    ("~/.config/Claude/claude_desktop_config.json", True), ("~/.cursor/mcp.json", True),
    ("~/.config/autostart/x.desktop", True), ("~/.cache/quotebook/x", False), ("/tmp/x.json", False),
    ("report.md", False), (None, False),
])
def test_user_place(destination: str | None, place: bool) -> None:
    assert user_place(destination) is place


def _placed(places: tuple[str, ...], sink: str = "open", sources: tuple[str, ...] = (),
            controlled_by: tuple[str, ...] = ()) -> Evidence:
    return Evidence(Location("a.py", 1), sink, ("t",), controlled_by=controlled_by, places=places,
                    slot_sources=sources)


def test_a_path_among_own_folders_settings_and_a_container_volume_is_own() -> None:
    places = ("$HA_MCP_CONFIG_DIR/logs/x.jsonl", "/data/logs/x.jsonl", "/tmp/ha-mcp/logs/x.jsonl",
              "~/.ha-mcp/logs/x.jsonl")
    assert only_own_folder([_placed(places, sources=("env:HA_MCP_CONFIG_DIR",))], "ha-mcp") == \
        "`/tmp/ha-mcp`, `~/.ha-mcp`, `$HA_MCP_CONFIG_DIR`, `/data`"


def test_scratch_files_go_with_own_places_but_not_alone() -> None:
    own = _placed(("~/.ha-mcp", "/tmp/ha-mcp"))
    probe = Evidence(Location("a.py", 2), "tempfile.mkstemp", ("t",))
    unlink = Evidence(Location("a.py", 3), "os.unlink", ("t",), slot_sources=("tmp:fresh",))
    assert only_own_folder([own, probe, unlink], "ha-mcp") == "`~/.ha-mcp`, `/tmp/ha-mcp`"
    assert only_own_folder([probe, unlink], "ha-mcp") is None


@pytest.mark.parametrize("sink", ["os.replace", "os.rename", "shutil.move", "pathlib.Path.rename", "fs.renameSync",
                                  "fs.promises.rename", "fs-extra.move"])
def test_a_temporary_file_moved_elsewhere_is_no_scratch(sink: str) -> None:
    """`os.replace(tmp, target)` writes target: made of a fresh temporary name, the move is judged by its
    places (both paths), not passed as scratch."""
    own = _placed(("~/.ha-mcp",))
    moved = Evidence(Location("a.py", 3), sink, ("t",), slot_sources=("tmp:fresh",))
    assert not scratch(moved)
    assert only_own_folder([own, moved], "ha-mcp") is None
    assert only_own_folder([own, _placed(("~/.ha-mcp/x",), sink, ("tmp:fresh",))], "ha-mcp") == "`~/.ha-mcp`"
    assert scratch(Evidence(Location("a.py", 3), "os.unlink", ("t",), slot_sources=("tmp:fresh",)))


@pytest.mark.parametrize("places", [
    ("$APP_DIR", "~/.ssh"),                      # one candidate is the user's keys
    ("~/.ha-mcp/x", "~/.bashrc"),                # or a shell profile
    ("$APP_DIR", "/data"),                       # no folder named after the package at all
    ("~/.ha-mcp/x", "/etc/cron.d/x"),            # a system folder
    ("~/.ha-mcp/x", "~/.cache/other-app/x"),     # another program's folder
])
def test_a_path_among_places_that_are_not_all_own_is_not_own(places: tuple[str, ...]) -> None:
    assert only_own_folder([_placed(places)], "ha-mcp") is None


def test_an_argument_or_an_unnamed_setting_in_the_path_is_never_own() -> None:
    places = ("~/.ha-mcp/x", "/tmp/ha-mcp/x")
    assert only_own_folder([_placed(places, controlled_by=("name",))], "ha-mcp") is None
    assert only_own_folder([_placed(places, sources=("env:*",))], "ha-mcp") is None
    assert only_own_folder([_placed(places, sources=("file:/x",))], "ha-mcp") is None


def test_files_of_the_installed_package_are_its_own() -> None:
    inside = _placed(("<package>/pkg/sessions/s_…",))
    assert only_own_folder([inside], "whatever-mcp") == "`<package>/pkg`"
    assert only_own_folder([_placed(("<package>/pkg/sessions/s_…", "~/.bashrc"))], "whatever-mcp") is None
    # a statement through a database handle: what reaches the statement does not choose the file
    statement = Evidence(Location("a.py", 1), "sqlite3.connect.cursor.execute", ("t",), controlled_by=("name",),
                         role="sql", places=("<package>/pkg/sessions/s_…",), slot_sources=("file",))
    assert only_own_folder([statement], "whatever-mcp") == "`<package>/pkg`"
    assert only_own_folder([Evidence(Location("a.py", 1), "sqlite3.connect.cursor.execute", ("t",), role="sql")],
                           "whatever-mcp") is None
    assert only_own_folder([_placed(("<package>/pkg/x.json",), controlled_by=("name",))], "whatever-mcp") is None


def test_a_temporary_file_named_after_the_package_is_its_own() -> None:
    assert "blender" in own_names("mcp-for-blender")
    assert own_folder("/tmp/blender_screenshot_…", "mcp-for-blender") == "/tmp/blender_screenshot_"
    assert own_folder("/var/tmp/blender-cache.json", "mcp-for-blender") == "/var/tmp/blender-cache.json"
    # another name, a longer word, a home file, a folder not named after it
    assert own_folder("/tmp/screenshot_blender_1.png", "mcp-for-blender") is None
    assert own_folder("/tmp/blenderish_1.png", "mcp-for-blender") is None
    assert own_folder("~/blender_notes.txt", "mcp-for-blender") is None
    assert own_folder("/tmp/other/blender_1.png", "mcp-for-blender") is None


def test_own_file_names_are_the_ends_of_own_places_no_argument_chooses() -> None:
    # issue 13 (notebooklm-mcp-cli refresh_auth): the package's own Firefox profile's cookies.sqlite
    own = ("$APP_PATH/firefox-profiles/…/cookies.sqlite", "~/.pagenote-mcp/firefox-profiles/…/cookies.sqlite")
    placed = Evidence(Location("a.py", 1), "sqlite3.connect", ("t",), role="path", places=own,
                      slot_sources=("env:APP_PATH",))
    assert own_file_names([placed], "pagenote-mcp") == {"cookies.sqlite"}
    # an argument choosing the profile folder, the user's real profile, a folder only like the package's
    assert own_file_names([_placed(own, controlled_by=("profile",))], "pagenote-mcp") == frozenset()
    assert own_file_names([Evidence(Location("a.py", 1), "sqlite3.connect", ("t",), role="path", places=(
        "~/.mozilla/firefox/…/cookies.sqlite", "~/.pagenote-mcp/x/cookies.sqlite"))], "pagenote-mcp") == frozenset()
    assert own_file_names([Evidence(Location("a.py", 1), "open", ("t",), role="path",
                                    destination="~/.pagenotes-old/cookies.sqlite")], "pagenote-mcp") == frozenset()
    assert own_file_names([Evidence(Location("a.py", 1), "open", ("t",), role="path",
                                    destination="~/.pagenote-mcp/p/cookies.sqlite")], "pagenote-mcp") == {"cookies.sqlite"}


def test_a_new_name_in_the_temporary_space_is_scratch() -> None:
    # issue 13 (cloud-run-mcp runUniversalMaker): `/tmp/um-output-${Date.now()}`, made and removed by the tool
    assert fresh_temp_name("/tmp/um-output-…") and fresh_temp_name("/var/tmp/render-…/out.png")
    assert not fresh_temp_name("/tmp/x.json") and not fresh_temp_name("/tmp/…") and not fresh_temp_name("/tmp/-…")
    assert not fresh_temp_name("~/.cache/um-output-…") and not fresh_temp_name(None)
    made = Evidence(Location("a.js", 1), "fs.mkdirSync", ("t",), role="path", destination="/tmp/um-output-…",
                    places=("/tmp/um-output-…",))
    own = Evidence(Location("a.js", 2), "fs.mkdirSync", ("t",), role="path", destination="~/.quotebook/x")
    assert scratch(made) and not scratch(own)
    assert only_own_folder([made, own], "quotebook") == "`~/.quotebook`"
    assert only_own_folder([made], "quotebook") is None  # scratch alone is not enough
    chosen = Evidence(Location("a.js", 1), "fs.mkdirSync", ("t",), role="path", destination="/tmp/um-output-…",
                      controlled_by=("name",))
    assert only_own_folder([chosen, own], "quotebook") is None  # a tool argument in the name
    moved = Evidence(Location("a.js", 3), "fs.renameSync", ("t",), role="path", destination="/tmp/um-output-…")
    assert not scratch(moved)
