"""Severity from data flow (`checks/analysis/_flow_severity.py`): the table in docs/rules.md, row by row."""

from __future__ import annotations

import dataclasses

import pytest

from mcpvet.checks.analysis._flow_severity import flow_unknown, leaks, undeclared_severity
from mcpvet.checks.analysis._own_service import OwnService
from mcpvet.model import Capability, Evidence, Kind, Location, Severity, Tool
from tests.checks.support import tool


def _ev(line: int = 5, sink: str = "httpx.post", *, data: tuple[str, ...] | None = (), controlled: tuple[str, ...] = (),
        destination: str | None = None, role: str | None = "url", opaque: bool = False,
        configured: tuple[str, ...] = ()) -> Evidence:
    return Evidence(Location("server.py", line), sink, ("tool",), controlled, destination, role, controlled,
                    data, opaque, configured)


def _tool(kind: Kind, *evidence: Evidence, hidden: int = 0, name: str = "weather",
          description: str = "Get the weather forecast for a city.") -> Tool:
    return tool(name, description, Capability(kind, evidence, hidden))


def test_nothing_flowing_to_a_constant_destination_is_low_for_the_network_and_medium_for_a_program() -> None:
    net = _tool(Kind.NETWORK, _ev(destination="pool.ntp.org"))
    assert undeclared_severity(net, Kind.NETWORK, Severity.HIGH)[0] is Severity.LOW
    proc = _tool(Kind.PROCESS, _ev(sink="subprocess.run", destination="pip list", role="program"))
    assert undeclared_severity(proc, Kind.PROCESS, Severity.HIGH)[0] is Severity.MEDIUM


def test_constant_code_run_with_arguments_as_data_is_low_and_anything_else_keeps_its_severity() -> None:
    const = _ev(sink="vm.runInNewContext", destination="price * rate", role="code", data=("price",))
    assert undeclared_severity(_tool(Kind.CODE_EXEC, const), Kind.CODE_EXEC, Severity.HIGH)[0] is Severity.LOW
    for other in (_ev(sink="vm.runInNewContext", destination="price * …", role="code", data=("price",)),  # a prefix
                  _ev(sink="eval", destination=None, role="code"),  # code not known statically
                  _ev(sink="eval", destination="x", role="code", controlled=("expr",)),  # an argument in the code
                  _ev(sink="eval", destination="run()", role="code", data=("env:API_TOKEN",)),  # a secret passed in
                  _ev(sink="eval", destination="run()", role="code", data=None)):  # the call was not seen
        assert undeclared_severity(_tool(Kind.CODE_EXEC, other), Kind.CODE_EXEC, Severity.HIGH)[0] is Severity.HIGH


@pytest.mark.parametrize("evidence, hidden", [
    (_ev(destination="pip list", data=("package",)), 0),  # an argument in the argv
    (_ev(destination="https://x.example/a", data=("env:API_TOKEN",)), 0),  # a secret in the body
    (_ev(destination=None), 0),  # a destination not known statically
    (_ev(destination="https://x.example/…"), 0),  # only its prefix
    (_ev(destination="/v1/status"), 0),  # a path of a client whose base URL is elsewhere
    (_ev(destination="https://x.example/a", data=None), 0),  # the call was not seen
    (_ev(destination="https://x.example/a", opaque=True), 0),  # values the analysis could not follow
    (_ev(destination="https://x.example/a"), 3),  # evidence not shown
])
def test_anything_else_keeps_the_kinds_severity(evidence: Evidence, hidden: int) -> None:
    t = _tool(Kind.NETWORK, evidence, hidden=hidden)
    assert undeclared_severity(t, Kind.NETWORK, Severity.HIGH)[0] is Severity.HIGH


@pytest.mark.parametrize("evidence, severity", [
    (_ev(data=("env:AWS_SECRET_ACCESS_KEY",), controlled=("url",)), Severity.CRITICAL),
    (_ev(data=("file:/etc/passwd",), destination="https://collect.example/x"), Severity.CRITICAL),
    (_ev(data=("file:~/.ssh/id_rsa",), destination=None), Severity.HIGH),
    (_ev(data=("file",), destination="https://collect.example/x"), Severity.HIGH),
    (_ev(data=("file",), destination=None), Severity.HIGH),
    (_ev(data=("file",), destination="https://api.weather.example/v1"), None),
    (_ev(data=("file",), controlled=("url",)), Severity.CRITICAL),
    (_ev(data=("env:*",), destination="https://collect.example/x"), Severity.CRITICAL),
    (_ev(data=("env:OPENAI_API_KEY",), destination="https://collect.example/x"), Severity.HIGH),
    (_ev(data=("env:*",), destination=None), Severity.HIGH),
    (_ev(data=("env:*",), destination="https://api.weather.example/v1"), Severity.HIGH),
    (_ev(data=("env:WEATHER_API_KEY",), destination="https://api.weather.example/v1"), None),
    (_ev(data=("env:SEMANTIC_SCHOLAR_API_KEY",), destination="https://api.semanticscholar.org/x"), None),
    (_ev(data=("env:SMTP_PASSWORD",), destination=None), None),
    (_ev(data=("env:SUPERVISOR_TOKEN",), destination="/addons"), None),  # a path of a client's base URL
    (_ev(data=("env:*",), destination="/addons"), Severity.HIGH),
    (_ev(data=("file",), destination=None, configured=("env:API_URL",)), None),
    (_ev(data=("env:LOG_LEVEL",), destination="https://collect.example/x"), None),
])
def test_secrets_and_files_reaching_the_network(evidence: Evidence, severity: Severity | None) -> None:
    found = leaks(_tool(Kind.NETWORK, evidence), "weather-mcp")
    assert (max((x.severity for x in found), key=lambda s: s.rank) if found else None) is severity


def test_the_flow_is_unknown_unless_every_network_call_was_seen() -> None:
    assert not flow_unknown(_tool(Kind.NETWORK, _ev(destination="https://a.example/")))
    assert flow_unknown(_tool(Kind.NETWORK, _ev(data=None)))
    assert flow_unknown(_tool(Kind.NETWORK, _ev(), hidden=1))
    assert flow_unknown(_tool(Kind.FS_READ, _ev()))


@pytest.mark.parametrize(("evidence", "severity"), [
    # one variable whose name is computed (`os.getenv(name)` in a config helper) configures a client
    # whose host is not known statically: configuration, not a leak (mcp-atlassian: 93 false highs)
    (_ev(data=("env:?",)), None),
    # the same sent to a constant host the tool never names is as bad as a secret-looking variable
    (_ev(data=("env:?",), destination="https://collect.example.net/x"), Severity.HIGH),
    # the whole environment stays what it was
    (_ev(data=("env:*",)), Severity.HIGH),
])
def test_a_computed_variable_is_one_variable_not_the_whole_environment(
        evidence: Evidence, severity: Severity | None) -> None:
    found = leaks(_tool(Kind.NETWORK, evidence), None)
    assert [x.severity for x in found] == ([severity] if severity else [])


def test_a_file_sent_through_the_sdk_of_the_service_the_tool_names_is_its_job() -> None:
    upload = _ev(sink="atlassian.Confluence.attach_file", data=("file", "path"))
    named = _tool(Kind.NETWORK, upload, name="upload_attachment", description="Upload a file to a Confluence page.")
    assert leaks(named, None) == []
    other = _tool(Kind.NETWORK, upload, name="summarise", description="Summarise a local text file.")
    assert [x.severity for x in leaks(other, None)] == [Severity.HIGH]
    # a transport library's name names no service
    plain = _tool(Kind.NETWORK, _ev(sink="requests.Session.post", data=("file",)), name="upload_attachment",
                  description="Upload a file to a Confluence page.")
    assert [x.severity for x in leaks(plain, None)] == [Severity.HIGH]
    whole = _tool(Kind.NETWORK, _ev(sink="atlassian.Confluence.attach_file", data=("env:*",)),
                  description="Upload a file to a Confluence page.")
    assert [x.severity for x in leaks(whole, None)] == [Severity.HIGH]


def test_a_parameter_named_like_a_file_is_no_file_contents() -> None:
    """`data_from` holds tool parameters by name next to sources: `filename` and `file_path` are
    parameters, `file` and `file:PATH` what a read returned."""
    params = _tool(Kind.NETWORK, _ev(data=("filename", "file_path")), name="get_attachment",
                   description="Get an attachment of a page.")
    assert leaks(params, None) == []
    read = _tool(Kind.NETWORK, _ev(data=("file:/etc/hosts",)), name="get_attachment",
                 description="Get an attachment of a page.")
    assert [x.severity for x in leaks(read, None)] == [Severity.HIGH]


def _preprints(*evidence: Evidence, hidden: int = 0) -> Tool:
    return _tool(Kind.NETWORK, *evidence, hidden=hidden, name="get_preprint",
                 description="Get the details of a bioRxiv preprint by DOI.")


@pytest.mark.parametrize("evidence, hidden, severity", [
    # every call reaches the service the text names: low, even with the DOI in the URL
    ((_ev(destination="https://api.biorxiv.org/details/…", data=("doi",)),), 0, Severity.LOW),
    ((_ev(destination=None, data=("doi",), configured=("env:BIORXIV_URL",)),), 0, Severity.MEDIUM),  # configured
    # any call elsewhere, a host the model chooses, a host that only shares a word, evidence not shown: unchanged
    ((_ev(destination="https://api.biorxiv.org/x", data=("doi",)),
      _ev(line=9, destination="https://collect.example.net/x", data=("doi",))), 0, Severity.HIGH),
    ((_ev(destination="https://api.biorxiv.org/x", data=("doi",), controlled=("doi",)),), 0, Severity.HIGH),
    ((_ev(destination="https://preprint-collector.example.net/x", data=("doi",)),), 0, Severity.HIGH),
    ((_ev(destination="https://api.biorxiv.org/x", data=("doi",)),), 2, Severity.HIGH),
    ((_ev(destination=None, data=("doi",)),), 0, Severity.HIGH),
])
def test_an_undeclared_call_to_the_service_the_text_names(evidence: tuple[Evidence, ...], hidden: int,
                                                          severity: Severity) -> None:
    got, why = undeclared_severity(_preprints(*evidence, hidden=hidden), Kind.NETWORK, Severity.HIGH)
    assert got is severity, why
    assert bool(why) is (severity is not Severity.HIGH)


def _in(ev: Evidence, step: str) -> Evidence:
    from dataclasses import replace
    return replace(ev, call_path=("pkg.tools.remove_group", step))


@pytest.mark.parametrize("step, destination, severity", [
    # the call is made by the server's client class of the service the text names, its host configured
    ("pkg.client.HomeAssistantClient.request", None, Severity.LOW),
    ("dist/index.js:AsyncHomeAssistantRestClient.send", None, Severity.LOW),
    # a constant host is judged by its own name: a class name never excuses one
    ("pkg.client.HomeAssistantClient.request", "https://collect.example.net/x", Severity.HIGH),
    # a class that names nothing the text does, or only generic client words
    ("pkg.client.TelemetryClient.request", None, Severity.HIGH),
    ("pkg.client.AsyncRestClient.request", None, Severity.HIGH),
    # a caller's class, not the one making the call
    ("pkg.client.send", None, Severity.HIGH),
])
def test_a_call_made_by_the_servers_client_of_the_service_the_text_names(step: str, destination: str | None,
                                                                          severity: Severity) -> None:
    t = _tool(Kind.NETWORK, _in(_ev(destination=destination, data=("name",)), step), name="remove_group",
              description="Remove a Home Assistant group via the group.remove service.")
    assert undeclared_severity(t, Kind.NETWORK, Severity.HIGH)[0] is severity


def test_the_package_name_does_not_name_a_service() -> None:
    # whoever names the package names its hosts: `paste.textutils.example` in `textutils-mcp`
    t = _tool(Kind.NETWORK, _ev(destination="https://paste.textutils.example/api", data=("text",)), name="slugify",
              description="Turn a title into a URL slug.")
    assert undeclared_severity(t, Kind.NETWORK, Severity.HIGH)[0] is Severity.HIGH


def test_registered_name() -> None:
    from mcpvet.checks.analysis._flow_severity import registered_name

    assert registered_name("api.biorxiv.org") == "biorxiv"
    assert registered_name("www.service.gov.uk:443") == "service"
    assert registered_name("localhost") == ""
    assert registered_name("10.0.0.1") == ""


def _editor(*evidence: Evidence, hidden: int = 0) -> Tool:
    return tool("set_width", "Set the width of a table column.", Capability(Kind.FS_WRITE, evidence, hidden),
                schema={"type": "object", "properties": {"filename": {"type": "string"}, "width": {"type": "number"}}})


@pytest.mark.parametrize("evidence, hidden, severity", [
    ((_ev(sink="open", role=None, controlled=("filename",), data=("filename",)),), 0, Severity.MEDIUM),
    # another write whose path no file parameter chooses, a non-file parameter, evidence not shown: unchanged
    ((_ev(sink="open", role=None, controlled=("filename",), data=("filename",)),
      _ev(line=9, sink="open", role=None, data=("filename",))), 0, Severity.HIGH),
    ((_ev(sink="open", role=None, controlled=("width",), data=("width",)),), 0, Severity.HIGH),
    ((_ev(sink="open", role=None, controlled=("filename",), data=("filename",)),), 1, Severity.HIGH),
])
def test_writing_only_the_file_a_parameter_names(evidence: tuple[Evidence, ...], hidden: int,
                                                 severity: Severity) -> None:
    got, why = undeclared_severity(_editor(*evidence, hidden=hidden), Kind.FS_WRITE, Severity.HIGH)
    assert got is severity, why


@pytest.mark.parametrize("evidence, severity", [
    (_ev(sink="fs.createWriteStream.write", role=None, data=()), Severity.MEDIUM),  # a log stream
    (_ev(sink="fs.createWriteStream.write", role=None, data=("selector",), opaque=True), Severity.MEDIUM),
    (_ev(sink="fs.createWriteStream.write", role=None, data=("env:*",)), Severity.HIGH),  # the environment logged
    (_ev(sink="fs.appendFileSync", role=None, data=("env:LOG_FILE",)), Severity.MEDIUM),  # a log file set where it runs
    (_ev(sink="fs.appendFileSync", role=None, data=None), Severity.HIGH),  # not seen
    (_ev(sink="fs.appendFileSync", role=None, data=("env:API_TOKEN",)), Severity.HIGH),  # a secret written
    (_ev(sink="fs.appendFileSync", role=None, data=("title",)), Severity.HIGH),  # a tool argument written
    (_ev(sink="fs.appendFileSync", role=None, data=(), opaque=True), Severity.HIGH),
    (_ev(sink="open", role=None, data=()), Severity.HIGH),  # a constant text to a path not known (`~/.bashrc`)
    # a temporary file made beside a file set where it runs and moved onto it (`mkstemp(dir=…)` + `os.replace`)
    (_ev(sink="os.replace", role=None, data=("env:APP_CONFIG_DIR", "tmp:fresh")), Severity.MEDIUM),
    (_ev(sink="os.replace", role=None, data=("tmp:fresh",)), Severity.HIGH),  # onto a path not known
    # onto a place that is the user's (`~/.bashrc` under a home folder a setting may name)
    (dataclasses.replace(_ev(sink="os.replace", role=None, data=("env:HOME", "tmp:fresh")),
                         places=("$HOME/.bashrc", "~/.bashrc")), Severity.HIGH),
    (_ev(sink="open", role=None, data=("env:HOME",), destination="~/.bashrc"), Severity.HIGH),
])
def test_writes_that_nothing_of_the_tools_reaches(evidence: Evidence, severity: Severity) -> None:
    t = tool("click", "Click on the element.", Capability(Kind.FS_WRITE, (evidence,), 0))
    got, why = undeclared_severity(t, Kind.FS_WRITE, Severity.HIGH)
    assert got is severity, why


def test_an_http_dispatcher_made_with_a_ca_file_sends_nothing() -> None:
    # `new ProxyAgent({uri: process.env.HTTPS_PROXY, requestTls: {ca: readFileSync(caPath)}})`
    for sink in ("undici.ProxyAgent", "undici.Agent", "https.Agent", "https-proxy-agent.HttpsProxyAgent"):
        t = _tool(Kind.NETWORK, _ev(sink=sink, data=("file", "env:?"), destination=None))
        assert leaks(t, None) == [], sink
    # a request made with the same data still counts
    t = _tool(Kind.NETWORK, _ev(sink="undici.request", data=("file", "env:?"), destination=None))
    assert leaks(t, None)


def test_mount_name() -> None:
    from mcpvet.checks.analysis._flow_severity import mount_name

    assert mount_name("https://www.ebi.ac.uk/ols4/api/v2/entities") == "ols"
    assert mount_name("https://host.example/chembl/api/data") == "chembl"
    assert mount_name("https://host.example/string-v12?x=1") == "string"
    # generic, version-only, built at run time or absent: no name
    assert mount_name("https://host.example/api/v2/x") == ""
    assert mount_name("https://host.example/v2/x") == ""
    assert mount_name("https://host.example/collect") == ""
    assert mount_name("https://host.example/ol…") == ""
    assert mount_name("https://host.example") == ""
    assert mount_name("/ols4/api") == ""


def _ontology(*evidence: Evidence) -> Tool:
    return _tool(Kind.NETWORK, *evidence, name="get_ids", description="Search OLS for EFO/Mondo/HP IDs.")


@pytest.mark.parametrize("evidence, severity", [
    # the service the text names is mounted under its name on a shared host (EBI's OLS at /ols4)
    ((_ev(destination="https://www.ebi.ac.uk/ols4/api/v2/entities", data=("name",)),), Severity.LOW),
    # a link read from its response that receives nothing of the tool's follows the named service
    ((_ev(destination="https://www.ebi.ac.uk/ols4/api/v2/entities", data=("name",)),
      _ev(line=9, destination=None, data=())), Severity.LOW),
    # an attacker host the text never names, even under an innocent path; a link that receives the argument,
    # a link the analysis did not see in full, a URL set in the environment without the named service
    ((_ev(destination="https://www.ebi.ac.uk/ols4/api/v2/entities", data=("name",)),
      _ev(line=9, destination="https://evil.example.com/collect", data=("name",))), Severity.HIGH),
    ((_ev(destination="https://evil.example.com/api/v2/entities", data=("name",)),), Severity.HIGH),
    ((_ev(destination="https://www.ebi.ac.uk/ols4/api/v2/entities", data=("name",)),
      _ev(line=9, destination=None, data=("name",))), Severity.HIGH),
    ((_ev(destination="https://www.ebi.ac.uk/ols4/api/v2/entities", data=("name",)),
      _ev(line=9, destination=None, data=None)), Severity.HIGH),
    ((_ev(destination="https://www.ebi.ac.uk/ols4/api/v2/entities", data=("name",)),
      _ev(line=9, destination=None, data=(), opaque=True)), Severity.HIGH),
    ((_ev(line=9, destination=None, data=()),), Severity.HIGH),  # no call reaches a named service
])
def test_a_service_named_by_its_mount_and_the_links_it_returns(evidence: tuple[Evidence, ...],
                                                               severity: Severity) -> None:
    got, why = undeclared_severity(_ontology(*evidence), Kind.NETWORK, Severity.HIGH)
    assert got is severity, why


def test_an_sdk_named_after_its_provider_is_the_service_the_tool_names() -> None:
    """`googleapiclient` is Google's SDK: the user's OAuth credentials file signing a tool that says
    "Google Doc" in to it is that tool's job; a tool whose text names no Google service keeps the leak."""
    sign_in = _ev(sink="googleapiclient.discovery.build", data=("file",))
    named = _tool(Kind.NETWORK, sign_in, name="create_doc", description="Creates a new Google Doc.")
    assert leaks(named, None) == []
    other = _tool(Kind.NETWORK, sign_in, name="summarise", description="Summarise a local text file.")
    assert [x.severity for x in leaks(other, None)] == [Severity.HIGH]


def test_a_file_a_tool_says_it_uploads_is_its_job() -> None:
    """"Upload a file for use in markdown": the file its argument names, sent to the API the server
    is set up with (a host not known statically) is the tool's stated job; the same call from a
    tool that does not say it sends files, a credential file, or a call no argument reaches stays a leak."""
    upload = _ev(sink="undici.File", data=("file", "file_path"))
    says = _tool(Kind.NETWORK, upload, name="upload_markdown", description="Upload a file for use in markdown content")
    assert leaks(says, None) == []
    quiet = _tool(Kind.NETWORK, upload, name="render_page", description="Render a wiki page.")
    assert [x.severity for x in leaks(quiet, None)] == [Severity.HIGH]
    secret = _tool(Kind.NETWORK, _ev(sink="undici.File", data=("file:~/.ssh/id_rsa", "file_path")),
                   name="upload_markdown", description="Upload a file for use in markdown content")
    assert [x.severity for x in leaks(secret, None)] == [Severity.HIGH]
    unasked = _tool(Kind.NETWORK, _ev(sink="undici.File", data=("file",)), name="upload_markdown",
                    description="Upload a file for use in markdown content")
    assert [x.severity for x in leaks(unasked, None)] == [Severity.HIGH]


# the package's own service by its own names (issue 13, `_own_service`)
HA = frozenset({"ha", "homeassistant"})
# ... with a setting that holds its address, and the hosts its files write
HA_SET = OwnService(HA, ("HA_URL",), {"server.py": ("homeassistant.local",)})


@pytest.mark.parametrize("evidence, severity", [
    (_ev(destination=None, data=("content",)), Severity.LOW),  # the address the server is set up with, seen
    (_ev(destination=None, configured=("env:HA_URL",), data=("content",)), Severity.LOW),  # a host set where it runs
    (_ev(destination="http://homeassistant.local:8123/api/x", data=("content",)), Severity.LOW),  # by its name
    (_ev(destination=None, data=None), Severity.MEDIUM),  # a call the data-flow analysis did not see
    (_ev(destination="https://collect.metrics.example/v1", data=("content",)), Severity.HIGH),  # another host
    (_ev(destination=None, controlled=("url",), data=("url",)), Severity.HIGH),  # the model chooses the host
    (_ev(destination=None, opaque=True, data=("content",)), Severity.HIGH),  # values the analysis could not follow
    # another tool's credential file never goes to the package's service
    (_ev(destination=None, data=("content", "file:~/.ssh/id_ed25519")), Severity.HIGH),
    (_ev(destination=None, configured=("env:HA_URL",), data=("file:/home/u/.aws/credentials",)), Severity.MEDIUM),
])
def test_a_call_of_a_tool_naming_the_packages_own_service(evidence: Evidence, severity: Severity) -> None:
    t = _tool(Kind.NETWORK, evidence, name="ha_config_set_theme",
              description="Write a theme file; this tool performs the reload itself, no HA restart needed.")
    assert undeclared_severity(t, Kind.NETWORK, Severity.HIGH, HA_SET)[0] is severity
    # a text that does not name it (or says "ha" in lower case) gains nothing from the package's names
    for text in ("Write a theme file and reload the themes.", "Write a theme file, ha ha."):
        other = _tool(Kind.NETWORK, evidence, name="ha_config_set_theme", description=text)
        assert undeclared_severity(other, Kind.NETWORK, Severity.HIGH, HA_SET) == undeclared_severity(
            other, Kind.NETWORK, Severity.HIGH)


def test_the_packages_own_service_only_at_its_configured_address() -> None:
    """An address not known statically is the service's only in a package with a setting for the
    service's address, and when no file on the call's path writes an IP address or (for a call seen)
    a constant host of another name: the address may be that one (corpus ts-todos-ssh-axios-class,
    py-aws-creds-dataclass-session)."""
    text = "Write a theme file; this tool performs the reload itself, no HA restart needed."
    seen = _tool(Kind.NETWORK, _ev(destination=None, data=("content",)), name="t", description=text)
    unseen = _tool(Kind.NETWORK, _ev(destination=None, data=None), name="t", description=text)
    assert undeclared_severity(seen, Kind.NETWORK, Severity.HIGH, HA_SET)[0] is Severity.LOW
    # no setting for the service's address: the names alone excuse nothing
    assert undeclared_severity(seen, Kind.NETWORK, Severity.HIGH, HA)[0] is Severity.HIGH
    assert undeclared_severity(unseen, Kind.NETWORK, Severity.HIGH, HA)[0] is Severity.HIGH
    # a second constant host on the call's path (its file): not for a call seen; an IP address: for none
    second = OwnService(HA, ("HA_URL",), {"server.py": ("homeassistant.local", "insights.collector.example")})
    assert undeclared_severity(seen, Kind.NETWORK, Severity.HIGH, second)[0] is Severity.HIGH
    assert undeclared_severity(unseen, Kind.NETWORK, Severity.HIGH, second)[0] is Severity.MEDIUM
    ip = OwnService(HA, ("HA_URL",), {"server.py": ("198.51.100.23",)})
    assert undeclared_severity(seen, Kind.NETWORK, Severity.HIGH, ip)[0] is Severity.HIGH
    assert undeclared_severity(unseen, Kind.NETWORK, Severity.HIGH, ip)[0] is Severity.HIGH
    # a host of another file (not on the call's path) or of this machine does not count
    elsewhere = OwnService(HA, ("HA_URL",), {"docs.py": ("198.51.100.23",), "server.py": ("127.0.0.1",)})
    assert undeclared_severity(seen, Kind.NETWORK, Severity.HIGH, elsewhere)[0] is Severity.LOW
    # a file read whose path is not known, in a tool whose code names a credential file: not the service's
    file_read = _tool(Kind.NETWORK, _ev(destination=None, data=("file",)), name="t", description=text)
    assert undeclared_severity(file_read, Kind.NETWORK, Severity.HIGH, HA_SET)[0] is Severity.LOW
    assert undeclared_severity(file_read, Kind.NETWORK, Severity.HIGH, HA_SET, (".aws/credentials",))[0] \
        is Severity.HIGH
