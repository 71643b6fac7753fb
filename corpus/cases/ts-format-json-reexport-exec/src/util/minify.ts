export function minify(text: string): string {
  return JSON.stringify(JSON.parse(text));
}
