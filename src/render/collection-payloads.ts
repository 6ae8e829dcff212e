/**
 * The payloads of the collections' documents (other than posts): each linked to its neighbours in
 * its own collection (`page.previous`, `page.next`: Document#previous_doc and #next_doc), with an
 * excerpt made when first read.
 */
import { defineLazyProperty } from '../lazy-property.ts';
import { RenderRecorder } from '../liquid/render-recorder.ts';
import type { CollectionSource, SourceDocument } from '../sources/site-sources.ts';
import { createDocumentPayload, type Payload } from './document-payload.ts';

export interface CollectionPayloads {
  /** Every collection's documents, one collection after another. */
  documents: SourceDocument[];
  /** Their payloads, in the same order. */
  payloads: Payload[];
  /** The payloads of each collection, in the order of `collections`: what `site.NAME` lists. */
  byCollection: Payload[][];
}

/** `excerptOf` renders a document's excerpt (Liquid and Markdown of the text before the separator). */
export function createCollectionPayloads(collections: CollectionSource[], excerptOf: (document: SourceDocument, payload: Payload) => string): CollectionPayloads {
  const documents: SourceDocument[] = [];
  const payloads: Payload[] = [];
  const byCollection = collections.map((collection) => {
    const own = collection.docs.map((document) => {
      const payload = createDocumentPayload(document);
      // Without a date of its own a document shows the build's time (Document#date): whatever shows
      // it cannot be carried over to a later build.
      if (document.data.date === undefined || document.data.date === null) {
        const date = payload.date;
        Object.defineProperty(payload, 'date', {
          configurable: true,
          enumerable: true,
          get: () => {
            RenderRecorder.noteVolatileRead('shows the date of a collection document without one (the build time)');
            return date;
          },
        });
      }
      // Document#generate_excerpt: every document has one, unless its separator is empty.
      defineLazyProperty(payload, 'excerpt', () => {
        const excerpt = excerptOf(document, payload);
        payload.excerpt = excerpt;
        return excerpt;
      });
      return payload;
    });
    own.forEach((payload, i) => {
      payload.previous = own[i - 1];
      payload.next = own[i + 1];
    });
    documents.push(...collection.docs);
    payloads.push(...own);
    return own;
  });
  return { documents, payloads, byCollection };
}
