import 'server-only';
import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { documentContents } from '@/db/schema';

// Where document bytes live: one small interface, as for photos (lib/photos/storage.ts), so object storage can
// replace the default later. The default keeps them in PostgreSQL (bytea): PGlite and PostgreSQL both work and a
// database backup includes them. Size planning: docs/DOCUMENTS.md.

export interface DocumentStorage {
  put(tx: Executor, documentId: string, bytes: Uint8Array): Promise<void>;
  get(db: Executor, documentId: string): Promise<Uint8Array | null>;
}

export const databaseDocumentStorage: DocumentStorage = {
  async put(tx, documentId, bytes) {
    await tx.insert(documentContents).values({ documentId, bytes, byteSize: bytes.byteLength });
  },
  async get(db, documentId) {
    const [row] = await db.select({ bytes: documentContents.bytes }).from(documentContents).where(eq(documentContents.documentId, documentId));
    return row ? new Uint8Array(row.bytes) : null;
  },
};

export const documentStorage: DocumentStorage = databaseDocumentStorage;
