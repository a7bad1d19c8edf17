import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { session } from '../../api/client';
import { communicationKeys } from '../communications/api';
import { customerKeys } from '../customers/api';
import { dashboardKeys } from '../dashboard/api';
import { inboxKeys } from '../inbox/api';
import { searchKeys } from '../search/api';
import { taskKeys } from '../tasks/api';

/** Where there is no change feed (AWS: docs/adr/0023-live-updates.md), how often open screens read again. */
export const POLL_MS = 2_000;
/** Changes close together (a send, then its Sent, then Delivered) make one refresh. */
const COALESCE_MS = 250;

export type LiveMode = 'connecting' | 'live' | 'polling';

/**
 * Keeps open screens current without a reload. The runtime's change feed (`/api/live`, server-sent events)
 * says when something changed; where there is none, the screens poll — reads the API answers with 304 while
 * nothing changed. Either way a change refreshes what is on screen (the log, timelines, an open message, the
 * dashboard), and the browser keeps the reader's place as rows arrive above it.
 */
export function useLiveUpdates(): LiveMode {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<LiveMode>('connecting');
  const token = session.token();
  useEffect(() => {
    if (!token) return;
    let scheduled: ReturnType<typeof setTimeout> | undefined;
    let poller: ReturnType<typeof setInterval> | undefined;
    const refresh = () => {
      scheduled ??= setTimeout(() => {
        scheduled = undefined;
        for (const queryKey of [
          communicationKeys.all,
          customerKeys.all,
          ['vehicles'],
          dashboardKeys.all,
          searchKeys.all,
          taskKeys.all,
          inboxKeys.all,
        ])
          void queryClient.invalidateQueries({ queryKey });
      }, COALESCE_MS);
    };
    const source = new EventSource(`/api/live?${new URLSearchParams({ access_token: token })}`);
    // On every (re)connection read once: a change between a screen's first read and the feed opening, or while
    // the connection was down, is not in the feed.
    source.addEventListener('ready', () => {
      setMode('live');
      refresh();
    });
    source.addEventListener('change', refresh);
    source.addEventListener('error', () => {
      // Refused (no feed here, or not allowed): poll instead. Merely dropped: the browser reconnects by itself.
      if (source.readyState !== EventSource.CLOSED || poller) return;
      setMode('polling');
      poller = setInterval(() => {
        if (document.visibilityState === 'visible') refresh();
      }, POLL_MS);
    });
    return () => {
      source.close();
      clearTimeout(scheduled);
      clearInterval(poller);
    };
  }, [queryClient, token]);
  return mode;
}
