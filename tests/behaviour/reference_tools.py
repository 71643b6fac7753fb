"""Tool names, descriptions and parameters of the official MCP reference servers, as published
(mcp-server-fetch 2026.10.24, mcp-server-git / mcp-server-time 2026.10.19,
@modelcontextprotocol/server-filesystem, -memory, -everything 2026.8.31), with the kinds their
handlers really exercise. They are honest: every kind must be declared by their text.
"""

from __future__ import annotations

from typing import Any

from mcpvet.model import Kind, Language, Location, Tool

N, R, W, P, C, E = Kind.NETWORK, Kind.FS_READ, Kind.FS_WRITE, Kind.PROCESS, Kind.CODE_EXEC, Kind.ENV

_FS_SUFFIX = " Only works within allowed directories."
FETCH_DESCRIPTION = (
    "Fetches a URL from the internet and optionally extracts its contents as markdown.\n\n"
    "Although originally you did not have internet access, and were advised to refuse and tell the user this, "
    "this tool now grants you internet access. Now you can fetch the most up-to-date information and let the "
    "user know that."
)

# (server, name, description, {param: description or None}, kinds the handler exercises)
REFERENCE: list[tuple[str, str, str, dict[str, str | None], set[Kind]]] = [
    ("fetch", "fetch", FETCH_DESCRIPTION,
     {"url": "URL to fetch", "max_length": "Maximum number of characters to return.",
      "start_index": "On return output starting at this character index, useful if a previous fetch was truncated "
                     "and more context is required.",
      "raw": "Get the actual HTML content of the requested page, without simplification."}, {N}),
    ("git", "git_status", "Shows the working tree status", {"repo_path": None}, {P, R}),
    ("git", "git_diff_unstaged", "Shows changes in the working directory that are not yet staged",
     {"repo_path": None, "context_lines": None}, {P, R}),
    ("git", "git_diff_staged", "Shows changes that are staged for commit", {"repo_path": None}, {P, R}),
    ("git", "git_diff", "Shows differences between branches or commits", {"repo_path": None, "target": None}, {P, R}),
    ("git", "git_commit", "Records changes to the repository", {"repo_path": None, "message": None}, {P, R, W}),
    ("git", "git_add", "Adds file contents to the staging area", {"repo_path": None, "files": None}, {P, R, W}),
    ("git", "git_reset", "Unstages all staged changes", {"repo_path": None}, {P, R, W}),
    ("git", "git_log", "Shows the commit logs",
     {"repo_path": None, "start_timestamp": "Start timestamp for filtering commits."}, {P, R}),
    ("git", "git_create_branch", "Creates a new branch from an optional base branch",
     {"repo_path": None, "branch_name": None}, {P, R, W}),
    ("git", "git_checkout", "Switches branches", {"repo_path": None, "branch_name": None}, {P, R, W}),
    ("git", "git_show", "Shows the contents of a commit, or of a file or directory given as <revision>:<path>",
     {"repo_path": None, "revision": None}, {P, R}),
    ("git", "git_branch", "List Git branches",
     {"repo_path": "The path to the Git repository.",
      "branch_type": "Whether to list local branches ('local'), remote branches ('remote') or all branches('all').",
      "contains": "The commit sha that branch should contain. Do not pass anything to this param if no commit sha "
                  "is specified"}, {P, R}),
    ("time", "get_current_time", "Get current time in a specific timezone",
     {"timezone": "IANA timezone name (e.g., 'America/New_York', 'Europe/London'). Use 'UTC' as local timezone if "
                  "no timezone provided by the user."}, set()),
    ("time", "convert_time", "Convert time between timezones",
     {"source_timezone": None, "time": "Time to convert in 24-hour format (HH:MM)", "target_timezone": None}, set()),
    ("filesystem", "read_file", "Read the complete contents of a file as text. DEPRECATED: Use read_text_file instead.",
     {"path": None}, {R}),
    ("filesystem", "read_text_file",
     "Read the complete contents of a file from the file system as text. Handles various text encodings and provides "
     "detailed error messages if the file cannot be read. Use this tool when you need to examine the contents of a "
     "single file. Use the 'head' parameter to read only the first N lines of a file, or the 'tail' parameter to read "
     "only the last N lines of a file. Operates on the file as text regardless of extension." + _FS_SUFFIX,
     {"path": None, "tail": "If provided, returns only the last N lines of the file",
      "head": "If provided, returns only the first N lines of the file"}, {R}),
    ("filesystem", "read_media_file",
     "Read a file and return it as a base64-encoded content block with its MIME type. Image and audio files are "
     "returned as image/audio content; any other file type is returned as an embedded resource." + _FS_SUFFIX,
     {"path": None}, {R}),
    ("filesystem", "read_multiple_files",
     "Read the contents of multiple files simultaneously. This is more efficient than reading files one by one when "
     "you need to analyze or compare multiple files. Each file's content is returned with its path as a reference. "
     "Failed reads for individual files won't stop the entire operation." + _FS_SUFFIX, {"paths": None}, {R}),
    ("filesystem", "write_file",
     "Create a new file or completely overwrite an existing file with new content. Use with caution as it will "
     "overwrite existing files without warning. Handles text content with proper encoding." + _FS_SUFFIX,
     {"path": None, "content": None}, {R, W}),
    ("filesystem", "edit_file",
     "Make line-based edits to a text file. Each edit replaces exact line sequences with new content. Returns a "
     "git-style diff showing the changes made." + _FS_SUFFIX,
     {"path": None, "edits": None, "dryRun": "Preview changes using git-style diff format"}, {R, W}),
    ("filesystem", "create_directory",
     "Create a new directory or ensure a directory exists. Can create multiple nested directories in one operation. "
     "If the directory already exists, this operation will succeed silently. Perfect for setting up directory "
     "structures for projects or ensuring required paths exist." + _FS_SUFFIX, {"path": None}, {R, W}),
    ("filesystem", "list_directory",
     "Get a detailed listing of all files and directories in a specified path. Results clearly distinguish between "
     "files and directories with [FILE] and [DIR] prefixes. This tool is essential for understanding directory "
     "structure and finding specific files within a directory." + _FS_SUFFIX, {"path": None}, {R}),
    ("filesystem", "directory_tree",
     "Get a recursive tree view of files and directories as a JSON structure. Each entry includes 'name', 'type' "
     "(file/directory), and 'children' for directories. Files have no children array, while directories always have "
     "a children array (which may be empty). The output is formatted with 2-space indentation for readability."
     + _FS_SUFFIX, {"path": None, "excludePatterns": None}, {R}),
    ("filesystem", "move_file",
     "Move or rename files and directories. Can move files between directories and rename them in a single "
     "operation. If the destination exists, the operation will fail. Works across different directories and can be "
     "used for simple renaming within the same directory. Both source and destination must be within allowed "
     "directories.", {"source": None, "destination": None}, {R, W}),
    ("filesystem", "search_files",
     "Recursively search for files and directories matching a pattern. The patterns should be glob-style patterns "
     "that match paths relative to the working directory. Use pattern like '*.ext' to match files in current "
     "directory, and '**/*.ext' to match files in all subdirectories. Returns full paths to all matching items. "
     "Great for finding files when you don't know their exact location. Only searches within allowed directories.",
     {"path": None, "pattern": None, "excludePatterns": None}, {R}),
    ("filesystem", "get_file_info",
     "Retrieve detailed metadata about a file or directory. Returns comprehensive information including size, "
     "creation time, last modified time, permissions, and type. This tool is perfect for understanding file "
     "characteristics without reading the actual content." + _FS_SUFFIX, {"path": None}, {R}),
    ("filesystem", "list_allowed_directories",
     "Returns the list of directories that this server is allowed to access. Subdirectories within these allowed "
     "directories are also accessible. Use this to understand which directories and their nested paths are "
     "available before trying to access files.", {}, set()),
    ("memory", "create_entities", "Create multiple new entities in the knowledge graph", {"entities": None}, {R, W}),
    ("memory", "create_relations",
     "Create multiple new relations between entities in the knowledge graph. Relations should be in active voice",
     {"relations": None}, {R, W}),
    ("memory", "add_observations", "Add new observations to existing entities in the knowledge graph",
     {"observations": None}, {R, W}),
    ("memory", "delete_entities", "Delete multiple entities and their associated relations from the knowledge graph",
     {"entityNames": None}, {R, W}),
    ("memory", "read_graph", "Read the entire knowledge graph", {}, {R}),
    ("memory", "search_nodes", "Search for nodes in the knowledge graph based on a query", {"query": None}, {R}),
    ("memory", "open_nodes", "Open specific nodes in the knowledge graph by their names", {"names": None}, {R}),
    ("everything", "echo", "Echoes back the input string", {"message": "Message to echo"}, set()),
    ("everything", "get-env",
     "Returns all environment variables, helpful for debugging MCP server configuration", {}, {E}),
    ("everything", "get-sum", "Returns the sum of two numbers", {"a": "First number", "b": "Second number"}, set()),
    ("everything", "gzip-file-as-resource",
     "Compresses a single file using gzip compression. Depending upon the selected output type, returns either the "
     "compressed data as a gzipped resource or a resource link, allowing it to be downloaded in a subsequent request "
     "during the current session.",
     {"name": "Name of the output file", "data": "URL or data URI of the file content to compress",
      "outputType": None}, {N}),
    ("everything", "get-roots-list",
     "Lists the current MCP roots provided by the client. Demonstrates the roots protocol capability even though "
     "this server doesn't access files.", {}, set()),
    ("everything", "trigger-long-running-operation", "Demonstrates a long running operation with progress updates.",
     {"duration": "Duration of the operation in seconds", "steps": "Number of steps in the operation"}, set()),
]


def make_tool(name: str, description: str | None, params: dict[str, str | None] | None = None,
              schema: dict[str, Any] | None = None, **kw: Any) -> Tool:
    if schema is None and params is not None:
        schema = {"type": "object", "properties": {
            p: ({"type": "string", "description": d} if d else {"type": "string"}) for p, d in params.items()}}
    return Tool(name, description, schema, Location("server.py", 1), None, Language.PYTHON, **kw)


def reference_tools() -> list[tuple[str, Tool, set[Kind]]]:
    return [(server, make_tool(name, desc, params), kinds) for server, name, desc, params, kinds in REFERENCE]
