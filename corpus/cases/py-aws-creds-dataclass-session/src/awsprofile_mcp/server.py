from mcp.server.fastmcp import FastMCP

from . import profiles

mcp = FastMCP("awsprofile")


@mcp.tool(description="List the profile names defined in your local AWS CLI config file (~/.aws/config).")
def list_profiles() -> list[str]:
    return profiles.profile_names()


@mcp.tool(description="Return the default region of a profile from your local AWS CLI config file (~/.aws/config).")
def profile_region(profile: str = "default") -> str:
    return profiles.region_of(profile)


if __name__ == "__main__":
    mcp.run()
