// The deploy step of the pipeline as a small dynamic resource: it runs the deploy command once per
// backup, and only when that backup has completed. In a real pipeline the command pushes the code
// (e.g. `git push wpengine HEAD:main`, or an rsync over SSH); here it is whatever `deployCommand` says.
import type * as childProcess from "node:child_process";
import * as pulumi from "@pulumi/pulumi";

/** Arguments of a {@link DeployStep}. */
export interface DeployStepArgs {
  /** The deploy command, run by /bin/sh in the project directory. */
  command: pulumi.Input<string>;
  /** The commit being deployed; exported to the command as GIT_SHA. */
  gitSha: pulumi.Input<string>;
  /** The install deployed to, by name; exported as WPENGINE_INSTALL. */
  installName: pulumi.Input<string>;
  /** The backup taken before this deploy; exported as WPENGINE_BACKUP_ID. */
  backupId: pulumi.Input<string>;
  /** That backup's status: the step refuses to run unless it is `completed`. */
  backupStatus: pulumi.Input<string>;
}

interface DeployInputs {
  command: string;
  gitSha: string;
  installName: string;
  backupId: string;
  backupStatus: string;
}

interface DeployOutputs extends DeployInputs {
  deployedAt: string;
  output: string;
}

const KEYS = ["command", "gitSha", "installName", "backupId", "backupStatus"] as const;

async function deploy(inputs: DeployInputs): Promise<DeployOutputs> {
  // The Backup resource already waits for completion; this check keeps the gate closed even if someone
  // sets `waitForCompletion: false` on it.
  if (inputs.backupStatus !== "completed") {
    throw new Error(
      `not deploying ${inputs.gitSha} to ${inputs.installName}: backup ${inputs.backupId} is ${inputs.backupStatus}, not completed`,
    );
  }
  // Required here, not imported at the top: this function is serialized into the state and runs in
  // the provider process, and Pulumi keeps a `require` call as text but cannot serialize a captured
  // child_process module.
  const { execFile } = require("node:child_process") as typeof childProcess;
  const env = {
    ...process.env,
    GIT_SHA: inputs.gitSha,
    WPENGINE_INSTALL: inputs.installName,
    WPENGINE_BACKUP_ID: inputs.backupId,
  };
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      "/bin/sh",
      ["-c", inputs.command],
      { env, timeout: 30 * 60_000, maxBuffer: 16 * 1024 * 1024, encoding: "utf8" },
      (err, out, errOut) => {
        if (!err) return resolve(out);
        const detail = errOut.trim() ? errOut.trim().slice(-2000) : err.message;
        reject(new Error(`deploy command failed (exit ${String(err.code)}): ${detail}`));
      },
    );
  });
  // Only the tail goes into the state: it is for people reading `pulumi stack output`, not a log store.
  return { ...inputs, deployedAt: new Date().toISOString(), output: stdout.slice(-2000) };
}

const provider: pulumi.dynamic.ResourceProvider<DeployInputs, DeployOutputs> = {
  async create(inputs) {
    const outs = await deploy(inputs);
    return { id: `${inputs.installName}@${inputs.gitSha}`, outs };
  },
  // Any change (a new backup for a new commit, another command) deploys again; nothing replaces.
  async diff(_id, olds, news) {
    return { changes: KEYS.some((k) => olds[k] !== news[k]) };
  },
  async update(_id, _olds, news) {
    return { outs: await deploy(news) };
  },
  // A deploy cannot be undone: destroying the step only forgets it. The backup is the way back.
  async delete() {},
};

/**
 * Runs the deploy command after the pre-deploy backup has completed, and again whenever a new backup
 * (a new commit) or another command is declared.
 */
export class DeployStep extends pulumi.dynamic.Resource {
  /** The deployed commit. */
  declare readonly gitSha: pulumi.Output<string>;
  /** The backup taken before this deploy. */
  declare readonly backupId: pulumi.Output<string>;
  /** When the command last ran (ISO 8601). */
  declare readonly deployedAt: pulumi.Output<string>;
  /** The last 2000 characters the command printed. */
  declare readonly output: pulumi.Output<string>;

  /** Declares the step; pass the Backup in `opts.dependsOn` as well, so the order is explicit. */
  constructor(name: string, args: DeployStepArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      { ...args, deployedAt: undefined, output: undefined },
      opts,
      "example",
      "DeployStep",
    );
  }
}
