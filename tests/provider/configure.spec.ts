import assert from "node:assert/strict";
import { DEFAULT_API_URL } from "../../provider/client/config";
import { ConfigurationError } from "../../provider/client/errors";
import { connectionFromConfig } from "../../provider/resources/configure";
import { stackConfig, withEnv } from "./support";

describe("connectionFromConfig", () => {
  it("uses the stack config over the environment for every setting", () => {
    withEnv(
      {
        WPENGINE_API_URL: "https://env.example.com/v1",
        WPENGINE_API_USER_ID: "env-user",
        WPENGINE_API_PASSWORD: "env-password",
      },
      () => {
        const connection = connectionFromConfig(
          stackConfig({
            "wpengine:apiUrl": "https://stack.example.com/v1/",
            "wpengine:apiUserId": "stack-user",
            "wpengine:apiPassword": "stack password ",
          }),
        );
        assert.deepEqual(connection, {
          apiUrl: "https://stack.example.com/v1",
          apiUserId: "stack-user",
          apiPassword: "stack password ",
        });
      },
    );
  });

  it("falls back to the environment for settings the stack config lacks or leaves blank", () => {
    withEnv({ WPENGINE_API_USER_ID: "env-user", WPENGINE_API_PASSWORD: "env-password" }, () => {
      assert.deepEqual(connectionFromConfig(stackConfig({ "wpengine:apiUserId": "" })), {
        apiUrl: DEFAULT_API_URL,
        apiUserId: "env-user",
        apiPassword: "env-password",
      });
      assert.deepEqual(connectionFromConfig(undefined), {
        apiUrl: DEFAULT_API_URL,
        apiUserId: "env-user",
        apiPassword: "env-password",
      });
    });
  });

  it("reads only the wpengine namespace", () => {
    withEnv({}, () => {
      assert.throws(
        () => connectionFromConfig(stackConfig({ "other:apiUserId": "u", "other:apiPassword": "p" })),
        ConfigurationError,
      );
    });
  });

  it("fails a missing password with a message naming wpengine:apiPassword and WPENGINE_API_PASSWORD", () => {
    withEnv({}, () => {
      const err = (() => {
        try {
          connectionFromConfig(stackConfig({ "wpengine:apiUserId": "stack-user" }));
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      assert.ok(err instanceof ConfigurationError, `expected ConfigurationError, got ${String(err)}`);
      assert.match(err.message, /wpengine:apiPassword/);
      assert.match(err.message, /WPENGINE_API_PASSWORD/);
      assert.match(err.message, /pulumi config set --secret wpengine:apiPassword/);
      assert.doesNotMatch(err.message, /wpengine:apiUserId/, "the user id was given");
    });
  });

  it("fails a missing user id naming wpengine:apiUserId and WPENGINE_API_USER_ID", () => {
    withEnv({ WPENGINE_API_PASSWORD: "env-password" }, () => {
      assert.throws(
        () => connectionFromConfig(stackConfig({})),
        (err: Error) =>
          err instanceof ConfigurationError &&
          /wpengine:apiUserId/.test(err.message) &&
          /WPENGINE_API_USER_ID/.test(err.message) &&
          !err.message.includes("env-password"),
      );
    });
  });

  it("refuses a plain http:// URL to a non-loopback host, from stack config or environment", () => {
    const creds = { "wpengine:apiUserId": "u", "wpengine:apiPassword": "s3cret-pw" };
    withEnv({}, () => {
      assert.throws(
        () =>
          connectionFromConfig(stackConfig({ ...creds, "wpengine:apiUrl": "http://api.wpengineapi.com/v1" })),
        (err: Error) =>
          err instanceof ConfigurationError &&
          /plain http:\/\/ would send the API password unencrypted/.test(err.message) &&
          /wpengine:apiUrl/.test(err.message) &&
          !err.message.includes("s3cret-pw"),
      );
    });
    withEnv({ WPENGINE_API_URL: "http://10.0.0.5:8080/v1" }, () => {
      assert.throws(() => connectionFromConfig(stackConfig(creds)), ConfigurationError);
    });
  });

  it("allows plain http:// to loopback hosts (the local emulator)", () => {
    const creds = { "wpengine:apiUserId": "u", "wpengine:apiPassword": "p" };
    withEnv({}, () => {
      for (const url of ["http://127.0.0.1:4010/v1", "http://localhost:4010/v1", "http://[::1]:4010/v1"]) {
        assert.equal(connectionFromConfig(stackConfig({ ...creds, "wpengine:apiUrl": url })).apiUrl, url);
      }
    });
  });
});
