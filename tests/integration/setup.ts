import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { openDatabase, useDatabase, type DatabaseHandle } from '../../db/client';
import { openScratchDatabase } from './fixtures';
import { withDatabase } from './global-setup';

// A fresh, migrated database for every test file, installed as the app's database.
let handle: DatabaseHandle | undefined;
let cloneName: string | undefined;

beforeAll(async () => {
  const template = inject('templateDatabase');
  const url = process.env.DATABASE_URL;
  if (template && url) {
    cloneName = `axis_test_f${Math.random().toString(36).slice(2, 8)}_${process.ppid}_${Date.now()}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${cloneName}" template "${template}"`);
    await admin.end();
    handle = openDatabase({ kind: 'postgres', url: withDatabase(url, cloneName) }, { maxConnections: 5 });
  } else {
    handle = await openScratchDatabase();
  }
  useDatabase(handle);
});

afterAll(async () => {
  useDatabase(undefined);
  await handle?.close();
  const url = process.env.DATABASE_URL;
  if (cloneName && url) {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${cloneName}" with (force)`);
    await admin.end();
  }
});
