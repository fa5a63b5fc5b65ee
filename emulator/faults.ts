/**
 * Fault injection: rules that make matching API requests fail (a status, a dropped connection, a
 * delay, or an "ambiguous create" that changes state but never answers). A {@link FaultSet} belongs to
 * one store, so two emulators never share faults.
 */

/** What a test posts to `POST /__emulator/faults`. */
export interface FaultSpec {
  /** HTTP method to match (any when absent), case-insensitive. */
  method?: string;
  /** Regular expression source matched against the request path (with `/v1`, without the query). */
  path: string;
  /** Answer this status instead of processing the request. */
  status?: number;
  /** Value of a `Retry-After` header on the faulted answer. */
  retryAfter?: string | number;
  /** Body of the faulted answer: JSON unless a string; default `{message}`; `null` for no body. */
  body?: unknown;
  /** Delay before the fault acts (alone: a slow but otherwise normal answer). */
  latencyMs?: number;
  /** Destroy the socket without answering (nothing is processed). */
  reset?: boolean;
  /** Process the request normally (state changes), then destroy the socket instead of answering. */
  afterProcessing?: boolean;
  /** Fire at most this many times (with nothing else: the first N matching requests). */
  count?: number;
  /** Fire on every Nth matching request only. */
  every?: number;
  /** Fire with this probability, drawn from a PRNG seeded with `seed` (default 1) so runs repeat. */
  probability?: number;
  /** Seed for `probability`. */
  seed?: number;
}

/** A registered fault with its counters. */
export interface Fault extends FaultSpec {
  id: string;
  /** Requests that matched method and path so far. */
  matched: number;
  /** Times the fault fired. */
  fired: number;
}

/** Thrown for an invalid fault spec; the control plane answers 400 with the message. */
export class FaultSpecError extends Error {
  override readonly name = "FaultSpecError";
}

/** A small, fast, seedable PRNG (mulberry32): probabilistic faults must repeat from run to run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Armed {
  fault: Fault;
  pattern: RegExp;
  random: () => number;
}

function positiveInt(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new FaultSpecError(`${field} must be a positive integer`);
  }
  return value;
}

/** Validates an untrusted fault spec. */
export function parseFaultSpec(value: unknown): FaultSpec {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new FaultSpecError("a fault must be a JSON object");
  }
  const v = value as Record<string, unknown>;
  if (typeof v.path !== "string" || v.path === "")
    throw new FaultSpecError("path must be a regular expression source");
  try {
    new RegExp(v.path);
  } catch {
    throw new FaultSpecError("path is not a valid regular expression");
  }
  const spec: FaultSpec = { path: v.path };
  if (v.method !== undefined) {
    if (typeof v.method !== "string" || v.method === "") throw new FaultSpecError("method must be a string");
    spec.method = v.method.toUpperCase();
  }
  if (v.status !== undefined) {
    if (typeof v.status !== "number" || !Number.isInteger(v.status) || v.status < 200 || v.status > 599) {
      throw new FaultSpecError("status must be an integer from 200 to 599");
    }
    spec.status = v.status;
  }
  if (v.retryAfter !== undefined) {
    if (typeof v.retryAfter !== "string" && typeof v.retryAfter !== "number") {
      throw new FaultSpecError("retryAfter must be a string or a number");
    }
    spec.retryAfter = v.retryAfter;
  }
  if ("body" in v) spec.body = v.body;
  if (v.latencyMs !== undefined) {
    if (typeof v.latencyMs !== "number" || !(v.latencyMs >= 0) || v.latencyMs > 600_000) {
      throw new FaultSpecError("latencyMs must be a number from 0 to 600000");
    }
    spec.latencyMs = v.latencyMs;
  }
  for (const flag of ["reset", "afterProcessing"] as const) {
    if (v[flag] !== undefined) {
      if (typeof v[flag] !== "boolean") throw new FaultSpecError(`${flag} must be a boolean`);
      spec[flag] = v[flag];
    }
  }
  const count = positiveInt(v.count, "count");
  if (count !== undefined) spec.count = count;
  const every = positiveInt(v.every, "every");
  if (every !== undefined) spec.every = every;
  if (v.probability !== undefined) {
    if (typeof v.probability !== "number" || !(v.probability >= 0 && v.probability <= 1)) {
      throw new FaultSpecError("probability must be a number from 0 to 1");
    }
    spec.probability = v.probability;
  }
  if (v.seed !== undefined) {
    if (typeof v.seed !== "number" || !Number.isInteger(v.seed))
      throw new FaultSpecError("seed must be an integer");
    spec.seed = v.seed;
  }
  const actions = [spec.status !== undefined, spec.reset === true, spec.afterProcessing === true].filter(
    Boolean,
  );
  if (actions.length > 1) throw new FaultSpecError("choose one of status, reset and afterProcessing");
  if (actions.length === 0 && spec.latencyMs === undefined) {
    throw new FaultSpecError("a fault needs status, reset, afterProcessing or latencyMs");
  }
  return spec;
}

/** A short label for the request log, e.g. `"status 503"`, `"reset"`, `"afterProcessing"`, `"latency 50ms"`. */
export function describeFault(fault: FaultSpec): string {
  if (fault.reset) return "reset";
  if (fault.afterProcessing) return "afterProcessing";
  if (fault.status !== undefined) return `status ${fault.status}`;
  return `latency ${fault.latencyMs ?? 0}ms`;
}

/** The faults of one emulator, evaluated in the order they were added. */
export class FaultSet {
  private armed: Armed[] = [];
  private nextId = 1;

  /** Validates and registers a fault; answers it with its id. */
  add(value: unknown): Fault {
    const spec = parseFaultSpec(value);
    const fault: Fault = { ...spec, id: `fault-${this.nextId++}`, matched: 0, fired: 0 };
    this.armed.push({ fault, pattern: new RegExp(spec.path), random: mulberry32(spec.seed ?? 1) });
    return fault;
  }

  /** The registered faults with their counters (copies). */
  list(): Fault[] {
    return this.armed.map((a) => ({ ...a.fault }));
  }

  /** Removes every fault. */
  clear(): void {
    this.armed = [];
  }

  /**
   * The fault that fires for a request, if any. Every fault that matches method and path counts the
   * request, in order, until one fires; faults after it do not see the request. A fault fires when the
   * match is an `every`-th one, its `count` is not used up, and its probability draw succeeds.
   */
  pick(method: string, path: string): Fault | undefined {
    for (const armed of this.armed) {
      const { fault } = armed;
      if (fault.method !== undefined && fault.method !== method.toUpperCase()) continue;
      if (!armed.pattern.test(path)) continue;
      fault.matched += 1;
      if (fault.every !== undefined && fault.matched % fault.every !== 0) continue;
      if (fault.count !== undefined && fault.fired >= fault.count) continue;
      if (fault.probability !== undefined && !(armed.random() < fault.probability)) continue;
      fault.fired += 1;
      return { ...fault };
    }
    return undefined;
  }
}
