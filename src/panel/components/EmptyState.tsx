/**
 * What the Packets view says before any traffic (and after Clear), as DevTools' Network panel does: how to capture
 * from the start, and a button that reloads the inspected page.
 */
export function EmptyState({ onReload }: { onReload: () => void }) {
  return (
    <div class="empty-state">
      <p>No Socket.IO traffic yet. Reload the page to capture it from the start</p>
      <button type="button" onClick={onReload}>
        Reload
      </button>
    </div>
  );
}
