/** Valid, readable, unique variable (and resource) names: `install_torquemag`, `domain_torquemag_io`. */
export class Names {
  private readonly used = new Set<string>();

  /** A name for an object of `kind` made from WP Engine's name for it, unique among those taken. */
  take(kind: string, from: string): string {
    const slug =
      from
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "_")
        .replace(/^_+|_+$/g, "") || "unnamed";
    const base = `${kind}_${slug}`;
    let name = base;
    for (let n = 2; this.used.has(name); n++) name = `${base}_${n}`;
    this.used.add(name);
    return name;
  }
}

/** A comparator by a string key, for stable sorted output. */
export function by<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}
