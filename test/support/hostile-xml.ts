// Bodies a hostile server could send to make an XML decoder work hard: constructs left open and
// repeated by the hundred thousand, DOCTYPEs hidden behind other markup. Shared by
// test/hostile-xml.test.ts (each must be a typed error, soon) and bench/hostile.ts (how soon).

/** `head`, then `unit` as many times as fit in `size` characters (ASCII: bytes), then `tail`. */
export function filled(size: number, head: string, unit: string, tail = ''): string {
  return head + unit.repeat(Math.max(0, Math.floor((size - head.length - tail.length) / unit.length))) + tail
}

/** Unclosed constructs repeated to `size`: each is a body no XML parser may accept. */
export function unboundedBodies(size: number): Record<string, string> {
  return {
    // The body: a DOCTYPE, then comment openers (5 s at 256 KiB before, quadratic).
    'DOCTYPE then comment openers': filled(size, '<!DOCTYPE x><response>', '<!--'),
    'DOCTYPE with a subset of comment openers': filled(size, '<!DOCTYPE x [', '<!--'),
    'DOCTYPE with ENTITY declarations': filled(size, '<!DOCTYPE x [', '<!ENTITY a "b">'),
    'comment openers': filled(size, '<response>', '<!--'),
    'CDATA openers': filled(size, '<response>', '<![CDATA['),
    'processing instruction openers': filled(size, '<response>', '<?x '),
    'PIs holding comment openers': filled(size, '<response>', '<?x <!-- ?>'),
    'comments holding PI openers': filled(size, '<?xml version="1.0"?><response>', '<!-- <? -->'),
    'declaration openers': filled(size, '<response>', '<!'),
    'DOCTYPE openers inside the root': filled(size, '<response>', '<!DOCTYPE '),
    'ampersands': filled(size, '<response><a>', '&'),
    'unknown entity references': filled(size, '<response><a>', '&e;'),
  }
}

/**
 * Bodies that are linear but costly for fast-xml-parser's validator (it builds tag names and
 * attribute strings a character at a time): measured in the bench beside the unbounded ones.
 */
export function costlyBodies(size: number): Record<string, string> {
  return {
    'tag openers': filled(size, '<response>', '<'),
    'closing-tag openers': filled(size, '<response>', '</'),
    'repeated attributes, tag left open': filled(size, '<response><a', ' b="1"'),
    'nesting left open': filled(size, '<response>', '<a>'),
  }
}

/** Every hostile body, unbounded and costly, at `size`: what the bench and the cap test go through. */
export function hostileBodies(size: number): Record<string, string> {
  return { ...unboundedBodies(size), ...costlyBodies(size) }
}
