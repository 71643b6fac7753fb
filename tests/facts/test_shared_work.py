"""Shared server work: sinks most tools reach through the same helper, as a fact."""

from __future__ import annotations

from dataclasses import replace

from mcpvet.facts.shared import shared_work
from mcpvet.model import Capability, Evidence, Kind, Location, Tool
from tests.checks.support import tool


def _ev(line: int, *path: str, params: tuple[str, ...] = ()) -> Evidence:
    return Evidence(Location("server.py", line), "open", tuple(path), controlled_by=params)


def test_a_site_most_tools_reach_through_a_helper_is_shared_and_own_work_is_kept() -> None:
    tools = [tool(f"t{i}", "Search.", Capability(Kind.FS_WRITE, (_ev(5, f"t{i}", "settings"),
                                                                  *([_ev(9, f"t{i}")] if i == 0 else []))),
                  Capability(Kind.NETWORK, (_ev(20 + i, f"t{i}"),)))  # each its own request
             for i in range(4)]
    shared = shared_work(tuple(tools))
    assert [s.helper for s in shared.all_sites()] == ["settings"] and shared.all_sites()[0].tools == ("t0", "t1", "t2", "t3")
    own = shared.own_work(tools[0])
    assert [e.location.line for c in own.capabilities for e in c.evidence] == [9, 20]  # its own write and request
    assert [c.kind for c in shared.own_work(tools[1]).capabilities] == [Kind.NETWORK]


def test_no_shared_work_with_few_tools_one_dispatcher_or_argument_flow() -> None:
    few = [tool(f"t{i}", "x", Capability(Kind.FS_WRITE, (_ev(5, f"t{i}", "settings"),))) for i in range(2)]
    assert not shared_work(tuple(few)).sites
    # one handler function and the same sinks for every tool (a dispatcher's union): what lies under one
    # branch of a dispatch, or under one of several same-named functions called from one place, may be
    # one tool's own work
    branches = (_ev(5, "call_tool", 'call_tool#case:"save"@9', "settings"),
                _ev(7, "call_tool", "SaveTool.run", "store"), _ev(8, "call_tool", "LoadTool.run", "load"))
    union = [tool(f"t{i}", "x", Capability(Kind.FS_WRITE, branches), handler=("server.py", 3)) for i in range(4)]
    union = [replace(t, handler=replace(t.handler, symbol="pkg.server.call_tool")) for t in union if t.handler]
    assert not shared_work(tuple(union)).sites
    # the tool's own argument reaches the sink: the tool's work
    flows = [tool(f"t{i}", "x", Capability(Kind.FS_WRITE, (_ev(5, f"t{i}", "save", params=("path",)),)))
             for i in range(4)]
    assert not shared_work(tuple(flows)).sites
    # reached by 2 of 5 tools: not most
    some = [tool(f"t{i}", "x", *([Capability(Kind.FS_WRITE, (_ev(5, f"t{i}", "settings"),))] if i < 2 else []))
            for i in range(5)]
    assert not shared_work(tuple(some)).sites


def test_tools_with_their_own_handlers_count_even_when_they_reach_the_same_sinks() -> None:
    # every tool has its own handler and drives the same shared extractor: most tools reach its writes
    same = [tool(f"t{i}", "x", Capability(Kind.FS_WRITE, (_ev(5, f"t{i}", "extractor"),))) for i in range(4)]
    assert [s.helper for s in shared_work(tuple(same)).all_sites()] == ["extractor"]


def test_the_work_of_one_wrapper_every_tool_goes_through_is_shared() -> None:
    # tools registered in a loop through `execute(handler, args)`: one handler, identical evidence
    def wrapped(name: str) -> Tool:
        write = _ev(5, "register.<anonymous@3>", "execute", "ensure_authenticated")
        logged = Evidence(Location("server.py", 6), "fs.createWriteStream.write", ("register.<anonymous@3>", "logger"),
                          data_from=("title",))  # the arguments written to the server's log: still a log
        sent = Evidence(Location("server.py", 7), "fetch", ("register.<anonymous@3>", "report"), data_from=("title",))
        unseen = Evidence(Location("server.py", 8), "axios.post", ("register.<anonymous@3>", "render"))
        token = Evidence(Location("server.py", 9), "fetch", ("register.<anonymous@3>", "ensure_authenticated"),
                         data_from=("env:CLIENT_ID",))
        t = tool(name, "x", Capability(Kind.FS_WRITE, (write, logged)), Capability(Kind.NETWORK, (sent, unseen, token)),
                 handler=("server.py", 3))
        assert t.handler is not None
        return replace(t, handler=replace(t.handler, symbol="pkg.server.register.<anonymous@3>"))
    tools = tuple(wrapped(f"t{i}") for i in range(4))
    shared = shared_work(tools)
    assert sorted((s.kind.value, s.evidence.location.line) for s in shared.all_sites()) == [
        ("fs_write", 5), ("fs_write", 6), ("network", 9)]
    # a request carrying a tool's arguments, or whose data the analysis did not see, stays each tool's work
    assert [(c.kind, [e.location.line for e in c.evidence]) for c in shared.own_work(tools[0]).capabilities] == [
        (Kind.NETWORK, [7, 8])]


def test_the_authentication_step_is_the_servers_work_however_few_tools_go_through_it() -> None:
    from mcpvet.facts.shared import auth_step

    def ev(kind_sink: str, *path: str, data: tuple[str, ...] | None = (), params: tuple[str, ...] = ()) -> Evidence:
        return Evidence(Location("index.js", 790), kind_sink, tuple(path), controlled_by=params, data_from=data)

    rename = ev("fs/promises.rename", "h", "buildAuthSystem", 'AccountStore.quarantine#case:"local-oauth"@787')
    browser = ev("open", "h", "executeWithHandler", "ensureAuthenticated", "AuthServer.start", data=None)
    shell = Evidence(Location("index.js", 800), "child_process.exec", ("h", "ensureAuthenticated"), data_from=None)
    # 3 of 8 tools sign in first (not most tools); 5 others do nothing of the kind
    tools = [tool(f"t{i}", "x", Capability(Kind.FS_WRITE, (rename,)), Capability(Kind.PROCESS, (browser, shell)))
             for i in range(3)] + [tool(f"u{i}", "x") for i in range(5)]
    shared = shared_work(tuple(tools))
    assert {(s.kind, s.evidence.sink, s.auth) for s in shared.all_sites()} == {
        (Kind.FS_WRITE, "fs/promises.rename", True), (Kind.PROCESS, "open", True)}
    # a program other than the browser stays the tool's own
    assert [e.sink for c in shared.own_work(tools[0]).capabilities for e in c.evidence] == ["child_process.exec"]
    # a tool argument in what is written, or an argument choosing the page: the tool's work
    mine = [tool(f"t{i}", "x", Capability(Kind.FS_WRITE, (replace(rename, data_from=("title",)),)),
                 Capability(Kind.PROCESS, (replace(browser, controlled_by=("url",)),))) for i in range(3)] + tools[3:]
    assert not shared_work(tuple(mine)).sites
    # the same write reached through no authentication step is not shared by 3 of 8 tools
    plain = [tool(f"t{i}", "x", Capability(Kind.FS_WRITE, (ev("fs.rename", "h", "saveNotes"),)))
             for i in range(3)] + [tool(f"u{i}", "x") for i in range(5)]
    assert not shared_work(tuple(plain)).sites
    # function names, not dispatch labels; `count_tokens` is no sign-in
    assert auth_step("dist/index.js:GoogleCalendarMcpServer.ensureAuthenticated")
    assert auth_step("pkg.google.get_credentials") and auth_step("dist/a.js:refreshAccessToken")
    assert not auth_step('dist/index.js:handleTool#case:"authGetStatus"@4796')
    assert not auth_step("pkg.llm.count_tokens") and not auth_step("pkg.text.author_names")


def test_a_site_beyond_the_per_kind_cap_still_counts_for_shared_work() -> None:
    """wcgw: the shell start-up's ~/.screenrc write is reached by every tool, but the tools with
    many writes of their own show it only beyond the cap (`Capability.more`): still shared."""
    def writes(i: int) -> Capability:
        own = tuple(_ev(100 * i + k, f"t{i}") for k in range(5))
        return Capability(Kind.FS_WRITE, own, 1, (_ev(5, f"t{i}", "start", "screenrc"),))
    tools = [tool(f"t{i}", "Save a note to a file.", writes(i)) for i in range(1, 4)]
    tools.append(tool("t0", "Count notes.", Capability(Kind.FS_WRITE, (_ev(5, "t0", "start", "screenrc"),))))
    shared = shared_work(tuple(tools))
    assert [s.tools for s in shared.all_sites()] == [("t0", "t1", "t2", "t3")]
    assert [c.kind for c in shared.own_work(tools[3]).capabilities] == []  # the read-only tool keeps nothing
    mine = shared.own_work(tools[0]).capabilities[0]
    assert len(mine.evidence) == 5 and mine.hidden == 0 and mine.more == ()
    without_more = [replace(t, capabilities=tuple(Capability(c.kind, c.evidence) for c in t.capabilities))
                    for t in tools]
    assert not shared_work(tuple(without_more)).sites  # what the cap hid no longer counts: 1 of 4
