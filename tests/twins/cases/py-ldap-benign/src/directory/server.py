import ldap
from ldap.filter import filter_format
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("directory")
conn = Connection(Server("ldap://directory.example.com"), auto_bind=True)


@mcp.tool()
def lookup_person(uid: str) -> str:
    """Look up a person's name and e-mail on the company LDAP server."""
    conn.search("dc=example,dc=com", f"(&(objectClass=person)(uid={escape_filter_chars(uid)}))",
                attributes=["cn", "mail"])
    return str(conn.entries)


@mcp.tool()
def group_members(group: str) -> str:
    """List the members of a group on the company LDAP server."""
    conn.search(search_base="ou=groups,dc=example,dc=com", search_filter="(cn=%s)" % escape_filter_chars(group),
                attributes=["member"])
    return str(conn.entries)


@mcp.tool()
def search_directory(ldap_filter: str) -> str:
    """Search the company LDAP directory with an LDAP filter (for example (mail=*@example.com))."""
    conn.search("dc=example,dc=com", ldap_filter, attributes=["cn", "mail"])
    return str(conn.entries)


@mcp.tool()
def group_owner(group: str) -> str:
    """Show who owns a group on the company LDAP server."""
    directory = ldap.initialize("ldap://directory.example.com")
    found = directory.search_s("ou=groups,dc=example,dc=com", ldap.SCOPE_SUBTREE,
                               filter_format("(cn=%s)", [group]), ["owner"])
    return str(found)
