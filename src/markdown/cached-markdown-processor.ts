/**
 * Markdown conversion is a pure function of its text, so its result can be kept: a watcher keeps one
 * cache across rebuilds and converts only text that changed since the last build.
 */
import type { MarkdownProcessor } from './create-markdown-processor.ts';

export interface MarkdownCache {
  get(key: string): string | undefined;
  /** Whether `get` would hit, without counting it as a use. */
  has(key: string): boolean;
  set(key: string, html: string): void;
}

/** The key a conversion of `markdown` is kept under, for processors with options `scope`. */
export function markdownCacheKey(scope: string, markdown: string): string {
  return `${scope}\u0000${markdown}`;
}

/** `scope` separates processors with different options (e.g. kramdown settings) sharing one cache. */
export function withMarkdownCache(processor: MarkdownProcessor, cache: MarkdownCache, scope: string): MarkdownProcessor {
  return {
    render(markdown) {
      const key = markdownCacheKey(scope, markdown);
      const cached = cache.get(key);
      if (cached !== undefined) return cached;
      const html = processor.render(markdown);
      cache.set(key, html);
      return html;
    },
  };
}

/** A cache for one build only, so texts converted in parallel beforehand are not converted again. */
export class BuildMarkdownCache implements MarkdownCache {
  private readonly entries = new Map<string, string>();
  get(key: string): string | undefined {
    return this.entries.get(key);
  }
  has(key: string): boolean {
    return this.entries.has(key);
  }
  set(key: string, html: string): void {
    this.entries.set(key, html);
  }
}
