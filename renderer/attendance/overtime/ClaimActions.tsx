import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Claim } from '../../../shared/attendance/contract.js';

export type ClaimDialog = { kind: 'approve' | 'reject' | 'reason'; claim: Claim };

/** A claim's buttons: approve / reject while pending (supervisors and admins), a reason (its agent). */
export function ClaimActions({ claim, supervising, onOpen }: { claim: Claim; supervising: boolean; onOpen: (d: ClaimDialog) => void }): React.JSX.Element | null {
  const { t } = useTranslation();
  if (supervising) {
    if (claim.status !== 'pending') return null;
    return (
      <Space size={4}>
        <Button size="small" type="primary" onClick={() => onOpen({ kind: 'approve', claim })} data-testid="ot-approve">
          {t('attendance.overtime.approve')}
        </Button>
        <Button size="small" danger onClick={() => onOpen({ kind: 'reject', claim })} data-testid="ot-reject">
          {t('attendance.overtime.reject')}
        </Button>
      </Space>
    );
  }
  return claim.status === 'pending' ? (
    <Button size="small" onClick={() => onOpen({ kind: 'reason', claim })} data-testid="ot-reason">
      {t('attendance.overtime.addReason')}
    </Button>
  ) : null;
}
