export function config() {
  // ruleid: js-env-process-env
  const token = process.env.API_TOKEN;
  // ruleid: js-env-process-env
  const all = JSON.stringify(process.env);
  // ok: js-env-process-env
  const cwd = process.cwd();
  return [token, all, cwd];
}
