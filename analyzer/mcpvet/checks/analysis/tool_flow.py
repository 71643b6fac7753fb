"""Check `tool-flow` (risk critical): what the model can make a tool do through its arguments.

What: reads, for each tool, which parameters reach the argument that matters at each sink
(`controlled_by` on its evidence: the command line or program, the code, the template source,
the path, the host of a URL, the SQL text, the bytes deserialised), after the guards the
data-flow analysis recognises (`shlex.quote`, argv lists, parameterised queries, path
containment, allow-lists, `yaml.safe_load`). A test counts for the sinks after it when its failing
branch never goes on (`raise`/`throw`/`return`, or a call of a function that always raises), or
for those inside the branch it lets through: an allow-list (`x not in ALLOWED`, also one the
server holds at run time), a separator refused (`"/" in x`, `x.includes("/")`), an anchored
pattern whose alphabet has none of the sink's dangerous characters (`re.fullmatch(r"[a-z0-9_-]+", x)`,
`/^[a-z0-9_-]+$/.test(x)`; for a path, also one that admits `/` but no `.` and no leading `/`), a
validator that raises unless one of those holds, a predicate that returns true only when one holds
(`if not is_valid_id(x): return …`). An allow-list that is a helper's parameter (`name in manager`)
counts where no tool argument makes that container. A character filter
(`"".join(c for c in x if c.isalnum() or c in "_-.")`) keeps a known alphabet. A local read where
one assignment certainly reaches it is that assignment's value only. A parameter the SDK
holds to the package's own values (`Literal[...]`, an Enum, `z.enum(...)`) chooses no slot.

Rules:
- `command-injection` (high) — a parameter is formatted into a shell command line, or chooses the
  program a tool runs while its text does not admit to running programs.
- `code-injection` (high) — a parameter reaches eval/exec/compile or a module import while the text
  does not admit to running code, or reaches a deserialiser that runs code (`pickle.loads`,
  unsafe `yaml.load`, `marshal`).
- `template-injection` (high) — a parameter is the source of a template that is rendered (jinja2,
  mako, tornado): template syntax reaches Python objects and runs code.
- `path-traversal` (high) — a parameter is joined under a base directory the package fixes and the
  path is read, written or deleted with no containment check (`resolve()` + `is_relative_to`,
  `commonpath`, `startsWith(root + sep)`) and no removal of separators (`name.replace("/", "_")`):
  `../` escapes the directory. A path whose start is itself a parameter (a whole path, a folder to
  save in) has no fixed base to escape.
- `ssrf` (high) — a parameter controls the host of a request in a tool whose text names one
  specific service (a tool that says it fetches any URL is doing its declared job); a parameter
  that only goes into the path or query after a host the package fixes or configures does not.
- `sql-injection` (high) — a parameter is formatted into SQL text instead of being passed as a
  query parameter (a parameter that is the whole statement of a tool whose text says it runs SQL
  or queries is `unrestricted-capability` instead).
- `nosql-injection` (high) — a parameter reaches a MongoDB query filter (pymongo, motor, the
  `mongodb` driver, mongoose) as the whole filter (`find(json.loads(arg))`,
  `find(JSON.parse(arg))`: the model chooses the operators, `{"$ne": null}` matches every record)
  in a tool whose text does not say it takes a query or filter, or reaches server-side code
  (`$where`, `$function`) in any tool, also through a client the analysis cannot name (in
  JavaScript, `coll.find({ $where: … })` on an injected or wrapped collection). A filter written
  in the code with the argument as a value (`{"name": arg}`) is not reported.
- `ldap-injection` (high) — a parameter is formatted into an LDAP search filter (ldap3,
  python-ldap, ldapjs) with no escaping (`escape_filter_chars`, `filter_format`, ldapjs's
  `EqualityFilter`): `*)(uid=*` widens the search. A tool that says it takes an LDAP filter and
  passes the parameter as the whole filter is doing its declared job.
- `unrestricted-capability` (medium) — an honest tool hands the model a whole command line, a
  program, code or (a tool that says it runs SQL) a whole SQL statement to run: not hidden, but
  the user should see in one line what the model can do (`tools[].exposure`).

Why: a capability the text admits can still be a vulnerability: the model (or whoever writes the
text it reads) chooses the arguments.

How to fix: pass arguments as an argv list without a shell (or `shlex.quote` them), use query
parameters, resolve paths and check they stay inside the root, keep an allow-list of hosts, load
YAML with `safe_load`, render constant templates with the argument as data.
Score: 10 minus the weight of the findings; inconclusive when no tool was found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mcpvet.behaviour import declared_capabilities
from mcpvet.behaviour.declared import annotation
from mcpvet.checks.analysis._common import package_name, score_from, sort_findings
from mcpvet.checks.interface import CheckOutcome, Facts
from mcpvet.model import Evidence, Finding, Kind, Severity, Tool

MAX_EVIDENCE = 5

_WHAT = {
    "shell": "the command line of",
    "program": "the program run by",
    "code": "the code run by",
    "deserialize": "the data deserialised by",
    "template": "the template source of",
    "path": "the path used by",
    "url": "the host reached by",
    "sql": "the SQL text of",
    "nosql": "the query filter of",
    "ldap": "the LDAP filter of",
}
# a tool whose own text says it reaches whatever address it is given
_GENERAL_FETCH = re.compile(
    r"\b(?:urls?|uris?|links?|web ?pages?|web ?sites?|endpoints?|any (?:host|site|server|address)|"
    r"host ?names?|hosts?|ip address(?:es)?|domains?|http requests?|webhooks?|fetch(?:es|ing)?|download(?:s|ing)?|"
    r"crawl(?:s|ing)?|scrap(?:e|es|ing)|browse|proxy)\b", re.I)


# a tool whose own text says it runs code or commands it is given (not "calculate an expression")
_RUNS_CODE = re.compile(r"\b(?:code|python|javascript|script|snippet|eval(?:uate)? code|repl|interpreter)\b", re.I)
# a tool whose own text says it runs the SQL or query it is given
_RUNS_SQL = re.compile(r"\b(?:sql|quer(?:y|ies)|statements?)\b", re.I)
# a tool whose own text says it takes a query or filter document (a MongoDB or LDAP query tool)
_TAKES_FILTER = re.compile(r"\b(?:quer(?:y|ies)|filters?|selectors?|aggregation|pipelines?)\b", re.I)
_RUNS_COMMANDS = re.compile(r"\b(?:commands?|shell|terminal|bash|programs?|executables?|cli)\b", re.I)


def _text(tool: Tool) -> str:
    """The tool's own words: its name, title (also the annotations' title) and description."""
    titled = annotation(tool, "title")
    return " ".join(x for x in (tool.name.replace("_", " "), tool.title or "", titled if isinstance(titled, str) else "",
                                tool.description or "") if x)


@dataclass(frozen=True)
class ToolFlowCheck:
    id: str = "tool-flow"
    risk: Severity = Severity.CRITICAL
    rules: tuple[str, ...] = ("command-injection", "code-injection", "template-injection", "path-traversal",
                              "ssrf", "sql-injection", "nosql-injection", "ldap-injection", "unrestricted-capability")

    def run(self, facts: Facts) -> CheckOutcome:
        if not facts.tools:
            return CheckOutcome((), None, "no tool was found, so no argument flow could be judged")
        package = package_name(facts)
        findings: list[Finding] = []
        for tool in facts.tools:
            findings.extend(tool_findings(tool, package))
        ordered = sort_findings(findings)
        reason = (f"{len(ordered)} tool arguments reach a sink unguarded" if ordered
                  else "no tool argument reaches a command, code, template, path, host, SQL text or query filter unguarded")
        return CheckOutcome(ordered, score_from(ordered), reason)


def _declared(tool: Tool, package: str | None) -> set[Kind]:
    return tool.declared_kinds | {d.kind for d in declared_capabilities(tool, package)}


def general_fetch(tool: Tool) -> bool:
    """The tool's name or description presents it as reaching addresses it is given."""
    return bool(_GENERAL_FETCH.search(_text(tool)))


def rule_of(ev: Evidence, kind: Kind, declared: set[Kind], general: bool, text: str = "") -> str | None:
    """The rule an evidence item with controlling parameters breaks, if any (`text`: the tool's own)."""
    role = ev.role
    runs_commands = Kind.PROCESS in declared and bool(_RUNS_COMMANDS.search(text))
    if role == "shell":
        return "unrestricted-capability" if ev.lead and runs_commands else "command-injection"
    if role == "program":
        return "unrestricted-capability" if runs_commands else "command-injection"
    if role == "code":
        honest = Kind.CODE_EXEC in declared and bool(_RUNS_CODE.search(text))
        return "unrestricted-capability" if ev.lead and honest else "code-injection"
    if role == "deserialize":
        return "code-injection"
    if role == "template":
        return "template-injection"
    if role == "path":
        # a parameter that starts the path (a whole path, a folder to save in) leaves no fixed base to
        # escape: what else is joined under it reaches nothing more
        return None if ev.lead else "path-traversal"
    if role == "url":
        return None if general else "ssrf"
    if role == "sql":
        # the parameter is the whole statement of a tool that says it runs SQL: admitted, not injected
        whole = bool(ev.lead) and set(ev.controlled_by) <= set(ev.lead)
        return "unrestricted-capability" if whole and _RUNS_SQL.search(text) else "sql-injection"
    if role in ("nosql", "ldap"):
        # the parameter is the whole filter of a tool that says it takes one: admitted, not injected
        whole = bool(ev.lead) and set(ev.controlled_by) <= set(ev.lead)
        if whole and _TAKES_FILTER.search(text):
            return None
        return "nosql-injection" if role == "nosql" else "ldap-injection"
    return None


_TITLES = {
    "command-injection": "a tool argument reaches a command it runs",
    "code-injection": "a tool argument reaches code it runs or data it deserialises",
    "template-injection": "a tool argument is the source of a rendered template",
    "path-traversal": "a tool argument reaches a path with no containment check",
    "ssrf": "a tool argument chooses the host a request goes to",
    "sql-injection": "a tool argument is formatted into SQL text",
    "nosql-injection": "a tool argument chooses a NoSQL query's operators or code",
    "ldap-injection": "a tool argument is formatted into an LDAP filter",
    "unrestricted-capability": "a tool lets the model run any command, code or query",
}
_FIX = {
    "command-injection": "pass arguments as an argv list without a shell, quote them with shlex.quote, "
                         "or check them against an allow-list",
    "code-injection": "never evaluate or unpickle model-supplied text; parse it as data (json, yaml.safe_load)",
    "template-injection": "render a constant template and pass the argument as a variable",
    "path-traversal": "resolve the path and refuse it unless it stays inside the root "
                      "(Path.resolve() + is_relative_to, os.path.commonpath)",
    "ssrf": "build the URL from a constant base or check the host against an allow-list",
    "sql-injection": "pass the value as a query parameter (placeholders) instead of formatting it into the SQL",
    "nosql-injection": "build the filter in the code with the argument as a value ({\"name\": arg}), "
                       "never parse a filter from the argument, never put it into $where",
    "ldap-injection": "escape the argument (ldap3.utils.conv.escape_filter_chars, ldap.filter.filter_format, "
                      "ldapjs EqualityFilter) before putting it into the filter",
    "unrestricted-capability": "if the tool is meant to run anything, say so and restrict where it can be used; "
                               "otherwise allow-list what it may run",
}


def tool_findings(tool: Tool, package: str | None) -> list[Finding]:
    declared = _declared(tool, package)
    general = general_fetch(tool)
    text = _text(tool)
    by_rule: dict[str, list[tuple[Evidence, Kind]]] = {}
    for cap in tool.capabilities:
        for ev in cap.evidence:
            if not ev.controlled_by:
                continue
            rule = rule_of(ev, cap.kind, declared, general, text)
            if rule is not None:
                by_rule.setdefault(rule, []).append((ev, cap.kind))
    out: list[Finding] = []
    for rule, items in sorted(by_rule.items()):
        uniq: dict[tuple[str, int], Evidence] = {}
        for ev, _kind in items:
            uniq.setdefault((ev.location.path, ev.location.line), ev)
        evidence = tuple(uniq[k] for k in sorted(uniq))[:MAX_EVIDENCE]
        first = evidence[0]
        params = sorted({p for e in evidence for p in e.controlled_by})
        named = ", ".join(f"`{p}`" for p in params)
        what = _WHAT.get(first.role or "", "the argument of")
        where = f"{first.location.path}:{first.location.line}"
        severity = Severity.MEDIUM if rule == "unrestricted-capability" else Severity.HIGH
        exposure = ", ".join(tool.exposure)
        extra = f" The model can make this tool: {exposure}." if exposure else ""
        out.append(Finding(
            rule=rule,
            severity=severity,
            title=f"{_TITLES[rule]} ({tool.name})",
            message=(f"Tool {tool.name!r}: {'parameters' if len(params) > 1 else 'parameter'} {named} "
                     f"{'reach' if len(params) > 1 else 'reaches'} {what} {first.sink} at {where} "
                     f"with no guard the analysis recognises.{extra} "
                     f"Fix: {_FIX[rule]}."),
            tool=tool.name,
            location=first.location,
            evidence=evidence,
        ))
    return out


CHECK = ToolFlowCheck()
