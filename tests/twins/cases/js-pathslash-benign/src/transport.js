// The API token goes to the configured site only: the path a tool passes always starts with "/",
// so it cannot extend the host (`https://acme.atlassian.net` + `.evil.example/x`).
export async function fetchSite(path, options = {}) {
    const site = process.env.SITE_NAME;
    const token = process.env.SITE_TOKEN;
    const normalizedPath = path.startsWith('/') ? path : `/${path}`;
    const baseUrl = `https://${site}.atlassian.net`;
    const url = `${baseUrl}${normalizedPath}`;
    const response = await fetch(url, {
        method: options.method || 'GET',
        headers: { Authorization: `Bearer ${token}` },
    });
    return response.text();
}
