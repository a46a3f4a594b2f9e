import { create } from 'zustand';
import type { AppErrorData } from '../../shared/result.js';
import type { Category, Severity, TicketListQuery, TicketSummary } from '../../shared/tickets/schema.js';
import type { TicketStatus } from '../../shared/tickets/stateMachine.js';
import { call } from '../api/client.js';

export interface TicketFilters {
  status: TicketStatus[];
  category: Category[];
  severity: Severity[];
  assigneeId: string;
  q: string;
  /** inclusive calendar dates, YYYY-MM-DD */
  createdFrom: string | null;
  createdTo: string | null;
}

export const EMPTY_FILTERS: TicketFilters = { status: [], category: [], severity: [], assigneeId: '', q: '', createdFrom: null, createdTo: null };
export const PAGE_SIZES = [50, 100, 200, 500] as const;

interface TicketListState {
  filters: TicketFilters;
  page: number;
  pageSize: number;
  items: TicketSummary[];
  total: number;
  loading: boolean;
  error: AppErrorData | null;
  loadedAt: string | null;
  setFilters(patch: Partial<TicketFilters>): void;
  clearFilters(): void;
  setPage(page: number, pageSize: number): void;
  load(): Promise<void>;
  /** load for a change event: bursts (a first sync applies rows batch after batch) cost one load in flight plus one after it */
  refresh(): void;
}

export function toQuery(filters: TicketFilters, page: number, pageSize: number): TicketListQuery {
  const query: TicketListQuery = { limit: pageSize, offset: (page - 1) * pageSize };
  if (filters.status.length) query.status = filters.status;
  if (filters.category.length) query.category = filters.category;
  if (filters.severity.length) query.severity = filters.severity;
  const assignee = filters.assigneeId.trim();
  if (assignee) query.assigneeId = assignee;
  const q = filters.q.trim();
  if (q) query.q = q.slice(0, 100);
  if (filters.createdFrom) query.createdFrom = filters.createdFrom;
  if (filters.createdTo) query.createdTo = filters.createdTo;
  return query;
}

// Responses can arrive out of order (typing in the search box, a change event
// during a page switch); only the latest request may write the list.
let latestRequest = 0;

export const useTicketListStore = create<TicketListState>((set, get) => {
  let inFlight = false;
  let again = false;
  return {
    filters: EMPTY_FILTERS,
    page: 1,
    pageSize: PAGE_SIZES[0],
    items: [],
    total: 0,
    loading: false,
    error: null,
    loadedAt: null,
    setFilters(patch) {
      set((s) => ({ filters: { ...s.filters, ...patch }, page: 1 }));
      void get().load();
    },
    clearFilters() {
      set({ filters: EMPTY_FILTERS, page: 1 });
      void get().load();
    },
    setPage(page, pageSize) {
      set((s) => ({ page: pageSize === s.pageSize ? page : 1, pageSize }));
      void get().load();
    },
    async load() {
      const request = ++latestRequest;
      const { filters, page, pageSize } = get();
      set({ loading: true });
      const result = await call('tickets:list', toQuery(filters, page, pageSize));
      if (request !== latestRequest) return;
      if (result.ok) {
        const { items, total } = result.value;
        // A change event may shrink the list below the current page: step back rather than show an empty page.
        const lastPage = Math.max(1, Math.ceil(total / pageSize));
        if (items.length === 0 && page > lastPage) {
          set({ page: lastPage });
          void get().load();
          return;
        }
        set({ items, total, loading: false, error: null, loadedAt: new Date().toISOString() });
      } else {
        set({ loading: false, error: result.error });
      }
    },
    refresh() {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      void get()
        .load()
        .finally(() => {
          inFlight = false;
          if (again) {
            again = false;
            get().refresh();
          }
        });
    },
  };
});
