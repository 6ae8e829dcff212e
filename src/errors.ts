/**
 * Errors are values: a message that says what to do, where it happened (file, line, column),
 * an optional excerpt of the offending source, and the `cause` that led to it.
 * The CLI prints them; the dev server shows them in the page.
 */
export interface SourceLocation {
  /** Path of the file, relative to the site source when it is inside it. */
  file: string;
  /** 1-based line, when known. */
  line?: number;
  /** 1-based column, when known. */
  column?: number;
}

export interface BuildErrorOptions extends Partial<SourceLocation> {
  /** The offending source line(s), shown under the message. */
  excerpt?: string;
  /** How to fix it, when the fix is obvious. */
  hint?: string;
  cause?: unknown;
}

export class BuildError extends Error {
  override name = 'BuildError';
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly excerpt?: string;
  readonly hint?: string;

  constructor(message: string, options: BuildErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.excerpt = options.excerpt;
    this.hint = options.hint;
  }

  /** `file:line:column`, as editors and terminals link it. */
  get location(): string {
    if (!this.file) return '';
    let where = this.file;
    if (this.line !== undefined) where += `:${this.line}`;
    if (this.line !== undefined && this.column !== undefined) where += `:${this.column}`;
    return where;
  }
}

/** Renders an error and its chain of causes for a terminal or a log. */
export function formatError(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  let depth = 0;
  while (current !== undefined && depth < 8) {
    const indent = depth === 0 ? '' : '  caused by: ';
    if (current instanceof BuildError) {
      const where = current.location ? `${current.location}: ` : '';
      lines.push(`${indent}${where}${current.message}`);
      if (current.excerpt) lines.push(...current.excerpt.split('\n').map((l) => `    ${l}`));
      if (current.hint) lines.push(`  hint: ${current.hint}`);
    } else if (current instanceof Error) {
      lines.push(`${indent}${current.message}`);
    } else {
      lines.push(`${indent}${String(current)}`);
    }
    // A library's own error usually repeats what the BuildError above it says; show it when debugging.
    const cause: unknown = current instanceof Error ? current.cause : undefined;
    if (!(cause instanceof BuildError) && !process.env.TRYCK_DEBUG) break;
    current = cause;
    depth += 1;
  }
  return lines.join('\n');
}

/**
 * Not a mistake in the site: a render stopped because something it read is not ready yet (another
 * post's content still being converted). Whoever started the render tries again later.
 */
export class RenderInterrupted extends Error {
  override name = 'RenderInterrupted';
}
