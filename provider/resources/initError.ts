/**
 * An error the Pulumi engine treats as a resource initialization failure: it records the resource
 * with this id and these properties (flagged as not ready) instead of forgetting it. Why: a backup or
 * a certificate order that WP Engine took must stay in the state when waiting for it fails, so the
 * next `up` resumes it instead of requesting another.
 */
export function initError(
  id: string,
  outs: Record<string, unknown>,
  provider: unknown,
  message: string,
): Error {
  return Object.assign(new Error(message), {
    id,
    properties: { ...outs, __provider: provider },
    reasons: [message],
  });
}
