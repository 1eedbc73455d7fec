// Reading a streamed answer with a bound on silence. The SDK's timeout covers the wait for the
// response headers only; a stream that stops sending midway would otherwise hold the loop until the
// transport gives up minutes later.

import { ModelError } from '../engine/index.js';

interface AbortableStream<T> extends AsyncIterable<T> {
  controller: AbortController;
}

/** Calls `onEvent` for each event; throws a 'timeout' ModelError after `idleMs` without one. */
export async function readStream<T>(
  stream: AbortableStream<T>,
  idleMs: number,
  onEvent: (event: T) => void,
): Promise<void> {
  let idle = false;
  const fire = () => {
    idle = true;
    stream.controller.abort();
  };
  let timer = setTimeout(fire, idleMs);
  const silence = () =>
    new ModelError(
      'timeout',
      `The model stream went silent for ${idleMs} ms before finishing. ` +
        'Check that the endpoint is not overloaded, or allow a longer model timeout.',
    );
  try {
    for await (const event of stream) {
      clearTimeout(timer);
      timer = setTimeout(fire, idleMs);
      onEvent(event);
    }
  } catch (err) {
    if (idle) throw silence();
    throw err;
  } finally {
    clearTimeout(timer);
  }
  // The SDK ends the iteration quietly when its request is aborted, so check why it ended.
  if (idle) throw silence();
}
