// Used by server.js under Deno (and works under Node).
// A self-signed ECDSA P-256 certificate for 127.0.0.1, valid for `days` (WebTransport's serverCertificateHashes
// requires ECDSA and at most 14 days), built with node:crypto alone (no openssl CLI): a minimal DER X.509 v3 writer.
import { createHash, generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';

const der = (tag, ...parts) => {
  const body = Buffer.concat(parts);
  const n = body.length;
  const len = n < 128 ? Buffer.from([n]) : n < 256 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 255]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
};
const seq = (...p) => der(0x30, ...p);
const oid = (hex) => der(0x06, Buffer.from(hex, 'hex'));
const utcTime = (d) => der(0x17, Buffer.from(d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z'));
const OID_ECDSA_SHA256 = '2a8648ce3d040302'; // 1.2.840.10045.4.3.2
const OID_CN = '550403';
const OID_SAN = '551d11';

export function makeCertificate({ days = 10, ip = '127.0.0.1' } = {}) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const name = seq(der(0x31, seq(oid(OID_CN), der(0x0c, Buffer.from(ip)))));
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore.getTime() + days * 86_400_000);
  const serial = randomBytes(8);
  serial[0] &= 0x7f;
  const san = seq(oid(OID_SAN), der(0x04, seq(der(0x87, Buffer.from(ip.split('.').map(Number))))));
  const tbs = seq(
    der(0xa0, der(0x02, Buffer.from([2]))), // v3
    der(0x02, serial),
    seq(oid(OID_ECDSA_SHA256)),
    name,
    seq(utcTime(notBefore), utcTime(notAfter)),
    name,
    spki,
    der(0xa3, seq(san)),
  );
  const signature = sign('sha256', tbs, privateKey); // DER-encoded ECDSA signature
  const cert = seq(tbs, seq(oid(OID_ECDSA_SHA256)), der(0x03, Buffer.from([0]), signature));
  const pem = `-----BEGIN CERTIFICATE-----\n${cert.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
  const x509 = new X509Certificate(pem);
  if (!x509.verify(publicKey)) throw new Error('certificate does not verify');
  return {
    cert: pem.replace(/\n\n/g, '\n'),
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    /** SHA-256 of the DER, for `serverCertificateHashes`. */
    hash: [...createHash('sha256').update(cert).digest()],
  };
}

