/** The decisions register (Partnership Agreement 10.7, 8.2). Empty until the decisions feature lands. */
import { useCitation } from '../../app/use-citation';
import { EmptyState, Page } from '../../ui/Page';

export function DecisionsPage() {
  const { citeInText } = useCitation();
  return (
    <Page title="Decisions">
      <EmptyState>
        <p>
          The decisions register will be here: every proposal put to a meeting, whether it was agreed by consensus or by a vote,
          the members who dissented, and any Accountable Body override with the meeting it was reported to{' '}
          {citeInText('(Partnership Agreement 10.7, 8.2).')}
        </p>
      </EmptyState>
    </Page>
  );
}
