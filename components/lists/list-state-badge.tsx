/**
 * A list's state, shown only once it is used: every list starts "developing", which says nothing
 * to a business user. "Deployed" (set through the API by the systems that read the list) is
 * explained in words beside it, not only on hover.
 */
export function ListStateBadge({ state, explain = false }: { state: string; explain?: boolean }) {
  if (state !== 'deployed') return null;
  const meaning = 'in use by other systems; it cannot be deleted until it is set back to developing';
  return (
    <>
      <span className="badge" title={`Deployed: ${meaning}`}>
        Deployed
      </span>
      {explain ? (
        <span className="hint">{meaning[0]!.toUpperCase() + meaning.slice(1)}.</span>
      ) : (
        <span className="sr-only">: {meaning}</span>
      )}
    </>
  );
}
