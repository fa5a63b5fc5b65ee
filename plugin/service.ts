import * as grpc from "@grpc/grpc-js";
import type * as pulumi from "@pulumi/pulumi";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import * as anyproto from "google-protobuf/google/protobuf/any_pb";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { createProvider, type ProviderKind } from "../provider/index";
import { configFromArgs } from "./config";
import { aboutResource, noticesDelivered } from "./engineLog";
import { invokeFunction } from "./functions";
import { importRead } from "./importRead";
import { kindOfUrn, type PluginKind } from "./kinds";

type Props = Record<string, unknown>;
type Callback<T> = (err: grpc.ServiceError | Partial<grpc.StatusObject> | null, value?: T | null) => void;
interface Call<R> {
  request: R;
}

/**
 * The gRPC `ResourceProvider` service of `pulumi-resource-wpengine`. A thin layer: every kind is the
 * provider implementation the dynamic resources use (`createProvider`), built once per process from
 * the configuration the engine sends to Configure. Why not `@pulumi/pulumi/provider`'s server: it
 * drops the configuration (pulumi/pulumi#10915) and accepts secrets, which would reach zod wrapped.
 * This one answers Configure with `acceptSecrets: false`, so inputs and config arrive plain (as on
 * the dynamic path) and the engine re-marks secret outputs from the schema. Methods it lacks (Construct,
 * Call, ...) are answered UNIMPLEMENTED by grpc-js, and the engine falls back where it can.
 */
export class WpEngineProviderService {
  private config: pulumi.dynamic.Config | undefined;
  private readonly providers = new Map<ProviderKind, pulumi.dynamic.ResourceProvider>();

  constructor(
    private readonly version: string,
    private readonly schema: () => string,
  ) {}

  /**
   * Answers a call about one resource with its kind's provider; what the provider prints meanwhile
   * is a notice about that resource.
   */
  private onResource<R extends { getUrn(): string }, T>(
    call: Call<R>,
    cb: Callback<T>,
    handle: (served: { kind: PluginKind; impl: pulumi.dynamic.ResourceProvider }) => Promise<T>,
  ): void {
    const urn = call.request.getUrn();
    reply(cb, () => aboutResource(urn, () => handle(this.provider(urn))));
  }

  /** The provider of a URN's kind, built on first use, so a bad credential fails that call only. */
  private provider(urn: string): { kind: PluginKind; impl: pulumi.dynamic.ResourceProvider } {
    const kind = kindOfUrn(urn);
    if (kind === undefined) throw new Error(`pulumi-resource-wpengine does not serve the type of ${urn}`);
    let impl = this.providers.get(kind.kind);
    if (impl === undefined) {
      impl = createProvider(kind.kind, this.config);
      this.providers.set(kind.kind, impl);
    }
    return { kind, impl };
  }

  getPluginInfo(_call: Call<unknown>, cb: Callback<plugproto.PluginInfo>): void {
    const info = new plugproto.PluginInfo();
    info.setVersion(this.version);
    cb(null, info);
  }

  getSchema(call: Call<provproto.GetSchemaRequest>, cb: Callback<provproto.GetSchemaResponse>): void {
    if (call.request.getVersion() !== 0) {
      cb({
        code: grpc.status.INVALID_ARGUMENT,
        details: `unsupported schema version ${call.request.getVersion()}`,
      });
      return;
    }
    const resp = new provproto.GetSchemaResponse();
    resp.setSchema(this.schema());
    cb(null, resp);
  }

  checkConfig(_call: Call<unknown>, cb: Callback<never>): void {
    cb({ code: grpc.status.UNIMPLEMENTED, details: "CheckConfig is not implemented" });
  }

  diffConfig(_call: Call<unknown>, cb: Callback<never>): void {
    cb({ code: grpc.status.UNIMPLEMENTED, details: "DiffConfig is not implemented" });
  }

  configure(call: Call<provproto.ConfigureRequest>, cb: Callback<provproto.ConfigureResponse>): void {
    this.config = configFromArgs(
      call.request.getArgs()?.toJavaScript() ?? {},
      call.request.getVariablesMap(),
    );
    this.providers.clear();
    const resp = new provproto.ConfigureResponse();
    resp.setAcceptsecrets(false);
    resp.setAcceptresources(false);
    resp.setSupportspreview(false);
    cb(null, resp);
  }

  cancel(_call: Call<unknown>, cb: Callback<emptyproto.Empty>): void {
    cb(null, new emptyproto.Empty());
  }

  attach(_call: Call<unknown>, cb: Callback<emptyproto.Empty>): void {
    cb(null, new emptyproto.Empty());
  }

  invoke(call: Call<provproto.InvokeRequest>, cb: Callback<provproto.InvokeResponse>): void {
    const args = call.request.getArgs()?.toJavaScript() ?? {};
    reply(cb, async () => {
      const result = await invokeFunction(call.request.getTok(), args as Props, this.config);
      const resp = new provproto.InvokeResponse();
      resp.setReturn(toStruct(result));
      return resp;
    });
  }

  check(call: Call<provproto.CheckRequest>, cb: Callback<provproto.CheckResponse>): void {
    this.onResource(call, cb, async ({ impl }) => {
      const olds = fromStruct(call.request.getOlds());
      const news = fromStruct(call.request.getNews());
      const result = impl.check ? await impl.check(olds, news) : { inputs: news };
      const resp = new provproto.CheckResponse();
      resp.setInputs(toStruct(result.inputs ?? news));
      resp.setFailuresList(
        (result.failures ?? []).map((f) => {
          const failure = new provproto.CheckFailure();
          failure.setProperty(f.property);
          failure.setReason(f.reason);
          return failure;
        }),
      );
      return resp;
    });
  }

  diff(call: Call<provproto.DiffRequest>, cb: Callback<provproto.DiffResponse>): void {
    this.onResource(call, cb, async ({ impl }) => {
      const olds = fromStruct(call.request.getOlds());
      const news = fromStruct(call.request.getNews());
      const result = impl.diff ? await impl.diff(call.request.getId(), olds, news) : {};
      const resp = new provproto.DiffResponse();
      const changes = provproto.DiffResponse.DiffChanges;
      resp.setChanges(
        result.changes === true
          ? changes.DIFF_SOME
          : result.changes === false
            ? changes.DIFF_NONE
            : changes.DIFF_UNKNOWN,
      );
      resp.setReplacesList(result.replaces ?? []);
      resp.setDeletebeforereplace(result.deleteBeforeReplace === true);
      return resp;
    });
  }

  create(call: Call<provproto.CreateRequest>, cb: Callback<provproto.CreateResponse>): void {
    this.onResource(call, cb, async ({ impl }) => {
      if (!impl.create) throw new Error(`${call.request.getUrn()} cannot be created`);
      const result = await impl.create(fromStruct(call.request.getProperties()));
      const resp = new provproto.CreateResponse();
      resp.setId(result.id);
      resp.setProperties(toStruct(result.outs ?? {}));
      return resp;
    });
  }

  read(call: Call<provproto.ReadRequest>, cb: Callback<provproto.ReadResponse>): void {
    this.onResource(call, cb, async ({ kind, impl }) => {
      const props = fromStruct(call.request.getProperties());
      const inputs = fromStruct(call.request.getInputs());
      // An import (`pulumi import`, or the `import` option) sends the id the user gave and nothing else.
      const importing = Object.keys(props).length === 0 && Object.keys(inputs).length === 0;
      const result = importing
        ? await importRead(kind, impl, call.request.getId())
        : impl.read
          ? await impl.read(call.request.getId(), props)
          : { id: call.request.getId(), props };
      const resp = new provproto.ReadResponse();
      resp.setId(result.id ?? "");
      if (result.id) {
        resp.setProperties(toStruct(result.props ?? {}));
        if (result.inputs) resp.setInputs(toStruct(result.inputs));
      }
      return resp;
    });
  }

  update(call: Call<provproto.UpdateRequest>, cb: Callback<provproto.UpdateResponse>): void {
    this.onResource(call, cb, async ({ impl }) => {
      const olds = fromStruct(call.request.getOlds());
      const news = fromStruct(call.request.getNews());
      const result = impl.update ? await impl.update(call.request.getId(), olds, news) : { outs: news };
      const resp = new provproto.UpdateResponse();
      resp.setProperties(toStruct(result.outs ?? {}));
      return resp;
    });
  }

  delete(call: Call<provproto.DeleteRequest>, cb: Callback<emptyproto.Empty>): void {
    this.onResource(call, cb, async ({ impl }) => {
      await impl.delete?.(call.request.getId(), fromStruct(call.request.getProperties()));
      return new emptyproto.Empty();
    });
  }
}

/** A Struct as plain JSON values (an absent Struct is empty). */
function fromStruct(struct: structproto.Struct | undefined): Props {
  return (struct?.toJavaScript() ?? {}) as Props;
}

/**
 * Plain values as a Struct. `undefined` is dropped (protobuf has no such value, and the dynamic
 * path's outputs may hold it, e.g. the absent `__provider` of an init error).
 */
function toStruct(value: Props): structproto.Struct {
  return structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(value)) as Record<string, never>);
}

/**
 * Runs a handler and answers the call. A thrown error keeps its message (it names the field and the
 * fix), and an error with an `id` (a backup WP Engine took, but waiting for it failed) becomes the
 * engine's "initialization failed" detail, so the object stays in the state instead of being forgotten.
 */
function reply<T>(cb: Callback<T>, run: () => Promise<T>): void {
  // The notices the call printed reach the engine before its answer does.
  run().then(
    async (value) => {
      await noticesDelivered();
      cb(null, value);
    },
    async (err: unknown) => {
      await noticesDelivered();
      cb(toGrpcError(err));
    },
  );
}

function toGrpcError(err: unknown): Partial<grpc.StatusObject> {
  const e = err instanceof Error ? err : new Error(String(err));
  const partial = e as Error & { id?: string; properties?: Props; reasons?: string[] };
  const metadata = new grpc.Metadata();
  if (typeof partial.id === "string" && partial.id !== "") {
    const detail = new provproto.ErrorResourceInitFailed();
    detail.setId(partial.id);
    detail.setProperties(toStruct(partial.properties ?? {}));
    detail.setReasonsList(partial.reasons ?? [e.message]);
    const any = new anyproto.Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusproto.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(e.message);
    status.addDetails(any);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return { code: grpc.status.UNKNOWN, details: e.message, metadata };
}
