import { App } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavStore } from '../app/navStore.js';
import { subscribe } from '../api/client.js';
import { errorText } from '../i18n/messages.js';
import { useKbUiStore } from '../kb/kbUiStore.js';
import { useTicketUiStore } from '../tickets/ticketUiStore.js';
import { useCallStore } from './callStore.js';
import { dialableNumber } from './callTimes.js';
import { useConsoleStore } from './consoleStore.js';
import { useSoftphoneStore } from './softphone/softphoneStore.js';

/**
 * What runs while an agent is signed in, whatever the screen: the desk's
 * call (events from CTI and from other windows), and tel: links anywhere in
 * the app (a customer's number in a ticket or an article) start an outbound
 * call in the console instead of leaving the app.
 */
export function useDeskRuntime(): void {
  const { t } = useTranslation();
  const { message } = App.useApp();
  useEffect(() => {
    const store = useCallStore.getState();
    const stop = store.start();
    void store.load();
    return stop;
  }, []);

  // The embedded softphone (issue 19): registers this seat's extension while somebody is signed in.
  useEffect(() => useSoftphoneStore.getState().start(), []);

  // A phone command that followed a kept action failed (issue 14): the agent must know the phone system disagrees.
  useEffect(
    () =>
      subscribe('cti:phoneProblem', (p) => {
        const key = p.state === 'after_call_work' ? 'desk.phone.acwNotSent' : 'desk.phone.readyNotSent';
        void message.warning({ content: <span data-testid="toast-phone-problem">{t(key, { error: errorText(t, p.error) })}</span>, duration: 10 });
      }),
    [message, t],
  );

  // A call that starts ringing while the agent is elsewhere brings the console forward, unless a half-typed
  // form or article there would be unmounted by it; then a notice says where the call is (Ctrl+1).
  useEffect(
    () =>
      useCallStore.subscribe((s, before) => {
        const ringing = s.current?.status === 'ringing' && s.current.id !== before.current?.id;
        if (!ringing || useNavStore.getState().screen === 'console') return;
        if (!useTicketUiStore.getState().form && !useKbUiStore.getState().editor) {
          useNavStore.getState().go('console');
          return;
        }
        void message.warning({ content: <span data-testid="toast-incoming">{t('desk.call.incomingElsewhere', { number: s.current?.number ?? '', keys: t('desk.keys.navConsole') })}</span>, duration: 8 });
      }),
    [message, t],
  );

  useEffect(() => {
    /** A number from a tel: link (in the app, or handed over by the OS): the new-call dialog, unless a call is on. */
    const dial = (number: string): void => {
      if (useCallStore.getState().current) {
        void message.info(t('desk.call.busyForTel'));
        return;
      }
      useNavStore.getState().go('console');
      useConsoleStore.getState().openNewCall(number);
    };
    const onClick = (e: MouseEvent): void => {
      const target = e.target instanceof Element ? e.target.closest('a[href^="tel:" i]') : null;
      if (!target) return;
      e.preventDefault();
      const number = dialableNumber(target.getAttribute('href') ?? '');
      if (number) dial(number);
    };
    const takeDial = (): void => {
      const number = useConsoleStore.getState().takePendingDial();
      if (number) dial(number);
    };
    document.addEventListener('click', onClick);
    // One handed over before sign-in is opened now; later ones as they come.
    takeDial();
    const stopDial = useConsoleStore.subscribe((s, before) => {
      if (s.pendingDial !== null && s.pendingDial !== before.pendingDial) takeDial();
    });
    return () => {
      document.removeEventListener('click', onClick);
      stopDial();
    };
  }, [message, t]);
}
