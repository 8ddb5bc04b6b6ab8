/** A usage meter: a bar filled to `used` of `total`, amber from 80 %, red when full. */
import { h } from './dom.js';

/**
 * A meter of `used` of `total` (licences, an agent's load).
 * @param {number} used
 * @param {number} total
 * @param {string} [testid]
 */
export function meter(used, total, testid) {
  const ratio = total > 0 ? Math.min(1, used / total) : 0;
  return h(
    'span',
    { class: 'meter', title: `${used} of ${total}`, dataset: testid ? { testid } : {} },
    h('span', {
      class: `fill ${ratio >= 1 ? 'full' : ratio >= 0.8 ? 'high' : ''}`,
      style: `width:${ratio * 100}%`,
    }),
    h('span', { class: 'meter-text' }, `${used}/${total}`),
  );
}
