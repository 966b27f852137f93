/** The console's session store (issue 26): ids kept by their hash, expiry, sign-out, sweeping. */
import { SessionStore } from '../../src/auth/sessions';

const HOUR = 3_600_000;

describe('SessionStore', () => {
  it('finds a session by its id until it expires, and nothing by an id of another shape', () => {
    const store = SessionStore.open(':memory:', 12 * HOUR);
    try {
      // Given a session made at 03:00
      const { id, expiresAt } = store.create('0123456789abcdef', 'staff:sato', '2025-11-05T03:00:00.000Z');
      expect(expiresAt).toBe('2025-11-05T15:00:00.000Z');
      // Then it is found until 15:00, not at 15:00
      expect(store.find(id, '2025-11-05T14:59:59.999Z')).toEqual({
        tokenId: '0123456789abcdef',
        principal: 'staff:sato',
        createdAt: '2025-11-05T03:00:00.000Z',
        expiresAt,
      });
      expect(store.find(id, '2025-11-05T15:00:00.000Z')).toBeNull();
      // And once found expired it is gone, whatever the clock says later
      expect(store.find(id, '2025-11-05T04:00:00.000Z')).toBeNull();
      expect(store.find('vlt_0123456789abcdef_x', '2025-11-05T04:00:00.000Z')).toBeNull();
    } finally {
      store.close();
    }
  });

  it('ends a session at sign-out, and sweeps the expired ones', () => {
    const store = SessionStore.open(':memory:', HOUR);
    try {
      const early = store.create('0123456789abcdef', 'staff:sato', '2025-11-05T01:00:00.000Z');
      const late = store.create('0123456789abcdef', 'staff:sato', '2025-11-05T03:00:00.000Z');
      const other = store.create('fedcba9876543210', 'contractor:acme', '2025-11-05T03:00:00.000Z');
      store.end(other.id);
      expect(store.find(other.id, '2025-11-05T03:00:00.000Z')).toBeNull();
      expect(store.purge('2025-11-05T03:30:00.000Z')).toBe(1);
      expect(store.find(early.id, '2025-11-05T01:30:00.000Z')).toBeNull();
      expect(store.find(late.id, '2025-11-05T03:30:00.000Z')).not.toBeNull();
    } finally {
      store.close();
    }
  });
});
