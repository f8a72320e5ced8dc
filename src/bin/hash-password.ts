/**
 * `npm run dashboard:hash-password`: reads a password from standard input (one line) and prints
 * its scrypt hash for OPERATOR_PASSWORD_HASH (docs/operations.md "Dashboard operator").
 */
import { hashPassword } from '../api/billink-v2/handlers/change-password.js';
import { MIN_PASSWORD_LENGTH } from '../core/merchants/set-password.js';

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;
const password = input.replace(/\r?\n$/, '');
if (password.length < MIN_PASSWORD_LENGTH) {
  process.stderr.write(`The password must be at least ${MIN_PASSWORD_LENGTH} characters long.\n`);
  process.exit(1);
}
process.stdout.write(`${await hashPassword(password)}\n`);
