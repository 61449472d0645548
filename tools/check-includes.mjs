// Includes point one way (README, "Layout"): no circle between the folders of src/, and none
// between its units. A unit is a file's name without its ending (x.c with x.h); a folder's private
// header x_int.h is the private half of unit x. Prints each circle with the includes that make it
// and exits 1 when there is one.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'src');
const files = [];
(function walk(d) {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.[ch]$/.test(e.name)) files.push(relative(src, p));
  }
})(src);

const unitOf = (path) => path.replace(/\.[ch]$/, '').replace(/_int$/, '');
const folderOf = (path) => path.split('/')[0];
// graph: node → Map(next node → the first include that makes the edge)
function graph(key) {
  const g = new Map();
  for (const f of files) {
    const from = key(f);
    if (!g.has(from)) g.set(from, new Map());
    for (const m of readFileSync(join(src, f), 'utf8').matchAll(/^#include "([^"]+)"/gm)) {
      const to = key(m[1]);
      if (to !== from && !g.get(from).has(to)) g.get(from).set(to, `${f} → ${m[1]}`);
    }
  }
  return g;
}

// strongly connected components (Tarjan) with more than one node
function circles(g) {
  let n = 0;
  const index = new Map(), low = new Map(), stack = [], on = new Set(), out = [];
  function visit(v) {
    index.set(v, n); low.set(v, n); n++;
    stack.push(v); on.add(v);
    for (const w of (g.get(v) || new Map()).keys()) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v), low.get(w))); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const c = [];
      let w;
      do { w = stack.pop(); on.delete(w); c.push(w); } while (w !== v);
      if (c.length > 1) out.push(c.sort());
    }
  }
  for (const v of g.keys()) if (!index.has(v)) visit(v);
  return out;
}

let bad = 0;
for (const [what, key] of [['folders', folderOf], ['units', unitOf]]) {
  const g = graph(key);
  for (const c of circles(g)) {
    bad++;
    console.log(`include circle between ${what}: ${c.join(', ')}`);
    for (const a of c) for (const [b, why] of g.get(a) || []) if (c.includes(b)) console.log(`  ${why}`);
  }
}
console.log(bad ? `${bad} include circle(s) in src/` : `no include circle in src/ (${files.length} files)`);
process.exit(bad ? 1 : 0);
