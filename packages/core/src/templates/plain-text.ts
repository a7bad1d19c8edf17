/**
 * The plain-text part of an email, written from its rendered HTML the way a mail client without HTML should show
 * it: paragraphs and headings apart by a blank line, line breaks kept, list items marked and indented, a table's
 * row on a line, a link's address after its words, images by their alt text, quotations marked with `>`;
 * scripts, styles and comments left out; character references decoded; lines wrapped at 100 characters.
 *
 * A single pass with no backtracking and no recursion: a template's HTML is written by reps and may be anything
 * (unclosed tags and quotes, 10⁵ nested elements, stray `<`), and the work must grow only with its length.
 * Why this is not a library: docs/adr/0036-email-plain-text-without-a-dom.md.
 */
export function plainTextOf(html: string, width = 100): string {
  const out = new PlainTextWriter(width);
  let index = 0;
  while (index < html.length) {
    const open = html.indexOf('<', index);
    const textEnd = open === -1 ? html.length : open;
    if (textEnd > index) out.text(decodeCharacterReferences(html.slice(index, textEnd)));
    if (open === -1) break;
    index = readMarkup(html, open, out);
  }
  return out.finish();
}

const TAG_NAME = /[A-Za-z][^\s/>]*/y;
const ATTRIBUTE_NAME = /[^\s/>=]+/y;
const UNQUOTED_VALUE = /[^\s>]*/y;
const WHITESPACE = /[\s/]*/y;
const SPACES = /\s*/y;

/** Reads the markup that starts at `open` (a `<`), tells the writer, and returns where the text resumes. */
function readMarkup(html: string, open: number, out: PlainTextWriter): number {
  const next = html.charAt(open + 1);
  if (html.startsWith('<!--', open)) {
    const close = html.indexOf('-->', open + 4);
    return close === -1 ? html.length : close + 3;
  }
  if (next === '!' || next === '?') {
    const close = html.indexOf('>', open + 2);
    return close === -1 ? html.length : close + 1;
  }
  const closing = next === '/';
  TAG_NAME.lastIndex = open + (closing ? 2 : 1);
  const name = TAG_NAME.exec(html)?.[0].toLowerCase();
  if (name === undefined) {
    // Not a tag: a `<` in text, as browsers read it.
    out.text('<');
    return open + 1;
  }
  const tag = readAttributes(html, TAG_NAME.lastIndex);
  if (tag === undefined) return html.length;
  if (closing) {
    out.end(name);
    return tag.end;
  }
  out.start(name, tag.attributes);
  if (!RAW_TEXT.has(name)) return tag.end;
  // Script, style and the like: their content is not text; skipped to their end tag.
  const endTag = new RegExp(`</${name}[\\s/>]`, 'gi');
  endTag.lastIndex = tag.end;
  const found = endTag.exec(html);
  if (found === null) return html.length;
  out.end(name);
  return readAttributes(html, found.index + 2 + name.length)?.end ?? html.length;
}

/**
 * A tag's attributes from `from` (just after its name) to its `>`, and where the text after it starts; undefined
 * when the tag or a quoted value is never closed (the rest of the HTML is then inside the tag, as browsers read it).
 * End tags are read the same way: a quoted `>` in one does not end it.
 */
function readAttributes(
  html: string,
  from: number,
): { attributes: Map<string, string>; end: number } | undefined {
  const attributes = new Map<string, string>();
  let index = from;
  for (;;) {
    WHITESPACE.lastIndex = index;
    WHITESPACE.exec(html);
    index = WHITESPACE.lastIndex;
    if (index >= html.length) return undefined;
    if (html.charAt(index) === '>') return { attributes, end: index + 1 };
    ATTRIBUTE_NAME.lastIndex = index;
    const attribute = ATTRIBUTE_NAME.exec(html)?.[0].toLowerCase();
    // A failed sticky match resets lastIndex: a stray `=` is stepped over instead.
    index = attribute === undefined ? index + 1 : ATTRIBUTE_NAME.lastIndex;
    let value = '';
    const equals = skipSpaces(html, index);
    if (attribute !== undefined && html.charAt(equals) === '=') {
      const start = skipSpaces(html, equals + 1);
      const quote = html.charAt(start);
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, start + 1);
        if (close === -1) return undefined;
        value = html.slice(start + 1, close);
        index = close + 1;
      } else {
        UNQUOTED_VALUE.lastIndex = start;
        value = UNQUOTED_VALUE.exec(html)?.[0] ?? '';
        index = UNQUOTED_VALUE.lastIndex;
      }
    }
    if (attribute !== undefined && !attributes.has(attribute))
      attributes.set(attribute, decodeCharacterReferences(value));
  }
}

function skipSpaces(html: string, from: number): number {
  SPACES.lastIndex = from;
  SPACES.exec(html);
  return SPACES.lastIndex;
}

const RAW_TEXT = new Set(['script', 'style', 'title', 'template', 'textarea', 'noscript', 'xmp', 'iframe']);

/** Blank lines (2) or a line break (1) an element's start and end put around its content. */
const BLOCK_BREAKS: Record<string, number> = {
  p: 2,
  h1: 2,
  h2: 2,
  h3: 2,
  h4: 2,
  h5: 2,
  h6: 2,
  table: 2,
  blockquote: 2,
  pre: 2,
  dl: 2,
  div: 1,
  tr: 1,
  li: 1,
  dt: 1,
  dd: 1,
  section: 1,
  article: 1,
  header: 1,
  footer: 1,
  main: 1,
  nav: 1,
  aside: 1,
  address: 1,
  figure: 1,
  figcaption: 1,
  caption: 1,
  form: 1,
  fieldset: 1,
  center: 1,
  details: 1,
  summary: 1,
};
/** A line with no words: empty, or only a quotation's marks. */
const BLANK_LINE = /^[> ]*$/;
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const HORIZONTAL_RULE = '-'.repeat(40);

interface OpenList {
  ordered: boolean;
  next: number;
}

interface OpenLink {
  href: string;
  words: string;
}

/** Nesting deeper than this indents no further: a hostile template's 10⁵ nested lists stay linear in size. */
const MAX_INDENT_LEVELS = 8;

/** Collects text into lines; elements open and close blocks, lists, links, quotations and preformatted runs. */
class PlainTextWriter {
  private readonly lines: string[] = [];
  private line = '';
  /** What a wrapped continuation of the current line starts with (a list item's hanging indent). */
  private hangingIndent = '';
  private lineIsPreformatted = false;
  /** Whether words follow the line's marks (quotation, list item); read instead of the line, which stays a rope. */
  private lineHasWords = false;
  private breaksWanted = 0;
  private lastLineQuoteDepth = 0;
  private lineQuoteDepth = 0;
  /** What goes between the line so far and the next words: nothing, a space, or two between table cells. */
  private gap = '';
  private itemMarker: string | undefined;
  private readonly lists: OpenList[] = [];
  /** Links do not nest in HTML: a link opened inside another ends it first. */
  private link: OpenLink | undefined;
  private headingDepth = 0;
  private preformattedDepth = 0;
  private quoteDepth = 0;
  private cellsInRow = 0;

  constructor(private readonly width: number) {}

  text(raw: string): void {
    if (this.preformattedDepth > 0) {
      const [first = '', ...rest] = raw.split(/\r\n?|\n/);
      this.write(first, true);
      for (const part of rest) {
        this.commitLine();
        this.write(part, true);
      }
      return;
    }
    const collapsed = raw.replace(/[ \t\n\r\f]+/g, ' ');
    if (collapsed.startsWith(' ')) this.wantGap(' ');
    const words = collapsed.trim();
    if (words === '') return;
    this.write(this.headingDepth > 0 ? words.toUpperCase() : words, false);
    if (collapsed.endsWith(' ')) this.wantGap(' ');
  }

  start(name: string, attributes: Map<string, string>): void {
    this.block(name);
    switch (name) {
      case 'br':
        this.commitLine(true);
        return;
      case 'hr':
        this.wantBreaks(2);
        this.write(HORIZONTAL_RULE, true);
        this.wantBreaks(2);
        return;
      case 'img': {
        const alt = attributes.get('alt')?.trim();
        if (alt) this.write(alt, false);
        return;
      }
      case 'a':
        this.endLink();
        this.link = { href: attributes.get('href')?.trim() ?? '', words: '' };
        return;
      case 'ul':
      case 'ol':
        this.lists.push({
          ordered: name === 'ol',
          next: Number.parseInt(attributes.get('start') ?? '1', 10) || 1,
        });
        return;
      case 'li': {
        const list = this.lists.at(-1);
        const marker = list?.ordered ? `${list.next}. ` : '* ';
        if (list) list.next += 1;
        // A nested item's marker stands under its parent item's words.
        const depth = Math.min(MAX_INDENT_LEVELS, Math.max(0, this.lists.length - 1));
        this.itemMarker = `${' '.repeat(1 + 2 * depth)}${marker}`;
        return;
      }
      case 'tr':
        this.cellsInRow = 0;
        return;
      case 'td':
      case 'th':
        if (this.cellsInRow > 0) this.wantGap('  ');
        this.cellsInRow += 1;
        return;
      case 'pre':
        this.preformattedDepth += 1;
        return;
      case 'blockquote':
        this.quoteDepth += 1;
        return;
      default:
        if (HEADINGS.has(name)) this.headingDepth += 1;
    }
  }

  end(name: string): void {
    switch (name) {
      case 'a':
        this.endLink();
        break;
      case 'ul':
      case 'ol':
        this.lists.pop();
        break;
      case 'pre':
        this.preformattedDepth = Math.max(0, this.preformattedDepth - 1);
        break;
      case 'blockquote':
        // The quotation's last line keeps its mark: the break comes before the depth falls.
        this.block(name);
        this.commitLine();
        this.quoteDepth = Math.max(0, this.quoteDepth - 1);
        return;
      default:
        if (HEADINGS.has(name)) this.headingDepth = Math.max(0, this.headingDepth - 1);
    }
    this.block(name);
  }

  finish(): string {
    this.endLink();
    this.commitLine();
    while (this.lines.at(-1)?.trim() === '') this.lines.pop();
    return this.lines.join('\n');
  }

  private block(name: string): void {
    // A list stands apart from the text around it; a list within a list only starts on a line of its own.
    const breaks = name === 'ul' || name === 'ol' ? (this.lists.length > 0 ? 1 : 2) : BLOCK_BREAKS[name];
    if (breaks !== undefined) this.wantBreaks(breaks);
  }

  private wantBreaks(count: number): void {
    this.breaksWanted = Math.max(this.breaksWanted, count);
  }

  private wantGap(gap: string): void {
    if (gap.length > this.gap.length) this.gap = gap;
  }

  /** A link's address after its words, unless the words are the address or it points within the message. */
  private endLink(): void {
    const link = this.link;
    if (link === undefined) return;
    this.link = undefined;
    const { href } = link;
    if (href === '' || href.startsWith('#') || /^javascript:/i.test(href)) return;
    const address = href.replace(/^mailto:/i, '');
    const words = link.words.trim();
    if (words === href || words === address) return;
    if (words !== '') this.wantGap(' ');
    this.write(words === '' ? address : `[${address}]`, false);
  }

  private write(words: string, preformatted: boolean): void {
    if (this.breaksWanted > 0) {
      if (this.line !== '') this.commitLine();
      const last = this.lines.at(-1);
      if (this.breaksWanted > 1 && last !== undefined && !BLANK_LINE.test(last)) {
        // Between two quoted lines the blank line is quoted too, as deep as the shallower of them.
        this.lines.push(
          '> '.repeat(Math.min(this.lastLineQuoteDepth, this.quoteDepth, MAX_INDENT_LEVELS)).trimEnd(),
        );
      }
      this.breaksWanted = 0;
    }
    if (this.line === '') {
      const quoted = this.quotePrefix();
      this.lineQuoteDepth = this.quoteDepth;
      this.line = quoted;
      this.hangingIndent = quoted;
      this.lineIsPreformatted = preformatted;
      if (this.itemMarker !== undefined) {
        this.line += this.itemMarker;
        this.hangingIndent += ' '.repeat(this.itemMarker.length);
        this.itemMarker = undefined;
      }
    } else if (this.lineHasWords) {
      this.line += this.gap;
    }
    this.lineHasWords ||= words !== '';
    this.gap = '';
    this.line += words;
    if (this.link) this.link.words += words;
  }

  /** Ends the current line; for a `<br>`, an empty one too (unless a block has just begun). */
  private commitLine(lineBreak = false): void {
    const started = this.line !== '';
    this.lineHasWords = false;
    const line = started ? this.line.trimEnd() : this.quotePrefix().trimEnd();
    const preformatted = this.lineIsPreformatted;
    this.line = '';
    this.gap = '';
    this.lineIsPreformatted = false;
    if (!started && (!lineBreak || this.breaksWanted > 0 || this.lines.length === 0)) return;
    if (preformatted || line.length <= this.width) this.lines.push(line);
    else this.lines.push(...wrap(line, this.width, this.hangingIndent));
    this.lastLineQuoteDepth = started ? this.lineQuoteDepth : this.quoteDepth;
  }

  private quotePrefix(): string {
    return '> '.repeat(Math.min(MAX_INDENT_LEVELS, this.quoteDepth));
  }
}

/**
 * Breaks a line at spaces so that each part fits `width` where it can; a longer word (an address) stays whole.
 * Walks the line once: a paragraph of a megabyte is not copied once per line it makes.
 */
function wrap(line: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let start = 0;
  let prefix = '';
  while (prefix.length + line.length - start > width) {
    let cut = line.lastIndexOf(' ', start + width - prefix.length);
    if (cut <= start) cut = line.indexOf(' ', start + width - prefix.length);
    if (cut === -1) break;
    lines.push(prefix + line.slice(start, cut));
    start = cut + 1;
    while (line.charAt(start) === ' ') start += 1;
    prefix = indent;
  }
  lines.push(prefix + line.slice(start));
  return lines;
}

/**
 * Character references decoded: numeric ones all, named ones for Latin-1 and the punctuation and symbols of
 * everyday writing (the full table of 2,231 names would weigh more than this whole module does in a bundle);
 * any other name stays as written.
 */
export function decodeCharacterReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(CHARACTER_REFERENCE, (reference, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED_REFERENCES.get(name) ?? reference;
    const codePoint = Number.parseInt(decimal ?? hex ?? '', decimal === undefined ? 16 : 10);
    // As browsers do: nothing, a surrogate or beyond Unicode becomes the replacement character.
    if (codePoint === 0 || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff))
      return '\uFFFD';
    return String.fromCodePoint(codePoint);
  });
}

const CHARACTER_REFERENCE = /&(?:#0*(\d{1,7});?|#[xX]0*([0-9a-fA-F]{1,6});?|([A-Za-z][A-Za-z0-9]{1,31});)/g;

/** The names of U+00A0 to U+00FF, in order. */
const LATIN_1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute ' +
  'micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring ' +
  'AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml ' +
  'times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil ' +
  'egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ' +
  'ugrave uacute ucirc uuml yacute thorn yuml';

const OTHER_NAMES: [string, number][] = [
  ['quot', 0x22],
  ['amp', 0x26],
  ['apos', 0x27],
  ['lt', 0x3c],
  ['gt', 0x3e],
  ['OElig', 0x152],
  ['oelig', 0x153],
  ['Scaron', 0x160],
  ['scaron', 0x161],
  ['Yuml', 0x178],
  ['fnof', 0x192],
  ['circ', 0x2c6],
  ['tilde', 0x2dc],
  ['ensp', 0x2002],
  ['emsp', 0x2003],
  ['thinsp', 0x2009],
  ['zwnj', 0x200c],
  ['zwj', 0x200d],
  ['lrm', 0x200e],
  ['rlm', 0x200f],
  ['ndash', 0x2013],
  ['mdash', 0x2014],
  ['lsquo', 0x2018],
  ['rsquo', 0x2019],
  ['sbquo', 0x201a],
  ['ldquo', 0x201c],
  ['rdquo', 0x201d],
  ['bdquo', 0x201e],
  ['dagger', 0x2020],
  ['Dagger', 0x2021],
  ['bull', 0x2022],
  ['hellip', 0x2026],
  ['permil', 0x2030],
  ['prime', 0x2032],
  ['Prime', 0x2033],
  ['lsaquo', 0x2039],
  ['rsaquo', 0x203a],
  ['euro', 0x20ac],
  ['trade', 0x2122],
  ['larr', 0x2190],
  ['uarr', 0x2191],
  ['rarr', 0x2192],
  ['darr', 0x2193],
  ['harr', 0x2194],
  ['minus', 0x2212],
  ['le', 0x2264],
  ['ge', 0x2265],
  ['ne', 0x2260],
  ['check', 0x2713],
  ['star', 0x2606],
  ['starf', 0x2605],
];

const NAMED_REFERENCES = new Map<string, string>([
  ...LATIN_1.split(' ').map((name, offset): [string, string] => [name, String.fromCharCode(0xa0 + offset)]),
  ...OTHER_NAMES.map(([name, codePoint]): [string, string] => [name, String.fromCodePoint(codePoint)]),
]);
