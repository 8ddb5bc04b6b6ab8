/** Polls `check` until it holds; gives up (returning false) after `attempts` tries `everyMs` apart. */
export async function eventually(
  check: () => Promise<boolean>,
  attempts = 200,
  everyMs = 25,
): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return false;
}
