/**
 * An in-memory cache for a long-running watcher: what the last build did not use is dropped at the
 * next one, so it never grows past one site's worth. Used for Markdown conversions and front matter.
 */
import type { MarkdownCache } from '../markdown/cached-markdown-processor.ts';

export class GenerationalCache implements MarkdownCache {
  private previous = new Map<string, string>();
  private current = new Map<string, string>();

  get(key: string): string | undefined {
    const hit = this.current.get(key) ?? this.previous.get(key);
    if (hit !== undefined) this.current.set(key, hit);
    return hit;
  }

  has(key: string): boolean {
    return this.current.has(key) || this.previous.has(key);
  }

  set(key: string, html: string): void {
    this.current.set(key, html);
  }

  /** Call after each build: entries unused by it are dropped at the next one. */
  nextGeneration(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

