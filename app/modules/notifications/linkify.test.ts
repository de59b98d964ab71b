import { describe, expect, it } from 'vitest'
import { linkify } from './linkify'

describe('linkify', () => {
  it.each([
    ['no link', 'Hello there', [{ kind: 'text', text: 'Hello there' }]],
    ['only a link', 'https://a.test/x?token=abc_-1', [{ kind: 'link', href: 'https://a.test/x?token=abc_-1' }]],
    [
      'a link in a sentence, without its full stop',
      'Confirm: http://127.0.0.1:3000/verify-email?token=Ab-_9. Thanks',
      [
        { kind: 'text', text: 'Confirm: ' },
        { kind: 'link', href: 'http://127.0.0.1:3000/verify-email?token=Ab-_9' },
        { kind: 'text', text: '. Thanks' },
      ],
    ],
    [
      'a link in brackets',
      '(https://a.test/x)',
      [
        { kind: 'text', text: '(' },
        { kind: 'link', href: 'https://a.test/x' },
        { kind: 'text', text: ')' },
      ],
    ],
    [
      'other schemes stay text',
      'javascript:alert(1) mailto:a@b.c',
      [{ kind: 'text', text: 'javascript:alert(1) mailto:a@b.c' }],
    ],
    [
      'markup stays text',
      '<a href="https://evil.test">x</a>',
      [
        { kind: 'text', text: '<a href="' },
        { kind: 'link', href: 'https://evil.test' },
        { kind: 'text', text: '">x</a>' },
      ],
    ],
  ])('%s', (_name, text, parts) => {
    expect(linkify(text)).toEqual(parts)
  })
})
