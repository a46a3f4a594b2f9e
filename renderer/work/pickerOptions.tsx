import { Flex, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { DirectoryPerson } from '../../shared/sync/protocol.js';
import { personSearchText } from '../../shared/teams/rules.js';

/**
 * Options of the assign / transfer / hand-off pickers with each person's seat
 * and skills (issue 16 point 1), so the agent picks the right second-line
 * person. The option's `title` is what typing filters on (selectSearch):
 * name, username, seat and skill names, so typing 粤语 or IPTV narrows the list.
 */
export function personOption(p: DirectoryPerson, t: TFunction): { value: string; label: React.ReactNode; title: string } {
  const name = p.displayName === p.username ? p.username : `${p.displayName}（${p.username}）`;
  const skills = p.skills ?? [];
  const detail = [p.seat ? t('teams.picker.seat', { seat: p.seat }) : null, skills.length > 0 ? skills.join(' · ') : null].filter((x): x is string => x !== null).join('  ');
  return {
    value: p.username,
    title: personSearchText({ displayName: p.displayName, username: p.username, seat: p.seat ?? null, skillNames: skills }),
    label: (
      <Flex justify="space-between" gap={12} data-testid={`person-option-${p.username}`}>
        <span>{name}</span>
        {detail && (
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 260 }}>
            {detail}
          </Typography.Text>
        )}
      </Flex>
    ),
  };
}

/** A team's option: its name, its leader and the skills its active members have, searchable by those skills. */
export function teamOption(team: { id: string; name: string; leader: string | null }, people: readonly DirectoryPerson[], t: TFunction, suffix = ''): { value: string; label: React.ReactNode; title: string } {
  const members = people.filter((p) => p.team === team.id);
  const skills = [...new Set(members.flatMap((p) => p.skills ?? []))];
  const leader = team.leader ? (people.find((p) => p.username === team.leader)?.displayName ?? team.leader) : null;
  const detail = [leader ? t('teams.picker.teamLeader', { name: leader }) : null, skills.length > 0 ? t('teams.picker.teamSkills', { skills: skills.join(' · ') }) : null].filter((x): x is string => x !== null).join('  ');
  return {
    value: team.id,
    title: [team.name, team.id, leader ?? '', ...skills, ...members.map((m) => m.displayName)].join(' '),
    label: (
      <Flex justify="space-between" gap={12} data-testid={`team-option-${team.id}`}>
        <span>
          {team.name}
          {suffix}
        </span>
        {detail && (
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
            {detail}
          </Typography.Text>
        )}
      </Flex>
    ),
  };
}
