/**
 * Compiles a `.scss`/`.sass` page (its text after Liquid) to CSS as jekyll-sass-converter 3 does with
 * dart-sass: the same load paths, style and source map page beside the stylesheet
 * (Converters::Scss#sass_embedded_convert).
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SiteConfig } from '../config/site-config.ts';
import { BuildError } from '../errors.ts';
import type { GeneratedFile } from '../outputs/generate-files.ts';
import type { SourceDocument } from '../sources/site-sources.ts';
import { createSassImporter } from './create-sass-importer.ts';
import type { Sass } from './load-sass.ts';
import { readSassSettings, type SassSettings } from './sass-settings.ts';
import { sassSyntaxOf } from './sass-syntax.ts';

export interface StylesheetCompiler {
  /** The CSS of a stylesheet page, from its text after Liquid. */
  compile(document: SourceDocument, text: string): string;
  /** The `.css.map` files of the stylesheets compiled so far, when source maps are on. */
  sourceMaps(): GeneratedFile[];
}

export interface CompilerOptions {
  /** `jekyll.environment`, which `sourcemap: development` depends on. */
  environment: string;
  /** Receives Sass's own warnings (`@warn`), but not its deprecation notices; `@debug` is dropped. */
  onWarning: (message: string) => void;
}

export function createStylesheetCompiler(sass: Sass, config: SiteConfig, { environment, onWarning }: CompilerOptions): StylesheetCompiler {
  const settings = readSassSettings(config);
  const roots = [config.source, ...(config.theme ? [config.theme.root] : [])].map((root) => realpathSync(root));
  const importer = createSassImporter({ loadPaths: settings.loadPaths, roots });
  const withMaps = settings.sourcemap === 'always' || (settings.sourcemap === 'development' && environment === 'development');
  const maps: GeneratedFile[] = [];
  // Themes still use @import and the global colour functions, which dart-sass warns about at every
  // use; Jekyll's sassc said nothing, and neither does a build here.
  const logger = {
    warn: (message: string, { deprecation, span }: { deprecation: boolean; span?: { url?: URL; start: { line: number } } }) => {
      if (!deprecation) onWarning(`Sass warning${span?.url ? ` in ${displayPath(fileURLToPath(span.url), config)}:${span.start.line + 1}` : ''}: ${message}`);
    },
    debug: () => undefined,
  };
  return {
    compile(document, text) {
      const syntax = sassSyntaxOf(document.relativePath) ?? 'scss';
      const url = pathToFileURL(document.absolutePath);
      let result: ReturnType<Sass['compileString']>;
      try {
        result = sass.compileString(text, {
          syntax,
          style: settings.style,
          url,
          importer,
          importers: [importer],
          logger,
          sourceMap: withMaps,
          sourceMapIncludeSources: true,
        });
      } catch (error) {
        throw compileError(error, document, config, settings);
      }
      // Sass writes a byte order mark before compressed non-ASCII CSS; Jekyll swaps it for add_charset's rule.
      const css = result.css.replace(/^\uFEFF/, settings.addCharset ? '@charset "UTF-8";' : '');
      if (!withMaps || !result.sourceMap) return `${css}\n`;
      const mapPath = sourceMapPath(document);
      maps.push({ outputPath: mapPath, contents: JSON.stringify(sourceMapFor(result.sourceMap, document, config)) });
      return `${css}\n\n/*# sourceMappingURL=${encodeURI(path.posix.basename(mapPath))} */`;
    },
    sourceMaps: () => [...maps],
  };
}

/** SourceMapPage: `NAME.css.map` in the stylesheet's own folder. */
function sourceMapPath(document: SourceDocument): string {
  const dir = path.posix.dirname(document.relativePath);
  const name = `${path.posix.basename(document.relativePath).replace(/\.[^.]*$/, '')}.css.map`;
  return dir === '.' ? name : `${dir}/${name}`;
}

/** As Jekyll: `file` is the CSS file's name, and sources are relative to the site. */
function sourceMapFor(map: NonNullable<ReturnType<Sass['compileString']>['sourceMap']>, document: SourceDocument, config: SiteConfig): Record<string, unknown> {
  const cssName = `${path.posix.basename(document.relativePath).replace(/\.[^.]*$/, '')}.css`;
  const sources = map.sources.map((source) =>
    source.startsWith('file:') ? path.relative(config.source, fileURLToPath(source)).split(path.sep).join('/') : source,
  );
  return { ...map, file: encodeURI(cssName), sources };
}

interface SassException {
  sassMessage: string;
  span?: { url?: URL; start: { line: number; column: number }; context?: string; text: string };
}

function compileError(error: unknown, document: SourceDocument, config: SiteConfig, settings: SassSettings): BuildError {
  const exception = error as Partial<SassException>;
  if (typeof exception.sassMessage !== 'string') {
    return new BuildError(`Sass could not compile ${document.relativePath}: ${(error as Error).message}`, { file: document.relativePath, cause: error });
  }
  const span = exception.span;
  const inPage = !span?.url || span.url.href === pathToFileURL(document.absolutePath).href;
  const file = inPage ? document.relativePath : displayPath(fileURLToPath(span!.url!), config);
  return new BuildError(`Sass: ${exception.sassMessage}`, {
    file,
    line: span ? span.start.line + 1 + (inPage ? document.bodyLineOffset : 0) : undefined,
    column: span ? span.start.column + 1 : undefined,
    excerpt: span?.context?.replace(/\n$/, ''),
    hint: /Can't find stylesheet/.test(exception.sassMessage) ? `Imports are looked up in ${settings.loadPaths.map((dir) => displayPath(dir, config)).join(', ') || 'no folder (there is no _sass/)'}.` : undefined,
    cause: error,
  });
}

function displayPath(file: string, config: SiteConfig): string {
  const relative = path.relative(config.source, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}
