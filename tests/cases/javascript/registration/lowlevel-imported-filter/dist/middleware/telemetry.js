export function withTelemetry(handler) {
    return async function traced(request) {
        const started = Date.now();
        try {
            return await handler(request);
        }
        finally {
            console.error(`${request.params.name}: ${Date.now() - started} ms`);
        }
    };
}
