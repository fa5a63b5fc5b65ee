import type { DriftedUser, DriftReport, PlannedAction, UnmanagedUser, UserChange } from "./analyse";

/** The first line of every report: lets a CI job find and update its earlier comment. */
export const MARKER = "<!-- wpengine-drift -->";

/** Escapes text for a Markdown table cell (pipes and line breaks would break the row). */
export function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

/** One change in words, e.g. "role `full,billing` → `partial`". */
export function describeChange(c: UserChange): string {
  switch (c.kind) {
    case "role":
      return `role ${code(c.before)} → ${code(c.after)}`;
    case "installs": {
      const parts = [
        ...(c.added.length ? [`gained ${c.added.map(code).join(", ")}`] : []),
        ...(c.removed.length ? [`lost ${c.removed.map(code).join(", ")}`] : []),
      ];
      return `installs: ${parts.join("; ")}`;
    }
    case "removed":
      return "removed from the account";
    case "reinvited":
      return `removed and re-invited (new user id ${code(c.userId)}${c.inviteAccepted ? "" : ", invitation pending"})`;
  }
}

function userRemedy(u: DriftedUser): string {
  const declared = u.declared
    ? `${code(u.declared.roles)}${u.declared.installIds.length ? ` on ${u.declared.installIds.length} install(s)` : ""}`
    : "";
  const actions: Record<PlannedAction, string> = {
    none: "nothing: the code already matches the account",
    create: u.changes.some((c) => c.kind === "reinvited")
      ? `adopt the re-invited user as ${declared}`
      : `invite again as ${declared}`,
    update: `restore ${declared}`,
    replace: `replace the user (${declared})`,
    delete: "forget the user (the code no longer declares it)",
    other: "change the user",
  };
  return actions[u.plan];
}

function unmanagedRemedy(u: UnmanagedUser): string {
  if (u.action === "remove") return "remove the user (`removeUnmanaged`)";
  if (u.refusedBecause) return `keep: ${u.refusedBecause} (lockout guard)`;
  return "keep (declare it, or set `removeUnmanaged: true`)";
}

/** Renders the report as Markdown for a pull-request comment. */
export function renderMarkdown(r: DriftReport): string {
  const out: string[] = [MARKER, `## WP Engine access review: stack ${code(r.stack)}`, ""];
  if (r.drift) {
    const parts = [
      ...(r.users.length ? [`${r.users.length} managed user(s) changed outside code`] : []),
      ...(r.unmanaged.length ? [`${r.unmanaged.length} unmanaged user(s)`] : []),
    ];
    out.push(
      `**Drift found:** ${parts.join(" and ")}. \`pulumi up\` applies the code's access; or change the code to accept them.`,
    );
  } else {
    out.push(
      "**No drift:** every managed user matches the last `pulumi up`" +
        (r.unmanagedChecked ? " and the account has no unmanaged users." : "."),
    );
  }
  out.push("");

  if (r.users.length) {
    out.push(
      "### Changed outside code",
      "",
      "| User | What changed in the portal | `pulumi up` will |",
      "| --- | --- | --- |",
    );
    for (const u of r.users) {
      out.push(
        `| ${cell(u.email)} | ${cell(u.changes.map(describeChange).join("; "))} | ${cell(userRemedy(u))} |`,
      );
    }
    out.push("");
  }
  if (r.unmanaged.length) {
    out.push(
      "### Unmanaged users (in the account, not in code)",
      "",
      "| User | Role | Invitation | MFA | `pulumi up` will |",
      "| --- | --- | --- | --- | --- |",
    );
    for (const u of r.unmanaged) {
      out.push(
        `| ${cell(u.email)} | ${code(u.roles)} | ${u.inviteAccepted ? "accepted" : "pending"} | ${u.mfaEnabled ? "on" : "off"} | ${cell(unmanagedRemedy(u))} |`,
      );
    }
    out.push("");
  } else if (!r.unmanagedChecked) {
    out.push("_This stack has no `AccountTeam`, so users not declared in code were not looked for._", "");
  }
  if (r.nameDifferences.length) {
    out.push(
      "### Names that differ (information only)",
      "",
      "Names are invitation details: the API cannot change them and `pulumi up` never replaces anyone for them.",
      "",
      "| User | Declared | In WP Engine |",
      "| --- | --- | --- |",
    );
    for (const n of r.nameDifferences)
      out.push(`| ${cell(n.email)} | ${cell(n.declared)} | ${cell(n.actual)} |`);
    out.push("");
  }
  if (r.codeChanges.length) {
    out.push("### Other changes `pulumi up` would make", "");
    for (const c of r.codeChanges) out.push(`- ${c.op} ${c.type} ${code(c.subject)}`);
    out.push("");
  }

  out.push("### Access hygiene", "");
  const inv = r.pendingInvites;
  out.push(
    `- **Pending invitations** (older than ${inv.olderThanDays} day(s), or of unknown age): ${
      inv.invites.length
        ? inv.invites
            .map(
              (i) =>
                `${code(i.email)} (${i.ageDays === null ? "age unknown" : `${i.ageDays} day(s)`}${i.managed ? "" : ", unmanaged"})`,
            )
            .join(", ")
        : "none"
    }`,
  );
  out.push(
    `- **Owners without MFA:** ${
      r.ownersWithoutMfa.length
        ? r.ownersWithoutMfa.map((o) => `${code(o.email)}${o.managed ? "" : " (unmanaged)"}`).join(", ")
        : "none"
    }`,
  );
  out.push(
    `- **Backups that never completed:** ${
      r.incompleteBackups.length
        ? r.incompleteBackups
            .map((b) => `${code(b.resource)} (${b.status}, backup ${code(b.backupId)})`)
            .join(", ")
        : "none"
    }`,
  );
  out.push(
    "",
    `<sub>${cell(inv.note)} The API does not say who made a change in the portal; its activity log does. Generated by wpengine-drift at ${r.generatedAt}.</sub>`,
    "",
  );
  return out.join("\n");
}
