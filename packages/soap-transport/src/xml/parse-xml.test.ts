import { describe, expect, test } from 'vitest';
import { escapeXml } from './escape-xml.js';
import { attributeNs, parseXml, resolveQName, XmlError } from './parse-xml.js';

function refusal(text: string): string | undefined {
  try {
    parseXml(text);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(XmlError);
    return (error as XmlError).code;
  }
}

describe('parseXml', () => {
  test('resolves namespaces by scope, default namespace included, and reads attributes', () => {
    const root = parseXml(
      '<?xml version="1.0"?><!-- c --><a:root xmlns:a="urn:a" xmlns="urn:d" x="1"><child a:y="2"/><b:c xmlns:b="urn:b"/></a:root>',
    );
    expect(root).toMatchObject({ local: 'root', ns: 'urn:a', attributes: { x: '1' } });
    expect(root.children.map((c) => [c.local, c.ns])).toEqual([
      ['child', 'urn:d'],
      ['c', 'urn:b'],
    ]);
    expect(attributeNs(root.children[0]!, 'urn:a', 'y')).toBe('2');
    expect(resolveQName(root, 'a:thing')).toEqual({ local: 'thing', ns: 'urn:a' });
  });

  test('decodes entities, character references and CDATA; keeps whitespace in text', () => {
    const root = parseXml('<t> &lt;&gt;&amp;&quot;&apos; &#65;&#x1F600; <![CDATA[<raw & kept>]]> </t>');
    expect(root.text).toBe(' <>&"\' A😀 <raw & kept> ');
  });

  test('round-trips what escapeXml writes, references to control characters included', () => {
    const value = 'a<b>&"\'\r\n\t\u0001z';
    expect(parseXml(`<t>${escapeXml(value, 'reference')}</t>`).text).toBe(value);
    expect(parseXml(`<t>${escapeXml(value)}</t>`).text).toBe('a<b>&"\'\r\n\tz');
  });

  test.each([
    ['<a><b></a>', 'MALFORMED'],
    ['<a>', 'MALFORMED'],
    ['<a></a><b/>', 'MALFORMED'],
    ['text', 'MALFORMED'],
    ['', 'MALFORMED'],
    ['<a x=1/>', 'MALFORMED'],
    ['<a x="1" x="2"/>', 'MALFORMED'],
    ['<p:a/>', 'MALFORMED'],
    ['<a>&foo;</a>', 'MALFORMED'],
    ['<a>&#0;</a>', 'MALFORMED'],
    ['<a>&amp</a>', 'MALFORMED'],
    ['<a>\u0001</a>', 'MALFORMED'],
    ['<a x="<"/>', 'MALFORMED'],
    ['<!DOCTYPE a><a/>', 'DTD_FORBIDDEN'],
    ['<a><!ENTITY x "y"></a>', 'MALFORMED'],
    // Issue 15 (2): what the hand-written parser accepted and a conforming parser refuses.
    ['<a>x]]>y</a>', 'MALFORMED'],
    ['<a><!-- a -- b --></a>', 'MALFORMED'],
    ['<a/><?xml version="1.0"?>', 'MALFORMED'],
    [' <?xml version="1.0"?><a/>', 'MALFORMED'],
    ['<valueOf:a/>', 'MALFORMED'],
    ['<a constructor:x="1"/>', 'MALFORMED'],
    ['<a><?pi?x version="1.0"?></a>', 'MALFORMED'],
    ['<a>\ufffe</a>', 'MALFORMED'],
    ['<a>&#xFFFF;</a>', 'MALFORMED'],
  ])('refuses %j (%s)', (text, code) => {
    expect(refusal(text)).toBe(code);
  });

  test('a processing instruction whose data holds CR LF is read (found by the xmllint differential, FUZZ_SEED=1872558853)', () => {
    expect(parseXml('<a><?p i&fox\r\n;?></a>').name).toBe('a');
    expect(parseXml('<a><?p \r\n\r\nx\r\n?><?q\r\ny?></a>').name).toBe('a');
    expect(refusal('<a><?p?x\r\n?></a>')).toBe('MALFORMED');
  });

  test('the local part and prefix of each element and attribute name is an NCName (found by the xmllint differential, FUZZ_SEED=654019724)', () => {
    const message = (text: string) => {
      try {
        parseXml(text);
        return undefined;
      } catch (error) {
        return `${(error as XmlError).code}: ${(error as Error).message}`;
      }
    };
    expect(message('<a xmlns="urn:d"><b xml:--g="en">x</b><c/></a>')).toBe(
      'MALFORMED: the name "xml:--g" is not a qualified name: "--g" does not start as a name',
    );
    for (const name of ['xml:-g', 'xml:.g', 'xml:1g', 'xml:\u00b7g', 'xml:\u0301g', 'xml:\u203fg'])
      expect(refusal(`<a ${name}="1"/>`), name).toBe('MALFORMED');
    expect(refusal('<a xmlns:p="urn:p" xmlns:-q="urn:q"/>')).toBe('MALFORMED');
    expect(refusal('<p:-a xmlns:p="urn:p"/>')).toBe('MALFORMED');
    expect(refusal('<p:a xmlns:p="urn:p"></p:a><!-- end -->')).toBeUndefined();
    // Characters a name may hold after its first one are fine after the first of the local part.
    expect(parseXml('<p:a-.1\u00b7 xmlns:p="urn:p" xml:l-.1="x" p:_b="y"/>').attributes).toEqual({
      'xml:l-.1': 'x',
      'p:_b': 'y',
    });
    expect(parseXml('<p:\u00e9 xmlns:p="urn:p"/>').local).toBe('\u00e9');
  });

  test('the declared encoding is one the body is decoded from (found by the xmllint differential, FUZZ_SEED=248502395)', () => {
    const decl = (encoding: string) => `<?xml version="1.0" encoding="${encoding}"?><a/>`;
    expect(() => parseXml(decl('UTF'))).toThrow(
      new XmlError('MALFORMED', 'the declared encoding "UTF" is not one this server reads (send UTF-8)'),
    );
    for (const encoding of ['UTF-8x', 'UTF-', 'UT', 'TF-8', 'UTF-81', 'EBCDIC', 'x'.repeat(200)])
      expect(refusal(decl(encoding)), encoding).toBe('MALFORMED');
    expect(() => parseXml(decl('x'.repeat(200)))).toThrow(/^the declared encoding "x{40}…" is not/);
    for (const encoding of [
      'UTF-8',
      'utf-8',
      'Utf-8',
      'UTF8',
      'utf8',
      'ISO-8859-1',
      'windows-1252',
      'US-ASCII',
    ])
      expect(parseXml(decl(encoding)).name, encoding).toBe('a');
    expect(parseXml('<?xml version="1.0" standalone="yes"?><a/>').name).toBe('a');
  });

  test('refuses nesting deeper than maxDepth, self-closing elements included', () => {
    expect(parseXml('<a><b><c/></b></a>', { maxDepth: 3 }).children).toHaveLength(1);
    expect(() => parseXml('<a><b><c/></b></a>', { maxDepth: 2 })).toThrow(/deeper than 2/);
    expect(refusal(`${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`)).toBe('TOO_DEEP');
  });

  test('prefixes named after Object.prototype members are unbound prefixes, not functions', () => {
    for (const prefix of ['valueOf', 'constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(refusal(`<${prefix}:Envelope/>`)).toBe('MALFORMED');
      const root = parseXml(`<${prefix}:E xmlns:${prefix}="urn:p" ${prefix}:a="1"/>`);
      expect(root.ns).toBe('urn:p');
      expect(attributeNs(root, 'urn:p', 'a')).toBe('1');
      expect(resolveQName(parseXml('<a/>'), `${prefix}:x`)).toEqual({ local: 'x', ns: '' });
    }
    const plain = parseXml('<a __proto__="x" constructor="y"/>');
    expect(Object.getPrototypeOf(plain.attributes)).toBeNull();
    expect({ ...plain.attributes }).toEqual({ ['__proto__']: 'x', constructor: 'y' });
    expect(parseXml('<a/>').scope.valueOf).toBeUndefined();
  });

  test('limits: attributes per element, elements in all, name length; each refusal names its limit', () => {
    const attributes = (n: number) => Array.from({ length: n }, (_, i) => `a${i}="v"`).join(' ');
    expect(Object.keys(parseXml(`<e ${attributes(64)}/>`).attributes)).toHaveLength(64);
    expect(() => parseXml(`<e ${attributes(65)}/>`)).toThrow(/more than 64 attributes/);
    // Issue 15 (1): 110 000 distinct attributes are refused at the 65th, not parsed quadratically.
    expect(refusal(`<e ${attributes(110_000)}/>`)).toBe('LIMIT_EXCEEDED');
    expect(parseXml(`<r>${'<e/>'.repeat(9_999)}</r>`).children).toHaveLength(9_999);
    expect(refusal(`<r>${'<e/>'.repeat(10_000)}</r>`)).toBe('LIMIT_EXCEEDED');
    expect(refusal(`<${'n'.repeat(257)}/>`)).toBe('LIMIT_EXCEEDED');
    expect(refusal(`<e ${'n'.repeat(257)}="1"/>`)).toBe('LIMIT_EXCEEDED');
    expect(parseXml(`<e ${attributes(200)}/>`, { maxAttributes: 200 }).name).toBe('e');
  });

  test('documents parsed one after another are independent, a refused one in between included', () => {
    // One saxes parser serves document after document: nothing of one may reach the next.
    const first = parseXml('<?xml version="1.0"?><p:a xmlns:p="urn:p" x="1"><b>one</b></p:a>');
    for (const hostile of [
      '<p:a xmlns:p="urn:p"><b>half',
      `${'<d>'.repeat(65)}${'</d>'.repeat(65)}`,
      '<a><!DOCTYPE a></a>',
      '<a x="1" x="2"/>',
      '<r/><?xml version="1.0"?>',
    ]) {
      expect(refusal(hostile)).toBeDefined();
      // No prefix, depth, element count or XML declaration of the refused document is left over.
      expect(refusal('<p:a/>')).toBe('MALFORMED');
      const next = parseXml('<?xml version="1.0"?><a>two</a>', { maxElements: 1 });
      expect(next).toMatchObject({ local: 'a', ns: '', text: 'two', children: [] });
      expect(Object.keys(next.attributes)).toEqual([]);
    }
    expect(refusal('<a/>')).toBeUndefined();
    expect(first.children[0]!.text).toBe('one');
    expect(first.attributes).toEqual({ x: '1' });
  });

  test('an error message quotes at most a short part of the input', () => {
    try {
      parseXml(`<a></${'b'.repeat(100_000)}>`, { maxNameLength: 1_000_000 });
      expect.unreachable();
    } catch (error) {
      expect((error as XmlError).code).toBe('MALFORMED');
      expect((error as XmlError).message.length).toBeLessThan(200);
    }
  });
});
