/** Shown for the moment between start-up and the store being ready. */
export function Opening() {
  return (
    <div className="opening" role="status">
      Opening Quorum…
    </div>
  );
}
