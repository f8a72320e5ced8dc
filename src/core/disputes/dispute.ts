/**
 * Disputes (spec §2.16): the customer or the merchant disagrees with an invoice; its collection
 * pauses until the dispute is resolved (docs/v2-api.md "Disputes"). Pure: the categories, the
 * checks of an attachment and the shape the contracts show.
 */

/**
 * Billink's category list is not public (spec §2.16 names only "id from a categories list"); ours,
 * with its ids fixed for good, is documented in docs/v2-api.md "Dispute categories".
 */
export const DISPUTE_CATEGORIES = [
  { id: 1, nl: 'Product niet ontvangen', en: 'Product not received' },
  { id: 2, nl: 'Product geretourneerd', en: 'Product returned' },
  { id: 3, nl: 'Product beschadigd of defect', en: 'Product damaged or defective' },
  { id: 4, nl: 'Product wijkt af van de bestelling', en: 'Product differs from the order' },
  { id: 5, nl: 'Bedrag klopt niet', en: 'Amount is wrong' },
  { id: 6, nl: 'Al betaald', en: 'Already paid' },
  { id: 7, nl: 'Bestelling geannuleerd', en: 'Order cancelled' },
  { id: 8, nl: 'Niet besteld', en: 'Not ordered' },
  { id: 99, nl: 'Overig', en: 'Other' },
] as const;

/** The decoded attachment may be at most 5 MiB: enough for a phone photo or a scanned letter. */
export const MAX_DISPUTE_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_DISPUTE_MESSAGE_LENGTH = 5000;

export type DisputeFileType = 'png' | 'pdf' | 'jpeg' | 'doc' | 'docx' | 'heic';

const EXTENSIONS: Readonly<Record<string, DisputeFileType>> = {
  png: 'png', pdf: 'pdf', jpg: 'jpeg', jpeg: 'jpeg', doc: 'doc', docx: 'docx', heic: 'heic',
};

const startsWith = (bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + prefix.length && prefix.every((byte, index) => bytes[offset + index] === byte);

/**
 * The magic bytes of each accepted type: a file is taken only when its content is what its name
 * says, so a renamed executable is refused. doc is an OLE2 compound file, docx a ZIP container,
 * HEIC an ISO BMFF `ftyp` box with a HEIF brand.
 */
const MAGIC: Readonly<Record<DisputeFileType, (bytes: Uint8Array) => boolean>> = {
  png: (bytes) => startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  pdf: (bytes) => startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]),
  jpeg: (bytes) => startsWith(bytes, [0xff, 0xd8, 0xff]),
  doc: (bytes) => startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  docx: (bytes) => startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]),
  heic: (bytes) =>
    startsWith(bytes, [0x66, 0x74, 0x79, 0x70], 4) &&
    ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(String.fromCharCode(...bytes.subarray(8, 12))),
};

export type FileRefusal = 'dispute_file_type' | 'dispute_file_too_large' | 'dispute_file_invalid';

/** The type a file name's extension claims, case-insensitive; undefined when not accepted. */
export function fileTypeOf(fileName: string): DisputeFileType | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? undefined : EXTENSIONS[fileName.slice(dot + 1).toLowerCase()];
}

/** Strict base64 (with or without padding, no data: prefix); undefined when it is not. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 === 1) return undefined;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

/** Checks an attachment: accepted extension, size cap after decoding, content matching the name. */
export function checkDisputeFile(fileName: string, base64: string): { type: DisputeFileType; bytes: Uint8Array } | FileRefusal {
  const type = fileTypeOf(fileName);
  if (!type) return 'dispute_file_type';
  // Four base64 characters carry three bytes: a text far over the cap is refused before decoding.
  if (base64.length > (MAX_DISPUTE_FILE_BYTES / 3) * 4 + 1024) return 'dispute_file_too_large';
  const bytes = decodeBase64(base64);
  if (!bytes) return 'dispute_file_invalid';
  if (bytes.length > MAX_DISPUTE_FILE_BYTES) return 'dispute_file_too_large';
  if (!MAGIC[type](bytes)) return 'dispute_file_type';
  return { type, bytes };
}

export interface Dispute {
  /** Public id, a UUID. */
  id: string;
  merchantId: string;
  invoiceId: string;
  invoiceNumber: string;
  category: number;
  customerEmail: string;
  customerName: string;
  locale: 'nl' | 'en';
  message: string;
  fileName: string | undefined;
  fileType: DisputeFileType | undefined;
  fileSize: number | undefined;
  openedAt: Date;
  resolvedAt: Date | undefined;
  resolution: string | undefined;
}

export interface NewDispute extends Omit<Dispute, 'fileSize' | 'resolvedAt' | 'resolution' | 'invoiceNumber'> {
  file: Uint8Array | undefined;
}

export type DisputeStatus = 'open' | 'resolved';

export function disputeStatus(dispute: Pick<Dispute, 'resolvedAt'>): DisputeStatus {
  return dispute.resolvedAt ? 'resolved' : 'open';
}

/** The steps a dispute went through, oldest first: opened, and resolved once it is. */
export function disputeSteps(dispute: Pick<Dispute, 'openedAt' | 'resolvedAt' | 'resolution'>): { step: DisputeStatus; at: Date; note?: string }[] {
  const steps: { step: DisputeStatus; at: Date; note?: string }[] = [{ step: 'open', at: dispute.openedAt }];
  if (dispute.resolvedAt) steps.push({ step: 'resolved', at: dispute.resolvedAt, ...(dispute.resolution ? { note: dispute.resolution } : {}) });
  return steps;
}
