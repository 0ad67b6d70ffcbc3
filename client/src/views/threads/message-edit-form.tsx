import { useState } from 'preact/hooks';
import { editMessage } from '../../api/threads';
import type { MessageDto } from '../../api/server-types';
import { t } from '../../i18n/i18n';
import { ErrorNote } from '../../ui/form';
import { useGroup } from '../groups/group-context';
import { toEditable, toSource } from './mentions';

/** Edits a message in place; mentions are shown as names while editing and saved as ids. */
export function EditForm({ message, onDone }: { message: MessageDto; onDone: () => void }) {
  const { memberName } = useGroup();
  const [initial] = useState(() => toEditable(message.body ?? '', memberName));
  const [text, setText] = useState(initial.text);
  const [error, setError] = useState<unknown>(null);
  const id = `edit-${message.id}`;
  return (
    <form
      class="edit-form"
      onSubmit={(event) => {
        event.preventDefault();
        editMessage(message.id, toSource(text.trim(), initial.mentions)).then(onDone, setError);
      }}
    >
      <label for={id} class="visually-hidden">
        {t('message.editLabel')}
      </label>
      <textarea id={id} rows={3} dir="auto" value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <div class="row">
        <button type="submit" class="button-primary" disabled={!text.trim()}>
          {t('common.save')}
        </button>
        <button type="button" class="button-link" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
}
