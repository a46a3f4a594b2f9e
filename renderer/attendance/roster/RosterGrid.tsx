import { App } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { entryFromTyped } from '../../../shared/attendance/roster.js';
import type { RosterEntry } from '../../../shared/attendance/schema.js';
import type { RosterMonth } from '../../../shared/attendance/planContract.js';
import { cellKey, clamp, inRange, lookOf, pasteEntries, rangeOf, rangeText, weekdayKey, type Pos } from './gridModel.js';
import { useEntryText } from './useEntryText.js';

export interface RosterGridProps {
  data: RosterMonth;
  /** the planned entries with unsaved edits on top */
  entries: ReadonlyMap<string, string>;
  canEdit: boolean;
  onSave: (entries: RosterEntry[]) => void;
  /** the date of the focused cell (copy last week works on its week) */
  onFocusDate?: (date: string) => void;
}

/**
 * The month roster as a spreadsheet (issue 16 point 2): one row per agent,
 * one column per day. Arrows move (Shift widens the selection), typing a
 * code opens the cell and Enter keeps it, Delete clears the selection to
 * rest, Ctrl+C / Ctrl+V copy and paste ranges as tab-separated text (Excel's
 * clipboard). Weekend, statutory and holiday-rest columns are shaded, an
 * adjusted working day is marked 班.
 */
export function RosterGrid({ data, entries, canEdit, onSave, onFocusDate }: RosterGridProps): React.JSX.Element {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const entryText = useEntryText();
  const agents = data.agents.map((a) => a.username);
  const dates = data.days.map((d) => d.date);
  const codes = data.shifts.map((s) => s.code);
  const [rawFocus, setFocus] = useState<Pos>({ r: 0, c: 0 });
  const [anchor, setAnchor] = useState<Pos | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const cells = useRef(new Map<string, HTMLTableCellElement>());
  const maxR = Math.max(0, agents.length - 1);
  const maxC = Math.max(0, dates.length - 1);
  // Inside the grid even when a shorter month or a smaller team shrinks it.
  const focus: Pos = { r: clamp(rawFocus.r, maxR), c: clamp(rawFocus.c, maxC) };
  const range = rangeOf(focus, anchor);

  // The focused cell takes the keyboard focus whenever the grid has it (not on first render: no stolen focus).
  useEffect(() => {
    if (editing !== null) return;
    const grid = tableRef.current;
    if (!grid || !grid.contains(document.activeElement)) return;
    cells.current.get(`${focus.r}:${focus.c}`)?.focus();
  }, [focus.r, focus.c, editing]);

  useEffect(() => {
    const date = dates[focus.c];
    if (date) onFocusDate?.(date);
  }, [focus.c, dates, onFocusDate]);

  const move = (dr: number, dc: number, extend: boolean): void => {
    if (extend) setAnchor((a) => a ?? focus);
    else setAnchor(null);
    setFocus({ r: clamp(focus.r + dr, maxR), c: clamp(focus.c + dc, maxC) });
  };

  const commit = (text: string, then: { dr: number; dc: number }): void => {
    const entry = entryFromTyped(text, codes);
    if (entry === null) {
      void message.error(t('roster.grid.badCode', { text, codes: codes.join(', ') }));
      return;
    }
    setEditing(null);
    const agent = agents[focus.r];
    const date = dates[focus.c];
    if (agent && date && (entries.get(cellKey(agent, date)) ?? 'rest') !== entry) onSave([{ agentId: agent, date, entry }]);
    setAnchor(null);
    setFocus({ r: clamp(focus.r + then.dr, maxR), c: clamp(focus.c + then.dc, maxC) });
    window.setTimeout(() => cells.current.get(`${clamp(focus.r + then.dr, maxR)}:${clamp(focus.c + then.dc, maxC)}`)?.focus(), 0);
  };

  const clearRange = (): void => {
    const out: RosterEntry[] = [];
    for (let r = range.top; r <= range.bottom; r++) {
      for (let c = range.left; c <= range.right; c++) {
        const key = cellKey(agents[r] as string, dates[c] as string);
        if (entries.has(key) && entries.get(key) !== 'rest') out.push({ agentId: agents[r] as string, date: dates[c] as string, entry: 'rest' });
      }
    }
    if (out.length > 0) onSave(out);
  };

  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (editing !== null || e.nativeEvent.isComposing) return;
    const ctrl = e.ctrlKey || e.metaKey;
    const arrows: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const step = arrows[e.key];
    if (step) {
      e.preventDefault();
      move(ctrl ? step[0] * agents.length : step[0], ctrl ? step[1] * dates.length : step[1], e.shiftKey);
      return;
    }
    if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      move(0, e.key === 'Home' ? -dates.length : dates.length, e.shiftKey);
      return;
    }
    if (e.key === 'Tab') return;
    if (ctrl && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      setAnchor({ r: 0, c: 0 });
      setFocus({ r: maxR, c: maxC });
      return;
    }
    if (ctrl || e.altKey || !canEdit) return;
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      clearRange();
      return;
    }
    if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      const current = entries.get(cellKey(agents[focus.r] as string, dates[focus.c] as string));
      setAnchor(null);
      setEditing(current ?? '');
      return;
    }
    if (e.key.length === 1 && e.key !== ' ') {
      e.preventDefault();
      setAnchor(null);
      setEditing(e.key);
    }
  };

  const onCopy = (e: React.ClipboardEvent): void => {
    if (editing !== null || agents.length === 0) return;
    e.preventDefault();
    e.clipboardData.setData('text/plain', rangeText(range, agents, dates, entries));
  };

  const onPaste = (e: React.ClipboardEvent): void => {
    if (editing !== null || !canEdit || agents.length === 0) return;
    e.preventDefault();
    const result = pasteEntries(e.clipboardData.getData('text/plain'), range, agents, dates, codes);
    if (!result.ok) {
      void message.error(t('roster.grid.pasteBad', { row: result.row, col: result.col, text: result.text }));
      return;
    }
    if (result.clipped) void message.warning(t('roster.grid.pasteTooBig'));
    const changed = result.entries.filter((x) => (entries.get(cellKey(x.agentId, x.date)) ?? 'rest') !== x.entry);
    if (changed.length > 0) onSave(changed);
  };

  const weekday = (date: string): string => t(`roster.weekday.${weekdayKey(date)}`);

  return (
    <div className="roster-scroll" data-testid="roster-scroll">
      <table
        ref={tableRef}
        className="roster-grid"
        role="grid"
        aria-label={t('roster.grid.label', { team: data.team ?? '', month: data.month })}
        aria-readonly={!canEdit}
        aria-rowcount={agents.length + 1}
        aria-colcount={dates.length + 1}
        data-testid="roster-grid"
        onKeyDown={onKeyDown}
        onCopy={onCopy}
        onPaste={onPaste}
      >
        <thead>
          <tr role="row">
            <th role="columnheader" className="roster-agent" scope="col">
              {t('roster.grid.agent')}
            </th>
            {data.days.map((d) => (
              <th
                key={d.date}
                role="columnheader"
                scope="col"
                className={`roster-day t-${d.dayType}`}
                title={`${d.date} ${t(`roster.dayType.${d.dayType}`)}${d.holiday ? ` · ${d.holiday}` : ''}`}
                data-testid="roster-day"
                data-date={d.date}
                data-day-type={d.dayType}
              >
                {Number(d.date.slice(8))}
                <span className="wd">{d.dayType === 'adjusted_workday' ? <span className="roster-mark">{t('roster.adjustedMark')}</span> : weekday(d.date)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.agents.map((a, r) => (
            <tr key={a.username} role="row" data-testid="roster-row" data-agent={a.username}>
              <th role="rowheader" scope="row" className="roster-agent" title={`${a.displayName} (${a.username})`}>
                {a.displayName}
              </th>
              {data.days.map((d, c) => {
                const entry = entries.get(cellKey(a.username, d.date));
                const look = lookOf(entry);
                const isFocus = focus.r === r && focus.c === c;
                const label = t('roster.grid.cell', { agent: a.displayName, date: d.date, weekday: weekday(d.date), dayType: d.dayType === 'workday' ? '' : `（${t(`roster.dayType.${d.dayType}`)}）`, entry: entryText(entry) });
                return (
                  <td
                    key={d.date}
                    ref={(el) => {
                      if (el) cells.current.set(`${r}:${c}`, el);
                      else cells.current.delete(`${r}:${c}`);
                    }}
                    role="gridcell"
                    tabIndex={isFocus ? 0 : -1}
                    aria-label={label}
                    aria-selected={inRange(range, r, c)}
                    className={`roster-cell t-${d.dayType}${inRange(range, r, c) && (anchor !== null) ? ' sel' : ''}${isFocus ? ' focus' : ''}`}
                    data-testid="roster-cell"
                    data-agent={a.username}
                    data-date={d.date}
                    data-entry={entry ?? ''}
                    onMouseDown={(e) => {
                      if (editing !== null) return;
                      if (e.shiftKey) setAnchor((x) => x ?? focus);
                      else setAnchor(null);
                      setFocus({ r, c });
                    }}
                    onDoubleClick={() => canEdit && setEditing(entry ?? '')}
                  >
                    {isFocus && editing !== null ? (
                      <input
                        className="roster-edit"
                        autoFocus
                        aria-label={t('roster.grid.editLabel', { agent: a.displayName, date: d.date })}
                        data-testid="roster-edit"
                        value={editing}
                        onChange={(e) => setEditing(e.target.value)}
                        onKeyDown={(e) => {
                          e.stopPropagation();
                          if (e.nativeEvent.isComposing) return;
                          if (e.key === 'Enter') {
                            e.preventDefault();
                            commit(editing, { dr: e.shiftKey ? -1 : 1, dc: 0 });
                          } else if (e.key === 'Tab') {
                            e.preventDefault();
                            commit(editing, { dr: 0, dc: e.shiftKey ? -1 : 1 });
                          } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
                            e.preventDefault();
                            commit(editing, { dr: e.key === 'ArrowUp' ? -1 : 1, dc: 0 });
                          } else if (e.key === 'Escape') {
                            e.preventDefault();
                            setEditing(null);
                            window.setTimeout(() => cells.current.get(`${r}:${c}`)?.focus(), 0);
                          }
                        }}
                        onBlur={() => setEditing(null)}
                      />
                    ) : (
                      <span className={`e-${look.kind}`}>{look.kind === 'shift' ? look.text : look.kind === 'leave' ? t(`roster.leaveShort.${look.leave}`) : look.planned ? t('roster.restShort') : ''}</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
