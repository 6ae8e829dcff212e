/**
 * Parsing as Jekyll does with `liquid: {error_mode: warn}` (its default): where liquidjs refuses a tag
 * or an output, the markup is read again as Ruby's lax parser reads it and parsed once more, with a
 * warning that names the line. `error_mode: strict` keeps the error; `lax` drops the warning.
 */
import { LiquidError, Tokenizer, type Liquid, type TopLevelToken } from 'liquidjs';
import { laxCondition, laxVariable } from './lax-markup.ts';

export type LiquidErrorMode = 'warn' | 'lax' | 'strict';

export interface LaxRepair {
  line: number;
  column: number;
  /** What liquidjs said of the markup as written. */
  message: string;
  markup: string;
}

/** More refused tags than this in one template is not a theme's slip: the first error stands. */
const MAX_REPAIRS = 50;

/**
 * Calls `parse` on `source`, and where it throws a Liquid syntax error in a tag or output that Ruby's
 * lax parser reads differently, on the source with that markup rewritten. Returns the result and each
 * rewrite made; throws the first error when the markup cannot be read laxly either.
 */
export function parseLaxly<T>(liquid: Liquid, source: string, parse: (text: string) => T, mode: LiquidErrorMode): { result: T; repairs: LaxRepair[] } {
  const repairs: LaxRepair[] = [];
  let text = source;
  for (;;) {
    try {
      return { result: parse(text), repairs };
    } catch (error) {
      const position = errorPosition(error);
      if (mode === 'strict' || position === undefined || repairs.length >= MAX_REPAIRS) throw error;
      const token = enclosingToken(liquid, text, position);
      const rewritten = token && rewriteMarkup(token);
      if (!token || rewritten === undefined || rewritten === token.content) throw error;
      const [begin, end] = (token as TopLevelToken & { contentRange: [number, number] }).contentRange;
      const [line, column] = lineAndColumn(text, token.begin);
      repairs.push({ line, column, message: rootMessage(error), markup: token.content ?? '' });
      text = text.slice(0, begin) + rewritten + text.slice(end);
    }
  }
}

function rewriteMarkup(token: TopLevelToken & { content?: string; name?: string; args?: string }): string | undefined {
  if (token.kind === OUTPUT_KIND) {
    const markup = laxVariable(token.content ?? '');
    return markup;
  }
  if (token.kind !== TAG_KIND || token.name === undefined) return undefined;
  const args = token.args ?? '';
  if (token.name === 'assign') {
    const assignment = /^([\w\-.[\]]+)\s*=\s*([\s\S]*)$/.exec(args.trim());
    const value = assignment && laxVariable(assignment[2]);
    return value === undefined || value === null ? undefined : `assign ${assignment![1]} = ${value}`;
  }
  if (token.name === 'if' || token.name === 'elsif' || token.name === 'unless') {
    const condition = laxCondition(args);
    return condition === undefined ? undefined : `${token.name} ${condition}`;
  }
  return undefined;
}

// liquidjs's TokenKind values (a const enum in its typings).
const TAG_KIND = 4;
const OUTPUT_KIND = 8;

/** Where the innermost Liquid error points in the text it was parsing. */
function errorPosition(error: unknown): number | undefined {
  let current: unknown = error;
  let position: number | undefined;
  while (current instanceof Error && LiquidError.is(current)) {
    const token = (current as LiquidError & { token?: { begin?: number } }).token;
    if (typeof token?.begin === 'number') position = token.begin;
    current = (current as LiquidError & { originalError?: unknown }).originalError;
  }
  return position;
}

function rootMessage(error: unknown): string {
  let current: unknown = error;
  while (current instanceof Error && LiquidError.is(current) && (current as { originalError?: unknown }).originalError instanceof Error) {
    current = (current as { originalError?: unknown }).originalError;
  }
  const message = current instanceof Error ? current.message : String(current);
  return message.replace(/, (file:[^,]*, )?line:\d+, col:\d+$/, '');
}

function enclosingToken(liquid: Liquid, text: string, position: number): (TopLevelToken & { content?: string }) | undefined {
  let tokens: TopLevelToken[];
  try {
    tokens = new Tokenizer(text, liquid.options.operators).readTopLevelTokens(liquid.options);
  } catch {
    return undefined;
  }
  return tokens.find((token) => (token.kind === TAG_KIND || token.kind === OUTPUT_KIND) && token.begin <= position && position < token.end);
}

function lineAndColumn(text: string, offset: number): [number, number] {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return [line, offset - lineStart + 1];
}

/** `liquid: {error_mode}` from _config.yml; Jekyll's default is `warn`. */
export function liquidErrorMode(liquidConfig: unknown): LiquidErrorMode {
  const mode = liquidConfig && typeof liquidConfig === 'object' ? (liquidConfig as Record<string, unknown>).error_mode : undefined;
  return mode === 'strict' || mode === 'lax' ? mode : 'warn';
}
