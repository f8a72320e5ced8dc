/**
 * Where the CLI's server and credentials come from, first match wins: flags (--url, --username,
 * --id), the environment (ACHTERAF_URL, ACHTERAF_USERNAME, ACHTERAF_ID), then the file
 * `achteraf login` writes (ACHTERAF_CONFIG, else $XDG_CONFIG_HOME/achteraf/config.json, else
 * ~/.config/achteraf/config.json).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliError, EXIT } from './output.js';

export const DEFAULT_URL = 'http://127.0.0.1:8080';

export function configPath(env = process.env) {
  if (env.ACHTERAF_CONFIG) return env.ACHTERAF_CONFIG;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'achteraf', 'config.json');
}

export function readConfigFile(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return {};
    throw new CliError(`cannot read ${path}: ${error.message}`, EXIT.credentials);
  }
  try {
    const parsed = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    throw new CliError(`${path} is not JSON; run achteraf login again`, EXIT.credentials);
  }
}

/** The client id is a secret: the file is written for its owner only (0600), atomically. */
export function writeConfigFile(path, config) {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}

export function resolveSettings(flags, env = process.env) {
  const file = readConfigFile(configPath(env));
  return {
    url: (flags.url ?? env.ACHTERAF_URL ?? file.url ?? DEFAULT_URL).replace(/\/+$/, ''),
    username: flags.username ?? env.ACHTERAF_USERNAME ?? file.username,
    clientId: flags.id ?? env.ACHTERAF_ID ?? file.clientId,
  };
}

export function requireCredentials(settings) {
  if (!settings.username || !settings.clientId) {
    throw new CliError('no credentials: pass --username and --id, set ACHTERAF_USERNAME and ACHTERAF_ID, or run achteraf login', EXIT.credentials);
  }
  return settings;
}
