import type { AgentKpiSheet, PeriodReport, ProblemSummary } from '../../../../shared/reports/periodReport.js';
import { change } from '../../../../shared/reports/periods.js';
import { CATEGORIES, CHANNELS, SEVERITIES } from '../../../../shared/tickets/schema.js';
import { exportLabels, type ExportLocale } from './labels.js';
import { dec, int, pct, type Cell, type ExportDoc, type NumberKind, type Section } from './table.js';

/**
 * The three reports as export documents, one module of sections each fed
 * by the same query the screen shows (house style: what the supervisor sees
 * is what the file holds).
 */

const cellOf = (kind: NumberKind, n: number | null): Cell => (kind === 'int' ? int(n) : kind === 'percent' ? pct(n) : dec(n));

/** A comparison line: item, this period, previous, change, change %. */
function compared(item: string, kind: NumberKind, current: number | null, previous: number | null): Cell[] {
  const c = change(current, previous);
  return [item, cellOf(kind, current), cellOf(kind, previous), cellOf(kind === 'int' ? 'int' : 'decimal', c.delta), pct(c.percent)];
}

export function summaryDoc(report: PeriodReport, locale: ExportLocale): ExportDoc {
  const L = exportLabels(locale);
  const cur = report.current;
  const prev = report.previous;
  const columns = [{ header: L.columns.item, width: 24 }, { header: L.columns.current }, { header: L.columns.previous }, { header: L.columns.delta }, { header: L.columns.changePercent }];
  const section = (sheet: string, rows: Cell[][]): Section => ({ sheet, columns, rows });
  const kpiKinds = { serviceLevel: 'percent', abandonRate: 'percent', asaSeconds: 'decimal', ahtSeconds: 'decimal', fcr: 'percent', csat: 'percent', csatMean: 'decimal', slaMet: 'percent' } as const;
  const products = [...new Set([...cur.tickets.byProduct.map((p) => p.product), ...prev.tickets.byProduct.map((p) => p.product)])];
  const productCount = (list: typeof cur.tickets.byProduct, p: string | null): number => list.find((x) => x.product === p)?.created ?? 0;
  const sections: Section[] = [
    section(
      L.sheets.kpi,
      (Object.keys(kpiKinds) as (keyof typeof kpiKinds)[]).map((k) => compared(L.kpi[k], kpiKinds[k], cur.kpi[k], prev.kpi[k])),
    ),
    section(L.sheets.calls, [
      ...(['offered', 'answered', 'abandoned', 'shortAbandoned'] as const).map((k) => compared(L.calls[k], 'int', cur.calls.inbound[k], prev.calls.inbound[k])),
      ...(['placed', 'connected', 'notConnected'] as const).map((k) => compared(L.calls[k], 'int', cur.calls.outbound[k], prev.calls.outbound[k])),
      compared(L.tickets.created, 'int', cur.tickets.created, prev.tickets.created),
      compared(L.tickets.resolved, 'int', cur.tickets.resolved, prev.tickets.resolved),
    ]),
    section(
      L.sheets.channels,
      CHANNELS.map((c) => compared(L.channel[c], 'int', cur.tickets.byChannel[c], prev.tickets.byChannel[c])),
    ),
    section(
      L.sheets.categoriesCreated,
      CATEGORIES.map((c) => compared(L.category[c], 'int', cur.tickets.byCategory[c].created, prev.tickets.byCategory[c].created)),
    ),
    section(
      L.sheets.categoriesResolved,
      CATEGORIES.map((c) => compared(L.category[c], 'int', cur.tickets.byCategory[c].resolved, prev.tickets.byCategory[c].resolved)),
    ),
    section(
      L.sheets.severity,
      SEVERITIES.map((s) => compared(L.severity[s], 'int', cur.tickets.bySeverity[s], prev.tickets.bySeverity[s])),
    ),
    section(
      L.sheets.products,
      products.map((p) => compared(p ?? L.notRecorded, 'int', productCount(cur.tickets.byProduct, p), productCount(prev.tickets.byProduct, p))),
    ),
    section(L.sheets.announcements, [compared(L.announcements, 'int', cur.announcements.published, prev.announcements.published)]),
  ];
  return {
    title: L.titles.summary,
    subtitle: `${L.period(cur.from, cur.to, report.team)} · ${L.previous(prev.from, prev.to)}`,
    sections,
    csv: { columns: [L.columns.section, ...columns.map((c) => c.header)], rows: sections.flatMap((s) => s.rows.map((row) => [s.sheet, ...row])) },
  };
}

export function agentsDoc(sheet: AgentKpiSheet, locale: ExportLocale): ExportDoc {
  const L = exportLabels(locale);
  const A = L.agent;
  // Every reason configured, then any other code found in the log (a reason since removed).
  const codes = [...new Set([...sheet.reasons.map((r) => r.code), ...sheet.rows.flatMap((r) => Object.keys(r.notReady))])];
  const reasonLabel = (code: string): string => (code === '' ? A.noReason : (sheet.reasons.find((r) => r.code === code)?.label ?? code));
  const columns = [
    { header: A.agentId },
    { header: A.name },
    { header: A.team },
    { header: A.callsAnswered },
    { header: A.talkSeconds },
    { header: A.ahtSeconds },
    { header: A.ticketsHandled },
    { header: A.ticketsResolved },
    { header: A.fcr },
    { header: A.slaMet },
    { header: A.csat },
    { header: A.quality },
    { header: A.reviews },
    { header: A.notReadySeconds },
    ...codes.map((c) => ({ header: `${reasonLabel(c)}(${A.seconds})` })),
  ];
  const rows: Cell[][] = sheet.rows.map((r) => [
    r.agentId,
    r.displayName,
    r.team,
    int(r.callsAnswered),
    int(r.talkSeconds),
    dec(r.ahtSeconds),
    int(r.ticketsHandled),
    int(r.ticketsResolved),
    pct(r.fcr),
    pct(r.slaMet),
    pct(r.csat),
    pct(r.quality),
    int(r.reviews),
    int(r.notReadySeconds),
    ...codes.map((c) => int(r.notReady[c] ?? 0)),
  ]);
  return { title: L.titles.agents, subtitle: L.period(sheet.from, sheet.to, sheet.team), sections: [{ sheet: L.sheets.agents, columns, rows }], csv: { columns: columns.map((c) => c.header), rows } };
}

export function problemsDoc(summary: ProblemSummary, locale: ExportLocale): ExportDoc {
  const L = exportLabels(locale);
  const statusLabel = (status: string): string => (L.status as Record<string, string>)[status] ?? status;
  const P = L.problem;
  const columns = [P.product, P.no, P.subject, P.severity, P.status, P.owner, P.escalatedAt, P.escalatedTo, P.ask, P.answer, P.resolution, P.resolvedAt, P.defect].map((header) => ({ header }));
  const rows: Cell[][] = summary.groups.flatMap((g) =>
    g.tickets.map((t) => [g.product ?? L.notRecorded, t.no, t.subject, L.severity[t.severity], statusLabel(t.status), t.owner, t.escalatedAt, t.escalatedTo, t.ask, t.answer, t.resolution, t.resolvedAt, t.defect ? [t.defect.title, t.defect.trackerRef].filter(Boolean).join(' · ') : null]),
  );
  const totals: Cell[][] = summary.groups.map((g) => [g.product ?? L.notRecorded, int(g.tickets.length), int(g.resolved)]);
  return {
    title: L.titles.problems,
    subtitle: L.period(summary.from, summary.to, summary.team),
    sections: [
      { sheet: L.sheets.problems, columns, rows },
      { sheet: L.sheets.byProduct, columns: [{ header: P.product }, { header: P.count }, { header: P.resolved }], rows: totals },
    ],
    csv: { columns: columns.map((c) => c.header), rows },
  };
}
