import type { RunningEmulator } from "../../emulator";

/**
 * Calls an emulator's control plane (no auth) and returns the parsed JSON answer, or undefined for
 * an empty one. Shared by the unit suites that start an in-process emulator.
 */
export async function control(
  emu: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const res = await fetch(`${emu.controlUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`control ${method} ${path} answered ${res.status}: ${text}`);
  return text === "" ? undefined : (JSON.parse(text) as unknown);
}
