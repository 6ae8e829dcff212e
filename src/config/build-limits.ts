/**
 * Limits that stop a hostile or broken site from crashing a build or running it for minutes: each
 * far above what a real site reaches, each raised in `_config.yml` under `tryck_limits:`
 * (e.g. `tryck_limits: {liquid_render_seconds: 120}`).
 */
import { BuildError } from '../errors.ts';

export interface BuildLimits {
  /** Seconds of Liquid rendering per page (liquidjs renderLimit). Default 30. */
  liquidRenderSeconds: number;
  /**
   * Items Liquid may create per page: a range's length, the sizes of strings and arrays that filters
   * make (liquidjs memoryLimit). It bounds a loop over `(1..N)`. Default 20 million.
   */
  liquidMemory: number;
  /** Characters of Liquid a page's render may write (its output before layouts). Default 50 million. */
  liquidOutputChars: number;
  /** Includes inside includes. Default 50. */
  includeDepth: number;
  /** Lists and block quotes inside each other in Markdown. Default 100. */
  markdownNesting: number;
  /** Bytes of a page, post, layout, include or data file (static files are copied whatever their size). Default 50 MB. */
  fileBytes: number;
}

export const DEFAULT_LIMITS: Readonly<BuildLimits> = Object.freeze({
  liquidRenderSeconds: 30,
  liquidMemory: 100_000_000,
  liquidOutputChars: 50_000_000,
  includeDepth: 50,
  markdownNesting: 100,
  fileBytes: 50 * 1024 * 1024,
});

const KEYS: Record<string, keyof BuildLimits> = {
  liquid_render_seconds: 'liquidRenderSeconds',
  liquid_memory: 'liquidMemory',
  liquid_output_chars: 'liquidOutputChars',
  include_depth: 'includeDepth',
  markdown_nesting: 'markdownNesting',
  file_bytes: 'fileBytes',
};

/** `tryck_limits:` of _config.yml over the defaults; an unknown key or a value that is no positive number is an error. */
export function readBuildLimits(value: unknown, file = '_config.yml'): BuildLimits {
  const limits: BuildLimits = { ...DEFAULT_LIMITS };
  if (value === undefined || value === null) return limits;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new BuildError(`tryck_limits should be a set of "name: number" lines, but is ${JSON.stringify(value)}.`, { file });
  }
  for (const [key, given] of Object.entries(value)) {
    const field = KEYS[key];
    if (!field) {
      throw new BuildError(`tryck_limits: unknown limit '${key}'.`, { file, hint: `Known limits: ${Object.keys(KEYS).join(', ')}.` });
    }
    if (typeof given !== 'number' || !(given > 0)) {
      throw new BuildError(`tryck_limits: ${key} should be a positive number, but is ${JSON.stringify(given)}.`, { file });
    }
    limits[field] = given;
  }
  return limits;
}
