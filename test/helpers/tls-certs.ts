import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** A test PKI made with openssl: a CA, a server certificate it signed, and an unrelated CA. */
export interface TestCertificates {
  caFile: string
  /** A CA that did not sign the server's certificate. */
  otherCaFile: string
  certFile: string
  keyFile: string
  /** The only name the server certificate holds (DNS:localhost): 127.0.0.1 does not match it. */
  serverName: string
}

const openssl = async (args: string[]) => {
  await run('openssl', args, { timeout: 30_000 })
}

async function makeCa(dir: string, name: string): Promise<{ key: string; cert: string }> {
  const key = join(dir, `${name}.key`)
  const cert = join(dir, `${name}.crt`)
  await openssl([
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '2',
    '-subj',
    `/CN=Quarry test ${name}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ])
  return { key, cert }
}

/** Generates the certificates into `dir` (a fresh temp dir of the test). */
export async function makeTestCertificates(dir: string): Promise<TestCertificates> {
  const ca = await makeCa(dir, 'ca')
  const other = await makeCa(dir, 'other-ca')
  const keyFile = join(dir, 'server.key')
  const csr = join(dir, 'server.csr')
  const certFile = join(dir, 'server.crt')
  const extensions = join(dir, 'server.ext')
  await writeFile(extensions, 'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n')
  await openssl([
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    csr,
    '-subj',
    '/CN=localhost',
  ])
  await openssl([
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    ca.cert,
    '-CAkey',
    ca.key,
    '-CAcreateserial',
    '-out',
    certFile,
    '-days',
    '2',
    '-extfile',
    extensions,
  ])
  return { caFile: ca.cert, otherCaFile: other.cert, certFile, keyFile, serverName: 'localhost' }
}
