/**
 * Edits a closed Chromium profile the way the browser itself records a user's choice.
 * Used to stand for "the user accepted the optional-permission prompt", which a headless
 * browser shows but automation cannot click.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

type PermissionSet = { api: string[]; explicit_host: string[]; manifest_permissions: string[]; scriptable_host: string[] };

/** Adds to the extension's granted and active permission sets, as accepting a prompt does. */
async function grant(userDataDir: string, extensionId: string, add: (set: PermissionSet) => void): Promise<void> {
  const file = path.join(userDataDir, 'Default', 'Preferences');
  const prefs = JSON.parse(await readFile(file, 'utf8'));
  const settings = prefs?.extensions?.settings?.[extensionId];
  if (!settings) throw new Error(`No settings for extension ${extensionId} in ${file}.`);
  for (const key of ['active_permissions', 'granted_permissions']) {
    settings[key] ??= { api: [], explicit_host: [], manifest_permissions: [], scriptable_host: [] };
    add(settings[key] as PermissionSet);
  }
  await writeFile(file, JSON.stringify(prefs));
}

function addOnce(list: string[] | undefined, item: string): string[] {
  const next = list ?? [];
  if (!next.includes(item)) next.push(item);
  return next;
}

export async function grantOptionalPermission(userDataDir: string, extensionId: string, permission: string): Promise<void> {
  await grant(userDataDir, extensionId, (set) => {
    set.api = addOnce(set.api, permission);
  });
}

/**
 * Stands for the user accepting the prompt for optional host permissions (`https://*\/*`):
 * Chromium records a granted origin pattern under both `explicit_host` (network/tabs access)
 * and `scriptable_host` (script injection) of the granted and the active permission sets.
 */
export async function grantOptionalHostPermission(userDataDir: string, extensionId: string, origins: string[]): Promise<void> {
  await grant(userDataDir, extensionId, (set) => {
    for (const origin of origins) {
      set.explicit_host = addOnce(set.explicit_host, origin);
      set.scriptable_host = addOnce(set.scriptable_host, origin);
    }
  });
}
