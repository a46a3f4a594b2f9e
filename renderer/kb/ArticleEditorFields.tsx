import { AutoComplete, Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ArticleInputSchema, ArticleUpdateSchema, KB_LIMITS } from '../../shared/kb/schema.js';
import { useKbFacets } from './useKbFacets.js';
import { textCount } from '../tickets/textCount.js';
import { zodRule } from '../tickets/zodRule.js';
import { optionMatches, searchable } from '../app/selectSearch.js';

const shape = ArticleInputSchema.shape;

/** `autoFocus`: where the cursor starts: the title of a new article, the body of one being edited. */
export function ArticleEditorFields({ withNote, autoFocus }: { withNote: boolean; autoFocus: 'title' | 'body' }): React.JSX.Element {
  const { t } = useTranslation();
  const facets = useKbFacets();
  return (
    <>
      <Form.Item name="title" label={t('kb.fields.title')} required rules={[zodRule(t, shape.title)]}>
        <Input autoFocus={autoFocus === 'title'} placeholder={t('kb.editor.titlePlaceholder')} aria-label={t('kb.fields.title')} data-testid="kb-field-title" count={textCount(KB_LIMITS.title)} />
      </Form.Item>
      <Row gutter={10}>
        <Col span={8}>
          <Form.Item name="product" label={t('kb.fields.product')} rules={[zodRule(t, shape.product, { optional: true })]}>
            <AutoComplete
              allowClear
              placeholder={t('kb.editor.productPlaceholder')}
              aria-label={t('kb.fields.product')}
              data-testid="kb-field-product"
              options={facets.products.map((p) => ({ value: p.value }))}
              showSearch={{ filterOption: (input, option) => optionMatches(input, option?.value ?? '') }}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="category" label={t('kb.fields.category')} required rules={[zodRule(t, shape.category)]}>
            <AutoComplete
              placeholder={t('kb.editor.categoryPlaceholder')}
              aria-label={t('kb.fields.category')}
              data-testid="kb-field-category"
              options={facets.categories.map((c) => ({ value: c.value }))}
              showSearch={{ filterOption: (input, option) => optionMatches(input, option?.value ?? '') }}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="tags" label={t('kb.fields.tags')} rules={[zodRule(t, shape.tags, { optional: true })]}>
            <Select
              {...searchable}
              mode="tags"
              tokenSeparators={[',', '，', '、']}
              open={false}
              suffixIcon={null}
              maxCount={KB_LIMITS.tags}
              placeholder={t('kb.editor.tagsPlaceholder')}
              aria-label={t('kb.fields.tags')}
              data-testid="kb-field-tags"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="body"
        label={
          <span>
            {t('kb.editor.body')}
            <span className="kb-label-help">{t('kb.editor.markdownHelp')}</span>
          </span>
        }
        required
        rules={[zodRule(t, shape.body)]}
      >
        <Input.TextArea
          autoFocus={autoFocus === 'body'}
          placeholder={t('kb.editor.bodyPlaceholder')}
          aria-label={t('kb.editor.body')}
          data-testid="kb-field-body"
          className="kb-body-input"
          autoSize={{ minRows: 14, maxRows: 30 }}
          count={textCount(KB_LIMITS.body)}
        />
      </Form.Item>
      {withNote && (
        <Form.Item name="note" label={t('kb.editor.note')} rules={[zodRule(t, ArticleUpdateSchema.shape.note, { optional: true })]}>
          <Input placeholder={t('kb.editor.notePlaceholder')} aria-label={t('kb.editor.note')} data-testid="kb-field-note" count={textCount(KB_LIMITS.note)} />
        </Form.Item>
      )}
    </>
  );
}
