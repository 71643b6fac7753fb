export function slugify(input) {
    return input
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "");
}
export function caseOf(input, style) {
    const words = input.split(/[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])/).filter(Boolean).map((w) => w.toLowerCase());
    switch (style) {
        case "camel":
            return words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join("");
        case "snake":
            return words.join("_");
        case "kebab":
            return words.join("-");
        case "title":
            return words.map((w) => w[0].toUpperCase() + w.slice(1)).join(" ");
    }
}
export function levenshtein(a, b) {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let prev = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const tmp = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
            prev = tmp;
        }
    }
    return row[b.length];
}
