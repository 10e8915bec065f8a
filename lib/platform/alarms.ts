/** Named alarms: they outlive a stopped worker and wake it (browser calls only). */
import { browser } from 'wxt/browser';

export async function setAlarm(name: string, when: { delayInMinutes: number } | { when: number }): Promise<void> {
  await browser.alarms.create(name, when);
}

/** When the alarm is due (ms since the epoch), or undefined when none is set. */
export async function alarmDueAt(name: string): Promise<number | undefined> {
  return (await browser.alarms.get(name))?.scheduledTime;
}

export async function clearAlarm(name: string): Promise<void> {
  await browser.alarms.clear(name);
}

export function onAlarm(callback: (name: string) => void): void {
  browser.alarms.onAlarm.addListener((alarm) => callback(alarm.name));
}
