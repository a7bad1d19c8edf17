import {
  TOO_COMPLEX,
  WILDCARD_COMPLEXITY_LIMIT,
  type WildcardTerm,
  wildcardComplexity,
} from './complexity.js';
import { InvalidEventPatternError } from './errors.js';
import { type CidrBlock, cidrContains, parseCidr, parseIp } from './ip.js';

/** Tests one leaf value of an event (never an array or an object: the caller offers leaves one by one). */
type ValueTest = (value: unknown) => boolean;
/** Tests what an event holds at one place: a node (an object, or undefined) for a pattern object, a field's value for a leaf. */
type NodeTest = (node: unknown) => boolean;

interface LeafRule {
  /** `exists: false` is the only rule that matches a missing field. */
  matchesMissing: boolean;
  test: ValueTest;
  /** The wildcard operands it holds (its own, or those anything-but excludes): AWS bounds them per field. */
  wildcards?: readonly string[];
}

const NUMERIC_LIMIT = 5e9;

/** Marks a pattern object one of whose fields is matched both as a value and by fields below it. */
const UNSATISFIABLE = Symbol('unsatisfiable');

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(reason: string): never {
  throw new InvalidEventPatternError(reason);
}

/** AWS's words for an operand that is not a string, per operator (cidr's are AWS's own copy of prefix's). */
function requireString(value: unknown, operator: string): string {
  if (typeof value !== 'string')
    fail(`${operator === 'cidr' ? 'prefix' : operator} match pattern must be a string`);
  return value;
}

function lower(value: string): string {
  return value.toLocaleLowerCase('en-US');
}

/** Where AWS says a wildcard fault is: 1-based, in UTF-8 bytes of the quoted operand (its quote is 0). */
const wildcardPosition = (pattern: string, index: number) =>
  new TextEncoder().encode(pattern.slice(0, index)).length + 1;

/**
 * `*` matches any run of characters; `\*` is a literal star and `\\` a literal backslash; any other escape and
 * `**` are refused with AWS's words and position.
 */
function compileWildcard(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === '\\') {
      const next = pattern[index + 1];
      if (next !== '*' && next !== '\\')
        fail(`Invalid escape character at pos ${wildcardPosition(pattern, index)}`);
      source += `\\${next}`;
      index++;
    } else if (char === '*') {
      if (pattern[index + 1] === '*')
        fail(`Consecutive wildcard characters at pos ${wildcardPosition(pattern, index)}`);
      source += '.*';
    } else {
      source += char.replace(/[.+?^${}()|[\]\\/-]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 's');
}

function compilePrefixOrSuffix(operator: 'prefix' | 'suffix', argument: unknown): ValueTest {
  const check = (text: string, affix: string) =>
    operator === 'prefix' ? text.startsWith(affix) : text.endsWith(affix);
  if (isObject(argument)) {
    const keys = Object.keys(argument);
    const [inner] = keys;
    if (inner === undefined) fail(`${operator === 'prefix' ? 'Prefix' : 'Suffix'} expression name not found`);
    if (keys.length > 1) fail('Only one key allowed in match expression');
    if (inner !== 'equals-ignore-case') fail(`Unsupported ${operator} pattern: ${inner}`);
    const affix = lower(requireString(argument['equals-ignore-case'], 'equals-ignore-case'));
    return (value) => typeof value === 'string' && check(lower(value), affix);
  }
  const affix = requireString(argument, operator);
  return (value) => typeof value === 'string' && check(value, affix);
}

/** How AWS names each numeric operator in its messages. */
const NUMERIC_NAMES: Readonly<Record<string, string>> = {
  '=': 'equals',
  '>': '>',
  '>=': '>=',
  '<': '<',
  '<=': '<=',
};

/** How AWS names an unexpected token of a numeric expression: its JSON text. */
const tokenOf = (value: unknown): string =>
  Array.isArray(value) ? '[' : isObject(value) ? '{' : value === null ? 'null' : String(value);

function threshold(name: string, value: unknown): number {
  if (typeof value !== 'number') fail(`Value of ${name} must be numeric`);
  if (Math.abs(value) > NUMERIC_LIMIT) fail(`Value of ${name} must be between -5.0E9 and 5.0E9 inclusive`);
  return value;
}

const compare: Readonly<Record<string, (value: number, operand: number) => boolean>> = {
  '=': (value, operand) => value === operand,
  '>': (value, operand) => value > operand,
  '>=': (value, operand) => value >= operand,
  '<': (value, operand) => value < operand,
  '<=': (value, operand) => value <= operand,
};

/**
 * `numeric` is a small grammar, checked as AWS checks it: one comparison, or a lower bound (`>`, `>=`) followed by
 * an upper one (`<`, `<=`) below which it lies; each fault in AWS's words.
 */
function compileNumeric(argument: unknown): ValueTest {
  if (!Array.isArray(argument)) fail('Value of numeric must be an array.');
  if (argument.length === 0) fail('Invalid member in numeric match: ]');
  const [first, firstOperand, second, secondOperand] = argument;
  if (typeof first !== 'string') fail(`Invalid member in numeric match: ${tokenOf(first)}`);
  const firstName = NUMERIC_NAMES[first];
  if (firstName === undefined) fail(`Unrecognized numeric range operator: ${first}`);
  if (argument.length < 2) fail(`Value of ${firstName} must be numeric`);
  const bottom = threshold(firstName, firstOperand);
  const meetsFirst = compare[first] as (value: number, operand: number) => boolean;
  if (argument.length === 2) return (value) => typeof value === 'number' && meetsFirst(value, bottom);
  if (first !== '>' && first !== '>=') fail('Too many elements in numeric expression');
  if (argument.length > 4) fail('Too many terms in numeric range expression');
  if (typeof second !== 'string') fail(`Bad value in numeric range: ${tokenOf(second)}`);
  if (second !== '<' && second !== '<=') fail(`Bad numeric range operator: ${second}`);
  if (argument.length < 4) fail(`Value of ${second} must be numeric`);
  const top = threshold(second, secondOperand);
  if (!(bottom < top)) fail('Bottom must be less than top');
  const meetsSecond = compare[second] as (value: number, operand: number) => boolean;
  return (value) => typeof value === 'number' && meetsFirst(value, bottom) && meetsSecond(value, top);
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
function compileAnythingBut(argument: unknown): Pick<LeafRule, 'test' | 'wildcards'> {
  if (isObject(argument)) {
    const [operator] = Object.keys(argument);
    if (operator === undefined) fail('Anything-But expression name not found');
    if (!(ANYTHING_BUT_SETS as readonly string[]).includes(operator))
      fail(`Unsupported anything-but pattern: ${operator}`);
    if (Object.keys(argument).length > 1) fail('Only one key allowed in match expression');
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
    // A number, a boolean or null is "anything but" any string the set names, as in AWS.
    return {
      test: (value) => typeof value !== 'string' || !positive(value),
      ...(set === 'wildcard' ? { wildcards: texts } : {}),
    };
  }
  if (!Array.isArray(argument) && !isScalar(argument)) fail(ANYTHING_BUT_VALUE);
  const values = Array.isArray(argument) ? argument : [argument];
  if (!values.every(isScalar)) fail('Inside anything but list, start|null|boolean is not supported.');
  const allStrings = values.every((v) => typeof v === 'string');
  const allNumbers = values.every((v) => typeof v === 'number');
  if (values.length === 0 || (!allStrings && !allNumbers))
    fail('Inside anything but list, either all values are number or string, mixed type is not supported');
  const excluded = new Set<unknown>(values);
  // A null field is anything but what the list names, as in AWS; only a missing field never matches.
  return { test: (value) => !excluded.has(value) };
}

/** The operators a match expression may name. */
const MATCH_TYPES = new Set([
  'exactly',
  'prefix',
  'suffix',
  'equals-ignore-case',
  'wildcard',
  'cidr',
  'numeric',
  'exists',
  'anything-but',
]);

/**
 * One `{operator: operand}` of a field's list, read as AWS reads it: the operator by name, then its operand, and
 * only then a second key (so a second key after a bad operand reports the operand).
 */
function compileMatchExpression(expression: Record<string, unknown>): LeafRule {
  const keys = Object.keys(expression);
  const [operator] = keys;
  if (operator === undefined) fail('Match expression name not found');
  if (!MATCH_TYPES.has(operator)) fail(`Unrecognized match type ${operator}`);
  const rule = compileOperator(operator, expression[operator]);
  if (keys.length > 1) {
    fail(
      operator === 'numeric' || operator === 'anything-but'
        ? 'Too many elements in numeric expression'
        : 'Only one key allowed in match expression',
    );
  }
  return rule;
}

function compileOperator(operator: string, argument: unknown): LeafRule {
  switch (operator) {
    case 'exactly': {
      // Event Ruler's explicit spelling of a plain string value.
      if (typeof argument !== 'string') fail('exact match pattern must be a string');
      return { matchesMissing: false, test: (value) => value === argument };
    }
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
      return { matchesMissing: false, ...compileAnythingBut(argument) };
    case 'numeric':
      return { matchesMissing: false, test: compileNumeric(argument) };
    case 'exists':
      if (typeof argument !== 'boolean') fail('exists match pattern must be either true or false.');
      return argument
        ? { matchesMissing: false, test: () => true }
        : { matchesMissing: true, test: () => false };
    case 'cidr': {
      const block = compileCidr(requireString(argument, 'cidr'));
      return {
        matchesMissing: false,
        test: (value) => typeof value === 'string' && cidrContains(block, value),
      };
    }
    default: {
      const wildcard = requireString(argument, 'wildcard');
      const regex = compileWildcard(wildcard);
      return {
        matchesMissing: false,
        test: (value) => typeof value === 'string' && regex.test(value),
        wildcards: [wildcard],
      };
    }
  }
}

/** A CIDR block, refused with AWS's words for each way it can be wrong. */
function compileCidr(text: string): CidrBlock {
  const slash = text.indexOf('/');
  const address = text.slice(0, slash);
  const maskText = text.slice(slash + 1);
  if (slash < 0 || maskText === '' || maskText.includes('/')) fail("Malformed CIDR, one '/' required");
  if (!/^[+-]?\d+$/.test(maskText) || Math.abs(Number(maskText)) >= 2 ** 31)
    fail('Malformed CIDR, mask bits must be an integer');
  const bits = Number(maskText);
  if (bits < 0) fail('Malformed CIDR, mask bits must not be negative');
  const v4 = /^\d+\.\d+\.\d+\.\d+$/.test(address);
  if (!v4 && !(address.includes(':') && /^[0-9a-fA-F:]+$/.test(address)))
    fail(`Nonstandard IP address: ${address}`);
  // AWS reads each octet as decimal: 0177.0.0.1 is 177.0.0.1.
  const normalized = v4
    ? address
        .split('.')
        .map((octet) => String(Number(octet)))
        .join('.')
    : address;
  if (parseIp(normalized) === undefined) fail(`Invalid IP address: ${address}`);
  if (v4 && bits > 31) fail('IPv4 mask bits must be < 32');
  if (!v4 && bits > 127) fail('IPv6 mask bits must be < 128');
  return parseCidr(`${normalized}/${bits}`) as CidrBlock;
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
    merge(expanded, head as string, below);
  }
  return expanded;
}

/** Puts one spelling of a field into the pattern beside the others: objects merge, value lists join. */
function merge(target: Record<string, unknown>, key: string, value: unknown): void {
  const existing = target[key];
  if (existing === undefined) target[key] = value;
  else if (isObject(existing) && isObject(value)) {
    for (const [inner, innerValue] of Object.entries(value)) merge(existing, inner, innerValue);
  } else if (Array.isArray(existing) && Array.isArray(value)) target[key] = [...existing, ...value];
  // A field matched as a value that also has fields below it: kept, and never met.
  else (target as { [UNSATISFIABLE]?: boolean })[UNSATISFIABLE] = true;
}

/** Every element inside an event array at any depth, without recursion: an event may nest arrays deeply. */
function flattened(array: readonly unknown[]): unknown[] {
  const elements: unknown[] = [];
  const pending: unknown[] = [array];
  while (pending.length > 0) {
    const item = pending.pop();
    if (!Array.isArray(item)) elements.push(item);
    else for (let index = item.length - 1; index >= 0; index--) pending.push(item[index]);
  }
  return elements;
}

function compileLeaf(values: unknown[], wildcards: WildcardTerm[]): NodeTest {
  if (values.length === 0) fail('Empty arrays are not allowed');
  const rules: LeafRule[] = values.map((value) => {
    if (Array.isArray(value)) fail('Match value must be String, number, true, false, or null');
    if (isObject(value)) {
      const rule = compileMatchExpression(value);
      if (rule.wildcards) wildcards.push({ identity: JSON.stringify(value), wildcards: rule.wildcards });
      return rule;
    }
    return { matchesMissing: false, test: (candidate) => candidate === value };
  });
  const matchesMissing = rules.some((rule) => rule.matchesMissing);
  const tests = rules.filter((rule) => !rule.matchesMissing).map((rule) => rule.test);
  return (value) => {
    // Operators work on leaves only: a field holding an object, an empty array or only objects is as good as
    // missing (so `exists: false` holds there); an array matches when any leaf in it does.
    if (value === undefined) return matchesMissing;
    if (!Array.isArray(value)) return isObject(value) ? matchesMissing : tests.some((test) => test(value));
    const leaves = flattened(value).filter((item) => !isObject(item));
    if (leaves.length === 0) return matchesMissing;
    return leaves.some((leaf) => tests.some((test) => test(leaf)));
  };
}

/** Every field's wildcard alternatives, by dotted path: AWS bounds each field's machine. */
type WildcardsByField = Map<string, WildcardTerm[]>;

function compileObject(
  pattern: Record<string, unknown>,
  path: string,
  wildcards: WildcardsByField,
): NodeTest {
  // AWS keeps both constraints on such a field, and no event meets both.
  if ((pattern as { [UNSATISFIABLE]?: boolean })[UNSATISFIABLE]) return () => false;
  const fields: NodeTest[] = [];
  for (const [key, value] of Object.entries(pattern)) {
    const where = path ? `${path}.${key}` : key;
    if (key === '$or') {
      if (!Array.isArray(value)) fail('It must be an Array followed with $or.');
      const alternatives = value.map((alternative) => {
        if (!isObject(alternative)) fail('Only JSON object is allowed in array of $or relationship.');
        if (Object.keys(alternative).length === 0) fail('Empty objects are not allowed');
        return compileObject(alternative, path, wildcards);
      });
      if (alternatives.length < 2) fail('There must have at least 2 Objects in $or relationship.');
      fields.push((node) => alternatives.some((alternative) => alternative(node)));
    } else if (Array.isArray(value)) {
      const terms = wildcards.get(where) ?? [];
      wildcards.set(where, terms);
      const leaf = compileLeaf(value, terms);
      fields.push((node) => leaf(fieldOf(node, key)));
    } else if (isObject(value)) {
      if (Object.keys(value).length === 0) fail('Empty objects are not allowed');
      const nested = compileObject(value, where, wildcards);
      fields.push((node) => {
        const child = fieldOf(node, key);
        if (Array.isArray(child)) {
          // The fields of one pattern object must match within one object of an event array (at any depth).
          const objects = flattened(child).filter(isObject);
          return objects.length > 0 ? objects.some((item) => nested(item)) : nested(undefined);
        }
        // A missing parent (or a value where an object was expected) has none of the fields below it:
        // `exists: false` there matches, anything else does not.
        return nested(isObject(child) ? child : undefined);
      });
    } else {
      fail(`"${key}" must be an object or an array`);
    }
  }
  return (node) => fields.every((field) => field(node));
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
  const wildcards: WildcardsByField = new Map();
  const test = compileObject(expandDottedKeys(parsed), '', wildcards);
  for (const terms of wildcards.values()) {
    if (terms.length > 0 && wildcardComplexity(terms) > WILDCARD_COMPLEXITY_LIMIT) fail(TOO_COMPLEX);
  }
  return { source: parsed, matches: (event) => isObject(event) && test(event) };
}

/** Mirrors `aws events test-event-pattern`: compiles and matches in one call. */
export function testEventPattern(pattern: unknown, event: unknown): boolean {
  return compilePattern(pattern).matches(typeof event === 'string' ? JSON.parse(event) : event);
}
