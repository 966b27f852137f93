/**
 * Issue 24, point 2 and 4 (policy late-facts-decided-as-of-their-date): a command whose fact is dated
 * before facts already recorded is decided against the contract as it stood on its date, whenever it
 * is recorded. The child C1 was an 891FJ (unit C1-D1) until its change to a C1121-8P (unit C1-D2),
 * accepted 2025-07-01 and billed from 2025-08-01; every command below is recorded after that.
 */
import {
  acceptModelChange,
  addOption,
  billing,
  C,
  completeModelChange,
  HOLDER,
  instruct,
  perform,
  reportFault,
} from './fixtures';
import { given } from './support';

const changed = () =>
  billing(
    acceptModelChange({ contractId: C, changeId: 'M', toModel: 'Cisco C1121-8P', acceptedOn: '2025-07-01' }),
    completeModelChange({
      contractId: C,
      changeId: 'M',
      billingStartOn: '2025-08-01',
      newItemIds: ['C1-D2'],
    }),
  );

const licence = (addedOn: string) =>
  addOption({
    contractId: C,
    optionId: 'LIC',
    option: 'additional-licence',
    equipmentItemIds: ['LIC-1'],
    addedOn,
  });

describe('Art. 17(2)(7): the additional licence is judged by the model of its date', () => {
  it('given the device became a C1121-8P from 2025-08-01, when a licence dated 2025-05-10 is recorded, then it is refused naming the 891FJ of that day', () =>
    given(...changed())
      .when(licence('2025-05-10'))
      .thenRejects('LICENCE_MODEL_NOT_ELIGIBLE', 'Art. 17(2)(7)'));

  it('names the model of the fact date in the refusal', () => {
    const g = given(...changed());
    const d = g.world.decide(licence('2025-05-10'));
    expect(d.ok ? null : d.rejection.params).toMatchObject({ model: 'Cisco 891FJ' });
  });

  it('given the same history, when a licence dated 2025-08-10 is recorded, then it is added on the C1121-8P', () =>
    given(...changed())
      .when(licence('2025-08-10'))
      .then([expect.objectContaining({ type: 'OptionAdded' })]));
});

describe('Art. 15(1): a fault on the unit in use on the day of the report, recorded after a model change replaced it', () => {
  it('given C1-D1 replaced from 2025-08-01, when a fault of C1-D1 reported 2025-07-15 is recorded, then it is accepted (it was in use that day)', () =>
    given(...changed())
      .when(reportFault({ contractId: C, itemId: 'C1-D1', reportedAt: '2025-07-15T09:00:00+09:00' }))
      .then([expect.objectContaining({ type: 'FaultReported' })]));

  it('given the same history, when a fault of C1-D1 reported 2025-08-10 is recorded, then it is refused: not in use that day', () =>
    given(...changed())
      .when(reportFault({ contractId: C, itemId: 'C1-D1', reportedAt: '2025-08-10T09:00:00+09:00' }))
      .thenRejects('ITEM_NOT_HELD'));
});

describe('Art. 10(3)(4), Annex 1 §3(3): a job on the device in use on its date, recorded after the device was replaced', () => {
  it('given C1-D1 replaced from 2025-08-01, when a job of 2025-07-20 on C1-D1 is recorded, then it is performed and billed to the parent holder', () =>
    given(...changed())
      .when(instruct({ contractId: C, jobId: 'J7', instructedAt: '2025-07-19T10:00:00+09:00' }))
      .then([expect.objectContaining({ type: 'ConfigurationChangeInstructed' })], (world) => {
        const performed = world.decide(
          perform({ contractId: C, jobId: 'J7', startedAt: '2025-07-20T10:00:00+09:00', itemIds: ['C1-D1'] }),
        );
        expect(performed.ok ? performed.contract[0]?.data : performed.rejection.code).toMatchObject({
          billTo: HOLDER,
          billedItemIds: ['C1-D1'],
        });
      }));
});
