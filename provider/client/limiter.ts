/**
 * A cap on concurrent in-flight requests.
 *
 * Pulumi runs a dynamic provider's operations for all resources of an update in one process and
 * in parallel (bounded only by `pulumi up --parallel`), and each operation may build its own
 * client. A per-client limit would not bound the total, so the limit is one module-level
 * semaphore per process: the requirement is per process, and module state is exactly that.
 */
import { ConfigurationError } from "./errors";

/** Default number of concurrent requests per process. */
export const DEFAULT_MAX_CONCURRENCY = 8;

/** The environment variable that overrides {@link DEFAULT_MAX_CONCURRENCY}. */
export const MAX_CONCURRENCY_ENV = "WPENGINE_MAX_CONCURRENCY";

/** A FIFO counting semaphore. */
export class Semaphore {
  #limit: number;
  #active = 0;
  readonly #waiters: (() => void)[] = [];

  /** @param limit - Maximum concurrent holders (a positive integer). */
  constructor(limit: number) {
    this.#limit = checkLimit(limit, "limit");
  }

  /** Maximum concurrent holders. */
  get limit(): number {
    return this.#limit;
  }

  /** Current holders. */
  get active(): number {
    return this.#active;
  }

  /** Callers waiting for a slot. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /** Changes the limit; raising it admits waiters at once. */
  setLimit(limit: number): void {
    this.#limit = checkLimit(limit, "limit");
    this.#drain();
  }

  /** Waits for a slot. The returned function releases it (calling it twice is harmless). */
  async acquire(): Promise<() => void> {
    if (this.#active < this.#limit && this.#waiters.length === 0) {
      this.#active++;
    } else {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active--;
      this.#drain();
    };
  }

  /** Runs `task` while holding a slot. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await task();
    } finally {
      release();
    }
  }

  #drain(): void {
    while (this.#active < this.#limit) {
      const next = this.#waiters.shift();
      if (next === undefined) return;
      this.#active++;
      next();
    }
  }
}

function checkLimit(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigurationError(`The concurrency ${name} must be a positive integer, got ${value}.`);
  }
  return value;
}

/**
 * Reads {@link MAX_CONCURRENCY_ENV}.
 *
 * @throws ConfigurationError when it is set but not a positive integer.
 */
export function maxConcurrencyFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[MAX_CONCURRENCY_ENV]?.trim();
  if (raw === undefined || raw === "") return DEFAULT_MAX_CONCURRENCY;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigurationError(
      `${MAX_CONCURRENCY_ENV} must be a positive integer, got "${raw}". Unset it to use the default of ${DEFAULT_MAX_CONCURRENCY}.`,
    );
  }
  return value;
}

let shared: Semaphore | undefined;

/**
 * The process-wide limiter, created on first use with the limit from
 * {@link MAX_CONCURRENCY_ENV} (default {@link DEFAULT_MAX_CONCURRENCY}). A client created with
 * an explicit `maxConcurrency` sets the process-wide limit (the last setting wins).
 */
export function processLimiter(): Semaphore {
  shared ??= new Semaphore(maxConcurrencyFromEnv());
  return shared;
}
