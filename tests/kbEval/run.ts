/**
 * `npm run eval:kb`: the knowledge base's relevance over the demo KB
 * (tests/kbEval/queries.ts): recall@3 and MRR (first wanted article within
 * the top 10) per query class, and every query that missed the top 3.
 */
import { evaluateKb } from './evaluate.js';

const r = await evaluateKb();
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const out: string[] = ['', 'KB relevance over the demo KB (issue 17)', '', '  class       | queries | recall@3 | MRR@10'];
for (const c of r.classes) out.push(`  ${c.cls.padEnd(11)} | ${String(c.n).padStart(7)} | ${pct(c.recall3).padStart(8)} | ${c.mrr.toFixed(3)}`);
const misses = r.perQuery.filter((x) => x.rank === null || x.rank > 3);
if (misses.length > 0) {
  out.push('', '  missed the top 3:');
  for (const m of misses) out.push(`  - [${m.q.cls}] ${m.q.q}  (rank ${m.rank ?? '-'}; want ${m.q.want.join(' | ')}; got ${m.top.join(' | ')})`);
}
if (r.badWants.length > 0) out.push('', '  bad expectations:', ...r.badWants.map((b) => `  - ${b}`));
process.stdout.write(`${out.join('\n')}\n`);
