import { SecretPatternSet } from "../secrets/detect.js";
import { loadSecretPatterns } from "../secrets/load-patterns.js";
import {
  diffguardDetector,
  f1,
  loadSecretsCorpus,
  precision,
  recall,
  type Score,
  scoreCorpus,
} from "./secrets-corpus.js";

/** Prints precision, recall and F1 per kind of secret on the labeled corpus. */
function main(): void {
  const patterns = loadSecretPatterns();
  const cases = loadSecretsCorpus(patterns);
  const positives = cases.filter((c) => c.secret).length;
  console.log(
    `Labeled corpus: ${cases.length} cases, ${positives} with a secret, ${cases.length - positives} traps\n`,
  );
  const result = scoreCorpus(cases, diffguardDetector(new SecretPatternSet(patterns)));
  const row = (kind: string, s: Score) =>
    `${kind.padEnd(18)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}   ${precision(s).toFixed(3)}   ${recall(s).toFixed(3)}  ${f1(s).toFixed(3)}`;
  console.log(`${"kind".padEnd(18)}   TP   FP   FN   precision recall  F1`);
  for (const [kind, s] of [...result.perKind].sort(([a], [b]) => a.localeCompare(b)))
    console.log(row(kind, s));
  console.log(row("all", result.total));
  for (const m of result.misses)
    console.log(`  missed: ${m.path}: ${m.content.slice(0, 60).replace(/\n/g, "\\n")}…`);
  for (const f of result.falseAlarms)
    console.log(
      `  false alarm (${f.kinds.join(", ")}): ${f.case.path}: ${f.case.content.slice(0, 70).trim()}`,
    );
}

main();
