import { AsyncLocalStorage } from "node:async_hooks";
import { format } from "node:util";
import * as grpc from "@grpc/grpc-js";
import * as enginerpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineproto from "@pulumi/pulumi/proto/engine_pb";

/** The URN of the resource the running provider call is about (so a notice is shown beside it). */
const about = new AsyncLocalStorage<string>();

/** Log calls not yet answered by the engine: a reply waits for them, so no notice is lost at exit. */
const pending = new Set<Promise<void>>();

/** Runs a provider call with its resource's URN as the subject of whatever it prints. */
export function aboutResource<T>(urn: string, run: () => Promise<T>): Promise<T> {
  return about.run(urn, run);
}

/** Resolves once every notice printed so far has reached the engine (or fell back to stderr). */
export async function noticesDelivered(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}

/**
 * The engine's address, from the plugin's command line: the engine starts a provider as
 * `pulumi-resource-<name> [flags] <engine address>`.
 */
export function engineAddressOf(argv: readonly string[]): string | undefined {
  return [...argv].reverse().find((arg) => !arg.startsWith("-"));
}

/**
 * Sends what the provider code prints with `console.error` (its warnings and notices: a replace that
 * deletes a website, a name the API cannot change, a backup left at WP Engine) to the engine's log,
 * beside the resource it is about. Why: the engine shows a plugin's stderr only under `-v`, while
 * the dynamic path's notices reach the terminal; the provider code stays the same on both paths.
 * A line starting `warning:` is a warning, any other an info message. When the engine cannot be
 * reached the line goes to stderr as before.
 */
export function routeNoticesToEngine(engineAddress: string | undefined): void {
  if (engineAddress === undefined) return;
  const engine = new enginerpc.EngineClient(engineAddress, grpc.credentials.createInsecure());
  const toStderr = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    const text = format(...args);
    const warning = /^warning:\s*/i;
    const request = new engineproto.LogRequest();
    request.setSeverity(warning.test(text) ? engineproto.LogSeverity.WARNING : engineproto.LogSeverity.INFO);
    request.setMessage(text.replace(warning, ""));
    const urn = about.getStore();
    if (urn !== undefined) request.setUrn(urn);
    const sent = new Promise<void>((resolve) => {
      engine.log(request, (err) => {
        if (err) toStderr(text);
        resolve();
      });
    });
    pending.add(sent);
    void sent.then(() => pending.delete(sent));
  };
}
