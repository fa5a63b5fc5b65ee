#!/usr/bin/env node
// Simulates a person changing team access in the WP Engine portal, behind Pulumi's back, by calling
// the API directly. Used by the demo against the emulator.
// Usage: portal.js API_URL API_USER_ID API_PASSWORD set-role EMAIL ROLE [INSTALL_ID...]
//        portal.js API_URL API_USER_ID API_PASSWORD remove EMAIL
const [apiUrl, user, password, action, email, role, ...installIds] = process.argv.slice(2);
const auth = `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

async function call(method, path, body) {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { authorization: auth, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

async function main() {
  const accounts = (await call("GET", "/accounts")).results;
  for (const account of accounts) {
    const users = (await call("GET", `/accounts/${account.id}/account_users`)).results;
    const found = users.find((u) => u.email.toLowerCase() === String(email).toLowerCase());
    if (!found) continue;
    const path = `/accounts/${account.id}/account_users/${found.user_id}`;
    if (action === "set-role") {
      await call("PATCH", path, { roles: role, ...(installIds.length ? { install_ids: installIds } : {}) });
      console.log(`portal: ${email} now has role "${role}" (was "${found.roles}")`);
    } else if (action === "remove") {
      await call("DELETE", path);
      console.log(`portal: ${email} removed from account ${account.id}`);
    } else {
      throw new Error(`unknown action ${action}`);
    }
    return;
  }
  throw new Error(`no account user with email ${email}`);
}

main().catch((err) => {
  console.error(`portal: ${err.message}`);
  process.exit(1);
});
