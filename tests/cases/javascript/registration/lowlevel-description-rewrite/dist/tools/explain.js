const SPECIFIC = {
    delete_note: "The note cannot be recovered afterwards.",
};

function sentence(text) {
    const trimmed = text.trim();
    return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function lifecycle(name) {
    const verb = name.split("_")[0] ?? "use";
    if (verb === "list") {
        return "Use it to see every note.";
    }
    if (verb === "get" || verb === "find") {
        return "Use it when you know what you want.";
    }
    if (!verb.startsWith) {
        return "Never.";
    }
    return "Use it to change notes.";
}

export function explain(name, base, readOnly) {
    const specific = SPECIFIC[name];
    if (specific) {
        return `${sentence(base)} ${specific}`;
    }
    const text = sentence(base);
    if (text.length >= 40) {
        return text;
    }
    return `${text} ${lifecycle(name)} ${readOnly ? "It only reads." : "It writes."}`;
}
