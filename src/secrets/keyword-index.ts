/** Lines of a text that hold at least one keyword: 1-based line → where it starts and which words. */
export type LineWords = Map<number, { start: number; words: Set<string> }>;

/**
 * Finds many keywords at once, case-insensitively, in one pass over the text (Aho-Corasick with a
 * dense transition table over the keywords' characters). It also counts lines as it goes, so
 * the result says which lines hold which keywords without a second pass.
 */
export class KeywordIndex {
  private readonly classes = new Uint8Array(128);
  private readonly width: number;
  private readonly delta: Int32Array;
  /**
   * The scan's table: for the state whose row starts at offset `r`, `next[r + class]` is the
   * next state's row offset; `acceptAt[r]` is 1 where a keyword ends. Offsets instead of state
   * numbers spare a multiplication per character, and 16 bits keep the table in cache.
   */
  private readonly next: Uint16Array | Int32Array;
  private readonly acceptAt: Uint8Array;
  /** For each state, the keywords that end there (through suffix links too); null for none. */
  private readonly outputs: (string[] | null)[];
  /** 1 for states where a keyword ends: the one check made for every character. */
  private readonly accepts: Uint8Array;

  constructor(words: readonly string[]) {
    const chars = new Set<string>();
    for (const word of words) {
      if (!/^[\x20-\x7e]+$/.test(word)) throw new Error(`keyword "${word}" must be printable ASCII`);
      for (const ch of word.toLowerCase()) chars.add(ch);
    }
    let next = 1;
    for (const ch of [...chars].sort()) {
      const cls = next++;
      this.classes[ch.charCodeAt(0)] = cls;
      const upper = ch.toUpperCase();
      if (upper !== ch) this.classes[upper.charCodeAt(0)] = cls;
    }
    this.width = next;
    // The trie: goto[state][class] (or -1), built word by word.
    const goto: number[][] = [new Array(this.width).fill(-1)];
    const ends: string[][] = [[]];
    for (const word of words) {
      let state = 0;
      for (const ch of word.toLowerCase()) {
        const cls = this.classes[ch.charCodeAt(0)] as number;
        let target = goto[state]?.[cls] as number;
        if (target < 0) {
          target = goto.length;
          goto.push(new Array(this.width).fill(-1));
          ends.push([]);
          (goto[state] as number[])[cls] = target;
        }
        state = target;
      }
      ends[state]?.push(word);
    }
    // Breadth-first: suffix links, then a full transition table with no backtracking at scan time.
    const fail = new Int32Array(goto.length);
    this.delta = new Int32Array(goto.length * this.width);
    this.outputs = new Array(goto.length).fill(null);
    const queue: number[] = [];
    for (let cls = 0; cls < this.width; cls++) {
      const target = goto[0]?.[cls] as number;
      this.delta[cls] = Math.max(target, 0);
      if (target > 0) queue.push(target);
    }
    this.outputs[0] = null;
    this.accepts = new Uint8Array(goto.length);
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      const found = [...(ends[state] ?? []), ...(this.outputs[fail[state] as number] ?? [])];
      this.outputs[state] = found.length ? found : null;
      this.accepts[state] = found.length ? 1 : 0;
      for (let cls = 0; cls < this.width; cls++) {
        const target = goto[state]?.[cls] as number;
        if (target >= 0) {
          fail[target] = this.delta[(fail[state] as number) * this.width + cls] as number;
          this.delta[state * this.width + cls] = target;
          queue.push(target);
        } else {
          this.delta[state * this.width + cls] = this.delta[
            (fail[state] as number) * this.width + cls
          ] as number;
        }
      }
    }
    const states = goto.length;
    this.next =
      states * this.width < 65536
        ? new Uint16Array(states * this.width)
        : new Int32Array(states * this.width);
    this.acceptAt = new Uint8Array(states * this.width);
    for (let i = 0; i < this.delta.length; i++) this.next[i] = (this.delta[i] as number) * this.width;
    for (let state = 0; state < states; state++)
      this.acceptAt[state * this.width] = this.accepts[state] as number;
  }

  /** The lines of `text` that hold keywords, with the words each holds. */
  scan(text: string): LineWords {
    const found: LineWords = new Map();
    const { classes, next, acceptAt, width } = this;
    const length = text.length;
    let state = 0;
    // Lines are counted only up to where a keyword is found, with the engine's fast indexOf.
    let line = 1;
    let lineStart = 0;
    let nextBreak = text.indexOf("\n");
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      // A newline (class 0, in no keyword) sends the automaton back to its root by itself.
      state = next[state + (c < 128 ? (classes[c] as number) : 0)] as number;
      if (acceptAt[state] === 0) continue;
      while (nextBreak >= 0 && nextBreak < i) {
        line++;
        lineStart = nextBreak + 1;
        nextBreak = text.indexOf("\n", lineStart);
      }
      let entry = found.get(line);
      if (!entry) {
        entry = { start: lineStart, words: new Set() };
        found.set(line, entry);
      }
      for (const w of this.outputs[state / width] as string[]) entry.words.add(w);
    }
    return found;
  }
}
