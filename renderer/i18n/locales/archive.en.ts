import type { Catalogue } from './zh-CN.js';

/** English for archive.zh-CN.ts. */
export const archiveEn: Catalogue['archive'] = {
  hint: {
    title: 'Older tickets on the server ({{count}})',
    search: 'This PC keeps tickets closed since {{date}}; older tickets matching the search are on the server and can be fetched to read.',
    caller: 'This caller has older tickets kept on the server; fetch one to read it.',
    more: '{{count}} more not listed; narrow the search',
    listLabel: 'Older tickets on the server',
    view: 'View',
    viewLabel: 'Fetch ticket {{no}} from the server and read it',
    closedAt: 'closed {{date}}',
  },
  view: {
    title: 'Older ticket {{no}} (on the server, read-only)',
    loading: 'Fetching from the server…',
    offline: 'This PC cannot reach the server now, so the older ticket cannot be fetched. Check the network or sign in, then try again.',
    failed: 'The ticket could not be fetched: {{error}}',
    retry: 'Try again',
    close: 'Close',
    readOnly: 'This ticket is archived and kept only on the server; read-only here. If the customer calls about it again, reopen it on any PC.',
    fetchedAt: 'Fetched {{time}}',
    customer: 'Customer',
    phones: 'Phone',
    status: 'Status',
    closedAt: 'Closed',
    description: 'Description',
    resolution: 'Resolution',
    history: 'History',
    notes: 'Internal notes ({{count}})',
    calls: '{{count}} linked call(s)',
  },
  horizon: {
    title: 'This PC holds part of this period',
    text: 'This PC holds tickets (and their calls) closed since {{date}}; the period shown (or the one compared with) starts before that, so its figures are incomplete. See the server, or a PC that still holds that period, for complete figures.',
  },
};
