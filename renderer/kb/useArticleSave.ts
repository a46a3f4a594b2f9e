import { App } from 'antd';
import type { FormInstance } from 'antd';
import { createElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Article } from '../../shared/kb/schema.js';
import type { AppErrorData, FieldIssue } from '../../shared/result.js';
import { call } from '../api/client.js';
import { errorText, issueText } from '../i18n/messages.js';
import { articleFieldFor, parseArticleCreate, parseArticleUpdate, type ArticleField, type ArticleFormValues } from './articleForm.js';

export interface EditorProblem {
  title: string;
  details: string[];
}

interface Options {
  form: FormInstance<ArticleFormValues>;
  original?: Article;
  sourceTicketId?: string;
  onSaved(article: Article): void;
}

/** Same contract as the ticket form: "saved" only after `{ ok: true }`; issues land on their fields, translated. */
export function useArticleSave({ form, original, sourceTicketId, onSaved }: Options): { save(): Promise<void>; saving: boolean; problem: EditorProblem | null } {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<EditorProblem | null>(null);

  const showIssues = (issues: FieldIssue[], values: ArticleFormValues, title: string): void => {
    const fields = new Map<ArticleField, string>();
    const details: string[] = [];
    for (const issue of issues) {
      const name = articleFieldFor(issue.path);
      const text = issueText(t, issue, name ? values[name] : undefined);
      if (!name) details.push(text);
      else if (!fields.has(name)) fields.set(name, text);
    }
    form.setFields([...fields].map(([name, text]) => ({ name, errors: [text] })));
    setProblem({ title, details });
    const first = [...fields.keys()][0];
    if (first) {
      form.scrollToField(first, { block: 'center' });
      document.getElementById(`article_${first}`)?.focus();
    }
  };

  const fail = (error: AppErrorData, values: ArticleFormValues): void => {
    const text = errorText(t, error);
    void message.error(t('kb.editor.notSaved', { error: text }));
    if (error.fields?.length) showIssues(error.fields, values, text);
    else setProblem({ title: text, details: [] });
  };

  const save = async (): Promise<void> => {
    if (saving) return;
    const values: ArticleFormValues = form.getFieldsValue(true);
    setProblem(null);
    let result;
    if (original) {
      const parsed = parseArticleUpdate(original, values);
      if (!parsed.ok) return showIssues(parsed.issues, values, t('kb.editor.fixFields'));
      if (parsed.value === null) {
        void message.info(t('kb.editor.noChanges'));
        return;
      }
      setSaving(true);
      result = await call('kb:update', parsed.value);
    } else {
      const parsed = parseArticleCreate(values, sourceTicketId ? { sourceTicketId } : {});
      if (!parsed.ok) return showIssues(parsed.issues, values, t('kb.editor.fixFields'));
      setSaving(true);
      result = await call('kb:create', parsed.value);
    }
    setSaving(false);
    if (!result.ok) return fail(result.error, values);
    void message.success({ content: createElement('span', { 'data-testid': 'toast-kb-saved' }, t('kb.editor.saved', { title: result.value.title, version: result.value.version })) });
    onSaved(result.value);
  };

  return { save, saving, problem };
}
