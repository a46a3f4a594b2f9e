import { Alert } from 'antd';
import type { FormProblem } from './useTicketFormSave.js';

/** Why a ticket form was not saved, above its fields; the issues no field shows are listed in it. */
export function FormProblemAlert({ problem }: { problem: FormProblem | null }): React.JSX.Element | null {
  if (!problem) return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="form-error"
      title={problem.title}
      description={problem.details.length ? problem.details.map((d) => <div key={d}>{d}</div>) : undefined}
      style={{ marginBottom: 8 }}
    />
  );
}
