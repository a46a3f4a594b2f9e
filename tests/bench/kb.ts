/**
 * `npm run bench` (knowledge-base part, BENCH_ONLY=kb): the KB search issue's
 * targets over BENCH_KB_ARTICLES (default 50k) generated articles.
 * Corpus generator (exported: the recall tests use it too) + runner.
 */

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Support vocabulary, most frequent first (drawn with a Zipf-like skew). */
export const KB_WORDS = [
  '无法', '用户', '系统', '问题', '检查', '设置', '网络', '密码', '客户', '连接', '重启', '提示', '错误', '登录', '打印',
  '账号', '服务器', '安装', '驱动', '更新', '电脑', '软件', '数据', '配置', '权限', '备份', '恢复', '邮件', '证书', '端口',
  '防火墙', '蓝屏', '显示器', '鼠标', '键盘', '声音', '耳机', '话机', '坐席', '工单', '知识库', '报修', '投诉', '退款', '发票',
  '宽带', '光猫', '路由器', '交换机', '无线', '信号', '掉线', '卡顿', '缓慢', '升级', '版本', '补丁', '病毒', '杀毒', '扫描',
  '共享', '文件夹', '磁盘', '空间', '内存', '处理器', '风扇', '电源', '电池', '充电', '屏幕', '分辨率', '投影仪', '会议', '摄像头',
  '麦克风', '录音', '通话', '转接', '排队', '外呼', '回访', '满意度', '财务', '报销', '审批', '流程', '合同', '订单', '库存',
  '物流', '快递', '签收', '地址', '电话', '短信', '验证码', '身份', '实名', '注销', '冻结', '解冻', '挂失', '补办', '开通',
  '关闭', '暂停', '恢复出厂', '格式化', '分区', '加密', '解密', '授权', '激活', '许可证', '到期', '续费', '套餐', '流量', '话费',
];
/** Common characters the synthetic vocabulary is drawn from (support-desk text, roughly by frequency). */
const CHARS = '系统网络设备服务数据管理用户客户信息安全连接电脑打印文件软件程序问题错误故障检查设置配置更新安装驱动升级版本账号密码登录权限证书端口地址线路信号电源屏幕显示键盘鼠标声音话机坐席工单知识报修投诉退款发票宽带光猫路由交换无线掉卡慢快开关启停存取读写传输下载上传备份恢复加密解密授权激活许可到期续费套餐流量话费邮件短信验证身份实名注销冻结挂失补办开通暂停格式分区磁盘空间内存处理风扇电池充屏幕分辨投影会议摄像麦克录音通话转接排队外呼回访满意财务报销审批流程合同订单库存物流快递签收电话';
/** A larger synthetic vocabulary (two- to four-character words), drawn with a Zipf skew like real text. */
const SYNTH: string[] = (() => {
  const r = rng(42);
  const out = new Set<string>();
  while (out.size < 4000) {
    const n = 2 + Math.floor(r() * r() * 3);
    let w = '';
    for (let k = 0; k < n; k++) w += CHARS[Math.floor(r() * CHARS.length)];
    out.add(w);
  }
  return [...out];
})();

export const KB_TERMS = ['VPN', 'Outlook', 'Windows', 'Excel', 'Wi-Fi', 'DNS', 'DHCP', 'Chrome', 'Printer', 'Driver', 'USB', 'HDMI', 'BIOS', 'Office', 'ERP', 'LaserJet', 'Teams', 'SSL', 'Android', 'iPhone'];
const FILLER = '的了在是和与及或将被把对从向为以而且但如果因为所以已经需要可以进行处理操作情况方法步骤完成成功失败正常异常请先再后时会能要也都还就这那个些其此该等';
const PRODUCTS = ['企业宽带', 'VPN 客户端', '企业邮箱', '财务系统', 'HP LaserJet M404', '光猫 HG8245', '呼叫中心平台', 'ERP'];
const CATEGORIES = ['故障处理', '使用咨询', '账号权限', '网络', '硬件', '软件'];

export function kbCode(i: number): string {
  const kind = i % 4;
  if (kind === 0) return `ERR_0x8007${(i * 7919).toString(16).padStart(4, '0').slice(-4).toUpperCase()}`;
  if (kind === 1) return `E-${1000 + ((i * 31) % 9000)}`;
  if (kind === 2) return `192.168.${i % 256}.${(i * 13) % 254 + 1}`;
  return `HTTP ${400 + (i % 104)}`;
}

export interface GeneratedArticle {
  id: string;
  title: string;
  body: string;
  product: string | null;
  category: string;
  tags: string[];
  status: 'draft' | 'published' | 'retired';
  authorId: string;
  updatedAt: string;
}

function zipf(r: () => number, n: number): number {
  // index skewed to the front: P(i) ~ 1/(i+1)
  const x = Math.exp(r() * Math.log(n + 1)) - 1;
  return Math.min(n - 1, Math.floor(x));
}

/** Article `i` of a deterministic corpus: Chinese Markdown with English terms and codes, ~1-2 KB. */
export function kbArticle(i: number, seed = 1): GeneratedArticle {
  const r = rng(seed * 1_000_003 + i);
  // a third of the words are everyday support terms, the rest a long tail
  const word = () => (r() < 0.33 ? (KB_WORDS[zipf(r, KB_WORDS.length)] as string) : (SYNTH[zipf(r, SYNTH.length)] as string));
  const filler = (n: number) => {
    let s = '';
    for (let k = 0; k < n; k++) s += FILLER[Math.floor(r() * FILLER.length)];
    return s;
  };
  const sentence = () => {
    let s = '';
    const parts = 3 + Math.floor(r() * 4);
    for (let k = 0; k < parts; k++) {
      s += word() + filler(1 + Math.floor(r() * 3));
      const x = r();
      if (x < 0.12) s += ` ${KB_TERMS[Math.floor(r() * KB_TERMS.length)] as string} `;
      else if (x < 0.16) s += ` ${kbCode(Math.floor(r() * 5000))} `;
    }
    return `${s}。`;
  };
  const title = `${word()}${word()}${filler(1)}${r() < 0.3 ? ` ${KB_TERMS[Math.floor(r() * KB_TERMS.length)] as string}` : ''}${word()}（${i}）`;
  const paras: string[] = [`## 问题描述`, ''];
  const target = 380 + Math.floor(r() * 320);
  let body = '';
  let sections = 0;
  while (body.length < target) {
    let p = '';
    for (let k = 0; k < 3; k++) p += sentence();
    if (r() < 0.2) p = `- **${word()}**：${p}`;
    paras.push(p, '');
    body += p;
    if (body.length > target / 2 && sections === 0) {
      paras.push('## 解决方案', '');
      sections = 1;
    }
  }
  paras.push(`错误码 \`${kbCode(i)}\`，参考 [说明](https://example.com/kb/${i})。`);
  const tags = [...new Set([word(), r() < 0.5 ? (KB_TERMS[Math.floor(r() * KB_TERMS.length)] as string) : word()])];
  const s = r();
  return {
    id: `kb-${String(i).padStart(6, '0')}`,
    title,
    body: paras.join('\n'),
    product: r() < 0.1 ? null : (PRODUCTS[Math.floor(r() * PRODUCTS.length)] as string),
    category: CATEGORIES[Math.floor(r() * CATEGORIES.length)] as string,
    tags,
    status: s < 0.9 ? 'published' : s < 0.96 ? 'draft' : 'retired',
    authorId: `author${i % 7}`,
    updatedAt: new Date(Date.UTC(2024, 0, 1) + i * 600_000).toISOString(),
  };
}

// ---------------------------------------------------------------- runner

const log = (m: string) => process.stderr.write(`${m}\n`);

function cjkRuns(text: string): string[] {
  return text.match(/[\u4e00-\u9fff]+/g) ?? [];
}

/** `n` Chinese characters taken from a random place of a random article: what users look for, weighted as the text is. */
function sampleChinese(r: () => number, articles: readonly GeneratedArticle[], n: number): string {
  for (;;) {
    const a = articles[Math.floor(r() * articles.length)] as GeneratedArticle;
    const runs = cjkRuns(`${a.title}\n${a.body}`).filter((x) => x.length >= n);
    if (runs.length === 0) continue;
    const run = runs[Math.floor(r() * runs.length)] as string;
    const at = Math.floor(r() * (run.length - n + 1));
    return run.slice(at, at + n);
  }
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function runKbBench(): Promise<void> {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { performance } = await import('node:perf_hooks');
  const { Store } = await import('../../electron/core/store/index.js');
  const { migrations } = await import('../../electron/core/migrations/index.js');
  const { KB_SEARCH_TUNING, KB_SQL_FUNCTIONS, kbMatchIds, rebuildKbIndex, searchArticles, suggestArticles } = await import('../../electron/core/kb/search.js');
  const { KbSearchQuerySchema, KbSuggestQuerySchema } = await import('../../shared/kb/schema.js');
  const { ms, percentiles } = await import('./stats.js');

  const N = Number(process.env.BENCH_KB_ARTICLES ?? 50_000);
  const PER_CLASS = Number(process.env.BENCH_KB_QUERIES ?? 40);
  const ROOT = path.resolve(import.meta.dirname, '../..');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-bench-kb-'));
  const viewer = { username: 'bench', role: 'agent' as const };
  const reviewer = { username: 'bench', role: 'admin' as const };

  log(`kb: generating ${N} articles`);
  const articles: GeneratedArticle[] = [];
  let bodyBytes = 0;
  for (let i = 0; i < N; i++) {
    const a = kbArticle(i);
    bodyBytes += Buffer.byteLength(a.body);
    articles.push(a);
  }
  const store = await Store.open({ dataDir: work, migrations, functions: KB_SQL_FUNCTIONS, idleCheckpointMs: 0, checkpointEvery: 1_000_000_000, log });
  log('kb: loading (plain INSERTs; the triggers index every row)');
  let t0 = performance.now();
  store.bulkWrite((w) => {
    for (const a of articles) {
      w.run(
        `INSERT INTO kb_articles (id, title, body, product, category, tags, status, author_id, created_at, updated_at, published_at, source_ticket_id, field_hlc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, '{}')`,
        [a.id, a.title, a.body, a.product, a.category, JSON.stringify(a.tags), a.status, a.authorId, a.updatedAt, a.updatedAt],
      );
    }
  });
  const loadSeconds = (performance.now() - t0) / 1000;
  log(`kb: loaded in ${loadSeconds.toFixed(1)} s (with the checkpoint); rebuilding the index`);
  t0 = performance.now();
  const rebuilt = store.write((w) => rebuildKbIndex(w));
  const rebuildSeconds = (performance.now() - t0) / 1000;
  store.checkpoint();
  const sizes = store.read((r) => ({
    segments: r.get<{ n: number }>('SELECT coalesce(sum(length(block)), 0) AS n FROM kb_search_segments')?.n ?? 0,
    headSegments: r.get<{ n: number }>('SELECT coalesce(sum(length(block)), 0) + (SELECT coalesce(sum(length(root)), 0) FROM kb_search_head_segdir) AS n FROM kb_search_head_segments')?.n ?? 0,
    segdir: r.get<{ n: number }>('SELECT coalesce(sum(length(root)), 0) + count(*) * 40 AS n FROM kb_search_segdir')?.n ?? 0,
    docsize: r.get<{ n: number }>('SELECT coalesce(sum(length(size)), 0) + count(*) * 8 AS n FROM kb_search_docsize')?.n ?? 0,
    docs: r.get<{ n: number }>('SELECT count(*) * 60 AS n FROM kb_search_docs')?.n ?? 0,
    articles: r.get<{ n: number }>('SELECT sum(length(CAST(title AS BLOB)) + length(CAST(body AS BLOB)) + length(CAST(tags AS BLOB))) AS n FROM kb_articles')?.n ?? 0,
  }));
  const snapshotBytes = fs.statSync(path.join(work, 'store.db')).size;

  // The first search builds the in-memory per-article table (kb_search_docs); every later one reuses it until a write.
  t0 = performance.now();
  store.read((x) => searchArticles(x, KbSearchQuerySchema.parse({ q: '网络' }), viewer));
  const firstSearchMs = performance.now() - t0;
  const r = rng(7);
  const classes: { name: string; queries: string[] }[] = [
    { name: 'Chinese, 2 chars', queries: Array.from({ length: PER_CLASS }, () => sampleChinese(r, articles, 2)) },
    { name: 'Chinese, 3 chars', queries: Array.from({ length: PER_CLASS }, () => sampleChinese(r, articles, 3)) },
    { name: 'Chinese, 4 chars', queries: Array.from({ length: PER_CLASS }, () => sampleChinese(r, articles, 4)) },
    { name: 'English words', queries: Array.from({ length: PER_CLASS }, (_, i) => { const t = KB_TERMS[i % KB_TERMS.length] as string; return i % 2 ? t.toLowerCase() : t; }) },
    { name: 'codes', queries: Array.from({ length: PER_CLASS }, () => kbCode(Math.floor(r() * 5000))) },
  ];

  interface ClassResult { name: string; queries: number; search: ReturnType<typeof percentiles>; searchCpu: ReturnType<typeof percentiles>; fts: ReturnType<typeof percentiles>; like: ReturnType<typeof percentiles>; matches: ReturnType<typeof percentiles>; recall: number; missed: string[]; estimated: number; rankedTotalOk: number }
  /** The FTS4 evaluation path (KB_SEARCH_TUNING.postings false), run interleaved with the default one: before/after on the same machine state. */
  const ftsPath = <T>(fn: () => T): T => {
    KB_SEARCH_TUNING.postings = false;
    try {
      return fn();
    } finally {
      KB_SEARCH_TUNING.postings = true;
    }
  };
  const results: ClassResult[] = [];
  /** wall-clock and this process's CPU time of every ranked query, by how many articles it matched */
  const bands = new Map<string, { wall: number[]; cpu: number[] }>();
  const bandOf = (total: number) => (total < 1_000 ? 'matches < 1k' : total < 5_000 ? 'matches 1k-5k' : total < 15_000 ? 'matches 5k-15k' : 'matches >= 15k');
  for (const c of classes) {
    const searchMs: number[] = [];
    const searchCpu: number[] = [];
    const ftsMs: number[] = [];
    const likeMs: number[] = [];
    let rankedTotalOk = 0;
    const matchCounts: number[] = [];
    let expected = 0;
    let found = 0;
    const missed: string[] = [];
    let estimated = 0;
    for (const q of c.queries) {
      const parsed = KbSearchQuerySchema.parse({ q });
      store.read((x) => searchArticles(x, parsed, viewer)); // warm the statement cache
      ftsPath(() => store.read((x) => searchArticles(x, parsed, viewer)));
      for (let k = 0; k < 3; k++) {
        const f0 = performance.now();
        ftsPath(() => store.read((x) => searchArticles(x, parsed, viewer)));
        ftsMs.push(performance.now() - f0);
        const s0 = performance.now();
        const c0 = process.cpuUsage();
        const res = store.read((x) => searchArticles(x, parsed, viewer));
        const cpu = process.cpuUsage(c0);
        const wall = performance.now() - s0;
        searchMs.push(wall);
        searchCpu.push((cpu.user + cpu.system) / 1000);
        if (k === 0) matchCounts.push(res.total);
        if (k === 0 && res.totalExact === false) estimated++;
        const band = bands.get(bandOf(res.total)) ?? { wall: [], cpu: [] };
        band.wall.push(wall);
        band.cpu.push((cpu.user + cpu.system) / 1000);
        bands.set(bandOf(res.total), band);
      }
      // ground truth: a LIKE scan (substring; Latin words and codes whole-word, as the search promises)
      const pattern = `%${likeEscape(q)}%`;
      const l0 = performance.now();
      const rows = store.read((x) =>
        x.all<{ id: string; title: string; body: string; tags: string }>("SELECT id, title, body, tags FROM kb_articles WHERE title LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\' OR tags LIKE ? ESCAPE '\\'", [pattern, pattern, pattern]),
      );
      likeMs.push(performance.now() - l0);
      const latin = /[A-Za-z0-9]/.test(q);
      const word = new RegExp(`(?<![A-Za-z0-9])${q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`, 'i');
      const truth = rows.filter((a) => !latin || word.test(a.title) || word.test(a.body) || word.test(a.tags)).map((a) => a.id);
      // the quoted phrase's matches (issue 17: quoted text is the exact path; unquoted text is ranked by relevance)
      const got = new Set(store.read((x) => kbMatchIds(x, `"${q}"`)));
      expected += truth.length;
      // the ranked search itself, every status, as a reviewer: its exact total is the match set recall was checked on
      // (a superset of LIKE's: words of a multi-word code are ANDed, the last one a prefix)
      // quoted: the exact-phrase path (issue 17 ranks unquoted words by relevance, a superset: any word matches)
      const all = store.read((x) => searchArticles(x, KbSearchQuerySchema.parse({ q: `"${q}"`, status: 'all', limit: 1 }), reviewer));
      if (all.totalExact !== false && all.total === got.size) rankedTotalOk++;
      for (const id of truth) {
        if (got.has(id)) found++;
        else if (missed.length < 5) missed.push(`${q}: ${id}`);
      }
    }
    results.push({ name: c.name, queries: c.queries.length, search: percentiles(searchMs), searchCpu: percentiles(searchCpu), fts: percentiles(ftsMs), like: percentiles(likeMs), matches: percentiles(matchCounts), recall: expected === 0 ? 1 : found / expected, missed, estimated, rankedTotalOk });
    log(`kb: ${c.name} done`);
  }

  // suggestions from ticket descriptions: a paragraph of an article with chatter around it, and a long one
  const sugR = rng(11);
  const suggestMs: number[] = [];
  const longMs: number[] = [];
  const coldMs: number[] = [];
  for (let i = 0; i < PER_CLASS; i++) {
    const a = articles[Math.floor(sugR() * articles.length)] as GeneratedArticle;
    const piece = a.body.slice(20, 220);
    const text = `您好，客户来电反映：${piece}。已经重启过，麻烦尽快处理，谢谢。`;
    const long = `${text}\n${articles.slice(i * 7, i * 7 + 6).map((x) => x.body).join('\n')}`.slice(0, 20_000);
    const p = KbSuggestQuerySchema.parse({ text });
    const pl = KbSuggestQuerySchema.parse({ text: long });
    let s0 = performance.now();
    store.read((x) => suggestArticles(x, p, viewer)); // first call: no cached term counts
    coldMs.push(performance.now() - s0);
    s0 = performance.now();
    store.read((x) => suggestArticles(x, p, viewer));
    suggestMs.push(performance.now() - s0);
    s0 = performance.now();
    store.read((x) => suggestArticles(x, pl, viewer));
    longMs.push(performance.now() - s0);
  }
  const suggest = percentiles(suggestMs);
  const suggestLong = percentiles(longMs);
  const suggestCold = percentiles(coldMs);
  const memory = process.memoryUsage();
  store.close();

  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
  const lines = [
    '',
    `Knowledge-base search, ${N} articles (avg body ${(bodyBytes / N).toFixed(0)} bytes), ${PER_CLASS} queries per class, 3 runs each`,
    `  load (plain INSERTs through the index triggers, one transaction + checkpoint): ${loadSeconds.toFixed(1)} s`,
    `  rebuildKbIndex (${rebuilt.articles} articles, incl. optimize): ${rebuildSeconds.toFixed(1)} s`,
    `  first search after load (builds the in-memory per-article table): ${ms(firstSearchMs)}`,
    `  index size: FTS segments ${mb(sizes.segments)} + title/tags table ${mb(sizes.headSegments)}, segdir ~${mb(sizes.segdir)}, docsize ~${mb(sizes.docsize)}, kb_search_docs ~${mb(sizes.docs)}; article text ${mb(sizes.articles)}; exported DB ${mb(snapshotBytes)}`,
    '',
    '  query class        | ranked p50 | ranked p95 | (CPU p50 / p95)       | FTS4 path p50/p95     | LIKE p50   | LIKE p95   | matches p50/p95 | est. | total ok   | recall vs LIKE',
    ...results.map(
      (x) =>
        `  ${x.name.padEnd(18)} | ${ms(x.search.p50).padStart(10)} | ${ms(x.search.p95).padStart(10)} | ${`${ms(x.searchCpu.p50)} / ${ms(x.searchCpu.p95)}`.padStart(21)} | ${`${ms(x.fts.p50)} / ${ms(x.fts.p95)}`.padStart(21)} | ${ms(x.like.p50).padStart(10)} | ${ms(x.like.p95).padStart(10)} | ${`${x.matches.p50}/${x.matches.p95}`.padStart(15)} | ${String(x.estimated).padStart(4)} | ${`${x.rankedTotalOk}/${x.queries}`.padStart(10)} | ${(x.recall * 100).toFixed(2)}%${x.missed.length ? ` missed e.g. ${x.missed.join(', ')}` : ''}`,
    ),
    '  (ranked: the default path, postings read in JS; FTS4 path: the same queries through FTS4 MATCH/matchinfo, interleaved; total ok: queries whose exact ranked total, all statuses, equals the size of the match set checked against LIKE)',
    '',
    '  by matches         | n    | ranked p50 | ranked p95 | CPU p50    | CPU p95',
    ...[...bands.entries()]
      .sort()
      .map(([name, b]) => {
        const w = percentiles(b.wall);
        const c = percentiles(b.cpu);
        return `  ${name.padEnd(18)} | ${String(w.n).padStart(4)} | ${ms(w.p50).padStart(10)} | ${ms(w.p95).padStart(10)} | ${ms(c.p50).padStart(10)} | ${ms(c.p95).padStart(10)}`;
      }),
    '',
    `  memory after the queries: RSS ${mb(memory.rss)}, JS heap ${mb(memory.heapUsed)}, array buffers (sql.js database) ${mb(memory.arrayBuffers)}`,
    `  suggestions (~250-char description): first call p50 ${ms(suggestCold.p50)}, p95 ${ms(suggestCold.p95)}; again p50 ${ms(suggest.p50)}, p95 ${ms(suggest.p95)}; long description (~6-20k chars): p50 ${ms(suggestLong.p50)}, p95 ${ms(suggestLong.p95)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
  fs.writeFileSync(
    path.join(ROOT, 'bench-results', 'kb.json'),
    `${JSON.stringify({ articles: N, memory, firstSearchMs, avgBodyBytes: bodyBytes / N, loadSeconds, rebuildSeconds, sizes: { ...sizes, snapshotBytes }, classes: results.map((x) => ({ ...x, queriesSample: classes.find((c) => c.name === x.name)?.queries.slice(0, 10) })), bands: Object.fromEntries([...bands].map(([k, b]) => [k, { wall: percentiles(b.wall), cpu: percentiles(b.cpu) }])), suggest, suggestCold, suggestLong, loadAverage: os.loadavg() }, null, 2)}\n`,
  );
  fs.rmSync(work, { recursive: true, force: true });
}
