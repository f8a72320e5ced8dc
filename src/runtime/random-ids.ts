import { randomBytes, randomUUID } from 'node:crypto';
import type { Ids } from '../core/shared/ids.js';

export const randomIds: Ids = {
  uuid: () => randomUUID(),
  token: () => randomBytes(16).toString('base64url'),
};
