import type { Band } from '../../../shared/reports/bands.js';
import type { DrillFigure, Wallboard, WallboardScope } from '../../../shared/reports/schema.js';
import type { Category } from '../../../shared/tickets/schema.js';

type FigureName = keyof Wallboard['calls'] | keyof Wallboard['tickets'] | keyof Wallboard['now'];
type RowState = Wallboard['agents'][number]['state'];
/** Lists whose rows carry a number (a wait, an overdue time, a score): its column title. */
type ValueFigure = Exclude<DrillFigure, 'created' | 'resolved' | 'fcr' | 'slaMet' | 'complaintsOpen'>;

/**
 * The supervisor's screens (issue 15), merged into the zh-CN catalogue under
 * `supervisor`; every key must exist in supervisor.en.ts (the Catalogue type
 * enforces it).
 */
export const supervisorZhCN = {
  nav: { wallboard: '班长席大屏' },
  keys: { navWallboard: 'Ctrl+8' },
  title: '班长席大屏',
  scope: { center: '全中心', team: '班组 {{team}}', agent: '我的今日数据', secondLine: '二线队列' } satisfies Record<WallboardScope, string>,
  teamLabel: '查看班组',
  allTeams: '全中心',
  day: '{{date}}（中心时间 UTC{{offset}}）',
  asOf: '数据截至 {{time}}',
  offline: '离线',
  refreshFailed: '刷新失败',
  live: '实时',
  loadFailed: '大屏数据加载失败：{{error}}',
  groups: { calls: '今日话务', tickets: '今日工单', now: '当前待办' },
  figure: {
    offered: '呼入',
    answered: '接听',
    abandoned: '放弃',
    shortAbandoned: '短时放弃',
    serviceLevel: '服务水平',
    abandonRate: '放弃率',
    asaSeconds: '平均应答',
    ahtSeconds: '平均处理时长',
    occupancy: '占用率',
    created: '新建工单',
    resolved: '已解决',
    fcr: '首次解决率',
    csat: '满意度',
    csatMean: '平均评分',
    slaMet: 'SLA 达成',
    ticketsPastSla: '超时工单',
    contactsOwed: '待告知进展',
    callbacksOverdue: '逾期回电',
    complaintsOpen: '未结投诉',
    escalationsWaiting: '待二线处理',
  } satisfies Record<FigureName, string>,
  band: { green: '达标', amber: '注意', red: '告警', none: '无阈值' } satisfies Record<Band, string>,
  noData: '暂无数据',
  unit: { seconds: '{{n}} 秒', percent: '{{n}}%', score: '{{n}} 分' },
  openList: '{{figure}}：{{value}}，{{band}}。按回车查看明细',
  turnedRed: '{{figure}}变为告警：{{value}}',
  agents: { title: '坐席状态', name: '坐席', state: '状态', time: '持续时长', answered: '今日接听', aht: '今日 AHT', call: '当前通话', empty: '今日还没有坐席上线', wrapOverdue: '话后超时未结' },
  state: { offline: '离线', ready: '就绪', on_call: '通话中', after_call: '话后处理', not_ready: '示忙', ringing: '振铃中' } satisfies Record<RowState, string>,
  trends: {
    byHour: '今日每小时话务与服务水平',
    byCategory: '今日工单分类',
    showNumbers: '显示数字',
    hour: '时段',
    hourLabel: '{{hour}}时',
    category: '分类',
    created: '新建',
    resolved: '已解决',
    empty: '今日暂无数据',
  },
  category: { consult: '咨询', complaint: '投诉', fault: '报修/故障', change: '业务变更', suggestion: '建议', activation: '新装开通' } satisfies Record<Category, string>,
  drill: {
    title: '{{figure}} · 明细',
    when: '时间',
    what: '内容',
    who: '坐席',
    ticket: '工单',
    status: '状态',
    openTicket: '打开工单 {{no}}',
    empty: '没有记录',
    truncated: '仅显示前 500 条',
    value: {
      offered: '等待',
      answered: '等待',
      abandoned: '振铃时长',
      shortAbandoned: '振铃时长',
      serviceLevel: '等待',
      asaSeconds: '等待',
      ahtSeconds: '处理时长',
      csat: '评分',
      ticketsPastSla: '已超时',
      contactsOwed: '已超时',
      callbacksOverdue: '已逾期',
      escalationsWaiting: '已等待',
    } satisfies Record<ValueFigure, string>,
    outcome: { answered: '已接听', abandoned: '放弃', short_abandon: '短时放弃', ringing: '振铃中' },
  },
};
