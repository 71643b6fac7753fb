"""Whether a call the call graph could not resolve is a call on an unknown receiver (issue 11 §2).

A method call whose receiver's value stays unknown (`this.client.getUserMap(…)` with `client` handed
to a constructor by code the evaluator did not follow, `api.send(…)` on a parameter no call site
binds) may go into third-party code that does anything: it is an *unresolved* call, listed per tool
(the tool is then `complete: false`), not a `dynamic` call that is only counted.

Not every unresolved callee is such a call: most are methods of the language's own objects on a value
whose type the evaluator does not track (`items.map`, `text.split`, `res.json`, `promise.catch`).
Those stay counted as dynamic: a call on a value known to be an array, a string, a regular
expression or a built-in's result, and a call of a built-in method name on a receiver that is not
named like a client (`client`, `api`, `http`, `session`, `db`, `sdk`, …: `client.get(url)` may be a
request, `teams.get(id)` is a Map). Methods of the MCP SDK's own server and context objects
(`sendLoggingMessage`, `elicitInput`, …) talk to the MCP client, never elsewhere: not listed either.
"""

from __future__ import annotations

import re

from mcpvet.frontends.javascript.facts import IR
from mcpvet.frontends.javascript.ir import (
    ArrV,
    Bool,
    Call,
    Id,
    Idx,
    Inst,
    Mem,
    Null,
    Num,
    ObjV,
    Param,
    Str,
    This,
    Undef,
    Unk,
)

BUILTIN_METHODS = frozenset(
    """
    at concat copyWithin entries every fill filter find findIndex findLast findLastIndex flat flatMap forEach
    includes indexOf join keys lastIndexOf map pop push reduce reduceRight reverse shift slice some sort splice
    toReversed toSorted toSpliced unshift values with length
    charAt charCodeAt codePointAt endsWith localeCompare match matchAll normalize padEnd padStart repeat replace
    replaceAll search split startsWith substring substr toLowerCase toUpperCase toLocaleLowerCase
    toLocaleUpperCase trim trimEnd trimStart trimLeft trimRight
    toString toFixed toPrecision toExponential toLocaleString valueOf toJSON toISOString toDateString
    toTimeString toUTCString getTime getFullYear getMonth getDate getDay getHours getMinutes getSeconds
    getMilliseconds getTimezoneOffset setFullYear setMonth setDate setHours setMinutes setSeconds
    get set has delete add clear forEach size
    then catch finally next return throw
    test exec
    json text arrayBuffer blob formData clone
    call apply bind
    hasOwnProperty isPrototypeOf propertyIsEnumerable
    toBuffer readUInt8 readUInt16LE readUInt32LE writeUInt8 subarray equals compare copy
    describe optional nullable default parse safeParse parseAsync safeParseAsync transform refine
    superRefine pipe array min max email url uuid int positive nonnegative regex
    emit on once off addListener removeListener removeAllListeners listeners
    log info warn error debug trace
    setAttribute setAttributes setStatus addEvent recordException end spanContext isRecording updateName
    getAttribute hasAttribute removeAttribute querySelector querySelectorAll getElementById getElementsByTagName
    getElementsByClassName appendChild removeChild insertBefore replaceChild cloneNode closest matches contains
    addEventListener removeEventListener dispatchEvent getBoundingClientRect scrollIntoView focus blur click
    preventDefault stopPropagation abort
    """.split()
)
"""Methods of JavaScript's built-in objects (Array, String, Number, Date, Map/Set, Promise, iterators,
RegExp, Response, Function), Buffer, zod schemas, event emitters, loggers, tracing spans and the DOM (code a
browser tool runs in the page), and `AbortController.abort`."""

PROTOCOL_METHODS = frozenset(
    """
    sendLoggingMessage elicitInput createMessage getClientCapabilities getClientVersion listRoots notification
    sendResourceUpdated sendResourceListChanged sendToolListChanged sendPromptListChanged sendNotification
    setRequestHandler setNotificationHandler registerTool registerResource registerPrompt tool resource prompt
    connect close ping request
    createTask getTask getTaskResult storeTaskResult updateTaskStatus listTasks cancelTask
    """.split()
)
"""Methods of the MCP SDK's server, its transport, a request's context and its task store: they talk to
the MCP client or keep the server's own state."""

_CLIENTISH = re.compile(r"client|api|http|session|conn|db|database|sdk|service|agent|fetcher|requester|octokit"
                        r"|socket|pool|driver|gateway", re.I)

_BUILTIN_RESULTS = ("array", "regex", "member of regex", "number", "string", "result of ")


def receiver_name(ir: IR) -> str:
    """The last name of a receiver expression (`this.client` → `client`, `api` → `api`)."""
    match ir:
        case Mem(_obj, prop):
            return prop
        case Id(name, _scope):
            return name
        case Idx(inner) | Call(inner):
            return receiver_name(inner)
    return ""


def unknown_receiver(callee: IR, receiver: object) -> bool:
    """Whether an unresolved call `callee(…)`, whose receiver evaluated to `receiver`, is a call on an
    unknown receiver that may go into third-party code (see the module docstring)."""
    if not isinstance(callee, Mem):
        return False
    prop = callee.prop
    if prop in PROTOCOL_METHODS:
        return False
    match receiver:
        case ArrV() | ObjV() | Str() | Num() | Bool() | Null() | Undef():
            return False
        case Unk(why):
            if why.startswith(_BUILTIN_RESULTS) and not why.startswith("result of exports."):
                return False
        case Param():
            pass  # a parameter no call site binds
        case Inst():
            # an instance of a package class without that method (the method comes from a base class the
            # evaluator cannot read, or the value is not that instance): not a known call, unless it is a
            # built-in's method name (a class extending Map, Array, EventEmitter)
            return prop not in BUILTIN_METHODS
        case _:
            return False
    if prop in BUILTIN_METHODS:
        return bool(_CLIENTISH.search(receiver_name(callee.obj)))
    # `this.x()` is dispatched through the class (a method or a field, judged by the caller)
    return not isinstance(callee.obj, (This, Param))


def this_field_call(method: str, callee: object) -> bool:
    """Whether `this.method(…)`, found neither as a method of the class nor in a subclass, calls a
    function kept on the object whose value is unknown (`this.httpRequest(url)` with
    `this.httpRequest = params.httpRequest`), or a method inherited from a third-party base class."""
    return isinstance(callee, (Unk, Undef)) and method not in PROTOCOL_METHODS and method not in BUILTIN_METHODS


NODE_BUILTINS = frozenset(
    """
    assert async_hooks buffer child_process cluster console constants crypto dgram diagnostics_channel dns
    domain events fs fs/promises http http2 https inspector module net os path path/posix path/win32
    perf_hooks process punycode querystring readline readline/promises repl stream stream/promises
    stream/web string_decoder sys timers timers/promises tls trace_events tty url util util/types v8 vm
    wasi worker_threads zlib test
    """.split()
)

IO_FREE_PREFIXES = (
    "@modelcontextprotocol/", "zod", "ajv", "lodash", "underscore", "ramda", "date-fns", "dayjs", "moment",
    "luxon", "uuid", "nanoid", "chalk", "kleur", "picocolors", "commander", "yargs", "minimist", "js-yaml", "yaml",
    "marked", "markdown-it", "turndown", "cheerio", "htmlparser2", "fuse.js", "@turf/", "semver", "mime",
    "qs", "fast-xml-parser", "xml2js", "papaparse", "csv-parse", "csv-stringify", "@opentelemetry/api",
    "jsonschema", "json-schema", "@sinclair/typebox", "valibot", "yup", "joi", "superstruct", "effect",
    "rxjs", "immer", "p-limit", "p-queue", "p-retry", "lru-cache", "node-cache", "eventemitter3", "tslib",
    "@babel/runtime", "zod-to-json-schema", "diff", "jsonpath", "handlebars", "mustache", "pino", "winston",
    "debug", "loglevel", "tiktoken", "gpt-tokenizer", "@types/",
)
"""Packages whose calls do no I/O of their own (schemas, data structures, parsing and formatting, the
MCP SDK, logging to the process's own streams): a call on one of their objects is not unresolved."""


def unmodelled_method(module: str, names: tuple[str, ...]) -> bool:
    """A method called on an object of a third-party package that no table models
    (`new ShortcutClient(token).getStory(id)`, no kinds known for `@shortcut/client`): what it does
    is unknown (the Python frontend's "no model of <library>"). A module function
    (`_.pick(…)`, `marked.parse(…)`) and a package known to do no I/O are not listed."""
    plain = module.removeprefix("node:")
    if plain in NODE_BUILTINS or plain.startswith(".") or plain.startswith("/"):
        return False
    if any(plain == p.rstrip("/") or plain.startswith(p if p.endswith("/") else p + "/") or plain == p
           for p in IO_FREE_PREFIXES):
        return False
    members = [n for n in names if n != "default"]
    return len(members) >= 2 and members[0][:1].isupper() and members[-1] not in BUILTIN_METHODS \
        and members[-1] not in PROTOCOL_METHODS
