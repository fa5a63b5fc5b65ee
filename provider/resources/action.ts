import { randomUUID } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { defined, runCheck } from "./check";
import { providerError } from "./errors";
import { normalisedField } from "./normalised";
import { stableJson } from "./stable";
import { containsUnknown } from "./unknown";

/**
 * What one action kind (a one-shot request WP Engine accepts and forgets: a cache purge, an install
 * copy) tells {@link ActionProvider}. An action runs once when created and again only when its
 * `triggers` change (e.g. `{ gitSha }`): any other input that changes, known or not yet known at
 * preview (an install replaced or recreated after a portal deletion gets a new id), is recorded in
 * place and runs nothing, so a new, empty install is never copied over an existing one, and a purge
 * does not repeat, unless the triggers say so. WP Engine keeps nothing to read back or delete, so
 * refresh keeps the record and destroy only forgets it.
 */
export interface ActionSpec<I extends Record<string, unknown>> {
  /** The type name, as in `wpengine:index:CachePurge`. */
  type: string;
  /** Validates and normalises the inputs. */
  schema: z.ZodObject & z.ZodType<I>;
  /** Names the action in messages. */
  subject(props: Record<string, unknown>): string;
  /** Sends the request (one write, never repeated blindly). */
  perform(inputs: I): Promise<void>;
}

/** A dynamic provider for one {@link ActionSpec}. */
export class ActionProvider<I extends Record<string, unknown>> implements pulumi.dynamic.ResourceProvider {
  private readonly keys: string[];

  constructor(
    private readonly spec: ActionSpec<I>,
    private readonly now: () => number = Date.now,
  ) {
    this.keys = Object.keys(spec.schema.shape);
  }

  /** Validates inputs (no API calls). */
  async check(
    _olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.CheckResult> {
    return runCheck(this.spec.schema, news);
  }

  /**
   * Only a change of `triggers` (or triggers not known until apply) runs the action again, as a
   * replace; any other change is recorded in place. Values compare as WP Engine compares them (ids
   * in any case).
   */
  async diff(
    _id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.DiffResult> {
    const changed = this.keys.filter(
      (k) =>
        containsUnknown(news[k]) ||
        stableJson(normalisedField(this.spec.schema, k, olds[k])) !==
          stableJson(normalisedField(this.spec.schema, k, news[k])),
    );
    const replaces = changed.filter((k) => k === "triggers");
    return { changes: changed.length > 0, replaces, deleteBeforeReplace: false };
  }

  /** Runs the action once and records when. */
  async create(news: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    const inputs = this.spec.schema.parse(news) as I;
    try {
      await this.spec.perform(inputs);
    } catch (err) {
      throw providerError(this.spec.type, "run", this.spec.subject(inputs), err);
    }
    return {
      id: randomUUID(),
      outs: defined({ ...inputs, requestedAt: new Date(this.now()).toISOString() }),
    };
  }

  /** Nothing to read back: the record stays as it is. */
  async read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    const { __provider: _shim, ...outs } = props;
    const inputs = Object.fromEntries(
      this.keys.filter((k) => outs[k] !== undefined).map((k) => [k, outs[k]]),
    );
    return { id, props: outs, inputs };
  }

  /**
   * Records changed inputs other than `triggers` (new install ids, other options) without running
   * the action: no request. `requestedAt` keeps saying when it last ran.
   */
  async update(
    _id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.UpdateResult> {
    const inputs = this.spec.schema.parse(news) as I;
    const { __provider: _shim, ...outs } = olds;
    const kept = Object.fromEntries(Object.entries(outs).filter(([k]) => !this.keys.includes(k)));
    return { outs: defined({ ...kept, ...inputs }) };
  }

  /** Nothing to undo at WP Engine: the record leaves the state. */
  async delete(): Promise<void> {}
}
