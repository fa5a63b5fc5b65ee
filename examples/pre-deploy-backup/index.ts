// A pre-deploy backup gate for a CI pipeline. Every run declares one Backup of the production install
// keyed by the commit (`triggers: { gitSha }`): a new commit takes exactly one new backup, a re-run of
// the same commit takes none. The deploy step depends on that backup, so it runs only after WP Engine
// reports the backup `completed`; if the backup is aborted or times out, nothing is deployed.
//
//   pulumi up --yes -c gitSha="$GITHUB_SHA"
import * as pulumi from "@pulumi/pulumi";
import * as wpe from "pulumi-wpengine";
import { DeployStep } from "./deployStep";

const config = new pulumi.Config();
const gitSha = config.require("gitSha");
const installName = config.get("install") ?? "torquemag";
const notify = config.getObject<string[]>("notify") ?? ["ops@example.com"];
const deployCommand = config.require("deployCommand");

// Resolved by name at run time; a staging or development install here is a mistake worth stopping on.
const install = wpe.getInstallOutput({ name: installName }).apply((i) => {
  if (i.environment !== "production") {
    throw new Error(
      `install ${i.name} is a ${i.environment ?? "unknown"} install; back up the production one`,
    );
  }
  return i;
});

const backup = new wpe.Backup("pre-deploy", {
  installId: install.id,
  description: `Before deploy of ${gitSha}`,
  notificationEmails: notify,
  triggers: { gitSha },
});

const deploy = new DeployStep(
  "deploy",
  {
    command: deployCommand,
    gitSha,
    installName,
    backupId: backup.backupId,
    backupStatus: backup.status,
  },
  { dependsOn: [backup] },
);

/** WP Engine's id of the backup taken before this deploy (restore from it in the portal if needed). */
export const backupId = backup.backupId;
/** The backup's status when the deploy ran: always `completed`. */
export const backupStatus = backup.status;
/** The commit the deploy step last deployed. */
export const deployedSha = deploy.gitSha;
/** When it ran. */
export const deployedAt = deploy.deployedAt;
