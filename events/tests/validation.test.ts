import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  contracts,
  describeIssues,
  findContract,
  ImportStageChangedV1,
  validateDetail,
  validateEvent,
} from '../src/index.js';

const example = (id: string) =>
  JSON.parse(readFileSync(path.resolve(__dirname, '../examples', `${id}.json`), 'utf8')).Detail as Record<
    string,
    unknown
  >;

const stageChanged = () => example('import-stage-changed.v1');

const envelope = (detail: unknown, overrides: Record<string, unknown> = {}) => ({
  version: '0',
  id: 'f2b1c3d4-0000-4000-8000-000000000001',
  'detail-type': 'Import Stage Changed',
  source: 'import.pipeline',
  account: '123456789012',
  time: '2026-11-20T03:15:01Z',
  region: 'ap-southeast-2',
  resources: [],
  detail,
  ...overrides,
});

describe('validateDetail', () => {
  it('reports every issue with its path, not just "invalid"', () => {
    // Prepare
    const detail = {
      ...stageChanged(),
      toStage: 'SAILING',
      stageSequence: -1,
      stageData: { eta: 'next tuesday', amountDue: { amount: 10.555, currency: 'aud' } },
    };

    // Act
    const result = validateDetail(ImportStageChangedV1.source, ImportStageChangedV1.detailType, detail);

    // Assess
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues.map((issue) => issue.path).sort()).toEqual([
      'detail.stageData.amountDue.amount',
      'detail.stageData.amountDue.currency',
      'detail.stageData.eta',
      'detail.stageSequence',
      'detail.toStage',
    ]);
    expect(describeIssues(result.issues)).toContain(
      'detail.stageData.amountDue.amount: at most 2 decimal places',
    );
  });

  it('rejects a stage change that does not change the stage', () => {
    const result = validateDetail('import.pipeline', 'Import Stage Changed', {
      ...stageChanged(),
      fromStage: 'SHIPPED',
      toStage: 'SHIPPED',
    });

    expect(result).toEqual({
      success: false,
      issues: [{ path: 'detail.toStage', message: 'toStage must differ from fromStage', code: 'custom' }],
    });
  });

  it('rejects fields the contract does not know, so typos are caught at the producer', () => {
    const result = validateDetail('import.pipeline', 'Import Stage Changed', {
      ...stageChanged(),
      tostage: 'X',
    });

    expect(result).toMatchObject({ success: false, issues: [{ code: 'unrecognized_keys', path: 'detail' }] });
  });

  it('names the unknown detail-type when no contract exists', () => {
    const result = validateDetail('import.pipeline', 'Vehicle Teleported', {});

    expect(result).toEqual({
      success: false,
      issues: [
        {
          path: 'detail-type',
          message: 'no contract for source "import.pipeline" and detail-type "Vehicle Teleported"',
          code: 'unknown_event',
        },
      ],
    });
  });

  it('names an unknown schema version of a known event', () => {
    const result = validateDetail('import.pipeline', 'Import Stage Changed', {
      ...stageChanged(),
      schemaVersion: 9,
    });

    expect(result).toMatchObject({
      success: false,
      issues: [{ path: 'detail.schemaVersion', code: 'unknown_version' }],
    });
  });

  it.each([
    ['phone', '0412 345 678', 'must be an E.164 phone number such as +61412345678', 'invalid_format'],
    ['timezone', 'Mars/Olympus_Mons', 'must be an IANA time zone such as Australia/Sydney', 'custom'],
    ['language', 'English', 'must be a BCP 47 language tag such as en or en-AU', 'invalid_format'],
  ])('rejects a customer with an invalid %s', (field, value, message, code) => {
    const detail = { ...example('customer-upserted.v1'), [field]: value };

    const result = validateDetail('import.crm', 'Customer Upserted', detail);

    expect(result).toEqual({ success: false, issues: [{ path: `detail.${field}`, message, code }] });
  });

  it('defaults a customer language to en when the CRM has none', () => {
    const { language: _omitted, ...detail } = example('customer-upserted.v1');

    const result = validateDetail('import.crm', 'Customer Upserted', detail);

    expect(result).toMatchObject({ success: true, data: { detail: { language: 'en' } } });
  });

  it('accepts a 17-character VIN and rejects one containing I, O or Q', () => {
    const vehicle = example('vehicle-upserted.v1');

    expect(
      validateDetail('import.pipeline', 'Vehicle Upserted', { ...vehicle, vin: 'JTMHV05J604123456' }),
    ).toMatchObject({
      success: true,
    });
    expect(
      validateDetail('import.pipeline', 'Vehicle Upserted', { ...vehicle, vin: 'JTMHV05J6O4123456' }),
    ).toMatchObject({
      success: false,
      issues: [{ path: 'detail.vin' }],
    });
  });
});

describe('validateEvent', () => {
  it('validates the EventBridge envelope and then the detail', () => {
    const result = validateEvent(envelope(stageChanged()));

    expect(result).toMatchObject({
      success: true,
      data: { contract: contracts.importStageChangedV1, envelopeId: 'f2b1c3d4-0000-4000-8000-000000000001' },
    });
  });

  it('reports a broken envelope before looking at the detail', () => {
    const { source: _dropped, ...withoutSource } = envelope(stageChanged());

    const result = validateEvent(withoutSource);

    expect(result).toMatchObject({ success: false, issues: [{ path: 'source' }] });
  });
});

describe('findContract', () => {
  it('finds a contract by source and detail-type, newest version first', () => {
    expect(findContract('import.finance', 'Payment Due')).toBe(contracts.paymentDueV1);
    expect(findContract('import.finance', 'Payment Due', 2)).toBeUndefined();
    expect(findContract('import.crm', 'Payment Due')).toBeUndefined();
  });
});

describe('text fields refuse what would end a mail header', () => {
  const customer = () => example('customer-upserted.v1');

  it.each([
    ['CR LF and a header', 'Eve\r\nBcc: attacker@evil.example'],
    ['a lone LF', 'Eve\nSmith'],
    ['NUL', 'Eve\u0000'],
    ['BEL', 'Eve\u0007'],
    ['a C1 control', 'Eve\u0085'],
    ['a tab', 'Eve\tSmith'],
  ])('a first name with %s is refused at its path', (_what, firstName) => {
    const result = validateDetail('import.crm', 'Customer Upserted', { ...customer(), firstName });

    expect(result).toMatchObject({
      success: false,
      issues: [
        {
          path: 'detail.firstName',
          message: 'must be one line of text: no line breaks, tabs or control characters',
        },
      ],
    });
  });

  it('refuses a lone surrogate and keeps real astral characters', () => {
    const lone = validateDetail('import.crm', 'Customer Upserted', {
      ...customer(),
      lastName: 'Tanaka\ud800',
    });
    const pair = validateDetail('import.crm', 'Customer Upserted', {
      ...customer(),
      lastName: 'Tanaka 😀 田中',
    });

    expect(lone).toMatchObject({
      success: false,
      issues: [
        { path: 'detail.lastName', message: 'must be valid Unicode text (it holds a lone surrogate)' },
      ],
    });
    expect(pair.success).toBe(true);
  });

  it('lets free text keep its line breaks and tabs, but no other control character', () => {
    const withLines = { ...stageChanged(), stageData: { note: 'Line one\r\nLine two\n\tindented' } };
    const withNul = { ...stageChanged(), stageData: { note: 'Line one\u0000' } };

    expect(validateDetail('import.pipeline', 'Import Stage Changed', withLines).success).toBe(true);
    expect(validateDetail('import.pipeline', 'Import Stage Changed', withNul)).toMatchObject({
      success: false,
      issues: [{ path: 'detail.stageData.note' }],
    });
  });
});
