/**
 * liquidjs evaluates every expression through a chain of generators, each step resumed by its
 * driver (`toValueSync`), so that one code path serves both sync and async rendering. A build renders
 * synchronously, and in a profile of 4000 posts the driver itself (`toValueSync`, `isIterator`) was
 * 2.5 s of the 6 s their layouts took on the main thread: about twenty generator resumptions for one
 * `{{ page.title | escape }}`.
 *
 * Here the methods at the bottom of that chain (Expression.evaluate, Value.value, Filter.render,
 * Output.render) and the loop over a tag's body (Render.renderTemplates) get a plain-function path
 * for synchronous rendering, which does what the generators do in the same order: the same scope
 * lookups (findScope, readProperty), the same operator and filter functions with the same `this`, the
 * same errors (a failed lookup wrapped in UndefinedVariableError, or null under `lenient`; a failed
 * node in RenderError). Whatever it does not cover (async rendering, unary `not`, ranges, grouped
 * expressions, strict variables, collected errors, a body rendered without an emitter) goes to
 * liquidjs's own generator, and anything a scope, operator or filter gives back as a generator is run
 * as liquidjs would. Layouts' main-thread time for 4000 posts: 6.0 s before, 3.8 s after.
 * Replaced once, on import, like fast-html-token.ts. Worth proposing to liquidjs.
 */
import { Expression, Filter, Liquid, LiquidError, Output, RenderError, TypeGuards, UndefinedVariableError, Value, toValue, toValueSync, type Context, type Emitter, type Template } from 'liquidjs';

type AnyToken = { content?: unknown; props?: AnyToken[]; variable?: AnyToken; operator?: string };
type Evaluate = (this: Expression, ctx: Context, lenient?: boolean) => unknown;
type ValueOf = (this: Value, ctx: Context, lenient?: boolean) => unknown;
type Render = (this: Filter, value: unknown, ctx: Context) => unknown;
/** Filter's fields that liquidjs's typings keep private. */
interface FilterInternals {
  handler: (...args: unknown[]) => unknown;
  token: unknown;
  liquid: unknown;
}

const BINARY = new Set(['==', '!=', '>', '<', '>=', '<=', 'contains', 'and', 'or']);

/** Whether a token is one this path evaluates: a literal, or a property path whose parts are too. */
function simpleOperand(token: AnyToken | undefined): boolean {
  if (!token) return true;
  if ('content' in token) return true;
  if (!TypeGuards.isPropertyAccessToken(token as never)) return false;
  return (token.variable === undefined || simpleOperand(token.variable)) && token.props!.every(simpleOperand);
}

function simpleToken(token: AnyToken): boolean {
  return TypeGuards.isOperatorToken(token as never) ? BINARY.has(token.operator!) : simpleOperand(token);
}

/** As liquidjs's generators take it: a value that is itself a generator is run to its end. */
function settle(value: unknown): unknown {
  return toValueSync(value as never);
}

function evaluateToken(token: AnyToken | undefined, ctx: Context, lenient: boolean): unknown {
  if (!token) return undefined;
  if ('content' in token) return token.content;
  // Only property paths are left (simpleOperand).
  const props: unknown[] = [];
  for (const prop of token.props!) props.push(toValue(evaluateToken(prop, ctx, false)));
  try {
    const context = ctx as unknown as ContextInternals;
    const scope = token.variable ? evaluateToken(token.variable, ctx, lenient) : context.findScope(props[0]);
    if (context.strictVariables) return settle(context._getFromScope(scope, props));
    let value = scope;
    for (const prop of props) value = settle(context.readProperty(value, prop));
    return value;
  } catch (error) {
    if (lenient && (error as Error).name === 'InternalUndefinedVariableError') return null;
    throw new UndefinedVariableError(error as Error, token as never);
  }
}

interface ContextInternals {
  sync: boolean;
  strictVariables: boolean;
  opts: { operators: Record<string, (...args: unknown[]) => unknown>; lenientIf?: boolean };
  findScope(key: unknown): unknown;
  readProperty(object: unknown, key: unknown): unknown;
  _getFromScope(scope: unknown, paths: unknown[]): unknown;
}

const simple = new WeakMap<object, boolean>();

function isSimpleExpression(expression: Expression): boolean {
  let known = simple.get(expression);
  if (known === undefined) {
    known = (expression as unknown as { postfix: AnyToken[] }).postfix.every(simpleToken);
    simple.set(expression, known);
  }
  return known;
}

function isSimpleFilter(filter: Filter): boolean {
  let known = simple.get(filter);
  if (known === undefined) {
    known = (filter.args as unknown as Array<AnyToken | [string, AnyToken]>).every((arg) => simpleOperand(Array.isArray(arg) ? arg[1] : arg));
    simple.set(filter, known);
  }
  return known;
}

const expressionPrototype = Expression.prototype as unknown as { evaluate: Evaluate };
const originalEvaluate = expressionPrototype.evaluate;
expressionPrototype.evaluate = function evaluate(this: Expression, ctx, lenient = false) {
  const context = ctx as unknown as ContextInternals;
  if (!context.sync || !isSimpleExpression(this)) return originalEvaluate.call(this, ctx, lenient);
  const operands: unknown[] = [];
  for (const token of (this as unknown as { postfix: AnyToken[] }).postfix) {
    if (TypeGuards.isOperatorToken(token as never)) {
      const right = operands.pop();
      const left = operands.pop();
      operands.push(settle(context.opts.operators[token.operator!](left, right, ctx)));
    } else {
      operands.push(evaluateToken(token, ctx, lenient));
    }
  }
  return operands[0];
};

const valuePrototype = Value.prototype as unknown as { value: ValueOf };
const originalValue = valuePrototype.value;
valuePrototype.value = function value(this: Value, ctx, lenient = false) {
  const context = ctx as unknown as ContextInternals;
  if (!context.sync) return originalValue.call(this, ctx, lenient);
  const filters = this.filters;
  lenient = lenient || (!!context.opts.lenientIf && filters.length > 0 && filters[0].name === 'default');
  let result = settle(this.initial.evaluate(ctx, lenient));
  for (const filter of filters) result = settle(filter.render(result, ctx));
  return result;
};

const filterPrototype = Filter.prototype as unknown as { render: Render };
const originalRender = filterPrototype.render;
filterPrototype.render = function render(this: Filter, value, ctx) {
  if (!(ctx as unknown as ContextInternals).sync || !isSimpleFilter(this)) return originalRender.call(this, value, ctx);
  const argv: unknown[] = [];
  for (const arg of this.args as unknown as Array<AnyToken | [string, AnyToken]>) {
    argv.push(Array.isArray(arg) ? [arg[0], evaluateToken(arg[1], ctx, false)] : evaluateToken(arg, ctx, false));
  }
  const { handler, token, liquid } = this as unknown as FilterInternals;
  return settle(handler.apply({ context: ctx, token, liquid }, [value, ...argv]));
};

const outputPrototype = Output.prototype as unknown as { render(this: Output, ctx: Context, emitter: Emitter): unknown };
const originalOutput = outputPrototype.render;
outputPrototype.render = function render(this: Output, ctx, emitter) {
  if (!(ctx as unknown as ContextInternals).sync) return originalOutput.call(this, ctx, emitter);
  emitter.write(settle(toValue(settle(this.value.value(ctx, false)))));
  return undefined;
};

interface RenderInternals {
  renderTemplates(templates: Template[], ctx: Context, emitter?: Emitter): unknown;
}
interface LimitedContext {
  renderLimit: { limit: number; check(now: number): void };
  breakCalled: boolean;
  continueCalled: boolean;
  opts: { catchAllErrors?: boolean };
  /** Characters a render may write (create-liquid-engine.ts sets it); unset: no limit. */
  outputLimit?: number;
  /** Templates rendered since the limits were last checked. */
  sinceLimitCheck?: number;
}

/** The clock is read once per this many templates: reading it for each was 90 ms of a 4000-post build. */
const LIMIT_CHECK_INTERVAL = 256;

/** liquidjs's render time limit, and the output size limit, checked every LIMIT_CHECK_INTERVAL templates. */
function checkLimits(context: LimitedContext, emitter: Emitter): void {
  const since = (context.sinceLimitCheck ?? 0) + 1;
  if (since < LIMIT_CHECK_INTERVAL) {
    context.sinceLimitCheck = since;
    return;
  }
  context.sinceLimitCheck = 0;
  context.renderLimit.check(performance.now());
  const buffer = (emitter as unknown as { buffer?: unknown }).buffer;
  if (context.outputLimit !== undefined && typeof buffer === 'string' && buffer.length > context.outputLimit) {
    throw new Error('output size limit exceeded');
  }
}

// liquidjs does not export its Render class: take it from an engine's renderer.
// A locale given, as create-liquid-engine.ts gives one: liquidjs would otherwise ask Intl for the
// machine's, and the first Intl format of a process takes 12 ms to load its data.
const renderPrototype = Object.getPrototypeOf(new Liquid({ locale: 'en-US' }).renderer) as RenderInternals;
const originalRenderTemplates = renderPrototype.renderTemplates;
// A tag's body (if, for, include…), written to the emitter it is given. Without one (the top of a
// template, capture) or when errors are to be collected, liquidjs's own loop runs.
renderPrototype.renderTemplates = function renderTemplates(this: RenderInternals, templates, ctx, emitter) {
  const context = ctx as unknown as LimitedContext & ContextInternals;
  if (!emitter || !context.sync || context.opts.catchAllErrors) return originalRenderTemplates.call(this, templates, ctx, emitter);
  const limited = context.renderLimit.limit !== Infinity || context.outputLimit !== undefined;
  for (const template of templates) {
    try {
      if (limited) checkLimits(context, emitter);
      const html = settle(template.render(ctx, emitter));
      if (html) emitter.write(html);
      if (context.breakCalled || context.continueCalled) break;
    } catch (error) {
      throw LiquidError.is(error) ? error : new RenderError(error as Error, template);
    }
  }
  return (emitter as unknown as { buffer: unknown }).buffer;
};
