import { readFileSync } from "node:fs";
import { ROLE_VALUES, tryParseRole } from "../provider/client/roles";

/**
 * A team declared in a reviewed data file (YAML or JSON):
 *
 * ```yaml
 * account: eeda3227-9a39-46ae-9e14-20958bb4e6c9
 * members:
 *   - email: jane@example.com
 *     firstName: Jane
 *     lastName: Doe
 *     role: partial          # owner | full | partial
 *     billing: true
 *     installs: [torquemag]  # partial roles only, by install name
 * backups:                   # optional pre-deploy backups
 *   installs: [torquemag]
 *   notify: [ops@example.com]
 * ```
 */
export interface TeamSpec {
  /** The WP Engine account (UUID) the team is for. */
  account: string;
  /** The validated members, in file order. */
  members: TeamMember[];
  /** Pre-deploy backups to take; absent when the file has no `backups` section. */
  backups?: {
    /** Names of the installs to back up (e.g. `torquemag`); at least one. */
    installs: string[];
    /** Who WP Engine mails when each backup completes; at least one email. */
    notify: string[];
  };
}

/** One declared member of a team. */
export interface TeamMember {
  /** The member's email as written; two members may not share it (compared case-insensitively). */
  email: string;
  /** First name, trimmed and non-empty. */
  firstName: string;
  /** Last name, trimmed and non-empty. */
  lastName: string;
  /** Canonical role in the API's write form, e.g. `partial,billing`. */
  roles: (typeof ROLE_VALUES)[number];
  /** Install names (e.g. `torquemag`) a partial role may access; empty for other roles. */
  installs: string[];
  /** The 1-based line of the member in the file, for messages. */
  line: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The team file's schemas, built on first use: a program that reads no team file never loads zod. */
function schemas(): ReturnType<typeof buildSchemas> {
  built ??= buildSchemas();
  return built;
}
let built: ReturnType<typeof buildSchemas> | undefined;

function buildSchemas() {
  const { z } = require("zod") as typeof import("zod");
  const memberSchema = z
    .object({
      email: z.email({ error: "email is not a valid address (e.g. jane@example.com)" }),
      firstName: z
        .string({ error: "firstName is required" })
        .trim()
        .min(1, { error: "firstName must not be empty" }),
      lastName: z
        .string({ error: "lastName is required" })
        .trim()
        .min(1, { error: "lastName must not be empty" }),
      role: z.string({ error: "role is required: owner, full or partial" }),
      billing: z.boolean({ error: "billing must be true or false" }).optional(),
      installs: z
        .array(z.string().regex(/^[a-z][a-z0-9]{2,13}$/, { error: "install names look like torquemag" }))
        .optional(),
    })
    .strict();

  const teamSchema = z
    .object({
      account: z.string().regex(UUID, { error: "account must be the WP Engine account UUID" }),
      members: z.array(z.unknown(), { error: "members must be a list" }),
      backups: z
        .object({
          installs: z.array(z.string()).min(1, { error: "backups.installs needs at least one install name" }),
          notify: z.array(z.email()).min(1, { error: "backups.notify needs at least one email" }),
        })
        .strict()
        .optional(),
    })
    .strict();
  return { memberSchema, teamSchema };
}

/** A team file that cannot be used; the message names the file, line and member. */
export class TeamFileError extends Error {
  /**
   * Always `"TeamFileError"`: printed before the message (e.g. in `pulumi up` output), and testable with
   * `err.name` where `instanceof` fails (two copies of the package loaded).
   */
  override name = "TeamFileError";
}

/** Reads and validates a team file; every problem is reported with its line and member. */
export function loadTeamFile(path: string): TeamSpec {
  return parseTeam(readFileSync(path, "utf8"), path);
}

/** Validates team file text (YAML or JSON); see {@link loadTeamFile}. */
export function parseTeam(text: string, source = "team.yaml"): TeamSpec {
  // Loaded here, not at the top: only programs that use a team file pay its ~60 ms of loading.
  const { isNode, isSeq, LineCounter, parseDocument } = require("yaml") as typeof import("yaml");
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const line = e ? lines.linePos(e.pos[0]).line : 0;
    throw new TeamFileError(`${source} line ${line}: not valid YAML: ${e?.message ?? "parse error"}`);
  }
  const top = schemas().teamSchema.safeParse(doc.toJS());
  if (!top.success) {
    const issue = top.error.issues[0];
    throw new TeamFileError(`${source}: ${issue?.path.join(".") || "(top level)"}: ${issue?.message}`);
  }
  const memberNodes = doc.get("members");
  const lineOf = (i: number): number => {
    const node: unknown = isSeq(memberNodes) ? memberNodes.items[i] : undefined;
    const range = isNode(node) ? node.range : undefined;
    return range ? lines.linePos(range[0]).line : 0;
  };
  const problems: string[] = [];
  const members: TeamMember[] = [];
  const seen = new Map<string, number>();
  top.data.members.forEach((raw, i) => {
    const line = lineOf(i);
    const label = `${source} line ${line} (member ${describe(raw, i)})`;
    const parsed = schemas().memberSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
        problems.push(`${label}: ${where}${issue.message}`);
      }
      return;
    }
    const m = parsed.data;
    const base = tryParseRole(m.role);
    if (!base || base.includes("billing")) {
      problems.push(
        `${label}: role "${m.role}" is not one of owner, full, partial (set billing: true for billing access)`,
      );
      return;
    }
    const roles = tryParseRole(m.billing && base !== "owner" ? `${base},billing` : base);
    if (!roles) {
      problems.push(
        `${label}: role "${m.role}" with billing is not a WP Engine role (${ROLE_VALUES.join(" | ")})`,
      );
      return;
    }
    if (m.installs?.length && base !== "partial") {
      problems.push(
        `${label}: installs only apply to role partial (role is ${base}, which grants every install)`,
      );
    }
    const key = m.email.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(
        `${label}: email ${m.email} is declared twice (first at line ${first}); an email can exist once per account`,
      );
    }
    seen.set(key, line);
    members.push({
      email: m.email,
      firstName: m.firstName,
      lastName: m.lastName,
      roles,
      installs: m.installs ?? [],
      line,
    });
  });
  if (problems.length) throw new TeamFileError(problems.join("\n"));
  return { account: top.data.account, members, ...(top.data.backups ? { backups: top.data.backups } : {}) };
}

function describe(raw: unknown, i: number): string {
  if (raw && typeof raw === "object" && "email" in raw && typeof raw.email === "string") return raw.email;
  return `#${i + 1}`;
}
