/** `text` as quoted in an error message: at most `max` characters, an ellipsis when cut. */
export function cutText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
