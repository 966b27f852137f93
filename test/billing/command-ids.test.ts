/**
 * A command id is its actor's, for the billing commands too: a contractor that sends a command with
 * the id staff will close a month with (`close-YYYY-MM`, the default) or seal with never blocks
 * staff's close or seal; a repeat is still a repeat; an id staff used itself for another command is
 * refused without saying where it was used.
 *
 * The network: parent c-hq (holder acme) and child c-br, billed from 2025-07-01 (support/billing.ts).
 */
import { sealLog } from '../../src/billing/seal-log';
import { rejectionMessage } from '../../src/render/rejections';
import type { Rejection } from '../../src/terms/rejections';
import { type BillingLedger, billingLedger, closeCommand, smallNetwork, testKey } from '../support/billing';
import { cmd, type Envelope } from '../support/commands';

const AUGUST_FIRST = '2025-08-01T09:00:00+09:00';

/** An environment notice on c-hq (Art. 8(3)), sent by `actor` with `commandId`. */
const notice = (commandId: string, actor: string, description = 'New ISP line at the site'): Envelope => ({
  ...cmd('ReceiveEnvironmentNotice', {
    contractId: 'c-hq',
    noticeId: `${actor}-${commandId}`,
    kind: 'change',
    receivedOn: '2025-07-15',
    description,
  }),
  commandId,
  actor,
});

const july = async (): Promise<BillingLedger> => {
  const b = billingLedger();
  b.at('2025-07-01T09:00:00+09:00');
  await b.run(...smallNetwork());
  return b;
};

describe("billing commands' ids are their actor's", () => {
  it("given a contractor's command with id close-2025-07, staff's close of 2025-07 (its default id) closes the month", async () => {
    const b = await july();
    const contractors = notice('close-2025-07', 'contractor:acme');
    await b.run(contractors);
    const closed = await b.tryClose(closeCommand('2025-07'), AUGUST_FIRST);
    expect(closed).toMatchObject({
      status: 'accepted',
      commandId: 'close-2025-07',
      repeated: false,
      event: { streamId: 'billing-2025-07', type: 'MonthClosed' },
    });
    // Each one's repeat is still a repeat of its own command.
    expect(await b.tryClose(closeCommand('2025-07'), '2025-08-02T09:00:00+09:00')).toMatchObject({
      status: 'accepted',
      repeated: true,
    });
    expect(await b.ledger.execute(contractors)).toMatchObject({
      status: 'accepted',
      repeated: true,
      eventsWritten: 0,
    });
  });

  it("given a contractor's command with id seal-1, staff's seal with id seal-1 is made", async () => {
    const b = await july();
    await b.run(notice('seal-1', 'contractor:acme'));
    const sealed = await sealLog(
      { actor: 'staff:sato', commandId: 'seal-1' },
      { store: b.store, views: b.views, clock: () => AUGUST_FIRST, key: testKey() },
    );
    expect(sealed).toMatchObject({ status: 'accepted', repeated: false, event: { streamId: 'seals' } });
  });

  it('given staff used close-2025-07 for a contract command, its close with that id is refused without naming the contract', async () => {
    const b = await july();
    await b.run(notice('close-2025-07', 'staff:sato'));
    const head = await b.store.headPosition();
    const refused = await b.tryClose(closeCommand('2025-07'), AUGUST_FIRST);
    expect(refused).toMatchObject({
      status: 'rejected',
      code: 'COMMAND_ID_REUSED',
      params: { case: 'other-command', commandId: 'close-2025-07', actor: 'staff:sato' },
    });
    expect(await b.store.headPosition()).toEqual(head);
    if (refused.status !== 'rejected') throw new Error('accepted');
    const rejection = { code: refused.code, params: refused.params, cite: refused.citation } as Rejection;
    for (const text of [
      JSON.stringify(refused),
      rejectionMessage('en', rejection),
      rejectionMessage('ja', rejection),
    ]) {
      expect(text).not.toMatch(/c-hq|contract-/);
    }
    // Another staff member's close with the same id is another command: the month closes.
    expect(
      await b.tryClose(closeCommand('2025-07', 'close-2025-07', 'staff:tanaka'), AUGUST_FIRST),
    ).toMatchObject({ status: 'accepted', repeated: false });
  });
});
