/**
 * Bigin's search criteria: `((Last_Name:equals:Boyle)and(First_Name:starts_with:P))`, where
 * `(`, `)` and `,` inside a value are escaped with a backslash. Conditions joined by `and` / `or`
 * are read left to right; grouping parentheses are accepted but not needed for the sandbox's data.
 */
export type Predicate = (record: Record<string, unknown>) => boolean;

const OPERATORS: Record<string, (actual: string, expected: string) => boolean> = {
  equals: (a, e) => a.toLowerCase() === e.toLowerCase(),
  not_equal: (a, e) => a.toLowerCase() !== e.toLowerCase(),
  starts_with: (a, e) => a.toLowerCase().startsWith(e.toLowerCase()),
  contains: (a, e) => a.toLowerCase().includes(e.toLowerCase()),
};

/** A predicate for the criteria, or undefined when they do not parse. */
export function parseCriteria(criteria: string): Predicate | undefined {
  const tokens = tokenize(criteria);
  if (!tokens || tokens.length === 0 || tokens.length % 2 === 0) return undefined;
  let result: Predicate | undefined;
  let joiner: 'and' | 'or' = 'and';
  for (const [i, token] of tokens.entries()) {
    if (i % 2 === 1) {
      if (token !== 'and' && token !== 'or') return undefined;
      joiner = token;
      continue;
    }
    const condition = parseCondition(token);
    if (!condition) return undefined;
    const previous = result;
    result = !previous
      ? condition
      : joiner === 'and'
        ? (r) => previous(r) && condition(r)
        : (r) => previous(r) || condition(r);
  }
  return result;
}

/** Leaf conditions and the words between them, with grouping parentheses dropped. */
function tokenize(criteria: string): string[] | undefined {
  const tokens: string[] = [];
  let i = 0;
  while (i < criteria.length) {
    const c = criteria[i]!;
    if (c === '(' || c === ')' || c === ' ') {
      // A leaf starts at a "(" whose content has a ":" before the next unescaped ")".
      const leaf = c === '(' ? readLeaf(criteria, i + 1) : undefined;
      if (leaf) {
        tokens.push(leaf.text);
        i = leaf.end + 1;
      } else i += 1;
      continue;
    }
    const word = /^(and|or)/i.exec(criteria.slice(i));
    if (!word) return undefined;
    tokens.push(word[1]!.toLowerCase());
    i += word[1]!.length;
  }
  return tokens;
}

function readLeaf(s: string, from: number): { text: string; end: number } | undefined {
  let text = '';
  for (let i = from; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      text += c + s[i + 1];
      i += 1;
    } else if (c === '(') return undefined;
    else if (c === ')') return text.includes(':') ? { text, end: i } : undefined;
    else text += c;
  }
  return undefined;
}

function parseCondition(text: string): Predicate | undefined {
  const parts = text.split(/(?<!\\):/);
  if (parts.length !== 3) return undefined;
  const [field, operator, raw] = parts as [string, string, string];
  const test = OPERATORS[operator.toLowerCase()];
  if (!test || !field) return undefined;
  const expected = raw.replace(/\\([(),\\:])/g, '$1');
  return (record) => {
    const value = record[field];
    const actual =
      typeof value === 'object' && value !== null && 'name' in value
        ? String((value as { name: unknown }).name)
        : value === undefined || value === null
          ? ''
          : String(value);
    return test(actual, expected);
  };
}
