import { InvalidEventPatternError } from './errors.js';
import { cidrContains, parseCidr } from './ip.js';

/** Tests one leaf value of an event (never an array: arrays are spread by the caller). */
type ValueTest = (value: unknown) => boolean;
/** Tests a node of the event: an object, or an array whose elements are tested one by one. */
type NodeTest = (node: unknown) => boolean;

interface LeafRule {
  /** `exists: false` is the only rule that matches a missing field. */
  matchesMissing: boolean;
  test: ValueTest;
}

const NUMERIC_LIMIT = 5e9;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const describe = (value: unknown) => JSON.stringify(value);

function fail(reason: string): never {
  throw new InvalidEventPatternError(reason);
}

function requireString(value: unknown, operator: string): string {
  if (typeof value !== 'string') fail(`${operator} match pattern must be a string literal`);
  return value;
}

function lower(value: string): string {
  return value.toLocaleLowerCase('en-US');
}

/** `*` matches any run of characters; `\*` is a literal star; `**` is refused like AWS does. */
function compileWildcard(pattern: string): RegExp {
  let source = '';
  let previousWasStar = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === '\\' && pattern[index + 1] === '*') {
      source += '\\*';
      index++;
      previousWasStar = false;
    } else if (char === '*') {
      if (previousWasStar) fail(`Consecutive wildcard characters at pos ${index}`);
      source += '.*';
      previousWasStar = true;
    } else {
      source += char.replace(/[.+?^${}()|[\]\\/-]/g, '\\$&');
      previousWasStar = false;
    }
  }
  return new RegExp(`^${source}$`, 's');
}

function compilePrefixOrSuffix(operator: 'prefix' | 'suffix', argument: unknown): ValueTest {
  const check = (text: string, affix: string) =>
    operator === 'prefix' ? text.startsWith(affix) : text.endsWith(affix);
  if (isObject(argument)) {
    const keys = Object.keys(argument);
    if (keys.length !== 1 || keys[0] !== 'equals-ignore-case') {
      fail(`Unsupported ${operator} pattern: ${describe(argument)}`);
    }
    const affix = lower(requireString(argument['equals-ignore-case'], operator));
    return (value) => typeof value === 'string' && check(lower(value), affix);
  }
  const affix = requireString(argument, operator);
  return (value) => typeof value === 'string' && check(value, affix);
}

function compileNumeric(argument: unknown): ValueTest {
  if (!Array.isArray(argument) || argument.length === 0) fail('Value of numeric must be an array.');
  const checks: ((n: number) => boolean)[] = [];
  let lowerBound: { value: number; inclusive: boolean } | undefined;
  let upperBound: { value: number; inclusive: boolean } | undefined;
  let equals = false;
  for (let index = 0; index < argument.length; index += 2) {
    const operator = argument[index];
    const operand = argument[index + 1];
    if (typeof operator !== 'string' || !['<', '<=', '=', '>', '>='].includes(operator)) {
      fail(`Unrecognized numeric range operator: ${describe(operator)}`);
    }
    if (typeof operand !== 'number' || !Number.isFinite(operand))
      fail(`Value of ${operator} must be numeric`);
    if (Math.abs(operand) > NUMERIC_LIMIT)
      fail(`Value of ${operator} must be between -5.0E9 and 5.0E9 inclusive`);
    if (operator === '=') {
      if (argument.length !== 2) fail('= cannot be combined with other numeric operators');
      equals = true;
      checks.push((n) => n === operand);
    } else if (operator === '>' || operator === '>=') {
      if (lowerBound) fail(`Bad numeric range operator: ${operator}`);
      lowerBound = { value: operand, inclusive: operator === '>=' };
      checks.push(operator === '>' ? (n) => n > operand : (n) => n >= operand);
    } else {
      if (upperBound) fail(`Bad numeric range operator: ${operator}`);
      upperBound = { value: operand, inclusive: operator === '<=' };
      checks.push(operator === '<' ? (n) => n < operand : (n) => n <= operand);
    }
  }
  if (!equals && lowerBound && upperBound) {
    const empty =
      lowerBound.value > upperBound.value ||
      (lowerBound.value === upperBound.value && !(lowerBound.inclusive && upperBound.inclusive));
    if (empty) fail('Bad numeric range: the lower bound must be below the upper bound');
  }
  return (value) => typeof value === 'number' && checks.every((check) => check(value));
}

/** What anything-but may hold in an object: each a set of strings (one or a list), as event-ruler reads it. */
const ANYTHING_BUT_SETS = ['equals-ignore-case', 'prefix', 'suffix', 'wildcard'] as const;
type AnythingButSet = (typeof ANYTHING_BUT_SETS)[number];

/** AWS's words for a value of the wrong kind inside each set (event-ruler's compiler). */
const NOT_A_STRING: Record<AnythingButSet, string> = {
  'equals-ignore-case':
    'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
  prefix: 'prefix/suffix match pattern must be a string',
  suffix: 'prefix/suffix match pattern must be a string',
  wildcard: 'wildcard match pattern must be a string',
};

const ANYTHING_BUT_VALUE = 'Value of anything-but must be an array or single string/number value.';

/** A value anything-but may name directly or in its list: a string or a number. */
const isScalar = (value: unknown): value is string | number =>
  typeof value === 'string' || typeof value === 'number';

/**
 * `anything-but`: a value or a list of them (all strings or all numbers), or one of the sets — equals-ignore-case,
 * prefix, suffix, wildcard — each one string or a list of strings. Validated with event-ruler's rules and words.
 */
function compileAnythingBut(argument: unknown): ValueTest {
  if (isObject(argument)) {
    const [operator] = Object.keys(argument);
    if (operator === undefined) fail('Anything-But expression name not found');
    if (!(ANYTHING_BUT_SETS as readonly string[]).includes(operator))
      fail(`Unsupported anything-but pattern: ${operator}`);
    if (Object.keys(argument).length > 1) fail('Too many elements in numeric expression');
    const set = operator as AnythingButSet;
    const inner = argument[set];
    if (!Array.isArray(inner) && !isScalar(inner)) fail(ANYTHING_BUT_VALUE);
    const texts = (Array.isArray(inner) ? inner : [inner]).map((value) => {
      if (typeof value !== 'string') fail(NOT_A_STRING[set]);
      if ((set === 'prefix' || set === 'suffix') && value === '') fail('Null prefix/suffix not allowed');
      return value;
    });
    let positive: (value: string) => boolean;
    switch (set) {
      case 'prefix':
        positive = (value) => texts.some((text) => value.startsWith(text));
        break;
      case 'suffix':
        positive = (value) => texts.some((text) => value.endsWith(text));
        break;
      case 'equals-ignore-case': {
        const lowered = new Set(texts.map(lower));
        positive = (value) => lowered.has(lower(value));
        break;
      }
      case 'wildcard': {
        const expressions = texts.map(compileWildcard);
        positive = (value) => expressions.some((expression) => expression.test(value));
        break;
      }
    }
    // anything-but only matches values of the kind it talks about: a number is not "anything but a prefix".
    return (value) => typeof value === 'string' && !positive(value);
  }
  if (!Array.isArray(argument) && !isScalar(argument)) fail(ANYTHING_BUT_VALUE);
  const values = Array.isArray(argument) ? argument : [argument];
  if (!values.every(isScalar)) fail('Inside anything but list, start|null|boolean is not supported.');
  const allStrings = values.every((v) => typeof v === 'string');
  const allNumbers = values.every((v) => typeof v === 'number');
  if (values.length === 0 || (!allStrings && !allNumbers))
    fail('Inside anything but list, either all values are number or string, mixed type is not supported');
  const excluded = new Set<unknown>(values);
  return (value) => value !== null && typeof value !== 'object' && !excluded.has(value);
}

function compileMatchExpression(expression: Record<string, unknown>): LeafRule {
  const keys = Object.keys(expression);
  const [operator] = keys;
  if (keys.length !== 1 || operator === undefined)
    fail(`Match expression must have exactly one key: ${describe(expression)}`);
  const argument = expression[operator];
  switch (operator) {
    case 'prefix':
    case 'suffix':
      return { matchesMissing: false, test: compilePrefixOrSuffix(operator, argument) };
    case 'equals-ignore-case': {
      const expected = lower(requireString(argument, 'equals-ignore-case'));
      return {
        matchesMissing: false,
        test: (value) => typeof value === 'string' && lower(value) === expected,
      };
    }
    case 'anything-but':
      return { matchesMissing: false, test: compileAnythingBut(argument) };
    case 'numeric':
      return { matchesMissing: false, test: compileNumeric(argument) };
    case 'exists':
      if (typeof argument !== 'boolean') fail('exists match pattern must be either true or false.');
      return argument
        ? { matchesMissing: false, test: (value) => value === null || typeof value !== 'object' }
        : { matchesMissing: true, test: () => false };
    case 'cidr': {
      const block = parseCidr(requireString(argument, 'cidr'));
      if (!block) fail(`Malformed CIDR, one '/' required: ${describe(argument)}`);
      return {
        matchesMissing: false,
        test: (value) => typeof value === 'string' && cidrContains(block, value),
      };
    }
    case 'wildcard': {
      const regex = compileWildcard(requireString(argument, 'wildcard'));
      return { matchesMissing: false, test: (value) => typeof value === 'string' && regex.test(value) };
    }
    default:
      fail(`Unrecognized match type ${operator}`);
  }
}

/**
 * A field of an event node as EventBridge reads it: events are flattened to dotted paths, so `{"a.b": 1}` and
 * `{"a": {"b": 1}}` are the same field. The dotted spelling is looked for only when the plain key is missing.
 */
function fieldOf(node: unknown, key: string): unknown {
  if (!isObject(node)) return undefined;
  const value = node[key];
  if (value !== undefined) return value;
  const prefix = `${key}.`;
  let nested: Record<string, unknown> | undefined;
  for (const name of Object.keys(node)) {
    if (!name.startsWith(prefix)) continue;
    nested ??= {};
    nested[name.slice(prefix.length)] = node[name];
  }
  return nested;
}

/** A pattern with its dotted keys (`"detail.state"`) spelled as the nested objects they stand for. */
function expandDottedKeys(pattern: Record<string, unknown>): Record<string, unknown> {
  const expanded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pattern)) {
    const inner =
      key === '$or' && Array.isArray(value)
        ? value.map((alternative) => (isObject(alternative) ? expandDottedKeys(alternative) : alternative))
        : isObject(value)
          ? expandDottedKeys(value)
          : value;
    const [head, ...rest] = key === '$or' ? [key] : key.split('.');
    // "a.b.c": [...] is {"a": {"b": {"c": [...]}}}.
    const below = rest.reduceRight<unknown>((child, part) => ({ [part]: child }), inner);
    merge(expanded, head as string, below, key);
  }
  return expanded;
}

/** Puts one spelling of a field into the pattern beside the others: objects merge, value lists join. */
function merge(target: Record<string, unknown>, key: string, value: unknown, spelledAs: string): void {
  const existing = target[key];
  if (existing === undefined) target[key] = value;
  else if (isObject(existing) && isObject(value)) {
    for (const [inner, innerValue] of Object.entries(value)) merge(existing, inner, innerValue, spelledAs);
  } else if (Array.isArray(existing) && Array.isArray(value)) target[key] = [...existing, ...value];
  // A field matched as a value that also has fields below it cannot be expressed as one nested pattern.
  else fail(`"${spelledAs}" names a field that is also matched as a value`);
}

function compileLeaf(key: string, values: unknown[]): NodeTest {
  if (values.length === 0) fail(`Empty arrays are not allowed`);
  const rules: LeafRule[] = values.map((value) => {
    if (Array.isArray(value)) fail(`Match value must be String, number, true, false, or null at "${key}"`);
    if (isObject(value)) return compileMatchExpression(value);
    return { matchesMissing: false, test: (candidate) => candidate === value };
  });
  const matchesMissing = rules.some((rule) => rule.matchesMissing);
  const tests = rules.filter((rule) => !rule.matchesMissing).map((rule) => rule.test);
  return (node) => {
    const value = fieldOf(node, key);
    if (value === undefined) return matchesMissing;
    // An array in the event matches when any of its elements does.
    if (Array.isArray(value))
      return value.length === 0 ? matchesMissing : value.some((item) => tests.some((test) => test(item)));
    return tests.some((test) => test(value));
  };
}

function compileObject(pattern: Record<string, unknown>, path: string): NodeTest {
  const fields: NodeTest[] = [];
  for (const [key, value] of Object.entries(pattern)) {
    const where = path ? `${path}.${key}` : key;
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2) fail('$or must be an array of at least two objects');
      const alternatives = value.map((alternative) => {
        if (!isObject(alternative) || Object.keys(alternative).length === 0)
          fail('$or alternatives must be non-empty objects');
        return compileObject(alternative, path);
      });
      fields.push((node) => alternatives.some((alternative) => alternative(node)));
    } else if (Array.isArray(value)) {
      fields.push(compileLeaf(key, value));
    } else if (isObject(value)) {
      if (Object.keys(value).length === 0) fail(`"${where}" must not be an empty object`);
      const nested = compileObject(value, where);
      fields.push((node) => {
        const child = fieldOf(node, key);
        if (Array.isArray(child)) return child.some((item) => nested(item));
        // A missing parent (or a value where an object was expected) has none of the fields below it:
        // `exists: false` there matches, anything else does not.
        return nested(isObject(child) ? child : undefined);
      });
    } else {
      fail(`"${where}" must be an object or an array`);
    }
  }
  return (node) => {
    if (Array.isArray(node)) return node.some((item) => fields.every((field) => field(item)));
    return fields.every((field) => field(node));
  };
}

/** A validated, compiled pattern: compile once, match many events. */
export interface EventPattern {
  readonly source: Record<string, unknown>;
  matches(event: unknown): boolean;
}

/** Validates and compiles a pattern (an object or its JSON text); throws InvalidEventPatternError like AWS. */
export function compilePattern(pattern: unknown): EventPattern {
  let parsed = pattern;
  if (typeof pattern === 'string') {
    try {
      parsed = JSON.parse(pattern);
    } catch (error) {
      fail(`Filter is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (!isObject(parsed)) fail('Filter is not an object');
  if (Object.keys(parsed).length === 0) fail('Empty objects are not allowed');
  const test = compileObject(expandDottedKeys(parsed), '');
  return { source: parsed, matches: (event) => isObject(event) && test(event) };
}

/** Mirrors `aws events test-event-pattern`: compiles and matches in one call. */
export function testEventPattern(pattern: unknown, event: unknown): boolean {
  return compilePattern(pattern).matches(typeof event === 'string' ? JSON.parse(event) : event);
}
