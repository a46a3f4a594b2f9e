import { Flex, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgentSession } from '../../work/useSession.js';
import { CalendarWarning } from '../CalendarWarning.js';
import { HolidaysPanel } from './HolidaysPanel.js';
import { ShiftTypesPanel } from './ShiftTypesPanel.js';

/** 班次与节假日 (issue 16 points 2-3): everyone signed in here reads; admins change. */
export function CalendarScreen(): React.JSX.Element {
  const { t } = useTranslation();
  const admin = useAgentSession()?.agent?.role === 'admin';
  const [thisYear] = useState(() => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4)));
  return (
    <Flex vertical gap={10} style={{ padding: 16 }} data-testid="calendar-screen">
      <CalendarWarning />
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('roster.calendar.title')}
      </Typography.Title>
      <Tabs
        items={[
          { key: 'holidays', label: t('roster.calendar.holidaysTab'), children: <HolidaysPanel admin={admin} thisYear={thisYear} /> },
          { key: 'shifts', label: t('roster.calendar.shiftsTab'), children: <ShiftTypesPanel admin={admin} /> },
        ]}
      />
    </Flex>
  );
}
