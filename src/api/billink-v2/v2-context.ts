import type { CoreContext } from '../../core/context.js';
import type { PublicLinks } from '../public-links.js';

/** What the v2 JSON routes need; later surfaces add their own fields in main.ts. */
export interface V2Context extends CoreContext {
  links: PublicLinks;
}
