/**
 * Scrubbing of credentials from text. This is the last line of defence: the client never puts the
 * password or the `Authorization` header into an error on purpose, but messages also quote text
 * from elsewhere (a server's error message, a socket error), and those are scrubbed too.
 */

/** What a secret is replaced with. */
export const REDACTED = "[REDACTED]";

/**
 * Every spelling under which HTTP basic credentials can leak: the password (raw and URL-encoded),
 * the base64 `user:password` token, and the full `Basic <token>` header value.
 *
 * @param apiUserId - The API user id (not itself a secret, but part of the token).
 * @param apiPassword - The API password.
 */
export function basicAuthSecrets(apiUserId: string, apiPassword: string): string[] {
  const token = basicAuthToken(apiUserId, apiPassword);
  return [`Basic ${token}`, token, apiPassword, encodeURIComponent(apiPassword)];
}

/** The base64 token of an HTTP basic `Authorization` header, without the `Basic ` scheme. */
export function basicAuthToken(apiUserId: string, apiPassword: string): string {
  return Buffer.from(`${apiUserId}:${apiPassword}`, "utf8").toString("base64");
}

/**
 * Replaces every occurrence of each secret in `text` with {@link REDACTED}.
 *
 * Longer secrets are replaced first so that the `Basic <token>` header disappears as a whole
 * rather than leaving `Basic [REDACTED]` half-matched by a shorter secret inside it.
 */
export function redact(text: string, secrets: Iterable<string>): string {
  const ordered = [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  let out = text;
  for (const secret of ordered) {
    out = out.split(secret).join(REDACTED);
  }
  return out;
}

/*
 * Secrets of every client created in this process. Errors are constructed in many places (the HTTP
 * layer, schema validation, pagination); rather than threading the credentials through all of
 * them, each error message is scrubbed against this set when the error is created. It holds only
 * values this process already holds in memory for its clients.
 */
const knownSecrets = new Set<string>();

/** Adds secrets that every later {@link redactKnownSecrets} call will scrub. */
export function registerSecrets(secrets: Iterable<string>): void {
  for (const s of secrets) {
    if (s.length > 0) knownSecrets.add(s);
  }
}

/** Scrubs every secret registered with {@link registerSecrets} from `text`. */
export function redactKnownSecrets(text: string): string {
  return knownSecrets.size === 0 ? text : redact(text, knownSecrets);
}
