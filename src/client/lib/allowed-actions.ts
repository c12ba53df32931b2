import { createContext, useContext } from 'react';
import { EMBED_ACTIONS, type EmbedAction } from '../../shared/embed-contract.ts';

/**
 * The file actions the page may offer. Everything in the app itself; inside an embed opened
 * with a signed link, only what the link grants (the proxy refuses the rest with 403 anyway:
 * this keeps the buttons from promising what will fail).
 */
export const AllowedActionsContext = createContext<ReadonlySet<EmbedAction>>(
  new Set(EMBED_ACTIONS),
);

export const useAllowedActions = () => useContext(AllowedActionsContext);
