import { LineIndex } from "../diff/line-index.js";
import type { Hunk } from "../diff/parse-diff.js";
import type { Finding } from "../findings/finding.js";
import { byImportance, commentBody } from "../report/markdown.js";

/** An inline comment as the pull request review API takes it (RIGHT side, `line`/`start_line`). */
export interface PlannedComment {
  path: string;
  line: number;
  start_line?: number;
  side: "RIGHT";
  start_side?: "RIGHT";
  body: string;
  fingerprint: string;
}

export interface ReviewPlan {
  comments: PlannedComment[];
  /** Reported findings that get no inline comment: over the cap, or not anchored in the diff. */
  notCommented: Finding[];
  /** Findings whose comment was posted by an earlier review of the pull request. */
  alreadyCommented: number;
}

/** The comment for a finding, or null when its lines are not all in one hunk of the diff. */
export function anchorComment(finding: Finding, index: LineIndex): PlannedComment | null {
  const { start, end } = finding.range;
  // A range ending at column 1 of a line does not really reach that line.
  const endLine = end.line > start.line && end.column === 1 ? end.line - 1 : end.line;
  if (!index.inOneHunk(start.line, endLine)) return null;
  const comment: PlannedComment = {
    path: finding.path,
    line: endLine,
    side: "RIGHT",
    body: commentBody(finding),
    fingerprint: finding.fingerprint,
  };
  if (start.line < endLine) {
    comment.start_line = start.line;
    comment.start_side = "RIGHT";
  }
  return comment;
}

/**
 * Decides which findings become inline comments: those anchored in the diff, not commented on
 * before, most important first, at most `maxComments`. Everything else is listed in the check run.
 */
export function planReview(
  findings: readonly Finding[],
  hunksByPath: ReadonlyMap<string, readonly Hunk[]>,
  posted: ReadonlySet<string>,
  maxComments: number,
): ReviewPlan {
  const plan: ReviewPlan = { comments: [], notCommented: [], alreadyCommented: 0 };
  const indexes = new Map<string, LineIndex>();
  for (const finding of [...findings].sort(byImportance)) {
    if (posted.has(finding.fingerprint)) {
      plan.alreadyCommented++;
      continue;
    }
    let index = indexes.get(finding.path);
    if (!index) {
      index = new LineIndex(hunksByPath.get(finding.path) ?? []);
      indexes.set(finding.path, index);
    }
    const comment = plan.comments.length < maxComments ? anchorComment(finding, index) : null;
    if (comment) plan.comments.push(comment);
    else plan.notCommented.push(finding);
  }
  return plan;
}
