import { DatePicker, Form, Input, Select } from 'antd';
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../shared/result.js';
import type { Skill, Team } from '../../shared/teams/schema.js';
import { searchable } from '../app/selectSearch.js';
import { errorText } from '../i18n/messages.js';

export interface ProfileValues {
  team?: string | null;
  seat?: string;
  skills?: string[];
  joinedOn?: Dayjs | null;
}

export const PROFILE_FIELDS = ['team', 'seat', 'skills', 'joinedOn'] as const;

/** The request fields of a profile from the form's values ('' and null clear). */
export function profileRequest(v: ProfileValues): { team: string | null; seat: string | null; skills: string[]; joinedOn: string | null } {
  return { team: v.team ?? null, seat: v.seat?.trim() ? v.seat.trim() : null, skills: v.skills ?? [], joinedOn: v.joinedOn ? v.joinedOn.format('YYYY-MM-DD') : null };
}

export function profileInitial(p: { team: string | null; seat: string | null; skills: string[]; joinedOn: string | null }): ProfileValues {
  return { team: p.team, seat: p.seat ?? '', skills: p.skills, joinedOn: p.joinedOn ? dayjs(p.joinedOn) : null };
}

/** A refusal naming one of the profile's fields (SEAT_TAKEN on seat ...) is said under that field; true when it was. */
export function showProfileError<V>(form: FormInstance<V>, t: TFunction, error: AppErrorData): boolean {
  const path = error.fields?.[0]?.path;
  if (!path || !(PROFILE_FIELDS as readonly string[]).includes(path)) return false;
  form.setFields([{ name: path as never, errors: [errorText(t, error)] }]);
  return true;
}

/**
 * Team, seat number (坐席号), skills and join date (入职日期) of an agent, as
 * Form.Items of the surrounding form: the admin's "add an agent" form and the
 * profile dialog ask the same (issue 16 point 1). Skills are picked from the
 * admin's list (typing 粤语 or yy finds it); the join date cannot be in the future.
 */
export function ProfileFields({ teams, skills, idPrefix }: { teams: readonly Team[]; skills: readonly Skill[]; idPrefix: string }): React.JSX.Element {
  const { t } = useTranslation();
  const kindLabel = (k: Skill['kind']) => (k === 'product' ? t('teams.skills.kindProduct') : t('teams.skills.kindLanguage'));
  return (
    <>
      <Form.Item name="team" label={t('teams.profiles.team')} htmlFor={`${idPrefix}-team`}>
        <Select
          {...searchable}
          id={`${idPrefix}-team`}
          allowClear
          style={{ minWidth: 160 }}
          placeholder={t('teams.profiles.teamPick')}
          options={teams.filter((x) => x.active).map((x) => ({ value: x.id, label: x.name === x.id ? x.name : `${x.name}（${x.id}）` }))}
          data-testid={`${idPrefix}-team`}
        />
      </Form.Item>
      <Form.Item name="seat" label={t('teams.profiles.seat')} extra={t('teams.profiles.seatHelp')} htmlFor={`${idPrefix}-seat`}>
        <Input id={`${idPrefix}-seat`} maxLength={16} style={{ width: 120 }} autoComplete="off" data-testid={`${idPrefix}-seat`} />
      </Form.Item>
      <Form.Item name="skills" label={t('teams.profiles.skills')} htmlFor={`${idPrefix}-skills`}>
        <Select
          {...searchable}
          id={`${idPrefix}-skills`}
          mode="multiple"
          style={{ minWidth: 260 }}
          placeholder={t('teams.profiles.skillsPick')}
          options={[
            { label: t('teams.skills.kindProduct'), options: skills.filter((s) => s.kind === 'product' && !s.retired).map((s) => ({ value: s.code, label: s.name, title: `${s.name} ${s.code} ${kindLabel(s.kind)}` })) },
            { label: t('teams.skills.kindLanguage'), options: skills.filter((s) => s.kind === 'language' && !s.retired).map((s) => ({ value: s.code, label: s.name, title: `${s.name} ${s.code} ${kindLabel(s.kind)}` })) },
          ]}
          data-testid={`${idPrefix}-skills`}
        />
      </Form.Item>
      <Form.Item name="joinedOn" label={t('teams.profiles.joinedOn')} extra={t('teams.profiles.joinedOnHelp')} htmlFor={`${idPrefix}-joined`}>
        <DatePicker id={`${idPrefix}-joined`} format="YYYY-MM-DD" disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid={`${idPrefix}-joined`} />
      </Form.Item>
    </>
  );
}
