// Run after patch-package (npm's postinstall): makes Next answer a server action whose body is
// over `serverActions.bodySizeLimit` with 413 and a sentence a person can read, instead of 500.
// Next stops reading at the limit and throws an error carrying statusCode 413, then answers 500
// (a TODO in its action handler says so); Next's client rejects the action call with a
// text/plain error body as its message. Issue 17; tests/e2e/request-limits.spec.ts ("server actions refuse…").
//
// `next start` runs the minified copies of the handler in dist/compiled/next-server, whose lines
// are hundreds of kilobytes long, too long for a patch file: this edits them in place, finding
// the spot by its shape (idempotent), and fails the install if Next changed it.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MARK = "the most Tandem accepts";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dir = path.join(root, "node_modules/next/dist/compiled/next-server");
const files = fs.readdirSync(dir).filter((f) => /^app-page.*\.runtime\.prod\.js$/.test(f));
if (files.length === 0) throw new Error(`next-action-413: no app-page runtimes in ${dir}`);

// The generic-error branch of the action handler's catch: `if(isFetchAction){res.statusCode=500,
// metadata.statusCode=500;let e=Promise.reject(err);try{await e}catch{}let …`.
const fetchBranch = /if\((\w)\)\{(\w)\.statusCode=500,(\w)\.statusCode=500;let (\w)=Promise\.reject\((\w)\);try\{await \4\}catch\{\}let/g;

for (const file of files) {
  const full = path.join(dir, file);
  const source = fs.readFileSync(full, "utf8");
  if (source.includes(MARK)) continue;
  const found = [...source.matchAll(fetchBranch)];
  if (found.length !== 1) throw new Error(`next-action-413: ${file}: expected one action-handler catch, found ${found.length}`);
  const [match] = found;
  const [, , res, metadata, , err] = match;
  const before = source.slice(0, match.index);
  // In the same function: `{type:"done",result:RenderResult.EMPTY}` and `serverActions:<name>`.
  const renderResult = [...before.slice(-1500).matchAll(/result:(\w+)\.EMPTY\}/g)].at(-1)?.[1];
  const serverActions = [...before.matchAll(/serverActions:(\w+)[,}]/g)].at(-1)?.[1];
  if (!renderResult || !serverActions || !before.slice(-1200).includes(`catch(${err})`))
    throw new Error(`next-action-413: ${file}: the catch is not shaped as expected`);
  const limit = `String((null==${serverActions}?void 0:${serverActions}.bodySizeLimit)??"1 MB").toUpperCase().replace(/([0-9])([A-Z])/,"$1 $2")`;
  const patch =
    `if(${err} instanceof Error&&413===${err}.statusCode){${res}.statusCode=413,${metadata}.statusCode=413,` +
    `${res}.setHeader("content-type","text/plain"),${res}.setHeader("connection","close");` +
    `return{type:"done",result:${renderResult}.fromStatic(\`This request is larger than \${${limit}}, ${MARK}. Shorten what you are sending and try again.\`,"text/plain")}}`;
  fs.writeFileSync(full, source.slice(0, match.index) + patch + source.slice(match.index));
}
