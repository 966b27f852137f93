/**
 * Seals: a digest of the whole log up to a global position, signed with an Ed25519 key that is not
 * in the ledger. The digest is a running sha-256 over every event in global order, each link
 * committing to the event's global position, its stream and revision and the hash of its content:
 * so the order of the log, its tail and every deletion are committed, not only each stream's chain.
 *
 *   d(0) = sha256("vpn-ledger.seal/v1")
 *   d(i) = sha256(canonical JSON [d(i-1), commit, prepare, streamId, revision, contentHash(i)])
 *
 * node:crypto only: sha-256, and Ed25519 through crypto.sign / crypto.verify. Ed25519 signatures are
 * deterministic (RFC 8032), so a seal signed twice over the same payload is the same seal.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Seal, SealSubject } from '../events';
import type { Position } from '../store/port';
import { eventHash, type Hashable, sha256 } from './hash-chain';

export const SEAL_SCHEMA = 'vpn-ledger.seal/v1';
export const SEAL_GENESIS = sha256(SEAL_SCHEMA);

/** One event as the running digest takes it: where it is, and the hash of its content. */
export interface SealLink {
  readonly position: Position;
  readonly streamId: string;
  readonly revision: bigint;
  /** sha-256 of the event's content (eventHash); for a row that is no event, of its raw text. */
  readonly contentHash: string;
}

export const nextDigest = (previous: string, link: SealLink): string =>
  sha256(
    canonicalize([
      previous,
      link.position.commit.toString(),
      link.position.prepare.toString(),
      link.streamId,
      link.revision.toString(),
      link.contentHash,
    ]) ?? '',
  );

/** The running digest of a log read in global order. */
export class RunningDigest {
  constructor(
    public digest = SEAL_GENESIS,
    public events = 0,
    public position: Position | null = null,
  ) {}

  add(link: SealLink): void {
    this.digest = nextDigest(this.digest, link);
    this.events += 1;
    this.position = link.position;
  }

  /** Adds a readable event, hashing its content as the chain does. */
  addEvent(event: Hashable & { readonly position: Position }): void {
    this.add({
      position: event.position,
      streamId: event.streamId,
      revision: event.revision,
      contentHash: eventHash(event),
    });
  }
}

/**
 * The canonical JSON of the lines a close invoiced, hashed: what a month-close seal commits to.
 * Taken a line at a time (a month read as it streams): RFC 8785 writes an array as its elements'
 * canonical JSON between brackets, joined by commas, so the bytes hashed are the same.
 */
export class LinesDigest {
  private readonly hash = createHash('sha256').update('[');
  private count = 0;

  add(line: unknown): void {
    this.hash.update(`${this.count++ === 0 ? '' : ','}${canonicalize(line) ?? 'null'}`);
  }

  digest(): string {
    return this.hash.update(']').digest('hex');
  }
}

/** The digest of lines held in memory (LinesDigest over them). */
export const linesDigest = (lines: readonly unknown[]): string => {
  const d = new LinesDigest();
  for (const l of lines) d.add(l);
  return d.digest();
};

export const positionText = (p: Position | null): { commit: string; prepare: string } | null =>
  p === null ? null : { commit: p.commit.toString(), prepare: p.prepare.toString() };

export const positionOf = (p: Seal['position']): Position | null =>
  p === null ? null : { commit: BigInt(p.commit), prepare: BigInt(p.prepare) };

/** sha-256 of the public key's SPKI DER: the id a seal names its key by. */
export const keyIdOf = (key: KeyObject): string => {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return sha256Buffer(pub.export({ type: 'spki', format: 'der' }));
};

const sha256Buffer = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** The bytes a seal's signature covers: the canonical JSON of the seal without its signature. */
const signedBytes = (seal: Omit<Seal, 'signature'>): Buffer => {
  const { schema, position, events, digest, sealedAt, subject, algorithm, keyId } = seal;
  return Buffer.from(
    canonicalize({ schema, position, events, digest, sealedAt, subject, algorithm, keyId }) ?? '',
    'utf8',
  );
};

export interface SealInput {
  readonly digest: RunningDigest;
  readonly sealedAt: string;
  readonly subject: SealSubject;
}

/** Signs the digest as it stands. */
export const makeSeal = (input: SealInput, privateKey: KeyObject): Seal => {
  const unsigned: Omit<Seal, 'signature'> = {
    schema: SEAL_SCHEMA,
    position: positionText(input.digest.position),
    events: input.digest.events,
    digest: input.digest.digest,
    sealedAt: input.sealedAt,
    subject: input.subject,
    algorithm: 'ed25519',
    keyId: keyIdOf(privateKey),
  };
  return { ...unsigned, signature: sign(null, signedBytes(unsigned), privateKey).toString('base64') };
};

export type SignatureCheck = 'valid' | 'invalid' | 'unknown-key';

/** Checks a seal's signature with whichever of `publicKeys` it names. */
export const checkSignature = (seal: Seal, publicKeys: ReadonlyMap<string, KeyObject>): SignatureCheck => {
  const key = publicKeys.get(seal.keyId);
  if (!key) return 'unknown-key';
  let ok = false;
  try {
    ok = verify(null, signedBytes(seal), key, Buffer.from(seal.signature, 'base64'));
  } catch {
    ok = false;
  }
  return ok ? 'valid' : 'invalid';
};

/** Why a key file holds no key a seal can use, as data: `where` names the file (or a key given otherwise). */
export interface SealKeyProblem {
  readonly kind: 'not-private' | 'private-type' | 'not-public' | 'public-type';
  readonly path: string;
  /** The key's type, when it is a key of another kind. */
  readonly type?: string;
  /** What the PEM parser said. */
  readonly detail?: string;
}

const keyProblemText = (p: SealKeyProblem): string => {
  switch (p.kind) {
    case 'not-private':
      return `${p.path} is not a private key in PEM: ${p.detail}`;
    case 'private-type':
      return `${p.path} is a ${p.type} key; seals need an Ed25519 key.`;
    case 'not-public':
      return `${p.path} is not a public key in PEM: ${p.detail}`;
    case 'public-type':
      return `${p.path} is a ${p.type} key; seals are Ed25519.`;
  }
};

export class SealKeyError extends Error {
  constructor(readonly problem: SealKeyProblem) {
    super(keyProblemText(problem));
    this.name = 'SealKeyError';
  }
}

/** A new Ed25519 key pair, as PEM (PKCS #8 private key, SPKI public key). */
export const generateSealKeys = (): { privatePem: string; publicPem: string; keyId: string } => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
};

/** An Ed25519 private key from PEM text; anything else is a SealKeyError. */
export const privateKeyFrom = (pem: string, where: string): KeyObject => {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new SealKeyError({ kind: 'not-private', path: where, detail: (error as Error).message });
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new SealKeyError({ kind: 'private-type', path: where, type: String(key.asymmetricKeyType) });
  return key;
};

/** An Ed25519 public key from PEM text (a private key's PEM gives its public key). */
export const publicKeyFrom = (pem: string, where: string): KeyObject => {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new SealKeyError({ kind: 'not-public', path: where, detail: (error as Error).message });
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new SealKeyError({ kind: 'public-type', path: where, type: String(key.asymmetricKeyType) });
  return key;
};
