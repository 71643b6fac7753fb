// the database client comes from the host application's plugin registry at run time
export function openStore(): any {
  return (globalThis as any).__catalogStore;
}
