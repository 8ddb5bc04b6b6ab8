/** A session's next timer in words: what it will do, and when ("closes unanswered in 4 min"). */
import { relative } from './format.js';

/** @import { TimerKind } from './types.js' */

/**
 * What a session's timer will do, in words (the timer's name is in the tooltip).
 * @type {Readonly<Record<TimerKind, string>>}
 */
const TIMER_LABEL = {
  expire: 'closes unanswered',
  autoAnswer: 'answered',
  bookingTimeout: 'back to the queue',
  finishClose: 'closes',
  purge: 'forgotten',
};

/**
 * The text of a timer of `kind` due at `at`, seen at `now`.
 * @param {TimerKind} kind
 * @param {number} at
 * @param {number} now
 */
export function timerText(kind, at, now) {
  return `${TIMER_LABEL[kind]} ${relative(at, now)}`;
}
