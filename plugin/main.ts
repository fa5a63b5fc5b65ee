import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import { engineAddressOf, routeNoticesToEngine } from "./engineLog";
import { WpEngineProviderService } from "./service";

/** The package root: dist/plugin/main.js sits two levels below it. */
const ROOT = path.resolve(__dirname, "..", "..");

/**
 * Starts `pulumi-resource-wpengine`: serves the provider on a loopback port and prints the port,
 * which is how the engine finds a plugin. The provider's notices go to the engine's log at the
 * address the engine passes (see {@link routeNoticesToEngine}).
 */
export async function main(): Promise<void> {
  routeNoticesToEngine(engineAddressOf(process.argv.slice(2)));
  const version = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string })
    .version;
  // Read once, on the first GetSchema: the committed schema.json is generated and checked by `npm test`.
  let schema: string | undefined;
  const service = new WpEngineProviderService(version, () => {
    schema ??= readFileSync(path.join(ROOT, "schema.json"), "utf8");
    return schema;
  });
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(provrpc.ResourceProviderService, service as unknown as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  process.stdout.write(`${port}\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    // Straight to stderr: console.error goes to the engine's log asynchronously, and the exit below
    // would drop it; the engine reports a plugin's stderr when the plugin fails to start.
    process.stderr.write(`pulumi-resource-wpengine could not start: ${(err as Error)?.message ?? err}\n`);
    process.exit(1);
  });
}
