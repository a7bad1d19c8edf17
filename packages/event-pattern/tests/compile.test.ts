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
  [
    'anything-but a prefix never matches a number',
    { detail: { 'c-count': [{ 'anything-but': { prefix: '9' } }] } },
    false,
  ],
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

const invalid: [label: string, pattern: unknown, reason: RegExp][] = [
  ['a bare value instead of a list', { source: 'aws.ec2' }, /"source" must be an object or an array/],
  ['an empty list', { source: [] }, /Empty arrays are not allowed/],
  ['an unknown operator', { source: [{ 'starts-with': 'aws' }] }, /Unrecognized match type starts-with/],
  ['two operators in one expression', { source: [{ prefix: 'a', suffix: 'b' }] }, /exactly one key/],
  ['a numeric range upside down', { detail: { n: [{ numeric: ['>', 10, '<', 5] }] } }, /Bad numeric range/],
  [
    'a numeric operator that does not exist',
    { detail: { n: [{ numeric: ['!=', 1] }] } },
    /Unrecognized numeric range operator/,
  ],
  [
    'a numeric operand that is a string',
    { detail: { n: [{ numeric: ['>', '5'] }] } },
    /Value of > must be numeric/,
  ],
  ['two lower bounds', { detail: { n: [{ numeric: ['>', 1, '>=', 2] }] } }, /Bad numeric range operator/],
  ['a number beyond the limits', { detail: { n: [{ numeric: ['<', 6e9] }] } }, /between -5.0E9 and 5.0E9/],
  ['a prefix that is not a string', { source: [{ prefix: 5 }] }, /prefix match pattern must be a string/],
  [
    'exists that is not a boolean',
    { source: [{ exists: 'yes' }] },
    /exists match pattern must be either true or false/,
  ],
  ['a malformed CIDR block', { ip: [{ cidr: '10.0.0.0' }] }, /Malformed CIDR/],
  ['consecutive wildcards', { f: [{ wildcard: 'a**b' }] }, /Consecutive wildcard characters/],
  [
    'anything-but with mixed types',
    { s: [{ 'anything-but': ['a', 1] }] },
    /Inside anything but list, either all values are number or string, mixed type is not supported$/,
  ],
  [
    'anything-but with an empty list',
    { s: [{ 'anything-but': [] }] },
    /Inside anything but list, either all values are number or string, mixed type is not supported$/,
  ],
  [
    'anything-but null',
    { s: [{ 'anything-but': null }] },
    /Value of anything-but must be an array or single string\/number value\.$/,
  ],
  [
    'anything-but a list with null',
    { s: [{ 'anything-but': ['a', null] }] },
    /Inside anything but list, start\|null\|boolean is not supported\.$/,
  ],
  [
    'anything-but an unknown set',
    { s: [{ 'anything-but': { numeric: ['>', 1] } }] },
    /Unsupported anything-but pattern: numeric$/,
  ],
  [
    'anything-but an empty prefix',
    { s: [{ 'anything-but': { prefix: '' } }] },
    /Null prefix\/suffix not allowed$/,
  ],
  [
    'anything-but an empty suffix in a list',
    { s: [{ 'anything-but': { suffix: ['.png', ''] } }] },
    /Null prefix\/suffix not allowed$/,
  ],
  [
    'anything-but prefix ignoring case (not something AWS offers)',
    { s: [{ 'anything-but': { prefix: { 'equals-ignore-case': 'a' } } }] },
    /Value of anything-but must be an array or single string\/number value\.$/,
  ],
  [
    'anything-but a numeric prefix',
    { s: [{ 'anything-but': { prefix: 5 } }] },
    /prefix\/suffix match pattern must be a string$/,
  ],
  [
    'anything-but a numeric wildcard',
    { s: [{ 'anything-but': { wildcard: [5] } }] },
    /wildcard match pattern must be a string$/,
  ],
  [
    'anything-but ignoring case of a number',
    { s: [{ 'anything-but': { 'equals-ignore-case': [1] } }] },
    /Inside anything-but\/equals-ignore-case list, number\|start\|null\|boolean is not supported\.$/,
  ],
  [
    'anything-but a bad wildcard in a list',
    { s: [{ 'anything-but': { wildcard: ['a*', 'b**c'] } }] },
    /Consecutive wildcard characters/,
  ],
  ['$or with one alternative', { $or: [{ source: ['a'] }] }, /\$or must be an array of at least two objects/],
  ['a nested list', { source: [['aws.ec2']] }, /Match value must be String, number, true, false, or null/],
  ['an empty pattern', {}, /Empty objects are not allowed/],
  ['a pattern that is not an object', ['aws.ec2'], /Filter is not an object/],
  ['text that is not JSON', '{source: [aws]}', /Filter is not valid JSON/],
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
    expect((error as Error).message).toMatch(/^Event pattern is not valid\. Reason: /);
    expect((error as Error).message).toMatch(reason);
  });
});
