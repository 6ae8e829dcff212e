/**
 * The Liquid engine in Jekyll's flavour, built once per build: liquidjs with Ruby Liquid's truthiness,
 * Jekyll's include tag and filters, and includes served from memory. Templates are parsed once and
 * cached by file; rendering is synchronous and reports which includes it used.
 */
import { Context, Liquid, LiquidError, type Template } from 'liquidjs';
import './fast-html-token.ts';
import './sync-evaluation.ts';
import { BuildError, RenderInterrupted } from '../errors.ts';
import type { TemplateFile } from '../sources/site-sources.ts';
import { createIncludeTag, DEPENDENCIES_REGISTER, type RenderDependencies } from './include-tag.ts';
import { parseLaxly, type LaxRepair, type LiquidErrorMode } from './parse-laxly.ts';
import { RECORDER, RenderRecorder } from './render-recorder.ts';
import type { BuildLimits } from '../config/build-limits.ts';
import { describeLimitError } from './describe-limit-error.ts';

export interface LiquidEngineOptions {
  /** `_includes/` by name (`toc.md`, `nav/menu.html`). */
  includes: Map<string, TemplateFile>;
  includesDir: string;
  /** Extra setup: Jekyll's filters and tags. */
  extend?: (liquid: Liquid) => void;
  /** `liquid: {error_mode}` of _config.yml; Jekyll's default `warn` reads refused markup as Ruby's lax parser does. */
  errorMode?: LiquidErrorMode;
  /** Receives a warning for each piece of markup read laxly. */
  onWarning?: (message: string) => void;
  /** Per-page limits (tryck_limits: in _config.yml); default: none. */
  limits?: Pick<BuildLimits, 'liquidRenderSeconds' | 'liquidMemory' | 'liquidOutputChars' | 'includeDepth' | 'fileBytes'>;
}

export interface RenderResult {
  output: string;
  includes: Set<string>;
}

export interface LiquidEngine {
  readonly liquid: Liquid;
  /** Parses once per (file, source); `lineOffset` maps template lines back to the file for errors. */
  /** Parses once per file and text; with `keep: false` the result is not kept (a post's body is rendered once). */
  parse(source: string, file: string, lineOffset?: number, keep?: boolean): Template[];
  render(templates: Template[], scope: Record<string, unknown>): RenderResult;
  /** Parses and renders, with a cache keyed on the file name and its text. */
  renderString(source: string, file: string, scope: Record<string, unknown>, lineOffset?: number, keep?: boolean): RenderResult;
}

export function createLiquidEngine(options: LiquidEngineOptions): LiquidEngine {
  const { includes } = options;
  const includeNames = new Set(includes.keys());
  const lineOffsets = new Map<string, number>();
  const displayPaths = new Map<string, string>();
  for (const include of includes.values()) {
    lineOffsets.set(include.name, include.bodyLineOffset);
    displayPaths.set(include.name, include.relativePath);
  }
  const locate: Locator = { lineOffsets, displayPaths };
  const errorMode = options.errorMode ?? 'warn';
  // A post's excerpt is its body's first part, parsed again: its warnings are the body's.
  const warned = new Set<string>();
  const warn = (file: string, repairs: LaxRepair[]): void => {
    if (errorMode !== 'warn') return;
    const shown = displayPaths.get(file) ?? file.replace(/#excerpt$/, '');
    for (const repair of repairs) {
      const message = `${shown}:${repair.line + (lineOffsets.get(file) ?? 0)}:${repair.column}: Liquid warning: ${repair.message} in "${repair.markup}"; read as Jekyll reads it (liquid: error_mode: warn).`;
      if (warned.has(message)) continue;
      warned.add(message);
      options.onWarning?.(message);
    }
  };
  // Includes are parsed by liquidjs itself: each is served as its lax reading, made on first use.
  const includeTexts = new Map<string, string>();
  const includeText = (file: string): string => {
    const name = stripRoot(file);
    let text = includeTexts.get(name);
    if (text === undefined) {
      const body = readInclude(includes, file);
      text = body;
      try {
        const { repairs } = parseLaxly(liquid, body, (candidate) => {
          liquid.parse(candidate, name);
          text = candidate;
        }, errorMode);
        warn(name, repairs);
      } catch {
        // The error is raised again, with its place, when liquidjs parses the include to render it.
      }
      includeTexts.set(name, text);
    }
    return text;
  };

  const { limits } = options;
  const liquid = new Liquid({
    // Hostile templates (a loop over (1..300000000), a page rendering for minutes) stop with an error.
    ...(limits && { parseLimit: limits.fileBytes, renderLimit: limits.liquidRenderSeconds * 1000, memoryLimit: limits.liquidMemory }),
    // Jekyll: `{% include file.html param=value %}` with `include.param`, file names unquoted.
    jekyllInclude: true,
    dynamicPartials: false,
    // Ruby Liquid as Jekyll configures it: unknown variables and filters render as nothing.
    strictFilters: false,
    strictVariables: false,
    // Only nil and false are falsy, as in Ruby.
    jsTruthy: false,
    cache: true,
    relativeReference: false,
    extname: '',
    root: ['/'],
    // Ruby's strftime names months and days in English whatever the machine's locale; without a
    // locale, liquidjs asks Intl for the machine's, loading Intl's data (12 ms) in every build.
    locale: 'en-US',
    partials: ['/'],
    fs: {
      exists: async (file) => includes.has(stripRoot(file)),
      existsSync: (file) => includes.has(stripRoot(file)),
      readFile: async (file) => includeText(file),
      readFileSync: (file) => includeText(file),
      resolve: (_dir, file) => `/${stripRoot(file)}`,
      containsSync: () => true,
      contains: async () => true,
      dirname: (file) => file.slice(0, file.lastIndexOf('/') + 1) || '/',
      sep: '/',
    },
  });
  liquid.registerTag('include', createIncludeTag(() => includeNames, options.includesDir, limits?.includeDepth));
  options.extend?.(liquid);

  const parsed = new Map<string, { source: string; templates: Template[] }>();

  const engine: LiquidEngine = {
    liquid,
    parse(source, file, lineOffset = 0, keep = true) {
      const cached = parsed.get(file);
      if (cached && cached.source === source) return cached.templates;
      lineOffsets.set(file, lineOffset);
      try {
        const { result: templates, repairs } = parseLaxly(liquid, source, (text) => liquid.parse(text, file), errorMode);
        warn(file, repairs);
        if (keep) parsed.set(file, { source, templates });
        return templates;
      } catch (error) {
        throw toBuildError(error, file, locate, limits);
      }
    },
    render(templates, scope) {
      const ctx = new Context(scope, liquid.options, { sync: true }, { liquid });
      if (limits) (ctx as unknown as { outputLimit?: number }).outputLimit = limits.liquidOutputChars;
      try {
        const output = RenderRecorder.during((scope as Record<symbol, unknown>)[RECORDER] as RenderRecorder | undefined, () => liquid.renderSync(templates, ctx) as string);
        const deps = ctx.getRegister<RenderDependencies>(DEPENDENCIES_REGISTER, { includes: new Set() });
        return { output, includes: deps.includes };
      } catch (error) {
        throw toBuildError(error, undefined, locate, limits);
      }
    },
    renderString(source, file, scope, lineOffset = 0, keep = true) {
      return engine.render(engine.parse(source, file, lineOffset, keep), scope);
    },
  };
  return engine;
}

function stripRoot(file: string): string {
  return file.replace(/^\/+/, '');
}

function readInclude(includes: Map<string, TemplateFile>, file: string): string {
  const include = includes.get(stripRoot(file));
  if (!include) throw new Error(`ENOENT: include ${file}`);
  return include.body;
}

interface Locator {
  lineOffsets: Map<string, number>;
  /** Include names (`toc.md`) to the files users know (`_includes/toc.md`). */
  displayPaths: Map<string, string>;
}

interface Located {
  file?: string;
  line?: number;
  column?: number;
}

/**
 * liquidjs wraps an error once per template it passes through (page → include → include).
 * The innermost location is where the mistake is; the outer ones say how we got there.
 */
function toBuildError(error: unknown, fallbackFile: string | undefined, { lineOffsets, displayPaths }: Locator, limits?: LiquidEngineOptions['limits']): BuildError | RenderInterrupted {
  const chain: Located[] = [];
  let current: unknown = error;
  let root: unknown = error;
  while (current instanceof Error) {
    root = current;
    if (LiquidError.is(current)) {
      const token = (current as LiquidError & { token?: { file?: string; getPosition(): [number, number] } }).token;
      if (token && typeof token.getPosition === 'function') {
        const [line, column] = token.getPosition();
        const file = token.file ? stripRoot(token.file) : fallbackFile;
        chain.push({ file: file && (displayPaths.get(file) ?? file), line: line + (file ? (lineOffsets.get(file) ?? 0) : 0), column });
      }
      current = (current as LiquidError & { originalError?: unknown }).originalError;
    } else {
      break;
    }
  }
  if (root instanceof RenderInterrupted) return root;
  const innermost = chain.at(-1) ?? { file: fallbackFile };
  const via = chain
    .slice(0, -1)
    .map((l) => `${l.file}:${l.line}`)
    .reverse();
  if (root instanceof BuildError) {
    // Our own error (a missing include): it knows what to say; add where it was asked for.
    const where = chain.at(-1);
    return new BuildError(root.message, {
      file: root.file === undefined ? where?.file : (displayPaths.get(stripRoot(root.file)) ?? root.file),
      line: where?.line,
      column: where?.column,
      hint: root.hint,
      excerpt: root.excerpt,
      cause: root.cause,
    });
  }
  const message = root instanceof Error ? root.message.replace(/, (file:[^,]*, )?line:\d+, col:\d+$/, '') : String(root);
  const limit = limits && describeLimitError(message, limits);
  if (limit) return new BuildError(limit.message, { file: innermost.file, line: innermost.line, column: innermost.column, hint: limit.hint, cause: error });
  return new BuildError(`Liquid error: ${message}${via.length ? ` (included from ${via.join(' ← ')})` : ''}`, {
    file: innermost.file,
    line: innermost.line,
    column: innermost.column,
    cause: error,
  });
}
