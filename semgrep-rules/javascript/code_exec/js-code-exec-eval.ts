export function render(template: string, names: string[]) {
  // ruleid: js-code-exec-eval
  const fill = new Function(...names, "return `" + template + "`;");
  // ruleid: js-code-exec-eval
  const value = eval(template);
  // ok: js-code-exec-eval
  const evaluate = (x: string) => x.length;
  // ok: js-code-exec-eval
  const f: Function = evaluate;
  return [fill, value, f];
}
