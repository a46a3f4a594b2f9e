import type { TicketInput } from '../../shared/tickets/schema.js';

const PROBLEMS = [
  ['VPN 无法连接', '客户反映 VPN 客户端连接失败，提示错误码 ERR_0x80070005，已重启路由器仍无法连接。'],
  ['打印机脱机', '办公室 HP LaserJet 打印机显示脱机，驱动更新后无法打印，其他电脑正常。'],
  ['邮箱密码重置', '用户忘记企业邮箱密码，Outlook 反复提示输入凭据，需要重置密码并验证身份。'],
  ['宽带频繁掉线', '家庭宽带每天晚上八点后频繁掉线，光猫 LOS 灯闪红，已更换网线无改善。'],
  ['账单金额异议', '客户对本月账单中的流量费用有异议，认为套餐内流量未用完却被额外扣费。'],
  ['新装开通咨询', '客户咨询企业专线新装开通流程、所需材料和预计开通时间。'],
  ['权限变更申请', '部门调整后需要为三名员工开通财务系统只读权限，并注销一名离职员工账号。'],
  ['系统登录缓慢', 'ERP 系统登录需要一分钟以上，IE 与 Chrome 均如此，影响全科室办公。'],
];
const PRODUCTS = ['企业宽带', 'VPN 客户端', '企业邮箱', '财务系统', 'HP LaserJet M404', '光猫 HG8245'];
const CATEGORIES = ['consult', 'complaint', 'fault', 'change', 'suggestion', 'activation'] as const;
const SEVERITIES = ['urgent', 'high', 'normal', 'normal', 'normal', 'low'] as const;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';

/** A deterministic, realistic ticket: Chinese text with English product terms and codes. */
export function benchTicket(i: number): TicketInput {
  const [subject, description] = PROBLEMS[i % PROBLEMS.length] as [string, string];
  return {
    subject: `${subject}（${i}）`,
    description: `${description} 工单序号 ${i}。`,
    category: CATEGORIES[i % CATEGORIES.length] as TicketInput['category'],
    severity: SEVERITIES[i % SEVERITIES.length] as TicketInput['severity'],
    channel: 'phone',
    product: PRODUCTS[i % PRODUCTS.length] as string,
    customer: {
      name: `${SURNAMES[i % SURNAMES.length]}先生${i % 997}`,
      // ~20k distinct callers: repeat callers are matched to their customer record
      phone: `139${String(10_000_000 + (i % 20_000)).slice(0, 8)}`,
    },
  };
}
