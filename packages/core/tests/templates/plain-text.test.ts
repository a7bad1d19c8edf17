import { decodeCharacterReferences, plainTextOf } from '../../src/templates/plain-text.js';

describe('plainTextOf: an email as a mail client without HTML shows it', () => {
  it('keeps paragraphs apart by a blank line, a <br> as a line break, and inline markup as plain words', () => {
    const html =
      '<p>Hi <strong>Aiko</strong>,</p>\n<p>Your  car is\n   <em>on its way</em>.</p><p>Kind regards,<br>The team</p>';

    expect(plainTextOf(html)).toBe('Hi Aiko,\n\nYour car is on its way.\n\nKind regards,\nThe team');
  });

  it("puts a link's address after its words, once: not when the words are the address or it stays in the message", () => {
    const html = [
      '<p><a href="https://portal.example/prefs">Manage how we contact you</a>.</p>',
      '<p><a href="https://portal.example/v/1">https://portal.example/v/1</a></p>',
      '<p><a href="mailto:help@example.com">help@example.com</a> or <a href="mailto:sales@example.com">sales</a></p>',
      '<p><a href="#top">Back to top</a> <a href="javascript:alert(1)">click</a> <a href="https://x.example/"></a></p>',
    ].join('');

    expect(plainTextOf(html).split('\n\n')).toEqual([
      'Manage how we contact you [https://portal.example/prefs].',
      'https://portal.example/v/1',
      'help@example.com or sales [sales@example.com]',
      'Back to top click https://x.example/',
    ]);
  });

  it('marks list items, numbers them from a list’s start, and indents a nested list under its item', () => {
    const html =
      '<p>Documents:</p><ul><li>Passport<ul><li>both pages</li></ul></li><li>Licence</li></ul>' +
      '<ol start="3"><li>Pay</li><li>Collect<ol><li>bring ID</li></ol></li></ol><p>Thanks</p>';

    expect(plainTextOf(html)).toBe(
      [
        'Documents:',
        '',
        ' * Passport',
        '   * both pages',
        ' * Licence',
        '',
        ' 3. Pay',
        ' 4. Collect',
        '   1. bring ID',
        '',
        'Thanks',
      ].join('\n'),
    );
  });

  it('writes headings in capitals, a table row on a line with its cells apart, and a rule as dashes', () => {
    const html =
      '<h2>Payment due</h2><table><tr><th>Amount</th><td>A$18,450.50</td></tr><tr><th>Due</th><td>1 Dec</td></tr></table><hr><p>Thank you</p>';

    expect(plainTextOf(html)).toBe(
      ['PAYMENT DUE', '', 'Amount  A$18,450.50', 'Due  1 Dec', '', '-'.repeat(40), '', 'Thank you'].join(
        '\n',
      ),
    );
  });

  it('quotes a blockquote line by line, blank lines and nested quotations included', () => {
    const html =
      '<p>You wrote:</p><blockquote><p>When?</p><p>Soon<br><br>please</p><blockquote>Old</blockquote></blockquote><p>Now.</p>';

    expect(plainTextOf(html)).toBe(
      ['You wrote:', '', '> When?', '>', '> Soon', '>', '> please', '>', '> > Old', '', 'Now.'].join('\n'),
    );
  });

  it('keeps preformatted text as written and shows an image by its alt text only', () => {
    const html =
      '<pre>  VIN   JTEBH3FJ\n  Year  2021</pre><p><img src="https://cdn.example/logo.png" alt="Harbourline"> <img src="pixel.gif"></p>';

    expect(plainTextOf(html)).toBe('  VIN   JTEBH3FJ\n  Year  2021\n\nHarbourline');
  });

  it("leaves out a document's head, scripts, styles and comments", () => {
    const html =
      '<!DOCTYPE html><html><head><title>Update</title><style>p { color: red }</style></head>' +
      '<body><!-- tracking --><div>Hello</div><script>alert("<p>x</p>")</script><div>World</div></body></html>';

    expect(plainTextOf(html)).toBe('Hello\nWorld');
  });

  it('wraps long lines at spaces within the width, hanging a list item’s continuation, and keeps an address whole', () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const address = `https://portal.example/${'x'.repeat(120)}`;
    const text = plainTextOf(`<p>${words} <a href="${address}">here</a></p><ul><li>${words}</li></ul>`, 60);
    const lines = text.split('\n');

    expect(lines.filter((line) => line.length > 60)).toEqual([`[${address}]`]);
    expect(lines.join(' ').replace(/\s+/g, ' ')).toContain(`${words} here [${address}]`);
    const item = lines.slice(lines.indexOf('') + 1);
    expect(item[0]?.startsWith(' * word0')).toBe(true);
    expect(item.slice(1).every((line) => line.startsWith('   word'))).toBe(true);
  });

  it('reads stray and broken markup as browsers do: a lone < is text, an unclosed tag or quote ends the text', () => {
    expect(plainTextOf('<p>1 < 2 and 3 > 2, <3</p>')).toBe('1 < 2 and 3 > 2, <3');
    expect(plainTextOf('<p>Before<a href="https://x.example/>never closed')).toBe('Before');
    expect(plainTextOf('<p>Before</p><div')).toBe('Before');
    expect(plainTextOf('<p title=a>b</p c="</p>">d<!-- never closed')).toBe('b\n\nd');
    expect(plainTextOf('<P CLASS=x>Upper</P><BR>case')).toBe('Upper\n\ncase');
  });

  it('keeps Chinese text and emoji as they are', () => {
    expect(plainTextOf('<p>李先生，您好：</p><p>您的车辆已启运 🚢</p>')).toBe(
      '李先生，您好：\n\n您的车辆已启运 🚢',
    );
  });
});

describe('plainTextOf with hostile HTML: the work grows with the length only', () => {
  // A quadratic step would take hours on these (10¹² steps); linear, each is a fraction of a second.
  const MEGA = 1_000_000;

  it.each([
    ['an unclosed tag of spaces', `<a ${' '.repeat(MEGA)}`, ''],
    ['a tag of equals signs', `<a ${'='.repeat(MEGA)}>x`, 'x'],
    ['a megabyte of <', '<'.repeat(MEGA), '<'.repeat(MEGA)],
    ['a paragraph of a megabyte', `<p>${'word '.repeat(MEGA / 5)}</p>`, undefined],
    ['unclosed scripts', '<script>'.repeat(MEGA / 8), ''],
    ['unclosed comments', '<!--'.repeat(MEGA / 4), ''],
    ['links opened and never closed', '<a href=x>y'.repeat(MEGA / 11), undefined],
  ])('%s', (_name, html, expected) => {
    const text = plainTextOf(html);

    if (expected !== undefined) expect(text).toBe(expected);
    else expect(text.length).toBeGreaterThan(MEGA / 3);
  });

  it('indents 10⁵ nested lists and quotations only so deep: the text stays about as long as the HTML', () => {
    const lists = '<ul><li>x'.repeat(100_000);
    const quotes = '<blockquote>x'.repeat(100_000);

    const listText = plainTextOf(lists);
    const quoteText = plainTextOf(quotes);

    expect(listText.split('\n').at(-1)).toBe(`${' '.repeat(17)}* x`);
    expect(quoteText.split('\n').at(-1)).toBe(`${'> '.repeat(8)}x`);
    expect(listText.length).toBeLessThan(lists.length * 3);
    expect(quoteText.length).toBeLessThan(quotes.length * 3);
  });
});

describe('decodeCharacterReferences', () => {
  it('decodes numeric references, Latin-1 names and everyday punctuation; leaves unknown names as written', () => {
    expect(decodeCharacterReferences('a &amp; b &lt;tag&gt; &quot;q&quot; &#39;s')).toBe(
      'a & b <tag> "q" \'s',
    );
    expect(decodeCharacterReferences('&eacute;t&eacute; &Uuml;ber &szlig; &yuml; &nbsp;|')).toBe(
      'été Über ß ÿ \u00a0|',
    );
    expect(decodeCharacterReferences('&mdash; &hellip; &euro;5 &trade; &rsquo;')).toBe('— … €5 ™ ’');
    expect(decodeCharacterReferences('&#x1F697; &#128674; &#65')).toBe('🚗 🚢 A');
    expect(decodeCharacterReferences('&bogus; &amp &#0; &#xD800; &#x110000;')).toBe(
      '&bogus; &amp \uFFFD \uFFFD \uFFFD',
    );
    expect(decodeCharacterReferences('&amp;lt;')).toBe('&lt;');
  });

  it('names every Latin-1 character from U+00A0 to U+00FF', () => {
    const names =
      'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest';

    expect(decodeCharacterReferences(names.replace(/(\w+)/g, '&$1;').replace(/ /g, ''))).toBe(
      Array.from({ length: 32 }, (_, i) => String.fromCharCode(0xa0 + i)).join(''),
    );
    expect(decodeCharacterReferences('&Agrave;&times;&divide;&yuml;')).toBe('À×÷ÿ');
  });
});
