/**
 * Builders of the engine events `pulumi preview --refresh` emits, shaped as the real CLI sends them
 * (recorded from a run against the emulator), for the drift report's unit tests.
 */
import type { EngineEvent, OpType } from "@pulumi/pulumi/automation";
import { TYPES } from "../../sdk/drift/analyse";

let seq = 0;
export const urnOf = (type: string, name: string) =>
  `urn:pulumi:dev::team::wpengine:index:AccountTeam$${type}::${name}`;

function state(
  type: string,
  urn: string,
  outputs: Record<string, unknown>,
  inputs: Record<string, unknown> = {},
) {
  return {
    type,
    urn,
    id: String(outputs.userId ?? outputs.backupId ?? "id"),
    parent: "",
    provider: "",
    inputs,
    outputs,
  };
}

/** A refresh step: the state before (the last `up`) and after (what the API has now, or gone). */
export function refreshed(
  type: string,
  name: string,
  before: Record<string, unknown>,
  after: Record<string, unknown> | undefined,
): EngineEvent {
  const urn = urnOf(type, name);
  return {
    sequence: seq++,
    timestamp: 0,
    resOutputsEvent: {
      metadata: {
        op: "refresh",
        urn,
        type,
        provider: "",
        old: state(type, urn, before, before),
        ...(after ? { new: state(type, urn, after, after) } : {}),
      },
    },
  } as EngineEvent;
}

/** A plan step of the preview with the declared inputs. */
export function planned(
  type: string,
  name: string,
  op: OpType,
  inputs: Record<string, unknown>,
): EngineEvent {
  const urn = urnOf(type, name);
  return {
    sequence: seq++,
    timestamp: 0,
    resourcePreEvent: {
      metadata: { op, urn, type, provider: "", new: state(type, urn, {}, inputs) },
    },
  } as EngineEvent;
}

/** The AccountTeam component's registered outputs (its program-time read of the account). */
export function teamOutputs(outputs: Record<string, unknown>): EngineEvent {
  const urn = `urn:pulumi:dev::team::${TYPES.team}::team`;
  return {
    sequence: seq++,
    timestamp: 0,
    resOutputsEvent: {
      metadata: { op: "same", urn, type: TYPES.team, provider: "", new: state(TYPES.team, urn, outputs) },
    },
  } as EngineEvent;
}

/** An AccountUser's outputs. */
export function user(
  email: string,
  roles: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    accountId: "acc",
    email,
    firstName: "F",
    lastName: "L",
    roles,
    installIds: [],
    installs: [],
    userId: `id-${email}`,
    inviteAccepted: true,
    mfaEnabled: true,
    lastOwner: false,
    ...extra,
  };
}

/** One user of the team's account snapshot. */
export function snapshotUser(email: string, roles: string, extra: Record<string, unknown> = {}) {
  return {
    userId: `id-${email}`,
    email,
    firstName: "F",
    lastName: "L",
    roles,
    installs: [],
    inviteAccepted: true,
    mfaEnabled: true,
    lastOwner: false,
    isApiUser: false,
    managed: false,
    ...extra,
  };
}
