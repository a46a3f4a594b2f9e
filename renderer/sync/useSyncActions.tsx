import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/messages.js';
import { useSyncStore } from './syncStore.js';

export interface SyncActions {
  /**
   * One round now, with its result in a toast (`inPanel`: the open popover
   * shows the result itself; only a failure is toasted); opens sign-in when
   * that is what is missing.
   */
  syncNow(options?: { inPanel?: boolean }): Promise<void>;
  setPaused(paused: boolean): Promise<void>;
  /** asks first: a shared office PC is signed out on purpose, not by a stray click */
  confirmSignOut(): void;
}

export function useSyncActions(): SyncActions {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();

  const syncNow = async ({ inPanel = false } = {}): Promise<void> => {
    const store = useSyncStore.getState();
    const state = store.status?.state;
    if (state === 'signed_out' || state === 'auth_required') {
      store.openSignIn();
      return;
    }
    if (store.running) return;
    const result = await store.syncNow();
    // One toast, updated in place: pressing the shortcut again must not stack results over the drawer's buttons.
    const key = 'sync-round';
    if (!result.ok) {
      void message.error({ key, content: <span data-testid="toast-sync-failed">{t('sync.roundFailed', { error: errorText(t, result.error) })}</span> });
      return;
    }
    const { pushed, pulled, problems } = result.value;
    if (inPanel) return;
    if (problems > 0) void message.warning({ key, content: <span data-testid="toast-sync-done">{t('sync.roundProblems', { count: problems })}</span> });
    else void message.success({ key, content: <span data-testid="toast-sync-done">{t('sync.roundDone', { pushed, pulled })}</span> });
  };

  const setPaused = async (paused: boolean): Promise<void> => {
    const result = await useSyncStore.getState().setPaused(paused);
    if (result.ok) void message.info(paused ? t('sync.paused') : t('sync.resumed'));
    else void message.error(t('sync.actionFailed', { error: errorText(t, result.error) }));
  };

  const confirmSignOut = (): void => {
    const pending = useSyncStore.getState().status?.pending ?? 0;
    void modal.confirm({
      title: t('sync.signOutTitle'),
      content: (
        <div data-testid="sign-out-confirm">
          <div>{t('sync.signOutBody')}</div>
          {pending > 0 && <div>{t('sync.signOutPending', { count: pending })}</div>}
        </div>
      ),
      okText: t('sync.signOutOk'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: async () => {
        const result = await useSyncStore.getState().signOut();
        if (result.ok) void message.info(t('sync.signedOut'));
        else void message.error(t('sync.actionFailed', { error: errorText(t, result.error) }));
      },
    });
  };

  return { syncNow, setPaused, confirmSignOut };
}
