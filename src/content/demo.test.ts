import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anotherConnection, fixtureContent, testBaseUrl, testDb } from '../../test/helper.ts';
import { createServices } from '../services.ts';
import { loadDemoIfEmpty } from './demo.ts';

test('processes starting together on one empty database load the demo content once; the others wait and load nothing', async (t) => {
  const db = await testDb(t);
  // On PostgreSQL each is a pool of its own, as separate processes have; on in-memory SQLite it is one.
  const connections = [db, anotherConnection(db), anotherConnection(db), anotherConnection(db)];
  const reports = await Promise.all(connections.map((c) => loadDemoIfEmpty(createServices(c, { baseUrl: testBaseUrl }), fixtureContent, c)));
  assert.equal(reports.filter((r) => r !== null).length, 1, 'exactly one caller ran the import');
  const services = createServices(db, { baseUrl: testBaseUrl });
  assert.ok((await services.articles.allPublished()).length > 0, 'and the content is there for every caller');
  assert.equal(await loadDemoIfEmpty(services, fixtureContent, db), null, 'a later start loads nothing');
});
