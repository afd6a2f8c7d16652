/** Copies text to the clipboard; where the clipboard is refused (no focus, no permission) nothing happens. */
export function copyText(text: string): void {
  void navigator.clipboard?.writeText(text).catch(() => undefined);
}
