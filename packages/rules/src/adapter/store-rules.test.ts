import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newEditId } from './store-rules.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newEditId', () => {
  it('is a fresh v4 UUID each time', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newEditId()));
    assert.equal(ids.size, 1000);
    for (const id of ids) assert.match(id, UUID_V4);
  });

  it('still makes v4 UUIDs where randomUUID is missing (a page served over plain http)', () => {
    const c = globalThis.crypto as { randomUUID?: unknown };
    Object.defineProperty(c, 'randomUUID', { value: undefined, configurable: true });
    try {
      const ids = new Set(Array.from({ length: 1000 }, () => newEditId()));
      assert.equal(ids.size, 1000);
      for (const id of ids) assert.match(id, UUID_V4);
    } finally {
      delete c.randomUUID;
    }
    assert.equal(typeof globalThis.crypto.randomUUID, 'function');
  });
});
