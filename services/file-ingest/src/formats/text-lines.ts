import { StringDecoder } from 'node:string_decoder';
import { UnreadableFileError } from './record-reader';

/**
 * Decodes UTF-8 text, drops a byte-order mark, and refuses any line longer than `maxLineChars`
 * as soon as it gets that long, so a file without line breaks cannot fill memory.
 */
export async function* textOf(
  bytes: AsyncIterable<Buffer>,
  maxLineChars: number,
): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let first = true;
  let lineLength = 0;
  let line = 1;
  const check = (text: string) => {
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      const segment = (end === -1 ? text.length : end) - start;
      if (lineLength + segment > maxLineChars)
        throw new UnreadableFileError(`line ${line} is longer than ${maxLineChars} characters`);
      if (end === -1) {
        lineLength += segment;
        return;
      }
      lineLength = 0;
      line++;
      start = end + 1;
    }
  };
  for await (const chunk of bytes) {
    let text = decoder.write(chunk);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text.length === 0) continue;
    check(text);
    yield text;
  }
  const tail = decoder.end();
  if (tail) {
    check(tail);
    yield tail;
  }
}
