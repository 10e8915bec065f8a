/**
 * Edits a closed Chromium profile the way the browser itself records a user's choice.
 * Used to stand for "the user accepted the optional-permission prompt", which a headless
 * browser shows but automation cannot click.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function grantOptionalPermission(userDataDir: string, extensionId: string, permission: string): Promise<void> {
  const file = path.join(userDataDir, 'Default', 'Preferences');
  const prefs = JSON.parse(await readFile(file, 'utf8'));
  const settings = prefs?.extensions?.settings?.[extensionId];
  if (!settings) throw new Error(`No settings for extension ${extensionId} in ${file}.`);
  for (const key of ['active_permissions', 'granted_permissions']) {
    settings[key] ??= { api: [], explicit_host: [], manifest_permissions: [], scriptable_host: [] };
    if (!settings[key].api.includes(permission)) settings[key].api.push(permission);
  }
  await writeFile(file, JSON.stringify(prefs));
}

/**
 * Stands for the user accepting the prompt for optional host permissions (`https://*\/*`):
 * Chromium records a granted origin pattern under both `explicit_host` (network/tabs access)
 * and `scriptable_host` (script injection) of the granted and the active permission sets.
 */
export async function grantOptionalHostPermission(userDataDir: string, extensionId: string, origins: string[]): Promise<void> {
  const file = path.join(userDataDir, 'Default', 'Preferences');
  const prefs = JSON.parse(await readFile(file, 'utf8'));
  const settings = prefs?.extensions?.settings?.[extensionId];
  if (!settings) throw new Error(`No settings for extension ${extensionId} in ${file}.`);
  for (const key of ['active_permissions', 'granted_permissions']) {
    settings[key] ??= { api: [], explicit_host: [], manifest_permissions: [], scriptable_host: [] };
    for (const list of ['explicit_host', 'scriptable_host']) {
      settings[key][list] ??= [];
      for (const origin of origins) if (!settings[key][list].includes(origin)) settings[key][list].push(origin);
    }
  }
  await writeFile(file, JSON.stringify(prefs));
}
