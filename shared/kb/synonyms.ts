import { z } from 'zod';
import { inputText } from '../bidi.js';

/**
 * Synonyms of the knowledge base (issue 17): groups of words an agent and an
 * article may use for the same thing (连不上 = 无法连接). A query word that is
 * in a group matches every word of the group. Admins maintain the groups
 * (a synced entity, `kb_synonym`); until an admin first edits the list, the
 * defaults below apply, and that first edit saves them as the list's rows.
 *
 * Pure: no Node, DOM or database.
 */

export const SYNONYM_LIMITS = { word: 30, words: 12, groups: 500 } as const;

const WordSchema = inputText()
  .min(1)
  .max(SYNONYM_LIMITS.word)
  .refine((w) => !/[,，;；\n\r\t"“”=]/.test(w), { message: 'A synonym cannot contain commas, semicolons, quotes, = or line breaks', params: { code: 'invalid_synonym' } });

/** Words of one group: at least two different words (compared case-insensitively), at most SYNONYM_LIMITS.words. */
export const SynonymWordsSchema = z
  .array(WordSchema)
  .max(SYNONYM_LIMITS.words)
  .transform((words) => dedupeWords(words))
  .refine((words) => words.length >= 2, { message: 'A synonym group needs at least two different words', params: { code: 'too_few_words' } });

export function dedupeWords(words: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const w of words) {
    const t = w.trim();
    const key = normalizeWord(t);
    if (t === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(t);
  }
  return out;
}

/** The form a word is compared in: lower case, full-width ASCII folded, no spaces. */
export function normalizeWord(w: string): string {
  return w
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toLowerCase()
    .replace(/\s+/g, '');
}

export const SynonymGroupSchema = z.object({
  id: z.string(),
  words: z.array(z.string()),
  updatedBy: z.string(),
  updatedAt: z.string(),
  /** a default group not yet saved as a row (the list has never been edited) */
  isDefault: z.boolean(),
});
export type SynonymGroup = z.infer<typeof SynonymGroupSchema>;

export const SynonymCreateSchema = z.strictObject({ words: SynonymWordsSchema });
export const SynonymUpdateSchema = z.strictObject({ id: z.string().min(1).max(80), words: SynonymWordsSchema });
export const SynonymRemoveSchema = z.strictObject({ id: z.string().min(1).max(80) });

/**
 * The default list, for IT and telecom support desks: how callers and agents
 * say a problem (colloquial first) and how articles name it. Each line is a
 * group. Kept small and specific: a group joins words that mean the same
 * thing in a support ticket, never merely related ones.
 */
export const DEFAULT_SYNONYMS: readonly (readonly string[])[] = [
  ['连不上', '无法连接', '连接失败', '连接不上', '不能连接', '连不了'],
  ['打不开', '无法启动', '无法打开', '启动不了', '打开不了', '不能启动', '启动失败', '闪退'],
  ['掉线', '断线', '断网', '断开连接', '自动断开'],
  ['wifi', 'Wi-Fi', '无线', '无线网', 'WLAN'],
  ['改', '修改', '变更', '更改', '更换'],
  ['登不上', '无法登录', '登录失败', '登录不了', '不能登录', '登陆不上'],
  ['忘记密码', '忘了密码', '密码忘了', '重置密码', '找回密码'],
  ['上不了网', '无法上网', '不能上网', '没网', '断网'],
  ['网速慢', '网很慢', '网卡', '卡顿', '很卡'],
  ['脱机', '离线'],
  ['报错', '错误', '提示错误', '错误代码', '错误码'],
  ['收不到', '无法接收', '接收不到', '收不了'],
  ['发不出去', '发送失败', '无法发送', '发不了'],
  ['锁', '锁了', '锁定', '被锁', '冻结'],
  ['欠费', '停机', '没钱了'],
  ['交费', '缴费', '充值', '交钱'],
  ['退钱', '退款', '退费'],
  ['发票抬头', '抬头', '开票信息'],
  ['开发票', '开票', '开具发票'],
  ['扣钱', '扣费', '乱扣费'],
  ['移机', '搬家'],
  ['销户', '注销', '销号'],
  ['光猫', '光调制解调器', 'ONU'],
  ['路由器', '路由'],
  ['蓝屏', '死机'],
  ['邮箱满了', '邮箱已满', '空间已满', '容量不足'],
  ['输密码', '密码弹窗', '要求输入密码', '反复弹出密码框'],
  ['告知客户', '通知客户', '告知', '通知'],
  ['超时', '超过时限', '逾期', 'SLA'],
  ['四小时', '4小时', '4 小时'],
  ['没解决', '未解决', '未处理'],
  ['升级', '更新'],
  ['手机号', '手机号码', '号码'],
  ['网银', 'U盾'],
  ['宽带', '宽带业务'],
  ['VPN', '远程办公'],
  ['内网', '公司内网', '内网系统'],
  ['打印机', '打印'],
  ['不对', '不正确', '异常', '有误'],
  ['专票', '专用发票', '增值税专用发票'],
  ['黑道道', '黑道', '黑线', '竖线', '黑条'],
  ['退掉', '拆机', '退订'],
  ['开错', '填错', '开具错误'],
  ['装不上', '安装失败', '无法安装', '装不了'],
  ['红灯', '亮红灯', '红色'],
  ['闪', '闪烁'],
  ['苹果电脑', 'Mac', 'macOS', '苹果笔记本'],
  ['加', '添加', '增加'],
  ['卡住', '卡在', '不动', '卡死'],
  ['没到账', '未到账', '不到账'],
  ['充', '充值'],
];

/** A lookup from a normalised word to every word of its groups (itself excluded). */
export function synonymIndex(groups: readonly (readonly string[])[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const g of groups) {
    for (const w of g) {
      const key = normalizeWord(w);
      const list = out.get(key) ?? [];
      for (const other of g) if (normalizeWord(other) !== key && !list.some((x) => normalizeWord(x) === normalizeWord(other))) list.push(other);
      out.set(key, list);
    }
  }
  return out;
}
