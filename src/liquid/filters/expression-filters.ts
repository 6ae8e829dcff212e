/**
 * Jekyll's `where_exp`, `find_exp` and `group_by_exp`: a Liquid expression evaluated once per
 * item, with the item bound to a variable in a new scope (Jekyll's `@context.stack`).
 *
 * They are liquidjs filter handlers (generators, so they also work in liquidjs's async mode): the
 * expression is parsed with liquidjs's `Value`, which accepts comparisons, `and`/`or` (right to
 * left, as in Ruby Liquid), `contains` and also filters (Ruby's `where_exp` takes no filters;
 * `group_by_exp` does).
 *
 * liquidjs's own `where_exp` keeps an item only when the expression is exactly `true`; Jekyll
 * keeps it when the value is truthy in Ruby's sense — anything but nil and false — which is what
 * these do.
 */
import { Value, type Context, type Liquid } from 'liquidjs';
import { groupableItems, groupInOrder } from './collection-filters.ts';
import { isPlainObject, isRubyTruthy, unwrap } from './ruby-values.ts';

/** What liquidjs binds `this` to in a filter handler (its FilterImpl type is not exported). */
export interface FilterThis {
  context: Context;
  liquid: Liquid;
  token: { args: unknown[] };
}

function selectable(input: unknown): unknown[] | undefined {
  const v = unwrap(input);
  if (Array.isArray(v)) return v;
  if (isPlainObject(v)) return Object.values(v);
  return undefined;
}

function* evaluateFor(self: FilterThis, value: Value, variable: unknown, item: unknown): Generator<unknown, unknown, unknown> {
  self.context.push({ [String(unwrap(variable))]: item });
  try {
    return yield value.value(self.context, false);
  } finally {
    self.context.pop();
  }
}

export function* whereExp(this: FilterThis, input: unknown, variable: unknown, expression: unknown): Generator<unknown, unknown, unknown> {
  const items = selectable(input);
  if (!items) return input;
  const condition = new Value(String(unwrap(expression)), this.liquid);
  const kept: unknown[] = [];
  for (const item of items) {
    if (isRubyTruthy(yield* evaluateFor(this, condition, variable, item))) kept.push(item);
  }
  return kept;
}

export function* findExp(this: FilterThis, input: unknown, variable: unknown, expression: unknown): Generator<unknown, unknown, unknown> {
  const items = selectable(input);
  if (!items) return input;
  const condition = new Value(String(unwrap(expression)), this.liquid);
  for (const item of items) {
    if (isRubyTruthy(yield* evaluateFor(this, condition, variable, item))) return item;
  }
  return null;
}

/** Groups are named by the expression's value itself (not its `to_s`), in first-seen order. */
export function* groupByExp(this: FilterThis, input: unknown, variable: unknown, expression: unknown): Generator<unknown, unknown, unknown> {
  const items = groupableItems(input);
  if (!items) return input;
  const value = new Value(String(unwrap(expression)), this.liquid);
  const keys: unknown[] = [];
  for (const item of items) keys.push(yield* evaluateFor(this, value, variable, item));
  let index = 0;
  return groupInOrder(items, () => keys[index++]);
}
