/**
 * Running schemas at the client's boundaries: responses become {@link ResponseValidationError}s
 * naming the operation and each failing field path; request arguments become
 * {@link InvalidArgumentError}s before anything is sent.
 */
import type { z } from "zod";
import { InvalidArgumentError, type RequestTarget, ResponseValidationError } from "./errors";
import { isUuid } from "./schemas";

/*
 * "Required" reads better than zod's "expected string, received undefined" for the common case
 * of a missing field; every other message is zod's own.
 */
const errorMap = (issue: { code?: string; input?: unknown }): string | undefined =>
  issue.code === "invalid_type" && issue.input === undefined ? "Required" : undefined;

/** Formats a zod issue path as `results[3].account.id`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(body)" : out;
}

/** One `path: message` line per zod issue. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
}

/**
 * Validates a response body.
 *
 * @param operation - The client operation, e.g. `getAccountUser`; named in the error.
 * @throws ResponseValidationError naming the operation and each failing field path.
 */
export function parseResponse<S extends z.ZodType>(
  schema: S,
  data: unknown,
  operation: string,
  target?: RequestTarget,
): z.output<S> {
  const result = schema.safeParse(data, { error: errorMap });
  if (result.success) return result.data;
  throw new ResponseValidationError(operation, formatIssues(result.error), target);
}

/**
 * Validates request arguments before sending.
 *
 * @param parameter - The argument's name, e.g. `input`; named in the error.
 * @throws InvalidArgumentError listing each failing field.
 */
export function parseRequest<S extends z.ZodType>(
  schema: S,
  data: unknown,
  operation: string,
  parameter: string,
): z.output<S> {
  const result = schema.safeParse(data, { error: errorMap });
  if (result.success) return result.data;
  throw new InvalidArgumentError(
    parameter,
    `${operation}: invalid ${parameter}: ${formatIssues(result.error).join("; ")}`,
  );
}

/**
 * Checks that a path parameter is a UUID and returns it URL-encoded. Encoding is redundant for a
 * valid UUID but kept so that no path is ever built from unencoded input.
 *
 * @throws InvalidArgumentError naming the parameter; nothing is sent.
 */
export function uuidPathParam(operation: string, name: string, value: unknown): string {
  if (typeof value !== "string" || !isUuid(value)) {
    const shown = typeof value === "string" ? JSON.stringify(value) : typeof value;
    throw new InvalidArgumentError(name, `${operation}: ${name} must be a UUID, got ${shown}`);
  }
  return encodeURIComponent(value);
}

/*
 * A backup id is whatever the API answered (the contract gives it no format), so it is checked to be
 * one plain path segment: unreserved characters only, and never `.` or `..`.
 */
const BACKUP_ID = /^[A-Za-z0-9._~-]{1,200}$/;

/**
 * Checks that a backup id is a safe single path segment and returns it URL-encoded.
 *
 * @throws InvalidArgumentError naming the parameter; nothing is sent.
 */
export function backupIdPathParam(operation: string, name: string, value: unknown): string {
  if (typeof value !== "string" || !BACKUP_ID.test(value) || value === "." || value === "..") {
    const shown = typeof value === "string" ? JSON.stringify(value) : typeof value;
    throw new InvalidArgumentError(
      name,
      `${operation}: ${name} must be a backup id as the API gave it (letters, digits, ".", "_", "~", "-"), got ${shown}`,
    );
  }
  return encodeURIComponent(value);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The `first_date`/`last_date` query of a usage read: both calendar dates (`YYYY-MM-DD`, first not
 * after last) or neither. Checked here so that a typo fails before anything is sent.
 *
 * @throws InvalidArgumentError naming `firstDate` or `lastDate`.
 */
export function usageRangeQuery(
  operation: string,
  range: { firstDate?: string | undefined; lastDate?: string | undefined },
): Record<string, string> {
  const { firstDate, lastDate } = range;
  if (firstDate === undefined && lastDate === undefined) return {};
  if (firstDate === undefined || lastDate === undefined) {
    const missing = firstDate === undefined ? "firstDate" : "lastDate";
    throw new InvalidArgumentError(
      missing,
      `${operation}: give both firstDate and lastDate (YYYY-MM-DD), or neither for WP Engine's default range; ${missing} is missing`,
    );
  }
  for (const [name, value] of [
    ["firstDate", firstDate],
    ["lastDate", lastDate],
  ] as const) {
    const parsed = Date.parse(`${value}T00:00:00Z`);
    if (!DAY.test(value) || Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== value) {
      throw new InvalidArgumentError(
        name,
        `${operation}: ${name} must be a calendar date as YYYY-MM-DD, got ${JSON.stringify(value)}`,
      );
    }
  }
  if (firstDate > lastDate) {
    throw new InvalidArgumentError(
      "firstDate",
      `${operation}: firstDate ${firstDate} is after lastDate ${lastDate}; swap them`,
    );
  }
  return { first_date: firstDate, last_date: lastDate };
}
