import { create } from 'zustand';
import type { Article, ArticleInput } from '../../shared/kb/schema.js';

export type KbStatusFilter = 'published' | 'draft' | 'retired' | 'all';

export interface KbQuery {
  q: string;
  product: string | null;
  category: string | null;
  status: KbStatusFilter;
}

export const EMPTY_QUERY: KbQuery = { q: '', product: null, category: null, status: 'published' };

export type EditorState =
  | { mode: 'create'; draft?: ArticleInput; sourceTicketId?: string; sourceTicketNo?: string }
  | { mode: 'edit'; article: Article }
  | null;

interface KbUiState {
  /** kept across screen switches: the agent comes back to the same search */
  query: KbQuery;
  /** the article shown on the knowledge screen */
  selectedId: string | null;
  editor: EditorState;
  /** the article whose version history is open */
  historyId: string | null;
  setQuery(patch: Partial<KbQuery>): void;
  select(id: string | null): void;
  openCreate(init?: Omit<NonNullable<Extract<EditorState, { mode: 'create' }>>, 'mode'>): void;
  openEdit(article: Article): void;
  closeEditor(): void;
  openHistory(id: string | null): void;
}

export const useKbUiStore = create<KbUiState>((set) => ({
  query: EMPTY_QUERY,
  selectedId: null,
  editor: null,
  historyId: null,
  setQuery: (patch) => set((s) => ({ query: { ...s.query, ...patch } })),
  select: (id) => set({ selectedId: id }),
  openCreate: (init) => set({ editor: { mode: 'create', ...init } }),
  openEdit: (article) => set({ editor: { mode: 'edit', article } }),
  closeEditor: () => set({ editor: null }),
  openHistory: (id) => set({ historyId: id }),
}));
