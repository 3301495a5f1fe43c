import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openSqlite } from './sqlite-adapter.ts';

/** node:sqlite's rows have no prototype; compare their fields. */
const plain = (rows: unknown): unknown => structuredClone(rows);

test('a statement is compiled once and reused; an open iteration is not disturbed by the same query run meanwhile', () => {
  const db = openSqlite(':memory:');
  try {
    db.raw.exec('CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3);');
    const sql = 'SELECT n FROM t WHERE n >= ? ORDER BY n';
    let compiled = 0;
    const prepare = db.raw.prepare.bind(db.raw);
    db.raw.prepare = (text: string) => {
      compiled++;
      return prepare(text);
    };
    for (let i = 0; i < 5; i++) assert.deepEqual(plain(db.prepare(sql).all([2])), [{ n: 2 }, { n: 3 }]);
    assert.equal(compiled, 1, 'five runs of one SQL text, one compilation');

    const open = db.prepare(sql).iterate([1]);
    assert.deepEqual(plain(open.next().value), { n: 1 });
    assert.deepEqual(plain(db.prepare(sql).all([3])), [{ n: 3 }], 'the same text runs while the iteration is open');
    assert.deepEqual(plain([...open]), [{ n: 2 }, { n: 3 }], 'and the iteration goes on where it was');
  } finally {
    db.close();
  }
});

test('many different SQL texts stay correct past the bound of kept statements', () => {
  const db = openSqlite(':memory:');
  try {
    for (let i = 0; i < 1200; i++) assert.deepEqual(plain(db.prepare(`SELECT ${i} AS n, ? AS p`).all([i % 7])), [{ n: i, p: i % 7 }]);
    assert.deepEqual(plain(db.prepare('SELECT 5 AS n, ? AS p').all([1])), [{ n: 5, p: 1 }]);
  } finally {
    db.close();
  }
});

test('binary values (Buffer, Uint8Array, a view into a larger buffer) are stored as BLOBs and read back byte for byte', () => {
  const db = openSqlite(':memory:');
  try {
    db.raw.exec('CREATE TABLE b (k TEXT, v BLOB NOT NULL)');
    const big = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 31) & 255);
    const values: [string, Uint8Array][] = [['buffer', Buffer.from([0, 1, 2, 255, 0])], ['uint8array', big], ['view', Buffer.from(big.buffer, 100, 50)]];
    for (const [k, v] of values) db.prepare('INSERT INTO b (k, v) VALUES (?, ?)').run([k, v]);
    for (const [k, v] of values) {
      const [row] = db.prepare('SELECT v, length(v) AS n, typeof(v) AS t FROM b WHERE k = ?').all([k]) as { v: Uint8Array; n: number; t: string }[];
      assert.equal(row?.t, 'blob', k);
      assert.equal(row?.n, v.byteLength, k);
      assert.ok(row?.v instanceof Uint8Array && Buffer.from(row.v).equals(Buffer.from(v.buffer, v.byteOffset, v.byteLength)), k);
    }
  } finally {
    db.close();
  }
});
