/** `npm run docs:errors`: rewrites docs/errors.md from the error tables. */
import { writeFileSync } from 'node:fs';
import { renderErrorsMarkdown } from '../api/billink-common/errors-markdown.js';

writeFileSync(new URL('../../docs/errors.md', import.meta.url), renderErrorsMarkdown());
