import { Alert } from 'antd';

/** Why a form was not saved: a title, and the issues no visible field shows (never dropped). */
export interface FormProblemView {
  title: string;
  details: string[];
}

/** The error above a form's fields (ticket forms, the article editor). */
export function FormProblemAlert({ problem, testId = 'form-error' }: { problem: FormProblemView | null; testId?: string }): React.JSX.Element | null {
  if (!problem) return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      title={problem.title}
      description={problem.details.length ? problem.details.map((d) => <div key={d}>{d}</div>) : undefined}
      style={{ marginBottom: 8 }}
    />
  );
}
