/**
 * A changed copy of a document, for a plugin that edits what was read (a title, a layout, links).
 * The original stays as read, so the document cache never keeps a plugin's edit; the copy has no
 * source digest, so the page cache keys it by its data and body rather than by its file's text.
 */
import type { SourceDocument } from '../sources/site-sources.ts';

export function reviseDocument(document: SourceDocument, changes: { data?: Record<string, unknown>; body?: string; url?: string; outputPath?: string }): SourceDocument {
  return {
    ...document,
    body: changes.body ?? document.body,
    data: changes.data ?? { ...document.data },
    url: changes.url ?? document.url,
    outputPath: changes.outputPath ?? document.outputPath,
    sourceDigest: undefined,
    frontMatterDigest: undefined,
  };
}

/** Replaces `document` by `revised` in whichever list of the site holds it. */
export function replaceDocument(lists: SourceDocument[][], document: SourceDocument, revised: SourceDocument): void {
  for (const list of lists) {
    const at = list.indexOf(document);
    if (at >= 0) {
      list[at] = revised;
      return;
    }
  }
}
