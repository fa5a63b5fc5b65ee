/**
 * Summarises a V8 heap snapshot (the `.heapsnapshot` JSON that `v8.writeHeapSnapshot` writes) by what
 * holds the memory: self size and count per object kind. Objects group by constructor, closures by
 * function name, native objects by class; strings, code, arrays and V8's hidden objects group by
 * their node type alone, since their names are their contents (long strings apart, see
 * {@link SOURCE_TEXT_BYTES}).
 */
import { readFileSync } from "node:fs";

/** One row of {@link summariseSnapshot}: a kind of object and what its instances take. */
export interface HeapRow {
  /** `constructor Name`, `closure name`, `native Name`, or a node type such as `(string)`. */
  what: string;
  count: number;
  selfBytes: number;
}

/** The part of the snapshot format this summary reads. */
interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/**
 * Strings this long are, in a provider process, the source text of loaded modules (V8 keeps each
 * module's source for lazy compilation; typescript.js alone is 9 MB); they get a row of their own.
 */
export const SOURCE_TEXT_BYTES = 4096;

/** Node types whose instances group by name (the name is a class or function, not content). */
const NAMED_TYPES = new Set(["object", "closure", "native"]);

/** Groups a parsed snapshot's nodes; rows sorted by self size, largest first. */
export function summariseSnapshot(snap: Snapshot): { totalBytes: number; rows: HeapRow[] } {
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf("type");
  const nameAt = fields.indexOf("name");
  const sizeAt = fields.indexOf("self_size");
  if (typeAt < 0 || nameAt < 0 || sizeAt < 0) throw new Error("not a V8 heap snapshot (node_fields)");
  const rows = new Map<string, HeapRow>();
  let totalBytes = 0;
  for (let i = 0; i + width <= snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt] ?? -1] ?? "unknown";
    const size = snap.nodes[i + sizeAt] ?? 0;
    const what = NAMED_TYPES.has(type)
      ? `${type === "object" ? "" : `${type} `}${snap.strings[snap.nodes[i + nameAt] ?? -1] || "(anonymous)"}`
      : type === "string" && size >= SOURCE_TEXT_BYTES
        ? "(string of 4 KiB or more: module source text)"
        : `(${type})`;
    const row = rows.get(what) ?? { what, count: 0, selfBytes: 0 };
    row.count++;
    row.selfBytes += size;
    totalBytes += size;
    rows.set(what, row);
  }
  return { totalBytes, rows: [...rows.values()].sort((a, b) => b.selfBytes - a.selfBytes) };
}

/** Reads and summarises a `.heapsnapshot` file. */
export function summariseSnapshotFile(path: string): { totalBytes: number; rows: HeapRow[] } {
  return summariseSnapshot(JSON.parse(readFileSync(path, "utf8")) as Snapshot);
}

/** A markdown table of the largest rows, with each one's share of the live heap. */
export function heapTable(summary: { totalBytes: number; rows: HeapRow[] }, top: number): string {
  const mib = (b: number) => (b / 2 ** 20).toFixed(1);
  return [
    `live heap: ${mib(summary.totalBytes)} MiB`,
    "",
    "| what | count | self MiB | share |",
    "| ---- | ----: | -------: | ----: |",
    ...summary.rows
      .slice(0, top)
      .map(
        (r) =>
          `| ${r.what.replace(/\|/g, "\\|")} | ${r.count} | ${mib(r.selfBytes)} | ${((r.selfBytes / summary.totalBytes) * 100).toFixed(1)} % |`,
      ),
  ].join("\n");
}
