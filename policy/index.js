// @ts-check
// The WP Engine policy pack: team access rules checked by `pulumi preview --policy-pack policy/`.
// Configure it with `--policy-pack-config`, e.g.
//   { "wpengine-owners-max": { "maxOwners": 2 },
//     "wpengine-member-email-domain": { "allowedDomains": ["example.com"] } }
// Every policy's enforcement level can be set the same way ("enforcementLevel": "advisory").
const { PolicyPack } = require("@pulumi/policy");
const rules = require("./rules");

new PolicyPack("wpengine", {
  policies: [
    {
      name: "wpengine-owners-max",
      description: "An account has at most N owners (default 2): ownership is the keys to everything.",
      enforcementLevel: "mandatory",
      configSchema: {
        properties: { maxOwners: { type: "integer", minimum: 1, default: 2 } },
      },
      validateStack: (args, reportViolation) => {
        const { maxOwners } = args.getConfig();
        for (const v of rules.tooManyOwners(args.resources, maxOwners)) reportViolation(v);
      },
    },
    {
      name: "wpengine-partial-needs-install",
      description: "A partial user must have access to at least one install.",
      enforcementLevel: "mandatory",
      validateResource: (args, reportViolation) => {
        if (args.type !== rules.ACCOUNT_USER) return;
        const v = rules.partialWithoutInstalls(args.props);
        if (v) reportViolation(v);
      },
    },
    {
      name: "wpengine-member-email-domain",
      description: "Members' emails are in the allowed domains (an empty list allows any).",
      enforcementLevel: "mandatory",
      configSchema: {
        properties: { allowedDomains: { type: "array", items: { type: "string" }, default: [] } },
      },
      validateResource: (args, reportViolation) => {
        if (args.type !== rules.ACCOUNT_USER) return;
        const { allowedDomains } = args.getConfig();
        const v = rules.emailOutsideDomains(args.props.email, allowedDomains);
        if (v) reportViolation(v);
      },
    },
    {
      name: "wpengine-owner-mfa",
      description: "Owners should have multi-factor authentication enabled (advisory).",
      enforcementLevel: "advisory",
      validateStack: (args, reportViolation) => {
        for (const v of rules.ownersWithoutMfa(args.resources)) reportViolation(v);
      },
    },
  ],
});
