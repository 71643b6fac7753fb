// Parse CLI arguments before anything else
const args = process.argv.slice(2);
export const cliArgs = {};
for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith("--")) {
        const [key, value] = arg.slice(2).split("=");
        if (value) {
            cliArgs[key] = value;
        }
        else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
            cliArgs[key] = args[++i];
        }
    }
}
export function getConfig(cliKey, envKey, defaultValue) {
    return cliArgs[cliKey] || process.env[envKey] || defaultValue;
}
export const READ_ONLY_MODE = getConfig("read-only", "NOTES_READ_ONLY_MODE") === "true";
const PERMISSION_MODES = ["readonly", "modify", "full"];
export const PERMISSION_MODE = (() => {
    const raw = getConfig("permission-mode", "NOTES_PERMISSION_MODE");
    if (raw !== undefined && !PERMISSION_MODES.includes(raw)) {
        throw new Error(`Invalid NOTES_PERMISSION_MODE: "${raw}". Expected one of: ${PERMISSION_MODES.join(", ")}`);
    }
    if (READ_ONLY_MODE) {
        return "readonly";
    }
    return raw ?? "full";
})();
