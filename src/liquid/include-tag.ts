/**
 * Jekyll's `{% include file.html key=value %}`: files only from `_includes/`, parameters under `include.*`,
 * file names that may hold `{{ variables }}`. liquidjs's own include (jekyllInclude mode) does the rendering;
 * this tag adds what Jekyll users need: an error that names the missing file, who asked for it and what
 * exists, and a record of every include a page used, so a watcher knows what to rebuild.
 */
import { evalToken, IncludeTag, type Context, type Emitter, type Liquid, type TagToken, type TopLevelToken, type Parser } from 'liquidjs';
import { BuildError } from '../errors.ts';

/** Where a render keeps what it used; read back by the caller after rendering. */
export const DEPENDENCIES_REGISTER = 'tryck:dependencies';

export interface RenderDependencies {
  includes: Set<string>;
}

// Jekyll's IncludeTag::VALID_SYNTAX and FULL_VALID_SYNTAX (\w is ASCII in Ruby, as here).
const PARAMETER = String.raw`([\w-]+)\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.-]+))`;
const PARAMETERS = new RegExp(String.raw`^\s*(?:${PARAMETER}(?=\s|$)\s*)*$`);
// Jekyll's VARIABLE_SYNTAX: a file name made of {{ variables }}, then the parameters.
const VARIABLE_FILE = /^(?<file>[^{]*(?:\{\{\s*[\w\-.]+\s*(?:\|.*)?\}\}[^\s{}]*)+)(?<params>.*)$/s;

/** Jekyll refuses parameters it cannot read (`date=` with no value) when it parses the include. */
function checkIncludeParameters(token: TagToken): void {
  const markup = token.args.trim();
  const matched = VARIABLE_FILE.exec(markup);
  const params = matched ? matched.groups!.params.trim() : markup.split(/\s+/).slice(1).join(' ');
  if (params === '' || PARAMETERS.test(params)) return;
  const [line, column] = token.getPosition();
  throw new BuildError(`Invalid syntax for include tag: ${params}`, {
    file: token.file,
    line,
    column,
    hint: "Write parameters as name='value', name=\"value\" or name=variable, e.g. {% include file.html title='Hej' %}.",
  });
}

/** Where a render counts how deep its includes are nested. */
const DEPTH_REGISTER = 'tryck:include-depth';

export function createIncludeTag(includeNames: () => ReadonlySet<string>, includesDir: string, maxDepth = Infinity) {
  return class JekyllIncludeTag extends IncludeTag {
    private readonly requester: string | undefined;

    constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
      super(token, remainTokens, liquid, parser);
      this.requester = token.file;
      checkIncludeParameters(token);
    }

    override *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
      const file = (this as unknown as { file: unknown }).file;
      // The same three shapes liquidjs's include accepts: a literal, parsed templates, or a value token.
      let name: string;
      if (typeof file === 'string') name = file;
      else if (Array.isArray(file)) name = String(yield this.liquid.renderer.renderTemplates(file, ctx));
      else name = String(yield evalToken(file as Parameters<typeof evalToken>[0], ctx));
      name = name.trim();
      const names = includeNames();
      if (!names.has(name)) {
        const available = [...names].sort();
        throw new BuildError(`Include '${name}' not found in ${includesDir}/.`, {
          file: this.requester,
          hint: available.length
            ? `Available includes: ${available.join(', ')}.`
            : `${includesDir}/ is empty or missing: create ${includesDir}/${name}.`,
        });
      }
      ctx.getRegister<RenderDependencies>(DEPENDENCIES_REGISTER, { includes: new Set() }).includes.add(name);
      // An include that includes itself would otherwise end in a stack overflow that names no file.
      const depth = ctx.getRegister<{ value: number }>(DEPTH_REGISTER, { value: 0 });
      if (depth.value >= maxDepth) {
        throw new BuildError(`Includes are nested more than ${maxDepth} deep here (does '${name}' include itself?).`, {
          file: this.requester,
          hint: 'Break the cycle of includes; if the nesting is meant, raise tryck_limits: include_depth in _config.yml.',
        });
      }
      depth.value += 1;
      try {
        yield* super.render(ctx, emitter) as Generator<unknown, void, unknown>;
      } finally {
        depth.value -= 1;
      }
    }
  };
}
