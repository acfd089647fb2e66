import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { photoRenditions } from '@/db/schema';

// Where photo bytes live. One small interface, so object storage (S3 and the like) can replace the default
// later without touching the rules or the pages: put inside the photo's own transaction, get by photo and
// rendition. The default keeps them in PostgreSQL (bytea), so PGlite and PostgreSQL both work and a database
// backup includes them. Size planning: docs/PHOTOS.md.

export type Rendition = 'thumb' | 'screen';

export interface PhotoStorage {
  put(tx: Executor, photoId: string, rendition: Rendition, contentType: string, bytes: Uint8Array): Promise<void>;
  get(db: Executor, photoId: string, rendition: Rendition): Promise<{ contentType: string; bytes: Uint8Array } | null>;
}

export const databasePhotoStorage: PhotoStorage = {
  async put(tx, photoId, rendition, contentType, bytes) {
    await tx.insert(photoRenditions).values({ photoId, rendition, contentType, bytes, byteSize: bytes.byteLength });
  },
  async get(db, photoId, rendition) {
    const [row] = await db
      .select({ contentType: photoRenditions.contentType, bytes: photoRenditions.bytes })
      .from(photoRenditions)
      .where(and(eq(photoRenditions.photoId, photoId), eq(photoRenditions.rendition, rendition)));
    return row ? { contentType: row.contentType, bytes: new Uint8Array(row.bytes) } : null;
  },
};

export const photoStorage: PhotoStorage = databasePhotoStorage;
