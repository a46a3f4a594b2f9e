import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Table, Tag, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentProfile, Team } from '../../shared/teams/schema.js';
import { optionMatches } from '../app/selectSearch.js';
import { errorText } from '../i18n/messages.js';
import { useLive } from '../work/useLive.js';
import { ProfileDialog } from './ProfileDialog.js';
import { SkillsCard } from './SkillsCard.js';
import { TeamDialog } from './TeamDialog.js';

/**
 * Teams with their leaders, every agent's team / seat / skills / join date,
 * and the skill list (issue 16 point 1: 坐席的分配、添加、技能确认). Admin only;
 * the core and the server refuse anyone else's writes.
 */
export function TeamsPanel(): React.JSX.Element {
  const { t } = useTranslation();
  const live = { kinds: ['teams'] as const };
  const teams = useLive('teams:list', {}, live);
  const skills = useLive('skills:list', {}, live);
  const profiles = useLive('profiles:list', {}, live);
  const directory = useLive('directory:list', {}, live);
  const [team, setTeam] = useState<Team | 'new' | null>(null);
  const [profile, setProfile] = useState<AgentProfile | null>(null);
  const [query, setQuery] = useState('');
  const reload = (): void => {
    teams.reload();
    skills.reload();
    profiles.reload();
    directory.reload();
  };
  const skillName = useMemo(() => new Map((skills.value ?? []).map((s) => [s.code, s.name])), [skills.value]);
  const teamName = useMemo(() => new Map((teams.value ?? []).map((x) => [x.id, x.name])), [teams.value]);
  const nameOf = (u: string | null) => (u ? (directory.value?.people.find((p) => p.username === u)?.displayName ?? u) : null);
  const shown = (profiles.value ?? []).filter((p) => optionMatches(query, [p.displayName, p.agentId, p.seat ?? '', p.team ? (teamName.get(p.team) ?? p.team) : '', ...p.skills.map((s) => skillName.get(s) ?? s)].join(' ')));
  const error = teams.error ?? profiles.error ?? skills.error;

  return (
    <Flex vertical gap={16} data-testid="teams-panel">
      {error && <Alert type="error" showIcon title={t('work.loadFailedWith', { error: errorText(t, error) })} />}
      <Card
        size="small"
        title={t('teams.teams.title')}
        extra={
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setTeam('new')} data-testid="team-add">
            {t('teams.teams.add')}
          </Button>
        }
      >
        <Table<Team>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={teams.value ?? []}
          loading={teams.loading}
          columns={[
            {
              key: 'name',
              title: t('teams.teams.name'),
              render: (_: unknown, x) => (
                <Flex gap={6} align="center">
                  <span>{x.name}</span>
                  {x.name !== x.id && <Tag>{x.id}</Tag>}
                  {!x.active && <Tag>{t('teams.teams.inactive')}</Tag>}
                  {x.derived && (
                    <Tooltip title={t('teams.teams.derivedHelp')}>
                      <Tag color="orange">{t('teams.teams.derived')}</Tag>
                    </Tooltip>
                  )}
                </Flex>
              ),
            },
            { key: 'leader', title: t('teams.teams.leader'), render: (_: unknown, x) => nameOf(x.leader) ?? <span className="muted">{t('teams.teams.noLeader')}</span> },
            { key: 'members', title: t('teams.teams.members'), dataIndex: 'members', align: 'right' },
            {
              key: 'edit',
              title: '',
              render: (_: unknown, x) => (
                <Button size="small" onClick={() => setTeam(x)} aria-label={`${t('teams.teams.edit')} ${x.name}`} data-testid={`team-edit-${x.id}`}>
                  {t('teams.teams.edit')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('teams.profiles.title')}
        extra={<Input.Search allowClear size="small" style={{ width: 240 }} placeholder={t('teams.profiles.search')} aria-label={t('teams.profiles.search')} onChange={(e) => setQuery(e.target.value)} data-testid="profiles-search" />}
      >
        <Table<AgentProfile>
          size="small"
          rowKey="agentId"
          pagination={false}
          dataSource={shown}
          loading={profiles.loading}
          columns={[
            { key: 'agent', title: t('teams.profiles.agent'), render: (_: unknown, p) => (p.displayName === p.agentId ? p.agentId : `${p.displayName}（${p.agentId}）`) },
            { key: 'role', title: t('work.accounts.role'), render: (_: unknown, p) => (p.role ? t(`work.role.${p.role}`) : '') },
            { key: 'team', title: t('teams.profiles.team'), render: (_: unknown, p) => (p.team ? (teamName.get(p.team) ?? p.team) : t('teams.profiles.none')) },
            { key: 'seat', title: t('teams.profiles.seat'), render: (_: unknown, p) => p.seat ?? t('teams.profiles.none') },
            { key: 'skills', title: t('teams.profiles.skills'), render: (_: unknown, p) => <Flex gap={4} wrap="wrap">{p.skills.map((s) => <Tag key={s}>{skillName.get(s) ?? s}</Tag>)}</Flex> },
            { key: 'joinedOn', title: t('teams.profiles.joinedOn'), render: (_: unknown, p) => p.joinedOn ?? t('teams.profiles.none') },
            {
              key: 'edit',
              title: '',
              render: (_: unknown, p) => (
                <Button size="small" onClick={() => setProfile(p)} aria-label={`${t('teams.profiles.edit')} ${p.displayName}`} data-testid={`profile-edit-${p.agentId}`}>
                  {t('teams.profiles.edit')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <SkillsCard skills={skills.value ?? []} onChanged={reload} />
      {team !== null && <TeamDialog team={team === 'new' ? null : team} people={directory.value?.people ?? []} onClose={() => setTeam(null)} onSaved={reload} />}
      {profile !== null && <ProfileDialog profile={profile} teams={teams.value ?? []} skills={skills.value ?? []} onClose={() => setProfile(null)} onSaved={reload} />}
    </Flex>
  );
}
