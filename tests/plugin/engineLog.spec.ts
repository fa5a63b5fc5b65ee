/**
 * The plugin's notices reach the engine's log (what the terminal shows without -v), as warnings
 * about the resource the provider call was for; with no engine to take them they stay on stderr.
 */
import assert from "node:assert/strict";
import * as grpc from "@grpc/grpc-js";
import * as enginerpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineproto from "@pulumi/pulumi/proto/engine_pb";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import {
  aboutResource,
  engineAddressOf,
  noticesDelivered,
  routeNoticesToEngine,
} from "../../plugin/engineLog";

describe("plugin notices", () => {
  const original = console.error;
  afterEach(() => {
    console.error = original;
  });

  it("finds the engine address after the engine's flags", () => {
    assert.equal(engineAddressOf(["--logtostderr", "-v=9", "127.0.0.1:4242"]), "127.0.0.1:4242");
    assert.equal(engineAddressOf(["127.0.0.1:1"]), "127.0.0.1:1");
    assert.equal(engineAddressOf([]), undefined);
  });

  it("sends a provider's warning to the engine log about the resource of the call, before the call answers", async () => {
    const seen: { severity: number; message: string; urn: string }[] = [];
    const server = new grpc.Server();
    server.addService(enginerpc.EngineService, {
      log: (call: { request: engineproto.LogRequest }, cb: (e: null, v: emptyproto.Empty) => void) => {
        seen.push({
          severity: call.request.getSeverity(),
          message: call.request.getMessage(),
          urn: call.request.getUrn(),
        });
        cb(null, new emptyproto.Empty());
      },
    } as unknown as grpc.UntypedServiceImplementation);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) =>
        e ? reject(e) : resolve(p),
      ),
    );
    try {
      routeNoticesToEngine(`127.0.0.1:${port}`);
      const urn = "urn:pulumi:dev::p::wpengine:index:Install::shop";
      await aboutResource(urn, async () => {
        console.error(
          "warning: wpengine:Install shop will be REPLACED (name changed): %s",
          "the website is deleted",
        );
        console.error("imported, and `pulumi up` changes it in place");
      });
      await noticesDelivered();
      assert.deepEqual(seen, [
        {
          severity: engineproto.LogSeverity.WARNING,
          message: "wpengine:Install shop will be REPLACED (name changed): the website is deleted",
          urn,
        },
        {
          severity: engineproto.LogSeverity.INFO,
          message: "imported, and `pulumi up` changes it in place",
          urn,
        },
      ]);
    } finally {
      server.forceShutdown();
    }
  });

  it("keeps a notice on stderr when the engine cannot take it", async () => {
    const printed: string[] = [];
    console.error = (...args: unknown[]) => printed.push(args.join(" "));
    // A port nothing listens on: the log call fails and the line is printed instead.
    routeNoticesToEngine("127.0.0.1:1");
    console.error("warning: kept");
    await noticesDelivered();
    assert.deepEqual(printed, ["warning: kept"]);
  });
});
