/**
 * Preloaded (`node --require`) into the Node processes of a profiled run only: the engine stops the
 * dynamic-provider process with SIGINT, on which Node would die without writing its `--cpu-prof`
 * profile; exiting normally instead lets Node write it.
 */
process.on("SIGINT", () => process.exit(0));
