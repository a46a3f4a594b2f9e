import type { Migration } from '../store/types.js';

/**
 * A lean outbox (issue 18 point 2). An outbox entry kept a second copy of
 * every value it wrote (`args`, ~1 KB a ticket change, two a ticket): the
 * rows already hold those values, with the clock of the write that set each
 * field (`field_hlc`). Now an entry names the rows it wrote and, for an lww
 * row, which fields (`outbox_row`); the push reads the values from the rows
 * (electron/core/sync/outbox.ts).
 *
 * What must hold: a pending entry pushes exactly the values it wrote, as the
 * copy did. A field's value on the row is the entry's while the field's
 * clock is still the entry's HLC (appendOutbox stamps every field it queues
 * with its clock). When a later write changes that value or clock (a later
 * local edit of the same field, a pulled or forced server value) while the
 * entry waits, the trigger below first keeps the entry's value in `kept`,
 * and the push takes it from there. So the server sees the same
 * mutations, values and clocks as before (and re-checks status transitions
 * on the same intermediate values), and the outbox only holds a value in the
 * rare case it was overwritten before it was sent.
 *
 * `fields` NULL: every declared field (a create, an append record). Append
 * records are immutable, so their entries only reference the row; records
 * keyed by their values (a phone, a call link, an acknowledgement) keep their
 * few values in `kept` (their id is not a column). Actor fields re-attributed
 * at a first sign-in are rewritten on the row and in `kept` (sync/identity.ts),
 * without moving a clock.
 *
 * Pending entries of the old shape are converted, nothing lost: each change
 * becomes an `outbox_row` with its values in `kept`, then the values the row
 * still holds under the entry's clock are dropped from `kept` (they will be
 * read from the row). An entry whose `args` is not a well-formed list of
 * changes keeps its `args`, and is reported when pushed, as before.
 *
 * The per-table SQL is built from the list below, a snapshot of the synced
 * tables and columns at this migration (never from shared/sync/entities.ts,
 * which grows: the applied SQL must not change). A later lww entity or field
 * adds its table's trigger in its own migration; tests/unit/sync/leanOutbox
 * checks every declared lww field is covered.
 */

/** [entity, table, 'field:column ...' (field alone when the column has its name)] for every lww entity in 0026. */
const LWW: readonly (readonly [string, string, string])[] = [
  ['customer', 'customers', 'name organisation address createdAt:created_at updatedAt:updated_at'],
  [
    'ticket',
    'tickets',
    'no status subject description category severity channel product deviceModel:device_model assigneeId:assignee_id team stepsTaken:steps_taken resolution customerId:customer_id createdBy:created_by createdAt:created_at updatedAt:updated_at resolvedAt:resolved_at closedAt:closed_at',
  ],
  ['article', 'kb_articles', 'title body product category tags status authorId:author_id createdAt:created_at updatedAt:updated_at publishedAt:published_at sourceTicketId:source_ticket_id'],
  [
    'call',
    'calls',
    'externalId:external_id source direction number numberKey:number_key lineNumber:line_number customerId:customer_id agentId:agent_id status ringAt:ring_at answerAt:answer_at holdStartedAt:hold_started_at holdSeconds:hold_seconds endAt:end_at wrapEndAt:wrap_end_at disposition note settledAt:settled_at settledBy:settled_by createdAt:created_at updatedAt:updated_at',
  ],
  ['handoff', 'handoffs', 'ticketId:ticket_id kind coordinatorId:coordinator_id to:to_target ask dueBy:due_by scope status answer answeredBy:answered_by answeredAt:answered_at createdAt:created_at updatedAt:updated_at'],
  [
    'work_order',
    'work_orders',
    'ticketId:ticket_id handoffId:handoff_id engineer address appointmentAt:appointment_at status takenAt:taken_at feedbackDueAt:feedback_due_at feedback feedbackAt:feedback_at createdBy:created_by createdAt:created_at updatedAt:updated_at',
  ],
  ['callback', 'callbacks', 'customerId:customer_id ticketId:ticket_id phone dueAt:due_at ownerId:owner_id status note outcome doneAt:done_at doneBy:done_by createdBy:created_by createdAt:created_at updatedAt:updated_at'],
  ['follow_up', 'follow_ups', 'ticketId:ticket_id kind assigneeId:assignee_id forRole:for_role dueAt:due_at status satisfaction reason note doneAt:done_at doneBy:done_by createdAt:created_at updatedAt:updated_at'],
  ['quality_review', 'quality_reviews', 'ticketId:ticket_id agentId:agent_id reviewerId:reviewer_id week status checks score comment createdAt:created_at updatedAt:updated_at reviewedAt:reviewed_at'],
  ['setting', 'settings', 'value updatedBy:updated_by updatedAt:updated_at'],
  ['announcement', 'announcements', 'title body level team validFrom:valid_from validTo:valid_to endedAt:ended_at endedBy:ended_by publishedBy:published_by createdAt:created_at updatedAt:updated_at'],
  ['announcement_ticket', 'announcement_tickets', 'announcementId:announcement_id ticketId:ticket_id linkedBy:linked_by linkedAt:linked_at removedAt:removed_at removedBy:removed_by updatedAt:updated_at'],
  [
    'defect',
    'defects',
    'title product version steps severity trackerRef:tracker_ref status statusBy:status_by statusAt:status_at statusNote:status_note createdBy:created_by createdAt:created_at updatedAt:updated_at',
  ],
  [
    'defect_ticket',
    'defect_tickets',
    'defectId:defect_id ticketId:ticket_id linkedBy:linked_by linkedAt:linked_at removedAt:removed_at removedBy:removed_by ownerNotedAt:owner_noted_at ownerNotedBy:owner_noted_by updatedAt:updated_at',
  ],
  ['shift_type', 'shift_type', 'code name start:start_time end:end_time breakMinutes:break_minutes retiredAt:retired_at updatedBy:updated_by createdAt:created_at updatedAt:updated_at'],
  ['holiday', 'holiday', 'date kind name removedAt:removed_at updatedBy:updated_by createdAt:created_at updatedAt:updated_at'],
  ['roster_entry', 'roster_entry', 'agentId:agent_id date entry team updatedBy:updated_by createdAt:created_at updatedAt:updated_at'],
  [
    'duty_entry',
    'duty_entry',
    'date start:start_time end:end_time agentId:agent_id phone backupId:backup_id removedAt:removed_at removedBy:removed_by createdBy:created_by updatedBy:updated_by createdAt:created_at updatedAt:updated_at',
  ],
  ['kb_synonym', 'kb_synonyms', 'words removedAt:removed_at updatedBy:updated_by createdAt:created_at updatedAt:updated_at'],
  [
    'overtime_claim',
    'overtime_claim',
    'agentId:agent_id team date kind minutes status approvedMinutes:approved_minutes compensation agentReason:agent_reason decidedBy:decided_by decidedAt:decided_at rejectReason:reject_reason createdAt:created_at updatedAt:updated_at',
  ],
  ['team', 'team', 'name leader deactivatedAt:deactivated_at updatedBy:updated_by createdAt:created_at updatedAt:updated_at'],
  ['skill', 'skill', 'kind code name retiredAt:retired_at updatedBy:updated_by createdAt:created_at updatedAt:updated_at'],
  ['agent_profile', 'agent_profile', 'agentId:agent_id team seat skills joinedOn:joined_on updatedBy:updated_by createdAt:created_at updatedAt:updated_at'],
];

/** Append entities with their own `id` column in 0026 (records keyed by values keep their values). */
const APPEND_WITH_ID: readonly (readonly [string, string])[] = [
  ['ticket_history', 'ticket_history'],
  ['ticket_note', 'ticket_notes'],
  ['article_version', 'kb_article_versions'],
  ['article_vote', 'kb_votes'],
  ['article_use', 'kb_uses'],
  ['agent_state', 'agent_state_log'],
  ['report_export', 'report_exports'],
  ['attendance_correction', 'attendance_correction'],
];

function pairs(spec: string, row: string): string {
  return spec
    .split(' ')
    .map((p) => {
      const [field, column = field] = p.split(':') as [string, string?];
      return `'${field}', ${row}.${column}`;
    })
    .join(', ');
}

/** The clock of wire field `key` on a row (its own, else the creation clock `*`). */
const clockOf = (row: string, key: string): string => `COALESCE(json_extract(${row}.field_hlc, '$."' || ${key} || '"'), json_extract(${row}.field_hlc, '$."*"'))`;
const entryHlc = '(SELECT hlc FROM outbox WHERE id = outbox_row.outbox_id)';

/**
 * Before a field's value or clock moves away from a waiting entry's (a later
 * write of it, a pulled or forced server value), the entry keeps the value it
 * wrote. Only entries that still own the field (its clock is theirs) and have
 * not kept it yet. Any update of the row is watched, also one that forgets
 * to move the clock. Re-attributing an actor at a first sign-in keeps the
 * old name here and then rewrites it (sync/identity.ts).
 */
function keepTrigger([entity, table, spec]: readonly [string, string, string]): string {
  return `
CREATE TRIGGER outbox_keep_${table} AFTER UPDATE ON ${table}
WHEN EXISTS (SELECT 1 FROM outbox_row WHERE entity = '${entity}' AND row_id = OLD.id)
BEGIN
  UPDATE outbox_row SET kept = (
    SELECT json_group_object(k, v) FROM (
      SELECT key AS k, value AS v FROM json_each(COALESCE(outbox_row.kept, '{}'))
      UNION ALL
      SELECT o.key, o.value FROM json_each(json_object(${pairs(spec, 'OLD')})) o
      WHERE (outbox_row.fields IS NULL OR o.key IN (SELECT value FROM json_each(outbox_row.fields)))
        AND json_type(COALESCE(outbox_row.kept, '{}'), '$."' || o.key || '"') IS NULL
        AND ${clockOf('OLD', 'o.key')} = ${entryHlc}
        AND (${clockOf('NEW', 'o.key')} IS NOT ${clockOf('OLD', 'o.key')}
          OR json_extract(json_object(${pairs(spec, 'NEW')}), '$."' || o.key || '"') IS NOT o.value)
    )
  )
  WHERE entity = '${entity}' AND row_id = OLD.id;
END;`;
}

/** Converted entries: drop from `kept` what the row still holds under the entry's clock. */
function compactLww([entity, table, spec]: readonly [string, string, string]): string {
  return `
UPDATE outbox_row SET kept = (
  SELECT NULLIF(json_group_object(k.key, k.value), '{}') FROM json_each(outbox_row.kept) k, ${table} t
  WHERE t.id = outbox_row.row_id
    AND NOT (${clockOf('t', 'k.key')} IS ${entryHlc} AND json_extract(json_object(${pairs(spec, 't')}), '$."' || k.key || '"') IS k.value)
)
WHERE entity = '${entity}' AND kept IS NOT NULL AND EXISTS (SELECT 1 FROM ${table} t WHERE t.id = outbox_row.row_id);`;
}

function compactAppend([entity, table]: readonly [string, string]): string {
  return `
UPDATE outbox_row SET kept = NULL WHERE entity = '${entity}' AND kept IS NOT NULL AND EXISTS (SELECT 1 FROM ${table} t WHERE t.id = outbox_row.row_id);`;
}

const well = `json_type(c2.value, '$.entity') = 'text' AND json_type(c2.value, '$.id') = 'text' AND json_type(c2.value, '$.values') = 'object'`;

export const leanOutboxMigration: Migration = {
  id: '0026_lean_outbox',
  sql: `
-- One row per row a waiting mutation wrote, in its order (seq). fields: JSON array of the wire fields it wrote, NULL
-- for all; kept: JSON object of values kept because the row moved on before the push (see 0026_lean_outbox.ts).
CREATE TABLE outbox_row (
  outbox_id INTEGER NOT NULL,
  seq       INTEGER NOT NULL,
  entity    TEXT NOT NULL,
  row_id    TEXT NOT NULL,
  fields    TEXT,
  kept      TEXT,
  PRIMARY KEY (outbox_id, seq)
) WITHOUT ROWID;
CREATE INDEX outbox_row_key ON outbox_row (entity, row_id);

INSERT INTO outbox_row (outbox_id, seq, entity, row_id, fields, kept)
SELECT o.id, c.key, json_extract(c.value, '$.entity'), json_extract(c.value, '$.id'),
  (SELECT json_group_array(v.key) FROM json_each(c.value, '$.values') v), json_extract(c.value, '$.values')
FROM outbox o, json_each(o.args, '$.changes') c
WHERE json_valid(o.args) AND json_type(o.args, '$.changes') = 'array' AND json_array_length(o.args, '$.changes') > 0
  AND NOT EXISTS (SELECT 1 FROM json_each(o.args, '$.changes') c2 WHERE NOT (${well}));
UPDATE outbox SET args = '' WHERE id IN (SELECT outbox_id FROM outbox_row);
${LWW.map(compactLww).join('\n')}
${APPEND_WITH_ID.map(compactAppend).join('\n')}
${LWW.map(keepTrigger).join('\n')}
`,
};

/** For the test that every declared lww field is covered by a keep trigger. */
export const LEAN_OUTBOX_LWW_FIELDS: ReadonlyMap<string, readonly string[]> = new Map(LWW.map(([entity, , spec]) => [entity, spec.split(' ').map((p) => p.split(':')[0] as string)]));
