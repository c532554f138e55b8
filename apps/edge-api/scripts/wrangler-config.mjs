// Reads wrangler.jsonc (JSON with comments) without a dependency: comments are removed outside
// strings, so URLs like "http://..." in values survive.
import { readFileSync } from 'node:fs';

export function stripJsonComments(text) {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      out += ch;
      if (ch === '\\') out += text[++i] ?? '';
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (ch === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2);
      if (i < 0) throw new Error('unterminated /* comment');
      i++;
    } else {
      out += ch;
    }
  }
  return out;
}

export function readWranglerConfig(path) {
  return JSON.parse(stripJsonComments(readFileSync(path, 'utf8')));
}
