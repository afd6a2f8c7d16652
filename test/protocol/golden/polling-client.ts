// Hand-written polling clients for what Node's socket.io clients cannot do (they always send b64=1 from Node):
// - `jsonp`: after engine.io-client 5.x's JSONP transport: `j=0&b64=1`, `___eio[0]("…")` responses, `d=` form
//   POSTs with the client's newline escaping; it also probes the HTTP error bodies;
// - `xhr2`: an EIO3 browser with XHR2: no b64, binary payloads (`00/01 <digits> FF …`) in both directions.
// The servers are real; only the client side is scripted.

/** engine.io-client 5.x: escape `\n` → `\`+LF, then LF → `\n`, before the form field is submitted. */
function formBody(payload: string): string {
  const escaped = payload.replace(/\\n/g, '\\\n').replace(/\n/g, '\\n');
  return 'd=' + encodeURIComponent(escaped).replace(/%20/g, '+');
}

/** A v3 XHR2 binary payload: string records `00`, binary records `01` + type byte, lengths as digit bytes. */
function binaryPayload(records: (string | Uint8Array)[]): Uint8Array<ArrayBuffer> {
  const bytes = Buffer.concat(
    records.flatMap((r) => {
      const bytes = typeof r === 'string' ? Buffer.from(r) : Buffer.concat([Buffer.from([4]), r]);
      return [Buffer.from([typeof r === 'string' ? 0 : 1, ...String(bytes.length).split('').map(Number), 0xff]), bytes];
    }),
  );
  return new Uint8Array(bytes);
}

export type PollingMode = 'jsonp' | 'xhr2';

/** Run the scripted exchange against `base` (http://127.0.0.1:port) speaking Engine.IO `eio`. */
export async function runPollingClient(base: string, eio: 3 | 4, mode: PollingMode): Promise<void> {
  const jsonp = mode === 'jsonp';
  const frame = (packets: string[]): string =>
    eio === 3 ? packets.map((p) => `${p.length}:${p}`).join('') : packets.join('\x1e');
  const url = (extra: string): string =>
    `${base}/socket.io/?EIO=${eio}&transport=polling${jsonp ? '&j=0' : ''}${extra}`;
  const get = async (u: string): Promise<string> => {
    const text = Buffer.from(await (await fetch(u)).arrayBuffer()).toString('latin1');
    return jsonp ? (JSON.parse(text.slice(text.indexOf('](') + 2, text.lastIndexOf(')'))) as string) : text;
  };
  const handshake = await get(url(jsonp ? '&b64=1&t=a' : '&t=a'));
  const sid = /"sid":"([^"]+)"/.exec(handshake)![1];
  const session = `&sid=${sid}`;
  const postBody = async (body: string | Uint8Array<ArrayBuffer>, contentType: string): Promise<void> => {
    const res = await fetch(url(session), { method: 'POST', body, headers: { 'content-type': contentType } });
    if ((await res.text()) !== 'ok') throw new Error('POST refused');
  };
  const post = (packets: string[]): Promise<void> =>
    jsonp
      ? postBody(formBody(frame(packets)), 'application/x-www-form-urlencoded')
      : postBody(frame(packets), 'text/plain;charset=UTF-8');
  /** Poll until a response contains `marker` (each poll is one recorded frame). */
  const pollUntil = async (marker: string): Promise<void> => {
    for (let i = 0; i < 20; i++) if ((await get(url(session))).includes(marker)) return;
    throw new Error(`never received ${marker}`);
  };
  if (eio === 4) {
    await post(['40']);
    await pollUntil('40{');
  } else if (!handshake.includes('2:40')) await pollUntil('40');
  await post([`420${JSON.stringify(['echo', 'a\nb', 'c\\nd', 'x y+z&d=1', '€'])}`]);
  await pollUntil('430[');
  const header = `451-1${JSON.stringify(['bin', { _placeholder: true, num: 0 }])}`;
  if (jsonp) await post([header, eio === 3 ? 'b4AQID' : 'bAQID']);
  else await postBody(binaryPayload([header, Uint8Array.of(1, 2, 3)]), 'application/octet-stream');
  await pollUntil('461-1[');
  if (jsonp) {
    // HTTP error bodies: unknown sid, unknown transport, (EIO4 server) missing EIO.
    await get(`${base}/socket.io/?EIO=${eio}&transport=polling&sid=bogus`).catch(() => '');
    await get(`${base}/socket.io/?EIO=${eio}&transport=carrier-pigeon`).catch(() => '');
    if (eio === 4) await get(`${base}/socket.io/?transport=polling`).catch(() => '');
  }
  await post(['1']);
}
