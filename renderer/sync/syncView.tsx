import {
  CheckCircleOutlined,
  DisconnectOutlined,
  LaptopOutlined,
  LockOutlined,
  PauseCircleOutlined,
  QuestionCircleOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import type { TFunction } from 'i18next';
import type { SyncState, SyncStatus } from '../../shared/sync/status.js';
import { clockText } from './syncText.js';

/** antd preset colours for the filled indicator; each state also has its own icon and words, never colour alone. */
export type SyncTone = 'default' | 'green' | 'blue' | 'orange' | 'gold' | 'red';

export interface SyncView {
  state: SyncState | 'unknown';
  tone: SyncTone;
  icon: React.ReactNode;
  /** the words on the indicator */
  text: string;
}

/** What the always-visible indicator says for a status (null: the core has not answered yet). */
export function syncView(t: TFunction, status: SyncStatus | null, now: number): SyncView {
  if (!status) return { state: 'unknown', tone: 'default', icon: <QuestionCircleOutlined />, text: t('sync.short.unknown') };
  const count = status.pending;
  switch (status.state) {
    case 'signed_out':
      return { state: 'signed_out', tone: 'default', icon: <LaptopOutlined />, text: t('sync.short.signedOut') };
    case 'offline':
      return { state: 'offline', tone: 'orange', icon: <DisconnectOutlined />, text: count > 0 ? t('sync.short.offlinePending', { count }) : t('sync.short.offline') };
    case 'syncing':
      return { state: 'syncing', tone: 'blue', icon: <SyncOutlined spin />, text: t('sync.short.syncing') };
    case 'idle': {
      if (!status.lastSyncedAt) return { state: 'idle', tone: 'green', icon: <CheckCircleOutlined />, text: t('sync.short.idleNever') };
      const time = clockText(status.lastSyncedAt, now);
      // Up to date as of the last round, with local edits made since: say both.
      const text = count > 0 ? t('sync.short.idlePending', { time, count }) : t('sync.short.idle', { time });
      return { state: 'idle', tone: 'green', icon: <CheckCircleOutlined />, text };
    }
    case 'paused':
      return { state: 'paused', tone: 'gold', icon: <PauseCircleOutlined />, text: count > 0 ? t('sync.short.pausedPending', { count }) : t('sync.short.paused') };
    case 'auth_required':
      return { state: 'auth_required', tone: 'red', icon: <LockOutlined />, text: t('sync.short.authRequired') };
  }
}

