const API = "https://api.github.com";

export class GitHubError extends Error {}

function token(): string {
  const value = process.env.GITHUB_TOKEN;
  if (!value) {
    throw new GitHubError("GITHUB_TOKEN is not set");
  }
  return value;
}

export async function gh<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${API}${path}`, {
    ...init,
    headers: {
      Accept: "application/vnd.github+json",
      Authorization: `Bearer ${token()}`,
      "X-GitHub-Api-Version": "2022-11-28",
      ...(init.headers ?? {}),
    },
  });
  if (!response.ok) {
    throw new GitHubError(`GitHub answered ${response.status}`);
  }
  return (await response.json()) as T;
}
