import * as path from "node:path";
import * as ts from "typescript";
import { any, type TypeSpec } from "./fromZod";

/** A declaration's documentation and the properties of its members, read from the SDK's TypeScript. */
export interface DocumentedShape {
  description: string;
  properties: Record<string, TypeSpec>;
  /** Members whose type admits neither undefined nor null. */
  required: string[];
}

/**
 * Reads the SDK sources with the TypeScript compiler, so the plugin schema's descriptions are the
 * TSDoc the TypeScript users read, and its output properties are the ones the SDK classes declare.
 * Only at generation time (scripts/gen-schema.js and its test): the plugin serves the committed file.
 */
export class SdkSource {
  private readonly program: ts.Program;
  private readonly checker: ts.TypeChecker;

  constructor(root: string) {
    const files = ["sdk/index.ts", "provider/client/config.ts"].map((f) => path.join(root, f));
    this.program = ts.createProgram(files, {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      skipLibCheck: true,
      noEmit: true,
    });
    this.checker = this.program.getTypeChecker();
  }

  /** The class or interface `name` declared in `file` (relative to the repo root). */
  private declaration(file: string, name: string): ts.ClassDeclaration | ts.InterfaceDeclaration {
    const source = this.program.getSourceFiles().find((f) => f.fileName.endsWith(`/${file}`));
    if (source === undefined) throw new Error(`schema: ${file} is not part of the SDK program`);
    let found: ts.ClassDeclaration | ts.InterfaceDeclaration | undefined;
    source.forEachChild((node) => {
      if ((ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node)) && node.name?.text === name)
        found = node;
    });
    if (found === undefined) throw new Error(`schema: ${file} declares no ${name}`);
    return found;
  }

  /**
   * The documented members of a class (its `declare readonly` outputs, `Output<T>` unwrapped) or an
   * interface. `omit` leaves out members that are not data (e.g. a lookup's `connection`).
   */
  shape(file: string, name: string, omit: readonly string[] = []): DocumentedShape {
    const decl = this.declaration(file, name);
    const symbol = decl.name ? this.checker.getSymbolAtLocation(decl.name) : undefined;
    const properties: Record<string, TypeSpec> = {};
    const required: string[] = [];
    for (const member of decl.members) {
      if (!ts.isPropertyDeclaration(member) && !ts.isPropertySignature(member)) continue;
      if (!member.name || !ts.isIdentifier(member.name) || omit.includes(member.name.text)) continue;
      if (
        ts.isPropertyDeclaration(member) &&
        !member.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)
      )
        continue;
      const key = member.name.text;
      let type = this.checker.getTypeAtLocation(member);
      type = this.unwrapOutput(type);
      const spec = this.typeSpec(type);
      const doc = this.docOf(member);
      properties[key] = doc ? { ...spec, description: doc } : spec;
      if (!member.questionToken && !this.nullable(type)) required.push(key);
    }
    return { description: symbol ? this.docOfSymbol(symbol) : "", properties, required: required.sort() };
  }

  /** The TSDoc of one member of a class or interface. */
  memberDoc(file: string, name: string, member: string): string {
    const decl = this.declaration(file, name);
    const m = decl.members.find((x) => x.name && ts.isIdentifier(x.name) && x.name.text === member);
    return m ? this.docOf(m) : "";
  }

  /** The TSDoc of a function `name` exported by `file`. */
  functionDoc(file: string, name: string): string {
    const source = this.program.getSourceFiles().find((f) => f.fileName.endsWith(`/${file}`));
    let doc = "";
    source?.forEachChild((node) => {
      if (ts.isFunctionDeclaration(node) && node.name?.text === name) doc = this.docOf(node);
    });
    if (doc === "") throw new Error(`schema: ${file} has no documented function ${name}`);
    return doc;
  }

  private docOf(node: ts.Node): string {
    const symbol = this.checker.getSymbolAtLocation((node as ts.NamedDeclaration).name ?? node);
    return symbol ? this.docOfSymbol(symbol) : "";
  }

  private docOfSymbol(symbol: ts.Symbol): string {
    return plainLinks(ts.displayPartsToString(symbol.getDocumentationComment(this.checker)).trim());
  }

  private unwrapOutput(type: ts.Type): ts.Type {
    const alias = type.aliasSymbol?.name ?? type.getSymbol()?.name;
    if ((alias === "Output" || alias === "OutputInstance") && type.aliasTypeArguments?.[0])
      return type.aliasTypeArguments[0];
    const args = (type as ts.TypeReference).typeArguments;
    if ((alias === "Output" || alias === "OutputInstance") && args?.[0]) return args[0];
    return type;
  }

  private nullable(type: ts.Type): boolean {
    return type.isUnion() && type.types.some((t) => t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null));
  }

  /** A TypeScript type as a schema type: primitives, literal unions, arrays, records; else Any. */
  private typeSpec(type: ts.Type): TypeSpec {
    let t = type;
    if (t.isUnion()) {
      const parts = t.types.filter((x) => !(x.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
      if (parts.length === 0) return any();
      if (parts.every((x) => x.flags & ts.TypeFlags.StringLike)) return { type: "string" };
      if (parts.every((x) => x.flags & ts.TypeFlags.BooleanLike)) return { type: "boolean" };
      if (parts.every((x) => x.flags & ts.TypeFlags.NumberLike)) return { type: "number" };
      if (parts.length !== 1) return any();
      t = parts[0] as ts.Type;
    }
    if (t.flags & ts.TypeFlags.StringLike) return { type: "string" };
    if (t.flags & ts.TypeFlags.NumberLike) return { type: "number" };
    if (t.flags & ts.TypeFlags.BooleanLike) return { type: "boolean" };
    if (this.checker.isArrayType(t)) {
      const item = (t as ts.TypeReference).typeArguments?.[0];
      return { type: "array", items: item ? this.typeSpec(item) : any() };
    }
    const index = this.checker.getIndexInfosOfType(t)[0];
    if (index) return { type: "object", additionalProperties: this.typeSpec(index.type) };
    return any();
  }
}

/**
 * TSDoc links (`{@link InstallArgs.deletionProtection}`) as code spans of the linked member's name
 * (`` `deletionProtection` ``): the schema's descriptions end up in Go, Python and YAML docs, where
 * a TypeScript link means nothing and the member has the same name.
 */
export function plainLinks(doc: string): string {
  return doc.replace(/\{@link\s+([^}|\s]+)\s*(?:\|[^}]*)?\}/g, (_, target: string) => {
    const name = target.split(".").pop() ?? target;
    return `\`${name}\``;
  });
}
