import { describe, expect, it } from 'vitest'
import { type PathNodeFacts, choicesOf, openChoices, pathProblems } from './path-rules'

const node = (id: string, choices: PathNodeFacts['choices'] = [], taskIds: string[] = []): PathNodeFacts => ({
  id,
  title: `Lesson ${id}`,
  choices,
  taskIds,
})
const to = (nextNodeId: string, taskId?: string) => ({
  label: `to ${nextNodeId}`,
  nextNodeId,
  ...(taskId ? { condition: { taskId } } : {}),
})

describe('pathProblems', () => {
  it.each([
    ['no nodes', null, [], ['The path has no nodes yet.']],
    ['no start', null, [node('a')], ['Choose the start node.']],
    ['a start outside the path', 'z', [node('a')], ['The start node is not a node of this path.']],
    ['a single node', 'a', [node('a')], []],
    ['a chain', 'a', [node('a', [to('b')]), node('b', [to('c')]), node('c')], []],
    ['a loop back is allowed', 'a', [node('a', [to('b')]), node('b', [to('a'), to('c')]), node('c')], []],
    [
      'an unreachable node',
      'a',
      [node('a', [to('b')]), node('b'), node('c', [to('a')])],
      ['“Lesson c” cannot be reached from the start node.'],
    ],
    [
      'a choice to a missing node',
      'a',
      [node('a', [to('x')])],
      ['The choice “to x” of “Lesson a” leads to a node that is not in this path.'],
    ],
    ['a gate by the node’s own task', 'a', [node('a', [to('b', 't1')], ['t1']), node('b')], []],
    [
      'a gate by another nugget’s task',
      'a',
      [node('a', [to('b', 't2')], ['t1']), node('b', [], ['t2'])],
      ['The quick check of “to b” is not a practice task of “Lesson a”.'],
    ],
  ])('%s', (_name, start, nodes, problems) => {
    expect(pathProblems(start, nodes)).toEqual(problems)
  })
})

describe('openChoices', () => {
  const choices = [to('b'), to('c', 't1'), to('d', 't2')]
  it.each([
    ['nothing answered', [], [true, false, false]],
    ['one quick check right', ['t1'], [true, true, false]],
    ['both right', ['t1', 't2'], [true, true, true]],
    ['another task right opens nothing', ['t9'], [true, false, false]],
  ])('%s', (_name, right, open) => {
    expect(openChoices(choices, new Set(right)).map((c) => c.open)).toEqual(open)
  })

  it('names the gating task', () => {
    expect(openChoices(choices, new Set()).map((c) => c.taskId)).toEqual([null, 't1', 't2'])
  })
})

describe('choicesOf', () => {
  it.each([
    ['stored choices', [{ label: 'Go', nextNodeId: 'b' }], 1],
    ['not an array', { label: 'Go' }, 0],
    ['a malformed choice', [{ label: '', nextNodeId: 'b' }], 0],
    ['null', null, 0],
  ])('%s', (_name, stored, count) => {
    expect(choicesOf(stored)).toHaveLength(count)
  })
})
