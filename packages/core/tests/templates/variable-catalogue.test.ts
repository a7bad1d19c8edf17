import { TRIGGERS, variableCatalogueFor } from '../../src/index.js';

describe('variableCatalogue', () => {
  it('derives the event variables of a trigger from its contract, with types, formats, values and optionality', () => {
    const catalogue = variableCatalogueFor('import-stage-changed.v1') ?? [];
    const byPath = new Map(catalogue.map((variable) => [variable.path, variable]));

    expect(byPath.get('event.toStage')).toMatchObject({ type: 'string', optional: false });
    expect(byPath.get('event.toStage')?.values).toContain('CUSTOMS_CLEARED');
    expect(byPath.get('event.fromStage')).toMatchObject({ optional: true });
    expect(byPath.get('event.stageData.eta')).toMatchObject({
      type: 'string',
      format: 'date-time',
      optional: true,
    });
    expect(byPath.get('event.stageData.amountDue.amount')).toMatchObject({ type: 'number', optional: true });
    expect(byPath.get('vehicle.description')).toMatchObject({ optional: false });
    expect(byPath.get('links.vehicle')).toBeDefined();
  });

  it('offers no vehicle to templates of events that are not about one', () => {
    const paths = (variableCatalogueFor('customer-upserted.v1') ?? []).map((variable) => variable.path);

    expect(paths).toContain('event.isNew');
    expect(paths).toContain('customer.firstName');
    expect(paths.some((path) => path.startsWith('vehicle'))).toBe(false);
    expect(paths).not.toContain('links.vehicle');
  });

  it('has a catalogue for every trigger and none for an unknown one', () => {
    for (const trigger of TRIGGERS) expect(variableCatalogueFor(trigger.id)?.length).toBeGreaterThan(10);
    expect(variableCatalogueFor('nope.v1')).toBeUndefined();
  });
});
