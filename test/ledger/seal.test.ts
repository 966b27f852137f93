/**
 * Seals (src/ledger/seal.ts): a running digest over the whole log in global order, signed with
 * Ed25519 through node:crypto; `verifyIntegrity` works the digest out again and checks every seal.
 */
import { generateKeyPairSync } from 'node:crypto';
import { sealLog } from '../../src/billing/seal-log';
import { steppingClock } from '../../src/ledger/clock';
import { verifyIntegrity } from '../../src/ledger/integrity';
import { Ledger } from '../../src/ledger/ledger';
import {
  checkSignature,
  generateSealKeys,
  keyIdOf,
  makeSeal,
  nextDigest,
  privateKeyFrom,
  publicKeyFrom,
  RunningDigest,
  SEAL_GENESIS,
  SealKeyError,
} from '../../src/ledger/seal';
import { MemoryEventStore } from '../../src/store';
import { testKey, testPublicKey } from '../support/billing';
import { acceptApplication, acceptChild, registerNetwork, run, startBilling } from '../support/commands';

const link = (commit: bigint, streamId: string, revision: bigint, contentHash: string) => ({
  position: { commit, prepare: commit },
  streamId,
  revision,
  contentHash,
});

describe('the running digest', () => {
  it('commits to every event, its content, its place in the log and the order', () => {
    const a = link(1n, 's-1', 0n, 'a'.repeat(64));
    const b = link(2n, 's-2', 0n, 'b'.repeat(64));
    const d = new RunningDigest();
    expect(d.digest).toBe(SEAL_GENESIS);
    d.add(a);
    d.add(b);
    expect(d).toMatchObject({ events: 2, position: { commit: 2n } });
    expect(d.digest).toBe(nextDigest(nextDigest(SEAL_GENESIS, a), b));
    const swapped = new RunningDigest();
    swapped.add({ ...b, position: a.position });
    swapped.add({ ...a, position: b.position });
    expect(swapped.digest).not.toBe(d.digest);
    const renumbered = new RunningDigest();
    renumbered.add(a);
    renumbered.add({ ...b, position: { commit: 3n, prepare: 3n } });
    expect(renumbered.digest).not.toBe(d.digest);
    const edited = new RunningDigest();
    edited.add(a);
    edited.add({ ...b, contentHash: 'c'.repeat(64) });
    expect(edited.digest).not.toBe(d.digest);
  });
});

describe('signatures', () => {
  const digest = () => {
    const d = new RunningDigest();
    d.add(link(1n, 's-1', 0n, 'a'.repeat(64)));
    return d;
  };

  it('a seal verifies with its public key alone, and is deterministic (RFC 8032)', () => {
    const seal = makeSeal(
      { digest: digest(), sealedAt: '2025-11-01T00:00:00Z', subject: { kind: 'on-demand' } },
      testKey(),
    );
    expect(seal).toMatchObject({
      schema: 'vpn-ledger.seal/v1',
      position: { commit: '1', prepare: '1' },
      events: 1,
      algorithm: 'ed25519',
      keyId: keyIdOf(testPublicKey()),
    });
    const keys = new Map([[keyIdOf(testPublicKey()), testPublicKey()]]);
    expect(checkSignature(seal, keys)).toBe('valid');
    expect(
      makeSeal(
        { digest: digest(), sealedAt: '2025-11-01T00:00:00Z', subject: { kind: 'on-demand' } },
        testKey(),
      ),
    ).toEqual(seal);
    // Any field changed after signing: the signature no longer verifies.
    expect(checkSignature({ ...seal, events: 2 }, keys)).toBe('invalid');
    expect(checkSignature({ ...seal, digest: 'f'.repeat(64) }, keys)).toBe('invalid');
    expect(checkSignature({ ...seal, signature: 'AAAA' }, keys)).toBe('invalid');
    // Another key's seal is not taken for this one's.
    const other = generateKeyPairSync('ed25519');
    expect(checkSignature(seal, new Map([[keyIdOf(other.publicKey), other.publicKey]]))).toBe('unknown-key');
  });

  it('keys: PEM in and out; a key of another kind is refused, naming the file', () => {
    const keys = generateSealKeys();
    expect(keyIdOf(privateKeyFrom(keys.privatePem, 'k'))).toBe(keys.keyId);
    expect(keyIdOf(publicKeyFrom(keys.publicPem, 'k.pub'))).toBe(keys.keyId);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const rsaPem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => privateKeyFrom(rsaPem, 'rsa.pem')).toThrow(SealKeyError);
    expect(() => privateKeyFrom(rsaPem, 'rsa.pem')).toThrow(
      'rsa.pem is a rsa key; seals need an Ed25519 key.',
    );
    expect(() => publicKeyFrom('not a key', 'x.pub')).toThrow(/x\.pub is not a public key in PEM/);
  });
});

describe('verify checks the seals of any store (memory here: read through readAll)', () => {
  it('a seal on demand holds; a change after it is found, and the seal named', async () => {
    const store = new MemoryEventStore();
    const ledger = new Ledger({ store, clock: steppingClock('2025-05-01T00:00:00Z') });
    await run(ledger, registerNetwork(), acceptApplication(), acceptChild(), startBilling());
    const sealed = await sealLog(
      { actor: 'staff:audit', commandId: 'seal-1' },
      { store, views: null, clock: () => '2025-05-02T00:00:00Z', key: testKey() },
    );
    expect(sealed).toMatchObject({ status: 'accepted', seal: { events: 6, position: { commit: '6' } } });
    // The same command id again: the same seal, nothing written.
    const again = await sealLog(
      { actor: 'staff:audit', commandId: 'seal-1' },
      { store, views: null, clock: () => '2025-06-01T00:00:00Z', key: testKey() },
    );
    expect(again).toMatchObject({ status: 'accepted', repeated: true });
    expect(again.status === 'accepted' && sealed.status === 'accepted' && again.seal).toEqual(
      sealed.status === 'accepted' && sealed.seal,
    );
    const keys = new Map([[keyIdOf(testPublicKey()), testPublicKey()]]);
    const report = await verifyIntegrity(store, { publicKeys: keys });
    expect(report).toMatchObject({
      ok: true,
      seals: { checked: 1, signatures: 'checked', lastHolding: { events: 6 }, eventsAfter: 1 },
    });
    // A change to an event the seal covers, as the store holds it (a memory store's own array).
    const log = (store as unknown as { log: { data: Record<string, unknown> }[] }).log;
    log[5]!.data.billingStartOn = '2025-04-16';
    const broken = await verifyIntegrity(store, { publicKeys: keys });
    expect(broken.breaks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ streamId: 'seals', problem: 'seal-digest-mismatch' }),
      ]),
    );
  });
});
