import type { TestClockError } from '../../core/sandbox/test-clock.js';
import type { EndpointErrors, FrontDoorError } from './wire-error.js';

/**
 * Billink has no test clocks, so these codes are ours (docs/collection.md "Test clocks"): the
 * shared front-door codes keep their texts, the clock's own follow the 4xx numbering of the
 * neighbouring tables. Placeholders name the field at fault.
 */
export const CLOCK_WIRE_ERRORS = {
  '001': 'Unknown API version',
  '101': 'Unknown client username or client id',
  '102': 'Unknown client username or client id',
  '103': 'Unknown action',
  '401': 'Test clocks are for sandbox merchants only; a live merchant always runs on real time',
  '402': 'Give exactly one of days, hours or to',
  '403': 'Give only one of days, hours or to (got %fields%)',
  '404': '%field% must be a whole number above 0 (days, hours) or an ISO 8601 date or time (to)',
  '405': 'A test clock only moves forward; to is before the merchant\'s time now',
  '406': 'A test clock moves at most %days% days at once',
  '601': 'Errors parsing xml file',
  '603': 'Redirect Billink API error',
} as const;

export const CLOCK_ERRORS = {
  catalogue: CLOCK_WIRE_ERRORS,
  map: {
    version_unknown: '001',
    action_unknown: '103',
    username_unknown: '101',
    client_id_wrong: '102',
    clock_live_merchant: '401',
    clock_move_missing: '402',
    clock_move_ambiguous: '403',
    clock_move_invalid: '404',
    clock_backward: '405',
    clock_move_too_far: '406',
  } satisfies Record<TestClockError | FrontDoorError, keyof typeof CLOCK_WIRE_ERRORS>,
} satisfies EndpointErrors;
