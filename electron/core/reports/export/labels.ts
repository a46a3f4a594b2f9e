import type { Category, Channel, Severity } from '../../../../shared/tickets/schema.js';
import type { TicketStatus } from '../../../../shared/tickets/stateMachine.js';

/**
 * Titles and headers of the exported files, in the two languages of the
 * app. The export is made in the core (the CLI has no renderer), so its
 * words live here rather than in the renderer's catalogue; the screen passes
 * its language.
 */
export type ExportLocale = 'zh-CN' | 'en';

const zh = {
  titles: { summary: '话务与工单报表', agents: '坐席考核表', problems: '周技术疑难问题总结' },
  period: (from: string, to: string, team: string | null) => `统计期间 ${from} 至 ${to} · ${team ? `班组 ${team}` : '全中心'}`,
  previous: (from: string, to: string) => `对比期间 ${from} 至 ${to}`,
  sheets: { kpi: '关键指标', calls: '话务量', channels: '工单-渠道', categoriesCreated: '工单-类别-新建', categoriesResolved: '工单-类别-解决', severity: '工单-级别', products: '工单-产品', announcements: '公告', agents: '坐席考核表', notReady: '示忙原因', problems: '疑难问题', byProduct: '按产品汇总' },
  columns: { section: '部分', item: '项目', current: '本期', previous: '上期', delta: '变化', changePercent: '变化率' },
  kpi: { serviceLevel: '服务水平', abandonRate: '放弃率', asaSeconds: '平均应答速度(秒)', ahtSeconds: '平均处理时长(秒)', fcr: '首次解决率', csat: '满意度', csatMean: '平均满意分', slaMet: '按时解决率' },
  calls: { offered: '呼入-进线', answered: '呼入-接通', abandoned: '呼入-放弃', shortAbandoned: '呼入-短时放弃', placed: '呼出-外呼', connected: '呼出-接通', notConnected: '呼出-未接通' },
  tickets: { created: '工单新建', resolved: '工单解决' },
  announcements: '已发布公告',
  notRecorded: '未填写',
  channel: { phone: '电话', email: '邮件', chat: '在线', forum: '论坛', fax: '传真', walkin: '来访' } satisfies Record<Channel, string>,
  category: { consult: '咨询', complaint: '投诉', fault: '报修', change: '业务变更', suggestion: '建议', activation: '新装开通' } satisfies Record<Category, string>,
  severity: { urgent: '紧急', high: '高', normal: '一般', low: '低' } satisfies Record<Severity, string>,
  status: { new: '新建', in_progress: '处理中', escalated: '已升级', transferred: '已转派', dispatched: '已派单', waiting_customer: '待客户反馈', resolved: '已解决', confirmed: '已确认', closed: '已关闭', reopened: '重新打开' } as Record<TicketStatus, string>,
  agent: {
    agentId: '工号',
    name: '姓名',
    team: '班组',
    callsAnswered: '接听量',
    talkSeconds: '通话时长(秒)',
    ahtSeconds: '平均处理时长(秒)',
    ticketsHandled: '处理工单',
    ticketsResolved: '解决工单',
    fcr: '首次解决率',
    slaMet: '及时率',
    csat: '满意度',
    quality: '记录准确率',
    reviews: '质检数',
    notReadySeconds: '示忙合计(秒)',
    reason: '原因',
    seconds: '时长(秒)',
    noReason: '未注明',
  },
  problem: { product: '产品', no: '工单号', subject: '问题', severity: '级别', status: '状态', owner: '负责人', escalatedAt: '升级时间', escalatedTo: '升级至', ask: '求助内容', answer: '二线答复', resolution: '解决方案', resolvedAt: '解决时间', defect: '产品缺陷', count: '问题数', resolved: '已解决' },
};

type Labels = typeof zh;

const en: Labels = {
  titles: { summary: 'Calls and tickets report', agents: 'Agent KPI sheet', problems: 'Weekly hard-problem summary' },
  period: (from, to, team) => `Period ${from} to ${to} · ${team ? `team ${team}` : 'whole center'}`,
  previous: (from, to) => `Compared with ${from} to ${to}`,
  sheets: { kpi: 'KPIs', calls: 'Calls', channels: 'Tickets by channel', categoriesCreated: 'Created by category', categoriesResolved: 'Resolved by category', severity: 'Tickets by severity', products: 'Tickets by product', announcements: 'Announcements', agents: 'Agent KPI sheet', notReady: 'Not ready by reason', problems: 'Hard problems', byProduct: 'By product' },
  columns: { section: 'Section', item: 'Item', current: 'This period', previous: 'Previous', delta: 'Change', changePercent: 'Change %' },
  kpi: { serviceLevel: 'Service level', abandonRate: 'Abandon rate', asaSeconds: 'ASA (s)', ahtSeconds: 'AHT (s)', fcr: 'First-contact resolution', csat: 'Satisfaction', csatMean: 'Mean score', slaMet: 'SLA met' },
  calls: { offered: 'Inbound offered', answered: 'Inbound answered', abandoned: 'Inbound abandoned', shortAbandoned: 'Inbound short abandons', placed: 'Outbound placed', connected: 'Outbound connected', notConnected: 'Outbound not connected' },
  tickets: { created: 'Tickets created', resolved: 'Tickets resolved' },
  announcements: 'Announcements published',
  notRecorded: 'Not recorded',
  channel: { phone: 'Phone', email: 'Email', chat: 'Online chat', forum: 'Forum', fax: 'Fax', walkin: 'Walk-in' },
  category: { consult: 'Consultation', complaint: 'Complaint', fault: 'Fault report', change: 'Business change', suggestion: 'Suggestion', activation: 'New activation' },
  severity: { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' },
  status: { new: 'New', in_progress: 'In progress', escalated: 'Escalated', transferred: 'Transferred', dispatched: 'Dispatched', waiting_customer: 'Waiting on customer', resolved: 'Resolved', confirmed: 'Confirmed', closed: 'Closed', reopened: 'Reopened' },
  agent: {
    agentId: 'Agent ID',
    name: 'Name',
    team: 'Team',
    callsAnswered: 'Calls answered',
    talkSeconds: 'Talk time (s)',
    ahtSeconds: 'AHT (s)',
    ticketsHandled: 'Tickets handled',
    ticketsResolved: 'Tickets resolved',
    fcr: 'FCR',
    slaMet: 'Timeliness (SLA met)',
    csat: 'Satisfaction',
    quality: 'Record accuracy',
    reviews: 'Reviews',
    notReadySeconds: 'Not ready total (s)',
    reason: 'Reason',
    seconds: 'Seconds',
    noReason: 'No reason given',
  },
  problem: { product: 'Product', no: 'Ticket', subject: 'Problem', severity: 'Severity', status: 'Status', owner: 'Owner', escalatedAt: 'Escalated at', escalatedTo: 'Escalated to', ask: 'Asked', answer: 'Second-line answer', resolution: 'Resolution', resolvedAt: 'Resolved at', defect: 'Product defect', count: 'Problems', resolved: 'Resolved' },
};

export function exportLabels(locale: ExportLocale): Labels {
  return locale === 'en' ? en : zh;
}
