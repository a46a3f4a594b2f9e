import type { ButtonProps } from 'antd';
import { App } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface DiscardGuard {
  /** called by the form's onValuesChange: there is typed work to lose */
  markDirty: () => void;
  /** the discard question is on screen */
  confirming: boolean;
  /** closes at once when nothing was typed, else asks first (Cancel, the safe answer, has focus) */
  requestClose: () => void;
}

/**
 * A half-typed form (a ticket with a caller on the line, an article) is not
 * thrown away by a stray Esc or click: closing asks first. `body` is the
 * question's text; `testId` marks its discard button for tests; nothing
 * closes while `isBusy()` (a save in flight).
 */
export function useDiscardGuard(opts: { close: () => void; isBusy: () => boolean; body: string; testId: string }): DiscardGuard {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const dirty = useRef(false);
  const [confirming, setConfirming] = useState(false);
  const requestClose = (): void => {
    if (opts.isBusy() || confirming) return;
    if (!dirty.current) return opts.close();
    setConfirming(true);
    modal.confirm({
      title: t('common.discardTitle'),
      content: opts.body,
      okText: t('common.discardOk'),
      cancelText: t('common.keepEditing'),
      okButtonProps: { danger: true, 'data-testid': opts.testId } as ButtonProps,
      autoFocusButton: 'cancel',
      onOk: opts.close,
      afterClose: () => setConfirming(false),
    });
  };
  const markDirty = (): void => {
    dirty.current = true;
  };
  return { markDirty, confirming, requestClose };
}
