#!/usr/bin/env node
/**
 * achteraf: the command line for Billink-compatible integrations (docs/cli.md).
 *   achteraf login | listen | trigger <event> | clock [advance|reset] | invoices list|show <n> | logs tail | mail
 * Every command takes --json, --url, --username and --id. Exit codes: 0 done, 1 refused or did
 * not happen, 2 usage, 3 credentials missing or unknown, 4 server unreachable.
 */
import { parseArgs } from 'node:util';
import { Billink } from '../src/index.js';
import { configPath, DEFAULT_URL, requireCredentials, resolveSettings, writeConfigFile } from '../cli/config.js';
import { clock } from '../cli/clock.js';
import { invoices } from '../cli/invoices.js';
import { listen } from '../cli/listen.js';
import { logs } from '../cli/logs.js';
import { mail } from '../cli/mail.js';
import { CliError, createOutput, describeError, EXIT, exitCodeFor } from '../cli/output.js';
import { trigger, TRIGGER_EVENTS } from '../cli/trigger.js';

const COMMON = {
  url: { type: 'string' },
  username: { type: 'string' },
  id: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

const COMMANDS = {
  login: { options: {}, run: login, credentials: false, help: 'login --url <url> --username <name> --id <client id>   check the credentials and save them' },
  listen: {
    options: { 'forward-to': { type: 'string' }, secret: { type: 'string' }, events: { type: 'string' }, since: { type: 'string' } },
    run: listen,
    help: 'listen --forward-to <url> [--events a,b] [--secret s]   forward this merchant\'s webhooks as they happen',
  },
  trigger: { options: {}, run: trigger, help: `trigger <event>   make an event happen on a sandbox merchant (${TRIGGER_EVENTS.join(', ')})` },
  clock: {
    options: { to: { type: 'string' } },
    run: clock,
    help: 'clock [show] | clock advance <3d|12h|ISO date> | clock advance --to <ISO date> | clock reset   the sandbox test clock',
  },
  invoices: {
    options: { page: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
    run: invoices,
    help: 'invoices list [--page N] [--from d] [--to d] | invoices show <number>',
  },
  logs: {
    options: { limit: { type: 'string' }, follow: { type: 'boolean', short: 'f', default: false }, deliveries: { type: 'boolean', default: false } },
    run: logs,
    help: 'logs tail [--limit N] [--follow] [--deliveries]   API requests (or webhook deliveries and their attempts)',
  },
  mail: { options: { all: { type: 'boolean', default: false }, limit: { type: 'string' } }, run: mail, credentials: false, help: 'mail [--all] [--limit N]   the server\'s mail outbox (run where the server runs)' },
};

function usage() {
  return ['Usage: achteraf <command> [options]', '', ...Object.values(COMMANDS).map((command) => `  achteraf ${command.help}`), '',
    'Options on every command: --url, --username, --id (else ACHTERAF_URL, ACHTERAF_USERNAME, ACHTERAF_ID, else the login file), --json'].join('\n');
}

async function login({ settings, out }) {
  if (!settings.username || !settings.clientId) throw new CliError('login needs --username and --id (and --url unless the server is ' + DEFAULT_URL + ')', EXIT.usage);
  const billink = new Billink({ baseUrl: settings.url, username: settings.username, clientId: settings.clientId });
  // A call that needs valid credentials and changes nothing.
  await billink.v2.webshopSettings();
  const path = configPath();
  writeConfigFile(path, { url: settings.url, username: settings.username, clientId: settings.clientId });
  out.line(`${out.green('Logged in')} as ${settings.username} on ${settings.url}; saved to ${path}`);
  out.data({ url: settings.url, username: settings.username, configPath: path });
  return EXIT.ok;
}

async function main(argv) {
  const name = argv[0];
  const command = COMMANDS[name];
  if (!command) {
    const out = createOutput({ json: argv.includes('--json') });
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      out.line(usage());
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    out.error(`unknown command ${name}\n\n${usage()}`);
    return EXIT.usage;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv.slice(1), options: { ...COMMON, ...command.options }, allowPositionals: true, strict: true });
  } catch (error) {
    createOutput({ json: false }).error(`${error.message}\n\n  achteraf ${command.help}`);
    return EXIT.usage;
  }
  const { values: flags, positionals } = parsed;
  const out = createOutput({ json: flags.json });
  if (flags.help) {
    out.line(`achteraf ${command.help}`);
    return EXIT.ok;
  }
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const settings = resolveSettings(flags);
    if (command.credentials !== false) requireCredentials(settings);
    return await command.run({ settings, options: flags, flags, positionals, out, signal: controller.signal });
  } catch (error) {
    const code = exitCodeFor(error);
    if (out.json) process.stdout.write(`${JSON.stringify({ error: describeError(error), exitCode: code })}\n`);
    out.error(describeError(error));
    return code;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

process.exitCode = await main(process.argv.slice(2));
