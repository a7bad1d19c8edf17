import { TOO_COMPLEX } from '../src/complexity.js';
import { compilePattern, InvalidEventPatternError, testEventPattern } from '../src/index.js';

/** The sample event of the EventBridge user guide's pattern examples, with a few fields added. */
const event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: {
    'instance-id': 'i-1234567890abcdef0',
    state: 'terminated',
    'c-count': 5,
    'd-count': 0,
    'x-limit': 3.018,
    'source-ip': '10.0.0.123',
    'source-ipv6': '2001:db8:1234:1a00::7',
    location: null,
    empty: '',
    eventSource: 'ec2.amazonaws.com',
    filename: 'dir/subdir/image.png',
    'Case-Sensitive': 'Yes',
    tags: ['blue', 'green'],
    items: [
      { name: 'wheel', qty: 4 },
      { name: 'engine', qty: 1 },
    ],
    nested: { deep: { value: 'found' } },
    none: [],
    grid: [
      [1, 2],
      [7, 8],
    ],
  },
};

type Case = [label: string, pattern: Record<string, unknown>, expected: boolean];

const cases: Case[] = [
  // Exact values and arrays (any of)
  ['exact string', { source: ['aws.ec2'] }, true],
  ['exact string, another value', { source: ['aws.s3'] }, false],
  ['any of the listed values', { detail: { state: ['running', 'terminated'] } }, true],
  ['exact number', { detail: { 'c-count': [5] } }, true],
  ['a number never equals its string', { detail: { 'c-count': ['5'] } }, false],
  ['zero', { detail: { 'd-count': [0] } }, true],
  // Null and empty string
  ['null matches a null field', { detail: { location: [null] } }, true],
  ['null does not match a missing field', { detail: { nowhere: [null] } }, false],
  ['empty string matches an empty string', { detail: { empty: [''] } }, true],
  ['empty string does not match null', { detail: { location: [''] } }, false],
  // Nested objects and several fields (all must match)
  ['nested objects', { detail: { nested: { deep: { value: ['found'] } } } }, true],
  ['every field must match', { source: ['aws.ec2'], detail: { state: ['running'] } }, false],
  ['a missing intermediate object', { detail: { absent: { value: ['x'] } } }, false],
  // Keys are case-sensitive
  ['case-sensitive keys', { detail: { 'case-sensitive': ['Yes'] } }, false],
  ['case-sensitive values', { detail: { state: ['TERMINATED'] } }, false],
  // Arrays in the event
  ['an array in the event matches when any element does', { detail: { tags: ['green'] } }, true],
  ['no element of the array matches', { detail: { tags: ['red'] } }, false],
  ['resources array', { resources: [{ prefix: 'arn:aws:ec2:us-west-1' }] }, true],
  ['objects inside an event array', { detail: { items: { name: ['engine'] } } }, true],
  ['fields of one array element go together', { detail: { items: { name: ['engine'], qty: [4] } } }, false],
  // prefix and suffix, with equals-ignore-case
  ['prefix', { time: [{ prefix: '2017-12-22' }] }, true],
  ['prefix, not matching', { time: [{ prefix: '2018' }] }, false],
  ['prefix ignoring case', { detail: { state: [{ prefix: { 'equals-ignore-case': 'TERM' } }] } }, true],
  ['suffix', { detail: { filename: [{ suffix: '.png' }] } }, true],
  ['suffix, not matching', { detail: { filename: [{ suffix: '.jpg' }] } }, false],
  ['suffix ignoring case', { detail: { filename: [{ suffix: { 'equals-ignore-case': '.PNG' } }] } }, true],
  ['prefix never matches a number', { detail: { 'c-count': [{ prefix: '5' }] } }, false],
  // equals-ignore-case
  ['equals-ignore-case', { detail: { state: [{ 'equals-ignore-case': 'TeRmInAtEd' }] } }, true],
  ['equals-ignore-case, other value', { detail: { state: [{ 'equals-ignore-case': 'running' }] } }, false],
  // anything-but
  ['anything-but a value', { detail: { state: [{ 'anything-but': 'initializing' }] } }, true],
  ['anything-but the value itself', { detail: { state: [{ 'anything-but': 'terminated' }] } }, false],
  ['anything-but a list', { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, true],
  [
    'anything-but a list holding the value',
    { detail: { state: [{ 'anything-but': ['stopped', 'terminated'] }] } },
    false,
  ],
  ['anything-but numbers', { detail: { 'c-count': [{ 'anything-but': [1, 2, 3] }] } }, true],
  ['anything-but the number', { detail: { 'c-count': [{ 'anything-but': 5 }] } }, false],
  ['anything-but a prefix', { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, true],
  ['anything-but the prefix it has', { detail: { state: [{ 'anything-but': { prefix: 'term' } }] } }, false],
  ['anything-but a suffix', { detail: { filename: [{ 'anything-but': { suffix: '.txt' } }] } }, true],
  [
    'anything-but the suffix it has',
    { detail: { filename: [{ 'anything-but': { suffix: '.png' } }] } },
    false,
  ],
  [
    'anything-but ignoring case',
    { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['TERMINATED'] } }] } },
    false,
  ],
  [
    'anything-but ignoring case, other',
    { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'Stopped' } }] } },
    true,
  ],
  [
    'anything-but a wildcard',
    { detail: { filename: [{ 'anything-but': { wildcard: '*/subdir/*.png' } }] } },
    false,
  ],
  [
    'anything-but another wildcard',
    { detail: { filename: [{ 'anything-but': { wildcard: '*.txt' } }] } },
    true,
  ],
  ['anything-but never matches a missing field', { detail: { nowhere: [{ 'anything-but': 'x' }] } }, false],
  // anything-but sets as lists (event-ruler reads each set as one string or a list of them)
  [
    'anything-but any of the prefixes',
    { detail: { state: [{ 'anything-but': { prefix: ['init', 'stop'] } }] } },
    true,
  ],
  [
    'anything-but a list of prefixes holding its own',
    { detail: { state: [{ 'anything-but': { prefix: ['init', 'term'] } }] } },
    false,
  ],
  [
    'anything-but a list of suffixes holding its own',
    { detail: { filename: [{ 'anything-but': { suffix: ['.txt', '.png'] } }] } },
    false,
  ],
  [
    'anything-but a list of wildcards holding its own',
    { detail: { filename: [{ 'anything-but': { wildcard: ['*.txt', 'dir/*'] } }] } },
    false,
  ],
  [
    'anything-but an empty set of prefixes',
    { detail: { state: [{ 'anything-but': { prefix: [] } }] } },
    true,
  ],
  // A null or a number is "anything but" whatever strings a set names (AWS answers so); a missing field never is.
  ['anything-but a value, on a null field', { detail: { location: [{ 'anything-but': 'x' }] } }, true],
  [
    'anything-but a prefix, on a number',
    { detail: { 'c-count': [{ 'anything-but': { prefix: '5' } }] } },
    true,
  ],
  [
    'anything-but prefixes, on a null field',
    { detail: { location: [{ 'anything-but': { prefix: ['init', 'test'] } }] } },
    true,
  ],
  [
    'anything-but suffixes, on a null field',
    { detail: { location: [{ 'anything-but': { suffix: ['.txt', '.png'] } }] } },
    true,
  ],
  [
    'anything-but a wildcard, on a number',
    { detail: { 'c-count': [{ 'anything-but': { wildcard: '*' } }] } },
    true,
  ],
  [
    'anything-but wildcards, on a null field',
    { detail: { location: [{ 'anything-but': { wildcard: ['*/init/*', '*'] } }] } },
    true,
  ],
  [
    'anything-but values ignoring case, on a null field',
    { detail: { location: [{ 'anything-but': { 'equals-ignore-case': ['NULL', 'x'] } }] } },
    true,
  ],
  [
    'anything-but a wildcard, on a missing field',
    { detail: { nowhere: [{ 'anything-but': { wildcard: '*' } }] } },
    false,
  ],
  ['anything-but an empty wildcard', { detail: { filename: [{ 'anything-but': { wildcard: '' } }] } }, true],
  [
    'anything-but an empty wildcard, on an empty string',
    { detail: { empty: [{ 'anything-but': { wildcard: '' } }] } },
    false,
  ],
  ['equals-ignore-case of an empty string', { detail: { empty: [{ 'equals-ignore-case': '' }] } }, true],
  ['null in a list, on an empty array', { detail: { none: [null] } }, false],
  // numeric
  ['numeric range', { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } }, true],
  ['numeric range excluding the value', { detail: { 'c-count': [{ numeric: ['>', 0, '<', 5] }] } }, false],
  ['numeric equality', { detail: { 'd-count': [{ numeric: ['=', 0] }] } }, true],
  ['numeric lower bound', { detail: { 'x-limit': [{ numeric: ['>=', 3.018] }] } }, true],
  ['numeric upper bound', { detail: { 'x-limit': [{ numeric: ['<', 3] }] } }, false],
  ['numeric never matches a string', { detail: { state: [{ numeric: ['>', 0] }] } }, false],
  // exists
  ['exists true on a present field', { detail: { state: [{ exists: true }] } }, true],
  ['exists true on a missing field', { detail: { nowhere: [{ exists: true }] } }, false],
  ['exists false on a missing field', { detail: { nowhere: [{ exists: false }] } }, true],
  ['exists false on a present field', { detail: { state: [{ exists: false }] } }, false],
  ['exists true on a null field', { detail: { location: [{ exists: true }] } }, true],
  ['exists true only on leaves', { detail: { nested: [{ exists: true }] } }, false],
  // Operators work on leaves: an object, an empty array or an array of objects is as good as missing
  ['exists false on a field holding an object', { detail: { nested: [{ exists: false }] } }, true],
  ['exists false on an empty array', { detail: { none: [{ exists: false }] } }, true],
  ['exists true on an empty array', { detail: { none: [{ exists: true }] } }, false],
  ['exists false on an array of objects', { detail: { items: [{ exists: false }] } }, true],
  ['anything-but on an empty array', { detail: { none: [{ 'anything-but': 'x' }] } }, false],
  ['a value inside nested arrays', { detail: { grid: [7] } }, true],
  ['anything-but inside nested arrays', { detail: { grid: [{ 'anything-but': [1, 2, 3, 4] }] } }, true],
  ['exactly, as Event Ruler spells a plain value', { detail: { state: [{ exactly: 'terminated' }] } }, true],
  ['exactly never matches a number', { detail: { 'c-count': [{ exactly: '5' }] } }, false],
  ['a CIDR block written with leading zeros', { detail: { 'source-ip': [{ cidr: '010.0.0.0/24' }] } }, true],
  [
    'a field matched as a value and by fields below it: AWS keeps both, and nothing meets both',
    { detail: { state: ['terminated'], 'state.deeper': ['x'] } },
    false,
  ],
  [
    'that contradiction in one $or alternative leaves the other',
    { $or: [{ detail: { state: ['terminated'], 'state.deeper': ['x'] } }, { source: ['aws.ec2'] }] },
    true,
  ],
  // cidr
  ['IPv4 in a CIDR block', { detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } }, true],
  ['IPv4 outside a CIDR block', { detail: { 'source-ip': [{ cidr: '10.0.1.0/24' }] } }, false],
  ['IPv6 in a CIDR block', { detail: { 'source-ipv6': [{ cidr: '2001:db8:1234:1a00::/64' }] } }, true],
  ['IPv6 outside a CIDR block', { detail: { 'source-ipv6': [{ cidr: '2001:db8:1234:1b00::/64' }] } }, false],
  [
    'an IPv4 block never matches an IPv6 address',
    { detail: { 'source-ipv6': [{ cidr: '0.0.0.0/0' }] } },
    false,
  ],
  // wildcard
  ['wildcard', { detail: { filename: [{ wildcard: 'dir/*.png' }] } }, true],
  ['wildcard, several stars', { detail: { eventSource: [{ wildcard: '*.amazon*.com' }] } }, true],
  ['wildcard, not matching', { detail: { filename: [{ wildcard: 'dir/*.jpg' }] } }, false],
  ['wildcard with an escaped star', { detail: { filename: [{ wildcard: 'dir\\*' }] } }, false],
  [
    "two wildcards of two stars on one field, within AWS's bound",
    { detail: { filename: [{ wildcard: '*/other/*.png' }, { wildcard: '*/subdir/*.png' }] } },
    true,
  ],
  [
    'a path repeating after a star, within the bound',
    { detail: { filename: [{ wildcard: '*/dir/dir/dir/dir/dir/doc.txt' }] } },
    false,
  ],
  // $or
  [
    '$or, second alternative',
    { detail: { $or: [{ state: ['running'] }, { 'c-count': [{ numeric: ['>', 1] }] }] } },
    true,
  ],
  [
    '$or, no alternative',
    { detail: { $or: [{ state: ['running'] }, { 'c-count': [{ numeric: ['>', 10] }] }] } },
    false,
  ],
  ['$or at the top level', { $or: [{ source: ['aws.s3'] }, { 'detail-type': [{ prefix: 'EC2' }] }] }, true],
  // Several matchers on one field: any of them
  ['a list mixing matchers', { detail: { state: ['running', { prefix: 'term' }] } }, true],
  // Dotted keys: EventBridge flattens fields to dotted paths, so both spellings are one field
  ['a dotted key in the pattern', { 'detail.state': ['terminated'] }, true],
  ['a dotted key several levels down', { 'detail.nested.deep.value': ['found'] }, true],
  ['a dotted key inside an object', { detail: { 'nested.deep': { value: ['found'] } } }, true],
  ['a dotted key that does not match', { 'detail.state': ['running'] }, false],
  [
    'both spellings of one field: any of their values',
    { 'detail.state': ['running'], detail: { state: ['terminated'] } },
    true,
  ],
  // exists: false below a parent that is missing, or is not an object, matches
  ['exists false below a missing parent', { detail: { nowhere: { deeper: [{ exists: false }] } } }, true],
  ['exists true below a missing parent', { detail: { nowhere: { deeper: [{ exists: true }] } } }, false],
  [
    'exists false below a value that is not an object',
    { detail: { state: { deeper: [{ exists: false }] } } },
    true,
  ],
  [
    'exists false below a missing top-level parent',
    { ghost: { deeper: { deepest: [{ exists: false }] } } },
    true,
  ],
  [
    '$or with exists false below a missing parent',
    { detail: { $or: [{ nowhere: [{ exists: true }] }, { ghost: { deeper: [{ exists: false }] } }] } },
    true,
  ],
];

describe('event pattern matching', () => {
  it.each(cases)('%s', (_label, pattern, expected) => {
    expect(compilePattern(pattern).matches(event)).toBe(expected);
  });

  it('reads dotted keys in the event as the nested fields they stand for', () => {
    const flattened = {
      source: 'import.pipeline',
      'detail.toStage': 'SHIPPED',
      'detail.vehicle.make': 'Toyota',
    };

    expect(testEventPattern({ detail: { toStage: ['SHIPPED'] } }, flattened)).toBe(true);
    expect(testEventPattern({ 'detail.vehicle.make': ['Toyota'] }, flattened)).toBe(true);
    expect(testEventPattern({ detail: { vehicle: { make: [{ prefix: 'Toy' }] } } }, flattened)).toBe(true);
    expect(testEventPattern({ detail: { toStage: [{ exists: false }] } }, flattened)).toBe(false);
    expect(testEventPattern({ detail: { toStage: ['DELIVERED'] } }, flattened)).toBe(false);
    // A dotted key holding an object is one level deeper, not the same field.
    const dottedObject = { detail: { 'state.status': { status: 'running' } } };
    expect(testEventPattern({ detail: { state: { status: ['running'] } } }, dottedObject)).toBe(false);
    expect(testEventPattern({ detail: { state: { status: { status: ['running'] } } } }, dottedObject)).toBe(
      true,
    );
    expect(testEventPattern({ 'detail.state.status': { status: ['running'] } }, dottedObject)).toBe(true);
  });

  it('reads arrays nested a hundred thousand deep without running out of stack', () => {
    const depth = 100_000;
    const nested = JSON.parse(`{"detail":{"x":${'['.repeat(depth)}1${']'.repeat(depth)}}}`);
    expect(testEventPattern({ detail: { x: [1] } }, nested)).toBe(true);
    expect(testEventPattern({ detail: { x: { y: [{ exists: false }] } } }, nested)).toBe(true);
    expect(testEventPattern({ detail: { x: [{ 'anything-but': 1 }] } }, nested)).toBe(false);
  });

  it('takes a list of alternatives for one field as any of them, exists false included', () => {
    const pattern = {
      dynamodb: { NewImage: { homemade: { S: [{ 'anything-but': ['roses'] }, { exists: false }] } } },
    };
    const only = (image: Record<string, unknown>) =>
      testEventPattern(pattern, { dynamodb: { NewImage: image } });
    expect(only({ homemade: { N: '789' } })).toBe(true);
    expect(only({ purchased: { N: '789' } })).toBe(true);
    expect(only({ homemade: { S: 'tulips' } })).toBe(true);
    expect(only({ homemade: { S: 'roses' } })).toBe(false);
    expect(only({ homemade: { S: null } })).toBe(true);
  });

  it('matches an import-comms rule on a stage change', () => {
    const rule = {
      source: ['import.pipeline'],
      'detail-type': ['Import Stage Changed'],
      detail: { toStage: ['CUSTOMS_CLEARED'] },
    };
    const stageChanged = {
      source: 'import.pipeline',
      'detail-type': 'Import Stage Changed',
      detail: { toStage: 'CUSTOMS_CLEARED' },
    };

    expect(testEventPattern(rule, stageChanged)).toBe(true);
    expect(
      testEventPattern(
        JSON.stringify(rule),
        JSON.stringify({ ...stageChanged, detail: { toStage: 'SHIPPED' } }),
      ),
    ).toBe(false);
  });
});

/** Patterns AWS refuses, with the reason it gives (after "Event pattern is not valid. Reason: "). */
const invalid: [label: string, pattern: unknown, reason: string | RegExp][] = [
  ['a bare value instead of a list', { source: 'aws.ec2' }, '"source" must be an object or an array'],
  ['a bare number further down', { detail: { int: 42 } }, '"int" must be an object or an array'],
  ['an empty list', { source: [] }, 'Empty arrays are not allowed'],
  ['an empty object further down', { detail: {} }, 'Empty objects are not allowed'],
  ['an unknown operator', { source: [{ 'starts-with': 'aws' }] }, 'Unrecognized match type starts-with'],
  ['an operator in capitals', { detail: { n: [{ NUMERIC: ['=', 5] }] } }, 'Unrecognized match type NUMERIC'],
  ['EXISTS in capitals', { key: [{ EXISTS: true }] }, 'Unrecognized match type EXISTS'],
  ['an empty match expression', { source: [{}] }, 'Match expression name not found'],
  [
    'two operators in one expression',
    { source: [{ prefix: 'a', suffix: 'b' }] },
    'Only one key allowed in match expression',
  ],
  [
    'a bad operand before a second key',
    { source: [{ prefix: 5, suffix: 'b' }] },
    'prefix match pattern must be a string',
  ],
  [
    'numeric with a second key',
    { n: [{ numeric: ['>', 1], exists: true }] },
    'Too many elements in numeric expression',
  ],
  ['numeric not a list', { n: [{ numeric: 5 }] }, 'Value of numeric must be an array.'],
  ['numeric empty', { n: [{ numeric: [] }] }, 'Invalid member in numeric match: ]'],
  ['numeric starting with a number', { n: [{ numeric: [5, '>'] }] }, 'Invalid member in numeric match: 5'],
  [
    'a numeric operator that does not exist',
    { n: [{ numeric: ['!=', 1] }] },
    'Unrecognized numeric range operator: !=',
  ],
  ['a numeric operator without its value', { n: [{ numeric: ['='] }] }, 'Value of equals must be numeric'],
  ['a numeric operand that is a string', { n: [{ numeric: ['>', '5'] }] }, 'Value of > must be numeric'],
  [
    'equality with a range after it',
    { n: [{ numeric: ['=', 1, '<', 5] }] },
    'Too many elements in numeric expression',
  ],
  ['an upper bound first', { n: [{ numeric: ['<', 5, '>', 1] }] }, 'Too many elements in numeric expression'],
  ['two lower bounds', { n: [{ numeric: ['>', 1, '>=', 2] }] }, 'Bad numeric range operator: >='],
  ['the same bound twice', { n: [{ numeric: ['>', 0, '>', 0] }] }, 'Bad numeric range operator: >'],
  ['a range without its upper value', { n: [{ numeric: ['>', 0, '<'] }] }, 'Value of < must be numeric'],
  [
    'a range with a number for an operator',
    { n: [{ numeric: ['>', 0, 5, 6] }] },
    'Bad value in numeric range: 5',
  ],
  [
    'a range too long',
    { n: [{ numeric: ['>', 0, '<', 5, '<', 6] }] },
    'Too many terms in numeric range expression',
  ],
  ['a numeric range upside down', { n: [{ numeric: ['>', 10, '<', 5] }] }, 'Bottom must be less than top'],
  ['a numeric range of one point', { n: [{ numeric: ['>=', 5, '<=', 5] }] }, 'Bottom must be less than top'],
  ['a number beyond the limits', { n: [{ numeric: ['<', 6e9] }] }, /between -5.0E9 and 5.0E9/],
  ['a prefix that is not a string', { source: [{ prefix: 5 }] }, 'prefix match pattern must be a string'],
  [
    'a prefix given as a list',
    { time: [{ prefix: ['2022-07-13'] }] },
    'prefix match pattern must be a string',
  ],
  ['a suffix that is not a string', { file: [{ suffix: 123 }] }, 'suffix match pattern must be a string'],
  ['a suffix given as a list', { file: [{ suffix: ['.png'] }] }, 'suffix match pattern must be a string'],
  ['a prefix with an empty object', { file: [{ prefix: {} }] }, 'Prefix expression name not found'],
  [
    'a suffix with an unknown inner operator',
    { file: [{ suffix: { wildcard: '*' } }] },
    'Unsupported suffix pattern: wildcard',
  ],
  [
    'a prefix ignoring case of a number',
    { file: [{ prefix: { 'equals-ignore-case': 5 } }] },
    'equals-ignore-case match pattern must be a string',
  ],
  [
    'equals-ignore-case given a list',
    { type: [{ 'equals-ignore-case': ['ec2 instance state-change notification'] }] },
    'equals-ignore-case match pattern must be a string',
  ],
  [
    'equals-ignore-case given an object',
    { type: [{ 'equals-ignore-case': { prefix: 'ec2' } }] },
    'equals-ignore-case match pattern must be a string',
  ],
  ['exactly that is not a string', { source: [{ exactly: 5 }] }, 'exact match pattern must be a string'],
  [
    'exists that is not a boolean',
    { source: [{ exists: 'yes' }] },
    'exists match pattern must be either true or false.',
  ],
  ['a CIDR block given as a list', { ip: [{ cidr: ['bad-type'] }] }, 'prefix match pattern must be a string'],
  ['a CIDR block without a mask', { ip: [{ cidr: '10.0.0.0' }] }, "Malformed CIDR, one '/' required"],
  ['a CIDR block with two masks', { ip: [{ cidr: '10.0.0.0/8/8' }] }, "Malformed CIDR, one '/' required"],
  [
    'a CIDR mask that is not a number',
    { ip: [{ cidr: '10.0.0.0/xx' }] },
    'Malformed CIDR, mask bits must be an integer',
  ],
  [
    'a negative CIDR mask',
    { ip: [{ cidr: '10.0.0.0/-1' }] },
    'Malformed CIDR, mask bits must not be negative',
  ],
  ['a CIDR block of letters', { ip: [{ cidr: 'xx.11.xx/24' }] }, 'Nonstandard IP address: xx.11.xx'],
  [
    'an IPv6 block of letters',
    { ip: [{ cidr: 'xxxx:db8:1234:1a00::/64' }] },
    'Nonstandard IP address: xxxx:db8:1234:1a00::',
  ],
  ['an octet beyond 255', { ip: [{ cidr: '10.0.0.300/24' }] }, 'Invalid IP address: 10.0.0.300'],
  ['an IPv4 mask of 32', { ip: [{ cidr: '10.0.0.1/32' }] }, 'IPv4 mask bits must be < 32'],
  ['an IPv6 mask of 128', { ip: [{ cidr: '2001:db8::1/128' }] }, 'IPv6 mask bits must be < 128'],
  [
    'consecutive wildcards',
    { f: [{ wildcard: 'arn:aws:events:us-east-1:**:event-bus/*' }] },
    'Consecutive wildcard characters at pos 26',
  ],
  // AWS counts positions in UTF-8 bytes of the quoted operand.
  [
    'consecutive wildcards after an accent',
    { f: [{ wildcard: 'é**' }] },
    'Consecutive wildcard characters at pos 3',
  ],
  ['a wildcard escaping a letter', { f: [{ wildcard: 'dir\\a' }] }, 'Invalid escape character at pos 4'],
  ['a wildcard ending in a backslash', { f: [{ wildcard: 'dir\\' }] }, 'Invalid escape character at pos 4'],
  ['a wildcard that is a number', { f: [{ wildcard: 123 }] }, 'wildcard match pattern must be a string'],
  // Too many wildcard states live at once in one field's machine (AWS's bound is ten).
  ['a wildcard with six stars', { arn: [{ wildcard: '*:*:*:*:*:event-bus/*' }] }, TOO_COMPLEX],
  [
    'four wildcards of two stars each on one field',
    { key: ['bif', 'tif', 'tiff', 'svs'].map((type) => ({ wildcard: `*/datasync/*.${type}` })) },
    TOO_COMPLEX,
  ],
  ['a sequence repeating after a star', { f: [{ wildcard: `*${'ab'.repeat(20)}` }] }, TOO_COMPLEX],
  [
    'wildcards excluded by anything-but count too',
    { f: [{ 'anything-but': { wildcard: ['*:*:*:*:*:event-bus/*', 'y'] } }] },
    TOO_COMPLEX,
  ],
  ['a wildcard given as a list', { f: [{ wildcard: ['arn:*'] }] }, 'wildcard match pattern must be a string'],
  [
    'anything-but with mixed types',
    { s: [{ 'anything-but': ['a', 1] }] },
    'Inside anything but list, either all values are number or string, mixed type is not supported',
  ],
  [
    'anything-but with an empty list',
    { s: [{ 'anything-but': [] }] },
    'Inside anything but list, either all values are number or string, mixed type is not supported',
  ],
  [
    'anything-but null',
    { s: [{ 'anything-but': null }] },
    'Value of anything-but must be an array or single string/number value.',
  ],
  [
    'anything-but a list with null',
    { s: [{ 'anything-but': ['a', null] }] },
    'Inside anything but list, start|null|boolean is not supported.',
  ],
  ['anything-but an empty object', { s: [{ 'anything-but': {} }] }, 'Anything-But expression name not found'],
  [
    'anything-but an unknown set',
    { s: [{ 'anything-but': { numeric: ['>', 1] } }] },
    'Unsupported anything-but pattern: numeric',
  ],
  [
    'anything-but with two sets',
    { s: [{ 'anything-but': { prefix: 'a', suffix: 'b' } }] },
    'Only one key allowed in match expression',
  ],
  [
    'anything-but with a second key',
    { s: [{ 'anything-but': 'a', prefix: 'b' }] },
    'Too many elements in numeric expression',
  ],
  [
    'anything-but an empty prefix',
    { s: [{ 'anything-but': { prefix: '' } }] },
    'Null prefix/suffix not allowed',
  ],
  [
    'anything-but an empty suffix in a list',
    { s: [{ 'anything-but': { suffix: ['.png', ''] } }] },
    'Null prefix/suffix not allowed',
  ],
  [
    'anything-but prefix ignoring case (not something AWS offers)',
    { s: [{ 'anything-but': { prefix: { 'equals-ignore-case': 'a' } } }] },
    'Value of anything-but must be an array or single string/number value.',
  ],
  [
    'anything-but a numeric prefix',
    { s: [{ 'anything-but': { prefix: 5 } }] },
    'prefix/suffix match pattern must be a string',
  ],
  [
    'anything-but suffixes with a number',
    { s: [{ 'anything-but': { suffix: [123, '.txt'] } }] },
    'prefix/suffix match pattern must be a string',
  ],
  [
    'anything-but a numeric wildcard',
    { s: [{ 'anything-but': { wildcard: [5] } }] },
    'wildcard match pattern must be a string',
  ],
  [
    'anything-but ignoring case of a number',
    { s: [{ 'anything-but': { 'equals-ignore-case': [1] } }] },
    'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
  ],
  [
    'anything-but a bad wildcard in a list',
    { s: [{ 'anything-but': { wildcard: ['a*', 'b**c'] } }] },
    'Consecutive wildcard characters at pos 2',
  ],
  ['$or that is not a list', { $or: { source: ['a'] } }, 'It must be an Array followed with $or.'],
  [
    '$or holding a value',
    { $or: [{ source: ['a'] }, 'b'] },
    'Only JSON object is allowed in array of $or relationship.',
  ],
  [
    '$or with one alternative',
    { $or: [{ source: ['a'] }] },
    'There must have at least 2 Objects in $or relationship.',
  ],
  ['$or with an empty alternative', { $or: [{ source: ['a'] }, {}] }, 'Empty objects are not allowed'],
  ['a nested list', { source: [['aws.ec2']] }, 'Match value must be String, number, true, false, or null'],
  ['an empty pattern', {}, 'Empty objects are not allowed'],
  ['a pattern that is not an object', ['aws.ec2'], 'Filter is not an object'],
  ['text that is not JSON', '{source: [aws]}', /^Filter is not valid JSON/],
];

describe('invalid patterns', () => {
  it.each(invalid)('refuses %s, as AWS does', (_label, pattern, reason) => {
    let error: unknown;
    try {
      compilePattern(pattern);
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(InvalidEventPatternError);
    expect((error as InvalidEventPatternError).code).toBe('InvalidEventPatternException');
    const message = (error as Error).message;
    expect(message).toMatch(/^Event pattern is not valid\. Reason: /);
    const stated = message.replace(/^Event pattern is not valid\. Reason: /, '');
    if (typeof reason === 'string') expect(stated).toBe(reason);
    else expect(stated).toMatch(reason);
  });
});
