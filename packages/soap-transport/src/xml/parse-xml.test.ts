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
    ['<a><!ENTITY x "y"></a>', 'DTD_FORBIDDEN'],
  ])('refuses %j (%s)', (text, code) => {
    expect(refusal(text)).toBe(code);
  });

  test('refuses nesting deeper than maxDepth, self-closing elements included', () => {
    expect(parseXml('<a><b><c/></b></a>', { maxDepth: 3 }).children).toHaveLength(1);
    expect(() => parseXml('<a><b><c/></b></a>', { maxDepth: 2 })).toThrow(/deeper than 2/);
    expect(refusal(`${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`)).toBe('TOO_DEEP');
  });
});
