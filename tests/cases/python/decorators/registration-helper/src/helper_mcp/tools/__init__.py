from helper_mcp.tools.incidents import create_incident, list_incidents
from helper_mcp.tools.users import get_user

read_tools = [
    list_incidents,
    get_user,
]

write_tools = [
    create_incident,
]
