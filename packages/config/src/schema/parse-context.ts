import type { ErrorCode } from '@governor/errors';
import { type Document, isAlias, isNode, type LineCounter, type Node } from 'yaml';
import type { ConfigIssue } from '../config-issue.js';
import { type FieldPath, formatPath } from '../field-path.js';
import type { SecretRef } from '../secret-ref.js';

/** A secret found while parsing, with where it was found. */
export interface SecretUse {
  readonly path: string;
  readonly ref: SecretRef;
}

/** Environment that `${VAR}` references resolve against. */
export type EnvSource = Record<string, string | undefined>;

/**
 * State shared by the schema nodes while they walk one YAML document:
 * issues found so far, the YAML node behind each field path (to locate
 * later, cross-field issues) and the secrets met.
 */
export class ParseContext {
  readonly issues: ConfigIssue[] = [];
  readonly secrets: SecretUse[] = [];
  readonly #nodes = new Map<string, Node>();

  constructor(
    readonly file: string,
    readonly env: EnvSource,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Follows an alias to the node it names (an alias without anchor stays, and reads as one in messages). */
  resolve(node: unknown): Node | null {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return node.resolve(this.doc) ?? node;
    return isNode(node) ? node : null;
  }

  /** Remembers the node at `path` so later issues about that field can point at it. */
  remember(path: FieldPath, node: Node | null): void {
    // Default values are nodes without a source range: issues about them point at the enclosing mapping.
    if (node?.range !== undefined && node.range !== null) this.#nodes.set(formatPath(path), node);
  }

  /** Reports an issue at a YAML node (or at the nearest remembered ancestor of `path`). */
  report(code: ErrorCode, path: FieldPath, node: Node | null, message: string, suggestion?: string): void {
    const at = node ?? this.nearest(path);
    const offset = at?.range?.[0] ?? 0;
    const { line, col } = offset === 0 && at === null ? { line: 1, col: 1 } : this.lines.linePos(offset);
    const issue: ConfigIssue = { code, message, file: this.file, line, column: col, path: formatPath(path) };
    if (suggestion !== undefined) issue.suggestion = suggestion;
    this.issues.push(issue);
  }

  /** Reports an issue about a field, located at its value (or its closest located parent). */
  reportAt(code: ErrorCode, path: FieldPath, message: string, suggestion?: string): void {
    this.report(code, path, this.nearest(path), message, suggestion);
  }

  private nearest(path: FieldPath): Node | null {
    for (let n = path.length; n >= 0; n--) {
      const node = this.#nodes.get(formatPath(path.slice(0, n)));
      if (node !== undefined) return node;
    }
    return null;
  }
}
