/**
 * Steps the meetings and decisions end-to-end tests take as a person would:
 * a date typed into a date field, and a past consortium meeting added with who
 * was present (and who sent apologies) and its agenda items. The meetings are
 * in the past because those tests' browsers keep the real time (bundles are
 * imported in a Web Worker, whose clock a test cannot hold back) and a meeting
 * decides nothing before its day.
 */
import type { Page } from 'playwright-core';
import { goTo } from './copies';

/** Types an ISO date (YYYY-MM-DD) into the date field labelled `label`, day first. */
export async function typeDate(page: Page, label: string, date: string) {
  const [y, m, d] = date.split('-');
  await page.getByRole('group', { name: label, exact: true }).getByRole('spinbutton', { name: /^day/ }).click();
  await page.keyboard.type(`${d}${m}${y}`);
}

export interface PastMeeting {
  title: string;
  date: string;
  /** Organisations present by their representative. */
  present: string[];
  apologies?: string[];
  /** Agenda items added, in order. */
  items?: string[];
}

/** Adds a consortium meeting, records attendance and its items, and stays on its page. */
export async function pastMeeting(s: Page, meeting: PastMeeting) {
  await goTo(s, 'Meetings');
  await s.getByRole('link', { name: 'Add a meeting' }).click();
  await s.getByRole('heading', { level: 1, name: 'Add a meeting' }).waitFor();
  await s.getByRole('textbox', { name: 'Title' }).fill(meeting.title);
  await typeDate(s, 'Date', meeting.date);
  await s.getByRole('textbox', { name: 'Start time' }).fill('10:00');
  await s.getByRole('button', { name: 'Add the meeting' }).click();
  await s.getByRole('heading', { level: 1, name: meeting.title }).waitFor();
  const attendance = s.getByRole('region', { name: 'Attendance and quorum' });
  for (const name of meeting.present) {
    await attendance.getByRole('combobox', { name, exact: true }).selectOption({ index: 1 });
    await attendance.getByRole('status').filter({ hasText: `Recorded ${name}:` }).waitFor();
  }
  for (const name of meeting.apologies ?? []) {
    await attendance.getByRole('combobox', { name, exact: true }).selectOption({ label: 'Apologies' });
    await attendance.getByRole('status').filter({ hasText: `Recorded ${name}: Apologies` }).waitFor();
  }
  const agenda = s.getByRole('region', { name: /^Agenda/ });
  for (const item of meeting.items ?? []) {
    await agenda.getByRole('form', { name: 'Add an item' }).getByRole('textbox', { name: 'Title' }).fill(item);
    await agenda.getByRole('form', { name: 'Add an item' }).getByRole('button', { name: 'Add the item' }).click();
    await agenda.getByRole('status').filter({ hasText: `Added “${item}” to the agenda.` }).waitFor();
  }
}
