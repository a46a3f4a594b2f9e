import { openKbStore, insertArticle, search, suggest } from '/work/wt-kb/tests/unit/kb/searchHelpers.js';
import fs from 'node:fs';
const s = await openKbStore();
const lines = fs.readFileSync('/work/wt-kb/resources/kb/demo-articles.jsonl','utf8').trim().split('\n');
s.write((w) => lines.forEach((l, i) => { const a = JSON.parse(l); insertArticle(w, { id: 'd'+i, title: a.title, body: a.body, tags: a.tags, product: a.product, category: a.category }); }));
for (const q of process.argv.slice(2)) {
  const r = search(s, { q, limit: 3 });
  console.log(q, r.words, r.total, r.tookMs.toFixed(1), r.hits.map(h => `${h.title} ${h.score.toFixed(2)}`));
}
const sg = suggest(s, { text: '客户来电反映打印机显示脱机，已经重启过，麻烦尽快处理' });
console.log(sg.map(h => h.title));
const { KB_SEARCH_TUNING } = await import('/work/wt-kb/electron/core/kb/search.js');
KB_SEARCH_TUNING.trace = [];
for (let k = 0; k < 3; k++) { const t0 = performance.now(); search(s, { q: '宽带老是掉线', limit: 20 }); console.log('ms', performance.now() - t0, KB_SEARCH_TUNING.trace.splice(0)); }
