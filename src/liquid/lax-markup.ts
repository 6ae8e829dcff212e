/**
 * Ruby Liquid's lax parsing, for markup liquidjs refuses. Jekyll runs Liquid with `error_mode: warn`:
 * markup the strict parser rejects is parsed again by regular expressions that keep what they
 * recognise and drop the rest (`{{ tag | strip | url_encode } }` is `tag | strip | url_encode`), with a
 * warning. These functions give that lax reading back as markup liquidjs parses strictly.
 * The expressions are Liquid 5.4's (liquid.rb, variable.rb, tags/if.rb).
 */

const QUOTED_STRING = String.raw`"[^"]*"|'[^']*'`;
const QUOTED_FRAGMENT = String.raw`(?:${QUOTED_STRING}|(?:[^\s,|'"]|${QUOTED_STRING})+)`;
const MARKUP_WITH_QUOTED_FRAGMENT = new RegExp(String.raw`(${QUOTED_FRAGMENT})([\s\S]*)`);
const FILTER_MARKUP = /\|\s*([\s\S]*)/;
const FILTER_PARSER = new RegExp(String.raw`(?:\s+|${QUOTED_FRAGMENT}|,)+`, 'g');
const FILTER_ARGS = new RegExp(String.raw`(?::|,)\s*((?:\w+\s*:\s*)?${QUOTED_FRAGMENT})`, 'g');
const JUST_TAG_ATTRIBUTE = new RegExp(String.raw`^(\w[\w-]*)\s*:\s*(${QUOTED_FRAGMENT})$`);
const VARIABLE_PARSER = /\[[^\]]+\]|[\w-]+\??/g;
const CONDITION = new RegExp(String.raw`(${QUOTED_FRAGMENT})\s*([=!<>a-z_]+)?\s*(${QUOTED_FRAGMENT})?`);
const AND_OR = String.raw`\b(?:\s?and\s?|\s?or\s?)\b`;
const EXPRESSIONS_AND_OPERATORS = new RegExp(String.raw`(?:${AND_OR}|(?:\s*(?!${AND_OR})(?:${QUOTED_FRAGMENT}|\S+)\s*)+)`, 'g');
const OPERATORS = new Set(['==', '!=', '<>', '<', '>', '>=', '<=', 'contains']);

/** A variable's markup (`{{ … }}`, the right side of `assign`) as Ruby's lax parser reads it. */
export function laxVariable(markup: string): string | undefined {
  const match = MARKUP_WITH_QUOTED_FRAGMENT.exec(markup);
  if (!match) return undefined;
  let result = laxExpression(match[1]);
  const filterMarkup = FILTER_MARKUP.exec(match[2]);
  if (!filterMarkup) return result;
  for (const filter of filterMarkup[1].match(FILTER_PARSER) ?? []) {
    const name = /\w+/.exec(filter);
    if (!name) continue;
    const args = [...filter.matchAll(FILTER_ARGS)].map((arg) => laxArgument(arg[1]));
    result += ` | ${name[0]}${args.length ? `: ${args.join(', ')}` : ''}`;
  }
  return result;
}

/** A condition of `if`, `elsif` or `unless` as Ruby's lax parser reads it, or undefined where Ruby fails too. */
export function laxCondition(markup: string): string | undefined {
  const expressions = markup.match(EXPRESSIONS_AND_OPERATORS) ?? [];
  const parts: string[] = [];
  // Ruby reads the list from the end, a condition then an operator, and folds them right to left.
  for (let i = 0; i < expressions.length; i += 2) {
    const condition = CONDITION.exec(expressions[i]);
    if (!condition) return undefined;
    const operator = condition[2];
    if (operator !== undefined && !OPERATORS.has(operator)) return undefined;
    let text = laxExpression(condition[1]);
    // liquidjs has no `<>`; Ruby's meaning is `!=`.
    if (operator !== undefined) text += ` ${operator === '<>' ? '!=' : operator} ${condition[3] === undefined ? 'nil' : laxExpression(condition[3])}`;
    parts.push(text);
    const joiner = expressions[i + 1]?.trim();
    if (joiner === undefined) break;
    if (joiner !== 'and' && joiner !== 'or') return undefined;
    parts.push(joiner);
  }
  return parts.length % 2 === 1 ? parts.join(' ') : undefined;
}

function laxArgument(argument: string): string {
  const keyword = JUST_TAG_ATTRIBUTE.exec(argument);
  return keyword ? `${keyword[1]}: ${laxExpression(keyword[2])}` : laxExpression(argument);
}

/** Ruby's `Expression.parse` in lax mode: a literal, or a variable lookup made of whatever segments it finds. */
function laxExpression(markup: string): string {
  const text = markup.trim();
  if (/^(?:nil|null|true|false|blank|empty|"[^"]*"|'[^']*'|-?\d+|-?\d[\d.]+)$/.test(text)) return text;
  const range = /^\(\s*(\S+)\s*\.\.\s*(\S+)\s*\)$/.exec(text);
  if (range) return `(${laxExpression(range[1])}..${laxExpression(range[2])})`;
  const segments = text.match(VARIABLE_PARSER) ?? [];
  if (segments.length === 0) return 'nil';
  return segments.map((segment, i) => (segment.startsWith('[') ? segment : i === 0 ? segment : `.${segment}`)).join('');
}
