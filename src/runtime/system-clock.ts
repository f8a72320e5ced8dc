import type { Clock } from '../core/shared/clock.js';

export const systemClock: Clock = { now: () => new Date() };
