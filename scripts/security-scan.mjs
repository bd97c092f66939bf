// Electron security scan (Doyensec's electronegativity) over the app's sources.
// Fails on any finding of medium severity or above, and on any file it could not parse (a file it
// cannot read is a file it did not check). Prints every finding, low ones included, as a summary.
//
// The sources are scanned rather than out/: the built main bundle inlines node_modules (ws, pg,
// mysql2…), whose code is not the app's and only drowns the findings, and the sources keep the
// `eng-disable` review notes next to the lines they justify.
//
// The library is called through its API: its CLI reads options the way commander 2 did, and npm
// hoists a newer commander for it, so `electronegativity -i src` only prints its usage here.
import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const runner = require('@doyensec/electronegativity/dist/runner.js')
const run = runner.default ?? runner
const { severity } = require('@doyensec/electronegativity/dist/finder/attributes.js')

// The Electron actually installed: without it the tool assumes v0.1.0 and its old defaults.
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version
const failAt = severity.MEDIUM

// The tool logs network chatter (translations, release list) it cannot fetch offline; keep ours.
const log = console.log
console.log = () => {}
let result
try {
  result = await run(
    {
      input: join(root, 'src'),
      isRelative: true,
      electronVersionOverride: electronVersion,
      customScan: [],
      excludeFromScan: [],
      parserPlugins: [],
    },
    false,
  )
} finally {
  console.log = log
}

const { issues, errors, globalChecks, atomicChecks } = result
const blocking = issues.filter((issue) => issue.severity.value >= failAt.value)

console.log(
  `electronegativity: ${atomicChecks} atomic + ${globalChecks} global checks on src/ (Electron ${electronVersion})`,
)
for (const issue of issues) {
  const review = issue.manualReview ? ' (review)' : ''
  console.log(
    `  ${issue.severity.name.padEnd(13)} ${issue.confidence.name.padEnd(9)} ${issue.id}${review}  ${issue.file}:${issue.location.line}`,
  )
}
for (const error of errors) console.log(`  PARSE ERROR   ${error.file}: ${error.message}`)
// Findings silenced in place after review: listed, so a new one never goes unnoticed.
for (const entry of readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.(ts|tsx|js|html)$/.test(entry.name)) continue
  const file = join(entry.parentPath, entry.name)
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      const note = /eng-disable\s+([A-Z_]+)(.*)$/.exec(line)
      if (note)
        console.log(
          `  REVIEWED      ${note[1]}  ${file.slice(root.length + 1)}:${index + 1}${note[2]?.replace(/\s*\*\/\s*$/, '')}`,
        )
    })
}
console.log(
  `electronegativity: ${issues.length} finding(s), ${blocking.length} of ${failAt.name} severity or above, ${errors.length} file(s) not parsed`,
)
if (atomicChecks === 0 || blocking.length > 0 || errors.length > 0) process.exit(1)
