type Handler<A extends unknown[], R> = (...args: A) => Promise<R>;

export class RequestLoggingMiddleware {
  constructor(private readonly prefix: string) {}

  wrapHandler<R>(handlerName: string, handler: (request: any) => Promise<R>) {
    return async (request: any): Promise<R> => {
      const started = Date.now();
      try {
        const result = await handler(request);
        console.error(`${this.prefix} ${handlerName} ok in ${Date.now() - started} ms`);
        return result;
      } catch (error) {
        console.error(`${this.prefix} ${handlerName} failed`, error);
        throw error;
      }
    };
  }

  wrapToolHandler<R>(handler: Handler<[string, Record<string, unknown>], R>) {
    return async (name: string, args: Record<string, unknown>): Promise<R> => {
      console.error(`${this.prefix} tool ${name}`);
      return handler(name, args);
    };
  }
}
