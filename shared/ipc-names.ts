/**
 * The names of the IPC contract and nothing else: every request channel and push event. Kept free of zod and
 * of any other import so the sandboxed preload, which only needs to check names, bundles to a few hundred
 * bytes. shared/ipc.ts keys its schemas by these lists and checks them at type level: a channel added there
 * but not here (or here but not there) fails `tsc`.
 */

/** Every request channel, `noun:verb`. */
export const REQUEST_NAMES = [
  'run:list', 'run:get', 'run:delete', 'run:compare', 'import:preview', 'run:start', 'run:again', 'run:pause', 'run:cancel',
  'run:resume', 'result:list', 'result:findingCounts', 'result:tagGroups', 'result:worstCounts', 'run:actions', 'domain:get', 'export:workbook', 'export:pdf', 'export:bundle', 'export:comparison', 'bundle:verify', 'bundle:open',
  'reports:import', 'reports:estate', 'reports:domain',
  'dialog:openFile', 'dialog:openBundle', 'dialog:openReports', 'dialog:saveFile', 'shell:showItem', 'settings:get', 'settings:set',
] as const;
export type RequestName = (typeof REQUEST_NAMES)[number];

/** Every push event from main to renderer. */
export const EVENT_NAMES = ['run:progress', 'run:state'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

const requestNames: ReadonlySet<string> = new Set(REQUEST_NAMES);
const eventNames: ReadonlySet<string> = new Set(EVENT_NAMES);

/** Only the listed names: inherited object keys (`__proto__`, `toString`) are not names. */
export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && requestNames.has(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && eventNames.has(name);
}
