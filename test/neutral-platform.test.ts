// The client path (`iletimerkezi`, the lazy XML codec included) must run on any runtime with fetch,
// crypto.subtle and TextEncoder: bundled for esbuild's neutral platform with the conditions an edge
// bundler sets (wrangler's: workerd, worker, browser), nothing in it, ours or a dependency's, may
// import a Node built-in, and our own code may not touch a Node-only global. There package.json's
// `#xml-request-writer` gives the string writer, not xmlbuilder2 (which requires `events` and `url`).
// test/runtimes/ runs the real thing: wrangler's bundle in workerd, Deno, Bun.
import { build, type Metafile, type Plugin } from 'esbuild'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

const repoRoot = resolve(import.meta.dirname, '..')
const builtins = new Set(builtinModules)

interface BuiltinImport {
  specifier: string
  /** Relative to the project's root. */
  importer: string
}

interface NeutralBundle {
  builtinImports: BuiltinImport[]
  /** Output chunks an app loads before its first call: the entry and what it imports statically. */
  staticPath: Set<string>
  /** Output chunks reached only through `import()` (the XML codec). */
  lazyPath: Set<string>
  metafile: Metafile
  textOf: (output: string) => string
  /** Our own source files in the bundle, absolute. */
  ownSources: string[]
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtins.has(specifier) || builtins.has(specifier.split('/')[0]!)
}

/** What wrangler's esbuild build resolves package.json conditions with (besides `import` and `default`). */
const edgeConditions = ['workerd', 'worker', 'browser']

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { imports: Record<string, Record<string, string>> }

/**
 * Our `#…` imports as the package.json `imports` map resolves them under
 * `conditions` (the first key that applies, in the map's order), pointed at
 * the source file of the dist/ file named there. esbuild would otherwise
 * follow tsconfig.json's `paths` (the Node writer, for tsc and tsx).
 */
function packageImports(conditions: readonly string[]): Plugin {
  const applies = new Set([...conditions, 'import', 'default'])
  return {
    name: 'package-imports',
    setup(builder) {
      builder.onResolve({ filter: /^#/ }, (args) => {
        const targets = manifest.imports[args.path]
        const target = targets && Object.entries(targets).find(([condition]) => applies.has(condition))?.[1]
        if (target === undefined) return { errors: [{ text: `package.json imports has no ${args.path} for ${[...applies].join(', ')}` }] }
        return { path: join(repoRoot, target.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')) }
      })
    },
  }
}

async function bundleNeutral(root: string, entry: string, conditions: readonly string[] = edgeConditions): Promise<NeutralBundle> {
  const builtinImports: BuiltinImport[] = []
  const result = await build({
    absWorkingDir: root,
    entryPoints: { client: entry },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    conditions: [...conditions],
    // Neutral resolves no package entry fields by itself; these are what a browser or edge bundler reads.
    mainFields: ['module', 'main'],
    // Minified: comments gone, globals kept (they cannot be renamed), so a text check sees only code.
    minify: true,
    write: false,
    outdir: 'out',
    metafile: true,
    logLevel: 'silent',
    plugins: [
      packageImports(conditions),
      {
        name: 'record-builtins',
        setup(builder) {
          // On the neutral platform a built-in does not resolve (wrangler stops there without
          // nodejs_compat): record it, and leave it external so that every one of them is listed.
          builder.onResolve({ filter: /.*/ }, (args) => {
            if (!isBuiltin(args.path)) return undefined
            builtinImports.push({ specifier: args.path, importer: relative(root, args.importer) })
            return { path: args.path, external: true }
          })
        },
      },
    ],
  })
  const outputs = result.metafile.outputs
  // Lazily imported modules are entry points of their own to esbuild: the app's entry is the one asked for.
  const entryOutput = Object.keys(outputs).find((path) => outputs[path]!.entryPoint === entry)!
  const walk = (start: string, follow: (kind: string) => boolean) => {
    const reached = new Set<string>()
    const visit = (path: string) => {
      if (reached.has(path) || outputs[path] === undefined) return
      reached.add(path)
      for (const imported of outputs[path]!.imports) if (follow(imported.kind)) visit(imported.path)
    }
    visit(start)
    return reached
  }
  const staticPath = walk(entryOutput, (kind) => kind === 'import-statement')
  const everything = walk(entryOutput, (kind) => kind === 'import-statement' || kind === 'dynamic-import')
  const lazyPath = new Set([...everything].filter((path) => !staticPath.has(path)))
  const texts = new Map(result.outputFiles.map((file) => [relative(root, file.path), file.text]))
  const ownSources = Object.keys(result.metafile.inputs)
    .filter((input) => !input.split('/').includes('node_modules'))
    .map((input) => resolve(root, input))
  return { builtinImports, staticPath, lazyPath, metafile: result.metafile, textOf: (output) => texts.get(output)!, ownSources }
}

/** A global used as a value, not a property name or key: `process.env`, `Buffer.from`, `new Buffer()`. */
const nodeGlobalUse = /(?<![.\w$])(?:Buffer|process)\b(?!\s*:)/g

/**
 * Identifiers in `files` whose every declaration is in @types/node: Node-only
 * globals (`Buffer`, `process`, `__dirname`, `setImmediate`) and modules
 * (`node:fs`). Globals declared by the web platform too (`fetch`, `URL`,
 * `setTimeout`, `TextEncoder`) have a lib.dom declaration and pass.
 */
function nodeOnlyNames(files: string[], typeRoots: string[]): string[] {
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
    typeRoots,
    skipLibCheck: true,
    noEmit: true,
  })
  const checker = program.getTypeChecker()
  const fromNodeTypes = (declaration: ts.Declaration) => declaration.getSourceFile().fileName.includes('/@types/node/')
  const found: string[] = []
  for (const file of files) {
    const source = program.getSourceFile(file)
    if (source === undefined) throw new Error(`not in the program: ${file}`)
    const visit = (node: ts.Node) => {
      if (ts.isIdentifier(node) || ts.isStringLiteral(node)) {
        let symbol = checker.getSymbolAtLocation(node)
        if (symbol !== undefined && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol)
        const declarations = symbol?.declarations ?? []
        if (declarations.length > 0 && declarations.every(fromNodeTypes)) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart())
          found.push(`${relative(repoRoot, file)}:${line + 1} ${node.getText()}`)
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return found
}

const typeRoots = [join(repoRoot, 'node_modules/@types')]
const ownCode = (found: BuiltinImport) => !found.importer.split('/').includes('node_modules')

describe('the client bundles for a neutral platform with an edge bundler\'s conditions (workerd, worker, browser)', () => {
  let bundle: NeutralBundle
  beforeAll(async () => {
    bundle = await bundleNeutral(repoRoot, 'src/index.ts')
  }, 60_000)

  const lazyInputs = () => [...bundle.lazyPath].flatMap((output) => Object.keys(bundle.metafile.outputs[output]!.inputs))

  test('the bundle holds the client and, behind import(), the XML codec', () => {
    expect(bundle.ownSources).toContain(join(repoRoot, 'src/index.ts'))
    expect(bundle.ownSources).toContain(join(repoRoot, 'src/codec/xml/xml-codec.ts'))
    expect(lazyInputs()).toContain('src/codec/xml/xml-codec.ts')
  })

  test('nothing in it imports a Node built-in, on the JSON path or the XML one, ours or a dependency\'s', () => {
    expect(bundle.builtinImports).toEqual([])
    for (const output of Object.keys(bundle.metafile.outputs)) {
      expect(bundle.metafile.outputs[output]!.imports.filter((imported) => imported.external), output).toEqual([])
    }
  })

  test('the JSON path (what an app loads before its first JSON call) uses no Buffer or process', () => {
    for (const output of bundle.staticPath) expect(bundle.textOf(output).match(nodeGlobalUse), output).toBeNull()
  })

  test('XML requests are written by the string writer there, not by xmlbuilder2', () => {
    expect(lazyInputs()).toContain('src/codec/xml/string-request-writer.ts')
    expect(lazyInputs().filter((input) => input.includes('xmlbuilder2') || input.endsWith('node-request-writer.ts'))).toEqual([])
  })

  test('our client code uses no Node-only global or module (Buffer, process, node:*), JSON and XML codecs included', () => {
    expect(nodeOnlyNames(bundle.ownSources, typeRoots)).toEqual([])
  }, 60_000)
})

describe('under the node condition, XML requests are written by xmlbuilder2', () => {
  test("the Node writer and xmlbuilder2 are in the bundle; the built-ins it then needs are xmlbuilder2's, not our code's", async () => {
    const bundle = await bundleNeutral(repoRoot, 'src/index.ts', ['node'])
    const inputs = Object.keys(bundle.metafile.inputs)
    expect(inputs).toContain('src/codec/xml/node-request-writer.ts')
    expect(inputs).not.toContain('src/codec/xml/string-request-writer.ts')
    expect(inputs.some((input) => input.startsWith('node_modules/xmlbuilder2/'))).toBe(true)
    expect(bundle.builtinImports.filter(ownCode)).toEqual([])
    expect(bundle.builtinImports.length).toBeGreaterThan(0)
  }, 60_000)
})

describe('the checks catch what they look for', () => {
  let folder: string
  let bundle: NeutralBundle
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'neutral-check-'))
    writeFileSync(join(folder, 'entry.ts'), "import { createHash } from 'node:crypto'\nexport const digest = () => createHash('sha256').update(Buffer.from(process.env.X ?? '')).digest('hex')\nexport const lazy = () => import('./lazy.js')\n")
    writeFileSync(join(folder, 'lazy.ts'), "import { readFileSync } from 'fs'\nexport const read = () => readFileSync(__dirname)\n")
    bundle = await bundleNeutral(folder, 'entry.ts')
  }, 60_000)
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  test('built-in imports of our own files, static and lazy', () => {
    expect(bundle.builtinImports.filter(ownCode)).toEqual([
      { specifier: 'node:crypto', importer: 'entry.ts' },
      { specifier: 'fs', importer: 'lazy.ts' },
    ])
  })

  test('Buffer and process in the JSON path', () => {
    const text = [...bundle.staticPath].map(bundle.textOf).join('\n')
    expect(text.match(nodeGlobalUse)?.sort()).toEqual(['Buffer', 'process'])
  })

  test('Node-only globals and modules in the source', () => {
    const names = nodeOnlyNames(bundle.ownSources, typeRoots).map((line) => line.split(' ')[1])
    expect(names).toEqual(expect.arrayContaining(["'node:crypto'", 'Buffer', 'process', "'fs'", '__dirname']))
  }, 60_000)
})
