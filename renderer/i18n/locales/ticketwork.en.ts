import type { TicketworkCatalogue } from './ticketwork.zh-CN.js';

/** English for ticketwork.zh-CN.ts. */
export const ticketworkEn: TicketworkCatalogue = {
  resolve: {
    prefilled: "The ticket's current resolution is filled in: check or complete it before resolving. The follow-up call and the knowledge base use this text.",
    empty: 'Say how the problem was solved: the follow-up call and the knowledge base use this text.',
  },
  close: {
    hintUnconfirmed: 'Closing before the customer confirmed: say why (e.g. not reachable after three calls). A closed ticket is read-only; reopen it if the customer comes back.',
    hintConfirmed: 'The customer confirmed the fix. A closed ticket is read-only; reopen it if the customer comes back.',
  },
  reopen: { hint: 'Say why it is reopened (e.g. the customer called back: still broken).' },
  readOnly: 'This ticket is closed and read-only. Reopen it to edit, add notes or hand it off.',
  assign: {
    toMe: 'Assign to me',
    mine: 'Yours',
    done: 'Assigned to you: {{no}}',
    hint: 'Make this ticket yours (Ctrl+Shift+M)',
    key: 'Ctrl+Shift+M',
  },
  notes: {
    title: 'Internal notes',
    explain: 'Seen by the team only, never by the customer.',
    placeholder: 'Write a note: a reminder for a colleague, what was checked…',
    add: 'Add note',
    addKey: 'Ctrl+Enter',
    empty: 'No notes yet',
    added: 'Note added',
    meta: '{{name}} · {{at}}',
    label: 'Note',
    closed: 'The ticket is closed: no more notes.',
  },
  handoff: {
    teamPlaceholder: 'Pick a team',
    noTeam: 'No such team (teams come from the accounts)',
    ownTeam: ' (your team)',
  },
  queue: {
    team: 'Team',
    allTeams: 'All teams',
    ofTeam: "{{team}}'s queue",
    allOf: 'Queue of all teams',
  },
  history: {
    created: 'Created ticket {{no}}',
    updated: 'Changed {{fields}}',
    status: '{{from}} → {{to}}',
    handedOff: {
      escalate: 'Escalated to {{to}} · answer by {{due}}',
      transfer: 'Transferred to {{to}} · answer by {{due}}',
      dispatch: 'Dispatched to {{to}} · answer by {{due}}',
    },
    ask: 'Asked',
    scope: 'Scope',
    answered: '{{who}} answered the hand-off',
    contact: 'Told the customer the progress by {{channel}}',
    callLinked: 'Linked call {{call}}',
    callLinkedUnknown: 'Linked a call',
    followUp: {
      done: '{{kind}} done: satisfaction {{score}}',
      doneNoScore: '{{kind}} done',
      unreachable: '{{kind}}: customer not reached',
    },
    resolvedWith: 'Resolution',
    otherCustomer: 'another customer',
    listSep: ', ',
    by: '{{name}}',
    answerLabel: 'Answer',
  },
  draft: {
    saved: 'Draft saved {{at}}',
    restored: 'Restored the draft you had not submitted ({{at}})',
    discard: 'Discard draft',
    linkedCall: 'Will be linked to the call in progress: {{number}}',
  },
};
