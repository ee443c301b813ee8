// The client path (`iletimerkezi`, the lazy XML codec included) must run on any runtime with fetch,
// crypto.subtle and TextEncoder: bundled for esbuild's neutral platform, our own code may not import a
// Node built-in nor touch a Node-only global. xmlbuilder2 (a dependency of the XML codec) requires
// `events` and `url`: the XML path is checked for our code only, and its built-ins are named in README.
import { build, type Metafile } from 'esbuild'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
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

async function bundleNeutral(root: string, entry: string): Promise<NeutralBundle> {
  const builtinImports: BuiltinImport[] = []
  const result = await build({
    absWorkingDir: root,
    entryPoints: { client: entry },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    // Neutral resolves no package entry fields by itself; these are what a browser or edge bundler reads.
    mainFields: ['module', 'main'],
    // Minified: comments gone, globals kept (they cannot be renamed), so a text check sees only code.
    minify: true,
    write: false,
    outdir: 'out',
    metafile: true,
    logLevel: 'silent',
    plugins: [
      {
        name: 'record-builtins',
        setup(builder) {
          // On the neutral platform a built-in does not resolve: record it and leave it external.
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

describe('the client bundles for a neutral platform (esbuild platform: neutral)', () => {
  let bundle: NeutralBundle
  beforeAll(async () => {
    bundle = await bundleNeutral(repoRoot, 'src/index.ts')
  }, 60_000)

  test('the bundle holds the client and, behind import(), the XML codec', () => {
    expect(bundle.ownSources).toContain(join(repoRoot, 'src/index.ts'))
    expect(bundle.ownSources).toContain(join(repoRoot, 'src/codec/xml/xml-codec.ts'))
    const lazyInputs = [...bundle.lazyPath].flatMap((output) => Object.keys(bundle.metafile.outputs[output]!.inputs))
    expect(lazyInputs).toContain('src/codec/xml/xml-codec.ts')
  })

  test('no file of ours imports a Node built-in, on the JSON path or the XML one', () => {
    expect(bundle.builtinImports.filter(ownCode)).toEqual([])
  })

  test('the JSON path (what an app loads before its first JSON call) imports no built-in and uses no Buffer or process', () => {
    for (const output of bundle.staticPath) {
      const externals = bundle.metafile.outputs[output]!.imports.filter((imported) => imported.external)
      expect(externals, output).toEqual([])
      expect(bundle.textOf(output).match(nodeGlobalUse), output).toBeNull()
    }
  })

  test('the XML path needs only the built-ins README names, required by xmlbuilder2, not by our code', () => {
    const lazyExternals = [...bundle.lazyPath].flatMap((output) => bundle.metafile.outputs[output]!.imports.filter((imported) => imported.external))
    expect(lazyExternals.map((imported) => imported.path).every((path) => ['events', 'url'].includes(path))).toBe(true)
    for (const found of bundle.builtinImports) expect(found.importer, found.specifier).toMatch(/^node_modules\/(xmlbuilder2|@oozcitak)\//)
  })

  test('our client code uses no Node-only global or module (Buffer, process, node:*), JSON and XML codecs included', () => {
    expect(nodeOnlyNames(bundle.ownSources, typeRoots)).toEqual([])
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
