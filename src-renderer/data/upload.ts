/**
 * Browser mode's upload: the File is read slice by slice (4 MiB) and each slice is sent to main,
 * which appends it to a temp file; only one slice is in the page at a time, so the renderer's
 * memory does not grow with the file (the WebSocket's message limit does not apply either).
 */
import { api } from '../api';

/** Bytes per upload message (main accepts up to UPLOAD_CHUNK_MAX_BYTES). */
export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;

/** Thrown when the user cancels an upload. */
export class UploadCancelled extends Error {
  constructor() {
    super('The upload was cancelled.');
  }
}

function base64Of(blob: Blob): Promise<string> {
  // FileReader encodes natively; building a binary string for btoa would copy the slice several times.
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = reader.result as string;
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error(`"${(blob as File).name ?? 'the file'}" could not be read.`));
    reader.readAsDataURL(blob);
  });
}

/** Streams `file` to main; resolves with the upload id for `{ upload, name }` once every byte arrived. A failed or cancelled upload is discarded. */
export async function uploadFile(file: File, onProgress: (sent: number, total: number) => void, signal: AbortSignal): Promise<string> {
  const { uploadId } = await api.request('dataset.uploadStart', { name: file.name, size: file.size });
  try {
    for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
      if (signal.aborted) throw new UploadCancelled();
      const data = await base64Of(file.slice(offset, offset + UPLOAD_CHUNK_BYTES));
      await api.request('dataset.uploadChunk', { uploadId, offset, data });
      onProgress(Math.min(file.size, offset + UPLOAD_CHUNK_BYTES), file.size);
    }
    if (signal.aborted) throw new UploadCancelled();
    return uploadId;
  } catch (e) {
    discardUpload(uploadId);
    throw e;
  }
}

/** Deletes an upload's temp file in main (best effort: main also deletes it when the session ends). */
export function discardUpload(uploadId: string): void {
  api.request('dataset.uploadDiscard', { uploadId }).catch(() => undefined);
}
