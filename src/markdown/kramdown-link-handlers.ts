/**
 * mdast-util-to-hast handlers for links and images that keep the URL as written, as kramdown does:
 * mdast-util-to-hast percent-encodes it (`C:\a` → `C:%5Ca`, `/vård` → `/v%C3%A5rd`, a space → `%20`);
 * kramdown's converter only escapes it for the attribute.
 */
import type { Image, ImageReference, Link, LinkReference, Nodes } from 'mdast';
import type { Element, ElementContent } from 'hast';
import { defaultHandlers, type State } from 'mdast-util-to-hast';

export function linkHandler(state: State, node: Link): Element {
  return withUrl(defaultHandlers.link(state, node), 'href', node.url);
}

export function imageHandler(state: State, node: Image): Element {
  return withUrl(defaultHandlers.image(state, node), 'src', node.url);
}

export function linkReferenceHandler(state: State, node: LinkReference): ElementContent | ElementContent[] {
  return withDefinitionUrl(state, node, defaultHandlers.linkReference(state, node), 'href');
}

export function imageReferenceHandler(state: State, node: ImageReference): ElementContent | ElementContent[] {
  return withDefinitionUrl(state, node, defaultHandlers.imageReference(state, node), 'src');
}

function withDefinitionUrl(state: State, node: Nodes & { identifier: string }, result: ElementContent | ElementContent[], property: string): ElementContent | ElementContent[] {
  // Without a definition the default handler gives back the source text, not an element.
  const definition = state.definitionById.get(node.identifier.toUpperCase());
  if (Array.isArray(result) || result.type !== 'element' || !definition) return result;
  return withUrl(result, property, definition.url);
}

function withUrl(element: Element, property: string, url: string): Element {
  element.properties[property] = url;
  return element;
}
