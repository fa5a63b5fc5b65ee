/**
 * Turns any failure inside a provider method into an error that names the resource type, the
 * operation and the object, keeping the client's message (method, path, status, API message, request
 * id) intact. The client's messages are already free of credentials.
 */
export function providerError(type: string, operation: string, subject: string, err: unknown): Error {
  const detail = err instanceof Error ? err.message : String(err);
  const wrapped = new Error(`wpengine:${type} ${operation} of ${subject} failed: ${detail}`);
  // Keep the client's error class name visible without attaching the original object.
  wrapped.name = err instanceof Error ? `${type}${capitalise(operation)}Error` : "Error";
  return wrapped;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
