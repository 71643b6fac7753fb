"""Declared capabilities: what names, descriptions, schemas and annotations admit to."""

from __future__ import annotations

import json

import pytest

from mcpvet.behaviour import declared_capabilities, explain, tool_denials
from mcpvet.behaviour.text import clauses, negated, split_identifier, stem
from mcpvet.model import Kind, Tool
from tests.behaviour.reference_tools import make_tool, reference_tools
from tests.conftest import CORPUS_CASES, FIXTURES

N, R, W, P, C, E = Kind.NETWORK, Kind.FS_READ, Kind.FS_WRITE, Kind.PROCESS, Kind.CODE_EXEC, Kind.ENV


def kinds(name: str, description: str | None = None, **kw: object) -> set[Kind]:
    return {d.kind for d in declared_capabilities(make_tool(name, description, **kw))}  # type: ignore[arg-type]


@pytest.mark.parametrize(("server", "tool", "actual"), reference_tools(), ids=lambda v: getattr(v, "name", None))
def test_reference_servers_declare_what_they_do(server: str, tool: object, actual: set[Kind]) -> None:
    declared = {d.kind for d in declared_capabilities(tool)}  # type: ignore[arg-type]
    assert actual <= declared, f"{server}: {actual - declared} not declared"


# Known misses of the declared-capability lexicon on our corpus, reported to its owner. Strict:
# when one is fixed the test fails until it is taken off this list.
KNOWN_MISSES = {
    ("ts-class-bound-handlers-undici", "check_url"): "a tool that admits network is taken to admit env as well",
}


def _eval_tools() -> list:
    out = []
    for truth in sorted(CORPUS_CASES.glob("*/truth.json")) + sorted(FIXTURES.glob("*/truth.json")):
        doc = json.loads(truth.read_text("utf-8"))
        for t in doc["tools"]:
            miss = KNOWN_MISSES.get((doc["id"], t["name"]))
            marks = [pytest.mark.xfail(reason=miss, strict=True)] if miss else []
            out.append(pytest.param(doc["id"], t, marks=marks))
    assert len(out) >= 60
    return out


@pytest.mark.parametrize(("case", "truth"), _eval_tools(), ids=lambda v: v.get("name") if isinstance(v, dict) else v)
def test_eval_truth_declarations(case: str, truth: dict) -> None:
    """What the truth says is declared must be; what it says is undeclared must stay undeclared."""
    declared = kinds(truth["name"], truth["description"])
    must = {Kind(k) for k in truth["declared_capabilities"]}
    hidden = {Kind(k) for k in truth["capabilities"]} - must - {Kind(k) for k in truth.get("optional_capabilities", [])}
    assert must <= declared
    why = explain(make_tool(truth['name'], truth['description']))
    assert not (hidden & declared), f"{case}: {hidden & declared} wrongly declared: {why}"


@pytest.mark.parametrize(("name", "description", "expected"), [
    ("summarize", "Create a summary of the text.", set()),
    ("now", "Read the time in a time zone.", set()),
    ("slugify", "Turn a title into a URL slug.", set()),
    ("url_encode", "URL-encode a string.", set()),
    ("match", "Test a regular expression against a string.", set()),
    ("sql_format", "Format a SQL query.", set()),
    ("uptime", "Report how long the machine has been running.", set()),
    ("render", "Fill a template with values.", set()),
    ("tokens", "Count the tokens of a prompt.", set()),
    ("save_note", "Save the note to a file in the notes folder.", {R, W}),
    ("download_report", "Download the report from the API.", {N}),
    ("run_command", "Run a shell command and return its output.", {P}),
    ("calc", "Evaluate a Python expression.", {C}),
    ("exec_js", "Execute JavaScript code in a sandbox.", {C}),
    ("get_weather", "Get the weather forecast for a city.", {N}),
    ("query_db", "Run a read-only query on the SQLite database.", {R, W}),
    ("list_processes", "List running processes.", {P}),
    ("show_config", "Show the environment variables of the server.", {E}),
    ("send_mail", "Send an email to a recipient.", {N}),
    ("git_clone", "Clone a repository.", {N, P, R, W}),
    ("run_python", "Run Python code in a sandbox and return stdout.", {C, P}),
    ("execute_sql", "Execute a SQL query and return the rows.", {N, R, W}),
    ("open_url", "Open a URL in the default browser.", {N, P}),
    ("send_sms", "Send an SMS to a phone number.", {N}),
    ("create_event", "Create an event in Google Calendar.", {N}),
    ("format_sql", "Put each clause of a SQL query on its own line.", set()),
    # making a file is writing one ("End a code generation session and generate the test file")
    ("end_codegen_session", "End a code generation session and generate the test file.", {W}),
    ("dump_state", "Dump the current state to a JSON file.", {W}),
    ("generate_summary", "Generate a summary of the document.", set()),
    # setting up a project makes its files (its configuration, an ignore list)
    ("bootstrap", "This tool is ONLY for first-time project initialization when no configuration exists.", {W}),
    ("init_workspace", "Initialize a new workspace.", {W}),
    ("start_session", "Initialize the session.", set()),
    # changing what a document holds is writing it
    ("add_paragraph", "Add a paragraph to a Word document with optional formatting.", {W}),
    ("protect_document", "Add password protection to a Word document.", {W}),
    ("add_slide", "Add a new slide to the presentation.", {W}),
    # "WebSocket" is one word (a brand kept whole), still a network connection (hass-mcp get_statistics)
    ("get_statistics", "Get long-term statistics from the recorder (over WebSocket).", {N}),
    ("subscribe", "Subscribe to the events of a websocket feed.", {N}),
])
def test_cues(name: str, description: str, expected: set[Kind]) -> None:
    assert expected <= kinds(name, description)
    if not expected:
        assert kinds(name, description) == set(), explain(make_tool(name, description))


def test_precision_does_not_add_unrelated_kinds() -> None:
    assert N not in kinds("save_note", "Save the note to a file in the notes folder.")
    assert W not in kinds("read_doc", "Read a Markdown file from the docs folder.")
    assert C not in kinds("run_command", "Run a shell command.")


@pytest.mark.parametrize("description", [
    "Summarise a text. Does not access the network.",
    "Summarise a text without network access.",
    "Summarise a text; never sends anything over the internet.",
    "Summarise a text. This tool doesn't read any files or directories.",
])
def test_negation(description: str) -> None:
    declared = kinds("summarise", description)
    assert N not in declared and R not in declared


def test_denials_are_recorded() -> None:
    tool = make_tool("summarise", "Summarise a text. Works offline and does not access the network.")
    assert N in tool_denials(tool)
    assert N not in {d.kind for d in declared_capabilities(tool)}


def test_negation_breakers() -> None:
    assert R in kinds("read_many", "Read no more than ten files at once.")


def test_a_file_parameter_named_for_output_admits_writing() -> None:
    assert W in kinds("convert", "Convert the document to PDF.", params={"output_path": None})
    assert W in kinds("export", "Export the chart.", params={"save_to_file": None})
    assert W not in kinds("stat", "Show the size.", params={"file_path": None})
    assert W not in kinds("diff", "List changed file paths in a merge request.", params={"project": None})


def test_file_parameters() -> None:
    from mcpvet.behaviour import file_parameters

    t = make_tool("t", "x", params={"filename": None, "output_path": None, "width": None, "targetDir": None})
    assert file_parameters(t) == {"filename", "output_path", "targetDir"}


def test_parameters_and_formats() -> None:
    assert N in kinds("get", "Return it.", params={"url": None})
    assert R in kinds("get", "Return it.", params={"repo_path": None})
    assert P in kinds("go", "Do it.", params={"command": None})
    assert C in kinds("go", "Do it.", params={"code": None})
    assert C not in kinds("lookup", "Look a country up.", params={"country_code": None})
    schema = {"type": "object", "properties": {"target": {"type": "string", "format": "uri"}}}
    assert N in kinds("go", "Do it.", schema=schema)
    nested = {"type": "object", "properties": {"opts": {"type": "object", "properties": {"webhook": {"type": "string"}}}}}
    assert N in kinds("go", "Do it.", schema=nested)


def test_annotations() -> None:
    assert N in kinds("search", "Search.", annotations={"openWorldHint": True})
    assert N in kinds("search", "Search.", annotations={"open_world_hint": True})
    assert N not in kinds("search", "Search.", annotations={"openWorldHint": False})


def test_reasons_are_explained_and_sorted() -> None:
    decl = declared_capabilities(make_tool("fetch_url", "Fetch a web page over HTTP.", params={"url": None}))
    assert [d.kind for d in decl] == [N, E]  # a network service's settings are implied
    reasons = decl[0].reasons
    assert list(reasons) == sorted(reasons)
    assert '"HTTP" in description' in reasons and "parameter `url`" in reasons
    assert declared_capabilities(make_tool("fetch_url", "Fetch a web page over HTTP.", params={"url": None})) == decl


def test_git_implies_several_kinds() -> None:
    assert {P, R, W} <= kinds("git_log", "Show the commit log.")


def test_text_helpers() -> None:
    assert split_identifier("readFileSync") == "read File Sync"
    assert split_identifier("get-env") == "get env"
    assert stem("reading") == stem("reads") == stem("read")
    assert stem("files") == stem("file")
    assert stem("running") == stem("run")
    assert stem("processes") == stem("process")
    (clause,) = clauses("it does not access the network")
    idx = [t.word for t in clause].index("network")
    assert negated(clause, idx)
    assert not negated(clauses("it accesses the network")[0], 3)


def test_brand_names_are_kept_whole_in_any_case_long_text_or_short() -> None:
    """The brand pattern runs only on texts that may hold a brand; in every spelling IGNORECASE
    matches (upper case, title case, the Unicode letters it folds to i, s and k) it still runs."""
    from mcpvet.behaviour import text

    assert all(w.isalpha() and w.islower() for w in text._BRAND_WORDS)
    filler = " and then" * 30  # over 200 characters: split without the cache
    for word in text._BRAND_WORDS:
        spellings = {word, word.upper(), word.title(), word.replace("i", "\u0131"), word.replace("i", "\u0130"),
                     word.replace("s", "\u017f"), word.replace("k", "\u212a")}
        for spelled in spellings:
            for name in (f"use{spelled}Api", f"use{spelled}Api{filler}"):
                assert split_identifier(name).split()[:3] == ["use", spelled.lower(), "Api"], name
    assert split_identifier("readFileSync" + filler).split()[:3] == ["read", "File", "Sync"]


def test_invisible_characters_do_not_hide_or_add_words() -> None:
    assert N in kinds("get", "Fetch the\u200b URL")
    assert kinds("add", "Add two numbers.\U000E0066\U000E0065\U000E0074\U000E0063\U000E0068") == set()


def test_missing_description() -> None:
    assert kinds("fetch_url", None) == {N, E}
    assert kinds("x", None) == set()


def test_brand_names_are_not_split() -> None:
    assert kinds("search_repositories", "Search for GitHub repositories") == {N, E}
    assert P not in kinds("getGitHubIssue", "Get an issue.")


def test_package_name_names_the_service() -> None:
    t = make_tool("describe_table", "Get the schema information for a specific table")
    assert {d.kind for d in declared_capabilities(t)} == set()
    sqlite = {d.kind for d in declared_capabilities(t, package="mcp-server-sqlite")}
    assert {R, W} <= sqlite
    pr = make_tool("merge_pull_request", "Merge a pull request")
    assert N in {d.kind for d in declared_capabilities(pr, package="@modelcontextprotocol/server-github")}
    click = make_tool("puppeteer_click", "Click an element on the page")
    assert {N, P} <= {d.kind for d in declared_capabilities(click)}
    # generic words in a package name do not declare anything
    calc = make_tool("add", "Add two numbers.")
    assert declared_capabilities(calc, package="web-fetch-tools") == ()
    assert declared_capabilities(calc, package="quickcalc-mcp") == ()


def test_network_implies_service_settings_only() -> None:
    assert E in kinds("get_forecast", "Get the weather forecast.")
    assert E not in kinds("add", "Add two numbers.")


def test_a_credential_named_after_the_tools_own_service_admits_network_and_env() -> None:
    from mcpvet.behaviour.declared import own_service_credentials
    from mcpvet.model import Language, Location, Tool

    def tool(name: str, description: str) -> Tool:
        return Tool(name, description, None, Location("dist/index.js", 1), None, Language.JAVASCRIPT)

    t = tool("firecrawl_monitor_checks", "List historical checks for a monitor.")
    lines = ["  const apiKey = process.env.FIRECRAWL_API_KEY;"]
    assert own_service_credentials(t, "firecrawl-mcp", lines) == ["FIRECRAWL_API_KEY"]
    kinds = {d.kind for d in declared_capabilities(t, "firecrawl-mcp", lines)}
    assert {Kind.NETWORK, Kind.ENV} <= kinds
    # another service's key, or a generic secret, is not the tool's own
    calc = tool("add", "Add two numbers.")
    assert own_service_credentials(calc, "quickcalc-mcp", ["os.environ['OPENAI_API_KEY']"]) == []
    assert own_service_credentials(calc, "quickcalc-mcp", ["if 'TOKEN' in k or 'SECRET' in k"]) == []
    assert {d.kind for d in declared_capabilities(calc, "quickcalc-mcp", ["os.environ['OPENAI_API_KEY']"])} == set()
    # words like "mcp" or "server" never name a service
    assert own_service_credentials(tool("run", "Run."), "mcp-server", ["MCP_SERVER_TOKEN", "SERVER_API_KEY"]) == []


@pytest.mark.parametrize(("description", "expected"), [
    # a path written in the text admits file access, writing with a write verb
    ("Save the chat session in ~/.chatvault so it can be restored.", {Kind.FS_READ, Kind.FS_WRITE}),
    ("Read back a chat session from ~/.chatvault.", {Kind.FS_READ}),
    ("Append the line to /var/lib/notes/today.md", {Kind.FS_READ, Kind.FS_WRITE}),
    # a service or program right before a file noun only says what kind of file it is
    ("List the profile names in your local AWS CLI config file (~/.aws/config).", {Kind.FS_READ}),
    # URLs and fractions are not paths
    ("Convert 3/4 to a decimal.", set()),
])
def test_paths_and_file_nouns(description: str, expected: set[Kind]) -> None:
    from mcpvet.model import Language, Location, Tool

    tool = Tool("t", description, None, Location("a.py", 1), None, Language.PYTHON)
    assert {d.kind for d in declared_capabilities(tool)} == expected


def test_a_url_path_is_not_a_file_path() -> None:
    from mcpvet.model import Language, Location, Tool

    tool = Tool("t", "Fetch https://example.com/docs/index.html and return it.", None, Location("a.py", 1), None,
                Language.PYTHON)
    assert Kind.FS_READ not in {d.kind for d in declared_capabilities(tool)}


@pytest.mark.parametrize(("description", "writes"), [
    # a short aside in parentheses and function words do not part a verb of writing from its file
    ("Replaces the content of one page (diagram) in a local .drawio file with new XML.", True),
    ("Updates the title of each note (optional) in the given markdown file.", True),
    # no verb of writing: reading only
    ("Returns the content of one page (diagram) in a local .drawio file as XML.", False),
    # too far apart in content words
    ("Replaces tokens, braces, spaces, tabs, quotes and other characters found in a file.", False),
])
def test_a_verb_of_writing_reaches_its_file_across_asides_and_function_words(description: str, writes: bool) -> None:
    assert (Kind.FS_WRITE in explain(make_tool(name="t", description=description))) is writes


def test_a_short_aside_is_its_own_clause_and_a_long_one_splits() -> None:
    words = [[t.word for t in c] for c in clauses("Replaces one page (diagram) in a file")]
    assert words == [["replaces", "one", "page", "in", "a", "file"], ["diagram"]]
    long = clauses("Replaces one page (a diagram of many parts and more) in a file")
    assert [t.word for t in long[0]] == ["replaces", "one", "page"]


def test_program_of_passes_over_launchers() -> None:
    from mcpvet.behaviour.declared import program_of

    assert program_of("lake env lean --profile f.lean") == "lean"
    assert program_of("env FOO=1 npx -y tsc --noEmit") == "tsc"
    assert program_of("timeout 30 nice -n 5 /usr/bin/rg -n x") == "rg"
    assert program_of("uv run pytest -q") == "pytest"
    assert program_of("xcrun simctl list") == "simctl"
    assert program_of("git status") == "git"
    assert program_of("lake env …") is None
    assert program_of("…") is None
    assert program_of("") is None


def test_named_programs() -> None:
    from mcpvet.behaviour.declared import named_programs

    assert named_programs("Run `lean --profile` on a theorem.") >= {"lean"}
    assert "rg" in named_programs("Search with `rg`.")
    assert "tsc" in named_programs("Type-check with `npx tsc --noEmit`.")
    assert "ripgrep" in named_programs("Runs ripgrep over the project.")
    # a word in backticks alone is not a command unless it is a known program
    assert "lean" not in named_programs("Returns the `lean` version.")


def _runs(description: str, *starts: tuple[str, str | None, str], lead: tuple[str, ...] = ()) -> Tool:
    from mcpvet.model import Capability, Evidence, Location

    evidence = tuple(Evidence(Location("s.py", i + 1), sink, ("t",), lead, dest, role, lead, ())
                     for i, (sink, dest, role) in enumerate(starts))
    return make_tool("profile", description, capabilities=(Capability(Kind.PROCESS, evidence),))


def test_a_program_named_in_the_text_and_run_behind_a_launcher_is_admitted() -> None:
    from mcpvet.behaviour.declared import programs_run_as_named

    text = "Run `lean --profile` on a theorem."
    lake = ("asyncio.create_subprocess_exec", "lake env lean --profile -Dx=1 …", "program")
    plain = ("subprocess.run", "lean --print-prefix", "command")
    wait = ("subprocess.Popen.wait", None, None)
    assert Kind.PROCESS in explain(_runs(text, lake, plain, wait))
    assert programs_run_as_named(_runs(text, lake)) == [("lean", "lake env lean --profile -Dx=1 …")]
    # another program behind the launcher, a program not known statically, one the model chooses,
    # a shell line that runs more, a text that names no command: not admitted
    assert Kind.PROCESS not in explain(_runs(text, ("asyncio.create_subprocess_exec", "lake env bash -c …", "program")))
    assert Kind.PROCESS not in explain(_runs(text, lake, ("subprocess.run", None, "command")))
    assert Kind.PROCESS not in explain(_runs(text, ("subprocess.run", "lean …", "command"), lead=("cmd",)))
    assert Kind.PROCESS not in explain(_runs(text, ("os.system", "lean --profile x; curl y", "shell")))
    assert Kind.PROCESS not in explain(_runs("Profile a theorem.", lake))
    assert Kind.PROCESS not in explain(_runs(text, lake, ("os.kill", None, None)))


@pytest.mark.parametrize(("description", "package", "network"), [
    ("List all exceptions known on Dynatrace, newest first.", "@dynatrace-oss/dynatrace-mcp-server", True),
    ("Create a new notebook in the Dynatrace platform.", "@dynatrace-oss/dynatrace-mcp-server", True),
    ("Get information about the connected Dynatrace Environment (Tenant).", "dynatrace-mcp", True),
    ("Convert text to a query using Davis CoPilot AI.", "some-mcp", True),
    # the brand as the first word of a sentence, not as a place; in lower case somewhere (a common word);
    # in a host name only; a package word the text never names; a verb of using with no service after it
    ("Dynatrace queries are explained here.", "dynatrace-mcp", False),
    ("Keep it on Skyhook. A skyhook holds boards.", "skyhook-mcp", False),
    ("Answers are signed by no-reply@apps.dynatrace.com.", "dynatrace-mcp", False),
    ("Count the words of a text.", "skyhook-mcp", False),
    ("Add two numbers using Python.", "calc-mcp", False),
])
def test_the_service_the_package_is_named_after_named_in_the_text(description: str, package: str,
                                                                   network: bool) -> None:
    tool = make_tool("t", description)
    assert (Kind.NETWORK in explain(tool, package)) is network


def test_explain_and_tool_texts_are_kept_per_tool_object() -> None:
    """`explain` and `tool_texts` answer again from what they found for the same tool object: the same
    answer as a fresh one, in new containers a caller may change, never the answer of an equal-looking
    other tool or another package."""
    from mcpvet.behaviour import declared

    for _, tool, _ in reference_tools():
        first = explain(tool, "github-mcp")
        first.setdefault(Kind.PROCESS, []).append("changed by the caller")
        for reasons in first.values():
            reasons.append("changed too")
        assert explain(tool, "github-mcp") == declared._explain(tool, "github-mcp")
        assert explain(tool, None) == declared._explain(tool, None)
        assert list(declared.tool_texts(tool)) == list(declared._tool_texts(tool))
        assert list(declared.tool_texts(tool)) == list(declared._tool_texts(tool))  # a fresh iterator each time
    a = make_tool("fetch_page", "Fetch a web page by URL.", {"url": "the address"})
    b = make_tool("delete_file", "Delete a file.", {"path": "the file"})
    assert explain(a) != explain(b) and list(declared.tool_texts(a)) != list(declared.tool_texts(b))


def test_with_declared_capabilities_keeps_what_was_found_for_the_tool() -> None:
    from dataclasses import replace

    from mcpvet.behaviour import declared

    for _, tool, _ in reference_tools():
        before = explain(tool, "pkg")
        new = declared.with_declared_capabilities(tool, "pkg", ["GITHUB_TOKEN = os.environ['GITHUB_TOKEN']"])
        assert new == replace(tool, declared_capabilities=declared_capabilities(tool, "pkg", [
            "GITHUB_TOKEN = os.environ['GITHUB_TOKEN']"]))
        assert explain(new, "pkg") == before == declared._explain(new, "pkg")
        assert list(declared.tool_texts(new)) == list(declared._tool_texts(new))
