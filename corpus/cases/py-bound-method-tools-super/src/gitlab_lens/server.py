from __future__ import annotations

from fastmcp import FastMCP

from .gitcmd import run_lines
from .rest import GitLab


class LensTools:
    """Tools bound to one GitLab client."""

    def __init__(self, server: FastMCP, gitlab: GitLab) -> None:
        self.gitlab = gitlab
        server.tool(self.group_projects)
        server.tool(self.starred, name="starred_projects", description="List the projects you starred on GitLab (GitLab REST API).")
        server.tool(self.archive_repo)
        server.tool(self.clone_url)

    async def group_projects(self, group: str) -> list[str]:
        """List the projects of a GitLab group through the GitLab REST API."""
        return await self.gitlab.names(f"/groups/{group}/projects")

    async def starred(self) -> list[str]:
        return await self.gitlab.names("/projects?starred=true")

    def archive_repo(self, repo_path: str, output: str = "archive.tar.gz") -> str:
        """Run `git archive` in a local repository to write a tar.gz of HEAD."""
        lines = list(run_lines(["git", "archive", "--format=tar.gz", "-o", output, "HEAD"], cwd=repo_path))
        return "\n".join(lines) or f"wrote {output}"

    def clone_url(self, project: str, ssh: bool = False) -> str:
        """Build the clone URL of a gitlab.com project path (no request is made)."""
        return f"git@gitlab.com:{project}.git" if ssh else f"https://gitlab.com/{project}.git"


mcp = FastMCP("gitlab-lens")
LensTools(mcp, GitLab())


def main() -> None:
    mcp.run()
