import { Alert, Modal, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../shared/result.js';
import { errorText } from '../i18n/messages.js';

interface Props {
  title: string;
  okText: string;
  width: number;
  saving: boolean;
  error: AppErrorData | null;
  onSubmit(): void;
  onCancel(): void;
  okButtonProps?: ButtonProps;
  cancelButtonProps?: ButtonProps;
  /** on the dialog's body, for tests: `data-testid` and `data-to` */
  testId: string;
  dataTo: string;
  children: React.ReactNode;
}

/**
 * A small form dialog confirmed from the keyboard: Ctrl+Enter submits, Esc
 * cancels (the hint says so), a click outside does nothing, and a failure
 * shows in words above the fields. Ticket and article transitions use it.
 */
export function SubmitDialog(p: Props): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={p.title}
      okText={p.okText}
      cancelText={t('common.cancel')}
      onOk={p.onSubmit}
      onCancel={p.onCancel}
      confirmLoading={p.saving}
      {...(p.okButtonProps ? { okButtonProps: p.okButtonProps } : {})}
      {...(p.cancelButtonProps ? { cancelButtonProps: p.cancelButtonProps } : {})}
      destroyOnHidden
      mask={{ closable: false }}
      width={p.width}
    >
      <div
        data-testid={p.testId}
        data-to={p.dataTo}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
            e.preventDefault();
            p.onSubmit();
          }
        }}
      >
        {p.error && <Alert type="error" showIcon title={errorText(t, p.error)} style={{ marginBottom: 8 }} />}
        {p.children}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('tickets.transition.hint', { confirm: t('keys.confirm'), close: t('keys.close') })}
        </Typography.Text>
      </div>
    </Modal>
  );
}
