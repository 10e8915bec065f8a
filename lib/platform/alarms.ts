/** Named alarms: they outlive a stopped worker and wake it (browser calls only). */
import { browser } from 'wxt/browser';

export async function setAlarm(name: string, when: { delayInMinutes: number } | { when: number }): Promise<void> {
  await browser.alarms.create(name, when);
}

export async function clearAlarm(name: string): Promise<void> {
  await browser.alarms.clear(name);
}

export function onAlarm(callback: (name: string) => void): void {
  browser.alarms.onAlarm.addListener((alarm) => callback(alarm.name));
}
