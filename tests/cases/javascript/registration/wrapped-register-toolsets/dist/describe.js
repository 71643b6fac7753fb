// A description helper: environment, then a table of overrides, then the text written in the code.
export function createDescriber(overrides = {}) {
    const used = {};
    function t(key, fallback) {
        const upper = key.toUpperCase();
        if (used[upper]) {
            return used[upper];
        }
        const env = typeof process === 'undefined' ? undefined : process.env;
        const fromEnv = env?.[`NOTES_MCP_${upper}`];
        const value = fromEnv || overrides[upper] || fallback;
        used[upper] = value;
        return value;
    }
    return { t, dump: () => ({ ...used }) };
}
